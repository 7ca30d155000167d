/* compare.c: a zone file against the zone a server serves (--axfr --compare). */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The records of both are put in canonical form (RFC 4034 6.2: owner and
 * the names inside the data of the types listed there in lower case),
 * each side's duplicates merged as a server merges them (RFC 2181 5),
 * sorted and walked side by side:
 *
 *   served-missing  the file has the record, the server does not serve
 *                   it: a change not pushed, or a server behind the file
 *   served-extra    the server serves a record the file does not have: a
 *                   change made on the server by hand, or a file behind
 *   served-ttl      both have it, with other TTLs
 *
 * The records a signer adds (RRSIG, NSEC, NSEC3, NSEC3PARAM, DNSKEY, CDS,
 * CDNSKEY and BIND's private TYPE65534) are left out on both sides.  The
 * file is read as zonelint reads any zone file (its problems are
 * findings too), with the domain as origin.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/internal.h"
#include "lint/read.h"

struct cmp_rec {
	const uint8_t *key; /* owner, type, class, data: canonical */
	size_t len;
	size_t owner_len;   /* the first owner_len bytes of key */
	uint16_t type;
	uint32_t ttl;
	unsigned line;
	uint32_t at;        /* offset of key in the side's bytes */
};

struct zl_compare_side {
	struct cmp_rec *recs;
	size_t count;
	size_t cap;
	uint8_t *bytes;
	size_t used;
	size_t bytes_cap;
	bool nomem;
};

struct zl_compare {
	struct zl_compare_side served;
	struct zl_compare_side file;
};

struct zl_compare *
zl_compare_new(void)
{
	return calloc(1, sizeof(struct zl_compare));
}

static void
side_free(struct zl_compare_side *s)
{
	free(s->recs);
	free(s->bytes);
}

void
zl_compare_free(struct zl_compare *c)
{
	if (c != NULL) {
		side_free(&c->served);
		side_free(&c->file);
		free(c);
	}
}

static bool
signer_type(uint16_t t)
{
	return t == LDNS_RR_TYPE_RRSIG || t == LDNS_RR_TYPE_NSEC ||
	    t == LDNS_RR_TYPE_NSEC3 || t == LDNS_RR_TYPE_NSEC3PARAM ||
	    t == LDNS_RR_TYPE_DNSKEY || t == LDNS_RR_TYPE_CDS ||
	    t == LDNS_RR_TYPE_CDNSKEY || t == 65534;
}

static void
side_add(struct zl_compare_side *s, const zl_record_t *rec)
{
	ldns_rr *rr;
	uint8_t *data = NULL;
	size_t cap = 0, dlen = 0, need;
	uint8_t *k;
	struct cmp_rec *r;

	if (s->nomem || signer_type(rec->type)) {
		return;
	}
	/* Canonical data by ldns where it decodes the type; the bytes as
	 * they are where it does not (no names inside to fold). */
	rr = zl_rr_from_wire(rec->owner, rec->owner_len, rec->type,
	    rec->rr_class, rec->ttl, rec->rdata, rec->rdata_len);
	if (rr != NULL) {
		ldns_rr2canonical(rr);
		if (!zl_rr_rdata_wire(rr, &data, &cap, &dlen)) {
			ldns_rr_free(rr);
			s->nomem = true;
			return;
		}
		ldns_rr_free(rr);
	}
	need = rec->owner_len + 4 + (data != NULL ? dlen : rec->rdata_len);
	if (!zl_grow((void **)&s->bytes, &s->bytes_cap, s->used + need, 1) ||
	    !zl_grow((void **)&s->recs, &s->cap, s->count + 1,
		sizeof(*s->recs))) {
		free(data);
		s->nomem = true;
		return;
	}
	k = s->bytes + s->used;
	memcpy(k, rec->owner, rec->owner_len);
	zl_wire_lower(k, rec->owner_len);
	k[rec->owner_len] = (uint8_t)(rec->type >> 8);
	k[rec->owner_len + 1] = (uint8_t)rec->type;
	k[rec->owner_len + 2] = (uint8_t)(rec->rr_class >> 8);
	k[rec->owner_len + 3] = (uint8_t)rec->rr_class;
	memcpy(k + rec->owner_len + 4, data != NULL ? data : rec->rdata,
	    data != NULL ? dlen : rec->rdata_len);
	free(data);
	r = &s->recs[s->count++];
	r->at = (uint32_t)s->used;
	r->len = need;
	r->owner_len = rec->owner_len;
	r->type = rec->type;
	r->ttl = rec->ttl;
	r->line = rec->line;
	s->used += need;
}

void
zl_compare_served(struct zl_compare *c, const zl_record_t *rec)
{
	side_add(&c->served, rec);
}

static int
rec_cmp(const void *a, const void *b)
{
	const struct cmp_rec *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int d = memcmp(x->key, y->key, n);

	if (d != 0) {
		return d;
	}
	if (x->len != y->len) {
		return x->len < y->len ? -1 : 1;
	}
	return x->line < y->line ? -1 : x->line > y->line; /* first first */
}

static bool
same_key(const struct cmp_rec *x, const struct cmp_rec *y)
{
	return x->len == y->len && memcmp(x->key, y->key, x->len) == 0;
}

/* Sort a side and keep the first of each record written twice. */
static void
side_sort(struct zl_compare_side *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->count; i++) {
		s->recs[i].key = s->bytes + s->recs[i].at;
	}
	qsort(s->recs, s->count, sizeof(*s->recs), rec_cmp);
	for (i = 0; i < s->count; i++) {
		if (n == 0 || !same_key(&s->recs[n - 1], &s->recs[i])) {
			s->recs[n++] = s->recs[i];
		}
	}
	s->count = n;
}

