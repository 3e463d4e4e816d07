/*
 * emit_acsl.c - ACSL contracts for Frama-C/WP (`zerocast --acsl`): per
 * struct a logic value per fixed integer field, the predicates
 * S_zc_readable (the view's bytes can be read) and S_zc_valid (what
 * S_parse() established: the size, and each variable array's length and
 * bounds), and contracts for S_parse(), its diagnosis and the accessors.
 * All in comments: compilers see the same code. docs/hardening.md says
 * what is proved; docs/decisions.md, "ACSL behind --acsl", why an option.
 *
 * Covered (acsl_supported()): structs that are not d->complex, without
 * parameters, with or without @policy, byte constants and any number of
 * segments, whose variable arrays' lengths are over fixed integer and bit
 * fields of segment 0, with arrays of structs by bytes or to the end and
 * fixed-size nested structs; other structs get no contracts.
 */
#include <string.h>

#include "emit_parts.h"

bool acsl_on;

static void acsl_case(Field *f);

/* The logic value of integer field f of view V: NULL if not modelled. */
char *logic_field(Field *f, const char *V)
{
    if (f->is_param)   /* kept in the view by S_parse() */
        return xformat("%s.%s", V, param_member(f));
    if (f->seg != 0 || f->array != ARR_NONE || f->sw || f->is_switch)
        return NULL;
    const Type *t = value_type(f);
    /* an enum over an unsigned integer of at most 16 bits: the accessor
       casts its value to the C enum, which keeps it */
    if (t->is_signed || (f->type->kind == T_ENUM && (f->is_bits || t->bits > 16)))
        return NULL;
    if (f->cond) {   /* optional: its value when present, else 0 (what the accessor returns) */
        if (f->is_bits || f->type->kind == T_STRUCT)
            return NULL;
        char *c = logic_expr(f->cond, V);
        Expr *keep = f->cond;
        f->cond = NULL;
        char *x = logic_field(f, V);
        f->cond = keep;
        return c && x ? xformat("(%s ? %s : 0)", c, x) : NULL;
    }
    if (f->is_bits) {
        if (f->lsb_first || (f->size != 1 && f->size != 2 && f->size != 4))
            return NULL;
        /* the C accessor's own shift and mask (bits_extract()): the top
           field unmasked, the low one unshifted, so that the provers
           compare equal terms (x / 16 against x >> 4 they do not relate) */
        int shift = (int)f->size * 8 - f->bit_off - t->bits;
        char *g = f->size == 1 ? xformat("%s.zc_base[%zu]", V, f->group->off)
                               : xformat("zc_get_be%zu(%s.zc_base + %zu)", f->size * 8, V, f->group->off);
        if (shift)
            g = xformat("(%s >> %d)", g, shift);
        if (shift + t->bits < (int)f->size * 8)
            g = xformat("(%s & %lld)", g, (1LL << t->bits) - 1);
        return g;
    }
    if (t->kind == T_UINT && t->bits == 8)
        return xformat("%s.zc_base[%zu]", V, f->off);
    if (t->kind == T_WIRE)
        return xformat("zc_get_%s(%s.zc_base + %zu)", wire_name(t), V, f->off);
    return NULL;
}

/* Expression e in ACSL over view V (integers: no C overflow); NULL if
   some part is not modelled. */
char *logic_expr(Expr *e, const char *V)
{
    if (!e)
        return NULL;
    if (e->is_const || e->kind == EX_NUM || e->kind == EX_MEMBER)
        return xformat("%lld", (long long)e->value);
    if (e->kind == EX_NAME)
        return logic_field(e->field, V);
    if (e->kind == EX_UNARY) {
        char *x = logic_expr(e->lhs, V);
        if (!x || e->op == OP_COMPL)
            return NULL;
        return xformat(e->op == OP_NOT ? "(%s == 0)" : "(-%s)", x);
    }
    if (e->kind != EX_BINARY)
        return NULL;
    char *l = logic_expr(e->lhs, V), *r = logic_expr(e->rhs, V);
    if (!l || !r || e->op == OP_BITAND || e->op == OP_BITOR || e->op == OP_BITXOR || e->op == OP_SHR)
        return NULL;
    if (e->op == OP_SHL)   /* a constant shift only: x * 2^k */
        return e->rhs->is_const && e->rhs->value >= 0 && e->rhs->value < 62
                   ? xformat("(%s * %lld)", l, 1LL << e->rhs->value) : NULL;
    return xformat("(%s %s %s)", l, op_text(e->op), r);
}

