#!/bin/sh
# instr.sh OUTDIR BENCH PCAP...
# Counts instructions per packet for each implementation with callgrind:
# one process, the driver zeroes the counters before and dumps them after
# each implementation's run over the corpus (bench --instr).
set -eu
out=$1 bench=$2
shift 2
command -v valgrind >/dev/null || { echo "instr: valgrind not installed, skipped"; exit 0; }
rm -f "$out"/callgrind.out.*
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out/callgrind.out" \
    "$bench" --instr "$@" > "$out/instr.log" 2> "$out/instr.err" || {
    cat "$out/instr.log" "$out/instr.err"; exit 1; }
npk=$(sed -n 's/^  total \([0-9]*\) packets.*/\1/p' "$out/instr.log")
echo "instructions (valgrind --tool=callgrind, Ir = instructions executed, whole run over $npk packets):"
printf '  %-10s %14s %12s %10s\n' impl instructions instr/pkt "vs unsafe"
for f in "$out"/callgrind.out.*; do
    name=$(sed -n 's/^desc: Trigger: Client Request: impl=//p' "$f")
    ir=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$f")
    [ -n "$name" ] && echo "$name $ir"
done > "$out/instr.tab"
base=$(awk '$1 == "unsafe" { print $2 }' "$out/instr.tab")
for impl in zerocast walker walkeach unsafe careful libtins; do
    awk -v i="$impl" -v n="$npk" -v b="$base" '$1 == i {
        printf "  %-10s %14d %12.1f %9.3fx\n", $1, $2, $2 / n, $2 / b }' "$out/instr.tab"
done
# The stack walker against the per-layer parsers and the unsafe idiom.
awk -v n="$npk" '{ ir[$1] = $2 } END {
    if (ir["walker"] && ir["zerocast"] && ir["unsafe"])
        printf "  ratios: walker/unsafe %.3fx  walker/zerocast %.3fx  zerocast/unsafe %.3fx\n",
            ir["walker"] / ir["unsafe"], ir["walker"] / ir["zerocast"], ir["zerocast"] / ir["unsafe"]
    if (ir["walkeach"] && ir["zerocast"] && ir["unsafe"])
        printf "  ratios: walkeach/unsafe %.3fx  walkeach/zerocast %.3fx\n",
            ir["walkeach"] / ir["unsafe"], ir["walkeach"] / ir["zerocast"] }' "$out/instr.tab"
grep '^result' "$out/instr.log"
grep -q 'all implementations agree' "$out/instr.log"
