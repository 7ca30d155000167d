/* fix.c: the fewest changes that bring a zone to the provider's profile. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Computes, from what the linter kept of one zone and zonegen's plan for
 * its origin, the records to delete and the records to add, and writes
 * them as one nsupdate message (all deletions first, so that a CNAME can
 * replace the records it must stand alone from, RFC 2136 3.4.2.2) or as a
 * list of lines to remove and a snippet of records to add.
 *
 * Nothing that is not wrong is lost: records are deleted one by one by
 * their current data, never as whole RRsets (a TXT RRset at the apex holds
 * verification records beside SPF); an SPF record that lacks the
 * provider's mechanisms is rewritten keeping every other sender's terms
 * and its own "all"; a DMARC record at the apex is moved to _dmarc with
 * its own policy.  Records added to an RRset that keeps other records take
 * that RRset's TTL (an RRset has one TTL, RFC 2181 5.2), so that the kept
 * records come out unchanged.
 */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/internal.h"

#define CHANGES_MAX 256

struct add {
	char owner[ZG_NAME_MAX + 2];
	uint32_t ttl;
	const char *type;
	char *data;        /* presentation form (TXT: unquoted text) */
	bool txt;
};

struct changes {
	const struct kept *del[CHANGES_MAX];
	size_t ndel;
	struct add add[CHANGES_MAX];
	size_t nadd;
	bool nomem;
};

static void
del(struct changes *c, const struct kept *k)
{
	size_t i;

	for (i = 0; i < c->ndel; i++) {
		if (c->del[i] == k) {
			return;
		}
	}
	if (c->ndel == CHANGES_MAX) {
		c->nomem = true; /* never a partial fix */
		return;
	}
	c->del[c->ndel++] = k;
}

static void
add(struct changes *c, const char *owner, uint32_t ttl, const char *type,
    const char *data, bool txt)
{
	struct add *a;

	if (c->nadd == CHANGES_MAX) {
		c->nomem = true;
		return;
	}
	a = &c->add[c->nadd];
	snprintf(a->owner, sizeof(a->owner), "%s", owner);
	a->ttl = ttl;
	a->type = type;
	a->txt = txt;
	if ((a->data = strdup(data)) == NULL) {
		c->nomem = true;
		return;
	}
	c->nadd++;
}

static bool
is_type(const struct kept *k, ldns_rr_type type)
{
	return ldns_rr_get_type(k->rr) == type;
}

/* The TTL an added record of `type` at `owner` takes: the RRset's. */
static uint32_t
rrset_ttl(const struct zone *zone, const struct changes *c,
    const char *owner, ldns_rr_type type, uint32_t fallback)
{
	size_t i, j;

	for (i = 0; i < zone->kept_count; i++) {
		const struct kept *k = &zone->kept[i];

		if (!is_type(k, type) || strcasecmp(k->owner, owner) != 0) {
			continue;
		}
		for (j = 0; j < c->ndel && c->del[j] != k; j++) {
		}
		if (j == c->ndel) {
			return ldns_rr_ttl(k->rr); /* a record that stays */
		}
	}
	return fallback;
}

/* CNAMEs: the right target, alone at its name (RFC 1034 3.6.2). */
static void
fix_cname(struct zone *zone, struct changes *c, const zg_record_t *r)
{
	bool right = false;
	size_t i;

	for (i = 0; i < zone->kept_count; i++) {
		const struct kept *k = &zone->kept[i];
		ldns_rr_type t = ldns_rr_get_type(k->rr);
		char *target;

		if (strcasecmp(k->owner, r->owner) != 0 ||
		    t == LDNS_RR_TYPE_RRSIG || t == LDNS_RR_TYPE_NSEC) {
			continue;
		}
		if (t == LDNS_RR_TYPE_CNAME &&
		    (target = zl_dname_str(ldns_rr_rdf(k->rr, 0))) != NULL) {
			bool same = strcasecmp(target, r->target) == 0;

			free(target);
			if (same) {
				right = true; /* and a duplicate of it too */
				continue;
			}
		}
		del(c, k);
	}
	if (!right) {
		add(c, r->owner, r->ttl, "CNAME", r->target, false);
	}
}

/* MX: the provider's hosts at their priorities, and no other. */
static void
fix_mx(struct zone *zone, struct changes *c)
{
	const zg_plan_t *plan = &zone->plan;
	bool *keep = calloc(zone->kept_count + 1, sizeof(bool));
	size_t i, j;
	char data[ZG_NAME_MAX + 16];

	if (keep == NULL) {
		c->nomem = true;
		return;
	}
	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];
		bool found = false;

		if (r->role != ZG_ROLE_MX) {
			continue;
		}
		for (j = 0; j < zone->kept_count; j++) {
			const struct kept *k = &zone->kept[j];
			char *host;

			if (!is_type(k, LDNS_RR_TYPE_MX) ||
			    strcmp(k->owner, zone->origin) != 0 ||
			    (host = zl_dname_str(ldns_rr_rdf(k->rr, 1))) ==
				NULL) {
				continue;
			}
			if (strcasecmp(host, r->target) == 0 &&
			    ldns_rdf2native_int16(ldns_rr_rdf(k->rr, 0)) ==
				r->priority) {
				keep[j] = found = true;
			}
			free(host);
		}
		if (!found) {
			snprintf(data, sizeof(data), "%u %s",
			    (unsigned)r->priority, r->target);
			add(c, r->owner, r->ttl, "MX", data, false);
		}
	}
	for (j = 0; j < zone->kept_count; j++) {
		const struct kept *k = &zone->kept[j];

		if (is_type(k, LDNS_RR_TYPE_MX) && !keep[j] &&
		    strcmp(k->owner, zone->origin) == 0) {
			del(c, k);
		}
	}
	free(keep);
}

