/*
 * signed_wire_to_host: a signed wire value is not a host integer; only
 * zc_ibe16toh() turns its bytes into one.
 *   bad:  int16_t h = zc_load_ibe16(p);
 *   good: int16_t h = zc_ibe16toh(zc_load_ibe16(p));
 */
#include "accessors.h"

int main(void)
{
    static const uint8_t p[2] = { 0x80, 0x00 };
#ifdef ZC_BAD
    int16_t h = zc_load_ibe16(p); /* ZC_EXPECT_ERROR */
#else
    int16_t h = zc_ibe16toh(zc_load_ibe16(p));
#endif
    CHECK(h == INT16_MIN);
    return 0;
}
