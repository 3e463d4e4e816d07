/* tests/prove/eva/prelude.h - included (-include) before the generated
   fuzz target and tests/prove/eva/driver.c when Eva analyses them
   (tests/prove/eva.sh; docs/hardening.md, "Eva").
   - The target's own checks end in __builtin_trap(), which Frama-C has
     no specification for: here it calls zc_eva_trap(), whose
     precondition is false, so a check Eva cannot show always holds is
     reported at its call site ("zc_eva_trap: precondition"), and no
     state goes on past it (like the real trap).
   - memcmp and strcmp: Frama-C's libc specifies their results with logic
     functions Eva cannot evaluate (every result is then possible); here
     they are plain loops, which Eva runs, reporting every byte they read
     outside its object. */
#ifndef ZC_EVA_PRELUDE_H
#define ZC_EVA_PRELUDE_H
#include <stddef.h>
#include <string.h>

/*@ requires zc_eva_no_trap: \false;
    assigns \nothing;
    ensures \false; */
void zc_eva_trap(void);
#define __builtin_trap() zc_eva_trap()

static int zc_eva_memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != q[i])
            return p[i] < q[i] ? -1 : 1;
    return 0;
}

static int zc_eva_strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    size_t i = 0;
    while (p[i] != 0 && p[i] == q[i])
        i++;
    return p[i] < q[i] ? -1 : p[i] > q[i];
}
#define memcmp zc_eva_memcmp
#define strcmp zc_eva_strcmp
#endif
