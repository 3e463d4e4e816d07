# tests/fuzz/fuzz.mk - fuzzing, included from the top Makefile after B,
# ZEROCAST, GEN_SRC and GEN_HDRS are defined (prerequisites are expanded when
# read). docs/fuzzing.md explains the targets and how to reproduce a crash.
#
#   make fuzz-smoke   every target for FUZZ_SMOKE_TIME seconds (default 8),
#                     after replaying tests/fuzz/regressions/<target>/;
#                     one line per target, last "N passed, M failed",
#                     non-zero exit on any failure
#   make fuzz-smoke-sample
#                     make check's smoke run: the same, on a sample of the
#                     targets (tests/fuzz/sample.sh): every target that is
#                     not a schema's, every schema target with regression
#                     inputs, and one in FUZZ_SAMPLE_STRIDE (default 6) of
#                     the other schema targets, chosen by FUZZ_SAMPLE_SEED
#                     (default 0; make check passes CHECK_SEED); prints the
#                     list and how to repeat it. The headers stage replays
#                     one in 3 of regressions/headers/ (rotating with the
#                     seed: all in 3 days; make fuzz-smoke replays all)
#   make fuzz         long runs: FUZZ_TIME seconds (default 600) and at most
#                     FUZZ_RUNS executions (default -1: unlimited) per target,
#                     one target after the other; the corpus is kept in
#                     $(B)/fuzz/corpus/<target>
#   make fuzz-build   just build the targets and seeds
#   make roundtrip    every schema's target without libFuzzer, once over its
#                     seeds: messages rebuilt by the builders byte-identical
#
# FUZZ_TARGETS selects targets, e.g. make fuzz FUZZ_TARGETS=tcp FUZZ_TIME=3600.
# Default, in this order:
#   <schema>  $(B)/fuzz/fuzz_<schema>: zerocast --emit=fuzz, for every
#             schemas/*.zc (headers in $(B)/fuzz/include)
#   dns_name  $(B)/fuzz/fuzz_dns_name: the DNS name extern type,
#             runtime/zerocast_dns.h (tests/fuzz/fuzz_dns_name.c)
#   props     $(B)/fuzz/fuzz_props: status properties of every bundled struct
#             (tests/fuzz/props.c)
#   compiler  $(B)/fuzz/fuzz_compiler: the compiler in process
#             (tests/fuzz/fuzz_compiler.c)
#   headers   the generated code of schemas from the compiler's corpus and
#             seeds and from tests/schemas-zoo, in an order shuffled with
#             FUZZ_SEED (default: the time; printed), as many as the time
#             allows (tests/fuzz/headers.sh; needs "compiler" to have run
#             first)
# FUZZ_ARGS passes more libFuzzer options, e.g.
# FUZZ_ARGS="-fork=1 -ignore_crashes=1" to go on after a crash.
# Needs clang and its libFuzzer runtime (Debian: libclang-rt-14-dev).

FUZZ_CC         ?= clang
FUZZ_SAN         = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS      = -O1 -g -fno-omit-frame-pointer -Wall -Wextra
# Generated targets are product code: the header's strict flags, and -Werror.
FUZZ_GEN_STRICT  = -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wcast-align \
                   -Wcast-qual -Wundef -Werror
FUZZ_TIME       ?= 600
FUZZ_RUNS       ?= -1
FUZZ_SMOKE_TIME ?= 8

# The headers stage's input selection (tests/fuzz/headers.sh reads these
# from the environment): the zoo's schemas join the compiler's corpus, one
# after every FUZZ_HEADERS_ZOO_EVERY others; FUZZ_SEED=S repeats an order.
export FUZZ_HEADERS_ZOO       = tests/schemas-zoo
export FUZZ_HEADERS_ZOO_EVERY ?= 3
export FUZZ_SEED

