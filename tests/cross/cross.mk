# tests/cross/cross.mk - other hosts: a 32-bit little-endian one (i686) and
# a 64-bit big-endian one (s390x, under qemu-user). Included from the top
# Makefile after tests/fuzz/fuzz.mk (it uses B, HEADERS, FUZZ_SCHEMA_NAMES,
# FUZZ_GEN_STRICT). docs/hosts.md explains the choices.
#
#   make cross-check   build everything below (keeping going past a failed
#                      build, which run.sh then reports), run it on each host
#                      and compare with the build host: tests/cross/run.sh;
#                      last line "N passed, M failed", non-zero on failure
#   make cross-build   just build
#
# make check runs the replays of a sample of the schemas (CROSS_SAMPLE=3
# CROSS_SEED=<its seed>: tests/fuzz/sample.sh's rule, so a third of them,
# every one with regression inputs, all within three seeds; docs/
# decisions.md "make check samples"); the unit tests, pcapdump and the
# selftest run on every host every time. make cross-check alone: every
# replay.
#
# Per host H, in $(B)/cross/H/, with the cross compiler $(CROSS_CC_H),
# statically linked, UBSan in trap mode (no runtime library needed):
#   test_<unit>   tests/unit/test_<unit>.c, unchanged, against
#                 tests/cross/include/check.h and pcap/pcap.h (Check's API
#                 and libpcap's offline reader, tests/cross/*_shim.c)
#   replay_<s>    the generated fuzz target of schemas/<s>.zc with its
#                 -DZC_FUZZ_REPLAY main(), as make roundtrip builds it but
#                 at -O0 (CROSS_REPLAY_OPT) and without ASan
#   pcapdump      tests/cross/pcapdump.c on the shim reader
#   selftest      tests/cross/selftest.c on the shim runner
# and on the build host, in $(B)/cross/native/, the other side of each
# comparison: test_<unit> built with the same flags against Check and
# libpcap, pcapdump against libpcap and against the shim, selftest against
# Check and against the shim; the replays are
# make roundtrip's ($(B)/fuzz/replay_<s>).

CROSS_HOSTS     ?= i686 s390x
# clang as the cross compiler: Debian 12's gcc-<arch>-linux-gnu packages
# conflict with gcc-multilib (docs/hosts.md); the targets' C library comes
# from libc6-dev-<arch>-cross, their libgcc from libgcc-12-dev-<arch>-cross,
# -nostdlibinc keeps the build host's /usr/include out, and the link flags
# take the start files and libc.a from there too (not from gcc-multilib's
# /usr/lib32, when it is installed).
CROSS_CC_i686   ?= clang --target=i686-linux-gnu -nostdlibinc -isystem /usr/i686-linux-gnu/include
CROSS_CC_s390x  ?= clang --target=s390x-linux-gnu -nostdlibinc -isystem /usr/s390x-linux-gnu/include
CROSS_LD_i686   ?= -static -B/usr/i686-linux-gnu/lib -L/usr/i686-linux-gnu/lib
CROSS_LD_s390x  ?= -static -B/usr/s390x-linux-gnu/lib -L/usr/s390x-linux-gnu/lib
# How run.sh starts a binary of each host: i686 runs on an x86-64 kernel
# directly when it can (run.sh checks), else under qemu-i386.
CROSS_RUN_i686  ?= qemu-i386 -L /usr/i686-linux-gnu
CROSS_RUN_s390x ?= qemu-s390x -L /usr/s390x-linux-gnu
# The replays at -O0: clang -O1 takes 22 s per host on fuzz_packet.c alone
# (360 KB of generated C), -O0 2.5 s; UBSan checks every operation either way.
CROSS_REPLAY_OPT ?= -O0
CROSS_JOBS      ?= $(shell nproc 2>/dev/null || echo 2)

