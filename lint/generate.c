/* generate.c: BIND's $GENERATE directive, expanded as BIND 9.18 does. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * What BIND 9.18 does, from its ARM ("BIND Primary File Extension: the
 * $GENERATE Directive") and lib/dns/master.c (load_text, generate,
 * genname, nibbles), checked against named-compilezone 9.18 by
 * tests/unit/test_generate.c.  The code here is our own; only the rules
 * are BIND's:
 *
 * - The range is read by sscanf("%d-%d%1[/]%d"): two or four conversions,
 *   else "invalid range", as are a negative start or stop, a step below
 *   1 and a start above the stop.  glibc's %d skips leading blanks, takes
 *   a sign, reads the number with strtol() (clamped to 64 bits) and
 *   stores its low 32 bits: "4294967297" is 1, "2147483648" is negative.
 *   Text after the last conversion is ignored ("1-5x", "1-2-3").  The
 *   values run start, start + step, ... up to stop.
 * - The rdata token is read with quotes allowed and the owner without:
 *   a quoted rdata loses its quotes and each \" in it becomes " (ISC's
 *   lexer; other escapes stay as written), and the text is lexed again as
 *   rdata after "$" is replaced, so "10 mx$" makes two fields.
 * - In a template, "$$" is a "$"; a backslash and the byte after it are
 *   copied as they are (so "\$" is not replaced); any other "$" is the
 *   value, formatted by the modifier after it, if any: "{", then sscanf
 *   "{%d%1[,}]%u%1[,}]%1[doxXnN]%1[}]" into offset, a separator, width, a
 *   separator, base and the closing brace.  Fewer than two conversions is
 *   a syntax error.  A "}" first separator means ${offset}; "," then "}"
 *   means ${offset,width} (decimal, zero-padded to width); "," "," and a
 *   base and "}" means ${offset,width,base}; anything else is a syntax
 *   error.  Then the text is skipped up to and past the first "}".
 * - BIND declares offset, width and the separators once per template and
 *   sscanf() sets only what it converts, so within a template a later
 *   modifier's missing parts, and the offset of a plain "$", are those an
 *   earlier modifier left: in "a${5}-$" both "$" add 5, and "${1,2,q}"
 *   after "${0,3,x}" is hexadecimal.  The owner and rdata templates start
 *   afresh (offset 0, nothing set) for every value.
 * - %u takes a sign too: a width of "-1" is 4294967295.
 * - The value plus the offset must not pass 2^31-1 when the value is
 *   above 0 ("out of range"); the sum is printed with "%d", or with
 *   "%0<width>d/o/x/X", so negative numbers print as "-0005" in decimal
 *   and as their 32-bit two's complement in octal and hexadecimal.
 * - Nibble mode (n, N) writes the 32-bit value's hexadecimal digits from
 *   the least significant one, each followed by a "." while more digits
 *   are to come or the width is not used up (each digit and each "."
 *   counting 1), padding with "0" digits: max(2k - 1, width) characters
 *   for k digits, ending in "." when that is even.  -1 is f.f.f.f.f.f.f.f.
 * - One modifier's text must fit a 128-byte buffer (127 characters), the
 *   owner a 2048-byte one and the rdata 65512 bytes, NUL included, else
 *   "ran out of space".
 * - BIND's messages: "$GENERATE: FILE:LINE: invalid range 'R'", and for
 *   the rest "$GENERATE: FILE:LINE: syntax error", "... out of range",
 *   "... ran out of space"; any of them refuses the zone.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/generate.h"

#define QUOTE_MAX 60 /* bytes of input quoted in a message */
#define INT31_MAX 2147483647u

/*
 * One part of a template: literal text (possibly empty), then, when base
 * is not 0, the value with an offset, a width and a base (d o x X n N).
 */
typedef struct piece {
	uint32_t text_off; /* into tmpl_t.text */
	uint32_t text_len;
	uint32_t src_off; /* the "$" in tmpl_t.src, for messages */
	int32_t delta;
	uint32_t width;
	char base;
} piece_t;

