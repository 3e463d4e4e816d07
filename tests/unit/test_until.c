/*
 * test_until.c - arrays that end with an element, terminated strings and
 * nested structs with an explicit size (issue #18, items 2, 8, 14), on the
 * bundled mpls.zc, tftp.zc and lldp.zc: statuses of malformed input (the
 * field named, the offset exact), accessors after parse, and builders
 * (derived lengths, terminators appended, an array that does not end where
 * it is closed refused with a status).
 *
 *   test_until
 */
#include <check.h>
#include <string.h>

#include "lldp.zc.h"
#include "mpls.zc.h"
#include "tftp.zc.h"

static char text[256];

static const char *fmt(zc_status st)
{
    zc_status_format(st, text, sizeof text);
    return text;
}

/* ---- MPLS: labels[until bos == 1] ---------------------------------------- */

static const uint8_t mpls_two[] = { 0x00, 0x01, 0x00, 0x40, 0x00, 0x3e, 0x81, 0x3f, 0x45, 0x00 };

START_TEST(t_mpls_stack)
{
    mpls_view v;
    mpls_label_view l;
    ck_assert_int_eq(mpls_parse(&v, mpls_two, sizeof mpls_two).code, ZC_OK);
    ck_assert_uint_eq(mpls_labels_count(v), 2);
    ck_assert(mpls_labels_at(v, 1, &l));
    ck_assert_uint_eq(mpls_label_label(l), 1000);
    ck_assert_uint_eq(mpls_label_bos(l), 1);
    ck_assert(!mpls_labels_at(v, 2, &l));
    ck_assert_uint_eq(mpls_payload(v).len, 2);
    ck_assert_ptr_eq(mpls_payload(v).ptr, mpls_two + 8);
}
END_TEST

START_TEST(t_mpls_malformed)
{
    mpls_view v;
    /* no bottom-of-stack entry before the end: every prefix too */
    static const uint8_t nobos[] = { 0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x00, 0x40 };
    zc_status st = mpls_parse(&v, nobos, sizeof nobos);
    ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
    ck_assert_str_eq(fmt(st), "truncated: mpls.labels at offset 8");
    ck_assert_uint_eq(v.zc_len, 0);
    for (size_t n = 0; n < sizeof mpls_two - 2; n++)
        ck_assert_int_eq(mpls_parse(&v, mpls_two, n).code, ZC_ERR_TRUNCATED);
    st = mpls_parse(&v, mpls_two, 6);
    ck_assert_str_eq(fmt(st), "truncated: mpls_label.label at offset 4");
}
END_TEST

START_TEST(t_mpls_build)
{
    uint8_t buf[64];
    mpls_builder b;
    mpls_mview out;

    /* two labels, the second the bottom: byte-identical to mpls_two */
    mpls_build(&b, buf, sizeof buf);
    ck_assert_int_eq(mpls_put_labels(&b, (mpls_label_view){ mpls_two, 4 }).code, ZC_OK);
    ck_assert_int_eq(mpls_put_labels(&b, (mpls_label_view){ mpls_two + 4, 4 }).code, ZC_OK);
    ck_assert_int_eq(mpls_put_payload(&b, mpls_two + 8, 2).code, ZC_OK);
    ck_assert_int_eq(mpls_build_end(&b, &out).code, ZC_OK);
    ck_assert_uint_eq(out.v.zc_len, sizeof mpls_two);
    ck_assert_mem_eq(buf, mpls_two, sizeof mpls_two);
}
END_TEST

START_TEST(t_mpls_build_refused)
{
    uint8_t buf[64];
    mpls_builder b;
    mpls_mview out;
    zc_status st;

    /* the first label is the bottom, a second follows */
    mpls_build(&b, buf, sizeof buf);
    mpls_put_labels(&b, (mpls_label_view){ mpls_two + 4, 4 });
    mpls_put_labels(&b, (mpls_label_view){ mpls_two, 4 });
    st = mpls_put_payload(&b, mpls_two + 8, 2);
    ck_assert_int_eq(st.code, ZC_ERR_MALFORMED);
    ck_assert_str_eq(fmt(st), "malformed: mpls.labels at offset 4: an element before the last ends the array");
    ck_assert_int_eq(mpls_build_end(&b, &out).code, ZC_ERR_MALFORMED);

    /* no label is the bottom */
    mpls_build(&b, buf, sizeof buf);
    mpls_put_labels(&b, (mpls_label_view){ mpls_two, 4 });
    st = mpls_build_end(&b, &out);
    ck_assert_str_eq(fmt(st), "malformed: mpls.labels at offset 4: terminator missing: the last element does not end the array");

    /* no label at all */
    mpls_build(&b, buf, sizeof buf);
    st = mpls_build_end(&b, &out);
    ck_assert_int_eq(st.code, ZC_ERR_MALFORMED);
}
END_TEST

