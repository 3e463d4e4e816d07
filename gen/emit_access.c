/*
 * emit_access.c - the accessors of each struct: one function per field
 * (whole integers as wire types, bit fields as host values, arrays as
 * zc_bytes or iterators, nested structs as views), NAME_has_F() for
 * optional fields, named bits groups, and the internal S_zc_segN()
 * helpers that say where each segment after a variable part starts.
 */
#include "emit_parts.h"

/* ---- struct accessors --------------------------------------------------- */

/* An array of wire integers (`be16 suites[bytes: n]`): besides S_F() (its
   bytes), S_F_count(), S_F_at() (false, and *out zero, past the end, as
   for arrays of structs) and S_F_iter() with zc_be16_next(). */
static void emit_wire_array(Field *f)
{
    char *V = view_t(f->owner), *T = (char *)type_c_name(f->type), *W = (char *)wire_name(f->type);
    size_t k = f->elem_size;
    p("/* Number of elements of '%s' (%zu bytes each). */\n", f->name, k);
    acsl_wire_count(f);
    p("static inline size_t %s_count(%s v)\n{\n", acc(f), V);
    p("    return %s(v).len / %zu;\n}\n\n", acc(f), k);
    p("/* Element i of '%s': false (and *out zero) if i >= %s_count(v). */\n", f->name, acc(f));
    acsl_wire_at(f);
    p("static inline bool %s_at(%s v, size_t i, %s *out)\n{\n", acc(f), V, T);
    p("    zc_bytes b = %s(v);\n\n", acc(f));
    p("    if (i >= b.len / %zu) {\n", k);
    if (!acsl_wire_zero(f))
        p("        memset(out, 0, sizeof *out);\n");
    p("        return false;\n    }\n");
    p("    *out = zc_load_%s(b.ptr + i * %zu);\n    return true;\n}\n\n", W, k);
    p("/* Iterate with %s_next(&it, &x); see ZC_ITER_MEMBERS in zerocast.h. */\n", T);
    p("static inline %s_iter %s_iter(%s v)\n{\n", T, acc(f), V);
    p("    zc_bytes b = %s(v);\n    %s_iter it;\n\n", acc(f), T);
    p("    ZC_ITER_INIT(it, b.ptr, 0, b.len, UINT64_MAX);\n    return it;\n}\n\n");
}


void emit_accessor(Field *f)
{
    if (is_struct_array(f)) {   /* by bytes or to the end: elements checked as they are walked */
        emit_complex_accessor(f);
        return;
    }
    char *T = field_c_type(f), *off = field_off(f, "v");
    field_comment(f);
    acsl_accessor(f);
    p("static inline %s %s(%s v)\n{\n", T, acc(f), view_t(f->owner));
    if (f->array != ARR_NONE) {
        if (f->array != ARR_REST) {   /* [N], [E] and [bytes: E]: the same for u8 */
            p("    size_t n = %s;\n", array_len(f, "v"));
            p("    ZC_CHECK_ACCESS(v, %s, n);\n", off);
            p("    return zc_bytes_make(v.zc_base + %s, n);\n", off);
        } else {
            p("    size_t off = %s;\n", off);
            p("    ZC_CHECK_ACCESS(v, off, v.zc_len - off);\n");
            p("    return zc_bytes_make(v.zc_base + off, v.zc_len - off);\n");
        }
    } else if (f->type->kind == T_STRUCT) {
        Decl *nd = f->type->decl;
        p("    %s r;\n", T);
        p("    ZC_CHECK_ACCESS(v, %s, %s_MIN_SIZE);\n", off, SNAME(nd));
        p("    r.zc_base = v.zc_base + %s;\n", off);
        p("    r.zc_len = %s_MIN_SIZE;\n", SNAME(nd));
        p("    return r;\n");
    } else if (f->is_bits) {
        /* the group goes into a wide local first: it keeps gcc from
           narrowing the shift-and-mask to byte arithmetic */
        p("    %s group;\n", f->size > 4 ? "uint64_t" : "uint32_t");
        p("    ZC_CHECK_ACCESS(v, %s, %zu);\n", off, f->size);
        p("    group = %s;\n", group_load(f, "v"));
        p("    return (%s)%s;\n", T, bits_value(f, "group"));
    } else {
        const Type *t = value_type(f);
        p("    ZC_CHECK_ACCESS(v, %s, %d);\n", off, t->bits / 8);
        if (t->kind == T_UINT)
            p("    return %s%s(v.zc_base + %s);\n", f->type->kind == T_ENUM ? xformat("(%s)", T) : "",
              t->is_signed ? "zc_load_i8" : "zc_load_u8", off);
        else if (f->type->kind == T_ENUM)
            p("    return (%s)zc_%s%dtoh(zc_load_%s%d(v.zc_base + %s));\n", T,
              t->order == ORD_BE ? "be" : "le", t->bits, t->order == ORD_BE ? "be" : "le",
              t->bits, off);
        else
            p("    return zc_load_%s(v.zc_base + %s);\n", wire_name(t), off);
    }
    p("}\n\n");
    if (f->elem_size)
        emit_wire_array(f);
}

