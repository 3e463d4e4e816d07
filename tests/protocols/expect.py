#!/usr/bin/python3
"""expect.py - a protocol's expected zerocast field values, from tshark.

Usage:  /usr/bin/python3 tests/protocols/expect.py tests/protocols/NAME [-o OUT]
        (default OUT: tests/protocols/NAME/NAME.expect; `-o -` is stdout)
        /usr/bin/python3 tests/protocols/expect.py --coverage ZEROCAST tests/protocols/NAME

Reads tests/protocols/NAME/spec (format in tests/protocols/README.md), runs
tshark 4.0 once on NAME.pcap (-T pdml, per packet, no reassembly) and
writes, for every frame, `frame N` and then either one `path=value` line per
mapping line of the spec that applies to the frame, in spec order, or the
`status=TEXT` the spec states for that frame (after checking that tshark
flags the frame as malformed or with an expert error, so the statement is
not invented).

Every value comes from tshark's decode: a field's displayed value (`show`),
its masked bits (`value` of a bitmask field), its bytes (at tshark's `pos`
and `size`), or frame bytes between positions computed from tshark's fields.
The frame bytes are read from the pcap itself (classic pcap); tshark's
frame.cap_len must agree. Stdlib only.
"""

import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

TSHARK = os.environ.get("TSHARK", "tshark")
# Per-packet decoding, as tests/tools/tshark_expect.py: no reassembly, no
# name resolution, absolute TCP sequence numbers, ports before heuristics.
TSHARK_OPTS = [
    "-n",
    "-o", "tcp.desegment_tcp_streams:FALSE",
    "-o", "tcp.relative_sequence_numbers:FALSE",
    "-o", "tcp.analyze_sequence_numbers:FALSE",
    "-o", "ip.defragment:FALSE",
    "-o", "ipv6.defragment:FALSE",
    "-o", "udp.try_heuristic_first:FALSE",
]

# Expert severity and group (epan/proto.h): PI_ERROR, PI_CHECKSUM.
PI_ERROR = 0x00800000
PI_CHECKSUM = 0x01000000


class SpecError(Exception):
    pass


# ---- the spec -----------------------------------------------------------

class Line:
    """One mapping line: `ZPATH FIELD CONV [ARGS] [if COND]`."""

    def __init__(self, lineno, zpath, field, conv, args, cond):
        self.lineno, self.zpath, self.field = lineno, zpath, field
        self.conv, self.args, self.cond = conv, args, cond
        self.optional = conv.endswith("?")
        if self.optional:
            self.conv = conv[:-1]

    def rebase(self, tpl, conc):
        n = Line(self.lineno, conc + self.zpath[len(tpl):], self.field,
                 self.conv, self.args, self.cond)
        n.optional = self.optional
        return n


class Elements:
    """`elements ZPATH SELECTOR [bytes A B] [if COND]` (or `flat ...`) and
    the lines of its element template (paths starting `ZPATH[].`)."""

    def __init__(self, lineno, kind, zpath, selector, region, cond):
        self.lineno, self.kind, self.zpath = lineno, kind, zpath
        self.selector, self.region, self.cond = selector, region, cond
        self.items = []

    def rebase(self, tpl, conc):
        n = Elements(self.lineno, self.kind, conc + self.zpath[len(tpl):],
                     self.selector, self.region, self.cond)
        n.items = [i.rebase(tpl, conc) for i in self.items]
        return n


CONVS = {"int": 0, "raw": 0, "le": 0, "hex": 0, "bool": 0, "bits": 2,
         "slice": 2, "expr": 1}


