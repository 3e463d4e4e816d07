/*
 * fuzz_compiler.c - libFuzzer target for the zerocast compiler front end.
 *
 * Each input is one schema file, compiled in process exactly as gen/main.c
 * would compile it: load (lexer, parser, imports), check, then every
 * emitter (header, layout report, fuzz target) into a memory stream; the
 * header twice, which must be byte-identical. The
 * arena and the diagnostic counter are reset after every input, so each run
 * starts from the same state as a fresh process.
 *
 * Linked with every compiler object except main.o (see tests/fuzz/fuzz.mk).
 * Run it from the repository root: imports are searched in schemas/ and
 * the compiler test directories, relative to the current directory.
 * Diagnostics go to stderr; run with -close_fd_mask=2 to keep them quiet.
 */
#include "zcc.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *include_dirs[] = {
    "schemas",
    "tests/compiler/golden",
    "tests/compiler/diag",
};

/* Runs one emitter into a memory stream; returns the text (free() it). */
static char *emit_to_memory(int which, Program *prog, size_t *len)
{
    char *text = NULL;
    FILE *mem = open_memstream(&text, len);
    if (!mem)
        abort();
    if (which == 0) {
        EmitOptions eo = { "", "fuzz.zc", false, false, false, NULL, false };
        emit_header(mem, prog, &eo);
    } else if (which == 3) {   /* --acsl: the contracts of emit_acsl.c too */
        EmitOptions eo = { "", "fuzz.zc", false, false, false, NULL, true };
        emit_header(mem, prog, &eo);
    } else if (which == 1) {
        emit_layout(mem, prog);
    } else {
        FuzzOptions fo = { "fuzz.zc.h", "fuzz.zc", "" };
        emit_fuzz(mem, prog, &fo);
    }
    if (fclose(mem) != 0)
        abort();
    return text;
}

/* Every emitter; the header twice, which must come out byte-identical
   (the compiler promises deterministic output, and the emitters keep state
   in static variables between calls). */
static void emit_all(Program *prog)
{
    size_t len1 = 0, len2 = 0, n = 0;
    char *h1 = emit_to_memory(0, prog, &len1);
    char *h2 = emit_to_memory(0, prog, &len2);
    if (len1 != len2 || memcmp(h1, h2, len1) != 0) {
        fprintf(stdout, "fuzz_compiler: emit_header gave different text twice (%zu, %zu bytes)\n",
                len1, len2);
        fflush(stdout);
        __builtin_trap();
    }
    free(h1);
    free(h2);
    free(emit_to_memory(1, prog, &n));
    free(emit_to_memory(2, prog, &n));
    free(emit_to_memory(3, prog, &n));
}

/*
 * Diagnostics print a character at a time (the caret line) on an unbuffered
 * stderr: one write() each, which made the target ~10x slower. Buffer it and
 * flush after every input. Sanitizer and libFuzzer reports do not go through
 * stdio's stderr, so they are not delayed; only the diagnostics of an input
 * that crashes may be lost (rerun it with gen/zerocast to see them).
 */
static char stderr_buf[1 << 16];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setvbuf(stderr, stderr_buf, _IOFBF, sizeof stderr_buf);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The compiler refuses larger files before parsing (source_read). */
    if (size > ZCC_MAX_SOURCE_BYTES)
        return 0;

    /* Built as source_read() builds it: arena-owned, NUL-terminated. */
    Source *src = xalloc(sizeof(Source));
    src->path = xstrdup("fuzz.zc");
    src->text = xstrndup((const char *)data, size);
    src->len = size;

    LoadOptions opts = { 0 };    /* no installed-schema directory */
    opts.include_dirs = include_dirs;
    opts.n_include_dirs = (int)(sizeof include_dirs / sizeof include_dirs[0]);
    Program *prog = load_program_source(src, &opts);
    if (diag_error_count() == 0 && prog->root)
        check_program(prog);
    if (diag_error_count() == 0 && prog->root)
        emit_all(prog);

    arena_free_all();
    diag_reset();
    fflush(stderr);
    return 0;
}
