/*
 * emit_common.c - what every part of the generated header is written
 * with: the output (p(), and the internal check that no text is missing),
 * text made safe for comments and strings, the C types of fields, field
 * offsets and values, and the C text of schema expressions. It writes no
 * part of the header itself; the emit_*.c files above it do, and
 * emit_header.c sequences them.
 */
#include "emit.h"

#include <ctype.h>
#include <string.h>

static FILE *out;

/* ---- internal check: no missing text in the output ----------------------- */

static Decl *emitting;         /* the declaration being emitted, for the message */
static bool failed;            /* an internal error was found: no output */

/* Reports an internal error once; main.c then writes nothing (exit 4). A
   header with "(null)" where an expression belongs is not valid C, and
   zerocast must never exit 0 with one. */
void internal_error(const char *what)
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

/* Makes p() write to o; returns where it wrote before. */
FILE *emit_set_output(FILE *o)
{
    FILE *was = out;
    out = o;
    return was;
}

/* Writes len bytes of text as they are (text p() has checked already). */
void p_raw(const char *text, size_t len)
{
    fwrite(text, 1, len, out);
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

/* ---- C types ------------------------------------------------------------ */

/* Whether enum d is a C enum (else an integer typedef with constants). */
bool enum_is_c_enum(Decl *d) { return d->base->bits <= 16; }

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

/* ---- offsets ------------------------------------------------------------ */

/* The bytes of the trailer of f's struct from trailer field `from` (or
   from its first field) to the end: the fields there, as a size_t C
   expression over view v. */
char *trailer_size(Decl *d, Field *from, const char *v)
{
    char *text = NULL;
    size_t fixed = 0;
    for (int i = (from ? from : d->trailer)->index; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (!f->trailer)
            break;
        if (!f->cond) {
            fixed += f->size;
            continue;
        }
        char *part = xformat("(%s(%s) ? (size_t)%zu : 0)", has_fn(f), v, f->size);
        text = text ? xformat("%s + %s", text, part) : part;
    }
    if (!text)
        return xformat("%zu", fixed);
    return fixed ? xformat("%s + %zu", text, fixed) : text;
}

/* Whether f lies between a trailer and its struct's end: its region ends
   where the trailer starts. */
bool after_trailer(const Field *f)
{
    const Decl *d = f->owner;
    return d && d->trailer && !f->trailer && f->index > d->trailer->index;
}

/* The end of the region of a field that is not in a switch: the view's,
   or where the trailer starts. */
char *region_end(Field *f, const char *v)
{
    if (!after_trailer(f))
        return xformat("%s.zc_len", v);
    return xformat("%s.zc_len - (%s)", v, trailer_size(f->owner, NULL, v));
}

/* C expression for the start of field f inside view `v`. */
char *field_off(Field *f, const char *v)
{
    if (f->trailer)   /* from the end of the region */
        return xformat("%s.zc_len - (%s)", v, trailer_size(f->owner, f, v));
    if (f->sw)   /* a case starts where its switch does */
        return field_off(f->sw, v);
    if (f->seg == 0)
        return off_macro(f);
    if (f->off == 0)
        return xformat("%s(%s)", seg_fn(f->owner, f->seg), v);
    return xformat("%s(%s) + %zu", seg_fn(f->owner, f->seg), v, f->off);
}

/* ---- expressions -------------------------------------------------------- */

/* The failure site as a C literal: "struct.field\0" or "struct.field\0" "detail"
   (two literals, so a detail starting with a digit is not read as octal). */
char *site(Field *f, const char *detail)
{
    if (!detail)
        return xformat("\"%s\\0\"", qual(f));
    return xformat("\"%s\\0\" \"%s\"", qual(f), c_string(detail));
}

static void expr_str(Expr *e, const char *v, char **buf);
static void operand_str(Expr *e, const char *v, char **buf, int use);

static char *append(char *a, const char *b)
{
    return xformat("%s%s", a, b);
}

/* The host value of an integer field, as int64_t. */
char *field_value(Field *f, const char *v)
{
    if (f->is_param)   /* kept in the view by NAME_parse() */
        return xformat("(int64_t)%s.%s", v, param_member(f));
    const Type *t = value_type(f);
    if (f->type->kind == T_ENUM)
        return xformat("(int64_t)%s(%s)", acc(f), v);
    if (t->kind == T_WIRE)
        return xformat("(int64_t)zc_%stoh(%s(%s))", wire_name(t), acc(f), v);
    return xformat("(int64_t)%s(%s)", acc(f), v);
}

/* `remaining` at field f, as int64_t: from f's start to the end of its
   region (a switch's length, or the struct's: *_parse keeps the whole
   region as zc_len for a struct that reads it). */
char *remaining_value(Field *f, const char *v)
{
    char *end = f->sw && f->sw->array == ARR_BYTES ? container_end(f, v) : region_end(f->sw ? f->sw : f, v);
    return xformat("(int64_t)(%s - (%s))", end, field_off(f, v));
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
           (e->kind == EX_BINARY && e->op >= OP_LT && !op_is_bitwise(e->op));
}

/* Arithmetic (*, /, %, +, -): a number, never a truth value. */
static bool is_arith(const Expr *e)
{
    return (e->kind == EX_BINARY && e->op >= OP_MUL && e->op <= OP_SUB) ||
           ((e->kind == EX_BINARY || e->kind == EX_UNARY) && op_is_bitwise(e->op));
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
bool decided(const Expr *e)
{
    return is_boolean(e) && e->lo == e->hi;
}

bool checks_something(const Field *f)
{
    return f->constraint && !(decided(f->constraint) && f->constraint->lo == 1);
}

/* x ^ M with M = 2^k - 1 and x in 0..M is M - x. Written so: gcc folds
   (int64_t)u8 ^ 255 into the complement of the promoted byte and then
   warns that a comparison of it "is always nonzero" (-Wsign-compare),
   which is false. */
static bool xor_as_sub(Expr *e, const char *v, char **buf)
{
    Expr *m = e->rhs->is_const ? e->rhs : e->lhs->is_const ? e->lhs : NULL;
    Expr *x = m == e->rhs ? e->lhs : e->rhs;
    if (!m || x->is_const || m->value <= 0 || (m->value & (m->value + 1)) != 0 || x->lo < 0 || x->hi > m->value)
        return false;
    *buf = append(*buf, xformat("(%s - ", const_str(m->value)));
    operand_str(x, v, buf, AS_ARITH);
    *buf = append(*buf, ")");
    return true;
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
    case EX_REMAINING:
        *buf = append(*buf, remaining_value(e->field, v));
        return;
    case EX_UNARY:
        *buf = append(*buf, e->op == OP_NOT ? "(!(" : e->op == OP_COMPL ? "(~(" : "(-(");
        operand_str(e->lhs, v, buf, e->op == OP_NOT ? AS_NOT : AS_ARITH);
        *buf = append(*buf, "))");
        return;
    case EX_BINARY: {
        if (e->op == OP_BITXOR && xor_as_sub(e, v, buf))
            return;
        int use = e->op <= OP_SUB || op_is_bitwise(e->op) ? AS_ARITH : e->op >= OP_AND ? AS_TRUTH : AS_VALUE;
        if (acsl_shl_as_mul(e)) {   /* --acsl: x << k as x * 2^k, the same value (emit_acsl_frame.c) */
            *buf = append(*buf, "(");
            operand_str(e->lhs, v, buf, use);
            *buf = append(*buf, xformat(" * %s)", const_str(INT64_C(1) << e->rhs->value)));
            return;
        }
        *buf = append(*buf, "(");
        /* a shift has the type of its left operand: a constant one is
           made int64_t, so that 1 << n is not an int shift */
        if ((e->op == OP_SHL || e->op == OP_SHR) && e->lhs->is_const)
            *buf = append(*buf, "(int64_t)");
        operand_str(e->lhs, v, buf, use);
        *buf = append(*buf, xformat(" %s ", op_text(e->op)));
        operand_str(e->rhs, v, buf, use);
        *buf = append(*buf, ")");
        return;
    }
    case EX_BYTES:   /* never in an expression: check.c refuses it */
        internal_error("a byte string in an expression");
        return;
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
    /* & | ^ bind more loosely than the == and != the callers put around
       the text (`n != (x & 15)`): their parentheses stay */
    if (e->kind == EX_BINARY && op_is_bitwise(e->op) && !e->is_const && !decided(e))
        return buf;
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
char *truth_c(Expr *e, const char *v)
{
    if (!e->is_const && !decided(e) && is_arith(e))
        return xformat("%s != 0", expr_c(e, v));
    return expr_c(e, v);
}

/* ---- fields: bit groups, lengths, sizes, comments ------------------------ */

const char *group_loader(size_t size)
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

/* group_loader() for an LSB-first group: "zc_load_lsb16", or NULL. */
const char *group_loader_lsb(size_t size)
{
    const char *msb = group_loader(size);
    if (!msb || size == 1)
        return msb;
    return xformat("zc_load_lsb%zu", size * 8);
}

/* C expression loading the whole bit-field group of f from view v. */
char *group_load(Field *f, const char *v)
{
    const char *loader = f->lsb_first ? group_loader_lsb(f->size) : group_loader(f->size);
    if (loader)
        return xformat("%s(%s.zc_base + %s)", loader, v, field_off(f, v));
    return xformat("zc_load_%sn(%s.zc_base + %s, %zu)", f->lsb_first ? "lsb" : "msb", v, field_off(f, v), f->size);
}

/* C expression extracting bit field f from its loaded group `g`. */
char *bits_extract(Field *f, const char *g)
{
    const Type *t = value_type(f);
    int shift = f->lsb_first ? f->bit_off : (int)f->size * 8 - f->bit_off - t->bits;
    bool top = shift + t->bits == (int)f->size * 8;   /* nothing above it to mask */
    char *x = (char *)g;
    if (shift)
        x = xformat("(%s >> %d)", x, shift);
    if (!top)
        x = xformat("(%s & 0x%llxu)", x, (unsigned long long)(t->bits >= 64 ? UINT64_MAX : ((uint64_t)1 << t->bits) - 1));
    return x;
}

/* bits_extract(), and for a signed bit field (iN) its two's complement
   value: an int64_t that the accessor narrows to its intN_t. */
char *bits_value(Field *f, const char *g)
{
    const Type *t = value_type(f);
    if (!t->is_signed)
        return bits_extract(f, g);
    return xformat("zc_sext(%s, %d)", bits_extract(f, g), t->bits);
}

/* Comment describing a field: type, place, constraint. */
void field_comment(Field *f)
{
    const Type *t = value_type(f);
    char *type = f->array == ARR_NONE ? (char *)type_schema_name(f->type)
                 : f->array == ARR_UNTIL ? xformat("%s[until %s]", type_schema_name(f->type), c_comment(loc_text(f->until->loc)))
                 : f->array == ARR_REST ? xformat("%s[]", type_schema_name(f->type))
                 : xformat("%s[%s%s]", type_schema_name(f->type), f->array == ARR_BYTES ? "bytes: " : "",
                           c_comment(loc_text(f->len->loc)));
    char *where = f->trailer ? xformat("%zu bytes before the end (with the trailer fields after it)", f->off)
                  : f->seg == 0 ? xformat("offset %zu", f->off)
                  : xformat("offset %zu after the variable part", f->off);
    if (f->is_bits)
        where = xformat("%s, bits %d..%d%s", where, f->bit_off, f->bit_off + t->bits - 1,
                        f->lsb_first ? " LSB-first" : "");
    p("/* %s: %s at %s", f->name, type, where);
    if (f->constraint)
        p(" { %s }", c_comment(loc_text(f->constraint->loc)));
    const char *why = names_gives_way(f->owner->name, f->name);
    if (why)   /* docs/generated-api.md, "Names" */
        p(";\n   its accessor is %s because %s%s_%s is %s", acc(f), names_prefix(), f->owner->name, f->name,
          c_comment(why));
    p(" */\n");
}

/* The length in bytes of array field f (a size_t C expression). */
char *array_len(Field *f, const char *v)
{
    if (f->fixed_len)
        return xformat("%zu", f->fixed_count);
    if (f->array == ARR_REST)
        return xformat("%s.zc_len - (%s)", v, field_off(f, v));
    if (f->array == ARR_ALIGN)
        return own_size(f, v);
    if (f->elem_size && f->array == ARR_EXPR)   /* a count of wire integers */
        return xformat("(size_t)(%s) * %zu", expr_c(f->len, v), f->elem_size);
    return xformat("(size_t)(%s)", expr_c(f->len, v));
}

/* Whether C text mentions identifier id (so that a function whose body
   does not read its parameter can say (void)v: a constant count or length). */
bool mentions(const char *text, const char *id)
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
void return_of_view(const char *text)
{
    if (!mentions(text, "v"))
        p("    (void)v;\n");
    p("    return %s;\n}\n\n", text);
}

bool is_var_array(Field *f)
{
    return f->array != ARR_NONE && !f->fixed_len;
}

/* x, parenthesised if it is not a single token. */
char *paren(const char *x)
{
    return strchr(x, ' ') ? xformat("(%s)", x) : (char *)x;
}

/* The end of the container field f lies in: the view, or its switch. */
char *container_end(Field *f, const char *v)
{
    if (!f->sw)
        return region_end(f, v);
    Field *sw = f->sw;
    if (sw->array == ARR_BYTES)
        return xformat("%s + (size_t)(%s)", field_off(sw, v), expr_c(sw->len, v));
    return xformat("%s.zc_end[%d]", v, sw->walk);
}

/* Whether f's accessor hands out a struct view through an out parameter
   (it may be absent, or it must be parsed to find its size or to keep its
   arguments). */
bool view_by_out(Field *f)
{
    return f->array == ARR_NONE && f->type->kind == T_STRUCT && !f->is_switch &&
           (f->cond || !f->type->decl->fixed_size || has_params(f->type->decl));
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
char *own_size(Field *f, const char *v)
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
        return f->fixed_len ? xformat("%zu", f->fixed_count) : array_len(f, v);
    if (f->array == ARR_ALIGN)   /* padding: where it ends is kept by *_parse */
        return xformat("(%s.zc_end[%d] - (%s))", v, f->walk, field_off(f, v));
    if (f->type->kind == T_STRUCT)
        return xformat("%s_MIN_SIZE", SNAME(f->type->decl));
    return xformat("%zu", f->size);
}

/* Whether f is a whole-byte enum field that a C enum value can overflow
   (a C enum is an int: ip_proto can be handed 300, and (uint8_t) would
   write 44). Bit fields refuse wide values anyway; enums wider than 16 bits
   are integer typedefs of their own width. */
bool enum_is_narrow(Field *f)
{
    return f->type->kind == T_ENUM && !f->is_bits && enum_is_c_enum(f->type->decl);
}

/* Makes p() and the name functions write to o with prefix (for the other
   emitters that reuse them: emit_rebuilders()). */
void emit_c_output(FILE *o, const char *pfx)
{
    out = o;
    names_set_prefix(pfx);
}

/* The declaration being emitted, named by an internal error; NULL: none. */
void emit_begin_decl(Decl *d)
{
    emitting = d;
}

/* ---- parameters (issue #18 item 3) --------------------------------------- */

bool has_params(const Decl *d)
{
    return d->kind == D_STRUCT && d->params.len > 0;
}

/* The view member that keeps parameter pa: zc_p_NAME. */
char *param_member(Field *pa)
{
    return xformat("zc_p_%s", pa->name);
}

/* The C type a parameter is kept in: uint8_t .. uint32_t. */
const char *param_c_type(Field *pa)
{
    return type_c_name(pa->type);
}

/* ", (uint64_t)(a), (uint64_t)(b)": the arguments of field f (of a struct
   with parameters) over view v, for its NAME_parse(); "" for others. The
   checker proved each within its parameter's range. */
char *call_args(Field *f, const char *v)
{
    char *s = "";
    for (int i = 0; i < f->args.len; i++)
        s = xformat("%s, (uint64_t)%s", s, paren(expr_c(f->args.data[i], v)));
    return s;
}

/* ", OBJzc_p_a, OBJzc_p_b": the parameters kept in a view or iterator of
   d (obj is "v." or "it->"), passed on to d's NAME_parse(); "" if none. */
char *kept_args(Decl *d, const char *obj)
{
    char *s = "";
    for (int i = 0; i < d->params.len; i++)
        s = xformat("%s, %s%s", s, obj, param_member(d->params.data[i]));
    return s;
}

/* ", uint64_t zc_p_a, uint64_t zc_p_b": d's parameters in a generated
   signature (named as in the view: no schema name can shadow them). */
char *param_decls(Decl *d)
{
    char *s = "";
    for (int i = 0; i < d->params.len; i++)
        s = xformat("%s, uint64_t %s", s, param_member(d->params.data[i]));
    return s;
}

/* ", zc_p_a, zc_p_b": d's parameters passed on under their own names. */
char *param_names(Decl *d)
{
    return kept_args(d, "");
}
