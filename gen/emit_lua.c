/*
 * emit_lua.c - the checked and laid-out model -> a Wireshark dissector in
 * Lua (--emit=wireshark; docs/wireshark.md).
 *
 * One Lua function per struct reads its fields in order from a region
 * [pos, lim) of the frame, adds each to the tree with its byte range (bit
 * fields: the bytes they touch, with their mask, so that Wireshark itself
 * extracts the value), keeps the integer values for later expressions and
 * reports the first failure as expert info, as NAME_parse() fails: a
 * truncated field, a failed constraint, a bad length. The stacks' rules
 * become a table that a walker follows from layer to layer, as
 * NAME_walk() does; rules after the bundled UDP, TCP, Ethernet and IP
 * structs also register their targets in Wireshark's own tables.
 */
#include "emit.h"

#include <string.h>


/* A Lua string literal for s. */
static char *lua_str(const char *s)
{
    char *out = xstrdup("\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            out = xformat("%s\\%c", out, c);
        else if (c < 0x20 || c > 0x7e)
            out = xformat("%s\\%03u", out, c);
        else
            out = xformat("%s%c", out, c);
    }
    return xformat("%s\"", out);
}

static char *num_text(int64_t v)
{
    return xformat("%lld", (long long)v);
}

static bool is_boolean_op(const Expr *e)
{
    if (e->kind == EX_UNARY)
        return e->op == OP_NOT;
    if (e->kind != EX_BINARY)
        return false;
    switch (e->op) {
    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE: case OP_AND: case OP_OR:
        return true;
    default:
        return false;
    }
}

static char *lua_bool(const Expr *e, const char *v);

/* e as a Lua number; field values come from table v. */
static char *lua_num(const Expr *e, const char *v)
{
    if (!e)
        return xstrdup("0");
    if (is_boolean_op(e))
        return xformat("(%s and 1 or 0)", lua_bool(e, v));
    if (e->is_const)
        return num_text(e->value);
    switch (e->kind) {
    case EX_NUM:
        return xformat("%llu", (unsigned long long)e->num);
    case EX_NAME:
        if (e->cnst)
            return num_text(e->cnst->value);
        return xformat("(%s[%s] or 0)", v, lua_str(e->name));
    case EX_MEMBER:
        return e->em ? xformat("%llu", (unsigned long long)e->em->value) : xstrdup("0");
    case EX_REMAINING:
        return xformat("(%s[\"@rlim\"] - %s[\"@at\"])", v, v);
    case EX_BYTES:
        return xstrdup("0");
    case EX_UNARY:
        if (e->op == OP_NEG)
            return xformat("(-%s)", lua_num(e->lhs, v));
        return xformat("(-%s - 1)", lua_num(e->lhs, v));   /* ~x in two's complement */
    case EX_BINARY: {
        char *a = lua_num(e->lhs, v), *b = lua_num(e->rhs, v);
        switch (e->op) {
        case OP_ADD: return xformat("(%s + %s)", a, b);
        case OP_SUB: return xformat("(%s - %s)", a, b);
        case OP_MUL: return xformat("(%s * %s)", a, b);
        case OP_DIV: return xformat("zc_div(%s, %s)", a, b);
        case OP_MOD: return xformat("zc_mod(%s, %s)", a, b);
        case OP_BITAND: return xformat("zc_band(%s, %s)", a, b);
        case OP_BITOR: return xformat("zc_bor(%s, %s)", a, b);
        case OP_BITXOR: return xformat("zc_bxor(%s, %s)", a, b);
        case OP_SHL: return xformat("zc_shl(%s, %s)", a, b);
        case OP_SHR: return xformat("zc_shr(%s, %s)", a, b);
        default: return xstrdup("0");
        }
    }
    }
    return xstrdup("0");
}

/* e as a Lua boolean. */
static char *lua_bool(const Expr *e, const char *v)
{
    if (!is_boolean_op(e))
        return xformat("(%s ~= 0)", lua_num(e, v));
    if (e->kind == EX_UNARY)
        return xformat("(not %s)", lua_bool(e->lhs, v));
    if (e->op == OP_AND)
        return xformat("(%s and %s)", lua_bool(e->lhs, v), lua_bool(e->rhs, v));
    if (e->op == OP_OR)
        return xformat("(%s or %s)", lua_bool(e->lhs, v), lua_bool(e->rhs, v));
    const char *op = e->op == OP_LT ? "<" : e->op == OP_LE ? "<=" : e->op == OP_GT ? ">" : e->op == OP_GE ? ">="
                     : e->op == OP_EQ ? "==" : "~=";
    return xformat("(%s %s %s)", lua_num(e->lhs, v), op, lua_num(e->rhs, v));
}

/* ---- names ---------------------------------------------------------------- */

/* The ProtoField of f in table F: F.S__F, with a number after a name
   that an earlier field (another case) of the struct has already. */
static char *fvar(const Decl *d, const Field *f)
{
    int same = 0;
    for (int i = 0; i < d->all_fields.len && d->all_fields.data[i] != f; i++)
        same += !strcmp(((Field *)d->all_fields.data[i])->name, f->name);
    return same ? xformat("F.%s__%s_%d", d->name, f->name, same) : xformat("F.%s__%s", d->name, f->name);
}

static char *elem_var(const Decl *d, const Field *f)
{
    return xformat("%s__item", fvar(d, f));
}

static bool is_struct_field(const Field *f)
{
    return f->type && f->type->kind == T_STRUCT;
}

static bool is_int_field(const Field *f)
{
    return f->array == ARR_NONE && f->type && f->type->kind != T_STRUCT && f->type->kind != T_EXTERN;
}

/* Bytes a bit field touches within its group: [*first, *first + *n), and
   the shift of its value within those bytes. */
static void bits_span(const Field *f, int *first, int *n, int *shift)
{
    /* as zcdump's --json-offsets: from the group's start to the last byte
       the field touches */
    const Type *t = value_type(f);
    *first = 0;
    *n = (f->bit_off + t->bits + 7) / 8;
    *shift = f->lsb_first ? f->bit_off : *n * 8 - f->bit_off - t->bits;
}

/* The ProtoField constructor of an integer field. */
static const char *int_ctor(const Field *f, int nbytes, bool explicit_value)
{
    const Type *t = value_type(f);
    bool s = t->is_signed;
    if (explicit_value)
        return s ? "int64" : "uint64";
    switch (nbytes) {
    case 1: return s ? "int8" : "uint8";
    case 2: return s ? "int16" : "uint16";
    case 3: return s ? "int24" : "uint24";
    case 4: return s ? "int32" : "uint32";
    default: return s ? "int64" : "uint64";
    }
}

/* ---- declarations: fields, value strings --------------------------------- */

/* The field's type as the schema writes it, for the field's description
   (Wireshark shows it in the status bar and in field references). */
static char *type_text(const Field *f)
{
    const char *t = type_schema_name(f->type);
    switch (f->array) {
    case ARR_NONE: return xstrdup(t);
    case ARR_REST: return xformat("%s[]", t);
    case ARR_ALIGN: return xformat("%s[align: %d]", t, f->align);
    case ARR_UNTIL: return xformat("%s[until %s]", t, loc_text(f->until->loc));
    case ARR_BYTES: return xformat("%s[bytes: %s]", t, loc_text(f->len->loc));
    case ARR_EXPR: return f->len ? xformat("%s[%s]", t, loc_text(f->len->loc)) : xformat("%s[%zu]", t, f->fixed_count);
    }
    return xstrdup(t);
}

