/*
 * wire_less: ordering comparison of wire values is refused. On a
 * little-endian host the raw values of 255 (ff 00 -> 0xff00) and 256
 * (01 00 -> 0x0001) compare the wrong way round.
 *   bad:  int shorter = ipv4_total_length(a) < ipv4_total_length(b);
 *   good: int shorter = zc_be16toh(ipv4_total_length(a)) <
 *                       zc_be16toh(ipv4_total_length(b));
 */
#include "accessors.h"

int main(void)
{
    uint8_t a[20], b[20];
    int shorter;
    memcpy(a, k_ipv4_icmp, sizeof a);
    memcpy(b, k_ipv4_icmp, sizeof b);
    a[2] = 0x00; a[3] = 0xff; /* total length 255 */
    b[2] = 0x01; b[3] = 0x00; /* total length 256 */
#ifdef ZC_BAD
    shorter = ipv4_total_length(a) < ipv4_total_length(b); /* ZC_EXPECT_ERROR */
#else
    shorter = zc_be16toh(ipv4_total_length(a)) < zc_be16toh(ipv4_total_length(b));
#endif
    CHECK(shorter == 1);
    return 0;
}
