/*
 * zerocast_build.h - the builder core: what every generated builder shares.
 *
 * Generated headers that have builders include it (after zerocast.h). A
 * builder (S_builder) is the struct's writable view `m`, whose m.v.zc_len
 * is the bytes built so far, and a zc_bcore `zc`: the rest of its state.
 * What is the same for every struct lives here once: making room, placing
 * the fields a caller skipped, opening and closing variable-size regions,
 * appending to them, nested builders, the sticky first failure. What is
 * particular to a struct is a `static const` table (zc_bdesc): one
 * zc_bfield per field (how to place it, its name for failures) and up to
 * three callbacks, for what only its own accessors can compute: whether an
 * optional field is present, a field placed with a value (a constant, a
 * nested struct's defaults), a length or count derived when a region
 * closes. docs/decisions.md, "Builder core in the runtime".
 *
 * The core reaches the builder's members through offsets in the table
 * (offsetof, never a pointer stored in the builder): a builder stays a
 * plain value that may be copied, and every access is to an object of the
 * member's own type (no strict-aliasing question). Nothing here allocates
 * or keeps global state; no input makes it write outside [buf, buf + cap).
 *
 * Everything below is internal to generated code: the names and members
 * may change between versions. Use the generated S_build(), S_put_F(), ...
 */
#ifndef ZEROCAST_BUILD_H
#define ZEROCAST_BUILD_H

#include "zerocast.h"

/* A generated header may be included after another one's enums: an enum
   named like a local below (`proto`, `msg`) is a global type name that
   the local shadows, harmlessly (nothing here names a schema's type),
   but gcc -Wshadow says so. Clang does not; it still checks the locals
   against each other. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The state of a builder, besides the message's view. */
typedef struct {
    size_t cap;          /* bytes available at the message's start */
    zc_status st;        /* the first failure: every later call returns it */
    int next;            /* the next field to place, in schema order */
    int open;            /* the variable-size field being appended to, or -1 */
    size_t start;        /* where it starts */
    size_t count;        /* elements appended to it */
    int sw;              /* the open switch, or -1 */
    int sw_last;         /* its last case */
    size_t sw_start;     /* where it starts */
    bool child;          /* a nested builder begun and not yet ended */
} zc_bcore;

/* A region whose length reads `remaining` (`data[remaining - pad_length]`):
   what it was given when it closed, kept for S_build_end(), where the end
   of the struct's region, and so `remaining`, is known. */
typedef struct {
    int64_t n;           /* its bytes, or elements for a count */
    size_t start;        /* where it starts */
    bool closed;         /* it was there (and so closed) */
} zc_blate;

/* How a field that was not put is placed (zc_bfield.kind). */
enum {
    ZC_BF_ROOM = 0,      /* `size` zeroed bytes (0 for a bit field after the
                            first of its group, which reserved them)      */
    ZC_BF_REGION = 1,    /* opens a variable-size region, empty           */
    ZC_BF_SWITCH = 2,    /* opens a switch's region, up to case `sw_last` */
    ZC_BF_NONE = 3       /* nothing but the struct's place() callback     */
};

/* zc_bfield.flags */
#define ZC_BF_PLACE 1    /* then the struct's place() writes it            */
#define ZC_BF_SIZED 2    /* closing it calls the struct's close()          */
#define ZC_BF_COUNTED 4  /* its size is its elements, not its bytes        */

/* One field of a struct, in schema order. */
typedef struct {
    const char *what;    /* "struct.field\0": names it in failures */
    uint32_t size;       /* ZC_BF_ROOM: bytes */
    uint8_t kind;        /* ZC_BF_ROOM .. ZC_BF_NONE */
    uint8_t flags;       /* ZC_BF_PLACE | ZC_BF_SIZED | ZC_BF_COUNTED */
    int16_t walk;        /* the m.v.zc_end[] entry set where it ends, or -1 */
    int16_t sw_last;     /* ZC_BF_SWITCH: the index of its last case */
} zc_bfield;

/* One struct's builder: its fields, where its members are, its callbacks
   (NULL: every field present, none placed with a value, none derived). */
typedef struct {
    const zc_bfield *f;
    int n;                                /* fields */
    const char *nested;                   /* "S\0a nested builder was begun and not ended" */
    size_t size;                          /* sizeof (S_builder) */
    size_t off_core, off_wbase, off_base, off_len, off_end;   /* zc, m.zc_wbase, m.v.zc_base, m.v.zc_len, m.v.zc_end */
    bool (*present)(const void *b, int k);
    zc_status (*place)(void *b, int k);
    zc_status (*close)(void *b, int k, int64_t n, size_t start);
} zc_bdesc;

