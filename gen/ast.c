/*
 * ast.c - the data model's functions: constructors for syntax-tree nodes
 * (used by parser.y), and the queries on types that the checker, the
 * layout and the emitters all ask.
 */
#include "zcc.h"

Expr *new_num(uint64_t v, Loc loc)
{
    Expr *e = xalloc(sizeof(Expr));
    e->kind = EX_NUM;
    e->num = v;
    e->loc = loc;
    return e;
}

Expr *new_name(char *name, Loc loc)
{
    Expr *e = xalloc(sizeof(Expr));
    e->kind = EX_NAME;
    e->name = name;
    e->loc = loc;
    return e;
}

Expr *new_member(char *enum_name, char *member, Loc loc, Loc member_loc)
{
    Expr *e = xalloc(sizeof(Expr));
    e->kind = EX_MEMBER;
    e->name = enum_name;
    e->member = member;
    e->loc = loc;
    e->member_loc = member_loc;
    return e;
}

Expr *new_unary(Op op, Expr *x, Loc loc)
{
    Expr *e = xalloc(sizeof(Expr));
    e->kind = EX_UNARY;
    e->op = op;
    e->lhs = x;
    e->loc = loc;
    return e;
}

Expr *new_binary(Op op, Expr *l, Expr *r, Loc loc)
{
    Expr *e = xalloc(sizeof(Expr));
    e->kind = EX_BINARY;
    e->op = op;
    e->lhs = l;
    e->rhs = r;
    e->loc = loc;
    return e;
}

/* A byte string literal (item 10). */
Expr *new_bytes(uint8_t *bytes, size_t n, Loc loc)
{
    Expr *e = xalloc(sizeof(Expr));
    e->kind = EX_BYTES;
    e->loc = loc;
    e->bytes = bytes;
    e->nbytes = n;
    return e;
}

Decl *new_decl(DeclKind kind, char *name, Loc loc)
{
    Decl *d = xalloc(sizeof(Decl));
    d->kind = kind;
    d->name = name;
    d->loc = loc;
    return d;
}

Field *new_field(char *type_name, Loc type_loc, char *name, Loc loc)
{
    Field *f = xalloc(sizeof(Field));
    f->type_name = type_name;
    f->type_loc = type_loc;
    f->name = name;
    f->loc = loc;
    return f;
}

EnumMember *new_member_decl(char *name, Loc loc, Expr *value)
{
    EnumMember *m = xalloc(sizeof(EnumMember));
    m->name = name;
    m->loc = loc;
    m->value_expr = value;
    return m;
}

const char *op_text(Op op)
{
    static const char *const text[] = {
        [OP_NEG] = "-", [OP_NOT] = "!", [OP_MUL] = "*", [OP_DIV] = "/",
        [OP_MOD] = "%", [OP_ADD] = "+", [OP_SUB] = "-", [OP_LT] = "<",
        [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=", [OP_EQ] = "==",
        [OP_NE] = "!=", [OP_AND] = "&&", [OP_OR] = "||",
        [OP_BITAND] = "&", [OP_BITOR] = "|", [OP_BITXOR] = "^", [OP_SHL] = "<<",
        [OP_SHR] = ">>", [OP_COMPL] = "~",
    };
    return text[op];
}

/* The bitwise operators and shifts, added after the others in Op: their
   results are numbers (int64_t in the generated code), not truth values. */
bool op_is_bitwise(Op op)
{
    return op >= OP_BITAND && op <= OP_COMPL;
}

/* ---- type queries ------------------------------------------------------- */

/* The integer type that holds a value: the enum's base, or t itself. */
const Type *int_type(const Type *t)
{
    return t->kind == T_ENUM ? t->base : t;
}

bool type_is_integer(const Type *t)
{
    return t && t->kind != T_STRUCT && t->kind != T_EXTERN;
}

uint64_t type_max(const Type *t)
{
    int bits = int_type(t)->bits;
    if (int_type(t)->is_signed)
        return ((uint64_t)1 << (bits - 1)) - 1;
    return bits >= 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
}

bool type_signed(const Type *t)
{
    return int_type(t)->is_signed;
}

int64_t type_min(const Type *t)
{
    if (!type_signed(t))
        return 0;
    return -(int64_t)type_max(t) - 1;
}

/* "be16", "ibe16", "le64", "ile32": the schema and runtime spelling of a
   wire type (zc_ibe16, zc_ibe16toh, zc_load_ibe16, ...). */
const char *wire_name(const Type *t)
{
    return xformat("%s%s%d", t->is_signed ? "i" : "", t->order == ORD_BE ? "be" : "le", t->bits);
}

const char *int_c_name(int bits)
{
    return bits <= 8 ? "int8_t" : bits <= 16 ? "int16_t" : bits <= 32 ? "int32_t" : "int64_t";
}

const char *type_schema_name(const Type *t)
{
    switch (t->kind) {
    case T_UINT: return xformat("%c%d", t->is_signed ? 'i' : 'u', t->bits);
    case T_WIRE: return wire_name(t);
    case T_ENUM:
    case T_STRUCT:
    case T_EXTERN: return t->decl->name;
    case T_VARINT: return t->leb ? xformat("leb128(%d)", t->vbytes) : "quic_varint";
    }
    return "?";
}

/* The host C type for an integer of this many bits. */
const char *uint_c_name(int bits)
{
    return bits <= 8 ? "uint8_t" : bits <= 16 ? "uint16_t" : bits <= 32 ? "uint32_t" : "uint64_t";
}

/* The C type a field accessor returns, without the prefix. */
const char *type_c_name(const Type *t)
{
    switch (t->kind) {
    case T_UINT: return t->is_signed ? int_c_name(t->bits) : uint_c_name(t->bits);
    case T_WIRE: return xformat("zc_%s", wire_name(t));
    case T_ENUM: return t->decl->name;
    case T_STRUCT:
    case T_EXTERN: return xformat("%s_view", t->decl->name);
    case T_VARINT: return uint_c_name(t->bits);
    }
    return "?";
}

/* The integer type that holds a field's value (an enum's base type). */
const Type *value_type(const Field *f)
{
    return f->type->kind == T_ENUM ? f->type->base : f->type;
}
