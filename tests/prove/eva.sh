#!/bin/bash
# tests/prove/eva.sh - Eva (Frama-C's abstract interpreter) over a
# whole-program harness per schema (issue #23; docs/hardening.md, "Eva").
#
#   bash tests/prove/eva.sh ZEROCAST OUTDIR SCHEMA...   (SCHEMA: udp, ..., or a path to a .zc)
#
# For each schema: writes its header (zerocast -r) and its libFuzzer target
# (zerocast --emit=fuzz: parse, parse_deep, visit, every accessor,
# iterators, frames, setters, builders and their round trip) into OUTDIR/h,
# and runs `frama-c -eva` from tests/prove/eva/driver.c, which calls the
# target on every input of 0..N bytes (each length in its own heap block
# of exactly that size, every byte unknown). N is the schema's bound in
# tests/prove/eva/bounds.tsv (a number, or +E: the schema's largest
# struct's minimum size plus E bytes), else that minimum size plus
# EVA_EXTRA bytes (default 8); EVA_N sets it outright.
#
# Per-struct runs (bounds.tsv's "each", or EVA_EACH=1): one frama-c run per
# struct (and stack) S of the fuzz target and per length, the target
# compiled with -DZC_FUZZ_ONLY -DZC_FUZZ_ONLY_S (zerocast --emit=fuzz
# guards each struct's block so), so each run analyses S's parse,
# accessors, setters and builder alone; S's lengths are 0..(S's own
# minimum size + E) for a +E bound (a stack: the schema's N), 0..N for
# a numeric one. The structs of imported schemas are left to their own
# schemas' runs. The alarms of all the runs are classified together.
#
# Alarms are sorted by where they are:
#   code     - the generated header, or the runtime called from it (the
#              first call site outside the runtime on the alarm's
#              callstack is in the header): what this checks
#   harness  - the fuzz target's own code, the driver, the prelude
#   checks   - a check of the fuzz target (a __builtin_trap()) Eva cannot
#              show never fires: a relational property, not a safety one
#   closed   - a code alarm listed in tests/prove/eva/closed.tsv with
#              what shows it spurious (a WP-proved contract, a dedicated
#              Eva harness): printed with that reason, not counted as
#              code; an entry matches one place and callstack exactly,
#              so a changed header brings the alarm back as code
#   post     - an ACSL postcondition or loop invariant of the runtime
#              (a quantified or value property) Eva cannot evaluate; WP
#              proves them (tests/prove/run.sh runtime), so they are
#              listed, not counted as code alarms
# Prints a table (schema, N, functions analysed, alarms of each kind,
# seconds), then every alarm with its location and kind. A schema passes
# when Eva finishes within EVA_TIMEOUT seconds (default 900) without
# error and with 0 code alarms. EVA_PRECISION (-eva-precision) and
# EVA_SPLIT (AT:B, a split of input byte AT's top B bits; AT:lB, its low
# B bits; S@AT:B,... per struct) override the schema's settings
# (settings() below; default precision 1, no split); EVA_EACH (1 or 0)
# overrides bounds.tsv's mode;
# EVA_JOBS lengths run at a time (default 1); EVA_MIN is the first length
# (default 0); EVA_ARGS are more frama-c options; EVA_REPORT_ONLY=1 runs
# nothing and classifies OUTDIR's logs again (N: the lengths they hold).
# Ends with "N passed, M failed" (one test per schema).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
shift 2
mkdir -p "$out/h" "$out/log"
out=$(cd "$out" && pwd)
extra=${EVA_EXTRA:-8}
limit=${EVA_TIMEOUT:-900}
jobs=${EVA_JOBS:-1}

# the largest minimum size of the schema's structs (zerocast --emit=layout)
# (MIN_SIZE SRC STRUCT: that struct's alone; nothing if it is not a struct)
min_size() {
    "$zc" --emit=layout -I "$(dirname "$1")" "$1" |
        sed -nE "s/^struct ${2:-[A-Za-z0-9_]+} \\([^)]*\\): (at least )?([0-9]+) bytes.*/\\2/p" |
        sort -n | tail -1
}

# bound SCHEMA: "N MODE", its tests/prove/eva/bounds.tsv entry (N: a
# number or +E; MODE: whole or each), or "+EVA_EXTRA whole"
bound() {
    local b
    b=$(awk -F'\t' -v s="$1" '$1 == s { print $2 " " $3; exit }' "$here/eva/bounds.tsv" 2>/dev/null)
    echo "${b:-+$extra whole}"
}

