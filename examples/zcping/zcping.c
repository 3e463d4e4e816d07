/*
 * zcping - ping for IPv4 and IPv6 on zerocast's generated API.
 *
 * Sends ICMP / ICMPv6 Echo Requests built with icmpv4_echo_build() /
 * icmpv6_echo_build() and reads what comes back with the generated views:
 * replies (icmpv4_echo / icmpv6_echo), and errors that quote the request
 * (icmpv4_error / icmpv6_error, whose `original` is the quoted IP header
 * and whose payload is the quoted echo request). The packet bytes are
 * read only through views: no `.raw`, no `zc_base`, no casts.
 *
 * Sockets: an unprivileged datagram ICMP socket (SOCK_DGRAM/IPPROTO_ICMP,
 * allowed by net.ipv4.ping_group_range) by default, as iputils ping does,
 * a raw socket when that is refused (or with --raw). On a datagram socket
 * the kernel strips the IP header and matches replies to the socket; TTL /
 * hop limit and IPv4 options come from control messages (zerocast_io.h),
 * and ICMP errors from the socket's error queue (IP_RECVERR), which holds
 * the request they quote. On a raw socket the IPv4 header is read with the
 * ipv4 view and errors arrive as ICMP messages.
 *
 * Output follows iputils ping (docs/zcping.md lists the differences).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/errqueue.h>   /* after <time.h>: it uses struct timespec */

#include "icmpv4.zc.h"
#include "icmpv6.zc.h"
#include "zerocast_io.h"
#include "zerocast_net.h"

#define MAX_DATA 65000
#define MAX_PACKET (MAX_DATA + 128)

typedef struct {
    int family;            /* AF_INET or AF_INET6 */
    int fd;
    bool raw;              /* a raw socket (else datagram) */
    zc_sockaddr target;
    char host[256];        /* as given */
    uint16_t ident;        /* raw sockets: our identifier */
    long count;            /* -c, 0: until interrupted or deadline */
    double interval;       /* -i, seconds */
    double wait;           /* -W, seconds to wait for the last reply */
    double deadline;       /* -w, seconds, 0: none */
    size_t datalen;        /* -s */
    int ttl;               /* -t, 0: default */
    bool record_route;     /* -R */
    bool quiet;            /* -q */
    /* statistics */
    long sent, received, errors, dups;
    double tmin, tmax, tsum, tsum2;
    struct timespec start;
    struct timespec sent_at[65536];
    uint8_t seen[65536 / 8];
    bool rr_printed;
    uint8_t rr_last[ZC_DGRAM_IPOPTS_MAX];
    size_t rr_last_len;
} ping;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double ts_ms(const struct timespec *t)
{
    return (double)t->tv_sec * 1e3 + (double)t->tv_nsec / 1e6;
}

static void usage(FILE *f)
{
    fputs("usage: zcping [-4|-6] [-c count] [-i interval] [-W timeout] [-w deadline]\n"
          "              [-s size] [-t ttl] [-R] [-q] [--raw|--dgram] destination\n",
          f);
}

/* ---- sending ------------------------------------------------------------ */

/* Builds echo request `seq` into buf; returns its size, 0 on failure. */
static size_t build_request(ping *p, uint8_t *buf, size_t cap, uint16_t seq)
{
    zc_status st;
    size_t size;
    uint8_t pattern[MAX_DATA];
    size_t i;

    for (i = 0; i < p->datalen; i++)
        pattern[i] = (uint8_t)(i & 0xff);
    if (p->family == AF_INET) {
        icmpv4_echo_builder b;
        icmpv4_echo_mview m;
        icmpv4_echo_build(&b, buf, cap);
        icmpv4_echo_put_type(&b, ICMP_TYPE_ECHO_REQUEST);
        icmpv4_echo_put_identifier(&b, zc_htobe16(p->ident));
        icmpv4_echo_put_sequence(&b, zc_htobe16(seq));
        icmpv4_echo_put_data(&b, pattern, p->datalen);
        st = icmpv4_echo_build_end(&b, &m);
        if (!zc_failed(st))
            icmpv4_echo_fill_checksum(m);   /* the kernel fills it on a datagram socket */
        size = ICMPV4_ECHO_MIN_SIZE + p->datalen;
    } else {
        icmpv6_echo_builder b;
        icmpv6_echo_mview m;
        icmpv6_echo_build(&b, buf, cap);
        icmpv6_echo_put_type(&b, ICMP6_TYPE_ECHO_REQUEST);
        icmpv6_echo_put_identifier(&b, zc_htobe16(p->ident));
        icmpv6_echo_put_sequence(&b, zc_htobe16(seq));
        icmpv6_echo_put_data(&b, pattern, p->datalen);
        st = icmpv6_echo_build_end(&b, &m);   /* the kernel computes the checksum */
        size = ICMPV6_ECHO_MIN_SIZE + p->datalen;
    }
    if (zc_failed(st)) {
        fprintf(stderr, "zcping: building the request: %s\n", zc_status_text(st).str);
        return 0;
    }
    return size;
}

