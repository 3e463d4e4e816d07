#!/usr/bin/env python3
"""timecheck.py - zcdump's time stamps against tshark's, in every time format.

    timecheck.py ZCDUMP CAPTURE...

For every frame, tshark (TZ=UTC) gives frame.time ("Jan  1, 2106
00:00:00.000000000 UTC": the UTC date and time of day, then the nanoseconds
as Wireshark holds them, printed even when >= 10^9 or negative) and
frame.time_epoch. From those alone, expected:

  --json    "time": frame.time_epoch, when the nanoseconds are possible
            (0 <= ns < 10^9); otherwise "time": null and "time_invalid":
            {"sec": S, "ns": N}, S the seconds of frame.time's date and
            time, N its nanoseconds
  -tt       the first word: frame.time_epoch cut to 6 decimals; otherwise
            "S.[invalid:Nns]"
  default   the first word: frame.time's HH:MM:SS and 6 decimals;
            otherwise "HH:MM:SS.[invalid:Nns]"
  -t        no time stamp: the -tt line without its first word

Where tshark cannot show a date ("Not representable": beyond year 9999 or
INT64_MIN) the time of day comes from frame.time_epoch's seconds, floor
modulo 86400.

An impossible sub-second field of 2^31 or more is read with a sign by
Wireshark and, in some cases (a byte-swapped nanosecond file), without one
by libpcap: N is compared modulo 2^32, the field's 32 bits.

Prints one line per capture and check, then "N passed, M failed".
"""
import json
import os
import re
import subprocess
import sys

MONTHS = {m: i for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
TIME = re.compile(r"^(\w{3}) +(\d+), (-?\d+) (\d\d):(\d\d):(\d\d)\.(-?\d+) UTC$")


def days_from_civil(y, m, d):
    """Days since 1970-01-01 of a proleptic Gregorian date (any year)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def tshark_frames(path):
    env = dict(os.environ, TZ="UTC")
    out = subprocess.run(["tshark", "-r", path, "-T", "fields", "-E", "separator=|",
                          "-e", "frame.time", "-e", "frame.time_epoch"],
                         env=env, capture_output=True, text=True, check=True).stdout
    frames = []
    for line in out.splitlines():
        ftime, epoch = line.split("|")
        m = TIME.match(ftime)
        if m:
            mon, day, year, hh, mm, ss, frac = m.groups()
            sec = (days_from_civil(int(year), MONTHS[mon], int(day)) * 86400
                   + int(hh) * 3600 + int(mm) * 60 + int(ss))
            ns = int(frac)
            tod = f"{hh}:{mm}:{ss}"
        else:
            # not representable as a date: only the epoch form (then the
            # fraction is a valid 9-digit one)
            whole, frac = epoch.split(".")
            assert len(frac) == 9, (path, line)
            sec, ns = int(whole), int(frac)
            s = sec % 86400
            tod = f"{s // 3600:02}:{s % 3600 // 60:02}:{s % 60:02}"
        frames.append({"sec": sec, "ns": ns, "tod": tod, "epoch": epoch,
                       "valid": 0 <= ns < 10**9})
    return frames


def zcdump(zc, args, path):
    # the default time of day is local time: compared in UTC, as tshark's
    r = subprocess.run([zc] + args + ["-r", path], capture_output=True, text=True,
                       env=dict(os.environ, TZ="UTC"))
    if r.returncode != 0 or r.stderr:
        raise RuntimeError(f"zcdump {' '.join(args)} -r {path}: exit {r.returncode}: {r.stderr[:300]}")
    return r.stdout.splitlines()


def same_ns(a, b):
    return (a - b) % 2**32 == 0


def main():
    zc, paths = sys.argv[1], sys.argv[2:]
    passed = failed = 0

    def result(ok, what, problems):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok   {what}")
        else:
            failed += 1
            print(f"FAIL {what}")
            for p in problems[:8]:
                print(f"     | {p}")

    for path in paths:
        want = tshark_frames(path)
        name = os.path.basename(path)
        try:
            js = [json.loads(l) for l in zcdump(zc, ["--json"], path)]
            tt = zcdump(zc, ["-tt"], path)
            day = zcdump(zc, [], path)
            none = zcdump(zc, ["-t"], path)
        except (RuntimeError, ValueError) as ex:
            result(False, f"{name}: zcdump runs", [str(ex)])
            continue
        for mode, got in (("--json", js), ("-tt", tt), ("default", day), ("-t", none)):
            if len(got) != len(want):
                result(False, f"{name} {mode}: frame count", [f"{len(got)} lines, tshark {len(want)} frames"])
        probs = {"--json": [], "-tt": [], "default": [], "-t": []}
        invalid = 0
        for i, w in enumerate(want):
            n = i + 1
            if i >= min(len(js), len(tt), len(day), len(none)):
                break
            j, t, d = js[i], tt[i].split(" ", 1), day[i].split(" ", 1)
            if w["valid"]:
                if j.get("time") != w["epoch"] or "time_invalid" in j:
                    probs["--json"].append(f"frame {n}: time {j.get('time')!r}, tshark {w['epoch']}")
                if t[0] != w["epoch"][:-3]:
                    probs["-tt"].append(f"frame {n}: {t[0]!r}, tshark {w['epoch']}")
                if d[0] != f"{w['tod']}.{w['ns']:09}"[:15]:
                    probs["default"].append(f"frame {n}: {d[0]!r}, tshark {w['tod']}.{w['ns']:09}")
            else:
                invalid += 1
                ti = j.get("time_invalid", {})
                if j.get("time", "") is not None or ti.get("sec") != w["sec"] \
                        or not same_ns(ti.get("ns", 0.5), w["ns"]):
                    probs["--json"].append(f"frame {n}: time {j.get('time')!r} time_invalid {ti}, "
                                           f"tshark sec {w['sec']} ns {w['ns']}")
                m = re.fullmatch(r"(-?\d+)\.\[invalid:(-?\d+)ns\]", t[0])
                if not m or int(m.group(1)) != w["sec"] or not same_ns(int(m.group(2)), w["ns"]):
                    probs["-tt"].append(f"frame {n}: {t[0]!r}, tshark sec {w['sec']} ns {w['ns']}")
                m = re.fullmatch(r"(\d\d:\d\d:\d\d)\.\[invalid:(-?\d+)ns\]", d[0])
                if not m or m.group(1) != w["tod"] or not same_ns(int(m.group(2)), w["ns"]):
                    probs["default"].append(f"frame {n}: {d[0]!r}, tshark {w['tod']} ns {w['ns']}")
            if len(t) < 2 or none[i] != t[1]:
                probs["-t"].append(f"frame {n}: -t {none[i]!r} is not -tt {tt[i]!r} without the time")
        for mode, p in probs.items():
            result(not p, f"{name} {mode}: {len(want)} time stamps as tshark's"
                          f" ({invalid} impossible sub-second values flagged)", p)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
