/*
 * emit_view.c - the reading half of each declaration's section of the
 * header: enums (a C enum, NAME_name()) and constants; for a struct its
 * size and offset macros and view type, NAME_parse() (with the cold
 * reference walker behind it, or the sequential parser of a complex
 * struct), NAME_frame() for stream framing, and NAME_next(), one step of
 * an iterator over an array of it.
 */
#include "emit_parts.h"

#include <stdlib.h>
#include <string.h>

/* ---- enums -------------------------------------------------------------- */

void emit_enum(Decl *d)
{
    char *T = enum_t(d), *UP = SNAME(d);
    const char *ctype = uint_c_name(d->base->bits);
    Source *src = d->loc.src;

    p("/* enum %s : %s (%s:%d) */\n", d->name, type_schema_name(d->base),
      path_basename(src->path), d->loc.first_line);
    /* C++: a scoped enum, so that an integer (a byte-swapped one above all)
       is no enum value and an enum value is no integer without a cast; its
       constants stand again outside it under their C names, for case labels */
    p("#ifdef __cplusplus\n");
    p("enum class %s : %s {\n", T, ctype);
    for (int i = 0; i < d->members.len; i++) {
        EnumMember *m = d->members.data[i];
        p("    %s_%s = %lluu%s\n", UP, str_upper(m->name), (unsigned long long)m->value,
          i + 1 < d->members.len ? "," : "");
    }
    p("};\n");
    for (int i = 0; i < d->members.len; i++) {
        EnumMember *m = d->members.data[i];
        p("static constexpr %s %s_%s = %s::%s_%s;\n", T, UP, str_upper(m->name), T, UP, str_upper(m->name));
    }
    p("#else\n");
    if (enum_is_c_enum(d)) {
        p("typedef enum %s {\n", T);
        for (int i = 0; i < d->members.len; i++) {
            EnumMember *m = d->members.data[i];
            p("    %s_%s = %llu%s\n", UP, str_upper(m->name), (unsigned long long)m->value,
              i + 1 < d->members.len ? "," : "");
        }
        p("} %s;\n", T);
    } else {
        p("typedef %s %s;\n", ctype, T);
        for (int i = 0; i < d->members.len; i++) {
            EnumMember *m = d->members.data[i];
            p("#define %s_%s ((%s)%lluu)\n", UP, str_upper(m->name), T, (unsigned long long)m->value);
        }
    }
    p("#endif\n\n");

    p("/* The schema name of a value of enum %s (\"%s\"), or NULL if it has none. */\n",
      d->name, ((EnumMember *)d->members.data[0])->name);
    p("static inline const char *%s_name(%s v)\n{\n", T, T);
    p("    switch (v) {\n");
    for (int i = 0; i < d->members.len; i++) {
        EnumMember *m = d->members.data[i];
        bool dup = false;
        for (int j = 0; j < i && !dup; j++)
            dup = ((EnumMember *)d->members.data[j])->value == m->value;
        if (!dup)
            p("    case %s_%s: return \"%s\";\n", UP, str_upper(m->name), m->name);
    }
    p("    default: break;\n");
    p("    }\n    return NULL;\n}\n\n");
}

/* ---- constants ---------------------------------------------------------- */

void emit_const(Decl *d)
{
    p("/* const %s (%s:%d) */\n", d->name, path_basename(d->loc.src->path), d->loc.first_line);
    if (d->value >= 0 && d->value <= 2147483647)
        p("#define %s %lld\n\n", SNAME(d), (long long)d->value);
    else
        p("#define %s INT64_C(%lld)\n\n", SNAME(d), (long long)d->value);
}

/* ---- parse -------------------------------------------------------------- */

/* Fields of segment `seg` that occupy fixed bytes, i.e. all but a trailing
   variable array. Returns the segment's fixed size. */
static size_t segment_size(Decl *d, int seg)
{
    size_t size = 0;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg == seg && (f->array == ARR_NONE || f->fixed_len))
            size = f->off + f->size;
    }
    return size;
}

static bool has_expr_array(Decl *d)
{
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (is_var_array(f) && f->array != ARR_REST)
            return true;
    }
    return false;
}

/* Whether anything after the first variable array needs its end offset
   (`off`): a later fixed field or computed-length array. A trailing
   rest-of-buffer array does not. */
static bool needs_off(Decl *d)
{
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg > 0 && f->array != ARR_REST)
            return true;
    }
    return false;
}

static bool checks_nested(Field *f)
{
    return f->array == ARR_NONE && f->type->kind == T_STRUCT && f->type->decl->has_checks;
}

/* ---- @policy constraints (issue #24 item 4) ----------------------------- */

/* Set while the parse or diagnose of a struct with @policy constraints is
   emitted: zc_flags, zc_policy and zc_at are in scope there. */
static bool lenient_ctx;

/* Whether the parse of d relaxes @policy constraints (its own, or of a
   struct it parses in place: a nested struct, an array by count or until). */
bool parses_policy(Decl *d)
{
    return d->kind == D_STRUCT && d->has_policy;
}

static const char *const internal_params = ", unsigned zc_flags, zc_status *zc_policy, size_t zc_at";

/* The call that parses nested struct e at START (a C expression over the
   view t) into *VIEW from BUF, LEN bytes, with ARGS (", a, b" or ""). */
static char *parse_call(Decl *e, const char *view, const char *buf, const char *len, const char *args,
                        const char *start)
{
    if (lenient_ctx && parses_policy(e))
        return xformat("%s_zc_parse_ex(%s, %s, %s%s, zc_flags, zc_policy, zc_at + %s)", sname(e), view, buf, len,
                       args, paren(start));
    return xformat("%s_parse(%s, %s, %s%s)", sname(e), view, buf, len, args);
}

/* The test that fails f's constraint (at START, over view t): for an
   @policy constraint, unless the caller's flags relax it. */
static char *constraint_fails(Field *f, const char *start)
{
    char *bad = xformat("!(%s)", truth_c(f->constraint, "t"));
    if (!lenient_ctx || !f->policy)
        return bad;
    return xformat("%s && !zc_policy_relax_(zc_flags, zc_policy, zc_at, zc_fail(ZC_ERR_CONSTRAINT, %s, %s))", bad,
                   start, site(f, loc_text(f->constraint->loc)));
}

/* After NAME_zc_parse_ex(): NAME_parse() and NAME_parse_ex(). */
static void emit_policy_wrappers(Decl *d, void (*doc)(Decl *))
{
    char *V = view_t(d);
    doc(d);
    acsl_parse_fn(d, 0);
    p("static inline zc_status %s_parse(%s *v, const %s *buf, size_t len%s)\n{\n", sname(d), V, acsl_buf_type(),
      param_decls(d));
    p("    zc_status policy = zc_ok();\n");
    p("    return %s_zc_parse_ex(v, buf, len%s, ZC_PARSE_STRICT, &policy, 0);\n}\n\n", sname(d), param_names(d));
    p("/*\n * %s_parse(), with flags: ZC_PARSE_STRICT is %s_parse(); ZC_PARSE_LENIENT\n", sname(d), sname(d));
    p(" * relaxes the @policy constraints (of %s and of the structs it parses),\n", d->name);
    p(" * never a length, a bound or another constraint. On success *policy (if\n");
    p(" * not NULL) is the first policy constraint that failed (code\n");
    p(" * ZC_ERR_CONSTRAINT, its field, offset and text), or ZC_OK if none did;\n");
    p(" * on failure it is ZC_OK and the status is %s_parse()'s.\n */\n", sname(d));
    acsl_parse_fn(d, 1);
    p("static inline zc_status %s_parse_ex(%s *v, const %s *buf, size_t len%s, unsigned flags, zc_status *policy)\n{\n",
      sname(d), V, acsl_buf_type(), param_decls(d));
    p("    zc_status found = zc_ok();\n");
    p("    zc_status st = %s_zc_parse_ex(v, buf, len%s, flags, &found, 0);\n", sname(d), param_names(d));
    p("    if (policy)\n        *policy = st.code == ZC_OK ? found : zc_ok();\n");
    p("    return st;\n}\n\n");
}

static void internal_doc(Decl *d)
{
    p("/* %s_parse() and %s_parse_ex() (internal): zc_flags may relax @policy\n", sname(d), sname(d));
    p("   constraints, *zc_policy keeps the first relaxed, zc_at is the offset of\n");
    p("   buf in the outermost buffer (for the offset *zc_policy reports). */\n");
}

