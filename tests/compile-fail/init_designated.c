/*
 * init_designated: a designated member initialiser (C) or a brace-list
 * member (C++17 has no designators) takes only the member type's constant.
 *   bad:  struct port_rule r = { .allow = 1, .port = ZC_LE16_INIT(53) };   (C)
 *         port_rule r{ ZC_LE16_INIT(53), 1 };                              (C++)
 *   good: the same with ZC_BE16_INIT(53)
 */
#include "accessors.h"

struct port_rule {
    zc_be16 port;
    int allow;
};

int main(void)
{
#if defined(ZC_BAD) && defined(__cplusplus)
    port_rule r{ ZC_LE16_INIT(53), 1 }; /* ZC_EXPECT_ERROR C++ */
#elif defined(ZC_BAD)
    struct port_rule r = { .allow = 1, .port = ZC_LE16_INIT(53) }; /* ZC_EXPECT_ERROR C */
#elif defined(__cplusplus)
    port_rule r{ ZC_BE16_INIT(53), 1 };
#else
    struct port_rule r = { .allow = 1, .port = ZC_BE16_INIT(53) };
#endif
    CHECK(zc_be16_eq(udp_dst_port(k_udp_dns), r.port) && r.allow == 1);
    return 0;
}
