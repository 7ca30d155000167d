/* test_generate.c: the $GENERATE expander (lint/generate.c), and BIND. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Two parts.
 *
 * Tables: ranges, steps, each modifier and base, nibble mode with widths,
 * escapes and quoting, the modifier state BIND keeps within a template,
 * the quirks, every error of zl_generate_new() and zl_generate_expand(),
 * and the API's edges.  The expected texts were checked against
 * named-compilezone 9.18 where BIND shows them.
 *
 * Oracle: a seeded generator (splitmix64) writes $GENERATE directives of
 * random form: owners with modifiers, escapes, "@", absolute and
 * out-of-zone names; PTR, CNAME, NS, A, AAAA, TXT and MX rdata, quoted or
 * not; every base, widths up to BIND's limits, offsets past them, the
 * modifier parts BIND keeps from one modifier to the next, broken
 * modifiers and ranges.  Each directive the module takes is written into
 * zone A as written and into zone B as the lines the module expands it
 * to, "owner [ttl] [class] type rdata" (a leading "$" escaped so that it
 * is not read as a directive), under the same $ORIGIN; several directives
 * share one zone pair.  `named-compilezone -i none -k ignore -f text -F
 * text -s full` must load both or refuse both, and write byte for byte
 * the same zone.  When a pair disagrees or is refused, each of its
 * directives is tried alone.  A directive the module refuses is written
 * alone into zone A, which BIND must refuse with the matching $GENERATE
 * message ("invalid range", "syntax error", "out of range", "ran out of
 * space"); unless the records before the one refused already make BIND
 * refuse (zone B of those records is refused too).
 *
 * Environment: ZL_GENERATE_COUNT directives (3000), ZL_GENERATE_SEED (a
 * fixed one).  Directives that disagree are kept under $TMPDIR, zone A
 * and zone B each; `test_generate --emit N` prints directive N's pair.
 * named-compilezone missing is a failure, never a skip.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lint/generate.h"
#include "tests/unit/oracle.h"
#include "tests/unit/unit.h"

#define DEFAULT_COUNT 3000u
#define DEFAULT_SEED UINT64_C(0x6e6572617465a5a5)
#define BATCH 8          /* directives per zone pair */
#define RDATA_BUF 70000  /* a generated rdata token, quoted */
#define ZONE_ORIGIN "zone.example."
#define SHOW_MAX 3

/* ---- the tables --------------------------------------------------------- */

/*
 * One directive: want holds "owner|rdata\n" for each record (NULL: not
 * compared), err a part of zl_generate_new()'s message (NULL: it must
 * succeed), bad_at the first record zl_generate_expand() refuses (-1:
 * none) with a part of its message in err, quirk a part of the quirk
 * ("": none; NULL: not compared), count the number of records (0: not
 * compared).
 */
typedef struct xcase {
	const char *range, *owner, *rdata;
	const char *want;
	const char *err;
	int bad_at;
	const char *quirk;
	uint64_t count;
} xcase_t;

#define OK(r, o, d, w) { r, o, d, w, NULL, -1, "", 0 }
#define QUIRK(r, o, d, w, q) { r, o, d, w, NULL, -1, q, 0 }
#define BAD(r, o, d, e) { r, o, d, NULL, e, -1, NULL, 0 }
#define BAD_AT(r, o, d, w, k, e) { r, o, d, w, e, k, NULL, 0 }

