/* fuzz_spf.c: the SPF parser (RFC 7208) on arbitrary bytes. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * zg_spf_parse and zg_spf_is_record on the input as it is: `size` bytes,
 * not NUL-terminated (libFuzzer and replay.c hand over a buffer of exactly
 * that size, so a read past it is caught).  Promises checked besides the
 * sanitizers': the status is ZG_OK with a record, every term has a name
 * and a known qualifier, the DNS-query count fits the terms, and every
 * problem has an id and a one-line message without control bytes, since
 * messages quote the input; and zg_spf_term_format is the parser's
 * inverse: each term printed and parsed again is one valid term, equal
 * to it (qualifier, mechanism, value, both prefix lengths).
 */

#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "zonegen/zonegen.h"

/* Print a term, parse "v=spf1 TERM": one term, valid, equal to it. */
static void
round_trip(const zg_spf_term_t *t)
{
	size_t n = zg_spf_term_format(t, NULL, 0);
	char *text = malloc(n + 8);
	zg_problems_t problems = { 0 };
	zg_spf_t *again = NULL;

	FUZZ_ASSERT(text != NULL);
	memcpy(text, "v=spf1 ", 7);
	FUZZ_ASSERT(zg_spf_term_format(t, text + 7, n + 1) == n);
	if (zg_spf_parse(text, n + 7, &again, &problems) == ZG_OK) {
		size_t i;

		for (i = 0; i < problems.count; i++) {
			FUZZ_ASSERT(!problems.items[i].invalid);
		}
		FUZZ_ASSERT(again->count == 1);
		FUZZ_ASSERT(zg_spf_term_equal(t, &again->terms[0], true));
	}
	zg_spf_free(again);
	zg_problems_free(&problems);
	free(text);
}

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
			round_trip(t);
		}
		fuzz_check_problems(&problems);
	}
	zg_spf_free(spf);
	zg_problems_free(&problems);
	return 0;
}
