/* test_fixprop.c: the property test of zonelint --fix=nsupdate. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * For every zone file under fixtures/lint/ (those the fix refuses aside:
 * syntax errors, failed includes, no origin, limits) and for
 * ZL_FIXPROP_COUNT (10,000) zones of tests/unit/mailzone.h, seeds
 * ZL_FIXPROP_SEED (0x7a6f6e6500000000) onwards:
 *
 *   1. lint the zone in-process with --fix=nsupdate (lint/lint.h), the
 *      findings as JSON;
 *   2. read its records with zonelint's own reader (lint/read.h) and apply
 *      the nsupdate script to them as BIND applies one update message
 *      (apply_script: deletes by data, adds that retime their RRset, the
 *      CNAME rules of RFC 2136 3.4.2.2; anything else in the script is a
 *      failure);
 *   3. write the result as a zone file and lint it again.
 *
 * "A finding the fix mends" is one of a mail-* rule, or, with a profile,
 * spf-multiple or dmarc-misplaced at the apex: the fix merges several SPF
 * records there and moves a DMARC record from the apex to _dmarc, the name
 * that dmarc-misplaced says it belongs at (and so names).  The null-mx-*
 * rules are not mended: a domain that takes no mail gets no fix.
 *
 * Properties, each one ok/FAIL line per group:
 *   no finding the fix mends is left after the fix; a second fix is
 *   empty; records at owners that no finding of the first lint named are
 *   unchanged; a zone with no finding the fix mends gets an empty fix; and
 *   for generated zones: a zone with a planted defect has such a finding
 *   and one without has none; the unrelated records (www, verification TXT, delegation, SRV,
 *   CAA) are unchanged; after the fix exactly one SPF record authorises the
 *   provider in RFC 7208 evaluation order (its mechanisms with a pass
 *   qualifier, before any "all", through in-zone include:/redirect=); the
 *   other senders' SPF terms are kept.
 *
 * A failing zone gets one FAIL line (at most 20 a group) with its seed,
 * and its files (zone, profile, fix, the zone after the fix) are written to
 * a fixprop-fail.XXXXXX directory under TMPDIR, which is kept.  Rerun one
 * zone with `test_fixprop --one SEED` (prints everything).
 *
 * Other modes, for tests/integration/fixprop-named.sh:
 *   --emit N DIR [SEED]       write N generated zones (DIR/zNNNN.zone,
 *                             .origin, .yaml when not built-in, .info)
 *   --canon ZONE ORIGIN       the zone's records (zonelint's reader),
 *                             canonical, sorted, SOA left out
 *   --apply ZONE FIX ORIGIN   the same after applying the nsupdate script
 *                             FIX as apply_script does
 * ZL_FIXPROP_STATS=1 adds a table of failures by planter; ZL_FIXPROP_SHOW
 * sets how many failing zones a group prints (20).  Under valgrind the
 * default count is 500 (some 45 s; 10,000 take some 15 minutes there).
 */

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "lint/lint.h"
#include "lint/read.h"
#include "tests/unit/mailzone.h"
#include "tests/unit/unit.h"

#define FIXTURES "fixtures/lint"
#define DEFAULT_COUNT 10000
#define VALGRIND_COUNT 500 /* some 45 s under memcheck */
#define DEFAULT_SEED 0x7a6f6e6500000000ull
#define SHOW_MAX 20   /* failing zones printed per group (ZL_FIXPROP_SHOW) */
#define WRITE_MAX 20  /* failing zones written per group */
#define DETAIL_MAX 240

/* ---- the properties ----------------------------------------------------- */

enum prop {
	P_FIXED,
	P_SCRIPT,
	P_NO_MAIL,
	P_SECOND,
	P_OWNERS,
	P_QUIET_FIX,
	P_DETECT,
	P_CLEAN,
	P_KEEP,
	P_SPF_AUTH,
	P_SPF_KEEP,
	P_GEN,
	P__COUNT
};

static const struct {
	const char *id;
	const char *text;
} props[P__COUNT] = {
	[P_FIXED] = { "fixed", "zonelint reads the zone and writes a fix" },
	[P_SCRIPT] = { "script", "the fix holds only zone, update add, "
	    "update delete (with data) and send lines" },
	[P_NO_MAIL] = { "no-mail-after", "no finding the fix mends (mail-*; "
	    "spf-multiple, dmarc-misplaced at the apex) after the fix" },
	[P_SECOND] = { "second-fix-empty", "a second fix is empty" },
	[P_OWNERS] = { "others-unchanged", "records at owners no finding "
	    "named are unchanged" },
	[P_QUIET_FIX] = { "quiet-fix-empty", "a zone without a finding the "
	    "fix mends gets an empty fix" },
	[P_DETECT] = { "defect-reported", "a zone with a planted defect has "
	    "a finding the fix mends" },
	[P_CLEAN] = { "clean-quiet", "a zone without planted defect has no "
	    "finding the fix mends" },
	[P_KEEP] = { "unrelated-kept", "the unrelated records are unchanged "
	    "(TTL included)" },
	[P_SPF_AUTH] = { "spf-authorises", "after the fix one SPF record "
	    "authorises the provider (RFC 7208 order)" },
	[P_SPF_KEEP] = { "spf-senders-kept", "the fix keeps the other "
	    "senders' SPF terms" },
	[P_GEN] = { "generator", "generator: profile, unrelated records and "
	    "SPF oracle agree before the fix" },
};

/* One zone's results. */
struct zres {
	bool applies[P__COUNT];
	bool failed[P__COUNT];
	char detail[P__COUNT][DETAIL_MAX];
};

__attribute__((format(printf, 3, 4))) static void
zfail(struct zres *z, enum prop p, const char *fmt, ...)
{
	va_list ap;

	z->applies[p] = true;
	if (z->failed[p]) {
		return; /* the first reason is enough */
	}
	z->failed[p] = true;
	va_start(ap, fmt);
	vsnprintf(z->detail[p], sizeof(z->detail[p]), fmt, ap);
	va_end(ap);
}

static void
zcheck(struct zres *z, enum prop p)
{
	z->applies[p] = true;
}

/* Counts of one group of zones. */
struct group {
	const char *name;
	unsigned zones;
	unsigned skipped;
	unsigned checked[P__COUNT];
	unsigned failed[P__COUNT];
	unsigned failing;   /* zones with a failed property */
	unsigned shown;
	unsigned written;
};

/* Failures by planter (generated zones): every zone it is in, and those
 * where it is alone in a zone of the built-in profile. */
struct pstat {
	unsigned zones;
	unsigned alone;
	unsigned fail[P__COUNT];
	unsigned fail_alone[P__COUNT];
};

/* Rows of the table past the planters: zones with none planted, and
 * zones of generated profiles. */
enum {
	ROW_NONE = MZ_PLANTERS,
	ROW_GEN_CIDR,   /* an SPF record with CIDR lengths */
	ROW_GEN_NAMES,  /* more than 32 records in the plan */
	ROW_GEN_OTHER,
	ROWS
};

struct run {
	char tmp[256];       /* the scratch directory */
	char zone_path[300];
	char after_path[300];
	char faildir[256];   /* created on the first failure */
	const zg_profile_t *builtin;
	bool verbose;        /* --one: print everything */
	unsigned show_max;   /* failing zones printed per group */
	struct pstat stats[ROWS];
};

/* ---- small helpers ------------------------------------------------------ */

static bool
write_file(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "w");
	bool ok;

	if (fp == NULL) {
		return false;
	}
	ok = fwrite(text, 1, len, fp) == len;
	ok = fclose(fp) == 0 && ok;
	return ok;
}

static char *
read_text(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "r");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (fp == NULL) {
		return NULL;
	}
	for (;;) {
		size_t got;

		if (cap - n < 4096) {
			char *p = realloc(buf, cap + 65536);

			if (p == NULL) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = p;
			cap += 65536;
		}
		got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
		if (got == 0) {
			break;
		}
	}
	fclose(fp);
	buf[n] = '\0';
	if (len != NULL) {
		*len = n;
	}
	return buf;
}

/* The first line of s (at most max octets) into out, for messages. */
static void
first_line(char *out, size_t size, const char *s, size_t max)
{
	size_t n = strcspn(s, "\n");

	if (n > max) {
		n = max;
	}
	if (n >= size) {
		n = size - 1;
	}
	memcpy(out, s, n);
	out[n] = '\0';
}

/* ---- the findings, from the report's JSON -------------------------------- */

typedef struct finding {
	char rule[64];
	char *owner; /* NULL: the finding names none */
	unsigned line;
} finding_t;

struct jp {
	const char *p;
	const char *end;
};

static void
jp_ws(struct jp *j)
{
	while (j->p < j->end && strchr(" \t\r\n", *j->p) != NULL) {
		j->p++;
	}
}

