/* fuzz_generator.c: domains and profiles in, zone text out, read back. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The input's first line is a domain name as a user would type it; the
 * rest, when it loads, is a profile (YAML), else the built-in profile is
 * used.  For whatever zg_domain_normalize and zg_plan_build accept (with
 * the SRV records), the plan is written:
 *
 * - in the bind format, absolute and relative ($ORIGIN), and every record
 *   line is read back with ldns_rr_new_frm_str: it must parse and give
 *   exactly the owner, TTL, class, type and data the plan meant (TXT: the
 *   character-strings joined give the plan's text);
 * - in the nsupdate format (with --server and --port; alone, with
 *   --idempotent and with --replace): every line must be one the writer
 *   means to write, and every "update add" must read back as the plan's
 *   record, in the writer's order (CNAMEs first, each guarded by its
 *   prereq, with --idempotent after a message deleting that CNAME; with
 *   --replace the plan's order, each record after the delete of its
 *   RRset, but the SPF record, and a message requiring each CNAME);
 * - in JSON, to /dev/null.
 *
 * No output may hold a NUL byte or a line the input added.  Any broken
 * promise traps.
 */

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "tests/fuzz/fuzz.h"
#include "zonegen/zonegen.h"

#define SERVER "ns1.example.net"
#define PORT "5353"

static zg_profile_t *builtin;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	builtin = fuzz_builtin_profile();
	return 0;
}

/* The plan written in one format, into a new buffer. */
static char *
emit(const zg_plan_t *plan, const zg_emit_options_t *options, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	int state = 0;

	if (fp == NULL) {
		abort();
	}
	FUZZ_ASSERT(zg_emit_begin(fp, options, &state) == ZG_OK);
	FUZZ_ASSERT(zg_emit_plan(fp, plan, options, &state) == ZG_OK);
	FUZZ_ASSERT(zg_emit_end(fp, options, &state) == ZG_OK);
	if (fclose(fp) != 0) {
		abort();
	}
	/* No NUL from the input, and whole lines only. */
	FUZZ_ASSERT(memchr(buf, '\0', *len) == NULL);
	FUZZ_ASSERT(*len > 0 && buf[*len - 1] == '\n');
	return buf;
}

/* A name rdf in presentation form equals `want` (names ignore case). */
static bool
name_is(const ldns_rdf *rdf, const char *want)
{
	char *s;
	bool same;

	if (rdf == NULL || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME ||
	    (s = ldns_rdf2str(rdf)) == NULL) {
		return false;
	}
	same = strcasecmp(s, want) == 0;
	free(s);
	return same;
}

static bool
int16_is(const ldns_rdf *rdf, uint16_t want)
{
	return rdf != NULL && ldns_rdf_get_type(rdf) == LDNS_RDF_TYPE_INT16 &&
	    ldns_rdf2native_int16(rdf) == want;
}

/* The TXT record's character-strings, joined, are `want`. */
static bool
text_is(const ldns_rr *rr, const char *want)
{
	size_t want_len = strlen(want);
	size_t at = 0, i;

	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *rdf = ldns_rr_rdf(rr, i);
		const uint8_t *d = ldns_rdf_data(rdf);
		size_t n;

		if (ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_STR ||
		    ldns_rdf_size(rdf) < 1 ||
		    (n = d[0]) != ldns_rdf_size(rdf) - 1 ||
		    n > ZG_TXT_CHUNK_MAX || at + n > want_len ||
		    memcmp(want + at, d + 1, n) != 0) {
			return false;
		}
		at += n;
	}
	return at == want_len;
}