# alarms LOG: one line per alarm, "FILE:LINE<TAB>message [lengths L,...]"
# (the message's lines joined; the input lengths it was raised at)
alarms() {
    awk 'function flush() { if (loc != "") { k = loc "\t" msg; if (!(k in at)) order[++n] = k
                                              at[k] = at[k] (at[k] == "" ? "" : ",") len }
                            loc = "" }
         /^=== length / { flush(); len = $3; next }
         /^\[eva:alarm\]/ { flush(); loc = $2; sub(/:$/, "", loc)
                              msg = $0; sub(/^.*Warning: */, "", msg); next }
         /^\[/ { flush(); next }
         loc != "" { sub(/^ +/, ""); msg = msg (msg == "" ? "" : " ") $0 }
         END { flush(); for (i = 1; i <= n; i++) print order[i] " [length " at[order[i]] "]" }' "$1"
}

# classify SCHEMA: "KIND<TAB>FILE:LINE<TAB>message" from
# "FILE:LINE<TAB>message" (KIND: CODE, closed, harness, check or post; see
# the header), sorted by kind and place. A code alarm that
# tests/prove/eva/closed.tsv lists (schema, place, a regular expression
# on the message and callstack, and what establishes the property) is
# "closed": printed with that reason, not counted as code.
classify() {
    awk -F'\t' 'FILENAME != "-" { if ($0 !~ /^#/ && NF >= 4) { cs[++nc] = $1; cl[nc] = $2; cm[nc] = $3; cr[nc] = $4 }; next }
                 function rt(l) { return l ~ /(^|\/)runtime\/[a-z_]+\.h:[0-9]+$/ }
                 function gen(l) { return l ~ /\.zc\.h:[0-9]+$/ }
                 { m = $2; sub(/^assert /, "", m)
                   # in the runtime: whose call it is, the first call site
                   # outside the runtime on the callstack ("F :: LOC <- ...")
                   where = $1
                   if (rt(where) && match(m, / stack: .*/)) {
                       nf = split(substr(m, RSTART + 8), fr, / <- /)
                       for (i = 1; i <= nf; i++) {
                           l = fr[i]; sub(/^.* :: /, "", l); sub(/ .*$/, "", l)
                           if (!rt(l)) { where = l; break }
                       }
                   }
                   kind = (m ~ /zc_eva_trap/) ? "check" : (m ~ /(postcondition|loop invariant) got status unknown/) ? "post" : (gen(where) || rt(where)) ? "CODE" : "harness"
                   if (kind == "CODE")
                       for (i = 1; i <= nc; i++)
                           if (cs[i] == schema && cl[i] == $1 && m ~ cm[i]) { kind = "closed"; m = m " {closed: " cr[i] "}"; break }
                   print kind "\t" $1 "\t" m }' schema="$1" "$here/eva/closed.tsv" - | sort -t"$(printf '\t')" -k1,1 -k2,2V
}

# eva_len LEN SECS [UNIT]: one frama-c run over the inputs of exactly LEN
# bytes, into $log.UNIT.LEN (its exit status in $log.UNIT.LEN.rc); UNIT (a
# struct or stack of the fuzz target, per-struct runs) or "" (all). One
# run per length: in one run over all lengths, the states of the short inputs leaked into the
# analysis of the longer ones (spurious uninitialised reads of the
# input; docs/hardening.md, "Eva").
eva_len() {
    local split_args="" split_cpp="" only="" sp=$split e
    [ -n "${3:-}" ] && only="-DZC_FUZZ_ONLY -DZC_FUZZ_ONLY_$3"
    case $sp in *@*)   # per struct: UNIT@AT:B,...
        sp=""
        for e in ${split//,/ }; do [ "${e%%@*}" = "${3:-}" ] && sp=${e#*@}; done ;;
    esac
    if [ -n "$sp" ]; then
        local bits=${sp#*:}
        split_cpp="-DZC_EVA_SPLIT_AT=${sp%:*} -DZC_EVA_SPLIT_BITS=${bits#l}"
        case $sp in *:l*) split_cpp+=" -DZC_EVA_SPLIT_LOW" ;; esac
        split_args="-eva-split-limit 256"
    fi
    timeout "$2" frama-c -cpp-extra-args="-I$root/runtime -I$out/h -include $here/eva/prelude.h -DZC_EVA_MIN=$1 -DZC_EVA_N=$1 $split_cpp $only" \
        "$here/eva/driver.c" "$fuzz" \
        -eva -eva-precision "$precision" -eva-alloc-builtin fresh -eva-split-return full $split_args \
        -eva-unroll-recursive-calls 16 \
        -eva-builtin zc_acsl_memmove:Frama_C_memmove \
        -eva-print-callstacks -eva-no-show-progress -eva-msg-key=-final-states ${EVA_ARGS:-} >"$log.${3:-}.$1" 2>&1
    echo $? >"$log.${3:-}.$1.rc"
}

