/*
 * zerocast_dns.h - the DNS domain name as a zerocast extern type
 * (RFC 1035 sections 3.1 and 4.1.4), plus safe helpers to validate, print
 * and compare names that use message compression.
 *
 * Header-only, allocation-free, no global state; needs only zerocast.h and
 * <stdbool.h>. Compiles as C99/C11/C17 and C++17 without warnings under the
 * same flags as zerocast.h.
 *
 * ---- The extern-type contract ---------------------------------------------
 *
 * A schema field of extern type NAME is parsed by hand-written C. Generated
 * code relies on exactly these two declarations (copy them for your own
 * extern types):
 *
 *   // the view: where the field's bytes are, in place (zero-copy)
 *   typedef struct { const uint8_t *zc_base; size_t zc_len; } NAME_view;
 *
 *   // How many bytes the field occupies at p, never reading p[avail] or
 *   // beyond. ZC_OK and *size in 1..avail; or a failure status whose
 *   // offset is relative to p and whose field literal is "NAME\0detail"
 *   // (see zc_fail in zerocast.h). Must not allocate, must terminate in
 *   // O(avail).
 *   static inline zc_status NAME_zc_measure(const uint8_t *p, size_t avail,
 *                                           size_t *size);
 *
 * ---- dns_name ----------------------------------------------------------------
 *
 * On the wire a name is a run of labels, each a length byte 1..63 and that
 * many bytes, ended by either a zero byte (the root) or a 2-byte
 * compression pointer (top bits 11, then a 14-bit offset from the start of
 * the DNS message) to the rest of the name somewhere earlier in the message.
 *
 *   dns_name_zc_measure()   the in-place bytes only: it has no message, so
 *                           it cannot follow a pointer. Use it to find where
 *                           the next field starts.
 *   zc_dns_name_check()     the whole name, following pointers inside the
 *                           message. Call it before trusting a name.
 *   zc_dns_name_decode()    dotted text, as dig prints it (no final dot).
 *   zc_dns_name_equals()    case-insensitive comparison with dotted text.
 *   zc_dns_name_iter_*()    the labels one by one (what the others use).
 *
 * and, for writing messages with generated builders (whose put_name calls
 * take one wire-format name):
 *
 *   zc_dns_name_encode()    dotted text to an uncompressed wire name.
 *   zc_dns_name_unpack()    a name of one message, pointers followed, as
 *                           an uncompressed wire name to put in another.
 *   zc_dns_name_pointer()   the 2-byte compression pointer to an offset.
 *
 * check, decode, equals and the iterator each validate the whole name by
 * themselves, so each is safe on any input without a prior check.
 *
 * Rules and limits (every failure is a zc_status; its field literal is
 * "dns_name" and its detail one of the ZC_DNS_E_* texts below):
 *
 *   - A length byte 0x40..0xbf (top bits 01: extended label types, RFC
 *     6891, of which only the obsolete bit-string label was ever defined;
 *     top bits 10: reserved) is ZC_ERR_MALFORMED "unknown label type".
 *     This is also how a label longer than 63 bytes shows up: a length of
 *     64 or more *is* one of these bit patterns, so it gets no code of its
 *     own.
 *   - The name's wire length (length bytes + label bytes + the final zero
 *     byte, after following pointers) may be at most 255
 *     (ZC_DNS_NAME_MAX_WIRE); a longer name is ZC_ERR_LIMIT, reported at
 *     the length byte of the label that crosses the limit.
 *   - dns_name_zc_measure() applies that limit to the in-place labels (a
 *     label that cannot fit in any valid name is an error now). Its *size
 *     is therefore at most 255 for a name that ends in place, and at most
 *     256 for one that ends in a pointer (254 bytes of labels + 2 pointer
 *     bytes; the pointer must lead to at least the root's zero byte).
 *   - Input that ends inside the name is ZC_ERR_TRUNCATED.
 *   - Pointers (check, decode, equals, iterator): the target must lie
 *     inside the message ("pointer target outside the message"), strictly
 *     below the pointer itself ("pointer points forward", which includes a
 *     pointer to itself), and strictly below the start of the labels the
 *     pointer continues: the start of the name for the first pointer, the
 *     previous pointer's target after that ("pointer loops"). All three
 *     are ZC_ERR_MALFORMED. The last rule is BIND's (dns_name_fromwire)
 *     and is what makes loops impossible: "below the pointer" alone is not
 *     enough, since a pointer at 10 to offset 5, where 5 holds a 4-byte
 *     label, sends the walk from 5 over 6..9 back to the pointer at 10,
 *     again and again (only the length limit would end it). Compressors
 *     only ever point at names written earlier, so real messages always
 *     satisfy it.
 *   - Where several rules fail at the same byte, the order is: truncation
 *     of that byte, label type, length limit, truncation of the label; for
 *     a pointer: cut short, outside, forward, loops, too many. So a label
 *     that would overflow 255 bytes is ZC_ERR_LIMIT even if the input also
 *     ends inside it (more input could not make it valid).
 *   - At most ZC_DNS_NAME_MAX_POINTERS (127) pointers are followed; one
 *     more is ZC_ERR_LIMIT. (A valid name has at most 127 labels, so only a
 *     chain of pointers to pointers can reach this.)
 *   - Offsets in statuses from check, decode and the iterator are
 *     relative to the start of the message; measure's are relative to p.
 *
 * Cost: each function does O(1) work (at most 127 labels and 127 pointers)
 * whatever the message length.
 */
