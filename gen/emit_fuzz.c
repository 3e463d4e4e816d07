/*
 * emit_fuzz.c - the checked model -> a libFuzzer target (--emit=fuzz).
 *
 * The target feeds each input to every struct's *_parse as an entry point.
 * On success it walks every field through *_visit (which calls every
 * accessor, nested structs included) and checks that the view and every
 * byte slice lie inside the input; on failure it checks that the status
 * names a field at an offset inside the input. It also checks what the
 * generated API promises beyond bounds (docs/schema-language.md,
 * docs/generated-api.md):
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
 *   - NAME_parse_deep() fails exactly as NAME_parse() where that fails;
 *     where it succeeds, parse_deep gives the same view, or a failure inside
 *     the input with an empty view;
 *   - stacks: NAME_walk() from every struct of the stack keeps every layer
 *     inside the input and inside its predecessor's payload.
 *   - setters, on a heap copy of the input of exactly its size (so ASan
 *     sees a write past it): S_parse_mut() on the copy parses as S_parse()
 *     does on the input; for every field with a setter, its value written
 *     back leaves the copy identical to the input; a value with every bit
 *     of the field flipped changes nothing but the field's bits (by the
 *     layout: byte offset, bit offset and width) and reads back through
 *     the getter; restored, the copy is the input again. A bit field
 *     refuses one past its maximum (ZC_ERR_RANGE), a byte array a copy of
 *     the wrong length (ZC_ERR_SPACE), an absent optional or case field
 *     any value (ZC_ERR_ABSENT), each writing nothing. Nested _mut views
 *     and the writable views of array elements (T_writable) lie where the
 *     read views of the input lie, and their setters are checked the same
 *     way (at most ZC_FUZZ_VIEWS of them per entry point).
 *
 * Any violation traps, so the fuzzer reports it even without a sanitizer;
 * with ASan+UBSan any read outside the input or any UB is reported too.
 *
 *   zerocast --emit=fuzz schemas/ipv4.zc -o fuzz_ipv4.c
 *   clang -fsanitize=fuzzer,address,undefined -I runtime -I build fuzz_ipv4.c
 */
#include "names.h"

/* emit_view.c: whether a struct has NAME_parse_ex() (an @policy constraint) */
bool parses_policy(Decl *d);

static FILE *out;

static void p(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void p(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit_check_args(fmt, ap);
    vfprintf(out, fmt, ap);
    va_end(ap);
}

/* ---- what the model holds ------------------------------------------------ */

static bool fuzz_is_struct_array(Field *f)
{
    return !f->is_switch && f->array != ARR_NONE && f->type && f->type->kind == T_STRUCT;
}

/* Whether emit_access.c gives array f S_F_count() and S_F_at(). */
static bool fuzz_has_at(Field *f)
{
    Decl *e = f->type->decl;
    return e->fixed_size && f->array != ARR_REST && e->min_size > 0;
}

/* Arrays of wire integers (`be16 x[n]`): S_F_count(), S_F_at(), S_F_iter(). */
static bool fuzz_has_wire_arrays(Decl *d)
{
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (!f->is_switch && f->elem_size)
            return true;
    }
    return false;
}

static bool fuzz_has_arrays(Decl *d)
{
    for (int i = 0; i < d->all_fields.len; i++)
        if (fuzz_is_struct_array(d->all_fields.data[i]))
            return true;
    return false;
}

/* What the header lets one write to a field (emit_write.c, emit_setter()): a
   value (integer, enum or wire type, whole bytes or a bit field) through
   S_set_F(), a byte array through S_set_F(m, src, n), a nested struct
   through its S_F_mut() view, the elements of an array of structs through
   T_writable(); switches and extern fields have no setter. */
typedef enum { FW_NONE, FW_VALUE, FW_BYTES, FW_NESTED, FW_ELEMENTS, FW_VARINT } FuzzWrite;

static FuzzWrite fuzz_write(Field *f)
{
    if (f->is_switch || !f->type || f->type->kind == T_EXTERN)
        return FW_NONE;
    if (f->array != ARR_NONE)
        return f->type->kind == T_STRUCT ? FW_ELEMENTS : FW_BYTES;
    if (f->type->kind == T_VARINT)
        return FW_VARINT;
    return f->type->kind == T_STRUCT ? FW_NESTED : FW_VALUE;
}

/* A whole-byte enum field of at most 16 bits: its setter takes a C enum,
   which can hold more than the field (emit_common.c, enum_is_narrow()). */
static bool fuzz_enum_narrow(const Field *f)
{
    return f->type->kind == T_ENUM && !f->is_bits && f->type->base->bits <= 16;
}

/* A bit-field setter refuses a value wider than the field (ZC_ERR_RANGE),
   unless the field is as wide as the setter's C type; so does the setter of
   a narrow enum field. */
static bool fuzz_has_range(const Field *f)
{
    int bits = value_type(f)->bits;
    return (f->is_bits && bits != 8 && bits != 16 && bits != 32 && bits != 64) || fuzz_enum_narrow(f);
}

/* Whether f's setter returns a zc_status (else it returns nothing). */
static bool fuzz_set_status(const Field *f)
{
    return f->is_bits || f->cond || f->array != ARR_NONE || fuzz_enum_narrow(f);
}

/* Whether the target checks anything through S's mutable view. */
static bool fuzz_has_writes(Decl *d)
{
    for (int i = 0; i < d->all_fields.len; i++)
        if (fuzz_write(d->all_fields.data[i]) != FW_NONE)
            return true;
    return false;
}

/* The helpers a target uses (clang warns about unused static functions). */
typedef struct {
    bool structs;    /* any struct: parsing, visiting, the writable copy */
    bool arrays;     /* arrays of structs: element walks */
    bool frames;     /* NAME_frame() */
    bool stacks;     /* NAME_walk() */
    bool values;     /* value or byte-array setters */
    bool statuses;   /* setters that return a zc_status */
    bool refusals;   /* setters that can refuse */
    bool bytes;      /* byte-array setters */
    bool views;      /* nested structs or arrays of structs */
    Vec enums;       /* Decl*: enums a setter takes */
    bool lsb;        /* setters of LSB-first bit fields */
} FuzzNeeds;

static FuzzNeeds fuzz_needs(Program *prog)
{
    FuzzNeeds n = { 0 };
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_STACK)
            n.stacks = true;
        if (d->kind != D_STRUCT)
            continue;
        n.structs = true;
        n.arrays |= fuzz_has_arrays(d);
        n.frames |= struct_has_frame(d);
        for (int j = 0; j < d->all_fields.len; j++) {
            Field *f = d->all_fields.data[j];
            FuzzWrite w = fuzz_write(f);
            if (w == FW_NESTED || w == FW_ELEMENTS)
                n.views = true;
            if (w == FW_VARINT) {   /* setters that return a status and can refuse */
                n.values = n.statuses = n.refusals = true;
                continue;
            }
            if (w != FW_VALUE && w != FW_BYTES)
                continue;
            n.values = true;
            n.lsb |= w == FW_VALUE && f->lsb_first;
            n.statuses |= fuzz_set_status(f);
            n.refusals |= w == FW_BYTES || f->cond || fuzz_has_range(f);
            n.bytes |= w == FW_BYTES;
            if (f->type->kind == T_ENUM) {
                bool seen = false;
                for (int k = 0; k < n.enums.len; k++)
                    seen |= n.enums.data[k] == f->type->decl;
                if (!seen)
                    vec_push(&n.enums, f->type->decl);
            }
        }
    }
    return n;
}

/* ---- names and expressions in the target --------------------------------- */

/* "S.F", as setters name a field in their statuses. */

/* C expression: where field f starts inside view `v`, from the layout (as
   the header computes it: a named constant in the first segment, else the
   end of the variable array before it plus a constant). */
