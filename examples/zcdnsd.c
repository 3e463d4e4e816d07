/*
 * zcdnsd - a small authoritative DNS responder, and the reference example
 * of writing packets with zerocast: queries are read with generated views
 * (dns_message_parse() and its accessors) and every reply is written with
 * generated builders (dns_message_build() ... dns_message_build_end(),
 * dns_tcp_build() for the TCP length prefix). No byte offset, length or
 * count is written by hand: the builders place each field and derive
 * QDCOUNT, ANCOUNT, ARCOUNT, RDLENGTH, the TXT string lengths and the TCP
 * length from what was put.
 *
 *   zcdnsd [-p PORT] [-T TTL] [-n COUNT] [-q] [-c FILE]
 *          [-a NAME=ADDRESS]... [-t NAME=TEXT]...
 *
 * It answers A, AAAA and TXT (and ANY) questions for the configured names,
 * NXDOMAIN for other names, FORMERR for queries it cannot parse, NOTIMP for
 * opcodes other than QUERY, and follows EDNS(0) (RFC 6891) and UDP
 * truncation (TC, RFC 1035 4.2.1). The sockets are handled by
 * runtime/zerocast_io.h: on UDP it listens on the wildcard addresses,
 * receives in batches (zc_dgram_recv(), recvmmsg()) and replies in batches
 * (zc_dgram_reply_init(), zc_dgram_send(), sendmmsg()), each reply leaving
 * from the address its query was sent to (IP_PKTINFO / IPV6_PKTINFO). On
 * TCP (same port) a zc_reader yields each whole dns_tcp frame, several per
 * connection, in whatever pieces they arrive, and a zc_writer writes the
 * reply through partial sends. One thread, one ppoll() loop.
 *
 * docs/zcdnsd.md describes the options, the behaviour and the test.
 */
#define _GNU_SOURCE /* recvmmsg, sendmmsg, ppoll, accept4, struct in6_pktinfo */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dns.zc.h" /* generated from schemas/dns.zc; includes zerocast_dns.h */
#include "zerocast_io.h" /* batched datagrams with their addresses, stream framing */

/* zc_framer_dns_tcp: dns_tcp_frame() for the stream reader (zerocast_io.h) */
ZC_FRAMER(dns_tcp);

/* ---- limits -------------------------------------------------------------- */

enum {
    DEFAULT_PORT = 5300,
    DEFAULT_TTL = 300,
    MAX_RECORDS = 256,
    MAX_TEXT = 8192,         /* bytes of one TXT record's text              */
    BATCH = 32,              /* datagrams per recvmmsg() / sendmmsg()        */
    BATCHES_PER_WAKE = 8,    /* then let TCP have a turn                     */
    QUERY_MAX = 4096,        /* a bigger query datagram is dropped           */
    UDP_PLAIN = 512,         /* UDP reply limit without EDNS (RFC 1035)      */
    EDNS_SIZE = 1232,        /* our UDP reply limit with EDNS (DNS flag day) */
    MAX_CONNS = 64,          /* TCP connections at once                      */
    TCP_IDLE_MS = 10000,     /* an idle TCP connection is closed (RFC 7766)  */
    TCP_FRAME_MAX = 2 + 65535,
    CLASS_IN = 1,
    CLASS_ANY = 255,
    TYPE_IXFR = 251,         /* zone transfers: not served                   */
    TYPE_AXFR = 252,
    RCODE_BADVERS = 16,      /* extended rcode (RFC 6891 section 9)          */
};

/* ---- configuration ------------------------------------------------------- */

/* One configured record. */
typedef struct {
    char *name;            /* dotted, checked with zc_dns_name_encode()    */
    dns_type type;         /* DNS_TYPE_A, DNS_TYPE_AAAA or DNS_TYPE_TXT    */
    uint8_t addr[16];      /* A: 4 bytes, AAAA: 16, network order          */
    ipv4_addr_view a;      /* A: views of addr, for dns_rr_put_a()         */
    ipv6_addr_view aaaa;   /* AAAA: for dns_rr_put_aaaa()                  */
    char *text;            /* TXT                                          */
    size_t text_len;
} record;

typedef struct {
    record rec[MAX_RECORDS];
    size_t count;
    uint32_t ttl;
} zone;

static bool quiet;

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
    va_list ap;
    if (quiet)
        return;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

/* Prints "zcdnsd: WHERE: problem" and returns false. */
static bool config_error(const char *where, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool config_error(const char *where, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "zcdnsd: %s: ", where);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return false;
}

/*
 * Adds the record NAME TYPE VALUE: TYPE is A, AAAA, TXT, or ADDR for "A or
 * AAAA, as the address says". `where` names the option or file line for
 * error messages.
 */
