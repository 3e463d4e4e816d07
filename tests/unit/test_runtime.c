/*
 * test_runtime.c - runtime/zerocast.h: byte-order types, loads and stores,
 * constants, slices and status formatting; runtime/zerocast_build.h: the
 * builder core, driven by a table written by hand.
 */
#include <check.h>
#include <stddef.h>
#include <stdlib.h>

#include "zerocast.h"
#include "zerocast_build.h"

/* An IPv4 header from RFC 1071-era captures: 45 00 00 54 1c 46 40 00 ... */
static const uint8_t wire[] = { 0x45, 0x00, 0x00, 0x54, 0x1c, 0x46, 0x40, 0x00,
                                0x40, 0x01, 0x20, 0x61, 0x7f, 0x00, 0x00, 0x01 };

START_TEST(loads_read_wire_order)
{
    ck_assert_uint_eq(zc_be16toh(zc_load_be16(wire + 2)), 0x0054);
    ck_assert_uint_eq(zc_le16toh(zc_load_le16(wire + 2)), 0x5400);
    ck_assert_uint_eq(zc_be32toh(zc_load_be32(wire + 12)), 0x7f000001u);
    ck_assert_uint_eq(zc_le32toh(zc_load_le32(wire + 12)), 0x0100007fu);
    ck_assert_uint_eq(zc_be64toh(zc_load_be64(wire)), 0x450000541c464000ull);
    ck_assert_uint_eq(zc_le64toh(zc_load_le64(wire)), 0x0040461c54000045ull);
    /* every unaligned offset works (memcpy loads) */
    for (size_t i = 0; i + 2 <= sizeof wire; i++)
        ck_assert_uint_eq(zc_be16toh(zc_load_be16(wire + i)),
                          (unsigned)(wire[i] << 8 | wire[i + 1]));
}
END_TEST

START_TEST(msb_group_loads)
{
    ck_assert_uint_eq(zc_load_u8(wire), 0x45);
    ck_assert_uint_eq(zc_load_msb16(wire + 6), 0x4000);
    ck_assert_uint_eq(zc_load_msb24(wire + 1), 0x000054);
    ck_assert_uint_eq(zc_load_msb32(wire + 4), 0x1c464000u);
    ck_assert_uint_eq(zc_load_msbn(wire, 5), 0x450000541cull);
    ck_assert_uint_eq(zc_load_msbn(wire, 7), 0x450000541c4640ull);
    ck_assert_uint_eq(zc_load_msb64(wire), 0x450000541c464000ull);
}
END_TEST

START_TEST(stores_round_trip)
{
    uint8_t buf[8] = { 0 };
    zc_store_be16(buf, zc_htobe16(0x0800));
    ck_assert_uint_eq(buf[0], 0x08);
    ck_assert_uint_eq(buf[1], 0x00);
    zc_store_le32(buf + 2, zc_htole32(0x11223344u));
    ck_assert_uint_eq(buf[2], 0x44);
    ck_assert_uint_eq(buf[5], 0x11);
    zc_store_be64(buf, zc_htobe64(0x0102030405060708ull));
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(buf[i], (unsigned)(i + 1));
    ck_assert_uint_eq(zc_be64toh(zc_load_be64(buf)), 0x0102030405060708ull);
}
END_TEST

/* Constants usable in static initialisers equal the run-time conversion. */
static const zc_be16 k_ipv4 = ZC_BE16_INIT(0x0800);
static const zc_be32 k_addr = ZC_BE32_INIT(0x7f000001u);
static const zc_be64 k_big = ZC_BE64_INIT(0x0102030405060708ull);
static const zc_le16 k_le16 = ZC_LE16_INIT(0x1234);
static const zc_le32 k_le32 = ZC_LE32_INIT(0x12345678u);
static const zc_le64 k_le64 = ZC_LE64_INIT(0x1122334455667788ull);

START_TEST(static_constants)
{
    ck_assert(zc_be16_eq(k_ipv4, zc_htobe16(0x0800)));
    ck_assert(zc_be32_eq(k_addr, zc_load_be32(wire + 12)));
    ck_assert(zc_be64_eq(k_big, zc_htobe64(0x0102030405060708ull)));
    ck_assert(zc_le16_eq(k_le16, zc_htole16(0x1234)));
    ck_assert(zc_le32_eq(k_le32, zc_htole32(0x12345678u)));
    ck_assert(zc_le64_eq(k_le64, zc_htole64(0x1122334455667788ull)));
    ck_assert(!zc_be16_eq(k_ipv4, zc_htobe16(0x0008)));
    ck_assert_uint_eq(ZC_BSWAP16_C(0x1234), 0x3412);
    ck_assert_uint_eq(ZC_BSWAP32_C(0x12345678u), 0x78563412u);
    ck_assert_uint_eq(ZC_BSWAP64_C(0x0102030405060708ull), 0x0807060504030201ull);
}
END_TEST

/* The initialisers in every place a constant can stand: array elements,
   struct members, nested aggregates, const locals. Each ZC_xx_INIT fits
   only its own type (tests/compile-fail/init_*.c prove the refusals). */
struct rule {
    zc_be16 port;
    zc_be32 addr;
    zc_le16 tag;
};

struct rule_set {
    struct rule rules[2];
    zc_le64 cookie;
    zc_be64 mask;
    zc_le32 flags;
};

