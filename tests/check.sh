#!/usr/bin/env bash
# tests/check.sh - runs every test suite (called by `make check`), shows
# each suite's output, and ends with one total line "check: N passed, M failed".
#
# Suites: runtime and packet unit tests (Check, ASan+UBSan), the compiler's
# golden and diagnostic tests (Check, against the ASan+UBSan compiler), the
# byte-order compile-fail suite, the strict-warnings matrix, and the
# benchmark smoke run (all implementations agree; no timing).
set -u
B=${B:-build}
total_pass=0 total_fail=0 failed_suites=()

# Adds a suite's counts from its output: Check's "Checks: N, Failures: F,
# Errors: E" lines, or a final "N passed, M failed" line.
count() {
    local name=$1 rc=$2 log=$3 p=0 f=0
    if grep -q 'Checks: [0-9]*, Failures:' "$log"; then
        while read -r n fl er; do
            p=$((p + n - fl - er)); f=$((f + fl + er))
        done < <(sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' "$log")
    elif line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1) && [ -n "$line" ]; then
        p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
    fi
    # A crash or non-zero exit with no failure counted is still a failure;
    # a suite that prints no counts but succeeds counts as one pass.
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    if [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then p=1; fi
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
    [ "$f" -eq 0 ] || failed_suites+=("$name")
    printf '== %s: %d passed, %d failed\n\n' "$name" "$p" "$f"
}

suite() {  # suite NAME COMMAND...
    local name=$1; shift
    local log; log=$(mktemp)
    local t0=$SECONDS
    printf '== %s\n' "$name"
    "$@" 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    count "$name" "$rc" "$log"
    printf '== time: %d s for %s\n\n' "$((SECONDS - t0))" "$name"
    rm -f "$log"
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

suite "runtime (ASan+UBSan)" "$B/tests/test_runtime"
suite "dns_name extern type (ASan+UBSan)" "$B/tests/test_dns_name"
suite "packets vs tshark, truncation, constraints (ASan+UBSan)" "$B/tests/test_packets" tests/captures
suite "variable structure: TCP options, DNS messages, DNS/TCP framing, malformed frames (ASan+UBSan)" "$B/tests/test_variable" tests/captures
suite "layer walker (stack packet) vs tshark, truncated prefixes (ASan+UBSan)" "$B/tests/test_stack" tests/captures
suite "checksums: RFC 1071/1624, pseudo-headers, captures vs tshark verdicts (ASan+UBSan)" "$B/tests/test_csum" tests/captures
suite "mutable views and setters on real frames, checksums kept right (ASan+UBSan)" "$B/tests/test_write" tests/captures
suite "builders and @checksum on real frames: checksums vs tshark, DNS frames rebuilt byte-identical (ASan+UBSan)" "$B/tests/test_build" tests/captures
suite "socket I/O (zerocast_io.h): batched datagrams with metadata, replies from the address asked, stream reader and writer, strict warnings (ASan+UBSan)" "$B/tests/test_io" runtime "$B/schemas"
suite "example DNS responder zcdnsd: dig and raw sockets on loopback (ASan+UBSan)" bash tests/dnsd/run.sh "$B/asan/zcdnsd"
suite "compiler arena: ASan sees one byte past any allocation" "$B/tests/test_arena"
suite "compiler goldens and diagnostics (ASan+UBSan compiler)" "$B/tests/test_compiler" "$B/asan/zerocast" tests/compiler
suite "byte-order compile-fail (gcc, clang, C, C++17)" bash tests/compile-fail/run.sh runtime "$B/schemas"
suite "strict warnings matrix and system-header clashes" bash tests/strict/run.sh "$B/schemas" runtime
suite "out-of-line big functions: ten units, ZEROCAST_IMPLEMENTATION[_UDP], strict in three modes (gcc, clang, C, C++17)" bash tests/outline/run.sh "$B/asan/zerocast" runtime "$B/schemas"
suite "32-bit host: frame and parse past 2^32 with gcc -m32, same as here" bash tests/host32/run.sh "$B/asan/zerocast" runtime
suite "schema zoo: strict matrix, layout goldens, fuzz-target properties (ASan+UBSan compiler)" bash tests/schemas-zoo/run.sh "$B/asan/zerocast" runtime
suite "install, pkg-config, CMake and make consumers" bash tests/install/run.sh
suite "static analysis (cppcheck, clang-tidy)" bash tests/lint/run.sh
suite "valgrind memcheck of the compiler" bash tests/lint/valgrind.sh
suite "hostile schemas (normal and ASan+UBSan compiler)" bash tests/hostile/run.sh
suite "zcdump: corpus under ASan+UBSan, command line, options vs tcpdump, checksum verdicts and differential test vs tshark, JSON schema" env B="$B" bash tests/zcdump/run.sh
suite "zcnc: TCP/UDP, IPv4/IPv6, hub, echo, --decode vs dig and zcdnsd, partial reads, bad input, reply source, TTL metadata, in its own network namespace (ASan+UBSan)" env B="$B" bash tests/zcnc/run.sh "$B/asan/zcnc"
suite "until arrays, terminated strings, @size on mpls/tftp/lldp: statuses, accessors, setters, builders (ASan+UBSan)" "$B/tests/test_until"
suite "parameters and header-only views: bgp, rtcp, icmpv4_error (ASan+UBSan)" "$B/tests/test_params"
suite "natural schema names: both names of every clash in gcc, clang, C and C++17, imports, fuzz targets and runtime headers under -Wshadow" bash tests/names/run.sh "$B/asan/zerocast"
suite "protocols on real bytes vs tshark: every tests/protocols spec (ASan+UBSan driver, prefixes), expectations, captures and field coverage reproduced" env B="$B" bash tests/protocols/run.sh "$B/asan/zerocast"
if command -v tshark >/dev/null && [ -x /usr/bin/python3 ]; then
    suite "fixture expectations reproduce from tshark" bash tests/tools/check_expect.sh
    suite "checksum expectations reproduce from tshark" /usr/bin/python3 tests/tools/make_csum_expect.py --check
    suite "odd-offset checksum capture: tshark agrees with its generator's RFC 1071 sums" /usr/bin/python3 tests/captures/csum-odd/make_odd.py --check
fi
if [ -n "${ROUNDTRIP:-}" ]; then
    suite "round trips: every schema's layers from the captures rebuilt byte-identical by the builders (ASan+UBSan)" $ROUNDTRIP
fi
if [ -n "${CROSS:-}" ]; then
    suite "other hosts: i686 and big-endian s390x (qemu): unit and packet tests, replays, same results as here" $CROSS
fi
if [ -n "${FUZZ_SMOKE:-}" ]; then
    suite "fuzz smoke (every generated target and the compiler, ASan+UBSan)" $FUZZ_SMOKE
fi
if [ -n "${BENCH_SMOKE:-}" ]; then
    suite "benchmark smoke (implementations agree)" $BENCH_SMOKE
fi

if [ ${#failed_suites[@]} -gt 0 ]; then
    printf 'failed suites:\n'; printf '  %s\n' "${failed_suites[@]}"
fi
echo "check: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
