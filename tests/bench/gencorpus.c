/*
 * gencorpus.c - deterministic synthetic traffic for the zerocast benchmark.
 *
 *   gencorpus [-n PACKETS] [-s SEED] -o FILE.pcap
 *
 * Writes a classic pcap (link type Ethernet) of PACKETS frames; the same
 * seed always gives the same bytes. The mix, by packet count:
 *   ~85% IPv4, ~12% IPv6, ~3% non-IP (ARP, LLDP); 4% carry an 802.1Q tag
 *   over IP: ~80% TCP (45% bare ACKs, 35% full-size segments, 20% other
 *   sizes; SYN/FIN/RST now and then; timestamps option on most), ~17% UDP
 *   (about 40% of it DNS queries and answers on port 53), ~3% ICMP/ICMPv6
 *   echo; a few IPv4 headers with options; short frames padded to 60 bytes.
 *   ~1.5% malformed: truncated frames, bad IHL / version / total length,
 *   IPv6 payload length past the frame, TCP data offset < 5 or past the
 *   segment, UDP length < 8 or past the datagram, DNS shorter than its
 *   header, ICMP shorter than its header, 802.3 length in place of an
 *   EtherType, VLAN tag cut short.
 * Everything well-formed is also well-formed for libtins (valid TCP/IP
 * options, DNS names with compression pointers, ...).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rnd(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static unsigned below(unsigned n) { return (unsigned)(rnd() % n); }
static int pct(double p) { return (double)(rnd() >> 11) / 9007199254740992.0 < p; }

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static void le32(FILE *f, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    fwrite(b, 1, 4, f);
}

static uint8_t fill[4096]; /* payload bytes are copied from here */

static void payload(uint8_t *p, size_t n)
{
    size_t at = below(2048);
    memcpy(p, fill + at, n <= 2048 ? n : 2048);
    if (n > 2048)
        memcpy(p + 2048, fill, n - 2048);
}

static uint16_t ipsum(const uint8_t *p, size_t n)
{
    uint32_t s = 0;
    size_t i;
    for (i = 0; i + 1 < n; i += 2)
        s += (uint32_t)p[i] << 8 | p[i + 1];
    while (s >> 16)
        s = (s & 0xffff) + (s >> 16);
    return (uint16_t)~s;
}

/* A small population of hosts, so that flows repeat as in real traffic. */
static uint32_t v4host(void) { return 0x0a000000u | below(4096); }
static uint32_t v4server(void)
{
    static const uint32_t s[] = { 0xc0000201, 0xc6336402, 0xcb007103, 0x5db8d822,
                                  0x8efa4a2e, 0x97650181, 0x68106b84, 0x0808080a };
    return s[below(8)];
}
static void v6addr(uint8_t *p, int server)
{
    memset(p, 0, 16);
    put32(p, 0x20010db8);
    put16(p + 4, server ? 0xffff : below(64));
    put32(p + 12, server ? 1 + below(8) : (uint32_t)rnd());
    put16(p + 8, (unsigned)rnd());
}

enum {
    M_NONE, M_TRUNC, M_ETHLEN, M_VLANCUT, M_IHL, M_VERSION, M_TOTLEN_BIG,
    M_TOTLEN_SMALL, M_V6PLEN, M_TCPOFF_SMALL, M_TCPOFF_BIG, M_UDPLEN_SMALL,
    M_UDPLEN_BIG, M_DNS_SHORT, M_ICMP_SHORT, M_NKIND
};

static const char *names[] = { "www", "mail", "api", "cdn", "example", "zerocast",
                               "net", "com", "org", "io", "a", "test" };

static size_t dns_name(uint8_t *p)
{
    size_t n = 0;
    unsigned labels = 2 + below(2), i;
    for (i = 0; i < labels; i++) {
        const char *s = names[below(12)];
        size_t l = strlen(s);
        p[n++] = (uint8_t)l;
        memcpy(p + n, s, l);
        n += l;
    }
    p[n++] = 0;
    return n;
}

