/*
 * emit_c.c - the checked, laid-out model -> one C header.
 *
 * For each declaration, in dependency order (imports first):
 *   enum   -> a C enum (or, wider than 16 bits, an integer typedef and
 *             constants) and NAME_name() giving each member's name;
 *   struct -> size and offset constants, a view type, one accessor per
 *             field, NAME_parse() (the readers), then NAME_visit(), the
 *             writers and the builder unless --no-visit, --no-writers,
 *             --no-builders leave them out.
 * Every declaration, and each of a struct's parts, sits behind its own
 * guard, so two generated headers that both import net.zc, generated with
 * the same options or not, can be included in one translation unit.
 *
 * Generated code is meant to be read and stepped through: one statement per
 * line, a comment naming the schema line behind each function, no macros
 * beyond the runtime's.
 */
#include "emit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static FILE *out;
static const char *prefix;     /* "" or e.g. "my_" */
static char *PREFIX;           /* upper-case prefix */
static bool omit_writers, omit_builders, omit_visit;   /* --no-writers, ... */

/* ---- internal check: no missing text in the output ----------------------- */

static Decl *emitting;         /* the declaration being emitted, for the message */
static bool failed;            /* an internal error was found: no output */

/* Reports an internal error once; main.c then writes nothing (exit 4). A
   header with "(null)" where an expression belongs is not valid C, and
   zerocast must never exit 0 with one. */
static void internal_error(const char *what)
{
    if (failed)
        return;
    failed = true;
    if (emitting)
        diag_plain("internal error while generating %s '%s' (%s:%d): %s; no output written "
                   "(this is a bug in zerocast: please report the schema)",
                   emitting->kind == D_STRUCT ? "struct" : "declaration", emitting->name,
                   path_basename(emitting->loc.src->path), emitting->loc.first_line, what);
    else
        diag_plain("internal error: %s; no output written (this is a bug in zerocast)", what);
}

bool emit_failed(void)
{
    return failed;
}

/* Walks a printf format with its arguments and reports a NULL argument of
   a %s: vfprintf would print "(null)" into the header. Knows the
   conversions the emitters use (flags, width, precision, hh..ll/z/j/t). */
void emit_check_args(const char *fmt, va_list ap0)
{
    va_list ap;
    va_copy(ap, ap0);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%')
            continue;
        f++;
        while (*f && strchr("-+ #0", *f))
            f++;
        if (*f == '*') {
            (void)va_arg(ap, int);
            f++;
        }
        while (*f >= '0' && *f <= '9')
            f++;
        if (*f == '.') {
            f++;
            if (*f == '*') {
                (void)va_arg(ap, int);
                f++;
            }
            while (*f >= '0' && *f <= '9')
                f++;
        }
        int len = 0;   /* 0 int, 1 long, 2 long long, 3 size_t, 4 intmax_t, 5 ptrdiff_t */
        if (*f == 'h') {
            f += f[1] == 'h' ? 2 : 1;
        } else if (*f == 'l') {
            len = f[1] == 'l' ? 2 : 1;
            f += len;
        } else if (*f == 'z' || *f == 'j' || *f == 't') {
            len = *f == 'z' ? 3 : *f == 'j' ? 4 : 5;
            f++;
        }
        switch (*f) {
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c':
            /* the branches differ in the type va_arg steps over, which
               clang-tidy's clone check does not see */
            if (len == 0)
                (void)va_arg(ap, int);   // NOLINT(bugprone-branch-clone)
            else if (len == 1)
                (void)va_arg(ap, long);
            else if (len == 2)
                (void)va_arg(ap, long long);
            else if (len == 3)
                (void)va_arg(ap, size_t);
            else if (len == 4)
                (void)va_arg(ap, intmax_t);
            else
                (void)va_arg(ap, ptrdiff_t);
            break;
        case 's':
            if (!va_arg(ap, const char *)) {
                char *shown = xstrndup(fmt, 60);   /* the format on one line */
                for (char *q = shown; *q; q++)
                    if (*q == '\n')
                        *q = ' ';
                internal_error(xformat("a NULL text for a %%s of \"%s\"", shown));
            }
            break;
        case 'p':   // NOLINT(bugprone-branch-clone): va_arg steps over another type
            (void)va_arg(ap, void *);
            break;
        case 'e': case 'f': case 'g': case 'E': case 'G':
            (void)va_arg(ap, double);
            break;
        case '%':
            break;
        default:   /* a conversion this walker does not know: stop checking */
            va_end(ap);
            return;
        }
        if (!*f)
            break;
    }
    va_end(ap);
}

void p(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit_check_args(fmt, ap);
    vfprintf(out, fmt, ap);
    va_end(ap);
}

/* Schema text made safe inside a C comment or a C string literal. */
char *c_comment(const char *s)
{
    char *r = xalloc(strlen(s) * 2 + 1), *q = r;
    for (; *s; s++) {
        *q++ = *s;
        /* "*" "/" would end the comment; "/" "*" inside one is -Wcomment */
        if ((s[0] == '*' && s[1] == '/') || (s[0] == '/' && s[1] == '*'))
            *q++ = ' ';
    }
    return r;
}

char *c_string(const char *s)
{
    char *r = xalloc(strlen(s) * 4 + 1), *q = r;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            *q++ = '\\';
            *q++ = (char)c;
        } else if (c < 0x20 || c >= 0x7f || c == '?') {
            q += sprintf(q, "\\%03o", c);
        } else {
            *q++ = (char)c;
        }
    }
    return r;
}

/* ---- names -------------------------------------------------------------- */

char *sname(Decl *d) { return xformat("%s%s", prefix, d->name); }
char *SNAME(Decl *d) { return xformat("%s%s", PREFIX, str_upper(d->name)); }
char *view_t(Decl *d) { return xformat("%s%s_view", prefix, d->name); }
char *iter_t(Decl *d) { return xformat("%s%s_iter", prefix, d->name); }
char *acc(Field *f) { return xformat("%s%s_%s", prefix, f->owner->name, f->name); }
static char *off_macro(Field *f)
{
    return xformat("%s%s_OFF_%s", PREFIX, str_upper(f->owner->name), str_upper(f->name));
}
char *qual(Field *f) { return xformat("%s.%s", f->owner->name, f->name); }

/* The C type of an enum: the typedef name. */
char *enum_t(Decl *d) { return xformat("%s%s", prefix, d->name); }
static bool enum_is_c_enum(Decl *d) { return d->base->bits <= 16; }

/* The C type an accessor for f returns. */
char *field_c_type(Field *f)
{
    if (f->array != ARR_NONE)
        return "zc_bytes";
    if (f->type->kind == T_ENUM)
        return enum_t(f->type->decl);
    if (f->type->kind == T_STRUCT)
        return view_t(f->type->decl);
    return (char *)type_c_name(f->type);
}

const Type *value_type(const Field *f)
{
    return f->type->kind == T_ENUM ? f->type->base : f->type;
}

/* ---- offsets ------------------------------------------------------------ */

/* C expression for the start of field f inside view `v`. */
char *field_off(Field *f, const char *v)
{
    if (f->sw)   /* a case starts where its switch does */
        return field_off(f->sw, v);
    if (f->seg == 0)
        return off_macro(f);
    if (f->off == 0)
        return xformat("%s%s_zc_seg%d(%s)", prefix, f->owner->name, f->seg, v);
    return xformat("%s%s_zc_seg%d(%s) + %zu", prefix, f->owner->name, f->seg, v, f->off);
}

/* ---- expressions -------------------------------------------------------- */

static void expr_str(Expr *e, const char *v, char **buf);

static char *append(char *a, const char *b)
{
    return xformat("%s%s", a, b);
}

/* The host value of an integer field, as int64_t. */
static char *field_value(Field *f, const char *v)
{
    const Type *t = value_type(f);
    if (f->type->kind == T_ENUM)
        return xformat("(int64_t)%s(%s)", acc(f), v);
    if (t->kind == T_WIRE)
        return xformat("(int64_t)zc_%s%dtoh(%s(%s))", t->order == ORD_BE ? "be" : "le", t->bits,
                       acc(f), v);
    return xformat("(int64_t)%s(%s)", acc(f), v);
}

char *const_str(int64_t v)
{
    if (v >= -2147483647 && v <= 2147483647)
        return v < 0 ? xformat("(%lld)", (long long)v) : xformat("%lld", (long long)v);
    return xformat("INT64_C(%lld)", (long long)v);
}

static bool is_boolean(const Expr *e)
{
    return (e->kind == EX_UNARY && e->op == OP_NOT) ||
           (e->kind == EX_BINARY && e->op >= OP_LT);
}

/* Arithmetic (*, /, %, +, -): a number, never a truth value. */
static bool is_arith(const Expr *e)
{
    return e->kind == EX_BINARY && e->op >= OP_MUL && e->op <= OP_SUB;
}

/* How an operand is used: in arithmetic (int64_t; comparison results are
   cast up), as it is, as a truth value (an operand of && and ||: a
   number is compared with 0, so that a constant one, x && 4, does not
   trip clang's -Wconstant-logical-operand), or as the operand of ! (only
   arithmetic is compared with 0: gcc's -Wint-in-bool-context rejects
   !(a * b); a plain field stays !s_f(v)). */
enum { AS_VALUE, AS_ARITH, AS_TRUTH, AS_NOT };

static void operand_str(Expr *e, const char *v, char **buf, int use)
{
    if (use == AS_ARITH && !e->is_const && is_boolean(e)) {
        *buf = append(*buf, "(int64_t)");
        expr_str(e, v, buf);
        return;
    }
    if ((use == AS_TRUTH && !is_boolean(e)) || (use == AS_NOT && !e->is_const && is_arith(e))) {
        *buf = append(*buf, "(");
        expr_str(e, v, buf);
        *buf = append(*buf, " != 0)");
        return;
    }
    expr_str(e, v, buf);
}

/* A constraint, or a part of one, that the checker proved always true
   (it warned) or always false: the generated code uses the constant, so C
   compilers do not warn about a comparison that cannot fail. */
static bool decided(const Expr *e)
{
    return is_boolean(e) && e->lo == e->hi;
}

static bool checks_something(const Field *f)
{
    return f->constraint && !(decided(f->constraint) && f->constraint->lo == 1);
}

static void expr_str(Expr *e, const char *v, char **buf)
{
    if (!e->is_const && decided(e)) {
        *buf = append(*buf, xformat("%d /* %s: always %s */", (int)e->lo, c_comment(loc_text(e->loc)),
                                    e->lo ? "true" : "false"));
        return;
    }
    if (e->is_const) {
        *buf = append(*buf, const_str(e->value));
        return;
    }
    switch (e->kind) {
    case EX_NUM:
    case EX_MEMBER:
        *buf = append(*buf, const_str(e->value));
        return;
    case EX_NAME:
        *buf = append(*buf, field_value(e->field, v));
        return;
    case EX_UNARY:
        *buf = append(*buf, e->op == OP_NOT ? "(!(" : "(-(");
        operand_str(e->lhs, v, buf, e->op == OP_NEG ? AS_ARITH : AS_NOT);
        *buf = append(*buf, "))");
        return;
    case EX_BINARY: {
        int use = e->op <= OP_SUB ? AS_ARITH : e->op >= OP_AND ? AS_TRUTH : AS_VALUE;
        *buf = append(*buf, "(");
        operand_str(e->lhs, v, buf, use);
        *buf = append(*buf, xformat(" %s ", op_text(e->op)));
        operand_str(e->rhs, v, buf, use);
        *buf = append(*buf, ")");
        return;
    }
    }
}

char *expr_c(Expr *e, const char *v)
{
    char *buf = "";
    if (!e) {
        internal_error("an expression is missing");
        return "0";
    }
    expr_str(e, v, &buf);
    /* drop one redundant pair of outer parentheses */
    size_t n = strlen(buf);
    if (n > 2 && buf[0] == '(' && buf[n - 1] == ')') {
        int depth = 0;
        bool outer = true;
        for (size_t i = 0; i < n - 1; i++) {
            depth += buf[i] == '(' ? 1 : buf[i] == ')' ? -1 : 0;
            if (depth == 0) {
                outer = false;
                break;
            }
        }
        if (outer)
            return xstrndup(buf + 1, n - 2);
    }
    return buf;
}

/* expr_c() for a truth value: a constraint, a presence condition. A number
   made by arithmetic is compared with 0 (`{ a * b }` would otherwise be
   !(a * b), which gcc's -Wint-in-bool-context rejects); anything else is
   used as it is. */
