#!/usr/bin/env bash
# run.sh - the generated Wireshark dissector (zerocast --emit=wireshark)
# against zcdump and the generated C code, field by field (docs/wireshark.md).
#
#   bash tests/wireshark/run.sh ZEROCAST ZCDUMP OUTDIR [full]
#
# 1. schemas/packet.zc's dissector (ethernet registered on wtap_encap 1) on
#    every capture of tests/captures (and, with `full`, zcdump's corpus and
#    3000 damaged frames from tests/zcdump/mutate.py): tshark -T json -x
#    against zcdump --json-offsets, by tests/wireshark/compare.py.
# 2. the three user-style schemas of tests/wireshark/user (an invented
#    protocol each, captures crafted by user/make.py with scapy): the
#    dissector against zcjson.c (the generated NAME_parse_deep() and
#    NAME_visit(), printed as zcdump prints a layer).
# 3. bundled schemas of tests/protocols (a sample; all with `full`): the
#    dissector against zcjson.c finding the root after a packet_walk() layer.
# 4. the command line: --register's errors.
# Prints "N passed, M failed"; exit 1 on a failure. Needs tshark with Lua.
set -u
ZEROCAST=$1 ZCDUMP=$2 OUT=$3 MODE=${4:-check}
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$HERE/../.."
PY=/usr/bin/python3
mkdir -p "$OUT"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if ! tshark -v 2>/dev/null | grep -q "with Lua"; then
    echo "run.sh: tshark with Lua is needed"; echo "0 passed, 1 failed"; exit 1
fi

compare() {   # NAME LUA PCAP REFERENCE-PROGRAM [--zcdump-only ...]
    local name=$1; shift
    if "$PY" "$HERE/compare.py" "$3" "$1" "$2" "${@:4}" >"$OUT/$name.log" 2>&1; then
        ok
    else
        bad "$name: $(tail -1 "$OUT/$name.log")"; head -20 "$OUT/$name.log" | sed 's/^/    /'
    fi
    echo "  $name: $(tail -1 "$OUT/$name.log")"
}

# ---- 1. the bundled stack against zcdump -------------------------------
ZONLY=icmpv4_echo,icmpv6_echo,nd_router_solicit,nd_router_advert,nd_neighbor_solicit,nd_neighbor_advert,nd_redirect
if "$ZEROCAST" --emit=wireshark --register=wtap_encap=1:ethernet -I "$ROOT/schemas" \
        "$ROOT/schemas/packet.zc" -o "$OUT/packet.lua"; then ok; else bad "packet.zc: no dissector"; fi
