#!/usr/bin/env bash
# tests/zcnc/run.sh - examples/zcnc against itself, dig, zcdnsd and
# tests/zcnc/peer.py (raw python sockets), in a network namespace of its
# own (unshare -n as root, else -rn: only its loopback, so fixed ports clash with nothing).
#
# usage: run.sh [ZCNC]   (default build/asan/zcnc, the ASan+UBSan build;
#                         B=build for build/zcdnsd)
#
# Every expected value comes from the other side: the bytes peer.py sent,
# what dig says it sent (+qr), what dig gets from zcdnsd, the TTL given to
# the sender. Every zcnc must exit by itself (or on SIGINT) with status 0
# and no sanitizer report; every step is bounded by timeout(1). Prints one
# line per check and "N passed, M failed". docs/zcnc.md describes it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$root/$B ;; esac
bin=${1:-$B/asan/zcnc}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

if [ -z "${ZCNC_IN_NETNS:-}" ]; then
    # as root a network namespace alone (-n); otherwise with a user
    # namespace (-rn), where LeakSanitizer's exit check has been seen to spin
    ns=-rn
    [ "$(id -u)" = 0 ] && ns=-n
    if unshare $ns true 2>/dev/null; then
        exec unshare $ns env ZCNC_IN_NETNS=1 B="$B" bash "$0" "$bin"
    fi
    echo "skipped: cannot make a network namespace (unshare -rn)"
    echo "0 passed, 0 failed"
    exit 0
