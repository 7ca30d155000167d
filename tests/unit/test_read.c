/* test_read.c: unit tests for the zone reader (lint/read.c). */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Each case reads one fixture under fixtures/read/ (run from the
 * repository root) or a file written at test time into a temporary
 * directory (CR line ends, control bytes, very long lines, symlinks), and
 * checks the exact records and problems.
 */

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint/read.h"
#include "tests/unit/unit.h"

#define FX "fixtures/read/"
#define MAXREC 64

typedef struct seen_rr {
	char owner[256];
	char type[32];
	char rdata[256];
	char file[256];
	unsigned ttl;
	bool ttl_explicit;
	unsigned line;
	unsigned last_line;
} seen_rr_t;

typedef struct seen_problem {
	char file[256];
	unsigned line;
	char rule[32];
	char message[512];
} seen_problem_t;

typedef struct seen {
	int begun;
	char origin[256];
	char source[32];
	size_t nrr;
	seen_rr_t rr[MAXREC];
	size_t nproblem;
	seen_problem_t problem[MAXREC];
	int rc;
	char err[256];
} seen_t;

static seen_t S;

static void
on_begin(void *ctx, const ldns_rdf *origin, const char *source)
{
	seen_t *s = ctx;
	char *o = origin ? ldns_rdf2str(origin) : NULL;

	s->begun++;
	snprintf(s->origin, sizeof(s->origin), "%s", o ? o : "-");
	snprintf(s->source, sizeof(s->source), "%s", source ? source : "-");
	free(o);
	/* begin comes before everything else */
	if (s->nrr != 0 || s->nproblem != 0) {
		s->begun = 100;
	}
}

static void
on_record(void *ctx, const zl_record_t *rec)
{
	seen_t *s = ctx;
	seen_rr_t *r;
	char *o, *t;
	size_t i;

	if (s->nrr == MAXREC) {
		return;
	}
	r = &s->rr[s->nrr++];
	o = ldns_rdf2str(ldns_rr_owner(rec->rr));
	t = ldns_rr_type2str(ldns_rr_get_type(rec->rr));
	snprintf(r->owner, sizeof(r->owner), "%s", o ? o : "?");
	snprintf(r->type, sizeof(r->type), "%s", t ? t : "?");
	free(o);
	free(t);
	r->rdata[0] = '\0';
	for (i = 0; i < ldns_rr_rd_count(rec->rr); i++) {
		char *f = ldns_rdf2str(ldns_rr_rdf(rec->rr, i));
		size_t n = strlen(r->rdata);

		snprintf(r->rdata + n, sizeof(r->rdata) - n, "%s%s",
		    i ? " " : "", f ? f : "?");
		free(f);
	}
	snprintf(r->file, sizeof(r->file), "%s", rec->file);
	r->ttl = ldns_rr_ttl(rec->rr);
	r->ttl_explicit = rec->ttl_explicit;
	r->line = rec->line;
	r->last_line = rec->last_line;
}

static void
on_problem(void *ctx, const char *file, unsigned line, const char *rule,
    const char *message)
{
	seen_t *s = ctx;
	seen_problem_t *p;

	if (s->nproblem == MAXREC) {
		return;
	}
	p = &s->problem[s->nproblem++];
	snprintf(p->file, sizeof(p->file), "%s", file);
	p->line = line;
	snprintf(p->rule, sizeof(p->rule), "%s", rule);
	snprintf(p->message, sizeof(p->message), "%s", message);
}

static const zl_read_callbacks_t CB = {
	.begin = on_begin,
	.record = on_record,
	.problem = on_problem,
};

static void
read_with(const char *path, const zl_read_options_t *opts)
{
	memset(&S, 0, sizeof(S));
	S.rc = zl_read_file(path, opts, &CB, &S, S.err, sizeof(S.err));
}

static void
read_zone(const char *path)
{
	read_with(path, NULL);
}

