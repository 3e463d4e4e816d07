/*
 * gen_iter_fnptr: T_next named without a call is the function itself, and
 * its type names its own iterator and view.
 *   bad:  bool (*step)(tcp_option_iter *, tcp_option_view *) = ipv4_option_next;
 *   good: bool (*step)(tcp_option_iter *, tcp_option_view *) = tcp_option_next;
 */
/* ZC_BAD_FLAGS_C: -Werror=incompatible-pointer-types */
#include "views.h"

int main(void)
{
    tcp_view t;
    tcp_option_view o;
    size_t n = 0;
    CHECK(tcp_parse(&t, g_tcp_packet + 20, sizeof g_tcp_packet - 20).code == ZC_OK);
    tcp_option_iter it = tcp_options(t);
#ifdef ZC_BAD
    bool (*step)(tcp_option_iter *, tcp_option_view *) = ipv4_option_next; /* ZC_EXPECT_ERROR */
#else
    bool (*step)(tcp_option_iter *, tcp_option_view *) = tcp_option_next;
#endif
    while (step(&it, &o))
        n++;
    CHECK(n == 5);
    return 0;
}
