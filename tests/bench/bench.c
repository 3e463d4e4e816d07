/*
 * bench.c - the zerocast benchmark driver.
 *
 *   bench [options] FILE.pcap...
 *
 * Loads every frame of the given pcaps into memory (one copy per frame,
 * each placed so that the IP header after a plain Ethernet header is
 * 16-byte aligned), checks that all implementations agree packet by packet,
 * then times them: in each round every implementation walks the whole
 * corpus once, in an order that rotates from round to round; the first
 * --warmup rounds are thrown away; the table shows the median over the
 * remaining rounds. With --hot N a second table repeats the same on the
 * first N packets only (walked over and over, so the headers stay in
 * cache), which shows the cost of the code itself rather than of the
 * memory traffic.
 *
 * options:
 *   --rounds N     timed rounds (default 11)
 *   --warmup N     untimed rounds first (default 2)
 *   --hot N        also run the cache-resident table on N packets (0: off)
 *   --smoke        check agreement and run one round, print no timings
 *   --instr        for valgrind --tool=callgrind: run each implementation
 *                  once over the corpus between CALLGRIND_ZERO_STATS and
 *                  CALLGRIND_DUMP_STATS_AT("impl=NAME")
 *   --only A,B     run only these implementations (zerocast, unsafe,
 *                  careful, libtins, walker, walkeach)
 *
 * Exit status: 0 if every implementation agrees with every other on every
 * packet and in every timed run, 1 otherwise, 2 on bad usage or input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "bench.h"

#ifndef BENCH_CFLAGS
#define BENCH_CFLAGS "?"
#endif
#ifndef BENCH_CXXFLAGS
#define BENCH_CXXFLAGS "?"
#endif
#ifndef BENCH_CC_NAME
#define BENCH_CC_NAME "cc " __VERSION__
#endif
#ifndef BENCH_CXX_NAME
#define BENCH_CXX_NAME "c++"
#endif

/* ---- heap allocation counter (interposes the C allocator) --------------- */

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static unsigned long long heap_allocs; /* malloc + calloc + realloc calls */

void *malloc(size_t n)
{
    heap_allocs++;
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
    heap_allocs++;
    return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
    heap_allocs++;
    return __libc_realloc(p, n);
}

void free(void *p) { __libc_free(p); }

/* ---- implementations ----------------------------------------------------- */

typedef struct {
    const char *name;
    uint64_t (*run)(const bench_pkt *, size_t, uint64_t *);
    uint64_t (*one)(const uint8_t *, size_t, unsigned *);
    int on;
    double *ns;           /* ns per packet, one per timed round */
    unsigned long long allocs;
    uint64_t timed_pkts;
} impl;

static impl impls[] = {
    { "zerocast", bench_run_zerocast, bench_one_zerocast, 1, NULL, 0, 0 },
    { "unsafe", bench_run_unsafe, bench_one_unsafe, 1, NULL, 0, 0 },
    { "careful", bench_run_careful, bench_one_careful, 1, NULL, 0, 0 },
    { "libtins", bench_run_libtins, bench_one_libtins, 1, NULL, 0, 0 },
    { "walker", bench_run_walker, bench_one_walker, 1, NULL, 0, 0 },
    { "walkeach", bench_run_walkeach, bench_one_walkeach, 1, NULL, 0, 0 },
};
#define NIMPL (sizeof impls / sizeof impls[0])

static const char *err_names[BENCH_NERR + 1] = {
    "ok", "ethernet", "vlan", "ipv4", "ipv6", "tcp", "udp", "icmp", "dns",
    "libtins-only reject"
};

/* ---- corpus -------------------------------------------------------------- */

static bench_pkt *pkts;
static size_t npkts, cap_pkts;
static uint8_t *arena;
static size_t arena_used, arena_size, bytes_total;

