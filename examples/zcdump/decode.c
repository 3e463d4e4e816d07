/*
 * decode.c - one packet, decoded by generated code only.
 *
 *   1. the link layer, by the capture's link type: Ethernet goes straight to
 *      the walker; NULL/LOOP and Linux SLL/SLL2 headers are parsed with the
 *      structs of link.zc, and their family / protocol picks the first
 *      layer; raw IP is told apart by link.zc's ip_version;
 *   2. packet_walk() (schemas/packet.zc) parses every layer after that;
 *   3. an ICMP layer gets the message view its bytes satisfy, if any
 *      (icmpv4_echo, icmpv6_echo, the nd_* messages of icmpv6_nd.zc): each
 *      view's own type constraint says whether it applies;
 *   4. one pass over every field (the generated NAME_visit()) finds what the
 *      parsers leave to the reader: arrays whose walk stopped early (a bad
 *      TCP option) and DNS names whose compression pointers are invalid.
 *
 * A snapped packet (caplen < len) is decoded from a copy padded with zeros
 * to its original length, so that the headers it does hold are shown, as
 * tcpdump and tshark show them. Only what lies inside the captured bytes
 * is reported: layers that start past caplen are dropped, fields that end
 * past it are left out (byte arrays are cut), and failures past it are not
 * problems of the packet but of the capture ("[truncated: ...]").
 */
#include <string.h>

#include "zcdump.h"

static uint8_t pad_buf[ZD_PAD_MAX];

/* ---- problems ---------------------------------------------------------------- */

static void add_problem(zd_packet *p, zc_status st, const char *layer)
{
    if (p->snapped && st.offset >= p->caplen)
        return;   /* found in the padding: the capture's doing, not the packet's */
    p->nproblems_all++;
    if (p->nproblems < ZD_MAX_PROBLEMS) {
        p->problems[p->nproblems].st = st;
        p->problems[p->nproblems].layer = layer;
        p->nproblems++;
    }
}

/* ---- layers --------------------------------------------------------------------- */

const char *zd_layer_name(const zd_layer *l)
{
    const char *name;
    switch (l->kind) {
    case ZD_PACKET:
        name = packet_proto_name(l->l.proto);
        return name ? name : "?";
    case ZD_NULL_LE:
        return "null_le";
    case ZD_NULL_BE:
        return "null_be";
    case ZD_LINUX_SLL:
        return "linux_sll";
    case ZD_LINUX_SLL2:
        return "linux_sll2";
    case ZD_ICMPV4_ECHO:
        return "icmpv4_echo";
    case ZD_ICMPV6_ECHO:
        return "icmpv6_echo";
    case ZD_ND_ROUTER_SOLICIT:
        return "nd_router_solicit";
    case ZD_ND_ROUTER_ADVERT:
        return "nd_router_advert";
    case ZD_ND_NEIGHBOR_SOLICIT:
        return "nd_neighbor_solicit";
    case ZD_ND_NEIGHBOR_ADVERT:
        return "nd_neighbor_advert";
    case ZD_ND_REDIRECT:
        return "nd_redirect";
    }
    return "?";
}

