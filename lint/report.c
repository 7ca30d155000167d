/* report.c: collect, sort and print findings (text, JSON, SARIF, GitHub). */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "lint/internal.h"

struct finding {
	char *file;
	unsigned line;
	int rule;
	zg_severity_t severity;
	char *message;
	char *owner; /* or NULL */
	uint16_t type;
	size_t seq;  /* insertion order in its file's report */
	const char *top; /* the top-level file it came through (in tops) */
	bool dropped; /* suppressed inline */
};

struct zl_report {
	struct finding *items;
	size_t count;
	size_t capacity;
	size_t files;
	const int *severity; /* per rule overrides, or NULL */
	struct file_lines {
		char *file;
		unsigned lines;
	} *lines;            /* per file read */
	size_t nlines;
	size_t lines_cap;
	/* lines[] by file name, the first of each name (file_lines). */
	struct zl_set lines_set;
	char **tops;         /* top-level files merged, in merge order */
	size_t ntops;
	size_t tops_cap;
	/* The findings by file, line and rule, for suppressions: key
	 * finding_key(), a: the first finding + 1; chain[i]: the next + 1.
	 * Valid while `indexed` equals count. */
	struct zl_table *index; /* made by the first suppression */
	uint32_t *chain;
	size_t indexed;
	bool nomem;
	/* Files are linted in parallel with -j: every change holds it. */
	pthread_mutex_t lock;
};

zl_report_t *
zl_report_new(void)
{
	zl_report_t *report = calloc(1, sizeof(zl_report_t));

	if (report != NULL && pthread_mutex_init(&report->lock, NULL) != 0) {
		free(report);
		return NULL;
	}
	return report;
}

void
zl_report_free(zl_report_t *report)
{
	size_t i;

	if (report == NULL) {
		return;
	}
	for (i = 0; i < report->count; i++) {
		free(report->items[i].file);
		free(report->items[i].message);
		free(report->items[i].owner);
	}
	free(report->items);
	for (i = 0; i < report->nlines; i++) {
		free(report->lines[i].file);
	}
	free(report->lines);
	zl_set_free(&report->lines_set);
	for (i = 0; i < report->ntops; i++) {
		free(report->tops[i]);
	}
	free(report->tops);
	if (report->index != NULL) {
		zl_table_free(report->index);
		free(report->index);
	}
	free(report->chain);
	pthread_mutex_destroy(&report->lock);
	free(report);
}

void
zl_report_set_options(zl_report_t *report, const int *severity)
{
	report->severity = severity;
}

const int *
zl_report_overrides(const zl_report_t *report)
{
	return report->severity;
}

zl_report_t *
zl_report_new_file(const zl_report_t *parent)
{
	zl_report_t *report = zl_report_new();

	if (report != NULL) {
		report->severity = parent->severity;
	}
	return report;
}

/* The file lines of a look-up: `probe` is the name looked for, item
 * UINT32_MAX of lines_eq. */
struct lines_probe {
	const struct file_lines *lines;
	const char *probe;
};

static bool
lines_eq(const void *ctx, uint32_t a, uint32_t b)
{
	const struct lines_probe *p = ctx;

	return strcmp(p->lines[a].file,
	    b == UINT32_MAX ? p->probe : p->lines[b].file) == 0;
}

/* Index lines[i] by its file's name, unless that name has an entry
 * already (the first counts, as a scan from the start would find);
 * false when out of memory. */
static bool
lines_index(zl_report_t *report, size_t i)
{
	struct lines_probe p = { report->lines, NULL };
	const char *file = report->lines[i].file;
	uint32_t found;

	zl_hash_init();
	return i < UINT32_MAX && zl_set_add(&report->lines_set,
	    zl_hash_bytes(file, strlen(file)), (uint32_t)i, lines_eq, &p,
	    &found) >= 0;
}

