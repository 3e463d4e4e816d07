/*
 * line.c - the default output: one line per packet in the spirit of
 * `tcpdump -n` (relative TCP sequence numbers unless -S, checksum
 * verdicts with -v), then with -v every field of every layer as a tree,
 * and with -x/-xx/-X/-XX/-A the captured bytes as tcpdump dumps them.
 *
 * Values come from the generated accessors of each layer's view; byte
 * order is converted with zc_be16toh() and friends only.
 */
#include <string.h>
#include <strings.h>   /* strcasecmp */

#include <net/if.h>    /* if_indextoname */

#include "zcdump.h"

/* ---- helpers ------------------------------------------------------------------ */

/* An enum member name as words: "ECHO_REQUEST" -> "echo request". */
static void put_words(const char *name)
{
    for (; *name; name++) {
        char c = *name;
        if (c == '_')
            c = ' ';
        else if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        zd_putc(c);
    }
}

/* tcpdump's name of an EtherType (its ethertype_values table). */
static const char *ether_type_text(ether_type t)
{
    switch ((unsigned)t) {
    case 0x0800: return "IPv4";
    case 0x0806: return "ARP";
    case 0x8100: return "802.1Q";
    case 0x86dd: return "IPv6";
    case 0x88a8: return "802.1Q-QinQ";
    case 0x6558: return "TEB";
    case 0x88cc: return "LLDP";
    case 0x8847: return "MPLS unicast";
    case 0x8848: return "MPLS multicast";
    case 0x8863: return "PPPoE D";
    case 0x8864: return "PPPoE S";
    default: return NULL;
    }
}

/* "IPv4 (0x0800)" */
static void put_ether_type_name(ether_type t)
{
    const char *name = ether_type_text(t);
    zd_puts(name ? name : "Unknown");
    zd_puts(" (0x");
    zd_putx((uint64_t)t, 4);
    zd_putc(')');
}

/* "ethertype IPv4 (0x0800)", as tcpdump -e prints it. */
static void put_ether_type(ether_type t)
{
    zd_puts("ethertype ");
    put_ether_type_name(t);
}

/* A Linux cooked header's protocol with -e, as tcpdump's sll_print():
   Linux's ETH_P_802_3 (1) and ETH_P_802_2 (4) by name, otherwise the
   EtherType. */
static void put_sll_protocol(ether_type t)
{
    if ((unsigned)t == 0x0001u)
        zd_puts("802.3");
    else if ((unsigned)t == 0x0004u)
        zd_puts("802.2");
    else
        put_ether_type(t);
}

/* One byte as tcpdump's fn_print_char(): "M-" for 8-bit bytes, "^X" for
   control characters, everything else as it is. */
static void put_tcpdump_char(uint8_t c)
{
    if (c & 0x80) {
        c &= 0x7f;
        zd_puts("M-");
    }
    if (c < 0x20 || c == 0x7f) {
        c ^= 0x40;
        zd_putc('^');
    }
    zd_putc((char)c);
}

/* A DNS name, from the message it is in, as tcpdump prints it: labels
   with their bytes as they are (fn_print_char), each followed by a dot;
   the root is ".". */
static void put_dns_name(zc_bytes msg, dns_name_view name)
{
    zc_dns_name_iter it;
    zc_bytes label;
    bool any = false;
    zc_status st = zc_dns_name_check(msg.ptr, msg.len, name);
    if (st.code != ZC_OK) {
        zd_puts("[bad name]");
        return;
    }
    zc_dns_name_iter_init(&it, msg.ptr, msg.len, name);
    while (zc_dns_name_iter_next(&it, &label)) {
        for (size_t k = 0; k < label.len; k++)
            put_tcpdump_char(label.ptr[k]);
        zd_putc('.');
        any = true;
    }
    if (!any)
        zd_putc('.');
}

/* ---- the summary line ----------------------------------------------------------- */

typedef struct {
    const zd_packet *p;
    const char *sep;        /* printed before the next part */
    bool ports_done;        /* the IP layer printed the transport's ports */
} line;

static void part(line *ln)
{
    if (ln->sep)
        zd_puts(ln->sep);
    ln->sep = NULL;
}

/* The layer after i, or NULL. */
static const zd_layer *next_layer(const line *ln, size_t i)
{
    return i + 1 < ln->p->n ? &ln->p->layers[i + 1] : NULL;
}

static bool is_proto(const zd_layer *l, packet_proto proto)
{
    return l && l->kind == ZD_PACKET && l->l.proto == proto;
}

/* Whether anything follows layer i: a decoded layer or the failed one. */
static bool has_successor(const line *ln, size_t i)
{
    return i + 1 < ln->p->n || ln->p->failed || ln->p->stopped || ln->p->cut;
}

static void put_port_pair(const zd_layer *t)
{
    if (is_proto(t, PACKET_TCP)) {
        zd_putu(zc_be16toh(tcp_src_port(t->l.v.tcp)));
        zd_puts(" > ");
        zd_putu(zc_be16toh(tcp_dst_port(t->l.v.tcp)));
    } else {
        zd_putu(zc_be16toh(udp_src_port(t->l.v.udp)));
        zd_puts(" > ");
        zd_putu(zc_be16toh(udp_dst_port(t->l.v.udp)));
    }
}

/* The source (or destination) port of a TCP, UDP or SCTP layer. */
static unsigned transport_port(const zd_layer *t, bool src)
{
    if (is_proto(t, PACKET_TCP))
        return zc_be16toh(src ? tcp_src_port(t->l.v.tcp) : tcp_dst_port(t->l.v.tcp));
    if (is_proto(t, PACKET_SCTP))
        return zc_be16toh(src ? sctp_src_port(t->l.v.sctp) : sctp_dst_port(t->l.v.sctp));
    return zc_be16toh(src ? udp_src_port(t->l.v.udp) : udp_dst_port(t->l.v.udp));
}

/* IPv4 / IPv6: "IP a.sport > b.dport" when TCP, UDP or SCTP follows directly. */
static void put_ip(line *ln, size_t i)
{
    const zd_layer *l = &ln->p->layers[i], *t = next_layer(ln, i);
    bool v4 = is_proto(l, PACKET_IPV4);
    bool ports = (is_proto(t, PACKET_TCP) || is_proto(t, PACKET_UDP) || is_proto(t, PACKET_SCTP)) && !t->partial;
    const uint8_t *src, *dst;

    if (v4) {
        src = ipv4_addr_octets(ipv4_src(l->l.v.ipv4)).ptr;
        dst = ipv4_addr_octets(ipv4_dst(l->l.v.ipv4)).ptr;
    } else {
        src = ipv6_addr_octets(ipv6_src(l->l.v.ipv6)).ptr;
        dst = ipv6_addr_octets(ipv6_dst(l->l.v.ipv6)).ptr;
    }
    if (!zd_opt.link)   /* with -e the EtherType said it (tcpdump) */
        zd_puts(v4 ? "IP " : "IP6 ");
    if (v4 && zd_opt.verbose) {
        zd_ck c = zd_checksum(ln->p, i);
        if (c.verdict == ZD_CK_BAD) {   /* tcpdump -v: "bad cksum 6cb9 (->6bba)!" */
            zd_puts("(bad cksum ");
            zd_putx(c.field, 1);
            zd_puts(" (->");
            zd_putx(c.want, 1);
            zd_puts(")!) ");
        }
    }
    v4 ? zd_put_ipv4(src) : zd_put_ipv6(src);
    if (ports) {
        zd_putc('.');
        zd_putu(transport_port(t, true));
    }
    zd_puts(" > ");
    v4 ? zd_put_ipv4(dst) : zd_put_ipv6(dst);
    if (ports) {
        zd_putc('.');
        zd_putu(transport_port(t, false));
        ln->ports_done = true;
    }
    ln->sep = ": ";
    if (!has_successor(ln, i)) {
        part(ln);
        /* tcpdump -n: "ip-proto-253 16"; a later fragment: "ip-proto-17" */
        if (!v4 && ipv6_next_header(l->l.v.ipv6) == IP_PROTO_IPV6_NONXT) {
            zd_puts("no next header");
            return;
        }
        /* IPv4 protocols 0, 43, 60 (IPv6 extension header numbers, not
           followed in IPv4): tcpdump's demultiplexer prints an empty name
           first, hence two spaces */
        if (v4 && (ipv4_protocol(l->l.v.ipv4) == 0 || ipv4_protocol(l->l.v.ipv4) == 43 ||
                   ipv4_protocol(l->l.v.ipv4) == 60))
            zd_putc(' ');
        zd_puts("ip-proto-");
        zd_putu((uint64_t)(v4 ? ipv4_protocol(l->l.v.ipv4) : ipv6_next_header(l->l.v.ipv6)));
        if (!v4 || ipv4_fragment_offset(l->l.v.ipv4) == 0) {
            zd_putc(' ');
            zd_putu(l->l.payload.len ? l->l.payload.len
                                     : v4 ? ipv4_payload(l->l.v.ipv4).len : ipv6_payload(l->l.v.ipv6).len);
        }
    }
}

/* tcpdump's rt6_print(): "RT6 (len=2, type=0 [Deprecated], segleft=1, [0]2001:db8::99)". */
static void put_rt6(ipv6_routing_view r)
{
    zc_bytes d = ipv6_routing_data(r);   /* length * 8 + 4 bytes */
    unsigned len = ipv6_routing_length(r), type = ipv6_routing_routing_type(r);
    zd_puts("RT6 (len=");
    zd_putu(len);
    zd_puts(", type=");
    zd_putu(type);
    if (type == 0)
        zd_puts(" [Deprecated]");
    zd_puts(", segleft=");
    zd_putu(ipv6_routing_segments_left(r));
    if (type == 0 || type == 2) {
        if (zd_opt.verbose) {
            zd_puts(", rsv=0x");
            zd_putx((uint64_t)d.ptr[0] << 24 | (uint64_t)d.ptr[1] << 16 | (uint64_t)d.ptr[2] << 8 | d.ptr[3], 1);
        }
        if (len % 2 == 0)
            for (unsigned k = 0; k < len / 2; k++) {
                zd_puts(", [");
                zd_putu(k);
                zd_putc(']');
                zd_put_ipv6(d.ptr + 4 + 16 * k);
            }
    } else if (type == 4) {   /* segment routing (RFC 8754) */
        unsigned last = d.ptr[0];
        zd_puts(", last-entry=");
        zd_putu(last);
        if (d.ptr[1] || zd_opt.verbose) {
            zd_puts(", flags=0x");
            zd_putx(d.ptr[1], 1);
        }
        zd_puts(", tag=");
        zd_putx((unsigned)d.ptr[2] << 8 | d.ptr[3], 1);
        for (unsigned k = 0; k <= last && 4 + 16 * (k + 1) <= d.len; k++) {
            zd_puts(", [");
            zd_putu(k);
            zd_putc(']');
            zd_put_ipv6(d.ptr + 4 + 16 * k);
        }
    }
    zd_putc(')');
}

/* An IPv6 extension header as tcpdump prints it ("HBH", "DSTOPT", "RT6
   (...)", "frag (off|len)"), separated by spaces; after a later fragment
   nothing more, as tcpdump. */
static void put_ext(line *ln, size_t i)
{
    const packet_layer *l = &ln->p->layers[i].l;
    ip_proto next = IP_PROTO_HOPOPT;
    switch (l->proto) {
    case PACKET_IPV6_HOP_BY_HOP:
        zd_puts("HBH");
        next = ipv6_hop_by_hop_next_header(l->v.ipv6_hop_by_hop);
        break;
    case PACKET_IPV6_DEST_OPTIONS:
        zd_puts("DSTOPT");
        next = ipv6_dest_options_next_header(l->v.ipv6_dest_options);
        break;
    case PACKET_IPV6_ROUTING:
        put_rt6(l->v.ipv6_routing);
        next = ipv6_routing_next_header(l->v.ipv6_routing);
        break;
    case PACKET_IPV6_FRAGMENT: {
        ipv6_fragment_view f = l->v.ipv6_fragment;
        zd_puts("frag (");
        if (zd_opt.verbose) {
            zd_puts("0x");
            zd_putx(zc_be32toh(ipv6_fragment_identification(f)), 8);
            zd_putc(':');
        }
        zd_putu(ipv6_fragment_fragment_offset(f) * 8u);
        zd_putc('|');
        zd_putu(l->payload.len);
        zd_putc(')');
        next = ipv6_fragment_next_header(f);
        if (ipv6_fragment_fragment_offset(f) != 0) {
            ln->sep = NULL;
            return;
        }
        break;
    }
    default:
        break;
    }
    ln->sep = " ";
    if (!has_successor(ln, i)) {
        part(ln);
        if (next == IP_PROTO_IPV6_NONXT) {
            zd_puts("no next header");
            return;
        }
        zd_puts("ip-proto-");
        zd_putu((uint64_t)next);
        zd_putc(' ');
        zd_putu(l->payload.len);
    }
}

