#!/usr/bin/env bash
# tests/hostile/run.sh - feeds hostile schemas to the compiler.
#
# gen.py writes every input (random bytes, token soup, mutated bundled
# schemas, files at and over the 16 MiB limit, 10 MB of fields, huge
# structs/enums/bit groups, 1,000- and 100,000-deep nesting and forward
# references, 1,000-deep imports, 100,000-character identifiers, 100,000
# parentheses, NUL bytes, invalid UTF-8, one-line files...) into a mktemp
# directory, then each case runs under
#
#   the normal compiler      gen/zerocast, with `ulimit -v` 3 GiB
#   the ASan+UBSan compiler  build/asan/zerocast, with hard_rss_limit_mb=3072
#                            (ASan reserves terabytes of address space, so
#                            it cannot run under ulimit -v)
#
# both under `timeout 60` (ZC_HOSTILE_TIME_LIMIT). A run passes when it ends with exit 0 (and a
# non-empty output file when -o was given) or exit 1 with an `error:`
# diagnostic and no output file, as the case expects (gen.py documents the
# expectations); a signal, a timeout, exit > 3, a sanitizer report or more
# than 1 MiB of diagnostics fails it. Time and peak RSS come from
# /usr/bin/time when installed.
#
# Environment: ZC, ZC_ASAN (the two compilers), HOSTILE_TABLE (also write a
# Markdown results table to this file), HOSTILE_ONLY (a grep -E pattern of
# case names to run), HOSTILE_SEED=N (make check's sample, docs/
# decisions.md "make check samples": the two slowest cases, fields-10MB and
# long-line-10MB, a minute of CPU each, run under one compiler, the normal
# one for an even N and the ASan+UBSan one for an odd N; every other case
# under both. Unset: everything). Prints one line per case and "N passed, M failed"
# (one count per case and compiler); exits 1 on any failure.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ZC=${ZC:-$ROOT/gen/zerocast}
ZC_ASAN=${ZC_ASAN:-$ROOT/build/asan/zerocast}
TIME_LIMIT=${ZC_HOSTILE_TIME_LIMIT:-60}   # a hang guard, not a speed test (4 s alone; 20 s was hit on a loaded 2-core machine)
MEM_LIMIT_KB=$((3 * 1024 * 1024))
STDERR_LIMIT=$((1024 * 1024))
pass=0 fail=0
SLOW='^(fields-10MB|long-line-10MB)$'
SEED=${HOSTILE_SEED:-}
case $SEED in *[!0-9]*) echo "run.sh: HOSTILE_SEED must be a number" >&2; exit 2 ;; esac
if [ -n "$SEED" ]; then
    only=normal; [ $((SEED % 2)) -eq 1 ] && only=asan
    echo "sample (HOSTILE_SEED=$SEED; unset: everything): fields-10MB and long-line-10MB under the $only compiler only"
fi

for z in "$ZC" "$ZC_ASAN"; do
    if [ ! -x "$z" ]; then
        echo "FAIL $z is missing (run: make gen/zerocast build/asan/zerocast)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
PY=$(command -v python3) || { echo "FAIL python3 is needed"; echo "0 passed, 1 failed"; exit 1; }
TIMER=/usr/bin/time
[ -x "$TIMER" ] || TIMER=

