#!/usr/bin/env bash
# tests/dnsd/run.sh - examples/zcdnsd, the DNS responder, against dig (from
# Debian's bind9-dnsutils) and against raw python3 sockets, on loopback
# addresses only.
#
# usage: run.sh [ZCDNSD]     (default: build/asan/zcdnsd, the ASan+UBSan build)
#
# Starts zcdnsd on a free port (-p 0: it prints the port it got), bound to
# the wildcard addresses, waits until it answers, then checks A, AAAA, TXT,
# ANY, NXDOMAIN, NODATA, EDNS, BADVERS, NOTIMP, REFUSED and truncation over
# UDP to 127.0.0.1, 127.0.0.2 and ::1 and over TCP (several queries on one
# connection); that every UDP reply comes from the address its query was
# sent to (dig, and tests/dnsd/probe.py with recvfrom(), also for one burst
# of queries to three addresses); malformed queries (FORMERR or silence)
# and TCP framing. Then it stops the server with SIGTERM and requires a
# clean exit with no sanitizer report. Prints one line per check and
# "N passed, M failed"; exits 1 if any failed (after the end of the
# server's log). Without dig it prints "skipped: dig not installed" and
# exits 0. KEEP_LOG=FILE keeps a copy of the server's log. docs/zcdnsd.md
# describes it all.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/asan/zcdnsd}
pass=0 fail=0

if ! command -v dig >/dev/null 2>&1; then
    echo "skipped: dig not installed (apt-get install bind9-dnsutils)"
    exit 0
fi
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
if [ ! -x "$bin" ]; then
    echo "FAIL $bin is not built"
    echo "0 passed, 1 failed"
    exit 1
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

tmp=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    [ -n "${KEEP_LOG:-}" ] && cp "$tmp/log" "$KEEP_LOG"; rm -rf "$tmp"
}
trap cleanup EXIT

ok()  { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; }

# expect NAME OUTPUT REGEX...: every extended REGEX matches a line of the
# dig OUTPUT, and dig did not see a reply from an unexpected source.
expect() {
    local name=$1 out=$2 re missing=()
    shift 2
    for re in "$@"; do
        grep -qE -- "$re" <<<"$out" || missing+=("$re")
    done
    grep -qi 'unexpected source' <<<"$out" && missing+=("(no reply from an unexpected source)")
    if [ ${#missing[@]} -eq 0 ]; then
        ok "$name"
    else
        bad "$name"
        printf '      missing: %s\n' "${missing[@]}"
        sed 's/^/      | /' <<<"$out" | head -40
    fi
}

# absent NAME OUTPUT REGEX: no line of OUTPUT matches REGEX.
absent() {
    if grep -qE -- "$3" <<<"$2"; then
        bad "$1"
        sed 's/^/      | /' <<<"$2" | head -40
    else
        ok "$1"
    fi
}

# probe ARGS...: the python checks; each "ok"/"FAIL" line counts.
probe() {
    local out line
    out=$("$PYTHON" "$here/probe.py" "$@" 2>&1)
    while IFS= read -r line; do
        case $line in
        "ok "*) pass=$((pass + 1)); printf '%s\n' "$line" ;;
        "FAIL "*) fail=$((fail + 1)); printf '%s\n' "$line" ;;
        *) printf '      %s\n' "$line" ;;
        esac
    done <<<"$out"
    grep -qE '^(ok|FAIL) ' <<<"$out" || bad "probe.py $* printed no result"
}

# ---- configuration errors are refused before anything is bound -------------

out=$("$bin" -p 0 -a 'a..b=192.0.2.1' 2>&1)
rc=$?
if [ $rc -eq 2 ] && grep -q 'empty label' <<<"$out"; then
    ok "a bad configured name is refused (exit 2: $out)"
else
    bad "a bad configured name is refused (exit $rc: $out)"
fi

# ---- start the server ---------------------------------------------------------

long=$(printf 'x%.0s' $(seq 1 700))   # 700 bytes: 3 strings, > 512 bytes
cat > "$tmp/zone" <<'EOF'
# a zone file for -c: NAME TYPE VALUE
filed.example.test   A     192.0.2.3
filed.example.test   TXT   spaces  inside   text
EOF
: >"$tmp/log"
"$bin" -p 0 -T 3600 -c "$tmp/zone" \
    -a www.example.test=192.0.2.1 -a www.example.test=192.0.2.11 \
    -a www.example.test=2001:db8::1 -t "www.example.test=hello world" \
    -a v4only.example.test=192.0.2.2 -t "long.example.test=$long" -t empty.example.test= \
    2>"$tmp/log" &
pid=$!

# it prints "listening on port N" once every socket is bound
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on port \([0-9][0-9]*\).*/\1/p' "$tmp/log")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$port" ]; then
    bad "zcdnsd starts and prints its port"
    sed 's/^/      | /' "$tmp/log"
    echo "$pass passed, $fail failed"
    exit 1
fi
ok "zcdnsd starts: $(head -1 "$tmp/log")"
# IPv6 checks need the server's IPv6 sockets and a ::1 on loopback
v6=
if grep -q ', ::)' "$tmp/log" &&
   "$PYTHON" -c 'import socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).bind(("::1", 0))' 2>/dev/null; then
    v6=v6
