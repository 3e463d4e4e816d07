/*
 * framecases.h - NAME_frame() and NAME_parse() on lengths that pass 2^32
 * (tests/unit/lenprobe.zc: bigframe, countframe, optframe, hugeframe).
 * Shared by test_packets.c (native host, exact values) and
 * tests/host32/host32.c (built with gcc -m32 and natively, outputs
 * compared). Each case gives the input bytes (the caller's len is
 * their count) and the expected state, with `need` the exact shortfall as
 * a 64-bit number: a host reports it when it fits size_t, else SIZE_MAX.
 */
#ifndef FRAMECASES_H
#define FRAMECASES_H

#include <stdint.h>
#include <stddef.h>
#include "lenprobe.zc.h"

typedef struct {
    const char *name;
    int which;                  /* 0 bigframe, 1 countframe, 2 optframe, 3 hugeframe */
    uint8_t in[16];
    size_t len;
    zc_frame_state state;
    uint64_t need;              /* NEED: the exact shortfall; COMPLETE: the size */
    zc_code parse;              /* what NAME_parse() says */
    uint32_t parse_offset;
    const char *parse_field;    /* NULL for ZC_OK */
} frame_case;

#define FC_SAT UINT64_MAX       /* over 2^62 bytes: SIZE_MAX on every host */

static const frame_case frame_cases[] = {
    /* a * b = 2^32: a 32-bit (size_t) cast made the end 6 + 0 + 2 = 8 and
       said MALFORMED with 8 bytes there */
    { "bigframe 2^32, 8 bytes", 0, { 0, 2, 0, 0, 0x80, 0, 'x', 'y' }, 8, ZC_FRAME_NEED,
      (uint64_t)1 << 32, ZC_ERR_TRUNCATED, 6, "bigframe.d" },
    /* b = 0: a * b = 0 */
    { "bigframe empty d, complete", 0, { 0xff, 0xff, 0xff, 0xff, 0, 0, 'x', 'y' }, 8, ZC_FRAME_COMPLETE,
      8, ZC_OK, 0, NULL },
    /* the largest: (2^32 - 1)(2^16 - 1) bytes of d */
    { "bigframe max", 0, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 6, ZC_FRAME_NEED,
      (uint64_t)0xffffffffu * 0xffffu + 2, ZC_ERR_TRUNCATED, 6, "bigframe.d" },
    /* a shortfall of 2^32 - 2: the largest below a 32-bit SIZE_MAX */
    { "bigframe shortfall 2^32 - 2", 0, { 0xff, 0xff, 0xff, 0xfc, 0, 1 }, 6, ZC_FRAME_NEED,
      (uint64_t)0xfffffffcu + 6 + 2 - 6, ZC_ERR_TRUNCATED, 6, "bigframe.d" },
    /* a shortfall of exactly 2^32 - 1 (SIZE_MAX on a 32-bit host) */
    { "bigframe shortfall 2^32 - 1", 0, { 0xff, 0xff, 0xff, 0xfd, 0, 1 }, 6, ZC_FRAME_NEED,
      (uint64_t)0xfffffffdu + 6 + 2 - 6, ZC_ERR_TRUNCATED, 6, "bigframe.d" },
    /* and 2^32 + 1: one past */
    { "bigframe shortfall 2^32 + 1", 0, { 0xff, 0xff, 0xff, 0xff, 0, 1, 7 }, 7, ZC_FRAME_NEED,
      (uint64_t)0xffffffffu + 6 + 2 - 7, ZC_ERR_TRUNCATED, 6, "bigframe.d" },
    { "bigframe fixed part missing", 0, { 0, 0, 0 }, 3, ZC_FRAME_NEED, 3, ZC_ERR_TRUNCATED, 0, "bigframe.a" },
    /* 2^29 elements of 8 bytes = 2^32 bytes */
    { "countframe 2^32 bytes", 1, { 0x20, 0, 0, 0 }, 4, ZC_FRAME_NEED,
      ((uint64_t)1 << 32) + 1, ZC_ERR_TRUNCATED, 4, "countframe.xs" },
    { "countframe max", 1, { 0xff, 0xff, 0xff, 0xff, 1, 2, 3 }, 7, ZC_FRAME_NEED,
      4 + (uint64_t)0xffffffffu * 8 + 1 - 7, ZC_ERR_TRUNCATED, 4, "countframe.xs" },
    { "countframe one element, complete", 1, { 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 13, ZC_FRAME_COMPLETE,
      13, ZC_OK, 0, NULL },
    { "optframe present, 2^32 - 1", 2, { 1, 0xff, 0xff, 0xff, 0xff }, 5, ZC_FRAME_NEED,
      (uint64_t)0xffffffffu + 1, ZC_ERR_TRUNCATED, 5, "optframe.d" },
    { "optframe absent", 2, { 0, 0xff, 0xff, 0xff, 0xff }, 5, ZC_FRAME_NEED, 1, ZC_ERR_TRUNCATED, 5, "optframe.after" },
    /* c = 2^61: 2^64 bytes, which wraps 64 bits */
    { "hugeframe 2^64 bytes", 3, { 0x20, 0, 0, 0, 0, 0, 0, 0 }, 8, ZC_FRAME_NEED,
      FC_SAT, ZC_ERR_TRUNCATED, 8, "hugeframe.xs" },
    /* c = 2^59: 2^62 bytes + 8, just past the limit */
    { "hugeframe 2^62 + 8", 3, { 0x08, 0, 0, 0, 0, 0, 0, 1 }, 8, ZC_FRAME_NEED,
      FC_SAT, ZC_ERR_TRUNCATED, 8, "hugeframe.xs" },
    /* c = 2^32: 2^35 bytes */
    { "hugeframe 2^35 bytes", 3, { 0, 0, 0, 1, 0, 0, 0, 0 }, 8, ZC_FRAME_NEED,
      (uint64_t)1 << 35, ZC_ERR_TRUNCATED, 8, "hugeframe.xs" },
};

#define N_FRAME_CASES (sizeof frame_cases / sizeof frame_cases[0])

/* Runs case c: the frame and the parse status of its struct. */
static inline zc_frame frame_case_run(const frame_case *c, zc_status *parsed)
{
    switch (c->which) {
    case 0: { bigframe_view v; *parsed = bigframe_parse(&v, c->in, c->len); return bigframe_frame(c->in, c->len); }
    case 1: { countframe_view v; *parsed = countframe_parse(&v, c->in, c->len); return countframe_frame(c->in, c->len); }
    case 2: { optframe_view v; *parsed = optframe_parse(&v, c->in, c->len); return optframe_frame(c->in, c->len); }
    default: { hugeframe_view v; *parsed = hugeframe_parse(&v, c->in, c->len); return hugeframe_frame(c->in, c->len); }
    }
}

/* What this host must report for a 64-bit size: itself, or SIZE_MAX. */
static inline size_t frame_case_size(uint64_t want)
{
    size_t s = (size_t)want;
    return want == FC_SAT || s != want ? SIZE_MAX : s;
}

#endif
