#!/usr/bin/python3
"""make.py - writes geneve.pcap (next to this script): Geneve (RFC 8926)
over UDP port 6081, crafted by hand (struct) inside scapy's Ether/IP/UDP:
no options and an inner Ethernet frame (what Linux's `ip link add ... type
geneve` sends), option TLVs (critical and not, empty and with data, the
largest option length), the O and C bits, IPv4 and IPv6 payloads, an IPv6
underlay, and malformed variants (an option header cut by the end of the
options region, the fixed header cut). An option whose data runs past
the options region (zerocast: malformed) is not here: tshark 4.0 only
warns about it (geneve.zc's header comment). Deterministic: fixed timestamps,
fixed addresses.

The test machine's kernel has no Geneve driver (CONFIG_GENEVE is off), so
no frame here comes from `ip link`: frame 1 has the layout Linux's
geneve_xmit() builds (no options, protocol 0x6558, the inner frame).

    /usr/bin/python3 tests/protocols/geneve/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, IPv6, UDP, ICMP, ICMPv6EchoRequest, Raw

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402


def outer(v6=False, sport=49152):
    e = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    ip = IPv6(src="2001:db8::1", dst="2001:db8::2") if v6 else IP(src="192.0.2.1", dst="192.0.2.2", id=1, flags="DF")
    return e / ip / UDP(sport=sport, dport=6081)


def opt(cls, typ, data=b"", length=None):
    """One option TLV; length in 4-byte words (default: from data)."""
    if length is None:
        length = len(data) // 4
    return struct.pack("!HBB", cls, typ, length & 0x1F) + data


def geneve(opts=b"", proto=0x6558, vni=0, oam=0, crit=0, ver=0, optlen=None):
    if optlen is None:
        optlen = len(opts) // 4
    b0 = (ver << 6) | optlen
    b1 = (oam << 7) | (crit << 6)
    return struct.pack("!BBH", b0, b1, proto) + struct.pack("!I", vni << 8) + opts


def inner_eth():
    return bytes(Ether(src="02:00:00:00:01:01", dst="02:00:00:00:01:02") /
                 IP(src="198.51.100.1", dst="198.51.100.2", id=7) / ICMP(id=1, seq=1) / Raw(b"ping"))


def inner_ip4():
    return bytes(IP(src="198.51.100.1", dst="198.51.100.2", id=8) / ICMP(id=2, seq=1))


def inner_ip6():
    return bytes(IPv6(src="2001:db8:1::1", dst="2001:db8:1::2") / ICMPv6EchoRequest(id=3, seq=1))


frames = [
    # 1: no options, VNI 42, Ethernet inside (Linux's layout)
    outer() / Raw(geneve(vni=42) + inner_eth()),
    # 2: two options: critical, 4 bytes of data; not critical, no data
    outer() / Raw(geneve(opt(0x0102, 0x80 | 0x01, b"\xde\xad\xbe\xef") + opt(0xffff, 0x05),
                         vni=0x123456, crit=1) + inner_eth()),
    # 3: O bit, protocol IPv4, one option with 12 bytes of data
    outer(sport=6081) / Raw(geneve(opt(0x0000, 0x7f, b"0123456789ab"), proto=0x0800, vni=1, oam=1) + inner_ip4()),
    # 4: IPv6 underlay, protocol IPv6, the largest VNI
    outer(v6=True) / Raw(geneve(proto=0x86DD, vni=0xffffff) + inner_ip6()),
    # 5: an option of the largest length (31 words), then one more
    outer() / Raw(geneve(opt(0x0103, 0x80 | 0x7f, bytes(range(124))) + opt(0x0104, 0x02, b"abcd"),
                         vni=7, crit=1) + inner_eth()),
    # 6: options only, no payload (protocol Ethernet, nothing after)
    outer() / Raw(geneve(opt(0x0105, 0x03, b"wxyz"), vni=9)),
    # ---- malformed (statuses in the spec) ----
    # 7: Opt Len 3 words, 10 bytes of options before the end
    outer() / Raw(geneve(opt(0x0102, 0x01, b"abcd") + b"\x01\x02", optlen=3)),
    # 8: the fixed header cut after 6 bytes
    outer() / Raw(geneve(vni=3)[:6]),
]

pcaplib.write(__file__, frames)
