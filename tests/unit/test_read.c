/* test_read.c: unit tests for the zone reader (lint/read.c). */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Each case reads one fixture under fixtures/read/ (run from the
 * repository root) or a file written at test time into a temporary
 * directory (CR line ends, control bytes, very long lines, symlinks), and
 * checks the exact records and problems.
 *
 * The reader reads files through a window that moves and grows; the
 * window checks read every fixture and the generated files again with tiny
 * windows (1 to 64 bytes and a few more) and compare the whole sequence of
 * callbacks with the one the default window gives.
 */

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <dirent.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lint/internal.h"
#include "lint/read.h"
#include "lint/scan.h"
#include "tests/unit/oracle.h"
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

/*
 * Every record handed over comes as wire rdata, and ldns decodes it into
 * an ldns_rr (zl_record_rr) whose fields and rdata are the same bytes.
 * Counted here, checked at the end of main().
 */
static unsigned records_wire, records_disagree;
static uint8_t *wire; /* agree()'s buffer */
static size_t wire_cap;

static void
agree(const zl_record_t *rec, const ldns_rr *rr)
{
	const ldns_rdf *o;
	size_t n = 0;
	bool ok;

	if (rr == NULL) {
		records_disagree++;
		return;
	}
	o = ldns_rr_owner(rr);
	ok = rec->owner_len == ldns_rdf_size(o) &&
	    memcmp(rec->owner, ldns_rdf_data(o), rec->owner_len) == 0 &&
	    rec->type == ldns_rr_get_type(rr) &&
	    rec->rr_class == ldns_rr_get_class(rr) &&
	    rec->ttl == ldns_rr_ttl(rr);
	records_wire++;
	ok = ok && zl_rr_rdata_wire(rr, &wire, &wire_cap, &n) &&
	    rec->rdata != NULL && n == rec->rdata_len &&
	    memcmp(wire, rec->rdata, n) == 0 &&
	    zl_record_rr(rec) == rr; /* decoded once */
	if (!ok) {
		char *text = ldns_rr2str(rr);

		printf("  record and ldns disagree: %s", text ? text : "?\n");
		free(text);
		records_disagree++;
	}
}

static void
on_record(void *ctx, const zl_record_t *rec)
{
	seen_t *s = ctx;
	seen_rr_t *r;
	char *o, *t;
	size_t i;
	const ldns_rr *rr = zl_record_rr(rec);

	agree(rec, rr);
	if (s->nrr == MAXREC || rr == NULL) {
		return;
	}
	r = &s->rr[s->nrr++];
	o = ldns_rdf2str(ldns_rr_owner(rr));
	t = ldns_rr_type2str(ldns_rr_get_type(rr));
	snprintf(r->owner, sizeof(r->owner), "%s", o ? o : "?");
	snprintf(r->type, sizeof(r->type), "%s", t ? t : "?");
	free(o);
	free(t);
	r->rdata[0] = '\0';
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		char *f = ldns_rdf2str(ldns_rr_rdf(rr, i));
		size_t n = strlen(r->rdata);

		snprintf(r->rdata + n, sizeof(r->rdata) - n, "%s%s",
		    i ? " " : "", f ? f : "?");
		free(f);
	}
	snprintf(r->file, sizeof(r->file), "%s", rec->file);
	r->ttl = ldns_rr_ttl(rr);
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

/* --- traces: every callback as one line of text ------------------------ */

typedef struct trace {
	char *p;
	size_t len;
	size_t cap;
	bool failed;
} trace_t;

__attribute__((format(printf, 2, 3))) static void
trace_add(trace_t *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->p ? t->p + t->len : NULL,
		    t->p ? t->cap - t->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->failed = true;
			return;
		}
		if (t->p != NULL && t->len + (size_t)n < t->cap) {
			t->len += (size_t)n;
			return;
		}
		{
			size_t cap = (t->cap ? t->cap : 4096) * 2 + (size_t)n;
			char *p = realloc(t->p, cap);

			if (p == NULL) {
				t->failed = true;
				return;
			}
			t->p = p;
			t->cap = cap;
		}
	}
}

/* Bytes of a comment, printable. */
static void
trace_bytes(trace_t *t, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || c == '\\') {
			trace_add(t, "\\x%02X", c);
		} else {
			trace_add(t, "%c", c);
		}
	}
}

static void
t_begin(void *ctx, const ldns_rdf *origin, const char *source)
{
	char *o = origin ? ldns_rdf2str(origin) : NULL;

	trace_add(ctx, "begin %s %s\n", o ? o : "-", source ? source : "-");
	free(o);
}

/*
 * zl_read_file_piped's promises beyond the trace: each record told of
 * ahead comes, in order, within the next AHEAD_MAX records, and a record
 * carries its owner's zl_name_hash.
 */
#define AHEAD_MAX 16
static struct {
	struct { unsigned line; uint16_t type; size_t rdlen; } q[64];
	unsigned head, count; /* the queue of records told of */
	unsigned waited;      /* records since the head was told of */
	unsigned told, bad, hashed, bad_hash;
} ahead;

static void
t_ahead(void *ctx, const zl_record_t *rec)
{
	(void)ctx;
	ahead.told++;
	if (ahead.count == 64) {
		ahead.bad++;
		return;
	}
	ahead.q[(ahead.head + ahead.count) % 64].line = rec->line;
	ahead.q[(ahead.head + ahead.count) % 64].type = rec->type;
	ahead.q[(ahead.head + ahead.count) % 64].rdlen = rec->rdata_len;
	ahead.count++;
}

static void
ahead_check(const zl_record_t *rec)
{
	if (rec->owner_hashed) {
		size_t i;

		ahead.hashed++;
		ahead.bad_hash += rec->owner_hash !=
		    zl_name_hash(rec->owner, rec->owner_len);
		/* and comes in lower case (no length octet is a letter) */
		for (i = 0; i < rec->owner_len; i++) {
			ahead.bad_hash += rec->owner[i] >= 'A' &&
			    rec->owner[i] <= 'Z';
		}
	}
	if (ahead.count == 0) {
		return;
	}
	if (ahead.q[ahead.head].line == rec->line &&
	    ahead.q[ahead.head].type == rec->type &&
	    ahead.q[ahead.head].rdlen == rec->rdata_len) {
		ahead.head = (ahead.head + 1) % 64;
		ahead.count--;
		ahead.waited = 0;
	} else if (++ahead.waited > AHEAD_MAX) {
		ahead.bad++;
		ahead.count = 0;
	}
}

static void
t_record(void *ctx, const zl_record_t *rec)
{
	uint8_t lower[256];
	ldns_rr *own;
	char *text;

	/* The trace shows the owner in lower case: read on a second thread
	 * it comes so (ahead_check), and the case is all that may differ. */
	memcpy(lower, rec->owner, rec->owner_len < 256 ? rec->owner_len : 0);
	zl_wire_lower(lower, rec->owner_len < 256 ? rec->owner_len : 0);
	own = zl_rr_from_wire(lower, rec->owner_len, rec->type, rec->rr_class,
	    rec->ttl, rec->rdata, rec->rdata_len);
	text = own != NULL ? ldns_rr2str(own) : NULL;
	ahead_check(rec);
	if (rec->reader_ != NULL) {
		agree(rec, zl_record_rr(rec));
	}
	ldns_rr_free(own);
	trace_add(ctx, "record %s:%u-%u %d %s", rec->file, rec->line,
	    rec->last_line, (int)rec->ttl_explicit, text ? text : "?\n");
	free(text);
}

