/*
 * layout.c - places every field of a checked struct.
 *
 * A struct is cut into segments at each variable-length array: segment 0
 * starts at byte 0, segment k+1 starts where the k-th variable array ends.
 * Inside a segment every field has a constant byte offset. Bit fields are
 * packed MSB-first (bit 0 is the most significant bit of the group, as RFC
 * diagrams number them) into groups that must end on a byte boundary; the
 * group is loaded as one big-endian integer and each field is a shift and a
 * mask of it.
 *
 * LSB-first groups (`struct S @lsb_first`, `bits G @lsb_first`) are loaded
 * as one little-endian integer instead, and their fields are allotted
 * from its least significant bit up: bit 0 is the least significant bit
 * of the group's first byte (docs/schema-language.md, "LSB-first bit order").
 */
#include "zcc.h"

/* A field is a bit field if it is a plain uN that is not a whole byte at a
   byte boundary. */
static bool is_bit_field(const Field *f, int bitpos)
{
    const Type *t = value_type(f);
    return !f->is_switch && f->array == ARR_NONE && type_is_integer(f->type) && t->kind == T_UINT &&
           (t->bits != 8 || bitpos != 0 || f->named);
}

/* How a field's own size is known, ignoring any `if`; *size is the size
   when it is a constant. */
static Sizing own_sizing(const Field *f, size_t *size)
{
    *size = 0;
    if (f->array == ARR_UNTIL)
        return SZ_WALK;   /* found by looking for the terminator */
    if (f->is_switch)
        return f->array == ARR_BYTES ? SZ_EXPR : SZ_WALK;
    if (f->type->kind == T_EXTERN || f->type->kind == T_VARINT)
        return SZ_WALK;   /* a varint: its first bytes say how long it is */
    if (f->type->kind == T_STRUCT) {
        Decl *nd = f->type->decl;
        if (f->array == ARR_NONE) {
            *size = nd->min_size;
            return nd->fixed_size ? SZ_FIXED : SZ_WALK;
        }
        if (f->array == ARR_REST)
            return SZ_REST;
        if (f->array == ARR_BYTES || nd->fixed_size)
            return SZ_EXPR;
        return SZ_WALK;   /* a count of variable-size elements */
    }
    if (f->array == ARR_NONE) {
        *size = (size_t)value_type(f)->bits / 8;
        return SZ_FIXED;
    }
    if (f->fixed_len) {
        *size = f->fixed_count;
        return SZ_FIXED;
    }
    if (f->array == ARR_ALIGN)
        return SZ_WALK;   /* padding: its size follows from where it starts */
    return f->array == ARR_REST ? SZ_REST : SZ_EXPR;
}

/* Padding at a constant offset (`u8 pad[align: 4]` in the first segment)
   is a byte array of constant length: (N - off % N) % N bytes. */
static void fix_padding(Field *f, size_t off)
{
    size_t n = ((size_t)f->align - off % (size_t)f->align) % (size_t)f->align;
    f->len = new_num(n, f->array_loc);
    f->len->is_const = true;
    f->len->value = f->len->lo = f->len->hi = (int64_t)n;
    f->array = ARR_EXPR;
    f->fixed_len = true;
    f->fixed_count = n;
}

/* A struct with parameters has one sequential parser, which stores them in
   the view; a constraint on one is a check. */
static void layout_params(Decl *d)
{
    if (d->params.len == 0)
        return;
    d->complex = true;
    for (int i = 0; i < d->params.len; i++)
        if (((Field *)d->params.data[i])->constraint)
            d->has_checks = true;
}

/* A field of a struct with parameters (issue #18 item 3): the arguments are
   passed by the one sequential parser. */
static bool struct_params(const Field *f)
{
    return f->type->kind == T_STRUCT && f->type->decl->params.len > 0;
}

/* Uses beyond v1 make a struct "complex": it gets one sequential parser. */
static bool is_complex(const Field *f)
{
    /* arrays of structs by bytes or to the end are v1-shaped: a region whose
       elements are checked as they are walked */
    return f->cond || f->is_switch || f->type->kind == T_EXTERN || f->array == ARR_ALIGN || f->array == ARR_UNTIL ||
           f->type->kind == T_VARINT || (f->elem_size && !f->fixed_len) || struct_params(f) ||
           (f->type->kind == T_STRUCT && (f->array == ARR_EXPR || (f->array == ARR_NONE && !f->type->decl->fixed_size)));
}