/* The offsets of a zc_bdesc, from the builder, writable view and view
   types (B, M, V); END: whether the view has zc_end[]. */
#define ZC_BDESC_OFFS(B, M, V)                                                            \
    offsetof(B, zc), offsetof(B, m) + offsetof(M, zc_wbase),                              \
        offsetof(B, m) + offsetof(M, v) + offsetof(V, zc_base),                           \
        offsetof(B, m) + offsetof(M, v) + offsetof(V, zc_len)
#define ZC_BDESC_END(B, M, V) (offsetof(B, m) + offsetof(M, v) + offsetof(V, zc_end))

/* ---- the builder's members, through the table ---------------------------- */

ZC_INLINE void *zc_b_at_(void *b, size_t off)
{
    return (void *)((unsigned char *)b + off);
}

ZC_INLINE zc_bcore *zc_b_core_(void *b, const zc_bdesc *d)
{
    return (zc_bcore *)zc_b_at_(b, d->off_core);
}

ZC_INLINE size_t *zc_b_len_(void *b, const zc_bdesc *d)
{
    return (size_t *)zc_b_at_(b, d->off_len);
}

ZC_INLINE uint8_t *zc_b_wbase_(void *b, const zc_bdesc *d)
{
    return *(uint8_t **)zc_b_at_(b, d->off_wbase);
}

/* Sets m.v.zc_end[walk] (where a walked field ends) to the bytes built. */
ZC_INLINE void zc_b_walk_(void *b, const zc_bdesc *d, int walk)
{
    if (walk >= 0)
        ((size_t *)zc_b_at_(b, d->off_end))[walk] = *zc_b_len_(b, d);
}

ZC_INLINE bool zc_b_present_(void *b, const zc_bdesc *d, int k)
{
    return !d->present || d->present(b, k);
}

/* ---- the steps -------------------------------------------------------------- */

/* Starts building in buf[0, cap) (S_build()). */
ZC_UNUSED static inline void zc_b_init(void *b, const zc_bdesc *d, void *buf, size_t cap)
{
    zc_bcore *c = zc_b_core_(b, d);

    memset(b, 0, d->size);
    *(uint8_t **)zc_b_at_(b, d->off_wbase) = (uint8_t *)buf;
    *(const uint8_t **)zc_b_at_(b, d->off_base) = (const uint8_t *)buf;
    c->cap = buf ? cap : 0;
    c->open = -1;
    c->sw = -1;
}

/* Makes n more bytes part of the message, zeroed. */
ZC_INLINE zc_status zc_b_room(void *b, const zc_bdesc *d, size_t n, const char *what)
{
    size_t *len = zc_b_len_(b, d);

    if (zc_b_core_(b, d)->cap - *len < n)
        return zc_fail(ZC_ERR_SPACE, *len, what);
    if (n) {
        uint8_t *p = zc_b_wbase_(b, d) + *len;
        if (n <= 8)   /* most fields: no call */
            for (size_t i = 0; i < n; i++)
                p[i] = 0;
        else
            memset(p, 0, n);
        *len += n;
    }
    return zc_ok();
}

/* Region k, whose length reads `remaining`, closes (a struct's close()):
   its size and start are kept for S_build_end(), which settles it. */
ZC_INLINE void zc_b_late_keep(zc_blate *l, int64_t n, size_t start)
{
    l->n = n;
    l->start = start;
    l->closed = true;
}

/* Opens field k as the region being appended to. */
ZC_INLINE void zc_b_open_region_(void *b, const zc_bdesc *d, int k)
{
    zc_bcore *c = zc_b_core_(b, d);

    c->open = k;
    c->start = *zc_b_len_(b, d);
    c->count = 0;
}

/* Closes region k (a field or a switch) that started at `start`: where it
   ends, and its length derived or checked. */
ZC_UNUSED static inline zc_status zc_b_close_(void *b, const zc_bdesc *d, int k, size_t start)
{
    const zc_bfield *f = &d->f[k];
    int64_t n = (int64_t)(*zc_b_len_(b, d) - start);

    zc_b_walk_(b, d, f->walk);
    if (!(f->flags & ZC_BF_SIZED) || !d->close)
        return zc_ok();
    if (f->flags & ZC_BF_COUNTED)
        n = (int64_t)zc_b_core_(b, d)->count;
    return d->close(b, k, n, start);
}

