#!/usr/bin/env bash
# tests/lint/run.sh - static analysis of the compiler and the runtime.
#
#   clang-tidy  (checks: tests/lint/clang-tidy.yaml) on every gen/*.c with
#               gen/zcc.h, again on gen/util.c with -fsanitize=address (its
#               arena-poisoning branch), and on runtime/zerocast.h as C99
#               (little- and big-endian branches) and as C++17, and on
#               runtime/zerocast_{dns,csum,build,io}.h as C99 and C++17;
#   cppcheck    (--enable=warning,style,performance,portability,information)
#               on gen/*.c together, on gen/util.c's ASan branch, and on
#               runtime/zerocast.h as C (both byte-order branches) and as
#               C++17, and runtime/zerocast_{dns,csum,build}.h (C99) and
#               zerocast_io.h (C99, C++17).
#
# The flex/bison outputs (build/gen/*.c) are not analysed; build/gen/parser.h
# is needed to compile gen/*.c, so it is generated first if missing (`make`
# does it too). Works from any directory. Prints one PASS/FAIL line per
# unit, the findings of failed units, and a last line "N passed, M failed";
# exits 1 on any finding. docs/hardening.md explains the check set.
#
# Environment: CLANG_TIDY (default clang-tidy), CPPCHECK (default cppcheck),
# JOBS (parallel clang-tidy runs, default: number of CPUs), LINT_SEED=N
# (make check's sample, docs/decisions.md "make check samples": clang-tidy
# on half of gen/*.c, those whose place in the sorted list has N's parity,
# so every file within two seeds; the runtime headers, the ASan branch and
# cppcheck on everything in every run. Unset, as in make lint: everything).
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2
CLANG_TIDY=${CLANG_TIDY:-clang-tidy}
CPPCHECK=${CPPCHECK:-cppcheck}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
pass=0 fail=0

for tool in "$CLANG_TIDY" "$CPPCHECK"; do
    if ! command -v "$tool" >/dev/null; then
        echo "FAIL $tool is not installed"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
if [ ! -f build/gen/parser.h ] || [ gen/parser.y -nt build/gen/parser.h ]; then
    make -s build/gen/parser.h >/dev/null || { echo "FAIL cannot generate build/gen/parser.h"; echo "0 passed, 1 failed"; exit 1; }
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/zc-lint.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT

# result NAME LOGFILE STATUS: a unit passes when the tool exited 0 and
# reported nothing.
result() {
    local name=$1 log=$2 rc=$3
    if [ "$rc" -eq 0 ] && ! grep -qE '(warning|error|style|performance|portability|information):' "$log"; then
        echo "PASS $name"
        pass=$((pass + 1))
    else
        echo "FAIL $name (exit $rc)"
        sed 's/^/    /' "$log"
        fail=$((fail + 1))
    fi
}

# ---- clang-tidy ------------------------------------------------------------
GEN_ARGS=(-std=c11 -D_XOPEN_SOURCE=700 -Igen -Ibuild/gen)
TIDY=("$CLANG_TIDY" --quiet --config-file=tests/lint/clang-tidy.yaml)

