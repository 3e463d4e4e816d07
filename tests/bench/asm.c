/*
 * asm.c - small noinline wrappers whose -O2 code `make bench-asm` prints
 * (objdump -d), to see what zerocast's accessors and parse functions cost
 * next to the same work written by hand.
 *
 *   asm_zc_ipv4_total_length    be16 field -> host integer
 *   asm_zc_ipv4_ihl             4-bit field
 *   asm_zc_udp_parse            udp_parse(), status checked as callers do
 *   asm_zc_ipv4_parse           ipv4_parse(), status checked as callers do
 *   asm_hand_*                  the same by hand (memcpy loads, bench.h rules)
 */
#include <arpa/inet.h>
#include <string.h>

#include "ipv4.zc.h"
#include "udp.zc.h"

#define NOINLINE __attribute__((noinline))

NOINLINE uint16_t asm_zc_ipv4_total_length(ipv4_view v)
{
    return zc_be16toh(ipv4_total_length(v));
}

NOINLINE uint8_t asm_zc_ipv4_ihl(ipv4_view v)
{
    return ipv4_ihl(v);
}

NOINLINE int asm_zc_udp_parse(udp_view *v, const uint8_t *p, size_t len)
{
    return udp_parse(v, p, len).code == ZC_OK;
}

NOINLINE int asm_zc_ipv4_parse(ipv4_view *v, const uint8_t *p, size_t len)
{
    return ipv4_parse(v, p, len).code == ZC_OK;
}

/* ---- by hand ----------------------------------------------------------- */

typedef struct {
    const uint8_t *base;
    size_t len;
} hand_view;

NOINLINE uint16_t asm_hand_ipv4_total_length(const uint8_t *ip)
{
    uint16_t x;
    memcpy(&x, ip + 2, 2);
    return ntohs(x);
}

NOINLINE uint8_t asm_hand_ipv4_ihl(const uint8_t *ip)
{
    return ip[0] & 0x0f;
}

NOINLINE int asm_hand_udp_parse(hand_view *v, const uint8_t *p, size_t len)
{
    uint16_t ulen;
    if (len < 8)
        return 0;
    memcpy(&ulen, p + 4, 2);
    ulen = ntohs(ulen);
    if (ulen < 8 || ulen > len)
        return 0;
    v->base = p;
    v->len = ulen;
    return 1;
}

NOINLINE int asm_hand_ipv4_parse(hand_view *v, const uint8_t *p, size_t len)
{
    size_t hl, tl;
    uint16_t x;
    if (len < 20 || p[0] >> 4 != 4)
        return 0;
    hl = (size_t)(p[0] & 0x0f) * 4;
    memcpy(&x, p + 2, 2);
    tl = ntohs(x);
    if (hl < 20 || hl > len || tl < hl || tl > len)
        return 0;
    v->base = p;
    v->len = tl;
    return 1;
}
