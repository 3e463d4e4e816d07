#!/usr/bin/python3
"""make.py - writes erspan-ii.pcap (next to this script): ERSPAN type II
(draft-foschiano-erspan-03 4.2) after GRE protocol 0x88BE with a sequence
number, crafted by hand (struct) inside scapy's Ether/IP(v6)/GRE: the
layout Linux's `ip link add ... type erspan seq key K ... erspan_ver 1`
sends (key and sequence number, session ID, index), without a key, every
encapsulation type, the truncated bit, the largest VLAN/session/index, an
IPv6 underlay (ip6erspan), and malformed variants (the header cut, no
room for the index). Deterministic: fixed timestamps, fixed addresses.

The test machine's kernel has no GRE/ERSPAN driver (CONFIG_NET_IPGRE is
off), so no frame here comes from `ip link`.

    /usr/bin/python3 tests/protocols/erspan-ii/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, IPv6, GRE, ICMP, Raw

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402


def outer(v6=False, key=None, seq=1):
    e = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    ip = IPv6(src="2001:db8::1", dst="2001:db8::2") if v6 else IP(src="192.0.2.1", dst="192.0.2.2", id=1)
    g = GRE(proto=0x88BE, seqnum_present=1, seqence_number=seq)
    if key is not None:
        g.key_present = 1
        g.key = key
    return e / ip / g


def erspan2(vlan=0, cos=0, en=0, t=0, session=0, index=0, ver=1):
    return struct.pack("!HHI", (ver << 12) | vlan, (cos << 13) | (en << 11) | (t << 10) | session, index & 0xFFFFF)


def mirrored(n=1):
    return bytes(Ether(src="02:00:00:00:01:01", dst="02:00:00:00:01:02") /
                 IP(src="198.51.100.1", dst="198.51.100.2", id=n) / ICMP(id=1, seq=n))


frames = [
    # 1: Linux's layout: key 10 and a sequence number, session 123, index 0
    outer(key=10, seq=0) / Raw(erspan2(session=123) + mirrored(1)),
    # 2: no key; VLAN 100, CoS 5, 802.1Q tag preserved (En 2), index 0x12345
    outer(seq=7) / Raw(erspan2(vlan=100, cos=5, en=2, session=1, index=0x12345) + mirrored(2)),
    # 3: truncated bit, En 3, the largest VLAN, session and index
    outer(seq=0xffffffff) / Raw(erspan2(vlan=4095, cos=7, en=3, t=1, session=1023, index=0xFFFFF) + mirrored(3)),
    # 4: IPv6 underlay (ip6erspan), En 1 (ISL), no frame after the header
    outer(v6=True, key=11, seq=2) / Raw(erspan2(en=1, session=512, index=1)),
    # ---- malformed (statuses in the spec) ----
    # 5: the header cut after 6 bytes
    outer(seq=3) / Raw(erspan2(session=5)[:6]),
    # 6: only the first word
    outer(seq=4) / Raw(erspan2(session=6)[:4]),
]

pcaplib.write(__file__, frames)
