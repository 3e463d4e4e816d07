#!/usr/bin/env bash
# tests/outline/run.sh - out-of-line code for big schemas
# (docs/generated-api.md, "Out-of-line code for big schemas").
#
# usage: run.sh ZEROCAST RUNTIME_DIR HEADER_DIR
#   ZEROCAST    the compiler (for a --prefix header's macro name)
#   RUNTIME_DIR runtime/ (zerocast.h)
#   HEADER_DIR  the generated bundled headers (packet.zc.h, udp.zc.h, ...)
#
# For gcc and clang, C11 and C++17: ten translation units that include
# packet.zc.h and call packet_walk(), udp_visit() and the UDP builder are
# linked once in default mode and once with -DZEROCAST_OUT_OF_LINE plus one
# -DZEROCAST_IMPLEMENTATION unit; both run over real captures and must
# print the same result. Likewise one header's own implementation
# (-DZEROCAST_IMPLEMENTATION_UDP). Out-of-line users without an
# implementation must fail to link; a header included in another mode than
# the first must fail to compile. Every header compiles warning-free in
# all three modes under the strict flags (tests/strict) plus
# -Wmissing-prototypes / -Wmissing-declarations. Prints the linked sizes
# of the ten-unit programs (information, no threshold), one line per check,
# and last "N passed, M failed".
#
# OUTLINE_SEED=N (make check, docs/decisions.md "make check samples"): a
# sample of the two costly steps, the default-mode units (each compiles all
# of packet.zc.h's big functions) and "every header" with
# ZEROCAST_IMPLEMENTATION. One of the four compiler/language pairs, N mod 4,
# builds the ten default-mode units; the other three build three (tu0, tuK
# with K = 1 + (N + pair) mod 9, and rest.c defining the other eight in one
# unit), same program, same result compared. Every header in
# ZEROCAST_IMPLEMENTATION mode compiles under two pairs, N mod 4 and
# N + 2 mod 4. Everything else runs in full. Unset (make outline): all.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zc=${1:?usage: run.sh ZEROCAST RUNTIME_DIR HEADER_DIR}
runtime=$(cd "${2:?usage: run.sh ZEROCAST RUNTIME_DIR HEADER_DIR}" && pwd)
hdrs=$(cd "${3:?usage: run.sh ZEROCAST RUNTIME_DIR HEADER_DIR}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

STRICT="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wcast-align -Wcast-qual -Wundef -Werror -Wmissing-declarations"
captures="$root/tests/captures/dns-udp.pcap $root/tests/captures/http-ipv4.pcap
          $root/tests/captures/vxlan.pcap $root/tests/captures/dhcp.pcap
          $root/tests/captures/icmpv6-nd.pcap"
pass=0 fail=0

try() {  # try NAME COMMAND...
    local name=$1; shift
    if "$@" >"$tmp/log" 2>&1; then
        pass=$((pass + 1)); printf 'ok    %s\n' "$name"
    else
        fail=$((fail + 1)); printf 'FAIL  %s\n' "$name"; sed 's/^/      /' "$tmp/log" | head -20
    fi
}
fails() {  # fails NAME COMMAND...: passes when COMMAND fails
    local name=$1; shift
    if "$@" >"$tmp/log" 2>&1; then
        fail=$((fail + 1)); printf 'FAIL  %s (it succeeded)\n' "$name"
    else
        pass=$((pass + 1)); printf 'ok    %s\n' "$name"
    fi
}
same() {  # same A B: two programs print the same on the captures
    local a b
    a=$("$1" $captures) || return 1
    b=$("$2" $captures) || return 1
    echo "$a"
    [ "$a" = "$b" ] || { echo "differs: $b"; return 1; }
}

# build DIR CC FLAGS...: objects of the ten users and main in DIR
build_users() {
    local dir=$1 cc=$2 k; shift 2
    mkdir -p "$dir"
    for k in 0 1 2 3 4 5 6 7 8 9; do
        $cc "$@" -DTU=$k -c "$here/user.c" -o "$dir/user$k.o" || return 1
    done
    $cc "$@" -c "$here/main.c" -o "$dir/main.o"
}

# build_users3 DIR K CC FLAGS...: the same program from three units: tu0,
# tuK and the other eight in rest.c (the sample, OUTLINE_SEED)
build_users3() {
    local dir=$1 k=$2 cc=$3; shift 3
    mkdir -p "$dir"
    $cc "$@" -DTU=0 -c "$here/user.c" -o "$dir/user0.o" &&
    $cc "$@" -DTU="$k" -c "$here/user.c" -o "$dir/user$k.o" &&
    $cc "$@" -DSKIP="$k" -c "$here/rest.c" -o "$dir/rest.o" &&
    $cc "$@" -c "$here/main.c" -o "$dir/main.o"
}

seed=${OUTLINE_SEED:-}
if [ -n "$seed" ]; then
    case $seed in *[!0-9]*) echo "run.sh: OUTLINE_SEED must be a number" >&2; exit 2 ;; esac
    echo "sample (OUTLINE_SEED=$seed; unset: everything): ten default-mode units under pair $((seed % 4)), three under the others; every header with ZEROCAST_IMPLEMENTATION under pairs $((seed % 4)) and $(((seed + 2) % 4)) (pairs: 0 gcc c11, 1 gcc c++17, 2 clang c11, 3 clang c++17)"
