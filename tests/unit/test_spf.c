/* test_spf.c: unit tests for the SPF parser, problem lists and statuses. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdlib.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "zonegen/zonegen.h"

/* A parse result: the record, its problems and the status. */
typedef struct result {
	zg_status_t status;
	zg_spf_t *spf;
	zg_problems_t problems;
} result_t;

/*
 * Parse `len` bytes copied into a buffer of exactly that size, so that
 * AddressSanitizer catches any read past `len` (the text is not
 * NUL-terminated).
 */
static result_t
parse_n(const char *text, size_t len)
{
	result_t r = { .status = ZG_OK };
	char *buf = malloc(len > 0 ? len : 1);

	if (buf == NULL) {
		r.status = ZG_ERR_NOMEM;
		return r;
	}
	memcpy(buf, text, len);
	r.status = zg_spf_parse(buf, len, &r.spf, &r.problems);
	free(buf);
	return r;
}

static result_t
parse(const char *text)
{
	return parse_n(text, strlen(text));
}

static void
done(result_t *r)
{
	zg_spf_free(r->spf);
	zg_problems_free(&r->problems);
}

/* Number of problems with this id. */
static size_t
count_id(const result_t *r, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < r->problems.count; i++) {
		if (strcmp(r->problems.items[i].id, id) == 0) {
			n++;
		}
	}
	return n;
}

/* The first problem with this id, or NULL. */
static const zg_problem_t *
find_id(const result_t *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->problems.count; i++) {
		if (strcmp(r->problems.items[i].id, id) == 0) {
			return &r->problems.items[i];
		}
	}
	return NULL;
}

/* Parse and check that `id` is reported (want > 0) or not (want == 0). */
static void
check_id(const char *text, const char *id, size_t want)
{
	result_t r = parse(text);
	size_t got = count_id(&r, id);

	UNIT_CHECK(r.status == ZG_OK && (want ? got > 0 : got == 0),
	    "%s %s in \"%s\" (got %zu)", id, want ? "reported" : "absent",
	    text, got);
	done(&r);
}

/* Parse and check validity (no invalid problem) and the problem count. */
static void
check_valid(const char *text, bool valid, size_t problems)
{
	result_t r = parse(text);

	UNIT_CHECK(r.status == ZG_OK && r.spf != NULL &&
	    zg_problems_invalid(&r.problems) == !valid &&
	    r.problems.count == problems,
	    "\"%s\" is %s with %zu problems (got %zu)", text,
	    valid ? "valid" : "invalid", problems, r.problems.count);
	done(&r);
}

static void
test_status(void)
{
	UNIT_STREQ(zg_status_str(ZG_OK), "success", "status ZG_OK");
	UNIT_STREQ(zg_status_str(ZG_ERR_NOMEM), "out of memory",
	    "status ZG_ERR_NOMEM");
	UNIT_STREQ(zg_status_str(ZG_ERR_ARGUMENT), "invalid argument",
	    "status ZG_ERR_ARGUMENT");
	UNIT_STREQ(zg_status_str(ZG_STATUS__COUNT), "unknown status",
	    "status past the end");
	UNIT_STREQ(zg_status_str((zg_status_t)-1), "unknown status",
	    "negative status");
	UNIT_STREQ(zg_status_str((zg_status_t)1000), "unknown status",
	    "large status");
}