static void
t_problem(void *ctx, const char *file, unsigned line, const char *rule,
    const char *message)
{
	trace_add(ctx, "problem %s:%u %s %s\n", file, line, rule, message);
}

static void
t_comment(void *ctx, const char *file, unsigned line, const char *text,
    size_t len, bool alone)
{
	trace_add(ctx, "comment %s:%u %d ", file, line, (int)alone);
	trace_bytes(ctx, text, len);
	trace_add(ctx, "\n");
}

static void
t_end(void *ctx, unsigned lines)
{
	trace_add(ctx, "end %u\n", lines);
}

static const zl_read_callbacks_t TRACE_CB = {
	.begin = t_begin,
	.record = t_record,
	.problem = t_problem,
	.comment = t_comment,
	.end = t_end,
	.ahead = t_ahead,
};

/* trace_read reads with zl_read_file_piped. */
static bool trace_piped;

/* Read path with a first window of window bytes (0: the default) into t;
 * for "-", stdin is opened on stdin_path first. */
static void
trace_read(trace_t *t, const char *path, const char *stdin_path,
    const zl_read_options_t *opts, size_t window)
{
	char err[256] = "";
	int rc;

	t->len = 0;
	t->failed = false;
	if (stdin_path != NULL && freopen(stdin_path, "r", stdin) == NULL) {
		trace_add(t, "cannot reopen stdin\n");
		return;
	}
	zl_read_window_initial = window;
	rc = (trace_piped ? zl_read_file_piped : zl_read_file)(path, opts,
	    &TRACE_CB, t, err, sizeof(err));
	zl_read_window_initial = 0;
	trace_add(t, "rc %d %s\n", rc, err);
}

/* Print the line of t that starts at start. */
static void
trace_show_line(const char *label, const trace_t *t, size_t start)
{
	size_t end = start;

	while (end < t->len && t->p[end] != '\n') {
		end++;
	}
	printf("  %s: %.*s\n", label, (int)(end - start),
	    start < t->len ? t->p + start : "");
}

/* Print the first line where a and b differ. */
static void
trace_show_diff(const trace_t *a, const trace_t *b)
{
	size_t i = 0;

	while (i < a->len && i < b->len && a->p[i] == b->p[i]) {
		i++;
	}
	while (i > 0 && a->p[i - 1] != '\n') {
		i--;
	}
	trace_show_line("default", a, i);
	trace_show_line("window ", b, i);
}

/* Windows of 1 to 64 bytes and a few larger ones. */
static const size_t FEW_WINDOWS[] = { 1, 2, 3, 5, 8, 13, 31, 64, 100, 1000,
	4096, 65536 };

static size_t
count_substr(const trace_t *t, const char *s)
{
	size_t n = 0, k = strlen(s), i;

	for (i = 0; t->p != NULL && i + k <= t->len; i++) {
		if (memcmp(t->p + i, s, k) == 0) {
			n++;
		}
	}
	return n;
}

/*
 * Read path again on a second thread (zl_read_file_piped) and check that
 * the callbacks are those of want, in the same order, and that the
 * records told of ahead all came.
 */
static void
check_piped(const char *name, const trace_t *want, const char *path,
    const char *stdin_path, const zl_read_options_t *opts)
{
	/* As the linter's pace decides, then with every owner hashed on
	 * the reader's thread, then with none (only those told of ahead
	 * are, on the linter's side), then in every other chunk (a run of
	 * records at one owner may cross from one way to the other); the
	 * chunks written as the probe decides, then straight, then
	 * streamed from the reader's own chunk. */
	static const int modes[] = { -1, 1, 0, 2 };
	static const int streams[] = { -1, 0, 1, 1 };
	static const char *const mode_name[] = { "", ", owners hashed",
		", owners not hashed, chunks streamed",
		", owners hashed in every other chunk, chunks streamed" };
	size_t m;

	for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		trace_t got = { 0 };
		unsigned told, hashed, records;

		memset(&ahead, 0, sizeof(ahead));
		trace_piped = true;
		zl_pipe_hash_owners = modes[m];
		zl_pipe_stream = streams[m];
		trace_read(&got, path, stdin_path, opts, 0);
		zl_pipe_hash_owners = -1;
		zl_pipe_stream = -1;
		trace_piped = false;
		told = ahead.told;
		hashed = ahead.hashed;
		records = count_substr(&got, "\nrecord ");
		UNIT_CHECK(!got.failed && got.len == want->len &&
		    memcmp(got.p, want->p, want->len) == 0,
		    "piped: %s%s: the same callbacks read on a second thread",
		    name, mode_name[m]);
		if (got.len != want->len ||
		    memcmp(got.p, want->p, want->len) != 0) {
			trace_show_diff(want, &got);
		}
		UNIT_CHECK(ahead.bad == 0 && ahead.count == 0 &&
		    ahead.bad_hash == 0 && (modes[m] != 1 ||
		    hashed == records) && (modes[m] != 0 || hashed == told),
		    "piped: %s%s: %u records told of ahead came in order, %u "
		    "of %u owners hashed and right, in lower case", name,
		    mode_name[m], told, hashed, records);
		free(got.p);
	}
}

/*
 * Read path with the default window, then with each window in windows (or
 * 1 to 64, 100, 1000 and 4096 bytes when windows is NULL), and check that
 * the callbacks are the same, in the same order.  Returns the default
 * trace in out when out is not NULL.
 */