# Units run in parallel, JOBS at a time; each keeps its output and status.
n=0
names=()
tidy_unit() {   # tidy_unit NAME FILE COMPILER-ARGS...
    local name=$1 file=$2; shift 2
    n=$((n + 1))
    names[n]=$name
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
    ( "${TIDY[@]}" "$file" -- "$@" > "$T/ct.$n.log" 2>&1; echo $? > "$T/ct.$n.rc" ) &
}
SEED=${LINT_SEED:-}
case $SEED in *[!0-9]*) echo "run.sh: LINT_SEED must be a number" >&2; exit 2 ;; esac
i=0 skipped=()
for f in gen/*.c; do
    i=$((i + 1))
    if [ -n "$SEED" ] && [ $(( (i + SEED) % 2 )) -ne 0 ]; then skipped+=("$f"); continue; fi
    tidy_unit "clang-tidy $f" "$f" "${GEN_ARGS[@]}"
done
[ -z "$SEED" ] || echo "sample (LINT_SEED=$SEED; unset: everything): clang-tidy skips ${skipped[*]} in this run"
# gen/util.c poisons its arena under ASan (#ifdef ZCC_ARENA_ASAN); without
# the sanitizer flag that branch is preprocessed away and never analysed.
tidy_unit "clang-tidy gen/util.c (ASan arena branch)" gen/util.c "${GEN_ARGS[@]}" -fsanitize=address
tidy_unit "clang-tidy runtime/zerocast.h (C99, little-endian)" runtime/zerocast.h -x c -std=c99 -DZC_HOST_BIG_ENDIAN=0
tidy_unit "clang-tidy runtime/zerocast.h (C99, big-endian)" runtime/zerocast.h -x c -std=c99 -DZC_HOST_BIG_ENDIAN=1
tidy_unit "clang-tidy runtime/zerocast.h (C++17)" runtime/zerocast.h -x c++ -std=c++17
for h in zerocast_dns.h zerocast_csum.h zerocast_net.h zerocast_build.h; do
    tidy_unit "clang-tidy runtime/$h (C99)" "runtime/$h" -x c -std=c99 -Iruntime
    tidy_unit "clang-tidy runtime/$h (C++17)" "runtime/$h" -x c++ -std=c++17 -Iruntime
done
# zerocast_io.h needs _GNU_SOURCE (recvmmsg, sendmmsg, in6_pktinfo)
tidy_unit "clang-tidy runtime/zerocast_io.h (C99)" runtime/zerocast_io.h -x c -std=c99 -D_GNU_SOURCE -Iruntime
tidy_unit "clang-tidy runtime/zerocast_io.h (C++17)" runtime/zerocast_io.h -x c++ -std=c++17 -D_GNU_SOURCE -Iruntime
wait

for ((i = 1; i <= n; i++)); do
    # keep only the findings (clang-tidy also prints "N warnings generated")
    grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter|^Error while processing' \
        "$T/ct.$i.log" > "$T/ct.$i.findings"
    result "${names[i]}" "$T/ct.$i.findings" "$(cat "$T/ct.$i.rc" 2>/dev/null || echo 99)"
done

# ---- cppcheck --------------------------------------------------------------
# missingIncludeSystem: system headers are deliberately not given to
# cppcheck (--library=posix models them); it would fire on every file.
# unusedFunction is not enabled: it needs the whole program, and the callers
# of ast.c and half of diag.c are in the bison output, which is excluded.
CPPC=("$CPPCHECK" --quiet --error-exitcode=1 --inline-suppr
      '--enable=warning,style,performance,portability,information'
      --suppress=missingIncludeSystem --library=posix
      --template='{file}:{line}:{column}: {severity}: {message} [{id}]')

"${CPPC[@]}" --language=c --std=c11 -D_XOPEN_SOURCE=700 -Igen -Ibuild/gen \
    --cppcheck-build-dir="$T" gen/*.c > "$T/cpp.gen.log" 2>&1
result "cppcheck gen/*.c (C11)" "$T/cpp.gen.log" $?
# With -D given, cppcheck checks only that configuration: name the ASan one.
"${CPPC[@]}" --language=c --std=c11 -D_XOPEN_SOURCE=700 -D__SANITIZE_ADDRESS__ \
    -Igen -Ibuild/gen gen/util.c > "$T/cpp.gen.log" 2>&1
result "cppcheck gen/util.c (C11, ASan arena branch)" "$T/cpp.gen.log" $?

for cfg in "C99, little-endian|--language=c --std=c99 -DZC_HOST_BIG_ENDIAN=0" \
           "C99, big-endian|--language=c --std=c99 -DZC_HOST_BIG_ENDIAN=1" \
           "C++17|--language=c++ --std=c++17 -DZC_HOST_BIG_ENDIAN=0"; do
    label=${cfg%%|*}
    # shellcheck disable=SC2086 # flags
    "${CPPC[@]}" ${cfg#*|} runtime/zerocast.h > "$T/cpp.rt.log" 2>&1
    result "cppcheck runtime/zerocast.h ($label)" "$T/cpp.rt.log" $?
done
for h in zerocast_dns.h zerocast_csum.h zerocast_net.h; do
    "${CPPC[@]}" --language=c --std=c99 -Iruntime "runtime/$h" > "$T/cpp.rt.log" 2>&1
    result "cppcheck runtime/$h (C99)" "$T/cpp.rt.log" $?
done
# these include zerocast.h, which wants the byte order named when it is
# not the compiler's (cppcheck defines none of __BYTE_ORDER__'s macros)
"${CPPC[@]}" --language=c --std=c99 -DZC_HOST_BIG_ENDIAN=0 -Iruntime runtime/zerocast_build.h > "$T/cpp.rt.log" 2>&1
result "cppcheck runtime/zerocast_build.h (C99)" "$T/cpp.rt.log" $?
for cfg in "C99|--language=c --std=c99" "C++17|--language=c++ --std=c++17 -D__cplusplus=201703L"; do
    # shellcheck disable=SC2086 # flags
    "${CPPC[@]}" ${cfg#*|} -D_GNU_SOURCE -D__linux__ -DZC_HOST_BIG_ENDIAN=0 -Iruntime runtime/zerocast_io.h > "$T/cpp.rt.log" 2>&1
    result "cppcheck runtime/zerocast_io.h (${cfg%%|*})" "$T/cpp.rt.log" $?
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
