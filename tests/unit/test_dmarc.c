/* test_dmarc.c: unit tests for the DMARC parser (RFC 7489, RFC 9989). */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "zonegen/internal.h"
#include "zonegen/zonegen.h"

#define R7489 ZG_DMARC_RFC7489
#define R9989 ZG_DMARC_RFC9989

typedef struct result {
	zg_status_t status;
	zg_dmarc_t *dmarc;
	zg_problems_t problems;
} result_t;

/* Parse `len` bytes from an exactly sized copy (ASan sees overreads). */
static result_t
parse_n(const char *text, size_t len, zg_dmarc_rfc_t rfc)
{
	result_t r = { .status = ZG_OK };
	char *buf = malloc(len > 0 ? len : 1);

	if (buf == NULL) {
		r.status = ZG_ERR_NOMEM;
		return r;
	}
	memcpy(buf, text, len);
	r.status = zg_dmarc_parse(buf, len, rfc, &r.dmarc, &r.problems);
	free(buf);
	return r;
}

static result_t
parse(const char *text, zg_dmarc_rfc_t rfc)
{
	return parse_n(text, strlen(text), rfc);
}

static void
done(result_t *r)
{
	zg_dmarc_free(r->dmarc);
	zg_problems_free(&r->problems);
}

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

/*
 * Check that `id` is reported (want 1: as invalid, want 2: as advice) or
 * not (want 0) for `text` under `rfc`.
 */
static void
check_id(const char *text, zg_dmarc_rfc_t rfc, const char *id, int want)
{
	result_t r = parse(text, rfc);
	const zg_problem_t *p = find_id(&r, id);
	bool ok = r.status == ZG_OK && r.dmarc != NULL;

	if (want == 0) {
		ok = ok && p == NULL;
	} else {
		ok = ok && p != NULL && p->invalid == (want == 1);
	}
	UNIT_CHECK(ok, "RFC %d: %s %s in \"%s\"", (int)rfc, id,
	    want == 0 ? "absent" : want == 1 ? "invalid" : "advice", text);
	done(&r);
}

/* Check that the record has no problem at all under `rfc`. */
static void
check_clean(const char *text, zg_dmarc_rfc_t rfc)
{
	result_t r = parse(text, rfc);

	UNIT_CHECK(r.status == ZG_OK && r.dmarc != NULL &&
	    r.problems.count == 0, "RFC %d: no problem in \"%s\" (%s)",
	    (int)rfc, text,
	    r.problems.count ? r.problems.items[0].message : "none");
	done(&r);
}

static void
test_is_record(void)
{
	UNIT_CHECK(zg_dmarc_is_record("v=DMARC1; p=none", 16), "plain");
	UNIT_CHECK(zg_dmarc_is_record("v=DMARC1", 8), "version alone");
	UNIT_CHECK(zg_dmarc_is_record("V = \tDMARC1;p=none", 18),
	    "upper-case V and spaces around =");
	UNIT_CHECK(zg_dmarc_is_record("v=DMARC1x", 8), "length honoured");
	UNIT_CHECK(!zg_dmarc_is_record("v=dmarc1; p=none", 16),
	    "DMARC1 is case-sensitive");
	UNIT_CHECK(!zg_dmarc_is_record("v=DMARC10; p=none", 17),
	    "another version");
	UNIT_CHECK(!zg_dmarc_is_record(" v=DMARC1; p=none", 17),
	    "leading space");
	UNIT_CHECK(!zg_dmarc_is_record("v=spf1 -all", 11), "SPF");
	UNIT_CHECK(!zg_dmarc_is_record("v=DMARC", 7), "cut short");
	UNIT_CHECK(!zg_dmarc_is_record("", 0), "empty");
	UNIT_CHECK(!zg_dmarc_is_record(NULL, 0), "NULL");
}