/* tcpdump's TCP options: names, values, "unknown-N 0xHEX", up to the first eol. */
static void put_tcp_options(tcp_view t, uint32_t sack_base)
{
    tcp_option_iter it = tcp_options(t);
    tcp_option_view o;
    bool first = true;
    if (it.zc_pos == it.zc_end)
        return;
    zd_puts(", options [");
    while (tcp_option_next(&it, &o)) {
        tcp_timestamps_view ts;
        if (!first)
            zd_putc(',');
        first = false;
        switch ((int)tcp_option_kind(o)) {
        case TCP_KIND_EOL:
            zd_puts("eol]");   /* tcpdump stops at the end of the list */
            return;
        case TCP_KIND_NOP:
            zd_puts("nop");
            break;
        case TCP_KIND_MSS:
            zd_puts("mss ");
            zd_putu(zc_be16toh(tcp_option_mss(o)));
            break;
        case TCP_KIND_WINDOW_SCALE:
            zd_puts("wscale ");
            zd_putu(tcp_option_shift_count(o));
            break;
        case TCP_KIND_SACK_PERMITTED:
            zd_puts("sackOK");
            break;
        case TCP_KIND_SACK: {
            tcp_sack_block_iter s = tcp_option_sack(o);
            tcp_sack_block_view b;
            unsigned datalen = tcp_option_length(o) - 2u;   /* parse checked length >= 2 */
            zd_puts("sack");
            if (datalen % 8 != 0) {
                zd_puts(" invalid sack");
                break;
            }
            zd_putc(' ');
            zd_putu(datalen / 8);
            zd_putc(' ');
            while (tcp_sack_block_next(&s, &b)) {
                zd_putc('{');
                zd_putu((uint32_t)(zc_be32toh(tcp_sack_block_left_edge(b)) - sack_base));
                zd_putc(':');
                zd_putu((uint32_t)(zc_be32toh(tcp_sack_block_right_edge(b)) - sack_base));
                zd_putc('}');
            }
            break;
        }
        case TCP_KIND_TIMESTAMPS:
            if (tcp_option_timestamps(o, &ts)) {
                zd_puts("TS val ");
                zd_putu(zc_be32toh(tcp_timestamps_value(ts)));
                zd_puts(" ecr ");
                zd_putu(zc_be32toh(tcp_timestamps_echo_reply(ts)));
            }
            break;
        case 34: {   /* TCP Fast Open (RFC 7413), as tcpdump prints it */
            zc_bytes c = tcp_option_unknown(o);
            zd_puts("tfo ");
            if (c.len == 0) {
                zd_puts(" cookiereq");
            } else if (c.len % 2 != 0 || c.len < 4 || c.len > 16) {
                zd_puts(" (invalid)");
            } else {
                zd_puts(" cookie ");
                for (size_t k = 0; k < c.len; k++)
                    zd_putx(c.ptr[k], 2);
            }
            break;
        }
        default: {
            zc_bytes d = tcp_option_unknown(o);
            zd_puts("unknown-");
            zd_putu((uint64_t)tcp_option_kind(o));
            if (d.len)
                zd_puts(" 0x");
            for (size_t k = 0; k < d.len; k++)
                zd_putx(d.ptr[k], 2);
            break;
        }
        }
    }
    if (zc_iter_status(&it).code != ZC_OK)
        zd_puts(first ? "bad opts" : ",bad opts");
    zd_putc(']');
}

/* ---- HTTP, as tcpdump's txtproto_print() prints it -------------------------------- */

static bool http_printable(uint8_t c)
{
    return c >= 0x20 && c < 0x7f;
}

/* tcpdump's fetch_token(): the token at idx and the blanks after it;
   returns the index after them, 0 when there is no printable token. */
static size_t http_token(zc_bytes b, size_t idx, char *tok, size_t cap)
{
    size_t n = 0;
    for (; idx < b.len; idx++) {
        uint8_t c = b.ptr[idx];
        if (c & 0x80)
            return 0;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            break;
        if (!http_printable(c) || n + 2 > cap)
            return 0;
        tok[n++] = (char)c;
    }
    if (n == 0)
        return 0;
    tok[n] = '\0';
    for (; idx < b.len; idx++) {
        uint8_t c = b.ptr[idx];
        if (c != ' ' && c != '\t')
            break;
    }
    return idx;
}

static bool http_method(const char *tok)
{
    static const char *const methods[] = {
        "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE",
        "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT",
        "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND",
        "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH",
        "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT",
        "VERSION-CONTROL", "BASELINE-CONTROL",
    };
    for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++)
        if (strcasecmp(tok, methods[k]) == 0)
            return true;
    return false;
}

/* "HTTP", then ": " and the first line when it is a request or a response
   line (up to CR LF; " [|http]" when it does not end in the capture). */
static void put_http(zc_bytes b)
{
    char tok[129];
    bool reqline = false;
    size_t idx = http_token(b, 0, tok, sizeof tok);
    if (idx != 0) {
        reqline = http_method(tok);
        idx = http_token(b, idx, tok, sizeof tok);
        if (idx != 0 && tok[0] >= '0' && tok[0] <= '9' && tok[1] >= '0' && tok[1] <= '9' &&
            tok[2] >= '0' && tok[2] <= '9' && tok[3] == '\0')
            reqline = true;
    }
    zd_puts("HTTP");
    if (!reqline)
        return;
    for (size_t k = 0; k < b.len; k++) {
        uint8_t c = b.ptr[k];
        if (c == '\n' || (c == '\r' && k + 1 < b.len && b.ptr[k + 1] == '\n')) {
            zd_puts(": ");
            zd_putn((const char *)b.ptr, k);
            return;
        }
        if (c == '\r' || (!http_printable(c) && c != '\t'))
            return;   /* binary: tcpdump prints nothing more */
    }
    zd_puts(": ");
    zd_putn((const char *)b.ptr, b.len);
    zd_puts(" [|http]");
}

static bool http_port(unsigned port)
{
    return port == 80 || port == 8080;   /* tcpdump's HTTP_PORT and HTTP_PORT_ALT */
}

static void put_tcp(line *ln, size_t i)
{
    tcp_view t = ln->p->layers[i].l.v.tcp;
    static const struct { uint8_t (*get)(tcp_view); char c; } flags[] = {
        { tcp_fin, 'F' }, { tcp_syn, 'S' }, { tcp_rst, 'R' }, { tcp_psh, 'P' },
        { tcp_ack, '.' }, { tcp_urg, 'U' }, { tcp_ece, 'E' }, { tcp_cwr, 'W' },
    };
    bool any = false;
    uint32_t seq = zc_be32toh(tcp_seq_num(t)), ack = zc_be32toh(tcp_ack_num(t)), sack = 0;
    size_t len = tcp_payload(t).len;
    if (!ln->ports_done) {
        put_port_pair(&ln->p->layers[i]);
        zd_puts(": ");
    }
    ln->ports_done = false;
    zd_flow_relative(ln->p, i, &seq, &ack, &sack);
    if (zd_opt.quiet) {
        zd_puts("tcp ");
        zd_putu(len);
        ln->sep = NULL;
        return;
    }
    zd_puts("Flags [");
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
        if (flags[k].get(t)) {
            zd_putc(flags[k].c);
            any = true;
        }
    if (!any)
        zd_puts("none");
    zd_putc(']');
    if (zd_opt.verbose) {
        zd_ck c = zd_checksum(ln->p, i);
        if (c.verdict != ZD_CK_NONE) {
            zd_puts(", cksum 0x");
            zd_putx(c.field, 4);
            if (c.verdict == ZD_CK_GOOD) {
                zd_puts(" (correct)");
            } else {
                zd_puts(" (incorrect -> 0x");
                zd_putx(c.want, 4);
                zd_putc(')');
            }
        }
    }
    /* as tcpdump: no seq on a bare ACK (but with -vv) */
    if (zd_opt.verbose > 1 || len > 0 || tcp_syn(t) || tcp_fin(t) || tcp_rst(t)) {
        zd_puts(", seq ");
        zd_putu(seq);
        if (len > 0) {
            zd_putc(':');
            zd_putu((uint32_t)(seq + (uint32_t)len));
        }
    }
    if (tcp_ack(t)) {
        zd_puts(", ack ");
        zd_putu(ack);
    }
    zd_puts(", win ");
    zd_putu(zc_be16toh(tcp_window(t)));
    if (tcp_urg(t)) {
        zd_puts(", urg ");
        zd_putu(zc_be16toh(tcp_urgent_ptr(t)));
    }
    put_tcp_options(t, sack);
    zd_puts(", length ");
    zd_putu(len);
    /* tcpdump separates a DNS message over TCP by a space only */
    ln->sep = is_proto(next_layer(ln, i), PACKET_DNS_TCP) ? " " : ": ";
    /* tcpdump 4.99 decodes neither TLS nor MQTT: the line ends with the
       length */
    if (is_proto(next_layer(ln, i), PACKET_TLS_RECORD) || is_proto(next_layer(ln, i), PACKET_MQTT))
        ln->sep = NULL;
    /* TCP 179 bytes that are not a whole BGP message (the rest of one, a
       message cut by the segment's end): tcpdump 4.99 says "BGP" all the
       same, and nothing more without -v */
    if (len > 0 && i + 1 == ln->p->n && !ln->p->failed &&
        (zc_be16toh(tcp_src_port(t)) == 179 || zc_be16toh(tcp_dst_port(t)) == 179)) {
        part(ln);
        zd_puts("BGP");
        return;
    }
    if (len > 0 && i + 1 == ln->p->n && !ln->p->failed && !ln->p->stopped &&
        (http_port(zc_be16toh(tcp_src_port(t))) || http_port(zc_be16toh(tcp_dst_port(t))))) {
        part(ln);
        put_http(tcp_payload(t));
    }
}

/* -v: tcpdump's "[udp sum ok] ", "[bad udp cksum 0x60f3 -> 0x5ff4!] ",
   "[no cksum] " before what the datagram holds. */
static void put_udp_sum(line *ln, size_t i)
{
    zd_ck c = zd_checksum(ln->p, i);
    if (c.verdict == ZD_CK_NONE)
        return;
    part(ln);
    if (c.verdict == ZD_CK_GOOD) {
        zd_puts("[udp sum ok] ");
    } else if (c.verdict == ZD_CK_ABSENT) {
        zd_puts("[no cksum] ");
    } else {
        zd_puts("[bad udp cksum 0x");
        zd_putx(c.field, 4);
        zd_puts(" -> 0x");
        zd_putx(c.want, 4);
        zd_puts("!] ");
    }
}

/* Returns whether the line goes on with the layers after it. */
static bool put_udp(line *ln, size_t i)
{
    udp_view u = ln->p->layers[i].l.v.udp;
    if (!ln->ports_done) {
        put_port_pair(&ln->p->layers[i]);
        ln->sep = ": ";
    }
    ln->ports_done = false;
    if (zd_opt.verbose)
        put_udp_sum(ln, i);
    if (!has_successor(ln, i) || zd_opt.quiet) {
        part(ln);
        zd_puts("UDP, length ");
        zd_putu(udp_payload(u).len);
        ln->sep = ": ";
    }
    return !zd_opt.quiet;
}