/* Places field k with its default. */
ZC_INLINE zc_status zc_b_place_(void *b, const zc_bdesc *d, int k)
{
    const zc_bfield *f = &d->f[k];
    zc_bcore *c = zc_b_core_(b, d);

    if (!zc_b_present_(b, d, k)) {
        zc_b_walk_(b, d, f->walk);
        return zc_ok();
    }
    switch (f->kind) {
    case ZC_BF_ROOM:
        if (f->size) {
            zc_status st = zc_b_room(b, d, f->size, f->what);
            if (st.code != ZC_OK)
                return st;
        }
        break;
    case ZC_BF_REGION:
        zc_b_open_region_(b, d, k);
        break;
    case ZC_BF_SWITCH:
        c->sw = k;
        c->sw_last = f->sw_last;
        c->sw_start = *zc_b_len_(b, d);
        break;
    default:
        break;
    }
    if ((f->flags & ZC_BF_PLACE) && d->place)
        return d->place(b, k);
    return zc_ok();
}

/* Places every field before k that was not put, and closes the regions
   that end before k. */
ZC_UNUSED static inline zc_status zc_b_reach(void *b, const zc_bdesc *d, int k, const char *what)
{
    zc_bcore *c = zc_b_core_(b, d);
    size_t *len = zc_b_len_(b, d);
    zc_status st = c->st;

    if (st.code == ZC_OK && c->child)
        st = zc_fail(ZC_ERR_ORDER, *len, d->nested);
    if (st.code == ZC_OK && k < c->next)
        st = zc_fail(ZC_ERR_ORDER, *len, what);
    while (st.code == ZC_OK) {
        if (c->open >= 0 && c->open < k) {
            int r = c->open;
            c->open = -1;
            st = zc_b_close_(b, d, r, c->start);
        } else if (c->sw >= 0 && c->sw_last < k && c->next > c->sw_last) {
            int r = c->sw;
            c->sw = -1;
            st = zc_b_close_(b, d, r, c->sw_start);
        } else if (c->next < k) {
            st = zc_b_place_(b, d, c->next++);
        } else {
            break;
        }
    }
    c->st = st;
    return st;
}

/* Reaches field k and checks that it is present: the next call may write it. */
ZC_UNUSED static inline zc_status zc_b_enter(void *b, const zc_bdesc *d, int k, const char *what)
{
    zc_bcore *c = zc_b_core_(b, d);
    zc_status st = zc_b_reach(b, d, k, what);

    if (st.code == ZC_OK && !zc_b_present_(b, d, k))
        st = c->st = zc_fail(ZC_ERR_ABSENT, *zc_b_len_(b, d), what);
    if (st.code == ZC_OK)
        c->next = k + 1;
    return st;
}

/* Before a fixed-size field k is set: every field up to it placed, and it
   present (S_put_F() of integers and fixed byte arrays). */
ZC_UNUSED static inline zc_status zc_b_put(void *b, const zc_bdesc *d, int k)
{
    zc_status st = zc_b_reach(b, d, k + 1, d->f[k].what);

    if (st.code == ZC_OK && !zc_b_present_(b, d, k))
        st = zc_b_core_(b, d)->st = zc_fail(ZC_ERR_ABSENT, *zc_b_len_(b, d), d->f[k].what);
    return st;
}

/* Sticks a setter's failure (st as the setter returned it). */
ZC_UNUSED static inline zc_status zc_b_set(void *b, const zc_bdesc *d, zc_status st)
{
    if (st.code != ZC_OK)
        zc_b_core_(b, d)->st = st;
    return st;
}

/* Enters region k and opens it, unless it is open already (appends). */
ZC_UNUSED static inline zc_status zc_b_append_to(void *b, const zc_bdesc *d, int k)
{
    zc_bcore *c = zc_b_core_(b, d);
    zc_status st = c->st;

    if (st.code == ZC_OK && c->child)
        st = c->st = zc_fail(ZC_ERR_ORDER, *zc_b_len_(b, d), d->nested);
    if (st.code == ZC_OK && !(c->open == k && c->next == k + 1)) {
        st = zc_b_enter(b, d, k, d->f[k].what);
        if (st.code == ZC_OK)
            zc_b_open_region_(b, d, k);
    }
    return st;
}

/* Enters field k, a region written once (a nested struct), and opens it. */
ZC_UNUSED static inline zc_status zc_b_enter_region(void *b, const zc_bdesc *d, int k)
{
    zc_status st = zc_b_enter(b, d, k, d->f[k].what);

    if (st.code == ZC_OK)
        zc_b_open_region_(b, d, k);
    return st;
}

