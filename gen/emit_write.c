/*
 * emit_write.c - the writers of each struct: the mutable view
 * (NAME_mview, NAME_parse_mut()) and one setter per field, which takes the
 * accessor's type and refuses a value that does not fit.
 */
#include "emit_parts.h"

/* ---- writing: mutable views and setters ---------------------------------- */

/* A setter that can fail starts by refusing an absent field. */
static void set_absent_check(Field *f)
{
    if (f->cond)
        p("    if (!%s(m.v))\n        return zc_fail(ZC_ERR_ABSENT, %s, %s);\n", has_fn(f),
          f->sw ? field_off(f, "m.v") : "0", set_site(f, "not present in this packet"));
}

/* A varint is set in place in the bytes it takes already: QUIC keeps its
   width, leb128 its byte count (padding a smaller value with 0x80 bytes,
   a non-minimal encoding); a value that needs more bytes is refused
   (ZC_ERR_RANGE) and nothing is written. To change its width, build. */
static void emit_varint_setter(Field *f)
{
    const Type *t = value_type(f);
    char *off = field_off(f, "m.v");
    const char *enc = t->leb ? "zc_leb128" : "zc_quic_varint";
    p("/* Sets %s in the %s it takes now; a value that needs more is refused\n   and nothing is written.%s */\n",
      qual(f), t->leb ? "bytes" : "width", f->cond ? " Absent: refused." : "");
    p("static inline zc_status %s(%s m, %s x)\n{\n", setter(f), mview_t(f->owner), field_c_type(f));
    p("    size_t off = %s, w;\n\n", off);
    set_absent_check(f);
    p("    w = off < m.v.zc_len ? %s_size(m.v.zc_base + off, m.v.zc_len - off%s) : 0;\n", enc,
      t->leb ? xformat(", %du", t->vbytes) : "");
    p("    if (%s_encode(m.zc_wbase + off, w, (uint64_t)x) == 0)\n", enc);
    p("        return zc_fail(ZC_ERR_RANGE, off, %s);\n", set_site(f, "does not fit in the bytes it takes"));
    p("    return zc_ok();\n}\n\n");
}

/* S_set_F_at(): element i of an array of wire integers. */
static void emit_set_at(Field *f)
{
    p("/* Sets element i of %s; ZC_ERR_RANGE (nothing written) if i >= %s_count(m.v). */\n", qual(f), acc(f));
    p("static inline zc_status %s_at(%s m, size_t i, %s x)\n{\n", setter(f), mview_t(f->owner), type_c_name(f->type));
    p("    zc_bytes cur = %s(m.v);\n\n", acc(f));
    p("    if (i >= cur.len / %zu)\n        return zc_fail(ZC_ERR_RANGE, (size_t)(cur.ptr - m.v.zc_base), %s);\n",
      f->elem_size, set_site(f, "no such element"));
    p("    zc_store_%s(m.zc_wbase + (cur.ptr - m.v.zc_base) + i * %zu, x);\n", wire_name(f->type), f->elem_size);
    p("    return zc_ok();\n}\n\n");
}