/* Where field f starts, inside parse/diagnose (off = its segment's start). */
static char *at(Field *f)
{
    if (f->seg == 0)
        return off_macro(f);
    return f->off ? xformat("off + %zu", f->off) : "off";
}

/* The static const bytes of a `{ F == "..." }` constraint (item 10). */
static char *bconst_k(Field *f)
{
    return xformat("%s_zc_k_%s", sname(f->owner), f->name);
}

/* C condition: array f at `start` (n bytes, NULL: its fixed length) does
   not hold its byte-string constant. */
static char *bconst_bad(Field *f, const char *start, const char *n)
{
    size_t k = f->bconst->nbytes;
    char *cmp = xformat("memcmp(t.zc_base + %s, %s, %zu) != 0", paren(start), bconst_k(f), k);
    return n ? xformat("(%s != %zu || %s)", n, k, cmp) : cmp;
}

static char *bconst_site(Field *f)
{
    return site(f, loc_text(f->bconst->loc));
}

/*
 * The cold reference walker: checks every field in order, one at a time,
 * and returns the first failure with its exact field, offset and reason.
 * NAME_parse() calls it only once its fast checks have failed.
 */
void emit_diagnose(Decl *d)
{
    p("/* Finds the first failing field of a %s that %s_parse() rejected (cold path). */\n",
      d->name, sname(d));
    lenient_ctx = parses_policy(d);
    acsl_diagnose(d);
    p("ZC_COLD ZC_UNUSED zc_status %s_zc_diagnose(%s t%s)\n{\n", sname(d), view_t(d),
      lenient_ctx ? internal_params : "");
    bool use_off = needs_off(d);
    /* `len` is read by every length test; a struct of only a rest array
       or zero-size fields has none */
    bool use_len = false;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        use_len |= f->array != ARR_REST && is_var_array(f);
        use_len |= !is_var_array(f) && f->size > 0;
    }
    if (use_len)
        p("    size_t len = t.zc_len;\n");
    else
        p("    (void)t;\n");
    if (use_off)
        p("    size_t off = 0;\n");
    if (has_expr_array(d))
        p("    int64_t n;\n");
    p("\n");
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (is_var_array(f)) {
            if (f->array == ARR_REST)
                continue;
            const char *start = at(f);
            p("    n = %s;\n", expr_c(f->len, "t"));
            if (f->len->lo < 0) {
                p("    if (n < 0)\n");
                p("        return zc_fail(ZC_ERR_LENGTH, %s, %s);\n", start, site(f, loc_text(f->len->loc)));
            }
            p("    if ((uint64_t)n > len - %s)\n", paren(start));
            p("        return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", start, site(f, NULL));
            if (f->bconst)
                p("    if %s\n        return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", paren(bconst_bad(f, start, "n")), start,
                  bconst_site(f));
            if (use_off && i + 1 < d->fields.len)
                p("    off = %s + (size_t)n;\n", start);
            continue;
        }
        if ((!f->is_bits || f->group_first) && f->size > 0) {
            if (f->seg == 0)
                p("    if (len < %zu)\n", f->off + f->size);
            else
                p("    if (len - off < %zu)\n", f->off + f->size);
            p("        return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", at(f), site(f, NULL));
        }
        if (f->bconst)
            p("    if (%s)\n        return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", bconst_bad(f, at(f), NULL), at(f),
              bconst_site(f));
        if (checks_something(f)) {
            p("    if (%s)\n", constraint_fails(f, at(f)));
            p("        return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", at(f),
              site(f, loc_text(f->constraint->loc)));
        }
        if (checks_nested(f)) {
            Decl *nd = f->type->decl;
            p("    {\n");
            p("        %s inner;\n", view_t(nd));
            p("        zc_status st = %s;\n",
              parse_call(nd, "&inner", xformat("t.zc_base + %s", at(f)), xformat("%s_MIN_SIZE", SNAME(nd)), "", at(f)));
            p("        if (st.code != ZC_OK)\n");
            p("            return zc_fail_nested(st, %s);\n", at(f));
            p("    }\n");
        }
    }
    if (lenient_ctx) {
        p("    if (zc_flags & ZC_PARSE_LENIENT)\n");
        p("        return zc_ok();   /* only @policy constraints failed, and they are relaxed */\n");
    }
    p("    /* not reached: %s_parse() calls this only for input it rejects */\n", sname(d));
    p("    return zc_fail(ZC_ERR_TRUNCATED, 0, \"%s\\0\" \"internal error: no failing field found\");\n}\n\n",
      d->name);
    lenient_ctx = false;
}

/*
 * The fast path: per segment one combined test of its length and all its
 * constraints, per variable array one test of its length. Any failure goes
 * to the cold walker above, which finds the precise culprit; this keeps the
 * inlined code small and free of error-building.
 */
static void simple_doc(Decl *d)
{
    p("/*\n * Validates struct %s at the start of buf[0, len): every length, bound and\n", d->name);
    p(" * constraint, in field order. On success *v views it and v->zc_len is its\n");
    p(" * size; on failure *v is an empty view (zc_len 0) and the status names the\n");
    p(" * first failing field and its offset. Arrays of structs by bytes or to the\n");
    p(" * end are checked as regions: their elements are checked as an iterator\n");
    p(" * reaches them, or all at once by %s_parse_deep().\n */\n", sname(d));
}

void emit_parse(Decl *d)
{
    char *V = view_t(d);
    bool pol = parses_policy(d);
    char *diagnose = xformat("%s_zc_diagnose(t%s)", sname(d), pol ? ", zc_flags, zc_policy, zc_at" : "");
    /* after `if (...)`: to the diagnosis; with @policy, a failure it
       relaxes goes on */
    char *on_fail = pol ? xformat(" {\n        zc_status st = %s;\n        if (st.code != ZC_OK)\n"
                                  "            return st;\n    }\n", diagnose)
                        : xformat("\n        return %s;\n", diagnose);

    if (pol) {
        internal_doc(d);
        acsl_parse(d);
        p("static inline zc_status %s_zc_parse_ex(%s *v, const %s *buf, size_t len%s)\n{\n", sname(d), V,
          acsl_buf_type(), internal_params);
    } else {
        simple_doc(d);
        acsl_parse(d);
        p("static inline zc_status %s_parse(%s *v, const %s *buf, size_t len)\n{\n", sname(d), V, acsl_buf_type());
    }
    /* parse also needs `off` for the final size when no rest array ends it */
    bool use_off = needs_off(d) || (d->nseg > 1 && !d->has_rest);
    p("    %s t;\n", V);
    if (use_off)
        p("    size_t off = 0;\n");
    if (has_expr_array(d))
        p("    int64_t n;\n");
    /* one scratch view per nested struct type that has checks */
    Vec inner_types = { 0 };
    Map inner_index = { 0 };   /* struct name -> int *: its index in inner_types */
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (!checks_nested(f) || map_get(&inner_index, f->type->decl->name))
            continue;
        int *k = xalloc(sizeof(int));
        *k = inner_types.len;
        vec_push(&inner_types, f->type->decl);
        map_put(&inner_index, f->type->decl->name, k);
    }
    for (int j = 0; j < inner_types.len; j++)
        p("    %s inner%d;\n", view_t(inner_types.data[j]), j);
    p("\n    t.zc_base = (const uint8_t *)buf;\n");
    p("    t.zc_len = len;\n");
    p("    v->zc_base = t.zc_base;\n");
    p("    v->zc_len = 0;\n");

    for (int seg = 0; seg < d->nseg; seg++) {
        size_t size = segment_size(d, seg);
        Vec conds = { 0 };
        if (size)
            vec_push(&conds, seg == 0 ? xformat("len < %zu", size) : xformat("len - off < %zu", size));
        for (int i = 0; i < d->fields.len; i++) {
            Field *f = d->fields.data[i];
            if (f->seg != seg || is_var_array(f))
                continue;
            if (checks_something(f))
                vec_push(&conds, xformat("!(%s)", truth_c(f->constraint, "t")));
            if (f->bconst)
                vec_push(&conds, bconst_bad(f, at(f), NULL));
            if (checks_nested(f)) {
                Decl *nd = f->type->decl;
                int k = *(int *)map_get(&inner_index, nd->name);
                vec_push(&conds, xformat("%s_parse(&inner%d, t.zc_base + %s, %s_MIN_SIZE).code != ZC_OK",
                                         sname(nd), k, at(f), SNAME(nd)));
            }
        }
        if (conds.len) {
            p("\n    /* segment %d: %zu fixed byte%s%s */\n", seg, size, size == 1 ? "" : "s",
              conds.len > (size ? 1 : 0) ? " and their constraints" : "");
            p("    if (ZC_UNLIKELY(");
            for (int c = 0; c < conds.len; c++)
                p("%s%s", c ? " ||\n                    " : "", (char *)conds.data[c]);
            p("))%s", on_fail);
        }
        /* the variable array that ends this segment, if any */
        for (int i = 0; i < d->fields.len; i++) {
            Field *f = d->fields.data[i];
            if (f->seg != seg || !is_var_array(f) || f->array == ARR_REST)
                continue;
            const char *start = at(f);
            p("\n    /* %s: %s[%s%s] */\n", f->name, type_schema_name(f->type), f->array == ARR_BYTES ? "bytes: " : "",
              c_comment(loc_text(f->len->loc)));
            p("    n = %s;\n", expr_c(f->len, "t"));
            /* start + n cannot wrap: start <= len, n < 2^63, and len is an
               object's size (< 2^63); and this form lets gcc fold the common
               terms of the checks, which `n > len - start` does not */
            p("    if (ZC_UNLIKELY(%s%s + (uint64_t)n > len))", f->len->lo < 0 ? "n < 0 || " : "", start);
            p("%s", on_fail);
            if (f->bconst)
                p("    if (ZC_UNLIKELY%s)%s", paren(bconst_bad(f, start, "n")), on_fail);
            if (!use_off)
                continue;
            if (strcmp(start, "off") == 0)
                p("    off += (size_t)n;\n");
            else
                p("    off = %s + (size_t)n;\n", start);
        }
    }

    if (d->nseg == 1)
        p("\n    t.zc_len = %s_MIN_SIZE;\n", SNAME(d));
    else if (d->has_rest)
        p("\n    t.zc_len = len;\n");
    else {
        size_t tail = segment_size(d, d->nseg - 1);
        p("\n    t.zc_len = off%s;\n", tail ? xformat(" + %zu", tail) : "");
    }
    /* v->zc_base is set: a view of only base and length needs its length
       (a member store, which Frama-C/WP follows; a struct copy it does not
       relate to the members of t) */
    if (has_params(d) || d->nwalk)
        p("    *v = t;\n    return zc_ok();\n}\n\n");
    else
        p("    v->zc_len = t.zc_len;\n    return zc_ok();\n}\n\n");
    if (pol)
        emit_policy_wrappers(d, simple_doc);
}

