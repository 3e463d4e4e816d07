#!/usr/bin/env bash
# make_corpus.sh - zcdump's test corpus: real traffic from real programs on
# loopback, then the scapy-crafted frames (make_corpus.py).
#
#   sudo bash tests/zcdump/make_corpus.sh [OUTDIR]     (default tests/captures/zcdump)
#
# Real traffic, captured by tcpdump (pcap) and dumpcap (pcapng):
#   lo-dns-udp.pcap   dig against an authoritative dnsmasq over UDP: A, AAAA,
#                     NS, SOA, CNAME, MX, TXT, SRV, PTR, NXDOMAIN, with EDNS0
#                     (cookie), with the DO bit, without EDNS, over IPv6, and
#                     a query to a closed port (ICMP port unreachable)
#   lo-dns-tcp.pcap   the same server over TCP (dig +tcp), IPv4 and IPv6
#   lo-dns-5353.pcap  dig against a dnsmasq on port 5353
#   lo-http.pcapng    curl against python3's http.server, IPv4 and IPv6 (dumpcap)
#   lo-ping.pcap      ping and ping -6, small and large
#   any-sll.pcap      ping and dig captured on "any" as LINUX_SLL
#   any-sll2.pcap     the same as LINUX_SLL2
#   lo-snap.pcap      curl and dig captured with a 90-byte snapshot length
#
# Needs root and Debian packages: tcpdump, wireshark-common (dumpcap),
# dnsmasq-base, bind9-dnsutils (dig), curl, iputils-ping, python3,
# python3-scapy, util-linux (unshare), iproute2. It re-executes itself in a
# private network namespace (unshare --net) with only loopback up, so all
# traffic stays on 127.0.0.1 and ::1 and the ports are free; ZC_NO_NETNS=1
# uses the host's loopback. Takes about 15 seconds. Ports, IDs, sequence
# numbers and time stamps differ from run to run; the differential test
# takes its expectations from tshark every time, so nothing else needs
# regenerating.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE/../captures/zcdump}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
PY=/usr/bin/python3

if [ "$(id -u)" -ne 0 ]; then
    echo "make_corpus.sh: must run as root (tcpdump, dnsmasq on port 53)" >&2
    exit 1
fi
for tool in tcpdump dumpcap dnsmasq dig curl ping "$PY"; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

if [ -z "${ZC_IN_NETNS:-}" ] && [ -z "${ZC_NO_NETNS:-}" ] && unshare --net true 2>/dev/null; then
    exec unshare --net env ZC_IN_NETNS=1 bash "$0" "$OUT"
fi
if [ -n "${ZC_IN_NETNS:-}" ]; then
    ip link set lo up
fi

WORK="$(mktemp -d /tmp/zcdump-corpus.XXXXXX)"
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]:-}"; do if [ -n "$p" ]; then kill "$p" 2>/dev/null || true; fi; done
    for p in "${PIDS[@]:-}"; do if [ -n "$p" ]; then wait "$p" 2>/dev/null || true; fi; done
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "[make_corpus] $*" >&2; }

