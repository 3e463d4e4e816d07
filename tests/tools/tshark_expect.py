#!/usr/bin/python3
"""tshark_expect.py - expected zerocast field values for a pcap, from tshark.

Usage:  /usr/bin/python3 tests/tools/tshark_expect.py FILE.pcap [-o OUT]
        /usr/bin/python3 tests/tools/tshark_expect.py --check-schemas schemas

Runs tshark 4.0 on FILE.pcap (PDML for the fields, JSON -x for each frame's
raw bytes) and prints, for every frame, one `layer.path=value` line per field
of every zerocast struct (schemas/*.zc) found in it, in schema declaration
order, layers in packet order:

    frame 1
    ethernet.dst.octets=000000000000
    ...

Integers are decimal host values; byte arrays are lowercase hex (empty array:
nothing after `=`).  Every value comes from tshark: a Wireshark field's
`show` (displayed value), its `value` (raw or masked bits, hex), or a slice of
the frame bytes tshark printed, bounded by tshark's own length fields
(ip.len, ip.hdr_len, udp.length, tcp.hdr_len, ipv6.plen).  The MAPPING table
below says, per zerocast field, which Wireshark field(s) and what conversion.

Layer dispatch mirrors the C test (see tests/captures/README.md); tshark must
have decoded the same protocols at the same offsets, else this script fails.
Stdlib only.
"""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

TSHARK = "tshark"
# Per-packet decoding only: no reassembly, absolute TCP sequence numbers,
# no name resolution, VXLAN on its IANA port.
TSHARK_OPTS = [
    "-n",
    "-o", "tcp.desegment_tcp_streams:FALSE",
    "-o", "tcp.relative_sequence_numbers:FALSE",
    "-o", "tcp.analyze_sequence_numbers:FALSE",
    "-o", "ip.defragment:FALSE",
    "-o", "ipv6.defragment:FALSE",
    "-o", "udp.try_heuristic_first:FALSE",
    "-d", "udp.port==4789,vxlan",
]

DNS_PORT = 53
VXLAN_PORT = 4789

# Fields that cannot be taken from tshark (keep this empty or tiny).
UNMAPPED = {}


class ExpectError(Exception):
    pass


# ---- access to one decoded layer --------------------------------------------

class Layer:
    """One PDML <proto> plus the frame bytes and the layer's byte range."""

    def __init__(self, proto, raw, start, end):
        self.proto, self.raw, self.start, self.end = proto, raw, start, end
        self.fields = {}
        for f in proto.iter("field"):           # first occurrence wins
            self.fields.setdefault(f.get("name"), f)

    def has(self, name):
        return name in self.fields

    def field(self, name):
        f = self.fields.get(name)
        if f is None:
            raise ExpectError(f"tshark gave no {name} in <proto {self.proto.get('name')}>")
        return f

    def pos(self, name):
        return int(self.field(name).get("pos"))

    def end_of(self, name):
        f = self.field(name)
        return int(f.get("pos")) + int(f.get("size"))

    # conversions ------------------------------------------------------------
    def hex(self, name):
        """Raw bytes of a whole-byte field (PDML `value`), checked vs frame."""
        f = self.field(name)
        v = f.get("value").lower()
        pos, size = int(f.get("pos")), int(f.get("size"))
        if len(v) != 2 * size or self.raw[pos:pos + size].hex() != v:
            raise ExpectError(f"{name}: value {v} does not match frame bytes")
        return v

    def int(self, name):
        """Integer value: bitmask fields (PDML has `unmaskedvalue`) carry the
        masked, shifted value in hex in `value` (their `show` is only 0/1 for
        boolean fields); other fields' `show` is the decimal or 0x value."""
        f = self.field(name)
        if f.get("unmaskedvalue") is not None:
            return int(f.get("value"), 16)
        return int(f.get("show"), 0)

    def int_or_bits(self, name, whole, shift, mask):
        """`name` if tshark showed it; tshark hides some DNS flag bits in
        queries, then they are taken from the 16-bit `whole` field."""
        if self.has(name):
            return self.int(name)
        return (self.int(whole) >> shift) & mask

    def bytes(self, a, b):
        if not (0 <= a <= b <= len(self.raw)):
            raise ExpectError(f"byte range {a}..{b} outside frame of {len(self.raw)}")
        return self.raw[a:b].hex()


# ---- variable structure: arrays of structs, optional and case fields ------
#
# A getter returns an int or hex string (one line), None (the field is
# absent: an optional or case field that is not there), or Lines: a list of
# (suffix, value) pairs printed as `layer.field<suffix>=value`. Arrays of
# structs print each element's fields as `field[i].sub=value`, then the
# whole array's bytes as `field=hex` (the C walker prints the same at
# ZC_FIELD_ARRAY_END). Elements are tshark's own subtrees (an option, a
# resource record); their sizes must tile the array's region exactly.

class Lines(list):
    pass


def f_int(f):
    """Integer of one PDML field element (see Layer.int)."""
    if f.get("unmaskedvalue") is not None:
        return int(f.get("value"), 16)
    return int(f.get("show"), 0)


def f_pos(f):
    return int(f.get("pos"))


def f_end(f):
    return int(f.get("pos")) + int(f.get("size"))


def kids(f, name=None):
    return [c for c in f if c.tag == "field" and (name is None or c.get("name") == name)]


def find(f, name):
    """First descendant field called name (None if there is none)."""
    for c in f.iter("field"):
        if c.get("name") == name:
            return c
    return None


def need(f, name):
    c = find(f, name)
    if c is None:
        raise ExpectError(f"tshark gave no {name} in {f.get('name') or f.get('show')}")
    return c


def array(raw, start, end, elements):
    """Lines for an array of structs over raw[start:end]: elements is a list
    of (elem_start, elem_end, [(relpath, value)]) in order, which must tile
    [start, end)."""
    out = Lines()
    pos = start
    for i, (a, b, fields) in enumerate(elements):
        if a != pos or b < a:
            raise ExpectError(f"array element {i} at {a}..{b}, expected at {pos}")
        pos = b
        for rel, v in fields:
            out.append((f"[{i}].{rel}", v))
    if pos != end:
        raise ExpectError(f"array elements end at {pos}, region ends at {end}")
    out.append(("", raw[start:end].hex()))
    return out


def sub(prefix, lines):
    """Prefixes relative paths: [("a", 1)] -> [("prefix.a", 1)];
    array lines ("[0].x") attach without a dot; "" is the prefix itself."""
    r = []
    for rel, v in lines:
        r.append((prefix + ("" if rel == "" or rel.startswith("[") else ".") + rel, v))
    return r


def addr_elems(raw, fields):
    """Elements of an array of ipv4_addr/ipv6_addr from tshark address fields."""
    return [(f_pos(f), f_end(f), [("octets", raw[f_pos(f):f_end(f)].hex())]) for f in fields]


def byte_elems(raw, a, b, size):
    """Fixed-size address elements over raw[a:b] (tshark gives only the
    option's bounds)."""
    if (b - a) % size:
        raise ExpectError(f"{b - a} bytes is not a whole number of {size}-byte elements")
    return [(p, p + size, [("octets", raw[p:p + size].hex())]) for p in range(a, b, size)]


# -- TCP options (tcp.options subtree; kinds per schemas/tcp.zc) -------------

def tcp_option_fields(L, opt):
    raw = L.raw
    kind = f_int(need(opt, "tcp.option_kind"))
    a, b = f_pos(opt), f_end(opt)
    out = [("kind", kind)]
    if kind in (0, 1):
        return out
    out.append(("length", f_int(need(opt, "tcp.option_len"))))
    if kind == 2:
        out.append(("mss", f_int(need(opt, "tcp.options.mss_val"))))
    elif kind == 3:
        out.append(("shift_count", f_int(need(opt, "tcp.options.wscale.shift"))))
    elif kind == 4:
        pass
    elif kind == 5:
        les = [f for f in opt.iter("field") if f.get("name") == "tcp.options.sack_le"]
        res = [f for f in opt.iter("field") if f.get("name") == "tcp.options.sack_re"]
        elems = [(f_pos(le), f_end(re), [("left_edge", f_int(le)), ("right_edge", f_int(re))])
                 for le, re in zip(les, res)]
        out += sub("sack", array(raw, a + 2, b, elems))
    elif kind == 8:
        out.append(("timestamps.value", f_int(need(opt, "tcp.options.timestamp.tsval"))))
        out.append(("timestamps.echo_reply", f_int(need(opt, "tcp.options.timestamp.tsecr"))))
    else:
        out.append(("unknown", raw[a + 2:b].hex()))
    return out


