/*
 * impl_libtins.cpp - the walk written with libtins (C++): construct
 * Tins::EthernetII from the frame (libtins decodes the whole PDU chain),
 * then read every field through the PDU objects' accessors.
 *
 * libtins enforces some of the bench.h rules itself (it throws
 * malformed_packet for short headers, ihl < 5, ...) but not all of them
 * (it clamps total_length to the buffer, does not check the IP version or
 * the UDP length field, treats fragments as raw data). The rules it does
 * not enforce are checked here with its own accessors, so that the checksum
 * can be compared. libtins does not say which layer threw; for the few
 * packets that throw, the failing layer is taken from the careful walker
 * (a packet that libtins rejects but the rules accept is reported as a
 * disagreement, BENCH_NERR).
 */
#include <arpa/inet.h>
#include <string.h>

#include <memory>

#include <tins/dns.h>
#include <tins/dot1q.h>
#include <tins/ethernetII.h>
#include <tins/exceptions.h>
#include <tins/icmp.h>
#include <tins/icmpv6.h>
#include <tins/ip.h>
#include <tins/ipv6.h>
#include <tins/rawpdu.h>
#include <tins/tcp.h>
#include <tins/udp.h>

#include "bench.h"

using namespace Tins;

#define FAIL(layer) return *err = (layer), ERR_VALUE(layer)

/* The layer of type T directly inside `inner`: libtins decodes it itself,
 * except inside IP fragments, where it leaves a RawPDU to decode. */
template <class T>
static const T *layer(const PDU *inner, std::unique_ptr<T> &hold)
{
    if (!inner)
        return nullptr;
    if (inner->pdu_type() == T::pdu_flag)
        return static_cast<const T *>(inner);
    if (inner->pdu_type() == PDU::RAW) {
        hold.reset(new T(static_cast<const RawPDU *>(inner)->to<T>()));
        return hold.get();
    }
    return nullptr;
}

static inline void addr6(const IPv6Address &a, uint64_t *hi, uint64_t *lo)
{
    memcpy(hi, &*a.begin(), 8);
    memcpy(lo, &*a.begin() + 8, 8);
}

