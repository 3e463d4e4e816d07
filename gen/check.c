/*
 * check.c - the syntax tree -> a checked model: every name resolved, every
 * type known, every expression proven free of overflow, then each struct
 * handed to layout.c.
 *
 * Expressions are evaluated by generated code in int64_t. Here each one gets
 * the interval [lo, hi] of values it can take (fields range over their
 * width), and any intermediate result that could leave int64_t is a schema
 * error, so generated arithmetic can never overflow.
 */
#include "zcc.h"
#include "names.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static Map decls;          /* name -> Decl* across all modules */
static Decl *cur_enum;     /* the enum whose members are being checked */
static int cur_member;     /* ... and the index of the member */
static Program *prog;
static Vec done;           /* decls in the order their checks completed */

/* ---- types -------------------------------------------------------------- */

static Type *new_type(TypeKind kind, int bits, ByteOrder order)
{
    Type *t = xalloc(sizeof(Type));
    t->kind = kind;
    t->bits = bits;
    t->order = order;
    return t;
}

/* The variable-length integers: `quic_varint`, and `leb128` whose maximum
   length check_type_arg() fills in from `leb128(N)`. */
static Type *varint_type(const char *name)
{
    Type *t = NULL;
    if (strcmp(name, "quic_varint") == 0) {
        t = new_type(T_VARINT, 62, ORD_NONE);
        t->vbytes = 8;
    } else if (strcmp(name, "leb128") == 0) {
        t = new_type(T_VARINT, 0, ORD_NONE);
        t->leb = true;
    }
    return t;
}

/* "u8", "u1".."u64", "be16".."le64", the varints, or NULL. */
static Type *builtin_type(const char *name)
{
    const char *digits = NULL;
    ByteOrder order = ORD_NONE;
    if (varint_type(name))
        return varint_type(name);
    bool is_signed = name[0] == 'i' && name[1] != '\0';
    if (is_signed)   /* iN, ibeN, ileN: the signed spellings of uN, beN, leN */
        name++;
    if (name[0] == 'u' && !is_signed)
        digits = name + 1;
    else if (is_signed && name[0] >= '0' && name[0] <= '9')
        digits = name;
    else if (strncmp(name, "be", 2) == 0 || strncmp(name, "le", 2) == 0) {
        digits = name + 2;
        order = name[0] == 'b' ? ORD_BE : ORD_LE;
    } else
        return NULL;
    if (!*digits || *digits == '0' || strlen(digits) > 2)
        return NULL;
    int bits = 0;
    for (const char *p = digits; *p; p++) {
        if (*p < '0' || *p > '9')
            return NULL;
        bits = bits * 10 + (*p - '0');
    }
    Type *t = NULL;
    if (order == ORD_NONE)
        t = bits >= (is_signed ? 2 : 1) && bits <= 64 ? new_type(T_UINT, bits, ORD_NONE) : NULL;
    else if (bits == 16 || bits == 32 || bits == 64)
        t = new_type(T_WIRE, bits, order);
    if (t)
        t->is_signed = is_signed;
    return t;
}

/* ---- warnings ----------------------------------------------------------- */

/* Whether @allow(...) names warning w. */
static bool allows(const Attr *a, Warning w)
{
    if (strcmp(a->name, "allow") != 0)
        return false;
    for (int i = 0; i < a->args.len; i++) {
        const AttrArg *arg = a->args.data[i];
        if (!arg->value && warning_lookup(arg->word) == (int)w)
            return true;
    }
    return false;
}

/* Whether warning w is to be given for a field with these attributes
   (NULL: not about one field) in struct or enum d: not silenced by -w or
   -Wno-NAME, nor by @allow(NAME) on the field or on d. */
static bool warn_on(Warning w, const Vec *attrs, const Decl *d)
{
    if (!warning_enabled(w))
        return false;
    for (int i = 0; attrs && i < attrs->len; i++)
        if (allows(attrs->data[i], w))
            return false;
    for (int i = 0; d && i < d->allows.len; i++)
        if (allows(d->allows.data[i], w))
            return false;
    return true;
}

/* `@allow(NAME, ...)`: every NAME a warning zerocast gives. */
static void check_allow(const Attr *a)
{
    if (a->args.len == 0) {
        diag_error(a->loc, "'@allow' needs the warning it silences, as in '@allow(unused_length)'");
        return;
    }
    for (int i = 0; i < a->args.len; i++) {
        const AttrArg *arg = a->args.data[i];
        if (arg->value) {
            diag_error(arg->loc, "'@allow' takes warning names only, as in '@allow(unused_length)'");
            continue;
        }
        if (warning_lookup(arg->word) >= 0)
            continue;
        const char *best = warning_suggest(arg->word);
        char *us = xstrdup(best ? best : "");
        for (char *q = us; *q; q++)
            if (*q == '-')
                *q = '_';
        diag_error(arg->loc, "'%s' is not a zerocast warning%s%s%s (the warnings are always_true, "
                   "duplicate_enum_value, redundant_attribute and unused_length)", arg->word,
                   best ? "; did you mean '" : "", us, best ? "'?" : "");
    }
}

/* ---- suggestions -------------------------------------------------------- */

static const char *const builtin_names[] = {
    "u8", "be16", "be32", "be64", "le16", "le32", "le64",
    "i8", "ibe16", "ibe32", "ibe64", "ile16", "ile32", "ile64",
    "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u12", "u13", "u20", "u24",
    "quic_varint", "leb128", NULL
};

/* Picks the closest of `cands` to `name`, if it is close enough. */
static const char *closest(const char *name, const char *best, const char *cand)
{
    int len = (int)strlen(name);
    int limit = len < 3 ? 0 : len / 3 > 1 ? len / 3 : 1;
    int d = edit_distance(name, cand);
    if (d > limit || strcmp(name, cand) == 0)
        return best;
    if (!best)
        return cand;
    int db = edit_distance(name, best);
    if (d != db)
        return d < db ? cand : best;
    /* a tie: prefer the longer common prefix ("be61" -> "be64", not "be16") */
    size_t pc = 0, pb = 0;
    while (name[pc] && name[pc] == cand[pc])
        pc++;
    while (name[pb] && name[pb] == best[pb])
        pb++;
    return pc > pb ? cand : best;
}

static const char *suggest_type(const char *name)
{
    const char *best = NULL;
    for (const char *const *b = builtin_names; *b; b++)
        best = closest(name, best, *b);
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind != D_CONST && d->kind != D_STACK)
            best = closest(name, best, d->name);
    }
    return best;
}

/* ---- declarations ------------------------------------------------------- */

static void check_decl(Decl *d);

/* "zc", "zc_..." and "ZC_..." belong to the runtime. */
static bool reserved_name(const char *name)
{
    return (name[0] == 'z' || name[0] == 'Z') && (name[1] == 'c' || name[1] == 'C') &&
           (name[2] == '\0' || name[2] == '_');
}


static const char *decl_kind_name(DeclKind k)
{
    return k == D_STRUCT ? "struct" : k == D_ENUM ? "enum" : k == D_EXTERN ? "extern type" :
           k == D_STACK ? "stack" : "constant";
}

/* C's names for integer types, and the zerocast types that hold them:
   a multi-byte one says its byte order. */
static const char *const c_type_names[][2] = {
    { "uint8_t", "'u8'" }, { "u_int8_t", "'u8'" }, { "__u8", "'u8'" }, { "char", "'u8'" },
    { "unsigned char", "'u8'" }, { "byte", "'u8'" }, { "int8_t", "'i8'" }, { "__s8", "'i8'" },
    { "uint16_t", "'be16' (network byte order) or 'le16'" }, { "u_int16_t", "'be16' (network byte order) or 'le16'" },
    { "__u16", "'be16' (network byte order) or 'le16'" }, { "__be16", "'be16'" }, { "__le16", "'le16'" },
    { "short", "'ibe16' or 'ile16'" }, { "int16_t", "'ibe16' (network byte order) or 'ile16'" },
    { "uint32_t", "'be32' (network byte order) or 'le32'" }, { "u_int32_t", "'be32' (network byte order) or 'le32'" },
    { "__u32", "'be32' (network byte order) or 'le32'" }, { "__be32", "'be32'" }, { "__le32", "'le32'" },
    { "int", "'ibe32' or 'ile32'" }, { "int32_t", "'ibe32' (network byte order) or 'ile32'" },
    { "uint64_t", "'be64' (network byte order) or 'le64'" }, { "u_int64_t", "'be64' (network byte order) or 'le64'" },
    { "__u64", "'be64' (network byte order) or 'le64'" }, { "__be64", "'be64'" }, { "__le64", "'le64'" },
    { "int64_t", "'ibe64' (network byte order) or 'ile64'" },
    { "i16", "'ibe16' (network byte order) or 'ile16'" }, { "i32", "'ibe32' (network byte order) or 'ile32'" },
    { "i64", "'ibe64' (network byte order) or 'ile64'" },
};

static Type *resolve_type(const char *name, Loc loc)
{
    Type *t = builtin_type(name);
    if (t)
        return t;
    Decl *d = map_get(&decls, name);
    if (!d) {
        for (size_t i = 0; i < sizeof c_type_names / sizeof c_type_names[0]; i++)
            if (strcmp(name, c_type_names[i][0]) == 0) {
                diag_error(loc, "unknown type '%s'; did you mean %s?", name, c_type_names[i][1]);
                return NULL;
            }
        const char *s = suggest_type(name);
        if (strcmp(name, "u16") == 0 || strcmp(name, "u32") == 0)
            s = NULL;
        if (s)
            diag_error(loc, "unknown type '%s'; did you mean '%s'?", name, s);
        else
            diag_error(loc, "unknown type '%s'", name);
        return NULL;
    }
    if (d->kind == D_CONST || d->kind == D_STACK) {
        diag_error(loc, "'%s' is a %s, not a type", name, decl_kind_name(d->kind));
        diag_note(d->loc, "'%s' is defined here", name);
        return NULL;
    }
    check_decl(d);
    if (d->kind == D_ENUM) {
        if (!d->base)
            return NULL;
        t = new_type(T_ENUM, d->base->bits, d->base->order);
        t->base = d->base;
    } else if (d->kind == D_EXTERN) {
        t = new_type(T_EXTERN, 0, ORD_NONE);
    } else {
        t = new_type(T_STRUCT, 0, ORD_NONE);
    }
    t->decl = d;
    return t;
}

/* ---- expressions -------------------------------------------------------- */

typedef struct {
    Decl *st;           /* struct whose fields are in scope, or NULL */
    int limit;          /* fields [0, limit) are visible */
    int depth;
    bool too_deep;      /* already reported */
    Field *self;        /* a constraint's own field (may be a case field) */
} Scope;

static bool check_expr(Expr *e, Scope *sc);

static bool add_ov(int64_t a, int64_t b, int64_t *r) { return __builtin_add_overflow(a, b, r); }
static bool sub_ov(int64_t a, int64_t b, int64_t *r) { return __builtin_sub_overflow(a, b, r); }
static bool mul_ov(int64_t a, int64_t b, int64_t *r) { return __builtin_mul_overflow(a, b, r); }

static bool overflow(Expr *e)
{
    diag_error(e->loc, "expression may overflow: its value can leave the 64-bit signed range");
    return false;
}

static Field *find_field(Decl *st, const char *name)
{
    return map_get(&st->field_map, name);
}

/* Checked expressions are integers (comparisons give 0 or 1). */
static bool type_is_integer_expr(const Expr *e)
{
    return !e->field || type_is_integer(e->field->type);
}

/* The field whose expressions are being checked (its condition, length,
   constraint; a switch's tag and length): where `remaining` counts from. */
static Field *remaining_at;

/* `remaining`: the bytes from the start of the field it is used by to the
   end of that field's region (the buffer given to *_parse, the region a
   nested struct or an element was given, a switch's length). A struct
   that reads it takes its whole region, so that what its fields read does
   not depend on who parses it (docs/decisions.md). */
static bool check_remaining(Expr *e)
{
    if (!remaining_at) {
        diag_error(e->loc, "'remaining' can only be used in the fields of a struct (a condition, a length or a constraint)");
        return false;
    }
    e->kind = EX_REMAINING;
    e->field = remaining_at;
    e->lo = 0;
    e->hi = ZCC_MAX_REGION;
    if (!remaining_at->owner->remaining)
        remaining_at->owner->remaining = e;
    return true;
}

static bool check_name(Expr *e, Scope *sc)
{
    if (strcmp(e->name, "remaining") == 0)
        return check_remaining(e);
    Field *f = sc->st ? find_field(sc->st, e->name) : NULL;
    if (f) {
        if (f->index >= sc->limit) {
            diag_error(e->loc, "field '%s' is used before it is declared", e->name);
            diag_note(f->loc, "'%s' is declared here", f->name);
            return false;
        }
        if (f->sw && f != sc->self) {
            diag_error(e->loc, "'%s' is a case of switch '%s'; case fields cannot be used in expressions",
                       e->name, f->sw->name);
            return false;
        }
        if (f->is_switch) {
            diag_error(e->loc, "'%s' is a switch, not an integer; only integer fields can be used in expressions",
                       e->name);
            return false;
        }
        if (!f->type)
            return false;   /* already diagnosed */
        if (f->array != ARR_NONE || !type_is_integer(f->type)) {
            diag_error(e->loc, "'%s' is %s, not an integer; only integer fields can be used in expressions",
                       e->name, f->array != ARR_NONE ? "an array" : f->type->kind == T_STRUCT ? "a struct"
                                                                   : "of an extern type");
            return false;
        }
        if (type_max(f->type) > (uint64_t)INT64_MAX) {
            diag_error(e->loc, "64-bit field '%s' cannot be used in an expression (its values exceed the signed 64-bit range)",
                       e->name);
            return false;
        }
        f->used = true;
        e->field = f;
        e->lo = type_min(f->type);
        e->hi = (int64_t)type_max(f->type);
        return true;
    }
    Decl *d = map_get(&decls, e->name);
    if (d && d->kind == D_CONST) {
        if (d->state == 1) {
            diag_error(e->loc, "constant '%s' is defined in terms of itself", e->name);
            return false;
        }
        check_decl(d);
        if (!d->ok)
            return false;
        e->cnst = d;
        e->is_const = true;
        e->value = e->lo = e->hi = d->value;
        return true;
    }
    if (d) {
        diag_error(e->loc, "'%s' is %s %s, not a value%s", e->name,
                   d->kind == D_ENUM ? "an" : "a", decl_kind_name(d->kind),
                   d->kind == D_ENUM ? "; name a member as ENUM.MEMBER" : "");
        return false;
    }
    /* `HELLO` for `kind.HELLO`: a member of an enum, named without it */
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *en = prog->decls.data[i];
        for (int j = 0; en->kind == D_ENUM && j < en->members.len; j++) {
            EnumMember *m = en->members.data[j];
            if (strcmp(m->name, e->name) == 0) {
                diag_error(e->loc, "unknown name '%s'; did you mean '%s.%s'? (enum members are named "
                           "with their enum)", e->name, en->name, m->name);
                return false;
            }
        }
    }
    const char *best = NULL;
    if (sc->st) {
        for (int i = 0; i < sc->limit && i < sc->st->fields.len; i++)
            best = closest(e->name, best, ((Field *)sc->st->fields.data[i])->name);
        for (int i = 0; i < sc->st->params.len; i++)
            best = closest(e->name, best, ((Field *)sc->st->params.data[i])->name);
    }
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *c = prog->decls.data[i];
        if (c->kind == D_CONST)
            best = closest(e->name, best, c->name);
    }
    if (best)
        diag_error(e->loc, "unknown name '%s'; did you mean '%s'?", e->name, best);
    else
        diag_error(e->loc, "unknown name '%s'", e->name);
    return false;
}

static bool check_member(Expr *e)
{
    Decl *d = map_get(&decls, e->name);
    if (!d || d->kind != D_ENUM) {
        if (d)
            diag_error(e->loc, "'%s' is a %s, not an enum", e->name, decl_kind_name(d->kind));
        else
            diag_error(e->loc, "unknown enum '%s'", e->name);
        return false;
    }
    check_decl(d);
    const char *best = NULL;
    for (int i = 0; i < d->members.len; i++) {
        EnumMember *m = d->members.data[i];
        if (strcmp(m->name, e->member) == 0) {
            if (d == cur_enum && i >= cur_member) {
                diag_error(e->member_loc, "'%s.%s' is used before it is defined", e->name, e->member);
                return false;
            }
            e->em = m;
            e->is_const = true;
            if (m->value > (uint64_t)INT64_MAX) {
                diag_error(e->loc, "enum member value is too large for an expression");
                return false;
            }
            e->value = e->lo = e->hi = (int64_t)m->value;
            return true;
        }
        best = closest(e->member, best, m->name);
    }
    if (best)
        diag_error(e->member_loc, "enum '%s' has no member '%s'; did you mean '%s'?", e->name, e->member, best);
    else
        diag_error(e->member_loc, "enum '%s' has no member '%s'", e->name, e->member);
    return false;
}

