/*
 * test_packets.c - generated parsers against real packets.
 *
 *  1. fields:     every field of every layer of every frame in the
 *                 tests/captures pcaps equals the value tshark decoded
 *                 (the .expect files, made by tests/tools/tshark_expect.py),
 *                 as reported by the generated *_visit functions: arrays of
 *                 structs element by element (TCP, IPv4, IPv6, DHCP and ND
 *                 options, DNS questions and records) and as whole regions,
 *                 optional and case fields when present, DNS names decoded
 *                 through compression pointers.
 *  2. truncation: every proper prefix of every frame, in a heap buffer of
 *                 exactly that size (so ASan sees any overread), either
 *                 fails with ZC_ERR_TRUNCATED at an offset inside the prefix
 *                 or loses only link-layer padding.
 *  3. constraints: real frames with one field broken report that field, its
 *                 offset and the failed constraint.
 *
 * Usage: test_packets [CAPTURES_DIR]   (default tests/captures)
 */
#include <check.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arp.zc.h"
#include "dhcp.zc.h"
#include "dns.zc.h"
#include "ethernet.zc.h"
#include "gre.zc.h"
#include "icmpv4.zc.h"
#include "icmpv6.zc.h"
#include "icmpv6_nd.zc.h"
#include "ipv4.zc.h"
#include "ipv6.zc.h"
#include "ipv6_ext.zc.h"
#include "lenprobe.zc.h"
#include "framecases.h"
#include "tcp.zc.h"
#include "udp.zc.h"
#include "vlan.zc.h"
#include "vxlan.zc.h"

static const char *captures_dir = "tests/captures";

/* ---- output of a walk: "layer.field=value" lines ------------------------ */

/*
 * Paths: a nested struct adds "name.", an element of an array of structs
 * "name[i].". Arrays of structs also print their whole region as one
 * `path.name=<hex>` line at ZC_FIELD_ARRAY_END (the bytes between the
 * ARRAY_BEGIN and ARRAY_END offsets), after their elements. Extern dns_name
 * fields print as dotted text, decoded against the layer's bytes (the DNS
 * message). A ZC_FIELD_ERROR (an array walk that stopped early) is a walk
 * failure: recorded in `err`, absolute offset in `err_at`.
 */
#define MAX_DEPTH 16

typedef struct {
    const char *name;
    int array;          /* 1: the array itself; 2: one element of it */
    size_t index;
    const uint8_t *base;  /* start of this view (nested struct or element) */
    size_t begin;       /* array: ARRAY_BEGIN offset, relative to base */
} Level;

typedef struct {
    char *text;
    size_t len, cap;
    const char *layer;
    const uint8_t *layer_base;   /* the layer's view */
    size_t layer_len;
    Level lv[MAX_DEPTH];
    int depth;
    zc_status err;               /* first ZC_FIELD_ERROR, if any */
    size_t err_at;               /* its offset from layer_base */
} Out;

