#!/usr/bin/python3
"""make.py - writes http2.pcap (next to this script): HTTP/2 frames
(RFC 9113), one per TCP segment, so that each segment's payload is one
`http2` frame.

Frames 1.. are the real frames of real-h2c.pcap (capture.sh: nghttpd
against curl and nghttp over h2c on loopback), in their order, each put in
a segment of its own on the same connection (addresses, ports; sequence
and acknowledgement numbers recomputed): the client connection preface is
left out (it is not a frame; http2-preface tests it), and of the DATA
frames of the 200000-byte download only the first two are kept (HPACK
state lives in HEADERS, PUSH_PROMISE and CONTINUATION, all kept, so tshark
decodes every header block). Then frames crafted by hand (struct) for what
the programs did not send: PING and its ACK, RST_STREAM, GOAWAY with debug
data, an empty SETTINGS, an unknown setting, a PUSH_PROMISE without
padding, an unknown frame type, and malformed frames (PING of 6 bytes,
RST_STREAM of 3, a pad length past the payload, SETTINGS of 8 bytes). Deterministic: fixed timestamps.

    /usr/bin/python3 tests/protocols/http2/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, IPv6, TCP, Raw, rdpcap

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def streams(pkts):
    """The TCP payload of every (connection, direction), in capture order
    of connections and of segments (loopback: no loss, no reordering)."""
    order, data, first = [], {}, {}
    for p in pkts:
        if TCP not in p:
            continue
        ip = p[IP] if IP in p else p[IPv6]
        key = (ip.src, ip.dst, p[TCP].sport, p[TCP].dport)
        if key not in data:
            data[key] = b""
            first[key] = p
        pl = bytes(p[TCP].payload)
        if pl:
            if not any(k == key for k, _ in order):
                order.append((key, None))
            data[key] += pl
    return [(k, data[k], first[k]) for k, _ in order]


def split(buf):
    out = []
    while len(buf) >= 9:
        n = int.from_bytes(buf[:3], "big")
        out.append(buf[:9 + n])
        buf = buf[9 + n:]
    assert not buf, "a partial frame at the end of a stream"
    return out


class Conn:
    """Segments of one direction of a connection, seq numbers from 1."""
    def __init__(self, src, dst, sport, dport, v6):
        self.src, self.dst, self.sport, self.dport, self.v6 = src, dst, sport, dport, v6
        self.seq = 1

    def seg(self, payload):
        ipl = IPv6(src=self.src, dst=self.dst) if self.v6 else IP(src=self.src, dst=self.dst, flags="DF", id=0)
        f = Ether(src="00:00:00:00:00:00", dst="00:00:00:00:00:00") / ipl / \
            TCP(sport=self.sport, dport=self.dport, seq=self.seq, ack=1, flags="PA", window=64) / Raw(payload)
        self.seq += len(payload)
        return f


def frame(typ, flags, stream, payload):
    return struct.pack("!I", len(payload))[1:] + struct.pack("!BBI", typ, flags, stream) + payload


frames = []
# messages from the server's direction of each connection, in capture order
for (src, dst, sport, dport), buf, p in streams(rdpcap(os.path.join(HERE, "real-h2c.pcap"))):
    c = Conn(src, dst, sport, dport, IPv6 in p)
    if buf.startswith(PREFACE):
        buf = buf[len(PREFACE):]
    data_kept = 0
    for fr in split(buf):
        if fr[3] == 0 and int.from_bytes(fr[:3], "big") >= 16384:
            data_kept += 1
            if data_kept > 2:
                continue
        frames.append(c.seg(fr))

# crafted on a connection of their own (port 8081; the spec decodes both)
c = Conn("192.0.2.1", "192.0.2.2", 50000, 8081, False)
crafted = [
    frame(6, 0, 0, b"pingpong"),                                   # PING
    frame(6, 1, 0, b"pingpong"),                                   # PING ACK
    frame(3, 0, 1, struct.pack("!I", 8)),                          # RST_STREAM CANCEL
    frame(3, 0, 3, struct.pack("!I", 0x99)),                       # RST_STREAM, an unknown code
    frame(7, 0, 0, struct.pack("!II", 0x80000005, 11) + b"calm down"),   # GOAWAY, R set, debug data
    frame(4, 0, 0, b""),                                           # SETTINGS, no settings
    frame(4, 0, 0, struct.pack("!HI", 0x4242, 7) + struct.pack("!HI", 9, 1)),   # unknown id, NO_RFC7540_PRIORITIES
    frame(5, 4, 1, struct.pack("!I", 4) + b"\x82\x86\x84"),        # PUSH_PROMISE, no padding
    frame(8, 0, 0x80000001, struct.pack("!I", 0x80000000 | 1000)), # WINDOW_UPDATE, both R bits set
    frame(0x20, 0xff, 5, b"unknown type"),                         # an unknown frame type, every flag
    frame(0, 0x09, 1, b"\x00last"),                                # DATA, padded with pad length 0, END_STREAM
    frame(2, 0, 3, struct.pack("!IB", 0x80000001, 255)),           # PRIORITY, exclusive, weight 256
    # ---- malformed (statuses in the spec) ----
    frame(6, 0, 0, b"short!"),                                     # PING of 6 bytes
    frame(3, 0, 1, b"\x00\x00\x08"),                               # RST_STREAM of 3 bytes
    frame(0, 0x08, 1, b"\x05abc"),                                 # DATA, pad length 5 of 4 bytes
    frame(4, 0, 0, struct.pack("!HI", 1, 4096) + b"\x00\x02"),     # SETTINGS of 8 bytes
]
frames += [c.seg(fr) for fr in crafted]

pcaplib.write(__file__, frames)