static const zc_be16 k_ports[] = { ZC_BE16_INIT(53), ZC_BE16_INIT(443), ZC_BE16_INIT(0xffff) };
static const struct rule_set k_set = {
    { { ZC_BE16_INIT(53), ZC_BE32_INIT(0x7f000001u), ZC_LE16_INIT(0x0102) },
      { ZC_BE16_INIT(8080), ZC_BE32_INIT(0xc0a80001u), ZC_LE16_INIT(0xfffe) } },
    ZC_LE64_INIT(0x0102030405060708ull),
    ZC_BE64_INIT(0xffffffff00000000ull),
    ZC_LE32_INIT(0x80000001u),
};

START_TEST(initialisers_everywhere)
{
    const zc_be16 local = ZC_BE16_INIT(0x86dd);
    const zc_le32 local32 = ZC_LE32_INIT(0xdeadbeefu);
    uint8_t buf[8];

    ck_assert_int_eq(ZC_TYPED_INIT, 1);
    ck_assert_uint_eq(zc_be16toh(k_ports[0]), 53);
    ck_assert_uint_eq(zc_be16toh(k_ports[1]), 443);
    ck_assert_uint_eq(zc_be16toh(k_ports[2]), 0xffff);
    ck_assert(zc_be16_eq(k_set.rules[0].port, zc_htobe16(53)));
    ck_assert(zc_be32_eq(k_set.rules[0].addr, zc_load_be32(wire + 12)));
    ck_assert(zc_le16_eq(k_set.rules[0].tag, zc_htole16(0x0102)));
    ck_assert_uint_eq(zc_be16toh(k_set.rules[1].port), 8080);
    ck_assert_uint_eq(zc_be32toh(k_set.rules[1].addr), 0xc0a80001u);
    ck_assert_uint_eq(zc_le16toh(k_set.rules[1].tag), 0xfffe);
    ck_assert_uint_eq(zc_le64toh(k_set.cookie), 0x0102030405060708ull);
    ck_assert_uint_eq(zc_be64toh(k_set.mask), 0xffffffff00000000ull);
    ck_assert_uint_eq(zc_le32toh(k_set.flags), 0x80000001u);
    ck_assert(zc_be16_eq(local, zc_htobe16(0x86dd)));
    ck_assert(zc_le32_eq(local32, zc_htole32(0xdeadbeefu)));
    /* the bytes in memory are the wire bytes */
    zc_store_be16(buf, k_set.rules[1].port);
    ck_assert_uint_eq(buf[0], 0x1f);
    ck_assert_uint_eq(buf[1], 0x90);
    zc_store_le64(buf, k_set.cookie);
    ck_assert_uint_eq(buf[0], 0x08);
    ck_assert_uint_eq(buf[7], 0x01);
    /* `raw` and the plain-struct layout are kept: no storage added */
    ck_assert_uint_eq(sizeof(zc_be16), sizeof(uint16_t));
    ck_assert_uint_eq(sizeof(zc_le16), sizeof(uint16_t));
    ck_assert_uint_eq(sizeof(zc_be32), sizeof(uint32_t));
    ck_assert_uint_eq(sizeof(zc_le32), sizeof(uint32_t));
    ck_assert_uint_eq(sizeof(zc_be64), sizeof(uint64_t));
    ck_assert_uint_eq(sizeof(zc_le64), sizeof(uint64_t));
    ck_assert_uint_eq(sizeof k_ports, 3 * sizeof(uint16_t));
    ck_assert_uint_eq(zc_be16toh(k_ports[2]), k_ports[2].raw);   /* 0xffff reads the same */
}
END_TEST

START_TEST(status_format)
{
    char buf[128];
    ck_assert_str_eq(zc_status_format(zc_ok(), buf, sizeof buf), "ok");
    zc_status s = zc_fail(ZC_ERR_TRUNCATED, 20, "ipv4.options\0");
    ck_assert_str_eq(zc_status_format(s, buf, sizeof buf), "truncated: ipv4.options at offset 20");
    ck_assert_ptr_null(zc_status_detail(s));
    ck_assert_ptr_null(zc_status_detail(zc_ok()));
    s = zc_fail(ZC_ERR_CONSTRAINT, 0, "ipv4.ihl\0" "ihl >= 5");
    ck_assert_str_eq(s.field, "ipv4.ihl");
    ck_assert_str_eq(zc_status_detail(s), "ihl >= 5");
    ck_assert_str_eq(zc_status_format(s, buf, sizeof buf),
                     "constraint failed: ipv4.ihl at offset 0: ihl >= 5");
    s = zc_fail(ZC_ERR_LENGTH, 123456789, "x.y\0" "a - b");
    ck_assert_str_eq(zc_status_format(s, buf, sizeof buf), "bad length: x.y at offset 123456789: a - b");
    /* small buffers are cut, never overrun, always terminated */
    char tiny[8];
    memset(tiny, 'X', sizeof tiny);
    zc_status_format(s, tiny, sizeof tiny);
    ck_assert_str_eq(tiny, "bad len");
    zc_status_format(s, tiny, 1);
    ck_assert_str_eq(tiny, "");
    ck_assert_str_eq(zc_status_format(s, tiny, 0), "");   /* untouched */
    ck_assert_str_eq(zc_code_name((zc_code)99), "unknown status");
}
END_TEST

/*
 * zc_status packs code, offset and field with no padding, whatever the
 * width of pointers and size_t: 16 bytes on 64-bit hosts (two registers on
 * x86-64 and AArch64), 12 on 32-bit ones.
 */
START_TEST(status_layout)
{
    zc_status s = zc_ok();
    ck_assert_uint_eq(sizeof s.offset, 4);
    ck_assert_uint_eq(offsetof(zc_status, offset), sizeof(zc_code));
    ck_assert_uint_eq(offsetof(zc_status, field), sizeof(zc_code) + sizeof(uint32_t));
    ck_assert_uint_eq(sizeof(zc_status), offsetof(zc_status, field) + sizeof(const char *));
    ck_assert_uint_eq(s.offset, 0);
    ck_assert_ptr_null(s.field);
}
END_TEST

