/*
 * emit_header.c - the driver: the checked, laid-out model -> one C header.
 * Writes the header's comment, guard and includes, then for each
 * declaration, in dependency order (imports first), the parts the
 * emit_*.c files write:
 *   enum   -> a C enum (or, wider than 16 bits, an integer typedef and
 *             constants) and NAME_name() giving each member's name;
 *   struct -> size and offset constants, a view type, one accessor per
 *             field, NAME_parse() (the readers), then NAME_visit(), the
 *             writers and the builder unless --no-visit, --no-writers,
 *             --no-builders leave them out;
 *   stack  -> NAME_walk() and NAME_walk_each().
 * Every declaration, and each of a struct's parts, sits behind its own
 * guard, so two generated headers that both import net.zc, generated with
 * the same options or not, can be included in one translation unit.
 *
 * Generated code is meant to be read and stepped through: one statement per
 * line, a comment naming the schema line behind each function, no macros
 * beyond the runtime's.
 */
#include "emit_parts.h"

#include <stdlib.h>
#include <string.h>

static bool omit_writers, omit_builders, omit_visit;   /* --no-writers, ... */
static char *impl_macro;   /* "ZEROCAST_IMPLEMENTATION_UDP": this header's big functions */

/* ---- out-of-line code ----------------------------------------------------- */

/*
 * The big parts of the header (stack walkers, NAME_visit(),
 * NAME_parse_deep(), builders, checksum fills and checks) are written to a
 * buffer and rearranged: each function definition in it (from `static
 * inline ` in column 0 to the `}` in column 0) leaves a prototype
 * `ZC_BIG SIGNATURE;` in its place, with its comment, and its definition,
 * `ZC_BIG SIGNATURE {...}`, moves to a block after the part's prototypes
 * that only a default-mode or implementing translation unit compiles
 * (runtime/zerocast.h, ZC_BIG). Everything else stays where it was, and
 * so do small functions (a body of at most SMALL_BODY lines: a
 * NAME_parse_deep() that only calls NAME_parse(), a checksum check that
 * calls the runtime): out of line they would cost a call, and the header
 * more lines than they save. Not when the part declares a function before
 * defining it: its prototype and its definition must agree.
 */
#define STATIC_INLINE "static inline "
#define SMALL_BODY 8

/* Whether text declares a `static inline` function before defining it. */
static bool has_prototype(const char *text)
{
    for (const char *s = text; (s = strstr(s, "\n" STATIC_INLINE)) != NULL; s++) {
        const char *e = s + 1;
        while ((e = strchr(e, '\n')) != NULL && e[-1] != ';' && strncmp(e + 1, "{\n", 2) != 0)
            e++;
        if (e && e[-1] == ';')
            return true;
    }
    return false;
}

static int count_lines(const char *s, const char *end)
{
    int n = 0;
    for (; s < end; s++)
        n += *s == '\n';
    return n;
}

static void outline(const char *text)
{
    char *defs = NULL;
    size_t defs_len = 0;
    FILE *d = open_memstream(&defs, &defs_len);
    if (!d) {
        internal_error("out of memory");
        return;
    }
    bool keep_small = !has_prototype(text);
    const char *s = text;
    while (*s) {
        const char *eol = strchr(s, '\n');
        size_t n = eol ? (size_t)(eol - s) + 1 : strlen(s);
        if (strncmp(s, STATIC_INLINE, strlen(STATIC_INLINE)) != 0) {
            p_raw(s, n);
            s += n;
            continue;
        }
        /* the signature: up to a line ending in ';' (a prototype) or
           followed by a '{' line (a definition) */
        const char *sig = s + strlen(STATIC_INLINE), *e = s;
        bool proto = false;
        for (;;) {
            e = strchr(e, '\n');
            if (!e) {
                internal_error("a function without a body in an out-of-line part");
                fclose(d);
                free(defs);
                return;
            }
            if (e[-1] == ';') {
                proto = true;
                break;
            }
            if (strncmp(e + 1, "{\n", 2) == 0)
                break;
            e++;
        }
        if (proto) {
            p("ZC_BIG %.*s\n", (int)(e - sig), sig);
            s = e + 1;
            continue;
        }
        const char *end = strstr(e + 1, "\n}\n");
        if (!end) {
            internal_error("a function body without its end in an out-of-line part");
            fclose(d);
            free(defs);
            return;
        }
        end += 3;
        if (keep_small && count_lines(e + 1, end) - 2 <= SMALL_BODY) {   /* less the braces */
            p_raw(s, (size_t)(end - s));
            s = end;
            continue;
        }
        p("ZC_BIG %.*s;\n", (int)(e - sig), sig);
        fprintf(d, "ZC_BIG %.*s\n", (int)(end - sig), sig);
        s = end;
    }
    fclose(d);
    if (defs_len) {
        p("#if !defined(ZEROCAST_OUT_OF_LINE) || defined(ZEROCAST_IMPLEMENTATION) || defined(%s)\n\n",
          impl_macro);
        p_raw(defs, defs_len);
        p("#endif /* ZC_BIG definitions */\n\n");
    }
    free(defs);
}

