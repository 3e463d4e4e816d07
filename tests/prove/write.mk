# tests/prove/write.mk - the write side of the proofs (issue #23;
# docs/hardening.md, "Setters, builders, checksums").
#
#   make prove-write   the write-side mutants (WP) and the builder harnesses (Eva)
#
# $(B)/tests/test_csum_framac: tests/unit/test_csum.c compiled with
# -D__FRAMAC__, so the runtime's Frama-C branch (the word-at-a-time
# zc_csum_partial_, the byte-arithmetic wire functions) must give the
# checksum suite's expected values, the same as the branch compilers use.

.PHONY: prove-write
prove-write: $(ZEROCAST)
	@bash tests/prove/mutants-write.sh $(ZEROCAST) $(B)/prove; st=$$?; \
	 bash tests/prove/builders.sh $(ZEROCAST) $(B)/prove || st=1; exit $$st

$(B)/tests/test_csum_framac: tests/unit/test_csum.c $(HEADERS) $(B)/tests/csum_odd.zc.h $(RUNTIME_HDRS)
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) -D__FRAMAC__ -I$(B)/tests $< -o $@ $(CHECK_LIBS) $$(pkg-config --cflags --libs libpcap)

check-build: $(B)/tests/test_csum_framac
