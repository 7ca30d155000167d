/* plan.c: the records a domain needs to use a provider's mail service. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zonegen/internal.h"
#include "zonegen/zonegen.h"

/*
 * RFC 6186 3 and RFC 8314 5.1 name the service records: _imap (IMAP with
 * STARTTLS or plain), _imaps (implicit TLS), _pop3, _pop3s, _submission
 * (STARTTLS, 587) and _submissions (implicit TLS, 465).  Port 25 is relay,
 * not client submission, and has no client SRV record.
 */
const char *
zg_service_srv_prefix(const zg_service_t *service)
{
	bool tls = service->security == ZG_SEC_TLS;

	switch (service->protocol) {
	case ZG_PROTO_IMAP:
		return tls ? "_imaps._tcp" : "_imap._tcp";
	case ZG_PROTO_POP3:
		return tls ? "_pop3s._tcp" : "_pop3._tcp";
	case ZG_PROTO_SUBMISSION:
		return tls ? "_submissions._tcp" : "_submission._tcp";
	case ZG_PROTO_SMTP:
		break;
	}
	return NULL;
}

static zg_record_t *
plan_push(zg_plan_t *plan, zg_role_t role, zg_rr_type_t type,
    const char *label, uint32_t ttl)
{
	zg_record_t *r;

	if (plan->count == plan->capacity) {
		size_t cap = plan->capacity ? plan->capacity * 2 : 16;
		zg_record_t *p = realloc(plan->records, cap * sizeof(*p));

		if (p == NULL) {
			return NULL;
		}
		plan->records = p;
		plan->capacity = cap;
	}
	r = &plan->records[plan->count++];
	memset(r, 0, sizeof(*r));
	r->role = role;
	r->type = type;
	r->ttl = ttl;
	/* The domain is at most 253 octets and the labels come from the
	 * profile; a name that does not fit is refused, never cut. */
	if ((size_t)snprintf(r->owner, sizeof(r->owner), "%s%s%s", label,
		label[0] ? "." : "", plan->domain) >= sizeof(r->owner)) {
		plan->count--;
		return NULL;
	}
	return r;
}

zg_status_t
zg_plan_build(zg_plan_t *plan, const zg_profile_t *profile,
    const char *domain, const zg_plan_options_t *options)
{
	uint32_t ttl = options != NULL && options->ttl_set ? options->ttl
							   : profile->ttl;
	zg_record_t *r;
	unsigned i;

	size_t longest = options != NULL && options->srv
			     ? strlen("_submissions._tcp")
			     : strlen("_dmarc");

	for (i = 0; i < profile->cnames_count; i++) {
		size_t n = strlen(profile->cnames[i].label);

		longest = n > longest ? n : longest;
	}
	/* Every owner must be a valid name: refuse, never cut. */
	if (strlen(domain) + 1 + longest > ZG_NAME_MAX) {
		return ZG_ERR_DOMAIN;
	}
	plan->count = 0;
	plan->profile = profile;
	snprintf(plan->domain, sizeof(plan->domain), "%s.", domain);
	plan->subject[0] = '\0';

	for (i = 0; i < profile->cnames_count; i++) {
		r = plan_push(plan, ZG_ROLE_CNAME, ZG_RR_CNAME,
		    profile->cnames[i].label, ttl);
		if (r == NULL) {
			return ZG_ERR_NOMEM;
		}
		r->target = profile->cnames[i].target;
	}
	for (i = 0; i < profile->mx_count; i++) {
		if ((r = plan_push(plan, ZG_ROLE_MX, ZG_RR_MX, "", ttl)) ==
		    NULL) {
			return ZG_ERR_NOMEM;
		}
		r->priority = profile->mx[i].priority;
		r->target = profile->mx[i].host;
	}
	if (profile->spf != NULL) {
		if ((r = plan_push(plan, ZG_ROLE_SPF, ZG_RR_TXT, "", ttl)) ==
		    NULL) {
			return ZG_ERR_NOMEM;
		}
		r->text = profile->spf;
	}
	if (profile->dmarc != NULL) {
		/* At _dmarc.DOMAIN, never at the apex (RFC 7489 6.1). */
		r = plan_push(plan, ZG_ROLE_DMARC, ZG_RR_TXT, "_dmarc", ttl);
		if (r == NULL) {
			return ZG_ERR_NOMEM;
		}
		r->text = profile->dmarc;
	}
	if (options == NULL || !options->srv) {
		return ZG_OK;
	}
	for (i = 0; i < profile->services_count; i++) {
		const zg_service_t *s = &profile->services[i];
		const char *prefix = zg_service_srv_prefix(s);

		if (prefix == NULL) {
			continue;
		}
		if ((r = plan_push(plan, ZG_ROLE_SRV, ZG_RR_SRV, prefix,
			 ttl)) == NULL) {
			return ZG_ERR_NOMEM;
		}
		/* The provider's host, never the customer's CNAME: an SRV
		 * target must not be an alias (RFC 2782). */
		r->target = s->host;
		r->priority = s->priority;
		r->weight = s->weight;
		r->port = s->port;
		r->service = s;
	}
	return ZG_OK;
}

