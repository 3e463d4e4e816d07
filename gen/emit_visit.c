/*
 * emit_visit.c - NAME_visit(), which hands every field of a parsed view to
 * a callback (zc_visit_*), and NAME_parse_deep(), which checks everything
 * reachable: the elements of arrays of structs and nested structs that
 * NAME_parse() leaves to their iterators.
 */
#include "emit_parts.h"

#include <string.h>

/* emit_field(f, indent) at the top level of a function of view v, inside
   `if (S_has_F(v))` when guard says so. */
static void emit_if_present(Field *f, bool guard, void (*emit_field)(Field *, const char *))
{
    if (guard) {
        p("    if (%s(v)) {\n", has_fn(f));
        emit_field(f, "        ");
        p("    }\n");
    } else {
        emit_field(f, "    ");
    }
}

/* Visit of one field of a complex struct (present: the caller checked). */
static void visit_field(Field *f, const char *ind)
{
    const char *tname = f->array == ARR_NONE ? type_schema_name(f->type)
                        : f->array == ARR_UNTIL ? xformat("%s[until %s]", type_schema_name(f->type), c_string(loc_text(f->until->loc)))
                        : f->array == ARR_REST ? xformat("%s[]", type_schema_name(f->type))
                        : xformat("%s[%s%s]", type_schema_name(f->type), f->array == ARR_BYTES ? "bytes: " : "",
                                  c_string(loc_text(f->len->loc)));
    char *off = field_off(f, "v");
    if (is_struct_array(f)) {
        Decl *e = f->type->decl;
        p("%s{\n%s    %s it = %s(v);\n%s    %s e;\n%s    size_t k = 0;\n", ind, ind, iter_t(e), acc(f), ind, view_t(e), ind);
        p("%s    zc_visit_mark(fn, ctx, ZC_FIELD_ARRAY_BEGIN, \"%s\", \"%s\", it.zc_pos);\n", ind, f->name, tname);
        p("%s    while (%s_next(&it, &e)) {\n", ind, sname(e));
        p("%s        size_t at = (size_t)(e.zc_base - v.zc_base);\n", ind);
        p("%s        zc_visit_item(fn, ctx, ZC_FIELD_BEGIN, \"%s\", \"%s\", at, k, zc_bytes_make(NULL, 0), zc_ok());\n",
          ind, f->name, e->name);
        p("%s        %s_visit(e, fn, ctx);\n", ind, sname(e));
        p("%s        zc_visit_item(fn, ctx, ZC_FIELD_END, \"%s\", \"%s\", at, k, zc_bytes_make(NULL, 0), zc_ok());\n",
          ind, f->name, e->name);
        p("%s        k++;\n%s    }\n", ind, ind);
        p("%s    if (zc_iter_status(&it).code != ZC_OK)\n", ind);
        p("%s        zc_visit_item(fn, ctx, ZC_FIELD_ERROR, \"%s\", \"%s\", it.zc_pos, k, zc_bytes_make(NULL, 0), zc_iter_status(&it));\n",
          ind, f->name, tname);
        p("%s    zc_visit_item(fn, ctx, ZC_FIELD_ARRAY_END, \"%s\", \"%s\", it.zc_pos, k, zc_bytes_make(NULL, 0), zc_ok());\n%s}\n",
          ind, f->name, tname, ind);
        return;
    }
    if (f->type->kind == T_EXTERN) {
        p("%s{\n%s    %s x;\n", ind, ind, field_c_type(f));
        if (f->cond || f->sw)
            p("%s    (void)%s(v, &x);\n", ind, acc(f));
        else
            p("%s    x = %s(v);\n", ind, acc(f));
        p("%s    zc_visit_item(fn, ctx, ZC_FIELD_EXTERN, \"%s\", \"%s\", %s, 0, zc_bytes_make(x.zc_base, x.zc_len), zc_ok());\n%s}\n",
          ind, f->name, tname, off, ind);
        return;
    }
    if (f->array != ARR_NONE) {
        p("%s{\n%s    zc_bytes b = %s(v);\n", ind, ind, acc(f));
        p("%s    zc_visit_bytes(fn, ctx, \"%s\", \"%s\", (size_t)(b.ptr - v.zc_base), b);\n%s}\n", ind, f->name, tname,
          ind);
        return;
    }
    if (f->type->kind == T_STRUCT) {
        Decl *e = f->type->decl;
        p("%s{\n", ind);
        if (view_out_param(f)) {
            /* present, so this holds; visiting e only when it does keeps
               compilers from seeing a read of a view the getter did not set */
            p("%s    %s e;\n", ind, view_t(e));
            p("%s    if (%s(v, &e)) {\n", ind, acc(f));
            p("%s        zc_visit_mark(fn, ctx, ZC_FIELD_BEGIN, \"%s\", \"%s\", %s);\n", ind, f->name, tname, off);
            p("%s        %s_visit(e, fn, ctx);\n", ind, sname(e));
            p("%s        zc_visit_mark(fn, ctx, ZC_FIELD_END, \"%s\", \"%s\", %s);\n", ind, f->name, tname, off);
            p("%s    }\n%s}\n", ind, ind);
            return;
        }
        p("%s    %s e = %s(v);\n", ind, view_t(e), acc(f));
        p("%s    zc_visit_mark(fn, ctx, ZC_FIELD_BEGIN, \"%s\", \"%s\", %s);\n", ind, f->name, tname, off);
        p("%s    %s_visit(e, fn, ctx);\n", ind, sname(e));
        p("%s    zc_visit_mark(fn, ctx, ZC_FIELD_END, \"%s\", \"%s\", %s);\n%s}\n", ind, f->name, tname, off, ind);
        return;
    }
    const Type *t = value_type(f);
    char *value = xformat("(uint64_t)%s", field_value(f, "v") + strlen("(int64_t)"));
    if (t->is_signed)
        p("%szc_visit_sint(fn, ctx, \"%s\", \"%s\", %s, %d, %d, %s);\n", ind, f->name, tname, off,
          f->is_bits ? f->bit_off : 0, t->bits, field_value(f, "v"));
    else if (f->type->kind == T_ENUM)
        p("%szc_visit_int(fn, ctx, ZC_FIELD_ENUM, \"%s\", \"%s\", %s, %d, %d, %s, %s_name(%s(v)));\n", ind, f->name,
          tname, off, f->is_bits ? f->bit_off : 0, t->bits, value, enum_t(f->type->decl), acc(f));
    else
        p("%szc_visit_int(fn, ctx, ZC_FIELD_UINT, \"%s\", \"%s\", %s, %d, %d, %s, NULL);\n", ind, f->name, tname, off,
          f->is_bits ? f->bit_off : 0, t->bits, value);
}