/* Check record i: owner, type, TTL, explicit, first and last line. */
static void
expect_rr(const char *c, size_t i, const char *owner, const char *type,
    unsigned ttl, bool expl, unsigned line, unsigned last)
{
	const seen_rr_t *r = &S.rr[i];

	if (i >= S.nrr) {
		UNIT_CHECK(0, "%s: record %zu exists (only %zu)", c, i,
		    S.nrr);
		return;
	}
	UNIT_STREQ(r->owner, owner, "%s: rr %zu owner", c, i);
	UNIT_STREQ(r->type, type, "%s: rr %zu type", c, i);
	UNIT_CHECK(r->ttl == ttl, "%s: rr %zu ttl %u (got %u)", c, i, ttl,
	    r->ttl);
	UNIT_CHECK(r->ttl_explicit == expl, "%s: rr %zu ttl_explicit %d", c,
	    i, (int)expl);
	UNIT_CHECK(r->line == line && r->last_line == last,
	    "%s: rr %zu lines %u-%u (got %u-%u)", c, i, line, last, r->line,
	    r->last_line);
}

static void
expect_rr_file(const char *c, size_t i, const char *file)
{
	UNIT_STREQ(i < S.nrr ? S.rr[i].file : NULL, file, "%s: rr %zu file",
	    c, i);
}

/* Check problem i: file, line, rule and a part of the message. */
static void
expect_problem(const char *c, size_t i, const char *file, unsigned line,
    const char *rule, const char *part)
{
	const seen_problem_t *p = &S.problem[i];

	if (i >= S.nproblem) {
		UNIT_CHECK(0, "%s: problem %zu exists (only %zu)", c, i,
		    S.nproblem);
		return;
	}
	UNIT_STREQ(p->file, file, "%s: problem %zu file", c, i);
	UNIT_CHECK(p->line == line, "%s: problem %zu line %u (got %u)", c, i,
	    line, p->line);
	UNIT_STREQ(p->rule, rule, "%s: problem %zu rule", c, i);
	UNIT_CHECK(strstr(p->message, part) != NULL,
	    "%s: problem %zu message has \"%s\" (got \"%s\")", c, i, part,
	    p->message);
}

static void
expect_counts(const char *c, size_t nrr, size_t nproblem)
{
	UNIT_CHECK(S.rc == 0, "%s: read returns 0 (got %d: %s)", c, S.rc,
	    S.err);
	UNIT_CHECK(S.begun == 1, "%s: begin called once, first", c);
	UNIT_CHECK(S.nrr == nrr, "%s: %zu records (got %zu)", c, nrr, S.nrr);
	UNIT_CHECK(S.nproblem == nproblem, "%s: %zu problems (got %zu)", c,
	    nproblem, S.nproblem);
}

static void
expect_origin(const char *c, const char *origin, const char *source)
{
	UNIT_STREQ(S.origin, origin, "%s: origin", c);
	UNIT_STREQ(S.source, source, "%s: origin source", c);
}

/* --- temporary files ----------------------------------------------------- */

static char tmpdir[64];

static const char *
tmp_path(const char *name)
{
	static char path[4][256];
	static int slot;

	slot = (slot + 1) % 4;
	snprintf(path[slot], sizeof(path[slot]), "%s/%s", tmpdir, name);
	return path[slot];
}

static const char *
write_tmp(const char *name, const char *data, size_t len)
{
	const char *path = tmp_path(name);
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		return path;
	}
	fwrite(data, 1, len, f);
	fclose(f);
	return path;
}

/* --- cases ----------------------------------------------------------- */

static void
test_origin(void)
{
	zl_read_options_t o = { .origin = "example.net" };

	read_zone(FX "origin-soa.zone");
	expect_counts("origin-soa", 2, 0);
	expect_origin("origin-soa", "example.org.", "SOA");
	expect_rr("origin-soa", 0, "example.org.", "SOA", 3600, true, 2, 2);
	expect_rr("origin-soa", 1, "www.example.org.", "A", 300, true, 3, 3);

	read_with(FX "origin-soa.zone", &o);
	expect_counts("origin-option", 2, 0);
	expect_origin("origin-option", "example.net.", "option");
	expect_rr("origin-option", 1, "www.example.net.", "A", 300, true, 3,
	    3);

	read_zone(FX "origin-dollar.zone");
	expect_counts("origin-dollar", 2, 0);
	expect_origin("origin-dollar", "example.net.", "$ORIGIN");
	expect_rr("origin-dollar", 0, "example.net.", "SOA", 3600, true, 2,
	    2);

	read_zone(FX "names/example.com.zone");
	expect_counts("name .zone", 1, 0);
	expect_origin("name .zone", "example.com.", "file name");
	expect_rr("name .zone", 0, "example.com.", "SOA", 3600, true, 1, 1);
	read_zone(FX "names/db.example.com");
	expect_origin("name db.", "example.com.", "file name");
	read_zone(FX "names/example.com");
	expect_origin("name bare", "example.com.", "file name");

	read_zone(FX "origin-unknown.zone");
	expect_counts("origin-unknown", 1, 1);
	expect_origin("origin-unknown", "-", "-");
	expect_problem("origin-unknown", 0, FX "origin-unknown.zone", 0,
	    "origin-unknown", "no origin");
	expect_rr("origin-unknown", 0, "www.", "A", 300, true, 1, 1);

	o.origin = "bad..origin";
	read_with(FX "origin-soa.zone", &o);
	UNIT_CHECK(S.rc == -1 && strstr(S.err, "bad origin") != NULL,
	    "bad origin option refused (%s)", S.err);
}

