#!/usr/bin/env python3
"""Frames at the edges of the layer walker's rules (schemas/packet.zc) for
tests/unit/test_stack.c and zcdump's tests: IEEE 802.3 length frames (STP
over LLC, after a VLAN tag, LLC/SNAP carrying IPv4 and CDP), port guesses
(NTP on 5353 as a client port, a datagram on port 53 that is not DNS),
IPv4 protocols that are IPv6 extension headers' numbers (0, 43, 60),
tunnels (IPv4 and IPv6 in IPv4), first fragments, and empty payloads where
a rule names the next layer. Written with scapy; tshark's view of them is
recorded by tests/tools/make_stack_expect.sh.

usage: make_stack_edges.py tests/captures/stack/edges.pcap
"""
import logging
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, Dot3, Dot1Q, LLC, SNAP, STP, IP, IPv6, UDP, TCP,  # noqa: E402
                       GRE, ICMP, ICMPv6EchoRequest, IPv6ExtHdrHopByHop, NTP, DNS,
                       DNSQR, Raw, fragment, wrpcap)

MAC1, MAC2, STP_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02", "01:80:c2:00:00:00"
A1, A2 = "192.0.2.1", "192.0.2.2"
B1, B2 = "2001:db8::1", "2001:db8::2"


def eth():
    return Ether(dst=MAC2, src=MAC1)


def ip4(**kw):
    return eth() / IP(src=A1, dst=A2, **kw)


bpdu = LLC(dsap=0x42, ssap=0x42, ctrl=3) / STP(rootid=32768, rootmac=MAC1, bridgeid=32768,
                                                bridgemac=MAC1, portid=0x8001)
ext = b"\x11\x00" + b"\x00" * 6 + b"payload!"   # next header UDP, length 0, then data
frames = [
    # 1-4 IEEE 802.3 length frames: STP over LLC; the same after a VLAN tag
    # (802.1Q with a length); LLC/SNAP with OUI 0 carrying IPv4; CDP (OUI
    # 00:00:0c, not decoded past SNAP)
    Dot3(dst=STP_MAC, src=MAC1) / bpdu,
    Ether(dst=STP_MAC, src=MAC1) / Dot1Q(vlan=5, type=len(bpdu)) / bpdu,
    Dot3(dst=MAC2, src=MAC1) / LLC(dsap=0xAA, ssap=0xAA, ctrl=3) / SNAP(OUI=0, code=0x0800) /
        IP(src=A1, dst=A2) / ICMP(id=1, seq=1),
    Dot3(dst="01:00:0c:cc:cc:cc", src=MAC1) / LLC(dsap=0xAA, ssap=0xAA, ctrl=3) /
        SNAP(OUI=0x00000c, code=0x2000) / Raw(b"\x02\xb4\x00\x00"),
    # 5-8 port guesses: NTP from client port 5353 to 123 (the lower port,
    # 123, is tried first: NTP, which the stack does not decode); the
    # answer; a datagram on port 53 that is no DNS message; a DNS query from
    # port 53 to 5353 (both DNS: the lower port decides)
    ip4() / UDP(sport=5353, dport=123) / NTP(),
    ip4() / UDP(sport=123, dport=5353) / NTP(mode=4),
    ip4() / UDP(sport=40000, dport=53) / Raw(b"notdns"),
    ip4() / UDP(sport=53, dport=5353) / DNS(id=0x3333, rd=1, qd=DNSQR(qname="low.example.")),
    # 9-11 IPv4 protocols 0, 43, 60: not IPv6 extension headers after IPv4
    ip4(proto=0) / Raw(ext),
    ip4(proto=43) / Raw(ext),
    ip4(proto=60) / Raw(ext),
    # 12-13 IPv4 in IPv4, IPv6 in IPv4
    ip4() / IP(src="10.0.0.1", dst="10.0.0.2") / ICMP(id=2, seq=1),
    ip4() / IPv6(src=B1, dst=B2) / ICMPv6EchoRequest(id=3, seq=1),
    # 14-20 empty payloads: the header says nothing follows (UDP to port
    # 53, IPv4 naming TCP, TCP to port 53, UDP to VXLAN's port); the frame
    # ends where the next layer should start (Ethernet and a VLAN tag
    # naming IPv4, an IPv6 hop-by-hop header naming UDP)
    ip4() / UDP(sport=40000, dport=53),
    ip4(proto=6),
    ip4() / TCP(sport=40000, dport=53, flags="A"),
    ip4() / UDP(sport=40000, dport=4789),
    Ether(dst=MAC2, src=MAC1, type=0x0800),
    eth() / Dot1Q(vlan=5, type=0x0800),
    eth() / IPv6(src=B1, dst=B2) / IPv6ExtHdrHopByHop(nh=17),
    # 21-22 where tshark and the walker differ on an empty payload: GRE
    # naming IPv4 with nothing after it; IPv6 payload length 0 naming UDP
    ip4() / GRE(proto=0x0800),
    eth() / IPv6(src=B1, dst=B2, nh=17, plen=0),
]
# 23-24 a DNS query in two IPv4 fragments (the first holds the UDP header)
big = UDP(sport=40013, dport=53) / DNS(id=0x4444, rd=1, qd=DNSQR(qname="x" * 60 + ".example."))
frames += [eth() / f for f in fragment(IP(src=A1, dst=A2, id=99) / big, fragsize=32)][:2]
# 25 NTP on ports no other rule names (zcdump's differential test forces
# tshark to decode 5353 as DNS, so frames 5-6 are not compared there)
frames.append(ip4() / UDP(sport=40123, dport=123) / NTP(stratum=3))
for i, f in enumerate(frames):
    f.time = 1700000100 + i                     # fixed, so the file is reproducible
wrpcap(sys.argv[1], frames)
