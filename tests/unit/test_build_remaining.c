/*
 * test_build_remaining.c - builders of structs that read `remaining`
 * (issue #19 item 4; docs/decisions.md, "Builders of structs that read
 * `remaining`").
 *
 *   test_build_remaining
 *
 * Over tests/compiler/golden/build_remaining.zc (`remaining` in a length
 * that derives a field, one only checked, a parameter's, before fixed
 * fields, a constraint, counts and byte lengths of struct arrays, a switch's
 * length, a switch case, a nested struct) and schemas/http2.zc (DATA,
 * HEADERS and PUSH_PROMISE with padding and priority):
 * 1. what is built parses back with the values put, and the length field
 *    derived at the end (pad_length = the padding's size);
 * 2. the bytes are the ones the specification lays out (HTTP/2 frames
 *    written out by hand from RFC 9113 sections 4.1, 6.1, 6.2, 6.6, the
 *    same as tests/protocols/http2/make.py's, which tshark decodes);
 * 3. misuse fails with the builder's own status naming the field (a size
 *    that `remaining` contradicts, a pad length over 255, a constraint
 *    over `remaining`, no space), sticky, never a message the parser
 *    reads differently, never a write past the buffer (ASan: every build
 *    is in a heap block of exactly its capacity).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_remaining.zc.h"
#include "http2.zc.h"

/* A heap block of exactly n bytes (ASan sees a write past it). */
static uint8_t *block(size_t n)
{
    uint8_t *p = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(p);
    return p;
}

static void assert_bytes(const uint8_t *got, size_t n, const uint8_t *want, size_t wn)
{
    ck_assert_uint_eq(n, wn);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(got[i] == want[i], "byte %zu: 0x%02x, want 0x%02x", i, got[i], want[i]);
}

/* The field a failure names ("struct.field"). */
static void assert_fails(zc_status st, int code, const char *what)
{
    ck_assert_int_eq(st.code, code);
    ck_assert_str_eq(st.field, what);
}

/* ---- 1. a length derived at the end ---------------------------------------- */

START_TEST(padded_derives_pad_length)
{
    static const uint8_t want[] = { 2, 'a', 'b', 'c', 0xee, 0xee };
    uint8_t *buf = block(sizeof want);
    br_padded_builder b;
    br_padded_mview m;

    br_padded_build(&b, buf, sizeof want);
    ck_assert_int_eq(br_padded_put_data(&b, "ab", 2).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_data(&b, "c", 1).code, ZC_OK);   /* appended */
    ck_assert_int_eq(br_padded_put_padding(&b, "\xee\xee", 2).code, ZC_OK);
    ck_assert_int_eq(br_padded_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, want, sizeof want);
    ck_assert_uint_eq(br_padded_pad_length(m.v), 2);
    ck_assert_uint_eq(br_padded_data(m.v).len, 3);
    ck_assert_uint_eq(br_padded_padding(m.v).len, 2);
    free(buf);
}
END_TEST

START_TEST(padded_no_padding_and_all_padding)
{
    uint8_t buf[300];
    br_padded_builder b;
    br_padded_mview m;

    br_padded_build(&b, buf, sizeof buf);   /* nothing put: one byte, 0 */
    ck_assert_int_eq(br_padded_build_end(&b, &m).code, ZC_OK);
    ck_assert_uint_eq(m.v.zc_len, 1);
    ck_assert_uint_eq(buf[0], 0);

    br_padded_build(&b, buf, sizeof buf);   /* data only */
    ck_assert_int_eq(br_padded_put_data(&b, "xyz", 3).code, ZC_OK);
    ck_assert_int_eq(br_padded_build_end(&b, &m).code, ZC_OK);
    ck_assert_uint_eq(m.v.zc_len, 4);
    ck_assert_uint_eq(br_padded_pad_length(m.v), 0);

    br_padded_build(&b, buf, sizeof buf);   /* padding only, data skipped */
    ck_assert_int_eq(br_padded_put_padding(&b, "\0\0\0\0\0", 5).code, ZC_OK);
    ck_assert_int_eq(br_padded_build_end(&b, &m).code, ZC_OK);
    ck_assert_uint_eq(br_padded_pad_length(m.v), 5);
    ck_assert_uint_eq(br_padded_data(m.v).len, 0);

    static uint8_t pad[255];   /* the most a u8 can say */
    br_padded_build(&b, buf, sizeof buf);
    ck_assert_int_eq(br_padded_put_padding(&b, pad, sizeof pad).code, ZC_OK);
    ck_assert_int_eq(br_padded_build_end(&b, &m).code, ZC_OK);
    ck_assert_uint_eq(br_padded_pad_length(m.v), 255);
}
END_TEST