static const xcase_t cases[] = {
	/* ranges and steps */
	OK("1-3", "x$", "y", "x1|y\nx2|y\nx3|y\n"),
	OK("0-0", "$", "$", "0|0\n"),
	OK("5-5", "h$", "a", "h5|a\n"),
	OK("0-10/5", "$", "a", "0|a\n5|a\n10|a\n"),
	OK("0-11/5", "$", "a", "0|a\n5|a\n10|a\n"),
	OK("3-4/100", "$", "a", "3|a\n"),
	OK("+1-+2/+1", "$", "a", "1|a\n2|a\n"),
	OK(" 1- 2/ 1", "$", "a", "1|a\n2|a\n"),
	OK("007-008", "$", "a", "7|a\n8|a\n"),
	OK("2147483647-2147483647", "$", "a", "2147483647|a\n"),
	OK("0-2147483647/2147483647", "$", "a", "0|a\n2147483647|a\n"),
	QUIRK("1-2x", "$", "a", "1|a\n2|a\n", "ignores the text after the stop"),
	QUIRK("1-2-3", "$", "a", "1|a\n2|a\n", "after the stop"),
	QUIRK("1-5/2/3", "$", "a", "1|a\n3|a\n5|a\n", "after the step"),
	QUIRK("4294967297-4294967298", "$", "a", "1|a\n2|a\n", "32 bits"),
	QUIRK("0-1/4294967297", "$", "a", "0|a\n1|a\n", "32 bits"),
	BAD("", "$", "a", "is not start-stop"),
	BAD("1", "$", "a", "is not start-stop"),
	BAD("1-", "$", "a", "is not start-stop"),
	BAD("-", "$", "a", "is not start-stop"),
	BAD("a-b", "$", "a", "is not start-stop"),
	BAD("0x1-2", "$", "a", "is not start-stop"),
	BAD("1 -2", "$", "a", "is not start-stop"),
	BAD("1/2", "$", "a", "is not start-stop"),
	BAD("-1-2", "$", "a", "negative"),
	BAD("1--2", "$", "a", "negative"),
	BAD("2147483648-2147483649", "$", "a", "negative"),
	BAD("1-2147483648", "$", "a", "negative"),
	BAD("1-99999999999999999999", "$", "a", "negative"),
	BAD("3-2", "$", "a", "starts after it stops"),
	BAD("1-2/0", "$", "a", "step below 1"),
	BAD("1-2/-1", "$", "a", "step below 1"),
	BAD("1-2/2147483648", "$", "a", "step below 1"),
	BAD("1-2/", "$", "a", "no step"),
	BAD("1-2/x", "$", "a", "no step"),

	/* plain "$", "$$", escapes */
	OK("7-7", "a$b$c", "$$$", "a7b7c|$7\n"),
	OK("7-7", "a$$b", "$$", "a$b|$\n"),
	OK("7-7", "$$$$", "x", "$$|x\n"),
	OK("7-7", "$${0}", "x", "${0}|x\n"),
	OK("7-7", "a\\$b", "\\$", "a\\$b|\\$\n"),
	OK("7-7", "a\\\\$b", "x", "a\\\\7b|x\n"),
	OK("7-7", "\\${1}", "x", "\\${1}|x\n"),
	OK("7-7", "a\\", "x\\", "a\\|x\\\n"),
	OK("7-7", "a\\ b$", "\\(x\\)", "a\\ b7|\\(x\\)\n"),
	OK("7-7", "a\\065$", "x", "a\\0657|x\n"),
	OK("7-7", "@", "@", "@|@\n"),
	OK("7-7", "a@$", "x", "a@7|x\n"),

	/* ${offset}, ${offset,width}, ${offset,width,base} */
	OK("1-2", "${0}", "${3}", "1|4\n2|5\n"),
	OK("1-2", "${-1}", "${-5}", "0|-4\n1|-3\n"),
	OK("1-1", "${+5}", "x", "6|x\n"),
	OK("1-1", "${0,3}", "${0,0}", "001|1\n"),
	OK("1-1", "${-5,4}", "${-5,1}", "-004|-4\n"),
	OK("1-1", "${0,+3}", "x", "001|x\n"),
	OK("10-10", "${0,3,d}", "${0,0,d}", "010|10\n"),
	OK("10-10", "${0,3,o}", "${0,0,o}", "012|12\n"),
	OK("10-10", "${0,3,x}", "${0,3,X}", "00a|00A\n"),
	OK("255-255", "${0,1,x}", "${1,0,X}", "ff|100\n"),
	OK("0-0", "${-1,0,x}", "${-1,0,X}", "ffffffff|FFFFFFFF\n"),
	OK("0-0", "${-1,0,o}", "${-1,12,d}", "37777777777|-00000000001\n"),
	OK("0-0", "${-2147483648}", "${-2147483648,0,x}",
	    "-2147483648|80000000\n"),
	OK("0-0", "${2147483647}", "${2147483647,0,x}",
	    "2147483647|7fffffff\n"),
	OK("1-1", "${2147483646}", "x", "2147483647|x\n"),
	OK("1-1", "${-2147483648}", "x", "-2147483647|x\n"),
	OK("3-3", "a${0,3,x}b${1,2,o}c${2,4,X}d", "x", "a003b04c0005d|x\n"),

	/* nibble mode: max(2k - 1, width) characters */
	OK("1024-1026", "${0,3,n}", "2001:db8::${0,4,x}",
	    "0.0.4|2001:db8::0400\n1.0.4|2001:db8::0401\n"
	    "2.0.4|2001:db8::0402\n"),
	OK("0-0", "${0,0,n}", "${0,1,n}", "0|0\n"),
	OK("0-0", "${0,2,n}", "${0,3,n}", "0.|0.0\n"),
	OK("0-0", "${0,4,n}", "${0,5,N}", "0.0.|0.0.0\n"),
	OK("18-18", "${0,0,n}", "${0,1,n}", "2.1|2.1\n"),
	OK("18-18", "${0,4,n}", "${0,6,n}", "2.1.|2.1.0.\n"),
	OK("171-171", "${0,0,n}", "${0,0,N}", "b.a|B.A\n"),
	OK("10-11", "a${0,0,N}", "x", "aA|x\n" "aB|x\n"),
	OK("0-0", "${-1,0,n}", "${-1,16,N}",
	    "f.f.f.f.f.f.f.f|F.F.F.F.F.F.F.F.\n"),
	OK("0-0", "${-2147483648,0,n}", "x", "0.0.0.0.0.0.0.8|x\n"),
	OK("1-1", "${0,127,n}", "x",
	    "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0"
	    ".0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0"
	    "|x\n"),
	BAD_AT("1-1", "${0,128,n}", "x", "", 0, "more than 127"),
	BAD_AT("1-1", "x", "${0,128,N}", "", 0, "more than 127"),

	/* field width: 127 characters at most */
	BAD_AT("1-1", "${0,128}", "x", "", 0, "more than 127"),
	BAD_AT("1-1", "x", "${0,128,x}", "", 0, "more than 127"),
	BAD_AT("1-1", "${0,-1}", "x", "", 0, "more than 127"),
	BAD_AT("1-1", "${0,4294967295,o}", "x", "", 0, "more than 127"),

	/* the offset may not take the value past 2^31-1 when it is above 0 */
	BAD_AT("2147483646-2147483647", "${1}", "x", "2147483647|x\n", 1,
	    "past 2147483647"),
	BAD_AT("0-1", "${2147483647}", "x", "2147483647|x\n", 1,
	    "past 2147483647"),
	BAD_AT("0-1", "a", "${2147483647,0,n}", "a|f.f.f.f.f.f.f.7\n", 1,
	    "past 2147483647"),
	BAD_AT("5-5", "a${5}-$", "${2147483643}", "", 0, "past 2147483647"),

	/* modifier parts BIND keeps within a template, not across them */
	QUIRK("1-3", "a${5}-$", "1.2.3.$", "a6-6|1.2.3.1\na7-7|1.2.3.2\n"
	    "a8-8|1.2.3.3\n", "offset 5"),
	QUIRK("1-1", "a${0,3}y${5,}", "x", "a001y006|x\n", "\"${5,}\""),
	QUIRK("1-2", "x${0,3,x}y${10,5,q}", "x", "x001y0000b|x\n"
	    "x002y0000c|x\n", "earlier modifier"),
	QUIRK("1-1", "a${0,3,x}y${5,2,x", "x", "a001y06|x\n", "earlier"),
	QUIRK("1-1", "a${0,3,x}y${10,2,x$", "x", "a001y0b|x\n", "earlier"),
	QUIRK("1-1", "a${1}2,x}y${0,3,q}", "x", "a22,x}y001|x\n", "earlier"),
	QUIRK("1-1", "a${0,4,n}${2,}", "x", "a1.0.3.0.|x\n", "earlier"),
	QUIRK("1-1", "a${5,3}}${1,2", "x", "a006}02|x\n", "\"${1,2\""),
	QUIRK("1-1", "a${0,3}${-1}-$", "x", "a0010-0|x\n", "offset -1"),
	BAD("1-1", "a${0,3}-${0,2,x", "x", "bad modifier \"${0,2,x\""),
	BAD("1-1", "a${5}", "${0,}", "bad modifier \"${0,}\" in the $GENERATE "
	    "rdata"),
	QUIRK("1-1", "a${99999999999}", "x", "a1215752192|x\n", "32 bits"),
	QUIRK("1-1", "a${99999999999999999999}", "x", "a0|x\n", "32 bits"),
	QUIRK("1-1", "a${-99999999999999999999}", "x", "a1|x\n", "32 bits"),
	QUIRK("1-1", "a${0,4294967299}", "x", "a001|x\n", "32 bits"),
	OK("1-1", "a${0}4294967299", "x", "a14294967299|x\n"),

	/* blanks inside a modifier: %d and %u skip them, nothing else does */
	OK("1-1", "a", "\"${ 5}\"", "a|6\n"),
	OK("1-1", "a", "\"${5, 3}\"", "a|006\n"),
	OK("1-1", "a", "\"${5,\t3,x}\"", "a|006\n"),
	BAD("1-1", "a", "\"${5 }\"", "bad modifier \"${5 }\""),
	BAD("1-1", "a", "\"${ 1 , 3 }\"", "bad modifier"),
	BAD("1-1", "a", "\"${ 1, 3,x }\"", "bad modifier"),

	/* syntax errors */
	BAD("1-1", "a${", "x", "bad modifier \"${\" in the $GENERATE owner"),
	BAD("1-1", "a${}", "x", "bad modifier"),
	BAD("1-1", "a${x}", "x", "bad modifier"),
	BAD("1-1", "a${-}", "x", "bad modifier"),
	BAD("1-1", "a${+}", "x", "bad modifier"),
	BAD("1-1", "a${5", "x", "bad modifier"),
	BAD("1-1", "a${5x}", "x", "bad modifier"),
	BAD("1-1", "a${5,}", "x", "bad modifier"),
	BAD("1-1", "a${,3}", "x", "bad modifier"),
	BAD("1-1", "a${5,3", "x", "bad modifier"),
	BAD("1-1", "a${5,3x}", "x", "bad modifier"),
	BAD("1-1", "a${5,3,}", "x", "bad modifier"),
	BAD("1-1", "a${5,3,q}", "x", "bad modifier"),
	BAD("1-1", "a${5,3,x", "x", "bad modifier"),
	BAD("1-1", "a${5,3,xx}", "x", "bad modifier"),
	BAD("1-1", "a", "x${1,2,D}", "in the $GENERATE rdata"),
	BAD("1-1", "a", "\"${5;}\"", "bad modifier"),
	BAD("1-1", "a${0}5,x}", "${1,2,q}", "in the $GENERATE rdata"),

	/* quoting: the rdata may be quoted, the owner not */
	OK("1-1", "a", "\"x y $\"", "a|x y 1\n"),
	OK("1-1", "a", "\"10 mx$\"", "a|10 mx1\n"),
	OK("1-1", "a", "\"\"", "a|\n"),
	OK("1-1", "a", "\"\\\"q $\\\" z\"", "a|\"q 1\" z\n"),
	OK("1-1", "a", "\"\\\\\"", "a|\\\\\n"),
	OK("1-1", "a", "\"a\\\\\\\"b\"", "a|a\\\\\"b\n"),
	OK("1-1", "a", "\"a;b ( c ) $\"", "a|a;b ( c ) 1\n"),
	OK("1-1", "a", "\"a\\\nb\"", "a|a\\\nb\n"),
	OK("1-1", "a", "\"\\$$\"", "a|\\$1\n"),
	OK("1-1", "a", "x\\\"y", "a|x\\\"y\n"),
	BAD("1-1", "a", "\"abc", "unbalanced quotes"),
	BAD("1-1", "a", "\"", "unbalanced quotes"),
	BAD("1-1", "a", "\"a\"b", "unbalanced quotes"),
	BAD("1-1", "a", "\"a\nb\"", "unbalanced quotes"),
	BAD("1-1", "a", "\"ab\\\"", "unbalanced quotes"),
	BAD("1-1", "\"a\"", "x", "the owner cannot be quoted"),
	BAD("1-1", "a\"b", "x", "is not one token"),
	BAD("1-1", "a b", "x", "is not one token ('"),
	BAD("1-1", "a\tb", "x", "('\\x09' ends it)"),
	BAD("1-1", "a(b", "x", "is not one token"),
	BAD("1-1", "a)b", "x", "is not one token"),
	BAD("1-1", "a;b", "x", "is not one token"),
	BAD("1-1", "a\nb", "x", "is not one token"),
	BAD("1-1", "a", "x y", "$GENERATE rdata \"x y\" is not one token"),
	BAD("1-1", "a", "x\"y\"", "is not one token"),
	BAD("1-1", "", "x", "empty $GENERATE owner"),
	BAD("1-1", "a", "", "empty $GENERATE rdata"),
};

