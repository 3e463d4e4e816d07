/*
 * init_nested: in an array of structs holding structs, a constant of the
 * wrong width for its member is refused where it stands.
 *   bad:  { { ZC_BE32_INIT(0xc0a80001u), ZC_BE32_INIT(53) }, 17 }
 *   good: { { ZC_BE32_INIT(0xc0a80001u), ZC_BE16_INIT(53) }, 17 }
 */
#include "accessors.h"

struct endpoint {
    zc_be32 addr;
    zc_be16 port;
};

struct flow_rule {
    struct endpoint dst;
    int proto;
};

static const struct flow_rule k_rules[] = {
    { { ZC_BE32_INIT(0x0a000002u), ZC_BE16_INIT(443) }, 6 },
#ifdef ZC_BAD
    { { ZC_BE32_INIT(0xc0a80001u), ZC_BE32_INIT(53) }, 17 }, /* ZC_EXPECT_ERROR */
#else
    { { ZC_BE32_INIT(0xc0a80001u), ZC_BE16_INIT(53) }, 17 },
#endif
};

int main(void)
{
    CHECK(zc_be32_eq(ipv4_src(k_ipv4_icmp), k_rules[1].dst.addr));
    CHECK(zc_be16_eq(udp_dst_port(k_udp_dns), k_rules[1].dst.port));
    CHECK(zc_be32_eq(ipv4_dst(k_ipv4_frag), k_rules[0].dst.addr));
    return 0;
}