static bool zone_add(zone *z, const char *where, const char *name, size_t name_len,
                     const char *type, const char *value)
{
    char dotted[ZC_DNS_NAME_TEXT_MAX];
    record *r;
    zc_status st;

    if (z->count == MAX_RECORDS)
        return config_error(where, "more than %d records", MAX_RECORDS);
    if (name_len >= sizeof dotted)
        return config_error(where, "name too long");
    memcpy(dotted, name, name_len);
    dotted[name_len] = '\0';
    /* the name must be one that can be put in a message */
    st = zc_dns_name_encode(dotted, NULL, 0, NULL);
    if (st.code != ZC_ERR_SPACE) { /* ZC_ERR_SPACE (cap 0): valid, n bytes */
        char text[120];
        return config_error(where, "bad name: %s", zc_status_format(st, text, sizeof text));
    }
    r = &z->rec[z->count];
    memset(r, 0, sizeof *r);
    if (strcmp(type, "TXT") == 0) {
        r->type = DNS_TYPE_TXT;
        r->text_len = strlen(value);
        if (r->text_len > MAX_TEXT)
            return config_error(where, "text longer than %d bytes", MAX_TEXT);
        r->text = strdup(value);
    } else if (strcmp(type, "A") != 0 && strcmp(type, "AAAA") != 0 && strcmp(type, "ADDR") != 0) {
        return config_error(where, "unknown record type (A, AAAA or TXT)");
    } else if (strcmp(type, "AAAA") != 0 && inet_pton(AF_INET, value, r->addr) == 1) {
        r->type = DNS_TYPE_A;
        (void)ipv4_addr_parse(&r->a, r->addr, 4);
    } else if (strcmp(type, "A") != 0 && inet_pton(AF_INET6, value, r->addr) == 1) {
        r->type = DNS_TYPE_AAAA;
        (void)ipv6_addr_parse(&r->aaaa, r->addr, 16);
    } else {
        return config_error(where, "not an %s address",
                            strcmp(type, "A") == 0 ? "IPv4" : strcmp(type, "AAAA") == 0 ? "IPv6" : "IP");
    }
    r->name = strdup(dotted);
    if (!r->name || (r->type == DNS_TYPE_TXT && !r->text)) {
        free(r->name);
        free(r->text);
        return config_error(where, "out of memory");
    }
    z->count++;
    return true;
}

/* -a NAME=ADDRESS, -t NAME=TEXT. */
static bool zone_add_option(zone *z, int opt, const char *arg, const char *type)
{
    char where[64];
    const char *eq = strchr(arg, '=');

    snprintf(where, sizeof where, "-%c %.50s", opt, arg);
    if (!eq || eq == arg)
        return config_error(where, "expected NAME=VALUE");
    return zone_add(z, where, arg, (size_t)(eq - arg), type, eq + 1);
}

/* A file of lines "NAME A|AAAA|TXT VALUE" (TXT: the rest of the line);
   blank lines and lines starting with '#' are skipped. */
static bool zone_load(zone *z, const char *path)
{
    char line[MAX_TEXT + 512], where[300];
    unsigned lineno = 0;
    bool ok = true;
    FILE *f = fopen(path, "r");

    if (!f)
        return config_error(path, "%s", strerror(errno));
    while (fgets(line, sizeof line, f)) {
        char *p = line, *name, *type, *value;
        size_t n = strcspn(line, "\r\n");

        snprintf(where, sizeof where, "%.250s:%u", path, ++lineno);
        if (line[n] == '\0' && !feof(f)) {
            ok = config_error(where, "line too long");
            break;
        }
        line[n] = '\0';
        p += strspn(p, " \t");
        if (*p == '\0' || *p == '#')
            continue;
        name = p;
        p += strcspn(p, " \t");
        if (*p)
            *p++ = '\0';
        p += strspn(p, " \t");
        type = p;
        p += strcspn(p, " \t");
        if (*p)
            *p++ = '\0';
        value = p + strspn(p, " \t");
        if (*type == '\0' || (*value == '\0' && strcmp(type, "TXT") != 0))
            ok = config_error(where, "expected NAME TYPE VALUE");
        else if (!zone_add(z, where, name, strlen(name), type, value))
            ok = false;
    }
    fclose(f);
    return ok;
}

static void zone_free(zone *z)
{
    for (size_t i = 0; i < z->count; i++) {
        free(z->rec[i].name);
        free(z->rec[i].text);
    }
    z->count = 0;
}

/* ---- answering: query bytes in, reply bytes out -------------------------- */

/* A query that parsed, and what the reply needs from it. */
typedef struct {
    const uint8_t *bytes;         /* the query message                      */
    size_t len;
    dns_message_view msg;
    dns_question_view question;   /* its only question                      */
    uint8_t name[ZC_DNS_NAME_MAX_WIRE]; /* the question's name, unpacked    */
    size_t name_len;
    bool edns;                    /* it had an OPT record:                  */
    uint16_t edns_size;           /*   the UDP size the client takes        */
    uint8_t edns_version;
    bool edns_do;                 /*   DNSSEC OK, echoed (RFC 3225)         */
} query;

/* What became of one query, for the log line. */
typedef struct {
    bool parsed;                  /* qname/qtype are set                    */
    char qname[ZC_DNS_NAME_TEXT_MAX];
    unsigned qtype;
    unsigned rcode;               /* 0..15, or RCODE_BADVERS                */
    unsigned answers;
    bool aa, tc, edns;
    char why[160];                /* why FORMERR, or why nothing was sent   */
} outcome;

static void why(outcome *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void why(outcome *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->why, sizeof o->why, fmt, ap);
    va_end(ap);
}

