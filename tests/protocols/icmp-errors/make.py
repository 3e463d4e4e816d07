#!/usr/bin/python3
"""make.py - writes icmp-errors.pcap (next to this script): ICMPv4 error
messages (RFC 792, RFC 1191, RFC 1812) quoting the IPv4 header of the
datagram in error and 8 bytes (or more) of its data, crafted with scapy;
malformed variants (a quoted header of version 6, a quoted header length
below 5 words) inside valid Ethernet/IPv4 headers whose lengths match.
Deterministic: fixed timestamps, addresses, IDs and ports. Checked by
tests/protocols/icmp-errors/spec against tshark's decode of the quoted
header (the ip protocol inside icmp).

    /usr/bin/python3 tests/protocols/icmp-errors/make.py [OUT.pcap]
"""
import os
import sys

from scapy.all import Ether, IP, ICMP, TCP, UDP, Raw, IPOption, IPOption_Router_Alert, wrpcap


def quoted(pkt, n):
    """The first n bytes of the datagram in error (its checksum computed)."""
    return bytes(pkt)[:n]


UDP_DGRAM = IP(src="192.0.2.2", dst="198.51.100.7", id=0x1234, ttl=64) / UDP(sport=33434, dport=33435) / Raw(b"0123456789abcdefghij")
TCP_SEG = IP(src="192.0.2.2", dst="198.51.100.8", id=0x2345, flags="DF") / TCP(sport=40000, dport=443, seq=1, flags="S") / Raw(b"x" * 1460)
PING = IP(src="192.0.2.2", dst="198.51.100.9", id=0x3456, ttl=1) / ICMP(type=8, id=7, seq=1) / Raw(b"ping data 012345")
OPTS = IP(src="192.0.2.2", dst="198.51.100.10", id=0x4567, options=[IPOption_Router_Alert()]) / UDP(sport=5000, dport=5001) / Raw(b"abcdefgh")
# quoted headers with the other options of schemas/ipv4.zc, as raw bytes:
# record route (2 slots, both recorded: pointer 12) and an EOL to the word;
# timestamp (2 timestamps, full: pointer 13, overflow 3, flag 0); stream ID
# (136: known to tshark, the `unknown` case of ipv4.zc)
RR = IP(src="192.0.2.2", dst="198.51.100.11", id=0x5678,
        options=[IPOption(b"\x07\x0b\x0c\xc0\x00\x02\x01\xc0\x00\x02\xfe\x00")]) / UDP(sport=5000, dport=5001) / Raw(b"abcdefgh")
TS = IP(src="192.0.2.2", dst="198.51.100.12", id=0x6789,
        options=[IPOption(b"\x44\x0c\x0d\x30\x01\x02\x03\x04\x05\x06\x07\x08")]) / UDP(sport=5000, dport=5001) / Raw(b"abcdefgh")
SID = IP(src="192.0.2.2", dst="198.51.100.13", id=0x789a,
         options=[IPOption(b"\x88\x04\x12\x34")]) / UDP(sport=5000, dport=5001) / Raw(b"abcdefgh")

MESSAGES = [
    ICMP(type=3, code=3) / Raw(quoted(UDP_DGRAM, 28)),                 # 1 port unreachable, header + 8 bytes
    ICMP(type=11, code=0) / Raw(quoted(PING, 28)),                     # 2 time exceeded (TTL), quoting an echo request
    ICMP(type=3, code=3) / Raw(quoted(UDP_DGRAM, 48)),                 # 3 port unreachable, the whole datagram
    ICMP(type=3, code=4, nexthopmtu=1400) / Raw(quoted(TCP_SEG, 40)),  # 4 fragmentation needed, MTU 1400
    ICMP(type=12, code=0, ptr=20) / Raw(quoted(OPTS, 32)),             # 5 parameter problem, a quoted header with options
    ICMP(type=11, code=1) / Raw(quoted(UDP_DGRAM, 20)),                # 6 time exceeded (reassembly), the header alone
    # malformed
    ICMP(type=3, code=1) / Raw(b"\x65" + quoted(UDP_DGRAM, 28)[1:]),   # 7 a quoted header of version 6
    ICMP(type=3, code=3) / Raw(b"\x44" + quoted(UDP_DGRAM, 28)[1:]),   # 8 a quoted header length of 4 words
    # more options in the quoted header (after the malformed frames, to keep their numbers)
    ICMP(type=12, code=0, ptr=20) / Raw(quoted(RR, 40)),               # 9 record route
    ICMP(type=11, code=0) / Raw(quoted(TS, 40)),                       # 10 timestamp
    ICMP(type=3, code=3) / Raw(quoted(SID, 32)),                       # 11 stream ID (unknown to ipv4.zc)
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "icmp-errors.pcap")
    frames = []
    for i, m in enumerate(MESSAGES):
        f = (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") /
             IP(src="203.0.113.1", dst="192.0.2.2", id=i + 1, ttl=255) / m)
        f.time = 1700000000 + i
        frames.append(f)
    wrpcap(out, frames)


if __name__ == "__main__":
    main()
