#!/usr/bin/env bash
# tests/zcping/run.sh - examples/zcping against iputils ping, on loopback
# and through network namespaces this script creates:
#
#   host (10.77.1.2, fd77:1::2) -- router (10.77.1.1 | 10.77.2.1) -- far (10.77.2.2, fd77:2::2)
#
# The router forwards, drops what goes to 10.77.8.0/24, has an `unreachable` route to 10.77.9.0/24 and
# fd77:9::/64 (ICMP destination unreachable) and decrements TTLs (-t 1:
# time exceeded). Every case runs iputils ping and zcping (datagram and
# raw sockets) on the same target with the same options and compares
# their output, with times and the rtt summary masked (they differ run to
# run), and their exit status. Unprivileged: zcping run as `nobody` with
# net.ipv4.ping_group_range set in the namespaces. zcping is the
# ASan+UBSan build: any report fails the case; every run is bounded by
# timeout(1).
#
# usage: run.sh [ZCPING]   (default build/asan/zcping). Needs root (ip
# netns); prints "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/asan/zcping}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac

if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || ! command -v ping >/dev/null; then
    echo "skipped: needs root, ip(8) and iputils ping"
    echo "0 passed, 0 failed"
    exit 0
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pass=0 fail=0
T=$(mktemp -d)
chmod 755 "$T"
tag=zcp$$
H=$tag-h R=$tag-r F=$tag-f
cleanup() {
    ip netns del "$H" 2>/dev/null
    ip netns del "$R" 2>/dev/null
    ip netns del "$F" 2>/dev/null
    if [ -n "${KEEP:-}" ]; then rm -rf "$KEEP"; cp -r "$T" "$KEEP"; fi
    rm -rf "$T"
}
trap cleanup EXIT
ok()  { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; shift; for f in "$@"; do [ -f "$f" ] && sed 's/^/    | /' "$f" | head -40; done; }

# ---- the namespaces ----------------------------------------------------------

setup() {
    set -e
    for n in "$H" "$R" "$F"; do
        ip netns add "$n"
        ip -n "$n" link set lo up
        ip netns exec "$n" sysctl -qw net.ipv4.ping_group_range="0 2147483647"
        ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
    done
    ip link add h0 netns "$H" type veth peer name r0 netns "$R"
    ip link add r1 netns "$R" type veth peer name f0 netns "$F"
    ip -n "$H" addr add 10.77.1.2/24 dev h0
    ip -n "$H" -6 addr add fd77:1::2/64 dev h0 nodad
    ip -n "$R" addr add 10.77.1.1/24 dev r0
    ip -n "$R" -6 addr add fd77:1::1/64 dev r0 nodad
    ip -n "$R" addr add 10.77.2.1/24 dev r1
    ip -n "$R" -6 addr add fd77:2::1/64 dev r1 nodad
    ip -n "$F" addr add 10.77.2.2/24 dev f0
    ip -n "$F" -6 addr add fd77:2::2/64 dev f0 nodad
    for l in "$H h0" "$R r0" "$R r1" "$F f0"; do set -- $l; ip -n "$1" link set "$2" up; done
    ip -n "$H" route add default via 10.77.1.1
    ip -n "$H" -6 route add default via fd77:1::1
    ip -n "$F" route add default via 10.77.2.1
    ip -n "$F" -6 route add default via fd77:2::1
    ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
    ip netns exec "$R" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
    ip -n "$R" route add unreachable 10.77.9.0/24
    ip -n "$R" -6 route add unreachable fd77:9::/64
    ip -n "$R" route add blackhole 10.77.8.0/24
    set +e
}
if ! (setup) >"$T/setup.log" 2>&1; then
    bad "set up the namespaces" "$T/setup.log"
    echo "$pass passed, $fail failed"
    exit 1
fi
# wait until IPv6 neighbours answer (no DAD, but the links must be up)
for i in $(seq 50); do
    ip netns exec "$H" ping -6 -c 1 -W 1 fd77:2::2 >/dev/null 2>&1 && break
    sleep 0.1
done
ip netns exec "$H" ping -c 1 -W 1 10.77.2.2 >/dev/null 2>&1

# masks what differs from run to run: round-trip times, the total time,
# the rtt summary, iputils' "pipe N"
mask() {
    sed -E -e 's/time=[0-9.]+ ms/time=T ms/' -e 's/, time [0-9]+ms$/, time Tms/' \
        -e 's|^rtt min/avg/max/mdev = .*|rtt min/avg/max/mdev = R|' -e '/^pipe [0-9]+$/d' \
        -e 's/, pipe [0-9]+$//' "$1"
}

