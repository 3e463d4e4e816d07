#!/usr/bin/env bash
# tests/fuzz/run.sh - runs libFuzzer targets (called by tests/fuzz/fuzz.mk).
#
#   run.sh smoke B SECONDS TARGET...        short run each, throw-away corpus
#   run.sh long  B SECONDS RUNS TARGET...   long run each, corpus kept
#
# For each TARGET (a schema name, "dns_name", "props" or "compiler") it uses
# $B/fuzz/fuzz_TARGET:
#   1. replays every file in tests/fuzz/regressions/TARGET/ once (a failed
#      replay fails the target, but fuzzing still runs);
#   2. fuzzes, starting from $B/fuzz/seeds/TARGET (read only) plus the
#      working corpus: $B/fuzz/smoke/TARGET (emptied first) for smoke runs,
#      $B/fuzz/corpus/TARGET (kept across runs) for long runs.
# Crash inputs go to $B/fuzz/artifacts/TARGET/, full logs to $B/fuzz/logs/.
# Prints one line per target and, last, "N passed, M failed"; exits non-zero
# if any target failed (a crash, leak, sanitizer report, timeout or OOM).
#
# Extra libFuzzer options can be passed in FUZZ_ARGS.
set -u

# Everything is in main(), called on the last line, so bash has read the
# whole file before running any of it (editing it during a long run is safe).
main() {
mode=$1 B=$2 secs=$3; shift 3
ZEROCAST=${ZEROCAST:-gen/zerocast}
runs=-1
if [ "$mode" = long ]; then runs=$1; shift; fi
case $mode in smoke|long) ;; *) echo "run.sh: unknown mode '$mode'" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
mkdir -p "$B/fuzz/logs"

# Executions: libFuzzer's final statistic, or in -fork mode the last "#N:".
execs_of() {
    local n
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -1)
    [ -n "$n" ] || n=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$1" | tail -1)
    echo "${n:-?}"
}

# Edges and features of a corpus, measured the same way for every mode: the
# "INITED cov: N ft: M" line of a -runs=0 pass over it.
corpus_cov() {  # corpus_cov BIN OPTION... DIR...
    local bin=$1 line; shift
    line=$("$bin" "$@" -timeout=120 -runs=0 2>&1 | grep -m1 'INITED cov:')
    echo "$line" | sed -n 's/.*INITED cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/p'
}