static void
test_directives(void)
{
	const char *f = FX "directives.zone";

	read_zone(f);
	expect_counts("directives", 6, 5);
	expect_rr("directives", 0, "a.example.com.", "A", 3600, false, 3, 3);
	/* relative $ORIGIN is appended to the current one (BIND) */
	expect_rr("directives", 1, "b.sub.example.com.", "A", 3600, false, 5,
	    5);
	expect_rr("directives", 2, "c.sub.example.com.", "A", 604800, false,
	    7, 7);
	expect_rr("directives", 3, "d.sub.example.com.", "A", 5400, false, 9,
	    9);
	expect_problem("directives", 0, f, 10, "syntax-error",
	    "bad $TTL \"abc\"");
	/* a bad $TTL leaves the previous one */
	expect_rr("directives", 4, "e.sub.example.com.", "A", 5400, false, 11,
	    11);
	expect_problem("directives", 1, f, 12, "syntax-error",
	    "$GENERATE is not supported");
	expect_problem("directives", 2, f, 13, "syntax-error",
	    "unknown directive $FROB");
	expect_rr("directives", 5, "f.other.example.", "A", 5400, false, 15,
	    15);
	expect_problem("directives", 3, f, 16, "syntax-error",
	    "larger than 2147483647");
	expect_problem("directives", 4, f, 17, "syntax-error",
	    "$ORIGIN needs one domain name");
}

static void
test_ttl(void)
{
	const char *f = FX "ttl.zone";

	read_zone(f);
	expect_counts("ttl", 8, 2);
	/* no TTL at all yet: ldns's 3600, not explicit */
	expect_rr("ttl", 0, "a.example.com.", "A", 3600, false, 2, 2);
	expect_rr("ttl", 1, "b.example.com.", "A", 600, true, 3, 3);
	/* RFC 1035 5.1: the last explicit TTL */
	expect_rr("ttl", 2, "c.example.com.", "A", 600, false, 4, 4);
	expect_problem("ttl", 0, f, 5, "syntax-error", "bad TTL \"3x00\"");
	/* the bad TTL did not become the last explicit one */
	expect_rr("ttl", 3, "e.example.com.", "A", 600, false, 6, 6);
	expect_problem("ttl", 1, f, 7, "syntax-error",
	    "\"2147483648\": larger than 2147483647");
	/* class before TTL (ldns 1.8.3 rejects it) */
	expect_rr("ttl", 4, "g.example.com.", "A", 1200, true, 8, 8);
	expect_rr("ttl", 5, "h.example.com.", "A", 1800, true, 9, 9);
	expect_rr("ttl", 6, "i.example.com.", "A", 7200, true, 10, 10);
	expect_rr("ttl", 7, "j.example.com.", "A", 7200, false, 11, 11);

	/* no TTL anywhere yet and an SOA without one: its MINIMUM (BIND) */
	read_zone(FX "soa-minimum.zone");
	expect_counts("soa-minimum", 2, 0);
	expect_rr("soa-minimum", 0, "example.com.", "SOA", 900, false, 2, 2);
	expect_rr("soa-minimum", 1, "www.example.com.", "A", 900, false, 3,
	    3);
}

