/*
 * emit_layout.c - the checked model -> a report of the layout the compiler
 * understood (--emit=layout), for schema authors: for every struct, each
 * field's byte offset, size, bit positions, type and constraint.
 *
 * Offsets after a variable-length array are written relative to its end:
 * "options+0" is the first byte after `options`.
 */
#include "zcc.h"

#include <string.h>

static const char *schema_type(const Field *f)
{
    if (f->array == ARR_REST)
        return "u8[]";
    if (f->array == ARR_EXPR)
        return xformat("u8[%s]", loc_text(f->len->loc));
    return type_schema_name(f->type);
}

/* The offset column: a number, or "VAR+n" after a variable array. */
static char *offset_text(Decl *d, const Field *f)
{
    if (f->seg == 0)
        return xformat("%zu", f->off);
    const Field *var = NULL;
    for (int i = 0; i < d->fields.len; i++) {
        const Field *g = d->fields.data[i];
        if (g->seg == f->seg - 1 && g->array != ARR_NONE && !g->fixed_len)
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

static void layout_struct_report(FILE *out, Decl *d)
{
    fprintf(out, "struct %s (%s:%d): %s%zu bytes\n", d->name, path_basename(d->loc.src->path),
            d->loc.first_line, d->fixed_size ? "" : "at least ", d->min_size);
    put_row(out, xformat("  %-12s %-5s %-7s %-20s %-22s %s", "offset", "size", "bits", "field", "type",
                         "constraint"));
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        const char *size = f->array != ARR_NONE && !f->fixed_len ? "var" : xformat("%zu", f->size);
        const char *bits = "";
        if (f->is_bits) {
            int w = f->type->kind == T_ENUM ? f->type->base->bits : f->type->bits;
            bits = w == 1 ? xformat("%d", f->bit_off) : xformat("%d..%d", f->bit_off, f->bit_off + w - 1);
        }
        put_row(out, xformat("  %-12s %-5s %-7s %-20s %-22s %s", offset_text(d, f), size, bits, f->name,
                             schema_type(f), f->constraint ? loc_text(f->constraint->loc) : ""));
    }
    for (int i = 0; i < d->bitgroups.len; i++) {
        BitGroup *g = d->bitgroups.data[i];
        Field *first = d->fields.data[g->first], *last = d->fields.data[g->first + g->count - 1];
        fprintf(out, "  bits %s = %s .. %s (%zu byte%s at %s)\n", g->name, first->name, last->name,
                first->size, first->size == 1 ? "" : "s", offset_text(d, first));
    }
    fputc('\n', out);
}

void emit_layout(FILE *out, Program *prog)
{
    for (int i = 0; i < prog->decls.len; i++) {
        Decl *d = prog->decls.data[i];
        if (d->kind == D_STRUCT && d->mod == prog->root)
            layout_struct_report(out, d);
    }
}
