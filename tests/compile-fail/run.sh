#!/usr/bin/env bash
# run.sh - compile-fail suite for zerocast's wire types and generated views.
#
# usage: run.sh [RUNTIME_INCLUDE_DIR [GENERATED_HEADERS_DIR]]
#        (defaults: <repo>/runtime, <repo>/build/schemas; gen_* cases
#        include generated headers from the latter)
#
# For every case *.c next to this script and every compiler (gcc and clang
# as C11, g++ and clang++ as C++17):
#   bad  : compiled with -DZC_BAD -fsyntax-only and no warning flags, it must
#          be rejected with an error on the line marked /* ZC_EXPECT_ERROR */,
#          and with no error on any other line (so a typo cannot pass);
#   good : compiled without ZC_BAD under -Wall -Wextra -Wpedantic -Wconversion
#          -Wsign-conversion -Werror, it must build, run and exit 0. To save
#          a link per case, each case's main() is compiled as zc_case_NAME()
#          (-Dmain=...) and one program per compiler links every case with
#          a dispatcher (`prog NAME` runs that case); when that link fails,
#          each case is linked alone, so the failure is the case's own.
# A case whose misuse is spelt differently in C and C++ (_Generic, compound
# literals, designated initialisers) marks its C line /* ZC_EXPECT_ERROR C */
# and its C++ line /* ZC_EXPECT_ERROR C++ */: each run needs exactly one
# marker that applies to its language. An error reported inside a header
# counts for the line of the case whose macro expansion it comes from (gcc
# locates errors in the macro's definition and names the use in a note
# "in expansion of macro"); any other error outside the case file fails it.
# A line /* ZC_BAD_FLAGS_C: FLAGS */ adds FLAGS to the C bad compile only;
# README.md says which cases use it and why.
# Prints one line per case x compiler, then "N passed, M failed".
# Exit status is 0 iff nothing failed. A compiler that is not installed is
# reported as "skip" and not counted. Compilers can be overridden with
# ZC_GCC, ZC_CLANG, ZC_GXX and ZC_CLANGXX.

set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runtime=${1:-$here/../../runtime}
if [ ! -f "$runtime/zerocast.h" ]; then
    echo "run.sh: no zerocast.h in '$runtime'" >&2
    exit 2
fi
runtime=$(cd "$runtime" && pwd)
generated=${2:-$here/../../build/schemas}
if [ ! -f "$generated/ipv4.zc.h" ]; then
    echo "run.sh: no ipv4.zc.h in '$generated' (run make first)" >&2
    exit 2
