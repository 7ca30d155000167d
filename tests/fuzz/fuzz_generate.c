/* fuzz_generate.c: the $GENERATE expander (lint/generate.c). */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The input is "RANGE\nOWNER\nRDATA": up to the first newline the range,
 * up to the second the owner template, the rest the rdata template (so it
 * may hold newlines); a missing part is empty.  None is NUL-terminated.
 *
 * Promises checked besides the sanitizers':
 * - a refusal leaves one line of message without control bytes, from
 *   zl_generate_new() and from zl_generate_expand() alike, and empty
 *   texts; a quirk is one such line too;
 * - the count is 1 to 2^31, the values run from start by step and stay
 *   below 2^31; record `count` does not exist, and every record below it
 *   is made or refused, the same way twice;
 * - a text made is NUL-terminated at its length, with no NUL before it,
 *   and no longer than BIND's limits (2047 and 65511);
 * - the module reads as a second, plain reading does that uses libc's own
 *   sscanf() and snprintf() as BIND does (below, for inputs of at most
 *   1024 bytes a template: it is quadratic): the same inputs refused at
 *   zl_generate_new() (an invalid range, not one token, unbalanced
 *   quotes, a syntax error), the same count, and for each record checked
 *   the same texts or the same refusal.
 * Records checked: the first 16, and the last 2.
 */

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lint/generate.h"
#include "tests/fuzz/fuzz.h"

#define CHECK_FIRST 16
#define REF_TEMPLATE_MAX 1024

enum { REF_OK, REF_SYNTAX, REF_RANGE, REF_NOSPACE };

static zl_generate_text_t owner_text, rdata_text, owner_again, rdata_again;

/* ---- the plain reading --------------------------------------------- */

/* The range as BIND reads it; false when it calls it invalid. */
static bool
ref_range(const char *r, uint32_t *start, uint64_t *count, uint32_t *step)
{
	int a = 0, b = 0, c = 1, n;
	char slash[2];

	n = sscanf(r, "%d-%d%1[/]%d", &a, &b, slash, &c);
	if ((n != 2 && n != 4) || a < 0 || b < 0 || b < a ||
	    (n == 4 && c < 1)) {
		return false;
	}
	if (n == 2) {
		c = 1;
	}
	*start = (uint32_t)a;
	*step = (uint32_t)c;
	*count = (uint64_t)(b - a) / (uint64_t)c + 1;
	return true;
}

/*
 * The template as the module takes it, NUL-terminated into out: the
 * rdata loses its quotes (\" inside made "); an unquoted one must be one
 * token.  false when the module must refuse it.
 */