/* zc_fail() keeps offsets up to UINT32_MAX and saturates larger ones. */
START_TEST(fail_saturates)
{
    ck_assert_uint_eq(zc_fail(ZC_ERR_TRUNCATED, 0, "x.y\0").offset, 0);
    ck_assert_uint_eq(zc_fail(ZC_ERR_TRUNCATED, (size_t)UINT32_MAX - 1, "x.y\0").offset,
                      UINT32_MAX - 1);
    ck_assert_uint_eq(zc_fail(ZC_ERR_TRUNCATED, (size_t)UINT32_MAX, "x.y\0").offset, UINT32_MAX);
    ck_assert_uint_eq(zc_fail(ZC_ERR_TRUNCATED, SIZE_MAX, "x.y\0").offset, UINT32_MAX);
#if SIZE_MAX > UINT32_MAX
    /* only a size_t wider than 32 bits can hold these */
    ck_assert_uint_eq(zc_fail(ZC_ERR_TRUNCATED, (size_t)UINT32_MAX + 1, "x.y\0").offset, UINT32_MAX);
    ck_assert_uint_eq(zc_fail(ZC_ERR_TRUNCATED, (size_t)UINT32_MAX + 5, "x.y\0").offset, UINT32_MAX);
#endif
}
END_TEST

/* s.offset + base, saturated at UINT32_MAX, computed without size_t math. */
static uint32_t nested_expected(uint32_t off, size_t base)
{
    if ((uint64_t)base >= UINT32_MAX)   /* then so is the sum */
        return UINT32_MAX;
    return (uint64_t)off + (uint64_t)base >= UINT32_MAX ? UINT32_MAX : off + (uint32_t)base;
}

/*
 * zc_fail_nested() saturates and never wraps. The old (size_t)s.offset +
 * base wrapped to a small offset when base is near SIZE_MAX (any host) and
 * whenever the sum passes 4 GiB on a host whose size_t has 32 bits; the
 * grid below has bases of both kinds, and includes SIZE_MAX and
 * (size_t)UINT32_MAX, which are the same value on such a host. Code and
 * field are kept.
 */
START_TEST(fail_nested_saturates)
{
    static const uint32_t offs[] = { 0, 1, 9, 20, 0x7fffffffu, UINT32_MAX - 20,
                                     UINT32_MAX - 1, UINT32_MAX };
    static const size_t bases[] = { 0, 1, 14, 34, 0x7fffffffu, 0x80000000u,
                                    (size_t)UINT32_MAX - 21, (size_t)UINT32_MAX - 20,
                                    (size_t)UINT32_MAX - 1, (size_t)UINT32_MAX,
                                    SIZE_MAX / 2, SIZE_MAX - 20, SIZE_MAX - 1, SIZE_MAX };
    size_t i, j;
    zc_status s = zc_fail(ZC_ERR_CONSTRAINT, 0, "ipv4.ihl\0" "ihl >= 5");

    /* the plain cases */
    s = zc_fail_nested(s, 14);
    ck_assert_uint_eq(s.offset, 14);
    ck_assert_int_eq(s.code, ZC_ERR_CONSTRAINT);
    ck_assert_str_eq(s.field, "ipv4.ihl");
    ck_assert_str_eq(zc_status_detail(s), "ihl >= 5");
    ck_assert_uint_eq(zc_fail_nested(s, 20).offset, 34);
    /* the wraps the old sum produced */
    ck_assert_uint_eq(zc_fail_nested(zc_fail(ZC_ERR_TRUNCATED, 10, "x.y\0"), SIZE_MAX - 3).offset,
                      UINT32_MAX);
    ck_assert_uint_eq(zc_fail_nested(zc_fail(ZC_ERR_TRUNCATED, 1, "x.y\0"), (size_t)UINT32_MAX).offset,
                      UINT32_MAX);
    ck_assert_uint_eq(zc_fail_nested(zc_fail(ZC_ERR_TRUNCATED, UINT32_MAX - 1, "x.y\0"), 9).offset,
                      UINT32_MAX);
    /* exact right up to the limit */
    ck_assert_uint_eq(zc_fail_nested(zc_fail(ZC_ERR_TRUNCATED, 10, "x.y\0"), (size_t)UINT32_MAX - 11).offset,
                      UINT32_MAX - 1);
    ck_assert_uint_eq(zc_fail_nested(zc_fail(ZC_ERR_TRUNCATED, 10, "x.y\0"), (size_t)UINT32_MAX - 10).offset,
                      UINT32_MAX);
    /* a saturated offset stays saturated */
    ck_assert_uint_eq(zc_fail_nested(zc_fail(ZC_ERR_TRUNCATED, SIZE_MAX, "x.y\0"), 0).offset, UINT32_MAX);
    ck_assert_uint_eq(zc_fail_nested(zc_fail(ZC_ERR_TRUNCATED, SIZE_MAX, "x.y\0"), 1).offset, UINT32_MAX);

    for (i = 0; i < sizeof offs / sizeof offs[0]; i++) {
        for (j = 0; j < sizeof bases / sizeof bases[0]; j++) {
            zc_status in = zc_fail(ZC_ERR_TRUNCATED, offs[i], "x.y\0");
            zc_status out = zc_fail_nested(in, bases[j]);
            ck_assert_msg(out.offset == nested_expected(offs[i], bases[j]),
                          "zc_fail_nested(%lu, %llu) = %lu, want %lu", (unsigned long)offs[i],
                          (unsigned long long)bases[j], (unsigned long)out.offset,
                          (unsigned long)nested_expected(offs[i], bases[j]));
            ck_assert_uint_ge(out.offset, offs[i]);   /* never smaller: no wrap */
            ck_assert_int_eq(out.code, ZC_ERR_TRUNCATED);
            ck_assert_ptr_eq(out.field, in.field);
        }
    }
}
END_TEST

