/*
 * fnptr_view_type: a table of accessors is typed by its view: the UDP
 * port accessor does not fit a slot for functions reading a tcp_view.
 * (C before gcc 14 / clang 16: warning by default, see README.md.)
 *   bad:  zc_be16 (*const port[2])(tcp_view) = { tcp_dst_port, udp_dst_port };
 *   good: zc_be16 (*const port[2])(tcp_view) = { tcp_dst_port, tcp_src_port };
 */
/* ZC_BAD_FLAGS_C: -Werror=incompatible-pointer-types */
#include "views.h"

int main(void)
{
    tcp_view t;
    CHECK(tcp_parse(&t, g_tcp_packet + 20, sizeof g_tcp_packet - 20).code == ZC_OK);
#ifdef ZC_BAD
    zc_be16 (*const port[2])(tcp_view) = { tcp_dst_port, udp_dst_port }; /* ZC_EXPECT_ERROR */
#else
    zc_be16 (*const port[2])(tcp_view) = { tcp_dst_port, tcp_src_port };
#endif
    CHECK(zc_be16toh(port[0](t)) == 8080);
    CHECK(zc_be16toh(port[1](t)) == 32866);
    return 0;
}
