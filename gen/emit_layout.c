/*
 * emit_layout.c - the checked model -> a report of the layout the compiler
 * understood (--emit=layout), for schema authors: for every struct, each
 * field's byte offset, size, bit positions, type and constraint.
 *
 * Offsets after a variable-length array are written relative to its end:
 * "options+0" is the first byte after `options`. After the table comes an
 * RFC-style diagram, 32 bits to a row as in RFC 791 and RFC 793; a field
 * spanning rows is drawn as one box (RFC 8200 style), and a variable-length
 * array as a full-width box naming its length.
 */
#include "names.h"

#include <string.h>

static const char *schema_type(const Field *f)
{
    if (f->array == ARR_UNTIL)
        return xformat("%s[until %s%s]", type_schema_name(f->type), loc_text(f->until->loc),
                       f->until_max ? xformat(", max %s", loc_text(f->until_max->loc)) : "");
    if (f->is_switch)
        return f->array == ARR_BYTES ? xformat("switch (%s)[%s]", loc_text(f->tag->loc), loc_text(f->len->loc))
                                     : xformat("switch (%s)", loc_text(f->tag->loc));
    if (f->array == ARR_REST)
        return xformat("%s[]", type_schema_name(f->type));
    if (f->align)   /* padding, also where it became a fixed array */
        return xformat("%s[%s: %d]", type_schema_name(f->type), f->align_except_last ? "align_except_last" : "align",
                       f->align);
    if (f->array == ARR_EXPR)
        return xformat("%s[%s]", type_schema_name(f->type), loc_text(f->len->loc));
    if (f->array == ARR_BYTES)
        return xformat("%s[bytes: %s]", type_schema_name(f->type), loc_text(f->len->loc));
    return type_schema_name(f->type);
}

/* The constraint column: `if (...)`, and the constraint. */
static char *condition_text(const Field *f)
{
    char *c = f->constraint ? loc_text(f->constraint->loc)
              : f->bconst ? xformat("%s == %s", f->name, loc_text(f->bconst->loc)) : "";
    if (f->policy)   /* relaxed by NAME_parse_ex(..., ZC_PARSE_LENIENT, ...) */
        c = xformat("%s @policy", c);
    if (f->sw) {
        Case *k = NULL;
        for (int i = 0; i < f->sw->cases.len; i++)
            if (((Case *)f->sw->cases.data[i])->field == f)
                k = f->sw->cases.data[i];
        if (f->sw->sized) {   /* `T x @size(e)`: no case to name; its switch's condition */
            char *s = xformat("@size(%s)", loc_text(f->sw->len->loc));
            if (f->sw->cond)
                s = xformat("%s if (%s)", s, loc_text(f->sw->cond->loc));
            return *c ? xformat("%s; %s", s, c) : s;
        }
        char *label = k && k->is_default ? xstrdup("default") : k ? xformat("case %s", loc_text(k->loc) + 5) : "";
        return *c ? xformat("%s; %s", label, c) : label;
    }
    if (f->cond)
        return *c ? xformat("if (%s); %s", loc_text(f->cond->loc), c) : xformat("if (%s)", loc_text(f->cond->loc));
    return c;
}

/* The offset column: a number, or "VAR+n" after a variable array. */
static char *offset_text(Decl *d, const Field *f)
{
    if (f->trailer)
        return xformat("end-%zu", f->off);
    if (f->seg == 0)
        return xformat("%zu", f->off);
    const Field *var = NULL;
    for (int i = 0; i < d->fields.len; i++) {
        const Field *g = d->fields.data[i];
        if (g->seg == f->seg - 1 && g->var)
            var = g;
    }
    return xformat("%s+%zu", var ? var->name : "?", f->off);
}

/* Prints one line without trailing blanks. */
static void put_row(FILE *out, char *line)
{
    size_t n = strlen(line);
    while (n > 0 && line[n - 1] == ' ')
        line[--n] = '\0';
    fprintf(out, "%s\n", line);
}

static bool find_head_attr(const Field *f)
{
    for (int i = 0; i < f->attrs.len; i++)
        if (strcmp(((Attr *)f->attrs.data[i])->name, "head") == 0)
            return true;
    return false;
}

/* Parameters (issue #18 item 3): one line each, and the arguments of the
   fields that give them. */
