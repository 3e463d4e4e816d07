/*
 * test_build.c - builders and schema-attached checksums on real traffic.
 *
 *   test_build CAPTURES_DIR
 *
 * 1. Generated S_checksum_ok()/S_fill_checksum() (from `@checksum` in
 *    ipv4.zc, udp.zc, tcp.zc, icmpv4.zc, icmpv6.zc) agree with tshark's
 *    verdict and value (the .csum files in tests/captures/csum/, made by
 *    tests/tools/make_csum_expect.py) for every checksummed layer that
 *    packet_walk() reaches in every capture, the deliberately corrupted
 *    csum/corrupt.pcap included.
 * 2. Round trip: every DNS-over-UDP frame of the real captures is rebuilt
 *    with builders only (Ethernet, IPv4 or IPv6, UDP, the DNS message with
 *    every question and record rebuilt field by field) from the values its
 *    views read; lengths, counts and rdlength are left to the builders to
 *    derive. The result must be byte-identical to the captured frame.
 * 3. Build -> parse: a message built from scratch parses back with the
 *    values put, derived fields set, and tshark-equivalent checksums.
 * 4. Failures: no space, out of order, absent case, values that do not
 *    fit, lengths no value can give; each leaves a sticky status and
 *    never writes past the buffer (ASan).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet.zc.h"
#include "frames.h"

#define MAX_LAYERS 32

static const char *const captures[] = {
    "arp.pcap", "dhcp.pcap", "dns-records.pcap", "dns-tcp.pcap", "dns-udp.pcap", "gre.pcap",
    "http-ipv4.pcap", "http-ipv6.pcap", "icmpv4-ping.pcap", "icmpv6-nd-options.pcap", "icmpv6-nd.pcap",
    "icmpv6-ping.pcap", "ipv4-flags.pcap", "ipv4-options.pcap", "ipv6-ext.pcap", "padded.pcap",
    "qinq.pcap", "tcp-flags.pcap", "tcp-options.pcap", "vlan.pcap", "vxlan.pcap", "csum/corrupt.pcap",
};
#define NCAPTURES (int)(sizeof captures / sizeof captures[0])

/* ---- 1. checksums against tshark ----------------------------------------- */

typedef struct {
    int frame;
    char layer[16], verdict[16], calc_text[16];
    unsigned field, calc;
} Want;

static int load_want(const char *capture, Want *w, int max)
{
    char path[512], line[256], base[128];
    snprintf(base, sizeof base, "%s", strrchr(capture, '/') ? strrchr(capture, '/') + 1 : capture);
    *strrchr(base, '.') = '\0';
    snprintf(path, sizeof path, "%s/csum/%s.csum", captures_dir, base);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s: cannot open", path);
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        ck_assert_int_lt(n, max);
        /* CALC is "-" where tshark shows none */
        ck_assert_msg(sscanf(line, "%d %15s %15s %x %15s", &w[n].frame, w[n].layer, w[n].verdict, &w[n].field,
                             w[n].calc_text) == 5, "%s: bad line %s", path, line);
        w[n].calc = (unsigned)strtoul(w[n].calc_text, NULL, 16);
        n++;
    }
    fclose(f);
    return n;
}

/* One checksummed layer as generated code sees it. */
typedef struct {
    const char *layer;
    bool ok;
    unsigned field, calc;
    bool v6;
} Got;

static unsigned h16(zc_be16 x) { return zc_be16toh(x); }

/* The generated verdict, and the value S_fill_checksum() writes into a
   copy of the frame. */
