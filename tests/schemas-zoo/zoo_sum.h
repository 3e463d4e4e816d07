/* zoo_sum.h - a user-supplied checksum function for the schema zoo
 * (@checksum(extern zoo_sum)): Fletcher-16 over the bytes, the field's
 * bytes counted as zero, per the contract of docs/schema-language.md. */
#ifndef ZOO_SUM_H
#define ZOO_SUM_H
#include "zerocast.h"

static inline uint64_t zoo_sum(const uint8_t *buf, size_t len, size_t field_off, size_t field_size)
{
    uint32_t a = 0, b = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t x = i >= field_off && i - field_off < field_size ? 0u : buf[i];
        a = (a + x) % 255u;
        b = (b + a) % 255u;
    }
    return (uint64_t)(b << 8 | a);
}

#endif
