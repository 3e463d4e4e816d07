/*
 * test_variable.c - the variable-structure API (arrays of structs with
 * typed array iterators, optional and switch/case fields, the dns_name extern type,
 * NAME_frame stream framing) on real and crafted packets.
 *
 * Expected values come from tshark: each test looks them up in the
 * fixture's .expect file (tests/tools/tshark_expect.py, which reads them
 * from Wireshark's dissectors), by the same "layer.path" keys that
 * test_packets compares wholesale. Here they are compared with what the
 * typed accessors return (tcp_option_mss(), dns_rr_mx(), gre_key(), ...),
 * not with *_visit output.
 *
 *  1. tcp:       options of the real Linux SYN / SYN-ACK handshakes
 *                (http-ipv4/ipv6.pcap) and the crafted tcp-options.pcap
 *  2. dns:       every record of the real dnsmasq answers (dns-records.pcap):
 *                A, AAAA, NS, CNAME, PTR, MX, TXT, SOA, SRV, OPT, NXDOMAIN,
 *                names decoded through compression pointers
 *  3. framing:   the DNS-over-TCP byte streams of dns-tcp.pcap fed to
 *                dns_tcp_frame() a byte at a time, in random chunks (fixed
 *                seed) and whole (several frames per read)
 *  4. layers:    typed accessors of QinQ, GRE, VXLAN, DHCP, ND options,
 *                IPv4 options, IPv6 extension chains
 *  5. malformed: tests/captures/malformed/malformed.pcap (made by
 *                tests/tools/make_malformed.py): the exact status of each
 *
 * Usage: test_variable [CAPTURES_DIR]   (default tests/captures)
 */
#include <check.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp.zc.h"
#include "dns.zc.h"
#include "ethernet.zc.h"
#include "gre.zc.h"
#include "icmpv6.zc.h"
#include "icmpv6_nd.zc.h"
#include "ipv4.zc.h"
#include "ipv6.zc.h"
#include "ipv6_ext.zc.h"
#include "packet.zc.h"
#include "tcp.zc.h"
#include "udp.zc.h"
#include "vlan.zc.h"
#include "vxlan.zc.h"

static const char *captures_dir = "tests/captures";

/* ---- pcaps ------------------------------------------------------------------ */

typedef struct {
    uint8_t *data;
    size_t len;
} Frame;

#define MAX_FRAMES 64

static int load_pcap(const char *path, Frame *frames, int max)
{
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(path, err);
    ck_assert_msg(pc != NULL, "%s: %s", path, err);
    ck_assert_int_eq(pcap_datalink(pc), DLT_EN10MB);
    struct pcap_pkthdr *h;
    const u_char *data;
    int n = 0, rc;
    while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
        ck_assert_int_lt(n, max);
        ck_assert_uint_eq(h->caplen, h->len);
        frames[n].len = h->caplen;
        frames[n].data = malloc(h->caplen ? h->caplen : 1);   /* exact size for ASan */
        ck_assert_ptr_nonnull(frames[n].data);
        memcpy(frames[n].data, data, h->caplen);
        n++;
    }
    ck_assert_int_eq(rc, PCAP_ERROR_BREAK);
    pcap_close(pc);
    ck_assert_int_gt(n, 0);
    return n;
}

static int load_fixture(const char *name, Frame *frames)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.pcap", captures_dir, name);
    return load_pcap(path, frames, MAX_FRAMES);
}

static void free_frames(Frame *frames, int n)
{
    for (int i = 0; i < n; i++)
        free(frames[i].data);
}

/* ---- tshark's values: the fixture's .expect file ---------------------------- */

typedef struct {
    char *text;
    char *frame_at[MAX_FRAMES + 1];  /* start of each "frame N" block */
    int frames;
} Expect;

static void expect_load(Expect *e, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.expect", captures_dir, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    e->text = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(e->text);
    ck_assert_uint_eq(fread(e->text, 1, (size_t)n, f), (size_t)n);
    e->text[n] = '\0';
    fclose(f);
    e->frames = 0;
    for (char *p = e->text; (p = strstr(p, "frame ")) != NULL; p++) {
        if (p == e->text || p[-1] == '\n') {
            ck_assert_int_lt(e->frames, MAX_FRAMES);
            e->frame_at[e->frames++] = p;
        }
    }
    e->frame_at[e->frames] = e->text + n;
}

/* The value of `key` ("tcp.options[0].mss") in frame `fr` (1-based), or
   NULL if tshark gave no such line. Returns a pointer to a static copy. */
static const char *expect_get(const Expect *e, int fr, const char *fmt, ...)
{
    static char val[2048];
    char key[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(key, sizeof key, fmt, ap);
    va_end(ap);
    ck_assert_int_le(fr, e->frames);
    size_t kl = strlen(key);
    for (const char *p = e->frame_at[fr - 1]; p < e->frame_at[fr]; p = strchr(p, '\n') + 1) {
        if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
            size_t n = strcspn(p + kl + 1, "\n");
            ck_assert_uint_lt(n, sizeof val);
            memcpy(val, p + kl + 1, n);
            val[n] = '\0';
            return val;
        }
    }
    return NULL;
}

static unsigned long long expect_uint(const Expect *e, int fr, const char *key)
{
    const char *v = expect_get(e, fr, "%s", key);
    ck_assert_msg(v != NULL, "frame %d: tshark has no %s", fr, key);
    return strtoull(v, NULL, 10);
}

static void expect_free(Expect *e)
{
    free(e->text);
}

static void hex(char *out, size_t cap, const uint8_t *p, size_t n)
{
    ck_assert_uint_ge(cap, 2 * n + 1);
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
    out[2 * n] = '\0';
}

#define ASSERT_HEX_EQ(bytes, want)                                            \
    do {                                                                      \
        char h_[1024];                                                        \
        hex(h_, sizeof h_, (bytes).ptr, (bytes).len);                         \
        ck_assert_str_eq(h_, (want));                                         \
    } while (0)

/* ---- layers down to L4 --------------------------------------------------------- */

typedef struct {
    zc_bytes l3;            /* the IPv4/IPv6 header and on */
    int ipv6;
    ip_proto proto;
    zc_bytes l4;            /* the transport header and on */
} Net;

/* Ethernet (and 802.1Q/802.1ad tags) down to the transport header; IPv6
   extension headers are skipped with their typed views. */
static Net net_of(const Frame *f)
{
    Net n;
    memset(&n, 0, sizeof n);
    ethernet_view eth;
    ck_assert_int_eq(ethernet_parse(&eth, f->data, f->len).code, ZC_OK);
    ether_type t = ethernet_type(eth);
    zc_bytes b = ethernet_payload(eth);
    while (t == ETHER_TYPE_VLAN || t == ETHER_TYPE_QINQ) {
        vlan_view vl;
        ck_assert_int_eq(vlan_parse(&vl, b.ptr, b.len).code, ZC_OK);
        t = vlan_type(vl);
        b = vlan_payload(vl);
    }
    n.l3 = b;
    if (t == ETHER_TYPE_IPV4) {
        ipv4_view ip;
        ck_assert_int_eq(ipv4_parse(&ip, b.ptr, b.len).code, ZC_OK);
        n.proto = ipv4_protocol(ip);
        n.l4 = ipv4_payload(ip);
    } else {
        ck_assert_int_eq(t, ETHER_TYPE_IPV6);
        ipv6_view ip;
        ck_assert_int_eq(ipv6_parse(&ip, b.ptr, b.len).code, ZC_OK);
        n.ipv6 = 1;
        n.proto = ipv6_next_header(ip);
        n.l4 = ipv6_payload(ip);
    }
    return n;
}

/* ---- 1. TCP options ---------------------------------------------------------- */

/* Walks the options of one segment with the typed API and compares every
   value with tshark's. Returns the number of options. */
