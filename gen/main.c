/*
 * main.c - the zerocast command: options, the pipeline, atomic output.
 *
 *   zerocast [-I DIR]... [--prefix P] [--no-writers|--no-builders|--no-visit]
 *            [-r] [-o OUT.h] [-M -MF DEP] [-W...] SCHEMA.zc
 *   zerocast [options] -o DIR | --output-dir DIR  SCHEMA.zc...
 *
 * Options are described by the table options[]; what --emit=KIND writes by
 * emit_kinds[] (one line per kind). Several schemas are compiled one after
 * the other, each in a child process of its own, so that nothing of one
 * run (the loaded modules, the diagnostics count) reaches the next.
 *
 * The header is written to a temporary file next to OUT and renamed over it
 * only when everything succeeded, so a failed run never leaves a partial or
 * modified header behind. With -r the headers of the imported schemas are
 * written too, each where the #include that names it will find it.
 */
#include "zcc.h"
#include "names.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fputs("usage: zerocast [options] SCHEMA.zc\n"
          "       zerocast [options] -o DIR SCHEMA.zc...\n"
          "\n"
          "Compiles a zerocast schema into a C header of bounds-checked, zero-copy\n"
          "packet accessors.\n"
          "\n"
          "options:\n"
          "  -o FILE          write the header to FILE (default: standard output);\n"
          "                   also -oFILE. With several schemas, or if FILE is a\n"
          "                   directory: write each SCHEMA.zc's output into it, as\n"
          "                   DIR/SCHEMA.zc.h (fuzz: SCHEMA.zc_fuzz.c, layout:\n"
          "                   SCHEMA.zc.layout)\n"
          "  --output-dir DIR the same, naming a directory (which must exist)\n"
          "  -I DIR, -IDIR    search DIR for imported schemas (repeatable); imports are\n"
          "                   looked up next to the importing file first, then in\n"
          "                   each -I DIR, then in the installed schema directory\n"
          "                   (../share/zerocast/schemas next to the executable, else\n"
          "                   " ZCC_DATADIR ";\n"
          "                   the ZEROCAST_DATADIR environment variable overrides both)\n"
          "  --prefix P       prepend P to every generated identifier (P_ for macros)\n"
          "  -r, --recursive  also write the header of every schema it imports,\n"
          "                   directly or not, where its #include finds it: the\n"
          "                   import path plus .h, next to the header that includes\n"
          "                   it (needs -o; a header whose content would not change\n"
          "                   is left untouched)\n"
          "  --check          check the schema only; write nothing\n"
          "  --emit=KIND      what to write: header (default), fuzz (a libFuzzer\n"
          "                   target for every struct), layout (offsets, sizes and\n"
          "                   bits of every field, for schema authors), wireshark\n"
          "                   (a Lua dissector: docs/wireshark.md)\n"
          "  --register=TABLE=VALUE:STRUCT\n"
          "                   with --emit=wireshark: also register STRUCT in\n"
          "                   Wireshark's dissector table TABLE for VALUE\n"
          "  --include FILE   with --emit=fuzz: the header to include\n"
          "                   (default: SCHEMA.zc.h)\n"
          "  --no-writers     header without mutable views, setters (NAME_set_F,\n"
          "                   NAME_F_mut, NAME_parse_mut, NAME_writable) and checksum\n"
          "                   fills (NAME_fill_F); implies --no-builders\n"
          "  --no-builders    header without builders (NAME_build, NAME_put_F, ...)\n"
          "  --no-visit       header without the NAME_visit() reflection functions\n"
          "  --acsl           ACSL contracts in comments, for Frama-C/WP (docs/hardening.md)\n"
          "  --readers-only   all three: views, accessors, parse, parse_deep, frame,\n"
          "                   iterators, checksum checks, stack walkers, enums and\n"
          "                   constants only\n"
          "  -MD              also write a make dependency file: OUT.d, the output's\n"
          "                   name plus .d (X.zc.h -> X.zc.h.d), or -MF FILE\n"
          "  -MF FILE         name the dependency file\n"
          "  -MT TARGET       target named in the dependency file (default: OUT)\n"
          "  -Wno-NAME        do not give warning NAME; -w: no warnings at all\n"
          "  -Werror=NAME     make warning NAME an error; -Werror: every warning\n"
          "                   (warnings: always-true, duplicate-enum-value,\n"
          "                   redundant-attribute, unused-length; each names its\n"
          "                   option, and @allow(NAME) silences it in a schema)\n"
          "  -h, --help       show this help and exit\n"
          "  --version        show the version and exit\n"
          "\n"
          "An option's argument can follow it (-o FILE, --emit layout) or be\n"
          "joined to it (-oFILE, --emit=layout).\n"
          "\n"
          "Exit status: 0 on success, 1 if the schema has errors, 2 on bad usage,\n"
          "3 on I/O failure, 4 on an internal error (nothing is written).\n",
          f);
}

