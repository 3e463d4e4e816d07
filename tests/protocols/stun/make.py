#!/usr/bin/python3
"""make.py - writes stun.pcap (next to this script): STUN messages (RFC 8489)
built by hand (struct, zlib.crc32 for FINGERPRINT) inside Ethernet/IPv4/UDP
frames to port 3478 made with scapy. Deterministic: fixed timestamps,
addresses and transaction IDs. Malformed variants keep valid outer headers.

    /usr/bin/python3 tests/protocols/stun/make.py [OUT.pcap]
"""
import os
import struct
import sys
import zlib

from scapy.all import Ether, IP, UDP, Raw, wrpcap

COOKIE = 0x2112A442


def attr(atype, value):
    pad = (4 - len(value) % 4) % 4
    return struct.pack("!HH", atype, len(value)) + value + b"\0" * pad


def message(mtype, txid, attrs, fingerprint=True, bad_fp=False):
    body = b"".join(attrs)
    if fingerprint:
        head = struct.pack("!HHI", mtype, len(body) + 8, COOKIE) + txid
        crc = (zlib.crc32(head + body) ^ 0x5354554E) & 0xFFFFFFFF
        if bad_fp:
            crc ^= 1
        body += attr(0x8028, struct.pack("!I", crc))
    return struct.pack("!HHI", mtype, len(body), COOKIE) + txid + body


def xor_addr4(ip, port):
    x = bytes(b ^ c for b, c in zip(bytes(int(p) for p in ip.split(".")), struct.pack("!I", COOKIE)))
    return struct.pack("!BBH", 0, 1, port ^ (COOKIE >> 16)) + x


def xor_addr6(addr16, port, txid):
    key = struct.pack("!I", COOKIE) + txid
    return struct.pack("!BBH", 0, 2, port ^ (COOKIE >> 16)) + bytes(a ^ k for a, k in zip(addr16, key))


T = [bytes(range(i, i + 12)) for i in range(0, 120, 12)]
V6 = bytes.fromhex("20010db8000000000000000000000001")

msgs = [
    # 1: Binding request, SOFTWARE (11 bytes: 1 byte of padding), FINGERPRINT
    message(0x0001, T[0], [attr(0x8022, b"zerocast v1")]),
    # 2: Binding success, XOR-MAPPED-ADDRESS (IPv4), SOFTWARE (4 bytes: none), FINGERPRINT
    message(0x0101, T[1], [attr(0x0020, xor_addr4("192.0.2.7", 40000)), attr(0x8022, b"abcd")]),
    # 3: Binding success, XOR-MAPPED-ADDRESS (IPv6), an unknown attribute (ICE-CONTROLLED), no FINGERPRINT
    message(0x0101, T[2], [attr(0x0020, xor_addr6(V6, 5000, T[2])), attr(0x8029, bytes(8))], fingerprint=False),
    # 4: Binding request, no attributes
    message(0x0001, T[3], [], fingerprint=False),
    # 5: SOFTWARE of 6 bytes, bad FINGERPRINT (one bit flipped)
    message(0x0001, T[4], [attr(0x8022, b"client")], bad_fp=True),
    # 6: Binding indication, SOFTWARE of 1 byte (3 bytes of padding), FINGERPRINT
    message(0x0011, T[5], [attr(0x8022, b"x")]),
]
# No malformed variants: tshark 4.0 takes no STUN message whose length runs
# past the datagram or is not a multiple of 4 as STUN, and only warns
# ("bogus") about an attribute whose length runs past the message, which
# zerocast refuses (truncated: stun_attr.value); see schemas/stun.zc.
# Padding cut short and a bad magic cookie are tested in the zoo
# (tests/schemas-zoo/pad_*.zc, bconst_*.zc).

frames = []
for i, m in enumerate(msgs):
    f = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / \
        IP(src="192.0.2.1", dst="192.0.2.2", id=i + 1) / UDP(sport=50000 + i, dport=3478) / Raw(m)
    f.time = 1700000000 + i
    frames.append(f)

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "stun.pcap")
wrpcap(out, frames)