static void layout_params_report(FILE *out, Decl *d)
{
    for (int i = 0; i < d->params.len; i++) {
        Field *pa = d->params.data[i];
        fprintf(out, "  parameter %s: %s%s%s (kept in the view)\n", pa->name, pa->type_name,
                pa->constraint ? ", " : "", pa->constraint ? loc_text(pa->constraint->loc) : "");
    }
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (f->args.len)
            fprintf(out, "  %s: %s%s\n", f->name, f->type_name, loc_text(f->args_loc));
        if (f->declared)   /* issue #18 item 13 */
            fprintf(out, "  %s: the bytes there, of %s that struct %s declares (@head)\n", f->name,
                    loc_text(f->declared->loc), d->head_of->name);
        if (find_head_attr(f) && f->type && f->type->kind == T_STRUCT && f->type->decl->head_of)
            fprintf(out, "  %s: struct %s up to its last field, which holds what is there (%s, @head)\n", f->name,
                    f->type->decl->head_of->name, f->type_name);
    }
}

static void layout_struct_report(FILE *out, Decl *d)
{
    fprintf(out, "struct %s (%s:%d): %s%zu bytes\n", d->name, path_basename(d->loc.src->path),
            d->loc.first_line, d->fixed_size ? "" : "at least ", d->min_size);
    if (d->lsb_first)
        fprintf(out, "  (bit fields LSB-first: bit 0 is the least significant bit of a group's first byte)\n");
    put_row(out, xformat("  %-12s %-5s %-7s %-20s %-22s %s", "offset", "size", "bits", "field", "type",
                         "constraint"));
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (f->sized)
            continue;   /* `T x @size(e)`: one row, its case field's */
        const char *size = f->var || (f->sw && f->sizing != SZ_FIXED) ? "var" : xformat("%zu", f->size);
        if (f->type && f->type->kind == T_VARINT)   /* "1..8": the bytes it may take */
            size = xformat("1..%d", f->type->vbytes);
        const char *bits = "";
        if (f->is_bits && f->type) {
            int w = f->type->kind == T_ENUM ? f->type->base->bits : f->type->bits;
            bits = w == 1 ? xformat("%d", f->bit_off) : xformat("%d..%d", f->bit_off, f->bit_off + w - 1);
        }
        put_row(out, xformat("  %-12s %-5s %-7s %-20s %-22s %s", offset_text(d, f), size, bits,
                             f->sw && !f->sw->sized ? xformat("  %s", f->name) : f->name, schema_type(f),
                             condition_text(f)));
    }
    layout_params_report(out, d);
    for (int i = 0; i < d->bitgroups.len; i++) {
        BitGroup *g = d->bitgroups.data[i];
        Field *first = d->fields.data[g->first], *last = d->fields.data[g->first + g->count - 1];
        fprintf(out, "  bits %s = %s .. %s%s (%zu byte%s at %s)\n", g->name, first->name, last->name,
                g->lsb_first ? ", LSB-first" : "", first->size, first->size == 1 ? "" : "s", offset_text(d, first));
    }
    /* what builders place themselves, and checksums */
    if (struct_has_builder(d))
        build_plan(d);
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        if (f->derived_by && f->derived_by->sized)
            fprintf(out, "  %s: derived by the builder from what is written to %s @size(%s)\n", f->name,
                    f->derived_by->name, loc_text(f->derived_by->len->loc));
        else if (f->derived_by)
            fprintf(out, "  %s: derived by the builder from what is written to %s[%s]\n", f->name, f->derived_by->name,
                    loc_text(f->derived_by->len->loc));
        else if (f->is_const)
            fprintf(out, "  %s: written by the builder as %lld\n", f->name, (long long)f->const_value);
        if (f->csum && f->csum->alg != CSUM_INTERNET) {
            const Checksum *c = f->csum;
            fprintf(out, "  %s: %s%s over %s\n", f->name,
                    c->alg == CSUM_EXTERN ? xformat("checksum %s()", c->fn->name)
                                          : c->alg == CSUM_CRC32C ? "CRC-32C" : "CRC-32",
                    c->has_xor ? xformat(" xor 0x%08x", (unsigned)c->xor_value) : "",
                    c->outer ? "bytes the caller gives"
                    : c->before ? xformat("the bytes before %s (itself as zero)", c->before->name)
                                : "the whole struct (itself as zero)");
        } else if (f->csum) {
            const Checksum *c = f->csum;
            fprintf(out, "  %s: internet checksum over %s%s%s\n", f->name,
                    c->before ? xformat("the bytes before %s", c->before->name) : "the whole struct",
                    c->pseudo ? xformat(" and an IP pseudo-header (protocol %lld)", (long long)c->proto) : "",
                    c->zero_is_none ? "; 0: not computed" : "");
        }
    }
    /* accessors that gave way to another generated name (names.c) */
    for (int i = 0; i < d->all_fields.len + d->bitgroups.len; i++) {
        const char *name = i < d->all_fields.len ? ((Field *)d->all_fields.data[i])->name
                           : ((BitGroup *)d->bitgroups.data[i - d->all_fields.len])->name;
        const char *why = names_gives_way(d->name, name);
        if (why)
            fprintf(out, "  %s: accessor %s_get_%s(), because %s_%s is %s\n", name, d->name, name, d->name, name, why);
    }
    if (d->trailer)
        fprintf(out, "  has a trailer: takes its whole region; no builder\n");
    else if (d->remaining)
        fprintf(out, "  reads 'remaining': takes its whole region; %s\n",
                struct_has_builder(d) ? "its builder settles it when it ends" : "no builder");
    fputc('\n', out);
}

