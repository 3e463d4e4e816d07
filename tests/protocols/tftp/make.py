#!/usr/bin/python3
"""make.py - writes tftp.pcap (next to this script): TFTP messages (RFC
1350, options RFC 2347) crafted with scapy (scapy.layers.tftp), and
malformed variants built by hand inside valid Ethernet/IPv4/UDP headers
(the UDP length always matches the TFTP bytes, so only TFTP is broken).
Every frame goes to or comes from UDP port 69, so that tshark decodes it
as TFTP without a conversation. Deterministic: fixed timestamps, fixed
addresses.

    /usr/bin/python3 tests/protocols/tftp/make.py [OUT.pcap]
"""
import os
import sys

from scapy.all import Ether, IP, UDP, Raw
from scapy.layers.tftp import (TFTP, TFTP_ACK, TFTP_DATA, TFTP_ERROR, TFTP_OACK,
                               TFTP_Option, TFTP_Options, TFTP_RRQ, TFTP_WRQ)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402


def frame(payload):
    return (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") /
            IP(src="192.0.2.1", dst="192.0.2.2") / UDP(sport=1069, dport=69) / payload)


def raw(b):
    return frame(Raw(b))


frames = [
    # 1-2: read and write requests
    frame(TFTP() / TFTP_RRQ(filename=b"boot/pxelinux.0", mode=b"octet")),
    frame(TFTP() / TFTP_WRQ(filename=b"notes.txt", mode=b"netascii")),
    # 3: a read request with options (RFC 2347)
    frame(TFTP() / TFTP_RRQ(filename=b"image.bin", mode=b"octet") /
          TFTP_Options(options=[TFTP_Option(oname=b"blksize", value=b"1428"),
                                TFTP_Option(oname=b"tsize", value=b"0")])),
    # 4-6: data (full, short, empty), ack
    frame(TFTP() / TFTP_DATA(block=1) / Raw(bytes(range(256)) * 2)),
    frame(TFTP() / TFTP_DATA(block=2) / Raw(b"the last block")),
    frame(TFTP() / TFTP_DATA(block=3)),
    frame(TFTP() / TFTP_ACK(block=2)),
    # 8-9: errors, with a message and with an empty one
    frame(TFTP() / TFTP_ERROR(errorcode=1, errormsg=b"File not found")),
    frame(TFTP() / TFTP_ERROR(errorcode=0, errormsg=b"")),
    # 10: option acknowledgment
    frame(TFTP() / TFTP_OACK() /
          TFTP_Options(options=[TFTP_Option(oname=b"blksize", value=b"1428")])),
    # ---- malformed (statuses in the spec) ----
    # 11: a read request whose mode has no terminator
    raw(b"\x00\x01file.txt\x00octet"),
    # 12: a read request whose filename has no terminator
    raw(b"\x00\x01file.txt"),
    # 13: an error whose message has no terminator
    raw(b"\x00\x05\x00\x02Access violation"),
    # 14: an ack cut in its block number
    raw(b"\x00\x04\x00"),
]

pcaplib.write(__file__, frames)
