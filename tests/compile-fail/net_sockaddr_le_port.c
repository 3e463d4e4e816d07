/*
 * net_sockaddr_le_port: a little-endian wire value is no port in network
 * order either.
 *   bad:  zc_sockaddr_from_bytes(&sa, addr, zc_htole16(53))
 *   good: zc_sockaddr_from_bytes(&sa, addr, zc_htobe16(53))
 */
#include "zerocast_net.h"

#include "accessors.h"

int main(void)
{
    const uint8_t dst[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    zc_sockaddr sa;
    bool ok;
#ifdef ZC_BAD
    ok = zc_sockaddr_from_bytes(&sa, zc_bytes_make(dst, 16), zc_htole16(53)); /* ZC_EXPECT_ERROR */
#else
    ok = zc_sockaddr_from_bytes(&sa, zc_bytes_make(dst, 16), zc_htobe16(53));
#endif
    CHECK(ok);
    CHECK(sa.sin6.sin6_family == AF_INET6 && ntohs(sa.sin6.sin6_port) == 53u);
    CHECK(strcmp(zc_sockaddr_text(&sa, true).str, "[2001:db8::1]:53") == 0);
    return 0;
}