/* "TYPE DATA" of a record for a message, its data cut at 80 bytes. */
static void
say_record(const struct cmp_rec *r, char *owner, char *out, size_t outlen)
{
	const uint8_t *k = r->key;
	uint16_t cls = (uint16_t)(k[r->owner_len + 2] << 8 |
	    k[r->owner_len + 3]);
	ldns_rr *rr = zl_rr_from_wire(k, r->owner_len, r->type, cls, r->ttl,
	    k + r->owner_len + 4, r->len - r->owner_len - 4);
	char *tn = ldns_rr_type2str((ldns_rr_type)r->type), data[96] = "";
	size_t i, n = 0;

	zl_name_text(k, r->owner_len, owner);
	for (i = 0; rr != NULL && i < ldns_rr_rd_count(rr) && n + 1 < 81;
	     i++) {
		char *f = ldns_rdf2str(ldns_rr_rdf(rr, i));

		if (f != NULL) {
			n += (size_t)snprintf(data + n, sizeof(data) - n, "%s%s",
			    i > 0 ? " " : "", f);
			if (n >= sizeof(data)) {
				n = sizeof(data) - 1;
			}
			free(f);
		}
	}
	if (n > 80) {
		memcpy(data + 77, "...", 4);
	}
	if (rr == NULL) {
		snprintf(data, sizeof(data), "\\# %zu ...",
		    r->len - r->owner_len - 4);
	}
	snprintf(out, outlen, "%s %s", tn != NULL ? tn : "?", data);
	free(tn);
	ldns_rr_free(rr);
}

/* Reading the file: its records to the side, its problems to the zone. */
struct file_ctx {
	struct zone *zone;
	struct zl_compare_side *side;
};

static void
file_record(void *ctx, const zl_record_t *rec)
{
	struct file_ctx *f = ctx;

	side_add(f->side, rec);
}

static void
file_problem(void *ctx, const char *file, unsigned line, const char *rule_id,
    const char *message)
{
	struct file_ctx *f = ctx;
	int rule = zl_rule_find(rule_id);

	zl_report_add(f->zone->report, rule >= 0 ? rule : ZL_SYNTAX_ERROR,
	    file, line, NULL, 0, "%s", message);
}

zg_status_t
zl_compare_finish(struct zone *zone, struct zl_compare *c, const char *path,
    const char *domain, const char *served_name, char *errbuf,
    size_t errlen)
{
	static const zl_read_callbacks_t cb = {
		.record = file_record,
		.problem = file_problem,
	};
	zl_read_options_t ropts = { 0 };
	struct file_ctx ctx = { zone, &c->file };
	size_t i = 0, j = 0;
	char owner[ZL_NAME_TEXT_MAX], text[160];

	ropts.origin = domain;
	ropts.include_any = zone->options->include_any;
	ropts.size_max = zone->options->max_file_size;
	ropts.records_max = zone->options->max_records;
	if (zl_read_file(path, &ropts, &cb, &ctx, errbuf, errlen) != 0) {
		return ZG_ERR_IO;
	}
	if (c->served.nomem || c->file.nomem) {
		snprintf(errbuf, errlen, "%s: out of memory", path);
		return ZG_ERR_NOMEM;
	}
	side_sort(&c->served);
	side_sort(&c->file);
	while (i < c->file.count || j < c->served.count) {
		const struct cmp_rec *f = i < c->file.count ? &c->file.recs[i]
							     : NULL;
		const struct cmp_rec *s = j < c->served.count
		    ? &c->served.recs[j]
		    : NULL;
		int d = f == NULL ? 1 : s == NULL ? -1 : 0;

		if (d == 0) {
			size_t n = f->len < s->len ? f->len : s->len;

			d = memcmp(f->key, s->key, n);
			if (d == 0 && f->len != s->len) {
				d = f->len < s->len ? -1 : 1;
			}
		}
		if (d < 0) {
			say_record(f, owner, text, sizeof(text));
			zl_report_add(zone->report, ZL_SERVED_MISSING, path,
			    f->line, owner, f->type, "%s %s is in the file but "
			    "not served by %s", owner, text, served_name);
			i++;
		} else if (d > 0) {
			say_record(s, owner, text, sizeof(text));
			zl_report_add(zone->report, ZL_SERVED_EXTRA,
			    served_name, s->line, owner, s->type, "%s %s is "
			    "served but not in %s", owner, text, path);
			j++;
		} else {
			if (f->ttl != s->ttl) {
				say_record(s, owner, text, sizeof(text));
				zl_report_add(zone->report, ZL_SERVED_TTL,
				    served_name, s->line, owner, s->type,
				    "%s %s is served with TTL %u; %s:%u has "
				    "TTL %u", owner, text, (unsigned)s->ttl,
				    path, f->line, (unsigned)f->ttl);
			}
			i++;
			j++;
		}
	}
	return ZG_OK;
}
