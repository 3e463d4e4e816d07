/*
 * generic_le_as_be: wire types are distinct types to type-generic code: a
 * conversion chosen by type (C11 _Generic, C++ overloading) has nothing to
 * offer a zc_le16 when only big-endian conversions are listed, instead of
 * silently taking the zc_be16 one.
 *   bad:  host_of(radiotap_len(rt))      (only be16/be32 conversions)
 *   good: host_of(ipv4_total_length(ip))
 */
#include "accessors.h"

#ifdef __cplusplus
ZC_UNUSED static inline uint16_t host_of(zc_be16 x) { return zc_be16toh(x); }
ZC_UNUSED static inline uint32_t host_of(zc_be32 x) { return zc_be32toh(x); }
#endif

int main(void)
{
    const uint8_t *ip = k_ipv4_icmp, *rt = k_radiotap;
    uint32_t v;
    (void)ip;
    (void)rt;
#if defined(ZC_BAD) && defined(__cplusplus)
    v = host_of(radiotap_len(rt)); /* ZC_EXPECT_ERROR C++ */
#elif defined(ZC_BAD)
    v = _Generic(radiotap_len(rt), zc_be16: zc_be16toh, zc_be32: zc_be32toh)(radiotap_len(rt)); /* ZC_EXPECT_ERROR C */
#elif defined(__cplusplus)
    v = host_of(ipv4_total_length(ip));
#else
    v = _Generic(ipv4_total_length(ip), zc_be16: zc_be16toh, zc_be32: zc_be32toh)(ipv4_total_length(ip));
#endif
    CHECK(v == 84);
    return 0;
}
