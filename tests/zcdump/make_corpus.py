#!/usr/bin/python3
"""make_corpus.py - the scapy-crafted part of zcdump's test corpus.

Usage: /usr/bin/python3 tests/zcdump/make_corpus.py [OUTDIR]
       (default OUTDIR: tests/captures/zcdump)

Writes what loopback traffic cannot produce (tests/zcdump/make_corpus.sh
captures the real traffic): link layers besides Ethernet, VLAN/QinQ, GRE,
VXLAN, ARP, IPv4 options, IPv6 extension headers, fragments, ICMP errors,
Neighbor Discovery, DHCP, DNS records of every type in every section,
TCP options, SCTP chunks, malformed frames and snapped frames (caplen <
len).
Every frame is built by scapy or, where a field must be wrong, by hand from
scapy's bytes; nothing comes from zerocast. Timestamps are fixed, so the
files come out byte-identical on every run. tests/captures/zcdump/README.md
lists what each file holds.
"""

import logging
import os
import struct
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (  # noqa: E402
    ARP, BOOTP, DHCP, GRE, ICMP, IP, UDP, TCP, Dot1AD, Dot1Q, Ether, ICMPv6DestUnreach,
    ICMPv6EchoReply, ICMPv6EchoRequest, ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6ND_RA,
    ICMPv6ND_RS, ICMPv6ND_Redirect, ICMPv6NDOptDstLLAddr, ICMPv6NDOptMTU,
    ICMPv6NDOptPrefixInfo, ICMPv6NDOptRDNSS, ICMPv6NDOptRedirectedHdr,
    ICMPv6NDOptSrcLLAddr, ICMPv6PacketTooBig, IPOption, IPOption_EOL,
    IPOption_LSRR, IPOption_NOP, IPOption_RR, IPOption_Router_Alert,
    IPOption_SSRR, IPOption_Timestamp, IPv6, IPv6ExtHdrDestOpt,
    IPv6ExtHdrFragment, IPv6ExtHdrHopByHop, IPv6ExtHdrRouting,
    IPv6ExtHdrSegmentRouting, PadN, Pad1, RouterAlert, HBHOptUnknown, Raw,
    Padding, CookedLinux, CookedLinuxV2, wrpcapng,
)
from scapy.layers.sctp import SCTP  # noqa: E402

T0 = 1700000000            # fixed time stamps: reproducible files
MAC1, MAC2, MAC3 = "02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:03"
A1, A2, A3 = "192.0.2.1", "192.0.2.2", "192.0.2.3"
B1, B2, B3 = "2001:db8::1", "2001:db8::2", "2001:db8::3"

LINKTYPE = {"ETHERNET": 1, "NULL": 0, "RAW": 101, "LOOP": 108, "LINUX_SLL": 113,
            "IPV4": 228, "IPV6": 229, "LINUX_SLL2": 276}


