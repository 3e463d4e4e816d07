/*
 * zerocast_csum.h - the Internet checksum: RFC 1071 computation, RFC 1624
 * incremental update, and the checksums of the IPv4 header, ICMPv4, and of
 * TCP, UDP and ICMPv6 with their IPv4 / IPv6 pseudo-headers (RFC 768,
 * RFC 9293 section 3.1, RFC 8200 section 8.1, RFC 4443 section 2.3).
 *
 * Header-only, allocation-free, no global state; needs only zerocast.h.
 * Compiles as C99/C11/C17 and C++17 without warnings under the same flags
 * as zerocast.h. Works on buffers of any alignment (every load is a
 * memcpy) and has defined behaviour for every input: any bytes, any length
 * (a buffer must hold the length given; NULL only with length 0), any field
 * offset. See docs/checksums.md for the full contract and examples.
 *
 * Results are wire values (zc_be16): store them straight into a checksum
 * field (zc_store_be16) or compare them with one (zc_be16_eq), no byte
 * swapping anywhere. Internally every sum is kept in the byte order of
 * zc_be16.raw (the bytes of the sum as they lie on the wire, read as a host
 * integer): the one's complement sum commutes with byte swapping (RFC 1071
 * section 2(B)), so summing host-order loads gives the wire checksum on
 * little- and big-endian hosts alike.
 *
 *   accumulator     zc_csum_init, zc_csum_add (any chunks, odd lengths
 *                   included), zc_csum_add_skip, zc_csum_add_be16/_be32,
 *                   zc_csum_add_pseudo4/6, zc_csum_fold (the checksum),
 *                   zc_csum_sum (the sum), zc_csum_ok (sums to 0xFFFF)
 *   one-shot        zc_inet_checksum, zc_inet_checksum_ok
 *   incremental     zc_csum_update16, zc_csum_update32, zc_csum_update
 *                   (RFC 1624 eqn. 3), zc_udp_csum_update16/32/_update
 *                   (the same with UDP's rules for 0)
 *   per protocol    zc_ipv4_header_checksum[_ok], zc_icmpv4_checksum[_ok],
 *                   zc_pseudo4_checksum[_ok], zc_pseudo6_checksum[_ok],
 *                   zc_tcp4/tcp6/udp4/udp6/icmpv6_checksum[_ok]
 *
 * Naming: NAME_checksum() computes the value to transmit, over the bytes
 * with the checksum field counted as zero (the caller need not clear it);
 * NAME_checksum_ok() verifies a received message: true when everything,
 * checksum field included, sums to 0xFFFF (-0), as RFC 1071 recommends.
 *
 * UDP's zero (RFC 768, RFC 8200 section 8.1): over IPv4 a transmitted
 * checksum of 0 means "no checksum" (zc_udp4_checksum_ok() accepts it), so
 * a computed 0 is sent as 0xFFFF (zc_udp4_checksum() and
 * zc_udp6_checksum() never return 0). Over IPv6 the checksum is mandatory
 * and a received 0 is invalid (zc_udp6_checksum_ok() returns false).
 */
#ifndef ZEROCAST_CSUM_H
#define ZEROCAST_CSUM_H

#include "zerocast.h"

/* A generated header may be included after another one's enums: an enum
   named like a local below (`proto`, `msg`) is a global type name that
   the local shadows, harmlessly (nothing here names a schema's type),
   but gcc -Wshadow says so. Clang does not; it still checks the locals
   against each other. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* const void * to const uint8_t *: implicit in C, static_cast in C++. */
#ifdef __cplusplus
#define ZC_CSUM_BYTES_(p) static_cast<const uint8_t *>(p)
#else
#define ZC_CSUM_BYTES_(p) (p)
#endif

/* Bytes summed into 64-bit lanes between two folds. Even, so a fold never
   splits a 16-bit word; small enough that no lane can overflow (each lane
   takes one 32-bit word per 16 bytes: at most 2^12 * 2^32 here). */
#define ZC_CSUM_BLOCK_ ((size_t)65536)

/* ZC_CSUM_NO_FIELD: a field offset meaning "there is no field to skip". */
#define ZC_CSUM_NO_FIELD ((size_t)-1)

