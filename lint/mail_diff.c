/* mail_diff.c: what the zone lacks against the profile, and how to mend it. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The one judgement of "what is wrong" with a zone's mail records: the
 * zone's kept records against zonegen's plan for its origin.  The result
 * is a list of discrepancies, each with the finding it makes (or none,
 * when another rule says it as the zone is read) and the exact changes
 * that mend it: records to delete, by their current data, and records to
 * add.  rule_mail.c turns discrepancies into findings; fix.c only prints
 * their changes.  Nothing here is capped: every array grows.
 *
 * Names are compared as canonical wire names (case folded), SPF terms as
 * parsed terms (zg_spf_term_equal), records by their data.
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/internal.h"

/* ---- growable lists ---------------------------------------------------- */

/* A text that grows (SPF records of any length). */
struct text {
	char *s;
	size_t len;
	size_t cap;
	bool nomem;
};

static void
text_put(struct text *t, const char *s, size_t n)
{
	if (t->nomem) {
		return;
	}
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 64;
		char *p;

		while (cap < t->len + n + 1) {
			cap *= 2;
		}
		if ((p = realloc(t->s, cap)) == NULL) {
			t->nomem = true;
			return;
		}
		t->s = p;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void
text_term(struct text *t, const zg_spf_term_t *term)
{
	char buf[128];
	size_t n = zg_spf_term_format(term, buf, sizeof(buf));

	if (t->len > 0) {
		text_put(t, " ", 1);
	}
	if (n < sizeof(buf)) {
		text_put(t, buf, n);
		return;
	}
	{
		char *big = malloc(n + 1);

		if (big == NULL) {
			t->nomem = true;
			return;
		}
		zg_spf_term_format(term, big, n + 1);
		text_put(t, big, n);
		free(big);
	}
}

/* ---- building the diff ------------------------------------------------- */

/* An organisational domain, as canonical wire (see org_of). */
struct org {
	uint8_t w[ZL_WIRE_MAX];
	size_t len;
};

struct orgs {
	struct org *o;       /* one more than count: the probe's room */
	size_t count;
	size_t cap;
	struct zl_set set;
};

struct builder {
	const struct zone *zone;
	struct zl_diff *diff;
	bool *deleted;          /* per kept record */
	uint8_t origin[ZL_WIRE_MAX];
	size_t origin_len;
	struct orgs mine;       /* the profile's providers */
	struct orgs former;     /* providers the zone's records left behind */
	int dmarc_rank;         /* the profile's DMARC policy (policy_rank),
				 * -2 until known */
	bool mine_done;         /* `mine` is filled */
	zg_spf_t *want_spf;     /* the profile's SPF record, parsed once */
	struct zl_table auth_memo; /* authorises(): key name id << 16 | term */
};

static void
nomem(struct builder *b)
{
	b->diff->nomem = true;
}

/*
 * Discrepancies are named by their index in the list, never by a pointer:
 * the list moves as it grows.  NONE: none (out of memory).
 */
#define NONE SIZE_MAX

/* A new discrepancy; its message is formatted like printf. */
static size_t
disc(struct builder *b, int rule, const struct kept *at, const char *owner,
    uint16_t type, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static size_t
disc(struct builder *b, int rule, const struct kept *at, const char *owner,
    uint16_t type, const char *fmt, ...)
{
	struct zl_diff *d = b->diff;
	struct zl_disc *x;
	char msg[1024];
	va_list ap;

	if (!zl_grow((void **)&d->items, &d->cap, d->count + 1, sizeof(*x))) {
		nomem(b);
		return NONE;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	x = &d->items[d->count];
	memset(x, 0, sizeof(*x));
	x->rule = rule;
	x->at = at;
	x->type = type;
	x->first = d->nchanges;
	if ((x->message = strdup(msg)) == NULL ||
	    (x->owner = strdup(owner)) == NULL) {
		free(x->message);
		nomem(b);
		return NONE;
	}
	return d->count++;
}

static struct zl_change *
change(struct builder *b, size_t x)
{
	struct zl_diff *d = b->diff;
	struct zl_change *c;

	if (x == NONE ||
	    !zl_grow((void **)&d->changes, &d->cap_changes, d->nchanges + 1,
		sizeof(*c))) {
		nomem(b);
		return NULL;
	}
	c = &d->changes[d->nchanges++];
	memset(c, 0, sizeof(*c));
	d->items[x].count++;
	return c;
}

/* Mend `x` by deleting kept record `k` (once, whoever asks). */
static void
del(struct builder *b, size_t x, const struct kept *k)
{
	struct zl_change *c;
	size_t i = (size_t)(k - b->zone->kept);

	if (b->deleted[i]) {
		return;
	}
	if ((c = change(b, x)) != NULL) {
		c->del = k;
		b->deleted[i] = true;
	}
}

/* Mend `x` by adding a record; `data` is copied. */
static void
add(struct builder *b, size_t x, const char *owner,
    uint32_t owner_id, uint32_t ttl, uint16_t type, const char *data)
{
	struct zl_change *c;

	if ((c = change(b, x)) == NULL) {
		return;
	}
	c->owner_id = owner_id;
	c->ttl = ttl;
	c->type = type;
	snprintf(c->owner, sizeof(c->owner), "%s", owner);
	if ((c->data = strdup(data)) == NULL) {
		b->diff->nchanges--;
		b->diff->items[x].count--;
		nomem(b);
	}
}

/* The canonical wire of the name at `off` in a kept record's rdata (a
 * CNAME's target at 0, an MX host at 2); its length, or 0. */
static size_t
kept_name(const struct kept *k, size_t off, uint8_t *out)
{
	size_t n;

	if (k->rdlen <= off || (n = k->rdlen - off) > ZL_WIRE_MAX) {
		return 0;
	}
	memcpy(out, k->rdata + off, n);
	zl_wire_lower(out, n);
	return n;
}

/*
 * `got` is the profile's absolute `want` that lost its trailing dot in a
 * zone file, and so got the origin appended (RFC 1035 5.1).
 */
static bool
lost_dot(const struct builder *b, const uint8_t *got, size_t glen,
    const uint8_t *want, size_t wlen)
{
	return wlen > 1 && glen == wlen - 1 + b->origin_len &&
	    memcmp(got, want, wlen - 1) == 0 &&
	    memcmp(got + wlen - 1, b->origin, b->origin_len) == 0;
}

/* The id of a plan record's owner (interned when the file began). */
static uint32_t
plan_owner(const struct builder *b, const zg_record_t *r)
{
	return b->zone->plan_ids[r - b->zone->plan.records];
}

/* ---- former providers ---------------------------------------------------- */

/*
 * The organisational domain of a name, without the Public Suffix List:
 * its last two labels, or three when they look like a country's second
 * level (a two-letter top label under a label of at most three letters,
 * as co.uk or com.au).  Good enough to tell one provider's hosts from
 * another's: mx.oldmail.example and _spf.oldmail.example are one.
 * Returns the offset of that suffix in `w`, or `len` for a name of fewer
 * labels.
 */
static size_t
org_of(const uint8_t *w, size_t len)
{
	size_t start[128], n = 0, i = 0, keep = 2;

	while (i < len && w[i] != 0 && n < 128) {
		start[n++] = i;
		i += 1u + w[i];
	}
	if (n >= 3 && w[start[n - 1]] == 2 && w[start[n - 2]] <= 3) {
		keep = 3;
	}
	return n >= keep ? start[n - keep] : len;
}

static bool
org_eq(const void *ctx, uint32_t a, uint32_t b)
{
	const struct org *o = ctx;

	return o[a].len == o[b].len && memcmp(o[a].w, o[b].w, o[a].len) == 0;
}

/* The organisation of `w` as the list's probe (the entry past the last);
 * false when out of memory or `w` has too few labels. */
static bool
orgs_probe(struct builder *b, struct orgs *l, const uint8_t *w, size_t len)
{
	size_t at = org_of(w, len);

	if (at == len) {
		return false;
	}
	if (!zl_grow((void **)&l->o, &l->cap, l->count + 1, sizeof(*l->o))) {
		nomem(b);
		return false;
	}
	memcpy(l->o[l->count].w, w + at, len - at);
	l->o[l->count].len = len - at;
	return true;
}

static bool
orgs_has(struct builder *b, struct orgs *l, const uint8_t *w, size_t len)
{
	uint32_t found;

	return l->count > 0 && orgs_probe(b, l, w, len) &&
	    zl_set_find(&l->set, zl_hash_bytes(l->o[l->count].w,
		l->o[l->count].len), (uint32_t)l->count, org_eq, l->o, &found);
}

static void
orgs_add(struct builder *b, struct orgs *l, const uint8_t *w, size_t len)
{
	uint32_t found;
	int r;

	if (!orgs_probe(b, l, w, len)) {
		return;
	}
	r = zl_set_add(&l->set, zl_hash_bytes(l->o[l->count].w,
	    l->o[l->count].len), (uint32_t)l->count, org_eq, l->o, &found);
	if (r < 0) {
		nomem(b);
	} else if (r == 0) {
		l->count++;
	}
}

static void
orgs_add_text(struct builder *b, struct orgs *l, const char *name)
{
	uint8_t w[ZL_WIRE_MAX];
	size_t len;

	if (name != NULL && strchr(name, '%') == NULL &&
	    (len = zl_name_from_text(name, w)) != 0) {
		orgs_add(b, l, w, len);
	}
}

/* A host of a provider other than the profile's: outside the zone and
 * outside the organisations of the profile's hosts. */
static void my_orgs(struct builder *b);

static bool
foreign(struct builder *b, const uint8_t *w, size_t len)
{
	if (len <= 1 || zl_in_zone_wire(b->zone, w, len)) {
		return false;
	}
	my_orgs(b); /* once, and only when a host outside the zone is met */
	return !orgs_has(b, &b->mine, w, len);
}

/* The term names a host of a provider the zone's records left behind. */
static bool
former_term(struct builder *b, const zg_spf_term_t *t)
{
	uint8_t w[ZL_WIRE_MAX];
	size_t len;

	if (b->former.count == 0 || t->value == NULL || t->kind == ZG_SPF_IP4 ||
	    t->kind == ZG_SPF_IP6 || t->kind == ZG_SPF_EXP ||
	    t->kind == ZG_SPF_UNKNOWN_MOD || strchr(t->value, '%') != NULL ||
	    (len = zl_name_from_text(t->value, w)) == 0) {
		return false;
	}
	return foreign(b, w, len) && orgs_has(b, &b->former, w, len);
}

/* The organisations of the profile's hosts and SPF domains. */
/* The profile's SPF record, parsed once per zone; NULL when out of
 * memory or the profile has none. */
static const zg_spf_t *
profile_spf(struct builder *b)
{
	const zg_plan_t *plan = &b->zone->plan;
	zg_problems_t problems = { 0 };
	size_t i;

	for (i = 0; b->want_spf == NULL && i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];

		if (r->role != ZG_ROLE_SPF) {
			continue;
		}
		if (zg_spf_parse(r->text, strlen(r->text), &b->want_spf,
		    &problems) != ZG_OK) {
			nomem(b);
		}
		zg_problems_free(&problems);
		break;
	}
	return b->want_spf;
}

static void
my_orgs(struct builder *b)
{
	const zg_plan_t *plan = &b->zone->plan;
	zg_problems_t problems = { 0 };
	const zg_spf_t *spf;
	size_t i, j;

	if (b->mine_done) {
		return;
	}
	b->mine_done = true;
	/* The domain's own organisation is never a former provider's
	 * (shop.example.com and its company's example.com). */
	orgs_add(b, &b->mine, b->origin, b->origin_len);
	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];

		orgs_add_text(b, &b->mine, r->target);
		if (r->role == ZG_ROLE_SPF && (spf = profile_spf(b)) != NULL) {
			for (j = 0; j < spf->count; j++) {
				if (spf->terms[j].kind != ZG_SPF_IP4 &&
				    spf->terms[j].kind != ZG_SPF_IP6) {
					orgs_add_text(b, &b->mine,
					    spf->terms[j].value);
				}
			}
		}
		zg_problems_free(&problems);
	}
}