/* zg_plan_report_build's state while the report hosts are visited. */
struct report_plan {
	zg_plan_t *plan;
	const char *domain;
	uint32_t ttl;
	zg_status_t status;
};

/* One record per distinct host: DOMAIN._report._dmarc.HOST. */
static bool
report_record(const char *tag, const char *uri, size_t len, const char *host,
    void *arg)
{
	struct report_plan *rp = arg;
	zg_plan_t *plan = rp->plan;
	char owner[ZG_NAME_MAX + 2];
	zg_record_t *r;
	size_t i, n;

	(void)tag;
	(void)uri;
	(void)len;
	n = (size_t)snprintf(owner, sizeof(owner), "%s._report._dmarc.%s.",
	    rp->domain, host);
	/* At most 253 octets without the final dot. */
	if (n > ZG_NAME_MAX + 1) {
		rp->status = ZG_ERR_DOMAIN;
		return false;
	}
	/* Names in lower case, as zonegen writes every name it makes. */
	for (i = 0; i < n; i++) {
		owner[i] = zg_ascii_lower(owner[i]);
	}
	for (i = 0; i < plan->count; i++) {
		if (strcmp(plan->records[i].owner, owner) == 0) {
			return true;
		}
	}
	if ((r = plan_push(plan, ZG_ROLE_REPORT, ZG_RR_TXT, "", rp->ttl)) ==
	    NULL) {
		rp->status = ZG_ERR_NOMEM;
		return false;
	}
	memcpy(r->owner, owner, n + 1);
	r->text = "v=DMARC1";
	return true;
}

zg_status_t
zg_plan_report_build(zg_plan_t *plan, const zg_profile_t *profile,
    const char *domain, const zg_plan_options_t *options)
{
	struct report_plan rp = { plan, domain, 0, ZG_OK };
	zg_problems_t problems = { 0 };
	zg_dmarc_t *d = NULL;
	const char *zone = profile->dmarc_report_zone;
	zg_status_t st;
	size_t n;

	rp.ttl = options != NULL && options->ttl_set ? options->ttl
						     : profile->ttl;
	plan->count = 0;
	plan->profile = profile;
	if (zone == NULL || profile->dmarc == NULL) {
		return ZG_ERR_PROFILE;
	}
	snprintf(plan->domain, sizeof(plan->domain), "%s", zone);
	for (n = 0; plan->domain[n] != '\0'; n++) {
		plan->domain[n] = zg_ascii_lower(plan->domain[n]);
	}
	snprintf(plan->subject, sizeof(plan->subject), "%s.", domain);
	/* Within one another, the domain and the zone are taken to be one
	 * organisation's: RFC 7489 7.1 compares Organizational Domains,
	 * which only the DNS tells (zonelint --live does). */
	if (zg_name_within(domain, zone) || zg_name_within(zone, domain)) {
		return ZG_OK;
	}
	st = zg_dmarc_parse(profile->dmarc, strlen(profile->dmarc),
	    ZG_DMARC_RFC9989, &d, &problems);
	zg_problems_free(&problems);
	if (st != ZG_OK) {
		return st;
	}
	zg_dmarc_report_hosts(d, report_record, &rp);
	zg_dmarc_free(d);
	if (rp.status != ZG_OK) {
		plan->count = 0;
	}
	return rp.status;
}

void
zg_plan_free(zg_plan_t *plan)
{
	if (plan == NULL) {
		return;
	}
	free(plan->records);
	plan->records = NULL;
	plan->count = 0;
	plan->capacity = 0;
}
