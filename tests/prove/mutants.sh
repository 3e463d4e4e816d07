#!/bin/bash
# tests/prove/mutants.sh - the proof catches real bugs: off-by-one
# mutants of a generated header must each leave a WP goal unproved.
#
#   bash tests/prove/mutants.sh ZEROCAST OUTDIR
#
# Generates udp.zc.h with --acsl, proves the three functions the mutants
# touch as they are (all goals must be proved), then, one at a time, in a
# scratch copy: a length check that accepts one byte too many (udp_parse),
# an accessor that reads one byte further (udp_checksum) and an iterator
# step that gives the element parser one byte past the array's region
# (udp_next). A mutant whose goals all prove fails the test. Ends with
# "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2/mutants/h"
out=$(cd "$2" && pwd)/mutants
export WHY3CONFIG=$out/why3.conf
[ -s "$WHY3CONFIG" ] || why3 config detect -C "$WHY3CONFIG" >/dev/null 2>&1 ||
    { echo "why3 config detect failed"; exit 2; }
"$zc" --acsl -r -I "$root/schemas" "$root/schemas/udp.zc" -o "$out/h/udp.zc.h" || exit 2
cp "$out/h/udp.zc.h" "$out/udp.orig.h"

# prove HEADER FUNCTION LOG: prints "proved/goals"
prove() {
    frama-c -cpp-extra-args="-I$root/runtime -I$out/h -include $1" "$here/harness.c" \
        -wp -wp-rte -wp-no-init-const -warn-signed-downcast -wp-prover z3,cvc4 \
        -wp-timeout "${PROVE_TIMEOUT:-20}" -wp-par "${PROVE_PAR:-2}" -wp-fct "$2" >"$3" 2>&1
    grep -E '^\[wp\] Proved goals:' "$3" | sed -E 's/.*: *([0-9]+) *\/ *([0-9]+).*/\1\/\2/'
}

passed=0 failed=0
check() {   # NAME FUNCTION SED-EXPRESSION
    local name=$1 fn=$2 expr=$3 h=$out/$1.h
    sed "$expr" "$out/udp.orig.h" >"$h"
    if cmp -s "$h" "$out/udp.orig.h"; then
        echo "FAIL  $name: the mutation does not apply (the generated code changed?)"
        failed=$((failed + 1)); return
    fi
    local r; r=$(prove "$h" "$fn" "$out/$name.log")
    if [ -z "$r" ]; then
        echo "FAIL  $name: frama-c failed (see $out/$name.log)"; failed=$((failed + 1))
    elif [ "${r%/*}" = "${r#*/}" ]; then
        echo "FAIL  $name: every goal proved ($r): the proof missed the bug"; failed=$((failed + 1))
    else
        echo "ok    $name: $r goals proved; unproved:"
        grep -E '^\[wp\] \[(Failed|Unknown|Timeout)\]' "$out/$name.log" | sed 's/^\[wp\]/        /'
        passed=$((passed + 1))
    fi
}

r=$(prove "$out/udp.orig.h" udp_parse,udp_checksum,udp_next "$out/orig.log")
if [ -n "$r" ] && [ "${r%/*}" = "${r#*/}" ]; then
    echo "ok    unmutated udp_parse, udp_checksum, udp_next: $r goals proved"; passed=$((passed + 1))
else
    echo "FAIL  unmutated: ${r:-frama-c failed} (see $out/orig.log)"; failed=$((failed + 1))
fi
check length-check udp_parse 's/UDP_OFF_PAYLOAD + (uint64_t)n > len)/UDP_OFF_PAYLOAD + (uint64_t)n > len + 1)/'
check accessor-offset udp_checksum 's/zc_load_be16(v.zc_base + UDP_OFF_CHECKSUM)/zc_load_be16(v.zc_base + UDP_OFF_CHECKSUM + 1)/'
check iterator-bound udp_next 's/it->zc_end - it->zc_pos)/it->zc_end - it->zc_pos + 1)/'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
