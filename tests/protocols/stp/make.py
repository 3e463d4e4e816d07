#!/usr/bin/python3
"""make.py - writes stp.pcap (next to this script): spanning tree BPDUs
(IEEE 802.1D, 802.1Q) in IEEE 802.3 frames with LLC 0x42/0x42.

Frames 1 to 3 are real: configuration BPDUs that Linux bridges
(`ip link add br0 type bridge stp_state 1`, two bridges joined by veth
pairs in a network namespace, one with priority 4096, hello 1 s, max age
8 s, forward delay 4 s) sent, captured with tcpdump; the third has the
topology change flag, sent after a link of the other bridge went down.
Their bytes are copied here as captured. The rest (TCN, RST, MST BPDUs,
other field values and the malformed variants) are built by hand with
struct. Deterministic: fixed timestamps, fixed addresses.

    /usr/bin/python3 tests/protocols/stp/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402

REAL = [
    # br0, priority 32768, forward delay 4 s (root of itself at first)
    "0180c20000005ade2788b7250026424203000000000080000eba0bbe95f70000000080000eba0bbe95f7"
    "80010000140002000400",
    # br1, priority 4096, hello 1 s, max age 8 s
    "0180c20000008a4557e2353c0026424203000000000010008a4557e2353c0000000010008a4557e2353c"
    "80010000080001000400",
    # br1 on its second port (0x8002), topology change flag set
    "0180c200000072386acdfedb00264242030000000001100072386acdfedb00000000100072386acdfedb"
    "80020000080001000400",
]

SRC = b"\x02\x00\x00\x00\x00\x01"
DST = b"\x01\x80\xc2\x00\x00\x00"


def frame(bpdu):
    """An IEEE 802.3 frame: the length of LLC + BPDU, LLC 0x42 0x42 UI."""
    llc = b"\x42\x42\x03" + bpdu
    return Ether(DST + SRC + struct.pack(">H", len(llc)) + llc)


def bridge_id(prio, ext, mac):
    return struct.pack(">H", (prio << 12) | ext) + bytes(mac)


def config(flags, root, cost, bridge, port, age, max_age, hello, fwd):
    return (bytes([flags]) + root + struct.pack(">I", cost) + bridge +
            struct.pack(">HHHHH", port, age, max_age, hello, fwd))


def flags(tca=0, agr=0, fwd=0, lrn=0, role=0, prop=0, tc=0):
    return tca << 7 | agr << 6 | fwd << 5 | lrn << 4 | role << 2 | prop << 1 | tc


R1 = bridge_id(1, 0, [2, 0, 0, 0, 0, 0x10])
B2 = bridge_id(8, 5, [2, 0, 0, 0, 0, 0x20])
R3 = bridge_id(15, 4095, [2, 0, 0, 0, 0, 0x30])

CFG = config(flags(tca=1, tc=1), R1, 200000, B2, 0x8123, 384, 20 * 256, 2 * 256, 15 * 256)
RST_BODY = config(flags(agr=1, fwd=1, lrn=1, role=3, prop=1), R1, 20000, B2, 0xf001,
                  256, 20 * 256, 2 * 256, 15 * 256)
RST_ROOT = config(flags(tca=0, fwd=1, lrn=1, role=2, tc=1), R3, 4, R3, 0x0fff,
                  0, 6 * 256, 256, 4 * 256 + 128)
RST_ALT = config(flags(role=1), R1, 1, B2, 0x1002, 512, 40 * 256, 10 * 256, 30 * 256)


def msti(fl, root, cost, bprio, pprio, hops):
    return bytes([fl]) + root + struct.pack(">I", cost) + bytes([bprio, pprio, hops])


def mst(version, body, mstis, cist_cost=2000, v3len=None):
    part = (b"\x00" + b"region-one".ljust(32, b"\x00") + struct.pack(">H", 7) +
            bytes(range(0xa0, 0xb0)) + struct.pack(">I", cist_cost) + B2 + bytes([20]) +
            b"".join(mstis))
    n = len(part) if v3len is None else v3len
    return struct.pack(">HBB", 0, version, 2) + body + b"\x00" + struct.pack(">H", n) + part


M1 = msti(flags(tca=1, fwd=1, lrn=1, role=3, tc=1), bridge_id(2, 1, [2, 0, 0, 0, 0, 0x41]),
          40000, 0x30, 0x80, 19)
M2 = msti(flags(agr=1, role=2, prop=1), bridge_id(9, 4094, [2, 0, 0, 0, 0, 0x42]),
          0, 0xf0, 0x10, 1)

hexframes = [Ether(bytes.fromhex(h)) for h in REAL]
frames = hexframes + [
    # 4: configuration BPDU: TC and TCA, priorities, extension, port 0x123
    frame(struct.pack(">HBB", 0, 0, 0x00) + CFG),
    # 5: topology change notification
    frame(struct.pack(">HBB", 0, 0, 0x80)),
    # 6: RST BPDU, designated port proposing, agreement, learning, forwarding
    frame(struct.pack(">HBB", 0, 2, 0x02) + RST_BODY + b"\x00"),
    # 7: RST BPDU from a root port with TC; largest priority and extension
    frame(struct.pack(">HBB", 0, 2, 0x02) + RST_ROOT + b"\x00"),
    # 8: RST BPDU, alternate port
    frame(struct.pack(">HBB", 0, 2, 0x02) + RST_ALT + b"\x00"),
    # 9: MST BPDU with two MSTI configuration messages
    frame(mst(3, RST_BODY, [M1, M2])),
    # 10: MST BPDU without MSTIs
    frame(mst(3, RST_ROOT, [], cist_cost=0)),
    # 11: a configuration BPDU with version 2 (decoded as configuration)
    frame(struct.pack(">HBB", 0, 2, 0x00) + CFG),
    # ---- malformed (statuses in the spec) ----
    # 12: configuration BPDU cut after the root path cost
    frame(struct.pack(">HBB", 0, 0, 0x00) + CFG[:13]),
    # 13: RST BPDU without its version 1 length
    frame(struct.pack(">HBB", 0, 2, 0x02) + RST_BODY),
    # 14: MST BPDU whose version 3 length runs past the frame
    frame(mst(3, RST_BODY, [M1], v3len=96)),
    # 15: a TCN cut after the protocol identifier
    frame(struct.pack(">HB", 0, 0)),
]

pcaplib.write(__file__, frames)
