#!/usr/bin/env python3
"""tests/zcnc/tshark_cmp.py - what zcnc printed (--json) against tshark's
decode of the same messages, captured by tcpdump (tests/zcnc/run.sh).

usage: tshark_cmp.py dns|tls PCAP ZCNC_JSON N

Every message zcnc printed ("<" received, ">" sent) must be in the
capture, decoded by tshark into the same fields; N is how many messages
zcnc must have printed. Exits 0 when all agree, else prints the
differences and exits 1."""
import json
import subprocess
import sys

DNS_TYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16,
             "AAAA": 28, "SRV": 33, "OPT": 41}


def tshark(pcap, fields, decode_as=None):
    cmd = ["tshark", "-n", "-r", pcap, "-T", "fields", "-E", "separator=\t",
           "-E", "occurrence=a", "-E", "aggregator=|"]
    for d in decode_as or []:
        cmd += ["-d", d]
    for f in fields:
        cmd += ["-e", f]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        vals = line.split("\t")
        row = {f: (v.split("|") if v else []) for f, v in zip(fields, vals)}
        rows.append(row)
    return rows


def num(v):
    return int(v, 0)


def dns_type(t):
    return t if isinstance(t, int) else DNS_TYPES[t]


def check_dns(pcap, msgs):
    fields = ["dns.id", "dns.flags.response", "dns.flags.opcode", "dns.flags.rcode",
              "dns.flags.recdesired", "dns.flags.authoritative", "dns.count.queries",
              "dns.count.answers", "dns.count.add_rr", "dns.qry.name", "dns.qry.type",
              "dns.resp.type", "dns.resp.ttl", "dns.a", "dns.aaaa", "dns.txt",
              "dns.mx.preference", "dns.mx.mail_exchange", "dns.rr.udp_payload_size"]
    rows = [r for r in tshark(pcap, fields, ["udp.port==40310,dns"]) if r["dns.id"]]
    errors = []
    for m in msgs:
        f = m["fields"]
        want_resp = 1 if m["dir"] == "<" and f["qr"] == 1 else f["qr"]
        cands = [r for r in rows if num(r["dns.id"][0]) == f["id"]
                 and int(r["dns.flags.response"][0]) == want_resp]
        if not cands:
            errors.append("id %d qr %d: not in the capture" % (f["id"], f["qr"]))
            continue
        r = cands[0]
        got = {
            # tshark shows a query's rcode only when it is not 0
            "rcode": int(r["dns.flags.rcode"][0]) if r["dns.flags.rcode"] else 0,
            "rd": int(r["dns.flags.recdesired"][0]),
            "qdcount": int(r["dns.count.queries"][0]),
            "ancount": int(r["dns.count.answers"][0]),
            "arcount": int(r["dns.count.add_rr"][0]),
            "questions": list(zip(r["dns.qry.name"], map(int, r["dns.qry.type"]))),
            "answer types": list(map(int, r["dns.resp.type"])),
            "ttls": list(map(int, r["dns.resp.ttl"])),
            "a": r["dns.a"], "aaaa": r["dns.aaaa"], "txt": r["dns.txt"],
            "mx": list(zip(map(int, r["dns.mx.preference"]), r["dns.mx.mail_exchange"])),
            "udp payload": list(map(int, r["dns.rr.udp_payload_size"])),
        }
        rrs = f.get("answers", []) + f.get("authorities", []) + f.get("additionals", [])
        mine = {
            "rcode": f["rcode"] if isinstance(f["rcode"], int) else RCODES[f["rcode"]],
            "rd": f["rd"],
            "qdcount": f["qdcount"], "ancount": f["ancount"], "arcount": f["arcount"],
            "questions": [(q["name"], dns_type(q["type"])) for q in f.get("questions", [])],
            "answer types": [dns_type(a["type"]) for a in rrs],
            "ttls": [a["ttl"] for a in rrs if dns_type(a["type"]) != 41],
            "a": [a["a"] for a in rrs if "a" in a],
            "aaaa": [a["aaaa"] for a in rrs if "aaaa" in a],
            "txt": [bytes.fromhex(t["text"]).decode() for a in rrs for t in a.get("txt", [])],
            "mx": [(a["mx"]["preference"], a["mx"]["exchange"]) for a in rrs if "mx" in a],
            "udp payload": [a["class"] for a in rrs if dns_type(a["type"]) == 41],
        }
        for k in got:
            if got[k] != mine[k]:
                errors.append("id %d %s: tshark %r, zcnc %r" % (f["id"], k, got[k], mine[k]))
    return errors