static int checksum_layers(const Frame *fr, Got *got)
{
    packet_layer l[MAX_LAYERS];
    size_t n = 0;
    zc_pseudo ph;
    int k = 0;
    memset(&ph, 0, sizeof ph);
    (void)packet_walk(fr->data, fr->len, PACKET_ETHERNET, l, MAX_LAYERS, &n);
    uint8_t *copy = malloc(fr->len ? fr->len : 1);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, fr->data, fr->len);
    for (size_t i = 0; i < n; i++) {
        Got *g = &got[k];
        size_t off = l[i].offset;
        zc_bytes b = l[i].bytes;
        switch (l[i].proto) {
        case PACKET_IPV4: {
            ipv4_mview m;
            ck_assert_int_eq(ipv4_parse_mut(&m, copy + off, b.len).code, ZC_OK);
            ph = zc_pseudo_ipv4(ipv4_addr_octets(ipv4_src(l[i].v.ipv4)), ipv4_addr_octets(ipv4_dst(l[i].v.ipv4)));
            g->layer = "ipv4";
            g->ok = ipv4_checksum_ok(l[i].v.ipv4);
            g->field = h16(ipv4_checksum(l[i].v.ipv4));
            ipv4_fill_checksum(m);
            g->calc = h16(ipv4_checksum(m.v));
            break;
        }
        case PACKET_IPV6:
            ph = zc_pseudo_ipv6(ipv6_addr_octets(ipv6_src(l[i].v.ipv6)), ipv6_addr_octets(ipv6_dst(l[i].v.ipv6)));
            continue;
        case PACKET_IPV6_ROUTING:
            /* the pseudo-header then holds the final destination, the last
               address of the routing header (RFC 8200 8.1), which a caller
               must supply; these captures' routing headers are type 0 and
               not followed here */
            memset(&ph, 0, sizeof ph);
            continue;
        case PACKET_UDP: {
            udp_mview m;
            if (ph.family == 0)
                continue;   /* after a routing header: see above */
            ck_assert_int_eq(udp_parse_mut(&m, copy + off, b.len).code, ZC_OK);
            g->layer = "udp";
            g->ok = udp_checksum_ok(l[i].v.udp, &ph);
            g->field = h16(udp_checksum(l[i].v.udp));
            ck_assert_int_eq(udp_fill_checksum(m, &ph).code, ZC_OK);
            g->calc = h16(udp_checksum(m.v));
            break;
        }
        case PACKET_TCP: {
            tcp_mview m;
            if (ph.family == 0)
                continue;   /* after a routing header: see above */
            ck_assert_int_eq(tcp_parse_mut(&m, copy + off, b.len).code, ZC_OK);
            g->layer = "tcp";
            g->ok = tcp_checksum_ok(l[i].v.tcp, &ph);
            g->field = h16(tcp_checksum(l[i].v.tcp));
            ck_assert_int_eq(tcp_fill_checksum(m, &ph).code, ZC_OK);
            g->calc = h16(tcp_checksum(m.v));
            break;
        }
        case PACKET_ICMPV4: {
            icmpv4_mview m;
            ck_assert_int_eq(icmpv4_parse_mut(&m, copy + off, b.len).code, ZC_OK);
            g->layer = "icmpv4";
            g->ok = icmpv4_checksum_ok(l[i].v.icmpv4);
            g->field = h16(icmpv4_checksum(l[i].v.icmpv4));
            icmpv4_fill_checksum(m);
            g->calc = h16(icmpv4_checksum(m.v));
            break;
        }
        case PACKET_ICMPV6: {
            icmpv6_mview m;
            if (ph.family == 0)
                continue;   /* after a routing header: see above */
            ck_assert_int_eq(icmpv6_parse_mut(&m, copy + off, b.len).code, ZC_OK);
            g->layer = "icmpv6";
            g->ok = icmpv6_checksum_ok(l[i].v.icmpv6, &ph);
            g->field = h16(icmpv6_checksum(l[i].v.icmpv6));
            ck_assert_int_eq(icmpv6_fill_checksum(m, &ph).code, ZC_OK);
            g->calc = h16(icmpv6_checksum(m.v));
            break;
        }
        default:
            continue;
        }
        g->v6 = ph.family == 6;
        k++;
    }
    free(copy);
    return k;
}

/* The verdict words of make_csum_expect.py (see test_csum.c). */
static void agree(const char *cap, const Got *g, const Want *w)
{
    char got[128];
    snprintf(got, sizeof got, "frame %d %s field %04x calc %04x ok %d", w->frame, g->layer, g->field, g->calc, g->ok);
    ck_assert_msg(g->field == w->field, "%s: %s: tshark's field %04x", cap, got, w->field);
    if (strcmp(w->verdict, "good") == 0)
        ck_assert_msg(g->ok && (g->calc == w->field || (w->field == 0xffff && g->calc == 0)), "%s: %s: tshark: good", cap, got);
    else if (strcmp(w->verdict, "bad") == 0)
        ck_assert_msg(!g->ok && g->calc == w->calc, "%s: %s: tshark: bad, should be %04x", cap, got, w->calc);
    else if (strcmp(w->verdict, "minus0") == 0)
        ck_assert_msg(g->ok && g->calc == 0, "%s: %s: tshark: 0xffff for 0", cap, got);
    else if (strcmp(w->verdict, "none") == 0)
        ck_assert_msg(g->ok && !g->v6 && g->field == 0, "%s: %s: tshark: none", cap, got);
    else if (strcmp(w->verdict, "illegal") == 0)
        ck_assert_msg(!g->ok && g->v6 && g->field == 0, "%s: %s: tshark: illegal", cap, got);
    else
        ck_abort_msg("%s: %s: tshark: %s", cap, got, w->verdict);
}

