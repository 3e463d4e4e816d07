/*
 * emit_fuzz.c - the checked model -> a libFuzzer target (--emit=fuzz).
 *
 * The target feeds each input to every struct's *_parse as an entry point.
 * On success it walks every field through *_visit (which calls every
 * accessor, nested structs included) and checks that the view and every
 * byte slice lie inside the input; on failure it checks that the status
 * names a field at an offset inside the input. It also checks what the
 * generated API promises beyond bounds (docs/schema-language.md):
 *
 *   - arrays of structs: every element lies inside the view, right after
 *     the one before; a walk by count never fails (*_parse walked it); a
 *     walk that ends well ends at the end of its region; S_F_count() and
 *     S_F_at() agree with the walk;
 *   - NAME_frame() agrees with NAME_parse() (COMPLETE exactly when it
 *     succeeds, with its size; otherwise its status), on the input, on
 *     prefixes of it and on the frames that follow one another in it; a
 *     COMPLETE frame's bytes alone parse to the same size. On a prefix: a
 *     frame never completes that the whole input does not complete the
 *     same way; NEED k is exact where it can be checked (k - 1 more bytes
 *     still NEED 1, or are MALFORMED) and at most the rest of a frame the
 *     input completes; MALFORMED fails exactly as the whole input does.
 *
 *   - stacks: NAME_walk() from every struct of the stack keeps every layer
 *     inside the input and inside its predecessor's payload.
 *
 * Any violation traps, so the fuzzer reports it even without a sanitizer;
 * with ASan+UBSan any read outside the input or any UB is reported too.
 *
 *   zerocast --emit=fuzz schemas/ipv4.zc -o fuzz_ipv4.c
 *   clang -fsanitize=fuzzer,address,undefined -I runtime -I build fuzz_ipv4.c
 */
#include "zcc.h"

static bool fuzz_is_struct_array(Field *f)
{
    return !f->is_switch && f->array != ARR_NONE && f->type && f->type->kind == T_STRUCT;
}

/* Whether emit_c.c gives array f S_F_count() and S_F_at(). */
static bool fuzz_has_at(Field *f)
{
    Decl *e = f->type->decl;
    return e->fixed_size && f->array != ARR_REST && e->min_size > 0;
}

static bool fuzz_has_arrays(Decl *d)
{
    for (int i = 0; i < d->all_fields.len; i++)
        if (fuzz_is_struct_array(d->all_fields.data[i]))
            return true;
    return false;
}