/* Checksum field offsets inside their headers / messages. */
#define ZC_CSUM_OFF_IPV4 10
#define ZC_CSUM_OFF_TCP 16
#define ZC_CSUM_OFF_UDP 6
#define ZC_CSUM_OFF_ICMP 2   /* ICMPv4 and ICMPv6 */

/* Protocol numbers used in the pseudo-headers (IANA). */
#define ZC_CSUM_PROTO_TCP 6
#define ZC_CSUM_PROTO_UDP 17
#define ZC_CSUM_PROTO_ICMPV6 58

/* ---- one's complement arithmetic ----------------------------------------- */

/* a +' b for a, b in 0..0xffff (end-around carry). The result is 0 only if
   a and b are both 0: one's complement addition never produces +0 from a
   non-zero operand. */
ZC_INLINE uint32_t zc_csum_add16_(uint32_t a, uint32_t b)
{
    uint32_t s = a + b;
    return (s & 0xffffu) + (s >> 16);
}

/* Folds a 64-bit sum of 16-bit words to 0..0xffff, keeping it non-zero
   when it was non-zero. */
ZC_INLINE uint32_t zc_csum_fold64_(uint64_t s)
{
    s = (s & 0xffffffffu) + (s >> 32);   /* <= 0x1fffffffe */
    s = (s & 0xffffffffu) + (s >> 32);   /* <= 0xffffffff  */
    s = (s & 0xffffu) + (s >> 16);       /* <= 0x1fffe     */
    s = (s & 0xffffu) + (s >> 16);       /* <= 0xffff      */
    return (uint32_t)s;
}

/* The one's complement sum of p[0, n) as if p were at an even offset
   (an odd last byte is padded with a zero byte), folded to 0..0xffff, in
   the byte order of zc_be16.raw. Four 64-bit lanes of 32-bit loads: no
   carries to propagate inside the loop, which compilers unroll or
   vectorise. */
static inline uint32_t zc_csum_partial_(const uint8_t *p, size_t n)
{
    uint32_t sum = 0;
    while (n > 0) {
        size_t r = n < ZC_CSUM_BLOCK_ ? n : ZC_CSUM_BLOCK_;
        uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        n -= r;
        for (; r >= 16; r -= 16, p += 16) {
            uint32_t w[4];
            ZC_MEMCPY(w, p, sizeof w);
            s0 += w[0];
            s1 += w[1];
            s2 += w[2];
            s3 += w[3];
        }
        for (; r >= 4; r -= 4, p += 4) {
            uint32_t w;
            ZC_MEMCPY(&w, p, sizeof w);
            s0 += w;
        }
        if (r >= 2) {
            uint16_t w;
            ZC_MEMCPY(&w, p, sizeof w);
            s1 += w;
            r -= 2;
            p += 2;
        }
        if (r == 1) {
            uint16_t w = 0;   /* the byte, then a zero byte, in memory order */
            ZC_MEMCPY(&w, p, 1);
            s2 += w;
            p += 1;
        }
        sum = zc_csum_add16_(sum, zc_csum_fold64_(s0 + s1 + s2 + s3));
    }
    return sum;
}

/* ---- the accumulator -------------------------------------------------------- */

/*
 * A running Internet checksum over a byte stream given in chunks of any
 * length. Copyable; all-zero is the empty state (zc_csum_init).
 */
typedef struct {
    uint32_t zc_sum; /* one's complement sum so far, 0..0xffff, in the byte
                        order of zc_be16.raw (0 only if every byte was 0) */
    uint32_t zc_odd; /* 1 when an odd number of bytes has been added */
} zc_csum;

ZC_INLINE void zc_csum_init(zc_csum *c)
{
    c->zc_sum = 0;
    c->zc_odd = 0;
}

/* Adds a 16-bit partial sum of bytes that start at the stream's current
   position: at an odd position every byte sits in the other half of its
   word, which is the byte-swapped sum (RFC 1071 section 2(B)). */
ZC_INLINE void zc_csum_merge_(zc_csum *c, uint32_t s)
{
    if (c->zc_odd)
        s = zc_bswap16((uint16_t)s);
    c->zc_sum = zc_csum_add16_(c->zc_sum, s);
}

