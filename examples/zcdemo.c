/*
 * zcdemo - prints every packet of pcap files, one line per packet, using
 * only zerocast-generated parsers: no struct casts, no ntohs, no hand-written
 * offsets.
 *
 *   zcdemo FILE.pcap...
 *
 * Each layer is parsed from the previous layer's payload bytes; a layer that
 * fails validation is printed as [malformed: <status>] and the walk stops
 * there, so damaged or truncated packets are shown as far as they are valid.
 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "arp.zc.h"
#include "dns.zc.h"
#include "ethernet.zc.h"
#include "icmpv4.zc.h"
#include "icmpv6.zc.h"
#include "ipv4.zc.h"
#include "ipv6.zc.h"
#include "tcp.zc.h"
#include "udp.zc.h"
#include "vlan.zc.h"
#include "vxlan.zc.h"

#define VXLAN_PORT 4789
#define DNS_PORT 53

static void print_mac(mac_addr_view m)
{
    zc_bytes b = mac_addr_octets(m);
    for (size_t i = 0; i < b.len; i++)
        printf("%s%02x", i ? ":" : "", b.ptr[i]);
}

static void print_ip(int family, zc_bytes b)
{
    char text[INET6_ADDRSTRLEN];
    inet_ntop(family, b.ptr, text, sizeof text);
    fputs(text, stdout);
}

/* Prints "[malformed: ...]" if st failed; returns whether it did. */
static int malformed(zc_status st)
{
    char buf[160];
    if (st.code == ZC_OK)
        return 0;
    printf(" [malformed: %s]", zc_status_format(st, buf, sizeof buf));
    return 1;
}

static const char *name_or(const char *name, const char *fallback)
{
    return name ? name : fallback;
}

static void show_ethernet(zc_bytes b);

static void show_dns(zc_bytes b)
{
    dns_view d;
    printf(" | dns");
    if (malformed(dns_parse(&d, b.ptr, b.len)))
        return;
    printf(" id %u %s %s", zc_be16toh(dns_id(d)), dns_qr(d) ? "response" : "query",
           name_or(dns_operation_name(dns_opcode(d)), "?"));
    if (dns_qr(d))
        printf(" %s", name_or(dns_response_code_name(dns_rcode(d)), "?"));
    printf(" qd %u an %u ns %u ar %u", zc_be16toh(dns_qdcount(d)), zc_be16toh(dns_ancount(d)),
           zc_be16toh(dns_nscount(d)), zc_be16toh(dns_arcount(d)));
}

static void show_udp(zc_bytes b)
{
    udp_view u;
    printf(" | udp");
    if (malformed(udp_parse(&u, b.ptr, b.len)))
        return;
    uint16_t sport = zc_be16toh(udp_src_port(u)), dport = zc_be16toh(udp_dst_port(u));
    printf(" %u > %u len %u", sport, dport, zc_be16toh(udp_length(u)));
    if (sport == DNS_PORT || dport == DNS_PORT) {
        show_dns(udp_payload(u));
    } else if (dport == VXLAN_PORT) {
        vxlan_view x;
        printf(" | vxlan");
        if (malformed(vxlan_parse(&x, udp_payload(u).ptr, udp_payload(u).len)))
            return;
        printf(" vni %u |", vxlan_vni(x));
        show_ethernet(vxlan_payload(x));
    }
}

static void show_tcp(zc_bytes b)
{
    tcp_view t;
    printf(" | tcp");
    if (malformed(tcp_parse(&t, b.ptr, b.len)))
        return;
    printf(" %u > %u [%s%s%s%s%s%s] seq %u ack %u win %u", zc_be16toh(tcp_src_port(t)),
           zc_be16toh(tcp_dst_port(t)), tcp_syn(t) ? "S" : "", tcp_fin(t) ? "F" : "",
           tcp_rst(t) ? "R" : "", tcp_psh(t) ? "P" : "", tcp_ack(t) ? "." : "",
           tcp_urg(t) ? "U" : "", zc_be32toh(tcp_seq_num(t)), zc_be32toh(tcp_ack_num(t)),
           zc_be16toh(tcp_window(t)));
    {
        zc_iter it = tcp_options(t);
        tcp_option_view opt;
        size_t n = 0;
        while (tcp_option_next(&it, &opt))
            n++;
        if (n || zc_iter_status(&it).code != ZC_OK)
            printf(" options %zu%s", n, zc_iter_status(&it).code != ZC_OK ? " [malformed]" : "");
    }
    printf(" length %zu", tcp_payload(t).len);
}

static void show_transport(ip_proto proto, zc_bytes b)
{
    switch (proto) {
    case IP_PROTO_TCP:
        show_tcp(b);
        break;
    case IP_PROTO_UDP:
        show_udp(b);
        break;
    case IP_PROTO_ICMP: {
        icmpv4_view c;
        icmpv4_echo_view e;
        printf(" | icmp");
        if (malformed(icmpv4_parse(&c, b.ptr, b.len)))
            return;
        printf(" %s code %u", name_or(icmp_type_name(icmpv4_type(c)), "type?"), icmpv4_code(c));
        if (icmpv4_echo_parse(&e, b.ptr, b.len).code == ZC_OK)
            printf(" id %u seq %u", zc_be16toh(icmpv4_echo_identifier(e)),
                   zc_be16toh(icmpv4_echo_sequence(e)));
        break;
    }
    case IP_PROTO_ICMPV6: {
        icmpv6_view c;
        icmpv6_echo_view e;
        printf(" | icmp6");
        if (malformed(icmpv6_parse(&c, b.ptr, b.len)))
            return;
        printf(" %s code %u", name_or(icmp6_type_name(icmpv6_type(c)), "type?"), icmpv6_code(c));
        if (icmpv6_echo_parse(&e, b.ptr, b.len).code == ZC_OK)
            printf(" id %u seq %u", zc_be16toh(icmpv6_echo_identifier(e)),
                   zc_be16toh(icmpv6_echo_sequence(e)));
        break;
    }
    default:
        printf(" | %s (%zu bytes)", name_or(ip_proto_name(proto), "ip-proto?"), b.len);
        break;
    }
}