/* tcpdump's ns_type2str: a record type's name, "Type%u" when it has none. */
static void put_dns_type(unsigned t)
{
    static const struct { unsigned t; const char *name; } names[] = {
        { 1, "A" }, { 2, "NS" }, { 3, "MD" }, { 4, "MF" }, { 5, "CNAME" }, { 6, "SOA" },
        { 7, "MB" }, { 8, "MG" }, { 9, "MR" }, { 10, "NULL" }, { 11, "WKS" }, { 12, "PTR" },
        { 13, "HINFO" }, { 14, "MINFO" }, { 15, "MX" }, { 16, "TXT" }, { 17, "RP" },
        { 18, "AFSDB" }, { 19, "X25" }, { 20, "ISDN" }, { 21, "RT" }, { 22, "NSAP" },
        { 23, "NSAP_PTR" }, { 24, "SIG" }, { 25, "KEY" }, { 26, "PX" }, { 27, "GPOS" },
        { 28, "AAAA" }, { 29, "LOC" }, { 30, "NXT" }, { 31, "EID" }, { 32, "NIMLOC" },
        { 33, "SRV" }, { 34, "ATMA" }, { 35, "NAPTR" }, { 36, "KX" }, { 37, "CERT" },
        { 38, "A6" }, { 39, "DNAME" }, { 40, "SINK" }, { 41, "OPT" }, { 42, "APL" },
        { 43, "DS" }, { 44, "SSHFP" }, { 45, "IPSECKEY" }, { 46, "RRSIG" }, { 47, "NSEC" },
        { 48, "DNSKEY" }, { 99, "SPF" }, { 100, "UINFO" }, { 101, "UID" }, { 102, "GID" },
        { 103, "UNSPEC" }, { 249, "TKEY" }, { 250, "TSIG" }, { 251, "IXFR" }, { 252, "AXFR" },
        { 253, "MAILB" }, { 254, "MAILA" }, { 255, "ANY" }, { 256, "URI" },
        { 65281, "UNSPECA" },
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (names[k].t == t) {
            zd_puts(names[k].name);
            return;
        }
    zd_puts("Type");
    zd_putu(t);
}

/* A class other than IN, as tcpdump: " CHAOS", " (Class 254)". */
static void put_dns_class(unsigned cls, bool opt)
{
    if (cls == 1 || opt)
        return;
    switch (cls) {
    case 3: zd_puts(" CHAOS"); break;
    case 4: zd_puts(" HS"); break;
    case 255: zd_puts(" ANY"); break;
    default:
        zd_puts(" (Class ");
        zd_putu(cls);
        zd_putc(')');
        break;
    }
}

/* One resource record's type and data, as tcpdump prints answers. */
static void put_rr(zc_bytes msg, dns_rr_view rr, bool mdns)
{
    ipv4_addr_view a;
    ipv6_addr_view aaaa;
    dns_name_view name;
    dns_mx_view mx;
    dns_srv_view srv;
    dns_soa_view soa;

    /* the optional-struct accessors leave a view's zc_end[] unset when
       they return false; gcc 12 cannot see that it is not read then */
    memset(&mx, 0, sizeof mx);
    memset(&srv, 0, sizeof srv);
    memset(&soa, 0, sizeof soa);
    unsigned cls = zc_be16toh(dns_rr_class(rr));
    zd_putc(' ');
    put_dns_type((unsigned)dns_rr_type(rr));
    put_dns_class(mdns ? cls & 0x7fffu : cls, dns_rr_type(rr) == DNS_TYPE_OPT);
    if (mdns && (cls & 0x8000u) && dns_rr_type(rr) != DNS_TYPE_OPT)
        zd_puts(" (Cache flush)");
    if (dns_rr_a(rr, &a)) {
        zd_putc(' ');
        zd_put_ipv4(ipv4_addr_octets(a).ptr);
    } else if (dns_rr_aaaa(rr, &aaaa)) {
        zd_putc(' ');
        zd_put_ipv6(ipv6_addr_octets(aaaa).ptr);
    } else if (dns_rr_cname(rr, &name) || dns_rr_ns(rr, &name) || dns_rr_ptr(rr, &name)) {
        zd_putc(' ');
        put_dns_name(msg, name);
    } else if (dns_rr_mx(rr, &mx)) {
        zd_putc(' ');
        put_dns_name(msg, dns_mx_exchange(mx));
        zd_putc(' ');
        zd_putu(zc_be16toh(dns_mx_preference(mx)));
    } else if (dns_rr_srv(rr, &srv)) {
        zd_putc(' ');
        put_dns_name(msg, dns_srv_target(srv));
        zd_putc(':');
        zd_putu(zc_be16toh(dns_srv_port(srv)));
        zd_putc(' ');
        zd_putu(zc_be16toh(dns_srv_priority(srv)));
        zd_putc(' ');
        zd_putu(zc_be16toh(dns_srv_weight(srv)));
    } else if (dns_rr_soa(rr, &soa)) {
        if (!zd_opt.verbose)   /* tcpdump: SOA data with -v only */
            return;
        zd_putc(' ');
        put_dns_name(msg, dns_soa_mname(soa));
        zd_putc(' ');
        put_dns_name(msg, dns_soa_rname(soa));
        zd_putc(' ');
        zd_putu(zc_be32toh(dns_soa_serial(soa)));
        zd_putc(' ');
        zd_putu(zc_be32toh(dns_soa_refresh(soa)));
        zd_putc(' ');
        zd_putu(zc_be32toh(dns_soa_retry(soa)));
        zd_putc(' ');
        zd_putu(zc_be32toh(dns_soa_expire(soa)));
        zd_putc(' ');
        zd_putu(zc_be32toh(dns_soa_minimum(soa)));
    } else if (dns_rr_has_edns(rr)) {
        /* tcpdump: " UDPsize=1232 DO [COOKIE 0102...,NSID 7a63]" */
        static const char *const opts[] = {
            NULL, "LLQ", "UL", "NSID", NULL, "DAU", "DHU", "N3U", "ECS", "EXPIRE",
            "COOKIE", "KEEPALIVE", "PADDING", "CHAIN", "KEY-TAG",
        };
        dns_edns_option_iter it = dns_rr_edns(rr);
        dns_edns_option_view o;
        bool first = true;
        zd_puts(" UDPsize=");
        zd_putu(zc_be16toh(dns_rr_class(rr)));
        if (zc_be32toh(dns_rr_ttl(rr)) & 0x8000u)
            zd_puts(" DO");
        while (dns_edns_option_next(&it, &o)) {
            unsigned code = zc_be16toh(dns_edns_option_code(o));
            zc_bytes data = dns_edns_option_data(o);
            zd_puts(first ? " [" : ",");
            first = false;
            if (code < sizeof opts / sizeof opts[0] && opts[code]) {
                zd_puts(opts[code]);
            } else {
                zd_puts("Opt");
                zd_putu(code);
            }
            if (data.len) {
                zd_putc(' ');
                zd_puthex(data.ptr, data.len);
            }
        }
        if (!first)
            zd_putc(']');
    } else if (dns_rr_has_txt(rr)) {
        dns_txt_string_iter it = dns_rr_txt(rr);
        dns_txt_string_view s;
        while (dns_txt_string_next(&it, &s)) {
            zc_bytes text = dns_txt_string_text(s);
            zd_puts(" \"");
            for (size_t k = 0; k < text.len; k++)
                put_tcpdump_char(text.ptr[k]);
            zd_putc('"');
        }
    }
}

static const char *rcode_text(dns_response_code rc)
{
    switch ((int)rc) {
    case DNS_RESPONSE_CODE_NOERROR:
        return "";
    case DNS_RESPONSE_CODE_FORMERR:
        return " FormErr";
    case DNS_RESPONSE_CODE_SERVFAIL:
        return " ServFail";
    case DNS_RESPONSE_CODE_NXDOMAIN:
        return " NXDomain";
    case DNS_RESPONSE_CODE_NOTIMP:
        return " NotImp";
    case DNS_RESPONSE_CODE_REFUSED:
        return " Refused";
    default:
        return " rcode?";
    }
}

/* tcpdump's DNS summary: "48206+ [1au] A? example.test. (41)" for a query,
 * "48206*- 1/0/1 A 192.0.2.1 (57)" for a response. */
static void put_dns(const zd_layer *l, bool mdns)
{
    dns_message_view d = l->l.v.dns_message;
    zc_bytes msg = l->bytes;   /* compression pointers count from here */
    unsigned qd = zc_be16toh(dns_message_qdcount(d)), an = zc_be16toh(dns_message_ancount(d));
    unsigned ns = zc_be16toh(dns_message_nscount(d)), ar = zc_be16toh(dns_message_arcount(d));
    dns_operation op = dns_message_opcode(d);

    zd_putu(zc_be16toh(dns_message_id(d)));
    {
        static const char *const ops[16] = {
            "", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
            " op8", " updateA", " updateD", " updateDA", " updateM", " updateMA",
            " zoneInit", " zoneRef",
        };
        zd_puts(ops[(unsigned)op & 15u]);
    }
    if (dns_message_qr(d)) {
        zd_puts(rcode_text(dns_message_rcode(d)));
        if (dns_message_aa(d))
            zd_putc('*');
        if (!dns_message_ra(d))
            zd_putc('-');
        if (dns_message_tc(d))
            zd_putc('|');
        if (dns_message_ad(d))
            zd_putc('$');
        if (qd != 1) {
            zd_puts(" [");
            zd_putu(qd);
            zd_puts("q]");
            for (unsigned k = 1; k < qd; k++)   /* tcpdump's question loop prints them */
                zd_putc(',');
        }
        zd_putc(' ');
        zd_putu(an);
        zd_putc('/');
        zd_putu(ns);
        zd_putc('/');
        zd_putu(ar);
        dns_rr_iter it = dns_message_answers(d);
        dns_rr_view rr;
        bool first = true;
        while (dns_rr_next(&it, &rr)) {
            if (!first)
                zd_putc(',');
            first = false;
            put_rr(msg, rr, mdns);
        }
    } else {
        if (dns_message_rd(d))
            zd_putc('+');
        if (dns_message_cd(d))
            zd_putc('%');
        if (an) {
            zd_puts(" [");
            zd_putu(an);
            zd_puts("a]");
        }
        if (qd != 1) {
            zd_puts(" [");
            zd_putu(qd);
            zd_puts("q]");
        }
        if (ns) {
            zd_puts(" [");
            zd_putu(ns);
            zd_puts("n]");
        }
        if (ar) {
            zd_puts(" [");
            zd_putu(ar);
            zd_puts("au]");
        }
        dns_question_iter it = dns_message_questions(d);
        dns_question_view q;
        while (dns_question_next(&it, &q)) {
            unsigned cls = zc_be16toh(dns_question_class(q));
            zd_putc(' ');
            put_dns_type((unsigned)dns_question_type(q));
            put_dns_class(mdns ? cls & 0x7fffu : cls, false);
            if (mdns)   /* RFC 6762 section 5.4: unicast-response bit */
                zd_puts(cls & 0x8000u ? " (QU)" : " (QM)");
            zd_puts("? ");
            put_dns_name(msg, dns_question_name(q));
        }
    }
    zd_puts(" (");
    zd_putu(l->l.v.dns_message.zc_len);
    zd_putc(')');
}

static void put_dhcp(const zd_layer *l)
{
    dhcp_view d = l->l.v.dhcp;
    zc_bytes ch = dhcp_chaddr(d);
    dhcp_option_iter it = dhcp_options(d);
    dhcp_option_view o;
    zd_puts("BOOTP/DHCP, ");
    /* tcpdump: the client's address only for an Ethernet request */
    if (dhcp_op(d) == DHCP_OPCODE_BOOTREQUEST) {
        zd_puts("Request");
        if (dhcp_htype(d) == 1 && dhcp_hlen(d) == 6) {
            zd_puts(" from ");
            zd_put_mac(ch.ptr, 6);
        }
    } else if (dhcp_op(d) == DHCP_OPCODE_BOOTREPLY) {
        zd_puts("Reply");
    } else {
        zd_puts("unknown (0x");
        zd_putx((uint64_t)dhcp_op(d), 2);
        zd_putc(')');
    }
    zd_puts(", length ");
    zd_putu(l->bytes.len);
    if (!zd_opt.verbose)
        return;
    zd_puts(", xid 0x");
    zd_putx(zc_be32toh(dhcp_xid(d)), 8);
    while (dhcp_option_next(&it, &o)) {
        dhcp_message_type_data_view mt;
        if (dhcp_option_message_type(o, &mt)) {
            dhcp_message_type t = dhcp_message_type_data_value(mt);
            const char *name = dhcp_message_type_name(t);
            zd_puts(", DHCP ");
            if (name)
                zd_puts(name);
            else
                zd_putu((uint64_t)t);
            break;
        }
    }
}

/* Whether something past the LLC and SNAP headers from layer i on is
   decoded: tcpdump then prints only that without -e, and zcdump too;
   otherwise zcdump shows the headers it stopped at (tcpdump describes
   the LLC frame or decodes protocols zcdump has no schema for). */
static bool llc_payload_shown(const line *ln, size_t i)
{
    for (size_t k = i + 1; k < ln->p->n; k++)
        if (!is_proto(&ln->p->layers[k], PACKET_SNAP))
            return true;
    return ln->p->failed || ln->p->cut;
}

/* tcpdump's names of LLC SAPs (print-llc.c, llc_values), the I/G and C/R
   bits cleared. */
static const char *llc_sap_name(unsigned sap)
{
    switch (sap) {
    case 0x00: return "Null";
    case 0x02: return "802.1B I";
    case 0x04: return "SNA";
    case 0x06: return "IP";
    case 0x0e: return "ProWay NM";
    case 0x42: return "STP";
    case 0x4e: return "RS511";
    case 0x7e: return "ISO8208";
    case 0x8e: return "ProWay";
    case 0xaa: return "SNAP";
    case 0xe0: return "IPX";
    case 0xf0: return "NetBeui";
    case 0xfe: return "OSI";
    default:   return "Unknown";
    }
}

/* IEEE 802.2 LLC, as tcpdump -e shows it: "LLC, dsap STP (0x42)
   Individual, ssap STP (0x42) Command, ctrl 0x03" (the SAPs without their
   I/G and C/R bits, which are named after them; a 2-byte I or S format
   control as a little-endian word). Without -e tcpdump prints nothing of
   LLC before a payload it decodes, and zcdump neither. */
static void put_llc(line *ln, size_t i)
{
    llc_view c = ln->p->layers[i].l.v.llc;
    if (!zd_opt.link && llc_payload_shown(ln, i)) {
        ln->sep = NULL;
        return;
    }
    unsigned dsap = llc_dsap(c) & 0xfeu, ssap = llc_ssap(c) & 0xfeu;
    zd_puts("LLC, dsap ");
    zd_puts(llc_sap_name(dsap));
    zd_puts(" (0x");
    zd_putx(dsap, 2);
    zd_puts(llc_dsap(c) & 1u ? ") Group, ssap " : ") Individual, ssap ");
    zd_puts(llc_sap_name(ssap));
    zd_puts(" (0x");
    zd_putx(ssap, 2);
    zd_puts(llc_ssap(c) & 1u ? ") Response, ctrl 0x" : ") Command, ctrl 0x");
    if (llc_has_control_ext(c))
        zd_putx((uint64_t)llc_control(c) | (uint64_t)llc_control_ext(c) << 8, 4);
    else
        zd_putx(llc_control(c), 2);
    ln->sep = ": ";
}

/* SNAP, as tcpdump -e shows it: "oui Ethernet (0x000000), ethertype IPv4
   (0x0800), length 28" (the bytes after the SNAP header); nothing without
   -e before a payload it decodes. */
static void put_snap(line *ln, size_t i)
{
    snap_view s = ln->p->layers[i].l.v.snap;
    if (!zd_opt.link && llc_payload_shown(ln, i)) {
        ln->sep = NULL;
        return;
    }
    zd_puts("oui ");
    zd_puts(snap_oui(s) == 0 ? "Ethernet" : snap_oui(s) == 0x00000c ? "Cisco" : "Unknown");
    zd_puts(" (0x");
    zd_putx(snap_oui(s), 6);
    zd_puts("), ");
    if (snap_oui(s) == 0) {
        put_ether_type(snap_pid(s));
    } else {
        zd_puts(snap_oui(s) == 0x00000c && snap_pid(s) == 0x2000 ? "pid CDP (0x" : "pid Unknown (0x");
        zd_putx((uint64_t)snap_pid(s), 4);
        zd_putc(')');
    }
    zd_puts(", length ");
    zd_putu(snap_payload(s).len);
    ln->sep = ": ";
}

/* ---- link layer of issue #19: STP, PPPoE, PPP (tcpdump's print-stp.c,
   print-pppoe.c, print-ppp.c, one line as without -v) ---- */

/* tcpdump's bridge id: "8000.02:00:00:00:00:01" (priority word, MAC). */
static void put_stp_bridge_id(stp_bridge_id_view b)
{
    const uint8_t *m = mac_addr_octets(stp_bridge_id_mac(b)).ptr;
    zd_putx((uint64_t)stp_bridge_id_priority(b) << 12 | stp_bridge_id_system_id_ext(b), 4);
    zd_putc('.');
    zd_put_mac(m, 6);
}

/* "Flags [Topology change, Learn]": tcpdump's stp_bpdu_flag_values in bit
   order, "none" without any. */
static void put_stp_flags(uint8_t f)
{
    static const struct { uint8_t bit; const char *name; } names[] = {
        { 0x01, "Topology change" }, { 0x02, "Proposal" }, { 0x10, "Learn" },
        { 0x20, "Forward" }, { 0x40, "Agreement" }, { 0x80, "Topology change ACK" },
    };
    bool any = false;
    zd_putc('[');
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (!(f & names[k].bit))
            continue;
        if (any)
            zd_puts(", ");
        zd_puts(names[k].name);
        any = true;
    }
    zd_puts(any ? "]" : "none]");
}

