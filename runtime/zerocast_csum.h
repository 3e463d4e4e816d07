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
/*@ requires a <= 0xffff && b <= 0xffff;
    assigns \nothing;
    ensures \result <= 0xffff; */
ZC_INLINE uint32_t zc_csum_add16_(uint32_t a, uint32_t b)
{
    uint32_t s = a + b;
    return s % 65536u + s / 65536u;   /* (s & 0xffff) + (s >> 16), as WP reads it */
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
#ifndef __FRAMAC__
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
#else
/*
 * Under Frama-C (__FRAMAC__): the same sum one 16-bit word at a time,
 * with byte loads (the 32-bit ZC_MEMCPY loads above are beyond WP's typed
 * memory model). Equal results: both are the one's complement sum of the
 * same words, in 0..0xffff, and 0 only if every word is 0 (end-around
 * carry never makes +0 from a non-zero operand), so the two agree even
 * on the representation of zero. docs/hardening.md, "Setters, builders,
 * checksums".
 */
#if ZC_HOST_BIG_ENDIAN
#define ZC_CSUM_WORD_(a, b) ((uint32_t)(a) * 256u + (uint32_t)(b))
#else
#define ZC_CSUM_WORD_(a, b) ((uint32_t)(a) + (uint32_t)(b) * 256u)
#endif
/*@ requires \valid_read(p + (0 .. n - 1));
    assigns \nothing;
    ensures \result <= 0xffff; */
static inline uint32_t zc_csum_partial_(const uint8_t *p, size_t n)
{
    uint32_t sum = 0;
    size_t i = 0;
    /*@ loop invariant 0 <= i <= n && sum <= 0xffff;
        loop assigns i, sum;
        loop variant n - i; */
    while (n - i >= 2) {
        sum = zc_csum_add16_(sum, ZC_CSUM_WORD_(p[i], p[i + 1]));
        i += 2;
    }
    if (i < n)
        sum = zc_csum_add16_(sum, ZC_CSUM_WORD_(p[i], 0u));
    return sum;
}
#endif

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

/*@ predicate zc_csum_state{L}(zc_csum *c) = \valid(c) && c->zc_sum <= 0xffff && c->zc_odd <= 1; */

/*@ requires \valid(c);
    assigns *c;
    ensures zc_csum_state(c) && c->zc_sum == 0 && c->zc_odd == 0; */
ZC_INLINE void zc_csum_init(zc_csum *c)
{
    c->zc_sum = 0;
    c->zc_odd = 0;
}

/* Adds a 16-bit partial sum of bytes that start at the stream's current
   position: at an odd position every byte sits in the other half of its
   word, which is the byte-swapped sum (RFC 1071 section 2(B)). */
/*@ requires zc_csum_state(c) && s <= 0xffff;
    assigns c->zc_sum;
    ensures zc_csum_state(c); */
ZC_INLINE void zc_csum_merge_(zc_csum *c, uint32_t s)
{
    if (c->zc_odd)
        s = zc_bswap16((uint16_t)s);
    c->zc_sum = zc_csum_add16_(c->zc_sum, s);
}

/* Appends buf[0, len) to the stream. Chunks may have any length and
   alignment: adding A then B equals adding A||B. buf may be NULL if len
   is 0. */
/*@ requires zc_csum_state(c) && \valid_read((const uint8_t *)buf + (0 .. len - 1));
    requires \separated(c, (const uint8_t *)buf + (0 .. len - 1));
    assigns c->zc_sum, c->zc_odd;
    ensures zc_csum_state(c); */
static inline void zc_csum_add(zc_csum *c, const zc_acsl_buf *buf, size_t len)
{
    zc_csum_merge_(c, zc_csum_partial_(ZC_CSUM_BYTES_(buf), len));
    c->zc_odd ^= (uint32_t)(len & 1u);
}

/*@ requires zc_csum_state(c) && \valid_read(b.ptr + (0 .. b.len - 1));
    requires \separated(c, b.ptr + (0 .. b.len - 1));
    assigns c->zc_sum, c->zc_odd;
    ensures zc_csum_state(c); */
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
/*@ requires zc_csum_state(c) && \valid_read((const uint8_t *)buf + (0 .. len - 1));
    requires \separated(c, (const uint8_t *)buf + (0 .. len - 1));
    assigns c->zc_sum, c->zc_odd;
    ensures zc_csum_state(c); */
static inline void zc_csum_add_skip(zc_csum *c, const zc_acsl_buf *buf, size_t len, size_t field_off)
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
/*@ requires zc_csum_state(c);
    assigns c->zc_sum;
    ensures zc_csum_state(c); */
ZC_INLINE void zc_csum_add_be16(zc_csum *c, zc_be16 v)
{
    zc_csum_merge_(c, v.raw);
}

/*@ requires zc_csum_state(c);
    assigns c->zc_sum;
    ensures zc_csum_state(c); */
ZC_INLINE void zc_csum_add_be32(zc_csum *c, zc_be32 v)
{
    zc_csum_merge_(c, zc_csum_add16_(v.raw & 0xffffu, v.raw >> 16));
}

/* The one's complement sum so far (RFC 1071's "sum", not complemented). */
/*@ requires \valid_read(c);
    assigns \nothing; */
ZC_INLINE zc_be16 zc_csum_sum(const zc_csum *c)
{
    zc_be16 r;
    r.raw = (uint16_t)c->zc_sum;
    return r;
}

/* The checksum: the one's complement of the sum. Store it in the field. */
/*@ requires \valid_read(c);
    assigns \nothing; */
ZC_INLINE zc_be16 zc_csum_fold(const zc_csum *c)
{
    zc_be16 r;
    r.raw = (uint16_t)(~c->zc_sum & 0xffffu);
    return r;
}

/* Verification: the stream (checksum field included) sums to 0xFFFF. */
/*@ requires \valid_read(c);
    assigns \nothing; */
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
/*@ assigns \nothing;
    ensures (field_off % 2) == 0 ==> \result.raw == csum.raw; */
ZC_INLINE zc_be16 zc_csum_place(zc_be16 csum, size_t field_off)
{
    if (field_off % 2u)
        csum.raw = zc_bswap16(csum.raw);
    return csum;
}

/* ---- one-shot --------------------------------------------------------------- */

/* The Internet checksum of buf[0, len) (RFC 1071). */
/*@ requires \valid_read((const uint8_t *)buf + (0 .. len - 1));
    assigns \nothing; */
static inline zc_be16 zc_inet_checksum(const zc_acsl_buf *buf, size_t len)
{
    zc_be16 r;
    r.raw = (uint16_t)(~zc_csum_partial_(ZC_CSUM_BYTES_(buf), len) & 0xffffu);
    return r;
}

/* True when buf[0, len), checksum field included, sums to 0xFFFF. */
/*@ requires \valid_read((const uint8_t *)buf + (0 .. len - 1));
    assigns \nothing; */
static inline bool zc_inet_checksum_ok(const zc_acsl_buf *buf, size_t len)
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
/*@ requires zc_csum_state(c) && \valid_read(src + (0 .. 3)) && \valid_read(dst + (0 .. 3));
    requires \separated(c, src + (0 .. 3)) && \separated(c, dst + (0 .. 3));
    assigns c->zc_sum, c->zc_odd;
    ensures zc_csum_state(c); */
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
/*@ requires zc_csum_state(c) && \valid_read(src + (0 .. 15)) && \valid_read(dst + (0 .. 15));
    requires \separated(c, src + (0 .. 15)) && \separated(c, dst + (0 .. 15));
    assigns c->zc_sum, c->zc_odd;
    ensures zc_csum_state(c); */
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
/*@ requires \valid_read(src + (0 .. 3)) && \valid_read(dst + (0 .. 3));
    requires \valid_read((const uint8_t *)seg + (0 .. len - 1));
    assigns \nothing; */
static inline zc_be16 zc_pseudo4_checksum(const uint8_t *src, const uint8_t *dst, uint8_t proto,
                                          const zc_acsl_buf *seg, uint16_t len, size_t field_off)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_pseudo4(&c, src, dst, proto, len);
    zc_csum_add_skip(&c, seg, len, field_off);
    return zc_csum_fold(&c);
}

