/*
 * tests/outline/user.c - one of ten translation units that use
 * packet.zc.h's big functions: compiled with -DTU=0..9 (the function it
 * defines is tuN()), in default mode or with -DZEROCAST_OUT_OF_LINE; or,
 * included by rest.c (TU_REST), the fold for the tuN() defined there.
 * Walks a frame, visits each UDP layer and rebuilds its header with the
 * builder, and folds all it saw into one number.
 */
#include "packet.zc.h"
#include "outline.h"

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define TU_FN CAT(tu, TU)

static void fold_field(void *ctx, const zc_field *f)
{
    unsigned long *h = (unsigned long *)ctx;
    *h = *h * 31u + (unsigned long)f->offset + f->bits + (unsigned long)f->kind + (unsigned long)f->value;
}

static unsigned long rebuild_udp(udp_view v)
{
    uint8_t buf[2048];
    udp_builder b;
    udp_mview m;
    zc_bytes pl = udp_payload(v);
    udp_build(&b, buf, sizeof buf);
    (void)udp_put_src_port(&b, udp_src_port(v));
    (void)udp_put_dst_port(&b, udp_dst_port(v));
    (void)udp_put_checksum(&b, udp_checksum(v));
    (void)udp_put_payload(&b, pl.ptr, pl.len);
    zc_status st = udp_build_end(&b, &m);
    if (st.code != ZC_OK)
        return 1000u + (unsigned long)st.code;
    /* the rebuilt header is the original */
    return m.v.zc_len == v.zc_len && memcmp(buf, v.zc_base, v.zc_len) == 0 ? 7u : 13u;
}

static unsigned long user_fold(unsigned long tu, const uint8_t *p, size_t n)
{
    packet_layer l[16];
    size_t k = 0;
    unsigned long h = tu;
    zc_status st = packet_walk(p, n, PACKET_ETHERNET, l, 16, &k);
    h = h * 31u + (unsigned long)st.code;
    for (size_t i = 0; i < k; i++) {
        h = h * 31u + (unsigned long)l[i].proto + l[i].offset * 7u + l[i].bytes.len;
        if (l[i].proto == PACKET_UDP) {
            udp_visit(l[i].v.udp, fold_field, &h);
            h = h * 31u + rebuild_udp(l[i].v.udp);
        }
    }
    return h;
}

#ifndef TU_REST
unsigned long TU_FN(const uint8_t *p, size_t n)
{
    return user_fold((unsigned long)TU, p, n);
}
#endif
