#!/usr/bin/python3
"""make.py - the captures of tests/wireshark's user-style schemas, crafted
with scapy: `make.py DIR` writes DIR/sensor.pcap, DIR/chat.pcap and
DIR/game.pcap (Ethernet, IPv4, UDP; deterministic). Each has well-formed
frames first, then damaged ones (truncated, a failed constraint, a case
that does not fill its length, a bad count), which the dissector must
report as expert info."""
import struct
import sys

from scapy.all import Ether, IP, UDP, Raw, wrpcap

def frames(port, payloads):
    out = []
    for i, p in enumerate(payloads):
        f = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / \
            IP(src="192.0.2.1", dst="192.0.2.2", id=i + 1) / UDP(sport=40000 + i, dport=port) / Raw(p)
        f.time = 1700000000 + i
        out.append(f)
    return out

def reading(kind, value):
    return struct.pack("BB", kind, len(value)) + value

def sensor(version=1, loc=None, offset=-3, readings=(), magic=0x5a43, count=None):
    b0 = (version << 5) | ((1 if loc else 0) << 4) | (offset & 0xf)
    p = struct.pack(">HBBI", magic, b0, len(readings) if count is None else count, 0xdeadbeef)
    if loc:
        p += struct.pack(">ii", *loc)
    return p + b"".join(readings)

temp = reading(1, struct.pack(">h", -1250))
hum = reading(2, b"\x37")
pres = reading(3, struct.pack("<I", 101325))
label = reading(4, b"kitchen")
good_sensor = [
    sensor(readings=[temp]),
    sensor(loc=(515000000, -1270000), offset=7, readings=[temp, hum, pres, label]),
    sensor(readings=[]),
    sensor(readings=[reading(9, b"")]),
]
bad_sensor = [
    sensor(readings=[temp])[:9],                          # truncated inside device_id
    sensor(magic=0x1234, readings=[temp]),                # constraint: magic
    sensor(version=2, readings=[temp]),                   # constraint: version
    sensor(readings=[reading(2, b"\x65")]),               # constraint: percent <= 100
    sensor(readings=[reading(1, b"\x00\x01\x02")]),       # case does not fill its length
    sensor(readings=[temp], count=3),                     # fewer elements than the count
    sensor(readings=[struct.pack("BB", 4, 200) + b"x"]),  # length past the end
]

def leb(n):
    out = b""
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])

def chat(type_, body, urgent=0, ttl=5, tlvs=b"", length=None, tlv_bytes=None):
    return struct.pack("BB", type_, (urgent << 7) | ttl) + (length if length is not None else leb(len(body))) + \
        body + struct.pack(">H", len(tlvs) if tlv_bytes is None else tlv_bytes) + tlvs

def tlv(tag, data):
    return struct.pack("BB", tag, len(data)) + data

good_chat = [
    chat(1, b"alice\x00" + struct.pack("<H", 0x0103)),
    chat(2, struct.pack(">I", 42) + b"hello, world" * 12, urgent=1, tlvs=tlv(1, b"ab") + tlv(2, b"")),
    chat(3, b"", ttl=127),
    chat(2, struct.pack(">I", 7) + b"", tlvs=tlv(9, b"\xff" * 3)),
]
bad_chat = [
    chat(1, b"bob" + struct.pack("<H", 1)),                # no terminator in the body
    chat(2, b"x", ttl=0),                                  # constraint: ttl >= 1
    chat(3, b"zz"),                                        # empty case with a length of 2
    chat(2, b"", length=b"\x80\x80\x80\x80\x01"),          # varint longer than 4 bytes
    chat(1, b"a\x00\x01\x00", tlvs=tlv(1, b"abc"), tlv_bytes=4),  # a TLV runs past its byte count
    chat(2, struct.pack(">I", 1))[:3],                     # truncated inside the body
]

def entity(id_, dx, dy, last, health):
    return struct.pack(">HBB", id_, ((dx & 0xf) << 4) | (dy & 0xf), (last << 7) | health)

def game(name, ents, scores=(), caps=(1, 0, 0x155, 9), tick=123456789, drift=-(2 ** 58) + 12345, epoch=5):
    p = struct.pack("<IB", tick, len(name)) + name
    p += b"\x00" * ((4 - len(p) % 4) % 4)
    sound, chat_, region, level = caps
    p += struct.pack("<I", sound | (chat_ << 1) | (region << 8) | (level << 18))[:3]
    p += b"".join(ents)
    p += struct.pack(">H", len(scores)) + b"".join(struct.pack(">H", s) for s in scores)
    return p + struct.pack(">Q", ((drift & (2 ** 60 - 1)) << 4) | epoch)

good_game = [
    game(b"arena", [entity(1, -2, 3, 1, 100)], scores=(10, 20)),
    game(b"abc", [entity(7, 7, -8, 0, 50), entity(8, -1, 0, 0, 0), entity(9, 0, 1, 1, 99)],
         drift=2 ** 59 - 3, epoch=15),                     # i60: the largest values
    game(b"", [entity(2, 0, 0, 1, 1)], caps=(0, 1, 1023, 63), drift=-(2 ** 59) + 1, epoch=0),
    game(b"z", [entity(3, 0, 0, 1, 2)], drift=-1),
    game(b"y", [entity(4, 0, 0, 1, 3)], drift=2 ** 53 + 1),  # a double rounds it
]
bad_game = [
    game(b"x" * 40, [entity(1, 0, 0, 1, 1)]),               # constraint: name_len <= NAME_MAX
    game(b"arena", [entity(1, 0, 0, 0, 100)]),              # no element ends the list
    game(b"arena", [entity(1, 0, 0, 1, 101)]),              # constraint: health <= 100
    game(b"arena", [entity(1, 0, 0, 1, 1)], scores=(1, 2))[:-9],  # truncated scores
    game(b"arena", [entity(1, 0, 0, 1, 1)])[:-1],           # truncated drift
    game(b"arena", [entity(1, 0, 0, 1, 1)], drift=-(2 ** 59)),  # constraint: drift > -2^59
]

out = sys.argv[1] if len(sys.argv) > 1 else "."
wrpcap(out + "/sensor.pcap", frames(9999, good_sensor + bad_sensor))
wrpcap(out + "/chat.pcap", frames(7777, good_chat + bad_chat))
wrpcap(out + "/game.pcap", frames(5555, good_game + bad_game))
