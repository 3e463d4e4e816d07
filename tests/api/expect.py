#!/usr/bin/python3
# expect.py - the expectations of tests/api, from tshark and never from
# zerocast: one line per field tshark dissects among those listed below,
#   FRAME <tab> NAME <tab> POS <tab> SIZE <tab> SHOW <tab> VALUE
# (POS: byte offset in the frame; SHOW: tshark's value; VALUE: the raw
# bytes in hex). Run from the repository root:
#   /usr/bin/python3 tests/api/expect.py tests/api/X.pcap > tests/api/X.expect
import subprocess
import sys
import xml.etree.ElementTree as ET

FIELDS = {
    "ip.len", "ip.hdr_len", "udp.length",
    "ip.opt.type", "ip.opt.len", "ip.opt.ptr", "ip.opt.overflow", "ip.opt.flag",
    "ip.opt.time_stamp", "ip.opt.time_stamp_addr",
    "dhcp.option.type", "dhcp.option.length", "dhcp.option.value", "dhcp.option.option_overload",
    "dhcp.option.dhcp", "dhcp.option.router", "dhcp.option.domain_name_server", "dhcp.option.hostname",
    "dhcp.option.ip_address_lease_time", "dhcp.option.subnet_mask", "dhcp.option.dhcp_server_id",
    "dhcp.option.end", "dhcp.option.padding",
}

pdml = subprocess.run(["tshark", "-r", sys.argv[1], "-T", "pdml"], check=True,
                      capture_output=True).stdout
root = ET.fromstring(pdml)
for n, packet in enumerate(root.iter("packet"), 1):
    for f in packet.iter("field"):
        name = f.get("name")
        if name in FIELDS:
            print("\t".join([str(n), name, f.get("pos", ""), f.get("size", ""), f.get("show", ""),
                             f.get("value", "")]))
