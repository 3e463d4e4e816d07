/*
 * json.c - --json: one JSON object per packet, one per line.
 *
 *   {"frame":1,"time":"1700000000.000000000","caplen":98,"len":98,
 *    "layers":[{"layer":"ethernet","offset":0,"fields":{...}}, ...],
 *    "status":{"code":"ok"}}
 *
 * "fields" holds every field of the layer's struct, named as in the
 * schema, in schema order: integers as numbers, enums as
 * {"value":17,"name":"UDP"} (name null when the value has none), byte
 * arrays as lowercase hex strings, nested structs as objects, arrays of
 * structs as lists of objects, DNS names as dotted text (null when the
 * name is invalid). Optional fields that are absent are left out, and so
 * are fields that lie past the captured bytes of a snapped packet.
 * --json-offsets adds "NAME@": [offset from the start of the frame, size in
 * bytes] after every scalar, byte array and name (the differential test
 * matches fields to tshark's by position with it).
 * docs/zcdump.md has the full description.
 */
#include "zcdump.h"

typedef struct {
    bool first[ZD_MAX_DEPTH + 2];   /* per open object or array: nothing written yet */
} json;

static void member(json *j, int depth, const char *name)
{
    if (!j->first[depth])
        zd_putc(',');
    j->first[depth] = false;
    if (name) {
        zd_putc('"');
        zd_puts(name);
        zd_puts("\":");
    }
}

/* --json-offsets: "NAME@":[offset from the start of the frame, bytes]. */
static void offset_of(json *j, int depth, const zd_field *f)
{
    size_t n = f->kind == ZC_FIELD_UINT || f->kind == ZC_FIELD_ENUM
                   ? (f->bit_offset + f->bits + 7u) / 8u
                   : f->bytes.len;
    if (!zd_opt.json_offsets)
        return;
    member(j, depth, NULL);
    zd_putc('"');
    zd_puts(f->name);
    zd_puts("@\":[");
    zd_putu(f->at);
    zd_putc(',');
    zd_putu(n);
    zd_putc(']');
}

static void json_field(void *ctx, const zd_field *f)
{
    json *j = (json *)ctx;
    int d = f->depth;
    switch (f->kind) {
    case ZC_FIELD_BEGIN:
        member(j, d, f->element ? NULL : f->name);
        zd_putc('{');
        j->first[d + 1] = true;
        return;
    case ZC_FIELD_ARRAY_BEGIN:
        member(j, d, f->name);
        zd_putc('[');
        j->first[d + 1] = true;
        return;
    case ZC_FIELD_END:
        zd_putc('}');
        return;
    case ZC_FIELD_ARRAY_END:
        zd_putc(']');
        return;
    case ZC_FIELD_UINT:
        member(j, d, f->name);
        if (f->is_signed)
            zd_puti(f->ivalue);
        else
            zd_putu(f->value);
        break;
    case ZC_FIELD_ENUM:
        member(j, d, f->name);
        zd_puts("{\"value\":");
        zd_putu(f->value);
        zd_puts(",\"name\":");
        if (f->enum_name) {
            zd_putc('"');
            zd_puts(f->enum_name);
            zd_putc('"');
        } else {
            zd_puts("null");
        }
        zd_putc('}');
        break;
    case ZC_FIELD_BYTES:
        member(j, d, f->name);
        zd_putc('"');
        zd_puthex(f->bytes.ptr, f->bytes.len);
        zd_putc('"');
        break;
    case ZC_FIELD_EXTERN:
        member(j, d, f->name);
        if (f->text) {
            zd_put_json_string(f->text);
        } else if (f->status.code != ZC_OK) {
            zd_puts("null");
        } else {
            zd_putc('"');
            zd_puthex(f->bytes.ptr, f->bytes.len);
            zd_putc('"');
        }
        break;
    case ZC_FIELD_ERROR:
        return;   /* in the packet's "problems" */
    }
    offset_of(j, d, f);
}

/* A short, stable name for each status code. */
static const char *code_id(zc_code c)
{
    switch (c) {
    case ZC_OK:
        return "ok";
    case ZC_ERR_TRUNCATED:
        return "truncated";
    case ZC_ERR_CONSTRAINT:
        return "constraint";
    case ZC_ERR_LENGTH:
        return "length";
    case ZC_ERR_MALFORMED:
        return "malformed";
    case ZC_ERR_LIMIT:
        return "limit";
    case ZC_ERR_SPACE:
        return "space";
    case ZC_ERR_RANGE:
        return "range";
    case ZC_ERR_ABSENT:
        return "absent";
    default:
        break;   /* codes for writers (builders, setters): not parse results */
    }
    return zc_code_name(c);
}

