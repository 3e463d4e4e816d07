/*
 * zerocast_io.h - socket I/O around generated views: batched datagrams
 * with their metadata, and typed message streams.
 *
 *   datagrams   zc_dgram_enable (ask the kernel for metadata),
 *               zc_dgram_recv (recvmmsg: N datagrams, each with sender,
 *               destination address, interface, TTL / hop limit, receive
 *               time, truncation), zc_dgram_reply_init (a reply that leaves
 *               from the address the request was sent to), zc_dgram_send
 *               (sendmmsg, with IP_PKTINFO / IPV6_PKTINFO)
 *   streams     zc_reader: append what read() gives, yield each whole
 *               frame found by a generated NAME_frame() (a view into the
 *               caller's buffer), NEED / MALFORMED / LIMIT / EOF precisely,
 *               bounded memory, compaction only when a frame would not fit;
 *               ZC_FRAMER(NAME) adapts NAME_frame() to the reader
 *               zc_writer: a caller's buffer of bytes to send, written
 *               through partial send()s on blocking or non-blocking sockets
 *
 * Header-only, no allocation, no global state; every buffer is the
 * caller's. Errors are errno-style: -1 (or a zc_read_state) with errno set;
 * EINTR is retried inside every call, EAGAIN / EWOULDBLOCK is returned, so
 * non-blocking sockets work as they are. Compiles as C99/C11/C17 and as
 * C++17 without warnings under the flags zerocast.h names.
 *
 * Linux first: recvmmsg/sendmmsg, IP_PKTINFO, MSG_TRUNC as a receive flag
 * and MSG_NOSIGNAL are Linux's. Define _GNU_SOURCE before the first system
 * header. docs/io.md describes the API, what differs on other systems, and
 * why control messages are read with the CMSG_* macros and not through a
 * schema.
 */
#ifndef ZEROCAST_IO_H
#define ZEROCAST_IO_H

#include "zerocast.h"
#include "zerocast_net.h"

#if !defined(__linux__)
#error "zerocast_io.h: Linux only so far (docs/io.md, \"Other systems\")"
#endif

#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#if !defined(_GNU_SOURCE) || (defined(__GLIBC__) && !defined(__USE_GNU))
#error "zerocast_io.h: define _GNU_SOURCE before the first system header (recvmmsg, sendmmsg, struct in6_pktinfo)"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* void pointer p as a T: implicit in C, static_cast in C++. */
#ifdef __cplusplus
#define ZC_IO_FROM_VOID_(T, p) static_cast<T>(p)
#else
#define ZC_IO_FROM_VOID_(T, p) ((T)(p))
#endif

/* ---- 1. addresses ---------------------------------------------------------- */

/* zc_sockaddr and zc_sockaddr_len() are in zerocast_net.h. */

/* ---- 2. datagrams ------------------------------------------------------------ */

/* zc_dgram.flags; ZC_DGRAM_LOCAL, _HOPS and _TIME are also what
   zc_dgram_enable() asks for. */
#define ZC_DGRAM_TRUNC 0x01u  /* the datagram was longer than cap: buf holds
                                 its first cap bytes, wire_len its size     */
#define ZC_DGRAM_CTRUNC 0x02u /* control messages did not all fit: some
                                 metadata may be missing                    */
#define ZC_DGRAM_LOCAL 0x04u  /* local and ifindex are set (receive); send
                                 from local (send)                          */
#define ZC_DGRAM_HOPS 0x08u   /* hops is set (receive); send with hops as
                                 the TTL / hop limit (send)                 */
#define ZC_DGRAM_TIME 0x10u   /* time is set                                */
#define ZC_DGRAM_IPOPTS 0x20u /* ip_options holds the IPv4 header's options
                                 (IP_RECVOPTS; none: ip_options_len 0)      */

/* Room for every control message zc_dgram_enable() asks for, for either
   family (and IPv4 on a dual-stack IPv6 socket), with some to spare. */
