/*
 * fuzz_dns_name.c - libFuzzer target for runtime/zerocast_dns.h.
 *
 * The input is a DNS message. At every offset it measures a name
 * (dns_name_zc_measure) and validates it (zc_dns_name_check, on the exact
 * view and on the rest of the message). At offset 12 (where a message's
 * first name starts) and at the offsets its first two bytes (the message
 * ID) and its last two bytes name (as big-endian numbers modulo the size)
 * it also walks it with the label iterator, decodes it at several
 * capacities (into exact-size heap buffers, so ASan sees any overflow) and
 * compares it with four of a list of fixed names (which four depends on
 * the offset) and with variations of its own text. It aborts if any of
 * these disagree:
 *
 *   - measure fails  =>  check of the rest of the message fails the same
 *     way (same code, detail, and offset + the name's offset);
 *     measure succeeds => 1 <= size <= min(avail, 256), and check of the
 *     exact view and of the rest of the message give the same status;
 *   - the iterator stops with check's status; on success its labels are
 *     1..63 bytes, wire_len (length bytes + labels + 0) <= 255 and equals
 *     the sum, in_place equals measure's size;
 *   - decode fails exactly when check does, with the same status, whatever
 *     the capacity (out is "" and *out_len 0); otherwise it succeeds iff
 *     cap > needed length, the text is at most ZC_DNS_NAME_TEXT_MAX - 1
 *     (<= 4 * 255) long, ZC_ERR_SPACE leaves a NUL-terminated prefix of
 *     the text, and un-escaping the text gives back exactly the labels;
 *   - equals agrees with a reference (split on '.', ASCII case folding)
 *     on fixed names, on the decoded text and on variations of it, and is
 *     true for the decoded text whenever that has no escapes (equals does
 *     not interpret escapes, so "a\.b" cannot match the label "a.b"); an
 *     invalid name equals nothing.
 *
 * Build (see tests/fuzz/fuzz.mk):
 *   clang -std=c11 -DZC_DEBUG -O1 -g -fsanitize=fuzzer,address,undefined \
 *       -fno-sanitize-recover=all -Iruntime tests/fuzz/fuzz_dns_name.c
 */
#include <stdio.h>
#include <stdlib.h>

#include "zerocast_dns.h"

#define CHECK(c)                                                                 \
    do {                                                                         \
        if (!(c)) {                                                              \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #c); \
            abort();                                                             \
        }                                                                        \
    } while (0)

/* The harness's own reference code is left out of coverage: its branches
   say nothing about the code under test, and tracing its comparisons cost
   more than half of the run time. */
#if defined(__clang__)
#define NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define NO_COVERAGE
#endif

/* Same code, offset, field and detail (literals compared by content). */
NO_COVERAGE static bool same_status(zc_status a, zc_status b)
{
    const char *da, *db;
    if (a.code != b.code || a.offset != b.offset)
        return false;
    if (a.code == ZC_OK)
        return true;
    if (!a.field || !b.field || strcmp(a.field, b.field) != 0)
        return false;
    da = zc_status_detail(a);
    db = zc_status_detail(b);
    return (!da && !db) || (da && db && strcmp(da, db) == 0);
}

static dns_name_view mkview(const uint8_t *p, size_t n)
{
    dns_name_view v;
    v.zc_base = p;
    v.zc_len = n;
    return v;
}

/* The name's labels as uncompressed wire bytes (length-prefixed, then 0). */
typedef struct {
    uint8_t b[512];
    size_t n;
    unsigned labels;
} wire;

/* Walks with the iterator; returns its final status, fills w. */
static zc_status walk(const uint8_t *msg, size_t len, dns_name_view v, wire *w, size_t *in_place)
{
    zc_dns_name_iter it;
    zc_bytes l;

    w->n = 0;
    w->labels = 0;
    zc_dns_name_iter_init(&it, msg, len, v);
    while (zc_dns_name_iter_next(&it, &l)) {
        CHECK(l.len >= 1 && l.len <= 63);
        CHECK(l.ptr >= msg && l.ptr + l.len <= msg + len);
        CHECK(w->n + 1 + l.len < sizeof w->b);
        w->b[w->n++] = (uint8_t)l.len;
        memcpy(w->b + w->n, l.ptr, l.len);
        w->n += l.len;
        w->labels++;
    }
    CHECK(!zc_dns_name_iter_next(&it, &l)); /* stays stopped */
    if (it.zc_st.code == ZC_OK) {
        w->b[w->n++] = 0;
        CHECK(it.zc_wire_len == w->n);
        CHECK(w->n <= ZC_DNS_NAME_MAX_WIRE);
        CHECK(it.zc_pointers <= ZC_DNS_NAME_MAX_POINTERS);
        CHECK(it.zc_in_place >= 1);
    }
    *in_place = it.zc_in_place;
    return zc_dns_name_iter_status(&it);
}

