/*
 * test_api.c - the bytes of views, regions and switches, and iterators over
 * any bytes (issue #24 items 1 and 2), on real packets crafted by scapy
 * (tests/api/make-fixtures.py), every expected value from tshark
 * (tests/api/expect.py: FRAME NAME POS SIZE SHOW VALUE lines):
 *   - DHCP with option overload (52 = 3): the options, then sname and file
 *     walked as options with dhcp_option_iter_bytes(), in Wireshark's order;
 *     each option's bytes, position and data bytes as tshark has them;
 *   - IPv4 timestamp options, flag 0 and flag 1: ipv4_option_data(), the
 *     entries walked with ipv4_ts_stamp_iter_bytes() and
 *     ipv4_ts_addr_stamp_iter_bytes(), IP_RETOPTS-style option bytes in a
 *     buffer of their own walked with ipv4_option_iter_bytes();
 *   - the statuses of a walk over bytes: those of the typed iterator, with
 *     offsets from the bytes given; writable bytes (_mut);
 *   - switch regions in every position (tests/schemas-zoo/sw_regions.zc)
 *     and a struct with parameters (bgp's AS_PATH segment) walked from
 *     bytes: places and statuses from the schema's layout and the RFC's
 *     encoding, counted by hand.
 *
 *   test_api [DIR]     (DIR: where the fixtures are; default tests/api)
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "bgp.zc.h"
#include "dhcp.zc.h"
#include "ethernet.zc.h"
#include "ipv4.zc.h"
#include "udp.zc.h"
#include "sw_regions.zc.h"   /* tests/schemas-zoo/sw_regions.zc */

#define captures_dir frames_dir   /* frames.h's, set by main() */
#include "../unit/frames.h"
#undef captures_dir

static const char *dir = "tests/api";

/* ---- tshark's expectations ------------------------------------------------ */

typedef struct {
    int frame;
    char name[64];
    size_t pos, size;
    char show[128], value[256];
} Rec;

#define MAX_RECS 256
static Rec recs[MAX_RECS];
static int nrecs;

