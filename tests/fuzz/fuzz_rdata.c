/* fuzz_rdata.c: the rdata reader (lint/rdata.c), text to wire, and back. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The first byte picks the type: a row of the type table (byte % rows),
 * or, past the rows, the 16-bit code in the next two bytes.  The rest is
 * one record's rdata text, split into tokens as the zone reader's lexer
 * splits them (blanks between words; "..." with backslash escapes is one
 * quoted token).
 *
 * Promises checked besides the sanitizers':
 * - a text that reads gives at most 65535 octets of rdata, and
 *   zl_rdata_wire_ok() agrees that it is well formed for its type;
 * - the same rdata written as RFC 3597 "\# LEN HEX" reads again, into the
 *   same octets (the generic form and the type's own form agree);
 * - a refusal gives a reason: one line, no control bytes;
 * - the input's bytes taken as wire data are checked without a crash, and
 *   when zl_rdata_wire_ok() takes them, "\# LEN HEX" of them reads.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/rdata.h"
#include "tests/fuzz/fuzz.h"

#define TOKENS_MAX 4096

static const uint8_t origin[] = { 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3,
	'c', 'o', 'm', 0 };
static zl_token_t tok[TOKENS_MAX];
static uint8_t out[ZL_RDATA_MAX];
static uint8_t again[ZL_RDATA_MAX];
static char text[2 * ZL_RDATA_MAX + 64];

/* Split s[0..n) into tok[]; the number of tokens. */
static size_t
tokens(const char *s, size_t n)
{
	size_t i = 0, nt = 0;

	while (i < n && nt < TOKENS_MAX) {
		size_t start;

		if (s[i] == ' ' || s[i] == '\t') {
			i++;
			continue;
		}
		start = i;
		if (s[i] == '"') {
			for (i++; i < n && s[i] != '"'; i++) {
				if (s[i] == '\\' && i + 1 < n) {
					i++;
				}
			}
			i = i < n ? i + 1 : n;
			tok[nt].quoted = true;
		} else {
			while (i < n && s[i] != ' ' && s[i] != '\t' &&
			    s[i] != '"') {
				if (s[i] == '\\' && i + 1 < n) {
					i++;
				}
				i++;
			}
			if (i > n) {
				i = n;
			}
			tok[nt].quoted = false;
		}
		tok[nt].off = start;
		tok[nt].len = i - start;
		tok[nt].line = 1;
		nt++;
	}
	return nt;
}

static void
check_why(const char *why, size_t size)
{
	size_t n = strnlen(why, size);

	FUZZ_ASSERT(n < size && n > 0);
	FUZZ_ASSERT(fuzz_no_controls(why, n));
}

/* "\# LEN HEX" of data, read again: the same octets. */
static void
generic_again(uint16_t type, const uint8_t *data, size_t len)
{
	size_t i, n, nt, got = 0;
	char why[512];
	static const char hex[] = "0123456789abcdef";

	n = (size_t)snprintf(text, sizeof(text), "\\# %zu ", len);
	for (i = 0; i < len; i++) {
		text[n++] = hex[data[i] >> 4];
		text[n++] = hex[data[i] & 15];
	}
	nt = tokens(text, n);
	FUZZ_ASSERT(zl_rdata_read(type, text, tok, nt, origin,
	    sizeof(origin), again, &got, why, sizeof(why)));
	FUZZ_ASSERT(got == len && memcmp(again, data, len) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t rows, nt, len = 0;
	const zl_rtype_t *table = zl_rtype_table(&rows);
	uint16_t type;
	const char *s;
	char why[512];

	if (size < 3) {
		return 0;
	}
	if (data[0] % (rows + 1) < rows) {
		type = table[data[0] % (rows + 1)].code;
	} else {
		type = (uint16_t)(data[1] << 8 | data[2]);
	}
	s = (const char *)data + 3;
	nt = tokens(s, size - 3);
	if (zl_rdata_read(type, s, tok, nt, origin, sizeof(origin), out,
	    &len, why, sizeof(why))) {
		FUZZ_ASSERT(len <= ZL_RDATA_MAX);
		FUZZ_ASSERT(zl_rdata_wire_ok(type, out, len, why,
		    sizeof(why)));
		generic_again(type, out, len);
	} else {
		check_why(why, sizeof(why));
	}
	/* The input itself as wire data. */
	if (size - 3 <= ZL_RDATA_MAX &&
	    zl_rdata_wire_ok(type, data + 3, size - 3, why, sizeof(why))) {
		const zl_rtype_t *row = zl_rtype_get(type);

		if (type != 0 && !(type >= 128 && type <= 255) &&
		    !(row != NULL &&
		    (row->flags & (ZL_TYPE_META | ZL_TYPE_OBSOLETE)))) {
			memcpy(out, data + 3, size - 3);
			generic_again(type, out, size - 3);
		}
	}
	return 0;
}
