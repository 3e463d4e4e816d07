#!/usr/bin/python3
"""make.py - writes dhcpv6.pcap (next to this script, or OUT.pcap): DHCPv6
messages crafted with scapy (scapy.layers.dhcp6) over IPv6/UDP, and
malformed variants built by hand inside valid Ethernet/IPv6/UDP headers
(the UDP length always matches the DHCPv6 bytes, so only DHCPv6 is broken).
Deterministic: fixed timestamps, addresses, DUIDs and transaction IDs.

    /usr/bin/python3 tests/protocols/dhcpv6/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IPv6, Raw, UDP
from scapy.layers.dhcp6 import (
    DHCP6_Advertise, DHCP6_InfoRequest, DHCP6_RelayForward, DHCP6_Reply, DHCP6_Request,
    DHCP6_Solicit, DHCP6OptClientId, DHCP6OptDNSServers, DHCP6OptElapsedTime,
    DHCP6OptIA_NA, DHCP6OptIAAddress, DHCP6OptIfaceId, DHCP6OptOptReq, DHCP6OptPref,
    DHCP6OptRapidCommit, DHCP6OptRelayMsg, DHCP6OptServerId, DHCP6OptStatusCode,
    DHCP6OptVendorClass, DUID_EN, DUID_LL, DUID_LLT, VENDOR_CLASS_DATA)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402

CLIENT_MAC, SERVER_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02"
CLIENT, SERVER = "fe80::1", "fe80::2"
CLIENT_DUID = DUID_LLT(hwtype=1, timeval=0x2a5f1c00, lladdr=CLIENT_MAC)
SERVER_DUID = DUID_LL(hwtype=1, lladdr=SERVER_MAC)


def to_server(msg):
    return (Ether(src=CLIENT_MAC, dst="33:33:00:01:00:02") /
            IPv6(src=CLIENT, dst="ff02::1:2", hlim=1) / UDP(sport=546, dport=547) / msg)


def to_client(msg):
    return (Ether(src=SERVER_MAC, dst=CLIENT_MAC) /
            IPv6(src=SERVER, dst=CLIENT, hlim=255) / UDP(sport=547, dport=546) / msg)


def opt(code, body):
    return struct.pack("!HH", code, len(body)) + body


def raw_opt(code, length, body):
    """An option whose length field says `length`, whatever the body."""
    return struct.pack("!HH", code, length) + body


addr = DHCP6OptIAAddress(addr="2001:db8::100", preflft=3600, validlft=7200)

frames = [
    # 1: Solicit: client id (DUID-LLT), elapsed time, empty IA_NA, ORO,
    #    rapid commit
    to_server(DHCP6_Solicit(trid=0x4a2b3c) / DHCP6OptClientId(duid=CLIENT_DUID) /
              DHCP6OptElapsedTime(elapsedtime=0) /
              DHCP6OptIA_NA(iaid=0x0a0b0c0d, T1=0, T2=0) /
              DHCP6OptOptReq(reqopts=[23, 24]) / DHCP6OptRapidCommit()),
    # 2: Advertise: server id (DUID-LL), IA_NA with an address, preference,
    #    DNS servers
    to_client(DHCP6_Advertise(trid=0x4a2b3c) / DHCP6OptClientId(duid=CLIENT_DUID) /
              DHCP6OptServerId(duid=SERVER_DUID) /
              DHCP6OptIA_NA(iaid=0x0a0b0c0d, T1=1800, T2=2880, ianaopts=[addr]) /
              DHCP6OptPref(prefval=255) /
              DHCP6OptDNSServers(dnsservers=["2001:db8::53", "2001:db8::54"])),
    # 3: Request: client id DUID-EN, elapsed time 1.5 s, an IA_NA holding an
    #    option other than IAADDR and STATUS_CODE (code 99), ORO of three
    to_server(DHCP6_Request(trid=0x010203) /
              DHCP6OptClientId(duid=DUID_EN(enterprisenum=32473, id=b"\x01\x02\x03\x04\x05")) /
              DHCP6OptServerId(duid=SERVER_DUID) / DHCP6OptElapsedTime(elapsedtime=150) /
              DHCP6OptIA_NA(iaid=0x0a0b0c0d, T1=0, T2=0,
                            ianaopts=[addr, Raw(opt(99, b"\x01\x02\x03"))]) /
              DHCP6OptOptReq(reqopts=[23, 24, 31])),
    # 4: Reply: status code in the message and in the IA_NA, an IA address
    #    with an IAaddr-option (a status code) inside
    to_client(DHCP6_Reply(trid=0x010203) / DHCP6OptServerId(duid=SERVER_DUID) /
              DHCP6OptStatusCode(statuscode=0, statusmsg="all addresses assigned") /
              DHCP6OptIA_NA(iaid=0x0a0b0c0d, T1=1800, T2=2880, ianaopts=[
                  DHCP6OptIAAddress(addr="2001:db8::100", preflft=3600, validlft=7200,
                                    iaaddropts=[DHCP6OptStatusCode(statuscode=0)]),
                  DHCP6OptStatusCode(statuscode=0, statusmsg="ok")])),
    # 5: Information-request with options zerocast does not type: vendor
    #    class, an unassigned code
    to_server(DHCP6_InfoRequest(trid=0xfffffe) / DHCP6OptElapsedTime(elapsedtime=65535) /
              DHCP6OptVendorClass(enterprisenum=32473,
                                  vcdata=[VENDOR_CLASS_DATA(data=b"zerocast")]) /
              Raw(opt(200, b"\xde\xad\xbe\xef"))),
    # 6: Relay-forward of a Solicit: interface id, relay message
    (Ether(src="02:00:00:00:00:03", dst="33:33:00:01:00:02") /
     IPv6(src="2001:db8:1::1", dst="ff05::1:3", hlim=32) / UDP(sport=547, dport=547) /
     DHCP6_RelayForward(hopcount=0, linkaddr="2001:db8:1::1", peeraddr=CLIENT) /
     DHCP6OptIfaceId(ifaceid=b"eth0") /
     DHCP6OptRelayMsg(message=DHCP6_Solicit(trid=0x4a2b3c) /
                      DHCP6OptClientId(duid=CLIENT_DUID) / DHCP6OptElapsedTime())),
    # ---- malformed (statuses in the spec) ----
    # 7: an option whose length runs past the message
    to_server(Raw(b"\x01\x00\x00\x07" + raw_opt(8, 2, b"\x00\x00") +
                  raw_opt(1, 14, b"\x00\x03\x00\x01\x02\x00"))),
    # 8: a message cut inside its transaction ID
    to_server(Raw(b"\x01\x4a")),
    # 9: an option cut inside its header (3 bytes left)
    to_server(Raw(b"\x0b\x00\x00\x09" + raw_opt(8, 2, b"\x00\x00") + b"\x00\x06\x00")),
    # 10: an IA_NA of 8 bytes (its fixed part is 12)
    to_server(Raw(b"\x01\x00\x00\x0a" + raw_opt(3, 8, b"\x00\x00\x00\x01\x00\x00\x00\x00"))),
    # 11: an elapsed time option of 3 bytes
    to_server(Raw(b"\x01\x00\x00\x0b" + raw_opt(8, 3, b"\x00\x01\x02"))),
    # 12: a DNS servers option of 20 bytes (not a multiple of 16)
    to_client(Raw(b"\x07\x00\x00\x0c" + raw_opt(23, 20, bytes(range(20))))),
    # 13: an IA address of 20 bytes inside an IA_NA
    to_client(Raw(b"\x07\x00\x00\x0d" + raw_opt(3, 36, b"\x00\x00\x00\x01" + bytes(8) +
                                                   raw_opt(5, 20, bytes(20))))),
    # 14: a status code option of 1 byte
    to_client(Raw(b"\x07\x00\x00\x0e" + raw_opt(13, 1, b"\x00"))),
]

pcaplib.write(__file__, frames)