/* The start of a struct's section: its comment, size and offset macros,
   and the view type (with zc_end[] when it has walked fields). */
void emit_struct_head(Decl *d)
{
    char *UP = SNAME(d);
    Source *src = d->loc.src;
    p("/* struct %s (%s:%d) */\n\n", d->name, path_basename(src->path), d->loc.first_line);
    if (d->fixed_size)
        p("/* Size of struct %s in bytes (fixed). */\n", d->name);
    else
        p("/* Smallest possible size of struct %s in bytes. */\n", d->name);
    p("#define %s_MIN_SIZE %zu\n", UP, d->min_size);
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->named && f->index == f->named->first && f->seg == 0)
            p("#define %s %zu\n", group_off_macro(f->named), f->off);
        if (f->seg == 0)
            p("#define %s %zu\n", off_macro(f), f->off);
    }
    p("\n/* A validated struct %s: borrows the buffer given to %s_parse()", d->name, sname(d));
    if (d->nwalk)
        p(";\n   zc_end[] holds where its walked fields end (set by %s_parse()) */\n", sname(d));
    else
        p(". */\n");
    p("typedef struct {\n    const uint8_t *zc_base;\n    size_t zc_len;\n");
    if (d->nwalk)
        p("    size_t zc_end[%d];\n", d->nwalk);
    for (int i = 0; i < d->params.len; i++)
        p("    %s %s;   /* parameter %s, given to %s_parse() */\n", param_c_type(d->params.data[i]),
          param_member(d->params.data[i]), ((Field *)d->params.data[i])->name, sname(d));
    p("} %s;\n\n", view_t(d));
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (!f->bconst)
            continue;
        p("/* The bytes '%s' must hold: %s (internal). */\n", f->name, c_comment(loc_text(f->bconst->loc)));
        p("ZC_UNUSED static const uint8_t %s[%zu] = {", bconst_k(f), f->bconst->nbytes);
        for (size_t k = 0; k < f->bconst->nbytes; k++)
            p("%s0x%02x", k ? k % 12 ? ", " : ",\n    " : "\n    ", f->bconst->bytes[k]);
        p("\n};\n\n");
    }
    p("/* An iterator over an array of %s: step it with %s_next(). */\n", d->name, sname(d));
    p("typedef struct {\n    ZC_ITER_MEMBERS;\n");
    for (int i = 0; i < d->params.len; i++)   /* every element gets the same arguments */
        p("    %s %s;\n", param_c_type(d->params.data[i]), param_member(d->params.data[i]));
    p("} %s;\n\n", iter_t(d));
}

/* ---- the sequential parser of a complex struct --------------------------- */

static FILE *body;                 /* the parse body, written before its locals */
static bool use_pos, use_n, use_i, use_st, use_send;
/* NAME_zc_skim(): a switch with a length is opaque (its length is checked,
   its cases are not): the framing of an element, for NAME_next_tolerant() */
static bool skim;
static const char *cur_end = "len"; /* the end of the fields' region: len, or
                                       bend after a trailer */

