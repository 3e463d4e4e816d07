/*
 * signed_le_as_be: signed wire types of different byte orders do not mix.
 *   bad:  zc_ibe32 b = zc_load_ile32(p);
 *   good: zc_ibe32 b = zc_htoibe32(zc_ile32toh(zc_load_ile32(p)));
 */
#include "accessors.h"

int main(void)
{
    static const uint8_t p[4] = { 0xfe, 0xff, 0xff, 0xff };
    uint8_t out[4] = { 0, 0, 0, 0 };
#ifdef ZC_BAD
    zc_ibe32 b = zc_load_ile32(p); /* ZC_EXPECT_ERROR */
#else
    zc_ibe32 b = zc_htoibe32(zc_ile32toh(zc_load_ile32(p)));
#endif
    zc_store_ibe32(out, b);
    CHECK(zc_ibe32toh(b) == -2);
    CHECK(out[0] == 0xff && out[3] == 0xfe);
    return 0;
}