/*@ requires \valid_read(src + (0 .. 3)) && \valid_read(dst + (0 .. 3));
    requires \valid_read((const uint8_t *)seg + (0 .. len - 1));
    assigns \nothing; */
static inline bool zc_pseudo4_checksum_ok(const uint8_t *src, const uint8_t *dst, uint8_t proto,
                                          const zc_acsl_buf *seg, uint16_t len)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_pseudo4(&c, src, dst, proto, len);
    zc_csum_add(&c, seg, len);
    return zc_csum_ok(&c);
}

/*@ requires \valid_read(src + (0 .. 15)) && \valid_read(dst + (0 .. 15));
    requires \valid_read((const uint8_t *)seg + (0 .. len - 1));
    assigns \nothing; */
static inline zc_be16 zc_pseudo6_checksum(const uint8_t *src, const uint8_t *dst,
                                          uint8_t next_header, const zc_acsl_buf *seg, uint32_t len,
                                          size_t field_off)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_pseudo6(&c, src, dst, next_header, len);
    zc_csum_add_skip(&c, seg, len, field_off);
    return zc_csum_fold(&c);
}

/*@ requires \valid_read(src + (0 .. 15)) && \valid_read(dst + (0 .. 15));
    requires \valid_read((const uint8_t *)seg + (0 .. len - 1));
    assigns \nothing; */