static void emit_helpers(FILE *out, bool frames)
{
    fprintf(out,
            "/* Keeps every read alive: the sum depends on each byte visited. */\n"
            "static volatile uint64_t zc_fuzz_sink;\n"
            "\n"
            "typedef struct {\n"
            "    const uint8_t *base;\n"
            "    size_t size;\n"
            "    uint64_t sum;\n"
            "} zc_fuzz_ctx;\n"
            "\n"
            "/* Reads every byte a field reports; traps on a slice outside the input. */\n"
            "static void zc_fuzz_field(void *ctx, const zc_field *f)\n"
            "{\n"
            "    zc_fuzz_ctx *c = (zc_fuzz_ctx *)ctx;\n"
            "    c->sum += f->value + f->offset;\n"
            "    if (f->kind == ZC_FIELD_ERROR && (f->status.field == NULL || f->status.code == ZC_OK))\n"
            "        __builtin_trap();   /* a stopped array walk must say why */\n"
            "    if (f->kind != ZC_FIELD_BYTES && f->kind != ZC_FIELD_EXTERN)\n"
            "        return;\n"
            "    if (f->bytes.len > c->size || f->bytes.ptr < c->base ||\n"
            "        (size_t)(f->bytes.ptr - c->base) > c->size - f->bytes.len)\n"
            "        __builtin_trap();\n"
            "    for (size_t i = 0; i < f->bytes.len; i++)\n"
            "        c->sum += f->bytes.ptr[i];\n"
            "}\n"
            "\n"
            "/* A failed parse must name a field inside the input. */\n"
            "static void zc_fuzz_failed(zc_status st, size_t size)\n"
            "{\n"
            "    if (st.field == NULL || st.offset > size)\n"
            "        __builtin_trap();\n"
            "}\n"
            "\n"
            "/* One element of an array walk: inside the view, right after the one\n"
            "   before (*at: where it must start; advanced past it). */\n"
            "static void zc_fuzz_element(const uint8_t *vbase, size_t vlen, const uint8_t *ebase,\n"
            "                            size_t elen, size_t *at)\n"
            "{\n"
            "    if (ebase != vbase + *at || elen == 0 || elen > vlen - *at)\n"
            "        __builtin_trap();\n"
            "    *at += elen;\n"
            "}\n"
            "\n"
            "/* How an array walk ended: by count it cannot fail (*_parse walked it);\n"
            "   otherwise a failure names a field inside the view, and a walk that\n"
            "   ends well ends at the end of its region. */\n"
            "static void zc_fuzz_walked(const zc_iter *it, size_t vlen, int by_count)\n"
            "{\n"
            "    zc_status st = zc_iter_status(it);\n"
            "    if (by_count && st.code != ZC_OK)\n"
            "        __builtin_trap();\n"
            "    if (st.code != ZC_OK && (st.field == NULL || st.offset > vlen))\n"
            "        __builtin_trap();\n"
            "    if (!by_count && st.code == ZC_OK && it->zc_pos != it->zc_end)\n"
            "        __builtin_trap();\n"
            "}\n"
            "\n");
    if (!frames)
        return;
    fprintf(out,
            "typedef zc_frame (*zc_fuzz_frame_fn)(const void *buf, size_t len);\n"
            "\n"
            "static int zc_fuzz_same(zc_status a, zc_status b)\n"
            "{\n"
            "    return a.code == b.code && a.offset == b.offset &&\n"
            "           (a.field == b.field || (a.field && b.field && strcmp(a.field, b.field) == 0));\n"
            "}\n"
            "\n"
            "/* NAME_frame() on data[0, size) agrees with NAME_parse() there (st, and\n"
            "   vlen: the view's size) and with itself on prefixes. Returns it. */\n"
            "static zc_frame zc_fuzz_frame(zc_fuzz_frame_fn frame, zc_status st, size_t vlen,\n"
            "                              const uint8_t *data, size_t size, int prefixes)\n"
            "{\n"
            "    zc_frame f = frame(data, size);\n"
            "    switch (f.state) {\n"
            "    case ZC_FRAME_COMPLETE:\n"
            "        if (st.code != ZC_OK || f.status.code != ZC_OK || f.size != vlen || f.size > size)\n"
            "            __builtin_trap();\n"
            "        break;\n"
            "    case ZC_FRAME_NEED:\n"
            "        if (st.code != ZC_ERR_TRUNCATED || !zc_fuzz_same(f.status, st) || f.size == 0)\n"
            "            __builtin_trap();\n"
            "        break;\n"
            "    case ZC_FRAME_MALFORMED:\n"
            "        if (st.code == ZC_OK || !zc_fuzz_same(f.status, st) || f.size != 0)\n"
            "            __builtin_trap();\n"
            "        break;\n"
            "    default:\n"
            "        __builtin_trap();\n"
            "    }\n"
            "    /* prefixes: the first and last 32 lengths, and the frame's size - 1 */\n"
            "    for (size_t i = 0; prefixes && i <= 64; i++) {\n"
            "        size_t p = i < 32 ? i : i < 64 ? size - (64 - i) : f.size - 1;\n"
            "        zc_frame g;\n"
            "        if ((i >= 32 && i < 64 && size < 64 - i) || (i == 64 && f.state != ZC_FRAME_COMPLETE) ||\n"
            "            p >= size)\n"
            "            continue;\n"
            "        g = frame(data, p);\n"
            "        if (f.state == ZC_FRAME_COMPLETE && p >= f.size) {\n"
            "            if (g.state != ZC_FRAME_COMPLETE || g.size != f.size)\n"
            "                __builtin_trap();   /* bytes after a frame do not matter */\n"
            "        } else if (g.state == ZC_FRAME_NEED) {\n"
            "            if (g.size == 0 || g.status.code != ZC_ERR_TRUNCATED ||\n"
            "                (f.state == ZC_FRAME_COMPLETE && g.size > f.size - p))\n"
            "                __builtin_trap();   /* needs at most the rest of the frame */\n"
            "            if (g.size - 1 < size - p) {   /* and at least g.size bytes */\n"
            "                zc_frame h = frame(data, p + g.size - 1);\n"
            "                if (h.state == ZC_FRAME_COMPLETE || (h.state == ZC_FRAME_NEED && h.size != 1))\n"
            "                    __builtin_trap();\n"
            "            }\n"
            "        } else if (g.state != ZC_FRAME_MALFORMED || f.state != ZC_FRAME_MALFORMED ||\n"
            "                   !zc_fuzz_same(g.status, f.status)) {\n"
            "            __builtin_trap();   /* no more bytes could have helped */\n"
            "        }\n"
            "    }\n"
            "    return f;\n"
            "}\n"
            "\n");
}