fi
probe wait "$port"

ask() { dig -p "$port" +norec +time=3 +tries=1 "$@" 2>&1; }
A1='^www\.example\.test\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+A[[:space:]]+192\.0\.2\.1$'
A2='^www\.example\.test\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+A[[:space:]]+192\.0\.2\.11$'
AAAA='^www\.example\.test\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+AAAA[[:space:]]+2001:db8::1$'
QA='^;www\.example\.test\.[[:space:]]+IN[[:space:]]+A$'

# ---- UDP, from each address -----------------------------------------------------

for addr in 127.0.0.1 127.0.0.2 ${v6:+::1}; do
    expect "udp A at $addr" "$(ask "@$addr" www.example.test A)" \
        'status: NOERROR' 'flags: qr aa;' 'QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1' \
        "$QA" "$A1" "$A2" "SERVER: $addr#$port\\($addr\\) \\(UDP\\)"
    expect "udp AAAA at $addr" "$(ask "@$addr" www.example.test AAAA)" \
        'status: NOERROR' 'flags: qr aa;' 'ANSWER: 1,' "$AAAA" "SERVER: $addr#$port\\($addr\\) \\(UDP\\)"
done
[ -n "$v6" ] || echo "skip ::1 (no IPv6 on this machine)"

expect "udp TXT" "$(ask @127.0.0.2 www.example.test TXT)" \
    'status: NOERROR' 'flags: qr aa;' 'ANSWER: 1,' \
    '^www\.example\.test\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+TXT[[:space:]]+"hello world"$'
expect "udp TXT, empty text: one empty string" "$(ask @127.0.0.1 empty.example.test TXT)" \
    'status: NOERROR' 'ANSWER: 1,' 'IN[[:space:]]+TXT[[:space:]]+""$'
expect "udp NXDOMAIN for an unknown name" "$(ask @127.0.0.2 nope.example.test A)" \
    'status: NXDOMAIN' 'flags: qr aa;' 'QUERY: 1, ANSWER: 0, AUTHORITY: 0,' \
    '^;nope\.example\.test\.[[:space:]]+IN[[:space:]]+A$'
expect "udp NODATA: known name, no record of the type" "$(ask @127.0.0.1 v4only.example.test AAAA)" \
    'status: NOERROR' 'flags: qr aa;' 'ANSWER: 0,'
expect "udp names compare case-insensitively, question echoed as asked" \
    "$(ask @127.0.0.1 WwW.ExAmPlE.tEsT A)" 'status: NOERROR' 'ANSWER: 2,' \
    '^;WwW\.ExAmPlE\.tEsT\.[[:space:]]+IN[[:space:]]+A$' \
    '^WwW\.ExAmPlE\.tEsT\.[[:space:]]+3600[[:space:]]+IN[[:space:]]+A[[:space:]]+192\.0\.2\.1$'
expect "ANY: every record of the name" "$(ask @127.0.0.1 www.example.test ANY)" \
    'status: NOERROR' 'ANSWER: 4,' "$A1" "$A2" "$AAAA" 'TXT[[:space:]]+"hello world"$'
expect "records from the -c file" "$(ask @127.0.0.1 filed.example.test ANY)" \
    'ANSWER: 2,' 'IN[[:space:]]+A[[:space:]]+192\.0\.2\.3$' 'TXT[[:space:]]+"spaces  inside   text"$'

# ---- EDNS and truncation ------------------------------------------------------------

out=$(ask @127.0.0.1 www.example.test A)
expect "EDNS: OPT echoed with our size" "$out" 'EDNS: version: 0, flags:; udp: 1232'
expect "EDNS: DO bit echoed" "$(ask @127.0.0.1 +dnssec www.example.test A)" 'EDNS: version: 0, flags: do; udp: 1232'
out=$(ask @127.0.0.1 +noedns www.example.test A)
expect "no EDNS in the query: answered" "$out" 'status: NOERROR' 'ADDITIONAL: 0'
absent "no EDNS in the query: no OPT in the reply" "$out" 'OPT PSEUDOSECTION'
expect "EDNS version 1: BADVERS" "$(ask @127.0.0.1 +edns=1 +noednsnegotiation www.example.test A)" \
    'status: BADVERS' 'EDNS: version: 0,' 'ANSWER: 0,'
# the 700-byte TXT record: three strings of the letter x
LONG_TXT='TXT[[:space:]]+"x{255}" "x{255}" "x{190}"$'
expect "700-byte TXT with EDNS: 3 strings in one UDP reply" "$(ask @127.0.0.1 long.example.test TXT)" \
    'status: NOERROR' 'flags: qr aa;' 'ANSWER: 1,' "$LONG_TXT" '\(UDP\)'
expect "700-byte TXT without EDNS: TC, no answers" "$(ask @127.0.0.1 +noedns +ignore long.example.test TXT)" \
    'status: NOERROR' 'flags: qr aa tc;' 'QUERY: 1, ANSWER: 0,' '^;long\.example\.test\.[[:space:]]+IN[[:space:]]+TXT$'
