#!/usr/bin/python3
# make-fixtures.py - the pcaps of tests/api (issue #24 items 1 and 2),
# crafted with scapy; byte-identical on every run (fixed timestamps).
#   /usr/bin/python3 tests/api/make-fixtures.py tests/api
#   bash tests/api/expect.sh tests/api     # then the tshark expectations
#
# dhcp-overload.pcap: a DHCPOFFER whose option 52 (overload) is 3: the
#   options field holds 53, 52, 54 and END; file holds 51 (lease time),
#   1 (subnet mask) and END; sname holds 3 (router), 6 (DNS servers, two
#   addresses), 12 (host name), END, then PAD to its end.
# ipv4-timestamp.pcap: two ICMP echo requests with an IPv4 timestamp
#   option: flag 0 (timestamps only: 2 entries, pointer past both), then
#   flag 1 (address and timestamp: 2 entries, overflow 3), followed by NOP,
#   NOP, EOOL padding where needed.
import struct
import sys

from scapy.all import BOOTP, DHCP, ICMP, IP, UDP, Ether, wrpcap
from scapy.layers.inet import IPOption

out = sys.argv[1] if len(sys.argv) > 1 else "."

# ---- DHCP with option overload ----
sname = bytes([3, 4, 192, 0, 2, 1,
               6, 8, 192, 0, 2, 53, 198, 51, 100, 53,
               12, 5]) + b"zcast" + bytes([255])
sname += bytes(64 - len(sname))
file_ = bytes([51, 4, 0, 0, 0x0e, 0x10,
               1, 4, 255, 255, 255, 0,
               255])
file_ += bytes(128 - len(file_))
dhcp = (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
        / IP(src="192.0.2.1", dst="192.0.2.10", id=1)
        / UDP(sport=67, dport=68)
        / BOOTP(op=2, xid=0x12345678, yiaddr="192.0.2.10", siaddr="192.0.2.1",
                chaddr=bytes.fromhex("020000000002") + bytes(10), sname=sname, file=file_)
        / DHCP(options=[("message-type", "offer"), (52, b"\x03"),
                        ("server_id", "192.0.2.1"), "end"]))
dhcp.time = 1700000000
wrpcap(f"{out}/dhcp-overload.pcap", [dhcp])

# ---- IPv4 timestamp options ----
def ts_option(flag, overflow, entries, pointer):
    body = b"".join(entries)
    return IPOption(struct.pack("!BBBB", 68, 4 + len(body), pointer, (overflow << 4) | flag) + body)

ts0 = ts_option(0, 0, [struct.pack("!I", 1), struct.pack("!I", 3600000)], 13)
addr = lambda a: bytes(int(x) for x in a.split("."))
ts1 = ts_option(1, 3, [addr("192.0.2.1") + struct.pack("!I", 1000),
                       addr("192.0.2.2") + struct.pack("!I", 2000)], 21)
pkts = []
for i, opt in enumerate([ts0, ts1]):
    p = (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
         / IP(src="192.0.2.1", dst="192.0.2.2", id=10 + i, options=[opt])
         / ICMP(type=8, id=0x77, seq=i + 1) / b"timestamp")
    p.time = 1700000001 + i
    pkts.append(p)
wrpcap(f"{out}/ipv4-timestamp.pcap", pkts)
