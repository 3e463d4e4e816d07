/*
 * init_le32_as_be32: same width, other byte order, 32 bits: an address
 * constant built little-endian cannot initialise a big-endian address.
 *   bad:  static const zc_be32 k_dst = ZC_LE32_INIT(0xc0a800c7u);
 *   good: static const zc_be32 k_dst = ZC_BE32_INIT(0xc0a800c7u);
 */
#include "accessors.h"

#ifdef ZC_BAD
static const zc_be32 k_dst = ZC_LE32_INIT(0xc0a800c7u); /* ZC_EXPECT_ERROR */
#else
static const zc_be32 k_dst = ZC_BE32_INIT(0xc0a800c7u);
#endif

int main(void)
{
    CHECK(zc_be32_eq(ipv4_dst(k_ipv4_icmp), k_dst));
    CHECK(zc_be32toh(k_dst) == 0xc0a800c7u);
    return 0;
}