static void declare_fields(Decl *d)
{
    char *list = xstrdup("");
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (f->is_switch || f->is_param)
            continue;
        char *abbr = lua_str(xformat("zc.%s.%s", d->name, f->name));
        char *label = lua_str(f->name);
        char *var = fvar(d, f);
        char *desc = lua_str(type_text(f));
        if (is_int_field(f)) {
            const Type *t = value_type(f);
            char *vs = "nil";
            if (f->type->kind == T_ENUM)
                vs = xformat("VS.%s", f->type->decl->name);
            if (f->is_bits) {
                int first, n, shift;
                bits_span(f, &first, &n, &shift);
                bool expl = n > 4;
                uint64_t mask = (t->bits >= 64 ? UINT64_MAX : ((uint64_t)1 << t->bits) - 1) << shift;
                if (expl)
                    p("%s = ProtoField.%s(%s, %s, base.DEC, %s, nil, %s)\n", var, int_ctor(f, n, true), abbr, label, vs,
                      desc);
                else
                    p("%s = ProtoField.%s(%s, %s, base.DEC, %s, 0x%llx, %s)\n", var, int_ctor(f, n, false), abbr,
                      label, vs, (unsigned long long)mask, desc);
            } else if (f->type->kind == T_VARINT) {
                p("%s = ProtoField.uint64(%s, %s, base.DEC, nil, nil, %s)\n", var, abbr, label, desc);
            } else {
                p("%s = ProtoField.%s(%s, %s, base.DEC, %s, nil, %s)\n", var, int_ctor(f, t->bits / 8, false), abbr,
                  label, vs, desc);
            }
        } else if (f->type && f->type->kind == T_EXTERN) {
            p("%s = ProtoField.string(%s, %s, base.ASCII, %s)\n", var, abbr, label, desc);
        } else if (is_struct_field(f)) {
            p("%s = ProtoField.none(%s, %s, %s)\n", var, abbr, label, desc);
            if (f->array != ARR_NONE) {
                p("%s = ProtoField.none(%s, %s)\n", elem_var(d, f),
                  lua_str(xformat("zc.%s.%s.item", d->name, f->name)), lua_str(f->type->decl->name));
                list = xformat("%s%s, ", list, elem_var(d, f));
            }
        } else {
            p("%s = ProtoField.bytes(%s, %s, base.NONE, %s)\n", var, abbr, label, desc);
        }
        list = xformat("%s%s, ", list, var);
    }
    p("P[%s].fields = { %s}\n\n", lua_str(d->name), list);
}

static void declare_enum(Decl *d)
{
    p("VS.%s = {", d->name);
    for (int i = 0; i < d->members.len; i++) {
        EnumMember *m = d->members.data[i];
        if (m->value < ((uint64_t)1 << 53))
            p(" [%llu] = %s,", (unsigned long long)m->value, lua_str(m->name));
    }
    p(" }\n");
}

/* ---- one struct's dissector ---------------------------------------------- */

/* Lua code failing with kind at offset `at` (a Lua expression). */
static void fail(const char *ind, const char *kind, const Decl *d, const Field *f, const char *at, const char *detail)
{
    p("%sreturn zc_fail(c, t, %s, %s, %s, %s)\n", ind, lua_str(kind),
      lua_str(xformat("%s.%s", d->name, f ? f->name : "")), at, detail ? lua_str(detail) : "nil");
}

static void need(const char *ind, const Decl *d, const Field *f, const char *n)
{
    p("%sif pos + %s > rlim then\n", ind, n);
    fail(xformat("%s    ", ind), "truncated", d, f, "pos", NULL);
    p("%send\n", ind);
}

static void check_constraint(const char *ind, const Decl *d, const Field *f)
{
    if (!f->constraint)
        return;
    p("%sif not %s then\n", ind, lua_bool(f->constraint, "v"));
    fail(xformat("%s    ", ind), "constraint", d, f, "at", loc_text(f->constraint->loc));
    p("%send\n", ind);
}

/* Reads one integer field at pos; leaves pos after it (bit fields: after
   the group, at its last member). */
static void int_field(const char *ind, Decl *d, Field *f)
{
    const Type *t = value_type(f);
    char *var = fvar(d, f);
    char *name = lua_str(f->name);
    if (f->is_bits) {
        int first, n, shift;
        bits_span(f, &first, &n, &shift);
        if (f->group_first) {
            need(ind, d, f, xformat("%zu", f->size));
            p("%sgpos = pos\n", ind);
        }
        char *rng = xformat("c.tvb(gpos + %d, %d)", first, n);
        const char *rd = f->lsb_first ? "le_uint" : "uint";
        p("%sat = gpos + %d\n", ind, first);
        if (n > 4) {
            p("%sv[%s] = zc_bits64(%s, %s, %d, %d, %s)\n", ind, name, rng, f->lsb_first ? "true" : "false", shift,
              t->bits, t->is_signed ? "true" : "false");
        } else {
            p("%sv[%s] = zc_extract(%s:%s(), %d, %d)\n", ind, name, rng, rd, shift, t->bits);
        }
        if (t->is_signed && n <= 4)   /* zc_bits64() extends the sign itself */
            p("%sv[%s] = zc_sext(v[%s], %d)\n", ind, name, name, t->bits);
        if (n > 4)
            p("%st:add(%s, %s, %s(v[%s]))\n", ind, var, rng, t->is_signed ? "Int64" : "UInt64", name);
        else
            p("%st:%s(%s, %s)\n", ind, f->lsb_first && n > 1 ? "add_le" : "add", var, rng);
        p("%sr[%s] = { at, %d }\n", ind, name, n);
        /* the group ends at its last member */
        int last = f->index;
        Decl *o = f->owner;
        while (last + 1 < o->fields.len && ((Field *)o->fields.data[last + 1])->group == f->group)
            last++;
        if (last == f->index || f->sw)
            p("%spos = gpos + %zu\n", ind, f->size);
        check_constraint(ind, d, f);
        return;
    }
    p("%sat = pos\n", ind);
    if (t->kind == T_VARINT) {
        if (f->type->leb)
            p("%sv[%s], n = zc_leb128(c.tvb, pos, rlim, %d)\n", ind, name, f->type->vbytes);
        else
            p("%sv[%s], n = zc_quic_varint(c.tvb, pos, rlim)\n", ind, name);
        p("%sif n < 0 then\n", ind);
        fail(xformat("%s    ", ind), "truncated", d, f, "pos", NULL);
        p("%selseif n == 0 then\n", ind);
        fail(xformat("%s    ", ind), "malformed", d, f, "pos",
             f->type->leb ? xformat("varint longer than %d bytes", f->type->vbytes) : "bad varint");
        p("%send\n", ind);
        p("%st:add(%s, c.tvb(pos, n), UInt64(v[%s]))\n", ind, var, name);
        p("%sr[%s] = { pos, n }\n%spos = pos + n\n", ind, name, ind);
        check_constraint(ind, d, f);
        return;
    }
    int n = t->bits / 8;
    need(ind, d, f, xformat("%d", n));
    bool le = t->kind == T_WIRE && t->order == ORD_LE;
    char *rng = xformat("c.tvb(pos, %d)", n);
    if (n == 8)
        p("%sv[%s] = %s:%s%s64():tonumber()\n", ind, name, rng, le ? "le_" : "", t->is_signed ? "int" : "uint");
    else
        p("%sv[%s] = %s:%s%s()\n", ind, name, rng, le ? "le_" : "", t->is_signed ? "int" : "uint");
    p("%st:%s(%s, %s)\n", ind, le ? "add_le" : "add", var, rng);
    p("%sr[%s] = { pos, %d }\n%spos = pos + %d\n", ind, name, n, ind, n);
    check_constraint(ind, d, f);
}

/* The byte count of a byte/wire-integer array at pos into `n`. */
static void byte_count(const char *ind, Decl *d, Field *f)
{
    if (f->align) {
        p("%sn = zc_mod(%d - zc_mod(pos - base, %d), %d)\n", ind, f->align, f->align, f->align);
        if (f->align_except_last)
            p("%sif pos + n >= rlim then n = 0 end\n", ind);
        return;
    }
    switch (f->array) {
    case ARR_REST:
        p("%sn = rlim - pos\n", ind);
        break;
    case ARR_UNTIL:
        p("%sn = zc_until(c.tvb, pos, rlim, %u, %lld)\n", ind, f->until_byte,
          (long long)(f->until_max ? f->max_len : -1));
        p("%sif n == -1 then\n", ind);
        fail(xformat("%s    ", ind), "truncated", d, f, "pos", NULL);
        p("%selseif n == -2 then\n", ind);
        fail(xformat("%s    ", ind), "malformed", d, f, "pos", "no terminator within its maximum length");
        p("%send\n", ind);
        break;
    case ARR_BYTES:
        p("%sn = %s\n", ind, lua_num(f->len, "v"));
        break;
    default:
        if (f->len)
            p("%sn = %s%s\n", ind, lua_num(f->len, "v"), f->elem_size ? xformat(" * %zu", f->elem_size) : "");
        else
            p("%sn = %zu\n", ind, f->fixed_count);
        break;
    }
    p("%sif n < 0 then\n", ind);
    fail(xformat("%s    ", ind), "length", d, f, "pos", "negative length");
    p("%send\n", ind);
}

