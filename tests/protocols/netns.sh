# tests/protocols/netns.sh - sourced by the capture.sh scripts that make
# real fixtures in network namespaces (igmp, lldp, pppoed, vxlan): two
# namespaces joined by a veth pair, a scratch directory $W, and one
# cleanup on exit that stops what the script started and deletes both.
#
#   . "$HERE/../netns.sh"
#   zc_need "HINT" TOOL...           exit 1 naming the first missing TOOL
#                                    (and HINT, e.g. the apt-get line)
#   zc_veth NAME NS0 NS1 DEV0 DEV1   $W (/tmp/zc-NAME.*), namespaces NS0
#                                    and NS1, DEV0 in NS0 peered with DEV1
#                                    in NS1; installs the EXIT trap
#   ZC_PIDS+=("$!")                  processes killed on exit (tcpdump,
#                                    daemons): killing one that ended
#                                    already is harmless
#   ZC_PIDFILES+=("$W/x.pid")        pid files of daemons, killed on exit
# shellcheck shell=bash
ZC_PIDS=() ZC_PIDFILES=() ZC_NETNS=() W=""

zc_need() {
    local hint=$1 t
    shift
    for t in "$@"; do
        command -v "$t" >/dev/null || { echo "missing: $t${hint:+ ($hint)}" >&2; exit 1; }
    done
}

zc_cleanup() {
    local p
    for p in "${ZC_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${ZC_PIDFILES[@]}"; do
        if [ -f "$p" ]; then kill "$(cat "$p")" 2>/dev/null || true; fi
    done
    wait 2>/dev/null || true
    for p in "${ZC_NETNS[@]}"; do ip netns del "$p" 2>/dev/null || true; done
    if [ -n "$W" ]; then rm -rf "$W"; fi
}

zc_veth() {
    W="$(mktemp -d "/tmp/zc-$1.XXXXXX")"
    trap zc_cleanup EXIT
    ip netns add "$2"
    ZC_NETNS+=("$2")
    ip netns add "$3"
    ZC_NETNS+=("$3")
    ip link add "$4" netns "$2" type veth peer name "$5" netns "$3"
}
