#!/usr/bin/env bash
# capture.sh - (re)create real-vxlan.pcap next to this script: VXLAN
# (RFC 7348) from the Linux kernel's vxlan driver, in two private network
# namespaces joined by a veth pair (underlay 192.0.2.1/.2 and
# 2001:db8::1/::2), captured by tcpdump on one end of the underlay:
#
#   vxlan0: VNI 42 over IPv4, inner 10.1.0.1 <-> 10.1.0.2
#   vxlan1: VNI 16777215 (the largest) over IPv6, inner 10.2.0.1 <-> 10.2.0.2
#
# one ping over each (inner ARP request and reply, ICMP echo request and
# reply). The outer UDP source port is the kernel's flow hash. make.py
# turns the capture into vxlan.pcap (fixed timestamps).
#
# Needs root, tcpdump, ping and ip (iproute2).
#   bash tests/protocols/vxlan/capture.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/../netns.sh
. "$HERE/../netns.sh"
zc_need "" tcpdump ping ip
A="zc-vxlan-a-$$"
B="zc-vxlan-b-$$"
zc_veth vxlan "$A" "$B" zcvx0 zcvx1
n=1
for ns in "$A" "$B"; do
    dev=zcvx$((n - 1))
    ip -n "$ns" link set "$dev" address "02:00:00:00:00:0$n"
    ip -n "$ns" addr add "192.0.2.$n/24" dev "$dev"
    ip -n "$ns" addr add "2001:db8::$n/64" dev "$dev" nodad
    ip -n "$ns" link set "$dev" up
    # no IPv6 on the overlay devices (no neighbour discovery inside)
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
    peer=$((3 - n))
    ip -n "$ns" link add vxlan0 address "02:00:00:00:01:0$n" type vxlan id 42 \
        local "192.0.2.$n" remote "192.0.2.$peer" dstport 4789
    ip -n "$ns" link add vxlan1 address "02:00:00:00:02:0$n" type vxlan id 16777215 \
        local "2001:db8::$n" remote "2001:db8::$peer" dstport 4789
    ip -n "$ns" addr add "10.1.0.$n/24" dev vxlan0
    ip -n "$ns" addr add "10.2.0.$n/24" dev vxlan1
    ip -n "$ns" link set vxlan0 up
    ip -n "$ns" link set vxlan1 up
    n=$((n + 1))
done
sleep 1
ip netns exec "$A" tcpdump -i zcvx0 -U -s 0 -w "$W/raw.pcap" 'udp port 4789' 2>/dev/null &
TD=$!
ZC_PIDS+=("$TD")
sleep 1
ip netns exec "$A" ping -c 1 -W 2 -p 7a6572 10.1.0.2 >/dev/null
sleep 0.5
ip netns exec "$A" ping -c 1 -W 2 -s 8 10.2.0.2 >/dev/null
sleep 1
kill "$TD"; wait "$TD" 2>/dev/null || true
cp "$W/raw.pcap" "$HERE/real-vxlan.pcap"
echo "wrote $HERE/real-vxlan.pcap"