/* Un-escapes decode's text into wire bytes; false if it is not well formed. */
NO_COVERAGE static bool unescape(const char *t, wire *w)
{
    size_t lab = 0; /* index of the current length byte */

    w->n = 0;
    if (strcmp(t, ".") == 0) {
        w->b[w->n++] = 0;
        return true;
    }
    w->b[w->n++] = 0;
    while (*t) {
        unsigned c = (unsigned char)*t++;
        if (c == '.') {
            if (w->b[lab] == 0)
                return false;
            lab = w->n;
            w->b[w->n++] = 0;
            continue;
        }
        if (c == '\\') {
            if (t[0] >= '0' && t[0] <= '9') {
                if (!(t[1] >= '0' && t[1] <= '9' && t[2] >= '0' && t[2] <= '9'))
                    return false;
                c = (unsigned)(t[0] - '0') * 100 + (unsigned)(t[1] - '0') * 10 + (unsigned)(t[2] - '0');
                if (c > 255)
                    return false;
                t += 3;
            } else if (*t) {
                c = (unsigned char)*t++;
            } else {
                return false;
            }
        }
        if (w->n + 2 >= sizeof w->b)
            return false;
        w->b[w->n++] = (uint8_t)c;
        w->b[lab]++;
    }
    if (w->b[lab] == 0)
        return false;
    w->b[w->n++] = 0;
    return true;
}