static void
check_windows(const char *name, const char *path, const char *stdin_path,
    const zl_read_options_t *opts, const size_t *windows, size_t nwindows,
    trace_t *out)
{
	static const size_t extra[] = { 100, 1000, 4096 };
	trace_t want = { 0 }, got = { 0 };
	size_t i, n = windows ? nwindows : 64 + 3, bad = 0;

	trace_read(&want, path, stdin_path, opts, 0);
	check_piped(name, &want, path, stdin_path, opts);
	for (i = 0; i < n && bad == 0; i++) {
		size_t w = windows ? windows[i] : i < 64 ? i + 1 :
		    extra[i - 64];

		trace_read(&got, path, stdin_path, opts, w);
		if (got.failed || want.failed || got.len != want.len ||
		    memcmp(got.p, want.p, want.len) != 0) {
			bad = w;
		}
	}
	UNIT_CHECK(bad == 0 && !want.failed && want.len > 0,
	    "windows: %s: the same callbacks with windows of %s bytes%s", name,
	    windows ? "a few sizes of" : "1 to 64 and some more",
	    bad ? " (not with the one that follows)" : "");
	if (bad != 0) {
		printf("  window of %zu bytes\n", bad);
		trace_show_diff(&want, &got);
	}
	free(got.p);
	if (out != NULL) {
		*out = want;
	} else {
		free(want.p);
	}
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

	/* "@" after an absolute $ORIGIN: the SOA's owner, the apex. */
	read_zone(FX "origin-dollar.zone");
	expect_counts("origin-dollar", 2, 0);
	expect_origin("origin-dollar", "example.net.", "SOA");
	expect_rr("origin-dollar", 0, "example.net.", "SOA", 3600, true, 2,
	    2);
	/* The SOA at "@" first: the $ORIGIN after it is a guess. */
	read_zone(FX "origin-dollar-after-soa.zone");
	expect_counts("origin-dollar-after-soa", 2, 0);
	expect_origin("origin-dollar-after-soa", "example.net.", "$ORIGIN");
	expect_rr("origin-dollar-after-soa", 1, "www.example.net.", "A", 300,
	    true, 3, 3);

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
	expect_counts("directives", 10, 4);
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
	/* $GENERATE 1-4 host$ A 192.0.2.$: four records on its line */
	expect_rr("directives", 5, "host1.sub.example.com.", "A", 5400, false,
	    12, 12);
	expect_rr("directives", 8, "host4.sub.example.com.", "A", 5400, false,
	    12, 12);
	expect_problem("directives", 1, f, 13, "syntax-error",
	    "unknown directive $FROB");
	expect_rr("directives", 9, "f.other.example.", "A", 5400, false, 15,
	    15);
	expect_problem("directives", 2, f, 16, "syntax-error",
	    "larger than 4294967295");
	expect_problem("directives", 3, f, 17, "syntax-error",
	    "$ORIGIN needs one domain name");
}

/* $GENERATE leaves the owner of blank-owner lines alone, and the text it
 * makes counts against the file-size cap. */
static void
test_generate(void)
{
	const char *f = FX "generate-owner.zone";
	zl_read_options_t o = { 0 };
	char path[512];
	FILE *fp;

	read_zone(f);
	expect_counts("generate-owner", 4, 0);
	expect_rr("generate-owner", 1, "g1.example.com.", "A", 300, false, 4,
	    4);
	expect_rr("generate-owner", 3, "foo.example.com.", "TXT", 300, false,
	    5, 5);

	snprintf(path, sizeof(path), "%s/gen-bytes.zone", tmpdir);
	fp = fopen(path, "w");
	if (fp == NULL) {
		UNIT_CHECK(false, "generate-bytes: temporary file");
		return;
	}
	fputs("$ORIGIN example.com.\n$TTL 300\n$GENERATE 1-100000 "
	    "x$ TXT \"0123456789012345678901234567890123456789$\"\n", fp);
	fclose(fp);
	o.size_max = 4096; /* the file is 100 bytes, its records 6 MB */
	read_with(path, &o);
	UNIT_CHECK(S.nrr < 100 && S.nproblem == 1, "generate-bytes: stopped "
	    "at the cap (%zu records, %zu problems)", S.nrr, S.nproblem);
	expect_problem("generate-bytes", 0, path, 3, "limit-exceeded",
	    "--max-file-size");
	unlink(path);
}

static void
test_ttl(void)
{
	static const struct {
		const char *owner;
		unsigned ttl;  /* 7200: its own */
		unsigned line;
	} soa_min[] = { { "example.com.", 900, 2 },
		{ "www.example.com.", 900, 3 }, { "ftp.example.com.", 7200, 4 },
		{ "mail.example.com.", 900, 5 },
		{ "news.example.com.", 60, 7 } };
	const char *f = FX "ttl.zone";
	size_t i;

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
	    "\"4294967296\": larger than 4294967295");
	/* class before TTL (ldns 1.8.3 rejects it) */
	expect_rr("ttl", 4, "g.example.com.", "A", 1200, true, 8, 8);
	expect_rr("ttl", 5, "h.example.com.", "A", 1800, true, 9, 9);
	expect_rr("ttl", 6, "i.example.com.", "A", 7200, true, 10, 10);
	expect_rr("ttl", 7, "j.example.com.", "A", 7200, false, 11, 11);

	/* no TTL anywhere yet and an SOA without one: its MINIMUM (BIND),
	 * which is then the default, not the last TTL written */
	read_zone(FX "soa-minimum.zone");
	expect_counts("soa-minimum", 5, 1);
	for (i = 0; i < sizeof(soa_min) / sizeof(soa_min[0]); i++) {
		expect_rr("soa-minimum", i, soa_min[i].owner,
		    i == 0 ? "SOA" : "A", soa_min[i].ttl,
		    soa_min[i].ttl == 7200, soa_min[i].line, soa_min[i].line);
	}
	expect_problem("soa-minimum", 0, FX "soa-minimum.zone", 2,
	    "default-ttl-missing", "SOA minimum, 900");
}

/*
 * The TTL each record gets, against BIND's (named-compilezone's output),
 * for zones without $TTL or with it late: the SOA minimum as the default,
 * the last TTL written (RFC 1035 5.1), $TTL (RFC 2308 4).  Every record
 * at a name of its own, so that no RRset's TTLs are merged.
 */
static void
test_ttl_bind(void)
{
	static const char *const zones[] = {
		"@ SOA ns hm 1 7200 3600 1209600 900\n@ NS ns\nns A 192.0.2.1\n"
		"www 7200 A 192.0.2.2\nftp A 192.0.2.3\n$TTL 60\n"
		"mail A 192.0.2.4\nnews 30 A 192.0.2.5\nold A 192.0.2.6\n",
		"@ 600 SOA ns hm 1 7200 3600 1209600 900\n@ NS ns\n"
		"ns A 192.0.2.1\n"
		"x 1200 A 192.0.2.2\ny A 192.0.2.3\n",
		"$TTL 100\n@ SOA ns hm 1 7200 3600 1209600 900\n@ NS ns\n"
		"ns A 192.0.2.1\na 50 A 192.0.2.2\nb A 192.0.2.3\n",
		"a 500 A 192.0.2.2\n@ SOA ns hm 1 7200 3600 1209600 900\n"
		"@ NS ns\nns A 192.0.2.1\nb A 192.0.2.3\n",
	};
	char prog[1024], line[512], name[256], type[32], *out, *p;
	size_t len, i, k, bad, found;
	unsigned ttl;

	if (!find_program("named-compilezone", prog, sizeof(prog))) {
		UNIT_CHECK(0, "ttl-bind: named-compilezone (not installed: "
			      "run make deps)");
		return;
	}
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		char text[512];
		const char *path;
		char *argv[] = { (char *)"named-compilezone", (char *)"-i",
			(char *)"none", (char *)"-o", (char *)"-",
			(char *)"example.com", NULL, NULL };

		snprintf(text, sizeof(text), "$ORIGIN example.com.\n%s",
		    zones[i]);
		path = write_tmp("ttl-bind.zone", text, strlen(text));
		argv[6] = (char *)path;
		read_zone(path);
		run_capture(prog, argv, &out, &len);
		bad = found = 0;
		for (p = out; p != NULL && *p != '\0';) {
			size_t n = strcspn(p, "\n");

			snprintf(line, sizeof(line), "%.*s", (int)n, p);
			p += n + (p[n] == '\n');
			if (sscanf(line, "%255s %u IN %31s", name, &ttl,
			    type) != 3) {
				continue;
			}
			for (k = 0; k < S.nrr; k++) {
				if (strcmp(S.rr[k].owner, name) == 0 &&
				    strcmp(S.rr[k].type, type) == 0) {
					found++;
					bad += S.rr[k].ttl != ttl;
					if (S.rr[k].ttl != ttl) {
						printf("  %s %s: BIND %u, "
						       "zonelint %u\n", name,
						    type, ttl, S.rr[k].ttl);
					}
				}
			}
		}
		UNIT_CHECK(found == S.nrr && S.nrr > 2 && bad == 0,
		    "ttl-bind: zone %zu: the TTLs named-compilezone gives (%zu "
		    "of %zu records compared, %zu differ)", i, found, S.nrr,
		    bad);
		free(out);
	}
}

