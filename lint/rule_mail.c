/* rule_mail.c: the zone against the provider's record plan, and null MX. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/internal.h"

/* The kept record of `type` at `owner` number `nth` (0-based), or NULL. */
static const struct kept *
kept_at(const struct zone *zone, const char *owner, ldns_rr_type type,
    size_t nth)
{
	const struct kept *k;

	for (k = zl_kept_first(zone, owner); k != NULL;
	     k = zl_kept_next(zone, k)) {
		if (ldns_rr_get_type(k->rr) == type && nth-- == 0) {
			return k;
		}
	}
	return NULL;
}

/* `got` is `want` (absolute) whose trailing dot was lost under `origin`. */
static bool
lost_dot(const char *got, const char *want, const char *origin)
{
	size_t n = strlen(want);

	return n > 1 && strncasecmp(got, want, n - 1) == 0 &&
	    got[n - 1] == '.' && strcmp(got + n, origin) == 0;
}

static void
check_cname(struct zone *zone, const zg_record_t *r)
{
	const struct kept *k, *other = NULL;
	bool cname = false;
	char *target;

	/* Every record at the names the profile wants a CNAME at is kept. */
	for (k = zl_kept_first(zone, r->owner); k != NULL;
	     k = zl_kept_next(zone, k)) {
		uint16_t t = (uint16_t)ldns_rr_get_type(k->rr);

		if (t == LDNS_RR_TYPE_CNAME) {
			cname = true;
		} else if (!zl_dnssec_type(t) && other == NULL) {
			other = k;
		}
	}
	/* A name with only DNSSEC records (RRSIG, NSEC) has neither the
	 * CNAME nor other data (RFC 2181 10.1): the CNAME is missing. */
	if (!cname && other == NULL) {
		zl_report_add(zone->report, ZL_MAIL_CNAME_MISSING, zone->path,
		    0, r->owner, LDNS_RR_TYPE_CNAME,
		    "no CNAME %s -> %s (profile %s)", r->owner, r->target,
		    zone->options->profile->name);
		return;
	}
	if (!cname) {
		char *tn = ldns_rr_type2str(ldns_rr_get_type(other->rr));

		zl_report_add(zone->report, ZL_MAIL_CNAME_NOT_CNAME,
		    other->file, other->line, r->owner,
		    (uint16_t)ldns_rr_get_type(other->rr),
		    "%s has a record of type %s where the profile wants a "
		    "CNAME to %s", r->owner, tn ? tn : "?", r->target);
		free(tn);
		return;
	}
	if ((k = kept_at(zone, r->owner, LDNS_RR_TYPE_CNAME, 0)) == NULL ||
	    ldns_rr_rd_count(k->rr) != 1 ||
	    (target = zl_dname_str(ldns_rr_rdf(k->rr, 0))) == NULL) {
		return;
	}
	if (strcasecmp(target, r->target) == 0) {
		free(target);
		return;
	}
	if (lost_dot(target, r->target, zone->origin)) {
		zl_report_add(zone->report, ZL_MAIL_CNAME_RELATIVE, k->file,
		    k->line, r->owner, LDNS_RR_TYPE_CNAME,
		    "CNAME %s points to %s: the target lost its trailing dot "
		    "and got the origin appended (write %s)", r->owner,
		    target, r->target);
	} else {
		zl_report_add(zone->report, ZL_MAIL_CNAME_TARGET, k->file,
		    k->line, r->owner, LDNS_RR_TYPE_CNAME,
		    "CNAME %s points to %s; the profile %s wants %s",
		    r->owner, target, zone->options->profile->name,
		    r->target);
	}
	free(target);
}

struct mx {
	const struct kept *k;
	unsigned pref;
	char *host;
	bool matched;
};

/* Apex MX records, with their hosts; the caller frees the hosts. */
static size_t
apex_mx(struct zone *zone, struct mx *out, size_t max)
{
	size_t count = 0;
	const struct kept *k;

	while (count < max &&
	    (k = kept_at(zone, zone->origin, LDNS_RR_TYPE_MX, count)) !=
		NULL) {
		out[count].k = k;
		out[count].pref = ldns_rdf2native_int16(ldns_rr_rdf(k->rr, 0));
		out[count].host = zl_dname_str(ldns_rr_rdf(k->rr, 1));
		out[count].matched = false;
		if (out[count].host == NULL) {
			zone->nomem = true;
			break;
		}
		count++;
	}
	return count;
}

