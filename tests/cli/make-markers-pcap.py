#!/usr/bin/python3
# Writes markers.pcap for tests/cli/run.sh: packets whose layers fail in
# the ways zcdemo marks. Run: /usr/bin/python3 make-markers-pcap.py
from scapy.all import Ether, IP, TCP, UDP, Raw, wrpcap

pkts = []
# 1. a TCP option whose length (1) is below its minimum of 2
#    (tshark: "TCP: Option length ... should be >= 2", malformed)
tcp = TCP(sport=1234, dport=80, flags="S", dataofs=6, options=[])
raw = bytes(tcp)[:20] + bytes([2, 1, 0, 0])   # MSS kind, length 1
pkts.append(Ether() / IP(src="192.0.2.1", dst="192.0.2.2", proto=6) / Raw(raw))
# 2. a DNS query whose name is a compression pointer to itself
#    (tshark: "Malformed Packet" / name loop)
dns = bytes([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]) + bytes([0xC0, 12]) + bytes([0, 1, 0, 1])
pkts.append(Ether() / IP(src="192.0.2.1", dst="192.0.2.2") / UDP(sport=5353, dport=53) / Raw(dns))
wrpcap("markers.pcap", pkts)