/* A TTL or $TTL with the top bit set: read as 0 with a warning, in
 * seconds or in units, as BIND 9.18 loads it ("> MAXTTL, setting $TTL to
 * 0"); 2147483647 is read as written; a $GENERATE's is said once. */
static void
test_ttl_top_bit(void)
{
	const char *f = tmp_path("ttl-top-bit.zone");
	FILE *fp = fopen(f, "w");

	if (fp == NULL) {
		UNIT_CHECK(0, "ttl/top-bit: cannot write %s", f);
		return;
	}
	fputs("$ORIGIN example.com.\n$TTL 2147483648\na A 192.0.2.1\n"
	      "b 3551w A 192.0.2.2\nc 2147483647 A 192.0.2.3\n"
	      "$GENERATE 1-3 g$ 2147483648 A 192.0.2.$\n", fp);
	fclose(fp);
	read_zone(f);
	/* the $GENERATE's TTL is said once, not once a record */
	expect_counts("ttl/top-bit", 6, 3);
	expect_problem("ttl/top-bit", 2, f, 6, "ttl-too-large",
	    "TTL 2147483648 is above 2147483647");
	expect_rr("ttl/top-bit", 5, "g3.example.com.", "A", 0, true, 6, 6);
	expect_problem("ttl/top-bit", 0, f, 2, "ttl-too-large",
	    "$TTL 2147483648 is above 2147483647");
	expect_rr("ttl/top-bit", 0, "a.example.com.", "A", 0, false, 3, 3);
	expect_problem("ttl/top-bit", 1, f, 4, "ttl-too-large",
	    "TTL 3551w is above 2147483647");
	expect_rr("ttl/top-bit", 1, "b.example.com.", "A", 0, true, 4, 4);
	expect_rr("ttl/top-bit", 2, "c.example.com.", "A", 2147483647u, true,
	    5, 5);
}

/* The other ways a TTL with the top bit set comes, each said where BIND
 * says "> MAXTTL, setting $TTL to 0": an SOA minimum taken as the default
 * TTL (no $TTL), and a $GENERATE whose records all fall outside the zone
 * (BIND warns before it drops them). */
static void
test_ttl_top_bit_elsewhere(void)
{
	const char *f = tmp_path("ttl-top-bit-soa.zone");
	FILE *fp = fopen(f, "w");
	size_t i, said[8] = { 0 }, zero = 0;

	if (fp == NULL) {
		UNIT_CHECK(0, "ttl/top-bit-elsewhere: cannot write %s", f);
		return;
	}
	fputs("$ORIGIN example.\n"
	      "@ SOA ns1 host 1 7200 900 1209600 3000000000\n"
	      "@ NS ns1\nns1 A 192.0.2.1\n"
	      "$GENERATE 1-3 h$.other. 3000000000 A 192.0.2.$\n", fp);
	fclose(fp);
	read_zone(f);
	for (i = 0; i < S.nproblem; i++) {
		if (strcmp(S.problem[i].rule, "ttl-too-large") == 0 &&
		    S.problem[i].line < 8) {
			said[S.problem[i].line]++;
		}
	}
	for (i = 0; i < S.nrr; i++) {
		zero += S.rr[i].ttl == 0;
	}
	UNIT_CHECK(said[2] == 1 && said[5] == 1 && S.nrr == 3 && zero == 3,
	    "ttl/top-bit-elsewhere: SOA minimum and out-of-zone $GENERATE "
	    "said once each (%zu, %zu), the %zu records read with TTL 0 "
	    "(%zu)", said[2], said[5], S.nrr, zero);
}

/* TTLs of 1 to 11 digits, leading zeros included: up to 2147483647
 * they are read as written; above it and within 32 bits read as 0 with a
 * ttl-too-large warning, as BIND 9.18 loads them (RFC 2181 8); past 32
 * bits refused, as BIND and Knot refuse them; whether the nine-digit
 * shortcut or zg_period_parse reads them. */
