#!/usr/bin/env bash
# make-captures.sh - (re)create the pcap fixtures in tests/captures/.
#
# Real traffic is captured on the loopback interface (link type Ethernet,
# all-zero MACs) from real programs: ping, dig against a local dnsmasq, curl
# against python3's http.server. What loopback cannot carry (ARP, 802.1Q,
# VXLAN, IPv4 options, ...) is crafted with scapy and written with wrpcap.
# Nothing is ever sent anywhere but 127.0.0.1 / ::1, and by default all of
# it happens inside a private network namespace (see below).
#
# Needs root and the Debian packages: tcpdump, dnsmasq-base (dnsmasq),
# bind9-dnsutils (dig), curl, iputils-ping, python3, python3-scapy,
# util-linux (unshare) and iproute2 (ip); tshark for --expect.
# Afterwards regenerate the expectations (see README.md):
#   for f in tests/captures/*.pcap; do
#     /usr/bin/python3 tests/tools/tshark_expect.py "$f" > "${f%.pcap}.expect"
#   done
# (pass --expect to this script to do that too).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE"
PY=/usr/bin/python3
DNS_PORT=53          # standard port: tshark decodes DNS with no extra options
HTTP_PORT=8080

if [ "$(id -u)" -ne 0 ]; then
    echo "make-captures.sh: must run as root (tcpdump, dnsmasq on port 53)" >&2
    exit 1
fi
for tool in tcpdump dnsmasq dig curl ping "$PY"; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

# Run in a private network namespace (util-linux unshare) when possible: its
# loopback carries only our traffic and ports 53/8080 are surely free.
# ZC_NO_NETNS=1 uses the host's loopback instead.
if [ -z "${ZC_IN_NETNS:-}" ] && [ -z "${ZC_NO_NETNS:-}" ] &&
        unshare --net true 2>/dev/null; then
    exec unshare --net env ZC_IN_NETNS=1 bash "$0" "$@"
fi
if [ -n "${ZC_IN_NETNS:-}" ]; then
    ip link set lo up
fi

WORK="$(mktemp -d /tmp/zc-captures.XXXXXX)"
PIDS=()

cleanup() {
    local p
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && kill "$p" 2>/dev/null || true
    done
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && wait "$p" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "[make-captures] $*" >&2; }

# stop_pid PID: end one background process this script started, reap it and
# forget it (so the EXIT trap never signals a recycled PID).
stop_pid() {
    local pid="$1" sig="${2:-TERM}" p keep=()
    kill -"$sig" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && [ "$p" != "$pid" ] && keep+=("$p")
    done
    PIDS=("${keep[@]:-}")
}

