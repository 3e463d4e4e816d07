/*
 * zcnc - a netcat that understands what it carries.
 *
 * TCP and UDP, IPv4 and IPv6, connect and listen, several connections in
 * one poll() loop, hub and echo modes, random data; --decode prints each
 * message through a generated NAME_visit(), --frame cuts a TCP stream into
 * frames with zerocast_io.h's reader, and UDP datagrams come with their
 * metadata (-v) and are answered from the address they were sent to.
 * docs/zcnc.md and docs/man/zcnc.1 describe it.
 */
#define _GNU_SOURCE /* recvmmsg, sendmmsg, accept4, struct in6_pktinfo */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "zcnc.h"
#include "zerocast_io.h"

#define MAX_PEERS 64
#define MAX_SOCKS 2   /* listening sockets: one per family */
#define BATCH 16      /* datagrams per zc_dgram_recv()     */
#define DGRAM_MAX 65536

/* ---- options ---------------------------------------------------------------- */

static struct {
    int family;           /* -4 / -6, else AF_UNSPEC               */
    bool listen, udp, keep, no_stdin, hub, echo, json, broadcast;
    int verbose;
    const char *src, *sport, *host, *port, *join;
    int ttl;              /* -T, -1: the system's                 */
    int wait;             /* -w seconds: connect and idle, -1 none */
    int quit;             /* -q seconds after stdin's EOF, -1 none */
    size_t rmin, rmax;    /* --random MIN-MAX                     */
    long count;           /* --count                              */
    bool random;
    size_t max_frame;
    const zcnc_decoder *dec;
    const zcnc_framer *framer;
} opt = {.family = AF_UNSPEC, .ttl = -1, .wait = -1, .quit = -2, .count = 1};

static const char *prog = "zcnc";

static void vsay(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static void vsay(const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
    exit(1);
}

static void usage(FILE *out, int status) __attribute__((noreturn));
static void usage(FILE *out, int status)
{
    fprintf(out,
            "usage: zcnc [options] HOST PORT            connect\n"
            "       zcnc -l [options] [ADDRESS] PORT    listen\n"
            "  -4 / -6            IPv4 / IPv6 only\n"
            "  -u                 UDP (default TCP)\n"
            "  -l                 listen; -k: keep listening, several peers at once\n"
            "  -s ADDR, -p PORT   source address and port (listen: where to listen)\n"
            "  -T, --ttl N        IPv4 TTL / IPv6 hop limit (unicast and multicast)\n"
            "  -b, --broadcast    allow sending to a broadcast address\n"
            "  --join GROUP       join a multicast group (UDP listen)\n"
            "  -d                 do not read stdin\n"
            "  -w SECS            connect timeout, and exit after SECS idle\n"
            "  -q SECS            exit SECS after EOF on stdin (UDP default 1)\n"
            "  -v                 say more on stderr; UDP: each datagram's metadata\n"
            "  --hub              what one peer sends goes to every other peer and stdout\n"
            "  --echo             send each peer what it sent\n"
            "  --random MIN-MAX   send random messages of MIN to MAX bytes instead of stdin\n"
            "  --count N          how many (--random; default 1)\n"
            "  --decode S.STRUCT  print each message decoded (e.g. dns.dns_message)\n"
            "  --frame NAME       cut TCP streams into frames (e.g. dns_tcp)\n"
            "  --json             --decode prints JSON, one object a line\n"
            "  --max-frame N      disconnect a peer that sends a larger frame\n"
            "  --list             list what --decode and --frame know\n");
    exit(status);
}

static long number(const char *s, long lo, long hi, const char *what)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        die("bad %s: %s (%ld..%ld)", what, s, lo, hi);
    return v;
}

enum { O_HUB = 256, O_ECHO, O_RANDOM, O_COUNT, O_DECODE, O_FRAME, O_JSON, O_MAXF, O_JOIN, O_LIST };

