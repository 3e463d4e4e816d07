/*
 * test_dns_name.c - runtime/zerocast_dns.h: the dns_name extern type
 * (measure), and check, decode, equals and the label iterator on real
 * messages from tests/captures/dns-udp.pcap and on hostile names.
 */
#include <check.h>
#include <stdlib.h>

#include "zerocast_dns.h"

/* A failed status with this code, offset and detail (field "dns_name"). */
#define ck_assert_status(expr, c, off, det)                      \
    do {                                                         \
        zc_status s_ = (expr);                                   \
        ck_assert_int_eq(s_.code, (c));                          \
        ck_assert_uint_eq(s_.offset, (off));                     \
        ck_assert_ptr_nonnull(s_.field);                         \
        ck_assert_str_eq(s_.field, "dns_name");                  \
        ck_assert_ptr_nonnull(zc_status_detail(s_));             \
        ck_assert_str_eq(zc_status_detail(s_), (det));           \
    } while (0)
#define ck_assert_status_ok(expr) ck_assert_int_eq((expr).code, ZC_OK)

/*
 * Frame 2 of dns-udp.pcap (DNS payload, from the UDP header on): the
 * response to "example.test A". Question name at 12 (14 bytes), answer
 * owner at 30 is the pointer c0 0c, EDNS OPT owner at 46 is the root.
 */