/* The BPDU's length as tcpdump counts it: the LLC payload, up to what an
   IEEE 802.3 length before the LLC header says (Ethernet padding is not
   the BPDU's). */
static size_t stp_length(const line *ln, size_t i)
{
    size_t n = ln->p->layers[i].l.bytes.len;
    if (i >= 2 && is_proto(&ln->p->layers[i - 1], PACKET_LLC)) {
        const zd_layer *llc = &ln->p->layers[i - 1];
        const zd_layer *below = &ln->p->layers[i - 2];
        size_t hdr = llc->l.bytes.len - llc_payload(llc->l.v.llc).len;
        n = llc_payload(llc->l.v.llc).len;
        unsigned type = 0xffff;
        if (is_proto(below, PACKET_ETHERNET))
            type = (unsigned)ethernet_type(below->l.v.ethernet);
        else if (is_proto(below, PACKET_VLAN))
            type = (unsigned)vlan_type(below->l.v.vlan);
        if (type <= 1500 && type >= hdr && type - hdr < n)
            n = type - hdr;
    }
    return n;
}

/* "STP 802.1d, Config, Flags [none], bridge-id 8000.02:...:01.8001, length 35" */
static void put_stp(line *ln, size_t i)
{
    stp_view b = ln->p->layers[i].l.v.stp;
    stp_config_view c;
    unsigned version = (unsigned)stp_version(b), type = (unsigned)stp_bpdu_type(b);
    size_t len = stp_length(ln, i);
    zd_puts("STP ");
    switch (version) {
    case 0: zd_puts("802.1d"); break;
    case 2: zd_puts("802.1w"); break;
    case 3: zd_puts("802.1s"); break;
    case 4: zd_puts("802.1aq"); break;
    default:
        zd_puts("Unknown STP protocol (0x");
        zd_putx(version, 4);
        zd_putc(')');
        ln->sep = ": ";
        return;
    }
    zd_puts(", ");
    ln->sep = ": ";
    switch (type) {
    case 0x00: zd_puts("Config"); break;
    case 0x02: zd_puts("Rapid STP"); break;
    case 0x80: zd_puts("Topology Change"); return;
    default:
        zd_puts("Unknown BPDU Type (0x");
        zd_putx(type, 2);
        zd_putc(')');
        return;
    }
    if (!stp_config(b, &c))
        return;
    if (type == 0x02 && version >= 3) {   /* MST and SPT BPDUs */
        zd_puts(", CIST Flags ");
        put_stp_flags(stp_config_flags(c));
    } else if (type == 0x00 || version == 2) {
        zd_puts(", Flags ");
        put_stp_flags(stp_config_flags(c));
        zd_puts(", bridge-id ");
        put_stp_bridge_id(stp_config_bridge(c));
        zd_putc('.');
        zd_putx((uint64_t)stp_port_id_priority(stp_config_port(c)) << 12 |
                stp_port_id_number(stp_config_port(c)), 4);
    } else {
        return;   /* an RST BPDU of version 0 or 1: tcpdump prints no more */
    }
    zd_puts(", length ");
    zd_putu(len);
}

/* tcpdump's names of PPPoE codes and tags. */
static const char *pppoe_code_text(unsigned code)
{
    switch (code) {
    case 0x00: return "";
    case 0x07: return "PADO";
    case 0x09: return "PADI";
    case 0x19: return "PADR";
    case 0x65: return "PADS";
    case 0xa7: return "PADT";
    default: return NULL;
    }
}

static void put_pppoe_tag_name(unsigned type)
{
    const char *name = NULL;
    switch (type) {
    case 0x0000: name = "EOL"; break;
    case 0x0101: name = "Service-Name"; break;
    case 0x0102: name = "AC-Name"; break;
    case 0x0103: name = "Host-Uniq"; break;
    case 0x0104: name = "AC-Cookie"; break;
    case 0x0105: name = "Vendor-Specific"; break;
    case 0x0110: name = "Relay-Session-ID"; break;
    case 0x0120: name = "PPP-Max-Payload"; break;
    case 0x0201: name = "Service-Name-Error"; break;
    case 0x0202: name = "AC-System-Error"; break;
    case 0x0203: name = "Generic-Error"; break;
    default: break;
    }
    if (name) {
        zd_puts(name);
    } else {
        zd_puts("TAG-0x");
        zd_putx(type, 1);
    }
}

/* "PPPoE PADO [ses 0x1]" and, for the Session stage, "PPPoE  [ses 0x1] ";
   a length past the frame as tcpdump's "[len 40 > 10!]". */
static void put_pppoe_header(line *ln, size_t i, unsigned code, unsigned sid, unsigned length)
{
    const char *name = pppoe_code_text(code);
    size_t avail = ln->p->layers[i].l.bytes.len - 6;
    zd_puts("PPPoE ");
    if (name) {
        zd_puts(name);
    } else {
        zd_puts("PAD-");
        zd_putx(code, 1);
    }
    if (length > avail) {
        zd_puts(" [len ");
        zd_putu(length);
        zd_puts(" > ");
        zd_putu(avail);
        zd_puts("!]");
    }
    if (sid) {
        zd_puts(" [ses 0x");
        zd_putx(sid, 1);
        zd_putc(']');
    }
}

/* " [AC-Name \"ac-one\"]": a value with more printable bytes than others
   as a string (the others as '.', at most 79 bytes), else as hex. */
static void put_pppoe_tags(pppoe_discovery_view d)
{
    pppoe_tag_iter it = pppoe_discovery_tags(d);
    pppoe_tag_view t;
    while (pppoe_tag_next(&it, &t)) {
        zc_bytes v = pppoe_tag_value(t);
        unsigned type = (unsigned)pppoe_tag_type(t);
        size_t ascii = 0, garbage = 0, k;
        zd_puts(" [");
        put_pppoe_tag_name(type);
        if (v.len) {
            for (k = 0; k < v.len && k < 79; k++) {
                if (v.ptr[k] >= 0x20 && v.ptr[k] < 0x7f)
                    ascii++;
                else
                    garbage++;
            }
            if (ascii > garbage) {
                zd_puts(" \"");
                for (k = 0; k < v.len && k < 79; k++)
                    zd_putc(v.ptr[k] >= 0x20 && v.ptr[k] < 0x7f ? (char)v.ptr[k] : '.');
                zd_putc('"');
            } else {
                zd_puts(" 0x");
                for (k = 0; k < v.len; k++) {
                    static const char hex[] = "0123456789ABCDEF";
                    zd_putc(hex[v.ptr[k] >> 4]);
                    zd_putc(hex[v.ptr[k] & 15]);
                }
            }
        }
        zd_putc(']');
        if (type == 0)   /* End-Of-List: tcpdump stops there */
            break;
    }
}

/* tcpdump's ppptype2str names. */
static const char *ppp_protocol_text(unsigned proto)
{
    switch (proto) {
    case 0x0021: return "IP";
    case 0x0057: return "IP6";
    case 0x0281: return "MPLS";
    case 0x8021: return "IPCP";
    case 0x8057: return "IP6CP";
    case 0x80fd: return "CCP";
    case 0xc021: return "LCP";
    case 0xc023: return "PAP";
    case 0xc025: return "LQM";
    case 0xc223: return "CHAP";
    case 0xc227: return "EAP";
    default: return NULL;
    }
}

/* A PPP frame whose protocol the stack does not decode:
   "PAP, length 12"; with a decoded successor nothing (the next layer
   names itself, as tcpdump's "IP ..." and "LCP, ..."). With -e first
   the protocol and the frame's length, as tcpdump. */
static void put_ppp(line *ln, size_t i)
{
    unsigned proto = (unsigned)ppp_protocol(ln->p->layers[i].l.v.ppp);
    const char *name = ppp_protocol_text(proto);
    if (zd_opt.link) {   /* tcpdump -e: "LCP (0xc021), length 34: " */
        zd_puts(name ? name : "unknown");
        zd_puts(" (0x");
        zd_putx(proto, 4);
        zd_puts("), length ");
        zd_putu(ln->p->layers[i].l.bytes.len);
        if (!name) {
            ln->sep = ": ";
            return;
        }
        zd_puts(": ");
    }
    if (has_successor(ln, i)) {
        ln->sep = NULL;
        return;
    }
    if (name) {
        zd_puts(name);
    } else {
        zd_puts("unknown PPP protocol (0x");
        zd_putx(proto, 4);
        zd_putc(')');
    }
    zd_puts(", length ");
    zd_putu(ln->p->layers[i].l.bytes.len);
    ln->sep = ": ";
}

/* LCP, IPCP, IPV6CP: "LCP, Conf-Request (0x01), id 1, length 34" (the
   length of the PPP frame, as tcpdump). */
static void put_ppp_cp(line *ln, size_t i, const char *name, unsigned code, unsigned id)
{
    static const char *const codes[] = { NULL, "Conf-Request", "Conf-Ack", "Conf-Nack",
        "Conf-Reject", "Term-Request", "Term-Ack", "Code-Reject", "Prot-Reject",
        "Echo-Request", "Echo-Reply", "Disc-Req", "Ident", "Time-Rem", "Reset-Req", "Reset-Ack" };
    size_t ppp_len = ln->p->layers[i].l.bytes.len + 2;
    if (i >= 1 && is_proto(&ln->p->layers[i - 1], PACKET_PPP))
        ppp_len = ln->p->layers[i - 1].l.bytes.len;
    zd_puts(name);
    zd_puts(", ");
    zd_puts(code < sizeof codes / sizeof codes[0] && codes[code] ? codes[code] : "Unknown Opcode");
    zd_puts(" (0x");
    zd_putx(code, 2);
    zd_puts("), id ");
    zd_putu(id);
    zd_puts(", length ");
    zd_putu(ppp_len);
    ln->sep = ": ";
}

/* NTP: "NTPv4, Client, length 48", as tcpdump. */
static void put_ntp(const zd_layer *l)
{
    static const char *const modes[] = { "Reserved", "symmetric active", "symmetric passive", "Client",
                                         "Server", "Broadcast", "Control Message", "Reserved" };
    ntp_view n = l->l.v.ntp;
    zd_puts("NTPv");
    zd_putu(ntp_version(n));
    zd_puts(", ");
    zd_puts(modes[(unsigned)ntp_mode(n) & 7u]);
    zd_puts(", length ");
    zd_putu(l->bytes.len);
}

/* Geneve: "Geneve, Flags [C], vni 0x7, options [8 bytes]", as tcpdump
   (print-geneve.c): the O and C flags, the reserved octet when not 0, the
   protocol with -e, the options' length; a protocol the stack does not
   decode as "geneve-proto-0x1234". */
