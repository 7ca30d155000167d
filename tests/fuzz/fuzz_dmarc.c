/* fuzz_dmarc.c: the DMARC parser (RFC 7489, RFC 9989) on arbitrary bytes. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * zg_dmarc_parse under both RFCs, zg_dmarc_is_record and zg_dmarc_get on
 * the input as it is (`size` bytes, not NUL-terminated).  Promises checked
 * besides the sanitizers': ZG_OK with a record, every tag has a name and a
 * value, zg_dmarc_get finds every tag by its own name, and every problem
 * has an id and a one-line message without control bytes.
 */

#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "zonegen/zonegen.h"

/* The tags of both RFCs, and a few that neither defines. */
static const char *const tags[] = {
	"v", "p", "sp", "np", "psd", "t", "rua", "ruf", "adkim", "aspf",
	"fo", "pct", "rf", "ri", "P", "RUA", "x", "",
};

static void
parse(const char *text, size_t size, zg_dmarc_rfc_t rfc)
{
	zg_problems_t problems = { 0 };
	zg_dmarc_t *dmarc = NULL;
	zg_status_t st;
	size_t i;

	st = zg_dmarc_parse(text, size, rfc, &dmarc, &problems);
	FUZZ_ASSERT(st == ZG_OK || st == ZG_ERR_NOMEM);
	if (st == ZG_OK) {
		FUZZ_ASSERT(dmarc != NULL);
		for (i = 0; i < dmarc->count; i++) {
			FUZZ_ASSERT(dmarc->tags[i].name != NULL);
			FUZZ_ASSERT(dmarc->tags[i].value != NULL);
			FUZZ_ASSERT(zg_dmarc_get(dmarc,
			    dmarc->tags[i].name) != NULL);
		}
		for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
			(void)zg_dmarc_get(dmarc, tags[i]);
		}
		fuzz_check_problems(&problems);
	}
	zg_dmarc_free(dmarc);
	zg_problems_free(&problems);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	(void)zg_dmarc_is_record(text, size);
	parse(text, size, ZG_DMARC_RFC7489);
	parse(text, size, ZG_DMARC_RFC9989);
	return 0;
}
