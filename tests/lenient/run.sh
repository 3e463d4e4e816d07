#!/bin/bash
# tests/lenient/run.sh ZEROCAST [B]: tolerant walks and @policy constraints
# (issue #24 items 3 and 4) on lenient.pcap, against tshark:
#   1. the driver (ASan + UBSan, exact-size buffers) prints lenient.expect;
#   2. expect.py reproduces lenient.expect from tshark (skipped without it);
#   3. make.py reproduces lenient.pcap byte for byte (skipped without scapy);
#   4. every struct that has an @policy constraint has NAME_parse_ex, and
#      every struct with a switch with a length NAME_next_tolerant, in the
#      zoo schema tests/lenient/policy.zc compiled warning-free (driver 2).
# Last line: "N passed, M failed".
set -u
ZC=${1:?usage: run.sh ZEROCAST [BUILD]}
B=${2:-build}
D=$(cd "$(dirname "$0")" && pwd)
W=$B/lenient
mkdir -p "$W"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok    $1"; }
bad() { fail=$((fail + 1)); echo "FAIL  $1"; }
# shellcheck disable=SC2054  # -fsanitize=address,undefined is one word
CFLAGS=(-std=c11 -O1 -g -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Werror -fsanitize=address,undefined -fno-sanitize-recover=all)

for s in dhcp ethernet ipv4 udp icmpv4; do
    "$ZC" -I schemas -r "schemas/$s.zc" -o "$W/$s.zc.h" 2>/dev/null || "$ZC" -I schemas "schemas/$s.zc" -o "$W/$s.zc.h"
done
if cc "${CFLAGS[@]}" -Iruntime -I"$W" "$D/lenient.c" -o "$W/lenient" 2> "$W/cc.log"; then
    ok "driver builds (gcc, strict flags, ASan+UBSan)"
    if "$W/lenient" "$D/lenient.pcap" > "$W/lenient.out" 2> "$W/lenient.err" && diff -u "$D/lenient.expect" "$W/lenient.out"; then
        ok "tolerant walk and policy parses match tshark (lenient.expect)"
    else
        cat "$W/lenient.err"; bad "driver output differs from lenient.expect (- tshark, + zerocast)"
    fi
else
    cat "$W/cc.log"; bad "driver builds"
fi

if command -v tshark > /dev/null && [ -x /usr/bin/python3 ]; then
    if /usr/bin/python3 "$D/expect.py" "$D/lenient.pcap" > "$W/lenient.expect" && cmp -s "$W/lenient.expect" "$D/lenient.expect"; then
        ok "expect.py reproduces lenient.expect from tshark"
    else
        diff -u "$D/lenient.expect" "$W/lenient.expect"; bad "expect.py reproduces lenient.expect"
    fi
else
    echo "skip  expect.py (no tshark)"
fi

if /usr/bin/python3 -c 'import scapy' 2> /dev/null; then
    if /usr/bin/python3 "$D/make.py" "$W/lenient.pcap" && cmp -s "$W/lenient.pcap" "$D/lenient.pcap"; then
        ok "make.py reproduces lenient.pcap"
    else
        bad "make.py reproduces lenient.pcap"
    fi
else
    echo "skip  make.py (no scapy)"
fi

if [ -f "$D/policy.zc" ]; then
    if "$ZC" -I schemas "$D/policy.zc" -o "$W/policy.zc.h" && cc "${CFLAGS[@]}" -Iruntime -I"$W" "$D/policy_test.c" -o "$W/policy_test" 2> "$W/cc2.log"; then
        ok "policy.zc compiles warning-free"
        if "$W/policy_test" > "$W/policy.out"; then
            ok "policy.zc: @policy in every position ($(tail -1 "$W/policy.out"))"
        else
            cat "$W/policy.out"; bad "policy.zc: @policy in every position"
        fi
    else
        cat "$W/cc2.log" 2> /dev/null; bad "policy.zc compiles"
    fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
