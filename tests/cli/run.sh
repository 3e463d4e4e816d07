#!/bin/bash
# tests/cli/run.sh ZEROCAST ZCDEMO - the command line as users of gcc-style
# tools expect it (issue #22 item 6, item 2's warning options) and zcdemo's
# malformed markers.
#
#   - every option taking an argument: "-o FILE" = "-oFILE", "--emit layout"
#     = "--emit=layout", ... (same bytes out)
#   - several schemas in one run: -o DIR / --output-dir DIR, a header and a
#     depfile (OUT.d) each, the same as one run per schema
#   - warnings: [-Wname] shown; -Wno-NAME, -w, -Werror, -Werror=NAME,
#     -Wno-error=NAME; unknown names refused with a suggestion
#   - zcdemo says what failed once: no "[malformed: malformed: ...]", no
#     bare "[malformed]" (markers.pcap, from make-markers-pcap.py; tshark
#     reads both packets as malformed too)
# Prints "N passed, M failed"; exits non-zero on a failure.
set -u
ZCBIN=$(realpath "${1:-gen/zerocast}")
DEMO=$(realpath "${2:-build/zcdemo}")
HERE=$(cd "$(dirname "$0")" && pwd)
SCHEMAS=$(cd "$HERE/../../schemas" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
# the bundled schemas import each other: found with -I, never installed ones
export ZEROCAST_DATADIR=
ZC() { "$ZCBIN" -I "$SCHEMAS" "$@"; }
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

cd "$T" || exit 1
cp "$SCHEMAS/udp.zc" "$SCHEMAS/arp.zc" .

# ---- joined and separate arguments ----
ZC -o sep.h udp.zc && ZC -ojoined.h udp.zc
check "-oFILE = -o FILE" cmp -s sep.h joined.h
ZC --emit layout udp.zc > l1 && ZC --emit=layout udp.zc > l2
check "--emit layout = --emit=layout" cmp -s l1 l2
check "--emit layout writes a layout" grep -q "offset" l1
ZC --prefix p_ udp.zc > p1 && ZC --prefix=p_ udp.zc > p2
check "--prefix p_ = --prefix=p_" cmp -s p1 p2
check "--prefix applied" grep -q "p_udp_parse" p1
ZC --emit fuzz --include x.h udp.zc > f1 && ZC --emit=fuzz --include=x.h udp.zc > f2
check "--include x.h = --include=x.h" cmp -s f1 f2
mkdir -p inc && cp "$SCHEMAS/udp.zc" inc/imported.zc
printf 'import "imported.zc";\nstruct w { udp u; }\n' > imp.zc
ZC -I inc imp.zc > i1 && ZC -Iinc imp.zc > i2
check "-IDIR = -I DIR" cmp -s i1 i2
ZC -MD -MF d1 -MT t -o h1.h udp.zc && ZC -MD -MFd2 -MTt -o h2.h udp.zc
check "-MFFILE -MTT = -MF FILE -MT T" cmp -s d1 d2
ZC --emit=bogus udp.zc 2> e1; check "--emit=bogus: exit 2" test $? -eq 2
check "--emit=bogus lists the kinds" grep -q "expected header, fuzz, layout or wireshark" e1
ZC udp.zc --emit 2> e2; check "--emit without argument: exit 2" test $? -eq 2
check "--emit without argument: said" grep -q "option '--emit' needs an argument" e2

# ---- several schemas ----
mkdir out out2
ZC -MD -o out udp.zc arp.zc; check "-o DIR a b: exit 0" test $? -eq 0
ZC -o one-udp.h udp.zc && ZC -o one-arp.h arp.zc
check "-o DIR: udp header as alone" cmp -s out/udp.zc.h one-udp.h
check "-o DIR: arp header as alone" cmp -s out/arp.zc.h one-arp.h
check "-o DIR: udp depfile OUT.d" grep -q "^out/udp.zc.h: *\\\\\?$\|^out/udp.zc.h:.*udp.zc" out/udp.zc.h.d
check "-o DIR: arp depfile OUT.d" grep -q "arp.zc" out/arp.zc.h.d
check "-o DIR: arp depfile names its own target" grep -q "^out/arp.zc.h:" out/arp.zc.h.d
ZC --output-dir out2 udp.zc arp.zc
check "--output-dir = -o DIR" cmp -s out/udp.zc.h out2/udp.zc.h
mkdir out3; ZC --output-dir=out3 --emit layout udp.zc
check "--output-dir with --emit layout names SCHEMA.zc.layout" cmp -s out3/udp.zc.layout l1
mkdir out4; ZC -o out4 udp.zc
check "-o EXISTING_DIR with one schema" cmp -s out4/udp.zc.h one-udp.h
ZC udp.zc arp.zc > /dev/null 2> e3; check "two schemas without -o DIR: exit 2" test $? -eq 2
check "two schemas without -o DIR: said" grep -q "with -o DIR or --output-dir DIR" e3
ZC --output-dir nodir udp.zc 2> e4; check "--output-dir missing: exit 2" test $? -eq 2
ZC --check udp.zc arp.zc; check "--check a b: exit 0" test $? -eq 0
printf 'struct bad { u8 x }\n' > bad.zc
mkdir out5; ZC -o out5 udp.zc bad.zc 2> e5; st=$?
check "one bad schema of two: exit 1" test $st -eq 1
check "one bad schema of two: its diagnostic" grep -q "bad.zc:1:18: error: expected ';' after field" e5
check "one bad schema of two: no header for it" test ! -e out5/bad.zc.h
check "one bad schema of two: the good one is written" cmp -s out5/udp.zc.h one-udp.h

# ---- warning options ----
printf 'struct s {\n    u8 hdr_len;\n    u8 data[];\n}\n' > w.zc
ZC -o w.h w.zc 2> w0; check "warning: exit 0" test $? -eq 0
check "warning names its option" grep -q "warning: 'hdr_len' looks like a length.*\[-Wunused-length\]" w0
ZC -Wno-unused-length -o w1.h w.zc 2> w1; check "-Wno-unused-length: exit 0" test $? -eq 0
check "-Wno-unused-length: silent" test ! -s w1
check "-Wno-unused-length: same header" cmp -s w.h w1.h
ZC -w -o w2.h w.zc 2> w2; check "-w: silent" test ! -s w2
ZC -Wno-unused_length -o w3.h w.zc 2> w3; check "-Wno-unused_length ('_' for '-')" test ! -s w3
ZC -Werror=unused-length -o we.h w.zc 2> we; check "-Werror=unused-length: exit 1" test $? -eq 1
check "-Werror=NAME: an error naming it" grep -q "error: 'hdr_len' looks like a length.*\[-Werror=unused-length\]" we
check "-Werror=NAME: no header" test ! -e we.h
ZC -Werror -o we2.h w.zc 2> we2; check "-Werror: exit 1" test $? -eq 1
check "-Werror: no header" test ! -e we2.h
ZC -Werror -Wno-error=unused-length -o we3.h w.zc 2> we3; check "-Wno-error=NAME after -Werror: exit 0" test $? -eq 0
check "-Wno-error=NAME: a warning again" grep -q "warning: .*\[-Wunused-length\]" we3
ZC -Werror=always-true -o we4.h w.zc 2> we4; check "-Werror=other warning: exit 0" test $? -eq 0
ZC -Wno-unused-lenght w.zc > /dev/null 2> wb; check "-Wno-typo: exit 2" test $? -eq 2
check "-Wno-typo: suggestion" grep -q "unknown warning option '-Wno-unused-lenght'; did you mean '-Wunused-length'" wb
ZC -Wall w.zc > /dev/null 2> wa; check "-Wall accepted" test $? -eq 0

# ---- zcdemo markers ----
"$DEMO" "$HERE/markers.pcap" > demo.txt; check "zcdemo: exit 0" test $? -eq 0
check "zcdemo: no doubled word" bash -c "! grep -q 'malformed: malformed' demo.txt"
check "zcdemo: no bare marker" bash -c "! grep -q '\[malformed\]' demo.txt"
check "zcdemo: the options' failure said" grep -q "options 0 \[malformed: constraint failed: tcp_option.length at offset 21: length >= 2\]" demo.txt
check "zcdemo: the name's failure said once" grep -q "question \[malformed: dns_name at offset 54: pointer" demo.txt

echo "$pass passed, $fail failed"
test "$fail" -eq 0
