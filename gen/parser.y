/*
 * parser.y - tokens -> syntax tree.
 *
 * Grammar summary (docs/schema-language.md has the full reference):
 *
 *   file    := item*
 *   item    := 'import' STRING ';'
 *            | 'extern' IDENT STRING ';'          -- a type implemented in C
 *            | 'const' [type] IDENT '=' expr ';'
 *            | 'enum' IDENT ':' type '{' member (',' member)* [','] '}' [';']
 *            | 'enum' IDENT '+' '=' '{' member ... '}'  -- refused, with the
 *                                               typed constant to write instead
 *            | 'struct' IDENT ['@' IDENT] '{' field* '}' [';']   -- @lsb_first
 *            | 'struct' IDENT '(' param (',' param)* ')' '{' field* '}' [';']
 *   param   := type IDENT ['{' expr '}']            -- a value parameter
 *   member  := IDENT '=' expr
 *   field   := ['if' '(' expr ')'] body
 *            | 'bits' IDENT ['@' IDENT] '{' field* '}' [';']   -- a named bit-field group
 *            | 'trailer' '{' field* '}' [';']      -- fields at the end of the region
 *   body    := plain
 *            | 'switch' '(' expr ')' IDENT ['[' expr ']'] '{' case* '}' [';']
 *   plain   := type ['(' expr (',' expr)* ')'] IDENT ['[' ['bytes' ':'] [expr] ']']
 *              ['{' expr '}'] attr* ';'           -- (args): a parameterized struct,
 *                                                    or leb128(N)
 *            | type IDENT '[' 'until' expr [',' 'max' expr] ']' ['{' expr '}'] attr* ';'
 *   attr    := '@' IDENT ['(' arg (',' arg)* ')']   -- e.g. @checksum(internet), @head
 *            | '@' 'size' '(' expr ')'             -- a struct in exactly expr bytes
 *   arg     := IDENT [expr]
 *   case    := 'case' expr (',' expr)* ':' (plain | ';')
 *            | 'default' ':' (plain | ';')
 *   expr    := C expressions over integers, with C's operators and precedence,
 *              loosest first: || && | ^ & (== !=) (< <= > >=) (<< >>) (+ -)
 *              (* / %), unary ! - ~, parentheses, NAME, ENUM.MEMBER,
 *              integer literals, `remaining`; byte strings ("MQTT", "a\x00",
 *              x"ff ff") only in `{ F == "..." }` on a u8 array (check.c)
 *   array   := '[' 'align' ':' expr ']' | '[' 'align_except_last' ':' expr ']'
 *              -- padding to a multiple of N from the struct's start
 *
 * Errors recover at ';' and '}', so one run reports several mistakes.
 */
