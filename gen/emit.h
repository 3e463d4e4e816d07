/*
 * emit.h - what emit_c.c shares with the other parts of the header it
 * writes (emit_build.c: builders and checksums). Every function returns
 * arena strings of C text; p() writes to the header being generated.
 */
#ifndef ZCC_EMIT_H
#define ZCC_EMIT_H

#include "zcc.h"

void p(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *c_comment(const char *s);      /* text safe inside a C comment */
char *c_string(const char *s);       /* text safe inside a C string literal */

/* names, with the --prefix applied */
char *sname(Decl *d);                /* "ipv4" */
char *SNAME(Decl *d);                /* "IPV4" */
char *view_t(Decl *d);               /* "ipv4_view" */
char *iter_t(Decl *d);
bool enum_is_narrow(Field *f);        /* an enum setter that may refuse */               /* "ipv4_option_iter" */
char *mview_t(Decl *d);              /* "ipv4_mview" */
char *enum_t(Decl *d);
char *acc(Field *f);                 /* accessor: "ipv4_ttl" */
char *setter(Field *f);              /* "ipv4_set_ttl" */
char *has_fn(Field *f);              /* "ipv4_option_has_length" */
char *qual(Field *f);                /* "ipv4.ttl", for messages */
char *set_site(Field *f, const char *detail);   /* "\"ipv4.ttl\\0detail\"" */

char *field_c_type(Field *f);        /* what the accessor returns */
const Type *value_type(const Field *f);
char *field_off(Field *f, const char *v);       /* start of f in view v */
char *const_str(int64_t v);
char *expr_c(Expr *e, const char *v);           /* e over view v, int64_t */
bool view_by_out(Field *f);
bool view_out_param(Field *f);
bool is_struct_array(Field *f);

/* emit_build.c */
void emit_checksums(Decl *d, bool fill);   /* S_F_ok() or, with fill, S_fill_F() */
void emit_builder(Decl *d);

#endif /* ZCC_EMIT_H */
