/*
 * lenient.c - the driver of tests/lenient/run.sh: reads lenient.pcap (made
 * by make.py) and prints, per frame, what a tolerant walk and a strict
 * walk of the DHCP options see, and what strict and lenient parses
 * (ZC_PARSE_LENIENT, @policy constraints) say. run.sh compares the output
 * with lenient.expect, written by expect.py from tshark's decode.
 *
 * Every frame is copied into a buffer of exactly its size (ASan sees any
 * read past it).
 */
#include "dhcp.zc.h"
#include "ethernet.zc.h"
#include "icmpv4.zc.h"
#include "ipv4.zc.h"
#include "udp.zc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *code_word(zc_code c)
{
    switch (c) {
    case ZC_OK: return "ok";
    case ZC_ERR_TRUNCATED: return "truncated";
    case ZC_ERR_CONSTRAINT: return "constraint";
    case ZC_ERR_MALFORMED: return "malformed";
    default: return zc_code_name(c);
    }
}

/* "ok", or "CODE FIELD" */
static void put_status(zc_status st)
{
    if (st.code == ZC_OK)
        printf("ok");
    else
        printf("%s %s", code_word(st.code), st.field);
}

static void put_hex(zc_bytes b)
{
    for (size_t i = 0; i < b.len; i++)
        printf("%02x", b.ptr[i]);
}

/* The options of d: the tolerant walk, then the strict walk. */
static void walk_options(dhcp_view d)
{
    dhcp_option_iter it = dhcp_options(d);
    dhcp_option_view o;
    zc_status elem;
    zc_bytes raw;
    unsigned n = 0;

    while (dhcp_option_next_tolerant(&it, &o, &elem, &raw)) {
        printf("  option %u raw ", (unsigned)raw.ptr[0]);
        put_hex(raw);
        if (elem.code != ZC_OK) {
            /* the bad element: its status, its bytes, and an empty view */
            if (o.zc_len != 0 || raw.len == 0) {
                printf(" BUG: a bad element with a view\n");
                exit(1);
            }
            printf(" bad %s\n", elem.field);
            continue;
        }
        printf(" ok");
        dhcp_message_type_data_view mt;
        if (dhcp_option_message_type(o, &mt))
            printf(" message-type %u", (unsigned)dhcp_message_type_data_value(mt));
        printf("\n");
    }
    printf("  tolerant ");
    put_status(zc_iter_status(&it));
    printf("\n");

    it = dhcp_options(d);
    while (dhcp_option_next(&it, &o))
        n++;
    printf("  strict %u options, ", n);
    put_status(zc_iter_status(&it));
    printf("\n");
}

/* A parse in both modes: "strict STATUS" and "lenient STATUS policy STATUS". */
#define BOTH(NAME, view, ptr, len)                                                  \
    do {                                                                            \
        zc_status st_, pol_;                                                        \
        printf("  strict ");                                                        \
        put_status(NAME##_parse(&(view), (ptr), (len)));                            \
        st_ = NAME##_parse_ex(&(view), (ptr), (len), ZC_PARSE_LENIENT, &pol_);      \
        printf("\n  lenient ");                                                     \
        put_status(st_);                                                            \
        printf(" policy ");                                                         \
        put_status(pol_);                                                           \
        printf("\n");                                                               \
        ok_ = st_.code == ZC_OK;                                                    \
    } while (0)

static void frame(unsigned no, const uint8_t *buf, size_t len)
{
    ethernet_view e;
    ipv4_view ip;
    udp_view u;
    dhcp_view d;
    icmpv4_echo_view echo;
    zc_bytes pl;
    bool ok_ = false;

    printf("frame %u\n", no);
    if (ethernet_parse(&e, buf, len).code != ZC_OK || ethernet_type(e) != ETHER_TYPE_IPV4) {
        printf("  not ipv4\n");
        return;
    }
    pl = ethernet_payload(e);
    printf(" ipv4\n");
    BOTH(ipv4, ip, pl.ptr, pl.len);
    if (!ok_)
        return;
    pl = ipv4_payload(ip);
    if (ipv4_protocol(ip) == IP_PROTO_ICMP) {
        printf(" icmp echo\n");
        BOTH(icmpv4_echo, echo, pl.ptr, pl.len);
        return;
    }
    if (ipv4_protocol(ip) != IP_PROTO_UDP || udp_parse(&u, pl.ptr, pl.len).code != ZC_OK)
        return;
    pl = udp_payload(u);
    printf(" dhcp\n");
    BOTH(dhcp, d, pl.ptr, pl.len);
    if (ok_)
        walk_options(d);
}

static uint32_t get32(const uint8_t *p, int swap)
{
    uint32_t x;
    memcpy(&x, p, 4);
    return swap ? ((x >> 24) | ((x >> 8) & 0xff00u) | ((x << 8) & 0xff0000u) | (x << 24)) : x;
}

int main(int argc, char **argv)
{
    FILE *f;
    uint8_t hdr[24], rec[16];
    unsigned no = 0;
    int swap;

    if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
        fprintf(stderr, "usage: lenient FILE.pcap\n");
        return 2;
    }
    if (fread(hdr, 1, 24, f) != 24) {
        fprintf(stderr, "lenient: short pcap header\n");
        return 2;
    }
    swap = get32(hdr, 0) != 0xa1b2c3d4u;
    while (fread(rec, 1, 16, f) == 16) {
        uint32_t n = get32(rec + 8, swap);
        uint8_t *buf = malloc(n ? n : 1);
        if (!buf || fread(buf, 1, n, f) != n) {
            fprintf(stderr, "lenient: short record\n");
            return 2;
        }
        frame(++no, buf, n);
        free(buf);
    }
    fclose(f);
    return 0;
}
