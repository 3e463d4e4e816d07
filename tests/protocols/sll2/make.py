#!/usr/bin/python3
"""make.py - writes sll2.pcap (next to this script), link type LINUX_SLL
(113): Linux cooked capture headers (schemas/sll.zc, linux_sll2).

Frames 1 to 6 are real (the same pings as tests/protocols/sll): `tcpdump -i any -y LINUX_SLL2` in a network
namespace while it pinged a peer over a veth pair (ARP request and reply,
ICMP echo out and in: packet types OUTGOING and HOST, 6-byte addresses)
and 127.0.0.1 (loopback, ARPHRD_LOOPBACK 772). Their bytes are copied here
as captured. Then crafted: a multicast and an other-host packet, an 802.2
frame (protocol 4, not an EtherType), an 8-byte address; malformed: a
header cut short.

    /usr/bin/python3 tests/protocols/sll2/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Raw

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402

REAL = [
    "080600000000000200010406d6d2b9da83ad00000001080006040001d6d2b9da83ad0a0900010000000000000a090002",
    "080600000000000200010006c22eceb0989d00000001080006040002c22eceb0989d0a090002d6d2b9da83ad0a090001",
    "080000000000000200010406d6d2b9da83ad00004500005441fc40004001e4980a0900010a0900020800da1b68df0001"
    "2adf166b00000000b3e6010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b"
    "2c2d2e2f3031323334353637",
    "080000000000000200010006c22eceb0989d0000450000540c8e000040015a070a0900020a0900010000e21b68df0001"
    "2adf166b00000000b3e6010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b"
    "2c2d2e2f3031323334353637",
    "08000000000000010304000600000000000000004500005466c940004001d5dd7f0000017f00000108003a6a68e30001"
    "2adf166b000000005194030000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b"
    "2c2d2e2f3031323334353637",
    "08000000000000010304000600000000000000004500005466ca0000400115dd7f0000017f0000010000426a68e30001"
    "2adf166b000000005194030000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b"
    "2c2d2e2f3031323334353637",
]


def sll(ptype, hatype, addr, proto, payload, ifindex=7, reserved=0):
    return struct.pack(">HHIHBB", proto, reserved, ifindex, hatype, ptype, len(addr)) + \
        addr.ljust(8, b"\x00") + payload


ARP = bytes.fromhex("0001080006040001020000000001c000020100000000000" "0c0000202")
frames = [Raw(bytes.fromhex(h)) for h in REAL] + [
    # 7: multicast
    Raw(sll(2, 1, b"\x02\x00\x00\x00\x00\x01", 0x0806, ARP)),
    # 8: to another host (promiscuous)
    Raw(sll(3, 1, b"\x02\x00\x00\x00\x00\x02", 0x0806, ARP)),
    # 9: an 802.2 LLC frame: protocol ETH_P_802_2 (4), not an EtherType
    Raw(sll(0, 1, b"\x02\x00\x00\x00\x00\x03", 0x0004, b"\x42\x42\x03" + bytes(35))),
    # 10: an 8-byte hardware address (an InfiniBand-like device, type 32),
    # a nonzero reserved field
    Raw(sll(1, 32, bytes(range(1, 9)), 0x0806, ARP, reserved=0xabcd)),
    # ---- malformed (statuses in the spec) ----
    # 11: the header cut after 10 bytes
    Raw(bytes.fromhex("08000000000000020001")),
]

pcaplib.write(__file__, frames, linktype=276)