/* Checks what the reply depends on; false (and o->why) for FORMERR. */
static bool read_query(query *qi, const uint8_t *q, size_t len, outcome *o)
{
    char text[160];
    dns_question_iter qit;
    dns_rr_iter it;
    dns_rr_view rr;
    zc_status st;

    memset(qi, 0, sizeof *qi);
    qi->bytes = q;
    qi->len = len;
    st = dns_message_parse(&qi->msg, q, len);
    if (st.code != ZC_OK) {
        why(o, "%s", zc_status_format(st, text, sizeof text));
        return false;
    }
    if (qi->msg.zc_len != len) {
        why(o, "%zu bytes after the message", len - qi->msg.zc_len);
        return false;
    }
    if (zc_be16toh(dns_message_qdcount(qi->msg)) != 1) {
        why(o, "%u questions", zc_be16toh(dns_message_qdcount(qi->msg)));
        return false;
    }
    /* the count was checked by dns_message_parse(): this step succeeds */
    qit = dns_message_questions(qi->msg);
    (void)dns_question_next(&qit, &qi->question);
    /* names are checked apart (pointers need the whole message): unpacked,
       the name can go into the reply even if it was compressed */
    st = zc_dns_name_unpack(q, len, dns_question_name(qi->question), qi->name, sizeof qi->name,
                            &qi->name_len);
    if (st.code != ZC_OK) {
        why(o, "%s", zc_status_format(st, text, sizeof text));
        return false;
    }
    (void)zc_dns_name_decode(q, len, dns_question_name(qi->question), o->qname, sizeof o->qname,
                             NULL);
    o->qtype = (unsigned)dns_question_type(qi->question);
    o->parsed = true;
    /* EDNS: at most one OPT record, owned by the root (RFC 6891 6.1.1) */
    it = dns_message_additionals(qi->msg);
    while (dns_rr_next(&it, &rr)) {
        uint32_t ttl;
        if (dns_rr_type(rr) != DNS_TYPE_OPT)
            continue;
        if (qi->edns) {
            why(o, "two OPT records");
            return false;
        }
        if (!zc_dns_name_equals(q, len, dns_rr_name(rr), ".")) {
            why(o, "OPT record not owned by the root");
            return false;
        }
        ttl = zc_be32toh(dns_rr_ttl(rr)); /* extended rcode, version, DO, Z */
        qi->edns = true;
        qi->edns_size = zc_be16toh(dns_rr_class(rr));
        qi->edns_version = (uint8_t)(ttl >> 16);
        qi->edns_do = (ttl >> 15) & 1u;
    }
    o->edns = qi->edns;
    return true;
}

static bool answers_type(const record *r, unsigned qtype)
{
    return qtype == (unsigned)r->type || qtype == DNS_TYPE_ANY;
}

/* The record's RDATA, through the builder's case for its type. */
static void put_rdata(dns_rr_builder *rb, const record *r)
{
    dns_txt_string_builder tb;
    size_t at = 0;

    switch (r->type) {
    case DNS_TYPE_A:
        dns_rr_put_a(rb, r->a);
        break;
    case DNS_TYPE_AAAA:
        dns_rr_put_aaaa(rb, r->aaaa);
        break;
    case DNS_TYPE_TXT:
        /* <character-string>s of at most 255 bytes; the builders set each
           one's length byte and the record's RDLENGTH */
        do {
            size_t n = r->text_len - at < 255 ? r->text_len - at : 255;
            dns_rr_begin_txt(rb, &tb);
            dns_txt_string_put_text(&tb, r->text + at, n);
            dns_rr_end_txt(rb, &tb);
            at += n;
        } while (at < r->text_len);
        break;
    default:
        break;
    }
}

/*
 * Builds the reply to a parsed query in out[0, cap): header, the question
 * as asked, the answers (for NOERROR, unless `truncated`: then none, and
 * TC set) and an OPT record if the query had one. AA is set for the
 * answers from our data, NOERROR and NXDOMAIN. ZC_ERR_SPACE if it does not
 * fit.
 */
static zc_status build_reply(const zone *z, const query *qi, unsigned rcode, bool truncated,
                             uint8_t *out, size_t cap, size_t *out_len, unsigned *answers)
{
    static const uint8_t root[1] = { 0 };
    const dns_name_view qname = dns_question_name(qi->question);
    const unsigned qtype = (unsigned)dns_question_type(qi->question);
    dns_message_builder db;
    dns_message_mview done;
    dns_question_builder qb;
    dns_rr_builder rb;
    uint8_t owner[2];
    size_t qname_at;
    zc_status st;

    *out_len = 0;
    *answers = 0;
    /* The header: fields in schema order; id, opcode, rd and cd are
       echoed, ra, z and ad default to 0. A failure sticks in the builder
       (later calls do nothing), so statuses need reading only where the
       code depends on them. */
    dns_message_build(&db, out, cap);
    dns_message_put_id(&db, dns_message_id(qi->msg));
    dns_message_put_qr(&db, 1);
    dns_message_put_opcode(&db, dns_message_opcode(qi->msg));
    dns_message_put_aa(&db, rcode == DNS_RESPONSE_CODE_NOERROR || rcode == DNS_RESPONSE_CODE_NXDOMAIN);
    dns_message_put_tc(&db, truncated ? 1 : 0);
    dns_message_put_rd(&db, dns_message_rd(qi->msg));
    dns_message_put_cd(&db, dns_message_cd(qi->msg));
    dns_message_put_rcode(&db, (dns_response_code)(rcode & 0xfu));

    /* The question, as asked. Its name is where the answers' owner names
       will point, so note where it lands in the reply. */
    if (qi->name_len == qname.zc_len && memcmp(qi->name, qname.zc_base, qname.zc_len) == 0) {
        /* no compression pointer in it: a plain copy of the question,
           which is then the last bytes built */
        st = dns_message_put_questions(&db, qi->question);
        qname_at = st.code == ZC_OK ? db.m.v.zc_len - qi->question.zc_len : 0;
    } else {
        /* it pointed into the query: rebuild it with the unpacked name */
        dns_message_begin_questions(&db, &qb);
        dns_question_put_name(&qb, qi->name, qi->name_len);
        dns_question_put_type(&qb, dns_question_type(qi->question));
        dns_question_put_class(&qb, dns_question_class(qi->question));
        qname_at = (size_t)(qb.m.v.zc_base - db.m.v.zc_base);
        st = dns_message_end_questions(&db, &qb);
    }
    if (st.code != ZC_OK)
        return st;
    st = zc_dns_name_pointer(qname_at, owner); /* 12 in practice; never fails */
    if (st.code != ZC_OK)
        return st;

    /* The answers: owner = a pointer to the question's name, type-specific
       RDATA through the dns_rr builder's switch cases. */
    for (size_t i = 0; i < z->count && !truncated && rcode == DNS_RESPONSE_CODE_NOERROR; i++) {
        const record *r = &z->rec[i];
        if (!answers_type(r, qtype) || !zc_dns_name_equals(qi->bytes, qi->len, qname, r->name))
            continue;
        dns_message_begin_answers(&db, &rb);
        dns_rr_put_name(&rb, owner, sizeof owner);
        dns_rr_put_type(&rb, r->type);
        dns_rr_put_class(&rb, zc_htobe16(CLASS_IN));
        dns_rr_put_ttl(&rb, zc_htobe32(z->ttl));
        put_rdata(&rb, r);
        dns_message_end_answers(&db, &rb);
        (*answers)++;
    }

    /* EDNS: our OPT record (root owner, our UDP size in CLASS, extended
       rcode and DO in TTL, no options). */
    if (qi->edns) {
        dns_message_begin_additionals(&db, &rb);
        dns_rr_put_name(&rb, root, sizeof root);
        dns_rr_put_type(&rb, DNS_TYPE_OPT);
        dns_rr_put_class(&rb, zc_htobe16(EDNS_SIZE));
        dns_rr_put_ttl(&rb, zc_htobe32((uint32_t)(rcode >> 4) << 24 | (qi->edns_do ? 0x8000u : 0u)));
        dns_message_end_additionals(&db, &rb);
    }

    /* Counts and lengths are derived here; the result is parsed again. */
    st = dns_message_build_end(&db, &done);
    if (st.code == ZC_OK)
        *out_len = done.v.zc_len;
    return st;
}

