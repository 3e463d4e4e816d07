#!/usr/bin/python3
"""Writes lenient.pcap: the packets of the tolerant-walk and @policy suite
(tests/lenient/run.sh). Deterministic (fixed times, addresses and ids).

Usage: make.py OUT.pcap

Frames (their expected decode comes from tshark: lenient.expect):
  1  DHCP OFFER, sound options (baseline)
  2  DHCP OFFER whose lease-time option (51) has length 2, then the
     message-type option (53): a bad element whose framing is sound
  3  DHCP OFFER with the message-type option, then a router
     option of 6 bytes (not a whole number of addresses), then server-id
  4  DHCP OFFER whose host-name option runs past the packet: a framing
     failure, the walk ends in both modes
  5  DHCP OFFER with hlen 17 (policy: RFC 2131 chaddr is 16 bytes)
  6  ICMP echo request with code 1 (policy: RFC 792 says code 0)
  7  IPv4 frame (ethertype 0x0800) whose version field is 6 (policy)
  8  DHCP cut short inside its fixed part (structural)
  9  IPv4 header with ihl 4 (structural: the header length)
 10  DHCP OFFER whose message-type option has length 2 (RFC 2132: 1;
     tshark reads the first byte, dhcp.zc keeps the rest as `extra`), then
     a max-message-size option of length 3 (a bad element), then server-id
"""
import sys

from scapy.all import BOOTP, ICMP, IP, UDP, Ether, Raw, wrpcap  # noqa: E402

MAC_S = "02:00:00:00:00:01"
MAC_C = "02:00:00:00:00:02"


def dhcp_frame(options: bytes, hlen=6, cut=None):
    bootp = BOOTP(op=2, htype=1, hlen=hlen, xid=0x1234ABCD, yiaddr="192.0.2.10",
                  siaddr="192.0.2.1", chaddr=bytes.fromhex("020000000002") + bytes(10))
    payload = bytes(bootp) [:236] + bytes.fromhex("63825363") + options
    if cut is not None:
        payload = payload[:cut]
    return (Ether(src=MAC_S, dst=MAC_C) / IP(src="192.0.2.1", dst="192.0.2.10", id=1, ttl=64)
            / UDP(sport=67, dport=68) / Raw(payload))


def opt(code, data: bytes):
    return bytes([code, len(data)]) + data


SERVER = bytes([192, 0, 2, 1])
frames = [
    dhcp_frame(opt(53, b"\x02") + opt(54, SERVER) + opt(51, b"\x00\x00\x0e\x10") + b"\xff"),
    dhcp_frame(opt(51, b"\x0e\x10") + opt(53, b"\x02") + opt(54, SERVER) + b"\xff"),
    dhcp_frame(opt(53, b"\x02") + opt(3, SERVER + b"\xc0\x00") + opt(54, SERVER) + b"\xff"),
    dhcp_frame(opt(53, b"\x02") + bytes([12, 40]) + b"client"),
    dhcp_frame(opt(53, b"\x02") + opt(54, SERVER) + b"\xff", hlen=17),
    Ether(src=MAC_S, dst=MAC_C) / IP(src="192.0.2.1", dst="192.0.2.10", id=2, ttl=64)
    / ICMP(type=8, code=1, id=0x77, seq=1) / Raw(b"zerocast"),
]
v6 = bytearray(bytes(IP(src="192.0.2.1", dst="192.0.2.10", id=3, ttl=64) / ICMP(type=8, id=0x77, seq=2)))
v6[0] = 0x65   # version 6, ihl 5; the checksum stays the one of version 4
frames.append(Ether(src=MAC_S, dst=MAC_C, type=0x0800) / Raw(bytes(v6)))
frames.append(dhcp_frame(b"", cut=100))
ihl4 = bytearray(bytes(IP(src="192.0.2.1", dst="192.0.2.10", id=4, ttl=64) / ICMP(type=8, id=0x77, seq=3)))
ihl4[0] = 0x44
frames.append(Ether(src=MAC_S, dst=MAC_C, type=0x0800) / Raw(bytes(ihl4)))
frames.append(dhcp_frame(opt(53, b"\x02\x00") + opt(57, b"\x05\xdc\x00") + opt(54, SERVER) + b"\xff"))

for i, f in enumerate(frames):
    f.time = 1700000000 + i
wrpcap(sys.argv[1], frames)