#define ZC_DGRAM_CONTROL_SPACE                                                       \
    (CMSG_SPACE(sizeof(struct in6_pktinfo)) + CMSG_SPACE(sizeof(struct in_pktinfo)) + \
     2 * CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct timespec)) + CMSG_SPACE(64) + \
     CMSG_SPACE(ZC_DGRAM_IPOPTS_MAX))

/* The most option bytes an IPv4 header holds (60 - 20). */
#define ZC_DGRAM_IPOPTS_MAX 40

/*
 * One datagram, received or to send. The payload lives in the caller's
 * buffer `buf`; zc_dgram itself holds the addresses and the room for the
 * control messages. Fields marked (in) are set by the caller, the others
 * by zc_dgram_recv().
 */
typedef struct {
    uint8_t *buf;            /* (in) the payload's buffer                   */
    size_t cap;              /* (in, receive) its size                      */
    size_t len;              /* receive: bytes stored (<= cap);
                                (in, send) bytes to send                    */
    size_t wire_len;         /* receive: the datagram's size (> len when
                                ZC_DGRAM_TRUNC)                             */
    unsigned flags;          /* ZC_DGRAM_*                                  */
    zc_sockaddr peer;        /* receive: the sender; (in, send): where to   */
    socklen_t peer_len;      /* its length (send: 0 means by its family)    */
    zc_sockaddr local;       /* receive: the address the datagram was sent
                                to (port 0); (in, send, with ZC_DGRAM_LOCAL):
                                the source address to send from             */
    struct in_addr spec_dst; /* receive, IPv4: the local address that
                                answers it (ipi_spec_dst): `local` for
                                unicast, the interface's for a broadcast    */
    unsigned ifindex;        /* receive: the interface it came in on;
                                (in, send, IPv6): the interface to send on
                                (0: as routing says)                        */
    int hops;                /* receive: its IPv4 TTL or IPv6 hop limit;
                                (in, send, with ZC_DGRAM_HOPS): the one to
                                send it with                                */
    struct timespec time;    /* receive: when the kernel received it
                                (CLOCK_REALTIME)                            */
    uint8_t ip_options[ZC_DGRAM_IPOPTS_MAX]; /* receive, IPv4: the options
                                of its IP header, as on the wire (walk them
                                with ipv4_option from ipv4.zc)              */
    size_t ip_options_len;   /* receive: how many bytes of ip_options       */
    struct iovec zc_iov;     /* private                                     */
    union {
        /* cppcheck-suppress unusedStructMember ; only aligns zc_buf */
        size_t zc_align;     /* struct cmsghdr is aligned as size_t */
        unsigned char zc_buf[ZC_DGRAM_CONTROL_SPACE];
    } zc_ctl;                /* private: control messages                   */
} zc_dgram;

/* setsockopt(fd, level, name, 1) */
ZC_INLINE int zc_io_set_on_(int fd, int level, int name)
{
    const int one = 1;
    return setsockopt(fd, level, name, &one, (socklen_t)sizeof one);
}

/*
 * Asks the kernel to attach to each datagram received on the UDP (or other
 * datagram) socket fd what `what` names: ZC_DGRAM_LOCAL (IP_PKTINFO /
 * IPV6_RECVPKTINFO), ZC_DGRAM_HOPS (IP_RECVTTL / IPV6_RECVHOPLIMIT),
 * ZC_DGRAM_TIME (SO_TIMESTAMPNS), ZC_DGRAM_IPOPTS (IP_RECVOPTS: the IPv4
 * header's options; IPv4 only). The family comes from getsockname().
 * 0, or -1 and errno (EAFNOSUPPORT for a socket that is not IPv4 or IPv6
 * when LOCAL or HOPS is asked for).
 * Other systems: the BSDs receive the IPv4 destination with
 * IP_RECVDSTADDR and the TTL as a u_char IP_RECVTTL message; FreeBSD and
 * macOS stamp with SO_TIMESTAMP (docs/io.md, "Other systems").
 */
