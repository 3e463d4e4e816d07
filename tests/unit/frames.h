/*
 * frames.h - the frames of a fixture capture, each in a heap buffer of
 * exactly its captured size (so ASan reports any read past it), for the
 * Check tests. Include after <check.h>; set `captures_dir` before use.
 */
#ifndef ZC_TEST_FRAMES_H
#define ZC_TEST_FRAMES_H

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FRAMES 512

typedef struct {
    uint8_t *data;
    size_t len;
} Frame;

static const char *captures_dir = "tests/captures";

/* Loads CAPTURES_DIR/name (at most MAX_FRAMES frames); its link type in
   *dlt. */
static int load_pcap_link(const char *name, Frame *frames, int *dlt)
{
    char path[512], err[PCAP_ERRBUF_SIZE];
    snprintf(path, sizeof path, "%s/%s", captures_dir, name);
    pcap_t *pc = pcap_open_offline(path, err);
    ck_assert_msg(pc != NULL, "%s: %s", path, err);
    *dlt = pcap_datalink(pc);
    struct pcap_pkthdr *h;
    const u_char *data;
    int n = 0, rc;
    while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
        ck_assert_int_lt(n, MAX_FRAMES);
        frames[n].len = h->caplen;
        frames[n].data = malloc(h->caplen ? h->caplen : 1);
        ck_assert_ptr_nonnull(frames[n].data);
        memcpy(frames[n].data, data, h->caplen);
        n++;
    }
    ck_assert_int_eq(rc, PCAP_ERROR_BREAK);
    pcap_close(pc);
    return n;
}

/* Loads CAPTURES_DIR/name, which must be Ethernet. */
static int load_pcap(const char *name, Frame *frames)
{
    int dlt;
    int n = load_pcap_link(name, frames, &dlt);
    ck_assert_int_eq(dlt, DLT_EN10MB);
    return n;
}

static void free_frames(Frame *frames, int n)
{
    for (int i = 0; i < n; i++)
        free(frames[i].data);
}

#endif /* ZC_TEST_FRAMES_H */
