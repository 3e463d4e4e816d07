/*
 * bench.h - what every implementation in the benchmark shares.
 *
 * The work (identical for every implementation), per packet:
 *
 *   Ethernet  ->  optional 802.1Q tag (EtherType 0x8100, one tag)
 *             ->  IPv4 (0x0800) or IPv6 (0x86DD), anything else stops here
 *             ->  TCP (6), UDP (17), ICMP (1, IPv4) or ICMPv6 (58, IPv6)
 *             ->  DNS header when a UDP port is 53
 *
 * Fields read and folded into the checksum with MIX():
 *   ethernet  type                      vlan  vid, inner type
 *   ipv4      src, dst (host order), ttl, total_length, protocol
 *   ipv6      src, dst (each as 2 x 8 bytes loaded in host order: memcpy),
 *             hop_limit, payload_length,
 *             next_header
 *   tcp       src_port, dst_port, flags (CWR..FIN as one byte), window
 *   udp       src_port, dst_port, length
 *   dns       id, flags (the 16-bit word QR..RCODE), qdcount
 *   icmp(v6)  type, code
 *
 * Validation (exactly zerocast's *_parse rules for the bundled schemas).
 * The walk stops at the first layer that fails; the packet then adds only
 * ERR_VALUE(layer) to the checksum, and counts as malformed at that layer:
 *   ethernet  len >= 14, type >= 0x0600                        BENCH_ERR_ETH
 *   vlan      len >= 4                                         BENCH_ERR_VLAN
 *   ipv4      len >= 20, version == 4, ihl >= 5, ihl*4 <= len,
 *             total_length >= ihl*4, total_length <= len       BENCH_ERR_IPV4
 *   ipv6      len >= 40, version == 6, payload_length <= len-40 BENCH_ERR_IPV6
 *   tcp       len >= 20, data_offset >= 5, data_offset*4 <= len BENCH_ERR_TCP
 *   udp       len >= 8, length >= 8, length <= len             BENCH_ERR_UDP
 *   icmp      len >= 8 (ICMPv4), len >= 4 (ICMPv6)             BENCH_ERR_ICMP
 *   dns       len >= 12                                        BENCH_ERR_DNS
 * where len is what the enclosing layer hands down: the rest of the frame
 * after Ethernet/VLAN, total_length - ihl*4 bytes after the IPv4 header
 * (Ethernet padding excluded), payload_length bytes after IPv6, and
 * length - 8 bytes after UDP.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const uint8_t *data;
    size_t len;
} bench_pkt;

enum {
    BENCH_OK = 0,
    BENCH_ERR_ETH,
    BENCH_ERR_VLAN,
    BENCH_ERR_IPV4,
    BENCH_ERR_IPV6,
    BENCH_ERR_TCP,
    BENCH_ERR_UDP,
    BENCH_ERR_ICMP,
    BENCH_ERR_DNS,
    BENCH_NERR
};

/* Field slots: each field is shifted by its own amount before the add. */
enum {
    F_ETH_TYPE = 0, F_VLAN_VID = 7, F_VLAN_TYPE = 13,
    F_IP_SRC = 1, F_IP_DST = 17, F_IP6_SRC1 = 2, F_IP6_DST1 = 18, F_IP_TTL = 29, F_IP_LEN = 37, F_IP_PROTO = 43,
    F_L4_SPORT = 3, F_L4_DPORT = 19, F_TCP_FLAGS = 31, F_TCP_WIN = 11,
    F_UDP_LEN = 23, F_DNS_ID = 5, F_DNS_FLAGS = 27, F_DNS_QD = 41,
    F_ICMP_TYPE = 9, F_ICMP_CODE = 21
};

#define MIX(acc, x, slot) ((acc) += (uint64_t)(x) << (slot))
#define ERR_VALUE(layer) (0x9e3779b97f4a7c15ull * (uint64_t)(layer))

/*
 * Every implementation provides, with NAME one of zerocast, unsafe,
 * careful, libtins, walker, walkeach:
 *   bench_run_NAME  walks pkts[0..n), returns the checksum, *nbad = number
 *                   of packets that failed validation somewhere
 *   bench_one_NAME  one packet: returns its checksum term, *err = layer
 */
#define BENCH_DECLARE(name)                                                   \
    uint64_t bench_run_##name(const bench_pkt *pkts, size_t n, uint64_t *nbad); \
    uint64_t bench_one_##name(const uint8_t *p, size_t len, unsigned *err);

BENCH_DECLARE(zerocast)
BENCH_DECLARE(unsafe)
BENCH_DECLARE(careful)
BENCH_DECLARE(libtins)
BENCH_DECLARE(walker)
BENCH_DECLARE(walkeach)

/* impl_zerocast.c: 1 if every slice zerocast handed out for this packet
 * points into [p, p + len) (no copy was made); counts slices in *nslices. */
int bench_zerocast_slices_alias(const uint8_t *p, size_t len, uint64_t *nslices);

/* The run loop, the same in every implementation's translation unit:
 * WALK is that implementation's static inline per-packet function. */
#define BENCH_DEFINE_RUN(name, WALK)                                          \
    uint64_t bench_run_##name(const bench_pkt *pkts, size_t n, uint64_t *nbad) \
    {                                                                         \
        uint64_t sum = 0, bad = 0;                                            \
        size_t i;                                                             \
        for (i = 0; i < n; i++) {                                             \
            unsigned err = 0;                                                 \
            sum += WALK(pkts[i].data, pkts[i].len, &err);                     \
            bad += (err != 0);                                                \
        }                                                                     \
        *nbad = bad;                                                          \
        return sum;                                                           \
    }                                                                         \
    uint64_t bench_one_##name(const uint8_t *p, size_t len, unsigned *err)    \
    {                                                                         \
        *err = 0;                                                             \
        return WALK(p, len, err);                                             \
    }

#ifdef __cplusplus
}
#endif

#endif /* BENCH_H */