ZC_UNUSED static int zc_dgram_enable(int fd, unsigned what)
{
    zc_sockaddr a;
    socklen_t alen = (socklen_t)sizeof a;

    memset(&a, 0, sizeof a);
    if (getsockname(fd, &a.sa, &alen) < 0)
        return -1;
    if (what & (ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS)) {
        if (a.sa.sa_family == AF_INET) {
            if ((what & ZC_DGRAM_LOCAL) && zc_io_set_on_(fd, IPPROTO_IP, IP_PKTINFO) < 0)
                return -1;
            if ((what & ZC_DGRAM_HOPS) && zc_io_set_on_(fd, IPPROTO_IP, IP_RECVTTL) < 0)
                return -1;
        } else if (a.sa.sa_family == AF_INET6) {
            if ((what & ZC_DGRAM_LOCAL) && zc_io_set_on_(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO) < 0)
                return -1;
            if ((what & ZC_DGRAM_HOPS) && zc_io_set_on_(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT) < 0)
                return -1;
        } else {
            errno = EAFNOSUPPORT;
            return -1;
        }
    }
    if ((what & ZC_DGRAM_TIME) && zc_io_set_on_(fd, SOL_SOCKET, SO_TIMESTAMPNS) < 0)
        return -1;
    if (what & ZC_DGRAM_IPOPTS) {
        if (a.sa.sa_family != AF_INET) {
            errno = EAFNOSUPPORT;
            return -1;
        }
        if (zc_io_set_on_(fd, IPPROTO_IP, IP_RECVOPTS) < 0)
            return -1;
    }
    return 0;
}

/* The payload of control message c, if it has at least `size` bytes and
   lies inside h's control buffer; else NULL. */
ZC_INLINE const unsigned char *zc_cmsg_payload_(const struct msghdr *h, struct cmsghdr *c,
                                                size_t size)
{
    const void *cv = c;
    const unsigned char *ctl = ZC_IO_FROM_VOID_(const unsigned char *, h->msg_control);
    const unsigned char *at = ZC_IO_FROM_VOID_(const unsigned char *, cv);
    size_t room = h->msg_controllen - (size_t)(at - ctl);

    if (c->cmsg_len < CMSG_LEN(size) || c->cmsg_len > room)
        return NULL;
    return CMSG_DATA(c);
}

/* Fills d's metadata from the msghdr recvmmsg() filled (msg_len `wire`). */
ZC_UNUSED static void zc_dgram_meta_(zc_dgram *d, struct msghdr *h, size_t wire)
{
    struct cmsghdr *c;

    d->wire_len = wire;
    d->len = wire < d->cap ? wire : d->cap;
    d->peer_len = h->msg_namelen;
    d->flags = 0;
    memset(&d->local, 0, sizeof d->local);
    memset(&d->spec_dst, 0, sizeof d->spec_dst);
    memset(&d->time, 0, sizeof d->time);
    d->ifindex = 0;
    d->hops = -1;
    d->ip_options_len = 0;
    if ((h->msg_flags & MSG_TRUNC) || wire > d->cap)
        d->flags |= ZC_DGRAM_TRUNC;
    if (h->msg_flags & MSG_CTRUNC)
        d->flags |= ZC_DGRAM_CTRUNC;
    if (h->msg_controllen < sizeof(struct cmsghdr))
        return;
    for (c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
        const unsigned char *p;
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            struct in_pktinfo pi;
            if (!(p = zc_cmsg_payload_(h, c, sizeof pi)))
                continue;
            memcpy(&pi, p, sizeof pi);
            d->local.sin.sin_family = AF_INET;
            d->local.sin.sin_addr = pi.ipi_addr;
            d->spec_dst = pi.ipi_spec_dst;
            d->ifindex = (unsigned)pi.ipi_ifindex;
            d->flags |= ZC_DGRAM_LOCAL;
        } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
            struct in6_pktinfo pi;
            if (!(p = zc_cmsg_payload_(h, c, sizeof pi)))
                continue;
            memcpy(&pi, p, sizeof pi);
            d->local.sin6.sin6_family = AF_INET6;
            d->local.sin6.sin6_addr = pi.ipi6_addr;
            if (IN6_IS_ADDR_LINKLOCAL(&pi.ipi6_addr))
                d->local.sin6.sin6_scope_id = pi.ipi6_ifindex;
            d->ifindex = pi.ipi6_ifindex;
            d->flags |= ZC_DGRAM_LOCAL;
        } else if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) ||
                   (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)) {
            int v;
            if (!(p = zc_cmsg_payload_(h, c, sizeof v)))
                continue;
            memcpy(&v, p, sizeof v);
            d->hops = v;
            d->flags |= ZC_DGRAM_HOPS;
        } else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVOPTS) {
            size_t n = c->cmsg_len >= CMSG_LEN(0) ? c->cmsg_len - CMSG_LEN(0) : 0;
            if (n > sizeof d->ip_options || !(p = zc_cmsg_payload_(h, c, n)))
                continue;
            memcpy(d->ip_options, p, n);
            d->ip_options_len = n;
            d->flags |= ZC_DGRAM_IPOPTS;
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            if (!(p = zc_cmsg_payload_(h, c, sizeof d->time)))
                continue;
            memcpy(&d->time, p, sizeof d->time);
            d->flags |= ZC_DGRAM_TIME;
        }
    }
}

