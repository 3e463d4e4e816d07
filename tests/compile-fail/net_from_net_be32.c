/*
 * net_from_net_be32: zc_be16_from_net() gives a network-order host
 * integer (sin_port) its wire type; it takes a uint16_t, so a wire value
 * (here a zc_be32) cannot be passed to it by mistake.
 *   bad:  zc_be16 port = zc_be16_from_net(ipv4_dst(pkt));
 *   good: zc_be16 port = zc_be16_from_net(sa.sin_port);
 */
#include "zerocast_net.h"

#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_port = htons(53);
#ifdef ZC_BAD
    zc_be16 port = zc_be16_from_net(ipv4_dst(pkt)); /* ZC_EXPECT_ERROR */
#else
    zc_be16 port = zc_be16_from_net(sa.sin_port);
#endif
    CHECK(zc_be16toh(port) == 53u);
    CHECK(zc_be16_is(port, 53));
    CHECK(zc_be32toh(ipv4_dst(pkt)) != 0u);
    return 0;
}
