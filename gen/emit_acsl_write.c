/*
 * emit_acsl_write.c - ACSL contracts for the write side (`zerocast
 * --acsl`, issue #23): the mutable views (S_zc_writable, S_parse_mut(),
 * S_F_mut(), S_bytes_mut()) and the setters, for the structs whose read
 * side emit_acsl.c specifies (acsl_supported()). A setter's contract
 * requires a writable view that covers the field, assigns exactly the
 * field's bytes (so every other byte is unchanged: WP proves the assigns
 * clause) and ensures that the accessor's logic value (logic_field())
 * reads what was set. docs/hardening.md, "Setters, builders, checksums".
 */
#include "emit_parts.h"

/* The start of fixed field f in ACSL over view V: NULL if not modelled
   (a trailer, a switch case, a field behind a condition). */
static char *logic_off(Field *f, const char *V)
{
    Decl *d = f->owner;
    if (f->trailer || f->sw || f->cond || f->is_param || f->seg > 1)
        return NULL;
    size_t off = f->is_bits ? f->group->off : f->off;
    if (f->seg == 0)
        return xformat("%zu", off);
    for (int i = 0; i < d->fields.len; i++) {   /* behind the variable array */
        Field *v = d->fields.data[i];
        if (is_var_array(v) && v->array != ARR_REST && v->seg == 0) {
            char *n = logic_len(v, V);
            return n ? xformat("%zu + %s + %zu", v->off, n, off) : NULL;
        }
    }
    return NULL;
}

/* The bytes field f takes: its group for a bit field. */
static size_t field_bytes(Field *f)
{
    if (f->is_bits)
        return f->size;
    if (f->type->kind == T_STRUCT)
        return f->type->decl->min_size;
    return (size_t)value_type(f)->bits / 8;
}

/* The requirement that m covers field f at offset `off`. */
static void req_cover(Decl *d, Field *f, const char *off)
{
    if (f->seg == 0)
        p("/*@ requires %s_zc_writable(m) && m.v.zc_len >= %zu;\n", sname(d),
          (f->is_bits ? f->group->off : f->off) + field_bytes(f));
    else   /* the offset depends on the array's length: the view is valid */
        p("/*@ requires %s_zc_writable(m) && %s_zc_valid(m.v);\n", sname(d), sname(d));
    (void)off;
}

/* After S_mview: the predicate of a writable view. */
void acsl_mview(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    char *s = sname(d);
    p("/*@ predicate %s_zc_writable{L}(%s m) =\n", s, mview_t(d));
    p("        %s_zc_readable(m.v) && m.v.zc_base == m.zc_wbase &&\n", s);
    p("        \\valid(m.zc_wbase + (0 .. m.v.zc_len - 1));\n*/\n\n");
}

/* Before S_parse_mut(): S_parse() over a writable buffer. */
void acsl_parse_mut(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    char *s = sname(d);
    p("/*@ requires \\valid(m);\n");
    p("    requires \\valid((uint8_t *)buf + (0 .. len - 1));\n");
    p("    requires \\separated(m, (uint8_t *)buf + (0 .. len - 1));\n");
    p("    assigns *m;\n");
    p("    ensures m->v.zc_len <= len;\n");
    p("    ensures \\result.code == ZC_OK ==> %s_zc_valid(m->v) && %s_zc_writable(*m);\n", s, s);
    p("    ensures \\result.code != ZC_OK ==> m->v.zc_len == 0 && m->zc_wbase == \\null;\n*/\n");
}

/* Before S_bytes_mut(). */
void acsl_bytes_mut(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    p("/*@ assigns \\nothing;\n");
    p("    ensures m.zc_wbase != \\null ==> \\result.ptr == m.zc_wbase && \\result.len == m.v.zc_len;\n");
    p("    ensures m.zc_wbase == \\null ==> \\result.ptr == \\null && \\result.len == 0;\n*/\n");
}

/* The logic value of the wire bytes at off of the writable view, and
   the host value of x, for wire (or enum over wire) type t. */
