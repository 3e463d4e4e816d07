#!/usr/bin/python3
"""nonascii.py - DNS names with bytes outside ASCII in zcdump --json.

Usage: nonascii.py ZCDUMP
Reads tests/captures/json/nonascii.pcap (made by make_nonascii.py, which
must reproduce it byte for byte). For every packet: the output line is
ASCII and parses as JSON; the question name is the label bytes in DNS
presentation form (BIND's escapes) -- checked by giving the text to dig,
which must send exactly those label bytes in its query (a UDP socket on
127.0.0.1 catches it); and the raw line holds that text as Python's
json.dumps(ensure_ascii=True) writes it. Skipped (one "ok ... skipped"
line) without dig. Prints "N passed, M failed" last.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CAP = os.path.join(HERE, "..", "captures", "json")
sys.path.insert(0, CAP)
import make_nonascii  # noqa: E402

sys.path.insert(0, HERE)
from checklines import Checks  # noqa: E402

result = Checks()


def dig_wire(text):
    """The QNAME dig sends for the presentation-form name text."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(5)
    p = subprocess.Popen(["dig", "+tries=1", "+time=2", "-p", str(s.getsockname()[1]),
                          "@127.0.0.1", text, "A"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        q, _ = s.recvfrom(4096)
    except socket.timeout:
        q = b""
    finally:
        p.kill()
        p.wait()
        s.close()
    out, i = [], 12
    while i < len(q) and q[i]:
        out.append(q[i + 1:i + 1 + q[i]])
        i += 1 + q[i]
    return out


def main():
    zc = sys.argv[1]
    pcap = os.path.join(CAP, "nonascii.pcap")
    with tempfile.TemporaryDirectory() as tmp:
        made = os.path.join(tmp, "n.pcap")
        make_nonascii.main([made])
        result(open(made, "rb").read() == open(pcap, "rb").read(),
               "tests/captures/json/nonascii.pcap reproduces from make_nonascii.py")
    r = subprocess.run([zc, "--json", "-r", pcap], capture_output=True)
    lines = r.stdout.split(b"\n")[:-1]
    result(r.returncode == 0 and not r.stderr and len(lines) == len(make_nonascii.NAMES)
           and all(l.isascii() for l in lines), "--json on names outside ASCII: ASCII lines, no error")
    if not shutil.which("dig"):
        print("ok   (dig not installed: names not checked)")
    for raw, labels in zip(lines, make_nonascii.NAMES):
        d = json.loads(raw)
        name = d["layers"][3]["fields"]["questions"][0]["name"]
        probs = []
        if shutil.which("dig"):
            wire = dig_wire(name)
            if wire != labels:
                probs.append(f"dig reads {name!r} as {wire}, the packet holds {labels}")
        if json.dumps(name).encode() not in raw:
            probs.append(f"{json.dumps(name)} not in the line")
        result(not probs, f"--json name {name!r}: the labels {labels} (dig), JSON-escaped", probs)
    return result.summary()


if __name__ == "__main__":
    sys.exit(main())
