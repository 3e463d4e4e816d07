#!/usr/bin/python3
"""make.py - writes ppp.pcap (next to this script): PPPoE Session frames
(RFC 2516) carrying LCP, IPCP, IPV6CP, IPv4, IPv6 and PAP, from frames.py,
with malformed variants. The pppoed, pppoes, lcp, ipcp and ipv6cp tests
take their frames from frames.py too.

The session frames are crafted: a real PPPoE session needs pppd at both
ends, and pppd cannot run on the test machine (no /dev/ppp: the kernel has
no ppp_generic). rp-pppoe's pppoe-server and client do run there, but
stop after Discovery (tests/protocols/pppoed/capture.sh: PADS, then the
server's PADT when its pppd exits), so only pppoed's frames are real. The
frames follow what pppd sends (the option sets of its Configure-Requests).

    /usr/bin/python3 tests/protocols/ppp/make.py [OUT.pcap]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import frames  # noqa: E402

frames.write(__file__, frames.session())
