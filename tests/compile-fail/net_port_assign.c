/*
 * net_port_assign: a wire port cannot be stored into sin_port (a host
 * uint16_t holding network-order bytes) without naming the bridge.
 *   bad:  sa.sin_port = udp_dst_port(udp);
 *   good: sa.sin_port = zc_be16_to_net(udp_dst_port(udp));
 */
#include "zerocast_net.h"

#include "accessors.h"

int main(void)
{
    const uint8_t *udp = k_udp_dns;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
#ifdef ZC_BAD
    sa.sin_port = udp_dst_port(udp); /* ZC_EXPECT_ERROR */
#else
    sa.sin_port = zc_be16_to_net(udp_dst_port(udp));
#endif
    CHECK(ntohs(sa.sin_port) == 53u);
    return 0;
}