static void load_pcap(const char *path)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    struct pcap_pkthdr *h;
    const u_char *data;
    pcap_t *pc = pcap_open_offline(path, errbuf);
    size_t before = npkts;
    int rc;

    if (!pc) {
        fprintf(stderr, "bench: %s: %s\n", path, errbuf);
        exit(2);
    }
    if (pcap_datalink(pc) != DLT_EN10MB) {
        fprintf(stderr, "bench: %s: not an Ethernet capture, skipped\n", path);
        pcap_close(pc);
        return;
    }
    while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
        /* start at 2 mod 16: IP after 14 bytes of Ethernet is 16-aligned */
        size_t at = ((arena_used + 15) & ~(size_t)15) + 2;
        if (at + h->caplen > arena_size) {
            fprintf(stderr, "bench: arena overflow\n");
            exit(2);
        }
        if (npkts == cap_pkts) {
            cap_pkts = cap_pkts ? 2 * cap_pkts : 4096;
            pkts = realloc(pkts, cap_pkts * sizeof *pkts);
            if (!pkts) {
                perror("bench");
                exit(2);
            }
        }
        memcpy(arena + at, data, h->caplen);
        pkts[npkts].data = arena + at;
        pkts[npkts].len = h->caplen;
        npkts++;
        arena_used = at + h->caplen;
        bytes_total += h->caplen;
    }
    if (rc == PCAP_ERROR) {
        fprintf(stderr, "bench: %s: %s\n", path, pcap_geterr(pc));
        exit(2);
    }
    pcap_close(pc);
    printf("  %-44s %9zu packets\n", path, npkts - before);
}

/* ---- helpers ------------------------------------------------------------- */

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(const double *v, size_t n)
{
    double *t = malloc(n * sizeof *t);
    double m;
    memcpy(t, v, n * sizeof *t);
    qsort(t, n, sizeof *t, cmp_double);
    m = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    free(t);
    return m;
}

static double minimum(const double *v, size_t n)
{
    double m = v[0];
    size_t i;
    for (i = 1; i < n; i++)
        if (v[i] < m)
            m = v[i];
    return m;
}

static void print_machine(void)
{
    char line[512], model[256] = "?";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        while (fgets(line, sizeof line, f)) {
            if (!strncmp(line, "model name", 10)) {
                char *c = strchr(line, ':');
                if (c) {
                    snprintf(model, sizeof model, "%s", c + 2);
                    model[strcspn(model, "\n")] = 0;
                }
                break;
            }
        }
        fclose(f);
    }
    printf("machine:  %s, %ld online CPUs\n", model, sysconf(_SC_NPROCESSORS_ONLN));
    printf("C:        %s   %s\n", BENCH_CC_NAME, BENCH_CFLAGS);
    printf("C++:      %s   %s (libtins %s)\n", BENCH_CXX_NAME, BENCH_CXXFLAGS,
#ifdef BENCH_LIBTINS_VERSION
           BENCH_LIBTINS_VERSION
#else
           "?"
#endif
    );
}

/* Corpus composition, from a tiny independent classifier (no validation). */
static void print_mix(void)
{
    size_t i, vlan = 0, v4 = 0, v6 = 0, other = 0, tcp = 0, udp = 0, icmp = 0, dns = 0;
    for (i = 0; i < npkts; i++) {
        const uint8_t *p = pkts[i].data;
        size_t len = pkts[i].len, off = 14;
        unsigned type, proto;
        if (len < 14)
            continue;
        type = (unsigned)p[12] << 8 | p[13];
        if (type == 0x8100 && len >= 18) {
            vlan++;
            type = (unsigned)p[16] << 8 | p[17];
            off = 18;
        }
        if (type == 0x0800 && len >= off + 20) {
            v4++;
            proto = p[off + 9];
            off += (size_t)(p[off] & 15) * 4;
        } else if (type == 0x86dd && len >= off + 40) {
            v6++;
            proto = p[off + 6];
            off += 40;
        } else {
            other++;
            continue;
        }
        if (proto == 6)
            tcp++;
        else if (proto == 17) {
            udp++;
            if (len >= off + 4 && ((p[off] << 8 | p[off + 1]) == 53 || (p[off + 2] << 8 | p[off + 3]) == 53))
                dns++;
        } else if (proto == 1 || proto == 58)
            icmp++;
    }
#define PCT(x) (100.0 * (double)(x) / (double)npkts)
    printf("mix:      IPv4 %.1f%%  IPv6 %.1f%%  other %.1f%%  802.1Q %.1f%% | TCP %.1f%%  UDP %.1f%% "
           "(DNS %.1f%%)  ICMP %.1f%%\n",
           PCT(v4), PCT(v6), PCT(other), PCT(vlan), PCT(tcp), PCT(udp), PCT(dns), PCT(icmp));
}

