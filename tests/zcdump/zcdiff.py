#!/usr/bin/python3
"""zcdiff.py - differential test: zcdump --json against tshark, field by field.

Usage:
  /usr/bin/python3 tests/zcdump/zcdiff.py [options] CAPTURE...

Options:
  --zcdump PATH      the zcdump to test (default: build/zcdump)
  --maps DIR         the mapping tables (default: tests/zcdump/map)
  --schemas DIR      check that the tables cover exactly the fields of the
                     layer structs in DIR/*.zc (repeat for several DIRs)
  --require-all      fail if a mapping entry is never compared, or an
                     allowed layer difference never seen (for a corpus)
  --max-report N     disagreements printed per capture (default 40)
  --self-test        also compare every value again after changing it, and
                     fail where the changed value still agrees: proves that
                     each comparison can fail
  -v, --verbose      how often each mapping entry was compared

For every capture it runs `zcdump --json-offsets -r CAPTURE` (and checks that
`--json` prints the same without the offsets) and `tshark -T json -x` with
the per-packet settings in TSHARK_OPTS, then for every frame:

  * frame count, captured length, length and time must agree;
  * the protocol stack must agree: zcdump's layers (and the layer that did
    not parse) named as Wireshark names them (`@layer` lines of the tables)
    against tshark's frame.protocols, both reduced to the protocols the
    tables know; tshark may decode further only where an `@further` line
    says why;
  * every field zcdump prints is looked up in the tables by its path
    (`ipv4.options[].type`: layer, field names, [] for array elements) and
    either skipped for the reason given there or compared with the Wireshark
    field named there that lies at the same bytes of the frame (zcdump's
    `"FIELD@": [offset, size]`, tshark's position and length from -x).

Every disagreement is printed with capture, frame number, zcdump field,
Wireshark field and both values. Fields zcdump prints that no table entry
covers are errors too. The last line is "N passed, M failed": one pass per
capture with no disagreement, plus one per table whose entries were all
compared (with --require-all). Exit status 1 on any failure.

Mapping tables (docs/zcdump.md, "The differential test"): one file per
schema, lines of whitespace-separated columns

    PATH   WIRESHARK   KIND   [NOTE...]

PATH may use {a,b} alternatives. WIRESHARK lists alternatives separated by
|, tried in order until one is found at the field's bytes: a field name,
optionally with its own :KIND, or =EXPR, an integer expression over field
names (+ - * & ^ << >> and parentheses; | is the separator, so combine
disjoint bits with +), or for name/str, NAME~NAME~... joined with dots.
KIND is one of

    int            integers equal (tshark's masked value for bit fields)
    le             zcdump's integer = tshark's bytes read little-endian (a
                   little-endian wire field tshark shows as big-endian hex:
                   SCTP's CRC-32C)
    bytes          zcdump's hex = the bytes of tshark's field
    prefix         zcdump's hex starts tshark's field (which runs on: tshark's
                   udp.payload is the rest of the IP payload, whatever the
                   UDP length says)
    tail           zcdump's hex ends tshark's field, which starts before it
                   and ends where it ends (tshark shows a whole TLV as one
                   item and no field for the value of a type it does not
                   know: DHCPv6's dhcpv6.option.type_str)
    tile           zcdump's bytes = the bytes of the WIRESHARK fields inside
                   them, which must tile them exactly (tshark splits the
                   array into items)
    name           DNS name text (tshark's <Root> is "."; zcdump's null, an
                   invalid name, equals tshark's "<...>" error texts)
    str            strings equal
    div:N          zcdump = tshark / N (tshark shows header lengths in bytes)
    bits:S:M       zcdump = (tshark >> S) & M (a field tshark does not split)
    skip           not compared; NOTE says why (required)

and may end in /absent=V: where tshark shows none of the fields and
zcdump's value is V, there is nothing to compare, or /optional: tshark
shows the field only for some values of other fields (NOTE says why), or
/empty: an empty byte array of zcdump's is not compared where tshark shows
bytes there (a length zcdump cannot know: NOTE says why). An empty byte
array agrees with no field at all.

Directives: `@layer STRUCT WSPROTO[|WSPROTO]` (`-`: shares the previous
layer's protocol), `@further WSPROTO NEXT REASON` (after WSPROTO tshark may
decode NEXT where zcdump's stack stops), `@known-problem FIELD [DETAIL] |
REASON` (where zcdump reports a problem of status field FIELD, with DETAIL
in its text, tshark may decode a name zcdump rejects or decode further:
a documented difference, counted and listed, not a disagreement).

Python 3 standard library only.
"""

import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

TSHARK = "tshark"
# Per-packet decoding, as zcdump decodes: no reassembly of IP fragments or
# TCP streams, absolute TCP sequence numbers, no name resolution, and the
# ports schemas/packet.zc routes decoded the same way (5353 as plain DNS,
# not mDNS; 4789 as VXLAN). docs/zcdump.md explains each one.
TSHARK_OPTS = [
    "-n",
    "-o", "tcp.desegment_tcp_streams:FALSE",
    "-o", "tcp.relative_sequence_numbers:FALSE",
    "-o", "tcp.analyze_sequence_numbers:FALSE",
    "-o", "tcp.try_heuristic_first:FALSE",
    "-o", "ip.defragment:FALSE",
    "-o", "ipv6.defragment:FALSE",
    "-o", "udp.try_heuristic_first:FALSE",
    "-d", "udp.port==5353,dns",
    "-d", "udp.port==4789,vxlan",
    # QUIC: tshark 4.0 finds it by a heuristic only (no port), packet.zc by
    # port 443
    "-d", "udp.port==443,quic",
    # zcdump decodes DNS by port only; tshark's heuristic also finds it on
    # other UDP ports
    "--disable-heuristic", "dns_udp",
    # PPPoE Discovery tags: their type and length as fields of their own
    "-o", "pppoed.show_tags_and_lengths:TRUE",
]