static void
test_ttl_digits(void)
{
	unsigned long seed = 20261201;
	unsigned n, bad = 0, refused = 0, read = 0, zeroed = 0;

	for (n = 0; n < 40; n++) {
		unsigned long long want[50];
		FILE *f = fopen(tmp_path("ttl-digits.zone"), "w");
		size_t k, got = 0, prob = 0;

		if (f == NULL) {
			bad++;
			break;
		}
		fputs("$ORIGIN example.com.\n", f);
		for (k = 0; k < 50; k++) {
			char digits[16];
			unsigned len, j;

			seed = seed * 6364136223846793005u +
			    1442695040888963407u;
			len = 1 + (unsigned)(seed >> 33) % 11;
			want[k] = 0;
			for (j = 0; j < len; j++) {
				unsigned d = (unsigned)(seed >> (j * 3 % 30)) % 10;

				digits[j] = (char)('0' + ((seed >> 60) % 3 == 0 &&
				    j < 2 ? 0 : d));
				want[k] = want[k] * 10 + (unsigned)(digits[j] -
				    '0');
			}
			digits[len] = '\0';
			fprintf(f, "h%zu %s A 192.0.2.1\n", k, digits);
		}
		fclose(f);
		read_zone(tmp_path("ttl-digits.zone"));
		for (k = 0; k < 50; k++) {
			if (want[k] > 4294967295u) {
				bad += prob >= S.nproblem || strstr(
				    S.problem[prob].message, "larger than "
				    "4294967295") == NULL;
				prob++;
				refused++;
			} else if (want[k] > 2147483647u) {
				bad += prob >= S.nproblem || strcmp(
				    S.problem[prob].rule, "ttl-too-large") != 0;
				bad += got >= S.nrr || S.rr[got].ttl != 0;
				prob++;
				got++;
				zeroed++;
			} else {
				bad += got >= S.nrr || S.rr[got].ttl != want[k];
				got++;
				read++;
			}
		}
		bad += got != S.nrr || prob != S.nproblem;
	}
	UNIT_CHECK(bad == 0 && refused > 100 && read > 1000 && zeroed > 10,
	    "ttl/digits: 2000 TTLs of 1 to 11 digits (%u wrong, %u read, %u "
	    "read as 0, %u refused)", bad, read, zeroed, refused);
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

	read_zone(FX "owner-runs.zone");
	expect_counts("owner-runs", 8, 0);
	expect_rr("owner-runs", 1, "www.example.com.", "A", 300, false, 6, 6);
	expect_rr("owner-runs", 2, "www.sub.example.com.", "A", 300, false, 8,
	    8);
	expect_rr("owner-runs", 3, "www.sub.example.com.", "A", 300, false, 9,
	    9);
	expect_rr("owner-runs", 4, "www.sub.example.com.", "A", 300, false,
	    10, 10);
	expect_rr("owner-runs", 5, "www.sub.example.com.", "A", 300, false,
	    11, 11);
	expect_rr("owner-runs", 6, "www.example.com.", "A", 300, false, 13,
	    13);
	expect_rr("owner-runs", 7, "WWW.example.com.", "A", 300, false, 14,
	    14);

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

/* --- windows ------------------------------------------------------------ */

/* A small generator of our own: the same files on every run. */
static uint32_t
next_rand(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

/*
 * A zone of n records and lines of every shape the lexer knows (comments
 * alone and inside records, '(' over lines, CRLF and lone CR, long strings
 * and long comment lines, NUL and control bytes, errors), to read with
 * windows much smaller than the file.  Returns how many "ignore id-"
 * comments it wrote.
 */
static unsigned
write_big(const char *path, unsigned n)
{
	FILE *f = fopen(path, "wb");
	uint32_t st = 1;
	unsigned i, k, j, len, ids = 0;

	if (f == NULL) {
		return 0;
	}
	fputs("; zonelint: first comment, alone\n$ORIGIN big.example.\n"
	    "$TTL 300\n@ IN SOA ns1 hostmaster ( ; zonelint: in the SOA\n"
	    "\t1 ; serial\n\t7200 3600 1209600 300 )\n", f);
	for (i = 0; i < n; i++) {
		switch (next_rand(&st) % 16) {
		case 0:
			fprintf(f, "h%u A 192.0.2.%u ; zonelint: ignore "
			    "id-%u\n", i, i % 256, i);
			ids++;
			break;
		case 1:
			fprintf(f, "p%u TXT ( \"one %u\" ; zonelint: inside "
			    "%u\n\t\"two\"\n\t) ; after\n", i, i, i);
			break;
		case 2:
			fprintf(f, "; zonelint: alone %u\n", i);
			break;
		case 3:
			fprintf(f, "c%u\tIN\tMX 10 mx.example.\r\n", i);
			break;
		case 4:
			len = next_rand(&st) % 3000;
			fprintf(f, "t%u TXT", i);
			for (k = 0; k < len; k += 200) {
				fputs(" \"", f);
				for (j = k; j < len && j < k + 200; j++) {
					fputc('a' + (int)(j % 26), f);
				}
				fputc('"', f);
			}
			fputc('\n', f);
			break;
		case 5:
			fputs("\tA 192.0.2.200\n", f);
			break;
		case 6:
			fputs("\n  \n\t\n", f);
			break;
		case 7:
			fprintf(f, "bad%u A 300.%u.1.1\n", i, i % 256);
			break;
		case 8:
			fprintf(f, "u%u TXT \"open ; zonelint: in a string\n",
			    i);
			break;
		case 9:
			len = next_rand(&st) % 2500;
			fputc(';', f);
			for (k = 0; k < len; k++) {
				fputc('-', f);
			}
			fprintf(f, " zonelint: long %u\n", i);
			break;
		case 10:
			fprintf(f, "r%u A 192.0.2.1\r", i);
			break;
		case 11:
			fprintf(f, "$TTL %u\ns%u A 192.0.2.2 ) ; stray\n",
			    60 + i, i);
			break;
		case 12:
			fprintf(f, "e\\065%u TXT \"a\\\"b;\" c\\ d ; zonelint: "
			    "escapes %u\n", i, i);
			break;
		case 13:
			fprintf(f, "n%u TXT \"x", i);
			fputc('\0', f);
			fputs("y\" \x01\n", f);
			break;
		case 14:
			fprintf(f, "m%u ( A\n 192.0.2.%u\r\n ; zonelint: paren "
			    "%u\n )\n", i, i % 256, i);
			break;
		default:
			fprintf(f, "b%u A 192.0.2.1 \\\n", i);
			break;
		}
	}
	fputs("last TXT \"no line end at the end\"", f);
	fclose(f);
	return ids;
}

/* An unbalanced '(' that the 1000-line limit ends, then one that the end
 * of the file ends: both read again from the line after the '('. */
static void
write_paren(const char *path)
{
	FILE *f = fopen(path, "wb");
	unsigned i;

	if (f == NULL) {
		return;
	}
	fputs("$ORIGIN par.example.\na A 192.0.2.1\n"
	    "x TXT ( \"open\" ; zonelint: open\n", f);
	for (i = 0; i < 1100; i++) {
		switch (i % 5) {
		case 0:
			fprintf(f, "\t\"indented %u\" ; zonelint: ind %u\n", i,
			    i);
			break;
		case 1:
			fprintf(f, "; zonelint: c %u\r\n", i);
			break;
		case 2:
			fputs("\r\n", f);
			break;
		case 3:
			fprintf(f, "y%u A 192.0.2.1 ; zonelint: y %u\n", i, i);
			break;
		default:
			fprintf(f, " \"more %u\"\r", i);
			break;
		}
	}
	/* The body skipped after the next one runs over many windows, with
	 * CRLF line ends of every length. */
	fputs("w TXT ( \"open3\"\r\n", f);
	for (i = 0; i < 6000; i++) {
		fprintf(f, i % 3 ? "  \"%.*s\"\r\n" : " ;%.*s\r\n",
		    (int)(i * 7 % 23), "iiiiiiiiiiiiiiiiiiiiiiiii");
	}
	fputs("z A 192.0.2.2\nend TXT ( \"open2\"\n  \"more\" ; zonelint: m\n"
	    "last A 192.0.2.3 ; zonelint: last\n \"tail\"\n", f);
	fclose(f);
}

/* Read path with a first window of window bytes: the callbacks include
 * want (several lines, each ending with '\n'). */
static void
expect_trace(const char *name, const char *path,
    const zl_read_options_t *opts, size_t window, const char *want)
{
	trace_t t = { 0 };

	trace_read(&t, path, NULL, opts, window);
	UNIT_CHECK(count_substr(&t, want) == 1,
	    "windows: %s, window of %zu bytes: \"%.*s\"", name, window,
	    (int)strcspn(want, "\n"), want);
	free(t.p);
}

static const zl_read_options_t OPTS_CUT = { .size_max = 80 };
static const zl_read_options_t OPTS_FEW = { .records_max = 1 };
static const zl_read_options_t OPTS_ORIGIN = { .origin = "example.net" };

/* Every fixture under dir, in name order, with every window. */
static void
windows_fixtures(const char *dir)
{
	struct dirent **names;
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	UNIT_CHECK(n > 2, "windows: %s lists", dir);
	for (i = 0; i < n; i++) {
		char path[512], name[600];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (names[i]->d_name[0] == '.' || stat(path, &st) != 0) {
			free(names[i]);
			continue;
		}
		free(names[i]);
		if (S_ISDIR(st.st_mode)) {
			windows_fixtures(path);
			continue;
		}
		check_windows(path, path, NULL, NULL, NULL, 0, NULL);
		snprintf(name, sizeof(name), "%s, size cap 80", path);
		check_windows(name, path, NULL, &OPTS_CUT, FEW_WINDOWS,
		    sizeof(FEW_WINDOWS) / sizeof(FEW_WINDOWS[0]), NULL);
		snprintf(name, sizeof(name), "%s, 1 record at most", path);
		check_windows(name, path, NULL, &OPTS_FEW, FEW_WINDOWS,
		    sizeof(FEW_WINDOWS) / sizeof(FEW_WINDOWS[0]), NULL);
		snprintf(name, sizeof(name), "%s, --origin", path);
		check_windows(name, path, NULL, &OPTS_ORIGIN, FEW_WINDOWS,
		    sizeof(FEW_WINDOWS) / sizeof(FEW_WINDOWS[0]), NULL);
	}
	free(names);
}

/* After test_generated: its files are still there. */
static void
test_windows(void)
{
	static const size_t long_windows[] = { 1, 7, 64, 4096 };
	static const size_t some_windows[] = { 1, 13, 4096 };
	const size_t nfew = sizeof(FEW_WINDOWS) / sizeof(FEW_WINDOWS[0]);
	zl_read_options_t o = { 0 };
	trace_t t = { 0 };
	const char *p;
	unsigned ids, ws;

	windows_fixtures("fixtures/read");
	check_windows("crlf", tmp_path("crlf.zone"), NULL, NULL, NULL, 0,
	    NULL);
	check_windows("lone cr", tmp_path("cr.zone"), NULL, NULL, NULL, 0,
	    NULL);
	check_windows("control bytes", tmp_path("nul.zone"), NULL, NULL,
	    NULL, 0, NULL);
	check_windows("symlink escape", tmp_path("inc.zone"), NULL, NULL,
	    NULL, 0, NULL);
	check_windows("long lines", tmp_path("long.zone"), NULL, NULL,
	    long_windows, 4, NULL);
	check_windows("stdin", "-", FX "multiline.zone", NULL, NULL, 0, NULL);
	check_windows("stdin, size cap", "-", FX "owners.zone", &OPTS_CUT,
	    NULL, 0, NULL);

	/* A file of many windows: records, '(' spans and comments across
	 * every window boundary. */
	p = tmp_path("big.zone");
	ids = write_big(p, 1500);
	check_windows("big", p, NULL, NULL, FEW_WINDOWS, nfew, &t);
	UNIT_CHECK(ids > 50 && count_substr(&t, "zonelint: ignore id-") ==
	    ids, "windows: big: each of %u comments reported once", ids);
	UNIT_CHECK(count_substr(&t, "comment ") > ids &&
	    count_substr(&t, "record ") > 500 &&
	    count_substr(&t, "end 0") == 0, "windows: big: read to the end");
	free(t.p);
	o.size_max = 50000;
	check_windows("big, size cap", p, NULL, &o, FEW_WINDOWS, nfew, NULL);
	o.size_max = 4097;
	check_windows("big, size cap 4097", p, NULL, &o, FEW_WINDOWS, nfew,
	    NULL);
	o.size_max = 0;
	o.records_max = 10;
	check_windows("big, 10 records", p, NULL, &o, FEW_WINDOWS, nfew,
	    NULL);
	check_windows("big, --origin", p, NULL, &OPTS_ORIGIN, some_windows,
	    3, NULL);
	check_windows("big on stdin", "-", p, NULL, some_windows, 3, NULL);

	p = tmp_path("paren.zone");
	write_paren(p);
	check_windows("paren", p, NULL, NULL, NULL, 0, &t);
	UNIT_CHECK(count_substr(&t, "no ')' within 1000 lines") == 2 &&
	    count_substr(&t, "no ')' before the end of the file") == 1,
	    "windows: paren: the three unbalanced '(' found");
	/* The lines after an unbalanced '(' are read twice, and so are
	 * their comments (as before windows; the suppressions do not
	 * mind). */
	UNIT_CHECK(count_substr(&t, "paren.zone:7 0  zonelint: y 3\n") == 2,
	    "windows: paren: a comment read again is reported again");
	free(t.p);

	/* The line counts and limits the reader always gave. */
	for (ws = 0; ws < 2; ws++) {
		size_t w = ws ? 1 : 0;

		expect_trace("size cap 80", FX "owners.zone", &OPTS_CUT, w,
		    "problem " FX "owners.zone:4 limit-exceeded file larger "
		    "than 80 bytes: the rest was not read\nend 3\n");
		o.records_max = 0;
		o.size_max = 5;
		expect_trace("size cap 5", FX "owners.zone", &o, w,
		    "problem " FX "owners.zone:1 limit-exceeded file larger "
		    "than 5 bytes: the rest was not read\nend 0\n");
		expect_trace("1 record", FX "owners.zone", &OPTS_FEW, w,
		    "problem " FX "owners.zone:4 limit-exceeded more than 1 "
		    "records: the rest of the file was not read\nend 4\n");
		expect_trace("no newline, 1 record", FX "no-newline.zone",
		    &OPTS_FEW, w, "end 3\n");
		expect_trace("no newline", FX "no-newline.zone", NULL, w,
		    "end 3\n");
		expect_trace("empty", FX "empty.zone", NULL, w, "end 0\n");
		/* The origin pass reads the whole 100 bytes, the line cut at
		 * the cap too; the records end at the last complete line. */
		o.size_max = 100;
		expect_trace("origin from a cut line", FX "origin-soa.zone",
		    &o, w, "begin example.org. SOA\nproblem " FX
		    "origin-soa.zone:2 limit-exceeded file larger than 100 "
		    "bytes: the rest was not read\nend 1\n");
	}
}

static void
cleanup(void)
{
	static const char *names[] = { "crlf.zone", "cr.zone", "nul.zone",
		"long.zone", "link.zone", "inc.zone", "big.zone",
		"paren.zone" };
	size_t i;
	char name[32];

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		unlink(tmp_path(names[i]));
	}
	unlink(tmp_path("piped-large.zone"));
	unlink(tmp_path("piped-inc.zone"));
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "piped-inc%zu.zone", i);
		unlink(tmp_path(name));
	}
	rmdir(tmpdir);
}

