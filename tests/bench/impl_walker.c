/*
 * impl_walker.c - the same walk with the generated stack walker:
 * benchstack_walk() (tests/bench/benchstack.zc, the work of bench.h as a
 * stack) parses every layer, then the fields are read from the layer
 * records with the same accessors as impl_zerocast.c.
 *
 * The walker stops without an error when a layer's payload is empty (there
 * is nothing to parse); bench.h counts a layer that the one below announces
 * (EtherType, protocol, port 53) but that has no bytes as malformed. The
 * last layer's tag says which: that is the only check here that the
 * walker does not do itself.
 */
#include <string.h>

#include "bench.h"
#include "benchstack.zc.h"

#define MAX_LAYERS 8

static inline void zc_addr6(ipv6_addr_view a, uint64_t *hi, uint64_t *lo)
{
    zc_bytes b = ipv6_addr_octets(a);
    memcpy(hi, b.ptr, 8);
    memcpy(lo, b.ptr + 8, 8);
}

static inline unsigned layer_err(benchstack_proto p)
{
    switch (p) {
    case BENCHSTACK_ETHERNET: return BENCH_ERR_ETH;
    case BENCHSTACK_VLAN:     return BENCH_ERR_VLAN;
    case BENCHSTACK_IPV4:     return BENCH_ERR_IPV4;
    case BENCHSTACK_IPV6:     return BENCH_ERR_IPV6;
    case BENCHSTACK_TCP:      return BENCH_ERR_TCP;
    case BENCHSTACK_UDP:      return BENCH_ERR_UDP;
    case BENCHSTACK_ICMPV4:
    case BENCHSTACK_ICMPV6:   return BENCH_ERR_ICMP;
    case BENCHSTACK_DNS:      return BENCH_ERR_DNS;
    default:                  return BENCH_NERR;
    }
}

static inline unsigned ip_next_err(ip_proto proto, int v6)
{
    if (proto == IP_PROTO_TCP)
        return BENCH_ERR_TCP;
    if (proto == IP_PROTO_UDP)
        return BENCH_ERR_UDP;
    if (proto == (v6 ? IP_PROTO_ICMPV6 : IP_PROTO_ICMP))
        return BENCH_ERR_ICMP;
    return 0;
}

static inline unsigned ether_next_err(ether_type type, int vlan_ok)
{
    if (type == ETHER_TYPE_IPV4)
        return BENCH_ERR_IPV4;
    if (type == ETHER_TYPE_IPV6)
        return BENCH_ERR_IPV6;
    if (type == ETHER_TYPE_VLAN && vlan_ok)
        return BENCH_ERR_VLAN;
    return 0;
}

/* The layer that l's fields announce after it (bench.h's rules), as its
   error: l's payload is empty, so that layer's parse would fail. */
static unsigned announced(const benchstack_layer *l)
{
    switch (l->proto) {
    case BENCHSTACK_ETHERNET:
        return ether_next_err(ethernet_type(l->v.ethernet), 1);
    case BENCHSTACK_VLAN:
        return ether_next_err(vlan_type(l->v.vlan), 0);
    case BENCHSTACK_IPV4:
        return ip_next_err(ipv4_protocol(l->v.ipv4), 0);
    case BENCHSTACK_IPV6:
        return ip_next_err(ipv6_next_header(l->v.ipv6), 1);
    case BENCHSTACK_UDP:
        return zc_be16toh(udp_src_port(l->v.udp)) == 53 || zc_be16toh(udp_dst_port(l->v.udp)) == 53
               ? BENCH_ERR_DNS : 0;
    default:
        return 0;
    }
}