/* DNS message (header + question [+ answer]) at p; returns its length. */
static size_t dns_msg(uint8_t *p, int response)
{
    size_t n = 12;
    unsigned qtype = pct(0.7) ? 1 : 28;
    put16(p, (unsigned)rnd());
    put16(p + 2, response ? (pct(0.9) ? 0x8180 : 0x8183) : 0x0100);
    put16(p + 4, 1);
    put16(p + 6, 0);
    put16(p + 8, 0);
    put16(p + 10, 0);
    n += dns_name(p + n);
    put16(p + n, qtype);
    put16(p + n + 2, 1);
    n += 4;
    if (response && (p[3] & 0xf) == 0) {
        unsigned i, an = 1 + below(3);
        put16(p + 6, an);
        for (i = 0; i < an; i++) {
            size_t rl = qtype == 1 ? 4 : 16;
            put16(p + n, 0xc00c);
            put16(p + n + 2, qtype);
            put16(p + n + 4, 1);
            put32(p + n + 6, 30 + below(86400));
            put16(p + n + 10, (unsigned)rl);
            n += 12;
            payload(p + n, rl);
            n += rl;
        }
    }
    return n;
}

/* Builds one frame into f (at least 2048 bytes); returns its length. */
static size_t frame(uint8_t *f, int mal)
{
    size_t n = 14, l3, l4, len, iphl = 20;
    int vlan = pct(0.04), v6, proto, tcp_data = 0, dns = 0, nonip = 0;
    unsigned r;
    uint8_t *ip, *th;

    for (r = 0; r < 6; r++) {
        f[r] = (uint8_t)(r == 0 ? 0x02 : below(4));
        f[6 + r] = (uint8_t)(r == 0 ? 0x02 : 4 + below(4));
    }
    if (vlan) {
        put16(f + 12, 0x8100);
        put16(f + 14, (below(8) << 13) | (1 + below(4094)));
        n = 18;
    }

    r = below(1000);
    if (r < 30) { /* non-IP */
        nonip = 1;
        if (r < 20) {
            static const uint8_t arp[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };
            put16(f + n - 2, 0x0806);
            memcpy(f + n, arp, 8);
            f[n + 7] = (uint8_t)(1 + below(2));
            memcpy(f + n + 8, f + 6, 6);
            put32(f + n + 14, v4host());
            memset(f + n + 18, 0, 6);
            put32(f + n + 24, v4host());
            len = n + 28;
        } else {
            put16(f + n - 2, 0x88cc);
            payload(f + n, 40);
            len = n + 40;
        }
        goto pad;
    }
    v6 = r >= 880;
    if (mal == M_IHL || mal == M_VERSION || mal == M_TOTLEN_BIG || mal == M_TOTLEN_SMALL)
        v6 = 0;
    if (mal == M_V6PLEN)
        v6 = 1;

    r = below(1000);
    proto = r < 800 ? 6 : r < 970 ? 17 : (v6 ? 58 : 1);
    if (r >= 800 && r < 970 && pct(0.4))
        dns = 1;
    switch (mal) {
    case M_TCPOFF_SMALL: case M_TCPOFF_BIG: proto = 6; break;
    case M_UDPLEN_SMALL: case M_UDPLEN_BIG: proto = 17; break;
    case M_DNS_SHORT: proto = 17; dns = 1; break;
    case M_ICMP_SHORT: proto = v6 ? 58 : 1; break;
    }

    ip = f + n;
    if (!v6) {
        put16(f + n - 2, 0x0800);
        if (pct(0.01)) { /* options: three NOPs and an end-of-list */
            iphl = 24;
            ip[20] = 1; ip[21] = 1; ip[22] = 1; ip[23] = 0;
        }
        ip[0] = (uint8_t)(0x40 | iphl / 4);
        ip[1] = pct(0.9) ? 0 : 0xb8;
        put16(ip + 4, (unsigned)rnd());
        put16(ip + 6, pct(0.8) ? 0x4000 : 0);
        {
            static const uint8_t ttls[] = { 64, 128, 255, 63, 127, 52, 57, 118 };
            ip[8] = ttls[below(8)];
        }
        ip[9] = (uint8_t)proto;
        put16(ip + 10, 0);
        if (pct(0.5)) { put32(ip + 12, v4host()); put32(ip + 16, v4server()); }
        else { put32(ip + 12, v4server()); put32(ip + 16, v4host()); }
        l3 = iphl;
    } else {
        int out = pct(0.5);
        put16(f + n - 2, 0x86dd);
        put32(ip, 0x60000000u | (pct(0.9) ? 0 : 0xb8u << 20) | (uint32_t)(rnd() & 0xfffff));
        ip[6] = (uint8_t)proto;
        ip[7] = pct(0.7) ? 64 : 255;
        v6addr(ip + 8, !out);
        v6addr(ip + 24, out);
        l3 = 40;
    }
    th = ip + l3;

    if (proto == 6) {
        unsigned flags = 0x10, optlen = pct(0.8) ? 12 : 0, sport, dport;
        static const unsigned srv[] = { 443, 443, 443, 443, 80, 80, 22, 8080, 993, 5432 };
        size_t pay;
        r = below(1000);
        if (r < 20) { flags = pct(0.5) ? 0x02 : 0x12; optlen = 20; }
        else if (r < 35) flags = pct(0.5) ? 0x11 : 0x04;
        r = below(100);
        pay = (flags & 0x07) ? 0 : r < 45 ? 0 : r < 80 ? 1448 + 12 - optlen
                                                       : 1 + below(1400);
        if (mal == M_TCPOFF_BIG)
            pay = below(20);
        tcp_data = pay != 0;
        if (tcp_data)
            flags |= pct(0.7) ? 0x08 : 0;
        sport = 32768 + below(28000);
        dport = srv[below(10)];
        if (pct(0.5)) { unsigned t = sport; sport = dport; dport = t; }
        put16(th, sport);
        put16(th + 2, dport);
        put32(th + 4, (uint32_t)rnd());
        put32(th + 8, (uint32_t)rnd());
        th[12] = (uint8_t)((5 + optlen / 4) << 4);
        th[13] = (uint8_t)flags;
        put16(th + 14, 502 + below(65000));
        put16(th + 16, (unsigned)rnd());
        put16(th + 18, 0);
        if (optlen == 12) { /* NOP NOP timestamps */
            th[20] = 1; th[21] = 1; th[22] = 8; th[23] = 10;
            put32(th + 24, (uint32_t)rnd());
            put32(th + 28, (uint32_t)rnd());
        } else if (optlen == 20) { /* MSS SACK-OK TS NOP WS */
            th[20] = 2; th[21] = 4; put16(th + 22, 1460);
            th[24] = 4; th[25] = 2;
            th[26] = 8; th[27] = 10;
            put32(th + 28, (uint32_t)rnd());
            put32(th + 32, 0);
            th[36] = 1; th[37] = 3; th[38] = 3; th[39] = 7;
        }
        payload(th + 20 + optlen, pay);
        l4 = 20 + optlen + pay;
        if (mal == M_TCPOFF_SMALL)
            th[12] = (uint8_t)(below(5) << 4);
        if (mal == M_TCPOFF_BIG)
            th[12] = (uint8_t)((l4 / 4 + 1 + below(15 - (unsigned)(l4 / 4))) << 4);
    } else if (proto == 17) {
        unsigned sport = 1024 + below(64000), dport;
        size_t pay;
        if (dns) {
            int resp = pct(0.5);
            dport = 53;
            pay = mal == M_DNS_SHORT ? below(12) : dns_msg(th + 8, resp);
            if (mal == M_DNS_SHORT)
                payload(th + 8, pay);
            if (resp) { unsigned t = sport; sport = dport; dport = t; }
        } else {
            static const unsigned srv[] = { 443, 443, 123, 5353, 1900, 4500, 3478, 51820 };
            dport = srv[below(8)];
            pay = dport == 443 ? 1200 + below(150) : 20 + below(500);
            payload(th + 8, pay);
            if (pct(0.5)) { unsigned t = sport; sport = dport; dport = t; }
        }
        put16(th, sport);
        put16(th + 2, dport);
        put16(th + 4, (unsigned)(8 + pay));
        put16(th + 6, (unsigned)rnd());
        l4 = 8 + pay;
        if (mal == M_UDPLEN_SMALL)
            put16(th + 4, below(8));
        if (mal == M_UDPLEN_BIG)
            put16(th + 4, (unsigned)(l4 + 1 + below(100)));
    } else { /* echo request / reply */
        int reply = pct(0.5);
        th[0] = (uint8_t)(proto == 1 ? (reply ? 0 : 8) : (reply ? 129 : 128));
        th[1] = 0;
        put16(th + 2, (unsigned)rnd());
        put16(th + 4, (unsigned)rnd());
        put16(th + 6, below(1000));
        payload(th + 8, 56);
        l4 = 64;
        if (mal == M_ICMP_SHORT)
            l4 = proto == 1 ? below(8) : below(4);
    }

    if (!v6) {
        put16(ip + 2, (unsigned)(l3 + l4));
        put16(ip + 10, ipsum(ip, l3));
    } else {
        put16(ip + 4, (unsigned)l4);
    }
    len = n + l3 + l4;

    switch (mal) {
    case M_IHL: ip[0] = (uint8_t)(0x40 | below(5)); break;
    case M_VERSION: ip[0] = (uint8_t)((pct(0.5) ? 0x60 : 0x50) | (ip[0] & 0xf)); break;
    case M_TOTLEN_BIG: put16(ip + 2, (unsigned)(l3 + l4 + 1 + below(200))); break;
    case M_TOTLEN_SMALL: put16(ip + 2, below((unsigned)iphl)); break;
    case M_V6PLEN: put16(ip + 4, (unsigned)(l4 + 1 + below(200))); break;
    }

pad:
    if (len < 60) {
        memset(f + len, 0, 60 - len);
        len = 60;
    }
    switch (mal) {
    case M_TRUNC: /* IP frames only: libtins also validates ARP, we do not */
        if (nonip)
            break;
        len = 1 + below((unsigned)len - 1);
        break;
    case M_ETHLEN: put16(f + 12, 46 + below(1500 - 46)); break;
    case M_VLANCUT: put16(f + 12, 0x8100); len = 14 + below(4); break;
    }
    return len;
}