static char *truth_c(Expr *e, const char *v)
{
    if (!e->is_const && !decided(e) && is_arith(e))
        return xformat("%s != 0", expr_c(e, v));
    return expr_c(e, v);
}

/* ---- enums -------------------------------------------------------------- */

static void emit_enum(Decl *d)
{
    char *T = enum_t(d), *UP = SNAME(d);
    const char *ctype = uint_c_name(d->base->bits);
    Source *src = d->loc.src;

    p("/* enum %s : %s (%s:%d) */\n", d->name, type_schema_name(d->base),
      path_basename(src->path), d->loc.first_line);
    /* C++: a scoped enum, so that an integer (a byte-swapped one above all)
       is no enum value and an enum value is no integer without a cast; its
       constants stand again outside it under their C names, for case labels */
    p("#ifdef __cplusplus\n");
    p("enum class %s : %s {\n", T, ctype);
    for (int i = 0; i < d->members.len; i++) {
        EnumMember *m = d->members.data[i];
        p("    %s_%s = %lluu%s\n", UP, str_upper(m->name), (unsigned long long)m->value,
          i + 1 < d->members.len ? "," : "");
    }
    p("};\n");
    for (int i = 0; i < d->members.len; i++) {
        EnumMember *m = d->members.data[i];
        p("static constexpr %s %s_%s = %s::%s_%s;\n", T, UP, str_upper(m->name), T, UP, str_upper(m->name));
    }
    p("#else\n");
    if (enum_is_c_enum(d)) {
        p("typedef enum %s {\n", T);
        for (int i = 0; i < d->members.len; i++) {
            EnumMember *m = d->members.data[i];
            p("    %s_%s = %llu%s\n", UP, str_upper(m->name), (unsigned long long)m->value,
              i + 1 < d->members.len ? "," : "");
        }
        p("} %s;\n", T);
    } else {
        p("typedef %s %s;\n", ctype, T);
        for (int i = 0; i < d->members.len; i++) {
            EnumMember *m = d->members.data[i];
            p("#define %s_%s ((%s)%lluu)\n", UP, str_upper(m->name), T, (unsigned long long)m->value);
        }
    }
    p("#endif\n\n");

    p("/* The schema name of a value of enum %s (\"%s\"), or NULL if it has none. */\n",
      d->name, ((EnumMember *)d->members.data[0])->name);
    p("static inline const char *%s_name(%s v)\n{\n", T, T);
    p("    switch (v) {\n");
    for (int i = 0; i < d->members.len; i++) {
        EnumMember *m = d->members.data[i];
        bool dup = false;
        for (int j = 0; j < i && !dup; j++)
            dup = ((EnumMember *)d->members.data[j])->value == m->value;
        if (!dup)
            p("    case %s_%s: return \"%s\";\n", UP, str_upper(m->name), m->name);
    }
    p("    default: break;\n");
    p("    }\n    return NULL;\n}\n\n");
}

/* ---- constants ---------------------------------------------------------- */

static void emit_const(Decl *d)
{
    p("/* const %s (%s:%d) */\n", d->name, path_basename(d->loc.src->path), d->loc.first_line);
    if (d->value >= 0 && d->value <= 2147483647)
        p("#define %s%s %lld\n\n", PREFIX, str_upper(d->name), (long long)d->value);
    else
        p("#define %s%s INT64_C(%lld)\n\n", PREFIX, str_upper(d->name), (long long)d->value);
}

/* ---- struct accessors --------------------------------------------------- */

static const char *group_loader(size_t size)
{
    switch (size) {
    case 1: return "zc_load_u8";
    case 2: return "zc_load_msb16";
    case 3: return "zc_load_msb24";
    case 4: return "zc_load_msb32";
    case 8: return "zc_load_msb64";
    default: return NULL;
    }
}

/* C expression loading the whole bit-field group of f from view v. */
static char *group_load(Field *f, const char *v)
{
    const char *loader = group_loader(f->size);
    if (loader)
        return xformat("%s(%s.zc_base + %s)", loader, v, field_off(f, v));
    return xformat("zc_load_msbn(%s.zc_base + %s, %zu)", v, field_off(f, v), f->size);
}

/* C expression extracting bit field f from its loaded group `g`. */
static char *bits_extract(Field *f, const char *g)
{
    const Type *t = value_type(f);
    int shift = (int)f->size * 8 - f->bit_off - t->bits;
    char *x = (char *)g;
    if (shift)
        x = xformat("(%s >> %d)", x, shift);
    if (f->bit_off != 0)
        x = xformat("(%s & 0x%llxu)", x, (unsigned long long)type_max(t));
    return x;
}

/* Comment describing a field: type, place, constraint. */
static void field_comment(Field *f)
{
    const Type *t = value_type(f);
    char *type = f->array == ARR_NONE ? (char *)type_schema_name(f->type)
                 : f->array == ARR_REST ? xformat("%s[]", type_schema_name(f->type))
                 : xformat("%s[%s%s]", type_schema_name(f->type), f->array == ARR_BYTES ? "bytes: " : "",
                           c_comment(loc_text(f->len->loc)));
    char *where = f->seg == 0 ? xformat("offset %zu", f->off)
                  : xformat("offset %zu after the variable part", f->off);
    if (f->is_bits)
        where = xformat("%s, bits %d..%d", where, f->bit_off, f->bit_off + t->bits - 1);
    p("/* %s: %s at %s", f->name, type, where);
    if (f->constraint)
        p(" { %s }", c_comment(loc_text(f->constraint->loc)));
    p(" */\n");
}

/* The length in bytes of array field f (a size_t C expression). */
static char *array_len(Field *f, const char *v)
{
    if (f->fixed_len)
        return xformat("%zu", f->fixed_count);
    if (f->array == ARR_REST)
        return xformat("%s.zc_len - (%s)", v, field_off(f, v));
    return xformat("(size_t)(%s)", expr_c(f->len, v));
}

static void emit_complex_accessor(Field *f);
static void emit_frame(Decl *d);
static void emit_deep(Decl *d);
static void emit_mutable(Decl *d);
static void visit_field(Field *f, const char *ind);

static void emit_accessor(Field *f)
{
    if (is_struct_array(f)) {   /* by bytes or to the end: elements checked as they are walked */
        emit_complex_accessor(f);
        return;
    }
    char *T = field_c_type(f), *off = field_off(f, "v");
    field_comment(f);
    p("static inline %s %s(%s v)\n{\n", T, acc(f), view_t(f->owner));
    if (f->array != ARR_NONE) {
        if (f->array != ARR_REST) {   /* [N], [E] and [bytes: E]: the same for u8 */
            p("    size_t n = %s;\n", array_len(f, "v"));
            p("    ZC_CHECK_ACCESS(v, %s, n);\n", off);
            p("    return zc_bytes_make(v.zc_base + %s, n);\n", off);
        } else {
            p("    size_t off = %s;\n", off);
            p("    ZC_CHECK_ACCESS(v, off, v.zc_len - off);\n");
            p("    return zc_bytes_make(v.zc_base + off, v.zc_len - off);\n");
        }
    } else if (f->type->kind == T_STRUCT) {
        Decl *nd = f->type->decl;
        p("    %s r;\n", T);
        p("    ZC_CHECK_ACCESS(v, %s, %s_MIN_SIZE);\n", off, SNAME(nd));
        p("    r.zc_base = v.zc_base + %s;\n", off);
        p("    r.zc_len = %s_MIN_SIZE;\n", SNAME(nd));
        p("    return r;\n");
    } else if (f->is_bits) {
        /* the group goes into a wide local first: it keeps gcc from
           narrowing the shift-and-mask to byte arithmetic */
        p("    %s group;\n", f->size > 4 ? "uint64_t" : "uint32_t");
        p("    ZC_CHECK_ACCESS(v, %s, %zu);\n", off, f->size);
        p("    group = %s;\n", group_load(f, "v"));
        p("    return (%s)%s;\n", T, bits_extract(f, "group"));
    } else {
        const Type *t = value_type(f);
        p("    ZC_CHECK_ACCESS(v, %s, %d);\n", off, t->bits / 8);
        if (t->kind == T_UINT)
            p("    return %s%s(v.zc_base + %s);\n", f->type->kind == T_ENUM ? xformat("(%s)", T) : "",
              "zc_load_u8", off);
        else if (f->type->kind == T_ENUM)
            p("    return (%s)zc_%s%dtoh(zc_load_%s%d(v.zc_base + %s));\n", T,
              t->order == ORD_BE ? "be" : "le", t->bits, t->order == ORD_BE ? "be" : "le",
              t->bits, off);
        else
            p("    return zc_load_%s%d(v.zc_base + %s);\n", t->order == ORD_BE ? "be" : "le",
              t->bits, off);
    }
    p("}\n\n");
}

/* The accessor of a named bits group: the whole group as one integer. */
static void emit_bitgroup(BitGroup *g)
{
    Decl *d = g->owner;
    Field *first = d->fields.data[g->first];
    Field *last = d->fields.data[g->first + g->count - 1];
    int bits = (int)first->size * 8;
    const char *T = uint_c_name(bits);
    char *off = first->seg == 0 ? xformat("%s%s_OFF_%s", PREFIX, str_upper(d->name), str_upper(g->name))
                                : field_off(first, "v");
    p("/* %s: bits %s .. %s as one %d-bit integer, at offset %zu%s */\n", g->name, first->name, last->name,
      bits, first->off, first->seg ? " after the variable part" : "");
    p("static inline %s %s%s_%s(%s v)\n{\n", T, prefix, d->name, g->name, view_t(d));
    const char *loader = group_loader(first->size);
    p("    ZC_CHECK_ACCESS(v, %s, %zu);\n", off, first->size);
    if (loader)
        p("    return (%s)%s(v.zc_base + %s);\n}\n\n", T, loader, off);
    else
        p("    return (%s)zc_load_msbn(v.zc_base + %s, %zu);\n}\n\n", T, off, first->size);
}

/* Whether C text mentions identifier id (so that a function whose body
   does not read its parameter can say (void)v: a constant count or length). */
static bool mentions(const char *text, const char *id)
{
    size_t n = strlen(id);
    for (const char *q = strstr(text, id); q; q = strstr(q + 1, id)) {
        bool before = q > text && (isalnum((unsigned char)q[-1]) || q[-1] == '_');
        bool after = isalnum((unsigned char)q[n]) || q[n] == '_';
        if (!before && !after)
            return true;
    }
    return false;
}

/* "    return TEXT;" for a function of view v, with (void)v first when TEXT
   does not read v. */
static void return_of_view(const char *text)
{
    if (!mentions(text, "v"))
        p("    (void)v;\n");
    p("    return %s;\n}\n\n", text);
}

/* Internal helper: where segment s (s >= 1) starts, i.e. where the
   variable array that ends segment s-1 ends. */
static void emit_segment_start(Decl *d, Field *var)
{
    int s = var->seg + 1;
    p("/* Where the fields after '%s' start (internal). */\n", var->name);
    p("static inline size_t %s_zc_seg%d(%s v)\n{\n", sname(d), s, view_t(d));
    return_of_view(xformat("%s + %s", field_off(var, "v"), array_len(var, "v")));
}

/* ---- parse -------------------------------------------------------------- */

/* Fields of segment `seg` that occupy fixed bytes, i.e. all but a trailing
   variable array. Returns the segment's fixed size. */
static size_t segment_size(Decl *d, int seg)
{
    size_t size = 0;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg == seg && (f->array == ARR_NONE || f->fixed_len))
            size = f->off + f->size;
    }
    return size;
}

static bool is_var_array(Field *f)
{
    return f->array != ARR_NONE && !f->fixed_len;
}

/* The failure site as a C literal: "struct.field\0" or "struct.field\0" "detail"
   (two literals, so a detail starting with a digit is not read as octal). */
static char *site(Field *f, const char *detail)
{
    if (!detail)
        return xformat("\"%s\\0\"", qual(f));
    return xformat("\"%s\\0\" \"%s\"", qual(f), c_string(detail));
}

static bool has_expr_array(Decl *d)
{
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (is_var_array(f) && f->array != ARR_REST)
            return true;
    }
    return false;
}

/* Whether anything after the first variable array needs its end offset
   (`off`): a later fixed field or computed-length array. A trailing
   rest-of-buffer array does not. */
static bool needs_off(Decl *d)
{
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg > 0 && f->array != ARR_REST)
            return true;
    }
    return false;
}

