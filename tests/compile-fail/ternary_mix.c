/*
 * ternary_mix: the two arms of ?: cannot be wire values of different byte
 * order (the result type would be a lie for one of them).
 *   bad:  zc_be16 len = from_rt ? radiotap_len(rt) : ipv4_total_length(ip);
 *   good: zc_be16 len = from_rt ? zc_htobe16(zc_le16toh(radiotap_len(rt)))
 *                               : ipv4_total_length(ip);
 */
#include "accessors.h"

static uint16_t pick_len(int from_rt, const uint8_t *rt, const uint8_t *ip)
{
#ifdef ZC_BAD
    zc_be16 len = from_rt ? radiotap_len(rt) : ipv4_total_length(ip); /* ZC_EXPECT_ERROR */
#else
    zc_be16 len = from_rt ? zc_htobe16(zc_le16toh(radiotap_len(rt))) : ipv4_total_length(ip);
#endif
    return zc_be16toh(len);
}

int main(void)
{
    CHECK(pick_len(1, k_radiotap, k_ipv4_icmp) == 18);
    CHECK(pick_len(0, k_radiotap, k_ipv4_icmp) == 84);
    return 0;
}
