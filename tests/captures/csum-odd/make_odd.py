#!/usr/bin/env python3
"""make_odd.py - UDP/IPv4 frames whose payload carries an Internet checksum
at an odd offset (tests/unit/test_csum.c, "odd offsets").

    python3 tests/captures/csum-odd/make_odd.py [OUT.pcap]   (default: odd-offset.pcap here)
    python3 tests/captures/csum-odd/make_odd.py --check       (tshark agrees; the file is what this writes)

Each UDP payload is a message of tests/unit/csum_odd.zc's `odd_rest`:

    u8 a; be16 c @checksum(internet); u8 b[];

c is at offset 1. Every checksum here is computed by this script's own RFC
1071 sum (big-endian 16-bit words from the start of the summed bytes, an odd
last byte padded with a zero byte), not by zerocast:

  a = 1   c is right: the message's bytes sum to 0xFFFF. At an odd offset
          the field's first byte is the low half of word 0 and its second
          the high half of word 1 (RFC 1071 section 2(B)), so the stored
          bytes are the checksum's low byte, then its high byte.
  a = 2   c holds the checksum in network order, as if the field were at an
          even offset (what zerocast stored before issue 16 item 7 was
          fixed): wrong, and never accidentally right (both bytes differ).

The IPv4 header and UDP checksums come from the same function; --check has
tshark verify them (so tshark vouches for the sum) and re-checks every
message's verdict from the bytes.
"""
import os
import random
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "odd-offset.pcap")
SRC, DST = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])


def rfc1071_sum(data):
    """The one's complement sum of data as big-endian 16-bit words."""
    if len(data) % 2:
        data += b"\0"
    s = 0
    for i in range(0, len(data), 2):
        s += data[i] << 8 | data[i + 1]
        s = (s & 0xFFFF) + (s >> 16)
    return s


def checksum(data):
    return ~rfc1071_sum(data) & 0xFFFF


def message(rng, kind):
    while True:
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 48)))
        zero = bytes([kind, 0, 0]) + body
        c = checksum(zero)
        if c >> 8 == c & 0xFF:
            continue   # a palindrome is right either way: not a test
        if kind == 1:
            msg = bytes([kind, c & 0xFF, c >> 8]) + body       # odd offset: swapped
            assert rfc1071_sum(msg) == 0xFFFF
        else:
            msg = bytes([kind, c >> 8, c & 0xFF]) + body       # as if at an even offset
            assert rfc1071_sum(msg) != 0xFFFF
        return msg


def frame(i, payload):
    udp = struct.pack("!HHHH", 40000 + i, 7777, 8 + len(payload), 0) + payload
    pseudo = SRC + DST + struct.pack("!BBH", 0, 17, len(udp))
    uc = checksum(pseudo + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", uc) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0x1000 + i, 0, 64, 17, 0, SRC, DST)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return bytes.fromhex("020000000002" "020000000001" "0800") + ip + udp


def write(path):
    rng = random.Random(16)
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    for i in range(64):
        f = frame(i, message(rng, 1 if i % 4 else 2))
        out += struct.pack("<IIII", 1700000000 + i, 0, len(f), len(f)) + f
    with open(path, "wb") as fh:
        fh.write(out)


def check():
    tmp = DEFAULT + ".tmp"
    write(tmp)
    same = open(tmp, "rb").read() == open(DEFAULT, "rb").read()
    os.unlink(tmp)
    out = subprocess.run(
        ["tshark", "-r", DEFAULT, "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
         "-T", "fields", "-E", "separator=|", "-e", "ip.checksum.status", "-e", "udp.checksum.status",
         "-e", "udp.payload"],
        capture_output=True, text=True, check=True).stdout.splitlines()
    good = [l for l in out if l.split("|")[:2] == ["1", "1"]]   # 1: good (0 bad, 2 unverified)
    verdicts = [rfc1071_sum(bytes.fromhex(l.split("|")[2])) == 0xFFFF for l in out]
    kinds = [bytes.fromhex(l.split("|")[2])[0] for l in out]
    ok = same and len(out) == 64 and len(good) == 64 and \
        all(v == (k == 1) for v, k in zip(verdicts, kinds))
    print(f"make_odd.py --check: file reproduced: {same}; tshark: {len(good)} of {len(out)} frames "
          f"with good IPv4 and UDP checksums; {kinds.count(1)} right and {kinds.count(2)} wrong "
          f"odd-offset checksums, as intended: {all(v == (k == 1) for v, k in zip(verdicts, kinds))}")
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    write(sys.argv[1] if len(sys.argv) > 1 else DEFAULT)
