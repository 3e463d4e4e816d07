# examples/zcdump.mk - zcdump, the capture printer built on generated code
# (included from the top Makefile after the demo section; uses B, HEADERS,
# ZEROCAST and SAN from it).
#
#   make zcdump            $(B)/zcdump        -O2, what gets installed
#   make zcdump-asan       $(B)/asan/zcdump   ASan+UBSan, what the tests run
#   make zcdump-test       tests/zcdump/run.sh: the corpus through the ASan
#                          build, and the differential test against tshark
#   make bench-zcdump      zcdump against tcpdump -n and tshark on one capture
#                          (ZCDUMP_BENCH_PACKETS frames of the benchmark corpus,
#                          default 200,000; ZCDUMP_BENCH_RUNS runs, default 3):
#                          packets/s and peak memory, one line, -v, --json
#   make install-zcdump    $(BINDIR)/zcdump and $(MANDIR)/man1/zcdump.1
#   make uninstall-zcdump
#
# examples/zcdump/link.zc (link-layer headers besides Ethernet) is compiled
# like the bundled schemas, into $(B)/zcdump-schemas/link.zc.h.

ZCDUMP_SRC   = $(wildcard examples/zcdump/*.c)
ZCDUMP_DEPS  = $(ZCDUMP_SRC) examples/zcdump/zcdump.h $(B)/zcdump-schemas/link.zc.h $(HEADERS) \
               runtime/zerocast.h runtime/zerocast_dns.h
ZCDUMP_WARN  = -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wconversion -Wshadow -Werror
ZCDUMP_INC   = -Iruntime -I$(B)/schemas -I$(B)/zcdump-schemas
ZCDUMP_LIBS  = $$(pkg-config --cflags --libs libpcap)

.PHONY: zcdump zcdump-asan zcdump-test install-zcdump uninstall-zcdump bench-zcdump

ZCDUMP_BENCH_PACKETS ?= 200000
ZCDUMP_BENCH_RUNS    ?= 3

bench-zcdump: $(B)/zcdump $(B)/bench/corpus-s1-$(ZCDUMP_BENCH_PACKETS).pcap
	bash tests/zcdump/bench.sh $(B)/bench/corpus-s1-$(ZCDUMP_BENCH_PACKETS).pcap $(ZCDUMP_BENCH_RUNS)

zcdump: $(B)/zcdump
zcdump-asan: $(B)/asan/zcdump

$(B)/zcdump-schemas/link.zc.h: examples/zcdump/link.zc $(ZEROCAST)
	@mkdir -p $(B)/zcdump-schemas
	$(ZEROCAST) -I schemas -MD -MF $(B)/zcdump-schemas/link.d $< -o $@

-include $(wildcard $(B)/zcdump-schemas/link.d)

$(B)/zcdump: $(ZCDUMP_DEPS)
	$(CC) $(ZCDUMP_WARN) -O2 -g -DNDEBUG $(ZCDUMP_INC) $(ZCDUMP_SRC) -o $@ $(ZCDUMP_LIBS)

$(B)/asan/zcdump: $(ZCDUMP_DEPS)
	@mkdir -p $(B)/asan
	$(CC) $(ZCDUMP_WARN) -O1 -g $(SAN) $(ZCDUMP_INC) $(ZCDUMP_SRC) -o $@ $(ZCDUMP_LIBS)

zcdump-test: $(B)/asan/zcdump $(B)/zcdump
	B=$(B) bash tests/zcdump/run.sh

install-zcdump: $(B)/zcdump docs/man/zcdump.1
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1'
	$(INSTALL) -p -m 755 $(B)/zcdump '$(DESTDIR)$(BINDIR)/zcdump'
	$(INSTALL) -p -m 644 docs/man/zcdump.1 '$(DESTDIR)$(MANDIR)/man1/zcdump.1'

uninstall-zcdump:
	rm -f '$(DESTDIR)$(BINDIR)/zcdump' '$(DESTDIR)$(MANDIR)/man1/zcdump.1'
