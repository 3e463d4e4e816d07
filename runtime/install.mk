# runtime/install.mk - `make install` and `make uninstall` (included from
# the top Makefile).
#
#   make install   [PREFIX=/usr/local] [DESTDIR=/staging/root]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=/staging/root]
#
# What goes where (PREFIX=/usr/local; every directory can be overridden):
#
#   BINDIR        bin/zerocast
#   INCLUDEDIR    include/zerocast/zerocast.h    pkg-config and CMake add
#                 include/zerocast/zerocast_dns.h (the dns_name extern type)
#                 include/zerocast/zerocast_csum.h (Internet checksums)
#                 include/zerocast/zerocast_build.h (the builder core)
#                 include/zerocast/zerocast_io.h (socket I/O)
#                 include/zerocast/zerocast_net.h (socket API bridges)
#                                                -I.../include/zerocast, as
#                                                generated headers say
#                                                #include "zerocast.h"
#   DATADIR       share/zerocast/schemas/*.zc    the bundled schemas; the
#                                                compiler searches here for
#                                                imports (compiled in)
#   PKGDATADIR    share/zerocast/zerocast.mk     make rules for users
#   MANDIR        share/man/man1/zerocast.1, share/man/man5/zerocast-schema.5
#   DOCDIR        share/doc/zerocast/*.md        the user documentation
#   PKGCONFIGDIR  lib/pkgconfig/zerocast.pc
#   CMAKEDIR      lib/cmake/zerocast/zerocastConfig.cmake (+ ConfigVersion)
#
# The compiler has DATADIR compiled in, so it must be built for the PREFIX
# it is installed under. $(B)/gen/datadir.stamp records the DATADIR of the
# last build; it is rewritten (and the compiler rebuilt) only when DATADIR
# changes, so `make PREFIX=/opt/zc install` is enough on its own,
# and a later plain `make` rebuilds for the default PREFIX again.
#
# DESTDIR only stages the files: nothing that is installed mentions it. The
# pkg-config file, the CMake package and zerocast.mk find their own prefix
# from where they are installed when every directory is under PREFIX, so a
# staged or moved tree works as it is (the compiler itself needs
# ZEROCAST_DATADIR there, or -I DIR, to find the bundled schemas).
#
# Uses PREFIX, DATADIR, ZEROCAST and B from the top Makefile.

# (included anywhere in the top Makefile: its rules must not become the
# default goal)
zc_saved_goal := $(.DEFAULT_GOAL)

$(if $(and $(DATADIR),$(B),$(ZEROCAST)),,$(error runtime/install.mk: include it after DATADIR, B and ZEROCAST are set))

INSTALL      ?= install
BINDIR       ?= $(PREFIX)/bin
INCLUDEDIR   ?= $(PREFIX)/include
LIBDIR       ?= $(PREFIX)/lib
PKGDATADIR   ?= $(PREFIX)/share/zerocast
MANDIR       ?= $(PREFIX)/share/man
DOCDIR       ?= $(PREFIX)/share/doc/zerocast
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
CMAKEDIR     ?= $(LIBDIR)/cmake/zerocast