static void parse_options(int argc, char **argv)
{
    static const struct option lopts[] = {
        {"hub", no_argument, NULL, O_HUB},         {"echo", no_argument, NULL, O_ECHO},
        {"random", required_argument, NULL, O_RANDOM}, {"count", required_argument, NULL, O_COUNT},
        {"decode", required_argument, NULL, O_DECODE}, {"frame", required_argument, NULL, O_FRAME},
        {"json", no_argument, NULL, O_JSON},       {"max-frame", required_argument, NULL, O_MAXF},
        {"join", required_argument, NULL, O_JOIN}, {"list", no_argument, NULL, O_LIST},
        {"ttl", required_argument, NULL, 'T'},     {"broadcast", no_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    int c;
    const char *decode = NULL;
    while ((c = getopt_long(argc, argv, "46bdhklp:q:s:T:uvw:", lopts, NULL)) != -1) {
        switch (c) {
        case '4': opt.family = AF_INET; break;
        case '6': opt.family = AF_INET6; break;
        case 'b': opt.broadcast = true; break;
        case 'd': opt.no_stdin = true; break;
        case 'h': usage(stdout, 0);
        case 'k': opt.keep = true; break;
        case 'l': opt.listen = true; break;
        case 'p': opt.sport = optarg; break;
        case 'q': opt.quit = (int)number(optarg, -1, 86400, "-q"); break;
        case 's': opt.src = optarg; break;
        case 'T': opt.ttl = (int)number(optarg, 0, 255, "TTL"); break;
        case 'u': opt.udp = true; break;
        case 'v': opt.verbose++; break;
        case 'w': opt.wait = (int)number(optarg, 1, 86400, "-w"); break;
        case O_HUB: opt.hub = true; break;
        case O_ECHO: opt.echo = true; break;
        case O_RANDOM: {
            char *dash = strchr(optarg, '-');
            if (dash) {
                *dash = '\0';
                opt.rmin = (size_t)number(optarg, 0, DGRAM_MAX, "--random MIN");
                opt.rmax = (size_t)number(dash + 1, 0, DGRAM_MAX, "--random MAX");
            } else {
                opt.rmin = opt.rmax = (size_t)number(optarg, 0, DGRAM_MAX, "--random");
            }
            if (opt.rmin > opt.rmax)
                die("--random: MIN is larger than MAX");
            opt.random = true;
            break;
        }
        case O_COUNT: opt.count = number(optarg, 0, 1L << 30, "--count"); break;
        case O_DECODE: decode = optarg; break;
        case O_FRAME:
            if (!(opt.framer = zcnc_find_framer(optarg))) {
                zcnc_list(stderr);
                die("--frame %s: unknown", optarg);
            }
            break;
        case O_JSON: opt.json = true; break;
        case O_MAXF: opt.max_frame = (size_t)number(optarg, 1, 1L << 24, "--max-frame"); break;
        case O_JOIN: opt.join = optarg; break;
        case O_LIST: zcnc_list(stdout); exit(0);
        default: usage(stderr, 2);
        }
    }
    if (decode && !(opt.dec = zcnc_find_decoder(decode))) {
        zcnc_list(stderr);
        die("--decode %s: unknown (SCHEMA.STRUCT)", decode);
    }
    if (!opt.dec && opt.framer && (opt.json || decode))
        opt.dec = zcnc_find_decoder(opt.framer->default_decode);
    if (opt.json && !opt.dec)
        die("--json goes with --decode");
    if (opt.framer && opt.udp)
        die("--frame is for TCP streams: each UDP datagram is one message");
    if (opt.hub && opt.echo)
        die("--hub and --echo exclude each other");
    if (opt.max_frame && !opt.framer)
        die("--max-frame goes with --frame");
    if (opt.framer && (!opt.max_frame || opt.max_frame > opt.framer->max_frame))
        opt.max_frame = opt.max_frame ? opt.max_frame : opt.framer->max_frame;
    int left = argc - optind;
    if (opt.listen) {
        if (left == 2) {
            opt.host = argv[optind];
            opt.port = argv[optind + 1];
        } else if (left == 1) {
            opt.host = opt.src;
            opt.port = argv[optind];
        } else if (left == 0 && opt.sport) {
            opt.host = opt.src;
            opt.port = opt.sport;
        } else {
            usage(stderr, 2);
        }
    } else {
        if (left != 2)
            usage(stderr, 2);
        opt.host = argv[optind];
        opt.port = argv[optind + 1];
    }
    if (opt.quit == -2)
        opt.quit = opt.udp && !opt.listen ? 1 : -1;
}

/* ---- addresses ------------------------------------------------------------------ */

static void addr_name(const zc_sockaddr *a, char *out, size_t n)
{
    char host[INET6_ADDRSTRLEN] = "?";
    if (a->sa.sa_family == AF_INET) {
        inet_ntop(AF_INET, &a->sin.sin_addr, host, sizeof host);
        snprintf(out, n, "%s:%u", host, ntohs(a->sin.sin_port));
    } else if (a->sa.sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &a->sin6.sin6_addr, host, sizeof host);
        snprintf(out, n, "[%s]:%u", host, ntohs(a->sin6.sin6_port));
    } else {
        snprintf(out, n, "?");
    }
}

static struct addrinfo *resolve(const char *host, const char *port, bool passive)
{
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = opt.family;
    hints.ai_socktype = opt.udp ? SOCK_DGRAM : SOCK_STREAM;
    hints.ai_flags = passive ? AI_PASSIVE : 0;
    int e = getaddrinfo(host, port, &hints, &res);
    if (e)
        die("%s port %s: %s", host ? host : "*", port ? port : "0", gai_strerror(e));
    return res;
}

static void set_int(int fd, int level, int name, int v, const char *what)
{
    if (setsockopt(fd, level, name, &v, sizeof v) < 0)
        die("%s: %s", what, strerror(errno));
}

/* The options every socket gets: TTL, broadcast, non-blocking. */
static void prepare(int fd, int family)
{
    set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
    if (family == AF_INET6)
        set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
    if (opt.ttl >= 0) {
        if (family == AF_INET) {
            set_int(fd, IPPROTO_IP, IP_TTL, opt.ttl, "IP_TTL");
            if (opt.udp)
                set_int(fd, IPPROTO_IP, IP_MULTICAST_TTL, opt.ttl, "IP_MULTICAST_TTL");
        } else {
            set_int(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, opt.ttl, "IPV6_UNICAST_HOPS");
            if (opt.udp)
                set_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, opt.ttl, "IPV6_MULTICAST_HOPS");
        }
    }
    if (opt.broadcast)
        set_int(fd, SOL_SOCKET, SO_BROADCAST, 1, "SO_BROADCAST");
}

