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
# 3. bundled schemas of tests/protocols (every spec by wildcard; a sample,
#    all with `full`), the ICMP message views (echo, errors, ND), each the
#    root of a dissector registered in Wireshark's own table, against
#    zcjson.c finding the same bytes with packet_walk_each(); then every
#    schemas/*.zc must be covered by section 1 or 3.
# 4. the checksums the schemas declare (-o zc.check_checksum:TRUE) against
#    tshark's own verdicts (tests/captures/csum), by csum.py.
# 5. the command line: --register's errors.
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
# Every tests/protocols/NAME/spec (by wildcard: a protocol added there is
# covered): its root is registered in Wireshark's own table for the layer
# the spec says carries it (`at udp.payload`: udp.port, on every port of
# the capture; `at ipv4.payload`: ip.proto; `at offset 0`: the capture's
# link type, radiotap registering itself on DLT 127), so Wireshark's own
# Ethernet, IP, UDP and TCP dissectors hand it the bytes; zcjson finds the
# same bytes with packet_walk_each(). A root with parameters (bgp's
# asn_size) takes the spec's `args` as tshark preferences (-o zc.bgp.asn_size:4).
declare -A TABLE=([udp]="udp.port udp.srcport udp.dstport" [tcp]="tcp.port tcp.srcport tcp.dstport"
                  [ipv4]="ip.proto ip.proto" [ipv6]="ip.proto ipv6.nxt" [ethernet]="ethertype eth.type"
                  [gre]="gre.proto gre.proto")
