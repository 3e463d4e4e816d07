#!/usr/bin/env python3
"""make_time.py - zcdump's time stamp fixtures (tests/zcdump/time/).

    python3 tests/zcdump/time/make_time.py [OUTDIR]   (default: this directory)

The time stamps are the point; every record holds the same valid frame (an
Ethernet ARP request). The files are written byte by byte from the formats'
definitions (draft-ietf-opsawg-pcap, draft-ietf-opsawg-pcapng), so they can
hold what capture programs never write:

  time-usec.pcap      classic pcap, microseconds, little-endian: 0, the last
                      second before 2038-01-19 03:14:08 and the one after
                      (2^31), 2106-01-01 (4291747200: libpcap 1.10 gives
                      -3220096), the last second of the 32-bit field, and
                      impossible microseconds: 1000000, 2000000, 0xffffffff
  time-nsec-be.pcap   classic pcap, nanoseconds, big-endian: the same
                      seconds, 999999999 ns, and impossible nanoseconds:
                      1000000000, 2000000000, 0xffffffff
  time-after-2106.pcapng
                      pcapng, default (microsecond) and nanosecond
                      resolution: seconds past the 32-bit range, up to the
                      largest 64-bit microsecond count
  time-before-1970.pcapng
                      pcapng with if_tsresol 10^0 (whole seconds): a 64-bit
                      count >= 2^63 is a negative time for libpcap and for
                      Wireshark alike: -1, -86401, -3600, before INT32_MIN,
                      INT64_MIN; then 0 and 1

Deterministic: the same bytes every run (tests/zcdump/run.sh checks that
the committed files are what this script writes).
"""
import os
import struct
import sys

# Ethernet broadcast ARP request 192.0.2.1 asks for 192.0.2.2 (42 bytes)
FRAME = bytes.fromhex(
    "ffffffffffff" "020000000001" "0806"
    "0001" "0800" "06" "04" "0001" "020000000001" "c0000201" "000000000000" "c0000202")

U32 = 0xFFFFFFFF


def pcap(path, magic, endian, records):
    """Classic pcap: 24-byte file header, 16-byte record headers."""
    out = struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, 65535, 1)
    for sec, sub in records:
        out += struct.pack(endian + "IIII", sec & U32, sub & U32, len(FRAME), len(FRAME)) + FRAME
    with open(path, "wb") as f:
        f.write(out)


def block(btype, body):
    body += b"\0" * (-len(body) % 4)
    n = len(body) + 12
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def option(code, value):
    return struct.pack("<HH", code, len(value)) + value + b"\0" * (-len(value) % 4)


def pcapng(path, interfaces, packets):
    """interfaces: if_tsresol byte or None (default 10^-6) per interface;
    packets: (interface, 64-bit time stamp in that interface's units)."""
    out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    for tsresol in interfaces:
        opts = b""
        if tsresol is not None:
            opts = option(9, bytes([tsresol])) + option(0, b"")
        out += block(1, struct.pack("<HHI", 1, 0, 0) + opts)
    for ifid, ts in packets:
        out += block(6, struct.pack("<IIIII", ifid, ts >> 32, ts & U32, len(FRAME), len(FRAME)) + FRAME)
    with open(path, "wb") as f:
        f.write(out)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(outdir, exist_ok=True)
    seconds = [0, 1, 86399, 2**31 - 1, 2**31, 4291747200, U32]
    usec = [(s, 0) for s in seconds] + [
        (1, 999999), (2**31, 123456), (U32, 999999),
        (5, 1000000), (5, 2000000), (5, U32), (4291747200, 1000000), (U32, 1000000)]
    pcap(os.path.join(outdir, "time-usec.pcap"), 0xA1B2C3D4, "<", usec)
    nsec = [(s, 0) for s in seconds] + [
        (1, 999999999), (2**31, 123456789), (U32, 999999999),
        (5, 1000000000), (5, 2000000000), (5, U32), (4291747200, 1000000000), (U32, 1000000000)]
    pcap(os.path.join(outdir, "time-nsec-be.pcap"), 0xA1B23C4D, ">", nsec)
    pcapng(os.path.join(outdir, "time-after-2106.pcapng"), [None, 9], [
        (0, 0), (0, 4291747200 * 10**6 + 5), (0, 2**32 * 10**6), (0, (2**32 + 86400) * 10**6 + 999999),
        (0, 2**64 - 1), (1, 4291747200 * 10**9 + 7), (1, 2**33 * 10**9 + 123456789), (1, 2**64 - 1)])
    pcapng(os.path.join(outdir, "time-before-1970.pcapng"), [0], [
        (0, 2**64 - 1), (0, 2**64 - 86401), (0, 2**64 - 3600), (0, 2**64 - 2**31 - 7),
        (0, 2**63), (0, 0), (0, 1)])


if __name__ == "__main__":
    main()