/* A reply that is a header only (FORMERR, NOTIMP, SERVFAIL), for a query
   of which only the 12-byte header could be read. */
static size_t header_reply(dns_view h, dns_response_code rcode, uint8_t *out, size_t cap)
{
    dns_message_builder db;
    dns_message_mview done;

    dns_message_build(&db, out, cap);
    dns_message_put_id(&db, dns_id(h));
    dns_message_put_qr(&db, 1);
    dns_message_put_opcode(&db, dns_opcode(h));
    dns_message_put_rd(&db, dns_rd(h));
    dns_message_put_cd(&db, dns_cd(h));
    dns_message_put_rcode(&db, rcode);
    if (dns_message_build_end(&db, &done).code != ZC_OK)
        return 0;
    return done.v.zc_len;
}

/*
 * Answers the query q[0, len) into out[0, cap): the size of the reply, or
 * 0 to send nothing. Over UDP (`udp`) a reply is kept within 512 bytes, or
 * the EDNS size the client offers (at most EDNS_SIZE); one that does not
 * fit goes without answers and with TC set, so the client retries on TCP.
 */
static size_t respond(const zone *z, const uint8_t *q, size_t len, bool udp, uint8_t *out,
                      size_t cap, outcome *o)
{
    query qi;
    dns_view h;
    unsigned rcode = DNS_RESPONSE_CODE_NOERROR;
    size_t limit = cap, n = 0;
    zc_status st;

    memset(o, 0, sizeof *o);
    if (dns_parse(&h, q, len).code != ZC_OK) {
        why(o, "shorter than a DNS header");
        return 0;
    }
    if (dns_qr(h)) {
        why(o, "a response, not a query"); /* never answer those: loops */
        return 0;
    }
    if (!read_query(&qi, q, len, o)) {
        /* a header-only reply: NOTIMP is the better news for an opcode we
           do not implement anyway (UPDATE's sections are not QUERY's) */
        o->rcode = DNS_RESPONSE_CODE_FORMERR;
        if (dns_opcode(h) != DNS_OPERATION_QUERY) {
            o->rcode = DNS_RESPONSE_CODE_NOTIMP;
            why(o, "opcode %u", (unsigned)dns_opcode(h));
        }
        return header_reply(h, (dns_response_code)o->rcode, out, cap);
    }

    if (dns_message_opcode(qi.msg) != DNS_OPERATION_QUERY) {
        rcode = DNS_RESPONSE_CODE_NOTIMP; /* NOTIFY, UPDATE, ... */
    } else if (qi.edns && qi.edns_version != 0) {
        rcode = RCODE_BADVERS; /* we speak EDNS version 0 only */
    } else if (zc_be16toh(dns_question_class(qi.question)) != CLASS_IN &&
               zc_be16toh(dns_question_class(qi.question)) != CLASS_ANY) {
        rcode = DNS_RESPONSE_CODE_REFUSED; /* we only have IN data */
    } else if (o->qtype == TYPE_AXFR || o->qtype == TYPE_IXFR) {
        rcode = DNS_RESPONSE_CODE_NOTIMP;
    } else {
        bool known = false;
        for (size_t i = 0; i < z->count && !known; i++)
            known = zc_dns_name_equals(q, len, dns_question_name(qi.question), z->rec[i].name);
        rcode = known ? DNS_RESPONSE_CODE_NOERROR : DNS_RESPONSE_CODE_NXDOMAIN;
    }

    if (udp) {
        limit = UDP_PLAIN;
        if (qi.edns && qi.edns_size > UDP_PLAIN)
            limit = qi.edns_size < EDNS_SIZE ? qi.edns_size : EDNS_SIZE;
        if (limit > cap)
            limit = cap;
    }
    st = build_reply(z, &qi, rcode, false, out, limit, &n, &o->answers);
    if (st.code == ZC_ERR_SPACE && udp) {
        o->tc = true;
        st = build_reply(z, &qi, rcode, true, out, limit, &n, &o->answers);
    }
    if (st.code != ZC_OK) {
        char text[160];
        why(o, "cannot build the reply: %s", zc_status_format(st, text, sizeof text));
        o->rcode = DNS_RESPONSE_CODE_SERVFAIL;
        return header_reply(h, DNS_RESPONSE_CODE_SERVFAIL, out, cap);
    }
    o->rcode = rcode;
    o->aa = rcode == DNS_RESPONSE_CODE_NOERROR || rcode == DNS_RESPONSE_CODE_NXDOMAIN;
    return n;
}