static void one_field(const char *ind, Decl *d, Field *f);
static void whole_elements(const char *ind, Decl *d, Field *f, const char *k, const char *detail);

/* A nested struct or one element: its subtree and its call. */
/* soft: a failure of the struct is reported and ends the array (whose
   region is known), as NAME_parse_deep() finds it after NAME_parse()
   accepted the container; else it is the container's failure too. */
static void struct_call(const char *ind, Field *f, const char *item_field, const char *lim, bool soft)
{
    Decl *e = f->type->decl;
    char *args = xstrdup("");
    for (int i = 0; i < f->args.len; i++)
        args = xformat("%s, %s", args, lua_num(f->args.data[i], "v"));
    p("%ssub = t:add(%s, c.tvb(pos, %s - pos))\n", ind, item_field, lim);
    p("%se2, ev = D[%s](c, sub, pos, %s%s)\n", ind, lua_str(e->name), lim, args);
    p(soft ? "%sif not e2 then pos = rlim; break end\n" : "%sif not e2 then return nil end\n", ind);
    p("%ssub:set_len(e2 - pos)\n", ind);
}

static void struct_field(const char *ind, Decl *d, Field *f)
{
    char *name = lua_str(f->name);
    if (f->array == ARR_NONE) {
        p("%sat = pos\n", ind);
        struct_call(ind, f, fvar(d, f), "rlim", false);
        p("%sr[%s] = { pos, e2 - pos }\n%spos = e2\n", ind, name, ind);
        return;
    }
    /* arrays of structs */
    p("%sat = pos\n", ind);
    p("%slocal arr = t:add(%s, c.tvb(pos, rlim - pos))\n", ind, fvar(d, f));
    p("%sdo\n", ind);
    char *in = xformat("%s    ", ind);
    p("%slocal t, rlim = arr, rlim\n", in);
    Decl *e = f->type->decl;
    bool whole = e->fixed_size && e->min_size > 1;
    if (f->array == ARR_BYTES) {
        p("%sn = %s\n", in, lua_num(f->len, "v"));
        p("%sif n < 0 or pos + n > rlim then\n", in);
        fail(xformat("%s    ", in), "truncated", d, f, "pos", NULL);
        p("%send\n", in);
        if (whole)
            whole_elements(in, d, f, xformat("%zu", e->min_size), "not a whole number of elements");
        p("%srlim = pos + n\n", in);
    } else if (f->array == ARR_REST && whole) {
        p("%sn = rlim - pos\n", in);
        whole_elements(in, d, f, xformat("%zu", e->min_size), NULL);
    }
    if (f->array == ARR_EXPR) {
        p("%slocal left = %s\n", in, lua_num(f->len, "v"));
        p("%swhile left > 0 do\n", in);
        p("%s    if pos >= rlim then\n", in);
        fail(xformat("%s        ", in), "truncated", d, f, "pos", "fewer elements than the count");
        p("%s    end\n", in);
        p("%s    left = left - 1\n", in);
    } else if (f->array == ARR_UNTIL) {
        p("%slocal done = false\n%swhile not done do\n", in, in);
        p("%s    if pos >= rlim then\n", in);
        fail(xformat("%s        ", in), "truncated", d, f, "pos", "no element ends the list");
        p("%s    end\n", in);
    } else {
        p("%swhile pos < rlim do\n", in);
    }
    char *in2 = xformat("%s    ", in);
    bool soft = f->array == ARR_BYTES || f->array == ARR_REST;
    struct_call(in2, f, elem_var(d, f), "rlim", soft);
    p("%sif e2 == pos then\n", in2);
    if (soft)
        p("%s    zc_fail(c, t, \"malformed\", %s, pos, \"an element consumes no bytes\")\n%s    pos = rlim\n%s    break\n",
          in2, lua_str(xformat("%s.%s", d->name, f->name)), in2, in2);
    else
        fail(xformat("%s    ", in2), "malformed", d, f, "pos", "an element consumes no bytes");
    p("%send\n", in2);
    if (f->array == ARR_UNTIL)
        p("%sdone = %s\n", in2, lua_bool(f->until, "ev"));
    p("%spos = e2\n", in2);
    p("%send\n", in);
    p("%send\n", ind);
    p("%sarr:set_len(pos - at)\n", ind);
    p("%sr[%s] = { at, pos - at }\n", ind, name);
}

/* Arrays by bytes or to the end of fixed-size elements (k bytes, a Lua
   expression): n must be a whole number of them, as NAME_parse() checks.
   detail: the message for [bytes: n]; NULL for [] (malformed at the end
   of a switch's length, else cut short at the end of the input). */
static void whole_elements(const char *ind, Decl *d, Field *f, const char *k, const char *detail)
{
    p("%sif n %% %s ~= 0 then\n", ind, k);
    if (detail) {
        fail(xformat("%s    ", ind), "malformed", d, f, "pos", detail);
    } else {
        if (f->sw)   /* the end of a switch's length */
            fail(xformat("%s    ", ind), "malformed", d, f, xformat("rlim - n %% %s", k), "not a whole number of elements");
        else         /* the end of the struct's input */
            fail(xformat("%s    ", ind), "truncated", d, f, xformat("rlim - n %% %s", k),
                 "the input ends inside an element");
    }
    p("%send\n", ind);
}

static void bytes_field(const char *ind, Decl *d, Field *f)
{
    char *name = lua_str(f->name);
    p("%sat = pos\n", ind);
    byte_count(ind, d, f);
    p("%sif pos + n > rlim then\n", ind);
    fail(xformat("%s    ", ind), "truncated", d, f, "pos", NULL);
    p("%send\n", ind);
    if (f->elem_size > 1 && (f->array == ARR_BYTES || f->array == ARR_REST))
        whole_elements(ind, d, f, xformat("%zu", f->elem_size),
                       f->array == ARR_BYTES ? xformat("not a whole number of %s elements", type_schema_name(f->type))
                                             : NULL);
    if (f->array == ARR_UNTIL) {
        /* the value is the bytes before the terminator, as the accessor's */
        p("%st:add(%s, c.tvb(pos, n - 1))\n", ind, fvar(d, f));
        p("%sr[%s] = { pos, n - 1 }\n", ind, name);
    } else {
        p("%st:add(%s, c.tvb(pos, n))\n", ind, fvar(d, f));
        p("%sr[%s] = { pos, n }\n", ind, name);
    }
    if (f->bconst) {
        char *hex = xstrdup("");
        for (size_t i = 0; i < f->bconst->nbytes; i++)
            hex = xformat("%s%02x", hex, f->bconst->bytes[i]);
        p("%sif zc_hex(c.tvb, pos, n) ~= \"%s\" then\n", ind, hex);
        fail(xformat("%s    ", ind), "constraint", d, f, "pos", loc_text(f->bconst->loc));
        p("%send\n", ind);
    }
    p("%spos = pos + n\n", ind);
}

