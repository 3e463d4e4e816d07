/*
 * emit_build.c - builders: lay out a new message in a caller's buffer.
 *
 * A builder writes a struct's fields in schema order. The caller puts the
 * fields it cares about (S_put_F, and S_begin_F/S_end_F for nested structs
 * and array elements); every field it skips is placed with its default:
 * zero, the constant of an `F == K` constraint, or, for a field that a
 * later length, count or switch size depends on, the value that makes the
 * size right ("derived": IPv4 ihl and total_length, DNS qdcount, UDP
 * length). S_build_end() places what is left and validates the result with
 * S_parse(), so a builder can only ever hand out a message its parser
 * accepts.
 *
 * The builder keeps its own cursor (m.v.zc_len): a field starts where the
 * one before it ended, so no offset is computed from a length that is not
 * written yet. A region (variable-size field or switch) is open while it
 * is appended to and closed, its length fields derived, when a later field
 * is placed.
 */
#include "emit_parts.h"

#include <string.h>

/* ---- what the builder computes ------------------------------------------ */

/* How a builder handles a field. */
typedef enum {
    B_SWITCH,     /* the region of a switch; cases are put on their own  */
    B_BITS,       /* a bit field (its group is reserved with the first)  */
    B_INT,        /* a whole integer or enum                             */
    B_FIXBYTES,   /* u8 x[N] with N a constant                           */
    B_BYTES,      /* other u8 arrays: appended to                         */
    B_STRUCT,     /* a nested struct: put a view, or begin/end a builder  */
    B_ARRAY,      /* an array of structs: elements appended               */
    B_EXTERN,     /* an extern type: its bytes, checked by its measure    */
    B_VARINT      /* a varint: a region of 1..8 (10) bytes, encoded       */
} BKind;

static BKind bkind(const Field *f)
{
    if (f->is_switch)
        return B_SWITCH;
    if (f->type->kind == T_EXTERN)
        return B_EXTERN;
    if (f->type->kind == T_VARINT)
        return B_VARINT;
    if (f->type->kind == T_STRUCT)
        return f->array == ARR_NONE ? B_STRUCT : B_ARRAY;
    if (f->array != ARR_NONE)
        return f->fixed_len ? B_FIXBYTES : B_BYTES;
    return f->is_bits ? B_BITS : B_INT;
}

/* A region whose size a length expression gives (and may derive from). */
static bool sized_region(const Field *f)
{
    BKind k = bkind(f);
    if (k == B_SWITCH)
        return f->array == ARR_BYTES;
    return (k == B_BYTES || k == B_ARRAY) && (f->array == ARR_EXPR || f->array == ARR_BYTES);
}

/* Elements, not bytes, measure the region (`T x[count]`). */
static bool counted(const Field *f)
{
    return bkind(f) == B_ARRAY && f->array == ARR_EXPR;
}

/* Whether e is linear in x: e = a*x + (terms without x); *a gets a. */
static bool linear(const Expr *e, const Field *x, int64_t *a)
{
    int64_t l, r;
    *a = 0;
    if (e->is_const)
        return true;
    switch (e->kind) {
    case EX_NUM:
    case EX_MEMBER:
    case EX_REMAINING:   /* not a field: its structs have no builder */
        return true;
    case EX_NAME:
        *a = e->field == x;
        return true;
    case EX_UNARY:
        if (!linear(e->lhs, x, &l))
            return false;
        if (e->op == OP_NEG) {
            *a = -l;
            return true;
        }
        return l == 0;
    case EX_BYTES:
        return false;
    case EX_BINARY:
        if (!linear(e->lhs, x, &l) || !linear(e->rhs, x, &r))
            return false;
        if (l < -(1 << 20) || l > (1 << 20) || r < -(1 << 20) || r > (1 << 20))
            return false;
        switch (e->op) {
        case OP_ADD:
            *a = l + r;
            return true;
        case OP_SUB:
            *a = l - r;
            return true;
        case OP_MUL:
            if (l == 0 && r == 0)
                return true;
            if (e->lhs->is_const && e->lhs->value >= -(1 << 20) && e->lhs->value <= (1 << 20)) {
                *a = e->lhs->value * r;
                return true;
            }
            if (e->rhs->is_const && e->rhs->value >= -(1 << 20) && e->rhs->value <= (1 << 20)) {
                *a = l * e->rhs->value;
                return true;
            }
            return false;
        case OP_SHL:   /* x << K with a constant K: x * 2^K */
            if (r == 0 && e->rhs->is_const && e->rhs->value <= 20) {
                *a = l * ((int64_t)1 << e->rhs->value);
                return true;
            }
            return l == 0 && r == 0;
        default:
            return l == 0 && r == 0;
        }
    }
    return false;
}

/* Whether expression e reads field x. */
static bool reads(const Expr *e, const Field *x)
{
    if (!e || e->is_const)
        return false;
    if (e->kind == EX_NAME)
        return e->field == x;
    return reads(e->lhs, x) || (e->kind == EX_BINARY && reads(e->rhs, x));
}

/* Whether expression e reads `remaining`. */
static bool reads_remaining(const Expr *e)
{
    if (!e || e->is_const)
        return false;
    if (e->kind == EX_REMAINING)
        return true;
    return reads_remaining(e->lhs) || (e->kind == EX_BINARY && reads_remaining(e->rhs));
}

/* A region whose length reads `remaining` (`data[remaining - pad_length]`):
   `remaining` at it is the bytes from its start to the end of its region,
   known only when the struct is, so its size is checked, or the field it
   derives derived, by S_build_end() ("settled", docs/decisions.md,
   "Builders of structs that read `remaining`"). */
static bool late(const Field *f)
{
    return sized_region(f) && reads_remaining(f->len);
}

/* Where f is in d->all_fields. */
static int field_pos(const Decl *d, const Field *f)
{
    for (int i = 0; i < d->all_fields.len; i++)
        if (d->all_fields.data[i] == f)
            return i;
    return -1;
}

/* Whether region r0 is closed before region r (a switch's region closes
   after its cases). */
static bool closes_before(const Decl *d, const Field *r0, const Field *r)
{
    return field_pos(d, r0) < field_pos(d, r) && !(r0->is_switch && r->sw == r0);
}

/* Whether a and b are the same expression (as written, up to spacing). */
static bool same_expr(const Expr *a, const Expr *b)
{
    if (!a || !b)
        return a == b;
    if (a->is_const || b->is_const)
        return a->is_const && b->is_const && a->value == b->value;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case EX_NUM:
    case EX_MEMBER:
        return a->value == b->value;
    case EX_NAME:
    case EX_REMAINING:
        return a->field == b->field && a->cnst == b->cnst;
    case EX_UNARY:
        return a->op == b->op && same_expr(a->lhs, b->lhs);
    case EX_BINARY:
        return a->op == b->op && same_expr(a->lhs, b->lhs) && same_expr(a->rhs, b->rhs);
    case EX_BYTES:
        return false;
    }
    return false;
}

/* Whether region r is there whenever field x is: always, or under the same
   condition (`if (C) u8 length; if (C) switch (type) data[length - 2]`). */
static bool there_with(const Field *r, const Field *x)
{
    return !r->cond || (x->cond && same_expr(r->cond, x->cond));
}

/* Whether x is derived or checked, whatever the message, by a region that
   closes before r: a region that derives it and is there whenever x is. */
static bool settled(const Decl *d, const Field *x, const Field *r)
{
    for (int i = 0; i < d->all_fields.len; i++) {
        const Field *r0 = d->all_fields.data[i];
        if (r0 != r && r0->derives == x && there_with(r0, x) && closes_before(d, r0, r) && !late(r0))
            return true;
    }
    return false;
}

/* The fields of e that may still be unknown when region r closes; returns
   how many (at most 2 counted), *one the first. */
static int unknowns(const Decl *d, const Field *r, const Expr *e, Field **one)
{
    if (!e || e->is_const)
        return 0;
    if (e->kind == EX_NAME && e->field) {
        Field *g = e->field;
        if (g->is_param || g->is_const || *one == g || settled(d, g, r))
            return 0;   /* a parameter is known from the start: given to NAME_build() */
        if (*one)
            return 2;
        *one = g;
        return 1;
    }
    int n = unknowns(d, r, e->lhs, one);
    if (n < 2 && e->kind == EX_BINARY)
        n += unknowns(d, r, e->rhs, one);
    return n > 2 ? 2 : n;
}

/* Whether the builder reads x after placing it and before region r
   closes, other than to derive it: a presence condition (r's own
   included), a switch tag, or the length of another region that does not
   derive x. Deriving x from r would then change a value already read, so
   x is put by the caller instead, and r checks it. */
static bool read_before(const Decl *d, const Field *x, const Field *r)
{
    int from = field_pos(d, x), to = field_pos(d, r);
    for (int i = from + 1; i <= to; i++) {
        const Field *g = d->all_fields.data[i];
        if (reads(g->cond, x) || (g->is_switch && reads(g->tag, x)))
            return true;
        if (g != r && g->derives != x && reads(g->len, x) && !(g->is_switch && r->sw == g))
            return true;
    }
    return false;
}

/* Whether a field other than r reads x where the builder evaluates it
   before S_build_end(): a condition, a length, a switch tag, a nested
   struct's argument. A late region cannot derive such an x. */