class Spec:
    def __init__(self, path):
        self.path = path
        self.schema = self.root = self.at = self.proto = None
        self.checksum = None   # (field, tshark status field)
        self.tshark = []
        self.status = {}       # frame number -> status text
        self.undecoded = set() # frames whose status tshark shows by stopping
        self.items = []
        flat = []
        with open(path) as f:
            for lineno, text in enumerate(f, 1):
                text = re.sub(r"(^|\s)#.*", "", text).strip()
                if not text:
                    continue
                try:
                    self._line(lineno, text, flat)
                except SpecError as e:
                    raise SpecError(f"{path}:{lineno}: {e}")
        for k in ("schema", "root", "at"):
            if getattr(self, k) is None:
                raise SpecError(f"{path}: no `{k}` line")
        if self.proto is None:
            self.proto = self.root
        self.items = nest(flat, "", path)

    def _line(self, lineno, text, flat):
        head, _, rest = text.partition(" ")
        rest = rest.strip()
        if head in ("schema", "root", "at", "proto"):
            if getattr(self, head) is not None:
                raise SpecError(f"a second `{head}` line")
            setattr(self, head, rest)
            return
        if head == "checksum":
            w = rest.split()
            if self.checksum or len(w) not in (2, 3) or (len(w) == 3 and w[2] != "pseudo"):
                raise SpecError("expected one `checksum FIELD TSHARK_STATUS_FIELD [pseudo]`")
            self.checksum = (w[0], w[1])
            return
        if head == "tshark":
            self.tshark += rest.split()
            return
        if head == "args":      # the root's parameters: for the driver only
            return
        if head in ("status", "status-undecoded"):
            num, _, st = rest.partition(" ")
            if not num.isdigit() or not st.strip():
                raise SpecError(f"expected `{head} FRAME TEXT`")
            if int(num) in self.status:
                raise SpecError(f"a second status for frame {num}")
            self.status[int(num)] = st.strip()
            if head == "status-undecoded":
                self.undecoded.add(int(num))
            return
        cond = None
        m = re.search(r"\s+if\s+(.*)$", text)
        if m:
            cond = parse_expr(m.group(1))
            text = text[:m.start()]
        words = text.split()
        if head in ("elements", "flat"):
            region = None
            if len(words) == 6 and words[3] == "bytes":
                region = (parse_expr(words[4]), parse_expr(words[5]))
            elif len(words) != 3:
                raise SpecError(f"expected `{head} ZPATH SELECTOR [bytes A B] [if COND]`")
            if head == "flat" and region is None:
                raise SpecError("`flat` needs `bytes A B` (its elements have no tshark subtree)")
            flat.append(Elements(lineno, head, words[1], words[2], region, cond))
            return
        if len(words) < 3:
            raise SpecError("expected `ZPATH FIELD CONVERSION [ARGS] [if COND]`")
        zpath, field, conv, args = words[0], words[1], words[2], words[3:]
        base = conv.rstrip("?")
        if base not in CONVS:
            raise SpecError(f"unknown conversion {conv!r} (one of {', '.join(CONVS)})")
        if len(args) != CONVS[base]:
            raise SpecError(f"conversion {base} takes {CONVS[base]} argument(s)")
        if base in ("slice", "expr"):
            args = [parse_expr(a) for a in args]
            if field != "-":
                raise SpecError(f"conversion {base} takes `-` as the field")
        elif base == "bits":
            args = [int(a, 0) for a in args]
        if field == "-" and base not in ("slice", "expr"):
            raise SpecError(f"conversion {base} needs a tshark field")
        if "[]" in zpath.split(".")[-1]:
            raise SpecError(f"{zpath}: a value line's path cannot end in []")
        flat.append(Line(lineno, zpath, field, conv, args, cond))


def nest(flat, prefix, path):
    """Groups each `elements`/`flat` line with the lines after it whose
    paths start with `ZPATH[].`, recursively."""
    out = []
    i = 0
    while i < len(flat):
        it = flat[i]
        if not it.zpath.startswith(prefix):
            raise SpecError(f"{path}:{it.lineno}: {it.zpath} is not inside {prefix[:-1]}")
        i += 1
        if isinstance(it, Elements):
            sub = it.zpath + "[]."
            j = i
            while j < len(flat) and flat[j].zpath.startswith(sub):
                j += 1
            it.items = nest(flat[i:j], sub, path)
            i = j
        out.append(it)
    return out


