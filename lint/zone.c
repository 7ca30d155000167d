/* zone.c: read one zone file, keep what the checks need, run the checks. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/internal.h"
#include "lint/read.h"

char *
zl_dname_str(const ldns_rdf *dname)
{
	char *s = ldns_rdf2str(dname);
	char *p;

	if (s == NULL) {
		return NULL;
	}
	for (p = s; *p != '\0'; p++) {
		*p = (char)tolower((unsigned char)*p);
	}
	return s;
}

/* ---- names: an open-addressing hash table ----------------------------- */

static size_t
hash(const char *s)
{
	size_t h = 1469598103934665603u; /* FNV-1a */

	for (; *s != '\0'; s++) {
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	}
	return h;
}

static struct name_info *
slot(struct name_info *table, size_t capacity, const char *name)
{
	size_t i = hash(name) & (capacity - 1);

	while (table[i].name != NULL && strcmp(table[i].name, name) != 0) {
		i = (i + 1) & (capacity - 1);
	}
	return &table[i];
}

const struct name_info *
zl_zone_name(const struct zone *zone, const char *name)
{
	const struct name_info *n;

	if (zone->names_capacity == 0) {
		return NULL;
	}
	n = slot(zone->names, zone->names_capacity, name);
	return n->name != NULL ? n : NULL;
}

/* The info of `name`, added when new; takes `*name` when it adds it. */
static struct name_info *
name_get(struct zone *zone, char **name)
{
	struct name_info *n;

	if (zone->names_count * 10 >= zone->names_capacity * 7) {
		size_t cap = zone->names_capacity ? zone->names_capacity * 2
						  : 256;
		struct name_info *t = calloc(cap, sizeof(*t));
		size_t i;

		if (t == NULL) {
			return NULL;
		}
		for (i = 0; i < zone->names_capacity; i++) {
			if (zone->names[i].name != NULL) {
				*slot(t, cap, zone->names[i].name) =
				    zone->names[i];
			}
		}
		free(zone->names);
		zone->names = t;
		zone->names_capacity = cap;
	}
	n = slot(zone->names, zone->names_capacity, *name);
	if (n->name == NULL) {
		n->name = *name;
		*name = NULL;
		zone->names_count++;
	}
	return n;
}

/* ---- reader callbacks ------------------------------------------------- */

static const char *
intern_file(struct zone *zone, const char *file)
{
	char **p;
	size_t i;

	for (i = zone->files_count; i > 0; i--) {
		if (strcmp(zone->files[i - 1], file) == 0) {
			return zone->files[i - 1];
		}
	}
	p = realloc(zone->files, (zone->files_count + 1) * sizeof(*p));
	if (p == NULL) {
		return NULL;
	}
	zone->files = p;
	if ((p[zone->files_count] = strdup(file)) == NULL) {
		return NULL;
	}
	return p[zone->files_count++];
}

static void
on_begin(void *ctx, const ldns_rdf *origin, const char *source)
{
	struct zone *zone = ctx;

	(void)source;
	if (origin != NULL) {
		zone->origin = zl_dname_str(origin);
		zone->nomem |= zone->origin == NULL;
	}
	/* The plan is known before the first record, so that the records
	 * at the names the profile wants are kept, whatever their type. */
	if (zone->origin != NULL && zone->options->profile != NULL) {
		char domain[ZG_NAME_MAX + 2];
		size_t len = strlen(zone->origin);

		if (len >= 2 && len <= ZG_NAME_MAX + 1) {
			memcpy(domain, zone->origin, len - 1);
			domain[len - 1] = '\0';
			zone->has_plan = zg_plan_build(&zone->plan,
			    zone->options->profile, domain, NULL) == ZG_OK;
		}
	}
}

/* `owner` is a name the profile wants a CNAME at. */
static bool
plan_cname_owner(const struct zone *zone, const char *owner)
{
	size_t i;

	for (i = 0; zone->has_plan && i < zone->plan.count; i++) {
		if (zone->plan.records[i].type == ZG_RR_CNAME &&
		    strcasecmp(zone->plan.records[i].owner, owner) == 0) {
			return true;
		}
	}
	return false;
}