# compare NAME NS "OPTIONS" TARGET: iputils ping and zcping --dgram,
# zcping --raw, zcping --dgram as nobody, on the same target
compare() {
    local name=$1 ns=$2 opts=$3 target=$4 i=$((pass + fail))
    # shellcheck disable=SC2086 # options
    timeout -k 2 30 ip netns exec "$ns" ping $opts "$target" >"$T/$i.want" 2>&1
    echo "exit $?" >>"$T/$i.want"
    mask "$T/$i.want" >"$T/$i.want.m"
    for mode in dgram raw nobody; do
        local run=("$bin" --dgram) who=()
        [ $mode = raw ] && run=("$bin" --raw)
        [ $mode = nobody ] && who=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
        # shellcheck disable=SC2086
        timeout -k 2 30 ip netns exec "$ns" "${who[@]}" "${run[@]}" $opts "$target" >"$T/$i.$mode" 2>"$T/$i.$mode.err"
        echo "exit $?" >>"$T/$i.$mode"
        mask "$T/$i.$mode" >"$T/$i.$mode.m"
        if diff -u "$T/$i.want.m" "$T/$i.$mode.m" >"$T/$i.$mode.diff" && [ ! -s "$T/$i.$mode.err" ]; then
            ok "$name ($mode): same as iputils ping"
        else
            bad "$name ($mode): differs from iputils ping" "$T/$i.$mode.diff" "$T/$i.$mode.err"
        fi
    done
}

compare "loopback IPv4"              "$H" "-c 3 -i 0.2" 127.0.0.1
compare "loopback IPv6"              "$H" "-c 3 -i 0.2" ::1
compare "loopback IPv4, 0 data bytes" "$H" "-c 2 -i 0.2 -s 0" 127.0.0.1
compare "loopback IPv4, 1400 bytes"  "$H" "-c 2 -i 0.2 -s 1400" 127.0.0.1
compare "via router IPv4 (ttl 63)"   "$H" "-c 3 -i 0.2" 10.77.2.2
compare "via router IPv6 (hlim 63)"  "$H" "-c 3 -i 0.2" fd77:2::2
compare "router address IPv4"        "$H" "-c 2 -i 0.2" 10.77.1.1
# -c 1: ip_error() rate-limits per sender, with a global burst of 5
compare "IPv4 net unreachable"       "$H" "-c 1" 10.77.9.1
compare "IPv6 unreachable"           "$H" "-c 2 -i 0.2" fd77:9::1
compare "IPv4 ttl exceeded (-t 1)"   "$H" "-c 2 -i 0.2 -t 1" 10.77.2.2
compare "IPv6 hop limit exceeded (-t 1)" "$H" "-c 2 -i 0.2 -t 1" fd77:2::2
compare "IPv4 record route (-R)"     "$H" "-c 2 -i 0.2 -R" 10.77.2.2
compare "loopback record route (-R)" "$H" "-c 2 -i 0.2 -R" 127.0.0.1
compare "no answer, deadline (-w 1)" "$H" "-w 1 -i 0.4" 10.77.8.1
compare "quiet (-q)"                 "$H" "-c 2 -i 0.2 -q" 10.77.2.2

# a raw socket needs privileges: as nobody --raw fails (exit 2)
timeout -k 2 10 ip netns exec "$H" setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$bin" --raw -c 1 127.0.0.1 >"$T/raw-nobody" 2>&1
rc=$?
if [ $rc = 2 ] && grep -q 'socket: Operation not permitted' "$T/raw-nobody"; then
    ok "raw socket as nobody: refused, exit 2"
else
    bad "raw socket as nobody: exit $rc" "$T/raw-nobody"
fi
# and without ping_group_range, as nobody, neither socket can be opened
ip netns exec "$F" sysctl -qw net.ipv4.ping_group_range="1 0"
timeout -k 2 10 ip netns exec "$F" setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$bin" -c 1 127.0.0.1 >"$T/noperm" 2>&1
rc=$?
if [ $rc = 2 ] && grep -q 'socket:' "$T/noperm"; then
    ok "no ping_group_range, as nobody: refused, exit 2"
else
    bad "no ping_group_range, as nobody: exit $rc" "$T/noperm"
fi
# bad arguments
for args in "-c 0 127.0.0.1" "-s 70000 127.0.0.1" "-t 0 127.0.0.1" "-R ::1" "" "no.such.host.invalid"; do
    # shellcheck disable=SC2086
    timeout -k 2 10 "$bin" $args >"$T/args" 2>&1
    rc=$?
    if [ $rc = 2 ] && [ -s "$T/args" ] && ! grep -q 'Sanitizer' "$T/args"; then
        ok "zcping $args: exit 2 with a message"
    else
        bad "zcping $args: exit $rc" "$T/args"
    fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