/*
 * A CNAME at a client host name (autoconfig, imap, ...) that the profile
 * does not have, pointing to another provider: left by a former one.
 */
static void
diff_former_cnames(struct builder *b)
{
	const struct zone *zone = b->zone;
	size_t i, j;

	for (i = 0; i < ZL_CLIENT_HOSTS_COUNT; i++) {
		uint8_t got[ZL_WIRE_MAX];
		char owner[ZL_NAME_TEXT_MAX], target[ZL_NAME_TEXT_MAX];
		uint32_t id = zone->client_ids[i];
		const struct kept *k;
		bool planned = false;
		size_t glen;

		if (id == 0) {
			continue; /* no record there */
		}
		for (j = 0; j < zone->plan.count; j++) {
			planned |= zone->plan_ids[j] == id;
		}
		if (planned) {
			continue;
		}
		zl_names_text(&zone->names, id, owner);
		for (k = zl_kept_first(zone, id); k != NULL;
		     k = zl_kept_next(zone, k)) {
			size_t x;

			if (k->type != LDNS_RR_TYPE_CNAME ||
			    (glen = kept_name(k, 0, got)) == 0 ||
			    !foreign(b, got, glen)) {
				continue;
			}
			orgs_add(b, &b->former, got, glen);
			zl_name_text(got, glen, target);
			x = disc(b, ZL_MAIL_FORMER_PROVIDER, k, owner,
			    LDNS_RR_TYPE_CNAME, "CNAME %s points to %s, a "
			    "client host the profile %s does not have (a "
			    "former provider's)", owner, target,
			    zone->options->profile->name);
			if (x != NONE) {
				del(b, x, k);
			}
		}
	}
}

/* ---- CNAMEs of the client hosts --------------------------------------- */

