/*
 * uses.c - calls both names of every clash the zoo's names_*.zc schemas
 * resolve (docs/generated-api.md, "Names"): the accessor that gave way
 * (S_get_F) and the name it gave way to (an enum type, S_frame(), another
 * field's S_has_F(), S_F_count(), ...), and checks their values on one
 * message of each struct. run.sh compiles it with gcc and clang as C99,
 * C11 and C++17 under the strict flags, and runs it.
 */
#include "names_enum_field.zc.h"
#include "names_struct_fns.zc.h"
#include "names_siblings.zc.h"
#include "names_cross.zc.h"
#include "names_import.zc.h"
#include "names_fuzz_locals.zc.h"
#include "rtp.zc.h"

#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond) check((cond) ? 1 : 0, #cond, __LINE__)

static void check(int ok, const char *what, int line)
{
    if (!ok) {
        failures++;
        printf("uses.c:%d: FAILED: %s\n", line, what);
        fflush(stdout);
    }
}

static void count_field(void *ctx, const zc_field *fld)
{
    (void)fld;
    ++*(int *)ctx;
}

/* enum nef_mode beside field nef.mode, and the rest of names_enum_field.zc */
static void enum_field(void)
{
    static const uint8_t pkt[] = { 0x03, 0x01, 0x11, 0x01, 0x22, 0x01, 0x01, 0x33, 0x01, 0x44, 0x00 };
    uint8_t copy[sizeof pkt], out[16];
    nef_view v;
    nef_mview m;
    nef_elem_iter it;
    nef_elem_view e;
    nef_hdr_builder b;
    nef_hdr_mview hdrm;
    nef_mode mode;

    CHECK(nef_parse(&v, pkt, sizeof pkt).code == ZC_OK);
    mode = nef_get_mode(v);                      /* the enum type, and the accessor that gave way */
    CHECK(mode == NEF_MODE_CLIENT);
    CHECK(strcmp(nef_mode_name(mode), "CLIENT") == 0);
    CHECK(nef_get_kind(v) == NEF_KIND_SHORT);
    CHECK(strcmp(nef_kind_name(nef_get_kind(v)), "SHORT") == 0);
    CHECK(nef_get_kind_name(v) == 0x11);         /* field kind_name beside nef_kind_name() */
    CHECK(nef_hdr_get_mode(nef_hdr(v)) == NEF_HDR_MODE_FANCY);
    CHECK(nef_hdr_x(nef_hdr(v)) == 0x22);
    it = nef_elems(v);
    CHECK(nef_elem_next(&it, &e) && nef_elem_get_tag(e) == NEF_ELEM_TAG_T1 && nef_elem_v(e) == 0x33);
    CHECK(nef_has_flag(v) && nef_get_flag(v) == NEF_FLAG_ON);
    CHECK(!nef_has_opt(v));
    CHECK(nef_d(v).len == 1 && nef_d(v).ptr[0] == 0x44);
    CHECK(nef_get_last(v) == NEF_LAST_END);

    memcpy(copy, pkt, sizeof pkt);
    CHECK(nef_parse_mut(&m, copy, sizeof copy).code == ZC_OK);
    CHECK(nef_set_mode(m, NEF_MODE_SERVER).code == ZC_OK);
    CHECK(nef_get_mode(m.v) == NEF_MODE_SERVER);
    nef_set_kind_name(m, 0x55);
    CHECK(nef_get_kind_name(m.v) == 0x55);

    nef_hdr_build(&b, out, sizeof out);
    CHECK(nef_hdr_put_mode(&b, NEF_HDR_MODE_FANCY).code == ZC_OK);
    CHECK(nef_hdr_put_x(&b, 0x66).code == ZC_OK);
    CHECK(nef_hdr_build_end(&b, &hdrm).code == ZC_OK);
    CHECK(nef_hdr_get_mode(hdrm.v) == NEF_HDR_MODE_FANCY && hdrm.v.zc_len == 2);
}

/* fields named view, mview, build, iter, visit, frame, next, builder,
   writable, parse, parse_mut, parse_deep, build_end, bytes, bytes_mut,
   iter_bytes; nsf_zc's d, f, deep */
