# tests/prove/frame.mk - Frama-C/WP proofs of the framing functions
# S_frame() (issue #23; docs/hardening.md, "Frame functions").
#
#   make prove-frame   every bundled schema with an S_frame(), the
#                      tests/compiler/golden/acsl_frame.zc shapes, and the
#                      frame mutants (tests/prove/frame.sh)
#
# PROVE_TIMEOUT and PROVE_PAR as for `make prove`. The make-check subset is
# `bash tests/prove/frame.sh $(ZEROCAST) $(B)/prove udp` (udp and the mutants).

.PHONY: prove-frame
prove-frame: $(ZEROCAST)
	@nice -n 10 bash tests/prove/frame.sh $(ZEROCAST) $(B)/prove; st=$$?; \
	 FRAME_MUTANTS=0 nice -n 10 bash tests/prove/frame.sh $(ZEROCAST) $(B)/prove tests/compiler/golden/acsl_frame.zc || st=1; exit $$st

check-build: $(ZEROCAST)
