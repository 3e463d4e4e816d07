#!/usr/bin/env bash
# tests/cross/run.sh - runs what tests/cross/cross.mk built for the other
# hosts and compares it with the build host (make cross-check; check.sh).
#
#   run.sh BUILD_DIR
#   environment: CROSS_HOSTS, CROSS_UNITS, CROSS_SCHEMAS, CROSS_RUN_<host>
#
# For each host (i686: 32-bit little-endian, s390x: 64-bit big-endian):
#   pcap reader  pcapdump on every capture of tests/captures gives the same
#                text as on the build host with libpcap (so the unit tests
#                below read the same bytes);
#   Check runner selftest (tests that fail on purpose) reports what Check
#                reports on the build host;
#   test_<unit>  exits 0 and prints exactly what the same source prints on
#                the build host against Check and libpcap ("speed:" timing
#                lines aside): Check's summary, each test's own report lines;
#   replay_<s>   make roundtrip's replay of schemas/<s>.zc on the same seeds
#                exits 0 (every message rebuilt byte-identical, no UBSan
#                trap) and prints the same per-struct table, byte for byte.
# The build host first checks the two shims themselves against libpcap and
# Check. One line per check, then "N passed, M failed"; exit 1 on any failure. A
# failing check shows its output and its difference from the build host.
# Check's own summary lines are shown as "Checks " (no colon) so that
# tests/check.sh counts this suite by its last line.
set -u
B=$1
HOSTS=${CROSS_HOSTS:-i686 s390x}
UNITS=${CROSS_UNITS:-runtime dns_name packets variable stack csum write build io}
SCHEMAS=${CROSS_SCHEMAS:-}
CAPTURES=tests/captures
# qemu is slower than the host: Check's per-test timeouts (4 s by default)
# stretched as CK_TIMEOUT_MULTIPLIER does in Check
export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-10}
# the self-test crashes on purpose: no core files (qemu writes its own)
ulimit -c 0