START_TEST(bytes_borrow)
{
    zc_bytes b = zc_bytes_make(wire + 12, 4);
    ck_assert_ptr_eq(b.ptr, wire + 12);
    ck_assert_uint_eq(b.len, 4);
}
END_TEST

/* ---- the builder core (zerocast_build.h), with a table written by hand ---- */

/* struct t { be16 a; u8 n; u8 data[n]; if (n > 1) be16 opt; u8 rest[]; },
   laid out the way generated code lays out its builder. */
typedef struct {
    const uint8_t *zc_base;
    size_t zc_len;
    size_t zc_end[1];
} t_view;
typedef struct {
    t_view v;
    uint8_t *zc_wbase;
} t_mview;
typedef struct {
    t_mview m;
    zc_bcore zc;
} t_builder;

static int t_closes;          /* close() calls */
static int64_t t_closed_n;    /* the last close()'s n */

static bool t_present(const void *vb, int k)
{
    const t_builder *b = (const t_builder *)vb;
    return k != 3 || (b->m.v.zc_len > 2 && b->m.v.zc_base[2] > 1);
}

static zc_status t_place(void *vb, int k)
{
    t_builder *b = (t_builder *)vb;
    if (k == 0)   /* a constant: 0x0102 */
        zc_store_be16(b->m.zc_wbase, zc_htobe16(0x0102));
    return zc_ok();
}

static zc_status t_close(void *vb, int k, int64_t n, size_t start)
{
    t_builder *b = (t_builder *)vb;
    t_closes++;
    t_closed_n = n;
    if (k == 2) {   /* derives n */
        if (n > 255)
            return zc_fail(ZC_ERR_RANGE, start, "t.n\0too long");
        b->m.zc_wbase[2] = (uint8_t)n;
    }
    return zc_ok();
}

static const zc_bfield t_fields[5] = {
    { "t.a\0", 2, ZC_BF_ROOM, ZC_BF_PLACE, -1, 0 },
    { "t.n\0", 1, ZC_BF_ROOM, 0, -1, 0 },
    { "t.data\0", 0, ZC_BF_REGION, ZC_BF_SIZED, 0, 0 },
    { "t.opt\0", 2, ZC_BF_ROOM, 0, -1, 0 },
    { "t.rest\0", 0, ZC_BF_REGION, 0, -1, 0 },
};
static const zc_bdesc t_desc = {
    t_fields, 5, "t\0a nested builder was begun and not ended", sizeof(t_builder),
    ZC_BDESC_OFFS(t_builder, t_mview, t_view), ZC_BDESC_END(t_builder, t_mview, t_view),
    t_present, t_place, t_close
};

START_TEST(bcore_places_defaults_and_derives)
{
    uint8_t buf[16];
    t_builder b;
    const uint8_t data[3] = { 7, 8, 9 };

    memset(buf, 0xee, sizeof buf);
    t_closes = 0;
    zc_b_init(&b, &t_desc, buf, sizeof buf);
    ck_assert_ptr_eq(b.m.zc_wbase, buf);
    ck_assert_ptr_eq(b.m.v.zc_base, buf);
    ck_assert_uint_eq(b.m.v.zc_len, 0);
    ck_assert_int_eq(zc_b_append(&b, &t_desc, 2, data, 2).code, ZC_OK);   /* places a, n; opens data */
    ck_assert_int_eq(zc_b_append(&b, &t_desc, 2, data + 2, 1).code, ZC_OK);  /* appends */
    ck_assert_uint_eq(b.m.v.zc_len, 6);
    ck_assert_int_eq(t_closes, 0);
    ck_assert_int_eq(zc_b_put(&b, &t_desc, 3).code, ZC_OK);   /* closes data: n = 3, opt present */
    ck_assert_int_eq(t_closes, 1);
    ck_assert_int_eq(t_closed_n, 3);
    ck_assert_uint_eq(b.m.v.zc_end[0], 6);
    ck_assert_uint_eq(b.m.v.zc_len, 8);
    ck_assert_int_eq(zc_b_reach(&b, &t_desc, 5, "t\0").code, ZC_OK);   /* rest: empty */
    ck_assert_uint_eq(b.m.v.zc_len, 8);
    {
        const uint8_t want[8] = { 1, 2, 3, 7, 8, 9, 0, 0 };
        ck_assert_mem_eq(buf, want, 8);
    }
    ck_assert_uint_eq(buf[8], 0xee);   /* nothing written past the message */
}
END_TEST

START_TEST(bcore_absent_and_order)
{
    uint8_t buf[16];
    t_builder b;
    zc_status st;

    zc_b_init(&b, &t_desc, buf, sizeof buf);
    st = zc_b_put(&b, &t_desc, 3);   /* n = 0 when data closes: opt absent */
    ck_assert_int_eq(st.code, ZC_ERR_ABSENT);
    ck_assert_str_eq(st.field, "t.opt");
    ck_assert_uint_eq(st.offset, 3);
    st = zc_b_put(&b, &t_desc, 4);   /* sticks */
    ck_assert_int_eq(st.code, ZC_ERR_ABSENT);
    ck_assert_uint_eq(b.m.v.zc_len, 3);

    zc_b_init(&b, &t_desc, buf, sizeof buf);
    ck_assert_int_eq(zc_b_put(&b, &t_desc, 1).code, ZC_OK);
    st = zc_b_put(&b, &t_desc, 0);   /* a comes before n */
    ck_assert_int_eq(st.code, ZC_ERR_ORDER);
    ck_assert_str_eq(st.field, "t.a");
    st = zc_b_commit(&b, &t_desc, 4, 0);
    ck_assert_int_eq(st.code, ZC_ERR_ORDER);
    ck_assert_str_eq(st.field, "t.a");   /* the first failure */
}
END_TEST

