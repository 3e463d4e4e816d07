/*
 * test_csum.c - runtime/zerocast_csum.h: the Internet checksum.
 *
 *  1. core:        RFC 1071's numeric example; every length 0..1100 at 16
 *                  alignments (and large ones up to 1 MiB + 3) against a
 *                  naive byte-pair loop, each in a heap buffer of exactly
 *                  that size (ASan sees any overread); chunked accumulation
 *                  at every split equals the one-shot sum; wire-value adds
 *                  and skipped fields equal adding the bytes.
 *  2. incremental: RFC 1624's example (eqn. 3 gives 0x0000 where eqn. 2
 *                  gives 0xFFFF), every new value of a word against a
 *                  recomputation, 32-bit and odd-offset updates, the -0
 *                  input and UDP's zero.
 *  3. protocols:   pseudo-headers against explicit pseudo-header bytes,
 *                  UDP's zero over IPv4 and IPv6, short messages.
 *  4. captures:    every packet of every tests/captures/ *.pcap and of
 *                  tests/captures/csum/ *.pcap (corrupted copies and corner
 *                  cases made by tests/tools/make_csum_captures.py), walked
 *                  with the generated parsers: each IPv4 header, TCP, UDP,
 *                  ICMPv4, ICMPv6 and GRE checksum gets tshark's verdict
 *                  and tshark's "should be" value (tests/captures/csum/
 *                  NAME.csum, made by tests/tools/make_csum_expect.py).
 *  5. corruption:  every single-byte change of every checksummed byte and
 *                  pseudo-header address of every packet is detected.
 *  6. rewrites:    TTL decrements, port and address rewrites (IPv4 header
 *                  and TCP/UDP/ICMPv6 pseudo-headers) and random byte
 *                  ranges, updated incrementally, equal a recomputation.
 *  7. speed:       MB/s of zc_inet_checksum and of a naive 16-bit loop
 *                  (printed only, never asserted).
 *  8. odd offsets: @checksum fields of tests/unit/csum_odd.zc at odd and
 *                  even offsets (fixed, known only at run time, with
 *                  `before`, with IPv4/IPv6 pseudo-headers and UDP's zero
 *                  rule): 20,000 random messages each filled, then the
 *                  field's bytes compared with an RFC 1071 reference
 *                  (section 2(B): swapped at an odd offset), accepted by
 *                  the generated _ok, and rejected after any one flipped
 *                  bit; tests/captures/csum-odd/odd-offset.pcap (made by
 *                  its make_odd.py, its IPv4 and UDP checksums good for
 *                  tshark): right and network-order (wrong) odd-offset
 *                  checksums told apart, and refilled byte-identical.
 *
 * Usage: test_csum [CAPTURES_DIR]   (default tests/captures)
 */
#include <check.h>
#include <dirent.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zerocast_csum.h"

#include "ethernet.zc.h"
#include "gre.zc.h"
#include "icmpv4.zc.h"
#include "icmpv6.zc.h"
#include "icmpv6_nd.zc.h"
#include "ipv4.zc.h"
#include "ipv6.zc.h"
#include "ipv6_ext.zc.h"
#include "tcp.zc.h"
#include "stun.zc.h"   /* FINGERPRINT: CRC-32 xor, outer (issue 18) */
#include "udp.zc.h"
#include "vlan.zc.h"
#include "vxlan.zc.h"

static const char *captures_dir = "tests/captures";

/* ---- helpers ------------------------------------------------------------- */

/* xorshift64*: deterministic, seeded per test. */
static uint64_t rng_state;

static void rng_seed(uint64_t s)
{
    rng_state = s ? s : 0x9e3779b97f4a7c15u;
}

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1du;
}

static size_t rng_below(size_t n)
{
    return n ? (size_t)(rng() % n) : 0;
}

static void rng_fill(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)rng();
}

/* The naive reference: RFC 1071's loop, one big-endian 16-bit word at a
   time, folding every step. The one's complement sum as a host value. */
static uint16_t naive_sum(const uint8_t *p, size_t n)
{
    uint32_t s = 0;
    size_t i = 0;
    for (; i + 1 < n; i += 2) {
        s += (uint32_t)p[i] << 8 | p[i + 1];
        s = (s & 0xffff) + (s >> 16);
    }
    if (i < n) {
        s += (uint32_t)p[i] << 8;
        s = (s & 0xffff) + (s >> 16);
    }
    return (uint16_t)s;
}

static uint16_t naive_checksum(const uint8_t *p, size_t n)
{
    return (uint16_t)~naive_sum(p, n);
}

static uint16_t host(zc_be16 v)
{
    return zc_be16toh(v);
}

static uint16_t get16(const uint8_t *p)
{
    return zc_be16toh(zc_load_be16(p));
}

static void put16(uint8_t *p, uint16_t v)
{
    zc_store_be16(p, zc_htobe16(v));
}

static uint8_t *dup_bytes(const uint8_t *p, size_t n)
{
    uint8_t *q = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(q);
    if (n)
        memcpy(q, p, n);
    return q;
}

/* ---- 1. core ----------------------------------------------------------- */

/* RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2, checksum 220d. */
START_TEST(rfc1071_example)
{
    static const uint8_t ex[8] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add(&c, ex, sizeof ex);
    ck_assert_uint_eq(host(zc_csum_sum(&c)), 0xddf2);
    ck_assert_uint_eq(host(zc_csum_fold(&c)), 0x220d);
    ck_assert_uint_eq(host(zc_inet_checksum(ex, sizeof ex)), 0x220d);
    ck_assert(zc_be16_eq(zc_inet_checksum(ex, sizeof ex), zc_htobe16(0x220d)));
    /* the bytes of the result are the wire bytes: 22 0d */
    uint8_t wire[2];
    zc_store_be16(wire, zc_csum_fold(&c));
    ck_assert_uint_eq(wire[0], 0x22);
    ck_assert_uint_eq(wire[1], 0x0d);
    ck_assert(!zc_csum_ok(&c));
    /* with the checksum appended the whole sums to ffff */
    uint8_t all[10];
    memcpy(all, ex, 8);
    memcpy(all + 8, wire, 2);
    ck_assert(zc_inet_checksum_ok(all, sizeof all));
    ck_assert_uint_eq(host(zc_inet_checksum(all, sizeof all)), 0);
    /* at every alignment, and fed byte by byte */
    uint8_t buf[8 + 16];
    for (size_t a = 0; a < 16; a++) {
        memcpy(buf + a, ex, 8);
        ck_assert_uint_eq(host(zc_inet_checksum(buf + a, 8)), 0x220d);
        zc_csum_init(&c);
        for (size_t i = 0; i < 8; i++)
            zc_csum_add(&c, buf + a + i, 1);
        ck_assert_uint_eq(host(zc_csum_sum(&c)), 0xddf2);
    }
}
END_TEST

START_TEST(empty_and_extremes)
{
    zc_csum c;
    zc_csum_init(&c);
    ck_assert_uint_eq(host(zc_csum_sum(&c)), 0);
    ck_assert_uint_eq(host(zc_csum_fold(&c)), 0xffff);
    ck_assert(!zc_csum_ok(&c));
    zc_csum_add(&c, NULL, 0);
    ck_assert_uint_eq(host(zc_csum_fold(&c)), 0xffff);
    ck_assert_uint_eq(host(zc_inet_checksum(NULL, 0)), 0xffff);
    ck_assert(!zc_inet_checksum_ok(NULL, 0));
    /* all zeros: +0, checksum ffff; all ones: -0, checksum 0; one byte */
    static uint8_t big[(1u << 20) + 3];
    memset(big, 0, sizeof big);
    ck_assert_uint_eq(host(zc_inet_checksum(big, sizeof big)), 0xffff);
    memset(big, 0xff, sizeof big);
    for (size_t n = 1; n < 10; n++)
        ck_assert_uint_eq(host(zc_inet_checksum(big, n)), naive_checksum(big, n));
    /* the largest lane values at every block boundary: no overflow */
    size_t lens[] = { 65534, 65535, 65536, 65537, 131072, 131073, sizeof big };
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        ck_assert_uint_eq(host(zc_inet_checksum(big, lens[i])), naive_checksum(big, lens[i]));
        ck_assert_uint_eq(host(zc_inet_checksum(big + 1, lens[i] - 1)),
                          naive_checksum(big + 1, lens[i] - 1));
    }
    uint8_t one = 0xab;
    ck_assert_uint_eq(host(zc_inet_checksum(&one, 1)), (uint16_t)~0xab00);
}
END_TEST

/* Every length 0..1100 at 16 alignments, and large lengths; each in an
   exact-size heap buffer. */
START_TEST(matches_naive_every_length_and_alignment)
{
    rng_seed(1071);
    enum { MAXN = 1100, ALIGN = 16 };
    uint8_t *src = malloc(MAXN + ALIGN);
    ck_assert_ptr_nonnull(src);
    rng_fill(src, MAXN + ALIGN);
    for (size_t n = 0; n <= MAXN; n++) {
        uint8_t *exact = dup_bytes(src, n);
        uint16_t want = naive_checksum(exact, n);
        ck_assert_uint_eq(host(zc_inet_checksum(exact, n)), want);
        ck_assert_uint_eq(zc_inet_checksum_ok(exact, n), naive_sum(exact, n) == 0xffff);
        free(exact);
        for (size_t a = 1; a < ALIGN; a++)
            ck_assert_msg(host(zc_inet_checksum(src + a, n)) == naive_checksum(src + a, n),
                          "length %zu alignment %zu", n, a);
    }
    free(src);
    static const size_t large[] = { 1499, 1500, 4095, 9000, 65535, 65536, 65537,
                                    100001, (1u << 20) + 3 };
    for (size_t i = 0; i < sizeof large / sizeof large[0]; i++) {
        size_t n = large[i];
        uint8_t *p = malloc(n);
        ck_assert_ptr_nonnull(p);
        rng_fill(p, n);
        ck_assert_uint_eq(host(zc_inet_checksum(p, n)), naive_checksum(p, n));
        ck_assert_uint_eq(host(zc_inet_checksum(p + 1, n - 1)), naive_checksum(p + 1, n - 1));
        ck_assert_uint_eq(host(zc_inet_checksum(p + 3, n - 3)), naive_checksum(p + 3, n - 3));
        free(p);
    }
}
END_TEST