/* Case fields start where their switch does; they are whole bytes. */
static bool layout_cases(Decl *d, Field *sw)
{
    for (int i = 0; i < sw->cases.len; i++) {
        Field *cf = ((Case *)sw->cases.data[i])->field;
        if (!cf)
            continue;
        if (is_bit_field(cf, 0)) {
            diag_error(cf->type_loc, "case field '%s' must be whole bytes, not a bit field", cf->name);
            return false;
        }
        cf->seg = sw->seg;
        cf->off = sw->off;
        if (cf->type->kind == T_STRUCT && cf->array != ARR_NONE)
            cf->type->decl->is_element = true;
        cf->sizing = own_sizing(cf, &cf->size);
        if (cf->array == ARR_UNTIL)   /* where it ends, for its accessor */
            cf->walk = d->nwalk++;
        if (cf->array == ARR_REST && sw->array != ARR_BYTES) {
            diag_error(cf->array_loc, "'%s' runs to the end of the buffer, so switch '%s' must have a length ('%s[LENGTH]')",
                       cf->name, sw->name, sw->name);
            return false;
        }
        (void)d;
    }
    return true;
}

/* Whether f is the last member of its named bits group. */
static bool ends_named(const Field *f)
{
    return f->named && f->index == f->named->first + f->named->count - 1;
}

/* Adds n to *acc unless the total would exceed ZCC_MAX_STRUCT_SIZE. */
static bool grow(size_t *acc, size_t n, Decl *d, Loc loc)
{
    if (n > ZCC_MAX_STRUCT_SIZE || *acc > ZCC_MAX_STRUCT_SIZE - n) {
        diag_error(loc, "struct '%s' would be larger than %u bytes", d->name, ZCC_MAX_STRUCT_SIZE);
        return false;
    }
    *acc += n;
    return true;
}

/* Closes the open bit-field group that starts at `first`. */
static void close_group(Decl *d, Field *first, int bits)
{
    size_t size = (size_t)bits / 8;
    for (int i = first->index; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->group != first)
            break;
        f->size = size;
    }
    if (first->index + 1 < d->fields.len) {
        Field *next = d->fields.data[first->index + 1];
        if (next->group == first)
            return;
    }
    /* A group of one field: a whole 16/32/64-bit integer has no byte order. */
    if (bits == 16 || bits == 32 || bits == 64)
        diag_error(first->type_loc, "a %d-bit integer needs a byte order: write be%d or le%d",
                   bits, bits, bits);
}

