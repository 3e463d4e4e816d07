/*
 * designated_wrong_wire: naming the member does not loosen its type: a
 * little-endian length is not a big-endian one (C designated initialiser;
 * C++17, which has none, gets the same member by position).
 *   bad:  struct lengths l = { .ip = ipv4_total_length(ip), .link = radiotap_len(rt) };
 *   good: ... .link = zc_htobe16(zc_le16toh(radiotap_len(rt))) };
 */
#include "accessors.h"

struct lengths {
    zc_be16 ip;
    zc_be16 link;
};

int main(void)
{
    const uint8_t *ip = k_ipv4_icmp, *rt = k_radiotap;
#if defined(ZC_BAD) && defined(__cplusplus)
    lengths l = { ipv4_total_length(ip), radiotap_len(rt) }; /* ZC_EXPECT_ERROR C++ */
#elif defined(ZC_BAD)
    struct lengths l = { .ip = ipv4_total_length(ip), .link = radiotap_len(rt) }; /* ZC_EXPECT_ERROR C */
#elif defined(__cplusplus)
    lengths l = { ipv4_total_length(ip), zc_htobe16(zc_le16toh(radiotap_len(rt))) };
#else
    struct lengths l = { .ip = ipv4_total_length(ip), .link = zc_htobe16(zc_le16toh(radiotap_len(rt))) };
#endif
    CHECK(zc_be16toh(l.ip) == 84 && zc_be16toh(l.link) == 18);
    return 0;
}