static const char *rcode_text(unsigned rcode)
{
    const char *name = rcode == RCODE_BADVERS ? "BADVERS" : dns_response_code_name((dns_response_code)rcode);
    return name ? name : "RCODE?";
}

/* One log line, e.g. "udp 127.0.0.2#5300 <- 127.0.0.1#40000 www.example.test A:
   NOERROR aa edns, 1 answer, 61 bytes". */
static void log_query(const char *proto, const char *local, const char *peer, const outcome *o,
                      size_t reply_len)
{
    char question[ZC_DNS_NAME_TEXT_MAX + 32] = "";

    if (quiet)
        return;
    if (o->parsed) {
        const char *tn = dns_type_name((dns_type)o->qtype);
        if (tn)
            snprintf(question, sizeof question, " %s %s", o->qname, tn);
        else
            snprintf(question, sizeof question, " %s TYPE%u", o->qname, o->qtype);
    }
    if (reply_len == 0)
        logf_("%s %s <- %s%s: dropped (%s)\n", proto, local, peer, question, o->why);
    else if (o->why[0])
        logf_("%s %s <- %s%s: %s (%s), %zu bytes\n", proto, local, peer, question,
              rcode_text(o->rcode), o->why, reply_len);
    else
        logf_("%s %s <- %s%s: %s%s%s%s, %u answer%s, %zu bytes\n", proto, local, peer, question,
              rcode_text(o->rcode), o->aa ? " aa" : "", o->tc ? " tc" : "", o->edns ? " edns" : "", o->answers,
              o->answers == 1 ? "" : "s", reply_len);
}

/* ---- sockets ------------------------------------------------------------- */

/* "127.0.0.1#5300", "::1#5300" (dig's notation). */
static void addr_text(const struct sockaddr *sa, char *out, size_t cap)
{
    char ip[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;

    if (sa->sa_family == AF_INET) {
        struct sockaddr_in sin;
        memcpy(&sin, sa, sizeof sin);
        inet_ntop(AF_INET, &sin.sin_addr, ip, sizeof ip);
        port = ntohs(sin.sin_port);
    } else if (sa->sa_family == AF_INET6) {
        struct sockaddr_in6 sin6;
        memcpy(&sin6, sa, sizeof sin6);
        inet_ntop(AF_INET6, &sin6.sin6_addr, ip, sizeof ip);
        port = ntohs(sin6.sin6_port);
    }
    snprintf(out, cap, "%s#%u", ip, port);
}

/*
 * A socket on the wildcard address of `family`, port `port` (0: any). UDP
 * sockets ask for the destination address of each datagram (IP_PKTINFO,
 * IPV6_RECVPKTINFO); IPv6 sockets are IPv6-only, so that the IPv4 socket
 * can have the same port and IPv4 queries arrive there with an IPv4
 * IP_PKTINFO (not as v4-mapped addresses on the IPv6 socket).
 * -1 and errno on failure.
 */
static int open_socket(int family, int type, uint16_t port)
{
    const int one = 1;
    struct sockaddr_storage ss;
    socklen_t len;
    int fd = socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

    if (fd < 0)
        return -1;
    memset(&ss, 0, sizeof ss);
    if (family == AF_INET) {
        struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
        sin->sin_family = AF_INET;
        sin->sin_addr.s_addr = htonl(INADDR_ANY);
        sin->sin_port = htons(port);
        len = sizeof *sin;
    } else {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_addr = in6addr_any;
        sin6->sin6_port = htons(port);
        len = sizeof *sin6;
    }
    if ((family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) < 0) ||
        (type == SOCK_STREAM && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) ||
        (type == SOCK_DGRAM && zc_dgram_enable(fd, ZC_DGRAM_LOCAL) < 0) ||
        bind(fd, (struct sockaddr *)&ss, len) < 0 || (type == SOCK_STREAM && listen(fd, 64) < 0)) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

static uint16_t socket_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
        return 0;
    return ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
                                         : ((struct sockaddr_in6 *)&ss)->sin6_port);
}

/* ---- state --------------------------------------------------------------- */

/* The batch buffers, shared by the IPv4 and the IPv6 socket: each query
   datagram with its addresses (zc_dgram: sender, destination, interface),
   and the replies. */
typedef struct {
    zc_dgram in[BATCH], out[BATCH];
    struct mmsghdr mm[BATCH];    /* scratch for recvmmsg() / sendmmsg()    */
    uint8_t query[BATCH][QUERY_MAX];
    uint8_t reply[BATCH][EDNS_SIZE];
} udp_batch;

/* One TCP connection. */
typedef struct {
    int fd;
    char local[INET6_ADDRSTRLEN + 8], peer[INET6_ADDRSTRLEN + 8];
    zc_reader rd;                /* dns_tcp frames out of `in`             */
    zc_writer wr;                /* the reply being written, from `out`    */
    uint8_t in[TCP_FRAME_MAX];   /* received, not yet answered             */
    uint8_t out[TCP_FRAME_MAX];
    int64_t last_ms;             /* last activity                          */
} conn;

/* Everything the loop works with. */
typedef struct {
    zone *zone;
    int udp[2], tcp[2];          /* IPv4, IPv6; -1 if absent               */
    uint16_t port;
    udp_batch *batch;
    conn *conns[MAX_CONNS];
    unsigned long handled, limit; /* queries so far; -n (0: no limit)      */
    unsigned long batches, largest; /* recvmmsg() calls that got datagrams,
                                       the most datagrams one call got     */
} server;

/* Counts a query received (for -n). */
static void count_query(server *s)
{
    s->handled++;
}

/* ---- UDP: batches in, batches out, each reply from its query's address --- */

