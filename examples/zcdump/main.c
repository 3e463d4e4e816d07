/*
 * zcdump - print the packets of a capture file or a live interface, decoded
 * by zerocast-generated code only (docs/zcdump.md, docs/man/zcdump.1).
 *
 *   zcdump [-ehlnpvx#] [-t[t]] [-c COUNT] [-s SNAPLEN] [--json[-offsets]]
 *          (-r FILE | -i IFACE) [FILTER EXPRESSION]
 *
 * Options follow tcpdump. The filter is compiled by libpcap; for files it
 * is applied here, packet by packet, so that frame numbers stay those of
 * the file (as tshark numbers them).
 */
#include <errno.h>
#include <getopt.h>
#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zcdump.h"

zd_options zd_opt;

static pcap_t *live_pc;

static void on_signal(int sig)
{
    (void)sig;
    if (live_pc)
        pcap_breakloop(live_pc);
}

static const char usage_text[] =
    "usage: zcdump [-ehlnpvx#] [-t[t]] [-c COUNT] [-s SNAPLEN] [--json] [--json-offsets]\n"
    "              (-r FILE | -i INTERFACE) [FILTER EXPRESSION]\n"
    "       zcdump -D | --help | --version\n";

static void help(void)
{
    fputs(usage_text, stdout);
    fputs("\n"
          "Decodes every packet with zerocast-generated parsers (schemas/packet.zc and\n"
          "friends) and prints one line per packet, like tcpdump -n.\n"
          "\n"
          "  -r FILE        read a pcap or pcapng file (\"-\": standard input)\n"
          "  -i INTERFACE   capture live on INTERFACE\n"
          "  FILTER         a BPF filter expression (pcap-filter(7)), for files too\n"
          "  -c COUNT       stop after COUNT packets (after the filter)\n"
          "  -s SNAPLEN     live: bytes to capture per packet (0: 262144, the default)\n"
          "  -p             live: do not put the interface into promiscuous mode\n"
          "  -l             flush the output after every line\n"
          "  -n             accepted for tcpdump compatibility (zcdump never resolves names)\n"
          "  -v             also print every field of every layer\n"
          "  -x             also print the captured bytes in hex\n"
          "  -e             print the link-layer header on the line\n"
          "  -t / -tt       no time stamp / seconds since 1970 (default: HH:MM:SS.us, UTC)\n"
          "  -#             print frame numbers\n"
          "  --json         one JSON object per packet: every field of every layer\n"
          "  --json-offsets --json, plus \"FIELD@\": byte offset of every field\n"
          "  -D             list the interfaces zcdump can capture on\n"
          "  --help, --version\n"
          "\n"
          "Link types: EN10MB (Ethernet), RAW, IPV4, IPV6, NULL, LOOP, LINUX_SLL, LINUX_SLL2.\n"
          "Exit status: 0 on success, 1 on a capture or output error, 2 on bad usage.\n",
          stdout);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("zcdump: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(usage_text, stderr);
    return 2;
}

static bool supported_link(int dlt)
{
    switch (dlt) {
    case DLT_EN10MB:
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
    case DLT_NULL:
    case DLT_LOOP:
    case DLT_LINUX_SLL:
    case DLT_LINUX_SLL2:
        return true;
    default:
        return false;
    }
}

/* A decimal number in [lo, hi]; false if s is not one. */
static bool parse_number(const char *s, unsigned long long lo, unsigned long long hi,
                         unsigned long long *out)
{
    char *end;
    unsigned long long v;
    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* The words of the filter expression, joined by spaces (as tcpdump). */
static char *join_args(int argc, char **argv)
{
    size_t n = 1;
    char *s;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

static int list_interfaces(void)
{
    char err[PCAP_ERRBUF_SIZE];
    pcap_if_t *all, *d;
    int k = 0;
    if (pcap_findalldevs(&all, err) != 0) {
        fprintf(stderr, "zcdump: %s\n", err);
        return 1;
    }
    for (d = all; d; d = d->next)
        printf("%d.%s%s%s%s\n", ++k, d->name, d->description ? " (" : "",
               d->description ? d->description : "", d->description ? ")" : "");
    pcap_freealldevs(all);
    return 0;
}

static pcap_t *open_live(const char *iface, int snaplen, bool promisc)
{
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_create(iface, err);
    int rc;
    if (!pc) {
        fprintf(stderr, "zcdump: %s: %s\n", iface, err);
        return NULL;
    }
    pcap_set_snaplen(pc, snaplen);
    pcap_set_promisc(pc, promisc);
    pcap_set_timeout(pc, 1000);
    pcap_set_immediate_mode(pc, 1);
    (void)pcap_set_tstamp_precision(pc, PCAP_TSTAMP_PRECISION_NANO);
    rc = pcap_activate(pc);
    if (rc < 0) {
        fprintf(stderr, "zcdump: %s: %s\n", iface,
                rc == PCAP_ERROR ? pcap_geterr(pc) : pcap_statustostr(rc));
        pcap_close(pc);
        return NULL;
    }
    if (rc > 0)
        fprintf(stderr, "zcdump: %s: warning: %s\n", iface,
                rc == PCAP_WARNING ? pcap_geterr(pc) : pcap_statustostr(rc));
    return pc;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { "json", no_argument, NULL, 'J' },
        { "json-offsets", no_argument, NULL, 'O' },
        { NULL, 0, NULL, 0 },
    };
    static zd_packet pkt;   /* large: kept off the stack */
    const char *file = NULL, *iface = NULL, *source;
    unsigned long long count = 0, snaplen = 262144, v;
    bool promisc = true, line_buffered = false, list = false;
    char err[PCAP_ERRBUF_SIZE];
    char *filter = NULL;
    struct bpf_program prog;
    bool have_prog = false, nano, classic;
    pcap_t *pc;
    int c, status = 0, rc;
    uint64_t frame = 0, shown = 0;

    while ((c = getopt_long(argc, argv, "c:Dehi:lnpr:s:tvx#", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            if (!parse_number(optarg, 1, UINT64_MAX, &count))
                return usage_error("-c: not a positive number: %s", optarg);
            break;
        case 'D':
            list = true;
            break;
        case 'e':
            zd_opt.link = true;
            break;
        case 'h':
            help();
            return 0;
        case 'i':
            iface = optarg;
            break;
        case 'l':
            line_buffered = true;
            break;
        case 'n':
            break;
        case 'p':
            promisc = false;
            break;
        case 'r':
            file = optarg;
            break;
        case 's':
            if (!parse_number(optarg, 0, 262144, &v))
                return usage_error("-s: not a snapshot length (0..262144): %s", optarg);
            snaplen = v ? v : 262144;
            break;
        case 't':
            zd_opt.timestamps++;
            break;
        case 'v':
            zd_opt.verbose++;
            break;
        case 'x':
            zd_opt.hex++;
            break;
        case '#':
            zd_opt.numbers = true;
            break;
        case 'V':
            printf("zcdump %s (zerocast runtime %s)\n%s\n", ZCDUMP_VERSION, ZC_VERSION_STRING,
                   pcap_lib_version());
            return 0;
        case 'J':
            zd_opt.format = ZD_FMT_JSON;
            break;
        case 'O':
            zd_opt.format = ZD_FMT_JSON;
            zd_opt.json_offsets = true;
            break;
        default:
            fputs(usage_text, stderr);
            return 2;
        }
    }
    if (zd_opt.timestamps > 2)
        zd_opt.timestamps = 2;
    if (list)
        return list_interfaces();
    if (file && iface)
        return usage_error("%s", "give -r FILE or -i INTERFACE, not both");
    if (!file && !iface)
        return usage_error("%s", "nothing to read: give -r FILE or -i INTERFACE");
    if (optind < argc) {
        filter = join_args(argc - optind, argv + optind);
        if (!filter) {
            fputs("zcdump: out of memory\n", stderr);
            return 1;
        }
    }

    source = file ? file : iface;
    if (file) {
        pc = pcap_open_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_NANO, err);
        if (!pc) {
            fprintf(stderr, "zcdump: %s: %s\n", file, err);
            free(filter);
            return 1;
        }
    } else {
        pc = open_live(iface, (int)snaplen, promisc);
        if (!pc) {
            free(filter);
            return 1;
        }
        line_buffered = true;
    }
    nano = pcap_get_tstamp_precision(pc) == PCAP_TSTAMP_PRECISION_NANO;
    /* A classic pcap file's seconds are an unsigned 32-bit count (the pcap
       format's definition; Wireshark reads them so, up to 2106-02-07).
       libpcap 1.10 reads them into a signed 32-bit integer and sign-extends
       that into time_t: 2106-01-01 (4291747200) comes back as -3220096. Its
       low 32 bits are the file's value whichever way a libpcap reads it.
       pcapng time stamps are 64-bit and libpcap computes their seconds in
       64 bits: taken as they are. pcap_major_version() is the file's format
       version: 2 for pcap, the section's 1 for pcapng. */
    classic = file && pcap_major_version(pc) >= 2;
    zd_opt.linktype = pcap_datalink(pc);
    if (!supported_link(zd_opt.linktype)) {
        const char *name = pcap_datalink_val_to_name(zd_opt.linktype);
        fprintf(stderr,
                "zcdump: %s: unsupported link type %s (%d); zcdump reads EN10MB, RAW, IPV4, "
                "IPV6, NULL, LOOP, LINUX_SLL and LINUX_SLL2\n",
                source, name ? name : "?", zd_opt.linktype);
        pcap_close(pc);
        free(filter);
        return 1;
    }
    if (filter) {
        bpf_u_int32 net = 0, mask = PCAP_NETMASK_UNKNOWN;
        if (iface && pcap_lookupnet(iface, &net, &mask, err) != 0)
            mask = PCAP_NETMASK_UNKNOWN;
        if (pcap_compile(pc, &prog, filter, 1, mask) != 0) {
            fprintf(stderr, "zcdump: %s: filter \"%s\": %s\n", source, filter, pcap_geterr(pc));
            pcap_close(pc);
            free(filter);
            return 1;
        }
        have_prog = true;
        if (iface && pcap_setfilter(pc, &prog) != 0) {
            fprintf(stderr, "zcdump: %s: %s\n", source, pcap_geterr(pc));
            pcap_freecode(&prog);
            pcap_close(pc);
            free(filter);
            return 1;
        }
    }

    if (iface) {
        live_pc = pc;
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
    }

    for (;;) {
        struct pcap_pkthdr *h;
        const u_char *data;
        rc = pcap_next_ex(pc, &h, &data);
        if (rc == 0)
            continue;   /* live: the read timeout passed with nothing */
        if (rc != 1)
            break;
        frame++;
        if (file && have_prog && !pcap_offline_filter(&prog, h, data))
            continue;
        pkt.frame = frame;
        pkt.sec = classic ? (int64_t)(uint32_t)h->ts.tv_sec : (int64_t)h->ts.tv_sec;
        pkt.subsec = (int64_t)h->ts.tv_usec;   /* checked when printed */
        pkt.subsec_units = nano ? 1000000000u : 1000000u;
        zd_decode(&pkt, data, h->caplen, h->len);
        if (zd_opt.format == ZD_FMT_JSON)
            zd_print_json(&pkt);
        else
            zd_print_line(&pkt);
        if (line_buffered)
            zd_out_flush();
        if (zd_out_failed())
            break;
        if (++shown == count)
            break;
    }
    zd_out_flush();
    if (rc == PCAP_ERROR) {
        fprintf(stderr, "zcdump: %s: %s\n", source, pcap_geterr(pc));
        status = 1;
    }
    if (iface) {
        struct pcap_stat ps;
        if (pcap_stats(pc, &ps) == 0)
            fprintf(stderr, "%llu packets shown\n%u packets received by filter\n"
                            "%u packets dropped by kernel\n",
                    (unsigned long long)shown, ps.ps_recv, ps.ps_drop);
    }
    if (zd_out_failed()) {
        fprintf(stderr, "zcdump: error writing the output: %s\n", strerror(errno));
        status = 1;
    }
    if (have_prog)
        pcap_freecode(&prog);
    pcap_close(pc);
    free(filter);
    return status;
}