/* Appends n bytes copied from src to the open region k (st: so far). */
ZC_UNUSED static inline zc_status zc_b_copy_(void *b, const zc_bdesc *d, int k, zc_status st, const void *src, size_t n)
{
    if (st.code == ZC_OK)
        st = zc_b_core_(b, d)->st = zc_b_room(b, d, n, d->f[k].what);
    if (st.code == ZC_OK && n)
        memmove(zc_b_wbase_(b, d) + *zc_b_len_(b, d) - n, src, n);
    return st;
}

/* Appends n bytes to byte array k (S_put_F() of variable byte arrays). */
ZC_UNUSED static inline zc_status zc_b_append(void *b, const zc_bdesc *d, int k, const void *src, size_t n)
{
    return zc_b_copy_(b, d, k, zc_b_append_to(b, d, k), src, n);
}

/* A copy of the n bytes of a view as nested struct k or, with `elem`, as
   one more element of array k (S_put_F() of structs). */
ZC_UNUSED static inline zc_status zc_b_put_view(void *b, const zc_bdesc *d, int k, bool elem, const void *src, size_t n)
{
    zc_status st = elem ? zc_b_append_to(b, d, k) : zc_b_enter_region(b, d, k);

    st = zc_b_copy_(b, d, k, st, src, n);
    if (st.code == ZC_OK)
        zc_b_core_(b, d)->count++;
    return st;
}

/* An extern field k: n bytes that its measure found `size` long (st). */
ZC_UNUSED static inline zc_status zc_b_put_measured(void *b, const zc_bdesc *d, int k, zc_status st, size_t size,
                                             const void *src, size_t n, const char *after)
{
    if (st.code == ZC_OK && size != n)
        st = zc_fail(ZC_ERR_MALFORMED, size, after);
    if (st.code != ZC_OK)
        return zc_b_core_(b, d)->st = zc_fail_nested(st, *zc_b_len_(b, d));
    zc_b_open_region_(b, d, k);
    return zc_b_copy_(b, d, k, st, src, n);
}

/* The room left at the end of the message, for byte array k (S_open_F()). */
ZC_UNUSED static inline zc_wbytes zc_b_open(void *b, const zc_bdesc *d, int k)
{
    zc_status st = zc_b_append_to(b, d, k);
    uint8_t *w = zc_b_wbase_(b, d);
    size_t len = *zc_b_len_(b, d);

    return zc_wbytes_make(w ? w + len : NULL, st.code == ZC_OK ? zc_b_core_(b, d)->cap - len : 0);
}

/* Room, at most what a derived length can describe: `most` bytes in all,
   `used` of them written. */
ZC_INLINE size_t zc_b_most(size_t room, int64_t most, int64_t used)
{
    if (most < used)
        return 0;
    return (uint64_t)(most - used) < room ? (size_t)(most - used) : room;
}

/* Appends the n bytes written at S_open_F()'s pointer to byte array k. */
ZC_UNUSED static inline zc_status zc_b_commit(void *b, const zc_bdesc *d, int k, size_t n)
{
    zc_bcore *c = zc_b_core_(b, d);
    size_t *len = zc_b_len_(b, d);
    zc_status st = c->st;

    if (st.code == ZC_OK && (c->child || !(c->open == k && c->next == k + 1)))
        st = c->st = zc_fail(ZC_ERR_ORDER, *len, d->f[k].what);
    if (st.code == ZC_OK && c->cap - *len < n)
        st = c->st = zc_fail(ZC_ERR_SPACE, *len, d->f[k].what);
    if (st.code == ZC_OK)
        *len += n;
    return st;
}

/* Begins child builder ch (described by cd) for nested struct k or, with
   `elem`, one more element of array k, at the end of the message
   (S_begin_F()). Every other call on b waits for zc_b_end(). */
ZC_UNUSED static inline zc_status zc_b_begin(void *b, const zc_bdesc *d, int k, bool elem, void *ch, const zc_bdesc *cd)
{
    zc_bcore *c = zc_b_core_(b, d);
    zc_status st = elem ? zc_b_append_to(b, d, k) : zc_b_enter_region(b, d, k);
    uint8_t *w = zc_b_wbase_(b, d);
    size_t len = *zc_b_len_(b, d);

    zc_b_init(ch, cd, w ? w + len : NULL, st.code == ZC_OK ? c->cap - len : 0);
    if (st.code == ZC_OK)
        c->child = true;
    return st;
}

/* Whether ch (described by cd) is the child begun for field k (S_end_F(),
   before the child's own S_build_end()). */
