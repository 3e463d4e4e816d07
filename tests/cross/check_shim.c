/*
 * tests/cross/check_shim.c - the runner behind tests/cross/include/check.h:
 * Check's API subset for the cross-host builds (see the header for what is
 * kept and what is left out). Plain C11 + POSIX (fork, pipe, setitimer,
 * sigaction), no allocation failure tolerated (a test host without memory
 * is not a host the suite runs on).
 */
#define _POSIX_C_SOURCE 200809L
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "check.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
    const TTest *tt;
    int signal, exit_value, start, end;
} Entry;

typedef struct {
    SFun setup, teardown;
} Fixture;

struct TCase {
    char *name;
    double timeout;
    Entry *tests;
    int ntests;
    Fixture *checked, *unchecked;
    int nchecked, nunchecked;
};

struct Suite {
    char *name;
    TCase **tcs;
    int ntcs;
};

typedef struct {
    int failure;           /* 1 failure (F), 2 error (E) */
    char *where, *tcname, *tname, *msg;   /* where: "file:line" */
    int iter;
} Result;

struct SRunner {
    Suite **suites;
    int nsuites;
    enum fork_status fstat;
    Result *res;
    int nres, nrun, nfailed, nerrors;
};

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (p == NULL) {
        fputs("check shim: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

static char *xvprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return xstrdup(fmt);
    char *s = xrealloc(NULL, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvprintf(fmt, ap);
    va_end(ap);
    return s;
}

/* ---- suites and test cases ---------------------------------------------- */

Suite *suite_create(const char *name)
{
    Suite *s = xrealloc(NULL, sizeof *s);
    memset(s, 0, sizeof *s);
    s->name = xstrdup(name ? name : "");
    return s;
}

int suite_tcase(Suite *s, const char *tcname)
{
    for (int i = 0; s && tcname && i < s->ntcs; i++)
        if (strcmp(s->tcs[i]->name, tcname) == 0)
            return 1;
    return 0;
}

void suite_add_tcase(Suite *s, TCase *tc)
{
    if (s == NULL || tc == NULL)
        return;
    s->tcs = xrealloc(s->tcs, sizeof *s->tcs * (size_t)(s->ntcs + 1));
    s->tcs[s->ntcs++] = tc;
}

/* Check: CK_DEFAULT_TIMEOUT (seconds) or 4, times CK_TIMEOUT_MULTIPLIER. */
static double env_double(const char *name, double dflt)
{
    const char *v = getenv(name);
    if (v == NULL || *v == '\0')
        return dflt;
    char *end;
    double d = strtod(v, &end);
    return (*end == '\0' && d >= 0) ? d : dflt;
}

static double timeout_multiplier(void)
{
    double m = env_double("CK_TIMEOUT_MULTIPLIER", 1);
    return m > 0 ? m : 1;
}

TCase *tcase_create(const char *name)
{
    TCase *tc = xrealloc(NULL, sizeof *tc);
    memset(tc, 0, sizeof *tc);
    tc->name = xstrdup(name ? name : "");
    tc->timeout = env_double("CK_DEFAULT_TIMEOUT", 4) * timeout_multiplier();
    return tc;
}

void tcase_set_timeout(TCase *tc, double timeout)
{
    if (tc && timeout >= 0)
        tc->timeout = timeout * timeout_multiplier();
}

void _tcase_add_test(TCase *tc, const TTest *ttest, int signal, int allowed_exit_value,
                     int start, int end)
{
    if (tc == NULL || ttest == NULL)
        return;
    tc->tests = xrealloc(tc->tests, sizeof *tc->tests * (size_t)(tc->ntests + 1));
    tc->tests[tc->ntests++] = (Entry){ ttest, signal, allowed_exit_value, start, end };
}

static void add_fixture(Fixture **f, int *n, SFun setup, SFun teardown)
{
    *f = xrealloc(*f, sizeof **f * (size_t)(*n + 1));
    (*f)[(*n)++] = (Fixture){ setup, teardown };
}

void tcase_add_unchecked_fixture(TCase *tc, SFun setup, SFun teardown)
{
    if (tc)
        add_fixture(&tc->unchecked, &tc->nunchecked, setup, teardown);
}

void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown)
{
    if (tc)
        add_fixture(&tc->checked, &tc->nchecked, setup, teardown);
}

/* ---- the runner ----------------------------------------------------------- */

SRunner *srunner_create(Suite *s)
{
    SRunner *sr = xrealloc(NULL, sizeof *sr);
    memset(sr, 0, sizeof *sr);
    sr->fstat = CK_FORK_GETENV;
    if (s)
        srunner_add_suite(sr, s);
    return sr;
}

void srunner_add_suite(SRunner *sr, Suite *s)
{
    if (sr == NULL || s == NULL)
        return;
    sr->suites = xrealloc(sr->suites, sizeof *sr->suites * (size_t)(sr->nsuites + 1));
    sr->suites[sr->nsuites++] = s;
}

void srunner_set_fork_status(SRunner *sr, enum fork_status fstat)
{
    if (sr)
        sr->fstat = fstat;
}

enum fork_status srunner_fork_status(SRunner *sr)
{
    if (sr && sr->fstat != CK_FORK_GETENV)
        return sr->fstat;
    const char *env = getenv("CK_FORK");
    return env && strcmp(env, "no") == 0 ? CK_NOFORK : CK_FORK;
}

int srunner_ntests_failed(SRunner *sr)
{
    return sr ? sr->nfailed + sr->nerrors : 0;
}

int srunner_ntests_run(SRunner *sr)
{
    return sr ? sr->nrun : 0;
}

void srunner_free(SRunner *sr)
{
    if (sr == NULL)
        return;
    for (int i = 0; i < sr->nsuites; i++) {
        Suite *s = sr->suites[i];
        for (int j = 0; j < s->ntcs; j++) {
            TCase *tc = s->tcs[j];
            free(tc->tests);
            free(tc->checked);
            free(tc->unchecked);
            free(tc->name);
            free(tc);
        }
        free(s->tcs);
        free(s->name);
        free(s);
    }
    for (int i = 0; i < sr->nres; i++) {
        free(sr->res[i].where);
        free(sr->res[i].tcname);
        free(sr->res[i].tname);
        free(sr->res[i].msg);
    }
    free(sr->res);
    free(sr->suites);
    free(sr);
}

/* ---- inside a test ------------------------------------------------------- */

/* The last assertion passed (Check's "after this point"). */
static const char *mark_file = "";
static int mark_line;

static int in_test, forked, report_fd = -1;
static jmp_buf nofork_env;
static char *nofork_where, *nofork_msg;

void _mark_point(const char *file, int line)
{
    mark_file = file;
    mark_line = line;
}

void _ck_hex(char *out, const uint8_t *p, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = len > CK_MAX_ASSERT_MEM_PRINT_SIZE ? CK_MAX_ASSERT_MEM_PRINT_SIZE : len, i;
    for (i = 0; i < n; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
    out[2 * i] = '\0';
    if (n != len && n > 0)
        out[2 * n - 2] = out[2 * n - 1] = '.';
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

/* A forked test reports to its runner through a pipe: kind 'F' or 'E',
   then "file:line", then the message, each ended by a NUL. */
static void report(char kind, const char *where, const char *msg)
{
    write_all(report_fd, &kind, 1);
    write_all(report_fd, where, strlen(where) + 1);
    write_all(report_fd, msg, strlen(msg) + 1);
}

void _ck_assert_failed(const char *file, int line, const char *expr, const char *msg, ...)
{
    char *text;
    if (msg != NULL) {
        va_list ap;
        va_start(ap, msg);
        text = xvprintf(msg, ap);
        va_end(ap);
    } else {
        text = xstrdup(expr);
    }
    char *where = xprintf("%s:%d", file, line);
    if (in_test && forked) {
        report('F', where, text);
        fflush(stdout);
        fflush(stderr);
        _exit(1);
    }
    if (in_test) {
        nofork_where = where;
        nofork_msg = text;
        longjmp(nofork_env, 1);
    }
    /* outside any test (main, a suite builder): Check would fail the run */
    fprintf(stderr, "%s: %s\n", where, text);
    exit(1);
}

/* A fatal signal in a forked test: report where the test was, then die of
   the same signal so that the runner sees it. Only async-signal-safe calls. */
static void on_signal(int sig)
{
    char where[512], num[16];
    size_t n = 0, f = strlen(mark_file);
    if (f > sizeof where - 16)
        f = sizeof where - 16;
    memcpy(where, mark_file, f);
    n = f;
    where[n++] = ':';
    int l = mark_line, k = 0;
    do {
        num[k++] = (char)('0' + l % 10);
        l /= 10;
    } while (l > 0 && k < (int)sizeof num);
    while (k > 0)
        where[n++] = num[--k];
    where[n] = '\0';
    char kind = 'M';
    write_all(report_fd, &kind, 1);
    write_all(report_fd, where, n + 1);
    write_all(report_fd, "", 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void run_fixtures(const Fixture *f, int n, int setup)
{
    for (int i = 0; i < n; i++) {
        SFun fn = setup ? f[i].setup : f[n - 1 - i].teardown;
        if (fn)
            fn();
    }
}

static void add_result(SRunner *sr, int kind, const char *where, const TCase *tc,
                       const TTest *tt, int iter, const char *msg)
{
    sr->res = xrealloc(sr->res, sizeof *sr->res * (size_t)(sr->nres + 1));
    sr->res[sr->nres++] = (Result){ kind, xstrdup(where), xstrdup(tc->name),
                                    xstrdup(tt->name), xstrdup(msg), iter };
    if (kind == 1)
        sr->nfailed++;
    else
        sr->nerrors++;
}

static void run_forked(SRunner *sr, const TCase *tc, const Entry *e, int iter)
{
    int fd[2];
    fflush(stdout);
    fflush(stderr);
    if (pipe(fd) != 0) {
        perror("check shim: pipe");
        exit(1);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("check shim: fork");
        exit(1);
    }
    if (pid == 0) {
        close(fd[0]);
        report_fd = fd[1];
        in_test = forked = 1;
        _mark_point(e->tt->file, e->tt->line);
        static char altstack[65536];
        stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
        sigaltstack(&ss, NULL);
        static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS,
                                    SIGALRM };
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
            sigemptyset(&sa.sa_mask);
            sigaction(sigs[i], &sa, NULL);
        }
        if (tc->timeout > 0) {
            struct itimerval it;
            memset(&it, 0, sizeof it);
            it.it_value.tv_sec = (time_t)tc->timeout;
            it.it_value.tv_usec = (suseconds_t)((tc->timeout - (double)(time_t)tc->timeout) * 1e6);
            if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
                it.it_value.tv_usec = 1;
            setitimer(ITIMER_REAL, &it, NULL);
        }
        run_fixtures(tc->checked, tc->nchecked, 1);
        e->tt->fn(iter);
        run_fixtures(tc->checked, tc->nchecked, 0);
        fflush(stdout);
        fflush(stderr);
        _exit(0);
    }
    close(fd[1]);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap)
            buf = xrealloc(buf, cap = cap ? 2 * cap : 4096);
        ssize_t r = read(fd[0], buf + len, cap - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(fd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    /* the record, if any: kind, where, message */
    char kind = 0;
    const char *where = "", *msg = "";
    if (len >= 3) {
        buf = xrealloc(buf, len + 2);
        buf[len] = buf[len + 1] = '\0';
        kind = buf[0];
        where = buf + 1;
        msg = where + strlen(where) + 1;
        if (msg > buf + len)
            msg = "";
    }
    char fallback[600];
    if (kind == 0)   /* no assertion passed or failed yet: the test's own line */
        snprintf(fallback, sizeof fallback, "%s:%d", e->tt->file, e->tt->line);
    else
        snprintf(fallback, sizeof fallback, "%s", where);
    if (kind == 'F') {
        add_result(sr, 1, where, tc, e->tt, iter, msg);
    } else if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGALRM) {
            add_result(sr, 2, fallback, tc, e->tt, iter, "(after this point) Test timeout expired");
        } else if (sig != e->signal) {
            char *m = e->signal
                ? xprintf("Received signal %d (%s), expected %d (%s)", sig, strsignal(sig),
                          e->signal, strsignal(e->signal))
                : xprintf("(after this point) Received signal %d (%s)", sig, strsignal(sig));
            add_result(sr, e->signal ? 1 : 2, fallback, tc, e->tt, iter, m);
            free(m);
        }
    } else if (WIFEXITED(status)) {
        int code = WEXITSTATUS(status);
        if (e->signal) {
            char *m = xprintf("Received signal 0 (%s), expected %d (%s)", strsignal(0), e->signal,
                              strsignal(e->signal));
            add_result(sr, 1, fallback, tc, e->tt, iter, m);
            free(m);
        } else if (code != e->exit_value) {
            char *m = xprintf("(after this point) Early exit with return value %d", code);
            add_result(sr, 2, fallback, tc, e->tt, iter, m);
            free(m);
        }
    }
    free(buf);
}

static void run_nofork(SRunner *sr, const TCase *tc, const Entry *e, int iter)
{
    in_test = 1;
    forked = 0;
    _mark_point(e->tt->file, e->tt->line);
    if (setjmp(nofork_env) == 0) {
        run_fixtures(tc->checked, tc->nchecked, 1);
        e->tt->fn(iter);
        run_fixtures(tc->checked, tc->nchecked, 0);
    } else {
        add_result(sr, 1, nofork_where, tc, e->tt, iter, nofork_msg);
        free(nofork_where);
        free(nofork_msg);
        nofork_where = nofork_msg = NULL;
    }
    in_test = 0;
}

static int selected(const char *env, const char *name)
{
    const char *v = getenv(env);
    return v == NULL || *v == '\0' || strcmp(v, name) == 0;
}

void srunner_run(SRunner *sr, const char *sname, const char *tcname,
                 enum print_output print_mode)
{
    if (sr == NULL)
        return;
    if (print_mode == CK_ENV) {
        const char *v = getenv("CK_VERBOSITY");
        print_mode = !v ? CK_NORMAL
                     : strcmp(v, "silent") == 0  ? CK_SILENT
                     : strcmp(v, "minimal") == 0 ? CK_MINIMAL
                     : strcmp(v, "verbose") == 0 ? CK_VERBOSE
                                                 : CK_NORMAL;
    }
    int fork_mode = srunner_fork_status(sr) != CK_NOFORK;
    if (print_mode >= CK_MINIMAL) {
        printf("Running suite(s):");
        for (int i = 0; i < sr->nsuites; i++)
            printf(" %s\n", sr->suites[i]->name);
        fflush(stdout);
    }
    for (int i = 0; i < sr->nsuites; i++) {
        Suite *s = sr->suites[i];
        if ((sname && strcmp(sname, s->name) != 0) || !selected("CK_RUN_SUITE", s->name))
            continue;
        for (int j = 0; j < s->ntcs; j++) {
            TCase *tc = s->tcs[j];
            if ((tcname && strcmp(tcname, tc->name) != 0) || !selected("CK_RUN_CASE", tc->name))
                continue;
            run_fixtures(tc->unchecked, tc->nunchecked, 1);
            for (int k = 0; k < tc->ntests; k++) {
                const Entry *e = &tc->tests[k];
                for (int it = e->start; it < e->end; it++) {
                    int before = sr->nfailed + sr->nerrors;
                    if (fork_mode)
                        run_forked(sr, tc, e, it);
                    else
                        run_nofork(sr, tc, e, it);
                    sr->nrun++;
                    if (print_mode == CK_VERBOSE && sr->nfailed + sr->nerrors == before)
                        printf("%s:%d:P:%s:%s:%d: Passed\n", e->tt->file, e->tt->line,
                               tc->name, e->tt->name, it);
                }
            }
            run_fixtures(tc->unchecked, tc->nunchecked, 0);
        }
    }
    if (print_mode >= CK_MINIMAL) {
        int bad = sr->nfailed + sr->nerrors;
        int percent = bad == 0 ? 100
                      : sr->nrun == 0
                          ? 0
                          : (int)((float)(sr->nrun - bad) / (float)sr->nrun * 100);
        printf("%d%%: Checks: %d, Failures: %d, Errors: %d\n", percent, sr->nrun, sr->nfailed,
               sr->nerrors);
    }
    if (print_mode >= CK_NORMAL) {
        for (int i = 0; i < sr->nres; i++) {
            const Result *r = &sr->res[i];
            printf("%s:%s:%s:%s:%d: %s\n", r->where, r->failure == 1 ? "F" : "E", r->tcname,
                   r->tname, r->iter, r->msg);
        }
    }
    fflush(stdout);
}

void srunner_run_all(SRunner *sr, enum print_output print_mode)
{
    srunner_run(sr, NULL, NULL, print_mode);
}