KINDS = ("int", "le", "bytes", "prefix", "tail", "tile", "name", "str", "div", "bits", "skip")


class MapError(Exception):
    pass


# ---- mapping tables --------------------------------------------------------------

def expand(path):
    """Brace alternatives: a.{b,c}.d -> [a.b.d, a.c.d]."""
    m = re.search(r"\{([^{}]*)\}", path)
    if not m:
        return [path]
    out = []
    for alt in m.group(1).split(","):
        out += expand(path[:m.start()] + alt + path[m.end():])
    return out


def parse_kind(text, where):
    """KIND[:ARGS][/absent=V] -> (tuple, absent value or None)."""
    absent = None
    if "/" in text:
        text, _, mod = text.partition("/")
        if mod == "optional":
            absent = "any"
        elif mod == "empty":
            absent = "empty"
        elif mod.startswith("absent="):
            absent = int(mod[len("absent="):], 0)
        else:
            raise MapError(f"{where}: unknown modifier {mod!r}")
    parts = text.split(":")
    k = parts[0]
    if k not in KINDS:
        raise MapError(f"{where}: unknown kind {text!r}")
    if k == "div":
        if len(parts) != 2:
            raise MapError(f"{where}: div needs div:N")
        return ("div", int(parts[1], 0)), absent
    if k == "bits":
        if len(parts) != 3:
            raise MapError(f"{where}: bits needs bits:SHIFT:MASK")
        return ("bits", int(parts[1], 0), int(parts[2], 0)), absent
    if len(parts) != 1:
        raise MapError(f"{where}: {k} takes no arguments")
    return (k,), absent


class Entry:
    def __init__(self, path, alts, kind, absent, note, where, table):
        self.path, self.alts, self.kind, self.note = path, alts, kind, note
        self.absent = absent
        self.where, self.table = where, table
        self.compared = 0
        self.skipped = 0
        self.absent_seen = 0


class Maps:
    def __init__(self, mapdir):
        self.entries = {}           # path -> Entry
        self.layers = {}            # struct -> [ws protos] ([] for "-")
        self.further = {}           # (ws proto, next ws proto) -> [reason, count]
        self.known = {}             # (status field, detail) -> [reason, count, where]
        self.tables = {}            # table file -> [Entry]
        files = sorted(glob.glob(os.path.join(mapdir, "*.map")))
        if not files:
            raise MapError(f"no *.map files in {mapdir}")
        for fn in files:
            self._read(fn)
        self.protos = set(p for ps in self.layers.values() for p in ps)

    def _read(self, fn):
        table = os.path.basename(fn)
        self.tables[table] = []
        with open(fn) as f:
            for n, line in enumerate(f, 1):
                where = f"{table}:{n}"
                line = line.split(" #", 1)[0].rstrip() if not line.lstrip().startswith("#") else ""
                if not line.strip():
                    continue
                cols = line.split()
                if cols[0] == "@layer":
                    if len(cols) != 3:
                        raise MapError(f"{where}: @layer STRUCT WSPROTO")
                    self.layers[cols[1]] = [] if cols[2] == "-" else cols[2].split("|")
                    continue
                if cols[0] == "@known-problem":
                    rest = line.strip()[len("@known-problem"):].strip()
                    what, sep, reason = rest.partition(" | ")
                    what = what.split(None, 1)
                    if not sep or not reason.strip() or not what:
                        raise MapError(f"{where}: @known-problem FIELD [DETAIL] | REASON")
                    key = (what[0], what[1] if len(what) > 1 else "")
                    self.known[key] = [reason.strip(), 0, where]
                    continue
                if cols[0] == "@further":
                    if len(cols) < 4:
                        raise MapError(f"{where}: @further WSPROTO NEXT REASON")
                    self.further[(cols[1], cols[2])] = [" ".join(cols[3:]), 0, where]
                    continue
                if len(cols) < 3:
                    raise MapError(f"{where}: PATH WIRESHARK KIND [NOTE]")
                path, ws = cols[0], cols[1]
                kind, absent = parse_kind(cols[2], where)
                note = " ".join(cols[3:])
                if kind[0] == "skip":
                    if ws != "-" or not note:
                        raise MapError(f"{where}: skip needs '-' and a reason")
                    alts = []
                else:
                    if absent is not None and not note:
                        raise MapError(f"{where}: /absent needs a reason")
                    alts = []
                    for a in ws.split("|"):
                        if a.startswith("="):
                            alts.append((a, kind))
                            continue
                        name, _, k = a.partition(":")
                        alts.append((name, parse_kind(k, where)[0] if k else kind))
                for p in expand(path):
                    if p in self.entries:
                        raise MapError(f"{where}: {p} mapped twice "
                                       f"(also {self.entries[p].where})")
                    e = Entry(p, alts, kind, absent, note, where, table)
                    self.entries[p] = e
                    self.tables[table].append(e)

    def ws_names(self, struct):
        if struct not in self.layers:
            raise MapError(f"no @layer line for zcdump layer {struct!r}")
        return self.layers[struct]


