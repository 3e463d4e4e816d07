#!/bin/bash
# tests/prove/mutants-write.sh - the proof of the write side catches real
# bugs: mutants of a generated header's setters and checksum fill, and of
# the runtime's Internet checksum, must each leave a WP goal unproved.
#
#   bash tests/prove/mutants-write.sh ZEROCAST OUTDIR
#
# Generates udp.zc.h with --acsl and proves, as they are, the functions the
# mutants touch (all goals must be proved). Then, one at a time, in a
# scratch copy: a setter that writes one byte further (udp_set_checksum),
# a byte-array setter that copies one byte more than the field holds
# (udp_set_payload), a writable view one byte off its buffer
# (udp_parse_mut), a checksum fill whose range check lets one byte too
# many through (udp_fill_checksum, IPv4's 16-bit length), a checksum
# loop that reads a word past the end (runtime zc_csum_partial_); for the
# CRCs (sctp.zc.h, runtime zc_crc_update_ and its tables): a CRC-32C fill
# over one byte more than the message (sctp_fill_checksum), a CRC loop
# that reads one byte past the end and a table index masked to 9 bits
# instead of 8. A mutant whose goals all prove fails the test. Ends with
# "N passed, M failed". docs/hardening.md, "Setters, builders, checksums".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2/mutants-write/h" "$2/mutants-write/rt"
out=$(cd "$2" && pwd)/mutants-write
# shellcheck source=tests/prove/mutate.sh
. "$here/mutate.sh"
mut_why3
"$zc" --acsl -r -I "$root/schemas" "$root/schemas/udp.zc" -o "$out/h/udp.zc.h" || exit 2
"$zc" --acsl -r -I "$root/schemas" "$root/schemas/sctp.zc" -o "$out/h/sctp.zc.h" || exit 2
cp "$out/h/udp.zc.h" "$out/udp.orig.h"
cp "$out/h/sctp.zc.h" "$out/sctp.orig.h"
cp "$root"/runtime/*.h "$out/rt/"
printf '#include "zerocast.h"\n#include "zerocast_csum.h"\n' >"$out/csum.c"

passed=0 failed=0
# check NAME FUNCTION SED-EXPRESSION [SCHEMA]: a mutant of the generated
# header (udp.zc.h unless SCHEMA is given), proved with the runtime copy
check() {
    mut_check "$1" "$2" "$3" "$out/${4:-udp}.orig.h" "$out/rt" "$out/$1.h" "$out/$1.log"
}

# unmutated SCHEMA FUNCTIONS: all their goals must prove
unmutated() {
    mut_unmutated "${2//,/, }" "$out/rt" "$out/$1.orig.h" "$2" "$out/orig-$1.log"
}
unmutated udp udp_set_checksum,udp_set_payload,udp_parse_mut,udp_fill_checksum,zc_csum_partial_
unmutated sctp sctp_fill_checksum,zc_crc_update_,zc_crc32c_tab_,zc_crc32_tab_
check setter-offset udp_set_checksum \
    's/zc_store_be16(m.zc_wbase + UDP_OFF_CHECKSUM, x)/zc_store_be16(m.zc_wbase + UDP_OFF_CHECKSUM + 1, x)/'
check copy-length udp_set_payload \
    's/memmove(m.zc_wbase + (cur.ptr - m.v.zc_base), src, n)/memmove(m.zc_wbase + (cur.ptr - m.v.zc_base), src, n + 1)/'
check writable-base udp_parse_mut 's/? (uint8_t \*)buf : NULL/? (uint8_t *)buf + 1 : NULL/'
check fill-range udp_fill_checksum 's/if (!zc_pseudo_fits(ph, m.v.zc_len))/if (!zc_pseudo_fits(ph, m.v.zc_len - 1))/'
check crc-fill-length sctp_fill_checksum \
    's/zc_crc32c_skip(m.v.zc_base, m.v.zc_len, SCTP_OFF_CHECKSUM)/zc_crc32c_skip(m.v.zc_base, m.v.zc_len + 1, SCTP_OFF_CHECKSUM)/' sctp

# runtime NAME FUNCTION SCHEMA SED-EXPRESSION: a mutant of zerocast_csum.h
runtime() {
    sed "$4" "$root/runtime/zerocast_csum.h" >"$out/rt/zerocast_csum.h"
    if cmp -s "$out/rt/zerocast_csum.h" "$root/runtime/zerocast_csum.h"; then
        echo "FAIL  $1: the mutation does not apply (the runtime changed?)"; failed=$((failed + 1))
    else
        mut_verdict "$1" "$(mut_prove "$out/rt" "$out/$3.orig.h" "$2" "$out/$1.log")" "$out/$1.log"
    fi
    cp "$root/runtime/zerocast_csum.h" "$out/rt/"
}
# the word loop of zc_csum_partial_ (its __FRAMAC__ form)
runtime checksum-loop zc_csum_partial_ udp 's/while (n - i >= 2) {/while (n - i >= 1) {/'
# the CRC loop one byte further, the CRC-32C table index over 9 bits
runtime crc-loop zc_crc_update_ sctp 's/for (size_t i = 0; i < len; i++) {/for (size_t i = 0; i <= len; i++) {/'
runtime crc-table zc_crc32c_tab_ sctp '/zc_crc32c_tab_(unsigned i)/,/^}/s/return t\[i \& 0xffu\];/return t[i \& 0x1ffu];/'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
