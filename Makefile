# zerocast - build, test, demo.
#
#   make            build the compiler (gen/zerocast)
#   make headers    generate build/schemas/*.zc.h from schemas/*.zc
#   make demo       decode the bundled capture with examples/zcdemo
#   make check      the whole test suite (unit, golden, diagnostics,
#                   compile-fail, warnings matrix, sanitizers, bench smoke)
#   make bench      benchmarks against the unsafe idiom, careful C, libtins
#   make fuzz       long libFuzzer runs (fuzz-smoke, a short one, is in check)
#   make deps       install the Debian packages everything needs (root)
#   make install    install into $(DESTDIR)$(PREFIX) (default /usr/local);
#   make uninstall  zerocast, runtime header, schemas, man pages,
#                   pkg-config file, CMake package, zerocast.mk
#   make clean

CC       ?= cc
BISON    ?= bison
FLEX     ?= flex
PREFIX   ?= /usr/local

# The compiler itself: strict, warning-free on gcc and clang.
DATADIR  ?= $(PREFIX)/share/zerocast/schemas

GEN_CFLAGS  = -std=c11 -D_XOPEN_SOURCE=700 -O2 -g -Wall -Wextra -Werror \
              -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
              -DZCC_DATADIR='"$(DATADIR)"'
# flex and bison output gets a narrower set (their code is not ours).
GEN_YYFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -O2 -g -Wall -Werror \
              -Wno-unused-function -Wno-unused-but-set-variable
SAN         = -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer

B        = build
GEN_SRC  = gen/util.c gen/diag.c gen/ast.c gen/load.c gen/check.c \
           gen/layout.c gen/names.c gen/emit_common.c gen/emit_view.c gen/emit_access.c gen/emit_acsl.c gen/emit_acsl_write.c gen/emit_acsl_frame.c gen/emit_acsl_array.c gen/emit_write.c \
           gen/emit_build.c gen/emit_visit.c gen/emit_walk.c gen/emit_header.c gen/emit_fuzz.c gen/emit_layout.c gen/emit_lua.c gen/main.c
GEN_YY   = $(B)/gen/parser.c $(B)/gen/lexer.c
GEN_HDRS = gen/zcc.h gen/names.h gen/emit.h gen/emit_parts.h $(B)/gen/parser.h