static void nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
        die("fcntl: %s", strerror(errno));
}

static void join_group(int fd, int family)
{
    if (!opt.join)
        return;
    if (family == AF_INET) {
        struct ip_mreqn m;
        memset(&m, 0, sizeof m);
        if (inet_pton(AF_INET, opt.join, &m.imr_multiaddr) != 1)
            return; /* the other family's socket */
        if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m) < 0)
            die("--join %s: %s", opt.join, strerror(errno));
    } else {
        struct ipv6_mreq m;
        memset(&m, 0, sizeof m);
        if (inet_pton(AF_INET6, opt.join, &m.ipv6mr_multiaddr) != 1)
            return;
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m, sizeof m) < 0)
            die("--join %s: %s", opt.join, strerror(errno));
    }
    if (opt.verbose)
        say("joined %s", opt.join);
}

/* ---- peers ------------------------------------------------------------------------ */

typedef struct {
    bool used;
    bool tcp;
    int fd;                 /* TCP: its own; UDP: the socket it came in on */
    bool udp_connected;     /* UDP client: fd is connect()ed to it         */
    char name[64];
    zc_dgram q;             /* UDP: the last datagram, for the reply's source */
    /* TCP */
    bool rd_eof, wr_shut;
    zc_reader rd;
    uint8_t *rbuf;
    zc_writer wr;
    uint8_t *wbuf;
} peer;

static peer peers[MAX_PEERS];
static size_t read_max;    /* bytes one read may bring: the largest frame or 64 KiB */
static size_t wbuf_cap;    /* each TCP peer's send buffer                           */
static int lsocks[MAX_SOCKS], nlsocks; /* listening TCP sockets              */
static int dsocks[MAX_SOCKS], ndsocks; /* UDP sockets                        */
static bool accepted_one;  /* listen without -k: the one peer came           */
static volatile sig_atomic_t stop;
static int exit_status;

static void on_signal(int sig)
{
    stop = sig;
}

static int npeers(void)
{
    int n = 0;
    for (int i = 0; i < MAX_PEERS; i++)
        n += peers[i].used;
    return n;
}

static peer *new_peer(void)
{
    for (int i = 0; i < MAX_PEERS; i++)
        if (!peers[i].used) {
            memset(&peers[i], 0, sizeof peers[i]);
            peers[i].used = true;
            peers[i].fd = -1;
            return &peers[i];
        }
    return NULL;
}

static peer *add_tcp(int fd, const zc_sockaddr *a)
{
    peer *p = new_peer();
    if (!p) {
        say("too many peers: closing the new one");
        close(fd);
        return NULL;
    }
    p->tcp = true;
    p->fd = fd;
    addr_name(a, p->name, sizeof p->name);
    p->rbuf = malloc(read_max);
    p->wbuf = malloc(wbuf_cap);
    if (!p->rbuf || !p->wbuf)
        die("out of memory");
    if (opt.framer)
        zc_reader_init(&p->rd, p->rbuf, read_max, opt.max_frame, opt.framer->frame, NULL);
    zc_writer_init(&p->wr, p->wbuf, wbuf_cap);
    nonblock(fd);
    if (opt.verbose)
        say("connection %s %s", opt.listen ? "from" : "to", p->name);
    return p;
}

