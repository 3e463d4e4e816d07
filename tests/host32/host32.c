/*
 * host32.c - prints NAME_frame() and NAME_parse() results for the cases of
 * tests/unit/framecases.h, one line each, in a form that must be the same
 * on a 32-bit and a 64-bit host (run.sh builds it both ways and compares):
 * a size that fits 32 bits is printed, a larger one as "over 2^32 - 2"
 * (a 32-bit host reports it as SIZE_MAX; a 64-bit host's exact value is
 * checked here against the table and by test_packets).
 * Exit status 1 if a result differs from the table on this host.
 */
#include <stdio.h>
#include <string.h>

#include "framecases.h"

static const char *state_name(zc_frame_state s)
{
    return s == ZC_FRAME_NEED ? "NEED" : s == ZC_FRAME_COMPLETE ? "COMPLETE" : "MALFORMED";
}

int main(void)
{
    int bad = 0;
    for (size_t i = 0; i < N_FRAME_CASES; i++) {
        const frame_case *c = &frame_cases[i];
        zc_status st;
        zc_frame fr = frame_case_run(c, &st);
        char size[40];
        if (fr.size < (size_t)0xfffffffeu || (uint64_t)fr.size == 0xfffffffeu)
            snprintf(size, sizeof size, "%llu", (unsigned long long)fr.size);
        else
            snprintf(size, sizeof size, "over 2^32 - 2");
        printf("%-32s frame %-9s size %-14s parse %d at %lu %s\n", c->name, state_name(fr.state), size,
               (int)st.code, (unsigned long)st.offset, st.field ? st.field : "-");
        if (fr.state != c->state || fr.size != frame_case_size(c->need) || st.code != c->parse ||
            (c->parse != ZC_OK && (st.offset != c->parse_offset || strcmp(st.field, c->parse_field) != 0))) {
            fprintf(stderr, "host32: %s: not as in framecases.h on this host\n", c->name);
            bad = 1;
        }
    }
    return bad;
}
