/*
 * gen_set_const_view: a read-only view cannot be written through; setters
 * take the mutable view from ipv4_parse_mut() over a writable buffer.
 *   bad:  ipv4_set_ttl(v, 63);                 (v is an ipv4_view)
 *   good: ipv4_set_ttl(m, 63);                 (m is an ipv4_mview)
 */
#include "setters.h"

int main(void)
{
    ipv4_view v;
    ipv4_mview m;
    CHECK(ipv4_parse(&v, g_packet, sizeof g_packet).code == ZC_OK);
    CHECK(ipv4_parse_mut(&m, g_packet, sizeof g_packet).code == ZC_OK);
#ifdef ZC_BAD
    ipv4_set_ttl(v, 63); /* ZC_EXPECT_ERROR */
#else
    ipv4_set_ttl(m, 63);
#endif
    CHECK(ipv4_ttl(v) == 63);
    return 0;
}
