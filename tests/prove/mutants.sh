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
# (udp_next). A mutant whose goals all prove fails the test. With
# MUTANTS_COMPLEX=1 (make prove) also a parameter's range check, an
# optional field's length check and a switch case's accessor (below). Ends with "N passed, M failed".
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
check() {   # NAME FUNCTION SED-EXPRESSION [SCHEMA, default udp]
    local name=$1 fn=$2 expr=$3 h=$out/$1.h orig=$out/${4:-udp}.orig.h
    sed "$expr" "$orig" >"$h"
    if cmp -s "$h" "$orig"; then
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

# MUTANTS_PROVED_HEADER (tests/prove/quick.sh): a udp.zc.h that run.sh has
# just proved whole; the same bytes need not be proved again.
if [ -n "${MUTANTS_PROVED_HEADER:-}" ] && cmp -s "$MUTANTS_PROVED_HEADER" "$out/udp.orig.h"; then
    echo "ok    unmutated udp_parse, udp_checksum, udp_next: proved with the rest of udp.zc.h (run.sh, same header)"; passed=$((passed + 1))
elif r=$(prove "$out/udp.orig.h" udp_parse,udp_checksum,udp_next "$out/orig.log") && [ -n "$r" ] && [ "${r%/*}" = "${r#*/}" ]; then
    echo "ok    unmutated udp_parse, udp_checksum, udp_next: $r goals proved"; passed=$((passed + 1))
else
    echo "FAIL  unmutated: ${r:-frama-c failed} (see $out/orig.log)"; failed=$((failed + 1))
fi
check length-check udp_parse 's/UDP_OFF_PAYLOAD + (uint64_t)n > len)/UDP_OFF_PAYLOAD + (uint64_t)n > len + 1)/'
check accessor-offset udp_checksum 's/zc_load_be16(v.zc_base + UDP_OFF_CHECKSUM)/zc_load_be16(v.zc_base + UDP_OFF_CHECKSUM + 1)/'
check iterator-bound udp_next 's/it->zc_end - it->zc_pos)/it->zc_end - it->zc_pos + 1)/'
# the complex structs (make prove only, MUTANTS_COMPLEX=1: beyond make
# prove-quick's time budget): a parameter's range check that lets one
# value too many through (rtcp_bye_parse: the view would keep sc = 32,
# S_zc_valid says <= 31) and an optional field's length check one byte
# short (gre_parse: the segment after it would start past the bytes
# checked) and a switch case read one byte further (tcp_option_mss: its
# last byte one past the switch's body, which may end the view)
if [ "${MUTANTS_COMPLEX:-0}" = 1 ]; then
    for s in rtcp gre tcp; do
        "$zc" --acsl -r -I "$root/schemas" "$root/schemas/$s.zc" -o "$out/h/$s.zc.h" || exit 2
        cp "$out/h/$s.zc.h" "$out/$s.orig.h"
    done
    r=$(prove "$out/rtcp.orig.h" rtcp_bye_parse "$out/orig-rtcp.log")
    r2=$(prove "$out/gre.orig.h" gre_parse "$out/orig-gre.log")
    r3=$(prove "$out/tcp.orig.h" tcp_option_mss "$out/orig-tcp.log")
    if [ -n "$r" ] && [ "${r%/*}" = "${r#*/}" ] && [ -n "$r2" ] && [ "${r2%/*}" = "${r2#*/}" ] &&
       [ -n "$r3" ] && [ "${r3%/*}" = "${r3#*/}" ]; then
        echo "ok    unmutated rtcp_bye_parse ($r), gre_parse ($r2), tcp_option_mss ($r3): every goal proved"
        passed=$((passed + 1))
    else
        echo "FAIL  unmutated rtcp_bye_parse ${r:-frama-c failed}, gre_parse ${r2:-frama-c failed}," \
             "tcp_option_mss ${r3:-frama-c failed} (see $out/orig-*.log)"
        failed=$((failed + 1))
    fi
    check param-range rtcp_bye_parse 's/if (zc_p_sc > UINT64_C(31))/if (zc_p_sc > UINT64_C(32))/' rtcp
    check optional-length gre_parse 's/if (len - GRE_OFF_CHECKSUM < 2)/if (len - GRE_OFF_CHECKSUM < 1)/' gre
    check switch-case tcp_option_mss \
        's/return zc_load_be16(v.zc_base + tcp_option_zc_seg1(v));/return zc_load_be16(v.zc_base + tcp_option_zc_seg1(v) + 1);/' tcp
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
