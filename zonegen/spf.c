/* spf.c: parse and check SPF record texts against RFC 7208. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zonegen/internal.h"
#include "zonegen/zonegen.h"


/* Room for a quoted piece of input: about 60 bytes and "...". */
#define QUOTE_SIZE 64

/*
 * Syntax errors one call reports at most; the rest are counted in one last
 * problem, so that a huge bad input cannot flood the caller.  The other
 * problems are reported at most once or twice per record.
 */
#define SYNTAX_MAX 16

/* RFC 7208 4.5: the version section. */
#define SPF_VERSION "v=spf1"
#define SPF_VERSION_LEN 6

typedef struct parser {
	zg_problems_t *problems;
	zg_spf_t *spf;
	size_t capacity;    /* of spf->terms: one for each word */
	char *strings;      /* room for the terms' names and values, */
	size_t strings_left; /* in the same allocation */
	size_t syntax;      /* syntax errors found */
	zg_status_t status; /* ZG_ERR_NOMEM once an allocation failed */
	const char *term;     /* the term being parsed, for messages */
	size_t term_len;
} parser_t;

static const struct {
	const char *name;
	zg_spf_kind_t kind;
} mechanisms[] = {
	{ "all", ZG_SPF_ALL },
	{ "include", ZG_SPF_INCLUDE },
	{ "a", ZG_SPF_A },
	{ "mx", ZG_SPF_MX },
	{ "ptr", ZG_SPF_PTR },
	{ "ip4", ZG_SPF_IP4 },
	{ "ip6", ZG_SPF_IP6 },
	{ "exists", ZG_SPF_EXISTS },
};





static void
report(parser_t *p, const char *id, bool invalid, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
report(parser_t *p, const char *id, bool invalid, const char *fmt, ...)
{
	char message[sizeof(((zg_problem_t *)0)->message)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	if (zg_problems_add(p->problems, id, invalid, "%s", message) !=
	    ZG_OK) {
		p->status = ZG_ERR_NOMEM;
	}
}

/* A syntax error in the current term: RFC 7208 12, a permerror (4.6). */
static void
syntax(parser_t *p, const char *why)
{
	char q[QUOTE_SIZE];

	if (++p->syntax > SYNTAX_MAX) {
		return;
	}
	zg_text_quote(q, sizeof(q), p->term, p->term_len, SIZE_MAX);
	report(p, "spf-syntax", true, "term \"%s\": %s", q, why);
}

/*
 * Check a macro-string (RFC 7208 7.1):
 *   macro-string = *( macro-expand / macro-literal )
 *   macro-expand = ( "%{" macro-letter transformers *delimiter "}" )
 *                  / "%%" / "%_" / "%-"
 *   macro-literal = %x21-24 / %x26-7E
 * ABNF literals are case-insensitive, so "%{S}" and "%{dR}" are valid.
 * On success `*tail` is the offset just past the last macro-expand (0 when
 * there is none).  On failure `*why` says what is wrong.
 */
static bool
check_macro_string(const char *s, size_t n, size_t *tail, const char **why)
{
	size_t i = 0;

	*tail = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c != '%') {
			if (c < 0x21 || c > 0x7e) {
				*why = "byte outside visible ASCII "
				    "(RFC 7208 7.1)";
				return false;
			}
			i++;
			continue;
		}
		if (i + 1 == n) {
			*why = "'%' at the end; write \"%%\" for a percent "
			    "sign (RFC 7208 7.1)";
			return false;
		}
		c = s[i + 1];
		if (c == '%' || c == '_' || c == '-') {
			i += 2;
			*tail = i;
			continue;
		}
		if (c != '{') {
			*why = "'%' must be followed by '{', '%', '_' or '-' "
			    "(RFC 7208 7.1)";
			return false;
		}
		i += 2;
		if (i == n || strchr("slodiphcrtv", zg_ascii_lower(s[i])) == NULL ||
		    s[i] == '\0') {
			*why = "macro letter must be one of s l o d i p h c "
			    "r t v (RFC 7208 7.1)";
			return false;
		}
		i++;
		if (i < n && zg_ascii_digit(s[i])) {
			bool nonzero = false;

			while (i < n && zg_ascii_digit(s[i])) {
				nonzero |= s[i] != '0';
				i++;
			}
			if (!nonzero) {
				/* RFC 7208 7.3: a DIGIT transformer MUST be
				 * nonzero. */
				*why = "macro transformer digits must be "
				    "nonzero (RFC 7208 7.3)";
				return false;
			}
		}
		if (i < n && zg_ascii_lower(s[i]) == 'r') {
			i++;
		}
		while (i < n && s[i] != '\0' && strchr(".-+,/_=", s[i])) {
			i++;
		}
		if (i == n || s[i] != '}') {
			*why = "macro not closed by '}' after letter, digits, "
			    "'r' and delimiters .-+,/_= (RFC 7208 7.1)";
			return false;
		}
		i++;
		*tail = i;
	}
	return true;
}

