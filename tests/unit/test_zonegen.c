/* test_zonegen.c: unit tests for domains, profiles, plans and writers. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdlib.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "zonegen/zonegen.h"

static void
test_domains(void)
{
	static const struct {
		const char *in;
		const char *out; /* NULL: refused */
	} cases[] = {
		{ "example.com", "example.com" },
		{ "EXAMPLE.Com.", "example.com" },
		{ "café.fr", "xn--caf-dma.fr" },
		{ "Bücher.example", "xn--bcher-kva.example" },
		{ "a-b.example", "a-b.example" },
		{ "xn--caf-dma.fr", "xn--caf-dma.fr" },
		{ "XN--BCHER-KVA.example", "xn--bcher-kva.example" },
		{ "", NULL },
		{ ".", NULL },
		{ "example", NULL },
		{ "a..b.example", NULL },
		{ ".example.com", NULL },
		{ "example.com..", NULL },
		{ "-a.example", NULL },
		{ "a-.example", NULL },
		{ "a b.example", NULL },
		{ "a\nb.example", NULL },
		{ "\"a\".example", NULL },
		{ "a;b.example", NULL },
		{ "a_b.example", NULL },
		{ "a/b.example", NULL },
		{ "192.0.2.1", NULL },
		{ "\xff\xfe.example", NULL },
	};
	char out[ZG_NAME_MAX + 1];
	char label[80];
	char name[300];
	zg_domain_note_t note;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		zg_status_t st;

		st = zg_domain_normalize(cases[i].in, out, &note);
		if (cases[i].out != NULL) {
			UNIT_CHECK(st == ZG_OK && !note.mapped,
			    "domain accepted, not a rewrite: %zu", i);
			UNIT_STREQ(st == ZG_OK ? out : NULL, cases[i].out,
			    "domain normalised: %zu", i);
		} else {
			UNIT_CHECK(st == ZG_ERR_DOMAIN && note.why[0] != '\0',
			    "domain refused with a reason: %zu", i);
		}
	}
	/* 63-octet labels pass, 64 do not; 253 octets pass, 254 do not. */
	memset(label, 'a', 63);
	strcpy(label + 63, ".example");
	UNIT_CHECK(zg_domain_normalize(label, out, &note) == ZG_OK,
	    "63-octet label accepted");
	memset(label, 'a', 64);
	strcpy(label + 64, ".example");
	UNIT_CHECK(zg_domain_normalize(label, out, &note) == ZG_ERR_DOMAIN,
	    "64-octet label refused");
	/* 62 * "abc." = 248, + "exam" = 252, + "p" = 253. */
	name[0] = '\0';
	for (i = 0; i < 62; i++) {
		strcat(name, "abc.");
	}
	strcat(name, "examp");
	UNIT_CHECK(strlen(name) == 253 &&
		zg_domain_normalize(name, out, &note) == ZG_OK,
	    "253-octet name accepted");
	strcat(name, "l");
	UNIT_CHECK(zg_domain_normalize(name, out, &note) == ZG_ERR_DOMAIN,
	    "254-octet name refused");
}

/* The reason a domain is refused, or "(accepted)". */
static const char *
refusal(const char *in, zg_domain_note_t *note)
{
	char out[ZG_NAME_MAX + 1];

	return zg_domain_normalize(in, out, note) == ZG_OK ? "(accepted)"
							   : note->why;
}

static void
test_domain_dots(void)
{
	static const struct {
		const char *in;
		const char *why;
	} cases[] = {
		{ "ex.com..", "has an empty label (two dots in a row)" },
		{ "ex..com", "has an empty label (two dots in a row)" },
		{ ".ex.com", "has an empty label (it starts with a dot)" },
		{ "..", "has an empty label (it starts with a dot)" },
		{ ".", "is the root, not a host name" },
		{ "", "is empty" },
		{ "ex.com.", "(accepted)" },
		{ "bücher..example", "has an empty label (two dots in a row)" },
		{ "bücher.example..", "has an empty label (two dots in a row)" },
		{ ".bücher.example", "has an empty label (it starts with a dot)" },
		/* U+3002 IDEOGRAPHIC FULL STOP is a dot once mapped. */
		{ "ex.com\xe3\x80\x82.", "has an empty label (two dots in a row)" },
	};
	zg_domain_note_t note;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		UNIT_STREQ(refusal(cases[i].in, &note), cases[i].why,
		    "dots: '%s'", cases[i].in);
	}
	UNIT_STREQ(zg_name_check("a..b.", true, false),
	    "has an empty label (two dots in a row)", "name check: a..b.");
	UNIT_STREQ(zg_name_check("host..", true, false),
	    "has an empty label (two dots in a row)", "name check: host..");
	UNIT_STREQ(zg_name_check("imap.", false, false),
	    "must be relative (no trailing dot)", "name check: imap.");
}