/* `text` reads (against `origin`, or none) as exactly the record `r`. */
static void
check_record(const char *text, const ldns_rdf *origin, const zg_record_t *r)
{
	ldns_rr *rr = NULL;
	bool ok;

	FUZZ_ASSERT(ldns_rr_new_frm_str(&rr, text, 0, origin, NULL) ==
	    LDNS_STATUS_OK);
	ok = name_is(ldns_rr_owner(rr), r->owner) &&
	    ldns_rr_get_type(rr) == (ldns_rr_type)r->type &&
	    ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN &&
	    ldns_rr_ttl(rr) == r->ttl;
	switch (r->type) {
	case ZG_RR_CNAME:
		ok = ok && ldns_rr_rd_count(rr) == 1 &&
		    name_is(ldns_rr_rdf(rr, 0), r->target);
		break;
	case ZG_RR_MX:
		ok = ok && ldns_rr_rd_count(rr) == 2 &&
		    int16_is(ldns_rr_rdf(rr, 0), r->priority) &&
		    name_is(ldns_rr_rdf(rr, 1), r->target);
		break;
	case ZG_RR_SRV:
		ok = ok && ldns_rr_rd_count(rr) == 4 &&
		    int16_is(ldns_rr_rdf(rr, 0), r->priority) &&
		    int16_is(ldns_rr_rdf(rr, 1), r->weight) &&
		    int16_is(ldns_rr_rdf(rr, 2), r->port) &&
		    name_is(ldns_rr_rdf(rr, 3), r->target);
		break;
	case ZG_RR_TXT:
		ok = ok && text_is(rr, r->text);
		break;
	default:
		ok = false;
		break;
	}
	ldns_rr_free(rr);
	FUZZ_ASSERT(ok);
}

/* Cut the next line out of `*at` (NUL-terminating it in place). */
static char *
next_line(char **at)
{
	char *line = *at;
	char *nl;

	if (*line == '\0') {
		return NULL;
	}
	nl = strchr(line, '\n');
	FUZZ_ASSERT(nl != NULL);
	*nl = '\0';
	*at = nl + 1;
	return line;
}

/* Bytes `text` equals "PREFIX..." formatted; returns false otherwise. */
static bool
line_is(const char *line, const char *a, const char *b, const char *c)
{
	size_t na = strlen(a), nb = strlen(b);

	return strncmp(line, a, na) == 0 && strncmp(line + na, b, nb) == 0 &&
	    strcmp(line + na + nb, c) == 0;
}

static void
check_bind(const zg_plan_t *plan, bool relative)
{
	zg_emit_options_t options = { .format = ZG_FORMAT_BIND };
	ldns_rdf *origin = NULL;
	char header[512];
	char *buf, *at, *line;
	size_t len, k = 0;

	options.relative = relative;
	buf = emit(plan, &options, &len);
	snprintf(header, sizeof(header), "; mail records for %s (profile %s)",
	    plan->domain, plan->profile->name);
	at = buf;
	FUZZ_ASSERT((line = next_line(&at)) != NULL &&
	    strcmp(line, header) == 0);
	if (relative) {
		FUZZ_ASSERT((line = next_line(&at)) != NULL &&
		    line_is(line, "$ORIGIN ", plan->domain, ""));
		origin = ldns_dname_new_frm_str(plan->domain);
		FUZZ_ASSERT(origin != NULL);
	}
	while ((line = next_line(&at)) != NULL) {
		FUZZ_ASSERT(k < plan->count);
		check_record(line, origin, &plan->records[k++]);
	}
	FUZZ_ASSERT(k == plan->count);
	ldns_rdf_deep_free(origin);
	free(buf);
}

/* The record the nsupdate writer adds in position `k`: CNAMEs first, but
 * in the plan's order with --replace. */
static const zg_record_t *
nsupdate_order(const zg_plan_t *plan, size_t k, bool replace)
{
	size_t i, n = 0;
	int pass;

	if (replace) {
		return k < plan->count ? &plan->records[k] : NULL;
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < plan->count; i++) {
			bool cname = plan->records[i].type == ZG_RR_CNAME;

			if (cname == (pass == 0) && n++ == k) {
				return &plan->records[i];
			}
		}
	}
	return NULL;
}