/* The array's length in bytes, in ACSL over V (an optional field's: its
   size when present, else 0). */
char *logic_len(Field *f, const char *V)
{
    char *n;
    if (f->cond && !f->is_switch && !is_var_array(f)) {
        n = xformat("%zu", f->size);
    } else {   /* a switch's: its length expression (bytes) */
        n = logic_expr(f->len, V);
        if (!n)
            return NULL;
        if (!f->is_switch && is_struct_array(f) && f->array == ARR_EXPR)   /* a count of fixed-size elements */
            n = xformat("%s * %zu", n, f->type->decl->min_size);
        else if (f->elem_size)
            n = xformat("%s * %zu", n, f->elem_size);
    }
    if (f->cond) {
        char *c = logic_expr(f->cond, V);
        return c ? xformat("(%s ? %s : 0)", c, n) : NULL;
    }
    return n;
}

/* The bytes a fixed-size case field takes; 0 if it has no fixed size. */
static size_t case_size(Field *cf)
{
    if (cf->array == ARR_NONE && cf->type->kind == T_STRUCT)
        return cf->type->decl->min_size;
    if (cf->array == ARR_NONE)
        return (size_t)value_type(cf)->bits / 8;
    return cf->fixed_len ? cf->size : 0;
}

/* The length in bytes of case array cf when its case is chosen, in ACSL
   over V (its own length expression; to the end: the switch's length). */
static char *case_len(Field *cf, const char *V)
{
    if (cf->array == ARR_REST)
        return logic_expr(cf->sw->len, V);
    char *n = logic_expr(cf->len, V);
    if (!n)
        return NULL;
    if (is_struct_array(cf) && cf->array == ARR_EXPR)
        return xformat("%s * %zu", n, cf->type->decl->min_size);
    return cf->elem_size ? xformat("%s * %zu", n, cf->elem_size) : n;
}

/* Whether case field cf (NULL: an empty case) has a shape the contracts
   model: an unsigned integer (or enum), a struct with contracts of its
   own (of a variable size: parsed in the bytes to the switch's end), a
   byte array or an array of structs of a fixed size, by bytes, by a count
   of fixed-size ones or to the switch's end; its condition (the switch's
   and the tag's match) a logic term. */
static bool case_shaped(Field *cf)
{
    if (!cf)
        return true;
    if (!logic_expr(cf->cond, "v") || cf->type_arg || cf->is_bits || cf->trailer || cf->sized ||
        cf->type->kind == T_EXTERN || cf->type->kind == T_VARINT || cf->array == ARR_ALIGN ||
        cf->array == ARR_UNTIL || cf->args.len > 0)
        return false;
    if (cf->type->kind == T_STRUCT) {
        Decl *e = cf->type->decl;
        if (e->params.len > 0)
            return false;
        if (cf->array == ARR_NONE)   /* read through S_parse() (a variable size: up to the body's end) */
            return !parses_policy(e) && acsl_supported(e);
        return cf->array == ARR_REST || (cf->fixed_len && e->fixed_size) ||
               ((cf->array == ARR_BYTES || (cf->array == ARR_EXPR && e->fixed_size)) && case_len(cf, "v"));
    }
    const Type *t = value_type(cf);
    if (t->is_signed || (cf->type->kind != T_UINT && cf->type->kind != T_WIRE &&
                         !(cf->type->kind == T_ENUM && t->bits <= 16)))
        return false;
    if (cf->array == ARR_NONE)
        return true;
    return cf->array == ARR_REST || cf->fixed_len || case_len(cf, "v");
}

/* A switch the contracts model: with a length over modelled fields, every
   case of a modelled shape. */
static bool switch_shaped(Field *f)
{
    if (f->array != ARR_BYTES || f->sized || f->trailer || !logic_len(f, "v"))
        return false;
    for (int i = 0; i < f->cases.len; i++)
        if (!case_shaped(((Case *)f->cases.data[i])->field))
            return false;
    return true;
}

