/*
 * names.c - every identifier the generated header defines or uses: type
 * and function names with the --prefix, macro and guard names, and the
 * "struct.field" sites in statuses. From a schema name you can guess each
 * of them (docs/generated-api.md); this file is where they are spelled.
 */
#include "names.h"

#include <string.h>

static const char *prefix = "";     /* "" or e.g. "my_" */
static char *PREFIX = "";           /* upper-case prefix */

void names_set_prefix(const char *pfx)
{
    prefix = pfx ? pfx : "";
    PREFIX = str_upper(prefix);
}

/* The prefix itself, for names spelled elsewhere (emit_fuzz.c). */
const char *names_prefix(void)
{
    return prefix;
}

/* ---- accessors that give way ------------------------------------------
   When a field's accessor S_F (or a name built on it: S_F_count, S_F_at,
   S_F_mut, S_F_ok) is a name zerocast generates for something else, the
   field's accessor is S_get_F instead (docs/generated-api.md, "Names";
   check.c decides which field gives way). Keyed by "S.F" (field or bits
   group), with what took the name, for --emit=layout. */
static Map gives_way;

void names_reset(void)
{
    gives_way = (Map){ 0 };
}

void names_give_way(const char *st, const char *field, const char *why)
{
    char *key = xformat("%s.%s", st, field);
    if (!map_get(&gives_way, key))   /* the first reason found */
        map_put(&gives_way, key, (void *)why);
}

const char *names_gives_way(const char *st, const char *field)
{
    return gives_way.len ? map_get(&gives_way, xformat("%s.%s", st, field)) : NULL;
}

char *sname(Decl *d) { return xformat("%s%s", prefix, d->name); }
char *SNAME(Decl *d) { return xformat("%s%s", PREFIX, str_upper(d->name)); }
char *view_t(Decl *d) { return xformat("%s%s_view", prefix, d->name); }
char *iter_t(Decl *d) { return xformat("%s%s_iter", prefix, d->name); }
char *acc(Field *f)
{
    return xformat("%s%s_%s%s", prefix, f->owner->name, names_gives_way(f->owner->name, f->name) ? "get_" : "",
                   f->name);
}
char *off_macro(Field *f)
{
    return xformat("%s%s_OFF_%s", PREFIX, str_upper(f->owner->name), str_upper(f->name));
}
char *qual(Field *f) { return xformat("%s.%s", f->owner->name, f->name); }

/* The C type of an enum: the typedef name. */
char *enum_t(Decl *d) { return xformat("%s%s", prefix, d->name); }

char *has_fn(Field *f) { return xformat("%s%s_has_%s", prefix, f->owner->name, f->name); }

/* "S_zc_segN": where segment seg (>= 1) of d starts (internal). */
char *seg_fn(Decl *d, int seg) { return xformat("%s%s_zc_seg%d", prefix, d->name, seg); }

/* A named bits group: its accessor and its offset macro. */
char *group_acc(BitGroup *g)
{
    return xformat("%s%s_%s%s", prefix, g->owner->name, names_gives_way(g->owner->name, g->name) ? "get_" : "",
                   g->name);
}
char *group_off_macro(BitGroup *g)
{
    return xformat("%s%s_OFF_%s", PREFIX, str_upper(g->owner->name), str_upper(g->name));
}

char *mview_t(Decl *d) { return xformat("%s%s_mview", prefix, d->name); }
char *setter(Field *f) { return xformat("%s%s_set_%s", prefix, f->owner->name, f->name); }

/* "S.F\0detail" for a setter's status. */
char *set_site(Field *f, const char *detail)
{
    return xformat("\"%s\\0%s\"", qual(f), detail);
}

/* s as part of a macro name: upper case, anything else than a letter or
   a digit made '_'. */
char *guard_name(const char *s)
{
    char *g = str_upper(s);
    for (char *q = g; *q; q++)
        if (!((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
            *q = '_';
    return g;
}

/* The guard of the header for schema_name, generated with the options
   named by suffix ("_NO_WRITERS..."): one per header and option set. */
char *header_guard(const char *schema_name, const char *suffix)
{
    return xformat("ZEROCAST_GEN_%s%s%s_H", guard_name(prefix), guard_name(schema_name), suffix);
}

/* "ZEROCAST_IMPLEMENTATION_UDP" for udp.zc (with the prefix: _X_UDP): the
   macro that makes one translation unit define the header's out-of-line
   functions. */
char *impl_guard(const char *schema_name)
{
    char *base = xstrdup(schema_name);
    size_t len = strlen(base);
    if (len > 3 && strcmp(base + len - 3, ".zc") == 0)
        base[len - 3] = '\0';
    return xformat("ZEROCAST_IMPLEMENTATION_%s%s", guard_name(prefix), guard_name(base));
}

/* "ZEROCAST_DEF_S", "ZEROCAST_VISIT_S", ...: the guard of one part of
   declaration d, so that headers that share it define it once. */
char *part_guard(const char *part, Decl *d) { return xformat("ZEROCAST_%s_%s%s", part, prefix, d->name); }

/* "ZEROCAST_SCHEMA_NET" for net.zc (with the prefix: _X_NET): the macro
   each header defines, with one more per part it has (_WRITERS, _BUILDERS,
   _VISIT), so that a header that #includes it can check what it got. */
char *schema_macro(const Module *m)
{
    char *base = xstrdup(path_basename(m->src->path));
    size_t len = strlen(base);
    if (len > 3 && strcmp(base + len - 3, ".zc") == 0)
        base[len - 3] = '\0';
    return xformat("ZEROCAST_SCHEMA_%s%s", guard_name(prefix), guard_name(base));
}

/* The header an import is #included as: the import path as written, with
   ".h" (so a generated tree that mirrors the schema tree resolves it). */
char *import_header(const Import *imp)
{
    return xformat("%s.h", imp->path);
}