/* Sends out[0, n), skipping (and logging) a datagram the kernel refuses. */
static void udp_send(int fd, zc_dgram *out, struct mmsghdr *mm, unsigned n)
{
    unsigned done = 0;

    while (done < n) {
        int r = zc_dgram_send(fd, out + done, mm, n - done, 0);
        if (r > 0) {
            done += (unsigned)r;
        } else {
            char peer[INET6_ADDRSTRLEN + 8];
            addr_text(&out[done].peer.sa, peer, sizeof peer);
            fprintf(stderr, "zcdnsd: sendmmsg to %s: %s\n", peer, r < 0 ? strerror(errno) : "nothing sent");
            done++;
        }
    }
}

/* Reads and answers the datagrams waiting on fd, BATCH at a time; each
   reply leaves from the address its query was sent to. */
static void udp_serve(server *s, int fd)
{
    udp_batch *b = s->batch;

    for (int round = 0; round < BATCHES_PER_WAKE; round++) {
        unsigned nout = 0;
        int n;

        for (unsigned i = 0; i < BATCH; i++) {
            b->in[i].buf = b->query[i];
            b->in[i].cap = sizeof b->query[i];
        }
        n = zc_dgram_recv(fd, b->in, b->mm, BATCH, MSG_DONTWAIT);
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                fprintf(stderr, "zcdnsd: recvmmsg: %s\n", strerror(errno));
            return;
        }
        s->batches++;
        if ((unsigned long)n > s->largest)
            s->largest = (unsigned long)n;
        for (unsigned i = 0; i < (unsigned)n; i++) {
            const zc_dgram *d = &b->in[i];
            char local[INET6_ADDRSTRLEN + 8], peer[INET6_ADDRSTRLEN + 8], ip[INET6_ADDRSTRLEN];
            outcome o;
            size_t len = 0;

            count_query(s);
            addr_text(&d->peer.sa, peer, sizeof peer);
            if (!(d->flags & ZC_DGRAM_LOCAL)) {
                fprintf(stderr, "zcdnsd: udp datagram from %s without IP_PKTINFO: dropped\n", peer);
                continue;
            }
            if (d->local.sa.sa_family == AF_INET)
                inet_ntop(AF_INET, &d->local.sin.sin_addr, ip, sizeof ip);
            else
                inet_ntop(AF_INET6, &d->local.sin6.sin6_addr, ip, sizeof ip);
            snprintf(local, sizeof local, "%s#%u", ip, s->port);
            memset(&o, 0, sizeof o);
            if (d->flags & ZC_DGRAM_TRUNC)
                why(&o, "datagram larger than %d bytes", QUERY_MAX);
            else if (d->local.sa.sa_family == AF_INET6 && IN6_IS_ADDR_MULTICAST(&d->local.sin6.sin6_addr))
                why(&o, "sent to a multicast address");
            else
                len = respond(s->zone, d->buf, d->len, true, b->reply[i], sizeof b->reply[i], &o);
            log_query("udp", local, peer, &o, len);
            if (len == 0)
                continue;
            /* the reply: to the query's source, from its destination */
            zc_dgram_reply_init(&b->out[nout++], d, b->reply[i], len);
        }
        udp_send(fd, b->out, b->mm, nout);
        if (n < BATCH)
            return; /* the socket is drained */
    }
}

/* ---- TCP: length-prefixed messages, several per connection --------------- */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Closes connection k and frees its slot. */
static void conn_close(server *s, size_t k, const char *why_text)
{
    conn *c = s->conns[k];
    logf_("tcp %s <- %s: closed (%s)\n", c->local, c->peer, why_text);
    close(c->fd);
    free(c);
    s->conns[k] = NULL;
}

/* Takes a new connection into a free slot (the caller polls the listening
   sockets only while there is one). */
static void tcp_accept(server *s, int lfd)
{
    struct sockaddr_storage peer, local;
    socklen_t plen = sizeof peer, llen = sizeof local;
    size_t k;
    conn *c;
    int fd = accept4(lfd, (struct sockaddr *)&peer, &plen, SOCK_NONBLOCK | SOCK_CLOEXEC);

    if (fd < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED)
            fprintf(stderr, "zcdnsd: accept: %s\n", strerror(errno));
        return;
    }
    for (k = 0; k < MAX_CONNS && s->conns[k]; k++)
        ;
    c = k < MAX_CONNS ? calloc(1, sizeof *c) : NULL;
    if (!c) {
        close(fd); /* full: the client will retry */
        return;
    }
    c->fd = fd;
    c->last_ms = now_ms();
    zc_reader_init(&c->rd, c->in, sizeof c->in, 0, zc_framer_dns_tcp, NULL);
    zc_writer_init(&c->wr, c->out, sizeof c->out);
    addr_text((struct sockaddr *)&peer, c->peer, sizeof c->peer);
    if (getsockname(fd, (struct sockaddr *)&local, &llen) == 0)
        addr_text((struct sockaddr *)&local, c->local, sizeof c->local);
    s->conns[k] = c;
}

/* Writes what is left of the reply; false if the connection broke. */
static bool conn_flush(conn *c)
{
    size_t before = zc_writer_pending(&c->wr);
    int r = zc_writer_flush(&c->wr, c->fd);

    if (zc_writer_pending(&c->wr) < before)
        c->last_ms = now_ms();
    return r == 0 || errno == EAGAIN || errno == EWOULDBLOCK; /* later, on POLLOUT */
}

/* Answers one message into the connection's writer as a dns_tcp frame, its
   length prefix derived by the builder (nothing is queued if there is
   nothing to send). */