/* The accessor of a named bits group: the whole group as one integer. */
void emit_bitgroup(BitGroup *g)
{
    Decl *d = g->owner;
    Field *first = d->fields.data[g->first];
    Field *last = d->fields.data[g->first + g->count - 1];
    int bits = (int)first->size * 8;
    const char *T = uint_c_name(bits);
    char *off = first->seg == 0 ? group_off_macro(g)
                                : field_off(first, "v");
    p("/* %s: bits %s .. %s as one %d-bit integer, at offset %zu%s */\n", g->name, first->name, last->name,
      bits, first->off, first->seg ? " after the variable part" : "");
    p("static inline %s %s(%s v)\n{\n", T, group_acc(g), view_t(d));
    const char *loader = first->lsb_first ? group_loader_lsb(first->size) : group_loader(first->size);
    p("    ZC_CHECK_ACCESS(v, %s, %zu);\n", off, first->size);
    if (loader)
        p("    return (%s)%s(v.zc_base + %s);\n}\n\n", T, loader, off);
    else
        p("    return (%s)zc_load_%sn(v.zc_base + %s, %zu);\n}\n\n", T, first->lsb_first ? "lsb" : "msb", off,
          first->size);
}

/* Internal helper: where segment s (s >= 1) starts, i.e. where the
   variable array that ends segment s-1 ends. */
void emit_segment_start(Decl *d, Field *var)
{
    int s = var->seg + 1;
    p("/* Where the fields after '%s' start (internal). */\n", var->name);
    acsl_segment_start(d, var);
    p("static inline size_t %s(%s v)\n{\n", seg_fn(d, s), view_t(d));
    return_of_view(xformat("%s + %s", field_off(var, "v"), array_len(var, "v")));
}

/* ---- structs beyond v1 ("complex"): optional fields, switches, arrays of
   structs, extern types, variable-size nested structs ------------------- */

/* A varint's host value, decoded in place (at most 8 or N bytes, never
   past the view): O(1). 0 when the field is absent. */
static void emit_varint_accessor(Field *f, const char *absent)
{
    const Type *t = value_type(f);
    char *T = field_c_type(f);
    p("static inline %s %s(%s v)\n{\n", T, acc(f), view_t(f->owner));
    p("    size_t off = %s;\n", field_off(f, "v"));
    if (absent)
        p("    if (%s)\n        return 0;\n", absent);
    p("    ZC_CHECK_ACCESS(v, off, 1);\n");
    p("    if (off >= v.zc_len)\n        return 0;\n");
    if (t->leb)
        p("    return %szc_leb128_value(v.zc_base + off, v.zc_len - off, %du);\n}\n\n",
          t->bits <= 32 ? xformat("(%s)", T) : "", t->vbytes);
    else
        p("    return zc_quic_varint_value(v.zc_base + off, v.zc_len - off);\n}\n\n");
}

static void emit_has(Field *f)
{
    p("/* Whether '%s' is present: %s */\n", f->name, c_comment(loc_text(f->cond->loc)));
    acsl_has(f);
    p("static inline bool %s(%s v)\n{\n", has_fn(f), view_t(f->owner));
    if (f->cond->is_const || decided(f->cond))
        p("    (void)v;\n");
    p("    return %s;\n}\n\n", truth_c(f->cond, "v"));
}