static void out_printf(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(n, 0);
    if (o->len + (size_t)n + 1 > o->cap) {
        o->cap = (o->len + (size_t)n + 1) * 2;
        o->text = realloc(o->text, o->cap);
        ck_assert_ptr_nonnull(o->text);
    }
    va_start(ap, fmt);
    vsnprintf(o->text + o->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    o->len += (size_t)n;
}

static const uint8_t *cur_base(const Out *o)
{
    return o->depth ? o->lv[o->depth - 1].base : o->layer_base;
}

static void out_path(Out *o)
{
    out_printf(o, "%s.", o->layer);
    for (int i = 0; i < o->depth; i++) {
        const Level *l = &o->lv[i];
        if (l->array == 1)
            continue;
        if (l->array == 2)
            out_printf(o, "%s[%zu].", l->name, l->index);
        else
            out_printf(o, "%s.", l->name);
    }
}

static void out_hex(Out *o, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out_printf(o, "%02x", p[i]);
}

static Level *push(Out *o)
{
    ck_assert_int_lt(o->depth, MAX_DEPTH);
    Level *l = &o->lv[o->depth++];
    memset(l, 0, sizeof *l);
    return l;
}

static void visit_cb(void *ctx, const zc_field *f)
{
    Out *o = ctx;
    const uint8_t *base = cur_base(o);
    Level *top = o->depth ? &o->lv[o->depth - 1] : NULL;
    switch (f->kind) {
    case ZC_FIELD_ARRAY_BEGIN: {
        Level *l = push(o);
        l->name = f->name;
        l->array = 1;
        l->base = base;
        l->begin = f->offset;
        return;
    }
    case ZC_FIELD_BEGIN: {
        int elem = top && top->array == 1 && strcmp(top->name, f->name) == 0;
        Level *l = push(o);
        l->name = f->name;
        l->array = elem ? 2 : 0;
        l->index = f->index;
        l->base = base + f->offset;
        return;
    }
    case ZC_FIELD_END:
        ck_assert_ptr_nonnull(top);
        ck_assert_int_ne(top->array, 1);
        ck_assert_str_eq(top->name, f->name);
        o->depth--;
        return;
    case ZC_FIELD_ARRAY_END:
        ck_assert_ptr_nonnull(top);
        ck_assert_int_eq(top->array, 1);
        ck_assert_str_eq(top->name, f->name);
        ck_assert_uint_le(top->begin, f->offset);
        o->depth--;
        out_path(o);
        out_printf(o, "%s=", f->name);
        out_hex(o, base + top->begin, f->offset - top->begin);
        out_printf(o, "\n");
        return;
    case ZC_FIELD_ERROR:
        if (o->err.code == ZC_OK) {
            o->err = f->status;
            o->err_at = (size_t)(base - o->layer_base) + f->status.offset;
        }
        out_path(o);
        char buf[160];
        out_printf(o, "%s!error=%s\n", f->name, zc_status_format(f->status, buf, sizeof buf));
        return;
    case ZC_FIELD_EXTERN:
        out_path(o);
        out_printf(o, "%s=", f->name);
        if (strcmp(f->type, "dns_name") == 0) {
            char text[ZC_DNS_NAME_TEXT_MAX], buf[160];
            dns_name_view nv = { f->bytes.ptr, f->bytes.len };
            zc_status st = zc_dns_name_decode(o->layer_base, o->layer_len, nv, text,
                                              sizeof text, NULL);
            if (st.code == ZC_OK)
                out_printf(o, "%s\n", text);
            else
                out_printf(o, "!%s\n", zc_status_format(st, buf, sizeof buf));
        } else {
            out_hex(o, f->bytes.ptr, f->bytes.len);
            out_printf(o, "\n");
        }
        return;
    case ZC_FIELD_BYTES:
        out_path(o);
        out_printf(o, "%s=", f->name);
        out_hex(o, f->bytes.ptr, f->bytes.len);
        out_printf(o, "\n");
        return;
    case ZC_FIELD_UINT:
    case ZC_FIELD_ENUM:
        out_path(o);
        out_printf(o, "%s=%llu\n", f->name, (unsigned long long)f->value);
        return;
    }
    ck_abort_msg("unknown field kind %d", (int)f->kind);
}

/* ---- the layer walk (dispatch rules of tests/captures/README.md) ------- */

typedef struct {
    Out out;
    const uint8_t *frame;   /* start of the frame, for absolute offsets */
    zc_status fail;         /* first failure, if any */
    size_t fail_at;         /* its absolute offset in the frame */
} Walk;

/* Parses and visits one layer; a parse failure or an array walk that
   stopped early (ZC_FIELD_ERROR) ends the walk of the frame. */
#define LAYER(w, name, bytes, T)                                              \
    T##_view v;                                                               \
    zc_status st = T##_parse(&v, (bytes).ptr, (bytes).len);                   \
    if (st.code != ZC_OK) {                                                   \
        (w)->fail = st;                                                       \
        (w)->fail_at = (size_t)((bytes).ptr - (w)->frame) + st.offset;        \
        return;                                                               \
    }                                                                         \
    (w)->out.layer = name;                                                    \
    (w)->out.layer_base = v.zc_base;                                          \
    (w)->out.layer_len = v.zc_len;                                            \
    (w)->out.err = zc_ok();                                                   \
    T##_visit(v, visit_cb, &(w)->out);                                        \
    ck_assert_int_eq((w)->out.depth, 0);                                      \
    if ((w)->out.err.code != ZC_OK) {                                         \
        (w)->fail = (w)->out.err;                                             \
        (w)->fail_at = (size_t)((bytes).ptr - (w)->frame) + (w)->out.err_at;  \
        return;                                                               \
    }                                                                         \
    do { } while (0)

/* The bytes after a header whose view ends at its own size. */
#define REST(v, bytes) zc_bytes_make((bytes).ptr + (v).zc_len, (bytes).len - (v).zc_len)

static void walk_ethertype(Walk *w, ether_type type, zc_bytes payload);
static void walk_ethernet(Walk *w, zc_bytes b);

static void walk_dns_message(Walk *w, zc_bytes msg)
{
    LAYER(w, "dns_message", msg, dns_message);
}

/* DNS over UDP: the header alone, then the whole message over the same bytes. */
static void walk_dns(Walk *w, zc_bytes payload)
{
    {
        LAYER(w, "dns", payload, dns);
        /* the named group equals its tshark-checked member bits */
        ck_assert_uint_eq(dns_flags(v),
                          (unsigned)dns_qr(v) << 15 | (unsigned)dns_opcode(v) << 11 |
                          (unsigned)dns_aa(v) << 10 | (unsigned)dns_tc(v) << 9 |
                          (unsigned)dns_rd(v) << 8 | (unsigned)dns_ra(v) << 7 |
                          (unsigned)dns_z(v) << 6 | (unsigned)dns_ad(v) << 5 |
                          (unsigned)dns_cd(v) << 4 | (unsigned)dns_rcode(v));
    }
    if (w->fail.code == ZC_OK)
        walk_dns_message(w, payload);
}

static void walk_udp(Walk *w, zc_bytes b)
{
    LAYER(w, "udp", b, udp);
    uint16_t sport = zc_be16toh(udp_src_port(v)), dport = zc_be16toh(udp_dst_port(v));
    zc_bytes payload = udp_payload(v);
    if (sport == 53 || dport == 53) {
        walk_dns(w, payload);
    } else if (sport == 67 || dport == 67 || sport == 68 || dport == 68) {
        LAYER(w, "dhcp", payload, dhcp);
    } else if (dport == 4789) {
        LAYER(w, "vxlan", payload, vxlan);
        walk_ethernet(w, vxlan_payload(v));
    }
}

static void walk_tcp(Walk *w, zc_bytes b)
{
    LAYER(w, "tcp", b, tcp);
    /* the named group equals its tshark-checked member bits */
    ck_assert_uint_eq(tcp_flags(v),
                      (unsigned)tcp_cwr(v) << 7 | (unsigned)tcp_ece(v) << 6 |
                      (unsigned)tcp_urg(v) << 5 | (unsigned)tcp_ack(v) << 4 |
                      (unsigned)tcp_psh(v) << 3 | (unsigned)tcp_rst(v) << 2 |
                      (unsigned)tcp_syn(v) << 1 | (unsigned)tcp_fin(v));
    uint16_t sport = zc_be16toh(tcp_src_port(v)), dport = zc_be16toh(tcp_dst_port(v));
    zc_bytes payload = tcp_payload(v);
    if ((sport == 53 || dport == 53) && payload.len > 0) {
        /* DNS over TCP: one length-prefixed message per segment here */
        LAYER(w, "dns_tcp", payload, dns_tcp);
        ck_assert_uint_eq(v.zc_len, payload.len);
        walk_dns_message(w, dns_tcp_message(v));
    }
}

static void walk_icmpv6(Walk *w, zc_bytes b)
{
    LAYER(w, "icmpv6", b, icmpv6);
    switch (icmpv6_type(v)) {
    case ICMP6_TYPE_ECHO_REQUEST:
    case ICMP6_TYPE_ECHO_REPLY: {
        LAYER(w, "icmpv6_echo", b, icmpv6_echo);
        break;
    }
    case ICMP6_TYPE_ROUTER_SOLICIT: {
        LAYER(w, "nd_router_solicit", b, nd_router_solicit);
        break;
    }
    case ICMP6_TYPE_ROUTER_ADVERT: {
        LAYER(w, "nd_router_advert", b, nd_router_advert);
        break;
    }
    case ICMP6_TYPE_NEIGHBOR_SOLICIT: {
        LAYER(w, "nd_neighbor_solicit", b, nd_neighbor_solicit);
        break;
    }
    case ICMP6_TYPE_NEIGHBOR_ADVERT: {
        LAYER(w, "nd_neighbor_advert", b, nd_neighbor_advert);
        break;
    }
    case ICMP6_TYPE_REDIRECT: {
        LAYER(w, "nd_redirect", b, nd_redirect);
        break;
    }
    default:
        break;
    }
}

static void walk_ip_proto(Walk *w, ip_proto proto, zc_bytes b, int ext_left)
{
    switch (proto) {
    case IP_PROTO_TCP:
        walk_tcp(w, b);
        break;
    case IP_PROTO_UDP:
        walk_udp(w, b);
        break;
    case IP_PROTO_ICMP: {
        LAYER(w, "icmpv4", b, icmpv4);
        icmp_type t = icmpv4_type(v);
        if (t == ICMP_TYPE_ECHO_REQUEST || t == ICMP_TYPE_ECHO_REPLY) {
            LAYER(w, "icmpv4_echo", b, icmpv4_echo);
        }
        break;
    }
    case IP_PROTO_ICMPV6:
        walk_icmpv6(w, b);
        break;
    case IP_PROTO_GRE: {
        LAYER(w, "gre", b, gre);
        walk_ethertype(w, gre_protocol(v), gre_payload(v));
        break;
    }
    /* IPv6 extension headers (ext_left > 0 only after an IPv6 header) */
    case IP_PROTO_HOPOPT:
        if (ext_left > 0) {
            LAYER(w, "ipv6_hop_by_hop", b, ipv6_hop_by_hop);
            walk_ip_proto(w, ipv6_hop_by_hop_next_header(v), REST(v, b), ext_left - 1);
        }
        break;
    case IP_PROTO_IPV6_OPTS:
        if (ext_left > 0) {
            LAYER(w, "ipv6_dest_options", b, ipv6_dest_options);
            walk_ip_proto(w, ipv6_dest_options_next_header(v), REST(v, b), ext_left - 1);
        }
        break;
    case IP_PROTO_IPV6_ROUTE:
        if (ext_left > 0) {
            LAYER(w, "ipv6_routing", b, ipv6_routing);
            walk_ip_proto(w, ipv6_routing_next_header(v), REST(v, b), ext_left - 1);
        }
        break;
    case IP_PROTO_IPV6_FRAG:
        if (ext_left > 0) {
            LAYER(w, "ipv6_fragment", b, ipv6_fragment);
            /* only an unfragmented ("atomic") fragment carries a whole packet */
            if (ipv6_fragment_fragment_offset(v) == 0 && ipv6_fragment_more_fragments(v) == 0)
                walk_ip_proto(w, ipv6_fragment_next_header(v), REST(v, b), ext_left - 1);
        }
        break;
    default:
        break;
    }
}

#define MAX_IPV6_EXT 8

static void walk_ethertype(Walk *w, ether_type type, zc_bytes b)
{
    switch (type) {
    case ETHER_TYPE_IPV4: {
        LAYER(w, "ipv4", b, ipv4);
        walk_ip_proto(w, ipv4_protocol(v), ipv4_payload(v), 0);
        break;
    }
    case ETHER_TYPE_IPV6: {
        LAYER(w, "ipv6", b, ipv6);
        walk_ip_proto(w, ipv6_next_header(v), ipv6_payload(v), MAX_IPV6_EXT);
        break;
    }
    case ETHER_TYPE_ARP: {
        LAYER(w, "arp", b, arp);
        break;
    }
    case ETHER_TYPE_VLAN:
    case ETHER_TYPE_QINQ: {
        LAYER(w, "vlan", b, vlan);
        walk_ethertype(w, vlan_type(v), vlan_payload(v));
        break;
    }
    default:
        break;
    }
}

static void walk_ethernet(Walk *w, zc_bytes b)
{
    LAYER(w, "ethernet", b, ethernet);
    walk_ethertype(w, ethernet_type(v), ethernet_payload(v));
}

/* Walks one frame; the caller frees w->out.text. */
static void walk_frame(Walk *w, const uint8_t *p, size_t n)
{
    memset(w, 0, sizeof *w);
    w->frame = p;
    walk_ethernet(w, zc_bytes_make(p, n));
}

/* ---- fixtures ----------------------------------------------------------- */

typedef struct {
    uint8_t *data;
    size_t len;
} Frame;

static const char *const fixtures[] = {
    "arp", "dhcp", "dns-records", "dns-tcp", "dns-udp", "gre", "http-ipv4",
    "http-ipv6", "icmpv4-ping", "icmpv6-nd", "icmpv6-nd-options", "icmpv6-ping",
    "ipv4-flags", "ipv4-options", "ipv6-ext", "padded", "qinq", "tcp-flags",
    "tcp-options", "vlan", "vxlan",
};
#define N_FIXTURES (int)(sizeof fixtures / sizeof fixtures[0])

static int load_frames(const char *name, Frame *frames, int max)
{
    char path[512], err[PCAP_ERRBUF_SIZE];
    snprintf(path, sizeof path, "%s/%s.pcap", captures_dir, name);
    pcap_t *pc = pcap_open_offline(path, err);
    ck_assert_msg(pc != NULL, "%s: %s", path, err);
    ck_assert_int_eq(pcap_datalink(pc), DLT_EN10MB);
    struct pcap_pkthdr *h;
    const u_char *data;
    int n = 0, rc;
    while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
        ck_assert_int_lt(n, max);
        ck_assert_uint_eq(h->caplen, h->len);   /* fixtures are not snapped */
        frames[n].len = h->caplen;
        frames[n].data = malloc(h->caplen ? h->caplen : 1);
        ck_assert_ptr_nonnull(frames[n].data);
        memcpy(frames[n].data, data, h->caplen);
        n++;
    }
    ck_assert_int_eq(rc, PCAP_ERROR_BREAK);
    pcap_close(pc);
    ck_assert_int_gt(n, 0);
    return n;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* Reports the first line where two texts differ. */
static void assert_same_text(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0)
        return;
    int line = 1;
    const char *g = got, *w = want;
    while (*g && *g == *w) {
        if (*g == '\n')
            line++;
        g++, w++;
    }
    while (g > got && g[-1] != '\n')
        g--, w--;
    ck_abort_msg("%s: line %d differs\n  zerocast: %.*s\n  tshark:   %.*s", what, line,
                 (int)strcspn(g, "\n"), g, (int)strcspn(w, "\n"), w);
}

