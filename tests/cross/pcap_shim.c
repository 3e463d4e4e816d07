/*
 * tests/cross/pcap_shim.c - the offline reader behind
 * tests/cross/include/pcap/pcap.h, for hosts without libpcap.
 *
 * Follows libpcap 1.10 (sf-pcap.c, sf-pcapng.c) where the tests can see it:
 * pcap_next_ex() returns 1 per packet, PCAP_ERROR_BREAK at a clean end of
 * file, PCAP_ERROR (message in pcap_geterr) on a truncated or impossible
 * record; caplen is cut to the file's snapshot length; time stamps are
 * microseconds (nanosecond files and if_tsresol are scaled down, truncating,
 * if_tsoffset is added); link types go through libpcap's LINKTYPE_ to DLT_
 * mapping for the few values where they differ. tests/cross/pcapdump.c
 * compares it with libpcap on every capture of the repository.
 */
#define _POSIX_C_SOURCE 200809L
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <pcap/pcap.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAXIMUM_SNAPLEN 262144u   /* libpcap's limit for a record */
#define MAX_BLOCK (16u * 1024 * 1024)   /* libpcap's pcapng block limit */

struct pcap {
    FILE *f;
    int ng;                 /* pcapng */
    int swapped;            /* file byte order differs from the host's */
    int linktype, snapshot, major, minor;
    int nsec;               /* classic: nanosecond stamps */
    /* pcapng: the current section's interfaces */
    struct ngif {
        int linktype;
        uint64_t tsdiv_num, tsdiv_den;  /* 1e6, ticks per second */
        int scale_up;                   /* resolution coarser than 1 us */
        uint64_t tsmul;                 /* then usec = t * tsmul */
        int64_t tsoffset;               /* seconds */
        uint32_t snaplen;
    } *ifs;
    size_t nifs;
    uint8_t *buf;           /* the current record or block */
    size_t bufcap;
    struct pcap_pkthdr hdr;
    char err[PCAP_ERRBUF_SIZE];
};

static uint32_t sw32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}

static uint16_t sw16(uint16_t v)
{
    return (uint16_t)((v >> 8) | (v << 8));
}

static uint32_t rd32(const pcap_t *p, const uint8_t *b)
{
    uint32_t v;
    memcpy(&v, b, 4);
    return p->swapped ? sw32(v) : v;
}

static uint16_t rd16(const pcap_t *p, const uint8_t *b)
{
    uint16_t v;
    memcpy(&v, b, 2);
    return p->swapped ? sw16(v) : v;
}

/* libpcap's linktype_to_dlt() for the values where LINKTYPE_ != DLT_ */
static int linktype_to_dlt(uint32_t lt)
{
    switch (lt) {
    case 100: return 11;   /* ATM_RFC1483 */
    case 101: return 12;   /* RAW */
    case 102: return 15;   /* SLIP_BSDOS */
    case 103: return 16;   /* PPP_BSDOS */
    default: return (int)lt;
    }
}

static int grow(pcap_t *p, size_t n)
{
    if (n <= p->bufcap)
        return 0;
    uint8_t *b = realloc(p->buf, n);
    if (b == NULL) {
        snprintf(p->err, sizeof p->err, "out of memory for a %zu-byte record", n);
        return -1;
    }
    p->buf = b;
    p->bufcap = n;
    return 0;
}

/* 0: all n bytes read; 1: none (end of file); -1: some, then the end. */
static int read_exact(pcap_t *p, void *dst, size_t n, size_t *got)
{
    *got = fread(dst, 1, n, p->f);
    if (*got == n)
        return 0;
    if (ferror(p->f)) {
        snprintf(p->err, sizeof p->err, "error reading dump file: %s", strerror(errno));
        return -2;
    }
    return *got == 0 ? 1 : -1;
}

/* ---- classic pcap ---------------------------------------------------------- */

