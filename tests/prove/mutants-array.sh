#!/bin/bash
# tests/prove/mutants-array.sh - the proof of the array element helpers
# S_F_at() (gen/emit_acsl_array.c; docs/hardening.md, "Arrays: count and
# _at()") catches an index bound one too far: in scratch copies of the
# header of tests/compiler/golden/acsl_array.zc, S_F_at() accepting
# i == count must leave a WP goal unproved, for an array of structs by
# count (ar_by_count_elems_at), by bytes (ar_by_bytes_items_at) and an
# array of wire integers (ar_fixed_words_at). The unmutated functions must
# prove.
#
#   bash tests/prove/mutants-array.sh ZEROCAST OUTDIR
#
# PROVE_TIMEOUT and PROVE_PAR as tests/prove/run.sh. Ends with "N passed,
# M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2/mutants-array/h"
out=$(cd "$2" && pwd)/mutants-array
export WHY3CONFIG=$out/why3.conf
[ -s "$WHY3CONFIG" ] || why3 config detect -C "$WHY3CONFIG" >/dev/null 2>&1 ||
    { echo "why3 config detect failed"; exit 2; }
"$zc" --acsl -r -I "$root/tests/compiler/golden" "$root/tests/compiler/golden/acsl_array.zc" \
    -o "$out/h/acsl_array.zc.h" || exit 2
cp "$out/h/acsl_array.zc.h" "$out/orig.h"

# prove HEADER FUNCTIONS LOG: prints "proved/goals"
prove() {
    frama-c -cpp-extra-args="-I$root/runtime -I$out/h -include $1" "$here/harness.c" \
        -wp -wp-rte -wp-no-init-const -warn-signed-downcast -wp-prover z3,cvc4 \
        -wp-timeout "${PROVE_TIMEOUT:-20}" -wp-par "${PROVE_PAR:-2}" -wp-fct "$2" >"$3" 2>&1
    grep -E '^\[wp\] Proved goals:' "$3" | sed -E 's/.*: *([0-9]+) *\/ *([0-9]+).*/\1\/\2/'
}

passed=0 failed=0
check() {   # NAME FUNCTION SED-EXPRESSION
    local name=$1 fn=$2 expr=$3 h=$out/$1.h
    sed "$expr" "$out/orig.h" >"$h"
    if cmp -s "$h" "$out/orig.h"; then
        echo "FAIL  $name: the mutation does not apply (the generated code changed?)"
        failed=$((failed + 1)); return
    fi
    local r; r=$(prove "$h" "$fn" "$out/$name.log")
    if [ -z "$r" ]; then
        echo "FAIL  $name: frama-c failed (see $out/$name.log)"; failed=$((failed + 1))
    elif [ "${r%/*}" = "${r#*/}" ]; then
        echo "FAIL  $name: every goal proved ($r): the proof missed the bug"; failed=$((failed + 1))
    else
        echo "ok    $name: $r goals proved; unproved:"
        grep -E '^\[wp\] \[(Failed|Unknown|Timeout)\]' "$out/$name.log" | sed 's/^\[wp\]/        /'
        passed=$((passed + 1))
    fi
}

fns=ar_by_count_elems_at,ar_by_bytes_items_at,ar_fixed_words_at
r=$(prove "$out/orig.h" "$fns" "$out/orig.log")
if [ -n "$r" ] && [ "${r%/*}" = "${r#*/}" ]; then
    echo "ok    unmutated ${fns//,/, }: $r goals proved"; passed=$((passed + 1))
else
    echo "FAIL  unmutated: ${r:-frama-c failed} (see $out/orig.log)"; failed=$((failed + 1))
fi
check at-count ar_by_count_elems_at 's/if (i >= ar_by_count_elems_count(v))/if (i > ar_by_count_elems_count(v))/'
check at-bytes ar_by_bytes_items_at 's/if (i >= ar_by_bytes_items_count(v))/if (i > ar_by_bytes_items_count(v))/'
check at-wire ar_fixed_words_at '/^static inline bool ar_fixed_words_at(/,/^}/s/if (i >= b.len \/ 2) {/if (i > b.len \/ 2) {/'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