/* ---- TFTP: u8 x[until 0] ------------------------------------------------- */

static const uint8_t rrq[] = "\x00\x01" "boot.img\0" "octet\0" "blksize\0" "1428\0";

START_TEST(t_tftp_strings)
{
    tftp_view v;
    tftp_request_view r;
    tftp_option_iter it;
    tftp_option_view o;
    zc_bytes b;

    ck_assert_int_eq(tftp_parse_deep(&v, rrq, sizeof rrq - 1).code, ZC_OK);
    ck_assert(tftp_request(v, &r));
    b = tftp_request_filename(r);
    ck_assert_uint_eq(b.len, 8);
    ck_assert_mem_eq(b.ptr, "boot.img", 8);
    ck_assert_uint_eq(b.ptr[b.len], 0);   /* the terminator follows */
    b = tftp_request_mode(r);
    ck_assert_mem_eq(b.ptr, "octet", 5);
    ck_assert_ptr_eq(b.ptr, rrq + 2 + 9);
    it = tftp_request_options(r);
    ck_assert(tftp_option_next(&it, &o));
    ck_assert_mem_eq(tftp_option_value(o).ptr, "1428", 4);
    ck_assert(!tftp_option_next(&it, &o));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
}
END_TEST

START_TEST(t_tftp_malformed)
{
    tftp_view v;
    zc_status st;

    /* cut anywhere inside the two strings: the string cut is named */
    for (size_t n = 2; n < 2 + 9 + 6; n++) {
        st = tftp_parse(&v, rrq, n);
        ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
        ck_assert_uint_eq(st.offset, n);
        ck_assert(strstr(fmt(st), n < 11 ? "tftp_request.filename" : "tftp_request.mode") != NULL);
    }
    /* an option name without its value */
    st = tftp_parse_deep(&v, rrq, sizeof rrq - 1 - 5);
    ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
}
END_TEST

START_TEST(t_tftp_write_and_build)
{
    uint8_t copy[sizeof rrq], buf[64];
    tftp_mview m;
    tftp_request_mview r;
    tftp_builder b;
    tftp_error_builder e;
    tftp_mview out;
    tftp_error_view ev;
    zc_status st;

    memcpy(copy, rrq, sizeof rrq);
    ck_assert_int_eq(tftp_parse_mut(&m, copy, sizeof rrq - 1).code, ZC_OK);
    ck_assert(tftp_request_mut(m, &r));
    ck_assert_int_eq(tftp_request_set_mode(r, "OCTET", 5).code, ZC_OK);
    ck_assert_mem_eq(copy + 11, "OCTET\0", 6);
    st = tftp_request_set_mode(r, "oc\0et", 5);   /* the terminator inside */
    ck_assert_int_eq(st.code, ZC_ERR_RANGE);
    ck_assert_mem_eq(copy + 11, "OCTET\0", 6);   /* nothing written */
    ck_assert_int_eq(tftp_request_set_mode(r, "octets", 6).code, ZC_ERR_SPACE);

    /* an ERROR with its message: the builder appends the NUL */
    tftp_build(&b, buf, sizeof buf);
    tftp_put_opcode(&b, TFTP_OP_ERROR);
    ck_assert_int_eq(tftp_begin_error(&b, &e).code, ZC_OK);
    tftp_error_put_code(&e, zc_htobe16(1));
    ck_assert_int_eq(tftp_error_put_message(&e, "not found", 9).code, ZC_OK);
    ck_assert_int_eq(tftp_end_error(&b, &e).code, ZC_OK);
    ck_assert_int_eq(tftp_build_end(&b, &out).code, ZC_OK);
    ck_assert_uint_eq(out.v.zc_len, 14);
    ck_assert_mem_eq(buf, "\x00\x05\x00\x01not found\0", 14);
    ck_assert(tftp_error(out.v, &ev));
    ck_assert_uint_eq(tftp_error_message(ev).len, 9);

    /* an ERROR whose message is not put: empty, the NUL alone */
    tftp_build(&b, buf, sizeof buf);
    tftp_put_opcode(&b, TFTP_OP_ERROR);
    tftp_begin_error(&b, &e);
    tftp_error_put_code(&e, zc_htobe16(0));
    tftp_end_error(&b, &e);
    ck_assert_int_eq(tftp_build_end(&b, &out).code, ZC_OK);
    ck_assert_uint_eq(out.v.zc_len, 5);

    /* a message holding a NUL is refused */
    tftp_error_build(&e, buf, sizeof buf);
    tftp_error_put_code(&e, zc_htobe16(0));
    ck_assert_int_eq(tftp_error_put_message(&e, "a\0b", 3).code, ZC_ERR_RANGE);
}
END_TEST