void
zl_report_merge(zl_report_t *into, zl_report_t *from, const char *top)
{
	char *copy = strdup(top);
	size_t i;

	pthread_mutex_lock(&into->lock);
	if (copy == NULL ||
	    !zl_grow((void **)&into->tops, &into->tops_cap, into->ntops + 1,
		sizeof(*into->tops)) ||
	    !zl_grow((void **)&into->items, &into->capacity,
		into->count + from->count, sizeof(*into->items)) ||
	    !zl_grow((void **)&into->lines, &into->lines_cap,
		into->nlines + from->nlines, sizeof(*into->lines))) {
		into->nomem = true;
		free(copy);
		pthread_mutex_unlock(&into->lock);
		zl_report_free(from);
		return;
	}
	into->tops[into->ntops++] = copy;
	for (i = 0; i < from->count; i++) {
		into->items[into->count] = from->items[i];
		into->items[into->count++].top = copy;
	}
	from->count = 0;
	if (from->nlines > 0) {
		memcpy(into->lines + into->nlines, from->lines,
		    from->nlines * sizeof(*from->lines));
	}
	for (i = 0; i < from->nlines; i++) {
		into->nomem |= !lines_index(into, into->nlines++);
	}
	from->nlines = 0;
	into->files += from->files;
	into->nomem |= from->nomem;
	pthread_mutex_unlock(&into->lock);
	zl_report_free(from);
}

/*
 * The index key of a finding's file, line and rule: the run's keyed hash
 * of the file's name mixed with the line and rule.  Findings of one line
 * and rule in many files (one file $INCLUDEd under many spellings) get
 * keys of their own, so that a suppression walks only its own; the walk
 * compares file, line and rule exactly, no hash decides alone.
 */
static uint64_t
finding_key(const char *file, unsigned line, int rule)
{
	uint64_t h = zl_hash_bytes(file, strlen(file));

	return zl_exact_key((h ^ zl_exact_key((uint64_t)line << 8 |
	    (uint64_t)(rule & 0xff))) >> 1);
}

/* Index the findings by line and rule (the lock held); false when out of
 * memory. */
static bool
index_findings(zl_report_t *report)
{
	uint32_t *chain;
	size_t i;

	if (report->indexed == report->count && report->chain != NULL) {
		return true;
	}
	zl_hash_init();
	if (report->index == NULL &&
	    (report->index = calloc(1, sizeof(*report->index))) == NULL) {
		return false;
	}
	zl_table_free(report->index);
	if ((chain = realloc(report->chain, (report->count + 1) *
	    sizeof(*chain))) == NULL) {
		return false;
	}
	report->chain = chain;
	for (i = report->count; i > 0; i--) {
		const struct finding *f = &report->items[i - 1];
		struct zl_slot *s;
		bool added;

		if ((s = zl_table_get(report->index, finding_key(f->file,
		    f->line, f->rule), &added)) == NULL) {
			return false;
		}
		chain[i - 1] = added ? 0 : s->a;
		s->a = (uint32_t)i;
	}
	report->indexed = report->count;
	return true;
}

size_t
zl_report_suppress(zl_report_t *report, const char *file, unsigned line,
    int rule)
{
	struct zl_slot *s;
	uint32_t *link;
	size_t n = 0;

	pthread_mutex_lock(&report->lock);
	if (!index_findings(report)) {
		report->nomem = true;
		pthread_mutex_unlock(&report->lock);
		return 0;
	}
	s = zl_table_find(report->index, finding_key(file, line, rule));
	/* Dropped findings leave the chain, so that suppressions written
	 * many times (an $INCLUDE read many times) stay linear. */
	for (link = s != NULL ? &s->a : NULL; link != NULL && *link != 0;) {
		uint32_t i = *link;
		struct finding *f = &report->items[i - 1];

		if (f->dropped || (f->rule == rule && f->line == line &&
		    strcmp(f->file, file) == 0)) {
			n += !f->dropped;
			f->dropped = true;
			*link = report->chain[i - 1];
			continue;
		}
		link = &report->chain[i - 1];
	}
	pthread_mutex_unlock(&report->lock);
	return n;
}

