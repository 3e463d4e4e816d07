#!/usr/bin/python3
"""make.py - writes ppp.pcap (next to this script): PPPoE Session frames
(RFC 2516) carrying LCP, IPCP, IPV6CP, IPv4, IPv6 and PAP, from frames.py,
with malformed variants. The pppoed, pppoes, lcp, ipcp and ipv6cp tests
take their frames from frames.py too.

The frames are crafted: pppoe-server and pppd between two network
namespaces would give real ones, but were not set up in the time of issue
#19's work; the frames follow what pppd sends (the option sets of its
Configure-Requests).

    /usr/bin/python3 tests/protocols/ppp/make.py [OUT.pcap]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import frames  # noqa: E402

frames.write(__file__, frames.session())
