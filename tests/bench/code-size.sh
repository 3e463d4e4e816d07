#!/bin/sh
# code-size.sh ZEROCAST OUTDIR CC CXX CLANG "OPT" SCHEMA...
#
# The second half of make bench-compile: issue 17 item 6's figures for
# generated code size and compile cost, printed as one Markdown table
# (figure | measured | baseline/target | ratio | verdict). A figure that
# misses its target is printed with a one-line reason; nothing here fails
# on a figure (no timing thresholds in make check).
#
# SCHEMA... is every bundled schema, net.zc included: each is generated
# into one directory with the same options, so that a header that
# #includes its imports' headers ("net.zc.h") finds them, and a header's
# size is counted with every generated header it includes, transitively.
# Times are wall clock with process start-up, the best of 5, with the best
# CPU time (user + system) beside, for a shared machine. CXX and CLANG
# give the information rows (C++17, clang); OPT is the optimisation flags.
# shellcheck disable=SC2154 # best_FN and cpu_FN are set by best5(), through eval
set -eu
zc=$1 out=$2 cc=$3 cxx=$4 clang=$5 opt=$6
shift 6
d=$out/size
rm -rf "$d"
mkdir -p "$d/full" "$d/ro" "$d/obj" "$d/log"
rows=$d/rows
: > "$rows"

commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
secs() { awk -v u="$1" 'BEGIN { printf "%.3f s", u / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$rows"; }

# ---- the headers: every schema, full and --readers-only ----
for s in "$@"; do
    b=$(basename "$s")
    "$zc" -I "$(dirname "$s")" "$s" -o "$d/full/$b.h"
    "$zc" -I "$(dirname "$s")" --readers-only "$s" -o "$d/ro/$b.h"
done

# closure DIR HEADER: HEADER and every generated header (#include "*.zc.h")
# it includes, transitively, one path per line. A header named but not in
# DIR goes to DIR/missing.
closure() {
    cdir=$1 todo=$2 seen=
    while :; do
        # shellcheck disable=SC2086
        set -- $todo
        [ $# -gt 0 ] || break
        h=$1
        shift
        todo=$*
        case " $seen " in *" $h "*) continue ;; esac
        seen="$seen $h"
        if [ ! -f "$cdir/$h" ]; then
            echo "$h" >> "$cdir/missing"
            continue
        fi
        echo "$cdir/$h"
        todo="$todo $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\.zc\.h\)".*/\1/p' "$cdir/$h")"
    done
}

# size_of DIR HEADER: sets lines, bytes, nh (how many headers) and parts,
# the three schemas with the most lines in them ("net.zc 484 + udp.zc 246
# lines"): a header's lines count for the schema of its "/* ==== X.zc ==== */"
# section, or before the first one for the schema the header is named after.
size_of() {
    closure "$1" "$2" > "$d/closure"
    lines=$(xargs cat < "$d/closure" | wc -l)
    bytes=$(xargs cat < "$d/closure" | wc -c)
    nh=$(wc -l < "$d/closure")
    # shellcheck disable=SC2016
    parts=$(xargs awk 'FNR == 1 { s = FILENAME; sub(/.*\//, "", s); sub(/\.h$/, "", s) }
                       /^\/\* ==== .* ==== \*\/$/ { s = $3 }
                       { n[s]++ }
                       END { for (s in n) print n[s], s }' < "$d/closure" |
            sort -rn | awk 'NR <= 3 { s = s (NR > 1 ? " + " : "") $2 " " $1 }
                            END { print s " lines" (NR > 3 ? " + " NR - 3 " more schemas" : "") }' |
            sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
}
# why_size: the reason a header is larger than its target
why_size() {
    if [ "$nh" -eq 1 ]; then
        echo "1 self-contained header, imports copied in: $parts"
    else
        echo "$nh headers: $parts"
    fi
}

size_of "$d/ro" udp.zc.h
if [ "$lines" -le 250 ]; then v=met; else v="missed: $(why_size)"; fi
row "udp.zc.h --readers-only, with what it includes" "$(commas "$lines") lines, $(commas "$bytes") B" \
    "≤ 250 lines" "$(ratio "$lines" 250)" "$v"

alone=$(wc -l < "$d/ro/udp.zc.h")
row "udp.zc.h --readers-only, the file alone" \
    "$(commas "$alone") lines, $(commas "$(wc -c < "$d/ro/udp.zc.h")") B" "≤ 250 lines" "$(ratio "$alone" 250)" \
    "info: the same without the headers it includes"

base_lines=24976
size_of "$d/full" packet.zc.h
if [ "$lines" -le $((base_lines / 3)) ]; then v=met; else v="missed: $(why_size)"; fi
row "packet.zc.h (default options), with what it includes" "$(commas "$lines") lines, $(commas "$bytes") B" \
    "24,976 lines, 873 KB as filed; ≤ 1/3" "$(ratio "$lines" $base_lines)" "$v"
size_of "$d/ro" packet.zc.h
row "packet.zc.h --readers-only, with what it includes" "$(commas "$lines") lines, $(commas "$bytes") B" \
    "24,976 lines as filed" "$(ratio "$lines" $base_lines)" "info: $(why_size)"
if [ -s "$d/full/missing" ] || [ -s "$d/ro/missing" ]; then
    row "generated headers included but not generated" "$(sort -u "$d"/*/missing | tr '\n' ' ')" "none" "" \
        "the counts above leave them out"
fi

# ---- the translation units ----
printf '#include <netinet/udp.h>\nint zc_bench_anchor;\n' > "$d/empty.c"
cat > "$d/udp.c" <<'EOF'
#include "udp.zc.h"
unsigned zc_bench_udp(const void *buf, size_t len)
{
    udp_view v;
    if (udp_parse(&v, buf, len).code != ZC_OK)
        return 0;
    return zc_be16toh(udp_dst_port(v));
}
EOF
# walker N: a file that walks a frame with packet_walk() in zc_bench_walkN();
# the ten differ by a constant, so that no linker or LTO folds them into one
walker() {
    cat <<EOF
#include "packet.zc.h"
size_t zc_bench_walk$1(const void *buf, size_t len)
{
    packet_layer l[8];
    size_t n = 0, sum = 0;
    zc_status st = packet_walk(buf, len, PACKET_ETHERNET, l, 8, &n);
    for (size_t i = 0; i < n; i++)
        sum += (size_t)l[i].proto * $(($1 + 1)) + l[i].offset;
    return st.code == ZC_OK ? sum : 0;
}
EOF
}
for i in 0 1 2 3 4 5 6 7 8 9; do walker $i > "$d/walk$i.c"; done
{
    echo '#include <stddef.h>'
    for i in 0 1 2 3 4 5 6 7 8 9; do echo "size_t zc_bench_walk$i(const void *buf, size_t len);"; done
    echo 'int main(int argc, char **argv)'
    echo '{'
    echo '    static unsigned char frame[1514];'
    echo '    size_t len = (size_t)argc * 60, sum = 0;'
    echo '    (void)argv;'
    for i in 0 1 2 3 4 5 6 7 8 9; do echo "    sum += zc_bench_walk$i(frame, len);"; done
    echo '    return (int)(sum & 1);'
    echo '}'
} > "$d/main.c"
printf '#include "packet.zc.h"\n' > "$d/impl.c"
printf 'int main(void) { return 0; }\n' > "$d/nothing.c"

# cpu: sets cpu_now to the user + system time of this shell's finished
# children, in microseconds (10 ms resolution; not in a subshell: a
# subshell starts from zero)
cpu() {
    times > "$d/log/times"
    cpu_now=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
                             printf "%d\n", t * 1e6 }' "$d/log/times")
}
# best5 FN...: runs each shell function FN 5 times, the FNs in turn (so
# that a figure and its baseline see the same load), and sets best_FN to
# the best wall-clock time of each in microseconds, cpu_FN to its best
# CPU time (user + system), or both to "failed" (the compiler's messages
# in $d/log/FN)
best5() {
    for b5_f in "$@"; do eval "best_$b5_f= cpu_$b5_f="; done
    for _ in 1 2 3 4 5; do
        for b5_f in "$@"; do
            eval "b5_t=\$best_$b5_f b5_c=\$cpu_$b5_f"
            [ "$b5_t" = failed ] && continue
            cpu
            b5_c0=$cpu_now b5_t0=$(date +%s%N)
            if "$b5_f" > "$d/log/$b5_f" 2>&1; then
                b5_t1=$(date +%s%N)
                cpu
                b5_t1=$(( (b5_t1 - b5_t0) / 1000 )) b5_c1=$((cpu_now - b5_c0))
                if [ -z "$b5_t" ] || [ "$b5_t1" -lt "$b5_t" ]; then eval "best_$b5_f=$b5_t1"; fi
                if [ -z "$b5_c" ] || [ "$b5_c1" -lt "$b5_c" ]; then eval "cpu_$b5_f=$b5_c1"; fi
            else
                eval "best_$b5_f=failed cpu_$b5_f=failed"
            fi
        done
    done
}
have() { command -v "$1" > /dev/null 2>&1; }
if grep -q ZEROCAST_OUT_OF_LINE "$d/full/packet.zc.h" runtime/zerocast.h; then ool=yes; else ool=; fi
no_ool="n/a (no out-of-line mode in this build)"
cname=$(basename "$cc")
# shellcheck disable=SC2086
c_cc() { "$cc" $opt -Iruntime "$@"; }
# shellcheck disable=SC2086
c_clang() { "$clang" $opt -Iruntime "$@"; }
# shellcheck disable=SC2086
c_cxx() { "$cxx" -x c++ -std=c++17 $opt -Iruntime "$@"; }
# show T C: "0.123 s (CPU 0.110 s)", or "failed"
show() { if [ "$1" = failed ]; then echo "failed"; else echo "$(secs "$1") (CPU $(secs "$2"))"; fi; }
firsterr() { { grep -m1 -E 'error|undefined' "$1" || head -n1 "$1"; } | sed "s|$d/||g" | cut -c1-100; }

load=$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)
tu_empty() { c_cc -c "$d/empty.c" -o "$d/obj/x.o"; }
tu_udp() { c_cc -I"$d/full" -c "$d/udp.c" -o "$d/obj/x.o"; }
tu_udp_ro() { c_cc -I"$d/ro" -c "$d/udp.c" -o "$d/obj/x.o"; }
tu_udp_s() { c_cc -I"$d/full" -fsyntax-only "$d/udp.c"; }
best5 tu_empty tu_udp tu_udp_ro tu_udp_s
t_empty=$best_tu_empty t_udp=$best_tu_udp t_udp_ro=$best_tu_udp_ro t_udp_s=$best_tu_udp_s
row "(a) $cname $opt -c: empty file including <netinet/udp.h>" "$(show "$t_empty" "$cpu_tu_empty")" "baseline" "1.00×" "baseline"
size_of "$d/full" udp.zc.h
if [ "$t_udp" = failed ]; then v="missed: does not compile: $(firsterr "$d/log/tu_udp")"
elif [ "$t_empty" = failed ]; then v="n/a: (a) does not compile: $(firsterr "$d/log/tu_empty")"
elif le "$t_udp" $((2 * t_empty)); then v=met
else v="missed: $(commas "$lines") lines of header; $(secs "$t_udp_s") with -fsyntax-only"; fi
row "(b) same, udp.zc.h calling udp_parse() and an accessor" "$(show "$t_udp" "$cpu_tu_udp")" "≤ 2× (a)" \
    "$(if [ "$t_udp" != failed ] && [ "$t_empty" != failed ]; then ratio "$t_udp" "$t_empty"; fi)" "$v"
