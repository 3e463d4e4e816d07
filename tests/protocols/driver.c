/*
 * driver.c - the protocols harness's one C driver (tests/protocols/README.md).
 *
 * Compiled once per protocol by tests/protocols/run.sh with the generated
 * headers of that protocol's schema and of schemas/packet.zc:
 *
 *   -DZCP_HEADER='"igmp.zc.h"'  the root struct's generated header
 *   -DZCP_ROOT=igmp              the root struct
 *   -DZCP_AT_LAYER=ipv4 -DZCP_AT_FIELD=payload
 *                                `at ipv4.payload`: the root starts at that
 *                                byte-array field of the first layer of
 *                                that name packet_walk_each() finds
 *   -DZCP_AT_OFFSET=N            `at offset N`: N bytes into the frame
 *   -DZCP_CHECKSUM=checksum      `checksum checksum ...`: also print the
 *                                verdict of ROOT_checksum_ok() as
 *                                `root.checksum!ok=1` (or 0)
 *   -DZCP_CHECKSUM_PSEUDO        ... with the pseudo-header of the last
 *                                IPv4/IPv6 layer before the root
 *
 * run.sh builds it in two units, so that the walk to the root's layer
 * (all of packet.zc.h, the costly part to compile under ASan) is compiled
 * once per `at LAYER.FIELD` rather than once per protocol:
 *
 *   -DZCP_PART_WALK              only the walk: zcp_walk_locate() for
 *                                ZCP_AT_LAYER/ZCP_AT_FIELD (with -c)
 *   -DZCP_PART_ROOT              everything else, with `at LAYER.FIELD`
 *                                calling zcp_walk_locate() of such a unit
 *
 * Without either it is one unit, as before.
 *
 * Usage: driver FILE.pcap
 *
 * For every frame it prints `frame N`, then either one `path=value` line
 * per field of the root struct through the generated ROOT_visit() (the
 * format of the tests/captures .expect files: integers and enums decimal, byte arrays
 * lowercase hex, nested structs `a.b`, array elements `a[i].b` followed by
 * the array's whole bytes `a=hex`, absent optional/case fields nothing), or
 * `status=TEXT` (zc_status_format()) when ROOT_parse_deep() fails. The
 * root's bytes are copied into a heap buffer of exactly their size, so
 * AddressSanitizer sees any read past them.
 *
 * Then every proper prefix of the root's bytes (again in an exact-size heap
 * buffer) goes through ROOT_parse_deep() and, when that succeeds,
 * ROOT_visit(): nothing may crash, read outside or loop; a prefix must fail
 * with a status or parse as something (a struct that ends where its fields
 * end). Exit status 0 unless the pcap cannot be read.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(ZCP_PART_WALK) && defined(ZCP_PART_ROOT)
#error "define at most one of ZCP_PART_WALK and ZCP_PART_ROOT"
#endif
#if defined(ZCP_PART_WALK) && !defined(ZCP_AT_LAYER)
#error "ZCP_PART_WALK needs ZCP_AT_LAYER and ZCP_AT_FIELD"
#endif
#ifndef ZCP_PART_ROOT
#include "packet.zc.h"
#endif
#ifndef ZCP_PART_WALK
#include ZCP_HEADER
#endif
#include "zerocast_csum.h"   /* zc_pseudo (a root without @checksum has no other) */

#define ZCP_CAT2(a, b) a##b
#define ZCP_CAT(a, b) ZCP_CAT2(a, b)
#define ZCP_STR2(a) #a
#define ZCP_STR(a) ZCP_STR2(a)

/* `args A B`: the root's parameters (issue #18 item 3), -DZCP_ARGS=,A,B */
#ifndef ZCP_ARGS
#define ZCP_ARGS
#endif
#define ROOT_VIEW ZCP_CAT(ZCP_ROOT, _view)
#define ROOT_PARSE_DEEP ZCP_CAT(ZCP_ROOT, _parse_deep)
#define ROOT_VISIT ZCP_CAT(ZCP_ROOT, _visit)
#define ROOT_NAME ZCP_STR(ZCP_ROOT)

