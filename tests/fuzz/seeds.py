#!/usr/bin/python3
"""seeds.py - fuzzing seeds from the test captures (stdlib only).

    seeds.py OUTDIR CAPTURE.pcap...

Reads classic pcap files (link type Ethernet; others are skipped) and writes, for every bundled
schema, the bytes at which that schema's layer starts in each frame into
OUTDIR/<schema>/<sha1 of the bytes>:

    ethernet  whole frames (and the inner frame of every VXLAN packet and
              of every GRE packet carrying Ethernet, 0x6558)
    packet    the same whole frames (packet.zc's stack walks start there)
    vlan      from the 802.1Q tag control information (EtherType 0x8100/0x88a8)
    llc       the IEEE 802.2 LLC header of an 802.3 frame (type 1500 or less)
    arp       the ARP packet           (EtherType 0x0806)
    ipv4      the IPv4 datagram        (EtherType 0x0800)
    ipv6      the IPv6 packet          (EtherType 0x86dd)
    icmpv4    the ICMP message         (IPv4 protocol 1)
    ipv6_ext  every IPv6 extension header, from its first byte to the end of
              the packet (next header 0, 43, 44, 60)
    icmpv6    the ICMPv6 message       (IPv6 next header 58, after extension headers)
    icmpv6_nd the same ICMPv6 messages (the ND structs parse from the type byte)
    gre       the GRE packet           (IP protocol 47); its payload is
              dissected further by its protocol (IPv4, IPv6, Ethernet)
    tcp       the TCP segment          (protocol 6)
    udp       the UDP datagram         (protocol 17)
    dns       UDP payloads on port 53; TCP payloads on port 53 with the
              2-byte length prefix (dns_tcp) and without it
    vxlan     UDP payloads to port 4789
    dhcp      UDP payloads on ports 67 and 68
    net       every MAC, IPv4 and IPv6 address found (net.zc's structs)
    NAME      for a pcap tests/protocols/DIR/DIR.pcap whose spec says
              `schema NAME.zc` and `at LAYER.payload` (ethernet, ipv4, ipv6,
              tcp, udp, llc, pppoe_session, ppp) or `at offset N`: the bytes there in each frame
              (tests/protocols/README.md); those pcaps give no other seeds

The dissection follows the wire formats (not zerocast's generated code, which
is what the seeds test): lengths are clamped to what the frame holds, so a
truncated frame still gives a (truncated) seed. Prints one line per schema
with the number of distinct seeds written.
"""
import hashlib
import os
import struct
import sys

LAYERS = ("ethernet", "packet", "vlan", "llc", "arp", "ipv4", "ipv6", "ipv6_ext",
          "icmpv4", "icmpv6", "icmpv6_nd", "gre", "tcp", "udp", "dns", "dhcp",
          "vxlan", "net")


class Seeds:
    def __init__(self, outdir):
        self.outdir = outdir
        self.seen = {name: set() for name in LAYERS}
        self.at = {}            # "udp.payload" -> its first bytes in the frame
        self.only = None        # a protocol's capture: only its own seeds

    def mark(self, where, data):
        self.at.setdefault(where, data)

    def add(self, layer, data):
        data = bytes(data)
        if self.only is not None and layer != self.only:
            return
        self.seen.setdefault(layer, set())
        if not data:
            return
        digest = hashlib.sha1(data).hexdigest()
        if digest in self.seen[layer]:
            return
        self.seen[layer].add(digest)
        d = os.path.join(self.outdir, layer)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, digest), "wb") as f:
            f.write(data)


class NotEthernet(ValueError):
    """A capture of another link type (the seeds start at Ethernet)."""


