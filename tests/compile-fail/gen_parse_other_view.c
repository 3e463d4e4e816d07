/*
 * gen_parse_other_view: *_parse fills only its own struct's view: a
 * tcp_view cannot be filled by udp_parse() and then read with TCP
 * accessors. (C before gcc 14: warning by default, see README.md.)
 *   bad:  udp_parse(&t, buf, len)          (t is a tcp_view)
 *   good: tcp_parse(&t, buf, len)
 */
/* ZC_BAD_FLAGS_C: -Werror=incompatible-pointer-types */
#include "views.h"

int main(void)
{
    tcp_view t;
    const uint8_t *buf = g_tcp_packet + 20;
    size_t len = sizeof g_tcp_packet - 20;
#ifdef ZC_BAD
    CHECK(udp_parse(&t, buf, len).code == ZC_OK); /* ZC_EXPECT_ERROR */
#else
    CHECK(tcp_parse(&t, buf, len).code == ZC_OK);
#endif
    CHECK(zc_be16toh(tcp_dst_port(t)) == 8080);
    CHECK(zc_be32toh(tcp_seq_num(t)) == 0x1a651631u);
    CHECK(tcp_syn(t) == 1 && tcp_ack(t) == 0);
    return 0;
}