static bool valid_prefix(const char *s)
{
    if (!*s)
        return true;
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* Writes `text` of length n to path via a temporary file and rename(). */
static bool write_atomic(const char *path, const char *text, size_t n)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* /dev/null, a FIFO, a terminal: write in place, since rename()
           would replace the device node or FIFO with a regular file */
        FILE *f = fopen(path, "wb");
        bool ok = f && fwrite(text, 1, n, f) == n;
        if (f && fclose(f) != 0)
            ok = false;
        if (!ok)
            diag_plain("cannot write '%s': %s", path, strerror(errno));
        return ok;
    }
    char *tmp = xformat("%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        diag_plain("cannot create a temporary file next to '%s': %s", path, strerror(errno));
        return false;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(tmp);
        diag_plain("cannot write '%s': %s", tmp, strerror(errno));
        return false;
    }
    bool ok = fwrite(text, 1, n, f) == n;
    ok = (fflush(f) == 0) && ok;
    /* mkstemp creates 0600; give the header the usual mode */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        diag_plain("cannot write '%s': %s", path, strerror(errno));
        unlink(tmp);
        return false;
    }
    return true;
}

static void make_dirs(char *dir);

/* Whether path already holds exactly text (then it is left untouched, so
   that make does not rebuild what includes it). */
static bool same_content(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool same = true;
    char buf[8192];
    size_t at = 0, got;
    while (same && (got = fread(buf, 1, sizeof buf, f)) > 0) {
        same = at + got <= n && memcmp(buf, text + at, got) == 0;
        at += got;
    }
    same = same && at == n && !ferror(f);
    fclose(f);
    return same;
}

static char *dir_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path) + 1) : xstrdup("");
}

/* Whether an import path can name a header under the output directory:
   relative, and no ".." component. */
static bool placeable(const char *path)
{
    if (path[0] == '/')
        return false;
    for (const char *s = path; *s;) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 2 && s[0] == '.' && s[1] == '.')
            return false;
        s += n + (e != NULL);
    }
    return true;
}

/* -r: the header of every imported schema, at the path the #include chain
   from `output` resolves to. Returns the exit status. */