/* Adding in chunks (any lengths, odd ones included) equals one shot. */
START_TEST(chunked_equals_one_shot)
{
    rng_seed(4242);
    enum { N = 700 };
    uint8_t buf[N + 8];
    rng_fill(buf, sizeof buf);
    /* every single split point, every length */
    for (size_t n = 0; n <= 80; n++) {
        uint16_t want = host(zc_inet_checksum(buf + 1, n));
        for (size_t k = 0; k <= n; k++) {
            zc_csum c;
            zc_csum_init(&c);
            zc_csum_add(&c, buf + 1, k);
            zc_csum_add(&c, buf + 1 + k, n - k);
            ck_assert_msg(host(zc_csum_fold(&c)) == want, "n %zu split %zu", n, k);
        }
    }
    /* random splits into up to 24 chunks, zero-length chunks included */
    for (int trial = 0; trial < 3000; trial++) {
        size_t a = rng_below(8), n = rng_below(N + 1);
        zc_csum c;
        zc_csum_init(&c);
        size_t pos = 0;
        int chunks = 0;
        while (pos < n && chunks < 24) {
            size_t left = n - pos, k;
            switch (rng_below(3)) {
            case 0: k = 0; break;
            case 1: k = rng_below(left < 4 ? left + 1 : 4); break;
            default: k = rng_below(left + 1); break;
            }
            zc_csum_add(&c, buf + a + pos, k);
            pos += k;
            chunks++;
        }
        zc_csum_add(&c, buf + a + pos, n - pos);
        ck_assert_uint_eq(host(zc_csum_fold(&c)), naive_checksum(buf + a, n));
        ck_assert_uint_eq(host(zc_csum_sum(&c)), naive_sum(buf + a, n));
    }
    /* a copy of an accumulator goes on independently */
    zc_csum c1, c2;
    zc_csum_init(&c1);
    zc_csum_add(&c1, buf, 3);
    c2 = c1;
    zc_csum_add(&c1, buf + 3, 10);
    zc_csum_add_bytes(&c2, zc_bytes_make(buf + 3, 10));
    ck_assert(zc_be16_eq(zc_csum_fold(&c1), zc_csum_fold(&c2)));
    ck_assert_uint_eq(host(zc_csum_fold(&c1)), naive_checksum(buf, 13));
}
END_TEST

/* add_be16 / add_be32 append their wire bytes, at even and odd positions. */
START_TEST(wire_value_adds_equal_their_bytes)
{
    rng_seed(16);
    for (int trial = 0; trial < 2000; trial++) {
        uint8_t pre[5], bytes[6];
        size_t npre = rng_below(sizeof pre + 1);
        rng_fill(pre, sizeof pre);
        rng_fill(bytes, sizeof bytes);
        zc_be16 v16 = zc_load_be16(bytes);
        zc_be32 v32 = zc_load_be32(bytes + 2);
        zc_csum a, b;
        zc_csum_init(&a);
        zc_csum_init(&b);
        zc_csum_add(&a, pre, npre);
        zc_csum_add(&b, pre, npre);
        zc_csum_add_be16(&a, v16);
        zc_csum_add_be32(&a, v32);
        zc_csum_add(&b, bytes, 6);
        ck_assert_uint_eq(host(zc_csum_sum(&a)), host(zc_csum_sum(&b)));
        zc_csum_add(&a, pre, 1);   /* parity stays in step too */
        zc_csum_add(&b, pre, 1);
        ck_assert_uint_eq(host(zc_csum_sum(&a)), host(zc_csum_sum(&b)));
    }
}
END_TEST

/* add_skip counts [off, off+2) inside the buffer as zero, any off. */
START_TEST(skipped_field_counts_as_zero)
{
    rng_seed(2);
    uint8_t buf[40], zeroed[40];
    rng_fill(buf, sizeof buf);
    for (size_t n = 0; n <= 33; n++) {
        for (size_t off = 0; off <= n + 3; off++) {
            memcpy(zeroed, buf, n);
            for (size_t i = off; i < off + 2 && i < n; i++)
                zeroed[i] = 0;
            for (size_t pre = 0; pre < 2; pre++) {
                zc_csum c;
                zc_csum_init(&c);
                zc_csum_add(&c, buf, pre);
                zc_csum_add_skip(&c, buf, n, off);
                zc_csum d;
                zc_csum_init(&d);
                zc_csum_add(&d, buf, pre);
                zc_csum_add(&d, zeroed, n);
                ck_assert_msg(zc_be16_eq(zc_csum_fold(&c), zc_csum_fold(&d)),
                              "n %zu off %zu pre %zu", n, off, pre);
                zc_csum_add(&c, buf, 1);
                zc_csum_add(&d, buf, 1);
                ck_assert(zc_be16_eq(zc_csum_fold(&c), zc_csum_fold(&d)));
            }
        }
        zc_csum c;
        zc_csum_init(&c);
        zc_csum_add_skip(&c, buf, n, ZC_CSUM_NO_FIELD);
        ck_assert_uint_eq(host(zc_csum_fold(&c)), naive_checksum(buf, n));
    }
}
END_TEST

/* A stored checksum verifies; every single-bit change is caught. */
START_TEST(stored_checksum_verifies)
{
    rng_seed(3);
    uint8_t buf[64];
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 4 + rng_below(60), off = 2 * rng_below((n - 1) / 2);
        rng_fill(buf, n);
        zc_csum c;
        zc_csum_init(&c);
        zc_csum_add_skip(&c, buf, n, off);
        zc_store_be16(buf + off, zc_csum_fold(&c));
        ck_assert(zc_inet_checksum_ok(buf, n));
        for (size_t i = 0; i < n; i++)
            for (int bit = 0; bit < 8; bit++) {
                buf[i] ^= (uint8_t)(1u << bit);
                ck_assert(!zc_inet_checksum_ok(buf, n));
                buf[i] ^= (uint8_t)(1u << bit);
            }
    }
}
END_TEST

/* ---- 2. incremental (RFC 1624) ------------------------------------------- */

/* Recomputes a buffer's checksum with the field at off counted as zero. */
static zc_be16 recompute(const uint8_t *p, size_t n, size_t off)
{
    zc_csum c;
    zc_csum_init(&c);
    zc_csum_add_skip(&c, p, n, off);
    return zc_csum_fold(&c);
}

/* RFC 1624 section 4: the sum of the other header words is 0xCD7A and a
   field m = 0x5555 changes to 0x3285; HC = 0xDD2F, HC' must be 0x0000. */
START_TEST(rfc1624_example)
{
    uint8_t hdr[6];
    put16(hdr, 0xcd7a);
    put16(hdr + 2, 0x5555);
    put16(hdr + 4, 0);
    zc_be16 hc = recompute(hdr, 6, 4);
    ck_assert_uint_eq(host(hc), 0xdd2f);
    zc_be16 hc2 = zc_csum_update16(hc, zc_htobe16(0x5555), zc_htobe16(0x3285));
    ck_assert_uint_eq(host(hc2), 0x0000);
    put16(hdr + 2, 0x3285);
    ck_assert_uint_eq(host(recompute(hdr, 6, 4)), 0x0000);
    /* eqn. 2 (RFC 1141), HC + m + ~m', gives 0xffff here */
    uint32_t e2 = 0xdd2fu + 0x5555u + (uint16_t)~0x3285u;
    while (e2 >> 16)
        e2 = (e2 & 0xffff) + (e2 >> 16);
    ck_assert_uint_eq(e2, 0xffff);
    /* the general form agrees, at an even offset */
    uint8_t o[2] = { 0x55, 0x55 }, n[2] = { 0x32, 0x85 };
    ck_assert_uint_eq(host(zc_csum_update(hc, 2, o, n, 2)), 0x0000);
    /* and the header verifies with either representation of zero */
    put16(hdr + 4, 0x0000);
    ck_assert(zc_inet_checksum_ok(hdr, 6));
    put16(hdr + 4, 0xffff);
    ck_assert(zc_inet_checksum_ok(hdr, 6));
}
END_TEST

/* Erratum 4782's case: an unchanged field with HC = 0 keeps HC = 0. And an
   HC of 0xFFFF (-0) is read as -0: the result is never 0xFFFF. */
START_TEST(minus_zero_corner_cases)
{
    zc_be16 zero = zc_htobe16(0), ffff = zc_htobe16(0xffff);
    ck_assert_uint_eq(host(zc_csum_update16(zero, zc_htobe16(0x5555), zc_htobe16(0x5555))), 0);
    ck_assert_uint_eq(host(zc_csum_update16(ffff, zc_htobe16(0xffff), zc_htobe16(0))), 0);
    ck_assert_uint_eq(host(zc_csum_update32(ffff, zc_htobe32(0xffffffffu), zc_htobe32(0))), 0);
    /* every hc, m, m' on a grid: never 0xffff */
    for (uint32_t h = 0; h <= 0xffff; h += 0x0fff)
        for (uint32_t m = 0; m <= 0xffff; m += 0x1111)
            for (uint32_t m2 = 0; m2 <= 0xffff; m2 += 0x0f0f) {
                zc_be16 r = zc_csum_update16(zc_htobe16((uint16_t)h), zc_htobe16((uint16_t)m),
                                             zc_htobe16((uint16_t)m2));
                ck_assert_uint_ne(host(r), 0xffff);
            }
    /* data whose checksum is 0, stored as -0 (0xffff, UDP style): updates
       from it equal recomputations */
    rng_seed(77);
    uint8_t d[20];
    for (int trial = 0; trial < 500; trial++) {
        rng_fill(d, sizeof d);
        put16(d + 10, 0);
        put16(d + 4, 0);
        put16(d + 4, host(recompute(d, sizeof d, 10)));   /* now the sum is -0 */
        ck_assert_uint_eq(host(recompute(d, sizeof d, 10)), 0);
        put16(d + 10, 0xffff);
        ck_assert(zc_inet_checksum_ok(d, sizeof d));
        size_t w = 2 * rng_below(10);
        if (w == 10)
            w = 0;
        zc_be16 old = zc_load_be16(d + w), nw = zc_htobe16((uint16_t)rng());
        zc_be16 hc = zc_csum_update16(zc_load_be16(d + 10), old, nw);
        zc_store_be16(d + w, nw);
        ck_assert_uint_eq(host(hc), host(recompute(d, sizeof d, 10)));
    }
}
END_TEST

/* Every new value of one word, for several words of random headers:
   update16 equals recomputation, including the one new value whose
   checksum is 0x0000. */
START_TEST(update16_every_value)
{
    rng_seed(1624);
    uint8_t h[20];
    int zeros = 0;
    for (int trial = 0; trial < 3; trial++) {
        rng_fill(h, sizeof h);
        zc_be16 hc = recompute(h, sizeof h, 10);
        zc_store_be16(h + 10, hc);
        size_t words[] = { 0, 8, 18 };
        for (size_t wi = 0; wi < 3; wi++) {
            size_t w = words[wi];
            uint8_t t[20];
            memcpy(t, h, sizeof t);
            zc_be16 old = zc_load_be16(t + w);
            for (uint32_t v = 0; v <= 0xffff; v++) {
                zc_be16 nv = zc_htobe16((uint16_t)v);
                zc_be16 got = zc_csum_update16(hc, old, nv);
                zc_store_be16(t + w, nv);
                zc_be16 want = recompute(t, sizeof t, 10);
                if (!zc_be16_eq(got, want))
                    ck_abort_msg("word %zu: %04x -> %04x: got %04x want %04x", w,
                                 host(old), v, host(got), host(want));
                zeros += host(got) == 0;
            }
        }
    }
    ck_assert_int_ge(zeros, 9);   /* one per sweep */
}
END_TEST