START_TEST(bcore_space_sticks_and_writes_nothing)
{
    uint8_t buf[8];
    t_builder b;
    zc_status st;
    zc_wbytes w;

    memset(buf, 0xee, sizeof buf);
    zc_b_init(&b, &t_desc, buf, 5);
    st = zc_b_append(&b, &t_desc, 2, "abc", 3);
    ck_assert_int_eq(st.code, ZC_ERR_SPACE);
    ck_assert_str_eq(st.field, "t.data");
    ck_assert_uint_eq(st.offset, 3);
    ck_assert_uint_eq(b.m.v.zc_len, 3);
    ck_assert_uint_eq(buf[3], 0xee);
    w = zc_b_open(&b, &t_desc, 4);
    ck_assert_uint_eq(w.len, 0);
    ck_assert_int_eq(zc_b_reach(&b, &t_desc, 5, "t\0").code, ZC_ERR_SPACE);

    /* no buffer: no room at all, and no pointer arithmetic on NULL */
    zc_b_init(&b, &t_desc, NULL, 100);
    ck_assert_uint_eq(b.zc.cap, 0);
    w = zc_b_open(&b, &t_desc, 2);
    ck_assert_int_eq(b.zc.st.code, ZC_ERR_SPACE);
    ck_assert_ptr_null(w.ptr);
    ck_assert_uint_eq(w.len, 0);
}
END_TEST

START_TEST(bcore_open_commit_and_most)
{
    uint8_t buf[16];
    t_builder b;
    zc_wbytes w;

    zc_b_init(&b, &t_desc, buf, sizeof buf);
    w = zc_b_open(&b, &t_desc, 2);
    ck_assert_ptr_eq(w.ptr, buf + 3);
    ck_assert_uint_eq(w.len, 13);
    w.ptr[0] = 42;
    ck_assert_int_eq(zc_b_commit(&b, &t_desc, 2, 1).code, ZC_OK);
    ck_assert_int_eq(zc_b_commit(&b, &t_desc, 2, 13).code, ZC_ERR_SPACE);
    ck_assert_uint_eq(b.m.v.zc_len, 4);

    ck_assert_uint_eq(zc_b_most(100, 10, 4), 6);
    ck_assert_uint_eq(zc_b_most(3, 10, 4), 3);
    ck_assert_uint_eq(zc_b_most(100, 3, 4), 0);
}
END_TEST

/* A builder holds no pointer into itself: a copy builds on its own. */
START_TEST(bcore_builder_is_a_value)
{
    uint8_t buf[16];
    t_builder b, c;

    zc_b_init(&b, &t_desc, buf, sizeof buf);
    ck_assert_int_eq(zc_b_append(&b, &t_desc, 2, "xy", 2).code, ZC_OK);
    c = b;
    ck_assert_int_eq(zc_b_append(&c, &t_desc, 2, "z", 1).code, ZC_OK);
    ck_assert_uint_eq(b.m.v.zc_len, 5);
    ck_assert_uint_eq(c.m.v.zc_len, 6);
    ck_assert_int_eq(zc_b_reach(&c, &t_desc, 5, "t\0").code, ZC_OK);
    ck_assert_uint_eq(buf[2], 3);
}
END_TEST

/* A nested builder: everything waits for its end; the wrong one is refused. */
START_TEST(bcore_children)
{
    uint8_t buf[16];
    t_builder b, c, other;
    zc_status st;

    zc_b_init(&b, &t_desc, buf, sizeof buf);
    ck_assert_int_eq(zc_b_begin(&b, &t_desc, 4, true, &c, &t_desc).code, ZC_OK);
    ck_assert_ptr_eq(c.m.zc_wbase, buf + 3);
    ck_assert_uint_eq(c.zc.cap, 13);
    zc_b_init(&other, &t_desc, buf + 8, 8);
    st = zc_b_end(&b, &t_desc, 4, true, &other, &t_desc, "t.rest\0not the builder begun for it");
    ck_assert_int_eq(st.code, ZC_ERR_ORDER);
    ck_assert_str_eq(zc_status_detail(st), "not the builder begun for it");

    zc_b_init(&b, &t_desc, buf, sizeof buf);
    ck_assert_int_eq(zc_b_begin(&b, &t_desc, 4, true, &c, &t_desc).code, ZC_OK);
    st = zc_b_append(&b, &t_desc, 4, "x", 1);
    ck_assert_int_eq(st.code, ZC_ERR_ORDER);
    ck_assert_str_eq(zc_status_detail(st), "a nested builder was begun and not ended");

    zc_b_init(&b, &t_desc, buf, sizeof buf);
    ck_assert_int_eq(zc_b_begin(&b, &t_desc, 4, true, &c, &t_desc).code, ZC_OK);
    ck_assert_int_eq(zc_b_reach(&c, &t_desc, 5, "t\0").code, ZC_OK);
    st = zc_b_end(&b, &t_desc, 4, true, &c, &t_desc, "t.rest\0not the builder begun for it");
    ck_assert_int_eq(st.code, ZC_OK);
    ck_assert_int_eq(zc_b_ended(&b, &t_desc, st, c.m.v.zc_len).code, ZC_OK);
    ck_assert_uint_eq(b.m.v.zc_len, 6);
    ck_assert_uint_eq(b.zc.count, 1);
    /* a child's failure is re-based onto the parent */
    st = zc_b_ended(&b, &t_desc, zc_fail(ZC_ERR_SPACE, 2, "t.a\0"), 0);
    ck_assert_int_eq(st.code, ZC_ERR_SPACE);
    ck_assert_uint_eq(st.offset, 8);
    ck_assert_int_eq(b.zc.st.code, ZC_ERR_SPACE);
}
END_TEST

