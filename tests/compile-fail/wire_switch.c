/*
 * wire_switch: a wire value cannot be the controlling expression of a
 * switch (its case labels would be in host order).
 *   bad:  switch (eth_type(frame)) { case 0x0800: ... }
 *   good: switch (zc_be16toh(eth_type(frame))) { case 0x0800: ... }
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *frame = k_eth_ipv4;
    int l3 = 0;
#ifdef ZC_BAD
    switch (eth_type(frame)) { /* ZC_EXPECT_ERROR */
#else
    switch (zc_be16toh(eth_type(frame))) {
#endif
    case 0x0800: l3 = 4; break;
    case 0x86dd: l3 = 6; break;
    default: l3 = -1; break;
    }
    CHECK(l3 == 4);
    return 0;
}
