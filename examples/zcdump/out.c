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

#include "zcdump.h"

#define OUT_CAP (1u << 16)

static char out_buf[OUT_CAP];
static size_t out_len;
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