# ---- schema coverage -------------------------------------------------------------

def schema_paths(dirs, layers):
    """Field paths of every layer struct, from the schemas (the reader of
    tests/tools/tshark_expect.py). Returns (paths, problems)."""
    sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
    try:
        import tshark_expect
    finally:
        sys.path.pop(0)
    structs = {}
    for d in dirs:
        s, _ = tshark_expect.parse_schemas(d, keep=set(layers))
        structs.update(s)

    def paths(struct, prefix, depth=0):
        if depth > 20:
            raise MapError(f"{struct}: nesting too deep")
        for _kind, ty, name, is_array in structs[struct]:
            if ty in structs:
                yield from paths(ty, f"{prefix}{name}{'[]' if is_array else ''}.", depth + 1)
            else:
                yield f"{prefix}{name}"
    out, problems = set(), []
    for layer in layers:
        if layer == "frame":
            continue
        if layer not in structs:
            problems.append(f"@layer {layer}: no such struct in the schemas")
            continue
        out.update(paths(layer, f"{layer}."))
    return out, problems


# ---- tshark ---------------------------------------------------------------------

FT_NONE, FT_BYTES = 0, 30      # Wireshark field types (the 5th item of -x data)


class WsField:
    __slots__ = ("name", "show", "pos", "len", "mask", "raw", "type")

    def __init__(self, name, show, raw):
        self.name, self.show = name, show
        if raw is not None:
            self.raw, self.pos, self.len, self.mask, self.type = raw
        else:
            self.raw, self.pos, self.len, self.mask, self.type = None, None, 0, 0, None


def is_raw(v):
    """tshark -x's NAME_raw: [hex, pos, len, bitmask, type] (or a list of
    them, for a name repeated in one object)."""
    def one(x):
        return (isinstance(x, list) and not isinstance(x, Obj) and len(x) == 5
                and isinstance(x[0], str) and all(isinstance(y, int) for y in x[1:]))
    return one(v) or (isinstance(v, list) and not isinstance(v, Obj) and len(v) > 0
                      and all(one(x) for x in v))


class Obj(list):
    """A JSON object as its (key, value) pairs in order: tshark -x writes a
    field's NAME_raw just before NAME, and a field may itself be called
    NAME_raw (tcp.seq_raw, whose -x data is tcp.seq_raw_raw), so the same
    key can appear twice in one object."""

    def get(self, key, default=None):
        for k, v in self:
            if k == key:
                return v
        return default


def ws_flatten(layers):
    """Every field of one tshark frame: {name: [WsField]}."""
    idx = {}

    def add(name, show, raw):
        idx.setdefault(name, []).append(WsField(name, show, raw))

    def walk(obj):
        pending = {}                     # name -> its -x data, seen just before it
        for k, v in obj:
            if isinstance(v, Obj):
                raw = pending.pop(k, None)
                if raw is not None and not isinstance(raw[0], list) and not k.startswith("_ws."):
                    # a protocol inside a field (DHCPv6's relayed message):
                    # its bytes, under the protocol's name
                    add(k, "", raw)
                walk(v)
                continue
            if isinstance(v, list) and v and all(isinstance(x, Obj) for x in v):
                for x in v:
                    walk(x)
                continue
            if k.endswith("_raw") and is_raw(v):
                pending[k[:-4]] = v
                continue
            raw = pending.pop(k, None)
            vals = v if isinstance(v, list) else [v]
            if raw is None:
                raws = [None] * len(vals)
            elif isinstance(raw[0], list):
                raws = raw
            else:
                raws = [raw]
            if len(raws) != len(vals):
                raws = (raws + [None] * len(vals))[:len(vals)]
            for x, r in zip(vals, raws):
                if isinstance(x, (Obj, list)):
                    continue
                add(k, str(x), r)
    walk(layers)
    return idx


def ws_int(f):
    if f.mask and f.raw is not None:
        return int(f.raw, 16)
    s = f.show.strip()
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", s):
        return int(s, 16)
    if re.fullmatch(r"-?[0-9]+", s):
        return int(s, 10)
    if f.raw is not None and re.fullmatch(r"[0-9a-fA-F]+", f.raw):
        return int(f.raw, 16)
    raise ValueError(f"{f.name}={f.show!r} is not an integer")


def convert(f, kind, at=None, size=None):
    """tshark's value of field f, in zcdump's terms. A zcdump integer that
    lies inside a longer tshark byte field (a run of padding) is compared
    with its own bytes of it."""
    k = kind[0]
    if (k == "int" and at is not None and f.type in (FT_BYTES, FT_NONE) and f.raw
            and not f.mask and f.len > size and f.pos <= at and at + size <= f.pos + f.len):
        return int(f.raw[2 * (at - f.pos):2 * (at - f.pos + size)], 16)
    if k == "int":
        return ws_int(f)
    if k == "le":
        if f.raw is None or f.mask:
            raise ValueError(f"{f.name} has no bytes")
        return int.from_bytes(bytes.fromhex(f.raw), "little")
    if k == "div":
        v = ws_int(f)
        if v % kind[1]:
            raise ValueError(f"{f.name}={v} is not a multiple of {kind[1]}")
        return v // kind[1]
    if k == "bits":
        return (ws_int(f) >> kind[1]) & kind[2]
    if k in ("bytes", "prefix"):
        if f.raw is None or f.mask:
            raise ValueError(f"{f.name} has no bytes")
        return f.raw.lower()
    if k == "tail":
        if f.raw is None or f.mask:
            raise ValueError(f"{f.name} has no bytes")
        if at is None or f.pos + f.len != at + size or f.pos > at:
            raise ValueError(f"{f.name} at {f.pos}..{f.pos + f.len} does not end "
                             f"where bytes {at}..{at + size} end")
        return f.raw.lower()[2 * (at - f.pos):]
    if k == "name":
        if f.show == "<Root>":
            return "."
        if f.show.startswith("<") and f.show.endswith(">"):
            return None         # tshark's text for a name it could not decode
        return canon_ws_name(f.show)
    if k == "str":
        return f.show
    raise ValueError(f"kind {k}")


