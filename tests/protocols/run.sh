#!/usr/bin/env bash
# tests/protocols/run.sh - bundled schemas on real packet bytes vs tshark
# (tests/protocols/README.md).
#
# Usage: bash tests/protocols/run.sh ZEROCAST [NAME...]
#
# For every tests/protocols/NAME/spec (or the NAMEs given): generates the
# headers of the spec's schema with ZEROCAST -r, builds tests/protocols/
# driver.c for the spec's root and `at` with ASan+UBSan and strict warnings,
# runs it on NAME.pcap and compares its output with NAME.expect. The walk
# to `at LAYER.FIELD` (schemas/packet.zc's headers, generated once per run
# into $B/protocols/_walk/h) is a unit of its own, built once per LAYER.FIELD
# and linked into every driver that starts there: it is most of a driver's
# compile time. When tshark and /usr/bin/python3 are there, it also checks
# that expect.py reproduces NAME.expect byte for byte from the pcap, and,
# when scapy is there too, that make.py reproduces NAME.pcap; and that every
# field of the root struct (every case, every element's fields: zerocast
# --emit=layout) is in some frame of NAME.expect.
# Prints one line per check and `N passed, M failed` at the end.
#
# Environment: B (build directory, default build; the work goes to
# $B/protocols/NAME), CC (default cc), PROTOCOLS_NO_PCAP=1 skips the make.py
# check (scapy takes a second or two per protocol to start).
# PROTOCOLS_SAMPLE=N (default 1: all) runs the two reproductions (expect.py
# from tshark, make.py) for one spec in N, those whose index in the sorted
# list plus PROTOCOLS_SEED (default 0) is a multiple of N; make check runs
# a rotating third (docs/decisions.md "make check samples"). The driver
# comparison and the coverage check run for every spec.
set -u
ZC=${1:?usage: run.sh ZEROCAST [NAME...]}
shift
case $ZC in /*) ;; *) ZC=$PWD/$ZC ;; esac
B=${B:-build}
CC=${CC:-cc}
HERE=tests/protocols
CFLAGS=(-std=c11 -D_DEFAULT_SOURCE -O1 -g -Wall -Wextra -Wpedantic -Wconversion
        -Wsign-conversion -Wcast-align -Wshadow -Werror
        "-fsanitize=address,undefined" -fno-sanitize-recover=all -fno-omit-frame-pointer)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pass=0 fail=0
ok()  { pass=$((pass + 1)); printf 'ok   %s\n' "$*"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }

have_tshark=0
if command -v tshark >/dev/null && [ -x /usr/bin/python3 ]; then have_tshark=1; fi
have_scapy=0
SAMPLE=${PROTOCOLS_SAMPLE:-1}
SEED=${PROTOCOLS_SEED:-0}
case $SAMPLE$SEED in *[!0-9]*) echo "run.sh: PROTOCOLS_SAMPLE and PROTOCOLS_SEED are numbers" >&2; exit 2 ;; esac
[ "$SAMPLE" -ge 1 ] || SAMPLE=1
if [ "$have_tshark" = 1 ] && [ -z "${PROTOCOLS_NO_PCAP:-}" ] &&
   /usr/bin/python3 -c 'import scapy' 2>/dev/null; then have_scapy=1; fi

# spec_get SPEC KEY: the value of the spec's `KEY value` line.
spec_get() {
    sed -n "s/^$2[[:space:]]\{1,\}\([^#]*[^#[:space:]]\).*/\1/p" "$1" | head -1
}