/* Whether field f of a complex struct has the shape of a v1 field: the
   complex parser (one sequential function) and accessors then compute
   what the v1 ones do, so the same predicates describe them. Complex
   only by parameters, or by an array by count of fixed-size structs
   (parse checks its region at once: count * size <= what is left). */
static bool v1_shaped(Field *f)
{
    if (f->is_switch)
        return switch_shaped(f);
    if (f->cond && f->var && !f->trailer && !f->sw && !f->is_switch && f->type->kind != T_EXTERN &&
        f->type->kind != T_VARINT && (f->array == ARR_NONE || f->fixed_len || (f->array == ARR_EXPR && logic_len(f, "v"))) &&
        !is_struct_array(f) && f->type->kind != T_STRUCT && logic_expr(f->cond, "v"))
        return true;   /* an optional integer or byte array: a segment of (cond ? size : 0) bytes */
    if (f->cond || f->is_switch || f->sized || f->trailer || f->type->kind == T_EXTERN ||
        f->type->kind == T_VARINT || f->array == ARR_ALIGN || f->array == ARR_UNTIL)
        return false;
    if (f->type->kind == T_STRUCT && f->type->decl->params.len > 0)
        return false;
    if (f->elem_size && !f->fixed_len)
        return false;
    if (is_struct_array(f) && f->array == ARR_EXPR && !f->fixed_len)
        return f->type->decl->fixed_size && !f->type->decl->complex;
    return true;
}

/* The contracts cover d (see the file comment). */
bool acsl_supported(Decl *d)
{
    if (d->kind != D_STRUCT)
        return false;
    if (d->complex && (d->remaining || d->trailer || parses_policy(d)))
        return false;
    for (int i = 0; i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        if (pa->constraint && !logic_expr(pa->constraint, "v"))
            return false;
    }
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->is_switch) {
            if (!switch_shaped(f))
                return false;
            continue;
        }
        if (d->complex && !v1_shaped(f))
            return false;
        /* arrays of structs: by bytes, to the end, of a fixed count (a
           region the iterator walks) or by a count of fixed-size ones */
        if (is_struct_array(f) && f->array != ARR_BYTES && f->array != ARR_REST && !f->fixed_len &&
            !(f->array == ARR_EXPR && f->type->decl->fixed_size))
            return false;
        if (f->type->kind == T_STRUCT && f->array == ARR_NONE &&
            (!f->type->decl->fixed_size || !acsl_supported(f->type->decl)))
            return false;
        if (is_var_array(f) && f->array != ARR_REST && !logic_len(f, "v"))
            return false;
    }
    return true;
}

/* The segments that a variable array (not a rest array) ends: segment
   nvar_segs(d) is the last with fixed fields (a rest array, if any, ends
   it). */
/* Whether f ends its segment with a size the logic models: a variable
   array (not to the end) or an optional field. */
static bool ends_seg(Field *f)
{
    return (is_var_array(f) && f->array != ARR_REST) || (f->cond && f->var);
}

static int nvar_segs(Decl *d)
{
    int k = 0;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (ends_seg(f))
            k++;
    }
    return k;
}

/* The fixed bytes of segment seg (those after the variable array that
   ends segment seg - 1). */
static size_t tail_size(Decl *d, int seg)
{
    size_t end = 0;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg == seg && !is_var_array(f) && !ends_seg(f) && f->off + f->size > end)
            end = f->off + f->size;
    }
    return end;
}

/* The variable array that ends segment seg. */
static Field *var_field(Decl *d, int seg)
{
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (ends_seg(f) && f->seg == seg)
            return f;
    }
    return NULL;
}

/* Where segment seg starts, in ACSL over V: the sum of the offsets and
   lengths before it, written out (a logic function for it would be one
   more definition for the provers to unfold: the iterator step's
   postconditions then time out). */
char *logic_seg(Decl *d, int seg, const char *V)
{
    char *x = NULL;
    for (int k = 0; k < seg; k++) {
        Field *var = var_field(d, k);
        x = x ? xformat("%s + %zu + %s", x, var->off, logic_len(var, V))
              : xformat("%zu + %s", var->off, logic_len(var, V));
    }
    return x ? x : "0";
}

