/*
 * gen_set_le_to_be: a little-endian value cannot be written into a
 * big-endian field.
 *   bad:  ipv4_set_identification(m, zc_htole16(0x1234));
 *   good: ipv4_set_identification(m, zc_htobe16(0x1234));
 */
#include "setters.h"

int main(void)
{
    ipv4_mview m;
    CHECK(ipv4_parse_mut(&m, g_packet, sizeof g_packet).code == ZC_OK);
#ifdef ZC_BAD
    ipv4_set_identification(m, zc_htole16(0x1234)); /* ZC_EXPECT_ERROR */
#else
    ipv4_set_identification(m, zc_htobe16(0x1234));
#endif
    CHECK(g_packet[4] == 0x12 && g_packet[5] == 0x34);
    return 0;
}
