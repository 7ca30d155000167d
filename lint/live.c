/* live.c: a domain's mail records as the DNS serves them, and SPF across domains. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * zonelint --live DOMAIN asks the DNS (lint/dns.c) for the records the
 * profile's plan names (client host CNAMEs, MX and SPF at the domain,
 * DMARC at _dmarc, SRV) and for what sits at the client host names, and
 * hands every record whose owner is the name asked to the reader's
 * callbacks, as a zone file's: the rules of a file apply unchanged.  A
 * question without an answer is a dns-failure finding, and the domain's
 * mail records are then not judged (a record the DNS did not give is not
 * a missing record).
 *
 * Then what only the DNS can tell: the SPF record at the domain is
 * evaluated as a receiver evaluates it for a client address that matches
 * nothing (so every term is reached), with every include: and redirect=
 * followed across domains, and counted as RFC 7208 4.6.4 counts:
 *
 *   spf-lookups        more than 10 terms that query the DNS (include, a,
 *                      mx, ptr, exists, redirect), with the cost of each
 *                      term of the record in the message
 *   spf-void-lookups   more than 2 of those lookups with an empty answer
 *                      or no such name (a ptr mechanism counts as one: a
 *                      client without a PTR record makes it void)
 *   spf-include-none   an include: or redirect= of a domain without an
 *                      SPF record
 *   spf-multiple       an included domain with two SPF records
 *   spf-include-loop   an include: or redirect= back to a domain being
 *                      evaluated
 *   spf-syntax         an included record that does not parse
 *   spf-mx-hosts       an mx mechanism whose domain has more than 10 MX
 *                      hosts (RFC 7208 4.6.4: permerror)
 *
 * Terms whose domain holds a macro (%{...}) are not followed: what they
 * ask depends on the message.
 *
 * And DMARC as receivers find it (RFC 9989 4.10, the DNS tree walk): the
 * record at _dmarc.DOMAIN, else the first one found walking up (from the
 * seventh label from the right when the name has more, at most 8
 * questions); the Organizational Domain is the name of a record with
 * psd=n, the name below one with psd=y, else the highest name with a
 * record, else the domain itself.
 *
 *   dmarc-inherited            no record of the domain's own: the one
 *                              that applies, found by the walk
 *   dmarc-report-unauthorised  a rua= or ruf= address outside the
 *                              Organizational Domain whose host does not
 *                              publish DOMAIN._report._dmarc.HOST "v=DMARC1"
 *                              (RFC 7489 7.1, RFC 9990): no reports go there
 *
 * And the hosts the records name, wherever they are: each MX host, SRV
 * target and client host CNAME target must exist with an address
 * (target-no-address), and an MX host or SRV target must not be an alias
 * (mx-target-cname, srv-target-cname: the rules a zone file's own targets
 * get).
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/internal.h"

#define LIMIT_LOOKUPS 10
#define LIMIT_VOID 2
#define MAX_DEPTH 32

/* ---- the records ------------------------------------------------------ */

struct question {
	char name[ZG_NAME_MAX + 2];
	uint16_t type;
};

static bool
add_question(struct question *q, size_t *n, size_t cap, const char *name,
    uint16_t type)
{
	size_t i, len = strlen(name);
	char abs[ZG_NAME_MAX + 2];

	/* One spelling per name: absolute. */
	if (len == 0 || len + 2 > sizeof(abs)) {
		return false;
	}
	snprintf(abs, sizeof(abs), "%s%s", name,
	    name[len - 1] == '.' ? "" : ".");
	for (i = 0; i < *n; i++) {
		if (q[i].type == type && strcasecmp(q[i].name, abs) == 0) {
			return true;
		}
	}
	if (*n == cap) {
		return false;
	}
	snprintf(q[*n].name, sizeof(q[*n].name), "%s", abs);
	q[*n].type = type;
	(*n)++;
	return true;
}

static const char *const srv_names[] = {
	"_imap._tcp", "_imaps._tcp", "_pop3._tcp", "_pop3s._tcp",
	"_submission._tcp", "_submissions._tcp",
};

