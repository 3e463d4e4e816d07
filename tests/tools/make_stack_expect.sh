#!/bin/bash
# make_stack_expect.sh - tshark's protocol stack of every frame of every
# fixture, for tests/unit/test_stack.c: one line per frame,
#   CAPTURE FRAME PROTOCOLS [malformed]
#   e.g.  vlan.pcap 2 eth:ethertype:vlan:ethertype:ip:udp:data
# (CAPTURE relative to tests/captures); "malformed" when tshark marks the
# frame Malformed Packet (_ws.malformed), "unreassembled" when it marks it
# an Unreassembled Packet (_ws.unreassembled: a layer that runs past a
# fragment or a TCP segment, which reassembly might complete). Per-packet
# view: no IP defragmentation, no TCP reassembly.
#
# Then the per-protocol fixtures, tests/protocols/*/*.pcap with an Ethernet
# or radiotap link type (as ../protocols/NAME/NAME.pcap), each with the decode-as
# options (-d) its spec gives: tshark decodes those ports only with them
# (QUIC on UDP 443 needs one; HTTP/2 on 8080, RTP/RTCP are not routed by
# packet.zc, and test_stack expects tshark's layers up to the first one
# packet.zc does not know).
#
# usage: bash tests/tools/make_stack_expect.sh > tests/captures/stack/stack.expect
set -euo pipefail
cd "$(dirname "$0")/../captures"
PREFS=(-o ip.defragment:FALSE -o ipv6.defragment:FALSE -o tcp.desegment_tcp_streams:FALSE)
echo "# tshark $(tshark --version 2>/dev/null | sed -n '1s/^TShark (Wireshark) \(.*\)\.$/\1/p'): frame.protocols, ${PREFS[*]}"
for f in *.pcap stack/*.pcap; do
    tshark -r "$f" "${PREFS[@]}" -T fields -e frame.number -e frame.protocols -e _ws.malformed -e _ws.unreassembled \
        2>/dev/null |
        awk -F'\t' -v f="$f" '{ print f " " $1 " " $2 ($3 != "" ? " malformed" : "") ($4 != "" ? " unreassembled" : "") }'
done
for f in ../protocols/*/*.pcap; do
    # classic pcap, little-endian as the fixture scripts write it: link type
    # 1 (Ethernet) or 127 (radiotap, a walk start of packet.zc)
    case "$(od -An -tu4 -j20 -N4 "$f" | tr -d ' ')" in 1|127) ;; *) continue ;; esac
    spec=$(dirname "$f")/spec
    DECODE=$(awk '$1 == "tshark" { for (i = 2; i < NF; i++) if ($i == "-d") print "-d " $(i + 1) }' "$spec" | tr '\n' ' ')
    # shellcheck disable=SC2086  # DECODE: "-d X" words
    tshark -r "$f" "${PREFS[@]}" $DECODE -T fields -e frame.number -e frame.protocols -e _ws.malformed -e _ws.unreassembled \
        2>/dev/null |
        awk -F'\t' -v f="$f" '{ print f " " $1 " " $2 ($3 != "" ? " malformed" : "") ($4 != "" ? " unreassembled" : "") }'
done
