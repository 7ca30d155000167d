/* test_bindiff.c: zonelint's DNS rules against BIND 9's named-checkzone. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * A differential test; tests/peer/BINDIFF.md says what is compared, with
 * which options and why, and what was decided about each disagreement.
 *
 * A seeded generator (splitmix64) writes small zones, zN.example., into
 * which it plants 0 to 3 problems at random: a CNAME beside other data, a
 * CNAME at the apex, two CNAMEs at a name, an MX, NS or SRV whose target is
 * an in-zone CNAME, a record of class CH or HS; and legal look-alikes:
 * RRSIG and NSEC beside a CNAME, a CNAME written twice, MX and NS targets
 * out of the zone.  Each zone is checked by `named-checkzone -i local
 * -M fail -S fail` and by zonelint in-process (--profile none, --origin),
 * and for each category the names each tool reports are compared with each
 * other and with what was planted.
 *
 * named-checkzone stops in phases: a zone refused while its file loads
 * (class, CNAME and other data, a second CNAME) gets no apex NS check, and
 * one refused there gets no MX, SRV or delegation checks.  A category
 * behind an earlier refusal is compared between zonelint and the plan only.
 *
 * Environment: ZL_BINDIFF_COUNT zones (300), ZL_BINDIFF_SEED (a fixed
 * one).  A zone that disagrees is kept under $TMPDIR; `test_bindiff --emit
 * N` prints zone N again.  named-checkzone missing is a failure, never a
 * skip.
 */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lint/lint.h"
#include "tests/unit/oracle.h"
#include "tests/unit/unit.h"

#define DEFAULT_COUNT 300u
#define DEFAULT_SEED UINT64_C(0x20251130b1d0f00d)
#define TEXT_MAX 256
#define BODY_MAX 96
#define NOTES_MAX 8
#define KEYS_MAX 16
#define KEY_MAX 128
#define SHOW_MAX 2 /* disagreements shown in full, per category */

/* ---- what is compared ------------------------------------------------- */

enum category {
	C_CNAME_OTHER,
	C_CNAME_APEX,
	C_CNAME_MULTI,
	C_CLASS,
	C_NS_APEX,
	C_MX,
	C_SRV,
	C_NS_DELEG,
	C_TTL,
	C_TTL_REJECTED,
	C_MX_NOADDR,
	C_SRV_NOADDR,
	C__COUNT
};

/*
 * phase: when named-checkzone judges it (1 loading the file, 2 the apex NS
 * check, 3 the integrity checks); fatal: whether it refuses the zone for
 * it with the options used (a delegation's NS to a CNAME is only logged);
 * severity: zonelint's, at which its finding counts.
 */
static const struct category_info {
	const char *name;
	int phase;
	bool fatal;
	const char *severity;
} categories[C__COUNT] = {
	[C_CNAME_OTHER] = { "cname-and-other-data", 1, true, "error" },
	[C_CNAME_APEX] = { "cname-at-apex", 1, true, "error" },
	[C_CNAME_MULTI] = { "cname-multiple", 1, true, "error" },
	[C_CLASS] = { "class-mismatch", 1, true, "error" },
	[C_NS_APEX] = { "ns-target-cname-apex", 2, true, "error" },
	[C_MX] = { "mx-target-cname", 3, true, "error" },
	[C_SRV] = { "srv-target-cname", 3, true, "error" },
	[C_NS_DELEG] = { "ns-target-cname-delegation", 3, false, "error" },
	/* BIND's first TTL message (zonelint says it once a file): "using
	 * SOA MINTTL" or "RFC1035 TTL semantics"; "zone rejected". */
	[C_TTL] = { "default-ttl-missing", 1, false, "warning" },
	[C_TTL_REJECTED] = { "default-ttl-missing-rejected", 1, true,
	    "warning" },
	/* Keyed "OWNER/TARGET": the record and the name it names. */
	[C_MX_NOADDR] = { "target-no-address-mx", 3, false, "error" },
	[C_SRV_NOADDR] = { "target-no-address-srv", 3, false, "error" },
};

/* The zonelint rules judged here, each in the table with its default
 * severity. */
static const struct {
	const char *id;
	zg_severity_t severity;
} judged_rules[] = { { "cname-and-other-data", ZG_SEV_ERROR },
	{ "cname-at-apex", ZG_SEV_ERROR }, { "cname-multiple", ZG_SEV_ERROR },
	{ "mx-target-cname", ZG_SEV_ERROR },
	{ "ns-target-cname", ZG_SEV_ERROR },
	{ "srv-target-cname", ZG_SEV_ERROR },
	{ "default-ttl-missing", ZG_SEV_WARNING },
	{ "target-no-address", ZG_SEV_ERROR } };

/* A set of names (lower case, no final dot) or "line N" keys. */
typedef struct keyset {
	unsigned n;
	bool overflow;
	char k[KEYS_MAX][KEY_MAX];
} keyset_t;

typedef struct verdicts {
	keyset_t c[C__COUNT];
} verdicts_t;

static void
keyset_add(keyset_t *s, const char *key)
{
	char k[KEY_MAX];
	size_t n = strlen(key), i;
	unsigned at;

	if (n > 1 && key[n - 1] == '.') {
		n--;
	}
	if (n >= sizeof(k)) {
		s->overflow = true;
		return;
	}
	for (i = 0; i < n; i++) {
		k[i] = (char)tolower((unsigned char)key[i]);
	}
	k[n] = '\0';
	for (at = 0; at < s->n; at++) {
		int c = strcmp(s->k[at], k);

		if (c == 0) {
			return;
		}
		if (c > 0) {
			break;
		}
	}
	if (s->n == KEYS_MAX) {
		s->overflow = true;
		return;
	}
	memmove(s->k[at + 1], s->k[at], (s->n - at) * sizeof(s->k[0]));
	memcpy(s->k[at], k, n + 1);
	s->n++;
}

static bool
keyset_eq(const keyset_t *a, const keyset_t *b)
{
	unsigned i;

	if (a->n != b->n || a->overflow || b->overflow) {
		return false;
	}
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->k[i], b->k[i]) != 0) {
			return false;
		}
	}
	return true;
}

static void
keyset_print(const keyset_t *s, FILE *fp)
{
	unsigned i;

	fputc('{', fp);
	for (i = 0; i < s->n; i++) {
		fprintf(fp, "%s%s", i ? ", " : "", s->k[i]);
	}
	fputs(s->overflow ? ", ...}" : "}", fp);
}

/* ---- the generator ------------------------------------------------------ */


enum kind {
	K_CNAME_OTHER,
	K_CNAME_DNSSEC,
	K_CNAME_APEX,
	K_CNAME_MULTI,
	K_MX_CNAME,
	K_NS_CNAME,
	K_SRV_CNAME,
	K_OUT_OF_ZONE,
	K_CLASS,
	K__DRAWN, /* the kinds above are drawn from the zone's generator */
	K_NO_ADDRESS = K__DRAWN,
	K__COUNT
};

static const char *const kind_names[K__COUNT] = {
	[K_CNAME_OTHER] = "CNAME beside other data",
	[K_CNAME_DNSSEC] = "CNAME beside RRSIG/NSEC (legal)",
	[K_CNAME_APEX] = "CNAME at the apex",
	[K_CNAME_MULTI] = "two or three CNAMEs at a name (or one twice)",
	[K_MX_CNAME] = "MX to an in-zone CNAME",
	[K_NS_CNAME] = "NS (apex or delegation) to an in-zone CNAME",
	[K_SRV_CNAME] = "SRV to an in-zone CNAME",
	[K_OUT_OF_ZONE] = "MX or NS to an out-of-zone name (legal)",
	[K_CLASS] = "a record of class CH or HS",
	[K_NO_ADDRESS] = "MX or SRV to an in-zone name with or without an "
			 "address (wildcards, delegations, ENTs)",
};