START_TEST(padded_too_much_padding)
{
    static uint8_t pad[256];
    uint8_t buf[300];
    br_padded_builder b;
    br_padded_mview m;

    br_padded_build(&b, buf, sizeof buf);
    ck_assert_int_eq(br_padded_put_data(&b, "d", 1).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_padding(&b, pad, sizeof pad).code, ZC_OK);
    zc_status st = br_padded_build_end(&b, &m);
    assert_fails(st, ZC_ERR_RANGE, "br_padded.pad_length");
    ck_assert_uint_eq(st.offset, 1);   /* where data starts */
    ck_assert_uint_eq(m.v.zc_len, 0);
    /* sticky */
    ck_assert_int_eq(br_padded_put_padding(&b, "x", 1).code, ZC_ERR_RANGE);
    ck_assert_int_eq(br_padded_build_end(&b, &m).code, ZC_ERR_RANGE);
}
END_TEST

START_TEST(padded_order_and_space)
{
    uint8_t *buf = block(4);
    br_padded_builder b;
    br_padded_mview m;

    br_padded_build(&b, buf, 4);
    ck_assert_int_eq(br_padded_put_padding(&b, "p", 1).code, ZC_OK);
    assert_fails(br_padded_put_data(&b, "d", 1), ZC_ERR_ORDER, "br_padded.data");
    ck_assert_int_eq(br_padded_build_end(&b, &m).code, ZC_ERR_ORDER);

    br_padded_build(&b, buf, 4);
    ck_assert_int_eq(br_padded_put_data(&b, "dd", 2).code, ZC_OK);
    assert_fails(br_padded_put_padding(&b, "pp", 2), ZC_ERR_SPACE, "br_padded.padding");
    ck_assert_int_eq(br_padded_build_end(&b, &m).code, ZC_ERR_SPACE);

    br_padded_build(&b, buf, 4);   /* what fits: the same bytes as asked */
    ck_assert_int_eq(br_padded_put_data(&b, "dd", 2).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_padding(&b, "p", 1).code, ZC_OK);
    ck_assert_int_eq(br_padded_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"\x01" "ddp", 4);
    free(buf);
}
END_TEST

/* ---- 2. an optional length, a parameter in the length ---------------------- */

START_TEST(param_absent_pad_length_is_checked)
{
    uint8_t buf[32];
    br_param_builder b;
    br_param_mview m;

    br_param_build(&b, buf, sizeof buf, 0);   /* no pad_length: data is all */
    ck_assert_int_eq(br_param_put_data(&b, "xy", 2).code, ZC_OK);
    ck_assert_int_eq(br_param_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"xy", 2);
    ck_assert(!br_param_has_pad_length(m.v));

    br_param_build(&b, buf, sizeof buf, 0);   /* padding that no pad_length can say */
    ck_assert_int_eq(br_param_put_data(&b, "xy", 2).code, ZC_OK);
    ck_assert_int_eq(br_param_put_padding(&b, "p", 1).code, ZC_OK);
    assert_fails(br_param_build_end(&b, &m), ZC_ERR_MALFORMED, "br_param.data");

    br_param_build(&b, buf, sizeof buf, 1);   /* present: derived */
    ck_assert_int_eq(br_param_put_data(&b, "xy", 2).code, ZC_OK);
    ck_assert_int_eq(br_param_put_padding(&b, "p", 1).code, ZC_OK);
    ck_assert_int_eq(br_param_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"\x01xyp", 4);
}
END_TEST