static int checksums_compared;

START_TEST(checksums_match_tshark)
{
    Frame fr[MAX_FRAMES];
    static Want want[4096];
    Got got[MAX_LAYERS];
    int nf = load_pcap(captures[_i], fr);
    int nw = load_want(captures[_i], want, 4096), next = 0, compared = 0;
    for (int i = 0; i < nf; i++) {
        int ng = checksum_layers(&fr[i], got);
        for (int j = 0; j < ng; j++) {
            /* the next line of tshark's for this frame and layer; tshark
               also checks layers the stack does not walk (the packet inside
               an ICMP error, GRE), which are skipped */
            while (next < nw && (want[next].frame < i + 1 ||
                                 (want[next].frame == i + 1 && strcmp(want[next].layer, got[j].layer) != 0)))
                next++;
            ck_assert_msg(next < nw && want[next].frame == i + 1, "%s: frame %d: a %s checksum tshark does not show",
                          captures[_i], i + 1, got[j].layer);
            ck_assert_msg(strcmp(want[next].verdict, "unverified") != 0, "%s: frame %d: tshark could not verify",
                          captures[_i], i + 1);
            agree(captures[_i], &got[j], &want[next++]);
            compared++;
        }
    }
    printf("%-24s %3d frames, %3d generated checksums agree with tshark\n", captures[_i], nf, compared);
    checksums_compared += compared;
    free_frames(fr, nf);
}
END_TEST

/* ---- 2. round trips ------------------------------------------------------ */

static void ok(zc_status st, const char *what)
{
    char t[160];
    ck_assert_msg(st.code == ZC_OK, "%s: %s", what, zc_status_format(st, t, sizeof t));
}

static zc_bytes name_bytes(dns_name_view n)
{
    return zc_bytes_make(n.zc_base, n.zc_len);
}

/* One resource record, field by field; rdlength is derived. */
static void rebuild_rr(dns_rr_builder *b, dns_rr_view v)
{
    zc_bytes nb = name_bytes(dns_rr_name(v));
    ok(dns_rr_put_name(b, nb.ptr, nb.len), "rr name");
    ok(dns_rr_put_type(b, dns_rr_type(v)), "rr type");
    ok(dns_rr_put_class(b, dns_rr_class(v)), "rr class");
    ok(dns_rr_put_ttl(b, dns_rr_ttl(v)), "rr ttl");
    ipv4_addr_view a;
    ipv6_addr_view a6;
    dns_name_view n;
    dns_mx_view mx;
    dns_soa_view soa;
    dns_srv_view srv;
    if (dns_rr_a(v, &a)) {
        ok(dns_rr_put_a(b, a), "a");
    } else if (dns_rr_aaaa(v, &a6)) {
        ok(dns_rr_put_aaaa(b, a6), "aaaa");
    } else if (dns_rr_ns(v, &n)) {
        ok(dns_rr_put_ns(b, n.zc_base, n.zc_len), "ns");
    } else if (dns_rr_cname(v, &n)) {
        ok(dns_rr_put_cname(b, n.zc_base, n.zc_len), "cname");
    } else if (dns_rr_ptr(v, &n)) {
        ok(dns_rr_put_ptr(b, n.zc_base, n.zc_len), "ptr");
    } else if (dns_rr_mx(v, &mx)) {
        dns_mx_builder c;
        ok(dns_rr_begin_mx(b, &c), "mx begin");
        ok(dns_mx_put_preference(&c, dns_mx_preference(mx)), "mx preference");
        zc_bytes e = name_bytes(dns_mx_exchange(mx));
        ok(dns_mx_put_exchange(&c, e.ptr, e.len), "mx exchange");
        ok(dns_rr_end_mx(b, &c), "mx end");
    } else if (dns_rr_has_txt(v)) {
        dns_txt_string_iter it = dns_rr_txt(v);
        dns_txt_string_view s;
        while (dns_txt_string_next(&it, &s)) {
            dns_txt_string_builder c;
            zc_bytes t = dns_txt_string_text(s);
            ok(dns_rr_begin_txt(b, &c), "txt begin");
            ok(dns_txt_string_put_text(&c, t.ptr, t.len), "txt text");   /* length derived */
            ok(dns_rr_end_txt(b, &c), "txt end");
        }
        ok(zc_iter_status(&it), "txt walk");
    } else if (dns_rr_soa(v, &soa)) {
        ok(dns_rr_put_soa(b, soa), "soa");
    } else if (dns_rr_srv(v, &srv)) {
        ok(dns_rr_put_srv(b, srv), "srv");
    } else if (dns_rr_has_edns(v)) {
        dns_edns_option_iter it = dns_rr_edns(v);
        dns_edns_option_view o;
        while (dns_edns_option_next(&it, &o)) {
            dns_edns_option_builder c;
            zc_bytes d = dns_edns_option_data(o);
            ok(dns_rr_begin_edns(b, &c), "edns begin");
            ok(dns_edns_option_put_code(&c, dns_edns_option_code(o)), "edns code");
            ok(dns_edns_option_put_data(&c, d.ptr, d.len), "edns data");
            ok(dns_rr_end_edns(b, &c), "edns end");
        }
        ok(zc_iter_status(&it), "edns walk");
    } else if (dns_rr_has_raw(v)) {
        zc_bytes r = dns_rr_raw(v);
        ok(dns_rr_put_raw(b, r.ptr, r.len), "raw");
    }
}

