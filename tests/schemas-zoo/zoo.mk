# tests/schemas-zoo/zoo.mk - the schema zoo (tests/schemas-zoo/README.md),
# included from the top Makefile; also a suite of `make check`.
#
#   make zoo          every zoo schema: strict warnings matrix, layout
#                     golden, fuzz-target properties; last line
#                     "N passed, M failed, K known failures (...)"
#   make zoo-update   rewrite tests/schemas-zoo/*.layout.expected from the
#                     compiler's output (review the diff before committing)
#
# ZOO_ONLY=GLOB selects schemas (make zoo ZOO_ONLY='sw_*'), ZOO_JOBS=N
# compiles N schemas at a time (default 2).

.PHONY: zoo zoo-update

zoo: $(ZEROCAST)
	@ZOO_ONLY='$(ZOO_ONLY)' bash tests/schemas-zoo/run.sh $(ZEROCAST)

zoo-update: $(ZEROCAST)
	@ZOO_ONLY='$(ZOO_ONLY)' ZC_UPDATE_GOLDEN=1 bash tests/schemas-zoo/run.sh $(ZEROCAST)