static bool read_elsewhere(const Decl *d, const Field *x, const Field *r)
{
    for (int i = 0; i < d->all_fields.len; i++) {
        const Field *g = d->all_fields.data[i];
        if (g == r)
            continue;
        if (reads(g->cond, x) || reads(g->len, x) || (g->is_switch && reads(g->tag, x)))
            return true;
        for (int j = 0; j < g->args.len; j++)
            if (reads(g->args.data[j], x))
                return true;
    }
    return false;
}

/* `F == K` (or `K == F`) as the constraint or one of its && parts. */
static bool const_part(const Expr *e, const Field *f, int64_t *k)
{
    if (!e)
        return false;
    if (e->kind == EX_BINARY && e->op == OP_AND)
        return const_part(e->lhs, f, k) || const_part(e->rhs, f, k);
    if (e->kind != EX_BINARY || e->op != OP_EQ)
        return false;
    if (e->lhs->kind == EX_NAME && e->lhs->field == f && e->rhs->is_const) {
        *k = e->rhs->value;
        return true;
    }
    if (e->rhs->kind == EX_NAME && e->rhs->field == f && e->lhs->is_const) {
        *k = e->lhs->value;
        return true;
    }
    return false;
}

/* Decides, once per struct, which fields are constants and which are
   derived from a later region's size.

   A region x[E] derives x when E is linear in x, x is the one field of E
   that may still be unknown when the region closes, and nothing the
   builder evaluates between x and the region reads x (read_before()).
   Several regions may derive the same field (e.g. one per switch case);
   at run time the first of them present in the message derives it, and
   the others check it. A field that some region deriving it accompanies
   whenever the field is there (surely_derived()) is always derived: it
   has no put. Otherwise (the regions are optional or switch cases) it has
   a put: the value put is kept, and checked against the region if that
   is written; a field not put is derived from the region if the region
   is written, and stays 0 if not. An absent field is 0 in the length
   expression (as *_parse reads it): the region is checked. */
void build_plan(Decl *d)
{
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        int64_t k;
        BKind bk = bkind(f);
        f->derives = NULL;
        f->derived_by = NULL;
        f->derive_coef = 0;
        if ((bk == B_INT || bk == B_BITS || bk == B_VARINT) && const_part(f->constraint, f, &k) &&
            k >= type_min(value_type(f)) && (k < 0 || (uint64_t)k <= type_max(value_type(f)))) {
            f->is_const = true;
            f->const_value = k;
        }
    }
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i], *x = NULL;
        int64_t a;
        if (!sized_region(f) || unknowns(d, f, f->len, &x) != 1)
            continue;
        BKind xk = bkind(x);
        if (x->owner != d || (xk != B_INT && xk != B_BITS && xk != B_VARINT) || x->type->kind == T_ENUM)
            continue;
        if (!linear(f->len, x, &a) || a == 0)
            continue;
        if (field_pos(d, x) > i || read_before(d, x, f))
            continue;
        if (late(f) && (xk == B_VARINT || read_elsewhere(d, x, f)))
            continue;   /* derived at the end: nothing may read it before */
        f->derives = x;
        f->derive_coef = a;
        if (!x->derived_by)
            x->derived_by = f;
    }
}

/* Whether x is derived whenever it is there: a region that derives it is
   there whenever x is. It then has no put. */
static bool surely_derived(const Decl *d, const Field *x)
{
    /* a varint keeps its put: a caller (or a round trip) may want a width */
    if (!x->derived_by || x->type->kind == T_VARINT)
        return false;
    for (int i = 0; i < d->all_fields.len; i++) {
        const Field *r = d->all_fields.data[i];
        if (r->derives == x && there_with(r, x))
            return true;
    }
    return false;
}

/* Whether field f has no put: the builder writes it (a constant, or
   surely derived). */
static bool no_put(const Decl *d, const Field *f)
{
    return f->is_const || f->bconst || surely_derived(d, f);
}

/* Whether the builder remembers if derived field x is known yet (put, or
   derived by an earlier region): it has a put, or several regions derive
   it. */
static bool tracks_known(const Decl *d, const Field *x)
{
    if (!x->derived_by)
        return false;
    if (!surely_derived(d, x))
        return true;
    int n = 0;
    for (int i = 0; i < d->all_fields.len; i++)
        n += ((const Field *)d->all_fields.data[i])->derives == x;
    return n > 1;
}

/* x's entry in the builder's zc_known[]. */
static int known_slot(const Decl *d, const Field *x)
{
    int k = 0;
    for (int i = 0; i < d->all_fields.len; i++) {
        const Field *g = d->all_fields.data[i];
        if (g == x)
            return k;
        k += tracks_known(d, g);
    }
    return k;
}

static int known_slots(const Decl *d)
{
    return known_slot(d, NULL);
}

/* Late region f's entry in the builder's zc_late[] (f NULL: how many). */
static int late_slot(const Decl *d, const Field *f)
{
    int k = 0;
    for (int i = 0; i < d->all_fields.len; i++) {
        const Field *g = d->all_fields.data[i];
        if (g == f)
            return k;
        k += late(g);
    }
    return k;
}

/* ---- names ---------------------------------------------------------------- */

static char *builder_t(Decl *d) { return xformat("%s_builder", sname(d)); }
static char *fn(Field *f, const char *what) { return xformat("%s_%s_%s", sname(f->owner), what, f->name); }
static char *lit(Field *f) { return xformat("\"%s\\0\"", qual(f)); }

/* The schema text of a field's declaration, for comments. */
static char *decl_text(Field *f)
{
    if (f->sized)
        return xformat("%s @size(%s)", f->name, c_comment(loc_text(f->len->loc)));
    if (f->array == ARR_UNTIL)
        return xformat("%s %s[until %s]", f->type_name, f->name, c_comment(loc_text(f->until->loc)));
    if (f->is_switch)
        return xformat("switch (%s) %s%s", c_comment(loc_text(f->tag->loc)), f->name,
                       f->len ? xformat("[%s]", c_comment(loc_text(f->len->loc))) : "");
    const char *ty = f->type_name;
    if (f->array == ARR_NONE)
        return xformat("%s %s", ty, f->name);
    if (f->array == ARR_REST)
        return xformat("%s %s[]", ty, f->name);
    return xformat("%s %s[%s%s]", ty, f->name, f->array == ARR_BYTES ? "bytes: " : "",
                   c_comment(loc_text(f->len->loc)));
}

/* The index of the last case of switch sw in all_fields. */
static int switch_last(Decl *d, const Field *sw)
{
    int last = -1;
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (f == sw || f->sw == sw)
            last = i;
    }
    return last;
}

/* C code encoding host value x (uint64_t) of varint field f into buffer
   `buf`: at `width` bytes, or NULL: the shortest. Its value is the bytes
   written, 0 if x does not fit. */
static char *varint_encode(Field *f, const char *buf, const char *x, const char *width)
{
    const Type *t = value_type(f);
    const char *enc = t->leb ? "zc_leb128" : "zc_quic_varint";
    char *w = width ? xformat("%s", width) : xformat("%s_len((uint64_t)%s)", enc, x);
    if (t->leb && !width && t->vbytes < 10)   /* more than N bytes: refused */
        w = xformat("zc_leb128_len((uint64_t)%s) <= %du ? %s : 0", x, t->vbytes, w);
    if (t->leb && width)
        w = xformat("%s <= %du ? %s : 0", width, t->vbytes, width);
    return xformat("%s_encode(%s, %s, (uint64_t)%s)", enc, buf, w, x);
}

/* The walk entry a region sets when it closes (-1: none). */
static int walk_of(const Field *f)
{
    return f->sizing == SZ_WALK && !f->sw ? f->walk : -1;
}

/* C code storing host value `x` (int64_t, in range) into integer field f. */
static char *store(Field *f, const char *x)
{
    const Type *t = value_type(f);
    char *val;
    if (f->type->kind == T_ENUM)
        val = xformat("(%s)%s", enum_t(f->type->decl), x);
    else if (t->kind == T_WIRE)
        val = xformat("zc_hto%s((%s)%s)", wire_name(t), t->is_signed ? int_c_name(t->bits) : uint_c_name(t->bits), x);
    else
        val = xformat("(%s)%s", (t->is_signed ? int_c_name : uint_c_name)(t->bits <= 8 ? 8 : t->bits <= 16 ? 16 : t->bits <= 32 ? 32 : 64), x);
    return xformat("(void)%s(b->m, %s)", setter(f), val);
}

/* ---- the builder type, its table and its callbacks ------------------------ */

/* The table and callbacks of d's builder (runtime/zerocast_build.h). */
static char *desc_n(Decl *d) { return xformat("%s_zc_d", sname(d)); }
static char *desc(Decl *d) { return xformat("&%s", desc_n(d)); }

/* Whether the core calls d's place() for field f: a constant other than
   0, a nested struct's defaults, an extern (which has none). */
static bool places(Field *f)
{
    BKind k = bkind(f);
    return k == B_STRUCT || k == B_EXTERN || k == B_VARINT ||
           ((k == B_INT || k == B_BITS) && f->is_const && f->const_value != 0) ||
           f->bconst || (f->align && !f->fixed_len) ||
           (k == B_BYTES && f->array == ARR_UNTIL);   /* not put: an empty string, its terminator */
}

/* Whether closing f derives or checks a length (d's close()). */
static bool sizes(Field *f)
{
    BKind k = bkind(f);
    if (f->array == ARR_UNTIL)   /* checks that it ends where it is closed */
        return k == B_BYTES || k == B_ARRAY;
    return sized_region(f) && (k == B_SWITCH || k == B_BYTES || k == B_ARRAY);
}

