/*
 * csum.c - the checksum verdicts that -v prints (tcpdump's "bad cksum",
 * "cksum 0x... (correct)", "[udp sum ok]", ...).
 *
 * A verdict comes from the generated NAME_checksum_ok() of the layer's
 * view, with the pseudo-header of the IP layer below it (zc_pseudo_ipv4/6
 * of runtime/zerocast_csum.h); the value the field should hold comes from
 * the runtime's zc_ipv4_header_checksum(), zc_icmpv4_checksum() and
 * zc_pseudo_checksum(). Like tcpdump and tshark, zcdump checks nothing in
 * a fragment (the checksum covers the whole datagram) and nothing whose
 * bytes were not all captured.
 */
#include "zcdump.h"

static bool is_proto(const zd_layer *l, packet_proto proto)
{
    return l->kind == ZD_PACKET && l->l.proto == proto;
}

/* Whether bytes [off, off + n) of the frame were captured. */
static bool captured(const zd_packet *p, size_t off, size_t n)
{
    return off <= p->caplen && n <= p->caplen - off;
}

/* The final destination of an IPv6 packet whose Routing header rt still
 * has segments left (RFC 8200 section 8.1): the last address of a type 0
 * or type 2 header, Segment List[0] of a Segment Routing Header (type 4).
 * NULL for other types or data too short to hold an address. */
static const uint8_t *routing_final(ipv6_routing_view rt)
{
    zc_bytes d = ipv6_routing_data(rt);
    if (ipv6_routing_segments_left(rt) == 0 || d.len < 20)
        return NULL;
    switch (ipv6_routing_routing_type(rt)) {
    case 0:
    case 2:
        return d.ptr + d.len - 16;
    case 4:
        return d.ptr + 4;
    default:
        return NULL;
    }
}

/* The final destination of an IPv4 datagram with a loose or strict source
 * route option: the option's last address (as tcpdump and tshark take it
 * for the pseudo-header); NULL without one. */
static const uint8_t *source_route_final(ipv4_view v)
{
    ipv4_option_iter it = ipv4_options(v);
    ipv4_option_view o;
    while (ipv4_option_next(&it, &o)) {
        ipv4_route_view r;
        ipv4_opt_type t = ipv4_option_type(o);
        if ((t == IPV4_OPT_TYPE_LSR || t == IPV4_OPT_TYPE_SSR) && ipv4_option_route(o, &r)) {
            ipv4_addr_iter a = ipv4_route_addresses(r);
            ipv4_addr_view addr;
            const uint8_t *last = NULL;
            while (ipv4_addr_next(&a, &addr))
                last = ipv4_addr_octets(addr).ptr;
            if (last)
                return last;
        }
    }
    return NULL;
}

/* The pseudo-header for upper layer i: from the nearest IP layer below it.
 * False when there is none or the datagram is a fragment. */
static bool pseudo_header(const zd_packet *p, size_t i, zc_pseudo *ph)
{
    const uint8_t *final = NULL;
    for (size_t j = i; j-- > 0;) {
        const zd_layer *l = &p->layers[j];
        if (is_proto(l, PACKET_IPV6_FRAGMENT) &&
            (ipv6_fragment_fragment_offset(l->l.v.ipv6_fragment) ||
             ipv6_fragment_more_fragments(l->l.v.ipv6_fragment)))
            return false;   /* not an atomic fragment (RFC 6946): part of a datagram */
        if (is_proto(l, PACKET_IPV6_ROUTING) && !final)
            final = routing_final(l->l.v.ipv6_routing);
        if (is_proto(l, PACKET_IPV4)) {
            ipv4_view v = l->l.v.ipv4;
            const uint8_t *sr = source_route_final(v);
            if (ipv4_more_fragments(v) || ipv4_fragment_offset(v))
                return false;
            *ph = zc_pseudo_ipv4(ipv4_addr_octets(ipv4_src(v)),
                                 sr ? zc_bytes_make(sr, 4) : ipv4_addr_octets(ipv4_dst(v)));
            return true;
        }
        if (is_proto(l, PACKET_IPV6)) {
            ipv6_view v = l->l.v.ipv6;
            *ph = zc_pseudo_ipv6(ipv6_addr_octets(ipv6_src(v)),
                                 final ? zc_bytes_make(final, 16) : ipv6_addr_octets(ipv6_dst(v)));
            return true;
        }
        if (!is_proto(l, PACKET_IPV6_HOP_BY_HOP) && !is_proto(l, PACKET_IPV6_ROUTING) &&
            !is_proto(l, PACKET_IPV6_DEST_OPTIONS) && !is_proto(l, PACKET_IPV6_FRAGMENT))
            return false;   /* not directly above IP */
    }
    return false;
}