static void
test_owners(void)
{
	const char *f;

	read_zone(FX "owners.zone");
	expect_counts("owners", 7, 0);
	expect_rr("owners", 0, "example.com.", "SOA", 300, false, 3, 3);
	expect_rr("owners", 1, "example.com.", "MX", 300, false, 4, 4);
	expect_rr("owners", 2, "mail.example.com.", "A", 300, false, 5, 5);
	expect_rr("owners", 3, "WWW.Example.COM.", "A", 300, false, 6, 6);
	expect_rr("owners", 4, "*.example.com.", "TXT", 300, false, 7, 7);
	expect_rr("owners", 5, "_dmarc.example.com.", "TXT", 300, false, 8,
	    8);
	expect_rr("owners", 6, "sub.other.", "A", 300, false, 9, 9);
	UNIT_STREQ(S.rr[1].rdata, "10 mail.example.com.", "owners: MX rdata");
	UNIT_STREQ(S.rr[5].rdata,
	    "\"v=DMARC1; p=reject; rua=mailto:d@example.com\"",
	    "owners: ';' inside quotes is not a comment");

	f = FX "blank-first.zone";
	read_zone(f);
	expect_counts("blank-first", 1, 1);
	expect_problem("blank-first", 0, f, 2, "syntax-error",
	    "no record before it gave one");
	expect_rr("blank-first", 0, "www.example.com.", "A", 300, true, 3, 3);
}

static void
test_lexical_fixtures(void)
{
	const char *f;

	read_zone(FX "empty.zone");
	expect_counts("empty", 0, 1);
	expect_problem("empty", 0, FX "empty.zone", 0, "origin-unknown",
	    "no origin");
	read_zone(FX "comments-only.zone");
	expect_counts("comments-only", 0, 1);

	read_zone(FX "no-newline.zone");
	expect_counts("no-newline", 2, 0);
	expect_rr("no-newline", 1, "last.example.com.", "TXT", 300, true, 3,
	    3);

	read_zone(FX "multiline.zone");
	expect_counts("multiline", 3, 0);
	expect_rr("multiline", 0, "example.com.", "SOA", 300, false, 3, 7);
	expect_rr("multiline", 1, "mail.example.com.", "A", 300, false, 8, 9);
	expect_rr("multiline", 2, "txt.example.com.", "TXT", 300, false, 10,
	    11);
	UNIT_STREQ(S.rr[0].rdata, "ns1.example.com. hostmaster.example.com. "
	    "2024010101 7200 3600 1209600 300", "multiline: SOA rdata");
	UNIT_STREQ(S.rr[2].rdata, "\"v=spf1 ip4:192.0.2.0/24\" \" -all\"",
	    "multiline: TXT strings");

	f = FX "unbalanced-paren.zone";
	read_zone(f);
	expect_counts("unbalanced-paren", 3, 1);
	expect_rr("unbalanced-paren", 0, "a.example.com.", "A", 300, false,
	    3, 3);
	expect_problem("unbalanced-paren", 0, f, 4, "syntax-error",
	    "unbalanced '('");
	/* the rest of the file is not swallowed */
	expect_rr("unbalanced-paren", 1, "c.example.com.", "A", 300, false,
	    5, 5);
	expect_rr("unbalanced-paren", 2, "d.example.com.", "A", 300, false,
	    6, 6);

	f = FX "stray-paren.zone";
	read_zone(f);
	expect_counts("stray-paren", 1, 1);
	expect_problem("stray-paren", 0, f, 3, "syntax-error",
	    "')' without '('");
	expect_rr("stray-paren", 0, "b.example.com.", "A", 300, false, 4, 4);

	f = FX "unterminated-quote.zone";
	read_zone(f);
	expect_counts("unterminated-quote", 1, 1);
	expect_problem("unterminated-quote", 0, f, 3, "syntax-error",
	    "unterminated quoted string");
	expect_rr("unterminated-quote", 0, "b.example.com.", "A", 300, false,
	    4, 4);

	f = FX "backslash-eof.zone";
	read_zone(f);
	expect_counts("backslash-eof", 1, 1);
	expect_problem("backslash-eof", 0, f, 4, "syntax-error",
	    "backslash at the end of the file");

	read_zone(FX "semicolon-in-quotes.zone");
	expect_counts("semicolon-in-quotes", 2, 0);
	UNIT_STREQ(S.rr[0].rdata,
	    "\"v=DMARC1; p=none; rua=mailto:a@example.com\"",
	    "semicolon-in-quotes: quoted");
	UNIT_STREQ(S.rr[1].rdata, "\"v=DMARC1; p=none\"",
	    "semicolon-in-quotes: escaped \\; and space");

	f = FX "unknown-type.zone";
	read_zone(f);
	expect_counts("unknown-type", 1, 2);
	expect_problem("unknown-type", 0, f, 3, "syntax-error",
	    "unknown record type CANME");
	expect_problem("unknown-type", 1, f, 4, "syntax-error",
	    "bad MX record: number \"70000\" larger than 65535");
	expect_rr("unknown-type", 0, "ok.example.com.", "A", 300, false, 5,
	    5);

	f = FX "generic-type.zone";
	read_zone(f);
	expect_counts("generic-type", 2, 1);
	expect_rr("generic-type", 0, "a.example.com.", "TYPE65534", 300,
	    false, 3, 3);
	UNIT_STREQ(S.rr[0].rdata, "\\# 4 0a000001", "generic-type: rdata");
	expect_rr("generic-type", 1, "b.example.com.", "A", 300, false, 4, 4);
	UNIT_STREQ(S.rr[1].rdata, "192.0.2.1", "generic-type: TYPE1 is A");
	expect_problem("generic-type", 0, f, 5, "syntax-error",
	    "bad TYPE65534 record");
}