static void drop(peer *p, const char *why)
{
    if (opt.verbose || why)
        say("%s: %s", p->name, why ? why : "closed");
    if (p->tcp) {
        close(p->fd);
        free(p->rbuf);
        free(p->wbuf);
    }
    p->used = false;
}

static size_t wfree(const peer *p)
{
    return p->wr.cap - zc_writer_pending(&p->wr);
}

/* Whether every TCP peer can take another read's worth of bytes. */
static bool room_everywhere(void)
{
    for (int i = 0; i < MAX_PEERS; i++)
        if (peers[i].used && peers[i].tcp && wfree(&peers[i]) < read_max)
            return false;
    return true;
}

/* Sends what is queued. A peer that is gone is only marked: tidy() closes
   it, so that a caller still walking its reader's frames keeps its buffer. */
static void flush_peer(peer *p)
{
    if (zc_writer_pending(&p->wr) && zc_writer_flush(&p->wr, p->fd) < 0 && errno != EAGAIN) {
        say("%s: send: %s", p->name, strerror(errno));
        p->rd_eof = true;
        p->wr_shut = true;
        zc_writer_init(&p->wr, p->wbuf, wbuf_cap); /* nothing more goes there */
    }
}

static void send_to(peer *p, const uint8_t *buf, size_t n)
{
    if (!p->used)
        return;
    if (p->tcp) {
        if (p->wr_shut)
            return;
        if (zc_writer_put(&p->wr, buf, n) < 0) {
            say("%s: send buffer full, %zu bytes dropped", p->name, n);
            return;
        }
        flush_peer(p);
        return;
    }
    ssize_t r;
    if (p->udp_connected) {
        r = send(p->fd, buf, n, 0);
    } else {
        zc_dgram d;
        struct mmsghdr mm;
        zc_dgram_reply_init(&d, &p->q, (void *)buf, n);
        r = zc_dgram_send(p->fd, &d, &mm, 1, 0);
    }
    if (r < 0)
        say("%s: send: %s", p->name, strerror(errno));
}

/* ---- what arrives ------------------------------------------------------------------ */

static const char *meta_text(const zc_dgram *d, char *out, size_t n)
{
    size_t pos = 0;
    out[0] = '\0';
    if (d->flags & ZC_DGRAM_LOCAL) {
        char host[INET6_ADDRSTRLEN] = "?";
        if (d->local.sa.sa_family == AF_INET)
            inet_ntop(AF_INET, &d->local.sin.sin_addr, host, sizeof host);
        else
            inet_ntop(AF_INET6, &d->local.sin6.sin6_addr, host, sizeof host);
        pos += (size_t)snprintf(out + pos, n - pos, "to=%s if=%u ", host, d->ifindex);
    }
    if ((d->flags & ZC_DGRAM_HOPS) && pos < n)
        pos += (size_t)snprintf(out + pos, n - pos, "%s=%d ",
                                d->peer.sa.sa_family == AF_INET6 ? "hoplimit" : "ttl", d->hops);
    if (pos < n)
        pos += (size_t)snprintf(out + pos, n - pos, "len=%zu", d->wire_len);
    if ((d->flags & ZC_DGRAM_TRUNC) && pos < n)
        pos += (size_t)snprintf(out + pos, n - pos, " truncated");
    if ((d->flags & ZC_DGRAM_TIME) && pos < n) /* the kernel's receive time (SO_TIMESTAMPNS) */
        snprintf(out + pos, n - pos, " time=%lld.%09ld", (long long)d->time.tv_sec, (long)d->time.tv_nsec);
    return out;
}

/*
 * One message from src (NULL: stdin or --random): printed (decoded, or
 * raw bytes to stdout) and passed on: stdin to every peer, a peer's to
 * every other (--hub) or back to it (--echo).
 */