/* Accessor of a field of a complex struct. */
void emit_complex_accessor(Field *f)
{
    Decl *d = f->owner;
    char *V = view_t(d), *off = field_off(f, "v");
    if (f->sized) {   /* `T x @size(e)`: its case field x has the accessors */
        p("/* %s: @size(%s), at %s: see %s() */\n\n", f->name, c_comment(loc_text(f->len->loc)),
          f->seg == 0 ? xformat("offset %zu", f->off) : "a variable offset", acc(f));
        return;
    }
    if (f == d->trailer) {
        /* a trailer field's place counts the trailer fields after it: every
           one's presence first */
        for (int i = f->index; i < d->fields.len && ((Field *)d->fields.data[i])->trailer; i++)
            if (((Field *)d->fields.data[i])->cond)
                emit_has(d->fields.data[i]);
    } else if (f->cond && !f->trailer) {
        emit_has(f);
    }
    if (f->is_switch) {
        p("/* %s: switch (%s)%s, at %s; its cases are fields of their own */\n\n", f->name,
          c_comment(loc_text(f->tag->loc)),
          f->array == ARR_BYTES ? xformat(", %s bytes", c_comment(loc_text(f->len->loc))) : "",
          f->seg == 0 ? xformat("offset %zu", f->off) : "a variable offset");
        return;
    }
    field_comment(f);
    const char *absent = f->cond ? xformat("!%s(v)", has_fn(f)) : NULL;
    if (is_struct_array(f)) {
        Decl *e = f->type->decl;
        char *count = f->array == ARR_EXPR ? xformat("(uint64_t)(%s)", expr_c(f->len, "v")) : "UINT64_MAX";
        char *end;
        if (f->array == ARR_UNTIL || (f->sizing == SZ_WALK && !f->sw && f->array != ARR_REST))
            end = xformat("v.zc_end[%d]", f->walk);   /* found by parse (the terminating element) */
        else if (f->array == ARR_REST || (f->sizing == SZ_WALK && f->sw))
            end = container_end(f, "v");
        else
            end = xformat("off + %s", own_size(f, "v"));
        p("/* Iterate with %s_next(&it, &elem); see ZC_ITER_MEMBERS in zerocast.h. */\n", sname(e));
        acsl_accessor(f);
        p("static inline %s %s(%s v)\n{\n", iter_t(e), acc(f), V);
        p("    %s it;\n    size_t off = %s;\n\n", iter_t(e), off);
        for (int i = 0; i < e->params.len; i++)   /* every element gets the same arguments */
            p("    it.%s = (%s)%s;\n", param_member(e->params.data[i]), param_c_type(e->params.data[i]),
              paren(expr_c(f->args.data[i], "v")));
        if (absent)
            p("    if (%s) {\n        ZC_ITER_INIT(it, v.zc_base, off, off, 0);\n        return it;\n    }\n", absent);
        p("    ZC_ITER_INIT(it, v.zc_base, off, %s, %s);\n    return it;\n}\n\n", end, count);
        if (e->fixed_size && f->array == ARR_UNTIL && e->min_size > 0) {
            p("/* Number of elements of '%s', the terminating one included. */\n", f->name);
            p("static inline size_t %s_count(%s v)\n{\n", acc(f), V);
            if (absent)
                p("    if (%s)\n        return 0;\n", absent);
            p("    return (v.zc_end[%d] - (%s)) / %s_MIN_SIZE;\n}\n\n", f->walk, off, SNAME(e));
            p("/* Element i of '%s': false if i is out of range. */\n", f->name);
            p("static inline bool %s_at(%s v, size_t i, %s *out)\n{\n", acc(f), V, view_t(e));
            p("    out->zc_base = v.zc_base;\n    out->zc_len = 0;\n");
            p("    if (i >= %s_count(v))\n        return false;\n", acc(f));
            p("    return %s_parse(out, v.zc_base + %s + i * %s_MIN_SIZE, %s_MIN_SIZE).code == ZC_OK;\n}\n\n",
              sname(e), off, SNAME(e), SNAME(e));
        }
        if (e->fixed_size && f->array != ARR_REST && f->array != ARR_UNTIL && e->min_size > 0) {
            p("/* Number of elements of '%s'. */\n", f->name);
            acsl_array_count(f);
            p("static inline size_t %s_count(%s v)\n{\n", acc(f), V);
            if (absent)
                p("    if (%s)\n        return 0;\n", absent);
            if (f->array == ARR_EXPR)
                return_of_view(xformat("(size_t)(%s)", expr_c(f->len, "v")));
            else
                return_of_view(xformat("(size_t)(%s) / %s_MIN_SIZE", expr_c(f->len, "v"), SNAME(e)));
            p("/* Element i of '%s': false if i is out of range. */\n", f->name);
            acsl_array_at(f);
            p("static inline bool %s_at(%s v, size_t i, %s *out)\n{\n", acc(f), V, view_t(e));
            p("    out->zc_base = v.zc_base;\n    out->zc_len = 0;\n");
            p("    if (i >= %s_count(v))\n        return false;\n", acc(f));
            p("    return %s_parse(out, v.zc_base + %s + i * %s_MIN_SIZE, %s_MIN_SIZE%s).code == ZC_OK;\n}\n\n",
              sname(e), off, SNAME(e), SNAME(e), call_args(f, "v"));
        }
        return;
    }
    if (f->type->kind == T_EXTERN) {
        Decl *x = f->type->decl;
        if (!f->cond && !f->sw) {
            p("static inline %s %s(%s v)\n{\n", field_c_type(f), acc(f), V);
            p("    %s r;\n", field_c_type(f));
            p("    r.zc_base = v.zc_base + %s;\n", off);
            p("    r.zc_len = v.zc_end[%d] - (%s);\n", f->walk, off);
            p("    return r;\n}\n\n");
            return;
        }
        p("static inline bool %s(%s v, %s *out)\n{\n", acc(f), V, field_c_type(f));
        p("    size_t off = %s, size = 0;\n", off);
        p("    out->zc_base = v.zc_base + off;\n    out->zc_len = 0;\n");
        /* absent is NULL for the only case of a default-only switch */
        p("    if (%s%s_zc_measure(out->zc_base, %s - off, &size).code != ZC_OK)\n        return false;\n",
          absent ? xformat("%s || ", absent) : "", x->name, container_end(f, "v"));
        p("    out->zc_len = size;\n    return true;\n}\n\n");
        return;
    }
    if (view_by_out(f)) {
        Decl *e = f->type->decl;
        char *avail = f->sizing == SZ_WALK && !f->sw && !f->cond ? xformat("v.zc_end[%d] - off", f->walk)
                      : e->fixed_size ? xformat("%s_MIN_SIZE", SNAME(e))
                      : xformat("%s - off", container_end(f, "v"));
        /* A struct with @policy constraints is parsed leniently: v may come
           from a lenient NAME_parse_ex(), which accepted it with a policy
           constraint failed; on what strict parsing accepts, lenient gives
           the same view. */
        bool pol = parses_policy(e);
        char *parse = pol ? xformat("%s_zc_parse_ex", sname(e)) : xformat("%s_parse", sname(e));
        char *tail = pol ? xformat("%s, ZC_PARSE_LENIENT, &zc_pol, 0", call_args(f, "v")) : call_args(f, "v");
        if (!f->cond && !f->sw) {
            p("static inline %s %s(%s v)\n{\n", view_t(e), acc(f), V);
            p("    %s r;\n    size_t off = %s;\n", view_t(e), off);
            if (pol)
                p("    zc_status zc_pol = zc_ok();\n");
            p("    /* validated by %s_parse%s(), so this cannot fail */\n", sname(d), pol ? "[_ex]" : "");
            p("    (void)%s(&r, v.zc_base + off, %s%s);\n    return r;\n}\n\n", parse, avail, tail);
            return;
        }
        acsl_accessor(f);
        p("static inline bool %s(%s v, %s *out)\n{\n", acc(f), V, view_t(e));
        p("    size_t off = %s;\n", off);
        if (pol)
            p("    zc_status zc_pol = zc_ok();\n");
        p("    out->zc_base = v.zc_base + off;\n    out->zc_len = 0;\n");
        if (absent)   /* NULL: the only case of a default-only switch */
            p("    if (%s)\n        return false;\n", absent);
        p("    return %s(out, v.zc_base + off, %s%s).code == ZC_OK;\n}\n\n", parse, avail, tail);
        return;
    }
    if (f->type->kind == T_VARINT) {
        emit_varint_accessor(f, absent);
        return;
    }
    /* integers, byte arrays, fixed structs: as in v1, plus absence */
    char *T = field_c_type(f);
    if (f->array == ARR_UNTIL) {   /* bytes before the terminator: ptr[len] is it */
        p("/* The bytes before the terminator (%u), which follows them: the field\n", f->until_byte);
        p("   takes .len + 1 bytes. */\n");
    }
    acsl_accessor(f);
    p("static inline %s %s(%s v)\n{\n", T, acc(f), V);
    if (f->array == ARR_UNTIL) {
        p("    size_t off = %s;\n", off);
        if (absent)
            p("    if (%s)\n        return zc_bytes_make(v.zc_base + off, 0);\n", absent);
        p("    {\n        size_t n = v.zc_end[%d] - off - 1;\n", f->walk);
        p("        ZC_CHECK_ACCESS(v, off, n + 1);\n");
        p("        return zc_bytes_make(v.zc_base + off, n);\n    }\n}\n\n");
        return;
    }
    if (f->array != ARR_NONE) {
        char *n = f->array == ARR_REST ? xformat("%s - off", container_end(f, "v")) : own_size(f, "v");
        p("    size_t off = %s;\n", off);
        if (absent)
            p("    if (%s)\n        return zc_bytes_make(v.zc_base + off, 0);\n", absent);
        p("    {\n        size_t n = %s;\n", n);
        p("        ZC_CHECK_ACCESS(v, off, n);\n");
        p("        return zc_bytes_make(v.zc_base + off, n);\n    }\n}\n\n");
        if (f->elem_size)
            emit_wire_array(f);
        return;
    }
    if (absent && f->type->kind != T_STRUCT && value_type(f)->kind == T_UINT)
        p("    if (%s)\n        return %s0;\n", absent, f->type->kind == T_ENUM ? xformat("(%s)", T) : "");
    else if (absent) {
        p("    if (%s) {\n        %s none;\n", absent, T);
        if (!acsl_zero_value(f))
            p("        memset(&none, 0, sizeof none);\n");
        p("        return none;\n    }\n");
    }
    if (f->type->kind == T_STRUCT) {
        Decl *nd = f->type->decl;
        p("    {\n        %s r;\n", T);
        p("        ZC_CHECK_ACCESS(v, %s, %s_MIN_SIZE);\n", off, SNAME(nd));
        p("        r.zc_base = v.zc_base + %s;\n", off);
        p("        r.zc_len = %s_MIN_SIZE;\n        return r;\n    }\n}\n\n", SNAME(nd));
    } else if (f->is_bits) {
        p("    {\n        %s group;\n", f->size > 4 ? "uint64_t" : "uint32_t");
        p("        ZC_CHECK_ACCESS(v, %s, %zu);\n", off, f->size);
        p("        group = %s;\n", group_load(f, "v"));
        p("        return (%s)%s;\n    }\n}\n\n", T, bits_value(f, "group"));
    } else {
        const Type *t = value_type(f);
        p("    ZC_CHECK_ACCESS(v, %s, %d);\n", off, t->bits / 8);
        if (t->kind == T_UINT)
            p("    return %s%s(v.zc_base + %s);\n}\n\n", f->type->kind == T_ENUM ? xformat("(%s)", T) : "",
              t->is_signed ? "zc_load_i8" : "zc_load_u8", off);
        else if (f->type->kind == T_ENUM)
            p("    return (%s)zc_%s%dtoh(zc_load_%s%d(v.zc_base + %s));\n}\n\n", T,
              t->order == ORD_BE ? "be" : "le", t->bits, t->order == ORD_BE ? "be" : "le", t->bits, off);
        else
            p("    return zc_load_%s(v.zc_base + %s);\n}\n\n", wire_name(t), off);
    }
}