static inline uint64_t walker_walk(const uint8_t *p, size_t len, unsigned *err)
{
    benchstack_layer ls[MAX_LAYERS];
    size_t n, i;
    uint64_t acc = 0;
    unsigned next;

    if (benchstack_walk(p, len, BENCHSTACK_ETHERNET, ls, MAX_LAYERS, &n).code != ZC_OK) {
        unsigned e = n < MAX_LAYERS ? layer_err(ls[n].proto) : BENCH_NERR;
        return *err = e, ERR_VALUE(e);
    }
    for (i = 0; i < n; i++) {
        const benchstack_layer *l = &ls[i];
        switch (l->proto) {
        case BENCHSTACK_ETHERNET: {
            ether_type type = ethernet_type(l->v.ethernet);
            MIX(acc, type, F_ETH_TYPE);
            break;
        }
        case BENCHSTACK_VLAN: {
            ether_type type = vlan_type(l->v.vlan);
            MIX(acc, vlan_vid(l->v.vlan), F_VLAN_VID);
            MIX(acc, type, F_VLAN_TYPE);
            break;
        }
        case BENCHSTACK_IPV4: {
            ipv4_view ip = l->v.ipv4;
            ip_proto proto = ipv4_protocol(ip);
            MIX(acc, zc_load_msb32(ipv4_addr_octets(ipv4_src(ip)).ptr), F_IP_SRC);
            MIX(acc, zc_load_msb32(ipv4_addr_octets(ipv4_dst(ip)).ptr), F_IP_DST);
            MIX(acc, ipv4_ttl(ip), F_IP_TTL);
            MIX(acc, zc_be16toh(ipv4_total_length(ip)), F_IP_LEN);
            MIX(acc, proto, F_IP_PROTO);
            break;
        }
        case BENCHSTACK_IPV6: {
            ipv6_view ip = l->v.ipv6;
            ip_proto proto = ipv6_next_header(ip);
            uint64_t a, b;
            zc_addr6(ipv6_src(ip), &a, &b);
            MIX(acc, a, F_IP_SRC);
            MIX(acc, b, F_IP6_SRC1);
            zc_addr6(ipv6_dst(ip), &a, &b);
            MIX(acc, a, F_IP_DST);
            MIX(acc, b, F_IP6_DST1);
            MIX(acc, ipv6_hop_limit(ip), F_IP_TTL);
            MIX(acc, zc_be16toh(ipv6_payload_length(ip)), F_IP_LEN);
            MIX(acc, proto, F_IP_PROTO);
            break;
        }
        case BENCHSTACK_TCP: {
            tcp_view t = l->v.tcp;
            MIX(acc, zc_be16toh(tcp_src_port(t)), F_L4_SPORT);
            MIX(acc, zc_be16toh(tcp_dst_port(t)), F_L4_DPORT);
            MIX(acc, tcp_flags(t), F_TCP_FLAGS);
            MIX(acc, zc_be16toh(tcp_window(t)), F_TCP_WIN);
            break;
        }
        case BENCHSTACK_UDP: {
            udp_view u = l->v.udp;
            uint16_t sport = zc_be16toh(udp_src_port(u)), dport = zc_be16toh(udp_dst_port(u));
            MIX(acc, sport, F_L4_SPORT);
            MIX(acc, dport, F_L4_DPORT);
            MIX(acc, zc_be16toh(udp_length(u)), F_UDP_LEN);
            break;
        }
        case BENCHSTACK_ICMPV4:
            MIX(acc, icmpv4_type(l->v.icmpv4), F_ICMP_TYPE);
            MIX(acc, icmpv4_code(l->v.icmpv4), F_ICMP_CODE);
            break;
        case BENCHSTACK_ICMPV6:
            MIX(acc, icmpv6_type(l->v.icmpv6), F_ICMP_TYPE);
            MIX(acc, icmpv6_code(l->v.icmpv6), F_ICMP_CODE);
            break;
        case BENCHSTACK_DNS:
            MIX(acc, zc_be16toh(dns_id(l->v.dns)), F_DNS_ID);
            MIX(acc, dns_flags(l->v.dns), F_DNS_FLAGS);
            MIX(acc, zc_be16toh(dns_qdcount(l->v.dns)), F_DNS_QD);
            break;
        default:
            break;
        }
    }
    /* the last layer's payload is empty: was a layer announced? (A TCP,
       ICMP or DNS layer has no successor, and an empty payload.) */
    if (ls[n - 1].payload.len == 0 && (next = announced(&ls[n - 1])) != 0)
        return *err = next, ERR_VALUE(next);
    return acc;
}

BENCH_DEFINE_RUN(walker, walker_walk)

/*
 * The same with benchstack_walk_each(): the walker hands each layer to
 * on_layer() as it parses it. on_layer is always inlined, so that at each
 * of the walker's layers its switch folds to that layer's case.
 */
typedef struct {
    uint64_t acc;
    unsigned err;
    unsigned next;
} each_ctx;