static void b(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void b(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit_check_args(fmt, ap);
    vfprintf(body, fmt, ap);
    va_end(ap);
}

static char *fail_nested(const char *st, const char *at_)
{
    return xformat("zc_fail_nested(%s, %s)", st, at_);
}

/* A varint at START within [.., END): cut short is ZC_ERR_TRUNCATED, a
   leb128 longer than its N bytes or over 64 bits ZC_ERR_MALFORMED; then
   its constraint. Leaves its end in `pos`. */
static void validate_varint(Field *f, const char *start, const char *end, const char *ind)
{
    const Type *t = value_type(f);
    char *S = paren(start);
    use_pos = true;
    b("%s{\n%s    uint64_t x;\n%s    size_t size;\n", ind, ind, ind);
    if (t->leb)
        b("%s    zc_varint_code vc = zc_leb128_decode(t.zc_base + %s, %s - %s, %du, &x, &size);\n", ind, S, end, S,
          t->vbytes);
    else
        b("%s    zc_varint_code vc = zc_quic_varint_decode(t.zc_base + %s, %s - %s, &x, &size);\n", ind, S, end, S);
    b("%s    if (vc == ZC_VARINT_TRUNCATED)\n%s        return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, ind, start,
      site(f, NULL));
    if (t->leb && t->vbytes == 10)
        b("%s    if (vc == ZC_VARINT_OVERFLOW)\n%s        return zc_fail(ZC_ERR_MALFORMED, %s, %s);\n", ind, ind,
          start, site(f, "varint over 64 bits"));
    if (t->leb)
        b("%s    if (vc != ZC_VARINT_OK)\n%s        return zc_fail(ZC_ERR_MALFORMED, %s, %s);\n", ind, ind, start,
          site(f, xformat("varint longer than %d bytes", t->vbytes)));
    b("%s    pos = %s + size;\n%s}\n", ind, S, ind);
    if (checks_something(f))
        b("%sif (%s)\n%s    return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", ind, constraint_fails(f, start), ind,
          start, site(f, loc_text(f->constraint->loc)));
}

/* An array of wire integers (`be16 x[count]`, `[bytes: n]`, `[]`): its
   bytes must lie inside [start, end) and be a whole number of elements. */
static void validate_wire_array(Field *f, const char *start, const char *end, const char *ind, bool want_pos)
{
    char *S = paren(start);
    size_t k = f->elem_size;
    if (f->array == ARR_REST) {
        bool input = strcmp(end, "len") == 0;
        b("%sif ((%s - %s) %% %zu != 0)\n", ind, end, S, k);
        b("%s    return zc_fail(%s, %s - (%s - %s) %% %zu, %s);\n", ind,
          input ? "ZC_ERR_TRUNCATED" : "ZC_ERR_MALFORMED", end, end, S, k,
          site(f, input ? "the input ends inside an element" : "not a whole number of elements"));
        if (want_pos) {
            use_pos = true;
            b("%spos = %s;\n", ind, end);
        }
        return;
    }
    use_n = true;
    b("%sn = %s;\n", ind, expr_c(f->len, "t"));
    if (f->len->lo < 0)
        b("%sif (n < 0)\n%s    return zc_fail(ZC_ERR_LENGTH, %s, %s);\n", ind, ind, start,
          site(f, loc_text(f->len->loc)));
    if (f->array == ARR_EXPR) {   /* a count of elements */
        b("%sif ((uint64_t)n > (%s - %s) / %zu)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, end, S, k,
          ind, start, site(f, NULL));
        if (want_pos) {
            use_pos = true;
            b("%spos = %s + (size_t)n * %zu;\n", ind, S, k);
        }
        return;
    }
    b("%sif ((uint64_t)n > %s - %s)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, end, S, ind, start,
      site(f, NULL));
    b("%sif (n %% %zu != 0)\n%s    return zc_fail(ZC_ERR_MALFORMED, %s, %s);\n", ind, k, ind, start,
      site(f, xformat("not a whole number of %s elements", type_schema_name(f->type))));
    if (want_pos) {
        use_pos = true;
        b("%spos = %s + (size_t)n;\n", ind, S);
    }
}

/* Checks of one present field at START within [.., END); leaves its end in
   `pos` when want_pos. `ind` is the indentation. */
static void validate_until(Field *f, const char *start, const char *end, const char *ind);

static void validate_field(Field *f, const char *start, const char *end, const char *ind, bool want_pos)
{
    char *S = paren(start);
    if (f->array == ARR_ALIGN) {
        /* padding to a multiple of N from the struct's start: not checked
           (RFC 9260 section 3.2: the receiver ignores it); with
           align_except_last none where the struct's bytes end */
        use_pos = use_n = true;
        b("%sn = (int64_t)((%d - %s %% %d) %% %d);   /* padding to a multiple of %d */\n", ind, f->align, S, f->align,
          f->align, f->align);
        if (f->align_except_last)
            b("%sif (%s == %s)\n%s    n = 0;   /* the last element: no padding */\n", ind, S, end, ind);
        b("%sif ((uint64_t)n > %s - %s)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, end, S, ind, start,
          site(f, NULL));
        b("%spos = %s + (size_t)n;\n", ind, S);
        return;
    }
    if (f->array == ARR_UNTIL) {
        validate_until(f, start, end, ind);
        return;
    }
    if (f->type->kind == T_VARINT) {
        validate_varint(f, start, end, ind);
        return;
    }
    if (is_struct_array(f)) {
        Decl *e = f->type->decl;
        if (f->array != ARR_REST) {
            use_n = true;
            b("%sn = %s;\n", ind, expr_c(f->len, "t"));
            if (f->len->lo < 0)
                b("%sif (n < 0)\n%s    return zc_fail(ZC_ERR_LENGTH, %s, %s);\n", ind, ind, start,
                  site(f, loc_text(f->len->loc)));
        }
        if (f->array == ARR_EXPR && e->fixed_size) {
            if (e->min_size > 0)
                b("%sif ((uint64_t)n > (%s - %s) / %s_MIN_SIZE)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n",
                  ind, end, S, SNAME(e), ind, start, site(f, NULL));
            if (e->has_checks) {
                use_i = use_st = true;
                b("%sfor (i = 0; i < (uint64_t)n; i++) {\n", ind);
                b("%s    %s e;\n", ind, view_t(e));
                /* i < n, which fits the input: (size_t)i is exact (32-bit hosts) */
                {
                    char *elem = xformat("%s + (size_t)i * %s_MIN_SIZE", S, SNAME(e));
                    b("%s    st = %s;\n", ind, parse_call(e, "&e", xformat("t.zc_base + %s", elem),
                                                         xformat("%s_MIN_SIZE", SNAME(e)), call_args(f, "t"), elem));
                }
                b("%s    if (st.code != ZC_OK)\n%s        return %s;\n%s}\n", ind, ind,
                  fail_nested("st", xformat("%s + (size_t)i * %s_MIN_SIZE", S, SNAME(e))), ind);
            }
            if (want_pos) {
                use_pos = true;
                b("%spos = %s + (size_t)n * %s_MIN_SIZE;\n", ind, S, SNAME(e));
            }
            return;
        }
        if (f->array == ARR_EXPR) {   /* a count of variable-size elements */
            use_pos = use_i = use_st = true;
            b("%spos = %s;\n", ind, start);
            b("%sfor (i = 0; i < (uint64_t)n; i++) {\n", ind);
            b("%s    %s e;\n", ind, view_t(e));
            b("%s    st = %s;\n", ind, parse_call(e, "&e", "t.zc_base + pos", xformat("%s - pos", end),
                                                 call_args(f, "t"), "pos"));
            b("%s    if (st.code != ZC_OK)\n%s        return %s;\n", ind, ind, fail_nested("st", "pos"));
            b("%s    if (e.zc_len == 0)\n%s        return zc_fail(ZC_ERR_MALFORMED, pos, %s);\n", ind, ind,
              site(f, "an element consumes no bytes"));
            b("%s    pos += e.zc_len;\n%s}\n", ind, ind);
            return;
        }
        if (f->array == ARR_BYTES) {
            b("%sif ((uint64_t)n > %s - %s)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, end, S, ind,
              start, site(f, NULL));
            if (e->fixed_size && e->min_size > 1)
                b("%sif (n %% %s_MIN_SIZE != 0)\n%s    return zc_fail(ZC_ERR_MALFORMED, %s, %s);\n", ind, SNAME(e),
                  ind, start, site(f, "not a whole number of elements"));
            if (want_pos) {
                use_pos = true;
                b("%spos = %s + (size_t)n;\n", ind, S);
            }
            return;
        }
        /* ARR_REST: a part of an element at the end is reported where it
           starts; at the end of the input it is cut short (TRUNCATED: more
           input completes it), at the end of a switch's length MALFORMED */
        if (e->fixed_size && e->min_size > 1) {
            bool input = strcmp(end, "len") == 0;
            b("%sif ((%s - %s) %% %s_MIN_SIZE != 0)\n", ind, end, S, SNAME(e));
            b("%s    return zc_fail(%s, %s - (%s - %s) %% %s_MIN_SIZE, %s);\n", ind,
              input ? "ZC_ERR_TRUNCATED" : "ZC_ERR_MALFORMED", end, end, S, SNAME(e),
              site(f, input ? "the input ends inside an element" : "not a whole number of elements"));
        }
        if (want_pos) {
            use_pos = true;
            b("%spos = %s;\n", ind, end);
        }
        return;
    }
    if (f->type->kind == T_EXTERN) {
        use_pos = use_st = true;
        b("%s{\n%s    size_t size = 0;\n", ind, ind);
        b("%s    st = %s_zc_measure(t.zc_base + %s, %s - %s, &size);\n", ind, f->type->decl->name, S, end, S);
        b("%s    if (st.code != ZC_OK)\n%s        return %s;\n", ind, ind, fail_nested("st", start));
        b("%s    pos = %s + size;\n%s}\n", ind, S, ind);
        return;
    }
    if (f->elem_size && !f->fixed_len) {
        validate_wire_array(f, start, end, ind, want_pos);
        return;
    }
    if (f->array == ARR_NONE && f->type->kind == T_STRUCT && !f->type->decl->fixed_size) {
        Decl *e = f->type->decl;
        use_pos = use_st = true;
        b("%s{\n%s    %s e;\n", ind, ind, view_t(e));
        b("%s    st = %s;\n", ind, parse_call(e, "&e", xformat("t.zc_base + %s", S), xformat("%s - %s", end, S),
                                             call_args(f, "t"), start));
        b("%s    if (st.code != ZC_OK)\n%s        return %s;\n", ind, ind, fail_nested("st", start));
        b("%s    pos = %s + e.zc_len;\n%s}\n", ind, S, ind);
        return;
    }
    if (f->array == ARR_REST) {
        if (want_pos) {
            use_pos = true;
            b("%spos = %s;\n", ind, end);
        }
        return;
    }
    if ((f->array == ARR_EXPR || f->array == ARR_BYTES) && !f->fixed_len) {
        use_n = true;
        b("%sn = %s;\n", ind, expr_c(f->len, "t"));
        if (f->len->lo < 0)
            b("%sif (n < 0)\n%s    return zc_fail(ZC_ERR_LENGTH, %s, %s);\n", ind, ind, start,
              site(f, loc_text(f->len->loc)));
        b("%sif ((uint64_t)n > %s - %s)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, end, S, ind, start,
          site(f, NULL));
        if (f->bconst)
            b("%sif %s\n%s    return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", ind, paren(bconst_bad(f, start, "n")), ind,
              start, bconst_site(f));
        if (want_pos) {
            use_pos = true;
            b("%spos = %s + (size_t)n;\n", ind, S);
        }
        return;
    }
    /* a fixed-size field */
    if ((!f->is_bits || f->group_first) && f->size > 0)
        b("%sif (%s - %s < %zu)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, end, S, f->size, ind, start,
          site(f, NULL));
    if (f->bconst)
        b("%sif (%s)\n%s    return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", ind, bconst_bad(f, start, NULL), ind, start,
          bconst_site(f));
    if (checks_something(f))
        b("%sif (%s)\n%s    return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", ind, constraint_fails(f, start), ind,
          start, site(f, loc_text(f->constraint->loc)));
    if (checks_nested(f)) {
        Decl *nd = f->type->decl;
        use_st = true;
        b("%s{\n%s    %s e;\n", ind, ind, view_t(nd));
        b("%s    st = %s;\n", ind, parse_call(nd, "&e", xformat("t.zc_base + %s", S), xformat("%s_MIN_SIZE", SNAME(nd)),
                                             call_args(f, "t"), start));
        b("%s    if (st.code != ZC_OK)\n%s        return %s;\n%s}\n", ind, ind, fail_nested("st", start), ind);
    }
    if (want_pos) {
        use_pos = true;
        b("%spos = %s + %zu;\n", ind, S, f->size);
    }
}

/* `T x[until e]` at START within [.., END): for bytes, up to and including
   the terminator; for structs, elements up to and including the first for
   which e holds (each consumes at least one byte, so the walk ends). No
   terminator before END: TRUNCATED at the end of the input (more input
   may complete it), MALFORMED at the end of a switch's length. Leaves the
   end in `pos`. */
static void validate_until(Field *f, const char *start, const char *end, const char *ind)
{
    char *S = paren(start);
    bool input = strcmp(end, "len") == 0;
    const char *code = input ? "ZC_ERR_TRUNCATED" : "ZC_ERR_MALFORMED";
    /* a truncation has no detail (the input ends inside the field) */
    char *missing = input ? site(f, NULL) : site(f, xformat("terminator missing (%u)", f->until_byte));
    use_pos = true;
    if (!is_struct_array(f) && f->until_max) {   /* the terminator within max + 1 bytes */
        b("%s{\n%s    size_t avail = %s - %s;\n", ind, ind, end, S);
        b("%s    const uint8_t *z = (const uint8_t *)memchr(t.zc_base + %s, %u, avail > %lld ? %lld : avail);\n", ind,
          S, f->until_byte, (long long)f->max_len, (long long)f->max_len + 1);
        b("%s    if (z == NULL && avail > %lld)\n%s        return zc_fail(ZC_ERR_MALFORMED, %s + %lld, %s);\n", ind,
          (long long)f->max_len, ind, S, (long long)f->max_len,
          site(f, xformat("longer than %lld bytes (max)", (long long)f->max_len)));
        b("%s    if (z == NULL)\n%s        return zc_fail(%s, %s, %s);\n", ind, ind, code, end, missing);
        b("%s    pos = (size_t)(z - t.zc_base) + 1;\n%s}\n", ind, ind);
        return;
    }
    if (!is_struct_array(f)) {
        b("%s{\n%s    const uint8_t *z = (const uint8_t *)memchr(t.zc_base + %s, %u, %s - %s);\n", ind, ind, S,
          f->until_byte, end, S);
        b("%s    if (z == NULL)\n%s        return zc_fail(%s, %s, %s);\n", ind, ind, code, end, missing);
        b("%s    pos = (size_t)(z - t.zc_base) + 1;\n%s}\n", ind, ind);
        return;
    }
    Decl *e = f->type->decl;
    use_st = true;
    b("%spos = %s;\n", ind, start);
    b("%sfor (;;) {\n", ind);
    b("%s    %s e;\n", ind, view_t(e));
    b("%s    if (pos >= %s)\n%s        return zc_fail(%s, pos, %s);\n", ind, end, ind, code,
      input ? site(f, NULL) : site(f, xformat("terminator missing: no element with %s", loc_text(f->until->loc))));
    b("%s    st = %s;\n", ind, parse_call(e, "&e", "t.zc_base + pos", xformat("%s - pos", end), "", "pos"));
    b("%s    if (st.code != ZC_OK)\n%s        return %s;\n", ind, ind, fail_nested("st", "pos"));
    b("%s    if (e.zc_len == 0)\n%s        return zc_fail(ZC_ERR_MALFORMED, pos, %s);\n", ind, ind,
      site(f, "an element consumes no bytes"));
    b("%s    pos += e.zc_len;\n", ind);
    b("%s    if (%s)\n%s        break;\n%s}\n", ind, truth_c(f->until, "e"), ind, ind);
}

/* Whether the checks of a rest-of-buffer case field read the end of its
   switch: only a whole number of fixed-size elements is checked. */
static bool rest_case_reads_end(Field *cf)
{
    Decl *e = is_struct_array(cf) ? cf->type->decl : NULL;
    return e && e->fixed_size && e->min_size > 1;
}

static void validate_switch(Field *sw, const char *start, const char *ind)
{
    char *S = paren(start);
    const char *end = cur_end;
    /* `send` is read by the check that a case fills the switch, and by a
       rest case's element check; a switch whose cases all run to its end
       and read nothing does without it (-Wunused-but-set-variable) */
    bool need_send = true;
    if (sw->array == ARR_BYTES) {
        bool has_default = false;
        need_send = false;
        for (int i = 0; i < sw->cases.len; i++) {
            Case *c = sw->cases.data[i];
            has_default |= c->is_default;
            if (!c->field || c->field->array != ARR_REST || rest_case_reads_end(c->field))
                need_send = true;
        }
        need_send |= !has_default;
    }
    if (sw->array == ARR_BYTES) {
        use_n = true;
        b("%sn = %s;\n", ind, expr_c(sw->len, "t"));
        if (sw->len->lo < 0)
            b("%sif (n < 0)\n%s    return zc_fail(ZC_ERR_LENGTH, %s, %s);\n", ind, ind, start,
              site(sw, loc_text(sw->len->loc)));
        b("%sif ((uint64_t)n > %s - %s)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, cur_end, S, ind,
          start, site(sw, NULL));
        if (skim) {   /* the framing only: the cases are content */
            b("%s/* its cases are content: not checked here */\n", ind);
            return;
        }
        if (need_send) {
            use_send = true;
            b("%ssend = %s + (size_t)n;\n", ind, S);
            end = "send";
        }
    }
    Case *deflt = NULL;
    int emitted = 0;
    char *ind2 = xformat("%s    ", ind);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < sw->cases.len; i++) {
            Case *c = sw->cases.data[i];
            if (c->is_default != (pass == 1))
                continue;
            if (c->is_default) {
                deflt = c;
                b(emitted ? "%selse {\n" : "%s{\n", ind);
            } else {
                b("%s%sif (%s) {\n", ind, emitted ? "else " : "", expr_c(c->match, "t"));
            }
            emitted++;
            /* a rest-of-buffer case fills a switch with a length by
               definition: its end (pos) is not needed, and setting it
               would be -Wunused-but-set-variable */
            bool fills = c->field && c->field->array == ARR_REST;
            if (fills && sw->array == ARR_BYTES)
                b("%s/* '%s' fills the rest of the switch */\n", ind2, c->field->name);
            if (c->field) {
                validate_field(c->field, start, end, ind2, !(fills && sw->array == ARR_BYTES));
                if (c->field->array == ARR_UNTIL)   /* its end, for its accessor */
                    b("%st.zc_end[%d] = pos;\n", ind2, c->field->walk);
            } else {
                use_pos = true;
                b("%spos = %s;\n", ind2, S);
            }
            /* reported where the unfilled bytes start: a name cut by the
               end of a capture padded with zeros (zcdump) ends there, past
               the captured bytes, so the failure is seen as the capture's */
            if (sw->array == ARR_BYTES && !fills)
                b("%sif (pos != send)\n%s    return zc_fail(ZC_ERR_MALFORMED, pos, %s);\n", ind2, ind2,
                  site(c->field ? c->field : sw, "the case does not fill the switch's length"));
            b("%s}\n", ind);
        }
    }
    if (!deflt) {
        use_pos = true;
        b("%selse {\n", ind);
        b("%spos = %s;   /* no case matches: the switch holds nothing */\n", ind2, S);
        if (sw->array == ARR_BYTES)
            b("%sif (pos != send)\n%s    return zc_fail(ZC_ERR_MALFORMED, %s, %s);\n", ind2, ind2, start,
              site(sw, "no case for this tag, and the length is not 0"));
        b("%s}\n", ind);
    }
}