void
zl_report_file_lines(zl_report_t *report, const char *file, unsigned lines)
{
	struct file_lines *p;

	char *copy = strdup(file);

	pthread_mutex_lock(&report->lock);
	if (report->nlines == report->lines_cap) {
		size_t cap = report->lines_cap ? report->lines_cap * 2 : 16;

		p = realloc(report->lines, cap * sizeof(*p));
		if (p != NULL) {
			report->lines = p;
			report->lines_cap = cap;
		}
	}
	if (copy == NULL || report->nlines == report->lines_cap) {
		free(copy);
		report->nomem = true;
	} else {
		report->lines[report->nlines].file = copy;
		report->lines[report->nlines].lines = lines;
		report->nomem |= !lines_index(report, report->nlines++);
	}
	pthread_mutex_unlock(&report->lock);
}

/* The number of lines of a file read, or 0 when unknown: one look-up,
 * not a scan of every file (SARIF asks once per whole-file finding). */
static unsigned
file_lines(const zl_report_t *report, const char *file)
{
	struct lines_probe p = { report->lines, file };
	uint32_t found;

	if (report->nlines > 0 && zl_set_find(&report->lines_set,
	    zl_hash_bytes(file, strlen(file)), UINT32_MAX, lines_eq, &p,
	    &found)) {
		return report->lines[found].lines;
	}
	return 0;
}

void
zl_report_file_read(zl_report_t *report)
{
	pthread_mutex_lock(&report->lock);
	report->files++;
	pthread_mutex_unlock(&report->lock);
}

/* Append one finding (the lock held). */
static void
report_push(zl_report_t *report, int rule, int sev, const char *file,
    unsigned line, const char *owner, uint16_t type, const char *text)
{
	struct finding *f;

	if (report->count == report->capacity) {
		size_t cap = report->capacity ? report->capacity * 2 : 32;
		struct finding *p = realloc(report->items, cap * sizeof(*p));

		if (p == NULL) {
			report->nomem = true;
			return;
		}
		report->items = p;
		report->capacity = cap;
	}
	f = &report->items[report->count];
	f->file = strdup(file);
	f->message = strdup(text);
	f->owner = owner != NULL ? strdup(owner) : NULL;
	if (f->file == NULL || f->message == NULL ||
	    (owner != NULL && f->owner == NULL)) {
		free(f->file);
		free(f->message);
		free(f->owner);
		report->nomem = true;
		return;
	}
	f->line = line;
	f->rule = rule;
	f->severity = (zg_severity_t)sev;
	f->type = type;
	f->seq = report->count;
	f->top = NULL;
	f->dropped = false;
	report->count++;
}

static void
report_vadd(zl_report_t *report, int rule, int severity, const char *file,
    unsigned line, const char *owner, uint16_t type, const char *fmt,
    va_list ap)
{
	size_t count;
	int sev;
	char text[1024];

	(void)zl_rules(&count);
	if (rule < 0 || (size_t)rule >= count) {
		return;
	}
	if ((sev = zl_rule_severity(report->severity, rule, severity)) ==
	    ZL_SEV_OFF) {
		return;
	}
	vsnprintf(text, sizeof(text), fmt, ap);
	pthread_mutex_lock(&report->lock);
	report_push(report, rule, sev, file, line, owner, type, text);
	pthread_mutex_unlock(&report->lock);
}

void
zl_report_add(zl_report_t *report, int rule, const char *file,
    unsigned line, const char *owner, uint16_t type, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_vadd(report, rule, ZL_SEV_DEFAULT, file, line, owner, type,
	    fmt, ap);
	va_end(ap);
}

