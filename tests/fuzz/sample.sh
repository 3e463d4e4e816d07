#!/usr/bin/env bash
# tests/fuzz/sample.sh - the fuzz targets of make check's smoke run (a
# sample; make fuzz-smoke runs them all): docs/fuzzing.md.
#
#   sample.sh STRIDE SEED TARGET...
#
# Prints, on one line, the TARGETs (in their order) that are
#   - not a schema's target (dns_name, props, compiler, headers): always;
#   - a schema's target with regression inputs (tests/fuzz/regressions/
#     <target>/): always, so every regression input is replayed;
#   - of the other schemas' targets, the i-th (from 0) when
#     (i + SEED) % STRIDE == 0: one in STRIDE, another one for each seed,
#     all of them over STRIDE consecutive seeds.
set -u
stride=$1 seed=$2; shift 2
case $stride$seed in *[!0-9]*|'') echo "sample.sh: STRIDE and SEED are numbers" >&2; exit 2 ;; esac
[ "$stride" -ge 1 ] || stride=1
here=$(cd "$(dirname "$0")" && pwd)
out=() i=0
for t in "$@"; do
    if [ ! -f "$here/../../schemas/$t.zc" ] || [ -d "$here/regressions/$t" ]; then
        out+=("$t")
    else
        [ $(((i + seed) % stride)) = 0 ] && out+=("$t")
        i=$((i + 1))
    fi
done
echo "${out[*]}"
