#!/usr/bin/env bash
# tests/install/run.sh - `make install` / `make uninstall` and the installed
# package, end to end. Runs from any directory; needs make, cc, pkg-config,
# cmake, meson and ninja.
#
#  1. builds the compiler in a scratch build directory (the source tree's
#     build/ is not touched) for PREFIX=/opt/zerocast and installs it into a
#     scratch DESTDIR; checks the exact file list, the compiled-in schema
#     directory, pkg-config and that nothing installed mentions DESTDIR;
#  2. builds examples/consumer-make (plain make + zerocast.mk, found with
#     pkg-config), examples/consumer-cmake (find_package, both the
#     Makefile and the Ninja generator) and examples/consumer-meson
#     (dependency() + custom_target with depfile) against the installed
#     copy only, runs
#     them and checks their output;
#  3. dependency tracking: a no-change rebuild does nothing; editing the
#     installed net.zc, or a schema the user's schema imports, regenerates
#     exactly the headers that import it;
#  4. installing for another PREFIX rebuilds the compiler on its own;
#  5. uninstall leaves no file behind (and keeps files it did not install).
#
# The consumers run with ZEROCAST_DATADIR="" (no compiled-in schema
# directory), so they pass only if the installed package files find the
# staged schemas themselves. One line per check, then "N passed, M failed".
# shellcheck disable=SC2016  # the bash -c scripts expand their own $1 ...
set -u
unset MAKEFLAGS MFLAGS MAKELEVEL ZEROCAST ZEROCAST_FLAGS ZEROCAST_MK ZEROCAST_OUTDIR \
      ZEROCAST_SRCDIR ZEROCAST_DATADIR DESTDIR PREFIX CMAKE_GENERATOR
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/zerocast-install.XXXXXX")
trap 'rm -rf "$T"' EXIT

pass=0 fail=0
ok()  { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; [ -z "${2:-}" ] || sed 's/^/     | /' "$2" | tail -n 25; }
check() {  # check DESCRIPTION COMMAND... : passes if COMMAND succeeds
    local d=$1; shift
    if "$@" >"$T/log" 2>&1; then ok "$d"; else bad "$d" "$T/log"; fi
}
mtime() { stat -c %y "$1" 2>/dev/null || echo missing; }

PREFIX=/opt/zerocast
DEST=$T/root
STAGE=$DEST$PREFIX
SCHEMADIR=$PREFIX/share/zerocast/schemas
VERSION=$(sed -n 's/^.define ZCC_VERSION "\(.*\)".*/\1/p' "$ROOT/gen/zcc.h")

# Until the top Makefile includes runtime/install.mk, add it by hand.
MK=(make --no-print-directory -C "$ROOT" -f Makefile)
grep -Eq '^[[:space:]]*-?include[[:space:]].*install\.mk' "$ROOT/Makefile" ||
    MK+=(-f runtime/install.mk)
MK+=(B="$T/build" ZEROCAST="$T/build/zerocast")

# ---- 1. install ---------------------------------------------------------------

check "make PREFIX=$PREFIX DESTDIR=... install" "${MK[@]}" PREFIX=$PREFIX DESTDIR="$DEST" install
cp "$T/log" "$T/install.log"
# a staged install says where the files went and what they are for (issue 22)
check "install prints the staged path and the PREFIX the files are for" \
    grep -qxF "staged under $DEST: the files are for $PREFIX once the tree is copied to /" "$T/install.log"
check "install prints each generated package file under DESTDIR" bash -c \
    'for f in share/zerocast/zerocast.mk lib/pkgconfig/zerocast.pc lib/cmake/zerocast/zerocastConfig.cmake \
              lib/cmake/zerocast/zerocastConfigVersion.cmake; do
         grep -qxF "installing $0/$f" "$1" || { echo "no line: installing $0/$f"; exit 1; }
     done' "$STAGE" "$T/install.log"
check "install copies every file to a path under DESTDIR" bash -c \
    '! grep -E "^install -p .* '"'"'/opt/" "$0"' "$T/install.log"

