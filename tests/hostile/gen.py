#!/usr/bin/env python3
"""tests/hostile/gen.py OUTDIR SCHEMAS_DIR - writes the hostile schemas.

Writes every case's input under OUTDIR and prints one manifest line per case:

    NAME <TAB> EXPECT <TAB> ASAN <TAB> ARGS

EXPECT  ok          exit 0 (and, with -o, a non-empty output file)
        err[:TEXT]  exit 1, an 'error:' diagnostic (containing TEXT), no output
        any         either of the above (random input)
ASAN    same        the ASan+UBSan compiler runs the same command
        check       it runs with --check instead of writing the (huge) output
ARGS    compiler arguments, space-separated; @OUT@ is replaced by the output
        path, @SCHEMAS@ by SCHEMAS_DIR; file names are relative to OUTDIR.

Everything is deterministic (fixed seeds), so a failure is reproducible by
re-running this script. Limits the cases aim at: docs/schema-language.md
"Limits"; results: docs/hardening.md.
"""
import os
import random
import sys

OUT, SCHEMAS = sys.argv[1], sys.argv[2]
MiB = 1024 * 1024
LIMIT = 16 * MiB            # ZCC_MAX_SOURCE_BYTES
manifest = []


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data.encode() if isinstance(data, str) else data)
    return name


def case(name, expect, args, asan='same'):
    manifest.append('\t'.join((name, expect, asan, args)))


def header(name, expect, text, asan='same'):
    """A schema compiled to a header (-o)."""
    case(name, expect, write(name + '.zc', text) + ' -o @OUT@', asan)


def check(name, expect, text):
    """A schema only checked (--check): for inputs whose header would be huge."""
    case(name, expect, '--check ' + write(name + '.zc', text))


def fields(n, sep='\n'):
    return 'struct big {' + sep + sep.join('    u8 f%d;' % i for i in range(n)) + sep + '}\n'


def fields_upto(size, sep='\n'):
    parts, total, i = ['struct big {' + sep], 0, 0
    while total < size:
        p = '    u8 f%d;%s' % (i, sep)
        parts.append(p)
        total += len(p)
        i += 1
    parts.append('}\n')
    return ''.join(parts)