/* The `k`th CNAME of the plan, or NULL. */
static const zg_record_t *
nth_cname(const zg_plan_t *plan, size_t k)
{
	size_t i, n = 0;

	for (i = 0; i < plan->count; i++) {
		if (plan->records[i].type == ZG_RR_CNAME && n++ == k) {
			return &plan->records[i];
		}
	}
	return NULL;
}

static const char *
type_str(zg_rr_type_t type)
{
	switch (type) {
	case ZG_RR_CNAME:
		return " IN CNAME";
	case ZG_RR_MX:
		return " IN MX";
	case ZG_RR_TXT:
		return " IN TXT";
	case ZG_RR_SRV:
		return " IN SRV";
	}
	return " IN ?";
}

/*
 * A delete --replace writes: "update delete NAME IN TYPE" for the RRset of
 * a record of the plan other than the SPF record (which marks the records
 * of that RRset in `deleted`), or "update delete NAME IN CNAME" below the
 * domain.  False for any other line.
 */
static bool
replace_delete(const zg_plan_t *plan, const char *line, bool *deleted)
{
	bool any = false;
	size_t i;

	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];

		if (r->role != ZG_ROLE_SPF &&
		    line_is(line, "update delete ", r->owner,
			type_str(r->type))) {
			deleted[i] = true;
			any = true;
		} else if (strcmp(r->owner, plan->domain) != 0 &&
		    line_is(line, "update delete ", r->owner, " IN CNAME")) {
			any = true;
		}
	}
	return any;
}

/*
 * Without --replace: each CNAME in its own message right after its
 * "prereq nxdomain", then the other records in one message; with
 * --idempotent, before each such message one that deletes that very
 * CNAME.  With --replace: one message holding every record in the plan's
 * order, each after the delete of its RRset (but the SPF record, after its
 * comment), then one that requires each CNAME.
 */
