#!/usr/bin/env python3
"""Frames for the layer walker (tests/unit/test_stack.c) that the other
fixtures lack: IPv6 extension header chains at and over the walker's limit
of 8 (schemas/packet.zc), a chain ending in "no next header", UDP
datagrams split into IPv4 and IPv6 fragments, Ethernet in GRE, and DNS over
TCP split across segments and two messages in one segment. Written with scapy; tshark's view of them is recorded
by tests/tools/make_stack_expect.sh.

usage: make_stack_captures.py tests/captures/stack/walk.pcap
"""
import logging
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, IP, IPv6, UDP, TCP, GRE, ICMP, DNS, DNSQR,  # noqa: E402
                       Raw, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrRouting, PadN, fragment, fragment6, wrpcap)

MAC1, MAC2 = "02:00:00:00:00:01", "02:00:00:00:00:02"


def chain(n):
    """Hop-by-hop, then n-1 destination options headers (RFC 8200 allows
    them in this order only twice, but receivers must parse any chain)."""
    pkt = Ether(dst=MAC2, src=MAC1) / IPv6(src="2001:db8::1", dst="2001:db8::2")
    pkt = pkt / IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\x00" * 4)])
    for _ in range(n - 1):
        pkt = pkt / IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\x00" * 4)])
    return pkt / UDP(sport=40010, dport=9) / Raw(b"chain %d" % n)


frames = [
    chain(8),                                   # at the limit: decoded
    chain(9),                                   # over it: ZC_ERR_LIMIT
    Ether(dst=MAC2, src=MAC1) / IPv6(src="2001:db8::1", dst="2001:db8::2") /
        IPv6ExtHdrRouting(type=0, segleft=0, addresses=["2001:db8::9"], nh=59) /
        Raw(b"no next header"),                 # next header 59: nothing follows
]
# A UDP datagram in two IPv4 fragments and in two IPv6 fragments: like
# tshark without reassembly, the walker decodes neither fragment's payload.
big = UDP(sport=40011, dport=53) / Raw(b"x" * 100)
frames += [Ether(dst=MAC2, src=MAC1) / f
           for f in fragment(IP(src="192.0.2.1", dst="192.0.2.2", id=77) / big, fragsize=64)]
frames += [Ether(dst=MAC2, src=MAC1) / f
           for f in fragment6(IPv6(src="2001:db8::1", dst="2001:db8::2") /
                              IPv6ExtHdrFragment(id=78) / big, 100)]
# Ethernet in GRE (protocol 0x6558, transparent Ethernet bridging)
frames.append(Ether(dst=MAC2, src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2") /
              GRE(proto=0x6558) / Ether(dst=MAC1, src=MAC2) /
              IP(src="10.9.0.1", dst="10.9.0.2") / ICMP(id=9, seq=1))
# DNS over TCP as a stream is cut: one message split over two segments, and
# two messages in one segment. Only a segment that starts with a whole
# message is decoded as DNS.
msg = bytes(DNS(id=0x1111, rd=1, qd=DNSQR(qname="split.example.", qtype="TXT")))
framed = len(msg).to_bytes(2, "big") + msg
msg2 = bytes(DNS(id=0x2222, rd=1, qd=DNSQR(qname="two.example.", qtype="A")))
framed2 = len(msg2).to_bytes(2, "big") + msg2
def seg(seq, data):
    return (Ether(dst=MAC2, src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2") /
            TCP(sport=40012, dport=53, flags="PA", seq=seq, ack=1) / Raw(data))
frames += [seg(1, framed[:10]), seg(11, framed[10:]),
           seg(1 + len(framed), framed2 + framed2)]
for i, f in enumerate(frames):
    f.time = 1700000000 + i                     # fixed, so the file is reproducible
wrpcap(sys.argv[1], frames)
