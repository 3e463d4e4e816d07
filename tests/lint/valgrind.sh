#!/usr/bin/env bash
# tests/lint/valgrind.sh - the compiler (gen/zerocast, the normal -O2 -g
# build) under valgrind memcheck: no invalid access, no use of
# uninitialised memory, no leak of any kind (the arena is freed at exit).
#
# Runs, each with --leak-check=full --errors-for-leak-kinds=all
# --error-exitcode=99:
#   every schemas/*.zc (-I schemas) as a header (-MD), --emit=layout and
#     --emit=fuzz, expecting exit 0;
#   every tests/compiler/golden/*.zc, and every tests/compiler/layout/*.zc,
#     in its own directory with its "// zerocast-args:" options, expecting 0;
#   every tests/compiler/diag/*.zc, expecting exit 1 when it expects an
#     error (the error paths must be clean too), 0 when only warnings.
# Works from any directory; prints one line per run and "N passed, M
# failed"; exits 1 on any failure. Environment: ZC (the compiler),
# VALGRIND, JOBS (parallel runs, default: number of CPUs), and
# VALGRIND_SAMPLE=K (make check: 3; default 1, every run): only the runs
# with (n + VALGRIND_SEED) % K == 0, n numbering them in the order above
# except that the i-th schema's three runs are numbered i, i+1 and i+2 (a
# third of the schemas under each of the three emitters, for K = 3), so a
# different K-th of them for each seed (VALGRIND_SEED, default 0;
# printed), all of them over K consecutive seeds. `make valgrind` runs all.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ZC=${ZC:-$ROOT/gen/zerocast}
VALGRIND=${VALGRIND:-valgrind}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

if ! command -v "$VALGRIND" >/dev/null; then
    echo "FAIL valgrind is not installed"; echo "0 passed, 1 failed"; exit 1
fi
if [ ! -x "$ZC" ]; then
    echo "FAIL $ZC is missing (run make)"; echo "0 passed, 1 failed"; exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/zc-valgrind.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT

VG=("$VALGRIND" -q --tool=memcheck --leak-check=full --show-leak-kinds=all
    --errors-for-leak-kinds=all --error-exitcode=99 --track-fds=no)

SAMPLE=${VALGRIND_SAMPLE:-1} SEED=${VALGRIND_SEED:-0}
case $SAMPLE$SEED in *[!0-9]*) echo "FAIL VALGRIND_SAMPLE and VALGRIND_SEED are numbers"; echo "0 passed, 1 failed"; exit 1 ;; esac
[ "$SAMPLE" -ge 1 ] || SAMPLE=1
[ "$SAMPLE" = 1 ] || echo "sample: one run in $SAMPLE, seed $SEED (VALGRIND_SAMPLE=$SAMPLE VALGRIND_SEED=$SEED repeats it; make valgrind runs all)"

n=0 seen=0
names=()
expects=()
# unit NAME EXPECTED-EXIT DIR ARGS...: one compiler run under valgrind,
# JOBS at a time.
unit() {
    local name=$1 want=$2 dir=$3; shift 3
    seen=$((seen + 1))
    [ $(((${slot:-$seen} + SEED) % SAMPLE)) = 0 ] || return 0
    n=$((n + 1))
    names[n]=$name
    expects[n]=$want
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
    (
        cd "$dir" || exit 2
        timeout 120 "${VG[@]}" --log-file="$T/vg.$n.log" "$ZC" "$@" > /dev/null 2> "$T/err.$n"
        echo $? > "$T/rc.$n"
    ) &
}

# the "// zerocast-args:" options of a golden file
extra_args() { sed -n 's|^// zerocast-args:||p' "$1" | head -n 1; }

i=0
for f in "$ROOT"/schemas/*.zc; do
    b=$(basename "$f" .zc)
    slot=$i unit "schemas/$b.zc (header, -MD)" 0 "$ROOT" -I schemas "schemas/$b.zc" -MD -o "$T/$b.zc.h"
    slot=$((i + 1)) unit "schemas/$b.zc --emit=layout" 0 "$ROOT" -I schemas --emit=layout "schemas/$b.zc" -o "$T/$b.layout"
    slot=$((i + 2)) unit "schemas/$b.zc --emit=fuzz" 0 "$ROOT" -I schemas --emit=fuzz "schemas/$b.zc" -o "$T/$b.fuzz.c"
    i=$((i + 1))
done
for dir in golden layout; do
    for f in "$ROOT/tests/compiler/$dir"/*.zc; do
        [ -e "$f" ] || continue
        b=$(basename "$f")
        read -r -a extra <<< "$(extra_args "$f")"
        mode=()
        [ "$dir" = layout ] && mode=(--emit=layout)
        unit "tests/compiler/$dir/$b" 0 "$ROOT/tests/compiler/$dir" "${mode[@]}" "${extra[@]}" "$b"
    done
done
for f in "$ROOT"/tests/compiler/diag/*.zc; do
    b=$(basename "$f")
    # exit 1 when the file expects an error; warning-only cases succeed
    want=0
    grep -qE '// expect: .*: error:' "$f" && want=1
    unit "tests/compiler/diag/$b (exit $want)" "$want" "$ROOT/tests/compiler/diag" -o "$T/diag.h" "$b"
done
wait

pass=0 fail=0
for ((i = 1; i <= n; i++)); do
    rc=$(cat "$T/rc.$i" 2>/dev/null || echo "?")
    if [ "$rc" = "${expects[i]}" ] && [ ! -s "$T/vg.$i.log" ]; then
        echo "PASS ${names[i]}"
        pass=$((pass + 1))
    else
        case $rc in
            99) why="valgrind found errors" ;;
            124) why="timed out" ;;
            *) why="exit $rc, expected ${expects[i]}" ;;
        esac
        echo "FAIL ${names[i]}: $why"
        sed 's/^/    /' "$T/vg.$i.log"
        [ "$rc" != 99 ] && head -n 5 "$T/err.$i" | sed 's/^/    stderr: /'
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
