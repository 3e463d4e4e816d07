/*
 * brace_temporary: a wire value made on the spot from a value-initialised
 * wire value of another type (C++ `zc_be16{zc_le16{}}`, C compound
 * literals) is refused, even though both are zero.
 *   bad:  zc_be16_eq(udp_checksum(u), zc_be16{ zc_le16{} })               (C++)
 *         zc_be16_eq(udp_checksum(u), (zc_be16){ (zc_le16){ 0 } })        (C)
 *   good: zc_be16_eq(udp_checksum(u), zc_htobe16(0))
 */
#include "accessors.h"

static int no_checksum(const uint8_t *u)
{
#if defined(ZC_BAD) && defined(__cplusplus)
    return zc_be16_eq(udp_checksum(u), zc_be16{ zc_le16{} }); /* ZC_EXPECT_ERROR C++ */
#elif defined(ZC_BAD)
    return zc_be16_eq(udp_checksum(u), (zc_be16){ (zc_le16){ 0 } }); /* ZC_EXPECT_ERROR C */
#else
    return zc_be16_eq(udp_checksum(u), zc_htobe16(0));
#endif
}

int main(void)
{
    CHECK(no_checksum(k_udp_nocsum));
    CHECK(!no_checksum(k_udp_dns));
    return 0;
}