typedef struct tmpl {
	const char *what; /* "owner" or "rdata", for messages */
	char *src;        /* the template, unquoted; src_len bytes */
	size_t src_len;
	char *text;       /* the literal parts, escapes kept, "$$" made "$" */
	piece_t *pieces;
	size_t npieces;
	size_t max; /* ZL_GENERATE_OWNER_MAX or ZL_GENERATE_RDATA_MAX */
} tmpl_t;

struct zl_generate {
	uint32_t start, step;
	uint64_t count;
	tmpl_t owner, rdata;
	char quirk[400]; /* "" when none */
};

/* What sscanf() has left in BIND's variables, kept across one template. */
typedef struct modstate {
	int32_t delta;
	uint32_t width;
	char comma1, comma2, mode, brace;
} modstate_t;

/* ---- messages ---------------------------------------------------------- */

/* At most QUOTE_MAX bytes of src, non-printable bytes as \xHH. */
static void
quote(const char *src, size_t n, char *out, size_t outlen)
{
	size_t i, o = 0;

	if (outlen == 0) {
		return;
	}
	for (i = 0; i < n && i < QUOTE_MAX && o + 5 < outlen; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c < 0x20 || c >= 0x7f) {
			snprintf(out + o, outlen - o, "\\x%02X", c);
			o += 4;
		} else {
			out[o++] = (char)c;
		}
	}
	if (i < n && o + 4 < outlen) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

__attribute__((format(printf, 3, 4))) static void
message(char *out, size_t outlen, const char *fmt, ...)
{
	va_list ap;

	if (out == NULL || outlen == 0) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(out, outlen, fmt, ap);
	va_end(ap);
}

/* The modifier at src[off] ("$" or "${...}" up to its first "}"), quoted. */
static void
quote_modifier(const tmpl_t *t, size_t off, char *out, size_t outlen)
{
	size_t end = off + 1;

	if (end < t->src_len && t->src[end] == '{') {
		const char *b = memchr(t->src + end, '}', t->src_len - end);

		end = b != NULL ? (size_t)(b - t->src) + 1 : t->src_len;
	}
	quote(t->src + off, end - off, out, outlen);
}

/* ---- glibc's sscanf, as far as BIND uses it ---------------------------- */

/* isspace() in the C locale, which BIND's tools run in. */
static bool
c_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

/* The low 32 bits of v as a two's complement int (what (int)v does). */
static int32_t
low_int32(uint64_t v)
{
	uint32_t u = (uint32_t)v;

	return u <= INT31_MAX ? (int32_t)u : -(int32_t)(~u) - 1;
}

/*
 * One %d (is_unsigned false) or %u conversion at s[*at]: leading blanks,
 * a sign, at least one digit; the number as strtol() or strtoul() reads
 * it, then its low 32 bits, which is what glibc stores into an int.  On a
 * match moves *at past it, sets *out and sets *wrapped when the number did
 * not fit (a width with a sign counts: "-1" is 4294967295).
 */
static bool
scan_number(const char *s, size_t n, size_t *at, bool is_unsigned,
    uint32_t *out, bool *wrapped)
{
	size_t i = *at, digits = 0;
	uint64_t mag = 0, v;
	bool neg = false, big = false;

	while (i < n && c_space(s[i])) {
		i++;
	}
	if (i < n && (s[i] == '+' || s[i] == '-')) {
		neg = s[i] == '-';
		i++;
	}
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (big || mag > (UINT64_MAX - d) / 10) {
			big = true;
		} else {
			mag = mag * 10 + d;
		}
	}
	if (digits == 0) {
		return false;
	}
	*at = i;
	if (is_unsigned) {
		/* strtoul: ULONG_MAX when too large, else negated mod 2^64 */
		v = big ? UINT64_MAX : neg ? (uint64_t)0 - mag : mag;
		if (big || (neg && mag != 0) || mag > UINT32_MAX) {
			*wrapped = true;
		}
	} else {
		/* strtol: clamped to the 64-bit range */
		if (!neg) {
			v = big || mag > (uint64_t)INT64_MAX ? (uint64_t)INT64_MAX
							     : mag;
		} else {
			v = big || mag > (uint64_t)INT64_MAX + 1
			    ? (uint64_t)INT64_MAX + 1
			    : (uint64_t)0 - mag;
		}
		if (big || mag > (neg ? (uint64_t)INT31_MAX + 1 : INT31_MAX)) {
			*wrapped = true;
		}
	}
	*out = (uint32_t)v;
	return true;
}

