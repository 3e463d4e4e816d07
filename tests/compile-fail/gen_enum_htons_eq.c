/*
 * gen_enum_htons_eq: an enum field reads as its host value; comparing it
 * with a byte-swapped number is refused in C++.
 *   bad:  ethernet_type(v) == htons(0x86dd)
 *   good: ethernet_type(v) == ETHER_TYPE_IPV6
 */
/* ZC_COMPILES_IN_C: a C enum compares with any integer (docs/decisions.md, "Known gap: enum values in C") */
#include <arpa/inet.h>
#include "views.h"

int main(void)
{
    uint8_t frame[ETHERNET_MIN_SIZE] = { 0 };
    ethernet_view v;
    int ipv6;
    frame[12] = 0x86;
    frame[13] = 0xdd;
    CHECK(ethernet_parse(&v, frame, sizeof frame).code == ZC_OK);
#ifdef ZC_BAD
    ipv6 = ethernet_type(v) == htons(0x86dd); /* ZC_EXPECT_ERROR C++ */
#else
    ipv6 = ethernet_type(v) == ETHER_TYPE_IPV6;
#endif
    CHECK(ipv6);
    return 0;
}
