#!/usr/bin/env python3
"""probe.py - raw-socket checks of zcdnsd that dig cannot make (stdlib only).

    probe.py wait PORT             until 127.0.0.1#PORT answers (at most 10 s)
    probe.py sources PORT [v6] [PID]   each reply comes from the address
                                   queried, also when one batch mixes
                                   destinations (PID: the server, stopped
                                   while the burst is sent)
    probe.py malformed PORT        FORMERR, NOTIMP or silence for bad queries
    probe.py tcp PORT              framing: pieces, pipelining, bad lengths

Prints one line per check, "ok NAME" or "FAIL NAME: why"; tests/dnsd/run.sh
counts them. Only loopback addresses are used.
"""
import os
import random
import signal
import socket
import struct
import sys
import time

FORMERR, NXDOMAIN, NOTIMP = 1, 3, 4
failures = 0


def report(name, ok, why=""):
    global failures
    if ok:
        print("ok   " + name)
    else:
        failures += 1
        print("FAIL " + name + (": " + why if why else ""))
    sys.stdout.flush()


def wire_name(text):
    out = b""
    for label in text.strip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def header(qid, flags=0x0100, qd=1, an=0, ns=0, ar=0):
    return struct.pack("!HHHHHH", qid, flags, qd, an, ns, ar)


def query(qid, name, qtype=1, qclass=1, flags=0x0100):
    return header(qid, flags) + wire_name(name) + struct.pack("!HH", qtype, qclass)


def parse_reply(data):
    """(id, flags, qd, an, ns, ar) of a reply, or None if it is too short."""
    if len(data) < 12:
        return None
    return struct.unpack("!HHHHHH", data[:12])


def read_name(msg, at):
    """The dotted name at msg[at] (pointers followed) and the offset after it."""
    labels, end, hops = [], None, 0
    while True:
        n = msg[at]
        if n >= 0xC0:
            if end is None:
                end = at + 2
            at = ((n & 0x3F) << 8) | msg[at + 1]
            hops += 1
            if hops > 20:
                raise ValueError("pointer loop")
            continue
        if n == 0:
            return ".".join(labels), (end if end is not None else at + 1)
        labels.append(msg[at + 1:at + 1 + n].decode("latin-1"))
        at += 1 + n


def answers_a(msg):
    """The IPv4 addresses in the answer section of an A reply."""
    _, _, qd, an, _, _ = parse_reply(msg)
    at = 12
    for _ in range(qd):
        _, at = read_name(msg, at)
        at += 4
    out = []
    for _ in range(an):
        _, at = read_name(msg, at)
        rtype, _, _, rdlen = struct.unpack("!HHIH", msg[at:at + 10])
        at += 10
        if rtype == 1:
            out.append(socket.inet_ntop(socket.AF_INET, msg[at:at + rdlen]))
        at += rdlen
    return out


def udp_ask(family, dest, port, data, timeout=3.0):
    """Sends data from an unconnected socket; (reply, source) or (None, None)."""
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    try:
        s.sendto(data, (dest, port))
        reply, src = s.recvfrom(65535)
        return reply, src
    except socket.timeout:
        return None, None
    finally:
        s.close()


def cmd_wait(port):
    deadline = time.time() + 10
    while time.time() < deadline:
        reply, _ = udp_ask(socket.AF_INET, "127.0.0.1", port, query(1, "probe.invalid"), 0.2)
        if reply:
            report("server answers on 127.0.0.1#%d" % port, True)
            return
    report("server answers on 127.0.0.1#%d" % port, False, "no reply within 10 s")


