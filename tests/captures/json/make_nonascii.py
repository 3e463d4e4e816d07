#!/usr/bin/python3
"""make_nonascii.py - DNS queries whose names hold bytes outside ASCII.

Usage: /usr/bin/python3 tests/captures/json/make_nonascii.py [OUT.pcap]
       (default: nonascii.pcap next to this script; the same bytes every run)

Ethernet / IPv4 / UDP (correct checksums) / DNS query, one packet per name
in NAMES. Labels hold UTF-8 ("café"), bytes that are not UTF-8 (0xff 0xfe,
a lone 0xc3), control bytes (0x00, 0x01, 0x7f), and the characters JSON
and DNS presentation escape (a dot inside a label, a double quote, a
backslash). tests/zcdump/run.sh checks that zcdump --json writes them as
docs/zcdump.md says.
"""
import os
import struct
import sys

NAMES = [
    [b"caf\xc3\xa9", b"example"],
    [b"\xff\xfe", b"bad-utf8"],
    [b"lone\xc3", b"test"],
    [b"\x00\x01\x7f", b"ctl"],
    [b"a.b", b'q"uote', b"back\\slash"],
]


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def frame(i, labels):
    qname = b"".join(bytes([len(l)]) + l for l in labels) + b"\0"
    dns = struct.pack("!HHHHHH", 0x1000 + i, 0x0100, 1, 0, 0, 0) + qname + struct.pack("!HH", 1, 1)
    src, dst = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 53])
    udp_len = 8 + len(dns)
    udp = struct.pack("!HHHH", 40000 + i, 53, udp_len, 0) + dns
    pseudo = src + dst + struct.pack("!BBH", 0, 17, udp_len)
    c = csum(pseudo + udp) or 0xffff
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i + 1, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = bytes.fromhex("020000000002020000000001") + struct.pack("!H", 0x0800)
    return eth + ip + udp


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    out = argv[0] if argv else os.path.join(os.path.dirname(os.path.abspath(__file__)), "nonascii.pcap")
    data = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
    for i, labels in enumerate(NAMES):
        f = frame(i, labels)
        data += struct.pack("<IIII", 1700000000 + i, 0, len(f), len(f)) + f
    with open(out + ".tmp", "wb") as fh:
        fh.write(data)
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
