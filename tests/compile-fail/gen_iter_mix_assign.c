/*
 * gen_iter_mix_assign: the iterator an accessor returns has its element's
 * type; it does not initialise an iterator of another element type.
 *   bad:  tcp_option_iter it = ipv4_options(ip);
 *   good: tcp_option_iter it = tcp_options(t);
 */
#include "views.h"

int main(void)
{
    ipv4_view ip;
    tcp_view t;
    tcp_option_view o;
    size_t n = 0;
    CHECK(ipv4_parse(&ip, g_tcp_packet, sizeof g_tcp_packet).code == ZC_OK);
    CHECK(tcp_parse(&t, g_tcp_packet + 20, sizeof g_tcp_packet - 20).code == ZC_OK);
#ifdef ZC_BAD
    tcp_option_iter it = ipv4_options(ip); /* ZC_EXPECT_ERROR */
#else
    tcp_option_iter it = tcp_options(t);
    (void)ip;
#endif
    while (tcp_option_next(&it, &o))
        n++;
    CHECK(n == 5);
    return 0;
}