#ifndef ZEROCAST_DNS_H
#define ZEROCAST_DNS_H

#include "zerocast.h"

#ifndef __cplusplus
#include <stdbool.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Longest name on the wire (length bytes + labels + final 0), RFC 1035. */
#define ZC_DNS_NAME_MAX_WIRE 255
/* Most compression pointers one name may follow. */
#define ZC_DNS_NAME_MAX_POINTERS 127
/*
 * Bytes that always hold zc_dns_name_decode()'s output, NUL included. The
 * worst case is labels of 63, 63, 63 and 61 unprintable bytes (the longest
 * wire name in the fewest labels): 250 \DDD escapes of 4 characters, 3 dots
 * and the NUL.
 */
#define ZC_DNS_NAME_TEXT_MAX 1004

/* The failure details (status.field is "dns_name", these follow its NUL). */
#define ZC_DNS_E_PAST_END     "dns_name\0" "name runs past the end of the input"
#define ZC_DNS_E_LABEL_END    "dns_name\0" "label runs past the end of the input"
#define ZC_DNS_E_POINTER_CUT  "dns_name\0" "pointer cut short"
#define ZC_DNS_E_LABEL_TYPE   "dns_name\0" "unknown label type"
#define ZC_DNS_E_TOO_LONG     "dns_name\0" "name longer than 255 bytes"
#define ZC_DNS_E_OUTSIDE      "dns_name\0" "pointer target outside the message"
#define ZC_DNS_E_FORWARD      "dns_name\0" "pointer points forward"
#define ZC_DNS_E_LOOP         "dns_name\0" "pointer loops"
#define ZC_DNS_E_POINTERS     "dns_name\0" "too many compression pointers"
#define ZC_DNS_E_NOT_IN_MSG   "dns_name\0" "name is not inside the message"
#define ZC_DNS_E_SPACE        "dns_name\0" "output buffer too small"
/* ... and those of the writing helpers (encode: offsets into the text). */
#define ZC_DNS_E_EMPTY_LABEL  "dns_name\0" "empty label"
#define ZC_DNS_E_LABEL_LONG   "dns_name\0" "label longer than 63 bytes"
#define ZC_DNS_E_FAR          "dns_name\0" "pointer target beyond offset 16383"

/* The largest offset a compression pointer can hold (14 bits). */
#define ZC_DNS_POINTER_MAX 0x3fff

/* const void * to const uint8_t *: implicit in C, static_cast in C++. */
#ifdef __cplusplus
#define ZC_DNS_BYTES_(p) static_cast<const uint8_t *>(p)
#else
#define ZC_DNS_BYTES_(p) (p)
#endif

#ifdef ZC_DEBUG
#define ZC_DNS_ASSERT_(c) ZC_ASSERT(c)
#else
#define ZC_DNS_ASSERT_(c) ((void)0)
#endif

/* ---- the extern type --------------------------------------------------- */

/* A name's in-place bytes: its labels up to and including the final zero
   byte or compression pointer. */
typedef struct {
    const uint8_t *zc_base;
    size_t zc_len;
} dns_name_view;

