/*
 * diag.c - the one place diagnostics are printed.
 *
 *   file:line:col: error: message
 *       source line
 *       ^~~~~~
 *
 * Every stage reports through diag_error/diag_warning/diag_note with the
 * Loc of the offending construct; nobody formats a diagnostic by hand.
 */
#include "zcc.h"

#include <stdlib.h>
#include <string.h>

static int n_errors, n_warnings;
static bool muted;          /* the last error or warning was not shown: drop its notes */

#define SHOW_MAX 4096       /* longest source excerpt shown under a diagnostic */

void diag_reset(void)
{
    n_errors = 0;
    n_warnings = 0;
    muted = false;
}

int diag_error_count(void)
{
    return n_errors;
}

bool diag_too_many(void)
{
    return n_errors >= ZCC_MAX_ERRORS;
}

/* Prints the source line of loc with a caret and tildes under the span. */
static void show_line(Loc loc)
{
    Source *src = loc.src;
    if (!src || loc.first_line <= 0 || loc.first_offset < 0 ||
        (size_t)loc.first_offset > src->len)
        return;
    const char *start = src->text + loc.first_offset;
    while (start > src->text && start[-1] != '\n')
        start--;
    if (start == src->text && src->len >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0)
        start += 3;   /* the byte-order mark is not shown */
    const char *end = src->text + loc.first_offset;
    while (end < src->text + src->len && *end != '\n')
        end++;

    /* A very long line is cut to a window around the caret, so a hostile
       one-line schema cannot make each diagnostic megabytes long. */
    const char *caret = src->text + loc.first_offset;
    bool cut_left = false, cut_right = false;
    if (end - start > SHOW_MAX) {
        if (caret - start > SHOW_MAX / 2) {
            start = caret - SHOW_MAX / 2;
            cut_left = true;
        }
        if (end - start > SHOW_MAX) {
            end = start + SHOW_MAX;
            cut_right = true;
        }
    }

    /* Print the line with tabs and control bytes made visible as spaces,
       so the caret lines up. */
    fputs(cut_left ? "    ..." : "    ", stderr);
    for (const char *p = start; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        fputc(c < 0x20 || c == 0x7f ? ' ' : c, stderr);
    }
    fputs(cut_right ? "...\n    " : "\n    ", stderr);
    if (cut_left)
        fputs("   ", stderr);
    for (const char *p = start; p < caret; p++)
        fputc(' ', stderr);
    fputc('^', stderr);
    int span = loc.last_line == loc.first_line ? loc.last_offset - loc.first_offset : 1;
    for (int i = 1; i < span && caret + i < end; i++)
        fputc('~', stderr);
    fputc('\n', stderr);
}

static void report_text(Loc loc, const char *kind, const char *msg)
{
    if (loc.src)
        fprintf(stderr, "%s:%d:%d: %s: ", loc.src->path, loc.first_line,
                loc.first_column, kind);
    else
        fprintf(stderr, "zerocast: %s: ", kind);
    fputs(msg, stderr);
    fputc('\n', stderr);
    show_line(loc);
}

static void report(Loc loc, const char *kind, const char *fmt, va_list ap)
{
    report_text(loc, kind, xvformat(fmt, ap));
}

void diag_error(Loc loc, const char *fmt, ...)
{
    if (n_errors >= ZCC_MAX_ERRORS) {
        n_errors++;
        muted = true;
        return;
    }
    muted = false;
    va_list ap;
    va_start(ap, fmt);
    report(loc, "error", fmt, ap);
    va_end(ap);
    if (++n_errors == ZCC_MAX_ERRORS)
        fprintf(stderr, "zerocast: too many errors (%d), stopping\n", ZCC_MAX_ERRORS);
}

/* ---- warning options ---------------------------------------------------- */

static const char *const warning_names[W_COUNT] = {
    [W_ALWAYS_TRUE] = "always-true",
    [W_DUPLICATE_ENUM_VALUE] = "duplicate-enum-value",
    [W_REDUNDANT_ATTRIBUTE] = "redundant-attribute",
    [W_UNUSED_LENGTH] = "unused-length",
};

static bool w_off[W_COUNT];        /* -Wno-NAME */
static bool w_error[W_COUNT];      /* -Werror=NAME */
static bool w_error_set[W_COUNT];  /* -Werror=NAME or -Wno-error=NAME: not -Werror's to decide */
static bool w_all_off;             /* -w */
static bool w_all_error;           /* -Werror */

const char *warning_name(Warning w)
{
    return warning_names[w];
}

/* gcc spells its options with '-'; an @allow(NAME) argument is a schema
   identifier, so '_' stands for '-' there (and is accepted here too). */
