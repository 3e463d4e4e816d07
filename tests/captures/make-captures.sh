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
#
# Usage: make-captures.sh [--expect] [NAME...]
#   NAME...  make only these fixtures (e.g. dns-records dns-tcp qinq; the
#            scapy-crafted ones are written together: any of their names,
#            or "scapy", rewrites all of them). Default: every fixture.
#            --expect then regenerates only the .expect files of NAMEs.
set -euo pipefail

EXPECT=""
if [ "${1:-}" = "--expect" ]; then EXPECT=1; shift; fi
ONLY=("$@")
# want NAME...: true if any NAME was asked for (or nothing was)
want() {
    local n o
    [ ${#ONLY[@]} -eq 0 ] && return 0
    for n in "$@"; do
        for o in "${ONLY[@]}"; do [ "$n" = "$o" ] && return 0; done
    done
    return 1
}

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
    exec unshare --net env ZC_IN_NETNS=1 bash "$0" ${EXPECT:+--expect} "$@"
fi
if [ -n "${ZC_IN_NETNS:-}" ]; then
    ip link set lo up
fi

WORK="$(mktemp -d /tmp/zc-captures.XXXXXX)"
PIDS=()

cleanup() {
    local p
    for p in "${PIDS[@]:-}"; do
        if [ -n "$p" ]; then kill "$p" 2>/dev/null || true; fi
    done
    for p in "${PIDS[@]:-}"; do
        if [ -n "$p" ]; then wait "$p" 2>/dev/null || true; fi
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
if want icmpv4-ping; then
log "icmpv4-ping"
start_capture icmpv4-ping 4 "icmp"
ping -n -c 2 -i 0.2 -W 2 127.0.0.1 >/dev/null
finish_capture icmpv4-ping
fi

# ---- ICMPv6 echo: 2 requests + 2 replies -----------------------------------
if want icmpv6-ping; then
log "icmpv6-ping"
start_capture icmpv6-ping 4 "icmp6"
ping -6 -n -c 2 -i 0.2 -W 2 ::1 >/dev/null
finish_capture icmpv6-ping
fi

# ---- DNS over UDP: dig against dnsmasq on 127.0.0.1:53 ----------------------
if want dns-udp; then
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
fi

# ---- DNS records: an authoritative dnsmasq serving every RDATA type ------------
# dnsmasq's auth mode (--auth-zone/--auth-server/--auth-soa) answers for
# example.test, 192.0.2.0/24 and 2001:db8::/32 with SOA and NS records, plus
# the records given by --host-record (A, AAAA and their PTRs), --cname,
# --mx-host, --srv-host, --txt-record and --ptr-record. dig adds an EDNS OPT
# record with a cookie, and dnsmasq answers with an OPT record.
dns_auth_start() {
    dnsmasq --no-daemon --conf-file=/dev/null --pid-file="$WORK/dnsmasq-auth.pid" \
        --listen-address=127.0.0.1 --bind-interfaces --port="$DNS_PORT" \
        --no-resolv --no-hosts --user=root --group=root \
        --auth-server=ns1.example.test,127.0.0.1 \
        --auth-zone=example.test,192.0.2.0/24,2001:db8::/32 \
        --auth-soa=2024010101,hostmaster.example.test,3600,600,86400 --auth-ttl=300 \
        --host-record=www.example.test,192.0.2.10,2001:db8::10 \
        --host-record=ns1.example.test,192.0.2.53 \
        --host-record=mail.example.test,192.0.2.25 \
        --cname=alias.example.test,www.example.test \
        --mx-host=example.test,mail.example.test,10 \
        --srv-host=_http._tcp.example.test,www.example.test,8080,5,20 \
        "--txt-record=example.test,v=spf1 -all,second string" \
        --ptr-record=25.2.0.192.in-addr.arpa,mail.example.test \
        >"$WORK/dnsmasq-auth.log" 2>&1 &
    DNSMASQ_PID=$!
    PIDS+=("$DNSMASQ_PID")
    if ! wait_for 10 dig @127.0.0.1 -p "$DNS_PORT" +time=1 +tries=1 +short www.example.test A; then
        cat "$WORK/dnsmasq-auth.log" >&2
        echo "dnsmasq (auth) did not come up" >&2
        exit 1
    fi
}

if want dns-records; then
log "dns-records"
dns_auth_start
# 11 queries, each answered: 22 frames
start_capture dns-records 22 "udp port $DNS_PORT"
for q in "www.example.test A" "www.example.test AAAA" "example.test NS" \
         "example.test SOA" "alias.example.test A" "example.test MX" \
         "example.test TXT" "_http._tcp.example.test SRV" "-x 192.0.2.10" \
         "-x 192.0.2.25" "nothing.example.test A"; do
    # shellcheck disable=SC2086  # $q is a name and a type
    dig @127.0.0.1 -p "$DNS_PORT" +time=2 +tries=1 $q >/dev/null || true
done
finish_capture dns-records
stop_pid "$DNSMASQ_PID"
fi

# ---- DNS over TCP: dig +tcp against the same server ------------------------------
if want dns-tcp; then
log "dns-tcp"
dns_auth_start
start_capture dns-tcp 200 "tcp port $DNS_PORT"
# one connection per query (dnsmasq closes it after one answer even when
# dig asks for +keepopen): 5 frames each way
for q in "example.test SOA" "example.test TXT" "example.test MX" \
         "_http._tcp.example.test SRV" "nothing.example.test A"; do
    # shellcheck disable=SC2086  # $q is a name and a type
    dig @127.0.0.1 -p "$DNS_PORT" +tcp +time=2 +tries=1 $q >/dev/null || true
done
sleep 1     # let the FIN/ACK exchange finish
finish_capture dns-tcp 0
stop_pid "$DNSMASQ_PID"
fi

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
if want http-ipv4; then http_capture http-ipv4 127.0.0.1 127.0.0.1; fi
if want http-ipv6; then http_capture http-ipv6 ::1 '[::1]'; fi

# ---- crafted with scapy -------------------------------------------------------
SCAPY_NAMES=(scapy arp vlan vxlan ipv4-options ipv4-flags tcp-flags icmpv6-nd padded
             qinq gre dhcp icmpv6-nd-options ipv6-ext tcp-options malformed)
if want "${SCAPY_NAMES[@]}"; then
log "scapy fixtures"
"$PY" - "$OUT" <<'EOF'
import logging, sys
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, ARP, Dot1Q, IP, IPv6, UDP, TCP, ICMP, Raw,
                       Padding, IPOption_RR, IPOption_Router_Alert, IPOption_NOP,
                       IPOption_LSRR, IPOption_Timestamp, IPOption_EOL,
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
# Router Alert (ihl 6) on UDP; NOP, loose source route (2 addresses),
# timestamp (overflow 1, one timestamp), EOL and zero padding (ihl 11)
write("ipv4-options", [
    Ether(dst=MAC2, src=MAC1) /
        IP(src="192.0.2.1", dst="192.0.2.2", id=0x0a0a,
           options=[IPOption_RR(routers=["192.0.2.1", "0.0.0.0"], pointer=8)]) /
        ICMP(type=8, id=0x77, seq=3) / Raw(b"record route"),
    Ether(dst=MAC2, src=MAC1) /
        IP(src="192.0.2.1", dst="224.0.0.22", ttl=1, id=0x0b0b,
           options=[IPOption_Router_Alert()]) /
        UDP(sport=1234, dport=5678) / Raw(b"router alert"),
    Ether(dst=MAC2, src=MAC1) /
        IP(src="192.0.2.1", dst="192.0.2.2", id=0x0c0c,
           options=[IPOption_NOP(),
                    IPOption_LSRR(routers=["192.0.2.7", "192.0.2.8"], pointer=4),
                    IPOption_Timestamp(flg=0, oflw=1, timestamp=12345),
                    IPOption_EOL()]) /
        ICMP(type=8, id=0x78, seq=4) / Raw(b"source route"),
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

# Variable structure: QinQ, GRE, DHCP, ND options, IPv6 extension chains,
# TCP options (see README.md)
"$PY" - "$OUT" <<'EOF'
import logging, struct, sys
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, Dot1Q, Dot1AD, ARP, IP, IPv6, UDP, TCP, ICMP, GRE, Raw,
                       BOOTP, DHCP, ICMPv6EchoRequest, ICMPv6ND_RS, ICMPv6ND_RA,
                       ICMPv6ND_NS, ICMPv6ND_NA, ICMPv6ND_Redirect,
                       ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr,
                       ICMPv6NDOptPrefixInfo, ICMPv6NDOptMTU, ICMPv6NDOptRDNSS,
                       ICMPv6NDOptRedirectedHdr, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrRouting, IPv6ExtHdrFragment, IPv6ExtHdrDestOpt,
                       RouterAlert, PadN, Pad1, wrpcap)

out = sys.argv[1]
MAC1, MAC2 = "02:00:00:00:00:01", "02:00:00:00:00:02"
T0 = 1700000000.0   # fixed timestamps: crafted pcaps are byte-reproducible

def write(name, pkts):
    for i, p in enumerate(pkts):
        p.time = T0 + i * 0.001
    wrpcap(f"{out}/{name}.pcap", pkts)

# 802.1ad QinQ: S-tag (TPID 0x88a8) over a C-tag (0x8100)
write("qinq", [
    Ether(dst=MAC2, src=MAC1) / Dot1AD(prio=3, id=0, vlan=100) /
        Dot1Q(prio=5, id=0, vlan=200) /
        IP(src="192.0.2.1", dst="192.0.2.2", id=0x4141) /
        UDP(sport=40001, dport=9999) / Raw(b"qinq ipv4"),
    Ether(dst="ff:ff:ff:ff:ff:ff", src=MAC1) / Dot1AD(prio=7, id=1, vlan=4094) /
        Dot1Q(prio=0, id=1, vlan=1) /
        ARP(op=1, hwsrc=MAC1, psrc="192.0.2.1", pdst="192.0.2.2"),
    Ether(dst=MAC2, src=MAC1) / Dot1AD(prio=1, id=0, vlan=10) /
        Dot1Q(prio=2, id=0, vlan=20) /
        IPv6(src="2001:db8::1", dst="2001:db8::2") /
        TCP(sport=40002, dport=443, flags="S", seq=1000, options=[("MSS", 1440)]),
])

# GRE (RFC 2784/2890): plain; checksum + key + sequence; key only over IPv6
write("gre", [
    Ether(dst=MAC2, src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2", id=0x0501) /
        GRE(proto=0x0800) /
        IP(src="10.1.0.1", dst="10.1.0.2", id=0x0601) / ICMP(type=8, id=9, seq=1) /
        Raw(b"plain gre"),
    Ether(dst=MAC2, src=MAC1) / IP(src="192.0.2.1", dst="192.0.2.2", id=0x0502) /
        GRE(chksum_present=1, key_present=1, seqnum_present=1, key=0x01020304,
            sequence_number=77, proto=0x0800) /
        IP(src="10.1.0.1", dst="10.1.0.2", id=0x0602) / UDP(sport=40005, dport=9999) /
        Raw(b"gre c+k+s"),
    Ether(dst=MAC2, src=MAC1) / IPv6(src="2001:db8::1", dst="2001:db8::2") /
        GRE(key_present=1, key=0xdeadbeef, proto=0x86dd) /
        IPv6(src="2001:db8:1::1", dst="2001:db8:1::2") /
        ICMPv6EchoRequest(id=5, seq=6, data=b"gre6"),
])

# DHCPv4 DISCOVER (broadcast) and OFFER: PAD, every typed option of dhcp.zc,
# unknown ones (client id, parameter list, host name), END; a REQUEST with
# a 2-byte message type
write("dhcp", [
    Ether(dst="ff:ff:ff:ff:ff:ff", src=MAC1) /
        IP(src="0.0.0.0", dst="255.255.255.255", id=0x0d01) /
        UDP(sport=68, dport=67) /
        BOOTP(op=1, xid=0x3903f326, secs=3, flags=0x8000, chaddr=bytes.fromhex("020000000001")) /
        DHCP(options=[("message-type", "discover"),
                      ("client_id", b"\x01" + bytes.fromhex("020000000001")),
                      ("requested_addr", "192.0.2.100"),
                      ("max_dhcp_size", 1500),
                      ("param_req_list", [1, 3, 6, 15, 28, 51]),
                      ("hostname", b"zchost"), "pad", "end"]),
    Ether(dst=MAC1, src=MAC2) /
        IP(src="192.0.2.1", dst="192.0.2.100", id=0x0d02) /
        UDP(sport=67, dport=68) /
        BOOTP(op=2, xid=0x3903f326, yiaddr="192.0.2.100", siaddr="192.0.2.1",
              chaddr=bytes.fromhex("020000000001"), sname=b"zcserver", file=b"boot.img") /
        DHCP(options=[("message-type", "offer"), ("server_id", "192.0.2.1"),
                      ("lease_time", 3600), ("renewal_time", 1800),
                      ("rebinding_time", 3150), ("subnet_mask", "255.255.255.0"),
                      ("router", "192.0.2.1"),
                      ("name_server", "192.0.2.53", "192.0.2.54"),
                      ("broadcast_address", "192.0.2.255"),
                      ("domain", b"example.test"), "end", "pad", "pad"]),
    # REQUEST whose message type option has length 2 (RFC 2132 says 1):
    # tshark reads the first byte and passes over the second silently
    Ether(dst="ff:ff:ff:ff:ff:ff", src=MAC1) /
        IP(src="0.0.0.0", dst="255.255.255.255", id=0x0d03) /
        UDP(sport=68, dport=67) /
        BOOTP(op=1, xid=0x3903f327, chaddr=bytes.fromhex("020000000001")) /
        DHCP(options=[(53, b"\x03\x00"), ("requested_addr", "192.0.2.100"),
                      ("server_id", "192.0.2.1"), "end"]),
])

# ICMPv6 Neighbor Discovery with options: RS (source LL), RA (source LL,
# MTU, prefix information, RDNSS), NS/NA (LL), redirect (target LL,
# redirected header)
inner = bytes(IPv6(src="2001:db8::1", dst="2001:db8:5::5") / UDP(sport=7, dport=7))
write("icmpv6-nd-options", [
    Ether(dst="33:33:00:00:00:02", src=MAC1) /
        IPv6(src="fe80::1", dst="ff02::2", hlim=255) /
        ICMPv6ND_RS() / ICMPv6NDOptSrcLLAddr(lladdr=MAC1),
    Ether(dst="33:33:00:00:00:01", src=MAC2) /
        IPv6(src="fe80::2", dst="ff02::1", hlim=255) /
        ICMPv6ND_RA(chlim=64, M=1, O=0, routerlifetime=1800, reachabletime=30000,
                    retranstimer=1000) /
        ICMPv6NDOptSrcLLAddr(lladdr=MAC2) / ICMPv6NDOptMTU(mtu=1480) /
        ICMPv6NDOptPrefixInfo(prefixlen=64, L=1, A=1, validlifetime=86400,
                              preferredlifetime=14400, prefix="2001:db8:1::") /
        ICMPv6NDOptRDNSS(lifetime=600, dns=["2001:db8::53", "2001:db8::54"]),
    Ether(dst="33:33:ff:00:00:02", src=MAC1) /
        IPv6(src="2001:db8::1", dst="ff02::1:ff00:2", hlim=255) /
        ICMPv6ND_NS(tgt="2001:db8::2") / ICMPv6NDOptSrcLLAddr(lladdr=MAC1),
    Ether(dst=MAC1, src=MAC2) /
        IPv6(src="2001:db8::2", dst="2001:db8::1", hlim=255) /
        ICMPv6ND_NA(R=1, S=1, O=0, tgt="2001:db8::2") / ICMPv6NDOptDstLLAddr(lladdr=MAC2),
    Ether(dst=MAC1, src=MAC2) /
        IPv6(src="fe80::2", dst="2001:db8::1", hlim=255) /
        ICMPv6ND_Redirect(tgt="fe80::3", dst="2001:db8:5::5") /
        ICMPv6NDOptDstLLAddr(lladdr="02:00:00:00:00:03") /
        ICMPv6NDOptRedirectedHdr(pkt=inner),
])

# IPv6 extension header chains (RFC 8200 order): hop-by-hop (router alert,
# PadN) + routing (type 0, one address) + fragment (offset 0, M 0: atomic) +
# destination options (PadN) + UDP; hop-by-hop (Pad1s) + destination options
# + TCP; a non-first fragment (offset 185, M 1) whose payload is not decoded
write("ipv6-ext", [
    Ether(dst=MAC2, src=MAC1) / IPv6(src="2001:db8::1", dst="2001:db8::2") /
        IPv6ExtHdrHopByHop(options=[RouterAlert(value=0), PadN(optdata=b"\x00\x00")]) /
        IPv6ExtHdrRouting(type=0, segleft=1, addresses=["2001:db8::99"]) /
        IPv6ExtHdrFragment(offset=0, m=0, id=0x12345678) /
        IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\x00" * 4)]) /
        UDP(sport=40006, dport=9) / Raw(b"ext chain"),
    Ether(dst=MAC2, src=MAC1) / IPv6(src="2001:db8::1", dst="2001:db8::2") /
        IPv6ExtHdrHopByHop(options=[Pad1(), Pad1(), Pad1(), Pad1(), Pad1(), Pad1()]) /
        IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\x00" * 12)]) /
        TCP(sport=40003, dport=80, flags="S", seq=7, window=1024),
    Ether(dst=MAC2, src=MAC1) / IPv6(src="2001:db8::1", dst="2001:db8::2") /
        IPv6ExtHdrFragment(nh=17, offset=185, m=1, id=0xcafe) / Raw(b"f" * 16),
])

# TCP options crafted where loopback Linux traffic has none: SACK blocks,
# an unknown kind (TFO cookie, 34), an unassigned kind (99), EOL and padding
def tcp_with(raw, payload=b""):
    t = TCP(sport=40004, dport=80, flags="A", seq=100, ack=200, window=512)
    hdr = bytearray(bytes(t))
    hdr[12] = ((20 + len(raw)) // 4) << 4
    return Raw(bytes(hdr) + raw + payload)
def ip_tcp(raw, payload=b"", ident=0):
    return (Ether(dst=MAC2, src=MAC1) /
            IP(src="192.0.2.1", dst="192.0.2.2", id=ident, proto=6) /
            tcp_with(raw, payload))
write("tcp-options", [
    # NOP NOP SACK(2 blocks)
    ip_tcp(bytes.fromhex("0101" "0512" "00000064000000c8" "0000012c00000190"), b"sack", 1),
    # TFO cookie (34, 8 bytes), NOP NOP, EOL + padding
    ip_tcp(bytes.fromhex("220a" "0102030405060708" "0101" "00000000"), b"", 2),
    # MSS, window scale 14, SACK permitted, timestamps, unassigned kind 99, EOL
    ip_tcp(bytes.fromhex("020405b4" "03030e" "0402" "080a0000000100000002"
                         "630400ff" "00"), b"", 3),
])
EOF

# Malformed frames for tests/unit/test_variable.c (not tshark fixtures: they
# live in malformed/, so tshark_expect.py and the demo skip them)
mkdir -p "$OUT/malformed"
"$PY" "$HERE/../tools/make_malformed.py" "$OUT/malformed/malformed.pcap"

# Extension header chains and fragments for the layer walker
# (tests/unit/test_stack.c; tshark's view is in stack/stack.expect)
mkdir -p "$OUT/stack"
"$PY" "$HERE/../tools/make_stack_captures.py" "$OUT/stack/walk.pcap"
fi

log "pcaps written to $OUT"

if [ -n "$EXPECT" ]; then
    for f in "$OUT"/*.pcap; do
        n=$(basename "${f%.pcap}")
        if [[ " ${SCAPY_NAMES[*]} " == *" $n "* ]]; then
            want "$n" scapy || continue
        else
            want "$n" || continue
        fi
        "$PY" "$HERE/../tools/tshark_expect.py" "$f" >"${f%.pcap}.expect"
        log "$n.expect"
    done
    bash "$HERE/../tools/make_stack_expect.sh" >"$OUT/stack/stack.expect"
    log "stack/stack.expect"
fi
