/*
 * test_params.c - structs with parameters (issue #18 item 3) and header-only
 * views (item 13) through the bundled schemas that use them: bgp.zc (the AS
 * number width), rtcp.zc (report counts), icmpv4.zc (ipv4 original @head).
 *
 *   - arguments out of a parameter's range are ZC_ERR_RANGE, ones failing
 *     its constraint ZC_ERR_CONSTRAINT, both naming the parameter;
 *   - the same AS_PATH bytes read with 2- and 4-octet AS numbers, the view
 *     and the iterators keeping the width;
 *   - a builder given the width puts a nested segment whose size follows
 *     from it, and the message rebuilds byte-identical;
 *   - an ICMP error's quoted header: the payload holds what is there, its
 *     declared length what the quoted total_length says.
 */
#include <check.h>
#include <string.h>

#include "bgp.zc.h"
#include "icmpv4.zc.h"
#include "rtcp.zc.h"

/* An UPDATE with one AS_PATH attribute: an AS_SEQUENCE of 2 AS numbers of
   4 octets (8 bytes); read with 2 octets, the second segment is bad. */
static const uint8_t update[] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x00, 0x24, 0x02,             /* length 36, UPDATE */
    0x00, 0x00,                   /* no withdrawn routes */
    0x00, 0x0d,                   /* 13 bytes of attributes */
    0x40, 0x02, 0x0a,             /* AS_PATH, 10 bytes */
    0x02, 0x02, 0x00, 0x00, 0xfd, 0xe9, 0xfa, 0x56, 0xea, 0x01,   /* AS_SEQUENCE: 65001, 4200000001 */
};

START_TEST(argument_out_of_range)
{
    bgp_view v;
    zc_status st = bgp_parse(&v, update, sizeof update, 300);

    ck_assert_int_eq(st.code, ZC_ERR_RANGE);
    ck_assert_str_eq(st.field, "bgp.asn_size");
    ck_assert_uint_eq(v.zc_len, 0);
    st = bgp_parse(&v, update, sizeof update, (uint64_t)-1);
    ck_assert_int_eq(st.code, ZC_ERR_RANGE);
    st = bgp_parse(&v, update, sizeof update, 3);
    ck_assert_int_eq(st.code, ZC_ERR_CONSTRAINT);
    ck_assert_str_eq(st.field, "bgp.asn_size");
    st = bgp_parse_deep(&v, update, sizeof update, 256);
    ck_assert_int_eq(st.code, ZC_ERR_RANGE);
}
END_TEST

/* The width travels from bgp_parse() to the segments' accessors. */
static size_t first_segment_asns(bgp_view v, uint8_t *count)
{
    bgp_update_view u;
    bgp_path_attr_view a;
    bgp_as_path_segment_view s;
    bgp_path_attr_iter attrs;
    bgp_as_path_segment_iter segs;

    ck_assert(bgp_update(v, &u));
    attrs = bgp_update_attrs(u);
    ck_assert(bgp_path_attr_next(&attrs, &a));
    ck_assert_uint_eq(a.zc_p_asn_size, v.zc_p_asn_size);
    segs = bgp_path_attr_as_path(a);
    ck_assert(bgp_as_path_segment_next(&segs, &s));
    *count = bgp_as_path_segment_count(s);
    return bgp_as_path_segment_asns(s).len;
}

START_TEST(width_in_views_and_iterators)
{
    bgp_view v;
    uint8_t count = 0;

    ck_assert_int_eq(bgp_parse_deep(&v, update, sizeof update, 4).code, ZC_OK);
    ck_assert_uint_eq(v.zc_p_asn_size, 4);
    ck_assert_uint_eq(first_segment_asns(v, &count), 8);
    ck_assert_uint_eq(count, 2);
    /* 2-octet AS numbers: the first segment is 6 bytes, and the second
       one's type (0xfa) fails its constraint */
    ck_assert_int_eq(bgp_parse_deep(&v, update, sizeof update, 2).code, ZC_ERR_CONSTRAINT);
}
END_TEST

/* Builds the UPDATE above with the builders: the segment builder gets the
   width from bgp_build() through the nested begins. */
