/*
 * gen_view_other_struct: a view is typed by its struct: a udp_view cannot
 * be read with a TCP accessor (which would read TCP's layout from UDP
 * bytes, and past the end of an 8-byte header).
 *   bad:  tcp_dst_port(u)          (u is a udp_view)
 *   good: udp_dst_port(u)
 */
#include "views.h"

int main(void)
{
    udp_view u;
    zc_be16 port;
    CHECK(udp_parse(&u, g_udp_packet + 20, sizeof g_udp_packet - 20).code == ZC_OK);
#ifdef ZC_BAD
    port = tcp_dst_port(u); /* ZC_EXPECT_ERROR */
#else
    port = udp_dst_port(u);
#endif
    CHECK(zc_be16toh(port) == 53);
    return 0;
}