static int send_request(ping *p)
{
    static uint8_t buf[MAX_PACKET];
    uint16_t seq = (uint16_t)((p->sent + 1) & 0xffff);
    size_t n = build_request(p, buf, sizeof buf, seq);
    ssize_t r;

    if (n == 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &p->sent_at[seq]);
    p->seen[seq / 8] &= (uint8_t)~(1u << (seq % 8));
    r = sendto(p->fd, buf, n, 0, &p->target.sa, zc_sockaddr_len(&p->target));
    p->sent++;
    if (r < 0) {
        fprintf(stderr, "zcping: sendto: %s\n", strerror(errno));
        return errno == EHOSTUNREACH || errno == ENETUNREACH ? 0 : -1;
    }
    return 0;
}

/* ---- replies ------------------------------------------------------------ */

/* Prints the record-route option of a reply, as iputils does: the route
   the first time, "(same route)" after, when it has not changed. */
static void print_options(ping *p, zc_bytes opts)
{
    ipv4_option_iter opt = ipv4_option_iter_bytes(opts);
    ipv4_option_view o;
    while (ipv4_option_next(&opt, &o)) {
        ipv4_route_view route;
        zc_bytes whole = ipv4_option_bytes(o);
        if (ipv4_option_type(o) == IPV4_OPT_TYPE_EOOL)
            break;
        if (ipv4_option_type(o) == IPV4_OPT_TYPE_RR && ipv4_option_route(o, &route)) {
            ipv4_addr_iter it = ipv4_route_addresses(route);
            ipv4_addr_view a;
            size_t used = ipv4_route_pointer(route) >= 4 ? (size_t)(ipv4_route_pointer(route) - 4) / 4 : 0;
            size_t i = 0;
            if (p->rr_printed && zc_bytes_eq(whole, zc_bytes_make(p->rr_last, p->rr_last_len))) {
                printf("\t(same route)");
            } else {
                printf("\nRR: ");
                while (i < used && ipv4_addr_next(&it, &a)) {
                    printf("%s\t%s", i ? "\n" : "", zc_ipv4_addr_text(a).str);
                    i++;
                }
                printf("\n");
                if (whole.len <= sizeof p->rr_last) {
                    memcpy(p->rr_last, whole.ptr, whole.len);
                    p->rr_last_len = whole.len;
                    p->rr_printed = true;
                }
            }
        }
    }
}

/* Whether round-trip times are shown: like iputils, only when the data
   could hold a timestamp (16 bytes or more). */
static bool timing(const ping *p)
{
    return p->datalen >= 16;
}

static void got_reply(ping *p, size_t icmp_len, uint16_t seq, zc_bytes from, int hops,
                      zc_bytes opts)
{
    double rtt = now_ms() - ts_ms(&p->sent_at[seq]);
    bool dup = ((unsigned)p->seen[seq / 8] >> (seq % 8u)) & 1u;

    if (dup) {
        p->dups++;
    } else {
        p->seen[seq / 8] |= (uint8_t)(1u << (seq % 8));
        p->received++;
        p->tsum += rtt;
        p->tsum2 += rtt * rtt;
        if (p->received == 1 || rtt < p->tmin)
            p->tmin = rtt;
        if (rtt > p->tmax)
            p->tmax = rtt;
    }
    if (p->quiet)
        return;
    printf("%zu bytes from %s: icmp_seq=%u", icmp_len, zc_ip_text(from).str, seq);
    if (hops >= 0)
        printf(" ttl=%d", hops);
    if (timing(p))
        printf(" time=%.*f ms", rtt >= 100 ? 0 : rtt >= 10 ? 1 : rtt >= 1 ? 2 : 3, rtt);
    printf("%s", dup ? " (DUP!)" : "");
    if (opts.len)
        print_options(p, opts);
    printf("\n");
}

