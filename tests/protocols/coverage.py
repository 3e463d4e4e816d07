#!/usr/bin/env python3
"""coverage.py - every bundled protocol is documented, compared with tshark,
reached by the stack, decoded by zcdump and zcdemo, fuzzed, round-tripped
and in the strict matrix; derived from the sources, so it cannot drift.

usage: python3 tests/protocols/coverage.py [ZEROCAST]   (make protocols-coverage; from the top
       directory; ZEROCAST defaults to gen/zerocast, needed for the stack)

For every schemas/NAME.zc except net.zc (shared types) and packet.zc (the
stack), each check below passes or fails; the failures are printed per
schema with what is missing, then a last line "N passed, M failed" (one
check of one schema is one test). A schema on an exception list below
passes that check with its reason printed; an exception that no longer
applies (the schema now passes, or no longer exists) fails, so the lists
stay true.

  row       a row of docs/protocols.md names `NAME.zc` in its first cell
  header    the header comment (the comment lines before the first
            declaration) names a reference (RFC, IEEE, ISO, OASIS, a URL
            or draft) and states its deviations (the word "deviation", or
            "no deliberate deviations")
  tshark    a comparison with tshark on real bytes: field values in
            tests/captures/**/*.expect for one of its structs, a
            tests/protocols/*/spec with `schema NAME.zc`, or an @layer of
            one of its structs in tests/zcdump/map/*.map
  stack     one of its structs is a layer of stack packet (zerocast
            --emit=layout schemas/packet.zc: a source, a route target or a start)
  zcdump    an @layer of one of its structs in tests/zcdump/map/*.map
            (zcdump decodes it, and the differential test checks it)
  zcdemo    examples/zcdemo.c names PACKET_S or S_parse for a struct S of it
  fuzz      NAME in make's FUZZ_TARGETS (the fuzz targets built)
  roundtrip build/fuzz/replay_NAME in make's ROUNDTRIP_BINS
  strict    build/schemas/NAME.zc.h in make's HEADERS (tests/strict/run.sh
            compiles every header of that directory)

The make variables are read from the Makefile itself (make --eval), so a
schema left out of a list is seen whatever the list is built from.
"""
import glob
import os
import re
import subprocess
import sys

NOT_PROTOCOLS = {"net", "packet"}

# Exceptions: schema -> reason. Each is a known gap or a choice; the reason
# is printed with the schema's result.
EXCEPTIONS = {
    "stack": {
        "icmpv6_nd": "a view of an icmpv6 layer (types 133-137) over the same bytes, "
                     "not a layer: zcdump parses it from the icmpv6 layer",
        "http2": "tshark decodes HTTP/2 only with -d or after TLS ALPN: cleartext HTTP/2 has no port "
                 "of its own (80 is HTTP/1.1's); tested on its own by tests/protocols/http2",
        "rtp": "no well-known port (SDP signals it); tshark does not decode it by port either "
               "(its RTP heuristic is off by default)",
        "rtcp": "no well-known port, as RTP",
    },
    "zcdump": {},
    "zcdemo": {
        "icmpv6_nd": "zcdemo prints the icmpv6 layer's type; the ND body is zcdump's (-v, --json)",
    },
}
# What is not in the stack is decoded by neither zcdump nor zcdemo (both
# decode what packet_walk() finds): same reason.
for s, why in EXCEPTIONS["stack"].items():
    if s != "icmpv6_nd":
        EXCEPTIONS["zcdump"][s] = "not in the stack (%s)" % why
        EXCEPTIONS["zcdemo"][s] = "not in the stack (%s)" % why

REFERENCE = re.compile(r"\b(RFC \d+|IEEE|ISO/IEC|OASIS|https?://|draft-)")
DEVIATIONS = re.compile(r"deviation|no deliberate deviations", re.I)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def header_comment(text):
    lines = []
    for line in text.splitlines():
        if line.startswith("//"):
            lines.append(line)
        elif line.strip() == "" and lines:
            lines.append("")
        elif line.strip() == "":
            continue
        else:
            break
    return "\n".join(lines)


def make_vars(names):
    cmd = ["make", "--no-print-directory", "-s", "--eval", "zc-cov-print-%: ; @echo '$*='$($*)"]
    cmd += ["zc-cov-print-" + n for n in names]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    vals = {}
    for line in out.splitlines():
        k, _, v = line.partition("=")
        vals[k] = v.split()
    return vals


