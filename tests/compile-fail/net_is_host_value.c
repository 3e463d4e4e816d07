/*
 * net_is_host_value: zc_be16_is() takes the wire value first: a host
 * integer (already converted, or never a wire value) is refused.
 *   bad:  zc_be16_is(ntohs(sa.sin_port), 53)
 *   good: zc_be16_is(zc_be16_from_net(sa.sin_port), 53)
 */
#include "zerocast_net.h"

#include "accessors.h"

int main(void)
{
    struct sockaddr_in sa;
    int is_dns;
    memset(&sa, 0, sizeof sa);
    sa.sin_port = htons(53);
#ifdef ZC_BAD
    is_dns = zc_be16_is(ntohs(sa.sin_port), 53); /* ZC_EXPECT_ERROR */
#else
    is_dns = zc_be16_is(zc_be16_from_net(sa.sin_port), 53);
#endif
    CHECK(is_dns);
    return 0;
}
