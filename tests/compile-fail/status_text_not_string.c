/*
 * status_text_not_string: zc_status_text() returns a struct holding the
 * text, not a pointer to a buffer that dies with it: it has to be named
 * (.str) where a string is wanted.
 *   bad:  const char *msg = zc_status_text(st);
 *   good: zc_status_str msg = zc_status_text(st);  ... msg.str
 */
#include "accessors.h"

#include <string.h>

int main(void)
{
    zc_status st = zc_fail(ZC_ERR_TRUNCATED, 20, "ipv4.options\0");
    CHECK(zc_failed(st));
    CHECK(!zc_failed(zc_ok()));
#ifdef ZC_BAD
    const char *msg = zc_status_text(st); /* ZC_EXPECT_ERROR */
    (void)msg;
#else
    zc_status_str msg = zc_status_text(st);
    CHECK(strcmp(msg.str, "truncated: ipv4.options at offset 20") == 0);
#endif
    return 0;
}
