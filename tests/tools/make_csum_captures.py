#!/usr/bin/python3
"""make_csum_captures.py - checksum fixtures for tests/unit/test_csum.c.

Usage:  /usr/bin/python3 tests/tools/make_csum_captures.py [-o OUT] [CAPTURES_DIR]
        (default tests/captures; writes OUT, by default
        CAPTURES_DIR/csum/corrupt.pcap)

Plain Python (no scapy), fixed timestamps: the output is byte-identical on
every run for the same input captures. corrupt.pcap holds, in this order:

 1. For every frame of every CAPTURES_DIR/*.pcap (files sorted by name,
    frames in order) that carries IPv4 or IPv6 (after Ethernet and up to
    two VLAN tags), two copies:
      a. one byte of the outermost IP header flipped (XOR 0xff): the last
         byte of the source address. IPv4: breaks the header checksum and
         the pseudo-header of TCP/UDP (not ICMPv4, which has none); IPv6:
         breaks TCP/UDP/ICMPv6 through the pseudo-header.
      b. the last byte of the IP datagram flipped (the end of the innermost
         payload: data, an option, an inner packet's last byte).
    Lengths, types and protocol numbers are untouched, so every layer is
    still decoded the same way; only checksums change.
 2. Hand-made frames for the corner cases (CRAFTED below, one per entry):
    UDP's zero over IPv4 and IPv6, computed zeros sent as 0xFFFF, -0 in
    TCP and IPv4 header fields, odd lengths, trailing bytes after a UDP
    datagram, an IPv6 routing header (final destination in the
    pseudo-header) and bad ICMPv4/ICMPv6/GRE checksums.

The expected verdicts are tshark's (tests/tools/make_csum_expect.py), never
this script's: its own checksum code only builds the crafted frames.
"""

import os
import struct
import sys

T0 = 1700000000
MAC = bytes.fromhex("020000000002" "020000000001")


# ---- pcap ------------------------------------------------------------------

def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise SystemExit(f"{path}: not a classic pcap file")
    linktype = struct.unpack(e + "I", data[20:24])[0]
    if linktype != 1:
        raise SystemExit(f"{path}: link type {linktype}, want Ethernet (1)")
    frames, off = [], 24
    while off < len(data):
        _, _, caplen, _ = struct.unpack(e + "IIII", data[off:off + 16])
        off += 16
        frames.append(data[off:off + caplen])
        off += caplen
    return frames


def write_pcap(path, frames):
    out = [struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)]
    for i, fr in enumerate(frames):
        out.append(struct.pack("<IIII", T0 + i, 0, len(fr), len(fr)))
        out.append(fr)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(b"".join(out))
    os.replace(tmp, path)


# ---- the Internet checksum (only to build the crafted frames) --------------

def csum_sum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s


def csum(data):
    return ~csum_sum(data) & 0xffff


def put16(b, off, v):
    b[off:off + 2] = struct.pack("!H", v)


# ---- builders ----------------------------------------------------------------

A4 = [bytes([192, 0, 2, i]) for i in range(256)]
A6 = [bytes.fromhex("20010db8000000000000000000000000")[:15] + bytes([i]) for i in range(256)]


def eth(etype, payload):
    return MAC + struct.pack("!H", etype) + payload


def ipv4(proto, payload, src=A4[1], dst=A4[2], ident=0x1234, hcsum=None, extra=b"",
         frag=0):
    """IPv4 header (no options) + payload; extra bytes follow the payload
    inside the datagram (total_length covers them). frag: the flags and
    fragment offset word."""
    body = payload + extra
    h = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(body), ident, frag,
                              64, proto, 0, src, dst))
    put16(h, 10, csum(bytes(h)) if hcsum is None else hcsum)
    return eth(0x0800, bytes(h) + body)


def ipv6(nh, payload, src=A6[1], dst=A6[2]):
    h = struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, 64, src, dst)
    return eth(0x86dd, h + payload)


def pseudo4(src, dst, proto, n):
    return src + dst + struct.pack("!BBH", 0, proto, n)


def pseudo6(src, dst, nh, n):
    return src + dst + struct.pack("!I3xB", n, nh)