/* Where segment k+1 starts, k being the segment var ends (internal). */
void emit_complex_segment_start(Decl *d, Field *var)
{
    p("/* Where the fields after '%s' start (internal). */\n", var->name);
    acsl_segment_start(d, var);
    p("static inline size_t %s(%s v)\n{\n", seg_fn(d, var->seg + 1), view_t(d));
    if (var->sizing == SZ_WALK) {
        p("    return v.zc_end[%d];\n}\n\n", var->walk);
        return;
    }
    if (var->cond && var->seg == 0 && var->off == 0)   /* g++ -Wsign-conversion: 0 + (c ? 2 : 0) is an int */
        p("    return %s + (%s(v) ? (size_t)%s : 0);\n}\n\n", field_off(var, "v"), has_fn(var), own_size(var, "v"));
    else if (var->cond)
        p("    return %s + (%s(v) ? %s : 0);\n}\n\n", field_off(var, "v"), has_fn(var), own_size(var, "v"));
    else
        return_of_view(xformat("%s + %s", field_off(var, "v"), own_size(var, "v")));
}

/* S_head_F_declared() for the last field F of a `@head` struct (issue #18
   item 13): the length S declares for F, where F itself holds only the
   bytes that are there. */
void emit_declared(Field *f)
{
    if (!f->declared)
        return;
    p("/* The length struct %s declares for '%s' (%s), as int64_t; '%s' holds\n",
      f->owner->head_of->name, f->name, c_comment(loc_text(f->declared->loc)), f->name);
    p("   the bytes that are there: fewer when the message is cut short. */\n");
    p("static inline int64_t %s_declared(%s v)\n{\n", acc(f), view_t(f->owner));
    return_of_view(expr_c(f->declared, "v"));
}

