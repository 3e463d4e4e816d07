/*
 * zerocast_net.h - bridges between zerocast's wire types and views and the
 * socket API (<netinet/in.h>), so that code mixing the two never reads a
 * wire value's `raw` member, casts packet bytes or calls memcmp.
 *
 *   1. values already in network order   zc_be16_from_net(sin_port),
 *      zc_be16_to_net(), zc_be32_from_net(s_addr), zc_be32_to_net(),
 *      zc_be32_from_in_addr(), zc_in_addr_from_be32()
 *   2. addresses                          zc_sockaddr (a union of every
 *      family), struct in_addr / in6_addr <-> the bytes of an address view
 *      (zc_in_addr_from_bytes(), zc_in_addr_bytes(), ...), comparisons
 *      (zc_in_addr_is(), zc_in6_addr_is()), socket addresses from view
 *      bytes and a wire port (zc_sockaddr_from_bytes()) and back
 *      (zc_sockaddr_bytes(), zc_sockaddr_port())
 *   3. formatting, no allocation          zc_ip_format(bytes, buf, n) into
 *      the caller's buffer, zc_ip_text(bytes).str / zc_sockaddr_text(a).str
 *      returned by value (zc_addr_text), like zc_status_text()
 *   4. net.zc's address views             when the generated net.zc.h is
 *      included first: zc_ipv4_addr_in(v), zc_ipv6_addr_in6(v),
 *      zc_ipv4_addr_text(v), zc_ipv6_addr_text(v)
 *
 * Comparing a wire value with a host constant needs no socket API:
 * zc_be16_is(x, 53) is in zerocast.h.
 *
 * zerocast.h stays freestanding (<stdint.h>, <stddef.h>, <string.h>); this
 * header adds <netinet/in.h>, <arpa/inet.h> and <sys/socket.h> (POSIX).
 * Header-only, no allocation, no global state; compiles as C99/C11/C17 and
 * as C++17 under the flags zerocast.h names. docs/generated-api.md,
 * "Socket API bridges", describes it.
 */
#ifndef ZEROCAST_NET_H
#define ZEROCAST_NET_H

#include "zerocast.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- 1. values already in network order ------------------------------------ */

/*
 * sin_port, s_addr, a cmsg's or a kernel structure's be16/be32 member:
 * bytes already in network order, carried in a host integer type. These
 * give them their wire type without swapping (zc_htobe16(sin_port) would
 * swap them once more) and hand a wire value back to such a member.
 */
ZC_INLINE zc_be16 zc_be16_from_net(uint16_t net)
{
    zc_be16 x;
    x.raw = net;
    return x;
}

ZC_INLINE uint16_t zc_be16_to_net(zc_be16 x)
{
    return x.raw;
}

ZC_INLINE zc_be32 zc_be32_from_net(uint32_t net)
{
    zc_be32 x;
    x.raw = net;
    return x;
}

ZC_INLINE uint32_t zc_be32_to_net(zc_be32 x)
{
    return x.raw;
}

ZC_INLINE zc_be32 zc_be32_from_in_addr(struct in_addr a)
{
    return zc_be32_from_net(a.s_addr);
}

ZC_INLINE struct in_addr zc_in_addr_from_be32(zc_be32 x)
{
    struct in_addr a;
    a.s_addr = zc_be32_to_net(x);
    return a;
}

/* ---- 2. addresses ------------------------------------------------------------ */

/* A socket address of either family, readable without pointer casts. */
typedef union {
    struct sockaddr sa;
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    struct sockaddr_storage ss;
} zc_sockaddr;

/* The length of a for its family (0 for an unknown family). */
ZC_INLINE socklen_t zc_sockaddr_len(const zc_sockaddr *a)
{
    if (a->sa.sa_family == AF_INET)
        return (socklen_t)sizeof a->sin;
    if (a->sa.sa_family == AF_INET6)
        return (socklen_t)sizeof a->sin6;
    return 0;
}

/*
 * An address view's bytes (ipv4_addr_octets(v), ipv6_addr_octets(v), or
 * any zc_bytes of 4 / 16 bytes) into a struct in_addr / in6_addr: true,
 * or false (and *out untouched) when b does not have exactly that size.
 */
ZC_INLINE bool zc_in_addr_from_bytes(struct in_addr *out, zc_bytes b)
{
    if (b.len != sizeof *out)
        return false;
    ZC_MEMCPY(out, b.ptr, sizeof *out);
    return true;
}

