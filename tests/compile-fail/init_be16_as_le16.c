/*
 * init_be16_as_le16: the other direction, for a const local object: a
 * big-endian constant cannot initialise a little-endian field's value.
 *   bad:  const zc_le16 expect = ZC_BE16_INIT(18);
 *   good: const zc_le16 expect = ZC_LE16_INIT(18);
 */
#include "accessors.h"

int main(void)
{
#ifdef ZC_BAD
    const zc_le16 expect = ZC_BE16_INIT(18); /* ZC_EXPECT_ERROR */
#else
    const zc_le16 expect = ZC_LE16_INIT(18);
#endif
    CHECK(zc_le16_eq(radiotap_len(k_radiotap), expect));
    CHECK(zc_le16toh(expect) == 18);
    return 0;
}
