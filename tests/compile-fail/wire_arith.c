/*
 * wire_arith: arithmetic on a wire value is refused (it would add to the
 * wrong end of the number).
 *   bad:  uint32_t payload = ipv4_total_length(pkt) - 20u;
 *   good: uint32_t payload = zc_be16toh(ipv4_total_length(pkt)) - 20u;
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
#ifdef ZC_BAD
    uint32_t payload = ipv4_total_length(pkt) - 20u; /* ZC_EXPECT_ERROR */
#else
    uint32_t payload = zc_be16toh(ipv4_total_length(pkt)) - 20u;
#endif
    CHECK(payload == 64u);
    return 0;
}