/* The provider's record from REFERENCE.md, and the tag accessors. */
static void
test_reference(void)
{
	result_t r;
	int i;

	for (i = 0; i < 2; i++) {
		zg_dmarc_rfc_t rfc = i == 0 ? R7489 : R9989;

		r = parse("v=DMARC1; p=none", rfc);
		UNIT_CHECK(r.status == ZG_OK && r.dmarc != NULL &&
		    r.problems.count == 0, "RFC %d: webmo DMARC is clean",
		    (int)rfc);
		UNIT_CHECK(r.dmarc != NULL && r.dmarc->count == 2,
		    "two tags");
		if (r.dmarc != NULL && r.dmarc->count == 2) {
			UNIT_STREQ(r.dmarc->tags[0].name, "v", "tag 1 name");
			UNIT_STREQ(r.dmarc->tags[0].value, "DMARC1",
			    "tag 1 value");
			UNIT_STREQ(r.dmarc->tags[1].name, "p", "tag 2 name");
		}
		UNIT_STREQ(zg_dmarc_get(r.dmarc, "p"), "none", "get p");
		UNIT_STREQ(zg_dmarc_get(r.dmarc, "P"), "none",
		    "get is case-insensitive");
		UNIT_CHECK(zg_dmarc_get(r.dmarc, "sp") == NULL,
		    "get of an absent tag");
		UNIT_CHECK(zg_dmarc_get(r.dmarc, "") == NULL, "get of \"\"");
		done(&r);
	}
	UNIT_CHECK(zg_dmarc_get(NULL, "p") == NULL, "get on NULL");
	zg_dmarc_free(NULL);
}

static void
test_whitespace(void)
{
	result_t r;

	check_clean("v = DMARC1\t;\tp\t=\treject\t;", R7489);
	check_clean("v=DMARC1;p=ReJect", R7489);
	check_clean("V=DMARC1;p=reject;", R9989);
	check_clean("v=DMARC1; p=none;; ; rua=mailto:a@example.com;", R7489);
	check_clean("v=DMARC1; p=none; rua=mailto:a@example.com , "
	    "mailto:b@example.net!10m,https://r.example/dmarc", R7489);

	r = parse("v=DMARC1 ; p = quarantine ; sp= reject ;", R7489);
	UNIT_STREQ(zg_dmarc_get(r.dmarc, "p"), "quarantine", "p trimmed");
	UNIT_STREQ(zg_dmarc_get(r.dmarc, "sp"), "reject", "sp trimmed");
	UNIT_CHECK(r.dmarc != NULL && r.dmarc->count == 3, "three tags");
	done(&r);
}