T=$(mktemp -d "${TMPDIR:-/tmp}/zc-hostile.XXXXXX") || exit 2
READER_PID=
cleanup() {
    [ -n "$READER_PID" ] && kill "$READER_PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
mkdir -p "$T/in" "$T/out"

if ! "$PY" "$ROOT/tests/hostile/gen.py" "$T/in" "$ROOT/schemas" > "$T/manifest"; then
    echo "FAIL gen.py could not write the cases"
    echo "0 passed, 1 failed"
    exit 1
fi

export ASAN_OPTIONS="detect_leaks=1:exitcode=86:hard_rss_limit_mb=3072:allocator_may_return_null=0:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=86"

# run KIND NAME ARGS...: runs one compiler; leaves rc, secs, rss (KiB) and
# the stderr in $T/KIND.err.
run() {
    local kind=$1 name=$2; shift 2
    local z=$ZC; [ "$kind" = asan ] && z=$ZC_ASAN
    (
        cd "$T/in" || exit 2
        ulimit -c 0
        [ "$kind" = normal ] && ulimit -v "$MEM_LIMIT_KB"
        if [ -n "$TIMER" ]; then
            exec "$TIMER" -f '%e %M' -o "$T/$kind.time" timeout -k 5 "$TIME_LIMIT" "$z" "$@"
        else
            TIMEFORMAT='%R -'
            { time timeout -k 5 "$TIME_LIMIT" "$z" "$@" 2>&3; } 3>&2 2> "$T/$kind.time"
        fi
    ) > /dev/null 2> "$T/$kind.err"
    echo $? > "$T/$kind.rc"
}

# judge KIND EXPECT OUTFILE: sets verdict ("" = pass) and outcome.
judge() {
    local kind=$1 expect=$2 out=$3
    local rc; rc=$(cat "$T/$kind.rc")
    local err=$T/$kind.err
    local size; size=$(stat -c %s "$err")
    local t; t=$(tail -n 1 "$T/$kind.time" 2>/dev/null)
    secs=${t%% *}; rss=${t##* }
    verdict='' outcome="exit $rc"
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        verdict="timeout (over ${TIME_LIMIT}s)"; outcome=hang
    elif [ "$rc" -gt 128 ]; then
        verdict="killed by signal $((rc - 128))"; outcome="signal $((rc - 128))"
    elif grep -aqE 'Sanitizer|runtime error:' "$err"; then
        verdict="sanitizer report: $(grep -a -m1 -E 'ERROR: [A-Za-z]*Sanitizer|runtime error:' "$err")"
        outcome=sanitizer
    elif [ "$rc" -eq 0 ]; then
        outcome=ok
        if grep -aq 'error:' "$err"; then verdict="exit 0 but an error: was printed"; fi
        if [ -n "$out" ] && [ ! -s "$out" ]; then verdict="exit 0 but no output"; fi
    elif [ "$rc" -eq 1 ] || [ "$rc" -eq 3 ]; then
        outcome=error
        [ "$rc" -eq 3 ] && outcome="error (exit 3)"
        if ! grep -aq 'error:' "$err"; then verdict="exit $rc without an error: diagnostic"; fi
        if [ -n "$out" ] && [ -e "$out" ]; then verdict="exit $rc but the output file exists"; fi
    else
        verdict="unexpected exit status $rc"
    fi
    if [ -z "$verdict" ] && [ "$size" -gt "$STDERR_LIMIT" ]; then
        verdict="$size bytes of diagnostics (limit $STDERR_LIMIT)"
    fi
    if [ -z "$verdict" ]; then
        case $expect in
            ok)    [ "$outcome" = ok ] || verdict="expected success, got: $(grep -a -m1 'error:' "$err" | cut -c1-160)" ;;
            err*)  if [ "$outcome" != error ]; then verdict="expected an error, got exit $rc"
                   elif [ "$expect" != err ] && ! grep -aqF -- "${expect#err:}" "$err"; then
                       verdict="expected an error containing '${expect#err:}', got: $(grep -a -m1 'error:' "$err" | cut -c1-160)"
                   fi ;;
            any)   ;;
        esac
    fi
    first=$(grep -a -m1 -E 'error:|warning:' "$err" | sed 's/^[^ ]*: \(error\|warning\): /\1: /' |
            LC_ALL=C tr -c '[:print:]\n' '?' | cut -c1-90)
}

fmt_rss() { if [ "${1:--}" = - ]; then echo "-"; else echo "$(( $1 / 1024 )) MB"; fi; }

table() { [ -n "${HOSTILE_TABLE:-}" ] && printf '%s\n' "$*" >> "$HOSTILE_TABLE"; true; }
if [ -n "${HOSTILE_TABLE:-}" ]; then
    : > "$HOSTILE_TABLE"
    table "| case | input | normal: result, time, peak RSS | ASan+UBSan: result, time, peak RSS | first diagnostic |"
    table "| --- | --- | --- | --- | --- |"
fi

