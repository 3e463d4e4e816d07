/*
 * load.c - files -> modules: reads the root schema, follows `import`s and
 * returns every module once, dependencies first.
 *
 * An import is searched relative to the importing file's directory, then in
 * each -I directory in order, then in the installed schema directory. A file imported twice (by any path) is loaded
 * once; an import cycle is an error that names the whole cycle.
 */
#include "zcc.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct {
    const LoadOptions *opts;
    Program *prog;
    Vec loaded;      /* Module* keyed by canonical path, in load order */
    Vec canon;       /* char*: canonical path of loaded[i] */
    Vec stack;       /* Import* chain currently being loaded, for cycles */
} Loader;

/* Reads a whole file. `from` (may be NULL) is where it was asked for. */
Source *source_read(const char *path, Loc *from)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (from)
            diag_error(*from, "cannot open '%s': %s", path, strerror(errno));
        else
            diag_plain("cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            break;
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len > ZCC_MAX_SOURCE_BYTES || n == 0)
            break;
        if (cap - len - 1 == 0) {
            char *nbuf = realloc(buf, cap * 2);
            if (!nbuf) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nbuf;
            cap *= 2;
        }
    }
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (!buf) {
        diag_plain("out of memory reading '%s'", path);
        return NULL;
    }
    if (read_error || len > ZCC_MAX_SOURCE_BYTES) {
        if (read_error)
            diag_plain("cannot read '%s'", path);
        else
            diag_plain("'%s' is larger than the %zu-byte limit for a schema file",
                       path, ZCC_MAX_SOURCE_BYTES);
        free(buf);
        return NULL;
    }
    Source *src = xalloc(sizeof(Source));
    src->path = xstrdup(path);
    src->text = xstrndup(buf, len);
    src->len = len;
    free(buf);
    return src;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join(const char *dir, const char *name)
{
    if (name[0] == '/' || strcmp(dir, ".") == 0)
        return xstrdup(name);
    return xformat("%s/%s", dir, name);
}

static char *canonical(const char *path)
{
    char buf[PATH_MAX];
    if (realpath(path, buf))
        return xstrdup(buf);
    return xstrdup(path);
}

static Module *load_file(Loader *L, const char *path, Import *via);

/* The schema in dir/DIRNAME(path) whose name is nearest to path's last
   component (a typo, a wrong case), as the import would spell it; NULL
   if none is near. */
static char *near_file(const char *dir, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *sub = slash ? xstrndup(path, (size_t)(slash - path)) : NULL;
    DIR *dp = opendir(sub ? join(dir, sub) : dir);
    if (!dp)
        return NULL;
    /* the names compared without ".zc", which would make any two near */
    size_t bn = strlen(base);
    char *stem = xstrndup(base, bn > 3 && strcmp(base + bn - 3, ".zc") == 0 ? bn - 3 : bn);
    int limit = (int)strlen(stem) / 3 > 1 ? (int)strlen(stem) / 3 : 1, best_d = limit + 1;
    char *best = NULL;
    struct dirent *ent;
    /* one thread: readdir_r() is deprecated (glibc, POSIX 2008) */
    // cppcheck-suppress readdirCalled
    while ((ent = readdir(dp)) != NULL) {
        size_t n = strlen(ent->d_name);
        if (n < 4 || strcmp(ent->d_name + n - 3, ".zc") != 0 || strcmp(ent->d_name, base) == 0)
            continue;
        int d = edit_distance(stem, xstrndup(ent->d_name, n - 3));
        if (strcasecmp(base, ent->d_name) == 0)
            d = 0;
        if (d < best_d || (d == best_d && best && strcmp(ent->d_name, best) < 0)) {
            best_d = d;
            best = xstrdup(ent->d_name);
        }
    }
    closedir(dp);
    if (!best)
        return NULL;
    return sub ? xformat("%s/%s", sub, best) : best;
}

