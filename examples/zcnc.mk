# examples/zcnc.mk - zcnc, a netcat that decodes what it carries (included
# from the top Makefile after zcdump.mk; uses B, HEADERS, ZEROCAST, SAN,
# INSTALL, BINDIR and MANDIR from it and runtime/install.mk).
#
#   make zcnc              $(B)/zcnc          -O2, what gets installed
#   make zcnc-asan         $(B)/asan/zcnc     ASan+UBSan, what the tests run
#   make zcnc-test         tests/zcnc/run.sh against the ASan build
#   make install-zcnc      $(BINDIR)/zcnc and $(MANDIR)/man1/zcnc.1
#   make uninstall-zcnc
#
# A schema of your own for --decode, compiled in (docs/zcnc.md):
#
#   make zcnc ZCNC_SCHEMA=path/to/myproto.zc ZCNC_STRUCTS="my_hdr my_msg" \
#             ZCNC_FRAMES="my_msg"
#
# compiles myproto.zc into $(B)/zcnc-schemas/ and lists the structs in
# $(B)/zcnc-schemas/zcnc_extra.h; zcnc then knows --decode myproto.my_hdr,
# and --frame myproto.my_msg for each of ZCNC_FRAMES (structs that have a
# generated my_msg_frame(), i.e. whose size their length fields give; each
# must also be in ZCNC_STRUCTS).

ZCNC_SRC    = examples/zcnc/main.c examples/zcnc/decode.c
ZCNC_WARN   = -std=c11 -Wall -Wextra -Wconversion -Wshadow -Werror
ZCNC_INC    = -Iruntime -I$(B)/schemas
ZCNC_DEPS   = $(ZCNC_SRC) examples/zcnc/zcnc.h $(HEADERS) \
              runtime/zerocast.h runtime/zerocast_dns.h runtime/zerocast_io.h

ifneq ($(ZCNC_SCHEMA),)
ZCNC_NAME   = $(basename $(notdir $(ZCNC_SCHEMA)))
ZCNC_EXTRA  = $(B)/zcnc-schemas/zcnc_extra.h
ZCNC_DEPS  += $(ZCNC_EXTRA)
ZCNC_INC   += -I$(B)/zcnc-schemas -DZCNC_EXTRA_H='"zcnc_extra.h"'

$(B)/zcnc-schemas/$(ZCNC_NAME).zc.h: $(ZCNC_SCHEMA) $(ZEROCAST)
	@mkdir -p $(@D)
	$(ZEROCAST) -r -I schemas -I $(dir $(ZCNC_SCHEMA)) $< -o $@

$(ZCNC_EXTRA): $(B)/zcnc-schemas/$(ZCNC_NAME).zc.h FORCE
	@{ echo '#include "$(ZCNC_NAME).zc.h"'; \
	   printf '#define ZCNC_EXTRA(X)'; \
	   for s in $(ZCNC_STRUCTS); do printf ' X($(ZCNC_NAME), %s)' $$s; done; echo; \
	   printf '#define ZCNC_EXTRA_FRAMES(X)'; \
	   for s in $(ZCNC_FRAMES); do printf ' X($(ZCNC_NAME), %s)' $$s; done; echo; } > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@
.PHONY: FORCE
FORCE:
endif

.PHONY: zcnc zcnc-asan zcnc-test install-zcnc uninstall-zcnc

zcnc: $(B)/zcnc
zcnc-asan: $(B)/asan/zcnc

$(B)/zcnc: $(ZCNC_DEPS)
	$(CC) $(ZCNC_WARN) -O2 -g -DNDEBUG $(ZCNC_INC) $(ZCNC_SRC) -o $@

$(B)/asan/zcnc: $(ZCNC_DEPS)
	@mkdir -p $(B)/asan
	$(CC) $(ZCNC_WARN) -O1 -g $(SAN) $(ZCNC_INC) $(ZCNC_SRC) -o $@

zcnc-test: $(B)/asan/zcnc $(B)/zcdnsd
	B=$(B) bash tests/zcnc/run.sh $(B)/asan/zcnc

install-zcnc: $(B)/zcnc docs/man/zcnc.1
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1'
	$(INSTALL) -p -m 755 $(B)/zcnc '$(DESTDIR)$(BINDIR)/zcnc'
	$(INSTALL) -p -m 644 docs/man/zcnc.1 '$(DESTDIR)$(MANDIR)/man1/zcnc.1'

uninstall-zcnc:
	rm -f '$(DESTDIR)$(BINDIR)/zcnc' '$(DESTDIR)$(MANDIR)/man1/zcnc.1'