static void
test_domain_alabels(void)
{
	static const struct {
		const char *in;
		const char *why; /* NULL: accepted */
	} cases[] = {
		{ "xn--zz.com", "has label xn--zz, which is not valid Punycode "
				"(RFC 3492)" },
		{ "XN--ZZ.com", "has label xn--zz, which is not valid Punycode "
				"(RFC 3492)" },
		{ "a.xn--zz.bücher.example", "has label xn--zz, which is not "
					     "valid Punycode (RFC 3492)" },
		{ "xn--bcher-kva.example", NULL },
		{ "xn--Bcher-KVA.example", NULL },
		/* "cafe" and U+0301 COMBINING ACUTE ACCENT: not NFC, so
		 * IDNA2008 writes it as xn--caf-dma. */
		{ "xn--cafe-yvc.fr", "has label xn--cafe-yvc, which decodes to "
				     "cafe\\u0301, whose A-label is "
				     "xn--caf-dma: not the same (RFC 5891 "
				     "5.4)" },
		/* U+1F4A9: decodes, but IDNA2008 does not allow it. */
		{ "xn--ls8h.la", "has label xn--ls8h, which decodes to "
				 "\\U0001f4a9, not a valid U-label: string "
				 "contains a disallowed character (RFC 5891 "
				 "5.4)" },
	};
	zg_domain_note_t note;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		UNIT_STREQ(refusal(cases[i].in, &note),
		    cases[i].why != NULL ? cases[i].why : "(accepted)",
		    "A-label: '%s'", cases[i].in);
	}
}

static void
test_domain_mapping(void)
{
	static const struct {
		const char *in;
		const char *out;
		const char *from; /* NULL: not a rewrite */
		const char *to;
	} cases[] = {
		{ "EXAMPLE.COM", "example.com", NULL, NULL },
		{ "bücher.example", "xn--bcher-kva.example", NULL, NULL },
		{ "Café.FR.", "xn--caf-dma.fr", NULL, NULL },
		{ "exa\xe2\x80\x8bmple.com", "example.com",
		    "exa\\u200bmple.com", "example.com" },
		{ "\xef\xbd\x85\xef\xbd\x98\xef\xbd\x81\xef\xbd\x8d\xef\xbd\x90"
		  "\xef\xbd\x8c\xef\xbd\x85.com", "example.com",
		    "\\uff45\\uff58\\uff41\\uff4d\\uff50\\uff4c\\uff45.com",
		    "example.com" },
		{ "B\xc3\x9c" "CHER.example", "xn--bcher-kva.example",
		    "B\\u00dcCHER.example", "b\\u00fccher.example" },
		{ "cafe\xcc\x81.fr", "xn--caf-dma.fr", "cafe\\u0301.fr",
		    "caf\\u00e9.fr" },
		{ "ex\xe3\x80\x82" "com", "ex.com", "ex\\u3002com", "ex.com" },
	};
	char out[ZG_NAME_MAX + 1];
	zg_domain_note_t note;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		zg_status_t st = zg_domain_normalize(cases[i].in, out, &note);

		UNIT_CHECK(st == ZG_OK, "mapping: %zu accepted", i);
		if (st != ZG_OK) {
			continue;
		}
		UNIT_STREQ(out, cases[i].out, "mapping: %zu name", i);
		UNIT_CHECK(note.mapped == (cases[i].from != NULL),
		    "mapping: %zu %s", i, cases[i].from ? "rewrite" :
		    "no rewrite");
		if (cases[i].from != NULL && note.mapped) {
			UNIT_STREQ(note.from, cases[i].from, "mapping: %zu "
			    "from", i);
			UNIT_STREQ(note.to, cases[i].to, "mapping: %zu to", i);
		}
	}
}

