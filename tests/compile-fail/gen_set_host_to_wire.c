/*
 * gen_set_host_to_wire: a generated setter of a be16 field takes zc_be16,
 * never a host integer.
 *   bad:  ipv4_set_total_length(m, 60);
 *   good: ipv4_set_total_length(m, zc_htobe16(60));
 */
#include "setters.h"

int main(void)
{
    ipv4_mview m;
    CHECK(ipv4_parse_mut(&m, g_packet, sizeof g_packet).code == ZC_OK);
#ifdef ZC_BAD
    ipv4_set_total_length(m, 60); /* ZC_EXPECT_ERROR */
#else
    ipv4_set_total_length(m, zc_htobe16(60));
#endif
    CHECK(g_packet[2] == 0x00 && g_packet[3] == 60);
    CHECK(zc_be16toh(ipv4_total_length(m.v)) == 60);
    return 0;
}