/*
 * The block-wise scanners of lint/scan.h against their byte loops: for
 * every start in 20,000 random buffers (bytes drawn mostly from the ones
 * that stop a word or a string, and from plain text, with runs longer
 * than a block), both must find the same stopping byte.
 */
static void
test_scan(void)
{
	static const uint8_t pick[] = { ' ', '\t', '\n', '\r', ';', '(', ')',
		'"', '\\', 0, 1, 0x1f, 0x7f, 0x80, 0xff, 'a', 'Z', '0', '.',
		0x21, 0x5b, 0x1e };
	uint64_t x = 0x2545f4914f6cdd1du;
	unsigned n, wrong = 0, starts = 0;

	for (n = 0; n < 20000; n++) {
		uint8_t b[200];
		size_t len, i, run;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = (size_t)(x % (sizeof(b) - 1));
		run = 1 + (size_t)(x >> 20) % 40; /* plain bytes per stop */
		for (i = 0; i < len; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			b[i] = x % run == 0 ? pick[(x >> 8) % sizeof(pick)]
					    : (uint8_t)('!' + (x >> 16) % 94 +
						(x >> 30) % 2 * 0x80);
		}
		b[len] = 0;
		for (i = 0; i <= len; i++) {
			starts++;
			wrong += zl_scan_word(b, i, len) !=
			    zl_scan_word_bytes(b, i);
			wrong += zl_scan_quoted(b, i, len) !=
			    zl_scan_quoted_bytes(b, i);
		}
	}
	UNIT_CHECK(wrong == 0 && starts > 1000000,
	    "read/scan-blocks-as-bytes (%u starts, %u wrong)", starts, wrong);
}

