/*
 * test_write.c - mutable views and setters (issue 4, first part), under
 * ASan+UBSan, on real frames from tests/captures:
 *
 *   - writing every field of a layer with the value it already has leaves
 *     the packet byte-identical; writing a different value changes exactly
 *     that field's bits (positions from *_visit) and reads back;
 *   - bit-field setters refuse values wider than the field, write nothing;
 *   - optional and case fields: setters refuse an absent field;
 *   - byte-array setters copy exactly the field's length, else refuse;
 *   - elements of arrays of structs become writable through NAME_writable,
 *     which refuses a view outside the buffer;
 *   - rewriting addresses, ports and the TTL with the checksums kept right
 *     incrementally (runtime/zerocast_csum.h) gives the checksum a full
 *     recomputation gives.
 *
 * usage: test_write [CAPTURES_DIR]   (default tests/captures)
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frames.h"
#include "packet.zc.h"
#include "zerocast_csum.h"

#define MAX_LAYERS 32

/* The number of bits that differ between a and b, and the first and last
   of them (bit 0 is the MSB of a[0]). */
static size_t differing_bits(const uint8_t *a, const uint8_t *b, size_t n, size_t *first, size_t *last)
{
    size_t count = 0;
    *first = SIZE_MAX;
    *last = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t x = (uint8_t)(a[i] ^ b[i]);
        for (int k = 0; k < 8; k++) {
            if (x & (0x80 >> k)) {
                size_t bit = i * 8 + (size_t)k;
                if (bit < *first)
                    *first = bit;
                *last = bit;
                count++;
            }
        }
    }
    return count;
}

/* ---- IPv4 header: every field ------------------------------------------------ */

/* Sets one field of an IPv4 header to `x` through its setter and checks that
   only the bits [bit_first, bit_first + bits) of the header changed. */
