#!/usr/bin/env bash
# Re-derives every tests/captures/*.expect from its pcap with tshark and
# checks it is byte-identical to the committed file, and that the tshark
# mapping covers every field of every bundled schema. This proves the packet
# tests' expected values come from Wireshark's dissectors, not from zerocast.
set -u
cd "$(dirname "$0")/../.." || exit 1
pass=0 fail=0
if /usr/bin/python3 tests/tools/tshark_expect.py --check-schemas schemas; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
fi
for pcap in tests/captures/*.pcap; do
    want=${pcap%.pcap}.expect
    if /usr/bin/python3 tests/tools/tshark_expect.py "$pcap" | cmp -s - "$want"; then
        pass=$((pass + 1)); echo "ok    $want"
    else
        fail=$((fail + 1)); echo "FAIL  $want differs from tshark's decoding of $pcap"
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
