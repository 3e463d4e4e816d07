/*
 * zcjson.c - the reference for tests/wireshark's user-style schemas: one
 * struct of a generated header at a fixed offset of every frame, printed
 * as zcdump's --json-offsets prints a layer (docs/zcdump.md), through the
 * generated NAME_parse_deep() and NAME_visit() only.
 *
 *   cc -DZJ_HEADER='"sensor.zc.h"' -DZJ_ROOT=sensor -DZJ_OFFSET=42 zcjson.c
 *   (or -DZJ_AT_LAYER=udp -DZJ_AT_FIELD=payload: that field of the first such
 *   layer of schemas/packet.zc's walk; -DZJ_ARGS=4: the root's arguments)
 *   zcjson [--json-offsets -r] FILE.pcap
 *
 * One line per frame: {"frame":N,"caplen":C,"len":L,"layers":[{"layer":
 * ROOT,"offset":OFF,"fields":{...}}],"status":{"code":"ok"}}; when the
 * parse fails, no layer, the status {"code","layer","text"} and
 * "failed_layer". compare.py reads it as it reads zcdump's output.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include ZJ_HEADER
#ifdef ZJ_AT_LAYER
#include "packet.zc.h"
#endif

#define ZJ_CAT2(a, b) a##b
#define ZJ_CAT(a, b) ZJ_CAT2(a, b)
#define ZJ_STR2(a) #a
#define ZJ_STR(a) ZJ_STR2(a)
#ifdef ZJ_ARGS   /* a root with parameters: -DZJ_ARGS=4 (the spec's `args`) */
#define ZJ_ROOT_ARGS , ZJ_ARGS
#else
#define ZJ_ROOT_ARGS
#endif

typedef struct {
    size_t base[64];     /* each open view's offset in the frame */
    int array[64];       /* 1: an array of structs is open at this level */
    int first[64];       /* no member written yet at this level */
    int depth;
    const uint8_t *frame;
} Json;

static void sep(Json *j)
{
    if (!j->first[j->depth])
        putchar(',');
    j->first[j->depth] = 0;
}

static void key(Json *j, const char *name)
{
    sep(j);
    if (!j->array[j->depth])
        printf("\"%s\":", name);
}

static void open_level(Json *j, size_t base, int array)
{
    j->depth++;
    j->base[j->depth] = base;
    j->array[j->depth] = array;
    j->first[j->depth] = 1;
}

/* Bytes of an integer field: a bit field's from its group's start, as
   zcdump's; a varint's from its bytes (its `bits` are its value's). */
static unsigned int_size(const Json *j, const zc_field *f, size_t at)
{
    const uint8_t *p = j->frame + at;
    unsigned n = 1;
    if (!strncmp(f->type, "leb128", 6)) {
        while (p[n - 1] & 0x80)
            n++;
        return n;
    }
    if (!strcmp(f->type, "quic_varint"))
        return 1u << (p[0] >> 6);
    return (f->bit_offset + f->bits + 7u) / 8u;
}

static void field(void *ctx, const zc_field *f)
{
    Json *j = ctx;
    size_t at = j->base[j->depth] + f->offset;
    switch (f->kind) {
    case ZC_FIELD_UINT:
    case ZC_FIELD_ENUM:
        key(j, f->name);
        if (f->kind == ZC_FIELD_ENUM)
            printf(f->enum_name ? "{\"value\":%llu,\"name\":\"%s\"}" : "{\"value\":%llu,\"name\":null}",
                   (unsigned long long)f->value, f->enum_name);
        else if (f->is_signed)
            printf("%lld", (long long)f->ivalue);
        else
            printf("%llu", (unsigned long long)f->value);
        sep(j);
        printf("\"%s@\":[%zu,%u]", f->name, at, int_size(j, f, at));
        break;
    case ZC_FIELD_BYTES:
        key(j, f->name);
        putchar('"');
        for (size_t i = 0; i < f->bytes.len; i++)
            printf("%02x", f->bytes.ptr[i]);
        putchar('"');
        sep(j);
        printf("\"%s@\":[%zu,%zu]", f->name, at, f->bytes.len);
        break;
    case ZC_FIELD_BEGIN:
        key(j, f->name);
        putchar('{');
        open_level(j, at, 0);
        break;
    case ZC_FIELD_END:
        putchar('}');
        j->depth--;
        break;
    case ZC_FIELD_ARRAY_BEGIN:
        key(j, f->name);
        putchar('[');
        open_level(j, j->base[j->depth], 1);
        break;
    case ZC_FIELD_ARRAY_END:
        putchar(']');
        j->depth--;
        break;
    default:   /* externs: none in these schemas; ERROR: parse_deep failed first */
        break;
    }
}

