/*
 * decode.c - zcnc's decoders: which schema structs it knows (--decode),
 * which stream framings (--frame), and how a message is printed, from the
 * generated NAME_parse_deep() and NAME_visit().
 *
 * Built in: dns.dns_message, dns.dns, dns.dns_tcp, dhcp.dhcp, tls.tls_record,
 * stun.stun; framings dns_tcp (the message inside each frame), and
 * tls.tls_record and stun.stun (each frame whole). A user's own schema is
 * compiled in with `make zcnc ZCNC_SCHEMA=my.zc ZCNC_STRUCTS="my_hdr ..."
 * [ZCNC_FRAMES="my_msg ..."]`: examples/zcnc.mk generates its header and
 * the lists ZCNC_EXTRA(X) and ZCNC_EXTRA_FRAMES(X), included here as
 * ZCNC_EXTRA_H (docs/zcnc.md).
 */
#include <arpa/inet.h>
#include <string.h>

#include "dhcp.zc.h"
#include "dns.zc.h" /* includes zerocast_dns.h */
#include "stun.zc.h"
#include "tls.zc.h"
#include "zcnc.h"

#ifdef ZCNC_EXTRA_H
#include ZCNC_EXTRA_H
#endif

#define ZCNC_DECODER(schema, s)                                                          \
    static zc_status zcnc_decode_##s(const uint8_t *p, size_t n, zc_visit_fn fn, void *ctx) \
    {                                                                                    \
        s##_view v;                                                                      \
        zc_status st = s##_parse_deep(&v, p, n);                                         \
        if (st.code == ZC_OK)                                                            \
            s##_visit(v, fn, ctx);                                                       \
        return st;                                                                       \
    }
#define ZCNC_ENTRY(schema, s) {#schema "." #s, zcnc_decode_##s},

#define ZCNC_BUILTIN(X) \
    X(dns, dns_message) X(dns, dns) X(dns, dns_tcp) X(dhcp, dhcp) X(tls, tls_record) X(stun, stun)

ZCNC_BUILTIN(ZCNC_DECODER)
#ifdef ZCNC_EXTRA_H
ZCNC_EXTRA(ZCNC_DECODER)
#endif

static const zcnc_decoder decoders[] = {
    ZCNC_BUILTIN(ZCNC_ENTRY)
#ifdef ZCNC_EXTRA_H
    ZCNC_EXTRA(ZCNC_ENTRY)
#endif
};

/* ---- framings ------------------------------------------------------------ */

static zc_frame frame_dns_tcp(void *ctx, const void *buf, size_t len)
{
    (void)ctx;
    return dns_tcp_frame(buf, len);
}

static zc_bytes payload_dns_tcp(const uint8_t *p, size_t n)
{
    dns_tcp_view v;
    if (dns_tcp_parse(&v, p, n).code != ZC_OK)
        return zc_bytes_make(p, n);
    return dns_tcp_message(v);
}

static zc_bytes payload_whole(const uint8_t *p, size_t n)
{
    return zc_bytes_make(p, n);
}

/*
 * A struct with a generated NAME_frame() (docs/schema-language.md, "Stream
 * framing") as a framing: --frame SCHEMA.STRUCT cuts the stream into
 * frames of that struct, and each whole frame is printed as that struct.
 * `max` is the largest frame (--max-frame's default): for tls_record its
 * header and the 16640 bytes its length may say, for stun its 20-byte
 * header and a be16 length; ZCNC_FRAME_MAX for a user's own.
 */
#define ZCNC_FRAME_MAX ((size_t)1 << 16)
#define ZCNC_FRAMER(schema, s, max)                                         \
    static zc_frame zcnc_frame_##s(void *ctx, const void *buf, size_t len) \
    {                                                                      \
        (void)ctx;                                                         \
        return s##_frame(buf, len);                                        \
    }
