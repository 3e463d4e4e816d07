/*
 * return_wrong_order: a function declared to return zc_be16 cannot return
 * a zc_le16 (here: re-emitting a radiotap length in network order).
 *   bad:  return radiotap_len(rt);
 *   good: return zc_htobe16(zc_le16toh(radiotap_len(rt)));
 */
#include "accessors.h"

static zc_be16 radiotap_len_net(const uint8_t *rt)
{
#ifdef ZC_BAD
    return radiotap_len(rt); /* ZC_EXPECT_ERROR */
#else
    return zc_htobe16(zc_le16toh(radiotap_len(rt)));
#endif
}

int main(void)
{
    uint8_t out[2] = { 0, 0 };
    zc_store_be16(out, radiotap_len_net(k_radiotap));
    CHECK(out[0] == 0x00 && out[1] == 0x12);
    CHECK(zc_be16toh(radiotap_len_net(k_radiotap)) == 18);
    return 0;
}
