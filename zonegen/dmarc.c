/* dmarc.c: parse and check DMARC record texts (RFC 7489, RFC 9989). */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zonegen/internal.h"
#include "zonegen/zonegen.h"


/* Room for a quoted piece of input: about 60 bytes and "...". */
#define QUOTE_SIZE 64

/*
 * Problems one call reports at most; the rest are counted in one last
 * problem, so that a huge input cannot flood the caller.
 */
#define REPORT_MAX 32

/*
 * Keyword values (p, sp, np, adkim, aspf, fo, rf, psd, t) are compared
 * without regard to ASCII case.  The RFC 7489 6.4 ABNF writes them as
 * quoted strings, which ABNF (RFC 5234 2.3) defines as case-insensitive,
 * so "p=Reject" is accepted rather than judged by taste.  The version value
 * "DMARC1" is the exception: the ABNF spells it with %x codes, so it is
 * case-sensitive.  Tag names are compared without case too (the ABNF
 * writes them as quoted strings), so "V=DMARC1" is accepted and "p" and
 * "P" are the same tag.
 */

typedef struct parser {
	zg_problems_t *problems;
	zg_dmarc_rfc_t rfc;
	zg_dmarc_t *dmarc;
	size_t capacity;           /* of dmarc->tags */
	size_t reported;           /* problems this call added */
	size_t dropped;            /* problems past REPORT_MAX */
	const char *first_drop_id; /* id of the first dropped problem */
	const char *drop_id;       /* id of the first dropped invalid one */
	zg_status_t status;        /* ZG_ERR_NOMEM once allocation failed */
} parser_t;

static bool
is_wsp(char c)
{
	return c == ' ' || c == '\t';
}





static bool
is_hex(char c)
{
	return zg_ascii_digit(c) || (zg_ascii_lower(c) >= 'a' && zg_ascii_lower(c) <= 'f');
}

/* True when s[0..n) is one of the '|'-separated lower-case words. */
static bool
one_of(const char *s, size_t n, const char *words)
{
	while (*words != '\0') {
		size_t w = strcspn(words, "|");

		if (w == n) {
			size_t i;

			for (i = 0; i < n && zg_ascii_lower(s[i]) == words[i]; i++) {
			}
			if (i == n) {
				return true;
			}
		}
		words += w;
		if (*words == '|') {
			words++;
		}
	}
	return false;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && is_wsp(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_wsp((*s)[*n - 1])) {
		(*n)--;
	}
}

static void
report(parser_t *p, const char *id, bool invalid, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
report(parser_t *p, const char *id, bool invalid, const char *fmt, ...)
{
	char message[sizeof(((zg_problem_t *)0)->message)];
	va_list ap;

	if (p->reported >= REPORT_MAX) {
		if (p->dropped++ == 0) {
			p->first_drop_id = id;
		}
		if (invalid && p->drop_id == NULL) {
			p->drop_id = id;
		}
		return;
	}
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	if (zg_problems_add(p->problems, id, invalid, "%s", message) !=
	    ZG_OK) {
		p->status = ZG_ERR_NOMEM;
	}
	p->reported++;
}

/* Report a bad tag value, quoting name and value. */
static void
bad_value(parser_t *p, const char *name, const char *value, size_t vlen,
    const char *want)
{
	char q[QUOTE_SIZE];

	zg_text_quote(q, sizeof(q), value, vlen, SIZE_MAX);
	report(p, "dmarc-tag-invalid", true, "%s=\"%s\": %s", name, q, want);
}

/* 1*DIGIT no greater than `max`. */
static bool
check_number(const char *s, size_t n, uint32_t max)
{
	uint64_t value = 0;
	size_t i;

	if (n == 0) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (!zg_ascii_digit(s[i])) {
			return false;
		}
		value = value * 10 + (uint64_t)(s[i] - '0');
		if (value > max) {
			return false;
		}
	}
	return true;
}

/*
 * A list of items separated by `sep` with optional WSP around it, each
 * checked by `item`.  Used for fo, rf (':') and rua, ruf (',').
 */
static bool
check_list(const char *s, size_t n, char sep,
    bool (*item)(const char *, size_t))
{
	for (;;) {
		const char *end = memchr(s, sep, n);
		size_t len = end != NULL ? (size_t)(end - s) : n;
		const char *it = s;
		size_t itlen = len;

		trim(&it, &itlen);
		if (!item(it, itlen)) {
			return false;
		}
		if (end == NULL) {
			return true;
		}
		s += len + 1;
		n -= len + 1;
	}
}

