/*
 * ast.c - constructors for syntax-tree nodes (used by parser.y).
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
    };
    return text[op];
}