while IFS=$'\t' read -r name expect asan_mode argstr; do
    [ -n "${HOSTILE_ONLY:-}" ] && ! [[ $name =~ $HOSTILE_ONLY ]] && continue
    read -r -a args <<< "$argstr"
    args=("${args[@]//@SCHEMAS@/$ROOT/schemas}")
    input=
    for a in "${args[@]}"; do [ -f "$T/in/$a" ] && input=$T/in/$a; done
    insize=$( [ -n "$input" ] && stat -c %s "$input" || echo 0)

    out_n= ; out_a=
    nargs=("${args[@]//@OUT@/$T/out/$name.h}")
    [[ $argstr == *@OUT@* ]] && out_n=$T/out/$name.h
    if [ "$asan_mode" = check ]; then
        aargs=()
        for a in "${args[@]}"; do
            case $a in -o|@OUT@) ;; *) aargs+=("$a") ;; esac
        done
        aargs=(--check "${aargs[@]}")
    else
        aargs=("${args[@]//@OUT@/$T/out/$name.asan.h}")
        [[ $argstr == *@OUT@* ]] && out_a=$T/out/$name.asan.h
    fi

    kinds="normal asan"
    [ -n "$SEED" ] && [[ $name =~ $SLOW ]] && kinds=$only
    # the two compilers run side by side (2 CPUs)
    res_normal="not run (sampled)" res_asan="not run (sampled)"
    for kind in $kinds; do
        if [ "$kind" = normal ]; then run normal "$name" "${nargs[@]}" &
        else run asan "$name" "${aargs[@]}" &
        fi
    done
    wait

    line=""
    ok=1
    first_normal=
    for kind in $kinds; do
        out=$out_n; [ "$kind" = asan ] && out=$out_a
        judge "$kind" "$expect" "$out"
        [ "$kind" = normal ] && first_normal=$first
        if [ -n "$verdict" ]; then
            fail=$((fail + 1)); ok=0
            line+=" | $kind: FAIL $verdict"
        else
            pass=$((pass + 1))
            line+=" | $kind: $outcome ${secs}s $(fmt_rss "$rss")"
        fi
        eval "res_$kind=\"\$outcome \${secs}s \$(fmt_rss \"\$rss\")\${verdict:+ **FAIL: \$verdict**}\""
    done
    label=$name; [ "$asan_mode" = check ] && label="$name (ASan: --check)"
    if [ $ok = 1 ]; then echo "PASS $label$line"; else echo "FAIL $label$line"; fi
    # shellcheck disable=SC2154 # res_* are set by eval above
    table "| $label | $insize B | $res_normal | $res_asan | ${first_normal//|/\\|} |"
    rm -f "$T/out/$name.h" "$T/out/$name.asan.h"
done < "$T/manifest"

# ---- -o naming a FIFO: written in place, not replaced by a regular file ----
# (rename() over a device node or FIFO destroys it; as root, `-o /dev/null`
# would replace /dev/null. The FIFO shows the same thing harmlessly.)
if [ -z "${HOSTILE_ONLY:-}" ] || [[ output-fifo =~ $HOSTILE_ONLY ]]; then
    for kind in normal asan; do
        z=$ZC; [ "$kind" = asan ] && z=$ZC_ASAN
        fifo=$T/out/fifo.$kind
        rm -f "$fifo" "$fifo.got"
        mkfifo "$fifo"
        timeout 20 cat "$fifo" > "$fifo.got" &
        READER_PID=$!
        timeout 20 "$z" -I "$ROOT/schemas" "$ROOT/schemas/udp.zc" -o "$fifo" 2> "$T/fifo.err"
        rc=$?
        if [ -p "$fifo" ]; then
            wait "$READER_PID"
        else
            kill "$READER_PID" 2>/dev/null; wait "$READER_PID" 2>/dev/null
        fi
        READER_PID=
        if [ "$rc" -eq 0 ] && [ -p "$fifo" ] && [ -s "$fifo.got" ]; then
            echo "PASS output-fifo ($kind): -o FIFO is written in place"
            pass=$((pass + 1))
            table "| output-fifo ($kind) | - | ok: FIFO kept, header streamed through it | | |"
        else
            why="exit $rc"; [ -p "$fifo" ] || why+=", the FIFO was replaced by a regular file"
            echo "FAIL output-fifo ($kind): $why"
            fail=$((fail + 1))
            table "| output-fifo ($kind) | - | **FAIL: $why** | | |"
        fi
    done
fi

# ---- a struct nesting one over the builder limit (4096 fields) ----------
# Neither gets a builder, and the header compiles strictly: the outer one's
# builder used to name the inner's, which does not exist. (Not a fuzz
# regression: compiling this header with every strict flag and building its
# fuzz target takes minutes.)
if [ -z "${HOSTILE_ONLY:-}" ] || [[ builder-limit =~ $HOSTILE_ONLY ]]; then
    bl=$T/builder-limit
    mkdir -p "$bl"
    { echo 'struct inner {'; for ((i = 0; i < 4100; i++)); do echo "    u8 f$i;"; done
      echo '}'; echo 'struct outer { u8 a; inner i; u8 b; }'; } > "$bl/s.zc"
    printf '#include "s.zc.h"\nint main(void) { return 0; }\n' > "$bl/t.c"
    if "$ZC" "$bl/s.zc" -o "$bl/s.zc.h" 2> "$bl/err" &&
       ! grep -q 'inner_builder' "$bl/s.zc.h" &&
       cc -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I "$ROOT/runtime" -I "$bl" "$bl/t.c" 2>> "$bl/err"; then
        echo "PASS builder-limit: a struct nesting one of 4100 fields: no builder for either, the header compiles"
        pass=$((pass + 1))
        table "| builder-limit | - | ok: no builder for either struct, header compiles | | |"
    else
        echo "FAIL builder-limit: $(head -3 "$bl/err")"
        fail=$((fail + 1))
        table "| builder-limit | - | **FAIL** | | |"
    fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
