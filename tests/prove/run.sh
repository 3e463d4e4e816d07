#!/bin/bash
# tests/prove/run.sh - Frama-C/WP proofs of the generated code.
#
#   bash tests/prove/run.sh ZEROCAST OUTDIR SCHEMA...   (SCHEMA: udp, ethernet, ...; "runtime": the runtime)
#
# "runtime": every contracted function of runtime/zerocast.h and
# runtime/zerocast_dns.h (dns_name_zc_measure), then their lemmas (a second WP run, -wp-prop @lemma, with the Range and Bit-Shift
# tactics: -wp-auto wp:range,wp:bitshift); its row counts both.
#
# For each schema: generates its header with `zerocast --acsl -r` into
# OUTDIR/h, and runs WP with RTE guards (memory access, initialisation,
# signed overflow, shifts, downcasts) on every generated function that
# carries a contract, with z3 and cvc4 (each PROVE_TIMEOUT seconds per
# goal, default 20). Prints a table: schema, functions, goals, proved,
# unproved, seconds; then every unproved goal with its location. The why3
# configuration is detected into OUTDIR/why3.conf (a fresh machine works).
# Exit status: non-zero if a goal of a schema in PROVE_STRICT (default:
# every schema given) is unproved. Ends with "N passed, M failed" (one
# test per schema). docs/hardening.md, "Proofs".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
shift 2
mkdir -p "$out/h" "$out/log"
out=$(cd "$out" && pwd)
timeout=${PROVE_TIMEOUT:-20}
par=${PROVE_PAR:-2}
strict=${PROVE_STRICT:-$*}
export WHY3CONFIG="$out/why3.conf"
[ -s "$WHY3CONFIG" ] || why3 config detect -C "$WHY3CONFIG" >/dev/null 2>&1 ||
    { echo "why3 config detect failed"; exit 2; }

# the functions of header $1 that have an ACSL contract: the first
# function defined after each /*@ ... */ block that holds `requires` or
# `ensures`/`assigns` (predicates are skipped)
contracted() {
    awk '/^\/\*@/ { inspec = 1; contract = 0 }
         inspec && /requires|assigns|ensures/ { contract = 1 }
         inspec && /\*\/$/ { inspec = 0; armed = contract; next }
         armed && /^(static|ZC_COLD|ZC_INLINE|ZC_BIG)/ {
             if (match($0, /[A-Za-z0-9_]+\(/)) print substr($0, RSTART, RLENGTH - 1)
             armed = 0 }' "$1" | sort -u | paste -sd, -
}

# wp NAME HEADER-OR-EMPTY FUNCTIONS [OPTIONS...]: runs WP, writes $out/log/NAME.log
wp() {
    local name=$1 hdr=$2 fns=$3 inc=""
    shift 3
    [ -n "$hdr" ] && inc="-include $hdr"
    frama-c -cpp-extra-args="-I$root/runtime -I$out/h $inc" "$here/harness.c" \
        -wp -wp-rte -wp-no-init-const -warn-signed-downcast -wp-prover z3,cvc4 -wp-timeout "$timeout" -wp-par "$par" \
        ${fns:+-wp-fct "$fns"} "$@" >"$out/log/$name.log" 2>&1
}

# "proved goals" of a WP log: "PROVED GOALS", or nothing
counts() {
    grep -E '^\[wp\] Proved goals:' "$1" | tail -1 | sed -E 's/.*: *([0-9]+) *\/ *([0-9]+).*/\1 \2/'
}

passed=0 failed=0
printf '%-10s %9s %6s %7s %9s %6s\n' schema functions goals proved unproved secs
report=""
for arg in "$@"; do
    s=$arg
    t0=$(date +%s)
    if [ "$s" = runtime ]; then
        hdr=$root/runtime/zerocast_dns.h   # includes zerocast.h
        fns=$(contracted "$root/runtime/zerocast.h"),$(contracted "$hdr")
        wp runtime "$hdr" "$fns"
        # the runtime's lemmas (-wp-fct leaves them out): the bounds of
        # `>>` by a constant, which need WP's Range and Bit-Shift tactics
        wp runtime-lemmas "$hdr" "" -wp-prop @lemma -wp-auto wp:range,wp:bitshift
    else
        src=$root/schemas/$s.zc
        case $s in *.zc) src=$(cd "$(dirname "$s")" && pwd)/$(basename "$s"); s=$(basename "$s" .zc) ;; esac
        hdr=$out/h/$s.zc.h
        if ! "$zc" --acsl -r -I "$(dirname "$src")" "$src" -o "$hdr"; then
            echo "$s: zerocast failed"; failed=$((failed + 1)); continue
        fi
        fns=$(contracted "$hdr")
        if [ -z "$fns" ]; then
            printf '%-10s %9s %6s %7s %9s %6s\n' "$s" 0 - - - -
            report+="$s: no function has a contract (struct kinds not covered yet)"$'\n'
            continue
        fi
        # WP's Range and Bit-Shift tactics on a goal the provers leave:
        # the value of a `>>` over a byte (tcp's data_offset * 4 - 20 in
        # tcp_zc_seg1() and tcp_options(), session 34); goals the provers
        # prove never reach them
        wp "$s" "$hdr" "$fns" -wp-auto wp:range,wp:bitshift
    fi
    t1=$(date +%s)
    log=$out/log/$s.log
    logs=$log
    [ "$s" = runtime ] && logs="$log $out/log/runtime-lemmas.log"
    proved=0 goals=0 bad=""
    for l in $logs; do
        c=$(counts "$l")
        [ -z "$c" ] && { bad=$l; break; }
        proved=$((proved + ${c% *})) goals=$((goals + ${c#* }))
    done
    if [ -n "$bad" ]; then
        echo "$s: frama-c failed (see $bad)"; tail -5 "$bad"
        failed=$((failed + 1)); continue
    fi
    nf=$(echo "$fns" | tr ',' '\n' | wc -l)
    printf '%-10s %9s %6s %7s %9s %6s\n' "$s" "$nf" "$goals" "$proved" $((goals - proved)) $((t1 - t0))
    if [ "$proved" != "$goals" ]; then
        report+=$(cat $logs | grep -E '^\[wp\] \[(Failed|Unknown|Timeout)\]|^\[wp\] \[[A-Za-z]+\] Goal .*: (Unknown|Timeout|Failed)' |
                  sed -E "s/^\[wp\] /$s: /")$'\n'
        case " $strict " in
        *" $arg "*) failed=$((failed + 1)) ;;
        *) passed=$((passed + 1)) ;;
        esac
    else
        passed=$((passed + 1))
    fi
done
if [ -n "$report" ]; then
    echo
    echo "unproved (goal names: typed_FUNCTION_PROPERTY; logs in $out/log):"
    printf '%s' "$report"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
