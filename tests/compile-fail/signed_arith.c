/*
 * signed_arith: no arithmetic on a signed wire value (its bytes are in
 * wire order).
 *   bad:  int32_t d = zc_load_ibe16(p) - 1;
 *   good: int32_t d = zc_ibe16toh(zc_load_ibe16(p)) - 1;
 */
#include "accessors.h"

int main(void)
{
    static const uint8_t p[2] = { 0xff, 0xf6 };
#ifdef ZC_BAD
    int32_t d = zc_load_ibe16(p) - 1; /* ZC_EXPECT_ERROR */
#else
    int32_t d = zc_ibe16toh(zc_load_ibe16(p)) - 1;
#endif
    CHECK(d == -11);
    return 0;
}