typedef struct line {
	char text[TEXT_MAX];
	bool other_class; /* its line number is a class-mismatch key */
} line_t;

/* How the zone gives its records their TTLs (zone_write). */
enum ttl_mode {
	T_DOLLAR,   /* $TTL 300: no TTL message */
	T_SOA_MIN,  /* no $TTL, an SOA without a TTL: "using SOA MINTTL" */
	T_RFC1035,  /* no $TTL, the SOA with one: "RFC1035 TTL semantics" */
	T_REJECTED, /* no $TTL, a record without one before the SOA */
	T__COUNT
};

typedef struct zone {
	rng_t rng;
	unsigned index;
	enum ttl_mode ttl;
	uint64_t seed;
	char origin[64]; /* "z17.example." */
	bool relative;   /* names written relative to $ORIGIN */
	unsigned fresh;  /* planted names: p1, a2, ... */
	unsigned hosts;  /* h1 .. hN have A records */
	unsigned plants; /* problems and look-alikes planted */
	bool apex_cname;
	bool other_class; /* a record of class CH or HS was planted */
	bool full;        /* the body or the notes ran out of room */
	size_t nbody;
	line_t body[BODY_MAX];
	size_t nnotes;
	char notes[NOTES_MAX][TEXT_MAX];
	unsigned kinds[K__COUNT];
	verdicts_t plan;
} zone_t;

/* LABEL ("@": the apex) as the zone file writes it. */
static const char *
zname(const zone_t *z, const char *label, char *buf, size_t size)
{
	if (strcmp(label, "@") == 0) {
		snprintf(buf, size, "%s", z->relative ? "@" : z->origin);
	} else if (z->relative) {
		snprintf(buf, size, "%s", label);
	} else {
		snprintf(buf, size, "%s.%s", label, z->origin);
	}
	return buf;
}

/* LABEL's absolute name, the key both tools' reports are compared by. */
static const char *
zabs(const zone_t *z, const char *label, char *buf, size_t size)
{
	if (strcmp(label, "@") == 0) {
		snprintf(buf, size, "%s", z->origin);
	} else {
		snprintf(buf, size, "%s.%s", label, z->origin);
	}
	return buf;
}

static void
plan_add(zone_t *z, enum category c, const char *label)
{
	char k[KEY_MAX];

	keyset_add(&z->plan.c[c], zabs(z, label, k, sizeof(k)));
}

/* A fresh label: PREFIX followed by a number no other name has. */
static const char *
fresh(zone_t *z, const char *prefix, char *buf, size_t size)
{
	snprintf(buf, size, "%s%u", prefix, ++z->fresh);
	return buf;
}

/* A random existing host: h1 .. hN, or ns1. */
static const char *
host(zone_t *z, char *buf, size_t size)
{
	unsigned i = rng_below(&z->rng, z->hosts + 1);

	if (i == 0) {
		snprintf(buf, size, "ns1");
	} else {
		snprintf(buf, size, "h%u", i);
	}
	return buf;
}

/* A CNAME's target: an existing host or a name out of the zone. */
static const char *
alias_target(zone_t *z, char *buf, size_t size)
{
	char h[32];

	switch (rng_below(&z->rng, 3)) {
	case 0:
		return zname(z, host(z, h, sizeof(h)), buf, size);
	case 1:
		snprintf(buf, size, "www%u.example.net.",
		    rng_below(&z->rng, 10));
		return buf;
	default:
		snprintf(buf, size, "%s.%s", host(z, h, sizeof(h)), z->origin);
		return buf;
	}
}