void
zl_report_add_severity(zl_report_t *report, int rule, int severity,
    const char *file, unsigned line, const char *owner, uint16_t type,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_vadd(report, rule, severity, file, line, owner, type, fmt,
	    ap);
	va_end(ap);
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a;
	const struct finding *y = b;
	int c = strcmp(x->file, y->file);

	if (c != 0) {
		return c;
	}
	if (x->line != y->line) {
		return x->line < y->line ? -1 : 1;
	}
	/* Two top-level files that include one file: by their names, so
	 * that the order does not depend on which was linted first. */
	if (x->top != y->top && x->top != NULL && y->top != NULL &&
	    (c = strcmp(x->top, y->top)) != 0) {
		return c;
	}
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
zl_report_first_error(const zl_report_t *report, char *msg, size_t size)
{
	const struct finding *first = NULL;
	const zl_rule_t *table;
	size_t count, i;

	if (report->nomem) {
		return -1;
	}
	table = zl_rules(&count);
	for (i = 0; i < report->count; i++) {
		const struct finding *f = &report->items[i];

		if (!f->dropped && f->severity == ZG_SEV_ERROR &&
		    (first == NULL || finding_cmp(f, first) < 0)) {
			first = f;
		}
	}
	if (first == NULL) {
		return 0;
	}
	snprintf(msg, size, "%s [%s]", first->message,
	    table[first->rule].id);
	return 1;
}

zl_counts_t
zl_report_counts(const zl_report_t *report)
{
	zl_counts_t c = { 0, 0, 0, report->files };
	size_t i;

	for (i = 0; i < report->count; i++) {
		if (report->items[i].dropped) {
			continue;
		}
		switch (report->items[i].severity) {
		case ZG_SEV_ERROR:
			c.errors++;
			break;
		case ZG_SEV_WARNING:
			c.warnings++;
			break;
		case ZG_SEV_NOTE:
			c.notes++;
			break;
		}
	}
	return c;
}

static const char *
severity_name(zg_severity_t s)
{
	return s == ZG_SEV_ERROR ? "error" : s == ZG_SEV_WARNING ? "warning"
								 : "note";
}

static void
print_type(FILE *fp, uint16_t type)
{
	char *s = ldns_rr_type2str((ldns_rr_type)type);

	zg_json_write_string(fp, "", s != NULL ? s : "");
	free(s);
}

static size_t
plural(size_t n, const char *word, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, "%zu %s%s", n, word,
	    n == 1 ? "" : "s");
}

/*
 * Untrusted text (file names: raw; messages and owners, whose input parts
 * are escaped already: not raw) in its display form (zg_display), written
 * as `how` wants it: as it is in a text line, as a JSON string, or with
 * GitHub's escaping for a message or a property.
 */
enum show { SHOW_TEXT, SHOW_JSON, SHOW_GITHUB, SHOW_GITHUB_PROPERTY };

static void print_github_escaped(FILE *fp, const char *s, bool property);

static void
show(FILE *fp, const char *s, bool raw, enum show how)
{
	char *d = zg_display(s, raw);
	const char *t = d != NULL ? d : "(out of memory)";

	switch (how) {
	case SHOW_TEXT:
		fputs(t, fp);
		break;
	case SHOW_JSON:
		zg_json_write_string(fp, "", t);
		break;
	case SHOW_GITHUB:
	case SHOW_GITHUB_PROPERTY:
		print_github_escaped(fp, t, how == SHOW_GITHUB_PROPERTY);
		break;
	}
	free(d);
}

/* A failed allocation or write while collecting or printing. */
static zg_status_t
print_status(const zl_report_t *report, FILE *fp)
{
	if (report->nomem) {
		return ZG_ERR_NOMEM;
	}
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}

static void
print_summary(FILE *fp, zl_counts_t c)
{
	char a[32], b[32], d[32], e[32];

	plural(c.files, "file", a, sizeof(a));
	plural(c.errors, "error", b, sizeof(b));
	plural(c.warnings, "warning", d, sizeof(d));
	plural(c.notes, "note", e, sizeof(e));
	fprintf(fp, "zonelint: %s, %s, %s, %s\n", a, b, d, e);
}

/*
 * --- SARIF 2.1.0 (OASIS Standard, with errata 01) ---------------------
 * One log, one run (3.14), the whole rule table as the driver's rules
 * (3.19.23), and one result (3.27) a finding.
 */
#define SARIF_SCHEMA                                                    \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"  \
	"schemas/sarif-schema-2.1.0.json"

