/*
 * main.c - the zerocast command: options, the pipeline, atomic output.
 *
 *   zerocast [-I DIR]... [--prefix P] [--no-writers|--no-builders|--no-visit]
 *            [-r] [-o OUT.h] [-M -MF DEP] SCHEMA.zc
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
#include <unistd.h>

static void usage(FILE *f)
{
    fputs("usage: zerocast [options] SCHEMA.zc\n"
          "\n"
          "Compiles a zerocast schema into a C header of bounds-checked, zero-copy\n"
          "packet accessors.\n"
          "\n"
          "options:\n"
          "  -o FILE          write the header to FILE (default: standard output)\n"
          "  -I DIR           search DIR for imported schemas (repeatable); imports are\n"
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
          "  --readers-only   all three: views, accessors, parse, parse_deep, frame,\n"
          "                   iterators, checksum checks, stack walkers, enums and\n"
          "                   constants only\n"
          "  -MD              also write a make dependency file (OUT.d, or -MF FILE)\n"
          "  -MF FILE         name the dependency file\n"
          "  -MT TARGET       target named in the dependency file (default: OUT)\n"
          "  -h, --help       show this help and exit\n"
          "  --version        show the version and exit\n"
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

int main(int argc, char **argv)
{
    const char *input = NULL, *output = NULL, *prefix = "";
    const char *depfile = NULL, *deptarget = NULL, *emit = "header", *include = NULL;
    bool check_only = false, want_deps = false, recursive = false;
    bool no_writers = false, no_builders = false, no_visit = false;
    const char *omit_option = NULL;   /* the first --no-* given, for messages */
    Vec regs = { 0 };                 /* LuaRegister*: --register= */
    const char **includes = calloc((size_t)argc + 1, sizeof(char *));
    int n_includes = 0;
    int status = 0;

    /* Diagnostics are written a character at a time; unbuffered stderr
       would make that one system call per byte. */
    static char errbuf[BUFSIZ];
    setvbuf(stderr, errbuf, _IOLBF, sizeof errbuf);

    if (!includes) {
        fputs("zerocast: fatal error: out of memory\n", stderr);
        return 3;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(includes);
            return 0;
        } else if (!strcmp(a, "--version")) {
            printf("zerocast %s\n", ZCC_VERSION);
            free(includes);
            return 0;
        } else if (!strcmp(a, "-o") || !strcmp(a, "-I") || !strcmp(a, "--prefix") ||
                   !strcmp(a, "-MF") || !strcmp(a, "-MT") || !strcmp(a, "--include")) {
            if (!next) {
                fprintf(stderr, "zerocast: error: option '%s' needs an argument\n", a);
                status = 2;
                break;
            }
            i++;
            if (!strcmp(a, "-o"))
                output = next;
            else if (!strcmp(a, "-I"))
                includes[n_includes++] = next;
            else if (!strcmp(a, "--prefix"))
                prefix = next;
            else if (!strcmp(a, "-MF"))
                depfile = next, want_deps = true;
            else if (!strcmp(a, "--include"))
                include = next;
            else
                deptarget = next;
        } else if (!strncmp(a, "-I", 2)) {
            includes[n_includes++] = a + 2;
        } else if (!strncmp(a, "--prefix=", 9)) {
            prefix = a + 9;
        } else if (!strncmp(a, "--register=", 11)) {
            /* --emit=wireshark: TABLE=VALUE:STRUCT (docs/wireshark.md) */
            char *spec = xstrdup(a + 11), *eq = strrchr(spec, '='), *colon = eq ? strchr(eq, ':') : NULL;
            if (!eq || !colon || eq == spec || colon == eq + 1 || !colon[1]) {
                fprintf(stderr, "zerocast: error: %s: expected --register=TABLE=VALUE:STRUCT\n", a);
                status = 2;
                break;
            }
            *eq = *colon = '\0';
            LuaRegister *r = xalloc(sizeof *r);
            r->table = spec, r->value = eq + 1, r->struct_name = colon + 1;
            vec_push(&regs, r);
        } else if (!strncmp(a, "--emit=", 7)) {
            emit = a + 7;
        } else if (!strcmp(a, "-MD") || !strcmp(a, "-M")) {
            want_deps = true;
        } else if (!strcmp(a, "-r") || !strcmp(a, "--recursive")) {
            recursive = true;
        } else if (!strcmp(a, "--check")) {
            check_only = true;
        } else if (!strcmp(a, "--no-writers") || !strcmp(a, "--no-builders") || !strcmp(a, "--no-visit") ||
                   !strcmp(a, "--readers-only")) {
            bool all = !strcmp(a, "--readers-only");
            no_writers = no_writers || all || !strcmp(a, "--no-writers");
            no_builders = no_builders || all || !strcmp(a, "--no-builders");
            no_visit = no_visit || all || !strcmp(a, "--no-visit");
            if (!omit_option)
                omit_option = a;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "zerocast: error: unknown option '%s' (see zerocast --help)\n", a);
            status = 2;
            break;
        } else if (input) {
            fprintf(stderr, "zerocast: error: more than one schema given ('%s' and '%s')\n", input, a);
            status = 2;
            break;
        } else {
            input = a;
        }
    }
    if (status == 0 && !input) {
        fputs("zerocast: error: no schema file given\n", stderr);
        usage(stderr);
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
    if (status == 0 && strcmp(emit, "header") != 0 && strcmp(emit, "fuzz") != 0 && strcmp(emit, "layout") != 0 &&
        strcmp(emit, "wireshark") != 0) {
        fprintf(stderr, "zerocast: error: --emit=%s: expected header, fuzz, layout or wireshark\n", emit);
        status = 2;
    }
    if (status == 0 && omit_option && strcmp(emit, "header") != 0) {
        fprintf(stderr, "zerocast: error: %s applies to --emit=header only\n", omit_option);
        status = 2;
    }
    if (status == 0 && recursive && (!output || strcmp(emit, "header") != 0)) {
        fputs(output ? "zerocast: error: -r applies to --emit=header only\n"
                     : "zerocast: error: -r needs -o: the imported headers are written next to it\n", stderr);
        status = 2;
    }
    if (status == 0 && want_deps && !depfile && !output) {
        fputs("zerocast: error: -MD needs -o or -MF to name the dependency file\n", stderr);
        status = 2;
    }
    if (status != 0) {
        free(includes);
        return status;
    }

    /* ZEROCAST_DATADIR overrides the schema directory ("" = none); else the
       one next to the executable (a moved install), else the compiled-in one */
    const char *data_dir = getenv("ZEROCAST_DATADIR");
    if (!data_dir)
        data_dir = relocated_datadir();
    if (!data_dir)
        data_dir = ZCC_DATADIR;
    LoadOptions lo = { includes, n_includes, *data_dir ? data_dir : NULL };
    Program *prog = load_program(input, &lo);
    if (diag_error_count() == 0 && prog->root)
        check_program(prog);

    if (diag_error_count() == 0 && prog->root && !check_only) {
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        if (!mem) {
            diag_plain("out of memory");
            status = 3;
        } else {
            EmitOptions eo = { prefix, path_basename(input), no_writers, no_builders, no_visit, NULL };
            if (!strcmp(emit, "fuzz")) {
                FuzzOptions fo = { include ? include : xformat("%s.h", path_basename(input)),
                                   path_basename(input), prefix };
                emit_fuzz(mem, prog, &fo);
            } else if (!strcmp(emit, "layout")) {
                emit_layout(mem, prog);
            } else if (!strcmp(emit, "wireshark")) {
                LuaRegister *rv = xalloc(sizeof *rv * (size_t)(regs.len + 1));
                for (int k = 0; k < regs.len; k++)
                    rv[k] = *(LuaRegister *)regs.data[k];
                LuaOptions lo2 = { path_basename(input), rv, regs.len };
                if (!emit_lua(mem, prog, &lo2))
                    status = 2;
            } else {
                emit_header(mem, prog, &eo);
            }
            /* a failed write into the memstream (out of memory) must not
               produce a silently truncated header */
            bool mem_ok = !ferror(mem);
            if (fclose(mem) != 0 || !mem_ok) {
                diag_plain("out of memory while generating the output");
                status = 3;
            } else if (status != 0 || emit_failed()) {
                if (status == 0)   /* else a --register error (2), reported */
                    status = 4;    /* reported; an invalid header is never written */
            } else if (recursive && (status = write_imported(prog, output, &eo)) != 0) {
                /* reported; the root header is not written either */
            } else if (!output) {
                if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
                    status = 3;
            } else if (!write_atomic(output, text, len)) {
                status = 3;
            }
            free(text);
        }
        if (status == 0 && want_deps) {
            const char *target = deptarget ? deptarget : output ? output : "-";
            const char *path = depfile ? depfile : xformat("%s.d", output);
            char *deps = depfile_text(prog, target);
            if (!write_atomic(path, deps, strlen(deps)))
                status = 3;
        }
    }

    int errors = diag_error_count();
    if (errors && status == 0)
        status = 1;
    arena_free_all();
    free(includes);
    return status;
}
