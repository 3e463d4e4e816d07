# examples/zcping.mk - zcping, ping on the generated API (included from the
# top Makefile after zcnc.mk; uses B, HEADERS, SAN, INSTALL, BINDIR and
# MANDIR from it and runtime/install.mk).
#
#   make zcping            $(B)/zcping        -O2, what gets installed
#   make zcping-asan       $(B)/asan/zcping   ASan+UBSan, what the tests run
#   make zcping-test       tests/zcping/run.sh against the ASan build
#   make install-zcping    $(BINDIR)/zcping and $(MANDIR)/man1/zcping.1
#   make uninstall-zcping

ZCPING_SRC  = examples/zcping/zcping.c
ZCPING_WARN = -std=c11 -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow -Werror
ZCPING_INC  = -Iruntime -I$(B)/schemas
ZCPING_DEPS = $(ZCPING_SRC) $(B)/schemas/icmpv4.zc.h $(B)/schemas/icmpv6.zc.h \
              runtime/zerocast.h runtime/zerocast_io.h runtime/zerocast_net.h

.PHONY: zcping zcping-asan zcping-test install-zcping uninstall-zcping

zcping: $(B)/zcping
zcping-asan: $(B)/asan/zcping

$(B)/zcping: $(ZCPING_DEPS)
	$(CC) $(ZCPING_WARN) -O2 -g -DNDEBUG $(ZCPING_INC) $(ZCPING_SRC) -o $@ -lm

$(B)/asan/zcping: $(ZCPING_DEPS)
	@mkdir -p $(B)/asan
	$(CC) $(ZCPING_WARN) -O1 -g $(SAN) $(ZCPING_INC) $(ZCPING_SRC) -o $@ -lm

zcping-test: $(B)/asan/zcping
	bash tests/zcping/run.sh $(B)/asan/zcping

install-zcping: $(B)/zcping docs/man/zcping.1
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1'
	$(INSTALL) -p -m 755 $(B)/zcping '$(DESTDIR)$(BINDIR)/zcping'
	$(INSTALL) -p -m 644 docs/man/zcping.1 '$(DESTDIR)$(MANDIR)/man1/zcping.1'

uninstall-zcping:
	rm -f '$(DESTDIR)$(BINDIR)/zcping' '$(DESTDIR)$(MANDIR)/man1/zcping.1'

check-build: $(B)/asan/zcping

# tests/enums/run.sh (the bundled enums against tshark's names) compiles
# tests/enums/names.c against these
check-build: $(B)/schemas/dhcp.zc.h $(B)/schemas/icmpv4.zc.h $(B)/schemas/icmpv6.zc.h
