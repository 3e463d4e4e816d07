#!/usr/bin/python3
"""make.py - writes mqtt.pcap (next to this script): MQTT 3.1.1 control
packets crafted with scapy (scapy.contrib.mqtt), MQTT 5.0 CONNECTs with
properties built by hand, and malformed variants (a property length
too long, past the end or cut short; a topic past the end), each in one TCP segment of its own stream to port 1883.
Deterministic: fixed timestamps, addresses and sequence numbers.

    /usr/bin/python3 tests/protocols/mqtt/make.py [OUT.pcap]
"""
import os
import struct
import sys

from scapy.all import Ether, IP, TCP, Raw, wrpcap
from scapy.contrib.mqtt import (MQTT, MQTTConnack, MQTTConnect, MQTTPuback, MQTTPublish,
                                MQTTSuback, MQTTSubscribe, MQTTTopic, MQTTTopicQOS,
                                MQTTUnsubscribe)


def leb128(v, width=None):
    out = bytearray()
    while True:
        out.append(v & 0x7f)
        v >>= 7
        if v == 0 and (width is None or len(out) >= width):
            break
    for i in range(len(out) - 1):
        out[i] |= 0x80
    return bytes(out)


def s(b):
    return struct.pack("!H", len(b)) + b


def raw(first, body, rl=None):
    """A packet by hand: first byte, Remaining Length (its bytes), body."""
    return Raw(bytes([first]) + (leb128(len(body)) if rl is None else rl) + body)


def frame(i, payload, to_server=True):
    sport = 40000 + i
    ip = IP(src="192.0.2.1", dst="192.0.2.2") if to_server else IP(src="192.0.2.2", dst="192.0.2.1")
    tcp = TCP(sport=sport, dport=1883, flags="PA", seq=1000, ack=2000) if to_server else \
        TCP(sport=1883, dport=sport, flags="PA", seq=2000, ack=1000)
    src, dst = ("02:00:00:00:00:01", "02:00:00:00:00:02")
    return Ether(src=src if to_server else dst, dst=dst if to_server else src) / ip / tcp / payload


# MQTT 5.0 CONNECT: properties Session Expiry Interval (0x11) 120 and
# Receive Maximum (0x21) 20; client id "zc5".
props = b"\x11" + struct.pack("!I", 120) + b"\x21" + struct.pack("!H", 20)
connect5 = s(b"MQTT") + b"\x05" + b"\x02" + struct.pack("!H", 30) + leb128(len(props)) + props + s(b"zc5")
# MQTT 5.0 CONNECT with a will: will properties (Will Delay Interval 0x18)
wprops = b"\x18" + struct.pack("!I", 5)
connect5w = (s(b"MQTT") + b"\x05" + b"\x06" + struct.pack("!H", 10) + leb128(0) + s(b"w5") +
             leb128(len(wprops)) + wprops + s(b"dead/w5") + s(b"bye"))

pkts = [
    # 1-4: CONNECT 3.1.1 (user name and password; a will), 5.0, CONNACK
    (MQTT() / MQTTConnect(protoname=b"MQTT", protolevel=4, usernameflag=1, passwordflag=1, cleansess=1, klive=60,
                          clientId=b"zerocast", username=b"user", password=b"secret"), True),
    (MQTT() / MQTTConnect(protoname=b"MQTT", protolevel=4, willflag=1, willQOSflag=1, willretainflag=1, klive=10,
                          clientId=b"cid", willtopic=b"will/t", willmsg=b"gone"), True),
    (raw(0x10, connect5), True),
    (raw(0x10, connect5w), True),
    (MQTT() / MQTTConnack(sessPresentFlag=1, retcode=0), False),
    # 6-9: PUBLISH QoS 0, QoS 1 with retain, a 200-byte payload (2-byte
    # Remaining Length), a 20000-byte one (3 bytes)
    (MQTT(QOS=0) / MQTTPublish(topic=b"a/b", value=b"hello"), True),
    (MQTT(QOS=1, RETAIN=1) / MQTTPublish(topic=b"sensors/t1", msgid=7, value=b"21.5"), True),
    (MQTT(QOS=0) / MQTTPublish(topic=b"big", value=bytes(range(200))), True),
    (MQTT(QOS=2, DUP=1) / MQTTPublish(topic=b"huge", msgid=0x1234, value=bytes(i % 251 for i in range(20000))), True),
    # 10-13: SUBSCRIBE (two filters), SUBACK, PUBACK, UNSUBSCRIBE
    (MQTT(QOS=1) / MQTTSubscribe(msgid=3, topics=[MQTTTopicQOS(topic=b"a/#", QOS=1),
                                                  MQTTTopicQOS(topic=b"b/+", QOS=0)]), True),
    (MQTT() / MQTTSuback(msgid=3, retcode=1), False),
    (MQTT() / MQTTPuback(msgid=7), False),
    (MQTT(QOS=1) / MQTTUnsubscribe(msgid=4, topics=[MQTTTopic(topic=b"a/#")]), True),
    # 14-16: PINGREQ, PINGRESP, DISCONNECT
    (raw(0xc0, b""), True),
    (raw(0xd0, b""), False),
    (raw(0xe0, b""), True),
    # 17: a Remaining Length of 5 in two bytes (non-minimal: accepted)
    (raw(0x30, s(b"x") + b"ab", rl=leb128(5, 2)), True),
    # 18-21, malformed complete packets: a 5-byte MQTT 5 property length, a
    # property length past the end of the packet, a property length cut by
    # the end of the packet, a topic length past the end of the packet. (A
    # Remaining Length cut by the end of the segment, or longer than it, is
    # a matter of TCP reassembly to tshark, not a malformed packet: not here.)
    (raw(0x10, s(b"MQTT") + b"\x05\x02\x00\x1e" + b"\xff\xff\xff\xff\x01" + s(b"c")), True),
    (raw(0x10, s(b"MQTT") + b"\x05\x02\x00\x1e" + leb128(100) + b"\x11\x00"), True),
    (raw(0x10, s(b"MQTT") + b"\x05\x02\x00\x1e" + b"\x80"), True),
    (raw(0x30, struct.pack("!H", 9) + b"abc"), True),
]

frames = []
for i, (p, up) in enumerate(pkts):
    f = frame(i + 1, p, up)
    f.time = 1700000000 + i
    frames.append(f)

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "mqtt.pcap")
wrpcap(out, frames)