static void tcp_reply(server *s, conn *c, zc_bytes msg)
{
    dns_tcp_builder tb;
    dns_tcp_mview done;
    zc_wbytes room = zc_writer_room(&c->wr, TCP_FRAME_MAX), body;
    outcome o;
    size_t n;
    zc_status st;

    dns_tcp_build(&tb, room.ptr, room.len);
    body = dns_tcp_open_message(&tb); /* build the message in place */
    n = respond(s->zone, msg.ptr, msg.len, false, body.ptr, body.len, &o);
    log_query("tcp", c->local, c->peer, &o, n);
    if (n == 0)
        return;
    dns_tcp_commit_message(&tb, n);
    st = dns_tcp_build_end(&tb, &done);
    if (st.code != ZC_OK) {
        char text[160];
        fprintf(stderr, "zcdnsd: tcp frame: %s\n", zc_status_format(st, text, sizeof text));
        return;
    }
    zc_writer_commit(&c->wr, done.v.zc_len);
}

/* Answers every whole message received, one reply in flight at a time. */
static void conn_work(server *s, size_t k)
{
    conn *c = s->conns[k];

    while (zc_writer_pending(&c->wr) == 0) {
        char text[160];
        dns_tcp_view t;
        zc_bytes frame;

        switch (zc_reader_next(&c->rd, &frame)) {
        case ZC_READ_FRAME:
            /* a whole frame: dns_tcp_parse() accepts it, the message is inside */
            (void)dns_tcp_parse(&t, frame.ptr, frame.len);
            count_query(s);
            tcp_reply(s, c, dns_tcp_message(t));
            if (!conn_flush(c)) {
                conn_close(s, k, strerror(errno));
                return;
            }
            break;
        case ZC_READ_NEED:
            return;
        case ZC_READ_EOF:
            conn_close(s, k, "eof");
            return;
        case ZC_READ_EOF_INSIDE:
            conn_close(s, k, "eof inside a message");
            return;
        case ZC_READ_MALFORMED:
        case ZC_READ_LIMIT: /* cannot happen: the buffer holds any dns_tcp */
            conn_close(s, k, zc_status_format(c->rd.status, text, sizeof text));
            return;
        }
    }
}

/* Reads what the client sent, then answers what is complete. */
static void conn_read(server *s, size_t k)
{
    conn *c = s->conns[k];
    ssize_t r = zc_reader_fill(&c->rd, c->fd); /* 0: the client shut down its side */

    if (r > 0)
        c->last_ms = now_ms();
    else if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOBUFS) {
        conn_close(s, k, strerror(errno)); /* ENOBUFS: a whole frame waits its turn */
        return;
    }
    conn_work(s, k);
}

/* ---- the loop ------------------------------------------------------------ */

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

/* Opens the UDP and TCP sockets, IPv4 and IPv6, all on one port (with
   port 0, a free one, tried again if another program takes it meanwhile). */
static bool open_sockets(server *s, uint16_t port)
{
    for (int attempt = 0; attempt < 50; attempt++) {
        bool retry = false;
        int e = 0;

        s->udp[0] = open_socket(AF_INET, SOCK_DGRAM, port);
        if (s->udp[0] < 0) {
            fprintf(stderr, "zcdnsd: udp 0.0.0.0 port %u: %s\n", port, strerror(errno));
            return false;
        }
        s->port = socket_port(s->udp[0]);
        s->tcp[0] = open_socket(AF_INET, SOCK_STREAM, s->port);
        if (s->tcp[0] < 0)
            e = errno;
        if (!e) {
            s->udp[1] = open_socket(AF_INET6, SOCK_DGRAM, s->port);
            if (s->udp[1] >= 0) {
                s->tcp[1] = open_socket(AF_INET6, SOCK_STREAM, s->port);
                if (s->tcp[1] < 0)
                    e = errno;
            } else if (errno == EAFNOSUPPORT || errno == EADDRNOTAVAIL) {
                fprintf(stderr, "zcdnsd: no IPv6 (%s): IPv4 only\n", strerror(errno));
            } else {
                e = errno;
            }
        }
        if (!e)
            return true;
        retry = port == 0 && e == EADDRINUSE;
        for (int i = 0; i < 2; i++) {
            if (s->udp[i] >= 0)
                close(s->udp[i]);
            if (s->tcp[i] >= 0)
                close(s->tcp[i]);
            s->udp[i] = s->tcp[i] = -1;
        }
        if (!retry) {
            fprintf(stderr, "zcdnsd: port %u: %s\n", s->port, strerror(e));
            return false;
        }
    }
    fprintf(stderr, "zcdnsd: no port free on UDP and TCP, IPv4 and IPv6\n");
    return false;
}

/* True when no connection has a reply still to write. */
static bool all_written(const server *s)
{
    for (size_t k = 0; k < MAX_CONNS; k++)
        if (s->conns[k] && zc_writer_pending(&s->conns[k]->wr))
            return false;
    return true;
}