static void put_geneve(line *ln, size_t i)
{
    geneve_view g = ln->p->layers[i].l.v.geneve;
    zd_puts("Geneve, Flags [");
    if (!geneve_oam(g) && !geneve_critical(g))
        zd_puts("none");
    zd_puts(geneve_oam(g) ? "O" : "");
    zd_puts(geneve_critical(g) ? "C" : "");
    zd_puts("], vni 0x");
    zd_putx(geneve_vni(g), 1);
    if (geneve_reserved2(g)) {
        zd_puts(", rsvd 0x");
        zd_putx(geneve_reserved2(g), 1);
    }
    if (zd_opt.link) {
        const char *name = ether_type_text(geneve_protocol(g));
        zd_puts(", proto ");
        zd_puts(name ? name : "unknown");
        zd_puts(" (0x");
        zd_putx((uint64_t)geneve_protocol(g), 4);
        zd_putc(')');
    }
    if (geneve_options_length(g)) {
        zd_puts(", options [");
        zd_putu(geneve_options_length(g) * 4u);
        zd_puts(" bytes]");
    }
    ln->sep = ": ";
    if (!has_successor(ln, i)) {
        zd_puts(": geneve-proto-0x");
        zd_putx((uint64_t)geneve_protocol(g), 1);
        ln->sep = NULL;
    }
}

/* ERSPAN, which tcpdump 4.99 does not decode ("gre-proto-0x88be"):
   "ERSPAN type II, session 100, vlan 20, index 0x3" and "ERSPAN type III,
   session 200, vlan 10, hw 5, egress, ts 1234", then the mirrored frame. */
static void put_erspan(line *ln, size_t i)
{
    const packet_layer *l = &ln->p->layers[i].l;
    if (l->proto == PACKET_ERSPAN_II) {
        erspan_ii_view e = l->v.erspan_ii;
        zd_puts("ERSPAN type II, session ");
        zd_putu(erspan_ii_session_id(e));
        zd_puts(", vlan ");
        zd_putu(erspan_ii_vlan(e));
        zd_puts(", index 0x");
        zd_putx(erspan_ii_index(e), 1);
        if (erspan_ii_truncated(e))
            zd_puts(", truncated");
    } else {
        erspan_iii_view e = l->v.erspan_iii;
        zd_puts("ERSPAN type III, session ");
        zd_putu(erspan_iii_session_id(e));
        zd_puts(", vlan ");
        zd_putu(erspan_iii_vlan(e));
        zd_puts(", hw ");
        zd_putu(erspan_iii_hw_id(e));
        zd_puts(erspan_iii_direction(e) ? ", egress" : ", ingress");
        zd_puts(", ts ");
        zd_putu(zc_be32toh(erspan_iii_timestamp(e)));
        if (erspan_iii_truncated(e))
            zd_puts(", truncated");
        if (erspan_iii_ft(e) != 0) {
            zd_puts(", frame type ");
            zd_putu(erspan_iii_ft(e));
        }
    }
    ln->sep = ": ";
}

static void put_gre(line *ln, size_t i)
{
    gre_view g = ln->p->layers[i].l.v.gre;
    zd_puts("GREv");
    zd_putu(gre_version(g));
    /* tcpdump: the checksum with -v only; the offset whenever C is set */
    if (gre_has_checksum(g) && zd_opt.verbose) {
        zd_puts(", sum 0x");
        zd_putx(zc_be16toh(gre_checksum(g)), 1);
    }
    if (gre_has_reserved1(g)) {
        zd_puts(", off 0x");
        zd_putx(zc_be16toh(gre_reserved1(g)), 1);
    }
    if (gre_has_key(g)) {
        zd_puts(", key=0x");
        zd_putx(zc_be32toh(gre_key(g)), 1);
    }
    if (gre_has_sequence(g)) {
        zd_puts(", seq ");
        zd_putu(zc_be32toh(gre_sequence(g)));
    }
    if (zd_opt.link) {   /* tcpdump prints the protocol with -e only, "unknown" in lower case */
        const char *name = ether_type_text(gre_protocol(g));
        zd_puts(", proto ");
        zd_puts(name ? name : "unknown");
        zd_puts(" (0x");
        zd_putx((uint64_t)gre_protocol(g), 4);
        zd_putc(')');
    }
    zd_puts(", length ");
    zd_putu(ln->p->layers[i].bytes.len);
    ln->sep = ": ";
}

/* tcpdump's names of ICMPv6 types (print-icmp6.c icmp6_type_values). */
static const char *icmp6_type_text(icmp6_type t)
{
    switch ((unsigned)t) {
    case 1: return "destination unreachable";
    case 2: return "packet too big";
    case 3: return "time exceeded in-transit";
    case 4: return "parameter problem";
    case 128: return "echo request";
    case 129: return "echo reply";
    case 130: return "multicast listener query";
    case 131: return "multicast listener report";
    case 132: return "multicast listener done";
    case 133: return "router solicitation";
    case 134: return "router advertisement";
    case 135: return "neighbor solicitation";
    case 136: return "neighbor advertisement";
    case 137: return "redirect";
    case 143: return "multicast listener report v2";
    default: return NULL;
    }
}

static void put_icmp(line *ln, size_t i)
{
    const zd_layer *l = &ln->p->layers[i], *sub = next_layer(ln, i);
    bool v6 = is_proto(l, PACKET_ICMPV6);
    const char *name;
    uint64_t type, code;
    zd_ck c = zd_opt.verbose ? zd_checksum(ln->p, i) : (zd_ck){ ZD_CK_NONE, 0, 0 };
    if (v6) {
        name = icmp6_type_text(icmpv6_type(l->l.v.icmpv6));
        type = (uint64_t)icmpv6_type(l->l.v.icmpv6);
        code = icmpv6_code(l->l.v.icmpv6);
        /* -v: tcpdump's "[icmp6 sum ok] " or "[bad icmp6 cksum 0x.. -> 0x..!] " */
        if (c.verdict == ZD_CK_GOOD) {
            zd_puts("[icmp6 sum ok] ");
        } else if (c.verdict == ZD_CK_BAD) {
            zd_puts("[bad icmp6 cksum 0x");
            zd_putx(c.field, 4);
            zd_puts(" -> 0x");
            zd_putx(c.want, 4);
            zd_puts("!] ");
        }
        zd_puts("ICMP6, ");
    } else {
        name = icmp_type_name(icmpv4_type(l->l.v.icmpv4));
        type = (uint64_t)icmpv4_type(l->l.v.icmpv4);
        code = icmpv4_code(l->l.v.icmpv4);
        zd_puts("ICMP ");
    }
    if (name && v6)
        zd_puts(name);
    else if (name)
        put_words(name);
    else if (v6) {
        zd_puts("unknown icmp6 type (");
        zd_putu(type);
        zd_putc(')');
    } else {
        zd_puts("type ");
        zd_putu(type);
    }
    if (code) {
        zd_puts(", code ");
        zd_putu(code);
    }
    if (sub && !sub->partial) {
        switch (sub->kind) {
        case ZD_ICMPV4_ECHO:
            zd_puts(", id ");
            zd_putu(zc_be16toh(icmpv4_echo_identifier(sub->v.icmpv4_echo)));
            zd_puts(", seq ");
            zd_putu(zc_be16toh(icmpv4_echo_sequence(sub->v.icmpv4_echo)));
            break;
        case ZD_ICMPV6_ECHO:
            zd_puts(", id ");
            zd_putu(zc_be16toh(icmpv6_echo_identifier(sub->v.icmpv6_echo)));
            zd_puts(", seq ");
            zd_putu(zc_be16toh(icmpv6_echo_sequence(sub->v.icmpv6_echo)));
            break;
        case ZD_ND_NEIGHBOR_SOLICIT:
            zd_puts(", who has ");
            zd_put_ipv6(ipv6_addr_octets(nd_neighbor_solicit_target(sub->v.nd_neighbor_solicit)).ptr);
            break;
        case ZD_ND_NEIGHBOR_ADVERT:
            zd_puts(", tgt is ");
            zd_put_ipv6(ipv6_addr_octets(nd_neighbor_advert_target(sub->v.nd_neighbor_advert)).ptr);
            break;
        case ZD_ND_REDIRECT:
            zd_puts(", ");
            zd_put_ipv6(ipv6_addr_octets(nd_redirect_destination(sub->v.nd_redirect)).ptr);
            zd_puts(" to ");
            zd_put_ipv6(ipv6_addr_octets(nd_redirect_target(sub->v.nd_redirect)).ptr);
            break;
        default:
            break;
        }
    }
    zd_puts(", length ");
    zd_putu(l->bytes.len);
    if (!v6 && c.verdict == ZD_CK_BAD) {   /* tcpdump -v */
        zd_puts(" (wrong icmp cksum ");
        zd_putx(c.field, 1);
        zd_puts(" (->");
        zd_putx(c.want, 1);
        zd_puts(")!)");
    }
}

static void put_sll2_prefix(linux_sll2_view s);

/* tcpdump's direction of a Linux cooked packet (sll_pkttype_values). */
static const char *sll_dir(unsigned type)
{
    static const char *const dirs[] = { "In", "B", "M", "P", "Out" };
    return type < sizeof dirs / sizeof dirs[0] ? dirs[type] : "?";
}

/* tcpdump's name of a BSD address family in a null/loop header. */
static void put_af(uint32_t af)
{
    const char *name = af == 2 ? "IPv4" : af == 7 ? "ISO" : af == 24 || af == 28 || af == 30 ? "IPv6"
                                                                                          : "Unknown";
    zd_puts("AF ");
    zd_puts(name);
    zd_puts(" (");
    zd_putu(af);
    zd_putc(')');
}

/* A link-layer header with -e, as tcpdump prints it: "AF IPv4 (2)",
   " In 00:00:00:00:00:00 ethertype IPv4 (0x0800)", ... */
static void put_link(line *ln, size_t i)
{
    const zd_layer *l = &ln->p->layers[i];
    switch (l->kind) {
    case ZD_NULL_LE:
        put_af(zc_le32toh(null_le_family(l->v.null_le)));
        zd_putc(',');
        break;
    case ZD_NULL_BE:
        put_af(zc_be32toh(null_be_family(l->v.null_be)));
        zd_putc(',');
        break;
    case ZD_LINUX_SLL: {
        linux_sll_view s = l->v.linux_sll;
        zc_bytes a = linux_sll_addr(s);
        size_t used = zc_be16toh(linux_sll_addr_used(s));
        const char *dir = sll_dir((unsigned)linux_sll_packet_type(s));
        for (size_t n = strlen(dir); n < 3; n++)
            zd_putc(' ');
        zd_puts(dir);
        zd_putc(' ');
        if (used == 6 && a.len >= 6) {   /* tcpdump prints an Ethernet address only */
            zd_put_mac(a.ptr, used);
            zd_putc(' ');
        }
        put_sll_protocol(linux_sll_protocol(s));
        zd_putc(',');
        break;
    }
    case ZD_LINUX_SLL2: {
        linux_sll2_view s = l->v.linux_sll2;
        zc_bytes a = linux_sll2_addr(s);
        size_t used = linux_sll2_addr_used(s);
        put_sll2_prefix(s);
        zd_puts("ifindex ");
        zd_putu(zc_be32toh(linux_sll2_ifindex(s)));
        zd_putc(' ');
        if (used == 6 && a.len >= 6) {   /* tcpdump prints an Ethernet address only */
            zd_put_mac(a.ptr, used);
            zd_putc(' ');
        }
        put_sll_protocol(linux_sll2_protocol(s));
        zd_putc(',');
        break;
    }
    default:
        break;
    }
    zd_puts(" length ");
    zd_putu(ln->p->len);
    ln->sep = ": ";
}

/* tcpdump's prefix of a Linux cooked v2 packet without -e: the interface
   (named as on this host, as tcpdump does) and the direction, "lo    In  ". */
static void put_sll2_prefix(linux_sll2_view s)
{
    char name[IF_NAMESIZE];
    const char *dir = sll_dir((unsigned)linux_sll2_packet_type(s));
    size_t n;
    if (!if_indextoname(zc_be32toh(linux_sll2_ifindex(s)), name))
        strcpy(name, "?");
    zd_puts(name);
    for (n = strlen(name); n < 5; n++)
        zd_putc(' ');
    zd_putc(' ');
    zd_puts(dir);
    for (n = strlen(dir); n < 3; n++)
        zd_putc(' ');
    zd_putc(' ');
}

/* ---- issue #19 "route": protocols the stack reaches since then ----------------------- */

/* tcpdump's fn_print_char: "M-" before a byte above 0x7f, "^X" for a control. */
static void put_tcpdump_chars(zc_bytes b)
{
    for (size_t k = 0; k < b.len; k++) {
        unsigned c = b.ptr[k];
        if (c == 0 && k + 1 == b.len)
            break;   /* the terminating NUL of "until 0" */
        if (c > 0x7fu) {
            zd_puts("M-");
            c &= 0x7fu;
        }
        if (c < 0x20u || c == 0x7fu) {
            zd_putc('^');
            c ^= 0x40u;
        }
        zd_putc((char)c);
    }
}

/* The bytes of the UDP datagram or IPv4 payload right before layer i. */
static size_t carrier_len(const line *ln, size_t i, const zd_layer *l)
{
    const zd_layer *u = i > 0 ? &ln->p->layers[i - 1] : NULL;
    if (is_proto(u, PACKET_UDP))
        return udp_payload(u->l.v.udp).len;
    if (is_proto(u, PACKET_ETHERNET))
        return ethernet_payload(u->l.v.ethernet).len;
    if (is_proto(u, PACKET_VLAN))
        return vlan_payload(u->l.v.vlan).len;
    return l->bytes.len;
}