/* The requirements of a function of a complex struct that the sequential
   parser may call on its scratch view before the view is valid: the view's
   readable bytes hold the first segment's fixed fields, the parameters are
   in range, every length before segment seg is >= 0, and segment seg's
   start + extra is within the view (S_zc_valid implies them all). */
static void prefix_requires(Decl *d, int seg, const char *extra)
{
    char *s = sname(d);
    p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n", s, tail_size(d, 0));
    for (int i = 0; i < d->params.len; i++)
        p("    requires v.%s <= %llu;\n", param_member(d->params.data[i]),
          (unsigned long long)type_max(((Field *)d->params.data[i])->type));
    for (int k = 0; k < seg; k++)
        p("    requires 0 <= %s;\n", logic_len(var_field(d, k), "v"));
    if (seg > 0 && strcmp(extra, "0") == 0)
        p("    requires %s <= v.zc_len;\n", logic_seg(d, seg, "v"));
    else if (seg > 0 || strcmp(extra, "0") != 0)
        p("    requires %s + %s <= v.zc_len;\n", logic_seg(d, seg, "v"), extra);
}

void acsl_struct(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    char *s = sname(d), *V = view_t(d);
    p("/*@ predicate %s_zc_readable{L}(%s v) =\n", s, V);
    p("        \\valid_read(v.zc_base + (0 .. v.zc_len - 1));\n");
    /* segment k + 1 starts where the variable array ending segment k ends */
    int nv = nvar_segs(d);
    /* what the length checks establish, for a view of all the bytes
       (t in parse, before its size is known); S_zc_valid repeats the
       conjuncts rather than naming S_zc_fits: one predicate fewer to
       unfold keeps the iterator step's postconditions within the
       provers' time (as the segment starts, written out) */
    for (int pred = 0; pred < 2; pred++) {
        p("    predicate %s_zc_%s{L}(%s v) =\n", s, pred ? "valid" : "fits", V);
        p("        %s_zc_readable(v) && v.zc_len >= %zu", s, d->min_size);
        /* the parameters parse kept: within their types, and their
           constraints, which parse checks (it does not require them) */
        for (int i = 0; i < d->params.len; i++) {
            Field *pa = d->params.data[i];
            p(" &&\n        v.%s <= %llu", param_member(pa), (unsigned long long)type_max(pa->type));
            if (pa->constraint)
                p(" &&\n        %s", logic_expr(pa->constraint, "v"));
        }
        for (int k = 0; k < nv; k++)
            p(" &&\n        0 <= %s", logic_len(var_field(d, k), "v"));
        /* each case of a switch, when chosen, within the switch's bytes
           (parse checks it: a fixed case fills them exactly) */
        for (int i = 0; i < d->fields.len; i++) {
            Field *sw = d->fields.data[i];
            for (int j = 0; sw->is_switch && j < sw->cases.len; j++) {
                Field *cf = ((Case *)sw->cases.data[j])->field;
                if (!cf || cf->array == ARR_REST)
                    continue;
                char *c = logic_expr(cf->cond, "v"), *n = logic_expr(sw->len, "v");
                if (case_size(cf))
                    p(" &&\n        (%s ==> %zu <= %s)", c, case_size(cf), n);
                else
                    p(" &&\n        (%s ==> 0 <= %s <= %s)", c, case_len(cf, "v"), n);
            }
        }
        if (nv)
            p(" &&\n        %s + %zu <= v.zc_len", logic_seg(d, nv, "v"), tail_size(d, nv));
        if (pred && d->nseg == 1)
            p(" &&\n        v.zc_len == %zu", d->min_size);
        p(pred ? "" : ";\n");
    }
    p(";\n*/\n\n");
}

