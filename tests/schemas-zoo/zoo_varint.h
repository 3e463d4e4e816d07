/* zoo_varint.h - a user-supplied extern type for the schema zoo: an
 * unsigned LEB128 integer (1 to 10 bytes, the last one below 0x80), measured
 * in place per the extern contract of docs/schema-language.md. */
#ifndef ZOO_VARINT_H
#define ZOO_VARINT_H
#include "zerocast.h"

typedef struct {
    const uint8_t *zc_base;
    size_t zc_len;
} varint_view;

static inline zc_status varint_zc_measure(const uint8_t *p, size_t avail, size_t *size)
{
    size_t i;

    *size = 0;
    for (i = 0; i < avail && i < 10; i++) {
        if (p[i] < 0x80) {
            *size = i + 1;
            return zc_ok();
        }
    }
    if (i == 10)
        return zc_fail(ZC_ERR_MALFORMED, 9, "varint longer than 10 bytes");
    return zc_fail(ZC_ERR_TRUNCATED, i, "varint runs past the end of the input");
}

#endif
