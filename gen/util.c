/*
 * util.c - arena allocation, growable vectors and small string helpers.
 *
 * The compiler is a short-lived process: every allocation goes to one arena
 * that is released as a whole by arena_free_all(), so stages never free
 * individual nodes and there are no ownership rules to get wrong.
 *
 * Under AddressSanitizer the arena tells ASan what it hands out: a block's
 * free space stays poisoned, each allocation is unpoisoned to exactly the
 * bytes asked for, and a poisoned red zone follows it. So a read or write
 * one byte past a node or string (into the rounding, the red zone or the
 * next allocation) is reported as use-after-poison, not only one that
 * leaves the 64 KiB block (tests/unit/test_arena.c). Other builds do not
 * pay for this.
 */
#include "zcc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define ZCC_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZCC_ARENA_ASAN 1
#endif
#endif

#ifdef ZCC_ARENA_ASAN
#include <sanitizer/asan_interface.h>
enum { REDZONE = 16 };
#define POISON(p, n)   __asan_poison_memory_region((p), (n))
#define UNPOISON(p, n) __asan_unpoison_memory_region((p), (n))
#else
enum { REDZONE = 0 };
#define POISON(p, n)   ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

typedef struct Block Block;
struct Block {
    Block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

static Block *arena;

static void out_of_memory(void)
{
    fputs("zerocast: fatal error: out of memory\n", stderr);
    exit(3);
}

void *xalloc(size_t size)
{
    if (size > SIZE_MAX / 2)
        out_of_memory();
    size_t need = ((size + 15) & ~(size_t)15) + REDZONE;
    if (!arena || arena->cap - arena->used < need) {
        size_t cap = need > 65536 ? need : 65536;
        /* calloc: gcc takes poisoning (a const pointer argument) for a
           read of the block and would warn about uninitialized memory. */
        Block *b = calloc(1, sizeof(Block) + cap);
        if (!b)
            out_of_memory();
        b->next = arena;
        b->used = 0;
        b->cap = cap;
        POISON(b->data, cap);
        arena = b;
    }
    void *p = arena->data + arena->used;
    arena->used += need;
    UNPOISON(p, size);
    memset(p, 0, size);
    return p;
}

void arena_free_all(void)
{
    while (arena) {
        Block *next = arena->next;
        UNPOISON(arena->data, arena->cap);
        free(arena);
        arena = next;
    }
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xvformat(const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        out_of_memory();
    char *p = xalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *xformat(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = xvformat(fmt, ap);
    va_end(ap);
    return p;
}

void vec_push(Vec *v, void *item)
{
    if (v->len == v->cap) {
        int cap = v->cap ? v->cap * 2 : 8;
        void **data = xalloc(sizeof(void *) * (size_t)cap);
        if (v->len)
            memcpy(data, v->data, sizeof(void *) * (size_t)v->len);
        v->data = data;
        v->cap = cap;
    }
    v->data[v->len++] = item;
}

char *str_upper(const char *s)
{
    char *p = xstrdup(s);
    for (char *q = p; *q; q++)
        *q = (char)toupper((unsigned char)*q);
    return p;
}

const char *path_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Edit distance with adjacent transpositions (optimal string alignment),
   case-insensitive, for "did you mean" suggestions: "UPD" is 1 from "UDP". */
int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 1000;
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            int best = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* ---- string-keyed hash map (open addressing, arena-backed) ------------- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return h;
}

void *map_get(Map *m, const char *key)
{
    if (!m->cap)
        return NULL;
    for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return NULL;
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

void map_put(Map *m, const char *key, void *val)
{
    if ((m->len + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        const char **keys = xalloc(sizeof(char *) * cap);
        void **vals = xalloc(sizeof(void *) * cap);
        for (size_t j = 0; j < m->cap; j++) {
            if (!m->keys[j])
                continue;
            size_t i = hash_str(m->keys[j]) & (cap - 1);
            while (keys[i])
                i = (i + 1) & (cap - 1);
            keys[i] = m->keys[j];
            vals[i] = m->vals[j];
        }
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    if (!m->keys[i])
        m->len++;
    m->keys[i] = key;
    m->vals[i] = val;
}