static int write_imported(Program *prog, const char *output, const EmitOptions *root_opts)
{
    int n = prog->modules.len;
    char **hdr = xalloc(sizeof(char *) * (size_t)n);
    Vec queue = { 0 };
    vec_push(&queue, prog->root);
    for (int q = 0; q < queue.len; q++) {
        Module *m = queue.data[q];
        const char *at = output;
        for (int i = 0; i < n; i++)
            if (prog->modules.data[i] == m && hdr[i])
                at = hdr[i];
        for (int j = 0; j < m->imports.len; j++) {
            Import *imp = m->imports.data[j];
            int k = 0;
            while (k < n && prog->modules.data[k] != imp->mod)
                k++;
            if (k == n || hdr[k] || imp->mod == prog->root)
                continue;
            if (!placeable(imp->path)) {
                diag_error(imp->loc, "-r cannot write the header of import '%s' under the output directory", imp->path);
                diag_note(imp->loc, "its #include \"%s\" names a file outside it; import it by a relative path "
                          "without '..' and use -I, or generate it separately", import_header(imp));
                return 1;
            }
            hdr[k] = xformat("%s%s", dir_name(at), import_header(imp));
            vec_push(&queue, imp->mod);
        }
    }
    /* every header generated before any is written: an error leaves none */
    char **text = xalloc(sizeof(char *) * (size_t)n);
    size_t *len = xalloc(sizeof(size_t) * (size_t)n);
    int st = 0;
    for (int i = 0; st == 0 && i < n; i++) {
        Module *m = prog->modules.data[i];
        if (m == prog->root || !hdr[i])
            continue;
        FILE *mem = open_memstream(&text[i], &len[i]);
        if (!mem) {
            diag_plain("out of memory");
            st = 3;
            break;
        }
        EmitOptions eo = *root_opts;
        eo.module = m;
        emit_header(mem, prog, &eo);
        bool ok = !ferror(mem);
        if (fclose(mem) != 0 || !ok) {
            diag_plain("out of memory while generating the output");
            st = 3;
        } else if (emit_failed()) {
            st = 4;
        }
    }
    for (int i = 0; i < n; i++) {
        if (st == 0 && hdr[i] && text[i] && !same_content(hdr[i], text[i], len[i])) {
            char *dir = dir_name(hdr[i]);
            if (*dir)
                make_dirs(dir);
            if (!write_atomic(hdr[i], text[i], len[i]))
                st = 3;
        }
        free(text[i]);
    }
    return st;
}

/* mkdir -p for the directories of an imported header (a/b/ in a/b/x.zc.h). */
static void make_dirs(char *dir)
{
    for (char *s = dir + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        mkdir(dir, 0777);
        *s = '/';
    }
}

/* A path as make wants it in a rule: spaces, '#' and '$' escaped. */
static char *make_escape(const char *path)
{
    char *r = xalloc(strlen(path) * 2 + 1), *q = r;
    for (const char *s = path; *s; s++) {
        if (*s == ' ' || *s == '#' || *s == '\\')
            *q++ = '\\';
        else if (*s == '$')
            *q++ = '$';
        *q++ = *s;
    }
    return r;
}

/* Make-style dependency rule: "target: schema imports...". */
static char *depfile_text(Program *prog, const char *target)
{
    char *s = xformat("%s:", make_escape(target));
    for (int i = prog->modules.len - 1; i >= 0; i--) {
        Module *m = prog->modules.data[i];
        s = xformat("%s \\\n  %s", s, make_escape(m->src->path));
    }
    s = xformat("%s\n", s);
    /* a phony target per import, so deleting one does not break make */
    for (int i = 0; i < prog->modules.len - 1; i++) {
        Module *m = prog->modules.data[i];
        s = xformat("%s\n%s:\n", s, make_escape(m->src->path));
    }
    return s;
}

/* <dir of the executable>/../share/zerocast/schemas, if it exists. */
static const char *relocated_datadir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    char *dir = xformat("%s/../share/zerocast/schemas", exe);
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? dir : NULL;
}

/* ---- what --emit writes ---------------------------------------------------- */

typedef struct Run {
    const char *input;
    const char *prefix;
    const char *include;      /* --include */
    bool no_writers, no_builders, no_visit;
    bool acsl;                /* --acsl */
    const LuaRegister *regs;  /* --register, for --emit=wireshark */
    int n_regs;
} Run;

static int emit_kind_header(FILE *out, Program *prog, const Run *r)
{
    EmitOptions eo = { r->prefix, path_basename(r->input), r->no_writers, r->no_builders, r->no_visit, NULL, r->acsl };
    emit_header(out, prog, &eo);
    return 0;
}

static int emit_kind_fuzz(FILE *out, Program *prog, const Run *r)
{
    FuzzOptions fo = { r->include ? r->include : xformat("%s.h", path_basename(r->input)),
                       path_basename(r->input), r->prefix };
    emit_fuzz(out, prog, &fo);
    return 0;
}

