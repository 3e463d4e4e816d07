/*
 * net_in_addr_from_be16: zc_in_addr_from_be32() builds a struct in_addr
 * from an IPv4 address as a zc_be32; a zc_be16 (or a host uint32_t, which
 * would need htonl) is refused.
 *   bad:  struct in_addr a = zc_in_addr_from_be32(udp_dst_port(udp));
 *   good: struct in_addr a = zc_in_addr_from_be32(ipv4_dst(pkt));
 */
#include "zerocast_net.h"

#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
    const uint8_t *udp = k_udp_dns;
#ifdef ZC_BAD
    struct in_addr a = zc_in_addr_from_be32(udp_dst_port(udp)); /* ZC_EXPECT_ERROR */
#else
    struct in_addr a = zc_in_addr_from_be32(ipv4_dst(pkt));
#endif
    CHECK(ntohl(a.s_addr) == zc_be32toh(ipv4_dst(pkt)));
    CHECK(zc_be32_eq(zc_be32_from_in_addr(a), ipv4_dst(pkt)));
    CHECK(zc_be16_is(udp_dst_port(udp), 53));
    return 0;
}
