#!/bin/sh
# compile-speed.sh ZEROCAST OUTDIR CC "CFLAGS" SCHEMA...
# Times (median of 5 runs, wall clock) how long zerocast takes to generate
# every given schema, and how long the C compiler takes on a translation
# unit that includes all the generated headers, minus the same for one that
# includes only runtime/zerocast.h.
set -eu
zc=$1 out=$2 cc=$3 cflags=$4
shift 4
mkdir -p "$out/cs"
rm -f "$out"/cs/*.zc.h
now() { date +%s%N; }
median5() { sort -n | sed -n 3p; }

n=0
for s in "$@"; do n=$((n + 1)); done
for i in 1 2 3 4 5; do
    t0=$(now)
    for s in "$@"; do
        b=$(basename "$s" .zc)
        "$zc" -I schemas "$s" -o "$out/cs/$b.zc.h"
    done
    t1=$(now)
    echo $(( (t1 - t0) / 1000 ))
done | median5 > "$out/cs/gen.us"
gen=$(cat "$out/cs/gen.us")
lines=$(cat "$out"/cs/*.zc.h | wc -l)

# Headers that #include their imports' headers need those too: generate
# any that is missing (net.zc.h: bench.mk leaves net.zc out of the
# schemas), untimed and uncounted.
missing=
while :; do
    more=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"/]*\)\.h".*/\1/p' "$out"/cs/*.zc.h |
           sort -u | while read -r h; do
               [ -f "$out/cs/$h.h" ] || [ ! -f "schemas/$h" ] || echo "$h"
           done)
    [ -n "$more" ] || break
    for h in $more; do
        "$zc" -I schemas "schemas/$h" -o "$out/cs/$h.h"
        missing="$missing $h"
    done
done

{
    echo '#include "zerocast.h"'
    for s in "$@"; do echo "#include \"$(basename "$s" .zc).zc.h\""; done
    echo 'int zc_compile_speed_anchor;'
} > "$out/cs/all.c"
{
    echo '#include "zerocast.h"'
    echo 'int zc_compile_speed_anchor;'
} > "$out/cs/none.c"

time_cc() { # file, extra flags -> median microseconds
    for i in 1 2 3 4 5; do
        t0=$(now)
        # shellcheck disable=SC2086
        $cc $cflags $2 -Iruntime -I"$out/cs" -c "$1" -o "$out/cs/x.o"
        t1=$(now)
        echo $(( (t1 - t0) / 1000 ))
    done | median5
}
all_o=$(time_cc "$out/cs/all.c" "")
none_o=$(time_cc "$out/cs/none.c" "")
all_s=$(time_cc "$out/cs/all.c" "-fsyntax-only")
none_s=$(time_cc "$out/cs/none.c" "-fsyntax-only")

echo "compiler speed (median of 5, wall clock, includes process start-up):"
printf '  zerocast: %d schemas -> %d lines of C in %.1f ms (%.2f ms per schema)\n' \
    "$n" "$lines" "$(echo "$gen" | awk '{print $1/1000}')" "$(echo "$gen $n" | awk '{print $1/1000/$2}')"
printf '  %s %s -c, all %d generated headers in one TU: %.1f ms (runtime/zerocast.h alone: %.1f ms; headers add %.1f ms)\n' \
    "$cc" "$cflags" "$n" "$(echo "$all_o" | awk '{print $1/1000}')" "$(echo "$none_o" | awk '{print $1/1000}')" \
    "$(echo "$all_o $none_o" | awk '{print ($1-$2)/1000}')"
printf '  %s -fsyntax-only, same TU: %.1f ms (zerocast.h alone: %.1f ms)\n' \
    "$cc" "$(echo "$all_s" | awk '{print $1/1000}')" "$(echo "$none_s" | awk '{print $1/1000}')"
if [ -n "$missing" ]; then
    echo "  (the headers include the headers of$missing, generated untimed and not counted above)"
fi
