/*
 * accessors.h - stand-ins for zerocast-generated accessors, shared by the
 * compile-fail cases so that each case reads like a real call site.
 *
 * The shapes match what the generator emits: an accessor takes a pointer to
 * the start of the header and returns the field as its wire type (zc_be16,
 * zc_le32, ...), never as a host integer. Setters take the wire type.
 *
 * Sample packets are real captures (checksums are valid), so the "good"
 * spelling of every case can check that it computed the right host value.
 */
#ifndef ZC_TEST_ACCESSORS_H
#define ZC_TEST_ACCESSORS_H

#include <stdio.h>

#include "zerocast.h"

/* ---- ethernet II -------------------------------------------------------- */

static inline zc_be16 eth_type(const uint8_t *p) { return zc_load_be16(p + 12); }
static inline void eth_set_type(uint8_t *p, zc_be16 v) { zc_store_be16(p + 12, v); }

/* ---- IPv4 (RFC 791) ----------------------------------------------------- */

static inline zc_be16 ipv4_total_length(const uint8_t *p) { return zc_load_be16(p + 2); }
static inline zc_be16 ipv4_id(const uint8_t *p) { return zc_load_be16(p + 4); }
static inline zc_be16 ipv4_flags_frag(const uint8_t *p) { return zc_load_be16(p + 6); }
static inline zc_be16 ipv4_checksum(const uint8_t *p) { return zc_load_be16(p + 10); }
static inline zc_be32 ipv4_src(const uint8_t *p) { return zc_load_be32(p + 12); }
static inline zc_be32 ipv4_dst(const uint8_t *p) { return zc_load_be32(p + 16); }
static inline void ipv4_set_id(uint8_t *p, zc_be16 v) { zc_store_be16(p + 4, v); }

/* ---- UDP (RFC 768) ------------------------------------------------------ */

static inline zc_be16 udp_src_port(const uint8_t *p) { return zc_load_be16(p + 0); }
static inline zc_be16 udp_dst_port(const uint8_t *p) { return zc_load_be16(p + 2); }
static inline zc_be16 udp_length(const uint8_t *p) { return zc_load_be16(p + 4); }
static inline zc_be16 udp_checksum(const uint8_t *p) { return zc_load_be16(p + 6); }

/* ---- radiotap (little-endian on the wire) ------------------------------- */

static inline zc_le16 radiotap_len(const uint8_t *p) { return zc_load_le16(p + 2); }
static inline zc_le32 radiotap_present(const uint8_t *p) { return zc_load_le32(p + 4); }

/* ---- sample packets ----------------------------------------------------- */

/* IPv4 header of an ICMP echo request, 192.168.0.1 -> 192.168.0.199. */
ZC_UNUSED static const uint8_t k_ipv4_icmp[20] = {
    0x45, 0x00, 0x00, 0x54, /* version 4, ihl 5, tos 0, total length 84  */
    0x1c, 0x46, 0x40, 0x00, /* id 0x1c46 (7238), DF, fragment offset 0    */
    0x40, 0x01, 0x9c, 0x4a, /* ttl 64, proto 1 (icmp), checksum 0x9c4a    */
    0xc0, 0xa8, 0x00, 0x01, /* src 192.168.0.1                            */
    0xc0, 0xa8, 0x00, 0xc7, /* dst 192.168.0.199                          */
};

/* IPv4 header of a fragment: total length 1500, MF set, offset 185 (x8). */
ZC_UNUSED static const uint8_t k_ipv4_frag[20] = {
    0x45, 0x00, 0x05, 0xdc, 0xab, 0xcd, 0x20, 0xb9, 0x40, 0x11, 0x00, 0x00,
    0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
};

/* UDP header of a DNS query, port 54321 -> 53, length 40, checksum set. */
ZC_UNUSED static const uint8_t k_udp_dns[8] = {
    0xd4, 0x31, 0x00, 0x35, 0x00, 0x28, 0x1a, 0x2b,
};

/* UDP header with checksum 0 ("no checksum", allowed over IPv4). */
ZC_UNUSED static const uint8_t k_udp_nocsum[8] = {
    0x00, 0x44, 0x00, 0x43, 0x01, 0x34, 0x00, 0x00,
};

/* Ethernet II header carrying IPv4 (ethertype 0x0800). */
ZC_UNUSED static const uint8_t k_eth_ipv4[14] = {
    0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x5e, 0x3c, 0x97, 0x0e, 0x12, 0x34, 0x56,
    0x08, 0x00,
};

/* radiotap header: version 0, length 18, present bitmap 0x0000482e. */
ZC_UNUSED static const uint8_t k_radiotap[8] = {
    0x00, 0x00, 0x12, 0x00, 0x2e, 0x48, 0x00, 0x00,
};

/* ---- checking ------------------------------------------------------------ */

/* In main(): on failure print where and return 1 (the runner wants exit 0). */
#include "check.h"   /* CHECK(cond) */

#endif /* ZC_TEST_ACCESSORS_H */