def cmd_sources(port, v6, pid):
    dests = [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET, "127.0.0.2"),
             (socket.AF_INET, "127.45.6.7")]
    if v6:
        dests.append((socket.AF_INET6, "::1"))
    # one query at a time: the source of each reply
    for fam, dest in dests:
        qid = random.randrange(65536)
        reply, src = udp_ask(fam, dest, port, query(qid, "www.example.test"))
        name = "udp reply to %s comes from %s" % (dest, dest)
        if reply is None:
            report(name, False, "no reply")
            continue
        ok = src[0] == dest and src[1] == port and parse_reply(reply)[0] == qid
        ok = ok and answers_a(reply) == ["192.0.2.1", "192.0.2.11"]
        report(name, ok, "reply from %s#%d, id %d (sent %d), answers %s"
               % (src[0], src[1], parse_reply(reply)[0], qid, answers_a(reply)))
    # a burst from one socket to three addresses before reading anything,
    # sent while the server is stopped (SIGSTOP), so that they wait in its
    # socket and recvmmsg() returns full batches that mix destinations:
    # each reply of a sendmmsg() batch must still leave from its own
    # query's address
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.settimeout(3.0)
    sent = {}
    v4 = [d for f, d in dests if f == socket.AF_INET]
    if pid:
        os.kill(pid, signal.SIGSTOP)
    try:
        for i in range(72):
            dest = v4[i % len(v4)]
            qid = 1000 + i
            sent[qid] = dest
            s.sendto(query(qid, "www.example.test"), (dest, port))
    finally:
        if pid:
            os.kill(pid, signal.SIGCONT)
    got, bad = 0, []
    try:
        while got < len(sent):
            reply, src = s.recvfrom(65535)
            qid = parse_reply(reply)[0]
            got += 1
            if sent.get(qid) != src[0]:
                bad.append("id %d sent to %s, reply from %s" % (qid, sent.get(qid), src[0]))
    except socket.timeout:
        pass
    s.close()
    report("burst of %d queries to %s: every reply from its query's address"
           % (len(sent), ", ".join(v4)), got == len(sent) and not bad,
           "%d of %d replies; %s" % (got, len(sent), "; ".join(bad[:3])))


def expect_rcode(port, name, data, rcode, qid, extra=None):
    reply, src = udp_ask(socket.AF_INET, "127.0.0.1", port, data)
    if reply is None:
        report(name, False, "no reply")
        return None
    rid, flags, qd, an, ns, ar = parse_reply(reply)
    ok = rid == qid and flags & 0x8000 and flags & 0xF == rcode and an == 0
    report(name, bool(ok) and (extra is None or extra(reply)),
           "id %d flags %04x rcode %d an %d (want id %d rcode %d)" % (rid, flags, flags & 0xF, an, qid, rcode))
    return reply


def expect_silence(port, name, data):
    reply, _ = udp_ask(socket.AF_INET, "127.0.0.1", port, data, 0.5)
    report(name, reply is None, "got a reply: %r" % (reply[:12] if reply else b""))


def cmd_malformed(port):
    q = query(0x1111, "www.example.test")
    expect_silence(port, "5-byte datagram: dropped", q[:5])
    expect_silence(port, "a response (QR=1): dropped", query(0x1112, "www.example.test", flags=0x8100))
    expect_rcode(port, "header only, QDCOUNT 1: FORMERR", q[:12], FORMERR, 0x1111)
    expect_rcode(port, "question cut short: FORMERR", q[:20], FORMERR, 0x1111)
    expect_rcode(port, "zero questions: FORMERR", header(0x1113, qd=0), FORMERR, 0x1113)
    two = header(0x1114, qd=2) + q[12:] + q[12:]
    expect_rcode(port, "two questions: FORMERR", two, FORMERR, 0x1114)
    fwd = header(0x1115) + b"\xc0\x0e" + struct.pack("!HH", 1, 1)  # -> its own type field
    expect_rcode(port, "name pointer pointing forward: FORMERR", fwd, FORMERR, 0x1115)
    loop = header(0x1116) + b"\x01a\xc0\x0c" + struct.pack("!HH", 1, 1)
    expect_rcode(port, "name pointer to itself (loop): FORMERR", loop, FORMERR, 0x1116)
    outside = header(0x1117) + b"\xff\xff" + struct.pack("!HH", 1, 1)
    expect_rcode(port, "name pointer outside the message: FORMERR", outside, FORMERR, 0x1117)
    ltype = header(0x1118) + b"\x41abc\x00" + struct.pack("!HH", 1, 1)
    expect_rcode(port, "unknown label type 0x41: FORMERR", ltype, FORMERR, 0x1118)
    expect_rcode(port, "trailing bytes: FORMERR", query(0x1119, "www.example.test") + b"xx",
                 FORMERR, 0x1119)
    opt = b"\x00" + struct.pack("!HHIH", 41, 1232, 0, 0)
    twoopt = header(0x111a, ar=2) + q[12:] + opt + opt
    expect_rcode(port, "two OPT records: FORMERR", twoopt, FORMERR, 0x111a)
    expect_rcode(port, "opcode STATUS: NOTIMP", query(0x111b, "www.example.test", flags=0x1100),
                 NOTIMP, 0x111b)
    # a legal but odd pointer: c0 0b points at ARCOUNT's low byte, 0: the root.
    # The question is echoed decompressed (the pointer meant the query).
    root = header(0x111c) + b"\xc0\x0b" + struct.pack("!HH", 1, 1)
    expect_rcode(port, "question name compressed into the header: NXDOMAIN, echoed as the root",
                 root, NXDOMAIN, 0x111c, lambda r: r[12:17] == b"\x00\x00\x01\x00\x01")
    # after all that, it still answers
    reply, _ = udp_ask(socket.AF_INET, "127.0.0.1", port, query(0x111d, "www.example.test"))
    report("still answering after the malformed queries",
           reply is not None and answers_a(reply) == ["192.0.2.1", "192.0.2.11"])