/* Before accessor f (a v1 struct's). */
void acsl_accessor(Field *f)
{
    Decl *d = f->owner;
    if (!acsl_on || !acsl_supported(d))
        return;
    char *s = sname(d);
    if (f->sw) {
        acsl_case(f);
        return;
    }
    if (is_struct_array(f)) {   /* the iterator over the array's region */
        char *start = f->seg ? xformat("%s + %zu", logic_seg(d, f->seg, "v"), f->off) : xformat("%zu", f->off);
        char *end = f->array == ARR_REST ? "v.zc_len"
                    : xformat("%s + %s", start, f->fixed_len ? xformat("%zu", f->size) : logic_len(f, "v"));
        if (f->seg == 0 && f->array == ARR_REST)
            p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n", s, f->off);
        else if (f->seg == 0 && f->fixed_len)
            p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n", s, f->off + f->size);
        else if (ends_seg(f))
            /* the conjuncts of S_zc_valid that bound its region, written
               out (as S_zc_seg() requires them): with S_zc_valid, which
               the provers must unfold under the casts of the C length,
               `zc_pos <= zc_end <= zc_len` did not prove (tcp_options,
               session 34); S_zc_valid implies them, for the callers */
            prefix_requires(d, f->seg + 1, "0");
        else
            p("/*@ requires %s_zc_valid(v);\n", s);
        p("    assigns \\nothing;\n");
        p("    ensures \\result.zc_base == v.zc_base && \\result.zc_pos == %s && \\result.zc_end == %s;\n", start, end);
        p("    ensures \\result.zc_pos <= \\result.zc_end <= v.zc_len;\n");
        p("    ensures \\result.zc_st.code == ZC_OK;\n*/\n");
        return;
    }
    if (f->cond) {   /* optional: reads only when present */
        char *c = logic_expr(f->cond, "v");
        char *start = f->seg ? xformat("%s + %zu", logic_seg(d, f->seg, "v"), f->off) : xformat("%zu", f->off);
        /* its size when present: fixed, or a byte array's length expression */
        char *size = xformat("%zu", f->size);
        if (is_var_array(f) && !f->fixed_len) {
            Expr *keep = f->cond;
            f->cond = NULL;
            size = logic_len(f, "v");
            f->cond = keep;
        }
        prefix_requires(d, f->seg, "0");
        p("    requires %s ==> %s + %s <= v.zc_len;\n    assigns \\nothing;\n", c, start, size);
        const Type *t = value_type(f);
        if (f->array != ARR_NONE)
            p("    ensures %s ==> \\result.ptr == v.zc_base + %s && \\result.len == %s;\n"
              "    ensures !%s ==> \\result.len == 0;\n", c, start, size, c);
        else if (f->type->kind == T_STRUCT)
            p("    ensures %s ==> \\result.zc_base == v.zc_base + %s && \\result.zc_len == %zu;\n", c, start,
              f->size);
        else if (f->type->kind == T_WIRE && !t->is_signed && f->seg == 0)
            p("    ensures %s ==> zc_%s_h(\\result.raw) == zc_get_%s(v.zc_base + %s);\n"
              "    ensures !%s ==> \\result.raw == 0;\n", c, wire_name(t), wire_name(t), start, c);
        else if (f->type->kind == T_ENUM && f->seg == 0 && logic_field(f, "v"))   /* (c ? value : 0) */
            p("    ensures \\result == %s;\n", logic_field(f, "v"));
        else if (f->type->kind == T_UINT && !t->is_signed && t->bits == 8 && f->seg == 0)
            p("    ensures %s ==> \\result == v.zc_base[%s];\n    ensures !%s ==> \\result == 0;\n", c, start, c);
        p("*/\n");
        return;
    }
    if (d->complex && f->seg > 0 && f->array != ARR_REST && !is_var_array(f)) {
        /* a fixed field after a variable part: the sequential parser
           reads it (a constraint, a length) once its bytes are checked */
        prefix_requires(d, f->seg, xformat("%zu", f->off + (f->array == ARR_NONE && f->type->kind != T_STRUCT &&
                                                             !f->is_bits ? (size_t)value_type(f)->bits / 8 : f->size)));
        p("    assigns \\nothing;\n*/\n");
        return;
    }
    if (d->complex && f->seg > 0 && f->array == ARR_REST) {
        prefix_requires(d, f->seg, xformat("%zu", f->off));
        p("    assigns \\nothing;\n");
        p("    ensures \\result.ptr == v.zc_base + %s + %zu && \\result.len == v.zc_len - (%s + %zu);\n*/\n",
          logic_seg(d, f->seg, "v"), f->off, logic_seg(d, f->seg, "v"), f->off);
        return;
    }
    if (f->seg == 0 && f->array == ARR_NONE && f->type->kind == T_STRUCT) {
        size_t size = f->type->decl->min_size;
        p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n    assigns \\nothing;\n", s, f->off + size);
        p("    ensures \\result.zc_base == v.zc_base + %zu && \\result.zc_len == %zu;\n*/\n", f->off, size);
        return;
    }
    if (f->seg == 0 && f->array == ARR_NONE) {
        size_t size = f->is_bits ? f->size : (size_t)value_type(f)->bits / 8;
        p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n    assigns \\nothing;\n", s, f->off + size);
        const Type *t = value_type(f);
        /* a signed wire field has no logic value (logic_field()): its
           accessor gets bounds, not a value, in its contract */
        if (f->type->kind == T_WIRE && logic_field(f, "v"))
            p("    ensures zc_%s_h(\\result.raw) == %s;\n", wire_name(t), logic_field(f, "v"));
        else if ((f->type->kind == T_UINT || f->type->kind == T_ENUM) && !t->is_signed && logic_field(f, "v"))
            p("    ensures \\result == %s;\n", logic_field(f, "v"));   /* an enum: its value kept */
        p("*/\n");
        return;
    }
    if (f->array == ARR_REST && f->seg == 0) {
        p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n    assigns \\nothing;\n", s, f->off);
        p("    ensures \\result.ptr == v.zc_base + %zu && \\result.len == v.zc_len - %zu;\n*/\n", f->off, f->off);
        return;
    }
    if (f->seg == 0 && is_var_array(f)) {
        p("/*@ requires %s_zc_valid(v);\n    assigns \\nothing;\n", s);
        p("    ensures \\result.ptr == v.zc_base + %zu && \\result.len == %s;\n*/\n", f->off, logic_len(f, "v"));
        return;
    }
    if (f->seg == 0) {   /* a fixed-size array */
        p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n    assigns \\nothing;\n", s, f->off + f->size);
        p("    ensures \\result.ptr == v.zc_base + %zu && \\result.len == %zu;\n*/\n", f->off, f->size);
        return;
    }
    p("/*@ requires %s_zc_valid(v);\n    assigns \\nothing;\n*/\n", s);
}