static void
test_problems(void)
{
	zg_problems_t p = { 0 };
	char big[1000];
	size_t i;
	bool all_ok = true;

	UNIT_CHECK(!zg_problems_invalid(&p), "empty list is not invalid");
	UNIT_CHECK(!zg_problems_invalid(NULL), "NULL list is not invalid");
	UNIT_CHECK(zg_problems_add(&p, "x-advice", false, "n=%d s=%s", 42,
	    "str") == ZG_OK && p.count == 1, "add one problem");
	UNIT_CHECK(!zg_problems_invalid(&p), "advice is not invalid");
	UNIT_CHECK(zg_problems_add(&p, "x-bad", true, "bad") == ZG_OK &&
	    zg_problems_invalid(&p), "an invalid problem makes it invalid");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	UNIT_CHECK(zg_problems_add(&p, "x-long", false, "%s", big) == ZG_OK,
	    "add a long message");
	for (i = 0; i < 100; i++) {
		if (zg_problems_add(&p, "x-many", false, "%zu", i) != ZG_OK) {
			all_ok = false;
		}
	}
	UNIT_CHECK(all_ok && p.count == 103 && p.capacity >= 103,
	    "list grows to 103 problems");
	if (p.count == 103) {
		UNIT_STREQ(p.items[0].id, "x-advice", "problem id kept");
		UNIT_STREQ(p.items[0].message, "n=42 s=str",
		    "message formatted and kept on growth");
		UNIT_CHECK(p.items[0].invalid == false &&
		    p.items[1].invalid == true, "invalid flags kept");
		UNIT_CHECK(strlen(p.items[2].message) ==
		    sizeof(p.items[2].message) - 1, "long message cut to fit");
		UNIT_CHECK(strcmp(p.items[2].message +
		    sizeof(p.items[2].message) - 4, "...") == 0,
		    "cut message ends with ...");
		UNIT_STREQ(p.items[102].message, "99", "last of many kept");
	}

	UNIT_CHECK(zg_problems_add(NULL, "x", false, "x") == ZG_ERR_ARGUMENT,
	    "add to NULL list is an argument error");
	UNIT_CHECK(zg_problems_add(&p, NULL, false, "x") == ZG_ERR_ARGUMENT,
	    "add with NULL id is an argument error");

	zg_problems_free(&p);
	UNIT_CHECK(p.items == NULL && p.count == 0 && p.capacity == 0,
	    "free leaves an empty list");
	zg_problems_free(&p);
	zg_problems_free(NULL);
	UNIT_CHECK(zg_problems_add(&p, "x-again", false, "again") == ZG_OK &&
	    p.count == 1, "a freed list can be reused");
	zg_problems_free(&p);
}

static void
test_is_record(void)
{
	UNIT_CHECK(zg_spf_is_record("v=spf1", 6), "\"v=spf1\" alone");
	UNIT_CHECK(zg_spf_is_record("v=spf1 -all", 11), "\"v=spf1 -all\"");
	UNIT_CHECK(zg_spf_is_record("V=SpF1 -all", 11), "case-insensitive");
	UNIT_CHECK(zg_spf_is_record("v=spf1xyz", 6), "length is honoured");
	UNIT_CHECK(!zg_spf_is_record("v=spf1\t-all", 11), "tab after version");
	UNIT_CHECK(!zg_spf_is_record("v=spf10 -all", 12), "v=spf10");
	UNIT_CHECK(!zg_spf_is_record("v=spf1foo", 9), "v=spf1foo");
	UNIT_CHECK(!zg_spf_is_record(" v=spf1 -all", 12), "leading space");
	UNIT_CHECK(!zg_spf_is_record("v=spf", 5), "too short");
	UNIT_CHECK(!zg_spf_is_record("", 0), "empty");
	UNIT_CHECK(!zg_spf_is_record(NULL, 0), "NULL");
	UNIT_CHECK(!zg_spf_is_record("v=spf2.0/pra -all", 17), "Sender ID");
	UNIT_CHECK(!zg_spf_is_record("v=DMARC1; p=none", 16), "DMARC");
}

/* The provider's record from REFERENCE.md: valid, ptr advice only. */
static void
test_reference(void)
{
	result_t r = parse("v=spf1 ptr include:spf.webmo.fr ~all");

	UNIT_CHECK(r.status == ZG_OK && r.spf != NULL, "webmo SPF parses");
	UNIT_CHECK(!zg_problems_invalid(&r.problems), "webmo SPF is valid");
	UNIT_CHECK(r.problems.count == 1 && count_id(&r, "spf-ptr") == 1,
	    "webmo SPF: only spf-ptr advice");
	UNIT_CHECK(r.spf != NULL && r.spf->count == 3,
	    "webmo SPF: three terms");
	if (r.spf == NULL || r.spf->count != 3) {
		done(&r);
		return;
	}
	UNIT_CHECK(r.spf->terms[0].kind == ZG_SPF_PTR &&
	    r.spf->terms[0].value == NULL &&
	    r.spf->terms[0].qualifier == '+' &&
	    !r.spf->terms[0].qualifier_given, "term 1 is a bare ptr");
	UNIT_CHECK(r.spf->terms[1].kind == ZG_SPF_INCLUDE,
	    "term 2 is include");
	UNIT_STREQ(r.spf->terms[1].value, "spf.webmo.fr", "include value");
	UNIT_STREQ(r.spf->terms[1].name, "include", "include name");
	UNIT_CHECK(r.spf->terms[2].kind == ZG_SPF_ALL &&
	    r.spf->terms[2].qualifier == '~' &&
	    r.spf->terms[2].qualifier_given, "term 3 is ~all");
	UNIT_CHECK(r.spf->dns_terms == 2, "webmo SPF: 2 DNS terms (got %u)",
	    r.spf->dns_terms);
	done(&r);
}

