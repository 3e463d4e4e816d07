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
# shellcheck source=tests/prove/mutate.sh
. "$here/mutate.sh"
mut_why3
"$zc" --acsl -r -I "$root/schemas" "$root/schemas/udp.zc" -o "$out/h/udp.zc.h" || exit 2
cp "$out/h/udp.zc.h" "$out/udp.orig.h"

prove() {   # HEADER FUNCTIONS LOG: prints "proved/goals"
    mut_prove "$root/runtime" "$@"
}

passed=0 failed=0
check() {   # NAME FUNCTION SED-EXPRESSION [SCHEMA, default udp]
    mut_check "$1" "$2" "$3" "$out/${4:-udp}.orig.h" "$root/runtime" "$out/$1.h" "$out/$1.log"
}

# MUTANTS_PROVED_HEADER (tests/prove/quick.sh): a udp.zc.h that run.sh has
# just proved whole; the same bytes need not be proved again.
if [ -n "${MUTANTS_PROVED_HEADER:-}" ] && cmp -s "$MUTANTS_PROVED_HEADER" "$out/udp.orig.h"; then
    echo "ok    unmutated udp_parse, udp_checksum, udp_next: proved with the rest of udp.zc.h (run.sh, same header)"; passed=$((passed + 1))
else
    mut_unmutated "udp_parse, udp_checksum, udp_next" "$root/runtime" "$out/udp.orig.h" \
        udp_parse,udp_checksum,udp_next "$out/orig.log"
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
    if mut_proved "$r" && mut_proved "$r2" && mut_proved "$r3"; then
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