/* `field OP constant` where the constant lies outside the field's range. */
/* Reports `x OP constant` with the constant outside x's range; returns
   false if it did (the expression is then in error). */
static bool check_comparison_range(Expr *e, Expr *fe, Expr *ce)
{
    if (fe->is_const || !ce->is_const)
        return true;
    if (ce->value >= fe->lo && ce->value <= fe->hi)
        return true;
    Field *f = fe->field;
    const char *what = ce->kind == EX_NUM ? "integer literal" : "value";
    if (!f)
        diag_error(ce->loc, "%s %lld is outside the range %lld..%lld of the other operand, so the comparison '%s' is constant",
                   what, (long long)ce->value, (long long)fe->lo, (long long)fe->hi, op_text(e->op));
    else if (f->type->kind == T_ENUM || int_type(f->type)->kind == T_WIRE || int_type(f->type)->kind == T_VARINT ||
             int_type(f->type)->bits % 8 == 0)
        diag_error(ce->loc, "%s %lld is out of range for field '%s' of type %s (%lld..%llu)",
                   what, (long long)ce->value, f->name, type_schema_name(f->type),
                   (long long)type_min(f->type), (unsigned long long)type_max(f->type));
    else
        diag_error(ce->loc, "value %lld does not fit in %d-bit field '%s' (%lld..%llu); the comparison '%s' is constant",
                   (long long)ce->value, int_type(f->type)->bits, f->name,
                   (long long)type_min(f->type), (unsigned long long)type_max(f->type), op_text(e->op));
    return false;
}

/* Comparing an enum field with a member of another enum. */
static void check_enum_mix(Expr *fe, Expr *me)
{
    if (!fe->field || !me->em || fe->field->type->kind != T_ENUM)
        return;
    Decl *fen = fe->field->type->decl, *men = me->em->owner;
    if (fen != men)
        diag_error(me->loc, "'%s' is of enum '%s' but is compared with a member of enum '%s'",
                   fe->field->name, fen->name, men->name);
}

/* The range of a comparison: [1,1] or [0,0] when the operands' ranges
   decide it, else [0,1]. Ranges here never include negative truth values:
   logical results are 0 or 1. */
static void compare_range(Expr *e, Expr *l, Expr *r)
{
    bool always = false, never = false;
    switch (e->op) {
    case OP_LT: always = l->hi < r->lo; never = l->lo >= r->hi; break;
    case OP_LE: always = l->hi <= r->lo; never = l->lo > r->hi; break;
    case OP_GT: always = l->lo > r->hi; never = l->hi <= r->lo; break;
    case OP_GE: always = l->lo >= r->hi; never = l->hi < r->lo; break;
    case OP_EQ:
        always = l->lo == l->hi && r->lo == r->hi && l->lo == r->lo;
        never = l->hi < r->lo || r->hi < l->lo;
        break;
    case OP_NE:
        always = l->hi < r->lo || r->hi < l->lo;
        never = l->lo == l->hi && r->lo == r->hi && l->lo == r->lo;
        break;
    default: break;
    }
    e->lo = always ? 1 : 0;
    e->hi = never ? 0 : 1;
}

/* ---- bitwise operators and shifts (& | ^ ~ << >>) ----------------------- */

/* The smallest k (0..63) such that every value of [lo, hi] lies in
   [-2^k, 2^k - 1]: the bits of two's complement that can differ from the
   sign. & | ^ of two such values stay in that range. */
static int bit_span(int64_t lo, int64_t hi)
{
    int k = 0;
    while (k < 63 && (lo < -((int64_t)1 << k) || hi > ((int64_t)1 << k) - 1))
        k++;
    return k;
}

/* 2^k - 1 for the smallest k with 2^k - 1 >= hi (hi >= 0): every value
   that | or ^ of values in [0, hi] can take. */
static int64_t ones_above(int64_t hi)
{
    int k = bit_span(0, hi);
    return k == 63 ? INT64_MAX : ((int64_t)1 << k) - 1;
}

/* The range of l & r, l | r, l ^ r. With a non-negative operand the
   result of & lies between 0 and it (a constant mask gives x & 0x0f the
   range 0..15); | and ^ of non-negative operands stay below the next
   power of two; otherwise the result keeps to the operands' bit span. */
static void bitwise_range(Expr *e, Expr *l, Expr *r)
{
    int k = bit_span(l->lo < r->lo ? l->lo : r->lo, l->hi > r->hi ? l->hi : r->hi);
    int64_t span_lo = k == 63 ? INT64_MIN : -((int64_t)1 << k);
    int64_t span_hi = k == 63 ? INT64_MAX : ((int64_t)1 << k) - 1;
    bool ln = l->lo >= 0, rn = r->lo >= 0;
    switch (e->op) {
    case OP_BITAND:
        if (ln && rn) {
            e->lo = 0;
            e->hi = l->hi < r->hi ? l->hi : r->hi;
        } else if (ln || rn) {
            e->lo = 0;
            e->hi = ln ? l->hi : r->hi;
        } else {
            e->lo = span_lo;
            e->hi = l->hi > r->hi ? l->hi : r->hi;
            if (e->hi < 0)
                e->hi = -1;   /* both negative: so is the result */
        }
        break;
    case OP_BITOR:
        if (ln && rn) {
            e->lo = l->lo > r->lo ? l->lo : r->lo;
            e->hi = ones_above(l->hi > r->hi ? l->hi : r->hi);
        } else {
            e->lo = l->lo < r->lo ? l->lo : r->lo;
            e->hi = span_hi;
        }
        break;
    default:   /* OP_BITXOR */
        if (ln && rn) {
            e->lo = 0;
            e->hi = ones_above(l->hi > r->hi ? l->hi : r->hi);
        } else {
            e->lo = span_lo;
            e->hi = span_hi;
        }
        break;
    }
}

/* Whether e is a comparison written without parentheses of its own. */
static bool bare_comparison(const Expr *e)
{
    if (e->kind != EX_BINARY || e->op < OP_LT || e->op > OP_NE)
        return false;
    const char *t = loc_text(e->loc);
    return t[0] != '(';
}

/* `len & 3 == 0` is `len & (3 == 0)` in C, and in the schema language:
   a bitwise operand that is a bare comparison is refused with the
   spelling that was probably meant (gcc only warns: -Wparentheses). */
static bool check_bitwise_operands(Expr *e)
{
    Expr *cmp = bare_comparison(e->lhs) ? e->lhs : bare_comparison(e->rhs) ? e->rhs : NULL;
    if (!cmp)
        return true;
    bool left = cmp == e->rhs;   /* `a & b == c`: the comparison is on the right */
    Expr *other = left ? e->lhs : e->rhs;
    Expr *inner = left ? cmp->lhs : cmp->rhs;
    Expr *outer = left ? cmp->rhs : cmp->lhs;
    char *meant = left ? xformat("(%s %s %s) %s %s", loc_text(other->loc), op_text(e->op), loc_text(inner->loc),
                                 op_text(cmp->op), loc_text(outer->loc))
                       : xformat("%s %s (%s %s %s)", loc_text(outer->loc), op_text(cmp->op), loc_text(inner->loc),
                                 op_text(e->op), loc_text(other->loc));
    diag_error(cmp->loc, "'%s' binds more tightly than '%s' (as in C); write '%s', or put the comparison in parentheses",
               op_text(cmp->op), op_text(e->op), meant);
    return false;
}

/* ~x = -x - 1: never overflows. */
static void check_complement(Expr *e)
{
    Expr *x = e->lhs;
    e->lo = -1 - x->hi;
    e->hi = -1 - x->lo;
    if (x->is_const) {
        e->is_const = true;
        e->value = e->lo = e->hi = ~x->value;
    }
}

/* l << r and l >> r: defined behaviour in C and C++ only for a count
   proven in 0..62 and a non-negative left operand (<< also must not
   overflow). Anything else is refused: the generated code never shifts
   what it has not proven. */
static bool check_shift(Expr *e, Expr *l, Expr *r)
{
    if (r->lo < 0 || r->hi > 62) {
        diag_error(r->loc, "the shift count of '%s' must lie in 0..62, but its range is %lld..%lld",
                   op_text(e->op), (long long)r->lo, (long long)r->hi);
        return false;
    }
    if (l->lo < 0) {
        diag_error(l->loc, "the left operand of '%s' may be negative (its range is %lld..%lld); only non-negative values can be shifted",
                   op_text(e->op), (long long)l->lo, (long long)l->hi);
        return false;
    }
    if (e->op == OP_SHR) {
        e->lo = l->lo >> r->hi;
        e->hi = l->hi >> r->lo;
        return true;
    }
    if (l->hi > (INT64_MAX >> r->hi))
        return overflow(e);
    e->lo = l->lo << r->lo;
    e->hi = l->hi << r->hi;
    return true;
}

static bool check_binary(Expr *e, Scope *sc)
{
    Expr *l = e->lhs, *r = e->rhs;
    bool ok_l = check_expr(l, sc);
    bool ok_r = check_expr(r, sc);
    if (!ok_l || !ok_r)
        return false;

    int64_t a, b, c, d;
    switch (e->op) {
    case OP_ADD:
        if (add_ov(l->lo, r->lo, &e->lo) || add_ov(l->hi, r->hi, &e->hi))
            return overflow(e);
        break;
    case OP_SUB:
        if (sub_ov(l->lo, r->hi, &e->lo) || sub_ov(l->hi, r->lo, &e->hi))
            return overflow(e);
        break;
    case OP_MUL:
        if (mul_ov(l->lo, r->lo, &a) || mul_ov(l->lo, r->hi, &b) ||
            mul_ov(l->hi, r->lo, &c) || mul_ov(l->hi, r->hi, &d))
            return overflow(e);
        e->lo = a < b ? a : b;
        e->lo = c < e->lo ? c : e->lo;
        e->lo = d < e->lo ? d : e->lo;
        e->hi = a > b ? a : b;
        e->hi = c > e->hi ? c : e->hi;
        e->hi = d > e->hi ? d : e->hi;
        break;
    case OP_DIV:
    case OP_MOD:
        if (!r->is_const || r->value <= 0) {
            diag_error(r->loc, "the right operand of '%s' must be a positive constant", op_text(e->op));
            return false;
        }
        if (e->op == OP_DIV) {
            e->lo = l->lo / r->value;
            e->hi = l->hi / r->value;
        } else {
            e->lo = l->lo >= 0 ? 0 : -(r->value - 1);
            e->hi = l->hi < r->value - 1 ? (l->hi > 0 ? l->hi : 0) : r->value - 1;
        }
        break;
    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
        if (!check_comparison_range(e, l, r) || !check_comparison_range(e, r, l))
            return false;
        check_enum_mix(l, r);
        check_enum_mix(r, l);
        compare_range(e, l, r);
        break;
    case OP_AND:
        e->lo = l->lo > 0 && r->lo > 0;          /* both always true */
        e->hi = !(l->hi == 0 && l->lo == 0) && !(r->hi == 0 && r->lo == 0);
        break;
    case OP_OR:
        e->lo = l->lo > 0 || r->lo > 0;
        e->hi = !(l->hi == 0 && l->lo == 0 && r->hi == 0 && r->lo == 0);
        break;
    case OP_BITAND: case OP_BITOR: case OP_BITXOR:
        if (!check_bitwise_operands(e))
            return false;
        bitwise_range(e, l, r);
        break;
    case OP_SHL: case OP_SHR:
        if (!check_shift(e, l, r))
            return false;
        break;
    default:
        return false;
    }

    if (l->is_const && r->is_const) {
        int64_t x = l->value, y = r->value, v = 0;
        switch (e->op) {
        case OP_ADD: v = x + y; break;
        case OP_SUB: v = x - y; break;
        case OP_MUL: v = x * y; break;
        case OP_DIV: v = x / y; break;
        case OP_MOD: v = x % y; break;
        case OP_LT: v = x < y; break;
        case OP_LE: v = x <= y; break;
        case OP_GT: v = x > y; break;
        case OP_GE: v = x >= y; break;
        case OP_EQ: v = x == y; break;
        case OP_NE: v = x != y; break;
        case OP_AND: v = x && y; break;
        case OP_OR: v = x || y; break;
        case OP_BITAND: v = x & y; break;
        case OP_BITOR: v = x | y; break;
        case OP_BITXOR: v = x ^ y; break;
        case OP_SHL: v = x << y; break;   /* check_shift(): 0 <= x, 0 <= y <= 62, no overflow */
        case OP_SHR: v = x >> y; break;
        default: break;
        }
        e->is_const = true;
        e->value = e->lo = e->hi = v;
    }
    return true;
}

static bool check_expr(Expr *e, Scope *sc)
{
    if (++sc->depth > ZCC_MAX_EXPR_DEPTH) {
        if (!sc->too_deep)
            diag_error(e->loc, "expression is nested more than %d levels deep", ZCC_MAX_EXPR_DEPTH);
        sc->too_deep = true;
        sc->depth--;
        return false;
    }
    bool ok = true;
    switch (e->kind) {
    case EX_NUM:
        if (e->num > (uint64_t)INT64_MAX) {
            diag_error(e->loc, "integer literal is too large for an expression (the limit is 2^63-1)");
            ok = false;
            break;
        }
        e->is_const = true;
        e->value = e->lo = e->hi = (int64_t)e->num;
        break;
    case EX_NAME:
        ok = check_name(e, sc);
        break;
    case EX_MEMBER:
        ok = check_member(e);
        break;
    case EX_UNARY:
        ok = check_expr(e->lhs, sc);
        if (!ok)
            break;
        if (e->op == OP_NOT) {
            bool nonzero = e->lhs->lo > 0 || e->lhs->hi < 0;
            bool zero = e->lhs->lo == 0 && e->lhs->hi == 0;
            e->lo = zero ? 1 : 0;
            e->hi = nonzero ? 0 : 1;
            if (e->lhs->is_const) {
                e->is_const = true;
                e->value = e->lo = e->hi = !e->lhs->value;
            }
        } else if (e->op == OP_COMPL) {
            check_complement(e);
        } else {
            if (e->lhs->lo == INT64_MIN) {
                ok = overflow(e);
                break;
            }
            e->lo = -e->lhs->hi;
            e->hi = -e->lhs->lo;
            if (e->lhs->is_const) {
                e->is_const = true;
                e->value = e->lo = e->hi = -e->lhs->value;
            }
        }
        break;
    case EX_BINARY:
        ok = check_binary(e, sc);
        break;
    case EX_BYTES:
        diag_error(e->loc, "a byte string is not an integer; it can only be compared with a u8 array in the "
                   "array's constraint: 'u8 magic[4] { magic == \"MQTT\" }'");
        ok = false;
        break;
    case EX_REMAINING:   /* checked before, in a condition shared by cases */
        ok = check_remaining(e);
        break;
    }
    sc->depth--;
    return ok;
}

/* ---- declarations ------------------------------------------------------- */

static void check_const(Decl *d)
{
    Scope sc = { NULL, 0, 0, false, NULL };
    if (!check_expr(d->expr, &sc))
        return;
    if (!d->expr->is_const) {
        diag_error(d->expr->loc, "the value of constant '%s' is not a constant expression", d->name);
        return;
    }
    d->value = d->expr->value;
    if (d->base_name) {
        Type *t = resolve_type(d->base_name, d->base_loc);
        if (!t)
            return;
        if (!type_is_integer(t)) {
            diag_error(d->base_loc, "the type of constant '%s' must be an integer type", d->name);
            return;
        }
        if (d->value < type_min(t) || (d->value >= 0 && (uint64_t)d->value > type_max(t))) {
            diag_error(d->expr->loc, "%s %lld is out of range for constant '%s' of type %s (%lld..%llu)",
                       d->expr->kind == EX_NUM ? "integer literal" : "value", (long long)d->value, d->name, d->base_name,
                       (long long)type_min(t), (unsigned long long)type_max(t));
            return;
        }
        d->base = t;
    }
    d->ok = true;
}

