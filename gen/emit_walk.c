/*
 * emit_walk.c - a stack's part of the header: the protocol enum of its
 * structs, the layer record, NAME_walk() (each layer parsed in turn and
 * routed to the next by its tag fields) and NAME_walk_each().
 */
#include "emit_parts.h"

#include <string.h>

/* ---- stacks ------------------------------------------------------------- */

/* The stack's C name (emit_stack()): the prefix of its internal functions. */
static const char *zc_stack_name = "";

static char *proto_const(Decl *stack, Decl *st)
{
    return xformat("%s_%s", SNAME(stack), str_upper(st->name));
}

static StackSource *source_for(Decl *stack, const Decl *st)
{
    for (int i = 0; i < stack->rules.len; i++) {
        StackRule *r = stack->rules.data[i];
        for (int j = 0; j < r->sources.len; j++) {
            StackSource *s = r->sources.data[j];
            if (s->st.decl == st)
                return s;
        }
    }
    return NULL;
}

static StackStart *start_for(Decl *stack, const Decl *st)
{
    for (int i = 0; i < stack->starts.len; i++) {
        StackStart *s = stack->starts.data[i];
        if (s->st.decl == st)
            return s;
    }
    return NULL;
}

/* `by peek(TYPE)`: the payload's first bits (pl: its slice's prefix), or
   -1, which no route value matches, when the payload is shorter than
   TYPE. */
static char *peek_value(StackSource *s, const char *pl)
{
    if (s->peek_bits == 8)
        return xformat("(%slen >= 1 ? (int64_t)%sptr[0] : -1)", pl, pl);
    if (s->peek_bits < 8)
        return xformat("(%slen >= 1 ? (int64_t)(%sptr[0] >> %d) : -1)", pl, pl, 8 - s->peek_bits);
    int n = s->peek_bits / 8;
    char *v = "";
    for (int i = 0; i < n; i++) {   /* byte i, worth 2^(8(n-1-i)) (be) or 2^(8i) (le) */
        int shift = s->peek_le ? 8 * i : 8 * (n - 1 - i);
        v = xformat("%s%s(uint32_t)%sptr[%d]%s", v, i ? " | " : "", pl, i, shift ? xformat(" << %d", shift) : "");
    }
    return xformat("(%slen >= %d ? (int64_t)(%s) : -1)", pl, n, v);
}

static char *source_text(StackSource *s)
{
    return c_comment(loc_text(s->loc));
}

/* The walker's variable that holds argument i of struct st's layer. */
static char *arg_var(const Decl *st, int i)
{
    return xformat("zc_a_%s_%s", st->name, ((Field *)st->params.data[i])->name);
}

/* ", 4, 2": a route's constant arguments, as a parse call takes them. */
static char *const_args(const Name *n)
{
    char *s = "";
    for (int i = 0; i < n->args.len; i++)
        s = xformat("%s, %s", s, const_str(((Expr *)n->args.data[i])->value));
    return s;
}

/* The arguments struct st's layer is parsed with in the walker: its
   variables (set by the route that jumped to it). */
static char *walk_args(const Decl *st)
{
    char *s = "";
    for (int i = 0; i < st->params.len; i++)
        s = xformat("%s, %s", s, arg_var(st, i));
    return s;
}

/* The first route of the stack to struct st (its arguments are those of a
   walk that starts at st), or NULL. */
static Name *first_route_to(Decl *stack, const Decl *st)
{
    for (int i = 0; i < stack->rules.len; i++) {
        StackRule *r = stack->rules.data[i];
        if (r->always && r->always->decl == st)
            return r->always;
        for (int j = 0; j < r->routes.len; j++) {
            StackRoute *rt = r->routes.data[j];
            if (rt->target.decl == st)
                return &rt->target;
        }
    }
    return NULL;
}

/* "zc_a_bgp_asn_size = 4; ": in the walker, the arguments of the route to
   target, before the jump. */
static char *set_args(const Name *target)
{
    char *s = "";
    for (int i = 0; i < target->args.len; i++)
        s = xformat("%s%s = %s; ", s, arg_var(target->decl, i), const_str(((Expr *)target->args.data[i])->value));
    return s;
}

/* What the route from source s does when it picks target: return its
   constant (S_route()), or, in the walker (jump), set its arguments and go
   to its label. */
