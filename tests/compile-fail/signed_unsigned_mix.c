/*
 * signed_unsigned_mix: a signed wire type is not its unsigned twin: the
 * same bytes, read as be16 (65531) or as ibe16 (-5), mean different values.
 *   bad:  zc_ibe16 s = zc_load_be16(p);
 *   good: zc_ibe16 s = zc_load_ibe16(p);
 */
#include "accessors.h"

int main(void)
{
    static const uint8_t p[2] = { 0xff, 0xfb };
#ifdef ZC_BAD
    zc_ibe16 s = zc_load_be16(p); /* ZC_EXPECT_ERROR */
#else
    zc_ibe16 s = zc_load_ibe16(p);
#endif
    CHECK(zc_ibe16toh(s) == -5);
    CHECK(zc_be16toh(zc_load_be16(p)) == 65531);
    return 0;
}