static char *fuzz_field_off(Field *f, const char *v)
{
    if (f->trailer) {   /* from the end of the region: the trailer fields there */
        char *size = xformat("%zu", (size_t)0);
        for (int i = f->index; i < f->owner->fields.len; i++) {
            Field *g = f->owner->fields.data[i];
            if (!g->trailer)
                break;
            size = g->cond ? xformat("%s + (%s(%s) ? (size_t)%zu : 0)", size, has_fn(g), v, g->size)
                           : xformat("%s + %zu", size, g->size);
        }
        return xformat("%s.zc_len - (%s)", v, size);
    }
    if (f->sw)   /* a case starts where its switch does */
        return fuzz_field_off(f->sw, v);
    if (f->seg == 0)
        return off_macro(f);
    if (f->off == 0)
        return xformat("%s(%s)", seg_fn(f->owner, f->seg), v);
    return xformat("%s(%s) + %zu", seg_fn(f->owner, f->seg), v, f->off);
}

/* Every bit of an integer of t's width (signed fields are flipped and
   compared as their two's complement bits). */
static uint64_t fuzz_mask(const Type *t)
{
    return t->bits >= 64 ? UINT64_MAX : ((uint64_t)1 << t->bits) - 1;
}

/* The getter's result `e` for value field f as a uint64_t host value. */
static char *fuzz_host(Field *f, const char *e)
{
    const Type *t = f->type;
    if (t->kind == T_WIRE && t->is_signed)   /* signed: its two's complement bits */
        return xformat("((uint64_t)zc_%stoh(%s) & 0x%llxu)", wire_name(t), e, (unsigned long long)fuzz_mask(t));
    if (t->kind == T_WIRE)
        return xformat("(uint64_t)zc_%stoh(%s)", wire_name(t), e);
    if (t->is_signed)
        return xformat("((uint64_t)%s & 0x%llxu)", e, (unsigned long long)fuzz_mask(t));
    return xformat("(uint64_t)%s", e);
}

/* The setter's argument for host value `u` (a uint64_t variable or
   constant). Enums
   go through zc_fuzz_to_E(): the enum's type name is the schema's, and
   could be the name of a local variable here. */
static char *fuzz_arg(Field *f, const char *u)
{
    const Type *t = f->type;
    if (t->kind == T_ENUM)
        return xformat("zc_fuzz_to_%s%s(%s)", names_prefix(), t->decl->name, u);
    if (t->kind == T_WIRE && t->is_signed)
        return xformat("zc_hto%s((%s)zc_sext(%s, %d))", wire_name(t), int_c_name(t->bits), u, t->bits);
    if (t->kind == T_WIRE)
        return xformat("zc_hto%s((%s)%s)", wire_name(t), uint_c_name(t->bits), u);
    if (t->is_signed)
        return xformat("(%s)zc_sext(%s, %d)", int_c_name(t->bits), u, t->bits);
    return xformat("(%s)%s", uint_c_name(t->bits), u);
}

/* A setter call as a statement: checked for ZC_OK when it returns a status. */
static char *fuzz_set_ok(Field *f, const char *args)
{
    if (fuzz_set_status(f))
        return xformat("zc_fuzz_ok(%s(m, %s));", setter(f), args);
    return xformat("%s(m, %s);", setter(f), args);
}

/* ---- helpers, once per target -------------------------------------------- */

