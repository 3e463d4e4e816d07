#!/usr/bin/env bash
# tests/check.sh - runs every test suite (called by `make check`), shows
# each suite's output, and ends with one total line "check: N passed, M failed".
#
# Suites: runtime and packet unit tests (Check, ASan+UBSan), the compiler's
# golden and diagnostic tests (Check, against the ASan+UBSan compiler), the
# byte-order compile-fail suite, the strict-warnings matrix, and the
# benchmark smoke run (all implementations agree; no timing); the list is
# at the end of this file.
#
# CHECK_JOBS=N (default 1 here; make check passes the number of cores) runs
# N suites at a time. Suites of one group (-g NAME) run one after another,
# never beside each other: "make" for those that run make on the shared
# build tree, "net" for those that bind loopback ports or create network
# namespaces. Groups and lone suites start longest first (-t SECONDS: the
# suite's usual wall time on a 2-core machine, docs/decisions.md; from the
# fresh-clone run after stop 33's merge, two at a time, less what stop 34
# took out). In
# parallel, each suite's output is printed whole when it ends; with
# CHECK_JOBS=1 it is streamed. CHECK_ONLY=REGEX runs only the suites whose
# description matches (grep -E).
#
# Some suites run a sample of a big matrix (docs/decisions.md "make check
# samples"; each prints what it ran and has a target that runs it all):
# the schema zoo's compiler matrix (make zoo), the valgrind runs (make
# valgrind), the fuzz smoke run's targets (make fuzz-smoke), the
# protocols suite's tshark and scapy reproductions (make protocols), the
# out-of-line suite's default-mode units and implementation-mode headers
# (make outline), the hostile schemas' two 10 MB cases (make hostile) and
# zcdump's output modes on the corpus (make zcdump-full) and clang-tidy's
# gen/*.c files (make lint). CHECK_SEED
# (default: days since 1970, so they rotate daily; printed first) picks
# them; CHECK_SEED=N repeats a run's samples.
set -u
B=${B:-build}
CHECK_SEED=${CHECK_SEED:-$(( $(date +%s) / 86400 ))}
CHECK_JOBS=${CHECK_JOBS:-1}
CHECK_ONLY=${CHECK_ONLY:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A suite's counts from its output: Check's "Checks: N, Failures: F,
# Errors: E" lines, or a final "N passed, M failed" line.
count() {  # count RC LOG -> prints "PASSED FAILED"
    local rc=$1 log=$2 p=0 f=0 line
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
    echo "$p $f"
}

names=() groups=() secs=()
suite() {  # suite [-g GROUP] [-t SECONDS] NAME COMMAND...
    local g='' t=30
    while :; do
        case $1 in
            -g) g=$2; shift 2 ;;
            -t) t=$2; shift 2 ;;
            *) break ;;
        esac
    done
    local name=$1; shift
    if [ -n "$CHECK_ONLY" ] && ! grep -qE -- "$CHECK_ONLY" <<<"$name"; then return; fi
    local i=${#names[@]}
    names[i]=$name groups[i]=$g secs[i]=$t
    printf '%q ' "$@" > "$work/$i.cmd"
}

# Runs suite I: its log, counts and time go to $work/I.*; the output goes
# to stdout as it comes (one job) or whole, under a lock, when it ends.
run_one() {
    local i=$1 t0=$SECONDS rc p f
    local log=$work/$i.log
    if [ "$CHECK_JOBS" -le 1 ]; then
        printf '== %s\n' "${names[i]}"
        eval "$(cat "$work/$i.cmd")" 2>&1 < /dev/null | tee "$log"
        rc=${PIPESTATUS[0]}
    else
        { flock 9; printf -- '-- started: %s\n' "${names[i]}"; } 9> "$work/lock"
        eval "$(cat "$work/$i.cmd")" > "$log" 2>&1 < /dev/null
        rc=$?
    fi
    read -r p f < <(count "$rc" "$log")
    echo "$p $f $((SECONDS - t0))" > "$work/$i.res"
    {
        if [ "$CHECK_JOBS" -gt 1 ]; then
            flock 9
            printf '== %s\n' "${names[i]}"; cat "$log"
        fi
        printf '== %s: %d passed, %d failed\n\n' "${names[i]}" "$p" "$f"
        printf '== time: %d s for %s\n\n' "$((SECONDS - t0))" "${names[i]}"
    } 9> "$work/lock"
}