#if defined(ZCP_AT_LAYER) == defined(ZCP_AT_OFFSET)
#error "define either ZCP_AT_LAYER and ZCP_AT_FIELD, or ZCP_AT_OFFSET"
#endif
#if defined(ZCP_CHECKSUM_PSEUDO) && defined(ZCP_AT_OFFSET)
#error "a pseudo-header checksum needs `at LAYER.FIELD` (the IP layer's addresses)"
#endif
#ifdef ZCP_CHECKSUM
#define ROOT_CHECKSUM_OK ZCP_CAT(ZCP_CAT(ZCP_ROOT, _), ZCP_CAT(ZCP_CHECKSUM, _ok))
#endif

/* The IPv4/IPv6 pseudo-header for the root, when there is one. */
typedef struct {
    int have;
    zc_pseudo ph;
} Pseudo;

#ifdef ZCP_AT_LAYER
/* The root's bytes: those of field ZCP_AT_FIELD of the first layer
   ZCP_AT_LAYER of the frame, and the pseudo-header of the last IP layer
   before it; or prints why there are none and returns 0. */
int zcp_walk_locate(int dlt, const uint8_t *p, size_t len, zc_bytes *root, Pseudo *ps);
#endif

#ifndef ZCP_PART_WALK
/* ---- output of a visit: "root.path=value" lines ------------------------- */

#define MAX_DEPTH 32

typedef struct {
    const char *name;
    int array;            /* 1: the array itself; 2: one element of it */
    size_t index;
    const uint8_t *base;  /* start of this view (nested struct or element) */
    size_t begin;         /* array: ARRAY_BEGIN offset, relative to base */
} Level;

typedef struct {
    FILE *out;            /* NULL: walk only (prefixes), print nothing */
    const uint8_t *root;  /* the root view's first byte */
    Level lv[MAX_DEPTH];
    int depth;
    int broken;           /* unbalanced BEGIN/END or too deep */
} Out;

static const uint8_t *cur_base(const Out *o)
{
    return o->depth ? o->lv[o->depth - 1].base : o->root;
}

static void out_path(Out *o)
{
    if (!o->out)
        return;
    fprintf(o->out, "%s.", ROOT_NAME);
    for (int i = 0; i < o->depth; i++) {
        const Level *l = &o->lv[i];
        if (l->array == 1)
            continue;
        if (l->array == 2)
            fprintf(o->out, "%s[%zu].", l->name, l->index);
        else
            fprintf(o->out, "%s.", l->name);
    }
}

static void out_hex(Out *o, const uint8_t *p, size_t n)
{
    if (!o->out)
        return;
    for (size_t i = 0; i < n; i++)
        fprintf(o->out, "%02x", p[i]);
}

static Level *push(Out *o)
{
    if (o->depth >= MAX_DEPTH) {
        o->broken = 1;
        return NULL;
    }
    Level *l = &o->lv[o->depth++];
    memset(l, 0, sizeof *l);
    return l;
}

static void pop(Out *o, const char *name, int array)
{
    Level *top = o->depth ? &o->lv[o->depth - 1] : NULL;
    if (!top || (top->array == 1) != array || strcmp(top->name, name) != 0) {
        o->broken = 1;
        return;
    }
    o->depth--;
}