static void
on_end(void *ctx, unsigned lines)
{
	struct zone *zone = ctx;

	zl_report_file_lines(zone->report, zone->path, lines);
}

static void
on_problem(void *ctx, const char *file, unsigned line, const char *rule_id,
    const char *message)
{
	struct zone *zone = ctx;
	int rule = zl_rule_find(rule_id);

	zone->read_problems++;
	zl_report_add(zone->report, rule >= 0 ? rule : ZL_SYNTAX_ERROR, file,
	    line, NULL, 0, "%s", message);
}

/*
 * DNSSEC records may sit beside a CNAME (RFC 2181 10.1, RFC 4035 2.5):
 * RRSIG and NSEC, and their RFC 2535 forerunners SIG and NXT.  KEY no
 * longer signs zones (RFC 3755), so a KEY beside a CNAME is other data, as
 * BIND's checkzone says too.
 */
static bool
dnssec_type(ldns_rr_type t)
{
	return t == LDNS_RR_TYPE_RRSIG || t == LDNS_RR_TYPE_NSEC ||
	    t == LDNS_RR_TYPE_SIG || t == LDNS_RR_TYPE_NXT;
}

/* The RRset TTL rule (RFC 2181 5.2): compare with the first record's. */
static void
check_ttl(struct zone *zone, struct name_info *n, const zl_record_t *rec,
    const char *file, ldns_rr_type type)
{
	uint32_t ttl = ldns_rr_ttl(rec->rr);
	struct rrset_ttl *p;
	unsigned i;

	for (i = 0; i < n->ttls_count; i++) {
		if (n->ttls[i].type != type) {
			continue;
		}
		if (n->ttls[i].ttl != ttl) {
			char *tn = ldns_rr_type2str(type);

			zl_report_add(zone->report, ZL_RRSET_TTL, file,
			    rec->line, n->name, (uint16_t)type,
			    "%s %s record with TTL %u; the first one (line "
			    "%u) has %u", n->name, tn ? tn : "?",
			    (unsigned)ttl, n->ttls[i].line,
			    (unsigned)n->ttls[i].ttl);
			free(tn);
		}
		return;
	}
	p = realloc(n->ttls, (n->ttls_count + 1) * sizeof(*p));
	if (p == NULL) {
		zone->nomem = true;
		return;
	}
	n->ttls = p;
	p[n->ttls_count].type = (uint16_t)type;
	p[n->ttls_count].ttl = ttl;
	p[n->ttls_count].line = rec->line;
	n->ttls_count++;
}

/* TXT (and SPF type) data: the character-strings joined (RFC 7208 3.3). */
static char *
join_strings(const ldns_rr *rr, size_t *len)
{
	size_t total = 0, i;
	char *text;

	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		total += ldns_rdf_size(ldns_rr_rdf(rr, i));
	}
	if ((text = malloc(total + 1)) == NULL) {
		return NULL;
	}
	*len = 0;
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *rdf = ldns_rr_rdf(rr, i);
		const uint8_t *d = ldns_rdf_data(rdf);
		size_t n;

		if (ldns_rdf_size(rdf) == 0) {
			continue;
		}
		n = d[0] < ldns_rdf_size(rdf) ? d[0] : ldns_rdf_size(rdf) - 1;
		memcpy(text + *len, d + 1, n);
		*len += n;
	}
	text[*len] = '\0';
	return text;
}

static bool
keep_type(ldns_rr_type t)
{
	return t == LDNS_RR_TYPE_MX || t == LDNS_RR_TYPE_NS ||
	    t == LDNS_RR_TYPE_SRV || t == LDNS_RR_TYPE_CNAME ||
	    t == LDNS_RR_TYPE_TXT || t == LDNS_RR_TYPE_SPF;
}