%code requires {
#include "zcc.h"
#include <string.h>
#define ZCC_YYLTYPE Loc
#define ZCC_YYLTYPE_IS_DECLARED 1
#define ZCC_YYLTYPE_IS_TRIVIAL 1
typedef void *yyscan_t;

/* What opened a '{': a declaration's body, a field group, or an expression
   (a constraint). Named in "expected ';' after field" and the like. */
enum { BRACE_EXPR, BRACE_STRUCT, BRACE_ENUM, BRACE_STACK, BRACE_SWITCH, BRACE_BITS, BRACE_TRAILER };
#define ZCC_MAX_BRACES 64     /* open braces remembered for "to match this '{'" */
#define ZCC_MAX_ASSIGNS 16    /* '=' in expressions awaiting their context */

typedef struct LexState {
    Source *src;
    int line, col, offset;
    Loc comment_loc;
    /* kept by zcc_yylex() for the syntax error messages (parser.y) */
    Loc prev, cur;            /* the last two tokens given to the parser */
    int prev_tok, cur_tok;
    int pending;              /* BRACE_* of a keyword still waiting for its '{' */
    int parens;               /* '(' open since the last ';' */
    int depth;                /* open braces; the first ZCC_MAX_BRACES are in braces[] */
    struct { Loc loc; int kind; } braces[ZCC_MAX_BRACES];
    Loc assigns[ZCC_MAX_ASSIGNS];   /* `a = b` in an expression, not yet reported */
    int n_assigns;
    int stray;                /* offset just after the last stray character */
    int err_depth;            /* open braces at the last syntax error reported */
    bool held;                /* a token taken back by the parser (held_error()) */
    int held_tok;
    Loc held_loc;
} LexState;

/* Spans keep the source file and byte offsets, not just lines. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                       \
    do {                                                                  \
        if (N) {                                                          \
            (Cur) = YYRHSLOC(Rhs, 1);                                     \
            (Cur).last_line = YYRHSLOC(Rhs, N).last_line;                 \
            (Cur).last_column = YYRHSLOC(Rhs, N).last_column;             \
            (Cur).last_offset = YYRHSLOC(Rhs, N).last_offset;             \
        } else {                                                          \
            (Cur) = YYRHSLOC(Rhs, 0);                                     \
            (Cur).first_line = (Cur).last_line;                           \
            (Cur).first_column = (Cur).last_column;                       \
            (Cur).first_offset = (Cur).last_offset;                       \
        }                                                                 \
    } while (0)
}

%code provides {
int zcc_yylex(ZCC_YYSTYPE *yylval, ZCC_YYLTYPE *yylloc, yyscan_t scanner);
LexState *zcc_yyget_extra(yyscan_t scanner);
}

%code {
/* After `error ';'`: bison stays silent until three more tokens were
   shifted, so a second mistake right after the ';' (`u8 y z; u8 = ;`) was
   lost. The ';' ends the broken field, case, stack item or declaration when
   it is at the brace depth of the error (and, for a declaration, outside
   every brace): then report the next error at once (yyerrok). A ';' inside
   braces the error opened, or in a body the error left, keeps the silence
   that stops cascades. DEPTH: the depth the ';' must be at, -1 for the
   error's own. */
#define RESUME_AT(DEPTH)                                                          \
    do {                                                                          \
        const LexState *rs_ = zcc_yyget_extra(scanner);                           \
        if (rs_->depth == rs_->err_depth && ((DEPTH) < 0 || rs_->depth == (DEPTH))) \
            yyerrok;                                                              \
    } while (0)

/* A broken enum member (`member: error`) is also where bison's recovery
   lands when the enum's '}' is missing (`A = 1` then `struct t {`): it
   would then drop the next declaration's first token, as no member may
   follow. The syntax error report has closed every brace there (depth 0);
   the member then gives the parser a '}' to end the enum and has the
   lexer hand out the real token (a keyword, or the end of file) again. */
#define HOLD_FOR_BRACE()                                                          \
    do {                                                                          \
        LexState *hs_ = zcc_yyget_extra(scanner);                                 \
        if (hs_->depth == 0 && !hs_->held &&                                    \
            (yychar == ZCC_YYEOF || yychar == STRUCT || yychar == ENUM || yychar == CONST || \
             yychar == IMPORT || yychar == STACK || yychar == EXTERN)) {          \
            hs_->held = true;                                                     \
            hs_->held_tok = yychar;                                               \
            hs_->held_loc = yylloc;                                               \
            yychar = '}';                                                         \
        }                                                                         \
    } while (0)

static void zcc_yyerror(Loc *loc, yyscan_t scanner, Module *mod, const char *msg)
{
    (void)scanner;
    (void)mod;
    if (strcmp(msg, "memory exhausted") == 0)   /* bison's stack (YYMAXDEPTH) is full */
        msg = "nested too deeply for the parser (more than 10000 open parentheses, operators or braces)";
    diag_error(*loc, "%s", msg);
}

/* `a = b` in an expression: reported once its context is known, e.g.
   "'=' in a condition; did you mean '=='?" (the parse goes on as '=='). */
static void assign_seen(yyscan_t scanner, Loc loc)
{
    LexState *ls = zcc_yyget_extra(scanner);
    if (ls->n_assigns < ZCC_MAX_ASSIGNS)
        ls->assigns[ls->n_assigns++] = loc;
    else
        diag_error(loc, "'=' in an expression; did you mean '=='?");
}

/* Reports the pending '=' inside span (all of them if span is NULL) as
   being in `what`. */
static void assign_report(yyscan_t scanner, const Loc *span, const char *what)
{
    LexState *ls = zcc_yyget_extra(scanner);
    int k = 0;
    for (int i = 0; i < ls->n_assigns; i++) {
        Loc a = ls->assigns[i];
        if (!span || (a.first_offset >= span->first_offset && a.last_offset <= span->last_offset))
            diag_error(a, "'=' in %s; did you mean '=='?", what);
        else
            ls->assigns[k++] = a;
    }
    ls->n_assigns = k;
}

/* `struct S @allow(W) {`, `enum E : T @allow(W) {`: kept for check.c;
   any other attribute with arguments is refused here (`@lsb_first`, the
   one without, is parsed with the struct's name). */
static void decl_attr(Decl *d, Attr *a)
{
    if (strcmp(a->name, "allow") == 0 && a->args.len > 0)
        vec_push(&d->allows, a);
    else if (d->kind == D_ENUM)
        diag_error(a->loc, "unknown attribute '@%s' of enum '%s' (zerocast knows '@allow(WARNING)' here)",
                   a->name, d->name);
    else
        diag_error(a->loc, "unknown attribute '@%s(...)' of struct '%s' (zerocast knows '@allow(WARNING)' "
                   "and '@lsb_first' here)", a->name, d->name);
}

static void add_decl(Module *mod, Decl *d)
{
    d->mod = mod;
    vec_push(&mod->decls, d);
}

/* The struct being parsed: the last declaration. */
static Decl *cur_struct(Module *mod)
{
    return mod->decls.data[mod->decls.len - 1];
}

/* `start S;` or `start S.F;` in a stack (kw: the word that must be
   "start"). */
static void add_start(Module *mod, const char *kw, Loc kwloc, char *st, Loc stloc, Name *payload, Loc loc)
{
    if (strcmp(kw, "start") != 0) {
        diag_error(kwloc, "expected 'start STRUCT;', 'limit N: struct, ...' or a rule, found '%s' before '%s'", kw,
                   st);
        return;
    }
    StackStart *s = xalloc(sizeof(StackStart));
    s->st.name = st;
    s->st.loc = stloc;
    s->payload = payload;
    s->loc = loc;
    vec_push(&cur_struct(mod)->starts, s);
}

/* `enum E += { M = v, ... }` is refused: an enum is defined once, in the
   header of the schema that declares it, with its NAME_name() and the
   stacks that route on it; a member added by an importing schema would
   exist for some translation units and not others (docs/decisions.md).
   A typed constant gives the value a name and a range check. */
static void enum_extension(Module *mod, const char *name, Loc loc, Vec *members)
{
    (void)mod;
    EnumMember *m = members->data[0];
    diag_error(loc, "enum '%s' cannot be extended: its members are fixed where it is declared; "
               "name the value with a typed constant instead: 'const %s %s = %s;'",
               name, name, m->name, loc_text(m->value_expr->loc));
}

/* `S(a, b) name ...`: the arguments of a parameterized struct; for
   `leb128(N) name`, N is the type's argument (its maximum length). */
static Field *with_args(Field *f, Vec *args, Loc loc)
{
    if (strcmp(f->type_name, "leb128") == 0) {
        if (args->len != 1)
            diag_error(loc, "leb128 takes one argument, its maximum length in bytes: 'leb128(N) %s'", f->name);
        f->type_arg = args->data[0];
        return f;
    }
    f->args = *args;
    f->args_loc = loc;
    return f;
}

static void add_field(Module *mod, Field *f, BitGroup *g)
{
    Decl *s = cur_struct(mod);
    f->owner = s;
    f->index = s->fields.len;
    f->named = g;
    vec_push(&s->fields, f);
    if (g)
        g->count++;
}

/* `T x @size(e)`: a switch with length e whose only case is `default: T x;`
   (docs/decisions.md, "A nested struct with an explicit size"). Fields
   without @size are returned as they are. In a switch case the @size
   attribute stays, and check.c refuses it there. */
static Field *sized_struct(Field *f)
{
    if (!f || f->is_switch)
        return f;
    for (int i = 0; i < f->attrs.len; i++) {
        Attr *a = f->attrs.data[i];
        if (strcmp(a->name, "@size") != 0)
            continue;
        Field *sw = new_field(NULL, f->type_loc, f->name, f->loc);
        AttrArg *arg = a->args.data[0];
        sw->is_switch = true;
        sw->sized = true;
        sw->tag = new_num(1, a->loc);
        sw->array = ARR_BYTES;
        sw->len = arg->value;
        sw->array_loc = a->loc;
        Case *c = xalloc(sizeof(Case));
        c->is_default = true;
        c->loc = a->loc;
        c->field = f;
        vec_push(&sw->cases, c);
        /* the attribute now belongs to the switch: drop it from f */
        for (int j = i; j + 1 < f->attrs.len; j++)
            f->attrs.data[j] = f->attrs.data[j + 1];
        f->attrs.len--;
        return sw;
    }
    return f;
}
}