/* Sets mm's message up for d: len bytes of its buffer, its peer (namelen
   bytes) and ctl bytes of its control buffer, none if 0 (internal). */
ZC_UNUSED static void zc_dgram_msg_(struct mmsghdr *m, zc_dgram *d, size_t len, socklen_t namelen, size_t ctl)
{
    struct msghdr *h = &m->msg_hdr;

    memset(m, 0, sizeof *m);
    d->zc_iov.iov_base = d->buf;
    d->zc_iov.iov_len = len;
    h->msg_name = &d->peer;
    h->msg_namelen = namelen;
    h->msg_iov = &d->zc_iov;
    h->msg_iovlen = 1;
    h->msg_control = ctl ? d->zc_ctl.zc_buf : NULL;
    h->msg_controllen = ctl;
}

/*
 * Receives up to n datagrams with one recvmmsg(): datagram i goes into
 * d[i].buf (d[i].cap bytes), its metadata into d[i]. mm is the caller's
 * scratch array of n struct mmsghdr, used only during the call.
 *
 * Waits for the first datagram only if fd is blocking and `flags` has no
 * MSG_DONTWAIT (MSG_WAITFORONE is always added), then takes what is
 * queued. A datagram longer than its buffer is cut, with ZC_DGRAM_TRUNC
 * and its whole size in wire_len (MSG_TRUNC as a receive flag is Linux's;
 * elsewhere wire_len would be the bytes stored). Returns how many were
 * received (1..n), 0 if n is 0, or -1 and errno (EAGAIN / EWOULDBLOCK:
 * none waiting). macOS has no recvmmsg(): a loop of recvmsg() there.
 */
ZC_UNUSED static int zc_dgram_recv(int fd, zc_dgram *d, struct mmsghdr *mm, unsigned n, int flags)
{
    unsigned i;
    int r;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++)
        zc_dgram_msg_(&mm[i], &d[i], d[i].cap, (socklen_t)sizeof d[i].peer, sizeof d[i].zc_ctl.zc_buf);
    do
        r = recvmmsg(fd, mm, n, flags | MSG_WAITFORONE | MSG_TRUNC, NULL);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return -1;
    for (i = 0; i < (unsigned)r; i++)
        zc_dgram_meta_(&d[i], &mm[i].msg_hdr, mm[i].msg_len);
    return r;
}

/*
 * Makes `reply` the datagram answering `query`: len bytes at buf, to the
 * query's sender, and, if the query's destination is known
 * (ZC_DGRAM_LOCAL), from that address: for IPv4 its ipi_spec_dst, routed
 * as usual; for IPv6 its destination and interface (which a link-local
 * address needs). A socket bound to a wildcard address otherwise answers
 * from whatever address routing picks.
 */