/* update32 and the general form (odd offsets, any length) vs recompute. */
START_TEST(update32_and_ranges)
{
    rng_seed(32);
    uint8_t d[97], o[16];
    for (int trial = 0; trial < 20000; trial++) {
        size_t n = 8 + rng_below(sizeof d - 7);
        size_t field = 2 * rng_below(n / 2);
        if (field + 2 > n)
            field = 0;
        rng_fill(d, n);
        zc_be16 hc = recompute(d, n, field);
        zc_store_be16(d + field, hc);
        /* a range that does not overlap the field: in the larger part */
        size_t start = field >= n - field - 2 ? 0 : field + 2;
        size_t room = field >= n - field - 2 ? field : n - field - 2;
        size_t len = 1 + rng_below(room < 16 ? room : 16);
        size_t off = start + rng_below(room - len + 1);
        memcpy(o, d + off, len);
        if (rng_below(4) == 0 && len >= 4 && off % 2 == 0) {
            zc_be32 ov = zc_load_be32(d + off), nv = zc_htobe32((uint32_t)rng());
            zc_store_be32(d + off, nv);
            hc = zc_csum_update32(hc, ov, nv);
        } else {
            rng_fill(d + off, len);
            hc = zc_csum_update(hc, off, o, d + off, len);
        }
        ck_assert_msg(zc_be16_eq(hc, recompute(d, n, field)), "trial %d", trial);
        ck_assert_uint_ne(host(hc), 0xffff);
    }
}
END_TEST

/* UDP: a zero checksum stays zero; a zero result is sent as 0xffff. */
START_TEST(udp_update_rules)
{
    zc_be16 none = zc_htobe16(0);
    ck_assert_uint_eq(host(zc_udp_csum_update16(none, zc_htobe16(1), zc_htobe16(2))), 0);
    ck_assert_uint_eq(host(zc_udp_csum_update32(none, zc_htobe32(1), zc_htobe32(2))), 0);
    /* RFC 1624's example as a UDP checksum: 0x0000 goes out as 0xffff */
    zc_be16 r = zc_udp_csum_update16(zc_htobe16(0xdd2f), zc_htobe16(0x5555), zc_htobe16(0x3285));
    ck_assert_uint_eq(host(r), 0xffff);
    /* and from 0xffff (a computed 0) on, the update works as for -0 */
    r = zc_udp_csum_update16(zc_htobe16(0xffff), zc_htobe16(0x3285), zc_htobe16(0x5555));
    ck_assert_uint_eq(host(r), 0xdd2f);
    r = zc_udp_csum_update32(zc_htobe16(0xdd2f), zc_htobe32(0x00005555u), zc_htobe32(0x00003285u));
    ck_assert_uint_eq(host(r), 0xffff);
}
END_TEST

/* ---- 3. protocols -------------------------------------------------------- */

/* Checksum over explicit pseudo-header bytes + the segment. */
static uint16_t explicit_pseudo(int v6, const uint8_t *src, const uint8_t *dst, uint8_t proto,
                                const uint8_t *seg, size_t n, size_t field)
{
    uint8_t *b = malloc(40 + n + 1);
    ck_assert_ptr_nonnull(b);
    size_t h;
    if (v6) {
        memcpy(b, src, 16);
        memcpy(b + 16, dst, 16);
        b[32] = (uint8_t)(n >> 24);
        b[33] = (uint8_t)(n >> 16);
        b[34] = (uint8_t)(n >> 8);
        b[35] = (uint8_t)n;
        b[36] = b[37] = b[38] = 0;
        b[39] = proto;
        h = 40;
    } else {
        memcpy(b, src, 4);
        memcpy(b + 4, dst, 4);
        b[8] = 0;
        b[9] = proto;
        b[10] = (uint8_t)(n >> 8);
        b[11] = (uint8_t)n;
        h = 12;
    }
    memcpy(b + h, seg, n);
    for (size_t i = field; i < field + 2 && i < n; i++)
        b[h + i] = 0;
    uint16_t r = naive_checksum(b, h + n);
    free(b);
    return r;
}

START_TEST(pseudo_headers_match_explicit_bytes)
{
    rng_seed(768);
    uint8_t src[16], dst[16], seg[300];
    for (int trial = 0; trial < 2000; trial++) {
        rng_fill(src, sizeof src);
        rng_fill(dst, sizeof dst);
        size_t n = 20 + rng_below(sizeof seg - 20);
        rng_fill(seg, n);
        uint8_t proto = (uint8_t)rng();
        ck_assert_uint_eq(host(zc_pseudo4_checksum(src, dst, proto, seg, (uint16_t)n, 16)),
                          explicit_pseudo(0, src, dst, proto, seg, n, 16));
        ck_assert_uint_eq(host(zc_pseudo6_checksum(src, dst, proto, seg, (uint32_t)n, 2)),
                          explicit_pseudo(1, src, dst, proto, seg, n, 2));
        ck_assert_uint_eq(host(zc_tcp4_checksum(src, dst, seg, (uint16_t)n)),
                          explicit_pseudo(0, src, dst, 6, seg, n, 16));
        ck_assert_uint_eq(host(zc_tcp6_checksum(src, dst, seg, (uint32_t)n)),
                          explicit_pseudo(1, src, dst, 6, seg, n, 16));
        ck_assert_uint_eq(host(zc_icmpv6_checksum(src, dst, seg, (uint32_t)n)),
                          explicit_pseudo(1, src, dst, 58, seg, n, 2));
        ck_assert_uint_eq(host(zc_icmpv4_checksum(seg, n)), host(recompute(seg, n, 2)));
        ck_assert_uint_eq(host(zc_ipv4_header_checksum(seg, 20)), host(recompute(seg, 20, 10)));
        uint16_t u4 = explicit_pseudo(0, src, dst, 17, seg, n, 6);
        uint16_t u6 = explicit_pseudo(1, src, dst, 17, seg, n, 6);
        ck_assert_uint_eq(host(zc_udp4_checksum(src, dst, seg, (uint16_t)n)), u4 ? u4 : 0xffff);
        ck_assert_uint_eq(host(zc_udp6_checksum(src, dst, seg, (uint32_t)n)), u6 ? u6 : 0xffff);
        /* store and verify each */
        put16(seg + 16, host(zc_tcp4_checksum(src, dst, seg, (uint16_t)n)));
        ck_assert(zc_tcp4_checksum_ok(src, dst, seg, (uint16_t)n));
        ck_assert(!zc_tcp6_checksum_ok(src, dst, seg, (uint32_t)n));
        put16(seg + 16, host(zc_tcp6_checksum(src, dst, seg, (uint32_t)n)));
        ck_assert(zc_tcp6_checksum_ok(src, dst, seg, (uint32_t)n));
        put16(seg + 6, host(zc_udp4_checksum(src, dst, seg, (uint16_t)n)));
        ck_assert(zc_udp4_checksum_ok(src, dst, seg, (uint16_t)n));
        put16(seg + 6, host(zc_udp6_checksum(src, dst, seg, (uint32_t)n)));
        ck_assert(zc_udp6_checksum_ok(src, dst, seg, (uint32_t)n));
        put16(seg + 2, host(zc_icmpv6_checksum(src, dst, seg, (uint32_t)n)));
        ck_assert(zc_icmpv6_checksum_ok(src, dst, seg, (uint32_t)n));
        put16(seg + 2, host(zc_icmpv4_checksum(seg, n)));
        ck_assert(zc_icmpv4_checksum_ok(seg, n));
    }
}
END_TEST

/* A UDP datagram (8-byte header + data) whose computed checksum is 0. */
static void udp_with_zero_sum(int v6, const uint8_t *src, const uint8_t *dst, uint8_t *d, size_t n)
{
    rng_fill(d + 8, n - 8);
    put16(d, 49152);
    put16(d + 2, 49153);
    put16(d + 4, (uint16_t)n);
    put16(d + 6, 0);
    put16(d + n - 2, 0);
    uint16_t c = v6 ? host(zc_pseudo6_checksum(src, dst, 17, d, (uint32_t)n, 6))
                    : host(zc_pseudo4_checksum(src, dst, 17, d, (uint16_t)n, 6));
    put16(d + n - 2, c);   /* the data now sums to -0 */
}

START_TEST(udp_zero_rules)
{
    rng_seed(17);
    uint8_t src[16], dst[16], d[64];
    rng_fill(src, sizeof src);
    rng_fill(dst, sizeof dst);
    for (int v6 = 0; v6 <= 1; v6++) {
        udp_with_zero_sum(v6, src, dst, d, sizeof d);
        if (v6) {
            ck_assert_uint_eq(host(zc_pseudo6_checksum(src, dst, 17, d, sizeof d, 6)), 0);
            ck_assert_uint_eq(host(zc_udp6_checksum(src, dst, d, sizeof d)), 0xffff);
            ck_assert(!zc_udp6_checksum_ok(src, dst, d, sizeof d));    /* 0: invalid */
            put16(d + 6, 0xffff);
            ck_assert(zc_udp6_checksum_ok(src, dst, d, sizeof d));
        } else {
            ck_assert_uint_eq(host(zc_pseudo4_checksum(src, dst, 17, d, sizeof d, 6)), 0);
            ck_assert_uint_eq(host(zc_udp4_checksum(src, dst, d, sizeof d)), 0xffff);
            ck_assert(zc_udp4_checksum_ok(src, dst, d, sizeof d));     /* 0: none */
            put16(d + 6, 0xffff);
            ck_assert(zc_udp4_checksum_ok(src, dst, d, sizeof d));
        }
    }
    /* a zero field over IPv4 is accepted whatever the data; over IPv6 never */
    rng_fill(d, sizeof d);
    put16(d + 6, 0);
    ck_assert(zc_udp4_checksum_ok(src, dst, d, sizeof d));
    ck_assert(!zc_udp6_checksum_ok(src, dst, d, sizeof d));
}
END_TEST

/* Messages too short to hold their checksum field never verify (and the
   functions read nothing outside them: exact-size heap buffers). */
START_TEST(short_messages)
{
    uint8_t a[16] = { 0 };
    for (size_t n = 0; n < 20; n++) {
        uint8_t *p = malloc(n ? n : 1);
        ck_assert_ptr_nonnull(p);
        memset(p, 0xff, n);   /* sums to -0: would verify if long enough */
        ck_assert(!zc_ipv4_header_checksum_ok(p, n));
        ck_assert(!zc_tcp4_checksum_ok(a, a, p, (uint16_t)n));
        ck_assert(!zc_tcp6_checksum_ok(a, a, p, (uint32_t)n));
        ck_assert_int_eq(zc_icmpv4_checksum_ok(p, n), n >= 4 && naive_sum(p, n) == 0xffff);
        if (n < 8) {
            ck_assert(!zc_udp4_checksum_ok(a, a, p, (uint16_t)n));
            ck_assert(!zc_udp6_checksum_ok(a, a, p, (uint32_t)n));
        }
        if (n < 4)
            ck_assert(!zc_icmpv6_checksum_ok(a, a, p, (uint32_t)n));
        /* computing never reads outside, even with the field cut off */
        (void)zc_ipv4_header_checksum(p, n);
        (void)zc_icmpv4_checksum(p, n);
        (void)zc_tcp4_checksum(a, a, p, (uint16_t)n);
        (void)zc_udp6_checksum(a, a, p, (uint32_t)n);
        (void)zc_icmpv6_checksum(a, a, p, (uint32_t)n);
        free(p);
    }
}
END_TEST

/* ---- captures: the walk ---------------------------------------------------- */

typedef enum { K_IPV4, K_TCP, K_UDP, K_ICMPV4, K_ICMPV6, K_GRE } Kind;

static const char *const kind_name[] = { "ipv4", "tcp", "udp", "icmpv4", "icmpv6", "gre" };

