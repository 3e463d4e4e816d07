#!/usr/bin/python3
"""csum.py - the generated dissector's checksum verdicts against tshark's.

Usage: csum.py DISSECTOR.lua CAPTURE.pcap EXPECT.csum

EXPECT.csum holds tshark's own verdicts (tests/tools/make_csum_expect.py:
`FRAME LAYER VERDICT FIELD CALC`, tshark with ip/tcp/udp.check_checksum
on). Runs `tshark -X lua_script:DISSECTOR -o zc.check_checksum:TRUE` and
compares, frame by frame and in packet order, the dissector's
zc.checksum.status and zc.checksum.calculated with tshark's verdicts for
the checksums the bundled schemas declare (@checksum on ipv4, tcp, udp,
icmpv4, icmpv6); a bad checksum must carry the zc.checksum expert item, a
good one none. tshark's "minus0" (a TCP field of 0xffff where 0x0000 is
computed) is good here, as RFC 1071 verification (and zcdump) accept it,
and the value shown for a good checksum is the field's (tshark's too, but
for minus0). Not compared: the checksums tshark finds in the packet an
ICMP error quotes (the dissector shows the quote as the message's fields,
not as layers), and a last "unverified" (a fragment's) where the
dissector does not reach the layer.
Prints one line per disagreement and `FRAMES frames, N checksums, M
disagreements`; exit 1 if M > 0.
"""
import subprocess
import sys

LAYERS = {"ipv4", "tcp", "udp", "icmpv4", "icmpv6"}
STATUS = {"good": "1", "minus0": "1", "bad": "0", "unverified": "2", "none": "3", "illegal": "4"}


def main():
    lua, pcap, expect = sys.argv[1:4]
    want = {}
    for line in open(expect):
        if line.startswith("#") or not line.strip():
            continue
        fr, layer, verdict, field, calc = line.split()
        w = want.setdefault(int(fr), [])
        if w and w[-1][0] in ("icmpv4", "icmpv6"):
            continue   # inside the packet an ICMP error quotes
        if layer in LAYERS:
            w.append((layer, STATUS[verdict], field if verdict in ("good", "minus0") else calc))
    out = subprocess.run(["tshark", "-X", "lua_script:" + lua, "-o", "zc.check_checksum:TRUE", "-r", pcap,
                          "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=;", "-e", "frame.number",
                          "-e", "zc.checksum.status", "-e", "zc.checksum.calculated", "-e", "_ws.expert",
                          "-e", "_ws.lua.error"],
                         capture_output=True, text=True)
    bad = []
    if "Lua" in out.stderr and "rror" in out.stderr:
        bad.append("tshark: " + out.stderr.strip().splitlines()[-1])
    frames = n = 0
    for line in out.stdout.splitlines():
        cols = line.split("\t") + [""] * 5
        fr = int(cols[0])
        frames += 1
        status = [s for s in cols[1].split(";") if s]
        calc = ["%04x" % int(x, 16) for x in cols[2].split(";") if x]
        if cols[4]:
            bad.append("frame %d: Lua error" % fr)
        w = want.get(fr, [])
        # the calculated value is shown for a verified checksum only
        got, k = [], 0
        for s in status:
            if s in ("0", "1"):
                got.append((s, calc[k] if k < len(calc) else "?"))
                k += 1
            else:
                got.append((s, "-"))
        exp = [(s, c if s in ("0", "1") else "-") for _, s, c in w]
        if len(exp) == len(got) + 1 and exp[-1][0] == "2":
            exp = exp[:-1]   # unverified, and the layer not reached
        n += len(exp)
        if got != exp:
            bad.append("frame %d: tshark %s, dissector %s" % (fr, [(l, s, c) for (l, s, c) in w], got))
        has_expert = "/Checksum)" in cols[3]
        if has_expert != any(s in ("0", "4") for s, _ in got):
            bad.append("frame %d: expert info %r with statuses %s" % (fr, cols[3], status))
    for b in bad:
        print(pcap + ": " + b)
    print("%d frames, %d checksums, %d disagreements" % (frames, n, len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