/* The text iputils prints for an ICMP error (ping4_common.c). */
static const char *icmp4_error_text(icmp_type type, uint8_t code)
{
    if (type == ICMP_TYPE_DEST_UNREACHABLE) {
        switch (code) {
        case ICMP_UNREACH_CODE_NET: return "Destination Net Unreachable";
        case ICMP_UNREACH_CODE_HOST: return "Destination Host Unreachable";
        case ICMP_UNREACH_CODE_PROTOCOL: return "Destination Protocol Unreachable";
        case ICMP_UNREACH_CODE_PORT: return "Destination Port Unreachable";
        case ICMP_UNREACH_CODE_FRAG_NEEDED: return "Frag needed";
        case ICMP_UNREACH_CODE_SOURCE_ROUTE_FAILED: return "Source Route Failed";
        case ICMP_UNREACH_CODE_NET_UNKNOWN: return "Destination Net Unknown";
        case ICMP_UNREACH_CODE_HOST_UNKNOWN: return "Destination Host Unknown";
        case ICMP_UNREACH_CODE_HOST_ISOLATED: return "Source Host Isolated";
        case ICMP_UNREACH_CODE_NET_PROHIBITED: return "Destination Net Prohibited";
        case ICMP_UNREACH_CODE_HOST_PROHIBITED: return "Destination Host Prohibited";
        case ICMP_UNREACH_CODE_NET_TOS: return "Destination Net Unreachable for Type of Service";
        case ICMP_UNREACH_CODE_HOST_TOS: return "Destination Host Unreachable for Type of Service";
        case ICMP_UNREACH_CODE_ADMIN_PROHIBITED: return "Packet filtered";
        case ICMP_UNREACH_CODE_PRECEDENCE_VIOLATION: return "Precedence Violation";
        case ICMP_UNREACH_CODE_PRECEDENCE_CUTOFF: return "Precedence Cutoff";
        default: return "Dest Unreachable, Bad Code";
        }
    }
    if (type == ICMP_TYPE_TIME_EXCEEDED) {
        switch (code) {
        case ICMP_TIME_EXCEEDED_CODE_TTL: return "Time to live exceeded";
        case ICMP_TIME_EXCEEDED_CODE_REASSEMBLY: return "Frag reassembly time exceeded";
        default: return "Time exceeded, Bad Code";
        }
    }
    if (type == ICMP_TYPE_SOURCE_QUENCH)
        return "Source Quench";
    if (type == ICMP_TYPE_PARAMETER_PROBLEM)
        return "Parameter problem";
    return "Bad ICMP type";
}

/* The text iputils prints for an ICMPv6 error (ping6_common.c). */
static const char *icmp6_error_text(icmp6_type type, uint8_t code)
{
    if (type == ICMP6_TYPE_DEST_UNREACHABLE) {
        switch (code) {
        case ICMP6_UNREACH_CODE_NO_ROUTE: return "Destination unreachable: No route";
        case ICMP6_UNREACH_CODE_ADMIN_PROHIBITED: return "Destination unreachable: Administratively prohibited";
        case ICMP6_UNREACH_CODE_BEYOND_SCOPE: return "Destination unreachable: Beyond scope of source address";
        case ICMP6_UNREACH_CODE_ADDRESS: return "Destination unreachable: Address unreachable";
        case ICMP6_UNREACH_CODE_PORT: return "Destination unreachable: Port unreachable";
        case ICMP6_UNREACH_CODE_POLICY: return "Destination unreachable: Source address failed ingress/egress policy";
        case ICMP6_UNREACH_CODE_REJECT_ROUTE: return "Destination unreachable: Reject route to destination";
        default: return "Destination unreachable: Unknown code";
        }
    }
    if (type == ICMP6_TYPE_PACKET_TOO_BIG)
        return "Packet too big";
    if (type == ICMP6_TYPE_TIME_EXCEEDED) {
        switch (code) {
        case ICMP6_TIME_EXCEEDED_CODE_HOP_LIMIT: return "Time exceeded: Hop limit";
        case ICMP6_TIME_EXCEEDED_CODE_REASSEMBLY: return "Time exceeded: Defragmentation failure";
        default: return "Time exceeded: Unknown code";
        }
    }
    if (type == ICMP6_TYPE_PARAMETER_PROBLEM)
        return "Parameter problem";
    return "Unknown error";
}