/* Parses l->bytes as l->kind (not ZD_PACKET) into l->v. */
static zc_status parse_view(zd_layer *l)
{
    const uint8_t *b = l->bytes.ptr;
    size_t n = l->bytes.len;
    switch (l->kind) {
    case ZD_PACKET:
        break;
    case ZD_NULL_LE:
        return null_le_parse(&l->v.null_le, b, n);
    case ZD_NULL_BE:
        return null_be_parse(&l->v.null_be, b, n);
    case ZD_LINUX_SLL:
        return linux_sll_parse(&l->v.linux_sll, b, n);
    case ZD_LINUX_SLL2:
        return linux_sll2_parse(&l->v.linux_sll2, b, n);
    case ZD_ICMPV4_ECHO:
        return icmpv4_echo_parse(&l->v.icmpv4_echo, b, n);
    case ZD_ICMPV6_ECHO:
        return icmpv6_echo_parse(&l->v.icmpv6_echo, b, n);
    case ZD_ND_ROUTER_SOLICIT:
        return nd_router_solicit_parse(&l->v.nd_router_solicit, b, n);
    case ZD_ND_ROUTER_ADVERT:
        return nd_router_advert_parse(&l->v.nd_router_advert, b, n);
    case ZD_ND_NEIGHBOR_SOLICIT:
        return nd_neighbor_solicit_parse(&l->v.nd_neighbor_solicit, b, n);
    case ZD_ND_NEIGHBOR_ADVERT:
        return nd_neighbor_advert_parse(&l->v.nd_neighbor_advert, b, n);
    case ZD_ND_REDIRECT:
        return nd_redirect_parse(&l->v.nd_redirect, b, n);
    }
    return zc_fail(ZC_ERR_MALFORMED, 0, "zcdump\0not a view");
}

/* Records that the layer `name` at `offset` did not parse (absolute status). */
static void layer_failed(zd_packet *p, zc_status st, const char *name, size_t offset)
{
    if (p->snapped && st.offset >= p->caplen) {
        /* it fails in the padding: the capture ends inside it */
        if (offset < p->caplen && !p->cut) {
            p->cut = name;
            p->cut_offset = offset;
        }
        return;
    }
    p->failed = name;
    p->failed_offset = offset;
    p->failed_status = st;
}

/* Parses a link.zc header as layer 0; false if it does not parse. */
static bool link_layer(zd_packet *p, zd_kind kind)
{
    zd_layer *l = &p->layers[0];
    zc_status st;
    memset(l, 0, sizeof *l);
    l->kind = kind;
    l->offset = 0;
    l->bytes = zc_bytes_make(p->data, p->data_len);
    st = parse_view(l);
    if (st.code != ZC_OK) {
        layer_failed(p, st, zd_layer_name(l), 0);
        return false;
    }
    p->n = 1;
    return true;
}

/* The first layer of the stack after a link header, by EtherType: the
 * same choices as the rule for ethernet.payload in schemas/packet.zc. */
static packet_proto by_ether_type(ether_type t)
{
    switch ((int)t) {
    case ETHER_TYPE_IPV4:
        return PACKET_IPV4;
    case ETHER_TYPE_IPV6:
        return PACKET_IPV6;
    case ETHER_TYPE_ARP:
        return PACKET_ARP;
    case ETHER_TYPE_VLAN:
    case ETHER_TYPE_QINQ:
        return PACKET_VLAN;
    case ETHER_TYPE_TEB:
        return PACKET_ETHERNET;
    case ETHER_TYPE_PPPOE_DISCOVERY:
        return PACKET_PPPOE_DISCOVERY;
    case ETHER_TYPE_PPPOE_SESSION:
        return PACKET_PPPOE_SESSION;
    default:
        return PACKET_NONE;
    }
}

/* By a Linux cooked header's protocol: an EtherType, or one of Linux's
 * ETH_P_ values below 0x0600 that say what the frame carried instead.
 * ETH_P_802_2 (4): an IEEE 802.2 LLC header follows (tcpdump and tshark
 * decode it so); ETH_P_802_3 (1, Novell's raw 802.3 IPX) and the others
 * are not decoded. */
static packet_proto by_sll_protocol(ether_type t)
{
    if ((unsigned)t == 0x0004u)
        return PACKET_LLC;
    return by_ether_type(t);
}

/* By BSD address family (LINKTYPE_NULL and LINKTYPE_LOOP): AF_INET is 2
 * everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD,
 * DragonFly) or 30 (macOS). */
static packet_proto by_family(uint32_t family)
{
    switch (family) {
    case 2:
        return PACKET_IPV4;
    case 10:
    case 24:
    case 28:
    case 30:
        return PACKET_IPV6;
    default:
        return PACKET_NONE;
    }
}

