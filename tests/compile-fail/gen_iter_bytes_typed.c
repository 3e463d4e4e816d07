/*
 * gen_iter_bytes_typed: an iterator over bytes (T_iter_bytes, issue #24) is
 * T's iterator: the TCP options region walked from its bytes cannot be
 * stepped as IPv4 options.
 *   bad:  ipv4_option_next(&it, &o)     (it from tcp_option_iter_bytes())
 *   good: tcp_option_next(&it, &o)
 */
#include "views.h"

int main(void)
{
    tcp_view t;
    size_t n = 0;
    CHECK(tcp_parse(&t, g_tcp_packet + 20, sizeof g_tcp_packet - 20).code == ZC_OK);
    /* the bytes after TCP's fixed head: its options, then no payload */
    tcp_option_iter it = tcp_option_iter_bytes(tcp_bytes_after_urgent_ptr(t));
#ifdef ZC_BAD
    ipv4_option_view o;
    while (ipv4_option_next(&it, &o)) /* ZC_EXPECT_ERROR */
        n++;
#else
    tcp_option_view o;
    while (tcp_option_next(&it, &o))
        n++;
#endif
    CHECK(n == 5 && zc_iter_status(&it).code == ZC_OK);
    return 0;
}
