#!/usr/bin/env python3
"""IEEE 802.3 frames with LLC headers of every form, for zcdump's line
test against tcpdump (tests/zcdump/linecheck.py: SAP names, the I/G and
C/R bits, U, I and S format control fields, SNAP with and without an
EtherType) and for tests/unit/test_stack.c (LLC SAP 0x06 carries IPv4, as
tshark and tcpdump decode it). Written with scapy; tshark's view of them is
recorded by tests/tools/make_stack_expect.sh.

usage: make_stack_llc.py tests/captures/stack/llc.pcap
"""
import logging
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Dot3, LLC, SNAP, IP, IPv6, ICMP, ICMPv6EchoRequest, ARP,  # noqa: E402
                       Raw, wrpcap)

M1, M2 = "02:00:00:00:00:01", "02:00:00:00:00:02"


def d3():
    return Dot3(src=M1, dst=M2)


frames = [
    # 1-3 an unknown SAP: U format command, U format response, I format
    #     (2-byte control, little-endian in tcpdump's ctrl 0x0200)
    d3() / LLC(dsap=0x12, ssap=0x12, ctrl=3) / Raw(b"abcdefgh"),
    d3() / LLC(dsap=0x12, ssap=0x13, ctrl=3) / Raw(b"abcdefgh"),
    d3() / Raw(b"\x12\x12\x00\x02abcdef"),
    # 4 SNAP with an unknown OUI: no rule past SNAP
    d3() / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0x123456, code=0x4242) / Raw(b"abcd"),
    # 5 SNAP, OUI 0, IPv6
    d3() / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0, code=0x86dd) /
    IPv6(src="2001:db8::1", dst="2001:db8::2") / ICMPv6EchoRequest(),
    # 6 a group DSAP (I/G set) 0x43 with SSAP 0x42: not a BPDU for tcpdump
    d3() / LLC(dsap=0x43, ssap=0x42, ctrl=3) / Raw(b"abcdefgh"),
    # 7 SAP 0x06 (DoD IP): IPv4 right after LLC
    d3() / LLC(dsap=0x06, ssap=0x06, ctrl=3) / IP(src="192.0.2.1", dst="192.0.2.2") / ICMP(),
    # 8 SNAP, OUI 0, ARP
    d3() / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0, code=0x0806) /
    ARP(psrc="192.0.2.1", pdst="192.0.2.2", hwsrc=M1),
    # 9 TEST command with the poll bit, group DSAP
    d3() / LLC(dsap=0x13, ssap=0x12, ctrl=0xf3) / Raw(b"abcdefgh"),
    # 10 S format (Receiver Ready)
    d3() / Raw(b"\x12\x12\x01\x02abcdef"),
]
for i, f in enumerate(frames):
    f.time = 1700000300 + i                     # fixed, so the file is reproducible
wrpcap(sys.argv[1], frames)
