# zerocast.mk - make rules for zerocast schemas (GNU make). Installed by
# zerocast's `make install` as PREFIX/share/zerocast/zerocast.mk.
#
#   ZEROCAST_OUTDIR = gen                        # optional, before the include
#   include $(shell pkg-config --variable=makefile zerocast)
#
#   app: app.c gen/proto.zc.h gen/udp.zc.h
#           $(CC) $(CFLAGS) $(ZEROCAST_CFLAGS) app.c -o $@
#
# OUTDIR/NAME.zc.h is generated from NAME.zc in ZEROCAST_SRCDIR or, when there
# is none, from the bundled schema of that name (gen/udp.zc.h from
# .../share/zerocast/schemas/udp.zc). Each run also writes the headers of the
# schemas NAME.zc imports (zerocast -r: gen/net.zc.h next to gen/udp.zc.h,
# which #includes it; left untouched when unchanged), and OUTDIR/NAME.zc.d,
# which lists every schema the header imported; these files are included
# below, so editing an imported schema regenerates the headers that use it.
#
# Set before the include:
#   ZEROCAST_SRCDIR      where your schemas are            (default: .)
#   ZEROCAST_OUTDIR      where headers and .d files go     (default: .)
# Set anywhere:
#   ZEROCAST             the compiler   (default: the one installed with this file)
#   ZEROCAST_FLAGS       more options: -I DIR, --prefix P
# Provided:
#   ZEROCAST_CFLAGS      -I options for zerocast.h and ZEROCAST_OUTDIR
#   ZEROCAST_INCLUDEDIR  the directory of zerocast.h
#   ZEROCAST_SCHEMADIR   the bundled schemas; searched for imports after
#                        the -I directories in ZEROCAST_FLAGS
#
# The installation is found from this file's own location, so a staged
# (DESTDIR) or moved copy works as it is.

_zc_here   := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
_zc_up     := @PKGDATADIR_TO_PREFIX@
_zc_prefix := $(if $(filter /%,$(_zc_up)),$(_zc_up),$(abspath $(_zc_here)/$(_zc_up)))
_zc_dir     = $(if $(filter /%,$1),$1,$(_zc_prefix)/$1)

ZEROCAST            ?= $(call _zc_dir,@REL_BINDIR@)/zerocast
ZEROCAST_INCLUDEDIR := $(call _zc_dir,@REL_INCLUDEDIR@)/zerocast
ZEROCAST_SCHEMADIR  := $(call _zc_dir,@REL_SCHEMADIR@)
ZEROCAST_SRCDIR     ?= .
ZEROCAST_OUTDIR     ?= .
ZEROCAST_FLAGS      ?=
ZEROCAST_CFLAGS      = -I$(ZEROCAST_INCLUDEDIR) -I$(ZEROCAST_OUTDIR)

# "dir/" for a directory, nothing for "."
_zc_src := $(if $(filter . ./,$(ZEROCAST_SRCDIR)),,$(patsubst %/,%,$(ZEROCAST_SRCDIR))/)
_zc_out := $(if $(filter . ./,$(ZEROCAST_OUTDIR)),,$(patsubst %/,%,$(ZEROCAST_OUTDIR))/)

define _zc_generate
@mkdir -p $(@D)
$(ZEROCAST) $(strip $(ZEROCAST_FLAGS) -I $(ZEROCAST_SCHEMADIR)) -r -MD -MF $(basename $@).d $< -o $@
endef

# Headers also depend on the compiler, when it is a file: an upgrade
# regenerates them.
$(_zc_out)%.zc.h: $(_zc_src)%.zc $(wildcard $(ZEROCAST))
	$(_zc_generate)

$(_zc_out)%.zc.h: $(ZEROCAST_SCHEMADIR)/%.zc $(wildcard $(ZEROCAST))
	$(_zc_generate)

# (the rules in the .d files must not become the default goal)
_zc_goal := $(.DEFAULT_GOAL)
-include $(wildcard $(_zc_out)*.zc.d)
.DEFAULT_GOAL := $(_zc_goal)
