# tests/wireshark/wireshark.mk - the generated Wireshark dissector
# (zerocast --emit=wireshark, docs/wireshark.md) against zcdump and the
# generated C code (included from the top Makefile; uses B and ZEROCAST).
#
#   make wireshark        tests/wireshark/run.sh: tests/captures end to end
#                         in one tshark run, the three user-style schemas,
#                         the command line (what make check runs)
#   make wireshark-full   the same, each capture on its own, zcdump's corpus
#                         and 3000 damaged frames (tests/zcdump/mutate.py)

.PHONY: wireshark wireshark-full

wireshark: $(ZEROCAST) $(B)/zcdump
	bash tests/wireshark/run.sh $(ZEROCAST) $(B)/zcdump $(B)/wireshark

wireshark-full: $(ZEROCAST) $(B)/zcdump
	bash tests/wireshark/run.sh $(ZEROCAST) $(B)/zcdump $(B)/wireshark-full full

check-build: $(ZEROCAST) $(B)/zcdump