/* MPLS: "MPLS (label 16, tc 0, [S], ttl 64)", each entry, as tcpdump. */
static void put_mpls(const zd_layer *l)
{
    mpls_label_iter it = mpls_labels(l->l.v.mpls);
    mpls_label_view m;
    zd_puts("MPLS");
    while (mpls_label_next(&it, &m)) {
        zd_puts(" (label ");
        zd_putu(mpls_label_label(m));
        zd_puts(", tc ");
        zd_putu(mpls_label_tc(m));
        if (mpls_label_bos(m))
            zd_puts(", [S]");
        zd_puts(", ttl ");
        zd_putu(mpls_label_ttl(m));
        zd_putc(')');
    }
}

/* radiotap (LINKTYPE 127): "radiotap v0, length 26: 802.11, 62 bytes"; the
   802.11 frame is not decoded (no bundled schema). */
static void put_radiotap(const zd_layer *l)
{
    radiotap_view r = l->l.v.radiotap;
    zd_puts("radiotap v");
    zd_putu(radiotap_version(r));
    zd_puts(", length ");
    zd_putu(zc_le16toh(radiotap_length(r)));
    zd_puts(": 802.11, ");
    zd_putu(radiotap_payload(r).len);
    zd_puts(" bytes");
}

/* LLDP: "LLDP, length 78: sw1", the system name when there is one. */
static void put_lldp(const line *ln, size_t i)
{
    const zd_layer *l = &ln->p->layers[i];
    lldp_tlv_iter it = lldp_tlvs(l->l.v.lldp);
    lldp_tlv_view t;
    zd_puts("LLDP, length ");
    zd_putu(carrier_len(ln, i, l));
    while (lldp_tlv_next(&it, &t))
        if (lldp_tlv_type(t) == LLDP_TYPE_SYSTEM_NAME && lldp_tlv_has_info(t)) {
            zd_puts(": ");
            put_tcpdump_chars(lldp_tlv_info(t));
            break;
        }
}

/* IGMP, as tcpdump's igmp_print() without -v. */
static void put_igmp(const zd_layer *l)
{
    igmp_view g = l->l.v.igmp;
    unsigned mrc = igmp_max_resp_code(g);
    ipv4_addr_view a;
    igmp_query_view q;
    igmpv3_report_view r;
    switch (igmp_type(g)) {
    case IGMP_MSG_TYPE_MEMBERSHIP_QUERY:
        if (!igmp_query(g, &q))
            break;
        zd_puts("igmp query ");
        {
            igmpv3_query_iter it = igmp_query_v3(q);
            igmpv3_query_view v3;
            const uint8_t *group = ipv4_addr_octets(igmp_query_group(q)).ptr;
            bool any = group[0] | group[1] | group[2] | group[3];
            if (igmpv3_query_next(&it, &v3)) {
                size_t ns = igmpv3_query_sources_count(v3);
                zd_puts("v3");
                if (mrc != 100) {
                    /* RFC 3376 4.1.1: 128 and above is a float (exp, mant) */
                    unsigned t = mrc < 128 ? mrc : ((mrc & 0x0fu) | 0x10u) << (((mrc >> 4) & 7u) + 3u);
                    zd_puts(" [max resp time ");
                    if (t < 600) {
                        zd_putu(t / 10);
                        zd_putc('.');
                        zd_putu(t % 10);
                        zd_putc('s');
                    } else {
                        /* tcpdump's unsigned_relts_print of the seconds: "1m30s" */
                        static const unsigned secs[] = { 31536000, 604800, 86400, 3600, 60, 1 };
                        static const char units[] = "ywdhms";
                        unsigned left = t / 10;
                        for (size_t k = 0; k < 6; k++)
                            if (left >= secs[k]) {
                                zd_putu(left / secs[k]);
                                zd_putc(units[k]);
                                left %= secs[k];
                            }
                    }
                    zd_putc(']');
                }
                if (any) {
                    zd_puts(" [gaddr ");
                    zd_put_ipv4(group);
                    if (ns) {
                        zd_puts(", ");
                        zd_putu(ns);
                        zd_puts(" source(s)");
                    }
                    zd_putc(']');
                } else if (ns) {
                    zd_puts(" [");
                    zd_putu(ns);
                    zd_puts(" source(s)]");
                }
            } else {
                if (mrc) {
                    zd_puts("v2");
                    if (mrc != 100) {
                        zd_puts(" [max resp time ");
                        zd_putu(mrc);
                        zd_putc(']');
                    }
                } else {
                    zd_puts("v1");
                }
                if (any) {
                    zd_puts(" [gaddr ");
                    zd_put_ipv4(group);
                    zd_putc(']');
                }
            }
        }
        return;
    case IGMP_MSG_TYPE_V1_MEMBERSHIP_REPORT:
    case IGMP_MSG_TYPE_V2_MEMBERSHIP_REPORT:
    case IGMP_MSG_TYPE_V2_LEAVE_GROUP:
        if (!igmp_group(g, &a))
            break;
        zd_puts(igmp_type(g) == IGMP_MSG_TYPE_V1_MEMBERSHIP_REPORT   ? "igmp v1 report "
                : igmp_type(g) == IGMP_MSG_TYPE_V2_MEMBERSHIP_REPORT ? "igmp v2 report "
                                                                     : "igmp leave ");
        zd_put_ipv4(ipv4_addr_octets(a).ptr);
        return;
    case IGMP_MSG_TYPE_V3_MEMBERSHIP_REPORT:
        if (!igmp_report(g, &r))
            break;
        zd_puts("igmp v3 report, ");
        zd_putu(zc_be16toh(igmpv3_report_num_records(r)));
        zd_puts(" group record(s)");
        return;
    default:
        break;
    }
    zd_puts("igmp-");
    zd_putu((unsigned)igmp_type(g));
}

/* tcpdump's names of the payload protocol identifiers of a DATA chunk
   (its PayloadProto_idents; 26 has none); others print as 0xN. */
static const char *sctp_ppid_name(uint32_t ppid)
{
    static const char *const names[] = { NULL,   "ISDN Q.921", "M2UA",      "M3UA",      "SUA",
                                         "M2PA", "V5.2",       "H.248",     "BICC",      "TALI",
                                         "DUA",  "ASAP",       "ENRP",      "H.323",     "Q.IPC",
                                         "SIMCO", "DDPSC",     "DDPSSC",    "S1AP",      "RUA",
                                         "HNBAP", "ForCES HP", "ForCES MP", "ForCES LP", "SBc-AP",
                                         "NBAP", NULL,         "X2AP" };
    return ppid < sizeof names / sizeof names[0] ? names[ppid] : NULL;
}

/* DATA: "(U)(B)(E) [TSN: N] [SID: N] [SSEQ N] [PPID M3UA] ". A chunk with
   no user data (RFC 9260 6.2: "No User Data", an error) ends as tcpdump
   4.99 ends it, "bogus chunk length 16]", and nothing after it is printed:
   returns false then. */
static bool put_sctp_data(sctp_chunk_view c)
{
    sctp_data_view d;
    unsigned f = sctp_chunk_flags(c);
    const char *name;
    if (f & 0x04u)
        zd_puts("(U)");
    if (f & 0x02u)
        zd_puts("(B)");
    if (f & 0x01u)
        zd_puts("(E)");
    if (f & 0x07u)
        zd_putc(' ');
    if (!sctp_chunk_data(c, &d))
        return true;
    zd_puts("[TSN: ");
    zd_putu(zc_be32toh(sctp_data_tsn(d)));
    zd_puts("] [SID: ");
    zd_putu(zc_be16toh(sctp_data_stream_id(d)));
    zd_puts("] [SSEQ ");
    zd_putu(zc_be16toh(sctp_data_stream_seq(d)));
    zd_puts("] [PPID ");
    name = sctp_ppid_name(zc_be32toh(sctp_data_ppid(d)));
    if (name) {
        zd_puts(name);
    } else {
        zd_puts("0x");
        zd_putx(zc_be32toh(sctp_data_ppid(d)), 1);
    }
    zd_puts("] ");
    if (sctp_data_user_data(d).len == 0) {
        zd_puts("bogus chunk length ");
        zd_putu(zc_be16toh(sctp_chunk_length(c)));
        zd_putc(']');
        return false;
    }
    return true;
}

/* INIT, INIT ACK: "[init tag: N] [rwnd: N] [OS: N] [MIS: N] [init TSN: N] ". */
static void put_sctp_init(sctp_chunk_view c)
{
    sctp_init_view v;
    if (!sctp_chunk_init(c, &v))
        return;
    zd_puts("[init tag: ");
    zd_putu(zc_be32toh(sctp_init_initiate_tag(v)));
    zd_puts("] [rwnd: ");
    zd_putu(zc_be32toh(sctp_init_a_rwnd(v)));
    zd_puts("] [OS: ");
    zd_putu(zc_be16toh(sctp_init_outbound_streams(v)));
    zd_puts("] [MIS: ");
    zd_putu(zc_be16toh(sctp_init_inbound_streams(v)));
    zd_puts("] [init TSN: ");
    zd_putu(zc_be32toh(sctp_init_initial_tsn(v)));
    zd_puts("] ");
}

/* SACK: "[cum ack N] [a_rwnd N] [#gap acks N] [#dup tsns N] ", then each
   gap ack block as TSNs (the cumulative TSN ack plus its offsets, modulo
   2^32) and each duplicate TSN. tcpdump puts each of those on a line of its
   own; zcdump keeps one line per packet (linecheck.py "sctp-sack-lines"). */
static void put_sctp_sack(sctp_chunk_view c)
{
    sctp_sack_view v;
    sctp_gap_block_iter gi;
    sctp_gap_block_view g;
    sctp_dup_tsn_iter di;
    sctp_dup_tsn_view t;
    uint32_t cum;
    unsigned n = 0;
    if (!sctp_chunk_sack(c, &v))
        return;
    cum = zc_be32toh(sctp_sack_cumulative_tsn_ack(v));
    zd_puts("[cum ack ");
    zd_putu(cum);
    zd_puts("] [a_rwnd ");
    zd_putu(zc_be32toh(sctp_sack_a_rwnd(v)));
    zd_puts("] [#gap acks ");
    zd_putu(zc_be16toh(sctp_sack_num_gap_blocks(v)));
    zd_puts("] [#dup tsns ");
    zd_putu(zc_be16toh(sctp_sack_num_dup_tsns(v)));
    zd_puts("] ");
    gi = sctp_gap_block_iter_bytes(sctp_sack_gap_blocks(v));
    while (sctp_gap_block_next(&gi, &g)) {
        zd_puts("[gap ack block #");
        zd_putu(++n);
        zd_puts(": start = ");
        zd_putu((uint32_t)(cum + zc_be16toh(sctp_gap_block_start(g))));
        zd_puts(", end = ");
        zd_putu((uint32_t)(cum + zc_be16toh(sctp_gap_block_end(g))));
        zd_puts("] ");
    }
    n = 0;
    di = sctp_dup_tsn_iter_bytes(sctp_sack_dup_tsns(v));
    while (sctp_dup_tsn_next(&di, &t)) {
        zd_puts("[dup TSN #");
        zd_putu(++n);
        zd_puts(": ");
        zd_putu(zc_be32toh(sctp_dup_tsn_tsn(t)));
        zd_puts("] ");
    }
}

/* SCTP, as tcpdump -n prints it: "sctp (1) [INIT] [init tag: N] ... , (2)
   [DATA] ...": each chunk's number, tcpdump's name for its type and the
   fields tcpdump shows for DATA, INIT, INIT ACK and SACK (the other chunk
   types: the name alone, as tcpdump). The chunk types after SHUTDOWN
   COMPLETE that tcpdump names (the schema keeps them as bytes) print as
   the name alone too, named as tcpdump after 4.99 names them: 4.99 calls
   0xc1 and 0xc2 "REL CTRL" and "REL CTRL ACK" and does not name 0x40,
   0x80 and 0x82 (linecheck.py "sctp-chunk-names"). Every chunk ends in a
   space, as in tcpdump's line. */
static void put_sctp(const zd_layer *l)
{
    static const char *const names[] = { "DATA", "INIT", "INIT ACK", "SACK", "HB REQ", "HB ACK", "ABORT",
                                         "SHUTDOWN", "SHUTDOWN ACK", "OP ERR", "COOKIE ECHO",
                                         "COOKIE ACK", "ECN ECHO", "ECN CWR", "SHUTDOWN COMPLETE" };
    sctp_chunk_iter it = sctp_chunks(l->l.v.sctp);
    sctp_chunk_view c;
    unsigned n = 0;
    zd_puts("sctp");
    while (sctp_chunk_next(&it, &c)) {
        unsigned t = (unsigned)sctp_chunk_type(c);
        zd_puts(n ? ", (" : " (");
        zd_putu(++n);
        zd_puts(") [");
        if (t < sizeof names / sizeof names[0]) {
            zd_puts(names[t]);
        } else {
            const char *other = t == 0x40   ? "I-DATA"
                                : t == 0x80 ? "ASCONF-ACK"
                                : t == 0x82 ? "RE-CONFIG"
                                : t == 0xc0 ? "FOR CUM TSN"
                                : t == 0xc1 ? "ASCONF"
                                : t == 0xc2 ? "I-FORWARD-FSN"
                                            : NULL;
            if (other) {
                zd_puts(other);
            } else {
                zd_puts("Unknown chunk type: 0x");
                zd_putx(t, 1);
            }
        }
        zd_puts("] ");
        switch (sctp_chunk_type(c)) {
        case SCTP_CHUNK_KIND_DATA:
            if (!put_sctp_data(c))
                return;
            break;
        case SCTP_CHUNK_KIND_INIT:
        case SCTP_CHUNK_KIND_INIT_ACK:
            put_sctp_init(c);
            break;
        case SCTP_CHUNK_KIND_SACK:
            put_sctp_sack(c);
            break;
        default:
            break;
        }
    }
}