static bool
in_set(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

/*
 * sscanf(s, "{%d%1[,}]%u%1[,}]%1[doxXnN]%1[}]") with s[0] == '{': each
 * conversion is stored into *m as it is made and the count returned (0
 * also where sscanf returns EOF: BIND refuses both).  wrapped[0] and
 * wrapped[1] are set when the offset or the width did not fit.
 */
static int
scan_modifier(const char *s, size_t n, modstate_t *m, bool wrapped[2])
{
	size_t i = 1;
	uint32_t v;

	if (!scan_number(s, n, &i, false, &v, &wrapped[0])) {
		return 0;
	}
	m->delta = low_int32(v);
	if (i >= n || !in_set(s[i], ",}")) {
		return 1;
	}
	m->comma1 = s[i++];
	if (!scan_number(s, n, &i, true, &v, &wrapped[1])) {
		return 2;
	}
	m->width = v;
	if (i >= n || !in_set(s[i], ",}")) {
		return 3;
	}
	m->comma2 = s[i++];
	if (i >= n || !in_set(s[i], "doxXnN")) {
		return 4;
	}
	m->mode = s[i++];
	if (i >= n || s[i] != '}') {
		return 5;
	}
	m->brace = s[i];
	return 6;
}

/* ---- parsing ------------------------------------------------------------ */

/* Keep the first quirk's message only. */
__attribute__((format(printf, 2, 3))) static void
set_quirk(zl_generate_t *g, const char *fmt, ...)
{
	va_list ap;

	if (g->quirk[0] != '\0') {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(g->quirk, sizeof(g->quirk), fmt, ap);
	va_end(ap);
}

/*
 * sscanf(range, "%d-%d%1[/]%d") and BIND's checks.  false with a message
 * when BIND calls the range invalid.
 */
static bool
parse_range(zl_generate_t *g, const char *s, size_t n, char *err,
    size_t errlen)
{
	char q[4 * QUOTE_MAX + 8];
	uint32_t start, stop, step = 1;
	size_t i = 0;
	bool wrapped = false, have_step = false;
	const char *why = NULL;

	quote(s, n, q, sizeof(q));
	if (memchr(s, '\0', n) != NULL) {
		why = "has a NUL byte";
	} else if (!scan_number(s, n, &i, false, &start, &wrapped) ||
	    i >= n || s[i++] != '-' ||
	    !scan_number(s, n, &i, false, &stop, &wrapped)) {
		why = "is not start-stop or start-stop/step";
	} else if (i < n && s[i] == '/') {
		i++;
		if (!scan_number(s, n, &i, false, &step, &wrapped)) {
			why = "has no step after '/'";
		}
		have_step = true;
	}
	if (why == NULL) {
		/* as BIND compares them: as ints */
		int32_t a = low_int32(start), b = low_int32(stop);
		int32_t c = low_int32(step);

		if (a < 0 || b < 0) {
			why = "has a negative value (or one past 2147483647)";
		} else if (have_step && c < 1) {
			why = "has a step below 1";
		} else if (a > b) {
			why = "starts after it stops";
		}
	}
	if (why != NULL) {
		message(err, errlen, "$GENERATE range \"%s\" %s", q, why);
		return false;
	}
	if (wrapped) {
		set_quirk(g, "$GENERATE range \"%s\" has a number past 32 "
			     "bits, which BIND cuts to its low 32 bits", q);
	}
	if (i < n) {
		set_quirk(g, "$GENERATE range \"%s\": BIND ignores the text "
			     "after %s", q,
		    have_step ? "the step" : "the stop");
	}
	g->start = start;
	g->step = step;
	g->count = (uint64_t)(stop - start) / step + 1;
	return true;
}

/*
 * The rdata token without its quotes, as ISC's lexer reads a quoted
 * string: \" becomes ", every other escape stays.  Writes into out (n
 * bytes at least); false when the quotes do not close at the end or an
 * unescaped line end comes first.
 */
static bool
unquote(const char *s, size_t n, char *out, size_t *out_len)
{
	size_t i, o = 0;
	bool escaped = false;

	for (i = 1; i < n; i++) {
		char c = s[i];

		if (c == '"' && !escaped) {
			*out_len = o;
			return i == n - 1;
		}
		if (c == '"') {
			out[o - 1] = '"'; /* over the backslash */
			escaped = false;
			continue;
		}
		if (c == '\n' && !escaped) {
			return false;
		}
		escaped = c == '\\' && !escaped;
		out[o++] = c;
	}
	return false;
}

/* The first byte of an unquoted token that would end it, or NULL. */
static const char *
token_breaker(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\':
			i++; /* the escaped byte is part of the token */
			break;
		case ' ':
		case '\t':
		case '\n':
		case '\r':
		case '"':
		case '(':
		case ')':
		case ';':
			return s + i;
		default:
			break;
		}
	}
	return NULL;
}