static void emit_read_helpers(const FuzzNeeds *n)
{
    if (n->structs)
        p("/* Keeps every read alive: the sum depends on each byte visited. */\n"
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
          "static int zc_fuzz_same(zc_status a, zc_status b)\n"
          "{\n"
          "    return a.code == b.code && a.offset == b.offset &&\n"
          "           (a.field == b.field || (a.field && b.field && strcmp(a.field, b.field) == 0));\n"
          "}\n"
          "\n");
    if (n->structs || n->stacks)
        p("/* A failed parse must name a field inside the input. */\n"
          "static void zc_fuzz_failed(zc_status st, size_t size)\n"
          "{\n"
          "    if (st.field == NULL || st.offset > size)\n"
          "        __builtin_trap();\n"
          "}\n"
          "\n");
    if (n->arrays)
        p("/* One element of an array walk: inside the view, right after the one\n"
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
          "static void zc_fuzz_walked(zc_status st, size_t pos, size_t end, size_t vlen, int by_count)\n"
          "{\n"
          "    if (by_count && st.code != ZC_OK)\n"
          "        __builtin_trap();\n"
          "    if (st.code != ZC_OK && (st.field == NULL || st.offset > vlen))\n"
          "        __builtin_trap();\n"
          "    if (!by_count && st.code == ZC_OK && pos != end)\n"
          "        __builtin_trap();\n"
          "}\n"
          "\n");
    if (!n->frames)
        return;
    p("typedef zc_frame (*zc_fuzz_frame_fn)(const void *buf, size_t len);\n"
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

static void emit_write_helpers(const FuzzNeeds *n)
{
    if (!n->structs)
        return;
    p("/* ---- setters, checked on a writable copy of the input ---- */\n"
      "\n"
      "/* The byte loops below say nothing about the code under test: no coverage\n"
      "   feedback from them (and no tracing of their comparisons). */\n"
      "#if defined(__clang__)\n"
      "#define ZC_FUZZ_NO_COVERAGE __attribute__((no_sanitize(\"coverage\")))\n"
      "#else\n"
      "#define ZC_FUZZ_NO_COVERAGE\n"
      "#endif\n"
      "\n"
      "/* Nested views and array elements checked per entry point (the first\n"
      "   ones met): every check compares the whole copy, and an input can hold\n"
      "   thousands of elements. */\n"
      "#define ZC_FUZZ_VIEWS 16\n"
      "\n"
      "typedef struct {\n"
      "    const uint8_t *in;    /* the input (read-only) */\n"
      "    uint8_t *buf;         /* its copy: exactly size bytes on the heap, so\n"
      "                             ASan reports a write one byte past it */\n"
      "    size_t size;\n"
      "    uint8_t *scratch;     /* size + 1 bytes: values for byte-array setters */\n"
      "    int views;            /* nested views and elements checked so far */\n"
      "} zc_fuzz_copy;\n"
      "\n"
      "static zc_fuzz_copy zc_fuzz_copy_make(const uint8_t *data, size_t size)\n"
      "{\n"
      "    zc_fuzz_copy w;\n"
      "    w.in = data;\n"
      "    w.size = size;\n"
      "    w.buf = (uint8_t *)malloc(size);\n"
      "    w.scratch = (uint8_t *)malloc(size + 1);\n"
      "    w.views = 0;\n"
      "    if (w.buf == NULL || w.scratch == NULL)\n"
      "        abort();   /* out of memory (glibc and ASan never return NULL for 0) */\n"
      "    if (size > 0)\n"
      "        memcpy(w.buf, data, size);\n"
      "    return w;\n"
      "}\n"
      "\n"
      "/* A writable view of the copy writes the bytes it reads (wbase == base),\n"
      "   and lies where the read view of the input (rbase, rlen) lies. */\n"
      "static void zc_fuzz_mview(const zc_fuzz_copy *w, const uint8_t *wbase, const uint8_t *base,\n"
      "                          size_t len, const uint8_t *rbase, size_t rlen)\n"
      "{\n"
      "    if (wbase != base || len != rlen || rlen > w->size || rbase < w->in ||\n"
      "        (size_t)(rbase - w->in) > w->size - rlen || base != w->buf + (rbase - w->in))\n"
      "        __builtin_trap();\n"
      "}\n"
      "\n");
    if (n->views)
        p("/* Whether one more nested view or element gets its setters checked. */\n"
          "static bool zc_fuzz_budget(zc_fuzz_copy *w)\n"
          "{\n"
          "    return w->views++ < ZC_FUZZ_VIEWS;\n"
          "}\n"
          "\n");
    if (n->values)
        p("/* Every write is undone: the copy equals the input again. */\n"
          "ZC_FUZZ_NO_COVERAGE static void zc_fuzz_unchanged(const zc_fuzz_copy *w)\n"
          "{\n"
          "    if (w->size > 0 && memcmp(w->buf, w->in, w->size) != 0)\n"
          "        __builtin_trap();\n"
          "}\n"
          "\n"
          "/* The copy equals the input but for bits [bit, bit + bits) of the n bytes\n"
          "   at off (bit 0: the most significant bit of the first byte), the bits a\n"
          "   field occupies. */\n"
          "ZC_FUZZ_NO_COVERAGE static void zc_fuzz_changed_only(const zc_fuzz_copy *w, size_t off, size_t n,\n"
          "                                                     size_t bit, size_t bits)\n"
          "{\n"
          "    if (off > w->size || n > w->size - off || bits == 0 || bit + bits > 8 * n)\n"
          "        __builtin_trap();   /* the field is not inside the copy */\n"
          "    if (memcmp(w->buf, w->in, off) != 0 ||\n"
          "        memcmp(w->buf + off + n, w->in + off + n, w->size - off - n) != 0)\n"
          "        __builtin_trap();   /* a byte outside the field changed */\n"
          "    for (size_t i = 0; i < n; i++) {\n"
          "        unsigned keep = 0xffu;   /* the bits of byte i outside the field */\n"
          "        if (8 * i >= bit && 8 * i + 8 <= bit + bits)\n"
          "            continue;\n"
          "        for (size_t j = 0; j < 8; j++)\n"
          "            if (8 * i + j >= bit && 8 * i + j < bit + bits)\n"
          "                keep &= ~(0x80u >> j);\n"
          "        if (((unsigned)(w->buf[off + i] ^ w->in[off + i]) & keep) != 0)\n"
          "            __builtin_trap();   /* a bit next to the field changed */\n"
          "    }\n"
          "}\n"
          "\n");
    if (n->lsb)
        p("/* zc_fuzz_changed_only() for a field of an LSB-first group: bit 0 is the\n"
          "   least significant bit of the first byte. */\n"
          "ZC_FUZZ_NO_COVERAGE ZC_UNUSED static void zc_fuzz_changed_only_lsb(const zc_fuzz_copy *w, size_t off, size_t n,\n"
          "                                                               size_t bit, size_t bits)\n"
          "{\n"
          "    if (off > w->size || n > w->size - off || bits == 0 || bit + bits > 8 * n)\n"
          "        __builtin_trap();   /* the field is not inside the copy */\n"
          "    if (memcmp(w->buf, w->in, off) != 0 ||\n"
          "        memcmp(w->buf + off + n, w->in + off + n, w->size - off - n) != 0)\n"
          "        __builtin_trap();   /* a byte outside the field changed */\n"
          "    for (size_t b = 0; b < 8 * n; b++) {\n"
          "        unsigned diff = (unsigned)(w->buf[off + b / 8] ^ w->in[off + b / 8]) >> (b %% 8) & 1u;\n"
          "        if (diff && (b < bit || b >= bit + bits))\n"
          "            __builtin_trap();   /* a bit next to the field changed */\n"
          "    }\n"
          "}\n"
          "\n");
    if (n->statuses)
        p("/* A setter accepted a value that fits its field. */\n"
          "static void zc_fuzz_ok(zc_status st)\n"
          "{\n"
          "    if (st.code != ZC_OK)\n"
          "        __builtin_trap();\n"
          "}\n"
          "\n");
    if (n->refusals)
        p("/* A setter refused with `code`, naming its field (\"S.F\") at an offset\n"
          "   inside the view (vlen bytes), and wrote nothing. */\n"
          "static void zc_fuzz_refused(const zc_fuzz_copy *w, zc_status st, zc_code code, const char *field,\n"
          "                            size_t vlen)\n"
          "{\n"
          "    if (st.code != code || st.field == NULL || strcmp(st.field, field) != 0 || st.offset > vlen)\n"
          "        __builtin_trap();\n"
          "    zc_fuzz_unchanged(w);\n"
          "}\n"
          "\n");
    if (n->bytes)
        p("/* Bytes b with every bit flipped, in the scratch buffer. */\n"
          "ZC_FUZZ_NO_COVERAGE static const uint8_t *zc_fuzz_flipped(zc_fuzz_copy *w, zc_bytes b)\n"
          "{\n"
          "    for (size_t i = 0; i < b.len; i++)\n"
          "        w->scratch[i] = (uint8_t)~b.ptr[i];\n"
          "    return w->scratch;\n"
          "}\n"
          "\n"
          "/* After a byte-array setter: the getter gives the same place (was) and\n"
          "   the bytes written (want). */\n"
          "ZC_FUZZ_NO_COVERAGE static void zc_fuzz_read_back(zc_bytes got, zc_bytes was, const uint8_t *want)\n"
          "{\n"
          "    if (got.ptr != was.ptr || got.len != was.len || memcmp(got.ptr, want, got.len) != 0)\n"
          "        __builtin_trap();\n"
          "}\n"
          "\n");
    for (int i = 0; i < n->enums.len; i++) {
        Decl *e = n->enums.data[i];
        p("/* A host value as %s%s, for its setters. */\n", names_prefix(), e->name);
        p("static %s%s zc_fuzz_to_%s%s(uint64_t zc_u)\n{\n    return (%s%s)zc_u;\n}\n\n", names_prefix(), e->name,
          names_prefix(), e->name, names_prefix(), e->name);
    }
}

/* ---- per struct: arrays, frames ------------------------------------------ */

/* zc_fuzz_arrays_S(v): walks every array of structs of a parsed S. */
static void emit_arrays_fn(Decl *d)
{
    p("/* Every array of structs%s of a parsed %s, element by element. */\n",
      fuzz_has_wire_arrays(d) ? " or of wire integers" : "", d->name);
    p("static void zc_fuzz_arrays_%s(%s%s_view v)\n{\n", d->name, names_prefix(), d->name);
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (!f->is_switch && f->elem_size) {
            /* the bytes, _count(), _at() and the iterator agree, inside the view */
            const char *T = type_c_name(f->type);
            char *A = xformat("%s%s_%s", names_prefix(), d->name, f->name);
            size_t k = f->elem_size;
            p("    {   /* %s: %s elements */\n", f->name, type_schema_name(f->type));
            p("        zc_bytes b = %s(v);\n        size_t n = %s_count(v), k = 0;\n", A, A);
            p("        %s x, y;\n        %s_iter it = %s_iter(v);\n\n", T, T, A);
            p("        if (b.len %% %zu != 0 || n != b.len / %zu || b.ptr < v.zc_base ||\n", k, k);
            p("            b.len > v.zc_len - (size_t)(b.ptr - v.zc_base))\n            __builtin_trap();\n");
            p("        while (%s_next(&it, &x)) {\n", T);
            p("            if (!%s_at(v, k, &y) || memcmp(&x, &y, sizeof x) != 0 || memcmp(&x, b.ptr + k * %zu, %zu) != 0)\n",
              A, k, k);
            p("                __builtin_trap();\n            k++;\n        }\n");
            p("        if (k != n || %s_at(v, n, &y))\n            __builtin_trap();\n    }\n", A);
            continue;
        }
        if (!fuzz_is_struct_array(f))
            continue;
        Decl *e = f->type->decl;
        bool at = fuzz_has_at(f);
        p("    {   /* %s */\n"
          "        %s%s_iter it = %s(v);\n"
          "        %s%s_view e;\n"
          "        size_t at = it.zc_pos, k = 0;\n"
          "        while (%s%s_next(&it, &e)) {\n"
          "            zc_fuzz_element(v.zc_base, v.zc_len, e.zc_base, e.zc_len, &at);\n",
          f->name, names_prefix(), e->name, acc(f), names_prefix(), e->name, names_prefix(), e->name);
        if (at)
            p("            {\n"
              "                %s%s_view a;\n"
              "                if (!%s_at(v, k, &a) || a.zc_base != e.zc_base || a.zc_len != e.zc_len)\n"
              "                    __builtin_trap();\n"
              "            }\n",
              names_prefix(), e->name, acc(f));
        p("            k++;\n"
          "        }\n"
          "        zc_fuzz_walked(zc_iter_status(&it), it.zc_pos, it.zc_end, v.zc_len, %d);\n",
          f->array == ARR_EXPR);
        if (!at)
            p("        (void)k;\n");
        if (at)
            p("        {   /* _at() stops where the walk did; _count() is its length */\n"
              "            %s%s_view a;\n"
              "            if (%s_at(v, k, &a) ||\n"
              "                (zc_iter_status(&it).code == ZC_OK && k != %s_count(v)))\n"
              "                __builtin_trap();\n"
              "        }\n",
              names_prefix(), e->name, acc(f), acc(f));
        p("    }\n");
    }
    p("}\n\n");
}

/* zc_fuzz_frames_S(data, size): NAME_frame() on the input and on the
   frames that follow one another in it. */
static void emit_frames_fn(Decl *d)
{
    const char *s = d->name;
    p("/* %s_frame() on the input, its prefixes, and the frames that follow it. */\n"
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
      s, s, names_prefix(), s, names_prefix(), s, names_prefix(), s, names_prefix(), s);
}

/* ---- per struct: setters --------------------------------------------------- */

/* A value field: written back, flipped, restored; a bit field also one
   past its maximum; an absent one refused. */
static void emit_set_value(Field *f)
{
    const Type *vt = value_type(f);
    uint64_t max = vt->is_signed ? fuzz_mask(vt) : type_max(vt);
    char *off = fuzz_field_off(f, "m.v"), *get = xformat("%s(m.v)", acc(f));
    const char *in = f->cond ? "    " : "";

    if (f->is_bits)
        p("    {   /* %s: %s, bits %d..%d of the %zu-byte group at %s */\n", f->name,
          type_schema_name(f->type), f->bit_off, f->bit_off + vt->bits - 1, f->size, off);
    else
        p("    {   /* %s: %s at %s%s */\n", f->name, type_schema_name(f->type), off,
          f->cond ? ", when present" : "");
    p("        uint64_t x = %s, y = x ^ 0x%llxu;\n", fuzz_host(f, get), (unsigned long long)max);
    if (f->cond) {
        p("        if (!%s(m.v)) {\n", has_fn(f));
        p("            zc_fuzz_refused(w, %s(m, %s), ZC_ERR_ABSENT, \"%s\", m.v.zc_len);\n", setter(f),
          fuzz_arg(f, "x"), qual(f));
        p("        } else {\n");
    }
    p("%s        %s   /* the same value: nothing changes */\n", in, fuzz_set_ok(f, fuzz_arg(f, "x")));
    p("%s        zc_fuzz_unchanged(w);\n", in);
    p("%s        %s   /* every bit flipped: only the field's */\n", in, fuzz_set_ok(f, fuzz_arg(f, "y")));
    p("%s        if (%s != y)\n%s            __builtin_trap();\n", in, fuzz_host(f, get), in);
    p("%s        zc_fuzz_changed_only%s(w, at + %s, %zu, %d, %d);\n", in, f->lsb_first ? "_lsb" : "", off, f->size,
      f->is_bits ? f->bit_off : 0, vt->bits);
    p("%s        %s   /* restored */\n", in, fuzz_set_ok(f, fuzz_arg(f, "x")));
    p("%s        zc_fuzz_unchanged(w);\n", in);
    if (fuzz_has_range(f))
        p("%s        zc_fuzz_refused(w, %s(m, %s), ZC_ERR_RANGE, \"%s\", m.v.zc_len);\n", in, setter(f),
          vt->is_signed ? xformat("(%s)%lld", int_c_name(vt->bits), (long long)type_max(vt) + 1)
                        : fuzz_arg(f, xformat("0x%llxu", (unsigned long long)max + 1)), qual(f));
    if (f->cond)
        p("        }\n");
    p("    }\n");
}

/* A varint: written back (the same bytes: the encoding of a value in a
   given width is unique), its lowest bit flipped (it keeps its width),
   restored; a value one past what its width holds refused; absent refused. */
static void emit_set_varint(Field *f)
{
    const Type *t = value_type(f);
    char *get = xformat("%s(m.v)", acc(f));
    const char *T = uint_c_name(t->bits);
    const char *in = f->cond ? "    " : "";
    p("    {   /* %s: %s at %s%s */\n", f->name, type_schema_name(f->type), fuzz_field_off(f, "m.v"),
      f->cond ? ", when present" : "");
    p("        uint64_t x = (uint64_t)%s, y = x ^ 1u;\n", get);
    p("        size_t o = %s;\n", fuzz_field_off(f, "m.v"));
    p("        size_t vw = o < m.v.zc_len ? %s(m.v.zc_base + o, m.v.zc_len - o%s) : 0;\n",
      t->leb ? "zc_leb128_size" : "zc_quic_varint_size", t->leb ? xformat(", %du", t->vbytes) : "");
    if (f->cond) {
        p("        if (!%s(m.v)) {\n", has_fn(f));
        p("            zc_fuzz_refused(w, %s(m, (%s)x), ZC_ERR_ABSENT, \"%s\", m.v.zc_len);\n", setter(f), T, qual(f));
        p("        } else {\n");
    }
    p("%s        zc_fuzz_ok(%s(m, (%s)x));   /* the same value: nothing changes */\n", in, setter(f), T);
    p("%s        zc_fuzz_unchanged(w);\n", in);
    p("%s        zc_fuzz_ok(%s(m, (%s)y));   /* its lowest bit flipped: only its bytes */\n", in, setter(f), T);
    p("%s        if ((uint64_t)%s != y)\n%s            __builtin_trap();\n", in, get, in);
    p("%s        zc_fuzz_changed_only(w, at + o, vw, 0, 8 * vw);\n", in);
    p("%s        zc_fuzz_ok(%s(m, (%s)x));   /* restored */\n", in, setter(f), T);
    p("%s        zc_fuzz_unchanged(w);\n", in);
    if (!t->leb)
        p("%s        zc_fuzz_refused(w, %s(m, vw == 8 ? ZC_QUIC_VARINT_MAX + 1u : (uint64_t)1 << (8 * vw - 2)), "
          "ZC_ERR_RANGE, \"%s\", m.v.zc_len);\n", in, setter(f), qual(f));
    else if (t->vbytes < 10)
        p("%s        zc_fuzz_refused(w, %s(m, (%s)((uint64_t)1 << (7 * vw))), ZC_ERR_RANGE, \"%s\", m.v.zc_len);\n", in,
          setter(f), T, qual(f));
    else
        p("%s        if (vw < 10)\n%s            zc_fuzz_refused(w, %s(m, (uint64_t)1 << (7 * vw)), ZC_ERR_RANGE, \"%s\", m.v.zc_len);\n",
          in, in, setter(f), qual(f));
    if (f->cond)
        p("        }\n");
    p("    }\n");
}

/* A byte array: its own bytes written back, every bit flipped and read
   back, restored from the input; copies of the wrong length refused. */
static void emit_set_bytes(Field *f)
{
    char *set = setter(f);
    p("    {   /* %s: bytes at %s%s */\n", f->name, fuzz_field_off(f, "m.v"),
      f->cond ? ", when present" : "");
    p("        zc_bytes b = %s(m.v);\n", acc(f));
    p("        if (b.ptr != m.v.zc_base + (%s))\n            __builtin_trap();\n", fuzz_field_off(f, "m.v"));
    if (f->cond) {
        p("        if (!%s(m.v)) {\n", has_fn(f));
        p("            zc_fuzz_refused(w, %s(m, b.ptr, b.len), ZC_ERR_ABSENT, \"%s\", m.v.zc_len);\n", set,
          qual(f));
        p("        } else {\n");
    }
    const char *in = f->cond ? "    " : "";
    p("%s        zc_fuzz_ok(%s(m, b.ptr, b.len));   /* its own bytes: nothing changes */\n", in, set);
    p("%s        zc_fuzz_unchanged(w);\n", in);
    p("%s        if (b.len > 0) {\n", in);
    p("%s            const uint8_t *y = zc_fuzz_flipped(w, b);\n", in);
    if (f->array == ARR_UNTIL) {   /* the terminator inside is refused */
        p("%s            if (memchr(y, %u, b.len) != NULL)\n", in, f->until_byte);
        p("%s                zc_fuzz_refused(w, %s(m, y, b.len), ZC_ERR_RANGE, \"%s\", m.v.zc_len);\n", in, set, qual(f));
        p("%s            else {\n", in);
        in = xformat("%s    ", in);
    }
    p("%s            zc_fuzz_ok(%s(m, y, b.len));   /* every bit flipped: only the field's */\n", in, set);
    p("%s            zc_fuzz_read_back(%s(m.v), b, y);\n", in, acc(f));
    p("%s            zc_fuzz_changed_only(w, (size_t)(b.ptr - w->buf), b.len, 0, 8 * b.len);\n", in);
    p("%s            zc_fuzz_ok(%s(m, w->in + (b.ptr - w->buf), b.len));   /* restored */\n", in, set);
    p("%s            zc_fuzz_unchanged(w);\n", in);
    if (f->array == ARR_UNTIL) {
        in = f->cond ? "    " : "";
        p("%s            }\n", in);
    }
    p("%s            zc_fuzz_refused(w, %s(m, w->scratch, b.len - 1), ZC_ERR_SPACE, \"%s\", m.v.zc_len);\n",
      in, set, qual(f));
    p("%s        }\n", in);
    p("%s        zc_fuzz_refused(w, %s(m, w->scratch, b.len + 1), ZC_ERR_SPACE, \"%s\", m.v.zc_len);\n", in,
      set, qual(f));
    if (f->cond)
        p("        }\n");
    p("    }\n");
}

/* A nested struct: its _mut view lies where the read view's nested view
   lies (and exists exactly when that does); its setters in turn. */
static void emit_set_nested(Field *f)
{
    Decl *e = f->type->decl;
    /* as emit_common.c's view_out_param(): the getter and _mut hand out the
       view through a pointer when the field may be absent (an if, or a
       case of variable size) */
    bool mut_out = f->cond || (f->sw && !e->fixed_size);
    char *T = sname(e);
    bool more = fuzz_has_writes(e);

    p("    {   /* %s: %s%s */\n", f->name, e->name, f->cond ? ", when present" : "");
    if (!mut_out) {
        p("        %s_mview n = %s_mut(m);\n", T, acc(f));
        p("        %s_view rn = %s(r);\n", T, acc(f));
        p("        zc_fuzz_mview(w, n.zc_wbase, n.v.zc_base, n.v.zc_len, rn.zc_base, rn.zc_len);\n");
        if (more)
            p("        if (zc_fuzz_budget(w))\n            zc_fuzz_set_%s(w, n, rn);\n", e->name);
        p("    }\n");
        return;
    }
    p("        %s_mview n;\n", T);
    p("        %s_view rn;\n", T);
    p("        bool here = %s(r, &rn);\n", acc(f));
    p("        if (%s_mut(m, &n) != here || (!here && n.zc_wbase != NULL))\n", acc(f));
    p("            __builtin_trap();   /* there exactly when the read view's is */\n");
    p("        if (here) {\n");
    p("            zc_fuzz_mview(w, n.zc_wbase, n.v.zc_base, n.v.zc_len, rn.zc_base, rn.zc_len);\n");
    if (more)
        p("            if (zc_fuzz_budget(w))\n                zc_fuzz_set_%s(w, n, rn);\n", e->name);
    p("        }\n");
    p("    }\n");
}

/* An array of structs: walked on the copy and on the input side by side
   (while the budget lasts); each element's writable view lies where the
   element lies, a buffer one byte short of it refuses it, and its setters
   in turn. */
static void emit_set_elements(Field *f)
{
    Decl *e = f->type->decl;
    char *T = sname(e);
    p("    {   /* %s: elements of %s */\n", f->name, e->name);
    p("        %s_iter it = %s(m.v), rit = %s(r);\n", T, acc(f), acc(f));
    p("        %s_view ev, re;\n", T);
    p("        bool whole = true;   /* walked to its end */\n");
    p("        while (%s_next(&it, &ev)) {\n", T);
    p("            %s_mview em, none;\n", T);
    p("            size_t end = (size_t)(ev.zc_base - w->buf) + ev.zc_len;\n");
    p("            if (!zc_fuzz_budget(w)) {\n                whole = false;\n                break;\n            }\n");
    p("            if (!%s_next(&rit, &re) || !%s_writable(ev, w->buf, w->size, &em) ||\n", T, T);
    p("                (ev.zc_len > 0 && (%s_writable(ev, w->buf, end - 1, &none) || none.zc_wbase != NULL)))\n",
      T);
    p("                __builtin_trap();\n");
    p("            zc_fuzz_mview(w, em.zc_wbase, em.v.zc_base, em.v.zc_len, re.zc_base, re.zc_len);\n");
    if (fuzz_has_writes(e))
        p("            zc_fuzz_set_%s(w, em, re);\n", e->name);
    p("        }\n");
    p("        if (whole && (%s_next(&rit, &re) || it.zc_pos != rit.zc_pos ||\n", T);
    p("                      !zc_fuzz_same(zc_iter_status(&it), zc_iter_status(&rit))))\n");
    p("            __builtin_trap();   /* both walks end at the same place, the same way */\n");
    p("    }\n");
}

/* zc_fuzz_set_S(w, m, r): every setter of a parsed S. */
static void emit_set_fn(Decl *d)
{
    bool values = false, views = false;
    for (int i = 0; i < d->all_fields.len; i++) {
        FuzzWrite k = fuzz_write(d->all_fields.data[i]);
        values |= k == FW_VALUE || k == FW_VARINT;
        views |= k == FW_NESTED || k == FW_ELEMENTS;
    }
    p("/* The setters of a parsed %s: m, on the copy, and r, the same bytes of the\n", d->name);
    p("   input. Every write is checked against the input, then undone. */\n");
    p("static void zc_fuzz_set_%s(zc_fuzz_copy *w, %s%s_mview m, %s%s_view r)\n{\n", d->name, names_prefix(),
      d->name, names_prefix(), d->name);
    if (values)
        p("    size_t at = (size_t)(m.zc_wbase - w->buf);   /* where m starts in the copy */\n");
    if (!views)
        p("    (void)r;\n");
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        switch (fuzz_write(f)) {
        case FW_VALUE: emit_set_value(f); break;
        case FW_BYTES: emit_set_bytes(f); break;
        case FW_NESTED: emit_set_nested(f); break;
        case FW_ELEMENTS: emit_set_elements(f); break;
        case FW_VARINT: emit_set_varint(f); break;
        case FW_NONE: break;
        }
    }
    p("}\n\n");
}