def udp(payload, ph, field=None, fix=False, xor=0):
    """A UDP datagram; field: checksum to write (None: the right one, XOR
    xor). fix: first adjust the last two payload bytes so that the computed
    checksum is 0 (then the right field is 0xFFFF)."""
    d = bytearray(struct.pack("!HHHH", 49152, 49153, 8 + len(payload), 0) + payload)
    pseudo = ph(8 + len(payload))
    if fix:
        put16(d, len(d) - 2, 0)
        put16(d, len(d) - 2, csum(pseudo + bytes(d)))   # now sums to 0xffff
        assert csum(pseudo + bytes(d)) == 0
    if field is None:
        field = (csum(pseudo + bytes(d)) or 0xffff) ^ xor
    put16(d, 6, field)
    return bytes(d)


def tcp(payload, ph, field=None, fix=False):
    d = bytearray(struct.pack("!HHIIBBHHH", 49152, 49153, 1000, 2000, 0x50, 0x18, 8192, 0, 0)
                  + payload)
    pseudo = ph(len(d))
    if fix:   # the urgent pointer takes the slack: computed checksum 0
        put16(d, 18, 0)
        put16(d, 18, csum(pseudo + bytes(d)))
        assert csum(pseudo + bytes(d)) == 0
    put16(d, 16, csum(pseudo + bytes(d)) if field is None else field)
    return bytes(d)


def icmp_echo(payload, ph=None, field=None, typ=8):
    d = bytearray(struct.pack("!BBHHH", typ, 0, 0, 0x77, 1) + payload)
    pseudo = ph(len(d)) if ph else b""
    right = csum(pseudo + bytes(d))
    put16(d, 2, right if field is None else field)
    return bytes(d)


def p4(proto, src=A4[1], dst=A4[2]):
    return lambda n: pseudo4(src, dst, proto, n)


def p6(nh, src=A6[1], dst=A6[2]):
    return lambda n: pseudo6(src, dst, nh, n)


def ipv4_zero_header(field):
    """An IPv4 header whose computed checksum is 0 (the identification
    takes the slack), with `field` written into it."""
    h = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + 8, 0, 0, 64, 17, 0,
                              A4[3], A4[4]))
    put16(h, 4, csum(bytes(h)))
    assert csum(bytes(h)) == 0
    put16(h, 10, field)
    payload = udp(b"", p4(17, A4[3], A4[4]), field=0)
    return eth(0x0800, bytes(h) + payload)


def routed6():
    """TCP over IPv6 with a type 0 routing header, one address left: the
    pseudo-header's destination is the routing header's last address."""
    final = A6[0x99]
    rh = struct.pack("!BBBB4x16s", 6, 2, 0, 1, final)
    seg = tcp(b"routed", p6(6, A6[1], final))
    return ipv6(43, rh + seg)


def routed6_wrong():
    """The same, checksummed with the IPv6 destination instead (wrong)."""
    final = A6[0x99]
    rh = struct.pack("!BBBB4x16s", 6, 2, 0, 1, final)
    seg = tcp(b"routed", p6(6, A6[1], A6[2]))
    return ipv6(43, rh + seg)


def first_fragment():
    """The first fragment (MF set, offset 0) of a UDP datagram: the UDP
    length and checksum are the whole datagram's."""
    whole = udp(bytes(range(64)), p4(17))
    return ipv4(17, whole[:8 + 24], frag=0x2000)


def gre_bad():
    inner = ipv4(1, icmp_echo(b"gre"))[14:]
    g = bytearray(struct.pack("!HHHH", 0x8000, 0x0800, 0, 0) + inner)
    put16(g, 4, csum(bytes(g)) ^ 0x0100)
    return ipv4(47, bytes(g))


