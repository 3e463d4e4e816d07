/*
 * net_in_addr_host: the bridge back to a host integer in network order
 * is zc_be32_to_net(); assigning the wire value to s_addr is refused.
 *   bad:  a.s_addr = ipv4_dst(pkt);
 *   good: a.s_addr = zc_be32_to_net(ipv4_dst(pkt));
 */
#include "zerocast_net.h"

#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
    struct in_addr a;
#ifdef ZC_BAD
    a.s_addr = ipv4_dst(pkt); /* ZC_EXPECT_ERROR */
#else
    a.s_addr = zc_be32_to_net(ipv4_dst(pkt));
#endif
    CHECK(ntohl(a.s_addr) == zc_be32toh(ipv4_dst(pkt)));
    CHECK(zc_in_addr_is(zc_in_addr_bytes(&a), a));
    return 0;
}
