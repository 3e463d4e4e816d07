#!/usr/bin/python3
"""tcpdumpcheck.py - zcdump's tcpdump options against tcpdump itself.

Usage: tcpdumpcheck.py ZCDUMP CAPTURE...

On every capture, tcpdump (run here, -n) and zcdump print the same:

  -x -XX          the hex (and ASCII) dump lines, byte for byte (-xx is
                  -XX's hex, -X is -x's hex with -XX's ASCII column)
  -A              the ASCII dump of every packet, byte for byte
  TCP numbers     "seq A[:B]" and "ack C" of every TCP line, relative
                  (default) and absolute (-S), in order
  time stamps     the time stamp of every line with -tt, -ttt, -tttt,
                  -ttttt and the default in UTC, the default and -ttt with
                  --time-stamp-precision=nano, -tttt at +05:30 and the
                  default in New York's zone (TZ), on every fourth capture
  -q              the lines of TCP and UDP packets without an application
                  layer zcdump decodes differently (tcpdump's -q stops at
                  the transport layer too)

One line per check, then "N passed, M failed". Deltas of a day or more
(-ttt, -ttttt) are not compared: tcpdump wraps them at 24 hours, zcdump
counts the hours on (docs/zcdump.md).
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklines import Checks  # noqa: E402

result = Checks()


def run(cmd, env=None):
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run(cmd, capture_output=True, env=e)
    return r.stdout.decode("latin-1"), r.stderr.decode("latin-1"), r.returncode


def zc(zcdump, args, path, env=None):
    out, err, rc = run([zcdump] + args + ["-r", path], env)
    if rc != 0 or "Sanitizer" in err or "runtime error" in err:
        raise RuntimeError(f"zcdump {' '.join(args)} -r {path}: exit {rc}: {err[:300]}")
    return out


def td(args, path, env=None):
    out, _, _ = run(["tcpdump", "-n"] + args + ["-r", path], env)
    return out


def first_diff(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return [f"line {i + 1}: tcpdump {x!r}", f"line {i + 1}: zcdump  {y!r}"]
    return [f"tcpdump {len(la)} lines, zcdump {len(lb)} lines"]


def hexlines(text):
    return "\n".join(l for l in text.split("\n") if l.startswith("\t0x"))


STAMP = re.compile(r"^\d+\.\d{6} ", re.M)


def ascii_blocks(text):
    """The text after each packet's line (-tt lines start with the epoch)."""
    starts = [m.start() for m in STAMP.finditer(text)] + [len(text)]
    blocks = []
    for a, b in zip(starts, starts[1:]):
        chunk = text[a:b]
        nl = chunk.find("\n")
        blocks.append(chunk[nl + 1:])
    return blocks


TCPNUM = re.compile(r"Flags \[[^\]]*\](?:, cksum [^,]*)?(, seq \d+(?::\d+)?)?(, ack \d+)?")


def tcp_numbers(text):
    """", seq A:B, ack C" (what there is of it) after each TCP line's flags."""
    return [(m.group(1) or "") + (m.group(2) or "") for m in TCPNUM.finditer(text)]


STAMPS = {
    "": re.compile(r"(\d\d:\d\d:\d\d\.\d+) "),
    "-tt": re.compile(r"(-?\d+\.\d+) "),
    "-ttt": re.compile(r"([ -]\d\d+:\d\d:\d\d\.\d+) "),
    "-tttt": re.compile(r"(-?\d+-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) "),
    "-ttttt": re.compile(r"([ -]\d\d+:\d\d:\d\d\.\d+) "),
}


def stamps(text, mode):
    """The time stamps that start lines (tcpdump's continuation lines have none)."""
    return [m.group(1) for m in (STAMPS[mode].match(l) for l in text.split("\n")) if m]


