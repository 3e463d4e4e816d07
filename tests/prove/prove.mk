# tests/prove/prove.mk - Frama-C/WP proofs of the generated code (issue #23;
# docs/hardening.md, "Proofs"). Needs frama-c-base, why3, z3 and cvc4.
#
#   make prove         every bundled schema, tests/prove/policy.zc (a
#                      @policy struct with a byte constant) and the
#                      runtime, then the mutants (read side, then the
#                      write side: tests/prove/mutants-write.sh; the
#                      array helpers: tests/prove/mutants-array.sh), after
#                      Eva (prove-eva-report)
#   make prove-quick   the make-check subset: udp, ethernet (fixed and
#                      variable size, iterator steps) and the mutants
#
# PROVE_TIMEOUT (seconds per goal and prover, default 20) and PROVE_PAR
# (parallel provers, default 2) are read by tests/prove/run.sh.

PROVE_SCHEMAS = $(basename $(notdir $(wildcard schemas/*.zc)))

.PHONY: prove prove-quick
prove: $(ZEROCAST)
	@bash tests/prove/run.sh $(ZEROCAST) $(B)/prove runtime $(PROVE_SCHEMAS) tests/prove/policy.zc; st=$$?; \
	 MUTANTS_COMPLEX=1 bash tests/prove/mutants.sh $(ZEROCAST) $(B)/prove || st=1; \
	 bash tests/prove/mutants-write.sh $(ZEROCAST) $(B)/prove || st=1; \
	 bash tests/prove/mutants-array.sh $(ZEROCAST) $(B)/prove || st=1; exit $$st
prove: prove-eva-report prove-frame

prove-quick: $(ZEROCAST)
	@bash tests/prove/quick.sh $(ZEROCAST) $(B)/prove

check-build: $(ZEROCAST)

# Eva over each schema's fuzz target, every input of 0..N bytes, N and
# the mode (whole target, or per struct) from tests/prove/eva/bounds.tsv
# (tests/prove/eva.sh; docs/hardening.md, "Eva"). EVA_EXTRA, EVA_N,
# EVA_EACH, EVA_PRECISION, EVA_SPLIT and EVA_TIMEOUT are read by the
# script.
.PHONY: prove-eva
prove-eva: $(ZEROCAST)
	@nice -n 10 bash tests/prove/eva.sh $(ZEROCAST) $(B)/prove-eva $(PROVE_SCHEMAS)

# `make prove` runs Eva first, and an Eva failure must not stop the WP
# proofs after it: its table and "N passed, M failed" are printed, the
# failure is ignored there (`make prove-eva` alone exits non-zero).
.PHONY: prove-eva-report
prove-eva-report: $(ZEROCAST)
	-@nice -n 10 bash tests/prove/eva.sh $(ZEROCAST) $(B)/prove-eva $(PROVE_SCHEMAS)