static void load_expect(const char *name)
{
    char path[512], line[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s", path);
    nrecs = 0;
    while (fgets(line, sizeof line, f)) {
        Rec *r = &recs[nrecs];
        char *fld[6] = { 0 }, *p = line;
        line[strcspn(line, "\n")] = 0;
        for (int i = 0; i < 6; i++) {
            fld[i] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = 0;
            else
                p = "";
        }
        ck_assert_int_lt(nrecs, MAX_RECS);
        r->frame = atoi(fld[0]);
        snprintf(r->name, sizeof r->name, "%s", fld[1]);
        r->pos = strtoul(fld[2], NULL, 10);
        r->size = strtoul(fld[3], NULL, 10);
        snprintf(r->show, sizeof r->show, "%s", fld[4]);
        snprintf(r->value, sizeof r->value, "%s", fld[5]);
        nrecs++;
    }
    fclose(f);
    ck_assert_int_gt(nrecs, 0);
}

/* The k-th (from 0) record of NAME in FRAME. */
static const Rec *rec(int frame, const char *name, int k)
{
    for (int i = 0; i < nrecs; i++)
        if (recs[i].frame == frame && strcmp(recs[i].name, name) == 0 && k-- == 0)
            return &recs[i];
    ck_abort_msg("frame %d: no %s #%d in the expectations", frame, name, k);
    return NULL;
}

static int count(int frame, const char *name)
{
    int n = 0;
    for (int i = 0; i < nrecs; i++)
        n += recs[i].frame == frame && strcmp(recs[i].name, name) == 0;
    return n;
}

static char hexbuf[1024];

static const char *hex(zc_bytes b)
{
    for (size_t i = 0; i < b.len && i * 2 + 2 < sizeof hexbuf; i++)
        snprintf(hexbuf + i * 2, 3, "%02x", b.ptr[i]);
    hexbuf[b.len ? b.len * 2 : 0] = 0;
    return hexbuf;
}

/* b is where record r is in frame fr, with its bytes. */
static void assert_at(const Frame *fr, zc_bytes b, const Rec *r)
{
    ck_assert_uint_eq((size_t)(b.ptr - fr->data), r->pos);
    ck_assert_uint_eq(b.len, r->size);
    ck_assert_str_eq(hex(b), r->value);
}

static Frame frames[8];

/* Ethernet, then IPv4: checks ipv4_bytes() and ipv4_bytes_after_dst()
   against tshark's ip.len and ip.hdr_len. */
static ipv4_view ip_of(const Frame *fr, int n)
{
    ethernet_view eth;
    ipv4_view ip;
    ck_assert_int_eq(ethernet_parse(&eth, fr->data, fr->len).code, ZC_OK);
    ck_assert_ptr_eq(ethernet_bytes(eth).ptr, fr->data);
    ck_assert_uint_eq(ethernet_bytes(eth).len, fr->len);
    ck_assert_int_eq(ipv4_parse(&ip, ethernet_payload(eth).ptr, ethernet_payload(eth).len).code, ZC_OK);
    zc_bytes all = ipv4_bytes(ip), rest = ipv4_bytes_after_dst(ip);
    ck_assert_uint_eq((size_t)(all.ptr - fr->data), 14);
    ck_assert_uint_eq(all.len, strtoul(rec(n, "ip.len", 0)->show, NULL, 10));
    ck_assert_ptr_eq(rest.ptr, all.ptr + 20);
    ck_assert_uint_eq(rest.len, all.len - 20);
    /* the options and the payload, after the fixed head */
    ck_assert_ptr_eq(ipv4_payload(ip).ptr, all.ptr + strtoul(rec(n, "ip.hdr_len", 0)->show, NULL, 10));
    return ip;
}

/* ---- DHCP: option overload ----------------------------------------------- */

typedef struct {
    const Frame *fr;
    int types, values;      /* dhcp.option.type / .value records seen */
    int overload;
} DhcpWalk;

/* Walks options until END (or the end of the bytes), checking each against
   tshark's next dhcp.option.type record (and .value, for options with
   data); returns the walk's status. */
static zc_status walk_options(DhcpWalk *w, dhcp_option_iter it)
{
    dhcp_option_view o;
    while (dhcp_option_next(&it, &o)) {
        const Rec *t = rec(1, "dhcp.option.type", w->types++);
        assert_at(w->fr, dhcp_option_bytes(o), t);
        if (dhcp_option_code(o) == DHCP_CODE_END) {
            ck_assert(!dhcp_option_has_data(o));
            ck_assert_uint_eq(dhcp_option_data(o).len, 0);
            break;
        }
        /* the data, whatever case it is */
        ck_assert(dhcp_option_has_data(o));
        assert_at(w->fr, dhcp_option_data(o), rec(1, "dhcp.option.value", w->values++));
        ck_assert_ptr_eq(dhcp_option_data(o).ptr, dhcp_option_bytes_after_code(o).ptr + 1);
        ipv4_addr_view a;
        switch (dhcp_option_code(o)) {
        case DHCP_CODE_MESSAGE_TYPE: {
            dhcp_message_type_data_view mt;
            ck_assert(dhcp_option_message_type(o, &mt));
            ck_assert_uint_eq(dhcp_message_type_data_value(mt),
                              strtoul(rec(1, "dhcp.option.dhcp", 0)->show, NULL, 10));
            /* tshark reads the first byte; the rest is only in the data */
            ck_assert_str_eq(hex(dhcp_message_type_data_extra(mt)),
                             rec(1, "dhcp.option.value", w->values - 1)->value + 2);
            break;
        }
        case DHCP_CODE_SERVER_ID:
            ck_assert(dhcp_option_address(o, &a));
            ck_assert_str_eq(hex(ipv4_addr_bytes(a)), rec(1, "dhcp.option.dhcp_server_id", 0)->value);
            break;
        case DHCP_CODE_SUBNET_MASK:
            ck_assert(dhcp_option_address(o, &a));
            ck_assert_str_eq(hex(ipv4_addr_bytes(a)), rec(1, "dhcp.option.subnet_mask", 0)->value);
            break;
        case DHCP_CODE_ROUTER:
        case DHCP_CODE_DNS_SERVERS: {
            const char *name = dhcp_option_code(o) == DHCP_CODE_ROUTER ? "dhcp.option.router"
                                                                       : "dhcp.option.domain_name_server";
            ipv4_addr_iter ai = dhcp_option_addresses(o);
            int k = 0;
            while (ipv4_addr_next(&ai, &a))
                assert_at(w->fr, ipv4_addr_bytes(a), rec(1, name, k++));
            ck_assert_int_eq(k, count(1, name));
            /* the same addresses, walked over the data's bytes */
            ai = ipv4_addr_iter_bytes(dhcp_option_data(o));
            for (k = 0; ipv4_addr_next(&ai, &a); k++)
                assert_at(w->fr, ipv4_addr_bytes(a), rec(1, name, k));
            ck_assert_int_eq(k, count(1, name));
            ck_assert_int_eq(zc_iter_status(&ai).code, ZC_OK);
            break;
        }
        case DHCP_CODE_LEASE_TIME:
            ck_assert_uint_eq(zc_be32toh(dhcp_option_seconds(o)),
                              strtoul(rec(1, "dhcp.option.ip_address_lease_time", 0)->show, NULL, 10));
            break;
        case DHCP_CODE_HOST_NAME:
            ck_assert_str_eq(hex(dhcp_option_value(o)), rec(1, "dhcp.option.hostname", 0)->value);
            break;
        default:
            if ((int)dhcp_option_code(o) == 52) {   /* option overload: not in dhcp_code */
                ck_assert_uint_eq(dhcp_option_value(o).len, 1);
                w->overload = dhcp_option_value(o).ptr[0];
                ck_assert_int_eq(w->overload, atoi(rec(1, "dhcp.option.option_overload", 0)->show));
                /* Wireshark's order: sname, then file, right after option 52 */
            }
            break;
        }
        if ((int)dhcp_option_code(o) == 52)
            return zc_ok();   /* the caller walks sname and file, then goes on */
    }
    return zc_iter_status(&it);
}

START_TEST(t_dhcp_overload)
{
    ck_assert_int_eq(load_pcap("dhcp-overload.pcap", frames), 1);
    load_expect("dhcp-overload.expect");
    const Frame *fr = &frames[0];
    ipv4_view ip = ip_of(fr, 1);
    udp_view u;
    dhcp_view v;
    ck_assert_int_eq(udp_parse(&u, ipv4_payload(ip).ptr, ipv4_payload(ip).len).code, ZC_OK);
    ck_assert_uint_eq(udp_bytes(u).len, strtoul(rec(1, "udp.length", 0)->show, NULL, 10));
    ck_assert_ptr_eq(udp_bytes_after_checksum(u).ptr, udp_payload(u).ptr);
    ck_assert_uint_eq(udp_bytes_after_checksum(u).len, udp_payload(u).len);
    ck_assert_int_eq(dhcp_parse(&v, udp_payload(u).ptr, udp_payload(u).len).code, ZC_OK);
    ck_assert_ptr_eq(dhcp_bytes(v).ptr, udp_payload(u).ptr);
    ck_assert_uint_eq(dhcp_bytes(v).len, udp_payload(u).len);
    /* after the fixed part (up to the magic cookie): the options */
    ck_assert_uint_eq((size_t)(dhcp_bytes_after_magic_cookie(v).ptr - dhcp_bytes(v).ptr), 240);

    DhcpWalk w = { fr, 0, 0, 0 };
    dhcp_option_iter it = dhcp_options(v);
    dhcp_option_view o;
    /* the options field up to and including 52 */
    int seen52 = 0;
    while (!seen52 && dhcp_option_next(&it, &o)) {
        dhcp_option_iter one = dhcp_option_iter_bytes(dhcp_option_bytes(o));
        ck_assert_int_eq(walk_options(&w, one).code, ZC_OK);
        seen52 = (int)dhcp_option_code(o) == 52;
    }
    ck_assert(seen52);
    ck_assert_int_eq(w.overload, 3);
    /* sname, then file: bytes walked as options */
    ck_assert_int_eq(walk_options(&w, dhcp_option_iter_bytes(dhcp_sname(v))).code, ZC_OK);
    ck_assert_int_eq(walk_options(&w, dhcp_option_iter_bytes(dhcp_file(v))).code, ZC_OK);
    /* the rest of the options field */
    ck_assert_int_eq(walk_options(&w, it).code, ZC_OK);
    ck_assert_int_eq(w.types, count(1, "dhcp.option.type"));
    ck_assert_int_eq(w.values, count(1, "dhcp.option.value"));

    /* a whole walk of sname: END, then PAD to its end, and a good end */
    dhcp_option_iter s = dhcp_option_iter_bytes(dhcp_sname(v));
    size_t n = 0, at = 0;
    while (dhcp_option_next(&s, &o)) {
        ck_assert_ptr_eq(o.zc_base, dhcp_sname(v).ptr + at);
        at += o.zc_len;
        n++;
    }
    ck_assert_int_eq(zc_iter_status(&s).code, ZC_OK);
    ck_assert_uint_eq(at, 64);
    ck_assert_uint_eq(n, 4 + (64 - 24));   /* 3, 6, 12, END, then PAD */
    free_frames(frames, 1);
}
END_TEST

/* Statuses: a walk over bytes fails as the typed iterator does, with its
   offsets from the bytes given. */
START_TEST(t_dhcp_statuses)
{
    ck_assert_int_eq(load_pcap("dhcp-overload.pcap", frames), 1);
    const Frame *fr = &frames[0];
    /* the file field cut inside the lease time's data: 3 bytes of 6 */
    const uint8_t *file = fr->data + 150;
    dhcp_option_iter it = dhcp_option_iter_bytes(zc_bytes_make(file, 3));
    dhcp_option_view o;
    ck_assert(!dhcp_option_next(&it, &o));
    zc_status st = zc_iter_status(&it), want = dhcp_option_parse(&o, file, 3);
    ck_assert_int_eq(st.code, ZC_ERR_TRUNCATED);
    ck_assert_int_eq(st.code, want.code);
    ck_assert_str_eq(st.field, "dhcp_option.data");
    ck_assert_uint_eq(st.offset, 2);
    /* the second option cut: the offset counts from the bytes' start */
    it = dhcp_option_iter_bytes(zc_bytes_make(file, 8));
    ck_assert(dhcp_option_next(&it, &o));
    ck_assert(!dhcp_option_next(&it, &o));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_ERR_TRUNCATED);
    ck_assert_uint_eq(zc_iter_status(&it).offset, 6 + 2);
    /* empty bytes: no element, a good end; a NULL pointer with them too */
    it = dhcp_option_iter_bytes(zc_bytes_make(file, 0));
    ck_assert(!dhcp_option_next(&it, &o));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
    it = dhcp_option_iter_bytes(zc_bytes_make(NULL, 0));
    ck_assert(!dhcp_option_next(&it, &o));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
    free_frames(frames, 1);
}
END_TEST

