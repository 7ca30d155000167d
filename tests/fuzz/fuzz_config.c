/* fuzz_config.c: zonelint's .zonelint.yaml on arbitrary bytes. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * zl_config_load reads a file: the input is written to .zonelint.yaml in
 * the process's temporary folder, beside profile.yaml (the built-in
 * profile's text), so that a configuration naming "profile.yaml" loads a
 * profile file as real ones do.  Profiles are found relative to that
 * folder.  A failure must leave one line of message without control
 * bytes; a configuration that loads is matched against a few file names,
 * applied to a set of options, and used to lint a small zone whose origin
 * comes from its file name (db.example.com), as zonelint would.
 */

#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"
#include "tests/fuzz/fuzz.h"

/* No SOA and no $ORIGIN: the origin comes from the file name. */
static const char zone[] =
    "@\t3600\tIN\tMX\t10 mx.webmo.fr.\n"
    "@\t600\tIN\tTXT\t\"v=spf1 include:spf.webmo.fr ~all\"\n"
    "_dmarc\tIN\tTXT\t\"v=DMARC1; p=none; pct=50\"\n"
    "imap\tIN\tCNAME\timap.webmo.fr.\n";

static char config_path[4096];
static zg_profile_t *builtin;
static char zone_path[4096];

/* File names a configuration's globs are matched against. */
static const char *const files[] = {
	"example.com.zone",
	"zones/customers/db.example.net",
	"zones/a.zone",
	"../outside.zone",
	"/nonexistent/db.example.org",
	"-",
	zone_path,
	config_path,
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];
	size_t len;
	const char *text = zg_profile_builtin_text(&len);

	(void)argc;
	(void)argv;
	fuzz_path(config_path, sizeof(config_path), ".zonelint.yaml");
	fuzz_path(zone_path, sizeof(zone_path), "db.example.com");
	fuzz_path(path, sizeof(path), "profile.yaml");
	fuzz_write_file(path, (const uint8_t *)text, len);
	fuzz_write_file(zone_path, (const uint8_t *)zone, strlen(zone));
	builtin = fuzz_builtin_profile();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zl_config_t *config = NULL;
	zl_report_t *report;
	zl_options_t options = { .dmarc_rfc = 0 };
	const zg_profile_t *profile;
	size_t rule_count, i;
	char message[512];
	int *severity;
	bool strict = false;
	zg_status_t st;

	fuzz_write_file(config_path, data, size);
	st = zl_config_load(config_path, 0, &config, message, sizeof(message));
	if (st != ZG_OK) {
		size_t n = strnlen(message, sizeof(message));

		FUZZ_ASSERT(config == NULL);
		FUZZ_ASSERT(n > 0 && n < sizeof(message));
		FUZZ_ASSERT(fuzz_no_controls(message, n));
		return 0;
	}
	FUZZ_ASSERT(config != NULL);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		profile = NULL;
		(void)zl_config_profile(config, files[i], &profile);
	}
	zl_rules(&rule_count);
	if ((severity = malloc(rule_count * sizeof(*severity))) == NULL) {
		abort();
	}
	for (i = 0; i < rule_count; i++) {
		severity[i] = ZL_SEV_DEFAULT;
	}
	options.severity = severity;
	zl_config_apply(config, &options, &strict);
	FUZZ_ASSERT(options.dmarc_rfc == 0 ||
	    options.dmarc_rfc == ZG_DMARC_RFC7489 ||
	    options.dmarc_rfc == ZG_DMARC_RFC9989);
	FUZZ_ASSERT(options.include_depth <= 32);
	for (i = 0; i < rule_count; i++) {
		FUZZ_ASSERT(severity[i] == ZL_SEV_DEFAULT ||
		    severity[i] == ZL_SEV_OFF ||
		    (severity[i] >= ZG_SEV_NOTE &&
			severity[i] <= ZG_SEV_ERROR));
	}
	/* As zonelint: the configuration's match, else the built-in. */
	options.profile = builtin;
	(void)zl_config_profile(config, zone_path, &options.profile);
	if (options.dmarc_rfc == 0) {
		options.dmarc_rfc = ZG_DMARC_RFC9989;
	}
	report = zl_report_new();
	FUZZ_ASSERT(report != NULL);
	st = zl_lint_file(zone_path, &options, report, message,
	    sizeof(message));
	FUZZ_ASSERT(st == ZG_OK);
	FUZZ_ASSERT(zl_report_print(report, ZL_FORMAT_TEXT,
	    fuzz_devnull()) == ZG_OK);
	zl_report_free(report);
	free(severity);
	zl_config_free(config);
	return 0;
}