static inline bool zc_pseudo6_checksum_ok(const uint8_t *src, const uint8_t *dst,
                                          uint8_t next_header, const zc_acsl_buf *seg, uint32_t len)
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
/*@ requires \valid_read(ph);
    assigns \nothing;
    ensures \result <==> (ph->family == 4 && len <= 0xffff) || (ph->family == 6 && len <= 0xffffffff); */
static inline bool zc_pseudo_fits(const zc_pseudo *ph, size_t len)
{
    return (ph->family == 4 && len <= 0xffffu) || (ph->family == 6 && len <= 0xffffffffu);
}

/* The checksum of seg[0, len) with ph's pseudo-header and protocol proto
   (field_off: the checksum field, counted as zero). Needs zc_pseudo_fits(). */
/*@ requires \valid_read(ph) && \valid_read((const uint8_t *)seg + (0 .. len - 1));
    assigns \nothing; */
static inline zc_be16 zc_pseudo_checksum(const zc_pseudo *ph, uint8_t proto, const zc_acsl_buf *seg, size_t len,
                                         size_t field_off)
{
    if (ph->family == 4)
        return zc_pseudo4_checksum(ph->src, ph->dst, proto, seg, (uint16_t)len, field_off);
    return zc_pseudo6_checksum(ph->src, ph->dst, proto, seg, (uint32_t)len, field_off);
}

/*@ requires \valid_read(ph) && \valid_read((const uint8_t *)seg + (0 .. len - 1));
    assigns \nothing; */
static inline bool zc_pseudo_checksum_ok(const zc_pseudo *ph, uint8_t proto, const zc_acsl_buf *seg, size_t len)
{
    if (!zc_pseudo_fits(ph, len))
        return false;
    if (ph->family == 4)
        return zc_pseudo4_checksum_ok(ph->src, ph->dst, proto, seg, (uint16_t)len);
    return zc_pseudo6_checksum_ok(ph->src, ph->dst, proto, seg, (uint32_t)len);
}