/* ---- IPv4: timestamps, options as bytes ----------------------------------- */

START_TEST(t_ipv4_timestamps)
{
    ck_assert_int_eq(load_pcap("ipv4-timestamp.pcap", frames), 2);
    load_expect("ipv4-timestamp.expect");
    for (int n = 1; n <= 2; n++) {
        const Frame *fr = &frames[n - 1];
        ipv4_view ip = ip_of(fr, n);
        ipv4_option_iter it = ipv4_options(ip);
        ipv4_option_view o;
        ipv4_timestamp_view ts;
        ck_assert(ipv4_option_next(&it, &o));
        const Rec *type = rec(n, "ip.opt.type", 0);
        size_t len = strtoul(rec(n, "ip.opt.len", 0)->show, NULL, 10);
        ck_assert_uint_eq((size_t)(ipv4_option_bytes(o).ptr - fr->data), type->pos);
        ck_assert_uint_eq(ipv4_option_bytes(o).len, len);
        ck_assert_uint_eq(ipv4_option_type(o), strtoul(type->show, NULL, 10));
        /* the switch's bytes: after type and length, length - 2 of them */
        zc_bytes data = ipv4_option_data(o);
        ck_assert_uint_eq((size_t)(data.ptr - fr->data), type->pos + 2);
        ck_assert_uint_eq(data.len, len - 2);
        ck_assert_ptr_eq(ipv4_option_bytes_after_type(o).ptr, data.ptr - 1);
        ck_assert(ipv4_option_timestamp(o, &ts));
        ck_assert_ptr_eq(ipv4_timestamp_bytes(ts).ptr, data.ptr);
        ck_assert_uint_eq(ipv4_timestamp_bytes(ts).len, data.len);
        ck_assert_uint_eq(ipv4_timestamp_pointer(ts), strtoul(rec(n, "ip.opt.ptr", 0)->show, NULL, 10));
        ck_assert_uint_eq(ipv4_timestamp_overflow(ts), strtoul(rec(n, "ip.opt.overflow", 0)->show, NULL, 10));
        unsigned flag = (unsigned)strtoul(rec(n, "ip.opt.flag", 0)->show, NULL, 16);
        ck_assert_uint_eq(ipv4_timestamp_flag(ts), flag);
        zc_bytes entries = ipv4_timestamp_data(ts);
        ck_assert_ptr_eq(ipv4_timestamp_bytes_after_flag(ts).ptr, entries.ptr);
        ck_assert_uint_eq(ipv4_timestamp_bytes_after_flag(ts).len, entries.len);
        int k = 0;
        if (flag == 0) {
            ipv4_ts_stamp_iter si = ipv4_ts_stamp_iter_bytes(entries);
            ipv4_ts_stamp_view e;
            for (; ipv4_ts_stamp_next(&si, &e); k++) {
                const Rec *r = rec(n, "ip.opt.time_stamp", k);
                assert_at(fr, ipv4_ts_stamp_bytes(e), r);
                ck_assert_uint_eq(zc_be32toh(ipv4_ts_stamp_timestamp(e)), strtoul(r->show, NULL, 10));
            }
            ck_assert_int_eq(zc_iter_status(&si).code, ZC_OK);
            ck_assert_int_eq(count(n, "ip.opt.time_stamp_addr"), 0);
        } else {
            ipv4_ts_addr_stamp_iter ai = ipv4_ts_addr_stamp_iter_bytes(entries);
            ipv4_ts_addr_stamp_view e;
            for (; ipv4_ts_addr_stamp_next(&ai, &e); k++) {
                const Rec *r = rec(n, "ip.opt.time_stamp", k), *a = rec(n, "ip.opt.time_stamp_addr", k);
                assert_at(fr, ipv4_addr_bytes(ipv4_ts_addr_stamp_address(e)), a);
                ck_assert_uint_eq(zc_be32toh(ipv4_ts_addr_stamp_timestamp(e)), strtoul(r->show, NULL, 10));
            }
            ck_assert_int_eq(zc_iter_status(&ai).code, ZC_OK);
            ck_assert_int_eq(count(n, "ip.opt.time_stamp_addr"), k);
        }
        ck_assert_int_eq(k, count(n, "ip.opt.time_stamp"));
        ck_assert(k > 0);
        ck_assert_uint_eq(ipv4_timestamp_pointer(ts), 5 + (size_t)k * (flag ? 8 : 4));   /* all filled in */

        /* IP_RETOPTS: the option bytes alone, in a buffer of their own size */
        size_t optlen = strtoul(rec(n, "ip.hdr_len", 0)->show, NULL, 10) - 20;
        uint8_t *cmsg = malloc(optlen);
        ck_assert_ptr_nonnull(cmsg);
        memcpy(cmsg, fr->data + 34, optlen);
        ipv4_option_iter ri = ipv4_option_iter_bytes(zc_bytes_make(cmsg, optlen));
        size_t at = 0;
        while (ipv4_option_next(&ri, &o)) {
            ck_assert_ptr_eq(ipv4_option_bytes(o).ptr, cmsg + at);
            if (at == 0) {
                ck_assert_uint_eq(ipv4_option_type(o), IPV4_OPT_TYPE_TS);
                ck_assert_uint_eq(ipv4_option_data(o).len, len - 2);
                ck_assert(memcmp(ipv4_option_data(o).ptr, data.ptr, data.len) == 0);
            }
            at += o.zc_len;
        }
        ck_assert_int_eq(zc_iter_status(&ri).code, ZC_OK);
        ck_assert_uint_eq(at, optlen);
        free(cmsg);
    }
    free_frames(frames, 2);
}
END_TEST