static char *route_to(Decl *stack, const Name *target, bool jump)
{
    if (!jump)
        return xformat("return %s;", proto_const(stack, target->decl));
    if (target->args.len)
        return xformat("{ %sgoto zc_l_%s; }", set_args(target), target->decl->name);
    return xformat("goto zc_l_%s;", target->decl->name);
}

/* The same for a route `v: guess X;`: in the walker, X is marked as a
   guess, so that its parse failing ends the walk as ZC_UNDECODED. */
static char *guess_to(Decl *stack, const Name *target, bool jump)
{
    return jump ? xformat("{ guess = 1; %sgoto zc_l_%s; }", set_args(target), target->decl->name)
                : route_to(stack, target, jump);
}

/* `whole X`: whether the payload (its slice's prefix pl) starts with a
   whole X: X_frame() says COMPLETE; for a struct with parameters, which
   has no X_frame(), X_parse() with the route's arguments succeeds (the
   same: a frame is complete exactly when it parses). */
static char *whole_test(const Name *target, const char *pl)
{
    Decl *t = target->decl;
    if (!t->params.len)
        return xformat("%s_frame(%sptr, %slen).state == ZC_FRAME_COMPLETE", sname(t), pl, pl);
    return xformat("%s_zc_whole_%s(%sptr, %slen%s)", zc_stack_name, t->name, pl, pl, const_args(target));
}

/* Extra indent of the route code: "    " inside the walker's blocks. */
static const char *route_pad = "";

/* Returns true if the code it wrote always returns (or, with jump, always
   jumps). v is the source layer's view; pl the payload's slice ("payload->"
   in S_route(), "bytes." in the walker). */
static bool emit_route_source(Decl *stack, StackRule *r, StackSource *s, const char *v, const char *pl, bool jump)
{
    char *ind = s->cond ? "    " : "";
    p("%s    /* %s */\n", route_pad, source_text(s));
    if (s->cond)
        p("%s    if (%s) {\n", route_pad, truth_c(s->cond, v));
    if (r->always && r->always_whole) {   /* a stream: only a whole frame */
        p("%s    %sif (%s)\n", route_pad, ind, whole_test(r->always, pl));
        p("%s    %s    %s\n", route_pad, ind, route_to(stack, r->always, jump));
    } else if (r->always) {
        p("%s    %s%s\n", route_pad, ind,
          r->always_guess ? guess_to(stack, r->always, jump) : route_to(stack, r->always, jump));
    } else {
        p("%s    %sswitch (%s) {\n", route_pad, ind, s->peek ? peek_value(s, pl) : field_value(s->tag->field, v));
        for (int i = 0; i < r->routes.len; i++) {
            StackRoute *rt = r->routes.data[i];
            for (int j = 0; j < rt->values.len; j++) {
                Expr *e = rt->values.data[j];
                char *text = loc_text(e->loc), *num = const_str(e->value);
                if (strcmp(text, num) == 0)
                    p("%s    %scase %s:\n", route_pad, ind, num);
                else
                    p("%s    %scase %s:   /* %s */\n", route_pad, ind, num, c_comment(text));
            }
            if (rt->whole) {   /* a stream: only a whole frame */
                p("%s    %s    if (%s)\n", route_pad, ind, whole_test(&rt->target, pl));
                p("%s    %s        %s\n", route_pad, ind, route_to(stack, &rt->target, jump));
                p("%s    %s    break;\n", route_pad, ind);
            } else if (rt->guess) {
                p("%s    %s    %s\n", route_pad, ind, guess_to(stack, &rt->target, jump));
            } else {
                p("%s    %s    %s\n", route_pad, ind, route_to(stack, &rt->target, jump));
            }
        }
        p("%s    %s}\n", route_pad, ind);
    }
    if (s->cond)
        p("%s    }\n", route_pad);
    return r->always && !r->always_whole && !s->cond;
}

/* The routes from struct st's layer, in rule order, until one always
   returns (jumps). Returns whether one did. */
static bool emit_routes_from(Decl *d, const Decl *st, const char *v, const char *pl, bool jump)
{
    for (int j = 0; j < d->rules.len; j++) {
        StackRule *r = d->rules.data[j];
        for (int k = 0; k < r->sources.len; k++) {
            StackSource *src = r->sources.data[k];
            if (src->st.decl == st && emit_route_source(d, r, src, v, pl, jump))
                return true;
        }
    }
    return false;
}

