/*
 * out.c - zcdump's output: one buffer in front of stdout, and the few
 * formatters every output mode needs (numbers, hex, addresses, JSON
 * strings). printf costs more than the decoding; these do not. main.c
 * flushes after every packet when the output must be line-buffered.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "zcdump.h"

#define OUT_CAP (1u << 16)

static char out_buf[OUT_CAP];
static size_t out_len;
static char out_last;     /* the last character written, flushed or not */
static bool out_error;

void zd_out_flush(void)
{
    if (out_len && fwrite(out_buf, 1, out_len, stdout) != out_len)
        out_error = true;
    out_len = 0;
    if (fflush(stdout) != 0)
        out_error = true;
}

bool zd_out_failed(void)
{
    return out_error || ferror(stdout);
}

void zd_putn(const char *s, size_t n)
{
    if (n > 0)
        out_last = s[n - 1];
    while (n > 0) {
        size_t room = OUT_CAP - out_len, k = n < room ? n : room;
        memcpy(out_buf + out_len, s, k);
        out_len += k;
        s += k;
        n -= k;
        if (out_len == OUT_CAP)
            zd_out_flush();
    }
}

void zd_putc(char c)
{
    if (out_len == OUT_CAP)
        zd_out_flush();
    out_buf[out_len++] = c;
    out_last = c;
}

char zd_out_last(void)
{
    return out_last;
}

void zd_puts(const char *s)
{
    zd_putn(s, strlen(s));
}

void zd_putu(uint64_t v)
{
    char d[24];
    size_t i = sizeof d;
    do {
        d[--i] = (char)('0' + (char)(v % 10));
        v /= 10;
    } while (v);
    zd_putn(d + i, sizeof d - i);
}

void zd_puti(int64_t v)
{
    if (v < 0) {
        zd_putc('-');
        zd_putu(0u - (uint64_t)v);   /* |v| without overflow, INT64_MIN too */
    } else {
        zd_putu((uint64_t)v);
    }
}

static const char hexdig[] = "0123456789abcdef";

void zd_putx(uint64_t v, unsigned min_digits)
{
    char d[16];
    size_t i = sizeof d;
    do {
        d[--i] = hexdig[v & 0xfu];
        v >>= 4;
    } while (v || sizeof d - i < min_digits);
    zd_putn(d + i, sizeof d - i);
}

/* Two hex digits per byte value, built once. */
static char hexpair[256][2];
static bool hexpair_ready;

void zd_puthex(const uint8_t *p, size_t n)
{
    if (!hexpair_ready) {
        for (unsigned b = 0; b < 256; b++) {
            hexpair[b][0] = hexdig[b >> 4];
            hexpair[b][1] = hexdig[b & 0xfu];
        }
        hexpair_ready = true;
    }
    while (n > 0) {
        size_t room = (OUT_CAP - out_len) / 2, k = n < room ? n : room;
        char *o = out_buf + out_len;
        for (size_t i = 0; i < k; i++) {
            memcpy(o + 2 * i, hexpair[p[i]], 2);
        }
        out_len += 2 * k;
        p += k;
        n -= k;
        if (n > 0)
            zd_out_flush();
    }
}

void zd_put_mac(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            zd_putc(':');
        zd_putc(hexdig[p[i] >> 4]);
        zd_putc(hexdig[p[i] & 0xfu]);
    }
}

void zd_put_ipv4(const uint8_t *p)
{
    for (int i = 0; i < 4; i++) {
        if (i)
            zd_putc('.');
        zd_putu(p[i]);
    }
}

void zd_put_ipv6(const uint8_t *p)
{
    char text[INET6_ADDRSTRLEN];
    if (inet_ntop(AF_INET6, p, text, sizeof text))
        zd_puts(text);
    else
        zd_puthex(p, 16);
}

void zd_put_json_string(const char *s)
{
    zd_putc('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            zd_putc('\\');
            zd_putc((char)c);
        } else if (c < 0x20 || c >= 0x7f) {
            /* DNS names are escaped to printable ASCII already; this keeps
               the output valid JSON whatever a string holds */
            zd_puts("\\u00");
            zd_putc(hexdig[c >> 4]);
            zd_putc(hexdig[c & 0xfu]);
        } else {
            zd_putc((char)c);
        }
    }
    zd_putc('"');
}

void zd_put_status(zc_status st)
{
    char text[256];
    const char *s = zc_status_format(st, text, sizeof text);
    /* it follows "[malformed: ": no "malformed: malformed: ..." */
    if (strncmp(s, "malformed: ", 11) == 0)
        s += 11;
    zd_puts(s);
}

/* ---- time stamps ----------------------------------------------------------- */

bool zd_time_valid(const zd_packet *p)
{
    return p->subsec >= 0 && (uint64_t)p->subsec < p->subsec_units;
}

/* "[invalid:Nns]": the impossible sub-second value, as libpcap gave it. */
static void put_invalid_subsec(const zd_packet *p)
{
    zd_puts("[invalid:");
    zd_puti(p->subsec);
    zd_puts(p->subsec_units == 1000000000u ? "ns]" : "us]");
}

/* A valid fraction of `units` (10^6 or 10^9) as exactly `digits` (6 or 9)
   decimals, truncated. */