static void
append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t c = *cap ? *cap * 2 : 256;
		char *p;

		while (c < *len + n + 1) {
			c *= 2;
		}
		if ((p = realloc(*buf, c)) == NULL) {
			abort();
		}
		*buf = p;
		*cap = c;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

static void
table_case(size_t k, const xcase_t *c)
{
	char err[512] = "", name[160];
	zl_generate_t *g;
	zl_generate_text_t o = { 0 }, d = { 0 };
	char *got = NULL;
	size_t len = 0, cap = 0;
	uint64_t i;
	int bad_at = -1;

	snprintf(name, sizeof(name), "generate/table %zu: %s %s %s", k,
	    c->range, c->owner, c->rdata);
	for (i = 0; name[i] != '\0'; i++) {
		/* one line per check, whatever the input */
		if ((unsigned char)name[i] < 0x20) {
			name[i] = '?';
		}
	}
	g = zl_generate_new(c->range, strlen(c->range), c->owner,
	    strlen(c->owner), c->rdata, strlen(c->rdata), err, sizeof(err));
	if (c->err != NULL && c->bad_at < 0) {
		UNIT_CHECK(g == NULL && strstr(err, c->err) != NULL &&
		    strchr(err, '\n') == NULL, "%s: refused (%s)", name, err);
		zl_generate_free(g);
		return;
	}
	if (g == NULL) {
		UNIT_CHECK(0, "%s: taken (%s)", name, err);
		return;
	}
	append(&got, &len, &cap, "", 0);
	for (i = 0; i < zl_generate_count(g) && i < 100; i++) {
		if (!zl_generate_expand(g, i, &o, &d, err, sizeof(err))) {
			bad_at = (int)i;
			break;
		}
		UNIT_CHECK(strlen(o.s) == o.len && strlen(d.s) == d.len,
		    "%s: record %llu NUL-terminated at its length", name,
		    (unsigned long long)i);
		append(&got, &len, &cap, o.s, o.len);
		append(&got, &len, &cap, "|", 1);
		append(&got, &len, &cap, d.s, d.len);
		append(&got, &len, &cap, "\n", 1);
	}
	if (c->want != NULL) {
		UNIT_STREQ(got, c->want, "%s: texts", name);
	}
	if (c->bad_at >= 0) {
		UNIT_CHECK(bad_at == c->bad_at && strstr(err, c->err) != NULL &&
		    o.len == 0 && d.len == 0,
		    "%s: record %d refused (record %d: %s)", name, c->bad_at,
		    bad_at, err);
	} else {
		UNIT_CHECK(bad_at < 0, "%s: every record made (%s)", name,
		    bad_at < 0 ? "" : err);
	}
	if (c->quirk != NULL) {
		const char *q = zl_generate_quirk(g);

		if (c->quirk[0] == '\0') {
			UNIT_CHECK(q == NULL, "%s: no quirk (%s)", name,
			    q ? q : "");
		} else {
			UNIT_CHECK(q != NULL && strstr(q, c->quirk) != NULL,
			    "%s: quirk (%s)", name, q ? q : "none");
		}
	}
	free(got);
	zl_generate_text_free(&o);
	zl_generate_text_free(&d);
	zl_generate_free(g);
}

/* A template of n bytes: n - 1 'a's and a "$" (value 1 to 9 gives n). */
static char *
long_template(size_t n, bool quoted)
{
	char *s = malloc(n + 3);
	size_t i = 0;

	if (s == NULL) {
		abort();
	}
	if (quoted) {
		s[i++] = '"';
	}
	memset(s + i, 'a', n - 1);
	i += n - 1;
	s[i++] = '$';
	if (quoted) {
		s[i++] = '"';
	}
	s[i] = '\0';
	return s;
}

/* The longest owner and rdata BIND makes, and one byte more. */
static void
length_limits(void)
{
	char err[512];
	char *ow = long_template(ZL_GENERATE_OWNER_MAX, false);
	char *rd = long_template(ZL_GENERATE_RDATA_MAX, true);
	zl_generate_text_t o = { 0 }, d = { 0 };
	zl_generate_t *g;
	bool ok;

	g = zl_generate_new("9-10", 4, ow, strlen(ow), rd, strlen(rd), err,
	    sizeof(err));
	UNIT_CHECK(g != NULL, "generate/limits: taken (%s)", g ? "" : err);
	if (g == NULL) {
		free(ow);
		free(rd);
		return;
	}
	ok = zl_generate_expand(g, 0, &o, &d, err, sizeof(err));
	UNIT_CHECK(ok && o.len == ZL_GENERATE_OWNER_MAX &&
	    d.len == ZL_GENERATE_RDATA_MAX,
	    "generate/limits: owner of %u and rdata of %u characters made",
	    ZL_GENERATE_OWNER_MAX, ZL_GENERATE_RDATA_MAX);
	ok = zl_generate_expand(g, 1, &o, &d, err, sizeof(err));
	UNIT_CHECK(!ok && strstr(err, "owner for 10 is longer than 2047") &&
	    o.len == 0 && d.len == 0 && o.s != NULL && o.s[0] == '\0',
	    "generate/limits: owner of 2048 refused (%s)", err);
	zl_generate_free(g);
	g = zl_generate_new("9-10", 4, "$", 1, rd, strlen(rd), err,
	    sizeof(err));
	ok = g != NULL && !zl_generate_expand(g, 1, &o, &d, err, sizeof(err));
	UNIT_CHECK(ok && strstr(err, "rdata for 10 is longer than 65511"),
	    "generate/limits: rdata of 65512 refused (%s)", err);
	zl_generate_free(g);
	free(ow);
	free(rd);

	/* templates past ZL_GENERATE_TEMPLATE_MAX */
	rd = long_template(ZL_GENERATE_TEMPLATE_MAX + 1, false);
	g = zl_generate_new("1-1", 3, "a", 1, rd, strlen(rd), err,
	    sizeof(err));
	UNIT_CHECK(g == NULL && strstr(err, "longer than 1048576 bytes"),
	    "generate/limits: a template over 1 MiB refused (%s)", err);
	free(rd);
	zl_generate_text_free(&o);
	zl_generate_text_free(&d);
}