/* Closing `x[until e]`: the terminator (byte or element) is the last of
   its n bytes from start, and the only one. */
static void emit_until_close(Field *f)
{
    const char *what = qual(f);
    if (!is_struct_array(f)) {
        p("        {\n            const uint8_t *z = n > 0 ? (const uint8_t *)memchr(b->m.zc_wbase + start, %u, (size_t)n) : NULL;\n\n",
          f->until_byte);
        p("            if (z == NULL)\n                return zc_fail(ZC_ERR_MALFORMED, start, \"%s\\0terminator missing (%u)\");\n",
          what, f->until_byte);
        p("            if (z != b->m.zc_wbase + start + (size_t)n - 1)\n");
        p("                return zc_fail(ZC_ERR_MALFORMED, (size_t)(z - b->m.zc_wbase), \"%s\\0the terminator (%u) before the end of the bytes\");\n",
          what, f->until_byte);
        p("        }\n");
        return;
    }
    Decl *e = f->type->decl;
    p("        {\n            size_t pos = start, end = start + (size_t)n;\n            bool ended = false;\n\n");
    p("            while (pos < end && !ended) {\n");
    p("                %s e;\n\n", view_t(e));
    p("                if (%s_parse(&e, b->m.zc_wbase + pos, end - pos).code != ZC_OK || e.zc_len == 0)\n", sname(e));
    p("                    return zc_ok();   /* the element's own failure: %s_build_end() reports it */\n", sname(f->owner));
    p("                pos += e.zc_len;\n");
    p("                ended = %s;\n            }\n", truth_c(f->until, "e"));
    p("            if (!ended)\n                return zc_fail(ZC_ERR_MALFORMED, end, \"%s\\0terminator missing: the last element does not end the array\");\n",
      what);
    p("            if (pos != end)\n                return zc_fail(ZC_ERR_MALFORMED, pos, \"%s\\0an element before the last ends the array\");\n",
      what);
    p("        }\n");
}

static void emit_builder_type(Decl *d)
{
    p("/*\n * Builds a new %s in a caller's buffer: %s_build(), then its fields in\n", d->name, sname(d));
    p(" * schema order with the %s_put_*() and %s_begin_*()/%s_end_*() calls,\n", sname(d), sname(d), sname(d));
    p(" * then %s_build_end(). Fields not put are placed with their defaults\n", sname(d));
    p(" * (zero, the constant of an `F == K` constraint, or the value derived\n");
    p(" * from the size of what follows). The first failure sticks: every later\n");
    p(" * call returns it and writes nothing. m.v.zc_len: the bytes built so far.\n */\n");
    p("typedef struct {\n");
    p("    %s m;\n", mview_t(d));
    p("    zc_bcore zc;         /* the rest of its state (zerocast_build.h) */\n");
    if (known_slots(d) > 0) {
        p("    bool zc_known[%d];   /* per length field that may be put or derived:\n", known_slots(d));
        p("                            known yet (put, or derived by an earlier region) */\n");
    }
    if (late_slot(d, NULL) > 0)
        p("    zc_blate zc_late[%d];   /* per region whose length reads 'remaining':\n"
          "                            settled by %s_build_end() */\n", late_slot(d, NULL), sname(d));
    p("} %s;\n\n", builder_t(d));
}

/* Code checking a region's size n against its length expression. */
static void emit_check_size(Field *f, const char *n, const char *start, const char *ind)
{
    p("%sif (%s != %s)\n", ind, n, expr_c(f->len, "b->m.v"));
    p("%s    return zc_fail(ZC_ERR_MALFORMED, %s, \"%s\\0size differs from %s\");\n", ind, start, qual(f),
      c_string(loc_text(f->len->loc)));
}

/* Code after a region's size n is known: derive its length field or
   check it against its length expression. A field that is absent (its
   value in the expression is 0, as *_parse reads it), or known already
   (put by the caller, or derived by an earlier region), is checked. */
static void emit_sized(Decl *d, Field *f, const char *n, const char *start)
{
    if (!sized_region(f))
        return;
    Field *x = f->derives;
    if (!x) {
        emit_check_size(f, n, start, "        ");
        return;
    }
    int64_t a = f->derive_coef;
    bool track = tracks_known(d, x);
    const char *ind = "        ";
    /* absent x: 0 in the expression; not when the region is absent too */
    bool may_lack = x->cond && !(f->cond && same_expr(f->cond, x->cond));
    if (may_lack || track) {
        char *absent = may_lack ? xformat("!%s(b->m.v)", has_fn(x)) : NULL;
        char *known = track ? xformat("b->zc_known[%d]", known_slot(d, x)) : NULL;
        p("        if (%s%s%s) {   /* %s */\n", absent ? absent : "", absent && known ? " || " : "",
          known ? known : "",
          absent && known ? xformat("%s absent, or known: check", x->name)
                          : absent ? xformat("%s absent: check", x->name) : xformat("%s known: check", x->name));
        emit_check_size(f, n, start, "            ");
        p("        } else {\n");
        ind = "            ";
    }
    p("%s%s;   /* so that the expression below is the rest */\n", ind, store(x, "0"));
    p("%sr = %s - (%s);\n", ind, n, expr_c(f->len, "b->m.v"));
    char *max = xformat("INT64_C(%llu)", (unsigned long long)(type_max(value_type(x)) > INT64_MAX
                                                                  ? (uint64_t)INT64_MAX
                                                                  : type_max(value_type(x))));
    if (a == 1)
        p("%sif (r < 0 || r > %s)\n", ind, max);
    else
        p("%sif (r %% %s != 0 || r / %s < 0 || r / %s > %s)\n", ind, const_str(a), const_str(a), const_str(a), max);
    p("%s    return zc_fail(ZC_ERR_RANGE, %s, \"%s\\0no value gives %s this size: %s\");\n", ind, start, qual(x),
      f->name, c_string(loc_text(f->len->loc)));
    if (x->type->kind == T_VARINT) {   /* its width follows from the value */
        p("%s{\n%s    zc_status vs = zc_b_varint_derive(b, %s, %s, %d, %d, (uint64_t)%s, %du, %s);\n\n", ind, ind,
          desc(d), field_off(x, "b->m.v"), x->walk, d->nwalk, a == 1 ? "r" : xformat("(r / %s)", const_str(a)),
          value_type(x)->leb ? value_type(x)->vbytes : 0, lit(x));
        p("%s    if (vs.code != ZC_OK)\n%s        return vs;\n%s}\n", ind, ind, ind);
    } else {
        p("%s%s;\n", ind, store(x, a == 1 ? "r" : xformat("(r / %s)", const_str(a))));
    }
    if (track)
        p("%sb->zc_known[%d] = true;\n", ind, known_slot(d, x));
    if (may_lack || track)
        p("        }\n");
}

/* In S_open_F: no more room than the derived length field can describe
   (a be16 length: 65535 bytes, less what else the expression counts), so
   that a caller filling the room is not refused only at the end. Only for
   length fields of up to 32 bits, whose largest size fits an int64_t, that
   are always there and not known yet (a known one is checked instead). */
static bool room_capped(Decl *d, Field *f)
{
    Field *x = f->derives;
    (void)d;
    return sized_region(f) && x && !x->cond && !counted(f) && !late(f) && value_type(x)->bits <= 32 &&
           !(f->elem_size && f->array == ARR_EXPR);
}

static void emit_room_cap(Decl *d, Field *f)
{
    Field *x = f->derives;
    int64_t most = (int64_t)type_max(value_type(x)) * f->derive_coef;
    if (tracks_known(d, x))
        p("    if (b->zc.st.code == ZC_OK && !b->zc_known[%d]) {   /* at most what %s can describe */\n",
          known_slot(d, x), x->name);
    else
        p("    if (b->zc.st.code == ZC_OK) {   /* at most what %s can describe */\n", x->name);
    p("        int64_t used = (int64_t)(b->m.v.zc_len - b->zc.start);\n\n");
    p("        %s;   /* so that the expression below is the rest */\n", store(x, "0"));
    p("        w.len = zc_b_most(w.len, INT64_C(%lld) + (%s), used);\n", (long long)most, expr_c(f->len, "b->m.v"));
    p("    }\n");
}

/* d's present() callback, or NULL: whether field k is there, given the
   fields before it. */
static const char *emit_present(Decl *d)
{
    bool any = false;
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (!f->cond)
            continue;
        if (!any) {
            p("/* Whether field k is present, given the fields before it (internal). */\n");
            p("static inline bool %s_zc_present(const void *vb, int k)\n{\n", sname(d));
            p("    const %s *b = (const %s *)vb;\n\n    switch (k) {\n", builder_t(d), builder_t(d));
        }
        any = true;
        p("    case %d: return %s(b->m.v);\n", i, has_fn(f));
    }
    if (!any)
        return "NULL";
    p("    default: return true;\n    }\n}\n\n");
    return xformat("%s_zc_present", sname(d));
}

/* place() of a byte-array constant (its bytes: after the room of a fixed
   array, appended to the region of one with a length, which derives the
   length) or of padding after variable fields (zeros to the next multiple
   of N from the struct's start; issue 18, items 4 and 10). */
