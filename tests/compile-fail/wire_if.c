/*
 * wire_if: a wire value cannot be used as a condition.
 *   bad:  if (udp_checksum(udp)) ...
 *   good: if (zc_be16toh(udp_checksum(udp)) != 0) ...
 */
#include "accessors.h"

static int has_checksum(const uint8_t *udp)
{
#ifdef ZC_BAD
    if (udp_checksum(udp)) /* ZC_EXPECT_ERROR */
#else
    if (zc_be16toh(udp_checksum(udp)) != 0)
#endif
        return 1;
    return 0;
}

int main(void)
{
    CHECK(has_checksum(k_udp_dns) == 1);
    CHECK(has_checksum(k_udp_nocsum) == 0);
    return 0;
}