ZC_INLINE bool zc_in6_addr_from_bytes(struct in6_addr *out, zc_bytes b)
{
    if (b.len != sizeof *out)
        return false;
    ZC_MEMCPY(out, b.ptr, sizeof *out);
    return true;
}

/*
 * The bytes of a struct in_addr / in6_addr, in network order: what
 * ipv4_addr_parse() / ipv6_addr_parse() take to view it, and what the
 * comparisons below and zc_ip_format() read. Borrowed from *a.
 */
ZC_INLINE zc_bytes zc_in_addr_bytes(const struct in_addr *a)
{
    const void *p = a;
#ifdef __cplusplus
    return zc_bytes_make(static_cast<const uint8_t *>(p), sizeof *a);
#else
    return zc_bytes_make((const uint8_t *)p, sizeof *a);
#endif
}

ZC_INLINE zc_bytes zc_in6_addr_bytes(const struct in6_addr *a)
{
    const void *p = a;
#ifdef __cplusplus
    return zc_bytes_make(static_cast<const uint8_t *>(p), sizeof *a);
#else
    return zc_bytes_make((const uint8_t *)p, sizeof *a);
#endif
}

/* Whether the bytes b are the address a (false for any other length). */
ZC_INLINE bool zc_in_addr_is(zc_bytes b, struct in_addr a)
{
    return zc_bytes_eq(b, zc_in_addr_bytes(&a));
}

ZC_INLINE bool zc_in6_addr_is(zc_bytes b, const struct in6_addr *a)
{
    return zc_bytes_eq(b, zc_in6_addr_bytes(a));
}

/*
 * A socket address from an address view's bytes (4: AF_INET, 16: AF_INET6)
 * and a port as it is on the wire (udp_dst_port(v), or ZC_BE16_INIT(53)).
 * Everything else in *out is zeroed. False (and *out zeroed) for any
 * other length.
 */
ZC_INLINE bool zc_sockaddr_from_bytes(zc_sockaddr *out, zc_bytes addr, zc_be16 port)
{
    memset(out, 0, sizeof *out);
    if (zc_in_addr_from_bytes(&out->sin.sin_addr, addr)) {
        out->sin.sin_family = AF_INET;
        out->sin.sin_port = zc_be16_to_net(port);
        return true;
    }
    if (zc_in6_addr_from_bytes(&out->sin6.sin6_addr, addr)) {
        out->sin6.sin6_family = AF_INET6;
        out->sin6.sin6_port = zc_be16_to_net(port);
        return true;
    }
    return false;
}

/* The address bytes of a (4 or 16, borrowed from *a); empty for another
   family. Compare them with an address view's bytes, or format them. */
ZC_INLINE zc_bytes zc_sockaddr_bytes(const zc_sockaddr *a)
{
    if (a->sa.sa_family == AF_INET)
        return zc_in_addr_bytes(&a->sin.sin_addr);
    if (a->sa.sa_family == AF_INET6)
        return zc_in6_addr_bytes(&a->sin6.sin6_addr);
    return zc_bytes_make(NULL, 0);
}

/* The port of a as a wire value (ZC_BE16_INIT(0) for another family). */
ZC_INLINE zc_be16 zc_sockaddr_port(const zc_sockaddr *a)
{
    if (a->sa.sa_family == AF_INET)
        return zc_be16_from_net(a->sin.sin_port);
    if (a->sa.sa_family == AF_INET6)
        return zc_be16_from_net(a->sin6.sin6_port);
    return zc_be16_from_net(0);
}

/* ---- 3. formatting ----------------------------------------------------------- */

/*
 * Room for the longest text below: "[" IPv6 (INET6_ADDRSTRLEN - 1 bytes)
 * "%" scope id (10 digits) "]:" port (5 digits), and the NUL.
 */
#define ZC_ADDR_TEXT_SIZE (INET6_ADDRSTRLEN + 20)

typedef struct {
    char str[ZC_ADDR_TEXT_SIZE];
} zc_addr_text;

/* Appends the decimal digits of v (internal). */
ZC_UNUSED static void zc_net_append_u32_(char *buf, size_t n, size_t *pos, uint32_t v)
{
    char num[12];
    size_t i = sizeof num - 1;
    num[i] = '\0';
    do {
        num[--i] = (char)('0' + (char)(v % 10));
        v /= 10;
    } while (v);
    zc_append_(buf, n, pos, num + i);
}

/*
 * Formats address bytes (4: dotted quad, 16: RFC 5952 text, as
 * inet_ntop() writes them) into buf, at most n bytes with the NUL; "?"
 * for any other length. Returns buf. Allocates nothing.
 */
