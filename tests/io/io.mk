# tests/io/io.mk - the tests of runtime/zerocast_io.h (included from the top
# Makefile).
#
#   make build/tests/test_io    the Check program (ASan+UBSan)
#   make io-check               runs it (tests/check.sh runs it in make check)
#
# test_io RUNTIME_DIR SCHEMA_DIR also compiles tests/io/strict.c under the
# strict-warnings matrix (gcc, clang; C99, C11, C17, C++17; -O0, -O2).
# Uses B, TEST_CFLAGS, CHECK_LIBS and the dns.zc.h rule of the top Makefile.

$(B)/tests/test_io: tests/io/test_io.c tests/io/strict.c runtime/zerocast_io.h runtime/zerocast.h $(B)/schemas/dns.zc.h
	@mkdir -p $(B)/tests
	$(CC) $(TEST_CFLAGS) $< -o $@ $(CHECK_LIBS)

check-build: $(B)/tests/test_io

.PHONY: io-check
io-check: $(B)/tests/test_io
	$(B)/tests/test_io runtime $(B)/schemas