%define api.pure full
%define api.prefix {zcc_yy}
%define parse.error custom
%define lr.default-reduction consistent
%locations
%param {yyscan_t scanner}
%parse-param {Module *mod}

%union {
    uint64_t num;
    char *str;
    Expr *expr;
    Decl *decl;
    Field *field;
    EnumMember *member;
    BitGroup *group;
    Case *kase;
    Vec *vec;
    Name *name;
    StackSource *source;
    Attr *attr;
    AttrArg *arg;
}

%token IMPORT "import" STRUCT "struct" ENUM "enum" CONST "const" BITS "bits"
%token IF "if" SWITCH "switch" CASE "case" DEFAULT "default" EXTERN "extern"
%token STACK "stack"
%token UNTIL "until" SIZE "size"
%token <str> IDENT "identifier"
%token <str> STRING "string"
%token <num> INT "integer"
%token EQ "==" NE "!=" LE "<=" GE ">=" ANDAND "&&" OROR "||"
%token <expr> BYTES "byte string"
%token SHL "<<" SHR ">>"

%type <expr> expr opt_constraint
%type <decl> struct_head enum_head
%type <group> bits_head
%type <field> field body plain case_field
%type <kase> case
%type <vec> cases case_values sources stack_names routes
%type <name> name target
%type <source> source source_tail opt_fragment fragment
%type <expr> opt_if
%type <vec> attrs attr_args
%type <attr> attr
%type <arg> attr_arg
%type <decl> stack_head
%type <vec> enum_ext_members
%type <field> param

%nonassoc '='
%left OROR
%left ANDAND
%left '|'
%left '^'
%left '&'
%left EQ NE
%left '<' LE '>' GE
%left SHL SHR
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY

%%

file
    : %empty
    | file item
        { assign_report(scanner, NULL, "an expression"); }
    ;

item
    : IMPORT STRING ';'
        {
            Import *imp = xalloc(sizeof(Import));
            imp->path = $2;
            imp->loc = @2;
            vec_push(&mod->imports, imp);
        }
    | EXTERN IDENT STRING ';'
        {
            Decl *d = new_decl(D_EXTERN, $2, @2);
            d->header = $3;
            d->base_loc = @3;
            add_decl(mod, d);
        }
    | CONST IDENT '=' expr ';'
        {
            Decl *d = new_decl(D_CONST, $2, @2);
            d->expr = $4;
            add_decl(mod, d);
        }
    | CONST IDENT IDENT '=' expr ';'
        {
            Decl *d = new_decl(D_CONST, $3, @3);
            d->base_name = $2;
            d->base_loc = @2;
            d->expr = $5;
            add_decl(mod, d);
        }
    | enum_head '{' members enum_end '}' opt_semi
        { $1->end_loc = @5; }
    | struct_head '{' fields '}' opt_semi
        { $1->end_loc = @4; }
    | struct_head '{' fields error '}' opt_semi
        { $1->end_loc = @5; yyerrok; }
    | struct_head '{' fields error
        { $1->end_loc = @4; }   /* a missing '}': the next declaration starts */
    | enum_head '{' members error
        { $1->end_loc = @4; }
    | stack_head '{' stack_items '}' opt_semi
        { $1->end_loc = @4; }
    | ENUM IDENT '+' '=' '{' enum_ext_members opt_comma '}' opt_semi
        { enum_extension(mod, $2, @2, $6); }
    | error ';'   { RESUME_AT(0); }
    | error '}'   { RESUME_AT(0); }
    ;

opt_semi
    : %empty
    | ';'
    ;

opt_comma
    : %empty
    | ','
    ;

enum_head
    : ENUM IDENT ':' IDENT
        {
            $$ = new_decl(D_ENUM, $2, @2);
            $$->base_name = $4;
            $$->base_loc = @4;
            add_decl(mod, $$);
        }
    | enum_head attr
        { $$ = $1; decl_attr($$, $2); }
    ;

members
    : member
    | members ',' member
    | members ';' member
        { diag_error(@2, "enum members are separated by ',', not ';'"); }
    ;

/* A broken member (`A = ,`) is reported and skipped up to the ',' or '}'
   that ends it; there the next member's mistake is reported at once
   (yyerrok), as after a broken field's ';'. Any other token stays under
   bison's silence, so one mistake is not reported twice. */
