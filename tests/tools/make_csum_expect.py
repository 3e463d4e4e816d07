#!/usr/bin/python3
"""make_csum_expect.py - tshark's checksum verdicts for tests/unit/test_csum.c.

Usage:  /usr/bin/python3 tests/tools/make_csum_expect.py [CAPTURES_DIR]
            writes CAPTURES_DIR/csum/NAME.csum for every CAPTURES_DIR/NAME.pcap
            and every CAPTURES_DIR/csum/NAME.pcap (default tests/captures)
        /usr/bin/python3 tests/tools/make_csum_expect.py --check [CAPTURES_DIR]
            re-derives them all (and csum/corrupt.pcap, with
            make_csum_captures.py) and compares byte for byte with the
            committed files; one line per file, then "N passed, M failed"

Runs tshark 4.0 with checksum validation on (ip/tcp/udp.check_checksum;
ICMPv4, ICMPv6 and GRE always check) and writes one line per checksum that
tshark shows, in the order it shows them (packet order: outer layers first,
then the inner ones of GRE, VXLAN or an ICMPv6 redirected header):

    FRAME LAYER VERDICT FIELD CALC

  LAYER    ipv4 (tshark's ip), tcp, udp, icmpv4 (tshark's icmp), icmpv6, gre,
           or any other protocol tshark checks, under its own name
  VERDICT  tshark's checksum status: good, bad, unverified, none (UDP over
           IPv4 without a checksum), illegal (UDP over IPv6 with 0); and
           minus0: tshark's "bad" with its expert note "TCP Checksum 0xffff
           instead of 0x0000 (see RFC 1624)" -- the field holds -0 where +0
           is expected, which RFC 1071 verification accepts
  FIELD    the checksum field, 4 hex digits
  CALC     the value tshark says the field should have (its
           *.checksum_calculated, or "should be 0x...." of the field), or "-"
           when it shows none (none, illegal, unverified)

Lines starting with # are comments. Frames without a checksum have no line.
"""

import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

TSHARK = "tshark"
OPTIONS = [
    "-n",
    "-o", "ip.check_checksum:TRUE",
    "-o", "tcp.check_checksum:TRUE",
    "-o", "udp.check_checksum:TRUE",
    "-o", "udp.ignore_ipv6_zero_checksum:FALSE",
    "-o", "tcp.desegment_tcp_streams:FALSE",
    "-o", "ip.defragment:FALSE",
    "-o", "ipv6.defragment:FALSE",
    "-o", "udp.try_heuristic_first:FALSE",
    "-d", "udp.port==4789,vxlan",
]

LAYER = {"ip": "ipv4", "icmp": "icmpv4"}
STATUS = {"0": "bad", "1": "good", "2": "unverified", "3": "none", "4": "illegal"}
SHOULD_BE = re.compile(r"should be 0x([0-9a-fA-F]{4})")
HERE = os.path.dirname(os.path.abspath(__file__))


class ExpectError(Exception):
    pass


def hex4(text, what):
    m = re.fullmatch(r"0x([0-9a-fA-F]{4})", text or "")
    if not m:
        raise ExpectError(f"{what}: not a 16-bit hex value: {text!r}")
    return m.group(1).lower()