def tcp_options(L):
    a, b = L.start + 20, L.start + _tcp_hl(L)
    region = find(L.proto, "tcp.options")
    opts = kids(region) if region is not None else []
    return array(L.raw, a, b, [(f_pos(o), f_end(o), tcp_option_fields(L, o)) for o in opts])


# -- IPv4 options (ip.options subtree) ----------------------------------------

def ipv4_option_fields(L, opt):
    raw = L.raw
    t = f_int(need(opt, "ip.opt.type"))
    a, b = f_pos(opt), f_end(opt)
    out = [("type", t)]
    if t in (0, 1):
        return out
    out.append(("length", f_int(need(opt, "ip.opt.len"))))
    if t in (7, 131, 137):                      # RR, LSR, SSR: pointer, addresses
        out.append(("route.pointer", f_int(need(opt, "ip.opt.ptr"))))
        addrs, seen = [], set()
        for f in opt.iter("field"):
            n = f.get("name")
            if f.get("size") == "4" and not n.endswith("_host") and n != "ip.opt.type" \
                    and f_pos(f) >= a + 3 and f_pos(f) not in seen:
                seen.add(f_pos(f))
                addrs.append(f)
        out += sub("route.addresses", array(raw, a + 3, b, addr_elems(raw, addrs)))
    elif t == 68:                               # timestamp
        out.append(("timestamp.pointer", f_int(need(opt, "ip.opt.ptr"))))
        out.append(("timestamp.overflow", f_int(need(opt, "ip.opt.overflow"))))
        out.append(("timestamp.flag", f_int(need(opt, "ip.opt.flag"))))
        out.append(("timestamp.data", raw[a + 4:b].hex()))
    elif t == 148:                              # router alert
        out.append(("router_alert", f_int(need(opt, "ip.opt.ra"))))
    else:
        out.append(("unknown", raw[a + 2:b].hex()))
    return out


def ipv4_options(L):
    a, b = L.start + 20, L.start + _ip_hl(L)
    # the options are the children of an unnamed "Options: (N bytes)" item
    regions = [f for f in kids(L.proto) if f.get("name") == ""
               and (f.get("show") or "").startswith("Options:")]
    opts = kids(regions[0]) if regions else []
    elems = [(f_pos(o), f_end(o), ipv4_option_fields(L, o)) for o in opts]
    # tshark stops at the first EOL; the zero bytes after it (padding to the
    # header length) are EOLs to zerocast, one element each
    p = elems[-1][1] if elems else a
    while elems and elems[-1][2][0] == ("type", 0) and p < b and L.raw[p] == 0:
        elems.append((p, p + 1, [("type", 0)]))
        p += 1
    return array(L.raw, a, b, elems)


# -- IPv6 hop-by-hop / destination options (ipv6.opt subtrees) -----------------
# tshark 4.0's ipv6.opt items have unreliable sizes, so each option's bounds
# come from its ipv6.opt.type position and ipv6.opt.length.

def ipv6_options(L, hdr):
    raw = L.raw
    start = L.start
    a, b = start + 2, start + 8 + 8 * L.int(f"{hdr}.len")
    elems = []
    for o in kids(L.proto, "ipv6.opt"):
        tf = need(o, "ipv6.opt.type")
        t, p = int(tf.get("value"), 16), f_pos(tf)
        if t == 0:
            elems.append((p, p + 1, [("type", 0)]))
        else:
            n = f_int(need(o, "ipv6.opt.length"))
            elems.append((p, p + 2 + n, [("type", t), ("length", n),
                                         ("data", raw[p + 2:p + 2 + n].hex())]))
    return array(raw, a, b, elems)


# -- DHCP options (dhcp.option.type subtrees, then dhcp.option.padding) --------

def dhcp_option_fields(L, opt):
    raw = L.raw
    code = int(opt.get("value")[:2], 16)    # (tshark shows END's code as 0)
    a, b = f_pos(opt), f_end(opt)
    out = [("code", code)]
    if code in (0, 255):
        return out
    n = f_int(need(opt, "dhcp.option.length"))
    out.append(("length", n))
    if code in (1, 50, 54, 28):
        out.append(("address.octets", raw[a + 2:b].hex()))
    elif code in (3, 6):
        out += sub("addresses", array(raw, a + 2, b, byte_elems(raw, a + 2, b, 4)))
    elif code in (51, 58, 59):
        out.append(("seconds", int(raw[a + 2:b].hex(), 16)))
    elif code == 53:
        # tshark reads the first byte and shows no field for the rest
        out.append(("message_type.value", f_int(need(opt, "dhcp.option.dhcp"))))
        out.append(("message_type.extra", raw[a + 3:b].hex()))
    elif code == 57:
        out.append(("max_size", f_int(need(opt, "dhcp.option.dhcp_max_message_size"))))
    else:
        out.append(("value", raw[a + 2:b].hex()))
    return out


def dhcp_options(L):
    raw = L.raw
    a = L.end_of("dhcp.cookie")
    elems = []
    for o in kids(L.proto):
        n = o.get("name")
        if n == "dhcp.option.type":
            elems.append((f_pos(o), f_end(o), dhcp_option_fields(L, o)))
        elif n == "dhcp.option.padding":        # PAD bytes after END
            for p in range(f_pos(o), f_end(o)):
                if raw[p] != 0:
                    raise ExpectError("non-zero DHCP padding")
                elems.append((p, p + 1, [("code", 0)]))
    return array(raw, a, L.end, elems)


# -- ICMPv6 Neighbor Discovery options (icmpv6.opt subtrees) -------------------

def nd_option_fields(L, opt):
    raw = L.raw
    a, b = f_pos(opt), f_end(opt)
    t = f_int(need(opt, "icmpv6.opt.type"))
    out = [("type", t), ("length", f_int(need(opt, "icmpv6.opt.length")))]
    if t == 1:
        out.append(("source_link_addr", raw[a + 2:b].hex()))
    elif t == 2:
        out.append(("target_link_addr", raw[a + 2:b].hex()))
    elif t == 3:
        flag = need(opt, "icmpv6.opt.prefix.flag")
        res = need(opt, "icmpv6.opt.reserved")
        pfx = need(opt, "icmpv6.opt.prefix")
        out += [("prefix_info.prefix_length", f_int(need(opt, "icmpv6.opt.prefix.length"))),
                ("prefix_info.on_link", f_int(need(opt, "icmpv6.opt.prefix.flag.l"))),
                ("prefix_info.autonomous", f_int(need(opt, "icmpv6.opt.prefix.flag.a"))),
                ("prefix_info.reserved1", int(flag.get("value"), 16) & 0x3F),
                ("prefix_info.valid_lifetime",
                 f_int(need(opt, "icmpv6.opt.prefix.valid_lifetime"))),
                ("prefix_info.preferred_lifetime",
                 f_int(need(opt, "icmpv6.opt.prefix.preferred_lifetime"))),
                ("prefix_info.reserved2", int(raw[f_pos(res):f_end(res)].hex(), 16)),
                ("prefix_info.prefix.octets", raw[f_pos(pfx):f_end(pfx)].hex())]
    elif t == 5:
        res = need(opt, "icmpv6.opt.reserved")
        out += [("mtu.reserved", int(raw[f_pos(res):f_end(res)].hex(), 16)),
                ("mtu.mtu", f_int(need(opt, "icmpv6.opt.mtu")))]
    else:
        out.append(("unknown", raw[a + 2:b].hex()))
    return out


def nd_options(L, after):
    a = L.end_of(after)
    return array(L.raw, a, L.end, [(f_pos(o), f_end(o), nd_option_fields(L, o))
                                   for o in kids(L.proto, "icmpv6.opt")])


def _icmp6_reserved(L):
    f = L.field("icmpv6.reserved")
    return int(L.raw[f_pos(f):f_end(f)].hex(), 16)