START_TEST(reserve_parameter_checks_the_size)
{
    uint8_t buf[32];
    br_reserve_builder b;
    br_reserve_mview m;

    br_reserve_build(&b, buf, sizeof buf, 3);
    ck_assert_int_eq(br_reserve_put_data(&b, "ab", 2).code, ZC_OK);
    ck_assert_int_eq(br_reserve_put_reserved(&b, "RRR", 3).code, ZC_OK);
    ck_assert_int_eq(br_reserve_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"abRRR", 5);
    ck_assert_uint_eq(br_reserve_data(m.v).len, 2);

    br_reserve_build(&b, buf, sizeof buf, 3);   /* 2 reserved bytes of 3 */
    ck_assert_int_eq(br_reserve_put_data(&b, "ab", 2).code, ZC_OK);
    ck_assert_int_eq(br_reserve_put_reserved(&b, "RR", 2).code, ZC_OK);
    zc_status st = br_reserve_build_end(&b, &m);
    assert_fails(st, ZC_ERR_MALFORMED, "br_reserve.data");
    ck_assert_uint_eq(st.offset, 0);
}
END_TEST

START_TEST(tail_leaves_its_bytes)
{
    static const uint8_t want[] = { 7, 'h', 'i', 1, 2, 3, 4 };
    uint8_t *buf = block(sizeof want);
    br_tail_builder b;
    br_tail_mview m;

    br_tail_build(&b, buf, sizeof want);
    ck_assert_int_eq(br_tail_put_kind(&b, 7).code, ZC_OK);
    ck_assert_int_eq(br_tail_put_body(&b, "hi", 2).code, ZC_OK);
    ck_assert_int_eq(br_tail_put_check(&b, "\x01\x02\x03\x04", 4).code, ZC_OK);
    ck_assert_int_eq(br_tail_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, want, sizeof want);
    ck_assert_uint_eq(br_tail_check(m.v).len, 4);

    br_tail_build(&b, buf, sizeof want);   /* check not put: 0 bytes of 4 */
    ck_assert_int_eq(br_tail_put_body(&b, "hi", 2).code, ZC_OK);
    assert_fails(br_tail_build_end(&b, &m), ZC_ERR_MALFORMED, "br_tail.body");

    br_tail_build(&b, buf, sizeof want);   /* nothing: a body of -3 bytes */
    assert_fails(br_tail_build_end(&b, &m), ZC_ERR_MALFORMED, "br_tail.body");
    free(buf);
}
END_TEST

/* ---- 3. a constraint over `remaining` --------------------------------------- */

START_TEST(bounded_constraint_checked_at_the_end)
{
    uint8_t buf[16];
    br_bounded_builder b;
    br_bounded_mview m;

    br_bounded_build(&b, buf, sizeof buf);
    ck_assert_int_eq(br_bounded_put_n(&b, 3).code, ZC_OK);
    ck_assert_int_eq(br_bounded_put_rest(&b, "ab", 2).code, ZC_OK);   /* remaining at n: 3 */
    ck_assert_int_eq(br_bounded_build_end(&b, &m).code, ZC_OK);

    br_bounded_build(&b, buf, sizeof buf);
    ck_assert_int_eq(br_bounded_put_n(&b, 4).code, ZC_OK);
    ck_assert_int_eq(br_bounded_put_rest(&b, "ab", 2).code, ZC_OK);
    assert_fails(br_bounded_build_end(&b, &m), ZC_ERR_CONSTRAINT, "br_bounded.n");
    ck_assert_uint_eq(m.v.zc_len, 0);
}
END_TEST

/* ---- 4. arrays of structs ---------------------------------------------------- */

