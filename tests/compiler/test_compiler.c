/*
 * test_compiler.c - tests of the zerocast compiler as a black box (Check).
 *
 *   test_compiler ZEROCAST_BINARY TESTS_DIR
 *
 * ZEROCAST_BINARY is the compiler under test (possibly a sanitizer build);
 * TESTS_DIR is tests/compiler (it holds golden/ and diag/). The compiler is
 * always run as a subprocess (fork + execv, no shell), with its stdout and
 * stderr captured and a time limit, so crashes and hangs are test failures.
 *
 * Test cases:
 *   options  command line: --help, --version, bad usage, --check, -MD, -I
 *   golden   each golden/NAME.zc -> byte-compare with golden/NAME.h.expected;
 *            output identical across runs, working directories, stdout and
 *            -o; the header compiles with cc -Wall -Wextra -Werror
 *   diag     each diag/NAME.zc must fail with exactly the diagnostics its
 *            "// expect:" lines name, each followed by the quoted source line
 *            and a caret at the column; a failed run never creates or touches
 *            the output file
 *
 * Environment:
 *   ZC_UPDATE_GOLDEN=1  (re)write golden/NAME.h.expected from the compiler's
 *                       output instead of comparing (review the diff!)
 *   CC                  C compiler for the compile checks (default "cc"; may
 *                       contain arguments, split on spaces)
 *   ZC_RUNTIME_DIR      directory of zerocast.h (default TESTS_DIR/../../runtime)
 *   TMPDIR              where the scratch directory goes (default /tmp)
 *   CK_FORK, CK_VERBOSITY, CK_RUN_CASE, ... as usual for Check
 *
 * Every file the tests write lives in one mkdtemp() directory that is
 * removed at exit. See README.md for how to add cases.
 */
#define _XOPEN_SOURCE 700
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <check.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef RUN_TIMEOUT_MS
#define RUN_TIMEOUT_MS 30000      /* one compiler or cc run */
#endif
#define TCASE_TIMEOUT_S 300       /* one Check test */
#define MAX_ARGS 64
#define MAX_EXPECTS 64
#define EXCERPT 3000              /* bytes of stderr quoted in a failure */

static const char *g_zc;          /* absolute path of the compiler */
static const char *g_tests;       /* absolute TESTS_DIR */
static const char *g_golden;      /* TESTS_DIR/golden */
static const char *g_diag;        /* TESTS_DIR/diag */
static const char *g_runtime;     /* directory of zerocast.h */
static const char *g_root;        /* scratch directory, removed at exit */
static const char *g_cc = "cc";
static bool g_update;

static char **g_golden_files;     /* basenames, sorted */
static int g_ngolden;
static char **g_diag_files;
static int g_ndiag;

/* ---- small utilities ---------------------------------------------------- */

/*
 * Every allocation is recorded in g_kept, so it stays reachable until exit:
 * the tests are short-lived processes and LeakSanitizer (the suite is built
 * with ASan) must not see anything as leaked.
 */
static void **g_kept;
static size_t g_nkept, g_capkept;

static void *keep(void *p)
{
    if (!p) {
        fputs("test_compiler: out of memory\n", stderr);
        abort();
    }
    if (g_nkept == g_capkept) {
        g_capkept = g_capkept ? g_capkept * 2 : 256;
        void **n = realloc(g_kept, g_capkept * sizeof *n);
        if (!n) {
            fputs("test_compiler: out of memory\n", stderr);
            abort();
        }
        g_kept = n;
    }
    g_kept[g_nkept++] = p;
    return p;
}

static void free_kept(void)
{
    for (size_t i = 0; i < g_nkept; i++)
        free(g_kept[i]);
    free(g_kept);
    g_kept = NULL;
    g_nkept = g_capkept = 0;
}

static char *xstrdup(const char *s)
{
    return keep(strdup(s));
}

static char *xstrndup(const char *s, size_t n)
{
    return keep(strndup(s, n));
}


static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, f);
        vsnprintf(s, (size_t)n + 1, f, ap);
        va_end(ap);
    }
    return keep(s);
}

static char *path_join(const char *dir, const char *name)
{
    return fmt("%s/%s", dir, name);
}

/* Whole file, NUL-terminated; NULL if it cannot be read. */
static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (len + 1 >= cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        if (n == 0)
            break;
        len += n;
    }
    fclose(f);
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return keep(buf);
}

static bool write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    return ok;
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Names in dir (without . and ..), as one space-separated sorted string. */
static char *dir_listing(const char *dir)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    if (n < 0)
        return fmt("<cannot list %s: %s>", dir, strerror(errno));
    char *s = fmt("%s", "");
    for (int i = 0; i < n; i++) {
        const char *d = ents[i]->d_name;
        if (strcmp(d, ".") && strcmp(d, ".."))
            s = fmt("%s%s%s", s, *s ? " " : "", d);
        free(ents[i]);
    }
    free(ents);
    return s;
}

/* A fresh empty directory under the scratch root. */
static char *make_tmpdir(void)
{
    char *t = path_join(g_root, "t.XXXXXX");
    if (!mkdtemp(t))
        ck_abort_msg("mkdtemp in %s: %s", g_root, strerror(errno));
    return t;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The schema files (*.zc, regular files) directly in dir, sorted. */
static int list_schemas(const char *dir, char ***out)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, "test_compiler: cannot list %s: %s\n", dir, strerror(errno));
        exit(2);
    }
    char **names = keep(calloc((size_t)n + 1, sizeof(char *)));
    int k = 0;
    for (int i = 0; i < n; i++) {
        char *p = path_join(dir, ents[i]->d_name);
        struct stat st;
        if (ends_with(ents[i]->d_name, ".zc") && stat(p, &st) == 0 && S_ISREG(st.st_mode))
            names[k++] = xstrdup(ents[i]->d_name);
        free(ents[i]);
    }
    free(ents);
    *out = names;
    return k;
}

/* ---- running a subprocess ----------------------------------------------- */

typedef struct {
    bool started;      /* fork and exec worked */
    bool timed_out;
    int sig;           /* terminating signal, or 0 */
    int code;          /* exit status when sig == 0 */
    char *out;         /* captured stdout, NUL-terminated */
    size_t out_len;
    char *err;         /* captured stderr, NUL-terminated */
    size_t err_len;
} Run;

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void append(char **buf, size_t *len, size_t *cap, const char *data, size_t n)
{
    if (*len + n + 1 > *cap) {
        while (*len + n + 1 > *cap)
            *cap = *cap ? *cap * 2 : 4096;
        *buf = realloc(*buf, *cap);
    }
    memcpy(*buf + *len, data, n);
    *len += n;
    (*buf)[*len] = '\0';
}

/*
 * Runs argv (argv[0] is an absolute path, or searched in PATH if `search`)
 * in directory `cwd` (NULL: ours) with stdin from /dev/null, capturing both
 * output streams.
 */
