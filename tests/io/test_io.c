/*
 * test_io.c - runtime/zerocast_io.h on loopback sockets: batched receive
 * with each datagram's metadata (destination address on a wildcard socket,
 * interface, TTL / hop limit, receive time, truncation), replies from the
 * address asked, the stream reader on dns_tcp frames (one byte at a time,
 * split and merged reads, MALFORMED, over-limit, EOF), the writer through
 * partial sends, and tests/io/strict.c under the strict-warnings matrix.
 *
 *   test_io RUNTIME_DIR SCHEMA_HEADER_DIR    (e.g. runtime build/schemas)
 *
 * Run it from the source root (the strict cases compile tests/io/strict.c).
 * Datagram checks that expect datagrams to be queued wait for loopback to
 * deliver them first (settle()), so a busy machine does not make them fail.
 *
 * Only loopback addresses are used (127.0.0.1, 127.0.0.2, 127.45.6.7, ::1;
 * the IPv6 cases pass trivially, saying so, where there is no IPv6).
 */
#define _GNU_SOURCE
#include <check.h>
#include <net/if.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <sys/wait.h>

#include "dns.zc.h"
#include "zerocast_io.h"

ZC_FRAMER(dns_tcp);

static const char *runtime_dir = "runtime", *schema_dir = "build/schemas";

/* ---- helpers -------------------------------------------------------------- */

static zc_sockaddr addr4(const char *ip, uint16_t port)
{
    zc_sockaddr a;
    memset(&a, 0, sizeof a);
    a.sin.sin_family = AF_INET;
    a.sin.sin_port = htons(port);
    ck_assert_int_eq(inet_pton(AF_INET, ip, &a.sin.sin_addr), 1);
    return a;
}

#ifndef ZC_IO_CROSS /* the datagram cases (see io_suite()) */
static zc_sockaddr addr6(const char *ip, uint16_t port)
{
    zc_sockaddr a;
    memset(&a, 0, sizeof a);
    a.sin6.sin6_family = AF_INET6;
    a.sin6.sin6_port = htons(port);
    ck_assert_int_eq(inet_pton(AF_INET6, ip, &a.sin6.sin6_addr), 1);
    return a;
}

/* A UDP socket bound to a (port 0: any); its port in *port. -1 with errno
   for a family the machine lacks. */
static int udp_bound(zc_sockaddr a, uint16_t *port)
{
    const int one = 1;
    socklen_t len = zc_sockaddr_len(&a);
    int fd = socket(a.sa.sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    if (fd < 0)
        return -1;
    if (a.sa.sa_family == AF_INET6)
        ck_assert_int_eq(setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one), 0);
    if (bind(fd, &a.sa, len) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    ck_assert_int_eq(getsockname(fd, &a.sa, &len), 0);
    if (port)
        *port = ntohs(a.sa.sa_family == AF_INET ? a.sin.sin_port : a.sin6.sin6_port);
    return fd;
}

/* An IPv6 UDP socket on ::1, or -1 if the machine has no IPv6. */
static int udp6_or_skip(uint16_t *port)
{
    int fd = udp_bound(addr6("::", 0), port);
    if (fd < 0)
        printf("(no IPv6 here: %s; IPv6 case skipped)\n", strerror(errno));
    return fd;
}

static int64_t timespec_ns(struct timespec t)
{
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static struct timespec now_real(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return t;
}

/*
 * Waits until every datagram sent so far over loopback has been delivered
 * to its socket, so that one receive call finds them all even when the
 * machine is busy: the process is pinned to one CPU (loopback packets then
 * all go through that CPU's backlog, in order), and a last datagram to a
 * socket of its own must arrive (at most 5 s).
 */
static void settle(void)
{
    static int pinned;
    uint16_t port;
    int r, w;
    char c;

    if (!pinned) {
        cpu_set_t set;
        int cpu = sched_getcpu();
        CPU_ZERO(&set);
        CPU_SET(cpu < 0 ? 0 : cpu, &set);
        (void)sched_setaffinity(0, sizeof set, &set);
        pinned = 1;
    }
    r = udp_bound(addr4("127.0.0.1", 0), &port);
    w = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ck_assert_int_ge(r, 0);
    ck_assert_int_ge(w, 0);
    {
        zc_sockaddr to = addr4("127.0.0.1", port);
        struct pollfd p = { r, POLLIN, 0 };
        ck_assert_int_eq(sendto(w, "s", 1, 0, &to.sa, zc_sockaddr_len(&to)), 1);
        ck_assert_int_eq(poll(&p, 1, 5000), 1);
        ck_assert_int_eq(recv(r, &c, 1, 0), 1);
    }
    close(r);
    close(w);
}

static void send_to(int fd, const void *buf, size_t len, zc_sockaddr to)
{
    ck_assert_int_eq(sendto(fd, buf, len, 0, &to.sa, zc_sockaddr_len(&to)), (ssize_t)len);
}

enum { N = 8, PAYLOAD = 256 };

/* Receive buffers for n datagrams of cap bytes each. */
typedef struct {
    zc_dgram d[N];
    struct mmsghdr mm[N];
    uint8_t buf[N][PAYLOAD];
} batch;

static void batch_init(batch *b, size_t cap)
{
    memset(b, 0, sizeof *b);
    for (int i = 0; i < N; i++) {
        b->d[i].buf = b->buf[i];
        b->d[i].cap = cap;
    }
}

static unsigned lo_index(void)
{
    unsigned i = if_nametoindex("lo");
    ck_assert_uint_ne(i, 0);
    return i;
}

/* ---- datagrams: receive --------------------------------------------------- */

/* Six datagrams, to 127.0.0.1 and 127.0.0.2 from two senders with their own
   TTLs, arrive in one call with the right destination, TTL and times. */
START_TEST(recv_batch_v4_metadata)
{
    uint16_t port;
    int srv = udp_bound(addr4("0.0.0.0", 0), &port);
    int s1 = udp_bound(addr4("127.0.0.1", 0), NULL), s2 = udp_bound(addr4("127.0.0.1", 0), NULL);
    const int ttl1 = 17, ttl2 = 33;
    struct timespec before, after;
    zc_sockaddr from1, from2;
    socklen_t len = sizeof from1;
    batch b;
    int n;

    ck_assert_int_ge(srv, 0);
    ck_assert_int_eq(zc_dgram_enable(srv, ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS | ZC_DGRAM_TIME), 0);
    ck_assert_int_eq(setsockopt(s1, IPPROTO_IP, IP_TTL, &ttl1, sizeof ttl1), 0);
    ck_assert_int_eq(setsockopt(s2, IPPROTO_IP, IP_TTL, &ttl2, sizeof ttl2), 0);
    ck_assert_int_eq(getsockname(s1, &from1.sa, &len), 0);
    len = sizeof from2;
    ck_assert_int_eq(getsockname(s2, &from2.sa, &len), 0);
    before = now_real();
    for (int i = 0; i < 6; i++) {
        char msg[32];
        int k = snprintf(msg, sizeof msg, "datagram %d", i);
        send_to(i % 2 ? s2 : s1, msg, (size_t)k, addr4(i % 3 ? "127.0.0.2" : "127.0.0.1", port));
    }
    settle();
    batch_init(&b, PAYLOAD);
    n = zc_dgram_recv(srv, b.d, b.mm, N, MSG_DONTWAIT);
    /* not taken before the call: while the kernel is still switching
       timestamps on (asynchronously, the first time), it stamps a datagram
       when it is read */
    after = now_real();
    ck_assert_int_eq(n, 6); /* loopback delivers at once: one call gets all */
    for (int i = 0; i < n; i++) {
        const zc_dgram *d = &b.d[i];
        const zc_sockaddr *from = i % 2 ? &from2 : &from1;
        char msg[32], ip[INET_ADDRSTRLEN];
        int k = snprintf(msg, sizeof msg, "datagram %d", i);

        ck_assert_uint_eq(d->len, (size_t)k);
        ck_assert_uint_eq(d->wire_len, (size_t)k);
        ck_assert_mem_eq(d->buf, msg, (size_t)k);
        ck_assert_uint_eq(d->flags & (ZC_DGRAM_TRUNC | ZC_DGRAM_CTRUNC), 0);
        /* the sender */
        ck_assert_uint_eq(d->peer_len, sizeof(struct sockaddr_in));
        ck_assert_int_eq(d->peer.sin.sin_family, AF_INET);
        ck_assert_uint_eq(d->peer.sin.sin_port, from->sin.sin_port);
        ck_assert_uint_eq(d->peer.sin.sin_addr.s_addr, from->sin.sin_addr.s_addr);
        /* where it was sent, on a socket bound to 0.0.0.0 */
        ck_assert(d->flags & ZC_DGRAM_LOCAL);
        ck_assert_int_eq(d->local.sin.sin_family, AF_INET);
        inet_ntop(AF_INET, &d->local.sin.sin_addr, ip, sizeof ip);
        ck_assert_str_eq(ip, i % 3 ? "127.0.0.2" : "127.0.0.1");
        ck_assert_uint_eq(d->spec_dst.s_addr, d->local.sin.sin_addr.s_addr);
        ck_assert_uint_eq(d->ifindex, lo_index());
        /* the sender's TTL */
        ck_assert(d->flags & ZC_DGRAM_HOPS);
        ck_assert_int_eq(d->hops, i % 2 ? ttl2 : ttl1);
        /* the kernel's receive time: after the first send, not after the
           receive call, and in order */
        ck_assert(d->flags & ZC_DGRAM_TIME);
        ck_assert_int_ge(timespec_ns(d->time), timespec_ns(before));
        ck_assert_int_le(timespec_ns(d->time), timespec_ns(after));
        if (i > 0)
            ck_assert_int_ge(timespec_ns(d->time), timespec_ns(b.d[i - 1].time));
    }
    close(srv);
    close(s1);
    close(s2);
}
END_TEST

/* Without zc_dgram_enable() there is no metadata, and the flags say so. */
START_TEST(recv_without_metadata)
{
    uint16_t port;
    int srv = udp_bound(addr4("0.0.0.0", 0), &port), s = udp_bound(addr4("127.0.0.1", 0), NULL);
    batch b;

    send_to(s, "x", 1, addr4("127.0.0.2", port));
    settle();
    batch_init(&b, PAYLOAD);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, N, MSG_DONTWAIT), 1);
    ck_assert_uint_eq(b.d[0].flags, 0);
    ck_assert_int_eq(b.d[0].hops, -1);
    ck_assert_int_eq(b.d[0].local.sa.sa_family, AF_UNSPEC);
    close(srv);
    close(s);
}
END_TEST