/* NUL bytes, lengths, i past the end, buffers, NULL arguments. */
static void
api_edges(void)
{
	char err[512];
	zl_generate_text_t o = { 0 }, d = { 0 };
	zl_generate_t *g;
	char *keep;
	size_t cap;
	bool ok;

	g = zl_generate_new("1-2\0", 4, "a", 1, "b", 1, err, sizeof(err));
	UNIT_CHECK(g == NULL && strstr(err, "\"1-2\\x00\" has a NUL byte"),
	    "generate/api: NUL in the range (%s)", err);
	g = zl_generate_new("1-2", 3, "a\0b", 3, "b", 1, err, sizeof(err));
	UNIT_CHECK(g == NULL && strstr(err, "owner \"a\\x00b\" has a NUL"),
	    "generate/api: NUL in the owner (%s)", err);
	g = zl_generate_new("1-2", 3, "a", 1, "\"b\0\"", 4, err, sizeof(err));
	UNIT_CHECK(g == NULL && strstr(err, "NUL"),
	    "generate/api: NUL in the rdata (%s)", err);
	g = zl_generate_new("1-2", 3, "a", 1, NULL, 0, err, sizeof(err));
	UNIT_CHECK(g == NULL && strstr(err, "needs"),
	    "generate/api: NULL rdata (%s)", err);
	g = zl_generate_new("1-2", 3, "a", 1, "b", 1, NULL, 0);
	UNIT_CHECK(g != NULL, "generate/api: no message buffer");
	zl_generate_free(g);
	g = zl_generate_new("1-2x", 1, "a", 1, "b", 1, NULL, 0);
	UNIT_CHECK(g == NULL, "generate/api: refused, no message buffer");
	/* lengths, not NULs, end the tokens */
	g = zl_generate_new("1-29", 3, "a$bc", 2, "\"x$\"yz", 4, err,
	    sizeof(err));
	ok = g != NULL && zl_generate_count(g) == 2 &&
	    zl_generate_expand(g, 1, &o, &d, err, sizeof(err)) &&
	    strcmp(o.s, "a2") == 0 && strcmp(d.s, "x2") == 0;
	UNIT_CHECK(ok, "generate/api: token lengths respected");
	ok = g != NULL && !zl_generate_expand(g, 2, &o, &d, err, sizeof(err)) &&
	    strstr(err, "no record 2") != NULL;
	UNIT_CHECK(ok, "generate/api: record past the end refused (%s)", err);
	ok = g != NULL && !zl_generate_expand(g, 2, &o, &d, NULL, 0);
	UNIT_CHECK(ok, "generate/api: refused, no message buffer");
	zl_generate_free(g);
	zl_generate_free(NULL);

	g = zl_generate_new("0-2147483647", 12, "$", 1, "x", 1, err,
	    sizeof(err));
	ok = g != NULL && zl_generate_count(g) == UINT64_C(2147483648) &&
	    zl_generate_value(g, 0) == 0 &&
	    zl_generate_value(g, 2147483647) == 2147483647u &&
	    zl_generate_expand(g, 2147483647, &o, &d, err, sizeof(err)) &&
	    strcmp(o.s, "2147483647") == 0;
	UNIT_CHECK(ok, "generate/api: 2^31 records, the last one made");
	zl_generate_free(g);
	g = zl_generate_new("10-100/7", 8, "$", 1, "x", 1, err, sizeof(err));
	ok = g != NULL && zl_generate_count(g) == 13 &&
	    zl_generate_value(g, 12) == 94;
	UNIT_CHECK(ok, "generate/api: count and value with a step");

	/* a buffer large enough is reused, not reallocated */
	ok = g != NULL && zl_generate_expand(g, 0, &o, &d, err, sizeof(err));
	keep = o.s;
	cap = o.cap;
	ok = ok && zl_generate_expand(g, 12, &o, &d, err, sizeof(err)) &&
	    o.s == keep && o.cap == cap && strcmp(o.s, "94") == 0;
	UNIT_CHECK(ok, "generate/api: buffers reused");
	zl_generate_free(g);
	zl_generate_text_free(&o);
	zl_generate_text_free(&d);
	UNIT_CHECK(o.s == NULL && o.len == 0 && o.cap == 0,
	    "generate/api: zl_generate_text_free zeroes");

	/* messages: one line, input quoted and cut, controls as \xHH */
	g = zl_generate_new("1-1", 3,
	    "a${01234567890123456789012345678901234567890123456789012345"
	    "678901234567890123456789x}\x01", 89, "x", 1, err, sizeof(err));
	UNIT_CHECK(g == NULL && strstr(err, "...\"") != NULL &&
	    strlen(err) < 300 && strchr(err, '\n') == NULL,
	    "generate/api: long input cut in the message (%s)", err);
	g = zl_generate_new("\x7f\x80-1", 4, "a", 1, "x", 1, err, sizeof(err));
	UNIT_CHECK(g == NULL && strstr(err, "\"\\x7F\\x80-1\"") != NULL,
	    "generate/api: non-printable bytes quoted (%s)", err);
	g = zl_generate_new("1-1", 3, "a", 1, "x", 1, err, 8);
	UNIT_CHECK(g != NULL && err[0] == '\0',
	    "generate/api: message cleared on success");
	zl_generate_free(g);
	g = zl_generate_new("1-", 2, "a", 1, "x", 1, err, 8);
	UNIT_CHECK(g == NULL && strlen(err) == 7,
	    "generate/api: message cut to its buffer");
}

/* Work linear in the output: a template of 1 MiB of "$x" expands fast. */
static void
big_template(void)
{
	size_t n = ZL_GENERATE_TEMPLATE_MAX, i;
	char *s = malloc(n), err[512];
	zl_generate_text_t o = { 0 }, d = { 0 };
	zl_generate_t *g;
	bool ok;

	if (s == NULL) {
		abort();
	}
	for (i = 0; i < n; i += 2) {
		memcpy(s + i, "$ ", 2);
	}
	s[0] = '"';
	s[n - 1] = '"';
	g = zl_generate_new("1-1", 3, "a", 1, s, n, err, sizeof(err));
	ok = g != NULL && !zl_generate_expand(g, 0, &o, &d, err, sizeof(err)) &&
	    strstr(err, "longer than 65511") != NULL;
	UNIT_CHECK(ok, "generate/big: 1 MiB of \"$\" taken, too long at "
		       "expansion (%s)", err);
	zl_generate_free(g);
	free(s);
	zl_generate_text_free(&o);
	zl_generate_text_free(&d);
}

/* ---- the oracle: named-compilezone ------------------------------------- */


static int
rng_between(rng_t *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (unsigned)(hi - lo + 1));
}

/* What the module says of a directive, and what BIND must say. */
enum expect {
	E_GOOD,         /* every record made */
	E_RANGE,        /* "invalid range" */
	E_SYNTAX,       /* "syntax error" */
	E_OUT_OF_RANGE, /* "out of range" */
	E_NOSPACE,      /* "ran out of space" */
	E_OTHER         /* refused by the module for another reason */
};

static const char *const expect_bind[] = {
	[E_GOOD] = "", [E_RANGE] = "invalid range",
	[E_SYNTAX] = "syntax error", [E_OUT_OF_RANGE] = "out of range",
	[E_NOSPACE] = "ran out of space", [E_OTHER] = "?",
};

typedef struct directive {
	unsigned index;
	char origin[64];
	char range[64];
	char owner[512];
	char ttlclass[32];
	const char *type;
	char *rdata; /* RDATA_BUF bytes */
	/* the module's verdict */
	enum expect expect;
	uint64_t made; /* records made before the first refused, or all */
	char err[512];
} directive_t;

/* A growing text. */
typedef struct tb {
	char *s;
	size_t len, cap;
} tb_t;

__attribute__((format(printf, 2, 3))) static void
tb_printf(tb_t *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL,
		    b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			abort();
		}
		if (b->s != NULL && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		b->cap = (b->cap + (size_t)n + 1) * 2;
		if ((b->s = realloc(b->s, b->cap)) == NULL) {
			abort();
		}
	}
}

/* Append to a fixed buffer; the generator keeps well inside it. */
__attribute__((format(printf, 3, 4))) static void
cat(char *buf, size_t size, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + n, size - n, fmt, ap);
	va_end(ap);
}

static int
pick_offset(rng_t *r)
{
	unsigned c = rng_below(r, 100);

	if (c < 70) {
		return rng_between(r, -3, 20);
	}
	if (c < 92) {
		return rng_between(r, -300, 300);
	}
	if (c < 96) {
		return INT32_MAX - rng_between(r, 0, 3);
	}
	return INT32_MIN + rng_between(r, 0, 3);
}

/*
 * One "$" form into buf: plain, ${o}, ${o,w}, ${o,w,b}, the partial and
 * continued forms BIND completes from earlier modifiers, blanks (only in a
 * quoted rdata), broken forms (rarely).  small: values stay small and
 * decimal (A records); label: the text is meant to stay inside a label.
 */
static void
modifier(rng_t *r, char *buf, size_t size, bool quoted, bool small,
    bool label)
{
	static const char bases[] = "doxXnN";
	unsigned c = rng_below(r, 1000);
	int off = small ? rng_between(r, 0, 20) : pick_offset(r);
	unsigned w = label ? rng_below(r, 6) : rng_below(r, 10);
	char b = bases[rng_below(r, 6)];

	if (!small && !label && rng_below(r, 15) == 0) {
		w = 120 + rng_below(r, 12); /* around BIND's 127 */
	}
	if ((b == 'n' || b == 'N') && label && w % 2 == 0) {
		w++; /* an even width ends in "." */
	}
	if (small) {
		switch (c % 4) {
		case 0:
			cat(buf, size, "$");
			break;
		case 1:
			cat(buf, size, "${%d}", off);
			break;
		case 2:
			cat(buf, size, "${%d,0}", off);
			break;
		default:
			cat(buf, size, "${%d,%u,d}", off, rng_below(r, 2));
			break;
		}
		return;
	}
	if (c < 200) {
		cat(buf, size, "$");
	} else if (c < 350) {
		cat(buf, size, "${%d}", off);
	} else if (c < 500) {
		cat(buf, size, "${%d,%u}", off, w);
	} else if (c < 850) {
		cat(buf, size, "${%d,%u,%c}", off, w, b);
	} else if (c < 880) {
		/* completed from the earlier modifier's parts, if any */
		switch (rng_below(r, 3)) {
		case 0:
			cat(buf, size, "${%d,}", off);
			break;
		case 1:
			cat(buf, size, "${%d,%u,q}", off, w);
			break;
		default:
			cat(buf, size, "${%d,%u}", off, w);
			break;
		}
	} else if (c < 900) {
		/* sscanf goes on past the first "}" */
		cat(buf, size, "${%d}%u,%c}", off, w, b);
	} else if (c < 920) {
		cat(buf, size, quoted ? "${ %d,\t%u,%c}" : "${%+d,+%u,%c}",
		    off, w, b);
	} else if (c < 935) {
		cat(buf, size, "${%lld}",
		    (long long)off + (rng_below(r, 2) ? 1 : -1) * 4294967296LL);
	} else if (c < 945) {
		cat(buf, size, "$$");
	} else if (c < 955) {
		cat(buf, size, "\\$");
	} else {
		/* broken */
		static const char *const broken[] = { "${", "${}", "${x}",
			"${5", "${5,3", "${5,3,}", "${5,3,xx}", "${5x}", "${,1}",
			"${-}", "${1,2,3,4}" };

		cat(buf, size, "%s", broken[rng_below(r, 11)]);
	}
}

