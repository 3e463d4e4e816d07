/*
 * zcc.h - the zerocast compiler's data model and the functions each stage
 * exports. The pipeline, one file per stage:
 *
 *   lexer.l    text -> tokens (with line, column and byte offset)
 *   parser.y   tokens -> syntax tree (Module, Decl, Field, Expr)
 *   load.c     import resolution: files -> modules in dependency order
 *   check.c    names, types, constraint and length expressions, ranges
 *   layout.c   byte offsets, bit-field groups, segments, sizes
 *   names.c    the generated header's identifiers (with the --prefix)
 *   emit_common.c  what every part of the header shares: output, C types,
 *              offsets, field values, expression text
 *   emit_view.c    enums, constants, views, NAME_parse(), NAME_frame(), NAME_next()
 *   emit_access.c  accessors (NAME_F(), NAME_has_F())
 *   emit_write.c   mutable views and setters
 *   emit_build.c   builders and checksums
 *   emit_visit.c   NAME_visit() and NAME_parse_deep()
 *   emit_walk.c    stacks: NAME_walk(), NAME_walk_each()
 *   emit_header.c  checked and laid-out model -> C header: sequences the parts
 *   emit_fuzz.c  the same model -> a libFuzzer target (--emit=fuzz)
 *   emit_layout.c  the same model -> a layout report (--emit=layout)
 *   emit_lua.c     the same model -> a Wireshark Lua dissector (--emit=wireshark)
 *   main.c     command line, atomic output
 *
 * Shared services: diag.c (every diagnostic goes through it), util.c
 * (arena allocation, vectors, strings).
 */
#ifndef ZCC_H
#define ZCC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ZCC_VERSION "0.1.0"

/* Hard limits that keep hostile schemas bounded (docs/schema-language.md). */
#define ZCC_MAX_SOURCE_BYTES ((size_t)16 * 1024 * 1024)
#define ZCC_MAX_IDENT_LEN 255
#define ZCC_MAX_STRING_LEN 4096   /* import paths */
#define ZCC_MAX_IMPORT_DEPTH 64
#define ZCC_MAX_EXPR_DEPTH 256
#define ZCC_MAX_ERRORS 50
#define ZCC_MAX_WARNINGS 50
#define ZCC_MAX_VAR_ARRAYS 255    /* variable-length arrays in one struct */
#define ZCC_MAX_DECL_DEPTH 1024   /* chain of uses before definition */
#define ZCC_MAX_STRUCT_SIZE 0x7fffffffu   /* fixed bytes in one struct */
#define ZCC_MAX_BUILD_FIELDS 4096  /* structs with more fields get no builder */
#define ZCC_MAX_REGION (INT64_MAX / 4)   /* the range of `remaining`: no address
                                            space holds a larger buffer (2^61) */

typedef struct Source Source;
typedef struct Loc Loc;
typedef struct Vec Vec;
typedef struct Module Module;
typedef struct Import Import;
typedef struct Decl Decl;
typedef struct Field Field;
typedef struct EnumMember EnumMember;
typedef struct Expr Expr;
typedef struct Type Type;
typedef struct Program Program;
typedef struct BitGroup BitGroup;
typedef struct Case Case;
typedef struct Name Name;
typedef struct StackSource StackSource;
typedef struct StackRule StackRule;
typedef struct StackRoute StackRoute;
typedef struct StackLimit StackLimit;
typedef struct StackStart StackStart;
typedef struct Attr Attr;
typedef struct AttrArg AttrArg;
typedef struct Checksum Checksum;

/* ---- util.c ------------------------------------------------------------- */

struct Vec {
    void **data;
    int len;
    int cap;
};

