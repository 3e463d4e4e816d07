#!/usr/bin/python3
"""make.py - writes sctp.pcap (next to this script): SCTP packets (RFC 9260)
built with scapy (scapy.layers.sctp computes the CRC-32C) inside
Ethernet/IPv4, and malformed variants built by hand with a right CRC-32C.
Deterministic: fixed timestamps, addresses, tags and TSNs.

    /usr/bin/python3 tests/protocols/sctp/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, Raw
from scapy.layers.sctp import (SCTP, SCTPChunkCookieEcho, SCTPChunkData,
                               SCTPChunkHeartbeatReq, SCTPChunkInit, SCTPChunkInitAck,
                               SCTPChunkParamCookiePreservative, SCTPChunkParamHeartbeatInfo,
                               SCTPChunkParamIPv4Addr, SCTPChunkParamSupportedAddrTypes,
                               SCTPChunkParamStateCookie, SCTPChunkSACK, SCTPChunkShutdown,
                               crc32c)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402


def frame(sctp):
    return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / \
        IP(src="192.0.2.1", dst="192.0.2.2", proto=132) / sctp


def hdr(vtag=0x01020304):
    return SCTP(sport=5000, dport=5001, tag=vtag)


def raw_sctp(chunks, vtag=0x01020304, bad_crc=False):
    """Common header + chunk bytes, with the CRC-32C (RFC 9260 appendix B)."""
    b = struct.pack("!HHII", 5000, 5001, vtag, 0) + chunks
    crc = crc32c(b)   # scapy's: already in the byte order of the field
    if bad_crc:
        crc ^= 0x01000000
    return Raw(b[:8] + struct.pack("!I", crc) + b[12:])


frames = [
    # 1: INIT with parameters: supported address types (6 bytes: 2 of
    #    padding, inside the chunk), IPv4 address (the last)
    frame(hdr(0) / SCTPChunkInit(init_tag=0x11223344, a_rwnd=65536, n_out_streams=10, n_in_streams=10,
                                 init_tsn=1000, params=[SCTPChunkParamSupportedAddrTypes(addr_type_list=["IPv4"]),
                                                        SCTPChunkParamIPv4Addr(addr="192.0.2.1")])),
    # 2: INIT ACK: a state cookie of 7 bytes (padded, not last), then a cookie preservative
    frame(hdr(0x11223344) / SCTPChunkInitAck(init_tag=0x55667788, a_rwnd=32768, n_out_streams=5, n_in_streams=5,
                                             init_tsn=5000, params=[SCTPChunkParamStateCookie(cookie=b"cookie!"),
                                                                    SCTPChunkParamCookiePreservative(sug_cookie_inc=1000)])),
    # 3: COOKIE ECHO (7 bytes: 1 of chunk padding) and DATA. tshark 4.0's
    #    DATA chunk node ends after its 16-byte header (the user data goes to
    #    the upper layer), so the DATA chunks here carry no user data; user
    #    data and its padding are in tests/schemas-zoo/pad_*.zc
    frame(hdr(0x55667788) / SCTPChunkCookieEcho(cookie=b"cookie!") /
          SCTPChunkData(tsn=1000, stream_id=1, stream_seq=0, proto_id=46, data=b"", beginning=1, ending=1)),
    # 4: SACK with 2 gap blocks and 1 duplicate TSN
    frame(hdr(0x11223344) / SCTPChunkSACK(cumul_tsn_ack=5000, a_rwnd=30000, n_gap_ack=2, n_dup_tsn=1,
                                          gap_ack_list=["2:3", "5:6"], dup_tsn_list=[4998])),
    # 5: HEARTBEAT with heartbeat info of 4 bytes
    frame(hdr(0x55667788) / SCTPChunkHeartbeatReq(params=[SCTPChunkParamHeartbeatInfo(data=b"1234")])),
    # 6: SHUTDOWN and a DATA chunk (tshark 4.0 puts a second DATA chunk of a
    #    packet in a tree of its own, so one per packet here)
    frame(hdr(0x55667788) / SCTPChunkShutdown(cumul_tsn_ack=5001) /
          SCTPChunkData(tsn=1002, stream_id=2, stream_seq=2, proto_id=51, data=b"", beginning=1, ending=1)),
    # 7: ABORT with an error cause (user-initiated abort, cause 12, "bye": 7 bytes)
    frame(raw_sctp(struct.pack("!BBH", 6, 0, 4 + 7) + struct.pack("!HH", 12, 7) + b"bye" + b"\0")),
    # 8: a DATA chunk with a bad CRC-32C
    frame(raw_sctp(struct.pack("!BBHIHHI", 0, 3, 16, 2000, 0, 0, 0), bad_crc=True)),
    # 9: an unknown chunk type (0x3f, 6 bytes: 2 of padding)
    frame(raw_sctp(struct.pack("!BBH", 0x3f, 0, 6) + b"ab" + b"\0\0")),
    # 10: INIT as RFC 9260 3.2.1 sends it: the last parameter (supported
    #     address types, 6 bytes) has its padding outside the chunk length
    frame(raw_sctp(struct.pack("!BBHIIHHI", 1, 0, 20 + 8 + 6, 0x99887766, 4096, 2, 2, 77) +
                   struct.pack("!HH4s", 5, 8, bytes([192, 0, 2, 9])) + struct.pack("!HHH", 12, 6, 5) + b"\0\0",
                   vtag=0)),
    # malformed
    # 11: a DATA chunk whose length runs past the packet
    frame(raw_sctp(struct.pack("!BBHIHHI", 0, 3, 16 + 40, 2001, 0, 0, 0) + b"data")),
    # 12: a chunk length below 4
    frame(raw_sctp(struct.pack("!BBH", 0, 3, 2) + b"\0" * 16)),
    # (a chunk whose padding is cut short, `truncated: sctp_chunk.padding`,
    # cannot be here: tshark 4.0 accepts it without a note)
]
pcaplib.write(__file__, frames)