/* ::1 on a socket bound to ::, with a hop limit set by the sender. */
START_TEST(recv_v6_metadata)
{
    uint16_t port;
    int srv = udp6_or_skip(&port), s;
    const int hops = 42;
    struct timespec before;
    batch b;

    if (srv < 0)
        return;
    s = udp_bound(addr6("::1", 0), NULL);
    ck_assert_int_ge(s, 0);
    ck_assert_int_eq(zc_dgram_enable(srv, ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS | ZC_DGRAM_TIME), 0);
    ck_assert_int_eq(setsockopt(s, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof hops), 0);
    before = now_real();
    send_to(s, "six", 3, addr6("::1", port));
    send_to(s, "six!", 4, addr6("::1", port));
    settle();
    batch_init(&b, PAYLOAD);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, N, MSG_DONTWAIT), 2);
    for (int i = 0; i < 2; i++) {
        const zc_dgram *d = &b.d[i];
        ck_assert_uint_eq(d->len, 3u + (unsigned)i);
        ck_assert_uint_eq(d->peer_len, sizeof(struct sockaddr_in6));
        ck_assert(IN6_IS_ADDR_LOOPBACK(&d->peer.sin6.sin6_addr));
        ck_assert(d->flags & ZC_DGRAM_LOCAL);
        ck_assert_int_eq(d->local.sin6.sin6_family, AF_INET6);
        ck_assert(IN6_IS_ADDR_LOOPBACK(&d->local.sin6.sin6_addr));
        ck_assert_uint_eq(d->ifindex, lo_index());
        ck_assert(d->flags & ZC_DGRAM_HOPS);
        ck_assert_int_eq(d->hops, hops);
        ck_assert(d->flags & ZC_DGRAM_TIME);
        ck_assert_int_ge(timespec_ns(d->time), timespec_ns(before));
    }
    ck_assert_int_ge(timespec_ns(b.d[1].time), timespec_ns(b.d[0].time));
    close(srv);
    close(s);
}
END_TEST

/* A datagram longer than its buffer: cut, flagged, its size kept; the next
   one in the same batch fits and is not flagged. */
START_TEST(recv_truncation)
{
    uint16_t port;
    int srv = udp_bound(addr4("127.0.0.1", 0), &port), s = udp_bound(addr4("127.0.0.1", 0), NULL);
    uint8_t big[100];
    batch b;

    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)i;
    send_to(s, big, sizeof big, addr4("127.0.0.1", port));
    send_to(s, big, 8, addr4("127.0.0.1", port));
    settle();
    batch_init(&b, 8);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, N, MSG_DONTWAIT), 2);
    ck_assert(b.d[0].flags & ZC_DGRAM_TRUNC);
    ck_assert_uint_eq(b.d[0].len, 8);
    ck_assert_uint_eq(b.d[0].wire_len, 100);
    ck_assert_mem_eq(b.d[0].buf, big, 8);
    ck_assert_uint_eq(b.d[1].flags & ZC_DGRAM_TRUNC, 0);
    ck_assert_uint_eq(b.d[1].len, 8);
    ck_assert_uint_eq(b.d[1].wire_len, 8);
    close(srv);
    close(s);
}
END_TEST

/* Nothing waiting: EAGAIN, on a non-blocking socket and with MSG_DONTWAIT. */
START_TEST(recv_nothing_waiting)
{
    int srv = udp_bound(addr4("127.0.0.1", 0), NULL);
    batch b;

    batch_init(&b, PAYLOAD);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, N, MSG_DONTWAIT), -1);
    ck_assert(errno == EAGAIN || errno == EWOULDBLOCK);
    ck_assert_int_eq(fcntl(srv, F_SETFL, O_NONBLOCK), 0);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, N, 0), -1);
    ck_assert(errno == EAGAIN || errno == EWOULDBLOCK);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, 0, 0), 0);
    close(srv);
}
END_TEST

/* A blocking socket: waits for the first datagram only (MSG_WAITFORONE),
   here one already queued, and returns what there is. */
START_TEST(recv_blocking_returns_what_is_queued)
{
    uint16_t port;
    int srv = udp_bound(addr4("127.0.0.1", 0), &port), s = udp_bound(addr4("127.0.0.1", 0), NULL);
    batch b;

    send_to(s, "a", 1, addr4("127.0.0.1", port));
    send_to(s, "b", 1, addr4("127.0.0.1", port));
    settle();
    batch_init(&b, PAYLOAD);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, N, 0), 2);
    close(srv);
    close(s);
}
END_TEST

/* ---- datagrams: replies from the address asked ------------------------------ */

/* Queries to 127.0.0.1, 127.0.0.2 and 127.45.6.7 on a wildcard socket: each
   reply, sent in one batch, comes from the address its query went to (and,
   the control, a reply without ZC_DGRAM_LOCAL does not). */