/* Where the fields before the trailer of d end (in *_parse, over view t). */
static char *trailer_pos(Decl *d)
{
    Field *last = NULL;
    for (int i = 0; i < d->fields.len; i++) {
        Field *g = d->fields.data[i];
        if (g->trailer)
            continue;
        if (g->index > d->trailer->index)
            return field_off(g, "t");   /* the next field starts there */
        last = g;
    }
    if (!last)
        return "0";
    if (last->var)
        return xformat("%s(t)", seg_fn(d, last->seg + 1));
    return xformat("%s + %zu", field_off(last, "t"), last->size);
}

/* The checks of a trailer field: at the first, that the trailer fits
   after what precedes it (then the region ends at bend); at each, its
   constraint. Returns whether bend is used. */
static bool validate_trailer(Decl *d, Field *f)
{
    bool first = f == d->trailer;
    if (first) {
        char *pos = trailer_pos(d);
        char *names = f->name;
        for (int i = f->index + 1; i < d->fields.len && ((Field *)d->fields.data[i])->trailer; i++)
            names = xformat("%s, %s", names, ((Field *)d->fields.data[i])->name);
        b("\n    /* trailer: %s, at the end of the region, which then ends at bend */\n", names);
        b("    if (%s > len - %s)\n", trailer_size(d, NULL, "t"), paren(pos));
        b("        return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", pos, site(f, NULL));
        /* what follows ends at bend: its checks read it, unless it is only
           arrays of bytes to the end */
        bool reads = false, any = false;
        for (int i = f->index + 1; i < d->fields.len; i++) {
            Field *g = d->fields.data[i];
            if (g->trailer)
                continue;
            any = true;
            reads |= !(g->array == ARR_REST && !is_struct_array(g) && !g->cond);
        }
        if (!any)
            return false;
        b("    bend = len - (%s);\n", trailer_size(d, NULL, "t"));
        if (!reads)
            b("    (void)bend;\n");
        cur_end = "bend";
    }
    if (checks_something(f)) {
        b("\n    /* %s (trailer) */\n", f->name);
        b("    if (%s%s%s!(%s))\n", f->cond ? has_fn(f) : "", f->cond ? "(t) && " : "", "", truth_c(f->constraint, "t"));
        b("        return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", field_off(f, "t"),
          site(f, loc_text(f->constraint->loc)));
    }
    return first;
}

