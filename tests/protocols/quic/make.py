#!/usr/bin/python3
"""make.py - writes quic.pcap (next to this script): QUIC version 1 packet
headers (RFC 9000 section 17) built by hand in UDP datagrams to port 443:
Initial (with and without a token, non-minimal and 8-byte varints), 0-RTT,
Handshake, Retry, Version Negotiation and a short-header packet. Their
packet numbers and payloads are fake (not encrypted with real keys): the
headers are what is tested, up to header protection. Malformed variants:
a token length past the end, a Length varint cut by the end of the
datagram. Deterministic: fixed timestamps,
addresses and bytes.

    /usr/bin/python3 tests/protocols/quic/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, UDP, Raw, wrpcap

V1 = 0x00000001


def varint(v, width=None):
    """RFC 9000 section 16, in the shortest width or the one given."""
    if width is None:
        width = 1 if v < 64 else 2 if v < 16384 else 4 if v < 2**30 else 8
    prefix = {1: 0, 2: 1, 4: 2, 8: 3}[width]
    b = bytearray(v.to_bytes(width, "big"))
    b[0] |= prefix << 6
    return bytes(b)


def long_header(ptype, dcid, scid, bits=0, version=V1):
    first = 0x80 | 0x40 | (ptype << 4) | bits
    return (bytes([first]) + struct.pack("!I", version) + bytes([len(dcid)]) + dcid +
            bytes([len(scid)]) + scid)


def fill(n, seed):
    return bytes((seed + 7 * i) & 0xff for i in range(n))


DCID = bytes.fromhex("8394c8f03e515708")
SCID = bytes.fromhex("f067a5502a")


def initial(token, body, token_len=None, length_width=None, pn_len=4):
    pn_and_payload = fill(pn_len, 0x10) + body
    return (long_header(0, DCID, SCID, bits=pn_len - 1) +
            (token_len if token_len is not None else varint(len(token))) + token +
            varint(len(pn_and_payload), length_width) + pn_and_payload)


datagrams = [
    # 1-3: Initial: no token (client, padded to 1200 bytes); a 16-byte
    # token; a token length in 4 bytes and a Length in 8 (non-minimal)
    (initial(b"", fill(1162, 0x40), length_width=2), True),
    (initial(fill(16, 0x99), fill(60, 0x41)), True),
    (initial(fill(3, 0x55), fill(40, 0x42), token_len=varint(3, 4), length_width=8), True),
    # 4-5: 0-RTT and Handshake
    (long_header(1, DCID, SCID, bits=1) + varint(30) + fill(30, 0x43), True),
    (long_header(2, SCID, DCID, bits=3) + varint(300) + fill(300, 0x44), False),
    # 6: Retry: a retry token and the 16-byte integrity tag
    (long_header(3, SCID, bytes.fromhex("0102030405060708")) + fill(24, 0x45) + fill(16, 0x46), False),
    # 7: Version Negotiation (version 0): three supported versions
    (long_header(0, SCID, DCID, bits=0x0a, version=0)[:] +
     struct.pack("!III", V1, 0x6b3343cf, 0x0a0a0a0a), False),
    # 8: a short header (1-RTT): DCID, packet number, payload
    (bytes([0x41]) + DCID + fill(25, 0x47), True),
    # 9-10, malformed: a token length past the end of the datagram, a
    # Length varint cut by it. (A Length past the end: tshark 4.0 decodes
    # what is there, so it is not here; quic.zc's header says so.)
    (long_header(0, DCID, SCID) + varint(200) + fill(20, 0x48), True),
    (long_header(0, DCID, SCID) + varint(0) + b"\x80\x00", True),
]

frames = []
for i, (payload, up) in enumerate(datagrams):
    a, b = ("192.0.2.1", "192.0.2.2") if up else ("192.0.2.2", "192.0.2.1")
    sp, dp = (50000 + i, 443) if up else (443, 50000 + i)
    f = (Ether(src="02:00:00:00:00:01" if up else "02:00:00:00:00:02",
               dst="02:00:00:00:00:02" if up else "02:00:00:00:00:01") /
         IP(src=a, dst=b) / UDP(sport=sp, dport=dp) / Raw(payload))
    f.time = 1700000000 + i
    frames.append(f)

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "quic.pcap")
wrpcap(out, frames)