START_TEST(reply_from_destination_v4)
{
    static const char *const to[] = { "127.0.0.2", "127.0.0.1", "127.45.6.7" };
    uint16_t port;
    int srv = udp_bound(addr4("0.0.0.0", 0), &port), cl[3];
    zc_dgram out[3];
    struct mmsghdr mm[3];
    uint8_t reply[3][16];
    batch b;

    ck_assert_int_eq(zc_dgram_enable(srv, ZC_DGRAM_LOCAL), 0);
    for (int i = 0; i < 3; i++) {
        cl[i] = udp_bound(addr4("127.0.0.1", 0), NULL);
        send_to(cl[i], to[i], strlen(to[i]), addr4(to[i], port));
    }
    settle();
    batch_init(&b, PAYLOAD);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, N, MSG_DONTWAIT), 3);
    for (int i = 0; i < 3; i++) {
        int n = snprintf((char *)reply[i], sizeof reply[i], "re %d", i);
        zc_dgram_reply_init(&out[i], &b.d[i], reply[i], (size_t)n);
    }
    ck_assert_int_eq(zc_dgram_send(srv, out, mm, 3, 0), 3);
    settle();
    for (int i = 0; i < 3; i++) {
        char buf[16], ip[INET_ADDRSTRLEN], want[16];
        zc_sockaddr from;
        socklen_t len = sizeof from;
        ssize_t n = recvfrom(cl[i], buf, sizeof buf, MSG_DONTWAIT, &from.sa, &len);
        int k = snprintf(want, sizeof want, "re %d", i);
        ck_assert_int_eq(n, k);
        ck_assert_mem_eq(buf, want, (size_t)k);
        inet_ntop(AF_INET, &from.sin.sin_addr, ip, sizeof ip);
        ck_assert_str_eq(ip, to[i]);
        ck_assert_uint_eq(ntohs(from.sin.sin_port), port);
    }
    /* the control: the same reply to the 127.0.0.2 query, without the
       source control message, leaves from what routing picks */
    out[0].flags = 0;
    ck_assert_int_eq(zc_dgram_send(srv, out, mm, 1, 0), 1);
    settle();
    {
        char buf[16], ip[INET_ADDRSTRLEN];
        zc_sockaddr from;
        socklen_t len = sizeof from;
        ck_assert_int_gt(recvfrom(cl[0], buf, sizeof buf, MSG_DONTWAIT, &from.sa, &len), 0);
        inet_ntop(AF_INET, &from.sin.sin_addr, ip, sizeof ip);
        ck_assert_str_eq(ip, "127.0.0.1");
    }
    for (int i = 0; i < 3; i++)
        close(cl[i]);
    close(srv);
}
END_TEST

START_TEST(reply_from_destination_v6)
{
    uint16_t port;
    int srv = udp6_or_skip(&port), cl;
    zc_dgram out;
    struct mmsghdr mm;
    char buf[8];
    zc_sockaddr from;
    socklen_t len = sizeof from;
    batch b;

    if (srv < 0)
        return;
    ck_assert_int_eq(zc_dgram_enable(srv, ZC_DGRAM_LOCAL), 0);
    cl = udp_bound(addr6("::1", 0), NULL);
    send_to(cl, "q", 1, addr6("::1", port));
    settle();
    batch_init(&b, PAYLOAD);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, N, MSG_DONTWAIT), 1);
    zc_dgram_reply_init(&out, &b.d[0], (void *)"r6", 2);
    ck_assert_uint_eq(out.ifindex, lo_index());
    ck_assert_int_eq(zc_dgram_send(srv, &out, &mm, 1, 0), 1);
    settle();
    ck_assert_int_eq(recvfrom(cl, buf, sizeof buf, MSG_DONTWAIT, &from.sa, &len), 2);
    ck_assert_int_eq(from.sa.sa_family, AF_INET6);
    ck_assert(IN6_IS_ADDR_LOOPBACK(&from.sin6.sin6_addr));
    ck_assert_uint_eq(ntohs(from.sin6.sin6_port), port);
    close(cl);
    close(srv);
}
END_TEST

/*
 * A query to an IPv4 broadcast address, in a network namespace of the
 * test's own with a veth pair (10.9.0.1/24 on v0): the destination is the
 * broadcast address 10.9.0.255, spec_dst the interface's address 10.9.0.1,
 * and the reply leaves from 10.9.0.1 (a reply from the destination itself
 * is refused by the kernel). Runs in a child process, which reports the
 * first failed step through a pipe; skipped, saying so, where no namespace
 * can be made.
 */
enum { NS_SKIP = 77 };

static int ns_fail(int fd, const char *what)
{
    char msg[200];
    int n = snprintf(msg, sizeof msg, "%s: %s", what, strerror(errno));
    if (write(fd, msg, (size_t)n) < 0)
        return 1;
    return 1;
}

static int own_netns(void)
{
    char map[64];
    uid_t uid = getuid();
    gid_t gid = getgid();
    int fd;

    if (unshare(CLONE_NEWNET) == 0)
        return 0;
    if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0)
        return -1;
    /* be root in the new user namespace, for ip(8) too */
    if ((fd = open("/proc/self/setgroups", O_WRONLY)) >= 0) {
        if (write(fd, "deny", 4) < 0)
            return -1;
        close(fd);
    }
    snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
    if ((fd = open("/proc/self/uid_map", O_WRONLY)) < 0 || write(fd, map, strlen(map)) < 0)
        return -1;
    close(fd);
    snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
    if ((fd = open("/proc/self/gid_map", O_WRONLY)) < 0 || write(fd, map, strlen(map)) < 0)
        return -1;
    close(fd);
    return 0;
}

static int broadcast_child(int out)
{
    const int one = 1;
    uint16_t port;
    int srv, cl;
    zc_dgram reply;
    struct mmsghdr mm;
    batch b;
    char buf[16], ip[INET_ADDRSTRLEN];
    zc_sockaddr from;
    socklen_t len = sizeof from;
    unsigned v0;

    if (own_netns() < 0)
        return NS_SKIP;
    if (system("ip link set lo up && ip link add v0 type veth peer name v1 && "
               "ip addr add 10.9.0.1/24 brd + dev v0 && ip link set v0 up && ip link set v1 up") != 0) {
        errno = 0;
        return ns_fail(out, "ip link/addr in the new namespace");
    }
    v0 = if_nametoindex("v0");
    if ((srv = udp_bound(addr4("0.0.0.0", 0), &port)) < 0 || zc_dgram_enable(srv, ZC_DGRAM_LOCAL) < 0)
        return ns_fail(out, "server socket");
    if ((cl = udp_bound(addr4("10.9.0.1", 0), NULL)) < 0 ||
        setsockopt(cl, SOL_SOCKET, SO_BROADCAST, &one, sizeof one) < 0)
        return ns_fail(out, "client socket");
    {
        zc_sockaddr to = addr4("10.9.0.255", port);
        if (sendto(cl, "bcast", 5, 0, &to.sa, zc_sockaddr_len(&to)) != 5)
            return ns_fail(out, "sendto 10.9.0.255");
    }
    batch_init(&b, PAYLOAD);
    {
        struct pollfd p = { srv, POLLIN, 0 };
        if (poll(&p, 1, 2000) != 1)
            return ns_fail(out, "no broadcast datagram arrived");
    }
    if (zc_dgram_recv(srv, b.d, b.mm, N, MSG_DONTWAIT) != 1)
        return ns_fail(out, "zc_dgram_recv");
    inet_ntop(AF_INET, &b.d[0].local.sin.sin_addr, ip, sizeof ip);
    if (!(b.d[0].flags & ZC_DGRAM_LOCAL) || strcmp(ip, "10.9.0.255") != 0) {
        errno = 0;
        return ns_fail(out, "destination is not 10.9.0.255");
    }
    inet_ntop(AF_INET, &b.d[0].spec_dst, ip, sizeof ip);
    if (strcmp(ip, "10.9.0.1") != 0 || b.d[0].ifindex != v0) {
        errno = 0;
        return ns_fail(out, "spec_dst is not 10.9.0.1 on v0");
    }
    zc_dgram_reply_init(&reply, &b.d[0], (void *)"re", 2);
    if (zc_dgram_send(srv, &reply, &mm, 1, 0) != 1)
        return ns_fail(out, "zc_dgram_send from spec_dst");
    {
        struct pollfd p = { cl, POLLIN, 0 };
        if (poll(&p, 1, 2000) != 1 || recvfrom(cl, buf, sizeof buf, 0, &from.sa, &len) != 2)
            return ns_fail(out, "no reply");
    }
    inet_ntop(AF_INET, &from.sin.sin_addr, ip, sizeof ip);
    if (strcmp(ip, "10.9.0.1") != 0 || ntohs(from.sin.sin_port) != port) {
        errno = 0;
        return ns_fail(out, "reply not from 10.9.0.1 and the server's port");
    }
    /* the destination itself is no source address */
    reply.local.sin.sin_addr = b.d[0].local.sin.sin_addr;
    if (zc_dgram_send(srv, &reply, &mm, 1, 0) != -1) {
        errno = 0;
        return ns_fail(out, "a reply from 10.9.0.255 was sent");
    }
    return 0;
}