static void
on_record(void *ctx, const zl_record_t *rec)
{
	struct zone *zone = ctx;
	ldns_rr_type type = ldns_rr_get_type(rec->rr);
	char *owner = zl_dname_str(ldns_rr_owner(rec->rr));
	const char *file = intern_file(zone, rec->file);
	struct name_info *n;
	struct kept *k;

	n = owner != NULL && file != NULL ? name_get(zone, &owner) : NULL;
	free(owner); /* NULL when the table took it */
	if (n == NULL) {
		zone->nomem = true;
		return;
	}
	if (type == LDNS_RR_TYPE_CNAME) {
		if (n->cnames++ == 0) {
			n->cname_file = file;
			n->cname_line = rec->line;
		}
	} else if (!dnssec_type(type) && n->other_line == 0) {
		n->other_file = file;
		n->other_line = rec->line;
		n->other_type = (uint16_t)type;
	}
	/* Signatures take the TTL of the RRset each covers (RFC 4034 3), so
	 * RRSIGs at one name differ by design. */
	if (type != LDNS_RR_TYPE_RRSIG && type != LDNS_RR_TYPE_SIG) {
		check_ttl(zone, n, rec, file, type);
	}
	if (!keep_type(type) && !plan_cname_owner(zone, n->name)) {
		return;
	}
	if (zone->kept_count == zone->kept_capacity) {
		size_t cap = zone->kept_capacity ? zone->kept_capacity * 2 : 64;
		struct kept *p = realloc(zone->kept, cap * sizeof(*p));

		if (p == NULL) {
			zone->nomem = true;
			return;
		}
		zone->kept = p;
		zone->kept_capacity = cap;
	}
	k = &zone->kept[zone->kept_count];
	memset(k, 0, sizeof(*k));
	k->owner = n->name;
	k->file = file;
	k->line = rec->line;
	k->rr = ldns_rr_clone(rec->rr);
	if (type == LDNS_RR_TYPE_TXT || type == LDNS_RR_TYPE_SPF) {
		k->text = join_strings(rec->rr, &k->text_len);
	}
	if (k->rr == NULL ||
	    ((type == LDNS_RR_TYPE_TXT || type == LDNS_RR_TYPE_SPF) &&
		k->text == NULL)) {
		ldns_rr_free(k->rr);
		free(k->text);
		zone->nomem = true;
		return;
	}
	zone->kept_count++;
}

/*
 * "; zonelint: ignore RULE [RULE...]" at the end of a record's line, or
 * alone on the line before it.  Every rule id named is one suppression.
 */
static void
on_comment(void *ctx, const char *file, unsigned line, const char *text,
    size_t len, bool alone)
{
	static const char word[] = "zonelint:";
	struct zone *zone = ctx;
	const char *end = text + len;
	const char *p = text;

	while (p < end && (size_t)(end - p) >= sizeof(word) - 1 &&
	    memcmp(p, word, sizeof(word) - 1) != 0) {
		p++;
	}
	p += sizeof(word) - 1;
	while (p < end && (*p == ' ' || *p == '\t')) {
		p++;
	}
	if (end - p < 6 || memcmp(p, "ignore", 6) != 0) {
		return; /* another directive: not ours to judge yet */
	}
	p += 6;
	for (;;) {
		struct suppression *sp;
		const char *id;
		size_t n;

		while (p < end && (*p == ' ' || *p == '\t' || *p == ',')) {
			p++;
		}
		if (p >= end) {
			break;
		}
		id = p;
		while (p < end && *p != ' ' && *p != '\t' && *p != ',') {
			p++;
		}
		n = (size_t)(p - id);
		sp = realloc(zone->suppressions,
		    (zone->suppressions_count + 1) * sizeof(*sp));
		if (sp == NULL) {
			zone->nomem = true;
			return;
		}
		zone->suppressions = sp;
		if ((file = intern_file(zone, file)) == NULL) {
			zone->nomem = true;
			return;
		}
		sp = &sp[zone->suppressions_count++];
		sp->file = file;
		sp->line = line;
		sp->target = alone ? line + 1 : line;
		zg_text_quote(sp->rule, sizeof(sp->rule), id, n, 60);
	}
}

/*
 * Apply the suppressions to the findings of this file.  One that drops
 * nothing is itself a finding, so that stale ones do not pile up; one for
 * a rule that -W or the configuration turned off is not stale.
 */