static Run run_argv(const char *cwd, char *const argv[], bool search)
{
    Run r;
    memset(&r, 0, sizeof r);
    size_t ocap = 0, ecap = 0;
    append(&r.out, &r.out_len, &ocap, "", 0);
    append(&r.err, &r.err_len, &ecap, "", 0);

    int op[2], ep[2], xp[2];
    if (pipe(op) || pipe(ep) || pipe(xp))
        ck_abort_msg("pipe: %s", strerror(errno));
    fcntl(xp[1], F_SETFD, FD_CLOEXEC);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        ck_abort_msg("fork: %s", strerror(errno));
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        if (in >= 0)
            dup2(in, 0);
        dup2(op[1], 1);
        dup2(ep[1], 2);
        close(op[0]);
        close(ep[0]);
        close(xp[0]);
        if (cwd && chdir(cwd) != 0) {
            int e = errno;
            (void)!write(xp[1], &e, sizeof e);
            _exit(127);
        }
        if (search)
            execvp(argv[0], argv);
        else
            execv(argv[0], argv);
        int e = errno;
        (void)!write(xp[1], &e, sizeof e);
        _exit(127);
    }
    close(op[1]);
    close(ep[1]);
    close(xp[1]);

    int exec_errno = 0;
    ssize_t xn = read(xp[0], &exec_errno, sizeof exec_errno);
    close(xp[0]);
    r.started = xn != (ssize_t)sizeof exec_errno;

    struct pollfd fds[2] = { { op[0], POLLIN, 0 }, { ep[0], POLLIN, 0 } };
    int open_fds = 2;
    long deadline = now_ms() + RUN_TIMEOUT_MS;
    char buf[65536];
    while (open_fds > 0) {
        long left = deadline - now_ms();
        if (left <= 0) {
            r.timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        int n = poll(fds, 2, (int)left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t got = read(fds[i].fd, buf, sizeof buf);
            if (got > 0) {
                if (i == 0)
                    append(&r.out, &r.out_len, &ocap, buf, (size_t)got);
                else
                    append(&r.err, &r.err_len, &ecap, buf, (size_t)got);
            } else if (got == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }
    for (int i = 0; i < 2; i++)
        if (fds[i].fd >= 0)
            close(fds[i].fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFSIGNALED(status))
        r.sig = WTERMSIG(status);
    else
        r.code = WEXITSTATUS(status);
    keep(r.out);
    keep(r.err);
    if (!r.started)
        ck_abort_msg("cannot run %s: %s", argv[0], strerror(exec_errno));
    return r;
}

/* Runs the compiler with the NULL-terminated arguments `args`. */
static Run zc_run(const char *cwd, const char *const *args)
{
    char *argv[MAX_ARGS + 2];
    int n = 0;
    argv[n++] = (char *)g_zc;
    for (; *args && n < MAX_ARGS; args++)
        argv[n++] = (char *)*args;
    argv[n] = NULL;
    return run_argv(cwd, argv, false);
}

#define ZC(cwd, ...) zc_run((cwd), (const char *const[]){ __VA_ARGS__, NULL })

/* Shortened stderr for failure messages. */
static const char *excerpt(const char *s)
{
    size_t n = strlen(s);
    if (n <= EXCERPT)
        return s;
    return fmt("%.*s\n...[%zu more bytes]", EXCERPT, s, n - EXCERPT);
}

static const char *describe(const Run *r)
{
    if (r->timed_out)
        return fmt("TIMED OUT after %d ms (hang?); stderr:\n%s", RUN_TIMEOUT_MS, excerpt(r->err));
    if (r->sig)
        return fmt("KILLED by signal %d (%s) (crash?); stderr:\n%s", r->sig, strsignal(r->sig),
                   excerpt(r->err));
    return fmt("exit status %d; stderr:\n%s", r->code, excerpt(r->err));
}

/* Asserts a run ended normally with `code`. */
#define ASSERT_EXIT(r, want, what)                                                  \
    ck_assert_msg(!(r).timed_out && !(r).sig && (r).code == (want),                  \
                  "%s: expected exit status %d, got %s", (what), (want), describe(&(r)))

/* Where two buffers first differ, as "line N: expected '...' got '...'". */
static char *first_difference(const char *want, size_t wlen, const char *got, size_t glen)
{
    size_t i = 0, line = 1, ls = 0;
    while (i < wlen && i < glen && want[i] == got[i]) {
        if (want[i] == '\n') {
            line++;
            ls = i + 1;
        }
        i++;
    }
    size_t we = ls, ge = ls;
    while (we < wlen && want[we] != '\n')
        we++;
    while (ge < glen && got[ge] != '\n')
        ge++;
    return fmt("first difference at line %zu (byte %zu):\n  expected: %.*s%s\n  actual:   %.*s%s", line,
               i, (int)(we - ls), want + ls, i >= wlen ? " <end of file>" : "", (int)(ge - ls),
               got + ls, i >= glen ? " <end of file>" : "");
}

/* ---- golden ------------------------------------------------------------- */

/* Extra compiler arguments from a "// zerocast-args: ..." line, if any. */
static int golden_args(const char *text, const char **args, int max)
{
    const char *p = strstr(text, "// zerocast-args:");
    if (!p)
        return 0;
    p += strlen("// zerocast-args:");
    const char *end = strchr(p, '\n');
    if (!end)
        end = p + strlen(p);
    int n = 0;
    while (p < end && n < max) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
        const char *s = p;
        while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
            p++;
        if (p > s)
            args[n++] = xstrndup(s, (size_t)(p - s));
    }
    return n;
}

static char *expected_path(const char *name)
{
    return fmt("%s/%.*s.h.expected", g_golden, (int)(strlen(name) - 3), name);
}

/* Splits $CC on spaces into argv; returns the count. */
static int cc_argv(char **argv, int max)
{
    char *cc = xstrdup(g_cc);
    int n = 0;
    for (char *tok = strtok(cc, " \t"); tok && n < max; tok = strtok(NULL, " \t"))
        argv[n++] = tok;
    return n;
}

/* cc -fsyntax-only -Wall -Wextra -Werror on a file that includes `header`
   twice (the second time exercises the include guards). */
/* Compiles the C text in dir with $CC -std=c11 -fsyntax-only -Wall -Wextra
   -Werror; a failure names `what`. */
static void compile_c(const char *dir, const char *text, const char *what)
{
    char *src = path_join(dir, "include_check.c");
    ck_assert_msg(write_file(src, text, strlen(text)), "cannot write %s", src);

    char *argv[MAX_ARGS + 16];
    int n = cc_argv(argv, MAX_ARGS);
    ck_assert_msg(n > 0, "CC is empty");
    const char *flags[] = { "-std=c11", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
                            "-I", g_runtime, src };
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        argv[n++] = (char *)flags[i];
    argv[n] = NULL;
    Run r = run_argv(dir, argv, true);
    ck_assert_msg(!r.timed_out && !r.sig && r.code == 0,
                  "%s: generated C does not compile with %s -fsyntax-only -Wall -Wextra -Werror: %s",
                  what, g_cc, describe(&r));
    unlink(src);
}

static void compile_header(const char *dir, const char *const *headers, int nheaders,
                           const char *what)
{
    char *text = fmt("/* generated by test_compiler */\n");
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < nheaders; i++)
            text = fmt("%s#include \"%s\"\n", text, headers[i]);
    text = fmt("%sint zc_test_main(void);\nint zc_test_main(void) { return 0; }\n", text);
    compile_c(dir, text, what);
}