/* Before the accessor of case field f of a switch (S_zc_valid(v): its
   bytes are within the switch's when its case is chosen): the value, the
   slice, the nested view or the iterator at the switch's start when the
   case is chosen; 0, an empty slice or region, or false when not. */
static void acsl_case(Field *f)
{
    Decl *d = f->owner;
    char *s = sname(d), *c = logic_expr(f->cond, "v");
    char *start = f->seg ? xformat("%s + %zu", logic_seg(d, f->seg, "v"), f->off) : xformat("%zu", f->off);
    const Type *t = value_type(f);
    p("/*@ requires %s_zc_valid(v);\n", s);
    if (f->array == ARR_NONE && f->type->kind == T_STRUCT) {   /* bool S_F(v, &out) */
        Decl *e = f->type->decl;
        p("    requires \\valid(out) && \\separated(out, v.zc_base + (0 .. v.zc_len - 1));\n");
        p("    assigns *out;\n");
        p("    ensures out->zc_base == v.zc_base + %s;\n", start);
        p("    ensures \\result ==> %s && %s_zc_valid(*out) && out->zc_len <= %s;\n", c, sname(e),
          e->fixed_size ? xformat("%zu", e->min_size) : logic_expr(f->sw->len, "v"));
        p("    ensures !(%s) ==> !\\result;\n*/\n", c);
        return;
    }
    p("    assigns \\nothing;\n");
    if (is_struct_array(f)) {
        p("    ensures \\result.zc_base == v.zc_base && \\result.zc_pos == %s;\n", start);
        p("    ensures %s ==> \\result.zc_end == %s + %s;\n", c, start, case_len(f, "v"));
        p("    ensures !(%s) ==> \\result.zc_end == %s;\n", c, start);
        p("    ensures \\result.zc_pos <= \\result.zc_end <= v.zc_len;\n");
        p("    ensures \\result.zc_st.code == ZC_OK;\n*/\n");
        return;
    }
    if (f->array != ARR_NONE) {
        p("    ensures %s ==> \\result.ptr == v.zc_base + %s && \\result.len == %s;\n", c, start,
          f->fixed_len ? xformat("%zu", f->size) : case_len(f, "v"));
        p("    ensures !(%s) ==> \\result.len == 0;\n*/\n", c);
        return;
    }
    if (f->type->kind == T_WIRE)
        p("    ensures %s ==> zc_%s_h(\\result.raw) == zc_get_%s(v.zc_base + %s);\n"
          "    ensures !(%s) ==> \\result.raw == 0;\n", c, wire_name(t), wire_name(t), start, c);
    else if (t->kind == T_WIRE)   /* an enum over a wire integer: its host value */
        p("    ensures %s ==> \\result == zc_get_%s(v.zc_base + %s);\n    ensures !(%s) ==> \\result == 0;\n",
          c, wire_name(t), start, c);
    else
        p("    ensures %s ==> \\result == v.zc_base[%s];\n    ensures !(%s) ==> \\result == 0;\n", c, start, c);
    p("*/\n");
}