ZC_UNUSED static char *zc_ip_format(zc_bytes addr, char *buf, size_t n)
{
    char text[INET6_ADDRSTRLEN];
    size_t pos = 0;
    const char *s = "?";
    int family = addr.len == 4 ? AF_INET : addr.len == 16 ? AF_INET6 : AF_UNSPEC;

    if (n == 0)
        return buf;
    if (family != AF_UNSPEC && inet_ntop(family, addr.ptr, text, (socklen_t)sizeof text))
        s = text;
    buf[0] = '\0';
    zc_append_(buf, n, &pos, s);
    return buf;
}

/* zc_ip_format() returned by value: printf("%s", zc_ip_text(b).str). The
   array lives to the end of the full expression (C11, C++). */
ZC_UNUSED static zc_addr_text zc_ip_text(zc_bytes addr)
{
    zc_addr_text t;
    memset(&t, 0, sizeof t);
    zc_ip_format(addr, t.str, sizeof t.str);
    return t;
}

/*
 * A socket address as text: "192.0.2.1:53", "[2001:db8::1]:53",
 * "[fe80::1%2]:53" (the scope id as a number); without the port (and the
 * brackets) when with_port is false; "?" for another family.
 */
ZC_UNUSED static zc_addr_text zc_sockaddr_text(const zc_sockaddr *a, bool with_port)
{
    zc_addr_text t;
    char ip[INET6_ADDRSTRLEN];
    size_t pos = 0;
    bool v6 = a->sa.sa_family == AF_INET6;

    t.str[0] = '\0';
    if (a->sa.sa_family != AF_INET && !v6) {
        zc_append_(t.str, sizeof t.str, &pos, "?");
        return t;
    }
    zc_ip_format(zc_sockaddr_bytes(a), ip, sizeof ip);
    if (v6 && with_port)
        zc_append_(t.str, sizeof t.str, &pos, "[");
    zc_append_(t.str, sizeof t.str, &pos, ip);
    if (v6 && a->sin6.sin6_scope_id) {
        zc_append_(t.str, sizeof t.str, &pos, "%");
        zc_net_append_u32_(t.str, sizeof t.str, &pos, a->sin6.sin6_scope_id);
    }
    if (with_port) {
        if (v6)
            zc_append_(t.str, sizeof t.str, &pos, "]");
        zc_append_(t.str, sizeof t.str, &pos, ":");
        zc_net_append_u32_(t.str, sizeof t.str, &pos, zc_be16toh(zc_sockaddr_port(a)));
    }
    return t;
}

#ifdef __cplusplus
}
#endif

#endif /* ZEROCAST_NET_H */

/* ---- 4. net.zc's address views ------------------------------------------------ */

/*
 * Defined when the header generated from the bundled net.zc (without a
 * name prefix) has been included: before this header, or before including
 * it once more (this part has its own guards). The reverse direction needs
 * nothing new: ipv4_addr_parse(&v, &in, sizeof in) views a struct in_addr.
 */
#ifdef __cplusplus
extern "C" {
#endif

#if defined(ZEROCAST_DEF_ipv4_addr) && !defined(ZEROCAST_NET_IPV4_ADDR_)
#define ZEROCAST_NET_IPV4_ADDR_
ZC_INLINE struct in_addr zc_ipv4_addr_in(ipv4_addr_view v)
{
    struct in_addr a;
    memset(&a, 0, sizeof a);
    (void)zc_in_addr_from_bytes(&a, ipv4_addr_octets(v));
    return a;
}

ZC_UNUSED static zc_addr_text zc_ipv4_addr_text(ipv4_addr_view v)
{
    return zc_ip_text(ipv4_addr_octets(v));
}
#endif

#if defined(ZEROCAST_DEF_ipv6_addr) && !defined(ZEROCAST_NET_IPV6_ADDR_)
#define ZEROCAST_NET_IPV6_ADDR_
ZC_INLINE struct in6_addr zc_ipv6_addr_in6(ipv6_addr_view v)
{
    struct in6_addr a;
    memset(&a, 0, sizeof a);
    (void)zc_in6_addr_from_bytes(&a, ipv6_addr_octets(v));
    return a;
}

ZC_UNUSED static zc_addr_text zc_ipv6_addr_text(ipv6_addr_view v)
{
    return zc_ip_text(ipv6_addr_octets(v));
}
#endif

#ifdef __cplusplus
}
#endif