def verdicts(pcap):
    """The expectation text for one pcap."""
    xml = subprocess.run([TSHARK, "-r", pcap, "-T", "pdml"] + OPTIONS, check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    root = ET.fromstring(xml)
    name = os.path.basename(pcap)
    lines = [f"# tshark's checksum verdicts for {name}: FRAME LAYER VERDICT FIELD CALC",
             "# made by tests/tools/make_csum_expect.py; do not edit"]
    for packet in root.iter("packet"):
        frame = None
        records, order = {}, []   # (proto, pos) -> record, in order of appearance
        for f in packet.iter("field"):
            n = f.get("name", "")
            if n == "num" and frame is None:
                frame = int(f.get("show"))
            for suffix, key in ((".checksum.status", "status"), (".checksum_calculated", "calc"),
                                (".checksum", "field"), (".checksum.ffff", "ffff")):
                if n.endswith(suffix):
                    proto = n[:-len(suffix)]
                    break
            else:
                continue
            if proto not in ("ip", "tcp", "udp", "icmp", "icmpv6", "gre", "igmp"):
                continue
            if key == "ffff":
                # a child of the status field, which has its position
                records[order[-1]]["ffff"] = True
                continue
            k = (proto, f.get("pos"))
            if k not in records:
                records[k] = {"proto": proto}
                order.append(k)
            r = records[k]
            if key == "field":
                r["field"] = hex4(f.get("show"), f"frame {frame} {n}")
                m = SHOULD_BE.search(f.get("showname", ""))
                if m:
                    r["should"] = m.group(1).lower()
            elif key == "calc":
                r["calc"] = hex4(f.get("show"), f"frame {frame} {n}")
            else:
                r["status"] = f.get("show")
        if frame is None:
            raise ExpectError(f"{pcap}: a packet without a frame number")
        for k in order:
            r = records[k]
            what = f"{pcap} frame {frame} {r['proto']}"
            if "field" not in r or "status" not in r:
                raise ExpectError(f"{what}: tshark showed no checksum field or status")
            verdict = STATUS.get(r["status"])
            if verdict is None:
                raise ExpectError(f"{what}: unknown checksum status {r['status']}")
            if verdict == "bad" and r.get("ffff"):
                verdict = "minus0"
            calc = r.get("calc") or r.get("should")
            if calc is None and verdict == "good":
                calc = r["field"]
            if verdict in ("none", "illegal", "unverified"):
                calc = "-"
            if calc is None:
                raise ExpectError(f"{what}: tshark gave no calculated checksum")
            layer = LAYER.get(r["proto"], r["proto"])
            lines.append(f"{frame} {layer} {verdict} {r['field']} {calc}")
    return "\n".join(lines) + "\n"


def pcaps(cap):
    top = sorted(os.path.join(cap, n) for n in os.listdir(cap) if n.endswith(".pcap"))
    sub = os.path.join(cap, "csum")
    own = sorted(os.path.join(sub, n) for n in os.listdir(sub) if n.endswith(".pcap")) \
        if os.path.isdir(sub) else []
    return top + own


def expect_path(cap, pcap):
    return os.path.join(cap, "csum", os.path.basename(pcap)[:-len(".pcap")] + ".csum")


def check(cap):
    passed = failed = 0

    def result(ok, text):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok    {text}")
        else:
            failed += 1
            print(f"FAIL  {text}")

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "corrupt.pcap")
        made = subprocess.run([sys.executable, os.path.join(HERE, "make_csum_captures.py"),
                               "-o", out, cap], stdout=subprocess.DEVNULL).returncode == 0
        committed = os.path.join(cap, "csum", "corrupt.pcap")
        same = made and os.path.exists(committed) and \
            open(out, "rb").read() == open(committed, "rb").read()
        result(same, f"{committed} reproduces from make_csum_captures.py")
    for pcap in pcaps(cap):
        want = expect_path(cap, pcap)
        try:
            got = verdicts(pcap)
            ok = os.path.exists(want) and open(want).read() == got
        except (ExpectError, subprocess.CalledProcessError) as e:
            print(e, file=sys.stderr)
            ok = False
        result(ok, f"{want} matches tshark's verdicts for {pcap}")
    print(f"{passed} passed, {failed} failed")
    return failed == 0


def main():
    args = sys.argv[1:]
    mode_check = bool(args) and args[0] == "--check"
    if mode_check:
        args = args[1:]
    if len(args) > 1 or (args and args[0].startswith("-")):
        raise SystemExit(__doc__)
    cap = args[0] if args else "tests/captures"
    if mode_check:
        sys.exit(0 if check(cap) else 1)
    os.makedirs(os.path.join(cap, "csum"), exist_ok=True)
    for pcap in pcaps(cap):
        text = verdicts(pcap)
        want = expect_path(cap, pcap)
        tmp = want + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, want)
        print(f"{want}: {text.count(chr(10)) - 2} checksums")


if __name__ == "__main__":
    try:
        main()
    except ExpectError as e:
        raise SystemExit(f"make_csum_expect.py: {e}")