static void check_enum(Decl *d)
{
    for (int i = 0; i < d->allows.len; i++)
        check_allow(d->allows.data[i]);
    Type *t = resolve_type(d->base_name, d->base_loc);
    if (t && t->kind != T_UINT && t->kind != T_WIRE) {
        diag_error(d->base_loc, "the base type of enum '%s' must be an integer type such as u8 or be16", d->name);
        t = NULL;
    }
    if (t && t->is_signed) {   /* docs/decisions.md, "Signed integers" */
        diag_error(d->base_loc, "the base type of enum '%s' must be unsigned; '%s' is a signed type "
                   "(use the unsigned type of the same width, e.g. '%s%s')", d->name, d->base_name,
                   t->kind == T_WIRE ? "" : "u", d->base_name + 1);
        t = NULL;
    }
    d->base = t;
    bool ok = t != NULL;
    Map names = { 0 }, values = { 0 };   /* member name / value -> first member */
    for (int i = 0; i < d->members.len; i++) {
        EnumMember *m = d->members.data[i];
        EnumMember *first = map_get(&names, m->name);
        if (first) {
            diag_error(m->loc, "duplicate member '%s' in enum '%s'", m->name, d->name);
            diag_note(first->loc, "'%s' was first declared here", first->name);
            ok = false;
        } else {
            map_put(&names, m->name, m);
        }
        Scope sc = { NULL, 0, 0, false, NULL };
        cur_enum = d;
        cur_member = i;
        bool good = check_expr(m->value_expr, &sc);
        cur_enum = NULL;
        if (!good) {
            ok = false;
            continue;
        }
        if (!m->value_expr->is_const) {
            diag_error(m->value_expr->loc, "the value of enum member '%s' is not a constant expression", m->name);
            ok = false;
            continue;
        }
        int64_t v = m->value_expr->value;
        if (t && (v < 0 || (uint64_t)v > type_max(t))) {
            diag_error(m->value_expr->loc, "integer literal %lld is out of range for enum '%s' of base type %s (0..%llu)",
                       (long long)v, d->name, d->base_name, (unsigned long long)type_max(t));
            ok = false;
            continue;
        }
        m->value = (uint64_t)v;
        /* a value written as another member's name is a deliberate alias */
        bool alias = m->value_expr->kind == EX_MEMBER && m->value_expr->em &&
                     m->value_expr->em->owner == d;
        char *key = xformat("%llu", (unsigned long long)m->value);
        EnumMember *same = map_get(&values, key);
        if (!same)
            map_put(&values, key, m);
        else if (!alias && strcmp(same->name, m->name) != 0 && warn_on(W_DUPLICATE_ENUM_VALUE, NULL, d)) {
            diag_warning(W_DUPLICATE_ENUM_VALUE, m->loc, "enum '%s': '%s' has the same value (%llu) as '%s'", d->name,
                         m->name, (unsigned long long)m->value, same->name);
            diag_note(same->loc, "'%s' is declared here", same->name);
        }
    }
    if (d->members.len == 0) {
        diag_error(d->loc, "enum '%s' has no members", d->name);
        ok = false;
    }
    d->ok = ok;
}

/* Checks a boolean condition (`if`, a case match) over fields before
   `limit`; false if it has errors. A condition that never holds is an
   error, one that always holds a warning. */
static bool check_condition(Decl *st, Expr *c, int limit, const char *what, const char *name, const Vec *attrs)
{
    Scope sc = { st, limit, 0, false, NULL };
    if (!check_expr(c, &sc))
        return false;
    if (c->lo == 0 && c->hi == 0) {
        diag_error(c->loc, "the condition of %s '%s' can never hold", what, name);
        return false;
    }
    if ((c->lo > 0 || c->hi < 0) && warn_on(W_ALWAYS_TRUE, attrs, st))
        diag_warning(W_ALWAYS_TRUE, c->loc, "the condition of %s '%s' always holds", what, name);
    return true;
}

/* ---- parameters (issue #18 item 3) ------------------------------------- */

/* A field named like a parameter of its struct would hide it in every
   expression after it. */
static void shadows_param(Decl *st, Field *f, Field *param)
{
    diag_error(f->loc, "field '%s' has the name of a parameter of struct '%s', which it would hide", f->name,
               st->name);
    diag_note(param->loc, "parameter '%s' is declared here", param->name);
}

/* "u8 asn_size, u4 qos": a struct's parameters, for messages. */
static char *param_list(Decl *d)
{
    char *s = "";
    for (int i = 0; i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        s = xformat("%s%s%s %s", s, i ? ", " : "", pa->type_name, pa->name);
    }
    return s;
}

/* `struct S(u8 a, u16 b { b > 0 })`: each parameter an unsigned integer of
   at most 32 bits (a host value; wide enough for every length and count of
   a message, and its products stay well inside int64_t), with a unique name;
   all of them are names in the struct's expressions, like fields before
   the first one. Returns false on errors. */
static bool check_params(Decl *d)
{
    bool ok = true;
    for (int i = 0; i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        pa->owner = d;
        if (reserved_name(pa->name)) {
            diag_error(pa->loc, "'%s': names 'zc' and 'zc_...' are reserved for zerocast", pa->name);
            ok = false;
        }
        Field *o = find_field(d, pa->name);
        if (o) {
            diag_error(pa->loc, "duplicate parameter '%s' of struct '%s'", pa->name, d->name);
            diag_note(o->loc, "'%s' was first declared here", o->name);
            ok = false;
            continue;
        }
        map_put(&d->field_map, pa->name, pa);
        Type *t = resolve_type(pa->type_name, pa->type_loc);
        if (!t) {
            ok = false;
            continue;
        }
        if (t->kind != T_UINT || t->bits > 32) {
            diag_error(pa->type_loc, "parameter '%s' must be an unsigned integer of 1 to 32 bits (u1 .. u32), "
                       "not '%s'", pa->name, type_schema_name(t));
            ok = false;
            continue;
        }
        pa->type = t;
    }
    for (int i = 0; ok && i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        if (!pa->constraint)
            continue;
        Scope sc = { d, 0, 0, false, pa };
        if (!check_expr(pa->constraint, &sc)) {
            ok = false;
            continue;
        }
        Expr *c = pa->constraint;
        if (c->lo == 0 && c->hi == 0) {
            diag_error(c->loc, "constraint on parameter '%s' can never hold: every struct %s would be rejected",
                       pa->name, d->name);
            ok = false;
        } else if ((c->lo > 0 || c->hi < 0) && warn_on(W_ALWAYS_TRUE, NULL, d)) {
            diag_warning(W_ALWAYS_TRUE, c->loc, "constraint on parameter '%s' always holds and checks nothing", pa->name);
        }
    }
    return ok;
}

/* The arguments of `S(a, b) f`: as many as S has parameters, each an
   integer expression over the fields before f (and the parameters of f's
   struct) whose every possible value fits its parameter's type, so the
   generated code passes it unchanged. */
static bool check_args(Decl *st, Field *f, Type *t)
{
    Decl *nd = t->kind == T_STRUCT ? t->decl : NULL;
    int want = nd ? nd->params.len : 0;
    const char *nm = nd && nd->head_of ? nd->head_of->name : nd ? nd->name : "";   /* S for S_head */
    if (!nd && f->args.len) {
        diag_error(f->args_loc, "type '%s' takes no argument; only leb128(N) and structs with parameters do",
                   f->type_name);
        return false;
    }
    if (want == 0 && f->args.len) {
        diag_error(f->args_loc, "struct '%s' has no parameters, but '%s' gives it %d argument%s", nm,
                   f->name, f->args.len, f->args.len == 1 ? "" : "s");
        diag_note(nd->loc, "'%s' is defined here", nm);
        return false;
    }
    if (want != f->args.len) {
        if (f->args.len == 0)
            diag_error(f->type_loc, "struct '%s' takes %d argument%s (%s): write '%s(...) %s'", nm, want,
                       want == 1 ? "" : "s", param_list(nd), nm, f->name);
        else
            diag_error(f->args_loc, "struct '%s' takes %d argument%s (%s), but '%s' gives it %d", nm, want,
                       want == 1 ? "" : "s", param_list(nd), f->name, f->args.len);
        diag_note(nd->loc, "'%s' is defined here", nm);
        return false;
    }
    bool ok = true;
    for (int i = 0; i < f->args.len; i++) {
        Expr *a = f->args.data[i];
        Field *pa = nd->params.data[i];
        Scope sc = { st, f->index, 0, false, NULL };
        if (!check_expr(a, &sc)) {
            ok = false;
            continue;
        }
        if (!type_is_integer_expr(a)) {
            diag_error(a->loc, "an argument must be an integer");
            ok = false;
            continue;
        }
        int64_t max = (int64_t)type_max(pa->type);
        if (a->lo < 0 || a->hi > max) {
            diag_error(a->loc, "argument %d of '%s' (%s %s) can be %lld .. %lld, outside the parameter's range "
                       "0 .. %lld", i + 1, nm, pa->type_name, pa->name, (long long)a->lo, (long long)a->hi,
                       (long long)max);
            diag_note(pa->loc, "parameter '%s' is declared here", pa->name);
            ok = false;
        }
    }
    return ok;
}

/* ---- header-only views (issue #18 item 13) ------------------------------ */

static Attr *find_attr(Field *f, const char *name)
{
    for (int i = 0; i < f->attrs.len; i++)
        if (strcmp(((Attr *)f->attrs.data[i])->name, name) == 0)
            return f->attrs.data[i];
    return NULL;
}

/* S_head for `S f @head`: struct S again, parsed from its own source text
   (every other byte blanked, so that lines and columns stay S's), named
   S_head, its last field, a byte array of computed length, made a
   rest-of-container array `u8 F[]` that keeps the declared length in
   Field.declared. It is emitted in the header of the schema that uses it
   (each part guarded by name, as every struct). NULL on errors. */
static Decl *head_struct(Decl *st, Field *f, Attr *a)
{
    Decl *s = map_get(&decls, f->type_name);
    if (a->args.len) {
        diag_error(a->loc, "'@head' takes no arguments");
        return NULL;
    }
    if (!s || s->kind != D_STRUCT) {
        diag_error(a->loc, "'@head' needs a struct type: '%s' is not one", f->type_name);
        return NULL;
    }
    if (s->head)
        return s->head;
    if (s == st || s->state == 1) {
        diag_error(f->type_loc, "struct '%s' contains itself through '%s' (a '@head' field)", s->name, st->name);
        return NULL;
    }
    check_decl(s);
    if (!s->ok)
        return NULL;   /* its own errors are reported */
    Field *last = s->fields.data[s->fields.len - 1];
    if (last->array == ARR_REST) {
        diag_error(a->loc, "struct '%s' already ends in rest-of-buffer array '%s', which takes what is there: "
                   "use '%s' without '@head'", s->name, last->name, s->name);
        return NULL;
    }
    if (last->is_switch || last->cond || last->array == ARR_NONE || last->type->kind != T_UINT ||
        last->type->bits != 8 || last->fixed_len) {
        diag_error(a->loc, "'@head' cuts short the last field of struct '%s', which must be a byte array of "
                   "computed length ('%s' is not)", s->name, last->name);
        diag_note(last->loc, "'%s' is the last field of '%s'", last->name, s->name);
        return NULL;
    }
    char *name = xformat("%s_head", s->name);
    Decl *clash = map_get(&decls, name);
    if (clash) {
        diag_error(a->loc, "'@head' of struct '%s' is struct '%s', a name already defined", s->name, name);
        diag_note(clash->loc, "'%s' is defined here", name);
        return NULL;
    }
    /* the text of `struct S ... }` alone, at its own offsets */
    Source *src = s->loc.src;
    int from = s->loc.first_offset, to = s->end_loc.last_offset;
    while (from > 0 && strncmp(src->text + from, "struct", 6) != 0)
        from--;
    Source *copy = xalloc(sizeof(Source));
    copy->path = src->path;
    copy->len = src->len;
    copy->text = xstrndup(src->text, src->len);
    for (size_t i = 0; i < copy->len; i++)
        if ((int)i < from || (int)i >= to)
            copy->text[i] = copy->text[i] == '\n' ? '\n' : ' ';
    Module *m = parse_source(copy);
    Decl *h = m->decls.len == 1 ? m->decls.data[0] : NULL;
    if (!h || h->kind != D_STRUCT || h->fields.len != s->fields.len) {
        diag_error(a->loc, "internal error: struct '%s' could not be read again for '@head'", s->name);
        return NULL;
    }
    h->name = name;
    h->mod = st->mod;
    h->head_of = s;
    Field *cut = h->fields.data[h->fields.len - 1];
    cut->declared = cut->len;
    cut->len = NULL;
    cut->array = ARR_REST;
    s->head = h;
    map_put(&decls, name, h);
    check_decl(h);
    return h->ok ? h : NULL;
}

static void check_plain_field(Decl *st, Field *f);
static bool check_trailer_field(Decl *st, Field *f);
static void check_trailer_type(Field *f);

/* `switch (tag) name[region] { case v, ...: field ... default: field }`:
   each case field gets the condition under which it is present. */
static void check_switch(Decl *st, Field *f)
{
    Scope sc = { st, f->index, 0, false, NULL };
    if (!check_expr(f->tag, &sc))
        return;
    if (!type_is_integer_expr(f->tag)) {
        diag_error(f->tag->loc, "a switch needs an integer or enum to switch on");
        return;
    }
    if (f->array == ARR_BYTES) {
        Scope lsc = { st, f->index, 0, false, NULL };
        if (!check_expr(f->len, &lsc))
            return;
    }
    if (f->cases.len == 0) {
        diag_error(f->loc, "switch '%s' has no cases", f->name);
        return;
    }
    Expr *any = NULL;          /* the tag matches some case */
    Case *deflt = NULL;
    bool ok = true;
    Vec seen = { 0 };          /* Expr*: case values so far */
    for (int i = 0; i < f->cases.len; i++) {
        Case *c = f->cases.data[i];
        if (c->is_default) {
            if (deflt) {
                diag_error(c->loc, "switch '%s' has more than one default", f->name);
                diag_note(deflt->loc, "the first default is here");
                ok = false;
            }
            deflt = c;
            continue;
        }
        Expr *match = NULL;
        for (int j = 0; j < c->values.len; j++) {
            Expr *v = c->values.data[j];
            Expr *eq = new_binary(OP_EQ, f->tag, v, v->loc);
            if (!check_expr(eq, &sc)) {
                ok = false;
                continue;
            }
            if (!v->is_const) {
                diag_error(v->loc, "a case value must be a constant");
                ok = false;
                continue;
            }
            for (int k = 0; k < seen.len; k++) {
                Expr *w = seen.data[k];
                if (w->value == v->value) {
                    diag_error(v->loc, "duplicate case value %lld in switch '%s'", (long long)v->value, f->name);
                    diag_note(w->loc, "it is first used here");
                    ok = false;
                }
            }
            vec_push(&seen, v);
            match = match ? new_binary(OP_OR, match, eq, c->loc) : eq;
        }
        if (!match)
            continue;
        c->match = match;
        any = any ? new_binary(OP_OR, any, match, c->loc) : match;
        c->loc = loc_merge(c->loc, ((Expr *)c->values.data[c->values.len - 1])->loc);
        if (c->field)
            c->field->cond = match;
    }
    if (!ok)
        return;
    if (deflt) {
        deflt->match = any ? new_unary(OP_NOT, any, deflt->loc) : NULL;
        if (deflt->match) {
            Scope dsc = { st, f->index, 0, false, NULL };
            if (!check_expr(deflt->match, &dsc))
                return;
        }
        if (deflt->field)
            deflt->field->cond = deflt->match;
    }
    for (int i = 0; i < f->cases.len; i++) {
        Case *c = f->cases.data[i];
        Field *cf = c->field;
        if (!cf)
            continue;
        cf->sw = f;
        cf->owner = st;
        cf->index = f->index;
        Field *o = find_field(st, cf->name);
        if (o && o->is_param) {
            shadows_param(st, cf, o);
        } else if (o && o != cf && !f->sized) {   /* `T x @size(e)`: switch and case share the name */
            diag_error(cf->loc, "duplicate field '%s' in struct '%s'", cf->name, st->name);
            diag_note(o->loc, "'%s' was first declared here", o->name);
        }
        /* the field's condition: the switch's, and the tag matches */
        if (cf->cond && f->cond)
            cf->cond = new_binary(OP_AND, f->cond, cf->cond, cf->cond->loc);
        else if (!cf->cond)
            cf->cond = f->cond;
        if (cf->cond) {
            Scope csc = { st, f->index, 0, false, NULL };
            if (!check_expr(cf->cond, &csc))
                continue;
        }
        remaining_at = cf;
        check_plain_field(st, cf);
        if (f->sized && cf->type && (cf->type->kind != T_STRUCT || cf->array != ARR_NONE))
            diag_error(f->array_loc, "@size applies to a single struct field; '%s' is %s", cf->name,
                       cf->array != ARR_NONE ? "an array (give it a length: '[bytes: e]')"
                                             : xformat("of type %s", type_schema_name(cf->type)));
        remaining_at = f;
    }
}