/* A walk over bytes stops as the typed iterator does, offsets aside. */
START_TEST(t_ipv4_same_statuses)
{
    ck_assert_int_eq(load_pcap("ipv4-timestamp.pcap", frames), 2);
    Frame *fr = &frames[1];
    fr->data[14 + 20 + 1] = 30;   /* the option's length runs past the options */
    ipv4_view ip;
    ck_assert_int_eq(ipv4_parse(&ip, fr->data + 14, fr->len - 14).code, ZC_OK);
    ipv4_option_iter typed = ipv4_options(ip);
    ipv4_option_iter raw = ipv4_option_iter_bytes(zc_bytes_make(typed.zc_base + typed.zc_pos,
                                                                typed.zc_end - typed.zc_pos));
    ipv4_option_view a, b;
    ck_assert(!ipv4_option_next(&typed, &a));
    ck_assert(!ipv4_option_next(&raw, &b));
    zc_status s1 = zc_iter_status(&typed), s2 = zc_iter_status(&raw);
    ck_assert_int_eq(s1.code, ZC_ERR_TRUNCATED);
    ck_assert_int_eq(s2.code, s1.code);
    ck_assert_str_eq(s2.field, s1.field);
    ck_assert_uint_eq(s2.offset + 20, s1.offset);   /* the options start at 20 */
    free_frames(frames, 2);
}
END_TEST