CROSS_UNITS  = runtime dns_name packets variable stack csum write build io
CROSS_SAMPLE ?= 1
CROSS_SEED   ?= 0
ifeq ($(CROSS_SAMPLE),1)
CROSS_REPLAYS = $(FUZZ_SCHEMA_NAMES)
else
CROSS_REPLAYS := $(shell bash tests/fuzz/sample.sh $(CROSS_SAMPLE) $(CROSS_SEED) $(FUZZ_SCHEMA_NAMES))
endif
CROSS_SAN    = -fsanitize=undefined -fsanitize-undefined-trap-on-error
# _FILE_OFFSET_BITS=64: a 32-bit readdir() fails (EOVERFLOW) on directories
# whose 64-bit offset cookies (ext4 hashes) do not fit, and test_csum lists
# tests/captures with it.
# The unit tests, pcapdump and the selftest at -O0 too (CROSS_UNIT_OPT), on
# both sides of each comparison: clang -O1 took 22.7 s of CPU for the
# eight Check units on i686, -O0 8.4 s (test_stack on s390x: 6.0 s, 1.9
# s); UBSan traps at every level, and the native suites run the same tests
# at -O1 under ASan+UBSan. CROSS_UNIT_OPT=-O1 builds them as before (in a
# fresh build/cross: make does not rebuild for a changed variable).
CROSS_UNIT_OPT ?= -O0
CROSS_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 $(CROSS_UNIT_OPT) -Wall -Wextra -Werror $(CROSS_SAN)
CROSS_SHIM_H = tests/cross/include/check.h tests/cross/include/pcap/pcap.h
CROSS_UNIT_DEPS = $(HEADERS) $(B)/tests/lenprobe.zc.h $(B)/tests/csum_odd.zc.h $(RUNTIME_HDRS) \
                  tests/unit/frames.h $(CROSS_SHIM_H) tests/cross/cross.mk

.PHONY: cross-check cross-build

# per host: the two shims, the unit tests, the replays, pcapdump
define CROSS_HOST_RULES
$(B)/cross/$(1)/%.o: tests/cross/%.c $(CROSS_SHIM_H) tests/cross/cross.mk
	@mkdir -p $$(@D)
	$(CROSS_CC_$(1)) -std=c11 -D_DEFAULT_SOURCE -O1 -Wall -Wextra -Werror -Wshadow \
	    -Itests/cross/include -c $$< -o $$@

$(B)/cross/$(1)/test_%: tests/unit/test_%.c $(CROSS_UNIT_DEPS) \
                        $(B)/cross/$(1)/check_shim.o $(B)/cross/$(1)/pcap_shim.o
	@mkdir -p $$(@D)
	$(CROSS_CC_$(1)) $(CROSS_CFLAGS) $(CROSS_LD_$(1)) -Itests/cross/include -Iruntime -I$(B)/schemas \
	    -I$(B)/tests $$< $(B)/cross/$(1)/check_shim.o $(B)/cross/$(1)/pcap_shim.o -o $$@

# runtime/zerocast_io.h's stream reader and writer (tests/io/test_io.c
# without its datagram and strict-warnings cases: -DZC_IO_CROSS, which
# says why)
$(B)/cross/$(1)/test_io: tests/io/test_io.c runtime/zerocast_io.h $(CROSS_UNIT_DEPS) \
                         $(B)/cross/$(1)/check_shim.o
	@mkdir -p $$(@D)
	$(CROSS_CC_$(1)) $(CROSS_CFLAGS) -DZC_IO_CROSS $(CROSS_LD_$(1)) -Itests/cross/include -Iruntime \
	    -I$(B)/schemas $$< $(B)/cross/$(1)/check_shim.o -o $$@

$(B)/cross/$(1)/replay_%: $(B)/fuzz/src/fuzz_%.c $(B)/fuzz/include/%.zc.h runtime/zerocast.h \
                          tests/cross/cross.mk
	@mkdir -p $$(@D)
	$(CROSS_CC_$(1)) -std=c11 -DZC_FUZZ_REPLAY -DZC_DEBUG $(CROSS_REPLAY_OPT) -Wall -Wextra $(FUZZ_GEN_STRICT) \
	    $(CROSS_SAN) $(CROSS_LD_$(1)) -Iruntime -I$(B)/fuzz/include $$< -o $$@

$(B)/cross/$(1)/selftest: tests/cross/selftest.c $(B)/cross/$(1)/check_shim.o
	$(CROSS_CC_$(1)) $(CROSS_CFLAGS) $(CROSS_LD_$(1)) -Itests/cross/include $$< \
	    $(B)/cross/$(1)/check_shim.o -o $$@