/* Runs packet_walk() over data[base..] as `first` and appends its layers. */
static void walk(zd_packet *p, packet_proto first, size_t base)
{
    packet_layer out[ZD_MAX_LAYERS];
    size_t room = ZD_MAX_LAYERS - p->n, n = 0;
    zc_status st;

    if (first == PACKET_NONE || base > p->data_len)
        return;
    st = packet_walk(p->data + base, p->data_len - base, first, out, room, &n);
    for (size_t i = 0; i < n; i++) {
        zd_layer *l = &p->layers[p->n];
        if (p->snapped && base + out[i].offset >= p->caplen)
            break;   /* parsed from the padding only */
        l->kind = ZD_PACKET;
        l->partial = false;
        l->offset = base + out[i].offset;
        l->bytes = out[i].bytes;
        l->l = out[i];
        p->n++;
    }
    if (st.code != ZC_OK) {
        const char *name = "packet";
        size_t at = base + st.offset;
        if (n < room && packet_proto_name(out[n].proto)) {
            name = packet_proto_name(out[n].proto);
            at = base + out[n].offset;
        }
        st = zc_fail_nested(st, base);
        if ((st.code == ZC_FRAGMENT || st.code == ZC_UNDECODED) && !(p->snapped && st.offset >= p->caplen)) {
            /* not malformed: a fragment, or not the protocol of its port */
            p->stopped = name;
            p->stopped_offset = at;
            p->stopped_status = st;
            return;
        }
        layer_failed(p, st, name, at);
    }
}

/* Tries the message views of an ICMP layer (index i); the first that
 * parses follows it. A view whose `type` or `code` constraint fails does
 * not apply; any other failure means it applies but the message is bad. */
static void icmp_views(zd_packet *p, size_t i)
{
    static const zd_kind v4[] = { ZD_ICMPV4_ECHO };
    static const zd_kind v6[] = { ZD_ICMPV6_ECHO, ZD_ND_ROUTER_SOLICIT, ZD_ND_ROUTER_ADVERT,
                                  ZD_ND_NEIGHBOR_SOLICIT, ZD_ND_NEIGHBOR_ADVERT, ZD_ND_REDIRECT };
    const zd_kind *kinds = p->layers[i].l.proto == PACKET_ICMPV4 ? v4 : v6;
    size_t nkinds = p->layers[i].l.proto == PACKET_ICMPV4 ? 1 : sizeof v6 / sizeof v6[0];

    if (p->n == ZD_MAX_LAYERS)
        return;
    for (size_t k = 0; k < nkinds; k++) {
        zd_layer s;
        zc_status st;
        memset(&s, 0, sizeof s);
        s.kind = kinds[k];
        s.offset = p->layers[i].offset;
        s.bytes = p->layers[i].bytes;
        st = parse_view(&s);
        if (st.code == ZC_OK) {
            memmove(&p->layers[i + 2], &p->layers[i + 1], (p->n - i - 1) * sizeof p->layers[0]);
            p->layers[i + 1] = s;
            p->n++;
            return;
        }
        if (st.code == ZC_ERR_CONSTRAINT && st.field) {
            const char *dot = strrchr(st.field, '.');
            if (dot && (strcmp(dot, ".type") == 0 || strcmp(dot, ".code") == 0))
                continue;
        }
        layer_failed(p, zc_fail_nested(st, s.offset), zd_layer_name(&s), s.offset);
        return;
    }
}

static void check_fields(zd_packet *p);