fi
# full_def PAIR / full_impl PAIR: whether the pair runs that step in full
full_def() { [ -z "$seed" ] || [ $(($1 - seed % 4)) -eq 0 ]; }
full_impl() { [ -z "$seed" ] || [ $(( ($1 - seed % 4 + 4) % 2 )) -eq 0 ]; }

# build_udp DIR CC CXX FLAGS...: udp_user() in default mode (DIR/a.def) and
# out of line with udp.zc.h's own implementation unit (DIR/a.ool)
build_udp() {
    local dir=$1 cc=$2 cxx=$3; shift 3
    $cc "$@" -c "$here/udp_user.c" -o "$dir/def_user.o" &&
    $cc "$@" -DUDP_ONLY -c "$here/main.c" -o "$dir/main.o" &&
    $cxx -o "$dir/a.def" "$dir/def_user.o" "$dir/main.o" &&
    $cc "$@" -DZEROCAST_OUT_OF_LINE -c "$here/udp_user.c" -o "$dir/ool_user.o" &&
    $cc "$@" -DZEROCAST_IMPLEMENTATION_UDP -DHEADER='"udp.zc.h"' -c "$here/impl.c" -o "$dir/impl.o" &&
    $cxx -o "$dir/a.ool" "$dir/ool_user.o" "$dir/main.o" "$dir/impl.o"
}

# text of a program linked with --gc-sections (unused out-of-line functions dropped)
gc_text() {  # gc_text OUT OBJECTS...
    local out=$1; shift
    $cxx -Wl,--gc-sections -o "$out" "$@" 2>/dev/null && size "$out" | awk 'NR == 2 { print $1 }'
}