member
    : IDENT '=' expr
        {
            Decl *e = mod->decls.data[mod->decls.len - 1];
            EnumMember *m = new_member_decl($1, @1, $3);
            m->owner = e;
            vec_push(&e->members, m);
        }
    | error
        {
            if (yychar == ',' || yychar == '}')
                RESUME_AT(-1);
            else
                HOLD_FOR_BRACE();
        }
    ;

/* after the last member: ',' allowed, ';' refused (a C struct habit) */
enum_end
    : opt_comma
    | ';'
        { diag_error(@1, "enum members are separated by ',', not ';'"); }
    ;

/* `enum E += { M = v, ... }`: parsed to be refused (enum_extension()) */
enum_ext_members
    : IDENT '=' expr                        { $$ = xalloc(sizeof(Vec)); vec_push($$, new_member_decl($1, @1, $3)); }
    | enum_ext_members ',' IDENT '=' expr   { $$ = $1; vec_push($$, new_member_decl($3, @3, $5)); }
    ;

struct_head
    : STRUCT IDENT
        {
            $$ = new_decl(D_STRUCT, $2, @2);
            add_decl(mod, $$);
        }
    | struct_head '@' IDENT
        {
            $$ = $1;
            if ($$->attr)
                diag_error(@3, "struct '%s' has more than one bit-order attribute ('@%s' and '@%s')",
                           $$->name, $$->attr, $3);
            else {
                $$->attr = $3;
                $$->attr_loc = @3;
            }
        }
    | STRUCT IDENT '('
        {
            $<decl>$ = new_decl(D_STRUCT, $2, @2);
            add_decl(mod, $<decl>$);
        }
      params ')'
        { $$ = $<decl>4; }
    | struct_head '@' IDENT '(' attr_args ')'
        {
            $$ = $1;
            Attr *a = xalloc(sizeof *a);
            a->name = $3;
            a->loc = @3;
            a->args = *$5;
            decl_attr($$, a);
        }
    ;

/* `struct S(u8 a, u16 b { b > 0 })`: value parameters (issue #18 item 3). */
params
    : param
        { if ($1) vec_push(&cur_struct(mod)->params, $1); }
    | params ',' param
        { if ($3) vec_push(&cur_struct(mod)->params, $3); }
    ;

param
    : IDENT IDENT opt_constraint
        {
            $$ = new_field($1, @1, $2, @2);
            $$->is_param = true;
            $$->index = -1;
            $$->constraint = $3;
        }
    | error   /* as a broken enum member: resume at the ',' or ')' */
        {
            $$ = NULL;
            if (yychar == ',' || yychar == ')')
                RESUME_AT(-1);
        }
    ;

fields
    : %empty
    | fields field
        {
            assign_report(scanner, NULL, "an expression");
            if ($2)
                add_field(mod, $2, NULL);
        }
    | fields bits_head '{' bit_members '}' opt_semi
    | fields trailer_head '{' trailer_members '}' opt_semi
    ;

/* `trailer { fields }`: fields placed at the end of the struct's region */
trailer_head
    : IDENT
        {
            Decl *s = cur_struct(mod);
            if (strcmp($1, "trailer") != 0)
                diag_error(@1, "expected a field or 'trailer {', found '%s' before '{'", $1);
            else if (s->trailer)
                diag_error(@1, "struct '%s' has more than one trailer", s->name);
        }
    ;

trailer_members
    : %empty
    | trailer_members field
        {
            if ($2) {
                $2->trailer = true;
                add_field(mod, $2, NULL);
                if (!cur_struct(mod)->trailer)
                    cur_struct(mod)->trailer = $2;
            }
        }
    ;

/* ---- stacks: which struct follows which ---- */

stack_head
    : STACK IDENT
        {
            $$ = new_decl(D_STACK, $2, @2);
            add_decl(mod, $$);
        }
    ;

stack_items
    : %empty
    | stack_items stack_item
    ;

stack_item
    : sources '{' routes '}' opt_semi
        {
            StackRule *r = xalloc(sizeof(StackRule));
            r->sources = *$1;
            r->routes = *$3;
            r->loc = @$;
            vec_push(&cur_struct(mod)->rules, r);
        }
    | sources ':' target ';'
        {
            StackRule *r = xalloc(sizeof(StackRule));
            r->sources = *$1;
            r->always = $3;
            r->loc = @$;
            vec_push(&cur_struct(mod)->rules, r);
        }
    | sources ':' IDENT target ';'
        {
            bool whole = strcmp($3, "whole") == 0, guess = strcmp($3, "guess") == 0;
            if (!whole && !guess)
                diag_error(@3, "expected 'guess', 'whole' or a struct name after ':', found '%s' before '%s'", $3,
                           $4->name);
            StackRule *r = xalloc(sizeof(StackRule));
            r->sources = *$1;
            r->always = $4;
            r->always_guess = guess;
            r->always_whole = whole;
            r->loc = @$;
            vec_push(&cur_struct(mod)->rules, r);
        }
    | IDENT IDENT ';'                  { add_start(mod, $1, @1, $2, @2, NULL, @$); }
    | IDENT IDENT '.' name ';'         { add_start(mod, $1, @1, $2, @2, $4, @$); }
    | IDENT INT ':' stack_names ';'
        {
            if (strcmp($1, "limit") != 0)
                diag_error(@1, "expected 'limit N: struct, ...' or a rule, found '%s' before a number", $1);
            StackLimit *l = xalloc(sizeof(StackLimit));
            l->max = $2 > INT32_MAX ? INT32_MAX : (int64_t)$2;
            l->names = *$4;
            l->loc = @$;
            vec_push(&cur_struct(mod)->limits, l);
        }
    | error ';'   { RESUME_AT(-1); }
    ;

sources
    : source                    { $$ = xalloc(sizeof(Vec)); vec_push($$, $1); }
    | sources ',' source        { $$ = $1; vec_push($$, $3); }
    ;