# ---- random bytes, token soup, mutated bundled schemas --------------------
for seed in (1, 2, 3):
    for size in (4096, 256 * 1024, 4 * MiB):
        rnd = random.Random(seed * 1000 + size)
        header('random-s%d-%dk' % (seed, size // 1024), 'any', rnd.randbytes(size))

TOKENS = ['import', 'struct', 'enum', 'const', 'bits', 'u8', 'u4', 'u1', 'be16', 'le32', 'be64',
          'x', 'y', 'len', 'ip_proto', 'TCP', '0', '1', '255', '0xffffffffffffffff', '"net.zc"',
          '{', '}', '[', ']', '(', ')', ';', ':', ',', '.', '=', '==', '!=', '<', '<=', '>', '>=',
          '+', '-', '*', '/', '%', '!', '&&', '||', '//c\n', '/*c*/', '\n']
for seed in (1, 2, 3):
    rnd = random.Random(seed)
    header('tokens-s%d' % seed, 'any',
           ' '.join(rnd.choice(TOKENS) for _ in range(60000)))

for seed in (1, 2):
    for schema in sorted(os.listdir(SCHEMAS)):
        if not schema.endswith('.zc'):
            continue
        rnd = random.Random('%s-%d' % (schema, seed))
        data = bytearray(open(os.path.join(SCHEMAS, schema), 'rb').read())
        for _ in range(rnd.randint(1, 8)):
            op = rnd.randrange(3)
            pos = rnd.randrange(len(data))
            if op == 0:
                data[pos] = rnd.randrange(256)
            elif op == 1:
                del data[pos:pos + rnd.randint(1, 16)]
            else:
                data[pos:pos] = bytes(rnd.choice(TOKENS), 'ascii') * rnd.randint(1, 3)
        name = 'mutant-%s-s%d' % (schema[:-3], seed)
        case(name, 'any', write(name + '.zc', bytes(data)) + ' -I @SCHEMAS@ -o @OUT@')

# ---- file size: ZCC_MAX_SOURCE_BYTES = 16 MiB ------------------------------
small = 'struct s { u8 x; }\n'
pad = LIMIT - len(small)
header('size-16MiB-exactly', 'ok', small + ('//' + 'x' * 1021 + '\n') * (pad // 1024)
       + ' ' * (pad % 1024))
header('size-16MiB-plus-1', 'err:larger than', small + ' ' * (pad + 1))
header('random-20MB', 'err:larger than', random.Random(20).randbytes(20 * 1000 * 1000))
case('dev-zero-as-schema', 'err:larger than', '/dev/zero -o @OUT@')
header('fields-10MB', 'ok', fields_upto(10 * MiB), asan='check')
check('long-line-10MB', 'ok', fields_upto(10 * MiB, sep=' '))
header('long-line-garbage-1MB', 'err:stray', fields(20000, sep=' ').replace('}', '$ ' * 400000 + '}'))

# ---- many fields, members, groups; nesting ---------------------------------
header('fields-10000', 'ok', fields(10000))
case('fields-10000-layout', 'ok', '--emit=layout fields-10000.zc -o @OUT@')
case('fields-10000-fuzz', 'ok', '--emit=fuzz fields-10000.zc -o @OUT@')
check('fields-100000-constrained', 'ok',
      'struct big {\n' + ''.join('    u8 f%d { f%d != 7 };\n' % (i, i) for i in range(100000)) + '}\n')
check('bitgroups-50000', 'ok',
      'struct s {\n' + ''.join('    bits g%d { u4 a%d; u4 b%d; }\n' % (i, i, i) for i in range(50000)) + '}\n')
header('enum-10000', 'ok',
       'enum q : be16 {\n' + ''.join('    m%d = %d,\n' % (i, i) for i in range(10000)) + '}\n'
       + 'struct s { q x; }\n')
check('enum-300000', 'ok',
      'enum q : be32 {\n' + ''.join('    m%d = %d,\n' % (i, i) for i in range(300000)) + '}\n')
check('enum-100000-same-value', 'ok',
      'enum q : u8 {\n' + ''.join('    m%d = 1,\n' % i for i in range(100000)) + '}\n')

header('nest-1000-forward', 'ok', 'struct s0 { u8 x; }\n'
       + ''.join('struct s%d { s%d x; }\n' % (i, i - 1) for i in range(1, 1000)))
header('nest-1000-reverse', 'ok', ''.join('struct s%d { s%d x; }\n' % (i, i - 1) for i in range(999, 0, -1))
       + 'struct s0 { u8 x; }\n')
check('nest-100000-reverse', 'err', ''.join('struct s%d { s%d x; }\n' % (i, i - 1) for i in range(100000, 0, -1))
      + 'struct s0 { u8 x; }\n')
check('const-chain-100000', 'err', ''.join('const c%d = c%d;\n' % (i, i + 1) for i in range(100000))
      + 'const c100000 = 1;\n')
check('enum-chain-100000', 'err', ''.join('enum e%d : u8 { A = e%d.A }\n' % (i, i + 1) for i in range(100000))
      + 'enum e100000 : u8 { A = 1 }\n')
header('var-arrays-255', 'ok', 'struct s {\n' + ''.join('    u8 n%d; u8 a%d[n%d];\n' % (i, i, i) for i in range(255)) + '}\n')
header('var-arrays-100000', 'err', 'struct s {\n' + ''.join('    u8 n%d; u8 a%d[n%d];\n' % (i, i, i) for i in range(100000)) + '}\n')
header('huge-arrays', 'err:larger than', 'struct s { u8 a[2147483647]; u8 b[2147483647]; u8 c; }\n')
header('struct-open-braces-100000', 'err', 'struct s {\n' * 100000)

# ---- imports: ZCC_MAX_IMPORT_DEPTH = 64 ------------------------------------
def chain(dirname, n):
    for i in range(n - 1):
        write('%s/a%d.zc' % (dirname, i), 'import "a%d.zc";\nstruct t%d { u8 x; }\n' % (i + 1, i))
    write('%s/a%d.zc' % (dirname, n - 1), 'struct t%d { u8 x; }\n' % (n - 1))
    return '%s/a0.zc' % dirname


case('imports-65-files-64-deep', 'ok', chain('imp65', 65) + ' -o @OUT@')
case('imports-66-files-65-deep', 'err:imports nested more than 64 deep', chain('imp66', 66) + ' -o @OUT@')
case('imports-1000-deep', 'err:imports nested more than 64 deep', chain('imp1000', 1000) + ' -o @OUT@')
for i in range(2000):
    write('fan/b%d.zc' % i, 'struct w%d { u8 x; }\n' % i)
case('imports-2000-wide', 'ok',
     write('fan/root.zc', ''.join('import "b%d.zc";\n' % i for i in range(2000))
           + 'struct root { u8 x; }\n') + ' -o @OUT@')
header('import-path-10MB', 'err', 'import "' + 'a' * (10 * 1000 * 1000) + '";\n')

# ---- identifiers: ZCC_MAX_IDENT_LEN = 255 ----------------------------------
header('ident-255', 'ok', 'struct s { u8 %s; }\n' % ('a' * 255))
header('ident-256', 'err:identifier is too long', 'struct s { u8 %s; }\n' % ('a' * 256))
header('ident-100000', 'err:identifier is too long', 'struct %s { u8 x; }\n' % ('a' * 100000))
header('ident-10MB', 'err:identifier is too long', 'struct %s { u8 x; }\n' % ('b' * (10 * 1000 * 1000)))

# ---- expressions: ZCC_MAX_EXPR_DEPTH = 256, bison's stack (10000) -----------
header('expr-depth-256', 'ok', 'struct s { u8 n; u8 a[n' + ' + 1' * 255 + ']; }\n')
header('expr-depth-257', 'err:nested more than 256', 'struct s { u8 n; u8 a[n' + ' + 1' * 256 + ']; }\n')
header('expr-chain-1000000', 'err:nested more than 256', 'struct s { u8 n; u8 a[n' + ' + 1' * 1000000 + ']; }\n')
header('parens-5000', 'ok', 'struct s { u8 n; u8 a[' + '(' * 5000 + 'n' + ')' * 5000 + ']; }\n')
header('parens-100000', 'err', 'struct s { u8 n; u8 a[' + '(' * 100000 + 'n' + ')' * 100000 + ']; }\n')
header('unary-100000', 'err', 'const c = ' + '-' * 100000 + '1;\n')

# ---- NUL bytes, invalid UTF-8, line endings ---------------------------------
header('nul-in-comment', 'ok', b'// a \x00 comment\n/* \x00\x00 */ struct s { u8 x; }\n')
header('nul-between-tokens', 'err:stray byte 0x00', b'struct s {\x00 u8 x; }\n')
header('nul-in-identifier', 'err:stray byte 0x00', b'struct s { u8 ab\x00cd; }\n')
header('nul-in-import', 'err', b'import "net\x00.zc";\nstruct s { u8 x; }\n')
header('nul-1MB', 'err:stray byte 0x00', b'\x00' * MiB)
header('utf8-invalid-in-comment', 'ok', b'// \xff\xfe \xc0\xaf \xed\xa0\x80\n/* \x80 */ struct s { u8 x; }\n')
header('utf8-invalid-bare', 'err:stray byte', b'struct s\xc3\x28 { u8 x\xe2\x82; u8 \xf0\x28\x8c\xbc y; }\n')
header('utf8-overlong-and-surrogates', 'err:stray byte', b'struct s { u8 \xc0\xaf; u8 \xed\xa0\x80; }\n')
header('utf8-in-import', 'err', 'import "n\u00e9t\udcff.zc";\n'.encode('utf-8', 'surrogateescape'))
header('utf8-bom', 'any', b'\xef\xbb\xbfstruct s { u8 x; }\n')
header('crlf', 'ok', 'struct s {\r\n    be16 len { len >= 4 };\r\n    u8 d[len - 4];\r\n}\r\n')
header('cr-only', 'ok', 'struct s {\r    u8 x;\r}\r')
header('errors-1000000', 'err', 'struct s { u8 x; @ }\n' * 1000000, asan='check')
header('empty', 'any', '')
header('whitespace-10MB', 'any', ' \t\n' * (10 * MiB // 3))
header('unterminated-comment-10MB', 'err:unterminated comment', 'struct s { u8 x; }\n/*' + 'x' * (10 * MiB))

print('\n'.join(manifest))
