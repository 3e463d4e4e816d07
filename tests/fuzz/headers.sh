#!/usr/bin/env bash
# tests/fuzz/headers.sh - second stage of compiler fuzzing: the code the
# compiler generates for fuzzer-made schemas must compile and be safe too.
#
#   headers.sh ZEROCAST WORKDIR BUDGET RUN_SECONDS FILE_OR_DIR...
#
# Every schema file given (directories: every file in them) that the
# compiler accepts (--check, same import directories as fuzz_compiler) is
#   1. compiled to a header, which must compile with the promised strict
#      flags (-Wall -Wextra -Wpedantic -Wconversion ... -Werror) as C99 with
#      gcc, C11 with clang and C++17 with g++, with every *_parse called;
#   2. compiled to its --emit=fuzz target (ZC_DEBUG, ASan, UBSan, and the
#      same strict flags: generated targets are product code too), which
#      must build warning-free and survive RUN_SECONDS of fuzzing.
# Schemas the compiler rejects are skipped, and so are schemas declaring an
# extern type whose implementation header (`extern T "file.h";`) is neither
# in runtime/ nor next to the schema: only the schema's author can supply it.
# Stops starting new schemas after BUDGET seconds. Work files go to
# WORKDIR/<schema>/; prints the seed, one line per schema tried and per
# failure and, last,
# "headers: N schemas, M failed, seed S".
#
# Which schemas, in which order (the budget rarely covers them all):
#   - the files given, shuffled with seed S: FUZZ_SEED if set, else the
#     time (seconds since the epoch); FUZZ_SEED=S repeats a run's order
#     over the same files;
#   - the schema zoo, FUZZ_HEADERS_ZOO (a directory; fuzz.mk sets
#     tests/schemas-zoo): its *.zc files, less those listed in its
#     KNOWN_FAILURES, shuffled with the same seed and interleaved, one zoo
#     schema after every FUZZ_HEADERS_ZOO_EVERY (default 3) of the others.
#     Not for the regression replay (WORKDIR named "regressions").
# Run from the repository root.
set -u
zerocast=$1 work=$2 budget=$3 runsecs=$4; shift 4
STRICT="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
        -Wcast-align -Wcast-qual -Wundef -Werror"
INC=(-I schemas -I tests/compiler/golden -I tests/compiler/diag)
runtime=$(pwd)/runtime
mkdir -p "$work"
start=$(date +%s)
n=0 failed=0 skipped=0