static int emit_kind_layout(FILE *out, Program *prog, const Run *r)
{
    (void)r;
    emit_layout(out, prog);
    return 0;
}

/* a Lua dissector (docs/wireshark.md); 2 if a --register names no struct */
static int emit_kind_wireshark(FILE *out, Program *prog, const Run *r)
{
    LuaOptions lo = { path_basename(r->input), r->regs, r->n_regs };
    return emit_lua(out, prog, &lo) ? 0 : 2;
}

/* --emit=KIND: one line per kind. `suffix` names the output in -o DIR
   (DIR/SCHEMA.zc + suffix); `header` kinds take the header options. */
static const struct EmitKind {
    const char *name;
    const char *suffix;
    bool header;
    int (*emit)(FILE *out, Program *prog, const Run *r);   /* 0, or an exit status */
} emit_kinds[] = {
    { "header", ".h", true, emit_kind_header },
    { "fuzz", "_fuzz.c", false, emit_kind_fuzz },
    { "layout", ".layout", false, emit_kind_layout },
    { "wireshark", ".lua", false, emit_kind_wireshark },
};
#define N_EMIT_KINDS (sizeof emit_kinds / sizeof emit_kinds[0])

/* ---- the command line ------------------------------------------------------ */

enum {
    O_HELP, O_VERSION, O_OUTPUT, O_OUTPUT_DIR, O_INCLUDE_DIR, O_PREFIX, O_RECURSIVE, O_CHECK, O_EMIT,
    O_INCLUDE, O_REGISTER, O_NO_WRITERS, O_NO_BUILDERS, O_NO_VISIT, O_READERS_ONLY, O_DEPS, O_DEPFILE, O_DEPTARGET, O_ACSL
};

/* Every option. One taking an argument accepts it as the next word or
   joined: -oFILE for a one-dash option, --emit=KIND for a two-dash one. */
static const struct Option {
    const char *name;
    int id;
    bool arg;
} options[] = {
    { "-h", O_HELP, false },            { "--help", O_HELP, false },
    { "--version", O_VERSION, false },
    { "-o", O_OUTPUT, true },           { "--output-dir", O_OUTPUT_DIR, true },
    { "-I", O_INCLUDE_DIR, true },      { "--prefix", O_PREFIX, true },
    { "-r", O_RECURSIVE, false },       { "--recursive", O_RECURSIVE, false },
    { "--check", O_CHECK, false },      { "--emit", O_EMIT, true },
    { "--include", O_INCLUDE, true },   { "--register", O_REGISTER, true },
    { "--no-writers", O_NO_WRITERS, false },   { "--no-builders", O_NO_BUILDERS, false },
    { "--no-visit", O_NO_VISIT, false },       { "--readers-only", O_READERS_ONLY, false },
    { "--acsl", O_ACSL, false },
    { "-MD", O_DEPS, false },           { "-M", O_DEPS, false },
    { "-MF", O_DEPFILE, true },         { "-MT", O_DEPTARGET, true },
};
#define N_OPTIONS (sizeof options / sizeof options[0])

/* The option `a` is, with its argument in *value (taking the next word,
   *i advanced, when it is not joined). NULL if a is no option. */
static const struct Option *match_option(const char *a, int argc, char **argv, int *i, const char **value,
                                         bool *missing)
{
    *value = NULL;
    *missing = false;
    for (size_t k = 0; k < N_OPTIONS; k++)
        if (strcmp(a, options[k].name) == 0) {
            if (options[k].arg) {
                if (*i + 1 >= argc)
                    *missing = true;
                else
                    *value = argv[++*i];
            }
            return &options[k];
        }
    /* joined: the longest option name that is a prefix (-MF before -M) */
    const struct Option *best = NULL;
    for (size_t k = 0; k < N_OPTIONS; k++) {
        size_t n = strlen(options[k].name);
        if (!options[k].arg || strncmp(a, options[k].name, n) != 0)
            continue;
        bool long_opt = options[k].name[1] == '-';
        if (long_opt ? a[n] == '=' : a[n] != '\0')
            if (!best || strlen(best->name) < n)
                best = &options[k];
    }
    if (best) {
        size_t n = strlen(best->name);
        *value = a + n + (best->name[1] == '-');
    }
    return best;
}

