#!/usr/bin/python3
"""Writes lenient.expect, what tests/lenient/lenient.c must print for
lenient.pcap, from tshark's decode of it (never from zerocast).

Usage: expect.py lenient.pcap > lenient.expect

What comes from tshark, per frame: the protocols, ip.version and its
"Bogus IPv4 version" expert info, ip.hdr_len and its "Bogus IP header
length", icmp.type/code, dhcp.hw.len, the UDP length, and per DHCP
option its bytes, its message type, whether tshark flags it (expert
info of severity Error) and whether the walk dies in an exception
(Malformed Packet). What maps tshark's findings to zerocast's statuses
is the schema (schemas/dhcp.zc, ipv4.zc, icmpv4.zc), written out below.

A frame whose IPv4 version is not 4 is handed to tshark's IPv6 dissector
(which calls it malformed); its lower layers are read from a copy of the
frame with the version set to 4 (the lenient parse reads on, as IPv4).
"""
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ERROR = "8388608"
# dhcp.zc: the cases of dhcp_option.data and their sizes (None: a whole
# number of 4-byte addresses; 0: any bytes; -N: at least N bytes, a struct
# whose first field is then the one that is cut short)
CASES = {}
for c in (1, 50, 54, 28):
    CASES[c] = ("address", 4)
for c in (3, 6):
    CASES[c] = ("addresses", None)
for c in (51, 58, 59):
    CASES[c] = ("seconds", 4)
CASES[53] = ("message_type", -1)     # dhcp_message_type_data: value, extra[]
CASES[57] = ("max_size", 2)
# RFC 2131 figure 1: the BOOTP fields and where they end
BOOTP = [("op", 1), ("htype", 2), ("hlen", 3), ("hops", 4), ("xid", 8), ("secs", 10), ("broadcast", 12),
         ("ciaddr", 16), ("yiaddr", 20), ("siaddr", 24), ("giaddr", 28), ("chaddr", 44), ("sname", 108),
         ("file", 236), ("magic_cookie", 240)]


def pdml(path):
    out = subprocess.run(["tshark", "-r", path, "-T", "pdml"], check=True, capture_output=True).stdout
    return ET.fromstring(out).findall("packet")


def fields(node, name):
    return [f for f in node.iter("field") if f.get("name") == name]


def first(node, name):
    f = fields(node, name)
    return f[0].get("show") if f else None


def is_bad(opt):
    return any(e.get("show") == ERROR for e in fields(opt, "_ws.expert.severity"))


def option_status(code, length):
    """dhcp_option_parse()'s failure for a case of this length, per dhcp.zc."""
    name, size = CASES.get(code, ("value", 0))
    if size is None:
        return None if length % 4 == 0 else "malformed dhcp_option." + name
    if size < 0:
        return None if length >= -size else "truncated dhcp_message_type_data.value"
    if size == 0 or length == size:
        return None
    return ("truncated " if length < size else "malformed ") + "dhcp_option." + name


def dhcp_lines(pkt, out):
    d = [p for p in pkt.findall("proto") if p.get("name") == "dhcp"][0]
    dlen = int(first(pkt, "udp.length")) - 8
    missing = [n for n, end in BOOTP if end > dlen]
    if missing:
        out += ["  strict truncated dhcp." + missing[0], "  lenient truncated dhcp.%s policy ok" % missing[0]]
        return
    if int(first(pkt, "dhcp.hw.len")) > 16:
        out += ["  strict constraint dhcp.hlen", "  lenient ok policy constraint dhcp.hlen"]
    else:
        out += ["  strict ok", "  lenient ok policy ok"]
    malformed = any(p.get("name") == "_ws.malformed" for p in pkt.findall("proto"))
    opts = [f for f in d.findall("field") if f.get("name") == "dhcp.option.type"]
    if malformed:   # the last option runs past the packet: its framing fails
        opts = opts[:-1]
    strict, stopped = 0, None
    for o in opts:
        raw = o.get("value")
        code = int(raw[:2], 16)
        length = int(raw[2:4], 16) if code not in (0, 255) else 0
        st = option_status(code, length) if code not in (0, 255) else None
        if bool(st) != is_bad(o):
            sys.exit("expect.py: tshark and dhcp.zc disagree on option %d (%s)" % (code, raw))
        line = "  option %d raw %s " % (code, raw)
        if st:
            line += "bad " + st.split(" ", 1)[1]
            stopped = stopped or st
        else:
            line += "ok"
            mt = first(o, "dhcp.option.dhcp")
            if mt is not None:
                line += " message-type " + mt
            strict += stopped is None
        out.append(line)
    end = "truncated dhcp_option.data" if malformed else "ok"
    out.append("  tolerant " + end)
    out.append("  strict %d options, %s" % (strict, stopped or end))


def lower_layers(pkt, out):
    proto = first(pkt, "ip.proto")
    if proto == "1":
        out.append(" icmp echo")
        t, c = int(first(pkt, "icmp.type")), int(first(pkt, "icmp.code"))
        if t in (0, 8) and c != 0:
            out += ["  strict constraint icmpv4_echo.code", "  lenient ok policy constraint icmpv4_echo.code"]
        else:
            out += ["  strict ok", "  lenient ok policy ok"]
    elif proto == "17" and first(pkt, "dhcp.type") is not None:
        out.append(" dhcp")
        dhcp_lines(pkt, out)


def main():
    path = sys.argv[1]
    pkts = pdml(path)
    with open(path, "rb") as f:
        data = f.read()
    # the frames, for a copy with the IPv4 version set to 4
    recs, off = [], 24
    while off < len(data):
        n = struct.unpack("<I", data[off + 8:off + 12])[0]
        recs.append((off, n))
        off += 16 + n
    out = []
    for no, pkt in enumerate(pkts, 1):
        out.append("frame %d" % no)
        if first(pkt, "eth.type") != "0x0800":
            out.append("  not ipv4")
            continue
        out.append(" ipv4")
        if any(f.get("name") == "ip.bogus_ip_version" for f in pkt.iter("field")):
            out += ["  strict constraint ipv4.version", "  lenient ok policy constraint ipv4.version"]
            o, n = recs[no - 1]
            frame = bytearray(data[:24] + data[o:o + 16 + n])   # file header + this record
            frame[24 + 16 + 14] = (frame[24 + 16 + 14] & 0x0F) | 0x40
            with tempfile.NamedTemporaryFile(suffix=".pcap", delete=False) as t:
                t.write(bytes(frame))
            try:
                lower_layers(pdml(t.name)[0], out)
            finally:
                os.unlink(t.name)
            continue
        if int(first(pkt, "ip.hdr_len")) < 20:
            out += ["  strict constraint ipv4.ihl", "  lenient constraint ipv4.ihl policy ok"]
            continue
        out += ["  strict ok", "  lenient ok policy ok"]
        lower_layers(pkt, out)
    print("\n".join(out))


main()