START_TEST(reply_to_broadcast_from_interface_address)
{
    int p[2], status;
    char msg[256] = "";
    pid_t pid;
    ssize_t n;

    ck_assert_int_eq(pipe(p), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(p[0]);
        _exit(broadcast_child(p[1]));
    }
    close(p[1]);
    n = read(p[0], msg, sizeof msg - 1);
    msg[n > 0 ? n : 0] = '\0';
    close(p[0]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    if (WEXITSTATUS(status) == NS_SKIP) {
        printf("(no network namespace could be made: broadcast case skipped)\n");
        return;
    }
    ck_assert_msg(WEXITSTATUS(status) == 0, "%s", msg);
}
END_TEST

/* sendmmsg stops at the first datagram the kernel refuses: the count says
   where, and a call from there gives the error. */
START_TEST(send_stops_at_refused_datagram)
{
    uint16_t port;
    int srv = udp_bound(addr4("127.0.0.1", 0), &port), s = udp_bound(addr4("127.0.0.1", 0), NULL);
    zc_dgram out[3];
    struct mmsghdr mm[3];
    char buf[8];

    memset(out, 0, sizeof out);
    for (int i = 0; i < 3; i++) {
        out[i].buf = (uint8_t *)"abc";
        out[i].len = 3;
        out[i].peer = addr4("127.0.0.1", port);
    }
    out[1].peer.sa.sa_family = AF_UNIX; /* refused */
    out[1].peer_len = sizeof(struct sockaddr_in);
    ck_assert_int_eq(zc_dgram_send(s, out, mm, 3, 0), 1);
    ck_assert_int_eq(zc_dgram_send(s, out + 1, mm, 2, 0), -1);
    ck_assert_int_ne(errno, 0);
    ck_assert_int_eq(zc_dgram_send(s, out + 2, mm, 1, 0), 1);
    settle();
    ck_assert_int_eq(recv(srv, buf, sizeof buf, MSG_DONTWAIT), 3);
    ck_assert_int_eq(recv(srv, buf, sizeof buf, MSG_DONTWAIT), 3);
    ck_assert_int_eq(recv(srv, buf, sizeof buf, MSG_DONTWAIT), -1);
    ck_assert_int_eq(zc_dgram_send(s, out, mm, 0, 0), 0);
    close(srv);
    close(s);
}
END_TEST

/* ---- datagrams: the TTL / hop limit of each datagram sent ----------------- */

/*
 * One sendmmsg() of datagrams with their own TTL (ZC_DGRAM_HOPS), one
 * without (the socket's IP_TTL / IPV6_UNICAST_HOPS), one with a source
 * address as well (both control messages): the receiver's metadata says,
 * for each, what the sender set. IPv4 (_i 0) and IPv6 (_i 1).
 */
static const int hops_sent[] = { 1, 64, -1, 255, 200, 2 }; /* -1: the socket's */
enum { HOPS_N = 6, SOCKET_HOPS = 9 };

START_TEST(send_hops_per_datagram)
{
    const int v6 = _i;
    uint16_t port;
    int srv = v6 ? udp6_or_skip(&port) : udp_bound(addr4("0.0.0.0", 0), &port), s;
    zc_sockaddr from;
    socklen_t len = sizeof from;
    zc_dgram out[HOPS_N];
    struct mmsghdr mm[HOPS_N];
    char msg[HOPS_N][16];
    batch b;

    if (srv < 0)
        return;
    s = udp_bound(v6 ? addr6("::", 0) : addr4("0.0.0.0", 0), NULL);
    ck_assert_int_ge(s, 0);
    ck_assert_int_eq(getsockname(s, &from.sa, &len), 0);
    ck_assert_int_eq(zc_dgram_enable(srv, ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS), 0);
    {
        const int sh = SOCKET_HOPS;
        if (v6)
            ck_assert_int_eq(setsockopt(s, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &sh, sizeof sh), 0);
        else
            ck_assert_int_eq(setsockopt(s, IPPROTO_IP, IP_TTL, &sh, sizeof sh), 0);
    }
    memset(out, 0, sizeof out);
    for (int i = 0; i < HOPS_N; i++) {
        out[i].len = (size_t)snprintf(msg[i], sizeof msg[i], "hops %d", hops_sent[i]);
        out[i].buf = (uint8_t *)msg[i];
        out[i].peer = v6 ? addr6("::1", port) : addr4("127.0.0.1", port);
        if (hops_sent[i] >= 0) {
            out[i].flags = ZC_DGRAM_HOPS;
            out[i].hops = hops_sent[i];
        }
    }
    /* the fifth also from a source address of its own */
    out[4].flags |= ZC_DGRAM_LOCAL;
    out[4].local = v6 ? addr6("::1", 0) : addr4("127.0.0.3", 0);
    ck_assert_int_eq(zc_dgram_send(s, out, mm, HOPS_N, 0), HOPS_N);
    settle();
    batch_init(&b, PAYLOAD);
    ck_assert_int_eq(zc_dgram_recv(srv, b.d, b.mm, N, MSG_DONTWAIT), HOPS_N);
    for (int i = 0; i < HOPS_N; i++) {
        const zc_dgram *d = &b.d[i];
        ck_assert_uint_eq(d->len, out[i].len);
        ck_assert_mem_eq(d->buf, msg[i], d->len);
        ck_assert(d->flags & ZC_DGRAM_HOPS);
        ck_assert_int_eq(d->hops, hops_sent[i] >= 0 ? hops_sent[i] : SOCKET_HOPS);
        ck_assert_uint_eq(zc_sockaddr_len(&d->peer), zc_sockaddr_len(&from));
        if (!v6) {
            char ip[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, &d->peer.sin.sin_addr, ip, sizeof ip);
            ck_assert_str_eq(ip, i == 4 ? "127.0.0.3" : "127.0.0.1");
            ck_assert_uint_eq(d->peer.sin.sin_port, from.sin.sin_port);
        } else {
            ck_assert(IN6_IS_ADDR_LOOPBACK(&d->peer.sin6.sin6_addr));
            ck_assert_uint_eq(d->peer.sin6.sin6_port, from.sin6.sin6_port);
        }
    }
    /* out of range: Linux refuses the datagram (IPv4 TTL 0, 256; IPv6 256) */
    out[0].flags = ZC_DGRAM_HOPS;
    out[0].hops = v6 ? 256 : 0;
    ck_assert_int_eq(zc_dgram_send(s, out, mm, 1, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    out[0].hops = 256;
    ck_assert_int_eq(zc_dgram_send(s, out, mm, 1, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    if (v6) { /* hop limit 0 is one: the datagram never leaves the host */
        out[0].hops = 0;
        ck_assert_int_eq(zc_dgram_send(s, out, mm, 1, 0), 1);
    }
    close(srv);
    close(s);
}
END_TEST

/*
 * IPv6 multicast, in a network namespace of the test's own with a veth
 * pair (fd00:9::1 on v0, no DAD): a socket joins ff15::9 on v0 with
 * IPV6_JOIN_GROUP; a sender with IPV6_MULTICAST_IF v0 sends two datagrams
 * to the group, hop limits 3 (per datagram) and 7 (the socket's
 * IPV6_MULTICAST_HOPS). Each arrives (looped back: IPV6_MULTICAST_LOOP is
 * on by default) with the group as its destination, v0 as its interface
 * and the hop limit that was set; after IPV6_LEAVE_GROUP nothing arrives.
 * Also IPv4: 239.9.9.9 joined on v0 with TTL 5 per datagram.
 */
static int mcast_wait(int fd, int ms)
{
    struct pollfd p = { fd, POLLIN, 0 };
    return poll(&p, 1, ms);
}

static int multicast_child(int out)
{
    uint16_t port;
    int srv, cl, srv4, cl4;
    unsigned v0;
    zc_dgram d[2];
    struct mmsghdr mm[2];
    batch b;
    char ip[INET6_ADDRSTRLEN];
    struct ipv6_mreq m6;
    struct ip_mreqn m4;

    if (own_netns() < 0)
        return NS_SKIP;
    if (system("ip link set lo up && ip link add v0 type veth peer name v1 && "
               "ip -6 addr add fd00:9::1/64 dev v0 nodad && ip addr add 10.9.0.1/24 dev v0 && "
               "ip link set v0 up && ip link set v1 up") != 0) {
        errno = 0;
        return ns_fail(out, "ip link/addr in the new namespace");
    }
    v0 = if_nametoindex("v0");
    if ((srv = udp_bound(addr6("::", 0), &port)) < 0 ||
        zc_dgram_enable(srv, ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS) < 0)
        return ns_fail(out, "server socket");
    memset(&m6, 0, sizeof m6);
    inet_pton(AF_INET6, "ff15::9", &m6.ipv6mr_multiaddr);
    m6.ipv6mr_interface = v0;
    if (setsockopt(srv, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m6, sizeof m6) < 0)
        return ns_fail(out, "IPV6_JOIN_GROUP ff15::9 on v0");
    {
        const int seven = 7;
        if ((cl = udp_bound(addr6("::", 0), NULL)) < 0 ||
            setsockopt(cl, IPPROTO_IPV6, IPV6_MULTICAST_IF, &v0, sizeof v0) < 0 ||
            setsockopt(cl, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &seven, sizeof seven) < 0)
            return ns_fail(out, "client socket");
    }
    memset(d, 0, sizeof d);
    for (int i = 0; i < 2; i++) {
        d[i].buf = (uint8_t *)(i ? "group 7" : "group 3");
        d[i].len = 7;
        d[i].peer = addr6("ff15::9", port);
    }
    d[0].flags = ZC_DGRAM_HOPS;
    d[0].hops = 3;
    if (zc_dgram_send(cl, d, mm, 2, 0) != 2)
        return ns_fail(out, "zc_dgram_send to ff15::9");
    batch_init(&b, PAYLOAD);
    for (int got = 0; got < 2;) {
        int r;
        if (mcast_wait(srv, 2000) != 1)
            return ns_fail(out, "the group's datagrams did not all arrive");
        if ((r = zc_dgram_recv(srv, b.d + got, b.mm, (unsigned)(2 - got), MSG_DONTWAIT)) < 0)
            return ns_fail(out, "zc_dgram_recv");
        got += r;
    }
    for (int i = 0; i < 2; i++) {
        errno = 0;
        inet_ntop(AF_INET6, &b.d[i].local.sin6.sin6_addr, ip, sizeof ip);
        if (b.d[i].len != 7 || memcmp(b.d[i].buf, i ? "group 7" : "group 3", 7) != 0)
            return ns_fail(out, "not the datagram sent");
        if (!(b.d[i].flags & ZC_DGRAM_LOCAL) || strcmp(ip, "ff15::9") != 0 || b.d[i].ifindex != v0)
            return ns_fail(out, "destination is not ff15::9 on v0");
        if (!(b.d[i].flags & ZC_DGRAM_HOPS) || b.d[i].hops != (i ? 7 : 3))
            return ns_fail(out, "hop limit is not what the sender set");
    }
    if (setsockopt(srv, IPPROTO_IPV6, IPV6_LEAVE_GROUP, &m6, sizeof m6) < 0)
        return ns_fail(out, "IPV6_LEAVE_GROUP");
    if (zc_dgram_send(cl, d, mm, 1, 0) != 1)
        return ns_fail(out, "zc_dgram_send after leaving");
    if (mcast_wait(srv, 300) != 0) {
        errno = 0;
        return ns_fail(out, "a datagram arrived after IPV6_LEAVE_GROUP");
    }

    /* IPv4 on the same interface */
    if ((srv4 = udp_bound(addr4("0.0.0.0", 0), &port)) < 0 ||
        zc_dgram_enable(srv4, ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS) < 0)
        return ns_fail(out, "IPv4 server socket");
    memset(&m4, 0, sizeof m4);
    inet_pton(AF_INET, "239.9.9.9", &m4.imr_multiaddr);
    m4.imr_ifindex = (int)v0;
    if (setsockopt(srv4, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m4, sizeof m4) < 0)
        return ns_fail(out, "IP_ADD_MEMBERSHIP 239.9.9.9 on v0");
    memset(&m4.imr_multiaddr, 0, sizeof m4.imr_multiaddr);
    if ((cl4 = udp_bound(addr4("0.0.0.0", 0), NULL)) < 0 ||
        setsockopt(cl4, IPPROTO_IP, IP_MULTICAST_IF, &m4, sizeof m4) < 0)
        return ns_fail(out, "IPv4 client socket");
    d[0].peer = addr4("239.9.9.9", port);
    d[0].hops = 5;
    if (zc_dgram_send(cl4, d, mm, 1, 0) != 1)
        return ns_fail(out, "zc_dgram_send to 239.9.9.9");
    if (mcast_wait(srv4, 2000) != 1 || zc_dgram_recv(srv4, b.d, b.mm, 1, MSG_DONTWAIT) != 1)
        return ns_fail(out, "no datagram from 239.9.9.9");
    errno = 0;
    inet_ntop(AF_INET, &b.d[0].local.sin.sin_addr, ip, sizeof ip);
    if (strcmp(ip, "239.9.9.9") != 0 || b.d[0].ifindex != v0)
        return ns_fail(out, "destination is not 239.9.9.9 on v0");
    if (b.d[0].hops != 5)
        return ns_fail(out, "TTL is not the 5 the sender set");
    return 0;
}

/* Runs child(fd) in a child process (which makes its own network
   namespace); fails with the message it wrote; skips when it said so. */
static void in_child(int (*child)(int), const char *what)
{
    int p[2], status;
    char msg[256] = "";
    pid_t pid;
    ssize_t n;

    ck_assert_int_eq(pipe(p), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(p[0]);
        _exit(child(p[1]));
    }
    close(p[1]);
    n = read(p[0], msg, sizeof msg - 1);
    msg[n > 0 ? n : 0] = '\0';
    close(p[0]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    if (WEXITSTATUS(status) == NS_SKIP) {
        printf("(no network namespace could be made: %s skipped)\n", what);
        return;
    }
    ck_assert_msg(WEXITSTATUS(status) == 0, "%s", msg);
}

START_TEST(multicast_v6_and_v4_join_send)
{
    in_child(multicast_child, "multicast case");
}
END_TEST

#endif /* ZC_IO_CROSS */

/* ---- stream reader ---------------------------------------------------------- */

/* A stream of dns_tcp frames of various sizes (messages of 12..1000 bytes),
   each filled with a pattern that says which frame it is. */
enum { FRAMES = 7, STREAM_MAX = 8192 };
static const size_t msg_sizes[FRAMES] = { 12, 13, 255, 256, 1000, 12, 300 };

static size_t make_stream(uint8_t *out, size_t frame_at[FRAMES + 1])
{
    size_t at = 0;
    for (int i = 0; i < FRAMES; i++) {
        frame_at[i] = at;
        out[at++] = (uint8_t)(msg_sizes[i] >> 8);
        out[at++] = (uint8_t)msg_sizes[i];
        for (size_t k = 0; k < msg_sizes[i]; k++)
            out[at++] = (uint8_t)(i * 31 + (int)k);
    }
    frame_at[FRAMES] = at;
    return at;
}

/* Takes every frame the reader has; checks each against the stream. */
static zc_read_state take_frames(zc_reader *r, const uint8_t *stream, const size_t *frame_at,
                                 int *got)
{
    zc_bytes f;
    zc_read_state st;
    while ((st = zc_reader_next(r, &f)) == ZC_READ_FRAME) {
        dns_tcp_view t;
        ck_assert_int_lt(*got, FRAMES);
        ck_assert_uint_eq(f.len, frame_at[*got + 1] - frame_at[*got]);
        ck_assert_mem_eq(f.ptr, stream + frame_at[*got], f.len);
        ck_assert_uint_eq(r->at, frame_at[*got + 1]);
        ck_assert_int_eq(dns_tcp_parse(&t, f.ptr, f.len).code, ZC_OK); /* zero-copy view */
        ck_assert_uint_eq(dns_tcp_message(t).len, msg_sizes[*got]);
        (*got)++;
    }
    return st;
}

/* One byte at a time: a frame exactly when its last byte arrives, and NEED
   with the exact number of bytes missing before that. */
START_TEST(reader_one_byte_at_a_time)
{
    static uint8_t stream[STREAM_MAX], buf[1100];
    size_t frame_at[FRAMES + 1], len = make_stream(stream, frame_at);
    zc_reader r;
    int got = 0;

    zc_reader_init(&r, buf, sizeof buf, 0, zc_framer_dns_tcp, NULL);
    ck_assert_uint_eq(r.max_frame, sizeof buf);
    for (size_t i = 0; i < len; i++) {
        zc_wbytes room = zc_reader_room(&r);
        int before = got;
        zc_read_state st;
        ck_assert_uint_ge(room.len, 1);
        room.ptr[0] = stream[i];
        zc_reader_commit(&r, 1);
        st = take_frames(&r, stream, frame_at, &got);
        ck_assert_int_eq(st, ZC_READ_NEED);
        if (i + 1 == frame_at[got]) {
            ck_assert_int_eq(got, before + 1); /* its last byte made it whole */
        } else {
            size_t into = i + 1 - frame_at[got];
            ck_assert_int_eq(got, before);
            /* missing: the prefix, or the rest of the message */
            ck_assert_uint_eq(r.need, into < 2 ? 2 - into : frame_at[got + 1] - (i + 1));
        }
    }
    ck_assert_int_eq(got, FRAMES);
    zc_reader_set_eof(&r);
    ck_assert_int_eq(zc_reader_next(&r, &(zc_bytes){ 0 }), ZC_READ_EOF);
}
END_TEST

/* The same stream through a socket in pseudo-random pieces (frames split
   across reads and several in one read), into a buffer just big enough for
   the largest frame, so compaction happens: the same frames. */
START_TEST(reader_split_and_merged_reads)
{
    static uint8_t stream[STREAM_MAX], buf[1002];
    size_t frame_at[FRAMES + 1], len = make_stream(stream, frame_at);
    uint32_t seed = 12345u + (uint32_t)_i;

    for (int round = 0; round < 20; round++) {
        int sv[2], got = 0;
        size_t sent = 0;
        zc_reader r;
        zc_read_state st = ZC_READ_NEED;

        ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
        zc_reader_init(&r, buf, sizeof buf, 0, zc_framer_dns_tcp, NULL);
        while (st == ZC_READ_NEED) {
            if (sent < len) {
                size_t piece;
                seed = seed * 1103515245u + 12345u;
                piece = 1 + (seed >> 8) % (round % 2 ? 40 : 3000);
                piece = piece < len - sent ? piece : len - sent;
                ck_assert_int_eq(write(sv[0], stream + sent, piece), (ssize_t)piece);
                sent += piece;
                if (sent == len)
                    shutdown(sv[0], SHUT_WR);
            }
            /* reads until the socket is empty (or the buffer is full) */
            for (;;) {
                ssize_t n = zc_reader_fill(&r, sv[1]);
                st = take_frames(&r, stream, frame_at, &got);
                if (n <= 0 || st != ZC_READ_NEED)
                    break;
                struct pollfd p = { sv[1], POLLIN, 0 };
                if (poll(&p, 1, 0) == 0)
                    break;
            }
        }
        ck_assert_int_eq(st, ZC_READ_EOF);
        ck_assert_int_eq(got, FRAMES);
        ck_assert_uint_eq(r.at, len);
        close(sv[0]);
        close(sv[1]);
    }
}
END_TEST

/* Compaction happens only when the next frame would not fit behind the
   unread bytes. */
START_TEST(reader_compacts_only_when_needed)
{
    static uint8_t stream[STREAM_MAX], buf[64];
    size_t frame_at[FRAMES + 1];
    zc_reader r;
    zc_bytes f;
    zc_wbytes room;

    (void)make_stream(stream, frame_at);
    zc_reader_init(&r, buf, sizeof buf, 0, zc_framer_dns_tcp, NULL);
    /* frames 0 and 1 (14 + 15 bytes) and the prefix of a 257-byte frame */
    room = zc_reader_room(&r);
    memcpy(room.ptr, stream, 29 + 1);
    zc_reader_commit(&r, 30);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
    ck_assert_ptr_eq(f.ptr, buf);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
    ck_assert_ptr_eq(f.ptr, buf + 14);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_NEED);
    ck_assert_uint_eq(r.need, 1);
    room = zc_reader_room(&r); /* 2 bytes needed: room behind, no move */
    ck_assert_ptr_eq(room.ptr, buf + 30);
    ck_assert_uint_eq(r.start, 29);
    room.ptr[0] = stream[30];
    zc_reader_commit(&r, 1);
    /* a 257-byte frame cannot be in a 64-byte buffer */
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_LIMIT);
    ck_assert_uint_eq(r.size, 2 + 255);
    ck_assert_uint_eq(r.at, 29);

    /* a frame that fits the buffer but not behind the unread bytes */
    {
        static uint8_t s2[80];
        memset(s2, 0xab, sizeof s2);
        s2[0] = 0, s2[1] = 30;           /* 32-byte frame at 0          */
        s2[32] = 0, s2[33] = 40;         /* 42-byte frame at 32         */
        zc_reader_init(&r, buf, sizeof buf, 0, zc_framer_dns_tcp, NULL);
        room = zc_reader_room(&r);
        memcpy(room.ptr, s2, 40);
        zc_reader_commit(&r, 40);
        ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
        ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_NEED);
        ck_assert_uint_eq(r.need, 34);
        room = zc_reader_room(&r); /* 8 unread at 32 + 34 more > 64: moved */
        ck_assert_ptr_eq(room.ptr, buf + 8);
        ck_assert_uint_eq(r.start, 0);
        ck_assert_mem_eq(buf, s2 + 32, 8);
        memcpy(room.ptr, s2 + 40, 34);
        zc_reader_commit(&r, 34);
        ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
        ck_assert_uint_eq(f.len, 42);
        ck_assert_uint_eq(r.at, 74);
    }
}
END_TEST

/* A length prefix below 12 after a good frame: MALFORMED with dns_tcp's
   status (field, offset in the frame) and the frame's stream offset;
   sticky, whatever comes next. */
START_TEST(reader_malformed_reported_precisely)
{
    static uint8_t buf[256];
    uint8_t s[14 + 2 + 5 + 14];
    zc_reader r;
    zc_bytes f;
    zc_wbytes room;
    char text[128];

    memset(s, 0, sizeof s);
    s[1] = 12;                 /* a 14-byte frame                   */
    s[15] = 5;                 /* length 5: no message is that short */
    s[22] = 12;                /* a good frame that will not be read */
    zc_reader_init(&r, buf, sizeof buf, 0, zc_framer_dns_tcp, NULL);
    room = zc_reader_room(&r);
    memcpy(room.ptr, s, 15);
    zc_reader_commit(&r, 15);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_NEED); /* one byte of the prefix */
    room = zc_reader_room(&r);
    memcpy(room.ptr, s + 15, sizeof s - 15);
    zc_reader_commit(&r, sizeof s - 15);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_MALFORMED);
    ck_assert_ptr_null(f.ptr);
    ck_assert_int_eq(r.status.code, ZC_ERR_CONSTRAINT);
    ck_assert_str_eq(r.status.field, "dns_tcp.length");
    ck_assert_uint_eq(r.status.offset, 0);
    ck_assert_uint_eq(r.at, 14);
    ck_assert_str_eq(zc_status_format(r.status, text, sizeof text),
                     "constraint failed: dns_tcp.length at offset 0: length >= 12");
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_MALFORMED);
    zc_reader_set_eof(&r);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_MALFORMED);
}
END_TEST