/* One checksum found in a frame; all positions are offsets in the frame, so
   a check can be re-evaluated on a modified copy. */
typedef struct {
    Kind kind;
    int v6;             /* TCP/UDP over IPv6 (ICMPv6 always is) */
    int unverifiable;   /* inside an IPv4 first fragment: no verdict */
    size_t off, len;    /* the checksummed bytes (IPv4: the header) */
    size_t src, dst;    /* pseudo-header addresses (4 or 16 bytes) */
    int ip;             /* TCP/UDP over IPv4: index of its IPv4 check */
} Check;

#define MAX_CHECKS 16
#define MAX_DEPTH 8

typedef struct {
    const uint8_t *frame;
    Check c[MAX_CHECKS];
    int n;
} Walk;

static int add_check(Walk *w, Kind k, int v6, const uint8_t *p, size_t len, const uint8_t *src,
                     const uint8_t *dst, int ip)
{
    ck_assert_int_lt(w->n, MAX_CHECKS);
    Check *c = &w->c[w->n];
    memset(c, 0, sizeof *c);
    c->kind = k;
    c->v6 = v6;
    c->off = (size_t)(p - w->frame);
    c->len = len;
    c->src = src ? (size_t)(src - w->frame) : 0;
    c->dst = dst ? (size_t)(dst - w->frame) : 0;
    c->ip = ip;
    return w->n++;
}

static void walk_ether(Walk *w, zc_bytes b, int depth);
static void walk_ethertype(Walk *w, ether_type t, zc_bytes b, int depth);
static void walk_ipv6(Walk *w, zc_bytes b, int depth);

/* The upper layer of an IP packet (parse failures end the walk; the
   comparison with tshark then finds the checksums that are missing). */
static void walk_l4(Walk *w, ip_proto proto, zc_bytes b, const uint8_t *src, const uint8_t *dst,
                    int v6, int ip, int depth)
{
    switch (proto) {
    case IP_PROTO_TCP: {
        tcp_view v;
        if (tcp_parse(&v, b.ptr, b.len).code == ZC_OK)
            add_check(w, K_TCP, v6, b.ptr, b.len, src, dst, ip);
        break;
    }
    case IP_PROTO_UDP: {
        udp_view v;
        if (udp_parse(&v, b.ptr, b.len).code != ZC_OK)
            break;
        add_check(w, K_UDP, v6, v.zc_base, v.zc_len, src, dst, ip);
        if (zc_be16toh(udp_dst_port(v)) == 4789) {
            vxlan_view x;
            zc_bytes pl = udp_payload(v);
            if (vxlan_parse(&x, pl.ptr, pl.len).code == ZC_OK)
                walk_ether(w, vxlan_payload(x), depth + 1);
        }
        break;
    }
    case IP_PROTO_ICMP: {
        icmpv4_view v;
        if (icmpv4_parse(&v, b.ptr, b.len).code == ZC_OK)
            add_check(w, K_ICMPV4, 0, b.ptr, b.len, NULL, NULL, -1);
        break;
    }
    case IP_PROTO_ICMPV6: {
        icmpv6_view v;
        if (icmpv6_parse(&v, b.ptr, b.len).code != ZC_OK)
            break;
        add_check(w, K_ICMPV6, 1, b.ptr, b.len, src, dst, -1);
        /* a redirect's "redirected header" option holds a packet, which
           tshark decodes and checks too */
        nd_redirect_view r;
        if (icmpv6_type(v) != ICMP6_TYPE_REDIRECT ||
            nd_redirect_parse(&r, b.ptr, b.len).code != ZC_OK)
            break;
        nd_option_iter it = nd_redirect_options(r);
        nd_option_view o;
        while (nd_option_next(&it, &o)) {
            zc_bytes d = nd_option_unknown(o);
            if (nd_option_type(o) == ND_OPT_TYPE_REDIRECTED_HEADER && d.len > 6 && depth < MAX_DEPTH)
                walk_ipv6(w, zc_bytes_make(d.ptr + 6, d.len - 6), depth + 1);
        }
        break;
    }
    case IP_PROTO_GRE: {
        gre_view v;
        if (gre_parse(&v, b.ptr, b.len).code != ZC_OK)
            break;
        if (gre_has_checksum(v))
            add_check(w, K_GRE, 0, b.ptr, b.len, NULL, NULL, -1);
        if ((unsigned)gre_protocol(v) == 0x6558)   /* transparent Ethernet bridging */
            walk_ether(w, gre_payload(v), depth + 1);
        else
            walk_ethertype(w, gre_protocol(v), gre_payload(v), depth + 1);
        break;
    }
    default:
        break;
    }
}

/* An upper layer in the first fragment of a datagram: tshark decodes its
   header but cannot verify it (the checksum covers the whole datagram). */
static void first_fragment(Walk *w, ip_proto p, zc_bytes b, const uint8_t *src,
                           const uint8_t *dst, int v6, int ip)
{
    static const Kind kinds[] = { K_TCP, K_UDP, K_ICMPV4, K_ICMPV6 };
    static const ip_proto protos[] = { IP_PROTO_TCP, IP_PROTO_UDP, IP_PROTO_ICMP,
                                       IP_PROTO_ICMPV6 };
    for (int i = 0; i < 4; i++)
        if (p == protos[i])
            w->c[add_check(w, kinds[i], v6, b.ptr, b.len, src, dst, ip)].unverifiable = 1;
}

static void walk_ipv4(Walk *w, zc_bytes b, int depth)
{
    ipv4_view v;
    if (ipv4_parse(&v, b.ptr, b.len).code != ZC_OK)
        return;
    int ip = add_check(w, K_IPV4, 0, v.zc_base, (size_t)ipv4_ihl(v) * 4, NULL, NULL, -1);
    const uint8_t *src = ipv4_addr_octets(ipv4_src(v)).ptr;
    const uint8_t *dst = ipv4_addr_octets(ipv4_dst(v)).ptr;
    zc_bytes pl = ipv4_payload(v);
    if (ipv4_fragment_offset(v) != 0)
        return;   /* not the first fragment: tshark does not decode it */
    if (ipv4_more_fragments(v)) {
        first_fragment(w, ipv4_protocol(v), pl, src, dst, 0, ip);
        return;
    }
    walk_l4(w, ipv4_protocol(v), pl, src, dst, 0, ip, depth);
}

/* IPv6 and its extension headers (tshark follows chains of any length; so
   do we, up to MAX_EXT). With a Routing header that still has segments to
   visit, the pseudo-header's destination is the final one (RFC 8200
   section 8.1): the last address (types 0 and 2) or the first segment
   (type 4, segment routing). */
#define MAX_EXT 64

static void walk_ipv6(Walk *w, zc_bytes b, int depth)
{
    ipv6_view v;
    if (ipv6_parse(&v, b.ptr, b.len).code != ZC_OK)
        return;
    const uint8_t *src = ipv6_addr_octets(ipv6_src(v)).ptr;
    const uint8_t *dst = ipv6_addr_octets(ipv6_dst(v)).ptr;
    ip_proto nh = ipv6_next_header(v);
    zc_bytes p = ipv6_payload(v);
    for (int i = 0; i < MAX_EXT; i++) {
        if (nh == IP_PROTO_HOPOPT || nh == IP_PROTO_IPV6_OPTS) {
            ipv6_hop_by_hop_view h;   /* the same layout for both */
            if (ipv6_hop_by_hop_parse(&h, p.ptr, p.len).code != ZC_OK)
                return;
            nh = ipv6_hop_by_hop_next_header(h);
            p = zc_bytes_make(p.ptr + h.zc_len, p.len - h.zc_len);
        } else if (nh == IP_PROTO_IPV6_ROUTE) {
            ipv6_routing_view r;
            if (ipv6_routing_parse(&r, p.ptr, p.len).code != ZC_OK)
                return;
            zc_bytes d = ipv6_routing_data(r);
            uint8_t type = ipv6_routing_routing_type(r);
            if (ipv6_routing_segments_left(r) > 0) {
                if ((type == 0 || type == 2) && d.len >= 4 + 16)
                    dst = d.ptr + d.len - 16;
                else if (type == 4 && d.len >= 4 + 16)
                    dst = d.ptr + 4;
            }
            nh = ipv6_routing_next_header(r);
            p = zc_bytes_make(p.ptr + r.zc_len, p.len - r.zc_len);
        } else if (nh == IP_PROTO_IPV6_FRAG) {
            ipv6_fragment_view f;
            if (ipv6_fragment_parse(&f, p.ptr, p.len).code != ZC_OK)
                return;
            nh = ipv6_fragment_next_header(f);
            p = zc_bytes_make(p.ptr + f.zc_len, p.len - f.zc_len);
            if (ipv6_fragment_fragment_offset(f) != 0)
                return;   /* not the first fragment: tshark does not decode it */
            if (ipv6_fragment_more_fragments(f)) {
                first_fragment(w, nh, p, src, dst, 1, -1);
                return;
            }
        } else {
            break;
        }
    }
    walk_l4(w, nh, p, src, dst, 1, -1, depth);
}

static void walk_ethertype(Walk *w, ether_type t, zc_bytes b, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    switch (t) {
    case ETHER_TYPE_IPV4:
        walk_ipv4(w, b, depth);
        break;
    case ETHER_TYPE_IPV6:
        walk_ipv6(w, b, depth);
        break;
    case ETHER_TYPE_VLAN:
    case ETHER_TYPE_QINQ: {
        vlan_view v;
        if (vlan_parse(&v, b.ptr, b.len).code == ZC_OK)
            walk_ethertype(w, vlan_type(v), vlan_payload(v), depth + 1);
        break;
    }
    default:
        break;
    }
}

static void walk_ether(Walk *w, zc_bytes b, int depth)
{
    ethernet_view v;
    if (depth <= MAX_DEPTH && ethernet_parse(&v, b.ptr, b.len).code == ZC_OK)
        walk_ethertype(w, ethernet_type(v), ethernet_payload(v), depth);
}

static void walk_frame(Walk *w, const uint8_t *p, size_t n)
{
    memset(w, 0, sizeof *w);
    w->frame = p;
    walk_ether(w, zc_bytes_make(p, n), 0);
}

/* ---- captures: verdicts ------------------------------------------------------ */

typedef struct {
    uint16_t field;   /* the checksum field */
    uint16_t calc;    /* our *_checksum(): the value the field should hold */
    int ok;           /* our *_checksum_ok() */
    int none;         /* UDP over IPv4 without a checksum */
} Verdict;

