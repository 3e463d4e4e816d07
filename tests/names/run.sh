#!/usr/bin/env bash
# tests/names/run.sh [ZEROCAST] - the naming rules end to end
# (docs/generated-api.md, "Names"; docs/decisions.md, "Generated names give
# way to natural schema names"):
#
#  1. the zoo's names_*.zc schemas and tests/names/rtp_names.zc compile, and uses.c,
#     which calls both names of every clash they resolve and checks their
#     values (and builds an RTP packet), compiles
#     warning-free with gcc and clang as C99, C11 and C++17 (-O0 and -O2)
#     under the strict flags of tests/strict/run.sh, and runs;
#  2. an imported schema's header is the same whether generated alone or
#     by its importer's `zerocast -r` (its names never give way to an
#     importer's);
#  3. the fuzz target of names_fuzz_locals.zc (enums named like its locals)
#     builds with gcc and clang under the strict flags;
#  4. a header with an enum named like a local of the runtime's builder
#     core and checksums (`proto`, `msg`), included before a header that
#     brings those in, compiles under gcc -Wshadow.
#
# Prints one line per check and "N passed, M failed"; exits 1 on a failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zc=$(cd "$(dirname "${1:-$root/gen/zerocast}")" && pwd)/$(basename "${1:-$root/gen/zerocast}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
STRICT="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
        -Wcast-align -Wcast-qual -Wundef -Werror"
pass=0 fail=0

try() {  # try NAME COMMAND...
    local name=$1; shift
    if "$@" >"$tmp/log" 2>&1; then
        pass=$((pass + 1)); printf 'ok    %s\n' "$name"
    else
        fail=$((fail + 1)); printf 'FAIL  %s\n' "$name"; sed 's/^/      /' "$tmp/log" | head -20
    fi
}

zoo=$root/tests/schemas-zoo
schemas="names_enum_field names_struct_fns names_siblings names_cross names_import names_fuzz_locals"
mkdir -p "$tmp/r" "$tmp/alone"
for s in $schemas; do
    try "zerocast -r $s.zc" "$zc" -r -I "$root/schemas" -o "$tmp/r/$s.zc.h" "$zoo/$s.zc"
done
try "zerocast rtp_names.zc (RFC 3550 names)" "$zc" -o "$tmp/r/rtp.zc.h" "$root/tests/names/rtp_names.zc"

# 1. both names of every clash, in every language mode
for cc in gcc clang; do
    for std in c99 c11; do
        for opt in -O0 -O2; do
            try "uses.c $cc -std=$std $opt" $cc -std=$std $opt $STRICT -I"$root/runtime" -I"$tmp/r" \
                "$here/uses.c" -o "$tmp/uses"
        done
    done
    try "uses.c runs ($cc)" "$tmp/uses"
done
for cxx in g++ clang++; do
    for opt in -O0 -O2; do
        try "uses.c $cxx -std=c++17 $opt" $cxx -x c++ -std=c++17 $opt $STRICT -I"$root/runtime" -I"$tmp/r" \
            "$here/uses.c" -o "$tmp/uses"
    done
    try "uses.c runs ($cxx)" "$tmp/uses"
done

# 2. an imported header alone = the one its importer's -r wrote
try "names_import_base.zc.h alone" "$zc" -o "$tmp/alone/names_import_base.zc.h" "$zoo/names_import_base.zc"
try "names_import_base.zc.h: alone = by -r" cmp "$tmp/alone/names_import_base.zc.h" "$tmp/r/names_import_base.zc.h"

# 3. a fuzz target whose enums are named like its locals
try "fuzz target of names_fuzz_locals.zc" "$zc" --emit=fuzz -o "$tmp/fuzz.c" "$zoo/names_fuzz_locals.zc"
for cc in gcc clang; do
    try "fuzz target $cc -std=c11" $cc -std=c11 -DZC_FUZZ_REPLAY -DZC_DEBUG $STRICT -I"$root/runtime" -I"$tmp/r" \
        -include "$tmp/r/names_fuzz_locals.zc.h" "$tmp/fuzz.c" -o "$tmp/fuzz"
done

# 4. runtime headers included after an enum named like their locals
cat >"$tmp/early.zc" <<'ZC'
enum proto : u8 { ONE = 1 }
enum msg : u8 { HELLO = 1 }
struct early { proto p; msg m; }
ZC
cat >"$tmp/late.zc" <<'ZC'
struct late { u8 n; be16 sum @checksum(internet); u8 d[n]; }
ZC
printf '#include "early.zc.h"\n#include "late.zc.h"\nint main(void) { return 0; }\n' >"$tmp/order.c"
try "early.zc, late.zc" sh -c "'$zc' -o '$tmp/early.zc.h' '$tmp/early.zc' && '$zc' -o '$tmp/late.zc.h' '$tmp/late.zc'"
for cc in "gcc -std=c99" "g++ -x c++ -std=c++17" "clang -std=c11"; do
    try "enum proto, then the builder core and checksums: $cc" $cc $STRICT -I"$root/runtime" -I"$tmp" \
        "$tmp/order.c" -o "$tmp/order"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