START_TEST(bcore_parsed_and_measured)
{
    uint8_t buf[16];
    t_builder b;
    zc_status st;

    zc_b_init(&b, &t_desc, buf, sizeof buf);
    ck_assert_int_eq(zc_b_reach(&b, &t_desc, 5, "t\0").code, ZC_OK);
    st = zc_b_parsed(&b, &t_desc, zc_ok(), 2, "t\0parses shorter than built");
    ck_assert_int_eq(st.code, ZC_ERR_MALFORMED);
    ck_assert_uint_eq(st.offset, 2);
    ck_assert_int_eq(b.zc.st.code, ZC_ERR_MALFORMED);

    zc_b_init(&b, &t_desc, buf, sizeof buf);
    ck_assert_int_eq(zc_b_enter(&b, &t_desc, 4, "t.rest\0").code, ZC_OK);
    st = zc_b_put_measured(&b, &t_desc, 4, zc_ok(), 1, "ab", 2, "t.rest\0bytes after the end");
    ck_assert_int_eq(st.code, ZC_ERR_MALFORMED);
    ck_assert_uint_eq(st.offset, 4);   /* 1, re-based at 3 */
    zc_b_init(&b, &t_desc, buf, sizeof buf);
    ck_assert_int_eq(zc_b_enter(&b, &t_desc, 4, "t.rest\0").code, ZC_OK);
    ck_assert_int_eq(zc_b_put_measured(&b, &t_desc, 4, zc_ok(), 2, "ab", 2, "t.rest\0").code, ZC_OK);
    ck_assert_uint_eq(b.m.v.zc_len, 5);
    ck_assert_mem_eq(buf + 3, "ab", 2);
}
END_TEST

/* ---- variable-length integers (section 4c) ------------------------------ */

/* QUIC: every boundary value at its minimal width, re-decoded; at every
   wider width too (non-minimal encodings are valid); cut at every byte. */
START_TEST(quic_varint_boundaries)
{
    static const uint64_t vals[] = { 0, 1, 37, 63, 64, 15293, 16383, 16384, 494878333, 1073741823,
                                     1073741824, 151288809941952652ull, 0x3fffffffffffffffull };
    static const size_t minw[] = { 1, 1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8 };
    for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++) {
        ck_assert_uint_eq(zc_quic_varint_len(vals[k]), minw[k]);
        for (size_t w = 1; w <= 8; w *= 2) {
            uint8_t buf[8];
            uint64_t v = 99;
            size_t n = 99;
            if (w < minw[k]) {
                memset(buf, 0xee, sizeof buf);
                ck_assert_uint_eq(zc_quic_varint_encode(buf, w, vals[k]), 0);
                ck_assert_uint_eq(buf[0], 0xee);   /* nothing written */
                continue;
            }
            ck_assert_uint_eq(zc_quic_varint_encode(buf, w, vals[k]), w);
            ck_assert_uint_eq(zc_quic_varint_width(buf[0]), w);
            ck_assert_int_eq(zc_quic_varint_decode(buf, w, &v, &n), ZC_VARINT_OK);
            ck_assert_uint_eq(v, vals[k]);
            ck_assert_uint_eq(n, w);
            ck_assert_uint_eq(zc_quic_varint_value(buf, w), vals[k]);
            ck_assert_uint_eq(zc_quic_varint_size(buf, 8), w);
            for (size_t cut = 0; cut < w; cut++) {
                ck_assert_int_eq(zc_quic_varint_decode(buf, cut, &v, &n), ZC_VARINT_TRUNCATED);
                ck_assert_uint_eq(v, 0);
                ck_assert_uint_eq(n, 0);
            }
        }
    }
    /* RFC 9000 appendix A.1 examples */
    {
        static const uint8_t a[] = { 0xc2, 0x19, 0x7c, 0x5e, 0xff, 0x14, 0xe8, 0x8c };
        static const uint8_t b4[] = { 0x9d, 0x7f, 0x3e, 0x7d };
        static const uint8_t c[] = { 0x7b, 0xbd };
        static const uint8_t d[] = { 0x25 };
        static const uint8_t e[] = { 0x40, 0x25 };
        ck_assert_uint_eq(zc_quic_varint_value(a, sizeof a), 151288809941952652ull);
        ck_assert_uint_eq(zc_quic_varint_value(b4, sizeof b4), 494878333u);
        ck_assert_uint_eq(zc_quic_varint_value(c, sizeof c), 15293u);
        ck_assert_uint_eq(zc_quic_varint_value(d, sizeof d), 37u);
        ck_assert_uint_eq(zc_quic_varint_value(e, sizeof e), 37u);
    }
    {
        uint8_t buf[8];
        ck_assert_uint_eq(zc_quic_varint_len(0x4000000000000000ull), 0);
        ck_assert_uint_eq(zc_quic_varint_encode(buf, 8, 0x4000000000000000ull), 0);
        ck_assert_uint_eq(zc_quic_varint_encode(buf, 3, 1), 0);
        ck_assert_uint_eq(zc_quic_varint_encode(buf, 0, 1), 0);
    }
}
END_TEST

