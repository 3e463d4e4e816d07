/*
 * zcdump.h - what the files of zcdump share (examples/zcdump/).
 *
 *   main.c     options, pcap (files, stdin, live capture), BPF filter, -w, loop
 *   decode.c   one packet: link layer, packet_walk(), ICMP sub-views,
 *              snapped packets, the field walk every output uses, problems
 *   line.c     the one-line summary (tcpdump -n style), -v tree, -x/-X/-A dumps
 *   csum.c     -v: checksum verdicts of IPv4, ICMP, ICMPv6, TCP and UDP
 *   flows.c    relative TCP sequence numbers: a bounded table of flows
 *   json.c     --json: one object per packet
 *   out.c      buffered output and number/address formatting
 *   link.zc    schemas for the link-layer headers besides Ethernet
 *
 * Everything is decoded by zerocast-generated code: packet_walk() from
 * schemas/packet.zc for the layers, the generated NAME_parse() for the link
 * headers and the ICMP message views, the generated NAME_visit() for every
 * field, runtime/zerocast_dns.h for DNS names. zcdump itself adds no
 * offsets, casts or byte swaps.
 */
#ifndef ZCDUMP_H
#define ZCDUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pcap/pcap.h>   /* DLT_* */

#include "packet.zc.h"    /* every bundled protocol, the stack walker, zerocast_dns.h */
#include "icmpv6_nd.zc.h" /* Neighbor Discovery messages (not in the stack) */
#include "link.zc.h"      /* examples/zcdump/link.zc: NULL/LOOP, Linux SLL/SLL2, raw IP */

#define ZCDUMP_VERSION "0.1.0"

/* Most layers in one packet: Ethernet, two VLAN tags, IPv6 with 8
 * extension headers, UDP, VXLAN, the same again inside, and room to spare.
 * More is reported as "limit exceeded: packet ...". */
#define ZD_MAX_LAYERS 48
/* Problems kept per packet (more are counted, not kept). */
#define ZD_MAX_PROBLEMS 8
/* Deepest nesting of structs and arrays inside one layer (the bundled
 * schemas need 6: dns_message > answers > dns_rr > txt > dns_txt_string). */
#define ZD_MAX_DEPTH 32
/* A snapped packet is decoded from a zero-padded copy of at most this
 * many bytes (pcap's largest snapshot length). */
#define ZD_PAD_MAX 262144u

/* ---- options (main.c) ---------------------------------------------------- */

typedef enum { ZD_FMT_LINE, ZD_FMT_JSON } zd_format;

typedef struct {
    zd_format format;
    bool json_offsets;   /* --json-offsets: "field@": absolute offset */
    int verbose;         /* -v: checksum verdicts and every field of every layer */
    int hex;             /* -x (1): bytes after the link header in hex; -xx (2): all */
    int hexascii;        /* -X / -XX: the same with ASCII */
    int ascii;           /* -A: the bytes after the link header as ASCII */
    bool quiet;          /* -q: no application layer, shorter TCP */
    bool abs_seq;        /* -S: absolute TCP sequence numbers */
    bool link;           /* -e: link-layer addresses on the line */
    int timestamps;      /* tcpdump's -t count: 0 time of day; 1 none; 2 epoch;
                            3 since the previous packet; 4 date and time;
                            5 since the first packet */
    bool utc;            /* --utc: UTC instead of local time (TZ) */
    int ts_digits;       /* 6 or 9 (--time-stamp-precision=micro|nano) */
    bool numbers;        /* -#: frame numbers */
    int linktype;        /* DLT_ of the capture */
} zd_options;

extern zd_options zd_opt;

/* ---- out.c ---------------------------------------------------------------- */

void zd_out_flush(void);
bool zd_out_failed(void);
char zd_out_last(void);                          /* the last character written (0: none yet) */
void zd_putc(char c);
void zd_putn(const char *s, size_t n);
void zd_puts(const char *s);
void zd_putu(uint64_t v);
void zd_puti(int64_t v);                         /* signed decimal, INT64_MIN included */
void zd_putx(uint64_t v, unsigned min_digits);   /* lowercase hex, no 0x */
void zd_puthex(const uint8_t *p, size_t n);      /* lowercase, no separators */
void zd_put_mac(const uint8_t *p, size_t n);     /* 02:00:00:00:00:01 */
void zd_put_ipv4(const uint8_t *p);              /* 4 bytes */
void zd_put_ipv6(const uint8_t *p);              /* 16 bytes, RFC 5952 */
void zd_put_json_string(const char *s);          /* with quotes and escapes */
void zd_put_status(zc_status st);                /* zc_status_format() text, for "[malformed: ...]" */

