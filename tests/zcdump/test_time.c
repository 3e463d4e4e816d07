/*
 * test_time.c - zcdump's time stamp formatters (examples/zcdump/out.c) on
 * (seconds, sub-second) pairs no capture file can give libpcap: a negative
 * second with a non-zero fraction (a live clock before 1970), microsecond
 * precision (a live capture without nanosecond time stamps), the extremes
 * of int64_t. The expected strings are worked out by hand from the rule in
 * docs/zcdump.md: libpcap's pair is sec + subsec/units with 0 <= subsec <
 * units (a struct timeval), printed as the signed instant, truncated
 * toward zero; the time of day is sec floor-modulo 86400.
 *
 *   cc ... tests/zcdump/test_time.c examples/zcdump/out.c   (tests/zcdump/run.sh)
 *
 * Prints one line per failure, then "N passed, M failed".
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "zcdump.h"

zd_options zd_opt;   /* out.c reads .utc (zd_put_time_of_day sets it) */

static int passed, failed;

/* Runs put(p) with stdout on a pipe and compares what it printed. */
static void expect(const char *what, void (*put)(const zd_packet *), int64_t sec, int64_t subsec,
                   uint32_t units, const char *want)
{
    static zd_packet p;
    char got[128];
    int fd[2], saved;
    ssize_t n;
    p.sec = sec;
    p.subsec = subsec;
    p.subsec_units = units;
    fflush(stdout);
    if (pipe(fd) != 0 || (saved = dup(1)) < 0 || dup2(fd[1], 1) < 0) {
        perror("test_time");
        failed++;
        return;
    }
    put(&p);
    zd_out_flush();
    dup2(saved, 1);
    close(saved);
    close(fd[1]);
    n = read(fd[0], got, sizeof got - 1);
    close(fd[0]);
    got[n > 0 ? n : 0] = '\0';
    if (strcmp(got, want) == 0) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s (%lld, %lld/%u): \"%s\", want \"%s\"\n", what, (long long)sec,
               (long long)subsec, units, got, want);
    }
}

static void epoch6(const zd_packet *p) { zd_put_time_epoch(p, 6); }
static void epoch9(const zd_packet *p) { zd_put_time_epoch(p, 9); }
static void day(const zd_packet *p) { zd_put_time_of_day(p); }

int main(void)
{
    const uint32_t NS = 1000000000u, US = 1000000u;
    /* -1 s + 0.25 s = -0.75 s */
    expect("-tt", epoch6, -1, 250000000, NS, "-0.750000");
    expect("json", epoch9, -1, 250000000, NS, "-0.750000000");
    expect("day", day, -1, 250000000, NS, "23:59:59.250000");
    /* -86401 s + 0.999999999 s = -86400.000000001 s: truncated toward zero */
    expect("-tt", epoch6, -86401, 999999999, NS, "-86400.000000");
    expect("json", epoch9, -86401, 999999999, NS, "-86400.000000001");
    expect("day", day, -86401, 999999999, NS, "23:59:59.999999");
    /* whole negative seconds */
    expect("-tt", epoch6, -1, 0, NS, "-1.000000");
    expect("day", day, -86400, 0, NS, "00:00:00.000000");
    /* the extremes of int64_t */
    expect("-tt", epoch6, INT64_MIN, 0, NS, "-9223372036854775808.000000");
    expect("json", epoch9, INT64_MIN, 1, NS, "-9223372036854775807.999999999");
    expect("day", day, INT64_MIN, 0, NS, "08:29:52.000000");
    expect("-tt", epoch6, INT64_MAX, 999999999, NS, "9223372036854775807.999999");
    expect("day", day, INT64_MAX, 0, NS, "15:30:07.000000");
    /* microsecond precision (a live capture without nanoseconds) */
    expect("-tt us", epoch6, 1700000000, 123456, US, "1700000000.123456");
    expect("json us", epoch9, 1700000000, 123456, US, "1700000000.123456000");
    expect("-tt us", epoch6, -2, 1, US, "-1.999999");
    expect("day us", day, 86399, 999999, US, "23:59:59.999999");
    /* impossible sub-second values: flagged with libpcap's value and unit */
    expect("-tt", epoch6, 5, 1000000000, NS, "5.[invalid:1000000000ns]");
    expect("-tt", epoch6, -7, -1, NS, "-7.[invalid:-1ns]");
    expect("day", day, 5, INT64_MIN, NS, "00:00:05.[invalid:-9223372036854775808ns]");
    expect("-tt us", epoch6, 5, 1000000, US, "5.[invalid:1000000us]");
    expect("day us", day, 4291747200, 1000000, US, "00:00:00.[invalid:1000000us]");
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