static void
test_include(void)
{
	const char *f = FX "include/main.zone";
	zl_read_options_t o = { .include_any = true };

	read_zone(f);
	expect_counts("include", 5, 2);
	expect_rr("include", 0, "top.example.com.", "A", 300, false, 3, 3);
	expect_rr_file("include", 0, f);
	/* the origin argument, and the included file's name and lines */
	expect_rr("include", 1, "in1.sub.example.com.", "A", 300, false, 2,
	    2);
	expect_rr_file("include", 1, FX "include/sub/inc.zone");
	expect_rr("include", 2, "in2.elsewhere.example.", "A", 300, false, 4,
	    5);
	expect_rr_file("include", 2, FX "include/sub/inc.zone");
	/* RFC 1035 5.1: $ORIGIN inside the include does not leak back */
	expect_rr("include", 3, "after.example.com.", "A", 300, false, 5, 5);
	expect_rr_file("include", 3, f);
	expect_problem("include", 0, f, 6, "include-failed",
	    "cannot open included file " FX "include/missing.zone");
	expect_problem("include", 1, f, 7, "include-failed",
	    "is outside the directory");
	/* a blank owner at the start of an include inherits (as BIND) */
	expect_rr("include", 4, "after.example.com.", "A", 300, false, 1, 1);
	expect_rr_file("include", 4, FX "include/sub/plain.zone");

	read_with(f, &o);
	expect_counts("include_any", 6, 1);
	expect_rr("include_any", 4, "out.example.com.", "A", 300, false, 1,
	    1);
	expect_rr_file("include_any", 4, FX "include/../outside/out.zone");

	f = FX "include-loop/a.zone";
	read_zone(f);
	expect_counts("include-loop", 2, 1);
	expect_rr_file("include-loop", 1, FX "include-loop/b.zone");
	expect_problem("include-loop", 0, FX "include-loop/b.zone", 2,
	    "include-failed", "include loop");

	read_zone(FX "include-deep/main.zone");
	expect_counts("include-deep default", 5, 0);
	o.include_any = false;
	o.include_depth_max = 2;
	read_with(FX "include-deep/main.zone", &o);
	expect_counts("include-deep 2", 3, 1);
	expect_problem("include-deep 2", 0, FX "include-deep/d2.zone", 2,
	    "include-failed", "nested more than 2 deep");
}