/* A label with one or two modifiers, inside the zone's names. */
static void
label_template(rng_t *r, directive_t *d, char *buf, size_t size)
{
	cat(buf, size, "g%u-", d->index);
	modifier(r, buf, size, false, false, true);
	if (rng_below(r, 3) == 0) {
		cat(buf, size, "%s", rng_below(r, 2) ? "-" : ".");
		modifier(r, buf, size, false, false, true);
	}
}

static void
gen_range(rng_t *r, directive_t *d, bool small)
{
	unsigned c = rng_below(r, 100);
	long long start, count = 1 + rng_below(r, 6), step;

	step = rng_below(r, 3) == 0 ? 1 + rng_below(r, 5) : 1;
	if (small) {
		start = rng_below(r, 200);
	} else if (c < 60) {
		start = rng_below(r, 300);
	} else if (c < 80) {
		start = rng_below(r, 100000);
	} else {
		start = 2147483647LL - rng_below(r, 40);
	}
	if (start + (count - 1) * step > 2147483647LL) {
		count = (2147483647LL - start) / step + 1;
	}
	if (rng_below(r, 3) == 0 || step != 1) {
		snprintf(d->range, sizeof(d->range), "%lld-%lld/%lld", start,
		    start + (count - 1) * step + rng_below(r, (unsigned)step),
		    step);
	} else {
		snprintf(d->range, sizeof(d->range), "%lld-%lld", start,
		    start + count - 1);
	}
	if (rng_below(r, 25) == 0) {
		long long a = start, b = start + count - 1;
		char *o = d->range;
		size_t n = sizeof(d->range);

		if (rng_below(r, 3) == 0) {
			long long t = a; /* start after stop */

			a = b + 1;
			b = t;
		}
		if (rng_below(r, 4) == 0) {
			a += 4294967296LL; /* past 32 bits */
			b += 4294967296LL;
		}
		switch (rng_below(r, 10)) {
		case 0:
			snprintf(o, n, "%lld-%lld", a, b);
			break;
		case 1:
			snprintf(o, n, "%lld-%lldx", a, b);
			break;
		case 2:
			snprintf(o, n, "+%lld-+%lld", a, b);
			break;
		case 3:
			snprintf(o, n, "%lld-%lld/0", a, b);
			break;
		case 4:
			snprintf(o, n, "%lld-%lld/", a, b);
			break;
		case 5:
			snprintf(o, n, "-%lld-%lld", a, b);
			break;
		case 6:
			snprintf(o, n, "%lld-%lld/-2", a, b);
			break;
		case 7:
			snprintf(o, n, "%lld", a);
			break;
		case 8:
			snprintf(o, n, "%lld-%lld-9", a, b);
			break;
		default:
			snprintf(o, n, "%lld-%lld/1/2", a, b);
			break;
		}
	}
}

/* A target name for PTR, CNAME and NS. */
static void
name_rdata(rng_t *r, directive_t *d, char *buf, size_t size)
{
	switch (rng_below(r, 8)) {
	case 0:
		cat(buf, size, "@");
		return;
	case 1:
		cat(buf, size, "host");
		modifier(r, buf, size, false, false, true);
		cat(buf, size, ".example.net.");
		return;
	case 2:
		modifier(r, buf, size, false, false, true);
		cat(buf, size, ".t%u.%s", d->index, ZONE_ORIGIN);
		return;
	case 3:
		cat(buf, size, "${0,%u,%c}.ip6.example.", 1 + 2 * rng_below(r, 8),
		    rng_below(r, 2) ? 'n' : 'N');
		return;
	case 4:
		cat(buf, size, "a\\$b");
		modifier(r, buf, size, false, false, true);
		return;
	default:
		cat(buf, size, "t%u-", d->index);
		modifier(r, buf, size, false, false, true);
		if (rng_below(r, 2)) {
			cat(buf, size, ".");
			modifier(r, buf, size, false, false, true);
		}
		return;
	}
}

/* A TXT rdata token, quoted or not. */
static void
txt_rdata(rng_t *r, directive_t *d, char *buf, size_t size)
{
	unsigned words = 1 + rng_below(r, 3), i;
	bool quoted = rng_below(r, 4) != 0;

	if (!quoted) {
		cat(buf, size, "v=");
		modifier(r, buf, size, false, false, false);
		return;
	}
	cat(buf, size, "\"");
	for (i = 0; i < words; i++) {
		switch (rng_below(r, 10)) {
		case 0:
			cat(buf, size, "\\\"in quotes ");
			modifier(r, buf, size, true, false, false);
			cat(buf, size, "\\\"");
			break;
		case 1:
			cat(buf, size, "w%u;comment $", d->index);
			break;
		case 2:
			cat(buf, size, "\\$$$");
			modifier(r, buf, size, true, false, false);
			break;
		case 3:
			cat(buf, size, "(");
			modifier(r, buf, size, true, false, false);
			cat(buf, size, ")");
			break;
		default:
			cat(buf, size, "w");
			modifier(r, buf, size, true, false, false);
			break;
		}
		cat(buf, size, i + 1 < words ? " " : "");
	}
	cat(buf, size, "\"");
}

/*
 * A long TXT rdata (rarely), quoted: `want` characters inside the quotes
 * once the final "$" is one digit (values 0 to 9), around BIND's limit of
 * 65511.  Written mostly as \097 escapes, so that the record stays far
 * below 64 KiB of wire data and only the text is long: words of 200
 * escapes, then plain letters up to the length.
 */
static void
long_txt(directive_t *d, size_t want, unsigned stop)
{
	char *p = d->rdata;
	size_t n = 0, word = 0;

	snprintf(d->range, sizeof(d->range), "0-%u", stop);
	p[n++] = '"';
	while (n - 1 + 4 + 2 <= want) {
		if (word == 200) {
			p[n++] = ' ';
			word = 0;
			continue;
		}
		memcpy(p + n, "\\097", 4);
		n += 4;
		word++;
	}
	while (n - 1 < want - 1) {
		p[n++] = 'b';
	}
	p[n++] = '$';
	p[n++] = '"';
	p[n] = '\0';
}

/*
 * Directives tried on every run, before the random ones: the ARM's
 * examples, each quirk, quoting, "$" first in an owner, an owner made
 * absolute by nibble mode's trailing ".", the longest rdata BIND makes
 * and one byte more ("LONG" and the length), and one of each refusal.
 * (Not here: an out-of-zone owner with rdata its type cannot read.  BIND
 * skips such a generated record before reading its rdata, but refuses
 * the same record written out: zone B cannot stand for zone A.)
 */