/*
 * toplabel = ( *alphanum ALPHA *alphanum ) /
 *            ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
 * (RFC 7208 7.1): letters, digits and inner hyphens, not all digits.
 */
static bool
check_toplabel(const char *s, size_t n)
{
	bool alpha = false, hyphen = false;
	size_t i;

	if (n == 0 || s[0] == '-' || s[n - 1] == '-') {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (zg_ascii_alpha(s[i])) {
			alpha = true;
		} else if (s[i] == '-') {
			hyphen = true;
		} else if (!zg_ascii_digit(s[i])) {
			return false;
		}
	}
	return alpha || hyphen;
}

/*
 * domain-spec = macro-string domain-end
 * domain-end  = ( "." toplabel [ "." ] ) / macro-expand   (RFC 7208 7.1)
 */
static bool
check_domain_spec(const char *s, size_t n, const char **why)
{
	size_t tail, end, dot;

	if (n == 0) {
		*why = "empty domain-spec (RFC 7208 7.1)";
		return false;
	}
	if (!check_macro_string(s, n, &tail, why)) {
		return false;
	}
	if (tail == n) {
		return true; /* ends with a macro-expand */
	}
	end = n;
	if (s[end - 1] == '.') {
		end--;
	}
	for (dot = end; dot > tail && s[dot - 1] != '.'; dot--) {
	}
	if (dot == tail || !check_toplabel(s + dot, end - dot)) {
		*why = "domain-spec must end in \".\" and a top-level label "
		    "(letters, digits, inner hyphens, not all digits) or in "
		    "a macro (RFC 7208 7.1)";
		return false;
	}
	return true;
}

/*
 * A CIDR length written after '/': "0" or digits without a leading zero
 * (RFC 7208 12 ip4-cidr-length, ip6-cidr-length), at most `max`.  Returns
 * the value, or -1 with `*why` set.
 */
static int
parse_cidr(const char *s, size_t n, int max, const char **why)
{
	int value = 0;
	size_t i;

	if (n == 0) {
		*why = "'/' without a prefix length (RFC 7208 5.6)";
		return -1;
	}
	if (s[0] == '0' && n > 1) {
		*why = "prefix length with a leading zero (RFC 7208 12)";
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!zg_ascii_digit(s[i])) {
			*why = "prefix length is not a decimal number "
			    "(RFC 7208 5.6)";
			return -1;
		}
		if (value <= max) {
			value = value * 10 + (s[i] - '0');
		}
	}
	if (value > max) {
		*why = max == 32 ? "IPv4 prefix length above 32 (RFC 7208 5.6)"
				 : "IPv6 prefix length above 128 "
				   "(RFC 7208 5.6)";
		return -1;
	}
	return value;
}

/* Offset of the run of digits that ends s[0..n). */
static size_t
digits_start(const char *s, size_t n)
{
	while (n > 0 && zg_ascii_digit(s[n - 1])) {
		n--;
	}
	return n;
}

