/*
 * init_le16_as_be16: a constant initialiser fits only its own wire type.
 * ZC_LE16_INIT lays the bytes out little-endian; in a zc_be16 they would
 * read back swapped (0x0008 for 0x0800), so it must not compile.
 *   bad:  static const zc_be16 k_ethertype_ipv4 = ZC_LE16_INIT(0x0800);
 *   good: static const zc_be16 k_ethertype_ipv4 = ZC_BE16_INIT(0x0800);
 */
#include "accessors.h"

#ifdef ZC_BAD
static const zc_be16 k_ethertype_ipv4 = ZC_LE16_INIT(0x0800); /* ZC_EXPECT_ERROR */
#else
static const zc_be16 k_ethertype_ipv4 = ZC_BE16_INIT(0x0800);
#endif

int main(void)
{
    CHECK(zc_be16_eq(eth_type(k_eth_ipv4), k_ethertype_ipv4));
    CHECK(zc_be16toh(k_ethertype_ipv4) == 0x0800);
    return 0;
}
