#!/usr/bin/python3
"""make.py - writes pppoed.pcap (next to this script): PPPoE Discovery
packets (RFC 2516) from tests/protocols/ppp/frames.py, with malformed
variants. pppoe-server/pppoe (Debian's pppoe package) were not run here:
see tests/protocols/ppp/make.py.

    /usr/bin/python3 tests/protocols/pppoed/make.py [OUT.pcap]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "ppp"))
import frames  # noqa: E402

frames.write(__file__, frames.discovery())