/* A DNS message from its view: the counts are derived. */
static size_t rebuild_dns(dns_message_view v, uint8_t *out, size_t cap, int *records)
{
    dns_message_builder b;
    dns_message_mview m;
    dns_message_build(&b, out, cap);
    ok(dns_message_put_id(&b, dns_message_id(v)), "id");
    ok(dns_message_put_qr(&b, dns_message_qr(v)), "qr");
    ok(dns_message_put_opcode(&b, dns_message_opcode(v)), "opcode");
    ok(dns_message_put_aa(&b, dns_message_aa(v)), "aa");
    ok(dns_message_put_tc(&b, dns_message_tc(v)), "tc");
    ok(dns_message_put_rd(&b, dns_message_rd(v)), "rd");
    ok(dns_message_put_ra(&b, dns_message_ra(v)), "ra");
    ok(dns_message_put_z(&b, dns_message_z(v)), "z");
    ok(dns_message_put_ad(&b, dns_message_ad(v)), "ad");
    ok(dns_message_put_cd(&b, dns_message_cd(v)), "cd");
    ok(dns_message_put_rcode(&b, dns_message_rcode(v)), "rcode");
    dns_question_iter it = dns_message_questions(v);
    dns_question_view q;
    while (dns_question_next(&it, &q)) {
        dns_question_builder c;
        zc_bytes nb = name_bytes(dns_question_name(q));
        ok(dns_message_begin_questions(&b, &c), "question begin");
        ok(dns_question_put_name(&c, nb.ptr, nb.len), "question name");
        ok(dns_question_put_type(&c, dns_question_type(q)), "question type");
        ok(dns_question_put_class(&c, dns_question_class(q)), "question class");
        ok(dns_message_end_questions(&b, &c), "question end");
    }
    dns_rr_iter sec[3] = { dns_message_answers(v), dns_message_authorities(v), dns_message_additionals(v) };
    for (int s = 0; s < 3; s++) {
        dns_rr_view r;
        while (dns_rr_next(&sec[s], &r)) {
            dns_rr_builder c;
            zc_status st = s == 0 ? dns_message_begin_answers(&b, &c)
                           : s == 1 ? dns_message_begin_authorities(&b, &c)
                                    : dns_message_begin_additionals(&b, &c);
            ok(st, "rr begin");
            rebuild_rr(&c, r);
            st = s == 0 ? dns_message_end_answers(&b, &c)
                 : s == 1 ? dns_message_end_authorities(&b, &c)
                          : dns_message_end_additionals(&b, &c);
            ok(st, "rr end");
            (*records)++;
        }
    }
    ok(dns_message_build_end(&b, &m), "dns_message_build_end");
    return m.v.zc_len;
}

static int frames_rebuilt, records_rebuilt;

