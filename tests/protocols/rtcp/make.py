#!/usr/bin/python3
"""make.py - writes rtcp.pcap (next to this script): RTCP compound packets
(RFC 3550 section 6.4) over UDP port 5005, built by hand with struct so that
every count, length and padding is exact, and malformed variants inside
valid Ethernet/IPv4/UDP headers (the UDP length always matches the RTCP
bytes, so only RTCP is broken). Deterministic: fixed timestamps, fixed
addresses. Checked by tests/protocols/rtcp/spec against tshark's rtcp
dissector (-d udp.port==5005,rtcp).

    /usr/bin/python3 tests/protocols/rtcp/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, UDP, Raw, wrpcap


def header(count, ptype, body, padding=0):
    """The common header around body (a multiple of 4 bytes)."""
    assert len(body) % 4 == 0
    return struct.pack("!BBH", 0x80 | (padding << 5) | count, ptype, len(body) // 4) + body


def block(ssrc, lost_frac, lost, seq, jitter, lsr, dlsr):
    return struct.pack("!IB", ssrc, lost_frac) + lost.to_bytes(3, "big") + struct.pack("!IIII", seq, jitter, lsr, dlsr)


def sr(ssrc, blocks, ext=b""):
    info = struct.pack("!IIIIII", ssrc, 0xe8f1a2b3, 0x40000000, 160000, 1200, 192000)
    return header(len(blocks), 200, info + b"".join(blocks) + ext)


def rr(ssrc, blocks, ext=b"", padding=0):
    return header(len(blocks), 201, struct.pack("!I", ssrc) + b"".join(blocks) + ext, padding)


def sdes(chunks):
    body = b""
    for ssrc, items in chunks:
        c = struct.pack("!I", ssrc)
        for t, text in items:
            c += bytes([t, len(text)]) + text
        c += b"\0"
        c += b"\0" * (-len(c) % 4)
        body += c
    return header(len(chunks), 202, body)


def bye(ssrcs, reason=b""):
    body = b"".join(struct.pack("!I", s) for s in ssrcs)
    if reason:
        r = bytes([len(reason)]) + reason
        body += r + b"\0" * (-len(r) % 4)
    return header(len(ssrcs), 203, body)


def app(ssrc, name, data):
    return header(1, 204, struct.pack("!I", ssrc) + name + data)


B1 = block(0x11111111, 16, 5, 0x00010064, 42, 0xf1a2b3c4, 65536)
B2 = block(0x22222222, 0, 0, 0x00000300, 7, 0, 0)
B3 = block(0x33333333, 255, 0xffffff, 0xffffffff, 0, 1, 2)

MESSAGES = [
    sr(0xaaaa0001, []),                                   # 1 SR, no report block
    sr(0xaaaa0002, [B1, B2]),                             # 2 SR, 2 blocks
    rr(0xbbbb0001, [B3]),                                 # 3 RR, 1 block
    sr(0xaaaa0003, [B1]) + sdes([(0xaaaa0003, [(1, b"alice@example.org")])]),   # 4 SR + SDES
    rr(0xbbbb0002, []) + bye([0xbbbb0002, 0xbbbb0003], b"session ended"),       # 5 RR + BYE
    rr(0xbbbb0004, [B2]),                                 # 6 RR, 1 block
    bye([0xcccc0001]),                                    # 7 BYE without reason
    bye([0xcccc0002, 0xcccc0003], b"bye now"),            # 8 BYE with a reason
    sdes([(0xdddd0001, [(1, b"bob@example.org"), (2, b"Bob")])]),   # 9 SDES
    app(0xeeee0001, b"TEST", b"\x00\x01\x02\x03"),       # 10 APP
    rr(0xbbbb0005, [B1, B2, B3]) + app(0xbbbb0005, b"TEST", b"\x00\x01\x02\x03"),  # 11 RR + APP
    # malformed
    rr(0xbbbb0006, [B1])[:20],                            # 12 cut inside the report block
    header(2, 201, struct.pack("!I", 0xbbbb0007) + B1),   # 13 RR: count 2, one block in its length
    sr(0xaaaa0004, [B1])[:-30],                           # 14 SR cut inside the sender info's block
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "rtcp.pcap")
    frames = []
    for i, m in enumerate(MESSAGES):
        f = (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") /
             IP(src="192.0.2.1", dst="192.0.2.2", id=i + 1) /
             UDP(sport=5005, dport=5005) / Raw(m))
        f.time = 1700000000 + i
        frames.append(f)
    wrpcap(out, frames)


if __name__ == "__main__":
    main()