void layout_struct(Decl *d)
{
    int seg = 0;
    size_t off = 0, min = 0;
    int bitpos = 0;
    Field *group = NULL;
    bool fixed = true, checks = false;

    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->constraint || f->bconst)
            checks = true;

        if (f->trailer) {
            /* at the end of the region, outside the segments; f->off: the
               bytes from it to the end when every trailer field is there */
            if (bitpos != 0) {
                diag_error(group->loc, "bit-field group starting at '%s' is %d bits wide and does not end on a byte boundary before the trailer",
                           group->name, bitpos);
                return;
            }
            f->seg = -1;
            f->size = (size_t)value_type(f)->bits / 8;
            f->off = 0;
            for (int j = d->trailer->index; j <= i; j++)
                ((Field *)d->fields.data[j])->off += f->size;
            checks = true;
            fixed = false;
            if (!f->cond && !grow(&min, f->size, d, f->loc))
                return;
            continue;
        }
        if (f->cond && is_bit_field(f, 0)) {
            diag_error(f->type_loc, "conditional field '%s' must be whole bytes, not a bit field", f->name);
            return;
        }
        if (is_bit_field(f, bitpos)) {
            if (f->named && f->index == f->named->first && bitpos != 0) {
                diag_error(f->named->loc, "bits group '%s' must start on a byte boundary; the bit-field group before it is %d bits wide",
                           f->named->name, bitpos);
                return;
            }
            if (bitpos == 0)
                group = f;
            f->lsb_first = group->named ? group->named->lsb_first : d->lsb_first;
            f->is_bits = true;
            f->group = group;
            f->group_first = group == f;
            f->seg = seg;
            f->off = off;
            f->bit_off = bitpos;
            bitpos += value_type(f)->bits;
            if (bitpos > 64) {
                diag_error(f->loc, "bit-field group starting at '%s' is wider than 64 bits", group->name);
                return;
            }
            /* a named group closes only at its end; others at any byte boundary */
            if (f->named && !ends_named(f))
                continue;
            if (ends_named(f) && bitpos % 8 != 0) {
                diag_error(f->named->loc, "bits group '%s' is %d bits wide and does not end on a byte boundary",
                           f->named->name, bitpos);
                return;
            }
            if (bitpos % 8 == 0) {
                close_group(d, group, bitpos);
                if (!grow(&off, (size_t)bitpos / 8, d, f->loc) ||
                    !grow(&min, (size_t)bitpos / 8, d, f->loc))
                    return;
                bitpos = 0;
                group = NULL;
            }
            continue;
        }

        if (bitpos != 0) {
            diag_error(group->loc, "bit-field group starting at '%s' is %d bits wide and does not end on a byte boundary",
                       group->name, bitpos);
            diag_note(f->loc, "'%s' starts here, in the middle of a byte; pad the group to a multiple of 8 bits",
                      f->name);
            return;
        }

        f->seg = seg;
        f->off = off;
        if (f->array == ARR_ALIGN && seg == 0 && !f->align_except_last)
            fix_padding(f, off);
        if (is_complex(f))
            d->complex = true;
        if (!f->is_switch && f->type->kind == T_STRUCT && f->array != ARR_NONE)
            f->type->decl->is_element = true;
        size_t own_size;
        Sizing own = own_sizing(f, &own_size);
        if (f->cond || f->is_switch ||
            (own != SZ_FIXED && (f->type->kind != T_UINT || f->array == ARR_BYTES || f->array == ARR_ALIGN ||
                                 f->array == ARR_UNTIL))) {
            /* a field beyond v1 whose size is not a constant ends its segment */
            f->var = true;
            f->sizing = own == SZ_FIXED ? SZ_EXPR : own;
            f->size = own == SZ_FIXED ? own_size : 0;
            if (f->sizing == SZ_WALK)
                f->walk = d->nwalk++;
            if (f->type->kind == T_VARINT && !f->cond && !grow(&min, 1, d, f->loc))
                return;   /* a varint takes one byte at least */
            if (f->is_switch && !layout_cases(d, f))
                return;
            fixed = false;
            checks = true;
            d->has_rest = f->sizing == SZ_REST && !f->cond;
            if (seg >= ZCC_MAX_VAR_ARRAYS) {
                diag_error(f->loc, "struct '%s' has more than %d variable-size fields", d->name, ZCC_MAX_VAR_ARRAYS);
                return;
            }
            seg++;
            off = 0;
            continue;
        }
        if (f->array == ARR_NONE && f->type->kind == T_STRUCT) {
            Decl *nd = f->type->decl;   /* fixed-size: others end a segment above */
            f->size = nd->min_size;
            if (nd->has_checks)
                checks = true;
        } else if (f->array == ARR_NONE) {
            f->size = (size_t)value_type(f)->bits / 8;
        } else if (f->fixed_len) {
            f->size = f->fixed_count;
        } else {
            /* variable array: it ends its segment */
            f->var = true;
            f->sizing = f->array == ARR_REST ? SZ_REST : SZ_EXPR;
            f->size = 0;
            fixed = false;
            checks = true;
            if (f->array == ARR_EXPR && f->len->lo > 0) {
                size_t lo = (uint64_t)f->len->lo > ZCC_MAX_STRUCT_SIZE
                                ? (size_t)ZCC_MAX_STRUCT_SIZE + 1 : (size_t)f->len->lo;
                if (!grow(&min, lo, d, f->loc))
                    return;
            }
            d->has_rest = f->array == ARR_REST;
            if (seg >= ZCC_MAX_VAR_ARRAYS) {
                diag_error(f->array_loc, "struct '%s' has more than %d variable-length arrays",
                           d->name, ZCC_MAX_VAR_ARRAYS);
                return;
            }
            seg++;
            off = 0;
            continue;
        }
        if (!grow(&off, f->size, d, f->loc) || !grow(&min, f->size, d, f->loc))
            return;
    }
    if (bitpos != 0) {
        diag_error(group->loc, "bit-field group starting at '%s' is %d bits wide and does not end on a byte boundary",
                   group->name, bitpos);
        diag_note(d->end_loc, "the struct ends here; pad the group to a multiple of 8 bits");
        return;
    }
    d->nseg = seg + 1;
    d->min_size = min;
    d->fixed_size = fixed;
    d->has_checks = checks;
    for (int i = 0; i < d->all_fields.len; i++) {
        Field *f = d->all_fields.data[i];
        /* structs its parse parses in place (not arrays by bytes or to the
           end: an iterator parses their elements) */
        bool in_place = f->array == ARR_NONE || f->array == ARR_EXPR || f->array == ARR_UNTIL;
        d->has_policy |= f->policy || (in_place && f->type && f->type->kind == T_STRUCT && f->type->decl->has_policy);
    }
    if (d->trailer)
        d->complex = true;
    if (d->remaining && fixed) {
        /* a fixed-size struct is viewed in place without *_parse (nested,
           array elements by stride): its region is not known there */
        diag_error(d->remaining->loc, "'remaining' can only be used in a struct of variable size; struct '%s' is "
                   "%zu fixed bytes (check the room where it is used instead)", d->name, min);
        return;
    }
    if (d->remaining)
        d->complex = true;   /* one sequential *_parse, which keeps the region */
    layout_params(d);
}