int main(int argc, char **argv)
{
    unsigned long n = 1000000, i;
    uint64_t seed = 1;
    const char *out = NULL;
    static uint8_t buf[4096];
    FILE *f;
    int a;

    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "-n") && a + 1 < argc)
            n = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "-s") && a + 1 < argc)
            seed = strtoull(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "-o") && a + 1 < argc)
            out = argv[++a];
        else {
            fprintf(stderr, "usage: gencorpus [-n PACKETS] [-s SEED] -o FILE.pcap\n");
            return 2;
        }
    }
    if (!out) {
        fprintf(stderr, "gencorpus: -o FILE.pcap is required\n");
        return 2;
    }
    f = fopen(out, "wb");
    if (!f) {
        perror(out);
        return 3;
    }
    rng_state = seed;
    for (i = 0; i < sizeof fill; i++)
        fill[i] = (uint8_t)rnd();

    le32(f, 0xa1b2c3d4);          /* magic, microsecond timestamps */
    le32(f, 2 | 4u << 16);        /* version 2.4 */
    le32(f, 0);                   /* thiszone */
    le32(f, 0);                   /* sigfigs */
    le32(f, 65535);               /* snaplen */
    le32(f, 1);                   /* LINKTYPE_ETHERNET */
    for (i = 0; i < n; i++) {
        int mal = pct(0.015) ? 1 + (int)below(M_NKIND - 1) : M_NONE;
        size_t len;
        memset(buf, 0, 128);
        len = frame(buf, mal);
        le32(f, (uint32_t)(1700000000u + i / 100000));
        le32(f, (uint32_t)(i % 100000) * 10);
        le32(f, (uint32_t)len);
        le32(f, (uint32_t)len);
        fwrite(buf, 1, len, f);
    }
    if (fclose(f) != 0) {
        perror(out);
        return 3;
    }
    return 0;
}