def _ra_flags(L):
    return L.int("icmpv6.nd.ra.flag")


# -- DNS messages (the Queries / Answers / ... subtrees of <proto dns>) --------

def dns_text(f):
    s = f.get("show")
    return "." if s == "<Root>" else s


def dns_rr_name(rr):
    n = find(rr, "dns.resp.name")
    if n is not None:
        return dns_text(n)
    # SRV: tshark splits the owner name into service, proto and name
    parts = [need(rr, x).get("show") for x in ("dns.srv.service", "dns.srv.proto",
                                              "dns.srv.name")]
    return ".".join(parts)


def dns_rr_fields(L, rr):
    raw = L.raw
    t = f_int(need(rr, "dns.resp.type"))
    rdlen = need(rr, "dns.resp.len")
    rd_a, rd_b = f_end(rdlen), f_end(rdlen) + f_int(rdlen)
    out = [("name", dns_rr_name(rr)), ("type", t)]
    if t == 41:                                     # OPT (RFC 6891 6.1.2)
        out.append(("class", f_int(need(rr, "dns.rr.udp_payload_size"))))
        ttl = (f_int(need(rr, "dns.resp.ext_rcode")) << 24 |
               f_int(need(rr, "dns.resp.edns0_version")) << 16 |
               f_int(need(rr, "dns.resp.z")))
        out.append(("ttl", ttl))
    else:
        out.append(("class", f_int(need(rr, "dns.resp.class"))))
        out.append(("ttl", f_int(need(rr, "dns.resp.ttl"))))
    out.append(("rdlength", f_int(rdlen)))
    if t == 1:
        out.append(("a.octets", need(rr, "dns.a").get("value")))
    elif t == 28:
        out.append(("aaaa.octets", need(rr, "dns.aaaa").get("value")))
    elif t == 2:
        out.append(("ns", dns_text(need(rr, "dns.ns"))))
    elif t == 5:
        out.append(("cname", dns_text(need(rr, "dns.cname"))))
    elif t == 12:
        out.append(("ptr", dns_text(need(rr, "dns.ptr.domain_name"))))
    elif t == 15:
        out += [("mx.preference", f_int(need(rr, "dns.mx.preference"))),
                ("mx.exchange", dns_text(need(rr, "dns.mx.mail_exchange")))]
    elif t == 16:
        lens = kids(rr, "dns.txt.length")
        txts = kids(rr, "dns.txt")
        elems = [(f_pos(n), f_end(x), [("length", f_int(n)), ("text", raw[f_pos(x):f_end(x)].hex())])
                 for n, x in zip(lens, txts)]
        out += sub("txt", array(raw, rd_a, rd_b, elems))
    elif t == 6:
        out += [("soa.mname", dns_text(need(rr, "dns.soa.mname"))),
                ("soa.rname", dns_text(need(rr, "dns.soa.rname"))),
                ("soa.serial", f_int(need(rr, "dns.soa.serial_number"))),
                ("soa.refresh", f_int(need(rr, "dns.soa.refresh_interval"))),
                ("soa.retry", f_int(need(rr, "dns.soa.retry_interval"))),
                ("soa.expire", f_int(need(rr, "dns.soa.expire_limit"))),
                ("soa.minimum", f_int(need(rr, "dns.soa.minimum_ttl")))]
    elif t == 33:
        out += [("srv.priority", f_int(need(rr, "dns.srv.priority"))),
                ("srv.weight", f_int(need(rr, "dns.srv.weight"))),
                ("srv.port", f_int(need(rr, "dns.srv.port"))),
                ("srv.target", dns_text(need(rr, "dns.srv.target")))]
    elif t == 41:
        elems = []
        for o in rr.iter("field"):
            if o.get("name") == "dns.opt":
                code, n = need(o, "dns.opt.code"), need(o, "dns.opt.len")
                elems.append((f_pos(o), f_end(o),
                              [("code", f_int(code)), ("length", f_int(n)),
                               ("data", raw[f_end(n):f_end(o)].hex())]))
        out += sub("edns", array(raw, rd_a, rd_b, elems))
    else:
        out.append(("raw", raw[rd_a:rd_b].hex()))
    return out


def dns_question_fields(L, q):
    return [("name", dns_text(need(q, "dns.qry.name"))),
            ("type", f_int(need(q, "dns.qry.type"))),
            ("class", f_int(need(q, "dns.qry.class")))]


DNS_SECTIONS = {"questions": "Queries", "answers": "Answers",
                "authorities": "Authoritative nameservers",
                "additionals": "Additional records"}


def dns_section(L, name, prev_end):
    """Lines for one section; prev_end: where the section must start."""
    title = DNS_SECTIONS[name]
    secs = [f for f in kids(L.proto) if f.get("name") == "" and f.get("show") == title]
    if not secs:
        L.sec_end = prev_end
        return array(L.raw, prev_end, prev_end, [])
    items = kids(secs[0])
    get = dns_question_fields if name == "questions" else dns_rr_fields
    lines = array(L.raw, prev_end, f_end(secs[0]),
                  [(f_pos(i), f_end(i), get(L, i)) for i in items])
    L.sec_end = f_end(secs[0])
    return lines


def dns_sections(name):
    def get(L):
        if name == "questions":
            L.sec_end = L.end_of("dns.count.add_rr")
        return dns_section(L, name, L.sec_end)
    return get


# ---- the mapping table ------------------------------------------------------
# zerocast struct -> [(zerocast field path, Wireshark source, getter(Layer))]
# The middle column is documentation; the getter is what runs.

def _ip_hl(L):
    return L.int("ip.hdr_len")              # bytes (show), = ihl * 4


def _tcp_hl(L):
    return L.int("tcp.hdr_len")             # bytes (show), = data_offset * 4


def _udp_end(L):
    return L.start + L.int("udp.length")


def _vx_flags(L):
    return L.int("vxlan.flags")             # first 16 bits of the header


def _vx_16(L):                              # bits 16..31: G-policy or reserved
    for n in ("vxlan.gbp", "vxlan.reserved_16"):
        if L.has(n):
            return L.int(n)
    raise ExpectError("vxlan: neither vxlan.gbp nor vxlan.reserved_16")


def _ip_dst(L):
    for n in ("ip.dst", "ip.cur_rt"):
        if L.has(n) and L.pos(n) == L.start + 16:
            return L.hex(n)
    raise ExpectError("no ip.dst or ip.cur_rt at the destination address")


def _gre_word(L):
    return int(L.field("gre.flags_and_version").get("value"), 16)


def _gre_end(L):                            # end of the last header field
    for n in ("gre.sequence_number", "gre.key", "gre.offset", "gre.proto"):
        if L.has(n):
            return L.end_of(n)


def _opt(L, name, conv=None):
    """An optional field: None when tshark did not show it."""
    if not L.has(name):
        return None
    return conv(L) if conv else L.int(name)


def _tag(L, name):
    """vlan fields from an 802.1Q (vlan.*) or 802.1ad (ieee8021ad.*) tag."""
    ad = {"vlan.priority": "ieee8021ad.priority", "vlan.dei": "ieee8021ad.dei",
          "vlan.id": "ieee8021ad.id", "vlan.etype": "ieee8021ah.etype"}
    return name if L.has(name) else ad[name]


def _dns_flag_fields():
    return [
        ("id", "dns.id", lambda L: L.int("dns.id")),
        ("qr", "dns.flags.response", lambda L: L.int("dns.flags.response")),
        ("opcode", "dns.flags.opcode", lambda L: L.int("dns.flags.opcode")),
        ("aa", "dns.flags.authoritative, else dns.flags bit 10",
         lambda L: L.int_or_bits("dns.flags.authoritative", "dns.flags", 10, 1)),
        ("tc", "dns.flags.truncated", lambda L: L.int("dns.flags.truncated")),
        ("rd", "dns.flags.recdesired", lambda L: L.int("dns.flags.recdesired")),
        ("ra", "dns.flags.recavail, else dns.flags bit 7",
         lambda L: L.int_or_bits("dns.flags.recavail", "dns.flags", 7, 1)),
        ("z", "dns.flags.z", lambda L: L.int("dns.flags.z")),
        ("ad", "dns.flags.authenticated, else dns.flags bit 5",
         lambda L: L.int_or_bits("dns.flags.authenticated", "dns.flags", 5, 1)),
        ("cd", "dns.flags.checkdisable", lambda L: L.int("dns.flags.checkdisable")),
        ("rcode", "dns.flags.rcode, else dns.flags bits 0-3",
         lambda L: L.int_or_bits("dns.flags.rcode", "dns.flags", 0, 0xF)),
        ("qdcount", "dns.count.queries", lambda L: L.int("dns.count.queries")),
        ("ancount", "dns.count.answers", lambda L: L.int("dns.count.answers")),
        ("nscount", "dns.count.auth_rr", lambda L: L.int("dns.count.auth_rr")),
        ("arcount", "dns.count.add_rr", lambda L: L.int("dns.count.add_rr")),
    ]


