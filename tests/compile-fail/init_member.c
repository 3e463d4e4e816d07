/*
 * init_member: a wire-typed struct member takes only its own type's
 * constant, also inside a larger initialiser.
 *   bad:  static const struct port_rule k_dns = { ZC_LE16_INIT(53), 1 };
 *   good: static const struct port_rule k_dns = { ZC_BE16_INIT(53), 1 };
 */
#include "accessors.h"

struct port_rule {
    zc_be16 port;
    int allow;
};

#ifdef ZC_BAD
static const struct port_rule k_dns = { ZC_LE16_INIT(53), 1 }; /* ZC_EXPECT_ERROR */
#else
static const struct port_rule k_dns = { ZC_BE16_INIT(53), 1 };
#endif

int main(void)
{
    CHECK(zc_be16_eq(udp_dst_port(k_udp_dns), k_dns.port) && k_dns.allow == 1);
    CHECK(!zc_be16_eq(udp_src_port(k_udp_dns), k_dns.port));
    return 0;
}