static int check_tcp_options(const Expect *e, int fr, tcp_view t)
{
    tcp_option_iter it = tcp_options(t);
    tcp_option_view o;
    int i = 0;
    char key[128];
    while (tcp_option_next(&it, &o)) {
#define K(s) (snprintf(key, sizeof key, "tcp.options[%d].%s", i, s), key)
        tcp_kind kind = tcp_option_kind(o);
        ck_assert_uint_eq(kind, expect_uint(e, fr, K("kind")));
        int has_len = kind != TCP_KIND_EOL && kind != TCP_KIND_NOP;
        ck_assert_int_eq(tcp_option_has_length(o), has_len);
        ck_assert_uint_eq(o.zc_len, has_len ? tcp_option_length(o) : 1u);
        if (has_len)
            ck_assert_uint_eq(tcp_option_length(o), expect_uint(e, fr, K("length")));
        else
            ck_assert_ptr_null(expect_get(e, fr, "%s", K("length")));
        /* exactly one case field is present, the one tshark shows */
        ck_assert_int_eq(tcp_option_has_mss(o), expect_get(e, fr, "%s", K("mss")) != NULL);
        ck_assert_int_eq(tcp_option_has_shift_count(o),
                         expect_get(e, fr, "%s", K("shift_count")) != NULL);
        ck_assert_int_eq(tcp_option_has_timestamps(o),
                         expect_get(e, fr, "%s", K("timestamps.value")) != NULL);
        ck_assert_int_eq(tcp_option_has_sack(o), expect_get(e, fr, "%s", K("sack")) != NULL);
        ck_assert_int_eq(tcp_option_has_unknown(o),
                         expect_get(e, fr, "%s", K("unknown")) != NULL);
        if (tcp_option_has_mss(o))
            ck_assert_uint_eq(zc_be16toh(tcp_option_mss(o)), expect_uint(e, fr, K("mss")));
        else
            ck_assert_uint_eq(zc_be16toh(tcp_option_mss(o)), 0);   /* absent: 0 */
        if (tcp_option_has_shift_count(o))
            ck_assert_uint_eq(tcp_option_shift_count(o), expect_uint(e, fr, K("shift_count")));
        tcp_timestamps_view ts;
        ck_assert_int_eq(tcp_option_timestamps(o, &ts), tcp_option_has_timestamps(o));
        if (tcp_option_has_timestamps(o)) {
            ck_assert_uint_eq(zc_be32toh(tcp_timestamps_value(ts)),
                              expect_uint(e, fr, K("timestamps.value")));
            ck_assert_uint_eq(zc_be32toh(tcp_timestamps_echo_reply(ts)),
                              expect_uint(e, fr, K("timestamps.echo_reply")));
        }
        if (tcp_option_has_sack(o)) {
            tcp_sack_block_iter s = tcp_option_sack(o);
            tcp_sack_block_view blk;
            int j = 0;
            while (tcp_sack_block_next(&s, &blk)) {
                char k2[160];
                snprintf(k2, sizeof k2, "tcp.options[%d].sack[%d].left_edge", i, j);
                ck_assert_uint_eq(zc_be32toh(tcp_sack_block_left_edge(blk)), expect_uint(e, fr, k2));
                snprintf(k2, sizeof k2, "tcp.options[%d].sack[%d].right_edge", i, j);
                ck_assert_uint_eq(zc_be32toh(tcp_sack_block_right_edge(blk)), expect_uint(e, fr, k2));
                j++;
            }
            ck_assert_int_eq(zc_iter_status(&s).code, ZC_OK);
            ck_assert_ptr_null(expect_get(e, fr, "tcp.options[%d].sack[%d].left_edge", i, j));
            ck_assert_int_gt(j, 0);
        }
        if (tcp_option_has_unknown(o))
            ASSERT_HEX_EQ(tcp_option_unknown(o), expect_get(e, fr, "%s", K("unknown")));
#undef K
        i++;
    }
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
    ck_assert_ptr_null(expect_get(e, fr, "tcp.options[%d].kind", i));  /* none left */
    return i;
}

static const char *const tcp_fixtures[] = { "http-ipv4", "http-ipv6", "tcp-options", "tcp-flags" };