static bool
grow_pieces(tmpl_t *t, size_t *cap)
{
	piece_t *p;
	size_t ncap;

	if (t->npieces < *cap) {
		return true;
	}
	ncap = *cap ? *cap * 2 : 8;
	if ((p = realloc(t->pieces, ncap * sizeof(*p))) == NULL) {
		return false;
	}
	t->pieces = p;
	*cap = ncap;
	return true;
}

/*
 * Split t->src into pieces, as genname() walks it, with one modstate_t for
 * the whole template.  false with a message on a syntax error or when out
 * of memory.
 */
static bool
parse_template(zl_generate_t *g, tmpl_t *t, char *err, size_t errlen)
{
	const char *s = t->src;
	size_t n = t->src_len, i = 0, text = 0, cap = 0;
	modstate_t m = { 0, 0, 0, 0, 0, 0 };
	uint32_t run_off = 0;
	char q[4 * QUOTE_MAX + 8];

	/* The literal text is never longer than the template. */
	if ((t->text = malloc(n + 1)) == NULL) {
		message(err, errlen, "out of memory");
		return false;
	}
	while (i < n) {
		piece_t *p;
		size_t at = i;
		bool wrapped[2] = { false, false }, stale = false;
		bool cut = false;

		if (s[i] == '\\') {
			t->text[text++] = s[i++];
			if (i < n) {
				t->text[text++] = s[i++];
			}
			continue;
		}
		if (s[i] != '$') {
			t->text[text++] = s[i++];
			continue;
		}
		if (++i < n && s[i] == '$') {
			t->text[text++] = s[i++];
			continue;
		}
		if (!grow_pieces(t, &cap)) {
			message(err, errlen, "out of memory");
			return false;
		}
		p = &t->pieces[t->npieces];
		p->text_off = run_off;
		p->text_len = (uint32_t)(text - run_off);
		p->src_off = (uint32_t)at;
		p->width = 0;
		p->base = 'd';
		if (i < n && s[i] == '{') {
			int k = scan_modifier(s + i, n - i, &m, wrapped);
			const char *b;

			if (k >= 2 && m.comma1 == '}') {
				/* ${offset}: "%d" */
				cut = wrapped[0];
			} else if (k >= 2 && m.comma1 == ',' &&
			    m.comma2 == '}') {
				p->width = m.width;
				stale = k < 4;
				cut = wrapped[0] || (k >= 3 && wrapped[1]);
			} else if (k >= 2 && m.comma1 == ',' &&
			    m.comma2 == ',' && m.mode != 0 && m.brace == '}') {
				p->width = m.width;
				p->base = m.mode;
				stale = k < 6;
				cut = wrapped[0] || (k >= 3 && wrapped[1]);
			} else {
				quote_modifier(t, at, q, sizeof(q));
				message(err, errlen,
				    "bad modifier \"%s\" in the $GENERATE %s: "
				    "want ${offset}, ${offset,width} or "
				    "${offset,width,base}, base d, o, x, X, n "
				    "or N", q, t->what);
				return false;
			}
			b = memchr(s + i, '}', n - i);
			i = b != NULL ? (size_t)(b - s) + 1 : n;
		} else if (m.delta != 0) {
			stale = true;
		}
		p->delta = m.delta;
		if (g->quirk[0] != '\0') {
			/* only the first is told */
		} else if (stale && s[at + 1] != '{') {
			set_quirk(g, "a plain \"$\" in the $GENERATE %s adds "
				     "the offset %d of the modifier before it "
				     "(BIND keeps it)", t->what, (int)m.delta);
		} else if (stale || cut) {
			quote_modifier(t, at, q, sizeof(q));
			set_quirk(g, stale
			    ? "\"%s\" in the $GENERATE %s takes the parts it "
			      "lacks from an earlier modifier (BIND keeps them)"
			    : "\"%s\" in the $GENERATE %s has a number past 32 "
			      "bits, which BIND cuts to its low 32 bits",
			    q, t->what);
		}
		t->npieces++;
		run_off = (uint32_t)text;
	}
	if (text > run_off || t->npieces == 0) {
		piece_t *p;

		if (!grow_pieces(t, &cap)) {
			message(err, errlen, "out of memory");
			return false;
		}
		p = &t->pieces[t->npieces++];
		memset(p, 0, sizeof(*p));
		p->text_off = run_off;
		p->text_len = (uint32_t)(text - run_off);
	}
	t->text[text] = '\0';
	if (t->npieces < cap) {
		/* give back what doubling left over; keeping it is harmless */
		piece_t *p = realloc(t->pieces, t->npieces * sizeof(*p));

		if (p != NULL) {
			t->pieces = p;
		}
	}
	return true;
}