#define ZCNC_FRAMER_ENTRY(schema, s, max) \
    {#schema "." #s, zcnc_frame_##s, payload_whole, #schema "." #s, max},
#define ZCNC_BUILTIN_FRAMES(X) X(tls, tls_record, 5 + 16640) X(stun, stun, 20 + 65535)
#ifdef ZCNC_EXTRA_H
#define ZCNC_EXTRA_FRAMER(schema, s) ZCNC_FRAMER(schema, s, ZCNC_FRAME_MAX)
#define ZCNC_EXTRA_FRAMER_ENTRY(schema, s) ZCNC_FRAMER_ENTRY(schema, s, ZCNC_FRAME_MAX)
#endif

ZCNC_BUILTIN_FRAMES(ZCNC_FRAMER)
#ifdef ZCNC_EXTRA_H
ZCNC_EXTRA_FRAMES(ZCNC_EXTRA_FRAMER)
#endif

static const zcnc_framer framers[] = {
    {"dns_tcp", frame_dns_tcp, payload_dns_tcp, "dns.dns_message", 2 + 65535},
    ZCNC_BUILTIN_FRAMES(ZCNC_FRAMER_ENTRY)
#ifdef ZCNC_EXTRA_H
    ZCNC_EXTRA_FRAMES(ZCNC_EXTRA_FRAMER_ENTRY)
#endif
};


const zcnc_decoder *zcnc_find_decoder(const char *name)
{
    for (size_t i = 0; i < sizeof decoders / sizeof decoders[0]; i++)
        if (strcmp(decoders[i].name, name) == 0)
            return &decoders[i];
    return NULL;
}

const zcnc_framer *zcnc_find_framer(const char *name)
{
    for (size_t i = 0; i < sizeof framers / sizeof framers[0]; i++)
        if (strcmp(framers[i].name, name) == 0)
            return &framers[i];
    return NULL;
}

void zcnc_list(FILE *out)
{
    fputs("--decode:", out);
    for (size_t i = 0; i < sizeof decoders / sizeof decoders[0]; i++)
        fprintf(out, " %s", decoders[i].name);
    fputs("\n--frame:", out);
    for (size_t i = 0; i < sizeof framers / sizeof framers[0]; i++)
        fprintf(out, " %s", framers[i].name);
    fputc('\n', out);
}

/* ---- printing ------------------------------------------------------------- */

#define MAX_DEPTH 64
#define MAX_HEX 256 /* bytes of a byte array shown; the rest is counted */

typedef struct {
    FILE *out;
    bool json;
    const uint8_t *msg; /* the message: DNS names point into it */
    size_t len;
    int depth;
    bool first[MAX_DEPTH];    /* nothing printed yet at this depth        */
    bool in_array[MAX_DEPTH]; /* this depth is an array's elements        */
    int addr;                 /* inside an ipv4_addr (4) / ipv6_addr (6)  */
    int skip;                 /* depth of an address being printed        */
    bool bad;
} printer;

static void put_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void put_hex(FILE *out, const uint8_t *p, size_t n, bool json)
{
    size_t shown = n > MAX_HEX ? MAX_HEX : n;
    if (json)
        fputc('"', out);
    for (size_t i = 0; i < shown; i++)
        fprintf(out, "%02x", p[i]);
    if (shown < n)
        fprintf(out, "...(%zu bytes)", n);
    if (json)
        fputc('"', out);
}

/* The separator and the name of the next item at this depth. */
static void put_key(printer *w, const char *name)
{
    int d = w->depth;
    if (!w->first[d])
        fputs(w->json ? "," : " ", w->out);
    w->first[d] = false;
    if (w->in_array[d])
        return;
    if (w->json) {
        put_json_string(w->out, name);
        fputc(':', w->out);
    } else {
        fprintf(w->out, "%s=", name);
    }
}

static void push(printer *w, bool array)
{
    if (w->depth + 1 >= MAX_DEPTH)
        return;
    w->depth++;
    w->first[w->depth] = true;
    w->in_array[w->depth] = array;
}

static void put_status(printer *w, zc_status st)
{
    char text[256];
    zc_status_format(st, text, sizeof text);
    if (w->json) {
        fputs("{\"malformed\":", w->out);
        put_json_string(w->out, text);
        fputc('}', w->out);
    } else {
        fprintf(w->out, "<malformed: %s>", text);
    }
    w->bad = true;
}

static void put_field(void *ctx, const zc_field *f)
{
    printer *w = (printer *)ctx;
    FILE *out = w->out;

    if (w->addr) { /* ipv4_addr / ipv6_addr: their octets as an address */
        if (f->kind == ZC_FIELD_BYTES && f->bytes.len == (w->addr == 4 ? 4u : 16u)) {
            char text[INET6_ADDRSTRLEN];
            inet_ntop(w->addr == 4 ? AF_INET : AF_INET6, f->bytes.ptr, text, sizeof text);
            fprintf(out, w->json ? "\"%s\"" : "%s", text);
        } else if (f->kind == ZC_FIELD_END) {
            w->addr = 0;
        }
        return;
    }
    switch (f->kind) {
    case ZC_FIELD_UINT:
        put_key(w, f->name);
        fprintf(out, "%llu", (unsigned long long)f->value);
        return;
    case ZC_FIELD_ENUM:
        put_key(w, f->name);
        if (f->enum_name)
            fprintf(out, w->json ? "\"%s\"" : "%s", f->enum_name);
        else
            fprintf(out, "%llu", (unsigned long long)f->value);
        return;
    case ZC_FIELD_BYTES:
        put_key(w, f->name);
        put_hex(out, f->bytes.ptr, f->bytes.len, w->json);
        return;
    case ZC_FIELD_BEGIN:
        put_key(w, f->name);
        if (strcmp(f->type, "ipv4_addr") == 0 || strcmp(f->type, "ipv6_addr") == 0) {
            w->addr = f->type[3] == '4' ? 4 : 6;
            return;
        }
        fputc('{', out);
        push(w, false);
        return;
    case ZC_FIELD_END:
    case ZC_FIELD_ARRAY_END:
        if (w->depth > 0)
            w->depth--;
        fputc(f->kind == ZC_FIELD_END ? '}' : ']', out);
        return;
    case ZC_FIELD_ARRAY_BEGIN:
        put_key(w, f->name);
        fputc('[', out);
        push(w, true);
        return;
    case ZC_FIELD_EXTERN:
        put_key(w, f->name);
        if (strcmp(f->type, "dns_name") == 0) {
            char text[ZC_DNS_NAME_TEXT_MAX];
            size_t n;
            dns_name_view nv;
            nv.zc_base = f->bytes.ptr;
            nv.zc_len = f->bytes.len;
            zc_status st = zc_dns_name_decode(w->msg, w->len, nv, text, sizeof text, &n);
            if (st.code != ZC_OK) {
                /* offsets count from the message */
                put_status(w, zc_fail_nested(st, (size_t)(f->bytes.ptr - w->msg)));
                return;
            }
            if (w->json)
                put_json_string(out, n ? text : ".");
            else
                fputs(n ? text : ".", out);
            return;
        }
        put_hex(out, f->bytes.ptr, f->bytes.len, w->json);
        return;
    case ZC_FIELD_ERROR:
        put_key(w, "error");
        put_status(w, f->status);
        return;
    }
}

bool zcnc_print(FILE *out, const zcnc_decoder *d, bool json, const zcnc_msg *m,
                const uint8_t *p, size_t n)
{
    printer w;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.json = json;
    w.msg = p;
    w.len = n;
    w.first[0] = true;

    if (json) {
        fprintf(out, "{\"dir\":\"%s\",\"peer\":", m->dir);
        put_json_string(out, m->peer);
        if (m->meta) {
            fputs(",\"meta\":", out);
            put_json_string(out, m->meta);
        }
        fprintf(out, ",\"decode\":\"%s\",\"len\":%zu,", d->name, n);
    } else {
        fprintf(out, "%s %s %s %zu bytes", m->dir, m->peer, d->name, n);
        if (m->meta)
            fprintf(out, " [%s]", m->meta);
        fputs(": ", out);
    }

    /* The parse reads only p[0, n) and the visit only what it accepted. */
    if (json)
        fputs("\"fields\":{", out);
    zc_status st = d->decode(p, n, put_field, &w);
    if (st.code != ZC_OK) {
        char text[256];
        zc_status_format(st, text, sizeof text);
        if (json) {
            fputs("},\"malformed\":", out);
            put_json_string(out, text);
            fputs(",\"bytes\":", out);
            put_hex(out, p, n, true);
            fputs("}\n", out);
        } else {
            fprintf(out, "malformed: %s; bytes ", text);
            put_hex(out, p, n, false);
            fputc('\n', out);
        }
        fflush(out);
        return false;
    }
    if (json) {
        fputc('}', out);
        if (w.bad)
            fputs(",\"malformed\":true", out);
        fputs("}\n", out);
    } else {
        if (w.bad)
            fputs(" (malformed)", out);
        fputc('\n', out);
    }
    fflush(out);
    return !w.bad;
}