/* ---- round trips through the builders ------------------------------------------ */

/* ", v.zc_p_a, ...": the parameters parsed view v keeps, for d's builder. */
static char *fuzz_kept_args(Decl *d)
{
    char *s = "";
    for (int i = 0; i < d->params.len; i++)
        s = xformat("%s, v.zc_p_%s", s, ((Field *)d->params.data[i])->name);
    return s;
}

/* zc_fuzz_roundtrip_S(v): v rebuilt by S's builder, in a heap block of
   exactly its size, is the same bytes; in one byte less it is refused with
   ZC_ERR_SPACE, writing nothing outside the block. A v with an array walk
   that stops cannot be rebuilt (no builder writes such bytes): counted. */
static void emit_roundtrip_fn(Decl *d, int k)
{
    char *S = sname(d);
    const char *s = d->name;
    p("/* %s: parsed, rebuilt field by field, the same bytes. */\n", s);
    p("static void zc_fuzz_roundtrip_%s(%s_view v)\n{\n", s, S);
    p("    %s_builder b;\n    %s_mview built;\n", S, S);
    p("    uint8_t *buf = (uint8_t *)malloc(v.zc_len ? v.zc_len : 1);\n");
    p("    zc_status st;\n\n");
    p("    if (buf == NULL)\n        abort();\n");
    p("    %s_build(&b, buf, v.zc_len%s);\n", S, fuzz_kept_args(d));
    p("    st = zc_fuzz_rebuild_%s(&b, v);\n", s);
    p("    if (st.code != ZC_OK && b.zc.st.code == ZC_OK) {   /* a walk of v stops */\n");
    p("        free(buf);\n        zc_fuzz_unbuildable[%d]++;\n        return;\n    }\n", k);
    p("    st = %s_build_end(&b, &built);\n", S);
    p("    zc_fuzz_same_bytes(\"%s\", st, buf, built.v.zc_len, v.zc_base, v.zc_len);\n", s);
    p("    free(buf);\n");
    p("    if (v.zc_len > 0) {   /* one byte short */\n");
    p("        buf = (uint8_t *)malloc(v.zc_len - 1 ? v.zc_len - 1 : 1);\n");
    p("        if (buf == NULL)\n            abort();\n");
    p("        %s_build(&b, buf, v.zc_len - 1%s);\n", S, fuzz_kept_args(d));
    p("        (void)zc_fuzz_rebuild_%s(&b, v);\n", s);
    p("        if (%s_build_end(&b, &built).code != ZC_ERR_SPACE)\n            __builtin_trap();\n", S);
    p("        free(buf);\n    }\n");
    p("    zc_fuzz_rebuilt[%d]++;\n}\n\n", k);
}

