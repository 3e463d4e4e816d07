/*
 * compound_wrong_wire: an aggregate built on the spot (C compound literal,
 * C++ brace temporary) checks each wire member: a 32-bit address does not
 * go into a 16-bit port.
 *   bad:  (struct endpoint){ ipv4_dst(ip), ipv4_dst(ip) }      (C)
 *         endpoint{ ipv4_dst(ip), ipv4_dst(ip) }               (C++)
 *   good: the same with udp_dst_port(u) as the second member
 */
#include "accessors.h"

struct endpoint {
    zc_be32 addr;
    zc_be16 port;
};

static int is_dns_server(struct endpoint e)
{
    return zc_be16toh(e.port) == 53 && zc_be32toh(e.addr) == 0xc0a800c7u;
}

int main(void)
{
    const uint8_t *ip = k_ipv4_icmp, *u = k_udp_dns;
    (void)u;
#if defined(ZC_BAD) && defined(__cplusplus)
    CHECK(is_dns_server(endpoint{ ipv4_dst(ip), ipv4_dst(ip) })); /* ZC_EXPECT_ERROR C++ */
#elif defined(ZC_BAD)
    CHECK(is_dns_server((struct endpoint){ ipv4_dst(ip), ipv4_dst(ip) })); /* ZC_EXPECT_ERROR C */
#elif defined(__cplusplus)
    CHECK(is_dns_server(endpoint{ ipv4_dst(ip), udp_dst_port(u) }));
#else
    CHECK(is_dns_server((struct endpoint){ ipv4_dst(ip), udp_dst_port(u) }));
#endif
    return 0;
}