/* Whether the checks validate_field() (or validate_switch()) writes for
   f read its start (`off` when f is after a variable part). A trailing
   rest-of-buffer array of bytes, or of elements of size 1, reads nothing:
   `off = ...` before it would be set and never used (gcc and clang
   -Wunused-but-set-variable). */
static bool uses_start(Field *f, bool want_pos)
{
    if (f->is_switch || (f->cond && f->sizing == SZ_WALK) || f->array == ARR_UNTIL)
        return true;
    if (is_struct_array(f)) {
        Decl *e = f->type->decl;
        if (f->array == ARR_REST)
            return e->fixed_size && e->min_size > 1;
        if (f->array == ARR_EXPR && e->fixed_size)
            return f->len->lo < 0 || e->min_size > 0 || e->has_checks || want_pos;
        return true;
    }
    if (f->type->kind == T_EXTERN || f->type->kind == T_VARINT ||
        (f->array == ARR_NONE && f->type->kind == T_STRUCT && !f->type->decl->fixed_size))
        return true;
    if (f->elem_size && !f->fixed_len)
        return true;
    if (f->array == ARR_REST)
        return false;
    if ((f->array == ARR_EXPR || f->array == ARR_BYTES || f->array == ARR_ALIGN) && !f->fixed_len)
        return true;
    return ((!f->is_bits || f->group_first) && f->size > 0) || checks_something(f) || checks_nested(f) || want_pos;
}

/* Whether the parse of d reads `off` in segment seg (seg >= 1): a field of
   it reads its start, or the struct ends in its fixed fields. */
static bool segment_reads_off(Decl *d, int seg)
{
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg == seg && uses_start(f, f->sizing == SZ_WALK))
            return true;
    }
    Field *last = d->fields.data[d->fields.len - 1];
    return seg == d->nseg - 1 && !last->var;
}

/* The parameters of d, checked and kept in the view t (issue #18 item 3). */
static void emit_param_checks(Decl *d)
{
    for (int i = 0; i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        p("\n    /* parameter %s */\n", pa->name);
        p("    if (%s > %s)\n        return zc_fail(ZC_ERR_RANGE, 0, %s);\n", param_member(pa),
          xformat("UINT64_C(%llu)", (unsigned long long)type_max(pa->type)), site(pa, "argument out of range"));
        p("    t.%s = (%s)%s;\n", param_member(pa), param_c_type(pa), param_member(pa));
    }
    for (int i = 0; i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        if (checks_something(pa))
            p("    if (!(%s))\n        return zc_fail(ZC_ERR_CONSTRAINT, 0, %s);\n", truth_c(pa->constraint, "t"),
              site(pa, loc_text(pa->constraint->loc)));
    }
}

/* Whether d has a switch with a length among its own fields: then an
   element's framing (its fields outside the cases, and the switch's
   length) is known when its content (the case) fails, and an iterator can
   step over it (NAME_next_tolerant(), docs/generated-api.md). */
bool has_framed_switch(Decl *d)
{
    if (d->kind != D_STRUCT || !d->complex)
        return false;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->is_switch && f->array == ARR_BYTES)
            return true;
    }
    return false;
}

static void complex_parse_fn(Decl *d, bool skim_mode);

void emit_complex_parse(Decl *d)
{
    complex_parse_fn(d, false);
    if (has_framed_switch(d))
        complex_parse_fn(d, true);
}

static void complex_doc(Decl *d)
{
    p("/*\n * Validates struct %s at the start of buf[0, len): every field in order,\n", d->name);
    p(" * its length, bounds and constraints, every element of arrays by count,\n");
    p(" * nested structs and the chosen case of each switch. On success *v views\n");
    p(" * it and v->zc_len is its size; on failure *v is an empty view (zc_len 0)\n");
    p(" * and the status names the first failing field and its offset. Arrays of\n");
    p(" * structs by bytes or to the end are checked as regions: their elements\n");
    p(" * as an iterator reaches them, or all at once by %s_parse_deep().\n */\n", sname(d));
    if (has_params(d))
        p("/* Its parameters come after len: one outside the range of its type is\n"
          "   ZC_ERR_RANGE, one failing its constraint ZC_ERR_CONSTRAINT, naming it.\n"
          "   The view keeps them for the accessors. */\n");
}