static void
test_rules(void)
{
	const zg_problem_t *p;
	result_t r;

	/* spf-syntax (RFC 7208 12) */
	check_id("v=spf1 foo -all", "spf-syntax", 1);
	check_id("v=spf1 include: example.com -all", "spf-syntax", 1);
	check_id("v=spf1 -redirect=example.com", "spf-syntax", 1);
	check_id("v=spf1 all:x", "spf-syntax", 1);
	check_id("v=spf1 include", "spf-syntax", 1);
	check_id("v=spf1 exists", "spf-syntax", 1);
	check_id("v=spf1 ip4", "spf-syntax", 1);
	check_id("v=spf1 ip4:300.1.1.1", "spf-syntax", 1);
	check_id("v=spf1 ip4:1.2.3", "spf-syntax", 1);
	check_id("v=spf1 ip4:01.2.3.4", "spf-syntax", 1);
	check_id("v=spf1 ip4:2001:db8::1", "spf-syntax", 1);
	check_id("v=spf1 ip6:192.0.2.1", "spf-syntax", 1);
	check_id("v=spf1 ip6:2001:db8::g", "spf-syntax", 1);
	check_id("v=spf1 ip4:%{i}", "spf-syntax", 1);
	check_id("v=spf1 a:192.0.2.1", "spf-syntax", 1);
	check_id("v=spf1 ip4:192.0.2.1~all", "spf-syntax", 1);
	check_id("v=spf1 a:example.123", "spf-syntax", 1);
	check_id("v=spf1 a:example", "spf-syntax", 1);
	check_id("v=spf1 a:example.-com", "spf-syntax", 1);
	check_id("v=spf1 a:example.com..", "spf-syntax", 1);
	check_id("v=spf1 a:%{z}.example.com", "spf-syntax", 1);
	check_id("v=spf1 a:%{d0}.example.com", "spf-syntax", 1);
	check_id("v=spf1 a:%{d", "spf-syntax", 1);
	check_id("v=spf1 a:%{d2r!}", "spf-syntax", 1);
	check_id("v=spf1 a:%x.example.com", "spf-syntax", 1);
	check_id("v=spf1 foo=bar%", "spf-syntax", 1);
	check_id("v=spf1 1foo=bar", "spf-syntax", 1);
	check_id("v=spf1 =bar", "spf-syntax", 1);
	check_id("v=spf1 a/", "spf-syntax", 1);
	check_id("v=spf1 a:", "spf-syntax", 1);
	check_id("v=spf1 mx:example.com/24x", "spf-syntax", 1);
	check_id("v=spf1 a\t-all", "spf-syntax", 1);
	check_id("v=spf1\t-all", "spf-syntax", 1);
	check_id("v=spf10 -all", "spf-syntax", 1);
	check_id("spf1 -all", "spf-syntax", 1);
	check_id("v=spf1 -all", "spf-syntax", 0);
	check_id("v=spf1", "spf-syntax", 0);
	check_id("v=spf1   a   mx  -all   ", "spf-syntax", 0);
	check_id("V=SPF1 IP4:192.0.2.1 MX:EXAMPLE.COM -ALL", "spf-syntax", 0);
	check_id("v=spf1 a:example.com. ip6:::1 ip6:::ffff:192.0.2.1 -all",
	    "spf-syntax", 0);
	check_id("v=spf1 a:my-host.example.com a:x.123-45 a:x.y--z -all",
	    "spf-syntax", 0);
	check_id("v=spf1 include:include:%{ir}.%{v}.%{d}.spf.example.com "
	    "exists:%{i}.%{L}.%{o2r}.%{d1r.-+,/_=}.example.com "
	    "a:%{d} mx:x%%y%_z%-.example.com ~all", "spf-syntax", 0);
	check_id("v=spf1 -all MS=83859DAEBD1978F9A7A67D3 foo= x.y=%{s}",
	    "spf-syntax", 0);
	check_id("v=spf1 redirect=%{d}._spf.example.com", "spf-syntax", 0);

	/* The message says what and quotes the term. */
	r = parse("v=spf1 ip4:192.0.2.1/33 -all");
	p = find_id(&r, "spf-syntax");
	UNIT_CHECK(p != NULL && p->invalid &&
	    strstr(p->message, "\"ip4:192.0.2.1/33\"") != NULL &&
	    strstr(p->message, "32") != NULL,
	    "syntax message quotes the term and says why: %s",
	    p ? p->message : "(none)");
	UNIT_CHECK(r.spf != NULL && r.spf->count == 1 &&
	    r.spf->terms[0].kind == ZG_SPF_ALL,
	    "the bad term is left out, the others kept");
	done(&r);

	/* spf-modifier-twice (RFC 7208 6) */
	check_id("v=spf1 redirect=a.example redirect=b.example",
	    "spf-modifier-twice", 1);
	check_id("v=spf1 -all exp=a.example exp=b.example",
	    "spf-modifier-twice", 1);
	check_id("v=spf1 redirect=a.example exp=b.example",
	    "spf-modifier-twice", 0);
	check_valid("v=spf1 redirect=a.example REDIRECT=b.example", false, 1);
	check_valid("v=spf1 redirect=a.example", true, 0);

	/* spf-all-pass (RFC 7208 5.1) */
	check_id("v=spf1 +all", "spf-all-pass", 1);
	check_id("v=spf1 all", "spf-all-pass", 1);
	check_id("v=spf1 a ALL", "spf-all-pass", 1);
	check_id("v=spf1 -all", "spf-all-pass", 0);
	check_id("v=spf1 ~all", "spf-all-pass", 0);
	check_id("v=spf1 ?all", "spf-all-pass", 0);
	check_valid("v=spf1 +all", true, 1);

	/* spf-after-all (RFC 7208 5.1, 6.1) */
	check_id("v=spf1 -all a", "spf-after-all", 1);
	check_id("v=spf1 -all MS=abc", "spf-after-all", 1);
	check_id("v=spf1 redirect=example.com -all", "spf-after-all", 1);
	check_id("v=spf1 -all redirect=example.com", "spf-after-all", 1);
	check_id("v=spf1 -all exp=explain.example.com", "spf-after-all", 0);
	check_id("v=spf1 a mx -all", "spf-after-all", 0);
	check_id("v=spf1 redirect=example.com", "spf-after-all", 0);
	check_valid("v=spf1 -all a mx", true, 1);

	/* spf-ptr (RFC 7208 5.5) */
	check_id("v=spf1 ptr -all", "spf-ptr", 1);
	check_id("v=spf1 ?PTR:example.com -all", "spf-ptr", 1);
	check_id("v=spf1 a mx -all", "spf-ptr", 0);
	check_valid("v=spf1 ptr ptr:example.com -all", true, 1);
}

