/*
 * gen_build_view_as_builder: puts take the builder, not a view or mutable view of the message.
 *   bad:  ipv4_put_ttl(m, 63)
 *   good: ipv4_put_ttl(&b, 63)
 */
#include "setters.h"

int main(void)
{
    uint8_t buf[64];
    ipv4_builder b;
    ipv4_mview m;
    (void)g_packet;
    ipv4_build(&b, buf, sizeof buf);
#ifdef ZC_BAD
    (void)ipv4_put_ttl(m, 63); /* ZC_EXPECT_ERROR */
#else
    CHECK(ipv4_put_ttl(&b, 63).code == ZC_OK);
#endif
    CHECK(ipv4_build_end(&b, &m).code == ZC_OK);
    CHECK(ipv4_ttl(m.v) == 63);
    return 0;
}