static char *wire_order(const Type *t)
{
    return xformat("%s%d", t->order == ORD_BE ? "be" : "le", t->bits);
}

/* Before setter S_set_F() (and S_F_mut() of a nested fixed struct). */
void acsl_setter(Field *f)
{
    Decl *d = f->owner;
    if (!acsl_on || !acsl_supported(d) || f->array != ARR_NONE)
        return;
    char *off = logic_off(f, "m.v");
    if (!off)
        return;
    size_t n = field_bytes(f);
    const Type *t = value_type(f);
    if (f->type->kind == T_STRUCT) {   /* S_F_mut(): the nested struct's writable view */
        if (f->seg != 0 || !f->type->decl->fixed_size)
            return;
        req_cover(d, f, off);
        p("    assigns \\nothing;\n");
        p("    ensures \\result.v.zc_base == m.v.zc_base + %s && \\result.v.zc_len == %zu;\n", off, n);
        p("    ensures %s_zc_writable(\\result);\n*/\n", sname(f->type->decl));
        return;
    }
    if (f->type->kind == T_VARINT || (f->type->kind != T_WIRE && f->type->kind != T_UINT && f->type->kind != T_ENUM))
        return;
    req_cover(d, f, off);
    if (f->seg == 0)
        p("    assigns m.zc_wbase[%s .. %zu];\n", off, (f->is_bits ? f->group->off : f->off) + n - 1);
    else
        p("    assigns m.zc_wbase[%s .. %s + %zu];\n", off, off, n - 1);
    if (f->is_bits) {   /* the range check; the bits themselves: see the docs */
        bool odd = t->bits != 8 && t->bits != 16 && t->bits != 32 && t->bits != 64;
        if (odd && t->is_signed)
            p("    ensures \\result.code == ZC_OK <==> %lld <= x <= %lld;\n", (long long)type_min(t),
              (long long)type_max(t));
        else if (odd)
            p("    ensures \\result.code == ZC_OK <==> x <= %llu;\n", (unsigned long long)type_max(t));
        else
            p("    ensures \\result.code == ZC_OK;\n");
        p("*/\n");
        return;
    }
    char *val = f->type->kind == T_WIRE ? xformat("zc_%s_h(x.raw)", wire_order(t))
                                         : xformat("(%s)x", uint_c_name(t->bits));
    char *now = t->kind == T_UINT ? xformat("m.zc_wbase[%s]", off)
                                  : xformat("zc_get_%s(m.zc_wbase + %s)", wire_order(t), off);
    char *getter = f->seg == 0 && f->type->kind != T_ENUM ? logic_field(f, "m.v") : NULL;
    if (enum_is_narrow(f)) {
        p("    ensures \\result.code == ZC_OK <==> x <= %llu;\n", (unsigned long long)type_max(t));
        p("    ensures \\result.code == ZC_OK ==> %s == %s;\n*/\n", getter ? getter : now, val);
        return;
    }
    p("    ensures %s == %s;\n*/\n", getter ? getter : now, val);
}

/* Before S_set_F() of a byte array (seg 0): copies exactly its length. */
void acsl_set_bytes(Field *f)
{
    Decl *d = f->owner;
    if (!acsl_on || !acsl_supported(d) || f->seg != 0 || f->cond || f->sw || f->trailer ||
        f->array == ARR_UNTIL || f->array == ARR_ALIGN || f->array == ARR_BYTES)
        return;
    char *s = sname(d), *len, *last;
    if (f->array == ARR_REST) {
        p("/*@ requires %s_zc_writable(m) && m.v.zc_len >= %zu;\n", s, f->off);
        len = xformat("m.v.zc_len - %zu", f->off);
        last = "m.v.zc_len - 1";
    } else if (is_var_array(f)) {
        p("/*@ requires %s_zc_writable(m) && %s_zc_valid(m.v);\n", s, s);
        len = logic_len(f, "m.v");
        last = xformat("%zu + %s - 1", f->off, len);
    } else {
        p("/*@ requires %s_zc_writable(m) && m.v.zc_len >= %zu;\n", s, f->off + f->size);
        len = xformat("%zu", f->size);
        last = xformat("%zu", f->off + f->size - 1);
    }
    p("    requires \\valid_read((const uint8_t *)src + (0 .. n - 1));\n");
    p("    assigns m.zc_wbase[%zu .. %s];\n", f->off, last);
    p("    ensures \\result.code == ZC_OK <==> n == %s;\n*/\n", len);
}