void zd_decode(zd_packet *p, const uint8_t *frame, uint32_t caplen, uint32_t len)
{
    p->caplen = caplen;
    p->len = len;
    p->raw = frame;
    p->data = frame;
    p->data_len = caplen;
    p->snapped = caplen < len;
    p->n = 0;
    p->failed = NULL;
    p->failed_offset = 0;
    p->stopped = NULL;
    p->stopped_offset = 0;
    p->cut = NULL;
    p->cut_offset = 0;
    p->nproblems = p->nproblems_all = 0;
    if (p->snapped && caplen < ZD_PAD_MAX) {
        size_t full = len < ZD_PAD_MAX ? len : ZD_PAD_MAX;
        memcpy(pad_buf, frame, caplen);
        memset(pad_buf + caplen, 0, full - caplen);
        p->data = pad_buf;
        p->data_len = full;
    }

    switch (zd_opt.linktype) {
    case DLT_EN10MB:
        walk(p, PACKET_ETHERNET, 0);
        break;
    case DLT_IPV4:
        walk(p, PACKET_IPV4, 0);
        break;
    case DLT_IPV6:
        walk(p, PACKET_IPV6, 0);
        break;
    case DLT_RAW: {
        ip_version_view iv;
        zc_status st = ip_version_parse(&iv, p->data, p->data_len);
        if (st.code != ZC_OK)
            layer_failed(p, st, "ip_version", 0);
        else if (ip_version_version(iv) == 4)
            walk(p, PACKET_IPV4, 0);
        else if (ip_version_version(iv) == 6)
            walk(p, PACKET_IPV6, 0);
        else
            layer_failed(p, zc_fail(ZC_ERR_MALFORMED, 0, "ip_version.version\0neither 4 nor 6"),
                         "ip_version", 0);
        break;
    }
    case DLT_NULL:
        if (link_layer(p, ZD_NULL_LE)) {
            uint32_t fam = zc_le32toh(null_le_family(p->layers[0].v.null_le));
            if ((fam & 0xffff0000u) && !(fam & 0xffffu)) {
                /* written by a big-endian machine */
                p->n = 0;
                if (!link_layer(p, ZD_NULL_BE))
                    break;
                fam = zc_be32toh(null_be_family(p->layers[0].v.null_be));
                walk(p, by_family(fam), (size_t)(null_be_payload(p->layers[0].v.null_be).ptr - p->data));
            } else {
                walk(p, by_family(fam), (size_t)(null_le_payload(p->layers[0].v.null_le).ptr - p->data));
            }
        }
        break;
    case DLT_LOOP:
        if (link_layer(p, ZD_NULL_BE))
            walk(p, by_family(zc_be32toh(null_be_family(p->layers[0].v.null_be))),
                 (size_t)(null_be_payload(p->layers[0].v.null_be).ptr - p->data));
        break;
    case DLT_LINUX_SLL:
        if (link_layer(p, ZD_LINUX_SLL))
            walk(p, by_sll_protocol(linux_sll_protocol(p->layers[0].v.linux_sll)),
                 (size_t)(linux_sll_payload(p->layers[0].v.linux_sll).ptr - p->data));
        break;
    case DLT_IEEE802_11_RADIO:   /* 127, radiotap: its 802.11 payload is not decoded */
        walk(p, PACKET_RADIOTAP, 0);
        break;
    case DLT_LINUX_SLL2:
        if (link_layer(p, ZD_LINUX_SLL2))
            walk(p, by_sll_protocol(linux_sll2_protocol(p->layers[0].v.linux_sll2)),
                 (size_t)(linux_sll2_payload(p->layers[0].v.linux_sll2).ptr - p->data));
        break;
    default:
        break;   /* main.c accepts only the link types above */
    }

    for (size_t i = 0; i < p->n; i++)
        if (p->layers[i].kind == ZD_PACKET &&
            (p->layers[i].l.proto == PACKET_ICMPV4 || p->layers[i].l.proto == PACKET_ICMPV6))
            icmp_views(p, i);

    check_fields(p);
}

/* ---- fields ------------------------------------------------------------------------ */