row "(b) with udp.zc.h --readers-only" "$(show "$t_udp_ro" "$cpu_tu_udp_ro")" "≤ 2× (a)" \
    "$(if [ "$t_udp_ro" != failed ] && [ "$t_empty" != failed ]; then ratio "$t_udp_ro" "$t_empty"; fi)" "info"

# walk_row LABEL COMPILER JUDGE EXTRA-FLAGS: one row for the walker file,
# compiled by the function COMPILER with EXTRA-FLAGS; JUDGE=yes gives a verdict
# shellcheck disable=SC2086
tu_walk() { "$wcomp" -I"$d/full" $wflags -c "$d/walk0.c" -o "$d/obj/x.o"; }
# shellcheck disable=SC2086
tu_walk_s() { "$wcomp" -I"$d/full" $wflags -fsyntax-only "$d/walk0.c"; }
walk_row() {
    wcomp=$2 wflags=$4
    best5 tu_walk
    t=$best_tu_walk
    if [ "$t" = failed ]; then
        v="failed: $(firsterr "$d/log/tu_walk")"
    elif [ "$3" = no ]; then
        v=info
    elif le "$t" 150000; then
        v=met
    else
        best5 tu_walk_s
        v="missed: $(secs "$best_tu_walk_s") of it with -fsyntax-only (reading the header), the rest is code generation"
    fi
    row "$1" "$(show "$t" "$cpu_tu_walk")" "≤ 0.150 s" "$(if [ "$t" != failed ]; then ratio "$t" 150000; fi)" "$v"
}
walk_row "(c) $cname $opt -c: packet.zc.h calling packet_walk()" c_cc yes ""
if [ -n "$ool" ]; then
    walk_row "(d) same, -DZEROCAST_OUT_OF_LINE" c_cc yes -DZEROCAST_OUT_OF_LINE
