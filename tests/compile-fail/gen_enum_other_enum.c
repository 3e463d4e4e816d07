/*
 * gen_enum_other_enum: two enums are two types: an IP protocol is not an
 * EtherType. C++ refuses the comparison; C (gcc -Wenum-compare, on by
 * default) only warns.
 *   bad:  ipv4_protocol(v) == ETHER_TYPE_IPV4
 *   good: ipv4_protocol(v) == IP_PROTO_UDP
 */
/* ZC_COMPILES_IN_C: C compares two enum types with a warning at most (docs/decisions.md) */
#include "views.h"

int main(void)
{
    ipv4_view v;
    int udp;
    CHECK(ipv4_parse(&v, g_udp_packet, sizeof g_udp_packet).code == ZC_OK);
#ifdef ZC_BAD
    udp = ipv4_protocol(v) == ETHER_TYPE_IPV4; /* ZC_EXPECT_ERROR C++ */
#else
    udp = ipv4_protocol(v) == IP_PROTO_UDP;
#endif
    CHECK(udp);
    return 0;
}