static bool stack_has_guess(Decl *d)
{
    for (int i = 0; i < d->rules.len; i++) {
        StackRule *r = d->rules.data[i];
        for (int j = 0; j < r->routes.len; j++)
            if (((StackRoute *)r->routes.data[j])->guess)
                return true;
        if (r->always_guess)
            return true;
    }
    return false;
}

/* Whether a `whole` route of the stack leads to st. */
static bool stack_has_whole_to(Decl *d, const Decl *st)
{
    for (int i = 0; i < d->rules.len; i++) {
        StackRule *r = d->rules.data[i];
        for (int j = 0; j < r->routes.len; j++) {
            StackRoute *rt = r->routes.data[j];
            if (rt->whole && rt->target.decl == st)
                return true;
        }
        if (r->always_whole && r->always->decl == st)
            return true;
    }
    return false;
}

static bool stack_has_fragment(Decl *d)
{
    for (int i = 0; i < d->rules.len; i++) {
        StackRule *r = d->rules.data[i];
        for (int j = 0; j < r->sources.len; j++)
            if (((StackSource *)r->sources.data[j])->fragment)
                return true;
    }
    return false;
}

/* The payload field of st's layer: `.F` of its rules or of its `start`;
   NULL for the bytes after the struct. */
static Name *payload_name(Decl *d, const Decl *st)
{
    StackSource *first = source_for(d, st);
    StackStart *start = start_for(d, st);
    return first ? first->payload : start ? start->payload : NULL;
}

static bool uses_remaining(const Expr *e)
{
    return e && (e->kind == EX_REMAINING || uses_remaining(e->lhs) || uses_remaining(e->rhs));
}

/* Whether the layer's header says how long its payload is: a payload
   field whose length is an expression over its fields (IPv4's
   total_length, UDP's length), not the rest of the bytes (`u8 F[]`, an
   expression with `remaining`, or the bytes after the struct). An empty
   sized payload means that nothing follows; an empty rest is a frame cut
   short, and the next layer is parsed from it (and fails as truncated). */
static bool payload_is_sized(Decl *d, Decl *st)
{
    Name *pf = payload_name(d, st);
    Field *f = pf ? pf->field : NULL;
    return f && f->array == ARR_EXPR && !uses_remaining(f->len);
}

/* The payload of st's layer l (view v): the source's (or the `start`'s)
   payload field, or the bytes after it. */
static char *route_payload(Decl *d, Decl *st, const char *v, const char *bytes)
{
    Name *pf = payload_name(d, st);
    if (pf)
        return xformat("%s(%s)", acc(pf->field), v);
    return xformat("zc_bytes_make(%s.ptr + %s.zc_len, %s.len - %s.zc_len)", bytes, v, bytes, v);
}

/*
 * The body of S_walk() (each false: records in out[], *n) or of
 * S_walk_each() (each true: one record, handed to fn). One label per
 * struct: a layer's parse is inlined once, into a local view, and its
 * routes jump straight to the next struct's label.
 */