typedef struct Config {
    Run run;
    const struct EmitKind *kind;
    const char *output, *output_dir, *depfile, *deptarget;
    bool check_only, want_deps, recursive;
    LoadOptions lo;
} Config;

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* One schema, start to end. Returns the exit status. */
static int compile(const Config *cf, const char *input, const char *output, const char *depfile)
{
    int status = 0;
    Run run = cf->run;
    run.input = input;
    Program *prog = load_program(input, &cf->lo);
    if (diag_error_count() == 0 && prog->root)
        check_program(prog);

    if (diag_error_count() == 0 && prog->root && !cf->check_only) {
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        if (!mem) {
            diag_plain("out of memory");
            status = 3;
        } else {
            int emit_status = cf->kind->emit(mem, prog, &run);
            /* a failed write into the memstream (out of memory) must not
               produce a silently truncated header */
            bool mem_ok = !ferror(mem);
            if (fclose(mem) != 0 || !mem_ok) {
                diag_plain("out of memory while generating the output");
                status = 3;
            } else if (emit_status != 0) {
                status = emit_status;   /* reported (a --register naming no struct) */
            } else if (emit_failed()) {
                status = 4;   /* reported; an invalid header is never written */
            } else if (cf->recursive) {
                EmitOptions eo = { run.prefix, path_basename(input), run.no_writers, run.no_builders,
                                   run.no_visit, NULL, run.acsl };
                status = write_imported(prog, output, &eo);
                /* on failure: reported; the root header is not written either */
            }
            if (status != 0) {
                /* reported above */
            } else if (!output) {
                if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
                    status = 3;
            } else if (!write_atomic(output, text, len)) {
                status = 3;
            }
            free(text);
        }
        if (status == 0 && cf->want_deps) {
            const char *target = cf->deptarget ? cf->deptarget : output ? output : "-";
            const char *path = depfile ? depfile : xformat("%s.d", output);
            char *deps = depfile_text(prog, target);
            if (!write_atomic(path, deps, strlen(deps)))
                status = 3;
        }
    }
    int errors = diag_error_count();
    if (errors && status == 0)
        status = 1;
    return status;
}