static zd_ck verdict(bool ok, zc_be16 field, zc_be16 want)
{
    zd_ck c;
    c.verdict = ok ? ZD_CK_GOOD : ZD_CK_BAD;
    c.field = zc_be16toh(field);
    c.want = zc_be16toh(want);
    return c;
}

zd_ck zd_checksum(const zd_packet *p, size_t i)
{
    const zd_layer *l = &p->layers[i];
    zd_ck none = { ZD_CK_NONE, 0, 0 };
    zc_pseudo ph;

    if (l->kind != ZD_PACKET || l->partial)
        return none;
    switch (l->l.proto) {
    case PACKET_IPV4: {
        ipv4_view v = l->l.v.ipv4;
        size_t hl = (size_t)ipv4_ihl(v) * 4u;
        if (!captured(p, l->offset, hl))
            return none;
        return verdict(ipv4_checksum_ok(v), ipv4_checksum(v), zc_ipv4_header_checksum(v.zc_base, hl));
    }
    case PACKET_ICMPV4: {
        icmpv4_view v = l->l.v.icmpv4;
        size_t j = i;
        /* an ICMP message inside a fragment cannot be checked */
        while (j-- > 0 && !is_proto(&p->layers[j], PACKET_IPV4))
            ;
        if (j < i && (ipv4_more_fragments(p->layers[j].l.v.ipv4) ||
                      ipv4_fragment_offset(p->layers[j].l.v.ipv4)))
            return none;
        if (!captured(p, l->offset, v.zc_len))
            return none;
        return verdict(icmpv4_checksum_ok(v), icmpv4_checksum(v),
                       zc_icmpv4_checksum(v.zc_base, v.zc_len));
    }
    case PACKET_ICMPV6: {
        icmpv6_view v = l->l.v.icmpv6;
        if (!pseudo_header(p, i, &ph) || !captured(p, l->offset, v.zc_len) ||
            !zc_pseudo_fits(&ph, v.zc_len))
            return none;
        return verdict(icmpv6_checksum_ok(v, &ph), icmpv6_checksum(v),
                       zc_pseudo_checksum(&ph, ZC_CSUM_PROTO_ICMPV6, v.zc_base, v.zc_len,
                                          ZC_CSUM_OFF_ICMP));
    }
    case PACKET_TCP: {
        tcp_view v = l->l.v.tcp;
        if (!pseudo_header(p, i, &ph) || !captured(p, l->offset, v.zc_len) ||
            !zc_pseudo_fits(&ph, v.zc_len))
            return none;
        return verdict(tcp_checksum_ok(v, &ph), tcp_checksum(v),
                       zc_pseudo_checksum(&ph, ZC_CSUM_PROTO_TCP, v.zc_base, v.zc_len,
                                          ZC_CSUM_OFF_TCP));
    }
    case PACKET_UDP: {
        udp_view v = l->l.v.udp;
        zc_be16 want;
        zd_ck c;
        if (!pseudo_header(p, i, &ph) || !captured(p, l->offset, v.zc_len) ||
            !zc_pseudo_fits(&ph, v.zc_len))
            return none;
        if (ph.family == 4 && zc_be16toh(udp_checksum(v)) == 0) {
            c.verdict = ZD_CK_ABSENT;
            c.field = c.want = 0;
            return c;
        }
        want = zc_pseudo_checksum(&ph, ZC_CSUM_PROTO_UDP, v.zc_base, v.zc_len, ZC_CSUM_OFF_UDP);
        if (zc_be16toh(want) == 0)
            want = zc_htobe16(0xffff);   /* a computed 0 is sent as 0xffff (RFC 768) */
        return verdict(udp_checksum_ok(v, &ph), udp_checksum(v), want);
    }
    default:
        return none;
    }
}