int
zl_live_read(const struct zl_live *live, const char *display,
    const zg_plan_t *plan, const zl_read_callbacks_t *cb, void *ctx,
    char *err, size_t errlen)
{
	struct question q[128];
	char name[ZG_NAME_MAX + 2];
	size_t n = 0, i, k, cap = sizeof(q) / sizeof(q[0]);
	unsigned line = 0, failed = 0, failures = 0;
	ldns_rdf *origin = ldns_dname_new_frm_str(live->domain);
	uint8_t *rdata = NULL;
	size_t rcap = 0;

	if (origin == NULL) {
		snprintf(err, errlen, "%s is not a domain name", live->domain);
		return -1;
	}
	/* (begin builds the plan the questions come from) */
	if (cb->begin != NULL) {
		cb->begin(ctx, origin, "DNS");
	}
	add_question(q, &n, cap, live->domain, LDNS_RR_TYPE_MX);
	add_question(q, &n, cap, live->domain, LDNS_RR_TYPE_TXT);
	snprintf(name, sizeof(name), "_dmarc.%s", live->domain);
	add_question(q, &n, cap, name, LDNS_RR_TYPE_TXT);
	/* A _dmarc CNAME to a reporting service is the zone's record (its
	 * target's TXT record is not). */
	add_question(q, &n, cap, name, LDNS_RR_TYPE_CNAME);
	for (i = 0; i < ZL_CLIENT_HOSTS_COUNT; i++) {
		snprintf(name, sizeof(name), "%s.%s", zl_client_hosts[i],
		    live->domain);
		add_question(q, &n, cap, name, LDNS_RR_TYPE_CNAME);
		add_question(q, &n, cap, name, LDNS_RR_TYPE_A);
		add_question(q, &n, cap, name, LDNS_RR_TYPE_AAAA);
	}
	/* The mail SRV records (RFC 6186, RFC 8314), whatever the plan. */
	for (i = 0; i < sizeof(srv_names) / sizeof(srv_names[0]); i++) {
		snprintf(name, sizeof(name), "%s.%s", srv_names[i],
		    live->domain);
		add_question(q, &n, cap, name, LDNS_RR_TYPE_SRV);
	}
	for (i = 0; plan != NULL && i < plan->count; i++) {
		add_question(q, &n, cap, plan->records[i].owner,
		    (uint16_t)plan->records[i].type);
	}
	for (i = 0; i < n; i++) {
		const ldns_rr_list *answer;
		zl_dns_status_t st = zl_dns_query(live->dns, q[i].name,
		    q[i].type, &answer);
		ldns_rdf *qname;
		char *tn;

		if (st == ZL_DNS_FAIL || st == ZL_DNS_BUDGET) {
			char msg[600];

			tn = ldns_rr_type2str((ldns_rr_type)q[i].type);
			snprintf(msg, sizeof(msg), "%.254s %s: %s; the mail "
			    "records of the domain were not judged", q[i].name,
			    tn != NULL ? tn : "?", st == ZL_DNS_BUDGET
				? "not asked, the budget of questions or time "
				  "is spent (--query-budget, --timeout)"
				: zl_dns_error(live->dns) != NULL
				? zl_dns_error(live->dns)
				: "no answer from the resolver");
			free(tn);
			if (cb->problem != NULL) {
				cb->problem(ctx, display, 0, "dns-failure", msg);
			}
			failures++;
			/* Three in a row: the resolver is down or the
			 * budget spent; the rest is not asked. */
			if (++failed >= 3 && i + 1 < n) {
				snprintf(msg, sizeof(msg), "%zu more questions "
				    "not asked after three without an answer",
				    n - i - 1);
				if (cb->problem != NULL) {
					cb->problem(ctx, display, 0,
					    "dns-failure", msg);
				}
				break;
			}
			continue;
		}
		failed = 0;
		if (st != ZL_DNS_ANSWER ||
		    (qname = ldns_dname_new_frm_str(q[i].name)) == NULL) {
			continue;
		}
		for (k = 0; k < ldns_rr_list_rr_count(answer); k++) {
			const ldns_rr *rr = ldns_rr_list_rr(answer, k);
			zl_record_t rec;
			size_t len = 0;

			char why[256];

			/* Only what sits at the name asked: a CNAME's
			 * target is another name's business. */
			if (ldns_dname_compare(ldns_rr_owner(rr), qname) != 0 ||
			    !zl_rr_rdata_wire(rr, &rdata, &rcap, &len)) {
				continue;
			}
			/* Data the DNS (or a cache file) gives is checked as
			 * a zone file's is. */
			if (!zl_rdata_wire_ok(ldns_rr_get_type(rr), rdata, len,
			    why, sizeof(why))) {
				char msg[600];

				tn = ldns_rr_type2str(ldns_rr_get_type(rr));
				snprintf(msg, sizeof(msg), "bad %s record at "
				    "%.254s from the DNS: %s", tn != NULL ? tn : "?",
				    q[i].name, why);
				free(tn);
				if (cb->problem != NULL) {
					cb->problem(ctx, display, 0,
					    "syntax-error", msg);
				}
				continue;
			}
			memset(&rec, 0, sizeof(rec));
			rec.owner = ldns_rdf_data(ldns_rr_owner(rr));
			rec.owner_len = ldns_rdf_size(ldns_rr_owner(rr));
			rec.type = (uint16_t)ldns_rr_get_type(rr);
			rec.rr_class = (uint16_t)ldns_rr_get_class(rr);
			rec.ttl = ldns_rr_ttl(rr);
			rec.rdata = rdata;
			rec.rdata_len = len;
			rec.file = display;
			rec.line = rec.last_line = ++line;
			rec.ttl_explicit = true;
			if (cb->record != NULL) {
				cb->record(ctx, &rec);
			}
		}
		ldns_rdf_deep_free(qname);
	}
	if (cb->end != NULL) {
		cb->end(ctx, line);
	}
	free(rdata);
	ldns_rdf_deep_free(origin);
	return failures > 0 ? 1 : 0;
}