static bool
jp_lit(struct jp *j, char c)
{
	jp_ws(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

/* A JSON string, decoded (\u00XX as that byte), into a new buffer. */
static char *
jp_string(struct jp *j)
{
	mz_buf_t b = { 0 };

	if (!jp_lit(j, '"')) {
		return NULL;
	}
	mz_puts(&b, "");
	while (j->p < j->end && *j->p != '"') {
		char c = *j->p++;

		if (c == '\\' && j->p < j->end) {
			c = *j->p++;
			switch (c) {
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			case 'r':
				c = '\r';
				break;
			case 'b':
				c = '\b';
				break;
			case 'f':
				c = '\f';
				break;
			case 'u':
				if (j->end - j->p >= 4) {
					char hex[5] = { 0 };

					memcpy(hex, j->p, 4);
					c = (char)strtoul(hex, NULL, 16);
					j->p += 4;
				}
				break;
			default:
				break; /* '"', '\\', '/' */
			}
		}
		mz_putn(&b, &c, 1);
	}
	if (j->p >= j->end) {
		free(b.p);
		return NULL;
	}
	j->p++;
	return mz_take(&b);
}

/* A value: a string (into *s), a number (into *num) or a literal. */
static bool
jp_value(struct jp *j, char **s, unsigned long *num)
{
	jp_ws(j);
	*s = NULL;
	*num = 0;
	if (j->p < j->end && *j->p == '"') {
		return (*s = jp_string(j)) != NULL;
	}
	if (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
		char *e;

		*num = strtoul(j->p, &e, 10);
		j->p = e;
		return true;
	}
	while (j->p < j->end && *j->p >= 'a' && *j->p <= 'z') {
		j->p++; /* null, true, false */
	}
	return true;
}

static void
findings_free(finding_t *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(f[i].owner);
	}
	free(f);
}

/* The findings of a report printed as JSON; false when it does not parse. */
static bool
parse_findings(const char *json, size_t len, finding_t **out, size_t *count)
{
	struct jp j = { json, json + len };
	const char *f = strstr(json, "\"findings\"");
	finding_t *v = NULL;
	size_t n = 0;

	*out = NULL;
	*count = 0;
	if (f == NULL) {
		return false;
	}
	j.p = f + strlen("\"findings\"");
	if (!jp_lit(&j, ':') || !jp_lit(&j, '[')) {
		return false;
	}
	if (jp_lit(&j, ']')) {
		return true;
	}
	do {
		finding_t *p = realloc(v, (n + 1) * sizeof(*p));

		if (p == NULL) {
			goto bad;
		}
		v = p;
		memset(&v[n], 0, sizeof(v[n]));
		if (!jp_lit(&j, '{')) {
			n++;
			goto bad;
		}
		do {
			char *key = jp_string(&j), *s;
			unsigned long num;

			if (key == NULL || !jp_lit(&j, ':') ||
			    !jp_value(&j, &s, &num)) {
				free(key);
				n++;
				goto bad;
			}
			if (strcmp(key, "rule") == 0 && s != NULL) {
				snprintf(v[n].rule, sizeof(v[n].rule), "%s", s);
			} else if (strcmp(key, "owner") == 0) {
				free(v[n].owner);
				v[n].owner = s;
				s = NULL;
			} else if (strcmp(key, "line") == 0) {
				v[n].line = (unsigned)num;
			}
			free(key);
			free(s);
		} while (jp_lit(&j, ','));
		n++;
		if (!jp_lit(&j, '}')) {
			goto bad;
		}
	} while (jp_lit(&j, ','));
	*out = v;
	*count = n;
	return jp_lit(&j, ']');
bad:
	/* v[0 .. n) are set (the last one perhaps in part). */
	findings_free(v, n);
	return false;
}

/* ---- records: canonical keys, lists ------------------------------------- */

/* One record; key = owner (canonical wire) | type | class | rdata
 * (canonical wire, names uncompressed). */
typedef struct frr {
	ldns_rr *rr;   /* canonical (ldns_rr2canonical), owned */
	uint8_t *key;
	size_t key_len;
	size_t owner_len;
	uint16_t type;
	uint32_t ttl;
} frr_t;

typedef struct rrlist {
	frr_t *v;
	size_t n;
	size_t cap;
	bool nomem;
} rrlist_t;

static uint8_t *wire_buf;
static size_t wire_cap;

/* Make `out` of `rr` (taken: freed on failure). */
static bool
frr_make(ldns_rr *rr, frr_t *out)
{
	const ldns_rdf *o;
	size_t rlen, olen;
	uint16_t tc[2];

	memset(out, 0, sizeof(*out));
	ldns_rr2canonical(rr);
	o = ldns_rr_owner(rr);
	if (o == NULL || !zl_rr_rdata_wire(rr, &wire_buf, &wire_cap, &rlen)) {
		ldns_rr_free(rr);
		return false;
	}
	olen = ldns_rdf_size(o);
	out->key = malloc(olen + sizeof(tc) + rlen + 1);
	if (out->key == NULL) {
		ldns_rr_free(rr);
		return false;
	}
	tc[0] = (uint16_t)ldns_rr_get_type(rr);
	tc[1] = (uint16_t)ldns_rr_get_class(rr);
	memcpy(out->key, ldns_rdf_data(o), olen);
	memcpy(out->key + olen, tc, sizeof(tc));
	if (rlen > 0) {
		memcpy(out->key + olen + sizeof(tc), wire_buf, rlen);
	}
	out->key_len = olen + sizeof(tc) + rlen;
	out->owner_len = olen;
	out->type = tc[0];
	out->ttl = ldns_rr_ttl(rr);
	out->rr = rr;
	return true;
}

static void
frr_free(frr_t *r)
{
	ldns_rr_free(r->rr);
	free(r->key);
}

static bool
same_key(const frr_t *a, const frr_t *b)
{
	return a->key_len == b->key_len &&
	    memcmp(a->key, b->key, a->key_len) == 0;
}

/* The record has this owner (canonical wire). */
static bool
owner_is(const frr_t *r, const uint8_t *owner, size_t len)
{
	return r->owner_len == len && memcmp(r->key, owner, len) == 0;
}

static int
rl_find(const rrlist_t *l, const frr_t *r)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (same_key(&l->v[i], r)) {
			return (int)i;
		}
	}
	return -1;
}

/* Add `r` (taken); an equal record already there wins (servers merge
 * duplicates). */
static void
rl_add(rrlist_t *l, frr_t *r)
{
	if (rl_find(l, r) >= 0) {
		frr_free(r);
		return;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		frr_t *p = realloc(l->v, cap * sizeof(*p));

		if (p == NULL) {
			frr_free(r);
			l->nomem = true;
			return;
		}
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n++] = *r;
}

static void
rl_remove(rrlist_t *l, size_t i)
{
	frr_free(&l->v[i]);
	memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(l->v[0]));
	l->n--;
}

static void
rl_free(rrlist_t *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		frr_free(&l->v[i]);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static bool
rl_copy(rrlist_t *dst, const rrlist_t *src)
{
	size_t i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n; i++) {
		ldns_rr *c = ldns_rr_clone(src->v[i].rr);
		frr_t r;

		if (c == NULL || !frr_make(c, &r)) {
			dst->nomem = true;
			return false;
		}
		r.ttl = src->v[i].ttl;
		ldns_rr_set_ttl(r.rr, r.ttl);
		rl_add(dst, &r);
	}
	return !dst->nomem;
}

/* A record as one line (ldns's presentation, canonical), malloc'd. */
static char *
rr_line(const frr_t *r)
{
	char *s;
	size_t n;

	ldns_rr_set_ttl(r->rr, r->ttl);
	s = ldns_rr2str(r->rr);
	if (s != NULL && (n = strlen(s)) > 0 && s[n - 1] == '\n') {
		s[n - 1] = '\0';
	}
	return s;
}

/* ---- reading a zone with zonelint's reader ------------------------------ */

struct readctx {
	rrlist_t *l;
	ldns_rdf *origin; /* canonical, or NULL */
	unsigned problems;
	char problem[160];
};

static void
rd_begin(void *ctx, const ldns_rdf *origin, const char *source)
{
	struct readctx *c = ctx;

	(void)source;
	if (origin != NULL && (c->origin = ldns_rdf_clone(origin)) != NULL) {
		ldns_dname2canonical(c->origin);
	}
}

static void
rd_record(void *ctx, const zl_record_t *rec)
{
	struct readctx *c = ctx;
	ldns_rr *rr = zl_record_take_rr(rec);
	frr_t r;

	if (rr == NULL || !frr_make(rr, &r)) {
		c->l->nomem = true;
		return;
	}
	rl_add(c->l, &r);
}

static void
rd_problem(void *ctx, const char *file, unsigned line, const char *rule_id,
    const char *message)
{
	struct readctx *c = ctx;

	if (strcmp(rule_id, "default-ttl-missing") == 0 ||
	    strcmp(rule_id, "out-of-zone") == 0 ||
	    strcmp(rule_id, "ttl-too-large") == 0) {
		return; /* records that read (read.h), as zone.c takes them */
	}
	if (c->problems++ == 0) {
		snprintf(c->problem, sizeof(c->problem), "%s:%u: %s [%s]",
		    file, line, message, rule_id);
	}
}

/* Read `path` into `l`; the origin into *origin (caller frees). */
static bool
read_zone(const char *path, const char *origin_opt, rrlist_t *l,
    ldns_rdf **origin, char *err, size_t errlen)
{
	static const zl_read_callbacks_t cb = {
		.begin = rd_begin,
		.record = rd_record,
		.problem = rd_problem,
	};
	zl_read_options_t opts = { 0 };
	struct readctx c = { 0 };

	memset(l, 0, sizeof(*l));
	c.l = l;
	opts.origin = origin_opt;
	if (zl_read_file(path, &opts, &cb, &c, err, errlen) != 0) {
		ldns_rdf_deep_free(c.origin);
		return false;
	}
	if (c.problems > 0 || c.origin == NULL || l->nomem) {
		snprintf(err, errlen, "%s", c.problems ? c.problem :
		    c.origin == NULL ? "no origin" : "out of memory");
		ldns_rdf_deep_free(c.origin);
		return false;
	}
	*origin = c.origin;
	return true;
}