/* ---- CRC-32C and CRC-32 (issue 18, item 11) ------------------------------
 *
 * CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected 0x82F63B78: SCTP,
 * RFC 9260 appendix B; iSCSI) and CRC-32 (IEEE 802.3, polynomial
 * 0x04C11DB7, reflected 0xEDB88320: Ethernet, zlib, STUN's FINGERPRINT,
 * RFC 8489 section 14.7). Both are reflected, start from 0xFFFFFFFF and end
 * with a xor of 0xFFFFFFFF: "123456789" gives 0xE3069283 and 0xCBF43926.
 * The result is a host integer: the caller stores it with the byte order
 * its protocol uses (SCTP: little-endian, the reflected CRC's first byte
 * first, RFC 9260 appendix B; STUN: network order). Table-driven, one
 * byte per step; the 256-entry tables are `static const` locals of the
 * table functions (no global state, nothing to initialise).
 */

/* Entry i of the two tables (reflected polynomials 0x82F63B78 and
   0xEDB88320; tests/unit/test_csum.c recomputes them bit by bit). The
   index is masked to 0..255: WP proves every read inside the table. */
/*@ assigns \nothing; */
static inline uint32_t zc_crc32c_tab_(unsigned i)
{
    static const uint32_t t[256] = {
        0x00000000u, 0xf26b8303u, 0xe13b70f7u, 0x1350f3f4u, 0xc79a971fu, 0x35f1141cu,
        0x26a1e7e8u, 0xd4ca64ebu, 0x8ad958cfu, 0x78b2dbccu, 0x6be22838u, 0x9989ab3bu,
        0x4d43cfd0u, 0xbf284cd3u, 0xac78bf27u, 0x5e133c24u, 0x105ec76fu, 0xe235446cu,
        0xf165b798u, 0x030e349bu, 0xd7c45070u, 0x25afd373u, 0x36ff2087u, 0xc494a384u,
        0x9a879fa0u, 0x68ec1ca3u, 0x7bbcef57u, 0x89d76c54u, 0x5d1d08bfu, 0xaf768bbcu,
        0xbc267848u, 0x4e4dfb4bu, 0x20bd8edeu, 0xd2d60dddu, 0xc186fe29u, 0x33ed7d2au,
        0xe72719c1u, 0x154c9ac2u, 0x061c6936u, 0xf477ea35u, 0xaa64d611u, 0x580f5512u,
        0x4b5fa6e6u, 0xb93425e5u, 0x6dfe410eu, 0x9f95c20du, 0x8cc531f9u, 0x7eaeb2fau,
        0x30e349b1u, 0xc288cab2u, 0xd1d83946u, 0x23b3ba45u, 0xf779deaeu, 0x05125dadu,
        0x1642ae59u, 0xe4292d5au, 0xba3a117eu, 0x4851927du, 0x5b016189u, 0xa96ae28au,
        0x7da08661u, 0x8fcb0562u, 0x9c9bf696u, 0x6ef07595u, 0x417b1dbcu, 0xb3109ebfu,
        0xa0406d4bu, 0x522bee48u, 0x86e18aa3u, 0x748a09a0u, 0x67dafa54u, 0x95b17957u,
        0xcba24573u, 0x39c9c670u, 0x2a993584u, 0xd8f2b687u, 0x0c38d26cu, 0xfe53516fu,
        0xed03a29bu, 0x1f682198u, 0x5125dad3u, 0xa34e59d0u, 0xb01eaa24u, 0x42752927u,
        0x96bf4dccu, 0x64d4cecfu, 0x77843d3bu, 0x85efbe38u, 0xdbfc821cu, 0x2997011fu,
        0x3ac7f2ebu, 0xc8ac71e8u, 0x1c661503u, 0xee0d9600u, 0xfd5d65f4u, 0x0f36e6f7u,
        0x61c69362u, 0x93ad1061u, 0x80fde395u, 0x72966096u, 0xa65c047du, 0x5437877eu,
        0x4767748au, 0xb50cf789u, 0xeb1fcbadu, 0x197448aeu, 0x0a24bb5au, 0xf84f3859u,
        0x2c855cb2u, 0xdeeedfb1u, 0xcdbe2c45u, 0x3fd5af46u, 0x7198540du, 0x83f3d70eu,
        0x90a324fau, 0x62c8a7f9u, 0xb602c312u, 0x44694011u, 0x5739b3e5u, 0xa55230e6u,
        0xfb410cc2u, 0x092a8fc1u, 0x1a7a7c35u, 0xe811ff36u, 0x3cdb9bddu, 0xceb018deu,
        0xdde0eb2au, 0x2f8b6829u, 0x82f63b78u, 0x709db87bu, 0x63cd4b8fu, 0x91a6c88cu,
        0x456cac67u, 0xb7072f64u, 0xa457dc90u, 0x563c5f93u, 0x082f63b7u, 0xfa44e0b4u,
        0xe9141340u, 0x1b7f9043u, 0xcfb5f4a8u, 0x3dde77abu, 0x2e8e845fu, 0xdce5075cu,
        0x92a8fc17u, 0x60c37f14u, 0x73938ce0u, 0x81f80fe3u, 0x55326b08u, 0xa759e80bu,
        0xb4091bffu, 0x466298fcu, 0x1871a4d8u, 0xea1a27dbu, 0xf94ad42fu, 0x0b21572cu,
        0xdfeb33c7u, 0x2d80b0c4u, 0x3ed04330u, 0xccbbc033u, 0xa24bb5a6u, 0x502036a5u,
        0x4370c551u, 0xb11b4652u, 0x65d122b9u, 0x97baa1bau, 0x84ea524eu, 0x7681d14du,
        0x2892ed69u, 0xdaf96e6au, 0xc9a99d9eu, 0x3bc21e9du, 0xef087a76u, 0x1d63f975u,
        0x0e330a81u, 0xfc588982u, 0xb21572c9u, 0x407ef1cau, 0x532e023eu, 0xa145813du,
        0x758fe5d6u, 0x87e466d5u, 0x94b49521u, 0x66df1622u, 0x38cc2a06u, 0xcaa7a905u,
        0xd9f75af1u, 0x2b9cd9f2u, 0xff56bd19u, 0x0d3d3e1au, 0x1e6dcdeeu, 0xec064eedu,
        0xc38d26c4u, 0x31e6a5c7u, 0x22b65633u, 0xd0ddd530u, 0x0417b1dbu, 0xf67c32d8u,
        0xe52cc12cu, 0x1747422fu, 0x49547e0bu, 0xbb3ffd08u, 0xa86f0efcu, 0x5a048dffu,
        0x8ecee914u, 0x7ca56a17u, 0x6ff599e3u, 0x9d9e1ae0u, 0xd3d3e1abu, 0x21b862a8u,
        0x32e8915cu, 0xc083125fu, 0x144976b4u, 0xe622f5b7u, 0xf5720643u, 0x07198540u,
        0x590ab964u, 0xab613a67u, 0xb831c993u, 0x4a5a4a90u, 0x9e902e7bu, 0x6cfbad78u,
        0x7fab5e8cu, 0x8dc0dd8fu, 0xe330a81au, 0x115b2b19u, 0x020bd8edu, 0xf0605beeu,
        0x24aa3f05u, 0xd6c1bc06u, 0xc5914ff2u, 0x37faccf1u, 0x69e9f0d5u, 0x9b8273d6u,
        0x88d28022u, 0x7ab90321u, 0xae7367cau, 0x5c18e4c9u, 0x4f48173du, 0xbd23943eu,
        0xf36e6f75u, 0x0105ec76u, 0x12551f82u, 0xe03e9c81u, 0x34f4f86au, 0xc69f7b69u,
        0xd5cf889du, 0x27a40b9eu, 0x79b737bau, 0x8bdcb4b9u, 0x988c474du, 0x6ae7c44eu,
        0xbe2da0a5u, 0x4c4623a6u, 0x5f16d052u, 0xad7d5351u
    };
    return t[i & 0xffu];
}

