#!/usr/bin/env python3
"""BGP-4 (RFC 4271) on TCP port 179 through the stack, for
tests/unit/test_stack.c (bgp_segments) and zcdump: segments holding several
messages (an UPDATE and a KEEPALIVE, three KEEPALIVEs), a message cut by
the segment's end, a segment that starts inside a message, an empty ACK,
BGP over IPv6, an UPDATE with every attribute bgp.zc decodes and a NOTIFICATION, a 2-octet-AS session's UPDATE, and a message whose length
field is below the minimum. Built by hand with struct (every length
exact) inside scapy's Ethernet/IP/TCP; deterministic (fixed timestamps,
addresses, ports, sequence numbers). tshark's view of every frame is
recorded by tests/tools/make_stack_expect.sh in stack/stack.expect.

usage: make_stack_bgp.py tests/captures/stack/bgp.pcap
"""
import logging
import struct
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import Ether, IP, IPv6, TCP, Raw, wrpcap  # noqa: E402

MAC1, MAC2 = "02:00:00:00:00:01", "02:00:00:00:00:02"


def msg(mtype, body, length=None):
    n = 19 + len(body) if length is None else length
    return b"\xff" * 16 + struct.pack("!HB", n, mtype) + body


def attr(flags, atype, value):
    return struct.pack("!BBB", flags, atype, len(value)) + value


def segment(stype, asns, size):
    return struct.pack("!BB", stype, len(asns)) + b"".join(a.to_bytes(size, "big") for a in asns)


def update(attrs, nlri):
    a = b"".join(attrs)
    return msg(2, struct.pack("!H", 0) + struct.pack("!H", len(a)) + a + b"".join(nlri))


def prefix(bits, addr):
    return bytes([bits]) + bytes(addr)[:(bits + 7) // 8]


KEEPALIVE = msg(4, b"")
OPEN = msg(1, struct.pack("!BHH4sB", 4, 65001, 90, bytes([192, 0, 2, 1]), 8) +
           struct.pack("!BB", 2, 6) + struct.pack("!BB", 65, 4) + struct.pack("!I", 4200000001))
UPDATE4 = update([attr(0x40, 1, b"\x00"),
                  attr(0x40, 2, segment(2, [65001, 4200000001], 4)),
                  attr(0x40, 3, bytes([192, 0, 2, 1]))],
                 [prefix(24, [203, 0, 113, 0])])
UPDATE2 = update([attr(0x40, 1, b"\x00"),                      # a 2-octet-AS session (RFC 4271)
                  attr(0x40, 2, segment(2, [65001, 65002], 2)),
                  attr(0x40, 3, bytes([192, 0, 2, 1]))],
                 [prefix(24, [198, 51, 100, 0])])


UPDATE_FULL = msg(2, struct.pack("!H", 6) + prefix(8, [10, 0, 0, 0]) + prefix(24, [192, 0, 2, 0]) +
                 (lambda a: struct.pack("!H", len(a)) + a)(
                     attr(0x40, 1, b"\x02") +
                     struct.pack("!BBH", 0x50, 2, 6) + segment(2, [23456], 4) +     # extended length
                     attr(0x40, 3, bytes([192, 0, 2, 9])) +
                     attr(0x80, 4, struct.pack("!I", 100)) +                      # MULTI_EXIT_DISC
                     attr(0x40, 5, struct.pack("!I", 200)) +                      # LOCAL_PREF
                     attr(0xc0, 17, segment(2, [4200000001], 4))) +               # AS4_PATH
                 prefix(16, [10, 1, 0, 0]))
NOTIFICATION = msg(3, b"\x06\x02" + b"bye")                       # cease, with data


def v4(sport, dport, data, seq=1000, flags="PA"):
    f = Ether(dst=MAC2, src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2") / \
        TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=2000, window=8192)
    return f / Raw(data) if data else f


def v6(sport, dport, data):
    return (Ether(dst=MAC2, src=MAC1, type=0x86DD) / IPv6(src="2001:db8::1", dst="2001:db8::2") /
            TCP(sport=sport, dport=dport, flags="PA", seq=1000, ack=2000, window=8192) / Raw(data))


frames = [
    v4(40000, 179, UPDATE4 + KEEPALIVE),            # 1 an UPDATE and a KEEPALIVE in one segment
    v4(179, 40000, KEEPALIVE * 3),                  # 2 three KEEPALIVEs, from the server's port
    v4(40001, 179, OPEN + UPDATE4[:30]),            # 3 an OPEN, then an UPDATE cut by the segment's end
    v4(40002, 179, UPDATE4[30:]),                   # 4 the rest of that UPDATE: starts inside a message
    v4(40003, 179, b"", flags="A"),                 # 5 an empty ACK
    v6(40004, 179, OPEN),                           # 6 BGP over IPv6
    v4(40005, 179, UPDATE2),                        # 7 a 2-octet-AS session's UPDATE
    v4(40006, 179, KEEPALIVE + msg(4, b"", length=18)),   # 8 a KEEPALIVE, then a length of 18 (< 19)
    v4(40007, 179, msg(4, b"", length=18) + KEEPALIVE),   # 9 the bad length first
    v4(40008, 179, UPDATE_FULL + NOTIFICATION),     # 10 withdrawn routes, every decoded attribute, a NOTIFICATION
]
for i, f in enumerate(frames):
    f.time = 1700000300 + i                     # fixed, so the file is reproducible
wrpcap(sys.argv[1], frames)