static void emit_place_bytes(Decl *d, Field *f)
{
    if (f->bconst) {
        size_t n = f->bconst->nbytes;
        if (bkind(f) == B_BYTES) {
            p("        {\n            zc_status st = zc_b_room(b, %s, %zu, %s);\n\n", desc(d), n, lit(f));
            p("            if (st.code != ZC_OK)\n                return st;\n        }\n");
        }
        p("        memcpy(b->m.zc_wbase + b->m.v.zc_len - %zu, %s_zc_k_%s, %zu);\n", n, sname(d), f->name, n);
        p("        break;\n");
        return;
    }
    /* padding: the builder always writes it, also where align_except_last
       would allow leaving it out (it cannot know that nothing follows) */
    p("        {\n            zc_status st = zc_b_room(b, %s, (%d - b->m.v.zc_len %% %d) %% %d, %s);\n\n", desc(d),
      f->align, f->align, f->align, lit(f));
    p("            if (st.code != ZC_OK)\n                return st;\n        }\n        break;\n");
}

/* d's place() callback, or NULL: fields placed with a value. */
static const char *emit_place(Decl *d)
{
    bool any = false;
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (!places(f))
            continue;
        if (!any) {
            p("/* Places field k with its value, after its room (internal). */\n");
            p("static inline zc_status %s_zc_place(void *vb, int k)\n{\n", sname(d));
            p("    %s *b = (%s *)vb;\n\n    switch (k) {\n", builder_t(d), builder_t(d));
        }
        any = true;
        p("    case %d:   /* %s", i, decl_text(f));
        if (f->is_const)
            p(" = %lld", (long long)f->const_value);
        p(" */\n");
        switch (bkind(f)) {
        case B_STRUCT: {
            Decl *nd = f->type->decl;
            p("        {\n            %s c;\n", builder_t(nd));
            if (late_slot(nd, NULL) > 0) {   /* zc_b_default(), and its lengths over `remaining` settled */
                p("            zc_status st;\n\n");
                p("            zc_b_init(&c, %s, b->m.zc_wbase ? b->m.zc_wbase + b->m.v.zc_len : NULL, b->zc.cap - b->m.v.zc_len);\n",
                  desc(nd));
                p("            st = zc_b_reach(&c, %s, %d, %s);\n", desc(nd), nd->all_fields.len, lit(f));
                p("            if (st.code == ZC_OK)\n                st = %s_zc_settle(&c);   /* as %s_build_end() */\n",
                  sname(nd), sname(nd));
                p("            if (st.code != ZC_OK)\n                return zc_fail_nested(st, b->m.v.zc_len);\n");
                p("            b->m.v.zc_len += c.m.v.zc_len;\n            return st;\n");
            } else {
                p("            return zc_b_default(&c, %s, b->m.zc_wbase, &b->m.v.zc_len, b->zc.cap, %s);\n", desc(nd),
                  lit(f));
            }
            p("        }\n");
            break;
        }
        case B_EXTERN:
            p("        return zc_fail(ZC_ERR_ORDER, b->m.v.zc_len, \"%s\\0has no default: put it\");\n", qual(f));
            break;
        case B_FIXBYTES:
        case B_BYTES:
            if (f->array == ARR_UNTIL) {   /* [until K]: the terminator alone */
                p("        {\n            zc_status st = zc_b_room(b, %s, 1, %s);\n\n", desc(d), lit(f));
                p("            if (st.code == ZC_OK)\n                b->m.zc_wbase[b->m.v.zc_len - 1] = %u;\n", f->until_byte);
                p("            return st;\n        }\n");
            } else {
                emit_place_bytes(d, f);
            }
            break;
        case B_VARINT:   /* its shortest encoding, in the region just opened */
            p("        {\n            uint8_t enc[10];\n");
            p("            size_t n = %s;\n\n", varint_encode(f, "enc", const_str(f->is_const ? f->const_value : 0), NULL));
            p("            return zc_b_copy_(b, %s, k, zc_ok(), enc, n);\n        }\n", desc(d));
            break;
        default:
            p("        %s;\n        break;\n", store(f, const_str(f->const_value)));
            break;
        }
    }
    if (!any)
        return "NULL";
    p("    default:\n        break;\n    }\n    return zc_ok();\n}\n\n");
    return xformat("%s_zc_place", sname(d));
}

/* d's close() callback, or NULL: lengths derived or checked when a region
   (n bytes or elements, from start) closes. */
static const char *emit_close(Decl *d)
{
    bool any = false;
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (!sizes(f))
            continue;
        if (!any) {
            p("/* Region k closes, n bytes or elements from start: derives or checks\n   its length (internal). */\n");
            p("static inline zc_status %s_zc_close(void *vb, int k, int64_t n, size_t start)\n{\n", sname(d));
            p("    %s *b = (%s *)vb;\n    int64_t r = 0;\n\n", builder_t(d), builder_t(d));
            p("    (void)b;   /* lengths over constants only */\n    (void)r;\n    switch (k) {\n");
        }
        any = true;
        p("    case %d:   /* %s */\n", i, decl_text(f));
        if (f->elem_size && f->array == ARR_EXPR) {   /* a count of wire integers: bytes to elements */
            p("        if (n %% %zu != 0)\n", f->elem_size);
            p("            return zc_fail(ZC_ERR_MALFORMED, start, \"%s\\0not a whole number of elements\");\n", qual(f));
            p("        n /= %zu;\n", f->elem_size);
        }
        if (f->array == ARR_UNTIL) {
            emit_until_close(f);
        } else if (late(f)) {   /* `remaining` is known at the end: kept for then */
            int j = late_slot(d, f);
            p("        zc_b_late_keep(&b->zc_late[%d], n, start);   /* settled by %s_build_end() */\n", j, sname(d));
        } else {
            emit_sized(d, f, "n", "start");
        }
        p("        break;\n");
    }
    if (!any)
        return "NULL";
    p("    default:\n        break;\n    }\n    return zc_ok();\n}\n\n");
    return xformat("%s_zc_close", sname(d));
}

/* The zc_bfield of field f: how the core places it. */
static void emit_bfield(Decl *d, Field *f, int i)
{
    const char *kind = "ZC_BF_ROOM";
    size_t size = 0;
    int sw_last = 0;
    switch (bkind(f)) {
    case B_SWITCH:
        kind = "ZC_BF_SWITCH";
        sw_last = switch_last(d, f);
        break;
    case B_BITS:
    case B_INT:
        if (bkind(f) == B_INT || f->group_first)
            size = f->size ? f->size : (size_t)value_type(f)->bits / 8;
        break;
    case B_FIXBYTES:
        size = f->fixed_count;
        break;
    case B_BYTES:
    case B_ARRAY:
    case B_STRUCT:
        kind = "ZC_BF_REGION";
        break;
    case B_EXTERN:
        kind = "ZC_BF_NONE";
        break;
    case B_VARINT:
        kind = "ZC_BF_REGION";
        break;
    }
    char *flags = NULL;
    if (places(f))
        flags = "ZC_BF_PLACE";
    if (sizes(f))
        flags = xformat("%s%sZC_BF_SIZED", flags ? flags : "", flags ? " | " : "");
    if (sizes(f) && counted(f))
        flags = xformat("%s | ZC_BF_COUNTED", flags);
    p("    { %s, %zu, %s, %s, %d, %d },   /* %d: %s", lit(f), size, kind, flags ? flags : "0", walk_of(f), sw_last, i,
      decl_text(f));
    if (f->derived_by)
        p(": derived from the size of %s%s", f->derived_by->name, no_put(d, f) ? "" : " unless put");
    p(" */\n");
}

/* The builder's table, its callbacks and S_build(). */
static void emit_desc(Decl *d)
{
    const char *present = emit_present(d), *place = emit_place(d), *close = emit_close(d);
    int n = d->all_fields.len;
    bool walks = false;
    for (int i = 0; i < n; i++)
        walks |= walk_of(d->all_fields.data[i]) >= 0;
    if (n > 0) {
        p("/* Its fields: { name, bytes, how placed, flags, walk, last case } (internal). */\n");
        p("ZC_UNUSED static const zc_bfield %s_zc_f[%d] = {\n", sname(d), n);
        for (int i = 0; i < n; i++)
            emit_bfield(d, d->all_fields.data[i], i);
        p("};\n");
    }
    char *types = xformat("%s, %s, %s", builder_t(d), mview_t(d), view_t(d));
    p("ZC_UNUSED static const zc_bdesc %s = {\n", desc_n(d));
    p("    %s, %d, \"%s\\0a nested builder was begun and not ended\", sizeof(%s),\n",
      n > 0 ? xformat("%s_zc_f", sname(d)) : "NULL", n, d->name, builder_t(d));
    p("    ZC_BDESC_OFFS(%s), %s,\n", types, walks ? xformat("ZC_BDESC_END(%s)", types) : "0");
    p("    %s, %s, %s\n};\n\n", present, place, close);

    p("/* Starts building a %s in buf[0, cap). */\n", d->name);
    if (has_params(d))
        p("/* Its parameters come after cap, kept for the derivations and for\n"
          "   %s_build_end(); one outside its type's range fails the build\n"
          "   (ZC_ERR_RANGE). */\n", sname(d));
    p("static inline void %s_build(%s *b, void *buf, size_t cap%s)\n{\n", sname(d), builder_t(d), param_decls(d));
    p("    zc_b_init(b, %s, buf, cap);\n", desc(d));
    for (int i = 0; i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        p("    if (%s > UINT64_C(%llu))\n        b->zc.st = zc_fail(ZC_ERR_RANGE, 0, %s);\n", param_member(pa),
          (unsigned long long)type_max(pa->type), site(pa, "argument out of range"));
        p("    b->m.v.%s = (%s)%s;\n", param_member(pa), param_c_type(pa), param_member(pa));
    }
    p("}\n\n");
}

/* ---- the calls a user makes ------------------------------------------------ */