/* ---- the target ------------------------------------------------------------ */

/* The arguments a struct with parameters is parsed with as an entry point:
   each the input's size modulo its range, so that the fixed inputs of
   many lengths give it many values (issue #18 item 3). "" for others. */
static char *fuzz_args(Decl *d)
{
    char *s = "";
    for (int i = 0; i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        s = xformat("%s, (uint64_t)size %% (UINT64_C(%llu) + 1)", s, (unsigned long long)type_max(pa->type));
    }
    return s;
}

/* S_bytes(), S_bytes_after_F(), each switch's S_F() (and their _mut on the
   writable copy), and S_iter_bytes() over the input: its first element is
   what S_parse() gives, or fails as S_parse() does; the elements follow
   one another inside the input; a view's own bytes walked so are that one
   view (issue #24). */
char *own_size(Field *f, const char *v);   /* emit_common.c (emit.h has another p()) */

static void emit_bytes_checks(Decl *d)
{
    const char *P = names_prefix(), *s = d->name;
    char *args = fuzz_args(d);
    Field *head = fixed_head_last(d);
    p("        {   /* S_bytes(), S_bytes_after_F(), switches' bytes; S_iter_bytes() */\n"
      "            %s%s_iter it = %s%s_iter_bytes(zc_bytes_make(data, size)%s);\n"
      "            %s%s_view e;\n"
      "            size_t at = 0;\n"
      "            int got = %s%s_next(&it, &e);\n"
      "            if (st.code == ZC_OK) {\n"
      "                zc_bytes b = %s%s_bytes(v);\n"
      "                if (b.ptr != v.zc_base || b.len != v.zc_len)\n"
      "                    __builtin_trap();\n",
      P, s, P, s, args, P, s, P, s, P, s);
    if (head) {
        size_t k = fixed_head_size(d);
        p("                b = %s%s_bytes_after_%s(v);\n"
          "                if (v.zc_len < %zu || b.ptr != v.zc_base + %zu || b.len != v.zc_len - %zu)\n"
          "                    __builtin_trap();\n",
          P, s, head->name, k, k, k);
    }
    for (int i = 0; i < d->fields.len; i++) {
        Field *sw = d->fields.data[i];
        if (!sw->is_switch || sw->sized)
            continue;
        p("                b = %s(v);   /* switch %s: inside the view */\n", acc(sw), sw->name);
        p("                if (b.ptr < v.zc_base || b.len > v.zc_len || (size_t)(b.ptr - v.zc_base) > v.zc_len - b.len)\n"
          "                    __builtin_trap();\n");
        if (sw->cond)
            p("                if (!%s(v) && b.len != 0)\n                    __builtin_trap();\n", has_fn(sw));
        if (sw->array == ARR_BYTES)
            p("                if (%sb.len != %s)   /* all of its length */\n                    __builtin_trap();\n",
              sw->cond ? xformat("%s(v) && ", has_fn(sw)) : "", own_size(sw, "v"));
        for (int j = 0; j < sw->cases.len; j++) {
            Field *cf = ((Case *)sw->cases.data[j])->field;
            if (!cf || cf->type->kind != T_UINT || cf->array == ARR_NONE || cf->array == ARR_UNTIL)
                continue;
            /* a byte-array case starts where the switch does, inside it */
            p("                if (%s) {\n"
              "                    zc_bytes cb = %s(v);\n"
              "                    if (cb.ptr != b.ptr || cb.len > b.len)\n"
              "                        __builtin_trap();\n"
              "                }\n", cf->cond ? xformat("%s(v)", has_fn(cf)) : "1", acc(cf));
        }
    }
    p("                if (v.zc_len > 0 ? !got || e.zc_base != v.zc_base || e.zc_len != v.zc_len\n"
      "                    : got || zc_iter_status(&it).code != (size > 0 ? ZC_ERR_MALFORMED : ZC_OK))\n"
      "                    __builtin_trap();\n"
      "                {   /* the view's own bytes: that one view */\n"
      "                    %s%s_iter own = %s%s_iter_bytes(%s%s_bytes(v)%s);\n"
      "                    %s%s_view o;\n"
      "                    if (v.zc_len > 0 && (!%s%s_next(&own, &o) || o.zc_base != v.zc_base ||\n"
      "                                         o.zc_len != v.zc_len || %s%s_next(&own, &o) ||\n"
      "                                         zc_iter_status(&own).code != ZC_OK))\n"
      "                        __builtin_trap();\n"
      "                }\n"
      "            } else if (got || (size > 0 ? !zc_fuzz_same(zc_iter_status(&it), st)\n"
      "                                        : zc_iter_status(&it).code != ZC_OK)) {\n"
      "                __builtin_trap();\n"
      "            }\n"
      "            while (got) {   /* the elements that follow, one after another */\n"
      "                if (e.zc_base != data + at || e.zc_len == 0 || e.zc_len > size - at)\n"
      "                    __builtin_trap();\n"
      "                at += e.zc_len;\n"
      "                got = %s%s_next(&it, &e);\n"
      "            }\n"
      "            if (zc_iter_status(&it).code != ZC_OK)\n"
      "                zc_fuzz_failed(zc_iter_status(&it), size);\n"
      "            else if (at != size)\n"
      "                __builtin_trap();\n"
      "        }\n",
      P, s, P, s, P, s, args, P, s, P, s, P, s, P, s);
}

