/*
 * tests/outline/udp_user.c - a user of udp.zc.h alone, for the
 * per-schema ZEROCAST_IMPLEMENTATION_UDP case: parses the UDP datagram at
 * offset 34 of an IPv4 frame (if there is one), deep-parses and visits it.
 */
#include "udp.zc.h"
#include "outline.h"

static void fold_field(void *ctx, const zc_field *f)
{
    unsigned long *h = (unsigned long *)ctx;
    *h = *h * 31u + (unsigned long)f->offset + f->bits + (unsigned long)f->value;
}

unsigned long udp_user(const uint8_t *p, size_t n)
{
    udp_view v;
    unsigned long h = 5;
    if (n < 34 || p[12] != 0x08 || p[13] != 0x00 || p[23] != 17)
        return h;
    zc_status st = udp_parse_deep(&v, p + 34, n - 34);
    h = h * 31u + (unsigned long)st.code;
    if (st.code == ZC_OK)
        udp_visit(v, fold_field, &h);
    return h;
}
