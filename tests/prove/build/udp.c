/* Eva harness: udp's builder over every capacity 0..64 and payload size
   0..64 (contents and field values arbitrary), through the put, open and
   commit calls: no alarm (no access outside an object, no UB), and the
   built length never exceeds the capacity. tests/prove/builders.sh; docs/hardening.md, "Setters,
   builders, checksums". */
#include "udp.zc.h"
#include "__fc_builtin.h"

static uint8_t buf[64], src[64];

int main(void)
{
    size_t cap = Frama_C_size_t_interval(0, sizeof buf);
    size_t n = Frama_C_size_t_interval(0, sizeof src);
    int how = Frama_C_interval(0, 1);
    size_t put = n;   /* the payload bytes appended */
    udp_builder b;
    udp_mview out;
    zc_status st;

    //@ split cap;
    //@ split n;
    Frama_C_make_unknown((char *)src, sizeof src);
    udp_build(&b, buf, cap);
    udp_put_src_port(&b, zc_htobe16((uint16_t)Frama_C_interval(0, 65535)));
    udp_put_dst_port(&b, zc_htobe16((uint16_t)Frama_C_interval(0, 65535)));
    if (how == 0) {
        udp_put_payload(&b, src, n);
    } else {
        zc_wbytes w = udp_open_payload(&b);
        //@ assert w.len <= cap;
        if (n <= w.len) {
            memcpy(w.ptr, src, n);
            udp_commit_payload(&b, n);
        } else {
            put = 0;
        }
    }
    st = udp_build_end(&b, &out);
    //@ assert b.m.v.zc_len <= cap;
    /* Not asserted: that a successful build is 8 + put bytes which
       udp_parse() accepts. Eva's values for the returned zc_status are
       imprecise (a "garbled mix" from zc_fail()'s struct), so it follows
       failed builds into the success branch; taking zc_fail() by its
       contract instead loses the failure paths. docs/hardening.md. */
    (void)st;
    (void)put;
    return 0;
}
