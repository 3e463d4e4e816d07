#!/usr/bin/env python3
"""Link-layer frames of issue #19 for tests/unit/test_stack.c and zcdump's
tests: the STP BPDUs (real Linux bridge ones and crafted RST/MST/TCN),
PPPoE Discovery and Session frames (LCP, IPCP, IPV6CP, IPv4, IPv6, PAP)
of tests/protocols/{stp,pppoed,ppp}, then PPPoE after an 802.1Q tag and
a QinQ pair, a BPDU after a VLAN tag, and a session carrying IPv4/UDP/DNS.
The malformed ones are those tshark flags too; frames that zerocast
refuses and tshark accepts are in tests/protocols/ppp/frames.py's
unflagged() and checked by test_stack's link_layer test.

usage: make_stack_l2.py tests/captures/stack/l2.pcap
"""
import logging
import os
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import DNS, DNSQR, IP, UDP, Dot1AD, Dot1Q, Ether, Raw, rdpcap, wrpcap  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO = os.path.join(HERE, "..", "protocols")
sys.path.insert(0, os.path.join(PROTO, "ppp"))
import frames  # noqa: E402

MAC1, MAC2, STP_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02", "01:80:c2:00:00:00"

out = []
for name in ("stp", "pppoed", "ppp"):
    out += [Ether(bytes(p)) for p in rdpcap(os.path.join(PROTO, name, name + ".pcap"))]

padi = frames.pppoe(0x09, 0, frames.tag(0x0101, b"") + frames.tag(0x0103, b"\x00\x01"))
dns = bytes(IP(src="192.0.2.1", dst="192.0.2.53", id=9) / UDP(sport=40000, dport=53) /
            DNS(id=0x4242, qd=DNSQR(qname="pppoe.example.")))
lcp_echo = frames.ppp(frames.LCP, frames.cp(9, 1, b"\x00\x00\x00\x01"))
bpdu = bytes.fromhex("424203") + bytes(out[0])[17:52]
out += [
    # PADI after an 802.1Q tag
    Ether(src=MAC1, dst="ff:ff:ff:ff:ff:ff") / Dot1Q(vlan=10, type=0x8863) / Raw(padi),
    # a session frame after an 802.1ad + 802.1Q pair
    Ether(src=MAC1, dst=MAC2) / Dot1AD(vlan=100, type=0x8100) / Dot1Q(vlan=10, type=0x8864) /
    Raw(frames.pppoe(0, 0x0042, lcp_echo)),
    # IPv4/UDP/DNS in a session
    Ether(src=MAC1, dst=MAC2, type=0x8864) / Raw(frames.pppoe(0, 0x0042, frames.ppp(0x0021, dns))),
    # a BPDU after a VLAN tag (an 802.3 length in the tag)
    Ether(src=MAC1, dst=STP_MAC) / Dot1Q(vlan=1, type=len(bpdu)) / Raw(bpdu),
]
for i, f in enumerate(out):
    f.time = 1700000000 + i
wrpcap(sys.argv[1], out)
