/* fuzz_zone.c: zonelint's whole read-and-lint path on a zone file. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The input is written to "fuzz.zone" in the process's temporary folder
 * (the reader reads files) and linted with the built-in profile the way
 * zonelint does it: without an origin (the file name gives none, so the
 * SOA, $ORIGIN or nothing does), with --origin example.com under RFC
 * 7489, and with --fix=zone and --fix=nsupdate written to /dev/null.  The
 * findings are then printed in every format.  $INCLUDE is confined to the
 * including file's folder, the temporary folder, which holds only the
 * input itself: nothing outside is ever read.
 *
 * Promises checked besides the sanitizers': a file that exists is always
 * read (ZG_OK; with --fix, ZG_ERR_ARGUMENT for a zone that does not read
 * cleanly), and the report prints; every output, findings and fixes, is
 * what may be shown (fuzz_shown: strict UTF-8, no control but line feed
 * and tab, nothing hidden), whatever bytes the zone holds (at most 50,000
 * records of it); and reading on
 * a second thread (--read-thread, lint/pipe.c) gives the same report as
 * reading on the linting one.  The fixes are made with the reader on its
 * thread.
 */

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"
#include "lint/read.h"
#include "tests/fuzz/fuzz.h"

static char zone_path[4096];
static zg_profile_t *profile;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_path(zone_path, sizeof(zone_path), "fuzz.zone");
	profile = fuzz_builtin_profile();
	return 0;
}

static void
lint(zl_report_t *report, const char *origin, zg_dmarc_rfc_t rfc,
    zl_fix_t fix, bool thread)
{
	zl_options_t options = { .dmarc_rfc = rfc };
	char message[512];
	zg_status_t st;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	if (fp == NULL) {
		abort();
	}
	options.profile = profile;
	options.origin = origin;
	/* $GENERATE makes a million records from one line: past 50,000
	 * each input takes seconds under the sanitizers and the limit is
	 * what gets fuzzed (the scale is make bench-scaling's). */
	options.max_records = 50000;
	options.fix = fix;
	options.fix_out = fp;
	options.read_thread = thread ? ZL_READ_THREAD_ON : ZL_READ_THREAD_OFF;
	st = zl_lint_file(zone_path, &options, report, message,
	    sizeof(message));
	FUZZ_ASSERT(st == ZG_OK ||
	    (fix != ZL_FIX_NONE && st == ZG_ERR_ARGUMENT));
	if (fclose(fp) != 0) {
		abort();
	}
	FUZZ_ASSERT(fuzz_shown(out, len));
	free(out);
}

/* A report as JSON (free it). */
static char *
json(zl_report_t *report, size_t *len)
{
	char *out = NULL;
	FILE *fp = open_memstream(&out, len);

	if (fp == NULL) {
		abort();
	}
	FUZZ_ASSERT(zl_report_print(report, ZL_FORMAT_JSON, fp) == ZG_OK);
	if (fclose(fp) != 0) {
		abort();
	}
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const zl_format_t formats[] = {
		ZL_FORMAT_TEXT,
		ZL_FORMAT_JSON,
		ZL_FORMAT_SARIF,
		ZL_FORMAT_GITHUB,
	};
	zl_report_t *report;
	size_t i;

	fuzz_write_file(zone_path, data, size);
	if ((report = zl_report_new()) == NULL) {
		abort();
	}
	lint(report, NULL, ZG_DMARC_RFC9989, ZL_FIX_NONE, false);
	lint(report, "example.com", ZG_DMARC_RFC7489, ZL_FIX_NONE, false);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char *out = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&out, &len);

		if (fp == NULL) {
			abort();
		}
		FUZZ_ASSERT(zl_report_print(report, formats[i], fp) == ZG_OK);
		if (fclose(fp) != 0) {
			abort();
		}
		FUZZ_ASSERT(fuzz_shown(out, len));
		free(out);
	}
	zl_report_free(report);

	/* zonelint --fix: the findings are not printed. */
	if ((report = zl_report_new()) == NULL) {
		abort();
	}
	lint(report, NULL, ZG_DMARC_RFC9989, ZL_FIX_ZONE, true);
	lint(report, "example.com", ZG_DMARC_RFC9989, ZL_FIX_NSUPDATE, true);
	zl_report_free(report);

	/* The reader on a thread of its own: the same findings. */
	{
		zl_report_t *a = zl_report_new(), *b = zl_report_new();
		char *ja, *jb;
		size_t la, lb;

		if (a == NULL || b == NULL) {
			abort();
		}
		lint(a, "example.com", ZG_DMARC_RFC9989, ZL_FIX_NONE, false);
		/* With every owner hashed on the reader's thread for odd
		 * sizes, by the linter for even ones (small files leave it
		 * to the linter when the pace decides); the chunks streamed
		 * for sizes 2 and 3 modulo 4. */
		zl_pipe_hash_owners = (int)(size % 2);
		zl_pipe_stream = (int)(size / 2 % 2);
		lint(b, "example.com", ZG_DMARC_RFC9989, ZL_FIX_NONE, true);
		zl_pipe_hash_owners = -1;
		zl_pipe_stream = -1;
		ja = json(a, &la);
		jb = json(b, &lb);
		FUZZ_ASSERT(la == lb && memcmp(ja, jb, la) == 0);
		free(ja);
		free(jb);
		zl_report_free(a);
		zl_report_free(b);
	}
	return 0;
}
