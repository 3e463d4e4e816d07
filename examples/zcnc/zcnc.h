/*
 * zcnc.h - what zcnc's two files share: the decoders (decode.c) and the
 * network loop (main.c). docs/zcnc.md describes the program.
 */
#ifndef ZCNC_H
#define ZCNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "zerocast.h"

/* A schema struct zcnc can print: "dns.dns_message" and the like. */
typedef struct {
    const char *name;                    /* SCHEMA.STRUCT                 */
    /* parse_deep(), then visit() on success; the status either way     */
    zc_status (*decode)(const uint8_t *p, size_t n, zc_visit_fn fn, void *ctx);
} zcnc_decoder;

/* A frame function for a length-prefixed stream (--frame NAME), and
   where the message is inside each frame (the part --decode prints). */
typedef struct {
    const char *name;
    zc_frame (*frame)(void *ctx, const void *buf, size_t len);
    zc_bytes (*payload)(const uint8_t *p, size_t n);
    const char *default_decode;          /* --decode when none is given   */
    size_t max_frame;                    /* the largest frame there is    */
} zcnc_framer;

const zcnc_decoder *zcnc_find_decoder(const char *name);
const zcnc_framer *zcnc_find_framer(const char *name);
void zcnc_list(FILE *out);

/* What to print about one message besides its fields. */
typedef struct {
    const char *dir;         /* "<" received, ">" sent                       */
    const char *peer;        /* "127.0.0.1:53", "[::1]:53"                    */
    const char *meta;        /* -v datagram metadata, "to=... ttl=64", or NULL */
} zcnc_msg;

/* Prints one message decoded (one line, or one JSON object with json).
   Returns false when it was malformed (printed as such). */
bool zcnc_print(FILE *out, const zcnc_decoder *d, bool json, const zcnc_msg *m,
                const uint8_t *p, size_t n);

#endif