/* Append term `t` (as written) to `out` unless an equal one is there. */
static void
append_term(char *out, size_t size, const char *t, size_t n)
{
	size_t len = strlen(out);
	const char *p = out;

	while ((p = strchr(p, ' ')) != NULL) {
		p++;
		if (strncasecmp(p, t, n) == 0 && (p[n] == ' ' || p[n] == '\0')) {
			return;
		}
	}
	if (len + 1 + n < size) {
		out[len] = ' ';
		memcpy(out + len + 1, t, n);
		out[len + 1 + n] = '\0';
	}
}

/* The term is "all" with any qualifier. */
static bool
is_all(const char *t, size_t n)
{
	if (n > 0 && strchr("+-~?", t[0]) != NULL) {
		t++;
		n--;
	}
	return n == 3 && strncasecmp(t, "all", 3) == 0;
}

/*
 * SPF: one record that authorises the provider.  Terms of every SPF record
 * at the apex are kept in order (duplicates once), the provider's missing
 * mechanisms go before "all", and the first record's "all" closes it.
 */
static void
fix_spf(struct zone *zone, struct changes *c, const zg_record_t *r)
{
	const struct kept *spf[16];
	zg_problems_t problems = { 0 };
	zg_spf_t *want = NULL;
	char merged[2048] = "v=spf1";
	char all[16] = "";
	size_t n = 0, i, j;
	bool changed;

	for (i = 0; i < zone->kept_count && n < 16; i++) {
		const struct kept *k = &zone->kept[i];

		if (is_type(k, LDNS_RR_TYPE_TXT) &&
		    strcmp(k->owner, zone->origin) == 0 &&
		    zg_spf_is_record(k->text, k->text_len)) {
			spf[n++] = k;
		}
	}
	if (n == 0) {
		add(c, r->owner,
		    rrset_ttl(zone, c, r->owner, LDNS_RR_TYPE_TXT, r->ttl),
		    "TXT", r->text, true);
		return;
	}
	for (i = 0; i < n; i++) {
		const char *t = spf[i]->text + 6; /* past "v=spf1" */
		const char *end = spf[i]->text + spf[i]->text_len;

		while (t < end) {
			size_t len;

			while (t < end && *t == ' ') {
				t++;
			}
			len = strcspn(t, " ");
			if (t + len > end) {
				len = (size_t)(end - t);
			}
			if (len == 0) {
				break;
			}
			if (is_all(t, len)) {
				if (all[0] == '\0' && len < sizeof(all)) {
					memcpy(all, t, len);
					all[len] = '\0';
				}
			} else {
				append_term(merged, sizeof(merged), t, len);
			}
			t += len;
		}
	}
	changed = n > 1;
	if (zg_spf_parse(r->text, strlen(r->text), &want, &problems) ==
	    ZG_OK) {
		for (i = 0; i < want->count; i++) {
			const zg_spf_term_t *t = &want->terms[i];
			char term[600];
			size_t before = strlen(merged);

			/* Mechanisms naming the provider's hosts; ptr is left
			 * out (RFC 7208 5.5: SHOULD NOT be used). */
			if (t->kind == ZG_SPF_ALL || t->kind == ZG_SPF_PTR ||
			    t->kind >= ZG_SPF_REDIRECT) {
				continue;
			}
			snprintf(term, sizeof(term), "%s%s%s", t->name,
			    t->value ? ":" : "", t->value ? t->value : "");
			append_term(merged, sizeof(merged), term, strlen(term));
			changed = changed || strlen(merged) != before;
		}
	} else {
		c->nomem = true;
	}
	zg_spf_free(want);
	zg_problems_free(&problems);
	if (!changed) {
		return;
	}
	if (all[0] != '\0') {
		append_term(merged, sizeof(merged), all, strlen(all));
	}
	for (j = 0; j < n; j++) {
		del(c, spf[j]);
	}
	add(c, r->owner,
	    rrset_ttl(zone, c, r->owner, LDNS_RR_TYPE_TXT, r->ttl), "TXT",
	    merged, true);
}

