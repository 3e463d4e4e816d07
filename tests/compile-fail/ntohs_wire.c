/*
 * ntohs_wire: a wire value cannot be handed to the libc byte-order functions
 * (which take host integers); the conversion is the wire type's own.
 *   bad:  uint16_t port = ntohs(udp_dst_port(udp));
 *   good: uint16_t port = zc_be16toh(udp_dst_port(udp));
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>

#include "accessors.h"

int main(void)
{
    const uint8_t *udp = k_udp_dns;
#ifdef ZC_BAD
    uint16_t port = ntohs(udp_dst_port(udp)); /* ZC_EXPECT_ERROR */
#else
    uint16_t port = zc_be16toh(udp_dst_port(udp));
#endif
    CHECK(port == 53);
    /* the escape hatch agrees with libc: raw holds the on-wire bytes */
    CHECK(ntohs(udp_dst_port(udp).raw) == port);
    return 0;
}
