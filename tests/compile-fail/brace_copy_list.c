/*
 * brace_copy_list: braces do not convert between wire types: a zc_le16
 * inside a zc_be16's braces initialises the be16's integer, which a
 * struct cannot do.
 *   bad:  zc_be16 len = { radiotap_len(rt) };
 *   good: zc_be16 len = zc_htobe16(zc_le16toh(radiotap_len(rt)));
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *rt = k_radiotap;
#ifdef ZC_BAD
    zc_be16 len = { radiotap_len(rt) }; /* ZC_EXPECT_ERROR */
#else
    zc_be16 len = zc_htobe16(zc_le16toh(radiotap_len(rt)));
#endif
    CHECK(zc_be16toh(len) == 18);
    return 0;
}