class Stream:
    """A TCP connection to the server that reads whole DNS/TCP frames."""

    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=3.0)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def read_frame(self):
        """The next message, or None if the connection ends first."""
        while len(self.buf) < 2 or len(self.buf) < 2 + struct.unpack("!H", self.buf[:2])[0]:
            chunk = self.s.recv(65537)
            if not chunk:
                return None
            self.buf += chunk
        n = struct.unpack("!H", self.buf[:2])[0]
        msg, self.buf = self.buf[2:2 + n], self.buf[2 + n:]
        return msg


def frame(msg):
    return struct.pack("!H", len(msg)) + msg


def cmd_tcp(port):
    # one query sent a byte at a time
    c = Stream(port)
    data = frame(query(0x2001, "www.example.test"))
    for i in range(len(data)):
        c.s.send(data[i:i + 1])
        time.sleep(0.005)
    r = c.read_frame()
    report("tcp: query in 1-byte pieces answered",
           r is not None and parse_reply(r)[0] == 0x2001 and answers_a(r) == ["192.0.2.1", "192.0.2.11"])
    # three queries in one segment on the same connection, answered in order
    c.s.sendall(frame(query(0x2002, "www.example.test")) + frame(query(0x2003, "nope.example.test"))
                + frame(query(0x2004, "www.example.test", qtype=28)))
    ids = []
    for _ in range(3):
        r = c.read_frame()
        ids.append(parse_reply(r)[0] if r else None)
    report("tcp: three pipelined queries, three replies in order", ids == [0x2002, 0x2003, 0x2004],
           "ids %s" % ids)
    # a query split inside the length prefix and inside the message
    data = frame(query(0x2005, "www.example.test"))
    c.s.send(data[:1])
    time.sleep(0.05)
    c.s.send(data[1:9])
    time.sleep(0.05)
    c.s.send(data[9:])
    r = c.read_frame()
    report("tcp: query split inside the length prefix", r is not None and parse_reply(r)[0] == 0x2005)
    # a malformed message inside a good frame: FORMERR, connection kept
    c.s.sendall(frame(header(0x2006, qd=0)))
    r = c.read_frame()
    report("tcp: zero questions: FORMERR, connection kept",
           r is not None and parse_reply(r)[0] == 0x2006 and parse_reply(r)[1] & 0xF == FORMERR)
    # a length prefix below 12 (no message can be that short): closed
    c.s.sendall(b"\x00\x05hello")
    try:
        closed = c.read_frame() is None
    except (ConnectionResetError, socket.timeout):
        closed = True
    report("tcp: length prefix 5: connection closed", closed)
    c.s.close()
    # the server still takes connections
    c = Stream(port)
    c.s.sendall(frame(query(0x2007, "www.example.test")))
    r = c.read_frame()
    c.s.close()
    report("tcp: new connection after a bad one", r is not None and parse_reply(r)[0] == 0x2007)


def main():
    cmd, port = sys.argv[1], int(sys.argv[2])
    if cmd == "wait":
        cmd_wait(port)
    elif cmd == "sources":
        args = sys.argv[3:]
        cmd_sources(port, "v6" in args, int(args[-1]) if args and args[-1].isdigit() else 0)
    elif cmd == "malformed":
        cmd_malformed(port)
    elif cmd == "tcp":
        cmd_tcp(port)
    else:
        sys.exit("unknown command " + cmd)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