START_TEST(leb128_boundaries)
{
    static const uint64_t vals[] = { 0, 1, 127, 128, 300, 16383, 16384, 2097151, 2097152, 268435455,
                                     268435456, 0x7fffffffffffffffull, 0x8000000000000000ull, UINT64_MAX };
    for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++) {
        size_t minw = zc_leb128_len(vals[k]);
        uint64_t x = vals[k];
        size_t expect = 1;
        while (x > 127) {
            x >>= 7;
            expect++;
        }
        ck_assert_uint_eq(minw, expect);
        for (size_t w = 1; w <= 10; w++) {
            uint8_t buf[10];
            uint64_t v = 99;
            size_t n = 99;
            if (w < minw) {
                memset(buf, 0xee, sizeof buf);
                ck_assert_uint_eq(zc_leb128_encode(buf, w, vals[k]), 0);
                ck_assert_uint_eq(buf[0], 0xee);
                continue;
            }
            ck_assert_uint_eq(zc_leb128_encode(buf, w, vals[k]), w);
            ck_assert_int_eq(zc_leb128_decode(buf, w, 10, &v, &n), ZC_VARINT_OK);
            ck_assert_uint_eq(v, vals[k]);
            ck_assert_uint_eq(n, w);
            /* a maximum below the width: too long, or truncated if the input ends first */
            if (w > 1) {
                ck_assert_int_eq(zc_leb128_decode(buf, w, (unsigned)w - 1, &v, &n), ZC_VARINT_TOO_LONG);
                ck_assert_uint_eq(n, 0);
            }
            for (size_t cut = 0; cut < w; cut++)
                ck_assert_int_eq(zc_leb128_decode(buf, cut, 10, &v, &n), ZC_VARINT_TRUNCATED);
        }
    }
    /* MQTT 3.1.1 section 2.2.3's table: leb128(4) */
    {
        static const uint8_t a[] = { 0x7f }, b2[] = { 0x80, 0x01 }, c[] = { 0xff, 0x7f },
                             d[] = { 0x80, 0x80, 0x01 }, e[] = { 0xff, 0xff, 0xff, 0x7f },
                             toolong[] = { 0xff, 0xff, 0xff, 0xff, 0x01 };
        uint64_t v;
        size_t n;
        ck_assert_uint_eq(zc_leb128_value(a, 1, 4), 127);
        ck_assert_uint_eq(zc_leb128_value(b2, 2, 4), 128);
        ck_assert_uint_eq(zc_leb128_value(c, 2, 4), 16383);
        ck_assert_uint_eq(zc_leb128_value(d, 3, 4), 16384);
        ck_assert_uint_eq(zc_leb128_value(e, 4, 4), 268435455);
        ck_assert_uint_eq(zc_leb128_size(e, 4, 4), 4);
        ck_assert_int_eq(zc_leb128_decode(toolong, sizeof toolong, 4, &v, &n), ZC_VARINT_TOO_LONG);
        ck_assert_int_eq(zc_leb128_decode(toolong, 3, 4, &v, &n), ZC_VARINT_TRUNCATED);
        ck_assert_uint_eq(zc_leb128_value(toolong, sizeof toolong, 4), 0);
    }
    /* protobuf: 10 bytes at most; the 10th holds bit 63 only */
    {
        uint8_t buf[11];
        uint64_t v;
        size_t n;
        memset(buf, 0xff, 9);
        buf[9] = 0x01;
        ck_assert_int_eq(zc_leb128_decode(buf, 10, 10, &v, &n), ZC_VARINT_OK);
        ck_assert_uint_eq(v, UINT64_MAX);
        buf[9] = 0x02;
        ck_assert_int_eq(zc_leb128_decode(buf, 10, 10, &v, &n), ZC_VARINT_OVERFLOW);
        ck_assert_uint_eq(v, 0);
        buf[9] = 0x83;
        ck_assert_int_eq(zc_leb128_decode(buf, 10, 10, &v, &n), ZC_VARINT_OVERFLOW);
        buf[9] = 0x80;   /* continuation on the 10th byte: never an 11th */
        buf[10] = 0x00;
        ck_assert_int_eq(zc_leb128_decode(buf, 11, 10, &v, &n), ZC_VARINT_TOO_LONG);
        ck_assert_int_eq(zc_leb128_decode(buf, 11, 99, &v, &n), ZC_VARINT_TOO_LONG);   /* max is capped */
        ck_assert_uint_eq(zc_leb128_encode(buf, 11, 1), 0);
        ck_assert_uint_eq(zc_leb128_encode(buf, 0, 0), 0);
    }
}
END_TEST

/* Signed wire types: two's complement in both byte orders, whatever the
   host's (the cross suite runs this on s390x and i686). */