/*
 * RFC 7505: "MX 0 ." says the domain takes no mail.  It stands alone, and
 * such a domain says with SPF that it sends none either (RFC 7505 4).
 * Returns true when the domain has a null MX.
 */
static bool
check_null_mx(struct zone *zone, struct mx *mx, size_t count)
{
	const struct kept *null = NULL;
	const struct kept *spf = NULL;
	size_t i;

	for (i = 0; i < count; i++) {
		if (strcmp(mx[i].host, ".") == 0) {
			null = mx[i].k;
		}
	}
	if (null == NULL) {
		return false;
	}
	if (count > 1) {
		zl_report_add(zone->report, ZL_NULL_MX_NOT_ALONE, null->file,
		    null->line, zone->origin, LDNS_RR_TYPE_MX,
		    "%s has a null MX and %zu other MX records",
		    zone->origin, count - 1);
	}
	for (i = 0; i < zone->kept_count; i++) {
		const struct kept *k = &zone->kept[i];

		if (ldns_rr_get_type(k->rr) == LDNS_RR_TYPE_TXT &&
		    strcmp(k->owner, zone->origin) == 0 &&
		    zg_spf_is_record(k->text, k->text_len)) {
			spf = k;
		}
	}
	if (spf == NULL || strcasecmp(spf->text, "v=spf1 -all") != 0) {
		zl_report_add(zone->report, ZL_NULL_MX_NO_SPF,
		    spf ? spf->file : null->file, spf ? spf->line : null->line,
		    zone->origin, LDNS_RR_TYPE_TXT,
		    "%s takes no mail (null MX) but its SPF record is %s",
		    zone->origin, spf ? "not 'v=spf1 -all'" : "missing");
	}
	return true;
}

static void
check_mx(struct zone *zone, const zg_plan_t *plan, struct mx *mx,
    size_t count)
{
	size_t i, j;

	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];
		bool found = false;

		if (r->role != ZG_ROLE_MX) {
			continue;
		}
		for (j = 0; j < count && !found; j++) {
			if (strcasecmp(mx[j].host, r->target) == 0) {
				found = mx[j].matched = true;
				if (mx[j].pref != r->priority) {
					zl_report_add(zone->report,
					    ZL_MAIL_MX_PRIORITY,
					    mx[j].k->file, mx[j].k->line,
					    zone->origin, LDNS_RR_TYPE_MX,
					    "MX %s has priority %u; the "
					    "profile %s gives %u", r->target,
					    mx[j].pref, plan->profile->name,
					    (unsigned)r->priority);
				}
			} else if (lost_dot(mx[j].host, r->target,
				       zone->origin)) {
				found = mx[j].matched = true;
				zl_report_add(zone->report,
				    ZL_MAIL_MX_RELATIVE, mx[j].k->file,
				    mx[j].k->line, zone->origin,
				    LDNS_RR_TYPE_MX,
				    "MX host %s lost its trailing dot and got "
				    "the origin appended (write %s)",
				    mx[j].host, r->target);
			}
		}
		if (!found) {
			zl_report_add(zone->report, ZL_MAIL_MX_MISSING,
			    zone->path, 0, zone->origin, LDNS_RR_TYPE_MX,
			    "no MX %u %s at %s (profile %s)",
			    (unsigned)r->priority, r->target, zone->origin,
			    plan->profile->name);
		}
	}
	for (j = 0; j < count; j++) {
		if (!mx[j].matched) {
			zl_report_add(zone->report, ZL_MAIL_MX_EXTRA,
			    mx[j].k->file, mx[j].k->line, zone->origin,
			    LDNS_RR_TYPE_MX,
			    "MX %s is not a host of the profile %s",
			    mx[j].host, plan->profile->name);
		}
	}
}

/* Mechanisms that authorise hosts, compared as written (case aside). */
static bool
same_term(const zg_spf_term_t *a, const zg_spf_term_t *b)
{
	if (a->kind != b->kind || a->cidr4 != b->cidr4 ||
	    a->cidr6 != b->cidr6 || b->qualifier != '+') {
		return false;
	}
	if (a->value == NULL || b->value == NULL) {
		return a->value == b->value;
	}
	return strcasecmp(a->value, b->value) == 0;
}

/*
 * The provider is authorised when every mechanism of the profile's SPF
 * record that names its hosts is in the zone's record with a pass
 * qualifier.  Other senders' terms and the record's own "all" are the
 * domain's business; ptr is left out (RFC 7208 5.5: SHOULD NOT be used,
 * so dropping it is no fault).
 */
