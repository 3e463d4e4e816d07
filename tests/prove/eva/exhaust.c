/* tests/prove/eva/exhaust.c - runs a generated fuzz target (zerocast
   --emit=fuzz) natively on the inputs an Eva alarm is about, to tell a
   spurious alarm from a real one by execution (docs/hardening.md, "Eva").
   Build it with the target under ASan and UBSan, e.g.

     cc -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
        -I runtime -I DIR_OF_HEADER S.zc_fuzz.c tests/prove/eva/exhaust.c

     exhaust N            every input of 0..N bytes (N <= 3: 16.8 million
                          inputs of 3 bytes)
     exhaust N A B        every input of exactly N bytes whose bytes A and
                          B take all 65,536 value pairs and every other
                          byte 0x00 or 0xff (N <= 64), or each of the
                          values listed in EXHAUST_OTHERS ("0,1,255",
                          at most 8)

   Any report of the sanitizers, or a trap of the target's own checks,
   stops it with a non-zero status; else it prints how many inputs ran. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long runs;

/* A heap block of exactly n bytes, so ASan sees a read past the input. */
static void run(const uint8_t *in, size_t n)
{
    uint8_t *p = (uint8_t *)malloc(n ? n : 1);
    size_t i;
    if (p == NULL)
        abort();
    for (i = 0; i < n; i++)
        p[i] = in[i];
    (void)LLVMFuzzerTestOneInput(p, n);
    free(p);
    runs++;
}

int main(int argc, char **argv)
{
    uint8_t other[8] = { 0x00, 0xff };
    unsigned nother = 2;
    const char *env = getenv("EXHAUST_OTHERS");
    uint8_t in[64] = { 0 };
    size_t n, i;

    if (argc == 2) {
        size_t max = (size_t)strtoul(argv[1], NULL, 10);
        if (max > 3)
            return 2;
        for (n = 0; n <= max; n++) {
            unsigned long k, total = 1;
            for (i = 0; i < n; i++)
                total *= 256;
            for (k = 0; k < total; k++) {
                unsigned long v = k;
                for (i = 0; i < n; i++, v /= 256)
                    in[i] = (uint8_t)(v % 256);
                run(in, n);
            }
        }
    } else if (argc == 4) {
        size_t a = (size_t)strtoul(argv[2], NULL, 10), b = (size_t)strtoul(argv[3], NULL, 10);
        unsigned long k, o, others = 1;
        n = (size_t)strtoul(argv[1], NULL, 10);
        if (n > 64 || a >= n || b >= n || a == b)
            return 2;
        if (env != NULL) {
            char *end;
            for (nother = 0; nother < 8 && *env; env = *end ? end + 1 : end) {
                other[nother++] = (uint8_t)strtoul(env, &end, 0);
                if (end == env)
                    return 2;
            }
        }
        for (i = 0; i < n - 2; i++)
            others *= nother;
        for (o = 0; o < others; o++) {
            unsigned long v = o;
            for (i = 0; i < n; i++)
                if (i != a && i != b) {
                    in[i] = other[v % nother];
                    v /= nother;
                }
            for (k = 0; k < 65536; k++) {
                in[a] = (uint8_t)(k % 256);
                in[b] = (uint8_t)(k / 256);
                run(in, n);
            }
        }
    } else {
        fprintf(stderr, "usage: exhaust N | exhaust N A B\n");
        return 2;
    }
    printf("%lu inputs, no report\n", runs);
    return 0;
}