/* Before S_F() of switch sw with a length: its bytes. */
void acsl_switch_bytes(Field *sw)
{
    Decl *d = sw->owner;
    if (!acsl_on || !acsl_supported(d))
        return;
    char *start = sw->seg ? xformat("%s + %zu", logic_seg(d, sw->seg, "v"), sw->off) : xformat("%zu", sw->off);
    p("/*@ requires %s_zc_valid(v);\n    assigns \\nothing;\n", sname(d));
    p("    ensures \\result.ptr == v.zc_base + %s && \\result.len == %s;\n*/\n", start, logic_len(sw, "v"));
}

/* Before S_zc_segN(). */
void acsl_segment_start(Decl *d, Field *var)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    char *start = logic_seg(d, var->seg + 1, "v");
    /* the sequential parser (and S_frame(), over a truncated message)
       calls it on a view as soon as the array is checked, before the rest
       is: it requires what the checks so far established (the view's
       readable bytes hold the first segment's fixed fields, the
       parameters, and each length up to this one is >= 0 and ends within
       them); S_zc_valid implies it */
    prefix_requires(d, var->seg + 1, "0");
    p("    assigns \\nothing;\n");
    p("    ensures \\result == %s;\n*/\n", start);
}

/* Before S_zc_diagnose(): any view over readable bytes. With @policy it
   may relax and return ZC_OK: then every other check held (S_zc_fits);
   strict (ZC_PARSE_LENIENT, 1, clear) it never does. */
void acsl_diagnose(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    p("/*@ requires %s_zc_readable(t);\n", sname(d));
    if (parses_policy(d)) {
        p("    requires \\valid(zc_policy) && \\separated(zc_policy, t.zc_base + (0 .. t.zc_len - 1));\n");
        p("    assigns *zc_policy;\n");
        p("    ensures \\result.code == ZC_OK ==> %s_zc_fits(t);\n", sname(d));
        p("    ensures (zc_flags & 1) == 0 ==> \\result.code != ZC_OK;\n*/\n");
        return;
    }
    p("    assigns \\nothing;\n");
    p("    ensures \\result.code != ZC_OK;\n*/\n");
}

/* The buffer type of S_parse(), S_parse_ex() and S_zc_parse_ex(): the
   bytes under Frama-C (runtime/zerocast.h, zc_acsl_buf). */
const char *acsl_buf_type(void)
{
    return acsl_on ? "zc_acsl_buf" : "void";
}

/* Before S_parse(), S_parse_ex() (WHICH 1) or S_zc_parse_ex() (WHICH 2;
   S_parse() of a @policy struct is 0 too). */
