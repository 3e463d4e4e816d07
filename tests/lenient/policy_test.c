/*
 * policy_test.c - @policy in every position (policy.zc), and the property
 * that a lenient parse accepts a superset of the strict one and reads
 * nothing outside its input (run under ASan+UBSan on exact-size copies):
 *   - strict OK       => lenient OK, no policy failure, the same size;
 *   - lenient OK with a policy failure P => strict fails with exactly P;
 *   - lenient fails   => strict fails, no later than lenient does (first
 *     at a policy constraint, which lenient relaxed, or at the same place).
 * Expected statuses below are the schema's (policy.zc), by hand.
 */
#include "dhcp.zc.h"
#include "icmpv4.zc.h"
#include "ipv4.zc.h"
#include "policy.zc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures, checks;

static void expect(int cond, const char *what, int line)
{
    checks++;
    if (!cond) {
        failures++;
        printf("FAIL line %d: %s\n", line, what);
    }
}
#define EXPECT(c) expect((c), #c, __LINE__)

static int same(zc_status a, zc_status b)
{
    return a.code == b.code && a.offset == b.offset &&
           (a.field == b.field || (a.field && b.field && strcmp(a.field, b.field) == 0));
}

/* The property, for one parser: NAME_parse and NAME_parse_ex on a copy of
   exactly n bytes. */
#define PROPERTY(NAME, bytes, n)                                                   \
    do {                                                                           \
        uint8_t *cp_ = malloc((n) ? (n) : 1);                                      \
        NAME##_view sv_, lv_;                                                      \
        zc_status s_, l_, p_;                                                      \
        memcpy(cp_, (bytes), (n));                                                 \
        s_ = NAME##_parse(&sv_, cp_, (n));                                         \
        l_ = NAME##_parse_ex(&lv_, cp_, (n), ZC_PARSE_LENIENT, &p_);               \
        if (s_.code == ZC_OK)                                                      \
            EXPECT(l_.code == ZC_OK && p_.code == ZC_OK && lv_.zc_len == sv_.zc_len); \
        else if (l_.code == ZC_OK)                                                 \
            EXPECT(p_.code == ZC_ERR_CONSTRAINT && same(p_, s_));                  \
        else                                                                       \
            EXPECT(s_.code != ZC_OK && l_.offset >= s_.offset && p_.code == ZC_OK && lv_.zc_len == 0); \
        free(cp_);                                                                 \
    } while (0)

/* One case: strict gives `strict` (field name, or NULL for OK) at `off`;
   lenient is OK and names the same policy failure, or fails the same. */
static void one(const uint8_t *b, size_t n, const char *field, uint32_t off, int relaxed, int line)
{
    uint8_t *cp = malloc(n);
    pzoo_view v;
    zc_status s, l, p;
    memcpy(cp, b, n);
    s = pzoo_parse(&v, cp, n);
    l = pzoo_parse_ex(&v, cp, n, ZC_PARSE_LENIENT, &p);
    if (!field) {
        expect(s.code == ZC_OK && l.code == ZC_OK && p.code == ZC_OK, "sound sample parses both ways", line);
    } else {
        expect(s.code != ZC_OK && strcmp(s.field, field) == 0 && s.offset == off, field, line);
        if (relaxed)
            expect(l.code == ZC_OK && same(p, s) && v.zc_len == n, "lenient relaxes it and names it", line);
        else
            expect(same(l, s) && p.code == ZC_OK, "lenient fails the same (not policy)", line);
    }
    free(cp);
}

static const uint8_t zoo[] = {
    0x00,             /* head */
    0x25, 0x00,       /* nib: version 2, width 5; flags */
    0x01, 0x07,       /* has_opt, opt */
    0x01, 0x01, 0x01, /* tag 1, len 1, one */
    0x05,             /* v (varint) */
    0x01, 0x01, 0x00, /* count 1, items[0] */
    0x00, 0x00,       /* until_items[0]: kind 0 ends it */
};

