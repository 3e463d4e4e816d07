/*
 * wire_eq: `==` between two wire values is refused; comparing wire values
 * without converting is spelled zc_be16_eq() so it is visible in review.
 *   bad:  int is_ipv4 = eth_type(frame) == k_ethertype_ipv4;
 *   good: int is_ipv4 = zc_be16_eq(eth_type(frame), k_ethertype_ipv4);
 */
#include "accessors.h"

static const zc_be16 k_ethertype_ipv4 = ZC_BE16_INIT(0x0800);
static const zc_be16 k_ethertype_ipv6 = ZC_BE16_INIT(0x86dd);

int main(void)
{
    const uint8_t *frame = k_eth_ipv4;
#ifdef ZC_BAD
    int is_ipv4 = eth_type(frame) == k_ethertype_ipv4; /* ZC_EXPECT_ERROR */
#else
    int is_ipv4 = zc_be16_eq(eth_type(frame), k_ethertype_ipv4);
#endif
    CHECK(is_ipv4);
    CHECK(!zc_be16_eq(eth_type(frame), k_ethertype_ipv6));
    return 0;
}
