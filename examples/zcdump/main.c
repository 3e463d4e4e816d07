/*
 * zcdump - print the packets of a capture file or a live interface, decoded
 * by zerocast-generated code only (docs/zcdump.md, docs/man/zcdump.1).
 *
 *   zcdump [-AehlnpqSvXx#] [-t...] [-c COUNT] [-s SNAPLEN] [-w FILE] [-F FILE]
 *          [-Q DIR] [--json[-offsets]] (-r FILE | -i IFACE) [FILTER EXPRESSION]
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
#include <time.h>

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
    "usage: zcdump [-AehlnpqSvXx#] [-t...] [-c COUNT] [-s SNAPLEN] [-w FILE [--print]]\n"
    "              [-F FILE] [-Q in|out|inout] [--utc] [--time-stamp-precision=micro|nano]\n"
    "              [--json] [--json-offsets] (-r FILE | -i INTERFACE) [FILTER EXPRESSION]\n"
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
          "  -F FILE        read the filter expression from FILE (# starts a comment)\n"
          "  -c COUNT       stop after COUNT packets (after the filter)\n"
          "  -w FILE        write the packets (after the filter and -c) to FILE, a pcap\n"
          "                 file (\"-\": standard output), instead of printing them\n"
          "  --print        with -w: print them as well\n"
          "  -s SNAPLEN     live: bytes to capture per packet (0: 262144, the default)\n"
          "  -p             live: do not put the interface into promiscuous mode\n"
          "  -Q DIRECTION   live: capture only packets received (in), sent (out) or both\n"
          "  -l             flush the output after every line\n"
          "  -n             accepted for tcpdump compatibility (zcdump never resolves names)\n"
          "  -q             quiet: shorter lines (transport layer and length only)\n"
          "  -S             absolute TCP sequence numbers (default: relative, as tcpdump)\n"
          "  -v             also print checksum verdicts and every field of every layer\n"
          "  -x / -xx       also print the bytes after the link header / all bytes in hex\n"
          "  -X / -XX       the same in hex and ASCII\n"
          "  -A / -AA       the bytes after the link header / all bytes in ASCII\n"
          "  -e             print the link-layer header on the line\n"
          "  -t             no time stamp;  -tt  seconds since 1970;  -ttt  time since the\n"
          "                 previous packet;  -tttt  date and time;  -ttttt  time since the\n"
          "                 first packet (default: time of day, local time)\n"
          "  --utc          dates and times of day in UTC, not in local time (TZ)\n"
          "  --time-stamp-precision=micro|nano  6 (default) or 9 decimals\n"
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

/* The filter expression in a file (-F): its text, "#" to the end of a line
   replaced with spaces (as tcpdump). NULL (and a message) on failure. */
static char *read_filter_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char *s = NULL;
    size_t n = 0, cap = 0;
    int c;
    bool comment = false;
    if (!f) {
        fprintf(stderr, "zcdump: -F %s: %s\n", path, strerror(errno));
        return NULL;
    }
    while ((c = getc(f)) != EOF) {
        if (n + 2 > cap) {
            char *t;
            if (cap > (1u << 24)) {
                fprintf(stderr, "zcdump: -F %s: larger than 16 MiB\n", path);
                free(s);
                fclose(f);
                return NULL;
            }
            cap = cap ? cap * 2 : 256;
            t = realloc(s, cap);
            if (!t) {
                fputs("zcdump: out of memory\n", stderr);
                free(s);
                fclose(f);
                return NULL;
            }
            s = t;
        }
        if (c == '#')
            comment = true;
        else if (c == '\n')
            comment = false;
        s[n++] = comment ? ' ' : (char)c;
    }
    if (ferror(f)) {
        fprintf(stderr, "zcdump: -F %s: %s\n", path, strerror(errno));
        free(s);
        fclose(f);
        return NULL;
    }
    fclose(f);
    if (!s && !(s = malloc(1))) {
        fputs("zcdump: out of memory\n", stderr);
        return NULL;
    }
    s[n] = '\0';
    return s;
}

