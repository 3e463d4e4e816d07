/*
 * compound_assign: compound assignment on a wire value is refused.
 *   bad:  id += 1;
 *   good: id = zc_htobe16((uint16_t)(zc_be16toh(id) + 1u));
 */
#include "accessors.h"

int main(void)
{
    uint8_t pkt[20];
    zc_be16 id;
    memcpy(pkt, k_ipv4_icmp, sizeof pkt);
    id = ipv4_id(pkt);
#ifdef ZC_BAD
    id += 1; /* ZC_EXPECT_ERROR */
#else
    id = zc_htobe16((uint16_t)(zc_be16toh(id) + 1u));
#endif
    ipv4_set_id(pkt, id);
    CHECK(pkt[4] == 0x1c && pkt[5] == 0x47);
    return 0;
}
