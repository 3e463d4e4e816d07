/*
 * init_array: every element of an array of wire constants must use its
 * element type's initialiser; one wrong element is refused.
 *   bad:  static const zc_be16 k_ports[2] = { ZC_BE16_INIT(53), ZC_LE16_INIT(5353) };
 *   good: static const zc_be16 k_ports[2] = { ZC_BE16_INIT(53), ZC_BE16_INIT(5353) };
 */
#include "accessors.h"

#ifdef ZC_BAD
static const zc_be16 k_ports[2] = { ZC_BE16_INIT(53), ZC_LE16_INIT(5353) }; /* ZC_EXPECT_ERROR */
#else
static const zc_be16 k_ports[2] = { ZC_BE16_INIT(53), ZC_BE16_INIT(5353) };
#endif

static int is_dns_port(zc_be16 port)
{
    size_t i;
    for (i = 0; i < sizeof k_ports / sizeof k_ports[0]; i++)
        if (zc_be16_eq(port, k_ports[i]))
            return 1;
    return 0;
}

int main(void)
{
    CHECK(is_dns_port(udp_dst_port(k_udp_dns)));
    CHECK(!is_dns_port(udp_src_port(k_udp_dns)));
    CHECK(zc_be16toh(k_ports[1]) == 5353);
    return 0;
}