ZC_UNUSED static inline zc_status zc_b_end(void *b, const zc_bdesc *d, int k, bool elem, void *ch, const zc_bdesc *cd,
                                    const char *what)
{
    zc_bcore *c = zc_b_core_(b, d);
    uint8_t *w = zc_b_wbase_(b, d), *cw = zc_b_wbase_(ch, cd);
    size_t len = *zc_b_len_(b, d);
    zc_status st = c->st;

    if (st.code == ZC_OK && (!c->child || c->open != k || c->next != k + 1 || cw != (w ? w + len : NULL) ||
                             (!elem && c->count != 0)))
        return c->st = zc_fail(ZC_ERR_ORDER, len, what);
    if (st.code == ZC_OK)
        c->child = false;
    return st;
}

/* Appends the child that its S_build_end() finished with st, n bytes. */
ZC_UNUSED static inline zc_status zc_b_ended(void *b, const zc_bdesc *d, zc_status st, size_t n)
{
    zc_bcore *c = zc_b_core_(b, d);
    size_t *len = zc_b_len_(b, d);

    if (st.code != ZC_OK)
        return c->st = zc_fail_nested(st, *len);
    *len += n;
    c->count++;
    return st;
}

/* Places nested struct ch (described by cd) with its defaults at the end
   of the message (wbase, *len, cap): a place() callback. */
ZC_UNUSED static inline zc_status zc_b_default(void *ch, const zc_bdesc *cd, uint8_t *wbase, size_t *len, size_t cap,
                                        const char *what)
{
    zc_status st;

    zc_b_init(ch, cd, wbase ? wbase + *len : NULL, cap - *len);
    st = zc_b_reach(ch, cd, cd->n, what);
    if (st.code != ZC_OK)
        return zc_fail_nested(st, *len);
    *len += *zc_b_len_(ch, cd);
    return st;
}

/* The end of S_build_end(): st from S_parse_mut() of the bytes built,
   which parsed as n bytes. */
ZC_UNUSED static inline zc_status zc_b_parsed(void *b, const zc_bdesc *d, zc_status st, size_t n, const char *shorter)
{
    if (st.code == ZC_OK && n != *zc_b_len_(b, d))
        st = zc_fail(ZC_ERR_MALFORMED, n, shorter);
    zc_b_core_(b, d)->st = st;
    return st;
}

/* A varint derived from a region's size (d's close()): varint field
   `what` at [start, end[walk]) takes value v, in its shortest encoding.
   When that is longer than the bytes the field has (one, placed when the
   caller did not put it), the bytes after it move up to make room: every
   walk entry from `walk` on that lies at or after its old end moves with
   them, and so does an open switch's start. Nothing is allocated; the
   cost is one memmove of the bytes after the field. (docs/decisions.md,
   "Varints: derivation".) */
ZC_UNUSED static inline zc_status zc_b_varint_derive(void *b, const zc_bdesc *d, size_t start, int walk, int nwalk,
                                                     uint64_t v, unsigned leb_max, const char *what)
{
    size_t *len = zc_b_len_(b, d), *end = (size_t *)zc_b_at_(b, d->off_end);
    size_t old_end = end[walk], had = old_end - start, tail = *len - old_end;
    size_t need = leb_max ? zc_leb128_len(v) : zc_quic_varint_len(v);
    zc_bcore *c = zc_b_core_(b, d);

    if (need == 0 || (leb_max && need > leb_max) || had == 0 || had > 10u)
        return zc_fail(ZC_ERR_RANGE, start, what);
    if (need > had) {
        size_t grow = (need - had) & 15u;   /* 1..9; the mask tells gcc -O2 so */
        zc_status st = zc_b_room(b, d, grow, what);
        uint8_t *w = zc_b_wbase_(b, d);

        if (st.code != ZC_OK)
            return st;
        memmove(w + old_end + grow, w + old_end, tail);
        for (int j = walk; j < nwalk; j++)
            if (end[j] >= old_end)
                end[j] += grow;
        if (c->sw >= 0 && c->sw_start >= old_end)
            c->sw_start += grow;
        if (c->open >= 0 && c->start >= old_end)
            c->start += grow;
    } else {
        need = had;   /* keeps its width: a longer encoding is valid too */
    }
    if ((leb_max ? zc_leb128_encode(zc_b_wbase_(b, d) + start, need, v)
                 : zc_quic_varint_encode(zc_b_wbase_(b, d) + start, need, v)) == 0)
        return zc_fail(ZC_ERR_RANGE, start, what);
    return zc_ok();
}

#ifdef __cplusplus
}
#endif

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif /* ZEROCAST_BUILD_H */
