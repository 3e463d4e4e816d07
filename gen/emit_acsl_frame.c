/*
 * emit_acsl_frame.c - ACSL contracts of the stream framing functions
 * S_frame(buf, len) (`zerocast --acsl`, issue #23), for the structs whose
 * parse emit_acsl.c specifies (acsl_supported()). The contract states what
 * docs/generated-api.md, "Framing", promises a reader of a byte stream:
 * S_frame() reads only buf[0 .. len-1] and writes nothing outside itself;
 * COMPLETE comes with ZC_OK and a size between the struct's minimum and
 * len; NEED with ZC_ERR_TRUNCATED and at least one more byte (exactly the
 * rest of the fixed prefix while that is cut short); MALFORMED with the
 * parse's error (never ZC_OK; ZC_ERR_TRUNCATED when every part the frame
 * measures is there but something inside runs short) and size 0. The
 * three states are the only results. docs/hardening.md, "Frame functions".
 */
#include "emit_parts.h"

/* Bytes from the start of the struct to the end of its first segment's
   last fixed field (where S_frame() first compares len). */
static size_t prefix_end(Decl *d)
{
    size_t end = 0;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->seg == 0 && !f->var && f->off + f->size > end)
            end = f->off + f->size;
    }
    return end;
}

/* Before S_frame(). */
void acsl_frame(Decl *d)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    size_t pre = prefix_end(d);
    p("/*@ requires \\valid_read(buf + (0 .. len - 1));\n");
    p("    assigns \\nothing;\n");
    p("    ensures \\result.state == ZC_FRAME_COMPLETE || \\result.state == ZC_FRAME_NEED ||\n");
    p("            \\result.state == ZC_FRAME_MALFORMED;\n");
    p("    ensures \\result.state == ZC_FRAME_COMPLETE ==>\n");
    p("            \\result.status.code == ZC_OK && %zu <= \\result.size <= len;\n", d->min_size);
    p("    ensures \\result.state == ZC_FRAME_NEED ==>\n");
    p("            \\result.status.code == ZC_ERR_TRUNCATED && \\result.size >= 1;\n");
    if (pre > 0)
        p("    ensures \\result.state == ZC_FRAME_NEED && len < %zu ==> \\result.size == %zu - len;\n", pre, pre);
    p("    ensures \\result.state == ZC_FRAME_MALFORMED ==>\n");
    p("            \\result.status.code != ZC_OK && \\result.size == 0;\n");
    p("*/\n");
}

/* Before S_frame()'s `do { ... } while (0)`: what its one pass writes (the
   frame's end so far, a length, the ends of the varints it decodes). */
void acsl_frame_loop(Decl *d, bool need_n)
{
    if (!acsl_on || !acsl_supported(d))
        return;
    p("    /*@ loop assigns end%s%s; */\n", need_n ? ", n" : "",
      d->nwalk ? xformat(", t.zc_end[0 .. %d]", d->nwalk - 1) : "");
}

/* Whether expr_c() writes shift e as a product (x << k as x * 2^k, k a
   constant below 62), with --acsl only: the same value (a shifted length
   is >= 0, and a shift that overflows is as undefined as the product),
   but z3 and cvc4 do not bound a left shift of a signed 64-bit value
   (rtp_extension's `(int64_t)length << 2`: the signed-overflow guard
   stayed unproved), while a product by a constant is linear. */
bool acsl_shl_as_mul(const Expr *e)
{
    return acsl_on && e->kind == EX_BINARY && e->op == OP_SHL && !e->lhs->is_const && e->rhs->is_const &&
           e->rhs->value >= 0 && e->rhs->value < 62;
}