/* The same bytes through the writable view m of the copy. */
static void emit_bytes_mut_checks(Decl *d)
{
    const char *P = names_prefix(), *s = d->name;
    Field *head = fixed_head_last(d);
    p("                {   /* the bytes, writable, where the read views have them */\n"
      "                    zc_wbytes wb = %s%s_bytes_mut(m);\n"
      "                    if (wb.ptr != m.zc_wbase || wb.len != v.zc_len)\n"
      "                        __builtin_trap();\n", P, s);
    if (head)
        p("                    wb = %s%s_bytes_after_%s_mut(m);\n"
          "                    if (wb.ptr != m.zc_wbase + (%s%s_bytes_after_%s(v).ptr - v.zc_base) ||\n"
          "                        wb.len != %s%s_bytes_after_%s(v).len)\n"
          "                        __builtin_trap();\n", P, s, head->name, P, s, head->name, P, s, head->name);
    for (int i = 0; i < d->fields.len; i++) {
        Field *sw = d->fields.data[i];
        if (!sw->is_switch || sw->sized)
            continue;
        p("                    wb = %s_mut(m);\n"
          "                    if (wb.ptr != m.zc_wbase + (%s(v).ptr - v.zc_base) || wb.len != %s(v).len)\n"
          "                        __builtin_trap();\n", acc(sw), acc(sw), acc(sw));
    }
    p("                }\n");
}