/* `S.F by T if (C) fragment if (D)`, every part after S optional. The
   tail is one rule so that an IDENT after `S.F` is shifted whether it
   is `by` or `fragment`. */
/* `S` and `S.F` are spelled out (not `name` and an optional `.F`) so that no
   reduction comes between S and the IDENT after it: `start S;` and
   `S by T` share their first two tokens. */
source
    : IDENT source_tail
        {
            $$ = $2;
            $$->st.name = $1;
            $$->st.loc = @1;
            $$->loc = @$;
        }
    | IDENT '.' name source_tail
        {
            $$ = $4;
            $$->st.name = $1;
            $$->st.loc = @1;
            $$->payload = $3;
            $$->loc = @$;
        }
    ;

source_tail
    : %empty                            { $$ = xalloc(sizeof(StackSource)); }
    | IF '(' expr ')' opt_fragment      { assign_report(scanner, &@3, "a condition"); $$ = $5; $$->cond = $3; }
    | IDENT name opt_if opt_fragment
        {
            if (strcmp($1, "by") != 0)
                diag_error(@1, "expected 'by FIELD', 'if (C)' or 'fragment if (C)', found '%s'", $1);
            $$ = $4;
            $$->tag = $2;
            $$->cond = $3;
        }
    | IDENT IDENT '(' name ')' opt_if opt_fragment
        {
            if (strcmp($1, "by") != 0)
                diag_error(@1, "expected 'by peek(TYPE)', found '%s'", $1);
            else if (strcmp($2, "peek") != 0)
                diag_error(@2, "expected 'by FIELD' or 'by peek(TYPE)', found '%s('", $2);
            $$ = $7;
            $$->peek = $4;
            $$->cond = $6;
        }
    | fragment
    ;

opt_fragment
    : %empty                    { $$ = xalloc(sizeof(StackSource)); }
    | fragment
    ;

fragment
    : IDENT IF '(' expr ')'
        {
            if (strcmp($1, "fragment") != 0)
                diag_error(@1, "expected 'fragment if (C)', found '%s'", $1);
            assign_report(scanner, &@4, "a condition");
            $$ = xalloc(sizeof(StackSource));
            $$->fragment = $4;
        }
    ;

name
    : IDENT             { $$ = xalloc(sizeof(Name)); $$->name = $1; $$->loc = @1; }
    ;

/* A route's struct, with constant arguments for its parameters: `bgp(4)`. */
target
    : name
    | IDENT '(' case_values ')'
        {
            $$ = xalloc(sizeof(Name));
            $$->name = $1;
            $$->loc = @1;
            $$->args = *$3;
            $$->args_loc = loc_merge(@2, @4);
            $$->has_args = true;
        }
    | IDENT '(' ')'
        {
            $$ = xalloc(sizeof(Name));
            $$->name = $1;
            $$->loc = @1;
            $$->args_loc = loc_merge(@2, @3);
            $$->has_args = true;
        }
    ;

opt_if
    : %empty                    { $$ = NULL; }
    | IF '(' expr ')'           { assign_report(scanner, &@3, "a condition"); $$ = $3; }
    ;

routes
    : %empty            { $$ = xalloc(sizeof(Vec)); }
    | routes case_values ':' target ';'
        {
            StackRoute *r = xalloc(sizeof(StackRoute));
            r->values = *$2;
            r->target = *$4;
            r->loc = @2;
            $$ = $1;
            vec_push($$, r);
        }
    | routes case_values ':' IDENT target ';'
        {
            bool whole = strcmp($4, "whole") == 0, guess = strcmp($4, "guess") == 0;
            if (!whole && !guess)
                diag_error(@4, "expected 'whole', 'guess' or ';' after the struct name, found '%s'", $4);
            StackRoute *r = xalloc(sizeof(StackRoute));
            r->values = *$2;
            r->target = *$5;
            r->whole = whole;
            r->guess = guess;
            r->loc = @2;
            $$ = $1;
            vec_push($$, r);
        }
    /* a broken route (`{ 1, , 2: b; }`) ends at its ';': the rule goes on */
    | routes error ';'  { $$ = $1; RESUME_AT(-1); }
    ;

stack_names
    : name                      { $$ = xalloc(sizeof(Vec)); vec_push($$, $1); }
    | stack_names ',' name      { $$ = $1; vec_push($$, $3); }
    ;

bits_head
    : BITS IDENT
        {
            Decl *s = cur_struct(mod);
            $$ = xalloc(sizeof(BitGroup));
            $$->name = $2;
            $$->loc = @2;
            $$->owner = s;
            $$->first = s->fields.len;
            vec_push(&s->bitgroups, $$);
        }
    | BITS IDENT '@' IDENT
        {
            Decl *s = cur_struct(mod);
            $$ = xalloc(sizeof(BitGroup));
            $$->name = $2;
            $$->loc = @2;
            $$->owner = s;
            $$->first = s->fields.len;
            $$->attr = $4;
            $$->attr_loc = @4;
            vec_push(&s->bitgroups, $$);
        }
    ;

bit_members
    : %empty
    | bit_members field
        {
            Decl *s = cur_struct(mod);
            if ($2)
                add_field(mod, $2, s->bitgroups.data[s->bitgroups.len - 1]);
        }
    ;

field
    : body
    | IF '(' expr ')' body
        {
            assign_report(scanner, &@3, "a condition");
            $$ = $5;
            if ($$)
                $$->cond = $3;
        }
    | error ';'
        { $$ = NULL; RESUME_AT(-1); }
    ;

body
    : plain
        { $$ = sized_struct($1); }
    | SWITCH '(' expr ')' IDENT '{' cases '}' opt_semi
        {
            $$ = new_field(NULL, @1, $5, @5);
            $$->is_switch = true;
            $$->tag = $3;
            $$->cases = *$7;
        }
    | SWITCH '(' expr ')' IDENT '[' expr ']' '{' cases '}' opt_semi
        {
            $$ = new_field(NULL, @1, $5, @5);
            $$->is_switch = true;
            $$->tag = $3;
            $$->array = ARR_BYTES;
            $$->len = $7;
            $$->array_loc = loc_merge(@6, @8);
            $$->cases = *$10;
        }
    ;