# wait_for SECONDS CMD...: retry CMD every 0.1 s until it succeeds.
wait_for() {
    local limit=$(( $1 * 10 )); shift
    local i
    for ((i = 0; i < limit; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    return 1
}

TCPDUMP_PID=""
# start_capture NAME COUNT FILTER: tcpdump on lo in the background, -c COUNT.
start_capture() {
    local name="$1" count="$2" filter="$3"
    rm -f "$WORK/$name.pcap" "$WORK/$name.tcpdump.log"
    tcpdump -i lo -n -U --immediate-mode -Z root -s 0 -c "$count" -w "$WORK/$name.pcap" \
        "$filter" 2>"$WORK/$name.tcpdump.log" &
    TCPDUMP_PID=$!
    PIDS+=("$TCPDUMP_PID")
    # tcpdump reports "listening on lo" once the capture is live.
    if ! wait_for 10 grep -q "listening on" "$WORK/$name.tcpdump.log"; then
        cat "$WORK/$name.tcpdump.log" >&2
        echo "tcpdump did not start for $name" >&2
        exit 1
    fi
}

# finish_capture NAME [SECONDS]: give tcpdump up to SECONDS (default 5) to
# reach its -c count, then stop it with SIGINT (flushes the file) and
# install the pcap.
finish_capture() {
    local name="$1" secs="${2:-5}"
    wait_for "$secs" bash -c "! kill -0 $TCPDUMP_PID" || true
    stop_pid "$TCPDUMP_PID" INT     # no-op if it already stopped at -c COUNT
    TCPDUMP_PID=""
    if [ ! -s "$WORK/$name.pcap" ]; then
        cat "$WORK/$name.tcpdump.log" >&2
        echo "no capture for $name" >&2
        exit 1
    fi
    cp "$WORK/$name.pcap" "$OUT/$name.pcap"
    log "$name.pcap: $(grep -Eo '[0-9]+ packets? captured' "$WORK/$name.tcpdump.log" || echo '?')"
}

# ---- ICMPv4 echo: 2 requests + 2 replies -----------------------------------
log "icmpv4-ping"
start_capture icmpv4-ping 4 "icmp"
ping -n -c 2 -i 0.2 -W 2 127.0.0.1 >/dev/null
finish_capture icmpv4-ping

# ---- ICMPv6 echo: 2 requests + 2 replies -----------------------------------
log "icmpv6-ping"
start_capture icmpv6-ping 4 "icmp6"
ping -6 -n -c 2 -i 0.2 -W 2 ::1 >/dev/null
finish_capture icmpv6-ping

# ---- DNS over UDP: dig against dnsmasq on 127.0.0.1:53 ----------------------
log "dns-udp"
dnsmasq --no-daemon --conf-file=/dev/null --pid-file="$WORK/dnsmasq.pid" \
    --listen-address=127.0.0.1 --bind-interfaces --port="$DNS_PORT" \
    --no-resolv --no-hosts --user=root --group=root \
    --address=/example.test/192.0.2.1 --address=/example.test/2001:db8::1 \
    >"$WORK/dnsmasq.log" 2>&1 &
DNSMASQ_PID=$!
PIDS+=("$DNSMASQ_PID")
# readiness probe happens before the capture starts, so it is not recorded
if ! wait_for 10 dig @127.0.0.1 -p "$DNS_PORT" +time=1 +tries=1 +short example.test A; then
    cat "$WORK/dnsmasq.log" >&2
    echo "dnsmasq did not come up" >&2
    exit 1
fi
start_capture dns-udp 6 "udp port $DNS_PORT"
# 1: A query, dig defaults (RD, AD, EDNS with cookie) -> NOERROR, 1 answer
dig @127.0.0.1 -p "$DNS_PORT" +time=2 +tries=1 example.test A >/dev/null
# 2: AAAA query without recursion and without EDNS -> NOERROR, 1 answer
dig @127.0.0.1 -p "$DNS_PORT" +time=2 +tries=1 +norecurse +noedns +noadflag \
    example.test AAAA >/dev/null
# 3: name dnsmasq has no data or upstream for, with CD set -> REFUSED
dig @127.0.0.1 -p "$DNS_PORT" +time=2 +tries=1 +cdflag +nocookie \
    nothing.invalid A >/dev/null || true
finish_capture dns-udp
stop_pid "$DNSMASQ_PID"

# ---- HTTP over TCP: curl against python3 -m http.server ---------------------
mkdir -p "$WORK/www"
printf 'hello from zerocast\n' >"$WORK/www/hello.txt"

http_capture() {    # http_capture NAME BIND_ADDR URL_HOST
    local name="$1" bind="$2" host="$3"
    log "$name"
    (cd "$WORK/www" && exec "$PY" -m http.server --bind "$bind" "$HTTP_PORT") \
        >"$WORK/$name.server.log" 2>&1 &
    local srv=$!
    PIDS+=("$srv")
    if ! wait_for 10 curl -s -o /dev/null "http://$host:$HTTP_PORT/"; then
        cat "$WORK/$name.server.log" >&2
        echo "http.server did not come up on $bind" >&2
        exit 1
    fi
    start_capture "$name" 40 "tcp port $HTTP_PORT"
    curl -s -o /dev/null --max-time 5 "http://$host:$HTTP_PORT/hello.txt"
    sleep 1     # let the FIN/ACK exchange finish
    finish_capture "$name" 0

    stop_pid "$srv"
}
http_capture http-ipv4 127.0.0.1 127.0.0.1
http_capture http-ipv6 ::1 '[::1]'

# ---- crafted with scapy -------------------------------------------------------
log "scapy fixtures"
"$PY" - "$OUT" <<'EOF'
import logging, sys
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, ARP, Dot1Q, IP, IPv6, UDP, TCP, ICMP, Raw,
                       Padding, IPOption_RR, IPOption_Router_Alert,
                       ICMPv6EchoRequest, ICMPv6ND_NS, ICMPv6ND_NA,
                       ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr, wrpcap)

out = sys.argv[1]
MAC1, MAC2 = "02:00:00:00:00:01", "02:00:00:00:00:02"
T0 = 1700000000.0   # fixed timestamps: crafted pcaps are byte-reproducible

def write(name, pkts):
    for i, p in enumerate(pkts):
        p.time = T0 + i * 0.001
    wrpcap(f"{out}/{name}.pcap", pkts)

# ARP request (unpadded, 42 bytes) and reply (padded to 60 like on the wire)
write("arp", [
    Ether(dst="ff:ff:ff:ff:ff:ff", src=MAC1) /
        ARP(op=1, hwsrc=MAC1, psrc="192.0.2.1", hwdst="00:00:00:00:00:00", pdst="192.0.2.2"),
    Ether(dst=MAC1, src=MAC2) /
        ARP(op=2, hwsrc=MAC2, psrc="192.0.2.2", hwdst=MAC1, pdst="192.0.2.1") /
        Padding(load=b"\x00" * 18),
])

# 802.1Q: IPv4/UDP in one tag; ARP with DEI set and vid 4094; double-tagged
# (two 0x8100 tags) IPv6 ICMPv6 echo request
write("vlan", [
    Ether(dst=MAC2, src=MAC1) / Dot1Q(prio=5, id=0, vlan=100) /
        IP(src="192.0.2.1", dst="192.0.2.2", id=0x1111) /
        UDP(sport=40000, dport=9999) / Raw(b"vlan-tagged"),
    Ether(dst="ff:ff:ff:ff:ff:ff", src=MAC1) / Dot1Q(prio=7, id=1, vlan=4094) /
        ARP(op=1, hwsrc=MAC1, psrc="192.0.2.1", pdst="192.0.2.2"),
    Ether(dst=MAC2, src=MAC1) / Dot1Q(prio=1, id=0, vlan=10) /
        Dot1Q(prio=0, id=0, vlan=2047) /
        IPv6(src="2001:db8::1", dst="2001:db8::2", hlim=64) /
        ICMPv6EchoRequest(id=0x4242, seq=7, data=b"qinq"),
])

# VXLAN (RFC 7348): header built by hand (flags 0x08 = I, all reserved 0)
def vxlan_hdr(vni):
    return bytes([0x08, 0, 0, 0]) + vni.to_bytes(3, "big") + b"\x00"

inner_req = (Ether(dst="02:00:00:00:0a:02", src="02:00:00:00:0a:01") /
             IP(src="10.0.0.1", dst="10.0.0.2", id=0x2222) /
             ICMP(type=8, id=0x1234, seq=1) / Raw(b"inner ping"))
inner_rep = (Ether(dst="02:00:00:00:0a:01", src="02:00:00:00:0a:02") /
             IP(src="10.0.0.2", dst="10.0.0.1", id=0x3333) /
             ICMP(type=0, id=0x1234, seq=1) / Raw(b"inner ping"))
write("vxlan", [
    Ether(dst=MAC2, src=MAC1) / IP(src="192.0.2.10", dst="192.0.2.20", id=1) /
        UDP(sport=49152, dport=4789, chksum=0) /
        Raw(vxlan_hdr(0x123456) + bytes(inner_req)),
    Ether(dst=MAC1, src=MAC2) / IP(src="192.0.2.20", dst="192.0.2.10", id=2) /
        UDP(sport=50000, dport=4789) /
        Raw(vxlan_hdr(0xabcdef) + bytes(inner_rep)),
])

# IPv4 options: Record Route (2 slots, 1 filled; ihl 8) on an ICMP echo,
# Router Alert (ihl 6) on UDP
write("ipv4-options", [
    Ether(dst=MAC2, src=MAC1) /
        IP(src="192.0.2.1", dst="192.0.2.2", id=0x0a0a,
           options=[IPOption_RR(routers=["192.0.2.1", "0.0.0.0"], pointer=8)]) /
        ICMP(type=8, id=0x77, seq=3) / Raw(b"record route"),
    Ether(dst=MAC2, src=MAC1) /
        IP(src="192.0.2.1", dst="224.0.0.22", ttl=1, id=0x0b0b,
           options=[IPOption_Router_Alert()]) /
        UDP(sport=1234, dport=5678) / Raw(b"router alert"),
])

# IPv4 flag bits and DSCP/ECN: reserved ("evil") bit + MF, fragment offset
# 185, DSCP 46 ECN 1, protocol 253 (experimental: no inner layer);
# then DF with ECN 2 carrying UDP
write("ipv4-flags", [
    Ether(dst=MAC2, src=MAC1) /
        IP(src="192.0.2.1", dst="192.0.2.2", tos=0xb9, id=0xbeef,
           flags="evil+MF", frag=185, ttl=3, proto=253) / Raw(b"x" * 16),
    Ether(dst=MAC2, src=MAC1) /
        IP(src="192.0.2.1", dst="192.0.2.2", tos=0x02, id=0xcafe, flags="DF") /
        UDP(sport=33333, dport=44444) / Raw(b"df"),
])

# TCP with every flag, reserved bits 101 + AE, urgent pointer and options
write("tcp-flags", [
    Ether(dst=MAC2, src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2", id=0x1234) /
        TCP(sport=12345, dport=80, seq=0xdeadbeef, ack=0x01020304, reserved=5,
            flags="FSRPAUECN", window=0xfedc, urgptr=7,
            options=[("MSS", 1460), ("NOP", None), ("WScale", 7)]) /
        Raw(b"urgent!"),
])

# ICMPv6 neighbor solicitation (multicast) and advertisement
write("icmpv6-nd", [
    Ether(dst="33:33:ff:00:00:02", src=MAC1) /
        IPv6(src="fe80::1", dst="ff02::1:ff00:2", hlim=255) /
        ICMPv6ND_NS(tgt="fe80::2") / ICMPv6NDOptSrcLLAddr(lladdr=MAC1),
    Ether(dst=MAC1, src=MAC2) /
        IPv6(src="fe80::2", dst="fe80::1", hlim=255, tc=0xe0, fl=0x12345) /
        ICMPv6ND_NA(R=0, S=1, O=1, tgt="fe80::2") / ICMPv6NDOptDstLLAddr(lladdr=MAC2),
])

# Ethernet padding: 44-byte IPv4/UDP frame padded with zeros to 60 bytes,
# and an ICMP echo padded with non-zero bytes
write("padded", [
    Ether(dst=MAC2, src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2", id=0x0101) /
        UDP(sport=5000, dport=6000) / Raw(b"hi") / Padding(load=b"\x00" * 16),
    Ether(dst=MAC2, src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2", id=0x0202) /
        ICMP(type=8, id=1, seq=1) / Raw(b"ab") / Padding(load=b"\x5a" * 16),
])
EOF

log "pcaps written to $OUT"

if [ "${1:-}" = "--expect" ]; then
    for f in "$OUT"/*.pcap; do
        "$PY" "$HERE/../tools/tshark_expect.py" "$f" >"${f%.pcap}.expect"
        log "$(basename "${f%.pcap}").expect"
    done
fi