/* NAME_parse_ex() of a struct with an @policy constraint (docs/generated-api.md):
   ZC_PARSE_STRICT is NAME_parse(); ZC_PARSE_LENIENT accepts a superset of
   it. Where strict succeeds, lenient gives the same view and no policy
   failure; where only lenient succeeds, the policy failure it reports is
   strict's own failure, a constraint inside the lenient view, and that view
   is visited like a strict one (not its arrays' walks: iterators are strict,
   docs/generated-api.md); where both fail, no policy failure, an
   empty view, and lenient fails where strict does or, strict having stopped
   at a policy constraint, no earlier. A NULL policy changes nothing. */
static void emit_lenient_checks(Decl *d, const char *args)
{
    const char *P = names_prefix(), *s = d->name;
    p("        {   /* lenient: a superset of strict (ZC_PARSE_LENIENT relaxes @policy) */\n"
      "            %s%s_view lv;\n"
      "            zc_status pol, ls;\n"
      "            ls = %s%s_parse_ex(&lv, data, size%s, ZC_PARSE_STRICT, &pol);\n"
      "            if (!zc_fuzz_same(ls, st) || pol.code != ZC_OK ||\n"
      "                (st.code == ZC_OK && (lv.zc_base != v.zc_base || lv.zc_len != v.zc_len)))\n"
      "                __builtin_trap();\n"
      "            ls = %s%s_parse_ex(&lv, data, size%s, ZC_PARSE_LENIENT, &pol);\n"
      "            if (st.code == ZC_OK) {\n"
      "                if (ls.code != ZC_OK || pol.code != ZC_OK || lv.zc_base != v.zc_base || lv.zc_len != v.zc_len)\n"
      "                    __builtin_trap();\n"
      "            } else if (ls.code == ZC_OK) {\n"
      "                if (lv.zc_base != data || lv.zc_len > size || pol.code != ZC_ERR_CONSTRAINT ||\n"
      "                    !zc_fuzz_same(pol, st) || pol.offset > lv.zc_len)\n"
      "                    __builtin_trap();\n"
      "                zc_fuzz_failed(pol, size);\n"
      "                %s%s_visit(lv, zc_fuzz_field, &c);\n",
      P, s, P, s, args, P, s, args, P, s);
    p("            } else {\n"
      "                zc_fuzz_failed(ls, size);\n"
      "                if (pol.code != ZC_OK || lv.zc_len != 0 ||\n"
      "                    !(zc_fuzz_same(ls, st) || (st.code == ZC_ERR_CONSTRAINT && ls.offset >= st.offset)))\n"
      "                    __builtin_trap();\n"
      "            }\n"
      "            {\n"
      "                %s%s_view nv;\n"
      "                zc_status ns = %s%s_parse_ex(&nv, data, size%s, ZC_PARSE_LENIENT, NULL);\n"
      "                if (!zc_fuzz_same(ns, ls) || nv.zc_len != lv.zc_len)\n"
      "                    __builtin_trap();\n"
      "            }\n"
      "        }\n",
      P, s, P, s, args);
}

/* One struct as the entry point: parse, visit, arrays, frames, setters. */
static void emit_entry(Decl *d, int k)
{
    const char *s = d->name;
    char *args = fuzz_args(d);
    p("    {\n"
      "        %s%s_view v;\n"
      "        zc_status st = %s%s_parse(&v, data, size%s);\n"
      "        if (st.code == ZC_OK) {\n"
      "            if (v.zc_base != data || v.zc_len > size)\n"
      "                __builtin_trap();\n"
      "            %s%s_visit(v, zc_fuzz_field, &c);\n",
      names_prefix(), s, names_prefix(), s, args, names_prefix(), s);
    if (fuzz_has_arrays(d) || fuzz_has_wire_arrays(d))
        p("            zc_fuzz_arrays_%s(v);\n", s);
    p("        } else {\n"
      "            zc_fuzz_failed(st, size);\n"
      "        }\n");
    /* parse_deep: parse's own failure unchanged; on what parse accepts,
       the same view or a failure inside the input with an empty view */
    p("        {\n"
      "            %s%s_view dv;\n"
      "            zc_status ds = %s%s_parse_deep(&dv, data, size%s);\n"
      "            if (st.code != ZC_OK ? !zc_fuzz_same(ds, st) || dv.zc_len != 0\n"
      "                : ds.code == ZC_OK ? dv.zc_base != v.zc_base || dv.zc_len != v.zc_len\n"
      "                : dv.zc_base != data || dv.zc_len != 0)\n"
      "                __builtin_trap();\n"
      "            if (ds.code != ZC_OK)\n"
      "                zc_fuzz_failed(ds, size);\n"
      "        }\n",
      names_prefix(), s, names_prefix(), s, args);
    if (parses_policy(d))
        emit_lenient_checks(d, args);
    emit_bytes_checks(d);
    if (struct_has_frame(d))
        p("        zc_fuzz_frames_%s(data, size);\n", s);
    p("        {   /* the same parse on the writable copy; then every setter */\n"
      "            %s%s_mview m;\n"
      "            if (!zc_fuzz_same(%s%s_parse_mut(&m, w.buf, size%s), st))\n"
      "                __builtin_trap();\n"
      "            if (st.code != ZC_OK) {\n"
      "                if (m.zc_wbase != NULL)\n"
      "                    __builtin_trap();\n"
      "            } else {\n"
      "                zc_fuzz_mview(&w, m.zc_wbase, m.v.zc_base, m.v.zc_len, v.zc_base, v.zc_len);\n",
      names_prefix(), s, names_prefix(), s, args);
    emit_bytes_mut_checks(d);
    if (fuzz_has_writes(d))
        p("                w.views = 0;\n"
          "                zc_fuzz_set_%s(&w, m, v);\n", s);
    p("            }\n"
      "        }\n");
    if (k >= 0)
        p("        if (st.code == ZC_OK)\n"
          "            zc_fuzz_roundtrip_%s(v);\n", s);
    if (k < 0 && takes_region(d))
        p("        if (st.code == ZC_OK)\n"
          "            zc_fuzz_parsed_%s++;   /* no builder: it takes its whole region */\n", s);
    p("    }\n");
}

/* A stack: a walk from every struct of it; every layer lies in the input,
   inside its predecessor's payload. */
static void emit_stack(Decl *d)
{
    const char *S = d->name;
    p("    {\n"
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
      names_prefix(), S, d->protos.len, names_prefix(), S, names_prefix(), S);
}