static void visit_packet_layer(const packet_layer *l, zc_visit_fn fn, void *ctx)
{
    switch (l->proto) {
    case PACKET_NONE:
        break;
    case PACKET_ETHERNET:
        ethernet_visit(l->v.ethernet, fn, ctx);
        break;
    case PACKET_VLAN:
        vlan_visit(l->v.vlan, fn, ctx);
        break;
    case PACKET_GRE:
        gre_visit(l->v.gre, fn, ctx);
        break;
    case PACKET_IPV4:
        ipv4_visit(l->v.ipv4, fn, ctx);
        break;
    case PACKET_IPV6:
        ipv6_visit(l->v.ipv6, fn, ctx);
        break;
    case PACKET_ARP:
        arp_visit(l->v.arp, fn, ctx);
        break;
    case PACKET_IPV6_HOP_BY_HOP:
        ipv6_hop_by_hop_visit(l->v.ipv6_hop_by_hop, fn, ctx);
        break;
    case PACKET_IPV6_ROUTING:
        ipv6_routing_visit(l->v.ipv6_routing, fn, ctx);
        break;
    case PACKET_IPV6_DEST_OPTIONS:
        ipv6_dest_options_visit(l->v.ipv6_dest_options, fn, ctx);
        break;
    case PACKET_IPV6_FRAGMENT:
        ipv6_fragment_visit(l->v.ipv6_fragment, fn, ctx);
        break;
    case PACKET_TCP:
        tcp_visit(l->v.tcp, fn, ctx);
        break;
    case PACKET_UDP:
        udp_visit(l->v.udp, fn, ctx);
        break;
    case PACKET_ICMPV4:
        icmpv4_visit(l->v.icmpv4, fn, ctx);
        break;
    case PACKET_ICMPV6:
        icmpv6_visit(l->v.icmpv6, fn, ctx);
        break;
    case PACKET_DNS_MESSAGE:
        dns_message_visit(l->v.dns_message, fn, ctx);
        break;
    case PACKET_DHCP:
        dhcp_visit(l->v.dhcp, fn, ctx);
        break;
    case PACKET_VXLAN:
        vxlan_visit(l->v.vxlan, fn, ctx);
        break;
    case PACKET_GENEVE:
        geneve_visit(l->v.geneve, fn, ctx);
        break;
    case PACKET_ERSPAN_II:
        erspan_ii_visit(l->v.erspan_ii, fn, ctx);
        break;
    case PACKET_ERSPAN_III:
        erspan_iii_visit(l->v.erspan_iii, fn, ctx);
        break;
    case PACKET_DNS_TCP:
        dns_tcp_visit(l->v.dns_tcp, fn, ctx);
        break;
    case PACKET_LLC:
        llc_visit(l->v.llc, fn, ctx);
        break;
    case PACKET_SNAP:
        snap_visit(l->v.snap, fn, ctx);
        break;
    case PACKET_NTP:
        ntp_visit(l->v.ntp, fn, ctx);
        break;
    case PACKET_STP:
        stp_visit(l->v.stp, fn, ctx);
        break;
    case PACKET_PPPOE_DISCOVERY:
        pppoe_discovery_visit(l->v.pppoe_discovery, fn, ctx);
        break;
    case PACKET_PPPOE_SESSION:
        pppoe_session_visit(l->v.pppoe_session, fn, ctx);
        break;
    case PACKET_PPP:
        ppp_visit(l->v.ppp, fn, ctx);
        break;
    case PACKET_LCP:
        lcp_visit(l->v.lcp, fn, ctx);
        break;
    case PACKET_IPCP:
        ipcp_visit(l->v.ipcp, fn, ctx);
        break;
    case PACKET_IPV6CP:
        ipv6cp_visit(l->v.ipv6cp, fn, ctx);
        break;
    case PACKET_LINUX_SLL:
        linux_sll_visit(l->v.linux_sll, fn, ctx);
        break;
    case PACKET_LINUX_SLL2:
        linux_sll2_visit(l->v.linux_sll2, fn, ctx);
        break;
    case PACKET_MPLS:
        mpls_visit(l->v.mpls, fn, ctx);
        break;
    case PACKET_RADIOTAP:
        radiotap_visit(l->v.radiotap, fn, ctx);
        break;
    case PACKET_MQTT:
        mqtt_visit(l->v.mqtt, fn, ctx);
        break;
    case PACKET_BGP:
        bgp_visit(l->v.bgp, fn, ctx);
        break;
    case PACKET_LLDP:
        lldp_visit(l->v.lldp, fn, ctx);
        break;
    case PACKET_IGMP:
        igmp_visit(l->v.igmp, fn, ctx);
        break;
    case PACKET_SCTP:
        sctp_visit(l->v.sctp, fn, ctx);
        break;
    case PACKET_DHCPV6:
        dhcpv6_visit(l->v.dhcpv6, fn, ctx);
        break;
    case PACKET_STUN:
        stun_visit(l->v.stun, fn, ctx);
        break;
    case PACKET_QUIC:
        quic_visit(l->v.quic, fn, ctx);
        break;
    case PACKET_TLS_RECORD:
        tls_record_visit(l->v.tls_record, fn, ctx);
        break;
    case PACKET_TFTP:
        tftp_visit(l->v.tftp, fn, ctx);
        break;
    }
}