NO_COVERAGE static unsigned lower(unsigned c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Reference for zc_dns_name_equals on a valid name given as wire bytes:
   drop one final '.', split the rest on every '.', compare part by part. */
NO_COVERAGE static bool ref_equals(const wire *w, const char *dotted)
{
    size_t len = strlen(dotted), i = 0, j = 0;

    if (len == 1 && dotted[0] == '.')
        len = 0;
    else if (len > 0 && dotted[len - 1] == '.')
        len--;
    if (len == 0)
        return w->b[0] == 0;
    for (;;) {
        size_t n = w->b[i], k = j;
        while (k < len && dotted[k] != '.')
            k++;
        if (n == 0 || k - j != n)
            return false;
        for (size_t m = 0; m < n; m++)
            if (lower((unsigned char)dotted[j + m]) != lower(w->b[i + 1 + m]))
                return false;
        i += 1 + n;
        if (k == len)
            return w->b[i] == 0;
        j = k + 1;
    }
}

/* Decodes into an exact heap block of `cap` bytes and checks the result. */
static void decode_cap(const uint8_t *msg, size_t len, dns_name_view v, zc_status chk,
                       const char *full, size_t need, size_t cap)
{
    char *out = cap ? malloc(cap) : NULL;
    size_t n = 77777;
    zc_status s;

    if (cap)
        CHECK(out != NULL);
    if (out)
        memset(out, 'X', cap);
    s = zc_dns_name_decode(msg, len, v, out, cap, &n);
    if (chk.code != ZC_OK) {
        CHECK(same_status(s, chk));
        CHECK(n == 0);
        CHECK(cap == 0 || out[0] == '\0');
    } else if (cap > need) {
        CHECK(s.code == ZC_OK);
        CHECK(n == need);
        CHECK(strcmp(out, full) == 0);
    } else {
        CHECK(s.code == ZC_ERR_SPACE);
        CHECK(s.offset == (uint32_t)(v.zc_base - msg));
        CHECK(n == need);
        if (cap) {
            const char *nul = memchr(out, '\0', cap);
            size_t got;
            CHECK(nul != NULL);
            got = (size_t)(nul - out);
            CHECK(memcmp(out, full, got) == 0);
            CHECK(got + 4 >= cap - 1); /* cut only to keep an escape whole */
        }
    }
    free(out);
}

static void equals_vs_ref(const uint8_t *msg, size_t len, dns_name_view v, const wire *w,
                          bool valid, const char *dotted)
{
    bool got = zc_dns_name_equals(msg, len, v, dotted);
    CHECK(got == (valid && ref_equals(w, dotted)));
}

/* Names every input is compared with: the seeds' names in several cases,
   the root both ways, and ones equals must never match (empty labels). */
static const char *const fixed[] = {
    "", ".", "com", "example.com", "www.example.com", "WWW.Example.COM.", "example.com..",
    ".example.com", "www..example.com", "a\\.b", "x", "example.test", "EXAMPLE.Test.",
    "nothing.invalid",
};
#define NFIXED (sizeof fixed / sizeof fixed[0])

/* The name at data[o]: measure and check agree; if `full`, everything
   else too. */
static void one_name(const uint8_t *data, size_t size, size_t o, bool full)
{
    size_t sz = 99999, in_place = 0, need = 0;
    zc_status m = dns_name_zc_measure(data + o, size - o, &sz);
    const dns_name_view rest = mkview(data + o, size - o);
    const zc_status c_rest = zc_dns_name_check(data, size, rest);
    zc_status chk;
    dns_name_view v;
    wire w, back;
    static char text[ZC_DNS_NAME_TEXT_MAX + 8];
    char var[ZC_DNS_NAME_TEXT_MAX + 8];

    if (m.code != ZC_OK) {
        CHECK(sz == 0);
        CHECK(m.field && strcmp(m.field, "dns_name") == 0 && zc_status_detail(m));
        /* check meets the same in-place problem first */
        CHECK(c_rest.code == m.code && c_rest.offset == m.offset + o);
        CHECK(strcmp(zc_status_detail(c_rest), zc_status_detail(m)) == 0);
        v = rest;
        chk = c_rest;
    } else {
        CHECK(sz >= 1 && sz <= size - o && sz <= ZC_DNS_NAME_MAX_WIRE + 1);
        v = mkview(data + o, sz);
        chk = zc_dns_name_check(data, size, v);
        CHECK(same_status(chk, c_rest));
    }
    if (!full)
        return;

    CHECK(same_status(walk(data, size, v, &w, &in_place), chk));
    if (chk.code == ZC_OK)
        CHECK(in_place == sz);

    /* decode, big enough */
    {
        size_t n = 5555;
        zc_status d = zc_dns_name_decode(data, size, v, text, ZC_DNS_NAME_TEXT_MAX, &n);
        if (chk.code != ZC_OK) {
            CHECK(same_status(d, chk));
            CHECK(n == 0 && text[0] == '\0');
        } else {
            CHECK(d.code == ZC_OK);
            CHECK(n == strlen(text));
            CHECK(n >= 1 && n <= ZC_DNS_NAME_TEXT_MAX - 1 && n <= 4 * 255);
            CHECK(unescape(text, &back));
            CHECK(back.n == w.n && memcmp(back.b, w.b, w.n) == 0);
            need = n;
        }
    }

    /* decode into exact heap blocks: at the exact fit, one byte short, and
       a cap below that (0 and 1 among them). Every name gets one cap; a
       quarter of them (chosen by the input) all three. */
    decode_cap(data, size, v, chk, text, need, (o + data[o]) % (need + 2));
    if ((o + data[0]) % 4 == 0) {
        decode_cap(data, size, v, chk, text, need, need + 1);
        decode_cap(data, size, v, chk, text, need, need);
    }

    /* equals: 4 fixed names, which 4 depends on the offset (an invalid
       name equals none of them) */
    for (size_t i = o; i < o + 4; i++) {
        if (chk.code != ZC_OK)
            CHECK(!zc_dns_name_equals(data, size, v, fixed[i % NFIXED]));
        else
            equals_vs_ref(data, size, v, &w, true, fixed[i % NFIXED]);
    }
    if (chk.code != ZC_OK)
        return;
    if (!strchr(text, '\\'))
        CHECK(zc_dns_name_equals(data, size, v, text));
    equals_vs_ref(data, size, v, &w, true, text);
    /* case flipped */
    for (size_t i = 0; i <= need; i++) {
        char c = text[i];
        var[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    equals_vs_ref(data, size, v, &w, true, var);
    if (!strchr(text, '\\'))
        CHECK(zc_dns_name_equals(data, size, v, var));
    /* with a final dot, and two */
    memcpy(var, text, need);
    memcpy(var + need, "..", 3);
    equals_vs_ref(data, size, v, &w, true, var);
    var[need + 1] = '\0';
    equals_vs_ref(data, size, v, &w, true, var);
    /* one character short */
    memcpy(var, text, need + 1);
    var[need - 1] = '\0';
    equals_vs_ref(data, size, v, &w, true, var);
    if (need > 1 && !strchr(text, '\\'))
        CHECK(!zc_dns_name_equals(data, size, v, var));
    /* the input bytes from o on as a dotted name */
    {
        size_t n = size - o < 300 ? size - o : 300;
        memcpy(var, data + o, n);
        var[n] = '\0';
        equals_vs_ref(data, size, v, &w, true, var);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t sz;

    /* nothing at all: measure reports truncation at 0 */
    CHECK(dns_name_zc_measure(data, 0, &sz).code == ZC_ERR_TRUNCATED && sz == 0);
    /* Every offset; the full checks at three (at all of them the target
       ran at a tenth of the speed, and slower as inputs grew): where a
       message's first name starts, and the offsets its first two and its
       last two bytes choose (modulo the size). */
    if (size >= 2) {
        const size_t first = ((size_t)data[0] << 8 | data[1]) % size;
        const size_t last = ((size_t)data[size - 2] << 8 | data[size - 1]) % size;
        for (size_t o = 0; o < size; o++)
            one_name(data, size, o, o == 12 || o == first || o == last);
    } else if (size == 1) {
        one_name(data, size, 0, true);
    }
    if (size > 0) {
        /* a view outside the message is refused, never followed */
        CHECK(zc_dns_name_check(data, size - 1, mkview(data + size - 1, 1)).code == ZC_ERR_MALFORMED);
        CHECK(zc_dns_name_check(data + 1, size - 1, mkview(data, 1)).code == ZC_ERR_MALFORMED);
    }
    return 0;
}