/* Writable bytes: the view's, after its head, a switch's. */
START_TEST(t_mutable_bytes)
{
    ck_assert_int_eq(load_pcap("ipv4-timestamp.pcap", frames), 2);
    Frame *fr = &frames[1];
    ipv4_option_mview m;
    uint8_t *opt = fr->data + 34;
    ck_assert_int_eq(ipv4_option_parse_mut(&m, opt, 20).code, ZC_OK);
    zc_wbytes all = ipv4_option_bytes_mut(m), after = ipv4_option_bytes_after_type_mut(m),
              data = ipv4_option_data_mut(m);
    ck_assert_ptr_eq(all.ptr, opt);
    ck_assert_uint_eq(all.len, 20);
    ck_assert_ptr_eq(after.ptr, opt + 1);
    ck_assert_uint_eq(after.len, 19);
    ck_assert_ptr_eq(data.ptr, opt + 2);
    ck_assert_uint_eq(data.len, 18);
    data.ptr[9] = 0x12;   /* the first timestamp's low byte ... */
    ipv4_timestamp_view ts;
    ck_assert(ipv4_option_timestamp(m.v, &ts));
    ipv4_ts_addr_stamp_iter it = ipv4_ts_addr_stamp_iter_bytes(ipv4_timestamp_data(ts));
    ipv4_ts_addr_stamp_view e;
    ck_assert(ipv4_ts_addr_stamp_next(&it, &e));
    ck_assert_uint_eq(zc_be32toh(ipv4_ts_addr_stamp_timestamp(e)), 0x312);   /* ... was 0x3e8 */
    /* a failed parse: no writable bytes */
    ck_assert_int_ne(ipv4_option_parse_mut(&m, opt, 3).code, ZC_OK);
    ck_assert_ptr_null(ipv4_option_bytes_mut(m).ptr);
    ck_assert_uint_eq(ipv4_option_data_mut(m).len, 0);
    ck_assert_uint_eq(ipv4_option_data(m.v).len, 0);
    ck_assert_uint_eq(ipv4_option_bytes_after_type(m.v).len, 0);
    free_frames(frames, 2);
}
END_TEST

