#!/usr/bin/env bash
# tests/schemas-zoo/run.sh - the schema zoo: small schemas of deliberately
# varied shapes (tests/schemas-zoo/README.md), each
#   1. compiled by zerocast (exit 0, nothing on stderr);
#   2. laid out (--emit=layout), compared with NAME.layout.expected, and
#      the header's NAME_OFF_F and NAME_MIN_SIZE macros checked against
#      that report (offsets.awk: two emitters must agree);
#   3. as a header, compiled under the strict warnings matrix: one
#      translation unit that includes it twice and takes the address of every
#      function in it (so every static inline function is instantiated),
#      gcc and clang, C99, C11 and C++17, -fsyntax-only (the front-end
#      warnings: all that -O0 gives, and all that clang gives at any level),
#      plus an -O2 object with gcc C99 and g++ C++17 (gcc's flow-based
#      warnings need the optimiser), and a 32-bit C11 -fsyntax-only pass (a
#      32-bit size_t: gcc -m32, or clang for i686 on the cross C library);
#   4. its --emit=fuzz target built by clang -std=c11 -O0 without libFuzzer
#      (-DZC_FUZZ_REPLAY, ZC_DEBUG, ASan+UBSan, the same strict flags: the
#      header is compiled with ZC_DEBUG here) and run once over a
#      fixed set of inputs (patterns, plus the schema's own
#      "// zoo-input: HEX" lines, each also with every byte in turn set to
#      00, 01 and ff and cut after every byte): every property the target
#      checks holds
#      (accessors in bounds, parse_mut agrees with parse, setters, frame vs
#      parse, builder round trips byte-identical), and at least one message
#      of a struct the schema itself declares is rebuilt byte-identical;
#   5. for each @checksum field (csum_check.sh), on every replay input that
#      NAME_parse_mut() accepts: NAME_fill_F() then NAME_F_ok() holds (with
#      IPv4 and IPv6 pseudo-headers for `pseudo` checksums).
#
# usage: run.sh ZEROCAST [RUNTIME_DIR]     (from any directory)
#   ZC_UPDATE_GOLDEN=1  write NAME.layout.expected instead of comparing
#   ZOO_JOBS=N          schemas compiled in parallel (default 2)
#   ZOO_ONLY=GLOB       only schemas whose name matches GLOB (e.g. 'sw*')
#   ZOO_KEEP=1          keep the work files (headers, TUs, replay binaries)
#   ZOO_MATRIX=sample   step 3 under 3 of the 9 compilers per schema (make
#                       check; default "full": all 9, as make zoo runs it):
#                       the i-th schema (by name, from 0) gets configuration
#                       c (0-8, in the order below) when (i + c + ZOO_SEED)
#                       % 3 == 0, so each schema meets gcc, clang and one of
#                       C++17/-O2/32-bit, and each configuration a third of
#                       the schemas; ZOO_SEED (default 0) rotates the thirds
#
# A schema listed in KNOWN_FAILURES (a known generator bug) that fails
# steps 1, 3, 4 or 5 is counted as "known", not failed, and printed loudly; a
# layout mismatch always fails. Last line: "N passed, M failed, K known ...".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zc=${1:?usage: run.sh ZEROCAST [RUNTIME_DIR]}
case $zc in /*) ;; *) zc=$(pwd)/$zc ;; esac
runtime=$(cd "${2:-$root/runtime}" && pwd)
jobs=${ZOO_JOBS:-2}
tmp=$(mktemp -d)
if [ -n "${ZOO_KEEP:-}" ]; then echo "work files kept in $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

STRICT="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
        -Wcast-align -Wcast-qual -Wundef -Werror"
# a 32-bit size_t (-Wconversion and -Wtype-limits see other types): gcc -m32
# where gcc-multilib is installed, else clang for i686 on the cross C
# library that make deps installs for tests/cross (the two packages conflict)
printf '#include <stdint.h>\n#include <string.h>\nint zoo_m32;\n' > "$tmp/m32.c"
ZOO_M32=
for c in "gcc -m32" "clang --target=i686-linux-gnu -nostdlibinc -isystem /usr/i686-linux-gnu/include"; do
    # shellcheck disable=SC2086
    if $c -std=c11 -fsyntax-only "$tmp/m32.c" 2>/dev/null; then ZOO_M32="$c -std=c11 -fsyntax-only"; break; fi
done
[ -n "$ZOO_M32" ] || echo "skip  32-bit pass (neither gcc-multilib nor libc6-dev-i386-cross)"
ZOO_MATRIX=${ZOO_MATRIX:-full} ZOO_SEED=${ZOO_SEED:-0}
case $ZOO_MATRIX in
    full) ;;
    sample) echo "matrix: sampled, seed $ZOO_SEED: 3 of 9 compilers per schema (ZOO_MATRIX=sample ZOO_SEED=$ZOO_SEED repeats it; make zoo runs all 9)" ;;
    *) echo "run.sh: ZOO_MATRIX must be full or sample"; echo "0 passed, 1 failed"; exit 1 ;;
esac
export here root zc runtime tmp STRICT ZOO_M32 ZOO_MATRIX ZOO_SEED

# ---- the replay inputs: the same bytes on every run ------------------------
mkinputs() {
    local d=$tmp/inputs n i o r=12345
    mkdir -p "$d"
    for n in 0 1 2 3 4 5 6 7 8 9 10 12 14 16 20 24 32 48 64 100 256; do
        head -c "$n" /dev/zero > "$d/zero-$n"
        head -c "$n" /dev/zero | tr '\0' '\377' > "$d/ff-$n"
        # small values: counts, lengths and tags that fit in what follows
        for ((i = 0; i < n; i++)); do printf -v o %o $((i % 4)); printf "\\$o"; done > "$d/small-$n"
        for ((i = 0; i < n; i++)); do printf -v o %o $(((i * 7 + 1) % 256)); printf "\\$o"; done > "$d/ramp-$n"
        # pseudo-random: a 31-bit linear congruential generator's high byte
        for ((i = 0; i < n; i++)); do
            r=$(((r * 1103515245 + 12345) % 2147483648)); printf -v o %o $((r >> 23)); printf "\\$o"
        done > "$d/random-$n"
    done
}
mkinputs

# ---- one schema ------------------------------------------------------------
one() {
    local name=${1#* } idx=${1%% *}
    local f=$here/$name.zc
    local d=$tmp/$name out=$tmp/$name.result args cfg std sfx i
    mkdir -p "$d"
    # shellcheck disable=SC2207
    args=($(sed -n 's|^// zerocast-args: *||p' "$f"))
    result() { printf '%s\n' "$@" > "$out"; }
    local zcrun=("$zc" -I "$here" -I "$root/schemas" "${args[@]}")

    # 2 first: a layout regression is never excused by KNOWN_FAILURES
    if ! (cd "$here" && "${zcrun[@]}" --emit=layout "$name.zc") > "$d/layout" 2> "$d/layout.err"; then
        result "gen" "zerocast --emit=layout failed" "$(head -5 "$d/layout.err")"; return
    fi
    if [ -n "${ZC_UPDATE_GOLDEN:-}" ]; then
        cmp -s "$d/layout" "$here/$name.layout.expected" ||
            { cp "$d/layout" "$here/$name.layout.expected"; echo "updated $name.layout.expected" >&2; }
    elif [ ! -f "$here/$name.layout.expected" ]; then
        result "layout" "$name.layout.expected is missing (ZC_UPDATE_GOLDEN=1 writes it; review it)"; return
    elif ! diff -u "$here/$name.layout.expected" "$d/layout" > "$d/layout.diff"; then
        result "layout" "--emit=layout differs from $name.layout.expected" "$(head -12 "$d/layout.diff")"; return
    fi

    # 1.
    if ! (cd "$here" && "${zcrun[@]}" -r "$name.zc" -o "$d/$name.zc.h" &&
          "${zcrun[@]}" --emit=fuzz "$name.zc" --include "$name.zc.h" -o "$d/fuzz.c") 2> "$d/gen.err" ||
       [ -s "$d/gen.err" ]; then
        result "gen" "zerocast failed or warned" "$(head -5 "$d/gen.err")"; return
    fi

    # 2b. the header's offset macros agree with the layout report
    local P=
    [ "${args[0]:-}" != --prefix ] || P=$(printf '%s' "${args[1]:-}" | tr a-z A-Z)
    if ! awk -v P="$P" -f "$here/offsets.awk" "$d/layout" "$d/$name.zc.h" > "$d/offsets.log"; then
        result "layout" "the header's NAME_OFF_F / NAME_MIN_SIZE macros disagree with --emit=layout" \
            "$(head -1 "$d/offsets.log")" "$(cat "$d/offsets.log")"; return
    fi

    # 3.
    {
        printf '#include "%s.zc.h"\n#include "%s.zc.h"\n' "$name" "$name"
        printf 'typedef void (*zoo_fn)(void);\nextern const zoo_fn zoo_fns[];\nconst zoo_fn zoo_fns[] = {\n'
        sed -n 's/^static inline [^(]*[ *]\([A-Za-z_][A-Za-z0-9_]*\)(.*/    (zoo_fn)\1,/p' "$d/$name.zc.h"
        printf '    (zoo_fn)0\n};\n'
    } > "$d/tu.c"
    local n=0 c=-1
    for cfg in "gcc -std=c99 -fsyntax-only" "gcc -std=c11 -fsyntax-only" \
               "g++ -x c++ -std=c++17 -fsyntax-only" \
               "clang -std=c99 -fsyntax-only" "clang -std=c11 -fsyntax-only" \
               "clang++ -x c++ -std=c++17 -fsyntax-only" \
               "gcc -std=c99 -O2 -c" "g++ -x c++ -std=c++17 -O2 -c" ${ZOO_M32:+"$ZOO_M32"}; do
        c=$((c + 1))
        [ "$ZOO_MATRIX" = full ] || [ $(((idx + c + ZOO_SEED) % 3)) = 0 ] || continue
        # shellcheck disable=SC2086
        if ! $cfg $STRICT -I"$runtime" -I"$here" -I"$d" "$d/tu.c" -o "$d/tu.o" > "$d/cc.log" 2>&1; then
            result "cc" "header does not compile warning-free: $cfg" \
                "$(grep -m1 -E 'error|warning' "$d/cc.log" | sed "s|$d/||g")" "$(head -12 "$d/cc.log")"; return
        fi
        n=$((n + 1))
    done

    # 4.
    # shellcheck disable=SC2086
    if ! clang -std=c11 -DZC_FUZZ_REPLAY -DZC_DEBUG -O0 -g $STRICT -fsanitize=address,undefined \
            -fno-sanitize-recover=all -I"$runtime" -I"$here" -I"$d" "$d/fuzz.c" -o "$d/replay" \
            > "$d/cc.log" 2>&1; then
        result "cc" "fuzz target (replay build) does not compile warning-free" \
            "$(grep -m1 -E 'error|warning' "$d/cc.log" | sed "s|$d/||g")" "$(head -12 "$d/cc.log")"; return
    fi
    # the schema's own inputs, each also with every byte in turn set to
    # 00, 01 and ff, and cut after every byte (mutants near valid messages)
    mkdir -p "$d/in"
    i=0
    sed -n 's|^// zoo-input: *||p' "$f" | tr -d ' ' | while read -r hex; do
        i=$((i + 1))
        local -a esc=()
        local j v e
        for ((j = 0; j < ${#hex} / 2; j++)); do esc+=("\\x${hex:2*j:2}"); done
        printf -v e '%s' "${esc[@]}"; printf "$e" > "$d/in/own-$i"
        for ((j = 0; j < ${#esc[@]}; j++)); do
            for v in 00 01 ff; do
                printf -v e '%s' "${esc[@]:0:j}" "\\x$v" "${esc[@]:j+1}"
                printf "$e" > "$d/in/own-$i-$j-$v"
            done
            printf -v e '%s' "${esc[@]:0:j}"
            printf "$e" > "$d/in/own-$i-cut$j"
        done
    done
    # (bash's own "Illegal instruction" note about the trap goes nowhere)
    # shellcheck disable=SC2046
    if ! { (ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            "$d/replay" "$tmp"/inputs/* $(find "$d/in" -type f | sort)) > "$d/replay.log" 2>&1; } 2>/dev/null; then
        result "replay" "a property of the generated fuzz target failed on the replay inputs" \
            "$(grep -m1 -E 'ERROR|runtime error|: rebuilt \(' "$d/replay.log" || tail -1 "$d/replay.log")" \
            "$(tail -8 "$d/replay.log")"
        return
    fi
    # messages of the schema's own structs rebuilt byte-identical
    local own rebuilt=0 which=
    for own in $(sed -n 's/^ *struct \([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$f"); do
        local r
        r=$(awk -v s="$own" '$1 == s { print $2 }' "$d/replay.log")
        [ -n "$r" ] && [ "$r" -gt 0 ] && { rebuilt=$((rebuilt + r)); which="$which $own=$r"; }
    done
    if [ "$rebuilt" -eq 0 ]; then
        result "replay" "no message of the schema's own structs was rebuilt (add a // zoo-input: HEX line)" \
            "" "$(cat "$d/replay.log")"
        return
    fi
    # 5. checksums: NAME_fill_F() then NAME_F_ok()
    local csum=
    if bash "$here/csum_check.sh" "$d/$name.zc.h" > "$d/csum.c"; then
        # shellcheck disable=SC2086
        if ! gcc -std=c11 -O1 $STRICT -I"$runtime" -I"$here" -I"$d" "$d/csum.c" -o "$d/csum" > "$d/cc.log" 2>&1; then
            result "cc" "checksum check does not compile warning-free" \
                "$(grep -m1 -E 'error|warning' "$d/cc.log" | sed "s|$d/||g")" "$(head -12 "$d/cc.log")"; return
        fi
        # shellcheck disable=SC2046
        if ! "$d/csum" "$tmp"/inputs/* $(find "$d/in" -type f | sort) > "$d/csum.log" 2>&1; then
            result "csum" "a checksum filled by NAME_fill_F() fails NAME_F_ok()" \
                "$(head -1 "$d/csum.log")" "$(tail -8 "$d/csum.log")"; return
        fi
        csum=", checksums: $(sed -n 's/^checked \([0-9]*\),.*/\1/p' "$d/csum.log") filled and verified"
    fi
    result "ok" "layout and $(sed -n 's/^checked //p' "$d/offsets.log") offset macros, $n compiles, replay:$which$csum"
}
export -f one

# ---- all schemas -----------------------------------------------------------
names=()
for f in "$here"/*.zc; do
    n=$(basename "$f" .zc)
    # shellcheck disable=SC2254
    case $n in ${ZOO_ONLY:-*}) names+=("$n") ;; esac
done
[ ${#names[@]} -gt 0 ] || { echo "no schemas"; echo "0 passed, 1 failed"; exit 1; }

# each with its index (the sampled matrix's position)
for i in "${!names[@]}"; do echo "$i ${names[i]}"; done | xargs -P "$jobs" -I{} bash -c 'one "$1"' _ {}

declare -A known=()
if [ -f "$here/KNOWN_FAILURES" ]; then
    while read -r k rest; do
        case $k in ''|'#'*) continue ;; esac
        known[${k%:}]=$rest
    done < "$here/KNOWN_FAILURES"
fi

pass=0 fail=0 nknown=0 knownlog= stale=
for n in "${names[@]}"; do
    r=$tmp/$n.result
    if [ ! -f "$r" ]; then
        fail=$((fail + 1)); printf 'FAIL  %s: the runner crashed\n' "$n"; continue
    fi
    what=$(sed -n 1p "$r")
    if [ "$what" = ok ]; then
        pass=$((pass + 1)); printf 'ok    %s (%s)\n' "$n" "$(sed -n 2p "$r")"
        [ -z "${known[$n.zc]+x}" ] || stale="$stale $n.zc"
    elif [ "$what" != layout ] && [ -n "${known[$n.zc]+x}" ]; then
        nknown=$((nknown + 1))
        printf 'KNOWN %s: %s\n      %s\n' "$n" "$(sed -n 2p "$r")" "$(sed -n 3p "$r")"
        knownlog="$knownlog$n.zc: $(sed -n 3p "$r")"$'\n'
    else
        fail=$((fail + 1))
        printf 'FAIL  %s: %s\n' "$n" "$(sed -n 2p "$r")"
        sed -n '3,$p' "$r" | sed 's/^/      /' | head -24
    fi
done

if [ "$nknown" -gt 0 ]; then
    printf '\n!!!!! %d schemas hit KNOWN GENERATOR BUGS (tests/schemas-zoo/KNOWN_FAILURES): !!!!!\n' "$nknown"
    printf '%s' "$knownlog" | sed 's/^/!!!   /'
    printf '!!!!! fix the generator, then delete their lines !!!!!\n\n'
fi
[ -z "$stale" ] || printf 'NOTE: listed in KNOWN_FAILURES but now passing (delete the lines):%s\n' "$stale"
echo "$pass passed, $fail failed, $nknown known failures (schemas that hit the generator bugs in tests/schemas-zoo/KNOWN_FAILURES)"
[ "$fail" -eq 0 ]
