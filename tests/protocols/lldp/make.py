#!/usr/bin/python3
"""make.py - writes lldp.pcap (next to this script): LLDPDUs (IEEE
802.1AB).

Frames 1 to 4 are real: from real-lldp.pcap, written by capture.sh, where
lldpd ran in two network namespaces over a veth pair, the first LLDPDU of
each kind, as captured: the "switch"'s (interface-name port ID, port
description, IPv4 management address, IEEE 802.3 and LLDP-MED TLVs, a
custom organisation-specific TLV), the "host"'s (MAC port ID, IPv6
management address), and both shutdown LLDPDUs (TTL 0). lldpd repeats
each LLDPDU unchanged every second: the repeats are left out. Only the
timestamps are fixed.

Then LLDPDUs crafted with scapy (scapy.contrib.lldp) for what lldpd does
not send (a local chassis ID, a 9-bit TLV length, a MAC management address
with an OID, an IEEE 802.1 port VLAN ID), and malformed variants built by
hand after a valid Ethernet header (type 0x88cc). Deterministic: fixed
timestamps, fixed addresses.

    /usr/bin/python3 tests/protocols/lldp/make.py [OUT.pcap]
"""
import os
import sys

from scapy.all import Ether, Raw, rdpcap
from scapy.contrib.lldp import (LLDPDUChassisID, LLDPDUEndOfLLDPDU, LLDPDUGenericOrganisationSpecific,
                                LLDPDUManagementAddress, LLDPDUPortDescription, LLDPDUPortID,
                                LLDPDUSystemCapabilities, LLDPDUSystemDescription, LLDPDUSystemName,
                                LLDPDUTimeToLive)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaplib  # noqa: E402


def eth():
    return Ether(src="02:00:00:00:00:01", dst="01:80:c2:00:00:0e", type=0x88cc)


def tlv(t, value):
    n = len(value)
    return bytes([(t << 1) | (n >> 8), n & 0xff]) + value


MANDATORY = tlv(1, b"\x04\x02\x00\x00\x00\x00\x01") + tlv(2, b"\x05eth0") + tlv(3, b"\x00\x78")

frames = [
    # 5: every kind of TLV the schema knows
    eth() / LLDPDUChassisID(subtype=4, id=b"\x02\x00\x00\x00\x00\x01") /
    LLDPDUPortID(subtype=5, id=b"eth0") / LLDPDUTimeToLive(ttl=120) /
    LLDPDUPortDescription(description=b"uplink") / LLDPDUSystemName(system_name=b"sw1") /
    LLDPDUSystemDescription(description=b"switch os 1.0") /
    LLDPDUSystemCapabilities(mac_bridge_available=1, router_available=1, mac_bridge_enabled=1) /
    LLDPDUManagementAddress(management_address_subtype=1, management_address=b"\xc0\x00\x02\x01",
                            interface_numbering_subtype=2, interface_number=3) /
    LLDPDUGenericOrganisationSpecific(org_code=0x0080c2, subtype=1, data=b"\x00\x64") /
    LLDPDUEndOfLLDPDU(),
    # 6: the mandatory TLVs only, a locally assigned chassis ID, a MAC port
    # ID, TTL 0 (shutdown); over 60 bytes, so that no link-layer padding
    # follows (tshark counts it as LLDP bytes)
    eth() / LLDPDUChassisID(subtype=7, id=b"row7-rack4-switch2.lab.example") /
    LLDPDUPortID(subtype=3, id=b"\x02\x00\x00\x00\x00\x09") / LLDPDUTimeToLive(ttl=0) /
    LLDPDUEndOfLLDPDU(),
    # 7: a long system description (a length above 255: the 9th bit)
    eth() / LLDPDUChassisID(subtype=4, id=b"\x02\x00\x00\x00\x00\x03") /
    LLDPDUPortID(subtype=7, id=b"port 3") / LLDPDUTimeToLive(ttl=3600) /
    LLDPDUSystemDescription(description=b"x" * 300) /
    LLDPDUManagementAddress(management_address_subtype=6, management_address=b"\x02\x00\x00\x00\x00\x03",
                            interface_numbering_subtype=3, interface_number=7,
                            object_id=b"\x2b\x06\x01") /
    LLDPDUEndOfLLDPDU(),
    # ---- malformed (statuses in the spec) ----
    # (an LLDPDU without an End TLV, or with a TTL TLV of 3 bytes, is
    # refused by zerocast but accepted by tshark 4.0: see schemas/lldp.zc)
    # 8: no End TLV: the frame ends inside the header of the next TLV
    eth() / Raw(MANDATORY + b"\x00"),
    # 9: a port ID TLV whose length runs past the frame
    eth() / Raw(tlv(1, b"\x04\x02\x00\x00\x00\x00\x01") + b"\x04\x10\x05eth"),
]

real, seen = [], set()
for f in rdpcap(os.path.join(os.path.dirname(os.path.abspath(__file__)), "real-lldp.pcap")):
    if bytes(f) not in seen:
        seen.add(bytes(f))
        real.append(f)
assert len(real) == 4, "real-lldp.pcap has changed (capture.sh again?): update the 4 here and the frame numbers in the spec"
pcaplib.write(__file__, real + frames)
