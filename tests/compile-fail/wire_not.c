/*
 * wire_not: logical negation of a wire value is refused.
 *   bad:  int no_csum = !udp_checksum(udp);
 *   good: int no_csum = zc_be16toh(udp_checksum(udp)) == 0;
 */
#include "accessors.h"

static int no_checksum(const uint8_t *udp)
{
#ifdef ZC_BAD
    int no_csum = !udp_checksum(udp); /* ZC_EXPECT_ERROR */
#else
    int no_csum = zc_be16toh(udp_checksum(udp)) == 0;
#endif
    return no_csum;
}

int main(void)
{
    CHECK(no_checksum(k_udp_nocsum) == 1);
    CHECK(no_checksum(k_udp_dns) == 0);
    return 0;
}
