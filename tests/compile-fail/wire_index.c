/*
 * wire_index: a wire value cannot index an array.
 *   bad:  hits[udp_dst_port(udp)]++;             (would bump hits[0x3500])
 *   good: hits[zc_be16toh(udp_dst_port(udp))]++;
 */
#include "accessors.h"

static unsigned char hits[65536];

int main(void)
{
    const uint8_t *udp = k_udp_dns;
#ifdef ZC_BAD
    hits[udp_dst_port(udp)]++; /* ZC_EXPECT_ERROR */
#else
    hits[zc_be16toh(udp_dst_port(udp))]++;
#endif
    CHECK(hits[53] == 1);
    CHECK(hits[0x3500] == 0);
    return 0;
}
