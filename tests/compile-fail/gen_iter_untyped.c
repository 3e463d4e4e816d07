/*
 * gen_iter_untyped: the untyped zc_iter (kept for code of one's own) is not
 * what an array accessor returns, so old code that declared one is told.
 *   bad:  zc_iter it = tcp_options(t);
 *   good: tcp_option_iter it = tcp_options(t);
 */
#include "views.h"

int main(void)
{
    tcp_view t;
    tcp_option_view o;
    size_t n = 0;
    CHECK(tcp_parse(&t, g_tcp_packet + 20, sizeof g_tcp_packet - 20).code == ZC_OK);
#ifdef ZC_BAD
    zc_iter it = tcp_options(t); /* ZC_EXPECT_ERROR */
    (void)it, (void)o, n = 5;
#else
    tcp_option_iter it = tcp_options(t);
    while (tcp_option_next(&it, &o))
        n++;
#endif
    CHECK(n == 5);
    return 0;
}