static void visit_layer(const zd_layer *l, zc_visit_fn fn, void *ctx)
{
    switch (l->kind) {
    case ZD_PACKET:
        visit_packet_layer(&l->l, fn, ctx);
        break;
    case ZD_NULL_LE:
        null_le_visit(l->v.null_le, fn, ctx);
        break;
    case ZD_NULL_BE:
        null_be_visit(l->v.null_be, fn, ctx);
        break;
    case ZD_LINUX_SLL:
        linux_sll_visit(l->v.linux_sll, fn, ctx);
        break;
    case ZD_LINUX_SLL2:
        linux_sll2_visit(l->v.linux_sll2, fn, ctx);
        break;
    case ZD_ICMPV4_ECHO:
        icmpv4_echo_visit(l->v.icmpv4_echo, fn, ctx);
        break;
    case ZD_ICMPV6_ECHO:
        icmpv6_echo_visit(l->v.icmpv6_echo, fn, ctx);
        break;
    case ZD_ND_ROUTER_SOLICIT:
        nd_router_solicit_visit(l->v.nd_router_solicit, fn, ctx);
        break;
    case ZD_ND_ROUTER_ADVERT:
        nd_router_advert_visit(l->v.nd_router_advert, fn, ctx);
        break;
    case ZD_ND_NEIGHBOR_SOLICIT:
        nd_neighbor_solicit_visit(l->v.nd_neighbor_solicit, fn, ctx);
        break;
    case ZD_ND_NEIGHBOR_ADVERT:
        nd_neighbor_advert_visit(l->v.nd_neighbor_advert, fn, ctx);
        break;
    case ZD_ND_REDIRECT:
        nd_redirect_visit(l->v.nd_redirect, fn, ctx);
        break;
    }
}

/*
 * The state of one walk over a layer's fields. Generated visit functions
 * report offsets from the start of the struct being visited: a nested
 * struct's BEGIN carries its offset in the enclosing struct and its own
 * fields count from its start; an array's elements count from the struct
 * that holds the array. `st` keeps one entry per open struct or array
 * with the absolute offset its fields count from.
 */
typedef struct {
    size_t base;      /* absolute offset the fields inside count from */
    bool array;       /* an array of structs (its elements are BEGIN/END) */
    bool skip;        /* past the captured bytes: report nothing inside */
} level;