static void
test_rules(void)
{
	const zg_problem_t *p;
	result_t r;

	/* dmarc-syntax (RFC 7489 6.4, RFC 6376 3.2) */
	check_id("v=dmarc1; p=none", R9989, "dmarc-syntax", 1);
	check_id("p=none; v=DMARC1", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC2; p=none", R9989, "dmarc-syntax", 1);
	check_id("x=DMARC1; p=none", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1 p=none", R9989, "dmarc-syntax", 1);
	check_id(" v=DMARC1; p=none", R9989, "dmarc-syntax", 1);
	check_id("; v=DMARC1; p=none", R9989, "dmarc-syntax", 1);
	check_id("", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1; p", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1; p=none; 1x=y", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1; p=none; x-y=z", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1; p=none; =z", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1; p=reject; p=none", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1; p=reject; P=reject", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1; p=none; v=DMARC1", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1; p=none; xyz=1; xyz=2", R9989, "dmarc-syntax", 1);
	check_id("v=DMARC1; p=none", R9989, "dmarc-syntax", 0);
	check_id("v=DMARC1; p=none; x_1=y z", R9989, "dmarc-syntax", 0);

	r = parse("v=DMARC1; p=reject; p=none", R9989);
	p = find_id(&r, "dmarc-syntax");
	UNIT_CHECK(p != NULL && strstr(p->message, "\"p=none\"") != NULL,
	    "duplicate message quotes the tag: %s", p ? p->message : "-");
	UNIT_STREQ(zg_dmarc_get(r.dmarc, "p"), "reject",
	    "the first of duplicate tags is kept");
	done(&r);

	/* dmarc-policy-missing: invalid under 7489, advice under 9989. */
	check_id("v=DMARC1; rua=mailto:d@example.com", R7489,
	    "dmarc-policy-missing", 1);
	check_id("v=DMARC1; rua=mailto:d@example.com", R9989,
	    "dmarc-policy-missing", 2);
	check_id("v=DMARC1", R9989, "dmarc-policy-missing", 2);
	check_id("v=DMARC1; p=none", R7489, "dmarc-policy-missing", 0);
	check_id("v=DMARC1; p=none", R9989, "dmarc-policy-missing", 0);
	check_id("v=DMARC1; sp=none; p=reject", R9989,
	    "dmarc-policy-missing", 0);
	check_id("v=DMARC2; x=y", R7489, "dmarc-policy-missing", 0);

	/* dmarc-policy-order: RFC 7489 only. */
	check_id("v=DMARC1; sp=none; p=reject", R7489, "dmarc-policy-order",
	    1);
	check_id("v=DMARC1; sp=none; p=reject", R9989, "dmarc-policy-order",
	    0);
	check_id("v=DMARC1; p=reject; sp=none", R7489, "dmarc-policy-order",
	    0);
	check_id("v=DMARC1;; p=reject", R7489, "dmarc-policy-order", 0);

	/* dmarc-policy-invalid */
	check_id("v=DMARC1; p=foo", R9989, "dmarc-policy-invalid", 1);
	check_id("v=DMARC1; p=", R7489, "dmarc-policy-invalid", 1);
	check_id("v=DMARC1; p=rejected", R7489, "dmarc-policy-invalid", 1);
	check_id("v=DMARC1; p=REJECT", R7489, "dmarc-policy-invalid", 0);
	check_id("v=DMARC1; p=quarantine", R9989, "dmarc-policy-invalid", 0);

	/* dmarc-tag-invalid */
	check_id("v=DMARC1; p=none; sp=all", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; np=all", R9989, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; adkim=x", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; aspf=", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; pct=101", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; pct=-1", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; pct=", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; fo=2", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; fo=0:", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; fo=0;1", R7489, "dmarc-tag-invalid", 0);
	check_id("v=DMARC1; p=none; rua=d@example.com", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; rua=__mailto:d@example.com", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; rua=mailto:example.com", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; rua=mailto:@example.com", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; rua=mailto:d@example.com!", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; rua=mailto:d@example.com!10x", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; rua=mailto:d@example.com,", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; rua=", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; rua=mailto:a b@example.com", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; rua=mailto:d%zz@example.com", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; ruf=mailto", R7489, "dmarc-tag-invalid",
	    1);
	check_id("v=DMARC1; p=none; rf=iodef", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; ri=4294967296", R7489,
	    "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; ri=1h", R7489, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; psd=x", R9989, "dmarc-tag-invalid", 1);
	check_id("v=DMARC1; p=none; t=u", R9989, "dmarc-tag-invalid", 1);
	check_clean("v=DMARC1; p=none; sp=quarantine; adkim=s; aspf=R; "
	    "pct=0; fo=0:1 : d:S; rua=mailto:d%40x@example.com!5K; "
	    "ruf=mailto:f@example.com; rf=afrf; ri=4294967295", R7489);
	check_clean("v=DMARC1; p=none; pct=100; ri=0", R7489);
	check_clean("v=DMARC1; p=reject; np=quarantine; psd=u; t=y; "
	    "sp=none; fo=s", R9989);
	check_clean("v=DMARC1; p=reject; psd=N; t=n", R9989);

	/* dmarc-tag-removed: RFC 9989, values not checked. */
	check_id("v=DMARC1; p=none; pct=150", R9989, "dmarc-tag-removed", 2);
	check_id("v=DMARC1; p=none; rf=whatever", R9989, "dmarc-tag-removed",
	    2);
	check_id("v=DMARC1; p=none; ri=abc", R9989, "dmarc-tag-removed", 2);
	check_id("v=DMARC1; p=none; pct=150", R9989, "dmarc-tag-invalid", 0);
	check_id("v=DMARC1; p=none; pct=50", R7489, "dmarc-tag-removed", 0);

	/* dmarc-tag-unknown */
	check_id("v=DMARC1; p=none; xyz=foo", R7489, "dmarc-tag-unknown", 2);
	check_id("v=DMARC1; p=none; xyz=foo", R9989, "dmarc-tag-unknown", 2);
	check_id("v=DMARC1; p=none; np=reject", R7489, "dmarc-tag-unknown",
	    2);
	check_id("v=DMARC1; p=none; np=bogus", R7489, "dmarc-tag-invalid", 0);
	check_id("v=DMARC1; p=none; psd=y", R7489, "dmarc-tag-unknown", 2);
	check_id("v=DMARC1; p=none; t=y", R7489, "dmarc-tag-unknown", 2);
	check_id("v=DMARC1; p=none; np=reject", R9989, "dmarc-tag-unknown",
	    0);
	check_id("v=DMARC1; p=none; a_very_long_tag_name_indeed=1", R9989,
	    "dmarc-tag-unknown", 2);
	check_id("v=DMARC1; p=none; sp=none", R9989, "dmarc-tag-unknown", 0);

	r = parse("v=DMARC1; p=reject; xyz=foo", R9989);
	UNIT_CHECK(!zg_problems_invalid(&r.problems) &&
	    r.problems.count == 1, "an unknown tag is advice only");
	done(&r);
}

static void
test_robustness(void)
{
	static const char nul[] = "v=DMARC1; p=none; rua=mailto:a\0@x.example";
	static const char high[] = "v=DMARC1; p=\xff\xfe";
	size_t big = 100 * 1024, i;
	zg_dmarc_t *out = (zg_dmarc_t *)&big;
	zg_problems_t problems = { 0 };
	const zg_problem_t *p;
	char *text;
	result_t r;

	r = parse_n(nul, sizeof(nul) - 1, R9989);
	p = find_id(&r, "dmarc-syntax");
	UNIT_CHECK(p != NULL && strstr(p->message, "\\x00") != NULL,
	    "embedded NUL is a syntax error, escaped: %s",
	    p ? p->message : "(none)");
	done(&r);

	r = parse_n(high, sizeof(high) - 1, R7489);
	p = find_id(&r, "dmarc-syntax");
	UNIT_CHECK(p != NULL && strstr(p->message, "\\xff\\xfe") != NULL &&
	    strchr(p->message, '\xff') == NULL,
	    "0xff bytes escaped: %s", p ? p->message : "(none)");
	done(&r);

	UNIT_CHECK(zg_dmarc_parse("v=DMARC1", 8, (zg_dmarc_rfc_t)1234, &out,
	    &problems) == ZG_ERR_ARGUMENT && out == (zg_dmarc_t *)&big,
	    "unknown RFC: argument error, out untouched");
	UNIT_CHECK(zg_dmarc_parse(NULL, 3, R9989, &out, &problems) ==
	    ZG_ERR_ARGUMENT && out == (zg_dmarc_t *)&big,
	    "NULL text with a length: argument error");
	UNIT_CHECK(zg_dmarc_parse(NULL, 0, R9989, &out, &problems) == ZG_OK &&
	    out != (zg_dmarc_t *)&big && zg_problems_invalid(&problems),
	    "NULL text with length 0 is an invalid record");
	zg_dmarc_free(out);
	zg_problems_free(&problems);

	/* Only `len` bytes count. */
	r = parse_n("v=DMARC1; p=none; p=bad", 16, R7489);
	UNIT_CHECK(r.problems.count == 0 && r.dmarc != NULL &&
	    r.dmarc->count == 2, "length bounds the text");
	done(&r);

	text = malloc(big);
	if (text == NULL) {
		UNIT_CHECK(0, "malloc");
		return;
	}

	/* 100 KB value: the message quotes a bounded piece. */
	memcpy(text, "v=DMARC1; p=", 12);
	memset(text + 12, 'q', big - 12);
	r = parse_n(text, big, R7489);
	p = find_id(&r, "dmarc-policy-invalid");
	UNIT_CHECK(p != NULL && strlen(p->message) < 200,
	    "100 KB policy quoted briefly");
	done(&r);

	/*
	 * 100 KB of unknown tags, 4096 names each used several times: few
	 * problems, the rest counted.
	 */
	memcpy(text, "v=DMARC1; p=none", 16);
	for (i = 16; i + 8 <= big; i += 7) {
		snprintf(text + i, 8, ";x%04zx=", (i / 7) & 0xfff);
	}
	r = parse_n(text, i, R9989);
	UNIT_CHECK(r.status == ZG_OK && r.problems.count <= 40 &&
	    r.problems.count > 0 && strstr(r.problems.items[
	    r.problems.count - 1].message, "further") != NULL,
	    "100 KB of tags: %zu problems, the last counts the rest",
	    r.problems.count);
	UNIT_CHECK(zg_problems_invalid(&r.problems),
	    "the duplicates beyond the limit still make it invalid");
	done(&r);

	/* Every byte value in a value: never a crash. */
	for (i = 0; i < 256; i++) {
		char t[] = "v=DMARC1; p=none; rua=mailto:a?@example.com";

		t[30] = (char)i;
		r = parse_n(t, sizeof(t) - 1, R9989);
		if (r.status != ZG_OK) {
			break;
		}
		done(&r);
	}
	UNIT_CHECK(i == 256, "every byte value inside a value");
	free(text);
}

struct hosts_seen {
	size_t n;
	char seen[4][64];
};

static bool
collect_host(const char *tag, const char *uri, size_t len, const char *host,
    void *arg)
{
	struct hosts_seen *h = arg;

	(void)tag;
	(void)uri;
	(void)len;
	if (h->n < 4) {
		snprintf(h->seen[h->n], sizeof(h->seen[0]), "%s", host);
	}
	h->n++;
	return true;
}

/* The host of a rua=/ruf= entry, and the names the report zone holds. */
static void
test_report_hosts(void)
{
	static const struct {
		const char *uri;
		const char *host; /* NULL: no host */
	} cases[] = {
		{ "mailto:a@reports.example", "reports.example" },
		{ "MAILTO:a@Reports.Example.", "Reports.Example" },
		{ "mailto:a@r.example!10m", "r.example" },
		{ "mailto:a@r.example?subject=x", "r.example" },
		{ "mailto:a@r.example\t", "r.example" },
		{ "mailto:a@r.example ", "r.example" },
		{ "mailto:a@.", NULL },
		{ "mailto:a@", NULL },
		{ "mailto:a", NULL },
		{ "https://r.example/", NULL },
	};
	char host[ZG_NAME_MAX + 2];
	size_t i;
	result_t r;
	struct hosts_seen got = { 0, { "" } };

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = zg_dmarc_uri_host(cases[i].uri,
		    strlen(cases[i].uri), host, sizeof(host));

		UNIT_CHECK(ok == (cases[i].host != NULL) &&
		    (!ok || strcmp(host, cases[i].host) == 0),
		    "uri host of '%s': %s", cases[i].uri, ok ? host : "none");
	}
	UNIT_CHECK(!zg_dmarc_uri_host("mailto:a@r.example", 18, host, 9),
	    "a host longer than the buffer is refused, not cut");

	UNIT_CHECK(zg_name_within("a.webmo.fr", "webmo.fr."),
	    "a name below the zone");
	UNIT_CHECK(zg_name_within("WEBMO.FR.", "webmo.fr"),
	    "the zone itself, any case, either dot");
	UNIT_CHECK(!zg_name_within("xwebmo.fr", "webmo.fr."),
	    "a label suffix is not a parent");
	UNIT_CHECK(!zg_name_within("webmo.fr", "a.webmo.fr"),
	    "a parent is not within its child");
	UNIT_CHECK(zg_name_within("example.com", "."), "the root holds all");

	/* Both lists, tab and space around the commas (RFC 7489 6.4). */
	r = parse("v=DMARC1; p=none; rua=mailto:a@one.example\t,\t"
		  "mailto:b@two.example ,https://x.example/; "
		  "ruf=mailto:c@three.example", R9989);
	if (r.dmarc != NULL) {
		zg_dmarc_report_hosts(r.dmarc, collect_host, &got);
	}
	UNIT_CHECK(got.n == 3 && strcmp(got.seen[0], "one.example") == 0 &&
	    strcmp(got.seen[1], "two.example") == 0 &&
	    strcmp(got.seen[2], "three.example") == 0,
	    "report hosts: %zu (%s, %s, %s)", got.n, got.seen[0],
	    got.seen[1], got.seen[2]);
	done(&r);
}

int
main(void)
{
	test_is_record();
	test_reference();
	test_whitespace();
	test_rules();
	test_robustness();
	test_report_hosts();
	return unit_summary();
}
