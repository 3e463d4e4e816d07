/*
 * tests/cross/include/check.h - the subset of the Check unit-test API
 * (https://libcheck.github.io/check/, 0.15) that tests/unit uses, for hosts
 * that have no libcheck: i686 and s390x cross builds (tests/cross/).
 *
 * The same test sources compile against this header or Check's. What it
 * keeps from Check: every test (and every loop iteration) runs in its own
 * forked child, unless the runner is set to CK_NOFORK or CK_FORK=no is in
 * the environment (then a failed assertion longjmps back); a failed
 * assertion ends the test; a signal or an early exit is an error naming the
 * last assertion passed; timeouts (default 4 s, CK_DEFAULT_TIMEOUT,
 * tcase_set_timeout, all times CK_TIMEOUT_MULTIPLIER); checked and
 * unchecked fixtures; CK_RUN_SUITE / CK_RUN_CASE select what runs; output
 * at CK_NORMAL is Check's: "Running suite(s): NAME", then
 * "P%: Checks: N, Failures: F, Errors: E", then one
 * "file:line:F|E:tcase:test:iteration: message" line per failure.
 * What it leaves out: logging to files (srunner_set_log, _xml, _tap),
 * subunit output, the floating-point assertions, tcase_set_tags.
 * Implementation: tests/cross/check_shim.c.
 */
#ifndef ZC_CROSS_CHECK_H
#define ZC_CROSS_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CHECK_MAJOR_VERSION 0
#define CHECK_MINOR_VERSION 15
#define CHECK_MICRO_VERSION 2

#define CK_ATTRIBUTE_UNUSED __attribute__((unused))
#define CK_ATTRIBUTE_NORETURN __attribute__((noreturn))
#define CK_ATTRIBUTE_FORMAT(a, b, c) __attribute__((format(a, b, c)))

typedef struct Suite Suite;
typedef struct TCase TCase;
typedef struct SRunner SRunner;
typedef void (*TFun)(int);
typedef void (*SFun)(void);

typedef struct TTest {
    const char *name;
    TFun fn;
    const char *file;
    int line;
} TTest;

enum print_output { CK_SILENT, CK_MINIMAL, CK_NORMAL, CK_VERBOSE, CK_ENV, CK_SUBUNIT, CK_LAST };
enum fork_status { CK_FORK_GETENV, CK_FORK, CK_NOFORK };

Suite *suite_create(const char *name);
int suite_tcase(Suite *s, const char *tcname);
void suite_add_tcase(Suite *s, TCase *tc);

TCase *tcase_create(const char *name);
void tcase_set_timeout(TCase *tc, double timeout);
void _tcase_add_test(TCase *tc, const TTest *ttest, int signal, int allowed_exit_value,
                     int start, int end);
void tcase_add_unchecked_fixture(TCase *tc, SFun setup, SFun teardown);
void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown);

#define tcase_add_test(tc, tf) tcase_add_test_raise_signal(tc, tf, 0)
#define tcase_add_test_raise_signal(tc, ttest, signal) \
    _tcase_add_test((tc), (ttest), (signal), 0, 0, 1)
#define tcase_add_exit_test(tc, ttest, expected_exit_value) \
    _tcase_add_test((tc), (ttest), 0, (expected_exit_value), 0, 1)
#define tcase_add_loop_test(tc, ttest, s, e) _tcase_add_test((tc), (ttest), 0, 0, (s), (e))
#define tcase_add_loop_test_raise_signal(tc, ttest, signal, s, e) \
    _tcase_add_test((tc), (ttest), (signal), 0, (s), (e))
#define tcase_add_loop_exit_test(tc, ttest, expected_exit_value, s, e) \
    _tcase_add_test((tc), (ttest), 0, (expected_exit_value), (s), (e))

#define START_TEST(__testname)                                                         \
    static void __testname##_fn(int _i CK_ATTRIBUTE_UNUSED);                           \
    static const TTest __testname##_ttest = { "" #__testname, __testname##_fn, __FILE__, \
                                              __LINE__ };                              \
    static const TTest *__testname = &__testname##_ttest;                              \
    static void __testname##_fn(int _i CK_ATTRIBUTE_UNUSED)
#define END_TEST

SRunner *srunner_create(Suite *s);
void srunner_add_suite(SRunner *sr, Suite *s);
void srunner_free(SRunner *sr);
void srunner_run_all(SRunner *sr, enum print_output print_mode);
void srunner_run(SRunner *sr, const char *sname, const char *tcname,
                 enum print_output print_mode);
int srunner_ntests_failed(SRunner *sr);
int srunner_ntests_run(SRunner *sr);
void srunner_set_fork_status(SRunner *sr, enum fork_status fstat);
enum fork_status srunner_fork_status(SRunner *sr);