def _icmp6_head():
    return [
        ("type", "icmpv6.type", lambda L: L.int("icmpv6.type")),
        ("code", "icmpv6.code", lambda L: L.int("icmpv6.code")),
        ("checksum", "icmpv6.checksum", lambda L: L.int("icmpv6.checksum")),
    ]


def _ipv6_addr(name, tshark):
    return (f"{name}.octets", f"{tshark} value", lambda L: L.hex(tshark))


def _ext_head(hdr):
    return [("next_header", f"{hdr}.nxt", lambda L: L.int(f"{hdr}.nxt")),
            ("length", f"{hdr}.len", lambda L: L.int(f"{hdr}.len"))]

MAPPING = {
    "ethernet": [
        ("dst.octets", "eth.dst value", lambda L: L.hex("eth.dst")),
        ("src.octets", "eth.src value", lambda L: L.hex("eth.src")),
        ("type", "eth.type", lambda L: L.int("eth.type")),
        ("payload", "frame[end(eth.type) : enclosing end]",
         lambda L: L.bytes(L.end_of("eth.type"), L.end)),
    ],
    "vlan": [       # 802.1Q C-tag (vlan.*) or 802.1ad S-tag (ieee8021ad.*)
        ("pcp", "vlan.priority | ieee8021ad.priority",
         lambda L: L.int(_tag(L, "vlan.priority"))),
        ("dei", "vlan.dei | ieee8021ad.dei", lambda L: L.int(_tag(L, "vlan.dei"))),
        ("vid", "vlan.id | ieee8021ad.id", lambda L: L.int(_tag(L, "vlan.id"))),
        ("type", "vlan.etype | ieee8021ah.etype", lambda L: L.int(_tag(L, "vlan.etype"))),
        ("payload", "frame[end(etype) : enclosing end]",
         lambda L: L.bytes(L.end_of(_tag(L, "vlan.etype")), L.end)),
    ],
    "arp": [
        ("htype", "arp.hw.type", lambda L: L.int("arp.hw.type")),
        ("ptype", "arp.proto.type", lambda L: L.int("arp.proto.type")),
        ("hlen", "arp.hw.size", lambda L: L.int("arp.hw.size")),
        ("plen", "arp.proto.size", lambda L: L.int("arp.proto.size")),
        ("oper", "arp.opcode", lambda L: L.int("arp.opcode")),
        ("sha.octets", "arp.src.hw_mac value", lambda L: L.hex("arp.src.hw_mac")),
        ("spa.octets", "arp.src.proto_ipv4 value", lambda L: L.hex("arp.src.proto_ipv4")),
        ("tha.octets", "arp.dst.hw_mac value", lambda L: L.hex("arp.dst.hw_mac")),
        ("tpa.octets", "arp.dst.proto_ipv4 value", lambda L: L.hex("arp.dst.proto_ipv4")),
    ],
    "ipv4": [
        ("version", "ip.version", lambda L: L.int("ip.version")),
        ("ihl", "ip.hdr_len / 4", lambda L: _ip_hl(L) // 4),
        ("dscp", "ip.dsfield.dscp", lambda L: L.int("ip.dsfield.dscp")),
        ("ecn", "ip.dsfield.ecn", lambda L: L.int("ip.dsfield.ecn")),
        ("total_length", "ip.len", lambda L: L.int("ip.len")),
        ("identification", "ip.id", lambda L: L.int("ip.id")),
        ("reserved", "ip.flags.rb", lambda L: L.int("ip.flags.rb")),
        ("dont_fragment", "ip.flags.df", lambda L: L.int("ip.flags.df")),
        ("more_fragments", "ip.flags.mf", lambda L: L.int("ip.flags.mf")),
        ("fragment_offset", "ip.frag_offset (8-byte units)",
         lambda L: L.int("ip.frag_offset")),
        ("ttl", "ip.ttl", lambda L: L.int("ip.ttl")),
        ("protocol", "ip.proto", lambda L: L.int("ip.proto")),
        ("checksum", "ip.checksum", lambda L: L.int("ip.checksum")),
        ("src.octets", "ip.src value", lambda L: L.hex("ip.src")),
        ("dst.octets", "ip.dst value (ip.cur_rt when a source route option "
         "moves ip.dst to the route's last address)", _ip_dst),
        ("options", "ip.options subtrees (ip.opt.type, ip.opt.len, ip.opt.ptr, "
         "ip.rec_rt..., ip.opt.ra); region frame[start+20 : start+ip.hdr_len]",
         ipv4_options),
        ("payload", "frame[start+ip.hdr_len : start+ip.len]",
         lambda L: L.bytes(L.start + _ip_hl(L), L.start + L.int("ip.len"))),
    ],
    "ipv6": [
        ("version", "ipv6.version", lambda L: L.int("ipv6.version")),
        ("traffic_class", "ipv6.tclass", lambda L: L.int("ipv6.tclass")),
        ("flow_label", "ipv6.flow", lambda L: L.int("ipv6.flow")),
        ("payload_length", "ipv6.plen", lambda L: L.int("ipv6.plen")),
        ("next_header", "ipv6.nxt", lambda L: L.int("ipv6.nxt")),
        ("hop_limit", "ipv6.hlim", lambda L: L.int("ipv6.hlim")),
        ("src.octets", "ipv6.src value", lambda L: L.hex("ipv6.src")),
        ("dst.octets", "ipv6.dst value", lambda L: L.hex("ipv6.dst")),
        ("payload", "frame[end(ipv6.dst) : end(ipv6.dst)+ipv6.plen]",
         lambda L: L.bytes(L.end_of("ipv6.dst"), L.end_of("ipv6.dst") + L.int("ipv6.plen"))),
    ],
    "icmpv4": [
        ("type", "icmp.type", lambda L: L.int("icmp.type")),
        ("code", "icmp.code", lambda L: L.int("icmp.code")),
        ("checksum", "icmp.checksum", lambda L: L.int("icmp.checksum")),
        ("rest_of_header", "frame[end(icmp.checksum) : +4]",
         lambda L: L.bytes(L.end_of("icmp.checksum"), L.end_of("icmp.checksum") + 4)),
        ("data", "frame[end(icmp.checksum)+4 : ip payload end]",
         lambda L: L.bytes(L.end_of("icmp.checksum") + 4, L.end)),
    ],
    "icmpv4_echo": [
        ("type", "icmp.type", lambda L: L.int("icmp.type")),
        ("code", "icmp.code", lambda L: L.int("icmp.code")),
        ("checksum", "icmp.checksum", lambda L: L.int("icmp.checksum")),
        ("identifier", "icmp.ident (BE)", lambda L: L.int("icmp.ident")),
        ("sequence", "icmp.seq (BE)", lambda L: L.int("icmp.seq")),
        ("data", "frame[end(icmp.seq) : ip payload end]",
         lambda L: L.bytes(L.end_of("icmp.seq"), L.end)),
    ],
    "icmpv6": [
        ("type", "icmpv6.type", lambda L: L.int("icmpv6.type")),
        ("code", "icmpv6.code", lambda L: L.int("icmpv6.code")),
        ("checksum", "icmpv6.checksum", lambda L: L.int("icmpv6.checksum")),
        ("body", "frame[end(icmpv6.checksum) : ipv6 payload end]",
         lambda L: L.bytes(L.end_of("icmpv6.checksum"), L.end)),
    ],
    "icmpv6_echo": [
        ("type", "icmpv6.type", lambda L: L.int("icmpv6.type")),
        ("code", "icmpv6.code", lambda L: L.int("icmpv6.code")),
        ("checksum", "icmpv6.checksum", lambda L: L.int("icmpv6.checksum")),
        ("identifier", "icmpv6.echo.identifier",
         lambda L: L.int("icmpv6.echo.identifier")),
        ("sequence", "icmpv6.echo.sequence_number",
         lambda L: L.int("icmpv6.echo.sequence_number")),
        ("data", "frame[end(icmpv6.echo.sequence_number) : ipv6 payload end]",
         lambda L: L.bytes(L.end_of("icmpv6.echo.sequence_number"), L.end)),
    ],
    "udp": [
        ("src_port", "udp.srcport", lambda L: L.int("udp.srcport")),
        ("dst_port", "udp.dstport", lambda L: L.int("udp.dstport")),
        ("length", "udp.length", lambda L: L.int("udp.length")),
        ("checksum", "udp.checksum", lambda L: L.int("udp.checksum")),
        ("payload", "frame[start+8 : start+udp.length] (= udp.payload)",
         lambda L: L.bytes(L.start + 8, _udp_end(L))),
    ],
    "tcp": [
        ("src_port", "tcp.srcport", lambda L: L.int("tcp.srcport")),
        ("dst_port", "tcp.dstport", lambda L: L.int("tcp.dstport")),
        ("seq_num", "tcp.seq_raw", lambda L: L.int("tcp.seq_raw")),
        ("ack_num", "tcp.ack_raw", lambda L: L.int("tcp.ack_raw")),
        ("data_offset", "tcp.hdr_len / 4", lambda L: _tcp_hl(L) // 4),
        ("reserved", "tcp.flags.res (3 bits) << 1 | tcp.flags.ae (old NS)",
         lambda L: (L.int("tcp.flags.res") << 1) | L.int("tcp.flags.ae")),
        ("cwr", "tcp.flags.cwr", lambda L: L.int("tcp.flags.cwr")),
        ("ece", "tcp.flags.ece", lambda L: L.int("tcp.flags.ece")),
        ("urg", "tcp.flags.urg", lambda L: L.int("tcp.flags.urg")),
        ("ack", "tcp.flags.ack", lambda L: L.int("tcp.flags.ack")),
        ("psh", "tcp.flags.push", lambda L: L.int("tcp.flags.push")),
        ("rst", "tcp.flags.reset", lambda L: L.int("tcp.flags.reset")),
        ("syn", "tcp.flags.syn", lambda L: L.int("tcp.flags.syn")),
        ("fin", "tcp.flags.fin", lambda L: L.int("tcp.flags.fin")),
        ("window", "tcp.window_size_value (unscaled)",
         lambda L: L.int("tcp.window_size_value")),
        ("checksum", "tcp.checksum", lambda L: L.int("tcp.checksum")),
        ("urgent_ptr", "tcp.urgent_pointer", lambda L: L.int("tcp.urgent_pointer")),
        ("options", "tcp.options subtrees (tcp.option_kind, tcp.option_len, "
         "tcp.options.mss_val, .wscale.shift, .sack_le/re, .timestamp.tsval/tsecr); "
         "region frame[start+20 : start+tcp.hdr_len]",
         tcp_options),
        ("payload", "frame[start+tcp.hdr_len : ip payload end] (= tcp.payload)",
         lambda L: L.bytes(L.start + _tcp_hl(L), L.end)),
    ],
    "dns": _dns_flag_fields() + [
        ("body", "frame[end(dns.count.add_rr) : udp payload end]",
         lambda L: L.bytes(L.end_of("dns.count.add_rr"), L.end)),
    ],
    "vxlan": [
        ("reserved_flags_hi", "vxlan.flags bits 15-12",
         lambda L: (_vx_flags(L) >> 12) & 0xF),
        ("vni_valid", "vxlan.flag_i", lambda L: L.int("vxlan.flag_i")),
        ("reserved_flags_lo", "vxlan.flags bits 10-8",
         lambda L: (_vx_flags(L) >> 8) & 0x7),
        ("reserved1", "vxlan.flags bits 7-0 << 16 | vxlan.gbp (or vxlan.reserved_16)",
         lambda L: ((_vx_flags(L) & 0xFF) << 16) | _vx_16(L)),
        ("vni", "vxlan.vni", lambda L: L.int("vxlan.vni")),
        ("reserved2", "vxlan.reserved8", lambda L: L.int("vxlan.reserved8")),
        ("payload", "frame[end(vxlan.reserved8) : udp payload end]",
         lambda L: L.bytes(L.end_of("vxlan.reserved8"), L.end)),
    ],
    "dns_message": _dns_flag_fields() + [
        ("questions", "Queries subtree: dns.qry.name, dns.qry.type, dns.qry.class",
         dns_sections("questions")),
        ("answers", "Answers subtree: dns.resp.*, dns.a, dns.aaaa, dns.ns, dns.cname, "
         "dns.ptr.domain_name, dns.mx.*, dns.txt(.length), dns.soa.*, dns.srv.*, "
         "dns.opt.*", dns_sections("answers")),
        ("authorities", "Authoritative nameservers subtree (as answers)",
         dns_sections("authorities")),
        ("additionals", "Additional records subtree (as answers; OPT: "
         "dns.rr.udp_payload_size, ext_rcode << 24 | edns0_version << 16 | z)",
         dns_sections("additionals")),
    ],
    "dns_tcp": [
        ("length", "dns.length", lambda L: L.int("dns.length")),
        ("message", "frame[end(dns.length) : +dns.length]",
         lambda L: L.bytes(L.end_of("dns.length"), L.end_of("dns.length") + L.int("dns.length"))),
    ],
    "gre": [
        ("checksum_present", "gre.flags.checksum", lambda L: L.int("gre.flags.checksum")),
        ("routing_present", "gre.flags.routing", lambda L: L.int("gre.flags.routing")),
        ("key_present", "gre.flags.key", lambda L: L.int("gre.flags.key")),
        ("sequence_present", "gre.flags.sequence_number",
         lambda L: L.int("gre.flags.sequence_number")),
        ("reserved0", "gre.flags_and_version bits 3-11 (s, recur, flags)",
         lambda L: (_gre_word(L) >> 3) & 0x1FF),
        ("version", "gre.flags.version", lambda L: L.int("gre.flags.version")),
        ("protocol", "gre.proto", lambda L: L.int("gre.proto")),
        ("checksum", "gre.checksum (if C)", lambda L: _opt(L, "gre.checksum")),
        ("reserved1", "gre.offset (if C)", lambda L: _opt(L, "gre.offset")),
        ("key", "gre.key (if K)", lambda L: _opt(L, "gre.key")),
        ("sequence", "gre.sequence_number (if S)", lambda L: _opt(L, "gre.sequence_number")),
        ("payload", "frame[end of the GRE header : enclosing end]",
         lambda L: L.bytes(_gre_end(L), L.end)),
    ],
    "dhcp": [
        ("op", "dhcp.type", lambda L: L.int("dhcp.type")),
        ("htype", "dhcp.hw.type", lambda L: L.int("dhcp.hw.type")),
        ("hlen", "dhcp.hw.len", lambda L: L.int("dhcp.hw.len")),
        ("hops", "dhcp.hops", lambda L: L.int("dhcp.hops")),
        ("xid", "dhcp.id", lambda L: L.int("dhcp.id")),
        ("secs", "dhcp.secs", lambda L: L.int("dhcp.secs")),
        ("broadcast", "dhcp.flags.bc", lambda L: L.int("dhcp.flags.bc")),
        ("flags_reserved", "dhcp.flags.reserved", lambda L: L.int("dhcp.flags.reserved")),
        ("ciaddr.octets", "dhcp.ip.client value", lambda L: L.hex("dhcp.ip.client")),
        ("yiaddr.octets", "dhcp.ip.your value", lambda L: L.hex("dhcp.ip.your")),
        ("siaddr.octets", "dhcp.ip.server value", lambda L: L.hex("dhcp.ip.server")),
        ("giaddr.octets", "dhcp.ip.relay value", lambda L: L.hex("dhcp.ip.relay")),
        ("chaddr", "frame[pos(dhcp.hw.mac_addr) : +16] (address + dhcp.hw.addr_padding)",
         lambda L: L.bytes(L.pos("dhcp.hw.mac_addr"), L.pos("dhcp.hw.mac_addr") + 16)),
        ("sname", "dhcp.server value", lambda L: L.hex("dhcp.server")),
        ("file", "dhcp.file value", lambda L: L.hex("dhcp.file")),
        ("magic_cookie", "dhcp.cookie value", lambda L: int(L.hex("dhcp.cookie"), 16)),
        ("options", "dhcp.option.type subtrees (dhcp.option.length, .value, .dhcp, "
         ".dhcp_max_message_size), dhcp.option.padding (PADs)", dhcp_options),
    ],
    "nd_router_solicit": _icmp6_head() + [
        ("reserved", "icmpv6.reserved bytes", _icmp6_reserved),
        ("options", "icmpv6.opt subtrees", lambda L: nd_options(L, "icmpv6.reserved")),
    ],
    "nd_router_advert": _icmp6_head() + [
        ("cur_hop_limit", "icmpv6.nd.ra.cur_hop_limit",
         lambda L: L.int("icmpv6.nd.ra.cur_hop_limit")),
        ("managed", "icmpv6.nd.ra.flag.m", lambda L: L.int("icmpv6.nd.ra.flag.m")),
        ("other", "icmpv6.nd.ra.flag.o", lambda L: L.int("icmpv6.nd.ra.flag.o")),
        ("reserved", "icmpv6.nd.ra.flag & 0x3f (h, prf, p, rsv)",
         lambda L: _ra_flags(L) & 0x3F),
        ("router_lifetime", "icmpv6.nd.ra.router_lifetime",
         lambda L: L.int("icmpv6.nd.ra.router_lifetime")),
        ("reachable_time", "icmpv6.nd.ra.reachable_time",
         lambda L: L.int("icmpv6.nd.ra.reachable_time")),
        ("retrans_timer", "icmpv6.nd.ra.retrans_timer",
         lambda L: L.int("icmpv6.nd.ra.retrans_timer")),
        ("options", "icmpv6.opt subtrees",
         lambda L: nd_options(L, "icmpv6.nd.ra.retrans_timer")),
    ],
    "nd_neighbor_solicit": _icmp6_head() + [
        ("reserved", "icmpv6.reserved bytes", _icmp6_reserved),
        _ipv6_addr("target", "icmpv6.nd.ns.target_address"),
        ("options", "icmpv6.opt subtrees",
         lambda L: nd_options(L, "icmpv6.nd.ns.target_address")),
    ],
    "nd_neighbor_advert": _icmp6_head() + [
        ("router", "icmpv6.nd.na.flag.r", lambda L: L.int("icmpv6.nd.na.flag.r")),
        ("solicited", "icmpv6.nd.na.flag.s", lambda L: L.int("icmpv6.nd.na.flag.s")),
        ("override", "icmpv6.nd.na.flag.o", lambda L: L.int("icmpv6.nd.na.flag.o")),
        ("reserved", "icmpv6.nd.na.flag.rsv", lambda L: L.int("icmpv6.nd.na.flag.rsv")),
        _ipv6_addr("target", "icmpv6.nd.na.target_address"),
        ("options", "icmpv6.opt subtrees",
         lambda L: nd_options(L, "icmpv6.nd.na.target_address")),
    ],
    "nd_redirect": _icmp6_head() + [
        ("reserved", "icmpv6.reserved bytes", _icmp6_reserved),
        _ipv6_addr("target", "icmpv6.nd.rd.target_address"),
        _ipv6_addr("destination", "icmpv6.rd.na.destination_address"),
        ("options", "icmpv6.opt subtrees",
         lambda L: nd_options(L, "icmpv6.rd.na.destination_address")),
    ],
    "ipv6_hop_by_hop": _ext_head("ipv6.hopopts") + [
        ("options", "ipv6.opt subtrees (ipv6.opt.type, ipv6.opt.length)",
         lambda L: ipv6_options(L, "ipv6.hopopts")),
    ],
    "ipv6_dest_options": _ext_head("ipv6.dstopts") + [
        ("options", "ipv6.opt subtrees (ipv6.opt.type, ipv6.opt.length)",
         lambda L: ipv6_options(L, "ipv6.dstopts")),
    ],
    "ipv6_routing": _ext_head("ipv6.routing") + [
        ("routing_type", "ipv6.routing.type", lambda L: L.int("ipv6.routing.type")),
        ("segments_left", "ipv6.routing.segleft", lambda L: L.int("ipv6.routing.segleft")),
        ("data", "frame[start+4 : start+8+8*ipv6.routing.len]",
         lambda L: L.bytes(L.start + 4, L.start + 8 + 8 * L.int("ipv6.routing.len"))),
    ],
    "ipv6_fragment": [
        ("next_header", "ipv6.fraghdr.nxt", lambda L: L.int("ipv6.fraghdr.nxt")),
        ("reserved", "ipv6.fraghdr.reserved_octet",
         lambda L: L.int("ipv6.fraghdr.reserved_octet")),
        ("fragment_offset", "ipv6.fraghdr.offset (8-byte units)",
         lambda L: L.int("ipv6.fraghdr.offset")),
        ("reserved2", "ipv6.fraghdr.reserved_bits",
         lambda L: L.int("ipv6.fraghdr.reserved_bits")),
        ("more_fragments", "ipv6.fraghdr.more", lambda L: L.int("ipv6.fraghdr.more")),
        ("identification", "ipv6.fraghdr.ident", lambda L: L.int("ipv6.fraghdr.ident")),
    ],
}

# Element structs of arrays (and the structs nested in them): the fields
# their decoders above print, for --check-schemas.
ELEMENTS = {
    "tcp_option": ["kind", "length", "mss", "shift_count", "sack",
                   "timestamps.value", "timestamps.echo_reply", "unknown"],
    "tcp_sack_block": ["left_edge", "right_edge"],
    "ipv4_option": ["type", "length", "route.pointer", "route.addresses",
                    "timestamp.pointer", "timestamp.overflow", "timestamp.flag",
                    "timestamp.data", "router_alert", "unknown"],
    "ipv4_addr": ["octets"],
    "ipv4_ts_stamp": ["timestamp"],                       # walked from bytes only
    "ipv4_ts_addr_stamp": ["address.octets", "timestamp"],  # (tests/api)
    "ipv6_option": ["type", "length", "data"],
    "dhcp_option": ["code", "length", "address.octets", "addresses", "seconds",
                    "message_type.value", "message_type.extra", "max_size", "value"],
    "nd_option": ["type", "length", "source_link_addr", "target_link_addr",
                  "prefix_info.prefix_length", "prefix_info.on_link",
                  "prefix_info.autonomous", "prefix_info.reserved1",
                  "prefix_info.valid_lifetime", "prefix_info.preferred_lifetime",
                  "prefix_info.reserved2", "prefix_info.prefix.octets",
                  "mtu.reserved", "mtu.mtu", "unknown"],
    "dns_question": ["name", "type", "class"],
    "dns_rr": ["name", "type", "class", "ttl", "rdlength", "a.octets", "aaaa.octets",
               "ns", "cname", "ptr", "mx.preference", "mx.exchange", "txt",
               "soa.mname", "soa.rname", "soa.serial", "soa.refresh", "soa.retry",
               "soa.expire", "soa.minimum", "srv.priority", "srv.weight", "srv.port",
               "srv.target", "edns", "raw"],
    "dns_txt_string": ["length", "text"],
    "dns_edns_option": ["code", "length", "data"],
}

# Dispatch (mirrors the C test, see tests/captures/README.md).
ETHERTYPE_NEXT = {0x0800: "ipv4", 0x86DD: "ipv6", 0x0806: "arp", 0x8100: "vlan",
                  0x88A8: "vlan"}
IPPROTO_NEXT = {6: "tcp", 17: "udp", 1: "icmpv4", 58: "icmpv6", 47: "gre"}
IPV6_EXT_NEXT = {0: "ipv6_hop_by_hop", 43: "ipv6_routing", 44: "ipv6_fragment",
                 60: "ipv6_dest_options"}
ND_TYPES = {133: "nd_router_solicit", 134: "nd_router_advert",
            135: "nd_neighbor_solicit", 136: "nd_neighbor_advert", 137: "nd_redirect"}
MAX_IPV6_EXT = 8

# zerocast layer -> Wireshark protocol (PDML <proto name=...>); None: the
# layer reads the same <proto> as the layer before it.
WS_PROTO = {
    "ethernet": "eth", "vlan": "vlan", "arp": "arp",
    "ipv4": "ip", "ipv6": "ipv6",
    "ipv6_hop_by_hop": "ipv6.hopopts", "ipv6_routing": "ipv6.routing",
    "ipv6_fragment": "ipv6.fraghdr", "ipv6_dest_options": "ipv6.dstopts",
    "icmpv4": "icmp", "icmpv4_echo": None,
    "icmpv6": "icmpv6", "icmpv6_echo": None,
    "udp": "udp", "tcp": "tcp", "gre": "gre", "dhcp": "dhcp", "vxlan": "vxlan",
    "dns": "dns", "dns_tcp": "dns", "dns_message": None,
}
for _nd in ND_TYPES.values():
    WS_PROTO[_nd] = None

LAYER_START_FIELD = {   # first field of each layer in tshark
    "ethernet": "eth.dst", "arp": "arp.hw.type",
    "ipv4": "ip.version", "ipv6": "ipv6.version",
    "ipv6_hop_by_hop": "ipv6.hopopts.nxt", "ipv6_routing": "ipv6.routing.nxt",
    "ipv6_fragment": "ipv6.fraghdr.nxt", "ipv6_dest_options": "ipv6.dstopts.nxt",
    "icmpv4": "icmp.type", "icmpv4_echo": "icmp.type",
    "icmpv6": "icmpv6.type", "icmpv6_echo": "icmpv6.type",
    "udp": "udp.srcport", "tcp": "tcp.srcport", "gre": "gre.flags_and_version",
    "dhcp": "dhcp.type", "vxlan": "vxlan.flags",
    "dns": "dns.id", "dns_message": "dns.id", "dns_tcp": "dns.length",
}
for _nd in ND_TYPES.values():
    LAYER_START_FIELD[_nd] = "icmpv6.type"


def _ext_size(name, L, v):
    if name == "ipv6_fragment":
        return 8
    return 8 + 8 * v["length"]


def child_of(name, L, values, ext_ok):
    """(next layer, its start, its end, its Wireshark proto or None, ext_ok)
    per the C test's dispatch, or None. Start/end are frame offsets computed
    from tshark's length fields."""
    v = values
    if name in ("ethernet", "vlan"):
        nxt = ETHERTYPE_NEXT.get(v["type"])
        start = L.end_of("eth.type" if name == "ethernet" else _tag(L, "vlan.etype"))
        if nxt is None:
            return None
        ws = "ieee8021ad" if v["type"] == 0x88A8 else WS_PROTO[nxt]
        return (nxt, start, L.end, ws, False)
    if name == "gre":
        nxt = ETHERTYPE_NEXT.get(v["protocol"])
        if nxt is None:
            return None
        ws = "ieee8021ad" if v["protocol"] == 0x88A8 else WS_PROTO[nxt]
        return (nxt, _gre_end(L), L.end, ws, False)
    if name == "ipv4":
        nxt = IPPROTO_NEXT.get(v["protocol"])
        start = L.start + 4 * v["ihl"]
        return (nxt, start, L.start + v["total_length"], WS_PROTO[nxt], False) if nxt else None
    if name == "ipv6" or name in IPV6_EXT_NEXT.values():
        if name == "ipv6":
            start, end, left = L.start + 40, L.start + 40 + v["payload_length"], MAX_IPV6_EXT
        else:
            start, end, left = L.start + _ext_size(name, L, v), L.end, ext_ok - 1
            if name == "ipv6_fragment" and (v["fragment_offset"] or v["more_fragments"]):
                return None
        nh = v["next_header"]
        nxt = IPPROTO_NEXT.get(nh) or (IPV6_EXT_NEXT.get(nh) if left > 0 else None)
        return (nxt, start, end, WS_PROTO[nxt], left) if nxt else None
    if name == "udp":
        start, end = L.start + 8, L.start + v["length"]
        ports = (v["src_port"], v["dst_port"])
        if DNS_PORT in ports:
            return ("dns", start, end, "dns", False)
        if 67 in ports or 68 in ports:
            return ("dhcp", start, end, "dhcp", False)
        if v["dst_port"] == VXLAN_PORT:
            return ("vxlan", start, end, "vxlan", False)
        return None
    if name == "tcp":
        start = L.start + 4 * v["data_offset"]
        if DNS_PORT in (v["src_port"], v["dst_port"]) and start < L.end:
            return ("dns_tcp", start, L.end, "dns", False)
        return None
    if name == "dns":
        return ("dns_message", L.start, L.end, None, False)
    if name == "dns_tcp":
        return ("dns_message", L.start + 2, L.start + 2 + v["length"], None, False)
    if name == "vxlan":
        return ("ethernet", L.start + 8, L.end, "eth", False)
    if name == "icmpv4" and v["type"] in (0, 8):
        return ("icmpv4_echo", L.start, L.end, None, False)
    if name == "icmpv6" and v["type"] in (128, 129):
        return ("icmpv6_echo", L.start, L.end, None, False)
    if name == "icmpv6" and v["type"] in ND_TYPES:
        return (ND_TYPES[v["type"]], L.start, L.end, None, False)
    return None


def fmt(v):
    return str(v) if isinstance(v, int) else v


def flat_protos(packet):
    """Top-level <proto>s in order, each followed by the <proto>s nested
    directly in it (IPv6 extension headers)."""
    out = []
    for p in packet.findall("proto"):
        out.append(p)
        out += p.findall("proto")
    return out


def packet_lines(num, packet, raw):
    protos = flat_protos(packet)
    known = set(x for x in WS_PROTO.values() if x) | {"ieee8021ad"}
    out = [f"frame {num}"]
    idx = 0                       # next PDML proto to consume
    layer, start, end, ws, ext_ok = "ethernet", 0, len(raw), "eth", False
    proto = None
    while layer:
        if ws is not None:
            while idx < len(protos) and protos[idx].get("name") != ws:
                if protos[idx].get("name") in known:
                    raise ExpectError(f"frame {num}: tshark decoded "
                                      f"{protos[idx].get('name')} where {layer} was expected")
                idx += 1
            if idx == len(protos):
                raise ExpectError(f"frame {num}: tshark did not decode {layer}")
            proto = protos[idx]
            idx += 1
        L = Layer(proto, raw, start, end)
        first = LAYER_START_FIELD.get(layer) or _tag(L, "vlan.priority")
        if L.pos(first) != start:
            raise ExpectError(f"frame {num}: tshark's {layer} is not at offset {start}")
        values = {}
        for zc, _src, get in MAPPING[layer]:
            val = get(L)
            values[zc] = val
            if val is None:
                continue
            if isinstance(val, Lines):
                for suffix, x in val:
                    out.append(f"{layer}.{zc}{suffix}={fmt(x)}")
            else:
                out.append(f"{layer}.{zc}={fmt(val)}")
        nxt = child_of(layer, L, values, ext_ok)
        if nxt is None:
            break
        layer, start, end, ws, ext_ok = nxt
        if not (0 <= start <= end <= len(raw)):
            raise ExpectError(f"frame {num}: {layer} range {start}..{end} outside frame")
    for p in protos[idx:]:
        if p.get("name") in known:
            raise ExpectError(f"frame {num}: tshark also decoded {p.get('name')}, "
                              "which the dispatch rules do not reach")
    for f in packet.iter("field"):
        if f.get("name") == "_ws.malformed":
            raise ExpectError(f"frame {num}: tshark reports a malformed packet")
    return out


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise ExpectError(f"{' '.join(cmd)} failed: {r.stderr.decode(errors='replace')}")
    return r.stdout


def expect(pcap):
    pdml = ET.fromstring(run([TSHARK, "-r", pcap, "-T", "pdml"] + TSHARK_OPTS))
    frames = json.loads(run([TSHARK, "-r", pcap, "-T", "json", "-x", "-j", "frame"]
                            + TSHARK_OPTS))
    raws = [bytes.fromhex(fr["_source"]["layers"]["frame_raw"][0]) for fr in frames]
    packets = pdml.findall("packet")
    if len(packets) != len(raws):
        raise ExpectError("PDML and JSON disagree on the number of frames")
    lines = []
    for i, (packet, raw) in enumerate(zip(packets, raws), 1):
        lines += packet_lines(i, packet, raw)
    return "\n".join(lines) + "\n"


def parse_schemas(schema_dir, keep=()):
    """struct name -> [(kind, type, name)] from schemas/*.zc, where kind is
    "field" (scalar, byte array, extern or nested struct), "array" (array of
    structs) or "case" (a switch case field, like field). A small tokenizer
    and recursive reader for the subset of the schema language the bundled
    schemas use: bits groups, if (...) fields, switch/case, constraints."""
    import glob
    import re
    tok_re = re.compile(r'"[^"]*"|[A-Za-z_]\w*|0[xX][0-9a-fA-F]+|\d+|==|!=|<=|>=|&&|\|\||\S')
    # keep: struct names whose schema is read even if tests/protocols maps it
    structs, externs = {}, set()
    # schemas tested by tests/protocols/ map their fields in their own spec
    tested = set()
    here = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
    for spec in glob.glob(f"{here}/../protocols/*/spec"):
        for line in open(spec):
            w = line.split("#")[0].split()
            if len(w) == 2 and w[0] == "schema":
                tested.add(w[1].rsplit("/", 1)[-1])
    from_tested = set()
    for path in sorted(glob.glob(f"{schema_dir}/*.zc")):
        is_tested = path.rsplit("/", 1)[-1] in tested
        before = set(structs)
        text = re.sub(r"//[^\n]*", "", open(path).read())
        kept = any(n in keep for n in re.findall(r"\bstruct\s+(\w+)", text))
        if is_tested and not kept and not any(n in MAPPING or n in ELEMENTS
                                              for n in re.findall(r"\bstruct\s+(\w+)", text)):
            continue                            # all of it is mapped by its spec
        toks = tok_re.findall(text)
        i = 0

        def skip_group(i, open_, close):      # toks[i] == open_
            depth = 0
            while True:
                depth += (toks[i] == open_) - (toks[i] == close)
                i += 1
                if depth == 0:
                    return i

        def decl(i, out, kind):
            """One declaration at toks[i]; appends to out; returns next i."""
            if toks[i] == "bits":
                i += 2                          # bits NAME
                assert toks[i] == "{"
                i += 1
                while toks[i] != "}":
                    i = decl(i, out, kind)
                return i + 1
            if toks[i] == "if":
                i = skip_group(i + 1, "(", ")")
                return decl(i, out, kind)
            if toks[i] == "switch":
                i = skip_group(i + 1, "(", ")")
                i += 1                          # the switch's name
                if toks[i] == "[":
                    i = skip_group(i, "[", "]")
                assert toks[i] == "{", toks[i]
                i += 1
                while toks[i] != "}":
                    if toks[i] in ("case", "default"):
                        while toks[i] != ":":
                            i += 1
                        i += 1
                        if toks[i] == ";":      # empty case
                            i += 1
                        else:
                            i = decl(i, out, "case")
                    else:
                        raise ExpectError(f"{path}: cannot read switch at {toks[i]!r}")
                return i + 1
            ty = toks[i]
            i += 1
            if toks[i] == "(":                  # a parameterized type: leb128(4)
                i = skip_group(i, "(", ")")
            name = toks[i]
            i += 1
            is_array = False
            if toks[i] == "[":
                is_array = True
                i = skip_group(i, "[", "]")
            if toks[i] == "{":
                i = skip_group(i, "{", "}")
            while toks[i] == "@":                # attributes: @checksum(...), @head
                i = skip_group(i + 2, "(", ")") if toks[i + 2] == "(" else i + 2
            assert toks[i] == ";", (path, ty, name, toks[i])
            out.append(("array" if is_array and ty not in ("u8",) else kind, ty, name,
                        is_array))
            return i + 1

        while i < len(toks):
            if toks[i] == "extern":
                externs.add(toks[i + 1])
                i += 2
            elif toks[i] == "struct" and toks[i + 2] in ("{", "@", "("):
                name, i = toks[i + 1], i + 2
                if toks[i] == "(":              # parameters: struct bgp(u8 asn_size { ... })
                    i = skip_group(i, "(", ")")
                while toks[i] == "@":           # struct attributes: @lsb_first
                    i = skip_group(i + 2, "(", ")") if toks[i + 2] == "(" else i + 2
                assert toks[i] == "{", (path, name, toks[i])
                i += 1
                fields = []
                while toks[i] != "}":
                    i = decl(i, fields, "field")
                structs[name] = fields
                i += 1
            elif toks[i] == "enum":
                i = skip_group(toks.index("{", i), "{", "}")
            else:
                i += 1
        if is_tested and not kept:
            from_tested |= set(structs) - before
    # a struct of a schema that tests/protocols tests is mapped in its spec,
    # unless the captures here map it too (icmpv4 beside icmpv4_error)
    for name in from_tested | set(UNMAPPED_ELSEWHERE):
        if name not in MAPPING and name not in ELEMENTS and name not in keep:
            structs.pop(name, None)
    return structs, externs


# Structs with no capture here, named with the reason (keep this tiny).
UNMAPPED_ELSEWHERE = {
    "icmpv6_error": "the quoted IPv6 header of ICMPv6 errors: no capture yet (issue #18 note)",
    "llc": "IEEE 802.2 LLC: compared with tshark's llc.* field by field by zcdump's "
           "differential test (tests/zcdump/map/llc.map) on stack/edges.pcap",
    "snap": "SNAP: compared with tshark's llc.oui/llc.pid by zcdump's differential "
            "test (tests/zcdump/map/llc.map)",
}


def check_schemas(schema_dir):
    """Check MAPPING (layers) and ELEMENTS (array elements) cover exactly the
    fields of the schemas' structs, in declaration order.  Returns a list of
    problems."""
    try:
        structs, externs = parse_schemas(schema_dir)
    except (ExpectError, AssertionError, IndexError) as e:
        return [f"cannot read the schemas: {e}"]

    def paths(struct):
        for kind, ty, name, is_array in structs[struct]:
            if ty in structs and not is_array:
                yield from (f"{name}.{sub}" for sub in paths(ty))
            else:
                yield name

    elements = {ty for fs in structs.values() for k, ty, _, arr in fs
                if arr and ty in structs}
    nested = {ty for fs in structs.values() for k, ty, _, arr in fs
              if not arr and ty in structs}
    problems = []
    for struct in structs:
        want = list(paths(struct))
        if struct in MAPPING:
            have = [zc for zc, _, _ in MAPPING[struct]]
        elif struct in ELEMENTS:
            have = ELEMENTS[struct]
        elif struct in nested and struct not in elements:
            continue                # printed through the struct that holds it
        else:
            problems.append(f"{struct}: neither a mapped layer nor a mapped element")
            continue
        have_all = [f for f in want if f in have or f"{struct}.{f}" in UNMAPPED]
        if [f for f in have_all if f in have] != have or have_all != want:
            problems.append(f"{struct}: schema {want} vs mapping {have}")
        if struct in elements and struct not in ELEMENTS:
            problems.append(f"{struct}: an array element without an ELEMENTS entry")
    for struct in list(MAPPING) + list(ELEMENTS):
        if struct not in structs:
            problems.append(f"{struct}: mapped but not in the schemas")
    return problems


def main(argv):
    args = argv[1:]
    if len(args) == 2 and args[0] == "--check-schemas":
        problems = check_schemas(args[1])
        for p in problems:
            sys.stderr.write(f"tshark_expect: {p}\n")
        if not problems:
            print(f"mapping covers every field of every struct in {args[1]}")
        return 1 if problems else 0
    out = None
    if len(args) == 3 and args[1] == "-o":
        out = args[2]
        args = args[:1]
    if len(args) != 1 or args[0].startswith("-"):
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    try:
        text = expect(args[0])
    except ExpectError as e:
        sys.stderr.write(f"tshark_expect: {args[0]}: {e}\n")
        return 1
    if out:
        with open(out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
