/*
 * emit_acsl_array.c - ACSL contracts of the element helpers of arrays
 * (`zerocast --acsl`, issue #23): S_F_count() and S_F_at() of an array of
 * fixed-size structs (by count, by bytes, of a fixed count) and of an
 * array of wire integers (of a fixed length: a variable one makes its
 * struct complex beyond what emit_acsl.c covers), for the structs whose
 * contracts emit_acsl.c writes (acsl_supported()). The count is the
 * region's length over the element size; S_F_at(v, i, out) fails for
 * i >= count and, when it succeeds, gives element i: a valid view of the
 * element's bytes inside the array's region (structs) or the value of its
 * bytes (wire integers). docs/hardening.md, "Arrays: count and _at()".
 */
#include "emit_parts.h"

/* Where array f starts, in ACSL over v. */
static char *start_of(Field *f)
{
    return f->seg ? xformat("%s + %zu", logic_seg(f->owner, f->seg, "v"), f->off) : xformat("%zu", f->off);
}

/* The element struct of struct array f when both it and f's struct have
   contracts (S_zc_valid, S_parse()), else NULL. */
static Decl *covered_elem(Field *f)
{
    if (!acsl_on || f->cond || !acsl_supported(f->owner))
        return NULL;
    Decl *e = f->type->decl;
    if (!e->fixed_size || e->min_size == 0 || !acsl_supported(e) ||
        (f->array != ARR_EXPR && f->array != ARR_BYTES) || !logic_expr(f->len, "v"))
        return NULL;
    return e;
}

/* The number of elements of struct array f, in ACSL over v. */
static char *struct_count(Field *f)
{
    char *n = logic_expr(f->len, "v");
    return f->array == ARR_EXPR ? n : xformat("%s / %zu", n, f->type->decl->min_size);
}

/* The length in bytes of struct array f's region, in ACSL over v. */
static char *struct_len(Field *f)
{
    char *n = logic_expr(f->len, "v");
    return f->array == ARR_EXPR ? xformat("%s * %zu", n, f->type->decl->min_size) : n;
}

/* Before S_F_count() of array f of fixed-size structs. */
void acsl_array_count(Field *f)
{
    Decl *e = covered_elem(f);
    if (!e)
        return;
    p("/*@ requires %s_zc_valid(v);\n    assigns \\nothing;\n", sname(f->owner));
    p("    ensures \\result == %s;\n", struct_count(f));
    if (f->array == ARR_BYTES)   /* whole elements only: a rest shorter than one is not one */
        p("    ensures \\result * %zu <= %s;\n", e->min_size, struct_len(f));
    p("*/\n");
}

/* Before S_F_at() of array f of fixed-size structs. */
void acsl_array_at(Field *f)
{
    Decl *e = covered_elem(f);
    if (!e)
        return;
    char *s = sname(f->owner);
    size_t k = e->min_size;
    p("/*@ requires %s_zc_valid(v);\n", s);
    p("    requires \\valid(out) && \\separated(out, v.zc_base + (0 .. v.zc_len - 1));\n");
    p("    assigns *out;\n");
    p("    ensures i >= %s ==> !\\result;\n", struct_count(f));
    p("    ensures \\result ==> %s_zc_valid(*out) && out->zc_len == %zu;\n", sname(e), k);
    p("    ensures \\result ==> out->zc_base == v.zc_base + %s + i * %zu;\n", start_of(f), k);
    p("    ensures \\result ==> i * %zu + %zu <= %s;\n", k, k, struct_len(f));
    p("    ensures !\\result ==> out->zc_len == 0;\n*/\n");
}

/* What the bytes accessor of wire array f requires (acsl_accessor()). */
static void wire_requires(Field *f)
{
    p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n", sname(f->owner), f->off + f->size);
}

/* Whether wire array f's helpers get contracts: a fixed length in the
   first segment of a covered struct (the bytes accessor then ensures its
   slice; after a variable part it states no slice yet, emit_acsl.c). */
static bool wire_covered(Field *f)
{
    return acsl_on && !f->cond && f->fixed_len && f->seg == 0 && acsl_supported(f->owner);
}

/* Before S_F_count() of array f of wire integers. */
void acsl_wire_count(Field *f)
{
    if (!wire_covered(f))
        return;
    wire_requires(f);
    p("    assigns \\nothing;\n    ensures \\result == %zu;\n*/\n", f->size / f->elem_size);
}

/* Before S_F_at() of array f of wire integers. */
void acsl_wire_at(Field *f)
{
    if (!wire_covered(f))
        return;
    const Type *t = value_type(f);
    size_t k = f->elem_size;
    wire_requires(f);
    p("    requires \\valid(out) && \\separated(out, v.zc_base + (0 .. v.zc_len - 1));\n");
    p("    assigns *out;\n");
    p("    ensures \\result <==> i < %zu;\n", f->size / k);
    if (t->kind == T_WIRE && !t->is_signed)
        p("    ensures \\result ==> zc_%s_h(out->raw) == zc_get_%s(v.zc_base + %s + i * %zu);\n", wire_name(t),
          wire_name(t), start_of(f), k);
    p("    ensures !\\result ==> out->raw == 0;\n*/\n");
}

/* In S_F_at() of wire array f past the end, instead of memset(out, 0,
   sizeof *out): the raw member (the same value; see acsl_zero_view()).
   False (nothing written) without a contract: the memset stays. */
bool acsl_wire_zero(Field *f)
{
    if (!wire_covered(f))
        return false;
    p("        out->raw = 0;\n");
    return true;
}

/* A complex struct's S_parse() ends with *v = t: with --acsl, the members
   one by one instead (the same values; NULL without contracts: the struct
   copy stays). WP's typed memory model dropped the copy's value in
   rtcp_sdes_parse() (a parameter and a rest array: no call reads t), so
   `v->zc_base == buf` and `v->zc_len <= len` stayed unproved; the v1
   parse stores members for the same reason (emit_view.c). */
char *acsl_view_store(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return NULL;
    char *x = "    v->zc_base = t.zc_base;\n    v->zc_len = t.zc_len;\n";
    for (int j = 0; j < d->nwalk; j++)
        x = xformat("%s    v->zc_end[%d] = t.zc_end[%d];\n", x, j, j);
    for (int i = 0; i < d->params.len; i++)
        x = xformat("%s    v->%s = t.%s;\n", x, param_member(d->params.data[i]), param_member(d->params.data[i]));
    return x;
}
