"""frames.py - the PPPoE frames of the pppoed, pppoes, ppp, lcp, ipcp and
ipv6cp protocol tests (RFC 2516, RFC 1661, 1332, 1877, 5072), built by hand
with struct after scapy's Ethernet, VLAN, IP and UDP headers. Each test's
make.py picks its frames: discovery() or session(), and writes them.
Deterministic: fixed timestamps, addresses, session ids and magic numbers."""
import os
import struct
import sys

from scapy.all import ICMP, IP, UDP, Dot1Q, Ether, IPv6, Raw

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402

HOST = "02:00:00:00:00:01"
AC = "02:00:00:00:00:02"


def eth(t, src=HOST, dst=AC):
    return Ether(src=src, dst=dst, type=t)


def tag(t, value):
    return struct.pack(">HH", t, len(value)) + value


def pppoe(code, sid, body, length=None):
    n = len(body) if length is None else length
    return struct.pack(">BBHH", 0x11, code, sid, n) + body


def disc(code, sid, tags, length=None, vlan=None):
    body = b"".join(tags)
    e = eth(0x8863, dst="ff:ff:ff:ff:ff:ff" if code == 0x09 else AC)
    if vlan is not None:
        e = eth(0x8100, dst=AC) / Dot1Q(vlan=vlan, type=0x8863)
    return e / Raw(pppoe(code, sid, body, length))


def discovery():
    return [
        # 1: PADI: any service, a host-uniq
        disc(0x09, 0, [tag(0x0101, b""), tag(0x0103, b"\x12\x34\x56\x78")]),
        # 2: PADO: AC name, two service names, a cookie, the host-uniq
        disc(0x07, 0, [tag(0x0102, b"ac-one"), tag(0x0101, b""), tag(0x0101, b"internet"),
                       tag(0x0104, bytes(range(16))), tag(0x0103, b"\x12\x34\x56\x78")]),
        # 3: PADR: service, host-uniq, cookie, PPP-Max-Payload (RFC 4638),
        # a vendor tag (enterprise 3561, the Broadband Forum)
        disc(0x19, 0, [tag(0x0101, b"internet"), tag(0x0103, b"\x12\x34\x56\x78"),
                       tag(0x0104, bytes(range(16))), tag(0x0120, b"\x05\xdc"),
                       tag(0x0105, b"\x00\x00\x0d\xe9" + b"\x01\x04circ")]),
        # 4: PADS: the session id
        disc(0x65, 0x1234, [tag(0x0101, b"internet"), tag(0x0103, b"\x12\x34\x56\x78")]),
        # 5: PADT with a generic error and an AC system error
        disc(0xa7, 0x1234, [tag(0x0203, b"session closed"), tag(0x0202, b"")]),
        # 6: PADI with a relay session id, a service name error, credits,
        # metrics, a sequence number and credit scale (RFC 5578) and
        # End-Of-List (no unassigned tag type: tshark 4.0 shows such a
        # tag's value at the position of its length field)
        disc(0x09, 0, [tag(0x0110, b"\x00\x01\x02\x03"), tag(0x0201, b"no"),
                       tag(0x0106, b"\x00\x10\x00\x20"), tag(0x0107, b"\x00" * 8),
                       tag(0x0108, b"\x00\x07"), tag(0x0109, b"\x00\x40"),
                       tag(0x0000, b"")]),
        # 7: PADO without tags
        disc(0x07, 0, []),
        # ---- malformed (statuses in the spec) ----
        # 8: a tag whose length runs past the PPPoE payload
        disc(0x07, 0, [tag(0x0102, b"ac-one"), struct.pack(">HH", 0x0101, 40) + b"abc"]),
        # 9: a tag header cut after its type
        disc(0x09, 0, [tag(0x0101, b""), b"\x01\x03"]),
        # 10: the PPPoE length runs past the frame
        disc(0x09, 0, [tag(0x0101, b"")], length=30),
    ]


def ppp(proto, body):
    return struct.pack(">H", proto) + body


def cp(code, ident, data, length=None):
    n = len(data) + 4 if length is None else length
    return struct.pack(">BBH", code, ident, n) + data


def opt(t, value):
    return bytes([t, len(value) + 2]) + value


def sess(payload, length=None, sid=0x1234, src=HOST, dst=AC):
    return eth(0x8864, src, dst) / Raw(pppoe(0x00, sid, payload, length))


LCP, IPCP, IPV6CP = 0xc021, 0x8021, 0x8057


