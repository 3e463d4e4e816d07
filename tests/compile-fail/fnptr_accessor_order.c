/*
 * fnptr_accessor_order: a generated accessor's type carries its wire type:
 * the big-endian ipv4_total_length() cannot be stored in a pointer to a
 * function returning zc_le16. (A C compiler before gcc 14 / clang 16 only
 * warns about this by default: see README.md, ZC_BAD_FLAGS_C.)
 *   bad:  zc_le16 (*get_len)(ipv4_view) = ipv4_total_length;
 *   good: zc_be16 (*get_len)(ipv4_view) = ipv4_total_length;
 */
/* ZC_BAD_FLAGS_C: -Werror=incompatible-pointer-types */
#include "views.h"

int main(void)
{
    ipv4_view ip;
    CHECK(ipv4_parse(&ip, g_udp_packet, sizeof g_udp_packet).code == ZC_OK);
#ifdef ZC_BAD
    zc_le16 (*get_len)(ipv4_view) = ipv4_total_length; /* ZC_EXPECT_ERROR */
    (void)get_len;
#else
    zc_be16 (*get_len)(ipv4_view) = ipv4_total_length;
    CHECK(zc_be16toh(get_len(ip)) == 58);
#endif
    return 0;
}