/* part(d), made out-of-line code. */
static void big(void (*part)(Decl *), Decl *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        internal_error("out of memory");
        return;
    }
    FILE *was = emit_set_output(m);
    part(d);
    emit_set_output(was);
    fclose(m);
    outline(text);
    free(text);
}

static void checksums_ok(Decl *d) { emit_checksums(d, false); }
static void checksums_fill(Decl *d) { emit_checksums(d, true); }

/* ---- struct ------------------------------------------------------------- */

static void emit_complex_struct(Decl *d)
{
    emit_struct_head(d);
    acsl_struct(d);

    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->named && f->index == f->named->first)
            emit_bitgroup(f->named);
        emit_complex_accessor(f);
        emit_declared(f);
        for (int j = 0; f->is_switch && j < f->cases.len; j++) {
            Field *cf = ((Case *)f->cases.data[j])->field;
            if (cf)
                emit_complex_accessor(cf);
        }
        if (f->var && f->sizing != SZ_REST)
            emit_complex_segment_start(d, f);
        emit_switch_bytes(f);
    }
    emit_view_bytes(d);
    emit_complex_parse(d);
    big(emit_deep, d);
    if (struct_has_frame(d))
        emit_frame(d);
    big(checksums_ok, d);
}

static void emit_struct(Decl *d)
{
    if (d->complex) {
        emit_complex_struct(d);
        return;
    }
    emit_struct_head(d);
    acsl_struct(d);

    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->named && f->index == f->named->first)
            emit_bitgroup(f->named);
        emit_accessor(f);
        emit_declared(f);
        if (is_var_array(f) && f->array != ARR_REST && i + 1 < d->fields.len)
            emit_segment_start(d, f);
    }
    emit_view_bytes(d);
    emit_diagnose(d);
    emit_parse(d);
    big(emit_deep, d);
    if (struct_has_frame(d))
        emit_frame(d);
    big(checksums_ok, d);
}

/* The parts of a struct after its readers, each behind its own guard, so
   that headers generated with different --no-* options compose in one
   translation unit: each part is defined once, by the first header that
   has it (docs/decisions.md, "Emitting only what is asked"). */
static void emit_struct_extras(Decl *d)
{
    if (!omit_visit) {
        char *name = part_guard("VISIT", d);
        p("#ifndef %s\n#define %s\n\n", name, name);
        if (d->complex)
            big(emit_complex_visit, d);
        else
            big(emit_visit, d);
        p("#endif /* %s */\n\n", name);
    }
    if (!omit_writers) {
        char *name = part_guard("WRITE", d);
        p("#ifndef %s\n#define %s\n\n", name, name);
        emit_mutable(d);
        emit_mutable_bytes(d);
        big(checksums_fill, d);
        p("#endif /* %s */\n\n", name);
    }
    if (!omit_builders) {
        char *name = part_guard("BUILD", d);
        p("#ifndef %s\n#define %s\n\n", name, name);
        big(emit_builder, d);
        p("#endif /* %s */\n\n", name);
    }
}

/* ---- header ------------------------------------------------------------- */

/* #includes the headers of the schemas mod imports, each checked to be
   zerocast's header for that schema with at least this header's parts. */
static void emit_imports(const Module *mod, const char *self)
{
    for (int i = 0; i < mod->imports.len; i++) {
        const Import *imp = mod->imports.data[i];
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = ((const Import *)mod->imports.data[j])->mod == imp->mod;
        if (seen || !imp->mod)
            continue;
        char *h = import_header(imp), *m = schema_macro(imp->mod);
        const char *hs = c_string(h), *what = c_string(path_basename(imp->mod->src->path));
        p("#include \"%s\"   /* import \"%s\": generate it with the same options (zerocast -r does) */\n",
          hs, c_comment(imp->path));
        p("#ifndef %s\n#error \"%s: \\\"%s\\\" is not zerocast's header for %s%s\"\n#endif\n", m, c_string(self), hs,
          what, *names_prefix() ? " with this --prefix" : "");
        const char *parts[] = { "WRITERS", "BUILDERS", "VISIT" };
        const char *opts[] = { "--no-writers", "--no-builders", "--no-visit" };
        bool want[] = { !omit_writers, !omit_builders, !omit_visit };
        for (int k = 0; k < 3; k++)
            if (want[k])
                p("#ifndef %s_%s\n#error \"%s: \\\"%s\\\" was generated with %s: generate it with the same options\"\n"
                  "#endif\n", m, parts[k], c_string(self), hs, opts[k]);
    }
}