/*@ assigns \nothing; */
static inline uint32_t zc_crc32_tab_(unsigned i)
{
    static const uint32_t t[256] = {
        0x00000000u, 0x77073096u, 0xee0e612cu, 0x990951bau, 0x076dc419u, 0x706af48fu,
        0xe963a535u, 0x9e6495a3u, 0x0edb8832u, 0x79dcb8a4u, 0xe0d5e91eu, 0x97d2d988u,
        0x09b64c2bu, 0x7eb17cbdu, 0xe7b82d07u, 0x90bf1d91u, 0x1db71064u, 0x6ab020f2u,
        0xf3b97148u, 0x84be41deu, 0x1adad47du, 0x6ddde4ebu, 0xf4d4b551u, 0x83d385c7u,
        0x136c9856u, 0x646ba8c0u, 0xfd62f97au, 0x8a65c9ecu, 0x14015c4fu, 0x63066cd9u,
        0xfa0f3d63u, 0x8d080df5u, 0x3b6e20c8u, 0x4c69105eu, 0xd56041e4u, 0xa2677172u,
        0x3c03e4d1u, 0x4b04d447u, 0xd20d85fdu, 0xa50ab56bu, 0x35b5a8fau, 0x42b2986cu,
        0xdbbbc9d6u, 0xacbcf940u, 0x32d86ce3u, 0x45df5c75u, 0xdcd60dcfu, 0xabd13d59u,
        0x26d930acu, 0x51de003au, 0xc8d75180u, 0xbfd06116u, 0x21b4f4b5u, 0x56b3c423u,
        0xcfba9599u, 0xb8bda50fu, 0x2802b89eu, 0x5f058808u, 0xc60cd9b2u, 0xb10be924u,
        0x2f6f7c87u, 0x58684c11u, 0xc1611dabu, 0xb6662d3du, 0x76dc4190u, 0x01db7106u,
        0x98d220bcu, 0xefd5102au, 0x71b18589u, 0x06b6b51fu, 0x9fbfe4a5u, 0xe8b8d433u,
        0x7807c9a2u, 0x0f00f934u, 0x9609a88eu, 0xe10e9818u, 0x7f6a0dbbu, 0x086d3d2du,
        0x91646c97u, 0xe6635c01u, 0x6b6b51f4u, 0x1c6c6162u, 0x856530d8u, 0xf262004eu,
        0x6c0695edu, 0x1b01a57bu, 0x8208f4c1u, 0xf50fc457u, 0x65b0d9c6u, 0x12b7e950u,
        0x8bbeb8eau, 0xfcb9887cu, 0x62dd1ddfu, 0x15da2d49u, 0x8cd37cf3u, 0xfbd44c65u,
        0x4db26158u, 0x3ab551ceu, 0xa3bc0074u, 0xd4bb30e2u, 0x4adfa541u, 0x3dd895d7u,
        0xa4d1c46du, 0xd3d6f4fbu, 0x4369e96au, 0x346ed9fcu, 0xad678846u, 0xda60b8d0u,
        0x44042d73u, 0x33031de5u, 0xaa0a4c5fu, 0xdd0d7cc9u, 0x5005713cu, 0x270241aau,
        0xbe0b1010u, 0xc90c2086u, 0x5768b525u, 0x206f85b3u, 0xb966d409u, 0xce61e49fu,
        0x5edef90eu, 0x29d9c998u, 0xb0d09822u, 0xc7d7a8b4u, 0x59b33d17u, 0x2eb40d81u,
        0xb7bd5c3bu, 0xc0ba6cadu, 0xedb88320u, 0x9abfb3b6u, 0x03b6e20cu, 0x74b1d29au,
        0xead54739u, 0x9dd277afu, 0x04db2615u, 0x73dc1683u, 0xe3630b12u, 0x94643b84u,
        0x0d6d6a3eu, 0x7a6a5aa8u, 0xe40ecf0bu, 0x9309ff9du, 0x0a00ae27u, 0x7d079eb1u,
        0xf00f9344u, 0x8708a3d2u, 0x1e01f268u, 0x6906c2feu, 0xf762575du, 0x806567cbu,
        0x196c3671u, 0x6e6b06e7u, 0xfed41b76u, 0x89d32be0u, 0x10da7a5au, 0x67dd4accu,
        0xf9b9df6fu, 0x8ebeeff9u, 0x17b7be43u, 0x60b08ed5u, 0xd6d6a3e8u, 0xa1d1937eu,
        0x38d8c2c4u, 0x4fdff252u, 0xd1bb67f1u, 0xa6bc5767u, 0x3fb506ddu, 0x48b2364bu,
        0xd80d2bdau, 0xaf0a1b4cu, 0x36034af6u, 0x41047a60u, 0xdf60efc3u, 0xa867df55u,
        0x316e8eefu, 0x4669be79u, 0xcb61b38cu, 0xbc66831au, 0x256fd2a0u, 0x5268e236u,
        0xcc0c7795u, 0xbb0b4703u, 0x220216b9u, 0x5505262fu, 0xc5ba3bbeu, 0xb2bd0b28u,
        0x2bb45a92u, 0x5cb36a04u, 0xc2d7ffa7u, 0xb5d0cf31u, 0x2cd99e8bu, 0x5bdeae1du,
        0x9b64c2b0u, 0xec63f226u, 0x756aa39cu, 0x026d930au, 0x9c0906a9u, 0xeb0e363fu,
        0x72076785u, 0x05005713u, 0x95bf4a82u, 0xe2b87a14u, 0x7bb12baeu, 0x0cb61b38u,
        0x92d28e9bu, 0xe5d5be0du, 0x7cdcefb7u, 0x0bdbdf21u, 0x86d3d2d4u, 0xf1d4e242u,
        0x68ddb3f8u, 0x1fda836eu, 0x81be16cdu, 0xf6b9265bu, 0x6fb077e1u, 0x18b74777u,
        0x88085ae6u, 0xff0f6a70u, 0x66063bcau, 0x11010b5cu, 0x8f659effu, 0xf862ae69u,
        0x616bffd3u, 0x166ccf45u, 0xa00ae278u, 0xd70dd2eeu, 0x4e048354u, 0x3903b3c2u,
        0xa7672661u, 0xd06016f7u, 0x4969474du, 0x3e6e77dbu, 0xaed16a4au, 0xd9d65adcu,
        0x40df0b66u, 0x37d83bf0u, 0xa9bcae53u, 0xdebb9ec5u, 0x47b2cf7fu, 0x30b5ffe9u,
        0xbdbdf21cu, 0xcabac28au, 0x53b39330u, 0x24b4a3a6u, 0xbad03605u, 0xcdd70693u,
        0x54de5729u, 0x23d967bfu, 0xb3667a2eu, 0xc4614ab8u, 0x5d681b02u, 0x2a6f2b94u,
        0xb40bbe37u, 0xc30c8ea1u, 0x5a05df1bu, 0x2d02ef8du
    };
    return t[i & 0xffu];
}