#define FIXED_BASE 900000000u
#define Z ZONE_ORIGIN
static const struct fixed {
	const char *origin, *range, *owner, *ttlclass, *type, *rdata;
} fixed[] = {
	{ "0.0.192.in-addr." Z, "1-2", "@", "", "NS", "SERVER$.EXAMPLE." },
	{ "0.0.192.in-addr." Z, "1-127", "$", "", "CNAME", "$.0" },
	{ Z, "1-127", "HOST-$", "", "A", "1.2.3.$" },
	{ Z, "1-127", "HOST-$", "", "MX", "\"0 .\"" },
	{ Z, "0-2", "HOST-${0,4,d}", "", "A", "1.2.3.${1,0,d}" },
	{ Z, "1024-1026", "${0,3,n}", "", "AAAA", "2001:db8::${0,4,x}" },
	{ Z, "1-3", "q6-${5}-$", "600", "A", "1.2.3.$" },
	{ Z, "1-2", "q7x${0,3,x}y${10,5,q}", "", "TXT", "x" },
	{ Z, "1-5x", "q8-$", "IN", "TXT", "x" },
	{ Z, "4294967297-4294967298", "q9-$", "", "TXT", "x" },
	{ Z, "1-1", "q10a${1}2,x}y${0,3,q}", "", "TXT", "x" },
	{ Z, "1-1", "q11a${5,3}}${1,2", "", "TXT", "${0,3}-${1,}" },
	{ Z, "1-2", "q12-$", "", "TXT", "\"\\\"a b $\\\" c;d $\"" },
	{ Z, "1-2", "q13-$", "", "TXT", "\"(a $) b ${ 1,\t3}\"" },
	{ Z, "1-2", "$$q14$", "", "TXT", "\\$$" },
	{ Z, "0-1", "q15.${0,2,n}", "", "TXT", "x" },
	{ Z, "1-2", "q16\\$", "", "PTR", "a\\$b${0,3,N}" },
	{ Z, "1-2", "q17-$", "", "TXT", "LONG65511" },
	{ Z, "1-2", "q18-$", "", "TXT", "LONG65512" },
	{ Z, "1-1", "q19-${0,128}", "", "TXT", "x" },
	{ Z, "1-1", "q20-${2147483647}", "", "TXT", "x" },
	{ Z, "1-1", "q21-${5,3,q}", "", "TXT", "x" },
	{ Z, "3-2", "q22-$", "", "TXT", "x" },
	{ Z, "1-1", "q23", "", "TXT", "\"${0,127,n} ${0,128,N}\"" },
};
#undef Z
#define NFIXED (sizeof(fixed) / sizeof(fixed[0]))

static void
fixed_build(directive_t *d, unsigned index)
{
	const struct fixed *f = &fixed[index - FIXED_BASE];

	d->index = index;
	snprintf(d->origin, sizeof(d->origin), "%s", f->origin);
	snprintf(d->range, sizeof(d->range), "%s", f->range);
	snprintf(d->owner, sizeof(d->owner), "%s", f->owner);
	snprintf(d->ttlclass, sizeof(d->ttlclass), "%s", f->ttlclass);
	d->type = f->type;
	if (strncmp(f->rdata, "LONG", 4) == 0) {
		long_txt(d, strtoul(f->rdata + 4, NULL, 10), 3);
		snprintf(d->range, sizeof(d->range), "%s", f->range);
	} else {
		snprintf(d->rdata, RDATA_BUF, "%s", f->rdata);
	}
}

static void
directive_build(directive_t *d, unsigned index, uint64_t seed)
{
	static const char *const origins[] = { ZONE_ORIGIN,
		"sub." ZONE_ORIGIN, "2.0.192.in-addr." ZONE_ORIGIN,
		"8.b.d.0.1.0.0.2.ip6." ZONE_ORIGIN };
	static const char *const ttlclass[] = { "", "", "600", "IN",
		"600 IN", "IN 600", "1h" };
	static const char *const types[] = { "PTR", "CNAME", "NS", "A",
		"AAAA", "TXT", "MX" };
	rng_t r = { seed ^ (UINT64_C(0x9e3779b97f4a7c15) * (index + 1)) };
	char *rd = d->rdata;
	bool small;

	if (index >= FIXED_BASE && index - FIXED_BASE < NFIXED) {
		fixed_build(d, index);
		return;
	}
	d->index = index;
	d->origin[0] = d->range[0] = d->owner[0] = rd[0] = '\0';
	snprintf(d->origin, sizeof(d->origin), "%s",
	    origins[rng_below(&r, 4)]);
	snprintf(d->ttlclass, sizeof(d->ttlclass), "%s",
	    ttlclass[rng_below(&r, 7)]);
	d->type = types[rng_below(&r, 7)];
	small = strcmp(d->type, "A") == 0 || strcmp(d->type, "AAAA") == 0;
	gen_range(&r, d, small);

	/* the owner */
	switch (rng_below(&r, 20)) {
	case 0:
		if (strcmp(d->type, "CNAME") != 0) {
			cat(d->owner, sizeof(d->owner), "@");
			break;
		}
		/* FALLTHROUGH */
	case 1:
		label_template(&r, d, d->owner, sizeof(d->owner));
		cat(d->owner, sizeof(d->owner), ".%s", ZONE_ORIGIN);
		break;
	case 2:
		label_template(&r, d, d->owner, sizeof(d->owner));
		cat(d->owner, sizeof(d->owner), ".example.net.");
		break;
	case 3:
		cat(d->owner, sizeof(d->owner), "$$g%u\\$", d->index);
		modifier(&r, d->owner, sizeof(d->owner), false, false, true);
		break;
	case 4:
		cat(d->owner, sizeof(d->owner), "${0,%u,n}.g%u",
		    1 + 2 * rng_below(&r, 8), d->index);
		break;
	default:
		label_template(&r, d, d->owner, sizeof(d->owner));
		break;
	}

	/* the rdata */
	if (strcmp(d->type, "A") == 0) {
		cat(rd, RDATA_BUF, "192.0.%u.", rng_below(&r, 3));
		modifier(&r, rd, RDATA_BUF, false, true, false);
	} else if (strcmp(d->type, "AAAA") == 0) {
		cat(rd, RDATA_BUF, "2001:db8::");
		if (rng_below(&r, 2)) {
			cat(rd, RDATA_BUF, "${%d,%u,%c}:", rng_between(&r, 0, 9),
			    rng_below(&r, 5), rng_below(&r, 2) ? 'x' : 'X');
		}
		modifier(&r, rd, RDATA_BUF, false, true, false);
	} else if (strcmp(d->type, "TXT") == 0) {
		if (rng_below(&r, 150) == 0) {
			long_txt(d, ZL_GENERATE_RDATA_MAX - 1 + rng_below(&r, 3),
			    rng_below(&r, 10));
		} else {
			txt_rdata(&r, d, rd, RDATA_BUF);
		}
	} else if (strcmp(d->type, "MX") == 0) {
		cat(rd, RDATA_BUF, "\"%u mx", rng_below(&r, 100));
		modifier(&r, rd, RDATA_BUF, true, false, true);
		cat(rd, RDATA_BUF, "%s\"", rng_below(&r, 2) ? ".example.net."
							    : "");
	} else {
		name_rdata(&r, d, rd, RDATA_BUF);
	}
}

/* The module's verdict on d: expect, made, err. */
static void
directive_judge(directive_t *d, zl_generate_text_t *o, zl_generate_text_t *t)
{
	zl_generate_t *g;
	uint64_t i, n;

	d->made = 0;
	d->err[0] = '\0';
	g = zl_generate_new(d->range, strlen(d->range), d->owner,
	    strlen(d->owner), d->rdata, strlen(d->rdata), d->err,
	    sizeof(d->err));
	if (g == NULL) {
		d->expect = strstr(d->err, "$GENERATE range") ? E_RANGE
		    : strstr(d->err, "bad modifier")       ? E_SYNTAX
							   : E_OTHER;
		return;
	}
	d->expect = E_GOOD;
	n = zl_generate_count(g);
	for (i = 0; i < n; i++) {
		if (!zl_generate_expand(g, i, o, t, d->err, sizeof(d->err))) {
			d->expect = strstr(d->err, "past 2147483647")
			    ? E_OUT_OF_RANGE
			    : strstr(d->err, "longer than") ||
				    strstr(d->err, "more than")
			    ? E_NOSPACE
			    : E_OTHER;
			break;
		}
		d->made++;
	}
	zl_generate_free(g);
}

static void
zone_header(tb_t *b)
{
	tb_printf(b, "$TTL 300\n$ORIGIN %s\n@ IN SOA ns.example. "
		     "hostmaster.example. 1 3600 900 604800 300\n"
		     "@ IN NS ns.example.\n", ZONE_ORIGIN);
}

/* Zone A's lines for d: the directive as written. */
static void
write_directive(tb_t *b, const directive_t *d)
{
	tb_printf(b, "$ORIGIN %s\n$GENERATE %s %s %s%s%s %s\n", d->origin,
	    d->range, d->owner, d->ttlclass, d->ttlclass[0] ? " " : "",
	    d->type, d->rdata);
}

/* Zone B's lines for d: the first `limit` records the module makes. */
static void
write_records(tb_t *b, const directive_t *d, uint64_t limit,
    zl_generate_text_t *o, zl_generate_text_t *t)
{
	char err[512];
	zl_generate_t *g;
	uint64_t i;

	tb_printf(b, "$ORIGIN %s\n", d->origin);
	g = zl_generate_new(d->range, strlen(d->range), d->owner,
	    strlen(d->owner), d->rdata, strlen(d->rdata), err, sizeof(err));
	if (g == NULL) {
		return;
	}
	for (i = 0; i < limit && i < zl_generate_count(g); i++) {
		if (!zl_generate_expand(g, i, o, t, err, sizeof(err))) {
			break;
		}
		/* An owner made from "$$" starts with "$": not a directive */
		tb_printf(b, "%s%s %s%s%s %s\n", o->s[0] == '$' ? "\\" : "",
		    o->s, d->ttlclass, d->ttlclass[0] ? " " : "", d->type,
		    t->s);
	}
	zl_generate_free(g);
}

