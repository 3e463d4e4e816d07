/*
 * impl_unsafe.c - the classic C idiom: cast the buffer to packed header
 * structs and read fields through them with ntohs()/ntohl().
 *
 * Casting a uint8_t buffer to a struct and reading through it is undefined
 * behaviour in ISO C (effective-type/aliasing rules, and alignment if the
 * structs were not packed), and reading a header the buffer does not hold
 * is an out-of-bounds read. This file only reads a header after checking
 * the length, the structs are packed (alignment 1), and the benchmark
 * stores every frame so that its IP header is 4-byte aligned, so on
 * gcc/clang x86-64 it does what it appears to do. It performs exactly the
 * checks listed in bench.h - as few as that validation needs.
 */
#include <arpa/inet.h>
#include <string.h>

#include "bench.h"

struct u_eth {
    uint8_t dst[6];
    uint8_t src[6];
    uint16_t type;
} __attribute__((packed));

struct u_vlan {
    uint16_t tci;
    uint16_t type;
} __attribute__((packed));

struct u_ipv4 {
    uint8_t ver_ihl;
    uint8_t tos;
    uint16_t tot_len;
    uint16_t id;
    uint16_t frag;
    uint8_t ttl;
    uint8_t proto;
    uint16_t csum;
    uint32_t saddr;
    uint32_t daddr;
} __attribute__((packed));

struct u_ipv6 {
    uint32_t vtc_flow;
    uint16_t plen;
    uint8_t nxt;
    uint8_t hlim;
    uint64_t src[2];
    uint64_t dst[2];
} __attribute__((packed));

struct u_tcp {
    uint16_t sport;
    uint16_t dport;
    uint32_t seq;
    uint32_t ack;
    uint8_t off;
    uint8_t flags;
    uint16_t win;
    uint16_t csum;
    uint16_t urp;
} __attribute__((packed));

struct u_udp {
    uint16_t sport;
    uint16_t dport;
    uint16_t len;
    uint16_t csum;
} __attribute__((packed));

struct u_icmp {
    uint8_t type;
    uint8_t code;
    uint16_t csum;
} __attribute__((packed));

struct u_dns {
    uint16_t id;
    uint16_t flags;
    uint16_t qdcount;
    uint16_t ancount;
    uint16_t nscount;
    uint16_t arcount;
} __attribute__((packed));

#define FAIL(layer) return *err = (layer), ERR_VALUE(layer)