static bool same_warning_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (*a != *b && !((*a == '_' || *a == '-') && (*b == '_' || *b == '-')))
            return false;
    return *a == *b;
}

int warning_lookup(const char *name)
{
    for (int w = 0; w < W_COUNT; w++)
        if (same_warning_name(name, warning_names[w]))
            return w;
    return -1;
}

const char *warning_suggest(const char *name)
{
    const char *best = NULL;
    int best_d = 0;
    int limit = (int)strlen(name) / 3 + 1;
    for (int w = 0; w < W_COUNT; w++) {
        int d = edit_distance(name, warning_names[w]);
        if (d <= limit && (!best || d < best_d)) {
            best = warning_names[w];
            best_d = d;
        }
    }
    return best;
}

bool warning_enabled(Warning w)
{
    return !w_all_off && !w_off[w];
}

/* One command-line argument: -w, -Wall, -Werror, -Wno-error, -WNAME,
   -Wno-NAME, -Werror=NAME, -Wno-error=NAME. Returns 1 if it was one of
   them, 0 if arg is not a warning option, -1 (reported) if it names no
   warning. */
int diag_option(const char *arg)
{
    if (strcmp(arg, "-w") == 0) {
        w_all_off = true;
        return 1;
    }
    if (strncmp(arg, "-W", 2) != 0)
        return 0;
    const char *name = arg + 2;
    if (strcmp(name, "all") == 0 || strcmp(name, "extra") == 0) {
        for (int w = 0; w < W_COUNT; w++)
            w_off[w] = false;
        return 1;
    }
    if (strcmp(name, "error") == 0 || strcmp(name, "no-error") == 0) {
        w_all_error = name[0] == 'e';
        return 1;
    }
    bool on = true, error = false;
    if (strncmp(name, "no-", 3) == 0) {
        on = false;
        name += 3;
    }
    if (strncmp(name, "error=", 6) == 0) {
        error = true;
        name += 6;
    }
    int w = warning_lookup(name);
    if (w < 0) {
        const char *best = warning_suggest(name);
        fprintf(stderr, "zerocast: error: unknown warning option '%s'%s%s%s (zerocast warns: always-true, "
                "duplicate-enum-value, redundant-attribute, unused-length)\n", arg,
                best ? "; did you mean '-W" : "", best ? best : "", best ? "'?" : "");
        return -1;
    }
    if (error) {
        w_error[w] = on;    /* -Wno-error=NAME: a warning again, not silenced */
        w_error_set[w] = true;
        if (on)
            w_off[w] = false;
    } else {
        w_off[w] = !on;
    }
    return 1;
}

void diag_warning(Warning w, Loc loc, const char *fmt, ...)
{
    if (!warning_enabled(w)) {
        muted = true;
        return;
    }
    va_list ap;
    if (w_error_set[w] ? w_error[w] : w_all_error) {
        /* -Werror: an error, counted and capped as one, named as gcc does */
        if (n_errors >= ZCC_MAX_ERRORS) {
            n_errors++;
            muted = true;
            return;
        }
        muted = false;
        va_start(ap, fmt);
        char *msg = xvformat(fmt, ap);
        va_end(ap);
        diag_error(loc, "%s [-Werror=%s]", msg, warning_names[w]);
        return;
    }
    muted = n_warnings >= ZCC_MAX_WARNINGS;
    if (muted) {
        if (n_warnings++ == ZCC_MAX_WARNINGS)
            fprintf(stderr, "zerocast: more than %d warnings; the rest are not shown\n", ZCC_MAX_WARNINGS);
        return;
    }
    n_warnings++;
    va_start(ap, fmt);
    char *msg = xvformat(fmt, ap);
    va_end(ap);
    report_text(loc, "warning", xformat("%s [-W%s]", msg, warning_names[w]));
}

void diag_note(Loc loc, const char *fmt, ...)
{
    if (muted)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(loc, "note", fmt, ap);
    va_end(ap);
}

/* A diagnostic with no source position (command line, I/O). */
void diag_plain(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("zerocast: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    n_errors++;
}

/* The exact source text of a span, with runs of white space folded. */
char *loc_text(Loc loc)
{
    if (!loc.src || loc.last_offset < loc.first_offset)
        return xstrdup("");
    const char *s = loc.src->text + loc.first_offset;
    size_t n = (size_t)(loc.last_offset - loc.first_offset);
    char *out = xalloc(n + 1);
    size_t j = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && j > 0)
            out[j++] = ' ';
        space = false;
        out[j++] = c;
    }
    out[j] = '\0';
    return out;
}

Loc loc_merge(Loc a, Loc b)
{
    Loc r = a;
    r.last_line = b.last_line;
    r.last_column = b.last_column;
    r.last_offset = b.last_offset;
    return r;
}