pass=0 fail=0
ok()  { pass=$((pass + 1)); printf 'ok   %s\n' "$*"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }
# shows a log, indented, with Check's summary defanged (see above)
show() { sed -e 's/Checks: /Checks /' -e 's/^/     | /' | head -"${1:-40}"; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

mapfile -t pcaps < <(find "$CAPTURES" -name '*.pcap' -o -name '*.pcapng' | LC_ALL=C sort)

# ---- the build host --------------------------------------------------------

mkdir -p "$T/native"
start=$SECONDS
if [ -x "$B/cross/native/pcapdump-libpcap" ] && [ -x "$B/cross/native/pcapdump-shim" ]; then
    "$B/cross/native/pcapdump-libpcap" "${pcaps[@]}" > "$T/native/pcapdump" 2>&1
    "$B/cross/native/pcapdump-shim" "${pcaps[@]}" > "$T/native/pcapdump-shim" 2>&1
    if cmp -s "$T/native/pcapdump" "$T/native/pcapdump-shim"; then
        ok "build host: the suite's pcap reader reads ${#pcaps[@]} captures as libpcap does" \
           "($(grep -c '^[0-9]' "$T/native/pcapdump") packets)"
    else
        bad "build host: the suite's pcap reader differs from libpcap"
        diff "$T/native/pcapdump" "$T/native/pcapdump-shim" | show
    fi
else
    bad "build host: pcapdump was not built"
fi
# the runner: Check's report of tests that fail on purpose (1 s timeout, as set)
selftest() { CK_TIMEOUT_MULTIPLIER=1 CK_FORK= "$@" 2>/dev/null; }
if [ -x "$B/cross/native/selftest-check" ] && [ -x "$B/cross/native/selftest-shim" ]; then
    selftest "$B/cross/native/selftest-check" > "$T/native/selftest"
    selftest "$B/cross/native/selftest-shim" > "$T/native/selftest-shim"
    if grep -q '^selftest: 20 run, 18 failed$' "$T/native/selftest" &&
       cmp -s "$T/native/selftest" "$T/native/selftest-shim"; then
        ok "build host: the suite's Check runner reports 20 tests (18 failing on purpose) as Check does"
    else
        bad "build host: the suite's Check runner reports differently from Check"
        diff "$T/native/selftest" "$T/native/selftest-shim" | show
    fi
else
    bad "build host: selftest was not built"
fi
for u in $UNITS; do
    bin=$B/cross/native/test_$u
    if [ -x "$bin" ]; then
        "$bin" "$CAPTURES" > "$T/native/test_$u" 2>&1
        echo $? > "$T/native/test_$u.rc"
    fi
done
for s in $SCHEMAS; do
    bin=$B/fuzz/replay_$s
    if [ -x "$bin" ]; then
        "$bin" "$B/fuzz/seeds/$s"/* > "$T/native/replay_$s" 2>&1
        echo $? > "$T/native/replay_$s.rc"
    fi
done
echo "(build host side: $((SECONDS - start)) s)"

# ---- each host ------------------------------------------------------------

run_host() {
    local h=$1 pass=0 fail=0
    dir=$B/cross/$h
    var=CROSS_RUN_$h
    run=${!var:-}
    start=$SECONDS
    # i686: an x86-64 kernel runs it as a 32-bit process, unless it cannot
    if [ "$h" = i686 ] && [ -x "$dir/pcapdump" ] && "$dir/pcapdump" >/dev/null 2>&1; then
        run=
    fi
    if [ -n "$run" ] && ! command -v "${run%% *}" >/dev/null; then
        bad "$h: ${run%% *} is not installed (make deps)"
        echo "$pass $fail" > "$T/$h.counts"
        return
    fi
    echo "-- $h: ${run:-runs directly on the build host kernel as a 32-bit process}"
    mkdir -p "$T/$h"

    if [ -x "$dir/pcapdump" ]; then
        $run "$dir/pcapdump" "${pcaps[@]}" > "$T/$h/pcapdump" 2>&1
        if cmp -s "$T/native/pcapdump" "$T/$h/pcapdump"; then
            ok "$h pcap reader: ${#pcaps[@]} captures read as libpcap reads them on the build host"
        else
            bad "$h pcap reader: differs from libpcap on the build host"
            diff "$T/native/pcapdump" "$T/$h/pcapdump" | show
        fi
    else
        bad "$h pcap reader: $dir/pcapdump was not built"
    fi

    if [ -x "$dir/selftest" ]; then
        selftest $run "$dir/selftest" > "$T/$h/selftest"
        if cmp -s "$T/native/selftest" "$T/$h/selftest"; then
            ok "$h Check runner: reports the 20 self-tests as Check does on the build host"
        else
            bad "$h Check runner: reports the self-tests differently from Check on the build host"
            diff "$T/native/selftest" "$T/$h/selftest" | show
        fi
    else
        bad "$h Check runner: $dir/selftest was not built"
    fi

    for u in $UNITS; do
        bin=$dir/test_$u
        if [ ! -x "$bin" ]; then
            bad "$h test_$u: did not build (compiler output above)"
            continue
        fi
        if [ ! -f "$T/native/test_$u.rc" ]; then
            bad "$h test_$u: no build-host result to compare with ($B/cross/native/test_$u did not build)"
            continue
        fi
        $run "$bin" "$CAPTURES" > "$T/$h/test_$u" 2>&1
        rc=$?
        summary=$(grep -E '^[0-9]+%: Checks: ' "$T/$h/test_$u" | tail -1 | sed 's/Checks: /Checks /')
        grep -v '^speed:' "$T/native/test_$u" > "$T/$h/want"
        grep -v '^speed:' "$T/$h/test_$u" > "$T/$h/got"
        nrc=$(cat "$T/native/test_$u.rc")
        if [ "$rc" -eq 0 ] && [ "$nrc" -eq 0 ] && cmp -s "$T/$h/want" "$T/$h/got"; then
            ok "$h test_$u: ${summary:-no summary}; output identical to the build host's"
        else
            bad "$h test_$u: exit $rc (build host: $nrc); ${summary:-no summary}"
            show < "$T/$h/test_$u"
            if ! cmp -s "$T/$h/want" "$T/$h/got"; then
                echo "     difference from the build host (< build host, > $h):"
                diff "$T/$h/want" "$T/$h/got" | show 20
            fi
        fi
    done

    for s in $SCHEMAS; do
        bin=$dir/replay_$s
        if [ ! -x "$bin" ]; then
            bad "$h replay_$s: did not build (compiler output above)"
            continue
        fi
        if [ ! -f "$T/native/replay_$s.rc" ]; then
            bad "$h replay_$s: no build-host result ($B/fuzz/replay_$s did not build)"
            continue
        fi
        shopt -s nullglob
        seeds=("$B/fuzz/seeds/$s"/*)
        shopt -u nullglob
        $run "$bin" "${seeds[@]}" > "$T/$h/replay_$s" 2>&1
        rc=$?
        nrc=$(cat "$T/native/replay_$s.rc")
        rebuilt=$(awk '$3 == "rebuilt" { n += $2 } END { print n + 0 }' "$T/$h/replay_$s")
        if [ "$rc" -eq 0 ] && [ "$nrc" -eq 0 ] && cmp -s "$T/native/replay_$s" "$T/$h/replay_$s"; then
            ok "$h replay_$s: ${#seeds[@]} inputs, $rebuilt messages rebuilt byte-identical, table identical to the build host's"
        else
            bad "$h replay_$s: exit $rc (build host: $nrc)"
            show < "$T/$h/replay_$s" 20
            if ! cmp -s "$T/native/replay_$s" "$T/$h/replay_$s"; then
                echo "     difference from the build host (< build host, > $h):"
                diff "$T/native/replay_$s" "$T/$h/replay_$s" | show 20
            fi
        fi
    done
    echo "($h: $((SECONDS - start)) s)"
    echo "$pass $fail" > "$T/$h.counts"
}

# the hosts side by side (qemu runs one core each), reported in order
for h in $HOSTS; do
    run_host "$h" > "$T/$h.log" 2>&1 &
done
wait
for h in $HOSTS; do
    cat "$T/$h.log"
    read -r p f < "$T/$h.counts" || { p=0; f=1; echo "FAIL $h: no result"; }
    pass=$((pass + p)) fail=$((fail + f))
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
