/*
 * emit.h - what every part of the generated header is written with
 * (emit_common.c), and the names it uses (names.h). The parts are declared
 * in emit_parts.h. Every function returns arena strings of C text; p()
 * writes to the header being generated.
 */
#ifndef ZCC_EMIT_H
#define ZCC_EMIT_H

#include "names.h"

/* output */
void p(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void p_raw(const char *text, size_t len);
FILE *emit_set_output(FILE *o);      /* where p() writes; returns the last */
void internal_error(const char *what);   /* a bug: no output (main.c exit 4) */
void emit_begin_decl(Decl *d);       /* for internal errors; NULL: none */
char *c_comment(const char *s);      /* text safe inside a C comment */
char *c_string(const char *s);       /* text safe inside a C string literal */

/* C types */
char *field_c_type(Field *f);        /* what the accessor returns */
bool enum_is_c_enum(Decl *d);        /* else an integer typedef */
bool enum_is_narrow(Field *f);       /* an enum setter that may refuse */
bool view_by_out(Field *f);          /* a struct view through an out parameter */
bool view_out_param(Field *f);       /* ... that returns whether it is there */
bool is_struct_array(Field *f);
bool is_var_array(Field *f);

/* offsets and sizes (size_t C expressions over view v) */
char *field_off(Field *f, const char *v);       /* start of f in view v */
char *array_len(Field *f, const char *v);       /* bytes of array f */
char *own_size(Field *f, const char *v);        /* bytes of f, when present */
char *container_end(Field *f, const char *v);   /* the end of f's view or switch */
char *trailer_size(Decl *d, Field *from, const char *v); /* trailer bytes from `from` (NULL: all) */
bool after_trailer(const Field *f);               /* f's region ends at the trailer */
char *region_end(Field *f, const char *v);        /* view's end, or the trailer's start */

/* bit fields */
const char *group_loader(size_t size);          /* "zc_load_msb16", or NULL */
const char *group_loader_lsb(size_t size);      /* "zc_load_lsb16", or NULL */
char *group_load(Field *f, const char *v);      /* f's whole group */
char *bits_extract(Field *f, const char *g);    /* f from its loaded group g */
char *bits_value(Field *f, const char *g);      /* ... sign-extended if signed */

/* field values and expressions */
char *field_value(Field *f, const char *v);     /* as int64_t */
char *remaining_value(Field *f, const char *v); /* `remaining` at f, as int64_t */
char *const_str(int64_t v);
bool acsl_shl_as_mul(const Expr *e);   /* --acsl writes x << k as x * 2^k (emit_acsl_frame.c) */
char *expr_c(Expr *e, const char *v);           /* e over view v, int64_t */
char *truth_c(Expr *e, const char *v);          /* e as a truth value */
bool decided(const Expr *e);                    /* a constant truth value */
bool checks_something(const Field *f);          /* a constraint that can fail */
char *site(Field *f, const char *detail);       /* "\"ipv4.ttl\\0\" \"detail\"" */
char *paren(const char *x);                     /* (x) unless one token */
bool mentions(const char *text, const char *id);

/* pieces of generated functions */
void field_comment(Field *f);                   /* type, place, constraint */
void return_of_view(const char *text);          /* return TEXT; (void)v if unread */

/* parameters (issue #18 item 3) */
bool has_params(const Decl *d);
char *param_member(Field *pa);                  /* zc_p_NAME */
const char *param_c_type(Field *pa);
char *call_args(Field *f, const char *v);       /* ", (uint64_t)(arg), ..." over v */
char *kept_args(Decl *d, const char *obj);      /* ", OBJzc_p_a, ..." */
char *param_decls(Decl *d);                     /* ", uint64_t a, ..." */
char *param_names(Decl *d);                     /* ", a, ..." */

#endif /* ZCC_EMIT_H */