static bool checks_nested(Field *f)
{
    return f->array == ARR_NONE && f->type->kind == T_STRUCT && f->type->decl->has_checks;
}

/* x, parenthesised if it is not a single token. */
static char *paren(const char *x)
{
    return strchr(x, ' ') ? xformat("(%s)", x) : (char *)x;
}

/* Where field f starts, inside parse/diagnose (off = its segment's start). */
static char *at(Field *f)
{
    if (f->seg == 0)
        return off_macro(f);
    return f->off ? xformat("off + %zu", f->off) : "off";
}

/*
 * The cold reference walker: checks every field in order, one at a time,
 * and returns the first failure with its exact field, offset and reason.
 * NAME_parse() calls it only once its fast checks have failed.
 */
static void emit_diagnose(Decl *d)
{
    p("/* Finds the first failing field of a %s that %s_parse() rejected (cold path). */\n",
      d->name, sname(d));
    p("ZC_COLD ZC_UNUSED zc_status %s_zc_diagnose(%s t)\n{\n", sname(d), view_t(d));
    bool use_off = needs_off(d);
    /* `len` is read by every length test; a struct of only a rest array
       or zero-size fields has none */
    bool use_len = false;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        use_len |= f->array != ARR_REST && is_var_array(f);
        use_len |= !is_var_array(f) && f->size > 0;
    }
    if (use_len)
        p("    size_t len = t.zc_len;\n");
    else
        p("    (void)t;\n");
    if (use_off)
        p("    size_t off = 0;\n");
    if (has_expr_array(d))
        p("    int64_t n;\n");
    p("\n");
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (is_var_array(f)) {
            if (f->array == ARR_REST)
                continue;
            const char *start = at(f);
            p("    n = %s;\n", expr_c(f->len, "t"));
            if (f->len->lo < 0) {
                p("    if (n < 0)\n");
                p("        return zc_fail(ZC_ERR_LENGTH, %s, %s);\n", start, site(f, loc_text(f->len->loc)));
            }
            p("    if ((uint64_t)n > len - %s)\n", paren(start));
            p("        return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", start, site(f, NULL));
            if (use_off && i + 1 < d->fields.len)
                p("    off = %s + (size_t)n;\n", start);
            continue;
        }
        if ((!f->is_bits || f->group_first) && f->size > 0) {
            if (f->seg == 0)
                p("    if (len < %zu)\n", f->off + f->size);
            else
                p("    if (len - off < %zu)\n", f->off + f->size);
            p("        return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", at(f), site(f, NULL));
        }
        if (checks_something(f)) {
            p("    if (!(%s))\n", truth_c(f->constraint, "t"));
            p("        return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", at(f),
              site(f, loc_text(f->constraint->loc)));
        }
        if (checks_nested(f)) {
            Decl *nd = f->type->decl;
            p("    {\n");
            p("        %s inner;\n", view_t(nd));
            p("        zc_status st = %s_parse(&inner, t.zc_base + %s, %s_MIN_SIZE);\n", sname(nd), at(f),
              SNAME(nd));
            p("        if (st.code != ZC_OK)\n");
            p("            return zc_fail_nested(st, %s);\n", at(f));
            p("    }\n");
        }
    }
    p("    /* not reached: %s_parse() calls this only for input it rejects */\n", sname(d));
    p("    return zc_fail(ZC_ERR_TRUNCATED, 0, \"%s\\0\" \"internal error: no failing field found\");\n}\n\n",
      d->name);
}

/*
 * The fast path: per segment one combined test of its length and all its
 * constraints, per variable array one test of its length. Any failure goes
 * to the cold walker above, which finds the precise culprit; this keeps the
 * inlined code small and free of error-building.
 */
static void emit_parse(Decl *d)
{
    char *V = view_t(d);

    p("/*\n * Validates struct %s at the start of buf[0, len): every length, bound and\n", d->name);
    p(" * constraint, in field order. On success *v views it and v->zc_len is its\n");
    p(" * size; on failure *v is an empty view (zc_len 0) and the status names the\n");
    p(" * first failing field and its offset. Arrays of structs by bytes or to the\n");
    p(" * end are checked as regions: their elements are checked as an iterator\n");
    p(" * reaches them, or all at once by %s_parse_deep().\n */\n", sname(d));
    p("static inline zc_status %s_parse(%s *v, const void *buf, size_t len)\n{\n", sname(d), V);
    /* parse also needs `off` for the final size when no rest array ends it */
    bool use_off = needs_off(d) || (d->nseg > 1 && !d->has_rest);
    p("    %s t;\n", V);
    if (use_off)
        p("    size_t off = 0;\n");
    if (has_expr_array(d))
        p("    int64_t n;\n");
    /* one scratch view per nested struct type that has checks */
    Vec inner_types = { 0 };
    Map inner_index = { 0 };   /* struct name -> int *: its index in inner_types */
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (!checks_nested(f) || map_get(&inner_index, f->type->decl->name))
            continue;
        int *k = xalloc(sizeof(int));
        *k = inner_types.len;
        vec_push(&inner_types, f->type->decl);
        map_put(&inner_index, f->type->decl->name, k);
    }
    for (int j = 0; j < inner_types.len; j++)
        p("    %s inner%d;\n", view_t(inner_types.data[j]), j);
    p("\n    t.zc_base = (const uint8_t *)buf;\n");
    p("    t.zc_len = len;\n");
    p("    v->zc_base = t.zc_base;\n");
    p("    v->zc_len = 0;\n");

    for (int seg = 0; seg < d->nseg; seg++) {
        size_t size = segment_size(d, seg);
        Vec conds = { 0 };
        if (size)
            vec_push(&conds, seg == 0 ? xformat("len < %zu", size) : xformat("len - off < %zu", size));
        for (int i = 0; i < d->fields.len; i++) {
            Field *f = d->fields.data[i];
            if (f->seg != seg || is_var_array(f))
                continue;
            if (checks_something(f))
                vec_push(&conds, xformat("!(%s)", truth_c(f->constraint, "t")));
            if (checks_nested(f)) {
                Decl *nd = f->type->decl;
                int k = *(int *)map_get(&inner_index, nd->name);
                vec_push(&conds, xformat("%s_parse(&inner%d, t.zc_base + %s, %s_MIN_SIZE).code != ZC_OK",
                                         sname(nd), k, at(f), SNAME(nd)));
            }
        }
        if (conds.len) {
            p("\n    /* segment %d: %zu fixed byte%s%s */\n", seg, size, size == 1 ? "" : "s",
              conds.len > (size ? 1 : 0) ? " and their constraints" : "");
            p("    if (ZC_UNLIKELY(");
            for (int c = 0; c < conds.len; c++)
                p("%s%s", c ? " ||\n                    " : "", (char *)conds.data[c]);
            p("))\n        return %s_zc_diagnose(t);\n", sname(d));
        }
        /* the variable array that ends this segment, if any */
        for (int i = 0; i < d->fields.len; i++) {
            Field *f = d->fields.data[i];
            if (f->seg != seg || !is_var_array(f) || f->array == ARR_REST)
                continue;
            const char *start = at(f);
            p("\n    /* %s: %s[%s%s] */\n", f->name, type_schema_name(f->type), f->array == ARR_BYTES ? "bytes: " : "",
              c_comment(loc_text(f->len->loc)));
            p("    n = %s;\n", expr_c(f->len, "t"));
            /* start + n cannot wrap: start <= len, n < 2^63, and len is an
               object's size (< 2^63); and this form lets gcc fold the common
               terms of the checks, which `n > len - start` does not */
            p("    if (ZC_UNLIKELY(%s%s + (uint64_t)n > len))\n", f->len->lo < 0 ? "n < 0 || " : "", start);
            p("        return %s_zc_diagnose(t);\n", sname(d));
            if (!use_off)
                continue;
            if (strcmp(start, "off") == 0)
                p("    off += (size_t)n;\n");
            else
                p("    off = %s + (size_t)n;\n", start);
        }
    }

    if (d->nseg == 1)
        p("\n    t.zc_len = %s_MIN_SIZE;\n", SNAME(d));
    else if (d->has_rest)
        p("\n    t.zc_len = len;\n");
    else {
        size_t tail = segment_size(d, d->nseg - 1);
        p("\n    t.zc_len = off%s;\n", tail ? xformat(" + %zu", tail) : "");
    }
    p("    *v = t;\n    return zc_ok();\n}\n\n");
}

/* The start of a struct's section: its comment, size and offset macros,
   and the view type (with zc_end[] when it has walked fields). */
static void emit_struct_head(Decl *d)
{
    char *UP = SNAME(d);
    Source *src = d->loc.src;
    p("/* struct %s (%s:%d) */\n\n", d->name, path_basename(src->path), d->loc.first_line);
    if (d->fixed_size)
        p("/* Size of struct %s in bytes (fixed). */\n", d->name);
    else
        p("/* Smallest possible size of struct %s in bytes. */\n", d->name);
    p("#define %s_MIN_SIZE %zu\n", UP, d->min_size);
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->named && f->index == f->named->first && f->seg == 0)
            p("#define %s%s_OFF_%s %zu\n", PREFIX, str_upper(d->name), str_upper(f->named->name), f->off);
        if (f->seg == 0)
            p("#define %s %zu\n", off_macro(f), f->off);
    }
    p("\n/* A validated struct %s: borrows the buffer given to %s_parse()", d->name, sname(d));
    if (d->nwalk)
        p(";\n   zc_end[] holds where its walked fields end (set by %s_parse()) */\n", sname(d));
    else
        p(". */\n");
    p("typedef struct {\n    const uint8_t *zc_base;\n    size_t zc_len;\n");
    if (d->nwalk)
        p("    size_t zc_end[%d];\n", d->nwalk);
    p("} %s;\n\n", view_t(d));
    p("/* An iterator over an array of %s: step it with %s_next(). */\n", d->name, sname(d));
    p("typedef struct {\n    ZC_ITER_MEMBERS;\n} %s;\n\n", iter_t(d));
}

/* ---- structs beyond v1 ("complex"): optional fields, switches, arrays of
   structs, extern types, variable-size nested structs ------------------- */

/* The end of the container field f lies in: the view, or its switch. */
static char *container_end(Field *f, const char *v)
{
    if (!f->sw)
        return xformat("%s.zc_len", v);
    Field *sw = f->sw;
    if (sw->array == ARR_BYTES)
        return xformat("%s + (size_t)(%s)", field_off(sw, v), expr_c(sw->len, v));
    return xformat("%s.zc_end[%d]", v, sw->walk);
}

char *has_fn(Field *f) { return xformat("%s%s_has_%s", prefix, f->owner->name, f->name); }

/* Whether f's accessor hands out a struct view through an out parameter
   (it may be absent, or it must be parsed to find its size). */
bool view_by_out(Field *f)
{
    return f->array == ARR_NONE && f->type->kind == T_STRUCT && !f->is_switch &&
           (f->cond || !f->type->decl->fixed_size);
}

/* Whether f's accessor (and its _mut) take an out parameter and return
   whether the field is there: only fields that may be absent. A nested
   struct of variable size that is always there is returned by value. */
bool view_out_param(Field *f)
{
    return view_by_out(f) && (f->cond || f->sw);
}

bool is_struct_array(Field *f)
{
    return f->array != ARR_NONE && f->type->kind == T_STRUCT;
}

/* The size in bytes of f, when present, as a size_t C expression over view
   v; only for fields whose size is a constant or an expression. */
static char *own_size(Field *f, const char *v)
{
    if (f->is_switch)
        return xformat("(size_t)(%s)", expr_c(f->len, v));
    if (is_struct_array(f)) {
        Decl *e = f->type->decl;
        if (f->array == ARR_EXPR)
            return xformat("(size_t)(%s) * %s_MIN_SIZE", expr_c(f->len, v), SNAME(e));
        return xformat("(size_t)(%s)", expr_c(f->len, v));
    }
    if (f->array == ARR_EXPR || f->array == ARR_BYTES)
        return f->fixed_len ? xformat("%zu", f->fixed_count) : xformat("(size_t)(%s)", expr_c(f->len, v));
    if (f->type->kind == T_STRUCT)
        return xformat("%s_MIN_SIZE", SNAME(f->type->decl));
    return xformat("%zu", f->size);
}