static void
diff_cname(struct builder *b, const zg_record_t *r)
{
	const struct zone *zone = b->zone;
	const char *profile = zone->options->profile->name;
	uint32_t id = plan_owner(b, r);
	uint8_t want[ZL_WIRE_MAX], got[ZL_WIRE_MAX];
	size_t wlen = zl_name_from_text(r->target, want), glen;
	const struct kept *k, *other = NULL, *right = NULL, *wrong = NULL;
	size_t x = NONE;
	char tn[32], target[ZL_NAME_TEXT_MAX];

	for (k = zl_kept_first(zone, id); k != NULL;
	     k = zl_kept_next(zone, k)) {
		uint16_t t = k->type;

		if (t == LDNS_RR_TYPE_CNAME) {
			glen = kept_name(k, 0, got);
			if (glen == wlen && memcmp(got, want, wlen) == 0) {
				right = right != NULL ? right : k;
			} else if (wrong == NULL) {
				wrong = k;
			}
		} else if (!zl_dnssec_type(t) && other == NULL) {
			other = k;
		}
	}
	/* A name with only DNSSEC records (RRSIG, NSEC) has neither the
	 * CNAME nor other data (RFC 2181 10.1): the CNAME is missing. */
	if (right == NULL && wrong == NULL && other == NULL) {
		x = disc(b, ZL_MAIL_CNAME_MISSING, NULL, r->owner,
		    LDNS_RR_TYPE_CNAME, "no CNAME %s -> %s (profile %s)",
		    r->owner, r->target, profile);
	} else if (right == NULL && wrong == NULL) {
		char *s = ldns_rr_type2str((ldns_rr_type)other->type);

		snprintf(tn, sizeof(tn), "%s", s != NULL ? s : "?");
		free(s);
		x = disc(b, ZL_MAIL_CNAME_NOT_CNAME, other, r->owner,
		    other->type, "%s has a record of type %s where the "
		    "profile wants a CNAME to %s", r->owner, tn, r->target);
	} else if (right == NULL) {
		glen = kept_name(wrong, 0, got);
		zl_name_text(got, glen, target);
		if (lost_dot(b, got, glen, want, wlen)) {
			x = disc(b, ZL_MAIL_CNAME_RELATIVE, wrong, r->owner,
			    LDNS_RR_TYPE_CNAME, "CNAME %s points to %s: the "
			    "target lost its trailing dot and got the origin "
			    "appended (write %s)", r->owner, target,
			    r->target);
		} else {
			x = disc(b, ZL_MAIL_CNAME_TARGET, wrong, r->owner,
			    LDNS_RR_TYPE_CNAME, "CNAME %s points to %s; the "
			    "profile %s wants %s", r->owner, target, profile,
			    r->target);
		}
	} else if (other != NULL || wrong != NULL) {
		/* The right CNAME beside other data or a second CNAME:
		 * cname-and-other-data and cname-multiple say so. */
		x = disc(b, -1, other != NULL ? other : wrong, r->owner,
		    LDNS_RR_TYPE_CNAME, "records beside the CNAME %s", r->owner);
	} else {
		return;
	}
	if (x == NONE) {
		return;
	}
	/* A CNAME stands alone (RFC 1034 3.6.2): every other record at the
	 * name goes, DNSSEC ones aside, and so do CNAMEs elsewhere. */
	for (k = zl_kept_first(zone, id); k != NULL;
	     k = zl_kept_next(zone, k)) {
		/* The right CNAME stays, and so does any copy of it: a
		 * delete by its data would take the record itself. */
		if (right != NULL && k->type == LDNS_RR_TYPE_CNAME &&
		    (glen = kept_name(k, 0, got)) == wlen &&
		    memcmp(got, want, wlen) == 0) {
			continue;
		}
		if (!zl_dnssec_type(k->type)) {
			del(b, x, k);
		}
	}
	if (right == NULL) {
		add(b, x, r->owner, id, r->ttl, LDNS_RR_TYPE_CNAME, r->target);
	}
}

/* ---- MX and null MX ----------------------------------------------------- */

struct mx {
	const struct kept *k;
	unsigned pref;
	uint8_t host[ZL_WIRE_MAX];
	size_t len;
	bool matched;
};

static bool
mx_eq(const void *ctx, uint32_t a, uint32_t b)
{
	const struct mx *mx = ctx;

	return mx[a].pref == mx[b].pref && mx[a].len == mx[b].len &&
	    memcmp(mx[a].host, mx[b].host, mx[a].len) == 0;
}

/*
 * The apex MX records, in file order, each once: a record written twice is
 * one record (servers merge them, RFC 2181 5), and deleting it by its data
 * deletes it whole.  NULL with *count 0 when none.
 */
static struct mx *
apex_mx(struct builder *b, size_t *count)
{
	const struct zone *zone = b->zone;
	struct mx *mx = NULL;
	struct zl_set seen = { 0 };
	size_t cap = 0;
	const struct kept *k;
	uint8_t key[ZL_WIRE_MAX + 2];
	uint32_t found;
	int r;

	*count = 0;
	for (k = zl_kept_first(zone, zone->origin_id); k != NULL;
	     k = zl_kept_next(zone, k)) {
		if (k->type != LDNS_RR_TYPE_MX || k->rdlen < 3) {
			continue;
		}
		if (!zl_grow((void **)&mx, &cap, *count + 1, sizeof(*mx))) {
			nomem(b);
			break;
		}
		mx[*count].k = k;
		mx[*count].pref = (unsigned)k->rdata[0] << 8 | k->rdata[1];
		mx[*count].len = kept_name(k, 2, mx[*count].host);
		mx[*count].matched = false;
		key[0] = (uint8_t)(mx[*count].pref >> 8);
		key[1] = (uint8_t)mx[*count].pref;
		memcpy(key + 2, mx[*count].host, mx[*count].len);
		r = zl_set_add(&seen, zl_hash_bytes(key, mx[*count].len + 2),
		    (uint32_t)*count, mx_eq, mx, &found);
		if (r < 0) {
			nomem(b);
			break;
		}
		*count += r == 0;
	}
	zl_set_free(&seen);
	return mx;
}

/* RFC 7505 3: a null MX is preference 0 and the root as host. */
static bool
null_mx(const struct mx *m)
{
	return m->pref == 0 && m->len == 1 && m->host[0] == 0;
}

/*
 * RFC 7505: "MX 0 ." says the domain takes no mail.  It stands alone, and
 * such a domain says with SPF that it sends none either (RFC 7505 4).
 * Returns true when the domain has a null MX: it needs none of the
 * profile's records, and the provider checks are skipped.
 */
static bool
diff_null_mx(struct builder *b, const struct mx *mx, size_t count)
{
	const struct zone *zone = b->zone;
	const struct kept *null = NULL, *spf = NULL, *k;
	size_t i;

	for (i = 0; i < count && null == NULL; i++) {
		if (null_mx(&mx[i])) {
			null = mx[i].k;
		}
	}
	if (null == NULL) {
		return false;
	}
	if (count > 1) {
		disc(b, ZL_NULL_MX_NOT_ALONE, null, zone->origin,
		    LDNS_RR_TYPE_MX, "%s has a null MX and %zu other MX records",
		    zone->origin, count - 1);
	}
	for (k = zl_kept_first(zone, zone->origin_id); k != NULL;
	     k = zl_kept_next(zone, k)) {
		if (k->type == LDNS_RR_TYPE_TXT &&
		    zg_spf_is_record(k->text, k->text_len)) {
			spf = k;
		}
	}
	if (spf == NULL || strcasecmp(spf->text, "v=spf1 -all") != 0) {
		disc(b, ZL_NULL_MX_NO_SPF, spf ? spf : null, zone->origin,
		    LDNS_RR_TYPE_TXT, "%s takes no mail (null MX) but its SPF "
		    "record is %s", zone->origin,
		    spf ? "not 'v=spf1 -all'" : "missing");
	}
	return true;
}