/* Appends buf[0, len) to the stream. Chunks may have any length and
   alignment: adding A then B equals adding A||B. buf may be NULL if len
   is 0. */
static inline void zc_csum_add(zc_csum *c, const void *buf, size_t len)
{
    zc_csum_merge_(c, zc_csum_partial_(ZC_CSUM_BYTES_(buf), len));
    c->zc_odd ^= (uint32_t)(len & 1u);
}

ZC_INLINE void zc_csum_add_bytes(zc_csum *c, zc_bytes b)
{
    zc_csum_add(c, b.ptr, b.len);
}

/*
 * Appends buf[0, len) with the bytes at [field_off, field_off + 2) counted
 * as zero: a checksum field that is still in the buffer. Only the part of
 * that range inside the buffer is skipped, so any field_off is safe;
 * ZC_CSUM_NO_FIELD (or any field_off >= len) skips nothing.
 */
static inline void zc_csum_add_skip(zc_csum *c, const void *buf, size_t len, size_t field_off)
{
    const uint8_t *p = ZC_CSUM_BYTES_(buf);
    size_t end;
    if (field_off >= len) {
        zc_csum_add(c, p, len);
        return;
    }
    end = len - field_off < 2 ? len : field_off + 2;
    zc_csum_add(c, p, field_off);
    c->zc_odd ^= (uint32_t)((end - field_off) & 1u);   /* the zero bytes */
    zc_csum_add(c, p + end, len - end);
}

/* Appends the 2 / 4 bytes of a wire value (as zc_csum_add of its bytes). */
ZC_INLINE void zc_csum_add_be16(zc_csum *c, zc_be16 v)
{
    zc_csum_merge_(c, v.raw);
}

ZC_INLINE void zc_csum_add_be32(zc_csum *c, zc_be32 v)
{
    zc_csum_merge_(c, zc_csum_add16_(v.raw & 0xffffu, v.raw >> 16));
}

/* The one's complement sum so far (RFC 1071's "sum", not complemented). */
ZC_INLINE zc_be16 zc_csum_sum(const zc_csum *c)
{
    zc_be16 r;
    r.raw = (uint16_t)c->zc_sum;
    return r;
}

/* The checksum: the one's complement of the sum. Store it in the field. */
ZC_INLINE zc_be16 zc_csum_fold(const zc_csum *c)
{
    zc_be16 r;
    r.raw = (uint16_t)(~c->zc_sum & 0xffffu);
    return r;
}

/* Verification: the stream (checksum field included) sums to 0xFFFF. */
ZC_INLINE bool zc_csum_ok(const zc_csum *c)
{
    return c->zc_sum == 0xffffu;
}

/*
 * The value to store in a checksum field that starts at byte `field_off`
 * of the summed bytes, from csum, the checksum computed with the field
 * zero (zc_inet_checksum, zc_csum_fold, zc_pseudo_checksum). At an even
 * offset that is csum itself. At an odd offset the field's two bytes are
 * the low half of one 16-bit word and the high half of the next, so the
 * sum sees the field byte-swapped (RFC 1071 section 2(B)): storing csum
 * swapped makes the whole sum 0xFFFF. 0 and 0xFFFF are their own swaps,
 * so a "none" value and UDP's 0 -> 0xFFFF rule are unaffected.
 */
ZC_INLINE zc_be16 zc_csum_place(zc_be16 csum, size_t field_off)
{
    if (field_off & 1u)
        csum.raw = zc_bswap16(csum.raw);
    return csum;
}

/* ---- one-shot --------------------------------------------------------------- */

/* The Internet checksum of buf[0, len) (RFC 1071). */
static inline zc_be16 zc_inet_checksum(const void *buf, size_t len)
{
    zc_be16 r;
    r.raw = (uint16_t)(~zc_csum_partial_(ZC_CSUM_BYTES_(buf), len) & 0xffffu);
    return r;
}

/* True when buf[0, len), checksum field included, sums to 0xFFFF. */
static inline bool zc_inet_checksum_ok(const void *buf, size_t len)
{
    return zc_csum_partial_(ZC_CSUM_BYTES_(buf), len) == 0xffffu;
}