ZC_UNUSED static void zc_dgram_reply_init(zc_dgram *reply, const zc_dgram *query, void *buf,
                                          size_t len)
{
    memset(reply, 0, sizeof *reply);
    reply->buf = ZC_IO_FROM_VOID_(uint8_t *, buf);
    reply->cap = len;
    reply->len = len;
    reply->peer = query->peer;
    reply->peer_len = query->peer_len;
    reply->hops = -1;
    if (query->flags & ZC_DGRAM_LOCAL) {
        reply->flags = ZC_DGRAM_LOCAL;
        reply->local = query->local;
        if (query->local.sa.sa_family == AF_INET6)
            reply->ifindex = query->ifindex;
        else
            reply->local.sin.sin_addr = query->spec_dst;
    }
}

/* Writes one control message of `size` bytes at c (internal); the room
   it takes. */
ZC_INLINE size_t zc_cmsg_put_(struct cmsghdr *c, int level, int type, const void *data,
                              size_t size)
{
    c->cmsg_level = level;
    c->cmsg_type = type;
    c->cmsg_len = CMSG_LEN(size);
    memcpy(CMSG_DATA(c), data, size);
    return CMSG_SPACE(size);
}

/*
 * Writes d's control messages for sending into d->zc_ctl: the source
 * address (ZC_DGRAM_LOCAL: IP_PKTINFO / IPV6_PKTINFO) and the TTL or hop
 * limit (ZC_DGRAM_HOPS: IP_TTL / IPV6_HOPLIMIT, by the family of d->peer).
 * Their total length, or 0 (internal).
 */
ZC_UNUSED static size_t zc_dgram_send_control_(zc_dgram *d)
{
    struct msghdr h;
    struct cmsghdr *c;
    size_t len = 0;
    int fam = d->peer.sa.sa_family;

    if (!(d->flags & (ZC_DGRAM_LOCAL | ZC_DGRAM_HOPS)))
        return 0;
    memset(&d->zc_ctl, 0, sizeof d->zc_ctl);
    memset(&h, 0, sizeof h);
    h.msg_control = d->zc_ctl.zc_buf;
    h.msg_controllen = sizeof d->zc_ctl.zc_buf;
    c = CMSG_FIRSTHDR(&h);
    if ((d->flags & ZC_DGRAM_LOCAL) && d->local.sa.sa_family == AF_INET) {
        struct in_pktinfo pi;
        memset(&pi, 0, sizeof pi);
        pi.ipi_spec_dst = d->local.sin.sin_addr; /* the source; ifindex 0: route as usual */
        len += zc_cmsg_put_(c, IPPROTO_IP, IP_PKTINFO, &pi, sizeof pi);
        c = CMSG_NXTHDR(&h, c);
    } else if ((d->flags & ZC_DGRAM_LOCAL) && d->local.sa.sa_family == AF_INET6) {
        struct in6_pktinfo pi;
        memset(&pi, 0, sizeof pi);
        pi.ipi6_addr = d->local.sin6.sin6_addr;
        pi.ipi6_ifindex = d->ifindex;
        len += zc_cmsg_put_(c, IPPROTO_IPV6, IPV6_PKTINFO, &pi, sizeof pi);
        c = CMSG_NXTHDR(&h, c);
    }
    if ((d->flags & ZC_DGRAM_HOPS) && c && (fam == AF_INET || fam == AF_INET6)) {
        const int v = d->hops;
        if (fam == AF_INET)
            len += zc_cmsg_put_(c, IPPROTO_IP, IP_TTL, &v, sizeof v);
        else
            len += zc_cmsg_put_(c, IPPROTO_IPV6, IPV6_HOPLIMIT, &v, sizeof v);
    }
    return len;
}

