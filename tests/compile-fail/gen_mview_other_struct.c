/*
 * gen_mview_other_struct: a mutable view is typed by its struct too: a
 * TCP setter does not accept a udp_mview.
 *   bad:  tcp_set_dst_port(m, zc_htobe16(5353));     (m is a udp_mview)
 *   good: udp_set_dst_port(m, zc_htobe16(5353));
 */
#include "views.h"

int main(void)
{
    udp_mview m;
    CHECK(udp_parse_mut(&m, g_udp_packet + 20, sizeof g_udp_packet - 20).code == ZC_OK);
#ifdef ZC_BAD
    tcp_set_dst_port(m, zc_htobe16(5353)); /* ZC_EXPECT_ERROR */
#else
    udp_set_dst_port(m, zc_htobe16(5353));
#endif
    CHECK(zc_be16toh(udp_dst_port(m.v)) == 5353);
    CHECK(g_udp_packet[22] == 0x14 && g_udp_packet[23] == 0xe9);
    return 0;
}