START_TEST(dns_frames_rebuild_byte_identical)
{
    Frame fr[MAX_FRAMES];
    int nf = load_pcap(captures[_i], fr), done = 0;
    for (int i = 0; i < nf; i++) {
        packet_layer l[MAX_LAYERS];
        size_t n = 0;
        if (packet_walk(fr[i].data, fr[i].len, PACKET_ETHERNET, l, MAX_LAYERS, &n).code != ZC_OK || n != 4 ||
            l[3].proto != PACKET_DNS_MESSAGE || l[2].proto != PACKET_UDP || l[0].proto != PACKET_ETHERNET)
            continue;
        uint8_t *out = calloc(1, fr[i].len + 64);
        ck_assert_ptr_nonnull(out);
        ethernet_view e = l[0].v.ethernet;
        ethernet_builder eb;
        ethernet_mview em;
        ethernet_build(&eb, out, fr[i].len + 64);
        ok(ethernet_put_dst(&eb, ethernet_dst(e)), "eth dst");
        ok(ethernet_put_src(&eb, ethernet_src(e)), "eth src");
        ok(ethernet_put_type(&eb, ethernet_type(e)), "eth type");
        zc_wbytes room = ethernet_open_payload(&eb);
        udp_builder ub;
        udp_mview um;
        size_t ip_len = 0;
        ipv4_builder b4;
        ipv6_builder b6;
        if (l[1].proto == PACKET_IPV4) {
            ipv4_view v = l[1].v.ipv4;
            ck_assert_uint_eq(ipv4_ihl(v), 5);   /* no options in the DNS captures */
            ipv4_build(&b4, room.ptr, room.len);
            ok(ipv4_put_dscp(&b4, ipv4_dscp(v)), "dscp");
            ok(ipv4_put_ecn(&b4, ipv4_ecn(v)), "ecn");
            ok(ipv4_put_identification(&b4, ipv4_identification(v)), "id");
            ok(ipv4_put_reserved(&b4, ipv4_reserved(v)), "reserved");
            ok(ipv4_put_dont_fragment(&b4, ipv4_dont_fragment(v)), "df");
            ok(ipv4_put_more_fragments(&b4, ipv4_more_fragments(v)), "mf");
            ok(ipv4_put_fragment_offset(&b4, ipv4_fragment_offset(v)), "frag");
            ok(ipv4_put_ttl(&b4, ipv4_ttl(v)), "ttl");
            ok(ipv4_put_protocol(&b4, ipv4_protocol(v)), "protocol");
            ok(ipv4_put_checksum(&b4, ipv4_checksum(v)), "checksum");   /* as captured, even if wrong */
            ok(ipv4_put_src(&b4, ipv4_src(v)), "src");
            ok(ipv4_put_dst(&b4, ipv4_dst(v)), "dst");
            room = ipv4_open_payload(&b4);
        } else {
            ipv6_view v = l[1].v.ipv6;
            ipv6_build(&b6, room.ptr, room.len);
            ok(ipv6_put_traffic_class(&b6, ipv6_traffic_class(v)), "tc");
            ok(ipv6_put_flow_label(&b6, ipv6_flow_label(v)), "flow");
            ok(ipv6_put_next_header(&b6, ipv6_next_header(v)), "nh");
            ok(ipv6_put_hop_limit(&b6, ipv6_hop_limit(v)), "hop limit");
            ok(ipv6_put_src(&b6, ipv6_src(v)), "src");
            ok(ipv6_put_dst(&b6, ipv6_dst(v)), "dst");
            room = ipv6_open_payload(&b6);
        }
        udp_build(&ub, room.ptr, room.len);
        ok(udp_put_src_port(&ub, udp_src_port(l[2].v.udp)), "sport");
        ok(udp_put_dst_port(&ub, udp_dst_port(l[2].v.udp)), "dport");
        ok(udp_put_checksum(&ub, udp_checksum(l[2].v.udp)), "udp checksum");
        room = udp_open_payload(&ub);
        size_t dns_len = rebuild_dns(l[3].v.dns_message, room.ptr, room.len, &records_rebuilt);
        ok(udp_commit_payload(&ub, dns_len), "udp commit");
        ok(udp_build_end(&ub, &um), "udp_build_end");
        if (l[1].proto == PACKET_IPV4) {
            ipv4_mview m;
            ok(ipv4_commit_payload(&b4, um.v.zc_len), "ipv4 commit");
            ok(ipv4_build_end(&b4, &m), "ipv4_build_end");
            ip_len = m.v.zc_len;
        } else {
            ipv6_mview m;
            ok(ipv6_commit_payload(&b6, um.v.zc_len), "ipv6 commit");
            ok(ipv6_build_end(&b6, &m), "ipv6_build_end");
            ip_len = m.v.zc_len;
        }
        ok(ethernet_commit_payload(&eb, ip_len), "eth commit");
        ok(ethernet_build_end(&eb, &em), "ethernet_build_end");
        /* link-layer padding after the IP packet is not part of it */
        size_t want = l[1].offset + l[1].bytes.len;
        size_t padded = fr[i].len;
        ck_assert_uint_eq(em.v.zc_len, l[1].offset + ip_len);
        ck_assert_msg(em.v.zc_len <= padded && memcmp(out, fr[i].data, em.v.zc_len) == 0,
                      "%s frame %d: the rebuilt frame differs (%zu bytes built, %zu captured)", captures[_i], i + 1,
                      em.v.zc_len, want);
        free(out);
        done++;
    }
    frames_rebuilt += done;
    free_frames(fr, nf);
}
END_TEST

/* ---- 3. build, then parse ----------------------------------------------- */

