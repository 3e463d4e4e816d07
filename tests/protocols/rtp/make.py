#!/usr/bin/python3
"""make.py - writes rtp.pcap (next to this script): RTP packets over UDP
port 5004 crafted with scapy (scapy.layers.rtp): the fixed header, CSRC
lists, header extensions, padding (the count in the last octet); and
malformed variants built by hand inside valid Ethernet/IPv4/UDP headers
(the UDP length always matches the RTP bytes, so only RTP is broken).
Deterministic: fixed timestamps, fixed addresses.

    /usr/bin/python3 tests/protocols/rtp/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, UDP, Raw
from scapy.layers.rtp import RTP, RTPExtension

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402

PORT = 5004


def frame(rtp):
    """Ethernet/IPv4/UDP (port 5004 both ways) around it."""
    return (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") /
            IP(src="192.0.2.1", dst="192.0.2.2", ttl=64) /
            UDP(sport=PORT, dport=PORT) / rtp)


def padding(n):
    """n octets of padding: zeros, then the count (which counts itself)."""
    return b"\0" * (n - 1) + bytes([n])


def header(p=0, x=0, cc=0, m=0, pt=0, seq=0, ts=0, ssrc=0):
    """The 12 fixed octets by hand."""
    return struct.pack("!BBHII", 0x80 | p << 5 | x << 4 | cc, m << 7 | pt, seq, ts, ssrc)


PAYLOAD = bytes(range(0x41, 0x41 + 20))

frames = [
    # 1: PCMU, no CSRC, no extension, no padding
    frame(RTP(payload_type=0, sequence=1, timestamp=160, sourcesync=0x11223344) /
          Raw(PAYLOAD)),
    # 2: marker, dynamic type, two contributing sources
    frame(RTP(marker=1, payload_type=96, sequence=0xfffe, timestamp=0xdeadbeef,
              sourcesync=0x01020304, sync=[0xa1a2a3a4, 0xb1b2b3b4]) / Raw(PAYLOAD[:7])),
    # 3: a header extension (RFC 8285 one-byte form, 2 words of data)
    frame(RTP(extension=1, payload_type=97, sequence=7, timestamp=3000, sourcesync=5) /
          RTPExtension(header_id=0xbede, header_len=2,
                       header=[0x10aa2122, 0x23000000]) / Raw(PAYLOAD[:12])),
    # 4: 4 octets of padding after 10 octets of payload
    frame(RTP(padding=1, payload_type=8, sequence=8, timestamp=4000, sourcesync=6) /
          Raw(PAYLOAD[:10] + padding(4))),
    # 5: everything: a CSRC, an extension, marker, 1 octet of padding (the count)
    frame(RTP(padding=1, extension=1, marker=1, payload_type=111, sequence=9,
              timestamp=5000, sourcesync=7, sync=[0xc0c1c2c3]) /
          RTPExtension(header_id=0x1000, header_len=1, header=[0x01020304]) /
          Raw(PAYLOAD[:5] + padding(1))),
    # 6: padding only, empty payload (8 octets of padding)
    frame(RTP(padding=1, payload_type=13, sequence=10, timestamp=6000, sourcesync=8) /
          Raw(padding(8))),
    # 7: no payload at all, an empty extension
    frame(RTP(extension=1, payload_type=0, sequence=11, timestamp=7000, sourcesync=9) /
          RTPExtension(header_id=0x0100, header_len=0, header=[])),
    # ---- malformed (statuses in the spec) ----
    # 8: padding announced, its count 0 (it counts itself: at least 1)
    frame(Raw(header(p=1, pt=0, seq=12, ts=8000, ssrc=10) + b"ab" + bytes([0]))),
    # 9: four contributing sources announced, two there
    frame(Raw(header(cc=4, pt=0, seq=13, ts=9000, ssrc=11) +
              struct.pack("!II", 0xa1a2a3a4, 0xb1b2b3b4))),
    # 10: the fixed header cut after 8 octets
    frame(Raw(header(pt=0, seq=15, ts=11000, ssrc=13)[:8])),
]

pcaplib.write(__file__, frames)
