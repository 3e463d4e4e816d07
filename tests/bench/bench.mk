# bench.mk - the zerocast benchmark (included from the top Makefile).
#
#   make bench          everything below on the full corpus (about 2 minutes)
#   make bench-smoke    build, then check on 2,000 packets + the captures that
#                       every implementation computes the same checksum
#                       (no timing; part of make check)
#   make bench-time     only the timing tables
#   make bench-instr    only the instruction counts (valgrind callgrind)
#   make bench-compile  only the compiler-speed figures, then the generated
#                       code size and compile cost (issue 17; about a minute)
#   make bench-asm      only the disassembly of accessors and parse functions
#
# Uses ZEROCAST (the compiler) and B (the build directory) from the parent
# Makefile; everything it makes goes under $(B)/bench/. Needs libpcap-dev,
# libtins-dev and valgrind. BENCH_PACKETS / BENCH_INSTR_PACKETS /
# BENCH_ROUNDS / BENCH_SEED change the corpus sizes, rounds and seed.

ZEROCAST ?= gen/zerocast
B        ?= build

BENCH_DIR   := tests/bench
BENCH_OUT   := $(B)/bench
BENCH_GEN   := $(BENCH_OUT)/gen

BENCH_CC       ?= $(CC)
BENCH_CXX      ?= $(CXX)
BENCH_CLANG    ?= clang
BENCH_OPT      ?= -O2
BENCH_CFLAGS   := -std=c11 $(BENCH_OPT) -g -gdwarf-4 -Wall -Wextra
BENCH_CXXFLAGS := -std=c++17 $(BENCH_OPT) -g -gdwarf-4 -Wall -Wextra
BENCH_INC      := -I$(BENCH_DIR) -I$(BENCH_GEN) -Iruntime

BENCH_PACKETS       ?= 1000000
BENCH_INSTR_PACKETS ?= 100000
BENCH_SMOKE_PACKETS ?= 2000
BENCH_ROUNDS        ?= 15
BENCH_HOT           ?= 2048
BENCH_SEED          ?= 1

BENCH_SCHEMAS  := ethernet vlan ipv4 ipv6 tcp udp dns icmpv4 icmpv6
BENCH_HEADERS  := $(patsubst %,$(BENCH_GEN)/%.zc.h,$(BENCH_SCHEMAS))
# The captures whose stacks every implementation walks (Ethernet, VLAN,
# IPv4/IPv6, TCP/UDP/ICMP, DNS header): the fixtures added for variable
# structure (GRE, DHCP, IPv6 extension chains, crafted options, ...) are
# outside the benchmark's work and libtins rejects some of them.
BENCH_CAPTURES := $(addprefix tests/captures/,arp.pcap dns-udp.pcap http-ipv4.pcap http-ipv6.pcap \
                    icmpv4-ping.pcap icmpv6-nd.pcap icmpv6-ping.pcap ipv4-flags.pcap \
                    padded.pcap tcp-flags.pcap vlan.pcap vxlan.pcap)