/* Appends len bytes to a running CRC state (`crc`: the register, before the
   final xor). Counted as zero: the `skip_len` bytes at `skip_off` (a CRC
   field still in the buffer; ZC_CSUM_NO_FIELD skips nothing). `c32c`:
   CRC-32C, else CRC-32. The contracts (memory safety, termination; the
   values are tests/unit/test_csum.c's): docs/hardening.md, "Setters,
   builders, checksums". */
/*@ requires \valid_read((const uint8_t *)buf + (0 .. len - 1));
    assigns \nothing;
    ensures len == 0 ==> \result == crc; */
static inline uint32_t zc_crc_update_(bool c32c, uint32_t crc, const zc_acsl_buf *buf, size_t len, size_t skip_off,
                                      size_t skip_len)
{
    const uint8_t *p = ZC_CSUM_BYTES_(buf);
    /*@ loop invariant 0 <= i <= len;
        loop invariant i == 0 ==> crc == \at(crc, Pre);
        loop assigns i, crc;
        loop variant len - i; */
    for (size_t i = 0; i < len; i++) {
        unsigned byte = i >= skip_off && i - skip_off < skip_len ? 0u : p[i];
        unsigned x = (unsigned)(crc ^ byte) & 0xffu;
        crc = (crc >> 8) ^ (c32c ? zc_crc32c_tab_(x) : zc_crc32_tab_(x));
    }
    return crc;
}

