/*
 * host_to_conv: zc_be16toh() takes a wire value, not a host integer, so a
 * value that was already converted cannot be converted twice.
 *   bad:  uint16_t len = zc_be16toh(host_len);
 *   good: uint16_t len = host_len;
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
    uint16_t host_len = zc_be16toh(ipv4_total_length(pkt));
#ifdef ZC_BAD
    uint16_t len = zc_be16toh(host_len); /* ZC_EXPECT_ERROR */
#else
    uint16_t len = host_len;
#endif
    CHECK(len == 84);
    return 0;
}