static void emit_has(Field *f)
{
    p("/* Whether '%s' is present: %s */\n", f->name, c_comment(loc_text(f->cond->loc)));
    p("static inline bool %s(%s v)\n{\n", has_fn(f), view_t(f->owner));
    if (f->cond->is_const || decided(f->cond))
        p("    (void)v;\n");
    p("    return %s;\n}\n\n", truth_c(f->cond, "v"));
}

/* Accessor of a field of a complex struct. */
static void emit_complex_accessor(Field *f)
{
    Decl *d = f->owner;
    char *V = view_t(d), *off = field_off(f, "v");
    if (f->cond)
        emit_has(f);
    if (f->is_switch) {
        p("/* %s: switch (%s)%s, at %s; its cases are fields of their own */\n\n", f->name,
          c_comment(loc_text(f->tag->loc)),
          f->array == ARR_BYTES ? xformat(", %s bytes", c_comment(loc_text(f->len->loc))) : "",
          f->seg == 0 ? xformat("offset %zu", f->off) : "a variable offset");
        return;
    }
    field_comment(f);
    const char *absent = f->cond ? xformat("!%s(v)", has_fn(f)) : NULL;
    if (is_struct_array(f)) {
        Decl *e = f->type->decl;
        char *count = f->array == ARR_EXPR ? xformat("(uint64_t)(%s)", expr_c(f->len, "v")) : "UINT64_MAX";
        char *end;
        if (f->array == ARR_REST || (f->sizing == SZ_WALK && f->sw))
            end = container_end(f, "v");
        else if (f->sizing == SZ_WALK)
            end = xformat("v.zc_end[%d]", f->walk);
        else
            end = xformat("off + %s", own_size(f, "v"));
        p("/* Iterate with %s_next(&it, &elem); see ZC_ITER_MEMBERS in zerocast.h. */\n", sname(e));
        p("static inline %s %s(%s v)\n{\n", iter_t(e), acc(f), V);
        p("    %s it;\n    size_t off = %s;\n\n", iter_t(e), off);
        if (absent)
            p("    if (%s) {\n        ZC_ITER_INIT(it, v.zc_base, off, off, 0);\n        return it;\n    }\n", absent);
        p("    ZC_ITER_INIT(it, v.zc_base, off, %s, %s);\n    return it;\n}\n\n", end, count);
        if (e->fixed_size && f->array != ARR_REST && e->min_size > 0) {
            p("/* Number of elements of '%s'. */\n", f->name);
            p("static inline size_t %s_count(%s v)\n{\n", acc(f), V);
            if (absent)
                p("    if (%s)\n        return 0;\n", absent);
            if (f->array == ARR_EXPR)
                return_of_view(xformat("(size_t)(%s)", expr_c(f->len, "v")));
            else
                return_of_view(xformat("(size_t)(%s) / %s_MIN_SIZE", expr_c(f->len, "v"), SNAME(e)));
            p("/* Element i of '%s': false if i is out of range. */\n", f->name);
            p("static inline bool %s_at(%s v, size_t i, %s *out)\n{\n", acc(f), V, view_t(e));
            p("    out->zc_base = v.zc_base;\n    out->zc_len = 0;\n");
            p("    if (i >= %s_count(v))\n        return false;\n", acc(f));
            p("    return %s_parse(out, v.zc_base + %s + i * %s_MIN_SIZE, %s_MIN_SIZE).code == ZC_OK;\n}\n\n",
              sname(e), off, SNAME(e), SNAME(e));
        }
        return;
    }
    if (f->type->kind == T_EXTERN) {
        Decl *x = f->type->decl;
        if (!f->cond && !f->sw) {
            p("static inline %s %s(%s v)\n{\n", field_c_type(f), acc(f), V);
            p("    %s r;\n", field_c_type(f));
            p("    r.zc_base = v.zc_base + %s;\n", off);
            p("    r.zc_len = v.zc_end[%d] - (%s);\n", f->walk, off);
            p("    return r;\n}\n\n");
            return;
        }
        p("static inline bool %s(%s v, %s *out)\n{\n", acc(f), V, field_c_type(f));
        p("    size_t off = %s, size = 0;\n", off);
        p("    out->zc_base = v.zc_base + off;\n    out->zc_len = 0;\n");
        /* absent is NULL for the only case of a default-only switch */
        p("    if (%s%s_zc_measure(out->zc_base, %s - off, &size).code != ZC_OK)\n        return false;\n",
          absent ? xformat("%s || ", absent) : "", x->name, container_end(f, "v"));
        p("    out->zc_len = size;\n    return true;\n}\n\n");
        return;
    }
    if (view_by_out(f)) {
        Decl *e = f->type->decl;
        char *avail = f->sizing == SZ_WALK && !f->sw && !f->cond ? xformat("v.zc_end[%d] - off", f->walk)
                      : e->fixed_size ? xformat("%s_MIN_SIZE", SNAME(e))
                      : xformat("%s - off", container_end(f, "v"));
        if (!f->cond && !f->sw) {
            p("static inline %s %s(%s v)\n{\n", view_t(e), acc(f), V);
            p("    %s r;\n    size_t off = %s;\n", view_t(e), off);
            p("    /* validated by %s_parse(), so this cannot fail */\n", sname(d));
            p("    (void)%s_parse(&r, v.zc_base + off, %s);\n    return r;\n}\n\n", sname(e), avail);
            return;
        }
        p("static inline bool %s(%s v, %s *out)\n{\n", acc(f), V, view_t(e));
        p("    size_t off = %s;\n", off);
        p("    out->zc_base = v.zc_base + off;\n    out->zc_len = 0;\n");
        if (absent)   /* NULL: the only case of a default-only switch */
            p("    if (%s)\n        return false;\n", absent);
        p("    return %s_parse(out, v.zc_base + off, %s).code == ZC_OK;\n}\n\n", sname(e), avail);
        return;
    }
    /* integers, byte arrays, fixed structs: as in v1, plus absence */
    char *T = field_c_type(f);
    p("static inline %s %s(%s v)\n{\n", T, acc(f), V);
    if (f->array != ARR_NONE) {
        char *n = f->array == ARR_REST ? xformat("%s - off", container_end(f, "v")) : own_size(f, "v");
        p("    size_t off = %s;\n", off);
        if (absent)
            p("    if (%s)\n        return zc_bytes_make(v.zc_base + off, 0);\n", absent);
        p("    {\n        size_t n = %s;\n", n);
        p("        ZC_CHECK_ACCESS(v, off, n);\n");
        p("        return zc_bytes_make(v.zc_base + off, n);\n    }\n}\n\n");
        return;
    }
    if (absent && f->type->kind != T_STRUCT && value_type(f)->kind == T_UINT)
        p("    if (%s)\n        return %s0;\n", absent, f->type->kind == T_ENUM ? xformat("(%s)", T) : "");
    else if (absent)
        p("    if (%s) {\n        %s none;\n        memset(&none, 0, sizeof none);\n        return none;\n    }\n",
          absent, T);
    if (f->type->kind == T_STRUCT) {
        Decl *nd = f->type->decl;
        p("    {\n        %s r;\n", T);
        p("        ZC_CHECK_ACCESS(v, %s, %s_MIN_SIZE);\n", off, SNAME(nd));
        p("        r.zc_base = v.zc_base + %s;\n", off);
        p("        r.zc_len = %s_MIN_SIZE;\n        return r;\n    }\n}\n\n", SNAME(nd));
    } else if (f->is_bits) {
        p("    {\n        %s group;\n", f->size > 4 ? "uint64_t" : "uint32_t");
        p("        ZC_CHECK_ACCESS(v, %s, %zu);\n", off, f->size);
        p("        group = %s;\n", group_load(f, "v"));
        p("        return (%s)%s;\n    }\n}\n\n", T, bits_extract(f, "group"));
    } else {
        const Type *t = value_type(f);
        p("    ZC_CHECK_ACCESS(v, %s, %d);\n", off, t->bits / 8);
        if (t->kind == T_UINT)
            p("    return %szc_load_u8(v.zc_base + %s);\n}\n\n", f->type->kind == T_ENUM ? xformat("(%s)", T) : "", off);
        else if (f->type->kind == T_ENUM)
            p("    return (%s)zc_%s%dtoh(zc_load_%s%d(v.zc_base + %s));\n}\n\n", T,
              t->order == ORD_BE ? "be" : "le", t->bits, t->order == ORD_BE ? "be" : "le", t->bits, off);
        else
            p("    return zc_load_%s%d(v.zc_base + %s);\n}\n\n", t->order == ORD_BE ? "be" : "le", t->bits, off);
    }
}

/* Where segment k+1 starts, k being the segment var ends (internal). */
static void emit_complex_segment_start(Decl *d, Field *var)
{
    p("/* Where the fields after '%s' start (internal). */\n", var->name);
    p("static inline size_t %s_zc_seg%d(%s v)\n{\n", sname(d), var->seg + 1, view_t(d));
    if (var->sizing == SZ_WALK) {
        p("    return v.zc_end[%d];\n}\n\n", var->walk);
        return;
    }
    if (var->cond)
        p("    return %s + (%s(v) ? %s : 0);\n}\n\n", field_off(var, "v"), has_fn(var), own_size(var, "v"));
    else
        return_of_view(xformat("%s + %s", field_off(var, "v"), own_size(var, "v")));
}

/* ---- the sequential parser of a complex struct --------------------------- */

static FILE *body;                 /* the parse body, written before its locals */
static bool use_pos, use_n, use_i, use_st, use_send;

