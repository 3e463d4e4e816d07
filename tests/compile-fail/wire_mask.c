/*
 * wire_mask: bitwise operators on a wire value are refused (masking the
 * IPv4 fragment offset in wire order picks the wrong bits).
 *   bad:  uint32_t off = ipv4_flags_frag(pkt) & 0x1fffu;
 *   good: uint32_t off = zc_be16toh(ipv4_flags_frag(pkt)) & 0x1fffu;
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_frag;
#ifdef ZC_BAD
    uint32_t off = ipv4_flags_frag(pkt) & 0x1fffu; /* ZC_EXPECT_ERROR */
#else
    uint32_t off = zc_be16toh(ipv4_flags_frag(pkt)) & 0x1fffu;
#endif
    CHECK(off == 185u);            /* offset 185 * 8 = 1480 bytes */
    CHECK((zc_be16toh(ipv4_flags_frag(pkt)) & 0x2000u) != 0); /* MF */
    return 0;
}