static void got_error(ping *p, uint16_t seq, zc_bytes from, const char *text)
{
    p->errors++;
    if (p->quiet)
        return;
    printf("From %s icmp_seq=%u %s\n", zc_ip_text(from).str, seq, text);
}

/* An ICMPv4 message (after the IP header on a raw socket, alone on a
   datagram socket) from `from`. */
static void handle_icmp4(ping *p, zc_bytes msg, zc_bytes from, int ttl, zc_bytes opts)
{
    icmpv4_view m;
    icmpv4_echo_view echo;
    icmpv4_error_view err;

    if (zc_failed(icmpv4_parse(&m, msg.ptr, msg.len)))
        return;
    if (icmpv4_type(m) == ICMP_TYPE_ECHO_REPLY) {
        if (zc_failed(icmpv4_echo_parse(&echo, msg.ptr, msg.len)))
            return;
        if (p->raw && (!zc_be16_is(icmpv4_echo_identifier(echo), p->ident) || !icmpv4_echo_checksum_ok(echo)))
            return;
        got_reply(p, msg.len, zc_be16toh(icmpv4_echo_sequence(echo)), from, ttl, opts);
        return;
    }
    if (!p->raw || zc_failed(icmpv4_error_parse(&err, msg.ptr, msg.len)))
        return;
    {
        /* the quoted datagram: our request to the target? */
        ipv4_head_view orig = icmpv4_error_original(err);
        zc_bytes quoted = ipv4_head_payload(orig);
        icmpv4_echo_view req;
        if (ipv4_head_protocol(orig) != IP_PROTO_ICMP ||
            !zc_in_addr_is(ipv4_addr_octets(ipv4_head_dst(orig)), p->target.sin.sin_addr) ||
            zc_failed(icmpv4_echo_parse(&req, quoted.ptr, quoted.len)) ||
            icmpv4_echo_type(req) != ICMP_TYPE_ECHO_REQUEST ||
            !zc_be16_is(icmpv4_echo_identifier(req), p->ident))
            return;
        got_error(p, zc_be16toh(icmpv4_echo_sequence(req)), from,
                  icmp4_error_text(icmpv4_error_type(err), icmpv4_error_code(err)));
    }
}

static void handle_icmp6(ping *p, zc_bytes msg, zc_bytes from, int hops)
{
    icmpv6_view m;
    icmpv6_echo_view echo;
    icmpv6_error_view err;
    zc_bytes none = zc_bytes_make(NULL, 0);

    if (zc_failed(icmpv6_parse(&m, msg.ptr, msg.len)))
        return;
    if (icmpv6_type(m) == ICMP6_TYPE_ECHO_REPLY) {
        if (zc_failed(icmpv6_echo_parse(&echo, msg.ptr, msg.len)))
            return;
        if (p->raw && !zc_be16_is(icmpv6_echo_identifier(echo), p->ident))
            return;
        got_reply(p, msg.len, zc_be16toh(icmpv6_echo_sequence(echo)), from, hops, none);
        return;
    }
    if (!p->raw || zc_failed(icmpv6_error_parse(&err, msg.ptr, msg.len)))
        return;
    {
        ipv6_head_view orig = icmpv6_error_original(err);
        zc_bytes quoted = ipv6_head_payload(orig);
        icmpv6_echo_view req;
        if (ipv6_head_next_header(orig) != IP_PROTO_ICMPV6 ||
            !zc_in6_addr_is(ipv6_addr_octets(ipv6_head_dst(orig)), &p->target.sin6.sin6_addr) ||
            zc_failed(icmpv6_echo_parse(&req, quoted.ptr, quoted.len)) ||
            icmpv6_echo_type(req) != ICMP6_TYPE_ECHO_REQUEST ||
            !zc_be16_is(icmpv6_echo_identifier(req), p->ident))
            return;
        got_error(p, zc_be16toh(icmpv6_echo_sequence(req)), from,
                  icmp6_error_text(icmpv6_error_type(err), icmpv6_error_code(err)));
    }
}

