#!/usr/bin/python3
"""csumcheck.py - zcdump -v's checksum verdicts against tshark's.

Usage: csumcheck.py ZCDUMP CAPTURE...

For every capture, tshark's verdicts (tests/tools/make_csum_expect.py's
verdicts(): ip, tcp, udp, icmp, icmpv6 checking on) are read from the
committed tests/captures/csum/NAME.csum when there is one (recorded by that
script, which `make check` re-derives), else computed here with tshark.
Each is turned into what tcpdump's -v style prints:

  ipv4   bad: "IP (bad cksum F (->C)!)"      good: nothing
  icmpv4 bad: "(wrong icmp cksum F (->C)!)"  good: nothing
  tcp    "cksum 0xF (correct)" / "cksum 0xF (incorrect -> 0xC)"
  udp    "[udp sum ok]" / "[bad udp cksum 0xF -> 0xC!]" / "[no cksum]"
  icmpv6 "[icmp6 sum ok]" / "[bad icmp6 cksum 0xF -> 0xC!]"

and compared, in order, with what `zcdump -v -t -#` prints on each
packet's line. tshark's records are matched to the layers zcdump decoded
(zcdump --json) one for one, outer first: the kinds must agree. tshark
may show more (what zcdump does not decode: the packet inside an ICMP
error or an ICMPv6 redirect, IPv6 in IPv4); zcdump may show more only on a
packet it marks malformed (tshark stops at the damage, zcdump's walker
goes on where the lengths allow) or snapped short of its length (zcdump
shows the headers that were captured; no checksum of them can be
verified, and then none must be printed). tshark's "unverified" (a fragment) means nothing printed;
its "minus0" (0xffff where 0x0000 is computed, RFC 1624) is "correct" for
RFC 1071 verification, as docs/checksums.md says; "illegal" (UDP over
IPv6 with 0) is a bad checksum. GRE and IGMP are not checked by zcdump.
One line per capture, then "N passed, M failed".
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import make_csum_expect  # noqa: E402

TOKEN = re.compile(
    r"IP \(bad cksum (?P<ip_f>[0-9a-f]+) \(->(?P<ip_c>[0-9a-f]+)\)!\)"
    r"|\(wrong icmp cksum (?P<ic_f>[0-9a-f]+) \(->(?P<ic_c>[0-9a-f]+)\)!\)"
    r"|cksum 0x(?P<tg_f>[0-9a-f]{4}) \(correct\)"
    r"|cksum 0x(?P<tb_f>[0-9a-f]{4}) \(incorrect -> 0x(?P<tb_c>[0-9a-f]{4})\)"
    r"|(?P<ug>\[udp sum ok\])|(?P<un>\[no cksum\])"
    r"|\[bad udp cksum 0x(?P<ub_f>[0-9a-f]{4}) -> 0x(?P<ub_c>[0-9a-f]{4})!\]"
    r"|(?P<i6g>\[icmp6 sum ok\])"
    r"|\[bad icmp6 cksum 0x(?P<i6b_f>[0-9a-f]{4}) -> 0x(?P<i6b_c>[0-9a-f]{4})!\]")


KINDS = ("ipv4", "icmpv4", "icmpv6", "tcp", "udp")


def z4(h):
    return "%04x" % int(h, 16)


def zcdump_tokens(zc, path):
    out = subprocess.run([zc, "-v", "-t", "-#", "-r", path], capture_output=True, text=True,
                         errors="replace")
    if out.returncode != 0 or out.stderr:
        raise RuntimeError(f"zcdump exit {out.returncode}: {out.stderr.strip()[:200]}")
    frames = {}
    for line in out.stdout.splitlines():
        m = re.match(r"(\d+)  ", line)
        if not m:
            continue   # the -v tree
        toks = []
        for t in TOKEN.finditer(line):
            g = t.groupdict()
            if g["ip_f"]:
                toks.append(("ipv4", "bad", z4(g["ip_f"]), z4(g["ip_c"])))
            elif g["ic_f"]:
                toks.append(("icmpv4", "bad", z4(g["ic_f"]), z4(g["ic_c"])))
            elif g["tg_f"]:
                toks.append(("tcp", "good", g["tg_f"], g["tg_f"]))
            elif g["tb_f"]:
                toks.append(("tcp", "bad", g["tb_f"], g["tb_c"]))
            elif g["ug"]:
                toks.append(("udp", "good"))
            elif g["un"]:
                toks.append(("udp", "none"))
            elif g["ub_f"]:
                toks.append(("udp", "bad", g["ub_f"], g["ub_c"]))
            elif g["i6g"]:
                toks.append(("icmpv6", "good"))
            elif g["i6b_f"]:
                toks.append(("icmpv6", "bad", g["i6b_f"], g["i6b_c"]))
        frames[int(m.group(1))] = toks
    return frames


def zcdump_layers(zc, path):
    out = subprocess.run([zc, "--json", "-r", path], capture_output=True, text=True, check=True)
    frames = {}
    for line in out.stdout.splitlines():
        d = json.loads(line)
        frames[d["frame"]] = ([l["layer"] for l in d["layers"] if l["layer"] in KINDS],
                              d["status"]["code"] != "ok" or d["caplen"] < d["len"])
    return frames


def expected(path):
    name = os.path.basename(path)
    stem = name.rsplit(".", 1)[0]
    rec = os.path.join(HERE, "..", "captures", "csum", stem + ".csum")
    if name.endswith(".pcap") and os.path.exists(rec) and \
            os.path.dirname(os.path.abspath(path)) in (
                os.path.abspath(os.path.join(HERE, "..", "captures")),
                os.path.abspath(os.path.join(HERE, "..", "captures", "csum"))):
        text = open(rec).read()
    else:
        text = make_csum_expect.verdicts(path)
    frames = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        frame, layer, verdict, field, calc = line.split()
        if layer not in KINDS:
            continue
        t = None
        if verdict == "unverified":
            pass
        elif layer in ("ipv4", "icmpv4"):
            if verdict == "bad":
                t = (layer, "bad", field, calc)
        elif layer == "tcp":
            if verdict in ("good", "minus0"):
                t = ("tcp", "good", field, field)
            elif verdict == "bad":
                t = ("tcp", "bad", field, calc)
        elif layer in ("udp", "icmpv6"):
            if verdict == "good":
                t = (layer, "good")
            elif verdict == "none":
                t = (layer, "none")
            elif verdict == "bad":
                t = (layer, "bad", field, calc)
            elif verdict == "illegal":
                t = (layer, "bad", field, None)
        frames.setdefault(int(frame), []).append((layer, t))
    return frames


def same(want, got):
    if len(want) != len(got):
        return False
    for w, g in zip(want, got):
        if w[:2] != g[:2] or (len(w) > 2 and (w[2] != g[2] or (w[3] is not None and w[3] != g[3]))):
            return False
    return True


def main():
    zc, paths = sys.argv[1], sys.argv[2:]
    passed = failed = 0
    for path in paths:
        try:
            want = expected(path)
            got = zcdump_tokens(zc, path)
            layers = zcdump_layers(zc, path)
        except (RuntimeError, ValueError, subprocess.CalledProcessError,
                make_csum_expect.ExpectError) as e:
            failed += 1
            print(f"FAIL checksum verdicts: {path}: {e}")
            continue
        probs = []
        n = beyond = 0
        for fr in sorted(set(want) | set(got) | set(layers)):
            recs, g = want.get(fr, []), got.get(fr, [])
            kinds, malformed = layers.get(fr, ([], False))
            k = min(len(kinds), len(recs))
            if [r[0] for r in recs[:k]] != kinds[:k]:
                probs.append(f"frame {fr}: tshark checks {[r[0] for r in recs]}, "
                             f"zcdump decoded {kinds}")
                continue
            if len(kinds) > len(recs) and not malformed:
                probs.append(f"frame {fr}: zcdump decoded {kinds}, tshark checks only "
                             f"{[r[0] for r in recs]}")
                continue
            w = [r[1] for r in recs[:k] if r[1]]
            n += len(w)
            beyond += len(recs) - k
            if len(kinds) > len(recs):
                g = g[:len(w)]   # malformed: what zcdump decoded past tshark is not compared
            if not same(w, g):
                probs.append(f"frame {fr}: tshark {w}, zcdump {g}")
        if probs:
            failed += 1
            print(f"FAIL checksum verdicts as tshark's: {path}")
            for p in probs[:6]:
                print(f"     | {p}")
        else:
            passed += 1
            print(f"ok   checksum verdicts as tshark's: {path} ({n} shown"
                  + (f", {beyond} in layers zcdump does not decode)" if beyond else ")"))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
