/*
 * host_to_wire_arg: a host integer cannot be passed where a wire value is
 * expected (setter argument).
 *   bad:  eth_set_type(frame, 0x86dd);           (would write dd 86)
 *   good: eth_set_type(frame, zc_htobe16(0x86dd));
 */
#include "accessors.h"

int main(void)
{
    uint8_t frame[14];
    memcpy(frame, k_eth_ipv4, sizeof frame);
#ifdef ZC_BAD
    eth_set_type(frame, 0x86dd); /* ZC_EXPECT_ERROR */
#else
    eth_set_type(frame, zc_htobe16(0x86dd));
#endif
    CHECK(frame[12] == 0x86 && frame[13] == 0xdd);
    CHECK(zc_be16toh(eth_type(frame)) == 0x86dd);
    return 0;
}