/*
 * An unreserved character of RFC 3986 2.3, or '/', which separates the
 * path's segments.  Everything else is percent-encoded (RFC 3986 2.1):
 * spaces, '%', '#', '?', ':' (which would read as a scheme in a first
 * segment, RFC 3986 4.2), '\\' and every byte of a non-ASCII name.
 */
static bool
uri_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~' || c == '/';
}

/*
 * artifactLocation (SARIF 3.4): the file as the user gave it.  A relative
 * path becomes a relative reference against %SRCROOT% (3.4.4, 3.14.14), an
 * absolute one a file URI (RFC 8089 2), standard input the reference
 * "stdin" with no base.  Percent-encoded text needs no JSON escaping.
 */
static void
print_sarif_artifact(FILE *fp, const char *file)
{
	const char *s;

	if (strcmp(file, "-") == 0) {
		fputs("\"artifactLocation\": {\"uri\": \"stdin\"}", fp);
		return;
	}
	fputs("\"artifactLocation\": {\"uri\": \"", fp);
	if (file[0] == '/') {
		fputs("file://", fp);
	}
	for (s = file; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (uri_plain(c)) {
			fputc(c, fp);
		} else {
			fprintf(fp, "%%%02X", (unsigned)c);
		}
	}
	fputc('"', fp);
	if (file[0] != '/') {
		fputs(", \"uriBaseId\": \"%SRCROOT%\"", fp);
	}
	fputc('}', fp);
}

/* reportingDescriptor.name (3.49.7): the id in CamelCase. */
static void
print_sarif_name(FILE *fp, const char *id)
{
	bool upper = true;

	fputc('"', fp);
	for (; *id != '\0'; id++) {
		if (*id == '-') {
			upper = true;
			continue;
		}
		fputc(upper && *id >= 'a' && *id <= 'z' ? *id - 'a' + 'A' : *id,
		    fp);
		upper = false;
	}
	fputc('"', fp);
}

/*
 * helpUri (3.49.12) from the first "RFC NNNN S.S" of a rule's reference:
 * the RFC Editor's page of that RFC, at that section when one is given.
 * Nothing for a reference without an RFC ("provider profile").
 */
static void
print_sarif_help_uri(FILE *fp, const char *reference)
{
	const char *rfc = strstr(reference, "RFC ");
	size_t digits, section;

	if (rfc == NULL) {
		return;
	}
	rfc += 4;
	digits = strspn(rfc, "0123456789");
	if (digits == 0) {
		return;
	}
	fprintf(fp, ", \"helpUri\": \"https://www.rfc-editor.org/rfc/rfc%.*s",
	    (int)digits, rfc);
	if (rfc[digits] == ' ' && rfc[digits + 1] >= '0' &&
	    rfc[digits + 1] <= '9') {
		rfc += digits + 1;
		section = strspn(rfc, "0123456789.");
		while (section > 0 && rfc[section - 1] == '.') {
			section--;
		}
		fprintf(fp, "#section-%.*s", (int)section, rfc);
	}
	fputc('"', fp);
}

/*
 * tool.driver.informationUri (3.19.17): where to learn about the tool.
 * zonelint has no web page of its own, so this is its installed manual
 * page (make install), a real place, set from the Makefile's ZONELINT_MAN
 * (MANDIR/man1/zonelint.1; the Debian package's is zonelint.1.gz).  The
 * Makefile admits only letters, digits and / . _ + - in it: nothing to
 * escape in JSON or to percent-encode in the URI.
 */
#ifndef ZL_MANPAGE
#define ZL_MANPAGE "/usr/local/share/man/man1/zonelint.1"
#endif
#define ZL_INFORMATION_URI "file://" ZL_MANPAGE