# make check: these; `full`: all; WS_SAMPLE="a b" to choose
SAMPLE=" ${WS_SAMPLE:-mqtt quic rtp sctp bgp radiotap icmp-errors} "
"$ZEROCAST" -r -I "$ROOT/schemas" "$ROOT/schemas/packet.zc" -o "$OUT/packet.zc.h"
covered=" "
for spec in "$ROOT"/tests/protocols/*/spec; do
    n=$(basename "$(dirname "$spec")")
    sc=$(awk '$1 == "schema" { print $2 }' "$spec")
    root=$(awk '$1 == "root" { print $2 }' "$spec")
    args=$(awk '$1 == "args" { $1 = ""; print }' "$spec")
    at=$(awk '$1 == "at" { $1 = ""; print }' "$spec")
    pcap=$(dirname "$spec")/$n.pcap
    covered+="$sc "
    [ "$MODE" = full ] || [[ "$SAMPLE" == *" $n "* ]] || continue
    regs=() zj=()
    read -r a1 a2 <<<"$at"
    if [ "$a1" = offset ]; then
        zj=(-DZJ_OFFSET="$a2")
        enc=$(capinfos -E -T -r "$pcap" 2>/dev/null | tail -1 | cut -f2)
        case "$enc" in
            ether) regs=(--register=wtap_encap=1:"$root") ;;
            ieee-802-11-radiotap) ;;   # the dissector registers radiotap itself
            *) bad "$n: link type $enc: no registration"; continue ;;
        esac
    else
        layer=${a1%%.*} fld=${a1#*.}
        read -r tab f1 f2 <<<"${TABLE[$layer]:-}"
        if [ -z "$tab" ]; then bad "$n: at $a1: no Wireshark table for $layer"; continue; fi
        zj=(-DZJ_AT_LAYER="$layer" -DZJ_AT_FIELD="$fld")
        # the first value of each frame (an inner header's comes later)
        for v in $(tshark -r "$pcap" -T fields -e "$f1" ${f2:+-e "$f2"} 2>/dev/null |
                   tr '\t' '\n' | cut -d, -f1 | grep -v "^$" | sort -u); do
            regs+=(--register="$tab=$v:$root")
        done
    fi
    prefs=()
    if [ -n "$args" ]; then
        zj+=(-DZJ_ARGS="$(echo $args | tr ' ' ',')")
    fi
    "$ZEROCAST" -I "$ROOT/schemas" --emit=wireshark "${regs[@]}" "$ROOT/schemas/$sc" -o "$OUT/$n.lua" ||
        { bad "$n: no dissector"; continue; }
    if [ -n "$args" ]; then
        # the root's parameters, in order, from its preferences (ARGS[root])
        names=$(grep -A1 "^ARGS\[\"$root\"\]" "$OUT/$n.lua" | tail -1 | grep -o 'prefs\["[^"]*"\]' | cut -d'"' -f2)
        set -- $args
        for pn in $names; do prefs+=(-o "zc.$pn:$1"); shift; done
    fi
    "$ZEROCAST" -r -I "$ROOT/schemas" "$ROOT/schemas/$sc" -o "$OUT/$sc.h" &&
    cc -std=c11 -D_DEFAULT_SOURCE -O1 -Wall -Wextra -Werror -I "$ROOT/runtime" -I "$OUT" -DZJ_HEADER="\"$sc.h\"" \
        -DZJ_ROOT="$root" "${zj[@]}" "$HERE/zcjson.c" -o "$OUT/zcjson-$n" -lpcap ||
        { bad "$n: does not build"; continue; }
    popts=()
    for ((i = 0; i < ${#prefs[@]}; i += 2)); do popts+=(-o "${prefs[i + 1]}"); done
    compare "protocol-$n" "$OUT/$n.lua" "$pcap" "$OUT/zcjson-$n" --only "$root" "${popts[@]}"
done

# ---- 3b. the message views zcdump adds on its own ------------------------
# (ZONLY above: not stack layers) and the ICMP error views, each as the
# root of a dissector registered on the IP protocol number, against
# zcjson parsing the same ICMP layer's bytes as that view: frames of other
# message types fail the view's type constraint in both.
#       root                 schema        layer   ip.proto  captures
VIEWS=("icmpv4_echo          icmpv4.zc     icmpv4  1   icmpv4-ping"
       "icmpv4_error         icmpv4.zc     icmpv4  1   zcdump/crafted-ip"
       "icmpv6_echo          icmpv6.zc     icmpv6  58  icmpv6-ping"
       "icmpv6_error         icmpv6.zc     icmpv6  58  zcdump/crafted-ip"
       "nd_router_solicit    icmpv6_nd.zc  icmpv6  58  icmpv6-nd,icmpv6-nd-options"
       "nd_router_advert     icmpv6_nd.zc  icmpv6  58  icmpv6-nd,icmpv6-nd-options"
       "nd_neighbor_solicit  icmpv6_nd.zc  icmpv6  58  icmpv6-nd,icmpv6-nd-options"
       "nd_neighbor_advert   icmpv6_nd.zc  icmpv6  58  icmpv6-nd,icmpv6-nd-options"
       "nd_redirect          icmpv6_nd.zc  icmpv6  58  icmpv6-nd,icmpv6-nd-options")
for vw in "${VIEWS[@]}"; do
    read -r root sc layer proto caps <<<"$vw"
    covered+="$sc "
    [ "$MODE" = full ] || [[ " icmpv4_echo icmpv6_error nd_router_advert " == *" $root "* ]] || continue
    files=()
    for c in ${caps//,/ }; do files+=("$ROOT/tests/captures/$c.pcap"); done
    mergecap -a -F pcap -w "$OUT/view-$root.pcap" "${files[@]}"
    "$ZEROCAST" -I "$ROOT/schemas" --emit=wireshark --register=ip.proto="$proto:$root" "$ROOT/schemas/$sc" \
        -o "$OUT/view-$root.lua" &&
    "$ZEROCAST" -r -I "$ROOT/schemas" "$ROOT/schemas/$sc" -o "$OUT/$sc.h" &&
    cc -std=c11 -D_DEFAULT_SOURCE -O1 -Wall -Wextra -Werror -I "$ROOT/runtime" -I "$OUT" -DZJ_HEADER="\"$sc.h\"" \
        -DZJ_ROOT="$root" -DZJ_AT_LAYER="$layer" "$HERE/zcjson.c" -o "$OUT/zcjson-$root" -lpcap ||
        { bad "$root: does not build"; continue; }
    compare "view-$root" "$OUT/view-$root.lua" "$OUT/view-$root.pcap" "$OUT/zcjson-$root" --only "$root"
done

# ---- 3c. every bundled schema is compared somewhere -----------------------
# (by wildcard: a schema added to schemas/ fails here until a
# tests/protocols/NAME/spec, or a view above, covers it)
imports() { sed -n 's/^import "\(.*\)";.*/\1/p' "$ROOT/schemas/$1"; }
todo=(packet.zc)
while [ ${#todo[@]} -gt 0 ]; do   # packet.zc and what it imports (section 1)
    sc=${todo[0]}; todo=("${todo[@]:1}")
    [[ "$covered" == *" $sc "* ]] && continue
    covered+="$sc "
    for i in $(imports "$sc"); do todo+=("$i"); done
done
for f in "$ROOT"/schemas/*.zc; do
    sc=$(basename "$f")
    if [[ "$covered" == *" $sc "* ]]; then ok; else bad "schemas/$sc: its dissector is compared nowhere"; fi
done

# ---- 4. checksums ---------------------------------------------------------
# packet.zc's dissector with -o zc.check_checksum:TRUE against tshark's own
# verdicts (tests/captures/csum/*.csum, from tshark with ip/tcp/udp.
# check_checksum on: tests/tools/make_csum_expect.py), by csum.py:
# csum/corrupt.pcap (every capture's frames with a source address or a
# last byte flipped, and crafted edge cases) and, with `full`, every
# capture the .csum files cover
csums=("$ROOT/tests/captures/csum/corrupt.csum" "$ROOT/tests/captures/csum/http-ipv6.csum")
[ "$MODE" = full ] && csums=("$ROOT"/tests/captures/csum/*.csum)
for e in "${csums[@]}"; do
    n=$(basename "$e" .csum)
    cap=$ROOT/tests/captures/$n.pcap
    [ -e "$cap" ] || cap=$ROOT/tests/captures/csum/$n.pcap
    if "$PY" "$HERE/csum.py" "$OUT/packet.lua" "$cap" "$e" >"$OUT/csum-$n.log" 2>&1; then ok; else
        bad "checksums of $n: $(tail -1 "$OUT/csum-$n.log")"; head -20 "$OUT/csum-$n.log" | sed 's/^/    /'
    fi
    echo "  csum-$n: $(tail -1 "$OUT/csum-$n.log")"
done
# off by default (as Wireshark's own): no status, no expert info
got=$(tshark -X lua_script:"$OUT/packet.lua" -r "$ROOT/tests/captures/csum/corrupt.pcap" \
      -Y "zc.checksum or zc.checksum.status" 2>/dev/null | wc -l)
on=$(tshark -X lua_script:"$OUT/packet.lua" -r "$ROOT/tests/captures/csum/corrupt.pcap" -o zc.check_checksum:TRUE \
     -Y "zc.checksum" 2>/dev/null | wc -l)
if [ "$got" = 0 ] && [ "$on" -gt 100 ]; then ok; else
    bad "zc.check_checksum: $got frames with a checksum status when off, $on with a bad one when on"; fi

# ---- 5. the command line ------------------------------------------------
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
