/* simdshim.c: simdzone's parse calls and test asserts over zonelint's
 * reader, so that simdzone's own parser tests run against the reader. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Used by tests/peer/simdzone.sh only, never part of the programs.  The
 * script compiles simdzone's test files (tests/syntax.c and the others
 * that parse through the public API) where they lie, with
 * tests/peer/simdshim/ first on the include path (a cmocka.h whose
 * asserts call shim_check; empty diagnostic.h, config.h and
 * zone/export.h) and simdzone's public header zone.h for the types, and
 * links them with this file and the reader (build/liblint.a).  No
 * simdzone code is built.
 *
 * zone_parse_string() writes the text to a file in the folder SHIM_DIR
 * names and reads it with zl_read_file; zone_parse() reads the file it
 * is given where it lies.  A record without a TTL, with no $TTL or TTL
 * before it, gets the reader's 3600, the default TTL simdzone's tests
 * give (any other is said in the output).  Each record's owner and rdata
 * go into the caller's buffers, as simdzone puts them, and to the test's
 * accept callback, with the record's first line as parser->file->line.
 * The result is the
 * first of: a callback's non-zero return, ZONE_SYNTAX_ERROR for a
 * syntax-error, ZONE_SEMANTIC_ERROR for a problem of another rule of
 * severity error; else ZONE_SUCCESS.  Warnings and notices do not count.
 * simdzone's other options (secondary, pretty_ttls, no_includes,
 * include_limit, the log and include callbacks) have no counterpart: the
 * reader reads as a primary does, and reads TTL units always (as BIND
 * does).
 *
 * Every assert is a check that is counted and, when it fails, printed
 * with its file and line and the values; only assert_non_null stops the
 * test function (what follows it would use the pointer).  The problems
 * the reader reports are printed under "INPUT" lines, so that a failed
 * check can be read with its cause.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"
#include "lint/read.h"
#include "zone.h"

jmp_buf shim_jmp;
unsigned long shim_checks, shim_failed;
const char *shim_test = "";

void shim_check(int ok, const char *expr, long long a, long long b,
    const char *file, int line, int fatal);
char *get_tempnam(const char *dir, const char *prefix);

void
shim_check(int ok, const char *expr, long long a, long long b,
    const char *file, int line, int fatal)
{
	shim_checks++;
	if (ok) {
		return;
	}
	shim_failed++;
	printf("CHECK-FAILED %s %s:%d %s (%lld, %lld)\n", shim_test, file,
	    line, expr, a, b);
	if (fatal) {
		longjmp(shim_jmp, 1);
	}
}

static unsigned seq;

/* A new file name in SHIM_DIR (the tests write their $INCLUDE files
 * there, beside the file the text is read from). */
char *
get_tempnam(const char *dir, const char *prefix)
{
	const char *d = getenv("SHIM_DIR");
	size_t n;
	char *p;

	(void)dir;
	if (d == NULL) {
		return NULL;
	}
	n = strlen(d) + strlen(prefix) + 32;
	if ((p = malloc(n)) != NULL) {
		snprintf(p, n, "%s/%s%u", d, prefix, ++seq);
	}
	return p;
}

typedef struct run {
	zone_parser_t *parser;
	const zone_options_t *options;
	void *user_data;
	zone_buffers_t *buffers;
	zone_file_t file;
	int32_t code; /* the first outcome other than success */
} run_t;

static void
on_record(void *ctx, const zl_record_t *rec)
{
	run_t *r = ctx;
	zone_name_t owner;
	int32_t code;

	if (r->code != 0) {
		return;
	}
	/* As simdzone: the owner and rdata are in the caller's buffers,
	 * where some tests read them after the parse. */
	memcpy(r->buffers->owner->octets, rec->owner, rec->owner_len);
	r->buffers->owner->length = rec->owner_len;
	memcpy(r->buffers->rdata->octets, rec->rdata, rec->rdata_len);
	owner.length = (uint8_t)rec->owner_len;
	owner.octets = r->buffers->owner->octets;
	r->file.line = rec->line;
	r->parser->file = &r->file;
	code = r->options->accept.callback(r->parser, &owner, rec->type,
	    rec->rr_class, rec->ttl, (uint16_t)rec->rdata_len,
	    r->buffers->rdata->octets, r->user_data);
	if (code != 0) {
		printf("  callback: %d (record of line %u)\n", (int)code,
		    rec->line);
		r->code = code;
	}
}