FUZZ_SCHEMA_NAMES = $(patsubst schemas/%.zc,%,$(sort $(wildcard schemas/*.zc)))
FUZZ_ALL          = $(FUZZ_SCHEMA_NAMES) dns_name props compiler headers
FUZZ_TARGETS     ?= $(FUZZ_ALL)
FUZZ_BINS         = $(patsubst %,$(B)/fuzz/fuzz_%,$(filter-out headers,$(FUZZ_TARGETS)))

FUZZ_GEN_OBJ = $(patsubst gen/%.c,$(B)/fuzz/gen/%.o,$(filter-out gen/main.c,$(GEN_SRC))) \
               $(B)/fuzz/gen/parser.o $(B)/fuzz/gen/lexer.o
FUZZ_COMPILER_SEEDS = $(wildcard schemas/*.zc tests/compiler/golden/*.zc \
                        tests/compiler/diag/*.zc tests/compiler/diag/*/*.zc)
FUZZ_PCAPS = $(sort $(wildcard tests/captures/*.pcap tests/captures/*/*.pcap))
# and the protocols' own captures (their roots' bytes: tests/fuzz/seeds.py)
FUZZ_PCAPS += $(sort $(wildcard tests/protocols/*/*.pcap))
FUZZ_DNS_NAME_SEEDS = $(wildcard tests/fuzz/seeds-dns-name/*)

.PHONY: fuzz fuzz-smoke fuzz-smoke-sample fuzz-build fuzz-seeds

FUZZ_SAMPLE_STRIDE ?= 6
FUZZ_SAMPLE_SEED   ?= 0

fuzz-smoke: fuzz-build
	@ZEROCAST=$(ZEROCAST) bash tests/fuzz/run.sh smoke $(B) $(FUZZ_SMOKE_TIME) $(FUZZ_TARGETS)

fuzz-smoke-sample:
	@t="$$(bash tests/fuzz/sample.sh $(FUZZ_SAMPLE_STRIDE) $(FUZZ_SAMPLE_SEED) $(FUZZ_TARGETS))" || exit 2; \
	echo "fuzz sample, seed $(FUZZ_SAMPLE_SEED), one schema target in $(FUZZ_SAMPLE_STRIDE) (make fuzz-smoke-sample FUZZ_SAMPLE_SEED=$(FUZZ_SAMPLE_SEED) repeats it; make fuzz-smoke runs all): $$t"; \
	FUZZ_REG_STRIDE=3 FUZZ_REG_SEED=$(FUZZ_SAMPLE_SEED) $(MAKE) --no-print-directory fuzz-smoke FUZZ_TARGETS="$$t"

fuzz: fuzz-build
	@ZEROCAST=$(ZEROCAST) bash tests/fuzz/run.sh long $(B) $(FUZZ_TIME) $(FUZZ_RUNS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BINS) fuzz-seeds $(ZEROCAST)

# ---- targets generated from the schemas ------------------------------------

$(B)/fuzz/include/%.zc.h: schemas/%.zc $(ZEROCAST)
	@mkdir -p $(@D)
	$(ZEROCAST) -I schemas -r -MD -MF $(B)/fuzz/include/$*.d $< -o $@

$(B)/fuzz/src/fuzz_%.c: schemas/%.zc $(ZEROCAST)
	@mkdir -p $(@D)
	$(ZEROCAST) --emit=fuzz -I schemas $< --include $*.zc.h -o $@

# ZC_DEBUG: every accessor also traps if it would read outside its own view
# (ASan alone only sees reads outside the whole input).
$(B)/fuzz/fuzz_%: $(B)/fuzz/src/fuzz_%.c $(B)/fuzz/include/%.zc.h runtime/zerocast.h tests/fuzz/fuzz.mk
	$(FUZZ_CC) -std=c11 -DZC_DEBUG $(FUZZ_CFLAGS) $(FUZZ_GEN_STRICT) -fsanitize=fuzzer $(FUZZ_SAN) \
	    -Iruntime -I$(B)/fuzz/include $< -o $@

-include $(wildcard $(B)/fuzz/include/*.d)

# ---- round trips: the same targets without libFuzzer -----------------------

# -DZC_FUZZ_REPLAY gives a generated target a main() that runs it once on
# each file named and prints, per struct, the messages rebuilt
# byte-identical by its builder (tests/fuzz/roundtrip.sh).
ROUNDTRIP_BINS = $(patsubst %,$(B)/fuzz/replay_%,$(FUZZ_SCHEMA_NAMES))
# -O0: the replays run for seconds, but build in a third of -O1's time
# (fuzz_packet.c, 40,000 lines: gcc -O1 -g with ASan 124 s, -O0 31 s);
# ASan and UBSan see the same at any level, and the strict flags' -O2-only
# warnings are the strict suite's and the libFuzzer targets' (clang -O1)
ROUNDTRIP_OPT ?= -O0

.PHONY: roundtrip
roundtrip: $(ROUNDTRIP_BINS) fuzz-seeds
	@bash tests/fuzz/roundtrip.sh $(B) $(FUZZ_SCHEMA_NAMES)

$(B)/fuzz/replay_%: $(B)/fuzz/src/fuzz_%.c $(B)/fuzz/include/%.zc.h runtime/zerocast.h tests/fuzz/fuzz.mk
	$(CC) -std=c11 -DZC_FUZZ_REPLAY -DZC_DEBUG $(ROUNDTRIP_OPT) -g -Wall -Wextra $(FUZZ_GEN_STRICT) $(SAN) \
	    -Iruntime -I$(B)/fuzz/include $< -o $@

# ---- status properties of every struct (tests/fuzz/props.c) ---------------

FUZZ_SCHEMA_SRCS = $(patsubst %,$(B)/fuzz/src/fuzz_%.c,$(FUZZ_SCHEMA_NAMES))
FUZZ_SCHEMA_HDRS = $(patsubst %,$(B)/fuzz/include/%.zc.h,$(FUZZ_SCHEMA_NAMES))

# the struct table, and seeds: each schema's seeds behind its structs' selectors
$(B)/fuzz/src/props_table.h: tests/fuzz/mkprops.py $(FUZZ_SCHEMA_SRCS) $(B)/fuzz/seeds/.stamp
	@/usr/bin/python3 tests/fuzz/mkprops.py $@ $(B)/fuzz/seeds $(FUZZ_SCHEMA_SRCS) >> $(B)/fuzz/seeds.log

$(B)/fuzz/fuzz_props: tests/fuzz/props.c $(B)/fuzz/src/props_table.h $(FUZZ_SCHEMA_HDRS) \
                      runtime/zerocast.h tests/fuzz/fuzz.mk
	$(FUZZ_CC) -std=c11 -DZC_DEBUG $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) \
	    -Iruntime -I$(B)/fuzz/include -I$(B)/fuzz/src $< -o $@

# ---- the DNS name extern type (runtime/zerocast_dns.h) ---------------------

# An explicit rule: the pattern rule above would look for schemas/dns_name.zc.
$(B)/fuzz/fuzz_dns_name: tests/fuzz/fuzz_dns_name.c runtime/zerocast_dns.h runtime/zerocast.h \
                         tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -DZC_DEBUG $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) \
	    -Iruntime $< -o $@

# ---- the compiler, in process ----------------------------------------------

$(B)/fuzz/gen/%.o: gen/%.c $(GEN_HDRS) tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_XOPEN_SOURCE=700 $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) \
	    -Igen -I$(B)/gen -c $< -o $@

$(B)/fuzz/gen/%.o: $(B)/gen/%.c $(GEN_HDRS) tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_XOPEN_SOURCE=700 -O1 -g -fno-omit-frame-pointer \
	    -fsanitize=fuzzer-no-link $(FUZZ_SAN) -Igen -I$(B)/gen -c $< -o $@

$(B)/fuzz/fuzz_compiler: tests/fuzz/fuzz_compiler.c $(FUZZ_GEN_OBJ) $(GEN_HDRS) tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_XOPEN_SOURCE=700 $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) \
	    -Igen -I$(B)/gen $< $(FUZZ_GEN_OBJ) -o $@

# ---- seeds -----------------------------------------------------------------

# Packet seeds: each layer's bytes from the captures (tests/fuzz/seeds.py).
# DNS name seeds: the hand-made messages of tests/fuzz/seeds-dns-name/ and
# the dns seeds from the captures.
# Compiler seeds: every schema the repository has, named after its path.
fuzz-seeds: $(B)/fuzz/seeds/.stamp

$(B)/fuzz/seeds/.stamp: tests/fuzz/seeds.py $(FUZZ_PCAPS) $(FUZZ_COMPILER_SEEDS) $(FUZZ_DNS_NAME_SEEDS)
	@rm -rf $(B)/fuzz/seeds
	@mkdir -p $(B)/fuzz/seeds/compiler $(B)/fuzz/seeds/dns_name
	@/usr/bin/python3 tests/fuzz/seeds.py $(B)/fuzz/seeds $(FUZZ_PCAPS) > $(B)/fuzz/seeds.log
	@for f in $(FUZZ_COMPILER_SEEDS); do \
	    cp "$$f" "$(B)/fuzz/seeds/compiler/$$(echo "$$f" | tr / _)"; done
	@$(if $(FUZZ_DNS_NAME_SEEDS),cp $(FUZZ_DNS_NAME_SEEDS) $(B)/fuzz/seeds/dns_name/)
	@if [ -d $(B)/fuzz/seeds/dns ]; then \
	    for f in $(B)/fuzz/seeds/dns/*; do [ -f "$$f" ] && cp "$$f" "$(B)/fuzz/seeds/dns_name/capture-$${f##*/}"; done; \
	fi; true
	@touch $@

# keep the generated sources (make would delete them as intermediates)
.PRECIOUS: $(B)/fuzz/include/%.zc.h $(B)/fuzz/src/fuzz_%.c