run_all() {
    local n=${#names[@]} i
    if [ "$CHECK_JOBS" -le 1 ]; then
        for ((i = 0; i < n; i++)); do run_one "$i"; done
        return
    fi
    # units: a group's suites in order, or one lone suite; with their time
    declare -A unit_of=() unit_secs=()
    local units=() u
    for ((i = 0; i < n; i++)); do
        if [ -n "${groups[i]}" ]; then u="g:${groups[i]}"; else u="s:$i"; fi
        if [ -z "${unit_of[$u]:-}" ]; then units+=("$u"); unit_of[$u]=""; unit_secs[$u]=0; fi
        unit_of[$u]+=" $i"; unit_secs[$u]=$(( ${unit_secs[$u]} + ${secs[i]} ))
    done
    local order
    order=$(for u in "${units[@]}"; do echo "${unit_secs[$u]} $u"; done | sort -k1,1nr -s | cut -d' ' -f2)
    local running=0
    for u in $order; do
        while [ "$running" -ge "$CHECK_JOBS" ]; do wait -n; running=$((running - 1)); done
        ( for i in ${unit_of[$u]}; do run_one "$i"; done ) &
        running=$((running + 1))
    done
    wait
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Check's 4 s per test is too short for a sanitized test beside others on
# a loaded machine; a real hang still ends (and fails) the test.
export CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-120}

suite "runtime (ASan+UBSan)" "$B/tests/test_runtime"
suite "dns_name extern type (ASan+UBSan)" "$B/tests/test_dns_name"
suite -t 33 "packets vs tshark, truncation, constraints (ASan+UBSan)" "$B/tests/test_packets" tests/captures
suite "variable structure: TCP options, DNS messages, DNS/TCP framing, malformed frames (ASan+UBSan)" "$B/tests/test_variable" tests/captures
suite "layer walker (stack packet) vs tshark, truncated prefixes (ASan+UBSan)" "$B/tests/test_stack" tests/captures
suite -t 31 "checksums: RFC 1071/1624, pseudo-headers, captures vs tshark verdicts (ASan+UBSan)" "$B/tests/test_csum" tests/captures
suite -t 33 "checksums under -D__FRAMAC__: the runtime's Frama-C branch (word-at-a-time sums, byte-arithmetic loads) gives the same verdicts (ASan+UBSan)" "$B/tests/test_csum_framac" tests/captures
suite "mutable views and setters on real frames, checksums kept right (ASan+UBSan)" "$B/tests/test_write" tests/captures
suite "builders and @checksum on real frames: checksums vs tshark, DNS frames rebuilt byte-identical (ASan+UBSan)" "$B/tests/test_build" tests/captures
suite -g net -t 20 "socket I/O (zerocast_io.h): batched datagrams with metadata, per-datagram TTL/hop limit, IPv4/IPv6 multicast, replies from the address asked, stream reader and writer, strict warnings (ASan+UBSan)" "$B/tests/test_io" runtime "$B/schemas"
suite -g net -t 10 "example DNS responder zcdnsd: dig and raw sockets on loopback (ASan+UBSan)" bash tests/dnsd/run.sh "$B/asan/zcdnsd"
suite "compiler arena: ASan sees one byte past any allocation" "$B/tests/test_arena"
suite -t 91 "compiler goldens and diagnostics (ASan+UBSan compiler)" "$B/tests/test_compiler" "$B/asan/zerocast" tests/compiler
suite -t 190 "byte-order compile-fail (gcc, clang, C, C++17)" bash tests/compile-fail/run.sh runtime "$B/schemas"
suite -t 101 "strict warnings matrix and system-header clashes" bash tests/strict/run.sh "$B/schemas" runtime
suite -t 182 "out-of-line big functions: ten units (sampled), ZEROCAST_IMPLEMENTATION[_UDP], strict in three modes (gcc, clang, C, C++17)" env OUTLINE_SEED="$CHECK_SEED" bash tests/outline/run.sh "$B/asan/zerocast" runtime "$B/schemas"
suite "32-bit host: frame and parse past 2^32 with gcc -m32, same as here" bash tests/host32/run.sh "$B/asan/zerocast" runtime
suite -t 237 "schema zoo: strict matrix (sampled), layout goldens, fuzz-target properties (ASan+UBSan compiler)" env ZOO_MATRIX=sample ZOO_SEED="$CHECK_SEED" bash tests/schemas-zoo/run.sh "$B/asan/zerocast" runtime
suite -g make -t 97 "install, pkg-config, CMake and make consumers" bash tests/install/run.sh
suite -t 92 "static analysis (cppcheck, clang-tidy on half of gen/*.c, sampled)" env LINT_SEED="$CHECK_SEED" bash tests/lint/run.sh
suite -t 75 "valgrind memcheck of the compiler (a third of the runs)" env VALGRIND_SAMPLE=3 VALGRIND_SEED="$CHECK_SEED" bash tests/lint/valgrind.sh
suite -t 109 "hostile schemas (normal and ASan+UBSan compiler; the two 10 MB cases under one, sampled)" env HOSTILE_SEED="$CHECK_SEED" bash tests/hostile/run.sh
suite -t 185 "zcdump: corpus under ASan+UBSan (output modes sampled), command line, options vs tcpdump (sampled), checksum verdicts and differential test vs tshark, JSON schema" env B="$B" ZCDUMP_SEED="$CHECK_SEED" bash tests/zcdump/run.sh
suite -g net -t 42 "zcnc: TCP/UDP, IPv4/IPv6, hub, echo, --decode vs dig, dnsmasq, openssl and tshark, --frame dns_tcp/tls/stun/user schema, partial reads, bad input, reply source, TTL and timestamps, multicast v4/v6, in its own network namespace (ASan+UBSan)" env B="$B" bash tests/zcnc/run.sh "$B/asan/zcnc"
suite "until arrays, terminated strings, @size on mpls/tftp/lldp: statuses, accessors, setters, builders (ASan+UBSan)" "$B/tests/test_until"
suite "parameters and header-only views: bgp, rtcp, icmpv4_error (ASan+UBSan)" "$B/tests/test_params"
suite -t 15 "natural schema names: both names of every clash in gcc, clang, C and C++17, imports, fuzz targets and runtime headers under -Wshadow" bash tests/names/run.sh "$B/asan/zerocast"
suite "bytes of views and switches, iterators over bytes: DHCP overload, IPv4 timestamps vs tshark (ASan+UBSan)" "$B/tests/test_api" tests/api
suite -t 5 "tolerant TLV walks and @policy constraints vs tshark: DHCP options, ICMP echo codes, IPv4 versions; lenient accepts a superset of strict (ASan+UBSan)" bash tests/lenient/run.sh gen/zerocast "$B"
suite -t 12 "bundled enums: the values each registry names, against tshark's" bash tests/enums/run.sh "$B/schemas"
suite -g net -t 30 "zcping against iputils ping on loopback and in network namespaces: datagram and raw sockets, ICMP errors, TTL, record route (ASan+UBSan)" bash tests/zcping/run.sh "$B/asan/zcping"
suite -t 2 "command line: joined option arguments, several schemas in one run, warning options, zcdemo's status markers" bash tests/cli/run.sh gen/zerocast "$B/zcdemo"
suite -t 74 "Wireshark dissectors (--emit=wireshark) in tshark against zcdump and the generated C: bundled captures, every bundled schema, three user schemas, malformed frames, checksums vs tshark" bash tests/wireshark/run.sh gen/zerocast "$B/zcdump" "$B/wireshark"
suite -g make -t 108 "documentation: every snippet of README, the tutorial and the man pages, run against a staged install; schema lists and paths checked against the sources" bash tests/docs/run.sh
suite -t 115 "protocols on real bytes vs tshark: every tests/protocols spec (ASan+UBSan driver, prefixes, field coverage), expectations and captures reproduced (a third of the specs)" env B="$B" PROTOCOLS_SAMPLE=3 PROTOCOLS_SEED="$CHECK_SEED" bash tests/protocols/run.sh "$B/asan/zerocast"
suite -t 2 "bundled protocols: docs/protocols.md row, header reference and deviations, tshark comparison, stack route, zcdump map, zcdemo, fuzz/roundtrip/strict lists" /usr/bin/python3 tests/protocols/coverage.py gen/zerocast
suite -t 281 "Frama-C/WP proofs of the generated code (udp, ethernet with --acsl, iterator steps) and off-by-one mutants that must not prove" bash tests/prove/quick.sh gen/zerocast "$B/prove"
suite -t 35 "Frama-C/Eva: vxlan's fuzz target on every input of 0..16 bytes, no alarm in generated code or runtime" bash tests/prove/eva.sh gen/zerocast "$B/prove-eva" vxlan
suite -t 76 "Frama-C/WP: udp's stream framing function (udp_frame: reads only the buffer; NEED, COMPLETE and MALFORMED sizes) and frame mutants that must not prove" bash tests/prove/frame.sh gen/zerocast "$B/prove" udp
suite -t 10 "builders of structs that read remaining (build_remaining.zc, http2: padding derived at the end, refusals, errors) (ASan+UBSan)" "$B/tests/test_build_remaining"
suite -t 3 "http2_frame() on real h2c streams (nghttpd, curl, nghttp): frame counts vs tshark (ASan+UBSan)" bash tests/http2/run.sh "$B"
if command -v tshark >/dev/null && [ -x /usr/bin/python3 ]; then
    suite -t 36 "fixture expectations reproduce from tshark" bash tests/tools/check_expect.sh
    suite -t 18 "checksum expectations reproduce from tshark" /usr/bin/python3 tests/tools/make_csum_expect.py --check
    suite "odd-offset checksum capture: tshark agrees with its generator's RFC 1071 sums" /usr/bin/python3 tests/captures/csum-odd/make_odd.py --check
fi
if [ -n "${ROUNDTRIP:-}" ]; then
    suite -g make -t 8 "round trips: every schema's layers from the captures rebuilt byte-identical by the builders (ASan+UBSan)" $ROUNDTRIP
fi
if [ -n "${CROSS:-}" ]; then
    suite -g make -t 145 "other hosts: i686 and big-endian s390x (qemu): unit and packet tests, replays, same results as here" $CROSS
fi
if [ -n "${FUZZ_SMOKE:-}" ]; then
    suite -g make -t 144 "fuzz smoke (a sample of the generated targets, every regression, the compiler, ASan+UBSan)" $FUZZ_SMOKE
fi
if [ -n "${BENCH_SMOKE:-}" ]; then
    suite -g make -t 5 "benchmark smoke (implementations agree)" $BENCH_SMOKE
fi


echo "check: sample seed $CHECK_SEED (CHECK_SEED=$CHECK_SEED make check repeats the samples)"
t0=$SECONDS
run_all
total_pass=0 total_fail=0 failed_suites=()
for ((i = 0; i < ${#names[@]}; i++)); do
    if [ -r "$work/$i.res" ]; then read -r p f _ < "$work/$i.res"; else p=0 f=1; fi
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
    [ "$f" -eq 0 ] || failed_suites+=("${names[i]}")
done
if [ ${#failed_suites[@]} -gt 0 ]; then
    printf 'failed suites:\n'; printf '  %s\n' "${failed_suites[@]}"
fi
echo "check: $total_pass passed, $total_fail failed ($((SECONDS - t0)) s for ${#names[@]} suites, $CHECK_JOBS at a time)"
[ "$total_fail" -eq 0 ]
