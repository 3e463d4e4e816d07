/*
 * gen_enum_from_int: an enum setter takes the enum's constants; a bare
 * number is refused in C++ (write (ip_proto)6 where a number is meant).
 *   bad:  ipv4_set_protocol(m, 17)
 *   good: ipv4_set_protocol(m, IP_PROTO_UDP)
 */
/* ZC_COMPILES_IN_C: an int converts to a C enum; a value over 255 is ZC_ERR_RANGE at run time */
#include "views.h"

int main(void)
{
    ipv4_mview m;
    CHECK(ipv4_parse_mut(&m, g_udp_packet, sizeof g_udp_packet).code == ZC_OK);
#ifdef ZC_BAD
    (void)ipv4_set_protocol(m, 17); /* ZC_EXPECT_ERROR C++ */
#else
    CHECK(ipv4_set_protocol(m, IP_PROTO_UDP).code == ZC_OK);
#endif
    CHECK(ipv4_protocol(m.v) == IP_PROTO_UDP);
    return 0;
}
