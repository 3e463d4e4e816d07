/*
 * impl_zerocast.c - the walk written with zerocast's generated headers:
 * NAME_parse() to validate each layer, accessors to read fields, views and
 * zc_bytes slices to go down a layer. No other checks, no other loads.
 */
#include <string.h>

#include "bench.h"
#include "ethernet.zc.h"
#include "vlan.zc.h"
#include "ipv4.zc.h"
#include "ipv6.zc.h"
#include "tcp.zc.h"
#include "udp.zc.h"
#include "dns.zc.h"
#include "icmpv4.zc.h"
#include "icmpv6.zc.h"

/* An ipv6_addr as two 8-byte halves (same loads as the other variants). */
static inline void zc_addr6(ipv6_addr_view a, uint64_t *hi, uint64_t *lo)
{
    zc_bytes b = ipv6_addr_octets(a);
    memcpy(hi, b.ptr, 8);
    memcpy(lo, b.ptr + 8, 8);
}

static inline uint64_t zc_walk(const uint8_t *p, size_t len, unsigned *err)
{
    uint64_t acc = 0;
    ethernet_view eth;
    ether_type type;
    zc_bytes l3, l4;
    ip_proto proto;
    int v6 = 0;

    if (ethernet_parse(&eth, p, len).code != ZC_OK)
        return *err = BENCH_ERR_ETH, ERR_VALUE(BENCH_ERR_ETH);
    type = ethernet_type(eth);
    MIX(acc, type, F_ETH_TYPE);
    l3 = ethernet_payload(eth);

    if (type == ETHER_TYPE_VLAN) {
        vlan_view vl;
        if (vlan_parse(&vl, l3.ptr, l3.len).code != ZC_OK)
            return *err = BENCH_ERR_VLAN, ERR_VALUE(BENCH_ERR_VLAN);
        type = vlan_type(vl);
        MIX(acc, vlan_vid(vl), F_VLAN_VID);
        MIX(acc, type, F_VLAN_TYPE);
        l3 = vlan_payload(vl);
    }

    if (type == ETHER_TYPE_IPV4) {
        ipv4_view ip;
        if (ipv4_parse(&ip, l3.ptr, l3.len).code != ZC_OK)
            return *err = BENCH_ERR_IPV4, ERR_VALUE(BENCH_ERR_IPV4);
        proto = ipv4_protocol(ip);
        MIX(acc, zc_load_msb32(ipv4_addr_octets(ipv4_src(ip)).ptr), F_IP_SRC);
        MIX(acc, zc_load_msb32(ipv4_addr_octets(ipv4_dst(ip)).ptr), F_IP_DST);
        MIX(acc, ipv4_ttl(ip), F_IP_TTL);
        MIX(acc, zc_be16toh(ipv4_total_length(ip)), F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        l4 = ipv4_payload(ip);
    } else if (type == ETHER_TYPE_IPV6) {
        ipv6_view ip;
        uint64_t a, b;
        if (ipv6_parse(&ip, l3.ptr, l3.len).code != ZC_OK)
            return *err = BENCH_ERR_IPV6, ERR_VALUE(BENCH_ERR_IPV6);
        proto = ipv6_next_header(ip);
        zc_addr6(ipv6_src(ip), &a, &b);
        MIX(acc, a, F_IP_SRC);
        MIX(acc, b, F_IP6_SRC1);
        zc_addr6(ipv6_dst(ip), &a, &b);
        MIX(acc, a, F_IP_DST);
        MIX(acc, b, F_IP6_DST1);
        MIX(acc, ipv6_hop_limit(ip), F_IP_TTL);
        MIX(acc, zc_be16toh(ipv6_payload_length(ip)), F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        l4 = ipv6_payload(ip);
        v6 = 1;
    } else {
        return acc;
    }

    if (proto == IP_PROTO_TCP) {
        tcp_view t;
        if (tcp_parse(&t, l4.ptr, l4.len).code != ZC_OK)
            return *err = BENCH_ERR_TCP, ERR_VALUE(BENCH_ERR_TCP);
        MIX(acc, zc_be16toh(tcp_src_port(t)), F_L4_SPORT);
        MIX(acc, zc_be16toh(tcp_dst_port(t)), F_L4_DPORT);
        MIX(acc, tcp_flags(t), F_TCP_FLAGS);
        MIX(acc, zc_be16toh(tcp_window(t)), F_TCP_WIN);
    } else if (proto == IP_PROTO_UDP) {
        udp_view u;
        uint16_t sport, dport;
        if (udp_parse(&u, l4.ptr, l4.len).code != ZC_OK)
            return *err = BENCH_ERR_UDP, ERR_VALUE(BENCH_ERR_UDP);
        sport = zc_be16toh(udp_src_port(u));
        dport = zc_be16toh(udp_dst_port(u));
        MIX(acc, sport, F_L4_SPORT);
        MIX(acc, dport, F_L4_DPORT);
        MIX(acc, zc_be16toh(udp_length(u)), F_UDP_LEN);
        if (sport == 53 || dport == 53) {
            zc_bytes body = udp_payload(u);
            dns_view d;
            if (dns_parse(&d, body.ptr, body.len).code != ZC_OK)
                return *err = BENCH_ERR_DNS, ERR_VALUE(BENCH_ERR_DNS);
            MIX(acc, zc_be16toh(dns_id(d)), F_DNS_ID);
            MIX(acc, dns_flags(d), F_DNS_FLAGS);
            MIX(acc, zc_be16toh(dns_qdcount(d)), F_DNS_QD);
        }
    } else if (proto == IP_PROTO_ICMP && !v6) {
        icmpv4_view ic;
        if (icmpv4_parse(&ic, l4.ptr, l4.len).code != ZC_OK)
            return *err = BENCH_ERR_ICMP, ERR_VALUE(BENCH_ERR_ICMP);
        MIX(acc, icmpv4_type(ic), F_ICMP_TYPE);
        MIX(acc, icmpv4_code(ic), F_ICMP_CODE);
    } else if (proto == IP_PROTO_ICMPV6 && v6) {
        icmpv6_view ic;
        if (icmpv6_parse(&ic, l4.ptr, l4.len).code != ZC_OK)
            return *err = BENCH_ERR_ICMP, ERR_VALUE(BENCH_ERR_ICMP);
        MIX(acc, icmpv6_type(ic), F_ICMP_TYPE);
        MIX(acc, icmpv6_code(ic), F_ICMP_CODE);
    }
    return acc;
}

BENCH_DEFINE_RUN(zerocast, zc_walk)

/* The region an iterator walks, as a slice. */
static zc_bytes region(const uint8_t *base, size_t pos, size_t end)
{
    return zc_bytes_make(base + pos, end - pos);
}
#define REGION(it) region((it).zc_base, (it).zc_pos, (it).zc_end)

/* Zero-copy check: every slice the walk uses lies inside the packet. */
static int inside(zc_bytes b, const uint8_t *p, size_t len, uint64_t *n)
{
    ++*n;
    return b.ptr >= p && b.len <= len && (size_t)(b.ptr - p) <= len - b.len;
}

int bench_zerocast_slices_alias(const uint8_t *p, size_t len, uint64_t *n)
{
    ethernet_view eth;
    ether_type type;
    zc_bytes l3, l4;
    ip_proto proto;
    int ok = 1;

    if (ethernet_parse(&eth, p, len).code != ZC_OK)
        return 1;
    type = ethernet_type(eth);
    l3 = ethernet_payload(eth);
    ok &= inside(l3, p, len, n);
    if (type == ETHER_TYPE_VLAN) {
        vlan_view vl;
        if (vlan_parse(&vl, l3.ptr, l3.len).code != ZC_OK)
            return ok;
        type = vlan_type(vl);
        l3 = vlan_payload(vl);
        ok &= inside(l3, p, len, n);
    }
    if (type == ETHER_TYPE_IPV4) {
        ipv4_view ip;
        if (ipv4_parse(&ip, l3.ptr, l3.len).code != ZC_OK)
            return ok;
        ok &= inside(ipv4_addr_octets(ipv4_src(ip)), p, len, n);
        ok &= inside(REGION(ipv4_options(ip)), p, len, n);
        l4 = ipv4_payload(ip);
        proto = ipv4_protocol(ip);
    } else if (type == ETHER_TYPE_IPV6) {
        ipv6_view ip;
        if (ipv6_parse(&ip, l3.ptr, l3.len).code != ZC_OK)
            return ok;
        ok &= inside(ipv6_addr_octets(ipv6_src(ip)), p, len, n);
        l4 = ipv6_payload(ip);
        proto = ipv6_next_header(ip);
    } else {
        return ok;
    }
    ok &= inside(l4, p, len, n);
    if (proto == IP_PROTO_TCP) {
        tcp_view t;
        if (tcp_parse(&t, l4.ptr, l4.len).code == ZC_OK) {
            ok &= inside(REGION(tcp_options(t)), p, len, n);
            ok &= inside(tcp_payload(t), p, len, n);
        }
    } else if (proto == IP_PROTO_UDP) {
        udp_view u;
        if (udp_parse(&u, l4.ptr, l4.len).code == ZC_OK)
            ok &= inside(udp_payload(u), p, len, n);
    }
    return ok;
}
