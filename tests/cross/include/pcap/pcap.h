/*
 * tests/cross/include/pcap/pcap.h - the part of libpcap's offline API that
 * tests/unit uses, for hosts without libpcap (tests/cross/): reading
 * classic pcap files (either byte order, microsecond or nanosecond stamps)
 * and pcapng files (section header, interface description, enhanced and
 * simple packet blocks; either byte order; if_tsresol), with libpcap's
 * return codes and its default microsecond time stamps.
 * What it leaves out: live capture, filters, writing, pcap_dispatch/loop.
 * Implementation: tests/cross/pcap_shim.c.
 */
#ifndef ZC_CROSS_PCAP_H
#define ZC_CROSS_PCAP_H

#include <stdio.h>
#include <sys/time.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned int bpf_u_int32;
typedef struct pcap pcap_t;

struct pcap_pkthdr {
    struct timeval ts;     /* time stamp */
    bpf_u_int32 caplen;    /* length of portion present */
    bpf_u_int32 len;       /* length of this packet (off wire) */
};

#define PCAP_ERRBUF_SIZE 256
#define PCAP_ERROR (-1)
#define PCAP_ERROR_BREAK (-2)

/* DLT_ values as libpcap gives them on Linux for the link types mapped */
#define DLT_NULL 0
#define DLT_EN10MB 1
#define DLT_RAW 12
#define DLT_LINUX_SLL 113
#define DLT_IEEE802_11_RADIO 127

pcap_t *pcap_open_offline(const char *fname, char *errbuf);
int pcap_datalink(pcap_t *p);
int pcap_snapshot(pcap_t *p);
int pcap_major_version(pcap_t *p);
int pcap_minor_version(pcap_t *p);
int pcap_next_ex(pcap_t *p, struct pcap_pkthdr **h, const u_char **data);
const u_char *pcap_next(pcap_t *p, struct pcap_pkthdr *h);
char *pcap_geterr(pcap_t *p);
void pcap_close(pcap_t *p);

#ifdef __cplusplus
}
#endif

#endif /* ZC_CROSS_PCAP_H */