def session():
    ip4 = bytes(IP(src="192.0.2.1", dst="192.0.2.2", id=1) / ICMP(id=7, seq=1) / Raw(b"ping"))
    ip6 = bytes(IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=4000, dport=5000) / Raw(b"hello"))
    return [
        # 1: LCP Configure-Request: MRU, ACCM, CHAP with MD5, magic number,
        # PFC, ACFC, and an option of a type the schema does not name
        sess(ppp(LCP, cp(1, 1, opt(1, b"\x05\xd4") + opt(2, b"\x00\x00\x00\x00") +
                          opt(3, b"\xc2\x23\x05") + opt(5, b"\x12\x34\x56\x78") +
                          opt(7, b"") + opt(8, b"") + opt(13, b"\x06")))),
        # 2: LCP Configure-Ack: PAP
        sess(ppp(LCP, cp(2, 1, opt(1, b"\x05\xd4") + opt(3, b"\xc0\x23"))), src=AC, dst=HOST),
        # 3: LCP Echo-Request with data, Echo-Reply without
        sess(ppp(LCP, cp(9, 2, b"\x12\x34\x56\x78" + b"data"))),
        sess(ppp(LCP, cp(10, 2, b"\x9a\xbc\xde\xf0")), src=AC, dst=HOST),
        # 5: LCP Protocol-Reject of CCP
        sess(ppp(LCP, cp(8, 3, b"\x80\xfd" + b"\x01\x01\x00\x04"))),
        # 6: LCP Terminate-Request with data, Code-Reject
        sess(ppp(LCP, cp(5, 4, b"bye"))),
        sess(ppp(LCP, cp(7, 5, b"\x0e\x01\x00\x04"))),
        # 8: IPCP Configure-Request: address 0.0.0.0, primary and secondary DNS
        sess(ppp(IPCP, cp(1, 1, opt(3, b"\x00" * 4) + opt(129, b"\x00" * 4) + opt(131, b"\x00" * 4)))),
        # 9: IPCP Configure-Nak: the addresses to use; and IP-Addresses (RFC 1172)
        sess(ppp(IPCP, cp(3, 1, opt(3, b"\xc0\x00\x02\x01") + opt(129, b"\xc0\x00\x02\x35") +
                          opt(131, b"\xc0\x00\x02\x36") + opt(1, b"\xc0\x00\x02\x01\xc0\x00\x02\x02"))),
             src=AC, dst=HOST),
        # 10: IPCP Terminate-Ack (no data)
        sess(ppp(IPCP, cp(6, 9, b""))),
        # 11: IPV6CP Configure-Request with an interface identifier, and
        # IPv6-Compression
        sess(ppp(IPV6CP, cp(1, 1, opt(1, b"\x02\x00\x00\xff\xfe\x00\x00\x01") + opt(2, b"\x00\x4f")))),
        # 12: IPV6CP Code-Reject
        sess(ppp(IPV6CP, cp(7, 2, b"\x0d\x01\x00\x04")), src=AC, dst=HOST),
        # 13: IPv4 (an ICMP echo) and 14: IPv6 (UDP) in the session
        sess(ppp(0x0021, ip4)),
        sess(ppp(0x0057, ip6), src=AC, dst=HOST),
        # 15: PAP (no decoder in the stack: the walk ends after PPP)
        sess(ppp(0xc023, b"\x01\x01\x00\x0c\x04user\x02pw")),
        # ---- malformed (statuses in the specs) ----
        # (an LCP option of length 1, an IPCP option past its packet, an
        # IPV6CP length of 3 and a PPPoE length past the frame are refused
        # by zerocast, but tshark 4.0 only warns or accepts them: see
        # schemas/ppp.zc and schemas/pppoe.zc; unflagged() has them)
        # 16: LCP length past the PPP frame
        sess(ppp(LCP, cp(1, 7, opt(1, b"\x05\xd4"), length=20))),
    ]


def unflagged():
    """Frames zerocast refuses and tshark 4.0 does not flag."""
    return [
        # 16: LCP option length 1
        sess(ppp(LCP, cp(1, 6, opt(1, b"\x05\xd4") + b"\x05\x01\x00\x00"))),
        # 18: an IPCP option running past the packet
        sess(ppp(IPCP, cp(1, 8, opt(3, b"\x00" * 4) + b"\x81\x06\x00"))),
        # 19: IPV6CP length 3 (below the header)
        sess(ppp(IPV6CP, cp(1, 9, b"", length=3))),
        # 20: the PPPoE session length runs past the frame
        sess(ppp(LCP, cp(9, 10, b"\x12\x34\x56\x78")), length=40),
    ]


def session_of(proto):
    """The session() frames whose PPP protocol is proto."""
    return [f for f in session() if bytes(f)[20:22] == struct.pack(">H", proto)]


def write(script, frames):
    """Write frames as script's pcap (tests/protocols/pcaplib.py)."""
    pcaplib.write(script, frames)