static bool
ref_prepare(const char *s, size_t n, bool may_quote, char *out)
{
	size_t i, o = 0;

	if (n == 0 || memchr(s, '\0', n) != NULL) {
		return false;
	}
	if (may_quote && s[0] == '"') {
		for (i = 1; i < n; i++) {
			if (s[i] == '\\' && i + 1 < n) {
				if (s[i + 1] == '"') {
					out[o++] = '"';
				} else {
					out[o++] = s[i];
					out[o++] = s[i + 1];
				}
				i++;
			} else if (s[i] == '"') {
				out[o] = '\0';
				return i == n - 1;
			} else if (s[i] == '\n') {
				return false;
			} else {
				out[o++] = s[i];
			}
		}
		return false;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '\\') {
			out[o++] = s[i];
			if (++i == n) {
				break;
			}
		} else if (strchr(" \t\n\r\"();", s[i]) != NULL) {
			return false;
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
	return true;
}

/* Nibble mode one character at a time; stops past 127 (an error). */
static size_t
ref_nibbles(char *out, unsigned width, char mode, uint32_t v)
{
	const char *hex = mode == 'n' ? "0123456789abcdef" : "0123456789ABCDEF";
	size_t len = 0;
	bool more = true;

	while (more && len < 128) {
		out[len++] = hex[v & 15];
		v >>= 4;
		width = width > 0 ? width - 1 : 0;
		more = v != 0 || width > 0;
		if (more) {
			out[len++] = '.';
			width = width > 0 ? width - 1 : 0;
			more = v != 0 || width > 0;
		}
	}
	return len;
}

/*
 * The template t at value it into out (max characters at most), BIND's
 * way: sscanf() for each modifier, into variables kept for the whole
 * template.  With syntax_only, errors of the value are passed over.
 */
static int
ref_expand(const char *t, int it, char *out, size_t max, bool syntax_only,
    size_t *out_len)
{
	int delta = 0, n;
	unsigned width = 0;
	char c1[2] = "", c2[2] = "", mode[2] = "", brace[2] = "";
	char num[260];
	size_t o = 0, len;

	while (*t != '\0') {
		char base = 'd';
		bool pad = false;

		if (*t != '$') {
			bool pair = *t == '\\' && t[1] != '\0';

			if (!syntax_only && o + 1 + pair > max) {
				return REF_NOSPACE;
			}
			out[o++] = *t++;
			if (pair) {
				out[o++] = *t++;
			}
			continue;
		}
		if (*++t == '$') {
			if (!syntax_only && o + 1 > max) {
				return REF_NOSPACE;
			}
			out[o++] = *t++;
			continue;
		}
		if (*t == '{') {
			const char *close;

			n = sscanf(t, "{%d%1[,}]%u%1[,}]%1[doxXnN]%1[}]", &delta,
			    c1, &width, c2, mode, brace);
			if (n < 2) {
				return REF_SYNTAX;
			}
			if (c1[0] == '}') {
				/* the offset alone */
			} else if (c1[0] == ',' && c2[0] == '}') {
				pad = true;
			} else if (c1[0] == ',' && c2[0] == ',' &&
			    mode[0] != '\0' && brace[0] == '}') {
				pad = true;
				base = mode[0];
			} else {
				return REF_SYNTAX;
			}
			close = strchr(t, '}');
			t = close != NULL ? close + 1 : t + strlen(t);
		}
		if (it > 0 && delta > INT_MAX - it) {
			if (syntax_only) {
				continue;
			}
			return REF_RANGE;
		}
		if (base == 'n' || base == 'N') {
			len = ref_nibbles(num, width, base,
			    (uint32_t)(it + delta));
		} else if (pad && width > 127) {
			len = 128;
		} else {
			int w = pad ? (int)width : 0;
			unsigned u = (unsigned)(it + delta);

			n = base == 'd' ? snprintf(num, 128, "%0*d", w, it + delta)
			    : base == 'o' ? snprintf(num, 128, "%0*o", w, u)
			    : base == 'x' ? snprintf(num, 128, "%0*x", w, u)
					  : snprintf(num, 128, "%0*X", w, u);
			len = n < 0 ? 128 : (size_t)n;
		}
		if (syntax_only) {
			continue;
		}
		if (len > 127 || o + len > max) {
			return REF_NOSPACE;
		}
		memcpy(out + o, num, len);
		o += len;
	}
	*out_len = o;
	return REF_OK;
}

/* ---- the promises ------------------------------------------------------ */

/* A message: one line, not empty, without control bytes, not huge. */
static void
check_message(const char *m)
{
	size_t n = strlen(m);

	FUZZ_ASSERT(n > 0 && n < 512);
	FUZZ_ASSERT(fuzz_no_controls(m, n));
}

static void
check_text(const zl_generate_text_t *t, size_t max)
{
	FUZZ_ASSERT(t->s != NULL && t->len <= max && t->len < t->cap);
	FUZZ_ASSERT(t->s[t->len] == '\0');
	FUZZ_ASSERT(memchr(t->s, '\0', t->len) == NULL);
}

/* The plain reading's texts of one record, when it has them. */
typedef struct ref {
	bool on;
	char *owner, *rdata;           /* prepared templates */
	char out_owner[ZL_GENERATE_OWNER_MAX + 1];
	char out_rdata[ZL_GENERATE_RDATA_MAX + 1];
} ref_t;

static ref_t ref;

/* Record i: made or refused, the same twice, as the plain reading. */
static void
check_record(const zl_generate_t *g, uint64_t i)
{
	char err[256], err2[256];
	uint32_t v = zl_generate_value(g, i);
	bool ok = zl_generate_expand(g, i, &owner_text, &rdata_text, err,
	    sizeof(err));
	bool again = zl_generate_expand(g, i, &owner_again, &rdata_again,
	    err2, sizeof(err2));

	FUZZ_ASSERT(ok == again);
	if (!ok) {
		check_message(err);
		FUZZ_ASSERT(strcmp(err, err2) == 0);
		FUZZ_ASSERT(owner_text.len == 0 && rdata_text.len == 0);
	} else {
		check_text(&owner_text, ZL_GENERATE_OWNER_MAX);
		check_text(&rdata_text, ZL_GENERATE_RDATA_MAX);
		FUZZ_ASSERT(owner_again.len == owner_text.len &&
		    memcmp(owner_again.s, owner_text.s, owner_text.len) == 0);
		FUZZ_ASSERT(rdata_again.len == rdata_text.len &&
		    memcmp(rdata_again.s, rdata_text.s, rdata_text.len) == 0);
	}
	if (ref.on) {
		size_t lo = 0, lr = 0;
		int ro = ref_expand(ref.owner, (int)v, ref.out_owner,
		    ZL_GENERATE_OWNER_MAX, false, &lo);
		int rr = ro != REF_OK ? ro
				      : ref_expand(ref.rdata, (int)v,
					  ref.out_rdata, ZL_GENERATE_RDATA_MAX,
					  false, &lr);

		FUZZ_ASSERT(ro != REF_SYNTAX && rr != REF_SYNTAX);
		FUZZ_ASSERT(ok == (ro == REF_OK && rr == REF_OK));
		if (ok) {
			FUZZ_ASSERT(lo == owner_text.len &&
			    memcmp(ref.out_owner, owner_text.s, lo) == 0);
			FUZZ_ASSERT(lr == rdata_text.len &&
			    memcmp(ref.out_rdata, rdata_text.s, lr) == 0);
		}
	}
}

/* A part of the input: up to the next newline, or (last) the rest. */
static const char *
part(const char **p, const char *end, bool last, size_t *len)
{
	const char *s = *p, *nl;

	nl = last ? NULL : memchr(s, '\n', (size_t)(end - s));
	*len = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
	*p = nl != NULL ? nl + 1 : end;
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	const char *range, *owner, *rdata;
	size_t rlen, olen, dlen;
	char err[256], *rz = NULL;
	zl_generate_t *g;
	uint32_t start = 0, step = 0;
	uint64_t count = 0, i, n;
	bool range_ok = false, syntax_ok = true;

	range = part(&p, end, false, &rlen);
	owner = part(&p, end, false, &olen);
	rdata = part(&p, end, true, &dlen);

	g = zl_generate_new(range, rlen, owner, olen, rdata, dlen, err,
	    sizeof(err));

	/* the plain reading, for short inputs without NUL bytes */
	ref.on = olen <= REF_TEMPLATE_MAX && dlen <= REF_TEMPLATE_MAX &&
	    memchr(range, '\0', rlen) == NULL;
	if (ref.on) {
		size_t lo, lr;

		rz = malloc(rlen + 1);
		ref.owner = malloc(olen + 1);
		ref.rdata = malloc(2 * dlen + 1);
		FUZZ_ASSERT(rz != NULL && ref.owner != NULL &&
		    ref.rdata != NULL);
		memcpy(rz, range, rlen);
		rz[rlen] = '\0';
		range_ok = ref_range(rz, &start, &count, &step);
		syntax_ok = ref_prepare(owner, olen, false, ref.owner) &&
		    ref_prepare(rdata, dlen, true, ref.rdata) &&
		    ref_expand(ref.owner, 0, ref.out_owner,
			ZL_GENERATE_OWNER_MAX, true, &lo) != REF_SYNTAX &&
		    ref_expand(ref.rdata, 0, ref.out_rdata,
			ZL_GENERATE_RDATA_MAX, true, &lr) != REF_SYNTAX;
		FUZZ_ASSERT((g != NULL) == (range_ok && syntax_ok));
	}
	if (g == NULL) {
		check_message(err);
		goto out;
	}
	FUZZ_ASSERT(err[0] == '\0');
	if (zl_generate_quirk(g) != NULL) {
		check_message(zl_generate_quirk(g));
	}
	n = zl_generate_count(g);
	FUZZ_ASSERT(n >= 1 && n <= (uint64_t)1 << 31);
	FUZZ_ASSERT(zl_generate_value(g, n - 1) <= INT_MAX);
	if (ref.on) {
		FUZZ_ASSERT(n == count && zl_generate_value(g, 0) == start);
	}
	for (i = 0; i < n && i < CHECK_FIRST; i++) {
		if (i > 0) {
			FUZZ_ASSERT(zl_generate_value(g, i) >
			    zl_generate_value(g, i - 1));
		}
		check_record(g, i);
	}
	for (i = n > CHECK_FIRST + 2 ? n - 2 : n; i < n; i++) {
		check_record(g, i);
	}
	FUZZ_ASSERT(!zl_generate_expand(g, n, &owner_text, &rdata_text, err,
	    sizeof(err)));
	check_message(err);
	zl_generate_free(g);
out:
	free(rz);
	free(ref.owner);
	free(ref.rdata);
	ref.owner = ref.rdata = NULL;
	return 0;
}