static void emit_setter(Field *f)
{
    Decl *d = f->owner;
    char *M = mview_t(d), *off = field_off(f, "m.v");
    if (f->is_switch || f->type->kind == T_EXTERN || is_struct_array(f))
        return;   /* cases have their own setters; elements: NAME_next on a view */
    if (f->array != ARR_NONE) {
        p("/* Copies n bytes into %s: n must be its length (%s). */\n", qual(f),
          f->fixed_len ? xformat("%zu", f->fixed_count) : "its current length");
        acsl_set_bytes(f);
        p("static inline zc_status %s(%s m, const %s *src, size_t n)\n{\n", setter(f), M, acsl_on ? "zc_acsl_buf" : "void");
        p("    zc_bytes cur = %s(m.v);\n", acc(f));
        set_absent_check(f);
        p("    if (n != cur.len)\n        return zc_fail(ZC_ERR_SPACE, (size_t)(cur.ptr - m.v.zc_base), %s);\n",
          set_site(f, "a copy of a different length than the field"));
        if (f->array == ARR_UNTIL)
            p("    if (n && memchr(src, %u, n) != NULL)\n        return zc_fail(ZC_ERR_RANGE, (size_t)(cur.ptr - m.v.zc_base), %s);\n",
              f->until_byte, set_site(f, xformat("the terminator (%u) inside the bytes", f->until_byte)));
        p("    if (n)\n        memmove(m.zc_wbase + (cur.ptr - m.v.zc_base), src, n);\n");
        p("    return zc_ok();\n}\n\n");
        if (f->elem_size)
            emit_set_at(f);
        return;
    }
    if (f->type->kind == T_STRUCT) {
        Decl *nd = f->type->decl;
        if (view_out_param(f)) {
            p("/* The mutable view of %s, only when it is there. */\n", qual(f));
            p("static inline bool %s_mut(%s m, %s *out)\n{\n", acc(f), M, mview_t(nd));
            p("    out->zc_wbase = NULL;\n");
            p("    if (!%s(m.v, &out->v))\n        return false;\n", acc(f));
        } else {
            p("/* The mutable view of %s. */\n", qual(f));
            acsl_setter(f);
            p("static inline %s %s_mut(%s m)\n{\n    %s r;\n", mview_t(nd), acc(f), M, mview_t(nd));
            p("    r.v = %s(m.v);\n", acc(f));
        }
        char *r = view_out_param(f) ? "out->" : "r.";
        p("    %szc_wbase = m.zc_wbase + (%sv.zc_base - m.v.zc_base);\n", r, r);
        p("    return %s;\n}\n\n", view_out_param(f) ? "true" : "r");
        return;
    }
    if (f->type->kind == T_VARINT) {
        emit_varint_setter(f);
        return;
    }
    const Type *t = value_type(f);
    char *T = field_c_type(f);
    if (f->is_bits) {
        p("/* Sets %s (bits %d..%d of its group); a value wider than %d bits is\n   refused and nothing is written. */\n",
          qual(f), f->bit_off, f->bit_off + t->bits - 1, t->bits);
    acsl_setter(f);
        p("static inline zc_status %s(%s m, %s x)\n{\n", setter(f), M, T);
        set_absent_check(f);
        if (t->is_signed && t->bits != 8 && t->bits != 16 && t->bits != 32 && t->bits != 64)
            p("    if (x < %s || x > %s)\n        return zc_fail(ZC_ERR_RANGE, %s, %s);\n",
              const_str(type_min(t)), const_str((int64_t)type_max(t)), off,
              set_site(f, xformat("does not fit in %d signed bits", t->bits)));
        else if (t->bits != 8 && t->bits != 16 && t->bits != 32 && t->bits != 64)   /* else x cannot be wider */
            p("    if ((uint64_t)x > 0x%llxu)\n        return zc_fail(ZC_ERR_RANGE, %s, %s);\n",
              (unsigned long long)type_max(t), off, set_site(f, xformat("does not fit in %d bits", t->bits)));
        p("    zc_store_bits%s(m.zc_wbase + %s, %zu, %d, %d, (uint64_t)x);\n", f->lsb_first ? "_lsb" : "", off, f->size,
          f->bit_off, t->bits);
        p("    return zc_ok();\n}\n\n");
        return;
    }
    bool narrow = enum_is_narrow(f);
    bool can_fail = f->cond != NULL || narrow;
    p("/* Sets %s.%s%s */\n", qual(f), f->cond ? " Absent: refused, nothing written." : "",
      narrow ? xformat(" A value wider than %d bits is refused and nothing is written.", t->bits) : "");
    acsl_setter(f);
    p("static inline %s %s(%s m, %s x)\n{\n", can_fail ? "zc_status" : "void", setter(f), M, T);
    set_absent_check(f);
    if (narrow)
        p("    if (!zc_fits((uint64_t)x, 0x%llxu))\n        return zc_fail(ZC_ERR_RANGE, %s, %s);\n",
          (unsigned long long)type_max(t), off, set_site(f, xformat("does not fit in %d bits", t->bits)));
    if (t->kind == T_UINT)
        p("    m.zc_wbase[%s] = (uint8_t)x;\n", off);
    else if (f->type->kind == T_ENUM)
        p("    zc_store_%s%d(m.zc_wbase + %s, zc_hto%s%d((%s)x));\n", t->order == ORD_BE ? "be" : "le", t->bits,
          off, t->order == ORD_BE ? "be" : "le", t->bits, uint_c_name(t->bits));
    else
        p("    zc_store_%s(m.zc_wbase + %s, x);\n", wire_name(t), off);
    if (can_fail)
        p("    return zc_ok();\n");
    p("}\n\n");
}

