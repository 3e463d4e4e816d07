#!/usr/bin/env bash
# capture.sh - (re)create real-h2c.pcap next to this script: cleartext
# HTTP/2 with prior knowledge (h2c, RFC 9113 3.3) between real programs on
# the loopback of a private network namespace: nghttpd (Debian
# nghttp2-server) serving a directory on port 8080, with padding (-b) and
# server push (-p), against curl --http2-prior-knowledge (a GET, a POST, an
# aborted download: RST_STREAM) and nghttp (Debian nghttp2-client: weights,
# padding, a header block too large for one frame: CONTINUATION, push
# accepted: PUSH_PROMISE). make.py turns the capture into http2.pcap.
#
# Needs root, tcpdump, nghttpd, nghttp, curl, unshare and ip.
#   bash tests/protocols/http2/capture.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT=8080
if [ -z "${ZC_IN_NETNS:-}" ]; then
    exec unshare --net env ZC_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up
for t in tcpdump nghttpd nghttp curl; do command -v $t >/dev/null || { echo "missing: $t" >&2; exit 1; }; done
W="$(mktemp -d /tmp/zc-h2.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do if [ -n "$p" ]; then kill "$p" 2>/dev/null || true; fi; done; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
mkdir "$W/www"
printf 'hello, h2c\n' > "$W/www/index.html"
printf 'body { color: black }\n' > "$W/www/style.css"
head -c 200000 /dev/zero | tr '\0' 'z' > "$W/www/big.bin"
printf 'posted data\n' > "$W/post.txt"

tcpdump -i lo -U -s 0 -w "$W/raw.pcap" "tcp port $PORT" 2>/dev/null &
PIDS+=($!)
sleep 1
nghttpd --no-tls -d "$W/www" -b 7 -p /index.html=/style.css --trailer 'x-trailer: done' --echo-upload $PORT &
PIDS+=($!)
sleep 1
curl -s --http2-prior-knowledge "http://127.0.0.1:$PORT/index.html" -o /dev/null
curl -s --http2-prior-knowledge -d @"$W/post.txt" "http://127.0.0.1:$PORT/echo" -o /dev/null || true
curl -s --http2-prior-knowledge "http://127.0.0.1:$PORT/big.bin" | head -c 10 > /dev/null || true
curl -s --http2-prior-knowledge "http://127.0.0.1:$PORT/missing" -o /dev/null || true
nghttp -n -b 5 -p 200 "http://127.0.0.1:$PORT/index.html"
nghttp -n --continuation "http://[::1]:$PORT/style.css" 2>/dev/null || nghttp -n --continuation "http://127.0.0.1:$PORT/style.css"
sleep 1
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
cp "$W/raw.pcap" "$HERE/real-h2c.pcap"
echo "wrote $HERE/real-h2c.pcap"
