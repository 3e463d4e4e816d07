#!/usr/bin/env bash
# tests/enums/run.sh - the values the bundled schemas name (ICMP types and
# codes per type, ICMPv6 types and codes, DHCP options, DSCP, ECN) against
# the values tshark names: per registry, a value named on one side and not
# on the other fails, unless it is in the exception list below (each with
# its reason: an RFC newer than tshark 4.0, or a range tshark labels
# without assigning it a meaning).
#
# usage: run.sh [GENERATED_HEADERS_DIR]  (default build/schemas); needs
# tshark and /usr/bin/python3 with scapy (tshark_names.py). Prints one
# line per registry and "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
gen=${1:-$root/build/schemas}
PY=/usr/bin/python3

if ! command -v tshark >/dev/null || ! "$PY" -c 'import scapy' 2>/dev/null; then
    echo "skipped: needs tshark and python3-scapy"
    echo "0 passed, 0 failed"
    exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# registry value: named by one side only, on purpose
exceptions() {
    cat <<'EOT'
dhcp.option 128..135 PXE: vendor-specific range without one meaning (RFC 4578 3.4); tshark labels it
dhcp.option 147 DOTS reference identifier (RFC 8973): newer than tshark 4.0
dhcp.option 148 DOTS address (RFC 8973): newer than tshark 4.0
dhcp.option 162 encrypted DNS server (RFC 9463): newer than tshark 4.0
dhcp.option 175..177 tentatively assigned, never registered (IANA)
dhcp.option 224..254 site-specific / private use (RFC 2132 and RFC 3942): no names
icmpv6.code.1 8 headers too long (RFC 8883): newer than tshark 4.0
icmpv6.code.4 4..10 RFC 8754 / RFC 8883 / RFC 9534 codes: newer than tshark 4.0
icmpv6.code.140 2 "Unknown Qtype" (RFC 4620): a real name that reads as tshark's unknown marker
EOT
}

cc -std=c11 -Wall -Wextra -Werror -I "$root/runtime" -I "$gen" "$here/names.c" -o "$T/names" 2>"$T/cc.log" ||
    { echo "FAIL compile names.c"; cat "$T/cc.log"; echo "0 passed, 1 failed"; exit 1; }
"$T/names" >"$T/zc.txt"
"$PY" "$here/tshark_names.py" "$T" >"$T/ts.txt" 2>"$T/py.log" ||
    { echo "FAIL tshark_names.py"; cat "$T/py.log"; echo "0 passed, 1 failed"; exit 1; }
exceptions | awk '{ split($2, r, /\.\./); hi = (2 in r) ? r[2] : r[1];
                    for (v = r[1]; v <= hi; v++) print $1, v }' | sort >"$T/exc.k"
awk '{print $1, $2}' "$T/zc.txt" | sort >"$T/zc.k"
awk '{print $1, $2}' "$T/ts.txt" | sort >"$T/ts.k"

pass=0 fail=0
for reg in $(cut -d' ' -f1 "$T/zc.k" "$T/ts.k" | sort -u); do
    grep "^$reg " "$T/zc.k" >"$T/a" || true
    grep "^$reg " "$T/ts.k" >"$T/b" || true
    only_zc=$(comm -23 "$T/a" "$T/b" | comm -23 - "$T/exc.k")
    only_ts=$(comm -13 "$T/a" "$T/b" | comm -23 - "$T/exc.k")
    if [ -z "$only_zc$only_ts" ]; then
        pass=$((pass + 1))
        printf 'ok   %-16s %3d values named by both\n' "$reg" "$(comm -12 "$T/a" "$T/b" | wc -l)"
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n' "$reg"
        [ -n "$only_zc" ] && echo "$only_zc" | sed 's/^/    only zerocast: /'
        [ -n "$only_ts" ] && echo "$only_ts" | while read -r r v; do
            echo "    only tshark:   $r $v ($(grep "^$r $v " "$T/ts.txt" | cut -d' ' -f3-))"; done
    fi
done
# an exception that no longer differs is stale
for k in $(sed 's/ /:/' "$T/exc.k"); do
    r=${k%%:*} v=${k#*:}
    if grep -qx "$r $v" "$T/zc.k" && grep -qx "$r $v" "$T/ts.k"; then
        fail=$((fail + 1)); echo "FAIL stale exception: $r $v is named by both"
    elif ! grep -qx "$r $v" "$T/zc.k" && ! grep -qx "$r $v" "$T/ts.k"; then
        fail=$((fail + 1)); echo "FAIL stale exception: $r $v is named by neither"
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
