#!/usr/bin/env bash
# capture.sh - (re)create real-igmp.pcap next to this script: IGMP from the
# Linux kernel, in two private network namespaces joined by a veth pair:
#
#   host (02:00:00:00:00:01, 192.0.2.1): a Python socket joins and leaves
#     groups (IP_ADD_MEMBERSHIP, IP_ADD_SOURCE_MEMBERSHIP, ...); the kernel
#     sends the reports: IGMPv3 (default; TO_EX, ALLOW, BLOCK, TO_IN
#     records, and current-state IS_EX/IS_IN records answering queries),
#     then IGMPv2 and IGMPv1 (net.ipv4.conf.*.force_igmp_version 2, 1:
#     reports and a v2 leave);
#   querier (192.0.2.254): a Linux bridge with mcast_querier 1 sends
#     general queries (IGMPv3, then IGMPv2 after mcast_igmp_version 2) and
#     group-specific queries after a leave.
#
# tcpdump captures on the host's end. make.py puts these frames first in
# igmp.pcap (fixed timestamps) and adds crafted ones for the rest.
#
# Needs root, tcpdump, ip (iproute2) and /usr/bin/python3.
#   bash tests/protocols/igmp/capture.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/../netns.sh
. "$HERE/../netns.sh"
zc_need "" tcpdump ip /usr/bin/python3
H="zc-igmp-host-$$"
Q="zc-igmp-q-$$"
zc_veth igmp "$H" "$Q" zcigmp0 zcigmp1
for n in "$H" "$Q"; do
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n "$H" link set zcigmp0 address 02:00:00:00:00:01
ip -n "$H" addr add 192.0.2.1/24 dev zcigmp0
ip -n "$Q" link set zcigmp1 address 02:00:00:00:00:02
ip -n "$Q" link add br0 type bridge mcast_snooping 1 mcast_querier 1 mcast_igmp_version 3 \
    mcast_query_response_interval 100 mcast_startup_query_count 1 mcast_startup_query_interval 100 \
    mcast_query_interval 300 mcast_last_member_count 1 mcast_last_member_interval 100
ip -n "$Q" link set br0 address 02:00:00:00:00:fe
ip -n "$Q" link set zcigmp1 master br0
ip -n "$Q" addr add 192.0.2.254/24 dev br0
ip -n "$H" link set zcigmp0 up

ip netns exec "$H" tcpdump -i zcigmp0 -U -s 0 -w "$W/raw.pcap" igmp 2>/dev/null &
TD=$!
ZC_PIDS+=("$TD")
sleep 1

# join.py ACTION...: each action runs in turn on one socket;
#   join G | leave G | sjoin G S | sleave G S | sleep N
cat >"$W/join.py" <<'EOF'
import socket, struct, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
ifc = socket.inet_aton("192.0.2.1")
a = sys.argv[1:]
while a:
    op = a.pop(0)
    if op == "sleep":
        time.sleep(float(a.pop(0)))
        continue
    g = socket.inet_aton(a.pop(0))
    if op in ("join", "leave"):
        opt = socket.IP_ADD_MEMBERSHIP if op == "join" else socket.IP_DROP_MEMBERSHIP
        s.setsockopt(socket.IPPROTO_IP, opt, g + ifc)
    else:  # struct ip_mreq_source: group, interface, source
        opt = 39 if op == "sjoin" else 40  # IP_ADD/DROP_SOURCE_MEMBERSHIP
        s.setsockopt(socket.IPPROTO_IP, opt, g + ifc + socket.inet_aton(a.pop(0)))
EOF
J() { ip netns exec "$H" /usr/bin/python3 "$W/join.py" "$@"; }
sysH() { ip netns exec "$H" sysctl -qw "net.ipv4.conf.zcigmp0.force_igmp_version=$1"; }

# IGMPv3: the querier starts (general query), the host answers
ip -n "$Q" link set zcigmp1 up
ip -n "$Q" link set br0 up
J join 239.1.2.3 sjoin 232.1.1.1 192.0.2.10 sjoin 232.1.1.1 192.0.2.11 sleep 4 \
    sleave 232.1.1.1 192.0.2.10 sleep 1 leave 239.1.2.3 sleep 2
# IGMPv2: reports, leave, the querier's v2 queries
ip -n "$Q" link set br0 type bridge mcast_igmp_version 2
sysH 2
J join 239.2.2.2 sleep 4 leave 239.2.2.2 sleep 2
# IGMPv1: a report (no leave in v1)
sysH 1
J join 239.3.3.3 sleep 1
sleep 1
kill "$TD"; wait "$TD" 2>/dev/null || true
cp "$W/raw.pcap" "$HERE/real-igmp.pcap"
echo "wrote $HERE/real-igmp.pcap"