/* ---- applying an nsupdate script as BIND does --------------------------- */

/* Types that may stand beside a CNAME (BIND: dns_rdatatype_atcname). */
static bool
at_cname(uint16_t t)
{
	return t == LDNS_RR_TYPE_RRSIG || t == LDNS_RR_TYPE_NSEC ||
	    t == LDNS_RR_TYPE_SIG || t == LDNS_RR_TYPE_NXT ||
	    t == LDNS_RR_TYPE_KEY;
}

/* The RRset of r (owner, type, class) gets r's TTL. */
static void
retime(rrlist_t *l, const frr_t *r)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		frr_t *x = &l->v[i];

		if (x->type == r->type && owner_is(x, r->key, r->owner_len) &&
		    memcmp(x->key + x->owner_len, r->key + r->owner_len, 4) ==
			0) {
			x->ttl = r->ttl;
			ldns_rr_set_ttl(x->rr, r->ttl);
		}
	}
}

/*
 * RFC 2136 3.4.2.2 and BIND: a CNAME added where other data is, or other
 * data added where a CNAME is, is ignored (DNSSEC types aside); a CNAME
 * added where a CNAME is replaces it; a record already there keeps its
 * place; every add sets its RRset's TTL.  Takes r.
 */
static void
update_add(rrlist_t *l, frr_t *r)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const frr_t *x = &l->v[i];

		if (!owner_is(x, r->key, r->owner_len)) {
			continue;
		}
		if ((r->type == LDNS_RR_TYPE_CNAME &&
			x->type != LDNS_RR_TYPE_CNAME && !at_cname(x->type)) ||
		    (r->type != LDNS_RR_TYPE_CNAME && !at_cname(r->type) &&
			x->type == LDNS_RR_TYPE_CNAME)) {
			frr_free(r);
			return;
		}
	}
	if (r->type == LDNS_RR_TYPE_CNAME) {
		i = 0;
		while (i < l->n) {
			if (l->v[i].type == LDNS_RR_TYPE_CNAME &&
			    owner_is(&l->v[i], r->key, r->owner_len) &&
			    !same_key(&l->v[i], r)) {
				rl_remove(l, i);
			} else {
				i++;
			}
		}
	}
	retime(l, r);
	rl_add(l, r);
}

/* Delete every record equal to r (canonical); BIND ignores deleting the
 * SOA and the apex's last NS.  Takes r. */
static void
update_delete(rrlist_t *l, frr_t *r, const ldns_rdf *origin)
{
	bool apex = owner_is(r, ldns_rdf_data(origin), ldns_rdf_size(origin));
	size_t i, ns = 0;

	if (apex && r->type == LDNS_RR_TYPE_SOA) {
		frr_free(r);
		return;
	}
	for (i = 0; apex && i < l->n; i++) {
		ns += l->v[i].type == LDNS_RR_TYPE_NS &&
		    owner_is(&l->v[i], r->key, r->owner_len);
	}
	i = 0;
	while (i < l->n) {
		if (same_key(&l->v[i], r) &&
		    !(apex && r->type == LDNS_RR_TYPE_NS && ns <= 1)) {
			ns -= r->type == LDNS_RR_TYPE_NS;
			rl_remove(l, i);
		} else {
			i++;
		}
	}
	frr_free(r);
}

/* The next blank-separated word of *s into w; false at the end. */
static bool
next_word(const char **s, char *w, size_t size)
{
	const char *p = *s;
	size_t n;

	while (*p == ' ' || *p == '\t') {
		p++;
	}
	n = strcspn(p, " \t");
	if (n == 0 || n >= size) {
		*s = p;
		return false;
	}
	memcpy(w, p, n);
	w[n] = '\0';
	*s = p + n;
	return true;
}

/* One "update add|delete ..." line: the record it names, or NULL. */
static bool
update_record(const char *rest, bool add, const ldns_rdf *origin,
    frr_t *out, char *err, size_t errlen)
{
	char owner[1100], ttl[16] = "0", cls[8], type[24];
	const char *p = rest;
	mz_buf_t text = { 0 };
	ldns_rr *rr = NULL;
	ldns_status s;

	if (!next_word(&p, owner, sizeof(owner)) ||
	    (add && !next_word(&p, ttl, sizeof(ttl))) ||
	    !next_word(&p, cls, sizeof(cls)) ||
	    !next_word(&p, type, sizeof(type))) {
		snprintf(err, errlen, "not 'OWNER%s IN TYPE DATA'",
		    add ? " TTL" : "");
		return false;
	}
	while (*p == ' ' || *p == '\t') {
		p++;
	}
	if (*p == '\0') {
		snprintf(err, errlen, "no data: the delete of a whole RRset");
		return false;
	}
	if (strcmp(cls, "IN") != 0 || strspn(ttl, "0123456789") !=
	    strlen(ttl) || owner[strlen(owner) - 1] != '.' ||
	    ldns_get_rr_type_by_name(type) == 0) {
		snprintf(err, errlen, "owner not absolute, TTL, class or type "
		    "wrong");
		return false;
	}
	mz_putf(&text, "%s %s IN %s %s", owner, ttl, type, p);
	if (text.nomem) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	s = ldns_rr_new_frm_str(&rr, text.p, 0, NULL, NULL);
	free(text.p);
	if (s != LDNS_STATUS_OK) {
		snprintf(err, errlen, "ldns cannot read the record: %s",
		    ldns_get_errorstr_by_id(s));
		return false;
	}
	if (!frr_make(rr, out)) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	if (ldns_dname_compare(ldns_rr_owner(out->rr), origin) != 0 &&
	    !ldns_dname_is_subdomain(ldns_rr_owner(out->rr), origin)) {
		frr_free(out);
		snprintf(err, errlen, "owner outside the zone");
		return false;
	}
	if (add && out->type == LDNS_RR_TYPE_SOA) {
		frr_free(out);
		snprintf(err, errlen, "an SOA in a fix");
		return false;
	}
	return true;
}

/*
 * Apply `script` to `l` as BIND applies one update message.  False, with
 * the line in err, at a line that is not ';' comment, blank, "zone
 * ORIGIN", "send", "update add OWNER TTL IN TYPE DATA" or "update delete
 * OWNER IN TYPE DATA".  *updates counts the update lines.
 */
static bool
apply_script(rrlist_t *l, const ldns_rdf *origin, const char *script,
    unsigned *updates, char *err, size_t errlen)
{
	const char *line = script;
	unsigned lineno = 0;

	*updates = 0;
	while (*line != '\0') {
		size_t n = strcspn(line, "\n");
		char *buf = malloc(n + 1), word[16], why[160];
		const char *p = buf;
		frr_t r;

		lineno++;
		if (buf == NULL) {
			snprintf(err, errlen, "out of memory");
			return false;
		}
		memcpy(buf, line, n);
		buf[n] = '\0';
		line += n + (line[n] == '\n');
		while (*p == ' ' || *p == '\t') {
			p++;
		}
		if (*p == '\0' || *p == ';') {
			free(buf);
			continue;
		}
		why[0] = '\0';
		if (!next_word(&p, word, sizeof(word))) {
			snprintf(why, sizeof(why), "unknown command");
		} else if (strcmp(word, "send") == 0) {
			if (next_word(&p, word, sizeof(word))) {
				snprintf(why, sizeof(why), "junk after send");
			}
		} else if (strcmp(word, "zone") == 0) {
			char name[1100];
			ldns_rdf *z = NULL;

			if (!next_word(&p, name, sizeof(name)) ||
			    ldns_str2rdf_dname(&z, name) != LDNS_STATUS_OK) {
				snprintf(why, sizeof(why), "zone without name");
			} else {
				ldns_dname2canonical(z);
				if (ldns_dname_compare(z, origin) != 0) {
					snprintf(why, sizeof(why), "another "
					    "zone");
				}
			}
			ldns_rdf_deep_free(z);
		} else if (strcmp(word, "update") == 0 &&
		    next_word(&p, word, sizeof(word)) &&
		    (strcmp(word, "add") == 0 ||
			strcmp(word, "delete") == 0)) {
			bool add = strcmp(word, "add") == 0;

			(*updates)++;
			if (update_record(p, add, origin, &r, why,
			    sizeof(why))) {
				if (add) {
					update_add(l, &r);
				} else {
					update_delete(l, &r, origin);
				}
			}
		} else {
			snprintf(why, sizeof(why), "not a form of a fix");
		}
		if (why[0] != '\0') {
			char shown[100];

			first_line(shown, sizeof(shown), buf, 90);
			snprintf(err, errlen, "line %u '%s': %s", lineno, shown,
			    why);
			free(buf);
			return false;
		}
		free(buf);
		if (l->nomem) {
			snprintf(err, errlen, "out of memory");
			return false;
		}
	}
	return true;
}

/* The script has an update line. */
static bool
has_update(const char *script)
{
	const char *p = script;

	while (p != NULL && *p != '\0') {
		p += strspn(p, " \t");
		if (strncmp(p, "update", 6) == 0) {
			return true;
		}
		p = strchr(p, '\n');
		p = p != NULL ? p + 1 : NULL;
	}
	return false;
}