/* ---- SPF across domains ----------------------------------------------- */

struct eval {
	struct zone *zone;
	zl_dns_t *dns;
	const char *display;
	const char *top;          /* the domain */
	unsigned lookups;
	unsigned voids;
	const char *path[MAX_DEPTH]; /* the domains being evaluated */
	unsigned depth;
	bool failed;              /* a question without an answer */
	bool reported;            /* a permerror was said */
	bool local;               /* the zone's own names: the file's */
	bool stopped;             /* a limit reached: the rest not counted */
	unsigned line;            /* where findings go (0: the zone) */
};

/* A TXT record's strings joined (RFC 7208 3.3), malloc'd; NULL when
 * out of memory or the text holds a NUL. */
static char *
txt_text(const ldns_rr *rr)
{
	size_t j, len = 0;
	char *t;

	for (j = 0; j < ldns_rr_rd_count(rr); j++) {
		len += ldns_rdf_size(ldns_rr_rdf(rr, j));
	}
	if ((t = malloc(len + 1)) == NULL) {
		return NULL;
	}
	len = 0;
	for (j = 0; j < ldns_rr_rd_count(rr); j++) {
		const ldns_rdf *f = ldns_rr_rdf(rr, j);
		size_t n = ldns_rdf_size(f);

		if (n > 0) {
			memcpy(t + len, ldns_rdf_data(f) + 1, n - 1);
			len += n - 1;
		}
	}
	t[len] = '\0';
	if (strlen(t) != len) {
		free(t);
		return NULL;
	}
	return t;
}

/* The TXT records at `name` that `is_record` takes: how many, and the
 * text of the first (malloc'd, or NULL); the question's status. */
static zl_dns_status_t
txt_at(struct eval *e, const char *name,
    bool (*is_record)(const char *, size_t), unsigned *count, char **text)
{
	const ldns_rr_list *a;
	zl_dns_status_t st = zl_dns_query(e->dns, name, LDNS_RR_TYPE_TXT, &a);
	size_t i;

	*count = 0;
	*text = NULL;
	for (i = 0; st == ZL_DNS_ANSWER && i < ldns_rr_list_rr_count(a);
	     i++) {
		char *t = txt_text(ldns_rr_list_rr(a, i));

		if (t != NULL && is_record(t, strlen(t)) && (*count)++ == 0) {
			*text = t;
			continue;
		}
		free(t);
	}
	return st;
}

/* The SPF records at a domain: how many, and the text of the first (in
 * *text, malloc'd). */
static zl_dns_status_t
spf_at(struct eval *e, const char *domain, unsigned *count, char **text)
{
	unsigned line;
	int r;

	*count = 0;
	*text = NULL;
	if (e->local && (r = zl_spf_local(e->zone, domain, text, &line)) >= 0) {
		*count = *text != NULL;
		return r == 0 ? ZL_DNS_NXDOMAIN : ZL_DNS_ANSWER;
	}
	return txt_at(e, domain, zg_spf_is_record, count, text);
}

static void say(struct eval *e, int rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct eval *e, int rule, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	zl_report_add(e->zone->report, rule, e->display, e->line, NULL,
	    LDNS_RR_TYPE_TXT, "SPF record at %s.: %s", e->top, msg);
}

/* --resolve-external: what the file says of a name (zl_spf_local without
 * the text). */
