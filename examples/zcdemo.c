/*
 * zcdemo - prints every packet of pcap files, one line per packet, using
 * only zerocast-generated code: no struct casts, no ntohs, no hand-written
 * offsets.
 *
 *   zcdemo FILE.pcap...
 *
 * Each packet is decoded by one call to the stack walker packet_walk(),
 * generated from schemas/packet.zc (which layer follows which: EtherType,
 * IP protocol, IPv6 next header, well-known ports). The line then shows
 * each layer from its view. A layer that fails validation ends the walk:
 * it is printed as "name [malformed: <status>]", so damaged or truncated
 * packets are shown as far as they are valid. A walk that stops without
 * anything malformed says why instead: "udp [fragment: ...]" (a first
 * fragment), "dns_message [undecoded: ...]" (a port's guess that is not
 * that protocol). Payload bytes that no rule of
 * the stack decodes are counted at the end of the line.
 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "packet.zc.h"   /* every bundled protocol, the stack walker, zerocast_dns.h */

/* Enough for Ethernet, two VLAN tags, IPv6 with 8 extension headers,
 * UDP, VXLAN and the same again inside. */
#define MAX_LAYERS 32

static const char *name_or(const char *name, const char *fallback)
{
    return name ? name : fallback;
}

static void print_mac(zc_bytes b)
{
    for (size_t i = 0; i < b.len; i++)
        printf("%s%02x", i ? ":" : "", b.ptr[i]);
}

static void print_ip(int family, zc_bytes b)
{
    char text[INET6_ADDRSTRLEN];
    inet_ntop(family, b.ptr, text, sizeof text);
    fputs(text, stdout);
}

/* " [malformed: truncated: udp.payload at offset 42]": what failed, once
   (a status that is itself "malformed" does not repeat the word); a walk
   that stopped on a fragment or a port's guess is not malformed:
   " [fragment: ...]", " [undecoded: ...]". */
static void print_status(zc_status st)
{
    char buf[160];
    const char *text = zc_status_format(st, buf, sizeof buf);
    if (st.code == ZC_FRAGMENT || st.code == ZC_UNDECODED) {
        printf(" [%s]", text);
        return;
    }
    if (st.code == ZC_ERR_MALFORMED && strncmp(text, "malformed: ", 11) == 0)
        text += 11;
    printf(" [malformed: %s]", text);
}

/* " options N", and the status if the walk over them stopped early (its
   offset counts from the start of the header that holds the options). */
static void print_option_count(size_t n, zc_status walk)
{
    printf(" options %zu", n);
    if (walk.code != ZC_OK)
        print_status(walk);
}

static void print_ether_type(ether_type t)
{
    const char *name = ether_type_name(t);
    if (name)
        printf("%s", name);
    else
        printf("ethertype 0x%04x", (unsigned)t);
}

static void print_ip_proto(ip_proto p)
{
    const char *name = ip_proto_name(p);
    if (name)
        printf("%s", name);
    else
        printf("ip-proto %u", (unsigned)p);
}

/* The short name a layer is printed under. */
static const char *layer_name(packet_proto p)
{
    switch (p) {
    case PACKET_ETHERNET:
        return "eth";
    case PACKET_ICMPV4:
        return "icmp";
    case PACKET_ICMPV6:
        return "icmp6";
    case PACKET_IPV6_HOP_BY_HOP:
        return "hop-by-hop";
    case PACKET_IPV6_ROUTING:
        return "routing";
    case PACKET_IPV6_FRAGMENT:
        return "fragment";
    case PACKET_IPV6_DEST_OPTIONS:
        return "dest-opts";
    case PACKET_DNS_MESSAGE:
        return "dns";
    case PACKET_DNS_TCP:
        return "dns-tcp";
    default:
        return name_or(packet_proto_name(p), "?");
    }
}

/*
 * A DNS message, parsed from msg (at offset `at` in the packet): header,
 * counts and the first question.
 */