void *xalloc(size_t size);              /* zeroed, arena-owned, never NULL */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xformat(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void vec_push(Vec *v, void *item);

typedef struct {
    const char **keys;
    void **vals;
    size_t len, cap;
} Map;
void *map_get(Map *m, const char *key);
void map_put(Map *m, const char *key, void *val);
void arena_free_all(void);
char *str_upper(const char *s);         /* "ip_proto" -> "IP_PROTO" */
const char *path_basename(const char *path);
int edit_distance(const char *a, const char *b);

/* ---- diag.c ------------------------------------------------------------- */

/* A loaded schema file; kept in memory so diagnostics can quote lines. */
struct Source {
    char *path;          /* path as opened */
    char *text;          /* contents, NUL-terminated */
    size_t len;
};

/* A source span; also bison's YYLTYPE. Columns are 1-based, in bytes. */
struct Loc {
    int first_line, first_column;
    int last_line, last_column;
    int first_offset, last_offset;   /* byte offsets: [first, last) */
    Source *src;
};

void diag_error(Loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Every warning has a name: shown as [-Wname], silenced per run with
   -Wno-name (or -w), made an error with -Werror=name (or -Werror), and
   per struct, enum or field with @allow(name) (docs/schema-language.md). */
typedef enum {
    W_ALWAYS_TRUE,            /* a condition or constraint that always holds */
    W_DUPLICATE_ENUM_VALUE,   /* two enum members with one value */
    W_REDUNDANT_ATTRIBUTE,    /* @lsb_first on a bits group of an @lsb_first struct */
    W_UNUSED_LENGTH,          /* a field named like a length that nothing uses */
    W_COUNT
} Warning;

const char *warning_name(Warning w);
int warning_lookup(const char *name);   /* a Warning, or -1; '_' matches '-' */
const char *warning_suggest(const char *name);   /* the closest name, or NULL */
bool warning_enabled(Warning w);
int diag_option(const char *arg);       /* -W... / -w: 1 taken, 0 not a -W option, -1 bad */
void diag_warning(Warning w, Loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_note(Loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_plain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int diag_error_count(void);
void diag_reset(void);
bool diag_too_many(void);
char *loc_text(Loc loc);                /* the source text a span covers */
Loc loc_merge(Loc a, Loc b);

/* ---- syntax tree (built by parser.y) ------------------------------------ */

typedef enum {
    EX_NUM,      /* integer literal                      */
    EX_NAME,     /* field or constant                    */
    EX_MEMBER,   /* enum member: ip_proto.TCP            */
    EX_UNARY,
    EX_BINARY,
    EX_BYTES,    /* byte string: "MQTT", "a\x00", x"ff ff" (item 10) */
    EX_REMAINING /* `remaining`: bytes from its field's start to the end
                    of the field's region; `field` is that field */
} ExprKind;

typedef enum {
    OP_NEG, OP_NOT,
    OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB,
    OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
    OP_AND, OP_OR,
    OP_BITAND, OP_BITOR, OP_BITXOR, OP_SHL, OP_SHR, OP_COMPL   /* & | ^ << >> ~ */
} Op;

struct Expr {
    ExprKind kind;
    Op op;
    Loc loc;
    uint64_t num;        /* EX_NUM */
    char *name;          /* EX_NAME; EX_MEMBER: the enum */
    char *member;        /* EX_MEMBER: the member */
    Loc member_loc;
    Expr *lhs, *rhs;     /* EX_UNARY uses lhs */
    uint8_t *bytes;      /* EX_BYTES: the bytes, nbytes of them */
    size_t nbytes;
    /* filled in by check.c */
    Field *field;        /* EX_NAME naming a field */
    Decl *cnst;          /* EX_NAME naming a constant */
    EnumMember *em;      /* EX_MEMBER */
    bool is_const;       /* value known at compile time */
    int64_t value;       /* when is_const */
    int64_t lo, hi;      /* every value it can take at run time */
};

typedef enum { T_UINT, T_WIRE, T_ENUM, T_STRUCT, T_EXTERN, T_VARINT } TypeKind;
typedef enum { ORD_NONE, ORD_BE, ORD_LE } ByteOrder;

struct Type {
    TypeKind kind;
    int bits;            /* T_UINT: 1..64; T_WIRE: 16/32/64; T_ENUM: base's */
    ByteOrder order;     /* T_WIRE, and T_ENUM over a wire base */
    Decl *decl;          /* T_ENUM, T_STRUCT, T_EXTERN */
    Type *base;          /* T_ENUM: the base type */
    /* T_VARINT (`quic_varint`, `leb128(N)`): `bits` is the value's width
       (62; 7N, at most 64), vbytes the most bytes it takes (8; N) */
    int vbytes;
    bool leb;            /* base 128 (else QUIC's 2-bit length prefix) */
    bool is_signed;      /* T_UINT iN (i8, bit fields i2..), T_WIRE ibeN/ileN:
                            two's complement, range -2^(n-1) .. 2^(n-1)-1 */
};

/* Arrays: `T x[e]` (u8: e bytes; struct: e elements), `T x[bytes: e]`
   (elements filling exactly e bytes), `T x[]` (to the end), `T x[until e]`
   (u8: bytes up to and including the terminator byte e; struct: elements up
   to and including the first for which e holds; e is in Field.until),
   `u8 x[align: N]` (padding). */
typedef enum { ARR_NONE, ARR_EXPR, ARR_REST, ARR_BYTES, ARR_ALIGN, ARR_UNTIL } ArrayKind;

/* How the size of a field that ends a segment is known (layout.c). */
typedef enum {
    SZ_FIXED,   /* a constant: the field does not end a segment */
    SZ_EXPR,    /* an expression over earlier fields */
    SZ_REST,    /* to the end of its container */
    SZ_WALK     /* found by walking it in *_parse, kept in the view */
} Sizing;

/* One `case v1, v2: field` (or `default: field`) of a switch; `field`
   is NULL for an empty case (`case v: ;`). */
struct Case {
    Vec values;              /* Expr*: constants compared with the tag */
    bool is_default;
    Loc loc;
    Field *field;
    Expr *match;             /* check.c: the tag matches (default: none does) */
};

struct Field {
    /* (members ordered by size, largest first: no padding between them) */
    char *name;
    Loc loc;                 /* the name */
    char *type_name;
    Loc type_loc;
    Expr *len;               /* ARR_EXPR */
    Loc array_loc;
    Expr *constraint;        /* optional */
    Expr *cond;              /* `if (cond)`: present only when it holds;
                                case fields: switch condition && case match */
    Expr *tag;               /* a switch's: `switch (tag) name[region] { cases }` */
    Vec cases;               /* Case* */
    Field *sw;               /* a case's field: its switch */
    Decl *owner;
    /* check.c */
    Type *type;              /* element type for arrays */
    /* layout.c */
    size_t off;              /* byte offset within its segment */
    size_t size;             /* bytes occupied (group size for bit fields;
                                0 for variable arrays) */
    Field *group;            /* bit fields: first field of the group */
    BitGroup *named;         /* member of a named `bits NAME { ... }` group */
    size_t fixed_count;      /* when fixed_len */
    Vec attrs;               /* Attr*, as written */
    Expr *type_arg;          /* `leb128(N) f`: N; else NULL */
    Checksum *csum;          /* check.c: from `@checksum(...)` */
    /* emit_build.c: what a builder computes instead of the caller */
    Field *derives;          /* a length: the field its size determines */
    Field *derived_by;       /* the length field whose size gives this one */
    int64_t derive_coef;     /*   size = coef * derives + (rest of the expression) */
    int64_t const_value;
    /* issue 18: byte-array constants and padding */
    Expr *bconst;            /* check.c: `{ F == "..." }` on a u8 array: the EX_BYTES */
    /* `[until e]` (ARR_UNTIL): e; for u8 a byte constant (the terminator,
       kept in until_byte by check.c), for structs a condition over the
       element's fields */
    Expr *until;
    Expr *until_max;         /* `[until K, max N]` (u8 only): at most N bytes
                                before the terminator; check.c: max_len */
    int64_t max_len;
    size_t elem_size;        /* check.c: arrays of wire integers (`be16 x[n]`):
                                bytes per element (2, 4, 8); 0 otherwise.
                                fixed_count and sizes stay in bytes */
    /* parameters (issue #18 item 3) */
    Vec args;                /* Expr*: `S(a, b) name`: the arguments given
                                to a parameterized struct (elements: each) */
    Loc args_loc;
    /* header-only views (issue #18 item 13) */
    Expr *declared;          /* the last field of a `@head` struct (S_head):
                                the length S declares for it, which may
                                exceed the bytes present (u8 F[] here) */
    ArrayKind array;
    int index;               /* in owner->fields; case fields: the switch's */
    int seg;                 /* layout.c: segment: 0, or 1 + index of the
                                variable array that precedes it */
    int bit_off;             /* bit fields: first bit within group, MSB=0 */
    Sizing sizing;
    int walk;                /* SZ_WALK: index into the view's zc_end[] */
    int align;               /* `u8 F[align: N]`: N (ARR_ALIGN) */
    uint8_t until_byte;
    bool used;               /* check.c: referenced by a later expression */
    bool is_bits;            /* part of a bit-field group (host value) */
    bool group_first;
    bool fixed_len;          /* arrays: length known at compile time */
    bool var;                /* ends its segment (size not a constant) */
    bool is_switch;          /* a switch; its cases are in `cases` */
    bool is_const;           /* emit_build.c: a `F == K` constraint fixes
                                the value to const_value */
    bool align_except_last;  /* `[align_except_last: N]`: none at the end of the region */
    /* a switch written `T x @size(e)`: one default case, `x`, parsed in
       exactly e bytes (parser.y makes it; docs/decisions.md) */
    bool sized;
    bool lsb_first;          /* layout.c: a bit field of an LSB-first group */
    bool trailer;            /* in the struct's `trailer { ... }`: placed at
                                the end of the struct's region (layout.c:
                                seg -1, off: bytes after it to the end when
                                every trailer field is there) */
    bool is_param;           /* a parameter of its struct (in Decl.params),
                                not a field: no bytes, index -1 */
    bool policy;             /* check.c: `{ c } @policy`: a constraint the
                                caller may relax (NAME_parse_ex()) */
};

/* `@NAME(arg, arg, ...)` after a field: `arg` is a word, optionally
   followed by an expression (`before payload`, `pseudo ip_proto.UDP`). */
struct AttrArg {
    char *word;
    Loc loc;
    Expr *value;             /* or NULL */
};

struct Attr {
    char *name;
    Loc loc;
    Vec args;                /* AttrArg* */
};

/* What check.c makes of `@checksum(...)`. */
struct Checksum {
    Loc loc;
    Field *before;           /* `before F`: covers [0, start of F); NULL: the whole struct */
    bool pseudo;             /* `pseudo P`: add the IP pseudo-header with protocol P */
    int64_t proto;
    bool zero_is_none;       /* `zero_is_none`: 0 means "not computed" (UDP over IPv4) */
    /* issue 18, item 11: more algorithms */
    int alg;                 /* CSUM_INTERNET (0), CSUM_CRC32C, CSUM_CRC32, CSUM_EXTERN */
    Decl *fn;                /* CSUM_EXTERN: `extern NAME "header.h";` names the C function */
    bool has_xor;            /* `xor K`: the CRC is xor-ed with K (STUN's FINGERPRINT) */
    uint32_t xor_value;
    bool outer;              /* `outer`: covers bytes the caller gives (_ok/_fill take them) */
};
enum { CSUM_INTERNET, CSUM_CRC32C, CSUM_CRC32, CSUM_EXTERN };

/* `bits NAME { fields }`: bit fields that can also be read as one integer. */
struct BitGroup {
    char *name;
    Loc loc;
    Decl *owner;
    int first, count;        /* the member fields: owner->fields[first ..] */
    char *attr;              /* `bits NAME @lsb_first { ... }`: "lsb_first", or NULL */
    Loc attr_loc;
    bool lsb_first;          /* check.c: the group's bits are numbered LSB-first */
};

struct EnumMember {
    char *name;
    Loc loc;
    Expr *value_expr;
    uint64_t value;
    Decl *owner;
};

/* A name as written, and what check.c resolved it to. */
struct Name {
    char *name;
    Loc loc;
    Decl *decl;              /* a struct */
    Field *field;            /* a field of the source struct */
    Vec args;                /* Expr*: a route's `X(a, b)`: constants for the
                                parameters of a target struct */
    Loc args_loc;            /* the parenthesized arguments */
    bool has_args;           /* `X(...)` was written (args.len may be 0) */
};

/* One source of a stack rule: `S.F by T if (C)`. The next layer is F's
   bytes (or, without .F, the bytes after S), chosen by the value of T. */
struct StackSource {
    Name st;
    Name *payload;           /* `.F`, or NULL */
    Name *tag;               /* `by T`, or NULL (rules `S: X;`) */
    Name *peek;              /* `by peek(TYPE)`: the tag is the payload's
                                first bits (TYPE's name in peek->name) */
    int peek_bits;           /* check.c: 1..8 (uN: the first byte's top N
                                bits), 16 or 32 (beN/leN: whole bytes) */
    bool peek_le;            /* check.c: le16, le32 */
    Expr *cond;              /* `if (C)`, or NULL */
    Expr *fragment;          /* `fragment if (C)`, or NULL */
    Loc loc;
    bool payload_ok;         /* check.c: the payload part resolved */
};

/* `v, w: X;` inside a rule: the tag values that select struct X. */
struct StackRoute {
    Vec values;              /* Expr*: constants */
    Name target;
    bool whole;              /* `v: whole X;`: only if a whole X is there */
    bool guess;              /* `v: guess X;`: X not parsing is no error */
    Loc loc;
};

/* `sources { v, w: X; ... }` or `sources: X;` */
struct StackRule {
    Vec sources;             /* StackSource* */
    Vec routes;              /* StackRoute* */
    Name *always;            /* `sources: X;` */
    bool always_guess;       /* `sources: guess X;`: X not parsing is no error */
    bool always_whole;       /* `sources: whole X;`: only if a whole X is there */
    Loc loc;
};

/* `start S;` or `start S.F;`: a struct that a walk may start at without
   any rule reaching it; .F (or the bytes after S) is its payload, which
   the stack does not decode. */
struct StackStart {
    Name st;
    Name *payload;           /* `.F`, or NULL */
    Loc loc;
};

/* `limit N: a, b, c;` at most N layers of these structs in one walk. */
struct StackLimit {
    int64_t max;
    Vec names;               /* Name* */
    Loc loc;
};

typedef enum { D_STRUCT, D_ENUM, D_CONST, D_EXTERN, D_STACK } DeclKind;

struct Decl {
    DeclKind kind;
    char *name;
    Loc loc;
    Module *mod;
    /* D_STRUCT */
    Vec fields;              /* Field* */
    Map field_map;           /* check.c: name -> first Field* so named */
    Vec bitgroups;           /* BitGroup*, in field order */
    Loc end_loc;             /* the closing brace */
    /* D_ENUM: base_name names the base type; D_CONST: optional type */
    char *base_name;
    Loc base_loc;
    Type *base;
    Vec members;             /* EnumMember* */
    /* D_CONST */
    Expr *expr;
    int64_t value;
    /* D_EXTERN: the C header that implements it */
    char *header;
    /* D_STACK */
    Vec rules;               /* StackRule* */
    Vec limits;              /* StackLimit* */
    Vec starts;              /* StackStart*: `start S;` */
    Vec protos;              /* check.c: Decl*, every struct of the stack,
                                in order of first mention */
    /* check.c / layout.c */
    int state;               /* 0 new, 1 in progress, 2 done */
    bool ok;                 /* checked without errors */
    int nseg;                /* number of segments */
    size_t min_size;         /* bytes the struct needs at least */
    bool fixed_size;         /* no variable arrays */
    bool has_checks;         /* it, or a nested struct, has constraints */
    bool has_policy;         /* layout.c: it, or a struct its parse parses,
                                has an @policy constraint (NAME_parse_ex()) */
    bool has_rest;           /* ends in a rest-of-buffer array */
    bool complex;            /* has fields beyond v1 (optional fields,
                                switches, struct arrays, externs, variable
                                nested structs): one sequential *_parse */
    int nwalk;               /* SZ_WALK fields: entries of zc_end[] */
    int builder;             /* emit_build.c: 0 not decided yet, 1 has a
                                builder, -1 has none */
    bool is_element;         /* some array has it as element type */
    int deep;                /* emit_visit.c: 0 not decided yet, 1 NAME_parse_deep()
                                has checks beyond NAME_parse(), -1 none */
    Vec all_fields;          /* fields and case fields, in source order */
    char *attr;              /* `struct NAME @lsb_first { ... }`: "lsb_first", or NULL */
    Loc attr_loc;
    Vec allows;              /* Attr*: `struct NAME @allow(W) {`, `enum E : T @allow(W) {` */
    bool lsb_first;          /* check.c: every bit-field group is LSB-first */
    Expr *remaining;         /* check.c: a `remaining` read by its fields, or
                                NULL; such a struct takes its whole region */
    Field *trailer;          /* the first field of its `trailer { ... }`, or
                                NULL; such a struct takes its whole region */
    Vec params;              /* Field* (is_param): `struct S(u8 a, u16 b)` */
    Decl *head;              /* check.c: S_head, S up to its last region,
                                made for the first `S f @head` */
    Decl *head_of;           /* S_head: S */
};

struct Import {
    char *path;              /* as written */
    Loc loc;
    Module *mod;
};

struct Module {
    Source *src;
    char *dir;               /* directory of the file, for relative imports */
    Vec imports;             /* Import* */
    Vec decls;               /* Decl* */
    int state;               /* load.c: 0 new, 1 loading, 2 loaded */
};

struct Program {
    Module *root;
    Vec modules;             /* dependencies first, root last */
    Vec decls;               /* every declaration, in emission order */
};

/* lexer.l / parser.y */
Module *parse_source(Source *src);

/* ast.c */
Expr *new_num(uint64_t v, Loc loc);
Expr *new_name(char *name, Loc loc);
Expr *new_member(char *enum_name, char *member, Loc loc, Loc member_loc);
Expr *new_unary(Op op, Expr *x, Loc loc);
Expr *new_binary(Op op, Expr *l, Expr *r, Loc loc);
Expr *new_bytes(uint8_t *bytes, size_t n, Loc loc);
Decl *new_decl(DeclKind kind, char *name, Loc loc);
Field *new_field(char *type_name, Loc type_loc, char *name, Loc loc);
EnumMember *new_member_decl(char *name, Loc loc, Expr *value);
const char *op_text(Op op);
bool op_is_bitwise(Op op);                /* & | ^ << >> ~: a number, like + */
/* type queries, for check.c, layout.c and the emitters */
bool type_is_integer(const Type *t);
const Type *int_type(const Type *t);      /* an enum's base, or t */
const Type *value_type(const Field *f);   /* the integer type holding f's value */
uint64_t type_max(const Type *t);       /* signed types: 2^(n-1)-1 */
int64_t type_min(const Type *t);        /* 0, or -2^(n-1) for signed types */
bool type_signed(const Type *t);        /* an enum's base, or t, is signed */
const char *int_c_name(int bits);       /* "int8_t" .. "int64_t" */
const char *wire_name(const Type *t);   /* T_WIRE: "be16", "ibe16", "le32", ... */
const char *type_schema_name(const Type *t);
const char *uint_c_name(int bits);        /* "uint8_t" .. "uint64_t" */
const char *type_c_name(const Type *t);   /* C type an accessor returns */

/* load.c */
typedef struct {
    const char **include_dirs;
    int n_include_dirs;
    const char *data_dir;     /* installed schemas, searched last; may be NULL */
} LoadOptions;

/* Where `make install` puts the bundled schemas (-DZCC_DATADIR=...). */
#ifndef ZCC_DATADIR
#define ZCC_DATADIR "/usr/local/share/zerocast/schemas"
#endif
Source *source_read(const char *path, Loc *from);
Program *load_program(const char *path, const LoadOptions *opts);
Program *load_program_source(Source *src, const LoadOptions *opts);

/* check.c */
void check_program(Program *prog);

/* layout.c */
void layout_struct(Decl *d);
bool struct_has_frame(const Decl *d);   /* the header has NAME_frame() */
bool struct_frames_with_args(const Decl *d);   /* the same, once its parameters are given */
bool frame_varint(const Field *f);      /* a varint NAME_frame() decodes itself */
bool takes_region(const Decl *d);       /* it reads `remaining` or has a trailer */
Field *fixed_head_last(const Decl *d);  /* S_bytes_after_F(): F, or NULL for none */
size_t fixed_head_size(const Decl *d);  /*   the bytes up to the end of F */

/* emit_header.c: the driver of the header's parts (emit_*.c, gen/emit.h) */
typedef struct {
    const char *prefix;
    const char *schema_name;  /* basename, for the header comment and guard */
    bool no_writers;          /* --no-writers: no mutable views, setters, checksum fills */
    bool no_builders;         /* --no-builders (implied by no_writers) */
    bool no_visit;            /* --no-visit: no NAME_visit() */
    const Module *module;     /* the schema whose header this is (NULL: the
                                 root); imported schemas are #included */
    bool acsl;                /* --acsl: ACSL contracts for Frama-C (emit_acsl.c) */
} EmitOptions;
void emit_header(FILE *out, Program *prog, const EmitOptions *opts);
/* emit_common.c: Internal check of every emitter: a NULL text given to a %s of the
   output functions (or a missing expression) is an internal error, and
   then no output may be written (main.c: exit status 4). */
void emit_check_args(const char *fmt, va_list ap);
bool emit_failed(void);

/* emit_fuzz.c: a libFuzzer target exercising every struct's parser */
typedef struct {
    const char *header;       /* the generated header to #include */
    const char *schema_name;
    const char *prefix;
} FuzzOptions;
void emit_fuzz(FILE *out, Program *prog, const FuzzOptions *opts);
/* emit_build.c, for emit_fuzz.c: zc_fuzz_rebuild_S(), which puts a parsed
   S into S's builder field by field */
void emit_rebuilders(FILE *o, Program *prog, const char *prefix);
/* emit_build.c: marks the fields a builder places itself (Field.is_const,
   Field.derives/derived_by), for the builders and --emit=layout */
void build_plan(Decl *d);
bool struct_has_builder(Decl *d);   /* see docs/schema-language.md, "Limits" */
/* emit_common.c: where p() writes, and the prefix of the names (names.c),
   for emit_rebuilders() */
void emit_c_output(FILE *o, const char *pfx);

/* emit_lua.c: a Wireshark dissector in Lua (--emit=wireshark) */
typedef struct {
    const char *table;        /* `--register=TABLE=VALUE:STRUCT` */
    const char *value;
    const char *struct_name;
} LuaRegister;
typedef struct {
    const char *schema_name;
    const LuaRegister *regs;
    int nregs;
} LuaOptions;
/* false (reported) when a --register names no struct of the schema */
bool emit_lua(FILE *out, Program *prog, const LuaOptions *opts);

/* emit_layout.c: the layout as the compiler understood it, for authors */
void emit_layout(FILE *out, Program *prog);

#endif /* ZCC_H */
