#!/bin/bash
# tests/prove/frame.sh - Frama-C/WP proofs of the stream framing functions
# S_frame(buf, len) (gen/emit_acsl_frame.c; docs/hardening.md, "Frame
# functions"), and mutants that the proof must catch.
#
#   bash tests/prove/frame.sh ZEROCAST OUTDIR [SCHEMA...]
#
# SCHEMA: a bundled schema name (udp, dns, mqtt, ...) or a .zc path; none:
# every bundled schema that has an S_frame(). For each: generates its
# header with `zerocast --acsl -r` into OUTDIR/frame/h and runs WP (RTE
# guards as tests/prove/run.sh: memory access, initialisation, signed
# overflow, shifts, downcasts; z3 and cvc4, PROVE_TIMEOUT seconds per goal,
# default 20) on every S_frame() that carries a contract, with
# zc_frame_make(). Prints a table: schema, frames, with a contract, goals,
# proved, unproved, seconds; a frame without a contract (its struct is not
# covered by emit_acsl.c yet) is counted and listed, not failed.
#
# Then the mutants, in scratch copies of udp.zc.h: a COMPLETE frame one
# byte larger than the message (frame-size), a fixed prefix measured one
# byte short, so the length field is read past len (frame-prefix), and a
# NEED one byte short of the shortfall (need-count). Each must leave a goal
# unproved (FRAME_MUTANTS=0 skips them). Ends with "N passed, M failed" (a schema with an unproved goal,
# a mutant that proves, or a tool failure fails).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2/frame/h" "$2/frame/log"
out=$(cd "$2" && pwd)/frame
shift 2
timeout=${PROVE_TIMEOUT:-20}
par=${PROVE_PAR:-2}
# shellcheck source=tests/prove/mutate.sh
. "$here/mutate.sh"
mut_why3

# prove HEADER FUNCTIONS LOG: prints "proved/goals" (empty: frama-c failed)
prove() {
    frama-c -cpp-extra-args="-I$root/runtime -I$out/h -include $1" "$here/harness.c" \
        -wp -wp-rte -wp-no-init-const -warn-signed-downcast -wp-prover z3,cvc4 -wp-timeout "$timeout" \
        -wp-par "$par" -wp-fct "$2" >"$3" 2>&1
    grep -E '^\[wp\] Proved goals:' "$3" | tail -1 | sed -E 's/.*: *([0-9]+) *\/ *([0-9]+).*/\1\/\2/'
}

# the S_frame() functions of header $1, and those among them that follow
# an ACSL contract
frames() { grep -oE '^static inline zc_frame [A-Za-z0-9_]+_frame\(' "$1" | sed -E 's/.* //; s/\($//'; }
contracted_frames() {
    awk '/^\/\*@/ { inspec = 1; contract = 0 }
         inspec && /requires|assigns|ensures/ { contract = 1 }
         inspec && /\*\/$/ { inspec = 0; armed = contract; next }
         armed && /^static inline zc_frame [A-Za-z0-9_]+_frame\(/ {
             match($0, /[A-Za-z0-9_]+\(/); print substr($0, RSTART, RLENGTH - 1) }
         /^static|^ZC_/ { armed = 0 }' "$1"
}

if [ $# = 0 ]; then
    for f in "$root"/schemas/*.zc; do
        s=$(basename "$f" .zc)
        "$zc" --acsl -r -I "$root/schemas" "$f" -o "$out/h/$s.zc.h" 2>/dev/null &&
            [ -n "$(frames "$out/h/$s.zc.h")" ] && set -- "$@" "$s"
    done
fi

passed=0 failed=0 report="" uncovered=""
printf '%-10s %6s %8s %6s %7s %9s %5s\n' schema frames contract goals proved unproved secs
for arg in "$@"; do
    s=$arg src=$root/schemas/$arg.zc
    case $arg in *.zc) src=$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg"); s=$(basename "$arg" .zc) ;; esac
    hdr=$out/h/$s.zc.h
    if ! "$zc" --acsl -r -I "$(dirname "$src")" "$src" -o "$hdr"; then
        echo "$s: zerocast failed"; failed=$((failed + 1)); continue
    fi
    all=$(frames "$hdr" | sort -u)
    fns=$(contracted_frames "$hdr" | sort -u)
    nall=$(echo "$all" | grep -c .)
    nfns=$(echo "$fns" | grep -c .)
    for f in $(comm -23 <(echo "$all") <(echo "$fns")); do uncovered+="$s: $f"$'\n'; done
    if [ "$nfns" = 0 ]; then
        printf '%-10s %6s %8s %6s %7s %9s %5s\n' "$s" "$nall" 0 - - - -
        continue
    fi
    t0=$(date +%s)
    r=$(prove "$hdr" "$(echo "$fns" | paste -sd, -),zc_frame_make" "$out/log/$s.log")
    t1=$(date +%s)
    if [ -z "$r" ]; then
        echo "$s: frama-c failed (see $out/log/$s.log)"; tail -5 "$out/log/$s.log"
        failed=$((failed + 1)); continue
    fi
    printf '%-10s %6s %8s %6s %7s %9s %5s\n' "$s" "$nall" "$nfns" "${r#*/}" "${r%/*}" $((${r#*/} - ${r%/*})) $((t1 - t0))
    if [ "${r%/*}" = "${r#*/}" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        report+=$(grep -E '^\[wp\] \[(Failed|Unknown|Timeout)\]' "$out/log/$s.log" | sed -E "s/^\[wp\] /$s: /")$'\n'
    fi
done
if [ -n "$report" ]; then
    echo; echo "unproved (logs in $out/log):"; printf '%s' "$report"
fi
if [ -n "$uncovered" ]; then
    echo; echo "frames without a contract (struct not covered by emit_acsl.c yet):"
    printf '%s' "$uncovered" | awk -F': ' '$1 != last { if (NR > 1) printf "\n"; printf "  %s:", $1; last = $1 }
                                        { printf " %s", $2 } END { printf "\n" }'
fi

# the mutants: scratch copies of udp.zc.h (FRAME_MUTANTS=0: skipped)
if [ "${FRAME_MUTANTS:-1}" = 0 ]; then
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
    exit
fi
echo
"$zc" --acsl -r -I "$root/schemas" "$root/schemas/udp.zc" -o "$out/udp.orig.h" || exit 2
mutant() {   # NAME SED-EXPRESSION: a mutant of udp_frame
    mut_check "$1" udp_frame "$2" "$out/udp.orig.h" "$root/runtime" "$out/h/mutant-$1.h" "$out/log/mutant-$1.log"
}
mutant frame-size 's/return zc_frame_make(ZC_FRAME_COMPLETE, t.zc_len, st);/return zc_frame_make(ZC_FRAME_COMPLETE, t.zc_len + 1, st);/'
mutant frame-prefix '/^static inline zc_frame udp_frame(/,/^}/s/^        end = 8;$/        end = 5;/'
mutant need-count 's/need = (size_t)(end - len);/need = (size_t)(end - len - 1);/'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