/* max_frame: a frame one byte over is refused as soon as its length prefix
   is in (no waiting for bytes that would not fit); one at the limit is not. */
START_TEST(reader_limit)
{
    static uint8_t buf[4096];
    uint8_t s[2 + 98 + 2];
    zc_reader r;
    zc_bytes f;
    zc_wbytes room;
    char text[128];

    memset(s, 0x55, sizeof s);
    s[0] = 0, s[1] = 98;              /* a 100-byte frame       */
    s[100] = 0, s[101] = 99;          /* a 101-byte frame       */
    zc_reader_init(&r, buf, sizeof buf, 100, zc_framer_dns_tcp, NULL);
    room = zc_reader_room(&r);
    memcpy(room.ptr, s, sizeof s);
    zc_reader_commit(&r, sizeof s);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
    ck_assert_uint_eq(f.len, 100);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_LIMIT);
    ck_assert_uint_eq(r.size, 101);
    ck_assert_uint_eq(r.at, 100);
    ck_assert_int_eq(r.status.code, ZC_ERR_LIMIT);
    ck_assert_str_eq(zc_status_format(r.status, text, sizeof text),
                     "limit exceeded: zc_reader at offset 0: frame larger than the reader's limit");
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_LIMIT);
    /* max_frame larger than the buffer is the buffer's size */
    zc_reader_init(&r, buf, 64, 1000, zc_framer_dns_tcp, NULL);
    ck_assert_uint_eq(r.max_frame, 64);
}
END_TEST