/* CRC-32C of buf[0, len) (host value). */
/*@ requires \valid_read((const uint8_t *)buf + (0 .. len - 1));
    assigns \nothing;
    ensures len == 0 ==> \result == 0; */
static inline uint32_t zc_crc32c(const zc_acsl_buf *buf, size_t len)
{
    return ~zc_crc_update_(true, 0xffffffffu, buf, len, ZC_CSUM_NO_FIELD, 0);
}

/* CRC-32 (IEEE) of buf[0, len) (host value). */
/*@ requires \valid_read((const uint8_t *)buf + (0 .. len - 1));
    assigns \nothing;
    ensures len == 0 ==> \result == 0; */
static inline uint32_t zc_crc32(const zc_acsl_buf *buf, size_t len)
{
    return ~zc_crc_update_(false, 0xffffffffu, buf, len, ZC_CSUM_NO_FIELD, 0);
}

/* The same with the 4 bytes at field_off counted as zero (a CRC field in
   the bytes it covers, as SCTP's: RFC 9260 section 6.8). */
/*@ requires \valid_read((const uint8_t *)buf + (0 .. len - 1));
    assigns \nothing;
    ensures len == 0 ==> \result == 0; */
static inline uint32_t zc_crc32c_skip(const zc_acsl_buf *buf, size_t len, size_t field_off)
{
    return ~zc_crc_update_(true, 0xffffffffu, buf, len, field_off, 4);
}

