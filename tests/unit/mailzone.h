/* mailzone.h: a seeded generator of zone files that use a mail provider. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * mz_generate(seed, &out) writes the zone of one domain "dN.example" (N the
 * low 32 bits of the seed) that uses a mail provider: SOA, NS, the
 * provider's records (client host CNAMEs, MX, SPF, DMARC at _dmarc), and
 * records that have nothing to do with mail and must never change (www A
 * and AAAA, a site-verification TXT at the apex, a delegation, an SRV, a
 * CAA).  Most zones use the built-in profile "webmo" (mirrored here, and
 * compared with the compiled-in one by test_fixprop); some use a generated
 * profile (out.yaml) with CIDR terms in its SPF record, or up to 40 CNAMEs.
 *
 * Then up to four planters (the table mz_planters[]) change the zone: each
 * plants one mail defect (a CNAME missing, an MX with another priority, an
 * SPF record that does not authorise the provider, ...) or a variation that
 * needs no fix (`+include:`, a split SPF policy, `_dmarc` as a CNAME, a
 * null MX).  out.planted lists them; out.defective says whether the zone
 * needs a fix.  Adding a planter is adding one function and one row.
 *
 * Finally the zone is written in one of many styles: relative or absolute
 * owners, '@' or a blank owner, mixed case, $ORIGIN or not, $TTL or
 * explicit TTLs, class before or after the TTL or left out, SOA over
 * several lines, comments, TXT records split into several strings.  Every
 * RRset has one TTL, so that a server loads the zone as it is written.
 *
 * Everything depends on the seed only (own PRNG: splitmix64 seeding
 * xoshiro256**), never on rand() or the clock.  Plain C11, no library but
 * the C library; all functions are static (header-only).
 */
#ifndef TESTS_UNIT_MAILZONE_H
#define TESTS_UNIT_MAILZONE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every function here is static; not every user calls every one. */
#define MZ_FN static __attribute__((unused))

/* ---- PRNG: splitmix64 seeds xoshiro256** -------------------------------- */

typedef struct mz_rng {
	uint64_t s[4];
} mz_rng_t;

MZ_FN uint64_t
mz_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

MZ_FN void
mz_rng_seed(mz_rng_t *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++) {
		r->s[i] = mz_splitmix64(&seed);
	}
}

static inline uint64_t
mz_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

MZ_FN uint64_t
mz_next(mz_rng_t *r)
{
	uint64_t *s = r->s;
	uint64_t result = mz_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = mz_rotl(s[3], 45);
	return result;
}

/* A number in [0, n); n > 0.  The bias of the modulo is < 2^-32. */
MZ_FN unsigned
mz_below(mz_rng_t *r, unsigned n)
{
	return (unsigned)((mz_next(r) >> 32) % n);
}

/* True with the given chance in percent. */
MZ_FN bool
mz_chance(mz_rng_t *r, unsigned percent)
{
	return mz_below(r, 100) < percent;
}

/* ---- a growable text buffer --------------------------------------------- */

typedef struct mz_buf {
	char *p;
	size_t len;
	size_t cap;
	bool nomem;
} mz_buf_t;

MZ_FN void
mz_reserve(mz_buf_t *b, size_t more)
{
	size_t cap;
	char *p;

	if (b->nomem || b->len + more + 1 <= b->cap) {
		return;
	}
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1) {
		cap *= 2;
	}
	if ((p = realloc(b->p, cap)) == NULL) {
		b->nomem = true;
		return;
	}
	b->p = p;
	b->cap = cap;
}