# Per-schema settings, where the defaults leave alarms that a setting
# shows spurious (docs/hardening.md, "Eva", and docs/decisions.md):
#   precision P  -eva-precision P (default 1)
#   split AT:B   one state per value of the top B bits of input byte AT
#                (tests/prove/eva/driver.c), for a flag or length byte
#                whose value the parse tested and the accessors test again
#                (AT:lB: the low B bits; in per-struct runs, S@AT:B,...:
#                each struct S its own split, the others none)
# EVA_PRECISION and EVA_SPLIT (AT:B, or "" for none) override them.
settings() {
    case $1 in
        mpls|udp) echo "6 -" ;;   # mpls's label loop, udp's length: states kept apart
        gre) echo "1 0:4" ;;   # the C, K, S flags of byte 0
        llc) echo "1 2:l2" ;;   # control's low 2 bits: control_ext or not
        geneve) echo "1 geneve@0:l6,geneve_option@3:l5" ;;   # options_length, an option's length: low bits
        erspan) echo "1 erspan_iii@11:l1" ;;   # the O bit: the platform subheader or not
        rtp) echo "1 rtp@0:4" ;;   # version, P (the padding trailer), X (the extension)
        tcp) echo "1 tcp@12:4,tcp_option@0:8" ;;   # data_offset; an option's kind (length or not)
        icmpv4) echo "1 ipv4_head@0:l4" ;;   # ipv4_head's IHL: options or not
        quic) echo "1 0:2" ;;   # byte 0's top 2 bits: quic's header_form (version,
                                # dcid_length, scid_length there or not), a varint's size
        *) echo "1 -" ;;
    esac
}