static void deliver(peer *src, const uint8_t *p, size_t n, const char *meta)
{
    if (opt.dec) {
        zcnc_msg m;
        zc_bytes body = opt.framer ? opt.framer->payload(p, n) : zc_bytes_make(p, n);
        const char *to = "-";
        if (!src)
            for (int i = 0; i < MAX_PEERS; i++)
                if (peers[i].used) {
                    to = npeers() == 1 ? peers[i].name : "*";
                    break;
                }
        m.dir = src ? "<" : ">";
        m.peer = src ? src->name : to;
        m.meta = meta;
        zcnc_print(stdout, opt.dec, opt.json, &m, body.ptr, body.len);
    } else if (src) {
        if (fwrite(p, 1, n, stdout) != n || fflush(stdout) != 0) {
            say("stdout: %s", strerror(errno));
            stop = SIGPIPE;
        }
    }
    if (!src) {
        for (int i = 0; i < MAX_PEERS; i++)
            send_to(&peers[i], p, n);
    } else if (opt.echo) {
        send_to(src, p, n);
    } else if (opt.hub) {
        for (int i = 0; i < MAX_PEERS; i++)
            if (&peers[i] != src)
                send_to(&peers[i], p, n);
    }
}

/* Frames (or, without --frame, what one read brought) from a TCP peer. */
static void read_tcp(peer *p)
{
    if (!opt.framer) {
        static uint8_t buf[DGRAM_MAX];
        ssize_t r = read(p->fd, buf, sizeof buf);
        if (r > 0)
            deliver(p, buf, (size_t)r, NULL);
        else if (r == 0 || (errno != EAGAIN && errno != EINTR))
            p->rd_eof = true;
        return;
    }
    ssize_t r = zc_reader_fill(&p->rd, p->fd);
    if (r < 0 && errno != EAGAIN && errno != EINTR && errno != ENOBUFS) {
        p->rd_eof = true;
        zc_reader_set_eof(&p->rd);
    }
    for (;;) {
        zc_bytes f;
        char text[256];
        switch (zc_reader_next(&p->rd, &f)) {
        case ZC_READ_FRAME:
            deliver(p, f.ptr, f.len, NULL);
            if (p->rd_eof && p->wr_shut) /* gone while we answered it */
                return;
            continue;
        case ZC_READ_NEED:
            return;
        case ZC_READ_EOF:
            p->rd_eof = true;
            return;
        case ZC_READ_EOF_INSIDE:
            say("%s: closed inside a %s frame (%zu more bytes were due)", p->name,
                opt.framer->name, p->rd.need);
            p->rd_eof = true;
            return;
        case ZC_READ_MALFORMED:
            zc_status_format(p->rd.status, text, sizeof text);
            say("%s: malformed %s frame at stream offset %llu: %s: disconnecting", p->name,
                opt.framer->name, (unsigned long long)p->rd.at, text);
            p->rd_eof = p->wr_shut = true;
            return;
        case ZC_READ_LIMIT:
            say("%s: %s frame of %zu bytes at stream offset %llu is larger than --max-frame %zu: "
                "disconnecting",
                p->name, opt.framer->name, p->rd.size, (unsigned long long)p->rd.at,
                opt.max_frame);
            p->rd_eof = p->wr_shut = true;
            return;
        }
    }
}

static peer *udp_peer(int fd, const zc_dgram *d)
{
    for (int i = 0; i < MAX_PEERS; i++) {
        peer *p = &peers[i];
        if (p->used && !p->tcp && p->fd == fd && !p->udp_connected &&
            zc_sockaddr_len(&p->q.peer) == zc_sockaddr_len(&d->peer) &&
            memcmp(&p->q.peer, &d->peer, zc_sockaddr_len(&d->peer)) == 0)
            return p;
    }
    peer *p = new_peer();
    if (!p) { /* forget the oldest-numbered one */
        p = &peers[0];
        p->used = true;
    }
    p->fd = fd;
    addr_name(&d->peer, p->name, sizeof p->name);
    if (opt.verbose)
        say("new UDP peer %s", p->name);
    return p;
}

static void read_udp(int fd)
{
    static uint8_t bufs[BATCH][DGRAM_MAX];
    static zc_dgram d[BATCH];
    struct mmsghdr mm[BATCH];
    for (int i = 0; i < BATCH; i++) {
        d[i].buf = bufs[i];
        d[i].cap = sizeof bufs[i];
    }
    int n = zc_dgram_recv(fd, d, mm, BATCH, MSG_DONTWAIT);
    if (n < 0) {
        if (errno != EAGAIN && errno != EINTR)
            say("receive: %s", strerror(errno)); /* e.g. ECONNREFUSED: keep going */
        return;
    }
    for (int i = 0; i < n; i++) {
        peer *p = NULL;
        for (int k = 0; k < MAX_PEERS && !p; k++)
            if (peers[k].used && peers[k].udp_connected && peers[k].fd == fd)
                p = &peers[k];
        if (!p)
            p = udp_peer(fd, &d[i]);
        uint8_t *keep = p->q.buf;
        p->q = d[i];
        p->q.buf = keep;
        char meta[160];
        const char *m = NULL;
        if (opt.verbose) {
            m = meta_text(&d[i], meta, sizeof meta);
            say("< %s %s", p->name, m);
        }
        if (d[i].flags & ZC_DGRAM_TRUNC)
            say("%s: datagram of %zu bytes cut to %zu", p->name, d[i].wire_len, d[i].len);
        deliver(p, d[i].buf, d[i].len, m);
    }
}