/* ---- incremental update (RFC 1624) ------------------------------------------- */

/*
 * Eqn. 3 of RFC 1624: HC' = ~(~HC + ~m + m'), all in one's complement
 * arithmetic, where m and m' are the one's complement sums of the old and
 * new bytes. `nhc` is ~HC; `old_sum`, `new_sum` are m and m'.
 *
 * ~HC == 0 (HC == 0xFFFF) is read as -0 (0xFFFF): no real data sums to +0
 * (that needs every byte to be zero), and 0xFFFF is what UDP transmits for
 * a computed 0. The running sum then starts non-zero and stays non-zero,
 * so the result is never 0xFFFF: it is 0x0000..0xFFFE, exactly the value a
 * recomputation from scratch gives (RFC 1624 section 3: eqn. 2 of RFC 1141
 * gives 0xFFFF where the right answer is 0x0000).
 */
ZC_INLINE zc_be16 zc_csum_update_(zc_be16 hc, uint32_t old_sum, uint32_t new_sum)
{
    uint32_t s = ~(uint32_t)hc.raw & 0xffffu;
    zc_be16 r;
    if (s == 0)
        s = 0xffffu;
    s = zc_csum_add16_(s, ~old_sum & 0xffffu);
    s = zc_csum_add16_(s, new_sum);
    r.raw = (uint16_t)(~s & 0xffffu);
    return r;
}

/*
 * The checksum after a 16-bit word of the checksummed data changes from
 * old_val to new_val. The word must start at an even offset of the data
 * (for the IPv4 header, TCP, UDP: every 16-bit field; for a byte field such
 * as the TTL, pass the aligned word it is part of, or use zc_csum_update).
 * If HC was right, the result equals a recomputation (never 0xFFFF).
 */
ZC_INLINE zc_be16 zc_csum_update16(zc_be16 hc, zc_be16 old_val, zc_be16 new_val)
{
    return zc_csum_update_(hc, old_val.raw, new_val.raw);
}

/* The same for a 32-bit field at an even offset (an IPv4 address, in the
   IPv4 header or in a TCP/UDP pseudo-header). */
ZC_INLINE zc_be16 zc_csum_update32(zc_be16 hc, zc_be32 old_val, zc_be32 new_val)
{
    return zc_csum_update_(hc, zc_csum_add16_(old_val.raw & 0xffffu, old_val.raw >> 16),
                           zc_csum_add16_(new_val.raw & 0xffffu, new_val.raw >> 16));
}

/*
 * The general form: len bytes at byte offset `off` of the checksummed data
 * (odd offsets and lengths allowed; only the parity of off matters) change
 * from old_bytes[0, len) to new_bytes[0, len).
 */
static inline zc_be16 zc_csum_update(zc_be16 hc, size_t off, const void *old_bytes,
                                     const void *new_bytes, size_t len)
{
    zc_csum o, n;
    o.zc_sum = n.zc_sum = 0;
    o.zc_odd = n.zc_odd = (uint32_t)(off & 1u);
    zc_csum_add(&o, old_bytes, len);
    zc_csum_add(&n, new_bytes, len);
    return zc_csum_update_(hc, o.zc_sum, n.zc_sum);
}

/* UDP's rules on top (over IPv4 and IPv6): a checksum of 0 ("none") stays
   0, and a result of 0 is sent as 0xFFFF. */
ZC_INLINE zc_be16 zc_udp_csum_fix_(zc_be16 hc, zc_be16 r)
{
    if (hc.raw == 0)
        return hc;
    if (r.raw == 0)
        r.raw = 0xffffu;
    return r;
}

ZC_INLINE zc_be16 zc_udp_csum_update16(zc_be16 hc, zc_be16 old_val, zc_be16 new_val)
{
    return zc_udp_csum_fix_(hc, zc_csum_update16(hc, old_val, new_val));
}

ZC_INLINE zc_be16 zc_udp_csum_update32(zc_be16 hc, zc_be32 old_val, zc_be32 new_val)
{
    return zc_udp_csum_fix_(hc, zc_csum_update32(hc, old_val, new_val));
}

