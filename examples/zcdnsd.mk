# zcdnsd.mk - the example DNS responder (included from the top Makefile).
#
#   make build/zcdnsd         the responder (-O2)
#   make build/asan/zcdnsd    the same under ASan+UBSan (what the test runs)
#   make dnsd-check           tests/dnsd/run.sh against the ASan+UBSan build
#
# Uses B and SAN from the parent Makefile, and its rule for
# $(B)/schemas/dns.zc.h (whose .d file tracks the imported net.zc).
# docs/zcdnsd.md describes the program and its test.

B ?= build

ZCDNSD_CFLAGS = -std=c11 -g -Wall -Wextra -Wconversion -Wshadow -Werror \
                -Iruntime -I$(B)/schemas
ZCDNSD_DEPS   = examples/zcdnsd.c $(B)/schemas/dns.zc.h runtime/zerocast.h runtime/zerocast_dns.h \
                runtime/zerocast_io.h

$(B)/zcdnsd: $(ZCDNSD_DEPS)
	$(CC) $(ZCDNSD_CFLAGS) -O2 $< -o $@

$(B)/asan/zcdnsd: $(ZCDNSD_DEPS)
	@mkdir -p $(B)/asan
	$(CC) $(ZCDNSD_CFLAGS) -O1 $(SAN) $< -o $@

.PHONY: dnsd-check
dnsd-check: $(B)/zcdnsd $(B)/asan/zcdnsd
	bash tests/dnsd/run.sh $(B)/asan/zcdnsd
