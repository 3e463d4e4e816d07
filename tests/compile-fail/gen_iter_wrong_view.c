/*
 * gen_iter_wrong_view: one step writes a view of the element type; another
 * struct's view is refused (a hard error in C too, by the T_next macro).
 *   bad:  tcp_option_next(&it, &io)     (io is an ipv4_option_view)
 *   good: tcp_option_next(&it, &o)
 */
#include "views.h"

int main(void)
{
    tcp_view t;
    tcp_option_view o;
    size_t n = 0;
    CHECK(tcp_parse(&t, g_tcp_packet + 20, sizeof g_tcp_packet - 20).code == ZC_OK);
    tcp_option_iter it = tcp_options(t);
#ifdef ZC_BAD
    ipv4_option_view io;
    while (tcp_option_next(&it, &io)) /* ZC_EXPECT_ERROR */
        n++;
    (void)o;
#else
    while (tcp_option_next(&it, &o))
        n++;
#endif
    CHECK(n == 5);
    return 0;
}