START_TEST(tcp_options_match_tshark)
{
    const char *name = tcp_fixtures[_i];
    Frame fr[MAX_FRAMES];
    int n = load_fixture(name, fr);
    Expect e;
    expect_load(&e, name);
    int syns = 0, total = 0;
    for (int i = 0; i < n; i++) {
        Net net = net_of(&fr[i]);
        ck_assert_int_eq(net.proto, IP_PROTO_TCP);
        tcp_view t;
        ck_assert_int_eq(tcp_parse(&t, net.l4.ptr, net.l4.len).code, ZC_OK);
        int k = check_tcp_options(&e, i + 1, t);
        total += k;
        if (tcp_syn(t)) {
            syns++;
            /* a Linux SYN / SYN-ACK: MSS, SACK permitted, timestamps, NOP,
               window scale */
            if (strncmp(name, "http", 4) == 0) {
                ck_assert_int_eq(k, 5);
                tcp_option_iter it = tcp_options(t);
                tcp_option_view o;
                ck_assert(tcp_option_next(&it, &o));
                ck_assert_int_eq(tcp_option_kind(o), TCP_KIND_MSS);
                ck_assert(tcp_option_next(&it, &o));
                ck_assert_int_eq(tcp_option_kind(o), TCP_KIND_SACK_PERMITTED);
                ck_assert(!tcp_option_has_data(o) || o.zc_len == 2);
                ck_assert(tcp_option_next(&it, &o));
                ck_assert_int_eq(tcp_option_kind(o), TCP_KIND_TIMESTAMPS);
                ck_assert(tcp_option_next(&it, &o));
                ck_assert_int_eq(tcp_option_kind(o), TCP_KIND_NOP);
                ck_assert(tcp_option_next(&it, &o));
                ck_assert_int_eq(tcp_option_kind(o), TCP_KIND_WINDOW_SCALE);
                ck_assert(!tcp_option_next(&it, &o));
                ck_assert(!tcp_option_next(&it, &o));   /* stays at the end */
                ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
            }
        }
    }
    if (strncmp(name, "http", 4) == 0)
        ck_assert_int_eq(syns, 2);      /* SYN and SYN-ACK */
    ck_assert_int_gt(total, 0);
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

/* ---- 2. DNS messages ----------------------------------------------------------- */

static void check_name(const Expect *e, int fr, const uint8_t *msg, size_t len, dns_name_view nv,
                       const char *key)
{
    const char *want = expect_get(e, fr, "%s", key);
    ck_assert_msg(want != NULL, "frame %d: tshark has no %s", fr, key);
    char text[ZC_DNS_NAME_TEXT_MAX];
    size_t n = 0;
    char buf[128];
    zc_status st = zc_dns_name_decode(msg, len, nv, text, sizeof text, &n);
    ck_assert_msg(st.code == ZC_OK, "%s: %s", key, zc_status_format(st, buf, sizeof buf));
    ck_assert_str_eq(text, want);
    ck_assert_uint_eq(n, strlen(want));
    ck_assert_int_eq(zc_dns_name_check(msg, len, nv).code, ZC_OK);
    ck_assert(zc_dns_name_equals(msg, len, nv, want));
    /* equality ignores ASCII case and an optional final dot */
    char upper[ZC_DNS_NAME_TEXT_MAX + 1];
    size_t i;
    for (i = 0; want[i]; i++)
        upper[i] = (char)(want[i] >= 'a' && want[i] <= 'z' ? want[i] - 32 : want[i]);
    upper[i] = '\0';
    ck_assert(zc_dns_name_equals(msg, len, nv, upper));
    if (strcmp(want, ".") != 0) {
        upper[i] = '.';
        upper[i + 1] = '\0';
        ck_assert(zc_dns_name_equals(msg, len, nv, upper));
        ck_assert(!zc_dns_name_equals(msg, len, nv, "x.example.test"));
    }
}

static int compressed_names;   /* names that end in a pointer */

static void check_rr(const Expect *e, int fr, const uint8_t *msg, size_t len, dns_rr_view rr,
                     const char *sec, int i, uint64_t *types_seen)
{
    char key[160];
#define K(s) (snprintf(key, sizeof key, "dns_message.%s[%d].%s", sec, i, s), key)
    dns_name_view nv = dns_rr_name(rr);
    if (nv.zc_len >= 2 && nv.zc_base[nv.zc_len - 2] >= 0xc0)
        compressed_names++;
    check_name(e, fr, msg, len, nv, K("name"));
    dns_type type = dns_rr_type(rr);
    ck_assert_uint_eq(type, expect_uint(e, fr, K("type")));
    ck_assert_uint_eq(zc_be16toh(dns_rr_class(rr)), expect_uint(e, fr, K("class")));
    ck_assert_uint_eq(zc_be32toh(dns_rr_ttl(rr)), expect_uint(e, fr, K("ttl")));
    ck_assert_uint_eq(zc_be16toh(dns_rr_rdlength(rr)), expect_uint(e, fr, K("rdlength")));
    if (type < 64)
        *types_seen |= (uint64_t)1 << type;
    ipv4_addr_view a4;
    ipv6_addr_view a6;
    dns_name_view n2;
    dns_mx_view mx;
    dns_soa_view soa;
    dns_srv_view srv;
    ck_assert_int_eq(dns_rr_a(rr, &a4), type == DNS_TYPE_A);
    ck_assert_int_eq(dns_rr_has_a(rr), type == DNS_TYPE_A);
    ck_assert_int_eq(dns_rr_aaaa(rr, &a6), type == DNS_TYPE_AAAA);
    ck_assert_int_eq(dns_rr_mx(rr, &mx), type == DNS_TYPE_MX);
    ck_assert_int_eq(dns_rr_soa(rr, &soa), type == DNS_TYPE_SOA);
    ck_assert_int_eq(dns_rr_srv(rr, &srv), type == DNS_TYPE_SRV);
    ck_assert_int_eq(dns_rr_has_txt(rr), type == DNS_TYPE_TXT);
    ck_assert_int_eq(dns_rr_has_edns(rr), type == DNS_TYPE_OPT);
    switch (type) {
    case DNS_TYPE_A:
        ASSERT_HEX_EQ(ipv4_addr_octets(a4), expect_get(e, fr, "%s", K("a.octets")));
        break;
    case DNS_TYPE_AAAA:
        ASSERT_HEX_EQ(ipv6_addr_octets(a6), expect_get(e, fr, "%s", K("aaaa.octets")));
        break;
    case DNS_TYPE_NS:
        ck_assert(dns_rr_ns(rr, &n2));
        check_name(e, fr, msg, len, n2, K("ns"));
        break;
    case DNS_TYPE_CNAME:
        ck_assert(dns_rr_cname(rr, &n2));
        check_name(e, fr, msg, len, n2, K("cname"));
        break;
    case DNS_TYPE_PTR:
        ck_assert(dns_rr_ptr(rr, &n2));
        check_name(e, fr, msg, len, n2, K("ptr"));
        break;
    case DNS_TYPE_MX:
        ck_assert_uint_eq(zc_be16toh(dns_mx_preference(mx)), expect_uint(e, fr, K("mx.preference")));
        check_name(e, fr, msg, len, dns_mx_exchange(mx), K("mx.exchange"));
        break;
    case DNS_TYPE_SOA:
        check_name(e, fr, msg, len, dns_soa_mname(soa), K("soa.mname"));
        check_name(e, fr, msg, len, dns_soa_rname(soa), K("soa.rname"));
        ck_assert_uint_eq(zc_be32toh(dns_soa_serial(soa)), expect_uint(e, fr, K("soa.serial")));
        ck_assert_uint_eq(zc_be32toh(dns_soa_refresh(soa)), expect_uint(e, fr, K("soa.refresh")));
        ck_assert_uint_eq(zc_be32toh(dns_soa_retry(soa)), expect_uint(e, fr, K("soa.retry")));
        ck_assert_uint_eq(zc_be32toh(dns_soa_expire(soa)), expect_uint(e, fr, K("soa.expire")));
        ck_assert_uint_eq(zc_be32toh(dns_soa_minimum(soa)), expect_uint(e, fr, K("soa.minimum")));
        break;
    case DNS_TYPE_SRV:
        ck_assert_uint_eq(zc_be16toh(dns_srv_priority(srv)), expect_uint(e, fr, K("srv.priority")));
        ck_assert_uint_eq(zc_be16toh(dns_srv_weight(srv)), expect_uint(e, fr, K("srv.weight")));
        ck_assert_uint_eq(zc_be16toh(dns_srv_port(srv)), expect_uint(e, fr, K("srv.port")));
        check_name(e, fr, msg, len, dns_srv_target(srv), K("srv.target"));
        break;
    case DNS_TYPE_TXT: {
        dns_txt_string_iter it = dns_rr_txt(rr);
        dns_txt_string_view s;
        int j = 0;
        while (dns_txt_string_next(&it, &s)) {
            char k2[200];
            snprintf(k2, sizeof k2, "dns_message.%s[%d].txt[%d].length", sec, i, j);
            ck_assert_uint_eq(dns_txt_string_length(s), expect_uint(e, fr, k2));
            snprintf(k2, sizeof k2, "dns_message.%s[%d].txt[%d].text", sec, i, j);
            ASSERT_HEX_EQ(dns_txt_string_text(s), expect_get(e, fr, "%s", k2));
            j++;
        }
        ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
        ck_assert_int_eq(j, 2);   /* "v=spf1 -all" "second string" */
        break;
    }
    case DNS_TYPE_OPT: {
        dns_edns_option_iter it = dns_rr_edns(rr);
        dns_edns_option_view o;
        int j = 0;
        while (dns_edns_option_next(&it, &o)) {
            char k2[200];
            snprintf(k2, sizeof k2, "dns_message.%s[%d].edns[%d].code", sec, i, j);
            ck_assert_uint_eq(zc_be16toh(dns_edns_option_code(o)), expect_uint(e, fr, k2));
            snprintf(k2, sizeof k2, "dns_message.%s[%d].edns[%d].data", sec, i, j);
            ASSERT_HEX_EQ(dns_edns_option_data(o), expect_get(e, fr, "%s", k2));
            j++;
        }
        ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
        ck_assert_ptr_null(expect_get(e, fr, "dns_message.%s[%d].edns[%d].code", sec, i, j));
        break;
    }
    default:
        ASSERT_HEX_EQ(dns_rr_raw(rr), expect_get(e, fr, "%s", K("raw")));
        break;
    }
#undef K
}

/* Checks one whole message (msg: its own heap buffer of exactly len bytes). */
static void check_message(const Expect *e, int fr, const uint8_t *msg, size_t len,
                          uint64_t *types_seen, int *nxdomain)
{
    dns_message_view m;
    char buf[128];
    zc_status st = dns_message_parse(&m, msg, len);
    ck_assert_msg(st.code == ZC_OK, "frame %d: %s", fr, zc_status_format(st, buf, sizeof buf));
    ck_assert_uint_eq(m.zc_len, len);
    ck_assert_uint_eq(zc_be16toh(dns_message_id(m)), expect_uint(e, fr, "dns_message.id"));
    ck_assert_uint_eq(dns_message_rcode(m), expect_uint(e, fr, "dns_message.rcode"));
    if (dns_message_rcode(m) == DNS_RESPONSE_CODE_NXDOMAIN) {
        ++*nxdomain;
        ck_assert_uint_eq(zc_be16toh(dns_message_ancount(m)), 0);
        ck_assert_uint_eq(zc_be16toh(dns_message_nscount(m)), 1);   /* the zone's SOA */
    }
    dns_question_iter it = dns_message_questions(m);
    dns_question_view q;
    int i = 0;
    while (dns_question_next(&it, &q)) {
        char key[96];
        snprintf(key, sizeof key, "dns_message.questions[%d].name", i);
        check_name(e, fr, msg, len, dns_question_name(q), key);
        snprintf(key, sizeof key, "dns_message.questions[%d].type", i);
        ck_assert_uint_eq(dns_question_type(q), expect_uint(e, fr, key));
        i++;
    }
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
    ck_assert_uint_eq((unsigned)i, zc_be16toh(dns_message_qdcount(m)));
    static const char *const secs[] = { "answers", "authorities", "additionals" };
    dns_rr_iter its[3] = { dns_message_answers(m), dns_message_authorities(m),
                       dns_message_additionals(m) };
    unsigned counts[3] = { zc_be16toh(dns_message_ancount(m)), zc_be16toh(dns_message_nscount(m)),
                           zc_be16toh(dns_message_arcount(m)) };
    for (int s = 0; s < 3; s++) {
        dns_rr_view rr;
        int k = 0;
        while (dns_rr_next(&its[s], &rr))
            check_rr(e, fr, msg, len, rr, secs[s], k++, types_seen);
        ck_assert_int_eq(zc_iter_status(&its[s]).code, ZC_OK);
        ck_assert_uint_eq((unsigned)k, counts[s]);
        ck_assert_ptr_null(expect_get(e, fr, "dns_message.%s[%d].type", secs[s], k));
    }
}

START_TEST(dns_records_match_tshark)
{
    Frame fr[MAX_FRAMES];
    int n = load_fixture("dns-records", fr);
    Expect e;
    expect_load(&e, "dns-records");
    uint64_t types = 0;
    int nxdomain = 0, responses = 0;
    compressed_names = 0;
    for (int i = 0; i < n; i++) {
        Net net = net_of(&fr[i]);
        ck_assert_int_eq(net.proto, IP_PROTO_UDP);
        udp_view u;
        ck_assert_int_eq(udp_parse(&u, net.l4.ptr, net.l4.len).code, ZC_OK);
        zc_bytes p = udp_payload(u);
        uint8_t *msg = malloc(p.len);       /* the message alone: ASan-exact */
        ck_assert_ptr_nonnull(msg);
        memcpy(msg, p.ptr, p.len);
        check_message(&e, i + 1, msg, p.len, &types, &nxdomain);
        responses += zc_be16toh(udp_src_port(u)) == 53;
        free(msg);
    }
    ck_assert_int_eq(responses, 11);
    ck_assert_int_eq(nxdomain, 1);
    static const dns_type want[] = { DNS_TYPE_A, DNS_TYPE_AAAA, DNS_TYPE_NS, DNS_TYPE_CNAME,
                                     DNS_TYPE_PTR, DNS_TYPE_MX, DNS_TYPE_TXT, DNS_TYPE_SOA,
                                     DNS_TYPE_SRV, DNS_TYPE_OPT };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        ck_assert_msg(types & ((uint64_t)1 << want[k]), "no record of type %d", want[k]);
    ck_assert_int_gt(compressed_names, 5);   /* dnsmasq compresses owner names */
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

/*
 * A message cut by the end of the capture (issue #16). Every DNS message of
 * dns-records.pcap and dns-udp.pcap, cut at every byte:
 *   - the prefix alone: dns_message_parse() says TRUNCATED, never
 *     MALFORMED (running out of input is truncation);
 *   - the prefix padded with zeros to the message's length (what zcdump
 *     decodes a snapped frame from): a failure is never reported before the
 *     cut, so it is recognised as the capture's. A PTR/NS/CNAME name cut
 *     there ends at the first zero of the padding, and "the case does not
 *     fill the switch's length" was reported at the case's start (e.g.
 *     dns_rr.ns at 134 with 135 bytes captured): zcdump printed
 *     [malformed: ...] for a record that was only snapped.
 */
START_TEST(dns_messages_cut_by_the_capture)
{
    static const char *const fixtures[] = { "dns-records", "dns-udp" };
    int messages = 0, cuts = 0;
    for (size_t k = 0; k < sizeof fixtures / sizeof fixtures[0]; k++) {
        Frame fr[MAX_FRAMES];
        int n = load_fixture(fixtures[k], fr);
        for (int i = 0; i < n; i++) {
            Net net = net_of(&fr[i]);
            udp_view u;
            if (net.proto != IP_PROTO_UDP || udp_parse(&u, net.l4.ptr, net.l4.len).code != ZC_OK)
                continue;
            zc_bytes p = udp_payload(u);
            dns_message_view m;
            if (dns_message_parse(&m, p.ptr, p.len).code != ZC_OK)
                continue;
            messages++;
            for (size_t cut = 0; cut < p.len; cut++) {
                uint8_t *msg = malloc(p.len);
                ck_assert_ptr_nonnull(msg);
                memcpy(msg, p.ptr, cut);
                zc_status st = dns_message_parse(&m, msg, cut);   /* ASan-exact prefix */
                char buf[160];
                ck_assert_msg(st.code == ZC_ERR_TRUNCATED, "%s frame %d cut at %zu: %s", fixtures[k], i + 1,
                              cut, zc_status_format(st, buf, sizeof buf));
                memset(msg + cut, 0, p.len - cut);
                st = dns_message_parse(&m, msg, p.len);
                ck_assert_msg(st.code == ZC_OK || st.offset >= cut, "%s frame %d cut at %zu, padded: %s",
                              fixtures[k], i + 1, cut, zc_status_format(st, buf, sizeof buf));
                free(msg);
                cuts++;
            }
        }
        free_frames(fr, n);
    }
    ck_assert_int_ge(messages, 20);
    ck_assert_int_gt(cuts, 1000);
}
END_TEST

/* ---- 3. DNS over TCP framing --------------------------------------------------- */

typedef struct {
    uint8_t *bytes;
    size_t len;
    size_t frame_end[MAX_FRAMES];   /* where each frame ends in the stream */
    int frames;
} Stream;

/* The TCP payloads of dns-tcp.pcap sent from (to_server ? client : server),
   in capture order, as one byte stream; each segment holds one frame
   (tshark's dns.length + 2 bytes, checked). */
static void build_stream(Stream *s, const Frame *fr, int n, const Expect *e, int to_server)
{
    memset(s, 0, sizeof *s);
    s->bytes = malloc(1 << 16);
    ck_assert_ptr_nonnull(s->bytes);
    for (int i = 0; i < n; i++) {
        Net net = net_of(&fr[i]);
        tcp_view t;
        ck_assert_int_eq(tcp_parse(&t, net.l4.ptr, net.l4.len).code, ZC_OK);
        zc_bytes p = tcp_payload(t);
        if (p.len == 0 || (zc_be16toh(tcp_dst_port(t)) == 53) != to_server)
            continue;
        ck_assert_uint_eq(p.len, expect_uint(e, i + 1, "dns_tcp.length") + 2);
        memcpy(s->bytes + s->len, p.ptr, p.len);
        s->len += p.len;
        s->frame_end[s->frames++] = s->len;
    }
    ck_assert_int_ge(s->frames, 3);
}

/* Feeds the stream in reads of sizes from next_chunk(); after each read
   frames as many whole messages as the buffer holds. The reader's buffer is
   a heap copy of exactly the unconsumed bytes (ASan-exact). */
static void feed(const Stream *s, size_t (*next_chunk)(void *), void *ctx, int *max_per_read)
{
    size_t have_from = 0, have_to = 0;   /* unconsumed bytes: [from, to) */
    int got = 0;
    *max_per_read = 0;
    while (got < s->frames) {
        size_t c = next_chunk(ctx);
        have_to = have_to + c > s->len ? s->len : have_to + c;
        int this_read = 0;
        for (;;) {
            size_t avail = have_to - have_from;
            uint8_t *buf = malloc(avail ? avail : 1);
            ck_assert_ptr_nonnull(buf);
            memcpy(buf, s->bytes + have_from, avail);
            zc_frame f = dns_tcp_frame(buf, avail);
            size_t want = s->frame_end[got] - have_from;
            if (f.state == ZC_FRAME_NEED) {
                ck_assert_uint_lt(avail, want);
                ck_assert_uint_ge(f.size, 1);
                ck_assert_uint_le(avail + f.size, want);   /* never asks for too much */
                if (avail >= 2)
                    ck_assert_uint_eq(avail + f.size, want);
                free(buf);
                break;
            }
            char txt[128];
            ck_assert_msg(f.state == ZC_FRAME_COMPLETE, "frame %d: %s", got,
                          zc_status_format(f.status, txt, sizeof txt));
            ck_assert_uint_eq(f.size, want);
            /* the frame is whole: its message parses, in order */
            dns_tcp_view v;
            ck_assert_int_eq(dns_tcp_parse(&v, buf, f.size).code, ZC_OK);
            ck_assert_uint_eq(v.zc_len, f.size);
            zc_bytes m = dns_tcp_message(v);
            dns_message_view mv;
            ck_assert_int_eq(dns_message_parse(&mv, m.ptr, m.len).code, ZC_OK);
            ck_assert_int_eq(memcmp(buf, s->bytes + have_from, f.size), 0);
            free(buf);
            have_from += f.size;
            got++;
            this_read++;
            if (got == s->frames)
                break;
        }
        if (this_read > *max_per_read)
            *max_per_read = this_read;
    }
    ck_assert_uint_eq(have_from, s->len);
}

static size_t one_byte(void *ctx)
{
    (void)ctx;
    return 1;
}

static size_t random_chunk(void *ctx)   /* 1..97 bytes, fixed-seed LCG */
{
    uint64_t *x = ctx;
    *x = *x * 6364136223846793005u + 1442695040888963407u;
    return (size_t)(*x >> 33) % 97 + 1;
}

static size_t everything(void *ctx)
{
    (void)ctx;
    return (size_t)1 << 20;
}

START_TEST(dns_tcp_stream_framing)
{
    Frame fr[MAX_FRAMES];
    int n = load_fixture("dns-tcp", fr);
    Expect e;
    expect_load(&e, "dns-tcp");
    for (int dir = 0; dir < 2; dir++) {
        Stream s;
        build_stream(&s, fr, n, &e, dir);
        int most;
        feed(&s, one_byte, NULL, &most);
        ck_assert_int_eq(most, 1);
        for (uint64_t seed = 1; seed <= 20; seed++) {
            uint64_t x = seed;
            feed(&s, random_chunk, &x, &most);
        }
        feed(&s, everything, NULL, &most);
        ck_assert_int_eq(most, s.frames);      /* all frames from one read */
        free(s.bytes);
    }
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

/* A length prefix below the 12-byte DNS header can never become valid. */
START_TEST(dns_tcp_frame_rejects_short_length)
{
    static const uint8_t bad[] = { 0x00, 0x0b };
    char buf[128];
    zc_frame f = dns_tcp_frame(bad, 1);
    ck_assert_int_eq(f.state, ZC_FRAME_NEED);
    ck_assert_uint_eq(f.size, 1);
    f = dns_tcp_frame(bad, 2);
    ck_assert_int_eq(f.state, ZC_FRAME_MALFORMED);
    ck_assert_str_eq(zc_status_format(f.status, buf, sizeof buf),
                     "constraint failed: dns_tcp.length at offset 0: length >= 12");
    f = dns_tcp_frame(bad, 0);
    ck_assert_int_eq(f.state, ZC_FRAME_NEED);
    ck_assert_uint_eq(f.size, 2);
}
END_TEST

/* ---- 4. typed accessors of the other layers ------------------------------------- */

START_TEST(qinq_tags)
{
    Frame fr[MAX_FRAMES];
    int n = load_fixture("qinq", fr);
    Expect e;
    expect_load(&e, "qinq");
    for (int i = 0; i < n; i++) {
        ethernet_view eth;
        ck_assert_int_eq(ethernet_parse(&eth, fr[i].data, fr[i].len).code, ZC_OK);
        ck_assert_int_eq(ethernet_type(eth), ETHER_TYPE_QINQ);
        ck_assert_str_eq(ether_type_name(ethernet_type(eth)), "QINQ");
        zc_bytes b = ethernet_payload(eth);
        vlan_view s, c;
        ck_assert_int_eq(vlan_parse(&s, b.ptr, b.len).code, ZC_OK);
        ck_assert_int_eq(vlan_type(s), ETHER_TYPE_VLAN);
        b = vlan_payload(s);
        ck_assert_int_eq(vlan_parse(&c, b.ptr, b.len).code, ZC_OK);
        /* the first vlan layer of the frame is the S-tag, the second the C-tag */
        const char *first = strstr(e.frame_at[i], "vlan.vid=");
        ck_assert_ptr_nonnull(first);
        ck_assert_uint_eq(vlan_vid(s), strtoull(first + 9, NULL, 10));
        const char *second = strstr(first + 1, "vlan.vid=");
        ck_assert(second != NULL && second < e.frame_at[i + 1]);
        ck_assert_uint_eq(vlan_vid(c), strtoull(second + 9, NULL, 10));
        ck_assert_uint_eq(vlan_type(c), strtoull(strstr(second, "vlan.type=") + 10, NULL, 10));
    }
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

START_TEST(gre_optional_fields)
{
    Frame fr[MAX_FRAMES];
    int n = load_fixture("gre", fr);
    Expect e;
    expect_load(&e, "gre");
    ck_assert_int_eq(n, 3);
    for (int i = 0; i < n; i++) {
        Net net = net_of(&fr[i]);
        ck_assert_int_eq(net.proto, IP_PROTO_GRE);
        gre_view g;
        ck_assert_int_eq(gre_parse(&g, net.l4.ptr, net.l4.len).code, ZC_OK);
        int fr1 = i + 1;
        ck_assert_int_eq(gre_has_checksum(g), expect_get(&e, fr1, "gre.checksum") != NULL);
        ck_assert_int_eq(gre_has_reserved1(g), expect_get(&e, fr1, "gre.reserved1") != NULL);
        ck_assert_int_eq(gre_has_key(g), expect_get(&e, fr1, "gre.key") != NULL);
        ck_assert_int_eq(gre_has_sequence(g), expect_get(&e, fr1, "gre.sequence") != NULL);
        if (gre_has_checksum(g))
            ck_assert_uint_eq(zc_be16toh(gre_checksum(g)), expect_uint(&e, fr1, "gre.checksum"));
        else
            ck_assert_uint_eq(zc_be16toh(gre_checksum(g)), 0);
        if (gre_has_key(g))
            ck_assert_uint_eq(zc_be32toh(gre_key(g)), expect_uint(&e, fr1, "gre.key"));
        if (gre_has_sequence(g))
            ck_assert_uint_eq(zc_be32toh(gre_sequence(g)), expect_uint(&e, fr1, "gre.sequence"));
        ck_assert_uint_eq(gre_protocol(g), expect_uint(&e, fr1, "gre.protocol"));
        ASSERT_HEX_EQ(gre_payload(g), expect_get(&e, fr1, "gre.payload"));
        /* header: 4 bytes + 4 per present C(+reserved1), K, S */
        size_t hdr = 4 + 4 * (size_t)(gre_has_checksum(g) + gre_has_key(g) + gre_has_sequence(g));
        ck_assert_ptr_eq(gre_payload(g).ptr, net.l4.ptr + hdr);
    }
    /* frame 2 has all three */
    Net net = net_of(&fr[1]);
    gre_view g;
    ck_assert_int_eq(gre_parse(&g, net.l4.ptr, net.l4.len).code, ZC_OK);
    ck_assert(gre_has_checksum(g) && gre_has_key(g) && gre_has_sequence(g));
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

START_TEST(vxlan_inner_frame)
{
    Frame fr[MAX_FRAMES];
    int n = load_fixture("vxlan", fr);
    Expect e;
    expect_load(&e, "vxlan");
    for (int i = 0; i < n; i++) {
        Net net = net_of(&fr[i]);
        udp_view u;
        ck_assert_int_eq(udp_parse(&u, net.l4.ptr, net.l4.len).code, ZC_OK);
        vxlan_view vx;
        zc_bytes p = udp_payload(u);
        ck_assert_int_eq(vxlan_parse(&vx, p.ptr, p.len).code, ZC_OK);
        ck_assert_uint_eq(vxlan_vni(vx), expect_uint(&e, i + 1, "vxlan.vni"));
        Frame inner = { (uint8_t *)(uintptr_t)vxlan_payload(vx).ptr, vxlan_payload(vx).len };
        Net in = net_of(&inner);
        ck_assert_int_eq(in.proto, IP_PROTO_ICMP);
    }
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

START_TEST(dhcp_typed_options)
{
    Frame fr[MAX_FRAMES];
    int n = load_fixture("dhcp", fr);
    Expect e;
    expect_load(&e, "dhcp");
    int addresses = 0;
    for (int i = 0; i < n; i++) {
        Net net = net_of(&fr[i]);
        udp_view u;
        ck_assert_int_eq(udp_parse(&u, net.l4.ptr, net.l4.len).code, ZC_OK);
        zc_bytes p = udp_payload(u);
        dhcp_view d;
        ck_assert_int_eq(dhcp_parse(&d, p.ptr, p.len).code, ZC_OK);
        dhcp_option_iter it = dhcp_options(d);
        dhcp_option_view o;
        int k = 0, fr1 = i + 1, ended = 0;
        char key[128];
        while (dhcp_option_next(&it, &o)) {
#define K(s) (snprintf(key, sizeof key, "dhcp.options[%d].%s", k, s), key)
            dhcp_code code = dhcp_option_code(o);
            ck_assert_uint_eq(code, expect_uint(&e, fr1, K("code")));
            if (code == DHCP_CODE_END)
                ended = 1;
            else if (code != DHCP_CODE_PAD)
                ck_assert_uint_eq(dhcp_option_length(o), expect_uint(&e, fr1, K("length")));
            dhcp_message_type_data_view mt;
            ck_assert_int_eq(dhcp_option_message_type(o, &mt),
                             expect_get(&e, fr1, "%s", K("message_type.value")) != NULL);
            if (dhcp_option_has_message_type(o)) {
                ck_assert_uint_eq(dhcp_message_type_data_value(mt),
                                  expect_uint(&e, fr1, K("message_type.value")));
                ASSERT_HEX_EQ(dhcp_message_type_data_extra(mt),
                              expect_get(&e, fr1, "%s", K("message_type.extra")));
            }
            if (dhcp_option_has_seconds(o))
                ck_assert_uint_eq(zc_be32toh(dhcp_option_seconds(o)), expect_uint(&e, fr1, K("seconds")));
            if (dhcp_option_has_max_size(o))
                ck_assert_uint_eq(zc_be16toh(dhcp_option_max_size(o)), expect_uint(&e, fr1, K("max_size")));
            ipv4_addr_view a;
            ck_assert_int_eq(dhcp_option_address(o, &a), dhcp_option_has_address(o));
            if (dhcp_option_has_address(o))
                ASSERT_HEX_EQ(ipv4_addr_octets(a), expect_get(&e, fr1, "%s", K("address.octets")));
            if (dhcp_option_has_addresses(o)) {
                ipv4_addr_iter ai = dhcp_option_addresses(o);
                int j = 0;
                while (ipv4_addr_next(&ai, &a)) {
                    char k2[160];
                    snprintf(k2, sizeof k2, "dhcp.options[%d].addresses[%d].octets", k, j++);
                    ASSERT_HEX_EQ(ipv4_addr_octets(a), expect_get(&e, fr1, "%s", k2));
                    addresses++;
                }
                ck_assert_int_eq(zc_iter_status(&ai).code, ZC_OK);
            }
            if (dhcp_option_has_value(o))
                ASSERT_HEX_EQ(dhcp_option_value(o), expect_get(&e, fr1, "%s", K("value")));
#undef K
            k++;
        }
        ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
        ck_assert_ptr_null(expect_get(&e, fr1, "dhcp.options[%d].code", k));
        ck_assert(ended);
    }
    ck_assert_int_eq(addresses, 3);   /* router + two DNS servers in the OFFER */
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

START_TEST(nd_options_typed)
{
    Frame fr[MAX_FRAMES];
    int n = load_fixture("icmpv6-nd-options", fr);
    Expect e;
    expect_load(&e, "icmpv6-nd-options");
    int prefixes = 0, mtus = 0;
    for (int i = 0; i < n; i++) {
        Net net = net_of(&fr[i]);
        ck_assert_int_eq(net.proto, IP_PROTO_ICMPV6);
        const char *layer = NULL;
        nd_option_iter it;
        const uint8_t *b = net.l4.ptr;
        size_t len = net.l4.len;
        switch (b[0]) {
        case ICMP6_TYPE_ROUTER_SOLICIT: {
            nd_router_solicit_view v;
            ck_assert_int_eq(nd_router_solicit_parse(&v, b, len).code, ZC_OK);
            it = nd_router_solicit_options(v), layer = "nd_router_solicit";
            break;
        }
        case ICMP6_TYPE_ROUTER_ADVERT: {
            nd_router_advert_view v;
            ck_assert_int_eq(nd_router_advert_parse(&v, b, len).code, ZC_OK);
            ck_assert_uint_eq(nd_router_advert_managed(v), expect_uint(&e, i + 1, "nd_router_advert.managed"));
            it = nd_router_advert_options(v), layer = "nd_router_advert";
            break;
        }
        case ICMP6_TYPE_NEIGHBOR_SOLICIT: {
            nd_neighbor_solicit_view v;
            ck_assert_int_eq(nd_neighbor_solicit_parse(&v, b, len).code, ZC_OK);
            it = nd_neighbor_solicit_options(v), layer = "nd_neighbor_solicit";
            break;
        }
        case ICMP6_TYPE_NEIGHBOR_ADVERT: {
            nd_neighbor_advert_view v;
            ck_assert_int_eq(nd_neighbor_advert_parse(&v, b, len).code, ZC_OK);
            it = nd_neighbor_advert_options(v), layer = "nd_neighbor_advert";
            break;
        }
        default: {
            nd_redirect_view v;
            ck_assert_int_eq(nd_redirect_parse(&v, b, len).code, ZC_OK);
            it = nd_redirect_options(v), layer = "nd_redirect";
            break;
        }
        }
        nd_option_view o;
        int k = 0, fr1 = i + 1;
        char key[160];
        while (nd_option_next(&it, &o)) {
#define K(s) (snprintf(key, sizeof key, "%s.options[%d].%s", layer, k, s), key)
            ck_assert_uint_eq(nd_option_type(o), expect_uint(&e, fr1, K("type")));
            ck_assert_uint_eq(nd_option_length(o), expect_uint(&e, fr1, K("length")));
            ck_assert_uint_eq(o.zc_len, 8u * nd_option_length(o));
            if (nd_option_has_source_link_addr(o))
                ASSERT_HEX_EQ(nd_option_source_link_addr(o), expect_get(&e, fr1, "%s", K("source_link_addr")));
            if (nd_option_has_target_link_addr(o))
                ASSERT_HEX_EQ(nd_option_target_link_addr(o), expect_get(&e, fr1, "%s", K("target_link_addr")));
            nd_prefix_info_view pi;
            ck_assert_int_eq(nd_option_prefix_info(o, &pi), nd_option_has_prefix_info(o));
            if (nd_option_has_prefix_info(o)) {
                prefixes++;
                ck_assert_uint_eq(nd_prefix_info_prefix_length(pi), expect_uint(&e, fr1, K("prefix_info.prefix_length")));
                ck_assert_uint_eq(nd_prefix_info_on_link(pi), expect_uint(&e, fr1, K("prefix_info.on_link")));
                ck_assert_uint_eq(nd_prefix_info_autonomous(pi), expect_uint(&e, fr1, K("prefix_info.autonomous")));
                ck_assert_uint_eq(zc_be32toh(nd_prefix_info_valid_lifetime(pi)),
                                  expect_uint(&e, fr1, K("prefix_info.valid_lifetime")));
                ASSERT_HEX_EQ(ipv6_addr_octets(nd_prefix_info_prefix(pi)),
                              expect_get(&e, fr1, "%s", K("prefix_info.prefix.octets")));
            }
            nd_mtu_view mv;
            ck_assert_int_eq(nd_option_mtu(o, &mv), nd_option_has_mtu(o));
            if (nd_option_has_mtu(o)) {
                mtus++;
                ck_assert_uint_eq(zc_be32toh(nd_mtu_mtu(mv)), expect_uint(&e, fr1, K("mtu.mtu")));
            }
            if (nd_option_has_unknown(o))
                ASSERT_HEX_EQ(nd_option_unknown(o), expect_get(&e, fr1, "%s", K("unknown")));
#undef K
            k++;
        }
        ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
        ck_assert_int_gt(k, 0);
        ck_assert_ptr_null(expect_get(&e, fr1, "%s.options[%d].type", layer, k));
    }
    ck_assert_int_eq(prefixes, 1);
    ck_assert_int_eq(mtus, 1);
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

START_TEST(ipv4_options_typed)
{
    Frame fr[MAX_FRAMES];
    int n = load_fixture("ipv4-options", fr);
    Expect e;
    expect_load(&e, "ipv4-options");
    int routes = 0, stamps = 0, alerts = 0;
    for (int i = 0; i < n; i++) {
        Net net = net_of(&fr[i]);
        ipv4_view ip;
        ck_assert_int_eq(ipv4_parse(&ip, net.l3.ptr, net.l3.len).code, ZC_OK);
        ipv4_option_iter it = ipv4_options(ip);
        ipv4_option_view o;
        int k = 0, fr1 = i + 1;
        char key[160];
        while (ipv4_option_next(&it, &o)) {
#define K(s) (snprintf(key, sizeof key, "ipv4.options[%d].%s", k, s), key)
            ck_assert_uint_eq(ipv4_option_type(o), expect_uint(&e, fr1, K("type")));
            ipv4_route_view r;
            ck_assert_int_eq(ipv4_option_route(o, &r), ipv4_option_has_route(o));
            if (ipv4_option_has_route(o)) {
                routes++;
                ck_assert_uint_eq(ipv4_route_pointer(r), expect_uint(&e, fr1, K("route.pointer")));
                ipv4_addr_iter ai = ipv4_route_addresses(r);
                ipv4_addr_view a;
                int j = 0;
                while (ipv4_addr_next(&ai, &a)) {
                    char k2[160];
                    snprintf(k2, sizeof k2, "ipv4.options[%d].route.addresses[%d].octets", k, j++);
                    ASSERT_HEX_EQ(ipv4_addr_octets(a), expect_get(&e, fr1, "%s", k2));
                }
                ck_assert_int_eq(zc_iter_status(&ai).code, ZC_OK);
                ck_assert_int_eq(j, 2);
            }
            ipv4_timestamp_view ts;
            ck_assert_int_eq(ipv4_option_timestamp(o, &ts), ipv4_option_has_timestamp(o));
            if (ipv4_option_has_timestamp(o)) {
                stamps++;
                ck_assert_uint_eq(ipv4_timestamp_overflow(ts), expect_uint(&e, fr1, K("timestamp.overflow")));
                ck_assert_uint_eq(ipv4_timestamp_flag(ts), expect_uint(&e, fr1, K("timestamp.flag")));
                ASSERT_HEX_EQ(ipv4_timestamp_data(ts), expect_get(&e, fr1, "%s", K("timestamp.data")));
            }
            if (ipv4_option_has_router_alert(o)) {
                alerts++;
                ck_assert_uint_eq(zc_be16toh(ipv4_option_router_alert(o)),
                                  expect_uint(&e, fr1, K("router_alert")));
            }
#undef K
            k++;
        }
        ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
        ck_assert_ptr_null(expect_get(&e, fr1, "ipv4.options[%d].type", k));
    }
    ck_assert_int_eq(routes, 2);
    ck_assert_int_eq(stamps, 1);
    ck_assert_int_eq(alerts, 1);
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

/* The extension chain of each frame, walked with the typed views (at most
   8 headers), must name the layers tshark decoded, in order. */
START_TEST(ipv6_extension_chains)
{
    Frame fr[MAX_FRAMES];
    int n = load_fixture("ipv6-ext", fr);
    Expect e;
    expect_load(&e, "ipv6-ext");
    static const char *const want[] = {
        "ipv6_hop_by_hop ipv6_routing ipv6_fragment ipv6_dest_options udp",
        "ipv6_hop_by_hop ipv6_dest_options tcp",
        "ipv6_fragment",
    };
    ck_assert_int_eq(n, 3);
    for (int i = 0; i < n; i++) {
        ethernet_view eth;
        ck_assert_int_eq(ethernet_parse(&eth, fr[i].data, fr[i].len).code, ZC_OK);
        ipv6_view ip;
        zc_bytes b = ethernet_payload(eth);
        ck_assert_int_eq(ipv6_parse(&ip, b.ptr, b.len).code, ZC_OK);
        ip_proto nh = ipv6_next_header(ip);
        b = ipv6_payload(ip);
        char chain[256] = "";
        for (int k = 0; k < 8; k++) {
            const char *name = NULL;
            size_t size = 0;
            int stop = 0;
            if (nh == IP_PROTO_HOPOPT) {
                ipv6_hop_by_hop_view h;
                ck_assert_int_eq(ipv6_hop_by_hop_parse(&h, b.ptr, b.len).code, ZC_OK);
                ck_assert_uint_eq(h.zc_len, 8u + 8u * ipv6_hop_by_hop_length(h));
                nh = ipv6_hop_by_hop_next_header(h), size = h.zc_len, name = "ipv6_hop_by_hop";
            } else if (nh == IP_PROTO_IPV6_ROUTE) {
                ipv6_routing_view r;
                ck_assert_int_eq(ipv6_routing_parse(&r, b.ptr, b.len).code, ZC_OK);
                ck_assert_uint_eq(ipv6_routing_segments_left(r), expect_uint(&e, i + 1, "ipv6_routing.segments_left"));
                nh = ipv6_routing_next_header(r), size = r.zc_len, name = "ipv6_routing";
            } else if (nh == IP_PROTO_IPV6_FRAG) {
                ipv6_fragment_view f;
                ck_assert_int_eq(ipv6_fragment_parse(&f, b.ptr, b.len).code, ZC_OK);
                ck_assert_uint_eq(f.zc_len, 8);
                ck_assert_uint_eq(ipv6_fragment_fragment_offset(f), expect_uint(&e, i + 1, "ipv6_fragment.fragment_offset"));
                ck_assert_uint_eq(zc_be32toh(ipv6_fragment_identification(f)),
                                  expect_uint(&e, i + 1, "ipv6_fragment.identification"));
                stop = ipv6_fragment_fragment_offset(f) != 0 || ipv6_fragment_more_fragments(f);
                nh = ipv6_fragment_next_header(f), size = 8, name = "ipv6_fragment";
            } else if (nh == IP_PROTO_IPV6_OPTS) {
                ipv6_dest_options_view d;
                ck_assert_int_eq(ipv6_dest_options_parse(&d, b.ptr, b.len).code, ZC_OK);
                nh = ipv6_dest_options_next_header(d), size = d.zc_len, name = "ipv6_dest_options";
            } else {
                strcat(chain, nh == IP_PROTO_UDP ? "udp" : nh == IP_PROTO_TCP ? "tcp" : "?");
                break;
            }
            strcat(chain, name);
            b = zc_bytes_make(b.ptr + size, b.len - size);
            if (stop)
                break;
            strcat(chain, " ");
        }
        ck_assert_str_eq(chain, want[i]);
        /* and tshark decoded exactly those layers */
        for (const char *p = want[i]; *p;) {
            size_t w = strcspn(p, " ");
            char key[64];
            snprintf(key, sizeof key, "%.*s.%s", (int)w, p,
                     strncmp(p, "ipv6_", 5) == 0 ? "next_header" : "src_port");
            ck_assert_msg(expect_get(&e, i + 1, "%s", key) != NULL, "frame %d: no %s", i + 1, key);
            p += w + (p[w] == ' ');
        }
    }
    expect_free(&e);
    free_frames(fr, n);
}
END_TEST

/* ---- 5. malformed frames ----------------------------------------------------------- */

/*
 * Each case's expected status, as zc_status_format() prints it, with the
 * offset base of the function that reports it (the DNS message for
 * dns_message_parse and zc_dns_name_*, the TCP header for its options
 * iterator, the IPv4 header for ipv4_options, the ICMPv6 message for ND).
 * Same order as CASES in tests/tools/make_malformed.py.
 */
typedef struct {
    const char *name;
    const char *want;
} Malformed;

static const Malformed malformed[] = {
    { "dns-loop", "malformed: dns_name at offset 14: pointer loops" },
    { "dns-self", "malformed: dns_name at offset 12: pointer points forward" },
    { "dns-forward", "malformed: dns_name at offset 12: pointer points forward" },
    { "dns-outside", "malformed: dns_name at offset 12: pointer target outside the message" },
    { "dns-label64", "malformed: dns_name at offset 12: unknown label type" },
    { "dns-name256", "limit exceeded: dns_name at offset 204: name longer than 255 bytes" },
    { "dns-counts", "truncated: dns_name at offset 19: name runs past the end of the input" },
    { "dns-ancount", "truncated: dns_name at offset 35: name runs past the end of the input" },
    { "dns-rdlength", "truncated: dns_rr.rdata at offset 31" },
    { "dns-a-len", "malformed: dns_rr.a at offset 35: the case does not fill the switch's length" },
    { "dns-txt", "truncated: dns_txt_string.text at offset 32" },
    { "tcp-optlen0", "constraint failed: tcp_option.length at offset 21: length >= 2" },
    { "tcp-optlen1", "constraint failed: tcp_option.length at offset 22: length >= 2" },
    { "tcp-optpast", "truncated: tcp_option.data at offset 24" },
    { "tcp-mss-len", "malformed: tcp_option.mss at offset 24: the case does not fill the switch's length" },
    { "ipv4-optpast", "truncated: ipv4_option.data at offset 22" },
    { "nd-optlen0", "constraint failed: nd_option.length at offset 25: length >= 1" },
};
#define N_MALFORMED (int)(sizeof malformed / sizeof malformed[0])

/* The first problem a full decode finds: the parse of each layer, every
   array walk, and every DNS name checked against the message. */
static zc_status dns_first_problem(const uint8_t *msg, size_t len)
{
    dns_message_view m;
    zc_status st = dns_message_parse(&m, msg, len);
    if (st.code != ZC_OK)
        return st;
    dns_question_iter q = dns_message_questions(m);
    dns_question_view qv;
    while (dns_question_next(&q, &qv)) {
        st = zc_dns_name_check(msg, len, dns_question_name(qv));
        if (st.code != ZC_OK)
            return st;
    }
    if (zc_iter_status(&q).code != ZC_OK)
        return zc_iter_status(&q);
    dns_rr_iter secs[3] = { dns_message_answers(m), dns_message_authorities(m),
                        dns_message_additionals(m) };
    for (int s = 0; s < 3; s++) {
        dns_rr_view rr;
        while (dns_rr_next(&secs[s], &rr)) {
            st = zc_dns_name_check(msg, len, dns_rr_name(rr));
            if (st.code != ZC_OK)
                return st;
            if (dns_rr_has_txt(rr)) {
                dns_txt_string_iter t = dns_rr_txt(rr);
                dns_txt_string_view tv;
                while (dns_txt_string_next(&t, &tv))
                    ;
                if (zc_iter_status(&t).code != ZC_OK) {
                    /* the iterator's offsets are from the record's view */
                    zc_status ts = zc_iter_status(&t);
                    return zc_fail_nested(ts, (size_t)(rr.zc_base - msg));
                }
            }
        }
        if (zc_iter_status(&secs[s]).code != ZC_OK)
            return zc_iter_status(&secs[s]);
    }
    return zc_ok();
}

static zc_status first_problem(const Frame *f)
{
    Net net = net_of(f);
    if (net.proto == IP_PROTO_UDP) {
        udp_view u;
        zc_status st = udp_parse(&u, net.l4.ptr, net.l4.len);
        if (st.code != ZC_OK)
            return st;
        if (zc_be16toh(udp_src_port(u)) == 53) {
            zc_bytes p = udp_payload(u);
            uint8_t *msg = malloc(p.len);
            ck_assert_ptr_nonnull(msg);
            memcpy(msg, p.ptr, p.len);
            st = dns_first_problem(msg, p.len);
            free(msg);
            return st;
        }
    }
    if (!net.ipv6) {
        ipv4_view ip;
        ck_assert_int_eq(ipv4_parse(&ip, net.l3.ptr, net.l3.len).code, ZC_OK);
        ipv4_option_iter it = ipv4_options(ip);
        ipv4_option_view o;
        while (ipv4_option_next(&it, &o))
            ;
        if (zc_iter_status(&it).code != ZC_OK)
            return zc_iter_status(&it);
    }
    if (net.proto == IP_PROTO_TCP) {
        tcp_view t;
        zc_status st = tcp_parse(&t, net.l4.ptr, net.l4.len);
        if (st.code != ZC_OK)
            return st;
        tcp_option_iter it = tcp_options(t);
        tcp_option_view o;
        while (tcp_option_next(&it, &o))
            ;
        return zc_iter_status(&it);
    }
    if (net.proto == IP_PROTO_ICMPV6) {
        nd_neighbor_solicit_view ns;
        zc_status st = nd_neighbor_solicit_parse(&ns, net.l4.ptr, net.l4.len);
        if (st.code != ZC_OK)
            return st;
        nd_option_iter it = nd_neighbor_solicit_options(ns);
        nd_option_view o;
        while (nd_option_next(&it, &o))
            ;
        return zc_iter_status(&it);
    }
    return zc_ok();
}

START_TEST(malformed_frames_report_exact_status)
{
    static Frame fr[MAX_FRAMES];
    static int n;
    char path[512];
    snprintf(path, sizeof path, "%s/malformed/malformed.pcap", captures_dir);
    n = load_pcap(path, fr, MAX_FRAMES);
    ck_assert_int_eq(n, N_MALFORMED);
    const Malformed *m = &malformed[_i];
    zc_status st = first_problem(&fr[_i]);
    char buf[160];
    ck_assert_msg(strcmp(zc_status_format(st, buf, sizeof buf), m->want) == 0,
                  "%s (frame %d): got \"%s\", want \"%s\"", m->name, _i + 1, buf, m->want);
    ck_assert_ptr_nonnull(st.field);
    free_frames(fr, n);
}
END_TEST

/* Every proper prefix of every malformed frame is also safe (ASan-exact
   buffers) and never reports success with more than the frame holds. */
START_TEST(malformed_prefixes_are_safe)
{
    Frame fr[MAX_FRAMES];
    char path[512];
    snprintf(path, sizeof path, "%s/malformed/malformed.pcap", captures_dir);
    int n = load_pcap(path, fr, MAX_FRAMES);
    for (int i = 0; i < n; i++) {
        Net net = net_of(&fr[i]);
        zc_bytes l4 = net.l4;
        for (size_t len = 0; len <= l4.len; len++) {
            uint8_t *b = malloc(len ? len : 1);
            ck_assert_ptr_nonnull(b);
            memcpy(b, l4.ptr, len);
            if (net.proto == IP_PROTO_UDP && len >= 8) {
                /* the DNS message alone, cut short */
                (void)dns_first_problem(b + 8, len - 8);
            } else if (net.proto == IP_PROTO_TCP) {
                tcp_view t;
                if (tcp_parse(&t, b, len).code == ZC_OK) {
                    tcp_option_iter it = tcp_options(t);
                    tcp_option_view o;
                    while (tcp_option_next(&it, &o))
                        ck_assert_uint_le((size_t)(o.zc_base - b) + o.zc_len, len);
                }
            }
            free(b);
        }
    }
    free_frames(fr, n);
}
END_TEST

/* ---- 6. NAME_parse_deep() ------------------------------------------------------ */

/* NAME_parse_deep() of a walked layer's struct over its bytes; for an
   ICMPv6 layer also that of its ND message, by type (the stack ends at
   icmpv6: ND messages are views of the same bytes). */
static zc_status layer_parse_deep(const packet_layer *l)
{
    const uint8_t *b = l->bytes.ptr;
    size_t n = l->bytes.len;
    switch (l->proto) {
    case PACKET_NONE: break;
    case PACKET_ETHERNET: { ethernet_view v; return ethernet_parse_deep(&v, b, n); }
    case PACKET_VLAN: { vlan_view v; return vlan_parse_deep(&v, b, n); }
    case PACKET_GRE: { gre_view v; return gre_parse_deep(&v, b, n); }
    case PACKET_IPV4: { ipv4_view v; return ipv4_parse_deep(&v, b, n); }
    case PACKET_IPV6: { ipv6_view v; return ipv6_parse_deep(&v, b, n); }
    case PACKET_ARP: { arp_view v; return arp_parse_deep(&v, b, n); }
    case PACKET_IPV6_HOP_BY_HOP: { ipv6_hop_by_hop_view v; return ipv6_hop_by_hop_parse_deep(&v, b, n); }
    case PACKET_IPV6_ROUTING: { ipv6_routing_view v; return ipv6_routing_parse_deep(&v, b, n); }
    case PACKET_IPV6_DEST_OPTIONS: { ipv6_dest_options_view v; return ipv6_dest_options_parse_deep(&v, b, n); }
    case PACKET_IPV6_FRAGMENT: { ipv6_fragment_view v; return ipv6_fragment_parse_deep(&v, b, n); }
    case PACKET_TCP: { tcp_view v; return tcp_parse_deep(&v, b, n); }
    case PACKET_UDP: { udp_view v; return udp_parse_deep(&v, b, n); }
    case PACKET_ICMPV4: { icmpv4_view v; return icmpv4_parse_deep(&v, b, n); }
    case PACKET_ICMPV6: {
        icmpv6_view v;
        zc_status st = icmpv6_parse_deep(&v, b, n);
        if (st.code != ZC_OK)
            return st;
        switch (icmpv6_type(v)) {
        case ICMP6_TYPE_ROUTER_SOLICIT: { nd_router_solicit_view x; return nd_router_solicit_parse_deep(&x, b, n); }
        case ICMP6_TYPE_ROUTER_ADVERT: { nd_router_advert_view x; return nd_router_advert_parse_deep(&x, b, n); }
        case ICMP6_TYPE_NEIGHBOR_SOLICIT: { nd_neighbor_solicit_view x; return nd_neighbor_solicit_parse_deep(&x, b, n); }
        case ICMP6_TYPE_NEIGHBOR_ADVERT: { nd_neighbor_advert_view x; return nd_neighbor_advert_parse_deep(&x, b, n); }
        case ICMP6_TYPE_REDIRECT: { nd_redirect_view x; return nd_redirect_parse_deep(&x, b, n); }
        default: return st;
        }
    }
    case PACKET_DNS_MESSAGE: { dns_message_view v; return dns_message_parse_deep(&v, b, n); }
    case PACKET_DHCP: { dhcp_view v; return dhcp_parse_deep(&v, b, n); }
    case PACKET_VXLAN: { vxlan_view v; return vxlan_parse_deep(&v, b, n); }
    case PACKET_DNS_TCP: { dns_tcp_view v; return dns_tcp_parse_deep(&v, b, n); }
    case PACKET_LLC: { llc_view v; return llc_parse_deep(&v, b, n); }
    case PACKET_SNAP: { snap_view v; return snap_parse_deep(&v, b, n); }
    case PACKET_NTP: { ntp_view v; return ntp_parse_deep(&v, b, n); }
    /* link layer (issue #19, "l2") */
    case PACKET_STP: { stp_view v; return stp_parse_deep(&v, b, n); }
    case PACKET_PPPOE_DISCOVERY: { pppoe_discovery_view v; return pppoe_discovery_parse_deep(&v, b, n); }
    case PACKET_PPPOE_SESSION: { pppoe_session_view v; return pppoe_session_parse_deep(&v, b, n); }
    case PACKET_PPP: { ppp_view v; return ppp_parse_deep(&v, b, n); }
    case PACKET_LCP: { lcp_view v; return lcp_parse_deep(&v, b, n); }
    case PACKET_IPCP: { ipcp_view v; return ipcp_parse_deep(&v, b, n); }
    case PACKET_IPV6CP: { ipv6cp_view v; return ipv6cp_parse_deep(&v, b, n); }
    case PACKET_LINUX_SLL: { linux_sll_view v; return linux_sll_parse_deep(&v, b, n); }
    case PACKET_LINUX_SLL2: { linux_sll2_view v; return linux_sll2_parse_deep(&v, b, n); }
    /* tunnels (issue #19, "tun") */
    case PACKET_GENEVE: { geneve_view v; return geneve_parse_deep(&v, b, n); }
    case PACKET_ERSPAN_II: { erspan_ii_view v; return erspan_ii_parse_deep(&v, b, n); }
    case PACKET_ERSPAN_III: { erspan_iii_view v; return erspan_iii_parse_deep(&v, b, n); }
    /* routed by the stack since issue #19 ("route") */
    case PACKET_MPLS: { mpls_view v; return mpls_parse_deep(&v, b, n); }
    case PACKET_LLDP: { lldp_view v; return lldp_parse_deep(&v, b, n); }
    case PACKET_IGMP: { igmp_view v; return igmp_parse_deep(&v, b, n); }
    case PACKET_SCTP: { sctp_view v; return sctp_parse_deep(&v, b, n); }
    case PACKET_TFTP: { tftp_view v; return tftp_parse_deep(&v, b, n); }
    case PACKET_QUIC: { quic_view v; return quic_parse_deep(&v, b, n); }
    case PACKET_DHCPV6: { dhcpv6_view v; return dhcpv6_parse_deep(&v, b, n); }
    case PACKET_STUN: { stun_view v; return stun_parse_deep(&v, b, n); }
    case PACKET_TLS_RECORD: { tls_record_view v; return tls_record_parse_deep(&v, b, n); }
    /* a walk start (`start radiotap.payload`, task "stack") */
    case PACKET_RADIOTAP: { radiotap_view v; return radiotap_parse_deep(&v, b, n); }
    case PACKET_MQTT: { mqtt_view v; return mqtt_parse_deep(&v, b, n); }
    /* TCP 179, `whole bgp(4)`: the route's constant argument */
    case PACKET_BGP: { bgp_view v; return bgp_parse_deep(&v, b, n, 4); }
    }
    return zc_fail(ZC_ERR_MALFORMED, 0, "test\0unknown layer");
}

/* Walks f with packet_walk(); returns the first layer whose parse_deep
   fails (*layer = its index, *n = layers walked) or ZC_OK. The walk's own
   status must be ZC_OK. */
static zc_status first_deep_failure(const Frame *f, size_t *layer, size_t *n)
{
    packet_layer l[16];
    zc_status st = packet_walk(f->data, f->len, PACKET_ETHERNET, l, 16, n);
    ck_assert_int_eq(st.code, ZC_OK);
    for (size_t i = 0; i < *n; i++) {
        st = layer_parse_deep(&l[i]);
        /* parse_deep accepts exactly what parse accepted, or less */
        if (st.code != ZC_OK) {
            *layer = i;
            return st;
        }
    }
    return zc_ok();
}

/*
 * Every layer of every frame of the captures, which tshark decodes without
 * a malformation, passes NAME_parse_deep() (ND messages by type too): the
 * deep walk finds nothing in valid traffic, and visits real arrays (TCP and
 * IPv4 options, DNS records with TXT and EDNS options, DHCP options, IPv6
 * extension options, ND options).
 */
START_TEST(parse_deep_accepts_every_capture)
{
    static const char *const fixtures[] = {
        "arp", "dhcp", "dns-records", "dns-tcp", "dns-udp", "gre", "http-ipv4", "http-ipv6", "icmpv4-ping",
        "icmpv6-nd-options", "icmpv6-nd", "icmpv6-ping", "ipv4-flags", "ipv4-options", "ipv6-ext", "padded",
        "qinq", "tcp-flags", "tcp-options", "vlan", "vxlan",
    };
    int frames = 0, layers = 0;
    for (size_t k = 0; k < sizeof fixtures / sizeof fixtures[0]; k++) {
        Frame fr[MAX_FRAMES];
        int n = load_fixture(fixtures[k], fr);
        for (int i = 0; i < n; i++) {
            size_t at = 0, walked = 0;
            zc_status st = first_deep_failure(&fr[i], &at, &walked);
            char buf[160];
            ck_assert_msg(st.code == ZC_OK, "%s frame %d layer %zu: %s", fixtures[k], i + 1, at,
                          zc_status_format(st, buf, sizeof buf));
            frames++;
            layers += (int)walked;
        }
        free_frames(fr, n);
    }
    ck_assert_int_gt(frames, 100);
    ck_assert_int_gt(layers, 300);
}
END_TEST

/*
 * The malformed frames: NAME_parse_deep() of the failing layer reports the
 * status the iterators report (tests/captures/malformed, same table and
 * offsets as malformed_frames_report_exact_status), while NAME_parse()
 * accepts the frame where the problem is inside an array of structs. The
 * four DNS compression-pointer cases are the documented exception: the
 * pointers are checked against the message by zc_dns_name_check(), not by
 * parse_deep, which accepts them.
 */
START_TEST(parse_deep_finds_malformed_arrays)
{
    static Frame fr[MAX_FRAMES];
    char path[512];
    snprintf(path, sizeof path, "%s/malformed/malformed.pcap", captures_dir);
    int n = load_pcap(path, fr, MAX_FRAMES);
    ck_assert_int_eq(n, N_MALFORMED);
    int lazy = 0;
    for (int i = 0; i < n; i++) {
        const Malformed *m = &malformed[i];
        packet_layer l[16];
        size_t walked = 0, at = 0;
        zc_status walk = packet_walk(fr[i].data, fr[i].len, PACKET_ETHERNET, l, 16, &walked);
        zc_status st = walk;
        char buf[160];
        if (walk.code == ZC_OK) {
            st = first_deep_failure(&fr[i], &at, &walked);
            lazy += st.code != ZC_OK;   /* parse accepted it; the deep walk did not */
        } else {
            /* the walk stopped at a layer that does not parse: parse_deep
               reports the same, from the layer's start */
            ck_assert_uint_lt(walked, 16);
            st = layer_parse_deep(&l[walked]);
            ck_assert_uint_eq(st.offset + l[walked].offset, walk.offset);
        }
        if (strcmp(m->name, "dns-loop") == 0 || strcmp(m->name, "dns-self") == 0 ||
            strcmp(m->name, "dns-forward") == 0 || strcmp(m->name, "dns-outside") == 0) {
            ck_assert_msg(st.code == ZC_OK, "%s: %s", m->name, zc_status_format(st, buf, sizeof buf));
            continue;
        }
        ck_assert_msg(strcmp(zc_status_format(st, buf, sizeof buf), m->want) == 0, "%s (frame %d): got \"%s\", want \"%s\"",
                      m->name, i + 1, buf, m->want);
    }
    ck_assert_int_eq(lazy, 7);   /* dns-txt, tcp-optlen0/1, tcp-optpast, tcp-mss-len, ipv4-optpast, nd-optlen0 */
    free_frames(fr, n);
}
END_TEST

static Suite *variable_suite(void)
{
    Suite *s = suite_create("variable");
    TCase *tc = tcase_create("tcp");
    tcase_add_loop_test(tc, tcp_options_match_tshark, 0,
                        (int)(sizeof tcp_fixtures / sizeof tcp_fixtures[0]));
    suite_add_tcase(s, tc);
    tc = tcase_create("dns");
    tcase_add_test(tc, dns_records_match_tshark);
    tcase_add_test(tc, dns_messages_cut_by_the_capture);
    suite_add_tcase(s, tc);
    tc = tcase_create("framing");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, dns_tcp_stream_framing);
    tcase_add_test(tc, dns_tcp_frame_rejects_short_length);
    suite_add_tcase(s, tc);
    tc = tcase_create("layers");
    tcase_add_test(tc, qinq_tags);
    tcase_add_test(tc, gre_optional_fields);
    tcase_add_test(tc, vxlan_inner_frame);
    tcase_add_test(tc, dhcp_typed_options);
    tcase_add_test(tc, nd_options_typed);
    tcase_add_test(tc, ipv4_options_typed);
    tcase_add_test(tc, ipv6_extension_chains);
    suite_add_tcase(s, tc);
    tc = tcase_create("malformed");
    tcase_add_loop_test(tc, malformed_frames_report_exact_status, 0, N_MALFORMED);
    tcase_add_test(tc, malformed_prefixes_are_safe);
    suite_add_tcase(s, tc);
    tc = tcase_create("parse_deep");
    tcase_add_test(tc, parse_deep_accepts_every_capture);
    tcase_add_test(tc, parse_deep_finds_malformed_arrays);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        captures_dir = argv[1];
    SRunner *sr = srunner_create(variable_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