#define MAX_FRAMES 64

/* 1. Every field of every frame equals tshark's value. */
START_TEST(fields_match_tshark)
{
    const char *name = fixtures[_i];
    Frame frames[MAX_FRAMES];
    int n = load_frames(name, frames, MAX_FRAMES);
    Out all = { 0 };
    for (int i = 0; i < n; i++) {
        Walk w;
        walk_frame(&w, frames[i].data, frames[i].len);
        char buf[128];
        ck_assert_msg(w.fail.code == ZC_OK, "%s frame %d: %s", name, i + 1,
                      zc_status_format(w.fail, buf, sizeof buf));
        out_printf(&all, "frame %d\n%.*s", i + 1, (int)w.out.len, w.out.text ? w.out.text : "");
        free(w.out.text);
        free(frames[i].data);
    }
    char path[512];
    const char *dump = getenv("TEST_PACKETS_DUMP");   /* debugging aid: DIR */
    if (dump) {
        snprintf(path, sizeof path, "%s/%s.got", dump, name);
        FILE *f = fopen(path, "w");
        ck_assert_msg(f != NULL, "cannot write %s", path);
        fputs(all.text, f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/%s.expect", captures_dir, name);
    char *want = read_file(path);
    assert_same_text(name, all.text, want);
    free(want);
    free(all.text);
}
END_TEST

/* Drops the ethernet.payload line(s): the only field link padding changes. */
static char *without_eth_payload(const char *s)
{
    char *r = malloc(strlen(s) + 1), *q = r;
    ck_assert_ptr_nonnull(r);
    while (*s) {
        size_t n = strcspn(s, "\n") + (s[strcspn(s, "\n")] ? 1 : 0);
        if (strncmp(s, "ethernet.payload=", 17) != 0) {
            memcpy(q, s, n);
            q += n;
        }
        s += n;
    }
    *q = '\0';
    return r;
}

/* 2. Every proper prefix is reported truncated, never read past. */
START_TEST(every_prefix_is_safe)
{
    const char *name = fixtures[_i];
    Frame frames[MAX_FRAMES];
    int n = load_frames(name, frames, MAX_FRAMES);
    for (int i = 0; i < n; i++) {
        Walk full;
        walk_frame(&full, frames[i].data, frames[i].len);
        char *full_text = without_eth_payload(full.out.text ? full.out.text : "");
        for (size_t len = 0; len < frames[i].len; len++) {
            uint8_t *copy = malloc(len ? len : 1);   /* exact size: ASan guards it */
            ck_assert_ptr_nonnull(copy);
            memcpy(copy, frames[i].data, len);
            Walk w;
            walk_frame(&w, copy, len);
            if (w.fail.code != ZC_OK) {
                ck_assert_msg(w.fail.code == ZC_ERR_TRUNCATED,
                              "%s frame %d prefix %zu: code %d (%s)", name, i + 1, len,
                              w.fail.code, w.fail.field);
                ck_assert_msg(w.fail_at <= len, "%s frame %d prefix %zu: offset %zu", name,
                              i + 1, len, w.fail_at);
                ck_assert_ptr_nonnull(w.fail.field);
            } else {
                /* only padding was cut: every other field is unchanged */
                char *t = without_eth_payload(w.out.text ? w.out.text : "");
                ck_assert_msg(strcmp(t, full_text) == 0,
                              "%s frame %d prefix %zu parsed but differs", name, i + 1, len);
                free(t);
            }
            free(w.out.text);
            free(copy);
        }
        free(full_text);
        free(full.out.text);
        free(frames[i].data);
    }
}
END_TEST

/* ---- 3. constraint violations ------------------------------------------ */

typedef struct {
    const char *fixture;
    int frame;          /* 1-based */
    size_t at;          /* byte to overwrite (frame offset) */
    uint8_t value;
    zc_code code;
    const char *field;
    size_t offset;      /* expected absolute offset */
    const char *detail; /* expected detail, or NULL */
} Breakage;

/* Offsets: Ethernet 14 bytes, then IPv4 (ihl 5) at 14, L4 at 34. */
static const Breakage breakages[] = {
    { "icmpv4-ping", 1, 14, 0x65, ZC_ERR_CONSTRAINT, "ipv4.version", 14, "version == 4" },
    { "icmpv4-ping", 1, 14, 0x44, ZC_ERR_CONSTRAINT, "ipv4.ihl", 14, "ihl >= 5" },
    { "icmpv4-ping", 1, 17, 0x10, ZC_ERR_CONSTRAINT, "ipv4.total_length", 16, "total_length >= ihl * 4" },
    { "icmpv4-ping", 1, 17, 0xff, ZC_ERR_TRUNCATED, "ipv4.payload", 34, NULL },
    { "icmpv4-ping", 1, 35, 0x01, ZC_ERR_CONSTRAINT, "icmpv4_echo.code", 35, "code == 0" },
    /* 0x86dd -> 0x05dd (1501): neither an 802.3 length nor an EtherType
       (tshark: "Invalid length/type"); 0x0500 would be a valid length */
    { "icmpv6-ping", 1, 12, 0x05, ZC_ERR_CONSTRAINT, "ethernet.type", 12, "type <= 1500 || type >= 0x0600" },
    { "icmpv6-ping", 1, 14, 0x45, ZC_ERR_CONSTRAINT, "ipv6.version", 14, "version == 6" },
    { "icmpv6-ping", 1, 19, 0xff, ZC_ERR_TRUNCATED, "ipv6.payload", 54, NULL },
    { "dns-udp", 1, 39, 0x07, ZC_ERR_CONSTRAINT, "udp.length", 38, "length >= 8" },
    { "http-ipv4", 1, 46, 0x40, ZC_ERR_CONSTRAINT, "tcp.data_offset", 46, "data_offset >= 5" },
    { "http-ipv4", 1, 46, 0xf0, ZC_ERR_TRUNCATED, "tcp.options", 54, NULL },
    { "arp", 1, 18, 0x07, ZC_ERR_CONSTRAINT, "arp.hlen", 18, "hlen == 6" },
    { "arp", 1, 15, 0x02, ZC_ERR_CONSTRAINT, "arp.htype", 14, "htype == 1" },
    { "arp", 1, 17, 0x06, ZC_ERR_CONSTRAINT, "arp.ptype", 16, "ptype == ether_type.IPV4" },
    { "vxlan", 1, 42, 0x00, ZC_ERR_CONSTRAINT, "vxlan.vni_valid", 42, "vni_valid == 1" },
};
#define N_BREAKAGES (int)(sizeof breakages / sizeof breakages[0])

START_TEST(constraint_violations_name_field_and_offset)
{
    const Breakage *b = &breakages[_i];
    Frame frames[MAX_FRAMES];
    int n = load_frames(b->fixture, frames, MAX_FRAMES);
    ck_assert_int_le(b->frame, n);
    Frame *f = &frames[b->frame - 1];
    ck_assert_uint_lt(b->at, f->len);
    f->data[b->at] = b->value;
    Walk w;
    walk_frame(&w, f->data, f->len);
    char buf[160];
    zc_status_format(w.fail, buf, sizeof buf);
    ck_assert_msg(w.fail.code == b->code, "%s: got %s", b->field, buf);
    ck_assert_str_eq(w.fail.field, b->field);
    ck_assert_uint_eq(w.fail_at, b->offset);
    if (b->detail)
        ck_assert_str_eq(zc_status_detail(w.fail), b->detail);
    else
        ck_assert_ptr_null(zc_status_detail(w.fail));
    free(w.out.text);
    for (int i = 0; i < n; i++)
        free(frames[i].data);
}
END_TEST

/* A negative length is its own status (tests/unit/lenprobe.zc). */
START_TEST(negative_length_is_reported)
{
    static const uint8_t ok[] = { 5, 2, 'a', 'b', 'c', 'T' };
    static const uint8_t neg[] = { 2, 5, 'a', 'b', 'c' };
    lenprobe_view v;
    zc_status st = lenprobe_parse(&v, ok, sizeof ok);
    ck_assert_int_eq(st.code, ZC_OK);
    ck_assert_uint_eq(lenprobe_data(v).len, 3);
    ck_assert_uint_eq(lenprobe_tail(v).len, 1);
    ck_assert_int_eq(lenprobe_tail(v).ptr[0], 'T');
    st = lenprobe_parse(&v, neg, sizeof neg);
    ck_assert_int_eq(st.code, ZC_ERR_LENGTH);
    ck_assert_str_eq(st.field, "lenprobe.data");
    ck_assert_uint_eq(st.offset, 2);
    ck_assert_str_eq(zc_status_detail(st), "a - b");
    char buf[96];
    ck_assert_str_eq(zc_status_format(st, buf, sizeof buf),
                     "bad length: lenprobe.data at offset 2: a - b");
}
END_TEST

/*
 * NAME_frame() on sizes past 2^32 (tests/unit/framecases.h, issue #16): the
 * state is the same on every host, NEED's size is the exact shortfall when
 * it fits size_t, else SIZE_MAX; NAME_parse() says TRUNCATED at the array.
 * (The frame end was `OFF + (size_t)(a * b)`: on a 32-bit host a * b = 2^32
 * gave MALFORMED.) tests/host32/run.sh runs the same cases built with
 * gcc -m32 and compares.
 */
START_TEST(frame_sizes_past_32_bits)
{
    for (size_t i = 0; i < N_FRAME_CASES; i++) {
        const frame_case *c = &frame_cases[i];
        zc_status st;
        zc_frame fr = frame_case_run(c, &st);
        ck_assert_msg(fr.state == c->state, "%s: state %d, want %d", c->name, (int)fr.state, (int)c->state);
        ck_assert_msg(fr.size == frame_case_size(c->need), "%s: size %zu, want %zu", c->name, fr.size,
                      frame_case_size(c->need));
        ck_assert_msg(st.code == c->parse, "%s: parse %d, want %d", c->name, (int)st.code, (int)c->parse);
        if (c->parse != ZC_OK) {
            ck_assert_str_eq(st.field, c->parse_field);
            ck_assert_uint_eq(st.offset, c->parse_offset);
            ck_assert_int_eq(fr.status.code, c->parse);
        }
    }
}
END_TEST

/* Input that ends inside an element of an array to the end is cut short,
   not malformed (issue #16): TRUNCATED where the partial element starts. */
START_TEST(rest_array_cut_inside_an_element)
{
    static const uint8_t in[] = { 1, 9, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3 };
    restpairs_view v;
    zc_status st = restpairs_parse(&v, in, sizeof in);
    ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
    ck_assert_uint_eq(st.offset, 10);
    ck_assert_str_eq(st.field, "restpairs.xs");
    ck_assert_str_eq(zc_status_detail(st), "the input ends inside an element");
    ck_assert_int_eq(restpairs_parse(&v, in, 10).code, ZC_OK);   /* one whole element */
    ck_assert_int_eq(restpairs_parse(&v, in, 2).code, ZC_OK);    /* none */
    st = restpairs_parse(&v, in + 1, 12);                        /* t = 9: no x */
    ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
    ck_assert_uint_eq(st.offset, 9);
}
END_TEST

/*
 * NAME_parse_deep() (issue #16, tests/unit/lenprobe.zc): a TFTP-style
 * request whose option list is cut passes tftp_request_parse(), which
 * checks the list as a region, and fails tftp_request_parse_deep() with
 * TRUNCATED at the option field that runs out, offset from the request.
 */
START_TEST(parse_deep_checks_every_option)
{
    /* RRQ "f", options blksize=1432 ("bs"/"1432") and tsize=0 ("ts"/"0") */
    static const uint8_t req[] = { 0, 1, 1, 'f', 2, 'b', 's', 4, '1', '4', '3', '2', 2, 't', 's', 1, '0' };
    tftp_request_view v;
    zc_status st = tftp_request_parse_deep(&v, req, sizeof req);
    ck_assert_int_eq(st.code, ZC_OK);
    ck_assert_uint_eq(v.zc_len, sizeof req);
    /* every cut inside the options: parse accepts, parse_deep does not */
    for (size_t cut = 5; cut < sizeof req; cut++) {
        if (cut == 12)
            continue;   /* between the two options: a whole, shorter list */
        ck_assert_int_eq(tftp_request_parse(&v, req, cut).code, ZC_OK);
        st = tftp_request_parse_deep(&v, req, cut);
        ck_assert_msg(st.code == ZC_ERR_TRUNCATED, "cut %zu: code %d", cut, (int)st.code);
        ck_assert_uint_eq(v.zc_len, 0);   /* an empty view on failure */
    }
    ck_assert_int_eq(tftp_request_parse_deep(&v, req, 12).code, ZC_OK);
    /* cut inside the second option's value: tftp_option.value at 16 */
    st = tftp_request_parse_deep(&v, req, 16);
    ck_assert_str_eq(st.field, "tftp_option.value");
    ck_assert_uint_eq(st.offset, 16);
    /* cut after the second option's name: its value_len is missing (15) */
    st = tftp_request_parse_deep(&v, req, 15);
    ck_assert_str_eq(st.field, "tftp_option.value_len");
    ck_assert_uint_eq(st.offset, 15);
    /* an option with an empty name breaks a constraint */
    static const uint8_t bad[] = { 0, 2, 0, 0, 1, 'x' };
    ck_assert_int_eq(tftp_request_parse(&v, bad, sizeof bad).code, ZC_OK);
    st = tftp_request_parse_deep(&v, bad, sizeof bad);
    ck_assert_int_eq(st.code, ZC_ERR_CONSTRAINT);
    ck_assert_str_eq(st.field, "tftp_option.name_len");
    ck_assert_uint_eq(st.offset, 3);
    /* parse's own failures come first and unchanged */
    static const uint8_t op[] = { 0, 3, 0 };
    st = tftp_request_parse_deep(&v, op, sizeof op);
    ck_assert_int_eq(st.code, ZC_ERR_CONSTRAINT);
    ck_assert_str_eq(st.field, "tftp_request.opcode");

    /* through a switch case and a nested struct: offsets from the outer one */
    uint8_t w[64];
    size_t n = 0;
    w[n++] = 1;                       /* kind: case 1, req */
    w[n++] = (uint8_t)sizeof req;     /* len */
    memcpy(w + n, req, sizeof req);   /* body.req at 2 */
    n += sizeof req;
    memcpy(w + n, req, 14);           /* last at 19, cut in its second option */
    n += 14;
    tftp_wrapped_view wv;
    ck_assert_int_eq(tftp_wrapped_parse(&wv, w, n).code, ZC_OK);
    st = tftp_wrapped_parse_deep(&wv, w, n);
    ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
    ck_assert_str_eq(st.field, "tftp_option.name");
    ck_assert_uint_eq(st.offset, 19 + 13);
    w[2 + 7] = 10;                    /* body.req's first value_len: 1 past its option list */
    st = tftp_wrapped_parse_deep(&wv, w, n);
    ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
    ck_assert_str_eq(st.field, "tftp_option.value");
    ck_assert_uint_eq(st.offset, 2 + 8);
    ck_assert_int_eq(tftp_wrapped_parse(&wv, w, n).code, ZC_OK);
}
END_TEST

/*
 * A u8 array sized in bytes, followed by more fields (tests/unit/lenprobe.zc,
 * ipv4_rawopts): on every IPv4 frame of ipv4-options.pcap, its accessor
 * returns exactly ihl * 4 - 20 bytes at offset 20, the payload is where the
 * bundled ipv4.zc puts it, and the builder, given the fields back, rebuilds
 * the datagram byte for byte. (The accessor used to run to the end of the
 * view; the compiler fuzzer's headers stage found it by the round trip.)
 */
START_TEST(byte_array_by_bytes_ends_at_its_length)
{
    Frame frames[64];
    int n = load_frames("ipv4-options", frames, 64), with_options = 0;
    for (int i = 0; i < n; i++) {
        ethernet_view eth;
        ipv4_view ip;
        ipv4_rawopts_view raw;
        ck_assert_int_eq(ethernet_parse(&eth, frames[i].data, frames[i].len).code, ZC_OK);
        if (ethernet_type(eth) != ETHER_TYPE_IPV4)
            continue;
        zc_bytes l3 = ethernet_payload(eth);
        ck_assert_int_eq(ipv4_parse(&ip, l3.ptr, l3.len).code, ZC_OK);
        ck_assert_int_eq(ipv4_rawopts_parse(&raw, l3.ptr, l3.len).code, ZC_OK);
        size_t hlen = (size_t)ipv4_ihl(ip) * 4;
        zc_bytes opts = ipv4_rawopts_options(raw), pay = ipv4_rawopts_payload(raw);
        ck_assert_ptr_eq(opts.ptr, l3.ptr + 20);
        ck_assert_uint_eq(opts.len, hlen - 20);
        ck_assert_ptr_eq(pay.ptr, ipv4_payload(ip).ptr);
        ck_assert_uint_eq(pay.len, ipv4_payload(ip).len);
        ck_assert_uint_eq(raw.zc_len, ip.zc_len);
        with_options += opts.len > 0;

        /* rebuild: ihl and total_length are derived by the builder */
        uint8_t *buf = malloc(raw.zc_len);
        ck_assert_ptr_nonnull(buf);
        ipv4_rawopts_builder b;
        ipv4_rawopts_mview built;
        ipv4_rawopts_build(&b, buf, raw.zc_len);
        ck_assert_int_eq(ipv4_rawopts_put_tos(&b, ipv4_rawopts_tos(raw)).code, ZC_OK);
        zc_bytes mid = ipv4_rawopts_middle(raw);
        ck_assert_int_eq(ipv4_rawopts_put_middle(&b, mid.ptr, mid.len).code, ZC_OK);
        ck_assert_int_eq(ipv4_rawopts_put_options(&b, opts.ptr, opts.len).code, ZC_OK);
        ck_assert_int_eq(ipv4_rawopts_put_payload(&b, pay.ptr, pay.len).code, ZC_OK);
        char why[160];
        zc_status st = ipv4_rawopts_build_end(&b, &built);
        ck_assert_msg(st.code == ZC_OK, "frame %d: %s", i + 1, zc_status_format(st, why, sizeof why));
        ck_assert_uint_eq(built.v.zc_len, raw.zc_len);
        ck_assert_mem_eq(buf, raw.zc_base, raw.zc_len);
        free(buf);
    }
    ck_assert_int_gt(with_options, 0);
    for (int i = 0; i < n; i++)
        free(frames[i].data);
}
END_TEST

/* A failed parse leaves an empty view, never an uninitialised one. */
/*
 * A length whose region may be absent (tests/unit/lenprobe.zc, struct
 * optlen): put, it is kept when the region is absent and checked when the
 * region is written; not put, it is derived from the region, or 0.
 */
static size_t build_optlen(uint8_t f, int put_a, uint8_t a, const char *d, uint8_t *buf, size_t cap,
                           zc_status *st)
{
    optlen_builder b;
    optlen_mview m;
    optlen_build(&b, buf, cap);
    optlen_put_f(&b, f);
    if (put_a)
        optlen_put_a(&b, a);
    if (d)
        optlen_put_d(&b, d, strlen(d));
    *st = optlen_build_end(&b, &m);
    return st->code == ZC_OK ? m.v.zc_len : 0;
}

START_TEST(builder_length_of_optional_region)
{
    uint8_t buf[16];
    zc_status st;
    optlen_view v;

    /* region absent, length put: kept (a parsed 00 05 rebuilds as 00 05) */
    ck_assert_uint_eq(build_optlen(0, 1, 5, NULL, buf, sizeof buf, &st), 2);
    ck_assert_int_eq(st.code, ZC_OK);
    ck_assert_uint_eq(buf[1], 5);
    ck_assert_int_eq(optlen_parse(&v, buf, 2).code, ZC_OK);
    ck_assert(!optlen_has_d(v));

    /* region absent, length not put: 0 */
    ck_assert_uint_eq(build_optlen(0, 0, 0, NULL, buf, sizeof buf, &st), 2);
    ck_assert_uint_eq(buf[1], 0);

    /* region written, length not put: derived */
    ck_assert_uint_eq(build_optlen(1, 0, 0, "abc", buf, sizeof buf, &st), 5);
    ck_assert_int_eq(st.code, ZC_OK);
    ck_assert_uint_eq(buf[1], 3);
    ck_assert_int_eq(optlen_parse(&v, buf, 5).code, ZC_OK);
    ck_assert_uint_eq(optlen_d(v).len, 3);

    /* region written, length put and agreeing: built */
    ck_assert_uint_eq(build_optlen(1, 1, 3, "abc", buf, sizeof buf, &st), 5);
    ck_assert_int_eq(st.code, ZC_OK);

    /* region written, length put and disagreeing: refused, not overwritten */
    ck_assert_uint_eq(build_optlen(1, 1, 4, "abc", buf, sizeof buf, &st), 0);
    ck_assert_int_ne(st.code, ZC_OK);
    ck_assert_ptr_nonnull(st.field);
    ck_assert(strncmp(st.field, "optlen.", 7) == 0);
}
END_TEST

START_TEST(failed_parse_empties_view)
{
    static const uint8_t bad[] = { 0x45, 0, 0, 20 };
    ipv4_view v;
    v.zc_base = bad + 1;
    v.zc_len = 77;
    zc_status st = ipv4_parse(&v, bad, sizeof bad);
    ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
    ck_assert_str_eq(st.field, "ipv4.identification");
    ck_assert_ptr_eq(v.zc_base, bad);
    ck_assert_uint_eq(v.zc_len, 0);
}
END_TEST

static Suite *packets_suite(void)
{
    Suite *s = suite_create("packets");
    TCase *tc = tcase_create("fields");
    tcase_add_loop_test(tc, fields_match_tshark, 0, N_FIXTURES);
    suite_add_tcase(s, tc);
    tc = tcase_create("truncation");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, every_prefix_is_safe, 0, N_FIXTURES);
    suite_add_tcase(s, tc);
    tc = tcase_create("constraints");
    tcase_add_loop_test(tc, constraint_violations_name_field_and_offset, 0, N_BREAKAGES);
    tcase_add_test(tc, negative_length_is_reported);
    tcase_add_test(tc, frame_sizes_past_32_bits);
    tcase_add_test(tc, rest_array_cut_inside_an_element);
    tcase_add_test(tc, parse_deep_checks_every_option);
    tcase_add_test(tc, failed_parse_empties_view);
    tcase_add_test(tc, builder_length_of_optional_region);
    tcase_add_test(tc, byte_array_by_bytes_ends_at_its_length);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        captures_dir = argv[1];
    SRunner *sr = srunner_create(packets_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
