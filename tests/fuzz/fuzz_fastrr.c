/* fuzz_fastrr.c: the rdata fast path (lint/fastrr.c) against ldns. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The first byte picks what the rest is read as: byte % 11 is one of A,
 * AAAA, NS, CNAME, PTR, DNAME, MX, SRV, TXT, SPF or a name for
 * zl_fast_dname; (byte / 11) % 2 picks the origin, example.com. or one of
 * 197 bytes (so that appending it overflows 255).  The rest is the text,
 * `size - 1` bytes, not NUL-terminated.
 *
 * Promise checked besides the sanitizers': whenever the fast path says it
 * read the text, ldns reads it too, into the same wire bytes.  For rdata
 * that is ldns_rr_new_frm_str(". 3600 IN TYPE TEXT") and the concatenated
 * ldns_rdf_data() of its fields; for a name, the reader's rule
 * (lint/read.c name_from_text: "@" is the origin, ldns_dname_new_frm_str,
 * then ldns_dname_cat with the origin unless the text ends in an unescaped
 * dot).  A text with a NUL byte, which ldns would stop at, must not be
 * read by the fast path at all, and a refusal leaves *out_len untouched.
 */

#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "lint/fastrr.h"
#include "tests/fuzz/fuzz.h"

#define TEXT_MAX 65536

#define L63 "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyza"

static const struct {
	uint16_t type; /* 0: zl_fast_dname */
	const char *name;
} kinds[] = {
	{ LDNS_RR_TYPE_A, "A" },
	{ LDNS_RR_TYPE_AAAA, "AAAA" },
	{ LDNS_RR_TYPE_NS, "NS" },
	{ LDNS_RR_TYPE_CNAME, "CNAME" },
	{ LDNS_RR_TYPE_PTR, "PTR" },
	{ LDNS_RR_TYPE_DNAME, "DNAME" },
	{ LDNS_RR_TYPE_MX, "MX" },
	{ LDNS_RR_TYPE_SRV, "SRV" },
	{ LDNS_RR_TYPE_TXT, "TXT" },
	{ LDNS_RR_TYPE_SPF, "SPF" },
	{ 0, "" },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static ldns_rdf *origins[2];
static char line[TEXT_MAX + 32];  /* ". 3600 IN TYPE TEXT" */
static char text_z[TEXT_MAX + 1]; /* the text, NUL-terminated */
static uint8_t fast[TEXT_MAX + 1024];

/* Made on the first input, kept to the end (reachable, not a leak). */
static void
init(void)
{
	origins[0] = ldns_dname_new_frm_str("example.com.");
	origins[1] = ldns_dname_new_frm_str(L63 "." L63 "." L63 ".com.");
	if (origins[0] == NULL || origins[1] == NULL) {
		abort();
	}
}

/* ldns's rdata for the text, compared with the fast path's. */
static void
check_rdata(const char *type, const char *text, const ldns_rdf *origin,
    size_t fast_len)
{
	ldns_rr *rr = NULL;
	size_t i, n = 0;

	snprintf(line, sizeof(line), ". 3600 IN %s %s", type, text);
	FUZZ_ASSERT(ldns_rr_new_frm_str(&rr, line, 3600, origin, NULL) ==
	    LDNS_STATUS_OK);
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *f = ldns_rr_rdf(rr, i);

		FUZZ_ASSERT(n + ldns_rdf_size(f) <= fast_len);
		FUZZ_ASSERT(memcmp(fast + n, ldns_rdf_data(f),
		    ldns_rdf_size(f)) == 0);
		n += ldns_rdf_size(f);
	}
	FUZZ_ASSERT(n == fast_len);
	ldns_rr_free(rr);
}

/* The reader's rule for a name, compared with the fast path's. */
static void
check_dname(const char *text, const ldns_rdf *origin, size_t fast_len)
{
	ldns_rdf *name;

	FUZZ_ASSERT(fast_len <= 255);
	if (strcmp(text, "@") == 0) {
		FUZZ_ASSERT(fast_len == ldns_rdf_size(origin) &&
		    memcmp(fast, ldns_rdf_data(origin), fast_len) == 0);
		return;
	}
	name = ldns_dname_new_frm_str(text);
	FUZZ_ASSERT(name != NULL);
	if (!ldns_dname_str_absolute(text)) {
		FUZZ_ASSERT(ldns_dname_cat(name, origin) == LDNS_STATUS_OK);
	}
	FUZZ_ASSERT(ldns_rdf_size(name) == fast_len &&
	    memcmp(ldns_rdf_data(name), fast, fast_len) == 0);
	ldns_rdf_deep_free(name);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ldns_rdf *origin;
	const char *text;
	size_t len, n = SIZE_MAX;
	unsigned k;
	bool ok;

	if (origins[0] == NULL) {
		init();
	}
	if (size < 1 || size - 1 > TEXT_MAX) {
		return 0;
	}
	k = data[0] % NKINDS;
	origin = origins[(data[0] / NKINDS) % 2];
	text = (const char *)data + 1;
	len = size - 1;
	if (kinds[k].type == 0) {
		ok = zl_fast_dname(text, len, ldns_rdf_data(origin),
		    ldns_rdf_size(origin), fast, sizeof(fast), &n);
	} else {
		ok = zl_fast_rdata(kinds[k].type, text, len,
		    ldns_rdf_data(origin), ldns_rdf_size(origin), fast,
		    sizeof(fast), &n);
	}
	if (!ok) {
		FUZZ_ASSERT(n == SIZE_MAX); /* untouched */
		return 0;
	}
	/* ldns reads C strings: a NUL would cut the text short */
	FUZZ_ASSERT(memchr(text, '\0', len) == NULL);
	FUZZ_ASSERT(n <= sizeof(fast));
	memcpy(text_z, text, len);
	text_z[len] = '\0';
	if (kinds[k].type == 0) {
		check_dname(text_z, origin, n);
	} else {
		check_rdata(kinds[k].name, text_z, origin, n);
	}
	return 0;
}
