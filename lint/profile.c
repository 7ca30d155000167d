/* profile.c: refuse a profile whose records zonelint would refuse. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * A profile can be valid YAML with valid SPF and DMARC texts and still
 * plan records that the linter calls errors: "v=spf1 +all", eleven
 * includes, an MX host written as an address, implicit TLS on port 143.
 * Rather than a second list of such checks in zonegen/, the linter judges
 * once: the plan for a sample domain is written as a BIND snippet, with
 * the SRV records, and linted against the profile itself.  The first
 * finding at error level refuses the profile.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"

#define SAMPLE_DOMAIN "example.com"

/* Write the plan for the sample domain into `fp`. */
static zg_status_t
write_sample(const zg_profile_t *p, FILE *fp)
{
	zg_plan_options_t plan_options = { .srv = true };
	zg_emit_options_t emit = { .format = ZG_FORMAT_BIND };
	zg_plan_t plan = { .count = 0 };
	int state = 0;
	zg_status_t st;

	st = zg_plan_build(&plan, p, SAMPLE_DOMAIN, &plan_options);
	if (st == ZG_OK) {
		st = zg_emit_plan(fp, &plan, &emit, &state);
	}
	zg_plan_free(&plan);
	if (st == ZG_OK && fflush(fp) != 0) {
		st = ZG_ERR_IO;
	}
	return st;
}

/*
 * Lint the file at `path` with the profile; ZG_ERR_PROFILE with the first
 * error as the message when it has one.
 */
static zg_status_t
lint_sample(const zg_profile_t *p, const char *path, char *msg, size_t size)
{
	zl_options_t options = {
		.profile = p,
		.dmarc_rfc = ZG_DMARC_RFC9989,
		.origin = SAMPLE_DOMAIN ".",
		.no_file_name_origin = true,
	};
	zl_report_t *report = zl_report_new();
	zg_status_t st;
	int found;

	if (report == NULL) {
		return ZG_ERR_NOMEM;
	}
	st = zl_lint_file(path, &options, report, msg, size);
	if (st == ZG_OK) {
		found = zl_report_first_error(report, msg, size);
		st = found < 0 ? ZG_ERR_NOMEM
		    : found > 0 ? ZG_ERR_PROFILE
				: ZG_OK;
	}
	zl_report_free(report);
	return st;
}

zg_status_t
zl_profile_check(const zg_profile_t *p, char *msg, size_t size)
{
	char path[32];
	FILE *fp;
	zg_status_t st;

	/* An unnamed file, read back by the linter through its descriptor:
	 * no name left behind, none to print. */
	if ((fp = tmpfile()) == NULL) {
		snprintf(msg, size, "cannot make a temporary file to check "
		    "the profile's records");
		return ZG_ERR_IO;
	}
	snprintf(path, sizeof(path), "/dev/fd/%d", fileno(fp));
	st = write_sample(p, fp);
	if (st == ZG_OK) {
		st = lint_sample(p, path, msg, size);
	} else if (st == ZG_ERR_IO) {
		snprintf(msg, size, "cannot write the profile's records to a "
		    "temporary file");
	}
	fclose(fp);
	if (st == ZG_ERR_NOMEM) {
		snprintf(msg, size, "out of memory");
	}
	return st;
}

zg_status_t
zl_profile_load(const char *path, zg_profile_t **out, char *msg,
    size_t size)
{
	zg_profile_t *p = NULL;
	char why[400];
	char quoted[80];
	zg_status_t st;

	st = path == NULL ? zg_profile_load_builtin(&p, msg, size)
			  : zg_profile_load(path, NULL, 0, &p, msg, size);
	if (st != ZG_OK) {
		return st;
	}
	st = zl_profile_check(p, why, sizeof(why));
	if (st != ZG_OK) {
		if (path != NULL) {
			zg_text_quote(quoted, sizeof(quoted), path,
			    strlen(path), 60);
		}
		snprintf(msg, size, "%s: %s%s", path ? quoted : "<built-in>",
		    st == ZG_ERR_PROFILE ? "refused: the records it plans "
					   "would be a zonelint error: "
					 : "",
		    why);
		zg_profile_free(p);
		return st;
	}
	*out = p;
	return ZG_OK;
}