/*
 * Split the dual-cidr-length off the end of an a or mx argument:
 *   dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]
 * It is taken from the end because a domain-spec may itself hold '/'.
 * Returns the length of what comes before it, or (size_t)-1 on error.
 */
static size_t
split_dual_cidr(const char *s, size_t n, int *cidr4, int *cidr6,
    const char **why)
{
	size_t d = digits_start(s, n);

	*cidr4 = -1;
	*cidr6 = -1;
	if (d == n) {
		return n;
	}
	if (d >= 2 && s[d - 1] == '/' && s[d - 2] == '/') {
		*cidr6 = parse_cidr(s + d, n - d, 128, why);
		if (*cidr6 < 0) {
			return (size_t)-1;
		}
		n = d - 2;
		d = digits_start(s, n);
		if (d == n) {
			return n;
		}
	}
	if (d >= 1 && s[d - 1] == '/' && (d < 2 || s[d - 2] != '/')) {
		*cidr4 = parse_cidr(s + d, n - d, 32, why);
		if (*cidr4 < 0) {
			return (size_t)-1;
		}
		return d - 1;
	}
	return n;
}

/* An IP address (no macros, RFC 7208 5.6) checked with inet_pton. */
static bool
check_address(int family, const char *s, size_t n)
{
	unsigned char buf[sizeof(struct in6_addr)];
	char text[INET6_ADDRSTRLEN + 1];

	if (n == 0 || n >= sizeof(text) || memchr(s, '\0', n) != NULL) {
		return false;
	}
	memcpy(text, s, n);
	text[n] = '\0';
	return inet_pton(family, text, buf) == 1;
}

/* A copy of n bytes and a NUL in the parse's own room; NULL when the
 * room is short (it is made for every word of the text: cannot be). */
static char *
copy(parser_t *p, const char *s, size_t n)
{
	char *c = p->strings;

	if (n >= p->strings_left) {
		return NULL;
	}
	memcpy(c, s, n);
	c[n] = '\0';
	p->strings += n + 1;
	p->strings_left -= n + 1;
	return c;
}

static void
push_term(parser_t *p, const zg_spf_term_t *term, const char *name,
    size_t name_len, const char *value, size_t value_len)
{
	zg_spf_t *spf = p->spf;
	zg_spf_term_t *t;

	/* One term a word at most, each word's name and value within it:
	 * zg_spf_parse made room for all (a failure here cannot be). */
	if (spf->count == p->capacity) {
		p->status = ZG_ERR_NOMEM;
		return;
	}
	t = &spf->terms[spf->count];
	*t = *term;
	t->name = copy(p, name, name_len);
	t->value = value != NULL ? copy(p, value, value_len) : NULL;
	if (t->name == NULL || (value != NULL && t->value == NULL)) {
		p->status = ZG_ERR_NOMEM;
		return;
	}
	spf->count++;
	switch (t->kind) {
	case ZG_SPF_INCLUDE:
	case ZG_SPF_A:
	case ZG_SPF_MX:
	case ZG_SPF_PTR:
	case ZG_SPF_EXISTS:
	case ZG_SPF_REDIRECT:
		spf->dns_terms++; /* RFC 7208 4.6.4 */
		break;
	default:
		break;
	}
}

/* name "=" value (RFC 7208 6, 12). */
static void
parse_modifier(parser_t *p, zg_spf_term_t *t, const char *name, size_t nlen,
    const char *value, size_t vlen)
{
	const char *why;
	size_t tail;

	if (t->qualifier_given) {
		syntax(p, "a modifier takes no qualifier (RFC 7208 12)");
		return;
	}
	if (zg_ascii_equal(name, nlen, "redirect")) {
		t->kind = ZG_SPF_REDIRECT;
	} else if (zg_ascii_equal(name, nlen, "exp")) {
		t->kind = ZG_SPF_EXP;
	} else {
		t->kind = ZG_SPF_UNKNOWN_MOD;
	}
	if (t->kind == ZG_SPF_UNKNOWN_MOD) {
		/* unknown-modifier = name "=" macro-string */
		if (!check_macro_string(value, vlen, &tail, &why)) {
			syntax(p, why);
			return;
		}
	} else if (!check_domain_spec(value, vlen, &why)) {
		syntax(p, why);
		return;
	}
	push_term(p, t, name, nlen, value, vlen);
}