one() {
    local name=$1 dir=$HERE/$1 spec=$HERE/$1/spec
    local out=$B/protocols/$name
    local schema root at
    schema=$(spec_get "$spec" schema)
    root=$(spec_get "$spec" root)
    at=$(spec_get "$spec" at)
    if [ -z "$schema" ] || [ -z "$root" ] || [ -z "$at" ]; then
        bad "$name: $spec needs schema, root and at lines"; return
    fi
    case $schema in */*) ;; *) schema=schemas/$schema ;; esac
    case $root in *[!A-Za-z0-9_]*) bad "$name: bad 'root $root'"; return ;; esac
    local hdr
    hdr=$(basename "$schema").h
    local -a defs=("-DZCP_HEADER=\"$hdr\"" "-DZCP_ROOT=$root")
    case $at in
        offset\ *)
            local n=${at#offset }
            case $n in ''|*[!0-9]*) bad "$name: bad 'at $at'"; return ;; esac
            defs+=("-DZCP_AT_OFFSET=$n") ;;
        *.*)
            local layer=${at%%.*} field=${at#*.}
            case "$layer$field" in *[!A-Za-z0-9_]*) bad "$name: bad 'at $at'"; return ;; esac
            defs+=("-DZCP_AT_LAYER=$layer" "-DZCP_AT_FIELD=$field") ;;
        *) bad "$name: bad 'at $at' (LAYER.FIELD or offset N)"; return ;;
    esac

    local -a csum
    read -r -a csum <<<"$(spec_get "$spec" checksum)"
    if [ ${#csum[@]} -gt 0 ]; then
        case "${csum[0]}" in *[!A-Za-z0-9_]*) bad "$name: bad 'checksum ${csum[*]}'"; return ;; esac
        defs+=("-DZCP_CHECKSUM=${csum[0]}")
        [ "${csum[2]:-}" = pseudo ] && defs+=("-DZCP_CHECKSUM_PSEUDO")
    fi

    rm -rf "$out/h"
    mkdir -p "$out/h"
    if ! "$ZC" -I schemas -r "$schema" -o "$out/h/$hdr" >"$out/zerocast.log" 2>&1; then
        bad "$name: zerocast $schema"; sed 's/^/    /' "$out/zerocast.log"; return
    fi

    # Rebuild the driver only when something it is made of changed.
    local -a cc cflags pcap
    local key
    read -r -a cc <<<"$CC"
    read -r -a pcap <<<"$(pkg-config --cflags --libs libpcap)"
    # `args A B`: the root struct's parameters (issue #18 item 3)
    local -a args
    read -r -a args <<<"$(spec_get "$spec" args)"
    [ ${#args[@]} -gt 0 ] && defs+=("-DZCP_ARGS=,$(IFS=,; echo "${args[*]}")")
    local -a walk=()
    if [ -n "${layer:-}" ]; then
        walk_obj "$layer" "$field" || { bad "$name: the walk to $at does not build"; return; }
        walk=("$walk_o")
    fi
    cflags=("${CFLAGS[@]}" -Iruntime "-I$out/h" -DZCP_PART_ROOT "${defs[@]}")
    key=$( { echo "${cc[*]} ${cflags[*]} ${walk[*]}"; cat "$HERE/driver.c" runtime/*.h "$out"/h/*.h "${walk[@]}"; } | sha1sum)
    if [ ! -x "$out/driver" ] || [ "$(cat "$out/driver.key" 2>/dev/null)" != "$key" ]; then
        rm -f "$out/driver.key"
        if ! "${cc[@]}" "${cflags[@]}" "$HERE/driver.c" "${walk[@]}" -o "$out/driver" "${pcap[@]}" \
                >"$out/cc.log" 2>&1; then
            bad "$name: driver does not build for $root"; sed 's/^/    /' "$out/cc.log"; return
        fi
        echo "$key" >"$out/driver.key"
    fi

    if "$out/driver" "$dir/$name.pcap" >"$out/$name.out" 2>"$out/driver.log" &&
       [ ! -s "$out/driver.log" ]; then
        if cmp -s "$dir/$name.expect" "$out/$name.out"; then
            ok "$name: $root at $at: $(grep -c '^frame ' "$out/$name.out") frames as $name.expect, prefixes clean"
        else
            bad "$name: $root at $at differs from $name.expect (-expected +zerocast):"
            diff -u "$dir/$name.expect" "$out/$name.out" | sed -n '3,80s/^/    /p'
        fi
    else
        bad "$name: driver failed on $name.pcap"; sed -n '1,40s/^/    /p' "$out/driver.log"
    fi

    if [ -x /usr/bin/python3 ]; then
        if /usr/bin/python3 "$HERE/expect.py" --coverage "$ZC" "$dir" >"$out/coverage.log" 2>&1; then
            ok "$name: every field of $root is in some frame of $name.expect"
        else
            bad "$name: fields of $root not covered by $name.pcap"; sed 's/^/    /' "$out/coverage.log"
        fi
    fi

    if [ $(( (idx + SEED) % SAMPLE )) -ne 0 ]; then
        return  # the reproductions: another run's sample
    fi
    if [ "$have_tshark" = 1 ]; then
        if /usr/bin/python3 "$HERE/expect.py" "$dir" -o "$out/$name.expect" 2>"$out/expect.log" &&
           cmp -s "$dir/$name.expect" "$out/$name.expect"; then
            ok "$name: expect.py reproduces $name.expect from tshark"
        else
            bad "$name: expect.py does not reproduce $name.expect"
            sed 's/^/    /' "$out/expect.log"
            [ -f "$out/$name.expect" ] && diff -u "$dir/$name.expect" "$out/$name.expect" | sed -n '3,40s/^/    /p'
        fi
    fi
    if [ "$have_scapy" = 1 ]; then
        if /usr/bin/python3 "$dir/make.py" "$out/$name.pcap" >"$out/make.log" 2>&1 &&
           cmp -s "$dir/$name.pcap" "$out/$name.pcap"; then
            ok "$name: make.py reproduces $name.pcap"
        else
            bad "$name: make.py does not reproduce $name.pcap"; sed 's/^/    /' "$out/make.log"
        fi
    fi
}

# walk_obj LAYER FIELD: sets walk_o to the object of driver.c's walk to
# LAYER.FIELD, built when missing or when what it is made of changed.
walk_gen=0
walk_obj() {
    local dir=$B/protocols/_walk k
    walk_o=$dir/$1.$2.o
    if [ "$walk_gen" = 0 ]; then
        rm -rf "$dir/h"; mkdir -p "$dir/h"
        "$ZC" -I schemas -r schemas/packet.zc -o "$dir/h/packet.zc.h" >"$dir/zerocast.log" 2>&1 ||
            { sed 's/^/    /' "$dir/zerocast.log"; return 1; }
        walk_gen=1
    fi
    local -a cc wflags
    read -r -a cc <<<"$CC"
    wflags=("${CFLAGS[@]}" -Iruntime "-I$dir/h" -DZCP_PART_WALK "-DZCP_AT_LAYER=$1" "-DZCP_AT_FIELD=$2")
    k=$( { echo "${cc[*]} ${wflags[*]}"; cat "$HERE/driver.c" runtime/*.h "$dir"/h/*.h; } | sha1sum)
    [ -f "$walk_o" ] && [ "$(cat "$walk_o.key" 2>/dev/null)" = "$k" ] && return 0
    rm -f "$walk_o.key"
    "${cc[@]}" "${wflags[@]}" -c "$HERE/driver.c" -o "$walk_o" >"$dir/cc.log" 2>&1 ||
        { sed 's/^/    /' "$dir/cc.log"; return 1; }
    echo "$k" >"$walk_o.key"
}

if [ $# -eq 0 ]; then
    for s in "$HERE"/*/spec; do
        [ -f "$s" ] || continue
        d=${s%/spec}
        set -- "$@" "${d##*/}"
    done
fi
if [ "$SAMPLE" -gt 1 ] && [ "$have_tshark" = 1 ]; then
    i=0 picked=()
    for name in "$@"; do
        [ $(( (i + SEED) % SAMPLE )) -eq 0 ] && picked+=("$name")
        i=$((i + 1))
    done
    echo "sample: expect.py and make.py reproductions for 1 spec in $SAMPLE (PROTOCOLS_SEED=$SEED):" \
         "${picked[*]:-none}; every spec's driver and coverage"
fi
idx=0
for name in "$@"; do
    if [ ! -f "$HERE/$name/spec" ]; then bad "$name: no $HERE/$name/spec"
    else one "$name"; fi
    idx=$((idx + 1))
done
[ "$have_tshark" = 1 ] || echo "note: tshark or /usr/bin/python3 missing: expectations not rechecked"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