/* ---- running BIND --------------------------------------------------- */



static bool
write_file(const char *path, const char *s, size_t n)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL) {
		return false;
	}
	fwrite(s, 1, n, fp);
	return fclose(fp) == 0;
}

/* The whole file, or NULL. */
static char *
read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (fp == NULL) {
		return NULL;
	}
	do {
		if (*len + 4096 > cap) {
			cap = (cap + 4096) * 2;
			if ((s = realloc(s, cap)) == NULL) {
				abort();
			}
		}
		n = fread(s + *len, 1, cap - *len - 1, fp);
		*len += n;
	} while (n > 0);
	s[*len] = '\0';
	fclose(fp);
	return s;
}

/* What named-compilezone made of one zone file. */
typedef struct bind_result {
	int status; /* 0: loaded and written */
	char *log;  /* its messages */
	size_t log_len;
	char *out; /* the zone it wrote, when status is 0 */
	size_t out_len;
} bind_result_t;

typedef struct run {
	unsigned count;
	uint64_t seed;
	char prog[1024];
	char dir[1024];
	unsigned runs;
	unsigned good, bad[E_OTHER + 1];
	unsigned records;
	unsigned batches, batches_split;
	unsigned data_refused; /* good directives BIND refused for their data,
				* zone B too */
	unsigned masked;       /* bad ones refused earlier for their data */
	unsigned value_first;  /* syntax errors BIND met after a value's */
	unsigned quirky;       /* good ones with a quirk */
	unsigned disagree, kept, errors;
	bool verbose; /* ZL_GENERATE_VERBOSE: show the data refusals */
	zl_generate_text_t o, t;
} run_t;

static void
bind_free(bind_result_t *b)
{
	free(b->log);
	free(b->out);
	memset(b, 0, sizeof(*b));
}

/* Write text to DIR/NAME, compile it, read what BIND wrote. */
static bool
compile(run_t *run, const char *name, const tb_t *text, bind_result_t *b)
{
	char in[1200], out[1200];
	char *argv[] = { (char *)"named-compilezone", (char *)"-i",
		(char *)"none", (char *)"-k", (char *)"ignore", (char *)"-f",
		(char *)"text", (char *)"-F", (char *)"text", (char *)"-s",
		(char *)"full", (char *)"-o", out, (char *)ZONE_ORIGIN, in,
		NULL };

	memset(b, 0, sizeof(*b));
	snprintf(in, sizeof(in), "%s/%s.zone", run->dir, name);
	snprintf(out, sizeof(out), "%s/%s.out", run->dir, name);
	remove(out);
	if (!write_file(in, text->s, text->len)) {
		run->errors++;
		return false;
	}
	run->runs++;
	b->status = run_capture(run->prog, argv, &b->log, &b->log_len);
	if (b->status == 0) {
		b->out = read_file(out, &b->out_len);
		if (b->out == NULL) {
			run->errors++;
			return false;
		}
	}
	remove(out);
	remove(in);
	return true;
}

static bool
same_verdict(const bind_result_t *a, const bind_result_t *b)
{
	if ((a->status == 0) != (b->status == 0)) {
		return false;
	}
	return a->status != 0 || (a->out_len == b->out_len &&
	    memcmp(a->out, b->out, a->out_len) == 0);
}

static void
print_indented(const char *what, const char *text, size_t max)
{
	const char *s = text, *nl;
	size_t lines = 0;

	printf("#   %s:\n", what);
	while (s != NULL && *s != '\0' && lines++ < max) {
		nl = strchr(s, '\n');
		printf("#     %.*s\n", nl ? (int)(nl - s) : (int)strlen(s), s);
		s = nl ? nl + 1 : NULL;
	}
}

/* Keep directive d's zones A and B in the run's folder. */
static void
keep(run_t *run, const directive_t *d)
{
	char path[1200];
	tb_t a = { 0 }, b = { 0 };

	zone_header(&a);
	write_directive(&a, d);
	zone_header(&b);
	write_records(&b, d, UINT64_MAX, &run->o, &run->t);
	snprintf(path, sizeof(path), "%s/d%u-A.zone", run->dir, d->index);
	write_file(path, a.s, a.len);
	snprintf(path, sizeof(path), "%s/d%u-B.zone", run->dir, d->index);
	write_file(path, b.s, b.len);
	run->kept++;
	free(a.s);
	free(b.s);
}

static void
disagree(run_t *run, const directive_t *d, const char *what,
    const bind_result_t *a, const bind_result_t *b)
{
	run->disagree++;
	keep(run, d);
	printf("# directive %u: %s: $GENERATE %s %s %s%s%s %.200s (module: "
	       "%s)\n", d->index, what, d->range, d->owner, d->ttlclass,
	    d->ttlclass[0] ? " " : "", d->type, d->rdata,
	    d->expect == E_GOOD ? "good" : d->err);
	if (run->disagree <= SHOW_MAX) {
		printf("#   zone A exit %d, zone B exit %d\n", a->status,
		    b != NULL ? b->status : -1);
		print_indented("BIND on zone A", a->log ? a->log : "", 8);
		if (b != NULL) {
			print_indented("BIND on zone B", b->log ? b->log : "",
			    8);
			if (a->status == 0 && b->status == 0) {
				print_indented("zone A as BIND wrote it",
				    a->out, 40);
				print_indented("zone B as BIND wrote it",
				    b->out, 40);
			}
		}
	}
}

/*
 * BIND refused the directive itself, as generate() reports it: a line
 * "$GENERATE: FILE:LINE: KIND" (or "... invalid range 'R'"), and no
 * message from the rdata parser (whose "ran out of space" generate()
 * repeats in the same form).  kind NULL: any of the four.
 */
static bool
bind_refused_directive(const char *log, const char *kind)
{
	static const char *const kinds[] = { "syntax error", "out of range",
		"ran out of space", "invalid range" };
	const char *s = log, *nl;
	size_t k, n;

	if (log == NULL || strstr(log, "dns_rdata_fromtext:") != NULL) {
		return false;
	}
	for (; s != NULL && *s != '\0'; s = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		if (strncmp(s, "$GENERATE: ", 11) != 0) {
			continue;
		}
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			size_t kl = strlen(kinds[k]);
			bool hit;

			if (kind != NULL && strcmp(kind, kinds[k]) != 0) {
				continue;
			}
			if (k == 3) {
				char want[32];

				snprintf(want, sizeof(want), ": %s '", kinds[k]);
				hit = strstr(s, want) != NULL &&
				    (nl == NULL || strstr(s, want) < nl);
			} else {
				hit = n > kl + 2 &&
				    memcmp(s + n - kl - 2, ": ", 2) == 0 &&
				    memcmp(s + n - kl, kinds[k], kl) == 0;
			}
			if (hit) {
				return true;
			}
		}
	}
	return false;
}

/* One good directive alone: zone A and zone B agree. */
static void
good_alone(run_t *run, directive_t *d)
{
	tb_t a = { 0 }, b = { 0 };
	bind_result_t ra, rb;

	zone_header(&a);
	write_directive(&a, d);
	zone_header(&b);
	write_records(&b, d, UINT64_MAX, &run->o, &run->t);
	if (compile(run, "alone-A", &a, &ra) &&
	    compile(run, "alone-B", &b, &rb)) {
		if (ra.status != 0 &&
		    bind_refused_directive(ra.log, NULL)) {
			disagree(run, d, "BIND refused the directive the "
					 "module takes", &ra, &rb);
		} else if (!same_verdict(&ra, &rb)) {
			disagree(run, d, "zone A and zone B differ", &ra, &rb);
		} else if (ra.status != 0) {
			run->data_refused++;
			if (run->verbose) {
				const char *e = strstr(rb.log, ": ");

				printf("# directive %u refused by BIND for its "
				       "data: $GENERATE %s %s %s %.80s: %.*s\n",
				    d->index, d->range, d->owner, d->type,
				    d->rdata, (int)strcspn(e ? e + 2 : "", "\n"),
				    e ? e + 2 : "");
			}
		}
		bind_free(&rb);
	}
	bind_free(&ra);
	free(a.s);
	free(b.s);
}

