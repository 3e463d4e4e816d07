#!/usr/bin/python3
"""make.py - writes erspan-iii.pcap (next to this script): ERSPAN type III
(draft-foschiano-erspan-03 4.3) after GRE protocol 0x22EB with a sequence
number, crafted by hand (struct) inside scapy's Ether/IP(v6)/GRE: the
layout Linux's `ip link add ... type erspan ... erspan_ver 2 erspan_dir
egress erspan_hwid 7` sends (key and sequence number, a 100-microsecond
timestamp, hardware ID, direction), the platform-specific subheader (O
bit), every granularity, BSO and the truncated bit, frame types other than
Ethernet, an IPv6 underlay (ip6erspan), and malformed variants (the header
cut, the subheader cut). Deterministic: fixed timestamps, fixed addresses.

The test machine's kernel has no GRE/ERSPAN driver (CONFIG_NET_IPGRE is
off), so no frame here comes from `ip link`.

    /usr/bin/python3 tests/protocols/erspan-iii/make.py [OUT.pcap]
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
    g = GRE(proto=0x22EB, seqnum_present=1, seqence_number=seq)
    if key is not None:
        g.key_present = 1
        g.key = key
    return e / ip / g


def erspan3(vlan=0, cos=0, bso=0, t=0, session=0, ts=0, sgt=0, p=0, ft=0, hwid=0, d=0, gra=0,
            platform=None):
    o = 1 if platform is not None else 0
    b = struct.pack("!HHIHH", (2 << 12) | vlan, (cos << 13) | (bso << 11) | (t << 10) | session, ts, sgt,
                    (p << 15) | (ft << 10) | (hwid << 4) | (d << 3) | (gra << 1) | o)
    if platform is not None:
        pid, info = platform
        b += struct.pack("!Q", (pid << 58) | info)
    return b


def mirrored(n=1):
    return bytes(Ether(src="02:00:00:00:01:01", dst="02:00:00:00:01:02") /
                 IP(src="198.51.100.1", dst="198.51.100.2", id=n) / ICMP(id=1, seq=n))


frames = [
    # 1: Linux's layout (erspan_ver 2, egress, hwid 7): key, sequence, 100 us timestamp
    outer(key=10, seq=0) / Raw(erspan3(session=123, ts=0x00123456, hwid=7, d=1) + mirrored(1)),
    # 2: VLAN, CoS, BSO 3, truncated, SGT, P set, granularity 1 (100 ns)
    outer(seq=5) / Raw(erspan3(vlan=100, cos=6, bso=3, t=1, session=1023, ts=0xffffffff, sgt=0xabcd,
                               p=1, gra=1, hwid=63) + mirrored(2)),
    # 3: the platform-specific subheader (platform ID 3, port ID and timestamp), granularity 2 (IEEE 1588)
    outer(seq=6) / Raw(erspan3(session=9, ts=1, gra=2, platform=(3, 0x0123456789abcde)) + mirrored(3)),
    # 4: frame type 2 (IP), largest platform ID and info, granularity 3, no
    #    frame (tshark 4.0 leaves a frame of a type other than 0 undecoded)
    outer(seq=7) / Raw(erspan3(vlan=4095, ft=2, gra=3, platform=(63, (1 << 58) - 1))),
    # 5: IPv6 underlay (ip6erspan), frame type 31, no frame
    outer(v6=True, key=11, seq=2) / Raw(erspan3(session=512, ft=31, bso=1)),
    # ---- malformed (statuses in the spec) ----
    # 6: the header cut after 10 bytes
    outer(seq=3) / Raw(erspan3(session=5)[:10]),
    # 7: O set, the subheader cut after 4 bytes
    outer(seq=4) / Raw(erspan3(session=6, platform=(1, 5))[:16]),
]

pcaplib.write(__file__, frames)
