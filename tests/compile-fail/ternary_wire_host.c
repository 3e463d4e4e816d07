/*
 * ternary_wire_host: one arm of ?: cannot be a wire value and the other a
 * host integer (a default port of 53 is not the wire value of port 53 on a
 * little-endian host).
 *   bad:  zc_be16 port = have_udp ? udp_dst_port(u) : 53;
 *   good: zc_be16 port = have_udp ? udp_dst_port(u) : zc_htobe16(53);
 */
#include "accessors.h"

static uint16_t port_of(int have_udp, const uint8_t *u)
{
#ifdef ZC_BAD
    zc_be16 port = have_udp ? udp_dst_port(u) : 53; /* ZC_EXPECT_ERROR */
#else
    zc_be16 port = have_udp ? udp_dst_port(u) : zc_htobe16(53);
#endif
    return zc_be16toh(port);
}

int main(void)
{
    CHECK(port_of(1, k_udp_nocsum) == 67);
    CHECK(port_of(0, k_udp_nocsum) == 53);
    return 0;
}