expected() {
    printf '%s\n' bin/zerocast include/zerocast/zerocast.h include/zerocast/zerocast_dns.h \
        include/zerocast/zerocast_csum.h include/zerocast/zerocast_io.h include/zerocast/zerocast_net.h \
        include/zerocast/zerocast_build.h \
        lib/cmake/zerocast/zerocastConfig.cmake lib/cmake/zerocast/zerocastConfigVersion.cmake \
        lib/pkgconfig/zerocast.pc share/man/man1/zerocast.1 share/man/man5/zerocast-schema.5 \
        share/zerocast/zerocast.mk bin/zcnc share/man/man1/zcnc.1 bin/zcdump share/man/man1/zcdump.1 \
        bin/zcping share/man/man1/zcping.1
    for s in "$ROOT"/schemas/*.zc; do echo "share/zerocast/schemas/${s##*/}"; done
    for d in README.md tutorial.md schema-language.md generated-api.md protocols.md checksums.md io.md \
             meson.md wireshark.md zcdump.md zcnc.md zcping.md; do
        echo "share/doc/zerocast/$d"
    done
}
expected | sort >"$T/files.want"
(cd "$STAGE" 2>/dev/null && find . -type f -o -type l | sed 's|^\./||' | sort) >"$T/files.got"
if diff -u "$T/files.want" "$T/files.got" >"$T/log"; then
    ok "installed exactly the $(wc -l <"$T/files.want") expected files"
else
    bad "installed file list" "$T/log"
fi
check "bin/zerocast is executable, version $VERSION" \
    bash -c '[ -x "$1" ] && [ "$("$1" --version)" = "zerocast $2" ]' _ "$STAGE/bin/zerocast" "$VERSION"
check "compiler has $SCHEMADIR compiled in" \
    bash -c '"$1" --help | grep -qF " $2;"' _ "$STAGE/bin/zerocast" "$SCHEMADIR"
check "share/doc/zerocast: the docs, identical to the sources" bash -c \
    'for d in README.md docs/tutorial.md docs/schema-language.md docs/generated-api.md; do
         cmp "$1/$d" "$2/share/doc/zerocast/${d##*/}" || exit 1; done' _ "$ROOT" "$STAGE"
check "the man pages name the installed documentation directory" bash -c \
    'for m in man1/zerocast.1 man5/zerocast-schema.5; do
         grep -q "PREFIX/share/doc/zerocast" "$1/share/man/$m" || { echo "$m"; exit 1; }; done' _ "$STAGE"
check "nothing installed mentions DESTDIR" bash -c '! grep -rlF "$1" "$2"' _ "$DEST" "$STAGE"
if command -v groff >/dev/null; then
    check "man pages format without warnings" bash -c \
        'for m in "$1"/man1/zerocast.1 "$1"/man5/zerocast-schema.5; do
             [ -z "$(groff -man -ww -z "$m" 2>&1)" ] || { groff -man -ww -z "$m"; exit 1; }; done' \
        _ "$STAGE/share/man"
fi

export PKG_CONFIG_PATH=$STAGE/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$DEST PKG_CONFIG_LIBDIR=
check "pkg-config --modversion zerocast = $VERSION" \
    bash -c '[ "$(pkg-config --modversion zerocast)" = "$1" ]' _ "$VERSION"
check "pkg-config --cflags zerocast = -I.../include/zerocast" \
    bash -c '[ "$(echo $(pkg-config --cflags zerocast))" = "-I$1/include/zerocast" ] &&
             [ -f "$1/include/zerocast/zerocast.h" ]' _ "$STAGE"

# The installed compiler alone: ZEROCAST_DATADIR points it at the staged
# schemas (its compiled-in directory does not exist outside DESTDIR).
check "installed zerocast + ZEROCAST_DATADIR imports the staged net.zc" \
    env ZEROCAST_DATADIR="$STAGE/share/zerocast/schemas" \
    "$STAGE/bin/zerocast" "$ROOT/examples/consumer-make/demo_gre.zc" -o "$T/demo_gre.zc.h"
check "without it (ZEROCAST_DATADIR=\"\") net.zc is not found: exit 1" bash -c \
    'ZEROCAST_DATADIR= "$1" --check "$2"; [ $? = 1 ]' _ "$STAGE/bin/zerocast" "$ROOT/examples/consumer-make/demo_gre.zc"