def write_pcap(path, linktype, frames):
    """Classic pcap, microsecond stamps. frames: packets or bytes, or
    (frame, caplen) to write only the first caplen bytes of a longer frame."""
    out = [struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, LINKTYPE[linktype])]
    for i, fr in enumerate(frames):
        if isinstance(fr, tuple):
            data, caplen = bytes(fr[0]), fr[1]
        else:
            data = bytes(fr)
            caplen = len(data)
        out.append(struct.pack("<IIII", T0 + i // 1000, (i % 1000) * 1000, caplen, len(data)))
        out.append(data[:caplen])
    with open(path, "wb") as f:
        f.write(b"".join(out))


def eth(payload, src=MAC1, dst=MAC2):
    return Ether(src=src, dst=dst) / payload


# ---- link layers, tags, tunnels -------------------------------------------------

def vxlan_hdr(vni, flags=0x08, gbp=0, flags2=0):
    """RFC 7348 header (flags I = 0x08); with the Group Policy extension's
    G bit (0x80) and policy ID the reserved bits are not zero."""
    return bytes([flags, flags2]) + gbp.to_bytes(2, "big") + vni.to_bytes(3, "big") + b"\x00"


def l2_frames():
    inner = Ether(src="02:00:00:00:0a:01", dst="02:00:00:00:0a:02") / \
        IP(src="10.0.0.1", dst="10.0.0.2", id=7) / ICMP(type=8, id=1, seq=2) / Raw(b"teb")
    return [
        # 802.1Q, 802.1ad over 802.1Q, three tags, a tag carrying ARP
        eth(Dot1Q(prio=3, id=1, vlan=42) / IP(src=A1, dst=A2, id=1) /
            UDP(sport=40000, dport=7) / Raw(b"tagged")),
        eth(Dot1AD(prio=5, vlan=300) / Dot1Q(prio=0, vlan=7) /
            IPv6(src=B1, dst=B2) / TCP(sport=40001, dport=443, flags="S", seq=9,
                                        options=[("MSS", 1440)])),
        eth(Dot1AD(vlan=1) / Dot1Q(vlan=2) / Dot1Q(vlan=3) / IP(src=A1, dst=A2, id=2) /
            ICMP(type=8, id=3, seq=4) / Raw(b"three tags")),
        eth(Dot1Q(vlan=4094, prio=7, id=1) / ARP(op=2, hwsrc=MAC1, psrc=A1, hwdst=MAC2, pdst=A2),
            dst=MAC2),
        # ARP: request, reply padded to 60 bytes, gratuitous
        eth(ARP(op=1, hwsrc=MAC1, psrc=A1, pdst=A2), dst="ff:ff:ff:ff:ff:ff"),
        eth(ARP(op=2, hwsrc=MAC2, psrc=A2, hwdst=MAC1, pdst=A1) / Padding(b"\x00" * 18),
            src=MAC2, dst=MAC1),
        eth(ARP(op=1, hwsrc=MAC3, psrc=A3, pdst=A3), src=MAC3, dst="ff:ff:ff:ff:ff:ff"),
        # an EtherType no rule decodes (LLDP) and one below 0x0600 (an 802.3 length)
        Ether(src=MAC1, dst="01:80:c2:00:00:0e", type=0x88cc) / Raw(bytes.fromhex(
            "020704020000000001040302000106020078fe0600120f04001c0000")),
        # GRE: IPv4 in GRE; checksum, key and sequence; Ethernet in GRE
        # (transparent bridging, 0x6558); IPv6 in GRE over IPv6
        eth(IP(src=A1, dst=A2, id=3) / GRE() / IP(src="10.1.0.1", dst="10.1.0.2", id=4) /
            UDP(sport=1000, dport=2000) / Raw(b"in gre")),
        eth(IP(src=A1, dst=A2, id=5) / GRE(chksum_present=1, key_present=1, seqnum_present=1,
                                            key=0xfeedbeef, sequence_number=123456) /
            IP(src="10.1.0.1", dst="10.1.0.2", id=6) / ICMP(type=0, id=5, seq=6) / Raw(b"x" * 12)),
        eth(IP(src=A1, dst=A2, id=7) / GRE(proto=0x6558) / inner),
        eth(IPv6(src=B1, dst=B2) / GRE(key_present=1, key=42, proto=0x86dd) /
            IPv6(src="2001:db8:1::1", dst="2001:db8:1::2") /
            UDP(sport=3000, dport=4000) / Raw(b"v6 in gre")),
        # VXLAN: plain; Group Policy extension (G flag, policy 0x1234); inner IPv6
        eth(IP(src=A1, dst=A2, id=8) / UDP(sport=50001, dport=4789) /
            Raw(vxlan_hdr(0x00abcd) + bytes(inner))),
        eth(IP(src=A1, dst=A2, id=9) / UDP(sport=50002, dport=4789) /
            Raw(vxlan_hdr(77, flags=0x88, gbp=0x1234, flags2=0x40) + bytes(inner))),
        eth(IP(src=A1, dst=A2, id=10) / UDP(sport=50003, dport=4789) /
            Raw(vxlan_hdr(5000) + bytes(Ether(src="02:00:00:00:0b:01", dst="02:00:00:00:0b:02") /
                                        IPv6(src="fd00::1", dst="fd00::2") /
                                        ICMPv6EchoRequest(id=9, seq=9, data=b"vx6")))),
    ]


# ---- IPv4 and IPv6 -------------------------------------------------------------

def ip_frames():
    fr = []
    # options: record route (one hop recorded, two free), timestamps (only
    # stamps; addresses and stamps with overflow), loose and strict source
    # routes, router alert, NOP, stream ID (136, unknown to the schema),
    # EOL with padding after it
    fr.append(eth(IP(src=A1, dst=A2, id=11, options=[
        IPOption_RR(pointer=8, routers=["192.0.2.10", "0.0.0.0", "0.0.0.0"])]) /
        ICMP(type=8, id=11, seq=1)))
    fr.append(eth(IP(src=A1, dst=A2, id=12, options=[
        IPOption_Timestamp(flg=0, oflw=0, pointer=9, timestamp=[0x01020304, 0])]) /
        UDP(sport=1, dport=2) / Raw(b"ts")))
    fr.append(eth(IP(src=A1, dst=A2, id=13, options=[IPOption_NOP(), IPOption(
        bytes([68, 20, 21, 0x31]) + bytes.fromhex("c000020a00000064c000020b000000c8"))]) /
        UDP(sport=1, dport=2) / Raw(b"ts+addr")))
    fr.append(eth(IP(src=A1, dst="192.0.2.20", id=14, options=[
        IPOption_LSRR(pointer=4, routers=["192.0.2.21", "192.0.2.22"])]) /
        TCP(sport=5, dport=6, flags="S")))
    fr.append(eth(IP(src=A1, dst="192.0.2.30", id=15, options=[
        IPOption_SSRR(pointer=8, routers=["192.0.2.31", "192.0.2.32"])]) /
        UDP(sport=5, dport=6) / Raw(b"ssrr")))
    fr.append(eth(IP(src=A1, dst="224.0.0.22", id=16, ttl=1, options=[
        IPOption_Router_Alert(), IPOption(b"\x88\x04\x12\x34"), IPOption_NOP(),
        IPOption_NOP(), IPOption_EOL()], proto=2) / Raw(b"\x22\x00\xf9\x02\x00\x00\x00\x00")))
    # fragments: first of a UDP datagram, a middle one, the last; MF with
    # offset 0 of an ICMP message; an IP protocol no rule decodes (ESP)
    udp = bytes(UDP(sport=4444, dport=5555) / Raw(b"F" * 40))
    udp = udp[:4] + struct.pack(">H", 48) + udp[6:]
    fr.append(eth(IP(src=A1, dst=A2, id=0x4242, flags="MF", frag=0, proto=17) / Raw(udp[:24])))
    fr.append(eth(IP(src=A1, dst=A2, id=0x4242, flags="MF", frag=3, proto=17) / Raw(udp[24:40])))
    fr.append(eth(IP(src=A1, dst=A2, id=0x4242, frag=5, proto=17) / Raw(udp[40:])))
    fr.append(eth(IP(src=A1, dst=A2, id=17, proto=50) / Raw(bytes.fromhex(
        "0000100100000001") + b"\xaa" * 16)))
    fr.append(eth(IP(src=A1, dst=A2, id=18, tos=0xfe, flags="DF", ttl=255) /
        UDP(sport=9, dport=9, chksum=0) / Raw(b"tos")))
    # IPv6 in IPv4 (protocol 41): the stack has no rule for it, tshark has
    fr.append(eth(IP(src=A1, dst=A2, id=25) / IPv6(src=B1, dst=B2) /
                  UDP(sport=9, dport=10) / Raw(b"6in4")))
    # ICMP: errors quoting a datagram, redirect, parameter problem,
    # timestamp, echo with a payload ping would send
    quoted = IP(src=A2, dst=A1, id=99) / UDP(sport=33333, dport=53) / Raw(b"qq")
    fr.append(eth(IP(src=A1, dst=A2, id=19) / ICMP(type=3, code=3) / quoted))
    fr.append(eth(IP(src=A1, dst=A2, id=20) / ICMP(type=11, code=0) / quoted))
    fr.append(eth(IP(src=A1, dst=A2, id=21) / ICMP(type=5, code=1, gw="192.0.2.254") / quoted))
    fr.append(eth(IP(src=A1, dst=A2, id=22) / ICMP(type=12, code=0, ptr=8) / quoted))
    fr.append(eth(IP(src=A1, dst=A2, id=23) / ICMP(type=13, id=77, seq=78, ts_ori=1000,
                                                    ts_rx=0, ts_tx=0)))
    fr.append(eth(IP(src=A1, dst=A2, id=24) / ICMP(type=8, id=79, seq=80) /
                  Raw(bytes(range(0x10, 0x38)))))
    # IPv6 extension headers: hop-by-hop (router alert, Pad1, PadN), routing
    # type 2 (Mobile IPv6), segment routing (type 4), destination options
    # with an option type the schema does not name, fragments
    fr.append(eth(IPv6(src=B1, dst=B2) / IPv6ExtHdrHopByHop(options=[
        RouterAlert(value=0), Pad1(), Pad1(), PadN(optdata=b"\x00\x00")]) /
        IPv6ExtHdrRouting(type=2, segleft=1, addresses=["2001:db8::99"]) /
        UDP(sport=7000, dport=7001) / Raw(b"rt2")))
    fr.append(eth(IPv6(src=B1, dst=B2) / IPv6ExtHdrSegmentRouting(
        addresses=["2001:db8::a", "2001:db8::b"], segleft=1, lastentry=1) /
        IPv6ExtHdrDestOpt(options=[HBHOptUnknown(otype=0x1e, optdata=b"abcd")]) /
        TCP(sport=7002, dport=7003, flags="S")))
    fr.append(eth(IPv6(src=B1, dst=B2) / IPv6ExtHdrFragment(offset=0, m=1, id=0xabcdef01) /
        UDP(sport=7004, dport=7005, len=100) / Raw(b"G" * 24)))
    fr.append(eth(IPv6(src=B1, dst=B2) / IPv6ExtHdrFragment(offset=4, m=0, id=0xabcdef01, nh=17) /
        Raw(b"G" * 60)))
    # ICMPv6: packet too big and destination unreachable quoting a packet,
    # echo reply
    q6 = IPv6(src=B2, dst=B1) / UDP(sport=7006, dport=7007) / Raw(b"q6")
    fr.append(eth(IPv6(src=B1, dst=B2) / ICMPv6PacketTooBig(mtu=1280) / q6))
    fr.append(eth(IPv6(src=B1, dst=B2) / ICMPv6DestUnreach(code=4) / q6))
    fr.append(eth(IPv6(src=B1, dst=B2) / ICMPv6EchoReply(id=5, seq=6, data=b"pong")))
    return fr


def nd_options():
    return (ICMPv6NDOptSrcLLAddr(lladdr=MAC1) / ICMPv6NDOptDstLLAddr(lladdr=MAC2) /
            ICMPv6NDOptPrefixInfo(prefixlen=64, L=1, A=0, R=1, validlifetime=3600,
                                  preferredlifetime=1800, prefix="2001:db8:7::") /
            ICMPv6NDOptMTU(mtu=1500) /
            ICMPv6NDOptRDNSS(lifetime=300, dns=["2001:db8::53"]))


def nd_frames():
    # every message with every option type (the schema's option struct is the
    # same in all five, so each must be seen in each)
    fe1, fe2 = "fe80::1", "fe80::2"
    return [
        eth(IPv6(src=fe1, dst="ff02::2", hlim=255) / ICMPv6ND_RS() / nd_options()),
        eth(IPv6(src=fe2, dst="ff02::1", hlim=255) /
            ICMPv6ND_RA(chlim=64, M=0, O=1, H=1, prf=3, routerlifetime=600,
                        reachabletime=1000, retranstimer=100) / nd_options()),
        eth(IPv6(src=fe1, dst="ff02::1:ff00:2", hlim=255) / ICMPv6ND_NS(tgt=fe2) / nd_options()),
        eth(IPv6(src=fe2, dst=fe1, hlim=255) / ICMPv6ND_NA(R=0, S=1, O=1, tgt=fe2) / nd_options()),
        eth(IPv6(src=fe2, dst=fe1, hlim=255) / ICMPv6ND_Redirect(tgt="fe80::3", dst=B3) /
            nd_options() / ICMPv6NDOptRedirectedHdr(pkt=IPv6(src=fe1, dst=B3) / UDP(
                sport=1, dport=2))),
    ]


# ---- DHCP --------------------------------------------------------------------

def dhcp_frames():
    chaddr = bytes.fromhex("020000000001")
    cl = IP(src="0.0.0.0", dst="255.255.255.255", id=30) / UDP(sport=68, dport=67)
    sv = IP(src=A1, dst="192.0.2.100", id=31) / UDP(sport=67, dport=68)
    common_srv = [("server_id", A1), ("lease_time", 7200), ("renewal_time", 3600),
                  ("rebinding_time", 6300), ("subnet_mask", "255.255.255.0"),
                  ("router", A1, "192.0.2.254"), ("name_server", "192.0.2.53"),
                  ("broadcast_address", "192.0.2.255"), ("domain", b"zc.test")]
    return [
        eth(cl / BOOTP(op=1, chaddr=chaddr, xid=0x01020304, flags=0x8000, secs=2) /
            DHCP(options=[("message-type", "discover"), ("client_id", b"\x01" + chaddr),
                          ("max_dhcp_size", 1472), ("param_req_list", [1, 3, 6, 15, 51]),
                          "pad", ("hostname", b"zc"), "end"]),
            dst="ff:ff:ff:ff:ff:ff"),
        eth(sv / BOOTP(op=2, chaddr=chaddr, xid=0x01020304, yiaddr="192.0.2.100",
                       siaddr=A1, sname=b"zcsrv", file=b"pxe.0") /
            DHCP(options=[("message-type", "offer")] + common_srv + ["end", "pad", "pad", "pad"]),
            src=MAC2, dst=MAC1),
        eth(cl / BOOTP(op=1, chaddr=chaddr, xid=0x01020305, hops=1, giaddr="192.0.2.250") /
            DHCP(options=[("message-type", "request"), ("requested_addr", "192.0.2.100"),
                          ("server_id", A1), "end"]),
            dst="ff:ff:ff:ff:ff:ff"),
        eth(sv / BOOTP(op=2, chaddr=chaddr, xid=0x01020305, ciaddr="0.0.0.0",
                       yiaddr="192.0.2.100") /
            DHCP(options=[("message-type", "ack")] + common_srv + ["end"]),
            src=MAC2, dst=MAC1),
    ]


# ---- DNS ------------------------------------------------------------------------

def dname(name):
    """A name in wire form, uncompressed."""
    out = b""
    for label in name.strip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\x00"


def rr(name, rtype, rdata, ttl=60, rclass=1):
    """A resource record; name is wire bytes or text."""
    n = name if isinstance(name, bytes) else dname(name)
    return n + struct.pack(">HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def rr_set(sec, z=b"\x02zc\x04test\x00"):
    """One record of every type, owner names tagged by section; z is the
    zone's name (a compression pointer in the big message)."""
    s = sec.encode()
    lab = lambda t: bytes([len(t)]) + t.encode()
    return [
        rr(lab("a") + bytes([len(s)]) + s + z, 1, bytes([192, 0, 2, 80]), 60),
        rr(lab("aaaa") + bytes([len(s)]) + s + z, 28, bytes.fromhex("20010db8" + "00" * 11 + "80"), 61),
        rr(bytes([len(s)]) + s + z, 2, lab("ns") + z, 62),
        rr(lab("alias") + bytes([len(s)]) + s + z, 5, lab("a") + bytes([len(s)]) + s + z, 63),
        rr("80.2.0.192.in-addr.arpa", 12, lab("a") + bytes([len(s)]) + s + z, 64),
        rr(bytes([len(s)]) + s + z, 15, struct.pack(">H", 10) + lab("mx") + z, 65),
        rr(lab("txt") + bytes([len(s)]) + s + z, 16, b"\x03one\x00\x05three", 66),
        rr(z, 6, lab("ns") + z + lab("admin") + z +
           struct.pack(">IIIII", 2024, 3600, 600, 86400, 30), 67),
        rr(lab("_sip") + lab("_udp") + bytes([len(s)]) + s + z, 33,
           struct.pack(">HHH", 1, 2, 5060) + lab("sip") + z, 68),
        rr(lab("hinfo") + bytes([len(s)]) + s + z, 13, b"\x03x86\x05linux", 69),
        opt_rr(),
    ]


def opt_rr():
    """EDNS(0): payload size 1232, DO set, a cookie (10) and an NSID (3)."""
    opts = struct.pack(">HH", 10, 8) + bytes(range(1, 9)) + struct.pack(">HH", 3, 2) + b"zc"
    return b"\x00" + struct.pack(">HHIH", 41, 1232, 0x00008000, len(opts)) + opts


def dns_msg(ident, flags, qd, an=(), ns=(), ar=()):
    return (struct.pack(">HHHHHH", ident, flags, len(qd), len(an), len(ns), len(ar)) +
            b"".join(qd) + b"".join(an) + b"".join(ns) + b"".join(ar))


def dns_frames():
    fr = []
    q = IP(src=A1, dst=A2, id=40) / UDP(sport=33000, dport=53)
    r = IP(src=A2, dst=A1, id=41) / UDP(sport=53, dport=33000)
    question = dname("everything.zc.test") + struct.pack(">HH", 255, 1)
    # a query with EDNS (DO bit, cookie, NSID); a response holding every
    # record type in every section (OPT too, which is odd but parses), the
    # zone name compressed to a pointer at the question's "zc.test"
    fr.append(eth(q / Raw(dns_msg(0x1111, 0x0100, [question], ar=[opt_rr()]))))
    z = b"\xc0\x17"      # 12 (header) + 11 ("\x0aeverything"): "zc.test"
    fr.append(eth(r / Raw(dns_msg(0x1111, 0x85a0, [question], rr_set("an", z), rr_set("ns", z),
                                  rr_set("ar", z))), src=MAC2, dst=MAC1))
    # NXDOMAIN with the SOA in the authority section, compressed names
    nxq = dname("nothing.zc.test") + struct.pack(">HH", 1, 1)
    zc = b"\xc0\x14"      # 12 + 8 ("\x07nothing")
    soa = rr(zc, 6, b"\x02ns" + zc + b"\x05admin" + zc +
             struct.pack(">IIIII", 7, 3600, 600, 86400, 300), 3600)
    fr.append(eth(r / Raw(dns_msg(0x2222, 0x8583, [nxq], ns=[soa])), src=MAC2, dst=MAC1))
    # the root, opcodes and flags: a STATUS query for ".", a NOTIFY response
    # with TC, Z, CD and SERVFAIL
    fr.append(eth(q / Raw(dns_msg(0x3333, 0x1000, [b"\x00" + struct.pack(">HH", 2, 1)]))))
    fr.append(eth(r / Raw(dns_msg(0x4444, 0xa252, [dname("zc.test") + struct.pack(">HH", 6, 1)])),
                  src=MAC2, dst=MAC1))
    # port 5353 (decoded as DNS, not mDNS: see docs/zcdump.md)
    fr.append(eth(IP(src=A1, dst="224.0.0.251", id=42, ttl=255) / UDP(sport=5353, dport=5353) /
                  Raw(dns_msg(0, 0x8400, [], an=[rr("zc.local", 1, bytes([192, 0, 2, 77]), 120)]))))
    # DNS over TCP: a segment with a whole message, and one with a part of one
    m = dns_msg(0x5555, 0x0100, [dname("tcp.zc.test") + struct.pack(">HH", 16, 1)])
    fr.append(eth(IP(src=A1, dst=A2, id=43) / TCP(sport=40100, dport=53, flags="PA", seq=1,
                                                   ack=1) / Raw(struct.pack(">H", len(m)) + m)))
    fr.append(eth(IP(src=A1, dst=A2, id=44) / TCP(sport=40101, dport=53, flags="PA", seq=1,
                                                   ack=1) / Raw(struct.pack(">H", 200) + m)))
    return fr


# ---- TCP and UDP ---------------------------------------------------------------------

def transport_frames():
    fr = []
    base = IP(src=A1, dst=A2, id=50)
    fr.append(eth(base / TCP(sport=40200, dport=80, flags="S", seq=1000, window=65535,
                             options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (7, 0)),
                                      ("NOP", None), ("WScale", 7)])))
    fr.append(eth(base / TCP(sport=40200, dport=80, flags="A", seq=1001, ack=5001,
                             options=[("NOP", None), ("NOP", None),
                                      ("SAck", (6000, 6100, 6200, 6300, 6400, 6500))])))
    # TCP Fast Open cookie (34), an RFC 6994 experiment (253), an unknown
    # kind (99), EOL then padding
    fr.append(eth(base / TCP(sport=40200, dport=80, flags="S", seq=1,
                             options=[(34, b"\x11" * 8), (253, b"\x12\x34\xaa"), (99, b"zz"),
                                      ("EOL", None)])))
    # every flag, urgent data, reserved bits
    t = TCP(sport=40201, dport=80, flags="FSRPAUEC", seq=2**32 - 1, ack=1, urgptr=3,
            reserved=3, window=0)
    fr.append(eth(base / t / Raw(b"urgent!")))
    fr.append(eth(base / TCP(sport=40202, dport=8080, flags="PA", seq=5, ack=6) /
                  Raw(b"GET / HTTP/1.0\r\n\r\n")))
    # UDP: checksum 0, an empty datagram, a length shorter than the IP payload
    fr.append(eth(base / UDP(sport=1234, dport=4321, chksum=0) / Raw(b"no checksum")))
    fr.append(eth(base / UDP(sport=1235, dport=4322)))
    u = bytes(UDP(sport=1236, dport=4323, len=12) / Raw(b"datatrailer"))
    fr.append(eth(IP(src=A1, dst=A2, id=51, proto=17) / Raw(u)))
    return fr


# ---- malformed ------------------------------------------------------------------------

def set_bytes(pkt, offset, data):
    b = bytearray(bytes(pkt))
    b[offset:offset + len(data)] = data
    return bytes(b)


def malformed_frames():
    fr = []
    ok_udp = eth(IP(src=A1, dst=A2, id=60) / UDP(sport=1, dport=2) / Raw(b"payload"))
    fr.append(bytes(ok_udp)[:10])                          # Ethernet cut short
    fr.append(set_bytes(ok_udp, 12, b"\x00\x40"))          # an 802.3 length, not an EtherType
    fr.append(set_bytes(ok_udp, 14, b"\x44"))              # IPv4 ihl 4
    fr.append(set_bytes(ok_udp, 14, b"\x55"))              # IP version 5
    fr.append(set_bytes(ok_udp, 16, b"\x01\x00"))          # total length past the frame
    fr.append(set_bytes(ok_udp, 16, b"\x00\x10"))          # total length < header
    fr.append(set_bytes(ok_udp, 38, b"\x00\x04"))          # UDP length < 8
    fr.append(set_bytes(ok_udp, 38, b"\x00\x40"))          # UDP length past the IP payload
    tcp = eth(IP(src=A1, dst=A2, id=61) / TCP(sport=3, dport=4, flags="A",
                                               options=[("MSS", 1460), ("NOP", None),
                                                        ("NOP", None)]))
    fr.append(set_bytes(tcp, 46, b"\x40"))                 # data offset 4
    fr.append(set_bytes(tcp, 46, b"\xf0"))                 # data offset past the segment
    fr.append(set_bytes(tcp, 55, b"\x09"))                 # MSS option length 9
    fr.append(set_bytes(tcp, 55, b"\x01"))                 # option length 1
    # IPv6 payload length past the frame; 9 extension headers (over the limit)
    fr.append(set_bytes(eth(IPv6(src=B1, dst=B2) / UDP(sport=5, dport=6) / Raw(b"v6")),
                        18, b"\x01\x00"))
    # EtherType IPv6 with version 4; EtherType IPv4 with nothing after it;
    # a hop-by-hop option whose length runs past its header
    fr.append(set_bytes(eth(IPv6(src=B1, dst=B2) / UDP(sport=5, dport=6)), 14, b"\x40"))
    fr.append(bytes(Ether(src=MAC1, dst=MAC2, type=0x0800)))
    fr.append(set_bytes(eth(IPv6(src=B1, dst=B2) / IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\x00\x00\x00\x00")]) /
                            UDP(sport=5, dport=6) / Raw(b"x" * 40)), 14 + 40 + 2, b"\x8d\xe0"))
    chain = IPv6ExtHdrDestOpt()
    for _ in range(8):
        chain = chain / IPv6ExtHdrDestOpt()
    fr.append(eth(IPv6(src=B1, dst=B2) / chain / UDP(sport=5, dport=6) / Raw(b"deep")))
    # ND: a neighbor solicitation too short for its target; an option of length 0
    fr.append(eth(IPv6(src="fe80::1", dst="ff02::1", hlim=255, nh=58) /
                  Raw(bytes.fromhex("87000000000000000000"))))
    ns = eth(IPv6(src="fe80::1", dst="ff02::1", hlim=255) / ICMPv6ND_NS(tgt="fe80::2") /
             ICMPv6NDOptSrcLLAddr(lladdr=MAC1))
    fr.append(set_bytes(ns, 14 + 40 + 24 + 1, b"\x00"))
    # VXLAN without the I flag; GRE version 1 (PPTP); a DHCP magic cookie that is wrong
    fr.append(eth(IP(src=A1, dst=A2, id=62) / UDP(sport=50000, dport=4789) /
                  Raw(vxlan_hdr(9, flags=0x00) + bytes(eth(IP(src="10.0.0.1", dst="10.0.0.2"))))))
    fr.append(set_bytes(eth(IP(src=A1, dst=A2, id=63) / GRE() / IP(src="10.0.0.1", dst="10.0.0.2")),
                        34, b"\x00\x01"))
    d = eth(IP(src="0.0.0.0", dst="255.255.255.255", id=64) / UDP(sport=68, dport=67) /
            BOOTP(op=1, chaddr=b"\x02\x00\x00\x00\x00\x01", xid=5) /
            DHCP(options=[("message-type", "discover"), "end"]))
    fr.append(set_bytes(d, 14 + 20 + 8 + 236, b"\x63\x82\x53\x64"))
    # DNS: more questions than the message holds, a compression loop, a
    # label of 64 bytes, rdlength past the message, a TXT string longer than
    # its record, a name over 255 bytes
    r = IP(src=A2, dst=A1, id=65) / UDP(sport=53, dport=33001)
    hdr = bytes.fromhex("6666818000")
    fr.append(eth(r / Raw(hdr + bytes.fromhex("03000000000000") + b"\x02zc\x00\x00\x01\x00\x01")))
    fr.append(eth(r / Raw(hdr + bytes.fromhex("01000000000000") + b"\x02zc\xc0\x0c\x00\x01\x00\x01")))
    fr.append(eth(r / Raw(hdr + bytes.fromhex("01000000000000") + bytes([64]) + b"a" * 64 +
                          b"\x00\x00\x01\x00\x01")))
    fr.append(eth(r / Raw(hdr + bytes.fromhex("01000100000000") + b"\x02zc\x00\x00\x01\x00\x01" +
                          b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x40\xc0\x00\x02\x01")))
    fr.append(eth(r / Raw(hdr + bytes.fromhex("01000100000000") + b"\x02zc\x00\x00\x10\x00\x01" +
                          b"\xc0\x0c\x00\x10\x00\x01\x00\x00\x00\x3c\x00\x04\x09abc")))
    fr.append(eth(r / Raw(hdr + bytes.fromhex("01000000000000") +
                          (bytes([63]) + b"b" * 63) * 5 + b"\x00\x00\x01\x00\x01")))
    # a compression pointer forward, to a name that follows
    fr.append(eth(r / Raw(hdr + bytes.fromhex("01000100000000") + b"\xc0\x1c\x00\x01\x00\x01" +
                          b"\x02zc\x00\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\xc0\x00\x02\x01")))
    return fr


# ---- other link types, snapped frames ------------------------------------------------------

def snapped_frames(sources):
    """Frames cut at many points: in the link header, the IP header, the
    options, the transport header, the DNS message."""
    out = []
    for fr, cuts in sources:
        b = bytes(fr)
        for c in cuts:
            if c < len(b):
                out.append((b, c))
    return out


def sctp_chunk(ctype, flags, body, length=None):
    """One SCTP chunk (RFC 9260 3.2): type, flags, length (the body's
    unless given), body, zero padding to 4 bytes."""
    n = 4 + len(body) if length is None else length
    pad = b"\x00" * (-(4 + len(body)) % 4)
    return struct.pack("!BBH", ctype, flags, n) + body + pad


def sctp_frames():
    """SCTP packets for zcdump's one-line form against tcpdump's: every
    chunk type tcpdump names (and ones it does not), every DATA flag,
    bundles, SACKs with and without gap blocks and duplicate TSNs, IPv6,
    chunk lengths tcpdump and the schema reject. scapy's SCTP computes the
    CRC-32C over the chunks given as bytes."""
    def sctp(chunks, v6=False, tag=0x0A0B0C0D, sport=40000, dport=40001):
        ip = IPv6(src=B1, dst=B2) if v6 else IP(src=A1, dst=A2)
        return Ether(src=MAC1, dst=MAC2) / ip / SCTP(sport=sport, dport=dport, tag=tag) / \
            Raw(b"".join(chunks))

    def data(flags, tsn, sid, ssn, ppid, payload):
        return sctp_chunk(0, flags, struct.pack("!IHHI", tsn, sid, ssn, ppid) + payload)

    def init(ctype, tag, rwnd, os_, mis, tsn, params=b""):
        return sctp_chunk(ctype, 0, struct.pack("!IIHHI", tag, rwnd, os_, mis, tsn) + params)

    def param(ptype, value):
        return struct.pack("!HH", ptype, 4 + len(value)) + value + b"\x00" * (-len(value) % 4)

    def sack(cum, rwnd, gaps, dups):
        body = struct.pack("!IIHH", cum, rwnd, len(gaps), len(dups))
        body += b"".join(struct.pack("!HH", a, b) for a, b in gaps)
        body += b"".join(struct.pack("!I", d) for d in dups)
        return sctp_chunk(3, 0, body)

    v6addr = bytes.fromhex("20010db8000000000000000000000001")
    return [
        # DATA: B and E (5 bytes of user data, 3 of padding), PPID M3UA
        sctp([data(0x03, 100, 0, 0, 3, b"hello")]),
        # DATA: unordered middle fragment, a PPID tcpdump does not name
        sctp([data(0x04, 101, 7, 65535, 0x12345678, b"abcd")]),
        # DATA: no flag (a middle fragment), then the last fragment (E)
        sctp([data(0x00, 102, 1, 2, 46, b"m"), data(0x01, 103, 1, 2, 46, b"end!")]),
        # DATA: I (SACK immediately, RFC 7053), U, B, E
        sctp([data(0x0f, 0xFFFFFFFF, 65535, 1, 0, b"\x00")]),
        # bundle: two DATA chunks and a SACK
        sctp([data(0x03, 200, 2, 5, 18, b"s1ap"), data(0x07, 201, 3, 0, 27, b"x2"),
              sack(99, 65536, [], [])]),
        # INIT over IPv6: IPv6 address, supported address types, ECN capable
        sctp([init(1, 0x01020304, 131072, 65535, 65535, 0, param(6, v6addr) + param(12, b"\x00\x06")
                   + param(0x8000, b""))], v6=True, tag=0),
        # INIT ACK over IPv6 with a state cookie
        sctp([init(2, 0xFFFFFFFF, 0, 1, 1, 0xFFFFFFFF, param(7, b"cookie-state-1"))], v6=True),
        # SACK: no gaps, no duplicates
        sctp([sack(4294967295, 0, [], [])]),
        # SACK: three gap blocks and two duplicate TSNs
        sctp([sack(1000, 4096, [(2, 3), (5, 5), (10, 12)], [998, 999])]),
        # SACK: gap blocks only; duplicate TSNs only
        sctp([sack(7, 100, [(1, 1)], [])]),
        sctp([sack(7, 100, [], [3])]),
        # HEARTBEAT ACK, SHUTDOWN, SHUTDOWN ACK, COOKIE ECHO + COOKIE ACK
        sctp([sctp_chunk(5, 0, param(1, b"hb-info!"))]),
        sctp([sctp_chunk(7, 0, struct.pack("!I", 123456))]),
        sctp([sctp_chunk(8, 0, b"")]),
        sctp([sctp_chunk(10, 0, b"opaque-cookie"), sctp_chunk(11, 0, b"")]),
        # ABORT with the T flag and two error causes; OPERATION ERROR
        sctp([sctp_chunk(6, 0x01, param(1, b"\x00\x05\x00\x00") + param(13, b"violation"))]),
        sctp([sctp_chunk(9, 0, param(6, b"\x40\x00\x00\x04"))]),
        # ECN ECHO, ECN CWR, SHUTDOWN COMPLETE (T flag)
        sctp([sctp_chunk(12, 0, struct.pack("!I", 55))]),
        sctp([sctp_chunk(13, 0, struct.pack("!I", 56))]),
        sctp([sctp_chunk(14, 0x01, b"")]),
        # chunk types the schema keeps as bytes: I-DATA, FORWARD TSN, RE-CONFIG,
        # ASCONF, ASCONF-ACK, I-FORWARD-TSN, AUTH, PAD, reserved
        sctp([sctp_chunk(0x40, 0x03, struct.pack("!IHHII", 400, 1, 0, 9, 46) + b"i-data")]),
        sctp([sctp_chunk(0xc0, 0, struct.pack("!I", 500))]),
        sctp([sctp_chunk(0x82, 0, param(13, struct.pack("!III", 1, 2, 3) + struct.pack("!H", 4)))]),
        sctp([sctp_chunk(0xc1, 0, struct.pack("!I", 7) + param(5, bytes([192, 0, 2, 9]))
                         + param(0xc001, struct.pack("!I", 1) + param(5, bytes([192, 0, 2, 10]))))]),
        sctp([sctp_chunk(0x80, 0, struct.pack("!I", 7) + param(0xc005, struct.pack("!I", 1)))]),
        sctp([sctp_chunk(0xc2, 0, struct.pack("!IHHI", 600, 1, 1, 5))]),
        sctp([sctp_chunk(0x0f, 0, struct.pack("!HH", 1, 1) + b"\x00" * 4)]),
        sctp([sctp_chunk(0x84, 0, b"\x00" * 8)]),
        sctp([sctp_chunk(0xff, 0xff, b"")]),
        # a DATA chunk with no user data (RFC 9260 6.2: an error), then
        # another chunk: tcpdump stops there
        sctp([data(0x03, 300, 0, 0, 0, b""), sctp_chunk(11, 0, b"")]),
        # a DATA chunk shorter than its header (length 14)
        sctp([sctp_chunk(0, 0x03, struct.pack("!IHHI", 1, 0, 0, 0), length=14)]),
        # a chunk length past the end of the packet
        sctp([sctp_chunk(1, 0, struct.pack("!IIHHI", 1, 1, 1, 1, 1), length=40)]),
        # three bytes after the last chunk
        sctp([sctp_chunk(11, 0, b""), b"\x00\x00\x00"]),
        # the common header only
        sctp([]),
    ]


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[1] if len(argv) > 1 else os.path.join(here, "..", "captures", "zcdump")
    os.makedirs(out, exist_ok=True)

    l2 = l2_frames()
    write_pcap(f"{out}/crafted-l2.pcap", "ETHERNET", l2)
    write_pcap(f"{out}/crafted-ip.pcap", "ETHERNET", ip_frames())
    write_pcap(f"{out}/crafted-nd.pcap", "ETHERNET", nd_frames())
    write_pcap(f"{out}/crafted-dhcp.pcap", "ETHERNET", dhcp_frames())
    dns = dns_frames()
    write_pcap(f"{out}/crafted-dns.pcap", "ETHERNET", dns)
    tr = transport_frames()
    write_pcap(f"{out}/crafted-transport.pcap", "ETHERNET", tr)
    write_pcap(f"{out}/crafted-malformed.pcap", "ETHERNET", malformed_frames())
    write_pcap(f"{out}/crafted-sctp.pcap", "ETHERNET", sctp_frames())

    # the same frames as pcapng (scapy's writer: section, interface and
    # enhanced packet blocks)
    pkts = [Ether(bytes(p)) for p in l2[:6]]
    for i, p in enumerate(pkts):
        p.time = T0 + i / 1000
    wrpcapng(f"{out}/crafted-l2.pcapng", pkts)

    v4 = IP(src=A1, dst=A2, id=70) / UDP(sport=53, dport=33002) / Raw(dns_msg(
        7, 0x8180, [dname("raw.zc.test") + b"\x00\x01\x00\x01"],
        an=[rr(b"\xc0\x0c", 1, bytes([192, 0, 2, 7]))]))
    v6 = IPv6(src=B1, dst=B2) / ICMPv6EchoRequest(id=1, seq=1, data=b"raw6")
    # LINKTYPE_RAW: IPv4, IPv6, and a first nibble that is neither
    write_pcap(f"{out}/crafted-raw.pcap", "RAW",
               [bytes(v4), bytes(v6), b"\x70" + bytes(v4)[1:]])
    write_pcap(f"{out}/crafted-ipv4.pcap", "IPV4", [bytes(v4)])
    write_pcap(f"{out}/crafted-ipv6.pcap", "IPV6", [bytes(v6)])
    # LINKTYPE_NULL: AF_INET, AF_INET6 as NetBSD (24), FreeBSD (28), macOS
    # (30) write it, a family written by a big-endian host, an unknown one,
    # a header cut short
    le = lambda af: struct.pack("<I", af)
    write_pcap(f"{out}/crafted-null.pcap", "NULL",
               [le(2) + bytes(v4), le(24) + bytes(v6), le(28) + bytes(v6), le(30) + bytes(v6),
                struct.pack(">I", 2) + bytes(v4), le(7) + b"\x00" * 8, b"\x02\x00"])
    # LINKTYPE_LOOP: network byte order
    write_pcap(f"{out}/crafted-loop.pcap", "LOOP",
               [struct.pack(">I", 2) + bytes(v4), struct.pack(">I", 24) + bytes(v6)])
    # Linux cooked captures, both versions: outgoing and incoming, a
    # loopback device's empty address, ARP
    write_pcap(f"{out}/crafted-sll.pcap", "LINUX_SLL", [
        bytes(CookedLinux(pkttype=4, lladdrtype=1, lladdrlen=6, src=bytes.fromhex("020000000001") +
                          b"\x00\x00", proto=0x0800) / v4),
        bytes(CookedLinux(pkttype=0, lladdrtype=772, lladdrlen=0, src=b"\x00" * 8, proto=0x86dd) / v6),
        bytes(CookedLinux(pkttype=1, lladdrtype=1, lladdrlen=6, src=bytes.fromhex("020000000002") +
                          b"\x00\x00", proto=0x0806) / ARP(op=1, hwsrc=MAC2, psrc=A2, pdst=A1)),
    ])
    write_pcap(f"{out}/crafted-sll2.pcap", "LINUX_SLL2", [
        bytes(CookedLinuxV2(proto=0x0800, ifindex=3, lladdrtype=1, pkttype=4, lladdrlen=6,
                            src=bytes.fromhex("020000000001") + b"\x00\x00") / v4),
        bytes(CookedLinuxV2(proto=0x86dd, ifindex=1, lladdrtype=772, pkttype=0, lladdrlen=0,
                            src=b"\x00" * 8) / v6),
        bytes(CookedLinuxV2(proto=0x8100, ifindex=4, lladdrtype=1, pkttype=3, lladdrlen=6,
                            src=bytes.fromhex("020000000003") + b"\x00\x00") /
              Dot1Q(vlan=9) / IP(src=A1, dst=A2, id=71) / UDP(sport=8, dport=9) / Raw(b"x")),
    ])
    # snapped: cut inside each header of a few rich frames
    write_pcap(f"{out}/crafted-snap.pcap", "ETHERNET", snapped_frames([
        (dns[1], [6, 13, 20, 33, 40, 45, 60, 120, 300, 700]),
        (tr[0], [14, 34, 50, 54, 60, 70]),
        (l2[13], [30, 45, 50, 60, 80]),
        (ip_frames()[17], [54, 60, 70, 80]),
        (dhcp_frames()[1], [42, 100, 300]),
    ]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
