#!/usr/bin/env bash
# capture.sh - (re)create real-lldp.pcap next to this script: LLDPDUs
# (IEEE 802.1AB) sent by lldpd (Debian package lldpd) in two private
# network namespaces joined by a veth pair, captured by tcpdump on one end:
#
#   "switch" (02:00:00:00:00:02, 192.0.2.2 and 2001:db8::2): system name,
#     description and capabilities set by lldpcli, port ID subtype ifname,
#     a port description, IPv4 management address, a custom organisation
#     specific TLV, LLDP-MED class 4 (network connectivity device);
#   "host" (02:00:00:00:00:01): lldpd's defaults, LLDP-MED class 1,
#     IPv6 management address;
#
# each sends at start and every second (tx-interval 1), and a shutdown
# LLDPDU (TTL 0) when stopped. The kernel and inventory fields (-k, -i) are
# off so that nothing of the machine that ran the capture is in it.
# make.py keeps the first LLDPDU of each kind and adds crafted frames.
#
# Needs root, tcpdump, lldpd, lldpcli and ip (iproute2).
#   bash tests/protocols/lldp/capture.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/../netns.sh
. "$HERE/../netns.sh"
zc_need "apt-get install lldpd tcpdump iproute2" tcpdump lldpd lldpcli ip
H="zc-lldp-host-$$"
S="zc-lldp-sw-$$"
zc_veth lldp "$H" "$S" zclldp0 zclldp1
chmod 755 "$W"
ip -n "$H" link set zclldp0 address 02:00:00:00:00:01
ip -n "$S" link set zclldp1 address 02:00:00:00:00:02
ip -n "$H" addr add 2001:db8::1/64 dev zclldp0 nodad
ip -n "$S" addr add 192.0.2.2/24 dev zclldp1
ip -n "$S" addr add 2001:db8::2/64 dev zclldp1 nodad
ip -n "$H" link set zclldp0 up
ip -n "$S" link set zclldp1 up

cat >"$W/switch.conf" <<'EOF'
configure system hostname zc-switch
configure system description "zerocast test switch"
configure system platform zerocast
configure system capabilities enabled bridge,router
configure system ip management pattern 192.0.2.2
configure lldp tx-interval 1
configure lldp portidsubtype ifname
configure ports zclldp1 lldp portdescription "uplink to zc-host"
configure lldp custom-tlv oui 33,44,55 subtype 44 oui-info 7a,63
EOF
cat >"$W/host.conf" <<'EOF'
configure system hostname zc-host
configure system description "zerocast test host"
configure system platform zerocast
configure system ip management pattern 2001:db8::1
configure lldp tx-interval 1
EOF

ip netns exec "$H" tcpdump -i zclldp0 -U -s 0 -w "$W/raw.pcap" 'ether proto 0x88cc' 2>/dev/null &
ZC_PIDS+=("$!")
sleep 1
ip netns exec "$S" lldpd -d -k -i -M 4 -I zclldp1 -u "$W/switch.sock" -O "$W/switch.conf" 2>"$W/switch.log" &
SW=$!
ZC_PIDS+=("$SW")
sleep 2.5
ip netns exec "$H" lldpd -d -k -i -M 1 -I zclldp0 -u "$W/host.sock" -O "$W/host.conf" 2>"$W/host.log" &
HO=$!
ZC_PIDS+=("$HO")
sleep 2.5
kill "$SW"; wait "$SW" 2>/dev/null || true
kill "$HO"; wait "$HO" 2>/dev/null || true
sleep 1
kill "${ZC_PIDS[0]}"; wait "${ZC_PIDS[0]}" 2>/dev/null || true
cp "$W/raw.pcap" "$HERE/real-lldp.pcap"
echo "wrote $HERE/real-lldp.pcap"