static void emit_walk_body(Decl *d, bool each)
{
    char *UP = SNAME(d), *layer = xformat("%s_layer", sname(d));
    p("    const uint8_t *base = (const uint8_t *)buf;\n");
    p("    zc_bytes bytes = zc_bytes_make(base, len), next;\n");
    p("    size_t offset = 0;\n");
    if (each)
        p("    %s rec, *l = &rec;\n    size_t k = 0;\n", layer);
    else
        p("    %s *l = out, *end = out + max;\n", layer);
    p("    zc_status st;\n");
    for (int i = 0; i < d->limits.len; i++)
        p("    int64_t seen%d = 0;   /* layers under limit %d */\n", i, i);
    if (stack_has_guess(d))
        p("    int guess = 0;        /* this layer was routed to by a guess */\n");
    if (stack_has_fragment(d))
        p("    int frag = 0;         /* inside the payload of a fragment */\n");
    for (int i = 0; i < d->protos.len; i++) {   /* the arguments of layers with parameters */
        Decl *st = d->protos.data[i];
        Name *first_rt = first_route_to(d, st);
        for (int j = 0; first_rt && j < st->params.len; j++)
            p("    uint64_t %s = %s;   /* set by the route; a walk that starts at %s: the first route's */\n",
              arg_var(st, j), const_str(((Expr *)first_rt->args.data[j])->value), st->name);
    }
    p("\n    switch (first) {\n");
    p("    case %s_NONE:\n", UP);
    if (!each)
        p("        *n = 0;\n");
    p("        return zc_ok();\n");
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        p("    case %s:\n        goto zc_l_%s;\n", proto_const(d, st), st->name);
    }
    p("    }\n");
    p("    /* not a protocol of this stack */\n");
    p("    if (max == 0)\n        goto zc_full;\n");
    p("    l->proto = first;\n");
    p("    st = zc_fail(ZC_ERR_MALFORMED, 0, \"%s\\0not a protocol of this stack\");\n", d->name);
    p("    goto zc_bad;\n\n");

    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        char *PC = proto_const(d, st);
        p("zc_l_%s:\n", st->name);
        p(each ? "    if (k == max)\n        goto zc_full;\n" : "    if (l == end)\n        goto zc_full;\n");
        for (int j = 0; j < d->limits.len; j++) {
            StackLimit *lim = d->limits.data[j];
            bool in = false;
            for (int m = 0; m < lim->names.len; m++)
                in |= ((Name *)lim->names.data[m])->decl == st;
            if (!in)
                continue;
            char *names = "";
            for (int m = 0; m < lim->names.len; m++)
                names = xformat("%s%s%s", names, m ? ", " : "", ((Name *)lim->names.data[m])->name);
            p("    if (++seen%d > %lld) {\n", j, (long long)lim->max);
            p("        l->proto = %s;\n", PC);
            p("        st = zc_fail(ZC_ERR_LIMIT, offset, \"%s\\0more than %lld of %s in one packet\");\n",
              d->name, (long long)lim->max, names);
            p("        goto zc_over;\n    }\n");
        }
        p("    {\n        %s v;\n", view_t(st));
        p("        st = %s_parse(&v, bytes.ptr, bytes.len%s);\n", sname(st), walk_args(st));
        p("        if (st.code != ZC_OK) {\n            l->proto = %s;\n            goto zc_bad;\n        }\n", PC);
        if (source_for(d, st) || start_for(d, st))
            p("        next = %s;\n", route_payload(d, st, "v", "bytes"));
        else
            p("        next = zc_bytes_make(NULL, 0);\n");
        p("        l->proto = %s;\n        l->offset = offset;\n        l->bytes = bytes;\n", PC);
        p("        l->payload = next;\n        l->v.%s = v;\n", st->name);
        p(each ? "        fn(ctx, l, zc_ok());\n        k++;\n" : "        l++;\n");
        if (stack_has_guess(d))
            p("        guess = 0;\n");
        for (int j = 0; j < d->rules.len; j++) {
            StackRule *r = d->rules.data[j];
            for (int k = 0; k < r->sources.len; k++) {
                StackSource *src = r->sources.data[k];
                if (src->st.decl == st && src->fragment) {
                    p("        /* %s */\n", source_text(src));
                    p("        if (%s)\n            frag = 1;\n", truth_c(src->fragment, "v"));
                }
            }
        }
        if (!source_for(d, st)) {
            p("    }\n    goto zc_done;\n\n");
            continue;
        }
        if (payload_is_sized(d, st))
            p("        if (next.len == 0)   /* the header says: nothing follows */\n            goto zc_done;\n");
        p("        bytes = next;\n");
        p("        offset = (size_t)(bytes.ptr - base);\n");
        route_pad = "    ";
        bool jumped = emit_routes_from(d, st, "v", "bytes.", true);
        route_pad = "";
        p("    }\n");
        if (!jumped)
            p("    goto zc_done;\n");
        p("\n");
    }
    p("zc_done:\n");
    if (!each)
        p("    *n = (size_t)(l - out);\n");
    p("    return zc_ok();\n");
    p("zc_full:\n");
    if (!each)
        p("    *n = (size_t)(l - out);\n");
    p("    return zc_fail(ZC_ERR_LIMIT, offset, \"%s\\0more layers than the caller's array holds\");\n", d->name);
    p("zc_bad:   /* the layer that failed, with an empty view */\n");
    p("    st = zc_fail_nested(st, offset);\n");
    if (stack_has_fragment(d))
        p("    if (frag && st.code == ZC_ERR_TRUNCATED)   /* cut by the fragment's end */\n"
          "        st.code = ZC_FRAGMENT;\n");
    if (stack_has_guess(d))
        p("%sif (guess)   /* not the protocol its port suggests */\n        st.code = ZC_UNDECODED;\n",
          stack_has_fragment(d) ? "    else " : "    ");
    if (d->limits.len)
        p("zc_over:\n");
    p("    l->offset = offset;\n    l->bytes = bytes;\n");
    p("    l->payload = zc_bytes_make(NULL, 0);\n");
    p("    memset(&l->v, 0, sizeof l->v);\n");
    if (each)
        p("    if (st.code != ZC_OK)   /* always: says so to fn once inlined */\n        fn(ctx, l, st);\n");
    else
        p("    *n = (size_t)(l - out);\n");
    p("    return st;\n}\n\n");
}

