/*
 * tests/outline/rest.c - make check's sampled default mode (run.sh,
 * OUTLINE_SEED): one translation unit that defines the eight tuN() of
 * user.c that are not built as their own units (tu0 and tu<SKIP> are), so
 * that three units, not ten, include packet.zc.h in default mode while
 * main.c and the results stay those of the ten-unit program.
 */
#define TU_REST
#include "user.c"

#ifndef SKIP
#error "rest.c: compile with -DSKIP=1..9, the unit built on its own besides tu0"
#endif

#define TU_DEF(N) \
    unsigned long tu##N(const uint8_t *p, size_t n) { return user_fold(N##u, p, n); }

#if SKIP != 1
TU_DEF(1)
#endif
#if SKIP != 2
TU_DEF(2)
#endif
#if SKIP != 3
TU_DEF(3)
#endif
#if SKIP != 4
TU_DEF(4)
#endif
#if SKIP != 5
TU_DEF(5)
#endif
#if SKIP != 6
TU_DEF(6)
#endif
#if SKIP != 7
TU_DEF(7)
#endif
#if SKIP != 8
TU_DEF(8)
#endif
#if SKIP != 9
TU_DEF(9)
#endif