static void print_dns(dns_message_view d, zc_bytes msg, size_t at)
{
    printf(" id %u %s %s", zc_be16toh(dns_message_id(d)), dns_message_qr(d) ? "response" : "query",
           name_or(dns_operation_name(dns_message_opcode(d)), "?"));
    if (dns_message_qr(d))
        printf(" %s", name_or(dns_response_code_name(dns_message_rcode(d)), "?"));
    printf(" qd %u an %u ns %u ar %u", zc_be16toh(dns_message_qdcount(d)),
           zc_be16toh(dns_message_ancount(d)), zc_be16toh(dns_message_nscount(d)),
           zc_be16toh(dns_message_arcount(d)));

    dns_question_iter it = dns_message_questions(d);
    dns_question_view q;
    if (dns_question_next(&it, &q)) {
        char name[ZC_DNS_NAME_TEXT_MAX];
        size_t n;
        zc_status st = zc_dns_name_decode(msg.ptr, msg.len, dns_question_name(q), name, sizeof name, &n);
        printf(" question");
        if (st.code != ZC_OK) {
            print_status(zc_fail_nested(st, at));   /* offsets from the packet */
            return;
        }
        printf(" %s", name);
        const char *type = dns_type_name(dns_question_type(q));
        if (type)
            printf(" %s", type);
        else
            printf(" TYPE%u", (unsigned)dns_question_type(q));
    }
}

static void print_tcp(tcp_view t)
{
    printf(" %u > %u [%s%s%s%s%s%s] seq %u ack %u win %u", zc_be16toh(tcp_src_port(t)),
           zc_be16toh(tcp_dst_port(t)), tcp_syn(t) ? "S" : "", tcp_fin(t) ? "F" : "",
           tcp_rst(t) ? "R" : "", tcp_psh(t) ? "P" : "", tcp_ack(t) ? "." : "",
           tcp_urg(t) ? "U" : "", zc_be32toh(tcp_seq_num(t)), zc_be32toh(tcp_ack_num(t)),
           zc_be16toh(tcp_window(t)));
    tcp_option_iter it = tcp_options(t);
    tcp_option_view opt;
    size_t n = 0;
    while (tcp_option_next(&it, &opt))
        n++;
    if (n || zc_iter_status(&it).code != ZC_OK)
        print_option_count(n, zc_iter_status(&it));
}

static void print_ipv4_header(ipv4_view ip)
{
    printf(" ");
    print_ip(AF_INET, ipv4_addr_octets(ipv4_src(ip)));
    printf(" > ");
    print_ip(AF_INET, ipv4_addr_octets(ipv4_dst(ip)));
    printf(" ttl %u id %u%s%s len %u", ipv4_ttl(ip), zc_be16toh(ipv4_identification(ip)),
           ipv4_dont_fragment(ip) ? " DF" : "", ipv4_more_fragments(ip) ? " MF" : "",
           zc_be16toh(ipv4_total_length(ip)));
    ipv4_option_iter it = ipv4_options(ip);
    ipv4_option_view opt;
    size_t n = 0;
    while (ipv4_option_next(&it, &opt))
        n++;
    if (n || zc_iter_status(&it).code != ZC_OK)
        print_option_count(n, zc_iter_status(&it));
    if (ipv4_fragment_offset(ip) != 0)
        printf(" frag %u", ipv4_fragment_offset(ip) * 8u);
}

/* The options of a hop-by-hop or destination options header. */
static void print_ipv6_options(ipv6_option_iter it)
{
    ipv6_option_view opt;
    size_t n = 0;
    while (ipv6_option_next(&it, &opt))
        n++;
    print_option_count(n, zc_iter_status(&it));
}

static void print_dhcp(dhcp_view d)
{
    dhcp_option_iter it = dhcp_options(d);
    dhcp_option_view opt;
    while (dhcp_option_next(&it, &opt)) {
        dhcp_message_type_data_view mt;
        if (dhcp_option_message_type(opt, &mt)) {
            dhcp_message_type t = dhcp_message_type_data_value(mt);
            const char *name = dhcp_message_type_name(t);
            if (name)
                printf(" %s", name);
            else
                printf(" type %u", (unsigned)t);
            break;
        }
    }
    printf(" %s xid 0x%08x", name_or(dhcp_opcode_name(dhcp_op(d)), "op?"), zc_be32toh(dhcp_xid(d)));
    /* chaddr is 16 bytes, of which the first hlen (<= 16, checked) are used */
    zc_bytes ch = dhcp_chaddr(d);
    if (dhcp_hlen(d) < ch.len)
        ch.len = dhcp_hlen(d);
    printf(" client ");
    print_mac(ch);
}