int main(int argc, char **argv)
{
    Config cf = { 0 };
    cf.run.prefix = "";
    cf.kind = &emit_kinds[0];
    const char *omit_option = NULL;   /* the first --no-* given, for messages */
    Vec regs = { 0 };                 /* LuaRegister*: --register= */
    const char **includes = calloc((size_t)argc + 1, sizeof(char *));
    const char **inputs = calloc((size_t)argc + 1, sizeof(char *));
    int n_includes = 0, n_inputs = 0;
    int status = 0;

    /* Diagnostics are written a character at a time; unbuffered stderr
       would make that one system call per byte. */
    static char errbuf[BUFSIZ];
    setvbuf(stderr, errbuf, _IOLBF, sizeof errbuf);

    if (!includes || !inputs) {
        fputs("zerocast: fatal error: out of memory\n", stderr);
        free(includes);
        free(inputs);
        return 3;
    }
    for (int i = 1; status == 0 && i < argc; i++) {
        const char *a = argv[i], *v;
        bool missing;
        int w = diag_option(a);
        if (w < 0) {
            status = 2;
            break;
        }
        if (w > 0)
            continue;
        const struct Option *o = match_option(a, argc, argv, &i, &v, &missing);
        if (!o) {
            if (a[0] == '-' && a[1] != '\0') {
                fprintf(stderr, "zerocast: error: unknown option '%s' (see zerocast --help)\n", a);
                status = 2;
            } else {
                inputs[n_inputs++] = a;
            }
            continue;
        }
        if (missing || (o->arg && !v)) {
            fprintf(stderr, "zerocast: error: option '%s' needs an argument\n", a);
            status = 2;
            break;
        }
        if (!v)
            v = "";   /* an option without argument */
        switch (o->id) {
        case O_HELP:
            usage(stdout);
            free(includes);
            free(inputs);
            return 0;
        case O_VERSION:
            printf("zerocast %s\n", ZCC_VERSION);
            free(includes);
            free(inputs);
            return 0;
        case O_OUTPUT: cf.output = v; break;
        case O_OUTPUT_DIR: cf.output_dir = v; break;
        case O_INCLUDE_DIR: includes[n_includes++] = v; break;
        case O_PREFIX: cf.run.prefix = v; break;
        case O_RECURSIVE: cf.recursive = true; break;
        case O_CHECK: cf.check_only = true; break;
        case O_INCLUDE: cf.run.include = v; break;
        case O_REGISTER: {   /* --emit=wireshark: TABLE=VALUE:STRUCT (docs/wireshark.md) */
            char *spec = xstrdup(v), *eq = strrchr(spec, '='), *colon = eq ? strchr(eq, ':') : NULL;
            if (!eq || !colon || eq == spec || colon == eq + 1 || !colon[1]) {
                fprintf(stderr, "zerocast: error: --register=%s: expected --register=TABLE=VALUE:STRUCT\n", v);
                status = 2;
                break;
            }
            *eq = *colon = '\0';
            LuaRegister *r = xalloc(sizeof *r);
            vec_push(&regs, r);
            r->table = spec, r->value = eq + 1, r->struct_name = colon + 1;
            break;
        }
        case O_DEPS: cf.want_deps = true; break;
        case O_DEPFILE: cf.depfile = v; cf.want_deps = true; break;
        case O_DEPTARGET: cf.deptarget = v; break;
        case O_EMIT: {
            size_t k = 0;
            while (k < N_EMIT_KINDS && strcmp(v, emit_kinds[k].name) != 0)
                k++;
            if (k == N_EMIT_KINDS) {
                char *names = xstrdup("");
                for (size_t j = 0; j < N_EMIT_KINDS; j++)
                    names = xformat("%s%s%s", names, j == 0 ? "" : j + 1 == N_EMIT_KINDS ? " or " : ", ",
                                    emit_kinds[j].name);
                fprintf(stderr, "zerocast: error: --emit=%s: expected %s\n", v, names);
                status = 2;
            } else {
                cf.kind = &emit_kinds[k];
            }
            break;
        }
        case O_ACSL:
            cf.run.acsl = true;
            break;
        default: {   /* --no-writers, --no-builders, --no-visit, --readers-only */
            bool all = o->id == O_READERS_ONLY;
            cf.run.no_writers = cf.run.no_writers || all || o->id == O_NO_WRITERS;
            cf.run.no_builders = cf.run.no_builders || all || o->id == O_NO_BUILDERS;
            cf.run.no_visit = cf.run.no_visit || all || o->id == O_NO_VISIT;
            if (!omit_option)
                omit_option = a;
            break;
        }
        }
    }
    const char *prefix = cf.run.prefix;
    /* -o DIR: an existing directory, or several schemas */
    if (status == 0 && cf.output && !cf.output_dir && (n_inputs > 1 || is_dir(cf.output))) {
        cf.output_dir = cf.output;
        cf.output = NULL;
    }
    if (status == 0 && n_inputs == 0) {
        fputs("zerocast: error: no schema file given\n", stderr);
        usage(stderr);
        status = 2;
    }
    if (status == 0 && cf.output && cf.output_dir) {
        fputs("zerocast: error: -o FILE and --output-dir name two outputs; give one\n", stderr);
        status = 2;
    }
    if (status == 0 && n_inputs > 1 && !cf.output_dir && !cf.check_only) {
        fprintf(stderr, "zerocast: error: more than one schema given ('%s' and '%s'): name the directory "
                "for their outputs with -o DIR or --output-dir DIR\n", inputs[0], inputs[1]);
        status = 2;
    }
    if (status == 0 && cf.output_dir && !is_dir(cf.output_dir)) {
        fprintf(stderr, "zerocast: error: output directory '%s' does not exist\n", cf.output_dir);
        status = 2;
    }
    if (status == 0 && n_inputs > 1 && (cf.depfile || cf.deptarget)) {
        fputs("zerocast: error: -MF and -MT name one schema's dependency file; with several schemas, "
              "-MD writes OUT.d next to each output\n", stderr);
        status = 2;
    }
    if (status == 0 && !valid_prefix(prefix)) {
        fprintf(stderr, "zerocast: error: --prefix '%s' is not a C identifier\n", prefix);
        status = 2;
    }
    if (status == 0 && (prefix[0] == 'z' || prefix[0] == 'Z') && (prefix[1] == 'c' || prefix[1] == 'C') &&
        (prefix[2] == '_' || prefix[2] == '\0')) {
        fprintf(stderr, "zerocast: error: --prefix '%s' would clash with the runtime's zc_ names\n", prefix);
        status = 2;
    }
    if (status == 0 && omit_option && !cf.kind->header) {
        fprintf(stderr, "zerocast: error: %s applies to --emit=header only\n", omit_option);
        status = 2;
    }
    if (status == 0 && cf.recursive && ((!cf.output && !cf.output_dir) || !cf.kind->header)) {
        fputs(cf.output || cf.output_dir ? "zerocast: error: -r applies to --emit=header only\n"
                     : "zerocast: error: -r needs -o: the imported headers are written next to it\n", stderr);
        status = 2;
    }
    if (status == 0 && cf.want_deps && !cf.depfile && !cf.output && !cf.output_dir) {
        fputs("zerocast: error: -MD needs -o or -MF to name the dependency file\n", stderr);
        status = 2;
    }
    if (status != 0) {
        free(includes);
        free(inputs);
        return status;
    }

    /* ZEROCAST_DATADIR overrides the schema directory ("" = none); else the
       one next to the executable (a moved install), else the compiled-in one */
    const char *data_dir = getenv("ZEROCAST_DATADIR");
    if (!data_dir)
        data_dir = relocated_datadir();
    if (!data_dir)
        data_dir = ZCC_DATADIR;
    cf.lo = (LoadOptions){ includes, n_includes, *data_dir ? data_dir : NULL };
    LuaRegister *reg_array = xalloc(sizeof *reg_array * (size_t)(regs.len + 1));
    for (int k = 0; k < regs.len; k++)
        reg_array[k] = *(LuaRegister *)regs.data[k];
    cf.run.regs = reg_array;
    cf.run.n_regs = regs.len;

    if (n_inputs == 1 && !cf.output_dir) {
        status = compile(&cf, inputs[0], cf.output, cf.depfile);
    } else {
        /* each schema in a child of its own; the worst status wins */
        for (int k = 0; k < n_inputs; k++) {
            char *out = cf.output_dir ? xformat("%s/%s%s", cf.output_dir, path_basename(inputs[k]),
                                                cf.kind->suffix) : NULL;
            fflush(NULL);
            pid_t pid = fork();
            if (pid < 0) {
                diag_plain("cannot start the compilation of '%s': %s", inputs[k], strerror(errno));
                status = status > 3 ? status : 3;
                break;
            }
            if (pid == 0) {
                int st = compile(&cf, inputs[k], out, n_inputs == 1 ? cf.depfile : NULL);
                fflush(NULL);
                _exit(st);
            }
            int ws;
            while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
                ;
            int st = WIFEXITED(ws) ? WEXITSTATUS(ws) : 4;
            if (st > status)
                status = st;
        }
    }
    arena_free_all();
    free(includes);
    free(inputs);
    return status;
}