#ifdef ZJ_AT_LAYER
/* -DZJ_AT_LAYER=udp -DZJ_AT_FIELD=payload: the root is that byte-array
   field of the first such layer packet_walk_each() finds (as
   tests/protocols/driver.c's `at LAYER.FIELD`); without ZJ_AT_FIELD, the
   layer's bytes themselves */
typedef struct {
    int found;
    zc_bytes bytes;
} Find;

static void find_layer(void *ctx, const packet_layer *l, zc_status st)
{
    Find *f = ctx;
    const char *name = packet_proto_name(l->proto);
    if (f->found || st.code != ZC_OK || !name || strcmp(name, ZJ_STR(ZJ_AT_LAYER)) != 0)
        return;
    f->found = 1;
#ifdef ZJ_AT_FIELD
    f->bytes = ZJ_CAT(ZJ_CAT(ZJ_AT_LAYER, _), ZJ_AT_FIELD)(l->v.ZJ_AT_LAYER);
#else   /* the layer's own bytes: a view of it (icmpv6 as nd_router_advert) */
    f->bytes = l->bytes;
#endif
}
#endif

int main(int argc, char **argv)
{
    char err[PCAP_ERRBUF_SIZE];
    /* zcdump's `--json-offsets -r FILE` is accepted too, for compare.py */
    const char *path = argc >= 2 ? argv[argc - 1] : NULL;
    pcap_t *pc = path ? pcap_open_offline(path, err) : NULL;
    if (!pc) {
        fprintf(stderr, "usage: zcjson [--json-offsets -r] FILE.pcap%s%s\n", path ? ": " : "", path ? err : "");
        return 1;
    }
    struct pcap_pkthdr *h;
    const u_char *data;
    unsigned n = 0;
    while (pcap_next_ex(pc, &h, &data) == 1) {
        n++;
        printf("{\"frame\":%u,\"caplen\":%u,\"len\":%u,", n, h->caplen, h->len);
        if (h->caplen < h->len)
            printf("\"truncated\":true,");
        ZJ_CAT(ZJ_ROOT, _view) v;
        memset(&v, 0, sizeof v);
#ifdef ZJ_AT_LAYER
        Find fl;
        memset(&fl, 0, sizeof fl);
        packet_walk_each(data, h->caplen, PACKET_ETHERNET, 64, find_layer, &fl);
        if (!fl.found) {
            printf("\"layers\":[],\"status\":{\"code\":\"ok\"}}\n");
            continue;
        }
        size_t off = (size_t)(fl.bytes.ptr - data), avail = fl.bytes.len;
#else
        size_t off = ZJ_OFFSET, avail = off <= (size_t)h->caplen ? h->caplen - off : 0;
#endif
        zc_status st = off <= (size_t)h->caplen ? ZJ_CAT(ZJ_ROOT, _parse_deep)(&v, data + off, avail ZJ_ROOT_ARGS)
                                        : zc_fail(ZC_ERR_TRUNCATED, 0, ZJ_STR(ZJ_ROOT) "\0");
        if (st.code == ZC_OK) {
            Json j;
            memset(&j, 0, sizeof j);
            j.base[0] = off;
            j.frame = data;
            j.first[0] = 1;
            printf("\"layers\":[{\"layer\":\"%s\",\"offset\":%zu,\"fields\":{", ZJ_STR(ZJ_ROOT), off);
            ZJ_CAT(ZJ_ROOT, _visit)(v, field, &j);
            printf("}}],\"status\":{\"code\":\"ok\"}}\n");
        } else {
            char text[512];
            zc_status_format(st, text, sizeof text);
            const char *code = st.code == ZC_ERR_TRUNCATED ? "truncated" : st.code == ZC_ERR_CONSTRAINT ? "constraint"
                               : st.code == ZC_ERR_LENGTH ? "length" : st.code == ZC_ERR_LIMIT ? "limit" : "malformed";
            printf("\"layers\":[],\"status\":{\"code\":\"%s\",\"layer\":\"%s\",\"text\":\"%s\"},"
                   "\"failed_layer\":{\"layer\":\"%s\",\"offset\":%zu}}\n",
                   code, ZJ_STR(ZJ_ROOT), text, ZJ_STR(ZJ_ROOT), off);
        }
    }
    pcap_close(pc);
    return 0;
}