/* The end of a varint's put: the encoded bytes copied; a length that a
   region may derive is then known (the region checks it). */
static void emit_varint_put_end(Decl *d, Field *f, int i)
{
    if (!tracks_known(d, f)) {
        p("    return zc_b_put_measured(b, %s, %d, st, n, enc, n, %s);\n}\n\n", desc(d), i, lit(f));
        return;
    }
    p("    st = zc_b_put_measured(b, %s, %d, st, n, enc, n, %s);\n", desc(d), i, lit(f));
    p("    if (st.code == ZC_OK)\n        b->zc_known[%d] = true;   /* checked, not derived */\n", known_slot(d, f));
    p("    return st;\n}\n\n");
}

/* S_put_F() of padding after variable fields: optional (not put, the
   builder writes zeros); n must be the padding's size where it starts, or
   0 for align_except_last (the caller says nothing follows). */
static void emit_put_pad(Decl *d, Field *f, int i)
{
    char *B = builder_t(d), *D = desc(d);
    p("/* Puts %s (optional: the builder writes zeros): n must be the padding's\n"
      "   size here, (%d - offset %% %d) %% %d bytes%s. */\n", qual(f), f->align, f->align, f->align,
      f->align_except_last ? ", or 0 when nothing follows" : "");
    p("static inline zc_status %s(%s *b, const void *src, size_t n)\n{\n", fn(f, "put"), B);
    p("    zc_status st = zc_b_enter_region(b, %s, %d);\n\n", D, i);
    p("    if (st.code != ZC_OK)\n        return st;\n");
    p("    if (n != (%d - b->m.v.zc_len %% %d) %% %d%s)\n", f->align, f->align, f->align, f->align_except_last ? " && n != 0" : "");
    p("        return b->zc.st = zc_fail(ZC_ERR_RANGE, b->m.v.zc_len, \"%s\\0not the size of the padding here\");\n", qual(f));
    p("    return zc_b_copy_(b, %s, %d, st, src, n);\n}\n\n", D, i);
}

static void emit_put(Decl *d, Field *f, int i)
{
    char *B = builder_t(d), *D = desc(d);
    BKind k = bkind(f);
    if (f->array == ARR_ALIGN) {
        emit_put_pad(d, f, i);
        return;
    }
    switch (k) {
    case B_SWITCH:
        return;
    case B_BITS:
    case B_INT: {
        char *T = field_c_type(f);
        bool fails = k == B_BITS || f->cond || enum_is_narrow(f);
        p("/* Puts %s%s.%s */\n", qual(f),
          k == B_BITS || enum_is_narrow(f) ? " (a value wider than the field is refused)" : "",
          f->derived_by ? xformat("\n   Not put, it is derived from the size of %s if that is written;\n"
                                  "   put, %s's size is checked against it", f->derived_by->name, f->derived_by->name)
                        : "");
        p("static inline zc_status %s(%s *b, %s x)\n{\n", fn(f, "put"), B, T);
        p("    zc_status st = zc_b_put(b, %s, %d);\n\n", D, i);
        if (tracks_known(d, f)) {
            p("    if (st.code != ZC_OK)\n        return st;\n");
            if (fails)
                p("    st = zc_b_set(b, %s, %s(b->m, x));\n    if (st.code == ZC_OK)\n    ", D, setter(f));
            else
                p("    %s(b->m, x);\n", setter(f));
            p("    b->zc_known[%d] = true;   /* checked, not derived */\n", known_slot(d, f));
            p("    return st;\n}\n\n");
        } else if (fails) {
            p("    return st.code == ZC_OK ? zc_b_set(b, %s, %s(b->m, x)) : st;\n}\n\n", D, setter(f));
        } else {
            p("    if (st.code == ZC_OK)\n        %s(b->m, x);\n    return st;\n}\n\n", setter(f));
        }
        return;
    }
    case B_FIXBYTES:
        p("/* Puts %s: n must be %zu. */\n", qual(f), f->fixed_count);
        p("static inline zc_status %s(%s *b, const void *src, size_t n)\n{\n", fn(f, "put"), B);
        p("    zc_status st = zc_b_put(b, %s, %d);\n\n", D, i);
        p("    return st.code == ZC_OK ? zc_b_set(b, %s, %s(b->m, src, n)) : st;\n}\n\n", D, setter(f));
        return;
    case B_BYTES:
        if (f->array == ARR_UNTIL) {
            p("/* Puts %s: the n bytes at src, then its terminator (%u), which src\n", qual(f), f->until_byte);
            p("   must not contain. Put it once; not put, it is empty (the terminator). */\n");
            p("static inline zc_status %s(%s *b, const void *src, size_t n)\n{\n", fn(f, "put"), B);
            p("    static const uint8_t term = %u;\n", f->until_byte);
            p("    zc_status st;\n\n");
            p("    if (n && memchr(src, %u, n) != NULL)\n", f->until_byte);
            p("        return zc_b_set(b, %s, zc_fail(ZC_ERR_RANGE, b->m.v.zc_len, \"%s\\0the terminator (%u) inside the bytes\"));\n",
              D, qual(f), f->until_byte);
            if (f->until_max)
                p("    if (n > %lld)\n        return zc_b_set(b, %s, zc_fail(ZC_ERR_RANGE, b->m.v.zc_len, \"%s\\0longer than %lld bytes (max)\"));\n",
                  (long long)f->max_len, D, qual(f), (long long)f->max_len);
            p("    st = zc_b_append(b, %s, %d, src, n);\n", D, i);
            p("    return st.code == ZC_OK ? zc_b_append(b, %s, %d, &term, 1) : st;\n}\n\n", D, i);
            return;
        }
        p("/* Appends n bytes to %s (call again to append more)%s. */\n", qual(f),
          f->derives ? xformat("; sets %s", f->derives->name) : "");
        p("static inline zc_status %s(%s *b, const void *src, size_t n)\n{\n", fn(f, "put"), B);
        p("    return zc_b_append(b, %s, %d, src, n);\n}\n\n", D, i);

        p("/* The room left for %s: write up to .len bytes at .ptr, then\n   %s() how many (e.g. to build the next layer in place). */\n",
          qual(f), fn(f, "commit"));
        p("static inline zc_wbytes %s(%s *b)\n{\n", fn(f, "open"), B);
        if (room_capped(d, f)) {
            p("    zc_wbytes w = zc_b_open(b, %s, %d);\n\n", D, i);
            emit_room_cap(d, f);
            p("    return w;\n}\n\n");
        } else {
            p("    return zc_b_open(b, %s, %d);\n}\n\n", D, i);
        }

        p("/* Appends the n bytes written at %s()'s pointer to %s. */\n", fn(f, "open"), qual(f));
        p("static inline zc_status %s(%s *b, size_t n)\n{\n", fn(f, "commit"), B);
        p("    return zc_b_commit(b, %s, %d, n);\n}\n\n", D, i);
        return;
    case B_VARINT: {
        const Type *t = value_type(f);
        char *T = field_c_type(f);
        const char *why = t->leb ? xformat("does not fit in %d bytes", t->vbytes) : "is over 2^62-1";
        p("/* Puts %s in its shortest encoding (a value that %s is refused). */\n", qual(f),
          t->leb ? xformat("needs more than %d bytes", t->vbytes) : "is over 2^62-1");
        p("static inline zc_status %s(%s *b, %s x)\n{\n", fn(f, "put"), B, T);
        p("    uint8_t enc[10];\n    size_t n = %s;\n", varint_encode(f, "enc", "x", NULL));
        p("    zc_status st = zc_b_enter(b, %s, %d, %s);\n\n", D, i, lit(f));
        p("    if (st.code != ZC_OK)\n        return st;\n");
        p("    if (n == 0)\n        return b->zc.st = zc_fail(ZC_ERR_RANGE, b->m.v.zc_len, \"%s\\0%s\");\n", qual(f), why);
        emit_varint_put_end(d, f, i);
        p("/* Puts %s encoded in exactly `width` bytes (%s): a non-minimal\n   encoding%s. */\n", qual(f),
          t->leb ? xformat("1 to %d", t->vbytes) : "1, 2, 4 or 8",
          t->leb ? ", which leb128 readers accept but some specifications forbid (MQTT)"
                 : ", valid in QUIC: e.g. a 2-byte Length patched later");
        p("static inline zc_status %s(%s *b, %s x, size_t width)\n{\n", fn(f, "put_width"), B, T);
        p("    uint8_t enc[10];\n    size_t n = %s;\n", varint_encode(f, "enc", "x", "width"));
        p("    zc_status st = zc_b_enter(b, %s, %d, %s);\n\n", D, i, lit(f));
        p("    if (st.code != ZC_OK)\n        return st;\n");
        p("    if (n == 0)\n        return b->zc.st = zc_fail(ZC_ERR_RANGE, b->m.v.zc_len, \"%s\\0does not fit in that width\");\n",
          qual(f));
        emit_varint_put_end(d, f, i);
        return;
    }
    case B_EXTERN: {
        Decl *xd = f->type->decl;
        p("/* Puts %s: n bytes that must be exactly one %s. */\n", qual(f), xd->name);
        p("static inline zc_status %s(%s *b, const void *src, size_t n)\n{\n", fn(f, "put"), B);
        p("    size_t size = 0;\n");
        p("    zc_status st = zc_b_enter(b, %s, %d, %s);\n\n", D, i, lit(f));
        p("    if (st.code != ZC_OK)\n        return st;\n");
        p("    st = %s_zc_measure((const uint8_t *)src, n, &size);\n", xd->name);
        p("    return zc_b_put_measured(b, %s, %d, st, size, src, n, \"%s\\0bytes after the end of the %s\");\n}\n\n",
          D, i, qual(f), xd->name);
        return;
    }
    case B_STRUCT:
    case B_ARRAY: {
        Decl *nd = f->type->decl;
        char *NB = builder_t(nd), *NS = sname(nd);
        bool arr = k == B_ARRAY;
        const char *elem = arr ? "true" : "false";
        if (arr)
            p("/* Appends a copy of element e to %s%s. */\n", qual(f),
              f->derives ? xformat("; sets %s", f->derives->name) : "");
        else
            p("/* Puts a copy of src as %s. */\n", qual(f));
        char *src = arr ? "e" : "src";
        p("static inline zc_status %s(%s *b, %s %s)\n{\n", fn(f, "put"), B, view_t(nd), src);
        p("    return zc_b_put_view(b, %s, %d, %s, %s.zc_base, %s.zc_len);\n}\n\n", D, i, elem, src, src);

        p("/* Builds %s%s in place: %s(b, &c), then c's own\n", arr ? "one element of " : "", qual(f), fn(f, "begin"));
        p("   %s_put_*() calls, then %s(b, &c). */\n", NS, fn(f, "end"));
        p("static inline zc_status %s(%s *b, %s *c)\n{\n", fn(f, "begin"), B, NB);
        if (has_params(nd)) {   /* c gets its arguments, over the fields built before it */
            p("    zc_status st = zc_b_begin(b, %s, %d, %s, c, %s);\n\n", D, i, elem, desc(nd));
            for (int j = 0; j < nd->params.len; j++)
                p("    c->m.v.%s = (%s)%s;\n", param_member(nd->params.data[j]), param_c_type(nd->params.data[j]),
                  paren(expr_c(f->args.data[j], "b->m.v")));
            p("    return st;\n}\n\n");
        } else {
            p("    return zc_b_begin(b, %s, %d, %s, c, %s);\n}\n\n", D, i, elem, desc(nd));
        }

        p("/* Finishes the %s begun with %s() and appends it. */\n", nd->name, fn(f, "begin"));
        p("static inline zc_status %s(%s *b, %s *c)\n{\n", fn(f, "end"), B, NB);
        p("    %s done;\n", mview_t(nd));
        p("    zc_status st = zc_b_end(b, %s, %d, %s, c, %s, \"%s\\0not the builder begun for it\");\n\n", D, i, elem,
          desc(nd), qual(f));
        p("    if (st.code != ZC_OK)\n        return st;\n");
        p("    st = %s_build_end(c, &done);\n", NS);
        p("    return zc_b_ended(b, %s, st, done.v.zc_len);\n}\n\n", D);
        return;
    }
    }
}