static void
diff_mx(struct builder *b, struct mx *mx, size_t count)
{
	const struct zone *zone = b->zone;
	const zg_plan_t *plan = &zone->plan;
	const char *profile = plan->profile->name;
	char host[ZL_NAME_TEXT_MAX], data[ZL_NAME_TEXT_MAX + 8];
	size_t i, j;

	/* Exact matches first: host and priority. */
	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];
		uint8_t want[ZL_WIRE_MAX];
		size_t wlen;
		bool exact = false, near = false;
		size_t x = NONE;

		if (r->role != ZG_ROLE_MX) {
			continue;
		}
		wlen = zl_name_from_text(r->target, want);
		for (j = 0; j < count && !exact; j++) {
			exact = !mx[j].matched && mx[j].len == wlen &&
			    memcmp(mx[j].host, want, wlen) == 0 &&
			    mx[j].pref == r->priority;
			mx[j].matched |= exact;
		}
		if (exact) {
			continue;
		}
		/* The host at another priority, or without its dot. */
		for (j = 0; j < count; j++) {
			if (mx[j].matched) {
				continue;
			}
			zl_name_text(mx[j].host, mx[j].len, host);
			if (mx[j].len == wlen &&
			    memcmp(mx[j].host, want, wlen) == 0) {
				x = disc(b, ZL_MAIL_MX_PRIORITY, mx[j].k,
				    zone->origin, LDNS_RR_TYPE_MX, "MX %s has "
				    "priority %u; the profile %s gives %u",
				    r->target, mx[j].pref, profile,
				    (unsigned)r->priority);
			} else if (lost_dot(b, mx[j].host, mx[j].len, want,
				       wlen)) {
				x = disc(b, ZL_MAIL_MX_RELATIVE, mx[j].k,
				    zone->origin, LDNS_RR_TYPE_MX, "MX host %s "
				    "lost its trailing dot and got the origin "
				    "appended (write %s)", host, r->target);
			} else {
				continue;
			}
			mx[j].matched = true;
			del(b, x, mx[j].k);
			/* The profile's record is added once. */
			if (!near) {
				snprintf(data, sizeof(data), "%u %s",
				    (unsigned)r->priority, r->target);
				add(b, x, r->owner, zone->origin_id, r->ttl,
				    LDNS_RR_TYPE_MX, data);
			}
			near = true;
		}
		if (!near) {
			x = disc(b, ZL_MAIL_MX_MISSING, NULL, zone->origin,
			    LDNS_RR_TYPE_MX, "no MX %u %s at %s (profile %s)",
			    (unsigned)r->priority, r->target, zone->origin,
			    profile);
			snprintf(data, sizeof(data), "%u %s",
			    (unsigned)r->priority, r->target);
			add(b, x, r->owner, zone->origin_id, r->ttl,
			    LDNS_RR_TYPE_MX, data);
		}
	}
	for (j = 0; j < count; j++) {
		size_t x;

		if (mx[j].matched) {
			continue;
		}
		zl_name_text(mx[j].host, mx[j].len, host);
		for (i = 0; i < plan->count; i++) {
			const zg_record_t *r = &plan->records[i];
			uint8_t want[ZL_WIRE_MAX];
			size_t wlen;

			if (r->role == ZG_ROLE_MX &&
			    (wlen = zl_name_from_text(r->target, want)) ==
				mx[j].len && memcmp(want, mx[j].host, wlen) == 0) {
				break;
			}
		}
		if (i < plan->count) {
			/* A second record for one of the profile's hosts. */
			x = disc(b, ZL_MAIL_MX_PRIORITY, mx[j].k, zone->origin,
			    LDNS_RR_TYPE_MX, "MX %s has priority %u too; the "
			    "profile %s gives it %u only", host, mx[j].pref,
			    profile, (unsigned)plan->records[i].priority);
			del(b, x, mx[j].k);
			continue;
		}
		if (foreign(b, mx[j].host, mx[j].len)) {
			orgs_add(b, &b->former, mx[j].host, mx[j].len);
		}
		x = disc(b, ZL_MAIL_MX_EXTRA, mx[j].k, zone->origin,
		    LDNS_RR_TYPE_MX, "MX %s is not a host of the profile %s",
		    host, profile);
		if (x != NONE) {
			del(b, x, mx[j].k);
		}
	}
}

/* ---- SPF ---------------------------------------------------------------- */

/* The profile's terms that name its hosts: what authorises it. */
static bool
wanted(const zg_spf_term_t *t)
{
	/* ptr is left out (RFC 7208 5.5: SHOULD NOT be used, so dropping
	 * it is no fault); so are "all" and the modifiers. */
	return t->kind != ZG_SPF_ALL && t->kind != ZG_SPF_PTR &&
	    t->kind < ZG_SPF_REDIRECT && t->qualifier == '+';
}

/*
 * The SPF record at `id` gives a pass for the hosts of `want`: the term
 * itself with a pass qualifier before any "all" (terms after it are never
 * evaluated, RFC 7208 5.1), or an include: of a name of this zone whose
 * record does (5.2), or a redirect= to one (6.1, only without "all").
 * Each name is visited once per question (`seen`), so loops end; and no
 * deeper than 10 includes, since each costs a lookup and receivers stop
 * at 10 (RFC 7208 4.6.4, permerror): the stack stays small whatever the
 * zone.
 */
#define AUTH_DEPTH_MAX 10