static void complex_parse_fn(Decl *d, bool skim_mode)
{
    char *V = view_t(d);
    bool pol = !skim_mode && parses_policy(d);
    skim = skim_mode;
    lenient_ctx = pol;
    char *text = NULL;
    size_t text_len = 0;
    body = open_memstream(&text, &text_len);
    use_pos = use_n = use_i = use_st = use_send = false;
    bool use_off = false;

    cur_end = "len";
    bool use_trailer = false;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->trailer) {
            use_trailer |= validate_trailer(d, f);
            continue;
        }
        const char *start = at(f);
        b("\n    /* %s */\n", f->name);
        const char *ind = "    ";
        if (f->cond) {
            b("    if (%s(t)) {\n", has_fn(f));
            ind = "        ";
        }
        if (f->is_switch)
            validate_switch(f, start, ind);
        else
            validate_field(f, start, cur_end, ind, f->sizing == SZ_WALK);
        if (f->sizing == SZ_WALK)
            b("%st.zc_end[%d] = pos;\n", ind, f->walk);
        if (f->cond) {
            b("    }\n");
            if (f->sizing == SZ_WALK)
                b("    else {\n        t.zc_end[%d] = %s;\n    }\n", f->walk, start);
        }
        if (f->var && f->sizing != SZ_REST && i + 1 < d->fields.len && segment_reads_off(d, f->seg + 1)) {
            b("    off = %s(t);\n", seg_fn(d, f->seg + 1));
            use_off = true;
        }
    }
    Field *last = d->fields.data[d->fields.len - 1];
    if ((last->var && last->sizing == SZ_REST) || takes_region(d))
        b("\n    t.zc_len = len;%s\n", takes_region(d) && !(last->var && last->sizing == SZ_REST)
                                        ? d->trailer ? "   /* it has a trailer: it takes its whole region */"
                                                     : "   /* it reads 'remaining': it takes its whole region */"
                                        : "");
    else if (last->var) {
        b("\n    t.zc_len = %s(t);\n", seg_fn(d, last->seg + 1));
    } else {
        size_t tail = segment_size(d, d->nseg - 1);
        b("\n    t.zc_len = %s%s;\n", d->nseg > 1 ? "off" : "0", tail ? xformat(" + %zu", tail) : "");
    }
    b("%s    return zc_ok();\n}\n\n", acsl_view_store(d) ? acsl_view_store(d) : "    *v = t;\n");
    fclose(body);
    skim = false;
    lenient_ctx = false;

    if (skim_mode) {
        p("/* The framing of a %s (internal, for %s_next_tolerant()): %s_parse()\n", d->name, sname(d), sname(d));
        p("   without the checks of the cases of its switches with a length, which are\n");
        p("   its content. On success v->zc_len is the size the element takes. */\n");
        p("static inline zc_status %s_zc_skim(%s *v, const void *buf, size_t len%s)\n{\n", sname(d), V,
          param_decls(d));
    } else if (pol) {
        internal_doc(d);
        p("static inline zc_status %s_zc_parse_ex(%s *v, const void *buf, size_t len%s%s)\n{\n", sname(d), V,
          param_decls(d), internal_params);
    } else {
        complex_doc(d);
        acsl_parse(d);
        p("static inline zc_status %s_parse(%s *v, const %s *buf, size_t len%s)\n{\n", sname(d), V,
          acsl_buf_type(), param_decls(d));
    }
    p("    %s t;\n", V);
    if (use_off)
        p("    size_t off = 0;\n");
    if (use_pos)
        p("    size_t pos = 0;\n");
    if (use_send)
        p("    size_t send = 0;\n");
    if (use_trailer)
        p("    size_t bend = len;   /* where the trailer starts */\n");
    if (use_n)
        p("    int64_t n = 0;\n");
    if (use_i)
        p("    uint64_t i;\n");
    if (use_st)
        p("    zc_status st;\n");
    if (skim_mode || pol || !acsl_zero_view(d))
        p("\n    memset(&t, 0, sizeof t);\n");
    p("    t.zc_base = (const uint8_t *)buf;\n");
    p("    *v = t;   /* empty, and every offset set, until it parses */\n");
    p("    t.zc_len = len;\n");
    emit_param_checks(d);
    p_raw(text, text_len);
    free(text);
    if (pol)
        emit_policy_wrappers(d, complex_doc);
}

/* NAME_next(): one step of an iterator over an array of NAME. */
void emit_next(Decl *d)
{
    p("/* One step over an array of %s: false at its end or on a bad element\n", d->name);
    p("   (then zc_iter_status(it) says why). */\n");
    acsl_next(d);
    p("static inline bool %s_next(%s *it, %s *out)\n{\n", sname(d), iter_t(d), view_t(d));
    p("    zc_status st;\n");
    p("    out->zc_base = it->zc_base;\n    out->zc_len = 0;\n");
    for (int j = 0; j < d->nwalk; j++)   /* a defined view even when it returns false */
        p("    out->zc_end[%d] = 0;\n", j);
    p("    if (it->zc_left == 0 || it->zc_st.code != ZC_OK)\n        return false;\n");
    p("    if (it->zc_pos >= it->zc_end) {\n");
    p("        if (it->zc_left != UINT64_MAX)   /* a count larger than the elements */\n");
    p("            it->zc_st = zc_fail(ZC_ERR_TRUNCATED, it->zc_pos, \"%s\\0\" \"fewer elements than the count\");\n",
      d->name);
    p("        it->zc_left = 0;\n        return false;\n    }\n");
    p("    st = %s_parse(out, it->zc_base + it->zc_pos, it->zc_end - it->zc_pos%s);\n", sname(d), kept_args(d, "it->"));
    p("    if (st.code == ZC_OK && out->zc_len == 0)\n");
    p("        st = zc_fail(ZC_ERR_MALFORMED, 0, \"%s\\0\" \"an element consumes no bytes\");\n", d->name);
    p("    if (st.code != ZC_OK) {\n");
    p("        it->zc_st = zc_fail_nested(st, it->zc_pos);\n");
    p("        it->zc_left = 0;\n        return false;\n    }\n");
    p("    it->zc_pos += out->zc_len;\n");
    p("    if (it->zc_left != UINT64_MAX)\n        it->zc_left--;\n");
    p("    return true;\n}\n\n");
    p("/* The same, and a compile error (in C too) for another struct's iterator\n");
    p("   or view; (%s_next) is the function itself. */\n", sname(d));
    p("#define %s_next(it, out) \\\n", sname(d));
    p("    (ZC_SAME_TYPE_(%s, *(it)), ZC_SAME_TYPE_(%s, *(out)), (%s_next)((it), (out)))\n\n",
      iter_t(d), view_t(d), sname(d));
    if (has_framed_switch(d))
        emit_next_tolerant(d);
}

/*
 * NAME_next_tolerant(): the walk of NAME_next() that goes on past an
 * element whose framing is sound (NAME_zc_skim() accepts it) but whose
 * content is not (its case fails its own checks), the way Wireshark and
 * tcpdump go on past a malformed option. Framing failures end it.
 */
void emit_next_tolerant(Decl *d)
{
    p("/*\n * One step over an array of %s that goes on past a bad element when its\n", d->name);
    p(" * framing is sound (the fields outside the cases of its switch and the\n");
    p(" * switch's length): *raw is every element's bytes and *elem its status.\n");
    p(" * ZC_OK: *out views the element. Else the case failed its own checks\n");
    p(" * (offset from the start of the enclosing view, like zc_iter_status()),\n");
    p(" * *out is empty (zc_len 0) and the walk goes on after *raw. False at the\n");
    p(" * end, or when an element's framing fails (it runs past the region):\n");
    p(" * then zc_iter_status(it) says why, as for %s_next().\n */\n", sname(d));
    p("static inline bool %s_next_tolerant(%s *it, %s *out, zc_status *elem, zc_bytes *raw)\n{\n", sname(d),
      iter_t(d), view_t(d));
    p("    %s frame;\n", view_t(d));
    p("    zc_status st;\n");
    p("    size_t at = it->zc_pos;\n");
    p("    uint64_t left = it->zc_left;\n");
    p("    bool stopped = it->zc_left == 0 || it->zc_st.code != ZC_OK;\n");
    p("    *elem = zc_ok();\n");
    p("    *raw = zc_bytes_make(NULL, 0);\n");
    p("    if ((%s_next)(it, out)) {   /* sound: as %s_next() */\n", sname(d), sname(d));
    p("        *raw = zc_bytes_make(it->zc_base + at, out->zc_len);\n");
    p("        return true;\n");
    p("    }\n");
    p("    st = it->zc_st;\n");
    p("    if (stopped || st.code == ZC_OK || at >= it->zc_end)   /* the end of the array */\n");
    p("        return false;\n");
    p("    if (%s_zc_skim(&frame, it->zc_base + at, it->zc_end - at%s).code != ZC_OK || frame.zc_len == 0)\n",
      sname(d), kept_args(d, "it->"));
    p("        return false;   /* its framing fails: the walk ends there */\n");
    p("    /* only its content fails: report it, and go on after it */\n");
    p("    *elem = st;\n");
    p("    *raw = zc_bytes_make(it->zc_base + at, frame.zc_len);\n");
    p("    it->zc_st = zc_ok();\n");
    p("    it->zc_pos = at + frame.zc_len;\n");
    p("    it->zc_left = left == UINT64_MAX ? left : left - 1;\n");
    p("    return true;\n}\n\n");
    p("#define %s_next_tolerant(it, out, elem, raw) \\\n", sname(d));
    p("    (ZC_SAME_TYPE_(%s, *(it)), ZC_SAME_TYPE_(%s, *(out)), (%s_next_tolerant)((it), (out), (elem), (raw)))\n\n",
      iter_t(d), view_t(d), sname(d));
}

/* ---- stream framing ------------------------------------------------------ */

/* Bytes from the start of segment `seg` to the end of its last fixed field. */
static size_t fixed_end(Decl *d, int seg)
{
    size_t end = 0;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg == seg && !f->var && f->off + f->size > end)
            end = f->off + f->size;
    }
    return end;
}

/* The length expression and element size behind a variable field's size
   in a frame: NULL for a field whose size is a constant (an optional
   fixed-size field). */