else
    row "(d) same, -DZEROCAST_OUT_OF_LINE" "$no_ool" "≤ 0.150 s" "" "n/a"
fi
for comp in clang cxx; do
    if [ $comp = clang ]; then tool=$clang name="$(basename "$clang") $opt"; else tool=$cxx name="$(basename "$cxx") -std=c++17 $opt"; fi
    if ! have "$tool"; then
        row "(c) with $name" "n/a ($tool not found)" "" "" info
        continue
    fi
    walk_row "(c) with $name" c_$comp no ""
    if [ -n "$ool" ]; then
        walk_row "(d) with $name" c_$comp no -DZEROCAST_OUT_OF_LINE
    else
        row "(d) with $name" "$no_ool" "" "" info
    fi
done

# ---- object code (size's text; one build each, both cores) ----
text() { size "$@" | awk 'NR > 1 { t += $1 } END { print t }'; }
jobs=$(nproc 2> /dev/null || echo 2)
# build TAG FLAGS: walk0..9.o and main.o into obj/TAG, compiled with FLAGS
build() {
    mkdir -p "$d/obj/$1"
    # shellcheck disable=SC2086
    printf '%s\n' walk0 walk1 walk2 walk3 walk4 walk5 walk6 walk7 walk8 walk9 main |
        xargs -P "$jobs" -I{} "$cc" $opt $2 -Iruntime -I"$d/full" -c "$d/{}.c" -o "$d/obj/$1/{}.o" \
        > "$d/log/build-$1" 2>&1
}
# link TAG FLAGS [OBJ]: obj/TAG/prog from its objects (and OBJ); prints its text
link() {
    # shellcheck disable=SC2086
    "$cc" $opt $2 -o "$d/obj/$1/prog" "$d"/obj/$1/walk?.o "$d/obj/$1/main.o" ${3:-} >> "$d/log/build-$1" 2>&1 &&
        text "$d/obj/$1/prog"
}
# shellcheck disable=SC2086
"$cc" $opt -o "$d/obj/nothing" "$d/nothing.c"
t_nothing=$(text "$d/obj/nothing")
if build def "" && t_prog=$(link def ""); then
    t_one=$(text "$d/obj/def/walk0.o")
    row "walker file (c) object code (size: text)" "$(commas "$t_one") B" "" "" info
    row "ten walker files + main linked (text)" "$(commas "$t_prog") B" \
        "empty program: $(commas "$t_nothing") B" "" info