/*
 * The template as written into t->src (unquoted when it is a quoted rdata
 * token), checked to be one token, then parsed.
 */
static bool
load_template(zl_generate_t *g, tmpl_t *t, const char *what,
    const char *s, size_t n, bool may_quote, size_t max, char *err,
    size_t errlen)
{
	char q[4 * QUOTE_MAX + 8];
	const char *bad;

	t->what = what;
	t->max = max;
	quote(s, n, q, sizeof(q));
	if (n == 0) {
		message(err, errlen, "empty $GENERATE %s", what);
		return false;
	}
	if (n > ZL_GENERATE_TEMPLATE_MAX) {
		message(err, errlen, "$GENERATE %s \"%s\" is longer than %zu "
				     "bytes", what, q,
		    ZL_GENERATE_TEMPLATE_MAX);
		return false;
	}
	if (memchr(s, '\0', n) != NULL) {
		message(err, errlen, "$GENERATE %s \"%s\" has a NUL byte",
		    what, q);
		return false;
	}
	if ((t->src = malloc(n + 1)) == NULL) {
		message(err, errlen, "out of memory");
		return false;
	}
	if (may_quote && s[0] == '"') {
		if (!unquote(s, n, t->src, &t->src_len)) {
			message(err, errlen, "$GENERATE %s %s: unbalanced "
					     "quotes", what, q);
			return false;
		}
	} else if ((bad = token_breaker(s, n)) != NULL) {
		char b[8];

		quote(bad, 1, b, sizeof(b));
		message(err, errlen, "$GENERATE %s \"%s\" is not one token "
				     "('%s' ends it%s)", what, q, b,
		    *bad == '"' && !may_quote ? "; the owner cannot be quoted"
					      : "");
		return false;
	} else {
		memcpy(t->src, s, n);
		t->src_len = n;
	}
	t->src[t->src_len] = '\0';
	return parse_template(g, t, err, errlen);
}

