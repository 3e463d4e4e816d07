#!/bin/bash
# tests/prove/quick.sh - the make-check subset of the proofs (a few
# minutes on 2 cores): WP on udp and ethernet (fixed fields, a variable
# array, a rest array, nested fixed structs, iterator steps), then the
# off-by-one mutants (tests/prove/mutants.sh), then every bundled schema's
# --acsl header through the strict compilers. Ends with one
# "N passed, M failed" line summing all.
#
#   bash tests/prove/quick.sh ZEROCAST OUTDIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
p=0 f=0
for cmd in "run.sh $1 $2 udp ethernet" "mutants.sh $1 $2"; do
    # shellcheck disable=SC2086
    out=$(bash "$here"/$cmd 2>&1)
    st=$?
    printf '%s\n' "$out" | sed '$d'
    last=$(printf '%s\n' "$out" | tail -1)
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        p=$((p + BASH_REMATCH[1])) f=$((f + BASH_REMATCH[2]))
    else
        printf '%s\n' "$last"; f=$((f + 1))
    fi
    [ $st = 0 ] || [ $f -gt 0 ] || f=1
    # udp.zc.h proved whole by run.sh: the mutants skip its unmutated proof
    if [ "${cmd%% *}" = run.sh ] && grep -qE '^\[wp\] Proved goals: *([0-9]+) / \1$' "$2/log/udp.log" 2>/dev/null; then
        export MUTANTS_PROVED_HEADER=$2/h/udp.zc.h
    fi
done
root=$(cd "$here/../.." && pwd)
# every bundled schema's header made with --acsl compiles warning-free
# under the strict flags (tests/strict/run.sh's), in C99, C11 and C++17,
# with gcc and clang: the contracts are comments, the buffer type is void
mkdir -p "$2/strict"
STRICT="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wcast-align -Wcast-qual -Wundef -Werror"
gen_ok=1
: > "$2/strict/all.c"
for s in "$root"/schemas/*.zc; do
    n=$(basename "$s" .zc)
    "$1" --acsl -I "$root/schemas" "$s" -o "$2/strict/$n.zc.h" || gen_ok=0
    printf '#include "%s.zc.h"\n' "$n" >> "$2/strict/all.c"
done
printf 'int main(void)\n{\n    static const unsigned char buf[64] = { 0 };\n    udp_view v;\n    return udp_parse(&v, buf, sizeof buf).code != ZC_OK;\n}\n' >> "$2/strict/all.c"
# gcc -O2 for the warnings that need the optimiser; clang and g++ with
# -fsyntax-only: their front ends give the rest (the same code again, -O2
# only cost time)
for cc in "gcc -std=c99 -O2" "clang -std=c11 -fsyntax-only" "g++ -x c++ -std=c++17 -fsyntax-only"; do
    # shellcheck disable=SC2086
    if [ $gen_ok = 1 ] && $cc $STRICT -I"$root/runtime" -I"$2/strict" -c "$2/strict/all.c" -o "$2/strict/all.o" 2>"$2/strict/log"; then
        p=$((p + 1)); echo "ok   every schema's --acsl header, strict flags: $cc"
    else
        f=$((f + 1)); echo "FAIL every schema's --acsl header, strict flags: $cc"; head -20 "$2/strict/log"
    fi
done
# runtime/zerocast.h's __FRAMAC__ wire functions are the generator's output
if diff <(sed -n '/^\/\* frama-c wire functions: begin/,/^\/\* frama-c wire functions: end/p' "$root/runtime/zerocast.h") \
        <(/usr/bin/python3 "$here/gen-runtime-specs.py") >/dev/null; then
    p=$((p + 1)); echo "ok   runtime/zerocast.h's frama-c wire functions are gen-runtime-specs.py's output"
else
    f=$((f + 1)); echo "FAIL runtime/zerocast.h's frama-c wire functions differ from gen-runtime-specs.py's output (regenerate and paste)"
fi
echo "$p passed, $f failed"
[ "$f" = 0 ]
