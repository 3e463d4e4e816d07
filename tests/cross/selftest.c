/*
 * tests/cross/selftest.c - the suite's Check runner (check_shim.c) must
 * report what Check reports. Each test here passes or fails on purpose; the
 * suite builds this file against Check on the build host and against the
 * shim on the build host and each cross host, and requires the same
 * standard output from all (tests/cross/run.sh). It covers every assertion
 * family tests/unit uses, failures in loop iterations, a segmentation fault
 * and an abort after a passed assertion, a timeout, an early exit, and a
 * runner without fork. Exit status: 0.
 */
#include <check.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

START_TEST(passes)
{
    static const uint8_t a[] = { 1, 2, 3 }, b[] = { 1, 2, 3 };
    ck_assert(1 + 1 == 2);
    ck_assert_msg(2 > 1, "never shown %d", 1);
    ck_assert_int_eq(-3, -3);
    ck_assert_int_ne(-3, 3);
    ck_assert_int_lt(-4, -3);
    ck_assert_int_le(-3, -3);
    ck_assert_int_gt(5, -3);
    ck_assert_int_ge(5, 5);
    ck_assert_uint_eq(UINT64_MAX, UINT64_MAX);
    ck_assert_uint_ne(1u, 2u);
    ck_assert_uint_lt(1u, 2u);
    ck_assert_uint_le(2u, 2u);
    ck_assert_uint_gt(3u, 2u);
    ck_assert_uint_ge(3u, 3u);
    ck_assert_str_eq("abc", "abc");
    ck_assert_ptr_eq(a, a);
    ck_assert_ptr_null(NULL);
    ck_assert_ptr_nonnull(a);
    ck_assert_mem_eq(a, b, sizeof a);
}
END_TEST

START_TEST(fails_plain)
{
    ck_assert(1 + 1 == 3);
}
END_TEST

START_TEST(fails_with_message)
{
    ck_assert_msg(_i < 0, "iteration %d: %s", _i, "a message");
}
END_TEST

START_TEST(fails_int)
{
    int64_t least = INT64_MIN;   /* a variable: the macro's spelling differs by host */
    ck_assert_int_eq(least, 7);
}
END_TEST

START_TEST(fails_uint)
{
    uint64_t most = UINT64_MAX;
    ck_assert_uint_le(most, 7u);
}
END_TEST

START_TEST(fails_str)
{
    const char *none = NULL;
    if (_i == 0)
        ck_assert_str_eq("zero", "one");
    ck_assert_str_eq(none, "one");
}
END_TEST

START_TEST(fails_mem)
{
    uint8_t x[100], y[100];
    memset(x, 0xab, sizeof x);
    memset(y, 0xab, sizeof y);
    y[3] = 0;
    ck_assert_mem_eq(x, y, _i == 0 ? 4 : sizeof x);
}
END_TEST

START_TEST(fails_ptr)
{
    static const int v = 1;
    const void *none = NULL;
    ck_assert_ptr_null(&v == &v ? NULL : &v);
    ck_assert_ptr_nonnull(none);
}
END_TEST

START_TEST(aborts)
{
    ck_abort_msg("stopped at %s", "this point");
}
END_TEST

START_TEST(crashes)
{
    ck_assert_int_eq(1, 1);   /* the last point passed */
    raise(SIGSEGV);
}
END_TEST

START_TEST(calls_abort)
{
    abort();
}
END_TEST

START_TEST(times_out)
{
    ck_assert(1);
    sleep(5);
}
END_TEST

START_TEST(exits_early)
{
    exit(3);
}
END_TEST

static int nofork_runs;

START_TEST(nofork_counts)
{
    nofork_runs++;
    ck_assert_int_eq(nofork_runs, 2);   /* shared state: only with CK_NOFORK */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("selftest");
    TCase *tc = tcase_create("asserts");
    tcase_add_test(tc, passes);
    tcase_add_test(tc, fails_plain);
    tcase_add_loop_test(tc, fails_with_message, 0, 3);
    tcase_add_test(tc, fails_int);
    tcase_add_test(tc, fails_uint);
    tcase_add_loop_test(tc, fails_str, 0, 2);
    tcase_add_loop_test(tc, fails_mem, 0, 2);
    tcase_add_test(tc, fails_ptr);
    tcase_add_test(tc, aborts);
    suite_add_tcase(s, tc);
    tc = tcase_create("process");
    tcase_set_timeout(tc, 1);
    tcase_add_test(tc, crashes);
    tcase_add_test(tc, calls_abort);
    tcase_add_test(tc, times_out);
    tcase_add_test(tc, exits_early);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr), run = srunner_ntests_run(sr);
    srunner_free(sr);

    s = suite_create("nofork");
    tc = tcase_create("shared");
    tcase_add_loop_test(tc, nofork_counts, 0, 3);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed += srunner_ntests_failed(sr);
    run += srunner_ntests_run(sr);
    srunner_free(sr);
    printf("selftest: %d run, %d failed\n", run, failed);
    return 0;
}