static void extern_field(const char *ind, Decl *d, Field *f)
{
    char *name = lua_str(f->name);
    p("%sat = pos\n", ind);
    if (!strcmp(f->type->decl->name, "dns_name")) {
        p("%sn, s, ev, e2 = zc_dns_measure(c.tvb, pos, rlim)\n", ind);
        p("%sif not n then return zc_fail(c, t, s, \"dns_name\", e2, ev) end\n", ind);
        p("%ss, sub, ev, e2 = zc_dns_text(c.tvb, c.base, c.mlim, pos, n)\n", ind);
        p("%sif s then\n%s    t:add(%s, c.tvb(pos, n), s)\n%selse\n", ind, ind, fvar(d, f), ind);
        p("%s    zc_fail(c, t:add(%s, c.tvb(pos, n), \"\"), sub, \"dns_name\", e2, ev)\n%send\n", ind, fvar(d, f),
          ind);
    } else {
        /* no Lua for the C function that measures it: the rest of the region */
        p("%sn = rlim - pos\n", ind);
        p("%st:add(%s, c.tvb(pos, n), \"(extern %s: not decoded)\")\n", ind, fvar(d, f), f->type->decl->name);
    }
    p("%sr[%s] = { pos, n }\n%spos = pos + n\n", ind, name, ind);
}

/* A case in a switch with a length must fill it (but a rest-of-region one). */
static void fill_check(const char *ind, Decl *d, Field *sw, const Case *k)
{
    if (!sw->len || (k->field && k->field->array == ARR_REST))
        return;
    p("%sif pos ~= rlim then\n", ind);
    fail(xformat("%s    ", ind), "malformed", d, k->field ? k->field : sw, "pos", "the case does not fill the switch's length");
    p("%send\n", ind);
}

static void switch_field(const char *ind, Decl *d, Field *sw)
{
    p("%sdo\n", ind);
    char *in = xformat("%s    ", ind);
    p("%slocal rlim = rlim\n", in);
    if (sw->len) {
        p("%sn = %s\n", in, lua_num(sw->len, "v"));
        p("%sif n < 0 or pos + n > rlim then\n", in);
        fail(xformat("%s    ", in), "truncated", d, sw, "pos", NULL);
        p("%send\n%srlim = pos + n\n", in, in);
    }
    p("%slocal spos = pos\n", in);
    p("%sv[\"@rlim\"] = rlim\n", in);
    bool first = true, deflt = false;
    for (int i = 0; i < sw->cases.len; i++) {
        Case *k = sw->cases.data[i];
        if (k->is_default)
            continue;
        p("%s%sif %s then\n", in, first ? "" : "else", lua_bool(k->match, "v"));
        first = false;
        if (k->field)
            one_field(xformat("%s    ", in), d, k->field);
        fill_check(xformat("%s    ", in), d, sw, k);
    }
    for (int i = 0; i < sw->cases.len; i++) {
        Case *k = sw->cases.data[i];
        if (!k->is_default)
            continue;
        p("%s%s\n", in, first ? "do" : "else");
        first = false;
        if (k->field)
            one_field(xformat("%s    ", in), d, k->field);
        fill_check(xformat("%s    ", in), d, sw, k);
        deflt = true;
    }
    if (!deflt && sw->len) {
        p("%s%s\n", in, first ? "do" : "else");
        p("%s    if pos ~= rlim then\n", in);
        fail(xformat("%s        ", in), "malformed", d, sw, "pos", "no case for this tag, and the length is not 0");
        p("%s    end\n", in);
        first = false;
    }
    if (!first)
        p("%send\n", in);
    if (sw->len)
        p("%spos = rlim\n", in);
    p("%send\n", ind);
    p("%sv[\"@rlim\"] = rlim\n", ind);
}

static void one_field(const char *ind, Decl *d, Field *f)
{
    if (f->is_switch) {
        if (f->cond) {
            p("%sif %s then\n", ind, lua_bool(f->cond, "v"));
            switch_field(xformat("%s    ", ind), d, f);
            p("%send\n", ind);
        } else {
            switch_field(ind, d, f);
        }
        return;
    }
    p("%sv[\"@at\"] = pos\n", ind);
    if (f->cond && !f->sw) {
        p("%sif %s then\n", ind, lua_bool(f->cond, "v"));
        ind = xformat("%s    ", ind);
    }
    if (is_int_field(f))
        int_field(ind, d, f);
    else if (is_struct_field(f))
        struct_field(ind, d, f);
    else if (f->type && f->type->kind == T_EXTERN)
        extern_field(ind, d, f);
    else
        bytes_field(ind, d, f);
    if (f->cond && !f->sw)
        p("%send\n", ind + 4);
}

static void struct_fn(Decl *d)
{
    char *params = xstrdup("");
    for (int i = 0; i < d->params.len; i++)
        params = xformat("%s, a_%s", params, ((Field *)d->params.data[i])->name);
    p("-- struct %s: its fields from pos, within [pos, lim); returns the end\n", d->name);
    p("-- and the values (nil after a failure, reported as expert info)\n");
    p("D[%s] = function(c, t, pos, lim%s)\n", lua_str(d->name), params);
    p("    local v, r = {}, {}\n");
    p("    local base, rlim, at, gpos, n, s, sub, e2, ev = pos, lim, pos, pos, 0, nil, nil, nil, nil\n");
    p("    v[\"@rlim\"] = rlim\n");
    for (int i = 0; i < d->params.len; i++) {
        Field *f = d->params.data[i];
        p("    v[%s] = a_%s\n", lua_str(f->name), f->name);
    }
    /* the parameters' constraints, checked first (offset 0), as NAME_parse() */
    for (int i = 0; i < d->params.len; i++) {
        Field *f = d->params.data[i];
        if (!f->constraint)
            continue;
        p("    if not %s then\n", lua_bool(f->constraint, "v"));
        fail("        ", "constraint", d, f, "0", loc_text(f->constraint->loc));
        p("    end\n");
    }
    bool trailer_done = false;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->trailer) {
            if (trailer_done)
                continue;
            trailer_done = true;
            /* the trailer's fixed-size fields, placed at the region's end */
            p("    do\n        local tsize = 0\n");
            for (int j = i; j < d->fields.len; j++) {
                Field *g = d->fields.data[j];
                if (!g->trailer)
                    continue;
                if (g->cond)
                    p("        if %s then tsize = tsize + %zu end\n", lua_bool(g->cond, "v"), g->size);
                else
                    p("        tsize = tsize + %zu\n", g->size);
            }
            p("        if pos + tsize > rlim then\n");
            fail("            ", "truncated", d, f, "pos", NULL);
            p("        end\n        local keep = pos\n        pos = rlim - tsize\n");
            for (int j = i; j < d->fields.len; j++) {
                Field *g = d->fields.data[j];
                if (g->trailer)
                    one_field("        ", d, g);
            }
            p("        rlim = rlim - tsize\n        pos = keep\n        v[\"@rlim\"] = rlim\n    end\n");
            continue;
        }
        one_field("    ", d, f);
    }
    if (d->remaining || d->trailer)
        p("    pos = lim\n");
    /* @checksum(internet ...): over the struct's bytes [base, pos), or
       those before `before F` */
    for (int i = 0; i < d->fields.len; i++) {
        const Field *f = d->fields.data[i];
        const Checksum *cs = f->csum;
        if (!cs || cs->alg != CSUM_INTERNET || cs->outer)
            continue;
        p("    zc_checksum(c, t, %s, base, %s, r[%s][1], %s, %s)\n", lua_str(xformat("%s.%s", d->name, f->name)),
          cs->before ? xformat("r[%s][1]", lua_str(cs->before->name)) : "pos", lua_str(f->name),
          cs->pseudo ? num_text(cs->proto) : "nil", cs->zero_is_none ? "true" : "false");
    }
    p("    return pos, v, r\nend\n\n");
}

/* ---- stacks --------------------------------------------------------------- */

/* Wireshark's table for a rule after one of the bundled structs, or NULL. */
static const char *ws_table(const char *st, const char *tag)
{
    static const char *const map[][3] = {
        { "udp", "dst_port", "udp.port" }, { "udp", "src_port", "udp.port" },
        { "tcp", "dst_port", "tcp.port" }, { "tcp", "src_port", "tcp.port" },
        { "ethernet", "type", "ethertype" }, { "vlan", "type", "ethertype" },
        { "ipv4", "protocol", "ip.proto" }, { "ipv6", "next_header", "ip.proto" },
        { "gre", "protocol", "gre.proto" },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i][0], st) && !strcmp(map[i][1], tag))
            return map[i][2];
    return NULL;
}

