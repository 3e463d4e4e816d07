#!/usr/bin/env bash
# tests/zcdump/bench.sh - zcdump against tshark and tcpdump on one large
# capture (docs/performance.md, "zcdump against tshark and tcpdump").
#
#   make build/zcdump build/bench/corpus-s1-1000000.pcap
#   bash tests/zcdump/bench.sh [CAPTURE] [RUNS] [zcdump]
#
# Defaults: build/bench/corpus-s1-1000000.pcap (1,000,000 frames written by
# tests/bench/gencorpus.c, 617 MB) and 3 runs per command; a third argument
# "zcdump" measures only zcdump. Every command
# writes to /dev/null; /usr/bin/time -v gives the elapsed time and the peak
# resident set size. The capture is read once first so that every run finds
# it in the page cache. Prints one markdown table row per command: the
# fastest run's elapsed time and CPU time (user + system) with the packets
# per second of each, and the largest peak RSS. On a busy machine the CPU
# figures are the steadier ones.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CAP=${1:-build/bench/corpus-s1-1000000.pcap}
RUNS=${2:-3}
ZC=${ZCDUMP:-build/zcdump}
[ -f "$CAP" ] || { echo "bench.sh: no $CAP (make $CAP)" >&2; exit 1; }
[ -x "$ZC" ] || { echo "bench.sh: no $ZC (make zcdump)" >&2; exit 1; }

packets=$(capinfos -c -M "$CAP" 2>/dev/null | sed -n 's/^Number of packets: *//p')
cat "$CAP" >/dev/null
echo "capture: $CAP, $packets packets, $(stat -c %s "$CAP") bytes"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "versions: $("$ZC" --version | head -1); $(tshark --version 2>/dev/null | head -1); $(tcpdump --version 2>/dev/null | head -1)"
echo
echo "| command | wall (s) | packets/s (wall) | CPU (s) | packets/s (CPU) | peak RSS (MB) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"

measure() {   # measure LABEL COMMAND...
    local label=$1 best="" cpu="" rss=0 i t c m f=$ROOT/build/bench-zcdump.time
    shift
    for ((i = 0; i < RUNS; i++)); do
        /usr/bin/time -v "$@" >/dev/null 2>"$f" || true
        t=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$f" |
            awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
        c=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$f")
        m=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$f")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
        if [ -z "$cpu" ] || awk -v a="$c" -v b="$cpu" 'BEGIN { exit !(a < b) }'; then cpu=$c; fi
        [ "$m" -gt "$rss" ] && rss=$m
    done
    rm -f "$f"
    awk -v l="$label" -v t="$best" -v c="$cpu" -v n="$packets" -v r="$rss" \
        'BEGIN { printf "| `%s` | %.2f | %.0f | %.2f | %.0f | %.1f |\n", l, t, n / t, c, n / c, r / 1024 }'
}

measure "zcdump -r FILE" "$ZC" -r "$CAP"
measure "zcdump -r FILE --json" "$ZC" -r "$CAP" --json
measure "zcdump -r FILE -v" "$ZC" -r "$CAP" -v
[ "${3:-}" = zcdump ] && exit 0
measure "tcpdump -r FILE -n -v" tcpdump -r "$CAP" -n -v
# absolute TCP sequence numbers, as zcdump prints them: tcpdump keeps no
# per-connection table for relative ones then
measure "tcpdump -r FILE -n -v -S" tcpdump -r "$CAP" -n -v -S
measure "tshark -r FILE" tshark -r "$CAP"
# every field of every layer, as zcdump --json (a few minutes)
measure "tshark -r FILE -T json" tshark -r "$CAP" -T json