/*
 * A linter slower than the reader: every SLOW_EVERY records, fewer than
 * a chunk holds (but for the last ones, which may all fit in the pool),
 * it waits, up to 10 seconds, until the reader waits for a free chunk
 * (it comes to that: the pool empties while this thread waits).
 */
#define SLOW_RECORDS 100000u
#define SLOW_EVERY 500u
struct slow {
	unsigned records;
	unsigned blocked; /* times this thread saw the reader wait */
};

static void
slow_record(void *ctx, const zl_record_t *rec)
{
	struct slow *s = ctx;
	struct timespec nap = { 0, 100000 };
	unsigned k;

	(void)rec;
	if (++s->records % SLOW_EVERY != 0 ||
	    s->records + 15000 > SLOW_RECORDS) {
		return;
	}
	for (k = 0; k < 100000 && atomic_load(&zl_pipe_waiting) == 0; k++) {
		nanosleep(&nap, NULL);
	}
	s->blocked += atomic_load(&zl_pipe_waiting) != 0;
}

/*
 * The reader, finding no chunk free, waits for half of them (lint/pipe.c,
 * take_pooled), not for one: each wait, and the linter's call to wake it,
 * then serves four chunks.  So it waits at most once every four chunks
 * it takes (and once more for each probe, at most six), where waiting
 * for one chunk waited about once a chunk.
 */
static void
test_piped_slow(void)
{
	static const zl_read_callbacks_t cb = { .record = slow_record };
	const char *p = tmp_path("piped-slow.zone");
	struct slow s = { 0, 0 };
	unsigned long waits, taken, tends;
	char err[256];
	FILE *f;
	unsigned i;
	int rc;

	if ((f = fopen(p, "wb")) != NULL) {
		fputs("$ORIGIN slow.example.\n@ 300 SOA ns hm 1 2 3 4 5\n", f);
		for (i = 1; i < SLOW_RECORDS; i++) {
			fprintf(f, "h%u A 192.0.2.%u\n", i, i % 256);
		}
		fclose(f);
	}
	waits = atomic_load(&zl_pipe_waits);
	taken = atomic_load(&zl_pipe_taken);
	tends = atomic_load(&zl_pipe_tends);
	rc = zl_read_file_piped(p, NULL, &cb, &s, err, sizeof(err));
	waits = atomic_load(&zl_pipe_waits) - waits;
	taken = atomic_load(&zl_pipe_taken) - taken;
	tends = atomic_load(&zl_pipe_tends) - tends;
	UNIT_CHECK(rc == 0 && s.records == SLOW_RECORDS &&
	    s.blocked == (SLOW_RECORDS - 15000) / SLOW_EVERY &&
	    taken > 40 && waits * 4 <= taken + 4 * 7,
	    "piped: a slow linter: every record, the reader waited %lu times "
	    "for %lu chunks (%u times seen)", waits, taken, s.blocked);
	/* The wiring (what a tend does: test_names, mem/heap-huge).  (A
	 * tend may find a chunk back when it is done: no wait.) */
	UNIT_CHECK(tends >= waits && waits > 0,
	    "piped: a slow linter: the reader tended the linter's heap "
	    "before each wait (%lu times, %lu waits)", tends, waits);
	unlink(p);
}

/*
 * What only the piped reader has: events larger than its chunks of 64
 * KiB, files that change in the middle of a chunk and at its start,
 * many chunks, files that cannot be read.
 */
static void
test_piped(void)
{
	trace_t t = { 0 };
	const char *p;
	FILE *f;
	unsigned i, k;

	/* Records of 65,280 octets of rdata and comments of 100 KB. */
	p = tmp_path("piped-large.zone");
	if ((f = fopen(p, "wb")) != NULL) {
		fputs("$ORIGIN large.example.\n$TTL 300\n@ SOA ns hm 1 2 3 4 5\n",
		    f);
		for (i = 0; i < 12; i++) {
			fprintf(f, "t%u TXT (", i);
			for (k = 0; k < 255; k++) {
				fprintf(f, " \"%0255u\"", k);
			}
			fputs(" )\n", f);
			if (i % 3 == 0) {
				fputs("; zonelint: ignore x ", f);
				for (k = 0; k < 100000; k++) {
					fputc('a' + (char)(k % 26), f);
				}
				fputc('\n', f);
			}
			fprintf(f, "a%u A 192.0.2.%u\n", i, i);
		}
		fclose(f);
	}
	check_windows("piped, large records and comments", p, NULL, NULL,
	    FEW_WINDOWS + 9, 3, &t);
	UNIT_CHECK(count_substr(&t, "\nrecord ") == 25 &&
	    count_substr(&t, "comment ") == 4,
	    "piped: large: 25 records and 4 comments");
	free(t.p);

	/* 40 included files, taken in turn, 3,000 records in all. */
	for (k = 0; k < 40; k++) {
		char name[32];

		snprintf(name, sizeof(name), "piped-inc%u.zone", k);
		if ((f = fopen(tmp_path(name), "wb")) != NULL) {
			for (i = 0; i < 1 + k * 3; i++) {
				fprintf(f, "i%u-%u TXT \"included %u of file "
				    "%u\" ; zonelint: ignore t-%u\n", k, i, i,
				    k, i);
			}
			fclose(f);
		}
	}
	p = tmp_path("piped-inc.zone");
	if ((f = fopen(p, "wb")) != NULL) {
		fputs("$ORIGIN inc.example.\n@ 300 SOA ns hm 1 2 3 4 5\n", f);
		for (i = 0; i < 1000; i++) {
			fprintf(f, "m%u A 192.0.2.%u\n", i, i % 256);
			if (i % 25 == 0) {
				fprintf(f, "$INCLUDE piped-inc%u.zone\n",
				    i / 25);
			}
		}
		fclose(f);
	}
	check_windows("piped, 40 included files", p, NULL, NULL,
	    FEW_WINDOWS + 10, 2, &t);
	UNIT_CHECK(count_substr(&t, "\nrecord ") == 1 + 1000 + 40 + 3 * 780,
	    "piped: includes: every record");
	free(t.p);

	/* Included files one right after the other: each file's name is a
	 * string of its own, never at the address of the one before (the
	 * piped reader tells files apart by the address: lint/read.h). */
	for (k = 0; k < 6; k++) {
		char name[32];

		snprintf(name, sizeof(name), "piped-seq%u.zone", k);
		if ((f = fopen(tmp_path(name), "wb")) != NULL) {
			fprintf(f, "s%u A 192.0.2.%u\n", k, k);
			fclose(f);
		}
	}
	p = tmp_path("piped-seq.zone");
	if ((f = fopen(p, "wb")) != NULL) {
		fputs("$ORIGIN seq.example.\n@ 300 SOA ns hm 1 2 3 4 5\n", f);
		for (k = 0; k < 6; k++) {
			fprintf(f, "$INCLUDE piped-seq%u.zone\n", k);
		}
		fclose(f);
	}
	check_windows("piped, included files in a row", p, NULL, NULL,
	    FEW_WINDOWS + 10, 2, &t);
	UNIT_CHECK(count_substr(&t, "piped-seq3.zone:1-1 ") == 1,
	    "piped: included files in a row: each record in its own file");
	free(t.p);

	/* A file that is not there, and a folder. */
	memset(&t, 0, sizeof(t));
	trace_read(&t, tmp_path("not-there.zone"), NULL, NULL, 0);
	check_piped("piped, no such file", &t, tmp_path("not-there.zone"),
	    NULL, NULL);
	UNIT_CHECK(count_substr(&t, "rc -1 cannot open ") == 1,
	    "piped: no such file: rc -1");
	free(t.p);
	memset(&t, 0, sizeof(t));
	trace_read(&t, tmpdir, NULL, NULL, 0);
	check_piped("piped, a folder", &t, tmpdir, NULL, NULL);
	UNIT_CHECK(count_substr(&t, "rc -1 ") == 1, "piped: a folder: rc -1");
	free(t.p);
}

