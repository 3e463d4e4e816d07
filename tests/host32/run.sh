#!/usr/bin/env bash
# tests/host32/run.sh ZEROCAST RUNTIME_DIR - frame and parse results of
# generated code for lengths past 2^32 must be the same on a 32-bit host
# (gcc -m32) as on the build host (issue #16). Generates
# tests/unit/lenprobe.zc, builds host32.c both ways under the strict
# warning flags at -O0 and -O2, runs each (which checks the table of
# tests/unit/framecases.h on its host) and compares the outputs.
# Skips (exit 0, says so) when gcc cannot build -m32 programs
# (Debian: apt-get install gcc-multilib). Run from the repository root.
set -u
zerocast=${1:-gen/zerocast} runtime=${2:-runtime}
STRICT="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wcast-align -Wshadow -Werror"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'int main(void) { return 0; }\n' > "$work/probe.c"
if ! gcc -m32 "$work/probe.c" -o "$work/probe" 2>/dev/null || ! "$work/probe"; then
    echo "host32: skipped: gcc -m32 cannot build and run programs here (gcc-multilib)"
    echo "0 passed, 0 failed"
    exit 0
fi
"$zerocast" tests/unit/lenprobe.zc -o "$work/lenprobe.zc.h" || exit 1
pass=0 fail=0
for opt in -O0 -O2; do
    for host in "" -m32; do
        exe=$work/host32$host$opt
        # shellcheck disable=SC2086
        if ! gcc -std=c99 $host $opt $STRICT -I"$runtime" -I"$work" -I tests/unit tests/host32/host32.c -o "$exe"; then
            echo "host32: FAIL: does not build: gcc -std=c99 $host $opt"; fail=$((fail + 1)); continue
        fi
        if ! "$exe" > "$exe.out"; then
            echo "host32: FAIL: results differ from tests/unit/framecases.h: gcc $host $opt"; fail=$((fail + 1))
        else
            pass=$((pass + 1))
        fi
    done
    if cmp -s "$work/host32$opt.out" "$work/host32-m32$opt.out"; then
        pass=$((pass + 1))
    else
        echo "host32: FAIL: 32-bit and 64-bit results differ ($opt):"
        diff "$work/host32$opt.out" "$work/host32-m32$opt.out" | head -20
        fail=$((fail + 1))
    fi
done
sed 's/^/    /' "$work/host32-m32-O2.out"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