/*
 * Sends d[0..n) with one sendmmsg(): d[i].len bytes of d[i].buf to
 * d[i].peer, from d[i].local if d[i].flags has ZC_DGRAM_LOCAL (IP_PKTINFO;
 * the BSDs use IP_SENDSRCADDR), with TTL / hop limit d[i].hops if it has
 * ZC_DGRAM_HOPS (IP_TTL / IPV6_HOPLIMIT by d[i].peer's family, this
 * datagram only, whatever the socket's IP_TTL or IP_MULTICAST_TTL says;
 * Linux takes 1..255 for IPv4, 0..255 for IPv6, else the whole call fails
 * with EINVAL; the BSDs take no IP_TTL on send). mm is scratch, as for zc_dgram_recv();
 * MSG_NOSIGNAL is added to `flags` (macOS: SO_NOSIGPIPE instead).
 * Returns how many were sent from the start (the kernel stops at the first
 * it refuses: call again from there to learn why), 0 if n is 0, or -1 and
 * errno if d[0] could not be sent (EAGAIN / EWOULDBLOCK: the socket's
 * buffer is full).
 */
ZC_UNUSED static int zc_dgram_send(int fd, zc_dgram *d, struct mmsghdr *mm, unsigned n, int flags)
{
    unsigned i;
    int r;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        size_t ctl = zc_dgram_send_control_(&d[i]);
        zc_dgram_msg_(&mm[i], &d[i], d[i].len, d[i].peer_len ? d[i].peer_len : zc_sockaddr_len(&d[i].peer), ctl);
    }
    do
        r = sendmmsg(fd, mm, n, flags | MSG_NOSIGNAL);
    while (r < 0 && errno == EINTR);
    return r;
}

/* ---- 3. streams: a reader of typed frames ------------------------------------ */

/*
 * What a reader's frame function says about the bytes at buf: a generated
 * NAME_frame() with a context pointer. ZC_FRAMER(NAME) defines
 * zc_framer_NAME, the adapter for NAME_frame(); a hand-written one may use
 * ctx (e.g. to check more than the schema does).
 */
typedef zc_frame (*zc_frame_fn)(void *ctx, const void *buf, size_t len);

#define ZC_FRAMER(name)                                                                      \
    static inline zc_frame zc_framer_##name(void *zc_ctx_, const void *zc_fbuf_, size_t zc_flen_) \
    {                                                                                        \
        (void)zc_ctx_;                                                                       \
        return name##_frame(zc_fbuf_, zc_flen_);                                               \
    }                                                                                        \
    static inline zc_frame zc_framer_##name(void *zc_ctx_, const void *zc_fbuf_, size_t zc_flen_)

typedef enum {
    ZC_READ_FRAME = 0,  /* a whole frame: a view into the reader's buffer   */
    ZC_READ_NEED,       /* the next frame is not complete: read more; at
                           least `need` more bytes are needed               */
    ZC_READ_MALFORMED,  /* the next frame can never be valid: `status` says
                           why (offset from the frame's start), `at` where
                           it starts in the stream. Sticky.                 */
    ZC_READ_LIMIT,      /* the next frame is larger than the reader's limit
                           (`size` bytes at least; SIZE_MAX: larger than
                           any buffer). Sticky.                             */
    ZC_READ_EOF,        /* the stream ended between two frames             */
    ZC_READ_EOF_INSIDE  /* the stream ended inside a frame                 */
} zc_read_state;

/*
 * A reader over the caller's buffer buf[0, cap). Unread bytes are
 * buf[start, end); `at` is the stream offset of buf[start]. Fields are
 * readable; change them only through the functions below.
 */
typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t start, end;
    size_t max_frame;      /* a frame may be this large (<= cap)            */
    zc_frame_fn frame;
    void *ctx;
    uint64_t at;           /* stream offset of the next frame               */
    size_t need;           /* after NEED: bytes still missing, at least     */
    size_t size;           /* after LIMIT: the frame's size, at least       */
    zc_status status;      /* after MALFORMED or LIMIT: why                 */
    zc_read_state state;   /* the last result                               */
    int eof;               /* the source has ended                          */
} zc_reader;