static int
local_name(const struct eval *e, const char *name)
{
	char *text;
	unsigned line;
	int r = zl_spf_local(e->zone, name, &text, &line);

	free(text);
	return r;
}

/* Whether a name answers an address question (void: no such name, or no
 * A, and no AAAA unless `v4_only`: the a and exists mechanisms of a
 * receiver for an IPv4 client ask for A only, RFC 7208 5.3, 5.7). */
static zl_dns_status_t
addresses(struct eval *e, const char *name, bool v4_only, bool *any)
{
	const ldns_rr_list *a;
	zl_dns_status_t s4, s6;
	int r;

	/* A name of the file's zone: it has an address if it has records
	 * (the file is not asked which). */
	if (e->local && (r = local_name(e, name)) >= 0) {
		*any = r == 1;
		return ZL_DNS_ANSWER;
	}
	s4 = zl_dns_query(e->dns, name, LDNS_RR_TYPE_A, &a);

	if (s4 == ZL_DNS_FAIL || s4 == ZL_DNS_BUDGET) {
		return s4;
	}
	if (v4_only) {
		*any = s4 == ZL_DNS_ANSWER;
		return ZL_DNS_ANSWER;
	}
	s6 = zl_dns_query(e->dns, name, LDNS_RR_TYPE_AAAA, &a);
	if (s6 == ZL_DNS_FAIL || s6 == ZL_DNS_BUDGET) {
		return s6;
	}
	*any = s4 == ZL_DNS_ANSWER || s6 == ZL_DNS_ANSWER;
	return ZL_DNS_ANSWER;
}

static void
no_answer(struct eval *e, const char *name, const char *type,
    zl_dns_status_t st)
{
	if (!e->failed) {
		zl_report_add(e->zone->report, ZL_DNS_FAILURE, e->display, 0,
		    NULL, 0, "%s %s: %s; the live checks of %s. that need "
		    "it were not made", name, type,
		    st == ZL_DNS_BUDGET ? "not asked, the budget of questions "
					  "or time is spent (--query-budget, "
					  "--timeout)"
					: "no answer from the resolver",
		    e->top);
	}
	e->failed = true;
}

/* The lookups of the record at `domain`; `how` says why it is read
 * ("include:x", "redirect=x", or NULL at the top). */
static void evaluate(struct eval *e, const char *domain, const char *how);

/* One term that names a domain; the domain to query, or NULL when it
 * holds a macro or is the current domain's. */
static const char *
target(const zg_spf_term_t *t, const char *domain)
{
	if (t->value == NULL) {
		return domain;
	}
	if (strchr(t->value, '%') != NULL) {
		return NULL;
	}
	return t->value;
}