/* S_zc_settle(), when d has late regions: once every field is placed,
   the struct's region is what was built, and so is `remaining` at each
   late region: its length field is derived, or its size checked. */
static bool emit_settle(Decl *d)
{
    if (late_slot(d, NULL) == 0)
        return false;
    p("/* Settles the regions whose length reads 'remaining', once the struct's\n"
      "   region is all built: derives their length fields or checks their\n"
      "   sizes (internal). */\n");
    p("static inline zc_status %s_zc_settle(%s *b)\n{\n    int64_t r = 0;\n\n    (void)r;\n", sname(d), builder_t(d));
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (!late(f))
            continue;
        int j = late_slot(d, f);
        p("    if (b->zc_late[%d].closed) {   /* %s */\n", j, decl_text(f));
        p("        int64_t n = b->zc_late[%d].n;\n        size_t start = b->zc_late[%d].start;\n\n", j, j);
        emit_sized(d, f, "n", "start");
        p("    }\n");
    }
    p("    return zc_ok();\n}\n\n");
    return true;
}

static void emit_build_end(Decl *d)
{
    bool settle = emit_settle(d);
    p("/* Places every field not put yet, derives lengths and counts, and\n");
    p("   validates the message with %s_parse(): *out views it. */\n", sname(d));
    p("static inline zc_status %s_build_end(%s *b, %s *out)\n{\n", sname(d), builder_t(d), mview_t(d));
    p("    zc_status st = zc_b_reach(b, %s, %d, \"%s\\0\");\n\n", desc(d), d->all_fields.len, d->name);
    p("    memset(out, 0, sizeof *out);\n");
    if (settle)
        p("    if (st.code == ZC_OK)\n        st = b->zc.st = %s_zc_settle(b);\n", sname(d));
    p("    if (st.code != ZC_OK)\n        return st;\n");
    p("    st = %s_parse_mut(out, b->m.zc_wbase, b->m.v.zc_len%s);\n", sname(d), kept_args(d, "b->m.v."));
    p("    return zc_b_parsed(b, %s, st, out->v.zc_len, \"%s\\0parses shorter than built\");\n}\n\n", desc(d), d->name);
}

/* ---- checksums: `@checksum(internet, ...)` ---------------------------------- */

/* ---- checksums beyond RFC 1071 (issue 18, item 11) ------------------------- */

static const char *csum_alg_name(const Checksum *c)
{
    return c->alg == CSUM_CRC32C ? "CRC-32C" : c->alg == CSUM_CRC32 ? "CRC-32" : "internet";
}

/* The C expression (uint64_t or uint32_t) of the value checksum f should
   hold, over `buf`, `len`, with the field at `off` counted as zero. */
static char *csum_value_c(Field *f, const char *buf, const char *len, const char *off)
{
    Checksum *c = f->csum;
    if (c->alg == CSUM_EXTERN)
        return xformat("%s(%s, %s, %s, %d)", c->fn->name, buf, len, off,
                       strcmp(off, "ZC_CSUM_NO_FIELD") == 0 ? 0 : value_type(f)->bits / 8);
    char *x = xformat("zc_%s_skip(%s, %s, %s)", c->alg == CSUM_CRC32C ? "crc32c" : "crc32", buf, len, off);
    if (c->has_xor)
        x = xformat("(%s ^ 0x%08xu)", x, (unsigned)c->xor_value);
    return x;
}

/* The field's wire value from host value x (a uint64_t or uint32_t). */
static char *csum_store_c(Field *f, const char *x)
{
    const Type *t = value_type(f);
    if (t->kind == T_UINT)
        return xformat("(uint8_t)%s", x);
    return xformat("zc_hto%s%d((%s)%s)", t->order == ORD_BE ? "be" : "le", t->bits, uint_c_name(t->bits), x);
}

/* The field's host value, as uint64_t. */
static char *csum_load_c(Field *f, const char *v)
{
    const Type *t = value_type(f);
    if (t->kind == T_UINT)
        return xformat("(uint64_t)%s(%s)", acc(f), v);
    return xformat("(uint64_t)zc_%s%dtoh(%s(%s))", t->order == ORD_BE ? "be" : "le", t->bits, acc(f), v);
}

static char *csum_what(Field *f)
{
    Checksum *c = f->csum;
    if (c->alg == CSUM_EXTERN)
        return xformat("%s()", c->fn->name);
    return c->has_xor ? xformat("the %s xor 0x%08x", csum_alg_name(c), (unsigned)c->xor_value)
                      : xformat("the %s", csum_alg_name(c));
}

static void emit_other_checksum_ok(Decl *d, Field *f)
{
    Checksum *c = f->csum;
    char *V = view_t(d), *ok = xformat("%s_ok", acc(f));
    char *cover = c->outer ? xstrdup("buf[0, len), bytes outside it that the caller gives")
                  : c->before ? xformat("the bytes before %s", c->before->name) : xstrdup("the whole message");
    char *end_v = c->before ? field_off(c->before, "v") : "v.zc_len";
    if (c->outer) {
        p("/* Whether %s is right: %s of %s,\n   taken as they are. */\n", qual(f), csum_what(f), cover);
        acsl_checksum(f, false);
        p("static inline bool %s(%s v, const %s *buf, size_t len)\n{\n", ok, V, acsl_buf_type());
        p("    return %s == (uint64_t)%s;\n}\n\n", csum_load_c(f, "v"),
          csum_value_c(f, c->alg == CSUM_EXTERN ? "(const uint8_t *)buf" : "buf", "len", "ZC_CSUM_NO_FIELD"));
        return;
    }
    p("/* Whether %s is right: %s of %s,\n   the field counted as zero. */\n", qual(f), csum_what(f), cover);
    acsl_checksum(f, false);
    p("static inline bool %s(%s v)\n{\n", ok, V);
    p("    return %s == (uint64_t)%s;\n}\n\n", csum_load_c(f, "v"), csum_value_c(f, "v.zc_base", end_v, field_off(f, "v")));
}

static void emit_other_checksum_fill(Decl *d, Field *f)
{
    Checksum *c = f->csum;
    char *M = mview_t(d), *fill = fn(f, "fill");
    char *end_m = c->before ? field_off(c->before, "m.v") : "m.v.zc_len";
    if (c->outer) {
        p("/* Computes %s as %s of buf[0, len) (bytes outside\n   it that the caller gives) and stores it. */\n", qual(f),
          csum_what(f));
        acsl_checksum(f, true);
        p("static inline void %s(%s m, const %s *buf, size_t len)\n{\n", fill, M, acsl_buf_type());
        p("    %s(m, %s);\n}\n\n", setter(f),
          csum_store_c(f, csum_value_c(f, c->alg == CSUM_EXTERN ? "(const uint8_t *)buf" : "buf", "len", "ZC_CSUM_NO_FIELD")));
        return;
    }
    p("/* Computes %s as %s of %s (the field counted as zero) and\n   stores it. */\n", qual(f), csum_what(f),
      c->before ? xformat("the bytes before %s", c->before->name) : "the whole message");
    acsl_checksum(f, true);
    p("static inline void %s(%s m)\n{\n", fill, M);
    p("    %s(m, %s);\n}\n\n", setter(f), csum_store_c(f, csum_value_c(f, "m.v.zc_base", end_m, field_off(f, "m.v"))));
}