static void check_field(Decl *st, Field *f)
{
    Field *o = find_field(st, f->name);
    if (o && o->is_param) {
        shadows_param(st, f, o);
    } else if (o && o != f) {
        diag_error(f->loc, "duplicate field '%s' in struct '%s'", f->name, st->name);
        diag_note(o->loc, "'%s' was first declared here", o->name);
    }
    if (reserved_name(f->name))
        diag_error(f->loc, "'%s': names 'zc' and 'zc_...' are reserved for zerocast", f->name);
    if (strcmp(f->name, "remaining") == 0)
        diag_error(f->loc, "'remaining' is the number of bytes left in the struct's region and cannot name a field; rename the field (e.g. 'remaining_%s')",
                   f->is_switch ? "part" : "length");
    remaining_at = f;
    if (f->trailer && !check_trailer_field(st, f))
        return;
    if (f->cond) {
        if (f->named) {
            diag_error(f->cond->loc, "fields of bits group '%s' cannot be conditional", f->named->name);
            return;
        }
        if (!check_condition(st, f->cond, f->index, "field", f->name, &f->attrs))
            return;
    }
    if (f->is_switch) {
        if (f->named) {
            diag_error(f->type_loc, "a switch cannot be part of bits group '%s'", f->named->name);
            return;
        }
        check_switch(st, f);
        if (f->cases.len) {   /* checked; not a value: a placeholder type */
            f->type = new_type(T_STRUCT, 0, ORD_NONE);
            f->type->decl = new_decl(D_STRUCT, "switch", f->loc);
        }
        return;
    }
    check_plain_field(st, f);
    if (f->trailer)
        check_trailer_type(f);
}

static Field *rest_tail(Decl *d);

/* The rest-of-buffer array that field f ends in, if any: f is one, or a
   struct (a case of a switch without a length) that ends in one. */
static Field *field_rest_tail(Field *f)
{
    if (f->is_switch) {
        if (f->array == ARR_BYTES)
            return NULL;   /* its length bounds every case */
        for (int i = 0; i < f->cases.len; i++) {
            Field *cf = ((Case *)f->cases.data[i])->field;
            Field *r = cf && cf->type ? field_rest_tail(cf) : NULL;
            if (r)
                return r;
        }
        return NULL;
    }
    if (f->array == ARR_REST)
        return f;
    if (f->array == ARR_NONE && f->type && f->type->kind == T_STRUCT)
        return rest_tail(f->type->decl);
    return NULL;
}

/* The rest-of-buffer array struct d ends in (its last field, or nested in
   it): such a struct takes every byte of its container that follows it. */
static Field *rest_tail(Decl *d)
{
    if (!d || d->kind != D_STRUCT || d->fields.len == 0)
        return NULL;
    return field_rest_tail(d->fields.data[d->fields.len - 1]);
}

/* A struct that ends in a rest-of-buffer array, used where bytes follow
   it: it would silently swallow them. An error, like a rest array that is
   not last (issue #16). */
static void check_rest_tail(Decl *st, Field *f, Type *t)
{
    Field *r = t->kind == T_STRUCT ? rest_tail(t->decl) : NULL;
    if (!r)
        return;
    if (f->array != ARR_NONE) {
        diag_error(f->type_loc, "the elements of '%s' are struct '%s', which ends in rest-of-buffer array '%s': "
                   "the first element would take all of the array's bytes",
                   f->name, t->decl->name, r->name);
        diag_note(r->loc, "'%s' runs to the end of the buffer; give it a length, or make '%s' a single field",
                  r->name, f->name);
        return;
    }
    bool last = f->index == st->fields.len - 1;
    if (f->sw && f->sw->array == ARR_BYTES)
        return;   /* bounded by the switch's length */
    if (last)
        return;
    Field *next = st->fields.data[f->index + 1];
    diag_error(f->type_loc, "'%s' is struct '%s', which ends in rest-of-buffer array '%s': it would take every byte "
               "after it, and '%s' and the fields after it could never be read",
               f->name, t->decl->name, r->name, next->name);
    diag_note(r->loc, "'%s' runs to the end of the buffer; give it a length, or make '%s' the last field%s",
              r->name, f->sw ? f->sw->name : f->name, f->sw ? " (or give the switch a length)" : "");
}

/* ---- padding and byte-array constants (issue 18, items 4 and 10) -------- */

/* `u8 F[align: N]` / `u8 F[align_except_last: N]`: bytes up to the next
   multiple of N from the start of the struct (layout.c places them). */
static bool check_align(Decl *st, Field *f, Type *t)
{
    const char *how = f->align_except_last ? "align_except_last" : "align";
    if (t->kind != T_UINT || t->bits != 8) {
        diag_error(f->type_loc, "padding '%s[%s: ...]' must be a u8 array, not %s", f->name, how, type_schema_name(t));
        return false;
    }
    Scope sc = { st, f->index, 0, false, NULL };
    if (!check_expr(f->len, &sc))
        return false;
    if (!f->len->is_const || f->len->value < 2 || f->len->value > 65536) {
        diag_error(f->len->loc, "the alignment of padding '%s' must be a constant from 2 to 65536", f->name);
        return false;
    }
    if (f->cond || f->sw || f->named) {
        diag_error(f->array_loc, "padding '%s' cannot be %s: its size follows from its offset in the struct; put it "
                   "in a struct of its own", f->name, f->cond ? "conditional" : f->sw ? "a switch case" : "in a bits group");
        return false;
    }
    if (f->constraint) {
        diag_error(f->constraint->loc, "padding '%s' takes no constraint: its bytes are not checked (RFC 9260 "
                   "section 3.2: the receiver ignores them)", f->name);
        return false;
    }
    if (f->align_except_last && f->index != st->fields.len - 1) {
        diag_error(f->array_loc, "'%s[align_except_last: ...]' must be the last field of struct '%s': it is left "
                   "out only where the struct's bytes end", f->name, st->name);
        return false;
    }
    f->align = (int)f->len->value;
    return true;
}

static bool is_bytes_constraint(const Expr *c)
{
    return c->kind == EX_BINARY && c->op == OP_EQ && (c->lhs->kind == EX_BYTES || c->rhs->kind == EX_BYTES);
}

/* `u8 F[N] { F == "..." }` or `{ F == x"..." }`: the array holds exactly
   these bytes; with a length expression, the constraint fixes it too. */
static bool check_bytes_constraint(Decl *st, Field *f, Type *t)
{
    Expr *c = f->constraint;
    Expr *k = c->lhs->kind == EX_BYTES ? c->lhs : c->rhs, *other = k == c->lhs ? c->rhs : c->lhs;
    (void)st;
    if (other->kind != EX_NAME || strcmp(other->name, f->name) != 0) {
        diag_error(other->loc, "a byte string can only be compared with the array itself: '{ %s == ... }'", f->name);
        return false;
    }
    if (f->array == ARR_NONE || t->kind != T_UINT || t->bits != 8 || f->array == ARR_ALIGN) {
        diag_error(k->loc, "a byte string constant needs a u8 array with a length ('%s' is %s)", f->name,
                   f->array == ARR_ALIGN ? "padding" : f->array == ARR_NONE ? type_schema_name(t) : "an array of structs");
        return false;
    }
    if (f->array == ARR_REST) {
        diag_error(f->array_loc, "a byte string constant needs an array with a length; '%s' runs to the end of the buffer",
                   f->name);
        return false;
    }
    if (k->nbytes == 0) {
        diag_error(k->loc, "the byte string is empty");
        return false;
    }
    if (f->len->is_const && (uint64_t)f->len->value != k->nbytes) {
        diag_error(k->loc, "the byte string has %zu byte%s but array '%s' has %lld", k->nbytes,
                   k->nbytes == 1 ? "" : "s", f->name, (long long)f->len->value);
        return false;
    }
    f->bconst = k;
    return true;
}

/* `T x[until e]`: for bytes e is the terminator, a constant byte; for
   structs a condition over the fields of the element (and constants),
   which ends the array with the element for which it holds. */
/* A name in e that is no field of the element ed but a field of st, the
   struct holding the array (out of reach: docs/decisions.md). */
static Expr *outer_name(Expr *e, Decl *ed, Decl *st)
{
    if (!e)
        return NULL;
    if (e->kind == EX_NAME)
        return !find_field(ed, e->name) && find_field(st, e->name) ? e : NULL;
    Expr *l = outer_name(e->lhs, ed, st);
    return l ? l : outer_name(e->rhs, ed, st);
}

static bool check_until(Decl *st, Field *f, Type *t)
{
    Expr *e = f->until;
    if (t->kind != T_STRUCT) {
        Scope sc = { st, f->index, 0, false, NULL };
        if (!check_expr(e, &sc))
            return false;
        if (!e->is_const || e->value < 0 || e->value > 255) {
            diag_error(e->loc, "the terminator of '%s' must be a constant byte (0..255)", f->name);
            return false;
        }
        f->until_byte = (uint8_t)e->value;
        if (f->until_max) {
            Expr *m = f->until_max;
            Scope msc = { st, f->index, 0, false, NULL };
            if (!check_expr(m, &msc))
                return false;
            if (!m->is_const || m->value < 0 || m->value > INT32_MAX) {
                diag_error(m->loc, "the maximum length of '%s' must be a constant (0..%d)", f->name, INT32_MAX);
                return false;
            }
            f->max_len = m->value;
        }
        return true;
    }
    if (f->until_max) {
        diag_error(f->until_max->loc, "'max' bounds terminated byte strings only; '%s' is an array of struct '%s'",
                   f->name, t->decl->name);
        return false;
    }
    Decl *ed = t->decl;
    Expr *outer = outer_name(e, ed, st);
    if (outer) {
        diag_error(outer->loc, "'%s' is a field of '%s'; the end condition of '%s' can use only the fields of "
                   "its element '%s' and constants", outer->name, st->name, f->name, ed->name);
        return false;
    }
    Scope sc = { ed, ed->fields.len, 0, false, NULL };
    if (!check_expr(e, &sc))
        return false;
    if (e->lo == 0 && e->hi == 0) {
        diag_error(e->loc, "the end condition of '%s' can never hold: the array would never end", f->name);
        return false;
    }
    if ((e->lo > 0 || e->hi < 0) && warn_on(W_ALWAYS_TRUE, &f->attrs, st))
        diag_warning(W_ALWAYS_TRUE, e->loc, "the end condition of '%s' always holds: the array has exactly one element", f->name);
    return true;
}

/* `leb128(N) f`: N is a constant from 1 to 10 (bytes at most; 10 hold 64
   bits); no other type takes an argument, and leb128 needs one. */
static bool check_type_arg(Field *f, Type *t)
{
    bool leb = t->kind == T_VARINT && t->leb;
    if (!f->type_arg) {
        if (leb)
            diag_error(f->type_loc, "'leb128' needs its maximum length in bytes: 'leb128(N) %s;' with N from 1 to 10",
                       f->name);
        return !leb;
    }
    if (!leb) {
        diag_error(f->type_arg->loc, "type '%s' takes no argument; only leb128(N) does", f->type_name);
        return false;
    }
    Scope sc = { NULL, 0, 0, false, NULL };
    if (f->type_arg->kind == EX_NAME && f->owner && find_field(f->owner, f->type_arg->name)) {
        diag_error(f->type_arg->loc, "the maximum length of leb128 must be a constant, not field '%s'",
                   f->type_arg->name);
        return false;
    }
    if (!check_expr(f->type_arg, &sc))
        return false;
    if (!f->type_arg->is_const) {
        diag_error(f->type_arg->loc, "the maximum length of leb128 must be a constant, not '%s'",
                   loc_text(f->type_arg->loc));
        return false;
    }
    if (f->type_arg->value < 1 || f->type_arg->value > 10) {
        diag_error(f->type_arg->loc, "the maximum length of leb128 must be from 1 to 10 bytes, not %lld "
                   "(10 bytes hold 64 bits)", (long long)f->type_arg->value);
        return false;
    }
    t->vbytes = (int)f->type_arg->value;
    t->bits = t->vbytes * 7 > 64 ? 64 : t->vbytes * 7;
    return true;
}

/* A struct that reads `remaining` takes its whole region: like a struct
   ending in a rest-of-buffer array, it must end its container. */
static void check_remaining_tail(Decl *st, Field *f, Type *t)
{
    Decl *nd = t->kind == T_STRUCT ? t->decl : NULL;
    if (!nd || !takes_region(nd) || rest_tail(nd))
        return;   /* a rest tail is reported by check_rest_tail() */
    const char *why = nd->trailer ? "has a trailer" : "reads 'remaining'";
    Loc at = nd->trailer ? nd->trailer->loc : nd->remaining->loc;
    const char *note = nd->trailer ? "its trailer starts here" : "'remaining' is read here";
    if (f->array != ARR_NONE) {
        diag_error(f->type_loc, "the elements of '%s' are struct '%s', which %s and so takes all of "
                   "its region: the first element would take all of the array's bytes",
                   f->name, nd->name, why);
        diag_note(at, "%s", note);
        return;
    }
    if ((f->sw && f->sw->array == ARR_BYTES) || f->index == st->fields.len - 1)
        return;
    Field *next = st->fields.data[f->index + 1];
    diag_error(f->type_loc, "'%s' is struct '%s', which %s and so takes every byte after it: "
               "'%s' and the fields after it could never be read",
               f->name, nd->name, why, next->name);
    diag_note(at, "%s; make '%s' the last field%s", note, f->sw ? f->sw->name : f->name,
              f->sw ? " (or give the switch a length)" : "");
}

/* A field of `trailer { ... }`: a whole-byte integer or enum, optional or
   not, with a constraint or not; the trailer's fields are together. */
static bool check_trailer_field(Decl *st, Field *f)
{
    Field *first = st->trailer;
    for (int i = first->index; i < f->index; i++)
        if (!((Field *)st->fields.data[i])->trailer) {
            diag_error(f->loc, "struct '%s' has more than one trailer", st->name);
            return false;
        }
    if (f->is_switch || f->array != ARR_NONE || f->attrs.len > 0) {
        diag_error(f->is_switch ? f->type_loc : f->array != ARR_NONE ? f->array_loc : f->loc,
                   "a trailer holds integer fields only ('%s' is %s)", f->name,
                   f->is_switch ? "a switch" : f->array != ARR_NONE ? "an array" : "given an attribute");
        return false;
    }
    return true;
}

/* An operand of a trailer field's condition that its place depends on:
   `remaining`, or a trailer field (whose place counts this one). */
static Expr *trailer_cycle(Expr *e)
{
    if (!e || e->is_const)
        return NULL;
    if (e->kind == EX_REMAINING || (e->kind == EX_NAME && e->field && e->field->trailer))
        return e;
    Expr *l = trailer_cycle(e->lhs);
    return l ? l : e->kind == EX_BINARY ? trailer_cycle(e->rhs) : NULL;
}

/* After its type is known: a trailer field is whole bytes, and its
   condition reads only fields before the trailer. */
static void check_trailer_type(Field *f)
{
    Expr *c = trailer_cycle(f->cond);
    if (c) {
        diag_error(c->loc, "the condition of trailer field '%s' cannot read %s: the trailer's place depends on "
                   "the condition (use fields before the trailer)", f->name,
                   c->kind == EX_REMAINING ? "'remaining'" : xformat("trailer field '%s'", c->field->name));
        return;
    }
    if (!f->type)
        return;
    if (!type_is_integer(f->type))
        diag_error(f->type_loc, "a trailer holds integer fields only ('%s' is %s)", f->name,
                   f->type->kind == T_STRUCT ? "a struct" : "of an extern type");
    else if (int_type(f->type)->bits % 8 != 0)
        diag_error(f->type_loc, "trailer field '%s' must be whole bytes, not a %d-bit field", f->name,
                   int_type(f->type)->bits);
}