static void b(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void b(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit_check_args(fmt, ap);
    vfprintf(body, fmt, ap);
    va_end(ap);
}

static char *fail_nested(const char *st, const char *at_)
{
    return xformat("zc_fail_nested(%s, %s)", st, at_);
}

/* Checks of one present field at START within [.., END); leaves its end in
   `pos` when want_pos. `ind` is the indentation. */
static void validate_field(Field *f, const char *start, const char *end, const char *ind, bool want_pos)
{
    char *S = paren(start);
    if (is_struct_array(f)) {
        Decl *e = f->type->decl;
        if (f->array != ARR_REST) {
            use_n = true;
            b("%sn = %s;\n", ind, expr_c(f->len, "t"));
            if (f->len->lo < 0)
                b("%sif (n < 0)\n%s    return zc_fail(ZC_ERR_LENGTH, %s, %s);\n", ind, ind, start,
                  site(f, loc_text(f->len->loc)));
        }
        if (f->array == ARR_EXPR && e->fixed_size) {
            if (e->min_size > 0)
                b("%sif ((uint64_t)n > (%s - %s) / %s_MIN_SIZE)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n",
                  ind, end, S, SNAME(e), ind, start, site(f, NULL));
            if (e->has_checks) {
                use_i = use_st = true;
                b("%sfor (i = 0; i < (uint64_t)n; i++) {\n", ind);
                b("%s    %s e;\n", ind, view_t(e));
                b("%s    st = %s_parse(&e, t.zc_base + %s + i * %s_MIN_SIZE, %s_MIN_SIZE);\n", ind, sname(e), S,
                  SNAME(e), SNAME(e));
                b("%s    if (st.code != ZC_OK)\n%s        return %s;\n%s}\n", ind, ind,
                  fail_nested("st", xformat("%s + i * %s_MIN_SIZE", S, SNAME(e))), ind);
            }
            if (want_pos) {
                use_pos = true;
                b("%spos = %s + (size_t)n * %s_MIN_SIZE;\n", ind, S, SNAME(e));
            }
            return;
        }
        if (f->array == ARR_EXPR) {   /* a count of variable-size elements */
            use_pos = use_i = use_st = true;
            b("%spos = %s;\n", ind, start);
            b("%sfor (i = 0; i < (uint64_t)n; i++) {\n", ind);
            b("%s    %s e;\n", ind, view_t(e));
            b("%s    st = %s_parse(&e, t.zc_base + pos, %s - pos);\n", ind, sname(e), end);
            b("%s    if (st.code != ZC_OK)\n%s        return %s;\n", ind, ind, fail_nested("st", "pos"));
            b("%s    if (e.zc_len == 0)\n%s        return zc_fail(ZC_ERR_MALFORMED, pos, %s);\n", ind, ind,
              site(f, "an element consumes no bytes"));
            b("%s    pos += e.zc_len;\n%s}\n", ind, ind);
            return;
        }
        if (f->array == ARR_BYTES) {
            b("%sif ((uint64_t)n > %s - %s)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, end, S, ind,
              start, site(f, NULL));
            if (e->fixed_size && e->min_size > 1)
                b("%sif (n %% %s_MIN_SIZE != 0)\n%s    return zc_fail(ZC_ERR_MALFORMED, %s, %s);\n", ind, SNAME(e),
                  ind, start, site(f, "not a whole number of elements"));
            if (want_pos) {
                use_pos = true;
                b("%spos = %s + (size_t)n;\n", ind, S);
            }
            return;
        }
        /* ARR_REST: a part of an element at the end is reported where it
           starts; at the end of the input it is cut short (TRUNCATED: more
           input completes it), at the end of a switch's length MALFORMED */
        if (e->fixed_size && e->min_size > 1) {
            bool input = strcmp(end, "len") == 0;
            b("%sif ((%s - %s) %% %s_MIN_SIZE != 0)\n", ind, end, S, SNAME(e));
            b("%s    return zc_fail(%s, %s - (%s - %s) %% %s_MIN_SIZE, %s);\n", ind,
              input ? "ZC_ERR_TRUNCATED" : "ZC_ERR_MALFORMED", end, end, S, SNAME(e),
              site(f, input ? "the input ends inside an element" : "not a whole number of elements"));
        }
        if (want_pos) {
            use_pos = true;
            b("%spos = %s;\n", ind, end);
        }
        return;
    }
    if (f->type->kind == T_EXTERN) {
        use_pos = use_st = true;
        b("%s{\n%s    size_t size = 0;\n", ind, ind);
        b("%s    st = %s_zc_measure(t.zc_base + %s, %s - %s, &size);\n", ind, f->type->decl->name, S, end, S);
        b("%s    if (st.code != ZC_OK)\n%s        return %s;\n", ind, ind, fail_nested("st", start));
        b("%s    pos = %s + size;\n%s}\n", ind, S, ind);
        return;
    }
    if (f->array == ARR_NONE && f->type->kind == T_STRUCT && !f->type->decl->fixed_size) {
        Decl *e = f->type->decl;
        use_pos = use_st = true;
        b("%s{\n%s    %s e;\n", ind, ind, view_t(e));
        b("%s    st = %s_parse(&e, t.zc_base + %s, %s - %s);\n", ind, sname(e), S, end, S);
        b("%s    if (st.code != ZC_OK)\n%s        return %s;\n", ind, ind, fail_nested("st", start));
        b("%s    pos = %s + e.zc_len;\n%s}\n", ind, S, ind);
        return;
    }
    if (f->array == ARR_REST) {
        if (want_pos) {
            use_pos = true;
            b("%spos = %s;\n", ind, end);
        }
        return;
    }
    if ((f->array == ARR_EXPR || f->array == ARR_BYTES) && !f->fixed_len) {
        use_n = true;
        b("%sn = %s;\n", ind, expr_c(f->len, "t"));
        if (f->len->lo < 0)
            b("%sif (n < 0)\n%s    return zc_fail(ZC_ERR_LENGTH, %s, %s);\n", ind, ind, start,
              site(f, loc_text(f->len->loc)));
        b("%sif ((uint64_t)n > %s - %s)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, end, S, ind, start,
          site(f, NULL));
        if (want_pos) {
            use_pos = true;
            b("%spos = %s + (size_t)n;\n", ind, S);
        }
        return;
    }
    /* a fixed-size field */
    if ((!f->is_bits || f->group_first) && f->size > 0)
        b("%sif (%s - %s < %zu)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, end, S, f->size, ind, start,
          site(f, NULL));
    if (checks_something(f))
        b("%sif (!(%s))\n%s    return zc_fail(ZC_ERR_CONSTRAINT, %s, %s);\n", ind, truth_c(f->constraint, "t"), ind,
          start, site(f, loc_text(f->constraint->loc)));
    if (checks_nested(f)) {
        Decl *nd = f->type->decl;
        use_st = true;
        b("%s{\n%s    %s e;\n", ind, ind, view_t(nd));
        b("%s    st = %s_parse(&e, t.zc_base + %s, %s_MIN_SIZE);\n", ind, sname(nd), S, SNAME(nd));
        b("%s    if (st.code != ZC_OK)\n%s        return %s;\n%s}\n", ind, ind, fail_nested("st", start), ind);
    }
    if (want_pos) {
        use_pos = true;
        b("%spos = %s + %zu;\n", ind, S, f->size);
    }
}

/* Whether the checks of a rest-of-buffer case field read the end of its
   switch: only a whole number of fixed-size elements is checked. */
static bool rest_case_reads_end(Field *cf)
{
    Decl *e = is_struct_array(cf) ? cf->type->decl : NULL;
    return e && e->fixed_size && e->min_size > 1;
}

static void validate_switch(Field *sw, const char *start, const char *ind)
{
    char *S = paren(start);
    const char *end = "len";
    /* `send` is read by the check that a case fills the switch, and by a
       rest case's element check; a switch whose cases all run to its end
       and read nothing does without it (-Wunused-but-set-variable) */
    bool need_send = true;
    if (sw->array == ARR_BYTES) {
        bool has_default = false;
        need_send = false;
        for (int i = 0; i < sw->cases.len; i++) {
            Case *c = sw->cases.data[i];
            has_default |= c->is_default;
            if (!c->field || c->field->array != ARR_REST || rest_case_reads_end(c->field))
                need_send = true;
        }
        need_send |= !has_default;
    }
    if (sw->array == ARR_BYTES) {
        use_n = true;
        b("%sn = %s;\n", ind, expr_c(sw->len, "t"));
        if (sw->len->lo < 0)
            b("%sif (n < 0)\n%s    return zc_fail(ZC_ERR_LENGTH, %s, %s);\n", ind, ind, start,
              site(sw, loc_text(sw->len->loc)));
        b("%sif ((uint64_t)n > len - %s)\n%s    return zc_fail(ZC_ERR_TRUNCATED, %s, %s);\n", ind, S, ind, start,
          site(sw, NULL));
        if (need_send) {
            use_send = true;
            b("%ssend = %s + (size_t)n;\n", ind, S);
            end = "send";
        }
    }
    Case *deflt = NULL;
    int emitted = 0;
    char *ind2 = xformat("%s    ", ind);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < sw->cases.len; i++) {
            Case *c = sw->cases.data[i];
            if (c->is_default != (pass == 1))
                continue;
            if (c->is_default) {
                deflt = c;
                b(emitted ? "%selse {\n" : "%s{\n", ind);
            } else {
                b("%s%sif (%s) {\n", ind, emitted ? "else " : "", expr_c(c->match, "t"));
            }
            emitted++;
            /* a rest-of-buffer case fills a switch with a length by
               definition: its end (pos) is not needed, and setting it
               would be -Wunused-but-set-variable */
            bool fills = c->field && c->field->array == ARR_REST;
            if (fills && sw->array == ARR_BYTES)
                b("%s/* '%s' fills the rest of the switch */\n", ind2, c->field->name);
            if (c->field) {
                validate_field(c->field, start, end, ind2, !(fills && sw->array == ARR_BYTES));
            } else {
                use_pos = true;
                b("%spos = %s;\n", ind2, S);
            }
            /* reported where the unfilled bytes start: a name cut by the
               end of a capture padded with zeros (zcdump) ends there, past
               the captured bytes, so the failure is seen as the capture's */
            if (sw->array == ARR_BYTES && !fills)
                b("%sif (pos != send)\n%s    return zc_fail(ZC_ERR_MALFORMED, pos, %s);\n", ind2, ind2,
                  site(c->field ? c->field : sw, "the case does not fill the switch's length"));
            b("%s}\n", ind);
        }
    }
    if (!deflt) {
        use_pos = true;
        b("%selse {\n", ind);
        b("%spos = %s;   /* no case matches: the switch holds nothing */\n", ind2, S);
        if (sw->array == ARR_BYTES)
            b("%sif (pos != send)\n%s    return zc_fail(ZC_ERR_MALFORMED, %s, %s);\n", ind2, ind2, start,
              site(sw, "no case for this tag, and the length is not 0"));
        b("%s}\n", ind);
    }
}

/* Whether the checks validate_field() (or validate_switch()) writes for
   f read its start (`off` when f is after a variable part). A trailing
   rest-of-buffer array of bytes, or of elements of size 1, reads nothing:
   `off = ...` before it would be set and never used (gcc and clang
   -Wunused-but-set-variable). */
static bool uses_start(Field *f, bool want_pos)
{
    if (f->is_switch || (f->cond && f->sizing == SZ_WALK))
        return true;
    if (is_struct_array(f)) {
        Decl *e = f->type->decl;
        if (f->array == ARR_REST)
            return e->fixed_size && e->min_size > 1;
        if (f->array == ARR_EXPR && e->fixed_size)
            return f->len->lo < 0 || e->min_size > 0 || e->has_checks || want_pos;
        return true;
    }
    if (f->type->kind == T_EXTERN || (f->array == ARR_NONE && f->type->kind == T_STRUCT && !f->type->decl->fixed_size))
        return true;
    if (f->array == ARR_REST)
        return false;
    if ((f->array == ARR_EXPR || f->array == ARR_BYTES) && !f->fixed_len)
        return true;
    return ((!f->is_bits || f->group_first) && f->size > 0) || checks_something(f) || checks_nested(f) || want_pos;
}

/* Whether the parse of d reads `off` in segment seg (seg >= 1): a field of
   it reads its start, or the struct ends in its fixed fields. */
static bool segment_reads_off(Decl *d, int seg)
{
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg == seg && uses_start(f, f->sizing == SZ_WALK))
            return true;
    }
    Field *last = d->fields.data[d->fields.len - 1];
    return seg == d->nseg - 1 && !last->var;
}

static void emit_complex_parse(Decl *d)
{
    char *V = view_t(d);
    char *text = NULL;
    size_t text_len = 0;
    body = open_memstream(&text, &text_len);
    use_pos = use_n = use_i = use_st = use_send = false;
    bool use_off = false;

    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        const char *start = at(f);
        b("\n    /* %s */\n", f->name);
        const char *ind = "    ";
        if (f->cond) {
            b("    if (%s(t)) {\n", has_fn(f));
            ind = "        ";
        }
        if (f->is_switch)
            validate_switch(f, start, ind);
        else
            validate_field(f, start, "len", ind, f->sizing == SZ_WALK);
        if (f->sizing == SZ_WALK)
            b("%st.zc_end[%d] = pos;\n", ind, f->walk);
        if (f->cond) {
            b("    }\n");
            if (f->sizing == SZ_WALK)
                b("    else {\n        t.zc_end[%d] = %s;\n    }\n", f->walk, start);
        }
        if (f->var && f->sizing != SZ_REST && i + 1 < d->fields.len && segment_reads_off(d, f->seg + 1)) {
            b("    off = %s_zc_seg%d(t);\n", sname(d), f->seg + 1);
            use_off = true;
        }
    }
    Field *last = d->fields.data[d->fields.len - 1];
    if (last->var && last->sizing == SZ_REST)
        b("\n    t.zc_len = len;\n");
    else if (last->var) {
        b("\n    t.zc_len = %s_zc_seg%d(t);\n", sname(d), last->seg + 1);
    } else {
        size_t tail = segment_size(d, d->nseg - 1);
        b("\n    t.zc_len = %s%s;\n", d->nseg > 1 ? "off" : "0", tail ? xformat(" + %zu", tail) : "");
    }
    b("    *v = t;\n    return zc_ok();\n}\n\n");
    fclose(body);

    p("/*\n * Validates struct %s at the start of buf[0, len): every field in order,\n", d->name);
    p(" * its length, bounds and constraints, every element of arrays by count,\n");
    p(" * nested structs and the chosen case of each switch. On success *v views\n");
    p(" * it and v->zc_len is its size; on failure *v is an empty view (zc_len 0)\n");
    p(" * and the status names the first failing field and its offset. Arrays of\n");
    p(" * structs by bytes or to the end are checked as regions: their elements\n");
    p(" * as an iterator reaches them, or all at once by %s_parse_deep().\n */\n", sname(d));
    p("static inline zc_status %s_parse(%s *v, const void *buf, size_t len)\n{\n", sname(d), V);
    p("    %s t;\n", V);
    if (use_off)
        p("    size_t off = 0;\n");
    if (use_pos)
        p("    size_t pos = 0;\n");
    if (use_send)
        p("    size_t send = 0;\n");
    if (use_n)
        p("    int64_t n = 0;\n");
    if (use_i)
        p("    uint64_t i;\n");
    if (use_st)
        p("    zc_status st;\n");
    p("\n    memset(&t, 0, sizeof t);\n");
    p("    t.zc_base = (const uint8_t *)buf;\n");
    p("    *v = t;   /* empty, and every offset set, until it parses */\n");
    p("    t.zc_len = len;\n");
    fwrite(text, 1, text_len, out);
    free(text);
}

