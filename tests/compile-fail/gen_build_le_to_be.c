/*
 * gen_build_le_to_be: a little-endian value cannot be put into a big-endian field.
 *   bad:  ipv4_put_identification(&b, zc_htole16(0x1c46))
 *   good: ipv4_put_identification(&b, zc_htobe16(0x1c46))
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
    (void)ipv4_put_identification(&b, zc_htole16(0x1c46)); /* ZC_EXPECT_ERROR */
#else
    CHECK(ipv4_put_identification(&b, zc_htobe16(0x1c46)).code == ZC_OK);
#endif
    CHECK(ipv4_build_end(&b, &m).code == ZC_OK);
    CHECK(zc_be16toh(ipv4_identification(m.v)) == 0x1c46);
    return 0;
}