START_TEST(test_golden)
{
    const char *name = g_golden_files[_i];
    char *schema = path_join(g_golden, name);
    char *text = read_file(schema, NULL);
    ck_assert_msg(text, "cannot read %s", schema);

    const char *extra[MAX_ARGS];
    int nextra = golden_args(text, extra, MAX_ARGS - 8);
    const char *args[MAX_ARGS + 1];

    /* 1. in the golden directory, relative path, to stdout */
    int n = 0;
    for (int i = 0; i < nextra; i++)
        args[n++] = extra[i];
    args[n++] = name;
    args[n] = NULL;
    Run a = zc_run(g_golden, args);
    ASSERT_EXIT(a, 0, name);
    ck_assert_msg(a.err_len == 0, "%s: a successful run wrote to stderr:\n%s", name, excerpt(a.err));
    ck_assert_msg(a.out_len > 0, "%s: no output", name);

    /* 2. again: byte-identical */
    Run b = zc_run(g_golden, args);
    ASSERT_EXIT(b, 0, name);
    ck_assert_msg(b.out_len == a.out_len && memcmp(a.out, b.out, a.out_len) == 0,
                  "%s: two runs gave different output; %s", name,
                  first_difference(a.out, a.out_len, b.out, b.out_len));

    /* 3. from /tmp, absolute schema path, with -o: identical again */
    char *dir = make_tmpdir();
    char *out = path_join(dir, "out.h");
    n = 0;
    for (int i = 0; i < nextra; i++)
        args[n++] = extra[i];
    args[n++] = schema;
    args[n++] = "-o";
    args[n++] = out;
    args[n] = NULL;
    Run c = zc_run("/tmp", args);
    ASSERT_EXIT(c, 0, fmt("%s (from /tmp with -o)", name));
    ck_assert_msg(c.out_len == 0, "%s: -o also wrote to stdout", name);
    size_t olen = 0;
    char *otext = read_file(out, &olen);
    ck_assert_msg(otext, "%s: -o %s was not written", name, out);
    ck_assert_msg(olen == a.out_len && memcmp(otext, a.out, olen) == 0,
                  "%s: output depends on the working directory, the schema path or -o; %s", name,
                  first_difference(a.out, a.out_len, otext, olen));
    char *listing = dir_listing(dir);
    ck_assert_msg(strcmp(listing, "out.h") == 0, "%s: stray files next to the output: %s", name,
                  listing);
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    ck_assert_msg(stat(out, &st) == 0 && (st.st_mode & 0777) == (0666 & ~mask),
                  "%s: output file mode is %o, expected %o (0666 minus the umask)", name,
                  (unsigned)(st.st_mode & 0777), (unsigned)(0666 & ~mask));

    /* 4. against the expected file */
    char *exp = expected_path(name);
    size_t elen = 0;
    char *etext = read_file(exp, &elen);
    if (g_update) {
        if (!etext || elen != a.out_len || memcmp(etext, a.out, elen) != 0) {
            ck_assert_msg(write_file(exp, a.out, a.out_len), "cannot write %s", exp);
            fprintf(stderr, "test_compiler: updated %s\n", exp);
        }
    } else {
        ck_assert_msg(etext, "%s: %s is missing (create it with ZC_UPDATE_GOLDEN=1, then review it)",
                      name, exp);
        ck_assert_msg(elen == a.out_len && memcmp(etext, a.out, elen) == 0,
                      "%s: output differs from %s; %s\n(if the change is intended, rerun with "
                      "ZC_UPDATE_GOLDEN=1 and review the diff)",
                      name, exp, first_difference(etext, elen, a.out, a.out_len));
    }

    /* 5. the header compiles cleanly, with the headers of its imports
       written next to it by -r (same options); the root header is the
       same as without -r */
    char *rdir = make_tmpdir();
    char *rout = path_join(rdir, fmt("%s.h", name));
    n = 0;
    for (int i = 0; i < nextra; i++)
        args[n++] = extra[i];
    args[n++] = "-r";
    args[n++] = schema;
    args[n++] = "-o";
    args[n++] = rout;
    args[n] = NULL;
    Run d = zc_run("/tmp", args);
    ASSERT_EXIT(d, 0, fmt("%s (with -r)", name));
    size_t rlen = 0;
    char *rtext = read_file(rout, &rlen);
    ck_assert_msg(rtext && rlen == a.out_len && memcmp(rtext, a.out, rlen) == 0,
                  "%s: -r changed the root header", name);
    const char *hdr[] = { rout };
    compile_header(rdir, hdr, 1, name);
}
END_TEST

/* Every expected header in one translation unit: the per-declaration
   guards let headers that share imports coexist. */
/* --emit=layout: the table and the RFC-style diagram, against goldens.
   Cases: bundled schemas (with their imports) and tests/compiler/layout. */
static const char *const layout_cases[] = {
    "../../schemas/ipv4.zc", "../../schemas/tcp.zc", "../../schemas/udp.zc",
    "../../schemas/dns.zc", "layout/le_record.zc", "layout/long_array.zc", "layout/stack.zc", "layout/stack_peek.zc",
};
#define N_LAYOUT_CASES (int)(sizeof layout_cases / sizeof layout_cases[0])

START_TEST(test_layout)
{
    const char *rel = layout_cases[_i];
    const char *base = strrchr(rel, '/') + 1;
    char *schema = path_join(g_tests, rel);
    char *expected = fmt("%s/layout/%.*s.layout.expected", g_tests, (int)(strlen(base) - 3), base);
    Run r = ZC(g_tests, "--emit=layout", "-I", path_join(g_tests, "../../schemas"), schema);
    ASSERT_EXIT(r, 0, rel);
    ck_assert_msg(r.err_len == 0, "%s: --emit=layout wrote to stderr:\n%s", rel, r.err);
    if (g_update) {
        ck_assert(write_file(expected, r.out, r.out_len));
        return;
    }
    size_t elen = 0;
    char *etext = read_file(expected, &elen);
    ck_assert_msg(etext, "%s is missing (create it with ZC_UPDATE_GOLDEN=1, then review it)", expected);
    ck_assert_msg(elen == r.out_len && memcmp(etext, r.out, elen) == 0,
                  "%s: layout differs from %s:\n%s", rel, expected, r.out);
}
END_TEST