static void check_plain_field(Decl *st, Field *f)
{
    Attr *head = find_attr(f, "head");
    if (head) {   /* `S f @head`: f is an S_head */
        Decl *h = head_struct(st, f, head);
        if (!h)
            return;
        f->type_name = h->name;
    }
    Decl *nd = map_get(&decls, f->type_name);
    if (nd == st) {
        diag_error(f->type_loc, "struct '%s' cannot contain itself", st->name);
        return;
    }
    if (nd && nd->kind == D_STRUCT && nd->state == 1) {
        diag_error(f->type_loc, "struct '%s' contains itself through '%s'", nd->name, st->name);
        return;
    }
    Type *t = resolve_type(f->type_name, f->type_loc);
    if (!t)
        return;
    if (t->kind == T_STRUCT && !t->decl->ok)
        return;   /* the nested struct's own errors are already reported */
    if (!check_type_arg(f, t))
        return;
    if (!check_args(st, f, t))
        return;

    if (f->array != ARR_NONE && t->kind == T_WIRE)
        f->elem_size = (size_t)t->bits / 8;   /* an array of wire integers */
    if (f->array != ARR_NONE && !(t->kind == T_UINT && t->bits == 8 && !t->is_signed) && t->kind != T_STRUCT &&
        t->kind != T_WIRE) {
        diag_error(f->type_loc, "arrays of %s are not supported; arrays are of u8 (bytes), of wire integers "
                   "(be16, le32, ibe16, ...) or of structs", type_schema_name(t));
        return;
    }
    if (f->array != ARR_NONE && t->kind == T_STRUCT && t->decl->fixed_size && t->decl->min_size == 0) {
        diag_error(f->type_loc, "struct '%s' has size 0, so an array of it could never advance", t->decl->name);
        diag_note(t->decl->loc, "'%s' is defined here", t->decl->name);
        return;
    }
    if (f->array == ARR_REST && f->cond && !f->sw) {
        diag_error(f->cond->loc, "a rest-of-buffer array cannot be conditional");
        return;
    }
    if (f->array == ARR_REST && !f->sw && f->index != st->fields.len - 1) {
        diag_error(f->array_loc, "rest-of-buffer array '%s' must be the last field of struct '%s'",
                   f->name, st->name);
        return;
    }
    if (f->array == ARR_ALIGN && !check_align(st, f, t))
        return;
    if (f->declared) {   /* S_head's last field: the length S declares */
        Scope sc = { st, f->index, 0, false, NULL };
        if (!check_expr(f->declared, &sc))
            return;
    }
    if (f->array == ARR_EXPR || f->array == ARR_BYTES) {
        Scope sc = { st, f->index, 0, false, NULL };
        if (!check_expr(f->len, &sc))
            return;
        if (f->len->is_const) {
            if (f->len->value < 0) {
                diag_error(f->len->loc, "array '%s' has a negative length (%lld)", f->name,
                           (long long)f->len->value);
                return;
            }
            if (t->kind != T_STRUCT && f->elem_size && f->array == ARR_EXPR &&
                (uint64_t)f->len->value > (uint64_t)ZCC_MAX_STRUCT_SIZE / f->elem_size) {
                diag_error(f->len->loc, "array '%s' of %lld elements would be larger than %u bytes", f->name,
                           (long long)f->len->value, ZCC_MAX_STRUCT_SIZE);
                return;
            }
            if (t->kind != T_STRUCT && f->elem_size && f->array == ARR_BYTES &&
                (uint64_t)f->len->value % f->elem_size != 0) {
                diag_error(f->len->loc, "array '%s' of %s elements: %lld bytes is not a whole number of elements",
                           f->name, type_schema_name(t), (long long)f->len->value);
                return;
            }
            if (t->kind != T_STRUCT) {
                f->fixed_len = true;
                /* in bytes; an element count times the element size */
                f->fixed_count = (size_t)f->len->value * (f->elem_size && f->array == ARR_EXPR ? f->elem_size : 1);
            }
        }
    }
    if (f->constraint && is_bytes_constraint(f->constraint)) {
        if (!check_bytes_constraint(st, f, t))
            return;
        f->constraint = NULL;   /* checked by memcmp, not as an expression */
    }
    if (f->array == ARR_UNTIL && !check_until(st, f, t))
        return;
    if (f->constraint) {
        if (f->array != ARR_NONE || !type_is_integer(t)) {
            diag_error(f->constraint->loc, "constraints are not allowed on %s ('%s' is %s)",
                       f->array != ARR_NONE ? "arrays" : t->kind == T_STRUCT ? "struct fields" : "extern fields",
                       f->name,
                       f->array != ARR_NONE ? "an array" : t->kind == T_STRUCT ? "a struct" : "of an extern type");
            return;
        }
        f->type = t;
        Scope sc = { st, f->index + 1, 0, false, f };
        if (!check_expr(f->constraint, &sc))
            return;
        Expr *c = f->constraint;
        if (c->lo == 0 && c->hi == 0) {
            diag_error(c->loc, "constraint on '%s' can never hold: every struct %s would be rejected", f->name,
                       st->name);
            return;
        }
        if ((c->lo > 0 || c->hi < 0) && warn_on(W_ALWAYS_TRUE, &f->attrs, st))
            diag_warning(W_ALWAYS_TRUE, c->loc, "constraint on '%s' always holds and checks nothing", f->name);
    }
    if (t->kind == T_EXTERN && f->array != ARR_NONE) {
        diag_error(f->array_loc, "arrays of extern type '%s' are not supported", t->decl->name);
        return;
    }
    check_rest_tail(st, f, t);
    check_remaining_tail(st, f, t);
    f->type = t;
}

/* A named bit group: a unique name, at least one member, bit fields only. */
static void check_bitgroup(Decl *st, BitGroup *g, Map *seen)
{
    if (reserved_name(g->name))
        diag_error(g->loc, "'%s': names 'zc' and 'zc_...' are reserved for zerocast", g->name);
    Field *clash = find_field(st, g->name);
    if (clash) {
        diag_error(g->loc, "bits group '%s' has the name of a field of struct '%s'", g->name, st->name);
        diag_note(clash->loc, "'%s' is declared here", clash->name);
    }
    BitGroup *o = map_get(seen, g->name);
    if (o) {
        diag_error(g->loc, "duplicate bits group '%s' in struct '%s'", g->name, st->name);
        diag_note(o->loc, "'%s' was first declared here", o->name);
    } else {
        map_put(seen, g->name, g);
    }
    if (g->count == 0)
        diag_error(g->loc, "bits group '%s' has no fields", g->name);
    for (int i = g->first; i < g->first + g->count; i++) {
        Field *f = st->fields.data[i];
        const Type *t = f->type ? int_type(f->type) : NULL;
        if (!f->type)
            continue;   /* already diagnosed */
        if (f->array != ARR_NONE || f->type->kind == T_STRUCT || t->kind != T_UINT)
            diag_error(f->type_loc, "bits group '%s' can hold only bit fields (uN, or enums over uN); '%s' is %s",
                       g->name, f->name, f->array != ARR_NONE ? "an array" : type_schema_name(f->type));
    }
}

/* `@lsb_first` after a struct's or a bits group's name: the only
   attribute there (docs/schema-language.md, "LSB-first bit order"). */
static bool bit_order_attr(const char *attr, Loc loc, const char *what, const char *name)
{
    if (!attr)
        return false;
    if (strcmp(attr, "lsb_first") == 0)
        return true;
    const char *best = closest(attr, NULL, "lsb_first");
    diag_error(loc, "unknown attribute '@%s' of %s '%s'%s%s%s (zerocast knows '@lsb_first' here)", attr, what, name,
               best ? "; did you mean '@" : "", best ? best : "", best ? "'?" : "");
    return false;
}

static void check_bit_order(Decl *d)
{
    d->lsb_first = bit_order_attr(d->attr, d->attr_loc, "struct", d->name);
    for (int i = 0; i < d->bitgroups.len; i++) {
        BitGroup *g = d->bitgroups.data[i];
        g->lsb_first = bit_order_attr(g->attr, g->attr_loc, "bits group", g->name);
        if (g->lsb_first && d->lsb_first && warn_on(W_REDUNDANT_ATTRIBUTE, NULL, d))
            diag_warning(W_REDUNDANT_ATTRIBUTE, g->attr_loc, "'@lsb_first' on bits group '%s' repeats the one of struct '%s'", g->name,
                         d->name);
        g->lsb_first = g->lsb_first || d->lsb_first;
    }
}

/* Whether a field's name says it holds a length: "len", "hlen",
   "total_length", "size", "payload_size"... */
static bool named_like_length(const char *name)
{
    static const char *const endings[] = { "len", "length", "size", NULL };
    size_t n = strlen(name);
    for (const char *const *e = endings; *e; e++) {
        size_t k = strlen(*e);
        if (n >= k && strcasecmp(name + n - k, *e) == 0)
            return true;
    }
    return false;
}

/* Warnings for legal but suspicious structs. */
static void warn_struct(Decl *d)
{
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->type && f->array == ARR_NONE && type_is_integer(f->type) && !f->used &&
            named_like_length(f->name) && warn_on(W_UNUSED_LENGTH, &f->attrs, d))
            diag_warning(W_UNUSED_LENGTH, f->loc, "'%s' looks like a length, but no array length or constraint uses it",
                         f->name);
    }
}

/* ---- field attributes ---------------------------------------------------- */

/* ---- checksum algorithms (issue 18, item 11) ------------------------------ */

/* The algorithm a checksum's first argument names (CSUM_INTERNET for an
   unknown word: check_checksum_kind() reports it). */
static int checksum_alg(const AttrArg *alg)
{
    if (strcmp(alg->word, "crc32c") == 0)
        return CSUM_CRC32C;
    if (strcmp(alg->word, "crc32") == 0)
        return CSUM_CRC32;
    if (strcmp(alg->word, "extern") == 0)
        return CSUM_EXTERN;
    return CSUM_INTERNET;
}

/* The algorithm word and the width of the field it fills: internet needs
   be16 (checked by the caller), the CRCs be32 or le32, an extern function
   any whole integer (u8, be16 .. le64). */
static bool check_checksum_kind(Field *f, AttrArg *alg, Checksum *c)
{
    const Type *t = f->type;
    if (c->alg == CSUM_INTERNET) {
        if (strcmp(alg->word, "internet") != 0 || alg->value) {
            const char *best = closest(alg->word, closest(alg->word, closest(alg->word, NULL, "internet"), "crc32c"), "crc32");
            diag_error(alg->loc, "unknown checksum algorithm '%s'%s%s%s (zerocast knows 'internet' (RFC 1071), 'crc32c', "
                       "'crc32' and 'extern FUNCTION')", alg->word,
                       best ? "; did you mean '" : "", best ? best : "", best ? "'?" : "");
            return false;
        }
        return true;
    }
    if (c->alg == CSUM_EXTERN) {
        if (!alg->value || alg->value->kind != EX_NAME) {
            diag_error(alg->loc, "'extern' needs the name of a function declared with 'extern NAME \"header.h\";'");
            return false;
        }
        Decl *x = map_get(&decls, alg->value->name);
        if (!x || x->kind != D_EXTERN) {
            diag_error(alg->value->loc, "'%s' is not declared with 'extern %s \"header.h\";' (the C header that "
                       "implements the checksum function)", alg->value->name, alg->value->name);
            return false;
        }
        check_decl(x);
        if (!x->ok)
            return false;
        c->fn = x;
        if (!t || f->array != ARR_NONE || t->kind == T_ENUM || !type_is_integer(t) ||
            (t->kind == T_UINT && t->bits != 8)) {
            diag_error(f->type_loc, "an extern checksum fills a whole integer field (u8, be16 .. le64), not '%s%s'",
                       f->type_name, f->array != ARR_NONE ? "[...]" : "");
            return false;
        }
        return true;
    }
    if (alg->value) {
        diag_error(alg->loc, "checksum algorithm '%s' takes no value", alg->word);
        return false;
    }
    if (!t || t->kind != T_WIRE || t->bits != 32 || f->array != ARR_NONE) {
        diag_error(f->type_loc, "a %s checksum field must be 'be32' or 'le32' (32 bits), not '%s%s'", alg->word,
                   f->type_name, f->array != ARR_NONE ? "[...]" : "");
        return false;
    }
    return true;
}

/* The options that are new with item 11: `xor K` (CRCs) and `outer`.
   Returns 1 (taken), 0 (taken, in error) or -1 (not one of them). */
static int check_checksum_option(Field *f, AttrArg *g, Checksum *c)
{
    (void)f;
    if (strcmp(g->word, "xor") == 0) {
        Scope sc = { NULL, 0, 0, false, NULL };
        if (c->alg != CSUM_CRC32C && c->alg != CSUM_CRC32) {
            diag_error(g->loc, "checksum option 'xor' applies to 'crc32c' and 'crc32' only");
            return 0;
        }
        if (c->has_xor) {
            diag_error(g->loc, "checksum option 'xor' given twice");
            return 0;
        }
        if (!g->value) {
            diag_error(g->loc, "'xor' needs a constant: 'xor 0x5354554e'");
            return 0;
        }
        if (!check_expr(g->value, &sc))
            return 0;
        if (!g->value->is_const || g->value->value < 0 || g->value->value > 0xffffffffLL) {
            diag_error(g->value->loc, "the value of 'xor' must be a constant from 0 to 0xffffffff");
            return 0;
        }
        c->has_xor = true;
        c->xor_value = (uint32_t)g->value->value;
        return 1;
    }
    if (strcmp(g->word, "outer") == 0) {
        if (g->value || c->outer) {
            diag_error(g->loc, "checksum option 'outer' given twice or with a value");
            return 0;
        }
        if (c->alg == CSUM_INTERNET) {
            diag_error(g->loc, "checksum option 'outer' applies to 'crc32c', 'crc32' and 'extern' checksums only");
            return 0;
        }
        c->outer = true;
        return 1;
    }
    return -1;
}

/* `@checksum(internet [, before FIELD] [, pseudo PROTOCOL] [, zero_is_none])` */
static void check_checksum(Decl *d, Field *f, Attr *a, Field **first)
{
    Checksum *c = xalloc(sizeof *c);
    bool ok = true;
    c->loc = a->loc;
    const Type *t = f->type;
    AttrArg *alg0 = a->args.data[0];
    c->alg = checksum_alg(alg0);
    if (c->alg == CSUM_INTERNET && strcmp(alg0->word, "internet") == 0 &&
        (!t || t->kind != T_WIRE || t->bits != 16 || t->order != ORD_BE || t->is_signed || f->array != ARR_NONE)) {
        diag_error(f->type_loc, "a checksum field must be 'be16', not '%s%s'", f->type_name,
                   f->array != ARR_NONE ? "[...]" : "");
        ok = false;
    }
    if (!check_checksum_kind(f, alg0, c))
        ok = false;
    if (f->cond || f->sw) {
        diag_error(a->loc, "checksum field '%s' must always be present (not optional, not a switch case)", f->name);
        ok = false;
    }
    if (*first) {
        diag_error(a->loc, "struct '%s' has a second checksum field", d->name);
        diag_note((*first)->loc, "the first is '%s'", (*first)->name);
        ok = false;
    }
    bool seen_before = false, seen_pseudo = false, seen_zero = false;
    for (int i = 1; i < a->args.len; i++) {
        AttrArg *g = a->args.data[i];
        int more = check_checksum_option(f, g, c);
        if (more >= 0) {
            ok = ok && more;
            continue;
        }
        if (c->alg != CSUM_INTERNET && (strcmp(g->word, "pseudo") == 0 || strcmp(g->word, "zero_is_none") == 0)) {
            diag_error(g->loc, "checksum option '%s' applies to the 'internet' checksum only", g->word);
            ok = false;
            continue;
        }
        if (strcmp(g->word, "before") == 0 && !seen_before) {
            seen_before = true;
            if (!g->value || g->value->kind != EX_NAME) {
                diag_error(g->loc, "'before' needs the name of a later field: 'before payload'");
                ok = false;
                continue;
            }
            Field *b = find_field(d, g->value->name);
            if (!b) {
                const char *best = NULL;
                for (int j = 0; j < d->all_fields.len; j++)
                    best = closest(g->value->name, best, ((Field *)d->all_fields.data[j])->name);
                if (best)
                    diag_error(g->value->loc, "no field '%s' in struct '%s'; did you mean '%s'?", g->value->name, d->name, best);
                else
                    diag_error(g->value->loc, "no field '%s' in struct '%s'", g->value->name, d->name);
                ok = false;
            } else if (b->sw || b->index <= f->index) {
                diag_error(g->value->loc, "'before %s': the checksum covers the bytes before a later field of '%s' (not a case)",
                           b->name, d->name);
                ok = false;
            } else {
                c->before = b;
            }
        } else if (strcmp(g->word, "pseudo") == 0 && !seen_pseudo) {
            seen_pseudo = true;
            Scope sc = { NULL, 0, 0, false, NULL };
            if (!g->value) {
                diag_error(g->loc, "'pseudo' needs the IP protocol number: 'pseudo ip_proto.UDP'");
                ok = false;
            } else if (check_expr(g->value, &sc)) {
                if (!g->value->is_const || g->value->value < 0 || g->value->value > 255) {
                    diag_error(g->value->loc, "the pseudo-header protocol must be a constant from 0 to 255");
                    ok = false;
                } else {
                    c->pseudo = true;
                    c->proto = g->value->value;
                }
            } else {
                ok = false;
            }
        } else if (strcmp(g->word, "zero_is_none") == 0 && !g->value && !seen_zero) {
            seen_zero = true;
            c->zero_is_none = true;
        } else if (strcmp(g->word, "before") == 0 || strcmp(g->word, "pseudo") == 0 || strcmp(g->word, "zero_is_none") == 0) {
            diag_error(g->loc, "checksum option '%s' given twice%s", g->word,
                       g->value && strcmp(g->word, "zero_is_none") == 0 ? " or with a value" : "");
            ok = false;
        } else {
            const char *best = closest(g->word, closest(g->word, closest(g->word, NULL, "before"), "pseudo"), "zero_is_none");
            best = closest(g->word, closest(g->word, best, "xor"), "outer");
            diag_error(g->loc, "unknown checksum option '%s'%s%s%s (options: before FIELD, pseudo PROTOCOL, zero_is_none, "
                       "xor K, outer)",
                       g->word, best ? "; did you mean '" : "", best ? best : "", best ? "'?" : "");
            ok = false;
        }
    }
    if (c->outer && (c->before || c->pseudo)) {
        diag_error(a->loc, "checksum option 'outer' (the caller gives the bytes covered) cannot be combined with '%s'",
                   c->before ? "before" : "pseudo");
        ok = false;
    }
    if (ok) {
        f->csum = c;
        *first = f;
    }
}

