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
# shellcheck source=tests/prove/mutate.sh
. "$here/mutate.sh"
mut_why3
"$zc" --acsl -r -I "$root/tests/compiler/golden" "$root/tests/compiler/golden/acsl_array.zc" \
    -o "$out/h/acsl_array.zc.h" || exit 2
cp "$out/h/acsl_array.zc.h" "$out/orig.h"

passed=0 failed=0
check() {   # NAME FUNCTION SED-EXPRESSION
    mut_check "$1" "$2" "$3" "$out/orig.h" "$root/runtime" "$out/$1.h" "$out/$1.log"
}

fns=ar_by_count_elems_at,ar_by_bytes_items_at,ar_fixed_words_at
mut_unmutated "${fns//,/, }" "$root/runtime" "$out/orig.h" "$fns" "$out/orig.log"
check at-count ar_by_count_elems_at 's/if (i >= ar_by_count_elems_count(v))/if (i > ar_by_count_elems_count(v))/'
check at-bytes ar_by_bytes_items_at 's/if (i >= ar_by_bytes_items_count(v))/if (i > ar_by_bytes_items_count(v))/'
check at-wire ar_fixed_words_at '/^static inline bool ar_fixed_words_at(/,/^}/s/if (i >= b.len \/ 2) {/if (i > b.len \/ 2) {/'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