/* One record line: OWNER [IN] TEXT (the class written half the time). */
__attribute__((format(printf, 4, 5))) static void
rr(zone_t *z, line_t *l, const char *owner, const char *fmt, ...)
{
	char o[TEXT_MAX], rest[TEXT_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(rest, sizeof(rest), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(rest)) {
		z->full = true;
	}
	n = snprintf(l->text, sizeof(l->text), "%s\t%s%s",
	    zname(z, owner, o, sizeof(o)),
	    rng_below(&z->rng, 2) ? "IN\t" : "", rest);
	if (n < 0 || (size_t)n >= sizeof(l->text)) {
		z->full = true;
	}
	l->other_class = false;
}

__attribute__((format(printf, 2, 3))) static void
note(zone_t *z, const char *fmt, ...)
{
	va_list ap;

	if (z->nnotes == NOTES_MAX) {
		z->full = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(z->notes[z->nnotes++], TEXT_MAX, fmt, ap);
	va_end(ap);
}

static void
append(zone_t *z, const line_t *l)
{
	if (z->nbody == BODY_MAX) {
		z->full = true;
		return;
	}
	z->body[z->nbody++] = *l;
}

/* Insert the lines at random places in the body, keeping their order. */
static void
insert_group(zone_t *z, const line_t *g, size_t n)
{
	size_t i, pos;

	if (z->nbody + n > BODY_MAX) {
		z->full = true;
		return;
	}
	pos = rng_below(&z->rng, (unsigned)z->nbody + 1);
	for (i = 0; i < n; i++) {
		memmove(&z->body[pos + 1], &z->body[pos],
		    (z->nbody - pos) * sizeof(z->body[0]));
		z->body[pos] = g[i];
		z->nbody++;
		pos += 1 + rng_below(&z->rng, (unsigned)(z->nbody - pos));
	}
}

/* SOA aside (zone_write writes it), NS, glue, hosts and legal extras. */
static void
zone_base(zone_t *z)
{
	char a[TEXT_MAX], b[TEXT_MAX];
	line_t l;
	unsigned i;

	z->hosts = 1 + rng_below(&z->rng, 4);
	rr(z, &l, "@", "NS\t%s", zname(z, "ns1", a, sizeof(a)));
	append(z, &l);
	rr(z, &l, "ns1", "A\t192.0.2.%u", 1 + z->index % 250);
	append(z, &l);
	if (rng_below(&z->rng, 3) == 0) {
		rr(z, &l, "@", "NS\tns%u.example.org.", z->index % 7);
		append(z, &l);
	}
	for (i = 1; i <= z->hosts; i++) {
		snprintf(b, sizeof(b), "h%u", i);
		rr(z, &l, b, "A\t198.51.100.%u", i);
		append(z, &l);
	}
	if (rng_below(&z->rng, 2) == 0) {
		rr(z, &l, "@", "MX\t10 %s", zname(z, "h1", a, sizeof(a)));
		append(z, &l);
	}
	if (rng_below(&z->rng, 2) == 0) {
		rr(z, &l, "www", "CNAME\t%s", alias_target(z, a, sizeof(a)));
		append(z, &l);
	}
	if (rng_below(&z->rng, 3) == 0) {
		rr(z, &l, "sub", "NS\t%s", zname(z, "ns.sub", a, sizeof(a)));
		append(z, &l);
		rr(z, &l, "ns.sub", "A\t203.0.113.%u", 1 + z->index % 250);
		append(z, &l);
	}
}

/* Another record at a name, of type A, TXT or MX; legal on its own. */
static void
other_data(zone_t *z, line_t *l, const char *owner, const char **type)
{
	char a[TEXT_MAX], h[32];

	switch (rng_below(&z->rng, 3)) {
	case 0:
		*type = "A";
		rr(z, l, owner, "A\t192.0.2.%u", 100 + rng_below(&z->rng, 100));
		break;
	case 1:
		*type = "TXT";
		rr(z, l, owner, "TXT\t\"planted %u\"", z->fresh);
		break;
	default:
		*type = "MX";
		if (rng_below(&z->rng, 2)) {
			zname(z, host(z, h, sizeof(h)), a, sizeof(a));
		} else {
			snprintf(a, sizeof(a), "mx.example.net.");
		}
		rr(z, l, owner, "MX\t%u %s", 10 * (1 + rng_below(&z->rng, 5)),
		    a);
		break;
	}
}

/* RRSIG (covering CNAME) or NSEC at OWNER, a three-label name. */
static void
dnssec_data(zone_t *z, line_t *l, const char *owner, bool nsec)
{
	if (nsec) {
		rr(z, l, owner, "NSEC\t%s CNAME RRSIG NSEC", z->origin);
	} else {
		rr(z, l, owner, "RRSIG\tCNAME 8 3 300 20300101000000 "
		    "20200101000000 12345 %s dGVzdA==", z->origin);
	}
}

static void
plant_cname_other(zone_t *z)
{
	char p[32], a[TEXT_MAX], types[64] = "";
	const char *type;
	line_t g[4];
	unsigned others = 1 + rng_below(&z->rng, 2);
	unsigned at = rng_below(&z->rng, others + 1), i;
	size_t n = 0;
	bool sig = rng_below(&z->rng, 3) == 0;

	fresh(z, "p", p, sizeof(p));
	for (i = 0; i <= others; i++) {
		if (i == at) {
			rr(z, &g[n++], p, "CNAME\t%s",
			    alias_target(z, a, sizeof(a)));
			continue;
		}
		other_data(z, &g[n++], p, &type);
		snprintf(types + strlen(types), sizeof(types) - strlen(types),
		    "%s%s", types[0] ? " " : "", type);
	}
	if (sig) {
		dnssec_data(z, &g[n++], p, false);
	}
	insert_group(z, g, n);
	plan_add(z, C_CNAME_OTHER, p);
	note(z, "cname-and-other-data at %s: CNAME %s of %u, beside %s%s", p,
	    at == 0 ? "first" : "after other data", others + 1, types,
	    sig ? " (and an RRSIG)" : "");
}

static void
plant_cname_dnssec(zone_t *z)
{
	static const char *const what[] = { "RRSIG", "NSEC", "RRSIG and NSEC" };
	char p[32], a[TEXT_MAX];
	line_t g[3];
	unsigned w = rng_below(&z->rng, 3), n = w == 2 ? 3 : 2;
	unsigned at = rng_below(&z->rng, n), i, d = 0;

	fresh(z, "p", p, sizeof(p));
	for (i = 0; i < n; i++) {
		if (i == at) {
			rr(z, &g[i], p, "CNAME\t%s",
			    alias_target(z, a, sizeof(a)));
		} else {
			dnssec_data(z, &g[i], p, w == 1 || (w == 2 && d++ == 1));
		}
	}
	insert_group(z, g, n);
	note(z, "legal: CNAME at %s with %s, the CNAME %s of %u", p, what[w],
	    at == 0 ? "first" : "not first", n);
}

static void
plant_cname_apex(zone_t *z)
{
	char a[TEXT_MAX];
	line_t l;

	z->apex_cname = true;
	rr(z, &l, "@", "CNAME\t%s", alias_target(z, a, sizeof(a)));
	insert_group(z, &l, 1);
	plan_add(z, C_CNAME_APEX, "@");
	note(z, "cname-at-apex");
}

static void
plant_cname_multi(zone_t *z)
{
	char p[32], a[TEXT_MAX];
	line_t g[3];
	unsigned n = 2 + rng_below(&z->rng, 2), i;
	bool same = rng_below(&z->rng, 4) == 0;

	fresh(z, "p", p, sizeof(p));
	alias_target(z, a, sizeof(a));
	for (i = 0; i < n; i++) {
		if (same) {
			rr(z, &g[i], p, "CNAME\t%s", a);
		} else if (i == 0) {
			rr(z, &g[i], p, "CNAME\t%s", a);
		} else {
			rr(z, &g[i], p, "CNAME\talt%u-%u.example.net.", z->fresh,
			    i);
		}
	}
	insert_group(z, g, n);
	if (same) {
		note(z, "legal: the same CNAME written %u times at %s", n, p);
	} else {
		plan_add(z, C_CNAME_MULTI, p);
		note(z, "cname-multiple at %s: %u CNAMEs", p, n);
	}
}

static void
plant_mx_cname(zone_t *z)
{
	char owner[32], alias[32], a[TEXT_MAX], t[TEXT_MAX];
	line_t g[2];
	bool mx_first = rng_below(&z->rng, 2);

	if (rng_below(&z->rng, 2)) {
		snprintf(owner, sizeof(owner), "@");
	} else {
		host(z, owner, sizeof(owner));
	}
	fresh(z, "a", alias, sizeof(alias));
	rr(z, &g[mx_first ? 0 : 1], owner, "MX\t%u %s",
	    10 * (1 + rng_below(&z->rng, 5)), zname(z, alias, a, sizeof(a)));
	rr(z, &g[mx_first ? 1 : 0], alias, "CNAME\t%s",
	    alias_target(z, t, sizeof(t)));
	insert_group(z, g, 2);
	plan_add(z, C_MX, owner);
	note(z, "mx-target-cname: MX at %s to %s, the CNAME %s", owner, alias,
	    mx_first ? "after" : "before");
}

static void
plant_ns_cname(zone_t *z)
{
	char owner[32], alias[32], a[TEXT_MAX], t[TEXT_MAX];
	line_t g[3];
	bool apex = rng_below(&z->rng, 2), ns_first = rng_below(&z->rng, 2);
	size_t n = 2;

	if (apex) {
		snprintf(owner, sizeof(owner), "@");
	} else {
		fresh(z, "d", owner, sizeof(owner));
	}
	fresh(z, "a", alias, sizeof(alias));
	rr(z, &g[ns_first ? 0 : 1], owner, "NS\t%s",
	    zname(z, alias, a, sizeof(a)));
	rr(z, &g[ns_first ? 1 : 0], alias, "CNAME\t%s",
	    alias_target(z, t, sizeof(t)));
	if (!apex && rng_below(&z->rng, 2)) {
		rr(z, &g[n++], owner, "NS\tns%u.example.net.", z->fresh);
	}
	insert_group(z, g, n);
	plan_add(z, apex ? C_NS_APEX : C_NS_DELEG, owner);
	note(z, "ns-target-cname: NS at %s (%s) to %s, the CNAME %s",
	    apex ? "the apex" : owner, apex ? "apex" : "delegation", alias,
	    ns_first ? "after" : "before");
}

static void
plant_srv_cname(zone_t *z)
{
	static const struct {
		const char *service;
		unsigned port;
	} srv[] = { { "_imap", 143 }, { "_imaps", 993 },
		{ "_submission", 587 }, { "_submissions", 465 },
		{ "_pop3s", 995 } };
	char owner[64], alias[32], s[32], a[TEXT_MAX], t[TEXT_MAX];
	line_t g[2];
	unsigned i = rng_below(&z->rng, sizeof(srv) / sizeof(srv[0]));
	bool srv_first = rng_below(&z->rng, 2);

	snprintf(owner, sizeof(owner), "%s._tcp.%s", srv[i].service,
	    fresh(z, "s", s, sizeof(s)));
	fresh(z, "a", alias, sizeof(alias));
	rr(z, &g[srv_first ? 0 : 1], owner, "SRV\t0 1 %u %s", srv[i].port,
	    zname(z, alias, a, sizeof(a)));
	rr(z, &g[srv_first ? 1 : 0], alias, "CNAME\t%s",
	    alias_target(z, t, sizeof(t)));
	insert_group(z, g, 2);
	plan_add(z, C_SRV, owner);
	note(z, "srv-target-cname: SRV at %s to %s, the CNAME %s", owner, alias,
	    srv_first ? "after" : "before");
}

static void
plant_out_of_zone(zone_t *z)
{
	char owner[32], c[32], a[TEXT_MAX], t[TEXT_MAX];
	line_t g[2];

	switch (rng_below(&z->rng, 4)) {
	case 0:
		if (rng_below(&z->rng, 2)) {
			snprintf(owner, sizeof(owner), "@");
		} else {
			host(z, owner, sizeof(owner));
		}
		rr(z, &g[0], owner, "MX\t20 mx%u.example.net.", z->fresh);
		insert_group(z, g, 1);
		note(z, "legal: MX at %s out of the zone", owner);
		break;
	case 1:
		fresh(z, "d", owner, sizeof(owner));
		rr(z, &g[0], owner, "NS\tns.%s.example.net.", owner);
		insert_group(z, g, 1);
		note(z, "legal: delegation %s to a server out of the zone",
		    owner);
		break;
	case 2:
		rr(z, &g[0], "@", "NS\tns%u.example.com.", z->fresh);
		insert_group(z, g, 1);
		note(z, "legal: apex NS out of the zone");
		break;
	default:
		/* An in-zone CNAME c.zN.example. and an MX (or NS) to
		 * c.zN.example.net., which only ends like it. */
		fresh(z, "c", c, sizeof(c));
		rr(z, &g[0], c, "CNAME\t%s", alias_target(z, t, sizeof(t)));
		snprintf(a, sizeof(a), "%s.%snet.", c, z->origin);
		if (rng_below(&z->rng, 2)) {
			rr(z, &g[1], "@", "MX\t30 %s", a);
		} else {
			fresh(z, "d", owner, sizeof(owner));
			rr(z, &g[1], owner, "NS\t%s", a);
		}
		insert_group(z, g, 2);
		note(z, "legal: MX or NS to %s, out of the zone, beside the "
		    "in-zone CNAME %s", a, c);
		break;
	}
}

/* Format a whole line; a line that does not fit marks the zone full. */
__attribute__((format(printf, 3, 4))) static void
line_printf(zone_t *z, line_t *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(l->text, sizeof(l->text), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(l->text)) {
		z->full = true;
	}
}

/* A CH or HS record: OWNER [TTL] CLASS DATA or OWNER CLASS [TTL] DATA. */
static void
class_record(zone_t *z, line_t *l, const char *owner, const char *cls,
    const char *data)
{
	char o[TEXT_MAX];

	zname(z, owner, o, sizeof(o));
	switch (rng_below(&z->rng, 3)) {
	case 0:
		line_printf(z, l, "%s\t%s\t%s", o, cls, data);
		break;
	case 1:
		line_printf(z, l, "%s\t300 %s\t%s", o, cls, data);
		break;
	default:
		line_printf(z, l, "%s\t%s 300\t%s", o, cls, data);
		break;
	}
	l->other_class = true;
}

static void
plant_class(zone_t *z)
{
	char owner[32], a[TEXT_MAX], data[TEXT_MAX];
	const char *cls = rng_below(&z->rng, 2) ? "CH" : "HS";
	line_t g[2];
	unsigned v = rng_below(&z->rng, 4);

	if (rng_below(&z->rng, 2)) {
		snprintf(data, sizeof(data), "TXT\t\"class %s\"", cls);
	} else {
		snprintf(data, sizeof(data), "A\t192.0.2.%u",
		    rng_below(&z->rng, 250));
	}
	z->other_class = true;
	switch (v) {
	case 0:
		fresh(z, "p", owner, sizeof(owner));
		class_record(z, &g[0], owner, cls, data);
		insert_group(z, g, 1);
		note(z, "class %s record at the new name %s", cls, owner);
		break;
	case 1:
		host(z, owner, sizeof(owner));
		class_record(z, &g[0], owner, cls, data);
		insert_group(z, g, 1);
		note(z, "class %s record at the host %s", cls, owner);
		break;
	case 2: {
		bool cname_first = rng_below(&z->rng, 2);

		fresh(z, "p", owner, sizeof(owner));
		rr(z, &g[cname_first ? 0 : 1], owner, "CNAME\t%s",
		    alias_target(z, a, sizeof(a)));
		class_record(z, &g[cname_first ? 1 : 0], owner, cls, data);
		insert_group(z, g, 2);
		note(z, "class %s record beside the IN CNAME at %s", cls,
		    owner);
		break;
	}
	default:
		host(z, owner, sizeof(owner));
		snprintf(data, sizeof(data), "CNAME\t%s-%s.example.net.",
		    cls, owner);
		class_record(z, &g[0], owner, cls, data);
		insert_group(z, g, 1);
		note(z, "class %s CNAME at the host %s", cls, owner);
		break;
	}
}

/* NAME as a key: lower case (keyset_add), without its final dot. */
static void
key_name(char *out, size_t size, const char *name)
{
	size_t n = strlen(name);

	snprintf(out, size, "%.*s", (int)(n > 1 && name[n - 1] == '.' ? n - 1
								       : n),
	    name);
}

/*
 * An MX or SRV record whose target is in the zone, in one of the shapes
 * named-checkzone judges ("has no address records (A or AAAA)") or
 * leaves alone: no name, a TXT record only, an empty non-terminal, an
 * address (in another case too), at or below a delegation, answered by a
 * wildcard (with or without an address; not across an empty
 * non-terminal), the record itself below a delegation.  Keyed
 * OWNER/TARGET.
 */
static void
plant_no_address(zone_t *z)
{
	static const char *const shapes[] = { "no records", "a TXT record only",
		"an empty non-terminal", "an address", "below a delegation",
		"a delegation", "a wildcard's address", "a wildcard's TXT",
		"an empty non-terminal under a wildcard's address",
		"two labels under a wildcard's address",
		"the record below a delegation",
		"an address, in another case" };
	char owner[64], x[32], t[64], host_name[64], a[TEXT_MAX], k[KEY_MAX];
	char ko[KEY_MAX / 2 - 1], kt[KEY_MAX / 2 - 1];
	line_t g[4], rec;
	size_t n = 0, at, i;
	bool srv = rng_below(&z->rng, 2), warn = false;
	unsigned v = rng_below(&z->rng, 12);

	if (srv) {
		snprintf(owner, sizeof(owner), "_imaps._tcp.%s",
		    fresh(z, "s", x, sizeof(x)));
	} else if (rng_below(&z->rng, 2)) {
		snprintf(owner, sizeof(owner), "@");
	} else {
		host(z, owner, sizeof(owner));
	}
	fresh(z, "t", t, sizeof(t));
	snprintf(host_name, sizeof(host_name), "%s", t);
	switch (v) {
	case 0:
		warn = true;
		break;
	case 1:
		rr(z, &g[n++], t, "TXT\t\"no address\"");
		warn = true;
		break;
	case 2:
		snprintf(a, sizeof(a), "x.%s", t);
		rr(z, &g[n++], a, "TXT\t\"below\"");
		warn = true;
		break;
	case 3:
		rr(z, &g[n++], t, "%s", rng_below(&z->rng, 2)
		    ? "A\t192.0.2.77" : "AAAA\t2001:db8::77");
		break;
	case 4:
	case 5:
	case 10:
		fresh(z, "d", x, sizeof(x));
		rr(z, &g[n++], x, "NS\tns.%s.example.net.", x);
		if (v == 4) {
			snprintf(host_name, sizeof(host_name), "mx.%s", x);
			if (rng_below(&z->rng, 2)) {
				rr(z, &g[n++], host_name, "A\t203.0.113.9");
			}
		} else if (v == 5) {
			snprintf(host_name, sizeof(host_name), "%s", x);
		} else {
			snprintf(owner, sizeof(owner), "%sx.%s",
			    srv ? "_imaps._tcp." : "", x);
		}
		break;
	case 6:
	case 7:
	case 8:
	case 9:
		fresh(z, "w", x, sizeof(x));
		snprintf(a, sizeof(a), "*.%s", x);
		rr(z, &g[n++], a, v == 7 ? "TXT\t\"wildcard\""
					 : "A\t192.0.2.88");
		if (v == 8) {
			snprintf(a, sizeof(a), "y.b.%s", x);
			rr(z, &g[n++], a, "TXT\t\"between\"");
		}
		snprintf(host_name, sizeof(host_name), "%s.%s",
		    v == 6 || v == 7 ? "x" : "a.b", x);
		warn = v == 7 || v == 8;
		break;
	default:
		rr(z, &g[n++], t, "A\t192.0.2.78");
		for (i = 0; host_name[i] != '\0'; i++) {
			host_name[i] =
			    (char)toupper((unsigned char)host_name[i]);
		}
		break;
	}
	if (srv) {
		rr(z, &rec, owner, "SRV\t0 1 993 %s",
		    zname(z, host_name, a, sizeof(a)));
	} else {
		rr(z, &rec, owner, "MX\t%u %s",
		    10 * (1 + rng_below(&z->rng, 5)),
		    zname(z, host_name, a, sizeof(a)));
	}
	/* The record before, between or after the names it needs. */
	at = rng_below(&z->rng, (unsigned)n + 1);
	memmove(&g[at + 1], &g[at], (n - at) * sizeof(g[0]));
	g[at] = rec;
	insert_group(z, g, n + 1);
	if (warn) {
		key_name(ko, sizeof(ko), zabs(z, owner, a, sizeof(a)));
		key_name(kt, sizeof(kt), zabs(z, host_name, a, sizeof(a)));
		snprintf(k, sizeof(k), "%s/%s", ko, kt);
		keyset_add(&z->plan.c[srv ? C_SRV_NOADDR : C_MX_NOADDR], k);
	}
	note(z, "%s%s at %s to %s: %s",
	    warn ? "target-no-address: " : "legal: ", srv ? "SRV" : "MX", owner,
	    host_name, shapes[v]);
}

static void
zone_build(zone_t *z, unsigned index, uint64_t seed)
{
	rng_t mix = { seed + index };
	char line[32];
	unsigned k;
	size_t i;

	memset(z, 0, sizeof(*z));
	z->index = index;
	z->seed = seed;
	z->rng.state = rng_next(&mix);
	/* Drawn from the mixer, not z->rng: the zones of a seed stay what
	 * they were before TTLs varied.  Most zones have $TTL. */
	k = (unsigned)(rng_next(&mix) % 10);
	z->ttl = k < 7 ? T_DOLLAR : (enum ttl_mode)(k - 6);
	if (z->ttl != T_DOLLAR) {
		note(z, "no $TTL, %s", z->ttl == T_SOA_MIN
			? "the SOA without a TTL"
			: z->ttl == T_RFC1035
			? "the SOA with a TTL"
			: "a record without a TTL before the SOA");
	}
	snprintf(z->origin, sizeof(z->origin), "z%u.example.", index);
	z->relative = rng_below(&z->rng, 2);
	zone_base(z);
	z->plants = rng_below(&z->rng, 4);
	for (i = 0; i < z->plants; i++) {
		do {
			k = rng_below(&z->rng, K__DRAWN);
		} while (k == K_CNAME_APEX && z->apex_cname);
		z->kinds[k]++;
		switch (k) {
		case K_CNAME_OTHER:
			plant_cname_other(z);
			break;
		case K_CNAME_DNSSEC:
			plant_cname_dnssec(z);
			break;
		case K_CNAME_APEX:
			plant_cname_apex(z);
			break;
		case K_CNAME_MULTI:
			plant_cname_multi(z);
			break;
		case K_MX_CNAME:
			plant_mx_cname(z);
			break;
		case K_NS_CNAME:
			plant_ns_cname(z);
			break;
		case K_SRV_CNAME:
			plant_srv_cname(z);
			break;
		case K_OUT_OF_ZONE:
			plant_out_of_zone(z);
			break;
		default:
			plant_class(z);
			break;
		}
	}
	/* MX and SRV targets with and without addresses: after the plants
	 * above, their number drawn from the mixer, so that the zones of a
	 * seed keep what they had. */
	k = (unsigned)(rng_next(&mix) % 3);
	for (i = 0; i < k; i++) {
		z->kinds[K_NO_ADDRESS]++;
		plant_no_address(z);
	}
	z->plants += k;
	if (z->plants == 0) {
		note(z, "nothing planted");
	}
	/* A CH or HS record is known by its line (zone_write's layout). */
	for (i = 0; i < z->nbody; i++) {
		if (z->body[i].other_class) {
			snprintf(line, sizeof(line), "line %zu",
			    1 + z->nnotes + 3 + i + 1);
			keyset_add(&z->plan.c[C_CLASS], line);
		}
	}
	/* The TTL message: at the SOA, at the first IN record of the body
	 * (none has a TTL of its own; other classes are refused first), or
	 * at the record before the SOA. */
	switch (z->ttl) {
	case T_SOA_MIN:
		snprintf(line, sizeof(line), "line %zu", 1 + z->nnotes + 3);
		keyset_add(&z->plan.c[C_TTL], line);
		break;
	case T_RFC1035:
		for (i = 0; i < z->nbody && z->body[i].other_class; i++) {
		}
		snprintf(line, sizeof(line), "line %zu",
		    1 + z->nnotes + 3 + i + 1);
		keyset_add(&z->plan.c[C_TTL], line);
		break;
	case T_REJECTED:
		snprintf(line, sizeof(line), "line %zu", 1 + z->nnotes + 2);
		keyset_add(&z->plan.c[C_TTL_REJECTED], line);
		break;
	default:
		break;
	}
}

/*
 * The zone file: a comment line, one for each note, $ORIGIN, $TTL (or in
 * its place a comment or a record without a TTL), the SOA, then the body
 * (zone_build counts the lines the same way).
 */
static void
zone_write(const zone_t *z, FILE *fp)
{
	char a[TEXT_MAX], b[TEXT_MAX], c[TEXT_MAX];
	size_t i;

	fprintf(fp, "; zonelint-bindiff zone %u, ZL_BINDIFF_SEED=0x%016llx\n",
	    z->index, (unsigned long long)z->seed);
	for (i = 0; i < z->nnotes; i++) {
		fprintf(fp, "; plant: %s\n", z->notes[i]);
	}
	fprintf(fp, "$ORIGIN %s\n", z->origin);
	if (z->ttl == T_DOLLAR) {
		fprintf(fp, "$TTL 300\n");
	} else if (z->ttl == T_REJECTED) {
		fprintf(fp, "%s\tTXT\t\"no TTL known\"\n",
		    zname(z, "ttl", a, sizeof(a)));
	} else {
		fprintf(fp, "; no $TTL\n");
	}
	fprintf(fp, "%s\t%sIN\tSOA\t%s %s 1 3600 600 86400 300\n",
	    zname(z, "@", a, sizeof(a)), z->ttl == T_RFC1035 ? "300\t" : "",
	    zname(z, "ns1", b, sizeof(b)),
	    zname(z, "hostmaster", c, sizeof(c)));
	for (i = 0; i < z->nbody; i++) {
		fprintf(fp, "%s\n", z->body[i].text);
	}
}

/* ---- named-checkzone ---------------------------------------------------- */



typedef struct result {
	verdicts_t bind;   /* named-checkzone's messages, by category */
	verdicts_t lint;   /* zonelint's findings at error level */
	int bind_status;   /* exit status; -1: it did not exit */
	bool bind_serial;  /* "loaded serial N" */
	bool bind_loaded;  /* "OK" */
	bool bind_refused; /* "not loaded due to errors." */
	bool bind_ttl;     /* a TTL message seen (only the first counts) */
	unsigned bind_unknown;
	unsigned lint_other; /* findings of other rules or severities */
	bool lint_failed;    /* zl_lint_file did not return ZG_OK */
	char *bind_out;
	size_t bind_len;
	char *lint_out;
	size_t lint_len;
} result_t;

/* After PREFIX: the text up to END (not included) into buf, or false. */
static bool
between(const char *s, const char *prefix, const char *end, char *buf,
    size_t size)
{
	const char *p, *e;

	if (strncmp(s, prefix, strlen(prefix)) != 0) {
		return false;
	}
	p = s + strlen(prefix);
	if ((e = strstr(p, end)) == NULL || (size_t)(e - p) >= size) {
		return false;
	}
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
	return true;
}

/* In S, what follows PREFIX, PATH and ':'; NULL when S does not start so. */
static const char *
after_path(const char *s, const char *prefix, const char *path)
{
	size_t n = strlen(prefix), m = strlen(path);

	if (strncmp(s, prefix, n) != 0 || strncmp(s + n, path, m) != 0 ||
	    s[n + m] != ':') {
		return NULL;
	}
	return s + n + m + 1;
}

#define NO_ADDRESS "' has no address records (A or AAAA)"
#define TTL_SOA ": no TTL specified; using SOA MINTTL instead"
#define TTL_1035 ": using RFC1035 TTL semantics"
#define TTL_REJECTED ": no TTL specified; zone rejected"

/* One line of named-checkzone's output; false when it is not known. */
static bool
bind_line(result_t *r, const zone_t *z, const char *path, const char *s)
{
	char pre[TEXT_MAX], origin[64], name[TEXT_MAX], key[KEY_MAX];
	const char *p;
	size_t ol = strlen(z->origin) - 1;
	unsigned long line;
	char *end;

	memcpy(origin, z->origin, ol);
	origin[ol] = '\0';
	if (s[0] == '\0') {
		return true;
	}
	if (strcmp(s, "OK") == 0) {
		r->bind_loaded = true;
		return true;
	}
	/* Loading: "dns_master_load: FILE:LINE: OWNER: MESSAGE". */
	if ((p = after_path(s, "dns_master_load: ", path)) != NULL) {
		(void)strtoul(p, &end, 10);
		if (strncmp(end, ": ", 2) != 0 ||
		    (p = strstr(end + 2, ": ")) == NULL ||
		    (size_t)(p - end - 2) >= sizeof(name)) {
			return false;
		}
		memcpy(name, end + 2, (size_t)(p - end - 2));
		name[p - end - 2] = '\0';
		if (strcmp(p, ": CNAME and other data") == 0) {
			keyset_add(&r->bind.c[strcmp(name, origin) == 0
				? C_CNAME_APEX : C_CNAME_OTHER], name);
			return true;
		}
		if (strcmp(p, ": multiple RRs of singleton type") == 0) {
			keyset_add(&r->bind.c[C_CNAME_MULTI], name);
			return true;
		}
		return false;
	}
	/* "FILE:LINE: class 'CH' != zone class 'IN'", and the TTL
	 * messages of BIND's master.c. */
	if ((p = after_path(s, "", path)) != NULL) {
		line = strtoul(p, &end, 10);
		snprintf(key, sizeof(key), "line %lu", line);
		if (strncmp(end, ": class '", 9) == 0 &&
		    strstr(end, "' != zone class 'IN'") != NULL) {
			keyset_add(&r->bind.c[C_CLASS], key);
			return true;
		}
		if (strcmp(end, TTL_SOA) == 0 || strcmp(end, TTL_1035) == 0 ||
		    strcmp(end, TTL_REJECTED) == 0) {
			if (!r->bind_ttl) {
				keyset_add(&r->bind.c[strstr(end, "rejected")
					? C_TTL_REJECTED : C_TTL], key);
			}
			r->bind_ttl = true;
			return true;
		}
		return false;
	}
	snprintf(pre, sizeof(pre), "zone %s/IN: ", origin);
	if (strncmp(s, pre, strlen(pre)) != 0) {
		return false;
	}
	s += strlen(pre);
	if (strncmp(s, "loaded serial ", 14) == 0) {
		r->bind_serial = true;
		return true;
	}
	if (strcmp(s, "not loaded due to errors.") == 0) {
		r->bind_refused = true;
		return true;
	}
	if (strncmp(s, "loading from master file ", 25) == 0) {
		return true; /* the first loading error again */
	}
	/* "OWNER/MX 'TARGET' has no address records (A or AAAA)" */
	if ((p = strstr(s, NO_ADDRESS)) != NULL &&
	    p[sizeof(NO_ADDRESS) - 1] == '\0') {
		const char *q = strstr(s, "/MX '");
		int c = C_MX_NOADDR;
		size_t skip = 5;

		if (q == NULL) {
			q = strstr(s, "/SRV '");
			c = C_SRV_NOADDR;
			skip = 6;
		}
		if (q == NULL || q > p) {
			return false;
		}
		snprintf(key, sizeof(key), "%.*s/%.*s", (int)(q - s), s,
		    (int)(p - q - skip), q + skip);
		keyset_add(&r->bind.c[c], key);
		return true;
	}
	if (strstr(s, "' is a CNAME (illegal)") == NULL) {
		return false;
	}
	if (strncmp(s, "NS '", 4) == 0) {
		keyset_add(&r->bind.c[C_NS_APEX], origin);
		return true;
	}
	if (between(s, "", "/MX '", name, sizeof(name))) {
		keyset_add(&r->bind.c[C_MX], name);
		return true;
	}
	if (between(s, "", "/SRV '", name, sizeof(name))) {
		keyset_add(&r->bind.c[C_SRV], name);
		return true;
	}
	if (between(s, "", "/NS '", name, sizeof(name))) {
		keyset_add(&r->bind.c[C_NS_DELEG], name);
		return true;
	}
	return false;
}

static void
run_bind(result_t *r, const zone_t *z, const char *prog, const char *path)
{
	char origin[64];
	char *argv[] = { (char *)"named-checkzone", (char *)"-i",
		(char *)"local", (char *)"-M", (char *)"fail", (char *)"-S",
		(char *)"fail", origin, (char *)path, NULL };
	char *s, *nl;

	snprintf(origin, sizeof(origin), "%s", z->origin);
	origin[strlen(origin) - 1] = '\0';
	r->bind_status = run_capture(prog, argv, &r->bind_out, &r->bind_len);
	if (r->bind_out == NULL) {
		r->bind_unknown++;
		return;
	}
	for (s = r->bind_out; *s != '\0'; s = nl + 1) {
		nl = strchr(s, '\n');
		if (nl != NULL) {
			*nl = '\0';
		}
		if (!bind_line(r, z, path, s)) {
			r->bind_unknown++;
		}
		if (nl == NULL) {
			break;
		}
		*nl = '\n';
	}
}

/* ---- zonelint ----------------------------------------------------------- */

/* The string value of "FIELD": "..." in a JSON line, or "". */
static void
json_field(const char *line, const char *field, char *buf, size_t size)
{
	char pre[64];
	const char *p, *e;

	snprintf(pre, sizeof(pre), "\"%s\": \"", field);
	buf[0] = '\0';
	if ((p = strstr(line, pre)) == NULL) {
		return;
	}
	p += strlen(pre);
	if ((e = strchr(p, '"')) == NULL || (size_t)(e - p) >= size) {
		return;
	}
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
}

/* The category of a zonelint rule at OWNER, with MESSAGE, or -1. */
static int
lint_category(const char *rule, const char *owner, const char *origin,
    const char *message)
{
	bool apex = strcasecmp(owner, origin) == 0;

	if (strcmp(rule, "default-ttl-missing") == 0) {
		return strstr(message, "BIND refuses the zone") != NULL
		    ? C_TTL_REJECTED : C_TTL;
	}
	if (strcmp(rule, "target-no-address") == 0) {
		return strncmp(message, "MX host ", 8) == 0 ? C_MX_NOADDR
		    : strncmp(message, "SRV host ", 9) == 0 ? C_SRV_NOADDR
							 : -1;
	}
	if (strcmp(rule, "cname-and-other-data") == 0) {
		return apex ? C_CNAME_APEX : C_CNAME_OTHER;
	}
	if (strcmp(rule, "cname-at-apex") == 0) {
		return C_CNAME_APEX;
	}
	if (strcmp(rule, "cname-multiple") == 0) {
		return C_CNAME_MULTI;
	}
	if (strcmp(rule, "mx-target-cname") == 0) {
		return C_MX;
	}
	if (strcmp(rule, "srv-target-cname") == 0) {
		return C_SRV;
	}
	if (strcmp(rule, "ns-target-cname") == 0) {
		return apex ? C_NS_APEX : C_NS_DELEG;
	}
	/* None today; a rule on the class of records would be judged here. */
	if (strstr(rule, "class") != NULL) {
		return C_CLASS;
	}
	return -1;
}

static void
run_zonelint(result_t *r, const zone_t *z, const char *path)
{
	zl_options_t options;
	zl_report_t *report;
	char err[256], rule[64], sev[32], owner[TEXT_MAX], key[KEY_MAX];
	char message[TEXT_MAX], target[TEXT_MAX];
	char ko[KEY_MAX / 2 - 1], kt[KEY_MAX / 2 - 1];
	char *s, *nl;
	FILE *m;
	int c;

	memset(&options, 0, sizeof(options));
	options.profile = NULL;
	options.dmarc_rfc = ZG_DMARC_RFC7489;
	options.origin = z->origin;
	if ((report = zl_report_new()) == NULL) {
		r->lint_failed = true;
		return;
	}
	zl_report_set_options(report, NULL);
	if (zl_lint_file(path, &options, report, err, sizeof(err)) != ZG_OK) {
		r->lint_failed = true;
	}
	if ((m = open_memstream(&r->lint_out, &r->lint_len)) == NULL) {
		r->lint_failed = true;
		zl_report_free(report);
		return;
	}
	if (zl_report_print(report, ZL_FORMAT_JSON, m) != ZG_OK) {
		r->lint_failed = true;
	}
	fclose(m);
	zl_report_free(report);
	for (s = r->lint_out; s != NULL && *s != '\0'; s = nl + 1) {
		nl = strchr(s, '\n');
		if (nl != NULL) {
			*nl = '\0';
		}
		json_field(s, "rule", rule, sizeof(rule));
		if (rule[0] != '\0') {
			json_field(s, "severity", sev, sizeof(sev));
			json_field(s, "owner", owner, sizeof(owner));
			json_field(s, "message", message, sizeof(message));
			c = lint_category(rule, owner, z->origin, message);
			if (c < 0 || strcmp(sev, categories[c].severity) != 0) {
				r->lint_other++;
			} else if (c == C_CLASS || c == C_TTL ||
			    c == C_TTL_REJECTED) {
				const char *l = strstr(s, "\"line\": ");

				snprintf(key, sizeof(key), "line %lu",
				    l != NULL ? strtoul(l + 8, NULL, 10) : 0);
				keyset_add(&r->lint.c[c], key);
			} else if (c == C_MX_NOADDR || c == C_SRV_NOADDR) {
				/* "MX host TARGET at OWNER has no ..." */
				const char *h = strstr(message, " host ");
				const char *e = h ? strstr(h, " at ") : NULL;

				key_name(ko, sizeof(ko), owner);
				snprintf(target, sizeof(target), "%.*s",
				    e ? (int)(e - h - 6) : 0, h ? h + 6 : "");
				key_name(kt, sizeof(kt), target);
				snprintf(key, sizeof(key), "%s/%s", ko, kt);
				keyset_add(&r->lint.c[c], key);
			} else {
				keyset_add(&r->lint.c[c], owner);
			}
		}
		if (nl == NULL) {
			break;
		}
		*nl = '\n';
	}
}

/* ---- the comparison ----------------------------------------------------- */

enum outcome {
	O_AGREE,      /* plan, named-checkzone and zonelint agree */
	O_MASKED,     /* behind an earlier refusal; zonelint agrees with the
			 plan */
	O_DOCUMENTED, /* a decided disagreement (BINDIFF.md) */
	O_DISAGREE
};

typedef struct tally {
	unsigned planted;    /* zones where the plan has it */
	unsigned compared;   /* ... and named-checkzone reached it */
	unsigned masked;     /* ... behind an earlier refusal */
	unsigned documented; /* decided disagreements */
	unsigned disagree;
	unsigned disagree_class; /* ... in zones with a CH or HS record */
	unsigned shown;
} tally_t;

typedef struct run {
	unsigned count;
	uint64_t seed;
	char prog[1024];
	char dir[1024];
	tally_t tally[C__COUNT];
	unsigned kinds[K__COUNT];
	unsigned clean; /* zones without a planted problem */
	unsigned bind_model_bad, lint_other, lint_failed, generator_full;
	unsigned kept;
} run_t;

/* Whether named-checkzone got as far as judging category c: no refusal
 * in an earlier phase (a warning stops nothing). */
static bool
reached(const result_t *r, enum category c)
{
	int phase = categories[c].phase;
	unsigned i;

	for (i = 0; i < C__COUNT; i++) {
		if (categories[i].phase < phase && categories[i].fatal &&
		    r->bind.c[i].n != 0) {
			return false;
		}
	}
	return true;
}

/*
 * named-checkzone behaved as the phases say: every line known, exit status
 * 1 exactly when a fatal category was reported, nothing reported past the
 * phase that refused the zone.
 */
static bool
bind_model_ok(const result_t *r)
{
	bool fatal = false;
	unsigned i;

	if (r->bind_unknown != 0 || r->bind_status < 0 ||
	    r->bind_status > 1) {
		return false;
	}
	for (i = 0; i < C__COUNT; i++) {
		if (r->bind.c[i].n != 0 && !reached(r, (enum category)i)) {
			return false;
		}
		if (r->bind.c[i].n != 0 && categories[i].fatal) {
			fatal = true;
		}
	}
	return (r->bind_status == 1) == fatal &&
	    r->bind_refused == fatal && r->bind_serial == !fatal &&
	    r->bind_loaded == !fatal;
}

static enum outcome
compare(const zone_t *z, const result_t *r, enum category c)
{
	const keyset_t *p = &z->plan.c[c], *b = &r->bind.c[c];
	const keyset_t *l = &r->lint.c[c];

	if (!reached(r, c)) {
		return keyset_eq(l, p) ? O_MASKED : O_DISAGREE;
	}
	if (keyset_eq(p, b) && keyset_eq(b, l)) {
		/* A non-fatal category that BIND names: it loaded the zone,
		 * zonelint refuses it (at error). */
		return categories[c].fatal || p->n == 0 ||
			strcmp(categories[c].severity, "error") != 0
		    ? O_AGREE : O_DOCUMENTED;
	}
	return O_DISAGREE;
}

static void
print_indented(const char *what, const char *text)
{
	const char *s = text, *nl;

	printf("#   %s:\n", what);
	while (s != NULL && *s != '\0') {
		nl = strchr(s, '\n');
		printf("#     %.*s\n", nl ? (int)(nl - s) : (int)strlen(s), s);
		s = nl ? nl + 1 : NULL;
	}
}

static void
show_zone(const zone_t *z, const result_t *r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (m != NULL) {
		zone_write(z, m);
		fclose(m);
		print_indented("zone", text);
		free(text);
	}
	printf("#   named-checkzone exit %d\n", r->bind_status);
	print_indented("named-checkzone", r->bind_out ? r->bind_out : "");
	print_indented("zonelint", r->lint_out ? r->lint_out : "");
}

/* Compare one zone; true when it is kept (something disagreed). */
static bool
judge(run_t *run, const zone_t *z, const result_t *r, const char *path)
{
	bool keep = false, shown = false;
	unsigned c;

	if (!bind_model_ok(r)) {
		run->bind_model_bad++;
		printf("# zone %u: named-checkzone output not as modelled "
		       "(exit %d, %u unknown lines): %s\n",
		    z->index, r->bind_status, r->bind_unknown, path);
		if (run->bind_model_bad <= SHOW_MAX) {
			show_zone(z, r);
		}
		keep = true;
	}
	if (r->lint_other != 0 || r->lint_failed) {
		run->lint_other += r->lint_other != 0;
		run->lint_failed += r->lint_failed;
		printf("# zone %u: zonelint %s: %s\n", z->index,
		    r->lint_failed ? "failed" : "reported other findings",
		    path);
		if (run->lint_other + run->lint_failed <= SHOW_MAX) {
			show_zone(z, r);
		}
		keep = true;
	}
	for (c = 0; c < C__COUNT; c++) {
		tally_t *t = &run->tally[c];
		enum outcome o = compare(z, r, (enum category)c);

		if (z->plan.c[c].n != 0) {
			t->planted++;
			if (reached(r, (enum category)c)) {
				t->compared++;
			} else {
				t->masked++;
			}
		}
		if (o == O_DOCUMENTED) {
			t->documented++;
		}
		if (o != O_DISAGREE) {
			continue;
		}
		t->disagree++;
		t->disagree_class += z->other_class;
		keep = true;
		printf("# zone %u %s: planted ", z->index, categories[c].name);
		keyset_print(&z->plan.c[c], stdout);
		printf(" named-checkzone ");
		if (reached(r, (enum category)c)) {
			keyset_print(&r->bind.c[c], stdout);
		} else {
			printf("(refused earlier)");
		}
		printf(" zonelint ");
		keyset_print(&r->lint.c[c], stdout);
		printf("%s: %s\n", z->other_class ? " [CH/HS record]" : "",
		    path);
		if (t->shown < SHOW_MAX && !shown) {
			t->shown++;
			shown = true;
			show_zone(z, r);
		}
	}
	return keep;
}

static void
result_free(result_t *r)
{
	free(r->bind_out);
	free(r->lint_out);
}

static bool
one_zone(run_t *run, zone_t *z, unsigned index)
{
	char path[1200];
	result_t *r;
	FILE *fp;
	bool keep, ok = true;
	unsigned k;

	zone_build(z, index, run->seed);
	if (z->full) {
		run->generator_full++;
	}
	for (k = 0; k < K__COUNT; k++) {
		run->kinds[k] += z->kinds[k];
	}
	snprintf(path, sizeof(path), "%s/%szone", run->dir, z->origin);
	if ((fp = fopen(path, "w")) == NULL) {
		return false;
	}
	zone_write(z, fp);
	if (fclose(fp) != 0 || (r = calloc(1, sizeof(*r))) == NULL) {
		return false;
	}
	run_bind(r, z, run->prog, path);
	run_zonelint(r, z, path);
	run->clean += z->plants == 0;
	keep = judge(run, z, r, path);
	if (keep) {
		run->kept++;
	} else if (remove(path) != 0) {
		ok = false;
	}
	result_free(r);
	free(r);
	return ok;
}

/* ---- main --------------------------------------------------------------- */

static void
rule_ids(void)
{
	const zl_rule_t *rules;
	size_t n, i;
	int at;
	bool ok = true;

	rules = zl_rules(&n);
	for (i = 0; i < sizeof(judged_rules) / sizeof(judged_rules[0]); i++) {
		at = zl_rule_find(judged_rules[i].id);
		if (at < 0 || (size_t)at >= n ||
		    rules[at].severity != judged_rules[i].severity) {
			printf("# rule %s: %s\n", judged_rules[i].id,
			    at < 0 ? "not in the rule table"
				   : "not of the severity judged");
			ok = false;
		}
	}
	UNIT_CHECK(ok, "bindiff/rule-ids (the judged rules exist, with their "
		       "severities)");
}


static void
print_report(const run_t *run)
{
	unsigned c, k;

	printf("# %u zones from ZL_BINDIFF_SEED=0x%016llx, %u with nothing "
	       "planted; plants:\n",
	    run->count, (unsigned long long)run->seed, run->clean);
	for (k = 0; k < K__COUNT; k++) {
		printf("#   %5u  %s\n", run->kinds[k], kind_names[k]);
	}
	UNIT_CHECK(run->generator_full == 0,
	    "bindiff/generator (%u zones ran out of room)",
	    run->generator_full);
	UNIT_CHECK(run->bind_model_bad == 0,
	    "bindiff/named-checkzone-model (%u of %u zones not as modelled)",
	    run->bind_model_bad, run->count);
	UNIT_CHECK(run->lint_other == 0 && run->lint_failed == 0,
	    "bindiff/zonelint-other-findings (%u zones with other findings, "
	    "%u failed)", run->lint_other, run->lint_failed);
	for (c = 0; c < C__COUNT; c++) {
		const tally_t *t = &run->tally[c];

		UNIT_CHECK(t->disagree == 0,
		    "bindiff/%s: %u of %u zones disagree (%u with a CH/HS "
		    "record); planted in %u, compared with BIND in %u, behind "
		    "an earlier BIND refusal in %u%s",
		    categories[c].name, t->disagree, run->count,
		    t->disagree_class, t->planted, t->compared, t->masked,
		    t->documented ? "; BIND only warns, decided for zonelint"
				  : "");
		if (t->documented != 0) {
			printf("#   %s: %u zones loaded by BIND with a "
			       "warning, refused by zonelint (documented)\n",
			    categories[c].name, t->documented);
		}
	}
	if (run->count >= 200) {
		bool covered = true;

		for (c = 0; c < C__COUNT; c++) {
			covered = covered && run->tally[c].compared > 0;
		}
		UNIT_CHECK(covered, "bindiff/coverage (every category planted "
				    "and judged by BIND at least once)");
	}
}

int
main(int argc, char **argv)
{
	unsigned long long count = DEFAULT_COUNT, seed = DEFAULT_SEED;
	const char *tmp = getenv("TMPDIR");
	run_t *run;
	zone_t *z;
	unsigned i;
	bool ok = true;

	if (!env_number("ZL_BINDIFF_COUNT", &count) || count == 0 ||
	    count > 10000000 || !env_number("ZL_BINDIFF_SEED", &seed)) {
		UNIT_CHECK(0, "bindiff/environment (ZL_BINDIFF_COUNT 1 to "
			      "10000000, ZL_BINDIFF_SEED a number)");
		return unit_summary();
	}
	if ((z = malloc(sizeof(*z))) == NULL ||
	    (run = calloc(1, sizeof(*run))) == NULL) {
		free(z);
		return 2;
	}
	if (argc == 3 && strcmp(argv[1], "--emit") == 0) {
		zone_build(z, (unsigned)strtoul(argv[2], NULL, 10), seed);
		zone_write(z, stdout);
		free(z);
		free(run);
		return 0;
	}
	run->count = (unsigned)count;
	run->seed = seed;
	if (!find_program("named-checkzone", run->prog, sizeof(run->prog))) {
		UNIT_CHECK(0, "bindiff/named-checkzone (not installed: run "
			      "make deps)");
		free(z);
		free(run);
		return unit_summary();
	}
	{
		char *argv_v[] = { (char *)"named-checkzone", (char *)"-v",
			NULL };
		char *out = NULL;
		size_t len = 0;
		int st = run_capture(run->prog, argv_v, &out, &len);

		printf("# %s -v: %s", run->prog, out && len ? out : "?\n");
		UNIT_CHECK(st == 0, "bindiff/named-checkzone (%s runs)",
		    run->prog);
		free(out);
	}
	rule_ids();
	snprintf(run->dir, sizeof(run->dir), "%s/zonelint-bindiff.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(run->dir) == NULL) {
		UNIT_CHECK(0, "bindiff/mkdtemp %s", run->dir);
		free(z);
		free(run);
		return unit_summary();
	}
	for (i = 0; i < run->count && ok; i++) {
		ok = one_zone(run, z, i);
	}
	UNIT_CHECK(ok, "bindiff/zone files written and removed in %s",
	    run->dir);
	print_report(run);
	if (run->kept == 0) {
		rmdir(run->dir);
	} else {
		printf("# %u zones that disagree are kept in %s\n", run->kept,
		    run->dir);
	}
	free(z);
	free(run);
	return unit_summary();
}