/* ---- decode.c --------------------------------------------------------------- */

/* What a layer of the packet is: a layer of the stack (l.proto says which),
 * a link-layer header from link.zc, or a message view that zcdump lays over
 * an ICMP layer's bytes (echo, Neighbor Discovery). */
typedef enum {
    ZD_PACKET,
    ZD_NULL_LE,
    ZD_NULL_BE,
    ZD_LINUX_SLL,
    ZD_LINUX_SLL2,
    ZD_ICMPV4_ECHO,
    ZD_ICMPV6_ECHO,
    ZD_ND_ROUTER_SOLICIT,
    ZD_ND_ROUTER_ADVERT,
    ZD_ND_NEIGHBOR_SOLICIT,
    ZD_ND_NEIGHBOR_ADVERT,
    ZD_ND_REDIRECT
} zd_kind;

typedef struct {
    zd_kind kind;
    size_t offset;          /* from the start of the frame */
    zc_bytes bytes;         /* parsed from: the layer and all that follows */
    bool partial;           /* snapped inside its fields: some are left out */
    packet_layer l;         /* ZD_PACKET: the walker's record */
    union {
        null_le_view null_le;
        null_be_view null_be;
        linux_sll_view linux_sll;
        linux_sll2_view linux_sll2;
        icmpv4_echo_view icmpv4_echo;
        icmpv6_echo_view icmpv6_echo;
        nd_router_solicit_view nd_router_solicit;
        nd_router_advert_view nd_router_advert;
        nd_neighbor_solicit_view nd_neighbor_solicit;
        nd_neighbor_advert_view nd_neighbor_advert;
        nd_redirect_view nd_redirect;
    } v;
} zd_layer;

/* A problem found while decoding: the status (offset from the start of the
 * frame) and the struct name of the layer it was found in. */
typedef struct {
    zc_status st;
    const char *layer;
} zd_problem;

typedef struct {
    uint64_t frame;         /* 1, 2, ... in the file (before filtering) */
    int64_t sec;            /* seconds since 1970 (main.c: what libpcap gives,
                               a classic pcap file's unsigned 32 bits restored) */
    int64_t subsec;         /* the sub-second part as libpcap gives it, in
                               units of 1/subsec_units s; zd_time_valid() */
    uint32_t subsec_units;  /* 1000000000 (nanoseconds) or 1000000 */
    uint32_t caplen, len;
    const uint8_t *raw;     /* the captured bytes (caplen) */
    const uint8_t *data;    /* what was decoded: raw, or its zero-padded copy */
    size_t data_len;
    bool snapped;           /* caplen < len: fields past caplen are left out */

    zd_layer layers[ZD_MAX_LAYERS];
    size_t n;
    const char *failed;     /* struct name of the layer that did not parse, or NULL */
    size_t failed_offset;
    zc_status failed_status; /* why (offset from the start of the frame) */
    const char *stopped;    /* the walk stopped without a malformed layer: a
                               layer that runs past a fragment (ZC_FRAGMENT)
                               or a port's guess that does not parse
                               (ZC_UNDECODED); its struct name, or NULL */
    size_t stopped_offset;
    zc_status stopped_status;
    const char *cut;        /* snapped: a layer that starts inside the captured
                               bytes but could not be decoded from them */
    size_t cut_offset;
    zd_problem problems[ZD_MAX_PROBLEMS];
    size_t nproblems;       /* kept */
    size_t nproblems_all;   /* found */
} zd_packet;

/* Decodes one captured frame into *p (frame and time set by the caller). */
void zd_decode(zd_packet *p, const uint8_t *frame, uint32_t caplen, uint32_t len);

/* The schema struct name of a layer ("ipv4", "icmpv4_echo", "linux_sll"). */
const char *zd_layer_name(const zd_layer *l);

/* One field of a layer, as a generated NAME_visit() reports it, resolved:
 * offset from the start of the frame, arrays of a snapped packet cut to
 * what was captured, DNS names decoded. */