def canon(raw):
    """Label bytes as comparable text: printable ASCII as it is, every other
    byte '?'. zcdump and tshark escape the others differently (zcdump as
    BIND: \\DDD in decimal; tshark: C escapes, octal, U+FFFD), and
    neither escapes a dot inside a label the same way."""
    return "".join(chr(b) if 0x20 <= b < 0x7f else "?" for b in raw)


def canon_zc_name(text):
    """zerocast_dns.h's presentation form -> canon()."""
    out, i = bytearray(), 0
    while i < len(text):
        c = text[i]
        if c == "\\" and len(text[i + 1:i + 4]) == 3 and text[i + 1:i + 4].isdigit():
            out.append(int(text[i + 1:i + 4]) & 0xff)
            i += 4
        elif c == "\\" and i + 1 < len(text):
            out += text[i + 1].encode()
            i += 2
        else:
            out += c.encode("utf-8", "replace")
            i += 1
    return canon(bytes(out))


def canon_ws_name(text):
    """tshark's format_text() output -> canon()."""
    out, i = bytearray(), 0
    esc = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in esc:
            out.append(esc[text[i + 1]])
            i += 2
        elif c == "\\" and re.match(r"[0-7]{1,3}", text[i + 1:i + 4]):
            m = re.match(r"[0-7]{1,3}", text[i + 1:i + 4]).group(0)
            out.append(int(m, 8) & 0xff)
            i += 1 + len(m)
        elif c == "\ufffd" or ord(c) >= 0x80:
            out.append(0x80)
            i += 1
        else:
            out += c.encode()
            i += 1
    return canon(bytes(out))


def normalize(value, kind):
    if kind[0] in ("bytes", "prefix", "tail"):
        return str(value).lower()
    if kind[0] == "name" and value is not None and value != ".":
        return canon_zc_name(value)
    return value


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.returncode, r.stdout, r.stderr.decode(errors="replace")


# ---- one capture ---------------------------------------------------------------

def zc_flatten(obj, prefix, out):
    """zcdump's fields: (path, value, offset, size); arrays of structs as
    PATH[].FIELD, enums by value."""
    for k, v in obj.items():
        if k.endswith("@"):
            continue
        at = obj.get(k + "@")
        if isinstance(v, list):
            for el in v:
                zc_flatten(el, f"{prefix}{k}[].", out)
        elif isinstance(v, dict) and at is None:
            zc_flatten(v, f"{prefix}{k}.", out)
        else:
            if isinstance(v, dict):
                v = v["value"]
            if at is None:
                raise MapError(f"{prefix}{k}: no offset in zcdump's output")
            out.append((f"{prefix}{k}", v, at[0], at[1]))


def strip_offsets(obj):
    if isinstance(obj, dict):
        return {k: strip_offsets(v) for k, v in obj.items() if not k.endswith("@")}
    if isinstance(obj, list):
        return [strip_offsets(x) for x in obj]
    return obj


def known_problem(maps, zc, at=None, size=None, layer_only=False):
    """A documented difference behind this frame: one of zcdump's problems
    (inside bytes [at, at+size) when given; with layer_only, the failure of
    the layer the walk stopped at) matches an @known-problem line. Counts
    it and returns True."""
    failed = zc.get("failed_layer", {}).get("layer")
    problems = list(zc.get("problems", []))
    if "undecoded_layer" in zc:
        # a port's guess that did not parse: where it failed, as a problem
        u = zc["undecoded_layer"]
        m = re.match(r"undecoded: (\S+) at offset (\d+)", u["status"])
        if m:
            failed = u["layer"]
            problems.append({"field": m.group(1), "offset": int(m.group(2)), "layer": failed,
                             "text": u["status"]})
    for pr in problems:
        if at is not None and not (at <= pr["offset"] < at + max(size, 1)):
            continue
        if layer_only and pr.get("layer") != failed:
            continue
        for (field, detail), entry in maps.known.items():
            if pr["field"] == field and detail in pr["text"]:
                entry[1] += 1
                return True
    return False


def perturb(value, kind):
    """--self-test: a value that is surely wrong, or None if there is none
    (an empty byte array)."""
    k = kind[0]
    if k in ("bytes", "prefix", "tail", "tile"):
        if not value:
            return None
        return ("0" if value[0] != "0" else "1") + value[1:]
    if k in ("name", "str"):
        return None if value is None else "x" + str(value)
    return value ^ 1


def collapse(seq):
    out = []
    for x in seq:
        if not out or out[-1] != x:
            out.append(x)
    return out


class Result:
    def __init__(self, name):
        self.name = name
        self.frames = 0
        self.compared = 0
        self.skipped = 0
        self.unshown = 0            # not shown by tshark in a broken frame
        self.further = 0
        self.known = 0              # documented differences (@known-problem)
        self.rules = {"snapped": 0, "empty payload": 0, "tshark exception": 0, "fragment": 0,
                      "decode-as": 0, "erspan type I": 0}
        self.problems = []          # disagreements and errors, as text