static void
check_nsupdate(const zg_plan_t *plan, bool replace, bool idempotent)
{
	zg_emit_options_t options = { .format = ZG_FORMAT_NSUPDATE };
	const zg_record_t *guarded = NULL;
	const zg_record_t *undone = NULL;
	char header[512];
	char want[1024];
	bool *deleted;
	char *buf, *at, *line;
	size_t len, k = 0, sends = 0, checks = 0, cnames = 0;

	if ((deleted = calloc(plan->count + 1, sizeof(*deleted))) == NULL) {
		abort();
	}
	options.server = SERVER;
	options.port = PORT;
	options.replace = replace;
	options.idempotent = idempotent;
	buf = emit(plan, &options, &len);
	snprintf(header, sizeof(header), "; mail records for %s (profile %s)",
	    plan->domain, plan->profile->name);
	while (nth_cname(plan, cnames) != NULL) {
		cnames++;
	}
	at = buf;
	while ((line = next_line(&at)) != NULL) {
		const zg_record_t *r;

		if (strncmp(line, "update add ", 11) == 0) {
			r = nsupdate_order(plan, k++, replace);
			FUZZ_ASSERT(r != NULL);
			if (replace) {
				FUZZ_ASSERT(sends == 0 &&
				    (r->role == ZG_ROLE_SPF) !=
					deleted[r - plan->records]);
			} else {
				/* A CNAME comes right after its prereq. */
				FUZZ_ASSERT((r->type == ZG_RR_CNAME) ==
				    (guarded == r));
			}
			check_record(line + 11, NULL, r);
			guarded = NULL;
		} else if (!replace &&
		    strncmp(line, "prereq nxdomain ", 16) == 0) {
			guarded = nsupdate_order(plan, k, false);
			FUZZ_ASSERT(guarded != NULL &&
			    guarded->type == ZG_RR_CNAME &&
			    strcmp(line + 16, guarded->owner) == 0 &&
			    undone == (idempotent ? guarded : NULL));
			undone = NULL;
		} else if (idempotent &&
		    strncmp(line, "update delete ", 14) == 0) {
			/* The next CNAME, by its data, in a message of its
			 * own right before the guarded add. */
			undone = nsupdate_order(plan, k, false);
			FUZZ_ASSERT(undone != NULL &&
			    undone->type == ZG_RR_CNAME);
			snprintf(want, sizeof(want), " IN CNAME %s",
			    undone->target);
			FUZZ_ASSERT(line_is(line, "update delete ",
			    undone->owner, want));
			FUZZ_ASSERT((line = next_line(&at)) != NULL &&
			    strcmp(line, "send") == 0);
			sends++;
		} else if (replace &&
		    strncmp(line, "prereq yxrrset ", 15) == 0) {
			r = nth_cname(plan, checks++);
			FUZZ_ASSERT(r != NULL && sends == 1);
			snprintf(want, sizeof(want), " IN CNAME %s", r->target);
			FUZZ_ASSERT(line_is(line, "prereq yxrrset ", r->owner,
			    want));
		} else if (strcmp(line, "send") == 0) {
			sends++;
		} else {
			FUZZ_ASSERT(strcmp(line, header) == 0 ||
			    strcmp(line, "server " SERVER " " PORT) == 0 ||
			    line_is(line, "zone ", plan->domain, "") ||
			    (idempotent && k == 0 &&
				strcmp(line, "; a CNAME that is right already "
					     "is deleted, then added where "
					     "the name is free") == 0) ||
			    (replace &&
				(replace_delete(plan, line, deleted) ||
				    line_is(line, "; a former SPF record at ",
					plan->domain,
					" stays beside this one "
					"(zonelint: spf-multiple)") ||
				    strcmp(line, "; require each CNAME: a "
						 "server ignores one beside "
						 "other data") == 0)));
		}
	}
	FUZZ_ASSERT(k == plan->count);
	FUZZ_ASSERT(checks == (replace ? cnames : 0));
	FUZZ_ASSERT(sends == (replace      ? 1 + (cnames > 0)
				 : idempotent ? 2 * cnames + 1
					      : cnames + 1));
	free(deleted);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zg_emit_options_t json = { .format = ZG_FORMAT_JSON };
	zg_plan_options_t plan_options = { .srv = true };
	const uint8_t *nl = memchr(data, '\n', size);
	size_t dlen = nl != NULL ? (size_t)(nl - data) : size;
	zg_profile_t *loaded = NULL;
	const zg_profile_t *profile = builtin;
	char domain[ZG_NAME_MAX + 1];
	zg_plan_t plan = { .count = 0 };
	zg_domain_note_t note;
	char message[512];
	char *input;
	int state;

	if ((input = malloc(dlen + 1)) == NULL) {
		abort();
	}
	memcpy(input, data, dlen);
	input[dlen] = '\0';
	if (nl != NULL && nl + 1 < data + size &&
	    zg_profile_load("gen.yaml", (const char *)nl + 1,
		size - dlen - 1, &loaded, message, sizeof(message)) ==
		ZG_OK) {
		profile = loaded;
	}
	if (zg_domain_normalize(input, domain, &note) != ZG_OK) {
		FUZZ_ASSERT(note.why[0] != '\0');
		goto out;
	}
	FUZZ_ASSERT(zg_name_check(domain, false, false) == NULL);
	/* What it accepts is a fixed point: no rewrite, no other name. */
	{
		char again[ZG_NAME_MAX + 1];

		FUZZ_ASSERT(zg_domain_normalize(domain, again, &note) ==
		    ZG_OK && !note.mapped && strcmp(again, domain) == 0);
	}
	if (zg_plan_build(&plan, profile, domain, &plan_options) != ZG_OK) {
		goto out;
	}
	check_bind(&plan, false);
	check_bind(&plan, true);
	check_nsupdate(&plan, false, false);
	check_nsupdate(&plan, false, true);
	check_nsupdate(&plan, true, false);
	state = 0;
	zg_emit_begin(fuzz_devnull(), &json, &state);
	zg_emit_plan(fuzz_devnull(), &plan, &json, &state);
	zg_emit_end(fuzz_devnull(), &json, &state);
out:
	zg_plan_free(&plan);
	zg_profile_free(loaded);
	free(input);
	return 0;
}
