/*
 * cast_to_host: not even an explicit cast turns a wire value into a host
 * integer (a cast would silently skip the byte swap).
 *   bad:  uint16_t id = (uint16_t)ipv4_id(pkt);
 *   good: uint16_t id = zc_be16toh(ipv4_id(pkt));
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *pkt = k_ipv4_icmp;
#ifdef ZC_BAD
    uint16_t id = (uint16_t)ipv4_id(pkt); /* ZC_EXPECT_ERROR */
#else
    uint16_t id = zc_be16toh(ipv4_id(pkt));
#endif
    CHECK(id == 0x1c46);
    return 0;
}