/* S_mview, S_parse_mut() and a setter per field. */
void emit_mutable(Decl *d)
{
    char *M = mview_t(d);
    p("/* A writable view: the checked view `v` (read it with the accessors) and\n");
    p("   the same bytes, writable. Setters write only inside them. */\n");
    p("typedef struct {\n    %s v;\n    uint8_t *zc_wbase;\n} %s;\n\n", view_t(d), M);
    acsl_mview(d);
    p("/* %s_parse() over a writable buffer. A setter that changes a length or\n", sname(d));
    p("   a tag changes the structure: parse again before reading past it. */\n");
    acsl_parse_mut(d);
    p("static inline zc_status %s_parse_mut(%s *m, %s *buf, size_t len%s)\n{\n", sname(d), M,
      acsl_on ? "zc_acsl_buf" : "void", param_decls(d));
    p("    zc_status st = %s_parse(&m->v, buf, len%s);\n", sname(d), param_names(d));
    p("    m->zc_wbase = st.code == ZC_OK ? (uint8_t *)buf : NULL;\n");
    p("    return st;\n}\n\n");
    p("/* The writable view of v (from an accessor or an iterator step) when\n");
    p("   all of v lies inside the writable buffer [buf, buf + len). */\n");
    p("static inline bool %s_writable(%s v, void *buf, size_t len, %s *out)\n{\n", sname(d), view_t(d), M);
    p("    uintptr_t b = (uintptr_t)buf, p = (uintptr_t)v.zc_base;\n");
    p("    out->v = v;\n    out->zc_wbase = NULL;\n");
    p("    if (v.zc_base == NULL || p < b || p - b > len || v.zc_len > len - (p - b))\n        return false;\n");
    p("    out->zc_wbase = (uint8_t *)buf + (p - b);\n");
    p("    return true;\n}\n\n");
    for (int i = 0; i < d->all_fields.len; i++)
        emit_setter(d->all_fields.data[i]);
}

/* The writable bytes of a mutable view, of its part after the fixed head
   and of each switch (issue #24 item 1): S_bytes_mut(m), ... */
void emit_mutable_bytes(Decl *d)
{
    char *M = mview_t(d);
    p("/* The bytes of m, writable (%s_bytes() of m.v). Writing a length or a tag\n", sname(d));
    p("   changes the structure: parse again before reading past it. */\n");
    acsl_bytes_mut(d);
    p("static inline zc_wbytes %s_bytes_mut(%s m)\n{\n", sname(d), M);
    p("    if (m.zc_wbase == NULL)\n        return zc_wbytes_make(NULL, 0);\n");
    p("    return zc_wbytes_make(m.zc_wbase, m.v.zc_len);\n}\n\n");
    Field *last = fixed_head_last(d);
    if (last) {
        p("/* %s_bytes_after_%s() of m.v, writable. */\n", sname(d), last->name);
        p("static inline zc_wbytes %s_bytes_after_%s_mut(%s m)\n{\n", sname(d), last->name, M);
        p("    zc_bytes b = %s_bytes_after_%s(m.v);\n", sname(d), last->name);
        p("    if (m.zc_wbase == NULL)\n        return zc_wbytes_make(NULL, 0);\n");
        p("    return zc_wbytes_make(m.zc_wbase + (b.ptr - m.v.zc_base), b.len);\n}\n\n");
    }
    for (int i = 0; i < d->fields.len; i++) {
        Field *sw = d->fields.data[i];
        if (!sw->is_switch || sw->sized)
            continue;
        p("/* %s() of m.v: the bytes of switch '%s', writable. */\n", acc(sw), sw->name);
        p("static inline zc_wbytes %s_mut(%s m)\n{\n", acc(sw), M);
        p("    zc_bytes b = %s(m.v);\n", acc(sw));
        p("    if (m.zc_wbase == NULL)\n        return zc_wbytes_make(NULL, 0);\n");
        p("    return zc_wbytes_make(m.zc_wbase + (b.ptr - m.v.zc_base), b.len);\n}\n\n");
    }
}
