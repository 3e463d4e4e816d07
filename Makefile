# zerocast - build, test, demo.
#
#   make            build the compiler (gen/zerocast)
#   make headers    generate build/schemas/*.zc.h from schemas/*.zc
#   make demo       decode the bundled capture with examples/zcdemo
#   make check      the whole test suite (unit, golden, diagnostics,
#                   compile-fail, warnings matrix, sanitizers)
#   make deps       install the Debian packages everything needs (root)
#   make clean

CC       ?= cc
BISON    ?= bison
FLEX     ?= flex
PREFIX   ?= /usr/local

# The compiler itself: strict, warning-free on gcc and clang.
GEN_CFLAGS  = -std=c11 -D_XOPEN_SOURCE=700 -O2 -g -Wall -Wextra -Werror \
              -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# flex and bison output gets a narrower set (their code is not ours).
GEN_YYFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -O2 -g -Wall -Werror \
              -Wno-unused-function -Wno-unused-but-set-variable
SAN         = -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer

B        = build
GEN_SRC  = gen/util.c gen/diag.c gen/ast.c gen/load.c gen/check.c \
           gen/layout.c gen/emit_c.c gen/main.c
GEN_YY   = $(B)/gen/parser.c $(B)/gen/lexer.c
GEN_HDRS = gen/zcc.h $(B)/gen/parser.h

SCHEMAS  = $(filter-out schemas/net.zc,$(wildcard schemas/*.zc))
HEADERS  = $(patsubst schemas/%.zc,$(B)/schemas/%.zc.h,$(SCHEMAS))
ZEROCAST = gen/zerocast

.PHONY: all headers demo check deps clean bench
.DELETE_ON_ERROR:

all: $(ZEROCAST)

# ---- the compiler --------------------------------------------------------

$(B)/gen/parser.c $(B)/gen/parser.h: gen/parser.y
	@mkdir -p $(B)/gen
	$(BISON) -Wall -Werror --defines=$(B)/gen/parser.h -o $(B)/gen/parser.c $<

$(B)/gen/lexer.c: gen/lexer.l $(B)/gen/parser.h
	@mkdir -p $(B)/gen
	$(FLEX) -o $@ $<

$(ZEROCAST): $(GEN_SRC) $(GEN_YY) $(GEN_HDRS)
	$(CC) $(GEN_CFLAGS) -Igen -I$(B)/gen -c gen/util.c -o $(B)/gen/util.o
	$(CC) $(GEN_CFLAGS) -Igen -I$(B)/gen -c gen/diag.c -o $(B)/gen/diag.o
	$(CC) $(GEN_CFLAGS) -Igen -I$(B)/gen -c gen/ast.c -o $(B)/gen/ast.o
	$(CC) $(GEN_CFLAGS) -Igen -I$(B)/gen -c gen/load.c -o $(B)/gen/load.o
	$(CC) $(GEN_CFLAGS) -Igen -I$(B)/gen -c gen/check.c -o $(B)/gen/check.o
	$(CC) $(GEN_CFLAGS) -Igen -I$(B)/gen -c gen/layout.c -o $(B)/gen/layout.o
	$(CC) $(GEN_CFLAGS) -Igen -I$(B)/gen -c gen/emit_c.c -o $(B)/gen/emit_c.o
	$(CC) $(GEN_CFLAGS) -Igen -I$(B)/gen -c gen/main.c -o $(B)/gen/main.o
	$(CC) $(GEN_YYFLAGS) -Igen -I$(B)/gen -c $(B)/gen/parser.c -o $(B)/gen/parser.o
	$(CC) $(GEN_YYFLAGS) -Igen -I$(B)/gen -c $(B)/gen/lexer.c -o $(B)/gen/lexer.o
	$(CC) -o $@ $(patsubst gen/%.c,$(B)/gen/%.o,$(GEN_SRC)) $(B)/gen/parser.o $(B)/gen/lexer.o