static void
print_sarif(const zl_report_t *report, FILE *fp)
{
	const zl_rule_t *table;
	size_t count, i;
	char help[512];

	table = zl_rules(&count);
	fputs("{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n"
	      "  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n"
	      "    {\n"
	      "      \"tool\": {\n"
	      "        \"driver\": {\n"
	      "          \"name\": \"zonelint\",\n"
	      "          \"version\": \"" ZG_VERSION "\",\n"
	      "          \"informationUri\": \"" ZL_INFORMATION_URI "\",\n"
	      "          \"rules\": [",
	    fp);
	for (i = 0; i < count; i++) {
		const zl_rule_t *r = &table[i];

		fputs(i > 0 ? ",\n            {" : "\n            {", fp);
		fputs("\"id\": ", fp);
		zg_json_write_string(fp, "", r->id);
		fputs(", \"name\": ", fp);
		print_sarif_name(fp, r->id);
		fputs(", \"shortDescription\": {\"text\": ", fp);
		zg_json_write_string(fp, "", r->summary);
		/* help (3.49.13): the fix and its reference, as in text. */
		snprintf(help, sizeof(help), "%s (%s)", r->hint, r->rfc);
		fputs("}, \"help\": {\"text\": ", fp);
		zg_json_write_string(fp, "", help);
		fputc('}', fp);
		print_sarif_help_uri(fp, r->rfc);
		fprintf(fp, ", \"defaultConfiguration\": {\"level\": \"%s\"}}",
		    severity_name(r->severity));
	}
	fputs("\n          ]\n        }\n      },\n      \"results\": [", fp);
	for (i = 0; i < report->count; i++) {
		const struct finding *f = &report->items[i];

		fputs(i > 0 ? ",\n        {" : "\n        {", fp);
		fputs("\"ruleId\": ", fp);
		zg_json_write_string(fp, "", table[f->rule].id);
		fprintf(fp, ", \"ruleIndex\": %d, \"level\": \"%s\", "
			    "\"message\": {\"text\": ",
		    f->rule, severity_name(f->severity));
		show(fp, f->message, false, SHOW_JSON);
		fputs("}, \"locations\": [{\"physicalLocation\": {", fp);
		print_sarif_artifact(fp, f->file);
		/*
		 * region.startLine is at least 1 (3.30.5).  A finding at
		 * line 0 (a missing record) is about the whole file: its
		 * region is every line of it, the form the validator's rule
		 * SARIF2017 names for whole-artifact results.
		 */
		if (f->line > 0) {
			fprintf(fp, ", \"region\": {\"startLine\": %u}",
			    f->line);
		} else {
			unsigned n = file_lines(report, f->file);

			fprintf(fp, ", \"region\": {\"startLine\": 1, "
				    "\"endLine\": %u}", n > 0 ? n : 1);
		}
		fputs("}}]}", fp);
	}
	fprintf(fp, "%s]\n    }\n  ]\n}\n", report->count > 0 ? "\n      "
								 : "");
}

/*
 * --- GitHub Actions workflow commands -----------------------------------
 * "::error file=F,line=N,title=T::MESSAGE" (::warning, ::notice), which
 * the runner turns into annotations.  The runner's escaping
 * (actions/toolkit, packages/core/src/command.ts): in the message '%',
 * CR and LF become %25, %0D, %0A; in a property also ':' and ','
 * become %3A and %2C, so that no input can end a property, the command or
 * the line.
 */