typedef struct {
    const zd_packet *p;
    const zd_layer *layer;
    zd_sink sink;               /* NULL: the problem check */
    void *sink_ctx;
    zd_packet *record;          /* the problem check: problems go here */
    zd_layer *mark;             /* the problem check: the layer, to mark partial */
    size_t cut;                 /* fields must end by here */
    zc_bytes msg;               /* a dns_message layer: the whole message */
    level st[ZD_MAX_DEPTH + 1];
    int depth;                  /* st[0] is the layer itself */
    int overflow;               /* levels opened beyond ZD_MAX_DEPTH */
    char text[ZC_DNS_NAME_TEXT_MAX];
} walker;

static void emit(walker *w, zd_field *z)
{
    if (w->sink)
        w->sink(w->sink_ctx, z);
}

static void on_field(void *ctx, const zc_field *f)
{
    walker *w = (walker *)ctx;
    level *top = &w->st[w->depth];
    bool opens = f->kind == ZC_FIELD_BEGIN || f->kind == ZC_FIELD_ARRAY_BEGIN;
    bool closes = f->kind == ZC_FIELD_END || f->kind == ZC_FIELD_ARRAY_END;
    zd_field z;

    if (w->overflow) {   /* nested too deep to report: count levels only */
        w->overflow += opens ? 1 : closes ? -1 : 0;
        return;
    }
    if (!w->sink && w->cut == SIZE_MAX) {
        /* the problem check of a whole packet: only array walks that
           stopped early and DNS names can hold a problem */
        switch (f->kind) {
        case ZC_FIELD_BEGIN:
        case ZC_FIELD_ARRAY_BEGIN:
            if (w->depth == ZD_MAX_DEPTH)
                break;   /* the full path below reports it */
            w->depth++;
            w->st[w->depth].base = f->kind == ZC_FIELD_BEGIN ? top->base + f->offset : top->base;
            w->st[w->depth].array = f->kind == ZC_FIELD_ARRAY_BEGIN;
            w->st[w->depth].skip = false;
            return;
        case ZC_FIELD_END:
        case ZC_FIELD_ARRAY_END:
            if (w->depth > 0)
                w->depth--;
            return;
        case ZC_FIELD_UINT:
        case ZC_FIELD_ENUM:
        case ZC_FIELD_BYTES:
            return;
        case ZC_FIELD_EXTERN:
        case ZC_FIELD_ERROR:
            break;
        }
    }
    if (top->skip) {     /* inside a struct or array that was not captured */
        if (opens && w->depth < ZD_MAX_DEPTH) {
            w->depth++;
            w->st[w->depth] = *top;
        } else if (opens) {
            w->overflow = 1;
        } else if (closes) {
            w->depth--;
        }
        return;
    }

    memset(&z, 0, sizeof z);
    z.kind = f->kind;
    z.name = f->name;
    z.type = f->type;
    z.at = top->base + f->offset;
    z.bit_offset = f->bit_offset;
    z.bits = f->bits;
    z.value = f->value;
    z.is_signed = f->kind == ZC_FIELD_UINT && f->is_signed;
    z.ivalue = z.is_signed ? f->ivalue : 0;
    z.enum_name = f->enum_name;
    z.bytes = f->bytes;
    z.index = f->index;
    z.depth = w->depth;

    switch (f->kind) {
    case ZC_FIELD_BEGIN:
    case ZC_FIELD_ARRAY_BEGIN:
        if (w->depth == ZD_MAX_DEPTH) {
            w->overflow = 1;
            if (w->record)
                add_problem(w->record, zc_fail(ZC_ERR_LIMIT, z.at, "zcdump\0structs nested too deeply to show"),
                            zd_layer_name(w->layer));
            return;
        }
        z.element = f->kind == ZC_FIELD_BEGIN && top->array;
        w->depth++;
        w->st[w->depth].base = f->kind == ZC_FIELD_BEGIN ? z.at : top->base;
        w->st[w->depth].array = f->kind == ZC_FIELD_ARRAY_BEGIN;
        /* an array may start right at the cut: its elements say more */
        w->st[w->depth].skip = f->kind == ZC_FIELD_BEGIN ? z.at >= w->cut : z.at > w->cut;
        if (!w->st[w->depth].skip)
            emit(w, &z);
        else if (w->mark)
            w->mark->partial = true;
        return;
    case ZC_FIELD_END:
    case ZC_FIELD_ARRAY_END:
        if (w->depth == 0)
            return;   /* unbalanced: cannot happen with generated visits */
        w->depth--;
        z.depth = w->depth;
        z.element = f->kind == ZC_FIELD_END && w->st[w->depth].array;
        emit(w, &z);
        return;
    case ZC_FIELD_UINT:
    case ZC_FIELD_ENUM:
        if (z.at + (f->bit_offset + f->bits + 7u) / 8u > w->cut) {
            if (w->mark)
                w->mark->partial = true;
            return;
        }
        emit(w, &z);
        return;
    case ZC_FIELD_BYTES:
        if (z.at + z.bytes.len > w->cut) {
            if (z.at >= w->cut)
                return;
            z.bytes.len = w->cut - z.at;
        }
        emit(w, &z);
        return;
    case ZC_FIELD_EXTERN:
        if (z.at + z.bytes.len > w->cut) {
            if (w->mark)
                w->mark->partial = true;
            return;
        }
        if (strcmp(f->type, "dns_name") == 0 && w->msg.ptr) {
            dns_name_view nv;
            zc_status st;
            nv.zc_base = f->bytes.ptr;
            nv.zc_len = f->bytes.len;
            if (w->record) {
                st = zc_dns_name_check(w->msg.ptr, w->msg.len, nv);
            } else {
                size_t n;
                st = zc_dns_name_decode(w->msg.ptr, w->msg.len, nv, w->text, sizeof w->text, &n);
            }
            if (st.code == ZC_OK) {
                z.text = w->text;
            } else {
                /* offsets count from the message */
                z.status = zc_fail_nested(st, (size_t)(w->msg.ptr - w->p->data));
                if (w->record)
                    add_problem(w->record, z.status, zd_layer_name(w->layer));
            }
        }
        emit(w, &z);
        return;
    case ZC_FIELD_ERROR:
        z.status = zc_fail_nested(f->status, top->base);
        if (z.status.offset >= w->cut)
            return;
        if (w->record)
            add_problem(w->record, z.status, zd_layer_name(w->layer));
        emit(w, &z);
        return;
    }
}