/* [qualifier] mechanism (RFC 7208 5, 12); `arg` follows the name. */
static void
parse_mechanism(parser_t *p, zg_spf_term_t *t, const char *name,
    size_t nlen, const char *arg, size_t alen)
{
	const char *why = NULL, *value = NULL;
	size_t i, vlen = 0, slash;
	bool found = false;

	for (i = 0; i < sizeof(mechanisms) / sizeof(mechanisms[0]); i++) {
		if (zg_ascii_equal(name, nlen, mechanisms[i].name)) {
			t->kind = mechanisms[i].kind;
			found = true;
			break;
		}
	}
	if (!found) {
		syntax(p, "unknown mechanism (RFC 7208 5, 12)");
		return;
	}
	switch (t->kind) {
	case ZG_SPF_ALL:
		if (alen != 0) {
			syntax(p, "\"all\" takes no argument (RFC 7208 5.1)");
			return;
		}
		break;
	case ZG_SPF_INCLUDE:
	case ZG_SPF_EXISTS:
		if (alen == 0 || arg[0] != ':') {
			syntax(p, "needs \":\" and a domain-spec "
			    "(RFC 7208 5.2, 5.7)");
			return;
		}
		value = arg + 1;
		vlen = alen - 1;
		if (!check_domain_spec(value, vlen, &why)) {
			syntax(p, why);
			return;
		}
		break;
	case ZG_SPF_PTR:
		if (alen != 0) {
			if (arg[0] != ':') {
				syntax(p, "ptr takes only \":\" and a "
				    "domain-spec (RFC 7208 5.5)");
				return;
			}
			value = arg + 1;
			vlen = alen - 1;
			if (!check_domain_spec(value, vlen, &why)) {
				syntax(p, why);
				return;
			}
		}
		break;
	case ZG_SPF_A:
	case ZG_SPF_MX:
		alen = split_dual_cidr(arg, alen, &t->cidr4, &t->cidr6, &why);
		if (alen == (size_t)-1) {
			syntax(p, why);
			return;
		}
		if (alen != 0) {
			if (arg[0] != ':') {
				syntax(p, "expected \":\" domain-spec or "
				    "\"/\" prefix length after the name "
				    "(RFC 7208 5.3, 5.4)");
				return;
			}
			value = arg + 1;
			vlen = alen - 1;
			if (check_address(AF_INET, value, vlen) ||
			    check_address(AF_INET6, value, vlen)) {
				syntax(p, "an address is not a domain-spec; "
				    "use ip4: or ip6: (RFC 7208 5.3, 5.6)");
				return;
			}
			if (!check_domain_spec(value, vlen, &why)) {
				syntax(p, why);
				return;
			}
		}
		break;
	case ZG_SPF_IP4:
	case ZG_SPF_IP6:
		if (alen == 0 || arg[0] != ':') {
			syntax(p, "needs \":\" and an address (RFC 7208 5.6)");
			return;
		}
		value = arg + 1;
		vlen = alen - 1;
		for (slash = 0; slash < vlen && value[slash] != '/'; slash++) {
		}
		if (slash < vlen) {
			int max = t->kind == ZG_SPF_IP4 ? 32 : 128;
			int len = parse_cidr(value + slash + 1,
			    vlen - slash - 1, max, &why);

			if (len < 0) {
				syntax(p, why);
				return;
			}
			*(t->kind == ZG_SPF_IP4 ? &t->cidr4 : &t->cidr6) = len;
		}
		vlen = slash;
		if (!check_address(t->kind == ZG_SPF_IP4 ? AF_INET : AF_INET6,
		    value, vlen)) {
			syntax(p, t->kind == ZG_SPF_IP4
				? "not an IPv4 address (RFC 7208 5.6)"
				: "not an IPv6 address (RFC 7208 5.6)");
			return;
		}
		break;
	default:
		break;
	}
	push_term(p, t, name, nlen, value, vlen);
}