static void
tmpl_free(tmpl_t *t)
{
	free(t->src);
	free(t->text);
	free(t->pieces);
}

zl_generate_t *
zl_generate_new(const char *range, size_t range_len, const char *owner,
    size_t owner_len, const char *rdata, size_t rdata_len, char *err,
    size_t errlen)
{
	zl_generate_t *g;

	message(err, errlen, "%s", "");
	if ((g = calloc(1, sizeof(*g))) == NULL) {
		message(err, errlen, "out of memory");
		return NULL;
	}
	if (range == NULL || owner == NULL || rdata == NULL) {
		message(err, errlen, "$GENERATE needs a range, an owner and "
				     "rdata");
		free(g);
		return NULL;
	}
	if (!parse_range(g, range, range_len, err, errlen) ||
	    !load_template(g, &g->owner, "owner", owner, owner_len, false,
	    ZL_GENERATE_OWNER_MAX, err, errlen) ||
	    !load_template(g, &g->rdata, "rdata", rdata, rdata_len, true,
	    ZL_GENERATE_RDATA_MAX, err, errlen)) {
		zl_generate_free(g);
		return NULL;
	}
	return g;
}

uint64_t
zl_generate_count(const zl_generate_t *g)
{
	return g->count;
}

uint32_t
zl_generate_value(const zl_generate_t *g, uint64_t i)
{
	/* start + i * step <= stop < 2^31 for every valid i */
	return i < g->count ? g->start + (uint32_t)i * g->step : 0;
}

const char *
zl_generate_quirk(const zl_generate_t *g)
{
	return g->quirk[0] != '\0' ? g->quirk : NULL;
}

void
zl_generate_free(zl_generate_t *g)
{
	if (g == NULL) {
		return;
	}
	tmpl_free(&g->owner);
	tmpl_free(&g->rdata);
	free(g);
}

void
zl_generate_text_free(zl_generate_text_t *t)
{
	free(t->s);
	t->s = NULL;
	t->len = 0;
	t->cap = 0;
}

/* ---- expansion ---------------------------------------------------------- */

static const char digits_lower[] = "0123456789abcdef";
static const char digits_upper[] = "0123456789ABCDEF";

/*
 * The text of one substitution of value v into out (at least
 * ZL_GENERATE_FIELD_MAX bytes), or its length only when out is NULL.
 * Returns the length, or 0 when it would pass ZL_GENERATE_FIELD_MAX.
 */
