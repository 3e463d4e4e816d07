/*
 * genevecat - parses one hard-coded Geneve packet (RFC 8926) with one
 * option, whose payload is Example 1 of RFC 791, Appendix A: "the minimal
 * data carrying internet datagram" (version 4, IHL 5, total length 21,
 * identification 111, time 123, protocol 1, one octet of data; the
 * addresses are RFC 5737 documentation addresses).
 *
 * demo_geneve.zc.h comes from this directory's demo_geneve.zc (which imports the
 * installed net.zc and options/demo_geneve_option.zc); ipv4.zc.h from the
 * installed, bundled ipv4.zc.
 */
#include <stdio.h>

#include "demo_geneve.zc.h"
#include "ipv4.zc.h"

static const uint8_t packet[] = {
    /* Geneve: version 0, 8 bytes of options, protocol type IPv4, VNI 4660 */
    0x02, 0x00, 0x08, 0x00,
    0x00, 0x12, 0x34, 0x00,
    /* one option: class 0xff01 (experimental), type 5, 4 bytes of data */
    0xff, 0x01, 0x05, 0x01,
    0xde, 0xad, 0xbe, 0xef,
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
    fprintf(stderr, "genevecat: bad %s: %s\n", what, zc_status_format(st, msg, sizeof msg));
    return 1;
}

int main(void)
{
    demo_geneve_view g;
    zc_status st = demo_geneve_parse(&g, packet, sizeof packet);
    if (st.code != ZC_OK)
        return fail("geneve", st);
    const char *proto = ether_type_name(demo_geneve_protocol_type(g));
    printf("geneve: vni %u, protocol %s, oam %u, %zu option bytes\n",
           (unsigned)demo_geneve_vni(g), proto ? proto : "?", (unsigned)demo_geneve_oam(g),
           demo_geneve_options(g).len);

    /* the options: a sequence of TLVs */
    zc_bytes opts = demo_geneve_options(g);
    while (opts.len > 0) {
        demo_geneve_option_view o;
        st = demo_geneve_option_parse(&o, opts.ptr, opts.len);
        if (st.code != ZC_OK)
            return fail("geneve option", st);
        printf("option: class 0x%04x, type %u, %zu data bytes\n",
               (unsigned)zc_be16toh(demo_geneve_option_option_class(o)),
               (unsigned)demo_geneve_option_type(o), demo_geneve_option_data(o).len);
        opts.ptr += o.zc_len;
        opts.len -= o.zc_len;
    }

    if (demo_geneve_protocol_type(g) != ETHER_TYPE_IPV4)
        return 0;
    zc_bytes inner = demo_geneve_payload(g);
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