/* One term: the bytes between spaces, never empty. */
static void
parse_term(parser_t *p, const char *s, size_t n)
{
	zg_spf_term_t t = { .qualifier = '+', .cidr4 = -1, .cidr6 = -1 };
	size_t i = 0, name;

	p->term = s;
	p->term_len = n;
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e) {
			syntax(p, "byte outside visible ASCII; only SP "
			    "separates terms (RFC 7208 12)");
			return;
		}
	}
	i = 0;
	if (strchr("+-~?", s[0]) != NULL) {
		t.qualifier = s[0];
		t.qualifier_given = true;
		i = 1;
	}
	name = i;
	while (i < n && (zg_ascii_alpha(s[i]) || zg_ascii_digit(s[i]) || s[i] == '-' ||
	    s[i] == '_' || s[i] == '.')) {
		i++;
	}
	if (i == name || !zg_ascii_alpha(s[name])) {
		syntax(p, "expected a mechanism or a modifier name "
		    "(RFC 7208 12)");
		return;
	}
	if (i < n && s[i] == '=') {
		parse_modifier(p, &t, s + name, i - name, s + i + 1, n - i - 1);
	} else {
		parse_mechanism(p, &t, s + name, i - name, s + i, n - i);
	}
}

/* Findings about the parsed terms as a whole (RFC 7208 5.1, 5.5, 6). */
static void
check_terms(parser_t *p)
{
	const zg_spf_t *spf = p->spf;
	size_t i, redirects = 0, exps = 0, all = SIZE_MAX, ptr = 0;
	bool after_all = false;
	char q[QUOTE_SIZE];

	for (i = 0; i < spf->count; i++) {
		const zg_spf_term_t *t = &spf->terms[i];

		if (t->kind == ZG_SPF_REDIRECT && ++redirects == 2) {
			report(p, "spf-modifier-twice", true,
			    "\"redirect=\" appears more than once "
			    "(RFC 7208 6)");
		}
		if (t->kind == ZG_SPF_EXP && ++exps == 2) {
			report(p, "spf-modifier-twice", true,
			    "\"exp=\" appears more than once (RFC 7208 6)");
		}
		if (t->kind == ZG_SPF_PTR) {
			ptr++;
		}
		/* Mechanisms after "all" are never evaluated.  exp= is
		 * used and redirect= is reported below; an unknown modifier
		 * is ignored wherever it stands (RFC 7208 6), but after
		 * "all" it is most often a verification token pasted into
		 * the wrong record. */
		if (all != SIZE_MAX && !after_all && t->kind < ZG_SPF_REDIRECT) {
			zg_text_quote(q, sizeof(q), t->name, strlen(t->name),
			    SIZE_MAX);
			report(p, "spf-after-all", false,
			    "\"%s\" and any later term after \"all\" are "
			    "never evaluated (RFC 7208 5.1)", q);
			after_all = true;
		} else if (all != SIZE_MAX && !after_all &&
		    t->kind == ZG_SPF_UNKNOWN_MOD) {
			zg_text_quote(q, sizeof(q), t->name, strlen(t->name),
			    SIZE_MAX);
			report(p, "spf-after-all", false,
			    "\"%s=\" after \"all\" is an unknown modifier that "
			    "receivers ignore (RFC 7208 6); a verification "
			    "token belongs in a TXT record of its own", q);
			after_all = true;
		}
		if (t->kind == ZG_SPF_ALL && all == SIZE_MAX) {
			all = i;
			if (t->qualifier == '+') {
				report(p, "spf-all-pass", false,
				    "\"%sall\" authorises every host on the "
				    "internet; use \"-all\" or \"~all\" "
				    "(RFC 7208 5.1)",
				    t->qualifier_given ? "+" : "");
			}
		}
	}
	if (all != SIZE_MAX && redirects > 0) {
		report(p, "spf-after-all", false,
		    "\"redirect=\" is ignored because the record has \"all\" "
		    "(RFC 7208 6.1)");
	}
	if (ptr > 0) {
		report(p, "spf-ptr", false,
		    "the ptr mechanism SHOULD NOT be used: it is slow and "
		    "unreliable (RFC 7208 5.5)");
	}
}