fi
ip link set lo up || { echo "FAIL ip link set lo up"; echo "0 passed, 1 failed"; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pass=0 fail=0
T=$(mktemp -d)
pids=()
cleanup() {
    # each pid is a timeout(1): its zcnc first, so that none is left behind
    for p in "${pids[@]}"; do
        for c in $(pgrep -P "$p"); do kill -KILL "$c" 2>/dev/null; done
        kill -KILL "$p" 2>/dev/null
    done
    wait 2>/dev/null
    if [ -n "${KEEP:-}" ]; then rm -rf "$KEEP"; cp -r "$T" "$KEEP"; fi; rm -rf "$T"
}
trap cleanup EXIT
ok()  { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; shift; for f in "$@"; do [ -f "$f" ] && sed 's/^/    | /' "$f" | head -40; done; }
# check NAME COMMAND...: ok when COMMAND succeeds
check() { local n=$1; shift; if "$@"; then ok "$n"; else bad "$n"; fi; }

Z() { timeout -k 2 20 "$bin" "$@"; }

# start NAME ZCNC-ARGS...: a zcnc in the background, stdout NAME.out,
# stderr NAME.err, stdin from /dev/null unless NAME.in exists; waits for
# its "listening" line (-v is added)
start() {
    local n=$1; shift
    local in=/dev/null
    [ -f "$T/$n.in" ] && in=$T/$n.in
    timeout -k 2 30 "${ZBIN:-$bin}" -v "$@" <"$in" >"$T/$n.out" 2>"$T/$n.err" &
    eval "pid_$n=$!"
    pids+=($!)
    for _ in $(seq 100); do
        grep -q 'listening on' "$T/$n.err" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "($n did not start)"; cat "$T/$n.err"
}
# finish NAME [SIG]: send SIG (if given) and wait; NAME.rc is its status
finish() {
    local n=$1 pid
    eval "pid=\$pid_$n"
    # to zcnc itself, not to timeout(1), which would pass it on to its whole
    # process group: a second signal during LeakSanitizer's exit check has
    # left it spinning
    if [ $# -gt 1 ]; then
        local child; child=$(pgrep -P "$pid" | head -1)
        kill -"$2" "${child:-$pid}" 2>/dev/null
    fi
    wait "$pid"; echo $? >"$T/$n.rc"
}
clean() {  # clean NAME: exit 0 and no sanitizer report
    [ "$(cat "$T/$1.rc")" = 0 ] && ! grep -qE 'Sanitizer|runtime error' "$T/$1.err"
}
has() { grep -qE -- "$2" "$T/$1"; }

# ---- 1. two zcnc talking TCP and UDP, IPv4 and IPv6 --------------------------

for fam in 4 6; do
    [ $fam = 4 ] && a=127.0.0.1 || a=::1
    printf 'from the server v%s\n' $fam >"$T/ts$fam.in"
    start ts$fam -$fam -l $a 4000$fam
    printf 'from the client v%s\n' $fam | Z -$fam $a 4000$fam >"$T/tc$fam.out" 2>"$T/tc$fam.err"
    echo $? >"$T/tc$fam.rc"
    finish ts$fam
    check "TCP IPv$fam: the server gets the client's bytes" has ts$fam.out "^from the client v$fam\$"
    check "TCP IPv$fam: the client gets the server's bytes" has tc$fam.out "^from the server v$fam\$"
    check "TCP IPv$fam: both exit cleanly when the client's stdin ends" bash -c "$(declare -f clean); T=$T; clean ts$fam && clean tc$fam"

    start us$fam -$fam -u -l --echo $a 4010$fam
    printf 'ping v%s' $fam | Z -$fam -u -v $a 4010$fam >"$T/uc$fam.out" 2>"$T/uc$fam.err"
    echo $? >"$T/uc$fam.rc"
    finish us$fam INT
    check "UDP IPv$fam: the server prints the datagram" has us$fam.out "^ping v$fam\$"
    check "UDP IPv$fam: --echo sends it back to the client" has uc$fam.out "^ping v$fam\$"
    check "UDP IPv$fam: client exits 1 s after EOF, server on SIGINT, cleanly" bash -c "$(declare -f clean); T=$T; clean us$fam && clean uc$fam"
done

# ---- 2. hub mode with three peers -------------------------------------------

start hub -l -k --hub -d 127.0.0.1 40200
# a and b send once all three are connected (a busy machine can take
# longer than any fixed delay to start three ASan programs)
all3() { for _ in $(seq 200); do [ "$(grep -c 'connection from' "$T/hub.err")" -ge 3 ] && return; sleep 0.05; done; }
(all3; printf 'from a\n'; sleep 1.4) | Z 127.0.0.1 40200 >"$T/ha.out" 2>"$T/ha.err" &
pa=$!
(all3; sleep 0.3; printf 'from b\n'; sleep 1.1) | Z 127.0.0.1 40200 >"$T/hb.out" 2>"$T/hb.err" &
pb=$!
(all3; sleep 2) | Z 127.0.0.1 40200 >"$T/hc.out" 2>"$T/hc.err" &
pc=$!
wait $pa $pb $pc
finish hub INT
check "hub: the hub prints what every peer sent" bash -c "grep -q '^from a\$' $T/hub.out && grep -q '^from b\$' $T/hub.out"
check "hub: a gets b's line, not its own" bash -c "grep -q '^from b\$' $T/ha.out && ! grep -q 'from a' $T/ha.out"
check "hub: b gets a's line, not its own" bash -c "grep -q '^from a\$' $T/hb.out && ! grep -q 'from b' $T/hb.out"
check "hub: c gets both" bash -c "grep -q '^from a\$' $T/hc.out && grep -q '^from b\$' $T/hc.out"
check "hub: three connections came and went, clean exit on SIGINT" \
    bash -c "[ \$(grep -c 'connection from' $T/hub.err) = 3 ] && [ \$(grep -c ': closed' $T/hub.err) = 3 ] && $(declare -f clean); T=$T; clean hub"

# ---- 3. --decode against dig -------------------------------------------------

start dq -u -l --decode dns.dns_message 127.0.0.1 40300
dig @127.0.0.1 -p 40300 +qr +tries=1 +time=1 zerocast.example.org AAAA >"$T/dig1.out" 2>&1
start dqj -u -l --decode dns.dns_message --json ::1 40301
dig @::1 -p 40301 +qr +tries=1 +time=1 +nocookie +bufsize=1400 example.net MX >"$T/dig2.out" 2>&1
finish dq INT; finish dqj INT
id1=$(sed -n 's/.*opcode: QUERY, status: NOERROR, id: \([0-9]*\).*/\1/p' "$T/dig1.out" | head -1)
ck1=$(sed -n 's/^; COOKIE: \([0-9a-f]*\).*/\1/p' "$T/dig1.out" | head -1)
bs1=$(sed -n 's/.*; udp: \([0-9]*\).*/\1/p' "$T/dig1.out" | head -1)
check "dig UDP: id $id1 as dig sent it" has dq.out "^< 127\.0\.0\.1:[0-9]+ dns\.dns_message [0-9]+ bytes.*: id=$id1 qr=0 opcode=QUERY .*rd=1 .*ad=1 "
check "dig UDP: the question dig sent" has dq.out "questions=\[\{name=zerocast\.example\.org type=AAAA class=1\}\]"
check "dig UDP: EDNS payload size $bs1 and cookie $ck1 as dig sent them" has dq.out "additionals=\[\{name=\. type=OPT class=$bs1 .*edns=\[\{code=10 length=8 data=$ck1\}\]"
id2=$(sed -n 's/.*opcode: QUERY, status: NOERROR, id: \([0-9]*\).*/\1/p' "$T/dig2.out" | head -1)
check "dig UDP over IPv6, --json: id, question, payload size as dig sent them" $PY -c '
import json, sys
m = json.loads(open(sys.argv[1]).readline())
f = m["fields"]
assert m["dir"] == "<" and m["decode"] == "dns.dns_message", m
assert f["id"] == int(sys.argv[2]) and f["rd"] == 1 and f["qr"] == 0, f
assert f["questions"] == [{"name": "example.net", "type": "MX", "class": 1}], f
assert f["additionals"][0]["type"] == "OPT" and f["additionals"][0]["class"] == 1400, f
' "$T/dqj.out" "$id2"

start dt -l --frame dns_tcp --decode dns.dns_message 127.0.0.1 40302
dig @127.0.0.1 -p 40302 +tcp +qr +tries=1 +time=1 tcp.example TXT >"$T/dig3.out" 2>&1
finish dt INT
id3=$(sed -n 's/.*opcode: QUERY, status: NOERROR, id: \([0-9]*\).*/\1/p' "$T/dig3.out" | head -1)
check "dig +tcp to --frame dns_tcp: id $id3 and question as dig sent them" has dt.out "^< 127\.0\.0\.1:[0-9]+ dns\.dns_message [0-9]+ bytes: id=$id3 .*questions=\[\{name=tcp\.example type=TXT class=1\}\]"

# ---- 3b. against independent decoders: dnsmasq, dig and tshark ---------------
# A real DNS server (dnsmasq) answers queries zcnc sends (--decode --json),
# dig asks zcnc, openssl s_client sends zcnc a TLS ClientHello
# (--frame tls.tls_record); tcpdump captures all of it on lo, and tshark's
# decode of each message must equal what zcnc printed (tests/zcnc/tshark_cmp.py).

if command -v dnsmasq >/dev/null && command -v tshark >/dev/null && command -v tcpdump >/dev/null; then
    timeout -k 2 30 tcpdump -U -n -i lo -w "$T/cap.pcap" 'port 5353 or port 40310 or port 40800' >/dev/null 2>"$T/tcpdump.err" &
    ptd=$!; pids+=($ptd)
    for _ in $(seq 100); do grep -q 'listening on' "$T/tcpdump.err" && break; sleep 0.05; done
    timeout -k 2 30 dnsmasq -k --conf-file=/dev/null --no-resolv --no-hosts --port=5353 \
        --listen-address=127.0.0.1 --listen-address=::1 --bind-interfaces --pid-file --user=root \
        --log-facility=- --local=/zc.example/ --local-ttl=300 \
        --host-record=www.zc.example,192.0.2.80,2001:db8::80 --txt-record=t.zc.example,"hello world" \
        --mx-host=zc.example,mail.zc.example,10 >"$T/dnsmasq.log" 2>&1 &
    pdm=$!; pids+=($pdm)
    for _ in $(seq 100); do grep -q 'started, version' "$T/dnsmasq.log" && break; sleep 0.05; done
    sleep 0.2
    # zcnc as a client of dnsmasq, four queries at once (each zcnc waits 1 s for its answer)
    i=0 qp=()
    for q in 0x1001:www.zc.example:1:127.0.0.1 0x1002:www.zc.example:28:::1 0x1003:t.zc.example:16:127.0.0.1 \
             0x1004:zc.example:15:127.0.0.1 0x1005:nx.zc.example:1:127.0.0.1; do
        IFS=: read -r qid qn qt qa <<<"$q"; [ "$qa" = "" ] && qa=::1
        i=$((i + 1))
        $PY "$here/peer.py" query "$qid" "$qn" "$qt" |
            Z -u -q 1 --decode dns.dns_message --json "$qa" 5353 >"$T/dm$i.out" 2>"$T/dm$i.err" &
        qp+=($!)
    done
    wait "${qp[@]}"
    cat "$T"/dm[1-5].out >"$T/dm.json"
    dig @127.0.0.1 -p 5353 +short www.zc.example A >"$T/dig-dm.out"
    dig @::1 -p 5353 +short www.zc.example AAAA >>"$T/dig-dm.out"
    # dig asks zcnc (no answer: dig gives up after 1 s)
    start dqt -u -l --decode dns.dns_message --json 127.0.0.1 40310
    dig @127.0.0.1 -p 40310 +tries=1 +time=1 +bufsize=1232 tshark.zc.example SRV >/dev/null 2>&1
    finish dqt INT
    # openssl s_client's ClientHello to zcnc
    start tls -l --frame tls.tls_record --json 127.0.0.1 40800
    echo | timeout 1 openssl s_client -connect 127.0.0.1:40800 -servername sni.zc.example >/dev/null 2>&1
    finish tls
    sleep 0.3
    kill -TERM "$(pgrep -P $ptd | head -1)" "$(pgrep -P $pdm | head -1)" 2>/dev/null; wait $ptd $pdm
    check "dnsmasq: zcnc got its answers, as dig gets them" bash -c "
        grep -q '\"a\":\"192.0.2.80\"' $T/dm.json && grep -q '\"aaaa\":\"2001:db8::80\"' $T/dm.json &&
        [ \"\$(cat $T/dig-dm.out | tr '\n' ' ')\" = '192.0.2.80 2001:db8::80 ' ]"
    check "dnsmasq: each query zcnc sent and each answer it got, as tshark decodes them" \
        $PY "$here/tshark_cmp.py" dns "$T/cap.pcap" "$T/dm.json" 10
    check "dig's query to zcnc, as tshark decodes it" $PY "$here/tshark_cmp.py" dns "$T/cap.pcap" "$T/dqt.out" 1
    check "openssl's ClientHello (--frame tls.tls_record), as tshark decodes it" \
        $PY "$here/tshark_cmp.py" tls "$T/cap.pcap" "$T/tls.out" 1
else
    echo "(dnsmasq, tshark or tcpdump missing: the comparisons with them are not run)"
fi

# ---- 4. zcnc as a DNS client of zcdnsd ---------------------------------------

dnsd=$B/zcdnsd
# (the plain build: ASan's leak check at exit spins under unshare -r; zcdnsd is not what is tested here)
if [ -x "$dnsd" ]; then
    timeout -k 2 30 "$dnsd" -p 5300 -a www.example=192.0.2.7 -a www.example=2001:db8::7 >"$T/dnsd.log" 2>&1 &
    pdnsd=$!; pids+=($pdnsd)
    for _ in $(seq 100); do grep -q 'listening on port' "$T/dnsd.log" && break; sleep 0.05; done
    want=$(dig @127.0.0.1 -p 5300 +short www.example A)
    $PY "$here/peer.py" query 0xbeef www.example 1 | Z -u --decode dns.dns_message 127.0.0.1 5300 >"$T/q1.out" 2>"$T/q1.err"
    check "client UDP: the query as built (id 48879, rd, www.example A)" has q1.out "^> 127\.0\.0\.1:5300 dns\.dns_message 29 bytes: id=48879 qr=0 .*rd=1 .*questions=\[\{name=www\.example type=A class=1\}\]"
    check "client UDP: zcdnsd's answer $want, as dig gets it" has q1.out "^< 127\.0\.0\.1:5300 dns\.dns_message [0-9]+ bytes: id=48879 qr=1 .*answers=\[\{name=www\.example type=A class=1 ttl=[0-9]+ rdlength=4 a=$want\}\]"
    want6=$(dig @::1 -p 5300 +short www.example AAAA)
    { $PY "$here/peer.py" query 0x0102 www.example 28 | $PY -c 'import sys,struct; q=sys.stdin.buffer.read(); sys.stdout.buffer.write(struct.pack(">H",len(q))+q)'; } |
        Z -6 --frame dns_tcp --decode dns.dns_message ::1 5300 >"$T/q2.out" 2>"$T/q2.err"
    check "client TCP over IPv6 with --frame dns_tcp: zcdnsd's AAAA $want6, as dig gets it" has q2.out "^< \[::1\]:5300 dns\.dns_message [0-9]+ bytes: id=258 qr=1 .*aaaa=$want6\}\]"
    kill -TERM "$(pgrep -P $pdnsd | head -1)" 2>/dev/null; wait $pdnsd
else
    bad "zcdnsd is not built ($B/zcdnsd): make $B/zcdnsd"
fi

# ---- 5. partial reads: the same messages however the stream is cut -----------

for mode in whole bytes split; do
    start fr_$mode -l --frame dns_tcp --decode dns.dns_message 127.0.0.1 40400
    timeout 20 $PY "$here/peer.py" tcp-frames 127.0.0.1 40400 $mode >"$T/fr_$mode.sent"
    finish fr_$mode
    sed -E 's/^< [^ ]+ /< PEER /' "$T/fr_$mode.out" >"$T/fr_$mode.norm"
done
check "partial reads: four frames, each with the id and name peer.py sent" bash -c '
    sent=$(cat '"$T"'/fr_whole.sent); got=$(sed -E "s/.* bytes: (id=[0-9]+) .*questions=\[\{name=([^ ]+) .*/\1 name=\2/" '"$T"'/fr_whole.norm)
    [ "$sent" = "$got" ]'
check "partial reads: one byte a write gives the same lines" cmp -s "$T/fr_whole.norm" "$T/fr_bytes.norm"
check "partial reads: frames split across writes give the same lines" cmp -s "$T/fr_whole.norm" "$T/fr_split.norm"

# --frame stun.stun: STUN over TCP (RFC 8489, messages back to back), two
# Binding requests split across six writes, the second with a SOFTWARE
# attribute
start stun -l --frame stun.stun --json 127.0.0.1 40420
$PY "$here/peer.py" tcp-pieces 127.0.0.1 40420 000100002112a442 0102030405060708090a0b0c00 \
    01000c2112a442 0d0e0f101112131415161718 802200057a63 6e6300000000
finish stun
check "--frame stun.stun: two Binding requests split across writes, fields as sent" $PY -c '
import json, sys
m = [json.loads(l) for l in open(sys.argv[1])]
assert len(m) == 2, m
f = m[0]["fields"]
assert (f["message_type"], f["length"], f["transaction_id"], f["attributes"]) == (1, 0, "0102030405060708090a0b0c", []), f
f = m[1]["fields"]
assert (f["message_type"], f["length"], f["transaction_id"]) == (1, 12, "0d0e0f101112131415161718"), f
a = f["attributes"]
assert len(a) == 1 and a[0]["length"] == 5 and a[0]["software"] == "7a636e6300", a
' "$T/stun.out"

start echo -l -k --echo --frame dns_tcp 127.0.0.1 40410
for q in 0x0a0a:one.example 0x0b0b:two.example; do
    $PY "$here/peer.py" query "${q%%:*}" "${q#*:}" |
        $PY -c 'import sys,struct; q=sys.stdin.buffer.read(); sys.stdout.buffer.write(struct.pack(">H",len(q))+q)'
done | Z --frame dns_tcp --decode dns.dns_message 127.0.0.1 40410 >"$T/ec.out" 2>"$T/ec.err"
timeout 20 $PY "$here/peer.py" tcp-rst 127.0.0.1 40410
sleep 0.5
printf '\0\x1f' >"$T/e2.in"; $PY "$here/peer.py" query 0x0c0c three.example >>"$T/e2.in"
Z --frame dns_tcp --decode dns.dns_message 127.0.0.1 40410 <"$T/e2.in" >"$T/ec2.out" 2>"$T/ec2.err"
finish echo INT
check "TCP --echo: a peer that resets with echoes queued is dropped, the next one served" bash -c "
    grep -qE '^< .* id=3084 ' $T/ec2.out && grep -qE 'send: (Connection reset by peer|Broken pipe)|closed' $T/echo.err"
check "TCP --echo with --frame: both frames sent (>) come back (<), ids as built" bash -c "
    [ \"\$(grep -oE '^[<>] .* id=[0-9]+' $T/ec.out | sed -E 's/^([<>]) .* (id=[0-9]+)/\1 \2/' | sort | tr '\n' ' ')\" = '< id=2570 < id=2827 > id=2570 > id=2827 ' ] &&
    $(declare -f clean); T=$T; clean echo"

# ---- 6. bad input --------------------------------------------------------------

start mal -u -l --decode dns.dns_message 127.0.0.1 40500
good=$($PY "$here/peer.py" query 0x4242 ok.example | od -An -tx1 | tr -d ' \n')
$PY "$here/peer.py" udp-raw 127.0.0.1 40500 123401 "${good:0:24}3f616263" "$good"
sleep 0.3
finish mal INT
check "malformed datagram: printed as malformed, with field and offset" has mal.out "3 bytes( \[[^]]*\])?: malformed: truncated: dns_message\.qr at offset 2"
check "malformed datagram: a name running past the end, with its offset" has mal.out "bytes( \[[^]]*\])?: malformed: .* at offset 12"
check "malformed datagrams do not stop the session: the next query decodes" has mal.out "bytes( \[[^]]*\])?: id=16962 .*name=ok\.example "

start lim -l -k --frame dns_tcp --decode dns.dns_message --max-frame 100 127.0.0.1 40501
r1=$($PY "$here/peer.py" tcp-raw 127.0.0.1 40501 0200abcd)
r2=$($PY "$here/peer.py" tcp-raw 127.0.0.1 40501 0005aabbccddee)
ll=$($PY "$here/peer.py" query 7 after.example | od -An -tx1 | tr -d ' \n')
$PY -c "import sys; print('%04x' % (len(sys.argv[1])//2) + sys.argv[1])" "$ll" >"$T/ll"
: >"$T/unused"; r3=$($PY "$here/peer.py" tcp-raw 127.0.0.1 40501 "$(cat "$T/ll")")
finish lim INT
check "a frame over --max-frame: disconnected with a clear message" bash -c "[ '$r1' = closed ] && grep -q 'dns_tcp frame of 514 bytes at stream offset 0 is larger than --max-frame 100: disconnecting' $T/lim.err"
check "a malformed frame length: disconnected, status says why" bash -c "[ '$r2' = closed ] && grep -q 'malformed dns_tcp frame at stream offset 0: constraint failed: dns_tcp.length at offset 0: length >= 12: disconnecting' $T/lim.err"
check "the listener goes on: the next connection's frame decodes" bash -c "$(declare -f clean); T=$T; grep -q 'id=7 .*name=after.example' $T/lim.out && clean lim"

# ---- 7. replies from the address asked; metadata ---------------------------------

start rs -4 -u -l --echo 40600
a1=$($PY "$here/peer.py" udp-ask 127.0.0.2 40600 two)
a2=$($PY "$here/peer.py" udp-ask 127.0.0.1 40600 one)
printf 'via two' | Z -u 127.0.0.2 40600 >"$T/rc2.out" 2>&1
finish rs INT
check "wildcard listener reached at 127.0.0.2 answers from 127.0.0.2" [ "$a1" = "127.0.0.2 two" ]
check "... and at 127.0.0.1 from 127.0.0.1" [ "$a2" = "127.0.0.1 one" ]
check "a connect()ed zcnc client of 127.0.0.2 gets its echo" has rc2.out "^via two\$"
check "-v: each datagram's destination address" bash -c "grep -q 'to=127.0.0.2 if=1 ' $T/rs.err && grep -q 'to=127.0.0.1 if=1 ' $T/rs.err"

start ttl4 -u -l 127.0.0.1 40601
t0=$(date +%s.%N)
printf 'x' | Z -u -T 17 -q 0 127.0.0.1 40601 >/dev/null 2>&1
t1=$(date +%s.%N)
start ttl6 -u -l ::1 40602
printf 'y' | Z -u --ttl 42 ::1 40602 >/dev/null 2>&1
finish ttl4 INT; finish ttl6 INT
check "-v: the IPv4 TTL the sender set (-T 17)" has ttl4.err "to=127\.0\.0\.1 if=1 ttl=17 len=1"
check "-v: the IPv6 hop limit the sender set (--ttl 42)" has ttl6.err "to=::1 if=1 hoplimit=42 len=1"
# the kernel's receive time (SO_TIMESTAMPNS), against the clock read around the send
check "-v: the datagram's receive time, between the sender's start and end" awk -v a="$t0" -v b="$t1" -F ' time=' '
    /ttl=17 len=1 time=[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/ { n++; if (!($2 + 0 >= a + 0 && $2 + 0 <= b + 0)) bad = 1 }
    END { exit !(n == 1 && !bad) }' "$T/ttl4.err"

# ---- 8. random data; SIGINT --------------------------------------------------------

start rnd -u -l 127.0.0.1 40700
Z -u --random 10-20 --count 25 -q 0 127.0.0.1 40700 >/dev/null 2>&1
sleep 0.3
finish rnd INT
check "--random 10-20 --count 25: 25 datagrams of 10 to 20 bytes" bash -c "
    [ \$(grep -c ' len=' $T/rnd.err) = 25 ] &&
    ! grep -oE ' len=[0-9]+' $T/rnd.err | grep -vqE 'len=(1[0-9]|20)\$'"
check "-v: receive times of the 25 datagrams, in order" awk -F ' time=' '
    / len=[0-9]+ time=[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/ { n++; if ($2 + 0 < prev) bad = 1; prev = $2 + 0 }
    END { exit !(n == 25 && !bad) }' "$T/rnd.err"
check "SIGINT: clean exit of a UDP listener" clean rnd

# ---- 9. broadcast and multicast (on a veth pair of this namespace) ---------------

if ip link add zc0 type veth peer name zc1 2>/dev/null && ip addr add 10.9.0.1/24 brd + dev zc0 &&
   ip link set zc0 up && ip link set zc1 up && ip route add 239.0.0.0/8 dev zc0 2>/dev/null; then
    start bc -4 -u -l 40900
    printf 'to all' | Z -b -u 10.9.0.255 40900 >/dev/null 2>"$T/bcc.err"
    printf 'no -b' | Z -u 10.9.0.255 40900 >/dev/null 2>"$T/bcn.err"
    sleep 0.2
    finish bc INT
    check "broadcast: -b sends to 10.9.0.255, the listener sees that destination" bash -c "grep -q '^to all\$' $T/bc.out && grep -q 'to=10.9.0.255 ' $T/bc.err"
    check "broadcast: without -b the kernel refuses it, and zcnc says so" bash -c "! grep -q 'no -b' $T/bc.out && grep -q 'Permission denied' $T/bcn.err"
    start mc -4 -u -l --join 239.1.2.3 40901
    printf 'to the group' | Z -u -T 3 239.1.2.3 40901 >/dev/null 2>&1
    sleep 0.2
    finish mc INT
    check "multicast: --join 239.1.2.3 receives what was sent to it, with -T 3 as its TTL" bash -c "grep -q '^to the group\$' $T/mc.out && grep -q 'to=239.1.2.3 if=[0-9]* ttl=3 ' $T/mc.err"
    # IPv6: an address without DAD, and the group's route on zc0 (the local
    # table has ff00::/8 on every interface)
    if ip -6 addr add fd00:9::1/64 dev zc0 nodad && ip -6 route add ff15::/16 dev zc0 table local; then
        zc0=$(ip -o link show zc0 | cut -d: -f1)  # (/sys is the outer namespace's)
        start mc6 -6 -u -l --join ff15::9 40902
        printf 'to the v6 group' | Z -6 -u -T 4 -q 0 ff15::9 40902 >/dev/null 2>"$T/mc6c.err"
        sleep 0.2
        finish mc6 INT
        check "IPv6 multicast: --join ff15::9 receives what was sent to it on zc0, with -T 4 as its hop limit" \
            bash -c "grep -q '^to the v6 group\$' $T/mc6.out && grep -q 'to=ff15::9 if=$zc0 hoplimit=4 len=15' $T/mc6.err"
    else
        bad "IPv6 address or route on zc0"
    fi
else
    echo "(no veth pair here: broadcast and multicast not tested)"
fi

# ---- 10. a schema of the user's own, compiled in -----------------------------------

# the built-in schemas' headers are $B's (generating all of them again took 15 s)
mkdir -p "$T/b" && ln -s "$B/schemas" "$T/b/schemas"
if make -s -C "$root" -o gen/zerocast B="$T/b" ZCNC_SCHEMA=tests/zcnc/hello.zc ZCNC_STRUCTS=hello ZCNC_FRAMES=hello \
        "$T/b/zcnc" >"$T/mk.log" 2>&1; then
    ZBIN=$T/b/zcnc start hello -u -l --decode hello.hello --json 127.0.0.1 41000
    $PY "$here/peer.py" udp-raw 127.0.0.1 41000 5a430103616263 5a4302026869 5a44010161
    sleep 0.2
    finish hello INT
    check "make zcnc ZCNC_SCHEMA=hello.zc: --decode hello.hello prints the sender's fields" $PY -c '
import json, sys
m = [json.loads(l) for l in open(sys.argv[1])]
assert m[0]["fields"] == {"magic": 0x5a43, "kind": "PING", "length": 3, "name": "616263"}, m[0]
assert m[1]["fields"]["kind"] == "PONG" and m[1]["fields"]["name"] == "6869", m[1]
assert m[2]["malformed"].startswith("constraint failed: hello.magic at offset 0"), m[2]
' "$T/hello.out"
    # the same schema's framing: hello_frame() cuts a TCP stream, frames split across writes
    ZBIN=$T/b/zcnc start hellot -l --frame hello.hello --json 127.0.0.1 41001
    $PY "$here/peer.py" tcp-pieces 127.0.0.1 41001 5a4301 036162635a43 02 026869 5a4301
    finish hellot
    check "--frame hello.hello (ZCNC_FRAMES=hello): frames split across writes, each decoded; the cut one reported" $PY -c '
import json, sys
m = [json.loads(l) for l in open(sys.argv[1])]
assert len(m) == 2, m
assert m[0]["fields"] == {"magic": 0x5a43, "kind": "PING", "length": 3, "name": "616263"}, m[0]
assert m[1]["fields"] == {"magic": 0x5a43, "kind": "PONG", "length": 2, "name": "6869"}, m[1]
' "$T/hellot.out" && has hellot.err "closed inside a hello.hello frame"
else
    bad "make zcnc ZCNC_SCHEMA=tests/zcnc/hello.zc" "$T/mk.log"
fi

# ---- 11. timeouts and errors ---------------------------------------------------------

start idle -l -w 1 127.0.0.1 41100
finish idle
check "-l -w 1: exits by itself after a second with nothing, status 0" bash -c "$(declare -f clean); T=$T; clean idle && grep -q 'idle for 1 s' $T/idle.err"
Z 127.0.0.1 41101 </dev/null >/dev/null 2>"$T/refused.err"; echo $? >"$T/refused.rc"
check "connection refused: status 1 and the reason" bash -c "[ \$(cat $T/refused.rc) = 1 ] && grep -q 'Connection refused' $T/refused.err"
printf 'x' | Z -u -q 0 127.0.0.1 41102 >/dev/null 2>"$T/q0.err"; echo $? >"$T/q0.rc"
check "UDP -q 0: exits at once after its input is sent, status 0" [ "$(cat "$T/q0.rc")" = 0 ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