void emit_complex_visit(Decl *d)
{
    p("/* Reports every present field of v, in order, to fn (see zc_field in zerocast.h). */\n");
    p("static inline void %s_visit(%s v, zc_visit_fn fn, void *ctx)\n{\n", sname(d), view_t(d));
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (f->is_switch)
            continue;
        emit_if_present(f, f->cond != NULL, visit_field);
    }
    p("}\n\n");
}

/* ---- visit -------------------------------------------------------------- */

void emit_visit(Decl *d)
{
    p("/* Reports every field of v, in order, to fn (see zc_field in zerocast.h). */\n");
    p("static inline void %s_visit(%s v, zc_visit_fn fn, void *ctx)\n{\n", sname(d), view_t(d));
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (is_struct_array(f)) {
            visit_field(f, "    ");
            continue;
        }
        const char *tname = f->array == ARR_NONE ? type_schema_name(f->type)
                            : f->array == ARR_REST ? xformat("%s[]", type_schema_name(f->type))
                            : f->array == ARR_UNTIL ? xformat("u8[until %s]", c_string(loc_text(f->until->loc)))
                            : xformat("%s[%s%s]", type_schema_name(f->type),
                                      f->elem_size && f->array == ARR_BYTES ? "bytes: " : "",
                                      c_string(loc_text(f->len->loc)));
        if (f->array != ARR_NONE) {
            p("    {\n        zc_bytes b = %s(v);\n", acc(f));
            p("        zc_visit_bytes(fn, ctx, \"%s\", \"%s\", (size_t)(b.ptr - v.zc_base), b);\n    }\n",
              f->name, tname);
        } else if (f->type->kind == T_STRUCT) {
            char *off = field_off(f, "v");
            p("    zc_visit_mark(fn, ctx, ZC_FIELD_BEGIN, \"%s\", \"%s\", %s);\n", f->name, tname, off);
            p("    %s_visit(%s(v), fn, ctx);\n", sname(f->type->decl), acc(f));
            p("    zc_visit_mark(fn, ctx, ZC_FIELD_END, \"%s\", \"%s\", %s);\n", f->name, tname, off);
        } else {
            const Type *t = value_type(f);
            char *value = xformat("(uint64_t)%s", field_value(f, "v") + strlen("(int64_t)"));
            char *off = field_off(f, "v");
            if (t->is_signed)
                p("    zc_visit_sint(fn, ctx, \"%s\", \"%s\", %s, %d, %d, %s);\n", f->name, tname, off,
                  f->is_bits ? f->bit_off : 0, t->bits, field_value(f, "v"));
            else if (f->type->kind == T_ENUM)
                p("    zc_visit_int(fn, ctx, ZC_FIELD_ENUM, \"%s\", \"%s\", %s, %d, %d, %s, %s_name(%s(v)));\n",
                  f->name, tname, off, f->is_bits ? f->bit_off : 0, t->bits, value,
                  enum_t(f->type->decl), acc(f));
            else
                p("    zc_visit_int(fn, ctx, ZC_FIELD_UINT, \"%s\", \"%s\", %s, %d, %d, %s, NULL);\n",
                  f->name, tname, off, f->is_bits ? f->bit_off : 0, t->bits, value);
        }
    }
    p("}\n\n");
}

