/* floor.c: the benchmark's floor: read every record with ldns, keep none. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Usage: floor [--origin NAME] FILE...
 *
 * For each file: fopen, then ldns_rr_new_frm_fp_l() in a loop (streaming,
 * the way ldns_zone_new_frm_fp_l() reads), default TTL 3600, origin from
 * --origin or none, each record freed at once.  Prints one line,
 * "floor: N records, N errors, N files", and exits 0 when every file was
 * read without error, 1 otherwise (2 usage, or a file that cannot be
 * opened).  This is the least work any ldns-based zone reader can do: no
 * checks, no storage, no output per record.
 */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

static int
read_file(const char *path, const ldns_rdf *start_origin,
    unsigned long *records, unsigned long *errors)
{
	FILE *fp = fopen(path, "r");
	ldns_rdf *origin = start_origin ? ldns_rdf_clone(start_origin) : NULL;
	ldns_rdf *prev = NULL;
	uint32_t ttl = 3600;
	int line = 1;

	if (fp == NULL) {
		perror(path);
		ldns_rdf_deep_free(origin);
		return -1;
	}
	while (!feof(fp)) {
		ldns_rr *rr = NULL;
		ldns_status s =
		    ldns_rr_new_frm_fp_l(&rr, fp, &ttl, &origin, &prev, &line);

		switch (s) {
		case LDNS_STATUS_OK:
			(*records)++;
			ldns_rr_free(rr);
			break;
		case LDNS_STATUS_SYNTAX_EMPTY:
		case LDNS_STATUS_SYNTAX_TTL:
		case LDNS_STATUS_SYNTAX_ORIGIN:
			break;
		default:
			if (*errors < 5) {
				fprintf(stderr, "%s:%d: %s\n", path, line,
				    ldns_get_errorstr_by_id(s));
			}
			(*errors)++;
			break;
		}
	}
	fclose(fp);
	ldns_rdf_deep_free(origin);
	ldns_rdf_deep_free(prev);
	return 0;
}

int
main(int argc, char **argv)
{
	ldns_rdf *origin = NULL;
	unsigned long records = 0, errors = 0, files = 0;
	int i = 1, rc = 0;

	if (argc > 2 && strcmp(argv[1], "--origin") == 0) {
		origin = ldns_dname_new_frm_str(argv[2]);
		if (origin == NULL) {
			fprintf(stderr, "floor: bad origin %s\n", argv[2]);
			return 2;
		}
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: floor [--origin NAME] FILE...\n");
		return 2;
	}
	for (; i < argc; i++) {
		if (read_file(argv[i], origin, &records, &errors) != 0) {
			rc = 2;
		}
		files++;
	}
	ldns_rdf_deep_free(origin);
	printf("floor: %lu records, %lu errors, %lu files\n", records, errors,
	    files);
	if (rc == 0 && errors != 0) {
		rc = 1;
	}
	return rc;
}