# The stack walker's implementation walks the same layers with the stack
# in tests/bench/benchstack.zc (generated like the schemas above).
BENCH_STACK_HEADER := $(BENCH_GEN)/benchstack.zc.h
BENCH_ALL_SCHEMAS := $(filter-out schemas/net.zc,$(wildcard schemas/*.zc))
BENCH_OBJS := $(BENCH_OUT)/bench.o $(BENCH_OUT)/impl_zerocast.o \
              $(BENCH_OUT)/impl_unsafe.o $(BENCH_OUT)/impl_careful.o \
              $(BENCH_OUT)/impl_libtins.o $(BENCH_OUT)/impl_walker.o
BENCH_VERSIONS = -DBENCH_CFLAGS='"$(BENCH_CFLAGS)"' \
                 -DBENCH_CC_NAME='"$(shell $(BENCH_CC) --version 2>/dev/null | head -n1)"' \
                 -DBENCH_CXX_NAME='"$(shell $(BENCH_CXX) --version 2>/dev/null | head -n1)"' \
                 -DBENCH_CXXFLAGS='"$(BENCH_CXXFLAGS)"' \
                 -DBENCH_LIBTINS_VERSION='"$(shell pkg-config --modversion libtins 2>/dev/null)"'

.PHONY: bench bench-smoke bench-time bench-instr bench-compile bench-asm

$(BENCH_GEN)/%.zc.h: schemas/%.zc $(ZEROCAST)
	@mkdir -p $(BENCH_GEN)
	$(ZEROCAST) -I schemas -r $< -o $@

$(BENCH_STACK_HEADER): $(BENCH_DIR)/benchstack.zc $(patsubst %,schemas/%.zc,$(BENCH_SCHEMAS)) $(ZEROCAST)
	@mkdir -p $(BENCH_GEN)
	$(ZEROCAST) -I schemas -r $< -o $@

# Objects also depend on this file, so that changed flags rebuild them.
BENCH_MK := $(lastword $(MAKEFILE_LIST))

$(BENCH_OUT)/impl_zerocast.o: $(BENCH_DIR)/impl_zerocast.c $(BENCH_DIR)/bench.h \
                              $(BENCH_HEADERS) runtime/zerocast.h $(BENCH_MK)
	@mkdir -p $(BENCH_OUT)
	$(BENCH_CC) $(BENCH_CFLAGS) $(BENCH_INC) -c $< -o $@

$(BENCH_OUT)/impl_walker.o: $(BENCH_DIR)/impl_walker.c $(BENCH_DIR)/bench.h \
                            $(BENCH_STACK_HEADER) runtime/zerocast.h $(BENCH_MK)
	@mkdir -p $(BENCH_OUT)
	$(BENCH_CC) $(BENCH_CFLAGS) $(BENCH_INC) -c $< -o $@

$(BENCH_OUT)/impl_unsafe.o $(BENCH_OUT)/impl_careful.o: \
$(BENCH_OUT)/%.o: $(BENCH_DIR)/%.c $(BENCH_DIR)/bench.h $(BENCH_MK)
	@mkdir -p $(BENCH_OUT)
	$(BENCH_CC) $(BENCH_CFLAGS) $(BENCH_INC) -c $< -o $@

$(BENCH_OUT)/bench.o: $(BENCH_DIR)/bench.c $(BENCH_DIR)/bench.h $(BENCH_MK)
	@mkdir -p $(BENCH_OUT)
	$(BENCH_CC) $(BENCH_CFLAGS) $(BENCH_VERSIONS) $(BENCH_INC) -c $< -o $@

$(BENCH_OUT)/impl_libtins.o: $(BENCH_DIR)/impl_libtins.cpp $(BENCH_DIR)/bench.h $(BENCH_MK)
	@mkdir -p $(BENCH_OUT)
	$(BENCH_CXX) $(BENCH_CXXFLAGS) $(BENCH_INC) -c $< -o $@

$(BENCH_OUT)/bench: $(BENCH_OBJS)
	$(BENCH_CXX) -o $@ $(BENCH_OBJS) -ltins -lpcap

$(BENCH_OUT)/gencorpus: $(BENCH_DIR)/gencorpus.c
	@mkdir -p $(BENCH_OUT)
	$(BENCH_CC) -std=c11 -O2 -Wall -Wextra -o $@ $<

# The corpora are generated, never committed (the full one is ~650 MB).
BENCH_CORPUS = $(BENCH_OUT)/corpus-s$(BENCH_SEED)-$(1).pcap
$(BENCH_OUT)/corpus-s$(BENCH_SEED)-%.pcap: $(BENCH_OUT)/gencorpus
	$(BENCH_OUT)/gencorpus -n $* -s $(BENCH_SEED) -o $@
.PRECIOUS: $(BENCH_OUT)/corpus-s%.pcap

$(BENCH_OUT)/asm.o: $(BENCH_DIR)/asm.c $(BENCH_GEN)/ipv4.zc.h $(BENCH_GEN)/udp.zc.h \
                    runtime/zerocast.h $(BENCH_MK)
	$(BENCH_CC) $(BENCH_CFLAGS) $(BENCH_INC) -c $< -o $@

BENCH_RUN_TIME = $(BENCH_OUT)/bench --rounds $(BENCH_ROUNDS) --hot $(BENCH_HOT) \
    $(BENCH_CAPTURES) $(call BENCH_CORPUS,$(BENCH_PACKETS))
BENCH_RUN_INSTR = $(BENCH_DIR)/instr.sh $(BENCH_OUT) $(BENCH_OUT)/bench \
    $(BENCH_CAPTURES) $(call BENCH_CORPUS,$(BENCH_INSTR_PACKETS))
BENCH_RUN_COMPILE = $(BENCH_DIR)/compile-speed.sh $(ZEROCAST) $(BENCH_OUT) \
    "$(BENCH_CC)" "$(BENCH_OPT)" $(BENCH_ALL_SCHEMAS) && echo && \
    $(BENCH_DIR)/code-size.sh $(ZEROCAST) $(BENCH_OUT) "$(BENCH_CC)" "$(BENCH_CXX)" "$(BENCH_CLANG)" \
    "$(BENCH_OPT)" $(wildcard schemas/*.zc)
BENCH_RUN_ASM = echo "disassembly ($(BENCH_CC) $(BENCH_CFLAGS), objdump -d):"; \
    objdump -d --no-show-raw-insn $(BENCH_OUT)/asm.o \
    | awk '/^[0-9a-f]+ <asm_/ { p = 1 } /^$$/ { p = 0 } p' | sed 's/^ *[0-9a-f]*:\t/    /'

bench-smoke: $(BENCH_OUT)/bench $(call BENCH_CORPUS,$(BENCH_SMOKE_PACKETS))
	$(BENCH_OUT)/bench --smoke $(BENCH_CAPTURES) $(call BENCH_CORPUS,$(BENCH_SMOKE_PACKETS))

bench-time: $(BENCH_OUT)/bench $(call BENCH_CORPUS,$(BENCH_PACKETS))
	$(BENCH_RUN_TIME)

bench-instr: $(BENCH_OUT)/bench $(call BENCH_CORPUS,$(BENCH_INSTR_PACKETS))
	$(BENCH_RUN_INSTR)

bench-compile: $(ZEROCAST)
	@$(BENCH_RUN_COMPILE)

bench-asm: $(BENCH_OUT)/asm.o
	@$(BENCH_RUN_ASM)

# One recipe, so that the sections come out in this order even under -j.
bench: $(ZEROCAST) $(BENCH_OUT)/bench $(BENCH_OUT)/asm.o \
       $(call BENCH_CORPUS,$(BENCH_PACKETS)) $(call BENCH_CORPUS,$(BENCH_INSTR_PACKETS))
	@echo "==== make bench: compiler speed, assembly, time, instructions ===="
	@$(BENCH_RUN_COMPILE)
	@echo
	@$(BENCH_RUN_ASM)
	@echo
	@echo "timing: $(BENCH_OUT)/bench --rounds $(BENCH_ROUNDS) --hot $(BENCH_HOT) CAPTURES CORPUS"
	@$(BENCH_RUN_TIME)
	@echo
	@$(BENCH_RUN_INSTR)