static void
test_generated(void)
{
	static const char crlf[] = "$ORIGIN example.com.\r\n$TTL 300\r\n"
	    "a A 192.0.2.1\r\nb TXT ( \"x\"\r\n \"y\" )\r\nc A 192.0.2.3\r\n";
	static const char cr[] = "$ORIGIN example.com.\r$TTL 300\r"
	    "a A 192.0.2.1\r\rb A 192.0.2.2\r";
	static const char nul[] = "$ORIGIN example.com.\n$TTL 300\n"
	    "a A 192.0.2.1\nb TXT \"x\0y\"\nc A 192.0.2.3\n"
	    "d\x1b A 192.0.2.4\ne A 192.0.2.5 ; \x0c in a comment\n"
	    "f\tTXT\t\"\xff\xfe not UTF-8\"\n";
	const char *p, *lp;
	char *big;
	size_t n, i;
	zl_read_options_t small = { .size_max = 80 };
	FILE *f;

	p = write_tmp("crlf.zone", crlf, sizeof(crlf) - 1);
	read_zone(p);
	expect_counts("crlf", 3, 0);
	expect_rr("crlf", 1, "b.example.com.", "TXT", 300, false, 4, 5);
	expect_rr("crlf", 2, "c.example.com.", "A", 300, false, 6, 6);

	p = write_tmp("cr.zone", cr, sizeof(cr) - 1);
	read_zone(p);
	expect_counts("lone cr", 2, 0);
	expect_rr("lone cr", 1, "b.example.com.", "A", 300, false, 5, 5);

	p = write_tmp("nul.zone", nul, sizeof(nul) - 1);
	read_zone(p);
	expect_counts("control bytes", 4, 2);
	expect_problem("control bytes", 0, p, 4, "syntax-error", "\\x00");
	expect_problem("control bytes", 1, p, 6, "syntax-error", "\\x1B");
	expect_rr("control bytes", 1, "c.example.com.", "A", 300, false, 5,
	    5);
	expect_rr("control bytes", 2, "e.example.com.", "A", 300, false, 7,
	    7);
	expect_rr("control bytes", 3, "f.example.com.", "TXT", 300, false, 8,
	    8);

	/* 100 KB comment line, then a 1 MB single-line TXT record */
	n = 1024 * 1024;
	big = malloc(n + 200);
	if (big == NULL) {
		UNIT_CHECK(0, "malloc");
		return;
	}
	lp = tmp_path("long.zone");
	f = fopen(lp, "wb");
	if (f != NULL) {
		fputs("$ORIGIN example.com.\n$TTL 300\n;", f);
		for (i = 0; i < 100 * 1024; i++) {
			fputc('c', f);
		}
		fputs("\nbig TXT \"", f);
		memset(big, 'x', n);
		fwrite(big, 1, n, f);
		fputs("\"\nafter A 192.0.2.1\n", f);
		fclose(f);
	}
	free(big);
	read_zone(lp);
	expect_counts("long lines", 1, 1);
	expect_problem("long lines", 0, lp, 4, "limit-exceeded",
	    "record longer than");
	expect_rr("long lines", 0, "after.example.com.", "A", 300, false, 5,
	    5);

	/* the size cap: one problem, the first complete lines read */
	read_with(FX "owners.zone", &small);
	expect_counts("size cap", 1, 1);
	expect_problem("size cap", 0, FX "owners.zone", 4, "limit-exceeded",
	    "file larger than 80 bytes");
	expect_rr("size cap", 0, "example.com.", "SOA", 300, false, 3, 3);

	/* a symlink inside the tree pointing outside it is refused */
	{
		char *cwd = getcwd(NULL, 0);
		char target[4096];
		static const char inc[] = "$ORIGIN example.com.\n"
		    "$INCLUDE link.zone\n";

		snprintf(target, sizeof(target), "%s/" FX "outside/out.zone",
		    cwd ? cwd : ".");
		free(cwd);
		UNIT_CHECK(symlink(target, tmp_path("link.zone")) == 0,
		    "symlink made");
		p = write_tmp("inc.zone", inc, sizeof(inc) - 1);
		read_zone(p);
		expect_counts("symlink escape", 0, 1);
		expect_problem("symlink escape", 0, p, 2, "include-failed",
		    "outside the directory");
	}

	/* standard input is shown as "-" */
	if (freopen(FX "stray-paren.zone", "r", stdin) != NULL) {
		read_zone("-");
		expect_counts("stdin", 1, 1);
		expect_problem("stdin", 0, "-", 3, "syntax-error", "')'");
		expect_rr_file("stdin", 0, "-");
	}

	read_zone(FX "no-such-file.zone");
	UNIT_CHECK(S.rc == -1, "missing file returns -1");
	UNIT_STREQ(S.err, "cannot open " FX "no-such-file.zone: No such file "
	    "or directory", "missing file message");
}

static void
cleanup(void)
{
	static const char *names[] = { "crlf.zone", "cr.zone", "nul.zone",
		"long.zone", "link.zone", "inc.zone" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		unlink(tmp_path(names[i]));
	}
	rmdir(tmpdir);
}

int
main(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_read.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_origin();
	test_directives();
	test_ttl();
	test_owners();
	test_lexical_fixtures();
	test_include();
	test_generated();
	cleanup();
	return unit_summary();
}
