/* fuzz_profile.c: provider profiles loaded from memory, printed, reloaded. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * zg_profile_load on the input (`size` bytes, text non-NULL).  A failure
 * must leave one line of message without control bytes (it quotes the
 * input).  A profile that loads is printed with zg_profile_print, and what
 * was printed must load again and print the same bytes: `zonegen
 * --print-profile` is documented as a starting point for one's own
 * profile, so the printer must write a loadable profile, and the same one.
 */

#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "zonegen/zonegen.h"

/* A failure's message: NUL-terminated, one line, no control bytes. */
static void
check_message(const char *message, size_t size)
{
	size_t n = strnlen(message, size);

	FUZZ_ASSERT(n > 0 && n < size);
	FUZZ_ASSERT(fuzz_no_controls(message, n));
}

/* Print `profile` into a new buffer; `*len` gets its length. */
static char *
print(const zg_profile_t *profile, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	if (fp == NULL) {
		abort();
	}
	FUZZ_ASSERT(zg_profile_print(profile, fp) == ZG_OK);
	if (fclose(fp) != 0) {
		abort();
	}
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zg_profile_t *profile = NULL, *again = NULL;
	char message[512];
	char *first, *second;
	size_t first_len, second_len;
	zg_status_t st;

	st = zg_profile_load("fuzz.yaml", (const char *)data, size, &profile,
	    message, sizeof(message));
	if (st != ZG_OK) {
		FUZZ_ASSERT(st == ZG_ERR_PROFILE || st == ZG_ERR_NOMEM);
		FUZZ_ASSERT(profile == NULL);
		check_message(message, sizeof(message));
		return 0;
	}
	FUZZ_ASSERT(profile != NULL);
	(void)zg_profile_print(profile, fuzz_devnull());

	first = print(profile, &first_len);
	st = zg_profile_load("printed.yaml", first, first_len, &again,
	    message, sizeof(message));
	FUZZ_ASSERT(st == ZG_OK);
	second = print(again, &second_len);
	FUZZ_ASSERT(first_len == second_len &&
	    memcmp(first, second, first_len) == 0);

	free(first);
	free(second);
	zg_profile_free(again);
	zg_profile_free(profile);
	return 0;
}