/* ---- stdin and --random ------------------------------------------------------------- */

static bool in_open;          /* stdin (or --random) still gives messages */
static long random_left;
static zc_reader in_rd;       /* stdin with --frame                        */
static uint8_t *in_buf;
static struct timespec in_eof_at;
static bool in_eof;

static void input_ended(void)
{
    in_open = false;
    in_eof = true;
    clock_gettime(CLOCK_MONOTONIC, &in_eof_at);
    if (opt.verbose)
        say("end of input");
}

static uint64_t rnd(void)
{
    uint64_t x;
    if (getrandom(&x, sizeof x, 0) != (ssize_t)sizeof x)
        die("getrandom: %s", strerror(errno));
    return x;
}

static void send_random(void)
{
    static uint8_t buf[DGRAM_MAX];
    size_t n = opt.rmin + (size_t)(rnd() % (opt.rmax - opt.rmin + 1));
    for (size_t i = 0; i < n; i += 8) {
        uint64_t x = rnd();
        memcpy(buf + i, &x, n - i < 8 ? n - i : 8);
    }
    deliver(NULL, buf, n, NULL);
    if (--random_left == 0)
        input_ended();
}

static void read_stdin(void)
{
    if (!opt.framer || opt.udp) {
        ssize_t r = read(0, in_buf, read_max);
        if (r > 0)
            deliver(NULL, in_buf, (size_t)r, NULL);
        else if (r == 0 || (errno != EAGAIN && errno != EINTR))
            input_ended();
        return;
    }
    ssize_t r = zc_reader_fill(&in_rd, 0);
    if (r < 0 && errno != EAGAIN && errno != EINTR && errno != ENOBUFS)
        zc_reader_set_eof(&in_rd);
    for (;;) {
        zc_bytes f;
        char text[256];
        switch (zc_reader_next(&in_rd, &f)) {
        case ZC_READ_FRAME:
            deliver(NULL, f.ptr, f.len, NULL);
            continue;
        case ZC_READ_NEED:
            return;
        case ZC_READ_EOF:
            input_ended();
            return;
        case ZC_READ_EOF_INSIDE:
            say("stdin: ended inside a %s frame", opt.framer->name);
            input_ended();
            return;
        case ZC_READ_MALFORMED:
        case ZC_READ_LIMIT:
            zc_status_format(in_rd.status, text, sizeof text);
            say("stdin: not a %s stream at offset %llu: %s", opt.framer->name,
                (unsigned long long)in_rd.at, text);
            exit_status = 1;
            input_ended();
            return;
        }
    }
}

/* ---- setting up --------------------------------------------------------------------- */

static void bind_source(int fd, int family)
{
    if (!opt.src && !opt.sport)
        return;
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = opt.udp ? SOCK_DGRAM : SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    int e = getaddrinfo(opt.src, opt.sport ? opt.sport : "0", &hints, &res);
    if (e)
        die("source %s: %s", opt.src ? opt.src : "*", gai_strerror(e));
    if (bind(fd, res->ai_addr, res->ai_addrlen) < 0)
        die("bind source: %s", strerror(errno));
    freeaddrinfo(res);
}