START_TEST(test_golden_together)
{
    ck_assert_msg(g_ngolden > 0, "no golden schemas in %s", g_golden);
    const char **hdrs = keep(calloc((size_t)g_ngolden, sizeof(char *)));
    int n = 0;
    /* each expected header copied as NAME.zc.h, the name the goldens that
       import NAME.zc #include it by */
    char *dir = make_tmpdir();
    for (int i = 0; i < g_ngolden; i++) {
        char *exp = expected_path(g_golden_files[i]);
        size_t len = 0;
        char *text = read_file(exp, &len);
        if (!text) {
            ck_assert_msg(g_update, "%s is missing", exp);
            continue;
        }
        hdrs[n] = path_join(dir, fmt("%s.h", g_golden_files[i]));
        ck_assert_msg(write_file(hdrs[n], text, len), "cannot write %s", hdrs[n]);
        n++;
    }
    compile_header(dir, hdrs, n, "all golden headers in one translation unit");
}
END_TEST

/* ---- diagnostics -------------------------------------------------------- */

typedef struct {
    char *file;       /* as the compiler prints it (relative to diag/) */
    int line, col;
    char *kind;       /* "error", "note", "warning" */
    char *text;       /* substring of the message */
} Expect;

/* Parses "// expect: [FILE:]LINE:COL: KIND: TEXT" lines. */
static int parse_expects(const char *name, const char *text, Expect *ex, int max)
{
    int n = 0;
    const char *p = text;
    while ((p = strstr(p, "// expect:")) != NULL && n < max) {
        p += strlen("// expect:");
        while (*p == ' ')
            p++;
        const char *end = strchr(p, '\n');
        if (!end)
            end = p + strlen(p);
        while (end > p && (end[-1] == '\r' || end[-1] == ' '))
            end--;
        char *spec = xstrndup(p, (size_t)(end - p));
        Expect e = { 0 };
        char *s = spec;
        /* optional FILE: prefix (anything not starting with a digit) */
        if (!(*s >= '0' && *s <= '9')) {
            char *colon = strchr(s, ':');
            ck_assert_msg(colon, "%s: malformed expect line: %s", name, spec);
            e.file = xstrndup(s, (size_t)(colon - s));
            s = colon + 1;
        } else {
            e.file = xstrdup(name);
        }
        char *q;
        e.line = (int)strtol(s, &q, 10);
        ck_assert_msg(q != s && *q == ':', "%s: malformed expect line (LINE): %s", name, spec);
        s = q + 1;
        e.col = (int)strtol(s, &q, 10);
        ck_assert_msg(q != s && q[0] == ':' && q[1] == ' ', "%s: malformed expect line (COL): %s",
                      name, spec);
        s = q + 2;
        char *colon = strstr(s, ": ");
        ck_assert_msg(colon, "%s: malformed expect line (KIND): %s", name, spec);
        e.kind = xstrndup(s, (size_t)(colon - s));
        ck_assert_msg(!strcmp(e.kind, "error") || !strcmp(e.kind, "note") || !strcmp(e.kind, "warning"),
                      "%s: unknown diagnostic kind '%s' in: %s", name, e.kind, spec);
        e.text = xstrdup(colon + 2);
        ck_assert_msg(*e.text, "%s: expect line without message text: %s", name, spec);
        ex[n++] = e;
        p = end;
    }
    return n;
}

/* Line `line` (1-based) of text, as diag.c shows it: tabs and control
   bytes become spaces. NULL if there is no such line. */
static char *source_line(const char *text, int line)
{
    const char *p = text;
    for (int i = 1; i < line; i++) {
        p = strchr(p, '\n');
        if (!p)
            return NULL;
        p++;
    }
    const char *end = strchr(p, '\n');
    if (!end)
        end = p + strlen(p);
    char *s = xstrndup(p, (size_t)(end - p));
    for (char *q = s; *q; q++) {
        unsigned char c = (unsigned char)*q;
        if (c == '\t' || c < 0x20 || c == 0x7f)
            *q = ' ';
    }
    return s;
}