/* DHCPv6: "dhcp6 solicit", tcpdump's names. */
static void put_dhcpv6(const zd_layer *l)
{
    static const char *const names[] = { NULL, "solicit", "advertise", "request", "confirm", "renew",
                                         "rebind", "reply", "release", "decline", "reconfigure",
                                         "inf-req", "relay-fwd", "relay-reply", "leasequery",
                                         "leasequery-reply", "leasequery-done", "leasequery-data" };
    unsigned t = (unsigned)dhcpv6_msg_type(l->l.v.dhcpv6);
    zd_puts("dhcp6 ");
    if (t < sizeof names / sizeof names[0] && names[t]) {
        zd_puts(names[t]);
    } else {
        zd_puts("msgtype-");
        zd_putu(t);
    }
}

static void put_tftp_options(tftp_option_iter it)
{
    tftp_option_view o;
    while (tftp_option_next(&it, &o)) {
        zd_putc(' ');
        put_tcpdump_chars(tftp_option_name(o));
        zd_putc(' ');
        put_tcpdump_chars(tftp_option_value(o));
    }
}

/* TFTP: "TFTP, length 24, RRQ "boot/pxelinux.0" octet", as tcpdump. */
static void put_tftp(const line *ln, size_t i)
{
    static const char *const errors[] = { "EUNDEF", "ENOTFOUND", "EACCESS", "ENOSPACE", "EBADOP",
                                          "EBADID", "EEXISTS", "ENOUSER", "EOPTNEG" };
    const zd_layer *l = &ln->p->layers[i];
    tftp_view t = l->l.v.tftp;
    tftp_request_view rq;
    tftp_data_view d;
    tftp_ack_view a;
    tftp_error_view e;
    tftp_oack_view o;
    zd_puts("TFTP, length ");
    zd_putu(carrier_len(ln, i, l));
    zd_puts(", ");
    if (tftp_request(t, &rq)) {
        zd_puts(tftp_opcode(t) == TFTP_OP_RRQ ? "RRQ \"" : "WRQ \"");
        put_tcpdump_chars(tftp_request_filename(rq));
        zd_puts("\" ");
        put_tcpdump_chars(tftp_request_mode(rq));
        put_tftp_options(tftp_request_options(rq));
    } else if (tftp_data(t, &d)) {
        zd_puts("DATA block ");
        zd_putu(zc_be16toh(tftp_data_block(d)));
    } else if (tftp_ack(t, &a)) {
        zd_puts("ACK block ");
        zd_putu(zc_be16toh(tftp_ack_block(a)));
    } else if (tftp_error(t, &e)) {
        unsigned code = zc_be16toh(tftp_error_code(e));
        zd_puts("ERROR ");
        if (code < sizeof errors / sizeof errors[0]) {
            zd_puts(errors[code]);
        } else {
            zd_puts("tftp-err-#");
            zd_putu(code);
        }
        zd_puts(" \"");
        put_tcpdump_chars(tftp_error_message(e));
        zd_putc('"');
    } else if (tftp_oack(t, &o)) {
        zd_puts("OACK");
        put_tftp_options(tftp_oack_options(o));
    } else {
        zd_puts("tftp-#");
        zd_putu((unsigned)tftp_opcode(t));
    }
}

/* Layer i; returns how many layers it used. */
static size_t put_layer(line *ln, size_t i)
{
    const zd_layer *l = &ln->p->layers[i];
    bool outer = i == 0;

    part(ln);
    if (l->partial) {
        /* snapped inside its header: tcpdump's "[|tcp]" */
        zd_puts("[|");
        zd_puts(zd_layer_name(l));
        zd_putc(']');
        return ln->p->n - i;
    }
    if (l->kind != ZD_PACKET) {
        if (l->kind == ZD_LINUX_SLL2 && !zd_opt.link && has_successor(ln, i)) {
            put_sll2_prefix(l->v.linux_sll2);
            ln->sep = NULL;
            return 1;
        }
        if (outer && !zd_opt.link && has_successor(ln, i)) {
            ln->sep = NULL;
            return 1;
        }
        put_link(ln, i);
        return 1;
    }
    switch (l->l.proto) {
    case PACKET_NONE:
        return 1;
    case PACKET_ETHERNET: {
        ethernet_view e = l->l.v.ethernet;
        if (!zd_opt.link && has_successor(ln, i)) {
            ln->sep = NULL;
            return 1;
        }
        zd_put_mac(mac_addr_octets(ethernet_src(e)).ptr, 6);
        zd_puts(" > ");
        zd_put_mac(mac_addr_octets(ethernet_dst(e)).ptr, 6);
        zd_puts(", ");
        if ((unsigned)ethernet_type(e) <= 1500) {
            /* a length: LLC follows; tcpdump prints the length field, or
               the bytes after the header when fewer */
            size_t after = (outer ? ln->p->len : l->bytes.len) - 14;
            zd_puts("802.3, length ");
            zd_putu((unsigned)ethernet_type(e) < after ? (unsigned)ethernet_type(e) : after);
        } else {
            put_ether_type(ethernet_type(e));
            zd_puts(", length ");
            zd_putu(outer ? ln->p->len : l->bytes.len);
        }
        ln->sep = ": ";
        return 1;
    }
    case PACKET_VLAN:
        /* tcpdump shows tags only with -e: "vlan 100, p 5, ethertype IPv4 (0x0800), " */
        if (!zd_opt.link && has_successor(ln, i)) {
            ln->sep = NULL;   /* part() printed what came before */
            return 1;
        }
        zd_puts("vlan ");
        zd_putu(vlan_vid(l->l.v.vlan));
        zd_puts(", p ");
        zd_putu(vlan_pcp(l->l.v.vlan));
        if (vlan_dei(l->l.v.vlan))
            zd_puts(", DEI");
        zd_puts(", ");
        if ((unsigned)vlan_type(l->l.v.vlan) <= 1500) {
            /* an 802.3 length: LLC follows, printed right after "802.3"
               with no separator, as tcpdump does */
            zd_puts("802.3");
            ln->sep = "";
        } else {
            put_ether_type(vlan_type(l->l.v.vlan));
            ln->sep = ", ";
        }
        if (!has_successor(ln, i)) {
            zd_puts(", length ");
            zd_putu(vlan_payload(l->l.v.vlan).len);
        }
        return 1;
    case PACKET_ARP: {
        arp_view a = l->l.v.arp;
        if (!zd_opt.link)
            zd_puts("ARP, ");
        if (arp_oper(a) == ARP_OPCODE_REQUEST) {
            zd_puts("Request who-has ");
            zd_put_ipv4(ipv4_addr_octets(arp_tpa(a)).ptr);
            zd_puts(" tell ");
            zd_put_ipv4(ipv4_addr_octets(arp_spa(a)).ptr);
        } else if (arp_oper(a) == ARP_OPCODE_REPLY) {
            zd_puts("Reply ");
            zd_put_ipv4(ipv4_addr_octets(arp_spa(a)).ptr);
            zd_puts(" is-at ");
            zd_put_mac(mac_addr_octets(arp_sha(a)).ptr, 6);
        } else {
            zd_puts("opcode ");
            zd_putu((uint64_t)arp_oper(a));
        }
        zd_puts(", length ");
        zd_putu(l->bytes.len);
        ln->sep = ": ";
        return 1;
    }
    case PACKET_IPV4:
    case PACKET_IPV6:
        put_ip(ln, i);
        return 1;
    case PACKET_IPV6_HOP_BY_HOP:
    case PACKET_IPV6_ROUTING:
    case PACKET_IPV6_DEST_OPTIONS:
    case PACKET_IPV6_FRAGMENT:
        put_ext(ln, i);
        return 1;
    case PACKET_TCP:
        put_tcp(ln, i);
        return zd_opt.quiet ? ln->p->n - i : 1;
    case PACKET_UDP:
        return put_udp(ln, i) ? 1 : ln->p->n - i;
    case PACKET_ICMPV4:
    case PACKET_ICMPV6: {
        const zd_layer *sub = next_layer(ln, i);
        put_icmp(ln, i);
        ln->sep = ": ";
        return sub && sub->kind != ZD_PACKET ? 2 : 1;
    }
    case PACKET_DNS_MESSAGE: {
        /* tcpdump prints UDP port 5353 as mDNS: (QM)/(QU), cache flush;
           not when the other port is DNS's 53 (the stack decodes the
           lower port first, and tcpdump then prints plain DNS) */
        const zd_layer *u = i > 0 ? &ln->p->layers[i - 1] : NULL;
        bool mdns = is_proto(u, PACKET_UDP) && (zc_be16toh(udp_src_port(u->l.v.udp)) == 5353 ||
                                                zc_be16toh(udp_dst_port(u->l.v.udp)) == 5353) &&
                    zc_be16toh(udp_src_port(u->l.v.udp)) != 53 && zc_be16toh(udp_dst_port(u->l.v.udp)) != 53;
        put_dns(l, mdns);
        ln->sep = ": ";
        return 1;
    }
    case PACKET_DNS_TCP:
        ln->sep = NULL;   /* the message it frames says it all */
        return 1;
    case PACKET_DHCP:
        put_dhcp(l);
        ln->sep = ": ";
        return 1;
    case PACKET_VXLAN:
        zd_puts("VXLAN, flags [");
        zd_puts(vxlan_vni_valid(l->l.v.vxlan) ? "I" : "");
        zd_puts("] (0x");   /* tcpdump: the whole flags byte */
        zd_putx(l->bytes.ptr[0], 2);
        zd_puts("), vni ");
        zd_putu(vxlan_vni(l->l.v.vxlan));
        ln->sep = ": ";
        return 1;
    case PACKET_GRE:
        put_gre(ln, i);
        return 1;
    case PACKET_GENEVE:
        put_geneve(ln, i);
        return 1;
    case PACKET_ERSPAN_II:
    case PACKET_ERSPAN_III:
        put_erspan(ln, i);
        return 1;
    case PACKET_LLC:
        /* tcpdump shows the LLC header of a BPDU with -e only */
        if (!zd_opt.link && is_proto(next_layer(ln, i), PACKET_STP)) {
            ln->sep = NULL;
            return 1;
        }
        put_llc(ln, i);
        return 1;
    case PACKET_SNAP:
        put_snap(ln, i);
        return 1;
    case PACKET_NTP:
        put_ntp(l);
        ln->sep = ": ";
        return 1;
    case PACKET_STP:
        put_stp(ln, i);
        return 1;
    case PACKET_PPPOE_DISCOVERY: {
        pppoe_discovery_view d = l->l.v.pppoe_discovery;
        put_pppoe_header(ln, i, (unsigned)pppoe_discovery_code(d),
                         zc_be16toh(pppoe_discovery_session_id(d)), zc_be16toh(pppoe_discovery_length(d)));
        put_pppoe_tags(d);
        ln->sep = ": ";
        return 1;
    }
    case PACKET_PPPOE_SESSION: {
        pppoe_session_view d = l->l.v.pppoe_session;
        put_pppoe_header(ln, i, (unsigned)pppoe_session_code(d),
                         zc_be16toh(pppoe_session_session_id(d)), zc_be16toh(pppoe_session_length(d)));
        ln->sep = " ";
        return 1;
    }
    case PACKET_PPP:
        put_ppp(ln, i);
        return 1;
    case PACKET_LCP:
        put_ppp_cp(ln, i, "LCP", (unsigned)lcp_code(l->l.v.lcp), lcp_identifier(l->l.v.lcp));
        return 1;
    case PACKET_IPCP:
        put_ppp_cp(ln, i, "IPCP", (unsigned)ipcp_code(l->l.v.ipcp), ipcp_identifier(l->l.v.ipcp));
        return 1;
    case PACKET_IPV6CP:
        put_ppp_cp(ln, i, "IP6CP", (unsigned)ipv6cp_code(l->l.v.ipv6cp), ipv6cp_identifier(l->l.v.ipv6cp));
        return 1;
    case PACKET_LINUX_SLL:
    case PACKET_LINUX_SLL2:
        return 1;   /* zcdump reads these as its own layers (ZD_LINUX_SLL*) */
    case PACKET_RADIOTAP:
        put_radiotap(l);
        return 1;
    case PACKET_MPLS:
        put_mpls(l);
        ln->sep = " ";
        return 1;
    case PACKET_LLDP:
        put_lldp(ln, i);
        ln->sep = ": ";
        return 1;
    case PACKET_IGMP:
        put_igmp(l);
        ln->sep = ": ";
        return 1;
    case PACKET_SCTP:
        put_sctp(l);
        ln->sep = ": ";
        return 1;
    case PACKET_DHCPV6:
        put_dhcpv6(l);
        ln->sep = ": ";
        return 1;
    case PACKET_TFTP:
        put_tftp(ln, i);
        ln->sep = ": ";
        return 1;
    case PACKET_STUN:
    case PACKET_QUIC:
        /* tcpdump 4.99 decodes neither: the datagram's length, as for any port */
        zd_puts("UDP, length ");
        zd_putu(carrier_len(ln, i, l));
        ln->sep = ": ";
        return 1;
    case PACKET_TLS_RECORD:
        /* tcpdump 4.99 does not decode TLS: the TCP header's line says it all */
        ln->sep = NULL;
        return 1;
    case PACKET_MQTT:
        /* tcpdump 4.99 does not decode MQTT either (TCP 1883, a whole packet) */
        ln->sep = NULL;
        return 1;
    case PACKET_BGP: {
        /* tcpdump 4.99 without -v: "BGP" once for all the messages of a
           segment (each message is a layer: `bgp: whole bgp(4)`) */
        size_t k = i;
        while (k < ln->p->n && ln->p->layers[k].kind == ZD_PACKET && ln->p->layers[k].l.proto == PACKET_BGP)
            k++;
        zd_puts("BGP");
        ln->sep = NULL;
        return k - i;
    }
    }
    return 1;
}