/* " --no-writers --no-builders --no-visit", or "" for a full header. */
static char *omitted_options(void)
{
    return xformat("%s%s%s", omit_writers ? " --no-writers" : "", omit_builders ? " --no-builders" : "",
                   omit_visit ? " --no-visit" : "");
}

void emit_header(FILE *o, Program *prog, const EmitOptions *opts)
{
    const Module *mod = opts->module ? opts->module : prog->root;
    emit_c_output(o, opts->prefix);
    omit_writers = opts->no_writers;
    omit_builders = opts->no_builders || opts->no_writers;   /* builders write */
    omit_visit = opts->no_visit;
    acsl_on = opts->acsl;
    char *omitted = omitted_options();
    const char *schema = path_basename(mod->src->path);
    char *self = xformat("%s.h", schema);
    /* a header generated with other options is another header: both may be
       included in one translation unit */
    char *guard = header_guard(schema,
                               xformat("%s%s%s", omit_writers ? "_NO_WRITERS" : "",
                                       omit_builders ? "_NO_BUILDERS" : "", omit_visit ? "_NO_VISIT" : ""));

    p("/*\n * %s - generated by zerocast %s from %s. Do not edit.\n *\n", c_comment(self), ZCC_VERSION,
      c_comment(schema));
    p(" * Views borrow the caller's buffer. Call NAME_parse() first: accessors on a\n");
    p(" * view it accepted read only inside the buffer. It checks arrays of structs\n");
    p(" * by bytes or to the end as regions (their elements when an iterator reaches\n");
    p(" * them); NAME_parse_deep() checks everything up front. Integers come back as\n");
    p(" * wire types (zc_be16, ...): convert them with zc_be16toh() and friends.\n");
    if (*omitted) {
        char *what = xformat("%s%s%s", omit_writers ? "; no mutable views, setters or checksum fills" : "",
                             omit_builders ? "; no builders" : "", omit_visit ? "; no NAME_visit()" : "");
        p(" *\n * %s with%s:\n * %s.\n", omit_writers && omit_visit ? "Readers only: generated" : "Generated",
          omitted, what + 2);
    }
    p(" */\n");
    p("#ifndef %s\n#define %s\n\n", guard, guard);
    char *m = schema_macro(mod);
    p("#define %s 1\n", m);
    if (!omit_writers)
        p("#define %s_WRITERS 1\n", m);
    if (!omit_builders)
        p("#define %s_BUILDERS 1\n", m);
    if (!omit_visit)
        p("#define %s_VISIT 1\n", m);
    /* out-of-line code: ZEROCAST_IMPLEMENTATION_<SCHEMA> implies
       ZEROCAST_OUT_OF_LINE, which must hold for every zerocast header of
       the translation unit or for none (runtime/zerocast.h, ZC_BIG) */
    impl_macro = impl_guard(schema);
    p("#if defined(%s) && !defined(ZEROCAST_OUT_OF_LINE)\n#define ZEROCAST_OUT_OF_LINE\n#endif\n", impl_macro);
    p("#include \"zerocast.h\"   /* (which checks the mode at every inclusion) */\n");
    bool csum = false;
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        for (int j = 0; d->mod == mod && d->kind == D_STRUCT && j < d->all_fields.len; j++)
            csum = csum || ((Field *)d->all_fields.data[j])->csum;
    }
    if (csum)
        p("#include \"zerocast_csum.h\"   /* @checksum fields */\n");
    emit_imports(mod, self);
    p("\n");

    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->mod != mod)
            continue;
        char *def = part_guard("DEF", d);
        emit_begin_decl(d);
        p("#ifndef %s\n#define %s\n\n", def, def);
        if (d->kind == D_ENUM)
            emit_enum(d);
        else if (d->kind == D_STRUCT)
            emit_struct(d);
        else if (d->kind == D_STACK)
            big(emit_stack, d);
        else if (d->kind == D_EXTERN)
            p("/* extern %s: implemented in \"%s\" */\n#include \"%s\"\n\n", d->name, d->header, d->header);
        else
            emit_const(d);
        if (d->kind == D_STRUCT)   /* always: the same struct must come out the same in every header */
            emit_next(d);
        if (d->kind == D_STRUCT)
            emit_iter_bytes(d);
        p("#endif /* %s */\n\n", def);
        if (d->kind == D_STRUCT)
            emit_struct_extras(d);
    }
    p("#endif /* %s */\n", guard);
    emit_begin_decl(NULL);
}
