#!/usr/bin/python3
"""make.py - writes bgp.pcap (next to this script): BGP-4 messages (RFC 4271,
4-octet AS numbers of RFC 6793) over TCP port 179, one message per frame and
one TCP connection per frame (so that no frame waits for another's bytes),
built by hand with struct so that every length is exact; malformed variants
inside valid Ethernet/IPv4/TCP headers. Deterministic: fixed timestamps,
addresses, ports and sequence numbers. Checked by tests/protocols/bgp/spec
against tshark's bgp dissector, with AS numbers of 4 octets (`args 4`).

    /usr/bin/python3 tests/protocols/bgp/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, TCP, Raw, wrpcap


def msg(mtype, body, length=None):
    n = 19 + len(body) if length is None else length
    return b"\xff" * 16 + struct.pack("!HB", n, mtype) + body


def cap(code, value):
    return struct.pack("!BB", code, len(value)) + value


def open_msg(my_as, hold, bgp_id, caps):
    params = b"".join(struct.pack("!BB", 2, len(c)) + c for c in caps)
    return msg(1, struct.pack("!BHH4sB", 4, my_as, hold, bytes(bgp_id), len(params)) + params)


def open_params(my_as, hold, bgp_id, params):
    """An OPEN with optional parameters (type, value) given as they are."""
    ps = b"".join(struct.pack("!BB", t, len(v)) + v for t, v in params)
    return msg(1, struct.pack("!BHH4sB", 4, my_as, hold, bytes(bgp_id), len(ps)) + ps)


def prefix(bits, addr):
    return bytes([bits]) + bytes(addr)[:(bits + 7) // 8]


def attr(flags, atype, value):
    if flags & 0x10:
        return struct.pack("!BBH", flags, atype, len(value)) + value
    return struct.pack("!BBB", flags, atype, len(value)) + value


def segment(stype, asns, size=4):
    return struct.pack("!BB", stype, len(asns)) + b"".join(a.to_bytes(size, "big") for a in asns)


def update(withdrawn, attrs, nlri):
    w = b"".join(withdrawn)
    a = b"".join(attrs)
    return msg(2, struct.pack("!H", len(w)) + w + struct.pack("!H", len(a)) + a + b"".join(nlri))


ATTRS = [
    attr(0x40, 1, b"\x00"),                                           # ORIGIN IGP
    attr(0x40, 2, segment(2, [65001, 4200000001, 65003])),            # AS_PATH: AS_SEQUENCE
    attr(0x40, 3, bytes([192, 0, 2, 1])),                             # NEXT_HOP
    attr(0x80, 4, struct.pack("!I", 100)),                            # MULTI_EXIT_DISC
    attr(0x40, 5, struct.pack("!I", 200)),                            # LOCAL_PREF
]

MESSAGES = [
    open_msg(65001, 90, [192, 0, 2, 1],                              # 1 OPEN, 3 capabilities
             [cap(1, b"\x00\x01\x00\x01"), cap(2, b""), cap(65, struct.pack("!I", 4200000001))]),
    msg(4, b""),                                                      # 2 KEEPALIVE
    update([], ATTRS,                                                 # 3 UPDATE: 5 attributes, 2 NLRI
           [prefix(24, [203, 0, 113, 0]), prefix(16, [10, 1, 0, 0])]),
    update([prefix(8, [10, 0, 0, 0]), prefix(32, [192, 0, 2, 77])], [], []),   # 4 UPDATE: withdrawn only
    msg(3, b"\x06\x02" + b"shutdown"),                                # 5 NOTIFICATION: cease, with data
    update([], [attr(0x40, 1, b"\x02"),                               # 6 UPDATE: AS_SET + AS_SEQUENCE, extended length
                attr(0x50, 2, segment(1, [64512, 64513]) + segment(2, [65010])),
                attr(0x40, 3, bytes([192, 0, 2, 9]))],
           [prefix(0, [])]),
    open_msg(65002, 0, [192, 0, 2, 2], []),                           # 7 OPEN, no parameters, hold time 0
    # malformed
    update([], [attr(0x40, 2, segment(2, [65001, 65002, 65003])[:-4])], []),   # 8 AS_PATH count 3, room for 2
    msg(4, b"", length=18),                                           # 9 KEEPALIVE: length 18 (< 19)
    # more valid messages (after the malformed ones, to keep their numbers)
    open_params(65003, 180, [192, 0, 2, 3],                           # 10 OPEN: an authentication parameter
                [(1, b"\x05secret"), (2, cap(2, b""))]),              #    (type 1, RFC 1771: bytes) + capabilities
    update([], [attr(0x40, 1, b"\x00"),                               # 11 UPDATE: AS4_PATH, COMMUNITIES as bytes
                attr(0x40, 2, segment(2, [23456, 65001])),
                attr(0x40, 3, bytes([192, 0, 2, 11])),
                attr(0xc0, 8, struct.pack("!II", 0xfde80064, 0xffffff01)),
                attr(0xc0, 17, segment(2, [4200000001, 65001]))],
           [prefix(24, [198, 51, 100, 0])]),
    msg(5, struct.pack("!HBB", 1, 0, 1)),                             # 12 ROUTE-REFRESH (RFC 2918): body as bytes
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "bgp.pcap")
    frames = []
    for i, m in enumerate(MESSAGES):
        f = (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") /
             IP(src="192.0.2.1", dst="192.0.2.2", id=i + 1) /
             TCP(sport=40000 + i, dport=179, flags="PA", seq=1000, ack=2000, window=8192) / Raw(m))
        f.time = 1700000000 + i
        frames.append(f)
    wrpcap(out, frames)


if __name__ == "__main__":
    main()