static bool uses_remaining(const Expr *e)
{
    return e && (e->kind == EX_REMAINING || uses_remaining(e->lhs) || uses_remaining(e->rhs));
}

/* ", args = { 4 }": a route's constant arguments for its struct's
   parameters (`whole bgp(4)`), or nothing. */
static char *lua_args(const Name *target)
{
    if (!target->args.len)
        return "";
    char *s = ", args = {";
    for (int i = 0; i < target->args.len; i++)
        s = xformat("%s%s %lld", s, i ? "," : "", (long long)((Expr *)target->args.data[i])->value);
    return xformat("%s }", s);
}

static void stack_rules(Decl *s)
{
    p("-- stack %s\n", s->name);
    for (int i = 0; i < s->rules.len; i++) {
        StackRule *rule = s->rules.data[i];
        for (int j = 0; j < rule->sources.len; j++) {
            StackSource *src = rule->sources.data[j];
            p("RULES[#RULES + 1] = { src = %s", lua_str(src->st.decl->name));
            if (src->payload)
                p(", payload = %s", lua_str(src->payload->name));
            /* the header says how long the payload is: empty means nothing
               follows (else an empty rest is parsed, and is truncated) */
            Field *pf = src->payload ? src->payload->field : NULL;
            if (pf && pf->array == ARR_EXPR && !uses_remaining(pf->len))
                p(", sized = true");
            if (src->fragment)
                p(", frag = function(v) return %s end", lua_bool(src->fragment, "v"));
            if (src->cond)
                p(", cond = function(v) return %s end", lua_bool(src->cond, "v"));
            if (rule->always) {
                p(", always = { name = %s%s%s%s } }\n", lua_str(rule->always->decl->name),
                  rule->always_guess ? ", guess = true" : "", rule->always_whole ? ", whole = true" : "",
                  lua_args(rule->always));
                continue;
            }
            if (src->tag)
                p(", tag = %s", lua_str(src->tag->name));
            if (src->peek)   /* `by peek(TYPE)`: the payload's first bits, nil if too short */
                p(", peek = { bytes = %d, shift = %d, le = %s }", src->peek_bits <= 8 ? 1 : src->peek_bits / 8,
                  src->peek_bits < 8 ? 8 - src->peek_bits : 0, src->peek_le ? "true" : "false");
            p(", routes = {");
            for (int k = 0; k < rule->routes.len; k++) {
                StackRoute *rt = rule->routes.data[k];
                for (int m = 0; m < rt->values.len; m++) {
                    Expr *e = rt->values.data[m];
                    p(" [%lld] = { name = %s%s%s%s },", (long long)e->value, lua_str(rt->target.decl->name),
                      rt->whole ? ", whole = true" : "", rt->guess ? ", guess = true" : "", lua_args(&rt->target));
                }
            }
            p(" } }\n");
            const char *tab = src->tag ? ws_table(src->st.decl->name, src->tag->name) : NULL;
            if (!tab)
                continue;
            for (int k = 0; k < rule->routes.len; k++) {
                StackRoute *rt = rule->routes.data[k];
                for (int m = 0; m < rt->values.len; m++) {
                    Expr *e = rt->values.data[m];
                    p("REGISTER[#REGISTER + 1] = { %s, %lld, %s }\n", lua_str(tab), (long long)e->value,
                      lua_str(rt->target.decl->name));
                }
            }
        }
    }
    for (int i = 0; i < s->limits.len; i++) {
        StackLimit *l = s->limits.data[i];
        p("LIMITS[#LIMITS + 1] = { max = %lld, names = {", (long long)l->max);
        for (int j = 0; j < l->names.len; j++)
            p(" [%s] = true,", lua_str(((Name *)l->names.data[j])->decl->name));
        p(" } }\n");
    }
    p("\n");
}

/* ---- the file ------------------------------------------------------------- */

