#!/usr/bin/python3
"""make.py - writes vxlan.pcap (next to this script): VXLAN (RFC 7348).

Frames 1 to 8 are real: real-vxlan.pcap, written by capture.sh, where the
Linux kernel's vxlan driver carried a ping between two network namespaces
(VNI 42 over IPv4, VNI 16777215 over IPv6; inner ARP request and reply,
ICMP echo request and reply). Their bytes are copied as captured, only the
timestamps are fixed.

Then frames crafted by hand (struct) inside scapy's Ether/IP/UDP, for what
Linux's plain VXLAN does not send: every reserved bit set, the Group Policy
extension's flags and policy ID (read as reserved bits by vxlan.zc), VNI 0,
no inner frame, and malformed variants (the header cut). Deterministic:
fixed timestamps, fixed addresses. (A header with the I flag clear is
refused by zerocast but decoded by tshark: vxlan.zc's header comment; it
cannot be in this pcap.)

    /usr/bin/python3 tests/protocols/vxlan/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import ARP, Ether, IP, UDP, Raw, rdpcap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import pcaplib  # noqa: E402


def outer(sport=49152):
    return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / \
        IP(src="192.0.2.1", dst="192.0.2.2", id=1, flags="DF") / UDP(sport=sport, dport=4789)


def vxlan(vni, flags=0x08, reserved1=0, reserved2=0):
    return struct.pack("!B", flags) + reserved1.to_bytes(3, "big") + (vni << 8 | reserved2).to_bytes(4, "big")


def inner():
    return bytes(Ether(src="02:00:00:00:01:01", dst="ff:ff:ff:ff:ff:ff") /
                 ARP(hwsrc="02:00:00:00:01:01", psrc="10.1.0.1", pdst="10.1.0.2"))


real = list(rdpcap(os.path.join(HERE, "real-vxlan.pcap")))
assert len(real) == 8, "real-vxlan.pcap has changed (capture.sh again?): update the 8 here and the frame numbers in the spec"
frames = [
    # 9: every reserved bit set (flags 0xff, reserved1, reserved2), VNI 0
    outer() / Raw(vxlan(0, flags=0xff, reserved1=0xffffff, reserved2=0xff) + inner()),
    # 10: Group Policy extension (draft-smith-vxlan-group-policy): G and I,
    #     D and A, policy ID 0x1234
    outer() / Raw(vxlan(100, flags=0x88, reserved1=0x481234) + inner()),
    # 11: no inner frame
    outer() / Raw(vxlan(7)),
    # ---- malformed (statuses in the spec) ----
    # 12: the header cut after 6 bytes
    outer() / Raw(vxlan(42)[:6]),
    # 13: only the flags and reserved bits
    outer() / Raw(vxlan(42)[:4]),
]

pcaplib.write(__file__, real + frames)