static void
evaluate_terms(struct eval *e, const char *domain, const zg_spf_t *spf,
    char *costs, size_t costs_len)
{
	bool has_all = false;
	size_t i, used = 0;

	for (i = 0; i < spf->count; i++) {
		has_all |= spf->terms[i].kind == ZG_SPF_ALL;
	}
	for (i = 0; i < spf->count && !e->failed; i++) {
		const zg_spf_term_t *t = &spf->terms[i];
		unsigned before = e->lookups;

		/* Receivers stop at the first lookup past a limit
		 * (permerror): so does the count, which bounds the work
		 * whatever the includes (RFC 7208 4.6.4). */
		if (e->lookups > LIMIT_LOOKUPS || e->voids > LIMIT_VOID) {
			if (t->kind == ZG_SPF_INCLUDE || t->kind == ZG_SPF_A ||
			    t->kind == ZG_SPF_MX || t->kind == ZG_SPF_PTR ||
			    t->kind == ZG_SPF_EXISTS ||
			    (t->kind == ZG_SPF_REDIRECT && !has_all)) {
				e->stopped = true;
				break;
			}
			continue;
		}
		const char *d = target(t, domain);
		char how[ZG_NAME_MAX + 16], term[300];
		const ldns_rr_list *mx;
		zl_dns_status_t st;
		bool any = false;
		int r;

		switch (t->kind) {
		case ZG_SPF_INCLUDE:
		case ZG_SPF_REDIRECT:
			if (t->kind == ZG_SPF_REDIRECT && has_all) {
				continue; /* RFC 7208 6.1: ignored */
			}
			e->lookups++;
			if (d == NULL) {
				break;
			}
			snprintf(how, sizeof(how), "%s%s",
			    t->kind == ZG_SPF_INCLUDE ? "include:" : "redirect=",
			    d);
			evaluate(e, d, how);
			break;
		case ZG_SPF_A:
		case ZG_SPF_EXISTS:
			e->lookups++;
			if (d == NULL) {
				break;
			}
			if ((st = addresses(e, d, true, &any)) !=
			    ZL_DNS_ANSWER) {
				no_answer(e, d, "A", st);
				break;
			}
			e->voids += !any;
			break;
		case ZG_SPF_MX:
			e->lookups++;
			if (d == NULL) {
				break;
			}
			if (e->local && (r = local_name(e, d)) >= 0) {
				e->voids += r == 0;
				break;
			}
			st = zl_dns_query(e->dns, d, LDNS_RR_TYPE_MX, &mx);
			if (st == ZL_DNS_FAIL || st == ZL_DNS_BUDGET) {
				no_answer(e, d, "MX", st);
				break;
			}
			if (st != ZL_DNS_ANSWER) {
				e->voids++;
			} else if (ldns_rr_list_rr_count(mx) > LIMIT_LOOKUPS) {
				say(e, ZL_SPF_MX_HOSTS, "mx:%s has %zu MX hosts; "
				    "receivers look up at most 10 and return "
				    "permerror (RFC 7208 4.6.4)", d,
				    ldns_rr_list_rr_count(mx));
			}
			break;
		case ZG_SPF_PTR:
			/* What it asks depends on the client: for one
			 * without a PTR record (a forger's, most often) the
			 * lookup is void, as receivers count it. */
			e->lookups++;
			e->voids++;
			break;
		default:
			continue; /* ip4, ip6, all, exp and others ask nothing */
		}
		/* The cost of each term of the top record. */
		if (e->depth == 1 && costs != NULL && used + 1 < costs_len) {
			zg_spf_term_format(t, term, sizeof(term));
			used += (size_t)snprintf(costs + used, costs_len - used,
			    "%s%s %u", used > 0 ? ", " : "", term,
			    e->lookups - before);
			if (used >= costs_len) {
				used = costs_len - 1;
			}
		}
	}
}

static void
evaluate(struct eval *e, const char *domain, const char *how)
{
	char *text = NULL, costs[700] = "";
	zg_problems_t problems = { 0 };
	zg_spf_t *spf = NULL;
	unsigned count, i;
	zl_dns_status_t st;

	for (i = 0; i < e->depth; i++) {
		if (strcasecmp(e->path[i], domain) == 0) {
			say(e, ZL_SPF_INCLUDE_LOOP, "%s comes back to %s, "
			    "which is being evaluated: receivers return "
			    "permerror", how, domain);
			return;
		}
	}
	if (e->depth == MAX_DEPTH) {
		say(e, ZL_SPF_INCLUDE_LOOP, "includes nest deeper than %u "
		    "at %s", MAX_DEPTH, how);
		return;
	}
	st = spf_at(e, domain, &count, &text);
	if (st == ZL_DNS_FAIL || st == ZL_DNS_BUDGET) {
		no_answer(e, domain, "TXT", st);
		return;
	}
	if (how != NULL && count == 0) {
		/* The query found nothing: void as well (RFC 7208 4.6.4). */
		e->voids += st != ZL_DNS_ANSWER;
		say(e, ZL_SPF_INCLUDE_NONE, "%s: %s has no SPF record; "
		    "receivers return permerror", how, domain);
		return;
	}
	if (how != NULL && count > 1) {
		say(e, ZL_SPF_MULTIPLE, "%s: %s has %u SPF records; receivers "
		    "return permerror", how, domain, count);
		free(text);
		return;
	}
	if (text == NULL) {
		return; /* no record at the top: the zone rules say so */
	}
	if (zg_spf_parse(text, strlen(text), &spf, &problems) != ZG_OK ||
	    spf == NULL) {
		free(text);
		zg_problems_free(&problems);
		return;
	}
	if (how != NULL && zg_problems_invalid(&problems)) {
		say(e, ZL_SPF_SYNTAX, "%s: the SPF record at %s does not "
		    "parse; receivers return permerror", how, domain);
	} else {
		e->path[e->depth++] = domain;
		evaluate_terms(e, domain, spf, costs, sizeof(costs));
		e->depth--;
	}
	if (how == NULL && !e->failed) {
		if (e->lookups > LIMIT_LOOKUPS) {
			say(e, ZL_SPF_LOOKUPS, "%u%s DNS-querying terms once "
			    "every include and redirect is followed, past the "
			    "limit of 10: receivers return permerror (%s)",
			    e->lookups, e->stopped ? " or more" : "", costs);
		}
		if (e->voids > LIMIT_VOID) {
			say(e, ZL_SPF_VOID, "%u%s lookups with no answer once "
			    "every include is followed (ptr counted as one, as "
			    "for a client without a PTR record), past the "
			    "limit of 2: receivers return permerror",
			    e->voids, e->stopped ? " or more" : "");
		}
	}
	zg_spf_free(spf);
	zg_problems_free(&problems);
	free(text);
}