fi
generated=$(cd "$generated" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zc-compile-fail.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

strict=(-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Werror)

# name | command | language flags
compilers=(
    "gcc-c|${ZC_GCC:-gcc}|-std=c11"
    "clang-c|${ZC_CLANG:-clang}|-std=c11"
    "gcc-c++|${ZC_GXX:-g++}|-std=c++17 -x c++"
    "clang-c++|${ZC_CLANGXX:-clang++}|-std=c++17 -x c++"
)

passed=0
failed=0

report() { # status case compiler [reason]
    if [ -n "${4:-}" ]; then
        printf '%-4s %-20s %-10s %s\n' "$1" "$2" "$3" "$4"
    else
        printf '%-4s %-20s %s\n' "$1" "$2" "$3"
    fi
}

# First line of a diagnostic file, for short failure reasons.
first_error() {
    local line
    line=$(grep -m1 -E '(error|warning):' "$1" 2>/dev/null || head -n1 "$1")
    printf '%s' "${line#"$here/"}"
}

# diag_lines FILE KINDS < diagnostics: for every diagnostic of one of KINDS
# (an ERE such as "error|warning"), the line of FILE it belongs to: its own
# location if that is in FILE, else the first "in expansion of macro" note
# in FILE that follows it (gcc locates an error inside a header's macro at
# the macro's definition), else "outside". One per line, sorted, unique.
diag_lines() {
    awk -v s="$1:" -v kinds="^(fatal )?($2)\$" '
        function line_in_file(loc,   r) {
            if (index(loc, s) != 1) return ""
            r = substr(loc, length(s) + 1)
            return match(r, /^[0-9]+/) ? substr(r, 1, RLENGTH) : ""
        }
        function flush() {
            if (open) print (at != "" ? at : "outside")
            open = 0; at = ""
        }
        match($0, /: (fatal error|error|warning|note): /) {
            loc = substr($0, 1, RSTART - 1)
            kind = substr($0, RSTART + 2, RLENGTH - 4)
            if (kind == "note") {
                if (open && at == "" && index($0, "in expansion of macro"))
                    at = line_in_file(loc)
                next
            }
            flush()
            if (kind ~ kinds) { open = 1; at = line_in_file(loc) }
        }
        END { flush() }' | sort -u
}

# check_case FILE NAME CC LANGFLAGS...  -> sets $reason ("" means ok)
check_case() {
    local src=$1 name=$2 cc=$3
    shift 3
    local lang=("$@")
    local diag=$tmp/$name.$cname.diag
    local marker errs other rc

    # --- locate the marker that applies to this language ------------------
    local tag=C bad_flags=()
    case $cname in *c++) tag='C\+\+' ;; esac
    if [ "$(grep -c 'ZC_EXPECT_ERROR' "$src")" -ne \
        "$(grep -c -E '/\* ZC_EXPECT_ERROR( C| C\+\+)? \*/' "$src")" ]; then
        reason="a ZC_EXPECT_ERROR marker that is not /* ZC_EXPECT_ERROR [C|C++] */"
        return
    fi
    marker=$(grep -n -E "/\\* ZC_EXPECT_ERROR( $tag)? \\*/" "$src" | cut -d: -f1)
    if [ -z "$marker" ] && [ "$tag" = C ] && grep -q '/\* ZC_COMPILES_IN_C: ' "$src"; then
        # a documented gap: C accepts the misuse (C++ refuses it); prove
        # that it still compiles, so that the docs are updated if it stops
        if ! "$cc" "${lang[@]}" -I "$runtime" -I "$generated" -fsyntax-only -DZC_BAD "$src" \
            >"$diag" 2>&1; then
            reason="ZC_COMPILES_IN_C, but C refuses it now: $(first_error "$diag")"
            return
        fi
        marker=none
    fi
    if [ "$marker" = none ]; then
        :
    elif [ -z "$marker" ] || [ "$(printf '%s\n' "$marker" | wc -l)" -ne 1 ]; then
        reason="need exactly one /* ZC_EXPECT_ERROR */ marker for ${tag//\\/}"
        return
    fi
    if [ "$tag" = C ]; then
        # shellcheck disable=SC2207  # a word list on purpose
        bad_flags=($(sed -n 's|.*/\* ZC_BAD_FLAGS_C: \(.*\) \*/.*|\1|p' "$src"))
    fi

    # --- bad spelling: must be a hard error, on the marked line ------------
    if [ "$marker" != none ]; then
    if "$cc" "${lang[@]}" "${bad_flags[@]}" -I "$runtime" -I "$generated" -fsyntax-only \
        -DZC_BAD "$src" >"$diag" 2>&1; then
        reason="bad spelling compiled (ZC_BAD line $marker accepted)"
        return
    fi
    # the lines of the case file that errors belong to
    errs=$(diag_lines "$src" error <"$diag")
    if ! printf '%s\n' "$errs" | grep -qx "$marker"; then
        reason="no error at line $marker: $(first_error "$diag")"
        return
    fi
    # any other error or warning in the case file means the bad spelling is
    # wrong for another reason too (a typo is only a warning in C)
    other=$(diag_lines "$src" 'error|warning' <"$diag" | grep -vx -e "$marker" -e outside |
        head -n1)
    if [ -n "$other" ]; then
        reason="unrelated diagnostic at line $other: $(grep -m1 -F "$src:$other:" "$diag" | sed "s|$here/||")"
        return
    fi
    if printf '%s\n' "$errs" | grep -qx outside; then
        reason="error outside the case file: $(grep -E 'error:' "$diag" | grep -vF "$src:" | head -n1)"
        return
    fi
    fi

    # --- good spelling: strict compile; linked and run by link_and_run ----
    if ! "$cc" "${lang[@]}" -I "$runtime" -I "$generated" "${strict[@]}" \
        "-Dmain=zc_case_$cid" -c "$src" -o "$tmp/$cname.obj/$name.o" >"$diag" 2>&1; then
        reason="good spelling does not build: $(first_error "$diag")"
        return
    fi
    reason=""
}