/* ---- RFC-style bit diagram --------------------------------------------- */

typedef struct {
    size_t start, end;      /* bits from the start of the segment */
    const char *label;
} Cell;

/* The cell holding bit b, or -1. Cells are sorted and do not overlap. */
static int cell_at(const Cell *cells, int n, size_t b)
{
    int lo = 0, hi = n;   /* binary search: the first cell ending after b */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (cells[mid].end <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && b >= cells[lo].start ? lo : -1;
}

/* A border line between bit rows [a, a+wa) (above) and [b, b+wb) (below);
   a field that continues across it is left open. */
static void border(FILE *out, const Cell *cells, int n, long above, long below, size_t w)
{
    fputs("  ", out);
    for (size_t k = 0; k <= w; k++) {
        int ua = above < 0 || k == 0 || k == w ? -2 : cell_at(cells, n, (size_t)above + k);
        int ub = below < 0 || k == 0 || k == w ? -3 : cell_at(cells, n, (size_t)below + k);
        int la = above < 0 || k == 0 ? -4 : cell_at(cells, n, (size_t)above + k - 1);
        int lb = below < 0 || k == 0 ? -5 : cell_at(cells, n, (size_t)below + k - 1);
        bool open_here = ua == ub && la == lb && ua == la;
        fputc(open_here ? ' ' : '+', out);
        if (k == w)
            break;
        int ca = above < 0 ? -6 : cell_at(cells, n, (size_t)above + k);
        int cb = below < 0 ? -7 : cell_at(cells, n, (size_t)below + k);
        fputc(ca == cb ? ' ' : '-', out);
    }
    fputc('\n', out);
}

/* Prints `label` centred in `width` columns, cut to fit. */
static void centred(FILE *out, const char *label, size_t width)
{
    size_t n = strlen(label);
    if (n > width)
        n = width;
    size_t left = (width - n) / 2;
    fprintf(out, "%*s%.*s%*s", (int)left, "", (int)n, label, (int)(width - n - left), "");
}

/* Cells longer than this many bits (8 rows) are drawn shortened: the label
   on their first full row, then one elision row, then their last full row. */
#define LONG_CELL_BITS 256

static bool long_cell(const Cell *c)
{
    return c->end - c->start > LONG_CELL_BITS;
}

/* The bit whose row carries the cell's label: its middle bit, or for a
   long cell the first bit of its first full row. */
static size_t label_bit(const Cell *c)
{
    if (long_cell(c))
        return (c->start + 31) / 32 * 32;
    return c->start + (c->end - c->start - 1) / 2;
}

/* One row of bits [r, r+w): a box per cell, the label on the row that holds
   the cell's label bit. */
static void bit_row(FILE *out, const Cell *cells, int n, size_t r, size_t w)
{
    fputs("  |", out);
    size_t k = 0;
    while (k < w) {
        int c = cell_at(cells, n, r + k);
        size_t e = k;
        while (e < w && cell_at(cells, n, r + e) == c)
            e++;
        size_t width = 2 * (e - k) - 1;
        size_t mid = c < 0 ? 0 : label_bit(&cells[c]);
        bool here = c >= 0 && mid >= r && mid < r + w;
        centred(out, here ? cells[c].label : "", width);
        fputc('|', out);
        k = e;
    }
    fputc('\n', out);
}

/* The trailer, after the rest: its fields in order, the last one ending
   the region ("?" marks an optional one). */
static void trailer_diagram(FILE *out, Decl *d, bool drawn)
{
    Cell *cells = xalloc(sizeof(Cell) * (size_t)(d->fields.len + 1));
    int n = 0;
    size_t bits = d->trailer->off * 8;   /* the whole trailer */
    for (int i = d->trailer->index; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (!f->trailer)
            break;
        cells[n].start = bits - f->off * 8;
        cells[n].end = cells[n].start + f->size * 8;
        cells[n].label = f->cond ? xformat("%s?", f->name) : f->name;
        n++;
    }
    for (size_t r = 0; r < bits; r += 32) {
        size_t w = bits - r < 32 ? bits - r : 32;
        if (!drawn && r == 0)
            border(out, cells, n, -1, (long)r, w);
        bit_row(out, cells, n, r, w);
        if (r + 32 < bits)
            border(out, cells, n, (long)r, (long)(r + 32), w);
        else
            border(out, cells, n, (long)r, -1, w);
    }
    fputs("  (trailer: at the end of the region)\n", out);
}

static void diagram(FILE *out, Decl *d)
{
    fputs("   0                   1                   2                   3\n"
          "   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1\n", out);
    /* an LSB-first bit field may take a piece of each of up to 8 bytes */
    Cell *cells = xalloc(sizeof(Cell) * (size_t)(d->fields.len * 8 + 1));
    bool drawn = false;   /* the line above is a border already */
    for (int seg = 0; seg < d->nseg; seg++) {
        int n = 0;
        size_t bits = 0;
        Field *var = NULL;
        for (int i = 0; i < d->fields.len; i++) {
            Field *f = d->fields.data[i];
            if (f->seg != seg)
                continue;
            if (f->var) {
                var = f;
                continue;
            }
            size_t start = f->off * 8 + (f->is_bits ? (size_t)f->bit_off : 0);
            size_t width = f->is_bits ? (size_t)(f->type->kind == T_ENUM ? f->type->base->bits : f->type->bits)
                                      : f->size * 8;
            if (width == 0)
                continue;
            if (f->lsb_first) {   /* drawn in wire order: a piece per byte, MSB left */
                for (size_t b = (size_t)f->bit_off; b < (size_t)f->bit_off + width; b = (b / 8 + 1) * 8) {
                    size_t end = (size_t)f->bit_off + width < (b / 8 + 1) * 8 ? (size_t)f->bit_off + width
                                                                              : (b / 8 + 1) * 8;
                    size_t byte = f->off * 8 + b / 8 * 8;
                    cells[n].start = byte + (size_t)(8 - (end - b / 8 * 8));
                    cells[n].end = byte + (size_t)(8 - (b - b / 8 * 8));
                    cells[n].label = f->name;
                    n++;
                }
                if (f->off * 8 + f->size * 8 > bits)
                    bits = f->off * 8 + f->size * 8;
                continue;
            }
            cells[n].start = start;
            cells[n].end = start + width;
            cells[n].label = f->name;
            n++;
            if (start + width > bits)
                bits = start + width;
        }
        for (int i = 1; i < n; i++)   /* LSB-first pieces: into wire order */
            for (int j = i; j > 0 && cells[j - 1].start > cells[j].start; j--) {
                Cell c = cells[j];
                cells[j] = cells[j - 1];
                cells[j - 1] = c;
            }
        for (size_t r = 0; r < bits; r += 32) {
            size_t w = bits - r < 32 ? bits - r : 32;
            if (!drawn)
                border(out, cells, n, -1, (long)r, w);
            bit_row(out, cells, n, r, w);
            int c = cell_at(cells, n, r);
            if (c >= 0 && long_cell(&cells[c]) && r == label_bit(&cells[c])) {
                size_t last = cells[c].end / 32 * 32 - 32;   /* its last full row */
                if (last > r + 32) {
                    Cell gap = { 0, 32, xformat("... %zu rows ...", (last - r) / 32 - 1) };
                    bit_row(out, &gap, 1, 0, 32);
                    r = last - 32;   /* the loop steps to `last` */
                }
            }
            if (r + 32 < bits)   /* then w == 32, the widest row */
                border(out, cells, n, (long)r, (long)(r + 32), w);
            else
                border(out, cells, n, (long)r, -1, w);
            drawn = true;
        }
        if (var) {
            const char *what = xformat("%s: variable", var->name);
            if (var->array == ARR_ALIGN)
                what = xformat("%s: 0 to %d bytes of padding", var->name, var->align - 1);
            else if (var->cond)
                what = xformat("%s: optional", var->name);
            else if (var->array == ARR_REST)
                what = xformat("%s: rest of the buffer", var->name);
            else if (var->array == ARR_UNTIL)
                what = xformat("%s: until %s", var->name, loc_text(var->until->loc));
            else if (var->type && var->type->kind == T_VARINT)
                what = xformat("%s: %s, 1..%d bytes", var->name, type_schema_name(var->type), var->type->vbytes);
            else if (var->array != ARR_NONE)
                what = xformat("%s: %s %s", var->name, loc_text(var->len->loc),
                               var->array == ARR_EXPR && var->type && var->type->kind == T_STRUCT ? "elements" : "bytes");
            Cell whole = { 0, 32, what };
            if (!drawn)
                border(out, &whole, 1, -1, 0, 32);
            bit_row(out, &whole, 1, 0, 32);
            border(out, &whole, 1, 0, -1, 32);
            drawn = true;
        }
    }
    if (d->trailer)
        trailer_diagram(out, d, drawn);
    fputc('\n', out);
}

/* A stack: each source, then the value -> struct table it uses. */
static void stack_report(FILE *out, Decl *d)
{
    fprintf(out, "stack %s (%s:%d)\n", d->name, path_basename(d->loc.src->path), d->loc.first_line);
    for (int i = 0; i < d->rules.len; i++) {
        StackRule *r = d->rules.data[i];
        for (int j = 0; j < r->sources.len; j++) {
            StackSource *s = r->sources.data[j];
            fprintf(out, "  after %s: %s%s", s->st.name, s->payload ? "field " : "the bytes after it",
                    s->payload ? s->payload->name : "");
            if (s->tag)
                fprintf(out, ", by %s", s->tag->name);
            if (s->peek)
                fprintf(out, ", by peek(%s) of the payload", s->peek->name);
            if (s->cond)
                fprintf(out, ", if %s", loc_text(s->cond->loc));
            if (s->fragment)
                fprintf(out, ", fragment if %s", loc_text(s->fragment->loc));
            fputc('\n', out);
        }
        if (r->always)
            fprintf(out, "    always -> %s%s\n", r->always_guess ? "guess " : "", r->always->name);
        for (int j = 0; j < r->routes.len; j++) {
            StackRoute *rt = r->routes.data[j];
            for (int k = 0; k < rt->values.len; k++) {
                Expr *v = rt->values.data[k];
                char *text = loc_text(v->loc);
                char num[32];
                snprintf(num, sizeof num, "%lld", (long long)v->value);
                const char *whole = rt->whole ? "whole " : rt->guess ? "guess " : "";
                if (strcmp(text, num) == 0)
                    fprintf(out, "    %-10s -> %s%s\n", num, whole, rt->target.name);
                else
                    fprintf(out, "    %-10s -> %s%s   (%s)\n", num, whole, rt->target.name, text);
            }
        }
    }
    for (int i = 0; i < d->starts.len; i++) {
        StackStart *s = d->starts.data[i];
        fprintf(out, "  start %s: %s%s undecoded\n", s->st.name, s->payload ? "field " : "the bytes after it",
                s->payload ? s->payload->name : "");
    }
    for (int i = 0; i < d->limits.len; i++) {
        StackLimit *l = d->limits.data[i];
        fprintf(out, "  at most %lld layers of", (long long)l->max);
        for (int j = 0; j < l->names.len; j++)
            fprintf(out, "%s %s", j ? "," : "", ((Name *)l->names.data[j])->name);
        fputc('\n', out);
    }
    fputc('\n', out);
}

void emit_layout(FILE *out, Program *prog)
{
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->mod != prog->root)
            continue;
        if (d->kind == D_STRUCT) {
            layout_struct_report(out, d);
            diagram(out, d);
        } else if (d->kind == D_STACK) {
            stack_report(out, d);
        }
    }
}