/* Write the records as a zone file (absolute names). */
static bool
write_zone(const char *path, const rrlist_t *l, const ldns_rdf *origin)
{
	FILE *fp = fopen(path, "w");
	char *o = ldns_rdf2str(origin);
	size_t i;
	bool ok = fp != NULL && o != NULL;

	if (ok) {
		fprintf(fp, "$ORIGIN %s\n", o);
	}
	for (i = 0; ok && i < l->n; i++) {
		char *s = rr_line(&l->v[i]);

		ok = s != NULL;
		if (ok) {
			fprintf(fp, "%s\n", s);
		}
		free(s);
	}
	free(o);
	if (fp != NULL) {
		ok = fclose(fp) == 0 && ok;
	}
	return ok;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The records, canonical and sorted, one a line, the SOA left out (named
 * changes its serial). */
static bool
print_canon(FILE *fp, const rrlist_t *l)
{
	char **lines = calloc(l->n + 1, sizeof(*lines));
	size_t i, n = 0;
	bool ok = lines != NULL;

	for (i = 0; ok && i < l->n; i++) {
		if (l->v[i].type != LDNS_RR_TYPE_SOA) {
			ok = (lines[n++] = rr_line(&l->v[i])) != NULL;
		}
	}
	if (ok) {
		qsort(lines, n, sizeof(*lines), cmp_str);
		for (i = 0; i < n; i++) {
			fprintf(fp, "%s\n", lines[i]);
		}
	}
	for (i = 0; lines != NULL && i < n; i++) {
		free(lines[i]);
	}
	free(lines);
	return ok;
}

/* ---- linting in-process ------------------------------------------------- */

typedef struct lint_out {
	zg_status_t st;
	char err[512];
	char *script;
	size_t script_len;
	char *json;
	size_t json_len;
	finding_t *f;
	size_t nf;
	bool parsed;
	bool mail;     /* a finding the fix mends */
	bool has_apex; /* the fix names an origin and a profile */
	char apex[1100];
	bool updates;  /* the fix has an update line */
} lint_out_t;

/* A finding the fix mends: mail-*; with a profile, spf-multiple and
 * dmarc-misplaced at the apex (`apex`: the origin the fix's first line
 * gives, or NULL). */
static bool
mends(const char *rule, const char *owner, const char *apex)
{
	if (strncmp(rule, "mail-", 5) == 0) {
		return true;
	}
	return apex != NULL && owner != NULL &&
	    strcasecmp(owner, apex) == 0 &&
	    (strcmp(rule, "spf-multiple") == 0 ||
		strcmp(rule, "dmarc-misplaced") == 0);
}

/* The origin of the fix's first line, "(origin X, profile P)", when there
 * is a profile; into out, or false. */
static bool
fix_apex(const char *script, char *out, size_t size)
{
	const char *p = script != NULL ? strstr(script, "(origin ") : NULL;
	const char *e;

	if (p == NULL || (e = strstr(p, ", profile ")) == NULL ||
	    strncmp(e, ", profile none)", 15) == 0 ||
	    (size_t)(e - p - 8) >= size) {
		return false;
	}
	memcpy(out, p + 8, (size_t)(e - p - 8));
	out[e - p - 8] = '\0';
	return true;
}

static void
lint_run(const char *path, const zg_profile_t *profile, const char *origin,
    lint_out_t *o)
{
	zl_options_t opt;
	zl_report_t *r;
	FILE *fix, *js;
	size_t i;

	memset(o, 0, sizeof(*o));
	memset(&opt, 0, sizeof(opt));
	opt.profile = profile;
	opt.dmarc_rfc = ZG_DMARC_RFC7489;
	opt.origin = origin;
	opt.fix = ZL_FIX_NSUPDATE;
	fix = open_memstream(&o->script, &o->script_len);
	r = zl_report_new();
	if (fix == NULL || r == NULL) {
		o->st = ZG_ERR_NOMEM;
		snprintf(o->err, sizeof(o->err), "out of memory");
		if (fix != NULL) {
			fclose(fix);
		}
		zl_report_free(r);
		return;
	}
	opt.fix_out = fix;
	zl_report_set_options(r, NULL);
	o->st = zl_lint_file(path, &opt, r, o->err, sizeof(o->err));
	fclose(fix);
	if ((js = open_memstream(&o->json, &o->json_len)) != NULL) {
		zl_report_print(r, ZL_FORMAT_JSON, js);
		fclose(js);
	}
	zl_report_free(r);
	o->parsed = o->json != NULL &&
	    parse_findings(o->json, o->json_len, &o->f, &o->nf);
	o->has_apex = fix_apex(o->script, o->apex, sizeof(o->apex));
	for (i = 0; i < o->nf; i++) {
		o->mail |= mends(o->f[i].rule, o->f[i].owner,
		    o->has_apex ? o->apex : NULL);
	}
	o->updates = o->script != NULL && has_update(o->script);
}

static void
lint_free(lint_out_t *o)
{
	free(o->script);
	free(o->json);
	findings_free(o->f, o->nf);
	memset(o, 0, sizeof(*o));
}

/* The findings the fix mends, "rule at owner", into out. */
static void
mail_findings(const lint_out_t *o, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < o->nf && len + 1 < size; i++) {
		int n;

		if (!mends(o->f[i].rule, o->f[i].owner,
		    o->has_apex ? o->apex : NULL)) {
			continue;
		}
		n = snprintf(out + len, size - len, "%s%s at %s", len ? ", " :
		    "", o->f[i].rule, o->f[i].owner ? o->f[i].owner : "-");
		len += n > 0 ? (size_t)n : 0;
	}
}

/* All rule ids, "a, b", into out. */
static void
all_rules(const lint_out_t *o, char *out, size_t size)
{
	size_t i, len = 0;

	snprintf(out, size, "none");
	for (i = 0; i < o->nf && len + 1 < size; i++) {
		int n = snprintf(out + len, size - len, "%s%s", len ? ", " : "",
		    o->f[i].rule);

		len += n > 0 ? (size_t)n : 0;
	}
}

/* The first update line of a script, into out. */
static void
first_update(const char *script, char *out, size_t size)
{
	const char *p = strstr(script, "\nupdate ");

	first_line(out, size, p != NULL ? p + 1 : script, 120);
}

/* ---- the records at owners no finding named ----------------------------- */

/* The owners the findings name, canonical. */
static ldns_rdf **
named_owners(const lint_out_t *o, size_t *count)
{
	ldns_rdf **v = calloc(2 * o->nf + 1, sizeof(*v));
	size_t i;

	*count = 0;
	for (i = 0; v != NULL && i < o->nf; i++) {
		ldns_rdf *d = NULL;
		char belongs[1100];

		if (o->f[i].owner == NULL ||
		    ldns_str2rdf_dname(&d, o->f[i].owner) != LDNS_STATUS_OK) {
			continue;
		}
		ldns_dname2canonical(d);
		v[(*count)++] = d;
		/* "it belongs at _dmarc.D": that name too. */
		d = NULL;
		if (strcmp(o->f[i].rule, "dmarc-misplaced") == 0 &&
		    (size_t)snprintf(belongs, sizeof(belongs), "_dmarc.%s",
			o->f[i].owner) < sizeof(belongs) &&
		    ldns_str2rdf_dname(&d, belongs) == LDNS_STATUS_OK) {
			ldns_dname2canonical(d);
			v[(*count)++] = d;
		}
	}
	return v;
}

static void
owners_free(ldns_rdf **v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++) {
		ldns_rdf_deep_free(v[i]);
	}
	free(v);
}

static bool
is_named(const frr_t *r, ldns_rdf *const *named, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (owner_is(r, ldns_rdf_data(named[i]),
		    ldns_rdf_size(named[i]))) {
			return true;
		}
	}
	return false;
}

/* Records of a at owners not named are in b with their TTL, and back. */
static bool
same_unnamed(const rrlist_t *a, const rrlist_t *b, ldns_rdf *const *named,
    size_t n, char *detail, size_t size)
{
	size_t i;
	int j;

	for (i = 0; i < a->n; i++) {
		const char *what = NULL;

		if (is_named(&a->v[i], named, n)) {
			continue;
		}
		j = rl_find(b, &a->v[i]);
		if (j < 0) {
			what = "lost";
		} else if (b->v[j].ttl != a->v[i].ttl) {
			what = "TTL changed";
		}
		if (what != NULL) {
			char *s = rr_line(&a->v[i]);

			snprintf(detail, size, "%s: %s", what, s ? s : "?");
			free(s);
			return false;
		}
	}
	for (i = 0; i < b->n; i++) {
		if (!is_named(&b->v[i], named, n) && rl_find(a, &b->v[i]) < 0) {
			char *s = rr_line(&b->v[i]);

			snprintf(detail, size, "added: %s", s ? s : "?");
			free(s);
			return false;
		}
	}
	return true;
}

/* ---- an SPF oracle (RFC 7208 evaluation order) -------------------------- */

/* TXT strings joined (RFC 7208 3.3), malloc'd. */
static char *
txt_join(const ldns_rr *rr, size_t *len)
{
	mz_buf_t b = { 0 };
	size_t i;

	mz_puts(&b, "");
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *d = ldns_rr_rdf(rr, i);
		const uint8_t *p = ldns_rdf_data(d);

		if (ldns_rdf_size(d) > 0) {
			mz_putn(&b, (const char *)p + 1, ldns_rdf_size(d) - 1);
		}
	}
	*len = b.len;
	return mz_take(&b);
}