/*@ requires \valid_read((const uint8_t *)buf + (0 .. len - 1));
    assigns \nothing;
    ensures len == 0 ==> \result == 0; */
static inline uint32_t zc_crc32_skip(const zc_acsl_buf *buf, size_t len, size_t field_off)
{
    return ~zc_crc_update_(false, 0xffffffffu, buf, len, field_off, 4);
}

/* Incremental forms: state = zc_crc32c_begin(); state = zc_crc32c_add(state,
   chunk, n) any number of times; crc = zc_crc32c_end(state). Adding A then B
   equals adding A||B. (zc_crc32_begin/add/end alike.) */
/*@ assigns \nothing; ensures \result == 0xffffffffu; */
static inline uint32_t zc_crc32c_begin(void) { return 0xffffffffu; }
/*@ requires \valid_read((const uint8_t *)buf + (0 .. len - 1));
    assigns \nothing;
    ensures len == 0 ==> \result == state; */
static inline uint32_t zc_crc32c_add(uint32_t state, const zc_acsl_buf *buf, size_t len)
{
    return zc_crc_update_(true, state, buf, len, ZC_CSUM_NO_FIELD, 0);
}
/*@ assigns \nothing; ensures \result == 0xffffffffu - state; */
static inline uint32_t zc_crc32c_end(uint32_t state) { return 0xffffffffu - state; }   /* ~state, as WP reads it */
/*@ assigns \nothing; ensures \result == 0xffffffffu; */
static inline uint32_t zc_crc32_begin(void) { return 0xffffffffu; }
/*@ requires \valid_read((const uint8_t *)buf + (0 .. len - 1));
    assigns \nothing;
    ensures len == 0 ==> \result == state; */
static inline uint32_t zc_crc32_add(uint32_t state, const zc_acsl_buf *buf, size_t len)
{
    return zc_crc_update_(false, state, buf, len, ZC_CSUM_NO_FIELD, 0);
}
/*@ assigns \nothing; ensures \result == 0xffffffffu - state; */
static inline uint32_t zc_crc32_end(uint32_t state) { return 0xffffffffu - state; }   /* ~state */

#ifdef __cplusplus
}
#endif

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif /* ZEROCAST_CSUM_H */