void emit_fuzz(FILE *o, Program *prog, const FuzzOptions *opts)
{
    out = o;
    names_set_prefix(opts->prefix);
    FuzzNeeds needs = fuzz_needs(prog);

    p("/*\n"
      " * libFuzzer target for %s, generated by zerocast %s. Do not edit.\n"
      " * Build: clang -fsanitize=fuzzer,address,undefined -I runtime -I DIR_OF_HEADER FILE.c\n"
      " * -DZC_FUZZ_ONLY -DZC_FUZZ_ONLY_S: only struct (or stack) S's checks run.\n"
      " */\n"
      "#include <stddef.h>\n"
      "#include <stdint.h>\n"
      "#include <stdio.h>\n"
      "#include <stdlib.h>\n"
      "#include <string.h>\n"
      "\n"
      "#include \"%s\"\n"
      "\n"
      "/* The schema's enums are type names here, and one may be named like a\n"
      "   local of this file (an enum `code`, the parameter `code` below): gcc\n"
      "   -Wshadow would warn about this file, not about the header. Clang's\n"
      "   -Wshadow still checks this file's locals against each other. */\n"
      "#if defined(__GNUC__) && !defined(__clang__)\n"
      "#pragma GCC diagnostic ignored \"-Wshadow\"\n"
      "#endif\n"
      "\n"
      "int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);\n"
      "\n",
      opts->schema_name, ZCC_VERSION, opts->header);
    emit_read_helpers(&needs);
    emit_write_helpers(&needs);

    bool declared = false;
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind != D_STRUCT || !fuzz_has_writes(d))
            continue;
        if (!declared)
            p("/* Setter checks, one per struct with setters (they call each other). */\n");
        declared = true;
        p("static void zc_fuzz_set_%s(zc_fuzz_copy *w, %s%s_mview m, %s%s_view r);\n", d->name, names_prefix(),
          d->name, names_prefix(), d->name);
    }
    if (declared)
        p("\n");
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind != D_STRUCT)
            continue;
        if (fuzz_has_arrays(d) || fuzz_has_wire_arrays(d))
            emit_arrays_fn(d);
        if (struct_has_frame(d))
            emit_frames_fn(d);
        if (fuzz_has_writes(d))
            emit_set_fn(d);
    }

    int nbuild = 0;
    for (int i = 0; i < prog->decls.len; i++)
        nbuild += struct_has_builder(prog->decls.data[i]);
    if (nbuild) {
        p("/* Messages rebuilt byte-identical, per struct (printed by the replay\n"
          "   main() below). */\n");
        p("static unsigned long zc_fuzz_rebuilt[%d], zc_fuzz_unbuildable[%d];\n", nbuild, nbuild);
        p("\n");
        p("/* Traps unless the rebuild succeeded and gave the parsed bytes. */\n"
          "static void zc_fuzz_same_bytes(const char *what, zc_status st, const uint8_t *got, size_t got_len,\n"
          "                               const uint8_t *want, size_t want_len)\n"
          "{\n"
          "    size_t i = 0;\n"
          "    char msg[256];\n"
          "\n"
          "    if (st.code == ZC_OK && got_len == want_len && (want_len == 0 || memcmp(got, want, want_len) == 0))\n"
          "        return;\n"
          "    while (st.code == ZC_OK && i < got_len && i < want_len && got[i] == want[i])\n"
          "        i++;\n"
          "    fprintf(stderr, \"%%s: rebuilt (%%s): %%zu bytes, parsed %%zu, first difference at %%zu\\n\", what,\n"
          "            zc_status_format(st, msg, sizeof msg), got_len, want_len, i);\n"
          "    __builtin_trap();\n"
          "}\n\n");
        emit_rebuilders(out, prog, names_prefix());
        for (int i = 0, k = 0; i < prog->decls.len; i++)
            if (struct_has_builder(prog->decls.data[i]))
                emit_roundtrip_fn(prog->decls.data[i], k++);
    }

    /* structs that read `remaining` have no builder: their parses are
       counted instead, for the replay's report */
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_STRUCT && takes_region(d) && !struct_has_builder(d))
            p("static unsigned long zc_fuzz_parsed_%s;   /* parsed; no builder (it takes its whole region) */\n%s",
              d->name, i + 1 < prog->decls.len ? "" : "\n");
    }
    p("int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)\n{\n");
    if (needs.structs)
        p("    zc_fuzz_ctx c;\n"
          "    zc_fuzz_copy w = zc_fuzz_copy_make(data, size);\n"
          "    c.base = data;\n"
          "    c.size = size;\n"
          "    c.sum = 0;\n");
    else if (!needs.stacks)
        p("    (void)data;\n    (void)size;\n");
    /* -DZC_FUZZ_ONLY -DZC_FUZZ_ONLY_S (a struct or a stack S): only S's
       block runs, so an analysis of the target (tests/prove/eva.sh's
       per-struct runs, docs/hardening.md, "Eva") reaches only S's
       functions; without ZC_FUZZ_ONLY every block runs */
    for (int i = 0, k = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind != D_STRUCT)
            continue;
        p("#if !defined(ZC_FUZZ_ONLY) || defined(ZC_FUZZ_ONLY_%s)\n", d->name);
        emit_entry(d, struct_has_builder(d) ? k++ : -1);
        p("#endif\n");
    }
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind != D_STACK)
            continue;
        p("#if !defined(ZC_FUZZ_ONLY) || defined(ZC_FUZZ_ONLY_%s)\n", d->name);
        emit_stack(d);
        p("#endif\n");
    }
    if (needs.structs)
        p("    free(w.buf);\n"
          "    free(w.scratch);\n"
          "    zc_fuzz_sink = c.sum;\n");
    p("    return 0;\n}\n");

    p("\n#ifdef ZC_FUZZ_REPLAY\n"
      "/* Without libFuzzer (-DZC_FUZZ_REPLAY): runs the target once on each file\n"
      "   named, then prints how many messages of each struct were parsed and\n"
      "   rebuilt byte-identical. */\n");
    if (nbuild) {
        p("static const char *const zc_fuzz_rebuilt_name[%d] = {\n", nbuild);
        for (int i = 0; i < prog->decls.len; i++)
            if (struct_has_builder(prog->decls.data[i]))
                p("    \"%s\",\n", ((Decl *)prog->decls.data[i])->name);
        p("};\n\n");
    }
    p("int main(int argc, char **argv)\n"
      "{\n"
      "    int i;\n"
      "\n"
      "    for (i = 1; i < argc; i++) {\n"
      "        FILE *f = fopen(argv[i], \"rb\");\n"
      "        uint8_t *data = NULL;\n"
      "        size_t size = 0, cap = 0, got;\n"
      "\n"
      "        if (f == NULL) {\n"
      "            perror(argv[i]);\n"
      "            return 1;\n"
      "        }\n"
      "        do {\n"
      "            if (size == cap) {\n"
      "                uint8_t *more = (uint8_t *)realloc(data, cap = cap ? 2 * cap : 4096);\n"
      "                if (more == NULL)\n"
      "                    abort();\n"
      "                data = more;\n"
      "            }\n"
      "            got = fread(data + size, 1, cap - size, f);\n"
      "            size += got;\n"
      "        } while (got > 0);\n"
      "        if (ferror(f)) {\n"
      "            perror(argv[i]);\n"
      "            return 1;\n"
      "        }\n"
      "        fclose(f);\n"
      "        (void)LLVMFuzzerTestOneInput(data, size);\n"
      "        free(data);\n"
      "    }\n"
      "    printf(\"%s: %%d inputs\\n\", argc - 1);\n", opts->schema_name);
    if (nbuild)
        p("    for (i = 0; i < %d; i++)\n"
          "        printf(\"  %%-28s %%6lu rebuilt byte-identical, %%6lu with an array walk that stops\\n\",\n"
          "               zc_fuzz_rebuilt_name[i], zc_fuzz_rebuilt[i], zc_fuzz_unbuildable[i]);\n",
          nbuild);
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_STRUCT && takes_region(d) && !struct_has_builder(d))
            p("    printf(\"  %%-28s %%6lu parsed (no builder: it takes its whole region)\\n\", \"%s\", zc_fuzz_parsed_%s);\n",
              d->name, d->name);
    }
    p("    return 0;\n"
      "}\n"
      "#endif\n");
}