/* Reads one datagram (or a batch) from the socket. */
static void receive(ping *p)
{
    static uint8_t buf[4][MAX_PACKET];
    zc_dgram d[4];
    struct mmsghdr mm[4];
    int i, n;

    memset(d, 0, sizeof d);
    for (i = 0; i < 4; i++) {
        d[i].buf = buf[i];
        d[i].cap = sizeof buf[i];
    }
    n = zc_dgram_recv(p->fd, d, mm, 4, MSG_DONTWAIT);
    for (i = 0; i < n; i++) {
        zc_bytes from = zc_sockaddr_bytes(&d[i].peer);
        zc_bytes data = zc_bytes_make(d[i].buf, d[i].len);
        zc_bytes opts = zc_bytes_make(d[i].ip_options, d[i].ip_options_len);
        int hops = (d[i].flags & ZC_DGRAM_HOPS) ? d[i].hops : -1;
        if (p->family == AF_INET && p->raw) {
            /* a raw IPv4 socket gives the IP header: TTL and options from it */
            ipv4_view ip;
            if (zc_failed(ipv4_parse(&ip, data.ptr, data.len)) || ipv4_protocol(ip) != IP_PROTO_ICMP)
                continue;
            handle_icmp4(p, ipv4_payload(ip), ipv4_addr_octets(ipv4_src(ip)), ipv4_ttl(ip), opts);
        } else if (p->family == AF_INET) {
            handle_icmp4(p, data, from, hops, opts);
        } else {
            handle_icmp6(p, data, from, hops);
        }
    }
}

/*
 * The error queue of a datagram socket (IP_RECVERR / IPV6_RECVERR): the
 * kernel's sock_extended_err names the ICMP type and code and who sent it;
 * the data is our request, which the error quoted.
 */
static void receive_errors(ping *p)
{
    uint8_t data[MAX_PACKET];
    union {
        struct cmsghdr align;
        unsigned char buf[512];
    } ctl;
    struct iovec iov;
    struct msghdr h;
    struct cmsghdr *c;
    zc_sockaddr name;

    for (;;) {
        ssize_t r;
        struct sock_extended_err ee;
        zc_sockaddr offender;
        bool have = false;
        memset(&h, 0, sizeof h);
        iov.iov_base = data;
        iov.iov_len = sizeof data;
        h.msg_name = &name;
        h.msg_namelen = sizeof name;
        h.msg_iov = &iov;
        h.msg_iovlen = 1;
        h.msg_control = ctl.buf;
        h.msg_controllen = sizeof ctl.buf;
        r = recvmsg(p->fd, &h, MSG_ERRQUEUE | MSG_DONTWAIT);
        if (r < 0)
            return;
        memset(&offender, 0, sizeof offender);
        for (c = CMSG_FIRSTHDR(&h); c; c = CMSG_NXTHDR(&h, c)) {
            if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR) ||
                (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR)) {
                size_t len = c->cmsg_len - CMSG_LEN(0);
                if (len < sizeof ee)
                    continue;
                memcpy(&ee, CMSG_DATA(c), sizeof ee);
                if (len > sizeof ee)
                    memcpy(&offender, CMSG_DATA(c) + sizeof ee,
                           len - sizeof ee < sizeof offender ? len - sizeof ee : sizeof offender);
                have = true;
            }
        }
        if (!have)
            continue;
        {
            zc_bytes req = zc_bytes_make(data, (size_t)r);
            uint16_t seq;
            const char *text;
            if (ee.ee_origin == SO_EE_ORIGIN_LOCAL) {
                p->errors++;
                if (!p->quiet)
                    printf("From %s icmp_seq=%ld %s\n", "local", p->sent, strerror((int)ee.ee_errno));
                continue;
            }
            if (p->family == AF_INET) {
                icmpv4_echo_view e;
                if (ee.ee_origin != SO_EE_ORIGIN_ICMP || zc_failed(icmpv4_echo_parse(&e, req.ptr, req.len)))
                    continue;
                seq = zc_be16toh(icmpv4_echo_sequence(e));
                text = icmp4_error_text(ee.ee_type, ee.ee_code);
            } else {
                icmpv6_echo_view e;
                if (ee.ee_origin != SO_EE_ORIGIN_ICMP6 || zc_failed(icmpv6_echo_parse(&e, req.ptr, req.len)))
                    continue;
                seq = zc_be16toh(icmpv6_echo_sequence(e));
                text = icmp6_error_text(ee.ee_type, ee.ee_code);
            }
            got_error(p, seq, zc_sockaddr_bytes(&offender), text);
        }
    }
}

/* ---- setting up ------------------------------------------------------------ */