/* zc_fuzz_arrays_S(v): walks every array of structs of a parsed S. */
static void emit_arrays_fn(FILE *out, Decl *d, const char *prefix)
{
    fprintf(out, "/* Every array of structs of a parsed %s, element by element. */\n", d->name);
    fprintf(out, "static void zc_fuzz_arrays_%s(%s%s_view v)\n{\n", d->name, prefix, d->name);
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (!fuzz_is_struct_array(f))
            continue;
        Decl *e = f->type->decl;
        bool at = fuzz_has_at(f);
        fprintf(out,
                "    {   /* %s */\n"
                "        zc_iter it = %s%s_%s(v);\n"
                "        %s%s_view e;\n"
                "        size_t at = it.zc_pos, k = 0;\n"
                "        while (%s%s_next(&it, &e)) {\n"
                "            zc_fuzz_element(v.zc_base, v.zc_len, e.zc_base, e.zc_len, &at);\n",
                f->name, prefix, d->name, f->name, prefix, e->name, prefix, e->name);
        if (at)
            fprintf(out,
                    "            {\n"
                    "                %s%s_view a;\n"
                    "                if (!%s%s_%s_at(v, k, &a) || a.zc_base != e.zc_base || a.zc_len != e.zc_len)\n"
                    "                    __builtin_trap();\n"
                    "            }\n",
                    prefix, e->name, prefix, d->name, f->name);
        fprintf(out,
                "            k++;\n"
                "        }\n"
                "        zc_fuzz_walked(&it, v.zc_len, %d);\n",
                f->array == ARR_EXPR);
        if (!at)
            fprintf(out, "        (void)k;\n");
        if (at)
            fprintf(out,
                    "        {   /* _at() stops where the walk did; _count() is its length */\n"
                    "            %s%s_view a;\n"
                    "            if (%s%s_%s_at(v, k, &a) ||\n"
                    "                (zc_iter_status(&it).code == ZC_OK && k != %s%s_%s_count(v)))\n"
                    "                __builtin_trap();\n"
                    "        }\n",
                    prefix, e->name, prefix, d->name, f->name, prefix, d->name, f->name);
        fprintf(out, "    }\n");
    }
    fprintf(out, "}\n\n");
}

/* zc_fuzz_frames_S(data, size): NAME_frame() on the input and on the
   frames that follow one another in it. */
static void emit_frames_fn(FILE *out, Decl *d, const char *prefix)
{
    const char *s = d->name;
    fprintf(out,
            "/* %s_frame() on the input, its prefixes, and the frames that follow it. */\n"
            "static void zc_fuzz_frames_%s(const uint8_t *data, size_t size)\n"
            "{\n"
            "    size_t off = 0;\n"
            "    for (int k = 0; k < 256 && off <= size; k++) {\n"
            "        %s%s_view w;\n"
            "        zc_status st = %s%s_parse(&w, data + off, size - off);\n"
            "        zc_frame f = zc_fuzz_frame(%s%s_frame, st, w.zc_len, data + off, size - off, k == 0);\n"
            "        if (f.state != ZC_FRAME_COMPLETE || f.size == 0)\n"
            "            return;\n"
            "        /* the frame's bytes alone parse the same */\n"
            "        st = %s%s_parse(&w, data + off, f.size);\n"
            "        if (st.code != ZC_OK || w.zc_base != data + off || w.zc_len != f.size)\n"
            "            __builtin_trap();\n"
            "        off += f.size;\n"
            "    }\n"
            "}\n\n",
            s, s, prefix, s, prefix, s, prefix, s, prefix, s);
}

