/* tests/prove/eva/driver.c - Eva's entry point over a generated fuzz
   target (zerocast --emit=fuzz): runs LLVMFuzzerTestOneInput on every
   input of ZC_EVA_MIN..ZC_EVA_N bytes. Each length n gets its own heap
   block of exactly n bytes (so a read one byte past the input is outside
   the block: an alarm), whose bytes are all unknown (every value
   0..255). The loop is unrolled (one analysis of the target per length),
   so the length is a single value in each; the bytes are not enumerated,
   Eva abstracts them. tests/prove/eva.sh runs it once per length
   (ZC_EVA_MIN == ZC_EVA_N): in one run over several lengths, Eva carried
   state from the short inputs into the longer ones and reported
   uninitialised reads of the input that no single length shows.
   docs/hardening.md, "Eva". */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "__fc_builtin.h"

#ifndef ZC_EVA_N
#error "ZC_EVA_N: the largest input length, set by tests/prove/eva.sh"
#endif
#ifndef ZC_EVA_MIN
#define ZC_EVA_MIN 0
#endif
#if defined(ZC_EVA_SPLIT_BITS) && !defined(ZC_EVA_SPLIT_AT)
#define ZC_EVA_SPLIT_AT 0
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(void)
{
    size_t n;
    /*@ loop unroll ZC_EVA_N + 1; */
    for (n = ZC_EVA_MIN; n <= ZC_EVA_N; n++) {
        uint8_t *p = (uint8_t *)malloc(n);
        if (p == NULL)
            continue;   /* Eva's malloc may fail: not an input */
        Frama_C_make_unknown((char *)p, n);
#ifdef ZC_EVA_SPLIT_BITS
        /* The top ZC_EVA_SPLIT_BITS bits (ZC_EVA_SPLIT_LOW: the low ones)
           of byte ZC_EVA_SPLIT_AT, one state
           per value (a flag or length byte: tests/prove/eva.sh,
           EVA_SPLIT): the bits still take every value, but each state
           knows its own, so a flag or a length the parse tested keeps its
           value in the accessors, setters and steps that read it again. */
        if (n > ZC_EVA_SPLIT_AT) {
            unsigned hi = Frama_C_unsigned_int_interval(0, (1u << ZC_EVA_SPLIT_BITS) - 1);
            unsigned lo = Frama_C_unsigned_int_interval(0, (1u << (8 - ZC_EVA_SPLIT_BITS)) - 1);
            //@ split hi;
#ifdef ZC_EVA_SPLIT_LOW
            /* the low bits instead (a flag field at the bottom of the
               byte: llc's control, whose low 2 bits say whether
               control_ext follows) */
            p[ZC_EVA_SPLIT_AT] = (uint8_t)((lo << ZC_EVA_SPLIT_BITS) | hi);
#else
            p[ZC_EVA_SPLIT_AT] = (uint8_t)((hi << (8 - ZC_EVA_SPLIT_BITS)) | lo);
#endif
        }
#endif
        (void)LLVMFuzzerTestOneInput(p, n);
        free(p);
    }
    return 0;
}