/* ---- verification: every implementation, every packet -------------------- */

static uint64_t ref_sum, ref_bad;
static unsigned long long zc_allocs_total;

static int verify(void)
{
    size_t i, k, counts[BENCH_NERR + 1] = { 0 };
    uint64_t nslices = 0, bad_alias = 0;
    int ok = 1, shown = 0;

    ref_sum = 0;
    ref_bad = 0;
    for (i = 0; i < npkts; i++) {
        uint64_t v0 = 0;
        unsigned e0 = 0;
        int first = 1;
        const char *name0 = "";
        for (k = 0; k < NIMPL; k++) {
            uint64_t v;
            unsigned e;
            if (!impls[k].on)
                continue;
            v = impls[k].one(pkts[i].data, pkts[i].len, &e);
            if (first) {
                v0 = v;
                e0 = e;
                name0 = impls[k].name;
                first = 0;
            } else if (v != v0 || e != e0) {
                ok = 0;
                if (shown++ < 10)
                    fprintf(stderr, "MISMATCH packet %zu (len %zu): %s says %s/%016llx, %s says %s/%016llx\n",
                            i, pkts[i].len, name0,
                            err_names[e0 > BENCH_NERR ? BENCH_NERR : e0], (unsigned long long)v0,
                            impls[k].name, err_names[e > BENCH_NERR ? BENCH_NERR : e],
                            (unsigned long long)v);
            }
        }
        ref_sum += v0;
        ref_bad += e0 != 0;
        counts[e0 > BENCH_NERR ? BENCH_NERR : e0]++;
        if (impls[0].on && !bench_zerocast_slices_alias(pkts[i].data, pkts[i].len, &nslices))
            bad_alias++;
    }
    printf("outcome:  ");
    for (k = 0; k <= BENCH_NERR; k++)
        if (counts[k] || k == 0)
            printf("%s%s %zu", k ? ", " : "", k ? err_names[k] : "valid", counts[k]);
    printf("  (malformed: first failing layer)\n");
    printf("agree:    %s (%zu packets checked one by one), checksum %016llx\n",
           ok ? "all implementations agree" : "IMPLEMENTATIONS DISAGREE", npkts,
           (unsigned long long)ref_sum);
    if (impls[0].on)
        printf("zero-copy: %llu slices returned by zerocast (l3/l4 payloads, options, addresses), "
               "%llu outside their packet buffer\n",
               (unsigned long long)nslices, (unsigned long long)bad_alias);
    return ok && bad_alias == 0;
}

/* ---- timing -------------------------------------------------------------- */

/* One run of implementation k over `count` packets starting at `base`,
 * repeated `reps` times. Returns ns per packet; checks the result. */
static int run_once(impl *m, const bench_pkt *base, size_t count, size_t reps,
                    uint64_t want_sum, uint64_t want_bad, double *ns_per_pkt)
{
    uint64_t sum = 0, bad = 0, b;
    unsigned long long a0 = heap_allocs;
    double t0 = now_ns(), t1;
    size_t r;

    for (r = 0; r < reps; r++) {
        sum += m->run(base, count, &b);
        bad += b;
    }
    t1 = now_ns();
    m->allocs += heap_allocs - a0;
    m->timed_pkts += (uint64_t)count * reps;
    *ns_per_pkt = (t1 - t0) / ((double)count * (double)reps);
    if (sum != want_sum || bad != want_bad) {
        fprintf(stderr, "MISMATCH: %s returned checksum %016llx (%llu malformed), expected %016llx (%llu)\n",
                m->name, (unsigned long long)sum, (unsigned long long)bad,
                (unsigned long long)want_sum, (unsigned long long)want_bad);
        return 0;
    }
    return 1;
}