START_TEST(build_then_parse)
{
    uint8_t buf[256];
    static const uint8_t src4[4] = { 192, 0, 2, 1 }, dst4[4] = { 198, 51, 100, 7 };
    static const uint8_t name[] = { 3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0 };
    ipv4_addr_view s, d;
    ok(ipv4_addr_parse(&s, src4, 4), "src");
    ok(ipv4_addr_parse(&d, dst4, 4), "dst");

    ipv4_builder b;
    ipv4_mview m;
    ipv4_build(&b, buf, sizeof buf);
    ok(ipv4_put_identification(&b, zc_htobe16(0x1c46)), "id");
    ok(ipv4_put_dont_fragment(&b, 1), "df");
    ok(ipv4_put_ttl(&b, 64), "ttl");
    ok(ipv4_put_protocol(&b, IP_PROTO_UDP), "proto");
    ok(ipv4_put_src(&b, s), "src");
    ok(ipv4_put_dst(&b, d), "dst");
    zc_wbytes room = ipv4_open_payload(&b);
    udp_builder ub;
    udp_mview um;
    udp_build(&ub, room.ptr, room.len);
    ok(udp_put_src_port(&ub, zc_htobe16(40000)), "sport");
    ok(udp_put_dst_port(&ub, zc_htobe16(53)), "dport");
    room = udp_open_payload(&ub);
    dns_message_builder db;
    dns_message_mview dm;
    dns_question_builder qb;
    dns_message_build(&db, room.ptr, room.len);
    ok(dns_message_put_id(&db, zc_htobe16(0xbeef)), "id");
    ok(dns_message_put_rd(&db, 1), "rd");
    ok(dns_message_begin_questions(&db, &qb), "q");
    ok(dns_question_put_name(&qb, name, sizeof name), "name");
    ok(dns_question_put_type(&qb, DNS_TYPE_AAAA), "type");
    ok(dns_question_put_class(&qb, zc_htobe16(1)), "class");
    ok(dns_message_end_questions(&db, &qb), "q end");
    ok(dns_message_build_end(&db, &dm), "dns end");
    ok(udp_commit_payload(&ub, dm.v.zc_len), "commit");
    ok(udp_build_end(&ub, &um), "udp end");
    ok(ipv4_commit_payload(&b, um.v.zc_len), "commit");
    ok(ipv4_build_end(&b, &m), "ipv4 end");
    zc_pseudo ph = zc_pseudo_ipv4(ipv4_addr_octets(s), ipv4_addr_octets(d));
    ok(udp_fill_checksum(um, &ph), "udp checksum");
    ipv4_fill_checksum(m);

    /* parse it back as a receiver would */
    ipv4_view v;
    udp_view u;
    dns_message_view q;
    ok(ipv4_parse(&v, buf, m.v.zc_len), "parse ipv4");
    ck_assert_uint_eq(ipv4_version(v), 4);
    ck_assert_uint_eq(ipv4_ihl(v), 5);
    ck_assert_uint_eq(zc_be16toh(ipv4_total_length(v)), 20 + 8 + 12 + sizeof name + 4);
    ck_assert_uint_eq(zc_be16toh(ipv4_identification(v)), 0x1c46);
    ck_assert_uint_eq(ipv4_dont_fragment(v), 1);
    ck_assert_uint_eq(ipv4_ttl(v), 64);
    ck_assert(ipv4_checksum_ok(v));
    ok(udp_parse(&u, ipv4_payload(v).ptr, ipv4_payload(v).len), "parse udp");
    ck_assert_uint_eq(zc_be16toh(udp_length(u)), 8 + 12 + sizeof name + 4);
    ck_assert(udp_checksum_ok(u, &ph));
    ck_assert_uint_ne(zc_be16toh(udp_checksum(u)), 0);
    ok(dns_message_parse(&q, udp_payload(u).ptr, udp_payload(u).len), "parse dns");
    ck_assert_uint_eq(zc_be16toh(dns_message_id(q)), 0xbeef);
    ck_assert_uint_eq(dns_message_rd(q), 1);
    ck_assert_uint_eq(zc_be16toh(dns_message_qdcount(q)), 1);
    ck_assert_uint_eq(zc_be16toh(dns_message_ancount(q)), 0);
    /* a corrupted copy fails both checksums */
    buf[8] ^= 1;
    buf[m.v.zc_len - 1] ^= 0x80;
    ck_assert(!ipv4_checksum_ok(v));
    ck_assert(!udp_checksum_ok(u, &ph));
}
END_TEST

/* ---- 4. failures ---------------------------------------------------------- */

static zc_code code(zc_status st) { return st.code; }