/* dmarc-fo item (RFC 7489 6.3, 6.4). */
static bool
check_fo(const char *s, size_t n)
{
	return one_of(s, n, "0|1|d|s");
}

/* rf: report formats; the registry (RFC 7489 8.4) holds only "afrf". */
static bool
check_rf(const char *s, size_t n)
{
	return one_of(s, n, "afrf");
}

/*
 * dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]  (RFC 7489
 * 6.4).  URI is checked as RFC 3986 scheme ":" and a non-empty rest of
 * URI characters; commas and '!' inside the URI MUST be encoded (6.4), so
 * a '!' is only the size suffix.  A mailto: URI needs an address with an
 * '@' and text on both sides (RFC 6068 2).
 */
static bool
check_uri(const char *s, size_t n)
{
	const char *bang = memchr(s, '!', n);
	size_t i, scheme, at = 0;

	if (bang != NULL) {
		size_t b = (size_t)(bang - s), d = b + 1;

		while (d < n && zg_ascii_digit(s[d])) {
			d++;
		}
		if (d == b + 1) {
			return false;
		}
		if (d < n && one_of(s + d, 1, "k|m|g|t")) {
			d++;
		}
		if (d != n) {
			return false;
		}
		n = b;
	}
	if (n == 0 || !zg_ascii_alpha(s[0])) {
		return false;
	}
	for (scheme = 1; scheme < n && (zg_ascii_alpha(s[scheme]) ||
	    zg_ascii_digit(s[scheme]) || s[scheme] == '+' || s[scheme] == '-' ||
	    s[scheme] == '.'); scheme++) {
	}
	if (scheme == n || s[scheme] != ':' || scheme + 1 == n) {
		return false;
	}
	for (i = scheme + 1; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* RFC 3986 2: unreserved, reserved and '%' (pct-encoded). */
		if (c <= 0x20 || c >= 0x7f ||
		    strchr("\"<>\\^`{|}", c) != NULL) {
			return false;
		}
		if (c == '%' && (i + 2 >= n || !is_hex(s[i + 1]) ||
		    !is_hex(s[i + 2]))) {
			return false;
		}
		if (c == '@' && at == 0) {
			at = i;
		}
	}
	if (zg_ascii_equal(s, scheme, "mailto")) {
		return at > scheme + 1 && at + 1 < n;
	}
	return true;
}