static inline zc_be16 zc_udp_csum_update(zc_be16 hc, size_t off, const void *old_bytes,
                                         const void *new_bytes, size_t len)
{
    return zc_udp_csum_fix_(hc, zc_csum_update(hc, off, old_bytes, new_bytes, len));
}

/* ---- pseudo-headers ------------------------------------------------------------ */

/*
 * IPv4 (RFC 768, RFC 9293 section 3.1): source and destination address
 * (4 bytes each, as on the wire), a zero byte, the protocol, and the
 * upper-layer length (TCP: header + data; UDP: its length field).
 */
ZC_INLINE void zc_csum_add_pseudo4(zc_csum *c, const uint8_t *src, const uint8_t *dst,
                                   uint8_t proto, uint16_t len)
{
    zc_csum_add(c, src, 4);
    zc_csum_add(c, dst, 4);
    zc_csum_add_be16(c, zc_htobe16(proto));
    zc_csum_add_be16(c, zc_htobe16(len));
}

/*
 * IPv6 (RFC 8200 section 8.1): source and destination address (16 bytes
 * each), the 32-bit upper-layer length, three zero bytes and the next
 * header value of the upper layer (not of an extension header). With a
 * Routing header that still has segments left, dst must be the final
 * destination, not the header's: the last address of a type 0 or type 2
 * Routing header, Segment List[0] of a Segment Routing Header (type 4); at
 * the final receiver it is the IPv6 destination itself.
 */
ZC_INLINE void zc_csum_add_pseudo6(zc_csum *c, const uint8_t *src, const uint8_t *dst,
                                   uint8_t next_header, uint32_t len)
{
    zc_csum_add(c, src, 16);
    zc_csum_add(c, dst, 16);
    zc_csum_add_be32(c, zc_htobe32(len));
    zc_csum_add_be32(c, zc_htobe32(next_header));
}

/*
 * The checksum of an upper-layer message seg[0, len) with its pseudo-header
 * (len is the upper-layer length; its type is the pseudo-header field's, so
 * no length can be out of range). field_off: where the checksum field is in
 * seg; those 2 bytes count as zero (ZC_CSUM_NO_FIELD if the caller cleared
 * them).
 */
static inline zc_be16 zc_pseudo4_checksum(const uint8_t *src, const uint8_t *dst, uint8_t proto,
                                          const void *seg, uint16_t len, size_t field_off)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_pseudo4(&c, src, dst, proto, len);
    zc_csum_add_skip(&c, seg, len, field_off);
    return zc_csum_fold(&c);
}

static inline bool zc_pseudo4_checksum_ok(const uint8_t *src, const uint8_t *dst, uint8_t proto,
                                          const void *seg, uint16_t len)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_pseudo4(&c, src, dst, proto, len);
    zc_csum_add(&c, seg, len);
    return zc_csum_ok(&c);
}

static inline zc_be16 zc_pseudo6_checksum(const uint8_t *src, const uint8_t *dst,
                                          uint8_t next_header, const void *seg, uint32_t len,
                                          size_t field_off)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_pseudo6(&c, src, dst, next_header, len);
    zc_csum_add_skip(&c, seg, len, field_off);
    return zc_csum_fold(&c);
}

static inline bool zc_pseudo6_checksum_ok(const uint8_t *src, const uint8_t *dst,
                                          uint8_t next_header, const void *seg, uint32_t len)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_pseudo6(&c, src, dst, next_header, len);
    zc_csum_add(&c, seg, len);
    return zc_csum_ok(&c);
}

/* ---- per protocol --------------------------------------------------------------- */

/*
 * Every *_checksum() computes over the bytes as they are, with the checksum
 * field counted as zero; every *_checksum_ok() is false when the message is
 * too short to hold its checksum field (IPv4 header: under 20 bytes; TCP:
 * under 20; UDP: under 8; ICMP: under 4 -- the "too short" message cannot
 * be valid), and otherwise true exactly when it sums to 0xFFFF.
 */