static int classic_open(pcap_t *p, const uint8_t h[24], char *errbuf)
{
    uint32_t magic;
    memcpy(&magic, h, 4);
    p->swapped = magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u;
    p->nsec = magic == 0xa1b23c4du || magic == 0x4d3cb2a1u;
    p->major = rd16(p, h + 4);
    p->minor = rd16(p, h + 6);
    if (p->major != 2) {
        snprintf(errbuf, PCAP_ERRBUF_SIZE, "unsupported pcap savefile version %d.%d",
                 p->major, p->minor);
        return -1;
    }
    uint32_t snap = rd32(p, h + 16);
    p->snapshot = (snap == 0 || snap > MAXIMUM_SNAPLEN) ? (int)MAXIMUM_SNAPLEN : (int)snap;
    p->linktype = linktype_to_dlt(rd32(p, h + 20) & 0x03ffffffu);
    return 0;
}

static int classic_next(pcap_t *p)
{
    uint8_t rh[16];
    size_t got;
    int r = read_exact(p, rh, sizeof rh, &got);
    if (r == 1)
        return PCAP_ERROR_BREAK;
    if (r == -1)
        snprintf(p->err, sizeof p->err,
                 "truncated dump file; tried to read %zu header bytes, only got %zu",
                 sizeof rh, got);
    if (r != 0)
        return PCAP_ERROR;
    uint32_t sec = rd32(p, rh), frac = rd32(p, rh + 4), caplen = rd32(p, rh + 8),
             len = rd32(p, rh + 12);
    if (caplen > MAXIMUM_SNAPLEN) {
        snprintf(p->err, sizeof p->err,
                 "invalid packet capture length %u, bigger than maximum of %u", caplen,
                 MAXIMUM_SNAPLEN);
        return PCAP_ERROR;
    }
    if (grow(p, caplen ? caplen : 1) != 0)
        return PCAP_ERROR;
    r = read_exact(p, p->buf, caplen, &got);
    if (r < 0 || (r == 1 && caplen > 0)) {
        if (r != -2)
            snprintf(p->err, sizeof p->err,
                     "truncated dump file; tried to read %u captured bytes, only got %zu",
                     caplen, got);
        return PCAP_ERROR;
    }
    /* a record longer than the snapshot: keep the snapshot, as libpcap does */
    if (caplen > (uint32_t)p->snapshot)
        caplen = (uint32_t)p->snapshot;
    p->hdr.ts.tv_sec = (time_t)sec;
    p->hdr.ts.tv_usec = (suseconds_t)(p->nsec ? frac / 1000 : frac);
    p->hdr.caplen = caplen;
    p->hdr.len = len;
    return 1;
}

/* ---- pcapng ---------------------------------------------------------------- */

/* Reads one block: its type and its body (without the two length fields). */
static int ng_block(pcap_t *p, uint32_t *type, uint32_t *bodylen)
{
    uint8_t bh[8];
    size_t got;
    int r = read_exact(p, bh, 8, &got);
    if (r == 1)
        return PCAP_ERROR_BREAK;
    if (r == -1)
        snprintf(p->err, sizeof p->err,
                 "truncated pcapng dump file; tried to read %zu bytes, only got %zu",
                 sizeof bh, got);
    if (r != 0)
        return PCAP_ERROR;
    uint32_t t;
    memcpy(&t, bh, 4);
    if (t == 0x0a0d0d0au) {
        /* a new section: its byte order comes from its own magic */
        uint8_t m[4];
        if (read_exact(p, m, 4, &got) != 0) {
            snprintf(p->err, sizeof p->err, "truncated pcapng section header");
            return PCAP_ERROR;
        }
        uint32_t magic;
        memcpy(&magic, m, 4);
        if (magic == 0x1a2b3c4du)
            p->swapped = 0;
        else if (magic == 0x4d3c2b1au)
            p->swapped = 1;
        else {
            snprintf(p->err, sizeof p->err, "bad byte-order magic 0x%08x in a section header",
                     magic);
            return PCAP_ERROR;
        }
        uint32_t total = rd32(p, bh + 4);
        if (total < 28 || total % 4 || total > MAX_BLOCK) {
            snprintf(p->err, sizeof p->err, "bad section header block length %u", total);
            return PCAP_ERROR;
        }
        if (grow(p, total) != 0)
            return PCAP_ERROR;
        memcpy(p->buf, m, 4);
        if (read_exact(p, p->buf + 4, total - 12, &got) != 0) {
            snprintf(p->err, sizeof p->err, "truncated pcapng section header");
            return PCAP_ERROR;
        }
        *type = t;
        *bodylen = total - 12;
        free(p->ifs);
        p->ifs = NULL;
        p->nifs = 0;
        return 1;
    }
    uint32_t total = rd32(p, bh + 4);
    *type = p->swapped ? sw32(t) : t;
    if (total < 12 || total % 4 || total > MAX_BLOCK) {
        snprintf(p->err, sizeof p->err, "block of type %u has an invalid length %u", *type,
                 total);
        return PCAP_ERROR;
    }
    if (grow(p, total) != 0)
        return PCAP_ERROR;
    r = read_exact(p, p->buf, total - 8, &got);
    if (r != 0) {
        if (r != -2)
            snprintf(p->err, sizeof p->err,
                     "truncated pcapng dump file; tried to read %u bytes, only got %zu",
                     total - 8, got);
        return PCAP_ERROR;
    }
    if (rd32(p, p->buf + total - 12) != total) {
        snprintf(p->err, sizeof p->err, "block total length mismatch");
        return PCAP_ERROR;
    }
    *bodylen = total - 12;
    return 1;
}