# dispatcher NAME... > C source: main(argc, argv) runs case argv[1]'s
# zc_case_<id>() (the cases' main() renamed) and returns what it returns.
dispatcher() {
    local n
    printf '#include <string.h>\n'
    for n in "$@"; do printf 'int zc_case_%s(void);\n' "$(case_id "$n")"; done
    printf 'int main(int argc, char **argv)\n{\n'
    printf '    if (argc != 2)\n        return 2;\n'
    for n in "$@"; do
        printf '    if (strcmp(argv[1], "%s") == 0)\n        return zc_case_%s();\n' "$n" "$(case_id "$n")"
    done
    printf '    return 2;\n}\n'
}

# case_id NAME: NAME as a C identifier
case_id() { printf '%s' "${1//[!A-Za-z0-9_]/_}"; }

# link_and_run CC LANGFLAGS...: links the good objects of compiler $cname
# (the cases in $linked) into one program and runs every case; sets
# result[case|compiler] for each.
link_and_run() {
    local cc=$1 n rc
    shift
    local lang=("$@") dir=$tmp/$cname.obj
    [ ${#linked[@]} -gt 0 ] || return 0
    local objs=()
    for n in "${linked[@]}"; do objs+=("$dir/$n.o"); done
    dispatcher "${linked[@]}" >"$dir/dispatch.c"
    if "$cc" "${lang[@]}" "${strict[@]}" "$dir/dispatch.c" -x none "${objs[@]}" -o "$dir/all.exe" \
        >"$dir/link.diag" 2>&1; then
        for n in "${linked[@]}"; do exe[$n]=$dir/all.exe; done
    else
        # one program per case, so a link failure is that case's own
        for n in "${linked[@]}"; do
            dispatcher "$n" >"$dir/$n.dispatch.c"
            if "$cc" "${lang[@]}" "${strict[@]}" "$dir/$n.dispatch.c" -x none "$dir/$n.o" -o "$dir/$n.exe" \
                >"$dir/$n.link.diag" 2>&1; then
                exe[$n]=$dir/$n.exe
            else
                result[$n|$cname]="good spelling does not link: $(first_error "$dir/$n.link.diag")"
            fi
        done
    fi
    for n in "${linked[@]}"; do
        [ -n "${exe[$n]:-}" ] || continue
        "${exe[$n]}" "$n" >"$dir/$n.out" 2>&1
        rc=$?
        if [ "$rc" -ne 0 ]; then
            result[$n|$cname]="good spelling exited $rc: $(head -n1 "$dir/$n.out" | sed "s|$here/||")"
        else
            result[$n|$cname]=ok
        fi
    done
}

shopt -s nullglob
cases=("$here"/*.c)
if [ ${#cases[@]} -eq 0 ]; then
    echo "run.sh: no cases in $here" >&2
    failed=1
fi

declare -A result=()
for entry in "${compilers[@]}"; do
    IFS='|' read -r cname cc langflags <<<"$entry"
    command -v "$cc" >/dev/null 2>&1 || continue
    mkdir -p "$tmp/$cname.obj"
    linked=()
    declare -A exe=()
    for src in "${cases[@]}"; do
        name=$(basename "$src" .c)
        cid=$(case_id "$name")
        # shellcheck disable=SC2086  # langflags is a word list on purpose
        check_case "$src" "$name" "$cc" $langflags
        if [ -z "$reason" ]; then linked+=("$name"); else result[$name|$cname]=$reason; fi
    done
    # shellcheck disable=SC2086
    link_and_run "$cc" $langflags
    unset exe
done

for src in "${cases[@]}"; do
    name=$(basename "$src" .c)
    for entry in "${compilers[@]}"; do
        IFS='|' read -r cname cc langflags <<<"$entry"
        if ! command -v "$cc" >/dev/null 2>&1; then
            report skip "$name" "$cname" "($cc not installed)"
            continue
        fi
        r=${result[$name|$cname]:-"no result (internal error)"}
        if [ "$r" = ok ]; then
            report ok "$name" "$cname"
            passed=$((passed + 1))
        else
            report FAIL "$name" "$cname" "$r"
            failed=$((failed + 1))
        fi
    done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
