/* zone.c: read one zone file, keep what the checks need, run the checks. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/internal.h"
#include "lint/read.h"

/*
 * The presentation form of a wire-format name, lower case, as
 * ldns_rdf2str() writes it (the same escapes: "\\." for a dot inside a
 * label, "\\DDD" for bytes that are not printable), but without its
 * printf per byte: this runs for every record read.
 */
char *
zl_dname_str(const ldns_rdf *dname)
{
	const uint8_t *d;
	size_t size;
	size_t i = 0, o = 0;
	char *s;

	if (dname == NULL) {
		return NULL;
	}
	d = ldns_rdf_data(dname);
	size = ldns_rdf_size(dname);
	if (ldns_rdf_get_type(dname) != LDNS_RDF_TYPE_DNAME ||
	    (s = malloc(size * 4 + 2)) == NULL) {
		return NULL;
	}
	while (i < size && d[i] != 0) {
		size_t len = d[i++];

		for (; len > 0 && i < size; len--, i++) {
			unsigned char c = d[i];

			if (c == '.' || c == ';' || c == '(' || c == ')' ||
			    c == '\\') {
				s[o++] = '\\';
				s[o++] = (char)c;
			} else if (c <= 0x20 || c >= 0x7f) {
				s[o++] = '\\';
				s[o++] = (char)('0' + c / 100);
				s[o++] = (char)('0' + c / 10 % 10);
				s[o++] = (char)('0' + c % 10);
			} else {
				s[o++] = c >= 'A' && c <= 'Z'
					     ? (char)(c - 'A' + 'a')
					     : (char)c;
			}
		}
		s[o++] = '.';
	}
	if (o == 0) {
		s[o++] = '.';
	}
	s[o] = '\0';
	return s;
}

/* ---- names: an open-addressing hash table ----------------------------- */

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */

	for (; *s != '\0'; s++) {
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	}
	/* Mix the high bits down: the table uses the low ones. */
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93u;
	return h ^ (h >> 32);
}

static struct name_info *
slot(struct name_info *table, size_t capacity, const char *name,
    uint64_t h)
{
	size_t i = (size_t)h & (capacity - 1);

	while (table[i].name != NULL &&
	    (table[i].hash != h || strcmp(table[i].name, name) != 0)) {
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
	n = slot(zone->names, zone->names_capacity, name, hash(name));
	return n->name != NULL ? n : NULL;
}

/* The info of `name`, added when new; takes `*name` when it adds it. */
static struct name_info *
name_get(struct zone *zone, char **name)
{
	struct name_info *n;
	uint64_t h;

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
				*slot(t, cap, zone->names[i].name,
				    zone->names[i].hash) = zone->names[i];
			}
		}
		free(zone->names);
		zone->names = t;
		zone->names_capacity = cap;
	}
	h = hash(*name);
	n = slot(zone->names, zone->names_capacity, *name, h);
	if (n->name == NULL) {
		n->hash = h;
		n->name = *name;
		*name = NULL;
		zone->names_count++;
	}
	return n;
}

const struct kept *
zl_kept_first(const struct zone *zone, const char *owner)
{
	const struct name_info *n = zl_zone_name(zone, owner);

	return n != NULL && n->kept_first != 0 ? &zone->kept[n->kept_first - 1]
					       : NULL;
}