START_TEST(pairs_counted_and_by_bytes)
{
    uint8_t buf[32];
    br_pairs_builder b;
    br_pairs_mview m;
    br_pair_builder e;

    br_pairs_build(&b, buf, sizeof buf);
    ck_assert_int_eq(br_pairs_put_hdr(&b, 9).code, ZC_OK);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(br_pairs_begin_items(&b, &e).code, ZC_OK);
        ck_assert_int_eq(br_pair_put_a(&e, (uint8_t)i).code, ZC_OK);
        ck_assert_int_eq(br_pair_put_b(&e, (uint8_t)(10 + i)).code, ZC_OK);
        ck_assert_int_eq(br_pairs_end_items(&b, &e).code, ZC_OK);
    }
    ck_assert_int_eq(br_pairs_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"\x09\x00\x0a\x01\x0b\x02\x0c", 7);
    ck_assert_uint_eq(br_pairs_items_count(m.v), 3);

    br_pairs_build(&b, buf, sizeof buf);   /* an odd byte: odd's */
    ck_assert_int_eq(br_pairs_begin_items(&b, &e).code, ZC_OK);
    ck_assert_int_eq(br_pairs_end_items(&b, &e).code, ZC_OK);
    ck_assert_int_eq(br_pairs_put_odd(&b, "!", 1).code, ZC_OK);
    ck_assert_int_eq(br_pairs_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"\x00\x00\x00!", 4);
    ck_assert_uint_eq(br_pairs_items_count(m.v), 1);

    br_pairs_build(&b, buf, sizeof buf);   /* two: one more element, refused */
    ck_assert_int_eq(br_pairs_begin_items(&b, &e).code, ZC_OK);
    ck_assert_int_eq(br_pairs_end_items(&b, &e).code, ZC_OK);
    ck_assert_int_eq(br_pairs_put_odd(&b, "!!", 2).code, ZC_OK);
    assert_fails(br_pairs_build_end(&b, &m), ZC_ERR_MALFORMED, "br_pairs.items");

    br_pairs_bytes_builder c;
    br_pairs_bytes_mview cm;
    br_pairs_bytes_build(&c, buf, sizeof buf);
    ck_assert_int_eq(br_pairs_bytes_put_hdr(&c, 1).code, ZC_OK);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(br_pairs_bytes_begin_items(&c, &e).code, ZC_OK);
        ck_assert_int_eq(br_pair_put_a(&e, 0xa0).code, ZC_OK);
        ck_assert_int_eq(br_pairs_bytes_end_items(&c, &e).code, ZC_OK);
    }
    ck_assert_int_eq(br_pairs_bytes_put_last(&c, "\xff", 1).code, ZC_OK);
    ck_assert_int_eq(br_pairs_bytes_build_end(&c, &cm).code, ZC_OK);
    assert_bytes(buf, cm.v.zc_len, (const uint8_t *)"\x01\xa0\x00\xa0\x00\xff", 6);
    ck_assert_uint_eq(br_pairs_bytes_last(cm.v).len, 1);

    br_pairs_bytes_build(&c, buf, sizeof buf);   /* two bytes last: one too many */
    ck_assert_int_eq(br_pairs_bytes_begin_items(&c, &e).code, ZC_OK);
    ck_assert_int_eq(br_pairs_bytes_end_items(&c, &e).code, ZC_OK);
    ck_assert_int_eq(br_pairs_bytes_put_last(&c, "\xff\xff", 2).code, ZC_OK);
    assert_fails(br_pairs_bytes_build_end(&c, &cm), ZC_ERR_MALFORMED, "br_pairs_bytes.items");
}
END_TEST

/* ---- 5. switches and nested structs ------------------------------------------ */

START_TEST(switch_length_and_cases)
{
    uint8_t buf[64];
    br_switch_builder b;
    br_switch_mview m;

    br_switch_build(&b, buf, sizeof buf);   /* case 2: all of the switch */
    ck_assert_int_eq(br_switch_put_type(&b, 2).code, ZC_OK);
    ck_assert_int_eq(br_switch_put_all(&b, "abcd", 4).code, ZC_OK);
    ck_assert_int_eq(br_switch_put_fcs(&b, "\xbe\xef", 2).code, ZC_OK);
    ck_assert_int_eq(br_switch_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"\x02\x00" "abcd" "\xbe\xef", 8);

    br_padded_builder p;   /* case 1: a nested struct that reads `remaining` */
    br_switch_build(&b, buf, sizeof buf);
    ck_assert_int_eq(br_switch_put_type(&b, 1).code, ZC_OK);
    ck_assert_int_eq(br_switch_begin_padded(&b, &p).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_data(&p, "D", 1).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_padding(&p, "\0\0\0", 3).code, ZC_OK);
    ck_assert_int_eq(br_switch_end_padded(&b, &p).code, ZC_OK);
    ck_assert_int_eq(br_switch_put_fcs(&b, "\xbe\xef", 2).code, ZC_OK);
    ck_assert_int_eq(br_switch_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"\x01\x00\x03" "D\0\0\0" "\xbe\xef", 9);
    br_padded_view pv;
    ck_assert(br_switch_padded(m.v, &pv));
    ck_assert_uint_eq(br_padded_pad_length(pv), 3);

    /* fcs not put: the switch is all but 2 bytes of nothing, refused */
    br_switch_build(&b, buf, sizeof buf);
    ck_assert_int_eq(br_switch_put_type(&b, 1).code, ZC_OK);
    ck_assert_int_eq(br_switch_begin_padded(&b, &p).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_data(&p, "D", 1).code, ZC_OK);
    ck_assert_int_eq(br_switch_end_padded(&b, &p).code, ZC_OK);
    assert_fails(br_switch_build_end(&b, &m), ZC_ERR_MALFORMED, "br_switch.body");

    br_cases_builder c;   /* length derived from the switch, then half checked */
    br_cases_mview cm;
    br_cases_build(&c, buf, sizeof buf);
    ck_assert_int_eq(br_cases_put_type(&c, 1).code, ZC_OK);
    ck_assert_int_eq(br_cases_begin_padded(&c, &p).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_data(&p, "xy", 2).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_padding(&p, "\0", 1).code, ZC_OK);
    ck_assert_int_eq(br_cases_end_padded(&c, &p).code, ZC_OK);
    ck_assert_int_eq(br_cases_put_after(&c, 0x55).code, ZC_OK);
    ck_assert_int_eq(br_cases_build_end(&c, &cm).code, ZC_OK);
    assert_bytes(buf, cm.v.zc_len, (const uint8_t *)"\x01\x04\x01xy\0\x55", 7);

    /* all[remaining] in a case of a switch with a length: the switch's */
    br_cases_build(&c, buf, sizeof buf);
    ck_assert_int_eq(br_cases_put_type(&c, 2).code, ZC_OK);
    ck_assert_int_eq(br_cases_put_all(&c, "abc", 3).code, ZC_OK);
    ck_assert_int_eq(br_cases_put_after(&c, 7).code, ZC_OK);
    ck_assert_int_eq(br_cases_build_end(&c, &cm).code, ZC_OK);
    assert_bytes(buf, cm.v.zc_len, (const uint8_t *)"\x02\x03" "abc" "\x07", 6);
}
END_TEST

