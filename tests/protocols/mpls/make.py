#!/usr/bin/python3
"""make.py - writes mpls.pcap (next to this script): MPLS label stacks
(RFC 3032) crafted with scapy (scapy.contrib.mpls) over Ethernet type
0x8847, carrying IPv4, IPv6 and a bare payload, and malformed stacks built
by hand (no bottom-of-stack entry, an entry cut short). Deterministic:
fixed timestamps, fixed addresses.

    /usr/bin/python3 tests/protocols/mpls/make.py [OUT.pcap]
"""
import os
import sys

from scapy.all import Ether, IP, IPv6, UDP, ICMP, Raw
from scapy.contrib.mpls import MPLS

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402


def eth(ethertype=0x8847):
    return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02", type=ethertype)


frames = [
    # 1: one entry, IPv4 inside
    eth() / MPLS(label=16, cos=0, s=1, ttl=64) /
    IP(src="192.0.2.1", dst="192.0.2.2") / UDP(sport=1024, dport=7) / Raw(b"echo me"),
    # 2: two entries (transport and service label), IPv4/ICMP inside
    eth() / MPLS(label=299776, cos=5, s=0, ttl=255) / MPLS(label=1000, cos=0, s=1, ttl=63) /
    IP(src="192.0.2.1", dst="192.0.2.3") / ICMP(),
    # 3: IPv6 explicit null under a transport label
    eth() / MPLS(label=100, cos=7, s=0, ttl=1) / MPLS(label=2, cos=0, s=1, ttl=64) /
    IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=40000, dport=9) / Raw(b"v6"),
    # 4: a stack of five, the largest label value, multicast ether type
    eth(0x8848) / MPLS(label=0xfffff, cos=1, s=0, ttl=10) / MPLS(label=17, cos=2, s=0, ttl=11) /
    MPLS(label=18, cos=3, s=0, ttl=12) / MPLS(label=19, cos=4, s=0, ttl=13) /
    MPLS(label=20, cos=6, s=1, ttl=14) /
    IP(src="192.0.2.1", dst="233.252.0.1") / UDP(sport=1, dport=2) / Raw(b"m" * 10),
    # ---- malformed (statuses in the spec) ----
    # 5: no entry has the bottom-of-stack bit: the frame ends after two
    eth() / Raw(b"\x00\x01\x00\x40" + b"\x00\x02\x00\x40"),
    # 6: a bottom entry cut after 2 bytes
    eth() / Raw(b"\x00\x01\x00\x40" + b"\x00\x02"),
    # ---- what follows the bottom entry: packet.zc peeks at its first
    # nibble (`mpls.payload by peek(u4)`), as tshark does ----
    # 7: a pseudowire control word (first nibble 0, RFC 4385), then an
    # Ethernet frame: not routed (tshark's pwethheuristic guesses)
    eth() / MPLS(label=16, cos=0, s=1, ttl=64) / Raw(b"\x00\x00\x00\x05") /
    Ether(src="02:00:00:00:00:03", dst="02:00:00:00:00:04") /
    IP(src="192.0.2.1", dst="192.0.2.2") / ICMP(),
    # 8: first nibble 9: neither IPv4 nor IPv6, data for both
    eth() / MPLS(label=16, cos=0, s=1, ttl=64) / Raw(b"\x90\x00\x00\x00abcd"),
    # 9: first nibble 4 but only two bytes: IPv4, truncated
    eth() / MPLS(label=16, cos=0, s=1, ttl=64) / Raw(b"\x45\x00"),
]

pcaplib.write(__file__, frames)
