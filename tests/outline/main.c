/*
 * tests/outline/main.c - reads Ethernet frames from classic pcap files
 * and prints what the ten users (or, with -DUDP_ONLY, udp_user()) make of
 * them: a line that must be the same in default and out-of-line builds.
 */
#include <stdio.h>
#include <stdlib.h>

#include "outline.h"

static unsigned long u32(const uint8_t *b)
{
    return (unsigned long)b[0] | (unsigned long)b[1] << 8 | (unsigned long)b[2] << 16 | (unsigned long)b[3] << 24;
}

int main(int argc, char **argv)
{
    unsigned long h = 0, frames = 0;
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        uint8_t hdr[24], rec[16];
        static uint8_t data[65536];
        if (!f || fread(hdr, 1, 24, f) != 24 || u32(hdr) != 0xa1b2c3d4ul) {
            fprintf(stderr, "%s: not a little-endian pcap file\n", argv[a]);
            return 2;
        }
        while (fread(rec, 1, 16, f) == 16) {
            unsigned long len = u32(rec + 8);
            if (len > sizeof data || fread(data, 1, len, f) != len)
                return 2;
            frames++;
#ifdef UDP_ONLY
            h = h * 31u + udp_user(data, len);
#else
            h = h * 31u + tu0(data, len) + tu1(data, len) + tu2(data, len) + tu3(data, len) + tu4(data, len);
            h = h * 31u + tu5(data, len) + tu6(data, len) + tu7(data, len) + tu8(data, len) + tu9(data, len);
#endif
        }
        fclose(f);
    }
    printf("%lu frames, result %lu\n", frames, h);
    return frames == 0;
}
