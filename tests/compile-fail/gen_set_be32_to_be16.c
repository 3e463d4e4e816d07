/*
 * gen_set_be32_to_be16: a 32-bit wire value cannot be written into a 16-bit
 * field (it would be truncated).
 *   bad:  ipv4_set_checksum(m, zc_htobe32(0xffff));
 *   good: ipv4_set_checksum(m, zc_htobe16(0xffff));
 */
#include "setters.h"

int main(void)
{
    ipv4_mview m;
    CHECK(ipv4_parse_mut(&m, g_packet, sizeof g_packet).code == ZC_OK);
#ifdef ZC_BAD
    ipv4_set_checksum(m, zc_htobe32(0xffff)); /* ZC_EXPECT_ERROR */
#else
    ipv4_set_checksum(m, zc_htobe16(0xffff));
#endif
    CHECK(g_packet[10] == 0xff && g_packet[11] == 0xff);
    return 0;
}
