/*
 * host_to_wire: a host integer does not convert to a wire value.
 *   bad:  zc_be16 len = 84;                (would go out as 54 00)
 *   good: zc_be16 len = zc_htobe16(84);
 */
#include "accessors.h"

int main(void)
{
    uint8_t out[2] = { 0, 0 };
#ifdef ZC_BAD
    zc_be16 len = 84; /* ZC_EXPECT_ERROR */
#else
    zc_be16 len = zc_htobe16(84);
#endif
    zc_store_be16(out, len);
    CHECK(out[0] == 0x00 && out[1] == 0x54);
    CHECK(memcmp(out, k_ipv4_icmp + 2, 2) == 0);
    return 0;
}