START_TEST(nested_last)
{
    uint8_t buf[16];
    br_outer_builder b;
    br_outer_mview m;
    br_padded_builder p;

    br_outer_build(&b, buf, sizeof buf);
    ck_assert_int_eq(br_outer_put_version(&b, 4).code, ZC_OK);
    ck_assert_int_eq(br_outer_begin_inner(&b, &p).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_data(&p, "ok", 2).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_padding(&p, "\0\0", 2).code, ZC_OK);
    ck_assert_int_eq(br_outer_end_inner(&b, &p).code, ZC_OK);
    ck_assert_int_eq(br_outer_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"\x04\x02ok\0\0", 6);

    /* the nested builder's failure is the parent's, where it starts */
    static uint8_t pad[300];
    uint8_t big[400];
    br_outer_build(&b, big, sizeof big);
    ck_assert_int_eq(br_outer_begin_inner(&b, &p).code, ZC_OK);
    ck_assert_int_eq(br_padded_put_padding(&p, pad, sizeof pad).code, ZC_OK);
    zc_status st = br_outer_end_inner(&b, &p);
    ck_assert_int_eq(st.code, ZC_ERR_RANGE);
    ck_assert_int_eq(br_outer_build_end(&b, &m).code, ZC_ERR_RANGE);
}
END_TEST

START_TEST(nested_by_default_is_settled)
{
    uint8_t *buf = block(2);
    br_holder_builder b;
    br_holder_mview m;
    br_plus_builder p;

    br_holder_build(&b, buf, 2);   /* plus not begun: placed, then settled */
    ck_assert_int_eq(br_holder_put_kind(&b, 3).code, ZC_OK);
    ck_assert_int_eq(br_holder_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, (const uint8_t *)"\x03\x01", 2);
    free(buf);

    uint8_t big[16];   /* begun: the same rule, extra = padding + 1 */
    br_holder_build(&b, big, sizeof big);
    ck_assert_int_eq(br_holder_begin_plus(&b, &p).code, ZC_OK);
    ck_assert_int_eq(br_plus_put_data(&p, "ab", 2).code, ZC_OK);
    ck_assert_int_eq(br_plus_put_padding(&p, "\0\0", 2).code, ZC_OK);
    ck_assert_int_eq(br_holder_end_plus(&b, &p).code, ZC_OK);
    ck_assert_int_eq(br_holder_build_end(&b, &m).code, ZC_OK);
    assert_bytes(big, m.v.zc_len, (const uint8_t *)"\x00\x03" "ab\0\0", 6);
}
END_TEST

