/* fuzz_names.c: zonelint's outputs for a zone file of any name. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The input is a file name (NUL and '/' made '_', at most 200 bytes; "",
 * "." and ".." made "_"): a small zone that needs the built-in profile's
 * records, written under that name in the process's temporary folder,
 * is linted with --origin example.com, printed in every format and fixed
 * both ways, all into memory.  The same zone under the name "plain.zone"
 * is the oracle, made once.
 *
 * Promises: every output is what may be shown (fuzz_shown: strict UTF-8,
 * no control but line feed and tab, nothing hidden); each format has as
 * many lines as the plain run's; the fixes' lines that are not comments
 * are the plain run's, byte for byte, and every comment line starts with
 * ';'; and zg_display's form of the name, \xHH read back, is the name.
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint/lint.h"
#include "tests/fuzz/fuzz.h"

/* Everything but the provider's records, and an old MX to replace. */
static const char zone[] =
    "$TTL 3600\n"
    "@\tSOA\tns1 hostmaster 1 7200 3600 1209600 3600\n"
    "@\tNS\tns1\n"
    "ns1\tA\t192.0.2.53\n"
    "@\tMX\t5 mx.oldmail.example.\n"
    "@\tTXT\t\"v=spf1 mx -all\"\n"
    "www\tA\t192.0.2.80\n";

enum { TEXT, JSON, SARIF, GITHUB, FIXZONE, NSUPDATE, OUTPUTS };

static zg_profile_t *profile;
static char *plain[OUTPUTS];
static size_t plain_len[OUTPUTS];

/* Lint the zone at `path` into the outputs, in memory (malloc'd). */
static void
outputs(const char *path, char **out, size_t *len)
{
	static const zl_format_t formats[] = { ZL_FORMAT_TEXT,
		ZL_FORMAT_JSON, ZL_FORMAT_SARIF, ZL_FORMAT_GITHUB };
	char message[512];
	unsigned i;

	for (i = 0; i < OUTPUTS; i++) {
		zl_options_t options = { .dmarc_rfc = ZG_DMARC_RFC9989 };
		zl_report_t *report = zl_report_new();
		FILE *fp = open_memstream(&out[i], &len[i]);
		zg_status_t st;

		if (report == NULL || fp == NULL) {
			abort();
		}
		options.profile = profile;
		options.origin = "example.com";
		options.fix = i == FIXZONE ? ZL_FIX_ZONE
		    : i == NSUPDATE	   ? ZL_FIX_NSUPDATE
				   : ZL_FIX_NONE;
		options.fix_out = fp;
		st = zl_lint_file(path, &options, report, message,
		    sizeof(message));
		FUZZ_ASSERT(st == ZG_OK);
		if (i < FIXZONE) {
			FUZZ_ASSERT(zl_report_print(report, formats[i], fp) ==
			    ZG_OK);
		}
		zl_report_free(report);
		if (fclose(fp) != 0) {
			abort();
		}
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];

	(void)argc;
	(void)argv;
	profile = fuzz_builtin_profile();
	fuzz_path(path, sizeof(path), "plain.zone");
	fuzz_write_file(path, (const uint8_t *)zone, strlen(zone));
	outputs(path, plain, plain_len);
	return 0;
}

/* The lines of s[0..len) that do not start with ';', and whether every
 * other line does (a comment is one line). */
static size_t
data_lines(const char *s, size_t len, char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl != NULL ? (size_t)(nl - (s + i)) + 1 : len - i;

		if (s[i] != ';') {
			memcpy(out + o, s + i, n);
			o += n;
		}
		i += n;
	}
	return o;
}

/* zg_display(name, true) with each \xHH read back: the name again. */
static void
check_display(const char *name)
{
	char *d = zg_display(name, true);
	size_t i, o = 0, n = strlen(name);
	char *back;

	FUZZ_ASSERT(d != NULL);
	FUZZ_ASSERT(fuzz_shown(d, strlen(d)) && strchr(d, '\n') == NULL &&
	    strchr(d, '\t') == NULL);
	back = malloc(strlen(d) + 1);
	if (back == NULL) {
		abort();
	}
	for (i = 0; d[i] != '\0'; i++) {
		if (d[i] == '\\') {
			FUZZ_ASSERT(d[i + 1] == 'x');
			back[o++] = (char)strtoul((char[]){ d[i + 2], d[i + 3],
						      '\0' }, NULL, 16);
			i += 3;
		} else {
			back[o++] = d[i];
		}
	}
	FUZZ_ASSERT(o == n && memcmp(back, name, n) == 0);
	free(back);
	free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[201], path[4096];
	char *out[OUTPUTS];
	size_t len[OUTPUTS], i;

	if (size > 200) {
		size = 200;
	}
	for (i = 0; i < size; i++) {
		name[i] = data[i] == '\0' || data[i] == '/' ? '_'
							    : (char)data[i];
	}
	name[size] = '\0';
	if (strcmp(name, "") == 0 || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0) {
		strcpy(name, "_");
	}
	check_display(name);
	fuzz_path(path, sizeof(path), name);
	fuzz_write_file(path, (const uint8_t *)zone, strlen(zone));
	outputs(path, out, len);
	for (i = 0; i < OUTPUTS; i++) {
		FUZZ_ASSERT(fuzz_shown(out[i], len[i]));
		FUZZ_ASSERT(fuzz_lines(out[i], len[i]) ==
		    fuzz_lines(plain[i], plain_len[i]));
		if (i == FIXZONE || i == NSUPDATE) {
			char *a = malloc(len[i] + 1);
			char *b = malloc(plain_len[i] + 1);
			size_t na, nb;

			if (a == NULL || b == NULL) {
				abort();
			}
			na = data_lines(out[i], len[i], a);
			nb = data_lines(plain[i], plain_len[i], b);
			FUZZ_ASSERT(na == nb && memcmp(a, b, na) == 0);
			free(a);
			free(b);
		}
		free(out[i]);
	}
	unlink(path);
	return 0;
}
