#!/usr/bin/python3
"""make.py - writes igmp.pcap (next to this script).

Frames 1 to 29 are real: real-igmp.pcap, written by capture.sh, where the
Linux kernel of a host namespace joined and left groups (IGMPv3 reports
with ALLOW, BLOCK, TO_EX, TO_IN, IS_IN and IS_EX records; IGMPv2 reports
and a leave; an IGMPv1 report) and a Linux bridge's querier (IGMPv3 and
v2 general, group-specific and group-and-source-specific queries) answered.
Their bytes are copied as captured, only the timestamps are fixed.

Then IGMPv1, v2 and v3 messages crafted with scapy (scapy.contrib.igmp,
scapy.contrib.igmpv3) for what the kernel does not send (a v1 query, a
router's nonzero QRV and QQIC, a non-ASCII aux data, every record type in
one report, link-layer padding, a bad checksum), and malformed variants
built by hand inside valid Ethernet/IPv4 headers (the IPv4 total length
always matches the IGMP bytes, so only IGMP is broken). Deterministic:
fixed timestamps, fixed addresses.

    /usr/bin/python3 tests/protocols/igmp/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, IPOption_Router_Alert, Padding, Raw, rdpcap
from scapy.contrib.igmp import IGMP
from scapy.contrib.igmpv3 import IGMPv3, IGMPv3gr, IGMPv3mq, IGMPv3mr
from scapy.utils import checksum

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402

HOST = "02:00:00:00:00:01"


def frame(dst_ip, payload, ra=True):
    """Ethernet/IPv4 (TTL 1, router alert as RFC 2236/3376 want) around it."""
    dst_mac = "01:00:5e:%02x:%02x:%02x" % tuple(
        int(x) & m for x, m in zip(dst_ip.split(".")[1:], (0x7f, 0xff, 0xff)))
    ip = IP(src="192.0.2.1", dst=dst_ip, ttl=1, proto=2,
            options=[IPOption_Router_Alert()] if ra else [])
    return Ether(src=HOST, dst=dst_mac) / ip / payload


def raw_igmp(body, fix_checksum=True):
    """Hand-made IGMP bytes: type, code, checksum (computed), rest."""
    b = bytearray(body)
    if fix_checksum and len(b) >= 4:
        b[2:4] = b"\0\0"
        b[2:4] = struct.pack("!H", checksum(bytes(b)))
    return Raw(bytes(b))


def group_record(rtype, maddr, sources=(), aux=b""):
    return bytes(IGMPv3gr(rtype=rtype, auxdlen=len(aux) // 4, maddr=maddr,
                          srcaddrs=list(sources))) + aux


def ip4(a):
    return bytes(int(x) for x in a.split("."))


frames = [
    # 30-35: IGMPv1 and v2 (8 bytes each)
    frame("224.0.0.1", IGMP(type=0x11, mrcode=100, gaddr="0.0.0.0")),     # v2 general query
    frame("239.1.2.3", IGMP(type=0x11, mrcode=10, gaddr="239.1.2.3")),    # v2 group-specific
    frame("224.0.0.1", IGMP(type=0x11, mrcode=0, gaddr="0.0.0.0"), ra=False),  # v1 query
    frame("239.1.2.3", IGMP(type=0x12, mrcode=0, gaddr="239.1.2.3"), ra=False),  # v1 report
    frame("239.1.2.3", IGMP(type=0x16, mrcode=0, gaddr="239.1.2.3")),     # v2 report
    frame("224.0.0.2", IGMP(type=0x17, mrcode=0, gaddr="239.1.2.3")),     # v2 leave
    # 36-37: IGMPv3 queries
    frame("224.0.0.1", IGMPv3(type=0x11, mrcode=100) /
          IGMPv3mq(gaddr="0.0.0.0", qrv=2, qqic=125)),                  # general, no sources
    frame("239.1.2.3", IGMPv3(type=0x11, mrcode=0x8a) /
          IGMPv3mq(gaddr="239.1.2.3", s=1, qrv=7, qqic=0x90,
                   srcaddrs=["192.0.2.10", "192.0.2.11", "192.0.2.12"])),  # group-and-source
    # 38-39: IGMPv3 reports
    frame("224.0.0.22", IGMPv3(type=0x22) / IGMPv3mr(records=[
        IGMPv3gr(rtype=1, maddr="239.1.2.3", srcaddrs=["192.0.2.10", "192.0.2.11"]),
        IGMPv3gr(rtype=2, maddr="239.1.2.4"),
        IGMPv3gr(rtype=5, maddr="239.1.2.5", srcaddrs=["192.0.2.12"]),
        IGMPv3gr(rtype=6, maddr="239.1.2.6", srcaddrs=["192.0.2.13"])])),
    frame("224.0.0.22", IGMPv3(type=0x22) / IGMPv3mr(numgrp=2) / Raw(
        group_record(4, "239.4.5.6", aux=b"auxdata!") +
        group_record(3, "239.4.5.7", ["198.51.100.1"], aux=b"\x01\x02\x03\x04"))),
    # 40: a v2 report padded to 60 bytes by the link layer (not IGMP's bytes)
    frame("239.1.2.3", IGMP(type=0x16, mrcode=0, gaddr="239.1.2.3"), ra=False) /
    Padding(b"\0" * 18),
    # ---- malformed (statuses in the spec) ----
    # 41: a v2 report cut to 6 bytes
    frame("239.1.2.3", raw_igmp(b"\x16\x00\x00\x00\xef\x01")),
    # 42: v3 query saying 3 sources, carrying 2
    frame("239.1.2.3", raw_igmp(b"\x11\x64\x00\x00" + ip4("239.1.2.3") +
                                b"\x02\x7d\x00\x03" + ip4("192.0.2.10") + ip4("192.0.2.11"))),
    # 43: v3 report saying 2 group records, carrying 1
    frame("224.0.0.22", raw_igmp(b"\x22\x00\x00\x00\x00\x00\x00\x02" +
                                 group_record(1, "239.1.2.3", ["192.0.2.10"]))),
    # 44: v3 group record whose aux data length (2 words) runs past the message
    frame("224.0.0.22", raw_igmp(b"\x22\x00\x00\x00\x00\x00\x00\x01" +
                                 b"\x02\x02\x00\x00" + ip4("239.1.2.3") + b"abcd")),
    # 45: a v2 report with a wrong checksum (parses; igmp_checksum_ok() is false)
    frame("239.1.2.3", raw_igmp(b"\x16\x00\x12\x34" + ip4("239.1.2.3"), fix_checksum=False)),
]

real = list(rdpcap(os.path.join(os.path.dirname(os.path.abspath(__file__)), "real-igmp.pcap")))
assert len(real) == 29, "real-igmp.pcap has changed (capture.sh again?): update the 29 here and the frame numbers in the spec"
pcaplib.write(__file__, real + frames)
