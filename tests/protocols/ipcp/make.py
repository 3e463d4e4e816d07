#!/usr/bin/python3
"""make.py - writes ipcp.pcap (next to this script): the IPCP packets of the PPPoE session frames,
from tests/protocols/ppp/frames.py (crafted; see there), with malformed
variants.

    /usr/bin/python3 tests/protocols/ipcp/make.py [OUT.pcap]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "ppp"))
import frames  # noqa: E402

frames.write(__file__, frames.session_of(frames.IPCP))
