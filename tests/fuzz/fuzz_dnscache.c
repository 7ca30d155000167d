/* fuzz_dnscache.c: zonelint --cache reading a cache file of any bytes. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * A cache file may come from anywhere a CI job keeps files, a pull
 * request included.  The input is written as the cache file and read by
 * zl_dns_new (no question is asked: nothing is looked up).  Promises
 * besides the sanitizers': the file is either read whole or refused with
 * one line that names it and a line number, and what is printed of it is
 * what may be shown (fuzz_shown).
 */

#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"
#include "tests/fuzz/fuzz.h"

static char cache_path[4096];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_path(cache_path, sizeof(cache_path), "fuzz.dnscache");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512] = "";
	zl_dns_t *d;

	fuzz_write_file(cache_path, data, size);
	d = zl_dns_new("127.0.0.1:9", 1, cache_path, err, sizeof(err));
	if (d == NULL) {
		FUZZ_ASSERT(strncmp(err, cache_path, strlen(cache_path)) == 0 &&
		    strstr(err, ": not a zonelint DNS cache entry") != NULL &&
		    strchr(err, '\n') == NULL);
		FUZZ_ASSERT(fuzz_shown(err + strlen(cache_path),
		    strlen(err) - strlen(cache_path)));
	}
	zl_dns_free(d);
	return 0;
}