/* The SPF records at `owner`: their count, and the texts (caller frees). */
static size_t
spf_records(const rrlist_t *l, const uint8_t *owner, size_t olen,
    char **texts, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < l->n; i++) {
		size_t len;
		char *t;

		if (l->v[i].type != LDNS_RR_TYPE_TXT ||
		    !owner_is(&l->v[i], owner, olen)) {
			continue;
		}
		if ((t = txt_join(l->v[i].rr, &len)) == NULL) {
			continue;
		}
		if (zg_spf_is_record(t, len) && n < max) {
			texts[n++] = t;
		} else {
			free(t);
		}
	}
	return n;
}

enum spf_result { SPF_PASS, SPF_NOMATCH, SPF_FAIL, SPF_ERROR };

/* Term t is mechanism m, whatever the qualifiers. */
static bool
same_mech(const zg_spf_term_t *t, const zg_spf_term_t *m)
{
	if (t->kind != m->kind || t->cidr4 != m->cidr4 ||
	    t->cidr6 != m->cidr6) {
		return false;
	}
	if (t->value == NULL || m->value == NULL) {
		return t->value == m->value;
	}
	return strcasecmp(t->value, m->value) == 0;
}

/* A term as written ("~include:x", "ip4:192.0.2.0/24"), into out. */
static void
term_str(const zg_spf_term_t *t, char *out, size_t size)
{
	char q[2] = { t->qualifier_given ? t->qualifier : '\0', '\0' };
	char c4[16] = "", c6[16] = "";

	if (t->cidr4 >= 0) {
		snprintf(c4, sizeof(c4), "/%d", t->cidr4);
	}
	if (t->cidr6 >= 0) {
		snprintf(c6, sizeof(c6), "//%d", t->cidr6);
	}
	snprintf(out, size, "%s%s%s%s%s%s", q, t->name, t->value ?
	    (t->kind >= ZG_SPF_REDIRECT ? "=" : ":") : "",
	    t->value ? t->value : "", c4, c6);
}

/* An include:/redirect= target inside the zone, canonical; else NULL. */
static ldns_rdf *
in_zone_target(const char *value, const ldns_rdf *origin)
{
	char name[300];
	ldns_rdf *d = NULL;
	size_t n = value != NULL ? strlen(value) : 0;

	if (n == 0 || n + 2 > sizeof(name) || strchr(value, '%') != NULL) {
		return NULL;
	}
	snprintf(name, sizeof(name), "%s%s", value,
	    value[n - 1] == '.' ? "" : ".");
	if (ldns_str2rdf_dname(&d, name) != LDNS_STATUS_OK) {
		return NULL;
	}
	ldns_dname2canonical(d);
	if (ldns_dname_compare(d, origin) != 0 &&
	    !ldns_dname_is_subdomain(d, origin)) {
		ldns_rdf_deep_free(d);
		return NULL;
	}
	return d;
}

/*
 * How the SPF policy at `owner` treats a host that only mechanism m
 * matches: left to right, the first term that matches decides (its
 * qualifier); "all" ends it; include: of a name of the zone matches when
 * that policy passes; redirect= applies when nothing matched.  Mechanisms
 * other than m and includes outside the zone are taken not to match.
 */
static enum spf_result
spf_eval(const rrlist_t *l, const ldns_rdf *origin, const uint8_t *owner,
    size_t olen, const zg_spf_term_t *m, unsigned depth, char *why,
    size_t size)
{
	zg_problems_t problems = { 0 };
	zg_spf_t *spf = NULL;
	char *texts[4];
	size_t n = spf_records(l, owner, olen, texts, 4), i;
	enum spf_result res = SPF_NOMATCH;
	const char *redirect = NULL;
	bool done = false;

	if (n != 1 || depth > 10) {
		snprintf(why, size, "%zu SPF records", n);
		while (n > 0) {
			free(texts[--n]);
		}
		return SPF_ERROR; /* none, or several: permerror */
	}
	if (zg_spf_parse(texts[0], strlen(texts[0]), &spf, &problems) !=
	    ZG_OK || zg_problems_invalid(&problems)) {
		free(texts[0]);
		zg_spf_free(spf);
		zg_problems_free(&problems);
		return SPF_ERROR;
	}
	for (i = 0; i < spf->count && !done; i++) {
		const zg_spf_term_t *t = &spf->terms[i];
		enum spf_result q = t->qualifier == '+' ? SPF_PASS : SPF_FAIL;
		ldns_rdf *target;

		if (t->kind == ZG_SPF_REDIRECT) {
			redirect = redirect ? redirect : t->value;
		} else if (t->kind == ZG_SPF_ALL || same_mech(t, m)) {
			res = q;
			done = true;
			term_str(t, why, size);
		} else if (t->kind >= ZG_SPF_REDIRECT) {
			continue;
		} else if (t->kind == ZG_SPF_INCLUDE &&
		    (target = in_zone_target(t->value, origin)) != NULL) {
			enum spf_result in = spf_eval(l, origin,
			    ldns_rdf_data(target), ldns_rdf_size(target), m,
			    depth + 1, why, size);

			ldns_rdf_deep_free(target);
			if (in == SPF_PASS || in == SPF_ERROR) {
				res = in == SPF_PASS ? q : SPF_ERROR;
				done = true;
				term_str(t, why, size);
			}
		}
	}
	if (!done && redirect != NULL) {
		ldns_rdf *target = in_zone_target(redirect, origin);

		if (target != NULL) {
			res = spf_eval(l, origin, ldns_rdf_data(target),
			    ldns_rdf_size(target), m, depth + 1, why, size);
			ldns_rdf_deep_free(target);
		}
	}
	free(texts[0]);
	zg_spf_free(spf);
	zg_problems_free(&problems);
	return res;
}

/* The profile's SPF record, parsed; NULL without one. */
static zg_spf_t *
profile_spf(const zg_profile_t *p)
{
	zg_problems_t problems = { 0 };
	zg_spf_t *spf = NULL;

	if (p == NULL || p->spf == NULL ||
	    zg_spf_parse(p->spf, strlen(p->spf), &spf, &problems) != ZG_OK) {
		spf = NULL;
	}
	zg_problems_free(&problems);
	return spf;
}

/* A mechanism of the provider that names its hosts (RFC 7208 5.5: not
 * ptr), with a pass qualifier. */
static bool
provider_mech(const zg_spf_term_t *t)
{
	return t->kind != ZG_SPF_ALL && t->kind != ZG_SPF_PTR &&
	    t->kind < ZG_SPF_REDIRECT && t->qualifier == '+';
}

/* Every provider mechanism passes at the apex. */
static bool
spf_authorised(const rrlist_t *l, const ldns_rdf *origin,
    const zg_spf_t *want, char *detail, size_t size)
{
	static const char *const names[] = { "passes", "matches no term",
		"decided by", "permerror:" };
	size_t i;

	for (i = 0; i < want->count; i++) {
		const zg_spf_term_t *t = &want->terms[i];
		char term[300], why[300] = "";
		enum spf_result r;

		if (!provider_mech(t)) {
			continue;
		}
		r = spf_eval(l, origin, ldns_rdf_data(origin),
		    ldns_rdf_size(origin), t, 0, why, sizeof(why));
		if (r != SPF_PASS) {
			term_str(t, term, sizeof(term));
			snprintf(detail, size, "%.100s %s %.100s", term,
			    names[r], why);
			return false;
		}
	}
	return true;
}

static bool
has_provider_mech(const zg_spf_t *want)
{
	size_t i;

	for (i = 0; want != NULL && i < want->count; i++) {
		if (provider_mech(&want->terms[i])) {
			return true;
		}
	}
	return false;
}

/* The terms of the apex's SPF records in effect: before "all" (modifiers
 * anywhere).  Calls fn for each; stops when it returns false. */
static bool
each_effective(const rrlist_t *l, const ldns_rdf *origin,
    bool (*fn)(const zg_spf_term_t *, void *), void *ctx)
{
	char *texts[8];
	size_t n = spf_records(l, ldns_rdf_data(origin), ldns_rdf_size(origin),
	    texts, 8), i, k;
	bool go = true;

	for (k = 0; k < n; k++) {
		zg_problems_t problems = { 0 };
		zg_spf_t *spf = NULL;
		bool after_all = false;

		if (go && zg_spf_parse(texts[k], strlen(texts[k]), &spf,
		    &problems) == ZG_OK) {
			for (i = 0; go && i < spf->count; i++) {
				const zg_spf_term_t *t = &spf->terms[i];

				after_all |= t->kind == ZG_SPF_ALL;
				if (t->kind == ZG_SPF_ALL ||
				    (after_all && t->kind < ZG_SPF_REDIRECT)) {
					continue;
				}
				go = fn(t, ctx);
			}
		}
		zg_spf_free(spf);
		zg_problems_free(&problems);
		free(texts[k]);
	}
	return go;
}

struct kept_ctx {
	const rrlist_t *after;
	const ldns_rdf *origin;
	const zg_spf_t *want;
	const zg_spf_term_t *look; /* the term looked for */
	bool found;
	char detail[DETAIL_MAX];
};

static bool
find_term(const zg_spf_term_t *t, void *ctx)
{
	struct kept_ctx *c = ctx;

	if (same_mech(t, c->look) && (t->kind >= ZG_SPF_REDIRECT ||
	    t->qualifier == c->look->qualifier)) {
		c->found = true;
		return false;
	}
	return true;
}

static bool
check_kept(const zg_spf_term_t *t, void *ctx)
{
	struct kept_ctx *c = ctx;
	size_t i;

	for (i = 0; c->want != NULL && i < c->want->count; i++) {
		if (same_mech(t, &c->want->terms[i])) {
			return true; /* the provider's own: may change */
		}
	}
	c->look = t;
	c->found = false;
	each_effective(c->after, c->origin, find_term, c);
	if (!c->found) {
		memcpy(c->detail, "lost ", 5);
		term_str(t, c->detail + 5, sizeof(c->detail) - 5);
		return false;
	}
	return true;
}

