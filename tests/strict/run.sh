#!/usr/bin/env bash
# tests/strict/run.sh - every generated header must compile warning-free
# under the strictest flags we promise, in every language mode, on gcc and
# clang, and must not collide with the system's networking headers.
#
# usage: run.sh HEADER_DIR [RUNTIME_DIR]
# Prints one line per configuration and ends with "N passed, M failed".
# Section 4 regenerates every header with --readers-only, with the compiler
# $ZEROCAST (default gen/zerocast) from the schemas in $ZC_SCHEMAS (default
# schemas/), and runs the language matrix on those too.
set -u
here=$(cd "$(dirname "$0")" && pwd)
hdrs=$(cd "${1:?usage: run.sh HEADER_DIR [RUNTIME_DIR]}" && pwd)
runtime=$(cd "${2:-$here/../../runtime}" && pwd)
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

headers=("$hdrs"/*.zc.h)
[ -e "${headers[0]}" ] || { echo "no headers in $hdrs"; echo "0 passed, 1 failed"; exit 1; }

# 1. One translation unit that includes every header and touches every
#    parse function, so unused-code paths are compiled too.
all_c() {  # all_c DIR [HEADER_DIR...]: includes the headers of each, in order
    local dir=$1 d h
    for d in "$@"; do
        for h in "$d"/*.zc.h; do printf '#include "%s"\n' "$h"; done
    done
    printf 'int main(void)\n{\n    static const unsigned char buf[64] = { 0 };\n    int bad = 0;\n'
    for h in "$dir"/*.zc.h; do
        # a struct with parameters (issue #18 item 3): one argument of 4 each
        sed -n 's/^static inline zc_status \([a-z0-9_]*\)_parse(.*size_t len\(.*\))$/\1 \2/p' "$h"
    done | sort -u | while read -r s params; do
        args=$(printf '%s' "$params" | sed 's/, uint64_t [a-z0-9_]*/, 4/g')
        printf '    { %s_view v; bad += %s_parse(&v, buf, sizeof buf%s).code != ZC_OK; }\n' "$s" "$s" "$args"
    done
    printf '    return bad < 0;\n}\n'
}
all_c "$hdrs" > "$tmp/all.c"

matrix() {  # matrix LABEL FILE.c
    local label=$1 src=$2 cc cxx std opt
    for cc in gcc clang; do
        command -v $cc >/dev/null || { echo "skip  $cc (not installed)"; continue; }
        for std in c99 c11 c17; do
            for opt in -O0 -O2; do
                try "$label$cc -std=$std $opt" $cc -std=$std $opt $STRICT -I"$runtime" \
                    "$src" -o "$tmp/a.out"
            done
        done
    done
    for cxx in g++ clang++; do
        command -v $cxx >/dev/null || { echo "skip  $cxx (not installed)"; continue; }
        for opt in -O0 -O2; do
            try "$label$cxx -std=c++17 $opt" $cxx -x c++ -std=c++17 $opt $STRICT -I"$runtime" \
                "$src" -o "$tmp/a.out"
        done
    done
}
matrix "" "$tmp/all.c"

# 2. Each header on its own (self-contained), also with ZC_DEBUG checks on.
for h in "${headers[@]}"; do
    n=$(basename "$h")
    printf '#include "%s"\n#include "%s"\nint main(void) { return 0; }\n' "$n" "$n" > "$tmp/one.c"
    try "alone+twice $n" gcc -std=c99 $STRICT -I"$runtime" -I"$hdrs" "$tmp/one.c" -o "$tmp/a.out"
    try "ZC_DEBUG $n" clang -std=c11 -DZC_DEBUG $STRICT -I"$runtime" -I"$hdrs" "$tmp/one.c" -o "$tmp/a.out"
done

# 3. No clash with the system's networking headers (glibc and Linux UAPI
#    headers cannot be mixed with each other, so each set separately).
glibc_set="netinet/in.h netinet/ip.h netinet/ip6.h netinet/ip_icmp.h netinet/icmp6.h
           netinet/tcp.h netinet/udp.h netinet/if_ether.h net/ethernet.h net/if_arp.h
           arpa/inet.h arpa/nameser.h endian.h"
linux_set="linux/if_ether.h linux/if_vlan.h linux/ip.h linux/ipv6.h linux/udp.h
           linux/tcp.h linux/icmp.h linux/icmpv6.h linux/if_arp.h"
for set in glibc linux; do
    eval "list=\$${set}_set"
    {
        for s in $list; do printf '#include <%s>\n' "$s"; done
        for h in "${headers[@]}"; do printf '#include "%s"\n' "$(basename "$h")"; done
        printf 'int main(void) { return 0; }\n'
    } > "$tmp/sys.c"
    try "no clash with $set headers (C)" gcc -std=gnu11 -Wall -Wextra -Werror \
        -I"$runtime" -I"$hdrs" "$tmp/sys.c" -o "$tmp/a.out"
    try "no clash with $set headers (C++)" g++ -x c++ -std=gnu++17 -Wall -Wextra -Werror \
        -I"$runtime" -I"$hdrs" "$tmp/sys.c" -o "$tmp/a.out"
done

# 4. The same headers generated with --readers-only (views, accessors,
#    parse, frame, iterators, walkers: no writers, builders or visit), in
#    the language matrix; then, in one translation unit, the reader-only
#    headers and the full ones after them (their parts have their own
#    guards: docs/decisions.md, "Emitting only what is asked").
zerocast=${ZEROCAST:-$here/../../gen/zerocast}
schemas=${ZC_SCHEMAS:-$here/../../schemas}
if [ -x "$zerocast" ] && [ -d "$schemas" ]; then
    mkdir -p "$tmp/ro"
    gen_ok=1
    for h in "${headers[@]}"; do
        n=$(basename "$h" .zc.h)
        "$zerocast" -I "$schemas" -r --readers-only "$schemas/$n.zc" -o "$tmp/ro/$n.zc.h" >"$tmp/log" 2>&1 ||
            { gen_ok=0; printf 'FAIL  zerocast --readers-only %s.zc\n' "$n"; sed 's/^/      /' "$tmp/log"; }
    done
    if [ $gen_ok -eq 1 ]; then
        all_c "$tmp/ro" > "$tmp/ro.c"
        matrix "readers-only: " "$tmp/ro.c"
        all_c "$tmp/ro" "$hdrs" > "$tmp/mixed.c"
        try "readers-only then full headers, one TU (gcc -std=c11)" gcc -std=c11 $STRICT -I"$runtime" \
            "$tmp/mixed.c" -o "$tmp/a.out"
    else
        fail=$((fail + 1))
    fi
else
    echo "skip  readers-only headers (no compiler at $zerocast or no schemas at $schemas)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
