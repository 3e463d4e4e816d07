#!/usr/bin/python3
"""make.py - writes http2-preface.pcap (next to this script): the client
connection prefaces (RFC 9113 3.4) of the real h2c connections of
../http2/real-h2c.pcap (capture.sh there: curl and nghttp against
nghttpd), each in a TCP segment of its own on its connection, as
http2/make.py does for the frames that follow them. Deterministic: fixed
timestamps.

    /usr/bin/python3 tests/protocols/http2-preface/make.py [OUT.pcap]
"""
import os
import sys

from scapy.all import Ether, IP, IPv6, TCP, Raw, rdpcap

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

frames, seen = [], set()
for p in rdpcap(os.path.join(HERE, "..", "http2", "real-h2c.pcap")):
    if TCP not in p:
        continue
    ip = p[IP] if IP in p else p[IPv6]
    key = (ip.src, ip.dst, p[TCP].sport, p[TCP].dport)
    pl = bytes(p[TCP].payload)
    if key in seen or not pl.startswith(PREFACE):
        continue
    seen.add(key)
    ipl = IPv6(src=ip.src, dst=ip.dst) if IPv6 in p else IP(src=ip.src, dst=ip.dst, flags="DF", id=0)
    frames.append(Ether(src="00:00:00:00:00:00", dst="00:00:00:00:00:00") / ipl /
                  TCP(sport=p[TCP].sport, dport=p[TCP].dport, seq=1, ack=1, flags="PA", window=64) /
                  Raw(PREFACE))

pcaplib.write(__file__, frames)
