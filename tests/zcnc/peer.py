#!/usr/bin/env python3
"""tests/zcnc/peer.py - the other end of zcnc's tests, written without zcnc.

  peer.py query ID NAME [TYPE]         print a DNS query (RD set) as bytes
  peer.py tcp-frames HOST PORT MODE    send DNS/TCP frames of known queries
                                       (MODE: whole, bytes, split) and print
                                       "id=N name=X" for each, as sent
  peer.py tcp-rst HOST PORT            send 2,000 frames, read nothing, reset
  peer.py tcp-raw HOST PORT HEX        send bytes, then say whether the peer
                                       closed the connection ("closed")
  peer.py udp-ask ADDR PORT TEXT       send TEXT from an unconnected socket;
                                       print the reply's source address
  peer.py udp-raw ADDR PORT HEX...     send each HEX as one datagram
"""
import random
import socket
import struct
import sys
import time


def query(qid, name, qtype=1):
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.rstrip(".").split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack(">HH", qtype, 1)


QUERIES = [(0x1111, "a.example"), (0x2222, "bb.example.org"),
           (0x3333, "c" * 60 + ".example"), (0x4444, "www.zerocast.test")]


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def main():
    cmd = sys.argv[1]
    if cmd == "query":
        qtype = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        sys.stdout.buffer.write(query(int(sys.argv[2], 0), sys.argv[3], qtype))
        return
    if cmd == "tcp-frames":
        host, port, mode = sys.argv[2], int(sys.argv[3]), sys.argv[4]
        data = b"".join(struct.pack(">H", len(q)) + q
                        for q in (query(i, n) for i, n in QUERIES))
        s = socket.create_connection((host, port), timeout=5)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if mode == "whole":
            s.sendall(data)
        elif mode == "bytes":          # one byte a write
            for b in data:
                s.sendall(bytes([b]))
                time.sleep(0.002)
        else:                          # pieces that split frames and join them
            rng = random.Random(7)
            i = 0
            while i < len(data):
                n = rng.randint(1, 40)
                s.sendall(data[i:i + n])
                i += n
                time.sleep(0.01)
        s.shutdown(socket.SHUT_WR)
        while s.recv(4096):
            pass
        for i, n in QUERIES:
            print("id=%d name=%s" % (i, n))
        return
    if cmd == "tcp-rst":               # many frames, then a reset, unread
        host, port = sys.argv[2], int(sys.argv[3])
        s = socket.create_connection((host, port), timeout=5)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        q = query(1, "x" * 60 + ".example")
        s.sendall((struct.pack(">H", len(q)) + q) * 2000)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        return
    if cmd == "tcp-raw":
        host, port = sys.argv[2], int(sys.argv[3])
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(bytes.fromhex(sys.argv[4]))
        s.settimeout(1)
        try:
            print("closed" if s.recv(4096) == b"" else "open")
        except socket.timeout:
            print("open")
        except ConnectionResetError:
            print("closed")
        return
    if cmd == "tcp-pieces":             # each hex argument a write of its own, then close
        host, port = sys.argv[2], int(sys.argv[3])
        s = socket.create_connection((host, port), timeout=5)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for h in sys.argv[4:]:
            s.sendall(bytes.fromhex(h))
            time.sleep(0.05)
        s.close()
        return
    if cmd == "udp-ask":
        addr, port = sys.argv[2], int(sys.argv[3])
        s = socket.socket(family(addr), socket.SOCK_DGRAM)
        s.settimeout(3)
        s.sendto(sys.argv[4].encode(), (addr, port))
        data, src = s.recvfrom(4096)
        print("%s %s" % (src[0], data.decode()))
        return
    if cmd == "udp-raw":
        addr, port = sys.argv[2], int(sys.argv[3])
        s = socket.socket(family(addr), socket.SOCK_DGRAM)
        for h in sys.argv[4:]:
            s.sendto(bytes.fromhex(h), (addr, port))
            time.sleep(0.05)
        return
    sys.exit("unknown command " + cmd)


main()