void emit_fuzz(FILE *out, Program *prog, const FuzzOptions *opts)
{
    const char *prefix = opts->prefix ? opts->prefix : "";
    bool frames = false;
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_STRUCT && struct_has_frame(d))
            frames = true;
    }
    fprintf(out,
            "/*\n"
            " * libFuzzer target for %s, generated by zerocast %s. Do not edit.\n"
            " * Build: clang -fsanitize=fuzzer,address,undefined -I runtime -I DIR_OF_HEADER FILE.c\n"
            " */\n"
            "#include <stddef.h>\n"
            "#include <stdint.h>\n"
            "#include <string.h>\n"
            "\n"
            "#include \"%s\"\n"
            "\n"
            "int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);\n"
            "\n",
            opts->schema_name, ZCC_VERSION, opts->header);
    emit_helpers(out, frames);
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind != D_STRUCT)
            continue;
        if (fuzz_has_arrays(d))
            emit_arrays_fn(out, d, prefix);
        if (struct_has_frame(d))
            emit_frames_fn(out, d, prefix);
    }

    fprintf(out,
            "int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)\n"
            "{\n"
            "    zc_fuzz_ctx c;\n"
            "    c.base = data;\n"
            "    c.size = size;\n"
            "    c.sum = 0;\n");
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind != D_STRUCT)
            continue;
        fprintf(out,
                "    {\n"
                "        %s%s_view v;\n"
                "        zc_status st = %s%s_parse(&v, data, size);\n"
                "        if (st.code == ZC_OK) {\n"
                "            if (v.zc_base != data || v.zc_len > size)\n"
                "                __builtin_trap();\n"
                "            %s%s_visit(v, zc_fuzz_field, &c);\n",
                prefix, d->name, prefix, d->name, prefix, d->name);
        if (fuzz_has_arrays(d))
            fprintf(out, "            zc_fuzz_arrays_%s(v);\n", d->name);
        fprintf(out,
                "        } else {\n"
                "            zc_fuzz_failed(st, size);\n"
                "        }\n");
        if (struct_has_frame(d))
            fprintf(out, "        zc_fuzz_frames_%s(data, size);\n", d->name);
        fprintf(out, "    }\n");
    }
    /* stacks: a walk from every struct of the stack; every layer lies in
       the input, inside its predecessor's payload */
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind != D_STACK)
            continue;
        const char *S = d->name;
        fprintf(out,
                "    {\n"
                "        %s%s_layer l[16];\n"
                "        size_t n, k;\n"
                "        int p;\n"
                "        for (p = 1; p <= %d; p++) {\n"
                "            zc_status st = %s%s_walk(data, size, (%s%s_proto)p, l, 16, &n);\n"
                "            if (n > 16)\n"
                "                __builtin_trap();\n"
                "            for (k = 0; k < n; k++) {\n"
                "                if (l[k].offset > size || l[k].bytes.ptr != data + l[k].offset ||\n"
                "                    l[k].bytes.len > size - l[k].offset)\n"
                "                    __builtin_trap();\n"
                "                if (l[k].payload.len && (l[k].payload.ptr < l[k].bytes.ptr ||\n"
                "                    l[k].payload.len > l[k].bytes.len - (size_t)(l[k].payload.ptr - l[k].bytes.ptr)))\n"
                "                    __builtin_trap();\n"
                "                if (k > 0 && (l[k].bytes.ptr != l[k - 1].payload.ptr || l[k].bytes.len != l[k - 1].payload.len))\n"
                "                    __builtin_trap();\n"
                "            }\n"
                "            if (st.code != ZC_OK)\n"
                "                zc_fuzz_failed(st, size);\n"
                "        }\n"
                "    }\n",
                prefix, S, d->protos.len, prefix, S, prefix, S);
    }
    fprintf(out,
            "    zc_fuzz_sink = c.sum;\n"
            "    return 0;\n"
            "}\n");
}