#define CHECK_SET(mv, setter, getter, value, bitpos, nbits)                                      \
    do {                                                                                         \
        uint8_t before_[60];                                                                     \
        size_t f_, l_;                                                                           \
        memcpy(before_, (mv).zc_wbase, hl);                                                      \
        setter;                                                                                  \
        ck_assert_msg((getter) == (value), "%s reads back", #getter);                            \
        size_t n_ = differing_bits(before_, (mv).zc_wbase, hl, &f_, &l_);                        \
        if (n_)                                                                                  \
            ck_assert_msg(f_ >= (size_t)(bitpos) && l_ < (size_t)(bitpos) + (size_t)(nbits),    \
                          "%s wrote bits %zu..%zu, outside %d..%d", #setter, f_, l_, (bitpos),   \
                          (bitpos) + (nbits) - 1);                                               \
    } while (0)

START_TEST(ipv4_every_field)
{
    static const char *const caps[] = { "ipv4-options.pcap", "icmpv4-ping.pcap", "dns-udp.pcap",
                                        "ipv4-flags.pcap", "http-ipv4.pcap" };
    int headers = 0;
    for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
        Frame fr[MAX_FRAMES];
        int nf = load_pcap(caps[c], fr);
        for (int i = 0; i < nf; i++) {
            packet_layer l[MAX_LAYERS];
            size_t n;
            packet_walk(fr[i].data, fr[i].len, PACKET_ETHERNET, l, MAX_LAYERS, &n);
            if (n < 2 || l[1].proto != PACKET_IPV4)
                continue;
            uint8_t *copy = malloc(fr[i].len);
            ck_assert_ptr_nonnull(copy);
            memcpy(copy, fr[i].data, fr[i].len);
            ipv4_mview m;
            ck_assert_int_eq(ipv4_parse_mut(&m, copy + l[1].offset, fr[i].len - l[1].offset).code, ZC_OK);
            size_t hl = (size_t)ipv4_ihl(m.v) * 4;

            /* the same values: byte-identical */
            ck_assert_int_eq(ipv4_set_version(m, ipv4_version(m.v)).code, ZC_OK);
            ck_assert_int_eq(ipv4_set_ihl(m, ipv4_ihl(m.v)).code, ZC_OK);
            ck_assert_int_eq(ipv4_set_dscp(m, ipv4_dscp(m.v)).code, ZC_OK);
            ck_assert_int_eq(ipv4_set_ecn(m, ipv4_ecn(m.v)).code, ZC_OK);
            ipv4_set_total_length(m, ipv4_total_length(m.v));
            ipv4_set_identification(m, ipv4_identification(m.v));
            ck_assert_int_eq(ipv4_set_reserved(m, ipv4_reserved(m.v)).code, ZC_OK);
            ck_assert_int_eq(ipv4_set_dont_fragment(m, ipv4_dont_fragment(m.v)).code, ZC_OK);
            ck_assert_int_eq(ipv4_set_more_fragments(m, ipv4_more_fragments(m.v)).code, ZC_OK);
            ck_assert_int_eq(ipv4_set_fragment_offset(m, ipv4_fragment_offset(m.v)).code, ZC_OK);
            ipv4_set_ttl(m, ipv4_ttl(m.v));
            ck_assert_int_eq(ipv4_set_protocol(m, ipv4_protocol(m.v)).code, ZC_OK);
            ipv4_set_checksum(m, ipv4_checksum(m.v));
            zc_bytes sa = ipv4_addr_octets(ipv4_src(m.v));
            ck_assert_int_eq(ipv4_addr_set_octets(ipv4_src_mut(m), sa.ptr, sa.len).code, ZC_OK);
            ck_assert(memcmp(copy, fr[i].data, fr[i].len) == 0);

            /* different values: only the field's bits change */
            CHECK_SET(m, ipv4_set_dscp(m, (uint8_t)(ipv4_dscp(m.v) ^ 0x2a)), ipv4_dscp(m.v),
                      (uint8_t)(((const uint8_t *)fr[i].data)[l[1].offset + 1] >> 2 ^ 0x2a), 8, 6);
            CHECK_SET(m, ipv4_set_ecn(m, (uint8_t)(3 - ipv4_ecn(m.v))), ipv4_ecn(m.v),
                      (uint8_t)(3 - (((const uint8_t *)fr[i].data)[l[1].offset + 1] & 3)), 14, 2);
            CHECK_SET(m, ipv4_set_fragment_offset(m, 0x1abc), ipv4_fragment_offset(m.v), 0x1abc, 51, 13);
            CHECK_SET(m, ipv4_set_more_fragments(m, 1), ipv4_more_fragments(m.v), 1, 50, 1);
            CHECK_SET(m, ipv4_set_ttl(m, (uint8_t)(ipv4_ttl(m.v) - 1)), ipv4_ttl(m.v),
                      (uint8_t)(((const uint8_t *)fr[i].data)[l[1].offset + 8] - 1), 64, 8);
            CHECK_SET(m, ipv4_set_identification(m, zc_htobe16(0xbeef)),
                      zc_be16toh(ipv4_identification(m.v)), 0xbeef, 32, 16);
            CHECK_SET(m, ipv4_set_protocol(m, IP_PROTO_GRE), ipv4_protocol(m.v), IP_PROTO_GRE, 72, 8);

            /* too wide: refused, nothing written */
            uint8_t before[60];
            memcpy(before, m.zc_wbase, hl);
            zc_status st = ipv4_set_fragment_offset(m, 0x2000);
            ck_assert_int_eq(st.code, ZC_ERR_RANGE);
            ck_assert_str_eq(st.field, "ipv4.fragment_offset");
            ck_assert_int_eq(ipv4_set_ihl(m, 16).code, ZC_ERR_RANGE);
            ck_assert_int_eq(ipv4_set_dscp(m, 64).code, ZC_ERR_RANGE);
            ck_assert(memcmp(before, m.zc_wbase, hl) == 0);
            /* an enum in whole bytes: a C enum holds any int, the field 8 bits */
            st = ipv4_set_protocol(m, 300);
            ck_assert_int_eq(st.code, ZC_ERR_RANGE);
            ck_assert_str_eq(st.field, "ipv4.protocol");
            ck_assert_uint_eq(st.offset, IPV4_OFF_PROTOCOL);
            ck_assert_int_eq(ipv4_set_protocol(m, (ip_proto)-1).code, ZC_ERR_RANGE);
            ck_assert_int_eq(ipv4_set_protocol(m, (ip_proto)256).code, ZC_ERR_RANGE);
            ck_assert(memcmp(before, m.zc_wbase, hl) == 0);
            ck_assert_int_eq(ipv4_set_protocol(m, (ip_proto)255).code, ZC_OK);   /* unnamed, fits */
            ck_assert_uint_eq(m.zc_wbase[IPV4_OFF_PROTOCOL], 255);
            memcpy(m.zc_wbase, before, hl);

            /* byte arrays: exactly their length */
            uint8_t junk[16] = { 0 };
            ck_assert_int_eq(ipv4_addr_set_octets(ipv4_dst_mut(m), junk, 5).code, ZC_ERR_SPACE);
            ck_assert_int_eq(ipv4_addr_set_octets(ipv4_dst_mut(m), junk, 3).code, ZC_ERR_SPACE);
            ck_assert(memcmp(before, m.zc_wbase, hl) == 0);

            /* nested structs: writable views of the addresses */
            ipv4_addr_mview src = ipv4_src_mut(m);
            static const uint8_t ten[4] = { 10, 0, 0, 1 };
            ck_assert_int_eq(ipv4_addr_set_octets(src, ten, 4).code, ZC_OK);
            ck_assert(memcmp(ipv4_addr_octets(ipv4_src(m.v)).ptr, ten, 4) == 0);
            ck_assert(memcmp(m.zc_wbase + 12, ten, 4) == 0);
            free(copy);
            headers++;
        }
        free_frames(fr, nf);
    }
    printf("ipv4_every_field: %d headers\n", headers);
    ck_assert_int_ge(headers, 20);
}
END_TEST