static void struct_fns(void)
{
    static const uint8_t pkt[] = { 0x01, 0xab, 0x05, 0x01, 0x06, 0x00, 0x00, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
                                   0x0d, 0x0e, 0x0f };
    static const uint8_t zmsg[] = { 0x01, 0x02, 0x03 };
    uint8_t copy[sizeof pkt];
    nsf_view v, deep;
    nsf_mview m;
    nsf_el_view e;
    nsf_el_mview em;
    nsf_zc_view z;
    zc_frame fr;
    int fields = 0;

    CHECK(nsf_parse(&v, pkt, sizeof pkt).code == ZC_OK);
    CHECK(nsf_parse_deep(&deep, pkt, sizeof pkt).code == ZC_OK);
    fr = nsf_frame(pkt, sizeof pkt);
    CHECK(fr.state == ZC_FRAME_COMPLETE && fr.size == sizeof pkt);
    nsf_visit(v, count_field, &fields);
    CHECK(fields > 10);
    CHECK(nsf_get_view(v) == 1);
    CHECK(nsf_get_mview(v) == 0xab && nsf_hi(v) == 0xa && nsf_lo(v) == 0xb);
    CHECK(nsf_el_a(nsf_get_build(v)) == 5);
    CHECK(nsf_get_iter_count(v) == 1);
    CHECK(nsf_get_iter_at(v, 0, &e) && nsf_el_a(e) == 6);
    {
        nsf_el_iter it = nsf_get_iter(v);
        CHECK(nsf_el_next(&it, &e) && nsf_el_a(e) == 6 && !nsf_el_next(&it, &e));
    }
    CHECK(nsf_has_frame(v) && nsf_get_frame(v) == 7);
    CHECK(nsf_has_builder(v) && nsf_get_builder(v) == 8);
    CHECK(nsf_get_parse(v).len == 1 && nsf_get_parse(v).ptr[0] == 9);
    CHECK(nsf_get_parse_mut(v) == 0x0a && nsf_get_parse_deep(v) == 0x0b && nsf_get_build_end(v) == 0x0c);
    CHECK(nsf_get_bytes(v) == 0x0d && nsf_get_bytes_mut(v) == 0x0e && nsf_get_iter_bytes(v) == 0x0f);
    CHECK(nsf_bytes(v).ptr == pkt && nsf_bytes(v).len == sizeof pkt);
    CHECK(nsf_bytes_after_n(v).ptr == pkt + 4);
    CHECK(nsf_get_next(v).len == 1 && nsf_get_next(v).ptr[0] == 8);   /* the switch 'next': its bytes */
    {
        nsf_iter it = nsf_iter_bytes(nsf_bytes(v));
        nsf_view one;
        CHECK(nsf_next(&it, &one) && one.zc_len == sizeof pkt && !nsf_next(&it, &one));
    }

    memcpy(copy, pkt, sizeof pkt);
    CHECK(nsf_parse_mut(&m, copy, sizeof copy).code == ZC_OK);
    nsf_fill_visit(m);
    CHECK(nsf_get_visit_ok(m.v));
    CHECK(zc_be16toh(nsf_get_visit(m.v)) != 0);
    em = nsf_get_build_mut(m);
    nsf_el_set_a(em, 0x55);
    CHECK(nsf_el_a(nsf_get_build(m.v)) == 0x55);
    CHECK(nsf_set_frame(m, 0x70).code == ZC_OK && nsf_get_frame(m.v) == 0x70);
    CHECK(nsf_bytes_mut(m).ptr == copy && nsf_get_next_mut(m).ptr == copy + 8);
    CHECK(nsf_writable(v, (void *)copy, sizeof copy, &m) == 0);   /* v is not inside copy */

    CHECK(nsf_zc_parse(&z, zmsg, sizeof zmsg).code == ZC_OK);
    CHECK(nsf_zc_get_d(z) == 1 && nsf_zc_get_f(z) == 2 && nsf_zc_get_deep(z) == 3);
}

/* x_count, x_at, has_o, set_y, put_y, z_mut, begin_z, end_z, open_w,
   commit_w, c_ok, fill_c beside x, o, y, z, w and c */
