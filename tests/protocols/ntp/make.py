#!/usr/bin/python3
"""make.py - writes ntp.pcap (next to this script): NTPv4 (and v3) headers
of every mode but control and private, built with struct inside scapy's
Ethernet/IPv4/UDP (port 123), with signed poll and precision values of both
signs, a MAC after the header, and malformed variants (the UDP length always
matches the NTP bytes, so only NTP is broken). Deterministic: fixed
timestamps, fixed addresses.

    /usr/bin/python3 tests/protocols/ntp/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, UDP, Raw, wrpcap


def ntp(li, vn, mode, stratum, poll, precision, delay, disp, refid, ts, rest=b""):
    """The 48-byte header (+ rest): poll and precision are signed bytes."""
    first = (li << 6) | (vn << 3) | mode
    body = struct.pack("!BBbbII4s", first, stratum, poll, precision, delay, disp, refid)
    for sec, frac in ts:
        body += struct.pack("!II", sec, frac)
    return body + rest


def frame(payload, client=True):
    c, s = ("192.0.2.10", "192.0.2.1") if client else ("192.0.2.1", "192.0.2.10")
    cp, sp = (50123, 123) if client else (123, 50123)
    return (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") /
            IP(src=c, dst=s, ttl=64) / UDP(sport=cp, dport=sp) / Raw(payload))


T0 = (0xE8D4A510, 0x12345678)
T1 = (0xE8D4A511, 0x80000000)
T2 = (0xE8D4A511, 0x80001000)
T3 = (0xE8D4A511, 0x80002000)
Z = (0, 0)

payloads = [
    # 1: client request (mode 3): only transmit set, precision -20
    (ntp(0, 4, 3, 0, 6, -20, 0, 0, b"\0\0\0\0", [Z, Z, Z, T0]), True),
    # 2: server reply, stratum 1, refid "GPS", precision -23 (0xe9)
    (ntp(0, 4, 4, 1, 6, -23, 0x00000010, 0x00000020, b"GPS\0", [T1, T0, T2, T3]), False),
    # 3: stratum 2 server reply with leap 1 and an IPv4 refid, poll 10
    (ntp(1, 4, 4, 2, 10, -6, 0x0001A000, 0x00008000, bytes([192, 0, 2, 99]), [T1, T0, T2, T3]), False),
    # 4: symmetric active, unsynchronised (leap 3), poll -3 and precision 5:
    #    the signs swapped, as bytes may carry them
    (ntp(3, 4, 1, 16, -3, 5, 0, 0, b"INIT", [Z, Z, Z, T0]), True),
    # 5: symmetric passive, poll -128, precision 127: the extremes
    (ntp(0, 4, 2, 3, -128, 127, 0xFFFF0000, 0x0000FFFF, bytes([10, 1, 2, 3]), [T0, T1, T2, T3]), False),
    # 6: broadcast (mode 5), NTPv3
    (ntp(0, 3, 5, 2, 6, -18, 0x00000100, 0x00000200, bytes([192, 0, 2, 1]), [T1, Z, Z, T3]), False),
    # 7: client request with a MAC: key id 1 and a 16-byte digest (RFC 5905 7.3)
    (ntp(0, 4, 3, 0, 6, -20, 0, 0, b"\0\0\0\0", [Z, Z, Z, T0],
         struct.pack("!I", 1) + bytes(range(0x10, 0x20))), True),
    # 8: malformed: cut inside the transmit timestamp (44 bytes)
    (ntp(0, 4, 3, 0, 6, -20, 0, 0, b"\0\0\0\0", [Z, Z, Z, T0])[:44], True),
    # 9: malformed: cut inside root delay (6 bytes)
    (ntp(0, 4, 4, 1, 6, -23, 0, 0, b"GPS\0", [T1, T0, T2, T3])[:6], False),
]

frames = []
for i, (p, client) in enumerate(payloads):
    f = frame(p, client)
    f.time = 1700000000 + i
    frames.append(f)

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "ntp.pcap")
wrpcap(out, frames)