/* ---- LLDP: @size(length) ------------------------------------------------- */

START_TEST(t_lldp_sized)
{
    /* chassis ID (MAC), port ID "eth0", TTL 120, End */
    static const uint8_t pdu[] = { 0x02, 0x07, 0x04, 0x02, 0, 0, 0, 0, 0x01, 0x04, 0x05, 0x05,
                                   'e',  't',  'h',  '0',  0x06, 0x02, 0x00, 0x78, 0x00, 0x00 };
    uint8_t bad[sizeof pdu];
    lldp_view v;
    lldp_tlv_iter it;
    lldp_tlv_view t;
    lldp_chassis_id_view c;
    zc_status st;

    ck_assert_int_eq(lldp_parse_deep(&v, pdu, sizeof pdu).code, ZC_OK);
    ck_assert_uint_eq(v.zc_len, sizeof pdu);
    it = lldp_tlvs(v);
    ck_assert(lldp_tlv_next(&it, &t));
    ck_assert(lldp_tlv_chassis_id(t, &c));
    ck_assert_uint_eq(lldp_chassis_id_subtype(c), 4);
    ck_assert_uint_eq(lldp_chassis_id_id(c).len, 6);   /* the rest array ends at @size */
    ck_assert(lldp_tlv_next(&it, &t));
    ck_assert(!lldp_tlv_chassis_id(t, &c));            /* a port ID TLV */

    /* a TTL TLV of 3 bytes: the case does not fill the TLV */
    memcpy(bad, pdu, sizeof pdu);
    bad[17] = 0x03;
    st = lldp_parse(&v, bad, sizeof bad);
    ck_assert_int_eq(st.code, ZC_ERR_MALFORMED);
    /* a chassis ID TLV of length 0: its subtype does not fit */
    memcpy(bad, pdu, sizeof pdu);
    bad[1] = 0x00;
    st = lldp_parse(&v, bad, sizeof bad);
    ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
    ck_assert(strstr(fmt(st), "lldp_chassis_id.subtype") != NULL);
}
END_TEST

START_TEST(t_lldp_build_derives)
{
    uint8_t buf[64];
    lldp_builder b;
    lldp_tlv_builder t;
    lldp_chassis_id_builder c;
    lldp_mview out;
    lldp_tlv_view tv;
    lldp_tlv_iter it;

    lldp_build(&b, buf, sizeof buf);
    ck_assert_int_eq(lldp_begin_tlvs(&b, &t).code, ZC_OK);
    lldp_tlv_put_type(&t, LLDP_TYPE_CHASSIS_ID);
    ck_assert_int_eq(lldp_tlv_begin_chassis_id(&t, &c).code, ZC_OK);
    lldp_chassis_id_put_subtype(&c, 7);
    lldp_chassis_id_put_id(&c, "sw1", 3);
    ck_assert_int_eq(lldp_tlv_end_chassis_id(&t, &c).code, ZC_OK);
    ck_assert_int_eq(lldp_end_tlvs(&b, &t).code, ZC_OK);
    ck_assert_int_eq(lldp_begin_tlvs(&b, &t).code, ZC_OK);   /* End */
    ck_assert_int_eq(lldp_end_tlvs(&b, &t).code, ZC_OK);
    ck_assert_int_eq(lldp_build_end(&b, &out).code, ZC_OK);
    ck_assert_uint_eq(out.v.zc_len, 8);
    ck_assert_mem_eq(buf, "\x02\x04\x07sw1\x00\x00", 8);   /* length 4 derived */
    it = lldp_tlvs(out.v);
    ck_assert(lldp_tlv_next(&it, &tv));
    ck_assert_uint_eq(lldp_tlv_length(tv), 4);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("until");
    TCase *tc = tcase_create("until");
    tcase_add_test(tc, t_mpls_stack);
    tcase_add_test(tc, t_mpls_malformed);
    tcase_add_test(tc, t_mpls_build);
    tcase_add_test(tc, t_mpls_build_refused);
    tcase_add_test(tc, t_tftp_strings);
    tcase_add_test(tc, t_tftp_malformed);
    tcase_add_test(tc, t_tftp_write_and_build);
    tcase_add_test(tc, t_lldp_sized);
    tcase_add_test(tc, t_lldp_build_derives);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