expect "700-byte TXT, EDNS size 600: TC" "$(ask @127.0.0.1 +bufsize=600 +ignore long.example.test TXT)" \
    'flags: qr aa tc;' 'ANSWER: 0,' 'udp: 1232'
expect "700-byte TXT without EDNS: dig retries on TCP and gets it" \
    "$(ask @127.0.0.2 +noedns long.example.test TXT)" \
    'Truncated, retrying in TCP mode' 'ANSWER: 1,' "$LONG_TXT" "SERVER: 127\\.0\\.0\\.2#$port\\(127\\.0\\.0\\.2\\) \\(TCP\\)"

# ---- other opcodes and classes --------------------------------------------------------

expect "opcode NOTIFY: NOTIMP" "$(ask @127.0.0.1 +opcode=notify www.example.test SOA)" \
    'opcode: NOTIFY, status: NOTIMP' 'flags: qr;'
expect "class CH: REFUSED" "$(ask @127.0.0.1 -c CH -t TXT version.bind)" 'status: REFUSED' 'flags: qr;'

# ---- TCP ---------------------------------------------------------------------------------

for addr in 127.0.0.1 127.0.0.2 ${v6:+::1}; do
    expect "tcp A at $addr" "$(ask "@$addr" +tcp www.example.test A)" \
        'status: NOERROR' 'flags: qr aa;' 'ANSWER: 2,' "$A1" "$A2" "SERVER: $addr#$port\\($addr\\) \\(TCP\\)"
done
before=$(wc -l <"$tmp/log")
out=$(ask @127.0.0.1 +tcp +keepopen www.example.test A www.example.test AAAA nope.example.test A)
got=$(grep -c 'Got answer' <<<"$out")
expect "tcp +keepopen: three queries answered" "$out" "$A1" "$AAAA" 'status: NXDOMAIN'
conns=$(tail -n +"$((before + 1))" "$tmp/log" | grep -E '^tcp .* (www|nope)\.example\.test ' |
        sed 's/^tcp [^ ]* <- \([^ ]*\) .*/\1/' | sort | uniq -c | tr -s ' \n' ' ')
conns=${conns# }
conns=${conns% }
# one client port with three queries: "3 127.0.0.1#40949"
if [ "$got" -eq 3 ] && [[ $conns =~ ^3\ [^\ ]+$ ]]; then
    ok "tcp +keepopen: all three on one connection ($conns)"
else
    bad "tcp +keepopen: all three on one connection (answers: $got; queries per client port: $conns)"
fi

# ---- raw sockets: reply sources, malformed queries, framing ------------------------------

probe sources "$port" $v6 "$pid"
probe malformed "$port"
probe tcp "$port"

# ---- it is still there, then stops cleanly ---------------------------------------------------

expect "still answering at the end" "$(ask @127.0.0.2 www.example.test A)" 'status: NOERROR' "$A1"
if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid"
    rc=$?
    pid=
    if [ $rc -eq 0 ] && grep -q 'exiting on SIGTERM' "$tmp/log"; then
        ok "SIGTERM: clean exit ($(tail -1 "$tmp/log"))"
    else
        bad "SIGTERM: clean exit (status $rc)"
    fi
    # the burst sent while it was stopped came in full batches
    largest=$(sed -n 's/.*up to \([0-9]*\) datagrams in one.*/\1/p' "$tmp/log")
    if [ "${largest:-0}" -eq 32 ]; then
        ok "recvmmsg() returned full batches of 32 datagrams"
    else
        bad "recvmmsg() returned full batches of 32 datagrams (largest: ${largest:-?})"
    fi
else
    bad "zcdnsd is still running at the end"
fi
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error|SUMMARY: ' "$tmp/log"; then
    bad "no sanitizer report"
    grep -E -A20 'ERROR: (Address|Leak)Sanitizer|runtime error' "$tmp/log" | sed 's/^/      | /' | head -60
else
    ok "no sanitizer report ($(grep -cE '^(udp|tcp) ' "$tmp/log") log lines)"
fi

# ---- -n COUNT: exits by itself after COUNT queries ------------------------------------------

: >"$tmp/log2"
"$bin" -p 0 -q -n 2 -a www.example.test=192.0.2.1 2>"$tmp/log2" &
pid=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on port \([0-9][0-9]*\).*/\1/p' "$tmp/log2")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [ -n "$port" ]; then
    ask @127.0.0.1 www.example.test A >/dev/null
    ask @127.0.0.1 +tcp www.example.test A >/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    rc=$?
    pid=
    if [ $rc -eq 0 ] && grep -q '^zcdnsd: 2 queries .*exiting$' "$tmp/log2"; then
        ok "-n 2: exits after two queries (one UDP, one TCP)"
    else
        bad "-n 2: exit status $rc"
        sed 's/^/      | /' "$tmp/log2"
    fi
else
    bad "-n 2: still running after two queries"
fi

if [ "$fail" -gt 0 ]; then
    echo "last lines of the server's log:"
    tail -n 30 "$tmp/log" | sed 's/^/      | /'
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