/* ---- 6. HTTP/2 frames, laid out from RFC 9113 -------------------------------- */

/* DATA on stream 1, PADDED and END_STREAM, "hello" and 3 bytes of padding
   (6.1): length 9 = 1 + 5 + 3, type 0, flags 0x09. */
static const uint8_t data_frame[] = {
    0x00, 0x00, 0x09, 0x00, 0x09, 0x00, 0x00, 0x00, 0x01,
    0x03, 'h', 'e', 'l', 'l', 'o', 0x00, 0x00, 0x00,
};

START_TEST(http2_padded_data)
{
    uint8_t *buf = block(sizeof data_frame);
    http2_builder b;
    http2_data_builder d;
    http2_mview m;

    http2_build(&b, buf, sizeof data_frame);
    ck_assert_int_eq(http2_put_type(&b, HTTP2_TYPE_DATA).code, ZC_OK);
    ck_assert_int_eq(http2_put_padded(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_put_end_stream_ack(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_put_stream_id(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_begin_data(&b, &d).code, ZC_OK);
    ck_assert_int_eq(http2_data_put_data(&d, "hello", 5).code, ZC_OK);
    ck_assert_int_eq(http2_data_put_padding(&d, "\0\0\0", 3).code, ZC_OK);
    ck_assert_int_eq(http2_end_data(&b, &d).code, ZC_OK);
    ck_assert_int_eq(http2_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, data_frame, sizeof data_frame);

    http2_view v;   /* and it frames as one frame of a stream */
    ck_assert_int_eq(http2_parse(&v, buf, sizeof data_frame).code, ZC_OK);
    http2_data_view dv;
    ck_assert(http2_data(v, &dv));
    ck_assert_uint_eq(http2_data_pad_length(dv), 3);
    ck_assert_uint_eq(http2_data_data(dv).len, 5);

    /* without PADDED, padding cannot be said: refused, naming data */
    http2_build(&b, buf, sizeof data_frame);
    ck_assert_int_eq(http2_put_type(&b, HTTP2_TYPE_DATA).code, ZC_OK);
    ck_assert_int_eq(http2_begin_data(&b, &d).code, ZC_OK);
    ck_assert_int_eq(http2_data_put_data(&d, "hello", 5).code, ZC_OK);
    ck_assert_int_eq(http2_data_put_padding(&d, "\0", 1).code, ZC_OK);
    zc_status st = http2_end_data(&b, &d);
    assert_fails(st, ZC_ERR_MALFORMED, "http2_data.data");
    ck_assert_uint_eq(st.offset, 9);   /* from the frame's start */
    ck_assert_int_eq(http2_build_end(&b, &m).code, ZC_ERR_MALFORMED);
    free(buf);
}
END_TEST

/* HEADERS on stream 3, END_HEADERS | PADDED | PRIORITY (0x2c): pad length
   2, exclusive dependency on stream 1, weight 15, the fragment 82 86 84
   (6.2): length 1 + 5 + 3 + 2 = 11. */
static const uint8_t headers_frame[] = {
    0x00, 0x00, 0x0b, 0x01, 0x2c, 0x00, 0x00, 0x00, 0x03,
    0x02, 0x80, 0x00, 0x00, 0x01, 0x0f, 0x82, 0x86, 0x84, 0x00, 0x00,
};

START_TEST(http2_headers_padding_priority)
{
    uint8_t *buf = block(sizeof headers_frame);
    http2_builder b;
    http2_headers_builder h;
    http2_priority_builder p;
    http2_mview m;

    http2_build(&b, buf, sizeof headers_frame);
    ck_assert_int_eq(http2_put_type(&b, HTTP2_TYPE_HEADERS).code, ZC_OK);
    ck_assert_int_eq(http2_put_priority_flag(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_put_padded(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_put_end_headers(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_put_stream_id(&b, 3).code, ZC_OK);
    ck_assert_int_eq(http2_begin_headers(&b, &h).code, ZC_OK);
    ck_assert_int_eq(http2_headers_begin_priority(&h, &p).code, ZC_OK);
    ck_assert_int_eq(http2_priority_put_exclusive(&p, 1).code, ZC_OK);
    ck_assert_int_eq(http2_priority_put_stream_dependency(&p, 1).code, ZC_OK);
    ck_assert_int_eq(http2_priority_put_weight(&p, 15).code, ZC_OK);
    ck_assert_int_eq(http2_headers_end_priority(&h, &p).code, ZC_OK);
    ck_assert_int_eq(http2_headers_put_header_block_fragment(&h, "\x82\x86\x84", 3).code, ZC_OK);
    ck_assert_int_eq(http2_headers_put_padding(&h, "\0\0", 2).code, ZC_OK);
    ck_assert_int_eq(http2_end_headers(&b, &h).code, ZC_OK);
    ck_assert_int_eq(http2_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, headers_frame, sizeof headers_frame);
    free(buf);
}
END_TEST

/* PUSH_PROMISE on stream 1, END_HEADERS | PADDED (0x0c): pad length 1,
   promised stream 2, fragment 82 (6.6): length 1 + 4 + 1 + 1 = 7. */
static const uint8_t push_frame[] = {
    0x00, 0x00, 0x07, 0x05, 0x0c, 0x00, 0x00, 0x00, 0x01,
    0x01, 0x00, 0x00, 0x00, 0x02, 0x82, 0x00,
};

START_TEST(http2_push_promise_padded)
{
    uint8_t *buf = block(sizeof push_frame);
    http2_builder b;
    http2_push_promise_builder pp;
    http2_mview m;

    http2_build(&b, buf, sizeof push_frame);
    ck_assert_int_eq(http2_put_type(&b, HTTP2_TYPE_PUSH_PROMISE).code, ZC_OK);
    ck_assert_int_eq(http2_put_padded(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_put_end_headers(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_put_stream_id(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_begin_push_promise(&b, &pp).code, ZC_OK);
    ck_assert_int_eq(http2_push_promise_put_promised_stream_id(&pp, 2).code, ZC_OK);
    ck_assert_int_eq(http2_push_promise_put_header_block_fragment(&pp, "\x82", 1).code, ZC_OK);
    ck_assert_int_eq(http2_push_promise_put_padding(&pp, "\0", 1).code, ZC_OK);
    ck_assert_int_eq(http2_end_push_promise(&b, &pp).code, ZC_OK);
    ck_assert_int_eq(http2_build_end(&b, &m).code, ZC_OK);
    assert_bytes(buf, m.v.zc_len, push_frame, sizeof push_frame);

    /* one byte less: no space, nothing past the block */
    http2_build(&b, buf, sizeof push_frame - 1);
    ck_assert_int_eq(http2_put_type(&b, HTTP2_TYPE_PUSH_PROMISE).code, ZC_OK);
    ck_assert_int_eq(http2_put_padded(&b, 1).code, ZC_OK);
    ck_assert_int_eq(http2_begin_push_promise(&b, &pp).code, ZC_OK);
    ck_assert_int_eq(http2_push_promise_put_promised_stream_id(&pp, 2).code, ZC_OK);
    ck_assert_int_eq(http2_push_promise_put_header_block_fragment(&pp, "\x82", 1).code, ZC_OK);
    ck_assert_int_eq(http2_push_promise_put_padding(&pp, "\0", 1).code, ZC_ERR_SPACE);
    ck_assert_int_eq(http2_end_push_promise(&b, &pp).code, ZC_ERR_SPACE);
    ck_assert_int_eq(http2_build_end(&b, &m).code, ZC_ERR_SPACE);
    free(buf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("build_remaining");
    TCase *tc = tcase_create("build_remaining");
    tcase_add_test(tc, padded_derives_pad_length);
    tcase_add_test(tc, padded_no_padding_and_all_padding);
    tcase_add_test(tc, padded_too_much_padding);
    tcase_add_test(tc, padded_order_and_space);
    tcase_add_test(tc, param_absent_pad_length_is_checked);
    tcase_add_test(tc, reserve_parameter_checks_the_size);
    tcase_add_test(tc, tail_leaves_its_bytes);
    tcase_add_test(tc, bounded_constraint_checked_at_the_end);
    tcase_add_test(tc, pairs_counted_and_by_bytes);
    tcase_add_test(tc, switch_length_and_cases);
    tcase_add_test(tc, nested_last);
    tcase_add_test(tc, nested_by_default_is_settled);
    tcase_add_test(tc, http2_padded_data);
    tcase_add_test(tc, http2_headers_padding_priority);
    tcase_add_test(tc, http2_push_promise_padded);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
