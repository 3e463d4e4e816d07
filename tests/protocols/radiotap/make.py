#!/usr/bin/python3
"""make.py - writes radiotap.pcap (next to this script; pcap link type 127,
IEEE 802.11 plus radiotap): radiotap headers built with scapy's RadioTap
before 802.11 beacons and data frames, with present words that set bits in
every byte of the word (LSB-first: bit 0 is the least significant bit of
the first byte), an extended present word, and malformed variants (a
header cut short, a length past the frame). A length below 8 is not among
them: tshark 4.0 accepts it silently, radiotap.zc refuses it. Deterministic:
fixed timestamps and addresses.

    /usr/bin/python3 tests/protocols/radiotap/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Dot11, Dot11Beacon, Dot11Elt, RadioTap

AP = "02:00:00:00:00:01"
STA = "02:00:00:00:00:02"

beacon = Dot11(type=0, subtype=8, addr1="ff:ff:ff:ff:ff:ff", addr2=AP, addr3=AP) / \
    Dot11Beacon(timestamp=0x1122334455, beacon_interval=100, cap=0x0411) / \
    Dot11Elt(ID=0, info=b"zerocast")
data = Dot11(type=2, subtype=4, FCfield="to-DS", addr1=AP, addr2=STA, addr3=AP, SC=0x10)   # null function


def hand(present_words, fields, frame=b""):
    """A radiotap header by hand: version 0, pad 0, length, present words."""
    body = b"".join(struct.pack("<I", w) for w in present_words) + fields
    return struct.pack("<BBH", 0, 0, 4 + len(body)) + body + frame


frames = [
    # 1: flags, rate, channel, dBm antenna signal (-42) and noise (-95)
    bytes(RadioTap(present="Flags+Rate+Channel+dBm_AntSignal+dBm_AntNoise", Flags=0x02, Rate=12,
                   ChannelFrequency=2437, ChannelFlags=0x00a0, dBm_AntSignal=-42, dBm_AntNoise=-95) / beacon),
    # 2: TSFT (8-byte aligned), flags, antenna, RX flags: bits 0, 1, 11, 14
    bytes(RadioTap(present="TSFT+Flags+Antenna+RXFlags", mac_timestamp=0x0102030405060708, Flags=0,
                   Antenna=1, RXFlags=0) / data),
    # 3: MCS (bit 19): a bit in the third byte
    hand([0x00080002], b"\x00" + bytes([0x07, 0x00, 0x07]), bytes(data)),
    # 4: nothing present: the 8-byte header alone, then the frame
    bytes(RadioTap(present=0) / beacon),
    # 5: bits 29 (radiotap namespace next) and 31 (ext): a second present
    #    word (TSFT), which is part of `fields` here
    hand([0xA0000000 | 0x2, 0x00000001], b"\x02" + b"\x00" * 3 + bytes(range(8)), bytes(data)),
    # 6: dBm TX power, db antenna signal and noise, tx attenuation (bits 8..13)
    hand([0x00003F00], struct.pack("<HHbbBB", 3, 6, 20, 1, 40, 2), bytes(data)),
    # 7: malformed: the header cut inside the present word (6 bytes)
    hand([0x2], b"\x02\x00")[:6],
    # 8: malformed: length 200, past the end of the frame
    struct.pack("<BBHI", 0, 0, 200, 0x2) + b"\x02" + bytes(data),
]

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "radiotap.pcap")
with open(out, "wb") as w:   # classic pcap, link type 127 (radiotap)
    w.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 127))
    for i, f in enumerate(frames):
        w.write(struct.pack("<IIII", 1700000000 + i, 0, len(f), len(f)) + f)