static Verdict evaluate(const uint8_t *f, const Check *c)
{
    Verdict r = { 0, 0, 0, 0 };
    const uint8_t *p = f + c->off, *s = f + c->src, *d = f + c->dst;
    size_t n = c->len;
    if (c->unverifiable)
        return r;
    switch (c->kind) {
    case K_IPV4:
        r.field = get16(p + 10);
        r.ok = zc_ipv4_header_checksum_ok(p, n);
        r.calc = host(zc_ipv4_header_checksum(p, n));
        break;
    case K_TCP:
        r.field = get16(p + 16);
        if (c->v6) {
            ck_assert_uint_le(n, UINT32_MAX);
            r.ok = zc_tcp6_checksum_ok(s, d, p, (uint32_t)n);
            r.calc = host(zc_tcp6_checksum(s, d, p, (uint32_t)n));
        } else {
            ck_assert_uint_le(n, 0xffff);
            r.ok = zc_tcp4_checksum_ok(s, d, p, (uint16_t)n);
            r.calc = host(zc_tcp4_checksum(s, d, p, (uint16_t)n));
        }
        break;
    case K_UDP:
        r.field = get16(p + 6);
        if (c->v6) {
            r.ok = zc_udp6_checksum_ok(s, d, p, (uint32_t)n);
            r.calc = host(zc_udp6_checksum(s, d, p, (uint32_t)n));
        } else {
            ck_assert_uint_le(n, 0xffff);
            r.ok = zc_udp4_checksum_ok(s, d, p, (uint16_t)n);
            r.calc = host(zc_udp4_checksum(s, d, p, (uint16_t)n));
            r.none = r.field == 0;
        }
        break;
    case K_ICMPV4:
        r.field = get16(p + 2);
        r.ok = zc_icmpv4_checksum_ok(p, n);
        r.calc = host(zc_icmpv4_checksum(p, n));
        break;
    case K_ICMPV6:
        r.field = get16(p + 2);
        r.ok = zc_icmpv6_checksum_ok(s, d, p, (uint32_t)n);
        r.calc = host(zc_icmpv6_checksum(s, d, p, (uint32_t)n));
        break;
    case K_GRE: {
        /* RFC 2784: header and payload, the field counted as zero */
        zc_csum cs;
        zc_csum_init(&cs);
        zc_csum_add_skip(&cs, p, n, 4);
        r.field = get16(p + 4);
        r.ok = zc_inet_checksum_ok(p, n);
        r.calc = host(zc_csum_fold(&cs));
        break;
    }
    }
    return r;
}

/* ---- captures: files ------------------------------------------------------- */

typedef struct {
    uint8_t *data;
    size_t len;
} Frame;

#define MAX_PCAPS 64
static char pcap_path[MAX_PCAPS][1024];   /* sorted: top level, then csum/ */
static char expect_path[MAX_PCAPS][1024];
static int n_pcaps;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void find_pcaps(const char *dir, const char *sub)
{
    char path[512], *names[MAX_PCAPS];
    int n = 0;
    snprintf(path, sizeof path, "%s%s%s", dir, sub ? "/" : "", sub ? sub : "");
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "test_csum: cannot open %s\n", path);
        exit(EXIT_FAILURE);
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".pcap") == 0 && n < MAX_PCAPS)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    for (int i = 0; i < n && n_pcaps < MAX_PCAPS; i++) {
        snprintf(pcap_path[n_pcaps], sizeof pcap_path[0], "%s/%s", path, names[i]);
        snprintf(expect_path[n_pcaps], sizeof expect_path[0], "%s/csum/%.*s.csum", dir,
                 (int)strlen(names[i]) - 5, names[i]);
        n_pcaps++;
        free(names[i]);
    }
}

static Frame *load_frames(const char *path, int *count)
{
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(path, err);
    ck_assert_msg(pc != NULL, "%s: %s", path, err);
    ck_assert_int_eq(pcap_datalink(pc), DLT_EN10MB);
    struct pcap_pkthdr *h;
    const u_char *data;
    int n = 0, cap = 64, rc;
    Frame *fr = malloc(sizeof *fr * (size_t)cap);
    ck_assert_ptr_nonnull(fr);
    while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
        if (n == cap) {
            cap *= 2;
            fr = realloc(fr, sizeof *fr * (size_t)cap);
            ck_assert_ptr_nonnull(fr);
        }
        fr[n].len = h->caplen;
        fr[n].data = dup_bytes(data, h->caplen);   /* exact size: ASan guards it */
        n++;
    }
    ck_assert_int_eq(rc, PCAP_ERROR_BREAK);
    pcap_close(pc);
    *count = n;
    return fr;
}

static void free_frames(Frame *fr, int n)
{
    for (int i = 0; i < n; i++)
        free(fr[i].data);
    free(fr);
}

/* One expectation line: FRAME LAYER VERDICT FIELD CALC. */
typedef struct {
    int frame;
    char layer[16], verdict[16], field[8], calc[8];
} Want;

static Want *load_expect(const char *path, int *count)
{
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL,
                  "%s is missing: run /usr/bin/python3 tests/tools/make_csum_expect.py", path);
    int n = 0, cap = 64;
    Want *w = malloc(sizeof *w * (size_t)cap);
    ck_assert_ptr_nonnull(w);
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (n == cap) {
            cap *= 2;
            w = realloc(w, sizeof *w * (size_t)cap);
            ck_assert_ptr_nonnull(w);
        }
        ck_assert_msg(sscanf(line, "%d %15s %15s %7s %7s", &w[n].frame, w[n].layer, w[n].verdict,
                             w[n].field, w[n].calc) == 5,
                      "%s: bad line: %s", path, line);
        n++;
    }
    fclose(f);
    *count = n;
    return w;
}

static unsigned hexval(const char *s)
{
    char *end;
    unsigned long v = strtoul(s, &end, 16);
    ck_assert_msg(*end == '\0' && v <= 0xffff, "bad hex %s", s);
    return (unsigned)v;
}

/* Our verdict agrees with tshark's (see make_csum_expect.py for the words):
 *   good:   ours verifies, and we compute the field's value (the field may
 *           hold -0, 0xffff, where we compute +0: both verify)
 *   bad:    ours fails, and we compute the value tshark says it should be
 *   minus0: tshark's "bad" for TCP's 0xffff where 0x0000 is computed (its
 *           note "see RFC 1624"); RFC 1071 verification accepts it: ours
 *           verifies, and we compute 0x0000
 *   none:   UDP over IPv4, field 0, accepted
 *   illegal: UDP over IPv6, field 0, refused
 *   unverified: tshark cannot check (a first fragment); nor can we */
static void compare(const char *name, int frame, const Check *c, Verdict v, const Want *w)
{
    char got[96];
    snprintf(got, sizeof got, "%d %s %04x calc %04x ok %d", frame, kind_name[c->kind], v.field,
             v.calc, v.ok);
    ck_assert_msg(w->frame == frame && strcmp(w->layer, kind_name[c->kind]) == 0,
                  "%s: ours %s, tshark's line: %d %s %s", name, got, w->frame, w->layer,
                  w->verdict);
    if (strcmp(w->verdict, "unverified") == 0) {
        ck_assert_msg(c->unverifiable, "%s: tshark could not verify %s", name, got);
        return;
    }
    ck_assert_msg(!c->unverifiable, "%s: tshark verified %d %s", name, frame, w->layer);
    unsigned field = hexval(w->field);
    ck_assert_msg(field == v.field, "%s: %s: tshark's field is %04x", name, got, field);
    if (strcmp(w->verdict, "good") == 0) {
        ck_assert_msg(v.ok && !v.none, "%s: %s: tshark says good", name, got);
        ck_assert_msg(v.calc == field || (field == 0xffff && v.calc == 0),
                      "%s: %s: tshark says good", name, got);
    } else if (strcmp(w->verdict, "bad") == 0) {
        ck_assert_msg(!v.ok, "%s: %s: tshark says bad, should be %s", name, got, w->calc);
        ck_assert_msg(v.calc == hexval(w->calc), "%s: %s: tshark says it should be %s", name,
                      got, w->calc);
    } else if (strcmp(w->verdict, "minus0") == 0) {
        ck_assert_msg(c->kind == K_TCP && v.ok && field == 0xffff && v.calc == 0 &&
                          hexval(w->calc) == 0,
                      "%s: %s: tshark says 0xffff instead of 0x0000", name, got);
    } else if (strcmp(w->verdict, "none") == 0) {
        ck_assert_msg(c->kind == K_UDP && !c->v6 && v.none && v.ok, "%s: %s: tshark says none",
                      name, got);
    } else if (strcmp(w->verdict, "illegal") == 0) {
        ck_assert_msg(c->kind == K_UDP && c->v6 && field == 0 && !v.ok,
                      "%s: %s: tshark says illegal", name, got);
    } else {
        ck_abort_msg("%s: unknown verdict %s", name, w->verdict);
    }
}

/* 4. Every checksum of every packet: tshark's verdict and value. */
START_TEST(captures_match_tshark)
{
    const char *path = pcap_path[_i];
    int nf, nw, k = 0;
    Frame *fr = load_frames(path, &nf);
    Want *want = load_expect(expect_path[_i], &nw);
    for (int i = 0; i < nf; i++) {
        Walk w;
        walk_frame(&w, fr[i].data, fr[i].len);
        for (int j = 0; j < w.n; j++) {
            ck_assert_msg(k < nw, "%s: frame %d: %s checksum that tshark does not show", path,
                          i + 1, kind_name[w.c[j].kind]);
            compare(path, i + 1, &w.c[j], evaluate(fr[i].data, &w.c[j]), &want[k++]);
        }
    }
    ck_assert_msg(k == nw, "%s: tshark shows a checksum we did not find: frame %d %s", path,
                  k < nw ? want[k].frame : 0, k < nw ? want[k].layer : "");
    printf("%-45s %3d frames, %3d checksums agree with tshark\n", path, nf, k);
    free(want);
    free_frames(fr, nf);
}
END_TEST

/* 5. Every single-byte change of every checksummed byte (and of every
   pseudo-header address byte) changes the computed checksum, and turns a
   good checksum bad (unless it changes a UDP/IPv4 "none" or the field). */
START_TEST(every_byte_change_is_detected)
{
    int nf, tried = 0;
    Frame *fr = load_frames(pcap_path[_i], &nf);
    for (int i = 0; i < nf; i++) {
        Walk w;
        walk_frame(&w, fr[i].data, fr[i].len);
        uint8_t *copy = dup_bytes(fr[i].data, fr[i].len);
        for (int j = 0; j < w.n; j++) {
            const Check *c = &w.c[j];
            if (c->unverifiable)
                continue;
            Verdict before = evaluate(copy, c);
            size_t field = c->kind == K_IPV4 ? 10 : c->kind == K_TCP ? 16 :
                           c->kind == K_UDP ? 6 : c->kind == K_GRE ? 4 : 2;
            size_t alen = c->v6 ? 16 : 4;
            int pseudo = c->kind == K_TCP || c->kind == K_UDP || c->kind == K_ICMPV6;
            size_t total = c->len + (pseudo ? 2 * alen : 0);
            for (size_t t = 0; t < total; t++) {
                size_t at = t < c->len ? c->off + t
                          : t < c->len + alen ? c->src + (t - c->len)
                                              : c->dst + (t - c->len - alen);
                int in_field = t >= field && t < field + 2 && t < c->len;
                copy[at] ^= 0xff;
                Verdict after = evaluate(copy, c);
                copy[at] ^= 0xff;
                tried++;
                if (in_field)
                    continue;
                ck_assert_msg(after.calc != before.calc || (before.none && after.none),
                              "%s frame %d %s byte %zu: checksum unchanged", pcap_path[_i],
                              i + 1, kind_name[c->kind], t);
                if (before.ok && !before.none)
                    ck_assert_msg(!after.ok, "%s frame %d %s byte %zu: change not detected",
                                  pcap_path[_i], i + 1, kind_name[c->kind], t);
            }
        }
        free(copy);
    }
    printf("%-45s %7d single-byte changes\n", pcap_path[_i], tried);
    free_frames(fr, nf);
}
END_TEST