def lookup(idx, name, at, size):
    """tshark fields called name that overlap bytes [at, at+size), nearest
    first: the one starting at `at`, then those covering it, then others."""
    lo, hi = at, at + max(size, 1)
    cands = []
    for f in idx.get(name, ()):
        if f.pos is None:
            continue
        flo, fhi = f.pos, f.pos + max(f.len, 1)
        if flo < hi and lo < fhi:
            cands.append(f)
    cands.sort(key=lambda f: (f.pos != at, not (f.pos <= at < f.pos + max(f.len, 1)),
                              abs(f.pos - at), f.len))
    return cands


# The ports TSHARK_OPTS decode with -d: tshark's Decode As takes them before
# the lower port (its rule without -d, which packet.zc follows).
DECODE_AS = {5353: "dns", 4789: "vxlan", 443: "quic"}


def erspan_type_one(zc, zc_ws, ws_seq):
    """ERSPAN type I: tshark's layers are zcdump's with an erspan after a
    GRE header of protocol 0x88BE and no sequence number."""
    for k, layer in enumerate(zc["layers"][:-1]):
        f = layer["fields"]
        if layer["layer"] != "gre" or f.get("sequence_present") != 0:
            continue
        proto = f.get("protocol")
        if (proto.get("value") if isinstance(proto, dict) else proto) != 0x88BE:
            continue
        for i in range(1, len(ws_seq)):
            if ws_seq[i] == "erspan" and ws_seq[i - 1] == "gre" and ws_seq[:i] + ws_seq[i + 1:] == zc_ws:
                return True
    return False


def decode_as_port(zc, zc_ws, ws_seq):
    """Whether zcdump and tshark differ after UDP only because of a -d port
    of TSHARK_OPTS: zcdump decoded the lower port's protocol, tshark the
    forced higher port's."""
    udp = [l for l in zc["layers"] if l["layer"] == "udp"]
    n = len(zc_ws)
    if len(udp) != 1 or n == 0 or zc_ws[:n - 1] != ws_seq[:n - 1] or len(ws_seq) < n:
        return False
    src, dst = udp[0]["fields"].get("src_port"), udp[0]["fields"].get("dst_port")
    if not isinstance(src, int) or not isinstance(dst, int):
        return False
    high = max(src, dst)
    return src != dst and DECODE_AS.get(high) == ws_seq[n - 1] and zc_ws[n - 2] == "udp"


