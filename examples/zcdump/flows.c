/*
 * flows.c - tcpdump's relative TCP sequence numbers (off with -S).
 *
 * tcpdump remembers, per TCP connection (addresses and ports, both
 * directions as one), the sequence and acknowledgment numbers of the
 * first segment with ACK set that it sees (again at every SYN-ACK), prints
 * that segment's numbers as they are and every later segment's relative
 * to them. Segments without ACK (a SYN) are printed as they are and
 * change nothing. zcdump does the same with a fixed table: ZD_FLOWS
 * entries in sets of ZD_WAYS; a new connection whose set is full replaces
 * the one used least recently there, which then starts over (absolute
 * numbers once) if it comes back. Memory stays bounded whatever the
 * capture holds.
 */
#include <string.h>

#include "zcdump.h"

#define ZD_WAYS 4
#define ZD_SETS (ZD_FLOWS / ZD_WAYS)

typedef struct {
    uint8_t family;          /* 0: free; 4 or 6 */
    uint8_t a[16], b[16];    /* the lower address first (as tcpdump orders them) */
    uint32_t ports;          /* a's port << 16 | b's port */
    uint32_t seq, ack;       /* a's sequence base, b's sequence base */
    uint64_t used;           /* for replacing the least recently used */
} flow;

static flow flows[ZD_SETS][ZD_WAYS];
static uint64_t clock_;

static uint32_t hash(const flow *k)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (size_t i = 0; i < 16; i++)
        h = (h ^ k->a[i]) * 16777619u;
    for (size_t i = 0; i < 16; i++)
        h = (h ^ k->b[i]) * 16777619u;
    h = (h ^ k->ports) * 16777619u;
    return (h ^ k->family) % ZD_SETS;
}

void zd_flow_relative(const zd_packet *p, size_t i, uint32_t *seq, uint32_t *ack, uint32_t *sack)
{
    tcp_view t = p->layers[i].l.v.tcp;
    const uint8_t *src = NULL, *dst = NULL;
    size_t n = 0;
    uint16_t sport = zc_be16toh(tcp_src_port(t)), dport = zc_be16toh(tcp_dst_port(t));
    flow k, *set, *e = NULL;
    bool rev;
    int cmp;

    *sack = 0;
    if (zd_opt.abs_seq || !tcp_ack(t))
        return;
    for (size_t j = i; j-- > 0 && !src;) {
        const zd_layer *l = &p->layers[j];
        if (l->kind != ZD_PACKET)
            continue;
        if (l->l.proto == PACKET_IPV4) {
            src = ipv4_addr_octets(ipv4_src(l->l.v.ipv4)).ptr;
            dst = ipv4_addr_octets(ipv4_dst(l->l.v.ipv4)).ptr;
            n = 4;
        } else if (l->l.proto == PACKET_IPV6) {
            src = ipv6_addr_octets(ipv6_src(l->l.v.ipv6)).ptr;
            dst = ipv6_addr_octets(ipv6_dst(l->l.v.ipv6)).ptr;
            n = 16;
        }
    }
    if (!src)
        return;
    memset(&k, 0, sizeof k);
    k.family = n == 4 ? 4 : 6;
    cmp = memcmp(src, dst, n);
    rev = cmp > 0 || (cmp == 0 && sport > dport);
    memcpy(k.a, rev ? dst : src, n);
    memcpy(k.b, rev ? src : dst, n);
    k.ports = rev ? ((uint32_t)dport << 16 | sport) : ((uint32_t)sport << 16 | dport);

    set = flows[hash(&k)];
    for (int w = 0; w < ZD_WAYS && !e; w++)
        if (set[w].family == k.family && set[w].ports == k.ports &&
            memcmp(set[w].a, k.a, 16) == 0 && memcmp(set[w].b, k.b, 16) == 0)
            e = &set[w];
    if (e && !tcp_syn(t)) {
        *sack = rev ? e->seq : e->ack;
        if (rev) {
            *seq -= e->ack;
            *ack -= e->seq;
        } else {
            *seq -= e->seq;
            *ack -= e->ack;
        }
        e->used = ++clock_;
        return;
    }
    if (!e) {   /* a free way, or the least recently used one */
        e = &set[0];
        for (int w = 1; w < ZD_WAYS; w++)
            if (set[w].used < e->used)
                e = &set[w];
        *e = k;
    }
    /* a new connection (or a SYN-ACK): its numbers are the bases */
    if (rev) {
        e->ack = *seq;
        e->seq = *ack - 1u;
    } else {
        e->seq = *seq;
        e->ack = *ack - 1u;
    }
    *sack = rev ? e->seq : e->ack;
    e->used = ++clock_;
}