/* Writes the right checksum into a check's field (so updates start from a
   correct value even where the capture holds an offloaded one). */
static void fix_checksum(uint8_t *f, const Check *c)
{
    Verdict v = evaluate(f, c);
    size_t field = c->kind == K_IPV4 ? 10 : c->kind == K_TCP ? 16 :
                   c->kind == K_UDP ? 6 : c->kind == K_GRE ? 4 : 2;
    if (c->kind == K_UDP && !c->v6 && v.none)
        return;   /* keep "no checksum" as it is */
    put16(f + c->off + field, v.calc);
    ck_assert(evaluate(f, c).ok);
}

static size_t field_of(Kind k)
{
    return k == K_IPV4 ? 10 : k == K_TCP ? 16 : k == K_UDP ? 6 : k == K_GRE ? 4 : 2;
}

/* Updates a check's field for a 16-bit word change: UDP's rules for UDP. */
static void apply16(uint8_t *f, const Check *c, zc_be16 old, zc_be16 nw)
{
    uint8_t *fp = f + c->off + field_of(c->kind);
    zc_be16 hc = zc_load_be16(fp);
    zc_store_be16(fp, c->kind == K_UDP ? zc_udp_csum_update16(hc, old, nw)
                                       : zc_csum_update16(hc, old, nw));
}

/* The same for any byte range at offset off of the checksummed data. */
static void apply_range(uint8_t *f, const Check *c, size_t off, const uint8_t *old,
                        const uint8_t *nw, size_t len)
{
    uint8_t *fp = f + c->off + field_of(c->kind);
    zc_be16 hc = zc_load_be16(fp);
    zc_store_be16(fp, c->kind == K_UDP ? zc_udp_csum_update(hc, off, old, nw, len)
                                       : zc_csum_update(hc, off, old, nw, len));
}

/* Checks a check after an update: it verifies and its field equals a
   recomputation (UDP over IPv4 without a checksum: still 0). */
static void assert_recomputed(const char *what, int frame, const uint8_t *f, const Check *c)
{
    Verdict v = evaluate(f, c);
    ck_assert_msg(v.ok, "%s frame %d %s: %04x no longer verifies", what, frame,
                  kind_name[c->kind], v.field);
    if (v.none)
        return;
    ck_assert_msg(v.field == v.calc, "%s frame %d %s: updated %04x, recomputed %04x", what,
                  frame, kind_name[c->kind], v.field, v.calc);
}

/* 6. Rewrites on real packets, updated incrementally (RFC 1624), equal
   recomputation: TTL decrements, ports, addresses, random byte ranges. */
START_TEST(rewrites_update_incrementally)
{
    const char *path = pcap_path[_i];
    int nf, done = 0;
    Frame *fr = load_frames(path, &nf);
    rng_seed(0x1624 + (uint64_t)_i);
    for (int i = 0; i < nf; i++) {
        Walk w;
        walk_frame(&w, fr[i].data, fr[i].len);
        uint8_t *f = dup_bytes(fr[i].data, fr[i].len);
        /* start from right checksums, innermost first (GRE and UDP cover
           inner checksums) */
        for (int j = w.n - 1; j >= 0; j--)
            if (!w.c[j].unverifiable)
                fix_checksum(f, &w.c[j]);
        for (int j = 0; j < w.n; j++) {
            const Check *c = &w.c[j];
            if (c->unverifiable)
                continue;
            /* a TTL decrement: the (ttl, protocol) word, and the byte alone */
            if (c->kind == K_IPV4) {
                uint8_t *h = f + c->off;
                for (int r = 0; r < 8; r++) {
                    zc_be16 old = zc_load_be16(h + 8);
                    h[8] = (uint8_t)(h[8] - 1);
                    zc_store_be16(h + 10, zc_csum_update16(zc_load_be16(h + 10), old,
                                                           zc_load_be16(h + 8)));
                    assert_recomputed(path, i + 1, f, c);
                    uint8_t ttl = h[8], nttl = (uint8_t)rng();
                    h[8] = nttl;
                    zc_store_be16(h + 10, zc_csum_update(zc_load_be16(h + 10), 8, &ttl, &nttl, 1));
                    assert_recomputed(path, i + 1, f, c);
                    done += 2;
                }
            }
            /* a port rewrite (TCP, UDP) */
            if (c->kind == K_TCP || c->kind == K_UDP) {
                for (int r = 0; r < 8; r++) {
                    uint8_t *port = f + c->off + 2 * rng_below(2);
                    zc_be16 old = zc_load_be16(port), nw = zc_htobe16((uint16_t)rng());
                    zc_store_be16(port, nw);
                    apply16(f, c, old, nw);
                    assert_recomputed(path, i + 1, f, c);
                    done++;
                }
            }
            /* an address rewrite (NAT): the IPv4 header and the TCP/UDP
               pseudo-header, or an IPv6 address under TCP/UDP/ICMPv6 */
            if ((c->kind == K_TCP || c->kind == K_UDP) && !c->v6 && c->ip >= 0) {
                const Check *ipc = &w.c[c->ip];
                for (int r = 0; r < 8; r++) {
                    size_t a = r % 2 ? c->src : c->dst;
                    zc_be32 old = zc_load_be32(f + a), nw = zc_htobe32((uint32_t)rng());
                    zc_store_be32(f + a, nw);
                    uint8_t *ih = f + ipc->off + 10;
                    zc_store_be16(ih, zc_csum_update32(zc_load_be16(ih), old, nw));
                    uint8_t *fp = f + c->off + field_of(c->kind);
                    zc_be16 hc = zc_load_be16(fp);
                    zc_store_be16(fp, c->kind == K_UDP ? zc_udp_csum_update32(hc, old, nw)
                                                       : zc_csum_update32(hc, old, nw));
                    assert_recomputed(path, i + 1, f, ipc);
                    assert_recomputed(path, i + 1, f, c);
                    done++;
                }
            }
            if ((c->kind == K_TCP || c->kind == K_UDP || c->kind == K_ICMPV6) && c->v6) {
                for (int r = 0; r < 4; r++) {
                    size_t a = r % 2 ? c->src : c->dst;
                    uint8_t old[16], nw[16];
                    memcpy(old, f + a, 16);
                    rng_fill(nw, 16);
                    memcpy(f + a, nw, 16);
                    apply_range(f, c, 0, old, nw, 16);   /* even offset in the pseudo-header */
                    assert_recomputed(path, i + 1, f, c);
                    done++;
                }
            }
            /* random byte ranges of an upper layer's data, at any offset
               (not the field, not a nested checksummed layer: the last
               check of a frame, or one with nothing after it) */
            int innermost = j == w.n - 1;
            if (c->kind != K_IPV4 && innermost && c->len > 24) {
                size_t fo = field_of(c->kind);
                for (int r = 0; r < 16; r++) {
                    size_t len = 1 + rng_below(12), off;
                    if (len > c->len - fo - 2)
                        break;
                    do {
                        off = rng_below(c->len - len + 1);
                    } while (off < fo + 2 && fo < off + len);
                    if (c->kind == K_ICMPV4 || c->kind == K_ICMPV6)
                        if (off < 4)
                            continue;   /* keep the type: the walk stays the same */
                    uint8_t old[16];
                    memcpy(old, f + c->off + off, len);
                    rng_fill(f + c->off + off, len);
                    apply_range(f, c, off, old, f + c->off + off, len);
                    assert_recomputed(path, i + 1, f, c);
                    done++;
                }
            }
        }
        free(f);
    }
    printf("%-45s %6d incremental updates = recomputation\n", path, done);
    free_frames(fr, nf);
}
END_TEST

/* ---- 7. speed ------------------------------------------------------------------ */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

START_TEST(speed_vs_naive)
{
    static const size_t sizes[] = { 20, 64, 1500, 65536 };
    enum { BUFSZ = 65536 + 8 };
    uint8_t *buf = malloc(BUFSZ);
    ck_assert_ptr_nonnull(buf);
    rng_seed(99);
    rng_fill(buf, BUFSZ);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s];
        double rate[2];
        volatile uint32_t sink = 0;
        for (int impl = 0; impl < 2; impl++) {
            size_t iters = 0, bytes = 0;
            double t0 = now(), t;
            do {
                for (int k = 0; k < 64; k++) {
                    const uint8_t *p = buf + (iters & 7);   /* every alignment */
                    sink += impl ? naive_checksum(p, n) : zc_inet_checksum(p, n).raw;
                    iters++;
                    bytes += n;
                }
                t = now() - t0;
            } while (t < 0.15);
            rate[impl] = (double)bytes / t / 1e6;
        }
        (void)sink;
        printf("speed: %6zu-byte buffers: zc_inet_checksum %9.0f MB/s, naive 16-bit loop "
               "%7.0f MB/s (x%.1f)\n",
               n, rate[0], rate[1], rate[0] / rate[1]);
    }
    free(buf);
}
END_TEST

/* ---- 8. odd offsets: @checksum fields at odd and even offsets ------------------------------ */

/*
 * tests/unit/csum_odd.zc, generated into the build's tests/ directory (the
 * Makefile's rule for $(B)/tests/csum_odd.zc.h). A field at an odd offset
 * of the summed bytes adds its value byte-swapped (RFC 1071 section 2(B)):
 * NAME_fill_FIELD() must store the checksum so, and NAME_FIELD_ok() accept
 * it. The reference here is naive_sum() above (big-endian words from the
 * start of the summed bytes, RFC 1071's loop), with explicit pseudo-header
 * bytes: nothing from zerocast_csum.h.
 */
#if defined(__has_include)
#if __has_include("csum_odd.zc.h")
#include "csum_odd.zc.h"
#define HAVE_CSUM_ODD 1
#endif
#endif

#ifdef HAVE_CSUM_ODD

/* The reference's field bytes for a field at offset off of the summed bytes
   p[0, n) (field bytes zero in p), after `pre` pseudo-header bytes (an even
   count). The checksum C = ~sum; at an even offset the field holds C's
   high byte then its low byte; at an odd one the first byte is the low half
   of a word and the second the high half of the next: low byte, high byte. */
static void ref_field(const uint8_t *pre, size_t npre, const uint8_t *p, size_t n, size_t off,
                      bool zero_is_none, uint8_t out[2])
{
    uint8_t *all = malloc(npre + n + 1);
    ck_assert_ptr_nonnull(all);
    if (npre)
        memcpy(all, pre, npre);
    if (n)
        memcpy(all + npre, p, n);
    uint16_t c = (uint16_t)~naive_sum(all, npre + n);
    free(all);
    if (zero_is_none && c == 0)
        c = 0xffff;
    out[off % 2] = (uint8_t)(c >> 8);
    out[1 - off % 2] = (uint8_t)c;
}

/* The reference verdict: pre || p[0, n) sums to 0xFFFF. */
static bool ref_ok(const uint8_t *pre, size_t npre, const uint8_t *p, size_t n)
{
    uint8_t *all = malloc(npre + n + 1);
    ck_assert_ptr_nonnull(all);
    if (npre)
        memcpy(all, pre, npre);
    if (n)
        memcpy(all + npre, p, n);
    bool ok = naive_sum(all, npre + n) == 0xffff;
    free(all);
    return ok;
}