$(B)/cross/$(1)/pcapdump: tests/cross/pcapdump.c $(B)/cross/$(1)/pcap_shim.o
	$(CROSS_CC_$(1)) $(CROSS_CFLAGS) $(CROSS_LD_$(1)) -Itests/cross/include $$< \
	    $(B)/cross/$(1)/pcap_shim.o -o $$@
endef
$(foreach h,$(CROSS_HOSTS),$(eval $(call CROSS_HOST_RULES,$(h))))

# the build host's unit tests with the same flags, against Check and libpcap
$(B)/cross/native/test_%: tests/unit/test_%.c $(CROSS_UNIT_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CROSS_CFLAGS) -Iruntime -I$(B)/schemas -I$(B)/tests $< -o $@ \
	    $(CHECK_LIBS) $$(pkg-config --cflags --libs libpcap)

$(B)/cross/native/test_io: tests/io/test_io.c runtime/zerocast_io.h $(CROSS_UNIT_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CROSS_CFLAGS) -DZC_IO_CROSS -Iruntime -I$(B)/schemas $< -o $@ $(CHECK_LIBS)

$(B)/cross/native/selftest-check: tests/cross/selftest.c
	@mkdir -p $(@D)
	$(CC) $(CROSS_CFLAGS) $< -o $@ $(CHECK_LIBS)

$(B)/cross/native/selftest-shim: tests/cross/selftest.c tests/cross/check_shim.c $(CROSS_SHIM_H)
	@mkdir -p $(@D)
	$(CC) $(CROSS_CFLAGS) -Itests/cross/include $< tests/cross/check_shim.c -o $@

$(B)/cross/native/pcapdump-libpcap: tests/cross/pcapdump.c
	@mkdir -p $(@D)
	$(CC) $(CROSS_CFLAGS) $< -o $@ $$(pkg-config --cflags --libs libpcap)

$(B)/cross/native/pcapdump-shim: tests/cross/pcapdump.c tests/cross/pcap_shim.c $(CROSS_SHIM_H)
	@mkdir -p $(@D)
	$(CC) $(CROSS_CFLAGS) -Itests/cross/include $< tests/cross/pcap_shim.c -o $@

CROSS_BINS = $(foreach h,$(CROSS_HOSTS),$(B)/cross/$(h)/pcapdump $(B)/cross/$(h)/selftest \
               $(patsubst %,$(B)/cross/$(h)/test_%,$(CROSS_UNITS)) \
               $(patsubst %,$(B)/cross/$(h)/replay_%,$(CROSS_REPLAYS)))
# the build host's side of every comparison
CROSS_NATIVE = $(B)/cross/native/pcapdump-libpcap $(B)/cross/native/pcapdump-shim \
               $(B)/cross/native/selftest-check $(B)/cross/native/selftest-shim \
               $(patsubst %,$(B)/cross/native/test_%,$(CROSS_UNITS)) $(ROUNDTRIP_BINS)

cross-build: $(CROSS_NATIVE) $(CROSS_BINS) fuzz-seeds

# -k: a binary that does not build is reported by run.sh with the others;
# -j: the cross builds are most of this suite's time (unless make already
# runs with a job server).
cross-check:
	@$(if $(filter-out 1,$(CROSS_SAMPLE)),echo "cross: replays of $(words $(CROSS_REPLAYS)) of $(words $(FUZZ_SCHEMA_NAMES)) schemas (CROSS_SAMPLE=$(CROSS_SAMPLE) CROSS_SEED=$(CROSS_SEED)): $(CROSS_REPLAYS)";) \
	$(MAKE) --no-print-directory -k $(if $(findstring -j,$(MAKEFLAGS)),,-j$(CROSS_JOBS)) \
	    cross-build; \
	CROSS_HOSTS="$(CROSS_HOSTS)" CROSS_UNITS="$(CROSS_UNITS)" \
	    CROSS_SCHEMAS="$(CROSS_REPLAYS)" \
	    $(foreach h,$(CROSS_HOSTS),CROSS_RUN_$(h)="$(CROSS_RUN_$(h))") \
	    bash tests/cross/run.sh $(B)

.PRECIOUS: $(B)/cross/%.o