/* ---- parse_deep: everything reachable ------------------------------------ */

/* Whether NAME_parse_deep() of d checks more than NAME_parse(): d has an
   array of structs whose elements parse does not check (by bytes, to the
   end) or whose elements have deep checks of their own, or a nested struct
   or case that has. */
static bool has_deep(Decl *d)
{
    if (d->deep)
        return d->deep > 0;
    d->deep = -1;
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (f->is_switch || !f->type || f->type->kind != T_STRUCT)
            continue;
        if ((is_struct_array(f) && f->array != ARR_EXPR) || has_deep(f->type->decl))
            d->deep = 1;
    }
    return d->deep > 0;
}

/* The deep checks of one present field f of v (an array of structs or a
   nested struct), at indentation ind. */
static void deep_field(Field *f, const char *ind)
{
    Decl *e = f->type->decl;
    bool deep = has_deep(e);
    if (!is_struct_array(f)) {
        p("%s/* %s: its own deep checks */\n%s{\n", ind, f->name, ind);
        p("%s    %s e;\n", ind, view_t(e));
        if (view_out_param(f))
            p("%s    if (%s(v, &e)) {\n", ind, acc(f));
        else
            p("%s    e = %s(v);\n%s    {\n", ind, acc(f), ind);
        p("%s        st = %s_zc_deep(e);\n", ind, sname(e));
        p("%s        if (st.code != ZC_OK)\n", ind);
        p("%s            return zc_fail_nested(st, (size_t)(e.zc_base - v.zc_base));\n", ind);
        p("%s    }\n%s}\n", ind, ind);
        return;
    }
    /* the region the array's iterator walks (as in its accessor) */
    char *end;
    if (f->array == ARR_REST || (f->sizing == SZ_WALK && f->sw))
        end = container_end(f, "v");
    else if (f->sizing == SZ_WALK)
        end = xformat("v.zc_end[%d]", f->walk);
    else
        end = xformat("pos + %s", own_size(f, "v"));
    bool count = f->array == ARR_EXPR;
    p("%s/* %s: every element parsed%s */\n", ind, f->name, deep ? ", with its own deep checks" : "");
    p("%s{\n%s    size_t pos = %s;\n", ind, ind, field_off(f, "v"));
    p("%s    size_t end = %s;\n", ind, end);
    if (count) {
        p("%s    uint64_t left = (uint64_t)(%s);\n", ind, expr_c(f->len, "v"));
        p("%s    for (; left > 0; left--) {\n", ind);
        p("%s        %s e;\n", ind, view_t(e));
        p("%s        if (pos >= end)\n", ind);
        p("%s            return zc_fail(ZC_ERR_TRUNCATED, pos, %s);\n", ind, site(f, "fewer elements than the count"));
    } else {
        p("%s    while (pos < end) {\n", ind);
        p("%s        %s e;\n", ind, view_t(e));
    }
    p("%s        st = %s_parse(&e, v.zc_base + pos, end - pos%s);\n", ind, sname(e), call_args(f, "v"));
    p("%s        if (st.code != ZC_OK)\n", ind);
    p("%s            return zc_fail_nested(st, pos);\n", ind);
    p("%s        if (e.zc_len == 0)\n", ind);
    p("%s            return zc_fail(ZC_ERR_MALFORMED, pos, %s);\n", ind, site(f, "an element consumes no bytes"));
    if (deep) {
        p("%s        st = %s_zc_deep(e);\n", ind, sname(e));
        p("%s        if (st.code != ZC_OK)\n", ind);
        p("%s            return zc_fail_nested(st, pos);\n", ind);
    }
    p("%s        pos += e.zc_len;\n%s    }\n%s}\n", ind, ind, ind);
}