static bool
authorises(struct builder *b, uint32_t id, const char *text, size_t len,
    const zg_spf_t *parsed, const zg_spf_term_t *want, unsigned which,
    unsigned depth)
{
	zg_problems_t problems = { 0 };
	zg_spf_t *own = NULL;
	const zg_spf_t *spf = parsed;
	bool yes = false, all = false, added;
	struct zl_slot *memo = NULL;
	const zg_spf_term_t *redirect = NULL;
	size_t i;

	if (depth > AUTH_DEPTH_MAX) {
		return false;
	}
	/* The answer for a name of the zone, per term of the profile, is
	 * worked out once (a: 1 while it is, then 2 yes, 3 no): linear in
	 * the zone's SPF records however many include one another.  A name
	 * met again while it is worked out is a loop: no. */
	if (id != 0) {
		memo = zl_table_get(&b->auth_memo,
		    zl_exact_key((uint64_t)id << 16 | which), &added);
		if (memo == NULL) {
			nomem(b);
			return false;
		}
		if (!added) {
			return memo->a == 2;
		}
		memo->a = 1;
	}
	if (spf == NULL) {
		if (zg_spf_parse(text, len, &own, &problems) != ZG_OK) {
			zg_problems_free(&problems);
			nomem(b);
			return false;
		}
		zg_problems_free(&problems);
		spf = own;
	}
	for (i = 0; i < spf->count && !yes && !all; i++) {
		const zg_spf_term_t *t = &spf->terms[i];
		uint8_t w[ZL_WIRE_MAX];
		const struct zl_name_slot *n;
		const char *next;
		size_t wl, nl;

		if (t->kind == ZG_SPF_ALL) {
			all = true;
		} else if (t->kind == ZG_SPF_REDIRECT) {
			redirect = redirect != NULL ? redirect : t;
		} else if (t->qualifier == '+' &&
		    zg_spf_term_equal(t, want, false)) {
			yes = true;
		} else if (t->kind == ZG_SPF_INCLUDE && t->qualifier == '+' &&
		    t->value != NULL && strchr(t->value, '%') == NULL &&
		    (wl = zl_name_from_text(t->value, w)) != 0 &&
		    zl_in_zone_wire(b->zone, w, wl) &&
		    (n = zl_names_find(&b->zone->names, w, wl)) != NULL &&
		    (next = zl_spf_text(b->zone, n->id, &nl)) != NULL) {
			yes = authorises(b, n->id, next, nl, NULL, want,
			    which, depth + 1);
		}
	}
	if (!yes && !all && redirect != NULL && redirect->value != NULL &&
	    strchr(redirect->value, '%') == NULL) {
		uint8_t w[ZL_WIRE_MAX];
		const struct zl_name_slot *n;
		const char *next;
		size_t wl = zl_name_from_text(redirect->value, w), nl;

		if (wl != 0 && zl_in_zone_wire(b->zone, w, wl) &&
		    (n = zl_names_find(&b->zone->names, w, wl)) != NULL &&
		    (next = zl_spf_text(b->zone, n->id, &nl)) != NULL) {
			yes = authorises(b, n->id, next, nl, NULL, want,
			    which, depth + 1);
		}
	}
	zg_spf_free(own);
	if (id != 0 && (memo = zl_table_find(&b->auth_memo,
	    zl_exact_key((uint64_t)id << 16 | which))) != NULL) {
		memo->a = yes ? 2 : 3; /* found again: the table may move */
	}
	return yes;
}

static bool
record_authorises(struct builder *b, const struct kept *k,
    const zg_spf_t *parsed, const zg_spf_term_t *want, unsigned which)
{
	return authorises(b, 0, k->text, k->text_len, parsed, want, which, 0);
}

/* How much an "all" refuses: +all < ?all < ~all < -all (RFC 7208 5.1). */
static int
all_rank(const zg_spf_term_t *all)
{
	switch (all->qualifier) {
	case '-':
		return 3;
	case '~':
		return 2;
	case '?':
		return 1;
	default:
		return 0;
	}
}

/* The first "all" of a record, or NULL; *redirect gets its redirect=. */
static const zg_spf_term_t *
first_all(const zg_spf_t *spf, const zg_spf_term_t **redirect)
{
	size_t i;

	for (i = 0; i < spf->count; i++) {
		if (spf->terms[i].kind == ZG_SPF_ALL) {
			return &spf->terms[i];
		}
		if (spf->terms[i].kind == ZG_SPF_REDIRECT && redirect != NULL &&
		    *redirect == NULL) {
			*redirect = &spf->terms[i];
		}
	}
	return NULL;
}

/* A term list that grows, with the terms borrowed from parsed records. */
struct terms {
	const zg_spf_term_t **t;
	size_t count;
	size_t cap;
	struct zl_set set;
};

/* A hash that equal terms (zg_spf_term_equal, qualifier too) share: the
 * value without case or a final dot, addresses as addresses. */
static uint64_t
term_hash(const zg_spf_term_t *t)
{
	uint8_t buf[8 + 512];
	size_t n = 0, i, len;
	const char *v = t->value;

	buf[n++] = (uint8_t)t->kind;
	buf[n++] = (uint8_t)t->qualifier;
	buf[n++] = (uint8_t)(t->cidr4 + 1);
	buf[n++] = (uint8_t)(t->cidr6 + 1);
	if (v != NULL && (t->kind == ZG_SPF_IP4 || t->kind == ZG_SPF_IP6) &&
	    inet_pton(t->kind == ZG_SPF_IP4 ? AF_INET : AF_INET6, v,
		buf + n) == 1) {
		return zl_hash_bytes(buf, n + (t->kind == ZG_SPF_IP4 ? 4 : 16));
	}
	if (t->kind == ZG_SPF_UNKNOWN_MOD) {
		for (i = 0; t->name[i] != '\0' && n < 256; i++) {
			buf[n++] = (uint8_t)tolower((unsigned char)t->name[i]);
		}
		buf[n++] = '=';
	}
	len = v != NULL ? strlen(v) : 0;
	if (len > 1 && v[len - 1] == '.') {
		len--;
	}
	for (i = 0; i < len && n < sizeof(buf); i++) {
		buf[n++] = (uint8_t)tolower((unsigned char)v[i]);
	}
	return zl_hash_bytes(buf, n);
}

static bool
term_eq(const void *ctx, uint32_t a, uint32_t b)
{
	const zg_spf_term_t *const *t = ctx;

	return zg_spf_term_equal(t[a], t[b], true);
}

/* Append a term unless an equal one is there (a duplicate once). */
static bool
terms_push(struct builder *b, struct terms *l, const zg_spf_term_t *t)
{
	uint32_t found;
	int r;

	if (!zl_grow((void **)&l->t, &l->cap, l->count + 1, sizeof(*l->t))) {
		nomem(b);
		return false;
	}
	l->t[l->count] = t;
	r = zl_set_add(&l->set, term_hash(t), (uint32_t)l->count, term_eq,
	    l->t, &found);
	if (r < 0) {
		nomem(b);
		return false;
	}
	l->count += r == 0;
	return true;
}

/*
 * One record that authorises the provider, from every SPF record at the
 * apex: each record's terms that receivers evaluate (those before its
 * "all"), in order, duplicates once; a term for one of the provider's
 * mechanisms with another qualifier gives way to the provider's; the
 * provider's missing mechanisms; then the first "all" (or, with none, the
 * first redirect=).  exp= and other modifiers stay.  Growable: no record
 * is cut.
 */
static char *
merge_spf(struct builder *b, zg_spf_t **recs, size_t n, const zg_spf_t *want,
    const zg_spf_term_t *want_all)
{
	struct terms l = { 0 };
	const zg_spf_term_t *all = NULL, *redirect = NULL, *exp = NULL;
	struct text out = { 0 };
	size_t i, j, w;

	for (i = 0; i < n; i++) {
		bool after = false;

		for (j = 0; j < recs[i]->count; j++) {
			const zg_spf_term_t *t = &recs[i]->terms[j];
			bool replaced = false;

			if (t->kind == ZG_SPF_ALL) {
				all = all != NULL ? all : t;
				after = true; /* mechanisms never evaluated */
				continue;
			}
			if (after && t->kind < ZG_SPF_REDIRECT) {
				continue;
			}
			if (t->kind == ZG_SPF_REDIRECT) {
				redirect = redirect != NULL ? redirect : t;
				continue;
			}
			if (t->kind == ZG_SPF_EXP) {
				exp = exp != NULL ? exp : t;
				continue;
			}
			if (former_term(b, t)) {
				continue; /* a former provider's */
			}
			for (w = 0; w < want->count; w++) {
				replaced |= wanted(&want->terms[w]) &&
				    zg_spf_term_equal(t, &want->terms[w],
					false) && t->qualifier != '+';
			}
			if (!replaced && !terms_push(b, &l, t)) {
				goto out;
			}
		}
	}
	for (w = 0; w < want->count; w++) {
		if (wanted(&want->terms[w]) &&
		    !terms_push(b, &l, &want->terms[w])) {
			goto out;
		}
	}
	text_put(&out, "v=spf1", 6);
	for (i = 0; i < l.count; i++) {
		text_term(&out, l.t[i]);
	}
	/* The record's own "all", unless it is weaker than the profile's
	 * (or missing: an SPF record without one ends in neutral). */
	if (want_all != NULL && (all != NULL || redirect == NULL) &&
	    (all == NULL || all_rank(all) < all_rank(want_all))) {
		all = want_all;
	}
	/* With an "all", redirect= is never used (RFC 7208 6.1). */
	if (all != NULL) {
		text_term(&out, all);
	} else if (redirect != NULL) {
		text_term(&out, redirect);
	}
	if (exp != NULL) {
		text_term(&out, exp);
	}
out:
	free(l.t);
	zl_set_free(&l.set);
	if (out.nomem || b->diff->nomem) {
		free(out.s);
		nomem(b);
		return NULL;
	}
	return out.s;
}