static void
print_github_escaped(FILE *fp, const char *s, bool property)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '%':
			fputs("%25", fp);
			break;
		case '\r':
			fputs("%0D", fp);
			break;
		case '\n':
			fputs("%0A", fp);
			break;
		case ':':
			fputs(property ? "%3A" : ":", fp);
			break;
		case ',':
			fputs(property ? "%2C" : ",", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

/*
 * One line a finding: the message, " -- ", the hint and its reference.
 * Standard input has no file= (it is no file of the repository); line 0
 * (a missing record) has no line=.  The summary line follows: the runner
 * only logs a line that is not a command.
 */
static void
print_github(const zl_report_t *report, FILE *fp)
{
	const zl_rule_t *table;
	size_t count, i;

	table = zl_rules(&count);
	for (i = 0; i < report->count; i++) {
		const struct finding *f = &report->items[i];
		const zl_rule_t *r = &table[f->rule];

		/* ::notice, not ::note: the runner has no "note" command. */
		fprintf(fp, "::%s ", f->severity == ZG_SEV_NOTE
			? "notice"
			: severity_name(f->severity));
		if (strcmp(f->file, "-") != 0) {
			fputs("file=", fp);
			show(fp, f->file, true, SHOW_GITHUB_PROPERTY);
			fputc(',', fp);
		}
		if (f->line > 0) {
			fprintf(fp, "line=%u,", f->line);
		}
		fputs("title=", fp);
		print_github_escaped(fp, r->id, true);
		fputs("::", fp);
		show(fp, f->message, false, SHOW_GITHUB);
		fputs(" -- ", fp);
		print_github_escaped(fp, r->hint, false);
		fputs(" (", fp);
		print_github_escaped(fp, r->rfc, false);
		fputs(")\n", fp);
	}
	print_summary(fp, zl_report_counts(report));
}

/* Forget the findings suppressed inline, before any format sees them. */
static void
compact(zl_report_t *report)
{
	size_t i, n = 0;

	for (i = 0; i < report->count; i++) {
		struct finding *f = &report->items[i];

		if (f->dropped) {
			free(f->file);
			free(f->message);
			free(f->owner);
		} else {
			report->items[n++] = *f;
		}
	}
	report->count = n;
}

zg_status_t
zl_report_print(zl_report_t *report, zl_format_t format, FILE *fp)
{
	const zl_rule_t *table;
	zl_counts_t c = zl_report_counts(report);
	size_t count, i;

	table = zl_rules(&count);
	compact(report);
	if (report->count > 1) {
		qsort(report->items, report->count, sizeof(struct finding),
		    finding_cmp);
	}
	if (format == ZL_FORMAT_SARIF) {
		print_sarif(report, fp);
		return print_status(report, fp);
	}
	if (format == ZL_FORMAT_GITHUB) {
		print_github(report, fp);
		return print_status(report, fp);
	}
	if (format == ZL_FORMAT_JSON) {
		fputs("{\n  \"findings\": [", fp);
	}
	for (i = 0; i < report->count; i++) {
		const struct finding *f = &report->items[i];
		const zl_rule_t *r = &table[f->rule];

		if (format == ZL_FORMAT_TEXT) {
			show(fp, f->file, true, SHOW_TEXT);
			fprintf(fp, ":%u: %s: ", f->line,
			    severity_name(f->severity));
			show(fp, f->message, false, SHOW_TEXT);
			fprintf(fp, " [%s]\n", r->id);
			show(fp, f->file, true, SHOW_TEXT);
			fprintf(fp, ":%u: note: %s (%s)\n", f->line, r->hint,
			    r->rfc);
			continue;
		}
		fputs(i > 0 ? ",\n    {" : "\n    {", fp);
		fputs("\"file\": ", fp);
		show(fp, f->file, true, SHOW_JSON);
		fprintf(fp, ", \"line\": %u, \"rule\": ", f->line);
		zg_json_write_string(fp, "", r->id);
		fprintf(fp, ", \"severity\": \"%s\", \"message\": ",
		    severity_name(f->severity));
		show(fp, f->message, false, SHOW_JSON);
		fputs(", \"hint\": ", fp);
		zg_json_write_string(fp, "", r->hint);
		fputs(", \"rfc\": ", fp);
		zg_json_write_string(fp, "", r->rfc);
		fputs(", \"owner\": ", fp);
		if (f->owner != NULL) {
			show(fp, f->owner, false, SHOW_JSON);
		} else {
			fputs("null", fp);
		}
		fputs(", \"type\": ", fp);
		if (f->type != 0) {
			print_type(fp, f->type);
		} else {
			fputs("null", fp);
		}
		fputc('}', fp);
	}
	if (format == ZL_FORMAT_JSON) {
		fprintf(fp, "%s],\n  \"summary\": {\"files\": %zu, "
			    "\"errors\": %zu, \"warnings\": %zu, "
			    "\"notes\": %zu}\n}\n",
		    report->count > 0 ? "\n  " : "", c.files, c.errors,
		    c.warnings, c.notes);
	} else {
		print_summary(fp, c);
	}
	return print_status(report, fp);
}