static int ng_add_if(pcap_t *p, const uint8_t *b, uint32_t n)
{
    if (n < 8) {
        snprintf(p->err, sizeof p->err, "interface description block too short");
        return -1;
    }
    /* default resolution: microseconds */
    struct ngif ifc = { linktype_to_dlt(rd16(p, b)), 1000000, 1000000, 0, 1, 0, rd32(p, b + 4) };
    /* options: code, length, value padded to 4 */
    for (uint32_t o = 8; o + 4 <= n;) {
        uint16_t code = rd16(p, b + o), len = rd16(p, b + o + 2);
        if (code == 0)
            break;
        if (o + 4 + len > n) {
            snprintf(p->err, sizeof p->err, "interface option runs past its block");
            return -1;
        }
        const uint8_t *v = b + o + 4;
        if (code == 9 && len == 1) {   /* if_tsresol */
            unsigned e = v[0] & 0x7f;
            uint64_t units = 1;   /* ticks per second */
            int ok = 1;
            for (unsigned i = 0; i < e && ok; i++) {
                if (units > UINT64_MAX / 10)
                    ok = 0;
                else
                    units *= (v[0] & 0x80) ? 2 : 10;
            }
            if (!ok) {
                snprintf(p->err, sizeof p->err, "unsupported if_tsresol %u", v[0]);
                return -1;
            }
            if (units >= 1000000) {
                ifc.scale_up = 0;
                ifc.tsdiv_num = 1000000;
                ifc.tsdiv_den = units;
            } else {
                ifc.scale_up = 1;
                ifc.tsmul = 1000000 / units;
            }
        } else if (code == 14 && len == 8) {   /* if_tsoffset */
            /* one 64-bit value in the section's byte order */
            uint64_t off;
            if (!p->swapped) {
                memcpy(&off, v, 8);
            } else {
                uint8_t r[8];
                for (int i = 0; i < 8; i++)
                    r[i] = v[7 - i];
                memcpy(&off, r, 8);
            }
            ifc.tsoffset = (int64_t)off;
        }
        o += 4 + (uint32_t)((len + 3u) & ~3u);
    }
    if (p->nifs > 0 && ifc.linktype != p->ifs[0].linktype) {
        snprintf(p->err, sizeof p->err,
                 "an interface has a type %d different from the type of the first interface",
                 ifc.linktype);
        return -1;
    }
    struct ngif *ifs = realloc(p->ifs, sizeof *ifs * (p->nifs + 1));
    if (ifs == NULL) {
        snprintf(p->err, sizeof p->err, "out of memory");
        return -1;
    }
    p->ifs = ifs;
    p->ifs[p->nifs++] = ifc;
    return 0;
}