static size_t
format_value(const piece_t *p, int32_t x, char *out)
{
	char tmp[16];
	size_t nd = 0, len, i;
	uint32_t u = (uint32_t)x;
	bool neg = false;

	switch (p->base) {
	case 'n':
	case 'N': {
		const char *dig = p->base == 'n' ? digits_lower : digits_upper;

		/* k digits: max(2k - 1, width) characters, digit j at 2j */
		do {
			tmp[nd++] = dig[u & 15];
			u >>= 4;
		} while (u != 0);
		len = 2 * nd - 1;
		if (p->width > len) {
			len = p->width;
		}
		if (len > ZL_GENERATE_FIELD_MAX) {
			return 0;
		}
		if (out != NULL) {
			for (i = 0; i < len; i++) {
				out[i] = i % 2 == 1 ? '.'
				    : i / 2 < nd ? tmp[i / 2] : '0';
			}
		}
		return len;
	}
	case 'd':
		if (x < 0) {
			neg = true;
			u = (uint32_t)0 - u;
		}
		do {
			tmp[nd++] = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		break;
	case 'o':
		do {
			tmp[nd++] = (char)('0' + (u & 7));
			u >>= 3;
		} while (u != 0);
		break;
	default: /* x, X */
		do {
			tmp[nd++] = (p->base == 'x' ? digits_lower
						     : digits_upper)[u & 15];
			u >>= 4;
		} while (u != 0);
		break;
	}
	/* printf("%0*"): the sign, then zeros up to the width, then digits */
	len = nd + neg;
	if (p->width > len) {
		len = p->width;
	}
	if (len > ZL_GENERATE_FIELD_MAX) {
		return 0;
	}
	if (out != NULL) {
		size_t o = 0;

		if (neg) {
			out[o++] = '-';
		}
		while (o < len - nd) {
			out[o++] = '0';
		}
		while (nd > 0) {
			out[o++] = tmp[--nd];
		}
	}
	return len;
}

/*
 * Expand template t at value v into out.  Two passes: the first finds the
 * length (and every error, in BIND's order: left to right, each field
 * before the buffer), the second writes.
 */
static bool
expand_one(const zl_generate_t *g, const tmpl_t *t, uint32_t v,
    zl_generate_text_t *out, char *err, size_t errlen)
{
	char q[4 * QUOTE_MAX + 8];
	size_t total = 0, k, o = 0;

	(void)g;
	for (k = 0; k < t->npieces; k++) {
		const piece_t *p = &t->pieces[k];
		size_t len;

		total += p->text_len;
		if (total > t->max) {
			goto too_long;
		}
		if (p->base == 0) {
			continue;
		}
		if (v > 0 && p->delta > 0 && (uint32_t)p->delta > INT31_MAX - v) {
			quote_modifier(t, p->src_off, q, sizeof(q));
			message(err, errlen, "\"%s\" in the $GENERATE %s at "
					     "%u: the sum is past 2147483647",
			    q, t->what, (unsigned)v);
			return false;
		}
		len = format_value(p, (int32_t)((int64_t)v + p->delta), NULL);
		if (len == 0) {
			quote_modifier(t, p->src_off, q, sizeof(q));
			message(err, errlen, "\"%s\" in the $GENERATE %s makes "
					     "more than %u characters at %u",
			    q, t->what, ZL_GENERATE_FIELD_MAX, (unsigned)v);
			return false;
		}
		total += len;
		if (total > t->max) {
			goto too_long;
		}
	}
	if (out->cap < total + 1) {
		size_t cap = out->cap ? out->cap : 64;
		char *s;

		while (cap < total + 1) {
			cap *= 2;
		}
		if ((s = realloc(out->s, cap)) == NULL) {
			message(err, errlen, "out of memory");
			return false;
		}
		out->s = s;
		out->cap = cap;
	}
	for (k = 0; k < t->npieces; k++) {
		const piece_t *p = &t->pieces[k];

		memcpy(out->s + o, t->text + p->text_off, p->text_len);
		o += p->text_len;
		if (p->base != 0) {
			o += format_value(p, (int32_t)((int64_t)v + p->delta),
			    out->s + o);
		}
	}
	out->s[o] = '\0';
	out->len = o;
	return true;

too_long:
	message(err, errlen, "the $GENERATE %s for %u is longer than %zu "
			     "characters", t->what, (unsigned)v, t->max);
	return false;
}

bool
zl_generate_expand(const zl_generate_t *g, uint64_t i,
    zl_generate_text_t *owner, zl_generate_text_t *rdata, char *err,
    size_t errlen)
{
	uint32_t v;

	message(err, errlen, "%s", "");
	if (i >= g->count) {
		message(err, errlen, "$GENERATE has no record %llu",
		    (unsigned long long)i);
		return false;
	}
	v = zl_generate_value(g, i);
	if (!expand_one(g, &g->owner, v, owner, err, errlen) ||
	    !expand_one(g, &g->rdata, v, rdata, err, errlen)) {
		owner->len = 0;
		rdata->len = 0;
		if (owner->s != NULL) {
			owner->s[0] = '\0';
		}
		if (rdata->s != NULL) {
			rdata->s[0] = '\0';
		}
		return false;
	}
	return true;
}
