/*
 * init_compound: a wire constant spelt inline as a temporary (C compound
 * literal, C++ functional cast) still takes only its own type's initialiser.
 *   bad:  eth_set_type(f, (zc_be16)ZC_LE16_INIT(0x86dd));      (C)
 *         eth_set_type(f, zc_be16{ ZC_LE16_INIT(0x86dd) });    (C++)
 *   good: eth_set_type(f, (zc_be16)ZC_BE16_INIT(0x86dd));      (C)
 *         eth_set_type(f, zc_be16{ ZC_BE16_INIT(0x86dd) });    (C++)
 */
#include "accessors.h"

int main(void)
{
    uint8_t f[14];
    memcpy(f, k_eth_ipv4, sizeof f);
#if defined(ZC_BAD) && defined(__cplusplus)
    eth_set_type(f, zc_be16{ ZC_LE16_INIT(0x86dd) }); /* ZC_EXPECT_ERROR C++ */
#elif defined(ZC_BAD)
    eth_set_type(f, (zc_be16)ZC_LE16_INIT(0x86dd)); /* ZC_EXPECT_ERROR C */
#elif defined(__cplusplus)
    eth_set_type(f, zc_be16{ ZC_BE16_INIT(0x86dd) });
#else
    eth_set_type(f, (zc_be16)ZC_BE16_INIT(0x86dd));
#endif
    CHECK(f[12] == 0x86 && f[13] == 0xdd);
    CHECK(zc_be16toh(eth_type(f)) == 0x86dd);
    return 0;
}
