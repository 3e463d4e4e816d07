/*
 * tests/cross/pcapdump.c - prints what a pcap reader gives for each file
 * named: link type, snapshot length, version, then one line per packet
 * (time stamp, caplen, len, FNV-1a hash of the bytes) and pcap_next_ex's
 * final return code. Built once against libpcap and once against the
 * suite's own reader (tests/cross/pcap_shim.c), natively and for each
 * cross host: tests/cross/run.sh requires every output to be identical.
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        char err[PCAP_ERRBUF_SIZE];
        pcap_t *pc = pcap_open_offline(argv[i], err);
        printf("== %s\n", argv[i]);
        if (pc == NULL) {
            printf("cannot open\n");   /* the message differs between readers */
            continue;
        }
        printf("datalink %d snapshot %d version %d.%d\n", pcap_datalink(pc),
               pcap_snapshot(pc), pcap_major_version(pc), pcap_minor_version(pc));
        struct pcap_pkthdr *h;
        const u_char *data;
        int rc, n = 0;
        while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
            uint64_t fnv = 0xcbf29ce484222325ull;
            for (bpf_u_int32 k = 0; k < h->caplen; k++)
                fnv = (fnv ^ data[k]) * 0x100000001b3ull;
            printf("%d %lld.%06ld %u %u %016llx\n", ++n, (long long)h->ts.tv_sec,
                   (long)h->ts.tv_usec, h->caplen, h->len, (unsigned long long)fnv);
        }
        printf("end %d after %d packets\n", rc, n);
        pcap_close(pc);
    }
    return 0;
}
