/*
 * gen_enum_ntohs: an enum field is already in host order; ntohs() of it is
 * refused in C++ (an enum class does not convert to an integer).
 *   bad:  uint16_t t = ntohs(ethernet_type(v));
 *   good: uint16_t t = (uint16_t)ethernet_type(v);
 */
/* ZC_COMPILES_IN_C: a C enum converts to any integer (docs/decisions.md, "Known gap: enum values in C") */
#include <arpa/inet.h>
#include "views.h"

int main(void)
{
    uint8_t frame[ETHERNET_MIN_SIZE] = { 0 };
    ethernet_view v;
    uint16_t t;
    frame[12] = 0x08;
    frame[13] = 0x06;
    CHECK(ethernet_parse(&v, frame, sizeof frame).code == ZC_OK);
#ifdef ZC_BAD
    t = ntohs(ethernet_type(v)); /* ZC_EXPECT_ERROR C++ */
#else
    t = (uint16_t)ethernet_type(v);
#endif
    CHECK(t == 0x0806);
    return 0;
}
