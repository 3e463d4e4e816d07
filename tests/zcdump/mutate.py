#!/usr/bin/python3
"""mutate.py - damaged copies of real and crafted frames, for zcdump's
"never crashes, never stops" test.

Usage: /usr/bin/python3 tests/zcdump/mutate.py COUNT SEED OUT.pcap CAPTURE...

Reads the Ethernet frames of the classic-pcap CAPTUREs and writes COUNT
frames to OUT.pcap (link type Ethernet), each a random frame with up to six
changes: bytes overwritten, the frame cut short, bytes inserted. About one
in three is also written as snapped (caplen < len), some with an original
length far beyond the bytes. The same SEED gives the same file. Standard
library only.
"""

import random
import struct
import sys


def frames_of(path):
    with open(path, "rb") as f:
        d = f.read()
    if len(d) < 24:
        return []
    magic = struct.unpack("<I", d[:4])[0]
    if magic in (0xa1b2c3d4, 0xa1b23c4d):
        end = "<"
    elif magic in (0xd4c3b2a1, 0x4d3cb2a1):
        end = ">"
    else:
        return []                       # pcapng: skipped
    if struct.unpack(end + "I", d[20:24])[0] != 1:
        return []                       # not Ethernet
    out, off = [], 24
    while off + 16 <= len(d):
        _, _, cl, _ = struct.unpack(end + "IIII", d[off:off + 16])
        out.append(d[off + 16:off + 16 + cl])
        off += 16 + cl
    return out


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    count, seed, out_path = int(argv[1]), int(argv[2]), argv[3]
    frames = [fr for p in argv[4:] for fr in frames_of(p) if fr]
    if not frames:
        sys.stderr.write("mutate.py: no Ethernet frames in the captures\n")
        return 1
    rnd = random.Random(seed)
    out = [struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)]
    for i in range(count):
        fr = bytearray(rnd.choice(frames))
        for _ in range(rnd.randint(0, 6)):
            if not fr:
                break
            op = rnd.random()
            if op < 0.6:
                fr[rnd.randrange(len(fr))] = rnd.randrange(256)
            elif op < 0.8:
                fr = fr[:rnd.randrange(len(fr) + 1)]
            else:
                p = rnd.randrange(len(fr) + 1)
                fr[p:p] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8)))
        length = caplen = len(fr)
        if rnd.random() < 0.3:
            caplen = rnd.randint(0, length)
            length += rnd.choice([0, 0, 1, 50, 1000, 70000])
        out.append(struct.pack("<IIII", 1700000000 + i, 0, caplen, max(length, caplen)))
        out.append(bytes(fr[:caplen]))
    with open(out_path, "wb") as f:
        f.write(b"".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