static void put_fraction(uint64_t frac, uint64_t units, int digits)
{
    char d[9];
    for (uint64_t u = units; u < (digits == 9 ? 1000000000u : 1000000u); u *= 10u)
        frac *= 10u;
    for (uint64_t u = units; u > (digits == 9 ? 1000000000u : 1000000u); u /= 10u)
        frac /= 10u;
    for (int k = digits - 1; k >= 0; k--) {
        d[k] = (char)('0' + (char)(frac % 10u));
        frac /= 10u;
    }
    zd_putn(d, (size_t)digits);
}

void zd_put_time_epoch(const zd_packet *p, int digits)
{
    uint64_t frac, mag;
    if (!zd_time_valid(p)) {
        zd_puti(p->sec);
        zd_putc('.');
        put_invalid_subsec(p);
        return;
    }
    frac = (uint64_t)p->subsec;
    if (p->sec >= 0) {
        mag = (uint64_t)p->sec;
    } else {
        /* libpcap's (sec, subsec) is sec + subsec/units with 0 <= subsec <
           units, like a struct timeval: -1 and 0.25 s is -0.75 s */
        zd_putc('-');
        mag = 0u - (uint64_t)p->sec;   /* |sec|, INT64_MIN included */
        if (frac) {
            mag -= 1u;
            frac = p->subsec_units - frac;
        }
    }
    zd_putu(mag);
    zd_putc('.');
    put_fraction(frac, p->subsec_units, digits);
}

void zd_put_time_of_day(const zd_packet *p)
{
    bool utc = zd_opt.utc;
    zd_opt.utc = true;
    zd_put_clock(p, 6, false);
    zd_opt.utc = utc;
}

/* HH:MM:SS of s seconds (hours past 23 when s is a day or more). */
static void put_hms(uint64_t s)
{
    uint64_t h = s / 3600u;
    char ms[6] = { ':', (char)('0' + s % 3600 / 600), (char)('0' + s % 3600 / 60 % 10), ':',
                   (char)('0' + s % 60 / 10), (char)('0' + s % 10) };
    if (h < 10)
        zd_putc('0');
    zd_putu(h);
    zd_putn(ms, sizeof ms);
}

/* Seconds east of UTC of the local time zone at instant sec; 0 with
   --utc or when the C library cannot convert sec. */
static int64_t local_offset(int64_t sec)
{
    struct tm tm;
    time_t t = (time_t)sec;
    if (zd_opt.utc || (int64_t)t != sec || !localtime_r(&t, &tm))
        return 0;
    return (int64_t)tm.tm_gmtoff;
}

/* Year, month, day of a day count from 1970-01-01 (proleptic Gregorian,
   any int64_t day; H. Hinnant's civil_from_days). */
static void civil(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era, yoe, doe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static void put2(unsigned v)
{
    zd_putc((char)('0' + v / 10));
    zd_putc((char)('0' + v % 10));
}

void zd_put_clock(const zd_packet *p, int digits, bool date)
{
    int64_t off = local_offset(p->sec), s, day, r;
    if (__builtin_add_overflow(p->sec, off, &s))
        s = p->sec;   /* the last 12 hours of int64_t: UTC */
    day = s / 86400;
    r = s % 86400;
    if (r < 0) {
        r += 86400;
        day -= 1;
    }
    if (date) {
        int64_t y;
        unsigned m, d;
        civil(day, &y, &m, &d);
        if (y >= 0 && y < 1000)
            zd_puts(y < 10 ? "000" : y < 100 ? "00" : "0");
        zd_puti(y);
        zd_putc('-');
        put2(m);
        zd_putc('-');
        put2(d);
        zd_putc(' ');
    }
    put_hms((uint64_t)r);
    zd_putc('.');
    if (zd_time_valid(p))
        put_fraction((uint64_t)p->subsec, p->subsec_units, digits);
    else
        put_invalid_subsec(p);
}

void zd_put_time_delta(const zd_packet *p, int64_t ref_sec, int64_t ref_subsec, int digits)
{
    /* each time truncated to the digits printed first, as tcpdump reads
       them at that precision: the deltas add up to the -ttttt times */
    int64_t units = digits == 9 ? 1000000000 : 1000000, ds, df, a, b;
    bool neg;
    if (!zd_time_valid(p)) {
        zd_putc(' ');
        put_invalid_subsec(p);
        return;
    }
    a = p->subsec;
    b = ref_subsec;
    if ((int64_t)p->subsec_units > units) {
        a /= (int64_t)p->subsec_units / units;
        b /= (int64_t)p->subsec_units / units;
    } else {
        a *= units / (int64_t)p->subsec_units;
        b *= units / (int64_t)p->subsec_units;
    }
    if (__builtin_sub_overflow(p->sec, ref_sec, &ds) || (a < b && ds == INT64_MIN)) {
        zd_puts(" [overflow]");
        return;
    }
    df = a - b;   /* both in [0, units) */
    if (df < 0) {
        df += units;
        ds -= 1;
    }
    neg = ds < 0;
    if (neg) {   /* -(ds + df/units) = (-ds - 1) + (units - df)/units */
        if (df) {
            ds += 1;
            df = units - df;
        }
        zd_putc('-');
        put_hms(0u - (uint64_t)ds);
    } else {
        zd_putc(' ');
        put_hms((uint64_t)ds);
    }
    zd_putc('.');
    put_fraction((uint64_t)df, (uint64_t)units, digits);
}
