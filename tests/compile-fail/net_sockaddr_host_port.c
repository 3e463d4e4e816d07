/*
 * net_sockaddr_host_port: zc_sockaddr_from_bytes() takes the port as a
 * wire value, so a forgotten byte swap (a host 53) does not compile.
 *   bad:  zc_sockaddr_from_bytes(&sa, addr, 53)
 *   good: zc_sockaddr_from_bytes(&sa, addr, zc_htobe16(53))
 */
#include "zerocast_net.h"

#include "accessors.h"

int main(void)
{
    const uint8_t dst[4] = { 192, 0, 2, 1 };
    zc_sockaddr sa;
    bool ok;
#ifdef ZC_BAD
    ok = zc_sockaddr_from_bytes(&sa, zc_bytes_make(dst, 4), 53); /* ZC_EXPECT_ERROR */
#else
    ok = zc_sockaddr_from_bytes(&sa, zc_bytes_make(dst, 4), zc_htobe16(53));
#endif
    CHECK(ok);
    CHECK(sa.sin.sin_family == AF_INET && ntohs(sa.sin.sin_port) == 53u);
    CHECK(ntohl(sa.sin.sin_addr.s_addr) == 0xc0000201u);
    return 0;
}