/*
 * The extern-type measure (see the contract above): the number of in-place
 * bytes of the name at p. Never reads p[avail] or beyond; does not follow
 * pointers. On failure *size is 0.
 */
/*@ requires \valid_read(p + (0 .. avail - 1)) && \valid(size);
    assigns *size;
    ensures \result.code == ZC_OK ==> 1 <= *size <= avail && *size <= ZC_DNS_NAME_MAX_WIRE + 1;
    ensures \result.code != ZC_OK ==> *size == 0; */
static inline zc_status dns_name_zc_measure(const uint8_t *p, size_t avail, size_t *size)
{
    size_t i = 0; /* offset of the next length byte = wire bytes so far */

    *size = 0;
    /*@ loop invariant 0 <= i <= avail && i < ZC_DNS_NAME_MAX_WIRE && *size == 0;
        loop assigns i;
        loop variant avail - i; */
    for (;;) {
        unsigned b;
        if (i >= avail)
            return zc_fail(ZC_ERR_TRUNCATED, i, ZC_DNS_E_PAST_END);
        b = p[i];
        if (b == 0) {
            *size = i + 1;
            return zc_ok();
        }
        if (b >= 0xc0) {
            if (avail - i < 2)
                return zc_fail(ZC_ERR_TRUNCATED, i, ZC_DNS_E_POINTER_CUT);
            *size = i + 2;
            return zc_ok();
        }
        if (b > 63)
            return zc_fail(ZC_ERR_MALFORMED, i, ZC_DNS_E_LABEL_TYPE);
        if (i + b + 2 > ZC_DNS_NAME_MAX_WIRE)  /* + this length byte + a final 0 */
            return zc_fail(ZC_ERR_LIMIT, i, ZC_DNS_E_TOO_LONG);
        if (b > avail - i - 1)
            return zc_fail(ZC_ERR_TRUNCATED, i, ZC_DNS_E_LABEL_END);
        i += 1 + (size_t)b;
    }
}

/* ---- label iterator ------------------------------------------------------ */

enum { ZC_DNS_ITER_WALKING_, ZC_DNS_ITER_DONE_, ZC_DNS_ITER_FAILED_ };

/*
 * Walks a name's labels, following compression pointers, validating as it
 * goes. Fields are for reading (named like zc_iter's in zerocast.h); change
 * them only through the functions.
 *
 *   zc_dns_name_iter it;
 *   zc_bytes label;
 *   zc_dns_name_iter_init(&it, msg, msg_len, name);
 *   while (zc_dns_name_iter_next(&it, &label))
 *       use(label.ptr, label.len);           // 1..63 bytes, in msg
 *   if (zc_dns_name_iter_status(&it).code != ZC_OK) ...
 */
typedef struct {
    const uint8_t *zc_msg;
    size_t zc_msg_len;
    size_t zc_start;     /* offset of the name in the message               */
    size_t zc_pos;       /* offset of the next length byte                  */
    size_t zc_end;       /* reads stay below this: the view's end until the
                            first pointer, then the message's end           */
    size_t zc_lowest;    /* the next pointer must point below this          */
    size_t zc_wire_len;  /* length bytes + labels so far; at the end, with
                            the final 0, the name's wire length (<= 255)    */
    size_t zc_in_place;  /* the name's in-place size, once known (else 0)   */
    unsigned zc_pointers; /* pointers followed                              */
    int zc_state;        /* ZC_DNS_ITER_WALKING_, _DONE_ or _FAILED_        */
    zc_status zc_st;     /* ZC_OK, or why the walk failed                   */
} zc_dns_name_iter;

/*
 * Starts a walk over `name` inside the message msg[0, msg_len). The view
 * must start inside the message and end inside it (else the walk fails with
 * ZC_ERR_MALFORMED "name is not inside the message"); the in-place labels
 * must end within the view. A view from dns_name_zc_measure() fits exactly;
 * a longer one (such as "the rest of the message") works too.
 */
