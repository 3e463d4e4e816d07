/*
 * gen_view_for_mview: writing needs the mutable view from
 * udp_parse_mut(); the read-only view from udp_parse() cannot be given to
 * udp_fill_checksum(), which writes the checksum field.
 *   bad:  udp_fill_checksum(v, &ph)        (v is a udp_view)
 *   good: udp_fill_checksum(m, &ph)        (m is a udp_mview)
 */
#include "views.h"

int main(void)
{
    ipv4_view ip;
    udp_view v;
    udp_mview m;
    zc_pseudo ph;
    CHECK(ipv4_parse(&ip, g_udp_packet, sizeof g_udp_packet).code == ZC_OK);
    CHECK(udp_parse(&v, g_udp_packet + 20, sizeof g_udp_packet - 20).code == ZC_OK);
    CHECK(udp_parse_mut(&m, g_udp_packet + 20, sizeof g_udp_packet - 20).code == ZC_OK);
    ph = zc_pseudo_ipv4(ipv4_addr_octets(ipv4_src(ip)), ipv4_addr_octets(ipv4_dst(ip)));
    g_udp_packet[26] = g_udp_packet[27] = 0xff; /* a wrong checksum */
    CHECK(!udp_checksum_ok(v, &ph));
#ifdef ZC_BAD
    (void)udp_fill_checksum(v, &ph); /* ZC_EXPECT_ERROR */
#else
    CHECK(udp_fill_checksum(m, &ph).code == ZC_OK);
#endif
    CHECK(udp_checksum_ok(v, &ph));
    return 0;
}