static void
test_terms(void)
{
	result_t r;
	const zg_spf_term_t *t;

	r = parse("v=spf1 include:a.example a mx ptr exists:%{i}.x.example "
	    "ip4:192.0.2.1 ip6:2001:db8::1 -all exp=e.example "
	    "redirect=b.example");
	UNIT_CHECK(r.spf != NULL && r.spf->count == 10,
	    "ten terms parsed");
	UNIT_CHECK(r.spf != NULL && r.spf->dns_terms == 6,
	    "dns_terms counts include a mx ptr exists redirect (got %u)",
	    r.spf ? r.spf->dns_terms : 0);
	done(&r);

	r = parse("v=spf1 -all");
	UNIT_CHECK(r.spf != NULL && r.spf->dns_terms == 0,
	    "no DNS terms in -all");
	done(&r);

	r = parse("v=spf1 a/24 a:x.example//64 MX:x.example/0//0 a//128 "
	    "ip4:10.0.0.0/8 ip6:2001:db8::/32 ip4:192.0.2.1 -all");
	UNIT_CHECK(r.spf != NULL && r.spf->count == 8 &&
	    !zg_problems_invalid(&r.problems), "CIDR record parses");
	if (r.spf != NULL && r.spf->count == 8) {
		t = r.spf->terms;
		UNIT_CHECK(t[0].cidr4 == 24 && t[0].cidr6 == -1 &&
		    t[0].value == NULL, "a/24");
		UNIT_CHECK(t[1].cidr4 == -1 && t[1].cidr6 == 64,
		    "a:x.example//64");
		UNIT_STREQ(t[1].value, "x.example", "a value without CIDR");
		UNIT_CHECK(t[2].kind == ZG_SPF_MX && t[2].cidr4 == 0 &&
		    t[2].cidr6 == 0, "MX:x.example/0//0");
		UNIT_STREQ(t[2].name, "MX", "name kept as written");
		UNIT_CHECK(t[3].cidr4 == -1 && t[3].cidr6 == 128, "a//128");
		UNIT_CHECK(t[4].kind == ZG_SPF_IP4 && t[4].cidr4 == 8 &&
		    t[4].cidr6 == -1, "ip4 /8");
		UNIT_STREQ(t[4].value, "10.0.0.0", "ip4 value");
		UNIT_CHECK(t[5].kind == ZG_SPF_IP6 && t[5].cidr6 == 32 &&
		    t[5].cidr4 == -1, "ip6 /32");
		UNIT_STREQ(t[5].value, "2001:db8::", "ip6 value");
		UNIT_CHECK(t[6].cidr4 == -1, "ip4 without length");
		UNIT_CHECK(t[7].qualifier == '-', "-all qualifier");
	}
	done(&r);

	/* Out-of-range and malformed lengths (RFC 7208 5.6, 12). */
	check_id("v=spf1 ip4:192.0.2.0/32", "spf-syntax", 0);
	check_id("v=spf1 ip4:192.0.2.0/33", "spf-syntax", 1);
	check_id("v=spf1 ip4:192.0.2.0/", "spf-syntax", 1);
	check_id("v=spf1 ip4:192.0.2.0/024", "spf-syntax", 1);
	check_id("v=spf1 ip4:192.0.2.0/2x", "spf-syntax", 1);
	check_id("v=spf1 ip6:2001:db8::/128", "spf-syntax", 0);
	check_id("v=spf1 ip6:2001:db8::/129", "spf-syntax", 1);
	check_id("v=spf1 ip6:2001:db8::/99999999999999999999", "spf-syntax",
	    1);
	check_id("v=spf1 a/33", "spf-syntax", 1);
	check_id("v=spf1 a//129", "spf-syntax", 1);
	check_id("v=spf1 a///64", "spf-syntax", 1);
	check_id("v=spf1 mx:example.com/32//128", "spf-syntax", 0);

	/* Modifiers. */
	r = parse("v=spf1 Redirect=_spf.example.com foo.bar-baz_1=%{d}");
	UNIT_CHECK(r.spf != NULL && r.spf->count == 2 &&
	    r.spf->terms[0].kind == ZG_SPF_REDIRECT &&
	    r.spf->terms[1].kind == ZG_SPF_UNKNOWN_MOD, "modifier kinds");
	if (r.spf != NULL && r.spf->count == 2) {
		UNIT_STREQ(r.spf->terms[0].name, "Redirect", "modifier name");
		UNIT_STREQ(r.spf->terms[0].value, "_spf.example.com",
		    "modifier value");
		UNIT_STREQ(r.spf->terms[1].name, "foo.bar-baz_1",
		    "unknown modifier name");
	}
	done(&r);
}