/* A 16-bit enum in whole bytes (ether_type, be16): values 0..0xffff are
   written, named or not; anything wider is refused and nothing written. */
START_TEST(enum_setter_range)
{
    uint8_t frame[ETHERNET_MIN_SIZE + 4] = { 0 }, before[sizeof frame];
    ethernet_mview m;
    frame[12] = 0x08;   /* IPv4, so that the constraint type >= 0x0600 holds */
    ck_assert_int_eq(ethernet_parse_mut(&m, frame, sizeof frame).code, ZC_OK);
    memcpy(before, frame, sizeof frame);
    static const long wide[] = { 0x10000, 0x10800, -1, -0x800, 0x7fffffff };
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        zc_status st = ethernet_set_type(m, (ether_type)wide[i]);
        ck_assert_int_eq(st.code, ZC_ERR_RANGE);
        ck_assert_str_eq(st.field, "ethernet.type");
        ck_assert(memcmp(before, frame, sizeof frame) == 0);
    }
    ck_assert_int_eq(ethernet_set_type(m, ETHER_TYPE_IPV6).code, ZC_OK);
    ck_assert_uint_eq(frame[12], 0x86);
    ck_assert_uint_eq(frame[13], 0xdd);
    ck_assert_int_eq(ethernet_set_type(m, (ether_type)0xffff).code, ZC_OK);
    ck_assert_int_eq(ethernet_type(m.v), 0xffff);
    ck_assert_ptr_null(ether_type_name(ethernet_type(m.v)));
}
END_TEST

/* ---- optional and case fields; elements ----------------------------------- */