/* Two kept records hold the same data (TXT: the same strings). */
static bool
same_data(const struct kept *a, const struct kept *b)
{
	return a->rdlen == b->rdlen &&
	    memcmp(a->rdata, b->rdata, a->rdlen) == 0;
}

static bool
kept_eq(const void *ctx, uint32_t a, uint32_t b)
{
	const struct kept *const *k = ctx;

	return same_data(k[a], k[b]);
}

/* The TXT records at the apex that are SPF records, each once: a record
 * written twice is one record, which one delete by its data removes. */
static const struct kept **
apex_spf(struct builder *b, size_t *count)
{
	const struct zone *zone = b->zone;
	const struct kept **list = NULL, *k;
	struct zl_set seen = { 0 };
	size_t cap = 0;
	uint32_t found;
	int r;

	*count = 0;
	for (k = zl_kept_first(zone, zone->origin_id); k != NULL;
	     k = zl_kept_next(zone, k)) {
		if (k->type != LDNS_RR_TYPE_TXT ||
		    !zg_spf_is_record(k->text, k->text_len)) {
			continue;
		}
		if (!zl_grow((void **)&list, &cap, *count + 1, sizeof(*list))) {
			nomem(b);
			break;
		}
		list[*count] = k;
		r = zl_set_add(&seen, zl_hash_bytes(k->text, k->text_len),
		    (uint32_t)*count, kept_eq, list, &found);
		if (r < 0) {
			nomem(b);
			break;
		}
		*count += r == 0;
	}
	zl_set_free(&seen);
	return list;
}

static void
diff_spf(struct builder *b, const zg_record_t *r)
{
	const struct zone *zone = b->zone;
	const char *profile = zone->options->profile->name;
	zg_problems_t problems = { 0 };
	const zg_spf_t *want;
	zg_spf_t **recs = NULL;
	const struct kept **spf;
	struct text missing = { 0 }, former = { 0 };
	const zg_spf_term_t *want_all, *have_all = NULL, *redirect = NULL;
	size_t n, i, j, w;
	bool broken = false;
	size_t x = NONE, y;
	char *merged, buf[128];

	spf = apex_spf(b, &n);
	if (n == 0) {
		x = disc(b, ZL_MAIL_SPF_MISSING, NULL, zone->origin,
		    LDNS_RR_TYPE_TXT, "no SPF record at %s (profile %s: \"%s\")",
		    zone->origin, profile, r->text);
		add(b, x, r->owner, zone->origin_id, r->ttl, LDNS_RR_TYPE_TXT,
		    r->text);
		goto out;
	}
	if ((want = profile_spf(b)) == NULL ||
	    (recs = calloc(n, sizeof(*recs))) == NULL) {
		nomem(b);
		goto out;
	}
	for (i = 0; i < n; i++) {
		zg_problems_free(&problems);
		if (zg_spf_parse(spf[i]->text, spf[i]->text_len, &recs[i],
		    &problems) != ZG_OK) {
			nomem(b);
			goto out;
		}
		/* A record with a term the parser could not read is not
		 * rewritten: the rewrite would lose that term. */
		broken |= zg_problems_invalid(&problems);
	}
	/* Authorised by the one record receivers would use: with two or
	 * more, receivers return permerror (spf-multiple says so), and
	 * the provider counts as authorised when any of them would. */
	for (w = 0; w < want->count; w++) {
		const zg_spf_term_t *t = &want->terms[w];
		bool yes = false;

		if (!wanted(t)) {
			continue;
		}
		for (i = 0; i < n && !yes; i++) {
			yes = record_authorises(b, spf[i], recs[i], t,
			    (unsigned)w);
		}
		if (!yes) {
			zg_spf_term_format(t, buf, sizeof(buf));
			if (missing.len > 0) {
				text_put(&missing, ", ", 2);
			}
			text_put(&missing, buf, strlen(buf));
		}
	}
	/* What a former provider left: its terms (those receivers
	 * evaluate), and an "all" weaker than the profile's. */
	for (i = 0; i < n; i++) {
		for (j = 0; j < recs[i]->count &&
		     recs[i]->terms[j].kind != ZG_SPF_ALL; j++) {
			if (former_term(b, &recs[i]->terms[j])) {
				zg_spf_term_format(&recs[i]->terms[j], buf,
				    sizeof(buf));
				if (former.len > 0) {
					text_put(&former, ", ", 2);
				}
				text_put(&former, buf, strlen(buf));
			}
		}
	}
	want_all = first_all(want, NULL);
	for (i = 0; i < n && have_all == NULL; i++) {
		have_all = first_all(recs[i], &redirect);
	}
	if (missing.len > 0) {
		x = disc(b, ZL_MAIL_SPF_UNAUTHORISED, spf[0], zone->origin,
		    LDNS_RR_TYPE_TXT, "SPF record at %s does not authorise the "
		    "provider %s: missing %s", zone->origin, profile,
		    missing.s);
	}
	if (former.len > 0) {
		y = disc(b, ZL_MAIL_FORMER_PROVIDER, spf[0], zone->origin,
		    LDNS_RR_TYPE_TXT, "SPF record at %s still authorises a "
		    "former provider: %s", zone->origin, former.s);
		x = x != NONE ? x : y;
	}
	if (want_all != NULL && (have_all != NULL || redirect == NULL) &&
	    (have_all == NULL || all_rank(have_all) < all_rank(want_all))) {
		char got[16] = "no \"all\"", q[16];

		if (have_all != NULL) {
			zg_spf_term_format(have_all, got, sizeof(got));
		}
		zg_spf_term_format(want_all, q, sizeof(q));
		y = disc(b, ZL_MAIL_SPF_ALL_WEAKER, spf[0], zone->origin,
		    LDNS_RR_TYPE_TXT, "SPF record at %s ends with %s, weaker "
		    "than the profile %s's %s", zone->origin, got, profile, q);
		x = x != NONE ? x : y;
	}
	if (x == NONE && n > 1) {
		x = disc(b, -1, spf[1], zone->origin, LDNS_RR_TYPE_TXT,
		    "%zu SPF records at %s", n, zone->origin);
	}
	if (x == NONE || broken) {
		goto out; /* nothing to change, or not safely */
	}
	if ((merged = merge_spf(b, recs, n, want, want_all)) == NULL) {
		goto out;
	}
	if (n > 1 || strcmp(merged, spf[0]->text) != 0) {
		for (i = 0; i < n; i++) {
			del(b, x, spf[i]);
		}
		add(b, x, r->owner, zone->origin_id, r->ttl, LDNS_RR_TYPE_TXT,
		    merged);
	}
	free(merged);
out:
	for (i = 0; recs != NULL && i < n; i++) {
		zg_spf_free(recs[i]);
	}
	free(recs);
	free(spf);
	free(missing.s);
	free(former.s);
	b->diff->nomem |= missing.nomem || former.nomem;
	zg_problems_free(&problems);
}

