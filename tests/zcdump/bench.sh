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
echo "| command | wall (s) | packets/s (wall) | CPU (s) | packets/s (CPU) | CPU vs zcdump | peak RSS (MB) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
zc_cpu=1

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
    case $label in zcdump*) zc_cpu=$cpu ;; esac
    awk -v l="$label" -v t="$best" -v c="$cpu" -v n="$packets" -v r="$rss" -v z="$zc_cpu" \
        'BEGIN { if (t <= 0) t = 0.001; if (c <= 0) c = 0.001; if (z <= 0) z = 0.001
                 printf "| `%s` | %.2f | %.0f | %.2f | %.0f | %.1fx | %.1f |\n", l, t, n / t, c, n / c, c / z, r / 1024 }'
}

# Three modes, each zcdump first, then what it is compared with:
# one line per packet; every field as text (-v); every field as JSON.
measure "zcdump -r FILE -n" "$ZC" -r "$CAP" -n
[ "${3:-}" = zcdump ] || {
    measure "tcpdump -r FILE -n" tcpdump -r "$CAP" -n
    # absolute TCP sequence numbers: tcpdump keeps no per-connection table then
    measure "tcpdump -r FILE -n -S" tcpdump -r "$CAP" -n -S
    measure "tshark -r FILE -n" tshark -r "$CAP" -n
}
measure "zcdump -r FILE -n -v" "$ZC" -r "$CAP" -n -v
[ "${3:-}" = zcdump ] || {
    measure "tcpdump -r FILE -n -v" tcpdump -r "$CAP" -n -v
    measure "tshark -r FILE -n -V" tshark -r "$CAP" -n -V
}
measure "zcdump -r FILE -n --json" "$ZC" -r "$CAP" -n --json
[ "${3:-}" = zcdump ] || measure "tshark -r FILE -n -T json" tshark -r "$CAP" -n -T json