/* One layer, after the separator and its name. */
static void print_layer(const packet_layer *l)
{
    switch (l->proto) {
    case PACKET_NONE:
        break;
    case PACKET_ETHERNET:
        printf(" ");
        print_mac(mac_addr_octets(ethernet_src(l->v.ethernet)));
        printf(" > ");
        print_mac(mac_addr_octets(ethernet_dst(l->v.ethernet)));
        break;
    case PACKET_VLAN:
        printf(" %u pcp %u%s", vlan_vid(l->v.vlan), vlan_pcp(l->v.vlan),
               vlan_dei(l->v.vlan) ? " dei" : "");
        break;
    case PACKET_GRE: {
        gre_view g = l->v.gre;
        printf(" ");
        print_ether_type(gre_protocol(g));
        if (gre_has_key(g))
            printf(" key 0x%08x", zc_be32toh(gre_key(g)));
        if (gre_has_sequence(g))
            printf(" seq %u", zc_be32toh(gre_sequence(g)));
        if (gre_has_checksum(g))
            printf(" csum");
        break;
    }
    case PACKET_IPV4:
        print_ipv4_header(l->v.ipv4);
        break;
    case PACKET_IPV6: {
        ipv6_view ip = l->v.ipv6;
        printf(" ");
        print_ip(AF_INET6, ipv6_addr_octets(ipv6_src(ip)));
        printf(" > ");
        print_ip(AF_INET6, ipv6_addr_octets(ipv6_dst(ip)));
        printf(" hlim %u flow 0x%05x plen %u", ipv6_hop_limit(ip), ipv6_flow_label(ip),
               zc_be16toh(ipv6_payload_length(ip)));
        break;
    }
    case PACKET_ARP: {
        arp_view a = l->v.arp;
        printf(" %s ", name_or(arp_opcode_name(arp_oper(a)), "op?"));
        print_ip(AF_INET, ipv4_addr_octets(arp_spa(a)));
        printf(" (");
        print_mac(mac_addr_octets(arp_sha(a)));
        printf(") > ");
        print_ip(AF_INET, ipv4_addr_octets(arp_tpa(a)));
        break;
    }
    case PACKET_IPV6_HOP_BY_HOP:
        print_ipv6_options(ipv6_hop_by_hop_options(l->v.ipv6_hop_by_hop));
        break;
    case PACKET_IPV6_DEST_OPTIONS:
        print_ipv6_options(ipv6_dest_options_options(l->v.ipv6_dest_options));
        break;
    case PACKET_IPV6_ROUTING:
        printf(" type %u left %u", ipv6_routing_routing_type(l->v.ipv6_routing),
               ipv6_routing_segments_left(l->v.ipv6_routing));
        break;
    case PACKET_IPV6_FRAGMENT: {
        ipv6_fragment_view f = l->v.ipv6_fragment;
        printf(" off %u%s id 0x%08x", ipv6_fragment_fragment_offset(f) * 8u,
               ipv6_fragment_more_fragments(f) ? " M" : "",
               zc_be32toh(ipv6_fragment_identification(f)));
        break;
    }
    case PACKET_TCP:
        print_tcp(l->v.tcp);
        break;
    case PACKET_UDP:
        printf(" %u > %u len %u", zc_be16toh(udp_src_port(l->v.udp)),
               zc_be16toh(udp_dst_port(l->v.udp)), zc_be16toh(udp_length(l->v.udp)));
        break;
    case PACKET_ICMPV4: {
        /* Echo and Echo Reply have a view of their own over the same bytes */
        icmpv4_echo_view e;
        printf(" %s code %u", name_or(icmp_type_name(icmpv4_type(l->v.icmpv4)), "type?"),
               icmpv4_code(l->v.icmpv4));
        if (icmpv4_echo_parse(&e, l->bytes.ptr, l->bytes.len).code == ZC_OK)
            printf(" id %u seq %u", zc_be16toh(icmpv4_echo_identifier(e)),
                   zc_be16toh(icmpv4_echo_sequence(e)));
        break;
    }
    case PACKET_ICMPV6: {
        icmpv6_echo_view e;
        printf(" %s code %u", name_or(icmp6_type_name(icmpv6_type(l->v.icmpv6)), "type?"),
               icmpv6_code(l->v.icmpv6));
        if (icmpv6_echo_parse(&e, l->bytes.ptr, l->bytes.len).code == ZC_OK)
            printf(" id %u seq %u", zc_be16toh(icmpv6_echo_identifier(e)),
                   zc_be16toh(icmpv6_echo_sequence(e)));
        break;
    }
    case PACKET_DNS_MESSAGE:
        /* the message starts the layer's bytes: compression pointers count from there */
        print_dns(l->v.dns_message, l->bytes, l->offset);
        break;
    case PACKET_DNS_TCP:   /* the length prefix; the message is the next layer */
        printf(" len %u", zc_be16toh(dns_tcp_length(l->v.dns_tcp)));
        break;
    case PACKET_DHCP:
        print_dhcp(l->v.dhcp);
        break;
    case PACKET_VXLAN:
        printf(" vni %u", vxlan_vni(l->v.vxlan));
        break;
    case PACKET_GENEVE: {
        geneve_view g = l->v.geneve;
        geneve_option_iter it = geneve_options(g);
        geneve_option_view o;
        printf(" vni %u ", geneve_vni(g));
        print_ether_type(geneve_protocol(g));
        printf("%s%s", geneve_oam(g) ? " oam" : "", geneve_critical(g) ? " critical" : "");
        while (geneve_option_next(&it, &o))
            printf(" opt 0x%04x/0x%02x%s len %zu", zc_be16toh(geneve_option_option_class(o)),
                   geneve_option_type_id(o), geneve_option_critical(o) ? " C" : "", geneve_option_data(o).len);
        break;
    }
    case PACKET_ERSPAN_II: {
        erspan_ii_view e = l->v.erspan_ii;
        printf(" session %u vlan %u cos %u index 0x%05x%s", erspan_ii_session_id(e), erspan_ii_vlan(e),
               erspan_ii_cos(e), erspan_ii_index(e), erspan_ii_truncated(e) ? " truncated" : "");
        break;
    }
    case PACKET_ERSPAN_III: {
        erspan_iii_view e = l->v.erspan_iii;
        erspan_platform_view pf;
        printf(" session %u vlan %u cos %u hw %u %s ts %u ft %u", erspan_iii_session_id(e), erspan_iii_vlan(e),
               erspan_iii_cos(e), erspan_iii_hw_id(e), erspan_iii_direction(e) ? "egress" : "ingress",
               zc_be32toh(erspan_iii_timestamp(e)), erspan_iii_ft(e));
        if (erspan_iii_platform(e, &pf))
            printf(" platform %u", erspan_platform_platform_id(pf));
        break;
    }
    case PACKET_LLC:
        printf(" dsap 0x%02x ssap 0x%02x ctrl 0x%02x", llc_dsap(l->v.llc), llc_ssap(l->v.llc),
               llc_control(l->v.llc));
        break;
    case PACKET_SNAP:
        printf(" oui 0x%06x ", (unsigned)snap_oui(l->v.snap));
        print_ether_type(snap_pid(l->v.snap));
        break;
    case PACKET_NTP:
        printf(" v%u %s stratum %u", ntp_version(l->v.ntp),
               name_or(ntp_association_mode_name(ntp_mode(l->v.ntp)), "mode?"), ntp_stratum(l->v.ntp));
        break;
    case PACKET_STP: {
        stp_view b = l->v.stp;
        stp_config_view c;
        printf(" v%u %s", (unsigned)stp_version(b),
               name_or(stp_type_name(stp_bpdu_type(b)), "type?"));
        if (stp_config(b, &c)) {
            stp_bridge_id_view r = stp_config_root(c);
            printf(" root %u/%u/", stp_bridge_id_priority(r) * 4096u, stp_bridge_id_system_id_ext(r));
            print_mac(mac_addr_octets(stp_bridge_id_mac(r)));
            printf(" cost %u port 0x%x%s%s", zc_be32toh(stp_config_root_path_cost(c)),
                   stp_port_id_priority(stp_config_port(c)) << 12 | stp_port_id_number(stp_config_port(c)),
                   stp_config_tc(c) ? " tc" : "", stp_config_tc_ack(c) ? " tca" : "");
            /* times are in 1/256 s */
            printf(" age %.2fs", zc_be16toh(stp_config_message_age(c)) / 256.0);
        }
        if (stp_has_mst(b)) {
            stp_mst_view m;
            if (stp_mst(b, &m))
                printf(" mst \"%.32s\"", (const char *)stp_mst_config_name(m).ptr);
        }
        break;
    }
    case PACKET_PPPOE_DISCOVERY: {
        pppoe_discovery_view d = l->v.pppoe_discovery;
        pppoe_tag_iter it = pppoe_discovery_tags(d);
        pppoe_tag_view t;
        printf(" %s session 0x%04x", name_or(pppoe_code_name(pppoe_discovery_code(d)), "code?"),
               zc_be16toh(pppoe_discovery_session_id(d)));
        while (pppoe_tag_next(&it, &t))
            printf(" %s(%u)", name_or(pppoe_tag_kind_name(pppoe_tag_type(t)), "tag?"),
                   zc_be16toh(pppoe_tag_length(t)));
        if (zc_iter_status(&it).code != ZC_OK)
            printf(" [bad tags]");
        break;
    }
    case PACKET_PPPOE_SESSION:
        printf(" session 0x%04x len %u", zc_be16toh(pppoe_session_session_id(l->v.pppoe_session)),
               zc_be16toh(pppoe_session_length(l->v.pppoe_session)));
        break;
    case PACKET_PPP:
        printf(" %s", name_or(ppp_proto_name(ppp_protocol(l->v.ppp)), "proto?"));
        break;
    case PACKET_LCP:
        printf(" %s id %u", name_or(ppp_cp_code_name(lcp_code(l->v.lcp)), "code?"), lcp_identifier(l->v.lcp));
        break;
    case PACKET_IPCP:
        printf(" %s id %u", name_or(ppp_cp_code_name(ipcp_code(l->v.ipcp)), "code?"), ipcp_identifier(l->v.ipcp));
        break;
    case PACKET_IPV6CP:
        printf(" %s id %u", name_or(ppp_cp_code_name(ipv6cp_code(l->v.ipv6cp)), "code?"),
               ipv6cp_identifier(l->v.ipv6cp));
        break;
    case PACKET_LINUX_SLL:
        printf(" %s ", name_or(sll_packet_type_name(linux_sll_packet_type(l->v.linux_sll)), "type?"));
        print_ether_type(linux_sll_protocol(l->v.linux_sll));
        break;
    case PACKET_LINUX_SLL2:
        printf(" if %u %s ", zc_be32toh(linux_sll2_ifindex(l->v.linux_sll2)),
               name_or(sll2_packet_type_name(linux_sll2_packet_type(l->v.linux_sll2)), "type?"));
        print_ether_type(linux_sll2_protocol(l->v.linux_sll2));
        break;
    case PACKET_RADIOTAP:   /* a walk start (LINKTYPE 127); its 802.11 payload is not decoded */
        printf(" v%u length %u", radiotap_version(l->v.radiotap), zc_le16toh(radiotap_length(l->v.radiotap)));
        break;
    case PACKET_MPLS: {
        mpls_label_iter it = mpls_labels(l->v.mpls);
        mpls_label_view m;
        while (mpls_label_next(&it, &m))
            printf(" label %u tc %u%s ttl %u", mpls_label_label(m), mpls_label_tc(m),
                   mpls_label_bos(m) ? " S" : "", mpls_label_ttl(m));
        break;
    }
    case PACKET_LLDP: {
        lldp_tlv_iter it = lldp_tlvs(l->v.lldp);
        lldp_tlv_view t;
        while (lldp_tlv_next(&it, &t))
            printf(" %s", name_or(lldp_type_name(lldp_tlv_type(t)), "tlv?"));
        break;
    }
    case PACKET_IGMP:
        printf(" %s max resp %u", name_or(igmp_msg_type_name(igmp_type(l->v.igmp)), "type?"),
               igmp_max_resp_code(l->v.igmp));
        break;
    case PACKET_SCTP: {
        sctp_chunk_iter it = sctp_chunks(l->v.sctp);
        sctp_chunk_view c;
        printf(" %u > %u vtag 0x%08x", zc_be16toh(sctp_src_port(l->v.sctp)), zc_be16toh(sctp_dst_port(l->v.sctp)),
               zc_be32toh(sctp_verification_tag(l->v.sctp)));
        while (sctp_chunk_next(&it, &c))
            printf(" %s", name_or(sctp_chunk_kind_name(sctp_chunk_type(c)), "chunk?"));
        break;
    }
    case PACKET_DHCPV6:
        printf(" %s", name_or(dhcpv6_message_type_name(dhcpv6_msg_type(l->v.dhcpv6)), "type?"));
        break;
    case PACKET_STUN:
        printf(" type 0x%04x len %u", stun_message_type(l->v.stun), zc_be16toh(stun_length(l->v.stun)));
        break;
    case PACKET_QUIC: {
        quic_view q = l->v.quic;
        if (quic_header_form(q))
            printf(" long %s version 0x%08x dcid %u bytes",
                   zc_be32toh(quic_version(q)) == 0 ? "version-negotiation"
                                                    : name_or(quic_packet_type_name(quic_long_type(q)), "type?"),
                   zc_be32toh(quic_version(q)), quic_dcid_length(q));
        else
            printf(" short");
        break;
    }
    case PACKET_BGP:    /* TCP 179: each whole message of a segment, 4-octet AS numbers */
        printf(" %s len %u", name_or(bgp_msg_type_name(bgp_type(l->v.bgp)), "type?"),
               zc_be16toh(bgp_length(l->v.bgp)));
        break;
    case PACKET_MQTT:   /* TCP 1883: a whole control packet */
        printf(" %s remaining %u", name_or(mqtt_packet_type_name(mqtt_type(l->v.mqtt)), "type?"),
               mqtt_remaining_length(l->v.mqtt));
        break;
    case PACKET_TLS_RECORD:
        printf(" %s version 0x%04x len %u",
               name_or(tls_content_type_name(tls_record_content_type(l->v.tls_record)), "type?"),
               zc_be16toh(tls_record_legacy_version(l->v.tls_record)),
               zc_be16toh(tls_record_length(l->v.tls_record)));
        break;
    case PACKET_TFTP:
        printf(" %s", name_or(tftp_op_name(tftp_opcode(l->v.tftp)), "op?"));
        break;
    }
}