bool
zg_spf_is_record(const char *text, size_t len)
{
	if (text == NULL || len < SPF_VERSION_LEN ||
	    !zg_ascii_equal(text, SPF_VERSION_LEN, SPF_VERSION)) {
		return false;
	}
	return len == SPF_VERSION_LEN || text[SPF_VERSION_LEN] == ' ';
}

zg_status_t
zg_spf_parse(const char *text, size_t len, zg_spf_t **out,
    zg_problems_t *problems)
{
	parser_t p = { .problems = problems };
	size_t pos, start, words, room;

	if ((text == NULL && len > 0) || out == NULL || problems == NULL) {
		return ZG_ERR_ARGUMENT;
	}
	/* One allocation for the record, its terms (one a word at most,
	 * and there are at most one more words than spaces) and their
	 * strings (each word's name and value lie within it, two NULs
	 * more): zg_spf_free frees it whole. */
	for (pos = 0, words = 1; pos < len; pos++, words++) {
		const char *sp = memchr(text + pos, ' ', len - pos);

		if (sp == NULL) {
			break;
		}
		pos = (size_t)(sp - text);
	}
	if (words > (SIZE_MAX / 2 - len - sizeof(*p.spf)) /
	    (sizeof(zg_spf_term_t) + 2)) {
		return ZG_ERR_NOMEM;
	}
	_Static_assert(sizeof(zg_spf_t) % _Alignof(zg_spf_term_t) == 0,
	    "the terms follow the record, aligned");
	room = len + 2 * words + 1;
	p.spf = malloc(sizeof(*p.spf) + words * sizeof(zg_spf_term_t) + room);
	if (p.spf == NULL) {
		return ZG_ERR_NOMEM;
	}
	memset(p.spf, 0, sizeof(*p.spf));
	p.spf->terms = (zg_spf_term_t *)(void *)(p.spf + 1);
	p.capacity = words;
	p.strings = (char *)(p.spf->terms + words);
	p.strings_left = room;
	if (!zg_spf_is_record(text, len)) {
		char q[QUOTE_SIZE];

		zg_text_quote(q, sizeof(q), text, len, SIZE_MAX);
		report(&p, "spf-syntax", true,
		    "\"%s\" does not begin with \"v=spf1\" and a space or the "
		    "end (RFC 7208 4.5)", q);
	} else {
		/* terms = *( 1*SP ( directive / modifier ) ), then *SP. */
		pos = SPF_VERSION_LEN;
		while (pos < len && p.status == ZG_OK) {
			while (pos < len && text[pos] == ' ') {
				pos++;
			}
			start = pos;
			while (pos < len && text[pos] != ' ') {
				pos++;
			}
			if (pos > start) {
				parse_term(&p, text + start, pos - start);
			}
		}
		if (p.status == ZG_OK) {
			check_terms(&p);
		}
	}
	if (p.status == ZG_OK && p.syntax > SYNTAX_MAX) {
		report(&p, "spf-syntax", true,
		    "%zu further syntax errors not listed",
		    p.syntax - SYNTAX_MAX);
	}
	if (p.status != ZG_OK) {
		zg_spf_free(p.spf);
		return p.status;
	}
	*out = p.spf;
	return ZG_OK;
}