static char *
copy(const char *s, size_t n)
{
	char *c = malloc(n + 1);

	if (c != NULL) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

static void
push_tag(parser_t *p, const char *name, size_t nlen, const char *value,
    size_t vlen)
{
	zg_dmarc_t *dmarc = p->dmarc;
	zg_dmarc_tag_t *t;

	if (dmarc->count == p->capacity) {
		size_t capacity = p->capacity ? p->capacity * 2 : 8;

		if (capacity > SIZE_MAX / sizeof(*t)) {
			p->status = ZG_ERR_NOMEM;
			return;
		}
		t = realloc(dmarc->tags, capacity * sizeof(*t));
		if (t == NULL) {
			p->status = ZG_ERR_NOMEM;
			return;
		}
		dmarc->tags = t;
		p->capacity = capacity;
	}
	t = &dmarc->tags[dmarc->count];
	t->name = copy(name, nlen);
	t->value = copy(value, vlen);
	if (t->name == NULL || t->value == NULL) {
		free(t->name);
		free(t->value);
		p->status = ZG_ERR_NOMEM;
		return;
	}
	dmarc->count++;
}

/*
 * Check the value of one tag: `name` is the tag name in lower case (empty
 * when too long to be a known tag), `raw` (`rlen`) as written.
 */
static void
check_value(parser_t *p, const char *name, const char *raw, size_t rlen,
    const char *v, size_t n)
{
	bool rfc9989 = p->rfc == ZG_DMARC_RFC9989;
	char q[QUOTE_SIZE];

	if (strcmp(name, "p") == 0) {
		if (!one_of(v, n, "none|quarantine|reject")) {
			zg_text_quote(q, sizeof(q), v, n, SIZE_MAX);
			report(p, "dmarc-policy-invalid", true,
			    "p=\"%s\": the policy must be none, quarantine "
			    "or reject (RFC 7489 6.3)", q);
		}
	} else if (strcmp(name, "sp") == 0 ||
	    (rfc9989 && strcmp(name, "np") == 0)) {
		if (!one_of(v, n, "none|quarantine|reject")) {
			bad_value(p, name, v, n,
			    "must be none, quarantine or reject "
			    "(RFC 7489 6.3, RFC 9989)");
		}
	} else if (strcmp(name, "adkim") == 0 || strcmp(name, "aspf") == 0) {
		if (!one_of(v, n, "r|s")) {
			bad_value(p, name, v, n,
			    "must be r (relaxed) or s (strict) "
			    "(RFC 7489 6.3)");
		}
	} else if (strcmp(name, "fo") == 0) {
		if (!check_list(v, n, ':', check_fo)) {
			bad_value(p, name, v, n,
			    "must be a ':'-separated list of 0, 1, d and s "
			    "(RFC 7489 6.3)");
		}
	} else if (strcmp(name, "rua") == 0 || strcmp(name, "ruf") == 0) {
		if (!check_list(v, n, ',', check_uri)) {
			bad_value(p, name, v, n,
			    "must be a ','-separated list of URIs such as "
			    "mailto:dmarc@example.com (RFC 7489 6.4)");
		}
	} else if (rfc9989 && (strcmp(name, "pct") == 0 ||
	    strcmp(name, "rf") == 0 || strcmp(name, "ri") == 0)) {
		/* Removed: receivers ignore it, so its value is not checked. */
		report(p, "dmarc-tag-removed", false,
		    "%s= was removed by RFC 9989; receivers ignore it and "
		    "its value", name);
	} else if (strcmp(name, "pct") == 0) {
		if (!check_number(v, n, 100)) {
			bad_value(p, name, v, n,
			    "must be an integer from 0 to 100 "
			    "(RFC 7489 6.3)");
		}
	} else if (strcmp(name, "rf") == 0) {
		if (!check_list(v, n, ':', check_rf)) {
			bad_value(p, name, v, n,
			    "must be a ':'-separated list of report formats; "
			    "the only one registered is afrf "
			    "(RFC 7489 6.3, 8.4)");
		}
	} else if (strcmp(name, "ri") == 0) {
		if (!check_number(v, n, UINT32_MAX)) {
			bad_value(p, name, v, n,
			    "must be a 32-bit unsigned integer of seconds "
			    "(RFC 7489 6.3)");
		}
	} else if (rfc9989 && strcmp(name, "psd") == 0) {
		if (!one_of(v, n, "y|n|u")) {
			bad_value(p, name, v, n,
			    "must be y, n or u (RFC 9989)");
		}
	} else if (rfc9989 && strcmp(name, "t") == 0) {
		if (!one_of(v, n, "y|n")) {
			bad_value(p, name, v, n,
			    "must be y or n (RFC 9989)");
		}
	} else {
		/* RFC 7489 6.3 and RFC 9989: unknown tags are ignored. */
		zg_text_quote(q, sizeof(q), raw, rlen, SIZE_MAX);
		report(p, "dmarc-tag-unknown", false,
		    "tag \"%s\" is not defined by RFC %d; receivers ignore it",
		    q, (int)p->rfc);
	}
}

/* Text quoted for a message into q (QUOTE_SIZE bytes): made only when a
 * message is said, as most tags are fine and quoting costs more than the
 * checks. */
static const char *
quoted(char *q, const char *s, size_t n)
{
	zg_text_quote(q, QUOTE_SIZE, s, n, SIZE_MAX);
	return q;
}

/*
 * One tag-spec (RFC 6376 3.2, as used by RFC 7489 6.4):
 *   tag-spec = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 *   tag-name = ALPHA *ALNUMPUNC
 *   tag-value = visible ASCII except ';', with inner WSP
 * `index` counts the non-empty tag-specs before this one.  Returns false
 * when the record cannot be a DMARC record at all (bad version).
 */
static bool
parse_tag(parser_t *p, const char *s, size_t n, size_t index)
{
	const char *eq = memchr(s, '=', n), *name = s, *value;
	size_t nlen, vlen, i;
	char lower[16], q[QUOTE_SIZE];

	if (eq == NULL) {
		report(p, "dmarc-syntax", true,
		    "\"%s\" is not a tag=value pair (RFC 7489 6.4)",
		    quoted(q, s, n));
		return index != 0;
	}
	nlen = (size_t)(eq - s);
	value = eq + 1;
	vlen = n - nlen - 1;
	trim(&name, &nlen);
	trim(&value, &vlen);
	for (i = 0; i < nlen && (zg_ascii_alpha(name[i]) || zg_ascii_digit(name[i]) ||
	    name[i] == '_'); i++) {
	}
	if (nlen == 0 || i != nlen || !zg_ascii_alpha(name[0])) {
		report(p, "dmarc-syntax", true,
		    "\"%s\": a tag name is a letter and then letters, digits "
		    "or '_' (RFC 6376 3.2)", quoted(q, s, n));
		return index != 0;
	}
	for (i = 0; i < vlen; i++) {
		unsigned char c = (unsigned char)value[i];

		if ((c < 0x21 || c > 0x7e) && !is_wsp((char)c)) {
			report(p, "dmarc-syntax", true,
			    "\"%s\": a tag value holds only visible ASCII "
			    "and spaces (RFC 6376 3.2)", quoted(q, s, n));
			return index != 0;
		}
	}
	if (index == 0) {
		/* RFC 7489 6.4: the record begins with v=DMARC1, exactly. */
		if (zg_ascii_equal(name, nlen, "v") && vlen > 6 &&
		    memcmp(value, "DMARC1", 6) == 0 && is_wsp(value[6])) {
			report(p, "dmarc-syntax", true,
			    "\"%s\": a ';' must follow v=DMARC1 "
			    "(RFC 7489 6.4)", quoted(q, s, n));
			return false;
		}
		if (!zg_ascii_equal(name, nlen, "v") || vlen != 6 ||
		    memcmp(value, "DMARC1", 6) != 0) {
			report(p, "dmarc-syntax", true,
			    "the first tag must be v=DMARC1, not \"%s\" "
			    "(RFC 7489 6.4)", quoted(q, s, n));
			return false;
		}
	} else if (zg_ascii_equal(name, nlen, "v")) {
		report(p, "dmarc-syntax", true,
		    "\"%s\": v= must be the first tag and appear once "
		    "(RFC 7489 6.4)", quoted(q, s, n));
		return true;
	}
	for (i = 0; i < p->dmarc->count; i++) {
		if (!zg_ascii_equal(name, nlen, p->dmarc->tags[i].name)) {
			continue;
		}
		/* RFC 6376 3.2: a duplicate tag invalidates the list. */
		report(p, "dmarc-syntax", true,
		    "\"%s\": the tag appears more than once (RFC 6376 3.2, "
		    "RFC 7489 6.4)", quoted(q, s, n));
		return true;
	}
	push_tag(p, name, nlen, value, vlen);
	if (index == 0 || p->status != ZG_OK) {
		return true;
	}
	lower[0] = '\0';
	if (nlen < sizeof(lower)) {
		for (i = 0; i < nlen; i++) {
			lower[i] = zg_ascii_lower(name[i]);
		}
		lower[nlen] = '\0';
	}
	check_value(p, lower, name, nlen, value, vlen);
	if (p->rfc == ZG_DMARC_RFC7489 && index != 1 &&
	    zg_ascii_equal(name, nlen, "p")) {
		report(p, "dmarc-policy-order", true,
		    "p= must be the tag right after v=DMARC1 under RFC 7489 "
		    "(RFC 7489 6.4)");
	}
	return true;
}

bool
zg_dmarc_is_record(const char *text, size_t len)
{
	size_t i = 0;

	if (text == NULL || len == 0 || (text[0] != 'v' && text[0] != 'V')) {
		return false;
	}
	/* dmarc-version = "v" *WSP "=" *WSP %x44.4d.41.52.43.31 (6.4) */
	for (i = 1; i < len && is_wsp(text[i]); i++) {
	}
	if (i == len || text[i] != '=') {
		return false;
	}
	for (i++; i < len && is_wsp(text[i]); i++) {
	}
	if (len - i < 6 || memcmp(text + i, "DMARC1", 6) != 0) {
		return false;
	}
	/* "v=DMARC10" is another version, not this one. */
	i += 6;
	return i == len || is_wsp(text[i]) || text[i] == ';';
}

zg_status_t
zg_dmarc_parse(const char *text, size_t len, zg_dmarc_rfc_t rfc,
    zg_dmarc_t **out, zg_problems_t *problems)
{
	parser_t p = { .problems = problems, .rfc = rfc };
	size_t pos = 0, index = 0;
	bool version = true;

	if ((text == NULL && len > 0) || out == NULL || problems == NULL ||
	    (rfc != ZG_DMARC_RFC7489 && rfc != ZG_DMARC_RFC9989)) {
		return ZG_ERR_ARGUMENT;
	}
	p.dmarc = calloc(1, sizeof(*p.dmarc));
	if (p.dmarc == NULL) {
		return ZG_ERR_NOMEM;
	}
	if (len > 0 && is_wsp(text[0])) {
		/* RFC 7489 6.4: the record begins with "v"; 6.6.3 discards
		 * records that do not start with the v= tag. */
		report(&p, "dmarc-syntax", true,
		    "the record must begin with v=DMARC1, without a space "
		    "before it (RFC 7489 6.4, 6.6.3)");
	}
	/* tag-list: tag-specs separated by ';', a trailing ';' allowed. */
	while (version && p.status == ZG_OK) {
		const char *end = len > pos ? memchr(text + pos, ';', len - pos)
					    : NULL;
		const char *s = text + pos;
		size_t n = end != NULL ? (size_t)(end - s) : len - pos;

		trim(&s, &n);
		if (n > 0) {
			version = parse_tag(&p, s, n, index);
			index++;
		} else if (index == 0) {
			report(&p, "dmarc-syntax", true,
			    "the first tag must be v=DMARC1 (RFC 7489 6.4)");
			version = false;
		}
		if (end == NULL) {
			break;
		}
		pos = (size_t)(end - text) + 1;
	}
	if (version && p.status == ZG_OK &&
	    zg_dmarc_get(p.dmarc, "p") == NULL) {
		if (rfc == ZG_DMARC_RFC7489) {
			report(&p, "dmarc-policy-missing", true,
			    "no p= tag: the policy is required "
			    "(RFC 7489 6.3)");
		} else {
			report(&p, "dmarc-policy-missing", false,
			    "no p= tag: receivers read the policy as p=none "
			    "(RFC 9989)");
		}
	}
	if (p.status == ZG_OK && p.dropped > 0) {
		p.reported = 0;
		report(&p, p.drop_id != NULL ? p.drop_id : p.first_drop_id,
		    p.drop_id != NULL, "%zu further problems not listed",
		    p.dropped);
	}
	if (p.status != ZG_OK) {
		zg_dmarc_free(p.dmarc);
		return p.status;
	}
	*out = p.dmarc;
	return ZG_OK;
}

const char *
zg_dmarc_get(const zg_dmarc_t *dmarc, const char *name)
{
	size_t i;

	if (dmarc == NULL || name == NULL) {
		return NULL;
	}
	for (i = 0; i < dmarc->count; i++) {
		if (zg_ascii_equal(dmarc->tags[i].name, strlen(dmarc->tags[i].name),
		    name)) {
			return dmarc->tags[i].value;
		}
	}
	return NULL;
}

void
zg_dmarc_free(zg_dmarc_t *dmarc)
{
	size_t i;

	if (dmarc == NULL) {
		return;
	}
	for (i = 0; i < dmarc->count; i++) {
		free(dmarc->tags[i].name);
		free(dmarc->tags[i].value);
	}
	free(dmarc->tags);
	free(dmarc);
}

bool
zg_dmarc_uri_host(const char *uri, size_t len, char *host, size_t hostlen)
{
	const char *at, *end = uri + len;
	size_t n;

	if (len < 7 || strncasecmp(uri, "mailto:", 7) != 0 ||
	    (at = memchr(uri, '@', len)) == NULL) {
		return false;
	}
	at++;
	/* The list's separator is *WSP "," *WSP (RFC 7489 6.4). */
	for (n = 0; at + n < end && strchr("!,? \t\r\n>", at[n]) == NULL;
	     n++) {
	}
	if (n == 0 || n >= hostlen) {
		return false;
	}
	memcpy(host, at, n);
	host[n] = '\0';
	if (host[n - 1] == '.') {
		host[n - 1] = '\0';
	}
	return host[0] != '\0';
}

size_t
zg_dmarc_report_hosts(const zg_dmarc_t *dmarc, zg_dmarc_host_fn *fn,
    void *arg)
{
	static const char *const tags[] = { "rua", "ruf" };
	char host[ZG_NAME_MAX + 2];
	size_t t, calls = 0;

	for (t = 0; t < sizeof(tags) / sizeof(tags[0]); t++) {
		const char *p = zg_dmarc_get(dmarc, tags[t]);

		while (p != NULL && *p != '\0') {
			size_t n;

			while (*p == ' ' || *p == '\t') {
				p++;
			}
			n = strcspn(p, ",");
			if (zg_dmarc_uri_host(p, n, host, sizeof(host))) {
				calls++;
				if (!fn(tags[t], p, n, host, arg)) {
					return calls;
				}
			}
			p += n;
			if (*p == ',') {
				p++;
			}
		}
	}
	return calls;
}