caps=("$ROOT"/tests/captures/*.pcap "$ROOT/tests/captures/malformed/malformed.pcap"
      "$ROOT/tests/captures/stack/walk.pcap" "$ROOT/tests/captures/json/nonascii.pcap")
if [ "$MODE" = full ]; then
    for f in "$ROOT"/tests/captures/zcdump/*.pcap*; do
        case "$(capinfos -E -T -r "$f" 2>/dev/null | tail -1 | cut -f2)" in ether) caps+=("$f") ;; esac
    done
    "$PY" "$ROOT/tests/zcdump/mutate.py" 3000 22 "$OUT/mutated.pcap" "$ROOT"/tests/captures/*.pcap \
        "$ROOT"/tests/captures/zcdump/crafted-*.pcap "$ROOT"/tests/captures/zcdump/lo-*.pcap
    caps+=("$OUT/mutated.pcap")
fi
if [ "$MODE" = full ]; then
    for f in "${caps[@]}"; do
        compare "packet-$(basename "${f%.pcap*}")" "$OUT/packet.lua" "$f" "$ZCDUMP" --zcdump-only "$ZONLY"
    done
else
    # one tshark run (its start-up is most of the time): the captures end to end
    mergecap -a -F pcap -w "$OUT/captures.pcap" "${caps[@]}"
    compare "packet-captures" "$OUT/packet.lua" "$OUT/captures.pcap" "$ZCDUMP" --zcdump-only "$ZONLY"
fi

# ---- 2. user-style schemas against the generated C ------------------------
"$PY" "$HERE/user/make.py" "$OUT" 2>/dev/null
for s in sensor chat game; do
    if cmp -s "$OUT/$s.pcap" "$HERE/user/$s.pcap"; then ok; else bad "user/make.py does not reproduce $s.pcap"; fi
done
declare -A REG=([sensor]="" [chat]="--register=udp.port=7777:chat" [game]="--register=udp.port=5555:game")
for s in sensor chat game; do
    "$ZEROCAST" -r -I "$ROOT/schemas" "$HERE/user/$s.zc" -o "$OUT/$s.zc.h" &&
    "$ZEROCAST" -I "$ROOT/schemas" --emit=wireshark ${REG[$s]} "$HERE/user/$s.zc" -o "$OUT/$s.lua" &&
    cc -std=c11 -D_DEFAULT_SOURCE -O1 -Wall -Wextra -Werror -I "$ROOT/runtime" -I "$OUT" -DZJ_HEADER="\"$s.zc.h\"" -DZJ_ROOT=$s \
        -DZJ_OFFSET=42 "$HERE/zcjson.c" -o "$OUT/zcjson-$s" -lpcap || { bad "$s: does not build"; continue; }
    compare "user-$s" "$OUT/$s.lua" "$HERE/user/$s.pcap" "$OUT/zcjson-$s"
    # every damaged frame (after the good ones) reported by the dissector
    n=$(grep -c '"code":"ok"' < <("$OUT/zcjson-$s" "$HERE/user/$s.pcap"))
    m=$("$OUT/zcjson-$s" "$HERE/user/$s.pcap" | grep -vc '"code":"ok"')
    if [ "$m" -ge 4 ] && [ "$n" -ge 3 ]; then ok; else bad "$s.pcap: $n good and $m damaged frames, expected >= 3 and >= 4"; fi
done

# ---- 3. bundled schemas of tests/protocols against the generated C --------
# Each root is reached as a user would: a stack rule after packet.zc's
# layer (the port, protocol number or EtherType of the capture), in a
# schema importing packet.zc and the protocol; zcjson finds the same layer
# with packet_walk_each(). icmp-errors (icmpv4_error after ipv4: packet.zc
# routes protocol 1 to icmpv4 first), bgp (a parameter) and radiotap
# (its own link type) are not reachable this way.
#        name    schema      root        after  values
PROTOS=("ntp     ntp.zc      ntp         udp    123"
        "dhcpv6  dhcpv6.zc   dhcpv6      udp    546,547"
        "mqtt    mqtt.zc     mqtt        tcp    1883"
        "quic    quic.zc     quic        udp    443"
        "rtcp    rtcp.zc     rtcp        udp    5005"
        "rtp     rtp.zc      rtp         udp    5004"
        "stun    stun.zc     stun        udp    3478"
        "tftp    tftp.zc     tftp        udp    69"
        "tls     tls.zc      tls_record  tcp    443"
        "igmp    igmp.zc     igmp        ipv4   2"
        "sctp    sctp.zc     sctp        ipv4   132"
        "lldp    lldp.zc     lldp        ethernet 35020"
        "mpls    mpls.zc     mpls        ethernet 34887,34888")
[ "$MODE" = full ] || PROTOS=("${PROTOS[2]}" "${PROTOS[3]}" "${PROTOS[5]}" "${PROTOS[10]}")   # mqtt quic rtp sctp
"$ZEROCAST" -r -I "$ROOT/schemas" "$ROOT/schemas/packet.zc" -o "$OUT/packet.zc.h"
for p in "${PROTOS[@]}"; do
    read -r n sc root after values <<<"$p"
    case $after in
        udp|tcp) rule="$after.payload by dst_port, $after.payload by src_port { $values: $root; }" ;;
        ipv4) rule="ipv4.payload by protocol { $values: $root; }" ;;
        ethernet) rule="ethernet.payload by type { $values: $root; }" ;;
    esac
    printf 'import "packet.zc";\nimport "%s";\nstack test_%s {\n    %s\n}\n' "$sc" "$n" "$rule" >"$OUT/$n-test.zc"
    "$ZEROCAST" -I "$ROOT/schemas" --emit=wireshark --register=wtap_encap=1:ethernet "$OUT/$n-test.zc" \
        -o "$OUT/$n.lua" &&
    "$ZEROCAST" -r -I "$ROOT/schemas" "$ROOT/schemas/$sc" -o "$OUT/$sc.h" &&
    cc -std=c11 -D_DEFAULT_SOURCE -O1 -Wall -Wextra -Werror -I "$ROOT/runtime" -I "$OUT" -DZJ_HEADER="\"$sc.h\"" \
        -DZJ_ROOT="$root" -DZJ_AT_LAYER="$after" -DZJ_AT_FIELD=payload "$HERE/zcjson.c" -o "$OUT/zcjson-$n" -lpcap ||
        { bad "$n: does not build"; continue; }
    compare "protocol-$n" "$OUT/$n.lua" "$ROOT/tests/protocols/$n/$n.pcap" "$OUT/zcjson-$n" --only "$root"
done

# ---- 4. the command line ------------------------------------------------
err=$("$ZEROCAST" --emit=wireshark --register=udp.port=1:nosuch "$HERE/user/chat.zc" -o "$OUT/x.lua" 2>&1)
if [ $? -eq 2 ] && [ ! -e "$OUT/x.lua" ] && grep -q "no struct 'nosuch'" <<<"$err"; then ok; else bad "--register of an unknown struct: $err"; fi
for a in --register=udp.port --register=udp.port=1 --register==1:chat --register=udp.port=1:; do
    err=$("$ZEROCAST" --emit=wireshark "$a" "$HERE/user/chat.zc" 2>&1 >/dev/null)
    if [ $? -eq 2 ] && grep -q "expected --register=TABLE=VALUE:STRUCT" <<<"$err"; then ok; else bad "$a: $err"; fi
done

# Decode As (tshark -d) without any registration, and filters on fields and
# expert items: chat.pcap's first frame has ttl 5, its sixth (only) ttl 0
# (user/make.py)
"$ZEROCAST" --emit=wireshark "$HERE/user/chat.zc" -o "$OUT/chat-plain.lua"
got=$(tshark -X lua_script:"$OUT/chat-plain.lua" -r "$HERE/user/chat.pcap" -d udp.port==7777,zc.chat \
      -T fields -e zc.chat.ttl 2>/dev/null | head -1)
if [ "$got" = 5 ]; then ok; else bad "tshark -d udp.port==7777,zc.chat: ttl '$got', expected 5"; fi
got=$(tshark -X lua_script:"$OUT/chat-plain.lua" -r "$HERE/user/chat.pcap" -d udp.port==7777,zc.chat \
      -Y zc.constraint -T fields -e frame.number 2>/dev/null | paste -sd,)
if [ "$got" = 6 ]; then ok; else bad "-Y zc.constraint: frames '$got', expected 6"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
