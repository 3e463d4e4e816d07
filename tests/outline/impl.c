/*
 * tests/outline/impl.c - the one translation unit that defines the big
 * functions: compiled with -DZEROCAST_IMPLEMENTATION (every header's) or
 * -DZEROCAST_IMPLEMENTATION_UDP (udp.zc.h's), and -DHEADER='"x.zc.h"'.
 */
#include HEADER