else
    t_prog=
    row "ten walker files + main linked (text)" failed "" "" "failed: $(firsterr "$d/log/build-def")"
fi
if [ -z "$ool" ]; then
    row "walker file (d) object code, -DZEROCAST_OUT_OF_LINE" "$no_ool" "" "" info
    row "ten walker files linked, out-of-line (+ 1 implementation file)" "$no_ool" "" "" info
elif build ool -DZEROCAST_OUT_OF_LINE &&
     c_cc -DZEROCAST_OUT_OF_LINE -DZEROCAST_IMPLEMENTATION -I"$d/full" \
         -c "$d/impl.c" -o "$d/obj/ool/impl.o" >> "$d/log/build-ool" 2>&1 &&
     t_ool=$(link ool "" "$d/obj/ool/impl.o"); then
    row "walker file (d) object code, -DZEROCAST_OUT_OF_LINE" "$(commas "$(text "$d/obj/ool/walk0.o")") B" \
        "implementation file: $(commas "$(text "$d/obj/ool/impl.o")") B" "" info
    row "ten walker files linked, out-of-line (+ 1 implementation file)" "$(commas "$t_ool") B" \
        "default: $(commas "${t_prog:-?}") B" "$(if [ -n "$t_prog" ]; then ratio "$t_ool" "$t_prog"; fi)" info
    # the implementing file defines every big function of packet.zc.h,
    # used or not: with -ffunction-sections and --gc-sections the linker
    # keeps only those called
    if c_cc -DZEROCAST_OUT_OF_LINE -DZEROCAST_IMPLEMENTATION -ffunction-sections -I"$d/full" \
            -c "$d/impl.c" -o "$d/obj/ool/impl-fs.o" >> "$d/log/build-ool" 2>&1 &&
       t_gc=$(link ool -Wl,--gc-sections "$d/obj/ool/impl-fs.o"); then
        row "ten walker files linked, out-of-line, --gc-sections" "$(commas "$t_gc") B" \
            "default: $(commas "${t_prog:-?}") B" "$(if [ -n "$t_prog" ]; then ratio "$t_gc" "$t_prog"; fi)" info
    else
        row "ten walker files linked, out-of-line, --gc-sections" failed "" "" "failed: $(firsterr "$d/log/build-ool")"
    fi
else
    row "ten walker files linked, out-of-line (+ 1 implementation file)" failed "" "" \
        "failed: $(firsterr "$d/log/build-ool")"
fi
if build lto -flto && t_lto=$(link lto -flto); then
    row "ten walker files linked, default, -flto" "$(commas "$t_lto") B" "default: $(commas "${t_prog:-?}") B" \
        "$(if [ -n "$t_prog" ]; then ratio "$t_lto" "$t_prog"; fi)" info
else
    row "ten walker files linked, default, -flto" failed "" "" "failed: $(firsterr "$d/log/build-lto")"
fi

# ---- the table ----
echo "generated code size and compile cost (issue 17 item 6; $("$cc" --version | head -n1), $jobs cores):"
echo "  headers: every schema generated into $d/{full,ro}; times: best of 5 wall-clock runs with start-up;"
echo "  load average before the timings: $load"
{
    printf 'figure\tmeasured\tbaseline/target\tratio\tverdict\n'
    printf -- '---\t---:\t---\t---:\t---\n'
    cat "$rows"
} | awk -F '\t' '
    function dlen(s,  t) { t = s; gsub(/[\200-\277]/, "", t); return length(t) }   # UTF-8 characters
    function pad(s, w, right, fill) { while (dlen(s) < w) s = right ? fill s : s fill; return s }
    { n = NR; for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (dlen($i) > W[i]) W[i] = dlen($i) } }
    END {
        for (r = 1; r <= n; r++) {
            line = "|"
            for (i = 1; i <= 5; i++)
                line = line " " pad(c[r, i], W[i], i == 2 || i == 4, r == 2 ? "-" : " ") " |"
            print line
        }
    }'
