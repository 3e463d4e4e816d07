# shellcheck shell=bash disable=SC2154   # here, out, passed, failed: the caller's
# tests/prove/mutate.sh - what the mutant tests share (sourced by
# mutants.sh, mutants-array.sh, mutants-write.sh and frame.sh): WP on
# some functions of a header, and the verdict on a scratch copy of it with
# one bug put in by sed, which must leave a goal unproved. The caller sets
# `here` (tests/prove), `out` (its output directory), `passed` and
# `failed`; PROVE_TIMEOUT and PROVE_PAR as tests/prove/run.sh.

# mut_why3: the why3 configuration, detected once per output directory
mut_why3() {
    export WHY3CONFIG=$out/why3.conf
    [ -s "$WHY3CONFIG" ] || why3 config detect -C "$WHY3CONFIG" >/dev/null 2>&1 ||
        { echo "why3 config detect failed"; exit 2; }
}

# mut_prove RUNTIME-DIR HEADER FUNCTIONS LOG: prints "proved/goals", or
# nothing when frama-c failed
mut_prove() {
    frama-c -cpp-extra-args="-I$1 -I$out/h -include $2" "$here/harness.c" \
        -wp -wp-rte -wp-no-init-const -warn-signed-downcast -wp-prover z3,cvc4 \
        -wp-timeout "${PROVE_TIMEOUT:-20}" -wp-par "${PROVE_PAR:-2}" -wp-fct "$3" >"$4" 2>&1
    grep -E '^\[wp\] Proved goals:' "$4" | tail -1 | sed -E 's/.*: *([0-9]+) *\/ *([0-9]+).*/\1\/\2/'
}

# mut_proved RESULT: every goal proved
mut_proved() {
    [ -n "$1" ] && [ "${1%/*}" = "${1#*/}" ]
}

# mut_verdict NAME RESULT LOG: a mutant must leave a goal unproved
mut_verdict() {
    if [ -z "$2" ]; then
        echo "FAIL  $1: frama-c failed (see $3)"; failed=$((failed + 1))
    elif mut_proved "$2"; then
        echo "FAIL  $1: every goal proved ($2): the proof missed the bug"; failed=$((failed + 1))
    else
        echo "ok    $1: $2 goals proved; unproved:"
        grep -E '^\[wp\] \[(Failed|Unknown|Timeout)\]' "$3" | sed 's/^\[wp\]/        /'
        passed=$((passed + 1))
    fi
}

# mut_check NAME FUNCTIONS SED-EXPRESSION ORIGINAL RUNTIME-DIR MUTANT LOG:
# MUTANT is ORIGINAL with the sed expression applied (which must change
# it), then proved
mut_check() {
    sed "$3" "$4" >"$6"
    if cmp -s "$6" "$4"; then
        echo "FAIL  $1: the mutation does not apply (the generated code changed?)"
        failed=$((failed + 1)); return
    fi
    mut_verdict "$1" "$(mut_prove "$5" "$6" "$2" "$7")" "$7"
}

# mut_unmutated LABEL RUNTIME-DIR HEADER FUNCTIONS LOG: all their goals must prove
mut_unmutated() {
    local r
    r=$(mut_prove "$2" "$3" "$4" "$5")
    if mut_proved "$r"; then
        echo "ok    unmutated $1: $r goals proved"; passed=$((passed + 1))
    else
        echo "FAIL  unmutated $1: ${r:-frama-c failed} (see $5)"; failed=$((failed + 1))
    fi
}