/* ---- one zone ----------------------------------------------------------- */

/* Where the checks of one zone come from. */
struct zcase {
	struct group *grp;
	const char *path;            /* the zone file */
	const zg_profile_t *profile; /* NULL: --profile none */
	const char *origin;          /* --origin, or NULL */
	const mz_out_t *gen;         /* generated: what was planted */
	const char *label;           /* for messages */
};

/* The loaded profile is the generator's model. */
static bool
profile_matches(const mz_profile_t *m, const zg_profile_t *p, char *detail,
    size_t size)
{
	unsigned i;

	if (p->ttl != m->ttl || p->cnames_count != m->ncname ||
	    p->mx_count != m->nmx) {
		snprintf(detail, size, "profile %s: ttl or counts differ",
		    p->name);
		return false;
	}
	for (i = 0; i < m->ncname; i++) {
		if (strcmp(p->cnames[i].label, m->label[i]) != 0 ||
		    strcmp(p->cnames[i].target, m->target[i]) != 0) {
			snprintf(detail, size, "profile %s: cname %u differs",
			    p->name, i);
			return false;
		}
	}
	for (i = 0; i < m->nmx; i++) {
		if (p->mx[i].priority != m->mx_prio[i] ||
		    strcmp(p->mx[i].host, m->mx_host[i]) != 0) {
			snprintf(detail, size, "profile %s: mx %u differs",
			    p->name, i);
			return false;
		}
	}
	if (strcmp(p->spf ? p->spf : "", m->spf) != 0 ||
	    strcmp(p->dmarc ? p->dmarc : "", m->dmarc) != 0) {
		snprintf(detail, size, "profile %s: spf or dmarc differs",
		    p->name);
		return false;
	}
	return true;
}

/* The unrelated records: in `before` as generated, and in `after`. */
static void
check_keep(const mz_out_t *gen, const rrlist_t *before,
    const rrlist_t *after, struct zres *z)
{
	size_t i;

	zcheck(z, P_KEEP);
	zcheck(z, P_GEN);
	for (i = 0; i < gen->nkeep; i++) {
		ldns_rr *rr = NULL;
		frr_t r;
		int j;

		if (ldns_rr_new_frm_str(&rr, gen->keep[i], 0, NULL, NULL) !=
		    LDNS_STATUS_OK || !frr_make(rr, &r)) {
			zfail(z, P_GEN, "cannot read '%s'", gen->keep[i]);
			continue;
		}
		j = rl_find(before, &r);
		if (j < 0 || before->v[j].ttl != r.ttl) {
			zfail(z, P_GEN, "not in the zone as read: %s",
			    gen->keep[i]);
		}
		j = rl_find(after, &r);
		if (j < 0) {
			zfail(z, P_KEEP, "lost: %s", gen->keep[i]);
		} else if (after->v[j].ttl != r.ttl) {
			zfail(z, P_KEEP, "TTL %u now: %s",
			    (unsigned)after->v[j].ttl, gen->keep[i]);
		}
		frr_free(&r);
	}
}

static void
check_spf_props(const struct zcase *zc, const rrlist_t *before,
    const rrlist_t *after, const ldns_rdf *origin, struct zres *z)
{
	zg_spf_t *want = profile_spf(zc->profile);
	struct kept_ctx kc;
	char detail[DETAIL_MAX];
	bool before_ok;

	if (zc->gen->nomail || !has_provider_mech(want)) {
		zg_spf_free(want);
		return;
	}
	/* The oracle agrees with the generator before the fix. */
	zcheck(z, P_GEN);
	before_ok = spf_authorised(before, origin, want, detail,
	    sizeof(detail));
	if (before_ok == zc->gen->spf_defect) {
		zfail(z, P_GEN, "SPF oracle before the fix: %s",
		    before_ok ? "authorised, yet an SPF defect was planted" :
		    detail);
	}
	zcheck(z, P_SPF_AUTH);
	if (!spf_authorised(after, origin, want, detail, sizeof(detail))) {
		zfail(z, P_SPF_AUTH, "%s", detail);
	}
	zcheck(z, P_SPF_KEEP);
	memset(&kc, 0, sizeof(kc));
	kc.after = after;
	kc.origin = origin;
	kc.want = want;
	if (!each_effective(before, origin, check_kept, &kc)) {
		zfail(z, P_SPF_KEEP, "%s", kc.detail);
	}
	zg_spf_free(want);
}

/* A file name for a failing zone's files in the kept directory. */
static bool
fail_path(struct run *run, const struct zcase *zc, const char *suffix,
    char *out, size_t size)
{
	const char *tmp = getenv("TMPDIR");

	if (run->faildir[0] == '\0') {
		snprintf(run->faildir, sizeof(run->faildir),
		    "%s/fixprop-fail.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (mkdtemp(run->faildir) == NULL) {
			run->faildir[0] = '\0';
			return false;
		}
	}
	if (zc->gen != NULL) {
		snprintf(out, size, "%s/%s%s", run->faildir, zc->gen->domain,
		    suffix);
	} else {
		char name[200];
		size_t i;

		snprintf(name, sizeof(name), "%s", zc->path);
		for (i = 0; name[i] != '\0'; i++) {
			name[i] = name[i] == '/' ? '_' : name[i];
		}
		snprintf(out, size, "%s/%s%s", run->faildir, name, suffix);
	}
	return true;
}

static void
write_failure(struct run *run, const struct zcase *zc, const lint_out_t *l1,
    const rrlist_t *after, const ldns_rdf *origin)
{
	char path[600];

	if (zc->gen != NULL && fail_path(run, zc, ".zone", path,
	    sizeof(path))) {
		write_file(path, zc->gen->zone, strlen(zc->gen->zone));
		if (zc->gen->yaml != NULL && fail_path(run, zc, ".yaml", path,
		    sizeof(path))) {
			write_file(path, zc->gen->yaml, strlen(zc->gen->yaml));
		}
	}
	if (l1->script != NULL && fail_path(run, zc, ".fix", path,
	    sizeof(path))) {
		write_file(path, l1->script, l1->script_len);
	}
	if (l1->json != NULL && fail_path(run, zc, ".json", path,
	    sizeof(path))) {
		write_file(path, l1->json, l1->json_len);
	}
	if (after != NULL && origin != NULL && fail_path(run, zc,
	    ".after.zone", path, sizeof(path))) {
		write_zone(path, after, origin);
	}
}

/* Count the zone's results and print its FAIL line. */
static void
record_zone(struct run *run, const struct zcase *zc, const struct zres *z,
    const lint_out_t *l1, const rrlist_t *after, const ldns_rdf *origin)
{
	struct group *g = zc->grp;
	bool any = false;
	unsigned p, i, n;

	g->zones++;
	for (p = 0; p < P__COUNT; p++) {
		g->checked[p] += z->applies[p];
		g->failed[p] += z->failed[p];
		any |= z->failed[p];
	}
	/* By planter, and the zones of generated profiles by kind. */
	n = zc->gen == NULL ? 0 : zc->gen->nplanted + 1;
	for (i = 0; i < n; i++) {
		const mz_profile_t *m = &zc->gen->profile;
		unsigned k = i < zc->gen->nplanted ? zc->gen->planted[i] :
		    m->builtin ? (unsigned)ROW_NONE : strchr(m->spf, '/') ?
		    (unsigned)ROW_GEN_CIDR : m->ncname + m->nmx +
		    (m->spf[0] != '\0') + (m->dmarc[0] != '\0') > 32 ?
		    (unsigned)ROW_GEN_NAMES : (unsigned)ROW_GEN_OTHER;
		struct pstat *s = &run->stats[k];
		bool alone = zc->gen->nplanted <= 1 && m->builtin;

		if (k == ROW_NONE && zc->gen->nplanted > 0) {
			continue;
		}

		s->zones++;
		s->alone += alone;
		for (p = 0; p < P__COUNT; p++) {
			s->fail[p] += z->failed[p];
			s->fail_alone[p] += alone && z->failed[p];
		}
	}
	if (!any) {
		return;
	}
	g->failing++;
	if (g->written < WRITE_MAX || run->verbose) {
		g->written++;
		write_failure(run, zc, l1, after, origin);
	}
	if (g->shown < run->show_max || run->verbose) {
		char names[256] = "";
		bool first = true;

		g->shown++;
		if (zc->gen != NULL) {
			mz_planted_names(zc->gen, names, sizeof(names));
			printf("FAIL fixprop/%s %s seed 0x%016llx [%s]:",
			    g->name, zc->gen->domain,
			    (unsigned long long)zc->gen->seed, names);
		} else {
			printf("FAIL fixprop/%s %s:", g->name, zc->label);
		}
		for (p = 0; p < P__COUNT; p++) {
			if (z->failed[p]) {
				printf("%s %s (%s)", first ? "" : ";",
				    props[p].id, z->detail[p]);
				first = false;
			}
		}
		putchar('\n');
	}
}

