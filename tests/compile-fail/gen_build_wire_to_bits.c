/*
 * gen_build_wire_to_bits: a bit field's put takes a host integer, not a wire value.
 *   bad:  ipv4_put_fragment_offset(&b, zc_htobe16(185))
 *   good: ipv4_put_fragment_offset(&b, 185)
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
    (void)ipv4_put_fragment_offset(&b, zc_htobe16(185)); /* ZC_EXPECT_ERROR */
#else
    CHECK(ipv4_put_fragment_offset(&b, 185).code == ZC_OK);
#endif
    CHECK(ipv4_build_end(&b, &m).code == ZC_OK);
    CHECK(ipv4_fragment_offset(m.v) == 185);
    return 0;
}
