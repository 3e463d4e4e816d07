/*
 * gen_net_addr_view: with net.zc.h included first, zerocast_net.h bridges
 * net.zc's address views to the socket types; an ipv6_addr_view is no
 * ipv4_addr_view.
 *   bad:  struct in_addr a = zc_ipv4_addr_in(v6);
 *   good: struct in_addr a = zc_ipv4_addr_in(v4);
 */
#include "net.zc.h"
#include "zerocast_net.h"

#include <string.h>

#include "check.h"

int main(void)
{
    const uint8_t b4[4] = { 192, 0, 2, 1 };
    const uint8_t b6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53 };
    ipv4_addr_view v4;
    ipv6_addr_view v6;
    struct in6_addr a6;
    CHECK(!zc_failed(ipv4_addr_parse(&v4, b4, sizeof b4)));
    CHECK(!zc_failed(ipv6_addr_parse(&v6, b6, sizeof b6)));
#ifdef ZC_BAD
    struct in_addr a = zc_ipv4_addr_in(v6); /* ZC_EXPECT_ERROR */
#else
    struct in_addr a = zc_ipv4_addr_in(v4);
#endif
    CHECK(ntohl(a.s_addr) == 0xc0000201u);
    CHECK(strcmp(zc_ipv4_addr_text(v4).str, "192.0.2.1") == 0);
    a6 = zc_ipv6_addr_in6(v6);
    CHECK(zc_in6_addr_is(ipv6_addr_octets(v6), &a6));
    CHECK(strcmp(zc_ipv6_addr_text(v6).str, "2001:db8::53") == 0);
    CHECK(strcmp(zc_ip_text(zc_bytes_make(b4, 3)).str, "?") == 0);
    return 0;
}