static void
check_zone(struct run *run, const struct zcase *zc)
{
	struct zres z;
	lint_out_t l1, l2;
	rrlist_t before = { 0 }, after = { 0 };
	ldns_rdf *origin = NULL, **named = NULL;
	size_t nnamed = 0;
	char err[512], detail[DETAIL_MAX], *otext = NULL;
	unsigned updates = 0;
	bool have_after = false;

	memset(&z, 0, sizeof(z));
	memset(&l2, 0, sizeof(l2));
	lint_run(zc->path, zc->profile, zc->origin, &l1);
	if (l1.st == ZG_ERR_ARGUMENT && zc->gen == NULL) {
		zc->grp->skipped++; /* the fix refuses the zone */
		lint_free(&l1);
		return;
	}
	zcheck(&z, P_FIXED);
	if (l1.st != ZG_OK || !l1.parsed) {
		zfail(&z, P_FIXED, "zonelint: %s", l1.st != ZG_OK ? l1.err :
		    "JSON report does not parse");
		goto done;
	}
	if (!read_zone(zc->path, zc->origin, &before, &origin, err,
	    sizeof(err))) {
		zfail(&z, P_FIXED, "reader: %s", err);
		goto done;
	}
	if (run->verbose) {
		printf("---- first lint (JSON):\n%s---- fix:\n%s", l1.json,
		    l1.script);
	}
	zcheck(&z, P_SCRIPT);
	if (!rl_copy(&after, &before)) {
		zfail(&z, P_FIXED, "out of memory");
		goto done;
	}
	have_after = true;
	if (!apply_script(&after, origin, l1.script ? l1.script : "",
	    &updates, err, sizeof(err))) {
		zfail(&z, P_SCRIPT, "%s", err);
		goto done;
	}
	if (!write_zone(run->after_path, &after, origin) ||
	    (otext = ldns_rdf2str(origin)) == NULL) {
		zfail(&z, P_FIXED, "cannot write %s", run->after_path);
		goto done;
	}
	lint_run(run->after_path, zc->profile, otext, &l2);
	if (run->verbose) {
		printf("---- after the fix (emulated):\n");
		print_canon(stdout, &after);
		printf("---- second lint (JSON):\n%s---- second fix:\n%s",
		    l2.json ? l2.json : "", l2.script ? l2.script : "");
	}
	zcheck(&z, P_NO_MAIL);
	zcheck(&z, P_SECOND);
	if (l2.st != ZG_OK || !l2.parsed) {
		zfail(&z, P_NO_MAIL, "second lint: %s", l2.st != ZG_OK ?
		    l2.err : "JSON report does not parse");
	} else {
		if (l2.mail) {
			mail_findings(&l2, detail, sizeof(detail));
			zfail(&z, P_NO_MAIL, "%s", detail);
		}
		if (l2.updates) {
			first_update(l2.script, detail, sizeof(detail));
			zfail(&z, P_SECOND, "%s", detail);
		}
	}
	zcheck(&z, P_OWNERS);
	named = named_owners(&l1, &nnamed);
	if (!same_unnamed(&before, &after, named, nnamed, detail,
	    sizeof(detail))) {
		zfail(&z, P_OWNERS, "%s", detail);
	}
	if (!l1.mail) {
		zcheck(&z, P_QUIET_FIX);
		if (l1.updates) {
			char rules[160];

			all_rules(&l1, rules, sizeof(rules));
			first_update(l1.script, detail, sizeof(detail));
			zfail(&z, P_QUIET_FIX, "findings: %s; fix: %s", rules,
			    detail);
		}
	}
	if (zc->gen != NULL) {
		char rules[160];

		if (zc->gen->defective) {
			zcheck(&z, P_DETECT);
			if (!l1.mail) {
				all_rules(&l1, rules, sizeof(rules));
				zfail(&z, P_DETECT, "findings: %s", rules);
			}
		} else {
			zcheck(&z, P_CLEAN);
			if (l1.mail) {
				mail_findings(&l1, detail, sizeof(detail));
				zfail(&z, P_CLEAN, "%s", detail);
			}
		}
		check_keep(zc->gen, &before, &after, &z);
		check_spf_props(zc, &before, &after, origin, &z);
	}
done:
	record_zone(run, zc, &z, &l1, have_after ? &after : NULL, origin);
	free(otext);
	owners_free(named, nnamed);
	rl_free(&before);
	rl_free(&after);
	ldns_rdf_deep_free(origin);
	lint_free(&l1);
	lint_free(&l2);
}

/* ---- the groups --------------------------------------------------------- */

static void
group_summary(const struct run *run, const struct group *g)
{
	unsigned p;

	for (p = 0; p < P__COUNT; p++) {
		if (g->checked[p] == 0) {
			continue;
		}
		if (g->failed[p] == 0) {
			UNIT_CHECK(1, "fixprop/%s: %s (%u zones)", g->name,
			    props[p].text, g->checked[p]);
		} else {
			UNIT_CHECK(0, "fixprop/%s: %s (%u of %u zones fail)",
			    g->name, props[p].text, g->failed[p],
			    g->checked[p]);
		}
	}
	if (g->failing > g->shown) {
		printf("# fixprop/%s: %u failing zones, %u not shown\n",
		    g->name, g->failing, g->failing - g->shown);
	}
	if (g->failing > 0 && run->faildir[0] != '\0') {
		printf("# fixprop/%s: files of the first %u failing zones in "
		       "%s\n", g->name, g->written, run->faildir);
	}
}

/* The options of a fixture's .args file that matter here. */
struct fxargs {
	char profile[256]; /* "" default, "none", "webmo" or a path */
	char origin[256];
};

static void
read_args(const char *zone, struct fxargs *a)
{
	char path[600], *text, *save = NULL, *w;
	size_t n = strlen(zone);

	memset(a, 0, sizeof(*a));
	snprintf(path, sizeof(path), "%.*s.args", (int)(n - 5), zone);
	if ((text = read_text(path, NULL)) == NULL) {
		return;
	}
	for (w = strtok_r(text, " \t\n", &save); w != NULL;
	     w = strtok_r(NULL, " \t\n", &save)) {
		char *v = NULL;
		char *dst = NULL;

		if (strcmp(w, "--profile") == 0 || strcmp(w, "-p") == 0) {
			dst = a->profile;
			v = strtok_r(NULL, " \t\n", &save);
		} else if (strcmp(w, "--origin") == 0 ||
		    strcmp(w, "-o") == 0) {
			dst = a->origin;
			v = strtok_r(NULL, " \t\n", &save);
		} else if (strncmp(w, "--profile=", 10) == 0) {
			dst = a->profile;
			v = w + 10;
		} else if (strncmp(w, "--origin=", 9) == 0) {
			dst = a->origin;
			v = w + 9;
		}
		if (dst != NULL && v != NULL) {
			snprintf(dst, 256, "%s", v);
		}
	}
	free(text);
}

/* The *.zone files under dir, recursively, into a sorted list. */
static void
find_zones(const char *dir, char ***list, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL) {
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char path[600];
		struct stat st;
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.') {
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0) {
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			find_zones(path, list, n);
		} else if (len > 5 && strcmp(e->d_name + len - 5, ".zone") ==
		    0) {
			char **p = realloc(*list, (*n + 1) * sizeof(*p));

			if (p == NULL) {
				break;
			}
			*list = p;
			if ((p[*n] = strdup(path)) != NULL) {
				(*n)++;
			}
		}
	}
	closedir(d);
}

static void
run_fixtures(struct run *run)
{
	struct group g = { .name = "fixtures" };
	char **zones = NULL;
	size_t n = 0, i;

	find_zones(FIXTURES, &zones, &n);
	if (n == 0) {
		UNIT_CHECK(0, "fixprop/fixtures: no zone under %s (run from "
		    "the repository root)", FIXTURES);
		return;
	}
	qsort(zones, n, sizeof(*zones), cmp_str);
	for (i = 0; i < n; i++) {
		struct fxargs a;
		struct zcase zc = { 0 };
		zg_profile_t *loaded = NULL;
		char msg[512];

		read_args(zones[i], &a);
		zc.grp = &g;
		zc.path = zc.label = zones[i];
		zc.origin = a.origin[0] ? a.origin : NULL;
		zc.profile = run->builtin;
		if (strcmp(a.profile, "none") == 0) {
			zc.profile = NULL;
		} else if (a.profile[0] != '\0' &&
		    strcmp(a.profile, "webmo") != 0) {
			if (zg_profile_load(a.profile, NULL, 0, &loaded, msg,
			    sizeof(msg)) != ZG_OK) {
				UNIT_CHECK(0, "fixprop/fixtures: %s: %s",
				    zones[i], msg);
				continue;
			}
			zc.profile = loaded;
		}
		check_zone(run, &zc);
		zg_profile_free(loaded);
	}
	printf("# fixprop/fixtures: %u zones, %u skipped (--fix refuses "
	       "them: read problems)\n", g.zones, g.skipped);
	group_summary(run, &g);
	for (i = 0; i < n; i++) {
		free(zones[i]);
	}
	free(zones);
}

static uint64_t
env_u64(const char *name, uint64_t dflt)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long x;

	if (v == NULL || *v == '\0') {
		return dflt;
	}
	errno = 0;
	x = strtoull(v, &end, 0);
	return errno != 0 || *end != '\0' ? dflt : (uint64_t)x;
}