/* The name libpcap gives link type dlt, and its description. */
static void put_link_name(int dlt)
{
    const char *name = pcap_datalink_val_to_name(dlt);
    const char *desc = pcap_datalink_val_to_description(dlt);
    if (name)
        fprintf(stderr, "%s (%s%s%d)", name, desc ? desc : "", desc ? ", " : "", dlt);
    else
        fprintf(stderr, "%d (a value libpcap has no name for)", dlt);
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
    case DLT_IEEE802_11_RADIO:
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

static pcap_t *open_live(const char *iface, int snaplen, bool promisc, const char *direction,
                         bool micro)
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
    (void)pcap_set_tstamp_precision(pc, micro ? PCAP_TSTAMP_PRECISION_MICRO
                                              : PCAP_TSTAMP_PRECISION_NANO);
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
    if (direction) {
        pcap_direction_t d = strcmp(direction, "in") == 0    ? PCAP_D_IN
                             : strcmp(direction, "out") == 0 ? PCAP_D_OUT
                                                             : PCAP_D_INOUT;
        if (pcap_setdirection(pc, d) != 0) {
            fprintf(stderr, "zcdump: %s: -Q %s: %s\n", iface, direction, pcap_geterr(pc));
            pcap_close(pc);
            return NULL;
        }
    }
    return pc;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { "json", no_argument, NULL, 'J' },
        { "json-offsets", no_argument, NULL, 'O' },
        { "utc", no_argument, NULL, 'U' },
        { "print", no_argument, NULL, 'P' },
        { "time-stamp-precision", required_argument, NULL, 'T' },
        { NULL, 0, NULL, 0 },
    };
    static zd_packet pkt;   /* large: kept off the stack */
    const char *file = NULL, *iface = NULL, *source, *wfile = NULL, *ffile = NULL;
    const char *direction = NULL;
    bool print_too = false, micro = false;
    pcap_dumper_t *dumper = NULL;
    unsigned long long count = 0, snaplen = 262144, v;
    bool promisc = true, line_buffered = false, list = false;
    char err[PCAP_ERRBUF_SIZE];
    char *filter = NULL;
    struct bpf_program prog;
    bool have_prog = false, nano, classic;
    pcap_t *pc;
    int c, status = 0, rc;
    uint64_t frame = 0, shown = 0;

    zd_opt.ts_digits = 6;
    while ((c = getopt_long(argc, argv, "Ac:DeF:hi:lnpqQ:r:s:StvXw:x#", longopts, NULL)) != -1) {
        switch (c) {
        case 'A':
            zd_opt.ascii++;
            break;
        case 'F':
            ffile = optarg;
            break;
        case 'q':
            zd_opt.quiet = true;
            break;
        case 'Q':
            if (strcmp(optarg, "in") && strcmp(optarg, "out") && strcmp(optarg, "inout"))
                return usage_error("-Q: not a direction (in, out or inout): %s", optarg);
            direction = optarg;
            break;
        case 'S':
            zd_opt.abs_seq = true;
            break;
        case 'X':
            zd_opt.hexascii++;
            break;
        case 'w':
            wfile = optarg;
            break;
        case 'U':
            zd_opt.utc = true;
            break;
        case 'P':
            print_too = true;
            break;
        case 'T':
            if (strcmp(optarg, "micro") == 0)
                zd_opt.ts_digits = 6, micro = true;
            else if (strcmp(optarg, "nano") == 0)
                zd_opt.ts_digits = 9, micro = false;
            else
                return usage_error("--time-stamp-precision: micro or nano, not %s", optarg);
            break;
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
    if (zd_opt.timestamps > 5)
        return usage_error("%s", "-t: at most five (-ttttt)");
    tzset();
    if (list)
        return list_interfaces();
    if (file && iface)
        return usage_error("%s", "give -r FILE or -i INTERFACE, not both");
    if (!file && !iface)
        return usage_error("%s", "nothing to read: give -r FILE or -i INTERFACE");
    if (direction && !iface)
        return usage_error("%s", "-Q: a direction applies to a live capture (-i) only");
    if (print_too && !wfile)
        return usage_error("%s", "--print: only with -w");
    if (print_too && strcmp(wfile, "-") == 0)
        return usage_error("%s", "--print with -w -: both would go to standard output");
    if (wfile && zd_opt.format == ZD_FMT_JSON && !print_too)
        return usage_error("%s", "--json with -w: add --print to print as well");
    if (ffile) {
        if (optind < argc)
            fprintf(stderr, "zcdump: warning: -F %s: the expression on the command line is "
                            "ignored\n", ffile);
        filter = read_filter_file(ffile);
        if (!filter)
            return 1;
    } else if (optind < argc) {
        filter = join_args(argc - optind, argv + optind);
        if (!filter) {
            fputs("zcdump: out of memory\n", stderr);
            return 1;
        }
    }

    source = file ? file : iface;
    if (file) {
        size_t fl = strlen(file);
        pc = pcap_open_offline_with_tstamp_precision(
            file, micro ? PCAP_TSTAMP_PRECISION_MICRO : PCAP_TSTAMP_PRECISION_NANO, err);
        if (!pc) {
            /* libpcap's message may start with the file name already */
            if (strncmp(err, file, fl) == 0 && err[fl] == ':')
                fprintf(stderr, "zcdump: %s\n", err);
            else
                fprintf(stderr, "zcdump: %s: %s\n", file, err);
            free(filter);
            return 1;
        }
    } else {
        pc = open_live(iface, (int)snaplen, promisc, direction, micro);
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
        fprintf(stderr, "zcdump: %s: unsupported link type ", source);
        put_link_name(zd_opt.linktype);
        fputs("; zcdump reads EN10MB, RAW, IPV4, IPV6, NULL, LOOP, LINUX_SLL and LINUX_SLL2\n",
              stderr);
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

    if (wfile) {
        dumper = pcap_dump_open(pc, wfile);
        if (!dumper) {
            fprintf(stderr, "zcdump: -w %s: %s\n", wfile, pcap_geterr(pc));
            if (have_prog)
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
        if (dumper) {
            pcap_dump((u_char *)dumper, h, data);
            if (line_buffered)
                (void)pcap_dump_flush(dumper);
            if (ferror(pcap_dump_file(dumper)))
                break;
        }
        if (!dumper || print_too) {
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
        }
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
    if (dumper) {
        FILE *df = pcap_dump_file(dumper);
        bool werr = pcap_dump_flush(dumper) != 0 || ferror(df);
        int e = errno;
        pcap_dump_close(dumper);
        if (werr) {
            fprintf(stderr, "zcdump: -w %s: %s\n", wfile, strerror(e));
            status = 1;
        }
    }
    if (have_prog)
        pcap_freecode(&prog);
    pcap_close(pc);
    free(filter);
    return status;
}
