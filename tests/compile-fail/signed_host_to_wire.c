/*
 * signed_host_to_wire: a host integer does not convert to a signed wire
 * value (NTP poll, a dBm reading).
 *   bad:  zc_ibe16 x = -5;
 *   good: zc_ibe16 x = zc_htoibe16(-5);
 */
#include "accessors.h"

int main(void)
{
    uint8_t out[2] = { 0, 0 };
#ifdef ZC_BAD
    zc_ibe16 x = -5; /* ZC_EXPECT_ERROR */
#else
    zc_ibe16 x = zc_htoibe16(-5);
#endif
    zc_store_ibe16(out, x);
    CHECK(out[0] == 0xff && out[1] == 0xfb);
    CHECK(zc_ibe16toh(zc_load_ibe16(out)) == -5);
    return 0;
}