export ZEROCAST_DATADIR=
IPLINE='ipv4: 192.0.2.1 > 198.51.100.2, id 111, ttl 123, protocol ICMP, total length 21, 1 data bytes'

# ---- 2 + 3. consumer-make -----------------------------------------------------

C=$T/consumer-make
cp -r "$ROOT/examples/consumer-make" "$C"
rm -rf "$C/gen" "$C/grecat"
check "consumer-make: make (pkg-config finds zerocast.mk)" make -C "$C"
printf '%s\n' 'gre: version 0, key present, protocol IPV4, 4 option bytes, 21 payload bytes' \
    "$IPLINE" >"$T/want"
check "consumer-make: ./grecat prints the expected fields" \
    bash -c '"$1/grecat" >"$2/got" && diff -u "$2/want" "$2/got"' _ "$C" "$T"
check "consumer-make: no-change rebuild does nothing (make -q)" make -q -C "$C"

check "consumer-make: gen/net.zc.h, which both headers #include, was written by zerocast -r" bash -c \
    'grep -q "#include \"net.zc.h\"" "$1/gen/demo_gre.zc.h" && grep -q "#include \"net.zc.h\"" "$1/gen/ipv4.zc.h" &&
     grep -q "^#define ZEROCAST_SCHEMA_NET 1" "$1/gen/net.zc.h" && ! grep -q "^typedef.*mac_addr_view" "$1/gen/demo_gre.zc.h"' _ "$C"
gre_h=$(mtime "$C/gen/demo_gre.zc.h") ip_h=$(mtime "$C/gen/ipv4.zc.h")
sleep 1   # (mtimes below must be able to differ)
echo 'const INSTALL_TEST_NET = 4242;' >>"$STAGE/share/zerocast/schemas/net.zc"
check "consumer-make: edited installed net.zc -> make regenerates both headers and net.zc.h" bash -c \
    'make -C "$1" >/dev/null && grep -q INSTALL_TEST_NET "$1/gen/net.zc.h" &&
     [ "$(stat -c %y "$1/gen/demo_gre.zc.h")" != "$2" ] && [ "$(stat -c %y "$1/gen/ipv4.zc.h")" != "$3" ] &&
     [ "$1/grecat" -nt "$1/gen/net.zc.h" ]' _ "$C" "$gre_h" "$ip_h"
ip_h=$(mtime "$C/gen/ipv4.zc.h")
echo 'const INSTALL_TEST_GRE = 7;' >>"$C/demo_gre.zc"
check "consumer-make: edited demo_gre.zc -> only gen/demo_gre.zc.h regenerated" bash -c \
    'make -C "$1" >/dev/null && grep -q INSTALL_TEST_GRE "$1/gen/demo_gre.zc.h" &&
     [ "$(stat -c %y "$1/gen/ipv4.zc.h")" = "$2" ] && make -q -C "$1"' _ "$C" "$ip_h"

# ---- 2 + 3. consumer-cmake ----------------------------------------------------