static Expr *frame_len(Field *f, size_t *unit)
{
    *unit = 1;
    if (is_struct_array(f) && f->array == ARR_EXPR)
        *unit = f->type->decl->min_size;
    if (f->elem_size && f->array == ARR_EXPR)
        *unit = f->elem_size;
    if (f->is_switch || ((f->array == ARR_EXPR || f->array == ARR_BYTES) && !f->fixed_len))
        return f->len;
    return NULL;
}

/* A varint in NAME_frame(): decoded where it starts (exact: the parts
   before it are there), its end kept in t.zc_end[] as NAME_parse() keeps
   it, for the offsets and lengths after it. Cut short: NEED (a leb128's
   next byte, a QUIC varint's size from its first byte); a leb128 longer
   than its N bytes: MALFORMED (NAME_parse() said so already). */
static void emit_frame_varint(Field *f, size_t tail)
{
    const Type *ty = value_type(f);
    char *start = field_off(f, "t");
    char *ind = "    ";
    p("        /* %s: a varint, its first bytes say how long it is */\n", f->name);
    if (f->cond)
        p("        if (!%s(t)) {\n            t.zc_end[%d] = %s;\n        } else {\n", has_fn(f), f->walk, start);
    else
        p("        {\n");
    p("%s        uint64_t x;\n%s        size_t size, at = %s;\n", ind, ind, start);
    if (ty->leb)
        p("%s        zc_varint_code vc = zc_leb128_decode(t.zc_base + at, len - at, %du, &x, &size);\n", ind,
          ty->vbytes);
    else
        p("%s        zc_varint_code vc = zc_quic_varint_decode(t.zc_base + at, len - at, &x, &size);\n", ind);
    p("%s        if (vc == ZC_VARINT_TRUNCATED) {\n", ind);
    if (ty->leb)
        p("%s            end = (uint64_t)len + 1;   /* at least its next byte */\n", ind);
    else
        p("%s            end = (uint64_t)at + (at < len ? (uint64_t)1 << (t.zc_base[at] >> 6) : 1);\n", ind);
    p("%s            break;\n%s        }\n", ind, ind);
    p("%s        if (vc != ZC_VARINT_OK)\n%s            return zc_frame_make(ZC_FRAME_MALFORMED, 0, st);\n", ind, ind);
    p("%s        (void)x;\n", ind);
    p("%s        t.zc_end[%d] = at + size;\n", ind, f->walk);
    p("        }\n");
    p("        end = (uint64_t)t.zc_end[%d]%s;\n", f->walk, tail ? xformat(" + %zu", tail) : "");
    p("        if (len < end)\n            break;\n");
}

/*
 * NAME_frame(): the frame's end is computed in 64 bits, part by part, and
 * compared with len before anything is narrowed, so a 32-bit host gives
 * the same state as a 64-bit one (issue #16: `(size_t)(a * b)` wrapped).
 * A shortfall that does not fit size_t (a 32-bit host), or a frame over
 * 2^62 bytes, is NEED with size SIZE_MAX: more than any buffer can hold.
 */
void emit_frame(Decl *d)
{
    bool need_n = false;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        size_t unit;
        need_n |= f->var && frame_len(f, &unit) != NULL;
    }
    p("/*\n * For a byte stream that carries %s frames back to back (read in pieces\n", d->name);
    p(" * from a socket): whether buf[0, len) starts with a whole frame (its size),\n");
    p(" * needs more bytes (at least how many), or can never become valid. Sizes\n");
    p(" * are computed in 64 bits: a shortfall larger than SIZE_MAX (on a 32-bit\n");
    p(" * host) or than 2^62 bytes is NEED with size SIZE_MAX.\n */\n");
    acsl_frame(d);
    p("static inline zc_frame %s_frame(const %s *buf, size_t len)\n{\n", sname(d), acsl_buf_type());
    p("    %s t;\n    zc_status st = %s_parse(&t, buf, len);\n    uint64_t end;\n    size_t need;\n", view_t(d), sname(d));
    if (need_n)
        p("    int64_t n;\n");
    p("\n    if (st.code == ZC_OK)\n        return zc_frame_make(ZC_FRAME_COMPLETE, t.zc_len, st);\n");
    p("    if (st.code != ZC_ERR_TRUNCATED)\n        return zc_frame_make(ZC_FRAME_MALFORMED, 0, st);\n");
    p("    /* the first part of the frame that is missing; each part's start is\n");
    p("       exact, as the parts before it are there (<= len) */\n");
    p("    t.zc_base = (const uint8_t *)buf;\n    t.zc_len = len;\n");
    for (int j = 0; j < d->nwalk; j++)   /* member by member, as NAME_next() (WP: no byte view of t) */
        p("    t.zc_end[%d] = 0;\n", j);
    acsl_frame_loop(d, need_n);
    p("    do {\n");
    p("        end = %zu;\n", fixed_end(d, 0));
    p("        if (len < end)\n            break;\n");
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (!f->var)
            continue;
        size_t tail = fixed_end(d, f->seg + 1), unit;
        if (frame_varint(f)) {
            emit_frame_varint(f, tail);
            continue;
        }
        Expr *len = frame_len(f, &unit);
        char *size;
        if (!len) {
            size = xformat("%zu", f->size);
        } else {
            char *e = expr_c(len, "t");
            if (f->cond)
                p("        n = %s(t) ? %s : 0;\n", has_fn(f), paren(e));
            else
                p("        n = %s;\n", e);
            if (len->lo < 0)   /* parse reports it first; kept exact anyway */
                p("        if (n < 0)\n            return zc_frame_make(ZC_FRAME_MALFORMED, 0, st);\n");
            size = "(uint64_t)n";
            if (unit > 1) {
                /* an element's size: a struct's, or a wire integer's */
                char *u = f->elem_size ? xformat("%zu", unit) : xformat("%s_MIN_SIZE", SNAME(f->type->decl));
                size = xformat("(uint64_t)n * %s", u);
                /* n * unit could pass 2^62 (and wrap 64 bits past 2^63) */
                if (len->hi > 0 && (uint64_t)len->hi > ((uint64_t)1 << 62) / unit)
                    p("        if ((uint64_t)n > (UINT64_C(1) << 62) / %s)\n"
                      "            return zc_frame_make(ZC_FRAME_NEED, SIZE_MAX, st);   /* over 2^62 bytes */\n", u);
            }
        }
        if (f->cond && !len)
            size = xformat("(%s(t) ? %s : 0)", has_fn(f), size);
        p("        end = (uint64_t)(%s) + %s%s;\n", field_off(f, "t"), size, tail ? xformat(" + %zu", tail) : "");
        p("        if (len < end)\n            break;\n");
    }
    p("        /* every part is there: the frame is bad inside */\n");
    p("        return zc_frame_make(ZC_FRAME_MALFORMED, 0, st);\n");
    p("    } while (0);\n");
    p("    /* end - len more bytes; SIZE_MAX if that does not fit size_t */\n");
    p("    need = (size_t)(end - len);\n");
    p("    return zc_frame_make(ZC_FRAME_NEED, need != end - len ? SIZE_MAX : need, st);\n}\n\n");
}

/* NAME_iter_bytes(b): an iterator over any byte region as an array of NAME
   (issue #24 item 2). Its steps are NAME_next()'s, so its elements and
   statuses are those of the iterators the accessors return; offsets count
   from b.ptr. A struct with parameters takes them as its parser does: an
   argument out of range stops the walk before its first step. */
void emit_iter_bytes(Decl *d)
{
    p("/* An iterator over the bytes b as an array of %s (a region of another\n", d->name);
    p("   struct, bytes from elsewhere): step it with %s_next(), as the iterators\n", sname(d));
    p("   the accessors return; statuses give offsets from b.ptr. */\n");
    p("static inline %s %s_iter_bytes(zc_bytes b%s)\n{\n", iter_t(d), sname(d), param_decls(d));
    p("    %s it;\n\n", iter_t(d));
    p("    ZC_ITER_INIT(it, b.ptr, 0, b.len, UINT64_MAX);\n");
    for (int i = 0; i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        char *max = xformat("UINT64_C(%llu)", (unsigned long long)type_max(pa->type));
        p("    it.%s = (%s)(%s > %s ? 0 : %s);\n", param_member(pa), param_c_type(pa), param_member(pa), max,
          param_member(pa));
        p("    if (%s > %s) {   /* as %s_parse() would say */\n", param_member(pa), max, sname(d));
        p("        it.zc_st = zc_fail(ZC_ERR_RANGE, 0, %s);\n", site(pa, "argument out of range"));
        p("        it.zc_left = 0;\n    }\n");
    }
    p("    return it;\n}\n\n");
}
