/*
 * net_is_wrong_width: zc_be16_is(x, 53) compares a zc_be16 with a host
 * constant; it does not take a zc_be32 (nor a host integer as x).
 *   bad:  zc_be16_is(ipv4_src(pkt), 53)
 *   good: zc_be16_is(udp_dst_port(udp), 53)
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *udp = k_udp_dns;
    const uint8_t *pkt = k_ipv4_icmp;
    int is_dns;
#ifdef ZC_BAD
    is_dns = zc_be16_is(ipv4_src(pkt), 53); /* ZC_EXPECT_ERROR */
#else
    is_dns = zc_be16_is(udp_dst_port(udp), 53);
#endif
    CHECK(is_dns);
    CHECK(!zc_be16_is(udp_dst_port(udp), 53 + 65536)); /* never truncated */
    CHECK(zc_be32toh(ipv4_src(pkt)) != 0u);
    return 0;
}