/* The reference of -ttt (the previous packet) and -ttttt (the first). */
static bool have_ref;
static int64_t ref_sec, ref_subsec;

static void put_time(const zd_packet *p)
{
    int digits = zd_opt.ts_digits == 9 ? 9 : 6;
    switch (zd_opt.timestamps) {
    case 1:
        return;
    case 2:
        zd_put_time_epoch(p, digits);
        break;
    case 3:
    case 5:
        if (!have_ref || zd_opt.timestamps == 3) {
            if (!have_ref) {
                ref_sec = p->sec;
                ref_subsec = zd_time_valid(p) ? p->subsec : 0;
            }
            have_ref = true;
        }
        zd_put_time_delta(p, ref_sec, ref_subsec, digits);
        if (zd_opt.timestamps == 3) {
            ref_sec = p->sec;
            ref_subsec = zd_time_valid(p) ? p->subsec : 0;
        }
        break;
    case 4:
        zd_put_clock(p, digits, true);
        break;
    default:
        zd_put_clock(p, digits, false);
        break;
    }
    zd_putc(' ');
}

/* " [": a mark after the line so far, with one space before it (an SCTP
   line already ends in one, as tcpdump's). */
static void put_mark_open(void)
{
    zd_puts(zd_out_last() == ' ' ? "[" : " [");
}

static void put_marks(const zd_packet *p)
{
    if (p->snapped) {
        put_mark_open();
        zd_puts("truncated: caplen ");
        zd_putu(p->caplen);
        zd_puts(" < len ");
        zd_putu(p->len);
        zd_putc(']');
    }
    if (p->stopped) {   /* "[fragment: ...]", "[undecoded: ...]": not malformed */
        put_mark_open();
        zd_put_status(p->stopped_status);
        zd_putc(']');
    }
    for (size_t k = 0; k < p->nproblems; k++) {
        put_mark_open();
        zd_puts("malformed: ");
        zd_put_status(p->problems[k].st);
        zd_putc(']');
    }
    if (p->nproblems_all > p->nproblems) {
        put_mark_open();
        zd_putc('+');
        zd_putu(p->nproblems_all - p->nproblems);
        zd_puts(" more]");
    }
}

/* ---- -v: every field ------------------------------------------------------------ */

typedef struct {
    int indent;             /* open structs (arrays add none) */
    bool collapse;          /* inside an address struct shown on one line */
    const char *label;
    size_t label_index;
    bool label_element;
    bool array_error;       /* the array being closed stopped early (shown) */
} tree;

static void indent(int depth)
{
    zd_puts("        ");
    for (int k = 0; k < depth; k++)
        zd_puts("  ");
}

static void put_label(const char *name, bool element, size_t index)
{
    zd_puts(name);
    if (element) {
        zd_putc('[');
        zd_putu(index);
        zd_putc(']');
    }
}

static bool address_type(const char *type)
{
    return strcmp(type, "mac_addr") == 0 || strcmp(type, "ipv4_addr") == 0 ||
           strcmp(type, "ipv6_addr") == 0;
}

static void put_bytes_short(zc_bytes b)
{
    if (b.len == 0) {
        zd_puts("(empty)");
    } else if (b.len <= 32) {
        zd_puthex(b.ptr, b.len);
    } else {
        zd_puthex(b.ptr, 32);
        zd_puts("... (");
        zd_putu(b.len);
        zd_puts(" bytes)");
    }
}

static void tree_field(void *ctx, const zd_field *f)
{
    tree *t = (tree *)ctx;
    switch (f->kind) {
    case ZC_FIELD_BEGIN:
        if (address_type(f->type)) {
            t->collapse = true;
            t->label = f->name;
            t->label_index = f->index;
            t->label_element = f->element;
            return;
        }
        indent(t->indent++);
        put_label(f->name, f->element, f->index);
        zd_putc('\n');
        return;
    case ZC_FIELD_END:
        if (t->collapse)
            t->collapse = false;
        else
            t->indent--;
        return;
    case ZC_FIELD_ARRAY_BEGIN:
        return;
    case ZC_FIELD_ARRAY_END:
        if (f->index == 0 && !t->array_error) {
            indent(t->indent);
            zd_puts(f->name);
            zd_puts(": []\n");
        }
        t->array_error = false;
        return;
    case ZC_FIELD_BYTES:
        if (t->collapse) {
            indent(t->indent);
            put_label(t->label, t->label_element, t->label_index);
            zd_puts(": ");
            if (strcmp(f->type, "u8[4]") == 0 && f->bytes.len == 4)
                zd_put_ipv4(f->bytes.ptr);
            else if (strcmp(f->type, "u8[16]") == 0 && f->bytes.len == 16)
                zd_put_ipv6(f->bytes.ptr);
            else
                zd_put_mac(f->bytes.ptr, f->bytes.len);
            zd_putc('\n');
            return;
        }
        indent(t->indent);
        zd_puts(f->name);
        zd_puts(": ");
        put_bytes_short(f->bytes);
        zd_putc('\n');
        return;
    case ZC_FIELD_UINT:
        indent(t->indent);
        zd_puts(f->name);
        zd_puts(": ");
        if (f->is_signed)
            zd_puti(f->ivalue);
        else
            zd_putu(f->value);
        if (f->bits >= 16 && (f->type[0] == 'b' || f->type[0] == 'l')) {
            zd_puts(" (0x");
            zd_putx(f->value, f->bits / 4);
            zd_putc(')');
        }
        zd_putc('\n');
        return;
    case ZC_FIELD_ENUM:
        indent(t->indent);
        zd_puts(f->name);
        zd_puts(": ");
        zd_putu(f->value);
        zd_puts(" (");
        zd_puts(f->enum_name ? f->enum_name : "?");
        zd_puts(")\n");
        return;
    case ZC_FIELD_EXTERN:
        indent(t->indent);
        zd_puts(f->name);
        zd_puts(": ");
        if (f->text) {
            zd_puts(f->text);
        } else if (f->status.code != ZC_OK) {
            zd_puts("[malformed: ");
            zd_put_status(f->status);
            zd_putc(']');
        } else {
            put_bytes_short(f->bytes);
        }
        zd_putc('\n');
        return;
    case ZC_FIELD_ERROR:
        indent(t->indent);
        zd_puts(f->name);
        zd_puts(": [malformed: ");
        zd_put_status(f->status);
        zd_puts("]\n");
        t->array_error = true;
        return;
    }
}

static void put_tree(const zd_packet *p)
{
    for (size_t i = 0; i < p->n; i++) {
        const zd_layer *l = &p->layers[i];
        tree t;
        memset(&t, 0, sizeof t);
        zd_puts("    ");
        zd_puts(zd_layer_name(l));
        zd_puts(" @");
        zd_putu(l->offset);
        zd_putc('\n');
        zd_fields(p, l, tree_field, &t);
    }
    if (p->failed) {
        zd_puts("    ");
        zd_puts(p->failed);
        zd_puts(" @");
        zd_putu(p->failed_offset);
        zd_puts(" [malformed: ");
        zd_put_status(p->failed_status);
        zd_puts("]\n");
    }
    if (p->stopped) {
        zd_puts("    ");
        zd_puts(p->stopped);
        zd_puts(" @");
        zd_putu(p->stopped_offset);
        zd_puts(" [");
        zd_put_status(p->stopped_status);
        zd_puts("]\n");
    }
}

/* ---- -x ------------------------------------------------------------------------- */

/* The end of the link-layer header (what -x, -X and -A leave out, as
 * tcpdump): the leading link.zc header, Ethernet header and VLAN tags. */
static size_t link_header_len(const zd_packet *p)
{
    size_t end = 0;
    if (p->n == 0)
        return 0;   /* no link header decoded: tcpdump dumps every byte */
    for (size_t i = 0; i < p->n; i++) {
        const zd_layer *l = &p->layers[i];
        const uint8_t *pl;
        switch (l->kind) {
        case ZD_NULL_LE:
            pl = null_le_payload(l->v.null_le).ptr;
            break;
        case ZD_NULL_BE:
            pl = null_be_payload(l->v.null_be).ptr;
            break;
        case ZD_LINUX_SLL:
            pl = linux_sll_payload(l->v.linux_sll).ptr;
            break;
        case ZD_LINUX_SLL2:
            pl = linux_sll2_payload(l->v.linux_sll2).ptr;
            break;
        case ZD_PACKET:
            if (l->l.proto == PACKET_ETHERNET && i == 0)
                pl = ethernet_payload(l->l.v.ethernet).ptr;
            else if (l->l.proto == PACKET_VLAN)
                pl = vlan_payload(l->l.v.vlan).ptr;
            else
                return l->offset;
            break;
        default:
            return l->offset;
        }
        end = (size_t)(pl - p->data);
    }
    return end < p->caplen ? end : p->caplen;
}

/* tcpdump's hex_print() and hex_and_ascii_print(): "\t0x0010:  4500 0054"
 * (-x), with the ASCII column after 40 columns of hex (-X). */
static void put_hex(const uint8_t *b, size_t n, bool ascii)
{
    for (size_t off = 0; off < n; off += 16) {
        size_t end = off + 16 < n ? off + 16 : n, col = 0;
        zd_puts("\t0x");
        zd_putx(off, 4);
        zd_puts(": ");
        for (size_t k = off; k < end; k++) {
            if ((k - off) % 2 == 0) {
                zd_putc(' ');
                col++;
            }
            zd_puthex(b + k, 1);
            col += 2;
        }
        if (ascii) {
            for (; col < 40; col++)
                zd_putc(' ');
            zd_puts("  ");
            for (size_t k = off; k < end; k++)
                zd_putc(b[k] > 0x20 && b[k] < 0x7f ? (char)b[k] : '.');
        }
        zd_putc('\n');
    }
}

/* tcpdump's ascii_print(): the bytes, unprintable ones as '.', tabs,
 * spaces and newlines kept, a CR dropped before a newline, then a newline
 * (nothing at all for no bytes). */
static void put_ascii(const uint8_t *b, size_t n)
{
    if (n == 0)
        return;
    for (size_t k = 0; k < n; k++) {
        uint8_t c = b[k];
        if (c == '\r') {
            if (n - k - 1 > 1 && b[k + 1] != '\n')
                zd_putc('.');
        } else if ((c > 0x20 && c < 0x7f) || c == '\t' || c == ' ' || c == '\n') {
            zd_putc((char)c);
        } else {
            zd_putc('.');
        }
    }
    zd_putc('\n');
}

/* After the line (and the -v tree): the dump -x, -xx, -X, -XX or -A asks for. */
static void put_dump(const zd_packet *p)
{
    size_t h = link_header_len(p);
    if (zd_opt.hexascii)
        zd_opt.hexascii > 1 ? put_hex(p->raw, p->caplen, true)
                            : put_hex(p->raw + h, p->caplen - h, true);
    else if (zd_opt.hex)
        zd_opt.hex > 1 ? put_hex(p->raw, p->caplen, false)
                       : put_hex(p->raw + h, p->caplen - h, false);
    else if (zd_opt.ascii)
        zd_opt.ascii > 1 ? put_ascii(p->raw, p->caplen) : put_ascii(p->raw + h, p->caplen - h);
}

void zd_print_line(const zd_packet *p)
{
    line ln;
    ln.p = p;
    ln.sep = NULL;
    ln.ports_done = false;

    if (zd_opt.numbers) {
        zd_putu(p->frame);
        zd_puts("  ");
    }
    put_time(p);
    if (zd_opt.link && (zd_opt.linktype == DLT_RAW || zd_opt.linktype == DLT_IPV4 ||
                        zd_opt.linktype == DLT_IPV6))
        zd_puts("ip: ");   /* tcpdump -e on raw IP */
    for (size_t i = 0; i < p->n;)
        i += put_layer(&ln, i);
    if (p->failed) {
        part(&ln);
        zd_puts(p->failed);
    } else if (p->stopped && p->stopped_status.code == ZC_UNDECODED) {
        part(&ln);
        zd_puts("[not ");   /* "[not dns_message]": the port's guess */
        zd_puts(p->stopped);
        zd_putc(']');
    } else if (p->stopped) {
        part(&ln);
        zd_puts(p->stopped);   /* the layer that runs past the fragment */
    } else if (p->cut) {
        part(&ln);
        zd_puts("[|");
        zd_puts(p->cut);
        zd_putc(']');
    } else if (p->n == 0) {
        zd_puts("[nothing decoded]");
    }
    put_marks(p);
    zd_putc('\n');
    if (zd_opt.verbose)
        put_tree(p);
    put_dump(p);
}
