# tests/protocols/protocols.mk - bundled schemas on real packet bytes vs
# tshark (tests/protocols/README.md), included from the top Makefile.
#
#   make protocols          every tests/protocols/*/spec: driver output vs
#                           NAME.expect, NAME.expect vs tshark, NAME.pcap vs
#                           make.py; last line "N passed, M failed"
#   make protocols-expect   rewrite NAME.expect from tshark (expect.py)
#   make protocols-pcaps    rewrite NAME.pcap (make.py, scapy)
#
# PROTOCOLS_ONLY='igmp dhcpv6' selects protocols (default: all).

.PHONY: protocols protocols-expect protocols-pcaps

PROTOCOLS_ALL = $(patsubst tests/protocols/%/spec,%,$(wildcard tests/protocols/*/spec))

protocols: $(ZEROCAST)
	@B=$(B) bash tests/protocols/run.sh $(ZEROCAST) $(PROTOCOLS_ONLY)

protocols-expect:
	@set -e; for p in $(or $(PROTOCOLS_ONLY),$(PROTOCOLS_ALL)); do \
	    echo "expect.py tests/protocols/$$p"; \
	    /usr/bin/python3 tests/protocols/expect.py tests/protocols/$$p; done

protocols-pcaps:
	@set -e; for p in $(or $(PROTOCOLS_ONLY),$(PROTOCOLS_ALL)); do \
	    echo "make.py tests/protocols/$$p"; \
	    /usr/bin/python3 tests/protocols/$$p/make.py; done

# make protocols-coverage: every bundled schema has its docs/protocols.md
# row, its reference and deviations, a tshark comparison, a stack route,
# zcdump's and zcdemo's decode, fuzz/roundtrip/strict places, or a reason
# in tests/protocols/coverage.py's exception lists.
.PHONY: protocols-coverage
protocols-coverage: $(ZEROCAST)
	@/usr/bin/python3 tests/protocols/coverage.py $(ZEROCAST)
check-build: $(ZEROCAST)