void emit_stack(Decl *d)
{
    char *S = sname(d), *UP = SNAME(d);
    zc_stack_name = S;
    char *proto = xformat("%s_proto", S), *layer = xformat("%s_layer", S);

    p("/* stack %s (%s:%d): which struct follows which, and a walker over them */\n", d->name,
      path_basename(d->loc.src->path), d->loc.first_line);
    p("typedef enum %s {\n    %s_NONE = 0,\n", proto, UP);
    for (int i = 0; i < d->protos.len; i++)
        p("    %s = %d,\n", proto_const(d, d->protos.data[i]), i + 1);
    p("} %s;\n\n", proto);

    p("/* \"ethernet\", ...: the struct's name; NULL for %s_NONE or an unknown value. */\n", UP);
    p("static inline const char *%s_name(%s p)\n{\n    switch (p) {\n", proto, proto);
    p("    case %s_NONE:\n        break;\n", UP);
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        p("    case %s:\n        return \"%s\";\n", proto_const(d, st), st->name);
    }
    p("    }\n    return NULL;\n}\n\n");

    p("/* One parsed layer of a packet. */\n");
    p("typedef struct {\n");
    p("    %s proto;\n", proto);
    p("    size_t offset;          /* where it starts, from the start of the packet */\n");
    p("    zc_bytes bytes;         /* the bytes it was parsed from: it, and all that follows */\n");
    p("    zc_bytes payload;       /* the bytes of the next layer, set by %s_route() */\n", S);
    p("    union {\n");
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        p("        %s %s;\n", view_t(st), st->name);
    }
    p("    } v;                    /* the view for `proto` */\n");
    p("} %s;\n\n", layer);

    /* `whole X(args)`: X has parameters, so no X_frame() */
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        if (!st->params.len || !stack_has_whole_to(d, st))
            continue;
        p("/* Whether buf[0, len) starts with a whole %s with these arguments (internal):\n", st->name);
        p("   `whole %s(...)` in the stack. */\n", st->name);
        p("static inline int %s_zc_whole_%s(const uint8_t *buf, size_t len%s)\n{\n", S, st->name, param_decls(st));
        p("    %s v;\n    return %s_parse(&v, buf, len", view_t(st), sname(st));
        for (int j = 0; j < st->params.len; j++)
            p(", %s", param_member(st->params.data[j]));
        p(").code == ZC_OK;\n}\n\n");
    }

    /* parse one layer */
    p("/* Parses l->bytes as l->proto into l->v (internal). */\n");
    p("static inline zc_status %s_zc_parse_layer(%s *l)\n{\n    switch (l->proto) {\n", S, layer);
    p("    case %s_NONE:\n        break;\n", UP);
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        Name *first_rt = first_route_to(d, st);
        p("    case %s:\n        return %s_parse(&l->v.%s, l->bytes.ptr, l->bytes.len%s);\n", proto_const(d, st),
          sname(st), st->name, first_rt ? const_args(first_rt) : "");
    }
    p("    }\n    return zc_fail(ZC_ERR_MALFORMED, 0, \"%s\\0not a protocol of this stack\");\n}\n\n", d->name);

    /* what follows each struct that some rule starts from */
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        StackSource *first = source_for(d, st);
        if (!first)
            continue;   /* a `start` struct: its payload is set by S_route() */
        char *v = xformat("l->v.%s", st->name);
        p("/* The layer after %s (internal). */\n", st->name);
        p("static inline %s %s_zc_route_%s(const %s *l, zc_bytes *payload)\n{\n", proto, S, st->name, layer);
        p("    *payload = %s;\n", route_payload(d, st, v, "l->bytes"));
        if (!emit_routes_from(d, st, v, "payload->", false))
            p("    return %s_NONE;\n", UP);
        p("}\n\n");
    }

    p("/*\n * Which struct follows layer l (%s_NONE: none that the stack knows),\n", UP);
    p(" * with its bytes in *payload: the layer's payload field, or the bytes\n");
    p(" * after it; empty when no rule starts from l's struct (except a `start`\n");
    p(" * struct's: its payload, which the stack does not decode).\n */\n");
    p("static inline %s %s_route(const %s *l, zc_bytes *payload)\n{\n", proto, S, layer);
    p("    *payload = zc_bytes_make(NULL, 0);\n");
    p("    switch (l->proto) {\n");
    p("    case %s_NONE:\n        break;\n", UP);
    for (int i = 0; i < d->protos.len; i++) {
        Decl *st = d->protos.data[i];
        p("    case %s:\n", proto_const(d, st));
        if (source_for(d, st))
            p("        return %s_zc_route_%s(l, payload);\n", S, st->name);
        else if (start_for(d, st))   /* a walk start whose payload no rule decodes */
            p("        *payload = %s;\n        break;\n", route_payload(d, st, xformat("l->v.%s", st->name), "l->bytes"));
        else
            p("        break;\n");
    }
    p("    }\n    return %s_NONE;\n}\n\n", UP);

    /* the walker */
    p("/*\n * Parses buf as `first`, then each layer that the stack's rules say\n");
    p(" * follows, into out[0 .. *n). Returns ZC_OK when a layer has no known\n");
    p(" * successor or says its payload is empty. When a layer fails to parse or is over\n");
    p(" * a limit, returns its status (offset from buf) and, if *n < max,\n");
    p(" * describes it in out[*n] (proto, offset, bytes; an empty view).\n");
    p(" * ZC_ERR_LIMIT: more than max layers.\n");
    if (stack_has_fragment(d))
        p(" * ZC_FRAGMENT: a layer inside a fragment's payload runs past its end\n"
          " * (truncated, but the datagram was cut by fragmentation).\n");
    if (stack_has_guess(d))
        p(" * ZC_UNDECODED: a layer chosen by a guess (`guess` in the stack: a\n"
          " * well-known port) does not parse; the payload is something else.\n");
    for (int i = 0; i < d->limits.len; i++) {
        StackLimit *l = d->limits.data[i];
        p(" * ZC_ERR_LIMIT: more than %lld layers of", (long long)l->max);
        for (int j = 0; j < l->names.len; j++)
            p("%s%s %s", j ? "," : "", j && j % 3 == 0 ? "\n *  " : "", ((Name *)l->names.data[j])->name);
        p(" (%s:%d).\n", path_basename(l->loc.src->path), l->loc.first_line);
    }
    p(" *\n * One label per struct: a layer's parse is inlined once, into a local\n");
    p(" * view, and its routes jump straight to the next struct's label (no\n");
    p(" * dispatch on a tag). The record is written once the layer is parsed and\n");
    p(" * its payload found, so that no store to `out` comes between the parse's\n");
    p(" * loads and the payload's (the compiler must assume it may alias buf).\n");
    p(" */\n");
    p("static inline zc_status %s_walk(const void *buf, size_t len, %s first, %s *out, size_t max, size_t *n)\n{\n",
      S, proto, layer);
    emit_walk_body(d, false);

    p("/* What %s_walk_each() hands each layer to: st is ZC_OK for a layer that\n", S);
    p("   parsed, else the walk's failing status, with l described as %s_walk()\n", S);
    p("   describes out[*n] (an empty view). l is valid during the call only. */\n");
    p("typedef void (*%s_layer_fn)(void *ctx, const %s *l, zc_status st);\n\n", S, layer);
    p("/*\n * %s_walk() without the array: calls fn(ctx, l, ...) for each layer as\n", S);
    p(" * it is parsed, and for the layer that fails. Same order, same records,\n");
    p(" * same status; at most max layers. When fn is a static function the\n");
    p(" * compiler can inline, each call sees a constant l->proto, so that a\n");
    p(" * switch on it in fn folds to the case for that struct: no dispatch left.\n */\n");
    p("static inline zc_status %s_walk_each(const void *buf, size_t len, %s first, size_t max, %s_layer_fn fn, void *ctx)\n{\n",
      S, proto, S);
    emit_walk_body(d, true);
}