static void ng_stamp(pcap_t *p, const struct ngif *ifc, uint64_t t)
{
    uint64_t sec, usec;
    if (ifc->scale_up) {
        uint64_t per = 1000000 / ifc->tsmul;   /* ticks per second */
        sec = t / per;
        usec = (t % per) * ifc->tsmul;
    } else {
        uint64_t per = ifc->tsdiv_den;         /* ticks per second */
        sec = t / per;
        if (per % 1000000 == 0)   /* decimal: exact */
            usec = (t % per) / (per / 1000000);
        else                      /* binary fractions of a second */
            usec = (uint64_t)((long double)(t % per) * 1e6L / (long double)per);
    }
    p->hdr.ts.tv_sec = (time_t)((int64_t)sec + ifc->tsoffset);
    p->hdr.ts.tv_usec = (suseconds_t)usec;
}

static int ng_next(pcap_t *p)
{
    for (;;) {
        uint32_t type, n;
        int r = ng_block(p, &type, &n);
        if (r != 1)
            return r;
        const uint8_t *b = p->buf;
        switch (type) {
        case 1:   /* interface description */
            if (ng_add_if(p, b, n) != 0)
                return PCAP_ERROR;
            break;
        case 6:   /* enhanced packet */
        case 2: { /* packet (obsolete): interface id is 16 bits, then drops */
            if (n < 20) {
                snprintf(p->err, sizeof p->err, "packet block too short");
                return PCAP_ERROR;
            }
            uint32_t ifid = type == 6 ? rd32(p, b) : rd16(p, b);
            uint32_t caplen = rd32(p, b + 12), len = rd32(p, b + 16);
            if (ifid >= p->nifs) {
                snprintf(p->err, sizeof p->err,
                         "a packet arrived on interface %u, but there's no interface with that ID",
                         ifid);
                return PCAP_ERROR;
            }
            if (caplen > n - 20) {
                snprintf(p->err, sizeof p->err, "packet data runs past its block");
                return PCAP_ERROR;
            }
            if (caplen > MAXIMUM_SNAPLEN) {
                snprintf(p->err, sizeof p->err,
                         "invalid packet capture length %u, bigger than maximum of %u", caplen,
                         MAXIMUM_SNAPLEN);
                return PCAP_ERROR;
            }
            uint64_t t = (uint64_t)rd32(p, b + 4) << 32 | rd32(p, b + 8);
            ng_stamp(p, &p->ifs[ifid], t);
            if (caplen > (uint32_t)p->snapshot)
                caplen = (uint32_t)p->snapshot;
            p->hdr.caplen = caplen;
            p->hdr.len = len;
            memmove(p->buf, p->buf + 20, caplen);
            return 1;
        }
        case 3: { /* simple packet: interface 0, no time stamp */
            if (n < 4 || p->nifs == 0) {
                snprintf(p->err, sizeof p->err, "bad simple packet block");
                return PCAP_ERROR;
            }
            uint32_t len = rd32(p, b), caplen = len;
            uint32_t snap = p->ifs[0].snaplen;
            if (snap != 0 && caplen > snap)
                caplen = snap;
            if (caplen > n - 4)
                caplen = n - 4;
            p->hdr.ts.tv_sec = 0;
            p->hdr.ts.tv_usec = 0;
            p->hdr.caplen = caplen;
            p->hdr.len = len;
            memmove(p->buf, p->buf + 4, caplen);
            return 1;
        }
        default:  /* section headers (handled in ng_block), statistics, names, ... */
            break;
        }
    }
}

/* ---- the API ---------------------------------------------------------------- */

