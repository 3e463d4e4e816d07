/*
 * gen_enum_htons_set: an enum field's setter takes the host value; a
 * byte-swapped one is refused in C++, where the enum is an enum class.
 *   bad:  ethernet_set_type(m, htons(0x0800))
 *   good: ethernet_set_type(m, ETHER_TYPE_IPV4)
 */
/* ZC_COMPILES_IN_C: an int converts to a C enum (docs/decisions.md, "Known gap: enum values in C") */
#include <arpa/inet.h>
#include "views.h"

int main(void)
{
    uint8_t frame[ETHERNET_MIN_SIZE] = { 0 };
    ethernet_mview m;
    frame[12] = 0x86;
    frame[13] = 0xdd;
    CHECK(ethernet_parse_mut(&m, frame, sizeof frame).code == ZC_OK);
#ifdef ZC_BAD
    (void)ethernet_set_type(m, htons(0x0800)); /* ZC_EXPECT_ERROR C++ */
#else
    CHECK(ethernet_set_type(m, ETHER_TYPE_IPV4).code == ZC_OK);
#endif
    CHECK(frame[12] == 0x08 && frame[13] == 0x00);
    return 0;
}