static int open_socket(ping *p, int mode)
{
    int proto = p->family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
    int one = 1;

    p->fd = -1;
    if (mode != 'r') {
        p->fd = socket(p->family, SOCK_DGRAM, proto);
        p->raw = false;
        if (p->fd < 0 && (mode == 'd' || (errno != EACCES && errno != EPERM && errno != EPROTONOSUPPORT))) {
            fprintf(stderr, "zcping: socket: %s\n", strerror(errno));
            return -1;
        }
    }
    if (p->fd < 0) {
        p->fd = socket(p->family, SOCK_RAW, proto);
        p->raw = true;
        if (p->fd < 0) {
            fprintf(stderr, "zcping: socket: %s\n", strerror(errno));
            return -1;
        }
    }
    /* errors: on a raw socket as ICMP messages; on a datagram socket from
       the error queue (a raw socket with IP_RECVERR would get both) */
    if (p->family == AF_INET) {
        if (!p->raw && setsockopt(p->fd, IPPROTO_IP, IP_RECVERR, &one, sizeof one) < 0)
            return -1;
        if (p->ttl && setsockopt(p->fd, IPPROTO_IP, IP_TTL, &p->ttl, sizeof p->ttl) < 0)
            return -1;
    } else {
        if (!p->raw && setsockopt(p->fd, IPPROTO_IPV6, IPV6_RECVERR, &one, sizeof one) < 0)
            return -1;
        if (p->ttl && setsockopt(p->fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &p->ttl, sizeof p->ttl) < 0)
            return -1;
    }
    if (zc_dgram_enable(p->fd, ZC_DGRAM_HOPS | (p->family == AF_INET ? ZC_DGRAM_IPOPTS : 0)) < 0) {
        fprintf(stderr, "zcping: socket options: %s\n", strerror(errno));
        return -1;
    }
    if (p->record_route) {
        /* RFC 791 record route, room for 9 addresses, built with the
           ipv4_option builder; the 40th byte stays 0 (EOOL) */
        uint8_t opt[ZC_DGRAM_IPOPTS_MAX];
        const uint8_t zero[4] = { 0, 0, 0, 0 };
        ipv4_option_builder b;
        ipv4_route_builder r;
        ipv4_option_mview m;
        ipv4_addr_view none;
        zc_status st;
        int i;
        memset(opt, 0, sizeof opt);
        ipv4_addr_parse(&none, zero, sizeof zero);
        ipv4_option_build(&b, opt, sizeof opt - 1);
        ipv4_option_put_type(&b, IPV4_OPT_TYPE_RR);
        ipv4_option_begin_route(&b, &r);
        ipv4_route_put_pointer(&r, 4);
        for (i = 0; i < 9; i++)
            ipv4_route_put_addresses(&r, none);
        ipv4_option_end_route(&b, &r);
        st = ipv4_option_build_end(&b, &m);
        if (zc_failed(st)) {
            fprintf(stderr, "zcping: record route option: %s\n", zc_status_text(st).str);
            return -1;
        }
        if (setsockopt(p->fd, IPPROTO_IP, IP_OPTIONS, opt, sizeof opt) < 0) {
            fprintf(stderr, "zcping: record route: %s\n", strerror(errno));
            return -1;
        }
    }
    return 0;
}

static int resolve(ping *p, const char *host, int family)
{
    struct addrinfo hints, *res;
    int e;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = SOCK_RAW;
    e = getaddrinfo(host, NULL, &hints, &res);
    if (e) {
        fprintf(stderr, "zcping: %s: %s\n", host, gai_strerror(e));
        return -1;
    }
    memset(&p->target, 0, sizeof p->target);
    memcpy(&p->target, res->ai_addr, res->ai_addrlen < sizeof p->target ? res->ai_addrlen : sizeof p->target);
    p->family = res->ai_family;
    freeaddrinfo(res);
    return 0;
}

