/* readzone.c: print what the zone reader makes of a file (peer tests). */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Usage: readzone [-a] [-o ORIGIN] [-w] FILE
 *   -a         allow $INCLUDE anywhere (include_any)
 *   -o ORIGIN  the zone origin
 *   -w         print records as Knot's zscanner-tool -m 2 does (wire hex)
 * Prints "ORIGIN name source", then one line per record
 * ("RR file:line-last ttl_explicit text") and per problem
 * ("PROBLEM file:line rule message").  Exit 0 when read, 2 when not.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint/read.h"

static int wire;

static void
on_begin(void *ctx, const ldns_rdf *origin, const char *source)
{
	char *s = origin ? ldns_rdf2str(origin) : NULL;

	(void)ctx;
	printf("ORIGIN %s %s\n", s ? s : "-", source ? source : "-");
	free(s);
}

static void
hex(const char *tag, const uint8_t *p, size_t n)
{
	size_t i;

	printf("%s=", tag);
	for (i = 0; i < n; i++) {
		printf("%02X", p[i]);
	}
	putchar('\n');
}

static void
on_record(void *ctx, const zl_record_t *rec)
{
	const ldns_rr *rr;

	(void)ctx;
	if (wire) {
		/* The reader's own wire form, not ldns's reading of it. */
		hex("OWNER", rec->owner, rec->owner_len);
		printf("CLASS=%04X\nRRTTL=%08X\nRTYPE=%04X\n",
		    (unsigned)rec->rr_class, (unsigned)rec->ttl,
		    (unsigned)rec->type);
		hex("RDATA", rec->rdata, rec->rdata_len);
		printf("------\n");
		return;
	}
	if ((rr = zl_record_rr(rec)) == NULL) {
		printf("RR ?\n");
		return;
	}
	{
		char *s = ldns_rr2str(rr);
		size_t n = s ? strlen(s) : 0;

		if (n > 0 && s[n - 1] == '\n') {
			s[n - 1] = '\0';
		}
		printf("RR %s:%u-%u %s %s\n", rec->file, rec->line,
		    rec->last_line, rec->ttl_explicit ? "ttl" : "-",
		    s ? s : "?");
		free(s);
	}
}

static void
on_problem(void *ctx, const char *file, unsigned line, const char *rule,
    const char *message)
{
	(void)ctx;
	if (wire) {
		printf("WARNG=%s %s:%u %s\n------\n", rule, file, line,
		    message);
	} else {
		printf("PROBLEM %s:%u %s %s\n", file, line, rule, message);
	}
}

int
main(int argc, char **argv)
{
	zl_read_options_t opts;
	zl_read_callbacks_t cb = { .begin = on_begin, .record = on_record,
		.problem = on_problem };
	char err[512];
	int c;

	memset(&opts, 0, sizeof(opts));
	while ((c = getopt(argc, argv, "ao:w")) != -1) {
		switch (c) {
		case 'a':
			opts.include_any = true;
			break;
		case 'o':
			opts.origin = optarg;
			break;
		case 'w':
			wire = 1;
			break;
		default:
			fprintf(stderr, "usage: readzone [-aw] [-o ORIGIN] "
			    "FILE\n");
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: readzone [-aw] [-o ORIGIN] FILE\n");
		return 2;
	}
	if (wire) {
		cb.begin = NULL;
	}
	if (zl_read_file(argv[optind], &opts, &cb, NULL, err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "readzone: %s\n", err);
		return 2;
	}
	return 0;
}
