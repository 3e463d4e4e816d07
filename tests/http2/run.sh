#!/usr/bin/env bash
# tests/http2/run.sh - http2_frame() on real h2c streams against tshark.
#
#   bash tests/http2/run.sh [BUILD_DIR]     (default build)
#
# Runs $B/tests/http2_framer (tests/http2/framer.c) on
# tests/protocols/http2/real-h2c.pcap: it frames each direction of each
# connection with http2_frame(), checks every prefix of every frame, and
# rebuilds each frame with the builders (byte-identical, ZC_ERR_SPACE in
# one byte less) and prints "SRC>DST frames N rebuilt N"; each frame count
# must equal tshark's number of
# HTTP/2 frames in that direction (tcp.port 8080 decoded as http2, TCP
# reassembly on). Last line "N passed, M failed".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
B=${1:-build}
PCAP=tests/protocols/http2/real-h2c.pcap
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pass=0 fail=0
ok()  { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; }
T=$(mktemp -d "${TMPDIR:-/tmp}/zc-http2.XXXXXX")
trap 'rm -rf "$T"' EXIT

if "$B/tests/http2_framer" "$PCAP" > "$T/zc" 2> "$T/err" && [ ! -s "$T/err" ]; then
    ok "http2_frame(): $(wc -l < "$T/zc") streams framed whole, every prefix of every frame NEED with the bytes missing, every frame parses"
else
    bad "http2_frame() on $PCAP"
    sed 's/^/     | /' "$T/zc" "$T/err" | head -20
fi
if [ -s "$T/zc" ] && awk '$2 != "frames" || $4 != "rebuilt" || $3 != $5 { exit 1 }' "$T/zc"; then
    ok "builders: every frame rebuilt byte-identical from its view ($(awk '{s += $5} END {print s}' "$T/zc") frames; padding and pad lengths derived), ZC_ERR_SPACE in one byte less"
else
    bad "builders: not every frame rebuilt byte-identical"
    sed 's/^/     | /' "$T/zc" | head -20
fi
if command -v tshark >/dev/null; then
    tshark -r "$PCAP" -n -d tcp.port==8080,http2 -o tcp.desegment_tcp_streams:TRUE \
        -T fields -e tcp.srcport -e tcp.dstport -e http2.type 2>/dev/null |
        awk -F'\t' '$3 != "" { c[$1 ">" $2] += split($3, a, ",") }
                    END { for (k in c) print k " frames " c[k] }' | sort > "$T/ws"
    sort "$T/zc" | grep ' frames ' | cut -d' ' -f1-3 > "$T/zcs"
    if [ -s "$T/ws" ] && diff -u "$T/ws" "$T/zcs" > "$T/diff"; then
        ok "frame counts per direction equal tshark's ($(wc -l < "$T/ws") directions, $(awk '{s += $3} END {print s}' "$T/ws") frames)"
    else
        bad "frame counts differ from tshark's (-tshark +zerocast)"
        sed 's/^/     | /' "$T/diff" | head -20
    fi
else
    echo "skip the counts against tshark: tshark is not installed"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
