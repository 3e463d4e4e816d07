#!/usr/bin/env python3
"""DNS on its well-known port that is not a DNS message, over TCP and UDP,
for tests/unit/test_stack.c (port_guesses_tcp): the walker's policy is that
a layer only a port suggests and that does not parse ends the walk
ZC_UNDECODED, not malformed, over TCP (a whole length-prefixed frame on
port 53 whose message does not parse) as over UDP. tshark calls these
frames Malformed DNS (its DNS dissector does not reject bytes); its view is
recorded by tests/tools/make_stack_expect.sh.

usage: make_stack_guess.py tests/captures/stack/guess.pcap
"""
import logging
import struct
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import Ether, IP, TCP, UDP, DNS, DNSQR, Raw, wrpcap  # noqa: E402

MAC1, MAC2 = "02:00:00:00:00:01", "02:00:00:00:00:02"
A1, A2 = "192.0.2.1", "192.0.2.2"


def tcp(sport, dport, data):
    return (Ether(dst=MAC2, src=MAC1) / IP(src=A1, dst=A2) /
            TCP(sport=sport, dport=dport, flags="PA", seq=1000, ack=2000) / Raw(data))


def udp(sport, dport, data):
    return Ether(dst=MAC2, src=MAC1) / IP(src=A1, dst=A2) / UDP(sport=sport, dport=dport) / Raw(data)


# A DNS header that announces one question and has none: 12 bytes, so a
# length-prefixed frame of 12 is whole, and the message is cut short.
no_question = struct.pack(">HHHHHH", 0x5555, 0x0100, 1, 0, 0, 0)
# Not DNS at all: 16 bytes of text, one whole "frame" of 0x4745 ("GE")
# bytes would not be whole, so a length of 14 is prefixed to 14 of them.
text = b"HELLO, NOT DNS"
query = bytes(DNS(id=0x6666, rd=1, qd=DNSQR(qname="example.test.")))
frames = [
    # 1 TCP to port 53, a whole frame (length 12, 12 bytes) whose message
    #   announces a question it does not hold
    tcp(40000, 53, struct.pack(">H", len(no_question)) + no_question),
    # 2 the same from port 53 to a higher port (the lower port decides)
    tcp(53, 40000, struct.pack(">H", len(no_question)) + no_question),
    # 3 TCP to port 53, a whole frame of text: its "header" counts 0x4c4c
    #   questions, cut short
    tcp(40001, 53, struct.pack(">H", len(text)) + text),
    # 4 a well-formed query in one segment: decoded (the guess holds)
    tcp(40002, 53, struct.pack(">H", len(query)) + query),
    # 5 UDP to port 53 with the same cut message: undecoded too
    udp(40003, 53, no_question),
]
for i, f in enumerate(frames):
    f.time = 1700000200 + i                     # fixed, so the file is reproducible
wrpcap(sys.argv[1], frames)