static void start_listen(void)
{
    struct addrinfo *res, *a;
    res = resolve(opt.host, opt.port, true); /* no host: 0.0.0.0 and :: */
    for (a = res; a; a = a->ai_next) {
        if (nlsocks + ndsocks == MAX_SOCKS || (opt.host && a != res))
            break;
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            if (a->ai_family == AF_INET6 && errno == EAFNOSUPPORT)
                continue;
            die("socket: %s", strerror(errno));
        }
        prepare(fd, a->ai_family);
        if (bind(fd, a->ai_addr, a->ai_addrlen) < 0)
            die("bind: %s", strerror(errno));
        nonblock(fd);
        if (opt.udp) {
            if (zc_dgram_enable(fd, ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS | (opt.verbose ? ZC_DGRAM_TIME : 0u)) < 0)
                die("zc_dgram_enable: %s", strerror(errno));
            join_group(fd, a->ai_family);
            dsocks[ndsocks++] = fd;
        } else {
            if (listen(fd, 16) < 0)
                die("listen: %s", strerror(errno));
            lsocks[nlsocks++] = fd;
        }
        if (opt.verbose) {
            zc_sockaddr sa;
            socklen_t len = sizeof sa;
            char name[64];
            getsockname(fd, &sa.sa, &len);
            addr_name(&sa, name, sizeof name);
            say("listening on %s %s", opt.udp ? "udp" : "tcp", name);
        }
    }
    freeaddrinfo(res);
    if (nlsocks + ndsocks == 0)
        die("nothing to listen on");
}

static void start_connect(void)
{
    struct addrinfo *res = resolve(opt.host, opt.port, false), *a;
    int fd = -1;
    char why[160] = "no address";
    for (a = res; a; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            snprintf(why, sizeof why, "socket: %s", strerror(errno));
            continue;
        }
        prepare(fd, a->ai_family);
        bind_source(fd, a->ai_family);
        nonblock(fd);
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0)
            break;
        if (errno == EINPROGRESS) {
            struct pollfd pf = {.fd = fd, .events = POLLOUT};
            int r = poll(&pf, 1, opt.wait > 0 ? opt.wait * 1000 : -1);
            int err = 0;
            socklen_t el = sizeof err;
            if (r == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 && err == 0)
                break;
            errno = r == 0 ? ETIMEDOUT : err ? err : errno;
        }
        snprintf(why, sizeof why, "connect: %s", strerror(errno));
        close(fd);
        fd = -1;
    }
    if (fd < 0)
        die("%s port %s: %s", opt.host, opt.port, why);
    zc_sockaddr sa;
    memset(&sa, 0, sizeof sa);
    memcpy(&sa, a->ai_addr, a->ai_addrlen);
    freeaddrinfo(res);
    if (opt.udp) {
        if (zc_dgram_enable(fd, ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS | (opt.verbose ? ZC_DGRAM_TIME : 0u)) < 0)
            die("zc_dgram_enable: %s", strerror(errno));
        dsocks[ndsocks++] = fd;
        peer *p = new_peer();
        p->fd = fd;
        p->udp_connected = true;
        addr_name(&sa, p->name, sizeof p->name);
        if (opt.verbose)
            say("udp to %s", p->name);
    } else {
        add_tcp(fd, &sa);
    }
}

static void accept_one(int lfd)
{
    zc_sockaddr sa;
    socklen_t len = sizeof sa;
    int fd = accept4(lfd, &sa.sa, &len, SOCK_CLOEXEC);
    if (fd < 0) {
        if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
            say("accept: %s", strerror(errno));
        return;
    }
    add_tcp(fd, &sa);
    if (!opt.keep) { /* like nc -l: one peer, then no more */
        accepted_one = true;
        for (int i = 0; i < nlsocks; i++)
            close(lsocks[i]);
        nlsocks = 0;
    }
}

/* ---- the loop ------------------------------------------------------------------------ */

static double since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Closes what has ended; true when zcnc is done. */
static bool tidy(void)
{
    for (int i = 0; i < MAX_PEERS; i++) {
        peer *p = &peers[i];
        if (!p->used || !p->tcp)
            continue;
        if (p->rd_eof && (p->wr_shut || zc_writer_pending(&p->wr) == 0)) {
            drop(p, NULL);
            continue;
        }
        /* our side has nothing more to say: half-close, like nc -N */
        if (!opt.listen && !in_open && !p->wr_shut && zc_writer_pending(&p->wr) == 0) {
            shutdown(p->fd, SHUT_WR);
            p->wr_shut = true;
        }
    }
    int n = npeers();
    if (!opt.listen) {
        if (!opt.udp && n == 0)
            return true;
        if (in_eof && opt.quit == 0) { /* -q 0: once what was read is sent */
            bool queued = false;
            for (int i = 0; i < MAX_PEERS; i++)
                queued |= peers[i].used && peers[i].tcp && zc_writer_pending(&peers[i].wr) > 0;
            return !queued;
        }
    } else if (!opt.keep && !opt.udp && accepted_one && n == 0) {
        return true;
    }
    if (in_eof && opt.quit > 0 && since(&in_eof_at) >= opt.quit)
        return true;
    return false;
}