# ---- expressions ----------------------------------------------------------
#
# Integers (decimal, 0x hex), tshark field names (their integer value, as
# conversion `int`), NAME#N (the N-th occurrence), /NAME (anywhere in the
# packet), START and END (where the scope's tshark node starts and ends in
# the frame: the root protocol, or the element's subtree), functions
# pos(F) end(F) size(F) has(F) count(F) raw(F), operators as in C:
# || && == != < <= > >= + - * / % ! unary -, parentheses.

TOKEN = re.compile(r"\s*(?:(0x[0-9a-fA-F]+|\d+)|(/?[A-Za-z_][A-Za-z0-9_.]*(?:#\d+)?)"
                   r"|(\|\||&&|==|!=|<=|>=|[-+*/%<>!(),]))")
FUNCS = ("pos", "end", "size", "has", "count", "raw")
BINARY = [("||",), ("&&",), ("==", "!="), ("<", "<=", ">", ">="), ("+", "-"),
          ("*", "/", "%")]


def tokenize(s):
    toks, i = [], 0
    s = s.strip()
    while i < len(s):
        m = TOKEN.match(s, i)
        if not m or m.end() == i:
            raise SpecError(f"bad expression {s!r} at {s[i:]!r}")
        num, name, op = m.groups()
        toks.append(("num", int(num, 0)) if num else ("name", name) if name else ("op", op))
        i = m.end()
        while i < len(s) and s[i].isspace():
            i += 1
    return toks


def parse_expr(s):
    toks = tokenize(s)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else (None, None)

    def take(op=None):
        t = peek()
        if t[0] is None or (op is not None and t != ("op", op)):
            raise SpecError(f"bad expression {s!r}: expected {op or 'more'}")
        pos[0] += 1
        return t

    def level(n):
        if n == len(BINARY):
            return unary()
        left = level(n + 1)
        while peek()[0] == "op" and peek()[1] in BINARY[n]:
            op = take()[1]
            left = ("bin", op, left, level(n + 1))
        return left

    def unary():
        t = peek()
        if t == ("op", "!") or t == ("op", "-"):
            take()
            return ("un", t[1], unary())
        if t == ("op", "("):
            take()
            e = level(0)
            take(")")
            return e
        t = take()
        if t[0] == "num":
            return t
        if t[0] == "name":
            if t[1] in FUNCS and peek() == ("op", "("):
                take("(")
                arg = take()
                if arg[0] != "name":
                    raise SpecError(f"bad expression {s!r}: {t[1]}() takes a field name")
                take(")")
                return ("call", t[1], arg[1])
            return t
        raise SpecError(f"bad expression {s!r}")

    e = level(0)
    if pos[0] != len(toks):
        raise SpecError(f"bad expression {s!r}: trailing {toks[pos[0]][1]!r}")
    return e


# ---- one frame's decode -----------------------------------------------------

class Missing(Exception):
    """A tshark field the frame does not have."""


def fint(f):
    """Integer value: a bitmask field's masked, shifted value (hex `value`),
    else its `show` (decimal or 0x); `bool` fields show 1/0."""
    if f.get("unmaskedvalue") is not None:
        return int(f.get("value"), 16)
    show = f.get("show")
    if show in ("True", "False"):
        return int(show == "True")
    for base in (0, 10):
        try:
            return int(show, base)
        except (TypeError, ValueError):
            pass
    raise SpecError(f"{f.get('name')}: show {show!r} is not an integer; use `raw`")


class Frame:
    def __init__(self, number, packet, raw):
        self.number, self.packet, self.raw = number, packet, raw

    def field_bytes(self, f):
        pos, size = int(f.get("pos")), int(f.get("size"))
        if not (0 <= pos <= pos + size <= len(self.raw)):
            raise SpecError(f"frame {self.number}: {f.get('name')} at {pos}+{size} "
                            f"outside the frame of {len(self.raw)} bytes")
        return self.raw[pos:pos + size]

    def slice(self, a, b):
        if not (0 <= a <= b <= len(self.raw)):
            raise SpecError(f"frame {self.number}: byte range {a}..{b} outside the "
                            f"frame of {len(self.raw)} bytes")
        return self.raw[a:b]


