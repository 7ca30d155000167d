/* report.c: collect findings, sort them and print them as text or JSON. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdarg.h>
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
	size_t seq;  /* insertion order, for a stable sort */
};

struct zl_report {
	struct finding *items;
	size_t count;
	size_t capacity;
	size_t files;
	const int *severity; /* per rule overrides, or NULL */
	bool nomem;
};

zl_report_t *
zl_report_new(void)
{
	return calloc(1, sizeof(zl_report_t));
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
	free(report);
}

void
zl_report_set_options(zl_report_t *report, const int *severity)
{
	report->severity = severity;
}

void
zl_report_file_read(zl_report_t *report)
{
	report->files++;
}

static void
report_vadd(zl_report_t *report, int rule, int severity, const char *file,
    unsigned line, const char *owner, uint16_t type, const char *fmt,
    va_list ap)
{
	const zl_rule_t *table;
	struct finding *f;
	size_t count;
	int sev;
	char text[1024];

	table = zl_rules(&count);
	if (rule < 0 || (size_t)rule >= count) {
		return;
	}
	sev = report->severity != NULL ? report->severity[rule]
				       : ZL_SEV_DEFAULT;
	if (sev == ZL_SEV_OFF) {
		return;
	}
	if (sev == ZL_SEV_DEFAULT) {
		sev = severity != ZL_SEV_DEFAULT ? severity
						 : (int)table[rule].severity;
	}
	vsnprintf(text, sizeof(text), fmt, ap);
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
	report->count++;
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
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

zl_counts_t
zl_report_counts(const zl_report_t *report)
{
	zl_counts_t c = { 0, 0, 0, report->files };
	size_t i;

	for (i = 0; i < report->count; i++) {
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

zg_status_t
zl_report_print(zl_report_t *report, zl_format_t format, FILE *fp)
{
	const zl_rule_t *table;
	zl_counts_t c = zl_report_counts(report);
	size_t count, i;
	char a[32], b[32], d[32], e[32];

	table = zl_rules(&count);
	if (report->count > 1) {
		qsort(report->items, report->count, sizeof(struct finding),
		    finding_cmp);
	}
	if (format == ZL_FORMAT_JSON) {
		fputs("{\n  \"findings\": [", fp);
	}
	for (i = 0; i < report->count; i++) {
		const struct finding *f = &report->items[i];
		const zl_rule_t *r = &table[f->rule];

		if (format == ZL_FORMAT_TEXT) {
			fprintf(fp, "%s:%u: %s: %s [%s]\n", f->file, f->line,
			    severity_name(f->severity), f->message, r->id);
			fprintf(fp, "%s:%u: note: %s (%s)\n", f->file, f->line,
			    r->hint, r->rfc);
			continue;
		}
		fputs(i > 0 ? ",\n    {" : "\n    {", fp);
		fputs("\"file\": ", fp);
		zg_json_write_string(fp, "", f->file);
		fprintf(fp, ", \"line\": %u, \"rule\": ", f->line);
		zg_json_write_string(fp, "", r->id);
		fprintf(fp, ", \"severity\": \"%s\", \"message\": ",
		    severity_name(f->severity));
		zg_json_write_string(fp, "", f->message);
		fputs(", \"hint\": ", fp);
		zg_json_write_string(fp, "", r->hint);
		fputs(", \"rfc\": ", fp);
		zg_json_write_string(fp, "", r->rfc);
		fputs(", \"owner\": ", fp);
		if (f->owner != NULL) {
			zg_json_write_string(fp, "", f->owner);
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
		plural(c.files, "file", a, sizeof(a));
		plural(c.errors, "error", b, sizeof(b));
		plural(c.warnings, "warning", d, sizeof(d));
		plural(c.notes, "note", e, sizeof(e));
		fprintf(fp, "zonelint: %s, %s, %s, %s\n", a, b, d, e);
	}
	if (report->nomem) {
		return ZG_ERR_NOMEM;
	}
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}