pcap_t *pcap_open_offline(const char *fname, char *errbuf)
{
    FILE *f = strcmp(fname, "-") == 0 ? stdin : fopen(fname, "rb");
    if (f == NULL) {
        snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s: %s", fname, strerror(errno));
        return NULL;
    }
    pcap_t *p = calloc(1, sizeof *p);
    if (p == NULL) {
        snprintf(errbuf, PCAP_ERRBUF_SIZE, "out of memory");
        if (f != stdin)
            fclose(f);
        return NULL;
    }
    p->f = f;
    uint8_t h[24];
    size_t got = fread(h, 1, 4, f);
    uint32_t magic = 0;
    if (got == 4)
        memcpy(&magic, h, 4);
    switch (magic) {
    case 0xa1b2c3d4u: case 0xd4c3b2a1u: case 0xa1b23c4du: case 0x4d3cb2a1u:
        if (fread(h + 4, 1, 20, f) != 20) {
            snprintf(errbuf, PCAP_ERRBUF_SIZE,
                     "truncated dump file; tried to read 24 file header bytes");
            goto fail;
        }
        if (classic_open(p, h, errbuf) != 0)
            goto fail;
        return p;
    case 0x0a0d0d0au: {
        p->ng = 1;
        if (fseek(f, 0, SEEK_SET) != 0) {
            snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s: cannot seek: %s", fname, strerror(errno));
            goto fail;
        }
        uint32_t type, n;
        if (ng_block(p, &type, &n) != 1 || type != 0x0a0d0d0au) {
            snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s", p->err[0] ? p->err : "bad pcapng file");
            goto fail;
        }
        p->major = rd16(p, p->buf + 4);
        p->minor = rd16(p, p->buf + 6);
        if (p->major != 1) {
            snprintf(errbuf, PCAP_ERRBUF_SIZE, "unsupported pcapng savefile version %d.%d",
                     p->major, p->minor);
            goto fail;
        }
        /* libpcap reads up to the first interface description to know the
           link type; packets before it are an error */
        for (;;) {
            int r = ng_block(p, &type, &n);
            if (r != 1) {
                snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s",
                         r == PCAP_ERROR_BREAK ? "the capture file has no Interface Description Blocks"
                                               : p->err);
                goto fail;
            }
            if (type == 1) {
                if (ng_add_if(p, p->buf, n) != 0) {
                    snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s", p->err);
                    goto fail;
                }
                break;
            }
            if (type == 2 || type == 3 || type == 6) {
                snprintf(errbuf, PCAP_ERRBUF_SIZE,
                         "the capture file has a packet block before any Interface Description Blocks");
                goto fail;
            }
        }
        p->linktype = p->ifs[0].linktype;
        uint32_t snap = p->ifs[0].snaplen;
        p->snapshot = (snap == 0 || snap > MAXIMUM_SNAPLEN) ? (int)MAXIMUM_SNAPLEN : (int)snap;
        return p;
    }
    default:
        snprintf(errbuf, PCAP_ERRBUF_SIZE, "unknown file format");
        goto fail;
    }
fail:
    if (f != stdin)
        fclose(f);
    free(p->ifs);
    free(p->buf);
    free(p);
    return NULL;
}

int pcap_datalink(pcap_t *p)
{
    return p->linktype;
}

int pcap_snapshot(pcap_t *p)
{
    return p->snapshot;
}

int pcap_major_version(pcap_t *p)
{
    return p->major;
}

int pcap_minor_version(pcap_t *p)
{
    return p->minor;
}

int pcap_next_ex(pcap_t *p, struct pcap_pkthdr **h, const u_char **data)
{
    int r = p->ng ? ng_next(p) : classic_next(p);
    if (r != 1)
        return r;
    *h = &p->hdr;
    *data = p->buf;
    return 1;
}

const u_char *pcap_next(pcap_t *p, struct pcap_pkthdr *h)
{
    struct pcap_pkthdr *ph;
    const u_char *d;
    if (pcap_next_ex(p, &ph, &d) != 1)
        return NULL;
    *h = *ph;
    return d;
}

char *pcap_geterr(pcap_t *p)
{
    return p->err;
}

void pcap_close(pcap_t *p)
{
    if (p == NULL)
        return;
    if (p->f != stdin)
        fclose(p->f);
    free(p->ifs);
    free(p->buf);
    free(p);
}