cases
    : %empty            { $$ = xalloc(sizeof(Vec)); }
    | cases case        { $$ = $1; vec_push($$, $2); }
    | cases error ';'   { $$ = $1; RESUME_AT(-1); }   /* recover inside the switch */
    ;

case
    : CASE case_values ':' case_field
        {
            $$ = xalloc(sizeof(Case));
            $$->values = *$2;
            $$->loc = @1;
            $$->field = $4;
        }
    | DEFAULT ':' case_field
        {
            $$ = xalloc(sizeof(Case));
            $$->is_default = true;
            $$->loc = @1;
            $$->field = $3;
        }
    ;

case_values
    : expr                      { $$ = xalloc(sizeof(Vec)); vec_push($$, $1); }
    | case_values ',' expr      { $$ = $1; vec_push($$, $3); }
    ;

case_field
    : plain
    | ';'               { $$ = NULL; }
    ;

plain
    : IDENT IDENT opt_constraint attrs ';'
        {
            $$ = new_field($1, @1, $2, @2);
            $$->constraint = $3;
            if ($4)
                $$->attrs = *$4;
        }
    | IDENT IDENT '[' expr ']' opt_constraint attrs ';'
        {
            $$ = new_field($1, @1, $2, @2);
            $$->array = ARR_EXPR;
            $$->len = $4;
            $$->array_loc = loc_merge(@3, @5);
            $$->constraint = $6;
            if ($7)
                $$->attrs = *$7;
        }
    | IDENT IDENT '[' IDENT ':' expr ']' opt_constraint attrs ';'
        {
            $$ = new_field($1, @1, $2, @2);
            if (strcmp($4, "align") == 0 || strcmp($4, "align_except_last") == 0) {
                $$->array = ARR_ALIGN;   /* padding (issue 18, item 4) */
                $$->align_except_last = strcmp($4, "align_except_last") == 0;
            } else {
                if (strcmp($4, "bytes") != 0)
                    diag_error(@4, "expected 'bytes', 'align' or 'align_except_last' before ':' in an array length, found '%s'", $4);
                $$->array = ARR_BYTES;
            }
            $$->len = $6;
            $$->array_loc = loc_merge(@3, @7);
            $$->constraint = $8;
            if ($9)
                $$->attrs = *$9;
        }
    | IDENT IDENT '[' ']' opt_constraint attrs ';'
        {
            $$ = new_field($1, @1, $2, @2);
            $$->array = ARR_REST;
            $$->array_loc = loc_merge(@3, @4);
            $$->constraint = $5;
            if ($6)
                $$->attrs = *$6;
        }
    | IDENT IDENT '[' UNTIL expr ']' opt_constraint attrs ';'
        {
            $$ = new_field($1, @1, $2, @2);
            $$->array = ARR_UNTIL;
            $$->until = $5;
            $$->array_loc = loc_merge(@3, @6);
            $$->constraint = $7;
            if ($8)
                $$->attrs = *$8;
        }

    /* `S(args) name ...`: a parameterized struct (issue #18 item 3) */
    | IDENT '(' case_values ')' IDENT opt_constraint attrs ';'
        {
            $$ = with_args(new_field($1, @1, $5, @5), $3, loc_merge(@2, @4));
            $$->constraint = $6;
            if ($7)
                $$->attrs = *$7;
        }
    | IDENT '(' case_values ')' IDENT '[' expr ']' opt_constraint attrs ';'
        {
            $$ = with_args(new_field($1, @1, $5, @5), $3, loc_merge(@2, @4));
            $$->array = ARR_EXPR;
            $$->len = $7;
            $$->array_loc = loc_merge(@6, @8);
            $$->constraint = $9;
            if ($10)
                $$->attrs = *$10;
        }
    | IDENT '(' case_values ')' IDENT '[' IDENT ':' expr ']' opt_constraint attrs ';'
        {
            $$ = with_args(new_field($1, @1, $5, @5), $3, loc_merge(@2, @4));
            if (strcmp($7, "bytes") != 0)
                diag_error(@7, "expected 'bytes' before ':' in an array length, found '%s'", $7);
            $$->array = ARR_BYTES;
            $$->len = $9;
            $$->array_loc = loc_merge(@6, @10);
            $$->constraint = $11;
            if ($12)
                $$->attrs = *$12;
        }
    | IDENT '(' case_values ')' IDENT '[' ']' opt_constraint attrs ';'
        {
            $$ = with_args(new_field($1, @1, $5, @5), $3, loc_merge(@2, @4));
            $$->array = ARR_REST;
            $$->array_loc = loc_merge(@6, @7);
            $$->constraint = $8;
            if ($9)
                $$->attrs = *$9;
        }
    | IDENT IDENT '[' UNTIL expr ',' IDENT expr ']' opt_constraint attrs ';'
        {
            $$ = new_field($1, @1, $2, @2);
            if (strcmp($7, "max") != 0)
                diag_error(@7, "expected 'max' after ',' in '[until K, max N]', found '%s'", $7);
            $$->array = ARR_UNTIL;
            $$->until = $5;
            $$->until_max = $8;
            $$->array_loc = loc_merge(@3, @9);
            $$->constraint = $10;
            if ($11)
                $$->attrs = *$11;
        }
    ;

attrs
    : %empty            { $$ = NULL; }
    | attrs attr        { $$ = $1 ? $1 : xalloc(sizeof(Vec)); vec_push($$, $2); }
    ;