static int timed(const char *title, const bench_pkt *base, size_t count, size_t reps,
                 int rounds, int warmup, int smoke)
{
    uint64_t want_sum = 0, want_bad = 0;
    size_t i, k, nimpl = 0;
    int r, ok = 1;
    double base_med = 0;

    /* expected result of one run: from the (already verified) first impl */
    for (k = 0; k < NIMPL; k++)
        if (impls[k].on) {
            uint64_t s = 0, b = 0;
            for (i = 0; i < count; i++) {
                unsigned e;
                s += impls[k].one(base[i].data, base[i].len, &e);
                b += e != 0;
            }
            want_sum = s * reps;
            want_bad = b * reps;
            break;
        }
    for (k = 0; k < NIMPL; k++) {
        impls[k].allocs = 0;
        impls[k].timed_pkts = 0;
        free(impls[k].ns);
        impls[k].ns = calloc((size_t)rounds, sizeof(double));
        nimpl += impls[k].on;
    }

    for (r = -warmup; r < rounds; r++) {
        for (i = 0; i < NIMPL; i++) {
            impl *m = &impls[(i + (size_t)(r + warmup)) % NIMPL]; /* rotate */
            double ns;
            unsigned long long a = m->allocs;
            uint64_t tp = m->timed_pkts;
            if (!m->on)
                continue;
            ok &= run_once(m, base, count, reps, want_sum, want_bad, &ns);
            if (r < 0) { /* warm-up: forget it */
                m->allocs = a;
                m->timed_pkts = tp;
            } else {
                m->ns[r] = ns;
            }
        }
    }
    if (smoke)
        return ok;

    printf("\n%s\n", title);
    printf("  %u rounds after %u warm-up rounds; each round runs every implementation once, "
           "rotating the order\n", rounds, warmup);
    printf("  %-10s %12s %12s %14s %10s %14s %12s\n", "impl", "median ns/pkt", "min ns/pkt",
           "Mpackets/s", "vs unsafe", "heap allocs", "allocs/pkt");
    for (k = 0; k < NIMPL; k++)
        if (impls[k].on && !strcmp(impls[k].name, "unsafe"))
            base_med = median(impls[k].ns, (size_t)rounds);
    for (k = 0; k < NIMPL; k++) {
        impl *m = &impls[k];
        double med;
        if (!m->on)
            continue;
        med = median(m->ns, (size_t)rounds);
        printf("  %-10s %12.2f %12.2f %14.2f %9.3fx %14llu %12.3f\n", m->name, med,
               minimum(m->ns, (size_t)rounds), 1e3 / med, base_med > 0 ? med / base_med : 0.0,
               m->allocs, (double)m->allocs / (double)m->timed_pkts);
    }
    (void)nimpl;
    if (impls[0].on)
        zc_allocs_total += impls[0].allocs;
    return ok;
}

/* ---- instruction counting under callgrind --------------------------------- */

static int instr(void)
{
    size_t k;
    int ok = 1, first = 1;
    uint64_t sum0 = 0, bad0 = 0;
    printf("instr:    %s\n", RUNNING_ON_VALGRIND ? "running under valgrind" :
           "not under valgrind: nothing will be counted");
    for (k = 0; k < NIMPL; k++) {
        uint64_t sum, bad;
        char tag[64];
        if (!impls[k].on)
            continue;
        CALLGRIND_START_INSTRUMENTATION;
        /* resolve lazy bindings, warm the implementation's code paths */
        impls[k].run(pkts, npkts < 64 ? npkts : 64, &bad);
        snprintf(tag, sizeof tag, "impl=%s", impls[k].name);
        CALLGRIND_ZERO_STATS;
        sum = impls[k].run(pkts, npkts, &bad);
        CALLGRIND_DUMP_STATS_AT(tag);
        CALLGRIND_STOP_INSTRUMENTATION;
        printf("instr:    %-10s checksum %016llx malformed %llu\n", impls[k].name,
               (unsigned long long)sum, (unsigned long long)bad);
        if (first) {
            sum0 = sum;
            bad0 = bad;
            first = 0;
        } else if (sum != sum0 || bad != bad0) {
            ok = 0;
        }
    }
    printf("%s\n", ok ? "result: all implementations agree" : "result: MISMATCH");
    return ok;
}