/* A frame function that says a frame is larger than what it was given is
   refused, not trusted. */
static zc_frame lying_frame(void *ctx, const void *buf, size_t len)
{
    (void)buf;
    ++*(int *)ctx;
    return zc_frame_make(ZC_FRAME_COMPLETE, len + 1, zc_ok());
}

/* ctx reaches the frame function. */
static zc_frame counting_frame(void *ctx, const void *buf, size_t len)
{
    ++*(int *)ctx;
    return dns_tcp_frame(buf, len);
}

START_TEST(reader_frame_function_and_context)
{
    static uint8_t buf[64];
    uint8_t s[14] = { 0, 12 };
    int calls = 0;
    zc_reader r;
    zc_bytes f;
    zc_wbytes room;

    zc_reader_init(&r, buf, sizeof buf, 0, counting_frame, &calls);
    room = zc_reader_room(&r);
    memcpy(room.ptr, s, sizeof s);
    zc_reader_commit(&r, sizeof s);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_NEED);
    ck_assert_int_eq(calls, 2);

    zc_reader_init(&r, buf, sizeof buf, 0, lying_frame, &calls);
    zc_reader_commit(&r, 4);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_MALFORMED);
    ck_assert_int_eq(r.status.code, ZC_ERR_MALFORMED);
    ck_assert_str_eq(r.status.field, "zc_reader");
}
END_TEST