static inline uint64_t unsafe_walk(const uint8_t *p, size_t len, unsigned *err)
{
    uint64_t acc = 0;
    const struct u_eth *eth = (const struct u_eth *)p;
    const uint8_t *l4;
    size_t off, rest, l4len;
    uint16_t type;
    uint8_t proto;
    int v6 = 0;

    if (len < sizeof *eth)
        FAIL(BENCH_ERR_ETH);
    type = ntohs(eth->type);
    if (type > 1500 && type < 0x0600)   /* 1500 or less: an 802.3 length (ethernet.zc) */
        FAIL(BENCH_ERR_ETH);
    MIX(acc, type, F_ETH_TYPE);
    off = sizeof *eth;

    if (type == 0x8100) {
        const struct u_vlan *vl = (const struct u_vlan *)(p + off);
        if (len - off < sizeof *vl)
            FAIL(BENCH_ERR_VLAN);
        type = ntohs(vl->type);
        MIX(acc, ntohs(vl->tci) & 0x0fff, F_VLAN_VID);
        MIX(acc, type, F_VLAN_TYPE);
        off += sizeof *vl;
    }
    rest = len - off;

    if (type == 0x0800) {
        const struct u_ipv4 *ip = (const struct u_ipv4 *)(p + off);
        size_t hl, tl;
        if (rest < sizeof *ip || (ip->ver_ihl >> 4) != 4)
            FAIL(BENCH_ERR_IPV4);
        hl = (size_t)(ip->ver_ihl & 0x0f) * 4;
        tl = ntohs(ip->tot_len);
        if (hl < sizeof *ip || hl > rest || tl < hl || tl > rest)
            FAIL(BENCH_ERR_IPV4);
        proto = ip->proto;
        MIX(acc, ntohl(ip->saddr), F_IP_SRC);
        MIX(acc, ntohl(ip->daddr), F_IP_DST);
        MIX(acc, ip->ttl, F_IP_TTL);
        MIX(acc, tl, F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        l4 = p + off + hl;
        l4len = tl - hl;
    } else if (type == 0x86dd) {
        const struct u_ipv6 *ip = (const struct u_ipv6 *)(p + off);
        size_t pl;
        if (rest < sizeof *ip || (ntohl(ip->vtc_flow) >> 28) != 6)
            FAIL(BENCH_ERR_IPV6);
        pl = ntohs(ip->plen);
        if (pl > rest - sizeof *ip)
            FAIL(BENCH_ERR_IPV6);
        proto = ip->nxt;
        MIX(acc, ip->src[0], F_IP_SRC);
        MIX(acc, ip->src[1], F_IP6_SRC1);
        MIX(acc, ip->dst[0], F_IP_DST);
        MIX(acc, ip->dst[1], F_IP6_DST1);
        MIX(acc, ip->hlim, F_IP_TTL);
        MIX(acc, pl, F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        l4 = p + off + sizeof *ip;
        l4len = pl;
        v6 = 1;
    } else {
        return acc;
    }

    if (proto == 6) {
        const struct u_tcp *th = (const struct u_tcp *)l4;
        if (l4len < sizeof *th || (th->off >> 4) < 5 || (size_t)(th->off >> 4) * 4 > l4len)
            FAIL(BENCH_ERR_TCP);
        MIX(acc, ntohs(th->sport), F_L4_SPORT);
        MIX(acc, ntohs(th->dport), F_L4_DPORT);
        MIX(acc, th->flags, F_TCP_FLAGS);
        MIX(acc, ntohs(th->win), F_TCP_WIN);
    } else if (proto == 17) {
        const struct u_udp *uh = (const struct u_udp *)l4;
        uint16_t sport, dport, ulen;
        if (l4len < sizeof *uh)
            FAIL(BENCH_ERR_UDP);
        ulen = ntohs(uh->len);
        if (ulen < sizeof *uh || ulen > l4len)
            FAIL(BENCH_ERR_UDP);
        sport = ntohs(uh->sport);
        dport = ntohs(uh->dport);
        MIX(acc, sport, F_L4_SPORT);
        MIX(acc, dport, F_L4_DPORT);
        MIX(acc, ulen, F_UDP_LEN);
        if (sport == 53 || dport == 53) {
            const struct u_dns *dh = (const struct u_dns *)(l4 + sizeof *uh);
            if ((size_t)ulen - sizeof *uh < sizeof *dh)
                FAIL(BENCH_ERR_DNS);
            MIX(acc, ntohs(dh->id), F_DNS_ID);
            MIX(acc, ntohs(dh->flags), F_DNS_FLAGS);
            MIX(acc, ntohs(dh->qdcount), F_DNS_QD);
        }
    } else if (proto == 1 && !v6) {
        const struct u_icmp *ic = (const struct u_icmp *)l4;
        if (l4len < 8)
            FAIL(BENCH_ERR_ICMP);
        MIX(acc, ic->type, F_ICMP_TYPE);
        MIX(acc, ic->code, F_ICMP_CODE);
    } else if (proto == 58 && v6) {
        const struct u_icmp *ic = (const struct u_icmp *)l4;
        if (l4len < sizeof *ic)
            FAIL(BENCH_ERR_ICMP);
        MIX(acc, ic->type, F_ICMP_TYPE);
        MIX(acc, ic->code, F_ICMP_CODE);
    }
    return acc;
}

BENCH_DEFINE_RUN(unsafe, unsafe_walk)
