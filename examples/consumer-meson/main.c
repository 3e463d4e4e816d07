/*
 * grecat - parses one hard-coded GRE packet (RFC 2784, with an RFC 2890
 * key) whose payload is Example 1 of RFC 791, Appendix A: "the minimal data
 * carrying internet datagram" (version 4, IHL 5, total length 21,
 * identification 111, time 123, protocol 1, one octet of data; the
 * addresses are RFC 5737 documentation addresses).
 *
 * demo_gre.zc.h comes from this directory's demo_gre.zc (which imports the installed
 * net.zc); ipv4.zc.h from the installed, bundled ipv4.zc.
 */
#include <stdio.h>

#include "demo_gre.zc.h"
#include "ipv4.zc.h"

static const uint8_t packet[] = {
    /* GRE: K set, version 0, protocol type IPv4, key 1000 */
    0x20, 0x00, 0x08, 0x00,
    0x00, 0x00, 0x03, 0xe8,
    /* RFC 791, Appendix A, Example 1 */
    0x45, 0x00, 0x00, 0x15,     /* version 4, IHL 5, TOS 0, total length 21 */
    0x00, 0x6f, 0x00, 0x00,     /* identification 111, flags 0, offset 0 */
    0x7b, 0x01, 0x53, 0x42,     /* time 123, protocol 1, header checksum */
    192, 0, 2, 1,               /* source 192.0.2.1 */
    198, 51, 100, 2,            /* destination 198.51.100.2 */
    0x2a,                       /* data */
};

static int fail(const char *what, zc_status st)
{
    char msg[128];
    fprintf(stderr, "grecat: bad %s: %s\n", what, zc_status_format(st, msg, sizeof msg));
    return 1;
}

int main(void)
{
    demo_gre_view g;
    zc_status st = demo_gre_parse(&g, packet, sizeof packet);
    if (st.code != ZC_OK)
        return fail("gre", st);

    const char *proto = ether_type_name(demo_gre_protocol_type(g));
    zc_bytes opt = demo_gre_options(g);
    printf("gre: version %u, key %s, protocol %s, %zu option bytes, %zu payload bytes\n",
           (unsigned)demo_gre_version(g), demo_gre_key_present(g) ? "present" : "absent",
           proto ? proto : "?", opt.len, demo_gre_payload(g).len);
    if (demo_gre_protocol_type(g) != ETHER_TYPE_IPV4)
        return 0;

    zc_bytes inner = demo_gre_payload(g);
    ipv4_view ip;
    st = ipv4_parse(&ip, inner.ptr, inner.len);
    if (st.code != ZC_OK)
        return fail("ipv4", st);
    zc_bytes src = ipv4_addr_octets(ipv4_src(ip)), dst = ipv4_addr_octets(ipv4_dst(ip));
    printf("ipv4: %u.%u.%u.%u > %u.%u.%u.%u, id %u, ttl %u, protocol %s, "
           "total length %u, %zu data bytes\n",
           src.ptr[0], src.ptr[1], src.ptr[2], src.ptr[3],
           dst.ptr[0], dst.ptr[1], dst.ptr[2], dst.ptr[3],
           (unsigned)zc_be16toh(ipv4_identification(ip)), (unsigned)ipv4_ttl(ip),
           ip_proto_name(ipv4_protocol(ip)),
           (unsigned)zc_be16toh(ipv4_total_length(ip)), ipv4_payload(ip).len);
    return 0;
}