# The pseudo-target "headers" (tests/fuzz/headers.sh): generated code for
# the schemas in the compiler's corpus must compile strictly and survive its
# own fuzz target. Smoke: at most 3x SECONDS, 1 s of fuzzing per schema;
# long: SECONDS in all, 3 s per schema. Regressions: regressions/headers/.
headers() {
    local corpus=$B/fuzz/$1/compiler budget=$2 per=$3 start end out rc=0 regs=0 why=
    start=$(date +%s)
    out=$B/fuzz/logs/headers.$mode.log
    if [ -d "$here/regressions/headers" ]; then
        # every regression schema, or (make check's sampled smoke run:
        # FUZZ_REG_STRIDE and FUZZ_REG_SEED) one in FUZZ_REG_STRIDE by name
        # order, rotating with the seed: all of them over STRIDE days, and
        # all in every `make fuzz-smoke` and `make fuzz`
        local files=() i=0 f
        while IFS= read -r f; do
            if [ -z "${FUZZ_REG_STRIDE:-}" ] || [ $(((i + ${FUZZ_REG_SEED:-0}) % FUZZ_REG_STRIDE)) = 0 ]; then
                files+=("$f")
            fi
            i=$((i + 1))
        done < <(find "$here/regressions/headers" -type f -name '*.zc' | sort)
        regs=${#files[@]}
        [ -z "${FUZZ_REG_STRIDE:-}" ] || echo "fuzz-$mode: headers regressions sampled: $regs of $i (FUZZ_REG_STRIDE=$FUZZ_REG_STRIDE FUZZ_REG_SEED=${FUZZ_REG_SEED:-0}; make fuzz-smoke replays all)"
        if [ "$regs" -gt 0 ] && ! bash "$here/headers.sh" "$ZEROCAST" "$B/fuzz/headers/regressions" \
                100000 1 "${files[@]}" > "$B/fuzz/logs/headers.regressions.log" 2>&1; then
            rc=1 why="regression replay failed, see $B/fuzz/logs/headers.regressions.log; "
        fi
    fi
    bash "$here/headers.sh" "$ZEROCAST" "$B/fuzz/headers/$mode" "$budget" "$per" \
        "$corpus" "$B/fuzz/seeds/compiler" > "$out" 2>&1 || rc=1
    end=$(date +%s)
    if [ $rc = 0 ]; then
        pass=$((pass + 1))
        printf 'fuzz-%s: %-9s ok   %4ss, %s, %d regressions\n' "$mode" headers $((end - start)) \
            "$(tail -1 "$out" | sed 's/^headers: //')" "$regs"
    else
        fail=$((fail + 1))
        printf 'fuzz-%s: %-9s FAIL %4ss; %s%s; log %s\n' "$mode" headers $((end - start)) \
            "$why" "$(tail -1 "$out" | sed 's/^headers: //')" "$out"
    fi
}

for t in "$@"; do
    if [ "$t" = headers ]; then
        if [ "$mode" = smoke ]; then headers smoke $((secs * 3)) 1; else headers corpus "$secs" 3; fi
        continue
    fi
    bin=$B/fuzz/fuzz_$t
    log=$B/fuzz/logs/$t.$mode.log
    art=$B/fuzz/artifacts/$t/
    mkdir -p "$art" "$B/fuzz/seeds/$t"
    base=(-timeout=20 -rss_limit_mb=2048 -artifact_prefix="$art")
    fuzzonly=(-print_final_stats=1)
    if [ "$t" = compiler ]; then
        # diagnostics go to stderr; libFuzzer keeps its own reports
        base+=(-close_fd_mask=2 -dict="$here/compiler.dict")
    elif [ "$t" = dns_name ]; then
        # the work per input grows with its length; 1024 bytes hold a
        # header and all one name can touch (254 bytes of labels and 127
        # two-byte pointers), and the largest seed (780). Not for the
        # replays: libFuzzer would cut a longer regression input short.
        fuzzonly+=(-max_len=1024)
    fi
    # shellcheck disable=SC2206
    opts=("${base[@]}" "${fuzzonly[@]}" ${FUZZ_ARGS:-})
    status=ok why=

    # 1. regressions, each input run once
    regs=()
    if [ -d "$here/regressions/$t" ]; then
        while IFS= read -r f; do regs+=("$f"); done \
            < <(find "$here/regressions/$t" -type f ! -name '*.md' | sort)
    fi
    if [ ${#regs[@]} -gt 0 ]; then
        if ! "$bin" "${base[@]}" "${regs[@]}" > "$B/fuzz/logs/$t.regressions.log" 2>&1; then
            status=FAIL why="regression replay failed, see $B/fuzz/logs/$t.regressions.log"
        fi
    fi

    # 2. fuzzing
    if [ "$mode" = smoke ]; then
        corpus=$B/fuzz/smoke/$t
        rm -rf "$corpus"
    else
        corpus=$B/fuzz/corpus/$t
    fi
    mkdir -p "$corpus"
    marker=$B/fuzz/logs/.$t.start
    touch "$marker"
    start=$(date +%s)
    # Fuzz even when a regression failed: a known bug should not stop the
    # search for others (use -fork=1 -ignore_crashes=1 to go on past it).
    "$bin" "${opts[@]}" -max_total_time="$secs" -runs="$runs" \
        "$corpus" "$B/fuzz/seeds/$t" > "$log" 2>&1
    rc=$?
    # crash-, leak-, timeout-, oom- files from this run (slow units are not
    # failures); with -fork=N -ignore_crashes=1 the run goes on after a crash
    found=$(find "$art" -type f -newer "$marker" ! -name 'slow-unit-*' | sort)
    ncrash=$(printf '%s' "$found" | grep -c .)
    nslow=$(find "$art" -type f -newer "$marker" -name 'slow-unit-*' | grep -c .)
    if [ "$rc" -ne 0 ] || [ "$ncrash" -ne 0 ]; then
        status=FAIL
        why="${why:+$why; }fuzzing: exit $rc, $ncrash crash inputs: $(echo $found); log $log"
    fi
    end=$(date +%s)

    if [ "$status" = ok ]; then
        pass=$((pass + 1))
        printf 'fuzz-%s: %-9s ok   %4ss, %s execs, %s, %d regressions%s\n' "$mode" "$t" \
            $((end - start)) "$(execs_of "$log")" \
            "$(corpus_cov "$bin" "${base[@]}" "$corpus" "$B/fuzz/seeds/$t")" ${#regs[@]} \
            "$([ "$nslow" -eq 0 ] || echo ", $nslow slow inputs (>10 s) in $art")"
    else
        fail=$((fail + 1))
        printf 'fuzz-%s: %-9s FAIL %4ss, %s execs; %s\n' "$mode" "$t" $((end - start)) \
            "$(execs_of "$log")" "$why"
    fi
    rm -f "$marker"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
}

main "$@"
exit