/* IPv4 header (RFC 791): hdr[0, len), len = IHL * 4. */
static inline zc_be16 zc_ipv4_header_checksum(const void *hdr, size_t len)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_skip(&c, hdr, len, ZC_CSUM_OFF_IPV4);
    return zc_csum_fold(&c);
}

static inline bool zc_ipv4_header_checksum_ok(const void *hdr, size_t len)
{
    return len >= 20 && zc_inet_checksum_ok(hdr, len);
}

/* ICMPv4 (RFC 792): the whole message, no pseudo-header. */
static inline zc_be16 zc_icmpv4_checksum(const void *msg, size_t len)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_skip(&c, msg, len, ZC_CSUM_OFF_ICMP);
    return zc_csum_fold(&c);
}

static inline bool zc_icmpv4_checksum_ok(const void *msg, size_t len)
{
    return len >= 4 && zc_inet_checksum_ok(msg, len);
}

/* TCP (RFC 9293 section 3.1): seg[0, len) is the header and data. */
static inline zc_be16 zc_tcp4_checksum(const uint8_t *src, const uint8_t *dst, const void *seg,
                                       uint16_t len)
{
    return zc_pseudo4_checksum(src, dst, ZC_CSUM_PROTO_TCP, seg, len, ZC_CSUM_OFF_TCP);
}

static inline bool zc_tcp4_checksum_ok(const uint8_t *src, const uint8_t *dst, const void *seg,
                                       uint16_t len)
{
    return len >= 20 && zc_pseudo4_checksum_ok(src, dst, ZC_CSUM_PROTO_TCP, seg, len);
}

static inline zc_be16 zc_tcp6_checksum(const uint8_t *src, const uint8_t *dst, const void *seg,
                                       uint32_t len)
{
    return zc_pseudo6_checksum(src, dst, ZC_CSUM_PROTO_TCP, seg, len, ZC_CSUM_OFF_TCP);
}

static inline bool zc_tcp6_checksum_ok(const uint8_t *src, const uint8_t *dst, const void *seg,
                                       uint32_t len)
{
    return len >= 20 && zc_pseudo6_checksum_ok(src, dst, ZC_CSUM_PROTO_TCP, seg, len);
}

/*
 * UDP (RFC 768): dgram[0, len) is the datagram, len its length field (not
 * the IP payload, which may be longer). zc_udp4/6_checksum() return the
 * value to send: never 0 (a computed 0 is sent as 0xFFFF).
 * zc_udp4_checksum_ok(): a checksum field of 0 means "not computed" and is
 * accepted. zc_udp6_checksum_ok(): 0 is invalid over IPv6 (RFC 8200 8.1).
 * Tell "none" from "verified" by reading the field (udp_checksum()).
 */
static inline zc_be16 zc_udp4_checksum(const uint8_t *src, const uint8_t *dst, const void *dgram,
                                       uint16_t len)
{
    zc_be16 r = zc_pseudo4_checksum(src, dst, ZC_CSUM_PROTO_UDP, dgram, len, ZC_CSUM_OFF_UDP);
    if (r.raw == 0)
        r.raw = 0xffffu;
    return r;
}

static inline bool zc_udp4_checksum_ok(const uint8_t *src, const uint8_t *dst, const void *dgram,
                                       uint16_t len)
{
    const uint8_t *p = ZC_CSUM_BYTES_(dgram);
    if (len < 8)
        return false;
    if (p[ZC_CSUM_OFF_UDP] == 0 && p[ZC_CSUM_OFF_UDP + 1] == 0)
        return true;
    return zc_pseudo4_checksum_ok(src, dst, ZC_CSUM_PROTO_UDP, dgram, len);
}

static inline zc_be16 zc_udp6_checksum(const uint8_t *src, const uint8_t *dst, const void *dgram,
                                       uint32_t len)
{
    zc_be16 r = zc_pseudo6_checksum(src, dst, ZC_CSUM_PROTO_UDP, dgram, len, ZC_CSUM_OFF_UDP);
    if (r.raw == 0)
        r.raw = 0xffffu;
    return r;
}