static bool expr_has_bytes(const Expr *e)
{
    return e && (e->kind == EX_BYTES || expr_has_bytes(e->lhs) || expr_has_bytes(e->rhs));
}

/* Whether e reads field f. */
static bool expr_reads(const Expr *e, const Field *f)
{
    if (!e)
        return false;
    if (e->kind == EX_NAME && e->field == f)
        return true;
    return expr_reads(e->lhs, f) || expr_reads(e->rhs, f);
}

/* An expression of d that places or sizes its fields and reads f (NULL if
   none): a length, a condition, a switch's tag, an argument, `until`. */
static const Expr *layout_reads(Decl *d, const Field *f)
{
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *g = d->all_fields.data[i];
        const Expr *es[] = { g->len, g->cond, g->tag, g->until, g->until_max };
        for (size_t k = 0; k < sizeof es / sizeof es[0]; k++)
            if (expr_reads(es[k], f))
                return es[k];
        for (int k = 0; k < g->args.len; k++)
            if (expr_reads(g->args.data[k], f))
                return g->args.data[k];
    }
    return NULL;
}

/* `F { c } @policy`: c is policy, not structure (issue #24 item 4): the
   caller may relax it (NAME_parse_ex(..., ZC_PARSE_LENIENT, ...)). Only a
   constraint can be so marked, and not one whose field places or sizes
   others: a bad value there is a bad layout, never safe to read on. */
static void check_policy(Decl *d, Field *f, Attr *a)
{
    if (a->args.len > 0) {
        diag_error(((AttrArg *)a->args.data[0])->loc, "'@policy' takes no arguments");
        return;
    }
    if (f->is_param) {
        diag_error(a->loc, "'@policy' marks a field's constraint; '%s' is a parameter of struct '%s'", f->name,
                   d->name);
        return;
    }
    if (f->bconst || (f->constraint && expr_has_bytes(f->constraint))) {
        diag_error(a->loc, "'@policy' marks an integer constraint; '%s' is a byte-string constant", f->name);
        return;
    }
    if (!f->constraint) {
        diag_error(a->loc, "'@policy' marks a constraint, and field '%s' has none (write '%s { ... } @policy')",
                   f->name, f->name);
        return;
    }
    for (int j = 0; j < f->attrs.len && f->attrs.data[j] != a; j++)
        if (strcmp(((Attr *)f->attrs.data[j])->name, "policy") == 0) {
            diag_error(a->loc, "'@policy' is given twice to field '%s'", f->name);
            return;
        }
    const Expr *use = layout_reads(d, f);
    if (use) {
        diag_error(a->loc, "'@policy' cannot relax the constraint of '%s': the layout of struct '%s' depends on "
                   "it", f->name, d->name);
        diag_note(use->loc, "'%s' is read here", f->name);
        return;
    }
    f->policy = true;
}

static void check_attrs(Decl *d)
{
    Field *first = NULL;
    for (int i = 0; i < d->allows.len; i++)
        check_allow(d->allows.data[i]);
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        for (int j = 0; j < f->attrs.len; j++) {
            Attr *a = f->attrs.data[j];
            if (strcmp(a->name, "checksum") == 0 && a->args.len == 0) {
                diag_error(a->loc, "'@checksum' needs its algorithm: '@checksum(internet)'");
                continue;
            }
            if (strcmp(a->name, "checksum") == 0) {
                check_checksum(d, f, a, &first);
                continue;
            }
            if (strcmp(a->name, "@size") == 0) {   /* left on a case field by parser.y */
                diag_error(a->loc, "@size cannot be used on a case of a switch: give the switch a length "
                           "('switch (tag) name[LENGTH]'), which bounds its cases");
                continue;
            }
            if (strcmp(a->name, "head") == 0)
                continue;   /* check_plain_field() */
            if (strcmp(a->name, "allow") == 0) {
                check_allow(a);
                continue;
            }
            if (strcmp(a->name, "policy") == 0) {
                check_policy(d, f, a);
                continue;
            }
            const char *best = closest(a->name, closest(a->name, closest(a->name, NULL, "checksum"), "policy"), "allow");
            diag_error(a->loc, "unknown attribute '@%s'%s%s%s (zerocast knows '@checksum', '@head', '@allow' and '@policy')", a->name,
                       best ? "; did you mean '@" : "", best ? best : "", best ? "'?" : "");
        }
    }
}

static void check_struct(Decl *d)
{
    int errors = diag_error_count();
    bool params_ok = check_params(d);
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (!map_get(&d->field_map, f->name))
            map_put(&d->field_map, f->name, f);
        vec_push(&d->all_fields, f);
        for (int j = 0; f->is_switch && j < f->cases.len; j++) {
            Field *cf = ((Case *)f->cases.data[j])->field;
            if (!cf)
                continue;
            cf->index = f->index;   /* check_switch sets the rest */
            if (!map_get(&d->field_map, cf->name))
                map_put(&d->field_map, cf->name, cf);
            vec_push(&d->all_fields, cf);
        }
    }
    bool typed = params_ok;   /* false: a field's type is unknown or has its own errors */
    for (int i = 0; i < d->fields.len && !diag_too_many(); i++) {
        Field *f = d->fields.data[i];
        check_field(d, f);
        typed = typed && f->type;
        for (int j = 0; f->is_switch && j < f->cases.len; j++) {
            Field *cf = ((Case *)f->cases.data[j])->field;
            typed = typed && (!cf || cf->type);
        }
    }
    Map groups = { 0 };   /* bits group name -> first group so named */
    for (int i = 0; i < d->bitgroups.len; i++)
        check_bitgroup(d, d->bitgroups.data[i], &groups);
    check_bit_order(d);
    if (d->fields.len == 0)
        diag_error(d->loc, "struct '%s' has no fields", d->name);
    if (typed)
        check_attrs(d);
    remaining_at = NULL;
    if (diag_error_count() == errors && typed) {
        layout_struct(d);
        d->ok = diag_error_count() == errors;
    }
    if (d->ok)
        warn_struct(d);
}

/* ---- stacks ------------------------------------------------------------- */

/* A struct named in a stack; NULL if it is not one or has errors. A
   struct with parameters is refused unless params_ok: a source (its view
   is parsed already) or a route's target, which gives the arguments. */
static Decl *stack_struct(Name *n, bool params_ok)
{
    Decl *d = map_get(&decls, n->name);
    if (!d) {
        const char *best = NULL;
        for (int i = 0; i < prog->decls.len; i++) {
            Decl *c = prog->decls.data[i];
            if (c->kind == D_STRUCT)
                best = closest(n->name, best, c->name);
        }
        if (best)
            diag_error(n->loc, "unknown struct '%s'; did you mean '%s'?", n->name, best);
        else
            diag_error(n->loc, "unknown struct '%s'", n->name);
        return NULL;
    }
    if (d->kind != D_STRUCT) {
        diag_error(n->loc, "'%s' is %s %s, not a struct", n->name, d->kind == D_ENUM || d->kind == D_EXTERN ? "an" : "a",
                   decl_kind_name(d->kind));
        return NULL;
    }
    check_decl(d);
    n->decl = d;
    if (d->ok && d->params.len && !params_ok) {
        diag_error(n->loc, "struct '%s' takes parameters (%s), which 'start' cannot give it: route to it with "
                   "arguments, '%s(...)', or parse it from the struct that holds it", d->name, param_list(d),
                   d->name);
        return NULL;
    }
    return d->ok ? d : NULL;
}

/* The value of a parameter's constraint (an expression over st's
   parameters and constants) with the parameters set to vals[]; false when
   it cannot be computed at compile time (a division by zero, a shift out
   of range: the generated parse would refuse it anyway). */
static bool eval_with_params(const Expr *e, const Decl *st, const int64_t *vals, int64_t *out)
{
    int64_t a = 0, b = 0;
    switch (e->kind) {
    case EX_NUM:
        *out = (int64_t)e->num;
        return e->num <= (uint64_t)INT64_MAX;
    case EX_NAME:
        for (int i = 0; i < st->params.len; i++)
            if (e->field == st->params.data[i]) {
                *out = vals[i];
                return true;
            }
        *out = e->value;
        return e->is_const;
    case EX_MEMBER:
        *out = e->value;
        return e->is_const;
    case EX_UNARY:
        if (!eval_with_params(e->lhs, st, vals, &a))
            return false;
        *out = e->op == OP_NEG ? -a : e->op == OP_NOT ? !a : ~a;
        return a != INT64_MIN || e->op != OP_NEG;
    case EX_BINARY:
        if (!eval_with_params(e->lhs, st, vals, &a))
            return false;
        if (e->op == OP_AND && !a) {
            *out = 0;
            return true;
        }
        if (e->op == OP_OR && a) {
            *out = 1;
            return true;
        }
        if (!eval_with_params(e->rhs, st, vals, &b))
            return false;
        switch (e->op) {
        case OP_MUL: return !__builtin_mul_overflow(a, b, out);
        case OP_ADD: return !__builtin_add_overflow(a, b, out);
        case OP_SUB: return !__builtin_sub_overflow(a, b, out);
        case OP_DIV:
        case OP_MOD:
            if (b == 0 || (a == INT64_MIN && b == -1))
                return false;
            *out = e->op == OP_DIV ? a / b : a % b;
            return true;
        case OP_LT: *out = a < b; return true;
        case OP_LE: *out = a <= b; return true;
        case OP_GT: *out = a > b; return true;
        case OP_GE: *out = a >= b; return true;
        case OP_EQ: *out = a == b; return true;
        case OP_NE: *out = a != b; return true;
        case OP_AND:
        case OP_OR: *out = b != 0; return true;
        case OP_BITAND: *out = a & b; return true;
        case OP_BITOR: *out = a | b; return true;
        case OP_BITXOR: *out = a ^ b; return true;
        case OP_SHL:
        case OP_SHR:
            if (a < 0 || b < 0 || b > 62)
                return false;
            if (e->op == OP_SHR) {
                *out = a >> b;
                return true;
            }
            if (a > (INT64_MAX >> b))
                return false;
            *out = a << b;
            return true;
        default:
            return false;
        }
    default:
        return false;
    }
}

/* A route's target `X(a, b)` (or plain `X`): as many constant arguments as
   X has parameters, each in its parameter's type's range and meeting the
   parameter's constraint, as X_parse() would check them at run time. */
static bool check_target_args(Name *n, Decl *t)
{
    int want = t->params.len;
    if (want == 0 && n->has_args) {
        diag_error(n->args_loc, "struct '%s' has no parameters, but the route gives it %d argument%s", t->name,
                   n->args.len, n->args.len == 1 ? "" : "s");
        diag_note(t->loc, "'%s' is defined here", t->name);
        return false;
    }
    if (want && !n->has_args) {
        diag_error(n->loc, "struct '%s' takes %d argument%s (%s): write '%s(...)' in the route", t->name, want,
                   want == 1 ? "" : "s", param_list(t), t->name);
        diag_note(t->loc, "'%s' is defined here", t->name);
        return false;
    }
    if (want != n->args.len) {
        diag_error(n->args_loc, "struct '%s' takes %d argument%s (%s), but the route gives it %d", t->name, want,
                   want == 1 ? "" : "s", param_list(t), n->args.len);
        diag_note(t->loc, "'%s' is defined here", t->name);
        return false;
    }
    bool ok = true;
    int64_t vals[64];
    if (want > 64) {
        diag_error(n->args_loc, "more than 64 arguments");
        return false;
    }
    for (int i = 0; i < n->args.len; i++) {
        Expr *a = n->args.data[i];
        Field *pa = t->params.data[i];
        Scope sc = { NULL, 0, 0, false, NULL };
        if (!check_expr(a, &sc)) {
            ok = false;
            continue;
        }
        if (!type_is_integer_expr(a) || !a->is_const) {
            diag_error(a->loc, "an argument in a stack must be an integer constant");
            ok = false;
            continue;
        }
        int64_t max = (int64_t)type_max(pa->type);
        if (a->value < 0 || a->value > max) {
            diag_error(a->loc, "argument %d of '%s' (%s %s) is %lld, outside the parameter's range 0 .. %lld",
                       i + 1, t->name, pa->type_name, pa->name, (long long)a->value, (long long)max);
            diag_note(pa->loc, "parameter '%s' is declared here", pa->name);
            ok = false;
        }
        vals[i] = a->value;
    }
    for (int i = 0; ok && i < t->params.len; i++) {
        Field *pa = t->params.data[i];
        int64_t v = 0;
        if (!pa->constraint || (eval_with_params(pa->constraint, t, vals, &v) && v))
            continue;
        Expr *a = n->args.data[i];
        diag_error(a->loc, "argument %d of '%s' (%s %s) is %lld, which fails the parameter's constraint '%s'",
                   i + 1, t->name, pa->type_name, pa->name, (long long)vals[i], loc_text(pa->constraint->loc));
        diag_note(pa->constraint->loc, "the constraint is here");
        ok = false;
    }
    return ok;
}

static Field *stack_field(Decl *st, Name *n)
{
    Field *f = find_field(st, n->name);
    if (!f) {
        const char *best = NULL;
        for (int i = 0; i < st->all_fields.len; i++)
            best = closest(n->name, best, ((Field *)st->all_fields.data[i])->name);
        if (best)
            diag_error(n->loc, "struct '%s' has no field '%s'; did you mean '%s'?", st->name, n->name, best);
        else
            diag_error(n->loc, "struct '%s' has no field '%s'", st->name, n->name);
    }
    n->field = f;
    return f;
}

static void add_proto(Decl *stack, Decl *st)
{
    for (int i = 0; i < stack->protos.len; i++)
        if (stack->protos.data[i] == st)
            return;
    vec_push(&stack->protos, st);
}

/* The first source for the same struct, to compare payloads. */
static StackSource *first_source(Decl *stack, const Decl *st, const StackSource *upto)
{
    for (int i = 0; i < stack->rules.len; i++) {
        StackRule *r = stack->rules.data[i];
        for (int j = 0; j < r->sources.len; j++) {
            StackSource *s = r->sources.data[j];
            if (s == upto)
                return NULL;
            if (s->st.decl == st && s->payload_ok)
                return s;
        }
    }
    return NULL;
}