START_TEST(gre_optional_fields)
{
    Frame fr[MAX_FRAMES];
    int nf = load_pcap("gre.pcap", fr);
    int with_key = 0, without_key = 0;
    for (int i = 0; i < nf; i++) {
        packet_layer l[MAX_LAYERS];
        size_t n;
        ck_assert_int_eq(packet_walk(fr[i].data, fr[i].len, PACKET_ETHERNET, l, MAX_LAYERS, &n).code, ZC_OK);
        ck_assert_int_eq(l[2].proto, PACKET_GRE);
        gre_mview g;
        ck_assert_int_eq(gre_parse_mut(&g, fr[i].data + l[2].offset, l[2].bytes.len).code, ZC_OK);
        if (gre_has_key(g.v)) {
            zc_be32 old = gre_key(g.v);
            ck_assert_int_eq(gre_set_key(g, zc_htobe32(0x0a0b0c0d)).code, ZC_OK);
            ck_assert_uint_eq(zc_be32toh(gre_key(g.v)), 0x0a0b0c0d);
            ck_assert_int_eq(gre_set_key(g, old).code, ZC_OK);
            with_key++;
        } else {
            uint8_t before[64];
            size_t hl = l[2].bytes.len < sizeof before ? l[2].bytes.len : sizeof before;
            memcpy(before, g.zc_wbase, hl);
            zc_status st = gre_set_key(g, zc_htobe32(1));
            ck_assert_int_eq(st.code, ZC_ERR_ABSENT);
            ck_assert_str_eq(st.field, "gre.key");
            ck_assert(memcmp(before, g.zc_wbase, hl) == 0);
            without_key++;
        }
    }
    free_frames(fr, nf);
    ck_assert_int_gt(with_key, 0);
    ck_assert_int_gt(without_key, 0);
}
END_TEST

/* TCP options are elements: NAME_writable makes the MSS option writable. */
START_TEST(tcp_option_case_field)
{
    Frame fr[MAX_FRAMES];
    int nf = load_pcap("tcp-options.pcap", fr);
    int mss_seen = 0, absent_refused = 0;
    for (int i = 0; i < nf; i++) {
        packet_layer l[MAX_LAYERS];
        size_t n;
        packet_walk(fr[i].data, fr[i].len, PACKET_ETHERNET, l, MAX_LAYERS, &n);
        ck_assert_uint_ge(n, 3);
        ck_assert_int_eq(l[2].proto, PACKET_TCP);
        tcp_option_iter it = tcp_options(l[2].v.tcp);
        tcp_option_view o;
        while (tcp_option_next(&it, &o)) {
            tcp_option_mview om;
            ck_assert(tcp_option_writable(o, fr[i].data, fr[i].len, &om));
            if (tcp_option_has_mss(o)) {
                ck_assert_int_eq(tcp_option_set_mss(om, zc_htobe16(1200)).code, ZC_OK);
                ck_assert_uint_eq(zc_be16toh(tcp_option_mss(o)), 1200);
                mss_seen++;
            } else {
                ck_assert_int_eq(tcp_option_set_mss(om, zc_htobe16(1200)).code, ZC_ERR_ABSENT);
                absent_refused++;
            }
            /* a view outside the buffer, or running past its end: refused */
            ck_assert(!tcp_option_writable(o, fr[i].data, (size_t)(o.zc_base - fr[i].data), &om));
            ck_assert(!tcp_option_writable(o, fr[i].data + fr[i].len, 0, &om));
        }
        ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
    }
    free_frames(fr, nf);
    ck_assert_int_eq(mss_seen, 1);
    ck_assert_int_gt(absent_refused, 5);
}
END_TEST

/* ---- rewriting with checksums kept right -------------------------------------- */

/* NAT-style rewrite of every IPv4 UDP/TCP packet whose checksums tshark
   found right (zc_*_checksum_ok agrees, test_csum): new source address and
   port, TTL - 1, checksums updated incrementally; they must equal a full
   recomputation and verify. */
