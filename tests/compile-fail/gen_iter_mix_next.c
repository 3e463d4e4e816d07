/*
 * gen_iter_mix_next: an array's iterator is typed by its element: IPv4
 * options cannot be walked as TCP options (tcp_option_next is also a macro
 * that makes this a hard error in C, where a wrong pointer only warns).
 *   bad:  tcp_option_next(&it, &o)      (it is an ipv4_option_iter)
 *   good: tcp_option_next(&it, &o)      (it is a tcp_option_iter)
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
    ipv4_option_iter it = ipv4_options(ip);
    while (tcp_option_next(&it, &o)) /* ZC_EXPECT_ERROR */
        n++;
#else
    tcp_option_iter it = tcp_options(t);
    while (tcp_option_next(&it, &o))
        n++;
#endif
    CHECK(n == 5 && zc_iter_status(&it).code == ZC_OK);
    return 0;
}