RCODES = {"NOERROR": 0, "FORMERR": 1, "SERVFAIL": 2, "NXDOMAIN": 3, "NOTIMP": 4, "REFUSED": 5}


def check_tls(pcap, msgs):
    fields = ["tls.record.content_type", "tls.record.version", "tls.record.length",
              "tls.handshake.type", "tls.handshake.length", "tls.handshake.version",
              "tls.handshake.random", "tls.handshake.session_id", "tls.handshake.ciphersuite",
              "tls.handshake.extension.type", "tls.handshake.extensions_server_name"]
    rows = [r for r in tshark(pcap, fields, ["tcp.port==40800,tls"]) if r["tls.record.content_type"]]
    errors = []
    if len(rows) != len(msgs):
        errors.append("tshark sees %d records, zcnc printed %d" % (len(rows), len(msgs)))
    for r, m in zip(rows, msgs):
        f = m["fields"]
        hs = f["handshakes"][0]
        ch = hs["client_hello"]
        cs = bytes.fromhex(ch["cipher_suites"])
        sni = [bytes.fromhex(e["data"])[5:].decode() for e in ch["extensions"] if e["type"] == 0]
        got = {
            "content type": int(r["tls.record.content_type"][0]),
            "record version": num(r["tls.record.version"][0]),
            "record length": int(r["tls.record.length"][0]),
            "handshake type": int(r["tls.handshake.type"][0]),
            "handshake length": int(r["tls.handshake.length"][0]),
            "client version": num(r["tls.handshake.version"][0]),
            "random": r["tls.handshake.random"][0].replace(":", ""),
            "session id": r["tls.handshake.session_id"][0].replace(":", ""),
            "cipher suites": [num(c) for c in r["tls.handshake.ciphersuite"]],
            "extensions": [int(t) for t in r["tls.handshake.extension.type"]],
            "server name": r["tls.handshake.extensions_server_name"],
        }
        mine = {
            "content type": 22 if f["content_type"] == "HANDSHAKE" else f["content_type"],
            "record version": f["legacy_version"],
            "record length": f["length"],
            "handshake type": 1 if hs["msg_type"] == "CLIENT_HELLO" else hs["msg_type"],
            "handshake length": hs["length"],
            "client version": ch["legacy_version"],
            "random": ch["random"],
            "session id": ch["legacy_session_id"],
            "cipher suites": [cs[i] << 8 | cs[i + 1] for i in range(0, len(cs), 2)],
            "extensions": [e["type"] for e in ch["extensions"]],
            "server name": sni,
        }
        for k in got:
            if got[k] != mine[k]:
                errors.append("%s: tshark %r, zcnc %r" % (k, got[k], mine[k]))
    return errors


def main():
    kind, pcap, path, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    msgs = [json.loads(line) for line in open(path) if line.strip()]
    errors = []
    if len(msgs) != n:
        errors.append("zcnc printed %d messages, not %d" % (len(msgs), n))
    bad = [m for m in msgs if "malformed" in m]
    errors += ["zcnc: malformed: %s" % m["malformed"] for m in bad]
    msgs = [m for m in msgs if "fields" in m]
    errors += (check_dns if kind == "dns" else check_tls)(pcap, msgs)
    for e in errors:
        print(e)
    sys.exit(1 if errors else 0)


main()