static inline void zc_dns_name_iter_init(zc_dns_name_iter *it, const void *msg, size_t msg_len,
                                         dns_name_view name)
{
    const uintptr_t m = (uintptr_t)msg, b = (uintptr_t)name.zc_base;

    memset(it, 0, sizeof *it);
    it->zc_msg = ZC_DNS_BYTES_(msg);
    it->zc_msg_len = msg_len;
    it->zc_st = zc_ok();
    it->zc_state = ZC_DNS_ITER_WALKING_;
    /* Integer comparison: the view may point anywhere, even into another
       object, and relational operators on unrelated pointers are UB. */
    if (!msg || !name.zc_base || b < m || b - m >= msg_len || name.zc_len > msg_len - (b - m)) {
        it->zc_state = ZC_DNS_ITER_FAILED_;
        it->zc_st = zc_fail(ZC_ERR_MALFORMED, msg && b >= m && b - m < msg_len ? (size_t)(b - m) : 0,
                             ZC_DNS_E_NOT_IN_MSG);
        return;
    }
    it->zc_start = it->zc_pos = it->zc_lowest = (size_t)(b - m);
    it->zc_end = it->zc_start + name.zc_len;
}

/* Stops the walk with a failure. Returns false for zc_dns_name_iter_next. */
static inline bool zc_dns_name_iter_fail_(zc_dns_name_iter *it, zc_code code, size_t offset,
                                          const char *what)
{
    it->zc_state = ZC_DNS_ITER_FAILED_;
    it->zc_st = zc_fail(code, offset, what);
    return false;
}

/*
 * The next label: true and *label = its bytes (1..63, inside the message);
 * false at the end of the name or on an error (then see
 * zc_dns_name_iter_status). Keeps returning false once it has.
 */
static inline bool zc_dns_name_iter_next(zc_dns_name_iter *it, zc_bytes *label)
{
    while (it->zc_state == ZC_DNS_ITER_WALKING_) {
        const size_t pos = it->zc_pos;
        unsigned b;

        ZC_DNS_ASSERT_(it->zc_end <= it->zc_msg_len && it->zc_lowest <= pos);
        if (pos >= it->zc_end)
            return zc_dns_name_iter_fail_(it, ZC_ERR_TRUNCATED, pos, ZC_DNS_E_PAST_END);
        b = it->zc_msg[pos];
        if (b == 0) {
            it->zc_wire_len += 1;
            it->zc_pos = pos + 1;
            if (it->zc_pointers == 0)
                it->zc_in_place = it->zc_pos - it->zc_start;
            it->zc_state = ZC_DNS_ITER_DONE_;
            return false;
        }
        if (b >= 0xc0) {
            size_t target;
            if (it->zc_end - pos < 2)
                return zc_dns_name_iter_fail_(it, ZC_ERR_TRUNCATED, pos, ZC_DNS_E_POINTER_CUT);
            target = ((size_t)(b & 0x3fu) << 8) | it->zc_msg[pos + 1];
            if (target >= it->zc_msg_len)
                return zc_dns_name_iter_fail_(it, ZC_ERR_MALFORMED, pos, ZC_DNS_E_OUTSIDE);
            if (target >= pos)
                return zc_dns_name_iter_fail_(it, ZC_ERR_MALFORMED, pos, ZC_DNS_E_FORWARD);
            if (target >= it->zc_lowest)
                return zc_dns_name_iter_fail_(it, ZC_ERR_MALFORMED, pos, ZC_DNS_E_LOOP);
            if (it->zc_pointers >= ZC_DNS_NAME_MAX_POINTERS)
                return zc_dns_name_iter_fail_(it, ZC_ERR_LIMIT, pos, ZC_DNS_E_POINTERS);
            if (it->zc_pointers++ == 0)
                it->zc_in_place = pos + 2 - it->zc_start;
            it->zc_lowest = it->zc_pos = target;
            it->zc_end = it->zc_msg_len;
            continue;
        }
        if (b > 63)
            return zc_dns_name_iter_fail_(it, ZC_ERR_MALFORMED, pos, ZC_DNS_E_LABEL_TYPE);
        if (it->zc_wire_len + b + 2 > ZC_DNS_NAME_MAX_WIRE)
            return zc_dns_name_iter_fail_(it, ZC_ERR_LIMIT, pos, ZC_DNS_E_TOO_LONG);
        if (b > it->zc_end - pos - 1)
            return zc_dns_name_iter_fail_(it, ZC_ERR_TRUNCATED, pos, ZC_DNS_E_LABEL_END);
        label->ptr = it->zc_msg + pos + 1;
        label->len = b;
        it->zc_wire_len += 1 + (size_t)b;
        it->zc_pos = pos + 1 + b;
        return true;
    }
    return false;
}

