#!/usr/bin/env bash
# tests/zcdump/run.sh - zcdump's test suite (make zcdump-test; tests/check.sh).
#
#   B=build bash tests/zcdump/run.sh
#
#  1. every capture of the corpus (tests/captures/zcdump/, tests/captures/
#     *.pcap, malformed/, stack/, csum/) through the ASan+UBSan build in each
#     output mode: exit status 0, nothing on stderr, valid JSON, and the same
#     bytes as the -O2 build;
#  2. 20,000 damaged frames (tests/zcdump/mutate.py, fixed seed) the same
#     way: zcdump never crashes and never stops on a bad packet;
#  3. the command line: usage errors, unreadable and truncated files,
#     unsupported link types, stdin, BPF filters on files (against tcpdump's
#     count), -c, write errors;
#  4. a live capture on loopback in a private network namespace (skipped
#     without root, unshare --net, ip, ping or timeout);
#  5. the differential test against tshark (tests/zcdump/zcdiff.py) on the
#     whole corpus: zero disagreements on every compared field, every
#     mapping entry compared at least once, the tables cover the schemas
#     exactly, and a self-test that changes every value and must see every
#     comparison fail (skipped when tshark is not installed);
#  6. time stamps (tests/zcdump/time/, written by make_time.py, which must
#     reproduce them byte for byte): after 2038 and 2106, before 1970, 0,
#     64-bit seconds, impossible micro- and nanosecond fields, every output
#     mode under ASan+UBSan, and every time format (default, -t, -tt,
#     --json) against tshark's frame.time and frame.time_epoch
#     (tests/zcdump/timecheck.py; skipped without tshark); the formatters
#     on pairs no file can give (tests/zcdump/test_time.c, ASan+UBSan);
#  7. tcpdump's options (issue #20): the -x/-XX/-A dumps, relative and -S
#     TCP numbers, -q and every time stamp format against tcpdump run here
#     (tests/zcdump/tcpdumpcheck.py); -v's checksum verdicts against
#     tshark's on every capture, the corrupted ones included
#     (tests/zcdump/csumcheck.py); -w, -F, -Q, -l and their errors; named
#     link types, damaged files, a file named once; every --json line
#     against tests/zcdump/zcdump.schema.json (tests/zcdump/jsoncheck.py)
#     and DNS names outside ASCII checked with dig (tests/zcdump/nonascii.py).
#
# One line per check, then "N passed, M failed" (tests/check.sh adds those
# up). Exit status 1 on any failure.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
B=${B:-build}
ZC=$B/asan/zcdump        # ASan+UBSan: what is tested
ZC_O2=$B/zcdump          # -O2: must print the same
PY=/usr/bin/python3
T=$(mktemp -d "${TMPDIR:-/tmp}/zcdump-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TZ=UTC   # the default time of day is local time; tests that want a zone set it

pass=0 fail=0
ok()  { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; [ -z "${2:-}" ] || sed 's/^/     | /' "$2" | tail -n 15; }

for bin in "$ZC" "$ZC_O2"; do
    if [ ! -x "$bin" ]; then
        echo "run.sh: $bin is missing (make zcdump zcdump-asan)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

shopt -s nullglob
# and the per-protocol fixtures of the protocols zcdiff has a mapping table for
# that tests/captures does not exercise in full (issue #19)
CAPS=(tests/captures/zcdump/* tests/captures/*.pcap tests/captures/malformed/*.pcap
      tests/captures/stack/*.pcap tests/captures/csum/*.pcap
      tests/protocols/{igmp,lldp,tls,mpls,stun,tftp,sctp,dhcpv6,quic,sll,sll2,ntp,stp,mqtt}/*.pcap
      tests/protocols/{pppoed,pppoes,ppp,lcp,ipcp,ipv6cp,geneve,erspan-ii,erspan-iii,icmp-errors,radiotap}/*.pcap)
mapfile -t CAPS < <(printf '%s\n' "${CAPS[@]}" | grep -v 'README')
if [ ${#CAPS[@]} -lt 40 ]; then
    bad "corpus: only ${#CAPS[@]} captures found"
fi

# run_modes FILE TAG: every output mode through the ASan build; the JSON
# goes to $T/json/TAG.jsonl for one validity check at the end. Prints why
# it failed, or nothing.
# (-vv -X -ttt and -q -A -tttt -S: checksums, relative TCP numbers, dumps and
# time formats on every frame, the damaged ones included; --json-offsets -x
# last: the -O2 build's output is compared with it)
MODES=("" "-v -x -e -#" "-tt -n" "-vv -X -ttt" "-q -A -tttt -S" "--json-offsets -x")
# ZCDUMP_SEED=N (make check's sample, docs/decisions.md "make check
# samples"): each capture of the corpus goes through the default mode,
# --json-offsets -x and one of the four others, mode 1 + (N + capture) mod 4;
# each mode meets a quarter of the corpus per run and every capture within
# four seeds. The damaged frames go through every mode. Also in stage 7:
# tcpdump's options on half the captures (every one within two seeds).
# Unset: everything.
SEED=${ZCDUMP_SEED:-}
case $SEED in *[!0-9]*) echo "run.sh: ZCDUMP_SEED must be a number" >&2; exit 2 ;; esac
[ -z "$SEED" ] || echo "sample (ZCDUMP_SEED=$SEED; unset: everything): each capture in the default mode, --json-offsets -x and mode 1 + (seed + capture number) mod 4 of: ${MODES[*]:1:4}"
mkdir -p "$T/json"
run_modes() {  # run_modes FILE TAG [NUMBER: the capture's, for the sample]
    local f=$1 tag=$2 m rc i=-1
    for m in "${MODES[@]}"; do
        i=$((i + 1))
        if [ -n "$SEED" ] && [ -n "${3:-}" ] && [ $i -ge 1 ] && [ $i -le 4 ] &&
           [ $i -ne $((1 + (SEED + $3) % 4)) ]; then
            continue
        fi
        # shellcheck disable=SC2086  # the modes are word lists
        "$ZC" $m -r "$f" >"$T/out" 2>"$T/err"
        rc=$?
        if [ $rc -ne 0 ] || [ -s "$T/err" ]; then
            echo "zcdump $m -r $f: exit $rc"
            cat "$T/err"
            return
        fi
        case $m in --json*) cat "$T/out" >>"$T/json/$tag.jsonl" ;; esac
    done
    # the -O2 build prints the same bytes
    "$ZC_O2" --json-offsets -x -r "$f" >"$T/o2" 2>&1
    if ! cmp -s "$T/o2" "$T/out"; then
        echo "zcdump -O2 and ASan builds differ on $f"
        diff "$T/o2" "$T/out" | head -5
    fi
}

# ---- 1. the corpus, every mode --------------------------------------------------------
n=0
for f in "${CAPS[@]}"; do
    n=$((n + 1))
    run_modes "$f" "c$n" "$n" >"$T/why" 2>&1
    what="every mode"; [ -z "$SEED" ] || what="modes \"\", \"${MODES[$((1 + (SEED + n) % 4))]}\", \"--json-offsets -x\""
    if [ -s "$T/why" ]; then bad "ASan+UBSan, $what: $f" "$T/why"; else ok "ASan+UBSan, $what: $f"; fi
done

# ---- 2. damaged frames ----------------------------------------------------------------------
if "$PY" tests/zcdump/mutate.py 20000 1 "$T/mutated.pcap" "${CAPS[@]}" 2>"$T/why"; then
    run_modes "$T/mutated.pcap" mutated >"$T/why" 2>&1
    frames=$("$ZC" -r "$T/mutated.pcap" | wc -l)
    if [ -s "$T/why" ]; then
        bad "20000 damaged frames, every mode (ASan+UBSan)" "$T/why"
    elif [ "$frames" -ne 20000 ]; then
        bad "20000 damaged frames: $frames lines printed"
    else
        ok "20000 damaged frames, every mode: no crash, no stop, one line each (ASan+UBSan)"
    fi
else
    bad "mutate.py" "$T/why"
fi

# every JSON line of every run parses, and has the keys docs/zcdump.md promises
if "$PY" - "$T"/json/*.jsonl >"$T/why" 2>&1 <<'EOF'
import json, sys
n = 0
for path in sys.argv[1:]:
    for i, line in enumerate(open(path), 1):
        d = json.loads(line)
        for k in ("frame", "time", "caplen", "len", "layers", "status"):
            assert k in d, f"{path}:{i}: no {k}"
        assert d["status"]["code"] == "ok" or {"field", "offset", "detail", "layer"} <= set(d["status"]), \
            f"{path}:{i}: status {d['status']}"
        for l in d["layers"]:
            assert {"layer", "offset", "fields"} <= set(l), f"{path}:{i}: layer {l}"
        n += 1
print(f"{n} JSON objects")
EOF
then ok "JSON output valid ($(cat "$T/why"))"; else bad "JSON output valid" "$T/why"; fi

# ---- 3. the command line --------------------------------------------------------------------
Z=tests/captures/zcdump
DNS=$Z/lo-dns-udp.pcap
[ -f "$DNS" ] || DNS=tests/captures/dns-records.pcap

# expect CODE DESCRIPTION PATTERN COMMAND...: exit status CODE and stderr
# matching PATTERN (grep -E; "" for an empty stderr), no sanitizer report
expect() {
    local code=$1 d=$2 pat=$3; shift 3
    "$@" >"${ZD_OUT:-$T/out}" 2>"$T/err"
    local rc=$? match
    if [ -z "$pat" ]; then [ ! -s "$T/err" ]; else grep -Eq -- "$pat" "$T/err"; fi
    match=$?
    if [ $rc -eq "$code" ] && [ $match -eq 0 ] && ! grep -q Sanitizer "$T/err"; then
        ok "$d"
    else
        { echo "exit $rc (want $code), stderr:"; cat "$T/err"; } >"$T/why"
        bad "$d" "$T/why"
    fi
}
expect 0 "--help" "" "$ZC" --help
grep -q "usage: zcdump" "$T/out" || bad "--help prints the usage"
expect 0 "--version" "" "$ZC" --version
grep -q "^zcdump [0-9]" "$T/out" || bad "--version prints the version"
expect 2 "no arguments: usage error" "nothing to read" "$ZC"
expect 2 "unknown option: usage error" "usage:" "$ZC" -j -r "$DNS"
expect 2 "-c 0: usage error" "not a positive number" "$ZC" -c 0 -r "$DNS"
expect 2 "-s 999999: usage error" "snapshot length" "$ZC" -s 999999 -i lo
expect 2 "-r and -i together: usage error" "not both" "$ZC" -r "$DNS" -i lo
expect 1 "missing file: zcdump: FILE: error" "^zcdump: $T/none.pcap: " "$ZC" -r "$T/none.pcap"
expect 1 "not a capture: zcdump: FILE: error" "^zcdump: tests/zcdump/run.sh: " "$ZC" -r tests/zcdump/run.sh
expect 1 "bad filter: zcdump: FILE: filter ..." "^zcdump: $DNS: filter \"udp port\": " "$ZC" -r "$DNS" udp port

# a link type zcdump does not read (IEEE 802.11, 105)
"$PY" -c 'import struct,sys; sys.stdout.buffer.write(struct.pack("<IHHiIII",0xa1b2c3d4,2,4,0,0,65535,105)+struct.pack("<IIII",0,0,4,4)+b"\x08\x00\x00\x00")' >"$T/wifi.pcap"
expect 1 "unsupported link type" "unsupported link type IEEE802_11" "$ZC" -r "$T/wifi.pcap"

# a file cut inside a record: the packets before it, then the error
head -c $(( $(stat -c %s "$DNS") - 20 )) "$DNS" >"$T/cut.pcap"
expect 1 "file cut inside a record: error after the packets" "^zcdump: $T/cut.pcap: .*truncated" "$ZC" -r "$T/cut.pcap"
if [ "$(wc -l <"$T/out")" -gt 0 ]; then
    ok "file cut inside a record: earlier packets printed"
else
    bad "file cut inside a record: nothing printed"
fi

# standard input, and the same output as from the file
"$ZC" -r - <"$DNS" >"$T/stdin" 2>&1
"$ZC" -r "$DNS" >"$T/file" 2>&1
if cmp -s "$T/stdin" "$T/file" && [ -s "$T/file" ]; then ok "-r - reads standard input"; else bad "-r - reads standard input"; fi

# a BPF filter on a file selects what tcpdump selects, frame numbers kept
for filt in "udp port 53" "icmp or icmp6" "ip6" "udp and udp[10] & 0x80 != 0"; do
    want=$(tcpdump -r "$DNS" -n "$filt" 2>/dev/null | wc -l)
    have=$("$ZC" -r "$DNS" "$filt" 2>/dev/null | wc -l)
    if [ "$want" = "$have" ]; then
        ok "filter '$filt': $have packets, as tcpdump"
    else
        bad "filter '$filt': zcdump $have packets, tcpdump $want"
    fi
done
first=$("$ZC" -r "$DNS" --json 'icmp or icmp6' | head -1 | "$PY" -c 'import json,sys; print(json.loads(sys.stdin.readline())["frame"])')
tsfirst=$(tshark -r "$DNS" -Y 'icmp or icmpv6' -T fields -e frame.number 2>/dev/null | head -1)
if [ -z "$tsfirst" ] || [ "$first" = "$tsfirst" ]; then ok "filtered frames keep their numbers in the file ($first)"; else bad "filtered frame number $first, tshark $tsfirst"; fi
if [ "$("$ZC" -r "$DNS" -c 3 | wc -l)" = 3 ]; then ok "-c 3 prints 3 packets"; else bad "-c 3 prints 3 packets"; fi

if [ -w /dev/full ]; then
    ZD_OUT=/dev/full expect 1 "a write error is an error" "error writing" "$ZC" -r "$DNS" -v
fi

# ---- 4. live capture on a private loopback -----------------------------------------------------
if [ "$(id -u)" = 0 ] && command -v ping >/dev/null && command -v ip >/dev/null &&
        command -v timeout >/dev/null && unshare --net true 2>/dev/null; then
    # shellcheck disable=SC2016  # the inner shell expands $1
    unshare --net bash -c '
        ip link set lo up
        (sleep 1; ping -n -c 3 -i 0.2 127.0.0.1 >/dev/null 2>&1) &
        timeout 20 "$1" -i lo -c 2 icmp
        rc=$?
        wait
        exit $rc' _ "$ZC" >"$T/live" 2>"$T/err"
    if [ "$(grep -c "ICMP echo" "$T/live")" = 2 ] && ! grep -q Sanitizer "$T/err"; then
        ok "live capture: -i lo -c 2 icmp in a private network namespace"
    else
        cat "$T/live" "$T/err" >"$T/why"
        bad "live capture: -i lo -c 2 icmp" "$T/why"
    fi
else
    echo "skip live capture (needs root, unshare --net, ip, ping and timeout)"
fi

# ---- 5. against tshark --------------------------------------------------------------------------
if command -v tshark >/dev/null; then
    "$PY" tests/zcdump/zcdiff.py --zcdump "$ZC" --self-test --require-all \
        --schemas schemas --schemas examples/zcdump "${CAPS[@]}" >"$T/diff" 2>&1
    rc=$?
    grep -v '^[0-9]* passed, [0-9]* failed$' "$T/diff"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$T/diff" | tail -1)
    if [ -n "$line" ]; then
        p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
        pass=$((pass + p)); fail=$((fail + f))
        [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || fail=$((fail + 1))
    else
        bad "zcdiff.py printed no result (exit $rc)"
    fi
else
    echo "skip the differential test: tshark is not installed"
fi

# ---- 6. time stamps ------------------------------------------------------------------------------
TIMES=(tests/zcdump/time/*.pcap tests/zcdump/time/*.pcapng)
mkdir -p "$T/time"
if "$PY" tests/zcdump/time/make_time.py "$T/time" 2>"$T/why"; then
    diffs=""
    for f in "${TIMES[@]}"; do
        cmp -s "$f" "$T/time/${f##*/}" || diffs="$diffs ${f##*/}"
    done
    n_made=$(find "$T/time" -type f | wc -l)
    if [ -z "$diffs" ] && [ "$n_made" -eq ${#TIMES[@]} ] && [ "$n_made" -ge 4 ]; then
        ok "time stamp fixtures: make_time.py writes the ${#TIMES[@]} committed files byte for byte"
    else
        bad "time stamp fixtures: make_time.py differs from the committed files:${diffs:- $n_made files made, ${#TIMES[@]} committed}"
    fi
else
    bad "make_time.py" "$T/why"
fi
for f in "${TIMES[@]}"; do
    run_modes "$f" "time-${f##*/}" >"$T/why" 2>&1
    if [ -s "$T/why" ]; then bad "ASan+UBSan, every mode: $f" "$T/why"; else ok "ASan+UBSan, every mode: $f"; fi
done
# the formatters on pairs no file gives libpcap (a negative second with a
# fraction, microsecond precision, int64_t's extremes): tests/zcdump/test_time.c
# shellcheck disable=SC2046  # pkg-config's words
if ${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wconversion -Wshadow -Werror -O1 -g \
        -fsanitize=address,undefined -fno-sanitize-recover=all -Iruntime -I"$B/schemas" \
        -I"$B/zcdump-schemas" -Iexamples/zcdump tests/zcdump/test_time.c examples/zcdump/out.c \
        -o "$T/test_time" $(pkg-config --cflags --libs libpcap) >"$T/why" 2>&1; then
    "$T/test_time" >"$T/tt" 2>&1
    rc=$?
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$T/tt" | tail -1)
    if [ $rc -eq 0 ] && [ "$line" = "${line%%, 0 failed}, 0 failed" ] && [ -n "$line" ]; then
        ok "time stamp formatters (test_time.c): $line"
    else
        bad "time stamp formatters (test_time.c)" "$T/tt"
    fi
else
    bad "test_time.c builds" "$T/why"
fi
if command -v tshark >/dev/null; then
    "$PY" tests/zcdump/timecheck.py "$ZC" "${TIMES[@]}" >"$T/tc" 2>&1
    rc=$?
    grep -v '^[0-9]* passed, [0-9]* failed$' "$T/tc"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$T/tc" | tail -1)
    if [ -n "$line" ]; then
        p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
        pass=$((pass + p)); fail=$((fail + f))
        [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || fail=$((fail + 1))
    else
        bad "timecheck.py printed no result (exit $rc)" "$T/tc"
    fi
else
    echo "skip the time stamps against tshark: tshark is not installed"
fi

# ---- 7. tcpdump's options, checksums, errors (issue #20) -----------------------------------------
# against tcpdump run here: dumps, TCP numbers, -q, time stamps (tests/zcdump/tcpdumpcheck.py),
# on the captures zcdump decodes as far as tcpdump does (no malformed or snapped ones: after
# "[|proto]" tcpdump dumps from byte 0 and stops printing TCP numbers)
WELL=()
for f in tests/captures/*.pcap "$Z"/*.pcap "$Z"/*.pcapng; do
    case $f in *crafted-malformed*|*crafted-snap*|*lo-snap*) ;; *) WELL+=("$f") ;; esac
done
# suite_py WHAT COMMAND...: a Python checker's own ok/FAIL lines, its counts added up
suite_py() {
    local what=$1; shift
    "$@" >"$T/py" 2>&1
    local rc=$? line p f
    grep -v '^[0-9]* passed, [0-9]* failed$' "$T/py"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$T/py" | tail -1)
    if [ -n "$line" ]; then
        p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
        pass=$((pass + p)); fail=$((fail + f))
        [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || fail=$((fail + 1))
    else
        bad "$what printed no result (exit $rc)" "$T/py"
    fi
}
# ZCDUMP_SEED (the sample): tcpdumpcheck.py on half of them, those whose place
# has the seed's parity (every capture within two seeds; each option on half)
TDC=("${WELL[@]}")
if [ -n "$SEED" ]; then
    TDC=(); i=0
    for f in "${WELL[@]}"; do
        [ $(( (i + SEED) % 2 )) -ne 0 ] || TDC+=("$f"); i=$((i + 1))
    done
    echo "sample: tcpdump's options on ${#TDC[@]} of ${#WELL[@]} captures (those at places of the seed's parity)"
fi
if command -v tcpdump >/dev/null; then
    suite_py tcpdumpcheck.py "$PY" tests/zcdump/tcpdumpcheck.py "$ZC" "${TDC[@]}"
    # every line of every capture as tcpdump's, -n and -n -e, or a documented difference;
    # the per-protocol fixtures of the protocols packet.zc routes to (issue #19)
    suite_py linecheck.py "$PY" tests/zcdump/linecheck.py "$ZC" tests/captures/*.pcap \
        tests/captures/*/*.pcap "$Z"/*.pcapng \
        tests/protocols/{mpls,lldp,igmp,sctp,dhcpv6,stun,quic,tls,tftp,sll,sll2,ntp,stp}/*.pcap \
        tests/protocols/{pppoed,pppoes,ppp,lcp,ipcp,ipv6cp,geneve,erspan-ii,erspan-iii}/*.pcap \
        tests/protocols/{icmp-errors,bgp,http2,http2-preface,mqtt,rtp,rtcp}/*.pcap
else
    echo "skip the options against tcpdump: tcpdump is not installed"
fi
# -v's checksum verdicts against tshark's, the corrupted captures included
if command -v tshark >/dev/null; then
    suite_py csumcheck.py "$PY" tests/zcdump/csumcheck.py "$ZC" tests/captures/*.pcap \
        tests/captures/csum/*.pcap tests/captures/csum-odd/*.pcap tests/captures/stack/*.pcap \
        tests/captures/malformed/*.pcap "$Z"/*.pcap "$Z"/*.pcapng
else
    echo "skip the checksum verdicts against tshark: tshark is not installed"
fi

# relative TCP numbers with more connections than the table holds (40,000, one bare ACK
# each, then data on the first and on the last): memory stays bounded, the last connection
# is still known (relative, as tcpdump prints it), the first was pushed out of its set and
# starts over with absolute numbers (docs/zcdump.md; tcpdump, whose table grows, prints it
# relative)
"$PY" - "$T/flows.pcap" <<'PYEND'
import struct, sys
def pkt(k, flags, data):
    src = bytes([10, (k >> 16) & 255, (k >> 8) & 255, k & 255])
    tcp = struct.pack("!HHIIBBHHH", 40000, 7777, 1000000 + k, 5000000 + k, 0x50, flags, 512, 0, 0) + data
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, bytes([192, 0, 2, 1]))
    f = bytes(6) + bytes([2, 0, 0, 0, 0, 1]) + b"\x08\x00" + ip + tcp
    return struct.pack("<IIII", 1700000000, k % 1000000, len(f), len(f)) + f
out = [struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)]
out += [pkt(k, 0x10, b"") for k in range(40000)]
out += [pkt(0, 0x18, b"x"), pkt(39999, 0x18, b"x")]
open(sys.argv[1], "wb").write(b"".join(out))
PYEND
"$ZC" -r "$T/flows.pcap" -t >"$T/flows" 2>"$T/err"
first=$(sed -n 40001p "$T/flows"); last=$(sed -n 40002p "$T/flows")
tdlast=$(tcpdump -n -t -r "$T/flows.pcap" 2>/dev/null | sed -n 40002p)
if [ ! -s "$T/err" ] && [ "$(wc -l <"$T/flows")" = 40002 ] &&
        [[ $first == *"seq 1000000:1000001, ack 5000000,"* ]] &&
        [[ $last == *"seq 0:1, ack 1,"* ]] && { [ -z "$tdlast" ] || [ "$last" = "$tdlast" ]; }; then
    ok "40,000 connections: the table stays bounded; a recent one relative (as tcpdump), an evicted one absolute again"
else
    printf '%s\n%s\ntcpdump: %s\n' "$first" "$last" "$tdlast" | cat - "$T/err" >"$T/why"
    bad "40,000 connections: relative TCP numbers with a full table" "$T/why"
fi

# -w: what it writes reads back in tcpdump as the filtered input (a pcapng file in, pcap out)
HTTP=$Z/lo-http.pcapng
PUSH='tcp[tcpflags] & tcp-push != 0'
expect 0 "-w FILE with a filter: nothing printed, no error" "" "$ZC" -r "$HTTP" -w "$T/w.pcap" "$PUSH"
back=$(tcpdump -nr "$T/w.pcap" 2>/dev/null)
if [ ! -s "$T/out" ] && [ -n "$back" ] && [ "$back" = "$(tcpdump -nr "$HTTP" "$PUSH" 2>/dev/null)" ]; then
    ok "-w: tcpdump reads back the packets the filter selected, as it selects them"
else
    bad "-w: tcpdump reads back the packets the filter selected"
fi
magic=$(od -An -tx1 -N4 "$T/w.pcap" | tr -d ' ')
case $magic in
    d4c3b2a1|4d3cb2a1|a1b2c3d4|a1b23c4d) ok "-w writes a pcap file ($magic) from a pcapng one" ;;
    *) bad "-w writes a pcap file: magic $magic" ;;
esac
"$ZC" -r "$DNS" -c 3 -w - 2>"$T/err" | tcpdump -nr - 2>/dev/null >"$T/w3"
if [ "$(wc -l <"$T/w3")" = 3 ] && [ ! -s "$T/err" ]; then ok "-w - -c 3: three packets on standard output"; else bad "-w - -c 3" "$T/err"; fi
"$ZC" -r "$DNS" -w "$T/wp.pcap" --print -c 2 >"$T/wp" 2>"$T/err"
if [ "$(wc -l <"$T/wp")" = 2 ] && [ "$(tcpdump -nr "$T/wp.pcap" 2>/dev/null | wc -l)" = 2 ]; then
    ok "-w FILE --print: written and printed"
else
    bad "-w FILE --print" "$T/err"
fi
if [ -w /dev/full ]; then
    expect 1 "-w to a full device: an error" "^zcdump: -w /dev/full: " "$ZC" -r "$DNS" -w /dev/full
fi
expect 1 "-w into a missing directory: an error" "^zcdump: -w $T/no/w.pcap: " "$ZC" -r "$DNS" -w "$T/no/w.pcap"
expect 2 "--print without -w: usage error" "only with -w" "$ZC" -r "$DNS" --print
expect 2 "--print with -w -: usage error" "both would go to standard output" "$ZC" -r "$DNS" -w - --print

# -F: the filter from a file, comments dropped, as tcpdump -F
printf 'udp   # DNS over UDP\n  and port 53 # only\n' >"$T/filter"
want=$(tcpdump -nr "$DNS" -F "$T/filter" 2>/dev/null | wc -l)
have=$("$ZC" -r "$DNS" -F "$T/filter" 2>"$T/err" | wc -l)
if [ "$want" = "$have" ] && [ "$have" -gt 0 ] && [ ! -s "$T/err" ]; then
    ok "-F FILE: $have packets, as tcpdump -F"
else
    bad "-F FILE: zcdump $have, tcpdump $want" "$T/err"
fi
expect 1 "-F with a missing file: an error" "^zcdump: -F $T/nofilter: " "$ZC" -r "$DNS" -F "$T/nofilter"
expect 0 "-F and an expression: the expression is ignored, with a warning" "expression on the command line is ignored" "$ZC" -r "$DNS" -F "$T/filter" icmp
[ "$(wc -l <"$T/out")" = "$want" ] || bad "-F and an expression: -F's filter applies"

# usage errors of the new options
expect 2 "-Q with -r: usage error" "live capture" "$ZC" -Q in -r "$DNS"
expect 2 "-Q with a bad direction: usage error" "not a direction" "$ZC" -Q sideways -i lo
expect 2 "-tttttt: usage error" "at most five" "$ZC" -tttttt -r "$DNS"
expect 2 "--time-stamp-precision=pico: usage error" "micro or nano" "$ZC" --time-stamp-precision=pico -r "$DNS"

# -l: a line is out as soon as its packet is read (the input stays open)
cat >"$T/lbuf.py" <<'PYEND'
import select, subprocess, sys
zc, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
caplen = int.from_bytes(data[32:36], "little")
p = subprocess.Popen([zc, "-l", "-r", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(data[:24 + 16 + caplen])
p.stdin.flush()
ready = select.select([p.stdout], [], [], 10)[0]
line = p.stdout.readline() if ready else b""
p.stdin.close()
p.wait()
sys.exit(0 if line.endswith(b"\n") else 1)
PYEND
if "$PY" "$T/lbuf.py" "$ZC" "$DNS" >"$T/why" 2>&1; then
    ok "-l: the first line arrives while the input is still open"
else
    bad "-l: line buffering" "$T/why"
fi

# errors: link types named, damaged files, a file name said once
"$PY" -c 'import struct,sys; sys.stdout.buffer.write(struct.pack("<IHHiIII",0xa1b2c3d4,2,4,0,0,65535,4000)+struct.pack("<IIII",0,0,4,4)+b"\x08\x00\x00\x00")' >"$T/l4000.pcap"
expect 1 "a link type libpcap has no name for: its number" "unsupported link type 4000 \(a value libpcap has no name for\)" "$ZC" -r "$T/l4000.pcap"
expect 1 "an unsupported link type: named, with libpcap's description" "unsupported link type IEEE802_11 \(802.11, 105\)" "$ZC" -r "$T/wifi.pcap"
"$PY" -c 'import struct,sys; d=open(sys.argv[1],"rb").read(); sys.stdout.buffer.write(d+struct.pack("<IIII",0,0,0xffffffff,0xffffffff))' "$DNS" >"$T/damaged.pcap"
expect 1 "a damaged record: libpcap's reason after the packets before it" "^zcdump: $T/damaged.pcap: invalid packet capture length" "$ZC" -r "$T/damaged.pcap"
if [ "$(wc -l <"$T/out")" = "$("$ZC" -r "$DNS" | wc -l)" ]; then
    ok "a damaged record: every packet before it printed"
else
    bad "a damaged record: $(wc -l <"$T/out") packets printed"
fi
"$ZC" -r "$T/none.pcap" 2>"$T/err"
if [ "$(grep -o "none.pcap" "$T/err" | wc -l)" = 1 ]; then ok "a missing file is named once"; else bad "a missing file is named once" "$T/err"; fi

# -Q in on a private loopback (Linux: libpcap keeps a loopback packet's received copy)
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null && command -v timeout >/dev/null &&
        unshare --net true 2>/dev/null; then
    # shellcheck disable=SC2016  # the inner shell expands $1 and $2
    unshare --net bash -c '
        ip link set lo up
        (sleep 1; "$2" -c "import socket,time
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
for i in range(4): s.sendto(b\"x\",(\"127.0.0.1\",9)); time.sleep(0.2)") &
        timeout 20 "$1" -i lo -Q in -c 2 udp port 9
        rc=$?
        wait
        exit $rc' _ "$ZC" "$PY" >"$T/live" 2>"$T/err"
    if [ "$(grep -c "UDP, length 1" "$T/live")" = 2 ] && ! grep -q Sanitizer "$T/err"; then
        ok "live capture: -i lo -Q in -c 2 in a private network namespace"
    else
        cat "$T/live" "$T/err" >"$T/why"
        bad "live capture: -i lo -Q in" "$T/why"
    fi
else
    echo "skip live capture with -Q (needs root, unshare --net, ip and timeout)"
fi

# --json: every line of the corpus (and a sample of the damaged frames) against the JSON
# Schema tests/zcdump/zcdump.schema.json; names outside ASCII (tests/captures/json/)
for f in "$Z"/*.pcap "$Z"/*.pcapng tests/captures/json/*.pcap; do
    "$ZC" --json -r "$f" >>"$T/json-plain.jsonl" 2>>"$T/json-err"
done
awk 'NR % 40 == 1' "$T/json/mutated.jsonl" >"$T/json-mutated-sample.jsonl"
if [ -s "$T/json-err" ]; then bad "--json on the corpus: errors" "$T/json-err"; fi
for f in "$T"/json/*.jsonl; do
    [ "$f" = "$T/json/mutated.jsonl" ] || cat "$f"
done >"$T/json-offsets-x.jsonl"
suite_py jsoncheck.py "$PY" tests/zcdump/jsoncheck.py tests/zcdump/zcdump.schema.json \
    "$T/json-plain.jsonl" "$T/json-offsets-x.jsonl" "$T/json-mutated-sample.jsonl"
suite_py nonascii.py "$PY" tests/zcdump/nonascii.py "$ZC"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
