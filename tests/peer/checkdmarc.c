/* checkdmarc.c: compare our SPF and DMARC parsers with checkdmarc's cases. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Reads checkdmarc-cases.tsv (see shared/peer-suites/README.md) and prints,
 * for each case, checkdmarc's expected outcome beside ours:
 *
 *   error    checkdmarc raises; we find a problem marked invalid
 *   warning  checkdmarc warns; we give advice only
 *   valid    neither
 *
 * A case agrees when both call it an error, or both do not and, where
 * checkdmarc warns, we give advice too.  checkdmarc's "valid" allows
 * warnings it does not assert, so our advice on such a case agrees.
 * Cases marked "needs network" are counted and not judged.  DMARC records
 * are parsed under RFC 9989, the revision checkdmarc follows.  A report URI
 * given alone (checkdmarc's parse_dmarc_report_uri cases) is checked as
 * the rua= of "v=DMARC1; p=none; rua=URI", since our parser has no
 * separate URI call.
 *
 * Usage: checkdmarc FILE.tsv; exit 0 unless the file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zonegen/zonegen.h"

enum { COL_KIND, COL_RECORD, COL_EXPECTED, COL_WHAT, COL_NOTE, COL_COUNT };

/* Undo the TSV escape: "\t" stands for a tab.  In place. */
static size_t
unescape(char *s)
{
	size_t i, o = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\\' && s[i + 1] == 't') {
			s[o++] = '\t';
			i++;
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	return o;
}

/*
 * An SPF record kept in zone-file quotes ("a" "b") is its strings joined
 * without spaces (RFC 7208 3.3).  In place; other records are unchanged.
 */
static size_t
unquote(char *s, size_t len)
{
	size_t i = 0, o = 0;

	if (len < 2 || s[0] != '"' || s[len - 1] != '"') {
		return len;
	}
	while (i < len) {
		if (s[i] == '"') {
			for (i++; i < len && s[i] != '"'; i++) {
				s[o++] = s[i];
			}
			i++; /* closing quote */
		} else {
			i++; /* space between strings */
		}
	}
	s[o] = '\0';
	return o;
}

/* Our outcome; `ids` receives the problem ids. */
static const char *
judge(const char *kind, char *record, size_t len, const char *note,
    char *ids, size_t ids_size)
{
	zg_problems_t problems = { 0 };
	const char *outcome = "valid";
	char *wrapped = NULL;
	zg_status_t status;
	size_t i, used = 0;

	ids[0] = '\0';
	if (strcmp(kind, "spf") == 0) {
		zg_spf_t *spf = NULL;

		len = unquote(record, len);
		if (!zg_spf_is_record(record, len)) {
			snprintf(ids, ids_size, "not-an-spf-record");
			return "error";
		}
		status = zg_spf_parse(record, len, &spf, &problems);
		zg_spf_free(spf);
	} else {
		zg_dmarc_t *dmarc = NULL;

		if (strstr(note, "report URI alone") != NULL) {
			static const char prefix[] = "v=DMARC1; p=none; rua=";

			wrapped = malloc(sizeof(prefix) + len);
			if (wrapped == NULL) {
				return "nomem";
			}
			memcpy(wrapped, prefix, sizeof(prefix) - 1);
			memcpy(wrapped + sizeof(prefix) - 1, record, len + 1);
			record = wrapped;
			len += sizeof(prefix) - 1;
		}
		status = zg_dmarc_parse(record, len, ZG_DMARC_RFC9989, &dmarc,
		    &problems);
		zg_dmarc_free(dmarc);
		free(wrapped);
	}
	if (status != ZG_OK) {
		zg_problems_free(&problems);
		return zg_status_str(status);
	}
	for (i = 0; i < problems.count; i++) {
		int n = snprintf(ids + used, ids_size - used, "%s%s",
		    used > 0 ? "," : "", problems.items[i].id);

		if (n > 0 && (size_t)n < ids_size - used) {
			used += (size_t)n;
		}
		outcome = zg_problems_invalid(&problems) ? "error" : "warning";
	}
	zg_problems_free(&problems);
	return outcome;
}

int
main(int argc, char **argv)
{
	unsigned cases = 0, agree = 0, differ = 0, network = 0, line_no = 0;
	char *line = NULL, ids[256];
	size_t size = 0;
	ssize_t got;
	FILE *fp;

	if (argc != 2) {
		fprintf(stderr, "usage: checkdmarc FILE.tsv\n");
		return 2;
	}
	fp = fopen(argv[1], "r");
	if (fp == NULL) {
		perror(argv[1]);
		return 2;
	}
	while ((got = getline(&line, &size, fp)) != -1) {
		char *col[COL_COUNT], *p = line;
		const char *ours, *verdict;
		bool ok;
		int c;

		line_no++;
		if (got > 0 && line[got - 1] == '\n') {
			line[got - 1] = '\0';
		}
		if (line_no == 1 || line[0] == '\0') {
			continue; /* header */
		}
		for (c = 0; c < COL_COUNT; c++) {
			col[c] = p;
			p = strchr(p, '\t');
			if (p == NULL && c + 1 < COL_COUNT) {
				break;
			}
			if (p != NULL) {
				*p++ = '\0';
			}
		}
		if (c < COL_COUNT) {
			fprintf(stderr, "%s:%u: too few columns\n", argv[1],
			    line_no);
			continue;
		}
		cases++;
		if (strstr(col[COL_NOTE], "needs network") != NULL) {
			network++;
			printf("%3u %-5s %-7s %-7s network  %.60s\n", line_no,
			    col[COL_KIND], col[COL_EXPECTED], "-",
			    col[COL_RECORD]);
			continue;
		}
		ours = judge(col[COL_KIND], col[COL_RECORD],
		    unescape(col[COL_RECORD]), col[COL_NOTE], ids,
		    sizeof(ids));
		if (strcmp(col[COL_EXPECTED], "error") == 0) {
			ok = strcmp(ours, "error") == 0;
		} else if (strcmp(col[COL_EXPECTED], "warning") == 0) {
			ok = strcmp(ours, "warning") == 0;
		} else {
			ok = strcmp(ours, "error") != 0;
		}
		verdict = ok ? "agree" : "DIFFER";
		if (ok) {
			agree++;
		} else {
			differ++;
		}
		printf("%3u %-5s %-7s %-7s %-8s %.60s [%s]\n", line_no,
		    col[COL_KIND], col[COL_EXPECTED], ours, verdict,
		    col[COL_RECORD], ids);
	}
	free(line);
	fclose(fp);
	printf("peer: checkdmarc: %u cases, %u agree, %u differ, "
	    "%u need network (not judged)\n", cases, agree, differ, network);
	return 0;
}
