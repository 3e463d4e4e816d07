/*
 * wire_to_host: a wire value does not convert to a host integer.
 *   bad:  uint16_t len = ipv4_total_length(pkt);   (0x5400 on a LE host)
 *   good: uint16_t len = zc_be16toh(ipv4_total_length(pkt));
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
#ifdef ZC_BAD
    uint16_t len = ipv4_total_length(pkt); /* ZC_EXPECT_ERROR */
#else
    uint16_t len = zc_be16toh(ipv4_total_length(pkt));
#endif
    CHECK(len == 84);
    return 0;
}
