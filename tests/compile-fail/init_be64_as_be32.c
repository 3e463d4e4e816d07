/*
 * init_be64_as_be32: a 64-bit constant does not narrow into a 32-bit wire
 * value (in C it used to keep the low four bytes of the swapped value:
 * zero for an address).
 *   bad:  static const zc_be32 k_src = ZC_BE64_INIT(0xc0a80001u);
 *   good: static const zc_be32 k_src = ZC_BE32_INIT(0xc0a80001u);
 */
#include "accessors.h"

#ifdef ZC_BAD
static const zc_be32 k_src = ZC_BE64_INIT(0xc0a80001u); /* ZC_EXPECT_ERROR */
#else
static const zc_be32 k_src = ZC_BE32_INIT(0xc0a80001u);
#endif

int main(void)
{
    CHECK(zc_be32_eq(ipv4_src(k_ipv4_icmp), k_src));
    CHECK(!zc_be32_eq(ipv4_dst(k_ipv4_icmp), k_src));
    return 0;
}
