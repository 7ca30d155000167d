/* fuzz.h: what the fuzz targets share: entry points and small helpers. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Each tests/fuzz/fuzz_*.c is one libFuzzer target: it defines
 * LLVMFuzzerTestOneInput (and, when it needs set-up, LLVMFuzzerInitialize).
 * The same file links either with libFuzzer (`make fuzz`, clang) or with
 * tests/fuzz/replay.c, whose main() runs the seed and regression files
 * through it without a fuzzing engine (`make check`, any compiler).
 *
 * A target reports a broken promise with FUZZ_ASSERT, which traps: the
 * fuzzer saves the input as a crash, the replay program dies.  The helpers
 * below abort on failures of the environment (no temporary folder, a full
 * disk), which are not findings but must not pass silently either.
 */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* libFuzzer's entry points. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Trap when a promise is broken (a finding, like a crash). */
#define FUZZ_ASSERT(cond)                \
	do {                             \
		if (!(cond)) {           \
			__builtin_trap(); \
		}                        \
	} while (0)

/*
 * The process's own temporary folder, created on first use under $TMPDIR
 * (or /tmp) and removed with its files at exit.  Never NULL.
 */
const char *fuzz_dir(void);

/* Write "DIR/name" into `out` (fuzz_dir()); aborts when it does not fit. */
void fuzz_path(char *out, size_t size, const char *name);

/* Replace the file at `path` with `size` bytes of `data`; aborts on error. */
void fuzz_write_file(const char *path, const uint8_t *data, size_t size);

/* The built-in provider profile, loaded once; aborts when it does not
 * load. */
struct zg_profile;
struct zg_profile *fuzz_builtin_profile(void);

/* A stream on /dev/null, opened once. */
FILE *fuzz_devnull(void);

/* True when `s` (length `len`) holds no control byte (< 0x20 or 0x7f). */
int fuzz_no_controls(const char *s, size_t len);

/*
 * True when `s` (length `len`) is what an output may show: strict UTF-8
 * (no overlong form, surrogate or code point past U+10FFFF) without a
 * control character other than line feed and tab, DEL, a C1 control, the
 * line and paragraph separators or bidirectional formatting (U+061C,
 * U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069).  Written
 * apart from zonegen/escape.c, as its oracle.
 */
int fuzz_shown(const char *s, size_t len);

/* The number of line feeds in s[0..len). */
size_t fuzz_lines(const char *s, size_t len);

/*
 * Every problem an SPF or DMARC parse reports has an id and a message of
 * one line, NUL-terminated inside its buffer, without control bytes.
 */
struct zg_problems;
void fuzz_check_problems(const struct zg_problems *problems);

#endif /* TESTS_FUZZ_FUZZ_H */