seed=${FUZZ_SEED:-$(date +%s)}
# shuffle TAG: stdin's lines in an order fixed by the seed and TAG
shuffle() {
    if command -v openssl >/dev/null; then
        shuf --random-source=<(openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:$seed-$1" \
                                   </dev/zero 2>/dev/null)
    else
        shuf --random-source=<(yes "$seed-$1")
    fi
}

pool=()
for a in "$@"; do
    if [ -d "$a" ]; then
        while IFS= read -r f; do pool+=("$f"); done < <(find "$a" -maxdepth 1 -type f | sort)
    elif [ -f "$a" ]; then
        pool+=("$a")
    fi
done
zoo=()
if [ -n "${FUZZ_HEADERS_ZOO:-}" ] && [ -d "$FUZZ_HEADERS_ZOO" ] && [ "$(basename "$work")" != regressions ]; then
    known=$(sed -n 's/^\([A-Za-z0-9_.-]*\.zc\):.*/\1/p' "$FUZZ_HEADERS_ZOO/KNOWN_FAILURES" 2>/dev/null)
    while IFS= read -r f; do
        printf '%s\n' "$known" | grep -qxF "$(basename "$f")" || zoo+=("$f")
    done < <(find "$FUZZ_HEADERS_ZOO" -maxdepth 1 -type f -name '*.zc' | sort)
fi
files=()
[ ${#pool[@]} -eq 0 ] || mapfile -t pool < <(printf '%s\n' "${pool[@]}" | shuffle pool)
[ ${#zoo[@]} -eq 0 ] || mapfile -t zoo < <(printf '%s\n' "${zoo[@]}" | shuffle zoo)
every=${FUZZ_HEADERS_ZOO_EVERY:-3} z=0 i=0
[ "$every" -ge 1 ] 2>/dev/null || every=3
for f in "${pool[@]}"; do
    files+=("$f"); i=$((i + 1))
    if [ $((i % every)) -eq 0 ] && [ $z -lt ${#zoo[@]} ]; then files+=("${zoo[$z]}"); z=$((z + 1)); fi
done
files+=("${zoo[@]:$z}")
echo "headers: seed $seed (FUZZ_SEED=$seed repeats this order): ${#pool[@]} files given, ${#zoo[@]} zoo schemas"

fail() {  # fail NAME FILE WHAT LOG
    failed=$((failed + 1))
    printf 'headers: FAIL %s (%s): %s\n' "$1" "$2" "$3"
    sed 's/^/    /' "$4" | head -8
}

for f in "${files[@]}"; do
    [ $(( $(date +%s) - start )) -lt "$budget" ] || break
    "$zerocast" "${INC[@]}" --check "$f" >/dev/null 2>&1 || continue
    name=$(basename "$f"); name=${name%.zc}
    d=$work/$name
    rm -rf "$d"; mkdir -p "$d/corpus"
    n=$((n + 1))
    echo "headers: schema $f"
    if ! "$zerocast" "${INC[@]}" -r "$f" -o "$d/s.zc.h" >"$d/gen.log" 2>&1 ||
       ! "$zerocast" "${INC[@]}" --emit=fuzz "$f" --include s.zc.h -o "$d/fuzz.c" >>"$d/gen.log" 2>&1; then
        fail "$name" "$f" "accepted by --check but not compiled" "$d/gen.log"; continue
    fi
    missing=
    sdir=$(cd "$(dirname "$f")" && pwd)
    while IFS= read -r inc; do
        [ "$inc" = zerocast.h ] || [ -f "$runtime/$inc" ] || [ -f "$sdir/$inc" ] || missing=$inc
    done < <(sed -n 's/^#include "\(.*\)"$/\1/p' "$d/s.zc.h")
    if [ -n "$missing" ]; then
        n=$((n - 1)) skipped=$((skipped + 1)); continue
    fi
    {
        printf '#include "s.zc.h"\nint main(void)\n{\n    static const unsigned char buf[64] = { 0 };\n    int bad = 0;\n'
        # a struct with parameters (after len) gets 0 for each
        sed -n 's/^static inline zc_status \([A-Za-z0-9_]*\)_parse(\1_view \*v, const void \*buf, size_t len\(.*\))$/\1 \2/p' \
                "$d/s.zc.h" | sort -u |
            while read -r s params; do
                zeros=$(printf '%s' "$params" | tr -cd , | sed 's/,/, 0/g')
                printf '    { %s_view v; bad += %s_parse(&v, buf, sizeof buf%s).code != ZC_OK; }\n' "$s" "$s" "$zeros"
            done
        printf '    (void)buf;\n    return bad < 0;\n}\n'
    } > "$d/strict.c"
    ok=1
    for cfg in "gcc -std=c99" "clang -std=c11" "g++ -x c++ -std=c++17"; do
        # shellcheck disable=SC2086
        if ! $cfg -O2 $STRICT -I"$runtime" -I"$sdir" -I"$d" "$d/strict.c" -o "$d/strict" >"$d/strict.log" 2>&1; then
            fail "$name" "$f" "header does not compile warning-free: $cfg" "$d/strict.log"; ok=0; break
        fi
    done
    [ $ok = 1 ] || continue
    # shellcheck disable=SC2086
    if ! clang -std=c11 -DZC_DEBUG -O1 -g $STRICT -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
            -I"$runtime" -I"$sdir" -I"$d" "$d/fuzz.c" -o "$d/fuzz" >"$d/cc.log" 2>&1; then
        fail "$name" "$f" "fuzz target does not build warning-free" "$d/cc.log"; continue
    fi
    if ! "$d/fuzz" -max_total_time="$runsecs" -timeout=20 -artifact_prefix="$d/" "$d/corpus" \
            >"$d/run.log" 2>&1; then
        grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$d/run.log" > "$d/crash.log"
        fail "$name" "$f" "fuzz target crashed (input in $d/)" "$d/crash.log"
    fi
done

if [ "$skipped" -gt 0 ]; then
    echo "headers: $skipped schemas skipped: an extern type's header is not in runtime/"
fi
echo "headers: $n schemas, $failed failed, seed $seed"
[ "$failed" -eq 0 ]