static void visit_cb(void *ctx, const zc_field *f)
{
    Out *o = ctx;
    const uint8_t *base = cur_base(o);
    Level *top = o->depth ? &o->lv[o->depth - 1] : NULL;
    Level *l;
    char buf[200];

    if (o->broken)
        return;
    switch (f->kind) {
    case ZC_FIELD_ARRAY_BEGIN:
        if ((l = push(o)) != NULL) {
            l->name = f->name;
            l->array = 1;
            l->base = base;
            l->begin = f->offset;
        }
        return;
    case ZC_FIELD_BEGIN: {
        int elem = top && top->array == 1 && strcmp(top->name, f->name) == 0;
        if ((l = push(o)) != NULL) {
            l->name = f->name;
            l->array = elem ? 2 : 0;
            l->index = f->index;
            l->base = base + f->offset;
        }
        return;
    }
    case ZC_FIELD_END:
        pop(o, f->name, 0);
        return;
    case ZC_FIELD_ARRAY_END: {
        size_t begin = top ? top->begin : 0;
        pop(o, f->name, 1);
        if (o->broken || begin > f->offset) {
            o->broken = 1;
            return;
        }
        out_path(o);
        if (o->out)
            fprintf(o->out, "%s=", f->name);
        out_hex(o, base + begin, f->offset - begin);
        if (o->out)
            fprintf(o->out, "\n");
        return;
    }
    case ZC_FIELD_ERROR:
        out_path(o);
        if (o->out)
            fprintf(o->out, "%s!error=%s\n", f->name, zc_status_format(f->status, buf, sizeof buf));
        return;
    case ZC_FIELD_EXTERN:
    case ZC_FIELD_BYTES:
        out_path(o);
        if (o->out)
            fprintf(o->out, "%s=", f->name);
        out_hex(o, f->bytes.ptr, f->bytes.len);
        if (o->out)
            fprintf(o->out, "\n");
        return;
    case ZC_FIELD_UINT:
    case ZC_FIELD_ENUM:
        out_path(o);
        if (o->out && f->is_signed)   /* i8, ibe16, ...: signed decimal */
            fprintf(o->out, "%s=%lld\n", f->name, (long long)f->ivalue);
        else if (o->out)
            fprintf(o->out, "%s=%llu\n", f->name, (unsigned long long)f->value);
        return;
    }
    /* a field kind this driver does not know yet: say so in the output */
    out_path(o);
    if (o->out)
        fprintf(o->out, "%s!kind=%d value=%llu\n", f->name, (int)f->kind,
                (unsigned long long)f->value);
}

/* Parses `len` bytes at `p` (copied into an exact-size heap buffer) as the
   root struct and visits it; prints the fields or the status when `out`,
   and the checksum's verdict. */
static int parse_root(const uint8_t *p, size_t len, const Pseudo *ps, FILE *out)
{
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy) {
        perror("malloc");
        exit(2);
    }
    if (len)
        memcpy(copy, p, len);
    ROOT_VIEW v;
    zc_status st = ROOT_PARSE_DEEP(&v, copy, len ZCP_ARGS);
    int bad = 0;
    if (st.code != ZC_OK) {
        char buf[200];
        if (out)
            fprintf(out, "status=%s\n", zc_status_format(st, buf, sizeof buf));
    } else {
        Out o;
        memset(&o, 0, sizeof o);
        o.out = out;
        o.root = v.zc_base;
        ROOT_VISIT(v, visit_cb, &o);
        if (o.broken || o.depth != 0) {
            fprintf(stderr, "%s_visit: unbalanced BEGIN/END events\n", ROOT_NAME);
            bad = 1;
        }
#ifdef ZCP_CHECKSUM
#ifdef ZCP_CHECKSUM_PSEUDO
        if (!ps->have) {
            if (out)
                fprintf(out, "%s.%s!ok=no IP layer before the root\n", ROOT_NAME,
                        ZCP_STR(ZCP_CHECKSUM));
        } else {
            int ok = ROOT_CHECKSUM_OK(v, &ps->ph);
            if (out)
                fprintf(out, "%s.%s!ok=%d\n", ROOT_NAME, ZCP_STR(ZCP_CHECKSUM), ok);
        }
#else
        int ok = ROOT_CHECKSUM_OK(v);
        if (out)
            fprintf(out, "%s.%s!ok=%d\n", ROOT_NAME, ZCP_STR(ZCP_CHECKSUM), ok);
#endif
#endif
    }
    (void)ps;
    free(copy);
    return bad;
}
#endif /* !ZCP_PART_WALK */

/* ---- where the root starts ---------------------------------------------- */

#if defined(ZCP_AT_LAYER) && !defined(ZCP_PART_ROOT)
#define AT_ACCESSOR ZCP_CAT(ZCP_CAT(ZCP_AT_LAYER, _), ZCP_AT_FIELD)

typedef struct {
    int found;
    zc_bytes bytes;
    zc_status st;         /* the walk's first failure before the layer */
    Pseudo ps;            /* from the last IP layer before it */
} Find;