passed=0 failed=0
printf '%-10s %4s %9s %6s %6s %8s %7s %6s  %s\n' schema N functions code closed harness checks secs result
report=""
for arg in "$@"; do
    s=$arg src=$root/schemas/$s.zc
    case $s in *.zc) src=$(cd "$(dirname "$s")" && pwd)/$(basename "$s"); s=$(basename "$s" .zc) ;; esac
    hdr=$out/h/$s.zc.h fuzz=$out/h/$s.zc_fuzz.c log=$out/log/$s.eva.log
    if ! "$zc" -r -I "$(dirname "$src")" "$src" -o "$hdr" ||
       ! "$zc" --emit=fuzz -I "$(dirname "$src")" "$src" -o "$fuzz"; then
        echo "$s: zerocast failed"; failed=$((failed + 1)); continue
    fi
    if ! grep -q '^int LLVMFuzzerTestOneInput' "$fuzz" || ! grep -q 'LLVMFuzzerTestOneInput(const' "$fuzz"; then
        echo "$s: no fuzz target"; failed=$((failed + 1)); continue
    fi
    read -r precision split <<<"$(settings "$s")"
    read -r b each <<<"$(bound "$s")"
    [ "$split" = - ] && split=""
    precision=${EVA_PRECISION:-$precision}
    split=${EVA_SPLIT-$split}
    case ${EVA_EACH:-$each} in 1|each) each=1 ;; *) each="" ;; esac
    m=$(min_size "$src")
    case $b in +*) n=$(( ${m:-0} ${b} )) ;; *) n=$b ;; esac
    n=${EVA_N:-$n}
    # the runs: "UNIT:LEN" (UNIT empty: the whole target)
    runs=""
    if [ -n "$each" ]; then
        for u in $(sed -nE 's/^#if !defined\(ZC_FUZZ_ONLY\) \|\| defined\(ZC_FUZZ_ONLY_([A-Za-z0-9_]+)\)$/\1/p' "$fuzz"); do
            un=$n um=$(min_size "$src" "$u")
            # an imported struct (net.zc's addresses): its own schema's run
            # analyses it; a stack has no layout, but a walk
            [ -z "$um" ] && ! grep -q "^ *zc_status st = ${u}_walk(" "$fuzz" && continue
            [ -z "${EVA_N:-}" ] && [ -n "$um" ] && case $b in +*) un=$(( um ${b} )) ;; esac
            for len in $(seq "${EVA_MIN:-0}" "$un"); do runs+=" $u:$len"; done
        done
        n="each:$n"
        if [ -z "$runs" ]; then
            echo "$s: no struct or stack of its own in the fuzz target (ZC_FUZZ_ONLY_)"; failed=$((failed + 1)); continue
        fi
    else
        for len in $(seq "${EVA_MIN:-0}" "$n"); do runs+=" :$len"; done
    fi
    # one frama-c run per length: in one run over all lengths, the states
    # of the short inputs leaked into the analysis of the longer ones
    # (spurious uninitialised reads of the input; docs/hardening.md, "Eva")
    t0=$(date +%s) rc=0 fns=0 bad="" todo="" done_=""
    if [ -n "${EVA_REPORT_ONLY:-}" ] && ! grep -q '^=== length ' "$log" 2>/dev/null; then
        echo "$s: no log of a run in $log"; failed=$((failed + 1)); continue
    fi
    if [ -n "${EVA_REPORT_ONLY:-}" ]; then   # classify the last run's log again
        fns=$(sed -nE 's/^ *([0-9]+) functions analyzed.*/\1/p' "$log" | sort -n | tail -1)
        n="$(sed -n 's/^=== length //p' "$log" 2>/dev/null | head -1)-$(sed -n 's/^=== length //p' "$log" 2>/dev/null | tail -1)"
        [ -n "$each" ] && n="each:$(sed -nE 's/^=== length ([0-9]+).*/\1/p' "$log" | sort -n | tail -1)"
    fi
    for run in $([ -n "${EVA_REPORT_ONLY:-}" ] || echo "$runs"); do
        # EVA_JOBS lengths at a time; none started once the time is up
        while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
        [ $(( $(date +%s) - t0 )) -gt "$limit" ] && { rc=124; break; }
        eva_len "${run#*:}" $(( limit - ($(date +%s) - t0) )) "${run%%:*}" &
        todo+=" $run"
    done
    wait
    [ -n "$todo" ] && : >"$log"
    for run in $todo; do
        len=${run#*:} u=${run%%:*} l=$log.${run%%:*}.${run#*:} name=${run#:}
        r=$(cat "$l.rc" 2>/dev/null || echo 1)
        [ "$r" -ne 0 ] && rc=$r
        [ "$r" -eq 0 ] && done_+=" $name"
        if [ "$r" -ne 0 ] || ! grep -q 'ANALYSIS SUMMARY' "$l" || grep -q 'degeneration occurred' "$l"; then
            bad+=" $name"
        fi
        f=$(sed -nE 's/^ *([0-9]+) functions analyzed.*/\1/p' "$l" | tail -1)
        [ "${f:-0}" -gt "$fns" ] && fns=$f
        { echo "=== length $len${u:+ ($u)}"; cat "$l"; } >>"$log"
        rm -f "$l" "$l.rc"
    done
    t1=$(date +%s)
    all=$(alarms "$log" | sed -e "s|$out/h/||g; s|$root/||g; s|${out#"$root"/}/h/||g" | classify "$s")
    code=$(printf '%s\n' "$all" | grep -c '^CODE')
    harness=$(printf '%s\n' "$all" | grep -c '^harness')
    checks=$(printf '%s\n' "$all" | grep -c '^check')
    closed=$(printf '%s\n' "$all" | grep -c '^closed')
    result=ok
    if [ $rc -eq 124 ]; then result="timeout (${limit}s; lengths done:${done_:- none})"
    elif [ -n "$bad" ]; then result="frama-c failed or degenerated (length$bad)"
    elif [ "$code" -ne 0 ]; then result="alarms"
    fi
    printf '%-10s %4s %9s %6s %6s %8s %7s %6s  %s\n' "$s" "$n" "${fns:--}" "$code" "$closed" "$harness" "$checks" $((t1 - t0)) "$result"
    if [ "$result" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    if [ -n "$all" ]; then
        report+="== $s ($log)"$'\n'
        report+=$(printf '%s\n' "$all" | sed 's/^/  /')$'\n'
    fi
    [ -n "$bad" ] && report+="  $(grep -E 'User Error|degeneration|\[kernel\].*[Ee]rror' "$log" | head -3)"$'\n'
done
[ -n "$report" ] && printf '\n%s' "$report"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