static void
check_spf(struct zone *zone, const zg_plan_t *plan)
{
	const struct kept *k = NULL;
	zg_problems_t problems = { 0 };
	zg_spf_t *want = NULL, *got = NULL;
	const char *text = NULL;
	char missing[512] = "";
	size_t i, j;

	for (i = 0; i < plan->count; i++) {
		if (plan->records[i].role == ZG_ROLE_SPF) {
			text = plan->records[i].text;
		}
	}
	if (text == NULL) {
		return;
	}
	for (i = 0; i < zone->kept_count && k == NULL; i++) {
		if (ldns_rr_get_type(zone->kept[i].rr) == LDNS_RR_TYPE_TXT &&
		    strcmp(zone->kept[i].owner, zone->origin) == 0 &&
		    zg_spf_is_record(zone->kept[i].text,
			zone->kept[i].text_len)) {
			k = &zone->kept[i];
		}
	}
	if (k == NULL) {
		zl_report_add(zone->report, ZL_MAIL_SPF_MISSING, zone->path, 0,
		    zone->origin, LDNS_RR_TYPE_TXT,
		    "no SPF record at %s (profile %s: \"%s\")", zone->origin,
		    plan->profile->name, text);
		return;
	}
	if (zg_spf_parse(text, strlen(text), &want, &problems) != ZG_OK ||
	    zg_spf_parse(k->text, k->text_len, &got, &problems) != ZG_OK) {
		zone->nomem = true;
		goto out;
	}
	for (i = 0; i < want->count; i++) {
		const zg_spf_term_t *t = &want->terms[i];

		if (t->kind == ZG_SPF_ALL || t->kind == ZG_SPF_PTR ||
		    t->kind >= ZG_SPF_REDIRECT || t->qualifier != '+') {
			continue;
		}
		for (j = 0; j < got->count; j++) {
			if (same_term(t, &got->terms[j])) {
				break;
			}
		}
		if (j == got->count) {
			size_t n = strlen(missing);

			snprintf(missing + n, sizeof(missing) - n, "%s%s%s%s",
			    n ? ", " : "", t->name, t->value ? ":" : "",
			    t->value ? t->value : "");
		}
	}
	if (missing[0] != '\0') {
		zl_report_add(zone->report, ZL_MAIL_SPF_UNAUTHORISED, k->file,
		    k->line, zone->origin, LDNS_RR_TYPE_TXT,
		    "SPF record at %s does not authorise the provider %s: "
		    "missing %s", zone->origin, plan->profile->name, missing);
	}
out:
	zg_spf_free(want);
	zg_spf_free(got);
	zg_problems_free(&problems);
}

static void
check_dmarc(struct zone *zone, const zg_plan_t *plan)
{
	const zg_record_t *r = NULL;
	size_t i;

	for (i = 0; i < plan->count; i++) {
		if (plan->records[i].role == ZG_ROLE_DMARC) {
			r = &plan->records[i];
		}
	}
	if (r == NULL) {
		return;
	}
	for (i = 0; i < zone->kept_count; i++) {
		const struct kept *k = &zone->kept[i];

		if (ldns_rr_get_type(k->rr) != LDNS_RR_TYPE_TXT ||
		    !zg_dmarc_is_record(k->text, k->text_len)) {
			continue;
		}
		/* Present, or misplaced at the apex (reported as such). */
		if (strcmp(k->owner, r->owner) == 0 ||
		    strcmp(k->owner, zone->origin) == 0) {
			return;
		}
	}
	zl_report_add(zone->report, ZL_MAIL_DMARC_MISSING, zone->path, 0,
	    r->owner, LDNS_RR_TYPE_TXT, "no DMARC record at %s (profile %s: "
	    "\"%s\")", r->owner, plan->profile->name, r->text);
}

void
zl_check_mail(struct zone *zone)
{
	struct mx mx[64];
	size_t count, i;

	if (!zone->has_plan) {
		return;
	}
	count = apex_mx(zone, mx, sizeof(mx) / sizeof(mx[0]));
	if (check_null_mx(zone, mx, count)) {
		/* A domain that takes no mail needs none of the records. */
		zone->has_plan = false;
	} else {
		for (i = 0; i < zone->plan.count; i++) {
			if (zone->plan.records[i].role == ZG_ROLE_CNAME) {
				check_cname(zone, &zone->plan.records[i]);
			}
		}
		check_mx(zone, &zone->plan, mx, count);
		check_spf(zone, &zone->plan);
		check_dmarc(zone, &zone->plan);
	}
	for (i = 0; i < count; i++) {
		free(mx[i].host);
	}
}