/* Whether struct d takes all of the region it is given: it reads
   `remaining`, or it has a trailer at the region's end. */
bool takes_region(const Decl *d)
{
    return d->remaining || d->trailer;
}

/* Whether the generated header has NAME_frame() for struct d: its size
   follows from its fixed parts, length fields and varints alone (no other
   walked parts, nothing to the end of the buffer), so it can delimit frames in a byte
   stream. A v1 struct with one segment (fixed size) has none. */
bool struct_has_frame(const Decl *d)
{
    if (d->params.len)
        return false;   /* NAME_frame(buf, len) has no arguments to give it */
    return struct_frames_with_args(d);
}

/* Whether struct d's size follows from its own bytes once its arguments
   are given (struct_has_frame() but for the parameters): a stack's
   `whole X(a)` route tests X_parse() with them instead of X_frame(). */
bool struct_frames_with_args(const Decl *d)
{
    if (d->kind != D_STRUCT || d->fields.len == 0 || (!d->complex && d->nseg <= 1))
        return false;
    if (takes_region(d))
        return false;   /* it takes its whole region, whatever its fields say */
    for (int i = 0; i < d->fields.len; i++) {
        const Field *f = d->fields.data[i];
        if (f->var && f->sizing != SZ_EXPR && !frame_varint(f))
            return false;
    }
    return true;
}

/* Whether NAME_frame() can find the end of walked field f by itself: a
   varint (leb128(N), quic_varint) of the struct's own, not in a switch
   case, whose first bytes say how long it is (MQTT's Remaining Length). */
bool frame_varint(const Field *f)
{
    return f->sizing == SZ_WALK && !f->sw && f->array == ARR_NONE && !f->is_switch && f->type &&
           value_type(f)->kind == T_VARINT;
}

/* The last field of d's fixed head: the fields from its start that are
   always there, at constant offsets, each of a constant size (issue #24:
   S_bytes_after_F()). NULL when there is none (the first field may be
   absent or is of variable size) or when the head is all of d (a fixed
   size: nothing can follow it). */
Field *fixed_head_last(const Decl *d)
{
    Field *last = NULL;
    if (d->kind != D_STRUCT || d->fixed_size)
        return NULL;
    for (int i = 0; i < d->fields.len; i++) {
        Field *f = d->fields.data[i];
        if (f->cond || f->is_switch || f->var || f->seg != 0 || f->trailer || f->is_param || f->sized)
            break;
        last = f;
    }
    return last;
}

/* The bytes of d's fixed head (fixed_head_last() non-NULL). */
size_t fixed_head_size(const Decl *d)
{
    const Field *f = fixed_head_last(d);
    return f ? f->off + f->size : 0;
}