static void
test_robustness(void)
{
	static const char nul[] = "v=spf1 a\0b -all";
	static const char high[] = "v=spf1 a:\xff\xfe.example.com -all";
	size_t big = 100 * 1024, i;
	const zg_problem_t *p;
	zg_spf_t *out = (zg_spf_t *)&big;
	zg_problems_t problems = { 0 };
	char *text;
	result_t r;

	r = parse_n(nul, sizeof(nul) - 1);
	p = find_id(&r, "spf-syntax");
	UNIT_CHECK(p != NULL && p->invalid &&
	    strstr(p->message, "\\x00") != NULL,
	    "embedded NUL is a syntax error, escaped: %s",
	    p ? p->message : "(none)");
	UNIT_CHECK(r.spf != NULL && r.spf->count == 1, "NUL term skipped");
	done(&r);

	r = parse_n(high, sizeof(high) - 1);
	p = find_id(&r, "spf-syntax");
	UNIT_CHECK(p != NULL && strstr(p->message, "\\xff\\xfe") != NULL &&
	    strchr(p->message, '\xff') == NULL,
	    "0xff bytes escaped in the message: %s",
	    p ? p->message : "(none)");
	done(&r);

	r = parse_n("", 0);
	UNIT_CHECK(r.status == ZG_OK && count_id(&r, "spf-syntax") == 1,
	    "empty text is not an SPF record");
	done(&r);

	UNIT_CHECK(zg_spf_parse(NULL, 0, &out, &problems) == ZG_OK &&
	    out != (zg_spf_t *)&big && problems.count == 1,
	    "NULL text with length 0");
	zg_spf_free(out);
	zg_problems_free(&problems);
	out = (zg_spf_t *)&big;
	UNIT_CHECK(zg_spf_parse(NULL, 5, &out, &problems) == ZG_ERR_ARGUMENT &&
	    out == (zg_spf_t *)&big && problems.count == 0,
	    "NULL text with a length: argument error, out untouched");
	UNIT_CHECK(zg_spf_parse("v=spf1", 6, NULL, &problems) ==
	    ZG_ERR_ARGUMENT, "NULL out: argument error");
	UNIT_CHECK(zg_spf_parse("v=spf1", 6, &out, NULL) == ZG_ERR_ARGUMENT,
	    "NULL problems: argument error");
	zg_spf_free(NULL);

	/* Text that is not NUL-terminated: only `len` bytes count. */
	r = parse_n("v=spf1 -all +all", 11);
	UNIT_CHECK(r.spf != NULL && r.spf->count == 1 &&
	    r.problems.count == 0, "length bounds the text");
	done(&r);

	text = malloc(big);
	if (text == NULL) {
		UNIT_CHECK(0, "malloc");
		return;
	}

	/* 100 KB of valid terms. */
	memcpy(text, "v=spf1", 6);
	for (i = 6; i + 1 < big; i += 2) {
		text[i] = ' ';
		text[i + 1] = 'a';
	}
	r = parse_n(text, i);
	UNIT_CHECK(r.status == ZG_OK && r.spf->count == (i - 6) / 2 &&
	    r.spf->dns_terms == r.spf->count && r.problems.count == 0,
	    "100 KB of valid terms (%zu terms)", r.spf ? r.spf->count : 0);
	done(&r);

	/* 100 KB of bad terms: problems stay few and the count is given. */
	for (i = 6; i + 1 < big; i += 2) {
		text[i + 1] = 'x';
	}
	r = parse_n(text, i);
	UNIT_CHECK(r.status == ZG_OK && r.problems.count <= 20 &&
	    zg_problems_invalid(&r.problems),
	    "100 KB of bad terms: %zu problems", r.problems.count);
	UNIT_CHECK(r.problems.count > 0 && strstr(r.problems.items[
	    r.problems.count - 1].message, "further") != NULL,
	    "the last problem counts the rest");
	done(&r);

	/* One 100 KB term of random-ish bytes: message stays bounded. */
	for (i = 7; i < big; i++) {
		text[i] = (char)(i * 7 + 1);
		if (text[i] == ' ') {
			text[i] = '\x01';
		}
	}
	r = parse_n(text, big);
	p = find_id(&r, "spf-syntax");
	UNIT_CHECK(p != NULL && strlen(p->message) < 200,
	    "100 KB term quoted briefly (%zu bytes)",
	    p ? strlen(p->message) : 0);
	done(&r);

	/* Every byte value after the version: never a crash. */
	for (i = 0; i < 256; i++) {
		char t[] = "v=spf1 a:x.example?X -all";

		t[18] = (char)i;
		r = parse_n(t, sizeof(t) - 1);
		if (r.status != ZG_OK) {
			break;
		}
		done(&r);
	}
	UNIT_CHECK(i == 256, "every byte value inside a term");
	free(text);
}

int
main(void)
{
	test_status();
	test_problems();
	test_is_record();
	test_reference();
	test_rules();
	test_terms();
	test_robustness();
	return unit_summary();
}