static void show_ethertype(ether_type type, zc_bytes b)
{
    switch (type) {
    case ETHER_TYPE_IPV4: {
        ipv4_view ip;
        printf(" | ipv4");
        if (malformed(ipv4_parse(&ip, b.ptr, b.len)))
            return;
        printf(" ");
        print_ip(AF_INET, ipv4_addr_octets(ipv4_src(ip)));
        printf(" > ");
        print_ip(AF_INET, ipv4_addr_octets(ipv4_dst(ip)));
        printf(" ttl %u id %u%s%s len %u", ipv4_ttl(ip), zc_be16toh(ipv4_identification(ip)),
               ipv4_dont_fragment(ip) ? " DF" : "", ipv4_more_fragments(ip) ? " MF" : "",
               zc_be16toh(ipv4_total_length(ip)));
        if (ipv4_ihl(ip) > 5)
            printf(" options %u bytes", ipv4_ihl(ip) * 4u - 20u);
        if (ipv4_fragment_offset(ip) != 0)
            printf(" frag %u", ipv4_fragment_offset(ip) * 8u);
        else
            show_transport(ipv4_protocol(ip), ipv4_payload(ip));
        break;
    }
    case ETHER_TYPE_IPV6: {
        ipv6_view ip;
        printf(" | ipv6");
        if (malformed(ipv6_parse(&ip, b.ptr, b.len)))
            return;
        printf(" ");
        print_ip(AF_INET6, ipv6_addr_octets(ipv6_src(ip)));
        printf(" > ");
        print_ip(AF_INET6, ipv6_addr_octets(ipv6_dst(ip)));
        printf(" hlim %u flow 0x%05x plen %u", ipv6_hop_limit(ip), ipv6_flow_label(ip),
               zc_be16toh(ipv6_payload_length(ip)));
        show_transport(ipv6_next_header(ip), ipv6_payload(ip));
        break;
    }
    case ETHER_TYPE_ARP: {
        arp_view a;
        printf(" | arp");
        if (malformed(arp_parse(&a, b.ptr, b.len)))
            return;
        printf(" %s ", name_or(arp_opcode_name(arp_oper(a)), "op?"));
        print_ip(AF_INET, ipv4_addr_octets(arp_spa(a)));
        printf(" (");
        print_mac(arp_sha(a));
        printf(") > ");
        print_ip(AF_INET, ipv4_addr_octets(arp_tpa(a)));
        break;
    }
    case ETHER_TYPE_VLAN:
    case ETHER_TYPE_QINQ: {
        vlan_view v;
        printf(" | vlan");
        if (malformed(vlan_parse(&v, b.ptr, b.len)))
            return;
        printf(" %u pcp %u%s", vlan_vid(v), vlan_pcp(v), vlan_dei(v) ? " dei" : "");
        show_ethertype(vlan_type(v), vlan_payload(v));
        break;
    }
    default:
        printf(" | ethertype 0x%04x (%zu bytes)", (unsigned)type, b.len);
        break;
    }
}

static void show_ethernet(zc_bytes b)
{
    ethernet_view e;
    printf(" eth");
    if (malformed(ethernet_parse(&e, b.ptr, b.len)))
        return;
    printf(" ");
    print_mac(ethernet_src(e));
    printf(" > ");
    print_mac(ethernet_dst(e));
    show_ethertype(ethernet_type(e), ethernet_payload(e));
}

static int show_file(const char *path)
{
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(path, err);
    if (!pc) {
        fprintf(stderr, "zcdemo: %s\n", err);
        return 1;
    }
    printf("== %s\n", path);
    if (pcap_datalink(pc) != DLT_EN10MB) {
        fprintf(stderr, "zcdemo: %s: link type %s is not Ethernet\n", path,
                pcap_datalink_val_to_name(pcap_datalink(pc)));
        pcap_close(pc);
        return 1;
    }
    struct pcap_pkthdr *h;
    const u_char *data;
    unsigned n = 0;
    int rc;
    while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
        printf("%4u %4u bytes%s", ++n, h->len, h->caplen < h->len ? " (snapped)" : "");
        show_ethernet(zc_bytes_make(data, h->caplen));
        printf("\n");
    }
    if (rc == PCAP_ERROR)
        fprintf(stderr, "zcdemo: %s: %s\n", path, pcap_geterr(pc));
    pcap_close(pc);
    return rc == PCAP_ERROR;
}

int main(int argc, char **argv)
{
    int status = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: zcdemo FILE.pcap...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        status |= show_file(argv[i]);
    return status;
}