static const uint8_t resp_a[] = {
    0xbc, 0x4e, 0x85, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x04, 0x74, 0x65, 0x73,
    0x74, 0x00, 0x00, 0x01, 0x00, 0x01, 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xc0, 0x00, 0x02, 0x01, 0x00, 0x00,
    0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* Frame 4: the response to "example.test AAAA", answer owner c0 0c at 30. */
static const uint8_t resp_aaaa[] = {
    0x03, 0x7f, 0x84, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x04, 0x74, 0x65, 0x73,
    0x74, 0x00, 0x00, 0x1c, 0x00, 0x01, 0xc0, 0x0c, 0x00, 0x1c, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};

/* Frame 6: NXDOMAIN for "nothing.invalid"; OPT owner (root) at 33. */
static const uint8_t resp_nx[] = {
    0x62, 0x14, 0x81, 0x95, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x07, 0x6e, 0x6f, 0x74, 0x68, 0x69, 0x6e, 0x67, 0x07, 0x69, 0x6e, 0x76,
    0x61, 0x6c, 0x69, 0x64, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x29,
    0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x0f, 0x00, 0x02,
    0x00, 0x0e,
};

/* The view of the name at msg[off], measured (must succeed). */
static dns_name_view name_at(const uint8_t *msg, size_t len, size_t off)
{
    dns_name_view v;
    size_t size = 12345;
    zc_status s = dns_name_zc_measure(msg + off, len - off, &size);
    ck_assert_int_eq(s.code, ZC_OK);
    ck_assert_uint_ge(size, 1);
    ck_assert_uint_le(size, len - off);
    v.zc_base = msg + off;
    v.zc_len = size;
    return v;
}

static dns_name_view view(const uint8_t *base, size_t len)
{
    dns_name_view v;
    v.zc_base = base;
    v.zc_len = len;
    return v;
}

/* Writes a label of `len` bytes `fill` at buf[at]; returns the next offset. */
static size_t put_label(uint8_t *buf, size_t at, size_t len, uint8_t fill)
{
    buf[at] = (uint8_t)len;
    memset(buf + at + 1, fill, len);
    return at + 1 + len;
}

/* decode into a big buffer; must succeed with exactly `text`. */
#define ck_assert_decodes(msg, len, v, text)                                        \
    do {                                                                            \
        char out_[ZC_DNS_NAME_TEXT_MAX];                                            \
        size_t n_ = 9999;                                                           \
        ck_assert_status_ok(zc_dns_name_decode((msg), (len), (v), out_, sizeof out_, &n_)); \
        ck_assert_str_eq(out_, (text));                                             \
        ck_assert_uint_eq(n_, strlen(text));                                        \
    } while (0)

/* ---- real messages -------------------------------------------------------- */

START_TEST(real_response_with_pointer)
{
    size_t size = 0;
    dns_name_view q, an, opt;

    /* question: 07 example 04 test 00, 14 bytes in place */
    ck_assert_status_ok(dns_name_zc_measure(resp_a + 12, sizeof resp_a - 12, &size));
    ck_assert_uint_eq(size, 14);
    q = name_at(resp_a, sizeof resp_a, 12);
    ck_assert_status_ok(zc_dns_name_check(resp_a, sizeof resp_a, q));
    ck_assert_decodes(resp_a, sizeof resp_a, q, "example.test");

    /* answer: the compression pointer c0 0c, 2 bytes in place */
    ck_assert_status_ok(dns_name_zc_measure(resp_a + 30, sizeof resp_a - 30, &size));
    ck_assert_uint_eq(size, 2);
    an = name_at(resp_a, sizeof resp_a, 30);
    ck_assert_status_ok(zc_dns_name_check(resp_a, sizeof resp_a, an));
    ck_assert_decodes(resp_a, sizeof resp_a, an, "example.test");
    ck_assert(zc_dns_name_equals(resp_a, sizeof resp_a, an, "example.test"));
    ck_assert(zc_dns_name_equals(resp_a, sizeof resp_a, an, "Example.TEST."));

    /* EDNS OPT owner: the root, 1 byte */
    ck_assert_status_ok(dns_name_zc_measure(resp_a + 46, sizeof resp_a - 46, &size));
    ck_assert_uint_eq(size, 1);
    opt = name_at(resp_a, sizeof resp_a, 46);
    ck_assert_status_ok(zc_dns_name_check(resp_a, sizeof resp_a, opt));
    ck_assert_decodes(resp_a, sizeof resp_a, opt, ".");
    ck_assert(zc_dns_name_equals(resp_a, sizeof resp_a, opt, "."));

    /* AAAA response: the same through its own pointer */
    an = name_at(resp_aaaa, sizeof resp_aaaa, 30);
    ck_assert_uint_eq(an.zc_len, 2);
    ck_assert_status_ok(zc_dns_name_check(resp_aaaa, sizeof resp_aaaa, an));
    ck_assert_decodes(resp_aaaa, sizeof resp_aaaa, an, "example.test");

    /* NXDOMAIN response: question and OPT root */
    q = name_at(resp_nx, sizeof resp_nx, 12);
    ck_assert_uint_eq(q.zc_len, 17);
    ck_assert_decodes(resp_nx, sizeof resp_nx, q, "nothing.invalid");
    opt = name_at(resp_nx, sizeof resp_nx, 33);
    ck_assert_uint_eq(opt.zc_len, 1);
    ck_assert_decodes(resp_nx, sizeof resp_nx, opt, ".");
}
END_TEST

START_TEST(iterator_walks_labels)
{
    zc_dns_name_iter it;
    zc_bytes l;

    zc_dns_name_iter_init(&it, resp_a, sizeof resp_a, name_at(resp_a, sizeof resp_a, 30));
    ck_assert(zc_dns_name_iter_next(&it, &l));
    ck_assert_ptr_eq(l.ptr, resp_a + 13);
    ck_assert_uint_eq(l.len, 7);
    ck_assert(memcmp(l.ptr, "example", 7) == 0);
    ck_assert(zc_dns_name_iter_next(&it, &l));
    ck_assert_ptr_eq(l.ptr, resp_a + 21);
    ck_assert_uint_eq(l.len, 4);
    ck_assert(!zc_dns_name_iter_next(&it, &l));
    ck_assert(!zc_dns_name_iter_next(&it, &l)); /* stays at the end */
    ck_assert_status_ok(zc_dns_name_iter_status(&it));
    ck_assert_uint_eq(it.zc_wire_len, 14);  /* 07 example 04 test 00 */
    ck_assert_uint_eq(it.zc_in_place, 2);   /* just the pointer */
    ck_assert_uint_eq(it.zc_pointers, 1);
    ck_assert_uint_eq(it.zc_start, 30);

    /* an error stops the walk for good */
    static const uint8_t bad[] = { 0x01, 'a', 0x40 };
    zc_dns_name_iter_init(&it, bad, sizeof bad, view(bad, sizeof bad));
    ck_assert(zc_dns_name_iter_next(&it, &l));
    ck_assert(!zc_dns_name_iter_next(&it, &l));
    ck_assert(!zc_dns_name_iter_next(&it, &l));
    ck_assert_status(zc_dns_name_iter_status(&it), ZC_ERR_MALFORMED, 2, "unknown label type");
}
END_TEST

/* ---- root, lengths and limits ------------------------------------------- */

START_TEST(root_name)
{
    static const uint8_t root[] = { 0x00 };
    size_t size = 0, n = 77;
    char out[4];

    ck_assert_status_ok(dns_name_zc_measure(root, 1, &size));
    ck_assert_uint_eq(size, 1);
    ck_assert_status_ok(zc_dns_name_check(root, 1, view(root, 1)));
    ck_assert_decodes(root, 1, view(root, 1), ".");
    ck_assert_status_ok(zc_dns_name_decode(root, 1, view(root, 1), out, 2, &n));
    ck_assert_str_eq(out, ".");
    ck_assert_uint_eq(n, 1);
    ck_assert(zc_dns_name_equals(root, 1, view(root, 1), "."));
    ck_assert(zc_dns_name_equals(root, 1, view(root, 1), ""));
    ck_assert(!zc_dns_name_equals(root, 1, view(root, 1), ".."));
    ck_assert(!zc_dns_name_equals(root, 1, view(root, 1), "a"));
    ck_assert(!zc_dns_name_equals(root, 1, view(root, 1), "a."));
}
END_TEST

START_TEST(max_length_255_accepted_256_rejected)
{
    uint8_t buf[300];
    size_t at, size = 0;
    zc_dns_name_iter it;
    zc_bytes l;
    char out[ZC_DNS_NAME_TEXT_MAX];

    /* 63 + 63 + 63 + 61: 3 * 64 + 62 + 1 = 255 wire bytes */
    at = put_label(buf, 0, 63, 'a');
    at = put_label(buf, at, 63, 'b');
    at = put_label(buf, at, 63, 'c');
    at = put_label(buf, at, 61, 'd');
    buf[at++] = 0;
    ck_assert_uint_eq(at, 255);
    ck_assert_status_ok(dns_name_zc_measure(buf, at, &size));
    ck_assert_uint_eq(size, 255);
    ck_assert_status_ok(zc_dns_name_check(buf, at, view(buf, size)));
    zc_dns_name_iter_init(&it, buf, at, view(buf, size));
    while (zc_dns_name_iter_next(&it, &l))
        ;
    ck_assert_status_ok(zc_dns_name_iter_status(&it));
    ck_assert_uint_eq(it.zc_wire_len, 255);
    size_t n = 0;
    ck_assert_status_ok(zc_dns_name_decode(buf, at, view(buf, size), out, sizeof out, &n));
    ck_assert_uint_eq(n, 63 * 3 + 61 + 3);
    ck_assert_uint_eq(strlen(out), n);

    /* one byte more in the last label: 256, rejected at its length byte */
    at = put_label(buf, 192, 62, 'd');
    buf[at++] = 0;
    ck_assert_uint_eq(at, 256);
    ck_assert_status(dns_name_zc_measure(buf, at, &size), ZC_ERR_LIMIT, 192,
                     "name longer than 255 bytes");
    ck_assert_uint_eq(size, 0);
    ck_assert_status(zc_dns_name_check(buf, at, view(buf, at)), ZC_ERR_LIMIT, 192,
                     "name longer than 255 bytes");
    ck_assert_status(zc_dns_name_decode(buf, at, view(buf, at), out, sizeof out, &n),
                     ZC_ERR_LIMIT, 192, "name longer than 255 bytes");
    ck_assert_str_eq(out, "");
    ck_assert_uint_eq(n, 0);
    /* the limit wins over truncation: more input could not help */
    ck_assert_status(dns_name_zc_measure(buf, 200, &size), ZC_ERR_LIMIT, 192,
                     "name longer than 255 bytes");

    /* 127 one-byte labels: 254 + 1 = 255 accepted; a 128th is too many */
    at = 0;
    for (int i = 0; i < 127; i++)
        at = put_label(buf, at, 1, (uint8_t)('a' + i % 26));
    buf[at++] = 0;
    ck_assert_status_ok(dns_name_zc_measure(buf, at, &size));
    ck_assert_uint_eq(size, 255);
    ck_assert_status_ok(zc_dns_name_check(buf, at, view(buf, size)));
    ck_assert_status_ok(zc_dns_name_decode(buf, at, view(buf, size), out, sizeof out, &n));
    ck_assert_uint_eq(n, 127 + 126);
    at = put_label(buf, 254, 1, 'z');
    buf[at++] = 0;
    ck_assert_status(dns_name_zc_measure(buf, at, &size), ZC_ERR_LIMIT, 254,
                     "name longer than 255 bytes");
}
END_TEST

START_TEST(limit_counts_the_part_behind_a_pointer)
{
    uint8_t msg[400];
    size_t at, size = 0;
    char out[ZC_DNS_NAME_TEXT_MAX];
    size_t n = 0;

    /* "example.test" (14 wire bytes) at 12, as in resp_a */
    memcpy(msg, resp_a, 26);

    /* 63+63+63+53 = 246 bytes of labels, then c0 0c: 246 + 14 = 260 > 255.
       measure sees only the 248 in-place bytes and accepts them; check
       fails at the length byte of "test" (offset 20), behind the pointer. */
    at = put_label(msg, 26, 63, 'a');
    at = put_label(msg, at, 63, 'b');
    at = put_label(msg, at, 63, 'c');
    at = put_label(msg, at, 53, 'd');
    msg[at++] = 0xc0;
    msg[at++] = 0x0c;
    ck_assert_status_ok(dns_name_zc_measure(msg + 26, at - 26, &size));
    ck_assert_uint_eq(size, 248);
    ck_assert_status(zc_dns_name_check(msg, at, view(msg + 26, size)), ZC_ERR_LIMIT, 20,
                     "name longer than 255 bytes");

    /* 63+63+63+45 = 238: 238 + 14 = 252 fits */
    at = put_label(msg, 26 + 192, 45, 'd');
    msg[at++] = 0xc0;
    msg[at++] = 0x0c;
    ck_assert_status_ok(dns_name_zc_measure(msg + 26, at - 26, &size));
    ck_assert_uint_eq(size, 240);
    ck_assert_status_ok(zc_dns_name_check(msg, at, view(msg + 26, size)));

    /* 254 bytes of labels + a pointer to the root: 255 wire bytes, and the
       in-place size is 256 (the most measure ever returns) */
    msg[0] = 0; /* the root at 0 */
    at = put_label(msg, 26, 63, 'a');
    at = put_label(msg, at, 63, 'b');
    at = put_label(msg, at, 63, 'c');
    at = put_label(msg, at, 61, 'd');
    ck_assert_uint_eq(at - 26, 254);
    msg[at++] = 0xc0;
    msg[at++] = 0x00;
    ck_assert_status_ok(dns_name_zc_measure(msg + 26, at - 26, &size));
    ck_assert_uint_eq(size, 256);
    ck_assert_status_ok(zc_dns_name_check(msg, at, view(msg + 26, size)));
    ck_assert_status_ok(zc_dns_name_decode(msg, at, view(msg + 26, size), out, sizeof out, &n));
    ck_assert_uint_eq(n, 63 * 3 + 61 + 3);
}
END_TEST

START_TEST(label_63_accepted_64_rejected)
{
    uint8_t buf[80];
    size_t at, size = 0;
    char expect[64];

    at = put_label(buf, 0, 63, 'x');
    buf[at++] = 0;
    ck_assert_status_ok(dns_name_zc_measure(buf, at, &size));
    ck_assert_uint_eq(size, 65);
    ck_assert_status_ok(zc_dns_name_check(buf, at, view(buf, size)));
    memset(expect, 'x', 63);
    expect[63] = '\0';
    ck_assert_decodes(buf, at, view(buf, size), expect);
    ck_assert(zc_dns_name_equals(buf, at, view(buf, size), expect));

    /* a length byte of 64 is 01 000000: the obsolete label type 01 */
    at = put_label(buf, 0, 64, 'x');
    buf[at++] = 0;
    ck_assert_status(dns_name_zc_measure(buf, at, &size), ZC_ERR_MALFORMED, 0,
                     "unknown label type");
    ck_assert_status(zc_dns_name_check(buf, at, view(buf, at)), ZC_ERR_MALFORMED, 0,
                     "unknown label type");
}
END_TEST

START_TEST(unknown_label_types)
{
    /* 0x40 (type 01) and 0x80 (type 10), as the second label */
    static const uint8_t t01[] = { 0x01, 'a', 0x40, 0x00 };
    static const uint8_t t10[] = { 0x01, 'a', 0x80, 0x00 };
    static const uint8_t tbf[] = { 0xbf, 0x00 };
    size_t size = 99;

    ck_assert_status(dns_name_zc_measure(t01, sizeof t01, &size), ZC_ERR_MALFORMED, 2,
                     "unknown label type");
    ck_assert_uint_eq(size, 0);
    ck_assert_status(dns_name_zc_measure(t10, sizeof t10, &size), ZC_ERR_MALFORMED, 2,
                     "unknown label type");
    ck_assert_status(dns_name_zc_measure(tbf, sizeof tbf, &size), ZC_ERR_MALFORMED, 0,
                     "unknown label type");
    ck_assert_status(zc_dns_name_check(t01, sizeof t01, view(t01, sizeof t01)), ZC_ERR_MALFORMED,
                     2, "unknown label type");
    ck_assert_status(zc_dns_name_check(t10, sizeof t10, view(t10, sizeof t10)), ZC_ERR_MALFORMED,
                     2, "unknown label type");
    ck_assert(!zc_dns_name_equals(t01, sizeof t01, view(t01, sizeof t01), "a"));

    /* behind a pointer, the offset is where the bad byte is */
    static const uint8_t behind[] = { 0x80, 0x00, 0xc0, 0x00 };
    ck_assert_status_ok(dns_name_zc_measure(behind + 2, 2, &size));
    ck_assert_status(zc_dns_name_check(behind, sizeof behind, view(behind + 2, 2)),
                     ZC_ERR_MALFORMED, 0, "unknown label type");
}
END_TEST

/* ---- pointers ------------------------------------------------------------- */

/* A 12-byte header followed by `tail`. */
static size_t msg_with(uint8_t *msg, const uint8_t *tail, size_t n)
{
    memcpy(msg, resp_a, 12);
    memcpy(msg + 12, tail, n);
    return 12 + n;
}

START_TEST(self_pointer)
{
    static const uint8_t tail[] = { 0xc0, 0x0c };
    uint8_t msg[64];
    size_t len = msg_with(msg, tail, sizeof tail), size = 0;

    /* measure cannot tell (no message): two in-place bytes */
    ck_assert_status_ok(dns_name_zc_measure(msg + 12, len - 12, &size));
    ck_assert_uint_eq(size, 2);
    ck_assert_status(zc_dns_name_check(msg, len, view(msg + 12, 2)), ZC_ERR_MALFORMED, 12,
                     "pointer points forward");
    ck_assert(!zc_dns_name_equals(msg, len, view(msg + 12, 2), ""));
}
END_TEST

START_TEST(forward_pointer)
{
    /* name at 12 points to 16, which holds a perfectly good name */
    static const uint8_t tail[] = { 0xc0, 0x10, 0x00, 0x00, 0x01, 'a', 0x00 };
    uint8_t msg[64];
    size_t len = msg_with(msg, tail, sizeof tail);

    ck_assert_status(zc_dns_name_check(msg, len, name_at(msg, len, 12)), ZC_ERR_MALFORMED, 12,
                     "pointer points forward");
    ck_assert_status_ok(zc_dns_name_check(msg, len, name_at(msg, len, 16)));
}
END_TEST

START_TEST(pointer_loops_rejected)
{
    uint8_t msg[64];
    size_t len;

    /* two pointers pointing at each other: 12 -> 14 and 14 -> 12. From
       either end, the second hop points forward. */
    static const uint8_t pair[] = { 0xc0, 0x0e, 0xc0, 0x0c };
    len = msg_with(msg, pair, sizeof pair);
    ck_assert_status(zc_dns_name_check(msg, len, name_at(msg, len, 12)), ZC_ERR_MALFORMED, 12,
                     "pointer points forward");
    ck_assert_status(zc_dns_name_check(msg, len, name_at(msg, len, 14)), ZC_ERR_MALFORMED, 12,
                     "pointer points forward");

    /* A loop made only of backward pointers: at 12 "x", at 14 "y", at 16 a
       pointer back to 14; the name at 18 points to 12. Every pointer points
       below itself, yet 14 -> 16 -> 14 would never end: the pointer at 16
       must point below 12, where the labels it continues began. */
    static const uint8_t loop[] = { 0x01, 'x', 0x01, 'y', 0xc0, 0x0e, 0xc0, 0x0c };
    len = msg_with(msg, loop, sizeof loop);
    ck_assert_status(zc_dns_name_check(msg, len, name_at(msg, len, 18)), ZC_ERR_MALFORMED, 16,
                     "pointer loops");
    ck_assert_status(zc_dns_name_check(msg, len, name_at(msg, len, 12)), ZC_ERR_MALFORMED, 16,
                     "pointer loops");

    /* a name whose pointer points back into its own labels */
    static const uint8_t own[] = { 0x04, 'a', 'b', 'c', 'd', 0xc0, 0x0c };
    len = msg_with(msg, own, sizeof own);
    ck_assert_status(zc_dns_name_check(msg, len, name_at(msg, len, 12)), ZC_ERR_MALFORMED, 17,
                     "pointer loops");
    ck_assert(!zc_dns_name_equals(msg, len, name_at(msg, len, 12), "abcd"));
}
END_TEST

START_TEST(pointer_outside_message)
{
    static const uint8_t tail[] = { 0x01, 'a', 0xc0, 0xff };
    static const uint8_t far[] = { 0xff, 0xff };
    uint8_t msg[64];
    size_t len = msg_with(msg, tail, sizeof tail);
    char out[16] = "garbage";
    size_t n = 5;

    ck_assert_status(zc_dns_name_check(msg, len, name_at(msg, len, 12)), ZC_ERR_MALFORMED, 14,
                     "pointer target outside the message");
    ck_assert_status(zc_dns_name_decode(msg, len, name_at(msg, len, 12), out, sizeof out, &n),
                     ZC_ERR_MALFORMED, 14, "pointer target outside the message");
    ck_assert_str_eq(out, "");
    ck_assert_uint_eq(n, 0);
    len = msg_with(msg, far, sizeof far);
    ck_assert_status(zc_dns_name_check(msg, len, name_at(msg, len, 12)), ZC_ERR_MALFORMED, 12,
                     "pointer target outside the message");
}
END_TEST

/* After a jump, labels may run to the end of the message, not just the view:
   here the target's label covers the pointer's own bytes. */
START_TEST(pointer_target_reads_to_message_end)
{
    static const uint8_t msg[] = { 0x05, 'x', 0xc0, 0x00, 'y', 'z', 0x00 };
    ck_assert_status_ok(zc_dns_name_check(msg, sizeof msg, name_at(msg, sizeof msg, 2)));
    ck_assert_decodes(msg, sizeof msg, name_at(msg, sizeof msg, 2), "x\\192\\000yz");
    ck_assert_status(zc_dns_name_check(msg, 6, name_at(msg, 6, 2)), ZC_ERR_TRUNCATED, 6,
                     "name runs past the end of the input");
}
END_TEST

START_TEST(truncated_pointer)
{
    static const uint8_t one[] = { 0xc0 };
    static const uint8_t after_label[] = { 0x01, 'a', 0xc0 };
    size_t size = 5;

    ck_assert_status(dns_name_zc_measure(one, 1, &size), ZC_ERR_TRUNCATED, 0, "pointer cut short");
    ck_assert_uint_eq(size, 0);
    ck_assert_status(dns_name_zc_measure(after_label, 3, &size), ZC_ERR_TRUNCATED, 2,
                     "pointer cut short");
    ck_assert_status(zc_dns_name_check(after_label, 3, view(after_label, 3)), ZC_ERR_TRUNCATED, 2,
                     "pointer cut short");

    /* a pointer whose target's labels run off the end of the message */
    static const uint8_t runs_off[] = { 0x05, 'a', 'b', 0xc0, 0x00 };
    ck_assert_status_ok(dns_name_zc_measure(runs_off + 3, 2, &size));
    ck_assert_status(zc_dns_name_check(runs_off, sizeof runs_off, view(runs_off + 3, 2)),
                     ZC_ERR_TRUNCATED, 0, "label runs past the end of the input");
}
END_TEST

START_TEST(truncated_label)
{
    static const uint8_t cut[] = { 0x07, 'e', 'x', 'a' };
    static const uint8_t unended[] = { 0x03, 'a', 'b', 'c' };
    size_t size = 5;

    ck_assert_status(dns_name_zc_measure(cut, sizeof cut, &size), ZC_ERR_TRUNCATED, 0,
                     "label runs past the end of the input");
    ck_assert_status(zc_dns_name_check(cut, sizeof cut, view(cut, sizeof cut)), ZC_ERR_TRUNCATED,
                     0, "label runs past the end of the input");
    ck_assert_status(dns_name_zc_measure(unended, sizeof unended, &size), ZC_ERR_TRUNCATED, 4,
                     "name runs past the end of the input");
    ck_assert_status(dns_name_zc_measure(unended, 0, &size), ZC_ERR_TRUNCATED, 0,
                     "name runs past the end of the input");
    /* every cut of 07 example 04 test 00: the label or the name runs out */
    for (size_t avail = 0; avail < 14; avail++) {
        zc_status s = dns_name_zc_measure(resp_a + 12, avail, &size);
        ck_assert_uint_eq(size, 0);
        if (avail == 0 || avail == 8 || avail == 13)
            ck_assert_status(s, ZC_ERR_TRUNCATED, avail, "name runs past the end of the input");
        else
            ck_assert_status(s, ZC_ERR_TRUNCATED, avail < 8 ? 0 : 8,
                             "label runs past the end of the input");
    }
}
END_TEST

START_TEST(too_many_pointers)
{
    uint8_t msg[300];
    size_t size = 0;

    /* the root at 0; at 2k a pointer to 2k - 2: the name at 2k follows k */
    memset(msg, 0, sizeof msg);
    for (size_t k = 1; k <= 128; k++) {
        msg[2 * k] = 0xc0;
        msg[2 * k + 1] = (uint8_t)(2 * k - 2);
    }
    ck_assert_status_ok(dns_name_zc_measure(msg + 254, 2, &size));
    ck_assert_status_ok(zc_dns_name_check(msg, 256, view(msg + 254, 2))); /* 127 */
    ck_assert_decodes(msg, 256, view(msg + 254, 2), ".");
    ck_assert_status(zc_dns_name_check(msg, 258, view(msg + 256, 2)), ZC_ERR_LIMIT, 2,
                     "too many compression pointers");
}
END_TEST

START_TEST(view_must_be_inside_message)
{
    size_t len = sizeof resp_a;

    /* before, after, straddling the end, NULLs */
    ck_assert_status(zc_dns_name_check(resp_a + 1, len - 1, view(resp_a, 14)), ZC_ERR_MALFORMED, 0,
                     "name is not inside the message");
    ck_assert_status(zc_dns_name_check(resp_a, 20, view(resp_a + 30, 2)), ZC_ERR_MALFORMED, 0,
                     "name is not inside the message");
    ck_assert_status(zc_dns_name_check(resp_a, 20, view(resp_a + 20, 1)), ZC_ERR_MALFORMED, 0,
                     "name is not inside the message");
    ck_assert_status(zc_dns_name_check(resp_a, 20, view(resp_a + 12, 14)), ZC_ERR_MALFORMED, 12,
                     "name is not inside the message");
    ck_assert_status(zc_dns_name_check(NULL, 0, view(resp_a, 1)), ZC_ERR_MALFORMED, 0,
                     "name is not inside the message");
    ck_assert_status(zc_dns_name_check(resp_a, len, view(NULL, 0)), ZC_ERR_MALFORMED, 0,
                     "name is not inside the message");
    ck_assert(!zc_dns_name_equals(resp_a + 1, len - 1, view(resp_a, 14), "example.test"));

    /* a view longer than the name (the rest of the message) is fine, a
       shorter one is not */
    ck_assert_status_ok(zc_dns_name_check(resp_a, len, view(resp_a + 12, len - 12)));
    ck_assert(zc_dns_name_equals(resp_a, len, view(resp_a + 12, len - 12), "example.test"));
    ck_assert_status(zc_dns_name_check(resp_a, len, view(resp_a + 12, 13)), ZC_ERR_TRUNCATED, 25,
                     "name runs past the end of the input");
    ck_assert_status(zc_dns_name_check(resp_a, len, view(resp_a + 30, 1)), ZC_ERR_TRUNCATED, 30,
                     "pointer cut short");
    ck_assert_status(zc_dns_name_check(resp_a, len, view(resp_a + 12, 0)), ZC_ERR_TRUNCATED, 12,
                     "name runs past the end of the input");
}
END_TEST

/* A name at the very end of a malloc'd block: ASan sees any read past it. */
START_TEST(never_reads_past_avail)
{
    static const struct { const uint8_t *b; size_t n; } names[] = {
        { (const uint8_t *)"\x07" "example" "\x04" "test", 14 },
        { (const uint8_t *)"\x01" "a" "\xc0\x0c", 4 },
        { (const uint8_t *)"", 1 },
        { (const uint8_t *)"\x03" "abc" "\x40", 5 },
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        for (size_t avail = 0; avail <= names[k].n; avail++) {
            uint8_t *block = malloc(avail ? avail : 1);
            uint8_t *p = block + (avail ? 0 : 1); /* avail 0: one past the end */
            size_t size = 7;
            ck_assert_ptr_nonnull(block);
            memcpy(p, names[k].b, avail);
            zc_status s = dns_name_zc_measure(p, avail, &size);
            if (avail < names[k].n)
                ck_assert_int_ne(s.code, ZC_OK);
            else if (k == 3)
                ck_assert_status(s, ZC_ERR_MALFORMED, 4, "unknown label type");
            else
                ck_assert_uint_eq(size, names[k].n);
            if (avail > 0) {
                /* the block is the whole message too */
                char out[ZC_DNS_NAME_TEXT_MAX];
                size_t n;
                (void)zc_dns_name_check(p, avail, view(p, avail));
                (void)zc_dns_name_decode(p, avail, view(p, avail), out, sizeof out, &n);
                (void)zc_dns_name_equals(p, avail, view(p, avail), "example.test");
            }
            free(block);
        }
    }

    /* a real message in an exact block, each name measured in the middle
       of it, with avail running to the block's end */
    uint8_t *m = malloc(sizeof resp_a);
    ck_assert_ptr_nonnull(m);
    memcpy(m, resp_a, sizeof resp_a);
    size_t size = 0;
    ck_assert_status_ok(dns_name_zc_measure(m + 30, sizeof resp_a - 30, &size));
    ck_assert_uint_eq(size, 2);
    ck_assert_decodes(m, sizeof resp_a, view(m + 30, size), "example.test");
    /* the last byte of the message read as a name start (0x00: the root) */
    ck_assert_status_ok(dns_name_zc_measure(m + sizeof resp_a - 1, 1, &size));
    ck_assert_uint_eq(size, 1);
    free(m);
}
END_TEST

/* ---- decode ------------------------------------------------------------- */

START_TEST(decode_escapes_like_dig)
{
    /* one label: a . b \ 00 ff, then "com"; what dig prints (minus its
       final dot) for the same bytes */
    static const uint8_t name[] = { 0x06, 'a', '.', 'b', '\\', 0x00, 0xff, 0x03, 'c', 'o', 'm', 0x00 };
    ck_assert_decodes(name, sizeof name, view(name, sizeof name), "a\\.b\\\\\\000\\255.com");

    /* the other zone-file specials, space, DEL, and printable bytes */
    static const uint8_t spec[] = { 0x0d, '"', '(', ')', ';', '@', '$', ' ', 0x7f, '~', '!', '-',
                                    '_', 'A', 0x00 };
    ck_assert_decodes(spec, sizeof spec, view(spec, sizeof spec),
                      "\\\"\\(\\)\\;\\@\\$\\032\\127~!-_A");

    /* a wire label with a dot never equals the two labels it looks like */
    static const uint8_t dot[] = { 0x03, 'a', '.', 'b', 0x00 };
    ck_assert_decodes(dot, sizeof dot, view(dot, sizeof dot), "a\\.b");
    ck_assert(!zc_dns_name_equals(dot, sizeof dot, view(dot, sizeof dot), "a.b"));
    ck_assert(!zc_dns_name_equals(dot, sizeof dot, view(dot, sizeof dot), "a\\.b"));
}
END_TEST

/* decode at every cap from 0 to past the size needed */
static void decode_every_cap(const uint8_t *msg, size_t len, dns_name_view v, const char *full)
{
    const size_t need = strlen(full);
    char buf[ZC_DNS_NAME_TEXT_MAX + 8];

    for (size_t cap = 0; cap <= need + 2; cap++) {
        size_t n = 12345;
        memset(buf, 'X', sizeof buf);
        zc_status s = zc_dns_name_decode(msg, len, v, buf, cap, &n);
        for (size_t i = cap; i < sizeof buf; i++)
            ck_assert_int_eq(buf[i], 'X'); /* nothing written at or past cap */
        ck_assert_uint_eq(n, need);
        if (cap > need) {
            ck_assert_status_ok(s);
            ck_assert_str_eq(buf, full);
            continue;
        }
        ck_assert_status(s, ZC_ERR_SPACE, (uint32_t)(v.zc_base - msg), "output buffer too small");
        if (cap == 0)
            continue;
        /* a NUL-terminated prefix of the text, cut between whole
           characters and escapes, as long as fits in cap - 1 */
        size_t got = strnlen(buf, cap), at = 0, unit = 0;
        ck_assert_uint_lt(got, cap);
        ck_assert(memcmp(buf, full, got) == 0);
        while (at < got) {
            unit = full[at] != '\\' ? 1 : full[at + 1] >= '0' && full[at + 1] <= '9' ? 4 : 2;
            at += unit;
        }
        ck_assert_uint_eq(at, got); /* no escape split */
        unit = full[at] != '\\' ? 1 : full[at + 1] >= '0' && full[at + 1] <= '9' ? 4 : 2;
        ck_assert_uint_gt(got + unit, cap - 1); /* the next one would not fit */
    }
    /* cap 0 with no buffer at all: just the length */
    size_t n = 0;
    ck_assert_status(zc_dns_name_decode(msg, len, v, NULL, 0, &n), ZC_ERR_SPACE,
                     (uint32_t)(v.zc_base - msg), "output buffer too small");
    ck_assert_uint_eq(n, need);
    /* out_len is optional */
    ck_assert_status_ok(zc_dns_name_decode(msg, len, v, buf, need + 1, NULL));
}

START_TEST(decode_cap_too_small)
{
    static const uint8_t esc[] = { 0x03, 0x01, '.', 0xff, 0x02, 'a', '\\', 0x00 };
    char buf[8];
    size_t n;

    decode_every_cap(resp_a, sizeof resp_a, view(resp_a + 30, 2), "example.test");
    decode_every_cap(resp_a, sizeof resp_a, view(resp_a + 46, 1), ".");
    decode_every_cap(esc, sizeof esc, view(esc, sizeof esc), "\\001\\.\\255.a\\\\");

    /* an escape that does not fit is left out whole */
    memset(buf, 'X', sizeof buf);
    ck_assert_status(zc_dns_name_decode(esc, sizeof esc, view(esc, sizeof esc), buf, 4, &n),
                     ZC_ERR_SPACE, 0, "output buffer too small");
    ck_assert_str_eq(buf, "");
    ck_assert_status(zc_dns_name_decode(esc, sizeof esc, view(esc, sizeof esc), buf, 5, &n),
                     ZC_ERR_SPACE, 0, "output buffer too small");
    ck_assert_str_eq(buf, "\\001");
    ck_assert_uint_eq(n, 14);

    /* an invalid name reports its own error whatever cap is */
    static const uint8_t bad[] = { 0x01, 'a', 0x80 };
    for (size_t cap = 0; cap < sizeof buf; cap++) {
        memset(buf, 'X', sizeof buf);
        ck_assert_status(zc_dns_name_decode(bad, sizeof bad, view(bad, sizeof bad), buf, cap, &n),
                         ZC_ERR_MALFORMED, 2, "unknown label type");
        ck_assert_uint_eq(n, 0);
        if (cap > 0)
            ck_assert_str_eq(buf, "");
    }
    ck_assert_status(zc_dns_name_decode(bad, sizeof bad, view(bad, sizeof bad), buf, sizeof buf, NULL),
                     ZC_ERR_MALFORMED, 2, "unknown label type");
}
END_TEST

START_TEST(decode_worst_case_fits_text_max)
{
    uint8_t buf[256];
    char out[ZC_DNS_NAME_TEXT_MAX];
    size_t at, n = 0;

    /* four labels (63, 63, 63, 61) of unprintable bytes: 250 \DDD escapes */
    at = put_label(buf, 0, 63, 0x80);
    at = put_label(buf, at, 63, 0x80);
    at = put_label(buf, at, 63, 0x80);
    at = put_label(buf, at, 61, 0x80);
    buf[at++] = 0;
    ck_assert_status_ok(zc_dns_name_decode(buf, at, view(buf, at), out, sizeof out, &n));
    ck_assert_uint_eq(n, ZC_DNS_NAME_TEXT_MAX - 1);
    ck_assert_uint_eq(strlen(out), 1003);
    ck_assert(memcmp(out, "\\128\\128", 8) == 0);
}
END_TEST

/* ---- equals ----------------------------------------------------------------- */

START_TEST(equals_cases)
{
    /* www.example.com at 12, and at 29 "mail" + pointer to example.com (16) */
    static const uint8_t tail[] = { 0x03, 'w', 'w', 'w', 0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
                                    0x03, 'c', 'o', 'm', 0x00, 0x04, 'm', 'a', 'i', 'l', 0xc0,
                                    0x10 };
    uint8_t msg[64];
    const size_t len = msg_with(msg, tail, sizeof tail);
    const dns_name_view www = name_at(msg, len, 12), mail = name_at(msg, len, 29);

    ck_assert_uint_eq(www.zc_len, 17);
    ck_assert_uint_eq(mail.zc_len, 7);
    ck_assert(zc_dns_name_equals(msg, len, www, "www.example.com"));
    ck_assert(zc_dns_name_equals(msg, len, www, "WWW.Example.COM"));   /* case */
    ck_assert(zc_dns_name_equals(msg, len, www, "www.example.com."));  /* final dot */
    ck_assert(!zc_dns_name_equals(msg, len, www, "www.example.com.."));
    ck_assert(!zc_dns_name_equals(msg, len, www, "www.example.co"));   /* lengths */
    ck_assert(!zc_dns_name_equals(msg, len, www, "www.example.comm"));
    ck_assert(!zc_dns_name_equals(msg, len, www, "ww.example.com"));
    ck_assert(!zc_dns_name_equals(msg, len, www, "www.example"));      /* prefixes */
    ck_assert(!zc_dns_name_equals(msg, len, www, "example.com"));
    ck_assert(!zc_dns_name_equals(msg, len, www, "www.example.com.au"));
    ck_assert(!zc_dns_name_equals(msg, len, www, "www"));
    ck_assert(!zc_dns_name_equals(msg, len, www, ""));                 /* root */
    ck_assert(!zc_dns_name_equals(msg, len, www, "."));
    ck_assert(!zc_dns_name_equals(msg, len, www, ".www.example.com")); /* empty labels */
    ck_assert(!zc_dns_name_equals(msg, len, www, "www..example.com"));
    ck_assert(!zc_dns_name_equals(msg, len, www, "www.exbmple.com"));
    ck_assert(!zc_dns_name_equals(msg, len, www, NULL));

    /* through a pointer */
    ck_assert(zc_dns_name_equals(msg, len, mail, "mail.example.com"));
    ck_assert(zc_dns_name_equals(msg, len, mail, "MAIL.EXAMPLE.COM."));
    ck_assert(!zc_dns_name_equals(msg, len, mail, "mail.example"));
    ck_assert(!zc_dns_name_equals(msg, len, mail, "mail"));
    ck_assert(!zc_dns_name_equals(msg, len, mail, "mail.example.com.x"));
    ck_assert_decodes(msg, len, mail, "mail.example.com");

    /* case folding is ASCII only; escapes in `dotted` are not decoded */
    static const uint8_t hi[] = { 0x02, 0xc4, '[', 0x00 };
    ck_assert(zc_dns_name_equals(hi, sizeof hi, view(hi, sizeof hi), "\xc4["));
    ck_assert(!zc_dns_name_equals(hi, sizeof hi, view(hi, sizeof hi), "\xe4["));
    ck_assert(!zc_dns_name_equals(hi, sizeof hi, view(hi, sizeof hi), "\xc4{"));
    ck_assert(!zc_dns_name_equals(hi, sizeof hi, view(hi, sizeof hi), "\\196["));
    static const uint8_t bs[] = { 0x02, '\\', 'x', 0x00 };
    ck_assert(zc_dns_name_equals(bs, sizeof bs, view(bs, sizeof bs), "\\x"));
    ck_assert(!zc_dns_name_equals(bs, sizeof bs, view(bs, sizeof bs), "\\\\x"));

    /* an invalid name equals nothing, not even its valid prefix */
    static const uint8_t bad[] = { 0x01, 'a', 0x01, 'b' };
    ck_assert(!zc_dns_name_equals(bad, sizeof bad, view(bad, sizeof bad), "a.b"));
}
END_TEST

START_TEST(status_text)
{
    uint8_t msg[64];
    static const uint8_t tail[] = { 0xc0, 0x0c };
    size_t len = msg_with(msg, tail, sizeof tail);
    char text[128];
    zc_status_format(zc_dns_name_check(msg, len, view(msg + 12, 2)), text, sizeof text);
    ck_assert_str_eq(text, "malformed: dns_name at offset 12: pointer points forward");
}
END_TEST

/* ---- writing: encode, unpack, pointer -------------------------------------- */

/* A failed status with this code, offset and detail, out_len 0 after it. */
#define ck_assert_encode_fails(text, c, off, det)                                  \
    do {                                                                           \
        uint8_t o_[ZC_DNS_NAME_MAX_WIRE + 8];                                      \
        size_t n_ = 999;                                                           \
        memset(o_, 0xee, sizeof o_);                                               \
        ck_assert_status(zc_dns_name_encode((text), o_, sizeof o_, &n_), (c), (off), (det)); \
        ck_assert_uint_eq(n_, 0);                                                  \
        ck_assert_uint_eq(o_[0], 0xee); /* nothing written */                      \
    } while (0)

/* A dotted name of labels of these lengths ('a' + i for the i-th). */
static void dotted_of(char *text, const size_t *lens, size_t count)
{
    size_t at = 0;
    for (size_t i = 0; i < count; i++) {
        if (i)
            text[at++] = '.';
        memset(text + at, 'a' + (int)i, lens[i]);
        at += lens[i];
    }
    text[at] = '\0';
}

START_TEST(encode_names)
{
    static const uint8_t www[] = { 0x03, 'w', 'w', 'w', 0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
                                   0x03, 'c', 'o', 'm', 0x00 };
    static const uint8_t mixed[] = { 0x03, 'W', 'w', 'W', 0x01, '\\', 0x00 };
    uint8_t out[ZC_DNS_NAME_MAX_WIRE];
    size_t n = 0;

    ck_assert_status_ok(zc_dns_name_encode("www.example.com", out, sizeof out, &n));
    ck_assert_uint_eq(n, sizeof www);
    ck_assert_mem_eq(out, www, sizeof www);
    ck_assert_status_ok(zc_dns_name_encode("www.example.com.", out, sizeof out, &n));
    ck_assert_uint_eq(n, sizeof www);
    ck_assert_mem_eq(out, www, sizeof www);
    /* bytes are copied as they are: case kept, no escapes */
    ck_assert_status_ok(zc_dns_name_encode("WwW.\\", out, sizeof out, &n));
    ck_assert_uint_eq(n, sizeof mixed);
    ck_assert_mem_eq(out, mixed, sizeof mixed);
    /* the root, both spellings */
    out[0] = 0xee;
    ck_assert_status_ok(zc_dns_name_encode("", out, sizeof out, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(out[0], 0);
    out[0] = 0xee;
    ck_assert_status_ok(zc_dns_name_encode(".", out, sizeof out, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(out[0], 0);
    ck_assert_status_ok(zc_dns_name_encode("a", out, sizeof out, NULL)); /* out_len optional */
    ck_assert_mem_eq(out, "\x01" "a\0", 3);
}
END_TEST

START_TEST(encode_refuses_bad_text)
{
    ck_assert_encode_fails("a..b", ZC_ERR_MALFORMED, 2, "empty label");
    ck_assert_encode_fails(".a", ZC_ERR_MALFORMED, 0, "empty label");
    ck_assert_encode_fails("..", ZC_ERR_MALFORMED, 0, "empty label");
    ck_assert_encode_fails("a..", ZC_ERR_MALFORMED, 2, "empty label");
    ck_assert_encode_fails(NULL, ZC_ERR_MALFORMED, 0, "empty label");
}
END_TEST

START_TEST(encode_limits)
{
    char text[400];
    uint8_t out[ZC_DNS_NAME_MAX_WIRE];
    size_t n = 0;

    /* a label of 63 bytes is fine, 64 is not (offset: the label) */
    static const size_t l63[] = { 1, 63 }, l64[] = { 1, 64 };
    dotted_of(text, l63, 2);
    ck_assert_status_ok(zc_dns_name_encode(text, out, sizeof out, &n));
    ck_assert_uint_eq(n, 1 + 1 + 1 + 63 + 1);
    dotted_of(text, l64, 2);
    ck_assert_encode_fails(text, ZC_ERR_LIMIT, 2, "label longer than 63 bytes");
    memset(text, 'x', 300); /* a very long label is refused without reading it all */
    text[300] = '\0';
    ck_assert_encode_fails(text, ZC_ERR_LIMIT, 0, "label longer than 63 bytes");

    /* 255 bytes on the wire (63+63+63+61 and their length bytes and the
       root) is the longest name; one more byte is refused at the label
       that crosses the limit */
    static const size_t max[] = { 63, 63, 63, 61 }, over[] = { 63, 63, 63, 62 };
    dotted_of(text, max, 4);
    ck_assert_status_ok(zc_dns_name_encode(text, out, sizeof out, &n));
    ck_assert_uint_eq(n, 255);
    ck_assert_status_ok(zc_dns_name_check(out, n, view(out, n)));
    dotted_of(text, over, 4);
    ck_assert_encode_fails(text, ZC_ERR_LIMIT, 192, "name longer than 255 bytes");
}
END_TEST

START_TEST(encode_space)
{
    uint8_t out[32];
    size_t n = 0;

    /* "ab.c" needs 6 bytes: 02 a b 01 c 00 */
    memset(out, 0xee, sizeof out);
    ck_assert_status(zc_dns_name_encode("ab.c", out, 5, &n), ZC_ERR_SPACE, 0,
                     "output buffer too small");
    ck_assert_uint_eq(n, 6);
    for (size_t i = 0; i < sizeof out; i++)
        ck_assert_uint_eq(out[i], 0xee); /* nothing written at all */
    ck_assert_status(zc_dns_name_encode("ab.c", NULL, 0, &n), ZC_ERR_SPACE, 0,
                     "output buffer too small");
    ck_assert_uint_eq(n, 6);
    ck_assert_status_ok(zc_dns_name_encode("ab.c", out, 6, &n));
    ck_assert_mem_eq(out, "\x02" "ab\x01" "c\0", 6);
    ck_assert_uint_eq(out[6], 0xee);
}
END_TEST

/* What is encoded from a text equals that text, and decodes back to it. */
START_TEST(encode_round_trips)
{
    static const char *const texts[] = { "example.test", "A.b.C.d", "x", "1-2.xn--bcher-kva.example",
                                         "_dns._udp.example" };
    uint8_t out[ZC_DNS_NAME_MAX_WIRE];
    size_t n = 0;

    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        ck_assert_status_ok(zc_dns_name_encode(texts[i], out, sizeof out, &n));
        ck_assert_uint_eq(n, strlen(texts[i]) + 2);
        ck_assert_status_ok(zc_dns_name_check(out, n, view(out, n)));
        ck_assert(zc_dns_name_equals(out, n, view(out, n), texts[i]));
        ck_assert_decodes(out, n, view(out, n), texts[i]);
    }
}
END_TEST

START_TEST(unpack_follows_pointers)
{
    static const uint8_t flat[] = { 0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0x04, 't', 'e', 's',
                                    't', 0x00 };
    uint8_t out[ZC_DNS_NAME_MAX_WIRE];
    size_t n = 0;

    /* the answer owner of resp_a is the pointer c0 0c to the question */
    ck_assert_status_ok(zc_dns_name_unpack(resp_a, sizeof resp_a, name_at(resp_a, sizeof resp_a, 30),
                                           out, sizeof out, &n));
    ck_assert_uint_eq(n, sizeof flat);
    ck_assert_mem_eq(out, flat, sizeof flat);
    /* a name without pointers comes out as its own bytes */
    ck_assert_status_ok(zc_dns_name_unpack(resp_a, sizeof resp_a, name_at(resp_a, sizeof resp_a, 12),
                                           out, sizeof out, &n));
    ck_assert_uint_eq(n, sizeof flat);
    ck_assert_mem_eq(out, flat, sizeof flat);
    /* the root */
    ck_assert_status_ok(zc_dns_name_unpack(resp_a, sizeof resp_a, name_at(resp_a, sizeof resp_a, 46),
                                           out, sizeof out, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(out[0], 0);

    /* labels in place, then a pointer: "mail" + -> example.com */
    static const uint8_t tail[] = { 0x03, 'w', 'w', 'w', 0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
                                    0x03, 'c', 'o', 'm', 0x00, 0x04, 'm', 'a', 'i', 'l', 0xc0,
                                    0x10 };
    uint8_t msg[64];
    const size_t len = msg_with(msg, tail, sizeof tail);
    ck_assert_status_ok(zc_dns_name_unpack(msg, len, name_at(msg, len, 29), out, sizeof out, &n));
    ck_assert_uint_eq(n, 18);
    ck_assert_mem_eq(out, "\x04" "mail\x07" "example\x03" "com\0", 18);
    /* the result is a name of its own, equal to the original */
    ck_assert(zc_dns_name_equals(out, n, view(out, n), "mail.example.com"));
}
END_TEST

START_TEST(unpack_space_and_errors)
{
    uint8_t out[32];
    size_t n = 0;
    const dns_name_view an = name_at(resp_a, sizeof resp_a, 30);

    /* 14 bytes needed: 13 is too few, and nothing is written past cap */
    memset(out, 0xee, sizeof out);
    ck_assert_status(zc_dns_name_unpack(resp_a, sizeof resp_a, an, out, 13, &n), ZC_ERR_SPACE, 30,
                     "output buffer too small");
    ck_assert_uint_eq(n, 14);
    for (size_t i = 13; i < sizeof out; i++)
        ck_assert_uint_eq(out[i], 0xee);
    /* room for the first label only: it is there, the second is not */
    memset(out, 0xee, sizeof out);
    ck_assert_status(zc_dns_name_unpack(resp_a, sizeof resp_a, an, out, 10, &n), ZC_ERR_SPACE, 30,
                     "output buffer too small");
    ck_assert_uint_eq(out[0], 7);
    ck_assert_uint_eq(out[8], 0xee);
    ck_assert_status(zc_dns_name_unpack(resp_a, sizeof resp_a, an, NULL, 0, &n), ZC_ERR_SPACE, 30,
                     "output buffer too small");
    ck_assert_uint_eq(n, 14);
    ck_assert_status_ok(zc_dns_name_unpack(resp_a, sizeof resp_a, an, out, 14, NULL));

    /* an invalid name: the same status as zc_dns_name_check */
    uint8_t msg[64];
    static const uint8_t fwd[] = { 0xc0, 0x0e, 0x01, 'a', 0x00 };
    const size_t len = msg_with(msg, fwd, sizeof fwd);
    n = 99;
    ck_assert_status(zc_dns_name_unpack(msg, len, view(msg + 12, 2), out, sizeof out, &n),
                     ZC_ERR_MALFORMED, 12, "pointer points forward");
    ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(unpack_longest_name_fits_max_wire)
{
    /* a 255-byte name: one label in place, then a pointer to the other three */
    uint8_t msg[600], out[ZC_DNS_NAME_MAX_WIRE];
    size_t at = 12, tail, n = 0;

    memcpy(msg, resp_a, 12);
    at = put_label(msg, at, 63, 'b');
    at = put_label(msg, at, 63, 'c');
    at = put_label(msg, at, 61, 'd');
    msg[at++] = 0;
    tail = at;
    at = put_label(msg, at, 63, 'a');
    ck_assert_status_ok(zc_dns_name_pointer(12, msg + at));
    at += 2;
    ck_assert_status_ok(zc_dns_name_unpack(msg, at, name_at(msg, at, tail), out, sizeof out, &n));
    ck_assert_uint_eq(n, 255);
    ck_assert_uint_eq(out[0], 63);
    ck_assert_uint_eq(out[1], 'a');
    ck_assert_uint_eq(out[64], 63);
    ck_assert_uint_eq(out[65], 'b');
    ck_assert_uint_eq(out[254], 0);
    ck_assert_status_ok(zc_dns_name_check(out, n, view(out, n)));
}
END_TEST

START_TEST(pointer_bytes)
{
    uint8_t p[2] = { 0xee, 0xee };

    ck_assert_status_ok(zc_dns_name_pointer(12, p));
    ck_assert_uint_eq(p[0], 0xc0);
    ck_assert_uint_eq(p[1], 0x0c);
    ck_assert_status_ok(zc_dns_name_pointer(0, p));
    ck_assert_uint_eq(p[0], 0xc0);
    ck_assert_uint_eq(p[1], 0x00);
    ck_assert_status_ok(zc_dns_name_pointer(0x1234, p));
    ck_assert_uint_eq(p[0], 0xd2);
    ck_assert_uint_eq(p[1], 0x34);
    ck_assert_status_ok(zc_dns_name_pointer(ZC_DNS_POINTER_MAX, p));
    ck_assert_uint_eq(p[0], 0xff);
    ck_assert_uint_eq(p[1], 0xff);
    p[0] = p[1] = 0xee;
    ck_assert_status(zc_dns_name_pointer(ZC_DNS_POINTER_MAX + 1, p), ZC_ERR_RANGE, 0,
                     "pointer target beyond offset 16383");
    ck_assert_uint_eq(p[0], 0xee);
    ck_assert_uint_eq(p[1], 0xee);
    ck_assert_status(zc_dns_name_pointer(SIZE_MAX, p), ZC_ERR_RANGE, 0,
                     "pointer target beyond offset 16383");

    /* a pointer made this way reads back as the name it points at */
    static const uint8_t tail[] = { 0x01, 'q', 0x00, 0xee, 0xee };
    uint8_t msg[64];
    const size_t len = msg_with(msg, tail, sizeof tail);
    ck_assert_status_ok(zc_dns_name_pointer(12, msg + 15));
    ck_assert(zc_dns_name_equals(msg, len, name_at(msg, len, 15), "q"));
}
END_TEST

static Suite *dns_name_suite(void)
{
    Suite *s = suite_create("dns_name");
    TCase *tc = tcase_create("wire");
    tcase_add_test(tc, real_response_with_pointer);
    tcase_add_test(tc, iterator_walks_labels);
    tcase_add_test(tc, root_name);
    tcase_add_test(tc, max_length_255_accepted_256_rejected);
    tcase_add_test(tc, limit_counts_the_part_behind_a_pointer);
    tcase_add_test(tc, label_63_accepted_64_rejected);
    tcase_add_test(tc, unknown_label_types);
    tcase_add_test(tc, self_pointer);
    tcase_add_test(tc, forward_pointer);
    tcase_add_test(tc, pointer_loops_rejected);
    tcase_add_test(tc, pointer_outside_message);
    tcase_add_test(tc, pointer_target_reads_to_message_end);
    tcase_add_test(tc, truncated_pointer);
    tcase_add_test(tc, truncated_label);
    tcase_add_test(tc, too_many_pointers);
    tcase_add_test(tc, view_must_be_inside_message);
    tcase_add_test(tc, never_reads_past_avail);
    suite_add_tcase(s, tc);
    tc = tcase_create("text");
    tcase_add_test(tc, decode_escapes_like_dig);
    tcase_add_test(tc, decode_cap_too_small);
    tcase_add_test(tc, decode_worst_case_fits_text_max);
    tcase_add_test(tc, equals_cases);
    tcase_add_test(tc, status_text);
    suite_add_tcase(s, tc);
    tc = tcase_create("writing");
    tcase_add_test(tc, encode_names);
    tcase_add_test(tc, encode_refuses_bad_text);
    tcase_add_test(tc, encode_limits);
    tcase_add_test(tc, encode_space);
    tcase_add_test(tc, encode_round_trips);
    tcase_add_test(tc, unpack_follows_pointers);
    tcase_add_test(tc, unpack_space_and_errors);
    tcase_add_test(tc, unpack_longest_name_fits_max_wire);
    tcase_add_test(tc, pointer_bytes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(dns_name_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