static uint64_t tins_walk_inner(const uint8_t *p, size_t len, unsigned *err)
{
    uint64_t acc = 0;
    EthernetII eth(p, (uint32_t)len);
    uint16_t type = eth.payload_type();
    size_t avail = len - 14, l4len;
    const PDU *inner = eth.inner_pdu();
    uint8_t proto;
    bool v6 = false;

    if (type > 1500 && type < 0x0600)   /* 1500 or less: an 802.3 length (ethernet.zc) */
        FAIL(BENCH_ERR_ETH);
    MIX(acc, type, F_ETH_TYPE);

    if (type == 0x8100) {
        std::unique_ptr<Dot1Q> h;
        const Dot1Q *vl = layer<Dot1Q>(inner, h);
        if (!vl)
            FAIL(BENCH_ERR_VLAN);
        type = vl->payload_type();
        MIX(acc, (unsigned)vl->id(), F_VLAN_VID);
        MIX(acc, type, F_VLAN_TYPE);
        avail -= 4;
        inner = vl->inner_pdu();
    }

    std::unique_ptr<IP> h4;
    std::unique_ptr<IPv6> h6;
    if (type == 0x0800) {
        const IP *ip = layer<IP>(inner, h4);
        if (!ip || ip->version() != 4)
            FAIL(BENCH_ERR_IPV4);
        size_t hl = (size_t)ip->head_len() * 4, tl = ip->tot_len();
        if (tl < hl || tl > avail)
            FAIL(BENCH_ERR_IPV4);
        proto = ip->protocol();
        MIX(acc, ntohl((uint32_t)ip->src_addr()), F_IP_SRC);
        MIX(acc, ntohl((uint32_t)ip->dst_addr()), F_IP_DST);
        MIX(acc, ip->ttl(), F_IP_TTL);
        MIX(acc, tl, F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        l4len = tl - hl;
        inner = ip->inner_pdu();
    } else if (type == 0x86dd) {
        const IPv6 *ip = layer<IPv6>(inner, h6);
        uint64_t a, b;
        if (!ip || ip->version() != 6 || ip->payload_length() > avail - 40)
            FAIL(BENCH_ERR_IPV6);
        proto = ip->next_header();
        addr6(ip->src_addr(), &a, &b);
        MIX(acc, a, F_IP_SRC);
        MIX(acc, b, F_IP6_SRC1);
        addr6(ip->dst_addr(), &a, &b);
        MIX(acc, a, F_IP_DST);
        MIX(acc, b, F_IP6_DST1);
        MIX(acc, ip->hop_limit(), F_IP_TTL);
        MIX(acc, ip->payload_length(), F_IP_LEN);
        MIX(acc, proto, F_IP_PROTO);
        l4len = ip->payload_length();
        inner = ip->inner_pdu();
        v6 = true;
    } else {
        return acc;
    }

    if (proto == 6) {
        std::unique_ptr<TCP> h;
        const TCP *t = layer<TCP>(inner, h);
        if (!t || t->data_offset() < 5 || (size_t)t->data_offset() * 4 > l4len)
            FAIL(BENCH_ERR_TCP);
        MIX(acc, t->sport(), F_L4_SPORT);
        MIX(acc, t->dport(), F_L4_DPORT);
        MIX(acc, (unsigned)t->flags() & 0xff, F_TCP_FLAGS);
        MIX(acc, t->window(), F_TCP_WIN);
    } else if (proto == 17) {
        std::unique_ptr<UDP> h;
        const UDP *u = layer<UDP>(inner, h);
        if (!u || u->length() < 8 || u->length() > l4len)
            FAIL(BENCH_ERR_UDP);
        MIX(acc, u->sport(), F_L4_SPORT);
        MIX(acc, u->dport(), F_L4_DPORT);
        MIX(acc, u->length(), F_UDP_LEN);
        if (u->sport() == 53 || u->dport() == 53) {
            const RawPDU *raw = u->find_pdu<RawPDU>();
            if (!raw || u->length() - 8 < 12)
                FAIL(BENCH_ERR_DNS);
            DNS d = raw->to<DNS>();
            MIX(acc, d.id(), F_DNS_ID);
            MIX(acc, (unsigned)d.type() << 15 | (unsigned)d.opcode() << 11 |
                     (unsigned)d.authoritative_answer() << 10 |
                     (unsigned)d.truncated() << 9 | (unsigned)d.recursion_desired() << 8 |
                     (unsigned)d.recursion_available() << 7 | (unsigned)d.z() << 6 |
                     (unsigned)d.authenticated_data() << 5 |
                     (unsigned)d.checking_disabled() << 4 | (unsigned)d.rcode(),
                F_DNS_FLAGS);
            MIX(acc, d.questions_count(), F_DNS_QD);
        }
    } else if (proto == 1 && !v6) {
        std::unique_ptr<ICMP> h;
        const ICMP *ic = layer<ICMP>(inner, h);
        if (!ic)
            FAIL(BENCH_ERR_ICMP);
        MIX(acc, (unsigned)ic->type(), F_ICMP_TYPE);
        MIX(acc, ic->code(), F_ICMP_CODE);
    } else if (proto == 58 && v6) {
        std::unique_ptr<ICMPv6> h;
        const ICMPv6 *ic = layer<ICMPv6>(inner, h);
        if (!ic)
            FAIL(BENCH_ERR_ICMP);
        MIX(acc, (unsigned)ic->type(), F_ICMP_TYPE);
        MIX(acc, ic->code(), F_ICMP_CODE);
    }
    return acc;
}

static inline uint64_t tins_walk(const uint8_t *p, size_t len, unsigned *err)
{
    try {
        return tins_walk_inner(p, len, err);
    } catch (const std::exception &) {
        unsigned e = 0;
        uint64_t v = bench_one_careful(p, len, &e);
        if (e == 0)
            FAIL(BENCH_NERR); /* libtins rejects what the rules accept */
        *err = e;
        return v;
    }
}

extern "C" {
BENCH_DEFINE_RUN(libtins, tins_walk)
}
