#!/usr/bin/python3
"""tshark_names.py - the values tshark names, per registry, as lines
"REGISTRY VALUE NAME" (the registries of tests/enums/names.c).

ICMP types and codes, ICMPv6 codes and DHCP options: one crafted packet
per value (scapy), decoded by tshark (-T pdml); a value is named when the
showname has a name that is not tshark's placeholder for unknown values.
ICMPv6 types, DSCP and ECN: tshark's own value strings (tshark -G values).

usage: tshark_names.py WORKDIR
"""
import re
import subprocess
import sys

from scapy.all import BOOTP, DHCP, ICMP, IP, UDP, Ether, ICMPv6Unknown, IPv6, wrpcap

work = sys.argv[1]
# explicit addresses: Ether() alone makes scapy look the route up per packet
E = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
UNKNOWN = re.compile(r"^(Unknown|Unassigned|Removed|Reserved)", re.I)
quoted4 = bytes(IP(src="10.0.0.2", dst="10.0.0.3") / UDP(sport=1, dport=2))
quoted6 = b"\0" * 4 + bytes(IPv6(src="fd00::2", dst="fd00::3") / UDP(sport=1, dport=2))

packets, keys = [], []
for t in range(256):
    packets.append(E / IP(src="10.0.0.1", dst="10.0.0.2") / ICMP(type=t, code=0) / quoted4)
    keys.append(("icmp.type", t, "icmp.type"))
for t in (3, 5, 9, 11, 12, 43):
    for c in range(256):
        packets.append(E / IP(src="10.0.0.1", dst="10.0.0.2") / ICMP(type=t, code=c) / quoted4)
        keys.append(("icmp.code.%d" % t, c, "icmp.code"))
for t in (1, 3, 4, 139, 140):
    for c in range(256):
        packets.append(E / IPv6(src="fd00::1", dst="fd00::2") /
                       ICMPv6Unknown(type=t, code=c, msgbody=quoted6))
        keys.append(("icmpv6.code.%d" % t, c, "icmpv6.code"))
for o in range(1, 255):
    packets.append(E / IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=67, dport=68) /
                   BOOTP(op=2) / DHCP(options=[(o, b"\0\0\0\0"), "end"]))
    keys.append(("dhcp.option", o, "dhcp.option.type"))
wrpcap(work + "/enums.pcap", packets)

pdml = subprocess.run(["tshark", "-r", work + "/enums.pcap", "-T", "pdml"],
                      capture_output=True, text=True, check=True).stdout
frames = pdml.split("<packet>")[1:]
assert len(frames) == len(packets), (len(frames), len(packets))
out = []
for (reg, value, field), frame in zip(keys, frames):
    m = re.search(r'name="%s" showname="([^"]*)"' % re.escape(field), frame)
    if not m:
        continue
    show = m.group(1).replace("&quot;", '"').replace("&amp;", "&")
    # "Type: 3 (Destination unreachable)", "Code: 1 (Host unreachable)",
    # "Option: (52) Option Overload"
    m2 = re.match(r"^\w+: \d+ \((.*)\)$", show) or re.match(r"^\w+: \(\d+\) (.*)$", show)
    if m2 and not UNKNOWN.match(m2.group(1)):
        out.append("%s %d %s" % (reg, value, m2.group(1)))
out.append("dhcp.option 0 Padding")
out.append("dhcp.option 255 End")

values = subprocess.run(["tshark", "-G", "values"], capture_output=True, text=True, check=True).stdout
for line in values.splitlines():
    f = line.split("\t")
    if len(f) == 4 and f[0] == "V" and f[1] in ("icmpv6.type", "ip.dsfield.dscp", "ip.dsfield.ecn"):
        reg = {"icmpv6.type": "icmpv6.type", "ip.dsfield.dscp": "ip.dscp", "ip.dsfield.ecn": "ip.ecn"}[f[1]]
        if not UNKNOWN.match(f[3]) and "experimentation" not in f[3]:
            out.append("%s %s %s" % (reg, f[2], f[3]))
print("\n".join(out))