/* NAME_next(): one step of an iterator over an array of NAME. */
static void emit_next(Decl *d)
{
    p("/* One step over an array of %s: false at its end or on a bad element\n", d->name);
    p("   (then zc_iter_status(it) says why). */\n");
    p("static inline bool %s_next(%s *it, %s *out)\n{\n", sname(d), iter_t(d), view_t(d));
    p("    zc_status st;\n");
    p("    out->zc_base = it->zc_base;\n    out->zc_len = 0;\n");
    for (int j = 0; j < d->nwalk; j++)   /* a defined view even when it returns false */
        p("    out->zc_end[%d] = 0;\n", j);
    p("    if (it->zc_left == 0 || it->zc_st.code != ZC_OK)\n        return false;\n");
    p("    if (it->zc_pos >= it->zc_end) {\n");
    p("        if (it->zc_left != UINT64_MAX)   /* a count larger than the elements */\n");
    p("            it->zc_st = zc_fail(ZC_ERR_TRUNCATED, it->zc_pos, \"%s\\0\" \"fewer elements than the count\");\n",
      d->name);
    p("        it->zc_left = 0;\n        return false;\n    }\n");
    p("    st = %s_parse(out, it->zc_base + it->zc_pos, it->zc_end - it->zc_pos);\n", sname(d));
    p("    if (st.code == ZC_OK && out->zc_len == 0)\n");
    p("        st = zc_fail(ZC_ERR_MALFORMED, 0, \"%s\\0\" \"an element consumes no bytes\");\n", d->name);
    p("    if (st.code != ZC_OK) {\n");
    p("        it->zc_st = zc_fail_nested(st, it->zc_pos);\n");
    p("        it->zc_left = 0;\n        return false;\n    }\n");
    p("    it->zc_pos += out->zc_len;\n");
    p("    if (it->zc_left != UINT64_MAX)\n        it->zc_left--;\n");
    p("    return true;\n}\n\n");
    p("/* The same, and a compile error (in C too) for another struct's iterator\n");
    p("   or view; (%s_next) is the function itself. */\n", sname(d));
    p("#define %s_next(it, out) \\\n", sname(d));
    p("    (ZC_SAME_TYPE_(%s, *(it)), ZC_SAME_TYPE_(%s, *(out)), (%s_next)((it), (out)))\n\n",
      iter_t(d), view_t(d), sname(d));
}

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
    if (f->type->kind == T_ENUM)
        p("%szc_visit_int(fn, ctx, ZC_FIELD_ENUM, \"%s\", \"%s\", %s, %d, %d, %s, %s_name(%s(v)));\n", ind, f->name,
          tname, off, f->is_bits ? f->bit_off : 0, t->bits, value, enum_t(f->type->decl), acc(f));
    else
        p("%szc_visit_int(fn, ctx, ZC_FIELD_UINT, \"%s\", \"%s\", %s, %d, %d, %s, NULL);\n", ind, f->name, tname, off,
          f->is_bits ? f->bit_off : 0, t->bits, value);
}

static void emit_complex_visit(Decl *d)
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

static void emit_complex_struct(Decl *d)
{
    emit_struct_head(d);

    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->named && f->index == f->named->first)
            emit_bitgroup(f->named);
        emit_complex_accessor(f);
        for (int j = 0; f->is_switch && j < f->cases.len; j++) {
            Field *cf = ((Case *)f->cases.data[j])->field;
            if (cf)
                emit_complex_accessor(cf);
        }
        if (f->var && f->sizing != SZ_REST)
            emit_complex_segment_start(d, f);
    }
    emit_complex_parse(d);
    emit_deep(d);
    if (struct_has_frame(d))
        emit_frame(d);
    emit_checksums(d, false);
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
    p("%s        st = %s_parse(&e, v.zc_base + pos, end - pos);\n", ind, sname(e));
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
static void emit_deep(Decl *d)
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
    p("static inline zc_status %s_parse_deep(%s *v, const void *buf, size_t len)\n{\n", sname(d), view_t(d));
    p("    zc_status st = %s_parse(v, buf, len);\n", sname(d));
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

/* ---- writing: mutable views and setters ---------------------------------- */

char *mview_t(Decl *d) { return xformat("%s%s_mview", prefix, d->name); }
char *setter(Field *f) { return xformat("%s%s_set_%s", prefix, f->owner->name, f->name); }

/* "S.F\0detail" for a setter's status. */
char *set_site(Field *f, const char *detail)
{
    return xformat("\"%s\\0%s\"", qual(f), detail);
}

/* A setter that can fail starts by refusing an absent field. */
static void set_absent_check(Field *f)
{
    if (f->cond)
        p("    if (!%s(m.v))\n        return zc_fail(ZC_ERR_ABSENT, %s, %s);\n", has_fn(f),
          f->sw ? field_off(f, "m.v") : "0", set_site(f, "not present in this packet"));
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
        p("static inline zc_status %s(%s m, const void *src, size_t n)\n{\n", setter(f), M);
        p("    zc_bytes cur = %s(m.v);\n", acc(f));
        set_absent_check(f);
        p("    if (n != cur.len)\n        return zc_fail(ZC_ERR_SPACE, (size_t)(cur.ptr - m.v.zc_base), %s);\n",
          set_site(f, "a copy of a different length than the field"));
        p("    if (n)\n        memmove(m.zc_wbase + (cur.ptr - m.v.zc_base), src, n);\n");
        p("    return zc_ok();\n}\n\n");
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
            p("static inline %s %s_mut(%s m)\n{\n    %s r;\n", mview_t(nd), acc(f), M, mview_t(nd));
            p("    r.v = %s(m.v);\n", acc(f));
        }
        char *r = view_out_param(f) ? "out->" : "r.";
        p("    %szc_wbase = m.zc_wbase + (%sv.zc_base - m.v.zc_base);\n", r, r);
        p("    return %s;\n}\n\n", view_out_param(f) ? "true" : "r");
        return;
    }
    const Type *t = value_type(f);
    char *T = field_c_type(f);
    if (f->is_bits) {
        p("/* Sets %s (bits %d..%d of its group); a value wider than %d bits is\n   refused and nothing is written. */\n",
          qual(f), f->bit_off, f->bit_off + t->bits - 1, t->bits);
        p("static inline zc_status %s(%s m, %s x)\n{\n", setter(f), M, T);
        set_absent_check(f);
        if (t->bits != 8 && t->bits != 16 && t->bits != 32 && t->bits != 64)   /* else x cannot be wider */
            p("    if ((uint64_t)x > 0x%llxu)\n        return zc_fail(ZC_ERR_RANGE, %s, %s);\n",
              (unsigned long long)type_max(t), off, set_site(f, xformat("does not fit in %d bits", t->bits)));
        p("    zc_store_bits(m.zc_wbase + %s, %zu, %d, %d, (uint64_t)x);\n", off, f->size, f->bit_off, t->bits);
        p("    return zc_ok();\n}\n\n");
        return;
    }
    bool narrow = enum_is_narrow(f);
    bool can_fail = f->cond != NULL || narrow;
    p("/* Sets %s.%s%s */\n", qual(f), f->cond ? " Absent: refused, nothing written." : "",
      narrow ? xformat(" A value wider than %d bits is refused and nothing is written.", t->bits) : "");
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
        p("    zc_store_%s%d(m.zc_wbase + %s, x);\n", t->order == ORD_BE ? "be" : "le", t->bits, off);
    if (can_fail)
        p("    return zc_ok();\n");
    p("}\n\n");
}

/* Whether f is a whole-byte enum field that a C enum value can overflow
   (a C enum is an int: ip_proto can be handed 300, and (uint8_t) would
   write 44). Bit fields refuse wide values anyway; enums wider than 16 bits
   are integer typedefs of their own width. */
bool enum_is_narrow(Field *f)
{
    return f->type->kind == T_ENUM && !f->is_bits && enum_is_c_enum(f->type->decl);
}

/* S_mview, S_parse_mut() and a setter per field. */
static void emit_mutable(Decl *d)
{
    char *M = mview_t(d);
    p("/* A writable view: the checked view `v` (read it with the accessors) and\n");
    p("   the same bytes, writable. Setters write only inside them. */\n");
    p("typedef struct {\n    %s v;\n    uint8_t *zc_wbase;\n} %s;\n\n", view_t(d), M);
    p("/* %s_parse() over a writable buffer. A setter that changes a length or\n", sname(d));
    p("   a tag changes the structure: parse again before reading past it. */\n");
    p("static inline zc_status %s_parse_mut(%s *m, void *buf, size_t len)\n{\n", sname(d), M);
    p("    zc_status st = %s_parse(&m->v, buf, len);\n", sname(d));
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

/* ---- stream framing ------------------------------------------------------ */

/* Bytes from the start of segment `seg` to the end of its last fixed field. */
static size_t fixed_end(Decl *d, int seg)
{
    size_t end = 0;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg == seg && !f->var && f->off + f->size > end)
            end = f->off + f->size;
    }
    return end;
}

/* The length expression and element size behind a variable field's size
   in a frame: NULL for a field whose size is a constant (an optional
   fixed-size field). */
static Expr *frame_len(Field *f, size_t *unit)
{
    *unit = 1;
    if (is_struct_array(f) && f->array == ARR_EXPR)
        *unit = f->type->decl->min_size;
    if (f->is_switch || ((f->array == ARR_EXPR || f->array == ARR_BYTES) && !f->fixed_len))
        return f->len;
    return NULL;
}

/*
 * NAME_frame(): the frame's end is computed in 64 bits, part by part, and
 * compared with len before anything is narrowed, so a 32-bit host gives
 * the same state as a 64-bit one (issue #16: `(size_t)(a * b)` wrapped).
 * A shortfall that does not fit size_t (a 32-bit host), or a frame over
 * 2^62 bytes, is NEED with size SIZE_MAX: more than any buffer can hold.
 */
static void emit_frame(Decl *d)
{
    bool need_n = false;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        size_t unit;
        need_n |= f->var && frame_len(f, &unit) != NULL;
    }
    p("/*\n * For a byte stream that carries %s frames back to back (read in pieces\n", d->name);
    p(" * from a socket): whether buf[0, len) starts with a whole frame (its size),\n");
    p(" * needs more bytes (at least how many), or can never become valid. Sizes\n");
    p(" * are computed in 64 bits: a shortfall larger than SIZE_MAX (on a 32-bit\n");
    p(" * host) or than 2^62 bytes is NEED with size SIZE_MAX.\n */\n");
    p("static inline zc_frame %s_frame(const void *buf, size_t len)\n{\n", sname(d));
    p("    %s t;\n    zc_status st = %s_parse(&t, buf, len);\n    uint64_t end;\n    size_t need;\n", view_t(d), sname(d));
    if (need_n)
        p("    int64_t n;\n");
    p("\n    if (st.code == ZC_OK)\n        return zc_frame_make(ZC_FRAME_COMPLETE, t.zc_len, st);\n");
    p("    if (st.code != ZC_ERR_TRUNCATED)\n        return zc_frame_make(ZC_FRAME_MALFORMED, 0, st);\n");
    p("    /* the first part of the frame that is missing; each part's start is\n");
    p("       exact, as the parts before it are there (<= len) */\n");
    p("    memset(&t, 0, sizeof t);\n");
    p("    t.zc_base = (const uint8_t *)buf;\n    t.zc_len = len;\n");
    p("    do {\n");
    p("        end = %zu;\n", fixed_end(d, 0));
    p("        if (len < end)\n            break;\n");
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (!f->var)
            continue;
        size_t tail = fixed_end(d, f->seg + 1), unit;
        Expr *len = frame_len(f, &unit);
        char *size;
        if (!len) {
            size = xformat("%zu", f->size);
        } else {
            char *e = expr_c(len, "t");
            if (f->cond)
                p("        n = %s(t) ? %s : 0;\n", has_fn(f), paren(e));
            else
                p("        n = %s;\n", e);
            if (len->lo < 0)   /* parse reports it first; kept exact anyway */
                p("        if (n < 0)\n            return zc_frame_make(ZC_FRAME_MALFORMED, 0, st);\n");
            size = "(uint64_t)n";
            if (unit > 1) {
                size = xformat("(uint64_t)n * %s_MIN_SIZE", SNAME(f->type->decl));
                /* n * unit could pass 2^62 (and wrap 64 bits past 2^63) */
                if (len->hi > 0 && (uint64_t)len->hi > ((uint64_t)1 << 62) / unit)
                    p("        if ((uint64_t)n > (UINT64_C(1) << 62) / %s_MIN_SIZE)\n"
                      "            return zc_frame_make(ZC_FRAME_NEED, SIZE_MAX, st);   /* over 2^62 bytes */\n",
                      SNAME(f->type->decl));
            }
        }
        if (f->cond && !len)
            size = xformat("(%s(t) ? %s : 0)", has_fn(f), size);
        p("        end = (uint64_t)(%s) + %s%s;\n", field_off(f, "t"), size, tail ? xformat(" + %zu", tail) : "");
        p("        if (len < end)\n            break;\n");
    }
    p("        /* every part is there: the frame is bad inside */\n");
    p("        return zc_frame_make(ZC_FRAME_MALFORMED, 0, st);\n");
    p("    } while (0);\n");
    p("    /* end - len more bytes; SIZE_MAX if that does not fit size_t */\n");
    p("    need = (size_t)(end - len);\n");
    p("    return zc_frame_make(ZC_FRAME_NEED, need != end - len ? SIZE_MAX : need, st);\n}\n\n");
}

