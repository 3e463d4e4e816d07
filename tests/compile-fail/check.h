/*
 * check.h - CHECK(cond) for the compile-fail cases' good spellings: on a
 * false condition, say which and return 1 from main(). Shared by
 * accessors.h, setters.h and views.h.
 */
#ifndef ZC_TEST_CHECK_H
#define ZC_TEST_CHECK_H

#include <stdio.h>

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,          \
                    __LINE__, #cond);                                       \
            return 1;                                                       \
        }                                                                   \
    } while (0)

#endif /* ZC_TEST_CHECK_H */