def compare_frame(res, maps, num, zc, ws_layers, opts):
    idx = ws_flatten(ws_layers)
    frame = dict(ws_layers.get("frame", Obj()))
    malformed = "_ws.malformed" in idx or "_ws.short" in idx

    def bad(text):
        res.problems.append(f"frame {num}: {text}")

    # frame-level fields (frame.map)
    for path, value in (("frame.caplen", zc["caplen"]), ("frame.len", zc["len"]),
                        ("frame.time", zc["time"])):
        e = maps.entries.get(path)
        if e is None:
            bad(f"{path}: no mapping entry")
            continue
        if e.kind[0] == "skip":
            e.skipped += not opts["self_test"]
            res.skipped += 1
            continue
        name, kind = e.alts[0]
        if name not in frame:
            bad(f"{path}: tshark shows no {name}")
            continue
        f = WsField(name, str(frame[name]), None)
        try:
            want = convert(f, kind)
        except ValueError as ex:
            bad(f"{path}: {ex}")
            continue
        if not opts["self_test"]:
            e.compared += 1
        res.compared += 1
        if opts["self_test"]:
            value = perturb(value, kind)
            if normalize(value, kind) == want:
                bad(f"{path}: a wrong value {value!r} agrees with tshark's {want!r}")
            continue
        if normalize(value, kind) != want:
            bad(f"{path}: zcdump {value!r}, tshark {name} {want!r}")

    # the stack
    forced = False
    zc_layers = [l["layer"] for l in zc["layers"]]
    for extra in ("failed_layer", "cut_layer", "fragment_layer", "undecoded_layer"):
        if extra in zc:
            zc_layers.append(zc[extra]["layer"])
    try:
        zc_ws = collapse([maps.ws_names(s)[0] if maps.ws_names(s) else None
                          for s in zc_layers])
        zc_ws = [x for x in zc_ws if x]
        zc_alts = {}
        for s in zc_layers:
            for x in maps.ws_names(s):
                zc_alts[x] = maps.ws_names(s)[0]
    except MapError as ex:
        bad(str(ex))
        return
    protos = str(frame.get("frame.protocols", "")).split(":")
    ws_seq = collapse([zc_alts.get(p, p) for p in protos if p in maps.protos])
    if opts["self_test"]:
        # the stack is not a value to change; which fields are compared is
        forced = zc_ws != ws_seq and decode_as_port(zc, zc_ws, ws_seq)
        zc_ws = ws_seq = []
    if zc_ws != ws_seq:
        n = len(zc_ws)
        further = ws_seq[:n] == zc_ws and n < len(ws_seq)
        if further and n > 0 and (zc_ws[-1], ws_seq[n]) in maps.further:
            maps.further[(zc_ws[-1], ws_seq[n])][1] += 1
            res.further += 1
        elif known_problem(maps, zc, layer_only=True):
            res.known += 1
        elif further and "fragment_layer" in zc and len(ws_seq) == n + 1:
            # ZC_FRAGMENT: the layer runs past a first fragment (a UDP
            # length); tshark decodes what the fragment holds of its payload
            res.rules["fragment"] += 1
        elif decode_as_port(zc, zc_ws, ws_seq):
            res.rules["decode-as"] += 1
            forced = True
        elif (further and zc.get("truncated") and len(ws_seq) == n + 1
              and "failed_layer" not in zc and "cut_layer" not in zc):
            # the capture ends where that layer starts: tshark names the
            # protocol it could not dissect, zcdump has nothing of it
            res.rules["snapped"] += 1
        elif (further and len(ws_seq) == n + 1 and zc["layers"]
              and zc["layers"][-1]["fields"].get("payload") == ""):
            # packet_walk() ends at an empty payload (ZC_OK); tshark calls
            # the next dissector, which finds nothing (malformed)
            res.rules["empty payload"] += 1
        elif erspan_type_one(zc, zc_ws, ws_seq):
            res.rules["erspan type I"] += 1
        elif ws_seq == zc_ws[:len(ws_seq)] and malformed:
            # tshark hit an exception and stopped; zcdump went on
            res.rules["tshark exception"] += 1
        else:
            bad(f"layers: zcdump {':'.join(zc_ws) or '-'}, tshark {':'.join(ws_seq) or '-'} "
                f"(frame.protocols {':'.join(protos)})")

    # fields
    for k, layer in enumerate(zc["layers"]):
        if forced and k > 0 and zc["layers"][k - 1]["layer"] == "udp":
            break    # tshark decoded another protocol there (decode-as)
        fields = []
        zc_flatten(layer["fields"], layer["layer"] + ".", fields)
        for path, value, at, size in fields:
            e = maps.entries.get(path)
            if e is None:
                bad(f"{path} @{at}: zcdump field with no mapping entry")
                continue
            if e.kind[0] == "skip":
                e.skipped += not opts["self_test"]
                res.skipped += 1
                continue
            if e.absent == "empty" and value == "":
                e.absent_seen += not opts["self_test"]
                res.skipped += 1
                continue
            # an array a snapped capture cut short: tshark shows only the
            # items that end inside the captured bytes
            cut = zc.get("truncated") and at + size == zc["caplen"]
            try:
                got = expected(idx, e, at, size, cut)
            except ValueError as ex:
                bad(f"{path} @{at}: {ex}")
                continue
            if got is None:
                names = "|".join(n for n, _ in e.alts)
                if e.kind[0] in ("bytes", "prefix", "tail", "tile") and value == "":
                    if not opts["self_test"]:
                        e.compared += 1    # nothing on both sides
                    res.compared += 1
                elif e.absent is not None and (e.absent in ("any", "empty") or value == e.absent):
                    e.absent_seen += not opts["self_test"]
                    res.skipped += 1
                elif malformed or zc.get("problems"):
                    # a malformed or cut-short packet: tshark stopped
                    # dissecting (an exception), or one of the two stopped
                    # walking a broken array earlier than the other
                    res.unshown += 1
                else:
                    bad(f"{path} @{at}: zcdump {value!r}, tshark shows no {names} there")
                continue
            name, kind, wants = got
            if not opts["self_test"]:
                e.compared += 1
            res.compared += 1
            if opts["self_test"]:
                value = perturb(value, kind)
                if value is None:
                    continue
            v = normalize(value, kind)
            if kind[0] == "prefix":
                # the shorter of the two must start the longer
                if any(isinstance(w, str) and len(w) < len(v) for w in wants):
                    v = v[:min(len(w) for w in wants if isinstance(w, str))]
                wants = [w[:len(v)] if isinstance(w, str) else w for w in wants]
            if opts["self_test"]:
                if v in wants:
                    bad(f"{path} @{at}: a wrong value {v!r} agrees with tshark {name}")
                continue
            if v not in wants and v is None and known_problem(maps, zc, at, size):
                res.known += 1
                continue
            if v not in wants:
                w = wants[0] if len(set(map(str, wants))) == 1 else wants
                bad(f"{path} @{at}: zcdump {v!r}, tshark {name} {w!r}")


NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+")


def expected(idx, e, at, size, cut=False):
    """tshark's value(s) for a zcdump field at bytes [at, at+size):
    (what was used, kind, [values]) from the first alternative found, or
    None when tshark shows none of them there."""
    if e.kind[0] == "tile":
        names = [n for n, _ in e.alts]
        parts, seen = [], set()
        for n in names:
            for f in idx.get(n, ()):
                if (f.pos is not None and f.len > 0 and f.raw is not None and not f.mask
                        and at <= f.pos and f.pos + f.len <= at + size
                        and (f.pos, f.len) not in seen):
                    seen.add((f.pos, f.len))
                    parts.append(f)
        if not parts:
            return None
        parts.sort(key=lambda f: f.pos)
        pos, hexs = at, []
        for f in parts:
            if f.pos != pos:
                raise ValueError(f"tshark's {'|'.join(names)} do not tile bytes {at}..{at + size}"
                                 f" (a gap or overlap at {pos})")
            hexs.append(f.raw.lower())
            pos += f.len
        if pos != at + size and not cut:
            raise ValueError(f"tshark's {'|'.join(names)} end at {pos}, not {at + size}")
        return ("|".join(names), ("prefix",) if cut else ("bytes",), ["".join(hexs)])
    for name, kind in e.alts:
        if name.startswith("="):
            v = evaluate(idx, name[1:], kind, at, size)
            if v is not None:
                return (name, kind, [v])
            continue
        cands = lookup(idx, name, at, size)
        if not cands:
            continue
        best = [c for c in cands if (c.pos, c.len) == (cands[0].pos, cands[0].len)]
        return (name, kind, [convert(c, kind, at, size) for c in best])
    return None