/* ---- DMARC: the tree walk and the report addresses ------------------- */

#define WALK_QUESTIONS 8
#define WALK_LABELS 7

/* The DMARC record at _dmarc.NAME, when exactly one (malloc'd text), and
 * the question's status. */
static zl_dns_status_t
dmarc_at(struct eval *e, const char *name, char **text)
{
	char q[ZG_NAME_MAX + 16];
	zl_dns_status_t st;
	unsigned count;

	snprintf(q, sizeof(q), "_dmarc.%s", name);
	st = txt_at(e, q, zg_dmarc_is_record, &count, text);
	if (count != 1) { /* none, or several: no record at this name */
		free(*text);
		*text = NULL;
	}
	return st;
}

/* The psd= tag of a record: 'y', 'n' or 0. */
static char
psd_of(const char *text)
{
	zg_problems_t problems = { 0 };
	zg_dmarc_t *d = NULL;
	const char *v;
	char c = 0;

	if (zg_dmarc_parse(text, strlen(text), ZG_DMARC_RFC9989, &d,
	    &problems) == ZG_OK && d != NULL &&
	    (v = zg_dmarc_get(d, "psd")) != NULL &&
	    (v[0] == 'y' || v[0] == 'n') && v[1] == '\0') {
		c = v[0];
	}
	zg_dmarc_free(d);
	zg_problems_free(&problems);
	return c;
}

/* The last k labels of `name` (n labels) into out. */
static void
suffix(const char *name, unsigned n, unsigned k, char *out)
{
	const char *p = name;

	while (n > k && (p = strchr(p, '.')) != NULL) {
		p++;
		n--;
	}
	snprintf(out, ZG_NAME_MAX + 2, "%s", p != NULL ? p : name);
}

/*
 * The walk from `name`: the record that applies (*policy_name, *policy:
 * malloc'd, or NULL) and the Organizational Domain (*org, ZG_NAME_MAX + 2
 * bytes).  false when a question had no answer.
 */
static bool
walk(struct eval *e, const char *name, char *policy_name, char **policy,
    char *org)
{
	char cur[ZG_NAME_MAX + 2], below[ZG_NAME_MAX + 2] = "";
	char highest[ZG_NAME_MAX + 2] = "", name0[ZG_NAME_MAX + 2];
	const char *p;
	unsigned labels = 0, asked = 0, labels0;
	bool org_found = false;

	*policy = NULL;
	policy_name[0] = '\0';
	snprintf(cur, sizeof(cur), "%s", name);
	if (cur[0] != '\0' && cur[strlen(cur) - 1] == '.') {
		cur[strlen(cur) - 1] = '\0';
	}
	snprintf(org, ZG_NAME_MAX + 2, "%s", cur);
	for (p = cur; *p != '\0'; p++) {
		labels += *p == '.';
	}
	labels++;
	snprintf(name0, sizeof(name0), "%s", cur);
	labels0 = labels;
	while (asked < WALK_QUESTIONS && cur[0] != '\0') {
		char *text;
		zl_dns_status_t st = dmarc_at(e, cur, &text);
		char psd;

		asked++;
		if (st == ZL_DNS_FAIL || st == ZL_DNS_BUDGET) {
			no_answer(e, cur, "TXT", st);
			return false;
		}
		if (text != NULL) {
			psd = psd_of(text);
			if (*policy == NULL) {
				*policy = text;
				snprintf(policy_name, ZG_NAME_MAX + 2, "%s", cur);
			}
			if (!org_found && psd == 'n') {
				snprintf(org, ZG_NAME_MAX + 2, "%s", cur);
				org_found = true;
			} else if (!org_found && psd == 'y') {
				/* The name one label below it, on the way
				 * from the domain (the domain itself when the
				 * walk started there). */
				suffix(name0, labels0, labels + 1, below);
				snprintf(org, ZG_NAME_MAX + 2, "%s",
				    labels < labels0 ? below : cur);
				org_found = true;
			}
			snprintf(highest, sizeof(highest), "%s", cur);
			if (text != *policy) {
				free(text);
			}
		}
		/* Up one label; from a long name, to its seven last. */
		if (labels <= 1) {
			break;
		}
		if (labels > WALK_LABELS + 1 && asked == 1) {
			while (labels > WALK_LABELS) {
				memmove(cur, strchr(cur, '.') + 1,
				    strlen(strchr(cur, '.') + 1) + 1);
				labels--;
			}
		} else {
			memmove(cur, strchr(cur, '.') + 1,
			    strlen(strchr(cur, '.') + 1) + 1);
			labels--;
		}
	}
	if (!org_found && highest[0] != '\0') {
		snprintf(org, ZG_NAME_MAX + 2, "%s", highest);
	}
	return true;
}

