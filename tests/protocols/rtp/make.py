#!/usr/bin/python3
"""make.py - writes rtp.pcap (next to this script): RTP packets (RFC 3550
section 5.1) over Ethernet/IPv4/UDP to port 5004, built by hand so that
every header bit is chosen: payload types with and without a name in
RTP/AVP (RFC 3551), the marker, 0 to 15 CSRCs, a header extension
(section 5.3.1), padding; then malformed variants (the UDP length always
matches, so only RTP is broken). Deterministic: fixed timestamps and
addresses.

    /usr/bin/python3 tests/protocols/rtp/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, UDP, Raw, wrpcap


def rtp(pt, seq, ts, ssrc, csrcs=(), marker=0, ext=None, pad=0, payload=b"", cc=None):
    """The RTP bytes: ext is (profile, words) or None; pad the padding count."""
    b0 = (2 << 6) | ((1 if pad else 0) << 5) | ((1 if ext else 0) << 4) | \
        (len(csrcs) if cc is None else cc)
    out = struct.pack("!BBHII", b0, (marker << 7) | pt, seq, ts, ssrc)
    out += b"".join(struct.pack("!I", c) for c in csrcs)
    if ext:
        profile, words = ext
        out += struct.pack("!HH", profile, len(words) // 4) + words
    out += payload
    if pad:
        out += b"\0" * (pad - 1) + bytes([pad])
    return out


def frame(body):
    return (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") /
            IP(src="192.0.2.1", dst="192.0.2.2", ttl=64) /
            UDP(sport=40000, dport=5004) / Raw(body))


frames = [
    # 1: PCMU, no CSRC, no extension
    frame(rtp(0, 1, 160, 0x11223344, payload=bytes(range(20)))),
    # 2: a dynamic payload type (96, no name) with the marker and 2 CSRCs
    frame(rtp(96, 2, 320, 0x11223344, csrcs=(0xa1a2a3a4, 0xb1b2b3b4), marker=1,
              payload=b"\x55" * 12)),
    # 3: a header extension (profile-defined 0x1234, 2 words) and a CSRC
    frame(rtp(8, 3, 480, 0x0badcafe, csrcs=(0x01020304,),
              ext=(0x1234, b"\x10\xaa\x00\x00\x21\xbb\xcc\x00"), payload=b"\x99" * 8)),
    # 4: padding (the last byte counts 4 padding bytes, left in the payload)
    frame(rtp(9, 4, 640, 0x0badcafe, pad=4, payload=b"\x42" * 6)),
    # 5: 15 CSRCs, an empty extension, no payload
    frame(rtp(34, 65535, 0xffffffff, 0xffffffff, csrcs=tuple(range(1, 16)), ext=(0x1000, b""))),
    # ---- malformed (statuses in the spec) ----
    # 6: cut inside the fixed header (10 of 12 bytes)
    frame(rtp(0, 6, 0, 0x11223344)[:10]),
    # 7: csrc_count 3, 1 CSRC there
    frame(rtp(0, 7, 0, 0x11223344, csrcs=(0xc1c2c3c4,), cc=3)),
    # 8: an extension header saying 2 words, 1 there
    frame(bytes([0x90]) + rtp(0, 8, 0, 0x11223344)[1:] + struct.pack("!HH", 0x1234, 2) + b"\x10\xaa\x00\x00"),
]

for i, f in enumerate(frames):
    f.time = 1700000000 + i

OUT = sys.argv[1] if len(sys.argv) > 1 else \
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "rtp.pcap")
wrpcap(OUT, frames)
