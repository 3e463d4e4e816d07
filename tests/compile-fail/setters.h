/*
 * setters.h - shared by the gen_set_* cases: the generated IPv4 header
 * (build/schemas/ipv4.zc.h, from schemas/ipv4.zc) and a real IPv4 header
 * to write into. Not combined with accessors.h, whose stand-ins have the
 * same names as the generated accessors.
 */
#ifndef ZC_TEST_SETTERS_H
#define ZC_TEST_SETTERS_H

#include <stdio.h>
#include <string.h>

#include "ipv4.zc.h"

/* IPv4 header of an ICMP echo request, 192.168.0.1 -> 192.168.0.199, with
   room for the 64-byte payload its total length announces. */
static uint8_t g_packet[84] = {
    0x45, 0x00, 0x00, 0x54, 0x1c, 0x46, 0x40, 0x00, 0x40, 0x01,
    0x9c, 0x4a, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
};

#include "check.h"   /* CHECK(cond) */

#endif /* ZC_TEST_SETTERS_H */
