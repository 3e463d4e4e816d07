/*
 * gen_set_wire_to_bits: bit fields and whole bytes take host integers; a
 * wire value is refused (it would have to be converted first).
 *   bad:  ipv4_set_ttl(m, zc_htobe16(63));
 *   good: ipv4_set_ttl(m, 63);
 */
#include "setters.h"

int main(void)
{
    ipv4_mview m;
    CHECK(ipv4_parse_mut(&m, g_packet, sizeof g_packet).code == ZC_OK);
#ifdef ZC_BAD
    ipv4_set_ttl(m, zc_htobe16(63)); /* ZC_EXPECT_ERROR */
#else
    ipv4_set_ttl(m, 63);
#endif
    CHECK(g_packet[8] == 63);
    CHECK(ipv4_set_fragment_offset(m, 0x2000).code == ZC_ERR_RANGE);
    return 0;
}