/* ---- DMARC ------------------------------------------------------------ */

/* How much a policy asks: none < quarantine < reject; -1 unknown. */
static int
policy_rank(const char *p)
{
	if (p == NULL || strcasecmp(p, "none") == 0) {
		return 0; /* RFC 9989: a missing p is none */
	}
	if (strcasecmp(p, "quarantine") == 0) {
		return 1;
	}
	return strcasecmp(p, "reject") == 0 ? 2 : -1;
}

/*
 * The rank of the p= tag of the profile's DMARC record, which the profile
 * loader checked: tags separated by ';', spaces around them (RFC 7489
 * 6.4).  No p=: none (RFC 9989).
 */
static int
profile_policy(const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		const char *end = strchr(p, ';');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
		char value[16];
		size_t i = 0, v;

		while (i < n && (p[i] == ' ' || p[i] == '\t')) {
			i++;
		}
		if (i + 1 < n && (p[i] == 'p' || p[i] == 'P')) {
			for (v = i + 1; v < n && (p[v] == ' ' || p[v] == '\t');
			     v++) {
			}
			if (v < n && p[v] == '=') {
				size_t k = 0;

				for (v++; v < n && (p[v] == ' ' || p[v] == '\t');
				     v++) {
				}
				while (v < n && k + 1 < sizeof(value) &&
				    p[v] != ' ' && p[v] != '\t') {
					value[k++] = p[v++];
				}
				value[k] = '\0';
				return policy_rank(value);
			}
		}
		if (end == NULL) {
			break;
		}
		p = end + 1;
	}
	return 0;
}

/*
 * A DMARC record whose policy is weaker than the profile's (a former
 * provider's, most often): 1 with `*raised` the same record with the
 * profile's p= (every other tag kept, in its order; p= right after v=
 * when it had none, RFC 7489 6.4) and `*gp`, `*wp` the two policies; 0
 * when it is not weaker or does not parse (the dmarc-* rules say what is
 * wrong with it); -1 when out of memory.
 */
static int
dmarc_raise(struct builder *b, const zg_record_t *r, const struct kept *k,
    char **raised, char *gp_out, char *wp_out, size_t size)
{
	zg_dmarc_rfc_t rfc = b->zone->options->dmarc_rfc;
	zg_problems_t problems = { 0 };
	zg_dmarc_t *got = NULL, *want = NULL;
	const char *gp, *wp;
	struct text out = { 0 };
	int ret = 0;
	size_t i;

	*raised = NULL;
	/* Nothing is weaker than none: most profiles stop here. */
	if (b->dmarc_rank == -2) {
		b->dmarc_rank = profile_policy(r->text);
	}
	if (b->dmarc_rank <= 0) {
		return 0;
	}
	if (zg_dmarc_parse(k->text, k->text_len, rfc, &got, &problems) !=
	    ZG_OK || zg_dmarc_parse(r->text, strlen(r->text), rfc, &want,
	    &problems) != ZG_OK) {
		ret = -1;
		goto out;
	}
	gp = zg_dmarc_get(got, "p");
	wp = zg_dmarc_get(want, "p");
	/* A text with a NUL is cut in k->text: never rewritten. */
	if (zg_problems_invalid(&problems) || policy_rank(gp) < 0 ||
	    policy_rank(wp) <= policy_rank(gp) ||
	    memchr(k->text, '\0', k->text_len) != NULL) {
		goto out;
	}
	snprintf(gp_out, size, "%s", gp != NULL ? gp : "none (none given)");
	snprintf(wp_out, size, "%s", wp);
	for (i = 0; i < got->count; i++) {
		const char *name = got->tags[i].name;
		const char *value = got->tags[i].value;

		if (strcasecmp(name, "p") == 0) {
			value = wp;
		}
		if (i > 0) {
			text_put(&out, "; ", 2);
		}
		text_put(&out, name, strlen(name));
		text_put(&out, "=", 1);
		text_put(&out, value, strlen(value));
		if (i == 0 && gp == NULL) {
			text_put(&out, "; p=", 4);
			text_put(&out, wp, strlen(wp));
		}
	}
	if (out.nomem) {
		ret = -1;
		goto out;
	}
	*raised = out.s;
	out.s = NULL;
	ret = 1;
out:
	free(out.s);
	zg_dmarc_free(got);
	zg_dmarc_free(want);
	zg_problems_free(&problems);
	return ret;
}

/* Every DMARC record at _dmarc, each once, against the profile's
 * policy. */
static void
diff_dmarc_policies(struct builder *b, const zg_record_t *r, uint32_t id)
{
	size_t first = b->diff->nchanges;
	const struct zone *zone = b->zone;
	const struct kept *k, **list = NULL;
	struct zl_set seen = { 0 };
	size_t cap = 0, n = 0, i;
	uint32_t found;

	for (k = zl_kept_first(zone, id); k != NULL;
	     k = zl_kept_next(zone, k)) {
		int dup;

		if (k->type != LDNS_RR_TYPE_TXT ||
		    !zg_dmarc_is_record(k->text, k->text_len)) {
			continue;
		}
		if (!zl_grow((void **)&list, &cap, n + 1, sizeof(*list))) {
			nomem(b);
			break;
		}
		list[n] = k;
		if ((dup = zl_set_add(&seen, zl_hash_bytes(k->text,
		    k->text_len), (uint32_t)n, kept_eq, list, &found)) < 0) {
			nomem(b);
			break;
		}
		n += dup == 0;
	}
	for (i = 0; i < n; i++) {
		char gp[64], wp[64], *raised;
		size_t x, j;
		int w = dmarc_raise(b, r, list[i], &raised, gp, wp, sizeof(gp));
		bool again = false;

		if (w < 0) {
			nomem(b);
		}
		if (w <= 0) {
			continue;
		}
		x = disc(b, ZL_MAIL_DMARC_WEAKER, list[i], r->owner,
		    LDNS_RR_TYPE_TXT, "DMARC policy at %s is p=%s, weaker "
		    "than the profile %s's p=%s", r->owner, gp,
		    zone->options->profile->name, wp);
		del(b, x, list[i]);
		/* Two weak records may raise to one text: it is added once
		 * (the raised ones are few: this family's own changes). */
		for (j = first; j < b->diff->nchanges && !again; j++) {
			const struct zl_change *c = &b->diff->changes[j];

			again = c->del == NULL && c->data != NULL &&
			    strcmp(c->data, raised) == 0;
		}
		if (!again) {
			add(b, x, r->owner, id, list[i]->ttl,
			    LDNS_RR_TYPE_TXT, raised);
		}
		free(raised);
	}
	zl_set_free(&seen);
	free(list);
}

