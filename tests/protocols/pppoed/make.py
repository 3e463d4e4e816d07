#!/usr/bin/python3
"""make.py - writes pppoed.pcap (next to this script): PPPoE Discovery
packets (RFC 2516, RFC 4937).

Frames 1 to 13 are real: real-pppoed.pcap, written by capture.sh, where
rp-pppoe's pppoe client and pppoe-server (Debian's pppoe package) ran in
two network namespaces over a veth pair: PADI and PADO (`pppoe -A`); PADI,
PADO, PADR, PADS, two PADMs (MOTM, HURL) and the server's PADT when its
pppd could not start (`pppoe -d`); three PADIs for a service the server
does not offer (no answer); the client's PADT (`pppoe -k`). Their bytes
are copied as captured, only the timestamps are fixed.

Then the crafted frames of tests/protocols/ppp/frames.py discovery(), for
what the programs do not send: PPP-Max-Payload and Vendor-Specific tags,
error tags, the RFC 5578 tags and End-Of-List, a PADO without tags, and
malformed variants.

    /usr/bin/python3 tests/protocols/pppoed/make.py [OUT.pcap]
"""
import os
import sys

from scapy.all import rdpcap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "ppp"))
import frames  # noqa: E402

real = list(rdpcap(os.path.join(HERE, "real-pppoed.pcap")))
assert len(real) == 13, "real-pppoed.pcap has changed (capture.sh again?): update the 13 here and the frame numbers in the spec"
frames.write(__file__, real + frames.discovery())