/* The lines of s as a NULL-terminated array (s is modified). */
static char **split_lines(char *s, int *count)
{
    int cap = 16, n = 0;
    char **lines = malloc(sizeof(char *) * (size_t)cap);
    if (!lines)
        abort();
    char *p = s;
    while (*p) {
        if (n + 2 > cap) {
            cap *= 2;
            lines = realloc(lines, sizeof(char *) * (size_t)cap);
        }
        lines[n++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    lines[n] = NULL;
    *count = n;
    return keep(lines);
}

/* "FILE:LINE:COL: error: " at the start of a line (not a quoted source line). */
static bool is_error_line(const char *l)
{
    if (strncmp(l, "zerocast: error: ", 17) == 0)
        return true;
    if (l[0] == ' ')
        return false;
    const char *e = strstr(l, ": error: ");
    if (!e)
        return false;
    /* ":LINE:COL" just before */
    const char *p = e;
    int digits = 0, colons = 0;
    while (p > l) {
        p--;
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == ':' && digits > 0 && colons < 2) {
            colons++;
            digits = 0;
            if (colons == 2)
                return true;
        } else
            return false;
    }
    return false;
}

START_TEST(test_diag)
{
    const char *name = g_diag_files[_i];
    char *schema = path_join(g_diag, name);
    char *text = read_file(schema, NULL);
    ck_assert_msg(text, "cannot read %s", schema);
    Expect ex[MAX_EXPECTS];
    int nex = parse_expects(name, text, ex, MAX_EXPECTS);
    ck_assert_msg(nex > 0, "%s: no '// expect: LINE:COL: error: MESSAGE' line", name);
    /* a file that expects only warnings must compile: exit 0, a header */
    bool warnings_only = true;
    for (int k = 0; k < nex; k++)
        warnings_only &= strcmp(ex[k].kind, "error") != 0;

    /* 1. to stdout: exit 1, nothing on stdout, the expected diagnostics */
    Run r = ZC(g_diag, name);
    if (warnings_only) {
        ASSERT_EXIT(r, 0, name);
        ck_assert_msg(r.out_len > 0, "%s: a run with only warnings wrote no header", name);
    } else {
        ASSERT_EXIT(r, 1, name);
        ck_assert_msg(r.out_len == 0, "%s: a failed run wrote %zu bytes to stdout", name, r.out_len);
    }

    char *err = xstrdup(r.err);
    int nlines;
    char **lines = split_lines(err, &nlines);
    int want_errors = 0;
    for (int k = 0; k < nex; k++) {
        Expect *e = &ex[k];
        if (!strcmp(e->kind, "error"))
            want_errors++;
        char *prefix = fmt("%s:%d:%d: %s: ", e->file, e->line, e->col, e->kind);
        int at = -1;
        for (int i = 0; i < nlines && at < 0; i++)
            if (strncmp(lines[i], prefix, strlen(prefix)) == 0 &&
                strstr(lines[i] + strlen(prefix), e->text))
                at = i;
        ck_assert_msg(at >= 0, "%s: expected diagnostic not found:\n  %s%s\nstderr was:\n%s", name,
                      prefix, e->text, excerpt(r.err));

        /* the quoted source line and the caret under column COL */
        char *ftext = read_file(path_join(g_diag, e->file), NULL);
        ck_assert_msg(ftext, "%s: cannot read %s", name, e->file);
        char *src = source_line(ftext, e->line);
        ck_assert_msg(src, "%s: %s has no line %d", name, e->file, e->line);
        ck_assert_msg(at + 2 < nlines, "%s: no source line and caret after:\n%s", name, lines[at]);
        char *want_src = fmt("    %s", src);
        ck_assert_msg(strcmp(lines[at + 1], want_src) == 0,
                      "%s: diagnostic %s... is not followed by its source line\n  expected: '%s'\n  actual:   '%s'",
                      name, prefix, want_src, lines[at + 1]);
        const char *caret = lines[at + 2];
        bool ok = strncmp(caret, "    ", 4) == 0;
        for (int i = 0; ok && i < e->col - 1; i++)
            ok = caret[4 + i] == ' ';
        ok = ok && caret[4 + e->col - 1] == '^';
        for (const char *q = caret + 4 + e->col; ok && *q; q++)
            ok = *q == '~';
        ck_assert_msg(ok, "%s: caret line for %s... does not point at column %d:\n%s\n%s", name,
                      prefix, e->col, lines[at + 1], caret);
    }

    /* no errors beyond the expected ones (no cascades, no duplicates) */
    int got_errors = 0;
    for (int i = 0; i < nlines; i++)
        got_errors += is_error_line(lines[i]);
    ck_assert_msg(got_errors == want_errors,
                  "%s: expected exactly %d error(s), the compiler reported %d:\n%s", name,
                  want_errors, got_errors, excerpt(r.err));
    if (warnings_only)
        return;

    /* 2. -o NEW: not created, and no temporary left behind */
    char *dir = make_tmpdir();
    char *fresh = path_join(dir, "new.h");
    Run r2 = ZC(g_diag, name, "-o", fresh);
    ASSERT_EXIT(r2, 1, fmt("%s -o NEW", name));
    ck_assert_msg(!exists(fresh), "%s: a failed run created its output file %s", name, fresh);
    char *listing = dir_listing(dir);
    ck_assert_msg(!*listing, "%s: a failed run left files behind: %s", name, listing);

    /* 3. -o OLD -MD: OLD unchanged byte for byte, no OLD.d, nothing else */
    char *old = path_join(dir, "old.h");
    const char *before = "/* a previous, good header */\n#define KEEP_ME 1\n";
    ck_assert(write_file(old, before, strlen(before)));
    struct stat st0, st1;
    ck_assert(stat(old, &st0) == 0);
    Run r3 = ZC(g_diag, "-MD", "-o", old, name);
    ASSERT_EXIT(r3, 1, fmt("%s -MD -o OLD", name));
    size_t alen = 0;
    char *after = read_file(old, &alen);
    ck_assert_msg(after && alen == strlen(before) && memcmp(after, before, alen) == 0,
                  "%s: a failed run modified the existing output file", name);
    ck_assert(stat(old, &st1) == 0);
    ck_assert_msg(st0.st_ino == st1.st_ino, "%s: a failed run replaced the existing output file", name);
    listing = dir_listing(dir);
    ck_assert_msg(strcmp(listing, "old.h") == 0, "%s: a failed run left files behind: %s", name,
                  listing);
    /* the diagnostics do not depend on -o */
    ck_assert_msg(strcmp(r.err, r3.err) == 0, "%s: diagnostics differ with -MD -o:\n%s\n---\n%s",
                  name, excerpt(r.err), excerpt(r3.err));
}
END_TEST

/* ---- command line ------------------------------------------------------- */

START_TEST(test_help)
{
    const char *opts[] = { "--help", "-h" };
    for (int i = 0; i < 2; i++) {
        Run r = ZC(NULL, opts[i]);
        ASSERT_EXIT(r, 0, opts[i]);
        ck_assert_msg(strncmp(r.out, "usage: zerocast", 15) == 0, "%s: no usage on stdout:\n%s",
                      opts[i], r.out);
        ck_assert_msg(strstr(r.out, "--prefix") && strstr(r.out, "-o FILE") && strstr(r.out, "--check") &&
                          strstr(r.out, "--readers-only") && strstr(r.out, "implies --no-builders"),
                      "%s: usage does not list the options:\n%s", opts[i], r.out);
        ck_assert_msg(r.err_len == 0, "%s wrote to stderr: %s", opts[i], r.err);
    }
}
END_TEST

START_TEST(test_version)
{
    Run r = ZC(NULL, "--version");
    ASSERT_EXIT(r, 0, "--version");
    ck_assert_str_eq(r.out, "zerocast 0.1.0\n");
    ck_assert_msg(r.err_len == 0, "--version wrote to stderr: %s", r.err);
}
END_TEST

START_TEST(test_bad_usage)
{
    char *schema = path_join(g_golden, "common.zc");
    struct {
        const char *a, *b, *msg;
    } cases[] = {
        { "--bogus", NULL, "unknown option '--bogus'" },
        { "-x", schema, "unknown option '-x'" },
        { schema, "-o", "option '-o' needs an argument" },
        { schema, "--prefix", "option '--prefix' needs an argument" },
        { schema, schema, "more than one schema" },
        { "--prefix=1bad", schema, "is not a C identifier" },
        { "-MD", schema, "-MD needs -o or -MF" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *args[] = { cases[i].a, cases[i].b, NULL };
        Run r = zc_run(NULL, args);
        char *what = fmt("zerocast %s %s", cases[i].a, cases[i].b ? cases[i].b : "");
        ASSERT_EXIT(r, 2, what);
        ck_assert_msg(strstr(r.err, "zerocast: error: ") && strstr(r.err, cases[i].msg),
                      "%s: stderr lacks \"%s\":\n%s", what, cases[i].msg, r.err);
        ck_assert_msg(r.out_len == 0, "%s: wrote to stdout", what);
    }
}
END_TEST

START_TEST(test_missing_input)
{
    Run r = ZC(NULL, "--prefix", "p_");
    ASSERT_EXIT(r, 2, "no schema argument");
    ck_assert_msg(strstr(r.err, "no schema file given") && strstr(r.err, "usage: zerocast"),
                  "no schema argument: unexpected stderr:\n%s", r.err);
    const char *none[] = { NULL };
    Run r0 = zc_run(NULL, none);
    ASSERT_EXIT(r0, 2, "no arguments at all");
}
END_TEST

START_TEST(test_nonexistent_input)
{
    char *dir = make_tmpdir();
    char *missing = path_join(dir, "missing.zc");
    char *out = path_join(dir, "out.h");
    Run r = ZC(NULL, missing, "-o", out);
    ASSERT_EXIT(r, 1, "nonexistent schema");
    ck_assert_msg(strstr(r.err, "zerocast: error: cannot open") && strstr(r.err, missing),
                  "nonexistent schema: stderr lacks \"zerocast: error: cannot open '%s'\":\n%s",
                  missing, r.err);
    ck_assert_msg(!exists(out), "nonexistent schema: output file created");
}
END_TEST

START_TEST(test_check_only)
{
    char *dir = make_tmpdir();
    char *out = path_join(dir, "out.h");
    char *schema = path_join(g_golden, "importer.zc");
    Run r = ZC(dir, "--check", schema);
    ASSERT_EXIT(r, 0, "--check");
    ck_assert_msg(r.out_len == 0 && r.err_len == 0, "--check printed something:\n%s%s", r.out, r.err);
    Run r2 = ZC(dir, "--check", "-MD", "-o", out, schema);
    ASSERT_EXIT(r2, 0, "--check -MD -o");
    ck_assert_msg(r2.out_len == 0 && r2.err_len == 0, "--check -o printed something");
    char *listing = dir_listing(dir);
    ck_assert_msg(!*listing, "--check wrote files: %s", listing);
    /* and it still finds errors */
    Run r3 = ZC(g_diag, "--check", "duplicate_field.zc");
    ASSERT_EXIT(r3, 1, "--check on a bad schema");
    ck_assert_msg(strstr(r3.err, "duplicate field"), "--check: no diagnostic:\n%s", r3.err);
}
END_TEST

START_TEST(test_depfile)
{
    char *dir = make_tmpdir();
    char *out = path_join(dir, "X.h");
    char *dep = path_join(dir, "X.h.d");
    char *schema = path_join(g_golden, "importer.zc");
    char *imported = path_join(g_golden, "common.zc");
    Run r = ZC(NULL, "-MD", "-o", out, schema);
    ASSERT_EXIT(r, 0, "-MD -o X.h");
    ck_assert_msg(exists(out), "-MD: header not written");
    char *d = read_file(dep, NULL);
    ck_assert_msg(d, "-MD -o X.h did not write X.h.d (directory has: %s)", dir_listing(dir));
    char *head = fmt("%s:", out);
    ck_assert_msg(strncmp(d, head, strlen(head)) == 0, "X.h.d does not start with '%s':\n%s", head, d);
    char *rule_end = strstr(d, "\n\n");
    ck_assert_msg(rule_end, "X.h.d: no blank line after the rule:\n%s", d);
    char *rule = xstrndup(d, (size_t)(rule_end - d));
    ck_assert_msg(strstr(rule, schema), "X.h.d does not list the schema %s:\n%s", schema, d);
    ck_assert_msg(strstr(rule, imported), "X.h.d does not list the import %s:\n%s", imported, d);
    char *phony = fmt("\n%s:\n", imported);
    ck_assert_msg(strstr(d, phony), "X.h.d has no phony target for the import:\n%s", d);
    char *listing = dir_listing(dir);
    ck_assert_msg(strcmp(listing, "X.h X.h.d") == 0, "-MD: unexpected files: %s", listing);

    /* -MF names the file, -MT the target */
    char *mf = path_join(dir, "deps.mk");
    Run r2 = ZC(NULL, "-MD", "-MF", mf, "-MT", "my-target", "-o", out, schema);
    ASSERT_EXIT(r2, 0, "-MF -MT");
    char *d2 = read_file(mf, NULL);
    ck_assert_msg(d2 && strncmp(d2, "my-target:", 10) == 0, "-MF/-MT: unexpected %s:\n%s", mf,
                  d2 ? d2 : "(missing)");
}
END_TEST

/* --no-writers, --no-builders, --no-visit, --readers-only: what each
   leaves out, and that headers generated with different options compose
   in one translation unit, in either order (docs/decisions.md). */
START_TEST(test_omit)
{
    char *dir = make_tmpdir();
    char *schema = path_join(g_golden, "importer.zc");
    /* each variant with -r into a directory of its own: importer.zc.h and
       the common.zc.h it includes, generated with the same options */
    char *ro = path_join(dir, "ro/importer.zc.h"), *full = path_join(dir, "full/importer.zc.h");
    char *nw = path_join(dir, "nw/importer.zc.h");
    for (const char *const *d = (const char *const[]){ "ro", "full", "nw", "mix", NULL }; *d; d++)
        ck_assert(mkdir(path_join(dir, *d), 0777) == 0);

    Run r = ZC(NULL, "--readers-only", "-r", "-o", ro, schema);
    ASSERT_EXIT(r, 0, "--readers-only");
    char *t = read_file(ro, NULL), *tc = read_file(path_join(dir, "ro/common.zc.h"), NULL);
    ck_assert_msg(t && strstr(t, " * Readers only: generated with --no-writers --no-builders --no-visit:\n"),
                  "--readers-only: the header comment does not say so:\n%.900s", t ? t : "(missing)");
    ck_assert_msg(tc, "--readers-only -r did not write ro/common.zc.h");
    const char *absent[] = { "_mview", "_set_", "_builder", "message_visit(", "_put_", "_parse_mut" };
    for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
        ck_assert_msg(!strstr(t, absent[i]) && !strstr(tc, absent[i]), "--readers-only: the headers have %s",
                      absent[i]);
    const char *present[] = { "message_parse(", "message_parse_deep(", "message_frame(", "message_next(" };
    for (size_t i = 0; i < sizeof present / sizeof *present; i++)
        ck_assert_msg(strstr(t, present[i]), "--readers-only: the header lacks %s", present[i]);
    const char *imported[] = { "addr_octets(", "msg_kind_name(", "#define HDR_MAGIC" };
    for (size_t i = 0; i < sizeof imported / sizeof *imported; i++)
        ck_assert_msg(strstr(tc, imported[i]) && !strstr(t, imported[i]),
                      "--readers-only: %s is not in common.zc.h alone", imported[i]);
    ck_assert_msg(strstr(t, "#include \"common.zc.h\""), "importer.zc.h does not #include common.zc.h");

    /* --no-writers implies --no-builders; setters need writers, not visit */
    Run r2 = ZC(NULL, "--no-writers", "-r", "-o", nw, schema);
    ASSERT_EXIT(r2, 0, "--no-writers");
    char *t2 = read_file(nw, NULL);
    ck_assert_msg(t2 && strstr(t2, "message_visit(") && !strstr(t2, "_builder") && !strstr(t2, "_set_") &&
                      strstr(t2, " * Generated with --no-writers --no-builders:\n"),
                  "--no-writers: expected visit, no setters, no builders:\n%.900s", t2 ? t2 : "(missing)");

    /* both headers in one translation unit, either order: every part is
       there once, and what the full header has is usable */
    Run r3 = ZC(NULL, "-r", "-o", full, schema);
    ASSERT_EXIT(r3, 0, "full header");
    const char *use =
        "int zc_test_main(void);\n"
        "int zc_test_main(void)\n{\n"
        "    static uint8_t buf[64];\n"
        "    message_view v;\n    message_mview m;\n    addr_mview a;\n    addr_builder b;\n"
        "    int bad = message_parse(&v, buf, sizeof buf).code != ZC_OK;\n"
        "    bad += message_parse_mut(&m, buf, sizeof buf).code != ZC_OK;\n"
        "    message_set_magic(m, HDR_MAGIC);\n"
        "    a = message_src_mut(m);\n"
        "    bad += addr_set_octets(a, buf, 4).code != ZC_OK;\n"
        "    addr_build(&b, buf, sizeof buf);\n"
        "    bad += addr_put_octets(&b, buf, 4).code != ZC_OK;\n"
        "    message_visit(v, NULL, NULL);\n"
        "    return bad;\n}\n";
    compile_c(dir, fmt("#include \"%s\"\n#include \"%s\"\n%s", ro, full, use),
              "a --readers-only header, then the full one");
    compile_c(dir, fmt("#include \"%s\"\n#include \"%s\"\n#include \"%s\"\n%s", full, nw, ro, use),
              "the full header, then --no-writers and --readers-only ones");

    /* a full header over a readers-only import: a clear #error, not a
       missing function later */
    char *mix = path_join(dir, "mix/importer.zc.h");
    Run r6 = ZC(NULL, "-o", mix, schema);
    ASSERT_EXIT(r6, 0, "full importer.zc.h");
    Run r7 = ZC(NULL, "--readers-only", "-o", path_join(dir, "mix/common.zc.h"), path_join(g_golden, "common.zc"));
    ASSERT_EXIT(r7, 0, "readers-only common.zc.h");
    char *src = path_join(dir, "mix/use.c");
    const char *mixtext = "#include \"importer.zc.h\"\n";
    ck_assert(write_file(src, mixtext, strlen(mixtext)));
    char *argv[MAX_ARGS + 16];
    int n = cc_argv(argv, MAX_ARGS);
    const char *flags[] = { "-std=c11", "-fsyntax-only", "-I", g_runtime, src, NULL };
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        argv[n++] = (char *)flags[i];
    Run cc = run_argv(path_join(dir, "mix"), argv, true);
    ck_assert_msg(cc.code != 0 && strstr(cc.err, "importer.zc.h: \\\"common.zc.h\\\" was generated with --no-writers"),
                  "a full header over a readers-only import: expected the #error, got: %s", describe(&cc));

    /* the options shape a header only */
    Run r4 = ZC(NULL, "--emit=layout", "--no-visit", schema);
    ASSERT_EXIT(r4, 2, "--emit=layout --no-visit");
    ck_assert_msg(strstr(r4.err, "zerocast: error: --no-visit applies to --emit=header only"),
                  "--emit=layout --no-visit: unexpected stderr:\n%s", r4.err);
    Run r5 = ZC(NULL, "--readers-only", "--emit=fuzz", schema);
    ASSERT_EXIT(r5, 2, "--readers-only --emit=fuzz");
    ck_assert_msg(strstr(r5.err, "--readers-only applies to --emit=header only"),
                  "--readers-only --emit=fuzz: unexpected stderr:\n%s", r5.err);
}
END_TEST

/* -r writes the header of every import where the #include chain finds
   it, leaves unchanged ones untouched, and refuses imports it cannot place
   under the output directory, writing nothing. */
START_TEST(test_recursive)
{
    char *dir = make_tmpdir();
    ck_assert(mkdir(path_join(dir, "s"), 0777) == 0 && mkdir(path_join(dir, "s/sub"), 0777) == 0);
    ck_assert(mkdir(path_join(dir, "out"), 0777) == 0);
    const char *leaf = "struct leaf { be16 v; }\n";
    const char *mid = "import \"leaf.zc\";\nstruct mid { leaf l; u8 n; u8 data[n]; }\n";
    const char *root = "import \"sub/mid.zc\";\nimport \"sub/leaf.zc\";\nstruct top { mid m; leaf l; }\n";
    ck_assert(write_file(path_join(dir, "s/sub/leaf.zc"), leaf, strlen(leaf)));
    ck_assert(write_file(path_join(dir, "s/sub/mid.zc"), mid, strlen(mid)));
    ck_assert(write_file(path_join(dir, "s/top.zc"), root, strlen(root)));

    char *out = path_join(dir, "out/top.zc.h");
    Run r = ZC(NULL, "-r", "-o", out, path_join(dir, "s/top.zc"));
    ASSERT_EXIT(r, 0, "-r");
    char *listing = dir_listing(path_join(dir, "out/sub"));
    ck_assert_msg(strcmp(listing, "leaf.zc.h mid.zc.h") == 0, "-r wrote out/sub: %s", listing);
    char *top = read_file(out, NULL), *midh = read_file(path_join(dir, "out/sub/mid.zc.h"), NULL);
    ck_assert_msg(strstr(top, "#include \"sub/mid.zc.h\"") && strstr(top, "#include \"sub/leaf.zc.h\""),
                  "top.zc.h does not #include its imports by their import paths");
    ck_assert_msg(strstr(midh, "#include \"leaf.zc.h\"") && !strstr(midh, "struct top"),
                  "mid.zc.h: expected its own import and nothing of top");
    ck_assert_msg(!strstr(top, "leaf_view;"), "top.zc.h repeats leaf's definitions");
    compile_c(path_join(dir, "out"),
              "#include \"top.zc.h\"\n#include \"sub/leaf.zc.h\"\n#include \"top.zc.h\"\n"
              "int zc_test_main(void);\nint zc_test_main(void)\n{\n"
              "    static const uint8_t b[5] = { 0, 1, 1, 9, 2 };\n    top_view v;\n"
              "    return top_parse(&v, b, sizeof b).code == ZC_OK ? 0 : 1;\n}\n",
              "-r headers, in any order");

    /* unchanged headers are left alone: their mtimes stay */
    char *leafh = path_join(dir, "out/sub/leaf.zc.h");
    struct utimbuf old = { 1000000000, 1000000000 };
    ck_assert(utime(leafh, &old) == 0);
    Run r2 = ZC(NULL, "-r", "-o", out, path_join(dir, "s/top.zc"));
    ASSERT_EXIT(r2, 0, "-r again");
    struct stat st;
    ck_assert(stat(leafh, &st) == 0);
    ck_assert_msg(st.st_mtime == 1000000000, "-r rewrote an unchanged header");

    /* an import outside the tree: an error naming it, nothing written */
    const char *up = "import \"../up.zc\";\nstruct u { up x; }\n";
    const char *uph = "struct up { u8 a; }\n";
    ck_assert(write_file(path_join(dir, "s/sub/u.zc"), up, strlen(up)));
    ck_assert(write_file(path_join(dir, "s/up.zc"), uph, strlen(uph)));
    ck_assert(mkdir(path_join(dir, "out2"), 0777) == 0);
    Run r3 = ZC(NULL, "-r", "-o", path_join(dir, "out2/u.zc.h"), path_join(dir, "s/sub/u.zc"));
    ASSERT_EXIT(r3, 1, "-r with an import through ..");
    ck_assert_msg(strstr(r3.err, "u.zc:1:8: error: -r cannot write the header of import '../up.zc' under the output"),
                  "-r with ..: unexpected stderr:\n%s", r3.err);
    listing = dir_listing(path_join(dir, "out2"));
    ck_assert_msg(strcmp(listing, "") == 0, "-r with ..: wrote %s", listing);
    Run r3b = ZC(NULL, "-o", path_join(dir, "out2/u.zc.h"), path_join(dir, "s/sub/u.zc"));
    ASSERT_EXIT(r3b, 0, "the same without -r");

    /* -r needs -o, and a header */
    Run r4 = ZC(NULL, "-r", path_join(dir, "s/top.zc"));
    ASSERT_EXIT(r4, 2, "-r without -o");
    ck_assert_msg(strstr(r4.err, "zerocast: error: -r needs -o"), "-r without -o: %s", r4.err);
    Run r5 = ZC(NULL, "-r", "--emit=layout", "-o", out, path_join(dir, "s/top.zc"));
    ASSERT_EXIT(r5, 2, "-r --emit=layout");
    ck_assert_msg(strstr(r5.err, "zerocast: error: -r applies to --emit=header only"), "-r --emit=layout: %s",
                  r5.err);
}
END_TEST

START_TEST(test_include_dir)
{
    char *dir = make_tmpdir();
    char *schema = path_join(dir, "uses_common.zc");
    const char *text = "import \"common.zc\";\nstruct uses { addr a; msg_kind k; }\n";
    ck_assert(write_file(schema, text, strlen(text)));
    Run r = ZC(dir, "--check", "uses_common.zc");
    ASSERT_EXIT(r, 1, "import without -I");
    ck_assert_msg(strstr(r.err, "uses_common.zc:1:8: error: cannot find imported schema 'common.zc'"),
                  "import without -I: unexpected stderr:\n%s", r.err);
    Run r2 = ZC(dir, "-I", g_golden, "--check", "uses_common.zc");
    ASSERT_EXIT(r2, 0, "-I DIR");
    Run r3 = ZC(dir, fmt("-I%s", g_golden), "--check", "uses_common.zc");
    ASSERT_EXIT(r3, 0, "-IDIR");
}
END_TEST

START_TEST(test_io_failure)
{
    char *dir = make_tmpdir();
    char *out = path_join(dir, "no/such/dir/out.h");
    Run r = ZC(NULL, path_join(g_golden, "common.zc"), "-o", out);
    ASSERT_EXIT(r, 3, "-o into a missing directory");
    ck_assert_msg(strstr(r.err, "zerocast: error: "), "I/O failure without a message:\n%s", r.err);
}
END_TEST

/* ---- main --------------------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static char *absolute(const char *path, const char *what)
{
    char buf[PATH_MAX];
    if (!realpath(path, buf)) {
        fprintf(stderr, "test_compiler: %s '%s': %s\n", what, path, strerror(errno));
        exit(2);
    }
    return xstrdup(buf);
}

static Suite *compiler_suite(void)
{
    Suite *s = suite_create("zerocast compiler");

    TCase *opt = tcase_create("options");
    tcase_set_timeout(opt, TCASE_TIMEOUT_S);
    tcase_add_test(opt, test_help);
    tcase_add_test(opt, test_version);
    tcase_add_test(opt, test_bad_usage);
    tcase_add_test(opt, test_missing_input);
    tcase_add_test(opt, test_nonexistent_input);
    tcase_add_test(opt, test_check_only);
    tcase_add_test(opt, test_depfile);
    tcase_add_test(opt, test_omit);
    tcase_add_test(opt, test_recursive);
    tcase_add_test(opt, test_include_dir);
    tcase_add_test(opt, test_io_failure);
    suite_add_tcase(s, opt);

    TCase *gold = tcase_create("golden");
    tcase_set_timeout(gold, TCASE_TIMEOUT_S);
    tcase_add_loop_test(gold, test_golden, 0, g_ngolden);
    tcase_add_test(gold, test_golden_together);
    tcase_add_loop_test(gold, test_layout, 0, N_LAYOUT_CASES);
    suite_add_tcase(s, gold);

    TCase *diag = tcase_create("diag");
    tcase_set_timeout(diag, TCASE_TIMEOUT_S);
    tcase_add_loop_test(diag, test_diag, 0, g_ndiag);
    suite_add_tcase(s, diag);
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s ZEROCAST_BINARY TESTS_DIR\n", argv[0]);
        return 2;
    }
    g_zc = absolute(argv[1], "compiler");
    if (access(g_zc, X_OK) != 0) {
        fprintf(stderr, "test_compiler: %s is not executable\n", g_zc);
        return 2;
    }
    g_tests = absolute(argv[2], "tests directory");
    g_golden = path_join(g_tests, "golden");
    g_diag = path_join(g_tests, "diag");
    const char *rt = getenv("ZC_RUNTIME_DIR");
    g_runtime = absolute(rt && *rt ? rt : path_join(g_tests, "../../runtime"), "runtime directory");
    const char *cc = getenv("CC");
    if (cc && *cc)
        g_cc = cc;
    const char *up = getenv("ZC_UPDATE_GOLDEN");
    g_update = up && *up && strcmp(up, "0") != 0;

    g_ngolden = list_schemas(g_golden, &g_golden_files);
    g_ndiag = list_schemas(g_diag, &g_diag_files);
    if (g_ngolden == 0 || g_ndiag == 0) {
        fprintf(stderr, "test_compiler: no schemas in %s or %s\n", g_golden, g_diag);
        return 2;
    }

    const char *tmp = getenv("TMPDIR");
    char *root = fmt("%s/zerocast-tests.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root)) {
        fprintf(stderr, "test_compiler: mkdtemp %s: %s\n", root, strerror(errno));
        return 2;
    }
    g_root = root;

    SRunner *sr = srunner_create(compiler_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);

    nftw(g_root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free_kept();
    return failed == 0 ? 0 : 1;
}
