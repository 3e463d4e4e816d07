#!/usr/bin/python3
"""make.py - writes pppoes.pcap (next to this script): PPPoE Session frames (RFC 2516) carrying LCP, IPCP, IPV6CP, IPv4, IPv6 and PAP,
from tests/protocols/ppp/frames.py (crafted; see there), with malformed
variants.

    /usr/bin/python3 tests/protocols/pppoes/make.py [OUT.pcap]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "ppp"))
import frames  # noqa: E402

frames.write(__file__, frames.session())