/* The end of the stream: between frames, inside a frame's prefix, inside
   its message. */
START_TEST(reader_eof)
{
    static uint8_t buf[256];
    static const size_t cut[] = { 0, 14, 15, 16, 20 };
    uint8_t s[28] = { 0, 12 };

    s[15] = 12;
    for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
        int sv[2];
        zc_reader r;
        zc_bytes f;
        zc_read_state st;

        ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
        if (cut[i])
            ck_assert_int_eq(write(sv[0], s, cut[i]), (ssize_t)cut[i]);
        close(sv[0]);
        zc_reader_init(&r, buf, sizeof buf, 0, zc_framer_dns_tcp, NULL);
        while (zc_reader_fill(&r, sv[1]) > 0)
            ;
        ck_assert(r.eof);
        if (cut[i] >= 14)
            ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
        st = zc_reader_next(&r, &f);
        ck_assert_int_eq(st, cut[i] == 0 || cut[i] == 14 ? ZC_READ_EOF : ZC_READ_EOF_INSIDE);
        close(sv[1]);
    }
}
END_TEST

/* A buffer full of unread frames: fill says ENOBUFS and reads nothing. */
START_TEST(reader_full_buffer)
{
    static uint8_t buf[28];
    uint8_t s[28] = { 0, 12 };
    int sv[2];
    zc_reader r;
    zc_bytes f;

    s[15] = 12;
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
    ck_assert_int_eq(write(sv[0], s, sizeof s), (ssize_t)sizeof s);
    zc_reader_init(&r, buf, sizeof buf, 0, zc_framer_dns_tcp, NULL);
    ck_assert_int_eq(zc_reader_fill(&r, sv[1]), 28);
    ck_assert_int_eq(zc_reader_fill(&r, sv[1]), -1);
    ck_assert_int_eq(errno, ENOBUFS);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
    ck_assert_int_eq(zc_reader_next(&r, &f), ZC_READ_FRAME);
    ck_assert_int_eq(zc_reader_pending(&r), 0);
    ck_assert_int_eq(zc_reader_fill(&r, sv[1]), -1); /* empty, non-blocking */
    ck_assert(errno == EAGAIN || errno == EWOULDBLOCK);
    close(sv[0]);
    close(sv[1]);
}
END_TEST

/* ---- stream writer ------------------------------------------------------------ */

/* A TCP connection on loopback with small socket buffers and a
   non-blocking sender: flush sends part, says EAGAIN, and resumes where it
   stopped; the receiver gets every byte once, in order. */
