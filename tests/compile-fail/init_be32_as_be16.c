/*
 * init_be32_as_be16: a constant initialiser fits only its own width. In C,
 * ZC_BE32_INIT into a zc_be16 used to be a mere overflow warning that kept
 * the low (here: zero) bytes.
 *   bad:  static const zc_be16 k_len = ZC_BE32_INIT(84);
 *   good: static const zc_be16 k_len = ZC_BE16_INIT(84);
 */
#include "accessors.h"

#ifdef ZC_BAD
static const zc_be16 k_len = ZC_BE32_INIT(84); /* ZC_EXPECT_ERROR */
#else
static const zc_be16 k_len = ZC_BE16_INIT(84);
#endif

int main(void)
{
    CHECK(zc_be16_eq(ipv4_total_length(k_ipv4_icmp), k_len));
    CHECK(!zc_be16_eq(ipv4_total_length(k_ipv4_frag), k_len));
    return 0;
}