/* S_F_ok(): whether checksum f is right (a reader). */
static void emit_checksum_ok(Decl *d, Field *f)
{
    Checksum *c = f->csum;
    if (c->alg != CSUM_INTERNET) {
        emit_other_checksum_ok(d, f);
        return;
    }
    char *V = view_t(d), *ok = xformat("%s_ok", acc(f));
    char *cover = c->before ? xformat("the bytes before %s", c->before->name) : xstrdup("the whole message");
    char *end_v = c->before ? field_off(c->before, "v") : "v.zc_len";
    char *ph = c->pseudo ? ", const zc_pseudo *ph" : "";
    char *proto = c->pseudo ? xformat("%lld", (long long)c->proto) : NULL;

    p("/* Whether %s is right: the Internet checksum (RFC 1071) of %s%s\n   sums to 0xffff.%s */\n",
      qual(f), cover, c->pseudo ? xformat(" and\n   the pseudo-header of ph (protocol %s)", proto) : "",
      c->zero_is_none ? " A zero field means \"not computed\": true over IPv4, false over IPv6." : "");
    acsl_checksum(f, false);
    p("static inline bool %s(%s v%s)\n{\n", ok, V, ph);
    if (c->zero_is_none)
        p("    if (zc_be16toh(%s(v)) == 0)\n        return ph->family == 4;\n", acc(f));
    if (c->pseudo)
        p("    return zc_pseudo_checksum_ok(ph, %s, v.zc_base, %s);\n}\n\n", proto, end_v);
    else
        p("    return zc_inet_checksum_ok(v.zc_base, %s);\n}\n\n", end_v);
}

/* S_fill_F(): computes checksum f and stores it (a writer). */
static void emit_checksum_fill(Decl *d, Field *f)
{
    Checksum *c = f->csum;
    if (c->alg != CSUM_INTERNET) {
        emit_other_checksum_fill(d, f);
        return;
    }
    char *M = mview_t(d), *fill = fn(f, "fill");
    char *cover = c->before ? xformat("the bytes before %s", c->before->name) : xstrdup("the whole message");
    char *end_m = c->before ? field_off(c->before, "m.v") : "m.v.zc_len";
    char *ph = c->pseudo ? ", const zc_pseudo *ph" : "";
    char *proto = c->pseudo ? xformat("%lld", (long long)c->proto) : NULL;

    p("/* Computes %s over %s%s and stores it. */\n", qual(f), cover,
      c->pseudo ? " and ph's pseudo-header; ZC_ERR_RANGE if ph has\n   no address family or the message is too long for it" : "");
    acsl_checksum(f, true);
    p("static inline %s %s(%s m%s)\n{\n", c->pseudo ? "zc_status" : "void", fill, M, ph);
    p("    zc_be16 sum;\n\n");
    if (c->pseudo) {
        p("    if (!zc_pseudo_fits(ph, %s))\n", end_m);
        p("        return zc_fail(ZC_ERR_RANGE, %s, \"%s\\0no pseudo-header for this message\");\n", field_off(f, "m.v"),
          qual(f));
    }
    p("    %s(m, zc_htobe16(0));\n", setter(f));
    if (c->pseudo)
        p("    sum = zc_pseudo_checksum(ph, %s, m.v.zc_base, %s, ZC_CSUM_NO_FIELD);\n", proto, end_m);
    else
        p("    sum = zc_inet_checksum(m.v.zc_base, %s);\n", end_m);
    if (c->zero_is_none)
        p("    if (zc_be16toh(sum) == 0)\n        sum = zc_htobe16(0xffff);   /* 0 would mean \"not computed\" */\n");
    /* A field at an odd offset of the summed bytes adds its value
       byte-swapped (RFC 1071 section 2(B)): store it swapped. The offset
       is known here in the fixed prefix (an even one emits nothing),
       otherwise tested at run time. */
    if (f->seg != 0 || f->off % 2 != 0)
        p("    sum = zc_csum_place(sum, %s);   /* swapped at an odd offset */\n", field_off(f, "m.v"));
    p("    %s(m, sum);\n", setter(f));
    p("%s}\n\n", c->pseudo ? "    return zc_ok();\n" : "");
}

/* The first field of d whose presence (its condition, or its switch's
   tag) reads `remaining`, or NULL. A builder decides whether a field is
   there when it reaches it, before what follows is written. */
static const Field *remaining_cond(const Decl *d)
{
    for (int i = 0; i < d->all_fields.len; i++) {
        const Field *f = d->all_fields.data[i];
        if (reads_remaining(f->cond) || (f->is_switch && reads_remaining(f->tag)))
            return f;
    }
    return NULL;
}

/* The first field of d that a region whose length reads `remaining`
   (*late) puts out of reach, or NULL: a field after it (not a case of the
   same switch; nothing after a switch whose own length is not late) that
   the builder writes through the accessors' offsets, which place it after
   `remaining - ...` bytes of the region, known only at the end. Regions
   the builder appends at its own cursor (byte arrays, struct arrays,
   nested structs, externs) may follow. */
static const Field *after_late(const Decl *d, const Field **late_out)
{
    for (int i = 0; i < d->all_fields.len; i++) {
        const Field *r = d->all_fields.data[i];
        if (!late(r))
            continue;
        bool bounded = r->sw && r->sw->array == ARR_BYTES && !late(r->sw);
        for (int j = i + 1; j < d->all_fields.len && !bounded; j++) {
            const Field *g = d->all_fields.data[j];
            BKind k = bkind(g);
            if (r->is_switch ? g->sw == r : (r->sw && g->sw == r->sw))
                continue;   /* its own cases; a case beside it */
            if (k == B_BYTES || k == B_ARRAY || k == B_STRUCT || k == B_EXTERN || k == B_SWITCH)
                continue;
            *late_out = r;
            return g;
        }
    }
    return NULL;
}

/* The first late region of d that may leave bytes of its region that no
   field reads (a parsed message a builder cannot write back), or NULL.
   Every byte is some field's when its length is `remaining` itself, or
   when an array to the end, always there, follows it in the struct (not
   for a case: a case is one field). `data[remaining - pad_length];
   padding[]` is covered; `items[remaining / 2]` alone is not (an odd
   byte). */
static const Field *uncovered_late(const Decl *d)
{
    const Field *last = d->fields.len ? d->fields.data[d->fields.len - 1] : NULL;
    bool rest_tail = last && !last->is_switch && last->array == ARR_REST && !last->cond;
    if (d->remaining && last && !last->cond && !rest_tail && !(late(last) && last->len->kind == EX_REMAINING) &&
        !(bkind(last) == B_STRUCT && takes_region(last->type->decl)))
        return last;   /* it takes its region, and bytes after its last field are no field's */
    for (int i = 0; i < d->all_fields.len; i++) {
        const Field *r = d->all_fields.data[i];
        if (!late(r) || r->len->kind == EX_REMAINING)
            continue;
        if (r->sw || !rest_tail || r == last)
            return r;
    }
    return NULL;
}

/* Whether a builder writing from the front cannot build d at all: a
   trailer (placed at the end of a region it does not know yet), or a
   field present or not according to `remaining`. Lengths and constraints
   over `remaining` are settled or checked by S_build_end(). */
static bool build_refused(const Decl *d)
{
    const Field *r = NULL;
    return d->trailer || remaining_cond(d) || after_late(d, &r) || uncovered_late(d);
}

/* Whether struct d gets a builder (docs/schema-language.md, "Limits"): at
   most ZCC_MAX_BUILD_FIELDS fields, no trailer nor condition over
   `remaining` (build_refused()), and every struct it nests has one (its
   puts take the nested builders). Decided once per struct. */
bool struct_has_builder(Decl *d)
{
    if (d->kind != D_STRUCT)
        return false;
    if (d->builder == 0) {
        d->builder = d->all_fields.len <= ZCC_MAX_BUILD_FIELDS && !build_refused(d) ? 1 : -1;
        for (int i = 0; i < d->all_fields.len && d->builder > 0; i++) {
            Field *f = d->all_fields.data[i];
            if (!f->is_switch && f->type->kind == T_STRUCT && !struct_has_builder(f->type->decl))
                d->builder = -1;
        }
    }
    return d->builder > 0;
}

/* S_F_ok() of every @checksum field of d (readers), or S_fill_F() (writers). */
void emit_checksums(Decl *d, bool fill)
{
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (f->csum && fill)
            emit_checksum_fill(d, f);
        else if (f->csum)
            emit_checksum_ok(d, f);
    }
}