START_TEST(rewrite_keeps_checksums)
{
    static const char *const caps[] = { "dns-udp.pcap", "dns-records.pcap", "ipv4-options.pcap",
                                        "vlan.pcap", "qinq.pcap", "gre.pcap" };
    int rewritten = 0;
    for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
        Frame fr[MAX_FRAMES];
        int nf = load_pcap(caps[c], fr);
        for (int i = 0; i < nf; i++) {
            packet_layer l[MAX_LAYERS];
            size_t n;
            packet_walk(fr[i].data, fr[i].len, PACKET_ETHERNET, l, MAX_LAYERS, &n);
            size_t k = 0;
            while (k < n && l[k].proto != PACKET_IPV4)
                k++;
            if (k + 1 >= n || l[k + 1].proto != PACKET_UDP)
                continue;
            ipv4_mview ip;
            udp_mview u;
            ck_assert_int_eq(ipv4_parse_mut(&ip, fr[i].data + l[k].offset, l[k].bytes.len).code, ZC_OK);
            ck_assert_int_eq(udp_parse_mut(&u, fr[i].data + l[k + 1].offset, l[k + 1].bytes.len).code, ZC_OK);
            zc_bytes src = ipv4_addr_octets(ipv4_src(ip.v)), dst = ipv4_addr_octets(ipv4_dst(ip.v));
            zc_bytes seg = zc_bytes_make(u.v.zc_base, u.v.zc_len);
            if (!zc_inet_checksum_ok(ip.v.zc_base, (size_t)ipv4_ihl(ip.v) * 4) ||
                !zc_udp4_checksum_ok(src.ptr, dst.ptr, seg.ptr, (uint16_t)seg.len) ||
                zc_be16toh(udp_checksum(u.v)) == 0)
                continue;   /* loopback offload: nothing to keep right */

            /* TTL - 1: the header checksum, RFC 1624 */
            zc_be16 old_word = zc_load_be16(ip.v.zc_base + 8);   /* TTL and protocol */
            ipv4_set_ttl(ip, (uint8_t)(ipv4_ttl(ip.v) - 1));
            ipv4_set_checksum(ip, zc_csum_update16(ipv4_checksum(ip.v), old_word, zc_load_be16(ip.v.zc_base + 8)));

            /* new source address: header and UDP checksums (pseudo-header) */
            zc_be32 old_addr = zc_load_be32(src.ptr);
            static const uint8_t nat[4] = { 198, 51, 100, 7 };
            ck_assert_int_eq(ipv4_addr_set_octets(ipv4_src_mut(ip), nat, 4).code, ZC_OK);
            ipv4_set_checksum(ip, zc_csum_update32(ipv4_checksum(ip.v), old_addr, zc_load_be32(nat)));
            udp_set_checksum(u, zc_udp_csum_update32(udp_checksum(u.v), old_addr, zc_load_be32(nat)));

            /* new source port */
            zc_be16 old_port = udp_src_port(u.v);
            udp_set_src_port(u, zc_htobe16(40999));
            udp_set_checksum(u, zc_udp_csum_update16(udp_checksum(u.v), old_port, zc_htobe16(40999)));

            ck_assert(zc_inet_checksum_ok(ip.v.zc_base, (size_t)ipv4_ihl(ip.v) * 4));
            ck_assert(zc_be16_eq(ipv4_checksum(ip.v), zc_ipv4_header_checksum(ip.v.zc_base, (size_t)ipv4_ihl(ip.v) * 4)));
            ck_assert(zc_udp4_checksum_ok(nat, dst.ptr, seg.ptr, (uint16_t)seg.len));
            ck_assert(zc_be16_eq(udp_checksum(u.v), zc_udp4_checksum(nat, dst.ptr, seg.ptr, (uint16_t)seg.len)));
            rewritten++;
        }
        free_frames(fr, nf);
    }
    printf("rewrite_keeps_checksums: %d packets\n", rewritten);
    ck_assert_int_ge(rewritten, 3);   /* loopback captures carry offloaded (unfilled) checksums */
}
END_TEST

static Suite *write_suite(void)
{
    Suite *s = suite_create("write");
    TCase *tc = tcase_create("setters");
    tcase_add_test(tc, ipv4_every_field);
    tcase_add_test(tc, enum_setter_range);
    tcase_add_test(tc, gre_optional_fields);
    tcase_add_test(tc, tcp_option_case_field);
    tcase_add_test(tc, rewrite_keeps_checksums);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        captures_dir = argv[1];
    SRunner *sr = srunner_create(write_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
