/*
 * brace_direct_init: direct-list-initialisation (C++ `T x{v}`, C's
 * `T x = {v}`) from a wire value of another width is refused: no
 * narrowing of wire bytes, not even inside braces.
 *   bad:  zc_be16 len{ ipv4_src(p) };              (C++)
 *         zc_be16 len = { ipv4_src(p) };           (C)
 *   good: zc_be16 len{ ipv4_total_length(p) };    /  zc_be16 len = ipv4_total_length(p);
 */
#include "accessors.h"

int main(void)
{
    const uint8_t *p = k_ipv4_icmp;
#if defined(ZC_BAD) && defined(__cplusplus)
    zc_be16 len{ ipv4_src(p) }; /* ZC_EXPECT_ERROR C++ */
#elif defined(ZC_BAD)
    zc_be16 len = { ipv4_src(p) }; /* ZC_EXPECT_ERROR C */
#elif defined(__cplusplus)
    zc_be16 len{ ipv4_total_length(p) };
#else
    zc_be16 len = ipv4_total_length(p);
#endif
    CHECK(zc_be16toh(len) == 84);
    return 0;
}
