#!/usr/bin/env bash
# csum_check.sh HEADER - writes to stdout a C program that checks every
# @checksum field of the header: for each input file named on its command
# line that NAME_parse_mut() accepts, NAME_fill_F() and then NAME_F_ok()
# must hold (with an IPv4 and an IPv6 pseudo-header for `pseudo` checksums,
# when the fill succeeds). It prints "checked N, failed M" and exits 1 on a
# failure or if nothing was checked. Used by run.sh; prints nothing (exit 1)
# when the header has no checksum.
set -u
h=$1
fills=$(sed -n 's/^static inline \(void\|zc_status\) \([A-Za-z0-9_]*\)(\([A-Za-z0-9_]*\)_mview m\(, const zc_pseudo \*ph\)\{0,1\})$/\3 \2 \4/p' "$h" |
        awk '{ s = $1; f = $2; if (index(f, s "_fill_") != 1) next; print s, substr(f, length(s) + 7), ($3 != "" ? "pseudo" : "plain") }')
[ -n "$fills" ] || exit 1
printf '#include "%s"\n' "$(basename "$h")"
cat <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long zoo_checked, zoo_failed;
static unsigned char zoo_buf[1 << 16];

static void zoo_report(int ok, const char *what, size_t n)
{
    zoo_checked++;
    if (!ok) {
        zoo_failed++;
        printf("%s: NAME_fill_F() then NAME_F_ok() is false on a %lu-byte message\n", what,
               (unsigned long)n);
    }
}
C
while read -r s f kind; do
    # S_F_ok(), or S_get_F_ok() when S_F is taken (docs/generated-api.md,
    # "Names"; then S_F_ok may be the accessor of a field F_ok)
    ok=${s}_${f}_ok
    grep -q "bool ${s}_${f}_ok(${s}_view v" "$h" || ok=${s}_get_${f}_ok
    printf '\nstatic void zoo_%s_%s(const unsigned char *data, size_t n)\n{\n' "$s" "$f"
    printf '    %s_mview m;\n' "$s"
    if [ "$kind" = plain ]; then
        printf '    memcpy(zoo_buf, data, n);\n'
        printf '    if (%s_parse_mut(&m, zoo_buf, n).code != ZC_OK)\n        return;\n' "$s"
        printf '    %s_fill_%s(m);\n' "$s" "$f"
        printf '    zoo_report(%s(m.v), "%s.%s", n);\n' "$ok" "$s" "$f"
    else
        printf '    static const uint8_t a4[4] = { 192, 0, 2, 1 }, b4[4] = { 198, 51, 100, 7 };\n'
        printf '    static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };\n'
        printf '    static const uint8_t b6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 2 };\n'
        printf '    zc_pseudo ph[2];\n    int i;\n'
        printf '    ph[0] = zc_pseudo_ipv4(zc_bytes_make(a4, 4), zc_bytes_make(b4, 4));\n'
        printf '    ph[1] = zc_pseudo_ipv6(zc_bytes_make(a6, 16), zc_bytes_make(b6, 16));\n'
        printf '    for (i = 0; i < 2; i++) {\n'
        printf '        memcpy(zoo_buf, data, n);\n'
        printf '        if (%s_parse_mut(&m, zoo_buf, n).code != ZC_OK)\n            return;\n' "$s"
        printf '        if (%s_fill_%s(m, &ph[i]).code != ZC_OK)\n            continue;\n' "$s" "$f"
        printf '        zoo_report(%s(m.v, &ph[i]), i ? "%s.%s (IPv6)" : "%s.%s (IPv4)", n);\n' \
            "$ok" "$s" "$f" "$s" "$f"
        printf '    }\n'
    fi
    printf '}\n'
done <<< "$fills"
cat <<'C'

int main(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        size_t n;
        if (fp == NULL) {
            perror(argv[i]);
            return 1;
        }
        n = fread(zoo_buf, 1, sizeof zoo_buf, fp);
        fclose(fp);
        {
            unsigned char *data = (unsigned char *)malloc(n ? n : 1);
            if (data == NULL)
                return 1;
            memcpy(data, zoo_buf, n);
C
while read -r s f kind; do
    printf '            zoo_%s_%s(data, n);\n' "$s" "$f"
done <<< "$fills"
cat <<'C'
            free(data);
        }
    }
    printf("checked %lu, failed %lu\n", zoo_checked, zoo_failed);
    return zoo_failed != 0 || zoo_checked == 0;
}
C