int main(int argc, char **argv)
{
    parse_options(argc, argv);
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll() returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    read_max = opt.framer && opt.max_frame > DGRAM_MAX ? opt.max_frame : DGRAM_MAX;
    wbuf_cap = 4 * read_max;
    in_buf = malloc(read_max);
    if (!in_buf)
        die("out of memory");
    if (opt.framer)
        zc_reader_init(&in_rd, in_buf, read_max, 0, opt.framer->frame, NULL);

    if (opt.listen)
        start_listen();
    else
        start_connect();

    in_open = !opt.no_stdin;
    if (opt.random) {
        random_left = opt.count;
        if (random_left == 0)
            input_ended();
    } else if (opt.no_stdin) {
        in_eof = false; /* never: -d waits for the peer */
    }

    struct timespec last;
    clock_gettime(CLOCK_MONOTONIC, &last);
    while (!stop) {
        if (tidy())
            break;
        /* --random: one message a turn, as room allows (a connect()ed peer exists) */
        if (in_open && opt.random && room_everywhere() && (opt.listen ? npeers() > 0 : true)) {
            send_random();
            continue;
        }
        struct pollfd pf[1 + 2 * MAX_SOCKS + MAX_PEERS];
        peer *who[1 + 2 * MAX_SOCKS + MAX_PEERS];
        int np = 0;
        bool room = room_everywhere();
        /* listening: stdin waits for the first peer, like nc -l */
        if (in_open && !opt.random && (!opt.listen || npeers() > 0)) {
            pf[np] = (struct pollfd){.fd = 0, .events = room ? POLLIN : 0};
            who[np++] = NULL;
        }
        for (int i = 0; i < nlsocks; i++) {
            pf[np] = (struct pollfd){.fd = lsocks[i], .events = POLLIN};
            who[np++] = NULL;
        }
        for (int i = 0; i < ndsocks; i++) {
            pf[np] = (struct pollfd){.fd = dsocks[i], .events = room ? POLLIN : 0};
            who[np++] = NULL;
        }
        for (int i = 0; i < MAX_PEERS; i++) {
            peer *p = &peers[i];
            if (!p->used || !p->tcp)
                continue;
            short ev = 0;
            if (!p->rd_eof && room)
                ev |= POLLIN;
            if (zc_writer_pending(&p->wr))
                ev |= POLLOUT;
            pf[np] = (struct pollfd){.fd = p->fd, .events = ev};
            who[np++] = p;
        }
        int timeout = -1;
        if (opt.wait > 0)
            timeout = 1000 * opt.wait;
        if (in_eof && opt.quit > 0)
            timeout = 100;
        int r = poll(pf, (nfds_t)np, timeout);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            die("poll: %s", strerror(errno));
        }
        if (r == 0) {
            if (opt.wait > 0 && since(&last) >= opt.wait) {
                if (opt.verbose)
                    say("idle for %d s: exiting", opt.wait);
                break;
            }
            continue;
        }
        clock_gettime(CLOCK_MONOTONIC, &last);
        for (int i = 0; i < np; i++) {
            if (!pf[i].revents)
                continue;
            peer *p = who[i];
            if (p) {
                if (!p->used)
                    continue;
                if (pf[i].revents & POLLOUT)
                    flush_peer(p);
                if (p->used && (pf[i].revents & (POLLIN | POLLHUP | POLLERR)) && !p->rd_eof)
                    read_tcp(p);
                continue;
            }
            if (pf[i].fd == 0 && in_open) {
                read_stdin();
                continue;
            }
            bool lsock = false;
            for (int k = 0; k < nlsocks; k++)
                lsock |= lsocks[k] == pf[i].fd;
            if (lsock)
                accept_one(pf[i].fd);
            else
                read_udp(pf[i].fd);
        }
    }
    if (stop && opt.verbose)
        say("%s: exiting", stop == SIGINT ? "interrupted" : stop == SIGPIPE ? "stdout closed" : "terminated");
    /* what is still queued for TCP peers: one last try, then close */
    for (int i = 0; i < MAX_PEERS; i++)
        if (peers[i].used && peers[i].tcp) {
            flush_peer(&peers[i]);
            if (peers[i].used)
                drop(&peers[i], NULL);
        }
    for (int i = 0; i < nlsocks; i++)
        close(lsocks[i]);
    for (int i = 0; i < ndsocks; i++)
        close(dsocks[i]);
    free(in_buf);
    fflush(stdout);
    return exit_status;
}