const struct kept *
zl_kept_next(const struct zone *zone, const struct kept *k)
{
	return k->next != 0 ? &zone->kept[k->next - 1] : NULL;
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
	zone->limited |= strcmp(rule_id, "limit-exceeded") == 0;
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
	struct rrset_ttl *first = NULL;
	struct rrset_ttl *p;
	unsigned i;

	/* The first RRset's TTL is inline (type 0: none yet). */
	if (n->ttl.type == 0 || n->ttl.type == type) {
		first = &n->ttl;
	}
	for (i = 0; first == NULL && i < n->ttls_count; i++) {
		if (n->ttls[i].type == type) {
			first = &n->ttls[i];
		}
	}
	if (first != NULL && first->type == type) {
		if (first->ttl != ttl) {
			char *tn = ldns_rr_type2str(type);

			zl_report_add(zone->report, ZL_RRSET_TTL, file,
			    rec->line, n->name, (uint16_t)type,
			    "%s %s record with TTL %u; the first one (line "
			    "%u) has %u", n->name, tn ? tn : "?",
			    (unsigned)ttl, first->line, (unsigned)first->ttl);
			free(tn);
		}
		return;
	}
	if (first == NULL) {
		p = realloc(n->ttls, (n->ttls_count + 1) * sizeof(*p));
		if (p == NULL) {
			zone->nomem = true;
			return;
		}
		n->ttls = p;
		first = &p[n->ttls_count++];
	}
	first->type = (uint16_t)type;
	first->ttl = ttl;
	first->line = rec->line;
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

/*
 * What is kept after the record is read: every record at the names the
 * mail checks and fixes look at (the apex, _dmarc names, the names the
 * profile wants a CNAME at), TXT records that are or almost are SPF or
 * DMARC records anywhere (their rules look at the whole name), and SPF
 * (type 99) records.  The rest is checked as it is read and forgotten,
 * so that memory grows with the names of a zone, not its records.
 */
static bool
keep(const struct zone *zone, const struct name_info *n, ldns_rr_type type,
    const char *text, size_t len)
{
	if (type == LDNS_RR_TYPE_SPF ||
	    (zone->origin != NULL && strcmp(n->name, zone->origin) == 0) ||
	    strncmp(n->name, "_dmarc.", 7) == 0 || plan_cname_owner(zone,
	    n->name)) {
		return true;
	}
	/* "v=spf1" glued to a term still counts: spf-split reports it. */
	return type == LDNS_RR_TYPE_TXT && text != NULL &&
	    ((len >= 6 && strncasecmp(text, "v=spf1", 6) == 0) ||
		zg_dmarc_is_record(text, len));
}

/*
 * The record's data has the fields its type's descriptor names, of the
 * right kinds (RFC 3597 generic data, "\\# ...", can give a known type
 * other fields): only then do the checks read them.
 */
static bool
well_formed(const ldns_rr *rr)
{
	const ldns_rr_descriptor *d = ldns_rr_descript(ldns_rr_get_type(rr));
	size_t i, n = ldns_rr_rd_count(rr);

	if (d == NULL || n < ldns_rr_descriptor_minimum(d) ||
	    n > ldns_rr_descriptor_maximum(d)) {
		return false;
	}
	for (i = 0; i < n; i++) {
		const ldns_rdf *rdf = ldns_rr_rdf(rr, i);
		ldns_rdf_type want = ldns_rr_descriptor_field_type(d, i);

		if (rdf == NULL || ldns_rdf_get_type(rdf) != want ||
		    (want == LDNS_RDF_TYPE_INT16 && ldns_rdf_size(rdf) != 2)) {
			return false;
		}
	}
	return true;
}

static void
on_record(void *ctx, const zl_record_t *rec)
{
	struct zone *zone = ctx;
	ldns_rr_type type = ldns_rr_get_type(rec->rr);
	char *owner = zl_dname_str(ldns_rr_owner(rec->rr));
	char *text = NULL;
	size_t text_len = 0;
	const char *file = intern_file(zone, rec->file);
	struct name_info *n;
	struct kept *k;
	bool shaped;

	n = owner != NULL && file != NULL ? name_get(zone, &owner) : NULL;
	free(owner); /* NULL when the table took it */
	if (n == NULL) {
		zone->nomem = true;
		return;
	}
	shaped = well_formed(rec->rr);
	if (type == LDNS_RR_TYPE_CNAME) {
		char *target = shaped ? zl_dname_str(ldns_rr_rdf(rec->rr, 0))
				      : NULL;
		uint64_t h = target != NULL ? hash(target) : 0;

		free(target);
		if (n->cnames++ == 0) {
			n->cname_file = file;
			n->cname_line = rec->line;
			n->cname_target = h;
			n->cname_targets = 1;
		} else if (h != n->cname_target && n->cname_targets == 1) {
			n->cname_targets = 2; /* one more is enough to say */
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
	/* The checks below read the record's fields: only when they are
	 * the fields its type has (not RFC 3597 generic data). */
	if (!shaped) {
		return;
	}
	if (type == LDNS_RR_TYPE_MX || type == LDNS_RR_TYPE_NS ||
	    type == LDNS_RR_TYPE_SRV) {
		struct kept now = { .rr = (ldns_rr *)rec->rr, .owner = n->name,
			.file = file, .line = rec->line };

		zl_dns_record(zone, &now);
	}
	if (type == LDNS_RR_TYPE_TXT || type == LDNS_RR_TYPE_SPF) {
		text = join_strings(rec->rr, &text_len);
		if (text == NULL) {
			zone->nomem = true;
			return;
		}
	}
	if (!keep(zone, n, type, text, text_len)) {
		free(text);
		return;
	}
	if (zone->kept_count == zone->kept_capacity) {
		size_t cap = zone->kept_capacity ? zone->kept_capacity * 2 : 64;
		struct kept *p = realloc(zone->kept, cap * sizeof(*p));

		if (p == NULL) {
			free(text);
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
	k->text = text;
	k->text_len = text_len;
	if (k->rr == NULL) {
		free(text);
		zone->nomem = true;
		return;
	}
	/* Chain it to the records kept at its owner. */
	if (n->kept_last != 0) {
		zone->kept[n->kept_last - 1].next = zone->kept_count + 1;
	} else {
		n->kept_first = zone->kept_count + 1;
	}
	n->kept_last = ++zone->kept_count;
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
	for (i = 0; i < zone->pending_count; i++) {
		free(zone->pending[i].target);
	}
	free(zone->pending);
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
	ropts.size_max = options->max_file_size;
	ropts.records_max = options->max_records;
	ropts.no_file_name_origin = options->no_file_name_origin;
	ropts.origin_prefixes = options->origin_prefixes;
	ropts.origin_prefixes_count = options->origin_prefixes_count;
	ropts.origin_suffixes = options->origin_suffixes;
	ropts.origin_suffixes_count = options->origin_suffixes_count;
	mark = zl_report_mark(report);
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
		/* A file read only in part has no missing records. */
		if (!zone.limited) {
			zl_check_mail(&zone);
		}
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