/* The loop: waits for sockets, answers, until a signal or the -n count. */
static void serve(server *s, const sigset_t *unblocked)
{
    struct pollfd pfd[4 + MAX_CONNS];
    size_t who[4 + MAX_CONNS]; /* pfd[i], i >= 4: the index of its connection */

    while (!stop_signal && !(s->limit && s->handled >= s->limit && all_written(s))) {
        nfds_t n = 0;
        int64_t now = now_ms(), wait = -1;
        struct timespec ts;
        bool room = false;

        for (size_t k = 0; k < MAX_CONNS; k++)
            room |= s->conns[k] == NULL;
        for (int i = 0; i < 2; i++) {
            pfd[n].fd = s->udp[i];
            pfd[n++].events = POLLIN;
            pfd[n].fd = room ? s->tcp[i] : -1; /* full: leave them in the backlog */
            pfd[n++].events = POLLIN;
        }
        for (size_t k = 0; k < MAX_CONNS; k++) {
            conn *c = s->conns[k];
            int64_t left;
            if (!c)
                continue;
            if (now - c->last_ms >= TCP_IDLE_MS) {
                conn_close(s, k, "idle");
                continue;
            }
            left = c->last_ms + TCP_IDLE_MS - now;
            wait = wait < 0 || left < wait ? left : wait;
            pfd[n].fd = c->fd;
            pfd[n].events = zc_writer_pending(&c->wr) ? POLLOUT : c->rd.eof ? 0 : POLLIN;
            who[n++] = k;
        }
        ts.tv_sec = (time_t)(wait / 1000);
        ts.tv_nsec = (long)(wait % 1000) * 1000000;
        /* SIGINT and SIGTERM are blocked except while waiting here */
        if (ppoll(pfd, n, wait < 0 ? NULL : &ts, unblocked) < 0) {
            if (errno != EINTR) {
                fprintf(stderr, "zcdnsd: ppoll: %s\n", strerror(errno));
                return;
            }
            continue;
        }
        for (nfds_t i = 0; i < 4; i++) {
            if (!(pfd[i].revents & POLLIN))
                continue;
            if (i % 2 == 0)
                udp_serve(s, pfd[i].fd);
            else
                tcp_accept(s, pfd[i].fd);
        }
        for (nfds_t i = 4; i < n; i++) {
            size_t k = who[i];
            conn *c = s->conns[k];
            if (!c || !pfd[i].revents)
                continue;
            if (pfd[i].revents & POLLOUT) {
                if (!conn_flush(c))
                    conn_close(s, k, strerror(errno));
                else
                    conn_work(s, k); /* the next message, if one is waiting */
            } else if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) {
                conn_read(s, k);
            }
        }
    }
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zcdnsd [-p PORT] [-T TTL] [-n COUNT] [-q] [-c FILE]\n"
            "              [-a NAME=ADDRESS]... [-t NAME=TEXT]...\n"
            "  -p PORT          UDP and TCP port on every address (default %d; 0: any free port)\n"
            "  -a NAME=ADDRESS  an A (IPv4) or AAAA (IPv6) record; repeat for more\n"
            "  -t NAME=TEXT     a TXT record (split into strings of 255 bytes)\n"
            "  -c FILE          records from FILE, lines \"NAME A|AAAA|TXT VALUE\"\n"
            "  -T TTL           TTL of every answer (default %d)\n"
            "  -n COUNT         exit after COUNT queries (default: until SIGINT/SIGTERM)\n"
            "  -q               no log line per query\n",
            DEFAULT_PORT, DEFAULT_TTL);
}

static bool parse_number(const char *text, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;
    errno = 0;
    v = strtoul(text, &end, 10);
    if (errno || end == text || *end || v > max || text[0] == '-')
        return false;
    *out = v;
    return true;
}

int main(int argc, char **argv)
{
    static zone z;
    server s;
    sigset_t block, unblocked;
    struct sigaction sa;
    unsigned long port = DEFAULT_PORT, ttl = DEFAULT_TTL, limit = 0;
    int opt, status = 0;

    z.ttl = DEFAULT_TTL;
    while ((opt = getopt(argc, argv, "p:a:t:c:T:n:qh")) != -1) {
        bool ok = true;
        switch (opt) {
        case 'p':
            ok = parse_number(optarg, 65535, &port) || config_error("-p", "bad port");
            break;
        case 'T':
            ok = parse_number(optarg, 0x7fffffff, &ttl) || config_error("-T", "bad TTL");
            break;
        case 'n':
            ok = (parse_number(optarg, 1000000000, &limit) && limit > 0) || config_error("-n", "bad count");
            break;
        case 'a':
            ok = zone_add_option(&z, opt, optarg, "ADDR");
            break;
        case 't':
            ok = zone_add_option(&z, opt, optarg, "TXT");
            break;
        case 'c':
            ok = zone_load(&z, optarg);
            break;
        case 'q':
            quiet = true;
            break;
        case 'h':
            usage(stdout);
            zone_free(&z);
            return 0;
        default:
            usage(stderr);
            zone_free(&z);
            return 2;
        }
        if (!ok)
            status = 2;
    }
    if (optind < argc) {
        usage(stderr);
        status = 2;
    }
    if (status) {
        zone_free(&z);
        return status;
    }
    z.ttl = (uint32_t)ttl;

    memset(&s, 0, sizeof s);
    s.zone = &z;
    s.limit = limit;
    s.udp[0] = s.udp[1] = s.tcp[0] = s.tcp[1] = -1;
    s.batch = calloc(1, sizeof *s.batch);
    if (!s.batch || !open_sockets(&s, (uint16_t)port)) {
        free(s.batch);
        zone_free(&z);
        return 1;
    }

    /* SIGINT/SIGTERM: handled only inside ppoll(), so none is lost
       between a check of stop_signal and the wait */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &unblocked);
    sigdelset(&unblocked, SIGINT);
    sigdelset(&unblocked, SIGTERM);

    fprintf(stderr, "zcdnsd: %zu records, listening on port %u (udp, tcp; 0.0.0.0%s)\n", z.count,
            s.port, s.udp[1] >= 0 ? ", ::" : "");
    serve(&s, &unblocked);
    fprintf(stderr, "zcdnsd: %lu queries (UDP: %lu recvmmsg batches, up to %lu datagrams in one), exiting%s%s\n",
            s.handled, s.batches, s.largest, stop_signal ? " on " : "",
            stop_signal == SIGINT ? "SIGINT" : stop_signal == SIGTERM ? "SIGTERM" : "");

    for (size_t k = 0; k < MAX_CONNS; k++)
        if (s.conns[k]) {
            close(s.conns[k]->fd);
            free(s.conns[k]);
        }
    for (int i = 0; i < 2; i++) {
        if (s.udp[i] >= 0)
            close(s.udp[i]);
        if (s.tcp[i] >= 0)
            close(s.tcp[i]);
    }
    free(s.batch);
    zone_free(&z);
    return 0;
}
