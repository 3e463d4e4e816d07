/*
 * impl_careful.c - the walk as a careful C programmer writes it by hand:
 * no casts to structs, every load a fixed-size memcpy (one mov at -O2)
 * after an explicit length check, offsets as named constants.
 */
#include <string.h>

#include "bench.h"

static inline uint16_t rd16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, sizeof v);
    return __builtin_bswap16(v);
}

static inline uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return __builtin_bswap32(v);
}

static inline uint64_t rd64_raw(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

enum {
    ETH_HLEN = 14, ETH_TYPE = 12,
    VLAN_HLEN = 4, VLAN_TCI = 0, VLAN_TYPE = 2,
    IP4_HLEN = 20, IP4_VER_IHL = 0, IP4_TOT_LEN = 2, IP4_TTL = 8, IP4_PROTO = 9,
    IP4_SRC = 12, IP4_DST = 16,
    IP6_HLEN = 40, IP6_PLEN = 4, IP6_NXT = 6, IP6_HLIM = 7, IP6_SRC = 8, IP6_DST = 24,
    TCP_HLEN = 20, TCP_SPORT = 0, TCP_DPORT = 2, TCP_OFF = 12, TCP_FLAGS = 13, TCP_WIN = 14,
    UDP_HLEN = 8, UDP_SPORT = 0, UDP_DPORT = 2, UDP_LEN = 4,
    DNS_HLEN = 12, DNS_ID = 0, DNS_FLAGS = 2, DNS_QDCOUNT = 4,
    ICMP4_HLEN = 8, ICMP6_HLEN = 4
};

#define FAIL(layer) return *err = (layer), ERR_VALUE(layer)

static inline uint64_t careful_walk(const uint8_t *p, size_t len, unsigned *err)
{
    uint64_t acc = 0;
    uint16_t type;
    uint8_t proto;
    int v6 = 0;

    if (len < ETH_HLEN)
        FAIL(BENCH_ERR_ETH);
    type = rd16(p + ETH_TYPE);
    if (type > 1500 && type < 0x0600)   /* 1500 or less: an 802.3 length (ethernet.zc) */
        FAIL(BENCH_ERR_ETH);
    MIX(acc, type, F_ETH_TYPE);
    p += ETH_HLEN;
    len -= ETH_HLEN;

    if (type == 0x8100) {
        if (len < VLAN_HLEN)
            FAIL(BENCH_ERR_VLAN);
        type = rd16(p + VLAN_TYPE);
        MIX(acc, rd16(p + VLAN_TCI) & 0x0fff, F_VLAN_VID);
        MIX(acc, type, F_VLAN_TYPE);
        p += VLAN_HLEN;
        len -= VLAN_HLEN;
    }

    if (type == 0x0800) {
        size_t hl, tl;
        if (len < IP4_HLEN || p[IP4_VER_IHL] >> 4 != 4)
            FAIL(BENCH_ERR_IPV4);
        hl = (size_t)(p[IP4_VER_IHL] & 0x0f) * 4;
        tl = rd16(p + IP4_TOT_LEN);
        if (hl < IP4_HLEN || hl > len || tl < hl || tl > len)
            FAIL(BENCH_ERR_IPV4);
        proto = p[IP4_PROTO];
        MIX(acc, rd32(p + IP4_SRC), F_IP_SRC);
        MIX(acc, rd32(p + IP4_DST), F_IP_DST);
        MIX(acc, p[IP4_TTL], F_IP_TTL);
        MIX(acc, tl, F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        p += hl;
        len = tl - hl;
    } else if (type == 0x86dd) {
        size_t pl;
        if (len < IP6_HLEN || p[0] >> 4 != 6)
            FAIL(BENCH_ERR_IPV6);
        pl = rd16(p + IP6_PLEN);
        if (pl > len - IP6_HLEN)
            FAIL(BENCH_ERR_IPV6);
        proto = p[IP6_NXT];
        MIX(acc, rd64_raw(p + IP6_SRC), F_IP_SRC);
        MIX(acc, rd64_raw(p + IP6_SRC + 8), F_IP6_SRC1);
        MIX(acc, rd64_raw(p + IP6_DST), F_IP_DST);
        MIX(acc, rd64_raw(p + IP6_DST + 8), F_IP6_DST1);
        MIX(acc, p[IP6_HLIM], F_IP_TTL);
        MIX(acc, pl, F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        p += IP6_HLEN;
        len = pl;
        v6 = 1;
    } else {
        return acc;
    }

    if (proto == 6) {
        size_t doff;
        if (len < TCP_HLEN)
            FAIL(BENCH_ERR_TCP);
        doff = p[TCP_OFF] >> 4;
        if (doff < 5 || doff * 4 > len)
            FAIL(BENCH_ERR_TCP);
        MIX(acc, rd16(p + TCP_SPORT), F_L4_SPORT);
        MIX(acc, rd16(p + TCP_DPORT), F_L4_DPORT);
        MIX(acc, p[TCP_FLAGS], F_TCP_FLAGS);
        MIX(acc, rd16(p + TCP_WIN), F_TCP_WIN);
    } else if (proto == 17) {
        uint16_t sport, dport, ulen;
        if (len < UDP_HLEN)
            FAIL(BENCH_ERR_UDP);
        ulen = rd16(p + UDP_LEN);
        if (ulen < UDP_HLEN || ulen > len)
            FAIL(BENCH_ERR_UDP);
        sport = rd16(p + UDP_SPORT);
        dport = rd16(p + UDP_DPORT);
        MIX(acc, sport, F_L4_SPORT);
        MIX(acc, dport, F_L4_DPORT);
        MIX(acc, ulen, F_UDP_LEN);
        if (sport == 53 || dport == 53) {
            const uint8_t *d = p + UDP_HLEN;
            if ((size_t)ulen - UDP_HLEN < DNS_HLEN)
                FAIL(BENCH_ERR_DNS);
            MIX(acc, rd16(d + DNS_ID), F_DNS_ID);
            MIX(acc, rd16(d + DNS_FLAGS), F_DNS_FLAGS);
            MIX(acc, rd16(d + DNS_QDCOUNT), F_DNS_QD);
        }
    } else if (proto == 1 && !v6) {
        if (len < ICMP4_HLEN)
            FAIL(BENCH_ERR_ICMP);
        MIX(acc, p[0], F_ICMP_TYPE);
        MIX(acc, p[1], F_ICMP_CODE);
    } else if (proto == 58 && v6) {
        if (len < ICMP6_HLEN)
            FAIL(BENCH_ERR_ICMP);
        MIX(acc, p[0], F_ICMP_TYPE);
        MIX(acc, p[1], F_ICMP_CODE);
    }
    return acc;
}

BENCH_DEFINE_RUN(careful, careful_walk)
