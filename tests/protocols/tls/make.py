#!/usr/bin/python3
"""make.py - writes tls.pcap (next to this script): TLS records (RFC 8446)
crafted with scapy.layers.tls over TCP port 443 (one TCP segment per
record): ClientHellos and a ServerHello with extensions, a record with two
handshake messages, an alert, a ChangeCipherSpec, application data, and
malformed variants built by hand (the TCP segment always holds exactly the
record's bytes, so only TLS is broken). A handshake message cut by the end
of its record is not among them: tshark takes it as a fragment to be
continued in the next record, which tls.zc refuses (its header comment). Deterministic: fixed timestamps,
addresses, randoms and ports.

    /usr/bin/python3 tests/protocols/tls/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, TCP, Raw, wrpcap
from scapy.layers.tls.record import TLS, TLSAlert, TLSChangeCipherSpec, TLSApplicationData
from scapy.layers.tls.handshake import TLSClientHello, TLSServerHello, TLSServerHelloDone
from scapy.layers.tls.extensions import (ServerName, TLS_Ext_ServerName, TLS_Ext_SupportedGroups,
                                         TLS_Ext_SupportedVersion_CH, TLS_Ext_SupportedVersion_SH,
                                         TLS_Ext_Unknown)


def frame(i, payload, to_server=True):
    c, s = "192.0.2.10", "192.0.2.1"
    cport = 40000 + i
    ip = IP(src=c, dst=s) if to_server else IP(src=s, dst=c)
    tcp = (TCP(sport=cport, dport=443, flags="PA", seq=1000, ack=2000) if to_server else
           TCP(sport=443, dport=cport, flags="PA", seq=2000, ack=1000))
    return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / ip / tcp / Raw(payload)


RANDOM = bytes(range(28))


def client_hello(sid=b"", ciphers=(0x1301, 0x1302, 0xC02F), comp=(0,), ext=None):
    return TLSClientHello(version=0x0303, gmt_unix_time=0x01020304, random_bytes=RANDOM, sid=sid,
                          ciphers=list(ciphers), comp=list(comp), ext=ext)


def record(ctype, body, version=0x0303):
    return struct.pack("!BHH", ctype, version, len(body)) + body


ch1 = bytes(TLS(type=22, version=0x0301, msg=[client_hello(ext=[
    TLS_Ext_ServerName(servernames=[ServerName(servername=b"example.com")]),
    TLS_Ext_SupportedGroups(groups=[29, 23])])]))
ch2 = bytes(TLS(type=22, version=0x0303, msg=[client_hello(
    sid=bytes(range(0xA0, 0xC0)), ciphers=(0x1301, 0x1302, 0x1303, 0xC02B, 0xC02C, 0xCCA9, 0x009C),
    comp=(0, 1), ext=[TLS_Ext_SupportedVersion_CH(versions=[0x0304, 0x0303]),
                      TLS_Ext_Unknown(type=0xFF01, val=b"\x00"),
                      TLS_Ext_Unknown(type=0x0017, val=b"")])]))
sh = TLSServerHello(version=0x0303, gmt_unix_time=0x05060708, random_bytes=RANDOM[::-1],
                    sid=bytes(range(0xA0, 0xC0)), cipher=0x1301, comp=0,
                    ext=[TLS_Ext_SupportedVersion_SH(version=0x0304)])
sh1 = bytes(TLS(type=22, version=0x0303, msg=[sh]))
# TLS 1.2 style: ServerHello and ServerHelloDone in one record
sh2 = bytes(TLS(type=22, version=0x0303, msg=[
    TLSServerHello(version=0x0303, gmt_unix_time=0x05060708, random_bytes=RANDOM, sid=b"",
                   cipher=0xC02F, comp=0, ext=[TLS_Ext_Unknown(type=0xFF01, val=b"\x00")]),
    TLSServerHelloDone()]))
alert = bytes(TLS(type=21, version=0x0303, msg=[TLSAlert(level=2, descr=40)]))
ccs = bytes(TLS(type=20, version=0x0303, msg=[TLSChangeCipherSpec()]))
appdata = bytes(TLS(type=23, version=0x0303, msg=[TLSApplicationData(data=bytes(range(0x30, 0x50)))]))

# Malformed variants, by hand from the ClientHello above (record header 5
# bytes, handshake header 4, then version 2, random 32, session id 1 + 0):
body = bytearray(ch1[9:])            # the ClientHello body
hs = lambda b: bytes([1]) + struct.pack("!I", len(b))[1:] + bytes(b)
odd = bytearray(body)                # cipher_suites_length 5: not whole be16 elements
odd[35:37] = struct.pack("!H", 5)
odd[37 + 6:37 + 6] = b"\x00"         # one more byte, so that the rest still lines up
bad_odd = record(22, hs(odd))
cut_record = ch1[:40]                        # the record says 81 bytes, the segment ends at 40
sid_big = bytearray(body)                    # legacy_session_id_length 33 > 32
sid_big[34] = 33

payloads = [
    (ch1, True), (ch2, True), (sh1, False), (sh2, False), (alert, False), (ccs, True), (appdata, False),
    (bad_odd, True), (cut_record, True), (record(22, hs(sid_big)), True),
]

frames = []
for i, (p, up) in enumerate(payloads):
    f = frame(i, p, up)
    f.time = 1700000000 + i
    frames.append(f)

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "tls.pcap")
wrpcap(out, frames)