static void positions(void)
{
    uint8_t b[sizeof zoo + 4];
    size_t n = sizeof zoo;
#define SET(i, x) (memcpy(b, zoo, n), b[i] = (x))
    one(zoo, n, NULL, 0, 0, __LINE__);
    SET(0, 0x80);  one(b, n, "pzoo.head", 0, 1, __LINE__);          /* plain field */
    SET(1, 0x35);  one(b, n, "pbits.version", 1, 1, __LINE__);      /* bit field, nested */
    SET(4, 0x08);  one(b, n, "pzoo.opt", 4, 1, __LINE__);           /* optional field */
    SET(7, 0x02);  one(b, n, "pzoo.one", 7, 1, __LINE__);           /* switch case */
    SET(11, 0x04); one(b, n, "pinner.level", 11, 1, __LINE__);      /* array by count */
    SET(13, 0x09); one(b, n, "pinner.level", 13, 1, __LINE__);      /* array by until */
    SET(2, 0xff);  one(b, n, "pbits.flags", 2, 0, __LINE__);        /* not policy */
    SET(6, 0x09);  one(b, n, "pzoo.body", 7, 0, __LINE__);          /* structural */
    /* a nested struct in a case: tag 2, len 2, pinner { 1, 7 } */
    {
        static const uint8_t c2[] = { 0x00, 0x25, 0x00, 0x00, 0x02, 0x02, 0x01, 0x07, 0x05, 0x00, 0x00, 0x00 };
        one(c2, sizeof c2, "pinner.level", 7, 1, __LINE__);
    }
    /* a varint: v = 1000 (0x43e8) */
    {
        static const uint8_t vv[] = { 0x00, 0x25, 0x00, 0x00, 0x01, 0x01, 0x01, 0x43, 0xe8, 0x00, 0x00, 0x00 };
        one(vv, sizeof vv, "pzoo.v", 7, 1, __LINE__);
    }
    /* two policy failures: the first is named */
    memcpy(b, zoo, n);
    b[0] = 0x90;
    b[11] = 0x05;
    one(b, n, "pzoo.head", 0, 1, __LINE__);
    /* through a struct that only nests: offsets from the outer buffer */
    {
        uint8_t w[3 + sizeof zoo];
        pwrap_view v;
        zc_status s, l, p;
        w[0] = 0x01; w[1] = 0x00; w[2] = 0x01;
        memcpy(w + 3, zoo, sizeof zoo);
        w[3 + 11] = 0x06;
        s = pwrap_parse(&v, w, sizeof w);
        l = pwrap_parse_ex(&v, w, sizeof w, ZC_PARSE_LENIENT, &p);
        EXPECT(s.code == ZC_ERR_CONSTRAINT && strcmp(s.field, "pinner.level") == 0 && s.offset == 14);
        EXPECT(l.code == ZC_OK && same(p, s));
        EXPECT(pwrap_parse_ex(&v, w, sizeof w, ZC_PARSE_STRICT, &p).code == ZC_ERR_CONSTRAINT && p.code == ZC_OK);
        EXPECT(pwrap_parse_ex(&v, w, sizeof w, ZC_PARSE_LENIENT, NULL).code == ZC_OK);
    }
#undef SET
}

/* pzoo_next_tolerant() over a run of 3 pzoo (by count), the second with a
   case that fails its checks (one == 2) and a third sound one; with a
   count of 4, the walk ends with "fewer elements than the count". */