START_TEST(builder_passes_arguments)
{
    uint8_t buf[64];
    bgp_builder b;
    bgp_update_builder u;
    bgp_path_attr_builder a;
    bgp_as_path_segment_builder s;
    bgp_mview out;
    static const uint8_t asns[8] = { 0x00, 0x00, 0xfd, 0xe9, 0xfa, 0x56, 0xea, 0x01 };

    bgp_build(&b, buf, sizeof buf, 4);   /* the marker is a constant: the builder writes it */
    ck_assert_int_eq(bgp_put_type(&b, BGP_MSG_TYPE_UPDATE).code, ZC_OK);
    ck_assert_int_eq(bgp_begin_update(&b, &u).code, ZC_OK);
    ck_assert_uint_eq(u.m.v.zc_p_asn_size, 4);
    ck_assert_int_eq(bgp_update_begin_attrs(&u, &a).code, ZC_OK);
    ck_assert_uint_eq(a.m.v.zc_p_asn_size, 4);
    ck_assert_int_eq(bgp_path_attr_put_transitive(&a, 1).code, ZC_OK);
    ck_assert_int_eq(bgp_path_attr_put_type(&a, BGP_ATTR_TYPE_AS_PATH).code, ZC_OK);
    /* two lengths, one of them absent: the builder does not derive them */
    ck_assert_int_eq(bgp_path_attr_put_length(&a, 10).code, ZC_OK);
    ck_assert_int_eq(bgp_path_attr_begin_as_path(&a, &s).code, ZC_OK);
    ck_assert_uint_eq(s.m.v.zc_p_asn_size, 4);
    ck_assert_int_eq(bgp_as_path_segment_put_type(&s, 2).code, ZC_OK);
    ck_assert_int_eq(bgp_as_path_segment_put_count(&s, 2).code, ZC_OK);
    ck_assert_int_eq(bgp_as_path_segment_put_asns(&s, asns, sizeof asns).code, ZC_OK);
    ck_assert_int_eq(bgp_path_attr_end_as_path(&a, &s).code, ZC_OK);
    ck_assert_int_eq(bgp_update_end_attrs(&u, &a).code, ZC_OK);
    ck_assert_int_eq(bgp_end_update(&b, &u).code, ZC_OK);
    ck_assert_int_eq(bgp_build_end(&b, &out).code, ZC_OK);
    ck_assert_uint_eq(out.v.zc_len, sizeof update);
    ck_assert_mem_eq(buf, update, sizeof update);
    ck_assert_uint_eq(out.v.zc_p_asn_size, 4);

    /* a width out of range fails the build, with a status */
    bgp_build(&b, buf, sizeof buf, 1000);
    ck_assert_int_eq(bgp_build_end(&b, &out).code, ZC_ERR_RANGE);
}
END_TEST

/* RTCP: the header's count is the report blocks' count. */
START_TEST(rtcp_count_parameter)
{
    static const uint8_t rr[] = {
        0x81, 0xc9, 0x00, 0x07,   /* V=2, RC=1, RR, 8 words */
        0xbb, 0xbb, 0x00, 0x01,   /* SSRC */
        0x33, 0x33, 0x33, 0x33, 0x10, 0x00, 0x00, 0x05, 0, 1, 0, 0x64, 0, 0, 0, 42, 0, 0, 0, 1, 0, 0, 0, 2,
    };
    uint8_t bad[sizeof rr];
    rtcp_view v;
    rtcp_rr_view r;

    ck_assert_int_eq(rtcp_parse(&v, rr, sizeof rr).code, ZC_OK);
    ck_assert(rtcp_rr(v, &r));
    ck_assert_uint_eq(r.zc_p_rc, 1);
    ck_assert_uint_eq(rtcp_rr_reports_count(r), 1);
    ck_assert_uint_eq(rtcp_rr_ext(r).len, 0);
    memcpy(bad, rr, sizeof rr);
    bad[0] = 0x82;            /* RC=2: one block in the length */
    ck_assert_int_eq(rtcp_parse(&v, bad, sizeof bad).code, ZC_ERR_TRUNCATED);
}
END_TEST

/* ICMP port unreachable quoting an IPv4/UDP header and 8 bytes. */
START_TEST(icmp_quoted_header)
{
    static const uint8_t err[] = {
        0x03, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x45, 0x00, 0x00, 0x30, 0x12, 0x34, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00,
        0xc0, 0x00, 0x02, 0x02, 0xc6, 0x33, 0x64, 0x07,
        0x82, 0x9a, 0x82, 0x9b, 0x00, 0x1c, 0x0e, 0x39,
    };
    icmpv4_error_view v;
    ipv4_head_view h;

    ck_assert_int_eq(icmpv4_error_parse(&v, err, sizeof err).code, ZC_OK);
    h = icmpv4_error_original(v);
    ck_assert_uint_eq(ipv4_head_ihl(h), 5);
    ck_assert_uint_eq(zc_be16toh(ipv4_head_total_length(h)), 48);
    ck_assert_uint_eq(ipv4_head_payload(h).len, 8);
    ck_assert_int_eq(ipv4_head_payload_declared(h), 28);
    /* cut inside the quoted header: truncated, named in ipv4_head */
    {
        zc_status st = icmpv4_error_parse(&v, err, 8 + 12);
        ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
        ck_assert_str_eq(st.field, "ipv4_head.src");
    }
}
END_TEST

static Suite *params_suite(void)
{
    Suite *s = suite_create("params");
    TCase *tc = tcase_create("params");
    tcase_add_test(tc, argument_out_of_range);
    tcase_add_test(tc, width_in_views_and_iterators);
    tcase_add_test(tc, builder_passes_arguments);
    tcase_add_test(tc, rtcp_count_parameter);
    tcase_add_test(tc, icmp_quoted_header);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(params_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