void
zg_spf_free(zg_spf_t *spf)
{
	free(spf); /* its terms and strings are in the same allocation */
}

/* The mechanism or modifier name of a kind, as RFC 7208 12 spells it. */
static const char *
kind_name(const zg_spf_term_t *t)
{
	size_t i;

	switch (t->kind) {
	case ZG_SPF_REDIRECT:
		return "redirect";
	case ZG_SPF_EXP:
		return "exp";
	case ZG_SPF_UNKNOWN_MOD:
		return t->name;
	default:
		break;
	}
	for (i = 0; i < sizeof(mechanisms) / sizeof(mechanisms[0]); i++) {
		if (mechanisms[i].kind == t->kind) {
			return mechanisms[i].name;
		}
	}
	return t->name;
}

size_t
zg_spf_term_format(const zg_spf_term_t *t, char *out, size_t size)
{
	char c4[16] = "", c6[16] = "";
	bool modifier = t->kind >= ZG_SPF_REDIRECT;
	int n;

	if (t->cidr4 >= 0) {
		snprintf(c4, sizeof(c4), "/%d", t->cidr4);
	}
	if (t->cidr6 >= 0) {
		/* ip6 has one prefix length; a and mx write theirs after
		 * "//" (RFC 7208 5.6, dual-cidr-length). */
		snprintf(c6, sizeof(c6), "%s/%d",
		    t->kind == ZG_SPF_IP6 ? "" : "/", t->cidr6);
	}
	n = snprintf(out, size, "%s%s%s%s%s%s",
	    t->qualifier != '+' && !modifier ? (char[]){ t->qualifier, '\0' }
					     : "",
	    kind_name(t), t->value == NULL ? "" : modifier ? "=" : ":",
	    t->value != NULL ? t->value : "", c4, c6);
	return n < 0 ? 0 : (size_t)n;
}

/* Two IP addresses of one family are the same address. */
static bool
same_address(int family, const char *a, const char *b)
{
	unsigned char x[sizeof(struct in6_addr)], y[sizeof(struct in6_addr)];

	if (inet_pton(family, a, x) != 1 || inet_pton(family, b, y) != 1) {
		return zg_ascii_equal(a, strlen(a), b);
	}
	return memcmp(x, y, family == AF_INET ? 4 : 16) == 0;
}

bool
zg_spf_term_equal(const zg_spf_term_t *a, const zg_spf_term_t *b,
    bool qualifier)
{
	if (a->kind != b->kind || a->cidr4 != b->cidr4 ||
	    a->cidr6 != b->cidr6 || (qualifier && a->qualifier != b->qualifier)) {
		return false;
	}
	if (a->kind == ZG_SPF_UNKNOWN_MOD &&
	    !zg_ascii_equal(a->name, strlen(a->name), b->name)) {
		return false;
	}
	if (a->value == NULL || b->value == NULL) {
		return a->value == b->value;
	}
	if (a->kind == ZG_SPF_IP4 || a->kind == ZG_SPF_IP6) {
		return same_address(a->kind == ZG_SPF_IP4 ? AF_INET : AF_INET6,
		    a->value, b->value);
	}
	/* Domain-specs: names compare without regard to case (RFC 4343),
	 * with or without the final dot; macros are case-sensitive only in
	 * their letters' meaning, which is the same either way here. */
	{
		size_t la = strlen(a->value), lb = strlen(b->value), i;

		if (la > 1 && a->value[la - 1] == '.') {
			la--;
		}
		if (lb > 1 && b->value[lb - 1] == '.') {
			lb--;
		}
		if (la != lb) {
			return false;
		}
		for (i = 0; i < la; i++) {
			if (zg_ascii_lower(a->value[i]) !=
			    zg_ascii_lower(b->value[i])) {
				return false;
			}
		}
		return true;
	}
}