/* ---- switch regions in every position (tests/schemas-zoo/sw_regions.zc) ---
   The expected places are the schema's layout, counted by hand. */

/* b is `len` bytes at offset `off` of the input. */
#define AT(b, in, off, n)                                                  \
    do {                                                                   \
        ck_assert_uint_eq((size_t)((b).ptr - (in)), (size_t)(off));       \
        ck_assert_uint_eq((b).len, (size_t)(n));                           \
    } while (0)

START_TEST(t_switch_regions)
{
    /* kind 1: first = u8 a; opt[2] present; inner body word; two elements
       (case 1, then a default with no bytes); last = be16 w */
    static const uint8_t in1[] = { 0x01, 0xaa, 0x01, 0xbb, 0xcc, 0x01, 0xcc, 0xdd, 0x02,
                                   0x01, 0x01, 0xee, 0x03, 0x00, 0x02, 0xcc, 0xdd };
    sw_regions_view v;
    swr_inner_view in;
    swr_elem_view e;
    uint8_t *buf = malloc(sizeof in1);   /* exactly its size, for ASan */
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, in1, sizeof in1);
    ck_assert_int_eq(sw_regions_parse(&v, buf, sizeof in1).code, ZC_OK);
    AT(sw_regions_bytes(v), buf, 0, sizeof in1);
    AT(sw_regions_bytes_after_kind(v), buf, 1, sizeof in1 - 1);
    AT(sw_regions_first(v), buf, 1, 1);             /* no length: the case's byte */
    ck_assert(sw_regions_has_opt(v));
    AT(sw_regions_opt(v), buf, 3, 2);               /* optional, present */
    AT(sw_regions_d(v), buf, 3, 2);                 /* its default: all of it */
    in = sw_regions_inner(v);
    AT(swr_inner_body(in), buf, 6, 2);              /* nested */
    ck_assert_uint_eq(zc_be16toh(swr_inner_word(in)), 0xccdd);
    AT(swr_inner_bytes_after_t(in), buf, 6, 2);
    swr_elem_iter it = sw_regions_elems(v);
    ck_assert(swr_elem_next(&it, &e));
    AT(swr_elem_v(e), buf, 11, 1);                  /* in an element */
    AT(swr_elem_bytes(e), buf, 9, 3);
    ck_assert(swr_elem_next(&it, &e));
    AT(swr_elem_v(e), buf, 14, 0);                  /* default, empty */
    AT(swr_elem_other(e), buf, 14, 0);
    ck_assert(!swr_elem_next(&it, &e));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
    AT(sw_regions_last(v), buf, 15, 2);             /* last, with a length */
    /* the elements again, from their bytes */
    it = swr_elem_iter_bytes(zc_bytes_make(buf + 9, 5));
    ck_assert(swr_elem_next(&it, &e));
    ck_assert_ptr_eq(e.zc_base, buf + 9);
    ck_assert(swr_elem_next(&it, &e));
    ck_assert_ptr_eq(e.zc_base, buf + 12);
    ck_assert(!swr_elem_next(&it, &e));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
    /* writable: the same places */
    sw_regions_mview m;
    ck_assert_int_eq(sw_regions_parse_mut(&m, buf, sizeof in1).code, ZC_OK);
    ck_assert_ptr_eq(sw_regions_first_mut(m).ptr, buf + 1);
    ck_assert_ptr_eq(sw_regions_opt_mut(m).ptr, buf + 3);
    ck_assert_uint_eq(sw_regions_last_mut(m).len, 2);
    sw_regions_last_mut(m).ptr[1] = 0xde;
    ck_assert_uint_eq(zc_be16toh(sw_regions_w(m.v)), 0xccde);
    free(buf);

    /* kind 3: the empty case (0 bytes); opt present; no elements; an empty last */
    static const uint8_t in3[] = { 0x03, 0x01, 0x01, 0x02, 0x01, 0x03, 0x04, 0x00, 0x00 };
    ck_assert_int_eq(sw_regions_parse(&v, in3, sizeof in3).code, ZC_OK);
    AT(sw_regions_first(v), in3, 1, 0);
    AT(sw_regions_opt(v), in3, 2, 2);
    AT(sw_regions_last(v), in3, 9, 0);
    AT(sw_regions_rest(v), in3, 9, 0);

    /* kind 4: a struct case (a switch in it); opt absent: empty */
    static const uint8_t in4[] = { 0x04, 0x01, 0x02, 0x03, 0x00, 0x09, 0x09, 0x09, 0x00, 0x00 };
    ck_assert_int_eq(sw_regions_parse(&v, in4, sizeof in4).code, ZC_OK);
    AT(sw_regions_first(v), in4, 1, 3);
    ck_assert(sw_regions_in(v, &in));
    AT(swr_inner_body(in), in4, 2, 2);
    ck_assert(!sw_regions_has_opt(v));
    AT(sw_regions_opt(v), in4, 5, 0);
    in = sw_regions_inner(v);
    AT(swr_inner_body(in), in4, 6, 2);
    AT(swr_inner_raw(in), in4, 6, 2);

    /* a walk of sw_regions over bytes: the one message, then what follows */
    uint8_t two[sizeof in3 + 1];
    memcpy(two, in3, sizeof in3);
    two[sizeof in3] = 0x02;   /* kind 2, then nothing: truncated */
    sw_regions_iter w = sw_regions_iter_bytes(zc_bytes_make(two, sizeof two));
    ck_assert(sw_regions_next(&w, &v));
    ck_assert_uint_eq(v.zc_len, sizeof in3);
    ck_assert(!sw_regions_next(&w, &v));
    ck_assert_int_eq(zc_iter_status(&w).code, ZC_ERR_TRUNCATED);
    ck_assert_str_eq(zc_iter_status(&w).field, "sw_regions.b");
    ck_assert_uint_eq(zc_iter_status(&w).offset, sizeof in3 + 1);
}
END_TEST

