#!/usr/bin/python3
"""make_malformed.py - malformed frames for tests/unit/test_variable.c.

Usage:  /usr/bin/python3 tests/tools/make_malformed.py OUT.pcap
        /usr/bin/python3 tests/tools/make_malformed.py --list

Writes one Ethernet frame per case below, in this order (frame N is
CASES[N-1]); the C test has a table with the same order and the exact
zc_status each one must produce. Outer layers (Ethernet, IPv4/IPv6, UDP,
TCP) are built by scapy and are valid; only the part named in the case is
broken, by hand. Fixed timestamps: the file is byte-reproducible.
Called by tests/captures/make-captures.sh (needs python3-scapy).
"""

import logging
import struct
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import Ether, IP, IPv6, UDP, TCP, Raw, wrpcap  # noqa: E402

MAC1, MAC2 = "02:00:00:00:00:01", "02:00:00:00:00:02"
T0 = 1700000000.0


def dns_udp(msg):
    """A DNS response from 192.0.2.53:53 carrying msg as it is."""
    return (Ether(dst=MAC2, src=MAC1) /
            IP(src="192.0.2.53", dst="192.0.2.1", id=0x5353) /
            UDP(sport=53, dport=40000) / Raw(msg))


def dns_hdr(qd=1, an=0, ns=0, ar=0, ident=0x1234, flags=0x8180):
    return struct.pack(">HHHHHH", ident, flags, qd, an, ns, ar)


def tcp_opts(opts, payload=b"", ident=0):
    """IPv4/TCP whose data_offset covers exactly `opts` (a multiple of 4)."""
    assert len(opts) % 4 == 0
    hdr = bytearray(bytes(TCP(sport=40000, dport=80, flags="A", seq=1, ack=1,
                              window=1024)))
    hdr[12] = ((20 + len(opts)) // 4) << 4
    return (Ether(dst=MAC2, src=MAC1) /
            IP(src="192.0.2.1", dst="192.0.2.2", id=ident, proto=6) /
            Raw(bytes(hdr) + opts + payload))


QTAIL = b"\x00\x01\x00\x01"          # type A, class IN
LABEL63 = b"\x3f" + b"a" * 63

# (name, description, frame). Offsets in the comments are from the start of
# the DNS message / TCP header / IPv4 header / ICMPv6 message / DHCP message.
CASES = [
    ("dns-loop", "DNS compression loop: name at 12 is label 'a' then a "
     "pointer (at 14) back to 12",
     dns_udp(dns_hdr() + b"\x01a\xc0\x0c" + QTAIL)),
    ("dns-self", "DNS pointer to itself: name at 12 is the pointer c0 0c",
     dns_udp(dns_hdr() + b"\xc0\x0c" + QTAIL)),
    ("dns-forward", "DNS forward pointer: question 1's name (at 12) points "
     "to question 2's name at 18",
     dns_udp(dns_hdr(qd=2) + b"\xc0\x12" + QTAIL + b"\x01b\x00" + QTAIL)),
    ("dns-outside", "DNS pointer past the end of the message (c3 ff = 1023)",
     dns_udp(dns_hdr() + b"\xc3\xff" + QTAIL)),
    ("dns-label64", "DNS label of 64 bytes (length byte 0x40 at 12)",
     dns_udp(dns_hdr() + b"\x40" + b"x" * 64 + b"\x00" + QTAIL)),
    ("dns-name256", "DNS name of 5 labels of 63 bytes: over 255 bytes at the "
     "fourth label (length byte at 12 + 3 * 64 = 204)",
     dns_udp(dns_hdr() + LABEL63 * 5 + b"\x00" + QTAIL)),
    ("dns-counts", "DNS qdcount 3 with one question (message ends at 19)",
     dns_udp(dns_hdr(qd=3) + b"\x01a\x00" + QTAIL)),
    ("dns-ancount", "DNS ancount 2 with one answer record",
     dns_udp(dns_hdr(qd=1, an=2) + b"\x01a\x00" + QTAIL +
             b"\xc0\x0c" + QTAIL + b"\x00\x00\x01\x2c\x00\x04\xc0\x00\x02\x01")),
    ("dns-rdlength", "DNS A record whose rdlength (100) runs past the message",
     dns_udp(dns_hdr(qd=1, an=1) + b"\x01a\x00" + QTAIL +
             b"\xc0\x0c" + QTAIL + b"\x00\x00\x01\x2c\x00\x64\xc0\x00\x02\x01")),
    ("dns-a-len", "DNS A record with rdlength 5 (an A case is 4 bytes)",
     dns_udp(dns_hdr(qd=1, an=1) + b"\x01a\x00" + QTAIL +
             b"\xc0\x0c" + QTAIL + b"\x00\x00\x01\x2c\x00\x05\xc0\x00\x02\x01\x00")),
    ("dns-txt", "DNS TXT record: string length 5 with 2 bytes left in the "
     "rdata (rdlength 3)",
     dns_udp(dns_hdr(qd=1, an=1) + b"\x01a\x00" + b"\x00\x10\x00\x01" +
             b"\xc0\x0c" + b"\x00\x10\x00\x01" + b"\x00\x00\x01\x2c\x00\x03" +
             b"\x05ab")),
    ("tcp-optlen0", "TCP option MSS with length 0 (options at 20)",
     tcp_opts(b"\x02\x00\x00\x00", ident=1)),
    ("tcp-optlen1", "TCP NOP, then window scale with length 1 (at 21)",
     tcp_opts(b"\x01\x03\x01\x00", ident=2)),
    ("tcp-optpast", "TCP NOP NOP, then timestamps (length 10) at 22 with only "
     "2 bytes of the 4-byte options region left; payload follows",
     tcp_opts(b"\x01\x01\x08\x0a", b"payload bytes", ident=3)),
    ("tcp-mss-len", "TCP MSS option with length 5 (an MSS case is 2 bytes)",
     tcp_opts(b"\x02\x05\x05\xb4\x00\x00\x00\x00", ident=4)),
    ("ipv4-optpast", "IPv4 record-route option (length 11) in a 4-byte "
     "options region (ihl 6)",
     Ether(dst=MAC2, src=MAC1, type=0x0800) /
     Raw(bytes.fromhex("46000024" "00070000" "40110000" "c0000201" "c0000202"
                       "070b0400") + bytes(UDP(sport=1, dport=2, len=12)) + b"abcd")),
    ("nd-optlen0", "ICMPv6 neighbor solicitation whose option (at 24) has "
     "length 0",
     Ether(dst=MAC2, src=MAC1) /
     IPv6(src="fe80::1", dst="fe80::2", hlim=255, nh=58) /
     Raw(bytes.fromhex("87000000" "00000000") + bytes(16) +
         bytes.fromhex("0100020000000001"))),
]


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        for i, (name, desc, _) in enumerate(CASES, 1):
            print(f"{i:2} {name:13} {desc}")
        return 0
    if len(argv) != 2:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    pkts = []
    for i, (_, _, p) in enumerate(CASES):
        p.time = T0 + i * 0.001
        pkts.append(p)
    wrpcap(argv[1], pkts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
