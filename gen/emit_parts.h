/*
 * emit_parts.h - the parts of the generated header, one file each, all
 * written with emit.h; emit_header.c sequences them. A part uses no other
 * part.
 */
#ifndef ZCC_EMIT_PARTS_H
#define ZCC_EMIT_PARTS_H

#include "emit.h"

/* emit_view.c: enums, constants, views, parsers, frames, iterator steps */
void emit_enum(Decl *d);
void emit_const(Decl *d);
void emit_struct_head(Decl *d);      /* sizes, offsets, the view type */
void emit_diagnose(Decl *d);         /* v1 struct: the cold reference walker */
void emit_parse(Decl *d);            /* v1 struct: NAME_parse() */
void emit_complex_parse(Decl *d);    /* complex struct: NAME_parse() */
void emit_frame(Decl *d);            /* NAME_frame() */
void emit_next(Decl *d);             /* NAME_next() */
void emit_iter_bytes(Decl *d);       /* NAME_iter_bytes() (issue #24) */
void emit_next_tolerant(Decl *d);    /* NAME_next_tolerant() */
bool has_framed_switch(Decl *d);     /* a switch with a length: framing known */
bool parses_policy(Decl *d);         /* @policy: NAME_parse_ex() */

/* emit_access.c: accessors */
void emit_accessor(Field *f);
void emit_complex_accessor(Field *f);
void emit_bitgroup(BitGroup *g);
void emit_segment_start(Decl *d, Field *var);
void emit_complex_segment_start(Decl *d, Field *var);
void emit_declared(Field *f);        /* S_head_F_declared() (issue #18 item 13) */
void emit_view_bytes(Decl *d);       /* S_bytes(), S_bytes_after_F() (issue #24) */
void emit_switch_bytes(Field *sw);   /* a switch's S_F(): its bytes (issue #24) */

/* emit_visit.c: NAME_visit() and NAME_parse_deep() */
void emit_visit(Decl *d);
void emit_complex_visit(Decl *d);
void emit_deep(Decl *d);

/* emit_write.c: mutable views and setters */
void emit_mutable(Decl *d);
void emit_mutable_bytes(Decl *d);    /* S_bytes_mut() ... (issue #24) */

/* emit_build.c: builders and checksums */
void emit_checksums(Decl *d, bool fill);   /* S_F_ok() or, with fill, S_fill_F() */
void emit_builder(Decl *d);

/* emit_walk.c: stacks */
void emit_stack(Decl *d);

/* emit_acsl.c: ACSL contracts (--acsl), each written just before the
   function it specifies; nothing when acsl_on is false */
extern bool acsl_on;
void acsl_struct(Decl *d);           /* logic values, S_zc_readable, S_zc_valid */
void acsl_accessor(Field *f);
void acsl_segment_start(Decl *d, Field *var);
void acsl_diagnose(Decl *d);
void acsl_parse(Decl *d);            /* S_parse(), or S_zc_parse_ex() with @policy */
void acsl_parse_fn(Decl *d, int which);   /* 0 S_parse(), 1 S_parse_ex(), 2 S_zc_parse_ex() */
const char *acsl_buf_type(void);     /* the bytes type of the parse functions */
void acsl_view_bytes(Decl *d);
void acsl_switch_bytes(Field *sw);
void acsl_next(Decl *d);
bool acsl_zero_view(Decl *d);       /* the complex parse's scratch view, member by member */
void acsl_has(Field *f);             /* S_has_F() of an optional field */
bool acsl_zero_value(Field *f);      /* an absent field's value, member by member */
char *logic_field(Field *f, const char *V);   /* ACSL over view V; NULL: not modelled */
char *logic_expr(Expr *e, const char *V);
char *logic_len(Field *f, const char *V);
bool acsl_supported(Decl *d);                 /* d gets contracts */
char *logic_seg(Decl *d, int seg, const char *V);   /* where segment seg starts, in ACSL */

/* emit_acsl_write.c: contracts of the write side (--acsl) */
void acsl_mview(Decl *d);            /* S_zc_writable */
void acsl_parse_mut(Decl *d);
void acsl_bytes_mut(Decl *d);
void acsl_setter(Field *f);          /* S_set_F(), S_F_mut() */
void acsl_set_bytes(Field *f);       /* S_set_F() of a byte array */
void acsl_checksum(Field *f, bool fill);   /* S_F_ok(), S_fill_F() (Internet, CRC-32C, CRC-32) */

/* emit_acsl_array.c: contracts of the array element helpers (--acsl) */
void acsl_array_count(Field *f);     /* S_F_count() of fixed-size structs */
void acsl_array_at(Field *f);        /* S_F_at() of fixed-size structs */
void acsl_wire_count(Field *f);      /* S_F_count() of wire integers */
void acsl_wire_at(Field *f);         /* S_F_at() of wire integers */
bool acsl_wire_zero(Field *f);       /* its out-of-range value, member by member */
char *acsl_view_store(Decl *d);      /* a complex parse's final *v = t, member by member */

/* emit_acsl_frame.c: contracts of the framing functions (--acsl) */
void acsl_frame(Decl *d);            /* S_frame() */
void acsl_frame_loop(Decl *d, bool need_n);   /* its do { } while (0) */

#endif /* ZCC_EMIT_PARTS_H */