/* ---- a struct with parameters: walked from bytes with its arguments ------ */

START_TEST(t_params_iter_bytes)
{
    /* an AS_PATH value (RFC 4271 4.3, RFC 6793 4-octet ASNs): AS_SEQUENCE
       of 65000 65001, then AS_SET of 65536 */
    static const uint8_t path[] = { 0x02, 0x02, 0x00, 0x00, 0xfd, 0xe8, 0x00, 0x00, 0xfd, 0xe9,
                                    0x01, 0x01, 0x00, 0x01, 0x00, 0x00 };
    bgp_as_path_segment_view g;
    bgp_as_path_segment_iter it = bgp_as_path_segment_iter_bytes(zc_bytes_make(path, sizeof path), 4);
    ck_assert(bgp_as_path_segment_next(&it, &g));
    ck_assert_ptr_eq(bgp_as_path_segment_bytes(g).ptr, path);
    ck_assert_uint_eq(bgp_as_path_segment_asns(g).len, 8);
    ck_assert_ptr_eq(bgp_as_path_segment_bytes_after_count(g).ptr, path + 2);
    ck_assert(bgp_as_path_segment_next(&it, &g));
    ck_assert_ptr_eq(g.zc_base, path + 10);
    ck_assert_uint_eq(bgp_as_path_segment_count(g), 1);
    ck_assert(!bgp_as_path_segment_next(&it, &g));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_OK);
    /* read with 2-octet ASNs, the second segment starts inside the first's
       ASNs: type 0 */
    it = bgp_as_path_segment_iter_bytes(zc_bytes_make(path, sizeof path), 2);
    ck_assert(bgp_as_path_segment_next(&it, &g));
    ck_assert_uint_eq(g.zc_len, 6);
    ck_assert(!bgp_as_path_segment_next(&it, &g));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_ERR_CONSTRAINT);
    ck_assert_str_eq(zc_iter_status(&it).field, "bgp_as_path_segment.type");
    ck_assert_uint_eq(zc_iter_status(&it).offset, 6);
    /* an argument its constraint refuses, one outside its type: as the parser */
    zc_status want = bgp_as_path_segment_parse(&g, path, sizeof path, 3);
    it = bgp_as_path_segment_iter_bytes(zc_bytes_make(path, sizeof path), 3);
    ck_assert(!bgp_as_path_segment_next(&it, &g));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_ERR_CONSTRAINT);
    ck_assert_int_eq(want.code, ZC_ERR_CONSTRAINT);
    ck_assert_str_eq(zc_iter_status(&it).field, want.field);
    want = bgp_as_path_segment_parse(&g, path, sizeof path, 300);
    it = bgp_as_path_segment_iter_bytes(zc_bytes_make(path, sizeof path), 300);
    ck_assert(!bgp_as_path_segment_next(&it, &g));
    ck_assert_int_eq(zc_iter_status(&it).code, ZC_ERR_RANGE);
    ck_assert_int_eq(want.code, ZC_ERR_RANGE);
    ck_assert_str_eq(zc_iter_status(&it).field, want.field);
    ck_assert_uint_eq(zc_iter_status(&it).offset, want.offset);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc > 1)
        dir = argv[1];
    frames_dir = dir;
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("api");
    tcase_add_test(tc, t_dhcp_overload);
    tcase_add_test(tc, t_dhcp_statuses);
    tcase_add_test(tc, t_ipv4_timestamps);
    tcase_add_test(tc, t_ipv4_same_statuses);
    tcase_add_test(tc, t_mutable_bytes);
    tcase_add_test(tc, t_switch_regions);
    tcase_add_test(tc, t_params_iter_bytes);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
