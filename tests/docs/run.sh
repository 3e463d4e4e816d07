#!/usr/bin/env bash
# tests/docs/run.sh - every code block of the user documentation, run.
#
#   bash tests/docs/run.sh [DOC...]    default: README.md docs/tutorial.md
#                                      docs/meson.md docs/man/*.1
#                                      docs/man/*.5
#
# Builds zerocast in a scratch build directory (the source tree's build/ is
# not touched) and installs it with `make DESTDIR=STAGE install`
# (PREFIX=/usr/local), then runs tests/docs/snippets.py on each document
# with the environment the tutorial's "Staged installs" note describes:
# the staged bin/ on PATH, PKG_CONFIG_PATH + PKG_CONFIG_SYSROOT_DIR,
# CMAKE_PREFIX_PATH and ZEROCAST_DATADIR, and HOME a scratch directory
# (the tutorial's `make PREFIX=$HOME/.local install` installs there).
# Each block needs a marker saying what it is (see snippets.py); an unmarked
# block fails. One line per block, then "N passed, M failed".
# Needs make, gcc, clang, pkg-config, cmake, meson and ninja.
set -u
unset MAKEFLAGS MFLAGS MAKELEVEL ZEROCAST ZEROCAST_FLAGS ZEROCAST_MK ZEROCAST_OUTDIR \
      ZEROCAST_SRCDIR ZEROCAST_DATADIR DESTDIR PREFIX CMAKE_GENERATOR PKG_CONFIG_LIBDIR
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/zerocast-docs.XXXXXX")
trap 'rm -rf "$T"' EXIT

STAGE=$T/stage
P=$STAGE/usr/local
if ! make --no-print-directory -C "$ROOT" B="$T/build" ZEROCAST="$T/build/zerocast" \
        DESTDIR="$STAGE" install >"$T/install.log" 2>&1; then
    tail -n 30 "$T/install.log"
    echo "0 passed, 1 failed"
    exit 1
fi
mkdir -p "$T/home"

export ZC_DOCS_T=$T ZC_DOCS_ROOT=$ROOT ROOT T
export HOME=$T/home LC_ALL=C.UTF-8 TZ=UTC
export PATH=$P/bin:$PATH
export PKG_CONFIG_PATH=$P/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$STAGE
export CMAKE_PREFIX_PATH=$P ZEROCAST_DATADIR=$P/share/zerocast/schemas
export CMAKE_GENERATOR="Unix Makefiles"

# The checker itself: an unmarked block, a wrong expected output and an
# unknown kind must each fail.
printf '%s\n' 'x' '```sh' 'true' '```' '<!-- snippet: console -->' '```console' \
    '$ echo 1' '2' '```' '<!-- snippet: nosuchkind -->' '```' 'x' '```' >"$T/selftest.md"
if python3 "$ROOT/tests/docs/snippets.py" "$T/selftest.md" 2>&1 | tail -n 1 |
        grep -qx '1 passed, 3 failed'; then
    export ZC_DOCS_SELFTEST=ok
else
    export ZC_DOCS_SELFTEST=fail
fi

cd "$ROOT" || exit 1
if [ $# -eq 0 ]; then
    set -- README.md docs/tutorial.md docs/meson.md docs/man/*.1 docs/man/*.5
fi
python3 "$ROOT/tests/docs/snippets.py" "$@"