/* ZC_OK unless the walk has failed (a walk still under way is ZC_OK). */
static inline zc_status zc_dns_name_iter_status(const zc_dns_name_iter *it)
{
    return it->zc_st;
}

/* ---- whole-name operations ---------------------------------------------- */

/*
 * Validates the whole name, following compression pointers within
 * msg[0, msg_len). ZC_OK, or the first problem (offset relative to msg).
 */
static inline zc_status zc_dns_name_check(const void *msg, size_t msg_len, dns_name_view name)
{
    zc_dns_name_iter it;
    zc_bytes label;

    zc_dns_name_iter_init(&it, msg, msg_len, name);
    while (zc_dns_name_iter_next(&it, &label))
        ;
    return it.zc_st;
}

/*
 * The presentation form of byte c inside a label, as BIND/dig write it:
 * the byte itself, a backslash and the byte for the characters that are
 * special in zone files ("().;\@$ and the double quote), or \DDD (three
 * decimal digits) outside 0x21..0x7e. Returns the length (1, 2 or 4).
 */
static inline size_t zc_dns_escape_(unsigned c, char unit[4])
{
    switch (c) {
    case '"': case '(': case ')': case '.': case ';': case '\\': case '@': case '$':
        unit[0] = '\\';
        unit[1] = (char)c;
        return 2;
    default:
        break;
    }
    if (c >= 0x21 && c <= 0x7e) {
        unit[0] = (char)c;
        return 1;
    }
    unit[0] = '\\';
    unit[1] = (char)('0' + c / 100);
    unit[2] = (char)('0' + c / 10 % 10);
    unit[3] = (char)('0' + c % 10);
    return 4;
}

/* Appends one unit to the text if it still fits whole (with room for the
   NUL); once one does not fit, nothing more is written. Counts it anyway. */
static inline void zc_dns_put_(char *out, size_t cap, size_t *n, size_t *kept, const char *unit,
                               size_t len)
{
    if (*kept == *n && *n + len < cap) {
        memcpy(out + *kept, unit, len);
        *kept += len;
    }
    *n += len;
}

/*
 * Writes the name as dotted text, the way dig prints it but without the
 * final dot: "www.example.com"; the root is ".". Label bytes are escaped
 * as BIND does (see zc_dns_escape_): "a\.b" is one label holding a dot,
 * "\\" a backslash, "\000" a zero byte, "\255" the byte 0xff.
 *
 * Results:
 *   ZC_OK            out holds the text and a NUL; *out_len = its length
 *   ZC_ERR_SPACE     cap is too small: out holds as many whole characters
 *                    and escapes as fit, then a NUL (if cap > 0);
 *                    *out_len = the length the whole text needs (without
 *                    the NUL), so cap = *out_len + 1 will do. The offset is
 *                    the name's. ZC_DNS_NAME_TEXT_MAX always suffices.
 *   anything else    the name is invalid (same status as
 *                    zc_dns_name_check, whatever cap is): out is "" (if
 *                    cap > 0), *out_len = 0
 * Never writes out[cap] or beyond. out may be NULL when cap is 0; out_len
 * may be NULL.
 */
static inline zc_status zc_dns_name_decode(const void *msg, size_t msg_len, dns_name_view name,
                                           char *out, size_t cap, size_t *out_len)
{
    zc_dns_name_iter it;
    zc_bytes label;
    size_t n = 0, kept = 0, i;
    char unit[4];

    zc_dns_name_iter_init(&it, msg, msg_len, name);
    while (zc_dns_name_iter_next(&it, &label)) {
        if (n > 0)
            zc_dns_put_(out, cap, &n, &kept, ".", 1);
        for (i = 0; i < label.len; i++) {
            const size_t len = zc_dns_escape_(label.ptr[i], unit);
            zc_dns_put_(out, cap, &n, &kept, unit, len);
        }
    }
    if (it.zc_st.code != ZC_OK) {
        if (cap > 0)
            out[0] = '\0';
        if (out_len)
            *out_len = 0;
        return it.zc_st;
    }
    if (n == 0)
        zc_dns_put_(out, cap, &n, &kept, ".", 1);
    ZC_DNS_ASSERT_(n < ZC_DNS_NAME_TEXT_MAX && kept <= n && (cap == 0 || kept < cap));
    if (cap > 0)
        out[kept] = '\0';
    if (out_len)
        *out_len = n;
    return kept == n && n < cap ? zc_ok() : zc_fail(ZC_ERR_SPACE, it.zc_start, ZC_DNS_E_SPACE);
}

