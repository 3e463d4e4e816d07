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

# zerocast layer -> Wireshark protocol (PDML <proto name=...>)
WS_PROTO = {
    "ethernet": "eth", "vlan": "vlan", "arp": "arp",
    "ipv4": "ip", "ipv6": "ipv6",
    "icmpv4": "icmp", "icmpv4_echo": "icmp",
    "icmpv6": "icmpv6", "icmpv6_echo": "icmpv6",
    "udp": "udp", "tcp": "tcp", "dns": "dns", "vxlan": "vxlan",
}

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


MAPPING = {
    "ethernet": [
        ("dst.octets", "eth.dst value", lambda L: L.hex("eth.dst")),
        ("src.octets", "eth.src value", lambda L: L.hex("eth.src")),
        ("type", "eth.type", lambda L: L.int("eth.type")),
        ("payload", "frame[end(eth.type) : enclosing end]",
         lambda L: L.bytes(L.end_of("eth.type"), L.end)),
    ],
    "vlan": [
        ("pcp", "vlan.priority", lambda L: L.int("vlan.priority")),
        ("dei", "vlan.dei", lambda L: L.int("vlan.dei")),
        ("vid", "vlan.id", lambda L: L.int("vlan.id")),
        ("type", "vlan.etype", lambda L: L.int("vlan.etype")),
        ("payload", "frame[end(vlan.etype) : enclosing end]",
         lambda L: L.bytes(L.end_of("vlan.etype"), L.end)),
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
        ("dst.octets", "ip.dst value", lambda L: L.hex("ip.dst")),
        ("options", "frame[start+20 : start+ip.hdr_len]",
         lambda L: L.bytes(L.start + 20, L.start + _ip_hl(L))),
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
        ("options", "frame[start+20 : start+tcp.hdr_len]",
         lambda L: L.bytes(L.start + 20, L.start + _tcp_hl(L))),
        ("payload", "frame[start+tcp.hdr_len : ip payload end] (= tcp.payload)",
         lambda L: L.bytes(L.start + _tcp_hl(L), L.end)),
    ],
    "dns": [
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
}

# Header size of each layer, to check tshark's layer starts where the
# enclosing layer's payload starts (and to find the child's range).
ETHERTYPE_NEXT = {0x0800: "ipv4", 0x86DD: "ipv6", 0x0806: "arp", 0x8100: "vlan"}
IPPROTO_NEXT = {6: "tcp", 17: "udp", 1: "icmpv4", 58: "icmpv6"}


def child_of(name, L, values):
    """(next layer, its start, its end) per the C test's dispatch, or None.
    Start/end are frame offsets computed from tshark's length fields."""
    v = values
    if name in ("ethernet", "vlan"):
        nxt = ETHERTYPE_NEXT.get(v["type"])
        start = L.end_of("eth.type" if name == "ethernet" else "vlan.etype")
        return (nxt, start, L.end) if nxt else None
    if name == "ipv4":
        nxt = IPPROTO_NEXT.get(v["protocol"])
        start = L.start + 4 * v["ihl"]
        return (nxt, start, L.start + v["total_length"]) if nxt else None
    if name == "ipv6":
        nxt = IPPROTO_NEXT.get(v["next_header"])
        start = L.start + 40
        return (nxt, start, start + v["payload_length"]) if nxt else None
    if name == "udp":
        start, end = L.start + 8, L.start + v["length"]
        if DNS_PORT in (v["src_port"], v["dst_port"]):
            return ("dns", start, end)
        if v["dst_port"] == VXLAN_PORT:
            return ("vxlan", start, end)
        return None
    if name == "vxlan":
        return ("ethernet", L.start + 8, L.end)
    if name == "icmpv4" and v["type"] in (0, 8):
        return ("icmpv4_echo", L.start, L.end)
    if name == "icmpv6" and v["type"] in (128, 129):
        return ("icmpv6_echo", L.start, L.end)
    return None


LAYER_START_FIELD = {   # first field of each layer in tshark
    "ethernet": "eth.dst", "vlan": "vlan.priority", "arp": "arp.hw.type",
    "ipv4": "ip.version", "ipv6": "ipv6.version", "icmpv4": "icmp.type",
    "icmpv6": "icmpv6.type", "udp": "udp.srcport", "tcp": "tcp.srcport",
    "dns": "dns.id", "vxlan": "vxlan.flags",
}


def fmt(v):
    return str(v) if isinstance(v, int) else v


def packet_lines(num, packet, raw):
    protos = [p for p in packet.findall("proto")]
    known = set(WS_PROTO.values())
    out = [f"frame {num}"]
    idx = 0                       # next PDML proto to consume
    layer, start, end = "ethernet", 0, len(raw)
    proto = None
    while layer:
        if layer in ("icmpv4_echo", "icmpv6_echo"):
            pass                  # same tshark proto as the common header
        else:
            while idx < len(protos) and protos[idx].get("name") != WS_PROTO[layer]:
                if protos[idx].get("name") in known:
                    raise ExpectError(f"frame {num}: tshark decoded "
                                      f"{protos[idx].get('name')} where {layer} was expected")
                idx += 1
            if idx == len(protos):
                raise ExpectError(f"frame {num}: tshark did not decode {layer}")
            proto = protos[idx]
            idx += 1
        L = Layer(proto, raw, start, end)
        if L.pos(LAYER_START_FIELD[layer.replace("_echo", "")]) != start:
            raise ExpectError(f"frame {num}: tshark's {layer} is not at offset {start}")
        values = {}
        for zc, _src, get in MAPPING[layer]:
            values[zc] = get(L)
            out.append(f"{layer}.{zc}={fmt(values[zc])}")
        nxt = child_of(layer, L, values)
        if nxt is None:
            break
        layer, start, end = nxt
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


def check_schemas(schema_dir):
    """Check MAPPING (+ UNMAPPED) covers exactly the fields of the schemas'
    structs, in declaration order.  Returns a list of problems."""
    import glob
    import re
    structs = {}
    for path in sorted(glob.glob(f"{schema_dir}/*.zc")):
        text = re.sub(r"//[^\n]*", "", open(path).read())
        for m in re.finditer(r"\bstruct\s+(\w+)\s*\{", text):
            depth, i = 1, m.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            body = text[m.end():i - 1]
            # a named bits group lists its member fields in place
            body = re.sub(r"\bbits\s+\w+\s*\{((?:[^{}]|\{[^{}]*\})*)\}", r"\1", body)
            body = re.sub(r"\{[^{}]*\}", "", body)  # constraints
            fields = []
            for decl in body.split(";"):
                d = re.match(r"\s*(\w+)\s+(\w+)", decl)
                if d:
                    fields.append((d.group(1), d.group(2)))
            structs[m.group(1)] = fields

    def paths(struct):
        for ty, name in structs[struct]:
            if ty in structs:
                yield from (f"{name}.{sub}" for sub in paths(ty))
            else:
                yield name

    problems = []
    for struct in structs:
        if struct in ("mac_addr", "ipv4_addr", "ipv6_addr"):
            continue
        want = list(paths(struct))
        have = [zc for zc, _, _ in MAPPING.get(struct, [])]
        have_all = [f for f in want if f in have or f"{struct}.{f}" in UNMAPPED]
        if [f for f in have_all if f in have] != have or have_all != want:
            problems.append(f"{struct}: schema {want} vs mapping {have}")
    for struct in MAPPING:
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
