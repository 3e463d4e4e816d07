#!/bin/bash
# tests/prove/quick.sh - the make-check subset of the proofs (a few
# minutes on 2 cores): WP on udp and ethernet (fixed fields, a variable
# array, a rest array, nested fixed structs, iterator steps), then the
# off-by-one mutants (tests/prove/mutants.sh). Ends with one
# "N passed, M failed" line summing both.
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
done
# runtime/zerocast.h's __FRAMAC__ wire functions are the generator's output
root=$(cd "$here/../.." && pwd)
if diff <(sed -n '/^\/\* frama-c wire functions: begin/,/^\/\* frama-c wire functions: end/p' "$root/runtime/zerocast.h") \
        <(/usr/bin/python3 "$here/gen-runtime-specs.py") >/dev/null; then
    p=$((p + 1)); echo "ok   runtime/zerocast.h's frama-c wire functions are gen-runtime-specs.py's output"
else
    f=$((f + 1)); echo "FAIL runtime/zerocast.h's frama-c wire functions differ from gen-runtime-specs.py's output (regenerate and paste)"
fi
echo "$p passed, $f failed"
[ "$f" = 0 ]
