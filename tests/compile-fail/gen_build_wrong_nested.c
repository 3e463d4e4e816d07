/*
 * gen_build_wrong_nested: a nested field's put takes a view of its own
 * struct type (an address for ipv4.src), not some other view.
 *   bad:  ipv4_put_src(&b, ip)        (ip is an ipv4_view)
 *   good: ipv4_put_src(&b, a)         (a is an ipv4_addr_view)
 */
#include "setters.h"

int main(void)
{
    uint8_t buf[64];
    ipv4_builder b;
    ipv4_mview m;
    ipv4_view ip;
    ipv4_addr_view a;
    CHECK(ipv4_parse(&ip, g_packet, sizeof g_packet).code == ZC_OK);
    CHECK(ipv4_addr_parse(&a, g_packet + 12, 4).code == ZC_OK);
    ipv4_build(&b, buf, sizeof buf);
#ifdef ZC_BAD
    (void)ipv4_put_src(&b, ip); /* ZC_EXPECT_ERROR */
#else
    CHECK(ipv4_put_src(&b, a).code == ZC_OK);
#endif
    CHECK(ipv4_build_end(&b, &m).code == ZC_OK);
    CHECK(memcmp(ipv4_addr_octets(ipv4_src(m.v)).ptr, g_packet + 12, 4) == 0);
    return 0;
}