static void
apply_suppressions(struct zone *zone, size_t mark)
{
	const int *severity = zone->options->severity;
	size_t i;

	for (i = 0; i < zone->suppressions_count; i++) {
		const struct suppression *sp = &zone->suppressions[i];
		int rule = zl_rule_find(sp->rule);

		if (rule < 0) {
			zl_report_add(zone->report, ZL_UNUSED_SUPPRESSION,
			    sp->file, sp->line, NULL, 0,
			    "'; zonelint: ignore %s': no such rule", sp->rule);
		} else if (zl_report_suppress(zone->report, mark, sp->file,
			       sp->target, rule) == 0 &&
		    (severity == NULL || severity[rule] != ZL_SEV_OFF)) {
			zl_report_add(zone->report, ZL_UNUSED_SUPPRESSION,
			    sp->file, sp->line, NULL, 0,
			    "'; zonelint: ignore %s' suppresses nothing: no "
			    "%s finding at line %u", sp->rule, sp->rule,
			    sp->target);
		}
	}
}

static void
zone_free(struct zone *zone)
{
	size_t i;

	for (i = 0; i < zone->kept_count; i++) {
		ldns_rr_free(zone->kept[i].rr);
		free(zone->kept[i].text);
	}
	free(zone->kept);
	for (i = 0; i < zone->names_capacity; i++) {
		free(zone->names[i].name);
		free(zone->names[i].ttls);
	}
	free(zone->names);
	for (i = 0; i < zone->files_count; i++) {
		free(zone->files[i]);
	}
	free(zone->files);
	free(zone->origin);
	free(zone->suppressions);
	zg_plan_free(&zone->plan);
}

zg_status_t
zl_lint_file(const char *path, const zl_options_t *options,
    zl_report_t *report, char *errbuf, size_t errlen)
{
	static const zl_read_callbacks_t callbacks = {
		.begin = on_begin,
		.record = on_record,
		.problem = on_problem,
		.comment = on_comment,
		.end = on_end,
	};
	zl_read_options_t ropts = { 0 };
	struct zone zone;
	zg_status_t st = ZG_OK;
	size_t mark;

	memset(&zone, 0, sizeof(zone));
	zone.options = options;
	zone.report = report;
	zone.path = path;
	ropts.origin = options->origin;
	ropts.include_any = options->include_any;
	ropts.include_depth_max = options->include_depth;
	ropts.no_file_name_origin = options->no_file_name_origin;
	ropts.origin_prefixes = options->origin_prefixes;
	ropts.origin_prefixes_count = options->origin_prefixes_count;
	ropts.origin_suffixes = options->origin_suffixes;
	ropts.origin_suffixes_count = options->origin_suffixes_count;
	mark = zl_report_mark(report);
	zl_report_set_options(report, options->severity);
	if (zl_read_file(path, &ropts, &callbacks, &zone, errbuf, errlen) !=
	    0) {
		zone_free(&zone);
		return ZG_ERR_IO;
	}
	zl_report_file_read(report);
	if (!zone.nomem) {
		zl_check_dns(&zone);
		zl_check_spf(&zone);
		zl_check_dmarc(&zone);
		zl_check_mail(&zone);
		apply_suppressions(&zone, mark);
	}
	if (!zone.nomem && options->fix != ZL_FIX_NONE) {
		if (zone.read_problems > 0) {
			snprintf(errbuf, errlen, "%s: %u problem%s reading "
			    "the zone (run zonelint without --fix): no fix",
			    path, zone.read_problems,
			    zone.read_problems == 1 ? "" : "s");
			zone_free(&zone);
			return ZG_ERR_ARGUMENT;
		}
		st = zl_fix_write(&zone, options->fix_out);
		zone.nomem |= st == ZG_ERR_NOMEM;
	}
	if (zone.nomem) {
		snprintf(errbuf, errlen, "%s: out of memory", path);
		st = ZG_ERR_NOMEM;
	}
	zone_free(&zone);
	return st;
}