/* ASCII-only lower case: bytes outside A-Z are unchanged. */
static inline unsigned zc_dns_lower_(unsigned c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*
 * True if the wire name equals the dotted name, comparing A-Z and a-z as
 * equal (RFC 4343) and every other byte exactly. No copy is made.
 *
 * `dotted`: labels separated by '.', with or without a final '.'; "." and
 * "" are the root. Escapes are NOT interpreted: '.' always separates labels
 * and '\' is an ordinary character, so a wire label that contains a dot or
 * a zero byte never equals anything. An empty label ("a..b", ".a") never
 * matches. An invalid wire name (see zc_dns_name_check) and a NULL
 * `dotted` compare unequal.
 */
static inline bool zc_dns_name_equals(const void *msg, size_t msg_len, dns_name_view name,
                                      const char *dotted)
{
    zc_dns_name_iter it;
    zc_bytes label;
    const char *d = dotted;
    size_t i;

    if (!d)
        return false;
    if (d[0] == '.' && d[1] == '\0')
        d++; /* "." is the root, like "" */
    zc_dns_name_iter_init(&it, msg, msg_len, name);
    while (zc_dns_name_iter_next(&it, &label)) {
        for (i = 0; i < label.len; i++) {
            const unsigned c = (unsigned char)d[i];
            if (c == '\0' || c == '.' || zc_dns_lower_(c) != zc_dns_lower_(label.ptr[i]))
                return false;
        }
        d += label.len;
        if (*d == '.')
            d++; /* separator, or the optional final dot */
        else if (*d != '\0')
            return false; /* the dotted label is longer */
    }
    return it.zc_st.code == ZC_OK && *d == '\0';
}

/* ---- writing names ------------------------------------------------------- */

/*
 * Encodes dotted text as an uncompressed wire-format name, the form a
 * generated builder's put_name call takes: "www.example.com" becomes
 * 03 'www' 07 'example' 03 'com' 00. The text follows zc_dns_name_equals()'s
 * rules, so a name encoded from a text equals that text: '.' separates
 * labels, one final '.' is optional, "" and "." are the root, escapes are
 * not interpreted, bytes (case included) are copied as they are.
 *
 * Results (offsets are into the text):
 *   ZC_OK             out[0, *out_len) holds the name: at most 255 bytes,
 *                     so ZC_DNS_NAME_MAX_WIRE bytes of out always suffice
 *   ZC_ERR_MALFORMED  "empty label" ("a..b" at 2, ".a" at 0); also a NULL
 *                     text (at 0)
 *   ZC_ERR_LIMIT      "label longer than 63 bytes" at the label, or "name
 *                     longer than 255 bytes" at the label that crosses it
 *   ZC_ERR_SPACE      cap is too small: nothing is written, *out_len = the
 *                     size the name needs
 * On the other failures *out_len is 0 and nothing is written. The text is
 * checked whole before anything is written, and out[cap] and beyond are
 * never written. out may be NULL when cap is 0; out_len may be NULL.
 */
static inline zc_status zc_dns_name_encode(const char *dotted, uint8_t *out, size_t cap,
                                           size_t *out_len)
{
    size_t i = 0, start, n = 0;

    if (out_len)
        *out_len = 0;
    if (!dotted)
        return zc_fail(ZC_ERR_MALFORMED, 0, ZC_DNS_E_EMPTY_LABEL);
    if (dotted[0] == '.' && dotted[1] == '\0')
        i = 1; /* "." is the root, like "" */
    /* first pass: check every label and measure */
    while (dotted[i] != '\0') {
        size_t len;
        start = i;
        while (dotted[i] != '\0' && dotted[i] != '.' && i - start <= 63)
            i++;
        len = i - start;
        if (len == 0)
            return zc_fail(ZC_ERR_MALFORMED, start, ZC_DNS_E_EMPTY_LABEL);
        if (len > 63)
            return zc_fail(ZC_ERR_LIMIT, start, ZC_DNS_E_LABEL_LONG);
        if (n + len + 2 > ZC_DNS_NAME_MAX_WIRE) /* + its length byte + a final 0 */
            return zc_fail(ZC_ERR_LIMIT, start, ZC_DNS_E_TOO_LONG);
        n += 1 + len;
        if (dotted[i] == '.')
            i++; /* a separator, or the optional final dot */
    }
    n += 1;
    if (out_len)
        *out_len = n;
    if (n > cap)
        return zc_fail(ZC_ERR_SPACE, 0, ZC_DNS_E_SPACE);
    /* second pass: write */
    i = dotted[0] == '.' && dotted[1] == '\0' ? 1 : 0;
    n = 0;
    while (dotted[i] != '\0') {
        start = i;
        while (dotted[i] != '\0' && dotted[i] != '.')
            i++;
        out[n] = (uint8_t)(i - start);
        memcpy(out + n + 1, dotted + start, i - start);
        n += 1 + (i - start);
        if (dotted[i] == '.')
            i++;
    }
    out[n] = 0;
    return zc_ok();
}

/*
 * Copies the name `name` of the message msg[0, msg_len) into out as an
 * uncompressed wire-format name, following its compression pointers. Use
 * it to put a name read from one message into a builder for another: a
 * pointer copied as it is would point into the wrong message.
 *
 * Results:
 *   ZC_OK             out[0, *out_len) holds the name (at most 255 bytes:
 *                     ZC_DNS_NAME_MAX_WIRE bytes of out always suffice)
 *   ZC_ERR_SPACE      cap is too small: *out_len = the size needed; out
 *                     holds the whole labels that fitted (not a name yet).
 *                     The offset is the name's.
 *   anything else     the name is invalid, with zc_dns_name_check()'s
 *                     status; *out_len = 0
 * Never writes out[cap] or beyond. out may be NULL when cap is 0; out_len
 * may be NULL.
 */
static inline zc_status zc_dns_name_unpack(const void *msg, size_t msg_len, dns_name_view name,
                                           uint8_t *out, size_t cap, size_t *out_len)
{
    zc_dns_name_iter it;
    zc_bytes label;
    size_t n = 0;
    bool fits = true; /* stays false once a label did not fit */

    zc_dns_name_iter_init(&it, msg, msg_len, name);
    while (zc_dns_name_iter_next(&it, &label)) {
        if (fits && label.len + 1 <= cap - n) {
            out[n] = (uint8_t)label.len;
            memcpy(out + n + 1, label.ptr, label.len);
        } else {
            fits = false;
        }
        n += 1 + label.len;
    }
    if (it.zc_st.code != ZC_OK) {
        if (out_len)
            *out_len = 0;
        return it.zc_st;
    }
    if (fits && n < cap)
        out[n] = 0;
    else
        fits = false;
    n += 1;
    ZC_DNS_ASSERT_(n <= ZC_DNS_NAME_MAX_WIRE);
    if (out_len)
        *out_len = n;
    return fits ? zc_ok() : zc_fail(ZC_ERR_SPACE, it.zc_start, ZC_DNS_E_SPACE);
}

/*
 * Writes the compression pointer to the name at `offset` from the start of
 * the message into out[0..1] (top bits 11, then the 14-bit offset), for a
 * builder's put_name: e.g. an answer's owner pointing at the question's
 * name. ZC_ERR_RANGE "pointer target beyond offset 16383" (out untouched)
 * if the offset does not fit in 14 bits. Whether a name really lies at
 * `offset` is the caller's business (zc_dns_name_check() of the result
 * tells).
 */
static inline zc_status zc_dns_name_pointer(size_t offset, uint8_t out[2])
{
    if (offset > ZC_DNS_POINTER_MAX)
        return zc_fail(ZC_ERR_RANGE, 0, ZC_DNS_E_FAR);
    out[0] = (uint8_t)(0xc0u | (offset >> 8));
    out[1] = (uint8_t)(offset & 0xffu);
    return zc_ok();
}

#ifdef __cplusplus
}
#endif

#endif /* ZEROCAST_DNS_H */
