#!/usr/bin/env bash
# tests/fuzz/roundtrip.sh - round trips through the builders for every
# bundled schema, on real bytes (make roundtrip; tests/check.sh).
#
#   roundtrip.sh BUILD_DIR SCHEMA...
#
# BUILD_DIR/fuzz/replay_<schema> is the schema's generated fuzz target
# built without libFuzzer (-DZC_FUZZ_REPLAY, gcc, ASan+UBSan). It runs once
# on each seed of BUILD_DIR/fuzz/seeds/<schema>/ (tests/fuzz/seeds.py: the
# bytes of that schema's layer in every frame of tests/captures/), tries
# every struct as the entry point and, for each message that parses:
#   1. rebuilds it from its view with the struct's builder, field by field
#      (nested structs and array elements built in place; lengths, counts,
#      header lengths and constants left for the builder to derive), in a
#      heap block of exactly its size, and requires the same bytes;
#   2. rebuilds it in one byte less and requires ZC_ERR_SPACE (ASan sees
#      any write past the block).
# A mismatch traps. Messages holding an array walk that stops (arrays by
# bytes or to the end are checked when walked, not by *_parse, and no
# builder writes such bytes) are counted apart.
#
# Checks, one line each: the replay exits 0 (no mismatch, no sanitizer
# report), and at least one message of a struct the schema itself declares
# was rebuilt. Then the per-struct table, and "N passed, M failed".
set -u
B=$1; shift
pass=0 fail=0 total=0
ok()  { pass=$((pass + 1)); printf 'ok   %s\n' "$*"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }

for s in "$@"; do
    bin=$B/fuzz/replay_$s seeds=$B/fuzz/seeds/$s
    shopt -s nullglob
    files=("$seeds"/*)
    shopt -u nullglob
    if [ ${#files[@]} -eq 0 ]; then
        bad "$s: no seeds in $seeds"
        continue
    fi
    out=$("$bin" "${files[@]}" 2>&1)
    rc=$?
    if [ $rc -ne 0 ]; then
        bad "$s: the replay failed (exit $rc)"
        printf '%s\n' "$out" | grep -v '^  ' | head -20
        continue
    fi
    ok "$s: ${#files[@]} inputs, every struct as entry point, no mismatch"
    # structs this schema declares (not the ones it imports)
    own=$(sed -n 's/^[[:space:]]*struct[[:space:]]\{1,\}\([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "schemas/$s.zc" | tr '\n' ' ')
    if [ -z "$own" ]; then
        ok "$s: declares no struct of its own (its stack walks the imported ones)"
        continue
    fi
    n=0 names=""
    for st in $own; do
        c=$(printf '%s\n' "$out" | awk -v s="$st" '$1 == s { print $2 }')
        n=$((n + ${c:-0}))
        [ "${c:-0}" -gt 0 ] && names="$names $st=$c"
    done
    total=$((total + n))
    if [ "$n" -gt 0 ]; then
        ok "$s: $n of its own messages rebuilt byte-identical:$names"
    else
        bad "$s: none of its own structs ($own) was rebuilt from the seeds"
    fi
done
echo "roundtrip: $total messages of the schemas' own structs rebuilt byte-identical"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