START_TEST(failures_are_sticky_and_bounded)
{
    uint8_t *small = malloc(10);
    uint8_t buf[64];
    ck_assert_ptr_nonnull(small);
    ipv4_builder b;
    ipv4_mview m;

    /* no space: 10 bytes hold version..ttl but not the protocol's successors */
    ipv4_build(&b, small, 10);
    ck_assert_int_eq(code(ipv4_put_ttl(&b, 1)), ZC_OK);
    ck_assert_int_eq(code(ipv4_put_checksum(&b, zc_htobe16(0))), ZC_ERR_SPACE);
    ck_assert_int_eq(code(ipv4_put_ttl(&b, 1)), ZC_ERR_SPACE);   /* sticky */
    ck_assert_int_eq(code(ipv4_build_end(&b, &m)), ZC_ERR_SPACE);
    zc_wbytes w = ipv4_open_payload(&b);
    ck_assert_uint_eq(w.len, 0);

    /* out of schema order */
    ipv4_build(&b, buf, sizeof buf);
    ck_assert_int_eq(code(ipv4_put_ttl(&b, 1)), ZC_OK);
    ck_assert_int_eq(code(ipv4_put_dscp(&b, 1)), ZC_ERR_ORDER);

    /* a value wider than its bit field */
    ipv4_build(&b, buf, sizeof buf);
    ck_assert_int_eq(code(ipv4_put_fragment_offset(&b, 0x2000)), ZC_ERR_RANGE);

    /* an enum value wider than its byte: refused, nothing of it written,
       and the builder stays failed */
    ipv4_build(&b, buf, sizeof buf);
    ck_assert_int_eq(code(ipv4_put_ttl(&b, 64)), ZC_OK);
    {
        size_t len = b.m.v.zc_len;
        zc_status pst = ipv4_put_protocol(&b, 300);
        ck_assert_int_eq(code(pst), ZC_ERR_RANGE);
        ck_assert_str_eq(pst.field, "ipv4.protocol");
        ck_assert_uint_le(b.m.v.zc_len, len + 1);
        ck_assert_uint_ne(buf[IPV4_OFF_PROTOCOL], 300 & 0xff);
        ck_assert_int_eq(code(ipv4_put_checksum(&b, zc_htobe16(0))), ZC_ERR_RANGE);
    }

    /* options of 3 bytes: no ihl gives them */
    static const uint8_t nop = 1;
    ipv4_option_view o;
    ok(ipv4_option_parse(&o, &nop, 1), "nop");
    ipv4_build(&b, buf, sizeof buf);
    for (int i = 0; i < 3; i++)
        ok(ipv4_put_options(&b, o), "option");
    zc_status st = ipv4_build_end(&b, &m);
    ck_assert_int_eq(code(st), ZC_ERR_RANGE);
    ck_assert_str_eq(st.field, "ipv4.ihl");

    /* a case that does not match the tag */
    dns_rr_builder rb;
    dns_rr_mview rm;
    static const uint8_t root = 0;
    ipv4_addr_view a;
    ok(ipv4_addr_parse(&a, buf, 4), "addr");
    dns_rr_build(&rb, buf, sizeof buf);
    ok(dns_rr_put_name(&rb, &root, 1), "name");
    ok(dns_rr_put_type(&rb, DNS_TYPE_AAAA), "type");
    ck_assert_int_eq(code(dns_rr_put_a(&rb, a)), ZC_ERR_ABSENT);

    /* an extern field must be exactly one name, and has no default */
    static const uint8_t two[] = { 0, 0 };
    dns_rr_build(&rb, buf, sizeof buf);
    ck_assert_int_eq(code(dns_rr_put_name(&rb, two, 2)), ZC_ERR_MALFORMED);
    dns_rr_build(&rb, buf, sizeof buf);
    ck_assert_int_eq(code(dns_rr_put_type(&rb, DNS_TYPE_A)), ZC_ERR_ORDER);
    dns_rr_build(&rb, buf, sizeof buf);
    ok(dns_rr_put_name(&rb, &root, 1), "name");
    ok(dns_rr_put_type(&rb, DNS_TYPE_A), "type");
    ok(dns_rr_build_end(&rb, &rm), "empty A: rdlength 4, address zero");
    ck_assert_uint_eq(zc_be16toh(dns_rr_rdlength(rm.v)), 4);

    /* the end of a builder that was not begun for the field */
    dns_message_builder db;
    dns_question_builder qb;
    dns_message_build(&db, buf, sizeof buf);
    dns_question_build(&qb, buf + 40, 10);
    ck_assert_int_eq(code(dns_message_end_questions(&db, &qb)), ZC_ERR_ORDER);

    /* a derived length that does not fit its field: 256 bytes of TXT text
       for a one-byte length; 255 fit */
    static uint8_t text[256], out[300];
    dns_txt_string_builder tb;
    dns_txt_string_mview tm;
    memset(text, 'x', sizeof text);
    dns_txt_string_build(&tb, out, sizeof out);
    ok(dns_txt_string_put_text(&tb, text, 255), "255 bytes");
    ok(dns_txt_string_build_end(&tb, &tm), "255 bytes fit");
    ck_assert_uint_eq(dns_txt_string_length(tm.v), 255);
    dns_txt_string_build(&tb, out, sizeof out);
    ok(dns_txt_string_put_text(&tb, text, 256), "256 bytes");
    st = dns_txt_string_build_end(&tb, &tm);
    ck_assert_int_eq(code(st), ZC_ERR_RANGE);
    ck_assert_str_eq(st.field, "dns_txt_string.length");

    /* a nested builder begun and not ended: every other call of its
       parent is refused (found by examples/zcdnsd.c, where a second begin
       used to drop the first element silently) */
    dns_message_build(&db, buf, sizeof buf);
    ok(dns_message_begin_questions(&db, &qb), "begin");
    ck_assert_int_eq(code(dns_message_begin_questions(&db, &qb)), ZC_ERR_ORDER);
    dns_message_build(&db, buf, sizeof buf);
    ok(dns_message_begin_questions(&db, &qb), "begin");
    ck_assert_int_eq(code(dns_message_begin_answers(&db, &rb)), ZC_ERR_ORDER);
    dns_message_build(&db, buf, sizeof buf);
    ok(dns_message_begin_questions(&db, &qb), "begin");
    dns_message_mview dm;
    st = dns_message_build_end(&db, &dm);
    ck_assert_int_eq(code(st), ZC_ERR_ORDER);
    ck_assert_str_eq(zc_status_detail(st), "a nested builder was begun and not ended");
    /* begun, ended, then begun again: fine */
    dns_message_build(&db, buf, sizeof buf);
    ok(dns_message_begin_questions(&db, &qb), "begin");
    ok(dns_question_put_name(&qb, &root, 1), "root");
    ok(dns_message_end_questions(&db, &qb), "end");
    ok(dns_message_begin_questions(&db, &qb), "begin again");
    ok(dns_question_put_name(&qb, &root, 1), "root");
    ok(dns_message_end_questions(&db, &qb), "end again");
    ok(dns_message_build_end(&db, &dm), "two questions");
    ck_assert_uint_eq(zc_be16toh(dns_message_qdcount(dm.v)), 2);
    free(small);
}
END_TEST

