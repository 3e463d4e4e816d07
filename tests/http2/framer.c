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
 *   - rebuilding each frame with the builders from the values its view
 *     reads, field by field (DATA, HEADERS, PUSH_PROMISE and their padding
 *     through the nested builders; length and pad lengths left to derive),
 *     in a heap buffer of exactly its size: the same bytes, and ZC_ERR_SPACE
 *     in one byte less;
 *   - one line per stream, "SRC>DST frames N rebuilt N", which run.sh
 *     compares with tshark's count of http2.type in that direction.
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

#define PUT(call)                          \
    do {                                   \
        if (st.code == ZC_OK)              \
            st = (call);                   \
    } while (0)

/* The priority fields of v into c (PRIORITY, HEADERS with PRIORITY). */
static zc_status put_priority(http2_priority_builder *c, http2_priority_view v)
{
    zc_status st = zc_ok();
    PUT(http2_priority_put_exclusive(c, http2_priority_exclusive(v)));
    PUT(http2_priority_put_stream_dependency(c, http2_priority_stream_dependency(v)));
    PUT(http2_priority_put_weight(c, http2_priority_weight(v)));
    return st;
}

/* Frame v rebuilt in buf[0, cap) from what its view reads; *n: its size. */
static zc_status rebuild(http2_view v, uint8_t *buf, size_t cap, size_t *n)
{
    http2_builder b;
    http2_mview m;
    zc_status st = zc_ok(), end;
    zc_bytes x;

    http2_build(&b, buf, cap);
    PUT(http2_put_type(&b, http2_get_type(v)));
    PUT(http2_put_unused_flags_c0(&b, http2_unused_flags_c0(v)));
    PUT(http2_put_priority_flag(&b, http2_priority_flag(v)));
    PUT(http2_put_unused_flags_10(&b, http2_unused_flags_10(v)));
    PUT(http2_put_padded(&b, http2_padded(v)));
    PUT(http2_put_end_headers(&b, http2_get_end_headers(v)));
    PUT(http2_put_unused_flags_02(&b, http2_unused_flags_02(v)));
    PUT(http2_put_end_stream_ack(&b, http2_end_stream_ack(v)));
    PUT(http2_put_reserved(&b, http2_reserved(v)));
    PUT(http2_put_stream_id(&b, http2_stream_id(v)));
    if (st.code != ZC_OK)
        return st;
    http2_data_view dv;
    http2_headers_view hv;
    http2_priority_view pv;
    http2_rst_stream_view rv;
    http2_push_promise_view ppv;
    http2_goaway_view gv;
    http2_window_update_view wv;
    if (http2_data(v, &dv)) {
        http2_data_builder c;
        st = http2_begin_data(&b, &c);
        x = http2_data_data(dv);
        PUT(http2_data_put_data(&c, x.ptr, x.len));
        x = http2_data_padding(dv);
        PUT(http2_data_put_padding(&c, x.ptr, x.len));
        end = http2_end_data(&b, &c);
        PUT(end);
    } else if (http2_headers(v, &hv)) {
        http2_headers_builder c;
        st = http2_begin_headers(&b, &c);
        if (http2_headers_priority(hv, &pv)) {
            http2_priority_builder pc;
            PUT(http2_headers_begin_priority(&c, &pc));
            PUT(put_priority(&pc, pv));
            end = http2_headers_end_priority(&c, &pc);
            PUT(end);
        }
        x = http2_headers_header_block_fragment(hv);
        PUT(http2_headers_put_header_block_fragment(&c, x.ptr, x.len));
        x = http2_headers_padding(hv);
        PUT(http2_headers_put_padding(&c, x.ptr, x.len));
        end = http2_end_headers(&b, &c);
        PUT(end);
    } else if (http2_priority(v, &pv)) {
        http2_priority_builder c;
        st = http2_begin_priority(&b, &c);
        PUT(put_priority(&c, pv));
        end = http2_end_priority(&b, &c);
        PUT(end);
    } else if (http2_rst_stream(v, &rv)) {
        http2_rst_stream_builder c;
        st = http2_begin_rst_stream(&b, &c);
        PUT(http2_rst_stream_put_error_code(&c, http2_rst_stream_error_code(rv)));
        end = http2_end_rst_stream(&b, &c);
        PUT(end);
    } else if (http2_has_settings(v)) {
        http2_setting_iter it = http2_settings(v);
        http2_setting_view e;
        while (st.code == ZC_OK && http2_setting_next(&it, &e)) {
            http2_setting_builder c;
            st = http2_begin_settings(&b, &c);
            PUT(http2_setting_put_identifier(&c, http2_setting_identifier(e)));
            PUT(http2_setting_put_value(&c, http2_setting_value(e)));
            end = http2_end_settings(&b, &c);
            PUT(end);
        }
    } else if (http2_push_promise(v, &ppv)) {
        http2_push_promise_builder c;
        st = http2_begin_push_promise(&b, &c);
        PUT(http2_push_promise_put_reserved(&c, http2_push_promise_reserved(ppv)));
        PUT(http2_push_promise_put_promised_stream_id(&c, http2_push_promise_promised_stream_id(ppv)));
        x = http2_push_promise_header_block_fragment(ppv);
        PUT(http2_push_promise_put_header_block_fragment(&c, x.ptr, x.len));
        x = http2_push_promise_padding(ppv);
        PUT(http2_push_promise_put_padding(&c, x.ptr, x.len));
        end = http2_end_push_promise(&b, &c);
        PUT(end);
    } else if (http2_has_opaque_data(v)) {
        x = http2_opaque_data(v);
        st = http2_put_opaque_data(&b, x.ptr, x.len);
    } else if (http2_goaway(v, &gv)) {
        http2_goaway_builder c;
        st = http2_begin_goaway(&b, &c);
        PUT(http2_goaway_put_reserved(&c, http2_goaway_reserved(gv)));
        PUT(http2_goaway_put_last_stream_id(&c, http2_goaway_last_stream_id(gv)));
        PUT(http2_goaway_put_error_code(&c, http2_goaway_error_code(gv)));
        x = http2_goaway_debug_data(gv);
        PUT(http2_goaway_put_debug_data(&c, x.ptr, x.len));
        end = http2_end_goaway(&b, &c);
        PUT(end);
    } else if (http2_window_update(v, &wv)) {
        http2_window_update_builder c;
        st = http2_begin_window_update(&b, &c);
        PUT(http2_window_update_put_reserved(&c, http2_window_update_reserved(wv)));
        PUT(http2_window_update_put_window_size_increment(&c, http2_window_update_window_size_increment(wv)));
        end = http2_end_window_update(&b, &c);
        PUT(end);
    } else if (http2_has_header_block_fragment(v)) {
        x = http2_header_block_fragment(v);
        st = http2_put_header_block_fragment(&b, x.ptr, x.len);
    } else {
        x = http2_unknown(v);
        st = http2_put_unknown(&b, x.ptr, x.len);
    }
    PUT(http2_build_end(&b, &m));
    *n = st.code == ZC_OK ? m.v.zc_len : 0;
    return st;
}

static void frame_stream(const stream *s)
{
    size_t rebuilt = 0;
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
        if (st.code != ZC_OK) {
            char msg[200];
            free(copy);
            fail(zc_status_format(st, msg, sizeof msg), s, off);
            return;
        }
        /* rebuilt from its view, in exactly its size, then one byte less */
        uint8_t *out = malloc(size);
        size_t n = 0;
        if (!out)
            exit(2);
        st = rebuild(v, out, size, &n);
        if (st.code != ZC_OK || n != size || memcmp(out, copy, size) != 0) {
            char msg[200];
            fail(st.code != ZC_OK ? zc_status_format(st, msg, sizeof msg) : "rebuilt, not the same bytes", s, off);
        } else {
            rebuilt++;
        }
        st = rebuild(v, out, size - 1, &n);
        if (st.code != ZC_ERR_SPACE)
            fail("rebuilt in one byte less: not ZC_ERR_SPACE", s, off);
        free(out);
        free(copy);
        off += size;
        frames++;
    }
    printf("%u>%u frames %zu rebuilt %zu\n", s->src, s->dst, frames, rebuilt);
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