static void
on_problem(void *ctx, const char *file, unsigned line, const char *rule,
    const char *message)
{
	run_t *r = ctx;
	size_t count;
	const zl_rule_t *rules = zl_rules(&count);
	int i = zl_rule_find(rule);
	bool error = i >= 0 && (size_t)i < count &&
	    rules[i].severity == ZG_SEV_ERROR;

	(void)file;
	printf("  reader: line %u %s %s\n", line, rule, message);
	if (r->code == 0 && error) {
		r->code = strcmp(rule, "syntax-error") == 0 ? ZONE_SYNTAX_ERROR
							     : ZONE_SEMANTIC_ERROR;
	}
}

/* Read path with the options' origin. */
static int32_t
parse_file(zone_parser_t *parser, const zone_options_t *options,
    zone_buffers_t *buffers, const char *path, void *user_data)
{
	char *origin, err[256];
	ldns_rdf *o;
	zl_read_options_t ro;
	zl_read_callbacks_t cb = { .record = on_record,
		.problem = on_problem };
	run_t r;

	memset(&r, 0, sizeof(r));
	r.parser = parser;
	r.options = options;
	r.user_data = user_data;
	r.buffers = buffers;
	if (options->default_ttl != 3600) {
		printf("  shim: a default TTL of %lu, not the reader's 3600\n",
		    (unsigned long)options->default_ttl);
	}
	/* The origin as text, as the reader prints names (ldns's). */
	o = ldns_dname_new_frm_data(options->origin.length,
	    options->origin.octets);
	origin = o != NULL ? ldns_rdf2str(o) : NULL;
	ldns_rdf_deep_free(o);
	if (origin == NULL) {
		printf("  shim: out of memory\n");
		return ZONE_SYNTAX_ERROR;
	}
	memset(&ro, 0, sizeof(ro));
	ro.origin = origin;
	ro.no_file_name_origin = true;
	if (zl_read_file(path, &ro, &cb, &r, err, sizeof(err)) != 0) {
		printf("  reader: %s\n", err);
		r.code = ZONE_SYNTAX_ERROR;
	}
	free(origin);
	parser->file = NULL; /* r.file is gone after the return */
	return r.code;
}

int32_t
zone_parse_string(zone_parser_t *parser, const zone_options_t *options,
    zone_buffers_t *buffers, const char *string, size_t length,
    void *user_data)
{
	const char *d = getenv("SHIM_DIR");
	char path[4096];
	FILE *f;

	if (d == NULL ||
	    snprintf(path, sizeof(path), "%s/text%u.zone", d, ++seq) >=
		(int)sizeof(path) ||
	    (f = fopen(path, "w")) == NULL) {
		printf("  shim: cannot write the text\n");
		return ZONE_SYNTAX_ERROR;
	}
	fwrite(string, 1, length, f);
	if (fclose(f) != 0) {
		printf("  shim: cannot write the text\n");
		return ZONE_SYNTAX_ERROR;
	}
	printf("INPUT %s: '", shim_test);
	for (size_t i = 0; i < length && i < 200; i++) {
		if (string[i] == '\n') {
			fputs("\\n", stdout);
		} else {
			putchar(string[i]);
		}
	}
	printf("'\n");
	return parse_file(parser, options, buffers, path, user_data);
}

/* A file, read where it lies. */
int32_t
zone_parse(zone_parser_t *parser, const zone_options_t *options,
    zone_buffers_t *buffers, const char *path, void *user_data)
{
	printf("INPUT %s: the file %s\n", shim_test, path);
	return parse_file(parser, options, buffers, path, user_data);
}