static void siblings(void)
{
    static const uint8_t pkt[] = { 0x11, 0x12, 0x02, 0x21, 0x22, 0x23, 0x24, 0x13, 0x14, 0x15, 0x16, 0x17,
                                   0x31, 0x32, 0x18, 0x19, 0x1a, 0x01, 0x1b, 0x1c, 0x41, 0x01, 0x42, 0x43,
                                   0x51, 0x52, 0x00, 0x00, 0x1d, 0x1e };
    uint8_t copy[sizeof pkt];
    nsb_view v;
    nsb_mview m;
    nsb_el_view e;
    nsb_in_view in;

    CHECK(nsb_parse(&v, pkt, sizeof pkt).code == ZC_OK);
    CHECK(nsb_get_x_count(v) == 0x11 && nsb_x_count(v) == 2);
    CHECK(nsb_get_x_at(v) == 0x12 && nsb_x_at(v, 1, &e) && nsb_el_b(e) == 0x24);
    CHECK(nsb_get_has_o(v) == 0x13 && nsb_has_o(v) && nsb_o(v) == 0x14);
    CHECK(nsb_get_set_y(v) == 0x15 && nsb_get_put_y(v) == 0x16 && nsb_y(v) == 0x17);
    CHECK(nsb_el_a(nsb_z(v)) == 0x31 && nsb_get_z_mut(v) == 0x18);
    CHECK(nsb_get_begin_z(v) == 0x19 && nsb_get_end_z(v) == 0x1a);
    CHECK(nsb_get_open_w(v) == 0x1b && nsb_get_commit_w(v) == 0x1c && nsb_w(v).ptr[0] == 0x41);
    in = nsb_in(v);
    CHECK(nsb_in_get_has_q(in) == 1 && nsb_in_has_q(in) && nsb_in_q(in) == 0x42 && nsb_in_get_set_q(in) == 0x43);
    CHECK(!nsb_has_inner(v) && nsb_has_rest(v) && nsb_rest(v).len == 2);
    CHECK(nsb_get_c_ok(v) == 0x1d && nsb_get_fill_c(v) == 0x1e);

    memcpy(copy, pkt, sizeof pkt);
    CHECK(nsb_parse_mut(&m, copy, sizeof copy).code == ZC_OK);
    nsb_set_y(m, 0x77);
    nsb_set_set_y(m, 0x78);
    CHECK(nsb_y(m.v) == 0x77 && nsb_get_set_y(m.v) == 0x78);
    nsb_el_set_a(nsb_z_mut(m), 0x79);
    nsb_set_z_mut(m, 0x7a);
    CHECK(nsb_el_a(nsb_z(m.v)) == 0x79 && nsb_get_z_mut(m.v) == 0x7a);
    nsb_fill_c(m);
    CHECK(nsb_c_ok(m.v) && nsb_get_c_ok(m.v) == 0x1d);
    nsb_set_c_ok(m, 0x7b);
    CHECK(!nsb_c_ok(m.v) && nsb_get_c_ok(m.v) == 0x7b);
}

/* names of one struct that are another's: ncr_a.b_c and ncr_a_b.c, ... */
static void cross(void)
{
    static const uint8_t pkt[] = { 0x01, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b };
    uint8_t copy[sizeof pkt];
    ncr_tcp_view v;
    ncr_tcp_mview m;
    ncr_tcp_option_view o;
    ncr_a_view av;
    ncr_ip_view ip;
    ncr_ip_v4_mview v4m;

    CHECK(ncr_tcp_parse(&v, pkt, sizeof pkt).code == ZC_OK);
    CHECK(ncr_tcp_get_option_kind(v) == 1);
    CHECK(ncr_tcp_option_count(v) == 1 && ncr_tcp_option_at(v, 0, &o) && ncr_tcp_option_kind(o) == 2 &&
          ncr_tcp_option_val(o) == 3);
    av = ncr_tcp_a(v);
    CHECK(ncr_a_get_b_c(av) == 4 && ncr_a_get_b_view(av) == 5);
    CHECK(ncr_a_b_c(ncr_a_b(av)) == 6 && ncr_a_b_d(ncr_a_b(av)) == 7);
    ip = ncr_tcp_ip(v);
    CHECK(ncr_ip_get_v4_parse(ip) == 8 && ncr_ip_get_v4_ttl(ip) == 0x0b);
    CHECK(ncr_ip_v4_ttl(ncr_ip_v4(ip)) == 9 && ncr_ip_v4_get_mut(ncr_ip_v4(ip)) == 0x0a);

    memcpy(copy, pkt, sizeof pkt);
    CHECK(ncr_tcp_parse_mut(&m, copy, sizeof copy).code == ZC_OK);
    v4m = ncr_ip_v4_mut(ncr_tcp_ip_mut(m));      /* the mutable view of ncr_ip.v4 */
    ncr_ip_v4_set_mut(v4m, 0x40);                /* the setter of ncr_ip_v4.mut */
    CHECK(ncr_ip_v4_get_mut(ncr_ip_v4(ncr_tcp_ip(m.v))) == 0x40);
}