/* ---- main ---------------------------------------------------------------- */

int main(int argc, char **argv)
{
    int rounds = 11, warmup = 2, smoke = 0, do_instr = 0, a, ok;
    size_t hot = 0, k;
    const char *only = NULL;
    struct stat st;
    size_t files = 0;

    for (a = 1; a < argc && argv[a][0] == '-'; a++) {
        if (!strcmp(argv[a], "--rounds") && a + 1 < argc)
            rounds = atoi(argv[++a]);
        else if (!strcmp(argv[a], "--warmup") && a + 1 < argc)
            warmup = atoi(argv[++a]);
        else if (!strcmp(argv[a], "--hot") && a + 1 < argc)
            hot = (size_t)atol(argv[++a]);
        else if (!strcmp(argv[a], "--smoke"))
            smoke = 1;
        else if (!strcmp(argv[a], "--instr"))
            do_instr = 1;
        else if (!strcmp(argv[a], "--only") && a + 1 < argc)
            only = argv[++a];
        else {
            fprintf(stderr, "usage: bench [--rounds N] [--warmup N] [--hot N] [--smoke] "
                            "[--instr] [--only A,B] FILE.pcap...\n");
            return 2;
        }
    }
    if (a == argc || rounds < 1 || warmup < 0) {
        fprintf(stderr, "bench: no pcap given (or bad --rounds/--warmup)\n");
        return 2;
    }
    if (only)
        for (k = 0; k < NIMPL; k++) {
            const char *s = strstr(only, impls[k].name);
            size_t n = strlen(impls[k].name);
            impls[k].on = s && (s == only || s[-1] == ',') && (s[n] == 0 || s[n] == ',');
        }

    for (k = (size_t)a; k < (size_t)argc; k++) {
        if (stat(argv[k], &st) != 0) {
            fprintf(stderr, "bench: %s: %s\n", argv[k], strerror(errno));
            return 2;
        }
        arena_size += (size_t)st.st_size + 4096;
        files++;
    }
    /* a pcap holds caplen + 16 bytes per frame: room for our 17 bytes of padding */
    arena_size += arena_size / 8;
    arena = mmap(NULL, arena_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (arena == MAP_FAILED) {
        perror("bench: mmap");
        return 2;
    }

    print_machine();
    printf("corpus:\n");
    for (k = (size_t)a; k < (size_t)argc; k++)
        load_pcap(argv[k]);
    if (npkts == 0) {
        fprintf(stderr, "bench: no packets\n");
        return 2;
    }
    printf("  total %zu packets, %.1f MB of frames held in memory (%.0f bytes/frame on average)\n",
           npkts, (double)bytes_total / 1e6, (double)bytes_total / (double)npkts);
    print_mix();
    /* the packets never change from here on */
    mprotect(arena, arena_size, PROT_READ);

    if (do_instr) /* under callgrind: skip the (slow) packet-by-packet check */
        return instr() ? 0 : 1;
    ok = verify();

    ok &= timed("time, whole corpus (headers come from memory, as when processing a capture)",
                pkts, npkts, 1, smoke ? 1 : rounds, smoke ? 0 : warmup, smoke);
    if (hot && !smoke) {
        size_t n = hot < npkts ? hot : npkts;
        size_t reps = npkts / n > 1 ? npkts / n : 1;
        char title[160];
        snprintf(title, sizeof title,
                 "time, first %zu packets walked %zu times per round (headers stay in cache)", n, reps);
        ok &= timed(title, pkts, n, reps, rounds, warmup, 0);
    }
    if (impls[0].on)
        printf("\nheap allocations (malloc/calloc/realloc) during zerocast's timed runs: %llu\n",
               zc_allocs_total);
    printf("%s\n", ok ? "result: all implementations agree" : "result: MISMATCH (see above)");
    return ok ? 0 : 1;
}