def evaluate(idx, expr, kind, at, size):
    """=EXPR: None if a field in it is not shown at these bytes."""
    if kind[0] in ("name", "str"):
        parts = []
        for n in expr.split("~"):
            c = lookup(idx, n, at, size)
            if not c:
                return None
            parts.append(convert(c[0], kind))
        return ".".join(parts)
    values = {}
    for n in set(NAME_RE.findall(expr)):
        c = lookup(idx, n, at, size)
        if not c:
            return None
        values[n] = ws_int(c[0])
    text = NAME_RE.sub(lambda m: str(values[m.group(0)]), expr)
    if not re.fullmatch(r"[0-9xXa-fA-F\s+\-*&^<>()]+", text):
        raise ValueError(f"bad expression {expr!r}")
    v = eval(text, {"__builtins__": {}}, {})      # digits and operators only
    if kind[0] == "bits":
        v = (v >> kind[1]) & kind[2]
    elif kind[0] == "div":
        v //= kind[1]
    return v


def fetch(path, opts):
    """Runs zcdump (twice) and tshark on one capture: (zcdump packets,
    tshark frames, problems)."""
    problems = []
    rc, out, err = run([opts["zcdump"], "--json-offsets", "-r", path])
    if rc != 0 or err.strip():
        problems.append(f"zcdump --json-offsets exited {rc}: {err.strip()}")
        return None, None, problems
    rc2, plain, err2 = run([opts["zcdump"], "--json", "-r", path])
    if rc2 != 0 or err2.strip():
        problems.append(f"zcdump --json exited {rc2}: {err2.strip()}")
        return None, None, problems
    try:
        zcs = [json.loads(l) for l in out.decode().splitlines()]
        plains = [json.loads(l) for l in plain.decode().splitlines()]
    except ValueError as ex:
        problems.append(f"zcdump printed invalid JSON: {ex}")
        return None, None, problems
    if [strip_offsets(z) for z in zcs] != plains:
        problems.append("zcdump --json and --json-offsets (without the offsets) differ")
    rc, wsout, err = run([TSHARK, "-r", path, "-T", "json", "-x", "--no-duplicate-keys"]
                         + TSHARK_OPTS)
    if rc != 0:
        problems.append(f"tshark exited {rc}: {err.strip()}")
        return None, None, problems
    try:
        wss = json.loads(wsout.decode(errors="replace"), object_pairs_hook=Obj)
    except ValueError as ex:
        problems.append(f"tshark printed invalid JSON: {ex}")
        return None, None, problems
    return zcs, wss, problems


def check_capture(path, fetched, maps, opts):
    res = Result(path)
    zcs, wss, res.problems = fetched
    if zcs is None:
        return res
    if len(zcs) != len(wss):
        res.problems.append(f"frames: zcdump {len(zcs)}, tshark {len(wss)}")
        return res
    for num, (zc, ws) in enumerate(zip(zcs, wss), 1):
        if zc.get("frame") != num:
            res.problems.append(f"frame {num}: zcdump numbers it {zc.get('frame')}")
        try:
            compare_frame(res, maps, num, zc, ws.get("_source").get("layers"), opts)
        except MapError as ex:
            res.problems.append(f"frame {num}: {ex}")
        res.frames += 1
    return res


