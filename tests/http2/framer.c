/*
 * framer.c - http2_frame() (schemas/http2.zc) on the real h2c byte streams
 * of tests/protocols/http2/real-h2c.pcap (nghttpd against curl and nghttp,
 * tests/protocols/http2/capture.sh), under ASan+UBSan:
 *
 *   - each direction of each connection is the concatenation of its TCP
 *     payloads (loopback: in order, no loss); a client's starts with the
 *     24-byte preface (http2_preface_parse());
 *   - framing the whole stream: every step is COMPLETE, each frame parses
 *     deep (http2_parse_deep()), and the frames tile the stream exactly;
 *   - framing every prefix of each frame, in a heap buffer of exactly that
 *     size: NEED, with the exact number of bytes missing once the 9-byte
 *     header is there (before it, at least one more byte);
 *   - one line per stream, "SRC>DST frames N", which run.sh compares with
 *     tshark's count of http2.type in that direction.
 *
 * usage: framer PCAP
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http2.zc.h"
#include "packet.zc.h"

#define MAX_STREAMS 64
#define MAX_LAYERS 32

typedef struct {
    unsigned src, dst;
    int v6;
    uint8_t *data;
    size_t len;
} stream;

static stream streams[MAX_STREAMS];
static size_t nstreams;
static int failures;

static void fail(const char *what, const stream *s, size_t off)
{
    printf("FAIL %u>%u at %zu: %s\n", s->src, s->dst, off, what);
    failures++;
}

static void add(unsigned src, unsigned dst, int v6, const uint8_t *p, size_t n)
{
    stream *s = NULL;
    for (size_t i = 0; i < nstreams; i++)
        if (streams[i].src == src && streams[i].dst == dst && streams[i].v6 == v6)
            s = &streams[i];
    if (!s) {
        if (nstreams == MAX_STREAMS) {
            fprintf(stderr, "framer: too many streams\n");
            exit(2);
        }
        s = &streams[nstreams++];
        s->src = src;
        s->dst = dst;
        s->v6 = v6;
    }
    if (n == 0)
        return;
    s->data = realloc(s->data, s->len + n);
    if (!s->data)
        exit(2);
    memcpy(s->data + s->len, p, n);
    s->len += n;
}

static void frame_stream(const stream *s)
{
    size_t off = 0, frames = 0;
    http2_preface_view pv;
    if (http2_preface_parse(&pv, s->data, s->len).code == ZC_OK)
        off = HTTP2_PREFACE_MIN_SIZE;
    while (off < s->len) {
        zc_frame f = http2_frame(s->data + off, s->len - off);
        if (f.state != ZC_FRAME_COMPLETE) {
            fail("not a whole frame", s, off);
            return;
        }
        size_t size = f.size;
        /* every prefix of the frame, in a buffer of exactly its size */
        for (size_t p = 0; p < size; p++) {
            uint8_t *copy = malloc(p ? p : 1);
            if (!copy)
                exit(2);
            memcpy(copy, s->data + off, p);
            zc_frame g = http2_frame(copy, p);
            free(copy);
            if (g.state != ZC_FRAME_NEED || g.size == 0 || (p >= 9 && g.size != size - p) ||
                (p < 9 && g.size > 9 - p)) {
                fail("a prefix is not NEED with the bytes missing", s, off + p);
                return;
            }
        }
        uint8_t *copy = malloc(size);
        if (!copy)
            exit(2);
        memcpy(copy, s->data + off, size);
        http2_view v;
        zc_status st = http2_parse_deep(&v, copy, size);
        free(copy);
        if (st.code != ZC_OK) {
            char msg[200];
            fail(zc_status_format(st, msg, sizeof msg), s, off);
            return;
        }
        off += size;
        frames++;
    }
    printf("%u>%u frames %zu\n", s->src, s->dst, frames);
}

int main(int argc, char **argv)
{
    char err[PCAP_ERRBUF_SIZE];
    if (argc != 2) {
        fprintf(stderr, "usage: framer PCAP\n");
        return 2;
    }
    pcap_t *pc = pcap_open_offline(argv[1], err);
    if (!pc) {
        fprintf(stderr, "framer: %s\n", err);
        return 2;
    }
    struct pcap_pkthdr *h;
    const u_char *bytes;
    while (pcap_next_ex(pc, &h, &bytes) == 1) {
        packet_layer l[MAX_LAYERS];
        size_t n;
        (void)packet_walk(bytes, h->caplen, PACKET_ETHERNET, l, MAX_LAYERS, &n);
        for (size_t i = 1; i < n; i++)
            if (l[i].proto == PACKET_TCP)
                add(zc_be16toh(tcp_src_port(l[i].v.tcp)), zc_be16toh(tcp_dst_port(l[i].v.tcp)),
                    l[i - 1].proto == PACKET_IPV6, l[i].payload.ptr, l[i].payload.len);
    }
    pcap_close(pc);
    for (size_t i = 0; i < nstreams; i++) {
        if (streams[i].len)
            frame_stream(&streams[i]);
        free(streams[i].data);
    }
    return failures ? 1 : 0;
}