# wait_for SECONDS CMD...: retry CMD every 0.1 s until it succeeds.
wait_for() {
    local limit=$(( $1 * 10 )) i; shift
    for ((i = 0; i < limit; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    return 1
}

# stop_pid PID [SIG]: end one process this script started and forget it.
stop_pid() {
    local pid="$1" sig="${2:-TERM}" p keep=()
    kill -"$sig" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${PIDS[@]:-}"; do [ -n "$p" ] && [ "$p" != "$pid" ] && keep+=("$p"); done
    PIDS=("${keep[@]:-}")
}

CAP_PID=""
# capture NAME IFACE SNAPLEN FILTER [tcpdump options...]: start tcpdump.
capture() {
    local name="$1" iface="$2" snap="$3" filter="$4"; shift 4
    tcpdump -i "$iface" -n -U --immediate-mode -Z root -s "$snap" "$@" \
        -w "$WORK/$name" "$filter" 2>"$WORK/$name.log" &
    CAP_PID=$!
    PIDS+=("$CAP_PID")
    wait_for 10 grep -q "listening on" "$WORK/$name.log" ||
        { cat "$WORK/$name.log" >&2; echo "tcpdump did not start for $name" >&2; exit 1; }
}
# done_capture NAME: let the last packets through, stop the capture, install it.
done_capture() {
    local name="$1"
    sleep 0.5
    stop_pid "$CAP_PID" INT
    [ -s "$WORK/$name" ] || { cat "$WORK/$name.log" >&2; echo "no capture for $name" >&2; exit 1; }
    cp "$WORK/$name" "$OUT/$name"
    log "$name: $(grep -Eo '[0-9]+ packets? captured' "$WORK/$name.log" || echo '?')"
}

# ---- servers ---------------------------------------------------------------------
# An authoritative dnsmasq for example.test on 127.0.0.1 and ::1, port 53;
# another on port 5353. Records as in tests/captures/make-captures.sh.
# (the TXT record's quotes are the shell's: dnsmasq gets two comma-separated strings)
# shellcheck disable=SC2140
dnsmasq_start() {   # dnsmasq_start PORT
    dnsmasq --no-daemon --conf-file=/dev/null --pid-file="$WORK/dnsmasq-$1.pid" \
        --listen-address=127.0.0.1 --listen-address=::1 --bind-interfaces --port="$1" \
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
        --txt-record=example.test,"v=spf1 -all","second string" \
        --ptr-record=25.2.0.192.in-addr.arpa,mail.example.test \
        >"$WORK/dnsmasq-$1.log" 2>&1 &
    PIDS+=("$!")
    wait_for 10 dig @127.0.0.1 -p "$1" +time=1 +tries=1 +short www.example.test A ||
        { cat "$WORK/dnsmasq-$1.log" >&2; echo "dnsmasq did not come up on $1" >&2; exit 1; }
}
dnsmasq_start 53
dnsmasq_start 5353

mkdir -p "$WORK/www"
printf 'hello from zcdump\n' >"$WORK/www/hello.txt"
(cd "$WORK/www" && exec "$PY" -m http.server --bind 127.0.0.1 8080) >"$WORK/http4.log" 2>&1 &
PIDS+=("$!")
(cd "$WORK/www" && exec "$PY" -m http.server --bind ::1 8081) >"$WORK/http6.log" 2>&1 &
PIDS+=("$!")
wait_for 10 curl -s -o /dev/null http://127.0.0.1:8080/ || { echo "http.server (v4) did not start" >&2; exit 1; }
wait_for 10 curl -s -o /dev/null 'http://[::1]:8081/' || { echo "http.server (v6) did not start" >&2; exit 1; }

DIG=(dig +time=2 +tries=1)

# ---- DNS over UDP ------------------------------------------------------------------
capture lo-dns-udp.pcap lo 0 "udp port 53 or udp port 5399 or icmp or icmp6"
for q in "www.example.test A" "www.example.test AAAA" "example.test NS" "example.test SOA" \
         "alias.example.test A" "example.test MX" "example.test TXT" \
         "_http._tcp.example.test SRV" "-x 192.0.2.25" "nothing.example.test A"; do
    # shellcheck disable=SC2086  # a name and a type
    "${DIG[@]}" @127.0.0.1 $q >/dev/null || true
done
"${DIG[@]}" @127.0.0.1 +dnssec www.example.test A >/dev/null || true
"${DIG[@]}" @127.0.0.1 +noedns +norecurse mail.example.test A >/dev/null || true
"${DIG[@]}" @::1 www.example.test AAAA >/dev/null || true
"${DIG[@]}" @127.0.0.1 -p 5399 www.example.test A >/dev/null 2>&1 || true   # closed: ICMP
"${DIG[@]}" @::1 -p 5399 www.example.test A >/dev/null 2>&1 || true         # closed: ICMPv6
done_capture lo-dns-udp.pcap

# ---- DNS over TCP ------------------------------------------------------------------
capture lo-dns-tcp.pcap lo 0 "tcp port 53"
for q in "example.test SOA" "example.test TXT" "_http._tcp.example.test SRV" \
         "nothing.example.test A"; do
    # shellcheck disable=SC2086
    "${DIG[@]}" @127.0.0.1 +tcp $q >/dev/null || true
done
"${DIG[@]}" @::1 +tcp example.test MX >/dev/null || true
done_capture lo-dns-tcp.pcap

# ---- DNS on port 5353 --------------------------------------------------------------
capture lo-dns-5353.pcap lo 0 "udp port 5353"
"${DIG[@]}" @127.0.0.1 -p 5353 www.example.test A >/dev/null || true
"${DIG[@]}" @127.0.0.1 -p 5353 example.test TXT >/dev/null || true
done_capture lo-dns-5353.pcap

# ---- HTTP, pcapng by dumpcap --------------------------------------------------------
dumpcap -i lo -q -f "tcp port 8080 or tcp port 8081" -w "$WORK/lo-http.pcapng" \
    2>"$WORK/dumpcap.log" &
CAP_PID=$!
PIDS+=("$CAP_PID")
wait_for 10 grep -q "Capturing on" "$WORK/dumpcap.log" ||
    { cat "$WORK/dumpcap.log" >&2; echo "dumpcap did not start" >&2; exit 1; }
sleep 0.3
curl -s -o /dev/null --max-time 5 http://127.0.0.1:8080/hello.txt
curl -s -o /dev/null --max-time 5 'http://[::1]:8081/hello.txt'
sleep 0.5
stop_pid "$CAP_PID" INT
cp "$WORK/lo-http.pcapng" "$OUT/lo-http.pcapng"
chmod 644 "$OUT/lo-http.pcapng"
log "lo-http.pcapng"

# ---- ping ------------------------------------------------------------------------------
capture lo-ping.pcap lo 0 "icmp or icmp6"
ping -n -c 2 -i 0.2 -W 2 127.0.0.1 >/dev/null
ping -6 -n -c 2 -i 0.2 -W 2 ::1 >/dev/null
ping -n -c 1 -s 1200 -W 2 127.0.0.1 >/dev/null
done_capture lo-ping.pcap

# ---- the "any" device: Linux cooked headers, versions 1 and 2 -----------------------
for v in LINUX_SLL LINUX_SLL2; do
    name=any-$(echo "$v" | tr 'A-Z_' 'a-z-' | sed 's/linux-//').pcap
    capture "$name" any 0 "icmp or icmp6 or udp port 53" -y "$v"
    ping -n -c 1 -W 2 127.0.0.1 >/dev/null
    ping -6 -n -c 1 -W 2 ::1 >/dev/null
    "${DIG[@]}" @127.0.0.1 www.example.test A >/dev/null || true
    done_capture "$name"
done

# ---- a small snapshot length: every frame longer than 90 bytes is cut --------------------
capture lo-snap.pcap lo 90 "tcp port 8080 or udp port 53"
curl -s -o /dev/null --max-time 5 http://127.0.0.1:8080/hello.txt
"${DIG[@]}" @127.0.0.1 example.test TXT >/dev/null || true
"${DIG[@]}" @127.0.0.1 example.test SOA >/dev/null || true
done_capture lo-snap.pcap

# ---- crafted ------------------------------------------------------------------------------
log "scapy frames"
"$PY" "$HERE/make_corpus.py" "$OUT"
log "done: $(find "$OUT" -type f | wc -l) files, $(du -sh "$OUT" | cut -f1)"