/* `by peek(TYPE)`: sets s->peek_bits and s->peek_le from TYPE; false if
   TYPE is not one a peek reads. */
static bool peek_type(StackSource *s)
{
    const char *t = s->peek->name;
    int n = 0;
    if (t[0] == 'u' && t[1] >= '1' && t[1] <= '8' && !t[2])
        n = t[1] - '0';
    else if (!strcmp(t, "be16") || !strcmp(t, "le16"))
        n = 16;
    else if (!strcmp(t, "be32") || !strcmp(t, "le32"))
        n = 32;
    s->peek_bits = n;
    s->peek_le = t[0] == 'l';
    return n != 0;
}

/* A payload field `.F` of struct st: a byte array (false and an error if
   not). */
static bool check_payload(Decl *st, Name *payload)
{
    Field *f = stack_field(st, payload);
    if (!f)
        return false;
    if (f->array == ARR_NONE || !f->type || f->type->kind != T_UINT || f->type->bits != 8) {
        diag_error(payload->loc, "'%s.%s' is not a byte array: a layer's payload is a u8 array, or "
                   "leave out '.%s' to take the bytes after the struct", st->name, f->name, f->name);
        return false;
    }
    return true;
}

/* Whether some route of the stack leads to struct st. */
static bool stack_routes_to(Decl *stack, const Decl *st)
{
    for (int i = 0; i < stack->rules.len; i++) {
        StackRule *r = stack->rules.data[i];
        if (r->always && r->always->decl == st)
            return true;
        for (int j = 0; j < r->routes.len; j++)
            if (((StackRoute *)r->routes.data[j])->target.decl == st)
                return true;
    }
    return false;
}

static bool check_source(Decl *stack, StackRule *r, StackSource *s)
{
    Decl *st = stack_struct(&s->st, true);
    if (!st)
        return false;
    bool ok = true;
    if (s->payload && !check_payload(st, s->payload))
        ok = false;
    s->payload_ok = ok;
    StackSource *prev = first_source(stack, st, s);
    if (prev && ok && (prev->payload ? prev->payload->field : NULL) != (s->payload ? s->payload->field : NULL)) {
        diag_error(s->loc, "every rule for '%s' must take the same payload", st->name);
        diag_note(prev->loc, "an earlier rule takes %s%s", prev->payload ? "field " : "the bytes after the struct",
                  prev->payload ? prev->payload->name : "");
        ok = false;
    }
    if (s->peek) {
        if (!peek_type(s)) {
            diag_error(s->peek->loc, "'peek(%s)': the payload's first bits are read as u1 .. u8 (its first byte's "
                       "top bits), be16, be32, le16 or le32", s->peek->name);
            ok = false;
        }
        if (r->always) {
            diag_error(s->peek->loc, "'by peek(%s)' selects nothing: the rule names a single struct after ':'",
                       s->peek->name);
            ok = false;
        }
    } else if (s->tag) {
        Field *f = stack_field(st, s->tag);
        if (!f) {
            ok = false;
        } else if (f->is_switch || f->array != ARR_NONE || !f->type || !type_is_integer(f->type)) {
            diag_error(s->tag->loc, "'%s.%s' is not an integer or enum field; a rule selects the next struct by one",
                       st->name, f->name);
            ok = false;
        } else if (f->cond) {
            diag_error(s->tag->loc, "'%s.%s' is present only under a condition; a rule needs a field that is always there",
                       st->name, f->name);
            ok = false;
        }
        if (r->always) {
            diag_error(s->tag->loc, "'by %s' selects nothing: the rule names a single struct after ':'", s->tag->name);
            ok = false;
        }
    } else if (!r->always) {
        diag_error(s->st.loc, "a rule for '%s' needs 'by FIELD' (the field whose value selects the next struct) "
                   "or 'by peek(TYPE)' (the payload's first bits)", st->name);
        ok = false;
    }
    if (s->cond && !check_condition(st, s->cond, st->fields.len, "the rule for", st->name, NULL))
        ok = false;
    if (s->fragment && !check_condition(st, s->fragment, st->fields.len, "'fragment' of the rule for", st->name, NULL))
        ok = false;
    add_proto(stack, st);
    return ok;
}

static void check_stack(Decl *d)
{
    bool ok = true;
    if (d->rules.len == 0) {
        diag_error(d->loc, "stack '%s' has no rules", d->name);
        ok = false;
    }
    for (int i = 0; i < d->rules.len && !diag_too_many(); i++) {
        StackRule *r = d->rules.data[i];
        bool sources_ok = true;
        for (int j = 0; j < r->sources.len; j++)
            sources_ok = check_source(d, r, r->sources.data[j]) && sources_ok;
        ok = ok && sources_ok;
        if (r->always) {
            Decl *t = stack_struct(r->always, true);
            if (t && !check_target_args(r->always, t))
                ok = false;
            if (t && r->always_whole && !struct_has_frame(t) && !(t->params.len && struct_frames_with_args(t))) {
                diag_error(r->always->loc, "'whole %s' needs a struct whose length fields give its size; "
                           "'%s' has no %s_frame()", t->name, t->name, t->name);
                ok = false;
            }
            if (t)
                add_proto(d, t);
            ok = ok && t;
            continue;
        }
        if (r->routes.len == 0) {
            diag_error(r->loc, "this rule has no routes: add 'VALUE: struct;' lines");
            ok = false;
        }
        Vec seen = { 0 };   /* Expr*: values so far in this rule */
        for (int j = 0; j < r->routes.len; j++) {
            StackRoute *rt = r->routes.data[j];
            for (int k = 0; k < rt->values.len; k++) {
                Expr *v = rt->values.data[k];
                /* the value against every source's tag: range and enum checks */
                bool vok = true;
                for (int m = 0; sources_ok && m < r->sources.len; m++) {
                    StackSource *s = r->sources.data[m];
                    if (s->peek) {   /* a constant in the peeked type's range */
                        Scope sc = { NULL, 0, 0, false, NULL };
                        int64_t max = (int64_t)((UINT64_C(1) << s->peek_bits) - 1);
                        if (!check_expr(v, &sc) || !v->is_const) {
                            vok = false;
                        } else if (v->value < 0 || v->value > max) {
                            diag_error(v->loc, "route value %lld is out of range for 'peek(%s)' (0 .. %lld)",
                                       (long long)v->value, s->peek->name, (long long)max);
                            vok = false;
                        }
                        continue;
                    }
                    Scope sc = { s->st.decl, s->st.decl->fields.len, 0, false, NULL };
                    Expr *eq = new_binary(OP_EQ, new_name(s->tag->name, s->tag->loc), v, v->loc);
                    vok = check_expr(eq, &sc) && vok;
                }
                if (!sources_ok) {
                    Scope sc = { NULL, 0, 0, false, NULL };
                    vok = check_expr(v, &sc);
                }
                if (!vok) {
                    ok = false;
                    continue;
                }
                if (!v->is_const) {
                    diag_error(v->loc, "a route value must be a constant");
                    ok = false;
                    continue;
                }
                for (int m = 0; m < seen.len; m++) {
                    Expr *w = seen.data[m];
                    if (w->value == v->value) {
                        diag_error(v->loc, "duplicate value %lld in this rule", (long long)v->value);
                        diag_note(w->loc, "it is first used here");
                        ok = false;
                    }
                }
                vec_push(&seen, v);
            }
            Decl *t = stack_struct(&rt->target, true);
            if (t && !check_target_args(&rt->target, t))
                ok = false;
            if (t)
                add_proto(d, t);
            if (t && rt->whole && !struct_has_frame(t) && !(t->params.len && struct_frames_with_args(t))) {
                diag_error(rt->target.loc, "'whole %s' needs a struct whose length fields give its size; "
                           "'%s' has no %s_frame()", t->name, t->name, t->name);
                ok = false;
            }
            ok = ok && t;
        }
    }
    /* a struct with parameters is a layer only where a route gives them */
    for (int i = 0; ok && i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        if (!st->params.len || stack_routes_to(d, st))
            continue;
        StackSource *s = first_source(d, st, NULL);
        diag_error(s ? s->st.loc : d->loc, "struct '%s' takes parameters (%s), and no route of stack '%s' gives "
                   "them: route to it as '%s(...)'", st->name, param_list(st), d->name, st->name);
        ok = false;
    }
    for (int i = 0; i < d->starts.len; i++) {
        StackStart *s = d->starts.data[i];
        Decl *st = stack_struct(&s->st, false);
        if (!st) {
            ok = false;
            continue;
        }
        StackStart *twice = NULL;
        for (int k = 0; k < i && !twice; k++)
            if (((StackStart *)d->starts.data[k])->st.decl == st)
                twice = d->starts.data[k];
        if (twice) {
            diag_error(s->st.loc, "a second 'start %s'", st->name);
            diag_note(twice->st.loc, "the first is here");
            ok = false;
            continue;
        }
        bool known = false;
        for (int k = 0; k < d->protos.len; k++)
            known = known || d->protos.data[k] == st;
        if (known) {
            diag_error(s->st.loc, "'%s' is already a layer of stack '%s': a walk can start at any layer; 'start' "
                       "names a struct that no rule mentions", st->name, d->name);
            ok = false;
            continue;
        }
        if (s->payload && !check_payload(st, s->payload))
            ok = false;
        add_proto(d, st);
    }
    for (int i = 0; i < d->limits.len; i++) {
        StackLimit *l = d->limits.data[i];
        if (l->max < 1) {
            diag_error(l->loc, "a limit must allow at least one layer");
            ok = false;
        }
        for (int j = 0; j < l->names.len; j++) {
            Name *n = l->names.data[j];
            Decl *st = map_get(&decls, n->name);
            bool found = false;
            for (int k = 0; st && k < d->protos.len; k++)
                found = found || d->protos.data[k] == st;
            if (!found) {
                diag_error(n->loc, "'%s' is not a struct of stack '%s'", n->name, d->name);
                ok = false;
            }
            n->decl = st;
        }
    }
    d->ok = ok;
}

/* check_decl() recurses into a declaration used before its definition;
   this bounds the chain so the C stack cannot overflow. */
static int decl_depth;
static bool decl_too_deep;   /* reported once; then nothing more is checked */

static void check_decl(Decl *d)
{
    if (d->state != 0 || decl_too_deep)
        return;
    if (decl_depth >= ZCC_MAX_DECL_DEPTH) {
        diag_error(d->loc, "'%s' is reached through more than %d declarations used before their definitions",
                   d->name, ZCC_MAX_DECL_DEPTH);
        decl_too_deep = true;   /* d stays unchecked (!ok); every caller on the stack saw the error */
        return;
    }
    decl_depth++;
    d->state = 1;
    Field *outer_at = remaining_at;   /* a field of the struct that uses d */
    remaining_at = NULL;
    switch (d->kind) {
    case D_CONST: check_const(d); break;
    case D_ENUM: check_enum(d); break;
    case D_STRUCT: check_struct(d); break;
    case D_STACK: check_stack(d); break;
    case D_EXTERN:
        d->ok = d->header[0] && !strchr(d->header, '\\');
        if (!d->ok)
            diag_error(d->base_loc, "extern type '%s' needs the C header that implements it, e.g. \"my_types.h\"",
                       d->name);
        break;
    }
    remaining_at = outer_at;
    d->state = 2;
    decl_depth--;
    vec_push(&done, d);
}

/* ---- generated-name collisions ------------------------------------------ */

static const char *const c_keywords[] = {
    "auto", "bool", "break", "case", "char", "class", "const", "continue",
    "default", "delete", "do", "double", "else", "enum", "extern", "false",
    "float", "for", "goto", "if", "inline", "int", "long", "namespace", "new",
    "operator", "private", "protected", "public", "register", "restrict",
    "return", "short", "signed", "sizeof", "static", "struct", "switch",
    "template", "this", "throw", "true", "try", "typedef", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "while",
    "size_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t",
    "uint16_t", "uint32_t", "uint64_t", "ptrdiff_t", NULL
};

/* Macros a generated header or the user's standard headers define: an enum
   named so (enum NULL) makes `typedef enum NULL` no C. */
static const char *const c_macros[] = {
    "NULL", "EOF", "errno", "stdin", "stdout", "stderr", "assert", "offsetof",
    "linux", "unix", "i386", "BUFSIZ", "FILENAME_MAX", "RAND_MAX", "EXIT_SUCCESS",
    "EXIT_FAILURE", "CHAR_BIT", "SIZE_MAX", "INT_MAX", "UINT_MAX", "true", "false",
    "bool", NULL
};

/* Names the C library headers of a generated header (and of its fuzz
   target: <stdio.h>, <stdlib.h>) declare, `main`, and C++'s `std`: an enum
   typedef of that name does not compile. */
static const char *const c_library[] = {
    "main", "std", "memcpy", "memmove", "memset", "memcmp", "memchr", "strlen", "strcmp", "strncmp",
    "strcpy", "strncpy", "strcat", "strchr", "strrchr", "strstr", "strerror", "index", "rindex",
    "bcmp", "bcopy", "bzero", "ffs", "malloc", "calloc", "realloc", "free", "abort", "exit",
    "FILE", "fopen", "fclose", "fread", "ferror", "perror", "printf", "fprintf", NULL
};

/* The parameters and locals of generated functions: an enum is a global
   type name, so one named like them is shadowed in every function that
   declares them (gcc -Wshadow). v, m and b have a message of their own. */
static const char *const generated_locals[] = {
    "at", "base", "buf", "bytes", "c", "cap", "ctx", "cur", "done", "e", "end",
    "first", "fn", "group", "i", "inner", "it", "k", "l", "left", "len", "max",
    "most", "n", "need", "none", "off", "offset", "out", "p", "ph", "pos", "r",
    "room", "send", "size", "src", "st", "sum", "t", "used", "what", "x",
    "w", "vb", "start", "rec", "payload", NULL   /* S_open_F, S_zc_place/_close, the walker and router */
};

static bool name_in(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (strcmp(*list, name) == 0)
            return true;
    return false;
}

/* inner0, seen12: numbered locals of the stack walker. */
static bool numbered_local(const char *name)
{
    const char *digits = strncmp(name, "inner", 5) == 0 ? name + 5 : strncmp(name, "seen", 4) == 0 ? name + 4 : NULL;
    if (!digits || !*digits)
        return false;
    for (; *digits; digits++)
        if (*digits < '0' || *digits > '9')
            return false;
    return true;
}

/* ---- claims: every C name the header will define, and whose it is ------

   A field's accessor S_F, and the names built on it (S_F_mut, S_F_ok,
   S_F_count, S_F_at), give way when another generated name is the same:
   the field's accessor becomes S_get_F (names.c). Every other name keeps
   its spelling, and a clash between two of those is an error that names
   both sources and offers a rename (docs/generated-api.md, "Names";
   docs/decisions.md, "Generated names give way to natural schema names"). */

typedef enum {
    CL_ACC,         /* a field's or bits group's accessor S_F itself */
    CL_ACC_MORE,    /* built on it: S_F_mut, S_F_ok, S_F_count, S_F_at */
    CL_FIXED        /* every other name: never gives way */
} ClaimKind;

/* Where a name comes from: one per field, struct, enum..., shared by all
   the names it generates. */
typedef struct {
    const char *subject;     /* "field 's.x'", "enum 'e'" */
    Decl *decl;              /* the declaration it comes from */
    const char *field;       /* CL_ACC*: the field or bits group */
    const char *rename;      /* the schema name to rename if it clashes */
    const char *pre, *post;  /* the renamed source's main C name: pre NEW post */
    bool upper;              /*   (upper case, for constants and members) */
} ClaimSource;

typedef struct {
    const char *name;        /* the C name, without the --prefix */
    const char *role;        /* "setter": what the name is to its source */
    const ClaimSource *src;
    Loc loc;
    ClaimKind kind;
} Claim;

typedef struct {
    Vec list;                /* Claim*, in declaration and field order */
} Claims;

/* What claim() records the names for: set by claim_source(). */
static const ClaimSource *source;

static void claim_source(Decl *d, const char *field, const char *subject, const char *rename, const char *pre,
                         const char *post, bool upper)
{
    ClaimSource *s = xalloc(sizeof *s);
    *s = (ClaimSource){ subject, d, field, rename, pre, post, upper };
    source = s;
}

static void claim_as(Claims *names, const char *name, Loc loc, const char *role, ClaimKind kind)
{
    Claim *c = xalloc(sizeof *c);
    *c = (Claim){ name, role, source, loc, kind };
    vec_push(&names->list, c);
}