SCHEMAS  = $(wildcard schemas/*.zc)
HEADERS  = $(patsubst schemas/%.zc,$(B)/schemas/%.zc.h,$(SCHEMAS))
ZEROCAST = gen/zerocast

# Every runtime header: a prerequisite of whatever includes any of them.
RUNTIME_HDRS = $(wildcard runtime/*.h)

TEST_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -O1 -g -Wall -Wextra -Werror \
              -Iruntime -I$(B)/schemas $(SAN)
CHECK_LIBS  = $$(pkg-config --cflags --libs check)

.PHONY: all headers demo check check-build deps clean bench bench-smoke fuzz fuzz-smoke install
.DELETE_ON_ERROR:

all: $(ZEROCAST)

# ---- the compiler --------------------------------------------------------

$(B)/gen/parser.c $(B)/gen/parser.h: gen/parser.y
	@mkdir -p $(B)/gen
	$(BISON) -Wall -Werror --defines=$(B)/gen/parser.h -o $(B)/gen/parser.c $<

$(B)/gen/lexer.c: gen/lexer.l $(B)/gen/parser.h
	@mkdir -p $(B)/gen
	$(FLEX) -o $@ $<

GEN_OBJ  = $(patsubst gen/%.c,$(B)/gen/%.o,$(GEN_SRC)) $(B)/gen/parser.o $(B)/gen/lexer.o
ASAN_OBJ = $(patsubst $(B)/gen/%,$(B)/asan/%,$(GEN_OBJ))

$(B)/gen/%.o: gen/%.c $(GEN_HDRS)
	$(CC) $(GEN_CFLAGS) -Igen -I$(B)/gen -c $< -o $@

$(B)/gen/%.o: $(B)/gen/%.c $(GEN_HDRS)
	$(CC) $(GEN_YYFLAGS) -Igen -I$(B)/gen -c $< -o $@

$(ZEROCAST): $(GEN_OBJ)
	$(CC) -o $@ $(GEN_OBJ)

# The same compiler under ASan+UBSan: the test suite runs this one.
$(B)/asan/%.o: gen/%.c $(GEN_HDRS)
	@mkdir -p $(B)/asan
	$(CC) $(GEN_CFLAGS) $(SAN) -Igen -I$(B)/gen -c $< -o $@

$(B)/asan/%.o: $(B)/gen/%.c $(GEN_HDRS)
	@mkdir -p $(B)/asan
	$(CC) $(GEN_YYFLAGS) $(SAN) -Igen -I$(B)/gen -c $< -o $@

$(B)/asan/zerocast: $(ASAN_OBJ)
	$(CC) $(SAN) -o $@ $(ASAN_OBJ)

# ---- generated headers for the bundled schemas ---------------------------

headers: $(HEADERS)

$(B)/schemas/%.zc.h: schemas/%.zc $(ZEROCAST)
	@mkdir -p $(B)/schemas
	$(ZEROCAST) -I schemas -MD -MF $(B)/schemas/$*.d $< -o $@

-include $(wildcard $(B)/schemas/*.d)

# ---- demo ------------------------------------------------------------------

DEMO_PCAPS = $(sort $(wildcard tests/captures/*.pcap))

$(B)/zcdemo: examples/zcdemo.c $(HEADERS) $(RUNTIME_HDRS)
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O2 -g -Wall -Wextra -Wconversion -Werror \
	    -Iruntime -I$(B)/schemas $< -o $@ $$(pkg-config --cflags --libs libpcap)

demo: $(B)/zcdemo
	$(B)/zcdemo $(DEMO_PCAPS)

include examples/zcdump.mk
include examples/zcdnsd.mk
include examples/zcnc.mk
include examples/zcping.mk

# ---- tests -----------------------------------------------------------------

$(B)/tests/test_runtime: tests/unit/test_runtime.c $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) $< -o $@ $(CHECK_LIBS)

$(B)/tests/lenprobe.zc.h: tests/unit/lenprobe.zc $(ZEROCAST)
	@mkdir -p $(B)/tests
	$(ZEROCAST) $< -o $@

$(B)/tests/test_packets: tests/unit/test_packets.c tests/unit/framecases.h $(HEADERS) $(B)/tests/lenprobe.zc.h $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) -I$(B)/tests $< -o $@ $(CHECK_LIBS) $$(pkg-config --cflags --libs libpcap)

$(B)/tests/test_dns_name: tests/unit/test_dns_name.c $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) $< -o $@ $(CHECK_LIBS)

$(B)/tests/test_variable: tests/unit/test_variable.c $(HEADERS) $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) $< -o $@ $(CHECK_LIBS) $$(pkg-config --cflags --libs libpcap)

$(B)/tests/csum_odd.zc.h: tests/unit/csum_odd.zc $(ZEROCAST)
	@mkdir -p $(B)/tests
	$(ZEROCAST) -I schemas $< -o $@

$(B)/tests/test_csum: tests/unit/test_csum.c $(HEADERS) $(B)/tests/csum_odd.zc.h $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) -I$(B)/tests $< -o $@ $(CHECK_LIBS) $$(pkg-config --cflags --libs libpcap)

$(B)/tests/test_write: tests/unit/test_write.c tests/unit/frames.h $(HEADERS) $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) $< -o $@ $(CHECK_LIBS) $$(pkg-config --cflags --libs libpcap)

$(B)/tests/stack_peek.zc.h: tests/compiler/golden/stack_peek.zc $(ZEROCAST)
	@mkdir -p $(B)/tests
	$(ZEROCAST) $< -o $@

$(B)/tests/frame_varint.zc.h: tests/compiler/golden/frame_varint.zc $(ZEROCAST)
	@mkdir -p $(B)/tests
	$(ZEROCAST) $< -o $@

$(B)/tests/test_stack: tests/unit/test_stack.c tests/unit/frames.h $(HEADERS) $(B)/tests/stack_peek.zc.h \
                       $(B)/tests/frame_varint.zc.h $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) -I$(B)/tests $< -o $@ $(CHECK_LIBS) $$(pkg-config --cflags --libs libpcap)

$(B)/tests/test_build: tests/unit/test_build.c tests/unit/frames.h $(HEADERS) $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) $< -o $@ $(CHECK_LIBS) $$(pkg-config --cflags --libs libpcap)

$(B)/tests/test_compiler: tests/compiler/test_compiler.c $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) $< -o $@ $(CHECK_LIBS)

# The compiler's arena under ASan: linked with the asan build of gen/util.c.
$(B)/tests/test_arena: tests/unit/test_arena.c $(B)/asan/util.o gen/zcc.h
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) -Igen $< $(B)/asan/util.o -o $@ $(CHECK_LIBS)

# Seconds of fuzzing per target in make check's smoke run (make fuzz-smoke
# alone: FUZZ_SMOKE_TIME, 8), on a sample of the targets (fuzz-smoke-sample).
CHECK_FUZZ_TIME ?= 4

# The seed of make check's samples (docs/decisions.md "make check samples"):
# the fuzz smoke run's targets, the zoo's compiler matrix, the valgrind runs.
# Default: the day (days since 1970), so the samples rotate daily; check.sh
# prints it, and CHECK_SEED=N make check repeats a run's samples.
ifeq ($(origin CHECK_SEED),undefined)
CHECK_SEED := $(shell echo $$(( $$(date +%s) / 86400 )))
endif

# make check: first everything the suites need, built with CHECK_JOBS jobs
# (the machine's cores unless given; an explicit make -jN is kept), then
# tests/check.sh runs the suites, CHECK_JOBS at a time (docs/decisions.md
# "make check in parallel"; CHECK_JOBS=1: one by one, output streamed;
# CHECK_ONLY=REGEX: only the suites whose description matches).
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: check-build
check-build: $(ZEROCAST) $(B)/asan/zerocast $(HEADERS) $(B)/tests/test_runtime \
       $(B)/tests/test_packets $(B)/tests/test_variable $(B)/tests/test_dns_name $(B)/tests/test_stack $(B)/tests/test_csum $(B)/tests/test_write $(B)/tests/test_build \
       $(B)/tests/test_compiler $(B)/tests/test_arena $(B)/tests/test_until $(B)/tests/test_params $(B)/zcdump $(B)/asan/zcdump $(B)/zcdnsd $(B)/asan/zcdnsd $(B)/zcnc $(B)/asan/zcnc

# The suites' own make commands go through CHECK_MAKE, not a literal
# $(MAKE) in the recipe line, so that `make -n check` prints what it would
# build and run instead of running the suites (make runs a line that names
# $(MAKE) even under -n). Such a line gets no jobserver, so -j and the
# jobserver auth are taken out of their MAKEFLAGS: one job at a time, as
# under a plain `make check` (command-line variables still pass).
CHECK_MAKE = $(MAKE) --no-print-directory
check:
	@$(MAKE) --no-print-directory $(if $(findstring -j,$(MAKEFLAGS)),,-j$(CHECK_JOBS)) check-build CHECK_SEED=$(CHECK_SEED)
	@MAKEFLAGS='$(filter-out -j% --jobserver-auth=% --jobserver-fds=%,$(MAKEFLAGS))' \
	    B=$(B) CHECK_JOBS=$(CHECK_JOBS) CHECK_SEED=$(CHECK_SEED) BENCH_SMOKE="$(CHECK_MAKE) bench-smoke" \
	    FUZZ_SMOKE="$(CHECK_MAKE) fuzz-smoke-sample FUZZ_SMOKE_TIME=$(CHECK_FUZZ_TIME) FUZZ_SAMPLE_SEED=$(CHECK_SEED)" \
	    ROUNDTRIP="$(CHECK_MAKE) roundtrip" \
	    CROSS="$(CHECK_MAKE) cross-check CROSS_SAMPLE=3 CROSS_SEED=$(CHECK_SEED)" bash tests/check.sh

# The whole of what make check samples in these suites (docs/decisions.md
# "make check samples"; tests/check.sh passes CHECK_SEED, these pass none):
# the out-of-line suite's ten default-mode units and implementation-mode
# headers under all four compiler/language pairs, the hostile schemas' two
# 10 MB cases under both compilers, every zcdump output mode on every
# capture, clang-tidy on every gen/*.c.
.PHONY: outline hostile zcdump-full lint
lint:
	bash tests/lint/run.sh
outline: $(B)/asan/zerocast $(HEADERS)
	bash tests/outline/run.sh $(B)/asan/zerocast runtime $(B)/schemas
hostile: gen/zerocast $(B)/asan/zerocast
	bash tests/hostile/run.sh
zcdump-full: $(B)/zcdump $(B)/asan/zcdump
	B=$(B) bash tests/zcdump/run.sh

include tests/bench/bench.mk
include tests/fuzz/fuzz.mk
include tests/schemas-zoo/zoo.mk
include tests/cross/cross.mk

# The binaries of the make-group suites (run one after another, docs/
# decisions.md "make check samples"), built here with everything else at
# -j: the round trips' replays (also the build host's side of the cross
# comparisons), the seeds, and the fuzz smoke run's sample of targets.
check-build: $(ROUNDTRIP_BINS) fuzz-seeds
ifneq ($(filter check-build,$(MAKECMDGOALS)),)
check-build: $(patsubst %,$(B)/fuzz/fuzz_%,$(filter-out headers,\
    $(shell bash tests/fuzz/sample.sh $(FUZZ_SAMPLE_STRIDE) $(CHECK_SEED) $(FUZZ_ALL))))
endif
include tests/io/io.mk
include tests/protocols/protocols.mk
include runtime/install.mk

# ---- set-up ----------------------------------------------------------------

# Debian packages for building, testing and the demo (run as root).
DEPS = make gcc g++ clang flex bison pkg-config check libsubunit-dev \
       libpcap-dev libtins-dev tshark tcpdump valgrind binutils python3 \
       cmake ninja-build meson cppcheck clang-tidy libclang-rt-14-dev \
       bind9-dnsutils dnsmasq-base openssl iputils-ping procps gcc-multilib iproute2 python3-scapy \
       binutils-i686-linux-gnu libc6-dev-i386-cross libgcc-12-dev-i386-cross \
       binutils-s390x-linux-gnu libc6-dev-s390x-cross libgcc-12-dev-s390x-cross qemu-user \
       frama-c-base why3 z3 cvc4

deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $(DEPS)

clean:
	rm -rf $(B) $(ZEROCAST)

# issue #18 items 2, 8, 14 (until arrays, terminated strings, @size): tests/unit/test_until.c
$(B)/tests/test_until: tests/unit/test_until.c $(HEADERS) $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) $< -o $@ $(CHECK_LIBS)

# Parameters and header-only views (issue #18 items 3 and 13) on bgp, rtcp, icmpv4.
$(B)/tests/test_params: tests/unit/test_params.c $(HEADERS) $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) $< -o $@ $(CHECK_LIBS)

# Bytes of views, regions and switches; iterators over any bytes (issue #24
# items 1 and 2): tests/api/test_api.c on scapy-crafted fixtures, tshark's values.
$(B)/tests/sw_regions.zc.h: tests/schemas-zoo/sw_regions.zc $(ZEROCAST)
	@mkdir -p $(B)/tests
	$(ZEROCAST) $< -o $@
$(B)/tests/test_api: tests/api/test_api.c tests/unit/frames.h $(HEADERS) $(B)/tests/sw_regions.zc.h $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) -I$(B)/tests $< -o $@ $(CHECK_LIBS) $$(pkg-config --cflags --libs libpcap)
check-build: $(B)/tests/test_api

include tests/wireshark/wireshark.mk

# ---- tests/cli: options, several schemas, warnings options, zcdemo markers ----
check-build: gen/zerocast $(B)/zcdemo

# tolerant walks and @policy constraints (issue #24 items 3, 4): tests/lenient/
check-build: gen/zerocast
lenient: gen/zerocast
	bash tests/lenient/run.sh gen/zerocast $(B)
.PHONY: lenient

# http2_frame() on real h2c streams (tests/http2/run.sh)
$(B)/tests/http2_framer: tests/http2/framer.c $(HEADERS) $(RUNTIME_HDRS)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O1 -g -Wall -Wextra -Wconversion -Werror -Iruntime -I$(B)/schemas \
	    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	    tests/http2/framer.c -o $@ $$(pkg-config --cflags --libs libpcap)
http2-framer: $(B)/tests/http2_framer
	bash tests/http2/run.sh $(B)
.PHONY: http2-framer
check-build: $(B)/tests/http2_framer

# the compiler under valgrind, every run (make check runs a third of them:
# VALGRIND_SAMPLE=3 in tests/check.sh)
.PHONY: valgrind
valgrind: gen/zerocast
	bash tests/lint/valgrind.sh

include tests/prove/prove.mk

include tests/prove/write.mk

# builders of structs that read `remaining` (issue #19 item 4):
# tests/unit/test_build_remaining.c over the golden schema and http2.zc
$(B)/tests/build_remaining.zc.h: tests/compiler/golden/build_remaining.zc $(ZEROCAST)
	@mkdir -p $(B)/tests
	$(ZEROCAST) $< -o $@

$(B)/tests/test_build_remaining: tests/unit/test_build_remaining.c $(B)/tests/build_remaining.zc.h $(HEADERS) $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) -I$(B)/tests $< -o $@ $(CHECK_LIBS)
check-build: $(B)/tests/test_build_remaining

include tests/prove/frame.mk