def main():
    zerocast = sys.argv[1] if len(sys.argv) > 1 else "gen/zerocast"
    schemas = sorted(os.path.basename(f)[:-3] for f in glob.glob("schemas/*.zc"))
    protos = [s for s in schemas if s not in NOT_PROTOCOLS]
    structs = {}   # struct name -> schema
    for s in schemas:
        for m in re.finditer(r"^\s*struct\s+(\w+)", read("schemas/%s.zc" % s), re.M):
            structs[m.group(1)] = s

    def of(names):
        return {structs[n] for n in names if n in structs}

    # docs/protocols.md rows: the first cell of a table row
    rows = set()
    for line in read("docs/protocols.md").splitlines():
        m = re.match(r"\|\s*`(\w+)\.zc`\s*\|", line)
        if m:
            rows.add(m.group(1))

    # tshark comparisons
    expect_structs = set()
    for e in glob.glob("tests/captures/**/*.expect", recursive=True):
        for line in read(e).splitlines():
            m = re.match(r"(\w+)\.[\w.\[\]]*=", line)
            if m:
                expect_structs.add(m.group(1))
    spec_schemas = set()
    for spec in glob.glob("tests/protocols/*/spec"):
        for m in re.finditer(r"^schema\s+(\w+)\.zc\s*$", read(spec), re.M):
            spec_schemas.add(m.group(1))
    map_structs = set()
    for mp in glob.glob("tests/zcdump/map/*.map"):
        for m in re.finditer(r"^@layer\s+(\w+)", read(mp), re.M):
            map_structs.add(m.group(1))
    tshark = of(expect_structs) | spec_schemas | of(map_structs)

    # the stack's layers
    layout = subprocess.run([zerocast, "-I", "schemas", "--emit=layout", "schemas/packet.zc"],
                            check=True, capture_output=True, text=True).stdout
    layers = set(re.findall(r"^\s+after (\w+):", layout, re.M))
    layers |= set(re.findall(r"->\s+(?:whole |guess )?(\w+)", layout))
    layers |= set(re.findall(r"^\s+start (\w+):", layout, re.M))   # `start S;`: a walk start
    stack = of(layers)

    demo = read("examples/zcdemo.c")
    zcdemo = {structs[s] for s in structs
              if re.search(r"\b(PACKET_%s|%s_parse)\b" % (s.upper(), s), demo)}

    mv = make_vars(["FUZZ_TARGETS", "ROUNDTRIP_BINS", "HEADERS", "B"])
    b = (mv.get("B") or ["build"])[0]
    fuzz = set(mv.get("FUZZ_TARGETS", []))
    roundtrip = {os.path.basename(x)[len("replay_"):] for x in mv.get("ROUNDTRIP_BINS", [])
                 if os.path.basename(x).startswith("replay_")}
    strict = {os.path.basename(x)[:-len(".zc.h")] for x in mv.get("HEADERS", [])
              if os.path.dirname(x) == b + "/schemas"}

    checks = {
        "row": (lambda s: s in rows, "no row `%s.zc` in docs/protocols.md"),
        "header": (None, None),
        "tshark": (lambda s: s in tshark, "no tshark comparison (tests/captures/*.expect fields of its structs, "
                   "tests/protocols/*/spec `schema %s.zc`, tests/zcdump/map @layer)"),
        "stack": (lambda s: s in stack, "not a layer of stack packet (schemas/packet.zc routes to none of "
                  "the structs of %s.zc)"),
        "zcdump": (lambda s: s in of(map_structs), "no @layer for a struct of %s.zc in tests/zcdump/map "
                   "(zcdump's differential test does not decode it)"),
        "zcdemo": (lambda s: s in zcdemo, "examples/zcdemo.c decodes no struct of %s.zc"),
        "fuzz": (lambda s: s in fuzz, "%s not in FUZZ_TARGETS (tests/fuzz/fuzz.mk)"),
        "roundtrip": (lambda s: s in roundtrip, "replay_%s not in ROUNDTRIP_BINS (make roundtrip)"),
        "strict": (lambda s: s in strict, "%s.zc.h not in HEADERS (tests/strict/run.sh compiles those)"),
    }

    passed = failed = 0
    excused = []
    for s in protos:
        problems = []
        for name, (test, msg) in checks.items():
            if name == "header":
                hc = header_comment(read("schemas/%s.zc" % s))
                ok = True
                if not REFERENCE.search(hc):
                    problems.append("header: the header comment names no reference (RFC/IEEE/ISO/OASIS/URL)")
                    ok = False
                if not DEVIATIONS.search(hc):
                    problems.append("header: the header comment states no deviations "
                                    "(\"Deliberate deviations: ...\" or \"No deliberate deviations\")")
                    ok = False
                if ok:
                    passed += 1
                else:
                    failed += 1
                continue
            ok = test(s)
            why = EXCEPTIONS.get(name, {}).get(s)
            if why and ok:
                problems.append("%s: listed as an exception (%s) but passes: remove it from "
                                "tests/protocols/coverage.py" % (name, why))
                failed += 1
            elif why:
                excused.append("%-10s %-9s %s" % (s, name, why))
                passed += 1
            elif ok:
                passed += 1
            else:
                problems.append("%s: %s" % (name, msg % s if "%s" in msg else msg))
                failed += 1
        if problems:
            print("FAIL  %s.zc" % s)
            for p in problems:
                print("      " + p)
        else:
            print("ok    %s.zc" % s)
    for name, exc in EXCEPTIONS.items():
        for s in exc:
            if s not in protos:
                print("FAIL  exception for %s (%s) names no bundled schema" % (s, name))
                failed += 1
    if excused:
        print("\nexceptions (tests/protocols/coverage.py):")
        for e in excused:
            print("      " + e)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