static void
test_period(void)
{
	static const struct {
		const char *in;
		long long value; /* -1: refused */
	} cases[] = {
		{ "0", 0 },
		{ "3600", 3600 },
		{ "1h", 3600 },
		{ "1H30m", 5400 },
		{ "1w2d3h4m5s", 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5 },
		{ "30m1h", 5400 },
		{ "1h1h", 7200 },
		{ "0h30", 30 },
		{ "24855d3h14m7s", 2147483647 },
		{ "4294967295", 4294967295LL },
		{ "4294967296", 4294967296LL }, /* saturated: 2^32 */
		{ "99999999999999999999w", 4294967296LL },
		{ "1h30", -1 },
		{ "h", -1 },
		{ "1hm", -1 },
		{ "1x", -1 },
		{ "", -1 },
		{ "-1", -1 },
		{ " 1", -1 },
		{ "1 h", -1 },
		{ "1.5h", -1 },
		/* 63 characters, and 64 (BIND reads at most 63). */
		{ "000000000000000000000000000000"
		  "000000000000000000000000000000001", 1 },
		{ "000000000000000000000000000000"
		  "0000000000000000000000000000000001", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t v = 12345;
		const char *why = zg_period_parse(cases[i].in,
		    strlen(cases[i].in), &v);

		if (cases[i].value < 0) {
			UNIT_CHECK(why != NULL && v == 12345,
			    "period '%s' refused", cases[i].in);
		} else {
			UNIT_CHECK(why == NULL &&
				v == (uint64_t)cases[i].value,
			    "period '%s' is %lld", cases[i].in,
			    cases[i].value);
		}
	}
	UNIT_STREQ(zg_period_parse("1x", 2, NULL),
	    "has an unknown unit (the units are w, d, h, m and s)",
	    "period: unknown unit said");
	UNIT_STREQ(zg_period_parse("1hm", 3, NULL),
	    "has a unit without a number before it",
	    "period: unit without a number said");
	UNIT_STREQ(zg_period_parse("1h30", 4, NULL),
	    "has a number without a unit after a unit (write 1h30m, not "
	    "1h30)", "period: bare number after a unit said");
	UNIT_CHECK(zg_period_parse("1h", 1, &(uint64_t){ 0 }) == NULL,
	    "period reads only n bytes");
}

static void
test_name_set(void)
{
	zg_name_set_t *set = zg_name_set_new();
	const zg_name_seen_t *first = NULL;
	zg_name_seen_t seen = { "list.txt", 0 };
	char name[32];
	unsigned long i;
	bool ok = true;

	UNIT_CHECK(set != NULL, "name set made");
	if (set == NULL) {
		return;
	}
	/* 20,000 names: each new once, then each a repeat of its line. */
	for (i = 1; i <= 20000 && ok; i++) {
		snprintf(name, sizeof(name), "d%lu.example", i);
		seen.line = i;
		ok = zg_name_set_add(set, name, &seen, &first) == ZG_OK &&
		    first == NULL;
	}
	UNIT_CHECK(ok, "name set: 20,000 new names");
	for (i = 1; i <= 20000 && ok; i++) {
		snprintf(name, sizeof(name), "d%lu.example", i);
		seen.line = 20000 + i;
		ok = zg_name_set_add(set, name, &seen, &first) == ZG_OK &&
		    first != NULL && first->line == i &&
		    strcmp(first->file, "list.txt") == 0;
	}
	UNIT_CHECK(ok, "name set: each repeat names its first line");
	/* Byte for byte: a prefix, another case, a final dot are others. */
	UNIT_CHECK(zg_name_set_add(set, "d1.exampl", &seen, &first) ==
		ZG_OK && first == NULL, "name set: a prefix is another name");
	UNIT_CHECK(zg_name_set_add(set, "D1.example", &seen, &first) ==
		ZG_OK && first == NULL, "name set: bytes, not case, compared");
	UNIT_CHECK(zg_name_set_add(set, "d1.example.", &seen, &first) ==
		ZG_OK && first == NULL, "name set: a final dot is a byte");
	zg_name_set_free(set);
	zg_name_set_free(NULL);
}

static void
test_quote(void)
{
	char out[64];

	zg_text_quote(out, sizeof(out), "ab\ncd", 5, 60);
	UNIT_STREQ(out, "ab\\x0acd", "quote escapes a newline");
	zg_text_quote(out, sizeof(out), "caf\xc3\xa9", 5, 60);
	UNIT_STREQ(out, "caf\xc3\xa9", "quote keeps valid UTF-8");
	zg_text_quote(out, sizeof(out), "\xc3(\x1b[31m", 7, 60);
	UNIT_STREQ(out, "\\xc3(\\x1b[31m", "quote escapes bad UTF-8, ESC");
	zg_text_quote(out, sizeof(out), "\xc2\x9b", 2, 60);
	UNIT_STREQ(out, "\\xc2\\x9b", "quote escapes a C1 control (CSI)");
	zg_text_quote(out, sizeof(out), "abcdefghij", 10, 4);
	UNIT_STREQ(out, "abcd...", "quote cuts long input");
	zg_text_quote(out, 6, "abcdefghij", 10, 60);
	UNIT_CHECK(strlen(out) < 6, "quote never overflows its buffer");
	zg_text_codepoints(out, sizeof(out), "exa\xe2\x80\x8bmple", 60);
	UNIT_STREQ(out, "exa\\u200bmple", "code points: U+200B shown");
	zg_text_codepoints(out, sizeof(out), "\xf0\x9f\x92\xa9\\ \xff", 60);
	UNIT_STREQ(out, "\\U0001f4a9\\x5c\\x20\\xff",
	    "code points: past the BMP, backslash, space, a bad byte");
	zg_text_codepoints(out, sizeof(out), "abcdefghij", 4);
	UNIT_STREQ(out, "abcd...", "code points: cut after max");
	zg_text_codepoints(out, 8, "\xc3\xa9\xc3\xa9", 60);
	UNIT_STREQ(out, "...", "code points: cut when full");
	zg_text_codepoints(out, 7, "\xc3\xa9", 60);
	UNIT_STREQ(out, "\\u00e9", "code points: exactly full");
}

static const char mini_profile[] =
    "name: mini\n"
    "ttl: 120\n"
    "cnames:\n"
    "  - label: imap\n"
    "    target: imap.provider.example.\n"
    "mx:\n"
    "  - priority: 5\n"
    "    host: mx.provider.example.\n"
    "spf: \"v=spf1 include:spf.provider.example -all\"\n"
    "dmarc: \"v=DMARC1; p=reject\"\n"
    "services:\n"
    "  - protocol: submission\n"
    "    security: tls\n"
    "    host: smtp.provider.example.\n"
    "    port: 465\n"
    "  - protocol: smtp\n"
    "    security: none\n"
    "    host: smtp.provider.example.\n"
    "    port: 25\n";

static void
test_profiles(void)
{
	zg_profile_t *p = NULL;
	zg_profile_t *untouched = (zg_profile_t *)&p;
	char msg[512];
	zg_status_t st;

	st = zg_profile_load_builtin(&p, msg, sizeof(msg));
	UNIT_CHECK(st == ZG_OK && p != NULL, "built-in profile loads");
	if (p != NULL) {
		UNIT_STREQ(p->name, "webmo", "built-in profile is webmo");
		UNIT_CHECK(p->cnames_count == 4 && p->mx_count == 2 &&
			p->mx[0].priority == 10 && p->mx[1].priority == 20,
		    "webmo has 4 CNAMEs and MX 10, 20");
		UNIT_STREQ(p->spf, "v=spf1 ptr include:spf.webmo.fr ~all",
		    "webmo SPF text");
		UNIT_STREQ(p->dmarc, "v=DMARC1; p=none", "webmo DMARC text");
		UNIT_CHECK(p->services_count == 7 &&
			p->services[0].weight == 1,
		    "webmo services, default weight 1");
	}
	zg_profile_free(p);
	zg_profile_free(NULL);

	p = NULL;
	st = zg_profile_load("mini.yaml", mini_profile, strlen(mini_profile),
	    &p, msg, sizeof(msg));
	UNIT_CHECK(st == ZG_OK, "mini profile loads");
	zg_profile_free(p);

	/* Failure leaves the output untouched and names file and line. */
	{
		static const char bad[] = "name: x\nttl: 1\nmx:\n"
					  "  - priority: 1\n"
					  "    host: mx.example\n";
		zg_profile_t *out = untouched;

		st = zg_profile_load("bad.yaml", bad, strlen(bad), &out, msg,
		    sizeof(msg));
		UNIT_CHECK(st == ZG_ERR_PROFILE && out == untouched,
		    "bad profile: error, output untouched");
		UNIT_CHECK(strncmp(msg, "bad.yaml:5: ", 12) == 0,
		    "bad profile: message at file:line (%s)", msg);
	}
	{
		static const char nul[] = "name: x\0ttl: 1\n";

		p = NULL;
		st = zg_profile_load("nul.yaml", nul, sizeof(nul) - 1, &p,
		    msg, sizeof(msg));
		UNIT_CHECK(st == ZG_ERR_PROFILE && p == NULL,
		    "a NUL byte in a profile is refused");
	}
	st = zg_profile_load("fixtures/no-such.yaml", NULL, 0, &p, msg,
	    sizeof(msg));
	UNIT_CHECK(st == ZG_ERR_IO, "missing profile file: ZG_ERR_IO");
}

static void
test_plan(void)
{
	zg_profile_t *p = NULL;
	zg_plan_t plan = { 0 };
	zg_plan_options_t opt = { .srv = true, .ttl_set = true, .ttl = 60 };
	char msg[512];
	char name[300];
	size_t i;

	if (zg_profile_load("mini.yaml", mini_profile, strlen(mini_profile),
		&p, msg, sizeof(msg)) != ZG_OK) {
		UNIT_CHECK(0, "mini profile loads for the plan: %s", msg);
		return;
	}
	UNIT_CHECK(zg_plan_build(&plan, p, "example.com", NULL) == ZG_OK &&
		plan.count == 4,
	    "plan: CNAME, MX, SPF, DMARC (%zu)", plan.count);
	UNIT_STREQ(plan.records[0].owner, "imap.example.com.", "CNAME owner");
	UNIT_STREQ(plan.records[3].owner, "_dmarc.example.com.",
	    "DMARC at _dmarc, never at the apex");
	UNIT_CHECK(plan.records[3].role == ZG_ROLE_DMARC &&
		plan.records[2].role == ZG_ROLE_SPF &&
		strcmp(plan.records[2].owner, "example.com.") == 0,
	    "SPF at the apex");
	UNIT_CHECK(plan.records[1].ttl == 120, "profile TTL used");

	/* The same plan is rebuilt: SRV for submission only, not for 25. */
	UNIT_CHECK(zg_plan_build(&plan, p, "example.org", &opt) == ZG_OK &&
		plan.count == 5,
	    "plan with SRV: 5 records (%zu)", plan.count);
	UNIT_STREQ(plan.records[4].owner, "_submissions._tcp.example.org.",
	    "implicit TLS submission is _submissions._tcp (RFC 8314 5.1)");
	UNIT_CHECK(plan.records[4].port == 465 && plan.records[4].weight == 1,
	    "SRV port and default weight");
	UNIT_STREQ(plan.records[4].target, "smtp.provider.example.",
	    "SRV target is the provider's host");
	for (i = 0; i < plan.count; i++) {
		if (plan.records[i].ttl != 60) {
			break;
		}
	}
	UNIT_CHECK(i == plan.count, "--ttl overrides every record");

	/* A domain that fits alone but not under _submissions._tcp. */
	name[0] = '\0';
	for (i = 0; i < 59; i++) {
		strcat(name, "abc.");
	}
	strcat(name, "example");
	UNIT_CHECK(zg_plan_build(&plan, p, name, &opt) == ZG_ERR_DOMAIN,
	    "owner past 253 octets is refused, not cut");
	zg_plan_free(&plan);
	zg_plan_free(&plan);
	zg_profile_free(p);
}

static char *
capture(void (*fn)(FILE *, const void *), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL) {
		return NULL;
	}
	fn(fp, arg);
	fclose(fp);
	return buf;
}

