/* fuzz_spf.c: the SPF parser (RFC 7208) on arbitrary bytes. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * zg_spf_parse and zg_spf_is_record on the input as it is: `size` bytes,
 * not NUL-terminated (libFuzzer and replay.c hand over a buffer of exactly
 * that size, so a read past it is caught).  Promises checked besides the
 * sanitizers': the status is ZG_OK with a record, every term has a name
 * and a known qualifier, the DNS-query count fits the terms, and every
 * problem has an id and a one-line message without control bytes, since
 * messages quote the input.
 */

#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "zonegen/zonegen.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	zg_problems_t problems = { 0 };
	zg_spf_t *spf = NULL;
	zg_status_t st;
	size_t i;

	(void)zg_spf_is_record(text, size);
	st = zg_spf_parse(text, size, &spf, &problems);
	FUZZ_ASSERT(st == ZG_OK || st == ZG_ERR_NOMEM);
	if (st == ZG_OK) {
		FUZZ_ASSERT(spf != NULL);
		FUZZ_ASSERT(spf->dns_terms <= spf->count);
		for (i = 0; i < spf->count; i++) {
			const zg_spf_term_t *t = &spf->terms[i];

			FUZZ_ASSERT(t->name != NULL);
			FUZZ_ASSERT(strchr("+-~?", t->qualifier) != NULL &&
			    t->qualifier != '\0');
		}
		fuzz_check_problems(&problems);
	}
	zg_spf_free(spf);
	zg_problems_free(&problems);
	return 0;
}