static const char prelude[] =
    "local zc = Proto(\"zc\", \"zerocast\")\n"
    "local EX = {\n"
    "    truncated = ProtoExpert.new(\"zc.truncated\", \"zerocast: truncated\", expert.group.MALFORMED, expert.severity.ERROR),\n"
    "    constraint = ProtoExpert.new(\"zc.constraint\", \"zerocast: constraint failed\", expert.group.PROTOCOL, expert.severity.ERROR),\n"
    "    length = ProtoExpert.new(\"zc.length\", \"zerocast: bad length\", expert.group.MALFORMED, expert.severity.ERROR),\n"
    "    malformed = ProtoExpert.new(\"zc.malformed\", \"zerocast: malformed\", expert.group.MALFORMED, expert.severity.ERROR),\n"
    "    limit = ProtoExpert.new(\"zc.limit\", \"zerocast: layer limit\", expert.group.PROTOCOL, expert.severity.WARN),\n"
    "}\n"
    "EX.checksum = ProtoExpert.new(\"zc.checksum\", \"zerocast: bad checksum\", expert.group.CHECKSUM, expert.severity.ERROR)\n"
    "zc.experts = { EX.truncated, EX.constraint, EX.length, EX.malformed, EX.limit, EX.checksum }\n"
    "\n"
    "-- Checksums the schema declares (@checksum(internet ...)): verified when the\n"
    "-- preference zc.check_checksum is on (off by default, as Wireshark's own\n"
    "-- ip/tcp/udp.check_checksum: NICs that offload checksums capture bad ones).\n"
    "-- The status values are Wireshark's (proto_checksum_enum_e).\n"
    "local CS = {\n"
    "    status = ProtoField.uint8(\"zc.checksum.status\", \"Checksum status\", base.DEC,\n"
    "        { [0] = \"Bad\", [1] = \"Good\", [2] = \"Unverified\", [3] = \"Not present\", [4] = \"Illegal\" }),\n"
    "    calculated = ProtoField.uint16(\"zc.checksum.calculated\", \"Calculated checksum\", base.HEX),\n"
    "}\n"
    "zc.fields = { CS.status, CS.calculated }\n"
    "zc.prefs.check_checksum = Pref.bool(\"Validate checksums\", false,\n"
    "    \"Verify the checksums the schema declares (@checksum), as ip.check_checksum does\")\n"
    "-- the pseudo-header's addresses when Wireshark's own IP dissector ran first\n"
    "local WS_IP = { Field.new(\"ip.src\"), Field.new(\"ip.dst\"), Field.new(\"ipv6.src\"), Field.new(\"ipv6.dst\") }\n"
    "\n"
    "local D, P, F, VS, RULES, LIMITS, REGISTER, ARGS = {}, {}, {}, {}, {}, {}, {}, {}\n"
    "\n"
    "-- A tree that keeps nothing: for `whole` routes tried before they are shown.\n"
    "local NOTREE = {}\n"
    "function NOTREE.add() return NOTREE end\n"
    "NOTREE.add_le = NOTREE.add\n"
    "function NOTREE.set_len() end\n"
    "NOTREE.add_proto_expert_info = NOTREE.set_len\n"
    "NOTREE.append_text = NOTREE.set_len\n"
    "\n"
    "-- The failure of a struct: expert info on its tree, as zc_status_format() words it.\n"
    "local function zc_fail(c, t, kind, field, at, detail)\n"
    "    local text = kind .. \": \" .. field .. \" at offset \" .. at\n"
    "    if detail then text = text .. \": \" .. detail end\n"
    "    t:add_proto_expert_info(EX[kind], text)\n"
    "    if not c.failed then c.failed = text end\n"
    "    return nil\n"
    "end\n"
    "\n"
    "-- The Internet checksum (RFC 1071): the 16-bit one's complement sum of n\n"
    "-- bytes at pos added to sum, the two bytes at skip counted as zero.\n"
    "local function zc_sum(tvb, pos, n, sum, skip)\n"
    "    if n <= 0 then return sum end\n"
    "    local b = tvb(pos, n):bytes()\n"
    "    for i = 0, n - 1 do\n"
    "        if pos + i ~= skip and pos + i ~= skip + 1 then\n"
    "            sum = sum + (i % 2 == 0 and b:get_index(i) * 256 or b:get_index(i))\n"
    "        end\n"
    "    end\n"
    "    return sum\n"
    "end\n"
    "local function zc_fold(sum)\n"
    "    while sum > 65535 do sum = sum % 65536 + math.floor(sum / 65536) end\n"
    "    return sum\n"
    "end\n"
    "local function zc_sum_bytes(b, sum)\n"
    "    for i = 0, b:len() - 1 do sum = sum + (i % 2 == 0 and b:get_index(i) * 256 or b:get_index(i)) end\n"
    "    return sum\n"
    "end\n"
    "-- Checks `field` (2 bytes at fpos) over [base, cend), with the IP\n"
    "-- pseudo-header of protocol proto (nil: none): its status, the value it\n"
    "-- should have, and expert info when it is bad. The addresses: the last\n"
    "-- IPv4 or IPv6 layer of the walk, else Wireshark's own ip/ipv6.src and dst.\n"
    "local function zc_checksum(c, t, field, base, cend, fpos, proto, zero_is_none)\n"
    "    if not zc.prefs.check_checksum then return end\n"
    "    local tvb = c.tvb\n"
    "    local val = tvb(fpos, 2):uint()\n"
    "    local sum = 0\n"
    "    if proto then\n"
    "        local ip = c.ip\n"
    "        if ip == nil then\n"
    "            for k = 1, 3, 2 do\n"
    "                local s, d = { WS_IP[k]() }, { WS_IP[k + 1]() }\n"
    "                if #s > 0 and #d > 0 then ip = { s[#s].range:bytes(), d[#d].range:bytes() } end\n"
    "            end\n"
    "        end\n"
    "        if not ip then t:add(CS.status, 2); return end   -- a fragment, or no IP below\n"
    "        local v6 = ip[1]:len() == 16\n"
    "        if zero_is_none and val == 0 then\n"
    "            t:add(CS.status, v6 and 4 or 3)\n"
    "            if v6 then t:add_proto_expert_info(EX.checksum, \"checksum: \" .. field .. \" 0x0000: none over IPv6\") end\n"
    "            return\n"
    "        end\n"
    "        sum = zc_sum_bytes(ip[2], zc_sum_bytes(ip[1], 0))\n"
    "        local len = cend - base\n"
    "        sum = sum + proto + len % 65536 + math.floor(len / 65536)\n"
    "    end\n"
    "    sum = zc_sum(tvb, base, cend - base, sum, fpos)\n"
    "    local calc = 65535 - zc_fold(sum)\n"
    "    if zero_is_none and calc == 0 then calc = 65535 end   -- a computed 0 is sent as 0xffff\n"
    "    local ok = zc_fold(sum + val) == 65535\n"
    "    if ok then calc = val end   -- +0 and -0 both verify: the field is right\n"
    "    t:add(CS.calculated, calc)\n"
    "    t:add(CS.status, ok and 1 or 0)\n"
    "    if not ok then\n"
    "        t:add_proto_expert_info(EX.checksum, string.format(\"checksum: %s 0x%04x, should be 0x%04x\", field, val, calc))\n"
    "    end\n"
    "end\n"
    "\n"
    "-- Integer arithmetic as C's int64_t on values within 2^53.\n"
    "local function zc_div(a, b)\n"
    "    if b == 0 then return 0 end\n"
    "    local q = a / b\n"
    "    return q >= 0 and math.floor(q) or math.ceil(q)\n"
    "end\n"
    "local function zc_mod(a, b)\n"
    "    if b == 0 then return 0 end\n"
    "    return a - zc_div(a, b) * b\n"
    "end\n"
    "local function zc_split(x) local lo = x % 4294967296; return (x - lo) / 4294967296, lo end\n"
    "local function zc_bitop(f, a, b)\n"
    "    local ah, al = zc_split(a)\n"
    "    local bh, bl = zc_split(b)\n"
    "    return f(ah, bh) * 4294967296 + f(al, bl)\n"
    "end\n"
    "local function zc_band(a, b) return zc_bitop(bit32.band, a, b) end\n"
    "local function zc_bor(a, b) return zc_bitop(bit32.bor, a, b) end\n"
    "local function zc_bxor(a, b) return zc_bitop(bit32.bxor, a, b) end\n"
    "local function zc_shl(a, n) return a * 2 ^ n end\n"
    "local function zc_shr(a, n) return math.floor(a / 2 ^ n) end\n"
    "local function zc_extract(g, shift, bits) return bit32.extract(g, shift, bits) end\n"
    "local function zc_sext(x, bits)\n"
    "    if x >= 2 ^ (bits - 1) then return x - 2 ^ bits end\n"
    "    return x\n"
    "end\n"
    "-- A bit field of more than 4 bytes: from a UInt64, sign-extended in an\n"
    "-- Int64 if signed (kept one above 53 bits: a double would round it).\n"
    "local function zc_bits64(rng, le, shift, bits, signed)\n"
    "    local g = le and rng:le_uint64() or rng:uint64()\n"
    "    local x = g:rshift(shift)\n"
    "    if bits < 64 then x = x:band(UInt64(2 ^ bits % 4294967296, math.floor(2 ^ bits / 4294967296)) - 1) end\n"
    "    if signed then x = Int64(x):lshift(64 - bits):arshift(64 - bits) end\n"
    "    if bits > 53 then return x end\n"
    "    return x:tonumber()\n"
    "end\n"
    "-- leb128(max): value and bytes; -1 truncated, 0 too long.\n"
    "local function zc_leb128(tvb, pos, lim, max)\n"
    "    local x, mul = 0, 1\n"
    "    for i = 0, max - 1 do\n"
    "        if pos + i >= lim then return 0, -1 end\n"
    "        local b = tvb(pos + i, 1):uint()\n"
    "        x = x + (b % 128) * mul\n"
    "        mul = mul * 128\n"
    "        if b < 128 then return x, i + 1 end\n"
    "    end\n"
    "    return 0, 0\n"
    "end\n"
    "-- QUIC's variable-length integer (RFC 9000 16).\n"
    "local function zc_quic_varint(tvb, pos, lim)\n"
    "    if pos >= lim then return 0, -1 end\n"
    "    local n = 2 ^ math.floor(tvb(pos, 1):uint() / 64)\n"
    "    if pos + n > lim then return 0, -1 end\n"
    "    local x = tvb(pos, 1):uint() % 64\n"
    "    for i = 1, n - 1 do x = x * 256 + tvb(pos + i, 1):uint() end\n"
    "    return x, n\n"
    "end\n"
    "-- u8 x[until K, max M]: bytes up to and including K; -1 truncated, -2 too long.\n"
    "local function zc_until(tvb, pos, lim, k, max)\n"
    "    for i = pos, lim - 1 do\n"
    "        if max >= 0 and i - pos > max then return -2 end\n"
    "        if tvb(i, 1):uint() == k then return i - pos + 1 end\n"
    "    end\n"
    "    if max >= 0 and lim - pos > max then return -2 end\n"
    "    return -1\n"
    "end\n"
    "local function zc_hex(tvb, pos, n)\n"
    "    if n == 0 then return \"\" end\n"
    "    return string.lower(tostring(tvb(pos, n):bytes()))\n"
    "end\n"
    "-- A DNS name (RFC 1035 4.1.4), as runtime/zerocast_dns.h: its bytes in\n"
    "-- place (dns_name_zc_measure), or nil, kind, detail, offset.\n"
    "local function zc_dns_measure(tvb, pos, lim)\n"
    "    local i = pos\n"
    "    while true do\n"
    "        if i >= lim then return nil, \"truncated\", \"name runs past the end of the input\", i end\n"
    "        local b = tvb(i, 1):uint()\n"
    "        if b == 0 then return i + 1 - pos end\n"
    "        if b >= 192 then\n"
    "            if lim - i < 2 then return nil, \"truncated\", \"pointer cut short\", i end\n"
    "            return i + 2 - pos\n"
    "        end\n"
    "        if b > 63 then return nil, \"malformed\", \"unknown label type\", i end\n"
    "        if i - pos + b + 2 > 255 then return nil, \"limit\", \"name longer than 255 bytes\", i end\n"
    "        if b > lim - i - 1 then return nil, \"truncated\", \"label runs past the end of the input\", i end\n"
    "        i = i + 1 + b\n"
    "    end\n"
    "end\n"
    "-- Its text, following pointers within the message [mbase, mlim), as\n"
    "-- zc_dns_name_decode(): the labels joined by dots (\".\" for the root), or\n"
    "-- nil, kind, detail, offset.\n"
    "local function zc_dns_text(tvb, mbase, mlim, pos, size)\n"
    "    local labels, wire, pointers = {}, 0, 0\n"
    "    local p, lowest, lim = pos, pos, pos + size\n"
    "    while true do\n"
    "        if p >= lim then return nil, \"truncated\", \"name runs past the end of the input\", p end\n"
    "        local b = tvb(p, 1):uint()\n"
    "        if b == 0 then break end\n"
    "        if b >= 192 then\n"
    "            if lim - p < 2 then return nil, \"truncated\", \"pointer cut short\", p end\n"
    "            local target = mbase + (b - 192) * 256 + tvb(p + 1, 1):uint()\n"
    "            if target >= mlim then return nil, \"malformed\", \"pointer target outside the message\", p end\n"
    "            if target >= p then return nil, \"malformed\", \"pointer points forward\", p end\n"
    "            if target >= lowest then return nil, \"malformed\", \"pointer loops\", p end\n"
    "            if pointers >= 127 then return nil, \"limit\", \"too many compression pointers\", p end\n"
    "            pointers = pointers + 1\n"
    "            lowest, p, lim = target, target, mlim\n"
    "        else\n"
    "            if b > 63 then return nil, \"malformed\", \"unknown label type\", p end\n"
    "            if wire + b + 2 > 255 then return nil, \"limit\", \"name longer than 255 bytes\", p end\n"
    "            if b > lim - p - 1 then return nil, \"truncated\", \"label runs past the end of the input\", p end\n"
    "            local l = {}\n"
    "            for i = 1, b do\n"
    "                local x = tvb(p + i, 1):uint()\n"
    "                local ch = string.char(x)\n"
    "                if x < 0x21 or x > 0x7e then l[#l + 1] = string.format(\"\\\\%03d\", x)\n"
    "                elseif ch:find('[\"().;\\\\@$]') then l[#l + 1] = \"\\\\\" .. ch\n"
    "                else l[#l + 1] = ch end\n"
    "            end\n"
    "            labels[#labels + 1] = table.concat(l)\n"
    "            wire = wire + 1 + b\n"
    "            p = p + 1 + b\n"
    "        end\n"
    "    end\n"
    "    if #labels == 0 then return \".\" end\n"
    "    return table.concat(labels, \".\")\n"
    "end\n"
    "\n"
    "-- The pseudo-header's addresses for the layer after `name` (at [pos, e),\n"
    "-- values v) of the bundled IP stack, as zcdump's: the IPv4 or IPv6 header's,\n"
    "-- the destination being the last address of an IPv4 source route option\n"
    "-- or the final one of an IPv6 routing header with segments left (RFC 8200\n"
    "-- 8.1); false in a fragment (unverifiable), nil above any other layer.\n"
    "local function zc_pseudo_next(tvb, name, pos, e, v, ip)\n"
    "    if name == \"ipv4\" then\n"
    "        if v.more_fragments == 1 or v.fragment_offset ~= 0 then return false end\n"
    "        local dst = tvb(pos + 16, 4):bytes()\n"
    "        local o, hl = pos + 20, math.min(e, pos + v.ihl * 4)\n"
    "        while o < hl do\n"
    "            local ty = tvb(o, 1):uint()\n"
    "            if ty == 0 then break end\n"
    "            if ty == 1 then o = o + 1 else\n"
    "                if o + 1 >= hl then break end\n"
    "                local len = tvb(o + 1, 1):uint()\n"
    "                if len < 2 or o + len > hl then break end\n"
    "                if (ty == 131 or ty == 137) and len >= 7 then\n"
    "                    dst = tvb(o + 3 + math.floor((len - 3) / 4) * 4 - 4, 4):bytes()\n"
    "                    break\n"
    "                end\n"
    "                o = o + len\n"
    "            end\n"
    "        end\n"
    "        return { tvb(pos + 12, 4):bytes(), dst }\n"
    "    end\n"
    "    if name == \"ipv6\" then return { tvb(pos + 8, 16):bytes(), tvb(pos + 24, 16):bytes() } end\n"
    "    if not ip then return ip end\n"
    "    if name == \"ipv6_fragment\" then\n"
    "        if v.more_fragments == 1 or v.fragment_offset ~= 0 then return false end\n"
    "        return ip\n"
    "    end\n"
    "    if name == \"ipv6_routing\" then\n"
    "        local dlen = e - pos - 4\n"
    "        if ip.routed or v.segments_left == 0 or dlen < 20 then return ip end\n"
    "        local rt = v.routing_type\n"
    "        if rt == 0 or rt == 2 then return { ip[1], tvb(e - 16, 16):bytes(), routed = true } end\n"
    "        if rt == 4 then return { ip[1], tvb(pos + 8, 16):bytes(), routed = true } end\n"
    "        return ip\n"
    "    end\n"
    "    if name == \"ipv6_hop_by_hop\" or name == \"ipv6_dest_options\" then return ip end\n"
    "    return nil\n"
    "end\n"
    "\n"
    "-- Layer after layer from struct `name`, as NAME_walk() follows the stack.\n"
    "-- A layer routed to by a guess that does not parse ends the walk, its\n"
    "-- bytes undecoded (ZC_UNDECODED); inside a fragment's payload a layer\n"
    "-- cut short ends it too (ZC_FRAGMENT): neither is malformed.\n"
    "local zc_unpack = table.unpack or unpack   -- (Lua 5.2: table.unpack)\n"
    "local function zc_walk(tvb, pinfo, tree, name, pos, lim)\n"
    "    local args = ARGS[name] and { ARGS[name]() } or {}   -- the first layer's parameters\n"
    "    local counts = {}\n"
    "    local guess, frag, ip = false, false, nil\n"
    "    while name do\n"
    "        for _, l in ipairs(LIMITS) do\n"
    "            if l.names[name] then\n"
    "                l.seen = (counts[l] or 0) + 1\n"
    "                counts[l] = l.seen\n"
    "                if l.seen > l.max then\n"
    "                    tree:add_proto_expert_info(EX.limit, \"limit: \" .. name .. \" at offset \" .. pos .. \": more than \" .. l.max .. \" layers\")\n"
    "                    return\n"
    "                end\n"
    "            end\n"
    "        end\n"
    "        if guess or frag then\n"
    "            local c2 = { tvb = tvb, pinfo = pinfo, base = pos, mlim = lim }\n"
    "            if not D[name](c2, NOTREE, pos, lim, zc_unpack(args)) then\n"
    "                if guess then return end\n"
    "                if c2.failed and c2.failed:sub(1, 10) == \"truncated:\" then return end\n"
    "            end\n"
    "        end\n"
    "        local c = { tvb = tvb, pinfo = pinfo, base = pos, mlim = lim, ip = ip }\n"
    "        local layer = tree:add(P[name], tvb(pos, lim - pos))\n"
    "        pinfo.cols.protocol:set(name)\n"
    "        local e, v, r = D[name](c, layer, pos, lim, zc_unpack(args))\n"
    "        args = {}\n"
    "        if not e then return end\n"
    "        layer:set_len(e - pos)\n"
    "        ip = zc_pseudo_next(tvb, name, pos, e, v, ip)\n"
    "        guess = false\n"
    "        for _, rule in ipairs(RULES) do\n"
    "            if rule.src == name and rule.frag and rule.frag(v) then frag = true end\n"
    "        end\n"
    "        local next_name, npos, nlim, sized\n"
    "        for _, rule in ipairs(RULES) do\n"
    "            if rule.src == name and (not rule.cond or rule.cond(v)) then\n"
    "                local target = rule.always\n"
    "                if rule.tag then target = rule.routes[v[rule.tag]] end\n"
    "                local span = rule.payload and r[rule.payload]\n"
    "                local ppos, plim = e, lim\n"
    "                if span then ppos, plim = span[1], span[1] + span[2] end\n"
    "                local pk = rule.peek\n"
    "                if pk then\n"
    "                    target = nil\n"
    "                    if plim - ppos >= pk.bytes then\n"
    "                        local x = pk.le and tvb(ppos, pk.bytes):le_uint() or tvb(ppos, pk.bytes):uint()\n"
    "                        target = rule.routes[math.floor(x / 2 ^ pk.shift)]\n"
    "                    end\n"
    "                end\n"
    "                if target and (span or not rule.payload) then\n"
    "                    npos, nlim = ppos, plim\n"
    "                    if target.whole and not D[target.name]({ tvb = tvb, pinfo = pinfo, base = npos, mlim = nlim }, NOTREE, npos, nlim, zc_unpack(target.args or {})) then\n"
    "                        target = nil\n"
    "                    end\n"
    "                    if target then next_name, guess, sized, args = target.name, target.guess, rule.sized, target.args or {}; break end\n"
    "                end\n"
    "            end\n"
    "        end\n"
    "        -- an empty payload the header sized ends the walk, as in NAME_walk()\n"
    "        if next_name and npos >= nlim and sized then next_name = nil end\n"
    "        name, pos, lim = next_name, npos, nlim\n"
    "    end\n"
    "end\n"
    "\n";