/* ---- bytes of a view, of its part after the fixed head, of a switch ------
   (issue #24 item 1) */

/* S_bytes(v) and, when d has a fixed head that something follows,
   S_bytes_after_F(v), F being the head's last field. */
void emit_view_bytes(Decl *d)
{
    char *V = view_t(d);
    p("/* The bytes of a %s view: all it covers, v.zc_len of them (borrowed). */\n", d->name);
    acsl_view_bytes(d);
    p("static inline zc_bytes %s_bytes(%s v)\n{\n", sname(d), V);
    p("    return zc_bytes_make(v.zc_base, v.zc_len);\n}\n\n");
    Field *last = fixed_head_last(d);
    if (!last)
        return;
    size_t k = fixed_head_size(d);
    p("/* The bytes after %s's fixed head (its first %zu byte%s, '%s' the last\n", d->name, k, k == 1 ? "" : "s", last->name);
    p("   field of it), to the end of the view. */\n");
    p("static inline zc_bytes %s_bytes_after_%s(%s v)\n{\n", sname(d), last->name, V);
    p("    if (v.zc_len < %zu)   /* not from a successful parse */\n", k);
    p("        return zc_bytes_make(v.zc_base, 0);\n");
    p("    ZC_CHECK_ACCESS(v, %zu, v.zc_len - %zu);\n", k, k);
    p("    return zc_bytes_make(v.zc_base + %zu, v.zc_len - %zu);\n}\n\n", k, k);
}

/* S_F(v) for a switch F: its bytes, whichever case was chosen. After the
   start of the segment that follows it (emit_complex_segment_start). */
void emit_switch_bytes(Field *sw)
{
    Decl *d = sw->owner;
    if (!sw->is_switch || sw->sized)
        return;   /* `T x @size(e)`: the case field x has the name */
    p("/* The bytes of switch '%s' (%s), whichever case was chosen%s: the\n", sw->name,
      c_comment(loc_text(sw->tag->loc)), sw->cond ? " (empty when absent)" : "");
    p("   case's own, and for a switch with a length all of them. */\n");
    acsl_switch_bytes(sw);
    p("static inline zc_bytes %s(%s v)\n{\n", acc(sw), view_t(d));
    p("    size_t off = %s, end = %s(v);\n", field_off(sw, "v"), seg_fn(d, sw->seg + 1));
    p("    if (end < off || end > v.zc_len)   /* not from a successful parse */\n");
    p("        return zc_bytes_make(v.zc_base, 0);\n");
    p("    ZC_CHECK_ACCESS(v, off, end - off);\n");
    p("    return zc_bytes_make(v.zc_base + off, end - off);\n}\n\n");
}