pair=-1
for cc in gcc clang; do
    command -v $cc >/dev/null || { echo "skip  $cc (not installed)"; pair=$((pair + 2)); continue; }
    cxx=g++; [ $cc = clang ] && cxx=clang++
    for lang in c11 c++17; do
        pair=$((pair + 1))
        if [ $lang = c11 ]; then
            CC="$cc"; L="-std=c11 -Wmissing-prototypes"
        else
            CC="$cxx"; L="-x c++ -std=c++17"
        fi
        F="$L -O2 -ffunction-sections -fdata-sections $STRICT -I$runtime -I$hdrs -I$here"
        d=$tmp/$cc-$lang
        if full_def $pair; then
            try "$cc $lang: ten units, default mode" build_users "$d/def" $CC $F
            units=ten
        else
            k=$((1 + (seed + pair) % 9))
            try "$cc $lang: three units (tu0, tu$k, the other eight in one), default mode" \
                build_users3 "$d/def" $k $CC $F
            units=three
        fi
        try "$cc $lang: ten units, ZEROCAST_OUT_OF_LINE" build_users "$d/ool" $CC $F -DZEROCAST_OUT_OF_LINE
        try "$cc $lang: one unit, ZEROCAST_IMPLEMENTATION" \
            $CC $F -DZEROCAST_IMPLEMENTATION -DHEADER='"packet.zc.h"' -c "$here/impl.c" -o "$d/impl.o"
        try "$cc $lang: link default" $cxx -o "$d/a.def" "$d"/def/*.o
        try "$cc $lang: link out-of-line" $cxx -o "$d/a.ool" "$d"/ool/*.o "$d/impl.o"
        try "$cc $lang: same result on the captures" same "$d/a.def" "$d/a.ool"
        fails "$cc $lang: out-of-line without an implementation does not link" \
            $cxx -o "$d/a.none" "$d"/ool/*.o
        if [ -x "$d/a.def" ] && [ -x "$d/a.ool" ]; then
            echo "      linked size ($cc $lang, $units default units, ten out-of-line; text data bss):" \
                 "default $(size "$d/a.def" | awk 'NR == 2 { print $1, $2, $3 }')," \
                 "out-of-line $(size "$d/a.ool" | awk 'NR == 2 { print $1, $2, $3 }')"
            echo "      text linked with --gc-sections: default $(gc_text "$d/g.def" "$d"/def/*.o)," \
                 "out-of-line $(gc_text "$d/g.ool" "$d"/ool/*.o "$d/impl.o")"
        fi

        # one header's implementation: ZEROCAST_IMPLEMENTATION_UDP
        u=$d/udp; mkdir -p "$u"
        try "$cc $lang: ZEROCAST_IMPLEMENTATION_UDP, one header's implementation" build_udp "$u" "$CC" "$cxx" $F
        try "$cc $lang: ZEROCAST_IMPLEMENTATION_UDP, same result" same "$u/a.def" "$u/a.ool"
    done
done

# Every bundled header in one unit, in each mode, strict.
{
    for h in "$hdrs"/*.zc.h; do printf '#include "%s"\n' "$h"; done
    printf 'int zc_outline_all(void);\nint zc_outline_all(void)\n{\n    return 0;\n}\n'
} > "$tmp/all.c"
pair=-2
for cc in gcc clang; do
    pair=$((pair + 2))
    command -v $cc >/dev/null || continue
    cxx=g++; [ $cc = clang ] && cxx=clang++
    for mode in "default" ZEROCAST_OUT_OF_LINE ZEROCAST_IMPLEMENTATION; do
        D=; [ $mode = default ] || D=-D$mode
        if [ $mode != ZEROCAST_IMPLEMENTATION ] || full_impl $pair; then
            try "every header, $mode: $cc -std=c11" \
                $cc -std=c11 -O2 $STRICT -Wmissing-prototypes $D -I"$runtime" -c "$tmp/all.c" -o "$tmp/all.o"
        fi
        if [ $mode != ZEROCAST_IMPLEMENTATION ] || full_impl $((pair + 1)); then
            try "every header, $mode: $cxx -std=c++17" \
                $cxx -x c++ -std=c++17 -O2 $STRICT $D -I"$runtime" -c "$tmp/all.c" -o "$tmp/all.o"
        fi
    done
done

# One mode per translation unit: a header that sees the other mode stops.
printf '#include "udp.zc.h"\n#define ZEROCAST_OUT_OF_LINE\n#include "tcp.zc.h"\n' > "$tmp/mixed.c"
fails "a header included in another mode than the first does not compile" \
    gcc -std=c11 -I"$runtime" -I"$hdrs" -c "$tmp/mixed.c" -o "$tmp/mixed.o"

# The implementation macro carries the prefix: ZEROCAST_IMPLEMENTATION_X_UDP.
try "with --prefix=x_: ZEROCAST_IMPLEMENTATION_X_UDP" sh -c "
    '$zc' --prefix=x_ -I '$root/schemas' '$root/schemas/udp.zc' -o '$tmp/x_udp.zc.h' &&
    grep -q 'defined(ZEROCAST_IMPLEMENTATION_X_UDP)' '$tmp/x_udp.zc.h'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