START_TEST(writer_partial_sends_nonblocking)
{
    enum { TOTAL = 1 << 18 }; /* more only takes longer: each flush waits for an ACK */
    static uint8_t data[TOTAL], got[TOTAL], wbuf[TOTAL];
    const int small = 4096;
    zc_sockaddr a = addr4("127.0.0.1", 0);
    socklen_t alen = sizeof a.sin;
    int lfd = socket(AF_INET, SOCK_STREAM, 0), c, s;
    size_t have = 0, eagain = 0, flushes = 0;
    zc_writer w;

    for (size_t i = 0; i < TOTAL; i++)
        data[i] = (uint8_t)(i * 7 + (i >> 9));
    ck_assert_int_eq(bind(lfd, &a.sa, alen), 0);
    ck_assert_int_eq(listen(lfd, 1), 0);
    ck_assert_int_eq(getsockname(lfd, &a.sa, &alen), 0);
    c = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(setsockopt(c, SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
    ck_assert_int_eq(connect(c, &a.sa, alen), 0);
    s = accept(lfd, NULL, NULL);
    ck_assert_int_ge(s, 0);
    ck_assert_int_eq(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &small, sizeof small), 0);
    ck_assert_int_eq(fcntl(c, F_SETFL, O_NONBLOCK), 0);

    zc_writer_init(&w, wbuf, sizeof wbuf);
    ck_assert_int_eq(zc_writer_put(&w, data, TOTAL), 0);
    ck_assert_int_eq(zc_writer_put(&w, data, 1), -1); /* full */
    ck_assert_int_eq(errno, ENOBUFS);
    while (have < TOTAL) {
        struct pollfd p[2] = { { c, POLLOUT, 0 }, { s, POLLIN, 0 } };
        ck_assert_int_gt(poll(p, 2, 5000), 0);
        if (zc_writer_pending(&w) && (p[0].revents & POLLOUT)) {
            size_t before = zc_writer_pending(&w);
            int r = zc_writer_flush(&w, c);
            flushes++;
            if (r < 0) {
                ck_assert(errno == EAGAIN || errno == EWOULDBLOCK);
                eagain++;
            } else {
                ck_assert_uint_eq(zc_writer_pending(&w), 0);
            }
            ck_assert_uint_le(zc_writer_pending(&w), before);
        }
        if (p[1].revents & POLLIN) {
            ssize_t n = recv(s, got + have, TOTAL - have, 0);
            ck_assert_int_gt(n, 0);
            have += (size_t)n;
        }
    }
    ck_assert_uint_eq(zc_writer_pending(&w), 0);
    ck_assert_uint_gt(eagain, 0); /* partial sends happened */
    ck_assert_mem_eq(got, data, TOTAL);
#ifndef ZC_IO_CROSS /* the cross suite compares outputs: these depend on the kernel */
    printf("(writer: 256 KiB in %zu flushes, %zu of them stopped by EAGAIN)\n", flushes, eagain);
#else
    (void)flushes;
    (void)eagain;
#endif
    close(c);
    close(s);
    close(lfd);
}
END_TEST

/* A peer that has gone: an error (EPIPE or ECONNRESET), no SIGPIPE. */
START_TEST(writer_peer_gone)
{
    static uint8_t wbuf[1 << 16];
    int sv[2];
    zc_writer w;

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    close(sv[1]);
    zc_writer_init(&w, wbuf, sizeof wbuf);
    ck_assert_int_eq(zc_writer_put(&w, "hello", 5), 0);
    ck_assert_int_eq(zc_writer_flush(&w, sv[0]), -1);
    ck_assert(errno == EPIPE || errno == ECONNRESET);
    ck_assert_uint_eq(zc_writer_pending(&w), 5);
    close(sv[0]);
}
END_TEST

/* Room: pending bytes move to the front only when asked for more than is
   left behind them; a pipe is written with write(). */
START_TEST(writer_room_and_pipes)
{
    static uint8_t wbuf[32];
    char out[64];
    int p[2];
    zc_writer w;
    zc_wbytes room;

    zc_writer_init(&w, wbuf, sizeof wbuf);
    ck_assert_int_eq(zc_writer_put(&w, "0123456789abcdefghij", 20), 0);
    w.start = 16; /* as if 16 bytes had been sent */
    room = zc_writer_room(&w, 12);
    ck_assert_ptr_eq(room.ptr, wbuf + 20);
    ck_assert_uint_eq(room.len, 12);
    room = zc_writer_room(&w, 13); /* does not fit behind: moved */
    ck_assert_ptr_eq(room.ptr, wbuf + 4);
    ck_assert_mem_eq(wbuf, "ghij", 4);
    memcpy(room.ptr, "XY", 2);
    zc_writer_commit(&w, 2);
    ck_assert_int_eq(pipe(p), 0);
    ck_assert_int_eq(zc_writer_flush(&w, p[1]), 0);
    ck_assert_int_eq(read(p[0], out, sizeof out), 6);
    ck_assert_mem_eq(out, "ghijXY", 6);
    ck_assert_uint_eq(zc_writer_room(&w, 1).len, sizeof wbuf); /* empty: from the front */
    close(p[0]);
    close(p[1]);
}
END_TEST

#ifndef ZC_IO_CROSS
/* ---- the header under the strict-warnings matrix ------------------------------- */

static const char *const strict_cc[] = { "gcc", "clang" };
static const char *const strict_std[] = { "-std=c99", "-std=c11", "-std=c17", "-std=c++17 -x c++" };

START_TEST(strict_warnings)
{
    const char *cc = strict_cc[_i / 8], *std = strict_std[(_i / 2) % 4];
    const char *opt = _i % 2 ? "-O2" : "-O0";
    char cmd[1024];
    int rc;

    if (strstr(std, "c++"))
        cc = strcmp(cc, "gcc") == 0 ? "g++" : "clang++";
    snprintf(cmd, sizeof cmd,
             "%s %s %s -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow "
             "-Wcast-align -Wcast-qual -Wundef -Werror -I%s -I%s -c tests/io/strict.c -o /dev/null",
             cc, std, opt, runtime_dir, schema_dir);
    rc = system(cmd);
    ck_assert_msg(rc == 0, "failed: %s", cmd);
}
END_TEST

#endif /* ZC_IO_CROSS */

static Suite *io_suite(void)
{
    Suite *s = suite_create("zerocast_io");
    TCase *tc;
#ifndef ZC_IO_CROSS
    /*
     * Built with -DZC_IO_CROSS (the cross suite, tests/cross/cross.mk,
     * which runs the reader and writer cases on i686 and s390x): no
     * datagram cases, since qemu-user passes the control messages they
     * test (IP_PKTINFO, IP_TTL, IPV6_HOPLIMIT, SO_TIMESTAMPNS) through
     * untranslated or not at all, and no strict-warnings matrix, which
     * compiles for the build host.
     */
    tc = tcase_create("datagrams");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, recv_batch_v4_metadata);
    tcase_add_test(tc, recv_without_metadata);
    tcase_add_test(tc, recv_v6_metadata);
    tcase_add_test(tc, recv_truncation);
    tcase_add_test(tc, recv_nothing_waiting);
    tcase_add_test(tc, recv_blocking_returns_what_is_queued);
    tcase_add_test(tc, reply_from_destination_v4);
    tcase_add_test(tc, reply_from_destination_v6);
    tcase_add_test(tc, reply_to_broadcast_from_interface_address);
    tcase_add_test(tc, send_stops_at_refused_datagram);
    tcase_add_loop_test(tc, send_hops_per_datagram, 0, 2);
    tcase_add_test(tc, multicast_v6_and_v4_join_send);
    suite_add_tcase(s, tc);
#endif
    tc = tcase_create("reader");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, reader_one_byte_at_a_time);
    tcase_add_loop_test(tc, reader_split_and_merged_reads, 0, 3);
    tcase_add_test(tc, reader_compacts_only_when_needed);
    tcase_add_test(tc, reader_malformed_reported_precisely);
    tcase_add_test(tc, reader_limit);
    tcase_add_test(tc, reader_frame_function_and_context);
    tcase_add_test(tc, reader_eof);
    tcase_add_test(tc, reader_full_buffer);
    suite_add_tcase(s, tc);
    tc = tcase_create("writer");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, writer_partial_sends_nonblocking);
    tcase_add_test(tc, writer_peer_gone);
    tcase_add_test(tc, writer_room_and_pipes);
    suite_add_tcase(s, tc);
#ifndef ZC_IO_CROSS
    tc = tcase_create("strict");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, strict_warnings, 0, 16);
    suite_add_tcase(s, tc);
#endif
    return s;
}

int main(int argc, char **argv)
{
    SRunner *sr;
    int failed;

    if (argc > 1)
        runtime_dir = argv[1];
    if (argc > 2)
        schema_dir = argv[2];
    signal(SIGPIPE, SIG_DFL); /* a SIGPIPE would kill the test: MSG_NOSIGNAL must prevent it */
    sr = srunner_create(io_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