static void
diff_dmarc(struct builder *b, const zg_record_t *r)
{
	const struct zone *zone = b->zone;
	uint32_t id = plan_owner(b, r);
	const struct kept *k, *moved = NULL;
	bool present = false, alias = false;
	size_t x;

	for (k = zl_kept_first(zone, id); k != NULL;
	     k = zl_kept_next(zone, k)) {
		/* A CNAME to a DMARC record elsewhere: receivers follow it
		 * as for any TXT query (RFC 1034 3.6.2). */
		alias |= k->type == LDNS_RR_TYPE_CNAME;
		present |= k->type == LDNS_RR_TYPE_TXT &&
		    zg_dmarc_is_record(k->text, k->text_len);
	}
	if (present && !alias) {
		diff_dmarc_policies(b, r, id);
		return;
	}
	/* A DMARC record at the apex is misplaced (dmarc-misplaced), unless
	 * a _dmarc CNAME leads to it, when it is some domain's policy. */
	if (!zl_dmarc_aliased(zone, zone->origin_id)) {
		for (k = zl_kept_first(zone, zone->origin_id); k != NULL;
		     k = zl_kept_next(zone, k)) {
			if (k->type == LDNS_RR_TYPE_TXT &&
			    zg_dmarc_is_record(k->text, k->text_len)) {
				moved = k;
				break;
			}
		}
	}
	if (alias) {
		/* The policy is where the CNAME leads; a misplaced record
		 * at the apex cannot move to _dmarc and goes. */
		x = moved != NULL ? disc(b, -1, moved, zone->origin,
		    LDNS_RR_TYPE_TXT, "DMARC record at %s", zone->origin) :
		    NONE;
		for (k = moved; x != NONE && k != NULL;
		     k = zl_kept_next(zone, k)) {
			if (k->type == LDNS_RR_TYPE_TXT &&
			    zg_dmarc_is_record(k->text, k->text_len)) {
				del(b, x, k);
			}
		}
		return;
	}
	if (moved != NULL) {
		char gp[64], wp[64], *raised;
		int w;

		/* At the apex, where receivers never look: dmarc-misplaced
		 * says so, and that it belongs at _dmarc; the fix moves it
		 * there with its own policy, raised to the profile's when it
		 * is weaker (so that a second fix has nothing to do). */
		x = disc(b, -1, moved, zone->origin, LDNS_RR_TYPE_TXT,
		    "DMARC record at %s", zone->origin);
		for (k = moved; x != NONE && k != NULL;
		     k = zl_kept_next(zone, k)) {
			if (k->type == LDNS_RR_TYPE_TXT &&
			    zg_dmarc_is_record(k->text, k->text_len)) {
				del(b, x, k);
			}
		}
		if ((w = dmarc_raise(b, r, moved, &raised, gp, wp,
		    sizeof(gp))) < 0) {
			nomem(b);
		} else if (w > 0) {
			add(b, x, r->owner, id, moved->ttl,
			    LDNS_RR_TYPE_TXT, raised);
			free(raised);
		} else {
			/* Its data as it is, NUL bytes and strings alike. */
			size_t before = b->diff->nchanges;

			add(b, x, r->owner, id, moved->ttl,
			    LDNS_RR_TYPE_TXT, "");
			if (b->diff->nchanges == before + 1) {
				b->diff->changes[before].copy_of = moved;
			}
		}
		return;
	}
	x = disc(b, ZL_MAIL_DMARC_MISSING, NULL, r->owner, LDNS_RR_TYPE_TXT,
	    "no DMARC record at %s (profile %s: \"%s\")", r->owner,
	    zone->options->profile->name, r->text);
	add(b, x, r->owner, id, r->ttl, LDNS_RR_TYPE_TXT, r->text);
}

/* ---- the whole ---------------------------------------------------------- */

/*
 * An added record joins an RRset that keeps other records: it takes their
 * TTL (an RRset has one TTL, RFC 2181 5.2), so that they stay unchanged.
 */
static void
rrset_ttls(struct builder *b)
{
	const struct zone *zone = b->zone;
	size_t i;

	for (i = 0; i < b->diff->nchanges; i++) {
		struct zl_change *c = &b->diff->changes[i];
		const struct kept *k;

		if (c->del != NULL) {
			continue;
		}
		for (k = zl_kept_first(zone, c->owner_id); k != NULL;
		     k = zl_kept_next(zone, k)) {
			if (k->type == c->type &&
			    !b->deleted[k - zone->kept]) {
				c->ttl = k->ttl;
				break;
			}
		}
	}
}

zg_status_t
zl_diff_build(const struct zone *zone, struct zl_diff *diff)
{
	struct builder b;
	struct mx *mx;
	size_t count, i;

	memset(diff, 0, sizeof(*diff));
	if (!zone->has_plan) {
		return ZG_OK;
	}
	memset(&b, 0, sizeof(b));
	b.zone = zone;
	b.diff = diff;
	b.dmarc_rank = -2;
	b.origin_len = zl_names_wire(&zone->names, zone->origin_id, b.origin);
	if ((b.deleted = calloc(zone->kept_count + 1, sizeof(bool))) ==
	    NULL) {
		return ZG_ERR_NOMEM;
	}
	mx = apex_mx(&b, &count);
	if (!diff_null_mx(&b, mx, count)) {
		diff_former_cnames(&b);
		/* Client hosts, MX, SPF, DMARC: the order of the findings
		 * at line 0. */
		for (i = 0; i < zone->plan.count; i++) {
			if (zone->plan.records[i].role == ZG_ROLE_CNAME) {
				diff_cname(&b, &zone->plan.records[i]);
			}
		}
		diff_mx(&b, mx, count);
		for (i = 0; i < zone->plan.count; i++) {
			if (zone->plan.records[i].role == ZG_ROLE_SPF) {
				diff_spf(&b, &zone->plan.records[i]);
			}
		}
		for (i = 0; i < zone->plan.count; i++) {
			if (zone->plan.records[i].role == ZG_ROLE_DMARC) {
				diff_dmarc(&b, &zone->plan.records[i]);
			}
		}
		rrset_ttls(&b);
	} else {
		diff->null_mx = true;
	}
	free(mx);
	free(b.deleted);
	zg_spf_free(b.want_spf);
	zl_table_free(&b.auth_memo);
	free(b.mine.o);
	free(b.former.o);
	zl_set_free(&b.mine.set);
	zl_set_free(&b.former.set);
	return diff->nomem ? ZG_ERR_NOMEM : ZG_OK;
}

void
zl_diff_free(struct zl_diff *diff)
{
	size_t i;

	for (i = 0; i < diff->count; i++) {
		free(diff->items[i].message);
		free(diff->items[i].owner);
	}
	for (i = 0; i < diff->nchanges; i++) {
		free(diff->changes[i].data);
	}
	free(diff->items);
	free(diff->changes);
	memset(diff, 0, sizeof(*diff));
}