/*
 * The payload of the last layer, which no rule of the stack decodes:
 * " | UDP (16 bytes)" where the layer names what it carries (EtherType, IP
 * protocol), " | 12 bytes" where it does not or already printed it (ports,
 * GRE's protocol).
 */
static void print_undecoded(const packet_layer *l)
{
    printf(" | ");
    switch (l->proto) {
    case PACKET_ETHERNET:
        print_ether_type(ethernet_type(l->v.ethernet));
        break;
    case PACKET_VLAN:
        print_ether_type(vlan_type(l->v.vlan));
        break;
    case PACKET_GENEVE:
        print_ether_type(geneve_protocol(l->v.geneve));
        break;
    case PACKET_IPV4:
        print_ip_proto(ipv4_protocol(l->v.ipv4));
        break;
    case PACKET_IPV6:
        print_ip_proto(ipv6_next_header(l->v.ipv6));
        break;
    case PACKET_IPV6_HOP_BY_HOP:
        print_ip_proto(ipv6_hop_by_hop_next_header(l->v.ipv6_hop_by_hop));
        break;
    case PACKET_IPV6_ROUTING:
        print_ip_proto(ipv6_routing_next_header(l->v.ipv6_routing));
        break;
    case PACKET_IPV6_FRAGMENT:
        print_ip_proto(ipv6_fragment_next_header(l->v.ipv6_fragment));
        break;
    case PACKET_IPV6_DEST_OPTIONS:
        print_ip_proto(ipv6_dest_options_next_header(l->v.ipv6_dest_options));
        break;
    default:
        printf("%zu bytes", l->payload.len);
        return;
    }
    printf(" (%zu bytes)", l->payload.len);
}