attr
    : '@' IDENT '(' attr_args ')'
        {
            $$ = xalloc(sizeof *$$);
            $$->name = $2;
            $$->loc = @2;
            $$->args = *$4;
        }
    | '@' SIZE '(' expr ')'
        {
            AttrArg *arg = xalloc(sizeof *arg);
            arg->word = "size";
            arg->loc = @4;
            arg->value = $4;
            $$ = xalloc(sizeof *$$);
            $$->name = "@size";   /* not an IDENT: no @NAME(...) attribute is spelt so */
            $$->loc = loc_merge(@1, @5);
            vec_push(&$$->args, arg);
        }
    | '@' IDENT         /* `@head` (issue #18 item 13) */
        {
            $$ = xalloc(sizeof *$$);
            $$->name = $2;
            $$->loc = @2;
        }
    ;

attr_args
    : attr_arg                  { $$ = xalloc(sizeof(Vec)); vec_push($$, $1); }
    | attr_args ',' attr_arg    { $$ = $1; vec_push($$, $3); }
    ;

attr_arg
    : IDENT
        {
            $$ = xalloc(sizeof *$$);
            $$->word = $1;
            $$->loc = @1;
        }
    | IDENT expr
        {
            $$ = xalloc(sizeof *$$);
            $$->word = $1;
            $$->loc = @1;
            $$->value = $2;
        }
    | EXTERN IDENT
        {
            /* `@checksum(extern my_sum)`: a checksum function in C */
            $$ = xalloc(sizeof *$$);
            $$->word = xstrdup("extern");
            $$->loc = @1;
            $$->value = new_name($2, @2);
        }
    ;

opt_constraint
    : %empty            { $$ = NULL; }
    | '{' expr '}'      { assign_report(scanner, &@2, "a constraint"); $$ = $2; }
    /* a broken constraint (`{ x == }`) ends at its '}', or at the ';' when
       the '}' is missing: the field goes on (it would otherwise end the
       struct at that '}' and report the next field as a stray token) */
    | '{' error '}'     { $$ = NULL; yyerrok; }
    | '{' error         { $$ = NULL; }
    ;

expr
    : INT                       { $$ = new_num($1, @1); }
    | IDENT                     { $$ = new_name($1, @1); }
    | IDENT '.' IDENT           { $$ = new_member($1, $3, @$, @3); }
    | '(' expr ')'              { $$ = $2; $$->loc = @$; }
    | '!' expr %prec UNARY      { $$ = new_unary(OP_NOT, $2, @$); }
    | '-' expr %prec UNARY      { $$ = new_unary(OP_NEG, $2, @$); }
    | expr '*' expr             { $$ = new_binary(OP_MUL, $1, $3, @$); }
    | expr '/' expr             { $$ = new_binary(OP_DIV, $1, $3, @$); }
    | expr '%' expr             { $$ = new_binary(OP_MOD, $1, $3, @$); }
    | expr '+' expr             { $$ = new_binary(OP_ADD, $1, $3, @$); }
    | expr '-' expr             { $$ = new_binary(OP_SUB, $1, $3, @$); }
    | expr '<' expr             { $$ = new_binary(OP_LT, $1, $3, @$); }
    | expr LE expr              { $$ = new_binary(OP_LE, $1, $3, @$); }
    | expr '>' expr             { $$ = new_binary(OP_GT, $1, $3, @$); }
    | expr GE expr              { $$ = new_binary(OP_GE, $1, $3, @$); }
    | expr EQ expr              { $$ = new_binary(OP_EQ, $1, $3, @$); }
    | expr NE expr              { $$ = new_binary(OP_NE, $1, $3, @$); }
    | expr ANDAND expr          { $$ = new_binary(OP_AND, $1, $3, @$); }
    | expr OROR expr            { $$ = new_binary(OP_OR, $1, $3, @$); }
    | STRING                    { $$ = new_bytes((uint8_t *)$1, strlen($1), @1); }
    | BYTES                     { $$ = $1; $$->loc = @1; }
    | '~' expr %prec UNARY      { $$ = new_unary(OP_COMPL, $2, @$); }
    | expr '&' expr             { $$ = new_binary(OP_BITAND, $1, $3, @$); }
    | expr '|' expr             { $$ = new_binary(OP_BITOR, $1, $3, @$); }
    | expr '^' expr             { $$ = new_binary(OP_BITXOR, $1, $3, @$); }
    | expr SHL expr             { $$ = new_binary(OP_SHL, $1, $3, @$); }
    | expr SHR expr             { $$ = new_binary(OP_SHR, $1, $3, @$); }
    | expr '=' expr             { assign_seen(scanner, @2); $$ = new_binary(OP_EQ, $1, $3, @$); }
    ;

%%

/* A zero-width location just after the token at loc: where a missing ';'
   or '}' belongs, as gcc and clang report it. */
static Loc loc_after(Loc loc)
{
    Loc r = loc;
    r.first_line = loc.last_line;
    r.first_column = loc.last_column;
    r.first_offset = loc.last_offset;
    return r;
}

/* Character tokens have no YYSYMBOL_ name of their own: by spelling. */
static bool is_char(yysymbol_kind_t k, char c)
{
    const char *name = yysymbol_name(k);
    return name[0] == '\'' && name[1] == c && name[2] == '\'' && name[3] == '\0';
}

static bool expects(yysymbol_kind_t *exp, int n, char c)
{
    for (int i = 0; i < n; i++)
        if (is_char(exp[i], c))
            return true;
    return false;
}

/* The token as the message names it: its kind, and for a word or a number
   the text too ("identifier 'foo'"). */
static char *token_desc(yysymbol_kind_t k, Loc loc)
{
    if (k == YYSYMBOL_IDENT || k == YYSYMBOL_INT) {
        char *text = loc_text(loc);
        if (strlen(text) > 40)
            text[40] = '\0';
        return xformat("%s '%s'", yysymbol_name(k), text);
    }
    return xstrdup(yysymbol_name(k));
}