CRAFTED = [
    ("udp4 checksum 0 (none)", lambda: ipv4(17, udp(b"none", p4(17), field=0))),
    ("udp6 checksum 0 (illegal)", lambda: ipv6(17, udp(b"none", p6(17), field=0))),
    ("udp4 computed 0 sent as ffff", lambda: ipv4(17, udp(b"zero..", p4(17), fix=True))),
    ("udp6 computed 0 sent as ffff", lambda: ipv6(17, udp(b"zero..", p6(17), fix=True))),
    ("udp4 computed 0 sent as 0000 (= none)",
     lambda: ipv4(17, udp(b"zero..", p4(17), fix=True, field=0))),
    ("tcp4 computed 0, field 0000", lambda: ipv4(6, tcp(b"abc", p4(6), fix=True))),
    ("tcp4 computed 0, field ffff (-0)",
     lambda: ipv4(6, tcp(b"abc", p4(6), fix=True, field=0xffff))),
    ("tcp6 computed 0, field ffff (-0)",
     lambda: ipv6(6, tcp(b"abc", p6(6), fix=True, field=0xffff))),
    ("ipv4 header computed 0, field 0000", lambda: ipv4_zero_header(0)),
    ("ipv4 header computed 0, field ffff (-0)", lambda: ipv4_zero_header(0xffff)),
    ("ipv4 header checksum off by one", lambda: ipv4(17, udp(b"x", p4(17)), hcsum=0x1234)),
    ("udp4 odd length, right", lambda: ipv4(17, udp(b"odd", p4(17)))),
    ("udp4 odd length, off by one", lambda: ipv4(17, udp(b"odd", p4(17), xor=1))),
    ("udp6 odd length, right", lambda: ipv6(17, udp(b"odd", p6(17)))),
    ("udp4 + 5 trailing bytes in the IP payload",
     lambda: ipv4(17, udp(b"datagram", p4(17)), extra=b"trail")),
    ("tcp6 with routing header: final destination", routed6),
    ("tcp6 with routing header: header destination (wrong)", routed6_wrong),
    ("icmpv4 echo, right, odd length", lambda: ipv4(1, icmp_echo(b"odd"))),
    ("icmpv4 echo, bad", lambda: ipv4(1, icmp_echo(b"ping", field=0xbeef))),
    ("icmpv6 echo, right", lambda: ipv6(58, icmp_echo(b"ping", p6(58), typ=128))),
    ("icmpv6 echo, bad", lambda: ipv6(58, icmp_echo(b"ping", p6(58), field=0xbeef, typ=128))),
    ("gre with a bad checksum", gre_bad),
    ("udp4 first fragment (MF set): not verifiable", first_fragment),
]


# ---- corrupted copies of the project's captures ------------------------------

def ip_offset(fr):
    """(offset of the outermost IP header, 4 or 6) or None."""
    off = 12
    for _ in range(3):
        if len(fr) < off + 2:
            return None
        t = struct.unpack("!H", fr[off:off + 2])[0]
        if t in (0x8100, 0x88a8):
            off += 4
            continue
        if t == 0x0800 and len(fr) >= off + 2 + 20:
            return off + 2, 4
        if t == 0x86dd and len(fr) >= off + 2 + 40:
            return off + 2, 6
        return None
    return None


def corrupted(fr):
    found = ip_offset(fr)
    if not found:
        return []
    ip, ver = found
    if ver == 4:
        src_last = ip + 15
        end = ip + struct.unpack("!H", fr[ip + 2:ip + 4])[0]
    else:
        src_last = ip + 8 + 15
        end = ip + 40 + struct.unpack("!H", fr[ip + 4:ip + 6])[0]
    end = min(end, len(fr))
    out = []
    for at in (src_last, end - 1):
        b = bytearray(fr)
        b[at] ^= 0xff
        out.append(bytes(b))
    return out


def main():
    args = sys.argv[1:]
    out = None
    if len(args) >= 2 and args[0] == "-o":
        out, args = args[1], args[2:]
    if len(args) > 1 or (args and args[0].startswith("-")):
        raise SystemExit(__doc__)
    cap = args[0] if args else "tests/captures"
    if out is None:
        os.makedirs(os.path.join(cap, "csum"), exist_ok=True)
        out = os.path.join(cap, "csum", "corrupt.pcap")
    frames = []
    for name in sorted(os.listdir(cap)):
        if name.endswith(".pcap"):
            for fr in read_pcap(os.path.join(cap, name)):
                frames.extend(corrupted(fr))
    for _, make in CRAFTED:
        frames.append(make())
    write_pcap(out, frames)
    print(f"{out}: {len(frames)} frames "
          f"({len(frames) - len(CRAFTED)} corrupted copies, {len(CRAFTED)} crafted)")


if __name__ == "__main__":
    main()