/* One packet: one walk over its layers, then one line. */
static void show_packet(const uint8_t *data, size_t len, packet_proto first)
{
    packet_layer layers[MAX_LAYERS];
    size_t n;
    zc_status st = packet_walk(data, len, first, layers, MAX_LAYERS, &n);

    for (size_t i = 0; i < n; i++) {
        printf("%s%s", i ? " | " : " ", layer_name(layers[i].proto));
        print_layer(&layers[i]);
    }
    if (st.code != ZC_OK) {
        /* the layer that failed: the walker describes it in layers[n] */
        if (n < MAX_LAYERS)
            printf("%s%s", n ? " | " : " ", layer_name(layers[n].proto));
        else if (n > 0)
            printf(" |");
        print_status(st);
    } else if (n > 0 && layers[n - 1].payload.len > 0) {
        print_undecoded(&layers[n - 1]);
    }
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
    /* Ethernet, or a Linux cooked capture (tcpdump -i any): the stack
       starts at either (schemas/packet.zc, schemas/sll.zc) */
    packet_proto first = pcap_datalink(pc) == DLT_LINUX_SLL    ? PACKET_LINUX_SLL
                         : pcap_datalink(pc) == DLT_LINUX_SLL2 ? PACKET_LINUX_SLL2
                                                               : PACKET_ETHERNET;
    if (first == PACKET_ETHERNET && pcap_datalink(pc) != DLT_EN10MB) {
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
        show_packet(data, h->caplen, first);
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