def fields_named(node, name):
    """Every field (or protocol) called name in node's subtree, node
    included, in document order."""
    return [f for f in node.iter() if f.tag in ("field", "proto") and f.get("name") == name]


class Scope:
    """Where names are looked up: a tshark subtree (the root protocol or an
    element), or, for element i of a `flat` array, the enclosing scope with
    every lookup taking the i-th occurrence."""

    def __init__(self, frame, node, flat_index=None, bounds=None):
        self.frame, self.node, self.flat_index = frame, node, flat_index
        if bounds is None:
            a = int(node.get("pos"))
            bounds = (a, a + int(node.get("size")))
        self.start, self.end = bounds

    def all(self, name):
        if name.startswith("/"):
            return fields_named(self.frame.packet, name[1:])
        return fields_named(self.node, name)

    def find(self, name):
        """The field element for NAME, NAME#N or /NAME; Missing if absent.
        NAME|OTHER: the first of them that is present."""
        for alt in name.split("|"):
            base, _, nth = alt.partition("#")
            occ = self.all(base)
            i = int(nth) - 1 if nth else 0
            if self.flat_index is not None and not nth:   # NAME#N stays the N-th
                i += self.flat_index
            if 0 <= i < len(occ):
                return occ[i]
        raise Missing(name)

    def eval(self, e):
        kind = e[0]
        if kind == "num":
            return e[1]
        if kind == "name":
            if e[1] == "START":
                return self.start
            if e[1] == "END":
                return self.end
            return fint(self.find(e[1]))
        if kind == "call":
            fn, name = e[1], e[2]
            if fn == "has":
                try:
                    self.find(name)
                    return 1
                except Missing:
                    return 0
            if fn == "count":
                return len(self.all(name.partition("#")[0]))
            f = self.find(name)
            if fn == "pos":
                return int(f.get("pos"))
            if fn == "end":
                return int(f.get("pos")) + int(f.get("size"))
            if fn == "size":
                return int(f.get("size"))
            return int.from_bytes(self.frame.field_bytes(f), "big")   # raw
        if kind == "un":
            v = self.eval(e[2])
            return int(not v) if e[1] == "!" else -v
        op, a = e[1], self.eval(e[2])
        if op == "||":
            return int(bool(a) or bool(self.eval(e[3])))
        if op == "&&":
            return int(bool(a) and bool(self.eval(e[3])))
        b = self.eval(e[3])
        if op in ("/", "%") and b == 0:
            raise SpecError(f"frame {self.frame.number}: division by zero")
        return {"==": lambda: int(a == b), "!=": lambda: int(a != b),
                "<": lambda: int(a < b), "<=": lambda: int(a <= b),
                ">": lambda: int(a > b), ">=": lambda: int(a >= b),
                "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
                "/": lambda: a // b, "%": lambda: a % b}[op]()

    def holds(self, cond):
        return cond is None or self.eval(cond) != 0

    # conversions ------------------------------------------------------------
    def value(self, ln):
        c = ln.conv
        if c == "slice":
            return self.frame.slice(self.eval(ln.args[0]), self.eval(ln.args[1])).hex()
        if c == "expr":
            return str(self.eval(ln.args[0]))
        f = self.find(ln.field)
        if c == "int":
            return str(fint(f))
        if c == "bool":
            show = f.get("show")
            if show in ("1", "True", "true"):
                return "1"
            if show in ("0", "False", "false"):
                return "0"
            raise SpecError(f"{f.get('name')}: show {show!r} is not a boolean")
        b = self.frame.field_bytes(f)
        if c == "hex":
            v = f.get("value")
            if f.get("unmaskedvalue") is None and v is not None and len(v) == 2 * len(b) \
                    and v.lower() != b.hex():
                raise SpecError(f"frame {self.frame.number}: {f.get('name')}: value {v} "
                                f"does not match the frame bytes {b.hex()}")
            return b.hex()
        if c == "raw":
            return str(int.from_bytes(b, "big"))
        if c == "le":
            return str(int.from_bytes(b, "little"))
        # bits SHIFT MASK: of the unmasked value of a bitmask field, or of the
        # field's bytes
        uv = f.get("unmaskedvalue")
        whole = int(uv, 16) if uv is not None else int.from_bytes(b, "big")
        return str((whole >> ln.args[0]) & ln.args[1])


def select(scope, sel):
    """Element nodes of `elements`: outermost fields called sel (or with a
    child called sel, for ^sel; sel may be A|B) inside the scope's node, also
    inside the protocols nested in it (the ip header quoted by an icmp
    error)."""
    parent = sel.startswith("^")
    name = sel[1:] if parent else sel
    names = set(name.lstrip("/").split("|"))   # A|B: either name
    out = []

    def walk(node):
        for c in node:
            if c.tag == "proto":    # a protocol inside the root's tree (icmp's ip)
                walk(c)
                continue
            if c.tag != "field":
                continue
            hit = any(k.tag == "field" and k.get("name") in names for k in c) if parent \
                else c.get("name") in names
            if hit:
                out.append(c)
            else:
                walk(c)
    root = scope.frame.packet if name.startswith("/") else scope.node
    if name.startswith("/"):
        name = name[1:]
    walk(root)
    return out


def emit(scope, items, out):
    for it in items:
        try:
            if not scope.holds(it.cond):
                continue
            if isinstance(it, Line):
                if it.optional:
                    try:
                        out.append(f"{it.zpath}={scope.value(it)}")
                    except Missing:
                        pass
                else:
                    out.append(f"{it.zpath}={scope.value(it)}")
            else:
                emit_array(scope, it, out)
        except Missing as e:
            raise SpecError(f"frame {scope.frame.number}: line {it.lineno} ({it.zpath}): "
                            f"tshark gave no {e}")


def emit_array(scope, el, out):
    tpl = el.zpath + "[]"
    frame = scope.frame
    if el.kind == "flat":
        n = len(scope.all(el.selector.partition("#")[0]))
        for i in range(n):
            sub = Scope(frame, scope.node, i + (scope.flat_index or 0), (scope.start, scope.end))
            emit(sub, [x.rebase(tpl, f"{el.zpath}[{i}]") for x in el.items], out)
        a, b = scope.eval(el.region[0]), scope.eval(el.region[1])
        out.append(f"{el.zpath}={frame.slice(a, b).hex()}")
        return
    nodes = select(scope, el.selector)
    spans = []
    for i, node in enumerate(nodes):
        a = int(node.get("pos"))
        b = a + int(node.get("size"))
        if spans and a != spans[-1][1]:
            raise SpecError(f"frame {frame.number}: {el.zpath}[{i}] at {a}..{b} does not "
                            f"follow element {i - 1}, which ends at {spans[-1][1]}")
        spans.append((a, b))
        emit(Scope(frame, node), [x.rebase(tpl, f"{el.zpath}[{i}]") for x in el.items], out)
    if el.region:
        a, b = scope.eval(el.region[0]), scope.eval(el.region[1])
        if spans and (spans[0][0] != a or spans[-1][1] != b):
            raise SpecError(f"frame {frame.number}: {el.zpath}: elements cover "
                            f"{spans[0][0]}..{spans[-1][1]}, the region is {a}..{b}")
        if not spans and a != b:
            raise SpecError(f"frame {frame.number}: {el.zpath}: no elements in the "
                            f"region {a}..{b}")
    else:
        a, b = (spans[0][0], spans[-1][1]) if spans else (0, 0)
    out.append(f"{el.zpath}={frame.slice(a, b).hex()}")


# ---- pcap and tshark --------------------------------------------------------

def read_pcap(path):
    """Frames' captured bytes of a classic pcap file."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        raise SpecError(f"{path}: not a pcap file")
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise SpecError(f"{path}: not a classic pcap file (pcapng is not supported)")
    frames, off = [], 24
    while off < len(data):
        if off + 16 > len(data):
            raise SpecError(f"{path}: truncated record header")
        _, _, incl, _ = struct.unpack(e + "IIII", data[off:off + 16])
        off += 16
        if off + incl > len(data):
            raise SpecError(f"{path}: truncated record")
        frames.append(data[off:off + incl])
        off += incl
    return frames


_SHORT_NAMES = {}


def short_name(proto_name):
    """tshark's short name of a protocol (`802.11 Radiotap` for radiotap),
    which its `[Malformed Packet: ...]` items use; the filter name itself
    when tshark -G protocols does not list it."""
    if not _SHORT_NAMES:
        res = subprocess.run([TSHARK, "-G", "protocols"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, check=False)
        for line in res.stdout.decode(errors="replace").splitlines():
            cols = line.split("\t")
            if len(cols) >= 3:
                _SHORT_NAMES[cols[2]] = cols[1]
        _SHORT_NAMES.setdefault("", "")
    return _SHORT_NAMES.get(proto_name, proto_name)


def flagged(packet, proto_name):
    """tshark's verdict on the root protocol: `[Malformed Packet: NAME]` with
    NAME the protocol's filter or short name (ignoring case), also with the exception's reason
    after it (`[Malformed Packet: LLDP: length of contained item exceeds
    length of containing item]`, a ContainedBoundsError), or an expert item
    of error severity inside its tree (other than a bad checksum, which is
    no parse failure). A payload's protocol failing is not the root's
    business."""
    names = "|".join(re.escape(n.lower()) for n in {proto_name, short_name(proto_name)})
    mal = re.compile(r"^\[malformed packet: (" + names + r")(\]|: )")
    for p in packet.findall("proto"):
        if p.get("name") == "_ws.malformed" and mal.match((p.get("showname") or "").lower()):
            return True
    proto = next((p for p in packet.findall("proto") if p.get("name") == proto_name), None)
    for f in (proto.iter() if proto is not None else ()):
        name = f.get("name")
        if name == "_ws.expert":
            info = {k.get("name"): k.get("show") for k in f}
            try:
                if int(info.get("_ws.expert.severity") or 0) >= PI_ERROR and \
                        int(info.get("_ws.expert.group") or 0) != PI_CHECKSUM:
                    return True
            except ValueError:
                pass
    return False


def decoded_end(proto, packet=None):
    """Where the last byte tshark decoded inside proto ends. Some
    dissectors' nodes span their payload (tshark 4.0's erspan): when the
    next protocol of the packet starts where proto's fields end, the rest
    of proto's bytes are that protocol's, decoded."""
    end = int(proto.get("pos"))
    for f in proto.iter("field"):
        if f.get("name", "").startswith("_ws.") or f.get("size") in (None, "0"):
            continue
        end = max(end, int(f.get("pos")) + int(f.get("size")))
    if packet is not None:
        protos = packet.findall("proto")
        later = protos[protos.index(proto) + 1:] if proto in protos else []
        # nodes without a position (tshark's fake-field-wrapper) are not protocols
        later = [p for p in later if p.get("pos") is not None]
        if later and int(later[0].get("pos")) == end and later[0].get("name") != "_ws.malformed":
            end = max(end, int(proto.get("pos")) + int(proto.get("size")))
    return end


def expect(dirname):
    name = os.path.basename(os.path.normpath(dirname))
    spec = Spec(os.path.join(dirname, "spec"))
    pcap = os.path.join(dirname, name + ".pcap")
    raws = read_pcap(pcap)
    cmd = [TSHARK, "-r", pcap, "-T", "pdml"] + TSHARK_OPTS + spec.tshark
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if res.returncode != 0:
        raise SpecError(f"{' '.join(cmd)}: {res.stderr.decode(errors='replace').strip()}")
    packets = ET.fromstring(res.stdout).findall("packet")
    if len(packets) != len(raws):
        raise SpecError(f"{pcap}: tshark decoded {len(packets)} frames, the file has {len(raws)}")
    for n in spec.status:
        if not 1 <= n <= len(raws):
            raise SpecError(f"{spec.path}: status for frame {n}, the pcap has {len(raws)}")
    out = []
    for n, (packet, raw) in enumerate(zip(packets, raws), 1):
        out.append(f"frame {n}")
        caplen = next((f for f in packet.iter("field") if f.get("name") == "frame.cap_len"), None)
        if caplen is None or int(caplen.get("show")) != len(raw):
            raise SpecError(f"{pcap}: frame {n}: tshark's frame.cap_len differs from the pcap")
        proto = next((p for p in packet.findall("proto") if p.get("name") == spec.proto), None)
        if n in spec.undecoded:
            if flagged(packet, spec.proto):
                raise SpecError(f"{spec.path}: tshark flags frame {n}: write `status`, "
                                f"not `status-undecoded`")
            if proto is None:
                raise SpecError(f"{pcap}: frame {n}: tshark did not decode {spec.proto}")
            pend = int(proto.get("pos")) + int(proto.get("size"))
            if decoded_end(proto) >= pend:
                raise SpecError(f"{spec.path}: frame {n}: status-undecoded, but tshark "
                                f"decodes {spec.proto} to its end (byte {pend})")
            out.append(f"status={spec.status[n]}")
            continue
        if n in spec.status:
            if not flagged(packet, spec.proto):
                raise SpecError(f"{spec.path}: frame {n} has a stated status, but tshark "
                                f"does not flag it (no _ws.malformed, no expert error)")
            out.append(f"status={spec.status[n]}")
            continue
        if flagged(packet, spec.proto):
            raise SpecError(f"{spec.path}: tshark flags frame {n} as malformed or with an "
                            f"expert error: state its status (`status {n} TEXT`)")
        if proto is None:
            raise SpecError(f"{pcap}: frame {n}: tshark did not decode {spec.proto}")
        pend = int(proto.get("pos")) + int(proto.get("size"))
        if decoded_end(proto, packet) < pend:
            raise SpecError(f"{pcap}: frame {n}: tshark leaves bytes {decoded_end(proto, packet)}.."
                            f"{pend} of {spec.proto} undecoded: state the frame's status "
                            f"(`status-undecoded {n} TEXT`) or map those bytes")
        emit(Scope(Frame(n, packet, raw), proto), spec.items, out)
        if spec.checksum:
            field, status = spec.checksum
            st = next((f for f in proto.iter("field") if f.get("name") == status), None)
            if st is None or st.get("show") not in ("0", "1"):
                raise SpecError(f"{pcap}: frame {n}: tshark gave no good/bad {status} "
                                f"(enable its checksum check with a `tshark -o` option)")
            out.append(f"{spec.root}.{field}!ok={st.get('show')}")
    return "".join(x + "\n" for x in out)


# ---- coverage: every field of the root appears in some frame ----------------

# offset (N, FIELD+N, end-N: a trailer field), size (N, var, or MIN..MAX: a
# varint such as leb128(4) or quic_varint)
LAYOUT_ROW = re.compile(r"^  (\d+|[A-Za-z_]\w*\+\d+|end-\d+)\s+(\d+|\d+\.\.\d+|var)\s")


def layouts(zerocast, schema, seen=None):
    """struct name -> [(field, type)] from `zerocast --emit=layout` of the
    schema and of every schema it imports; a switch's cases are fields."""
    seen = {} if seen is None else seen
    path = os.path.realpath(schema)
    if path in seen.setdefault("_files", set()):
        return seen
    seen["_files"].add(path)
    res = subprocess.run([zerocast, "-I", "schemas", "--emit=layout", schema],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if res.returncode != 0:
        raise SpecError(f"zerocast --emit=layout {schema}: {res.stderr.decode().strip()}")
    cur, cols = None, None
    for line in res.stdout.decode().splitlines():
        m = re.match(r"^struct (\w+) \(", line)
        if m:
            cur, cols = seen.setdefault(m.group(1), []), None
            continue
        if cur is not None and line.startswith("  offset "):
            cols = True
            continue
        if cols and LAYOUT_ROW.match(line):
            # offset size [bits] field type [constraint]: a long name or
            # type may run past its column, so split on the words
            t = line.split()
            i = 3 if re.match(r"^\d+(\.\.\d+)?$", t[2]) else 2
            rest = line[line.index(t[i], line.index(t[i - 1]) + len(t[i - 1])) + len(t[i]):]
            typ = re.split(r"\s{2,}", rest.strip())[0]
            if not typ.startswith("switch ("):
                cur.append((t[i], typ))
    with open(schema) as f:
        text = re.sub(r"//[^\n]*", "", f.read())
    for imp in re.findall(r'\bimport\s+"([^"]+)"', text):
        for cand in (os.path.join(os.path.dirname(schema), imp), os.path.join("schemas", imp)):
            if os.path.isfile(cand):
                layouts(zerocast, cand, seen)
                break
    return seen


def schema_paths(structs, name, prefix, depth=0):
    """Every path ROOT_visit() can print for struct name, arrays as []."""
    if depth > 16:
        raise SpecError(f"{prefix}: structs nested too deep")
    out = []
    for field, typ in structs[name]:
        base, arr = typ.split("[")[0], "[" in typ
        p = f"{prefix}.{field}"
        if base in structs and arr:
            out += schema_paths(structs, base, p + "[]", depth + 1) + [p]
        elif base in structs:
            out += schema_paths(structs, base, p, depth + 1)
        else:
            out.append(p)
    return out


def coverage(zerocast, dirname):
    """Problems: root fields no frame of NAME.expect shows, and lines of it
    that are no field of the root."""
    name = os.path.basename(os.path.normpath(dirname))
    spec = Spec(os.path.join(dirname, "spec"))
    schema = spec.schema if "/" in spec.schema else os.path.join("schemas", spec.schema)
    structs = layouts(zerocast, schema)
    if spec.root not in structs:
        return [f"{schema} has no struct {spec.root}"]
    want = schema_paths(structs, spec.root, spec.root)
    seen = set()
    try:
        f = open(os.path.join(dirname, name + ".expect"))
    except OSError as e:
        return [str(e)]
    with f:
        for line in f:
            if line.startswith("frame ") or line.startswith("status=") or "!ok=" in line:
                continue
            path = line.split("=", 1)[0]
            seen.add(re.sub(r"\[\d+\]", "[]", path.replace("!error", "")))
    problems = [f"no frame shows {p}" for p in want if p not in seen]
    problems += [f"{p} is no field of {spec.root}" for p in sorted(seen - set(want))]
    return problems


def main(argv):
    args = argv[1:]
    if len(args) == 3 and args[0] == "--coverage":
        try:
            problems = coverage(args[1], args[2])
        except SpecError as e:
            problems = [str(e)]
        for p in problems:
            sys.stderr.write(f"expect.py: {args[2]}: {p}\n")
        return 1 if problems else 0
    out = None
    if len(args) == 3 and args[1] == "-o":
        out = args[2]
    elif len(args) != 1:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    d = args[0]
    try:
        text = expect(d)
    except SpecError as e:
        sys.stderr.write(f"expect.py: {e}\n")
        return 1
    if out == "-":
        sys.stdout.write(text)
        return 0
    if out is None:
        out = os.path.join(d, os.path.basename(os.path.normpath(d)) + ".expect")
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