/* Before S_F_ok() / S_fill_F() of a CRC-32C or CRC-32 field (be32 or
   le32, `xor K` or not) in the fixed prefix: the check reads only the
   view (and, `outer`, buf[0 .. len-1]); the fill writes only the field's
   four bytes. The CRC's value is not specified (tests/unit/test_csum.c
   checks it): the runtime's zc_crc_update_() is proved memory-safe and
   terminating, its table reads in range. */
static void acsl_crc(Field *f, bool fill, size_t need)
{
    Decl *d = f->owner;
    char *s = sname(d);
    if (fill)
        p("/*@ requires %s_zc_writable(m) && m.v.zc_len >= %zu;\n", s, need);
    else
        p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n", s, need);
    if (f->csum->outer)
        p("    requires \\valid_read(buf + (0 .. len - 1));\n");
    if (fill)
        p("    assigns m.zc_wbase[%zu .. %zu];\n*/\n", f->off, f->off + 3);
    else
        p("    assigns \\nothing;\n*/\n");
}

/* Before S_F_ok() (fill false) or S_fill_F() (fill true) of an Internet
   or CRC checksum field in the fixed prefix, over the whole message or the
   bytes before a field of the fixed prefix (CRCs: or `outer`, bytes the
   caller gives). Extern checksums get none (their C function has no
   contract). */
void acsl_checksum(Field *f, bool fill)
{
    Decl *d = f->owner;
    Checksum *c = f->csum;
    if (!acsl_on || !acsl_supported(d) || !c || c->alg == CSUM_EXTERN || !logic_off(f, "v") || f->seg != 0 ||
        f->type->kind != T_WIRE ||
        (c->before && (c->before->seg != 0 || c->before->sw || c->before->cond || c->before->trailer)))
        return;
    size_t need = f->off + (size_t)value_type(f)->bits / 8;
    if (c->before && c->before->off > need)
        need = c->before->off;
    if (c->alg != CSUM_INTERNET) {
        acsl_crc(f, fill, need);
        return;
    }
    if (c->outer || value_type(f)->bits != 16)
        return;
    char *s = sname(d), *V = fill ? "m.v" : "v";
    char *end = c->before ? xformat("%zu", c->before->off) : xformat("%s.zc_len", V);
    if (fill)
        p("/*@ requires %s_zc_writable(m) && m.v.zc_len >= %zu;\n", s, need);
    else
        p("/*@ requires %s_zc_readable(v) && v.zc_len >= %zu;\n", s, need);
    if (c->pseudo)
        p("    requires \\valid_read(ph)%s;\n",
          fill ? " && \\separated(ph, m.zc_wbase + (0 .. m.v.zc_len - 1))" : "");
    if (!fill) {
        p("    assigns \\nothing;\n");
        if (c->zero_is_none && c->pseudo)
            p("    ensures zc_get_be16(v.zc_base + %zu) == 0 ==> (\\result <==> ph->family == 4);\n", f->off);
        p("*/\n");
        return;
    }
    p("    assigns m.zc_wbase[%zu .. %zu];\n", f->off, f->off + 1);
    if (c->pseudo)
        p("    ensures \\result.code == ZC_OK <==>\n"
          "        (ph->family == 4 && %s <= 0xffff) || (ph->family == 6 && %s <= 0xffffffff);\n", end, end);
    if (c->zero_is_none && f->off % 2 == 0)
        p("    ensures %szc_get_be16(m.zc_wbase + %zu) != 0;\n", c->pseudo ? "\\result.code == ZC_OK ==> " : "",
          f->off);
    p("*/\n");
}