/* A batch of good directives in one zone pair; alone when it fails. */
static void
good_batch(run_t *run, directive_t *ds, size_t n)
{
	tb_t a = { 0 }, b = { 0 };
	bind_result_t ra, rb;
	size_t k;
	bool split = true;

	if (n == 0) {
		return;
	}
	run->batches++;
	zone_header(&a);
	zone_header(&b);
	for (k = 0; k < n; k++) {
		write_directive(&a, &ds[k]);
		write_records(&b, &ds[k], UINT64_MAX, &run->o, &run->t);
	}
	if (compile(run, "batch-A", &a, &ra)) {
		if (compile(run, "batch-B", &b, &rb)) {
			split = !same_verdict(&ra, &rb) || ra.status != 0;
			bind_free(&rb);
		}
		bind_free(&ra);
	}
	free(a.s);
	free(b.s);
	if (split) {
		run->batches_split++;
		for (k = 0; k < n; k++) {
			good_alone(run, &ds[k]);
		}
	}
}

/* A directive the module refuses: BIND refuses it, with its message. */
static void
bad_one(run_t *run, directive_t *d)
{
	tb_t a = { 0 }, b = { 0 };
	bind_result_t ra, rb;
	char want[64];

	snprintf(want, sizeof(want), "%s", expect_bind[d->expect]);
	zone_header(&a);
	write_directive(&a, d);
	if (!compile(run, "bad-A", &a, &ra)) {
		free(a.s);
		return;
	}
	if (ra.status == 0) {
		disagree(run, d, "BIND took what the module refuses", &ra,
		    NULL);
	} else if (d->expect == E_OTHER) {
		disagree(run, d, "the module refused it for a reason the "
				 "oracle does not know", &ra, NULL);
	} else if (bind_refused_directive(ra.log, want)) {
		/* as the module said */
	} else if (d->expect == E_SYNTAX &&
	    (bind_refused_directive(ra.log, "out of range") ||
	    bind_refused_directive(ra.log, "ran out of space"))) {
		/* BIND reads the owner of the first record, then its rdata,
		 * each left to right, and stopped at a value's error before
		 * reaching the syntax error the module finds first */
		run->value_first++;
	} else {
		/* Refused for something else first?  The records before the
		 * one the module refuses, alone, must be refused too. */
		zone_header(&b);
		write_records(&b, d, d->made, &run->o, &run->t);
		if (compile(run, "bad-B", &b, &rb)) {
			if (rb.status == 0) {
				disagree(run, d, "BIND refused it, but not as "
						 "the module did", &ra, &rb);
			} else {
				run->masked++;
			}
			bind_free(&rb);
		}
	}
	bind_free(&ra);
	free(a.s);
	free(b.s);
}


static void
emit(unsigned index, uint64_t seed)
{
	directive_t d;
	zl_generate_text_t o = { 0 }, t = { 0 };
	tb_t a = { 0 }, b = { 0 };

	if ((d.rdata = malloc(RDATA_BUF)) == NULL) {
		abort();
	}
	directive_build(&d, index, seed);
	directive_judge(&d, &o, &t);
	zone_header(&a);
	write_directive(&a, &d);
	zone_header(&b);
	write_records(&b, &d, UINT64_MAX, &o, &t);
	printf("; directive %u, ZL_GENERATE_SEED=0x%016llx: %s\n", index,
	    (unsigned long long)seed, d.expect == E_GOOD ? "taken" : d.err);
	printf("; ---- zone A\n%s; ---- zone B\n%s", a.s, b.s);
	free(a.s);
	free(b.s);
	free(d.rdata);
	zl_generate_text_free(&o);
	zl_generate_text_free(&t);
}

static void
oracle(unsigned count, uint64_t seed)
{
	const char *tmp = getenv("TMPDIR");
	run_t *run = calloc(1, sizeof(*run));
	directive_t *batch = calloc(BATCH, sizeof(*batch)), one;
	size_t nb = 0, k;
	unsigned i;

	if (run == NULL || batch == NULL ||
	    (one.rdata = malloc(RDATA_BUF)) == NULL) {
		abort();
	}
	for (k = 0; k < BATCH; k++) {
		if ((batch[k].rdata = malloc(RDATA_BUF)) == NULL) {
			abort();
		}
	}
	run->count = count;
	run->seed = seed;
	run->verbose = getenv("ZL_GENERATE_VERBOSE") != NULL;
	if (!find_program("named-compilezone", run->prog,
	    sizeof(run->prog))) {
		UNIT_CHECK(0, "generate/oracle: named-compilezone (not "
			      "installed: run make deps)");
		goto out;
	}
	{
		char *argv[] = { (char *)"named-compilezone", (char *)"-v",
			NULL };
		char *v = NULL;
		size_t len = 0;
		int st = run_capture(run->prog, argv, &v, &len);

		printf("# %s -v: %s", run->prog, v && len ? v : "?\n");
		UNIT_CHECK(st == 0, "generate/oracle: named-compilezone runs");
		free(v);
	}
	snprintf(run->dir, sizeof(run->dir), "%s/zonelint-generate.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(run->dir) == NULL) {
		UNIT_CHECK(0, "generate/oracle: mkdtemp %s", run->dir);
		goto out;
	}
	for (i = 0; i < NFIXED + count; i++) {
		directive_t *d = nb < BATCH ? &batch[nb] : &one;

		directive_build(d, i < NFIXED ? FIXED_BASE + i
					      : i - (unsigned)NFIXED, seed);
		directive_judge(d, &run->o, &run->t);
		if (d->expect != E_GOOD) {
			run->bad[d->expect]++;
			bad_one(run, d);
			continue;
		}
		run->good++;
		run->records += (unsigned)d->made;
		if (++nb == BATCH) {
			good_batch(run, batch, nb);
			nb = 0;
		}
	}
	good_batch(run, batch, nb);

	printf("# %u directives from ZL_GENERATE_SEED=0x%016llx and %zu "
	       "fixed ones: %u taken "
	       "(%u records, %u batches, %u tried one by one), refused: %u "
	       "range, %u syntax, %u offset, %u length, %u other; %u runs "
	       "of named-compilezone\n",
	    count, (unsigned long long)seed, NFIXED, run->good, run->records,
	    run->batches, run->batches_split, run->bad[E_RANGE],
	    run->bad[E_SYNTAX], run->bad[E_OUT_OF_RANGE], run->bad[E_NOSPACE],
	    run->bad[E_OTHER], run->runs);
	printf("# taken by the module, refused by BIND for their data in "
	       "zone A and zone B alike: %u; refused by the module, refused "
	       "by BIND earlier for their data: %u; syntax errors BIND "
	       "reached after an error of the first value: %u\n",
	    run->data_refused, run->masked, run->value_first);
	UNIT_CHECK(run->errors == 0, "generate/oracle: zone files written "
				     "and read in %s", run->dir);
	UNIT_CHECK(run->disagree == 0,
	    "generate/oracle: %u of %u directives disagree with BIND",
	    run->disagree, count);
	if (count >= 1000) {
		bool covered = run->good > count / 2 && run->bad[E_RANGE] &&
		    run->bad[E_SYNTAX] && run->bad[E_OUT_OF_RANGE] &&
		    run->bad[E_NOSPACE] &&
		    run->data_refused < run->good / 10;

		UNIT_CHECK(covered, "generate/oracle: coverage (most taken, "
				    "every refusal seen, few data refusals)");
	}
	if (run->kept == 0) {
		rmdir(run->dir);
	} else {
		printf("# %u directives kept in %s (dN-A.zone, dN-B.zone)\n",
		    run->kept, run->dir);
	}
out:
	for (k = 0; k < BATCH; k++) {
		free(batch[k].rdata);
	}
	free(batch);
	free(one.rdata);
	zl_generate_text_free(&run->o);
	zl_generate_text_free(&run->t);
	free(run);
}

int
main(int argc, char **argv)
{
	unsigned long long count = DEFAULT_COUNT, seed = DEFAULT_SEED;
	size_t k;

	if (!env_number("ZL_GENERATE_COUNT", &count) || count > 10000000 ||
	    !env_number("ZL_GENERATE_SEED", &seed)) {
		UNIT_CHECK(0, "generate/environment (ZL_GENERATE_COUNT 0 to "
			      "10000000, ZL_GENERATE_SEED a number)");
		return unit_summary();
	}
	if (argc == 3 && strcmp(argv[1], "--emit") == 0) {
		emit((unsigned)strtoul(argv[2], NULL, 10), seed);
		return 0;
	}
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		table_case(k, &cases[k]);
	}
	length_limits();
	api_edges();
	big_template();
	if (count > 0) {
		oracle((unsigned)count, seed);
	}
	return unit_summary();
}