/* A reader of the frames `frame` finds, in buf[0, cap), each at most
   max_frame bytes (0 or more than cap: cap). */
ZC_UNUSED static void zc_reader_init(zc_reader *r, void *buf, size_t cap, size_t max_frame,
                                     zc_frame_fn frame, void *ctx)
{
    memset(r, 0, sizeof *r);
    r->buf = ZC_IO_FROM_VOID_(uint8_t *, buf);
    r->cap = cap;
    r->max_frame = max_frame == 0 || max_frame > cap ? cap : max_frame;
    r->frame = frame;
    r->ctx = ctx;
    r->status = zc_ok();
    r->state = ZC_READ_NEED;
}

/* Bytes received and not yet returned in a frame. */
ZC_INLINE size_t zc_reader_pending(const zc_reader *r)
{
    return r->end - r->start;
}

/*
 * Where to put more bytes: the room after the unread ones. The unread
 * bytes are moved to the front of the buffer only when the frame being
 * assembled (as far as its size is known) would not fit behind them.
 * Moving them ends the views of frames returned before.
 */
ZC_UNUSED static zc_wbytes zc_reader_room(zc_reader *r)
{
    size_t pending = r->end - r->start;
    size_t want = pending + (r->need ? r->need : 1);

    if (r->start > 0 && (r->end == r->cap || want > r->cap - r->start || want < pending)) {
        memmove(r->buf, r->buf + r->start, pending);
        r->start = 0;
        r->end = pending;
    }
    return zc_wbytes_make(r->buf + r->end, r->cap - r->end);
}

/* n bytes were written into zc_reader_room() (n <= its length). */
ZC_INLINE void zc_reader_commit(zc_reader *r, size_t n)
{
    r->end += n <= r->cap - r->end ? n : r->cap - r->end;
}

/* The source has ended: no more bytes will come. */
ZC_INLINE void zc_reader_set_eof(zc_reader *r)
{
    r->eof = 1;
}

/*
 * One read() from fd into the reader's room. Returns the bytes read, 0 at
 * the end of the stream (then zc_reader_next() says EOF or EOF_INSIDE), or
 * -1 and errno: EAGAIN / EWOULDBLOCK (non-blocking, nothing yet), ENOBUFS
 * (the buffer is full of unread frames: take them with zc_reader_next()
 * first), or read()'s error. EINTR is retried.
 */
ZC_UNUSED static ssize_t zc_reader_fill(zc_reader *r, int fd)
{
    zc_wbytes room = zc_reader_room(r);
    ssize_t n;

    if (room.len == 0) {
        errno = ENOBUFS;
        return -1;
    }
    do
        n = read(fd, room.ptr, room.len);
    while (n < 0 && errno == EINTR);
    if (n > 0)
        zc_reader_commit(r, (size_t)n);
    else if (n == 0)
        r->eof = 1;
    return n;
}

/*
 * The next whole frame, as a view of the reader's buffer in *out (valid
 * until the next zc_reader_room() or zc_reader_fill()); see zc_read_state
 * for the other results. Never reads from the source itself.
 */