START_TEST(signed_wire_types)
{
    static const uint8_t b[8] = { 0xff, 0xfe, 0x80, 0x00, 0x7f, 0xff, 0xff, 0xff };
    static const zc_ibe16 k = ZC_IBE16_INIT(-2);
    static const zc_ile32 k2 = ZC_ILE32_INIT(-123456);
    uint8_t out[8];

    ck_assert_int_eq(zc_ibe16toh(zc_load_ibe16(b)), -2);
    ck_assert_int_eq(zc_ile16toh(zc_load_ile16(b)), -257);
    ck_assert_int_eq(zc_ibe16toh(zc_load_ibe16(b + 2)), INT16_MIN);
    ck_assert_int_eq(zc_ile16toh(zc_load_ile16(b + 2)), 128);
    ck_assert_int_eq(zc_ibe32toh(zc_load_ibe32(b)), -98304);
    ck_assert_int_eq(zc_ile32toh(zc_load_ile32(b + 4)), -129);
    ck_assert_int_eq(zc_ibe32toh(zc_load_ibe32(b + 4)), 0x7fffffff);
    ck_assert(zc_ibe64toh(zc_load_ibe64(b)) == INT64_C(-422210317582337));
    ck_assert(zc_ile64toh(zc_load_ile64(b)) == INT64_C(-554042327297));
    ck_assert_int_eq(zc_ibe16toh(k), -2);
    ck_assert(zc_ibe16_eq(k, zc_load_ibe16(b)));
    ck_assert_int_eq(zc_ile32toh(k2), -123456);
    ck_assert_int_eq(zc_load_i8(b + 2), -128);
    ck_assert_int_eq(zc_load_i8(b + 4), 127);
    /* the extremes, through every store */
    zc_store_ibe64(out, zc_htoibe64(INT64_MIN));
    ck_assert_uint_eq(out[0], 0x80);
    ck_assert_uint_eq(out[7], 0x00);
    ck_assert(zc_ibe64toh(zc_load_ibe64(out)) == INT64_MIN);
    zc_store_ile64(out, zc_htoile64(-1));
    ck_assert(zc_ile64toh(zc_load_ile64(out)) == -1);
    zc_store_ile16(out, zc_htoile16(-300));
    ck_assert_uint_eq(out[0], 0xd4);
    ck_assert_uint_eq(out[1], 0xfe);
    zc_store_ibe32(out, zc_htoibe32(INT32_MIN));
    ck_assert_int_eq(zc_ibe32toh(zc_load_ibe32(out)), INT32_MIN);
    ck_assert_uint_eq(out[0], 0x80);
    /* zc_sext: every width's extremes */
    ck_assert(zc_sext(0x8, 4) == -8);
    ck_assert(zc_sext(0x7, 4) == 7);
    ck_assert(zc_sext(0xf, 4) == -1);
    ck_assert(zc_sext(0x1f, 4) == -1);   /* bits above the width are ignored */
    ck_assert(zc_sext(1, 1) == -1);
    ck_assert(zc_sext(UINT64_C(0x8000000000000000), 64) == INT64_MIN);
    ck_assert(zc_sext(UINT64_MAX, 64) == -1);
}
END_TEST

/* LSB-first groups and iterators over arrays of wire integers. */
START_TEST(lsb_groups_and_wire_iters)
{
    uint8_t g[8] = { 0x2e, 0x48, 0x00, 0x80, 0x01, 0x02, 0x03, 0x04 };
    zc_be16_iter it;
    zc_be16 x;
    zc_ile32_iter jt;
    zc_ile32 y;
    int n = 0;

    ck_assert_uint_eq(zc_load_lsb16(g), 0x482e);
    ck_assert_uint_eq(zc_load_lsb24(g), 0x482e);
    ck_assert_uint_eq(zc_load_lsb32(g), 0x8000482eu);
    ck_assert(zc_load_lsb64(g) == UINT64_C(0x040302018000482e));
    ck_assert(zc_load_lsbn(g, 5) == UINT64_C(0x018000482e));
    zc_store_bits_lsb(g, 4, 1, 3, 5);   /* bits 1..3 of 0x2e (0b00101110) := 0b101 */
    ck_assert_uint_eq(g[0], 0x2a);
    ck_assert_uint_eq(g[3], 0x80);
    zc_store_bits_lsb(g, 4, 4, 24, 0xabcdef);   /* across bytes 0..3 */
    ck_assert_uint_eq(zc_load_lsb32(g), 0x8abcdefau);

    ZC_ITER_INIT(it, g, 1, 6, UINT64_MAX);   /* 5 bytes: two elements, then the end */
    while (zc_be16_next(&it, &x))
        n++;
    ck_assert_int_eq(n, 2);
    ck_assert_uint_eq(it.zc_pos, 5);
    ZC_ITER_INIT(jt, g, 0, 8, 1);            /* a count stops the walk */
    ck_assert(zc_ile32_next(&jt, &y));
    ck_assert(!zc_ile32_next(&jt, &y));
    ck_assert_int_eq(zc_ile32toh(y), (int32_t)-0x75432106);
}
END_TEST

static Suite *runtime_suite(void)
{
    Suite *s = suite_create("runtime");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, loads_read_wire_order);
    tcase_add_test(tc, msb_group_loads);
    tcase_add_test(tc, stores_round_trip);
    tcase_add_test(tc, static_constants);
    tcase_add_test(tc, initialisers_everywhere);
    tcase_add_test(tc, status_format);
    tcase_add_test(tc, status_layout);
    tcase_add_test(tc, fail_saturates);
    tcase_add_test(tc, fail_nested_saturates);
    tcase_add_test(tc, bytes_borrow);
    tcase_add_test(tc, signed_wire_types);
    tcase_add_test(tc, lsb_groups_and_wire_iters);
    suite_add_tcase(s, tc);
    tc = tcase_create("builder core");
    tcase_add_test(tc, bcore_places_defaults_and_derives);
    tcase_add_test(tc, bcore_absent_and_order);
    tcase_add_test(tc, bcore_space_sticks_and_writes_nothing);
    tcase_add_test(tc, bcore_open_commit_and_most);
    tcase_add_test(tc, bcore_builder_is_a_value);
    tcase_add_test(tc, bcore_children);
    tcase_add_test(tc, bcore_parsed_and_measured);
    suite_add_tcase(s, tc);
    tc = tcase_create("varint");
    tcase_add_test(tc, quic_varint_boundaries);
    tcase_add_test(tc, leb128_boundaries);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(runtime_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