static void find_layer(void *ctx, const packet_layer *l, zc_status st)
{
    Find *f = ctx;
    if (f->found)
        return;
    if (st.code != ZC_OK) {
        if (f->st.code == ZC_OK)
            f->st = st;
        return;
    }
    const char *name = packet_proto_name(l->proto);
    if (l->proto == PACKET_IPV4) {
        f->ps.ph = zc_pseudo_ipv4(ipv4_addr_octets(ipv4_src(l->v.ipv4)),
                                  ipv4_addr_octets(ipv4_dst(l->v.ipv4)));
        f->ps.have = 1;
    } else if (l->proto == PACKET_IPV6) {
        f->ps.ph = zc_pseudo_ipv6(ipv6_addr_octets(ipv6_src(l->v.ipv6)),
                                  ipv6_addr_octets(ipv6_dst(l->v.ipv6)));
        f->ps.have = 1;
    }
    if (name && strcmp(name, ZCP_STR(ZCP_AT_LAYER)) == 0) {
        f->found = 1;
        f->bytes = AT_ACCESSOR(l->v.ZCP_AT_LAYER);
    }
}

/* The first layer of the packet for the pcap's link type. */
static packet_proto first_layer(int dlt, const uint8_t *p, size_t len)
{
    switch (dlt) {
    case DLT_EN10MB:
        return PACKET_ETHERNET;
    case DLT_RAW:
#ifdef DLT_IPV4
    case DLT_IPV4:
    case DLT_IPV6:
#endif
        if (len && p[0] >> 4 == 4)
            return PACKET_IPV4;
        if (len && p[0] >> 4 == 6)
            return PACKET_IPV6;
        return PACKET_NONE;
    default:
        return PACKET_NONE;
    }
}

int zcp_walk_locate(int dlt, const uint8_t *p, size_t len, zc_bytes *root, Pseudo *ps)
{
    Find f;
    char buf[200];
    memset(&f, 0, sizeof f);
    f.st = zc_ok();
    packet_proto first = first_layer(dlt, p, len);
    if (first == PACKET_NONE) {
        printf("status=link type %d: no first layer for packet_walk\n", dlt);
        return 0;
    }
    packet_walk_each(p, len, first, 64, find_layer, &f);
    if (!f.found) {
        printf("status=no %s layer", ZCP_STR(ZCP_AT_LAYER));
        if (f.st.code != ZC_OK)
            printf(" (walk: %s)", zc_status_format(f.st, buf, sizeof buf));
        printf("\n");
        return 0;
    }
    *root = f.bytes;
    *ps = f.ps;
    return 1;
}
#endif

#ifndef ZCP_PART_WALK
/* The root's bytes in the frame, or prints why there are none. */
static int locate(int dlt, const uint8_t *p, size_t len, zc_bytes *root, Pseudo *ps)
{
    memset(ps, 0, sizeof *ps);
#ifdef ZCP_AT_OFFSET
    (void)dlt;
    /* zc_fits(), a function: `at offset 0` is no -Wtype-limits comparison */
    if (!zc_fits((uint64_t)(ZCP_AT_OFFSET), (uint64_t)len)) {
        printf("status=frame of %zu bytes ends before offset %zu\n", len,
               (size_t)(ZCP_AT_OFFSET));
        return 0;
    }
    *root = zc_bytes_make(p + (ZCP_AT_OFFSET), len - (size_t)(ZCP_AT_OFFSET));
    return 1;
#else
    return zcp_walk_locate(dlt, p, len, root, ps);
#endif
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.pcap\n", argv[0]);
        return 2;
    }
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(argv[1], err);
    if (!pc) {
        fprintf(stderr, "%s: %s\n", argv[1], err);
        return 2;
    }
    int dlt = pcap_datalink(pc);
    struct pcap_pkthdr *h;
    const u_char *data;
    int rc, bad = 0;
    unsigned long n = 0;
    while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
        printf("frame %lu\n", ++n);
        /* the frame in an exact-size buffer too: the walk must not over-read */
        size_t len = h->caplen;
        uint8_t *frame = malloc(len ? len : 1);
        if (!frame) {
            perror("malloc");
            return 2;
        }
        if (len)
            memcpy(frame, data, len);
        zc_bytes root;
        Pseudo ps;
        if (locate(dlt, frame, len, &root, &ps)) {
            bad |= parse_root(root.ptr, root.len, &ps, stdout);
            for (size_t k = 0; k < root.len; k++)
                bad |= parse_root(root.ptr, k, &ps, NULL);
        }
        free(frame);
    }
    if (rc != PCAP_ERROR_BREAK) {
        fprintf(stderr, "%s: %s\n", argv[1], pcap_geterr(pc));
        bad = 2;
    }
    pcap_close(pc);
    return bad;
}
#endif /* !ZCP_PART_WALK */
