/*
 * names.h - the generated header's identifiers (names.c), with the
 * --prefix applied. Every emitter spells a generated name through these.
 */
#ifndef ZCC_NAMES_H
#define ZCC_NAMES_H

#include "zcc.h"

void names_set_prefix(const char *pfx);   /* NULL: none */
const char *names_prefix(void);          /* "" or e.g. "my_" */

char *sname(Decl *d);                /* "ipv4" */
char *SNAME(Decl *d);                /* "IPV4" */
char *view_t(Decl *d);               /* "ipv4_view" */
char *iter_t(Decl *d);               /* "ipv4_option_iter" */
char *mview_t(Decl *d);              /* "ipv4_mview" */
char *enum_t(Decl *d);               /* "ip_proto" */
char *acc(Field *f);                 /* accessor: "ipv4_ttl" (or "S_get_F") */
char *setter(Field *f);              /* "ipv4_set_ttl" */
char *has_fn(Field *f);              /* "ipv4_option_has_length" */
char *off_macro(Field *f);           /* "IPV4_OFF_TTL" */
char *seg_fn(Decl *d, int seg);      /* "ipv4_zc_seg1" */
char *group_acc(BitGroup *g);        /* "tcp_flags" */
char *group_off_macro(BitGroup *g);  /* "TCP_OFF_FLAGS" */
char *qual(Field *f);                /* "ipv4.ttl", for messages */
char *set_site(Field *f, const char *detail);   /* "\"ipv4.ttl\\0detail\"" */

/* Accessors that give way to another generated name: S_get_F for S_F.
   check.c decides (names_give_way) after names_reset(); acc() and
   group_acc() spell them; names_gives_way() says what took S_F, or NULL. */
void names_reset(void);
void names_give_way(const char *st, const char *field, const char *why);
const char *names_gives_way(const char *st, const char *field);

char *guard_name(const char *s);     /* "ipv4.zc" -> "IPV4_ZC" */
char *header_guard(const char *schema_name, const char *suffix);
char *impl_guard(const char *schema_name);   /* "ZEROCAST_IMPLEMENTATION_UDP" */
char *part_guard(const char *part, Decl *d);   /* "ZEROCAST_DEF_ipv4" */
char *schema_macro(const Module *m);          /* "ZEROCAST_SCHEMA_NET": defined by net.zc.h */
char *import_header(const Import *imp);       /* "net.zc.h" for import "net.zc" */

#endif /* ZCC_NAMES_H */