ZC_UNUSED static zc_read_state zc_reader_next(zc_reader *r, zc_bytes *out)
{
    size_t pending = r->end - r->start;
    zc_frame f;

    *out = zc_bytes_make(NULL, 0);
    if (r->state == ZC_READ_MALFORMED || r->state == ZC_READ_LIMIT)
        return r->state;
    f = r->frame(r->ctx, r->buf + r->start, pending);
    if (f.state == ZC_FRAME_MALFORMED) {
        r->status = f.status;
        return r->state = ZC_READ_MALFORMED;
    }
    if (f.state == ZC_FRAME_COMPLETE && (f.size == 0 || f.size > pending)) {
        r->status = zc_fail(ZC_ERR_MALFORMED, 0, "zc_reader\0frame function gave an impossible size");
        return r->state = ZC_READ_MALFORMED;
    }
    if (f.state == ZC_FRAME_COMPLETE && f.size <= r->max_frame) {
        *out = zc_bytes_make(r->buf + r->start, f.size);
        r->start += f.size;
        r->at += f.size;
        r->need = 0;
        if (r->start == r->end)
            r->start = r->end = 0; /* empty: start over at the front, no copy */
        return r->state = ZC_READ_FRAME;
    }
    /* NEED, or a whole frame too large */
    r->size = f.state == ZC_FRAME_COMPLETE ? f.size
              : f.size > SIZE_MAX - pending ? SIZE_MAX
                                            : pending + f.size;
    if (r->size > r->max_frame) {
        r->status = zc_fail(ZC_ERR_LIMIT, 0, "zc_reader\0frame larger than the reader's limit");
        return r->state = ZC_READ_LIMIT;
    }
    r->size = 0;
    r->need = f.size ? f.size : 1;
    if (r->eof)
        return r->state = pending ? ZC_READ_EOF_INSIDE : ZC_READ_EOF;
    return r->state = ZC_READ_NEED;
}

/* ---- 4. streams: a writer through partial sends ------------------------------ */

/* Bytes to send, buf[start, end) of the caller's buf[0, cap). */
typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t start, end;
} zc_writer;

ZC_INLINE void zc_writer_init(zc_writer *w, void *buf, size_t cap)
{
    w->buf = ZC_IO_FROM_VOID_(uint8_t *, buf);
    w->cap = cap;
    w->start = w->end = 0;
}

/* Bytes not yet sent. */
ZC_INLINE size_t zc_writer_pending(const zc_writer *w)
{
    return w->end - w->start;
}

/*
 * Room for at least `want` more bytes after those pending (to build a
 * message in place), or less if the buffer cannot hold them: check the
 * length. Pending bytes move to the front only when `want` would not fit
 * behind them.
 */
ZC_UNUSED static zc_wbytes zc_writer_room(zc_writer *w, size_t want)
{
    if (w->start == w->end) {
        w->start = w->end = 0;
    } else if (w->start > 0 && w->cap - w->end < want) {
        memmove(w->buf, w->buf + w->start, w->end - w->start);
        w->end -= w->start;
        w->start = 0;
    }
    return zc_wbytes_make(w->buf + w->end, w->cap - w->end);
}

/* n bytes were written into zc_writer_room() (n <= its length). */
ZC_INLINE void zc_writer_commit(zc_writer *w, size_t n)
{
    w->end += n <= w->cap - w->end ? n : w->cap - w->end;
}

/* Queues a copy of data[0, n): 0, or -1 and ENOBUFS if it does not fit
   (then nothing is queued). */
ZC_UNUSED static int zc_writer_put(zc_writer *w, const void *data, size_t n)
{
    zc_wbytes room = zc_writer_room(w, n);
    if (room.len < n) {
        errno = ENOBUFS;
        return -1;
    }
    if (n)
        memcpy(room.ptr, data, n);
    zc_writer_commit(w, n);
    return 0;
}

/*
 * Sends what is pending, through as many partial sends as it takes: 0 when
 * all is sent, or -1 and errno: EAGAIN / EWOULDBLOCK (a non-blocking
 * socket is full: call again when poll() says POLLOUT; what was sent is
 * not sent again) or send()'s error (EPIPE, ECONNRESET...; no SIGPIPE).
 * EINTR is retried. A descriptor that is not a socket is written with
 * write().
 */
ZC_UNUSED static int zc_writer_flush(zc_writer *w, int fd)
{
    while (w->start < w->end) {
        ssize_t n = send(fd, w->buf + w->start, w->end - w->start, MSG_NOSIGNAL);
        if (n < 0 && errno == ENOTSOCK)
            n = write(fd, w->buf + w->start, w->end - w->start);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        w->start += (size_t)n;
    }
    w->start = w->end = 0;
    return 0;
}

#ifdef __cplusplus
}
#endif

#endif /* ZEROCAST_IO_H */