def read_pcap(path, any_link=False):
    """The captured bytes of every frame of a classic pcap file."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 24:
        raise ValueError("%s: too short for a pcap file" % path)
    magic = blob[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        raise ValueError("%s: not a classic pcap file" % path)
    linktype = struct.unpack(endian + "I", blob[20:24])[0] & 0x0FFFFFFF
    if linktype != 1 and not any_link:
        raise NotEthernet("%s: link type %d, not 1 (Ethernet)" % (path, linktype))
    frames = []
    off = 24
    while off + 16 <= len(blob):
        incl = struct.unpack(endian + "I", blob[off + 8:off + 12])[0]
        off += 16
        frames.append(blob[off:off + incl])
        off += incl
    return frames


def be16(b, off):
    return struct.unpack(">H", b[off:off + 2])[0] if len(b) >= off + 2 else None


def ethernet(s, frame, depth=0):
    s.add("ethernet", frame)
    s.add("packet", frame)
    if len(frame) >= 12:
        s.add("net", frame[0:6])
        s.add("net", frame[6:12])
    etype = be16(frame, 12)
    off = 14
    s.mark("ethernet.payload", frame[14:])
    while etype in (0x8100, 0x88A8) and depth < 8:
        s.add("vlan", frame[off:])
        etype = be16(frame, off + 2)
        off += 4
        depth += 1
    if etype is not None:
        network(s, etype, frame[off:], depth)


def network(s, etype, payload, depth):
    """The layer an EtherType names (after Ethernet, a VLAN tag or GRE)."""
    if etype <= 1500:                     # an IEEE 802.3 length: LLC follows
        s.add("llc", payload)
        # U-format control (low bits 11): a 3-byte header, else 4
        hdr = 3 if len(payload) >= 3 and payload[2] & 3 == 3 else 4
        s.mark("llc.payload", payload[hdr:])
    elif etype == 0x8864 and len(payload) >= 8:   # PPPoE session (RFC 2516): PPP
        n = be16(payload, 4)
        s.mark("pppoe_session.payload", payload[6:6 + n])
        s.mark("ppp.payload", payload[8:6 + n])
        if be16(payload, 6) == 0x0021:
            ipv4(s, payload[8:6 + n], depth)
        elif be16(payload, 6) == 0x0057:
            ipv6(s, payload[8:6 + n], depth)
    elif etype == 0x0800:
        ipv4(s, payload, depth)
    elif etype == 0x86DD:
        ipv6(s, payload, depth)
    elif etype == 0x0806:
        s.add("arp", payload)
        if len(payload) >= 28:
            s.add("net", payload[14:18])
    elif etype == 0x6558 and depth < 8:   # transparent Ethernet bridging (GRE)
        ethernet(s, payload, depth + 1)


def ipv4(s, pkt, depth):
    s.add("ipv4", pkt)
    if len(pkt) < 20 or pkt[0] >> 4 != 4:
        return
    ihl = (pkt[0] & 0x0F) * 4
    total = be16(pkt, 2)
    s.add("net", pkt[12:16])
    s.add("net", pkt[16:20])
    if ihl < 20 or total < ihl:
        return
    fragment_offset = be16(pkt, 6) & 0x1FFF
    if fragment_offset:
        return          # not the start of the upper layer
    s.mark("ipv4.payload", pkt[ihl:total])
    transport(s, pkt[9], pkt[ihl:total], depth)


def ipv6(s, pkt, depth):
    s.add("ipv6", pkt)
    if len(pkt) < 40 or pkt[0] >> 4 != 6:
        return
    s.add("net", pkt[8:24])
    s.add("net", pkt[24:40])
    nh = pkt[6]
    rest = pkt[40:40 + be16(pkt, 4)]
    s.mark("ipv6.payload", rest)
    # Hop-by-hop, routing, destination options: 8 * (len + 1) bytes.
    while nh in (0, 43, 60) and len(rest) >= 2:
        s.add("ipv6_ext", rest)
        nh, hlen = rest[0], (rest[1] + 1) * 8
        rest = rest[hlen:]
    if nh == 44:        # fragment header: only the first fragment has the layer
        s.add("ipv6_ext", rest)
        if len(rest) < 8 or (be16(rest, 2) & 0xFFF8):
            return
        nh, rest = rest[0], rest[8:]
    transport(s, nh, rest, depth)


def transport(s, proto, seg, depth):
    if proto == 1:
        s.add("icmpv4", seg)
    elif proto == 58:
        s.add("icmpv6", seg)
        s.add("icmpv6_nd", seg)
    elif proto == 47:
        gre(s, seg, depth)
    elif proto == 6:
        s.add("tcp", seg)
        if len(seg) >= 20:
            doff = (seg[12] >> 4) * 4
            s.mark("tcp.payload", seg[doff:])
            if 53 in (be16(seg, 0), be16(seg, 2)) and len(seg) >= doff + 2:
                s.add("dns", seg[doff:])        # with the prefix: dns_tcp
                s.add("dns", seg[doff + 2:])
    elif proto == 17:
        s.add("udp", seg)
        if len(seg) >= 8:
            sport, dport, ulen = be16(seg, 0), be16(seg, 2), be16(seg, 4)
            payload = seg[8:ulen] if ulen >= 8 else seg[8:]
            s.mark("udp.payload", payload)
            if 53 in (sport, dport):
                s.add("dns", payload)
            if sport in (67, 68) or dport in (67, 68):
                s.add("dhcp", payload)
            if dport == 4789:
                s.add("vxlan", payload)
                if len(payload) >= 8 and depth < 8:
                    ethernet(s, payload[8:], depth + 1)
            if dport == 6081:
                s.add("geneve", payload)
                if len(payload) >= 8 and depth < 8:
                    inner = payload[8 + 4 * (payload[0] & 0x3F):]
                    if be16(payload, 2) == 0x6558:
                        ethernet(s, inner, depth + 1)
                    else:
                        network(s, be16(payload, 2), inner, depth + 1)


def gre(s, pkt, depth):
    """RFC 2784/2890: 4 fixed bytes, then 4 for each of the checksum, key
    and sequence number present (flags C, K, S)."""
    s.add("gre", pkt)
    if len(pkt) < 4 or depth >= 8:
        return
    flags = pkt[0]
    off = 4 + 4 * sum(1 for bit in (0x80, 0x20, 0x10) if flags & bit)
    s.mark("gre.payload", pkt[off:])
    proto = be16(pkt, 2)
    if proto in (0x88BE, 0x22EB) and flags & 0x10:
        # ERSPAN type II (8 bytes) or III (12, 20 with the O bit): the
        # mirrored frame follows
        s.add("erspan", pkt[off:])
        rest = pkt[off:]
        hlen = 8 if proto == 0x88BE else (20 if len(rest) >= 12 and rest[11] & 1 else 12)
        ethernet(s, rest[hlen:], depth + 1)
        return
    if proto == 0x88BE:     # ERSPAN type I: the mirrored frame itself
        ethernet(s, pkt[off:], depth + 1)
        return
    network(s, proto, pkt[off:], depth + 1)


def protocol_spec(path):
    """(schema name, `at`) from the spec next to tests/protocols/DIR/DIR.pcap,
    or None for other captures."""
    d = os.path.dirname(path)
    spec = os.path.join(d, "spec")
    if os.path.basename(os.path.dirname(d)) != "protocols" or not os.path.isfile(spec):
        return None
    keys = {}
    with open(spec) as f:
        for line in f:
            words = line.split("#")[0].split()
            if len(words) >= 2 and words[0] in ("schema", "at"):
                keys.setdefault(words[0], " ".join(words[1:]))
    if "schema" not in keys or "at" not in keys:
        return None
    return os.path.basename(keys["schema"])[:-len(".zc")], keys["at"]


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: seeds.py OUTDIR CAPTURE.pcap...\n")
        return 2
    s = Seeds(argv[1])
    for path in argv[2:]:
        proto = protocol_spec(path)
        try:
            # `at offset N` needs no Ethernet: any link type will do
            frames = read_pcap(path, proto is not None and proto[1].startswith("offset "))
        except NotEthernet as e:
            print("seeds: skipped %s" % e)
            continue
        for frame in frames:
            s.at = {}
            s.only = proto[0] if proto else None
            if proto and proto[1].startswith("offset "):
                s.add(proto[0], frame[int(proto[1].split()[1]):])
                continue
            ethernet(s, frame)
            if proto and proto[1] in s.at:
                s.add(proto[0], s.at[proto[1]])
    for layer in sorted(s.seen, key=lambda x: (x not in LAYERS, LAYERS.index(x) if x in LAYERS else x)):
        os.makedirs(os.path.join(argv[1], layer), exist_ok=True)
        print("seeds: %-9s %3d" % (layer, len(s.seen[layer])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