/*
 * NAME_zc_deep() (when parse leaves something unchecked) and
 * NAME_parse_deep(). Arrays by count are walked only for their elements'
 * own deep checks: NAME_parse() has parsed every element already.
 */
void emit_deep(Decl *d)
{
    bool deep = has_deep(d);
    if (deep) {
        p("/* The checks of a %s that %s_parse() leaves to iterators (internal):\n", d->name, sname(d));
        p("   v must come from %s_parse(); offsets are from v.zc_base. */\n", sname(d));
        p("static inline zc_status %s_zc_deep(%s v)\n{\n    zc_status st;\n\n", sname(d), view_t(d));
        for (int i = 0; i < d->all_fields.len; i++) {
            Field *f = d->all_fields.data[i];
            if (f->is_switch || !f->type || f->type->kind != T_STRUCT)
                continue;
            if (!((is_struct_array(f) && f->array != ARR_EXPR) || has_deep(f->type->decl)))
                continue;
            emit_if_present(f, f->cond && is_struct_array(f), deep_field);
        }
        p("    return zc_ok();\n}\n\n");
    }
    p("/*\n * %s_parse(), then what it leaves to iterators: every element of every\n", sname(d));
    p(" * array of structs is parsed, through nested structs, switch cases and\n");
    p(" * elements, recursively. O(len); nothing left unchecked but extern values\n");
    p(" * beyond their measure (DNS compression pointers: zc_dns_name_check()).\n");
    p(" * Returns %s_parse()'s failure if it fails, else the first failure of\n", sname(d));
    p(" * the walk in field order (offsets from buf); on failure *v is empty.%s\n */\n",
      deep ? "" : "\n * (A " "struct with nothing beyond what the parse checks: the same as it.)");
    p("static inline zc_status %s_parse_deep(%s *v, const void *buf, size_t len%s)\n{\n", sname(d), view_t(d),
      param_decls(d));
    p("    zc_status st = %s_parse(v, buf, len%s);\n", sname(d), param_names(d));
    if (deep) {
        p("    if (st.code == ZC_OK) {\n");
        p("        st = %s_zc_deep(*v);\n", sname(d));
        p("        if (st.code != ZC_OK) {\n");
        p("            const uint8_t *base = v->zc_base;\n");
        p("            memset(v, 0, sizeof *v);\n");
        p("            v->zc_base = base;\n");
        p("        }\n    }\n");
    }
    p("    return st;\n}\n\n");
}
