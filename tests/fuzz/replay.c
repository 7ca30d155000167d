/* replay.c: run files through a fuzz target without a fuzzing engine. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Linked with one tests/fuzz/fuzz_*.c instead of libFuzzer, so that
 * `make check` replays the seed and regression files on every build, with
 * the normal compiler (and the sanitizers under `make san`), as BIND's and
 * Knot's fuzz targets do without an engine.
 *
 * usage: replay FILE...   exit 0 when every file went through; a broken
 * promise traps (FUZZ_ASSERT) and a sanitizer stops the program.  Each
 * input is copied into a buffer of exactly its size, as libFuzzer does, so
 * that a read past the end is caught.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"

/* Defined by the targets that need set-up; NULL in the others. */
extern int LLVMFuzzerInitialize(int *argc, char ***argv)
    __attribute__((weak));

/* Read the whole file into a buffer of its exact size (1 when empty). */
static uint8_t *
slurp(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL) {
		return NULL;
	}
	do {
		if (len == cap) {
			uint8_t *p;

			cap = cap ? cap * 2 : 65536;
			if ((p = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		free(buf);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	*size = len;
	return buf;
}

int
main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fputs("usage: replay FILE...\n", stderr);
		return 2;
	}
	if (LLVMFuzzerInitialize != NULL) {
		LLVMFuzzerInitialize(&argc, &argv);
	}
	for (i = 1; i < argc; i++) {
		size_t size = 0;
		uint8_t *buf = slurp(argv[i], &size);
		uint8_t *exact;

		if (buf == NULL) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno ? errno : ENOMEM));
			return 2;
		}
		/* Exactly `size` bytes, so that ASan sees the end. */
		exact = malloc(size > 0 ? size : 1);
		if (exact == NULL) {
			free(buf);
			fputs("replay: out of memory\n", stderr);
			return 2;
		}
		memcpy(exact, buf, size);
		free(buf);
		LLVMFuzzerTestOneInput(exact, size);
		free(exact);
	}
	printf("replayed %d input%s\n", argc - 1, argc == 2 ? "" : "s");
	return 0;
}