/* A declaration keyword that cannot appear inside braces. */
static bool top_level_keyword(yysymbol_kind_t k)
{
    return k == YYSYMBOL_STRUCT || k == YYSYMBOL_ENUM || k == YYSYMBOL_IMPORT ||
           k == YYSYMBOL_CONST || k == YYSYMBOL_STACK || k == YYSYMBOL_EXTERN;
}

/* 'struct NAME' followed by '{', '@' or '(' starts a declaration; in a
   field, 'struct NAME x;' would be a C habit, not a missing '}'. */
static bool starts_declaration(const LexState *ls, yysymbol_kind_t k)
{
    if (k != YYSYMBOL_STRUCT)
        return true;
    const char *p = ls->src->text + ls->cur.last_offset, *end = ls->src->text + ls->src->len;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    while (p < end && (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
        p++;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p < end && (*p == '{' || *p == '@' || *p == '(');
}

/* The innermost open brace that encloses a field, rule or member. */
/* The braces open before the lookahead token (which may itself be a
   brace the scanner has already counted). */
static int open_braces(const LexState *ls)
{
    int n = ls->depth + (ls->cur_tok == '}') - (ls->cur_tok == '{');
    return n < 0 ? 0 : n;
}

static int brace_kind(const LexState *ls)
{
    int n = open_braces(ls);
    for (int i = (n < ZCC_MAX_BRACES ? n : ZCC_MAX_BRACES) - 1; i >= 0; i--)
        if (ls->braces[i].kind != BRACE_EXPR)
            return ls->braces[i].kind;
    return -1;
}

static void note_open_brace(const LexState *ls)
{
    int n = open_braces(ls);
    if (n > 0 && n <= ZCC_MAX_BRACES)
        diag_note(ls->braces[n - 1].loc, "to match this '{'");
}

/* Syntax errors as a compiler states them: a missing ';' or '}' where it
   belongs (after the previous token) with the '{' it would close, else
   the unexpected token and what the grammar allows there. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, Module *mod)
{
    (void)mod;
    LexState *ls = zcc_yyget_extra(scanner);
    ls->err_depth = ls->depth;
    yysymbol_kind_t la = yypcontext_token(ctx);
    Loc at = *yypcontext_location(ctx);
    yysymbol_kind_t exp[YYNTOKENS];
    int n = yypcontext_expected_tokens(ctx, exp, YYNTOKENS);
    bool after_prev = ls->prev.src != NULL;

    /* a stray character just before: it was reported, and the token it
       stands for is what is missing */
    if (ls->stray > 0 && ls->stray > (after_prev ? ls->prev.last_offset : 0) && ls->stray <= at.first_offset)
        return 0;

    if (after_prev && open_braces(ls) > 0 && expects(exp, n, '}') &&
        (la == YYSYMBOL_YYEOF || (top_level_keyword(la) && starts_declaration(ls, la)))) {
        if (la == YYSYMBOL_YYEOF)
            diag_error(loc_after(ls->prev), "expected '}' at end of file");
        else
            diag_error(loc_after(ls->prev), "expected '}' before '%s'", yysymbol_name(la));
        note_open_brace(ls);
        ls->depth = 0;   /* recovery (item: ... error) ends the declaration here */
        ls->err_depth = 0;
        return 0;
    }
    /* `u8 x { x > 1 ;`: a constraint's '}' */
    int open = open_braces(ls);
    if (after_prev && is_char(la, ';') && expects(exp, n, '}') && open > 0 && open <= ZCC_MAX_BRACES &&
        ls->braces[open - 1].kind == BRACE_EXPR) {
        diag_error(loc_after(ls->prev), "expected '}' before ';'");
        note_open_brace(ls);
        return 0;
    }
    /* `struct point p;` in a struct: C's habit */
    if (la == YYSYMBOL_STRUCT && open > 0 && !starts_declaration(ls, la)) {
        const char *q = ls->src->text + ls->cur.last_offset, *end = ls->src->text + ls->src->len;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        const char *w = q;
        while (q < end && (*q == '_' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                           (*q >= '0' && *q <= '9')) && q - w < 64)
            q++;
        if (q > w)
            diag_error(at, "a field's type is written without 'struct': '%.*s NAME;'", (int)(q - w), w);
        else
            diag_error(at, "a field's type is written without 'struct'");
        return 0;
    }
    if (after_prev && expects(exp, n, ';') &&
        (is_char(la, '}') || la == YYSYMBOL_YYEOF || at.first_line > ls->prev.last_line)) {
        int kind = brace_kind(ls);
        const char *what = kind == BRACE_STACK ? "rule" : kind < 0 ? "declaration" : "field";
        diag_error(loc_after(ls->prev), "expected ';' after %s", what);
        return 0;
    }
    /* `enum e : u8 { A, B = 2 }`: members are not numbered implicitly */
    if (after_prev && n == 1 && is_char(exp[0], '=') && brace_kind(ls) == BRACE_ENUM &&
        (is_char(la, ',') || is_char(la, '}'))) {
        const Loc *p = &ls->prev;
        diag_error(*p, "enum member '%.*s' has no value: write '%.*s = N' (members are not numbered implicitly)",
                   (int)(p->last_offset - p->first_offset), p->src->text + p->first_offset,
                   (int)(p->last_offset - p->first_offset), p->src->text + p->first_offset);
        return 0;
    }
    char *msg = xformat("syntax error, unexpected %s", token_desc(la, at));
    if (n > 0 && n <= 4) {
        for (int i = 0; i < n; i++)
            msg = xformat("%s%s%s", msg, i == 0 ? ", expecting " : i == n - 1 ? " or " : ", ",
                          yysymbol_name(exp[i]));
    }
    diag_error(at, "%s", msg);
    if (n == 1 && is_char(exp[0], '}'))
        note_open_brace(ls);
    return 0;
}