void _mark_point(const char *file, int line);
#define mark_point() _mark_point(__FILE__, __LINE__)

void _ck_assert_failed(const char *file, int line, const char *expr, const char *msg, ...)
    CK_ATTRIBUTE_NORETURN CK_ATTRIBUTE_FORMAT(printf, 4, 5);

#define ck_assert(expr) ck_assert_msg(expr, NULL)
#define ck_assert_msg(expr, ...)                 \
    (expr) ? _mark_point(__FILE__, __LINE__) \
           : _ck_assert_failed(__FILE__, __LINE__, "Assertion '" #expr "' failed", ##__VA_ARGS__)
#define ck_abort() ck_abort_msg(NULL)
#define ck_abort_msg(...) _ck_assert_failed(__FILE__, __LINE__, "Failed", ##__VA_ARGS__)

/* deprecated spellings, still in Check */
#define fail_unless(expr, ...)                   \
    (expr) ? _mark_point(__FILE__, __LINE__) \
           : _ck_assert_failed(__FILE__, __LINE__, "Assertion '" #expr "' failed", ##__VA_ARGS__, NULL)
#define fail_if(expr, ...)                                                                        \
    (expr) ? _ck_assert_failed(__FILE__, __LINE__, "Failure '" #expr "' occurred", ##__VA_ARGS__, \
                               NULL)                                                              \
           : _mark_point(__FILE__, __LINE__)
#define fail(...) _ck_assert_failed(__FILE__, __LINE__, "Failed", ##__VA_ARGS__, NULL)

#define _ck_assert_int(X, OP, Y)                                                              \
    do {                                                                                      \
        intmax_t _ck_x = (X);                                                                 \
        intmax_t _ck_y = (Y);                                                                 \
        ck_assert_msg(_ck_x OP _ck_y, "Assertion '%s' failed: %s == %jd, %s == %jd",          \
                      #X " " #OP " " #Y, #X, _ck_x, #Y, _ck_y);                               \
    } while (0)
#define ck_assert_int_eq(X, Y) _ck_assert_int(X, ==, Y)
#define ck_assert_int_ne(X, Y) _ck_assert_int(X, !=, Y)
#define ck_assert_int_lt(X, Y) _ck_assert_int(X, <, Y)
#define ck_assert_int_le(X, Y) _ck_assert_int(X, <=, Y)
#define ck_assert_int_gt(X, Y) _ck_assert_int(X, >, Y)
#define ck_assert_int_ge(X, Y) _ck_assert_int(X, >=, Y)

#define _ck_assert_uint(X, OP, Y)                                                             \
    do {                                                                                      \
        uintmax_t _ck_x = (X);                                                                \
        uintmax_t _ck_y = (Y);                                                                \
        ck_assert_msg(_ck_x OP _ck_y, "Assertion '%s' failed: %s == %ju, %s == %ju",          \
                      #X " " #OP " " #Y, #X, _ck_x, #Y, _ck_y);                               \
    } while (0)
#define ck_assert_uint_eq(X, Y) _ck_assert_uint(X, ==, Y)
#define ck_assert_uint_ne(X, Y) _ck_assert_uint(X, !=, Y)
#define ck_assert_uint_lt(X, Y) _ck_assert_uint(X, <, Y)
#define ck_assert_uint_le(X, Y) _ck_assert_uint(X, <=, Y)
#define ck_assert_uint_gt(X, Y) _ck_assert_uint(X, >, Y)
#define ck_assert_uint_ge(X, Y) _ck_assert_uint(X, >=, Y)

/* Strings: NULL is "(null)" and fails every comparison unless NULLEQ/NULLNE
   say otherwise (the pstr forms), as in Check. */
#define _ck_assert_str(X, OP, Y, NULLEQ, NULLNE)                                               \
    do {                                                                                       \
        const char *_ck_x = (X);                                                               \
        const char *_ck_y = (Y);                                                               \
        const char *_ck_x_s = _ck_x ? _ck_x : "(null)", *_ck_x_q = _ck_x ? "\"" : "";         \
        const char *_ck_y_s = _ck_y ? _ck_y : "(null)", *_ck_y_q = _ck_y ? "\"" : "";         \
        ck_assert_msg(((NULLEQ) && _ck_x == NULL && _ck_y == NULL) ||                          \
                          ((NULLNE) && (_ck_x == NULL) != (_ck_y == NULL)) ||                  \
                          (_ck_x != NULL && _ck_y != NULL && 0 OP strcmp(_ck_y, _ck_x)),       \
                      "Assertion '%s' failed: %s == %s%s%s, %s == %s%s%s", #X " " #OP " " #Y,  \
                      #X, _ck_x_q, _ck_x_s, _ck_x_q, #Y, _ck_y_q, _ck_y_s, _ck_y_q);           \
    } while (0)
#define ck_assert_str_eq(X, Y) _ck_assert_str(X, ==, Y, 0, 0)
#define ck_assert_str_ne(X, Y) _ck_assert_str(X, !=, Y, 0, 0)
#define ck_assert_str_lt(X, Y) _ck_assert_str(X, <, Y, 0, 0)
#define ck_assert_str_le(X, Y) _ck_assert_str(X, <=, Y, 0, 0)
#define ck_assert_str_gt(X, Y) _ck_assert_str(X, >, Y, 0, 0)
#define ck_assert_str_ge(X, Y) _ck_assert_str(X, >=, Y, 0, 0)
#define ck_assert_pstr_eq(X, Y) _ck_assert_str(X, ==, Y, 1, 0)
#define ck_assert_pstr_ne(X, Y) _ck_assert_str(X, !=, Y, 0, 1)

#ifndef CK_MAX_ASSERT_MEM_PRINT_SIZE
#define CK_MAX_ASSERT_MEM_PRINT_SIZE 64
#endif
/* Memory: the first CK_MAX_ASSERT_MEM_PRINT_SIZE bytes of each side in hex
   (the last shown byte becomes ".." when cut), as in Check. */
void _ck_hex(char *out, const uint8_t *p, size_t len);
#define _ck_assert_mem(X, OP, Y, L)                                                           \
    do {                                                                                      \
        const uint8_t *_ck_x = (const uint8_t *)(X);                                          \
        const uint8_t *_ck_y = (const uint8_t *)(Y);                                          \
        size_t _ck_l = (L);                                                                   \
        char _ck_x_str[CK_MAX_ASSERT_MEM_PRINT_SIZE * 2 + 1];                                 \
        char _ck_y_str[CK_MAX_ASSERT_MEM_PRINT_SIZE * 2 + 1];                                 \
        if (0 OP memcmp(_ck_y, _ck_x, _ck_l)) {                                               \
            _mark_point(__FILE__, __LINE__);                                                  \
            break;                                                                            \
        }                                                                                     \
        _ck_hex(_ck_x_str, _ck_x, _ck_l);                                                     \
        _ck_hex(_ck_y_str, _ck_y, _ck_l);                                                     \
        ck_assert_msg(0, "Assertion '%s' failed: %s == \"%s\", %s == \"%s\"",                 \
                      #X " " #OP " " #Y, #X, _ck_x_str, #Y, _ck_y_str);                       \
    } while (0)
#define ck_assert_mem_eq(X, Y, L) _ck_assert_mem(X, ==, Y, L)
#define ck_assert_mem_ne(X, Y, L) _ck_assert_mem(X, !=, Y, L)
#define ck_assert_mem_lt(X, Y, L) _ck_assert_mem(X, <, Y, L)
#define ck_assert_mem_le(X, Y, L) _ck_assert_mem(X, <=, Y, L)
#define ck_assert_mem_gt(X, Y, L) _ck_assert_mem(X, >, Y, L)
#define ck_assert_mem_ge(X, Y, L) _ck_assert_mem(X, >=, Y, L)

#define _ck_assert_ptr(X, OP, Y)                                                              \
    do {                                                                                      \
        const void *_ck_x = (X);                                                              \
        const void *_ck_y = (Y);                                                              \
        ck_assert_msg(_ck_x OP _ck_y, "Assertion '%s' failed: %s == %#lx, %s == %#lx",        \
                      #X " " #OP " " #Y, #X, (unsigned long)(uintptr_t)_ck_x, #Y,             \
                      (unsigned long)(uintptr_t)_ck_y);                                       \
    } while (0)
#define ck_assert_ptr_eq(X, Y) _ck_assert_ptr(X, ==, Y)
#define ck_assert_ptr_ne(X, Y) _ck_assert_ptr(X, !=, Y)

#define _ck_assert_ptr_null(X, OP)                                                            \
    do {                                                                                      \
        const void *_ck_x = (X);                                                              \
        ck_assert_msg(_ck_x OP NULL, "Assertion '%s' failed: %s == %#lx", #X " " #OP " NULL", \
                      #X, (unsigned long)(uintptr_t)_ck_x);                                   \
    } while (0)
#define ck_assert_ptr_null(X) _ck_assert_ptr_null(X, ==)
#define ck_assert_ptr_nonnull(X) _ck_assert_ptr_null(X, !=)

#ifdef __cplusplus
}
#endif

#endif /* ZC_CROSS_CHECK_H */