/* A name that never gives way (what: its role, "setter"). */
static void claim(Claims *names, char *name, Loc loc, const char *what)
{
    claim_as(names, name, loc, what, CL_FIXED);
}

/* Whether module a imports b, directly or through other imports. */
static bool module_imports(Module *a, const Module *b)
{
    Vec pending = { 0 };
    Map seen = { 0 };
    vec_push(&pending, a);
    while (pending.len > 0) {
        Module *m = pending.data[--pending.len];
        for (int i = 0; i < m->imports.len; i++) {
            Module *im = ((Import *)m->imports.data[i])->mod;
            if (!im || map_get(&seen, im->src->path))
                continue;
            if (im == b)
                return true;
            map_put(&seen, im->src->path, im);
            vec_push(&pending, im);
        }
    }
    return false;
}

/* Of two claims of one name, the one whose accessor gives way, or NULL:
   an accessor before a name built on one, both before every other name;
   between two accessors of the same kind, the one of the struct with the
   shorter name (`tcp_option_kind` reads as tcp_option's kind, not as
   tcp's option_kind). A schema's names never give way to those of a
   schema that imports it: its own header has them already. */
static Claim *giving_way(Claim *a, Claim *b)
{
    if (a->src->decl->mod != b->src->decl->mod) {
        if (a->kind != CL_FIXED && module_imports(a->src->decl->mod, b->src->decl->mod))
            return a;
        if (b->kind != CL_FIXED && module_imports(b->src->decl->mod, a->src->decl->mod))
            return b;
        return NULL;
    }
    if (a->kind != b->kind)
        return a->kind < b->kind ? a : b;
    if (a->kind == CL_FIXED || a->src->decl == b->src->decl)
        return NULL;
    size_t la = strlen(a->src->decl->name), lb = strlen(b->src->decl->name);
    return la == lb ? NULL : la < lb ? a : b;
}

static const struct {
    const char *suffix, *role;
} struct_names[] = {
    { "view", "view type" }, { "parse", "parser" }, { "parse_deep", "deep parser" },
    { "visit", "visitor" }, { "next", "iterator step" }, { "iter", "iterator type" },
    { "frame", "framing function" }, { "mview", "mutable view type" },
    { "parse_mut", "mutable parser" }, { "writable", "writable-view function" },
    { "builder", "builder type" }, { "build", "builder start" }, { "build_end", "builder end" },
    { "zc_diagnose", "internal function" }, { "zc_deep", "internal function" },
    { "zc_d", "internal table" }, { "zc_f", "internal table" }, { "zc_present", "internal function" },
    { "zc_place", "internal function" }, { "zc_close", "internal function" },
    { "bytes", "bytes function" }, { "bytes_mut", "writable bytes function" },
    { "iter_bytes", "iterator over bytes" },
};

static const char *more_role(const char *more)
{
    return strcmp(more, "mut") == 0 ? "mutable view" : strcmp(more, "ok") == 0 ? "checksum check"
           : strcmp(more, "count") == 0 ? "element count" : strcmp(more, "at") == 0 ? "element access" : more;
}

/* The accessor of field or bits group `name` of d and the names built on
   it (more: "mut", "ok", "count", "at"; NULL-terminated). */
static void claim_accessor(Claims *names, Decl *d, const char *name, Loc loc, const char *const *more)
{
    const char *why = names_gives_way(d->name, name);
    char *a = xformat("%s_%s%s", d->name, why ? "get_" : "", name);
    claim_as(names, a, loc, why ? xformat("accessor, renamed because '%s_%s' is %s", d->name, name, why)
                                : "accessor", CL_ACC);
    for (; more && *more; more++)
        claim_as(names, xformat("%s_%s", a, *more), loc, more_role(*more), CL_ACC_MORE);
}

static void claim_struct(Claims *names, Decl *d)
{
    char *up = str_upper(d->name);
    claim_source(d, NULL, xformat("struct '%s'", d->name), d->name, "", "_view", false);
    for (size_t k = 0; k < sizeof struct_names / sizeof struct_names[0]; k++)
        claim(names, xformat("%s_%s", d->name, struct_names[k].suffix), d->loc, struct_names[k].role);
    claim(names, xformat("%s_MIN_SIZE", up), d->loc, "size macro");
    for (int k = 1; k < d->nseg; k++)
        claim(names, xformat("%s_zc_seg%d", d->name, k), d->loc, "internal function");
    Field *head = fixed_head_last(d);
    if (head) {   /* issue #24: named after a field, but never renamed */
        claim(names, xformat("%s_bytes_after_%s", d->name, head->name), head->loc, "bytes after the fixed head");
        claim(names, xformat("%s_bytes_after_%s_mut", d->name, head->name), head->loc,
              "writable bytes after the fixed head");
    }
    for (int j = 0; j < d->all_fields.len; j++) {
        Field *f = d->all_fields.data[j];
        if (f->sized)
            continue;   /* `T x @size(e)`: its case field x has the names */
        claim_source(d, f->name, xformat("field '%s.%s'", d->name, f->name), f->name, xformat("%s_", d->name), "",
                     false);
        const char *more[8] = { NULL };   /* NULL-terminated */
        int nmore = 0;
        if (!f->is_switch && f->type && f->type->kind == T_STRUCT && f->array == ARR_NONE)
            more[nmore++] = "mut";
        if (f->csum)
            more[nmore++] = "ok";
        if (f->is_switch && !f->sized)   /* its bytes, writable (issue #24) */
            more[nmore++] = "mut";
        if (f->declared)   /* S_head's last field: the length S declares */
            more[nmore++] = "declared";
        if (f->elem_size) {   /* arrays of wire integers */
            more[nmore++] = "count";
            more[nmore++] = "at";
            more[nmore++] = "iter";
        }
        if (f->array != ARR_NONE && f->type && f->type->kind == T_STRUCT) {
            more[nmore++] = "count";
            more[nmore++] = "at";
        }
        claim_accessor(names, d, f->name, f->loc, more);
        if (!f->sw || f->sw->sized)
            claim(names, xformat("%s_OFF_%s", up, str_upper(f->name)), f->loc, "offset macro");
        if (f->cond && !(f->sw && f->sw->sized && !f->sw->cond))
            claim(names, xformat("%s_has_%s", d->name, f->name), f->loc, "presence test");
        if (!(!f->is_switch && f->type && f->type->kind == T_STRUCT && f->array == ARR_NONE) &&
            !f->is_switch && f->type && f->type->kind != T_EXTERN && !(f->array != ARR_NONE && f->type->kind == T_STRUCT))
            claim(names, xformat("%s_set_%s", d->name, f->name), f->loc, "setter");
        if (!f->is_switch) {
            claim(names, xformat("%s_put_%s", d->name, f->name), f->loc, "put");
            if (f->type && f->type->kind == T_STRUCT) {
                claim(names, xformat("%s_begin_%s", d->name, f->name), f->loc, "begin");
                claim(names, xformat("%s_end_%s", d->name, f->name), f->loc, "end");
            } else if (f->array != ARR_NONE) {
                claim(names, xformat("%s_open_%s", d->name, f->name), f->loc, "open");
                claim(names, xformat("%s_commit_%s", d->name, f->name), f->loc, "commit");
            }
        }
        if (f->csum)
            claim(names, xformat("%s_fill_%s", d->name, f->name), f->loc, "checksum fill");
        if (f->bconst)
            claim(names, xformat("%s_zc_k_%s", d->name, f->name), f->loc, "internal constant");
        if (f->elem_size)
            claim(names, xformat("%s_set_%s_at", d->name, f->name), f->loc, "element setter");
    }
    for (int j = 0; j < d->bitgroups.len; j++) {
        BitGroup *g = d->bitgroups.data[j];
        claim_source(d, g->name, xformat("bits group '%s.%s'", d->name, g->name), g->name, xformat("%s_", d->name),
                     "", false);
        claim_accessor(names, d, g->name, g->loc, NULL);
        claim(names, xformat("%s_OFF_%s", up, str_upper(g->name)), g->loc, "offset macro");
    }
}

/* Every C name of the program, in declaration order. */
static void collect_claims(Claims *names)
{
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_STRUCT) {
            claim_struct(names, d);
        } else if (d->kind == D_ENUM) {
            char *up = str_upper(d->name);
            claim_source(d, NULL, xformat("enum '%s'", d->name), d->name, "", "", false);
            claim(names, xstrdup(d->name), d->loc, "type");
            claim(names, xformat("%s_name", d->name), d->loc, "name function");
            for (int j = 0; j < d->members.len; j++) {
                EnumMember *m = d->members.data[j];
                claim_source(d, NULL, xformat("member '%s' of enum '%s'", m->name, d->name), m->name,
                             xformat("%s_", up), "", true);
                claim(names, xformat("%s_%s", up, str_upper(m->name)), m->loc, "constant");
            }
        } else if (d->kind == D_CONST) {
            claim_source(d, NULL, xformat("constant '%s'", d->name), d->name, "", "", true);
            claim(names, str_upper(d->name), d->loc, "macro");
        } else if (d->kind == D_EXTERN) {
            claim_source(d, NULL, xformat("extern type '%s'", d->name), d->name, "", "", false);
            claim(names, xstrdup(d->name), d->loc, "C type");
            claim(names, xformat("%s_zc_measure", d->name), d->loc, "measure function");
        } else if (d->kind == D_STACK) {
            char *up = str_upper(d->name);
            claim_source(d, NULL, xformat("stack '%s'", d->name), d->name, "", "_proto", false);
            claim(names, xformat("%s_proto", d->name), d->loc, "layer enum");
            claim(names, xformat("%s_proto_name", d->name), d->loc, "name function");
            claim(names, xformat("%s_layer", d->name), d->loc, "layer type");
            claim(names, xformat("%s_layer_fn", d->name), d->loc, "callback type");
            claim(names, xformat("%s_route", d->name), d->loc, "route function");
            claim(names, xformat("%s_walk", d->name), d->loc, "walker");
            claim(names, xformat("%s_walk_each", d->name), d->loc, "callback walker");
            claim(names, xformat("%s_zc_parse_layer", d->name), d->loc, "internal function");
            claim(names, xformat("%s_NONE", up), d->loc, "constant");
            for (int j = 0; j < d->protos.len; j++) {
                Decl *st = d->protos.data[j];
                claim(names, xformat("%s_%s", up, str_upper(st->name)), d->loc, "layer constant");
                claim(names, xformat("%s_zc_route_%s", d->name, st->name), d->loc, "internal function");
            }
        }
    }
}

/* A rename of c's source that takes none of the names (its main C name). */
static char *suggest_rename(Claim *c, Map *names)
{
    static const char *const field_tail[] = { "_value", "_field", "2", "3", NULL };
    static const char *const type_tail[] = { "_type", "_kind", "2", "3", NULL };
    static const char *const struct_tail[] = { "_msg", "_hdr", "2", "3", NULL };
    bool shout = strcmp(c->src->rename, str_upper(c->src->rename)) == 0;   /* keep an upper-case name so */
    const char *const *tail = c->src->field || c->src->upper ? field_tail
                              : c->src->decl->kind == D_STRUCT || c->src->decl->kind == D_STACK ? struct_tail : type_tail;
    char *try = NULL;
    for (; *tail; tail++) {
        try = xformat("%s%s", c->src->rename, shout ? str_upper(*tail) : *tail);
        char *primary = xformat("%s%s%s", c->src->pre, c->src->upper ? str_upper(try) : try, c->src->post);
        if (!map_get(names, primary))
            break;
    }
    return try;
}

/* Enum names that are names of C, or of the generated functions' locals. */
static void check_enum_names(Decl *d)
{
    for (const char *const *k = c_keywords; *k; k++)
        if (strcmp(*k, d->name) == 0)
            diag_error(d->loc, "enum name '%s' is a C or C++ keyword or standard type name", d->name);
    /* the parameters of generated functions: v (views), m (mutable
       views), b (builders); an enum of that name would be hidden by
       them, as in s_set_f(s_mview m, m x) */
    if (strcmp(d->name, "v") == 0 || strcmp(d->name, "m") == 0 || strcmp(d->name, "b") == 0)
        diag_error(d->loc, "enum name '%s' is a parameter name in generated functions (v, m and b are "
                   "reserved for views, mutable views and builders)", d->name);
    else if (name_in(generated_locals, d->name) || numbered_local(d->name))
        diag_error(d->loc, "enum name '%s' is a parameter or local variable name in generated functions, "
                   "which it would shadow (gcc -Wshadow); rename the enum", d->name);
    if (name_in(c_macros, d->name))
        diag_error(d->loc, "enum name '%s' is a macro of the C library headers; rename the enum", d->name);
    if (name_in(c_library, d->name))
        diag_error(d->loc, "enum name '%s' is declared by the C library headers (or is C++'s std), which a "
                   "generated header or its fuzz target includes; rename the enum", d->name);
}

/* Every identifier the emitter will produce must be unique: accessors
   that clash give way (S_get_F), any other clash is an error. */
static void check_generated_names(void)
{
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_ENUM)
            check_enum_names(d);
        for (int j = 0; d->kind == D_STACK && j < d->protos.len; j++) {
            Decl *st = d->protos.data[j];
            /* the layer union and the walker name a member and a local after each struct */
            if (name_in(c_keywords, st->name) || name_in(c_macros, st->name))
                diag_error(d->loc, "stack '%s' has a layer struct named '%s', a C or C++ keyword or macro: "
                           "its layer union member would be named so; rename the struct", d->name, st->name);
        }
    }
    /* 1. which accessors give way */
    names_reset();
    Claims first = { 0 };
    Map seen = { 0 };
    bool gave = false;
    collect_claims(&first);
    for (int i = 0; i < first.list.len; i++) {
        Claim *c = first.list.data[i], *o = map_get(&seen, c->name);
        if (!o) {
            map_put(&seen, c->name, c);
            continue;
        }
        Claim *y = giving_way(c, o);
        if (y) {
            Claim *x = y == c ? o : c;
            names_give_way(y->src->decl->name, y->src->field, xformat("the %s of %s", x->role, x->src->subject));
            gave = true;
        }
    }
    /* 2. the names with those accessors: each once (the same names as in
       pass 1 when no accessor gave way: no second list, half the memory
       for a schema of a million fields) */
    Claims final = first;
    Map names = seen;
    if (gave) {
        final = (Claims){ 0 };
        names = (Map){ 0 };
        collect_claims(&final);
        for (int i = 0; i < final.list.len; i++) {
            Claim *c = final.list.data[i];
            if (!map_get(&names, c->name))
                map_put(&names, c->name, c);
        }
    }
    for (int i = 0; i < final.list.len && !diag_too_many(); i++) {
        Claim *c = final.list.data[i], *o = map_get(&names, c->name);
        if (o == c)
            continue;
        diag_error(c->loc, "%s would generate the C name '%s' (its %s), which %s also generates (its %s)",
                   c->src->subject, c->name, c->role, o->src->subject, o->role);
        diag_note(o->loc, "%s is declared here", o->src->subject);
        diag_note(c->loc, "rename %s, e.g. to '%s'", c->src->subject, suggest_rename(c, &names));
    }
}

void check_program(Program *p)
{
    prog = p;
    decls = (Map){ 0 };
    for (int i = 0; i < p->modules.len; i++) {
        Module *m = p->modules.data[i];
        for (int j = 0; j < m->decls.len; j++) {
            Decl *d = m->decls.data[j];
            if (builtin_type(d->name)) {
                diag_error(d->loc, "'%s' is the name of a built-in type", d->name);
                continue;
            }
            Decl *prev = map_get(&decls, d->name);
            if (prev) {
                diag_error(d->loc, "duplicate definition of '%s'", d->name);
                diag_note(prev->loc, "'%s' was first defined here as %s %s", d->name,
                          prev->kind == D_ENUM ? "an" : "a", decl_kind_name(prev->kind));
                continue;
            }
            if (reserved_name(d->name))
                diag_error(d->loc, "'%s': names 'zc' and 'zc_...' are reserved for zerocast", d->name);
            map_put(&decls, d->name, d);
            vec_push(&p->decls, d);
        }
    }
    done = (Vec){ 0 };
    decl_depth = 0;
    decl_too_deep = false;
    for (int i = 0; i < p->decls.len && !diag_too_many() && !decl_too_deep; i++)
        check_decl(p->decls.data[i]);
    /* Emit in completion order: every type after the types it uses. */
    p->decls = done;
    if (diag_error_count() == 0)
        check_generated_names();
}