generators=("Unix Makefiles")
command -v ninja >/dev/null && generators+=(Ninja)
for gen in "${generators[@]}"; do
    C=$T/consumer-cmake-${gen// /-}
    cp -r "$ROOT/examples/consumer-cmake" "$C"
    rm -rf "$C/build"
    check "consumer-cmake ($gen): configure with find_package(zerocast)" \
        cmake -G "$gen" -S "$C" -B "$C/build" -DCMAKE_PREFIX_PATH="$STAGE"
    check "consumer-cmake ($gen): build" cmake --build "$C/build"
    printf '%s\n' 'geneve: vni 4660, protocol IPV4, oam 0, 8 option bytes' \
        'option: class 0xff01, type 5, 4 data bytes' "$IPLINE" >"$T/want"
    check "consumer-cmake ($gen): genevecat prints the expected fields" \
        bash -c '"$1/build/genevecat" >"$2/got" && diff -u "$2/want" "$2/got"' _ "$C" "$T"

    G=$C/build/zerocast/demo_geneve.zc.h I=$C/build/bundled/ipv4.zc.h
    g_h=$(mtime "$G") i_h=$(mtime "$I")
    check "consumer-cmake ($gen): no-change rebuild regenerates nothing" bash -c \
        'out=$(cmake --build "$1/build") || exit 1; echo "$out";
         ! grep -q "zerocast: generating" <<<"$out" &&
         [ "$(stat -c %y "$2")" = "$3" ] && [ "$(stat -c %y "$4")" = "$5" ]' _ "$C" "$G" "$g_h" "$I" "$i_h"
    O=$C/build/zerocast/demo_geneve_option.zc.h
    sleep 1
    echo "const INSTALL_TEST_OPT_${gen// /_} = 1;" >>"$C/options/demo_geneve_option.zc"
    check "consumer-cmake ($gen): edited imported options/demo_geneve_option.zc -> only demo_geneve.zc.h and its import regenerated" bash -c \
        'cmake --build "$1/build" >/dev/null && grep -q INSTALL_TEST_OPT "$5" && [ "$(stat -c %y "$2")" != "$6" ] &&
         [ "$(stat -c %y "$3")" = "$4" ] && [ "$1/build/genevecat" -nt "$5" ]' _ "$C" "$G" "$I" "$i_h" "$O" "$g_h"
    g_h=$(mtime "$G") i_h=$(mtime "$I")
    sleep 1
    echo "const INSTALL_TEST_NET_${gen// /_} = 2;" >>"$STAGE/share/zerocast/schemas/net.zc"
    check "consumer-cmake ($gen): edited installed net.zc -> both headers and both net.zc.h regenerated" bash -c \
        'cmake --build "$1/build" >/dev/null && grep -q "INSTALL_TEST_NET_$4" "$1/build/zerocast/net.zc.h" &&
         grep -q "INSTALL_TEST_NET_$4" "$1/build/bundled/net.zc.h" &&
         [ "$(stat -c %y "$2")" != "$5" ] && [ "$(stat -c %y "$3")" != "$6" ]' _ "$C" "$G" "$I" "${gen// /_}" "$g_h" "$i_h"
done

# ---- 2 + 3. consumer-meson ------------------------------------------------------

C=$T/consumer-meson
cp -r "$ROOT/examples/consumer-meson" "$C"
rm -rf "$C/build"
check "consumer-meson: meson setup (dependency('zerocast') with pkg-config)" meson setup "$C/build" "$C"
check "consumer-meson: ninja" ninja -C "$C/build"
printf '%s\n' 'gre: version 0, key present, protocol IPV4, 4 option bytes, 21 payload bytes' \
    "$IPLINE" >"$T/want"
check "consumer-meson: grecat prints the expected fields" \
    bash -c '"$1/build/grecat" >"$2/got" && diff -u "$2/want" "$2/got"' _ "$C" "$T"
G=$C/build/demo_gre.zc.h I=$C/build/ipv4.zc.h N=$C/build/net.zc.h
check "consumer-meson: demo_gre.zc.h and ipv4.zc.h #include net.zc.h, written by zerocast -r" bash -c \
    'grep -q "#include \"net.zc.h\"" "$1" && grep -q "#include \"net.zc.h\"" "$2" &&
     grep -q "^#define ZEROCAST_SCHEMA_NET 1" "$3"' _ "$G" "$I" "$N"
check "consumer-meson: no-change rebuild does nothing" bash -c \
    'ninja -C "$1/build" | tee /dev/stderr | grep -q "no work to do"' _ "$C"
g_h=$(mtime "$G") i_h=$(mtime "$I")
sleep 1
echo 'const INSTALL_TEST_MESON_NET = 5;' >>"$STAGE/share/zerocast/schemas/net.zc"
check "consumer-meson: edited installed net.zc -> both headers and net.zc.h regenerated (depfile)" bash -c \
    'ninja -C "$1/build" >/dev/null && grep -q INSTALL_TEST_MESON_NET "$4" &&
     [ "$(stat -c %y "$2")" != "$5" ] && [ "$(stat -c %y "$3")" != "$6" ] &&
     [ "$1/build/grecat" -nt "$4" ]' _ "$C" "$G" "$I" "$N" "$g_h" "$i_h"
i_h=$(mtime "$I")
sleep 1
echo 'const INSTALL_TEST_MESON_GRE = 6;' >>"$C/demo_gre.zc"
check "consumer-meson: edited demo_gre.zc -> only demo_gre.zc.h regenerated" bash -c \
    'ninja -C "$1/build" >/dev/null && grep -q INSTALL_TEST_MESON_GRE "$2" &&
     [ "$(stat -c %y "$3")" = "$4" ] && ninja -C "$1/build" | grep -q "no work to do"' _ "$C" "$G" "$I" "$i_h"

# find_package version rules (0.x: the minor version must match), and
# zerocast_generate's variable form with PREFIX and OUTPUT_DIR.
mkdir -p "$T/ver"
cat >"$T/ver/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(v NONE)
foreach(v 0 0.1 0.1.0 0.0.9 0.2 1.0 0.1...0.5 0...0.1 0...<0.1.0)
  unset(zerocast_FOUND)
  unset(zerocast_DIR CACHE)
  find_package(zerocast ${v} QUIET)
  message(STATUS "zerocast ${v}: ${zerocast_FOUND}")
endforeach()
find_package(zerocast REQUIRED)
zerocast_generate(HDRS SCHEMAS ${ZEROCAST_SCHEMA_DIR}/udp.zc PREFIX my_ OUTPUT_DIR pfx)
add_custom_target(pfx ALL DEPENDS ${HDRS})
message(STATUS "HDRS=${HDRS} INC=${HDRS_INCLUDE_DIRS}")
EOF
check "find_package(zerocast VERSION): 0 0.1 0.1.0 0.1...0.5 0...0.1 accepted; 0.0.9 0.2 1.0 0...<0.1.0 refused" bash -c \
    'cmake -S "$1" -B "$1/b" -DCMAKE_PREFIX_PATH="$2" >"$1/log" && grep "zerocast [0-9]" "$1/log" >"$1/got" &&
     printf -- "-- zerocast %s\n" "0: 1" "0.1: 1" "0.1.0: 1" "0.0.9: 0" "0.2: 0" "1.0: 0" \
         "0.1...0.5: 1" "0...0.1: 1" "0...<0.1.0: 0" >"$1/want" &&
     diff -u "$1/want" <(sed "s/: TRUE/: 1/; s/: FALSE/: 0/; s/: \$/: 0/" "$1/got")' _ "$T/ver" "$STAGE"
check "zerocast_generate(VAR ... PREFIX my_ OUTPUT_DIR pfx) generates my_udp_* into pfx/" bash -c \
    'cmake --build "$1/b" && grep -q "my_udp_parse" "$1/b/pfx/udp.zc.h" &&
     cmake "$1/b" | grep -qF "HDRS=$1/b/pfx/udp.zc.h INC=$1/b/pfx;$2/include/zerocast"' _ "$T/ver" "$STAGE"

# ---- 4. another PREFIX: the compiler is rebuilt by install alone --------------

DEST2=$T/root2
# Building the programs (zcdump links libpcap) needs the system's pkg-config,
# not the staged one the consumers above used.
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
check "make PREFIX=/opt/zc2 install (no 'all') rebuilds for the new schema dir" bash -c \
    '"$@" PREFIX=/opt/zc2 DESTDIR="$0" install >/dev/null &&
     "$0/opt/zc2/bin/zerocast" --help | grep -qF " /opt/zc2/share/zerocast/schemas;"' \
    "$DEST2" "${MK[@]}"
check "then the build is up to date for /opt/zc2" "${MK[@]}" -q PREFIX=/opt/zc2 "$T/build/zerocast"

# ---- 5. uninstall ---------------------------------------------------------------

check "make uninstall" "${MK[@]}" PREFIX=$PREFIX DESTDIR="$DEST" uninstall
check "no file left under DESTDIR after uninstall" bash -c \
    'left=$(find "$1" -type f -o -type l); [ -z "$left" ] || { echo "$left"; exit 1; }' _ "$DEST"
echo 'struct mine { u8 x; }' >"$DEST2/opt/zc2/share/zerocast/schemas/mine.zc"
check "uninstall keeps a file it did not install" bash -c \
    '"$@" PREFIX=/opt/zc2 DESTDIR="$0" uninstall >/dev/null &&
     [ "$(cd "$0" && find . -type f)" = "./opt/zc2/share/zerocast/schemas/mine.zc" ]' "$DEST2" "${MK[@]}"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