/* S_open_F() offers no more room than the derived length can describe:
   a DNS/TCP message is at most 65535 bytes whatever the buffer. */
START_TEST(open_room_capped_by_length)
{
    static uint8_t big[70000 + 2];
    dns_tcp_builder b;
    dns_tcp_mview m;

    dns_tcp_build(&b, big, sizeof big);
    zc_wbytes w = dns_tcp_open_message(&b);
    ck_assert_uint_eq(w.len, 65535);
    memset(w.ptr, 0, 12);
    ok(dns_tcp_commit_message(&b, 12), "12 bytes");
    w = dns_tcp_open_message(&b);
    ck_assert_uint_eq(w.len, 65535 - 12);
    ok(dns_tcp_build_end(&b, &m), "a 12-byte message");
    ck_assert_uint_eq(zc_be16toh(dns_tcp_length(m.v)), 12);
    /* a smaller buffer: the buffer is the limit */
    dns_tcp_build(&b, big, 100);
    w = dns_tcp_open_message(&b);
    ck_assert_uint_eq(w.len, 98);
}
END_TEST

START_TEST(totals)
{
    printf("checksums: %d generated verdicts agree with tshark; round trip: %d DNS frames (%d records) byte-identical\n",
           checksums_compared, frames_rebuilt, records_rebuilt);
    ck_assert_int_ge(checksums_compared, 500);
    ck_assert_int_ge(frames_rebuilt, 30);
    ck_assert_int_ge(records_rebuilt, 40);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc > 1)
        captures_dir = argv[1];
    Suite *s = suite_create("build");
    TCase *tc = tcase_create("build");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, checksums_match_tshark, 0, NCAPTURES);
    tcase_add_loop_test(tc, dns_frames_rebuild_byte_identical, 0, NCAPTURES);
    tcase_add_test(tc, build_then_parse);
    tcase_add_test(tc, failures_are_sticky_and_bounded);
    tcase_add_test(tc, open_room_capped_by_length);
    tcase_add_test(tc, totals);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