static void statistics(ping *p)
{
    struct timespec end;
    double elapsed;

    clock_gettime(CLOCK_MONOTONIC, &end);
    elapsed = ts_ms(&end) - ts_ms(&p->start);
    printf("\n--- %s ping statistics ---\n", p->host);
    printf("%ld packets transmitted, %ld received", p->sent, p->received);
    if (p->dups)
        printf(", +%ld duplicates", p->dups);
    if (p->errors)
        printf(", +%ld errors", p->errors);
    if (p->sent)
        printf(", %g%% packet loss", (double)((p->sent - p->received) * 100) / (double)p->sent);
    printf(", time %.0fms\n", elapsed);
    if (p->received && timing(p)) {
        double avg = p->tsum / (double)p->received;
        double var = p->tsum2 / (double)p->received - avg * avg;
        printf("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n", p->tmin, avg, p->tmax,
               sqrt(var > 0 ? var : 0));
    } else {
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    static ping p;
    int family = AF_UNSPEC, mode = 0, c;
    double next_send, stop_at;
    static const struct option longopts[] = {
        { "raw", no_argument, NULL, 'r' },
        { "dgram", no_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };

    p.interval = 1;
    p.wait = 10;
    p.datalen = 56;
    while ((c = getopt_long(argc, argv, "46c:i:W:w:s:t:Rqnh", longopts, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case '4': family = AF_INET; break;
        case '6': family = AF_INET6; break;
        case 'c': p.count = strtol(optarg, &end, 10); if (*end || p.count <= 0) goto bad; break;
        case 'i': p.interval = strtod(optarg, &end); if (*end || p.interval < 0.002) goto bad; break;
        case 'W': p.wait = strtod(optarg, &end); if (*end || p.wait < 0) goto bad; break;
        case 'w': p.deadline = strtod(optarg, &end); if (*end || p.deadline < 0) goto bad; break;
        case 's': {
            long s = strtol(optarg, &end, 10);
            if (*end || s < 0 || s > MAX_DATA) goto bad;
            p.datalen = (size_t)s;
            break;
        }
        case 't': p.ttl = (int)strtol(optarg, &end, 10); if (*end || p.ttl < 1 || p.ttl > 255) goto bad; break;
        case 'R': p.record_route = true; break;
        case 'q': p.quiet = true; break;
        case 'n': break;   /* always numeric */
        case 'r': case 'd': mode = c; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
        continue;
bad:
        fprintf(stderr, "zcping: invalid argument to -%c: '%s'\n", c, optarg);
        return 2;
    }
    if (optind != argc - 1) {
        usage(stderr);
        return 2;
    }
    snprintf(p.host, sizeof p.host, "%s", argv[optind]);
    if (resolve(&p, p.host, family) < 0)
        return 2;
    if (p.record_route && p.family != AF_INET) {
        fprintf(stderr, "zcping: -R is IPv4 only\n");
        return 2;
    }
    p.ident = (uint16_t)(getpid() & 0xffff);
    if (open_socket(&p, mode) < 0)
        return 2;

    signal(SIGINT, on_signal);
    if (p.family == AF_INET)
        printf("PING %s (%s) %zu(%zu) bytes of data.\n", p.host, zc_sockaddr_text(&p.target, false).str,
               p.datalen, p.datalen + 28 + (p.record_route ? 40 : 0));
    else
        printf("PING %s(%s) %zu data bytes\n", p.host, zc_sockaddr_text(&p.target, false).str, p.datalen);
    fflush(stdout);

    clock_gettime(CLOCK_MONOTONIC, &p.start);
    next_send = now_ms();
    stop_at = p.deadline > 0 ? next_send + p.deadline * 1e3 : 0;
    while (!interrupted) {
        double t = now_ms(), until;
        struct pollfd pf;
        if (stop_at && t >= stop_at)
            break;
        if (p.count && p.received + p.errors >= p.count)
            break;
        if ((!p.count || p.sent < p.count) && t >= next_send) {
            if (send_request(&p) < 0)
                return 2;
            next_send += p.interval * 1e3;
            fflush(stdout);
            continue;
        }
        if (p.count && p.sent >= p.count) {
            /* all sent: wait for the last reply, -W (or to the deadline) */
            until = stop_at ? stop_at : ts_ms(&p.sent_at[p.sent & 0xffff]) + p.wait * 1e3;
            if (t >= until)
                break;
        } else {
            until = next_send;
            if (stop_at && stop_at < until)
                until = stop_at;
        }
        pf.fd = p.fd;
        pf.events = POLLIN;
        pf.revents = 0;
        if (poll(&pf, 1, (int)ceil(until - t)) > 0) {
            if (pf.revents & POLLERR)
                receive_errors(&p);
            if (pf.revents & POLLIN)
                receive(&p);
            fflush(stdout);
        }
    }
    statistics(&p);
    close(p.fd);
    if (p.received == 0)
        return 1;
    return p.deadline > 0 && p.count && p.received < p.count ? 1 : 0;
}