void emit_builder(Decl *d)
{
    const Field *late_r = NULL, *after = NULL;
    if (!struct_has_builder(d)) {
        if (d->trailer)
            p("/* struct %s has a trailer at the end of its region, which a builder writing\n"
              "   from the front cannot place: no builder (docs/decisions.md) */\n\n", d->name);
        else if (remaining_cond(d))
            p("/* struct %s decides whether '%s' is there from 'remaining' (the bytes\n"
              "   left in its region), which a builder writing from the front does not\n"
              "   know when it reaches it: no builder (docs/decisions.md) */\n\n", d->name,
              remaining_cond(d)->name);
        else if ((after = after_late(d, &late_r)) != NULL)
            p("/* struct %s has '%s' after '%s', whose length reads 'remaining': a\n"
              "   builder writing from the front would place it at an offset known only\n"
              "   at the end: no builder (docs/decisions.md) */\n\n", d->name, after->name, late_r->name);
        else if ((after = uncovered_late(d)) != NULL && !late(after))
            p("/* struct %s reads 'remaining', so it takes its whole region, but its last\n"
              "   field '%s' does not reach the end of it: bytes after it would be no\n"
              "   field's, which no builder can write: no builder (docs/decisions.md) */\n\n", d->name,
              after->name);
        else if (after)
            p("/* struct %s: '%s[%s]' may leave bytes of its region that no field\n"
              "   reads (nothing to the end follows it), which no builder can write:\n"
              "   no builder (docs/decisions.md) */\n\n", d->name, after->name, c_comment(loc_text(after->len->loc)));
        else if (d->all_fields.len > ZCC_MAX_BUILD_FIELDS)
            p("/* struct %s has %d fields, more than %d: no builder (docs/schema-language.md, \"Limits\") */\n\n",
              d->name, d->all_fields.len, ZCC_MAX_BUILD_FIELDS);
        else
            p("/* struct %s nests a struct that has no builder, so it has none either\n"
              "   (docs/schema-language.md, \"Limits\") */\n\n", d->name);
        return;
    }
    build_plan(d);
    p("/* ---- building a %s ---- */\n\n", d->name);
    p("#include \"zerocast_build.h\"   /* the builder core */\n\n");
    emit_builder_type(d);
    emit_desc(d);
    emit_build_end(d);
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (no_put(d, f))
            continue;
        emit_put(d, f, i);
    }
}

/* ---- rebuilding a parsed message, for the fuzz targets ---------------------- */

static char *rebuild_fn(Decl *d) { return xformat("zc_fuzz_rebuild_%s", d->name); }

/* Code that puts nested view `e` of type nd as field f: begun, rebuilt in
   place by nd's own rebuild function, ended (end runs even after a
   builder's failure, so that the parent sees it). A failure of the input
   (a walk that stops, the child builder's own status still ZC_OK) is
   returned at once, the child left unended: ending it would check a
   half-written child (its put lengths against the part written) and make
   the input's failure the builder's own, and the message is not rebuilt
   anyway. */
static void rebuild_nested(Field *f, Decl *nd, const char *e, const char *ind)
{
    p("%s{\n%s    %s c;\n%s    zc_status end;\n\n", ind, ind, builder_t(nd), ind);
    p("%s    st = %s(b, &c);\n", ind, fn(f, "begin"));
    p("%s    if (st.code == ZC_OK) {\n%s        st = %s(&c, %s);\n", ind, ind, rebuild_fn(nd), e);
    p("%s        if (st.code != ZC_OK && c.zc.st.code == ZC_OK)\n%s            return st;   /* a walk of the input stops */\n%s    }\n",
      ind, ind, ind);
    p("%s    end = %s(b, &c);\n", ind, fn(f, "end"));
    p("%s    if (st.code == ZC_OK)\n%s        st = end;\n%s}\n", ind, ind, ind);
}

static void rebuild_field(Decl *d, Field *f)
{
    BKind k = bkind(f);
    if (k == B_SWITCH || no_put(d, f))
        return;   /* placed by the builder: the switch by its cases, the rest computed */
    /* A length field that may be put or derived: put only when no region
       that derives it is there, so that a round trip tries the derivation
       (a region that is there gives back the parsed value). */
    char *guard = f->cond ? xformat("%s(v)", has_fn(f)) : NULL;
    for (int i = 0; i < d->all_fields.len && k != B_VARINT; i++) {   /* varints: below */
        Field *r = d->all_fields.data[i];
        if (r->derives == f && r->cond)
            guard = xformat("%s%s!%s(v)", guard ? guard : "", guard ? " && " : "", has_fn(r));
    }
    const char *ind = guard ? "        " : "    ";
    char *by = NULL;
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *r = d->all_fields.data[i];
        if (r->derives == f)
            by = by ? xformat("%s, %s", by, r->name) : r->name;
    }
    p("    /* %s%s */\n", decl_text(f), by ? xformat(": put when none of %s (which derive it) is there", by) : "");
    if (guard)
        p("    if (%s) {\n", guard);
    switch (k) {
    case B_BITS:
    case B_INT:
        p("%sst = %s(b, %s(v));\n", ind, fn(f, "put"), acc(f));
        break;
    case B_FIXBYTES:
    case B_BYTES:
        p("%s{\n%s    zc_bytes x = %s(v);\n", ind, ind, acc(f));
        p("%s    st = %s(b, x.ptr, x.len);\n%s}\n", ind, fn(f, "put"), ind);
        break;
    case B_VARINT: {   /* in the width it has: non-minimal encodings come back byte for byte */
        const Type *t = value_type(f);
        char *off = field_off(f, "v");
        const char *enc = t->leb ? "zc_leb128" : "zc_quic_varint";
        p("%s{\n%s    size_t off = %s;\n", ind, ind, off);
        p("%s    size_t w = off < v.zc_len ? %s_size(v.zc_base + off, v.zc_len - off%s) : 0;\n", ind, enc,
          t->leb ? xformat(", %du", t->vbytes) : "");
        if (f->derived_by) {   /* derived (and grown) by a region that is there, when the shortest */
            char *none = NULL;   /* no region that derives it is there */
            for (int i = 0; i < d->all_fields.len; i++) {
                Field *r = d->all_fields.data[i];
                if (r->derives != f)
                    continue;
                none = r->cond && (!none || strcmp(none, "0") != 0)
                           ? xformat("%s%s!%s(v)", none ? none : "", none ? " && " : "", has_fn(r)) : "0";
            }
            if (!none)
                none = "0";
            p("%s    if (%s%sw != %s_len((uint64_t)%s(v)))\n", ind, strcmp(none, "0") ? none : "",
              strcmp(none, "0") ? " || " : "", enc, acc(f));
            p("%s        st = %s(b, %s(v), w);\n%s}\n", ind, fn(f, "put_width"), acc(f), ind);
        } else {
            p("%s    st = %s(b, %s(v), w);\n%s}\n", ind, fn(f, "put_width"), acc(f), ind);
        }
        break;
    }
    case B_EXTERN:
        p("%s{\n%s    %s x;\n", ind, ind, field_c_type(f));
        if (f->cond || f->sw)
            p("%s    (void)%s(v, &x);\n", ind, acc(f));
        else
            p("%s    x = %s(v);\n", ind, acc(f));
        p("%s    st = %s(b, x.zc_base, x.zc_len);\n%s}\n", ind, fn(f, "put"), ind);
        break;
    case B_STRUCT: {
        Decl *nd = f->type->decl;
        if (view_out_param(f)) {
            p("%s{\n%s    %s e;\n", ind, ind, view_t(nd));
            p("%s    if (!%s(v, &e))\n%s        return zc_fail(ZC_ERR_ABSENT, 0, \"%s\\0\");\n", ind, acc(f), ind, qual(f));
        } else {
            p("%s{\n%s    %s e = %s(v);\n", ind, ind, view_t(nd), acc(f));
        }
        rebuild_nested(f, nd, "e", xformat("%s    ", ind));
        p("%s}\n", ind);
        break;
    }
    case B_ARRAY: {
        Decl *nd = f->type->decl;
        p("%s{\n%s    %s it = %s(v);\n%s    %s e;\n", ind, ind, iter_t(nd), acc(f), ind, view_t(nd));
        p("%s    while (st.code == ZC_OK && %s_next(&it, &e))\n", ind, sname(nd));
        rebuild_nested(f, nd, "e", xformat("%s        ", ind));
        p("%s    if (st.code == ZC_OK)\n%s        st = zc_iter_status(&it);   /* the input's walk stopped */\n", ind, ind);
        p("%s}\n", ind);
        break;
    }
    case B_SWITCH:
        break;
    }
    if (guard)
        p("    }\n");
    p("    if (st.code != ZC_OK)\n        return st;\n");
}

void emit_rebuilders(FILE *o, Program *prog, const char *prefix)
{
    emit_c_output(o, prefix);
    p("/* Rebuilders: each puts every field of a parsed message into a builder,\n"
      "   in schema order, from the view (nested structs and elements begun\n"
      "   and ended in place); lengths, counts and constants are left to the\n"
      "   builder. They call each other. A failure with the builder's own\n"
      "   status still ZC_OK is the input's: an array walk that stops (arrays\n"
      "   by bytes and to the end are checked as they are walked, so a parsed\n"
      "   message may hold one, and no builder writes such bytes). */\n");
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (struct_has_builder(d))
            p("static zc_status %s(%s *b, %s v);\n", rebuild_fn(d), builder_t(d), view_t(d));
    }
    p("\n");
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (!struct_has_builder(d))
            continue;
        build_plan(d);
        p("static zc_status %s(%s *b, %s v)\n{\n    zc_status st = zc_ok();\n\n", rebuild_fn(d), builder_t(d),
          view_t(d));
        for (int j = 0; j < d->all_fields.len; j++)
            rebuild_field(d, d->all_fields.data[j]);
        p("    (void)b;\n    (void)v;\n    return st;\n}\n\n");
    }
}