/* ---- visit -------------------------------------------------------------- */

static void emit_visit(Decl *d)
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
                            : f->array == ARR_REST ? "u8[]"
                            : xformat("u8[%s]", c_string(loc_text(f->len->loc)));
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
            if (f->type->kind == T_ENUM)
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

/* ---- struct ------------------------------------------------------------- */

static void emit_struct(Decl *d)
{
    if (d->complex) {
        emit_complex_struct(d);
        return;
    }
    emit_struct_head(d);

    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->named && f->index == f->named->first)
            emit_bitgroup(f->named);
        emit_accessor(f);
        if (is_var_array(f) && f->array != ARR_REST && i + 1 < d->fields.len)
            emit_segment_start(d, f);
    }
    emit_diagnose(d);
    emit_parse(d);
    emit_deep(d);
    if (struct_has_frame(d))
        emit_frame(d);
    emit_checksums(d, false);
}

/* The parts of a struct after its readers, each behind its own guard, so
   that headers generated with different --no-* options compose in one
   translation unit: each part is defined once, by the first header that
   has it (docs/decisions.md, "Emitting only what is asked"). */
static void emit_struct_extras(Decl *d)
{
    char *name = xformat("%s%s", prefix, d->name);
    if (!omit_visit) {
        p("#ifndef ZEROCAST_VISIT_%s\n#define ZEROCAST_VISIT_%s\n\n", name, name);
        if (d->complex)
            emit_complex_visit(d);
        else
            emit_visit(d);
        p("#endif /* ZEROCAST_VISIT_%s */\n\n", name);
    }
    if (!omit_writers) {
        p("#ifndef ZEROCAST_WRITE_%s\n#define ZEROCAST_WRITE_%s\n\n", name, name);
        emit_mutable(d);
        emit_checksums(d, true);
        p("#endif /* ZEROCAST_WRITE_%s */\n\n", name);
    }
    if (!omit_builders) {
        p("#ifndef ZEROCAST_BUILD_%s\n#define ZEROCAST_BUILD_%s\n\n", name, name);
        emit_builder(d);
        p("#endif /* ZEROCAST_BUILD_%s */\n\n", name);
    }
}

/* ---- stacks ------------------------------------------------------------- */

static char *proto_const(Decl *stack, Decl *st)
{
    return xformat("%s_%s", SNAME(stack), str_upper(st->name));
}

static StackSource *source_for(Decl *stack, const Decl *st)
{
    for (int i = 0; i < stack->rules.len; i++) {
        StackRule *r = stack->rules.data[i];
        for (int j = 0; j < r->sources.len; j++) {
            StackSource *s = r->sources.data[j];
            if (s->st.decl == st)
                return s;
        }
    }
    return NULL;
}

static char *source_text(StackSource *s)
{
    return c_comment(loc_text(s->loc));
}

/* What the route from source s does when it picks target: return its
   constant (S_route()), or, in the walker (jump), go to its label. */
static char *route_to(Decl *stack, Decl *target, bool jump)
{
    return jump ? xformat("goto zc_l_%s;", target->name) : xformat("return %s;", proto_const(stack, target));
}

/* Extra indent of the route code: "    " inside the walker's blocks. */
static const char *route_pad = "";

/* Returns true if the code it wrote always returns (or, with jump, always
   jumps). v is the source layer's view; pl the payload's slice ("payload->"
   in S_route(), "bytes." in the walker). */
static bool emit_route_source(Decl *stack, StackRule *r, StackSource *s, const char *v, const char *pl, bool jump)
{
    char *ind = s->cond ? "    " : "";
    p("%s    /* %s */\n", route_pad, source_text(s));
    if (s->cond)
        p("%s    if (%s) {\n", route_pad, truth_c(s->cond, v));
    if (r->always) {
        p("%s    %s%s\n", route_pad, ind, route_to(stack, r->always->decl, jump));
    } else {
        p("%s    %sswitch (%s) {\n", route_pad, ind, field_value(s->tag->field, v));
        for (int i = 0; i < r->routes.len; i++) {
            StackRoute *rt = r->routes.data[i];
            for (int j = 0; j < rt->values.len; j++) {
                Expr *e = rt->values.data[j];
                char *text = loc_text(e->loc), *num = const_str(e->value);
                if (strcmp(text, num) == 0)
                    p("%s    %scase %s:\n", route_pad, ind, num);
                else
                    p("%s    %scase %s:   /* %s */\n", route_pad, ind, num, c_comment(text));
            }
            if (rt->whole) {   /* a stream: only a whole frame */
                p("%s    %s    if (%s_frame(%sptr, %slen).state == ZC_FRAME_COMPLETE)\n", route_pad, ind,
                  sname(rt->target.decl), pl, pl);
                p("%s    %s        %s\n", route_pad, ind, route_to(stack, rt->target.decl, jump));
                p("%s    %s    break;\n", route_pad, ind);
            } else {
                p("%s    %s    %s\n", route_pad, ind, route_to(stack, rt->target.decl, jump));
            }
        }
        p("%s    %s}\n", route_pad, ind);
    }
    if (s->cond)
        p("%s    }\n", route_pad);
    return r->always && !s->cond;
}

/* The routes from struct st's layer, in rule order, until one always
   returns (jumps). Returns whether one did. */
static bool emit_routes_from(Decl *d, const Decl *st, const char *v, const char *pl, bool jump)
{
    for (int j = 0; j < d->rules.len; j++) {
        StackRule *r = d->rules.data[j];
        for (int k = 0; k < r->sources.len; k++) {
            StackSource *src = r->sources.data[k];
            if (src->st.decl == st && emit_route_source(d, r, src, v, pl, jump))
                return true;
        }
    }
    return false;
}

/* The payload of st's layer l (view v): the source's payload field, or the
   bytes after it. */
static char *route_payload(Decl *d, Decl *st, const char *v, const char *bytes)
{
    StackSource *first = source_for(d, st);
    if (first->payload)
        return xformat("%s(%s)", acc(first->payload->field), v);
    return xformat("zc_bytes_make(%s.ptr + %s.zc_len, %s.len - %s.zc_len)", bytes, v, bytes, v);
}

/*
 * The body of S_walk() (each false: records in out[], *n) or of
 * S_walk_each() (each true: one record, handed to fn). One label per
 * struct: a layer's parse is inlined once, into a local view, and its
 * routes jump straight to the next struct's label.
 */
static void emit_walk_body(Decl *d, bool each)
{
    char *UP = SNAME(d), *layer = xformat("%s_layer", sname(d));
    p("    const uint8_t *base = (const uint8_t *)buf;\n");
    p("    zc_bytes bytes = zc_bytes_make(base, len), next;\n");
    p("    size_t offset = 0;\n");
    if (each)
        p("    %s rec, *l = &rec;\n    size_t k = 0;\n", layer);
    else
        p("    %s *l = out, *end = out + max;\n", layer);
    p("    zc_status st;\n");
    for (int i = 0; i < d->limits.len; i++)
        p("    int64_t seen%d = 0;   /* layers under limit %d */\n", i, i);
    p("\n    switch (first) {\n");
    p("    case %s_NONE:\n", UP);
    if (!each)
        p("        *n = 0;\n");
    p("        return zc_ok();\n");
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        p("    case %s:\n        goto zc_l_%s;\n", proto_const(d, st), st->name);
    }
    p("    }\n");
    p("    /* not a protocol of this stack */\n");
    p("    if (max == 0)\n        goto zc_full;\n");
    p("    l->proto = first;\n");
    p("    st = zc_fail(ZC_ERR_MALFORMED, 0, \"%s\\0not a protocol of this stack\");\n", d->name);
    p("    goto zc_bad;\n\n");

    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        char *PC = proto_const(d, st);
        p("zc_l_%s:\n", st->name);
        p(each ? "    if (k == max)\n        goto zc_full;\n" : "    if (l == end)\n        goto zc_full;\n");
        for (int j = 0; j < d->limits.len; j++) {
            StackLimit *lim = d->limits.data[j];
            bool in = false;
            for (int m = 0; m < lim->names.len; m++)
                in |= ((Name *)lim->names.data[m])->decl == st;
            if (!in)
                continue;
            char *names = "";
            for (int m = 0; m < lim->names.len; m++)
                names = xformat("%s%s%s", names, m ? ", " : "", ((Name *)lim->names.data[m])->name);
            p("    if (++seen%d > %lld) {\n", j, (long long)lim->max);
            p("        l->proto = %s;\n", PC);
            p("        st = zc_fail(ZC_ERR_LIMIT, offset, \"%s\\0more than %lld of %s in one packet\");\n",
              d->name, (long long)lim->max, names);
            p("        goto zc_over;\n    }\n");
        }
        p("    {\n        %s v;\n", view_t(st));
        p("        st = %s_parse(&v, bytes.ptr, bytes.len);\n", sname(st));
        p("        if (st.code != ZC_OK) {\n            l->proto = %s;\n            goto zc_bad;\n        }\n", PC);
        if (source_for(d, st))
            p("        next = %s;\n", route_payload(d, st, "v", "bytes"));
        else
            p("        next = zc_bytes_make(NULL, 0);\n");
        p("        l->proto = %s;\n        l->offset = offset;\n        l->bytes = bytes;\n", PC);
        p("        l->payload = next;\n        l->v.%s = v;\n", st->name);
        p(each ? "        fn(ctx, l, zc_ok());\n        k++;\n" : "        l++;\n");
        if (!source_for(d, st)) {
            p("    }\n    goto zc_done;\n\n");
            continue;
        }
        p("        if (next.len == 0)\n            goto zc_done;\n");
        p("        bytes = next;\n");
        p("        offset = (size_t)(bytes.ptr - base);\n");
        route_pad = "    ";
        bool jumped = emit_routes_from(d, st, "v", "bytes.", true);
        route_pad = "";
        p("    }\n");
        if (!jumped)
            p("    goto zc_done;\n");
        p("\n");
    }
    p("zc_done:\n");
    if (!each)
        p("    *n = (size_t)(l - out);\n");
    p("    return zc_ok();\n");
    p("zc_full:\n");
    if (!each)
        p("    *n = (size_t)(l - out);\n");
    p("    return zc_fail(ZC_ERR_LIMIT, offset, \"%s\\0more layers than the caller's array holds\");\n", d->name);
    p("zc_bad:   /* the layer that failed, with an empty view */\n");
    p("    st = zc_fail_nested(st, offset);\n");
    if (d->limits.len)
        p("zc_over:\n");
    p("    l->offset = offset;\n    l->bytes = bytes;\n");
    p("    l->payload = zc_bytes_make(NULL, 0);\n");
    p("    memset(&l->v, 0, sizeof l->v);\n");
    if (each)
        p("    if (st.code != ZC_OK)   /* always: says so to fn once inlined */\n        fn(ctx, l, st);\n");
    else
        p("    *n = (size_t)(l - out);\n");
    p("    return st;\n}\n\n");
}

