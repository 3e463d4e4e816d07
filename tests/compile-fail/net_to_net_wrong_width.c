/*
 * net_to_net_wrong_width: zc_be16_to_net() hands a zc_be16 to a socket
 * API member in network order; a zc_be32 is not a zc_be16.
 *   bad:  sa.sin_port = zc_be16_to_net(ipv4_src(pkt));
 *   good: sa.sin_port = zc_be16_to_net(udp_dst_port(udp));
 */
#include "zerocast_net.h"

#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
    const uint8_t *udp = k_udp_dns;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
#ifdef ZC_BAD
    sa.sin_port = zc_be16_to_net(ipv4_src(pkt)); /* ZC_EXPECT_ERROR */
#else
    sa.sin_port = zc_be16_to_net(udp_dst_port(udp));
#endif
    CHECK(ntohs(sa.sin_port) == 53u);
    CHECK(zc_be32toh(ipv4_src(pkt)) != 0u);
    return 0;
}