static void
write_txt(FILE *fp, const void *arg)
{
	zg_txt_write_quoted(fp, arg);
}

static void
test_txt(void)
{
	char long_text[600];
	char *got;
	size_t i;

	got = capture(write_txt, "a\"b\\c\nd");
	UNIT_STREQ(got, "\"a\\\"b\\\\c\\010d\"",
	    "TXT escapes quote, backslash and newline");
	free(got);
	got = capture(write_txt, "");
	UNIT_STREQ(got, "\"\"", "empty TXT is one empty string");
	free(got);

	for (i = 0; i < 511; i++) {
		long_text[i] = (char)('a' + i % 26);
	}
	long_text[511] = '\0';
	got = capture(write_txt, long_text);
	/* 511 octets: 255 + 255 + 1, each quoted, one space between. */
	UNIT_CHECK(got != NULL && strlen(got) == 511 + 6 + 2 &&
		got[256] == '"' && got[257] == ' ' && got[258] == '"' &&
		strncmp(got + 1, long_text, 255) == 0,
	    "TXT over 255 octets is split into 255-octet strings");
	free(got);
}

int
main(void)
{
	test_domains();
	test_domain_dots();
	test_domain_alabels();
	test_domain_mapping();
	test_period();
	test_name_set();
	test_quote();
	test_profiles();
	test_plan();
	test_txt();
	return unit_summary();
}