ZC_VERSION := $(shell sed -n 's/^.define ZCC_VERSION "\(.*\)".*/\1/p' gen/zcc.h)
ZC_SCHEMA_FILES = $(sort $(wildcard schemas/*.zc))
ZC_MANPAGES     = docs/man/zerocast.1 docs/man/zerocast-schema.5
# The user documentation (the design notes and test reports stay in the sources).
ZC_DOCS         = README.md docs/tutorial.md docs/schema-language.md \
                  docs/generated-api.md docs/protocols.md docs/checksums.md docs/io.md \
                  docs/meson.md docs/wireshark.md docs/zcdump.md docs/zcnc.md docs/zcping.md
ZC_TEMPLATES    = runtime/zerocast.pc.in runtime/cmake/zerocastConfig.cmake.in \
                  runtime/cmake/zerocastConfigVersion.cmake.in runtime/zerocast.mk

# ---- rebuild the compiler when DATADIR changes -----------------------------

# An existing stamp is updated while the Makefile is read (not by a rule
# with a phony prerequisite, so that `make -q` still works); nothing is
# created then, so `sudo make deps` leaves no root-owned build directory.
ifneq ($(wildcard $(B)/gen/datadir.stamp),)
ifneq ($(shell cat $(B)/gen/datadir.stamp),$(DATADIR))
$(shell echo '$(DATADIR)' > $(B)/gen/datadir.stamp)
endif
endif

$(B)/gen/main.o $(B)/asan/main.o: $(B)/gen/datadir.stamp

$(B)/gen/datadir.stamp:
	@mkdir -p $(@D)
	@echo '$(DATADIR)' > $@

.PHONY: install uninstall
install uninstall: %: %-zcnc %-zcdump %-zcping

# ---- relocatable paths for the generated package files ---------------------

zc_empty :=
zc_space := $(zc_empty) $(zc_empty)
zc_prefix = $(patsubst %/,%,$(PREFIX))
# $(call zc_rel,DIR): DIR relative to PREFIX ("lib"), or DIR when outside it.
zc_rel = $(if $(filter $(zc_prefix)/%,$1),$(patsubst $(zc_prefix)/%,%,$1),$1)
# $(call zc_up,DIR): the way from DIR up to PREFIX ("../.."), or PREFIX
# itself when DIR is outside it (then the file is not relocatable).
zc_up = $(if $(filter $(zc_prefix)/%,$1),$(subst $(zc_space),/,$(patsubst %,..,$(subst /, ,$(call zc_rel,$1)))),$(zc_prefix))
# $(call zc_pc,DIR): DIR for a .pc file: ${prefix}/lib, or DIR.
zc_pc = $(if $(filter $(zc_prefix)/%,$1),$${prefix}/$(call zc_rel,$1),$1)

ZC_SED = sed -e 's|@VERSION@|$(ZC_VERSION)|g' \
             -e 's|@PREFIX@|$(zc_prefix)|g' \
             -e 's|@PC_BINDIR@|$(call zc_pc,$(BINDIR))|g' \
             -e 's|@PC_INCLUDEDIR@|$(call zc_pc,$(INCLUDEDIR))|g' \
             -e 's|@PC_PKGDATADIR@|$(call zc_pc,$(PKGDATADIR))|g' \
             -e 's|@PC_SCHEMADIR@|$(call zc_pc,$(DATADIR))|g' \
             -e 's|@REL_BINDIR@|$(call zc_rel,$(BINDIR))|g' \
             -e 's|@REL_INCLUDEDIR@|$(call zc_rel,$(INCLUDEDIR))|g' \
             -e 's|@REL_SCHEMADIR@|$(call zc_rel,$(DATADIR))|g' \
             -e 's|@CMAKEDIR_TO_PREFIX@|$(call zc_up,$(CMAKEDIR))|g' \
             -e 's|@PKGDATADIR_TO_PREFIX@|$(call zc_up,$(PKGDATADIR))|g'

# $(call zc_subst,TEMPLATE,INSTALLED-PATH)
# (the path printed is the one written: under DESTDIR when staging)
zc_subst = @echo 'installing $(DESTDIR)$2'; $(ZC_SED) $1 > '$(DESTDIR)$2' && chmod 644 '$(DESTDIR)$2'

# ---- install / uninstall -----------------------------------------------------

install: $(ZEROCAST) runtime/zerocast.h runtime/zerocast_dns.h runtime/zerocast_csum.h runtime/zerocast_build.h runtime/zerocast_io.h runtime/zerocast_net.h $(ZC_MANPAGES) $(ZC_DOCS) $(ZC_TEMPLATES)
	@test -n '$(ZC_VERSION)' || { echo 'install.mk: no ZCC_VERSION in gen/zcc.h' >&2; exit 1; }
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(INCLUDEDIR)/zerocast' \
	    '$(DESTDIR)$(DATADIR)' '$(DESTDIR)$(PKGDATADIR)' \
	    '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(MANDIR)/man5' \
	    '$(DESTDIR)$(PKGCONFIGDIR)' '$(DESTDIR)$(CMAKEDIR)' '$(DESTDIR)$(DOCDIR)'
	$(INSTALL) -p -m 755 $(ZEROCAST) '$(DESTDIR)$(BINDIR)/zerocast'
	$(INSTALL) -p -m 644 runtime/zerocast.h '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast.h'
	$(INSTALL) -p -m 644 runtime/zerocast_dns.h '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_dns.h'
	$(INSTALL) -p -m 644 runtime/zerocast_csum.h '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_csum.h'
	$(INSTALL) -p -m 644 runtime/zerocast_io.h '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_io.h'
	$(INSTALL) -p -m 644 runtime/zerocast_net.h '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_net.h'
	$(INSTALL) -p -m 644 runtime/zerocast_build.h '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_build.h'
	$(INSTALL) -p -m 644 $(ZC_SCHEMA_FILES) '$(DESTDIR)$(DATADIR)/'
	$(INSTALL) -p -m 644 docs/man/zerocast.1 '$(DESTDIR)$(MANDIR)/man1/zerocast.1'
	$(INSTALL) -p -m 644 docs/man/zerocast-schema.5 '$(DESTDIR)$(MANDIR)/man5/zerocast-schema.5'
	$(INSTALL) -p -m 644 $(ZC_DOCS) '$(DESTDIR)$(DOCDIR)/'
	@# the package files get this installation's paths (written straight
	@# into place: install writes nothing into the build tree)
	$(call zc_subst,runtime/zerocast.mk,$(PKGDATADIR)/zerocast.mk)
	$(call zc_subst,runtime/zerocast.pc.in,$(PKGCONFIGDIR)/zerocast.pc)
	$(call zc_subst,runtime/cmake/zerocastConfig.cmake.in,$(CMAKEDIR)/zerocastConfig.cmake)
	$(call zc_subst,runtime/cmake/zerocastConfigVersion.cmake.in,$(CMAKEDIR)/zerocastConfigVersion.cmake)
	@$(if $(DESTDIR),echo 'staged under $(DESTDIR): the files are for $(PREFIX) once the tree is copied to /')

# Removes exactly the files install puts there, then the directories that
# belong to zerocast alone, if nothing else is left in them.
uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/zerocast' \
	    '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast.h' \
	    '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_dns.h' \
	    '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_csum.h' '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_io.h' \
	    '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_net.h' \
	    '$(DESTDIR)$(INCLUDEDIR)/zerocast/zerocast_build.h' \
	    $(patsubst schemas/%,'$(DESTDIR)$(DATADIR)/%',$(ZC_SCHEMA_FILES)) \
	    '$(DESTDIR)$(PKGDATADIR)/zerocast.mk' \
	    '$(DESTDIR)$(MANDIR)/man1/zerocast.1' \
	    '$(DESTDIR)$(MANDIR)/man5/zerocast-schema.5' \
	    '$(DESTDIR)$(PKGCONFIGDIR)/zerocast.pc' \
	    '$(DESTDIR)$(CMAKEDIR)/zerocastConfig.cmake' \
	    '$(DESTDIR)$(CMAKEDIR)/zerocastConfigVersion.cmake' \
	    $(foreach d,$(ZC_DOCS),'$(DESTDIR)$(DOCDIR)/$(notdir $d)')
	-rmdir '$(DESTDIR)$(INCLUDEDIR)/zerocast' '$(DESTDIR)$(DATADIR)' \
	    '$(DESTDIR)$(PKGDATADIR)' '$(DESTDIR)$(CMAKEDIR)' '$(DESTDIR)$(DOCDIR)' 2>/dev/null || true

.DEFAULT_GOAL := $(zc_saved_goal)
