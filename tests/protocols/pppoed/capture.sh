#!/usr/bin/env bash
# capture.sh - (re)create real-pppoed.pcap next to this script: PPPoE
# Discovery (RFC 2516, 4937) between real programs, rp-pppoe's pppoe-server
# and pppoe client (Debian package pppoe), in two private network
# namespaces joined by a veth pair (host 02:00:00:00:00:01, access
# concentrator 02:00:00:00:00:02), captured by tcpdump on the
# concentrator's end:
#
#   pppoe -A                  PADI (any service), PADO, and the client exits
#   pppoe -d -S internet      PADI, PADO, PADR, PADS: a session is granted;
#                             the server's PADM (MOTM and HURL tags: -M, -H)
#                             follows the PADS; the server then starts pppd,
#                             which exits at once (no /dev/ppp: this kernel
#                             has no ppp_generic), so the server ends the
#                             session with a PADT (Generic-Error
#                             "RP-PPPoE: Child pppd process terminated")
#   pppoe -d -S nosuch        PADI for a service the server does not offer:
#                             no PADO (rp-pppoe stays silent), the client
#                             retries: more PADIs
#   pppoe -k -e SID:MAC       the client's PADT for a session
#
# No PPPoE session frame is sent: both ends hand the session to pppd, which
# cannot run here, so LCP/IPCP/... stay crafted (tests/protocols/ppp).
# make.py turns the capture into pppoed.pcap (fixed timestamps).
#
# Needs root, tcpdump, pppoe, pppoe-server and ip (iproute2).
#   bash tests/protocols/pppoed/capture.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/../netns.sh
. "$HERE/../netns.sh"
zc_need "apt-get install pppoe tcpdump iproute2" tcpdump pppoe pppoe-server ip
H="zc-pppoe-host-$$"
S="zc-pppoe-ac-$$"
zc_veth pppoe "$H" "$S" zcpppoe0 zcpppoe1
ZC_PIDFILES+=("$W/srv.pid")
ip -n "$H" link set zcpppoe0 address 02:00:00:00:00:01
ip -n "$S" link set zcpppoe1 address 02:00:00:00:00:02
# no IPv6 chatter (router solicitations, MLD) on the link
ip netns exec "$H" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec "$S" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n "$H" link set zcpppoe0 up
ip -n "$S" link set zcpppoe1 up

ip netns exec "$S" tcpdump -i zcpppoe1 -U -s 0 -w "$W/raw.pcap" \
    'ether proto 0x8863 or ether proto 0x8864' 2>/dev/null &
TD=$!
ZC_PIDS+=("$TD")
sleep 1
ip netns exec "$S" pppoe-server -I zcpppoe1 -C zc-ac -S internet -S backup \
    -M 'welcome to zerocast' -H 'http://192.0.2.80/portal' -X "$W/srv.pid"
sleep 1
C() { timeout 20 ip netns exec "$H" pppoe -I zcpppoe0 -W 0123456789abcdef "$@"; }
C -A -t 1 >"$W/ac.txt"
sleep 0.5
C -d -t 1 -S internet >"$W/session.txt"
sleep 1
C -d -t 1 -S nosuch 2>/dev/null || true
sleep 0.5
ip netns exec "$H" pppoe -I zcpppoe0 -k -e "7:02:00:00:00:00:02"
sleep 1
kill "$TD"; wait "$TD" 2>/dev/null || true
cp "$W/raw.pcap" "$HERE/real-pppoed.pcap"
echo "session: $(cat "$W/session.txt")"
echo "wrote $HERE/real-pppoed.pcap"
