/*
 * be16_to_le16: wire types of the same width but different byte order do
 * not mix, not even by plain assignment.
 *   bad:  le = ipv4_total_length(pkt);            (bytes keep BE order)
 *   good: le = zc_htole16(zc_be16toh(ipv4_total_length(pkt)));
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
    uint8_t out[2] = { 0, 0 };
    zc_le16 le = zc_htole16(0);
#ifdef ZC_BAD
    le = ipv4_total_length(pkt); /* ZC_EXPECT_ERROR */
#else
    le = zc_htole16(zc_be16toh(ipv4_total_length(pkt)));
#endif
    zc_store_le16(out, le);
    CHECK(out[0] == 0x54 && out[1] == 0x00);
    CHECK(zc_le16toh(le) == 84);
    return 0;
}
