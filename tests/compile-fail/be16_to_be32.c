/*
 * be16_to_be32: wire types of the same byte order but different width do
 * not mix (no silent widening of wire bytes).
 *   bad:  zc_be32 len32 = ipv4_total_length(pkt);
 *   good: zc_be32 len32 = zc_htobe32(zc_be16toh(ipv4_total_length(pkt)));
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
    uint8_t out[4] = { 0xff, 0xff, 0xff, 0xff };
#ifdef ZC_BAD
    zc_be32 len32 = ipv4_total_length(pkt); /* ZC_EXPECT_ERROR */
#else
    zc_be32 len32 = zc_htobe32(zc_be16toh(ipv4_total_length(pkt)));
#endif
    zc_store_be32(out, len32);
    CHECK(out[0] == 0 && out[1] == 0 && out[2] == 0x00 && out[3] == 0x54);
    CHECK(zc_be32toh(len32) == 84u);
    return 0;
}