static inline __attribute__((always_inline)) void on_layer(void *ctx, const benchstack_layer *l, zc_status st)
{
    each_ctx *c = (each_ctx *)ctx;
    uint64_t acc = 0;
    unsigned next = 0;

    if (st.code != ZC_OK) {
        c->err = layer_err(l->proto);
        return;
    }
    switch (l->proto) {
    case BENCHSTACK_ETHERNET: {
        ether_type type = ethernet_type(l->v.ethernet);
        MIX(acc, type, F_ETH_TYPE);
        if (l->payload.len == 0)
            next = ether_next_err(type, 1);
        break;
    }
    case BENCHSTACK_VLAN: {
        ether_type type = vlan_type(l->v.vlan);
        MIX(acc, vlan_vid(l->v.vlan), F_VLAN_VID);
        MIX(acc, type, F_VLAN_TYPE);
        if (l->payload.len == 0)
            next = ether_next_err(type, 0);
        break;
    }
    case BENCHSTACK_IPV4: {
        ipv4_view ip = l->v.ipv4;
        ip_proto proto = ipv4_protocol(ip);
        MIX(acc, zc_load_msb32(ipv4_addr_octets(ipv4_src(ip)).ptr), F_IP_SRC);
        MIX(acc, zc_load_msb32(ipv4_addr_octets(ipv4_dst(ip)).ptr), F_IP_DST);
        MIX(acc, ipv4_ttl(ip), F_IP_TTL);
        MIX(acc, zc_be16toh(ipv4_total_length(ip)), F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        if (l->payload.len == 0)
            next = ip_next_err(proto, 0);
        break;
    }
    case BENCHSTACK_IPV6: {
        ipv6_view ip = l->v.ipv6;
        ip_proto proto = ipv6_next_header(ip);
        uint64_t a, b;
        zc_addr6(ipv6_src(ip), &a, &b);
        MIX(acc, a, F_IP_SRC);
        MIX(acc, b, F_IP6_SRC1);
        zc_addr6(ipv6_dst(ip), &a, &b);
        MIX(acc, a, F_IP_DST);
        MIX(acc, b, F_IP6_DST1);
        MIX(acc, ipv6_hop_limit(ip), F_IP_TTL);
        MIX(acc, zc_be16toh(ipv6_payload_length(ip)), F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        if (l->payload.len == 0)
            next = ip_next_err(proto, 1);
        break;
    }
    case BENCHSTACK_TCP: {
        tcp_view t = l->v.tcp;
        MIX(acc, zc_be16toh(tcp_src_port(t)), F_L4_SPORT);
        MIX(acc, zc_be16toh(tcp_dst_port(t)), F_L4_DPORT);
        MIX(acc, tcp_flags(t), F_TCP_FLAGS);
        MIX(acc, zc_be16toh(tcp_window(t)), F_TCP_WIN);
        break;
    }
    case BENCHSTACK_UDP: {
        udp_view u = l->v.udp;
        uint16_t sport = zc_be16toh(udp_src_port(u)), dport = zc_be16toh(udp_dst_port(u));
        MIX(acc, sport, F_L4_SPORT);
        MIX(acc, dport, F_L4_DPORT);
        MIX(acc, zc_be16toh(udp_length(u)), F_UDP_LEN);
        if (l->payload.len == 0 && (sport == 53 || dport == 53))
            next = BENCH_ERR_DNS;
        break;
    }
    case BENCHSTACK_ICMPV4:
        MIX(acc, icmpv4_type(l->v.icmpv4), F_ICMP_TYPE);
        MIX(acc, icmpv4_code(l->v.icmpv4), F_ICMP_CODE);
        break;
    case BENCHSTACK_ICMPV6:
        MIX(acc, icmpv6_type(l->v.icmpv6), F_ICMP_TYPE);
        MIX(acc, icmpv6_code(l->v.icmpv6), F_ICMP_CODE);
        break;
    case BENCHSTACK_DNS:
        MIX(acc, zc_be16toh(dns_id(l->v.dns)), F_DNS_ID);
        MIX(acc, dns_flags(l->v.dns), F_DNS_FLAGS);
        MIX(acc, zc_be16toh(dns_qdcount(l->v.dns)), F_DNS_QD);
        break;
    default:
        break;
    }
    c->acc += acc;
    c->next = next;
}

/* noinline: the run loop and bench_one both call it, and it is the one
   caller of benchstack_walk_each(), which GCC then inlines into it (a
   static function called once), so that `c` lives in registers. */
static __attribute__((noinline)) uint64_t walker_each(const uint8_t *p, size_t len, unsigned *err)
{
    each_ctx c;
    c.acc = 0;
    c.err = 0;
    c.next = 0;
    benchstack_walk_each(p, len, BENCHSTACK_ETHERNET, MAX_LAYERS, on_layer, &c);
    if (c.err)
        return *err = c.err, ERR_VALUE(c.err);
    if (c.next)   /* the last layer announced one without bytes */
        return *err = c.next, ERR_VALUE(c.next);
    return c.acc;
}

BENCH_DEFINE_RUN(walkeach, walker_each)