MZ_FN void
mz_putn(mz_buf_t *b, const char *s, size_t n)
{
	mz_reserve(b, n);
	if (b->nomem) {
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

MZ_FN void
mz_puts(mz_buf_t *b, const char *s)
{
	mz_putn(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) MZ_FN void
mz_putf(mz_buf_t *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->nomem = true;
		return;
	}
	mz_reserve(b, (size_t)n);
	if (b->nomem) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* The buffer's text, handed over (never NULL unless out of memory). */
MZ_FN char *
mz_take(mz_buf_t *b)
{
	char *p;

	mz_reserve(b, 0);
	if (b->nomem) {
		free(b->p);
		b->p = NULL;
		b->len = b->cap = 0;
		return NULL;
	}
	p = b->p;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

/* ---- the provider ------------------------------------------------------- */

#define MZ_CNAMES_MAX 40
#define MZ_MX_MAX 3
#define MZ_SRV_MAX 6
#define MZ_HOST_MAX 64
#define MZ_TEXT_MAX 160

typedef struct mz_service {
	const char *protocol; /* YAML: imap, pop3, submission, smtp */
	const char *security; /* none, starttls, tls */
	const char *srv;      /* the SRV owner prefix, or NULL (smtp) */
	char host[MZ_HOST_MAX];
	unsigned port;
	unsigned priority;
	unsigned weight;
} mz_service_t;

typedef struct mz_profile {
	bool builtin;          /* the built-in "webmo" (no YAML) */
	char name[32];
	unsigned ttl;
	unsigned ncname;
	char label[MZ_CNAMES_MAX][24];
	char target[MZ_CNAMES_MAX][MZ_HOST_MAX];
	unsigned nmx;
	unsigned mx_prio[MZ_MX_MAX];
	char mx_host[MZ_MX_MAX][MZ_HOST_MAX];
	char spf[MZ_TEXT_MAX];   /* "" when the profile has none */
	char dmarc[MZ_TEXT_MAX]; /* "" when the profile has none */
	unsigned nsrv;
	mz_service_t srv[MZ_SRV_MAX];
} mz_profile_t;

/* The built-in profile: zonegen/profiles/webmo.yaml, the guide's records. */
MZ_FN void
mz_profile_webmo(mz_profile_t *p)
{
	static const char *const labels[] = { "autoconfig", "pop", "imap",
		"smtp" };
	static const struct {
		const char *protocol, *security, *srv, *host;
		unsigned port;
	} services[] = {
		{ "imap", "starttls", "_imap._tcp", "imap.webmo.fr.", 143 },
		{ "imap", "tls", "_imaps._tcp", "imap.webmo.fr.", 993 },
		{ "pop3", "starttls", "_pop3._tcp", "pop.webmo.fr.", 110 },
		{ "pop3", "tls", "_pop3s._tcp", "pop.webmo.fr.", 995 },
		{ "smtp", "none", NULL, "smtp.webmo.fr.", 25 },
		{ "submission", "starttls", "_submission._tcp",
		    "smtp.webmo.fr.", 587 },
	};
	unsigned i;

	memset(p, 0, sizeof(*p));
	p->builtin = true;
	snprintf(p->name, sizeof(p->name), "webmo");
	p->ttl = 3600;
	p->ncname = 4;
	for (i = 0; i < 4; i++) {
		snprintf(p->label[i], sizeof(p->label[i]), "%s", labels[i]);
		snprintf(p->target[i], sizeof(p->target[i]), "%s.webmo.fr.",
		    labels[i]);
	}
	p->nmx = 2;
	p->mx_prio[0] = 10;
	snprintf(p->mx_host[0], sizeof(p->mx_host[0]), "mx.webmo.fr.");
	p->mx_prio[1] = 20;
	snprintf(p->mx_host[1], sizeof(p->mx_host[1]),
	    "mxsecondary.webmo.fr.");
	snprintf(p->spf, sizeof(p->spf),
	    "v=spf1 ptr include:spf.webmo.fr ~all");
	snprintf(p->dmarc, sizeof(p->dmarc), "v=DMARC1; p=none");
	/* The seventh service (submissions, 465) is left out of the model:
	 * the generator uses the services only for SRV extras. */
	p->nsrv = sizeof(services) / sizeof(services[0]);
	for (i = 0; i < p->nsrv; i++) {
		p->srv[i].protocol = services[i].protocol;
		p->srv[i].security = services[i].security;
		p->srv[i].srv = services[i].srv;
		snprintf(p->srv[i].host, sizeof(p->srv[i].host), "%s",
		    services[i].host);
		p->srv[i].port = services[i].port;
		p->srv[i].weight = 1;
	}
}

/* Labels a generated profile gives its client hosts first; then "cN".
 * None of them is a name the zone uses otherwise (www, ns1, sub, _spf). */
static const char *const mz_label_pool[] = { "autoconfig", "autodiscover",
	"imap", "pop", "pop3", "smtp", "submit", "webmail", "mail", "mta-sts",
	"calendar", "contacts" };

/* A generated profile: another provider under provN.example. */
MZ_FN void
mz_profile_random(mz_profile_t *p, mz_rng_t *r, uint64_t seed)
{
	static const unsigned ttls[] = { 300, 600, 1800, 3600, 86400 };
	static const struct {
		const char *protocol, *security, *srv, *label;
		unsigned port;
	} services[] = {
		{ "imap", "tls", "_imaps._tcp", "imap", 993 },
		{ "imap", "starttls", "_imap._tcp", "imap", 143 },
		{ "pop3", "tls", "_pop3s._tcp", "pop", 995 },
		{ "submission", "tls", "_submissions._tcp", "smtp", 465 },
		{ "submission", "starttls", "_submission._tcp", "smtp", 587 },
		{ "smtp", "none", NULL, "smtp", 25 },
	};
	unsigned prov = 1 + mz_below(r, 9);
	unsigned pool = sizeof(mz_label_pool) / sizeof(mz_label_pool[0]);
	unsigned i, n;

	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "gen-%08x", (unsigned)seed);
	p->ttl = ttls[mz_below(r, 5)];
	/* One in three has many CNAMEs (past the 32 names some code keeps). */
	if (mz_chance(r, 33)) {
		n = 28 + mz_below(r, MZ_CNAMES_MAX - 28 + 1);
	} else {
		n = 1 + mz_below(r, 6);
	}
	p->ncname = n;
	for (i = 0; i < n; i++) {
		if (i < pool) {
			snprintf(p->label[i], sizeof(p->label[i]), "%s",
			    mz_label_pool[i]);
		} else {
			snprintf(p->label[i], sizeof(p->label[i]), "c%u", i);
		}
		snprintf(p->target[i], sizeof(p->target[i]),
		    "%s.prov%u.example.", p->label[i], prov);
	}
	p->nmx = 1 + mz_below(r, MZ_MX_MAX);
	for (i = 0; i < p->nmx; i++) {
		p->mx_prio[i] = i == 0 ? 10 : (mz_chance(r, 30) ? 10 :
		    10 * (i + 1) + mz_below(r, 5));
		snprintf(p->mx_host[i], sizeof(p->mx_host[i]),
		    "mx%u.prov%u.example.", i + 1, prov);
	}
	switch (mz_below(r, 12)) {
	case 0:
	case 1:
	case 2:
	case 3:
		snprintf(p->spf, sizeof(p->spf), "v=spf1 ip4:192.0.2.0/24 "
		    "a:out.cidr.example/28 include:spf.cidr.example -all");
		break;
	case 4:
	case 5:
		snprintf(p->spf, sizeof(p->spf), "v=spf1 ip6:2001:db8:%x::/48 "
		    "include:_spf.prov%u.example ~all", prov, prov);
		break;
	case 6:
		snprintf(p->spf, sizeof(p->spf), "v=spf1 mx/24 "
		    "include:spf.prov%u.example ~all", prov);
		break;
	case 7:
		snprintf(p->spf, sizeof(p->spf), "v=spf1 a:smtp.prov%u.example "
		    "ip4:198.51.100.%u -all", prov, 1 + mz_below(r, 250));
		break;
	case 8:
	case 9:
		snprintf(p->spf, sizeof(p->spf), "v=spf1 "
		    "include:spf.prov%u.example ~all", prov);
		break;
	case 10:
		snprintf(p->spf, sizeof(p->spf), "v=spf1 ptr mx "
		    "include:spf.prov%u.example ?all", prov);
		break;
	default:
		break; /* no SPF record */
	}
	switch (mz_below(r, 8)) {
	case 0:
		break; /* no DMARC record */
	case 1:
	case 2:
		snprintf(p->dmarc, sizeof(p->dmarc), "v=DMARC1; p=reject");
		break;
	default:
		snprintf(p->dmarc, sizeof(p->dmarc), "v=DMARC1; p=quarantine; "
		    "rua=mailto:dmarc@prov%u.example", prov);
		break;
	}
	n = mz_below(r, 4);
	for (i = 0; i < n; i++) {
		unsigned k = mz_below(r, sizeof(services) /
		    sizeof(services[0]));
		mz_service_t *s = &p->srv[p->nsrv++];

		s->protocol = services[k].protocol;
		s->security = services[k].security;
		s->srv = services[k].srv;
		snprintf(s->host, sizeof(s->host), "%s.prov%u.example.",
		    services[k].label, prov);
		s->port = services[k].port;
		s->priority = mz_below(r, 3) * 10;
		s->weight = 1 + mz_below(r, 5);
	}
}

/* The profile as YAML that zg_profile_load accepts (zonegen/profile.c). */
MZ_FN void
mz_profile_yaml(const mz_profile_t *p, mz_buf_t *b)
{
	unsigned i;

	mz_putf(b, "# generated by tests/unit/mailzone.h\nname: \"%s\"\n"
		   "description: \"generated provider\"\nttl: %u\n", p->name,
	    p->ttl);
	if (p->ncname > 0) {
		mz_puts(b, "cnames:\n");
	}
	for (i = 0; i < p->ncname; i++) {
		mz_putf(b, "  - label: \"%s\"\n    target: \"%s\"\n",
		    p->label[i], p->target[i]);
	}
	mz_puts(b, "mx:\n");
	for (i = 0; i < p->nmx; i++) {
		mz_putf(b, "  - priority: %u\n    host: \"%s\"\n",
		    p->mx_prio[i], p->mx_host[i]);
	}
	if (p->spf[0] != '\0') {
		mz_putf(b, "spf: \"%s\"\n", p->spf);
	}
	if (p->dmarc[0] != '\0') {
		mz_putf(b, "dmarc: \"%s\"\n", p->dmarc);
	}
	if (p->nsrv > 0) {
		mz_puts(b, "services:\n");
	}
	for (i = 0; i < p->nsrv; i++) {
		const mz_service_t *s = &p->srv[i];

		mz_putf(b, "  - protocol: %s\n    security: %s\n"
			   "    host: \"%s\"\n    port: %u\n    priority: %u\n"
			   "    weight: %u\n", s->protocol, s->security,
		    s->host, s->port, s->priority, s->weight);
	}
}

/* ---- the zone, as a list of records ------------------------------------- */

#define MZ_TXT 0x01u   /* data is TXT text; '\n' separates its strings */
#define MZ_KEEP 0x02u  /* unrelated to mail: must never change */
#define MZ_FIXED 0x04u /* TXT strings exactly as given: never re-split */

typedef struct mz_rec {
	char owner[96]; /* lower case, relative to the origin; "@" the apex */
	char type[8];
	char *data;     /* presentation form; TXT: the text itself */
	unsigned flags;
	uint32_t ttl;   /* set per RRset before writing */
} mz_rec_t;

typedef struct mz_zone {
	mz_rec_t *r;
	size_t n;
	size_t cap;
	bool nomem;
} mz_zone_t;

MZ_FN int
mz_add(mz_zone_t *z, const char *owner, const char *type, const char *data,
    unsigned flags)
{
	mz_rec_t *rec;

	if (z->n == z->cap) {
		size_t cap = z->cap ? z->cap * 2 : 64;
		mz_rec_t *p = realloc(z->r, cap * sizeof(*p));

		if (p == NULL) {
			z->nomem = true;
			return -1;
		}
		z->r = p;
		z->cap = cap;
	}
	rec = &z->r[z->n];
	memset(rec, 0, sizeof(*rec));
	snprintf(rec->owner, sizeof(rec->owner), "%s", owner);
	snprintf(rec->type, sizeof(rec->type), "%s", type);
	rec->flags = flags;
	if ((rec->data = strdup(data)) == NULL) {
		z->nomem = true;
		return -1;
	}
	return (int)z->n++;
}

/* The index of the nth record of `type` at `owner`, or -1. */
MZ_FN int
mz_find(const mz_zone_t *z, const char *owner, const char *type, unsigned nth)
{
	size_t i;

	for (i = 0; i < z->n; i++) {
		if (strcmp(z->r[i].owner, owner) == 0 &&
		    strcmp(z->r[i].type, type) == 0 && nth-- == 0) {
			return (int)i;
		}
	}
	return -1;
}

MZ_FN void
mz_del(mz_zone_t *z, int i)
{
	if (i < 0 || (size_t)i >= z->n) {
		return;
	}
	free(z->r[i].data);
	memmove(&z->r[i], &z->r[i + 1], (z->n - (size_t)i - 1) *
	    sizeof(z->r[0]));
	z->n--;
}

MZ_FN void
mz_set(mz_zone_t *z, int i, const char *type, const char *data,
    unsigned flags)
{
	char *d;

	if (i < 0 || (size_t)i >= z->n) {
		return;
	}
	if ((d = strdup(data)) == NULL) {
		z->nomem = true;
		return;
	}
	free(z->r[i].data);
	z->r[i].data = d;
	snprintf(z->r[i].type, sizeof(z->r[i].type), "%s", type);
	z->r[i].flags = flags;
}

MZ_FN void
mz_zone_free(mz_zone_t *z)
{
	size_t i;

	for (i = 0; i < z->n; i++) {
		free(z->r[i].data);
	}
	free(z->r);
	memset(z, 0, sizeof(*z));
}

/* ---- generation state and the planters ---------------------------------- */

typedef struct mz_gen {
	mz_rng_t rng;
	const mz_profile_t *p;
	char domain[32];      /* "d17.example", no trailing dot */
	mz_zone_t z;
	uint64_t cname_taken; /* client hosts a planter changed */
	unsigned slots;       /* MZ_SLOT_* taken */
	bool nomail;          /* a null MX: the domain takes no mail */
} mz_gen_t;

/* What a planter changes; two planters of one slot never meet in a zone. */
#define MZ_SLOT_CNAME 0x00u /* one client host, any number of planters */
#define MZ_SLOT_MX 0x01u
#define MZ_SLOT_SPF 0x02u
#define MZ_SLOT_DMARC 0x04u
#define MZ_SLOT_REPORT 0x08u
#define MZ_SLOT_ALL 0x80u   /* alone in its zone */

typedef struct mz_planter {
	const char *name;
	unsigned slot;
	bool clean; /* a variation that needs no fix, not a defect */
	/* Change the zone; false when the profile has nothing to change
	 * (the planter is then not counted). */
	bool (*plant)(mz_gen_t *g);
} mz_planter_t;

/* A client host no other planter changed: its index, or -1. */
static int
mz_pick_cname(mz_gen_t *g)
{
	unsigned n = g->p->ncname, start, i;

	if (n == 0) {
		return -1;
	}
	start = mz_below(&g->rng, n);
	for (i = 0; i < n; i++) {
		unsigned k = (start + i) % n;

		if (!(g->cname_taken & ((uint64_t)1 << k))) {
			g->cname_taken |= (uint64_t)1 << k;
			return (int)k;
		}
	}
	return -1;
}

static int
mz_cname_rec(mz_gen_t *g, int k)
{
	return mz_find(&g->z, g->p->label[k], "CNAME", 0);
}

static bool
mz_plant_cname_missing(mz_gen_t *g)
{
	int k = mz_pick_cname(g);

	if (k < 0) {
		return false;
	}
	mz_del(&g->z, mz_cname_rec(g, k));
	return true;
}

static bool
mz_plant_cname_target(mz_gen_t *g)
{
	char t[MZ_HOST_MAX + 16];
	int k = mz_pick_cname(g);

	if (k < 0) {
		return false;
	}
	snprintf(t, sizeof(t), "%s.oldmail.example.", g->p->label[k]);
	mz_set(&g->z, mz_cname_rec(g, k), "CNAME", t, 0);
	return true;
}

static bool
mz_plant_cname_relative(mz_gen_t *g)
{
	char t[MZ_HOST_MAX];
	int k = mz_pick_cname(g);

	if (k < 0) {
		return false;
	}
	snprintf(t, sizeof(t), "%s", g->p->target[k]);
	t[strlen(t) - 1] = '\0'; /* the trailing dot */
	mz_set(&g->z, mz_cname_rec(g, k), "CNAME", t, 0);
	return true;
}

static bool
mz_plant_cname_other(mz_gen_t *g, const char *type)
{
	char d[64];
	int k = mz_pick_cname(g);
	unsigned flags = 0;

	if (k < 0) {
		return false;
	}
	if (strcmp(type, "A") == 0) {
		snprintf(d, sizeof(d), "192.0.2.%u",
		    10 + mz_below(&g->rng, 200));
	} else if (strcmp(type, "AAAA") == 0) {
		snprintf(d, sizeof(d), "2001:db8::%x", 1 + mz_below(&g->rng,
		    0xfff));
	} else {
		snprintf(d, sizeof(d), "mail client settings: see "
		    "https://example.net/%u", mz_below(&g->rng, 100));
		flags = MZ_TXT;
	}
	mz_set(&g->z, mz_cname_rec(g, k), type, d, flags);
	/* Now and then a second address. */
	if (flags == 0 && mz_chance(&g->rng, 30)) {
		d[strlen(d) - 1] = d[strlen(d) - 1] == '9' ? '8' : '9';
		mz_add(&g->z, g->p->label[k], type, d, 0);
	}
	return true;
}

static bool
mz_plant_cname_a(mz_gen_t *g)
{
	return mz_plant_cname_other(g, "A");
}

static bool
mz_plant_cname_aaaa(mz_gen_t *g)
{
	return mz_plant_cname_other(g, "AAAA");
}

static bool
mz_plant_cname_txt(mz_gen_t *g)
{
	return mz_plant_cname_other(g, "TXT");
}

/* The zone's record of the profile's MX number k. */
static int
mz_mx_rec(mz_gen_t *g, unsigned k)
{
	char d[MZ_HOST_MAX + 8];
	size_t i;

	snprintf(d, sizeof(d), "%u %s", g->p->mx_prio[k], g->p->mx_host[k]);
	for (i = 0; i < g->z.n; i++) {
		if (strcmp(g->z.r[i].type, "MX") == 0 &&
		    strcmp(g->z.r[i].data, d) == 0) {
			return (int)i;
		}
	}
	return -1;
}

static bool
mz_plant_mx_missing(mz_gen_t *g)
{
	unsigned k;

	if (g->p->nmx > 1 && mz_chance(&g->rng, 70)) {
		mz_del(&g->z, mz_mx_rec(g, mz_below(&g->rng, g->p->nmx)));
		return true;
	}
	for (k = 0; k < g->p->nmx; k++) {
		mz_del(&g->z, mz_mx_rec(g, k));
	}
	return true;
}

static bool
mz_plant_mx_priority(mz_gen_t *g)
{
	char d[MZ_HOST_MAX + 8];
	unsigned k = mz_below(&g->rng, g->p->nmx);
	unsigned prio = (g->p->mx_prio[k] + 1 + mz_below(&g->rng, 50)) % 65536;

	snprintf(d, sizeof(d), "%u %s", prio, g->p->mx_host[k]);
	mz_set(&g->z, mz_mx_rec(g, k), "MX", d, 0);
	return true;
}

static bool
mz_plant_mx_extra(mz_gen_t *g)
{
	mz_add(&g->z, "@", "MX", mz_chance(&g->rng, 50) ?
	    "5 mx.oldmail.example." : "30 mx2.oldmail.example.", 0);
	return true;
}

static bool
mz_plant_mx_relative(mz_gen_t *g)
{
	char d[MZ_HOST_MAX + 8];
	unsigned k = mz_below(&g->rng, g->p->nmx);

	snprintf(d, sizeof(d), "%u %s", g->p->mx_prio[k], g->p->mx_host[k]);
	d[strlen(d) - 1] = '\0';
	mz_set(&g->z, mz_mx_rec(g, k), "MX", d, 0);
	return true;
}

/* "MX 10 ." is no null MX (RFC 7505 3: preference 0): an MX to a host
 * that does not exist, alone or beside the provider's. */
static bool
mz_plant_mx_root(mz_gen_t *g)
{
	unsigned k;

	if (mz_chance(&g->rng, 60)) {
		for (k = 0; k < g->p->nmx; k++) {
			mz_del(&g->z, mz_mx_rec(g, k));
		}
	}
	mz_add(&g->z, "@", "MX", "10 .", 0);
	return true;
}

/* A domain that takes no mail (RFC 7505, RFC 7208 10.1.2): "MX 0 ." and
 * "v=spf1 -all", none of the provider's records.  Needs no fix. */
static bool
mz_plant_null_mx(mz_gen_t *g)
{
	size_t i = 0;

	while (i < g->z.n) {
		mz_rec_t *r = &g->z.r[i];

		if (!(r->flags & MZ_KEEP) && strcmp(r->owner, "_dmarc") != 0) {
			mz_del(&g->z, (int)i);
		} else {
			i++;
		}
	}
	mz_add(&g->z, "@", "MX", "0 .", 0);
	mz_add(&g->z, "@", "TXT", "v=spf1 -all", MZ_TXT);
	if (mz_find(&g->z, "_dmarc", "TXT", 0) < 0) {
		mz_add(&g->z, "_dmarc", "TXT", "v=DMARC1; p=reject", MZ_TXT);
	}
	g->nomail = true;
	return true;
}

/* The apex SPF record of the profile, or -1. */
static int
mz_spf_rec(mz_gen_t *g)
{
	size_t i;

	for (i = 0; i < g->z.n; i++) {
		if (strcmp(g->z.r[i].owner, "@") == 0 &&
		    (g->z.r[i].flags & MZ_TXT) &&
		    strncmp(g->z.r[i].data, "v=spf1 ", 7) == 0) {
			return (int)i;
		}
	}
	return -1;
}

/* A term of an SPF text that is an "all" (any qualifier). */
static bool
mz_is_all(const char *t, size_t n)
{
	if (n == 4 && strchr("+-~?", t[0]) != NULL) {
		t++;
		n--;
	}
	return n == 3 && memcmp(t, "all", 3) == 0;
}

/* A term of the provider's SPF that names its hosts (not ptr, not all). */
static bool
mz_is_provider_term(const char *t, size_t n)
{
	return !mz_is_all(t, n) && !(n == 3 && memcmp(t, "ptr", 3) == 0) &&
	    !(n == 6 && memcmp(t, "v=spf1", 6) == 0);
}

/* The SPF text has an "all" term. */
static bool
mz_has_all(const char *s)
{
	const char *t;

	for (t = s; *t != '\0';) {
		size_t n = strcspn(t, " ");

		if (mz_is_all(t, n)) {
			return true;
		}
		t += n + (t[n] == ' ');
	}
	return false;
}

/*
 * The profile's SPF text rewritten: mode 'q' gives the provider's terms
 * the qualifier `q` (one of them, or all), mode 'm' moves them after the
 * "all", mode 'l' puts `extra` before the "all" (or at the end).
 */
static void
mz_spf_rewrite(mz_gen_t *g, char mode, char q, const char *extra,
    mz_buf_t *out)
{
	const char *s = g->p->spf;
	mz_buf_t moved = { 0 };
	unsigned nterms = 0, which, index = 0;
	bool every, inserted = false;
	const char *t;

	for (t = s; *t != '\0';) {
		size_t n = strcspn(t, " ");

		nterms += mz_is_provider_term(t, n);
		t += n + (t[n] == ' ');
	}
	every = nterms < 2 || mz_chance(&g->rng, 50);
	which = nterms > 0 ? mz_below(&g->rng, nterms) : 0;
	for (t = s; *t != '\0';) {
		size_t n = strcspn(t, " ");
		bool prov = mz_is_provider_term(t, n);

		if (mode == 'l' && mz_is_all(t, n)) {
			mz_puts(out, " ");
			mz_puts(out, extra);
			inserted = true;
		}
		if (prov && mode == 'm') {
			mz_puts(&moved, " ");
			mz_putn(&moved, t, n);
		} else {
			if (out->len > 0) {
				mz_puts(out, " ");
			}
			if (prov && mode == 'q' && (every || which == index)) {
				mz_putn(out, &q, 1);
			}
			mz_putn(out, t, n);
		}
		index += prov;
		t += n + (t[n] == ' ');
	}
	if (mode == 'l' && !inserted) {
		mz_puts(out, " ");
		mz_puts(out, extra);
	}
	if (moved.len > 0) {
		mz_putn(out, moved.p, moved.len);
	}
	free(moved.p);
}

static bool
mz_spf_set(mz_gen_t *g, mz_buf_t *b)
{
	int i = mz_spf_rec(g);

	if (b->nomem) {
		g->z.nomem = true;
	} else {
		mz_set(&g->z, i, "TXT", b->p, MZ_TXT);
	}
	free(b->p);
	return i >= 0;
}

static bool
mz_has_provider_terms(const mz_gen_t *g)
{
	const char *t;

	for (t = g->p->spf; *t != '\0';) {
		size_t n = strcspn(t, " ");

		if (mz_is_provider_term(t, n)) {
			return true;
		}
		t += n + (t[n] == ' ');
	}
	return false;
}

static bool
mz_plant_spf_missing(mz_gen_t *g)
{
	int i = mz_spf_rec(g);

	mz_del(&g->z, i);
	return i >= 0;
}

static bool
mz_plant_spf_other(mz_gen_t *g)
{
	mz_buf_t b = { 0 };

	mz_puts(&b, "v=spf1 include:_spf.sender.example ~all");
	return mz_spf_set(g, &b);
}

static bool
mz_plant_spf_qualifier(mz_gen_t *g)
{
	mz_buf_t b = { 0 };

	if (!mz_has_provider_terms(g)) {
		return false;
	}
	mz_spf_rewrite(g, 'q', mz_chance(&g->rng, 50) ? '~' : '-', NULL, &b);
	return mz_spf_set(g, &b);
}

static bool
mz_plant_spf_after_all(mz_gen_t *g)
{
	mz_buf_t b = { 0 };

	if (!mz_has_provider_terms(g) || !mz_has_all(g->p->spf)) {
		return false;
	}
	mz_spf_rewrite(g, 'm', 0, NULL, &b);
	return mz_spf_set(g, &b);
}

static bool
mz_plant_spf_plus(mz_gen_t *g)
{
	mz_buf_t b = { 0 };

	if (!mz_has_provider_terms(g)) {
		return false;
	}
	mz_spf_rewrite(g, 'q', '+', NULL, &b);
	return mz_spf_set(g, &b);
}

/* A second SPF record: another sender's, beside the provider's or beside
 * another sender's (then neither authorises the provider). */
static bool
mz_plant_spf_two(mz_gen_t *g)
{
	char d[64];
	int i = mz_spf_rec(g);

	if (i < 0) {
		return false;
	}
	if (mz_chance(&g->rng, 40)) {
		mz_set(&g->z, i, "TXT", "v=spf1 include:_spf.sender.example "
		    "~all", MZ_TXT);
	}
	snprintf(d, sizeof(d), "v=spf1 include:_spf.other%u.example ~all",
	    mz_below(&g->rng, 10));
	mz_add(&g->z, "@", "TXT", d, MZ_TXT);
	return true;
}

/* Two records of one text, split into strings differently: two distinct
 * records (receivers get both: permerror), not one written twice. */
static bool
mz_plant_spf_two_split(mz_gen_t *g)
{
	char d[MZ_TEXT_MAX + 2];
	const char *sp;
	int i = mz_spf_rec(g);
	size_t at;

	if (i < 0) {
		return false;
	}
	snprintf(d, sizeof(d), "%s", g->z.r[i].data);
	g->z.r[i].flags |= MZ_FIXED;
	/* Split after the first space, or after another one. */
	sp = strchr(d, ' ');
	if (mz_chance(&g->rng, 50) && strchr(sp + 1, ' ') != NULL) {
		sp = strchr(sp + 1, ' ');
	}
	at = (size_t)(sp - d) + 1;
	memmove(d + at + 1, d + at, strlen(d + at) + 1);
	d[at] = '\n';
	mz_add(&g->z, "@", "TXT", d, MZ_TXT | MZ_FIXED);
	return true;
}

/* 200 ip4: terms: a record of some 3,500 octets. */
static void
mz_ip4_terms(mz_gen_t *g, mz_buf_t *b)
{
	unsigned i, base = mz_below(&g->rng, 50);

	for (i = 0; i < 200; i++) {
		mz_putf(b, "%sip4:198.51.%u.%u", i ? " " : "", base + i / 100,
		    i % 100 + 1);
	}
}

static bool
mz_plant_spf_long(mz_gen_t *g)
{
	mz_buf_t ips = { 0 }, b = { 0 };

	mz_ip4_terms(g, &ips);
	if (ips.nomem) {
		g->z.nomem = true;
		return false;
	}
	mz_spf_rewrite(g, 'l', 0, ips.p, &b);
	free(ips.p);
	return mz_spf_set(g, &b);
}

static bool
mz_plant_spf_long_other(mz_gen_t *g)
{
	mz_buf_t b = { 0 };

	mz_puts(&b, "v=spf1 ");
	mz_ip4_terms(g, &b);
	mz_puts(&b, " include:_spf.sender.example ~all");
	return mz_spf_set(g, &b);
}

/* Two SPF records, one of them long: merged, past 2,048 octets. */
static bool
mz_plant_spf_two_long(mz_gen_t *g)
{
	mz_buf_t b = { 0 };
	int i = mz_spf_rec(g);

	if (i < 0) {
		return false;
	}
	mz_puts(&b, "v=spf1 ");
	mz_ip4_terms(g, &b);
	mz_puts(&b, " ~all");
	if (b.nomem) {
		g->z.nomem = true;
	} else {
		mz_add(&g->z, "@", "TXT", b.p, MZ_TXT);
	}
	free(b.p);
	if (mz_chance(&g->rng, 50)) {
		mz_set(&g->z, i, "TXT", "v=spf1 include:_spf.other.example "
		    "~all", MZ_TXT);
	}
	return true;
}

/* The "all" term of an SPF text ("~all" when it has none). */
static const char *
mz_spf_all(const char *s)
{
	static const char *const alls[] = { "-all", "~all", "?all", "+all" };
	size_t i;

	for (i = 0; i < sizeof(alls) / sizeof(alls[0]); i++) {
		const char *p = strstr(s, alls[i]);

		if (p != NULL && (p[4] == ' ' || p[4] == '\0')) {
			return alls[i];
		}
	}
	return "~all";
}

/* A split policy: the apex's record sends receivers, by include: or
 * redirect=, to a name of the zone holding the provider's record (the
 * apex ends with the provider's own "all"). */
static bool
mz_plant_spf_split(mz_gen_t *g, bool redirect)
{
	char d[96];
	int i = mz_spf_rec(g);

	if (i < 0) {
		return false;
	}
	mz_add(&g->z, "_spf", "TXT", g->p->spf, MZ_TXT);
	if (redirect) {
		snprintf(d, sizeof(d), "v=spf1 redirect=_spf.%s", g->domain);
	} else {
		snprintf(d, sizeof(d), "v=spf1 include:_spf.%s%s %s", g->domain,
		    mz_chance(&g->rng, 30) ? "." : "", mz_spf_all(g->p->spf));
	}
	mz_set(&g->z, i, "TXT", d, MZ_TXT);
	return true;
}

static bool
mz_plant_spf_split_include(mz_gen_t *g)
{
	return mz_plant_spf_split(g, false);
}

static bool
mz_plant_spf_split_redirect(mz_gen_t *g)
{
	return mz_plant_spf_split(g, true);
}

static bool
mz_plant_dmarc_missing(mz_gen_t *g)
{
	int i = mz_find(&g->z, "_dmarc", "TXT", 0);

	mz_del(&g->z, i);
	return i >= 0;
}

static bool
mz_plant_dmarc_apex(mz_gen_t *g)
{
	int i = mz_find(&g->z, "_dmarc", "TXT", 0);

	if (i < 0) {
		return false;
	}
	snprintf(g->z.r[i].owner, sizeof(g->z.r[i].owner), "@");
	return true;
}

/* _dmarc as an alias of a record elsewhere (receivers follow it). */
static bool
mz_plant_dmarc_cname(mz_gen_t *g)
{
	char d[64];
	int i = mz_find(&g->z, "_dmarc", "TXT", 0);

	if (i < 0) {
		return false;
	}
	snprintf(d, sizeof(d), "_dmarc.policy%u.example.net.",
	    mz_below(&g->rng, 10));
	mz_set(&g->z, i, "CNAME", d, 0);
	return true;
}

/* RFC 7489 7.1: example.net may receive this domain's reports. */
static bool
mz_plant_dmarc_report(mz_gen_t *g)
{
	mz_add(&g->z, "example.net._report._dmarc", "TXT", "v=DMARC1",
	    MZ_TXT);
	return true;
}

/* The planters; a new one is a function above and one row here. */
static const mz_planter_t mz_planters[] = {
	{ "cname-missing", MZ_SLOT_CNAME, false, mz_plant_cname_missing },
	{ "cname-target", MZ_SLOT_CNAME, false, mz_plant_cname_target },
	{ "cname-relative", MZ_SLOT_CNAME, false, mz_plant_cname_relative },
	{ "cname-is-a", MZ_SLOT_CNAME, false, mz_plant_cname_a },
	{ "cname-is-aaaa", MZ_SLOT_CNAME, false, mz_plant_cname_aaaa },
	{ "cname-is-txt", MZ_SLOT_CNAME, false, mz_plant_cname_txt },
	{ "mx-missing", MZ_SLOT_MX, false, mz_plant_mx_missing },
	{ "mx-priority", MZ_SLOT_MX, false, mz_plant_mx_priority },
	{ "mx-former-provider", MZ_SLOT_MX, false, mz_plant_mx_extra },
	{ "mx-relative", MZ_SLOT_MX, false, mz_plant_mx_relative },
	{ "mx-10-root", MZ_SLOT_MX, false, mz_plant_mx_root },
	{ "null-mx", MZ_SLOT_ALL, true, mz_plant_null_mx },
	{ "spf-missing", MZ_SLOT_SPF, false, mz_plant_spf_missing },
	{ "spf-other-sender-only", MZ_SLOT_SPF, false, mz_plant_spf_other },
	{ "spf-provider-qualified", MZ_SLOT_SPF, false,
	    mz_plant_spf_qualifier },
	{ "spf-provider-after-all", MZ_SLOT_SPF, false,
	    mz_plant_spf_after_all },
	{ "spf-explicit-plus", MZ_SLOT_SPF, true, mz_plant_spf_plus },
	{ "spf-two-records", MZ_SLOT_SPF, false, mz_plant_spf_two },
	{ "spf-two-split-alike", MZ_SLOT_SPF, false, mz_plant_spf_two_split },
	{ "spf-long", MZ_SLOT_SPF, true, mz_plant_spf_long },
	{ "spf-long-other-only", MZ_SLOT_SPF, false, mz_plant_spf_long_other },
	{ "spf-two-one-long", MZ_SLOT_SPF, false, mz_plant_spf_two_long },
	{ "spf-split-include", MZ_SLOT_SPF, true, mz_plant_spf_split_include },
	{ "spf-split-redirect", MZ_SLOT_SPF, true,
	    mz_plant_spf_split_redirect },
	{ "dmarc-missing", MZ_SLOT_DMARC, false, mz_plant_dmarc_missing },
	{ "dmarc-at-apex", MZ_SLOT_DMARC, false, mz_plant_dmarc_apex },
	{ "dmarc-cname", MZ_SLOT_DMARC, true, mz_plant_dmarc_cname },
	{ "dmarc-report-auth", MZ_SLOT_REPORT, true, mz_plant_dmarc_report },
};

#define MZ_PLANTERS (sizeof(mz_planters) / sizeof(mz_planters[0]))
#define MZ_PLANTED_MAX 4

/* ---- the result --------------------------------------------------------- */

typedef struct mz_out {
	uint64_t seed;
	char domain[32];     /* "d17.example", no trailing dot */
	char *zone;          /* the zone file */
	char *yaml;          /* the profile, or NULL: the built-in one */
	mz_profile_t profile;
	unsigned planted[MZ_PLANTED_MAX]; /* indexes into mz_planters */
	unsigned nplanted;
	bool defective;      /* a planted defect: the zone needs a fix */
	bool nomail;         /* null MX: the domain takes no mail */
	bool spf_defect;     /* a planted SPF defect (not a variation) */
	/* The unrelated records, "owner. TTL IN TYPE DATA", absolute. */
	char **keep;
	size_t nkeep;
	bool nomem;
} mz_out_t;

MZ_FN void
mz_out_free(mz_out_t *o)
{
	size_t i;

	free(o->zone);
	free(o->yaml);
	for (i = 0; i < o->nkeep; i++) {
		free(o->keep[i]);
	}
	free(o->keep);
	memset(o, 0, sizeof(*o));
}

/* "imap,spf-two-records" (or "none") into out. */
MZ_FN void
mz_planted_names(const mz_out_t *o, char *out, size_t size)
{
	size_t len = 0;
	unsigned i;

	snprintf(out, size, "%s", o->nplanted ? "" : "none");
	for (i = 0; i < o->nplanted && len < size; i++) {
		int n = snprintf(out + len, size - len, "%s%s", i ? "," : "",
		    mz_planters[o->planted[i]].name);

		len += n > 0 ? (size_t)n : 0;
	}
}

/* ---- writing ------------------------------------------------------------- */

typedef struct mz_style {
	int case_mode;    /* 0 lower, 1 upper, 2 mixed per letter */
	int abs_percent;  /* owners written absolute */
	bool origin_line; /* $ORIGIN at the top */
	bool ttl_line;    /* $TTL, and records at that TTL without one */
	uint32_t default_ttl;
	int class_mode;   /* 0 "TTL IN", 1 "IN TTL", 2 no class */
	bool blank_owner; /* a record at the previous owner: blank owner */
	bool comments;
	bool multiline;   /* SOA and long TXT over several lines */
} mz_style_t;

static void
mz_put_case(mz_gen_t *g, const mz_style_t *st, mz_buf_t *b, const char *s)
{
	for (; *s != '\0'; s++) {
		char c = *s;

		if (c >= 'a' && c <= 'z' && (st->case_mode == 1 ||
		    (st->case_mode == 2 && mz_chance(&g->rng, 40)))) {
			c = (char)(c - 'a' + 'A');
		}
		mz_putn(b, &c, 1);
	}
}

/* The owner as the zone writes it: absolute, '@' or relative (relative
 * names need $ORIGIN or the origin from outside: both are given). */
static void
mz_put_owner(mz_gen_t *g, const mz_style_t *st, mz_buf_t *b,
    const char *owner)
{
	bool apex = strcmp(owner, "@") == 0;

	if (mz_below(&g->rng, 100) < (unsigned)st->abs_percent) {
		if (!apex) {
			mz_put_case(g, st, b, owner);
			mz_puts(b, ".");
		}
		mz_put_case(g, st, b, g->domain);
		mz_puts(b, ".");
	} else if (apex) {
		mz_puts(b, "@");
	} else {
		mz_put_case(g, st, b, owner);
	}
}

/* TXT text as quoted strings: the '\n' splits, and pieces over 255 octets
 * packed at spaces (each string but the last ends with its space). */
static void
mz_put_txt(mz_buf_t *b, const char *text, bool multiline)
{
	const char *p = text;
	bool first = true;

	for (;;) {
		size_t n = strcspn(p, "\n");

		do {
			size_t len = n, i;

			if (len > 255) {
				len = 255;
				while (len > 0 && p[len - 1] != ' ') {
					len--;
				}
				len = len > 0 ? len : 255;
			}
			if (!first) {
				mz_puts(b, multiline ? "\n\t\t" : " ");
			}
			first = false;
			mz_puts(b, "\"");
			for (i = 0; i < len; i++) {
				if (p[i] == '"' || p[i] == '\\') {
					mz_puts(b, "\\");
				}
				mz_putn(b, p + i, 1);
			}
			mz_puts(b, "\"");
			p += len;
			n -= len;
		} while (n > 0);
		if (*p != '\n') {
			break;
		}
		p++;
	}
}

/* The record's data as written in the zone, into b. */
static void
mz_put_data(mz_buf_t *b, const mz_rec_t *r, bool multiline)
{
	if (r->flags & MZ_TXT) {
		mz_put_txt(b, r->data, multiline);
	} else {
		mz_puts(b, r->data);
	}
}

static void
mz_write_record(mz_gen_t *g, const mz_style_t *st, mz_buf_t *b,
    const mz_rec_t *r, const mz_rec_t *prev)
{
	bool ttl = !st->ttl_line || r->ttl != st->default_ttl ||
	    mz_chance(&g->rng, 20);
	bool multi = st->multiline && (r->flags & MZ_TXT) &&
	    strlen(r->data) > 200;

	if (prev != NULL && st->blank_owner && strcmp(prev->owner,
	    r->owner) == 0 && mz_chance(&g->rng, 60)) {
		mz_puts(b, "\t");
	} else {
		mz_put_owner(g, st, b, r->owner);
	}
	if (st->class_mode == 1) {
		mz_puts(b, "\tIN");
	}
	if (ttl) {
		mz_putf(b, "\t%u", (unsigned)r->ttl);
	}
	if (st->class_mode == 0) {
		mz_puts(b, "\tIN");
	}
	mz_putf(b, "\t%s\t", r->type);
	if (multi) {
		mz_puts(b, "(\n\t\t");
	}
	mz_put_data(b, r, multi);
	if (multi) {
		mz_puts(b, " )");
	}
	if (st->comments && mz_chance(&g->rng, 10)) {
		mz_puts(b, "\t; a comment");
	}
	mz_puts(b, "\n");
}

static void
mz_shuffle(mz_gen_t *g, size_t from)
{
	size_t i;

	for (i = g->z.n; i > from + 1; i--) {
		size_t j = from + mz_below(&g->rng, (unsigned)(i - from));
		mz_rec_t t = g->z.r[i - 1];

		g->z.r[i - 1] = g->z.r[j];
		g->z.r[j] = t;
	}
}

/* One TTL per RRset: the first record's, drawn from a few. */
static void
mz_set_ttls(mz_gen_t *g)
{
	static const uint32_t ttls[] = { 300, 600, 3600, 3600, 86400 };
	size_t i, j;

	for (i = 0; i < g->z.n; i++) {
		mz_rec_t *r = &g->z.r[i];

		r->ttl = 0;
		for (j = 0; j < i; j++) {
			if (strcmp(g->z.r[j].owner, r->owner) == 0 &&
			    strcmp(g->z.r[j].type, r->type) == 0) {
				r->ttl = g->z.r[j].ttl;
				break;
			}
		}
		if (r->ttl == 0) {
			r->ttl = mz_chance(&g->rng, 40) ? g->p->ttl :
			    ttls[mz_below(&g->rng, 5)];
		}
	}
}

/* Names in CNAME and MX data in mixed case (names compare without it). */
static void
mz_case_data(mz_gen_t *g)
{
	size_t i;

	for (i = 0; i < g->z.n; i++) {
		mz_rec_t *r = &g->z.r[i];
		char *c;

		if ((r->flags & MZ_KEEP) || (strcmp(r->type, "CNAME") != 0 &&
		    strcmp(r->type, "MX") != 0) || !mz_chance(&g->rng, 30)) {
			continue;
		}
		for (c = r->data; *c != '\0'; c++) {
			if (*c >= 'a' && *c <= 'z' && mz_chance(&g->rng, 50)) {
				*c = (char)(*c - 'a' + 'A');
			}
		}
	}
}

/* SPF records written as two strings (split after a space) now and then. */
static void
mz_split_txt(mz_gen_t *g)
{
	size_t i;

	for (i = 0; i < g->z.n; i++) {
		mz_rec_t *r = &g->z.r[i];
		char *sp, *d;
		size_t at, len;

		if (!(r->flags & MZ_TXT) || (r->flags & MZ_FIXED) ||
		    strchr(r->data, '\n') != NULL ||
		    (sp = strchr(r->data, ' ')) == NULL ||
		    !mz_chance(&g->rng, 20)) {
			continue;
		}
		len = strlen(r->data);
		if ((d = malloc(len + 2)) == NULL) {
			g->z.nomem = true;
			return;
		}
		at = (size_t)(sp - r->data) + 1;
		memcpy(d, r->data, at);
		d[at] = '\n';
		memcpy(d + at + 1, r->data + at, len - at + 1);
		free(r->data);
		r->data = d;
	}
}

/* The unrelated records as absolute presentation lines, into out. */
static void
mz_keep_lines(mz_gen_t *g, mz_out_t *out)
{
	size_t i;

	for (i = 0; i < g->z.n; i++) {
		const mz_rec_t *r = &g->z.r[i];
		mz_buf_t b = { 0 };
		char **p;

		if (!(r->flags & MZ_KEEP)) {
			continue;
		}
		if (strcmp(r->owner, "@") != 0) {
			mz_putf(&b, "%s.", r->owner);
		}
		mz_putf(&b, "%s. %u IN %s ", g->domain, (unsigned)r->ttl,
		    r->type);
		mz_put_data(&b, r, false);
		p = realloc(out->keep, (out->nkeep + 1) * sizeof(*p));
		if (p == NULL || b.nomem) {
			free(b.p);
			out->nomem = true;
			if (p != NULL) {
				out->keep = p;
			}
			return;
		}
		out->keep = p;
		out->keep[out->nkeep++] = mz_take(&b);
	}
}

/* ---- the generator ------------------------------------------------------ */

/*
 * The zone of seed `seed` into `out` (zeroed here; free with mz_out_free).
 * Returns false only when out of memory.
 */
MZ_FN bool
mz_generate(uint64_t seed, mz_out_t *out)
{
	mz_gen_t g;
	mz_style_t st;
	mz_buf_t b = { 0 };
	char d[160];
	unsigned i, k, tries, want;
	size_t first_rec;
	char names[256];

	memset(out, 0, sizeof(*out));
	memset(&g, 0, sizeof(g));
	out->seed = seed;
	mz_rng_seed(&g.rng, seed);
	snprintf(g.domain, sizeof(g.domain), "d%u.example", (unsigned)seed);
	snprintf(out->domain, sizeof(out->domain), "%s", g.domain);

	/* The provider: three zones in four use the built-in one. */
	if (mz_chance(&g.rng, 75)) {
		mz_profile_webmo(&out->profile);
	} else {
		mz_profile_random(&out->profile, &g.rng, seed);
		mz_profile_yaml(&out->profile, &b);
		if ((out->yaml = mz_take(&b)) == NULL) {
			out->nomem = true;
			return false;
		}
	}
	g.p = &out->profile;

	/* SOA, NS and the NS host; then the provider's records. */
	snprintf(d, sizeof(d), "ns1.%s. hostmaster.%s. %u 3600 600 86400 300",
	    g.domain, g.domain, 2026000000u + mz_below(&g.rng, 1000000));
	mz_add(&g.z, "@", "SOA", d, MZ_KEEP);
	snprintf(d, sizeof(d), "ns1.%s.", g.domain);
	mz_add(&g.z, "@", "NS", d, MZ_KEEP);
	mz_add(&g.z, "ns1", "A", "192.0.2.53", MZ_KEEP);
	first_rec = g.z.n;
	for (i = 0; i < g.p->ncname; i++) {
		mz_add(&g.z, g.p->label[i], "CNAME", g.p->target[i], 0);
	}
	for (i = 0; i < g.p->nmx; i++) {
		snprintf(d, sizeof(d), "%u %s", g.p->mx_prio[i],
		    g.p->mx_host[i]);
		mz_add(&g.z, "@", "MX", d, 0);
	}
	if (g.p->spf[0] != '\0') {
		mz_add(&g.z, "@", "TXT", g.p->spf, MZ_TXT);
	}
	if (g.p->dmarc[0] != '\0') {
		mz_add(&g.z, "_dmarc", "TXT", g.p->dmarc, MZ_TXT);
	}

	/* The unrelated records, and now and then the SRV extras. */
	snprintf(d, sizeof(d), "192.0.2.%u", 80 + mz_below(&g.rng, 20));
	mz_add(&g.z, "www", "A", d, MZ_KEEP);
	snprintf(d, sizeof(d), "2001:db8::%x", 0x80 + mz_below(&g.rng, 16));
	mz_add(&g.z, "www", "AAAA", d, MZ_KEEP);
	snprintf(d, sizeof(d), "google-site-verification=%016llx",
	    (unsigned long long)mz_next(&g.rng));
	mz_add(&g.z, "@", "TXT", d, MZ_TXT | MZ_KEEP);
	mz_add(&g.z, "sub", "NS", "ns1.other.example.", MZ_KEEP);
	mz_add(&g.z, "_sip._tcp", "SRV", "0 5 5060 sip.example.net.", MZ_KEEP);
	mz_add(&g.z, "@", "CAA", mz_chance(&g.rng, 50) ?
	    "0 issue \"letsencrypt.org\"" : "0 iodef \"mailto:ca@example.net\"",
	    MZ_KEEP);
	if (mz_chance(&g.rng, 30)) {
		for (i = 0; i < g.p->nsrv; i++) {
			const mz_service_t *s = &g.p->srv[i];

			if (s->srv == NULL ||
			    mz_find(&g.z, s->srv, "SRV", 0) >= 0) {
				continue;
			}
			snprintf(d, sizeof(d), "%u %u %u %s", s->priority,
			    s->weight, s->port, s->host);
			mz_add(&g.z, s->srv, "SRV", d, MZ_KEEP);
		}
	}

	/* The planters: none in one zone out of five, else one to four. */
	want = mz_below(&g.rng, 100);
	want = want < 20 ? 0 : want < 65 ? 1 : want < 85 ? 2 : want < 95 ? 3 :
	    4;
	for (tries = 0; out->nplanted < want && tries < 16; tries++) {
		const mz_planter_t *pl;

		k = mz_below(&g.rng, MZ_PLANTERS);
		pl = &mz_planters[k];
		if ((pl->slot == MZ_SLOT_ALL && out->nplanted > 0) ||
		    (g.slots & MZ_SLOT_ALL) || (pl->slot & g.slots) != 0) {
			continue;
		}
		if (!pl->plant(&g)) {
			continue;
		}
		g.slots |= pl->slot;
		out->planted[out->nplanted++] = k;
		if (!pl->clean) {
			out->defective = true;
			out->spf_defect |= pl->slot == MZ_SLOT_SPF;
		}
		if (pl->slot == MZ_SLOT_ALL) {
			break;
		}
	}
	out->nomail = g.nomail;

	/* The style. */
	memset(&st, 0, sizeof(st));
	st.case_mode = mz_chance(&g.rng, 60) ? 0 : mz_chance(&g.rng, 50) ? 1 :
	    2;
	st.abs_percent = (int)(mz_below(&g.rng, 3) * 50);
	st.origin_line = mz_chance(&g.rng, 70);
	st.ttl_line = mz_chance(&g.rng, 50);
	st.class_mode = (int)mz_below(&g.rng, 3);
	st.blank_owner = mz_chance(&g.rng, 40);
	st.comments = mz_chance(&g.rng, 30);
	st.multiline = mz_chance(&g.rng, 40);
	if (st.case_mode != 0) {
		mz_case_data(&g);
	}
	mz_split_txt(&g);
	if (mz_chance(&g.rng, 50)) {
		mz_shuffle(&g, first_rec);
	}
	mz_set_ttls(&g);
	st.default_ttl = g.z.r[mz_below(&g.rng, (unsigned)g.z.n)].ttl;

	/* The zone file. */
	mz_planted_names(out, names, sizeof(names));
	mz_putf(&b, "; %s: seed 0x%016llx, profile %s, planted %s\n",
	    g.domain, (unsigned long long)seed, g.p->name, names);
	if (st.origin_line) {
		mz_puts(&b, "$ORIGIN ");
		mz_put_case(&g, &st, &b, g.domain);
		mz_puts(&b, ".\n");
	}
	if (st.ttl_line) {
		mz_putf(&b, "$TTL %u\n", (unsigned)st.default_ttl);
	}
	for (i = 0; i < g.z.n; i++) {
		const mz_rec_t *r = &g.z.r[i];

		if (strcmp(r->type, "SOA") == 0 && st.multiline) {
			unsigned serial;

			mz_put_owner(&g, &st, &b, "@");
			mz_putf(&b, "\t%u\tIN\tSOA\tns1.%s. hostmaster.%s. (\n",
			    (unsigned)r->ttl, g.domain, g.domain);
			sscanf(strchr(strchr(r->data, ' ') + 1, ' ') + 1, "%u",
			    &serial);
			mz_putf(&b, "\t\t%u ; serial\n\t\t3600 600 86400 300 "
				    ")\n", serial);
		} else {
			mz_write_record(&g, &st, &b, r, i > 0 ? &g.z.r[i - 1] :
			    NULL);
		}
		if (st.comments && mz_chance(&g.rng, 5)) {
			mz_puts(&b, "\n; next\n");
		}
	}
	out->zone = mz_take(&b);
	mz_keep_lines(&g, out);
	out->nomem |= out->zone == NULL || g.z.nomem;
	mz_zone_free(&g.z);
	return !out->nomem;
}

#endif /* TESTS_UNIT_MAILZONE_H */
