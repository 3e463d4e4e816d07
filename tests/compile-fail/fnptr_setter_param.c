/*
 * fnptr_setter_param: a setter's parameter type is part of its pointer
 * type: udp_set_dst_port() takes a zc_be16, so it cannot be called through
 * a pointer that passes a zc_le16. (C before gcc 14 / clang 16: warning by
 * default, see README.md.)
 *   bad:  void (*set_port)(udp_mview, zc_le16) = udp_set_dst_port;
 *   good: void (*set_port)(udp_mview, zc_be16) = udp_set_dst_port;
 */
/* ZC_BAD_FLAGS_C: -Werror=incompatible-pointer-types */
#include "views.h"

int main(void)
{
    udp_mview u;
    CHECK(udp_parse_mut(&u, g_udp_packet + 20, sizeof g_udp_packet - 20).code == ZC_OK);
#ifdef ZC_BAD
    void (*set_port)(udp_mview, zc_le16) = udp_set_dst_port; /* ZC_EXPECT_ERROR */
#else
    void (*set_port)(udp_mview, zc_be16) = udp_set_dst_port;
    set_port(u, zc_htobe16(5353));
#endif
    CHECK(g_udp_packet[22] == 0x14 && g_udp_packet[23] == 0xe9);
    CHECK(zc_be16toh(udp_dst_port(u.v)) == 5353);
    return 0;
}