/*
 * Random zones read with and without the lexer's fast way for lines of
 * plain words: the same callbacks, in the same order.  Lines mix plain
 * words, blanks and tabs at either end, blank lines, comments, quotes,
 * parentheses over lines, backslashes, CR LF, lone CR, control bytes,
 * bytes above 0x7f and no LF at the end; windows of a few sizes make
 * lines end at the window's edge.
 */
static void
test_fast_lines(void)
{
	static const char *const pieces[] = {
		"a", "www", "mail.example.com.", "@", "3600", "IN", "A",
		"192.0.2.1", "AAAA", "2001:db8::1", "MX", "10", "TXT",
		"\"v=spf1 -all\"", "NS", "ns1", "CNAME", "x.example.",
		"(", ")", "; a comment", ";", "\\.", "a\\032b", "\r",
		"\x01", "\x7f", "\xc3\xa9", "\"\"", "SOA", "ns hm 1 2 3 4 5",
	};
	unsigned long seed = 20261130;
	unsigned n, bad = 0, records = 0, problems = 0;
	static const size_t windows[] = { 7, 64, 4096 };

	for (n = 0; n < 300; n++) {
		char name[32];
		FILE *f;
		unsigned line, lines;
		trace_t a = { 0 }, b = { 0 };
		size_t w;

		snprintf(name, sizeof(name), "fast%u.zone", n % 8);
		if ((f = fopen(tmp_path(name), "wb")) == NULL) {
			continue;
		}
		fputs("$ORIGIN example.com.\n$TTL 300\n", f);
		seed = seed * 6364136223846793005u + 1442695040888963407u;
		lines = 1 + (unsigned)(seed >> 33) % 40;
		for (line = 0; line < lines; line++) {
			unsigned k, words;

			seed = seed * 6364136223846793005u +
			    1442695040888963407u;
			words = (unsigned)(seed >> 40) % 7;
			if ((seed >> 20) % 4 == 0) {
				fputc((seed >> 22) % 2 ? '\t' : ' ', f);
			}
			if ((seed >> 30) % 2 == 0) {
				/* a record as zones have them */
				fprintf(f, "h%u%s%s%sA%s192.0.2.%u",
				    (unsigned)(seed >> 44) % 50,
				    (seed >> 24) % 2 ? "\t" : " ",
				    (seed >> 25) % 2 ? "300 " : "",
				    (seed >> 26) % 2 ? "IN\t" : "",
				    (seed >> 27) % 2 ? "\t\t" : " ",
				    (unsigned)(seed >> 50) % 250);
				words = (unsigned)(seed >> 52) % 3 == 0;
				fputs(words ? " " : "", f);
			}
			if ((seed >> 28) % 4 == 0) {
				/* a long line: words across 64-byte blocks */
				words += 8 + (unsigned)(seed >> 36) % 12;
			}
			for (k = 0; k < words; k++) {
				unsigned long r = seed >> (k * 5 % 50);
				/* mostly plain words, sometimes anything */
				unsigned pick = (r % 10 < 8) ? (unsigned)(r >> 4) %
				    18 : (unsigned)(r >> 4) % (sizeof(pieces) /
				    sizeof(pieces[0]));

				seed = seed * 6364136223846793005u +
				    1442695040888963407u;
				if ((seed >> 33) % 5 == 0) {
					/* a plain word of 1 to 90 bytes */
					unsigned len = 1 + (unsigned)(seed >> 40) %
					    90, j;

					for (j = 0; j < len; j++) {
						fputc('a' + (int)(j * 7 % 26), f);
					}
				} else {
					fputs(pieces[pick], f);
				}
				fputs((r >> 9) % 3 == 0 ? "\t" : (r >> 11) % 5 ==
				    0 ? "   " : " ", f);
			}
			if ((seed >> 60) % 8 == 0) {
				fputs("\r", f);
			}
			if (line + 1 < lines || (seed >> 58) % 4 != 0) {
				fputc('\n', f);
			}
		}
		fclose(f);
		w = windows[n % 3];
		zl_read_no_fast_lines = true;
		trace_read(&a, tmp_path(name), NULL, NULL, w);
		zl_read_no_fast_lines = false;
		trace_read(&b, tmp_path(name), NULL, NULL, w);
		records += count_substr(&a, "\nrecord ");
		problems += count_substr(&a, "\nproblem ");
		if (a.failed || b.failed || a.len != b.len ||
		    memcmp(a.p, b.p, a.len) != 0) {
			if (bad++ == 0) {
				trace_show_diff(&a, &b);
			}
		}
		free(a.p);
		free(b.p);
	}
	UNIT_CHECK(bad == 0 && records > 1000 && problems > 1000,
	    "read/fast-lines: 300 random zones read the same with and without "
	    "the fast way for plain lines (%u differ, %u records, %u "
	    "problems)", bad, records, problems);
}

int
main(void)
{
	test_scan();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_read.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_origin();
	test_directives();
	test_generate();
	test_ttl();
	test_ttl_bind();
	test_ttl_digits();
	test_ttl_top_bit();
	test_ttl_top_bit_elsewhere();
	test_owners();
	test_lexical_fixtures();
	test_include();
	test_generated();
	test_windows();
	test_piped();
	test_piped_slow();
	test_fast_lines();
	cleanup();
	UNIT_CHECK(records_disagree == 0 && records_wire > 100,
	    "read/record-wire-decodes-in-ldns (%u records, %u disagree)",
	    records_wire, records_disagree);
	free(wire);
	return unit_summary();
}
