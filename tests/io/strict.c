/*
 * strict.c - runtime/zerocast_io.h with a generated header, compiled by
 * test_io under the strict-warnings flags (gcc and clang, C99, C11, C17,
 * C++17, -O0 and -O2): every function is used, so each is checked.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "dns.zc.h"
#include "zerocast_io.h"

ZC_FRAMER(dns_tcp);

int zc_io_strict_use(int fd);
int zc_io_strict_use(int fd)
{
    static uint8_t in[512], out[512], payload[2][64];
    static zc_dgram d[2], reply;
    static struct mmsghdr mm[2];
    zc_reader r;
    zc_writer w;
    zc_bytes frame;
    zc_wbytes room;
    int n;

    d[0].buf = payload[0];
    d[0].cap = sizeof payload[0];
    d[1].buf = payload[1];
    d[1].cap = sizeof payload[1];
    if (zc_dgram_enable(fd, ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS | ZC_DGRAM_TIME) < 0)
        return -1;
    n = zc_dgram_recv(fd, d, mm, 2, MSG_DONTWAIT);
    if (n > 0) {
        zc_dgram_reply_init(&reply, &d[0], payload[0], d[0].len);
        n = zc_dgram_send(fd, &reply, mm, 1, 0);
    }
    zc_reader_init(&r, in, sizeof in, 0, zc_framer_dns_tcp, NULL);
    room = zc_reader_room(&r);
    (void)room;
    zc_reader_commit(&r, 0);
    if (zc_reader_fill(&r, fd) < 0 && errno != EAGAIN)
        return -1;
    while (zc_reader_next(&r, &frame) == ZC_READ_FRAME)
        n += (int)frame.len;
    zc_reader_set_eof(&r);
    n += (int)zc_reader_pending(&r);
    zc_writer_init(&w, out, sizeof out);
    if (zc_writer_put(&w, "x", 1) < 0)
        return -1;
    room = zc_writer_room(&w, 4);
    zc_writer_commit(&w, room.len < 4 ? room.len : 4);
    n += (int)zc_writer_pending(&w);
    n += (int)zc_sockaddr_len(&d[0].peer);
    return zc_writer_flush(&w, fd) < 0 ? -1 : n;
}