/* An explicit pseudo-header (RFC 768 / RFC 8200 section 8.1), protocol 17. */
static size_t ref_pseudo(const zc_pseudo *ph, size_t len, uint8_t out[40])
{
    if (ph->family == 4) {
        memcpy(out, ph->src, 4);
        memcpy(out + 4, ph->dst, 4);
        out[8] = 0;
        out[9] = 17;
        out[10] = (uint8_t)(len >> 8);
        out[11] = (uint8_t)len;
        return 12;
    }
    memcpy(out, ph->src, 16);
    memcpy(out + 16, ph->dst, 16);
    out[32] = (uint8_t)(len >> 24);
    out[33] = (uint8_t)(len >> 16);
    out[34] = (uint8_t)(len >> 8);
    out[35] = (uint8_t)len;
    out[36] = out[37] = out[38] = 0;
    out[39] = 17;
    return 40;
}

/* After a fill: the field holds the reference's bytes, the generated _ok
   and the reference accept, and any one flipped bit of the summed bytes
   (the field's included) makes both reject. */
#define CHECK_FILLED(NAME, view, buf, sum_len, off, pre, npre, zero_is_none, ok_call)               \
    do {                                                                                          \
        uint8_t want_[2], saved_[2];                                                              \
        memcpy(saved_, (buf) + (off), 2);                                                         \
        memset((buf) + (off), 0, 2);                                                              \
        ref_field((pre), (npre), (buf), (sum_len), (off), (zero_is_none), want_);                 \
        memcpy((buf) + (off), saved_, 2);                                                         \
        ck_assert_msg(memcmp((buf) + (off), want_, 2) == 0,                                       \
                      NAME ": trial %d, field at %zu: filled %02x%02x, RFC 1071 says %02x%02x",   \
                      trial, (size_t)(off), (buf)[(off)], (buf)[(off) + 1], want_[0], want_[1]);   \
        ck_assert_msg(ok_call, NAME ": trial %d: the filled checksum is rejected", trial);        \
        ck_assert_msg(ref_ok((pre), (npre), (buf), (sum_len)), NAME ": trial %d: reference", trial); \
        size_t bit_ = rng_below((sum_len) * 8);                                                   \
        (buf)[bit_ / 8] ^= (uint8_t)(1u << bit_ % 8);                                             \
        ck_assert_msg(!(ok_call), NAME ": trial %d: bit %zu flipped, still accepted", trial, bit_); \
        ck_assert_msg(!ref_ok((pre), (npre), (buf), (sum_len)), NAME ": trial %d: reference", trial); \
        (buf)[bit_ / 8] ^= (uint8_t)(1u << bit_ % 8);                                             \
    } while (0)

enum { ODD_TRIALS = 20000 };

/* The struct of issue 16 item 7, as filed: u8 a; be16 c; u8 b[2]. */
START_TEST(odd_offset_as_filed)
{
    rng_seed(0x0dd);
    for (int trial = 0; trial < ODD_TRIALS; trial++) {
        uint8_t *buf = malloc(5);
        odd_mview m;
        odd_view v;
        ck_assert_ptr_nonnull(buf);
        rng_fill(buf, 5);
        ck_assert_int_eq(odd_parse_mut(&m, buf, 5).code, ZC_OK);
        odd_fill_c(m);
        ck_assert_int_eq(odd_parse(&v, buf, 5).code, ZC_OK);
        CHECK_FILLED("odd", v, buf, 5, ODD_OFF_C, NULL, 0, false, odd_c_ok(v));
        /* what an even-offset fill stores (the checksum in network order)
           is rejected unless its two bytes are equal */
        uint8_t w0 = buf[1], w1 = buf[2];
        buf[1] = w1;
        buf[2] = w0;
        ck_assert_msg(odd_c_ok(v) == (w0 == w1), "odd: trial %d: unswapped %02x%02x", trial, w1, w0);
        free(buf);
    }
}
END_TEST

/* Payloads of every length 0..99 at even and odd offsets, a run-time
   offset of either parity, a checksum over the bytes before a field. */
START_TEST(odd_and_even_offsets_fill_then_verify)
{
    rng_seed(0x1071);
    for (int trial = 0; trial < ODD_TRIALS; trial++) {
        size_t n = 3 + rng_below(100), len;
        uint8_t *buf;

        /* even: u8 a[2]; be16 c; u8 b[] */
        len = n + 1;
        buf = malloc(len);
        ck_assert_ptr_nonnull(buf);
        rng_fill(buf, len);
        even_mview em;
        even_view ev;
        ck_assert_int_eq(even_parse_mut(&em, buf, len).code, ZC_OK);
        even_fill_c(em);
        ck_assert_int_eq(even_parse(&ev, buf, len).code, ZC_OK);
        CHECK_FILLED("even", ev, buf, len, EVEN_OFF_C, NULL, 0, false, even_c_ok(ev));
        free(buf);

        /* odd_rest: u8 a; be16 c; u8 b[] */
        len = n;
        buf = malloc(len);
        ck_assert_ptr_nonnull(buf);
        rng_fill(buf, len);
        odd_rest_mview om;
        odd_rest_view ov;
        ck_assert_int_eq(odd_rest_parse_mut(&om, buf, len).code, ZC_OK);
        odd_rest_fill_c(om);
        ck_assert_int_eq(odd_rest_parse(&ov, buf, len).code, ZC_OK);
        CHECK_FILLED("odd_rest", ov, buf, len, ODD_REST_OFF_C, NULL, 0, false, odd_rest_c_ok(ov));
        free(buf);

        /* odd_var: u8 n; u8 pad[n]; be16 c; u8 rest[]: the field at 1 + k */
        size_t k = rng_below(10);
        len = 1 + k + 2 + rng_below(60);
        buf = malloc(len);
        ck_assert_ptr_nonnull(buf);
        rng_fill(buf, len);
        buf[0] = (uint8_t)k;
        odd_var_mview vm;
        odd_var_view vv;
        ck_assert_int_eq(odd_var_parse_mut(&vm, buf, len).code, ZC_OK);
        odd_var_fill_c(vm);
        ck_assert_int_eq(odd_var_parse(&vv, buf, len).code, ZC_OK);
        /* _ok sums the whole message: a flipped bit in n is caught too */
        CHECK_FILLED("odd_var", vv, buf, len, 1 + k, NULL, 0, false, odd_var_c_ok(vv));
        free(buf);

        /* odd_before: u8 a[3]; be16 c (before tail); u8 body[4]; u8 tail[]:
           the sum covers the 9 bytes before tail */
        len = 9 + rng_below(40);
        buf = malloc(len);
        ck_assert_ptr_nonnull(buf);
        rng_fill(buf, len);
        odd_before_mview bm;
        odd_before_view bv;
        ck_assert_int_eq(odd_before_parse_mut(&bm, buf, len).code, ZC_OK);
        odd_before_fill_c(bm);
        ck_assert_int_eq(odd_before_parse(&bv, buf, len).code, ZC_OK);
        CHECK_FILLED("odd_before", bv, buf, 9, ODD_BEFORE_OFF_C, NULL, 0, false, odd_before_c_ok(bv));
        free(buf);
    }
}
END_TEST

/* An odd offset under a pseudo-header (IPv4 and IPv6, protocol 17) and
   UDP's rules: 0 would mean "none", so a computed 0 is stored as 0xFFFF. */
START_TEST(odd_offset_with_pseudo_header)
{
    rng_seed(0x768);
    int zeros = 0;
    for (int trial = 0; trial < ODD_TRIALS; trial++) {
        size_t len = 3 + rng_below(100);
        uint8_t addr[32], pre[40];
        uint8_t *buf = malloc(len);
        ck_assert_ptr_nonnull(buf);
        rng_fill(buf, len);
        rng_fill(addr, sizeof addr);
        int v6 = trial & 1;
        zc_pseudo ph = v6 ? zc_pseudo_ipv6(zc_bytes_make(addr, 16), zc_bytes_make(addr + 16, 16))
                          : zc_pseudo_ipv4(zc_bytes_make(addr, 4), zc_bytes_make(addr + 4, 4));
        size_t npre = ref_pseudo(&ph, len, pre);
        if (trial % 1000 == 7 && len >= 5) {
            /* a computed checksum of 0: with the field zero, choose b[0..1]
               (offsets 3 and 4: the low half of word 1, the high half of
               word 2) so that pseudo-header and message sum to 0xFFFF */
            uint8_t *all = malloc(npre + len);
            ck_assert_ptr_nonnull(all);
            memset(buf + 1, 0, 4);
            memcpy(all, pre, npre);
            memcpy(all + npre, buf, len);
            uint16_t need = (uint16_t)~naive_sum(all, npre + len);
            free(all);
            buf[3] = (uint8_t)need;
            buf[4] = (uint8_t)(need >> 8);
        }
        odd_pseudo_mview m;
        odd_pseudo_view v;
        ck_assert_int_eq(odd_pseudo_parse_mut(&m, buf, len).code, ZC_OK);
        ck_assert_int_eq(odd_pseudo_fill_c(m, &ph).code, ZC_OK);
        ck_assert_int_eq(odd_pseudo_parse(&v, buf, len).code, ZC_OK);
        zeros += buf[1] == 0xff && buf[2] == 0xff;
        CHECK_FILLED("odd_pseudo", v, buf, len, ODD_PSEUDO_OFF_C, pre, npre, true,
                     odd_pseudo_c_ok(v, &ph));
        free(buf);
    }
    ck_assert_msg(zeros >= 1, "no computed 0 (stored as 0xFFFF) was tried");
}
END_TEST

/* tests/captures/csum-odd/odd-offset.pcap (make_odd.py): UDP/IPv4 frames,
   IPv4 and UDP checksums verified good by tshark, whose payloads are
   odd_rest messages with checksums computed by the script's own RFC 1071
   sum: a = 1 right, a = 2 stored in network order as if at an even offset
   (wrong). */