/* One generated zone, checked; false when out of memory. */
static bool
check_generated(struct run *run, struct group *g, uint64_t seed)
{
	struct zcase zc = { 0 };
	mz_out_t out;
	zg_profile_t *loaded = NULL;
	char msg[512];
	bool ok = true;

	if (!mz_generate(seed, &out)) {
		mz_out_free(&out);
		return false;
	}
	zc.grp = g;
	zc.path = run->zone_path;
	zc.origin = out.domain;
	zc.gen = &out;
	zc.label = out.domain;
	zc.profile = run->builtin;
	if (run->verbose) {
		printf("---- zone:\n%s", out.zone);
		if (out.yaml != NULL) {
			printf("---- profile:\n%s", out.yaml);
		}
	}
	if (out.yaml != NULL) {
		if (zg_profile_load("generated.yaml", out.yaml,
		    strlen(out.yaml), &loaded, msg, sizeof(msg)) != ZG_OK) {
			struct zres z;

			memset(&z, 0, sizeof(z));
			zfail(&z, P_GEN, "profile: %s", msg);
			record_zone(run, &zc, &z, &(lint_out_t){ 0 }, NULL,
			    NULL);
			mz_out_free(&out);
			return true;
		}
		zc.profile = loaded;
	}
	if (!profile_matches(&out.profile, zc.profile, msg, sizeof(msg))) {
		struct zres z;

		memset(&z, 0, sizeof(z));
		zfail(&z, P_GEN, "%s", msg);
		record_zone(run, &zc, &z, &(lint_out_t){ 0 }, NULL, NULL);
	} else if (!write_file(run->zone_path, out.zone, strlen(out.zone))) {
		ok = false;
	} else {
		check_zone(run, &zc);
	}
	zg_profile_free(loaded);
	mz_out_free(&out);
	return ok;
}

static void
print_stats(const struct run *run)
{
	unsigned k, p;

	static const char *const rows[] = { "(webmo, none planted)",
		"(profile: CIDR SPF)", "(profile: >32 records)",
		"(profile: other)" };

	printf("# failures by planter: zones with it (alone, built-in "
	       "profile): property failing-zones (alone)\n");
	for (k = 0; k < ROWS; k++) {
		const struct pstat *s = &run->stats[k];

		printf("#   %-24s %5u (%4u):", k < MZ_PLANTERS ?
		    mz_planters[k].name : rows[k - MZ_PLANTERS], s->zones,
		    s->alone);
		for (p = 0; p < P__COUNT; p++) {
			if (s->fail[p] > 0) {
				printf(" %s %u (%u)", props[p].id, s->fail[p],
				    s->fail_alone[p]);
			}
		}
		putchar('\n');
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
run_generated(struct run *run, unsigned count, uint64_t base)
{
	struct group g = { .name = "generated" };
	double t0 = now();
	unsigned i;

	for (i = 0; i < count; i++) {
		if (!check_generated(run, &g, base + i)) {
			UNIT_CHECK(0, "fixprop/generated: seed 0x%016llx: out "
			    "of memory or cannot write %s",
			    (unsigned long long)(base + i), run->zone_path);
			break;
		}
	}
	printf("# fixprop/generated: %u zones from seed 0x%016llx in %.1f s\n",
	    count, (unsigned long long)base, now() - t0);
	group_summary(run, &g);
}

/* ---- the other modes ---------------------------------------------------- */

static int
emit(unsigned count, const char *dir, uint64_t base)
{
	unsigned i;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "test_fixprop: cannot create %s: %s\n", dir,
		    strerror(errno));
		return 2;
	}
	for (i = 0; i < count; i++) {
		char path[600], names[256], info[512];
		mz_out_t out;
		bool ok;

		if (!mz_generate(base + i, &out)) {
			mz_out_free(&out);
			fprintf(stderr, "test_fixprop: out of memory\n");
			return 2;
		}
		snprintf(path, sizeof(path), "%s/z%04u.zone", dir, i);
		ok = write_file(path, out.zone, strlen(out.zone));
		snprintf(path, sizeof(path), "%s/z%04u.origin", dir, i);
		ok = ok && write_file(path, out.domain, strlen(out.domain));
		if (out.yaml != NULL) {
			snprintf(path, sizeof(path), "%s/z%04u.yaml", dir, i);
			ok = ok && write_file(path, out.yaml,
			    strlen(out.yaml));
		}
		mz_planted_names(&out, names, sizeof(names));
		snprintf(info, sizeof(info), "seed 0x%016llx %s planted %s\n",
		    (unsigned long long)out.seed, out.defective ? "defective" :
		    "clean", names);
		snprintf(path, sizeof(path), "%s/z%04u.info", dir, i);
		ok = ok && write_file(path, info, strlen(info));
		mz_out_free(&out);
		if (!ok) {
			fprintf(stderr, "test_fixprop: cannot write %s\n",
			    path);
			return 2;
		}
	}
	return 0;
}

/* --canon ZONE ORIGIN and --apply ZONE FIX ORIGIN. */
static int
canon(const char *zone, const char *fix, const char *origin_opt)
{
	rrlist_t l;
	ldns_rdf *origin = NULL;
	char err[512], *script = NULL;
	unsigned updates;
	int rc = 0;

	if (!read_zone(zone, origin_opt, &l, &origin, err, sizeof(err))) {
		fprintf(stderr, "test_fixprop: %s: %s\n", zone, err);
		rl_free(&l);
		return 1;
	}
	if (fix != NULL && ((script = read_text(fix, NULL)) == NULL ||
	    !apply_script(&l, origin, script, &updates, err, sizeof(err)))) {
		fprintf(stderr, "test_fixprop: %s: %s\n", fix,
		    script ? err : "cannot read");
		rc = 1;
	} else if (!print_canon(stdout, &l)) {
		rc = 1;
	}
	free(script);
	rl_free(&l);
	ldns_rdf_deep_free(origin);
	return rc;
}

static int
usage(void)
{
	fputs("usage: test_fixprop                  (the property test)\n"
	      "       test_fixprop --one SEED       (one zone, verbose)\n"
	      "       test_fixprop --emit N DIR [SEED]\n"
	      "       test_fixprop --canon ZONE ORIGIN\n"
	      "       test_fixprop --apply ZONE FIX ORIGIN\n"
	      "env: ZL_FIXPROP_COUNT (10000; 500 under valgrind), "
	      "ZL_FIXPROP_SEED, ZL_FIXPROP_SHOW (20), "
	      "ZL_FIXPROP_STATS=1\n", stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	static struct run run;
	zg_profile_t *builtin = NULL;
	char msg[512];
	uint64_t base = env_u64("ZL_FIXPROP_SEED", DEFAULT_SEED);
	const char *preload = getenv("LD_PRELOAD");
	/* Under valgrind (its preloaded libraries say so), fewer zones
	 * unless ZL_FIXPROP_COUNT says how many. */
	bool valgrind = preload != NULL && strstr(preload, "vgpreload") != NULL;
	unsigned count = (unsigned)env_u64("ZL_FIXPROP_COUNT", valgrind ?
	    VALGRIND_COUNT : DEFAULT_COUNT);
	mz_profile_t webmo;
	const char *tmp = getenv("TMPDIR");
	int rc;

	if (argc >= 2 && strcmp(argv[1], "--emit") == 0) {
		if (argc < 4 || argc > 5) {
			return usage();
		}
		return emit((unsigned)strtoul(argv[2], NULL, 10), argv[3],
		    argc == 5 ? strtoull(argv[4], NULL, 0) : DEFAULT_SEED);
	}
	if (argc == 4 && strcmp(argv[1], "--canon") == 0) {
		rc = canon(argv[2], NULL, argv[3]);
		free(wire_buf);
		return rc;
	}
	if (argc == 5 && strcmp(argv[1], "--apply") == 0) {
		rc = canon(argv[2], argv[3], argv[4]);
		free(wire_buf);
		return rc;
	}
	if ((argc == 3 && strcmp(argv[1], "--one") != 0) || argc == 2 ||
	    argc > 3) {
		return usage();
	}

	if (zg_profile_load_builtin(&builtin, msg, sizeof(msg)) != ZG_OK) {
		UNIT_CHECK(0, "fixprop: built-in profile: %s", msg);
		return unit_summary();
	}
	run.builtin = builtin;
	run.show_max = (unsigned)env_u64("ZL_FIXPROP_SHOW", SHOW_MAX);
	snprintf(run.tmp, sizeof(run.tmp), "%s/fixprop.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(run.tmp) == NULL) {
		UNIT_CHECK(0, "fixprop: mkdtemp %s: %s", run.tmp,
		    strerror(errno));
		zg_profile_free(builtin);
		return unit_summary();
	}
	snprintf(run.zone_path, sizeof(run.zone_path), "%s/zone.zone",
	    run.tmp);
	snprintf(run.after_path, sizeof(run.after_path), "%s/after.zone",
	    run.tmp);

	if (argc == 3) {
		struct group g = { .name = "one" };

		run.verbose = true;
		check_generated(&run, &g, strtoull(argv[2], NULL, 0));
		group_summary(&run, &g);
	} else {
		mz_profile_webmo(&webmo);
		UNIT_CHECK(profile_matches(&webmo, builtin, msg, sizeof(msg)),
		    "fixprop/generator: the webmo model is the built-in "
		    "profile");
		run_fixtures(&run);
		if (valgrind && getenv("ZL_FIXPROP_COUNT") == NULL) {
			printf("# fixprop: under valgrind: %u zones "
			       "(ZL_FIXPROP_COUNT overrides)\n", count);
		}
		if (count > 0) {
			run_generated(&run, count, base);
		}
		if (env_u64("ZL_FIXPROP_STATS", 0) != 0) {
			print_stats(&run);
		}
	}
	unlink(run.zone_path);
	unlink(run.after_path);
	rmdir(run.tmp);
	zg_profile_free(builtin);
	free(wire_buf);
	return unit_summary();
}
