/*
 * be32_to_be16toh: a 32-bit wire value cannot go through the 16-bit
 * conversion (no silent truncation).
 *   bad:  uint32_t src = zc_be16toh(ipv4_src(pkt));
 *   good: uint32_t src = zc_be32toh(ipv4_src(pkt));
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
#ifdef ZC_BAD
    uint32_t src = zc_be16toh(ipv4_src(pkt)); /* ZC_EXPECT_ERROR */
#else
    uint32_t src = zc_be32toh(ipv4_src(pkt));
#endif
    CHECK(src == 0xc0a80001u); /* 192.168.0.1 */
    return 0;
}