static void load_imports(Loader *L, Module *mod)
{
    for (int i = 0; i < mod->imports.len; i++) {
        Import *imp = mod->imports.data[i];
        if (imp->path[0] == '\0') {
            diag_error(imp->loc, "empty import path");
            continue;
        }
        /* relative to the importing file, then each -I directory */
        char *found = NULL;
        char *cand = join(mod->dir, imp->path);
        if (is_file(cand))
            found = cand;
        for (int j = 0; !found && imp->path[0] != '/' && j < L->opts->n_include_dirs; j++) {
            cand = join(L->opts->include_dirs[j], imp->path);
            if (is_file(cand))
                found = cand;
        }
        /* last, the installed schema library (make install puts it there) */
        if (!found && imp->path[0] != '/' && L->opts->data_dir) {
            cand = join(L->opts->data_dir, imp->path);
            if (is_file(cand))
                found = cand;
        }
        if (!found) {
            /* a near miss in the places searched, in the same order */
            char *near = near_file(mod->dir, imp->path);
            for (int j = 0; !near && imp->path[0] != '/' && j < L->opts->n_include_dirs; j++)
                near = near_file(L->opts->include_dirs[j], imp->path);
            if (!near && imp->path[0] != '/' && L->opts->data_dir)
                near = near_file(L->opts->data_dir, imp->path);
            if (near)
                diag_error(imp->loc, "cannot find imported schema '%s'; did you mean '%s'?", imp->path, near);
            else
                diag_error(imp->loc, "cannot find imported schema '%s'", imp->path);
            diag_note(imp->loc, "searched '%s'%s%s%s", mod->dir,
                      L->opts->n_include_dirs ? ", the -I directories" : "",
                      L->opts->data_dir ? " and " : "", L->opts->data_dir ? L->opts->data_dir : "");
            continue;
        }
        imp->mod = load_file(L, found, imp);
    }
}

static Module *load_parsed(Loader *L, Source *src, const char *path, char *canon, Import *via);

static Module *load_file(Loader *L, const char *path, Import *via)
{
    char *canon = canonical(path);
    for (int i = 0; i < L->loaded.len; i++) {
        if (strcmp(L->canon.data[i], canon) != 0)
            continue;
        Module *m = L->loaded.data[i];
        if (m->state == 1) {
            /* Still loading: this import closes a cycle. */
            diag_error(via->loc, "import cycle: '%s' imports itself, directly or indirectly",
                       via->path);
            int start = 0;
            for (int k = 0; k < L->stack.len; k++) {
                Import *s = L->stack.data[k];
                if (s->mod == m)
                    start = k;
            }
            for (int k = start; k < L->stack.len; k++) {
                Import *s = L->stack.data[k];
                diag_note(s->loc, "on the cycle: '%s' is imported here", s->path);
            }
            return NULL;
        }
        return m;
    }
    if (L->stack.len >= ZCC_MAX_IMPORT_DEPTH) {
        diag_error(via->loc, "imports nested more than %d deep", ZCC_MAX_IMPORT_DEPTH);
        return NULL;
    }

    Source *src = source_read(path, via ? &via->loc : NULL);
    if (!src)
        return NULL;
    return load_parsed(L, src, path, canon, via);
}

/* Parses an already-read source and loads its imports. */
static Module *load_parsed(Loader *L, Source *src, const char *path, char *canon, Import *via)
{
    Module *mod = parse_source(src);
    mod->dir = dir_of(path);
    mod->state = 1;
    vec_push(&L->loaded, mod);
    vec_push(&L->canon, canon);

    if (via)
        vec_push(&L->stack, via);
    if (via)
        via->mod = mod;
    load_imports(L, mod);
    if (via)
        L->stack.len--;

    mod->state = 2;
    vec_push(&L->prog->modules, mod);   /* after its dependencies */
    return mod;
}

/*
 * Like load_program() for a schema already in memory (fuzzing, tests):
 * `src->path` names it in diagnostics and anchors relative imports.
 */
Program *load_program_source(Source *src, const LoadOptions *opts)
{
    Loader L = { 0 };
    L.opts = opts;
    L.prog = xalloc(sizeof(Program));
    L.prog->root = load_parsed(&L, src, src->path, canonical(src->path), NULL);
    return L.prog;
}

Program *load_program(const char *path, const LoadOptions *opts)
{
    Loader L = { 0 };
    L.opts = opts;
    L.prog = xalloc(sizeof(Program));
    L.prog->root = load_file(&L, path, NULL);
    return L.prog;
}