/* The host of a mailto: URI in a rua= or ruf= list entry, or false. */
static bool
uri_host(const char *uri, size_t len, char *host, size_t hostlen)
{
	const char *at, *end = uri + len;
	size_t n;

	if (len < 7 || strncasecmp(uri, "mailto:", 7) != 0 ||
	    (at = memchr(uri, '@', len)) == NULL) {
		return false;
	}
	at++;
	for (n = 0; at + n < end && at[n] != '!' && at[n] != ',' &&
	     at[n] != ' ' && at[n] != '>'; n++) {
	}
	if (n == 0 || n >= hostlen) {
		return false;
	}
	memcpy(host, at, n);
	host[n] = '\0';
	if (host[n - 1] == '.') {
		host[n - 1] = '\0';
	}
	return true;
}

static void
check_dmarc(struct eval *e)
{
	char pname[ZG_NAME_MAX + 2], org[ZG_NAME_MAX + 2];
	char *policy = NULL;
	zg_problems_t problems = { 0 };
	zg_dmarc_t *d = NULL;
	static const char *const tags[] = { "rua", "ruf" };
	size_t t;

	if (!walk(e, e->top, pname, &policy, org) || policy == NULL) {
		free(policy);
		return;
	}
	if (strcasecmp(pname, e->top) != 0) {
		zl_report_add(e->zone->report, ZL_DMARC_INHERITED, e->display,
		    0, NULL, LDNS_RR_TYPE_TXT, "no DMARC record at _dmarc.%s.; "
		    "receivers apply the one at _dmarc.%s. (RFC 9989 4.10 tree "
		    "walk; Organizational Domain %s.)", e->top, pname, org);
	}
	if (zg_dmarc_parse(policy, strlen(policy), ZG_DMARC_RFC9989, &d,
	    &problems) != ZG_OK || d == NULL) {
		free(policy);
		zg_problems_free(&problems);
		return;
	}
	for (t = 0; t < sizeof(tags) / sizeof(tags[0]) && !e->failed; t++) {
		const char *v = zg_dmarc_get(d, tags[t]), *p = v;

		while (p != NULL && *p != '\0' && !e->failed) {
			size_t n = strcspn(p, ",");
			char host[ZG_NAME_MAX + 2], hp[ZG_NAME_MAX + 2];
			char horg[ZG_NAME_MAX + 2], q[2 * ZG_NAME_MAX + 32];
			char *ht = NULL, *auth;
			zl_dns_status_t st;
			unsigned count;

			while (*p == ' ') {
				p++;
				n--;
			}
			if (uri_host(p, n, host, sizeof(host)) &&
			    walk(e, host, hp, &ht, horg) &&
			    strcasecmp(horg, org) != 0) {
				/* RFC 7489 7.1: POLICY-DOMAIN._report._dmarc.HOST */
				snprintf(q, sizeof(q), "%s._report._dmarc.%s",
				    pname, host);
				st = txt_at(e, q, zg_dmarc_is_record, &count,
				    &auth);
				free(auth);
				if (st == ZL_DNS_FAIL || st == ZL_DNS_BUDGET) {
					no_answer(e, q, "TXT", st);
				} else {
					if (count == 0) {
						zl_report_add(e->zone->report,
						    ZL_DMARC_REPORT_AUTH,
						    e->display, 0, NULL,
						    LDNS_RR_TYPE_TXT,
						    "DMARC record at _dmarc.%s.: "
						    "%s=%.*s is outside the "
						    "Organizational Domain %s. and "
						    "%s. does not authorise it (no "
						    "\"v=DMARC1\" at %s.): "
						    "receivers send it no reports",
						    pname, tags[t], (int)n, p, org,
						    host, q);
					}
				}
			}
			free(ht);
			p += n;
			if (*p == ',') {
				p++;
			}
		}
	}
	zg_dmarc_free(d);
	zg_problems_free(&problems);
	free(policy);
}