/* an importer's accessor gives way to the imported schema's */
static void import_names(void)
{
    static const uint8_t pkt[] = { 0x01, 0x02, 0x03 };
    nim_base_view v;

    CHECK(nim_base_parse(&v, pkt, sizeof pkt).code == ZC_OK);
    CHECK(nim_base_get_x(v) == 1);
    CHECK(nim_base_x(nim_base_b(v)) == 2 && nim_y(nim_base_b(v)) == 3);
}

/* enums named like the fuzz target's locals are ordinary enums here */
static void fuzz_locals(void)
{
    static const uint8_t pkt[] = { 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 };
    nfl_view v;

    CHECK(nfl_parse(&v, pkt, sizeof pkt).code == ZC_OK);
    CHECK(nfl_cd(v) == CODE_C1 && nfl_has_opt(v) && nfl_opt(v) == CODE_C1);
    CHECK(strcmp(code_name(nfl_cd(v)), "C1") == 0);
}

/* tests/names/rtp_names.zc: the RTP header with RFC 3550's names (schemas/rtp.zc has a trailer, hence no builder) */
static void rtp_names(void)
{
    static const uint8_t pkt[] = { 0x82, 0xe0, 0x00, 0x02, 0x00, 0x00, 0x01, 0x40, 0x11, 0x22, 0x33, 0x44,
                                   0xa1, 0xa2, 0xa3, 0xa4, 0xb1, 0xb2, 0xb3, 0xb4, 0x55 };
    uint8_t copy[sizeof pkt], out[64];
    rtp_view v;
    rtp_mview m;
    rtp_csrc_view c;
    rtp_builder b;
    rtp_mview hdrm;

    CHECK(rtp_parse(&v, pkt, sizeof pkt).code == ZC_OK);
    CHECK((int)rtp_get_payload_type(v) == 96 && rtp_payload_type_name(rtp_get_payload_type(v)) == NULL);
    CHECK(rtp_get_csrc_count(v) == 2 && rtp_csrc_count(v) == 2);
    CHECK(rtp_csrc_at(v, 1, &c) && zc_be32toh(rtp_csrc_id(c)) == 0xb1b2b3b4u);
    CHECK(rtp_marker(v) == 1 && rtp_payload(v).len == 1);

    memcpy(copy, pkt, sizeof pkt);
    CHECK(rtp_parse_mut(&m, copy, sizeof copy).code == ZC_OK);
    CHECK(rtp_set_payload_type(m, RTP_PAYLOAD_TYPE_PCMA).code == ZC_OK);
    CHECK(rtp_get_payload_type(m.v) == RTP_PAYLOAD_TYPE_PCMA);
    CHECK(strcmp(rtp_payload_type_name(rtp_get_payload_type(m.v)), "PCMA") == 0);

    rtp_build(&b, out, sizeof out);
    CHECK(rtp_put_payload_type(&b, RTP_PAYLOAD_TYPE_G722).code == ZC_OK);
    CHECK(rtp_put_payload(&b, pkt, 3).code == ZC_OK);
    CHECK(rtp_build_end(&b, &hdrm).code == ZC_OK);
    CHECK(rtp_get_payload_type(hdrm.v) == RTP_PAYLOAD_TYPE_G722 && rtp_get_csrc_count(hdrm.v) == 0 &&
          rtp_version(hdrm.v) == 2 && hdrm.v.zc_len == 15);
}

int main(void)
{
    enum_field();
    struct_fns();
    siblings();
    cross();
    import_names();
    fuzz_locals();
    rtp_names();
    printf("uses: %d failed\n", failures);
    return failures != 0;
}