/* The first route of a stack of prog to struct d, which gives d's
   parameters their arguments (`whole bgp(4)`), or NULL. */
static const Name *first_route_with_args(Program *prog, const Decl *d)
{
    for (int i = 0; i < prog->decls.len; i++) {
        const Decl *s = prog->decls.data[i];
        if (s->kind != D_STACK)
            continue;
        for (int j = 0; j < s->rules.len; j++) {
            const StackRule *r = s->rules.data[j];
            if (r->always && r->always->decl == d && r->always->args.len)
                return r->always;
            for (int k = 0; k < r->routes.len; k++) {
                const StackRoute *rt = r->routes.data[k];
                if (rt->target.decl == d && rt->target.args.len)
                    return &rt->target;
            }
        }
    }
    return NULL;
}

/* A --register value: a number (decimal or 0x hex) as it is, else a string. */
static char *reg_value(const char *v)
{
    bool hex = v[0] == '0' && (v[1] == 'x' || v[1] == 'X') && v[2];
    const char *digits = hex ? v + 2 : v;
    if (*digits && !digits[strspn(digits, hex ? "0123456789abcdefABCDEF" : "0123456789")])
        return xstrdup(v);
    return lua_str(v);
}

bool emit_lua(FILE *out, Program *prog, const LuaOptions *opts)
{
    for (int i = 0; i < opts->nregs; i++) {
        bool found = false;
        for (int j = 0; j < prog->decls.len; j++) {
            const Decl *d = prog->decls.data[j];
            found = found || (d->kind == D_STRUCT && !strcmp(d->name, opts->regs[i].struct_name));
        }
        if (!found) {
            diag_plain("--register=%s=%s:%s: no struct '%s' in %s", opts->regs[i].table, opts->regs[i].value,
                       opts->regs[i].struct_name, opts->regs[i].struct_name, opts->schema_name);
            return false;
        }
    }
    FILE *saved = emit_set_output(out);
    p("-- %s.lua: a Wireshark dissector for %s, generated by zerocast %s\n", opts->schema_name,
      opts->schema_name, ZCC_VERSION);
    p("-- (zerocast --emit=wireshark; docs/wireshark.md). Do not edit.\n");
    p("-- Load it with `tshark -X lua_script:FILE` or from Wireshark's plugin directory.\n\n");
    p_raw(prelude, sizeof prelude - 1);
    p("-- enums: value strings\n");
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_ENUM)
            declare_enum(d);
    }
    p("\n-- structs: one protocol each (zc.NAME), its fields zc.NAME.FIELD\n");
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind != D_STRUCT)
            continue;
        p("P[%s] = Proto(%s, %s)\n", lua_str(d->name), lua_str(xformat("zc.%s", d->name)),
          lua_str(xformat("%s (zerocast)", d->name)));
        declare_fields(d);
        /* A struct with parameters dissected as the first layer (a dissector
           table, Decode As) takes them from the preferences zc.S.PARAM (of
           the protocol zc: Wireshark finds `-o zc.bgp.asn_size:4` there)
           (default 0: its constraint, if any, then says what is expected);
           a struct that uses it passes them as the schema says. */
        if (d->params.len > 0) {
            p("ARGS[%s] = function()\n    return", lua_str(d->name));
            for (int j = 0; j < d->params.len; j++)
                p("%s zc.prefs[%s]", j ? "," : "",
                  lua_str(xformat("%s.%s", d->name, ((Field *)d->params.data[j])->name)));
            p("\nend\n");
            for (int j = 0; j < d->params.len; j++) {
                Field *f = d->params.data[j];
                const Name *rt = first_route_with_args(prog, d);
                long long dflt = rt ? (long long)((Expr *)rt->args.data[j])->value : 0;
                p("zc.prefs[%s] = Pref.uint(%s, %lld, %s)\n", lua_str(xformat("%s.%s", d->name, f->name)),
                  lua_str(xformat("%s (u%d parameter%s%s)", f->name, f->type ? f->type->bits : 0,
                                  f->constraint ? ": " : "", f->constraint ? loc_text(f->constraint->loc) : "")),
                  dflt, lua_str(xformat("The argument %s of %s when %s is the first layer dissected (a dissector "
                                  "table, Decode As): set it to what the capture uses%s", f->name, d->name, d->name,
                                  rt ? " (default: the stack's route)" : "")));
            }
        }
    }
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_STRUCT) {
            emit_begin_decl(d);
            struct_fn(d);
        }
    }
    emit_begin_decl(NULL);
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_STACK)
            stack_rules(d);
    }
    p("-- every struct is a protocol of its own, offered to Wireshark's Decode As\n");
    p("-- (and tshark's -d) in the port, EtherType and IP protocol tables\n");
    p("local decode_as = {}\n");
    p("for _, name in ipairs({ \"udp.port\", \"tcp.port\", \"ethertype\", \"ip.proto\" }) do\n");
    p("    decode_as[#decode_as + 1] = DissectorTable.get(name)\n");
    p("end\n");
    p("for name, proto in pairs(P) do\n");
    p("    proto.dissector = function(tvb, pinfo, tree)\n");
    p("        zc_walk(tvb, pinfo, tree, name, 0, tvb:len())\n");
    p("        return tvb:len()\n");
    p("    end\n");
    p("    for _, tab in ipairs(decode_as) do tab:add_for_decode_as(proto) end\n");
    p("end\n\n");
    p("-- the stacks' rules after the bundled UDP, TCP, Ethernet, IP and GRE structs\n");
    p("-- (docs/wireshark.md), a bundled link-layer header on its own link type,\n");
    p("-- then --register's\n");
    /* schemas/radiotap.zc's header starts the frame of its own link type
       (DLT 127): nothing else routes to it, so it takes that encapsulation
       (as Wireshark's radiotap dissector does) */
    for (int i = 0; i < prog->decls.len; i++) {
        const Decl *d = prog->decls.data[i];
        if (d->kind == D_STRUCT && !strcmp(d->name, "radiotap"))
            p("REGISTER[#REGISTER + 1] = { \"wtap_encap\", wtap_encaps.IEEE_802_11_RADIOTAP, \"radiotap\" }\n");
    }
    for (int i = 0; i < opts->nregs; i++)
        p("REGISTER[#REGISTER + 1] = { %s, %s, %s }\n", lua_str(opts->regs[i].table),
          reg_value(opts->regs[i].value),
          lua_str(opts->regs[i].struct_name));
    p("for _, reg in ipairs(REGISTER) do\n");
    p("    local tab = DissectorTable.get(reg[1])\n");
    p("    if tab then\n        tab:add(reg[2], P[reg[3]])\n    else\n");
    p("        report_failure(\"zerocast: no dissector table '\" .. reg[1] .. \"' for \" .. reg[3])\n    end\n");
    p("end\n");
    emit_set_output(saved);
    return true;
}
