/*
 * ternary_width_mix: the arms of ?: cannot be wire values of different
 * widths (a 16-bit length and a 32-bit address have no common type).
 *   bad:  zc_be16 v = want_len ? ipv4_total_length(p) : ipv4_src(p);
 *   good: zc_be16 v = want_len ? ipv4_total_length(p) : ipv4_id(p);
 */
#include "accessors.h"

static uint16_t pick(int want_len, const uint8_t *p)
{
#ifdef ZC_BAD
    zc_be16 v = want_len ? ipv4_total_length(p) : ipv4_src(p); /* ZC_EXPECT_ERROR */
#else
    zc_be16 v = want_len ? ipv4_total_length(p) : ipv4_id(p);
#endif
    return zc_be16toh(v);
}

int main(void)
{
    CHECK(pick(1, k_ipv4_icmp) == 84);
    CHECK(pick(0, k_ipv4_icmp) == 0x1c46);
    return 0;
}