void acsl_parse_fn(Decl *d, int which)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    char *s = sname(d);
    const char *pol = which == 1 ? "policy" : "zc_policy";
    p("/*@ requires \\valid(v);\n");
    p("    requires \\valid_read((const uint8_t *)buf + (0 .. len - 1));\n");
    p("    requires \\separated(v, (const uint8_t *)buf + (0 .. len - 1));\n");
    if (which)
        p("    requires %s\\valid(%s) && \\separated(%s, v, (const uint8_t *)buf + (0 .. len - 1));\n",
          which == 1 ? "policy == \\null || " : "", pol, pol);
    p("    assigns *v%s;\n", which ? xformat(", *%s", pol) : "");
    p("    ensures v->zc_base == (const uint8_t *)buf;\n    ensures v->zc_len <= len;\n");
    p("    ensures \\result.code == ZC_OK ==> %s_zc_valid(*v);\n", s);
    for (int i = 0; i < d->params.len; i++)   /* the view keeps its arguments */
        p("    ensures \\result.code == ZC_OK ==> v->%s == %s;\n", param_member(d->params.data[i]),
          param_member(d->params.data[i]));
    p("    ensures \\result.code != ZC_OK ==> v->zc_len == 0;\n*/\n");
}

/* Before S_parse() (of a struct without @policy: S_zc_parse_ex() does
   the work for one with). */
void acsl_parse(Decl *d)
{
    acsl_parse_fn(d, parses_policy(d) ? 2 : 0);
}

/* Before S_bytes(). */
void acsl_view_bytes(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    p("/*@ assigns \\nothing;\n    ensures \\result.ptr == v.zc_base && \\result.len == v.zc_len;\n*/\n");
}

/* Before S_next(): an iterator over readable bytes [zc_base, zc_base +
   zc_end) that the views it fills and itself do not overlap. */
void acsl_next(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    p("/*@ requires \\valid(it) && \\valid(out) && \\separated(it, out);\n");
    p("    requires it->zc_pos <= it->zc_end;\n");
    p("    requires \\valid_read(it->zc_base + (0 .. it->zc_end - 1));\n");
    p("    requires \\separated(it, it->zc_base + (0 .. it->zc_end - 1));\n");
    p("    requires \\separated(out, it->zc_base + (0 .. it->zc_end - 1));\n");
    p("    assigns *it, *out;\n");
    p("    ensures it->zc_base == \\old(it->zc_base);\n");
    p("    ensures it->zc_end == \\old(it->zc_end);\n");
    p("    ensures it->zc_pos <= it->zc_end;\n");
    p("    ensures \\result ==> %s_zc_valid(*out);\n", sname(d));
    p("    ensures \\result ==> out->zc_base + out->zc_len == it->zc_base + it->zc_pos;\n*/\n");
}

/* In a complex struct's S_parse(), instead of memset(&t, 0, sizeof t):
   the scratch view's members zeroed one by one (the same values; Frama-C's
   memset specification writes through a char pointer, which WP's typed
   memory model does not relate to the view's members). False (nothing
   written) without contracts: the memset stays. */
bool acsl_zero_view(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return false;
    p("\n    t.zc_len = 0;   /* every member zero (memset, without --acsl) */\n");
    for (int j = 0; j < d->nwalk; j++)
        p("    t.zc_end[%d] = 0;\n", j);
    for (int i = 0; i < d->params.len; i++)
        p("    t.%s = 0;\n", param_member(d->params.data[i]));
    return true;
}

/* Before S_has_F(): whether optional field f is there (its condition over
   the first segment's fixed fields). */
void acsl_has(Field *f)
{
    Decl *d = f->owner;
    if (!acsl_on || !acsl_supported(d))
        return;
    prefix_requires(d, 0, "0");
    p("    assigns \\nothing;\n    ensures \\result <==> %s;\n*/\n", logic_expr(f->cond, "v"));
}

/* In the accessor of absent optional field f, instead of memset(&none,
   0, sizeof none) (see acsl_zero_view()): a wire value's raw member, or a
   nested view's base and length. False without contracts. */
bool acsl_zero_value(Field *f)
{
    if (!acsl_on || !acsl_supported(f->owner))
        return false;
    if (f->type->kind == T_STRUCT)
        p("        none.zc_base = v.zc_base;\n        none.zc_len = 0;\n");
    else
        p("        none.raw = 0;\n");
    return true;
}