static inline bool zc_udp6_checksum_ok(const uint8_t *src, const uint8_t *dst, const void *dgram,
                                       uint32_t len)
{
    const uint8_t *p = ZC_CSUM_BYTES_(dgram);
    if (len < 8)
        return false;
    if (p[ZC_CSUM_OFF_UDP] == 0 && p[ZC_CSUM_OFF_UDP + 1] == 0)
        return false;
    return zc_pseudo6_checksum_ok(src, dst, ZC_CSUM_PROTO_UDP, dgram, len);
}

/* ICMPv6 (RFC 4443 section 2.3): the whole message with the IPv6
   pseudo-header, next header 58. */
static inline zc_be16 zc_icmpv6_checksum(const uint8_t *src, const uint8_t *dst, const void *msg,
                                         uint32_t len)
{
    return zc_pseudo6_checksum(src, dst, ZC_CSUM_PROTO_ICMPV6, msg, len, ZC_CSUM_OFF_ICMP);
}

static inline bool zc_icmpv6_checksum_ok(const uint8_t *src, const uint8_t *dst, const void *msg,
                                         uint32_t len)
{
    return len >= 4 && zc_pseudo6_checksum_ok(src, dst, ZC_CSUM_PROTO_ICMPV6, msg, len);
}

/* ---- pseudo-headers for generated code ------------------------------------ */

/*
 * The addresses of the IP layer below an upper-layer message, for the
 * generated S_F_ok()/S_fill_F() of a `@checksum(internet, pseudo P)` field:
 *   zc_pseudo ph = zc_pseudo_ipv4(ipv4_addr_octets(ipv4_src(ip)),
 *                                 ipv4_addr_octets(ipv4_dst(ip)));
 * family is 4 or 6, or 0 when the slices did not have 4 (16) bytes, and
 * then no checksum verifies and none is filled.
 */
typedef struct {
    uint8_t family;
    uint8_t src[16];
    uint8_t dst[16];
} zc_pseudo;

static inline zc_pseudo zc_pseudo_make_(uint8_t family, size_t n, zc_bytes src, zc_bytes dst)
{
    zc_pseudo ph;
    memset(&ph, 0, sizeof ph);
    if (src.len == n && dst.len == n && src.ptr && dst.ptr) {
        ph.family = family;
        memcpy(ph.src, src.ptr, n);
        memcpy(ph.dst, dst.ptr, n);
    }
    return ph;
}

static inline zc_pseudo zc_pseudo_ipv4(zc_bytes src, zc_bytes dst)
{
    return zc_pseudo_make_(4, 4, src, dst);
}

static inline zc_pseudo zc_pseudo_ipv6(zc_bytes src, zc_bytes dst)
{
    return zc_pseudo_make_(6, 16, src, dst);
}

/* Whether a message of len bytes can have a pseudo-header with ph (the
   IPv4 pseudo-header's length field has 16 bits, IPv6's 32). */
static inline bool zc_pseudo_fits(const zc_pseudo *ph, size_t len)
{
    return (ph->family == 4 && len <= 0xffffu) || (ph->family == 6 && len <= 0xffffffffu);
}

/* The checksum of seg[0, len) with ph's pseudo-header and protocol proto
   (field_off: the checksum field, counted as zero). Needs zc_pseudo_fits(). */
static inline zc_be16 zc_pseudo_checksum(const zc_pseudo *ph, uint8_t proto, const void *seg, size_t len,
                                         size_t field_off)
{
    if (ph->family == 4)
        return zc_pseudo4_checksum(ph->src, ph->dst, proto, seg, (uint16_t)len, field_off);
    return zc_pseudo6_checksum(ph->src, ph->dst, proto, seg, (uint32_t)len, field_off);
}

static inline bool zc_pseudo_checksum_ok(const zc_pseudo *ph, uint8_t proto, const void *seg, size_t len)
{
    if (!zc_pseudo_fits(ph, len))
        return false;
    if (ph->family == 4)
        return zc_pseudo4_checksum_ok(ph->src, ph->dst, proto, seg, (uint16_t)len);
    return zc_pseudo6_checksum_ok(ph->src, ph->dst, proto, seg, (uint32_t)len);
}

#ifdef __cplusplus
}
#endif

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif /* ZEROCAST_CSUM_H */