static void walk_fields(const zd_packet *p, const zd_layer *l, zd_sink sink, void *ctx,
                        zd_packet *record, zd_layer *mark)
{
    walker w;
    w.p = p;
    w.layer = l;
    w.sink = sink;
    w.sink_ctx = ctx;
    w.record = record;
    w.mark = mark;
    w.cut = p->snapped ? p->caplen : SIZE_MAX;
    w.msg = zc_bytes_make(NULL, 0);
    if (l->kind == ZD_PACKET && l->l.proto == PACKET_DNS_MESSAGE)
        w.msg = l->bytes;   /* compression pointers count from its start */
    w.depth = 0;
    w.overflow = 0;
    w.st[0].base = l->offset;
    w.st[0].array = false;
    w.st[0].skip = false;
    w.text[0] = '\0';
    visit_layer(l, on_field, &w);
}

void zd_fields(const zd_packet *p, const zd_layer *l, zd_sink sink, void *ctx)
{
    walk_fields(p, l, sink, ctx, NULL, NULL);
}

/* Pass 4: problems inside layers that parsed, then the layer that did not. */
static void check_fields(zd_packet *p)
{
    for (size_t i = 0; i < p->n; i++)
        walk_fields(p, &p->layers[i], NULL, NULL, p, &p->layers[i]);
    if (p->failed)
        add_problem(p, p->failed_status, p->failed);
}