static void emit_stack(Decl *d)
{
    char *S = sname(d), *UP = SNAME(d);
    char *proto = xformat("%s_proto", S), *layer = xformat("%s_layer", S);

    p("/* stack %s (%s:%d): which struct follows which, and a walker over them */\n", d->name,
      path_basename(d->loc.src->path), d->loc.first_line);
    p("typedef enum %s {\n    %s_NONE = 0,\n", proto, UP);
    for (int i = 0; i < d->protos.len; i++)
        p("    %s = %d,\n", proto_const(d, d->protos.data[i]), i + 1);
    p("} %s;\n\n", proto);

    p("/* \"ethernet\", ...: the struct's name; NULL for %s_NONE or an unknown value. */\n", UP);
    p("static inline const char *%s_name(%s p)\n{\n    switch (p) {\n", proto, proto);
    p("    case %s_NONE:\n        break;\n", UP);
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        p("    case %s:\n        return \"%s\";\n", proto_const(d, st), st->name);
    }
    p("    }\n    return NULL;\n}\n\n");

    p("/* One parsed layer of a packet. */\n");
    p("typedef struct {\n");
    p("    %s proto;\n", proto);
    p("    size_t offset;          /* where it starts, from the start of the packet */\n");
    p("    zc_bytes bytes;         /* the bytes it was parsed from: it, and all that follows */\n");
    p("    zc_bytes payload;       /* the bytes of the next layer, set by %s_route() */\n", S);
    p("    union {\n");
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        p("        %s %s;\n", view_t(st), st->name);
    }
    p("    } v;                    /* the view for `proto` */\n");
    p("} %s;\n\n", layer);

    /* parse one layer */
    p("/* Parses l->bytes as l->proto into l->v (internal). */\n");
    p("static inline zc_status %s_zc_parse_layer(%s *l)\n{\n    switch (l->proto) {\n", S, layer);
    p("    case %s_NONE:\n        break;\n", UP);
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        p("    case %s:\n        return %s_parse(&l->v.%s, l->bytes.ptr, l->bytes.len);\n", proto_const(d, st),
          sname(st), st->name);
    }
    p("    }\n    return zc_fail(ZC_ERR_MALFORMED, 0, \"%s\\0not a protocol of this stack\");\n}\n\n", d->name);

    /* what follows each struct that some rule starts from */
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        StackSource *first = source_for(d, st);
        if (!first)
            continue;
        char *v = xformat("l->v.%s", st->name);
        p("/* The layer after %s (internal). */\n", st->name);
        p("static inline %s %s_zc_route_%s(const %s *l, zc_bytes *payload)\n{\n", proto, S, st->name, layer);
        p("    *payload = %s;\n", route_payload(d, st, v, "l->bytes"));
        if (!emit_routes_from(d, st, v, "payload->", false))
            p("    return %s_NONE;\n", UP);
        p("}\n\n");
    }

    p("/*\n * Which struct follows layer l (%s_NONE: none that the stack knows),\n", UP);
    p(" * with its bytes in *payload: the layer's payload field, or the bytes\n");
    p(" * after it; empty when no rule starts from l's struct.\n */\n");
    p("static inline %s %s_route(const %s *l, zc_bytes *payload)\n{\n", proto, S, layer);
    p("    *payload = zc_bytes_make(NULL, 0);\n");
    p("    switch (l->proto) {\n");
    p("    case %s_NONE:\n        break;\n", UP);
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        p("    case %s:\n", proto_const(d, st));
        if (source_for(d, st))
            p("        return %s_zc_route_%s(l, payload);\n", S, st->name);
        else
            p("        break;\n");
    }
    p("    }\n    return %s_NONE;\n}\n\n", UP);

    /* the walker */
    p("/*\n * Parses buf as `first`, then each layer that the stack's rules say\n");
    p(" * follows, into out[0 .. *n). Returns ZC_OK when a layer has no known\n");
    p(" * successor or an empty payload. When a layer fails to parse or is over\n");
    p(" * a limit, returns its status (offset from buf) and, if *n < max,\n");
    p(" * describes it in out[*n] (proto, offset, bytes; an empty view).\n");
    p(" * ZC_ERR_LIMIT: more than max layers.\n");
    for (int i = 0; i < d->limits.len; i++) {
        StackLimit *l = d->limits.data[i];
        p(" * ZC_ERR_LIMIT: more than %lld layers of", (long long)l->max);
        for (int j = 0; j < l->names.len; j++)
            p("%s%s %s", j ? "," : "", j && j % 3 == 0 ? "\n *  " : "", ((Name *)l->names.data[j])->name);
        p(" (%s:%d).\n", path_basename(l->loc.src->path), l->loc.first_line);
    }
    p(" *\n * One label per struct: a layer's parse is inlined once, into a local\n");
    p(" * view, and its routes jump straight to the next struct's label (no\n");
    p(" * dispatch on a tag). The record is written once the layer is parsed and\n");
    p(" * its payload found, so that no store to `out` comes between the parse's\n");
    p(" * loads and the payload's (the compiler must assume it may alias buf).\n");
    p(" */\n");
    p("static inline zc_status %s_walk(const void *buf, size_t len, %s first, %s *out, size_t max, size_t *n)\n{\n",
      S, proto, layer);
    emit_walk_body(d, false);

    p("/* What %s_walk_each() hands each layer to: st is ZC_OK for a layer that\n", S);
    p("   parsed, else the walk's failing status, with l described as %s_walk()\n", S);
    p("   describes out[*n] (an empty view). l is valid during the call only. */\n");
    p("typedef void (*%s_layer_fn)(void *ctx, const %s *l, zc_status st);\n\n", S, layer);
    p("/*\n * %s_walk() without the array: calls fn(ctx, l, ...) for each layer as\n", S);
    p(" * it is parsed, and for the layer that fails. Same order, same records,\n");
    p(" * same status; at most max layers. When fn is a static function the\n");
    p(" * compiler can inline, each call sees a constant l->proto, so that a\n");
    p(" * switch on it in fn folds to the case for that struct: no dispatch left.\n */\n");
    p("static inline zc_status %s_walk_each(const void *buf, size_t len, %s first, size_t max, %s_layer_fn fn, void *ctx)\n{\n",
      S, proto, S);
    emit_walk_body(d, true);
}

/* ---- header ------------------------------------------------------------- */

static char *guard_name(const char *s)
{
    char *g = str_upper(s);
    for (char *q = g; *q; q++)
        if (!((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
            *q = '_';
    return g;
}

/* Makes p() and the name functions write to o with prefix (for the other
   emitters that reuse them: emit_rebuilders()). */
void emit_c_output(FILE *o, const char *pfx)
{
    out = o;
    prefix = pfx ? pfx : "";
    PREFIX = str_upper(prefix);
    omit_writers = omit_builders = omit_visit = false;
}

/* " --no-writers --no-builders --no-visit", or "" for a full header. */
static char *omitted_options(void)
{
    return xformat("%s%s%s", omit_writers ? " --no-writers" : "", omit_builders ? " --no-builders" : "",
                   omit_visit ? " --no-visit" : "");
}

/* The header an import is #included as: the import path as written, with
   ".h" (so a generated tree that mirrors the schema tree resolves it). */
char *import_header(const Import *imp)
{
    return xformat("%s.h", imp->path);
}

/* The macro a schema's header defines, e.g. ZEROCAST_SCHEMA_NET_ZC, so
   that a header that #includes it can check what it got. */
char *schema_macro(const char *pfx, const Module *m)
{
    return xformat("ZEROCAST_SCHEMA_%s%s", guard_name(pfx ? pfx : ""), guard_name(path_basename(m->src->path)));
}

/* #includes the headers of the schemas mod imports, each checked to be
   zerocast's header for that schema with at least this header's parts. */
static void emit_imports(const Module *mod, const char *self)
{
    for (int i = 0; i < mod->imports.len; i++) {
        const Import *imp = mod->imports.data[i];
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = ((const Import *)mod->imports.data[j])->mod == imp->mod;
        if (seen || !imp->mod)
            continue;
        char *h = import_header(imp), *m = schema_macro(prefix, imp->mod);
        const char *hs = c_string(h), *what = c_string(path_basename(imp->mod->src->path));
        p("#include \"%s\"   /* import \"%s\": generate it with the same options (zerocast -r does) */\n",
          hs, c_comment(imp->path));
        p("#ifndef %s\n#error \"%s: \\\"%s\\\" is not zerocast's header for %s%s\"\n#endif\n", m, c_string(self), hs,
          what, *prefix ? " with this --prefix" : "");
        const char *parts[] = { "WRITERS", "BUILDERS", "VISIT" };
        const char *opts[] = { "--no-writers", "--no-builders", "--no-visit" };
        bool want[] = { !omit_writers, !omit_builders, !omit_visit };
        for (int k = 0; k < 3; k++)
            if (want[k])
                p("#ifndef %s_%s\n#error \"%s: \\\"%s\\\" was generated with %s: generate it with the same options\"\n"
                  "#endif\n", m, parts[k], c_string(self), hs, opts[k]);
    }
}

void emit_header(FILE *o, Program *prog, const EmitOptions *opts)
{
    const Module *mod = opts->module ? opts->module : prog->root;
    emit_c_output(o, opts->prefix);
    omit_writers = opts->no_writers;
    omit_builders = opts->no_builders || opts->no_writers;   /* builders write */
    omit_visit = opts->no_visit;
    char *omitted = omitted_options();
    const char *schema = path_basename(mod->src->path);
    char *self = xformat("%s.h", schema);
    /* a header generated with other options is another header: both may be
       included in one translation unit */
    char *guard = xformat("ZEROCAST_GEN_%s%s%s%s%s_H", guard_name(prefix), guard_name(schema),
                          omit_writers ? "_NO_WRITERS" : "", omit_builders ? "_NO_BUILDERS" : "",
                          omit_visit ? "_NO_VISIT" : "");

    p("/*\n * %s - generated by zerocast %s from %s. Do not edit.\n *\n", c_comment(self), ZCC_VERSION,
      c_comment(schema));
    p(" * Views borrow the caller's buffer and are valid while it is. Call\n");
    p(" * NAME_parse() first: accessors on a view it accepted read only inside the\n");
    p(" * buffer and do no further checks. NAME_parse() checks arrays of structs\n");
    p(" * by bytes or to the end as regions: their elements are checked when an\n");
    p(" * iterator reaches them; NAME_parse_deep() checks them all up front. Whole\n");
    p(" * integers come back as wire types (zc_be16, ...): convert them with\n");
    p(" * zc_be16toh() and friends.\n");
    if (*omitted) {
        char *what = xformat("%s%s%s", omit_writers ? "; no mutable views, setters or checksum fills" : "",
                             omit_builders ? "; no builders" : "", omit_visit ? "; no NAME_visit()" : "");
        p(" *\n * %s with%s:\n * %s.\n", omit_writers && omit_visit ? "Readers only: generated" : "Generated",
          omitted, what + 2);
    }
    p(" */\n");
    p("#ifndef %s\n#define %s\n\n", guard, guard);
    char *m = schema_macro(prefix, mod);
    p("#define %s 1\n", m);
    if (!omit_writers)
        p("#define %s_WRITERS 1\n", m);
    if (!omit_builders)
        p("#define %s_BUILDERS 1\n", m);
    if (!omit_visit)
        p("#define %s_VISIT 1\n", m);
    p("\n#include \"zerocast.h\"\n");
    bool csum = false;
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        for (int j = 0; d->mod == mod && d->kind == D_STRUCT && j < d->all_fields.len; j++)
            csum = csum || ((Field *)d->all_fields.data[j])->csum;
    }
    if (csum)
        p("#include \"zerocast_csum.h\"   /* @checksum fields */\n");
    emit_imports(mod, self);
    p("\n");

    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->mod != mod)
            continue;
        char *def = xformat("ZEROCAST_DEF_%s%s", prefix, d->name);
        emitting = d;
        p("#ifndef %s\n#define %s\n\n", def, def);
        if (d->kind == D_ENUM)
            emit_enum(d);
        else if (d->kind == D_STRUCT)
            emit_struct(d);
        else if (d->kind == D_STACK)
            emit_stack(d);
        else if (d->kind == D_EXTERN)
            p("/* extern %s: implemented in \"%s\" */\n#include \"%s\"\n\n", d->name, d->header, d->header);
        else
            emit_const(d);
        if (d->kind == D_STRUCT)   /* always: the same struct must come out the same in every header */
            emit_next(d);
        p("#endif /* %s */\n\n", def);
        if (d->kind == D_STRUCT)
            emit_struct_extras(d);
    }
    p("#endif /* %s */\n", guard);
    emitting = NULL;
}