static void put_problem(const zd_problem *pr)
{
    const char *detail = zc_status_detail(pr->st);
    char text[256];
    zd_puts("{\"code\":\"");
    zd_puts(code_id(pr->st.code));
    zd_puts("\",\"field\":");
    zd_put_json_string(pr->st.field ? pr->st.field : "?");
    zd_puts(",\"offset\":");
    zd_putu(pr->st.offset);
    zd_puts(",\"detail\":");
    if (detail)
        zd_put_json_string(detail);
    else
        zd_puts("null");
    zd_puts(",\"layer\":");
    zd_put_json_string(pr->layer);
    zd_puts(",\"text\":");
    zd_put_json_string(zc_status_format(pr->st, text, sizeof text));
    zd_putc('}');
}

/* "time":"SEC.NNNNNNNNN" (tshark's frame.time_epoch); an impossible
   sub-second value: "time":null,"time_invalid":{"sec":S,"ns":N} ("us" at
   microsecond precision), both numbers as libpcap gave them. */
static void put_time(const zd_packet *p)
{
    if (zd_time_valid(p)) {
        zd_putc('"');
        zd_put_time_epoch(p, 9);
        zd_putc('"');
        return;
    }
    zd_puts("null,\"time_invalid\":{\"sec\":");
    zd_puti(p->sec);
    zd_puts(p->subsec_units == 1000000000u ? ",\"ns\":" : ",\"us\":");
    zd_puti(p->subsec);
    zd_putc('}');
}

void zd_print_json(const zd_packet *p)
{
    json j;
    zd_puts("{\"frame\":");
    zd_putu(p->frame);
    zd_puts(",\"time\":");
    put_time(p);
    zd_puts(",\"caplen\":");
    zd_putu(p->caplen);
    zd_puts(",\"len\":");
    zd_putu(p->len);
    if (p->snapped)
        zd_puts(",\"truncated\":true");
    zd_puts(",\"layers\":[");
    for (size_t i = 0; i < p->n; i++) {
        const zd_layer *l = &p->layers[i];
        if (i)
            zd_putc(',');
        zd_puts("{\"layer\":\"");
        zd_puts(zd_layer_name(l));
        zd_puts("\",\"offset\":");
        zd_putu(l->offset);
        if (l->partial)
            zd_puts(",\"partial\":true");
        zd_puts(",\"fields\":{");
        j.first[0] = true;
        zd_fields(p, l, json_field, &j);
        zd_puts("}}");
    }
    zd_puts("],\"status\":");
    if (p->nproblems)
        put_problem(&p->problems[0]);
    else
        zd_puts("{\"code\":\"ok\"}");
    if (p->nproblems) {
        zd_puts(",\"problems\":[");
        for (size_t k = 0; k < p->nproblems; k++) {
            if (k)
                zd_putc(',');
            put_problem(&p->problems[k]);
        }
        zd_putc(']');
        if (p->nproblems_all > p->nproblems) {
            zd_puts(",\"problems_not_shown\":");
            zd_putu(p->nproblems_all - p->nproblems);
        }
    }
    if (p->failed) {
        zd_puts(",\"failed_layer\":{\"layer\":\"");
        zd_puts(p->failed);
        zd_puts("\",\"offset\":");
        zd_putu(p->failed_offset);
        zd_putc('}');
    }
    if (p->stopped) {
        char text[256];
        zd_puts(p->stopped_status.code == ZC_FRAGMENT ? ",\"fragment_layer\":{\"layer\":\""
                                                      : ",\"undecoded_layer\":{\"layer\":\"");
        zd_puts(p->stopped);
        zd_puts("\",\"offset\":");
        zd_putu(p->stopped_offset);
        zd_puts(",\"status\":");
        zd_put_json_string(zc_status_format(p->stopped_status, text, sizeof text));
        zd_putc('}');
    }
    if (p->cut) {
        zd_puts(",\"cut_layer\":{\"layer\":\"");
        zd_puts(p->cut);
        zd_puts("\",\"offset\":");
        zd_putu(p->cut_offset);
        zd_putc('}');
    }
    if (zd_opt.hex) {
        zd_puts(",\"raw\":\"");
        zd_puthex(p->raw, p->caplen);
        zd_putc('"');
    }
    zd_puts("}\n");
}
