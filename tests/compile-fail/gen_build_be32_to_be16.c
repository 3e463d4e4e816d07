/*
 * gen_build_be32_to_be16: a 32-bit wire value cannot be put into a 16-bit field.
 *   bad:  ipv4_put_identification(&b, zc_htobe32(7))
 *   good: ipv4_put_identification(&b, zc_htobe16(7))
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
    (void)ipv4_put_identification(&b, zc_htobe32(7)); /* ZC_EXPECT_ERROR */
#else
    CHECK(ipv4_put_identification(&b, zc_htobe16(7)).code == ZC_OK);
#endif
    CHECK(ipv4_build_end(&b, &m).code == ZC_OK);
    CHECK(zc_be16toh(ipv4_identification(m.v)) == 7);
    return 0;
}