/* ---- the hosts the records name --------------------------------------- */

/* One host a record names: an alias (for MX and SRV), and an address. */
static void
check_host(struct eval *e, const char *what, const char *owner,
    const ldns_rdf *host, int alias_rule)
{
	char *h = host != NULL ? ldns_rdf2str(host) : NULL;
	const ldns_rr_list *a;
	zl_dns_status_t st;
	bool any = false;

	if (h == NULL || strcmp(h, ".") == 0) {
		free(h); /* null MX, "no service" SRV */
		return;
	}
	if (alias_rule >= 0) {
		st = zl_dns_query(e->dns, h, LDNS_RR_TYPE_CNAME, &a);
		if (st == ZL_DNS_FAIL || st == ZL_DNS_BUDGET) {
			no_answer(e, h, "CNAME", st);
			free(h);
			return;
		}
		if (st == ZL_DNS_ANSWER) {
			zl_report_add(e->zone->report, alias_rule, e->display,
			    0, owner, 0, "%s host %s at %s is an alias (a "
			    "CNAME), as the DNS serves it", what, h, owner);
		}
	}
	if ((st = addresses(e, h, false, &any)) != ZL_DNS_ANSWER) {
		no_answer(e, h, "A", st);
	} else if (!any) {
		zl_report_add(e->zone->report, ZL_TARGET_NO_ADDRESS, e->display,
		    0, owner, 0, "%s host %s at %s has no A or AAAA record",
		    what, h, owner);
	}
	free(h);
}

static void
check_hosts(struct eval *e)
{
	static const char *const srv[] = { "_imap._tcp", "_imaps._tcp",
		"_pop3._tcp", "_pop3s._tcp", "_submission._tcp",
		"_submissions._tcp" };
	char name[ZG_NAME_MAX + 32];
	const ldns_rr_list *a;
	size_t i, k;

	if (zl_dns_query(e->dns, e->top, LDNS_RR_TYPE_MX, &a) ==
	    ZL_DNS_ANSWER) {
		for (k = 0; k < ldns_rr_list_rr_count(a) && !e->failed; k++) {
			check_host(e, "MX", e->top,
			    ldns_rr_rdf(ldns_rr_list_rr(a, k), 1),
			    ZL_MX_TARGET_CNAME);
		}
	}
	for (i = 0; i < sizeof(srv) / sizeof(srv[0]) && !e->failed; i++) {
		snprintf(name, sizeof(name), "%s.%s", srv[i], e->top);
		if (zl_dns_query(e->dns, name, LDNS_RR_TYPE_SRV, &a) !=
		    ZL_DNS_ANSWER) {
			continue;
		}
		for (k = 0; k < ldns_rr_list_rr_count(a) && !e->failed; k++) {
			check_host(e, "SRV", name,
			    ldns_rr_rdf(ldns_rr_list_rr(a, k), 3),
			    ZL_SRV_TARGET_CNAME);
		}
	}
	for (i = 0; i < ZL_CLIENT_HOSTS_COUNT && !e->failed; i++) {
		snprintf(name, sizeof(name), "%s.%s", zl_client_hosts[i],
		    e->top);
		if (zl_dns_query(e->dns, name, LDNS_RR_TYPE_CNAME, &a) !=
		    ZL_DNS_ANSWER) {
			continue;
		}
		for (k = 0; k < ldns_rr_list_rr_count(a) && !e->failed; k++) {
			check_host(e, "client", name,
			    ldns_rr_rdf(ldns_rr_list_rr(a, k), 0), -1);
		}
	}
}

void
zl_live_checks(struct zone *zone, const struct zl_live *live)
{
	struct eval e;

	memset(&e, 0, sizeof(e));
	e.zone = zone;
	e.dns = live->dns;
	e.display = zone->path;
	e.top = live->domain;
	e.local = live->local;
	if (e.local) {
		/* The apex's SPF record, at its line (not kept: the file's
		 * own names are answered by the file). */
		char *text;

		if (zl_spf_local(zone, live->domain, &text, &e.line) != 1 ||
		    text == NULL) {
			free(text);
			return;
		}
		free(text);
		evaluate(&e, live->domain, NULL);
		return;
	}
	evaluate(&e, live->domain, NULL);
	e.failed = false;
	check_dmarc(&e);
	e.failed = false;
	check_hosts(&e);
}