def main():
    zcdump, paths = sys.argv[1], sys.argv[2:]
    for path in paths:
        name = os.path.relpath(path)
        try:
            # hex and ASCII dumps
            probs = []
            for m in ("-x", "-XX"):   # -xx is -XX's hex, -X is -x with -XX's ASCII
                want, got = hexlines(td([m], path)), hexlines(zc(zcdump, [m], path))
                if want != got:
                    probs.append(f"{m}: " + " / ".join(first_diff(want, got)))
            for m in ("-A",):
                want, got = ascii_blocks(td(["-tt", m], path)), ascii_blocks(zc(zcdump, ["-tt", m], path))
                # tcpdump puts a tunnel's inner packet on a line of its own:
                # the dump is what ends each packet's text
                if len(want) != len(got) or any(not w.endswith(g) or (w and not g)
                                                for w, g in zip(want, got)):
                    bad = [i for i, (x, y) in enumerate(zip(want, got)) if not x.endswith(y)]
                    probs.append(f"{m}: {len(want)}/{len(got)} packets, first differing "
                                 f"{bad[:1]}: {want[bad[0]][:80]!r} / {got[bad[0]][:80]!r}"
                                 if bad else f"{m}: {len(want)} packets, zcdump {len(got)}")
            result(not probs, f"-x -XX -A as tcpdump's: {name}", probs)

            # TCP sequence numbers
            probs = []
            for m in ([], ["-S"]):
                want = tcp_numbers(td(m, path))
                got = tcp_numbers(zc(zcdump, m, path))
                if want != got:
                    i = next((k for k, (x, y) in enumerate(zip(want, got)) if x != y),
                             min(len(want), len(got)))
                    probs.append(f"{' '.join(m) or 'relative'}: TCP line {i + 1}: tcpdump "
                                 f"{want[i] if i < len(want) else None!r}, zcdump "
                                 f"{got[i] if i < len(got) else None!r}")
            if "Flags [" in td([], path):
                result(not probs, f"TCP seq/ack, relative and -S, as tcpdump's: {name}", probs)

            # -q: the lines of TCP and UDP packets
            want = td(["-q"], path).split("\n")
            got = zc(zcdump, ["-q"], path).split("\n")
            # what -q changes: the transport part at the end of the line
            quiet = re.compile(r".*?(IP6? [^ ]+ > [^ ]+: (tcp \d+|UDP, length \d+))$")
            tw = [quiet.match(w).group(1) for w in want if quiet.match(w)]
            pairs = [(quiet.match(w).group(1), quiet.match(g).group(1))
                     for w, g in zip(want, got) if quiet.match(w) and quiet.match(g)]
            if tw:
                # a line zcdump decodes differently (a fragment, IPv6 in
                # IPv4) has no transport part: at least half must have one
                probs = [f"tcpdump {w!r}, zcdump {g!r}" for w, g in pairs if w != g]
                if len(want) != len(got):
                    probs.insert(0, f"tcpdump {len(want)} lines, zcdump {len(got)}")
                if 2 * len(pairs) < len(tw):
                    probs.insert(0, f"only {len(pairs)} of tcpdump's {len(tw)} lines compared")
                result(not probs, f"-q: {len(pairs)} TCP and UDP lines as tcpdump's: {name}", probs)

            # time stamps (every fourth capture: they do not depend on the packets)
            if paths.index(path) % 4:
                continue
            probs = []
            combos = [("UTC", m, []) for m in ("", "-tt", "-ttt", "-tttt", "-ttttt")]
            combos += [("UTC", m, ["--time-stamp-precision=nano"]) for m in ("", "-ttt")]
            combos += [("Asia/Kolkata", "-tttt", []), ("America/New_York", "", [])]
            if True:
                for tz, m, prec in combos:
                    if True:
                        args = ([m] if m else []) + prec
                        want = stamps(td(args, path, {"TZ": tz}), m)
                        got = stamps(zc(zcdump, args, path, {"TZ": tz}), m)
                        if m in ("-ttt", "-ttttt"):
                            pairs = [(w, g) for w, g in zip(want, got)]
                            if len(want) != len(got) or any(w != g for w, g in pairs):
                                probs.append(f"TZ={tz} {m} {' '.join(prec)}: tcpdump {want[:3]}, "
                                             f"zcdump {got[:3]}")
                        elif want != got:
                            i = next((k for k, (x, y) in enumerate(zip(want, got)) if x != y), 0)
                            probs.append(f"TZ={tz} {m or 'default'} {' '.join(prec)}: line {i + 1}: "
                                         f"tcpdump {want[i:i + 1]}, zcdump {got[i:i + 1]}")
            result(not probs, f"time stamps (default, -t ... -ttttt; 3 zones; micro, nano) as "
                   f"tcpdump's: {name}", probs)
        except RuntimeError as e:
            result(False, f"{name}: zcdump runs", [str(e)])
    return result.summary()


if __name__ == "__main__":
    sys.exit(main())