static void tolerant_counts(void)
{
    uint8_t *b = malloc(3 * sizeof zoo);
    for (uint64_t count = 3; count <= 4; count++) {
        pzoo_iter it;
        pzoo_view o;
        zc_status elem;
        zc_bytes raw;
        size_t seen = 0;
        int bad = 0;
        for (size_t i = 0; i < 3; i++)
            memcpy(b + i * sizeof zoo, zoo, sizeof zoo);
        b[sizeof zoo + 7] = 0x02;
        ZC_ITER_INIT(it, b, 0, 3 * sizeof zoo, count);
        while (pzoo_next_tolerant(&it, &o, &elem, &raw)) {
            EXPECT(raw.len == sizeof zoo && raw.ptr == b + seen * sizeof zoo);
            if (elem.code != ZC_OK) {
                bad++;
                EXPECT(seen == 1 && o.zc_len == 0 && elem.code == ZC_ERR_CONSTRAINT &&
                       strcmp(elem.field, "pzoo.one") == 0 && elem.offset == sizeof zoo + 7);
            } else {
                EXPECT(o.zc_len == sizeof zoo);
            }
            seen++;
        }
        EXPECT(seen == 3 && bad == 1);
        if (count == 3)
            EXPECT(zc_iter_status(&it).code == ZC_OK);
        else
            EXPECT(zc_iter_status(&it).code == ZC_ERR_TRUNCATED);
        /* the strict walk stops at the second */
        ZC_ITER_INIT(it, b, 0, 3 * sizeof zoo, count);
        seen = 0;
        while (pzoo_next(&it, &o))
            seen++;
        EXPECT(seen == 1 && zc_iter_status(&it).code == ZC_ERR_CONSTRAINT);
        /* a stopped walk stays stopped */
        EXPECT(!pzoo_next_tolerant(&it, &o, &elem, &raw) && elem.code == ZC_OK && raw.len == 0);
    }
    /* framing failure: the second element's length runs past the region */
    {
        pzoo_iter it;
        pzoo_view o;
        zc_status elem;
        zc_bytes raw;
        size_t seen = 0;
        memcpy(b, zoo, sizeof zoo);
        memcpy(b + sizeof zoo, zoo, sizeof zoo);
        b[sizeof zoo + 6] = 0x40;
        ZC_ITER_INIT(it, b, 0, 2 * sizeof zoo, UINT64_MAX);
        while (pzoo_next_tolerant(&it, &o, &elem, &raw))
            seen++;
        EXPECT(seen == 1 && zc_iter_status(&it).code == ZC_ERR_TRUNCATED &&
               zc_iter_status(&it).offset == sizeof zoo + 7);
    }
    free(b);
}

static uint32_t rng = 12345u;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* mutations of a seed: a byte or two set, the length cut or extended */
static size_t mutate(uint8_t *out, size_t cap, const uint8_t *seed, size_t n)
{
    size_t len = n, k = next_rand() % 4;
    memcpy(out, seed, n);
    for (size_t i = 0; i < k && len; i++)
        out[next_rand() % len] = (uint8_t)next_rand();
    if (next_rand() % 4 == 0)
        len = next_rand() % (n + 1);
    else if (next_rand() % 8 == 0 && len < cap)
        out[len++] = (uint8_t)next_rand();
    return len;
}

int main(void)
{
    static const uint8_t ip_echo[] = {
        0x45, 0x00, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00,
        0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x0a,
        0x08, 0x00, 0xf7, 0xff, 0x00, 0x00, 0x00, 0x00,
    };
    uint8_t dhcp_seed[248] = { 2, 1, 6, 0 };
    uint8_t buf[300];
    positions();
    tolerant_counts();
    dhcp_seed[236] = 0x63; dhcp_seed[237] = 0x82; dhcp_seed[238] = 0x53; dhcp_seed[239] = 0x63;
    dhcp_seed[240] = 53; dhcp_seed[241] = 1; dhcp_seed[242] = 2; dhcp_seed[243] = 255;
    for (int i = 0; i < 20000; i++) {
        size_t n = mutate(buf, sizeof buf, zoo, sizeof zoo);
        PROPERTY(pzoo, buf, n);
        n = mutate(buf, sizeof buf, ip_echo, sizeof ip_echo);
        PROPERTY(ipv4, buf, n);
        n = mutate(buf, sizeof buf, ip_echo + 20, 8);
        PROPERTY(icmpv4_echo, buf, n);
        n = mutate(buf, sizeof buf, dhcp_seed, sizeof dhcp_seed);
        PROPERTY(dhcp, buf, n);
    }
    printf("%d checks, %d failed\n", checks, failures);
    return failures != 0;
}
