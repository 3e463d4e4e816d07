/*
 * ternary_init_mix: constants keep their type through ?: too; picking
 * between a big- and a little-endian constant does not compile.
 *   bad:  zc_be16 want = tagged ? k_tpid_le : k_ethertype_ipv4;
 *   good: zc_be16 want = tagged ? k_tpid : k_ethertype_ipv4;
 */
#include "accessors.h"

static const zc_be16 k_ethertype_ipv4 = ZC_BE16_INIT(0x0800);
static const zc_be16 k_tpid = ZC_BE16_INIT(0x8100);
ZC_UNUSED static const zc_le16 k_tpid_le = ZC_LE16_INIT(0x8100);

static int matches(int tagged, const uint8_t *f)
{
#ifdef ZC_BAD
    zc_be16 want = tagged ? k_tpid_le : k_ethertype_ipv4; /* ZC_EXPECT_ERROR */
#else
    zc_be16 want = tagged ? k_tpid : k_ethertype_ipv4;
#endif
    return zc_be16_eq(eth_type(f), want);
}

int main(void)
{
    CHECK(matches(0, k_eth_ipv4));
    CHECK(!matches(1, k_eth_ipv4));
    return 0;
}
