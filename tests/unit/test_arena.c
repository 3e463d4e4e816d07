/*
 * test_arena.c - the compiler's arena under AddressSanitizer (gen/util.c).
 *
 * Every compiler allocation comes from 64 KiB arena blocks, so without help
 * ASan sees only accesses that leave a whole block. The arena poisons what
 * it has not handed out; these tests check that an access one byte past an
 * allocation (inside its 16-byte rounding, in the red zone after it, or
 * reaching the next allocation) is reported, that in-bounds use is not,
 * and that the blocks are really returned by arena_free_all().
 *
 * Built and linked only with -fsanitize=address (the asan objects of
 * gen/). A test that expects a report installs callbacks: the report's
 * text is checked for its kind, then the process exits with REPORTED (or
 * WRONG_KIND), whatever ASAN_OPTIONS says about aborting. Check runs each
 * test in its own process.
 */
#include "zcc.h"

#include <check.h>
#include <sanitizer/asan_interface.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { REPORTED = 42, WRONG_KIND = 43 };

static const char *expected_kind;
static int kind_seen;

static void on_report(const char *report)
{
    kind_seen = strstr(report, expected_kind) != NULL;
}

static void on_death(void)
{
    _exit(kind_seen ? REPORTED : WRONG_KIND);
}

static void expect_report(const char *kind)
{
    expected_kind = kind;
    __asan_set_error_report_callback(on_report);
    __sanitizer_set_death_callback(on_death);
}

/* Through a volatile pointer, so the compiler keeps every access. */
static void poke(unsigned char *p, size_t i)
{
    volatile unsigned char *v = p;
    v[i] = 1;
}

static unsigned char peek(const unsigned char *p, size_t i)
{
    const volatile unsigned char *v = p;
    return v[i];
}

START_TEST(in_bounds_use_is_quiet)
{
    /* Sizes around the rounding and the block size, and zero. */
    static const size_t sizes[] = {0, 1, 5, 15, 16, 17, 31, 100, 65520, 65536, 70000, 3};
    unsigned char *ps[sizeof sizes / sizeof sizes[0]];
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        ps[k] = xalloc(sizes[k]);
        ck_assert_ptr_nonnull(ps[k]);
        ck_assert_uint_eq((uintptr_t)ps[k] % 16, 0);
        size_t nonzero = 0; /* one assertion per block: ck_assert per byte is slow */
        for (size_t i = 0; i < sizes[k]; i++)
            nonzero += peek(ps[k], i) != 0;
        ck_assert_uint_eq(nonzero, 0); /* zeroed */
        memset(ps[k], 0xab, sizes[k]);
    }
    /* Nothing overlaps: each still holds its own bytes. */
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t changed = 0;
        for (size_t i = 0; i < sizes[k]; i++)
            changed += peek(ps[k], i) != 0xab;
        ck_assert_uint_eq(changed, 0);
    }
    char *s = xformat("%s-%d", "udp", 17);
    ck_assert_str_eq(s, "udp-17");
    arena_free_all();
    ck_assert_str_eq(xstrdup("after"), "after"); /* the arena starts again */
    arena_free_all();
}
END_TEST

START_TEST(write_one_past_inside_rounding)
{
    unsigned char *p = xalloc(5);
    poke(p, 4);
    expect_report("use-after-poison");
    poke(p, 5);
}
END_TEST

START_TEST(read_one_past_a_string)
{
    char *s = xstrdup("tcp"); /* 4 bytes with the NUL */
    expect_report("use-after-poison");
    (void)peek((const unsigned char *)s, 4);
}
END_TEST

START_TEST(write_into_red_zone)
{
    unsigned char *p = xalloc(32);
    (void)xalloc(32);
    poke(p, 31);
    expect_report("use-after-poison");
    poke(p, 32); /* a whole multiple of 16: the red zone, not rounding */
}
END_TEST

START_TEST(read_reaching_next_allocation)
{
    unsigned char *p = xalloc(8);
    unsigned char *q = xalloc(8);
    ck_assert((uintptr_t)q > (uintptr_t)p);
    (void)peek(q, 0);
    /* Everything between the end of p and the start of q is poisoned. */
    expect_report("use-after-poison");
    (void)peek(p, (size_t)(q - p) - 1);
}
END_TEST

START_TEST(read_in_unused_block_tail)
{
    unsigned char *p = xalloc(64);
    expect_report("use-after-poison");
    (void)peek(p, 1000); /* inside the block, never handed out */
}
END_TEST

START_TEST(use_after_arena_free_all)
{
    unsigned char *p = xalloc(64);
    arena_free_all();
    expect_report("heap-use-after-free");
    (void)peek(p, 0);
}
END_TEST

START_TEST(vector_growth_leaves_old_storage_poisoned)
{
    Vec v = {0};
    int items[9];
    for (int i = 0; i < 8; i++)
        vec_push(&v, &items[i]);
    void **old = v.data;
    vec_push(&v, &items[8]); /* grows: 8 to 16 slots, copied */
    ck_assert_ptr_ne(v.data, old);
    ck_assert_ptr_eq(v.data[8], &items[8]);
    /* The old storage is still allocated (the arena never frees a node),
       but one slot past its 8 is not. */
    expect_report("use-after-poison");
    (void)peek((const unsigned char *)old, 8 * sizeof(void *));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("arena");
    TCase *tc = tcase_create("asan");
    tcase_add_test(tc, in_bounds_use_is_quiet);
    tcase_add_exit_test(tc, write_one_past_inside_rounding, REPORTED);
    tcase_add_exit_test(tc, read_one_past_a_string, REPORTED);
    tcase_add_exit_test(tc, write_into_red_zone, REPORTED);
    tcase_add_exit_test(tc, read_reaching_next_allocation, REPORTED);
    tcase_add_exit_test(tc, read_in_unused_block_tail, REPORTED);
    tcase_add_exit_test(tc, use_after_arena_free_all, REPORTED);
    tcase_add_exit_test(tc, vector_growth_leaves_old_storage_poisoned, REPORTED);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