typedef struct {
    zc_field_kind kind;
    const char *name;
    const char *type;
    size_t at;              /* offset from the start of the frame */
    unsigned bit_offset, bits;
    uint64_t value;         /* UINT, ENUM */
    bool is_signed;         /* UINT of a signed field (i8, ibe16, iN): its value is ivalue */
    int64_t ivalue;
    const char *enum_name;  /* ENUM: NULL if the value has no name */
    zc_bytes bytes;         /* BYTES, EXTERN */
    const char *text;       /* EXTERN dns_name: decoded; NULL if invalid */
    zc_status status;       /* ERROR (absolute offset); EXTERN: why text is NULL */
    size_t index;           /* element BEGIN/END; ARRAY_END: element count */
    bool element;           /* BEGIN/END of an array element */
    int depth;              /* 0 for the layer's own fields */
} zd_field;

typedef void (*zd_sink)(void *ctx, const zd_field *f);

/* Reports every field of layer l of p to sink, in schema order. */
void zd_fields(const zd_packet *p, const zd_layer *l, zd_sink sink, void *ctx);

/* ---- time stamps (out.c) ---------------------------------------------------- */

/* Whether p's sub-second part is possible: 0 <= subsec < subsec_units.
   A capture file can hold any 32 bits there (usec >= 1000000); zcdump
   shows such a time stamp flagged, never wrapped or carried. */
bool zd_time_valid(const zd_packet *p);
/* Seconds since 1970 and `digits` (6 or 9) decimals, truncated toward zero:
   "1700000000.123456", "-1.000000", "4291747200.000000". A negative time
   with a fraction is printed as the signed instant (sec -1 and 0.25 s:
   "-0.750000"). An impossible sub-second part: "SEC.[invalid:Nns]" (or
   "us" at microsecond precision), N as libpcap gives it. */
void zd_put_time_epoch(const zd_packet *p, int digits);
/* The UTC time of day, "HH:MM:SS.uuuuuu" (any 64-bit second, before 1970
   included); an impossible sub-second part: "HH:MM:SS.[invalid:Nns]".
   zd_put_clock(p, 6, false) with --utc. */
void zd_put_time_of_day(const zd_packet *p);
/* The time of day ("HH:MM:SS.frac"), or with `date` the date and time
   ("YYYY-MM-DD HH:MM:SS.frac"), in local time (TZ) unless zd_opt.utc,
   `digits` (6 or 9) decimals. A second that the C library cannot convert
   to local time is shown in UTC. */
void zd_put_clock(const zd_packet *p, int digits, bool date);
/* tcpdump's -ttt / -ttttt: p's time minus (ref_sec, ref_subsec) (same
   units) as " HH:MM:SS.frac" or "-HH:MM:SS.frac"; hours go past 23. */
void zd_put_time_delta(const zd_packet *p, int64_t ref_sec, int64_t ref_subsec, int digits);

/* ---- csum.c ------------------------------------------------------------------ */

typedef enum {
    ZD_CK_NONE,          /* not checked: no checksum here, a fragment, bytes not captured */
    ZD_CK_GOOD,
    ZD_CK_BAD,
    ZD_CK_ABSENT         /* UDP over IPv4 with 0: no checksum sent */
} zd_ck_verdict;

typedef struct {
    zd_ck_verdict verdict;
    uint16_t field;      /* the checksum field */
    uint16_t want;       /* the value it should hold (BAD, GOOD) */
} zd_ck;

/* The checksum verdict of layer i of p (IPv4 header, ICMPv4, ICMPv6, TCP,
   UDP), with the generated NAME_checksum_ok() and the pseudo-header of the
   IP layer below it (after an IPv6 Routing header with segments left, the
   final destination, RFC 8200 section 8.1). */
zd_ck zd_checksum(const zd_packet *p, size_t i);

/* ---- flows.c ------------------------------------------------------------------ */

/* tcpdump's relative sequence numbers for TCP layer i of p: *seq and *ack
   (absolute on entry) become relative to the flow's first segment with
   ACK set (or its SYN-ACK); a flow seen for the first time keeps them
   absolute. *sack is what SACK block edges are relative to (tcpdump's
   base of the other direction, 0 with -S). At most ZD_FLOWS flows are
   remembered. */
#define ZD_FLOWS 16384
void zd_flow_relative(const zd_packet *p, size_t i, uint32_t *seq, uint32_t *ack, uint32_t *sack);

/* ---- line.c / json.c ---------------------------------------------------------- */

void zd_print_line(const zd_packet *p);     /* the summary line (+ -v tree, -x hex) */
void zd_print_json(const zd_packet *p);     /* one JSON object and a newline */

#endif /* ZCDUMP_H */