START_TEST(odd_offset_captured_messages)
{
    char path[1024];
    int n, right = 0, wrong = 0;
    snprintf(path, sizeof path, "%s/csum-odd/odd-offset.pcap", captures_dir);
    Frame *fr = load_frames(path, &n);
    ck_assert_int_eq(n, 64);
    for (int i = 0; i < n; i++) {
        ethernet_view e;
        ipv4_view ip;
        udp_view u;
        odd_rest_view o;
        odd_rest_mview om;
        ck_assert_int_eq(ethernet_parse(&e, fr[i].data, fr[i].len).code, ZC_OK);
        zc_bytes b = ethernet_payload(e);
        ck_assert_int_eq(ipv4_parse(&ip, b.ptr, b.len).code, ZC_OK);
        ck_assert(ipv4_checksum_ok(ip));
        b = ipv4_payload(ip);
        ck_assert_int_eq(udp_parse(&u, b.ptr, b.len).code, ZC_OK);
        zc_pseudo ph = zc_pseudo_ipv4(ipv4_addr_octets(ipv4_src(ip)), ipv4_addr_octets(ipv4_dst(ip)));
        ck_assert(udp_checksum_ok(u, &ph));
        b = udp_payload(u);
        ck_assert_int_eq(odd_rest_parse(&o, b.ptr, b.len).code, ZC_OK);
        uint8_t kind = odd_rest_a(o);
        ck_assert_msg(kind == 1 || kind == 2, "frame %d: a = %u", i + 1, kind);
        ck_assert_msg(odd_rest_c_ok(o) == (kind == 1), "frame %d: a = %u, c_ok %d", i + 1, kind,
                      odd_rest_c_ok(o));
        right += kind == 1;
        wrong += kind == 2;
        /* a fill of a copy gives the right bytes: the script's for a = 1,
           the wrong ones' two bytes swapped for a = 2 */
        uint8_t *copy = dup_bytes(b.ptr, b.len);
        ck_assert_int_eq(odd_rest_parse_mut(&om, copy, b.len).code, ZC_OK);
        odd_rest_fill_c(om);
        if (kind == 1)
            ck_assert_msg(memcmp(copy, b.ptr, b.len) == 0, "frame %d: fill differs", i + 1);
        else
            ck_assert_msg(copy[1] == b.ptr[2] && copy[2] == b.ptr[1] &&
                              memcmp(copy + 3, b.ptr + 3, b.len - 3) == 0,
                          "frame %d: fill %02x%02x, wrong one %02x%02x", i + 1, copy[1], copy[2],
                          b.ptr[1], b.ptr[2]);
        free(copy);
    }
    ck_assert_int_eq(right, 48);
    ck_assert_int_eq(wrong, 16);
    free_frames(fr, n);
}
END_TEST

#else

START_TEST(odd_offset_header_missing)
{
    ck_abort_msg("csum_odd.zc.h was not generated: the Makefile needs the rule for "
                 "$(B)/tests/csum_odd.zc.h and -I$(B)/tests for test_csum");
}
END_TEST

#endif /* HAVE_CSUM_ODD */

/* ---- suite ------------------------------------------------------------------------ */


/* ---- CRC-32C and CRC-32 (issue 18, item 11) ------------------------------ */

/* Bit-at-a-time reference, straight from the definition. */
static uint32_t crc_bitwise(uint32_t poly, const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c & 1u) ? (c >> 1) ^ poly : c >> 1;
    }
    return ~c;
}

START_TEST(crc_standard_vectors)
{
    /* the check values of the CRC catalogue, and RFC 3720 B.4's iSCSI
       vectors for CRC-32C (32 bytes of 0x00, of 0xff, ascending); the
       casts: the buffer is uint8_t under -D__FRAMAC__ (zc_acsl_buf) */
    ck_assert_uint_eq(zc_crc32c((const uint8_t *)"123456789", 9), 0xE3069283u);
    ck_assert_uint_eq(zc_crc32((const uint8_t *)"123456789", 9), 0xCBF43926u);
    ck_assert_uint_eq(zc_crc32c((const uint8_t *)"", 0), 0u);
    ck_assert_uint_eq(zc_crc32(NULL, 0), 0u);
    uint8_t z[32], f[32], a[32];
    for (int i = 0; i < 32; i++) {
        z[i] = 0;
        f[i] = 0xff;
        a[i] = (uint8_t)i;
    }
    ck_assert_uint_eq(zc_crc32c(z, 32), 0x8A9136AAu);
    ck_assert_uint_eq(zc_crc32c(f, 32), 0x62A8AB43u);
    ck_assert_uint_eq(zc_crc32c(a, 32), 0x46DD794Eu);
    /* "The quick brown fox jumps over the lazy dog" (CRC-32: 0x414FA339) */
    ck_assert_uint_eq(zc_crc32((const uint8_t *)"The quick brown fox jumps over the lazy dog", 43), 0x414FA339u);
}
END_TEST

START_TEST(crc_tables_match_polynomials)
{
    uint8_t buf[1100];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    for (size_t n = 0; n <= sizeof buf; n += n < 64 ? 1 : 37) {
        ck_assert_uint_eq(zc_crc32c(buf, n), crc_bitwise(0x82F63B78u, buf, n));
        ck_assert_uint_eq(zc_crc32(buf, n), crc_bitwise(0xEDB88320u, buf, n));
    }
    /* every single byte value */
    for (unsigned v = 0; v < 256; v++) {
        uint8_t c = (uint8_t)v;
        ck_assert_uint_eq(zc_crc32c(&c, 1), crc_bitwise(0x82F63B78u, &c, 1));
        ck_assert_uint_eq(zc_crc32(&c, 1), crc_bitwise(0xEDB88320u, &c, 1));
    }
}
END_TEST

START_TEST(crc_chunks_and_skipped_field)
{
    uint8_t buf[200], zeroed[200];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 7 + 3);
    for (size_t cut = 0; cut <= sizeof buf; cut++) {
        uint32_t s = zc_crc32c_add(zc_crc32c_add(zc_crc32c_begin(), buf, cut), buf + cut, sizeof buf - cut);
        ck_assert_uint_eq(zc_crc32c_end(s), zc_crc32c(buf, sizeof buf));
        s = zc_crc32_add(zc_crc32_add(zc_crc32_begin(), buf, cut), buf + cut, sizeof buf - cut);
        ck_assert_uint_eq(zc_crc32_end(s), zc_crc32(buf, sizeof buf));
    }
    /* a field skipped anywhere, also partly past the end */
    for (size_t off = 0; off < sizeof buf + 2; off++) {
        memcpy(zeroed, buf, sizeof buf);
        for (size_t k = off; k < off + 4 && k < sizeof buf; k++)
            zeroed[k] = 0;
        ck_assert_uint_eq(zc_crc32c_skip(buf, sizeof buf, off), zc_crc32c(zeroed, sizeof buf));
        ck_assert_uint_eq(zc_crc32_skip(buf, sizeof buf, off), zc_crc32(zeroed, sizeof buf));
    }
    ck_assert_uint_eq(zc_crc32c_skip(buf, sizeof buf, ZC_CSUM_NO_FIELD), zc_crc32c(buf, sizeof buf));
}
END_TEST


/* STUN's FINGERPRINT (@checksum(crc32, xor 0x5354554e, outer)) and SCTP's
   CRC-32C (@checksum(crc32c)) through the generated headers, against
   tshark 4.0's verdicts (stun.att.crc32.status of
   tests/protocols/stun/stun.pcap frames 1, 2, 5, 6: good, good, bad, good;
   the SCTP verdicts are checked by tests/protocols/sctp). */
static bool stun_fingerprint_verdict(const char *hex, bool *found)
{
    uint8_t msg[256];
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned x;
        ck_assert(sscanf(hex + 2 * i, "%2x", &x) == 1);
        msg[i] = (uint8_t)x;
    }
    stun_view v;
    ck_assert_int_eq(stun_parse_deep(&v, msg, n).code, ZC_OK);
    stun_attr_iter it = stun_attributes(v);
    stun_attr_view a;
    *found = false;
    while (stun_attr_next(&it, &a)) {
        stun_fingerprint_view fp;
        if (!stun_attr_fingerprint(a, &fp))
            continue;
        *found = true;
        bool ok = stun_fingerprint_crc_ok(fp, msg, (size_t)(a.zc_base - msg));
        /* fill then verify gives the same value as a good message holds */
        uint8_t copy[256];
        memcpy(copy, msg, n);
        stun_fingerprint_mview m;
        ck_assert_int_eq(stun_fingerprint_parse_mut(&m, copy + (fp.zc_base - msg), 4).code, ZC_OK);
        stun_fingerprint_fill_crc(m, copy, (size_t)(a.zc_base - msg));
        ck_assert(stun_fingerprint_crc_ok(m.v, copy, (size_t)(a.zc_base - msg)));
        ck_assert(ok == (memcmp(copy, msg, n) == 0));
        return ok;
    }
    return false;
}

START_TEST(stun_fingerprint_matches_tshark)
{
    static const struct { const char *hex; int verdict; } frames[] = {
        { "000100182112a442000102030405060708090a0b8022000b7a65726f63617374207631008028000468d3e7fc", 1 },
        { "0101001c2112a4420c0d0e0f1011121314151617002000080001bd52e112a6458022000461626364802800048670edeb", 1 },
        { "000100142112a442303132333435363738393a3b80220006636c69656e740000802800041f7f6a76", 0 },
        { "001100102112a4423c3d3e3f4041424344454647802200017800000080280004c542b643", 1 },
    };
    for (size_t i = 0; i < sizeof frames / sizeof frames[0]; i++) {
        bool found;
        bool ok = stun_fingerprint_verdict(frames[i].hex, &found);
        ck_assert(found);
        ck_assert_int_eq(ok, frames[i].verdict);
    }
}
END_TEST

static Suite *csum_suite(void)
{
    Suite *s = suite_create("csum");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, rfc1071_example);
    tcase_add_test(tc, empty_and_extremes);
    tcase_add_test(tc, matches_naive_every_length_and_alignment);
    tcase_add_test(tc, chunked_equals_one_shot);
    tcase_add_test(tc, wire_value_adds_equal_their_bytes);
    tcase_add_test(tc, skipped_field_counts_as_zero);
    tcase_add_test(tc, stored_checksum_verifies);
    suite_add_tcase(s, tc);
    tc = tcase_create("incremental");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, rfc1624_example);
    tcase_add_test(tc, minus_zero_corner_cases);
    tcase_add_test(tc, update16_every_value);
    tcase_add_test(tc, update32_and_ranges);
    tcase_add_test(tc, udp_update_rules);
    suite_add_tcase(s, tc);
    tc = tcase_create("protocols");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, pseudo_headers_match_explicit_bytes);
    tcase_add_test(tc, udp_zero_rules);
    tcase_add_test(tc, short_messages);
    suite_add_tcase(s, tc);
    tc = tcase_create("captures");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, captures_match_tshark, 0, n_pcaps);
    tcase_add_loop_test(tc, every_byte_change_is_detected, 0, n_pcaps);
    tcase_add_loop_test(tc, rewrites_update_incrementally, 0, n_pcaps);
    suite_add_tcase(s, tc);
    tc = tcase_create("odd offsets");
    tcase_set_timeout(tc, 120);
#ifdef HAVE_CSUM_ODD
    tcase_add_test(tc, odd_offset_as_filed);
    tcase_add_test(tc, odd_and_even_offsets_fill_then_verify);
    tcase_add_test(tc, odd_offset_with_pseudo_header);
    tcase_add_test(tc, odd_offset_captured_messages);
#else
    tcase_add_test(tc, odd_offset_header_missing);
#endif
    suite_add_tcase(s, tc);
    tc = tcase_create("crc");
    tcase_add_test(tc, crc_standard_vectors);
    tcase_add_test(tc, crc_tables_match_polynomials);
    tcase_add_test(tc, crc_chunks_and_skipped_field);
    tcase_add_test(tc, stun_fingerprint_matches_tshark);
    suite_add_tcase(s, tc);
    tc = tcase_create("speed");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, speed_vs_naive);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        captures_dir = argv[1];
    find_pcaps(captures_dir, NULL);
    find_pcaps(captures_dir, "csum");
    if (n_pcaps == 0) {
        fprintf(stderr, "test_csum: no pcaps in %s\n", captures_dir);
        return EXIT_FAILURE;
    }
    SRunner *sr = srunner_create(csum_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