/* DMARC: one at _dmarc; one found at the apex moves there as it is. */
static void
fix_dmarc(struct zone *zone, struct changes *c, const zg_record_t *r)
{
	const struct kept *moved = NULL;
	bool present = false;
	size_t i;

	for (i = 0; i < zone->kept_count; i++) {
		const struct kept *k = &zone->kept[i];

		if (!is_type(k, LDNS_RR_TYPE_TXT) ||
		    !zg_dmarc_is_record(k->text, k->text_len)) {
			continue;
		}
		if (strcmp(k->owner, r->owner) == 0) {
			present = true;
		} else if (strcmp(k->owner, zone->origin) == 0) {
			del(c, k);
			moved = moved != NULL ? moved : k;
		}
	}
	if (!present) {
		add(c, r->owner,
		    rrset_ttl(zone, c, r->owner, LDNS_RR_TYPE_TXT,
			moved ? ldns_rr_ttl(moved->rr) : r->ttl),
		    "TXT", moved ? moved->text : r->text, true);
	}
}

/* A kept record's data as the zone file would show it. */
static void
write_rdata(FILE *fp, const ldns_rr *rr)
{
	size_t i;

	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		char *s = ldns_rdf2str(ldns_rr_rdf(rr, i));

		fprintf(fp, "%s%s", i ? " " : "", s ? s : "");
		free(s);
	}
}

static void
write_add_data(FILE *fp, const struct add *a)
{
	if (a->txt) {
		zg_txt_write_quoted(fp, a->data);
	} else {
		fputs(a->data, fp);
	}
}

static void
write_type(FILE *fp, const ldns_rr *rr)
{
	char *t = ldns_rr_type2str(ldns_rr_get_type(rr));

	fputs(t ? t : "TYPE0", fp);
	free(t);
}

zg_status_t
zl_fix_write(struct zone *zone, FILE *fp)
{
	const zl_options_t *o = zone->options;
	struct changes *c;
	size_t i;

	fprintf(fp, "; zonelint --fix=%s: %s (origin %s, profile %s)\n",
	    o->fix == ZL_FIX_ZONE ? "zone" : "nsupdate", zone->path,
	    zone->origin ? zone->origin : "unknown",
	    o->profile ? o->profile->name : "none");
	if (!zone->has_plan) {
		fputs("; nothing to change: no profile, no origin, or a null MX "
		      "(the domain takes no mail)\n", fp);
		return ferror(fp) ? ZG_ERR_IO : ZG_OK;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		return ZG_ERR_NOMEM;
	}
	for (i = 0; i < zone->plan.count; i++) {
		const zg_record_t *r = &zone->plan.records[i];

		switch (r->role) {
		case ZG_ROLE_CNAME:
			fix_cname(zone, c, r);
			break;
		case ZG_ROLE_SPF:
			fix_spf(zone, c, r);
			break;
		case ZG_ROLE_DMARC:
			fix_dmarc(zone, c, r);
			break;
		case ZG_ROLE_MX:
		case ZG_ROLE_SRV:
			break;
		}
	}
	fix_mx(zone, c);
	/* MX added next to MX that stay take their TTL. */
	for (i = 0; i < c->nadd; i++) {
		if (strcmp(c->add[i].type, "MX") == 0) {
			c->add[i].ttl = rrset_ttl(zone, c, zone->origin,
			    LDNS_RR_TYPE_MX, c->add[i].ttl);
		}
	}
	if (c->ndel == 0 && c->nadd == 0) {
		fputs("; nothing to change\n", fp);
	} else if (o->fix == ZL_FIX_NSUPDATE) {
		fprintf(fp, "zone %s\n", zone->origin);
		for (i = 0; i < c->ndel; i++) {
			fprintf(fp, "; %s:%u\nupdate delete %s IN ",
			    c->del[i]->file, c->del[i]->line, c->del[i]->owner);
			write_type(fp, c->del[i]->rr);
			fputc(' ', fp);
			write_rdata(fp, c->del[i]->rr);
			fputc('\n', fp);
		}
		for (i = 0; i < c->nadd; i++) {
			fprintf(fp, "update add %s %u IN %s ", c->add[i].owner,
			    (unsigned)c->add[i].ttl, c->add[i].type);
			write_add_data(fp, &c->add[i]);
			fputc('\n', fp);
		}
		fputs("send\n", fp);
	} else {
		fputs("; remove these records:\n", fp);
		for (i = 0; i < c->ndel; i++) {
			fprintf(fp, ";   %s:%u: %s %u IN ", c->del[i]->file,
			    c->del[i]->line, c->del[i]->owner,
			    (unsigned)ldns_rr_ttl(c->del[i]->rr));
			write_type(fp, c->del[i]->rr);
			fputc(' ', fp);
			write_rdata(fp, c->del[i]->rr);
			fputc('\n', fp);
		}
		fputs("; and add these records:\n", fp);
		for (i = 0; i < c->nadd; i++) {
			fprintf(fp, "%s\t%u\tIN\t%s\t", c->add[i].owner,
			    (unsigned)c->add[i].ttl, c->add[i].type);
			write_add_data(fp, &c->add[i]);
			fputc('\n', fp);
		}
	}
	for (i = 0; i < c->nadd; i++) {
		free(c->add[i].data);
	}
	i = c->nomem;
	free(c);
	if (i) {
		return ZG_ERR_NOMEM;
	}
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}
