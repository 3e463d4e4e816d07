#!/usr/bin/python3
"""linecheck.py - zcdump's one-line output against tcpdump's, packet by packet.

Usage: linecheck.py ZCDUMP CAPTURE...      two checks per capture: -n, -n -e
       linecheck.py --table ZCDUMP CAPTURE...   the side-by-side table of
                                              docs/zcdump.md (Markdown)

Both run with -n (and then -n -e) in UTC on the same file. Every packet's line must be
identical to tcpdump's, or be one of the documented deviations below
(docs/zcdump.md, "zcdump and tcpdump, line by line"); each deviation has a
name and a reason, and the check line counts how often each one occurred.
Anything else is a failure that prints both lines.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklines import Checks  # noqa: E402

STAMP = re.compile(r"^\d\d:\d\d:\d\d\.\d{6} ")

# tcpdump 4.99's text for the SCTP chunk types it names otherwise (its
# sctp_chunkid_str; later tcpdump names them as zcdump does)
SCTP_4_99 = {"I-DATA": "Unknown chunk type: 0x40", "ASCONF-ACK": "Unknown chunk type: 0x80",
             "RE-CONFIG": "Unknown chunk type: 0x82", "ASCONF": "REL CTRL",
             "I-FORWARD-FSN": "REL CTRL ACK"}

# (name, reason, predicate(tcpdump line, zcdump line)) in the order tried.
# The reasons are the ones docs/zcdump.md gives.
DEVIATIONS = [
    ("status",
     "zcdump prints what it decoded and then the precise status of the first problem "
     "([malformed: ...], [truncated: caplen ...], [|layer]; [undecoded: ...] after a layer "
     "its port only suggested, [fragment: ...] for a datagram cut by fragmentation) where "
     "tcpdump prints [|proto], (invalid) or only the part it looked at",
     lambda t, z: "[malformed: " in z or "[truncated: caplen" in z or "[|" in z or
     "[undecoded: " in z or "[fragment: " in z or
     re.search(r"\s\[\|(ip|ip6|ether)\]$", t) is not None),
    ("llc",
     "IEEE 802.3 frames whose LLC or SNAP payload zcdump does not decode (STP, CDP, IP, "
     "IPX or OSI by SAP, unknown SAPs and OUIs): with -e zcdump's line is tcpdump's up to "
     "the end of the LLC/SNAP headers and tcpdump goes on with the payload; without -e "
     "zcdump prints those headers where tcpdump prints the payload or describes the LLC "
     "frame",
     lambda t, z: "LLC, dsap " in z and (t.startswith(z + ": ") or z.startswith("LLC, dsap "))),
    ("ppp-auth",
     "PPP protocols without a schema (PAP, CHAP, EAP, CCP, ...): zcdump names the protocol "
     "and the frame's length, tcpdump decodes the authentication or compression packet",
     lambda t, z: re.search(r"\b(PAP|CHAP|EAP|CCP|LQM|MPLS|unknown PPP protocol \(0x[0-9a-f]{4}\)), "
                            r"length \d+$", z) is not None and
     t.startswith(z[:z.rindex(", length ")].rsplit(" ", 1)[0])),
    ("empty-payload",
     "a header whose length says nothing follows (IPv4 total length, UDP length) ends "
     "zcdump's walk there, as decided in docs/decisions.md; tcpdump hands the zero "
     "bytes to the protocol the port or number names and calls that invalid",
     lambda t, z: re.search(r"(UDP, length 0|ip-proto-\d+ 0)$", z) is not None and
     ("(invalid)" in t or "[|" in t)),
    ("erspan",
     "tcpdump 4.99 does not decode ERSPAN: after GRE protocol 0x88be or 0x22eb it prints "
     "gre-proto-0x88be; zcdump prints the ERSPAN type II or III header and the mirrored frame "
     "(type I: the frame right after GRE)",
     lambda t, z: re.search(r": gre-proto-0x(88be|22eb)$", t) is not None and
     z.startswith(t[:t.rindex(": gre-proto-0x")] + ": ")),
    ("mpls-payload",
     "after the bottom-of-stack MPLS label tcpdump guesses the payload from its first "
     "bytes; packet.zc peeks its first nibble (`mpls.payload by peek(u4)`) and routes "
     "4 (IPv4) and 6 (IPv6) only, so for a pseudowire (0) or another value zcdump ends "
     "with the label stack",
     lambda t, z: re.search(r"MPLS( \(label \d+, tc \d, (\[S\], )?ttl \d+\))+$", z) is not None and
     t.startswith(z + " ")),
    ("sctp-sack-lines",
     "tcpdump prints each gap ack block and duplicate TSN of an SCTP SACK chunk on a "
     "line of its own; zcdump keeps one line per packet (the same text, one space apart)",
     lambda t, z: "[SACK]" in z and " ".join(t.split()) == " ".join(z.split())),
    ("sctp-chunk-names",
     "SCTP chunk types tcpdump 4.99 names after drafts or not at all: zcdump prints "
     "RFC 8260's I-DATA (0x40), RFC 5061's ASCONF-ACK (0x80) and ASCONF (0xc1), RFC "
     "6525's RE-CONFIG (0x82) and RFC 8260's I-FORWARD-TSN (0xc2) with tcpdump 4.99's "
     "successors' names (I-FORWARD-FSN) where tcpdump 4.99 prints \"Unknown chunk "
     "type\", REL CTRL and REL CTRL ACK",
     lambda t, z: re.sub(r"\[(I-DATA|ASCONF-ACK|RE-CONFIG|ASCONF|I-FORWARD-FSN)\]",
                         lambda m: "[" + SCTP_4_99[m.group(1)] + "]", z) == t),
    ("igmpv3-no-records",
     "an IGMPv3 report with no group record (8 bytes): tcpdump wants at least one (16 "
     "bytes) and prints [invalid len 8]; RFC 3376 4.2 lets the count be 0 and tshark "
     "decodes it: zcdump prints \", 0 group record(s)\"",
     lambda t, z: t.endswith("igmp v3 report [invalid len 8]") and
     z == t[:-len(" [invalid len 8]")] + ", 0 group record(s)"),
    ("bgp-by-port",
     "tcpdump names a TCP segment to or from port 179 BGP and decodes its messages; "
     "schemas/bgp.zc is a library schema that packet.zc does not route to (BGP runs "
     "over a TCP stream, which zcdump does not reassemble), so zcdump's line ends "
     "with the TCP header",
     lambda t, z: t == z + ": BGP" or (t.startswith(z + ": BGP") and ".179" in z)),
    ("vxlan-one-line",
     "tcpdump starts the frame inside VXLAN on a new line; zcdump keeps one line per "
     "packet and separates it with ': '",
     lambda t, z: re.sub(r"(VXLAN, flags \[[^]]*\] \(0x..\), vni \d+): ", r"\1 ", z) == t),
    ("port-guess",
     "tcpdump guesses a protocol from one port where zcdump has no schema for it or "
     "follows the registered port: UDP 49152 as a Broadcom LI shim (even towards VXLAN's "
     "4789), 7000-7009 as AFS RX, 5353 as mDNS even towards NTP's 123; zcdump, like "
     "tshark, decodes by the registered port, the lower one first, or prints the "
     "datagram's length",
     lambda t, z: "BCM-LI-SHIM" in t or (".49152 > " in t and "(invalid)" in t) or
     "[|rx]" in t or (".5353" in t and "NTPv4" in z)),
    ("dns-tcp-partial",
     "a DNS-over-TCP segment whose length prefix does not match the segment: tcpdump "
     "calls it invalid; zcdump does not reassemble streams and prints the messages that "
     "are whole in the segment",
     lambda t, z: "[prefix length(" in t),
    ("vlan-in-cooked",
     "with -e, tcpdump names the EtherType after a VLAN tag inside a Linux cooked "
     "header without its number; zcdump prints it as everywhere else",
     lambda t, z: re.sub(r"(vlan \d+, p \d+, (DEI, )?ethertype \S+) \(0x[0-9a-f]{4}\)", r"\1",
                         z) == t),
    ("not-decoded-yet",
     "protocols zcdump's schemas do not cover yet (ESP, the "
     "headers quoted by ICMP errors, null/loop families other than IP): zcdump prints "
     "the layer it stopped at; the protocol library issue adds them",
     lambda t, z: bool(re.search(
         r"ESP\(|unreachable|time exceeded|redirect \d|parameter problem|"
         r"time stamp|packet too big|unknown ip \d|: IP6? .*: .*: |^, length: ", t)) or
     bool(re.match(r"IP \S+ > \S+: IP6 ", t)) or
     bool(re.match(r"\S+\s+\S+\s+ethertype ", t)) or "ip: unknown ip" in t or
     "OSI NLPID" in t or re.search(r": ip-proto-(4|41) \d+$", z) is not None),
]


def run(cmd):
    env = dict(os.environ, TZ="UTC")
    r = subprocess.run(cmd, capture_output=True, env=env)
    return r.stdout.decode("latin-1"), r.stderr.decode("latin-1"), r.returncode


def packets(text):
    """One string per packet: its line, continuation lines joined by a space."""
    out = []
    for line in text.split("\n"):
        if STAMP.match(line):
            out.append(line[16:])
        elif line.strip() and out:
            out[-1] += " " + line.strip()
    return out


def compare(zcdump, path, opts=("-n",)):
    td, _, _ = run(["tcpdump", *opts, "-r", path])
    zc, err, rc = run([zcdump, *opts, "-r", path])
    if rc != 0 or "Sanitizer" in err or "runtime error" in err:
        return None, [f"zcdump exit {rc}: {err[:200]}"], []
    tp, zp = packets(td), packets(zc)
    if len(tp) != len(zp):
        return None, [f"tcpdump {len(tp)} packets, zcdump {len(zp)}"], []
    counts, probs, rows = {"identical": 0}, [], []
    for n, (t, z) in enumerate(zip(tp, zp), 1):
        if t == z:
            counts["identical"] += 1
            rows.append((n, t, z, None))
            continue
        for name, _, pred in DEVIATIONS:
            if pred(t, z):
                counts[name] = counts.get(name, 0) + 1
                rows.append((n, t, z, name))
                break
        else:
            probs += [f"packet {n}: tcpdump {t}", f"packet {n}: zcdump  {z}"]
    return counts, probs, rows


def table(zcdump, paths):
    print("| capture, packet | tcpdump -n | zcdump -n |")
    print("| --- | --- | --- |")
    for path in paths:
        _, _, rows = compare(zcdump, path)
        for n, t, z, dev in rows:
            cell = "same" if dev is None else f"`{z}` ({dev})"
            tcell = t.replace("|", "\\|")
            print(f"| {os.path.basename(path)} {n} | `{tcell}` | {cell.replace('|', chr(92) + '|') if dev else cell} |")


def main(argv):
    if argv and argv[0] == "--table":
        table(argv[1], argv[2:])
        return 0
    zcdump, paths = argv[0], argv[1:]
    check = Checks()
    for path in paths:
        for opts in (("-n",), ("-n", "-e")):
            counts, probs, _ = compare(zcdump, path, opts)
            mode = " ".join(opts)
            if counts is None:
                check(False, f"{mode} {path}: the same packets as tcpdump", probs)
                continue
            total = sum(counts.values())
            devs = ", ".join(f"{k} {v}" for k, v in counts.items() if k != "identical")
            what = f"{mode} {path}: {counts['identical']} of {total} lines as tcpdump's" + \
                (f", documented deviations: {devs}" if devs else "")
            check(not probs, what, probs)
    return check.summary()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