def main(argv):
    opts = {"zcdump": os.path.join(ROOT, "build", "zcdump"),
            "maps": os.path.join(HERE, "map"), "schemas": [], "require_all": False,
            "max_report": 40, "verbose": False, "self_test": False}
    caps = []
    it = iter(argv[1:])
    for a in it:
        if a in ("--zcdump", "--maps", "--schemas", "--max-report"):
            v = next(it, None)
            if v is None:
                sys.stderr.write(f"zcdiff: {a} needs a value\n")
                return 2
            if a == "--schemas":
                opts["schemas"].append(v)
            elif a == "--max-report":
                opts["max_report"] = int(v)
            else:
                opts[a[2:]] = v
        elif a == "--require-all":
            opts["require_all"] = True
        elif a == "--self-test":
            opts["self_test"] = True
        elif a in ("-v", "--verbose"):
            opts["verbose"] = True
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            return 0
        elif a.startswith("-"):
            sys.stderr.write(f"zcdiff: unknown option {a}\n")
            return 2
        else:
            caps.append(a)
    if not caps:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    try:
        maps = Maps(opts["maps"])
    except (MapError, OSError, ValueError) as ex:
        print(f"zcdiff: {ex}")
        print("0 passed, 1 failed")
        return 1

    passed = failed = 0
    if opts["schemas"]:
        try:
            want, problems = schema_paths(opts["schemas"], maps.layers)
        except (MapError, Exception) as ex:      # noqa: BLE001 - report, do not crash
            want, problems = set(), [f"cannot read the schemas: {ex}"]
        have = set(p for p in maps.entries if not p.startswith("frame."))
        for p in sorted(want - have):
            problems.append(f"{p}: in the schemas, in no mapping table")
        for p in sorted(have - want):
            problems.append(f"{p} ({maps.entries[p].where}): mapped, but no such field "
                            f"in the schemas")
        if problems:
            failed += 1
            print(f"FAIL mapping tables against the schemas ({len(problems)} problems)")
            for p in problems:
                print(f"     {p}")
        else:
            passed += 1
            print(f"ok   mapping tables cover exactly the {len(want)} fields of "
                  f"{len([l for l in maps.layers if l != 'frame'])} layer structs")

    # zcdump and tshark run in parallel, one capture per worker
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        fetched = list(pool.map(lambda c: fetch(c, opts), caps))

    tot = Result("all")
    st_problems, st_compared = [], 0
    for cap, f in zip(caps, fetched):
        res = check_capture(cap, f, maps, dict(opts, self_test=False))
        if opts["self_test"] and f[0] is not None:
            st = check_capture(cap, (f[0], f[1], []), maps, opts)
            st_problems += [f"{cap}: {p}" for p in st.problems]
            st_compared += st.compared
        tot.frames += res.frames
        tot.compared += res.compared
        tot.skipped += res.skipped
        tot.unshown += res.unshown
        tot.further += res.further
        tot.known += res.known
        for k, v in res.rules.items():
            tot.rules[k] += v
        tot.problems += res.problems
        if res.problems:
            failed += 1
            print(f"FAIL {cap}: {len(res.problems)} disagreements in {res.frames} frames "
                  f"({res.compared} fields compared)")
            for p in res.problems[:opts["max_report"]]:
                print(f"     {cap}: {p}")
            if len(res.problems) > opts["max_report"]:
                print(f"     ... {len(res.problems) - opts['max_report']} more")
        else:
            passed += 1
            print(f"ok   {cap}: {res.frames} frames, {res.compared} fields agree, "
                  f"{res.skipped + res.unshown} not compared" +
                  (f", {res.known} documented differences" if res.known else "") +
                  "".join(f", {v} layer differences ({k})" for k, v in res.rules.items() if v))

    if opts["self_test"]:
        if st_problems:
            failed += 1
            print(f"FAIL self-test: {len(st_problems)} comparisons did not notice a wrong value")
            for p in st_problems[:opts["max_report"]]:
                print(f"     {p}")
        else:
            passed += 1
            print(f"ok   self-test: every one of {st_compared} comparisons fails when zcdump's "
                  f"value is changed")
    entries = list(maps.entries.values())
    compared_entries = [e for e in entries if e.kind[0] != "skip"]
    used = [e for e in compared_entries if e.compared]
    print(f"zcdiff: {len(caps)} captures, {tot.frames} frames, {tot.compared} field values "
          f"compared, {len(tot.problems)} disagreements; not compared: {tot.skipped} skipped "
          f"by the tables, {tot.unshown} that tshark does not show in a malformed or "
          f"cut-short frame")
    print(f"zcdiff: mapping entries: {len(entries)} ({len(compared_entries)} compared, "
          f"{len(entries) - len(compared_entries)} skipped with a reason); "
          f"{len(used)} of the compared ones matched at least once")
    for (p, n), (reason, count, where) in sorted(maps.further.items()):
        print(f"zcdiff: tshark decodes {n} after {p} where zcdump stops: {count} frames "
              f"({reason})")
    for (field, detail), (reason, count, where) in sorted(maps.known.items()):
        print(f"zcdiff: documented difference, {field} {detail}: {count} times ({reason})")
    explain = {
        "snapped": "the capture ends where a layer starts: tshark names it, zcdump has no byte of it",
        "empty payload": "packet_walk() ends with ZC_OK at a layer whose length field says "
                         "its payload is empty (IPv6 payload_length 0); tshark calls the next "
                         "dissector on the rest of the frame (nothing) and marks it malformed",
        "tshark exception": "tshark stopped at an exception (malformed) where zcdump's "
                            "layers went on",
        "fragment": "a layer runs past a first fragment (ZC_FRAGMENT); tshark decodes what "
                    "the fragment holds of its payload",
        "decode-as": "zcdump decoded the lower UDP port's protocol (as tshark does by "
                     "default); TSHARK_OPTS's -d makes tshark take the higher port's",
        "erspan type I": "GRE 0x88BE without a sequence number is ERSPAN type I, which has no "
                         "header: packet.zc routes it to ethernet, tshark shows an empty erspan "
                         "layer between"}
    for k, v in tot.rules.items():
        print(f"zcdiff: layer differences by rule, {k}: {v} frames ({explain[k]})")
    if opts["verbose"]:
        for e in entries:
            print(f"  {e.where:24} {e.path:55} compared {e.compared:6} skipped {e.skipped}")
    if opts["require_all"]:
        for table, es in sorted(maps.tables.items()):
            never = [e for e in es if e.kind[0] != "skip" and e.compared == 0]
            if never:
                failed += 1
                print(f"FAIL {table}: {len(never)} entries never compared: "
                      + ", ".join(e.path for e in never))
            else:
                passed += 1
                n = len([e for e in es if e.kind[0] != "skip"])
                print(f"ok   {table}: all {n} compared entries matched tshark fields")
        for (p, n), (reason, count, where) in sorted(maps.further.items()):
            if count == 0:
                failed += 1
                print(f"FAIL {where}: @further {p} {n} never seen")
        for (field, detail), (reason, count, where) in sorted(maps.known.items()):
            if count == 0:
                failed += 1
                print(f"FAIL {where}: @known-problem {field} {detail} never seen")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
