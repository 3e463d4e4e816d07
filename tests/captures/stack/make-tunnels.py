#!/usr/bin/python3
"""make-tunnels.py - writes tunnels.pcap (next to this script): frames
crafted with scapy for the tunnels of schemas/packet.zc, so that
tests/unit/test_stack.c compares the walker's layers with tshark's and
zcdump's differential test (tests/zcdump) compares their fields:

- IPv4 in IPv4 (protocol 4, RFC 2003), IPv6 in IPv4 (41, RFC 4213),
  IPv6 in IPv6 (41) and IPv4 in IPv6 (4, RFC 2473): the layouts Linux's
  ipip, sit and ip6tnl devices send;
- Geneve (UDP 6081, RFC 8926) carrying Ethernet, IPv4 and IPv6, with and
  without options, an unknown protocol, a cut header;
- ERSPAN (draft-foschiano-erspan) type I (GRE 0x88BE, no sequence number),
  type II, type III with and without the platform subheader, over IPv4
  and IPv6, a type III frame of type 2 (not Ethernet: not decoded further),
  a cut type II header.

The test machine's kernel has none of these tunnel drivers
(CONFIG_NET_IPIP, CONFIG_IPV6_SIT, CONFIG_IPV6_TUNNEL, CONFIG_GENEVE and
CONFIG_NET_IPGRE are off), so no frame here comes from `ip link`.
Deterministic: fixed timestamps, fixed addresses.

    /usr/bin/python3 tests/captures/stack/make-tunnels.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, IPv6, UDP, GRE, ICMP, ICMPv6EchoRequest, Raw, wrpcap


def eth(t=None):
    e = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    if t is not None:
        e.type = t
    return e


def v4(**kw):
    return IP(src="192.0.2.1", dst="192.0.2.2", id=1, **kw)


def v6(**kw):
    return IPv6(src="2001:db8::1", dst="2001:db8::2", **kw)


def inner4(n=1):
    return IP(src="198.51.100.1", dst="198.51.100.2", id=n) / ICMP(id=1, seq=n) / Raw(b"tunnel")


def inner6(n=1):
    return IPv6(src="2001:db8:1::1", dst="2001:db8:1::2") / ICMPv6EchoRequest(id=1, seq=n, data=b"tunnel")


def inner_eth4(n=1):
    return Ether(src="02:00:00:00:01:01", dst="02:00:00:00:01:02") / inner4(n)


def inner_eth6(n=1):
    return Ether(src="02:00:00:00:01:01", dst="02:00:00:00:01:02") / inner6(n)


def geneve(proto, vni, opts=b""):
    return struct.pack("!BBHI", len(opts) // 4, 0x40 if opts else 0, proto, vni << 8) + opts


def erspan2(session, vlan=0, index=0):
    return struct.pack("!HHI", (1 << 12) | vlan, (2 << 11) | session, index)


def erspan3(session, ft=0, platform=None):
    b = struct.pack("!HHIHH", (2 << 12) | 10, session, 1234, 0, (ft << 10) | (5 << 4) | (1 << 3) | (1 << 1) |
                    (1 if platform is not None else 0))
    if platform is not None:
        b += struct.pack("!Q", (platform[0] << 58) | platform[1])
    return b


GENEVE_OPT = struct.pack("!HBB", 0x0102, 0x81, 1) + b"\xde\xad\xbe\xef"

frames = [
    # 1-4: IP in IP
    eth() / v4(proto=4) / inner4(1),                        # ipip
    eth() / v4(proto=41) / inner6(2),                       # sit
    eth() / v6(nh=41) / inner6(3),                          # ip6tnl mode ip6ip6
    eth() / v6(nh=4) / inner4(4),                           # ip6tnl mode ipip6
    # 5-9: Geneve
    eth() / v4() / UDP(sport=50000, dport=6081) / Raw(geneve(0x6558, 42) + bytes(inner_eth4(5))),
    eth() / v6() / UDP(sport=50001, dport=6081) / Raw(geneve(0x0800, 7, GENEVE_OPT) + bytes(inner4(6))),
    eth() / v4() / UDP(sport=50002, dport=6081) / Raw(geneve(0x86DD, 0xffffff) + bytes(inner6(7))),
    eth() / v4() / UDP(sport=50003, dport=6081) / Raw(geneve(0x1234, 8) + b"opaque payload"),
    eth() / v4() / UDP(sport=50004, dport=6081) / Raw(geneve(0x6558, 9)[:6]),
    # 10-15: ERSPAN
    eth() / v4() / GRE(proto=0x88BE) / inner_eth4(10),                                   # type I
    eth() / v4() / GRE(proto=0x88BE, seqnum_present=1, seqence_number=1) /
    Raw(erspan2(100, vlan=20, index=3) + bytes(inner_eth4(11))),                         # type II
    eth() / v6() / GRE(proto=0x22EB, key_present=1, key=5, seqnum_present=1, seqence_number=2) /
    Raw(erspan3(200) + bytes(inner_eth6(12))),                                           # type III, ip6erspan
    eth() / v4() / GRE(proto=0x22EB, seqnum_present=1, seqence_number=3) /
    Raw(erspan3(300, platform=(3, 0x123456789)) + bytes(inner_eth4(13))),                # type III, subheader
    eth() / v4() / GRE(proto=0x22EB, seqnum_present=1, seqence_number=4) /
    Raw(erspan3(400, ft=2) + bytes(inner4(14))),                                         # frame type 2
    eth() / v4() / GRE(proto=0x88BE, seqnum_present=1, seqence_number=5) / Raw(erspan2(500)[:5]),
]

for i, f in enumerate(frames):
    f.time = 1700000000 + i

OUT = sys.argv[1] if len(sys.argv) > 1 else \
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "tunnels.pcap")
wrpcap(OUT, frames)
