/* zone.c: read one zone file, keep what the checks need, run the checks. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lint/rdata.h"
#include "lint/internal.h"
#include "lint/read.h"

/*
 * The presentation form of a wire-format name, lower case, as
 * ldns_rdf2str() writes it (the same escapes: "\\." for a dot inside a
 * label, "\\DDD" for bytes that are not printable), but without its
 * printf per byte: this runs for every record read.
 */
static char *
zl_dname_str(const ldns_rdf *dname)
{
	char *s;

	if (dname == NULL || ldns_rdf_get_type(dname) != LDNS_RDF_TYPE_DNAME ||
	    (s = malloc(ZL_NAME_TEXT_MAX)) == NULL) {
		return NULL;
	}
	zl_name_text(ldns_rdf_data(dname), ldns_rdf_size(dname), s);
	return s;
}

/* ---- kept records ------------------------------------------------------ */

const struct kept *
zl_kept_first(const struct zone *zone, uint32_t owner)
{
	const struct zl_slot *s = owner != 0
	    ? zl_table_find(&zone->kept_owners, zl_exact_key(owner))
	    : NULL;

	return s != NULL ? &zone->kept[s->a - 1] : NULL;
}

const struct kept *
zl_kept_next(const struct zone *zone, const struct kept *k)
{
	/* A chain holds the records of one name id: nothing to compare. */
	return k->next != 0 ? &zone->kept[k->next - 1] : NULL;
}

/* ---- names ------------------------------------------------------------- */

unsigned
zl_name_flags(const struct zone *zone, uint32_t id)
{
	const struct zl_name_slot *n = id != 0
	    ? zl_names_slot(&zone->names, id)
	    : NULL;

	return n != NULL ? n->b & ZL_NAME_FLAGS : 0;
}

uint32_t
zl_name_intern(struct zone *zone, const uint8_t *wire, size_t len)
{
	unsigned flags;

	return zl_name_intern_flags(zone, wire, len, &flags);
}

uint32_t
zl_name_intern_flags(struct zone *zone, const uint8_t *wire, size_t len,
    unsigned *flags)
{
	bool added;
	const struct zl_name_slot *n = zl_names_get(&zone->names, wire, len,
	    &added);

	if (n == NULL) {
		zone->nomem |= len <= ZL_WIRE_MAX;
		*flags = 0;
		return 0;
	}
	*flags = n->b & ZL_NAME_FLAGS;
	return n->id;
}

bool
zl_in_zone_wire(const struct zone *zone, const uint8_t *wire, size_t len)
{
	return zone->origin_id == 0 ||
	    zl_wire_below(wire, len, zone->names.origin,
		zone->names.origin_len);
}

size_t
zl_name_from_text(const char *text, uint8_t *out)
{
	static const uint8_t root[1] = { 0 };
	size_t len;

	/* The reader's own name reader, with the root as origin (a relative
	 * name is taken as absolute); a lone "@", the origin in a zone
	 * file, is not a name here. */
	if (strcmp(text, "@") == 0 || !zl_name_read(text, strlen(text), root,
	    1, out, &len, NULL, 0)) {
		return 0;
	}
	zl_wire_lower(out, len);
	return len;
}

/* ---- reader callbacks ------------------------------------------------- */

/*
 * The file's name, kept once per name: records and suppressions point at
 * it.  Found by the run's keyed hash and compared byte for byte, so that
 * a file read under many spellings ($INCLUDE inc, ./inc, .//inc, ...)
 * costs one look-up a record, not one a name seen before.
 */
static const char *
intern_file(struct zone *zone, const char *file)
{
	/* The file of the last record first: records come in runs, and
	 * after an $INCLUDE they come from a file interned before.  A
	 * reader hands a file over as one string for the whole read
	 * (lint/read.h): the same pointer is the same file. */
	if (zone->last_file != NULL && (file == zone->last_file_in ||
	    strcmp(zone->last_file, file) == 0)) {
		zone->last_file_in = file;
		return zone->last_file;
	}
	zone->last_file_in = NULL;
	if ((zone->last_file = zl_strings_intern(&zone->files, file)) ==
	    NULL) {
		return NULL;
	}
	zone->last_file_in = file;
	return zone->last_file;
}

static void
on_begin(void *ctx, const ldns_rdf *origin, const char *source)
{
	struct zone *zone = ctx;
	size_t i;

	if (origin != NULL) {
		/* The zone's apex, not a guess (lint/read.h): out-of-zone
		 * is said only then. */
		zone->apex_sure = zl_origin_is_apex(source);
		zone->origin = zl_dname_str(origin);
		zone->nomem |= zone->origin == NULL;
		zl_names_set_origin(&zone->names, ldns_rdf_data(origin),
		    ldns_rdf_size(origin));
		zone->origin_id = zl_name_intern(zone, ldns_rdf_data(origin),
		    ldns_rdf_size(origin));
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
	if (zone->has_plan && (zone->plan_ids = calloc(zone->plan.count + 1,
	    sizeof(*zone->plan_ids))) == NULL) {
		zone->nomem = true;
		return;
	}
	/* Every record at a name of the plan is kept: no cap on how many
	 * names a profile has.  (The client host names are marked as their
	 * first record is read, see client_host.) */
	for (i = 0; zone->has_plan && i < zone->plan.count; i++) {
		uint8_t w[ZL_WIRE_MAX];
		size_t len = zl_name_from_text(zone->plan.records[i].owner, w);
		struct zl_name_slot *n;
		bool added;

		if (len == 0) {
			continue; /* zonegen made it: cannot happen */
		}
		if ((n = zl_names_get(&zone->names, w, len, &added)) == NULL) {
			zone->nomem = true;
			return;
		}
		n->b |= ZL_NAME_PLAN;
		zone->plan_ids[i] = n->id;
	}
}

/*
 * The index in zl_client_hosts of a name that is a client host name of
 * the origin (imap.ORIGIN, ...), or -1.  Their records are kept, for
 * what a former provider left there.
 */
static int
client_host(const struct zone *zone, const uint8_t *w, size_t len)
{
	size_t ll = w[0], i;

	if (!zone->has_plan || zone->origin_id == 0 || ll == 0 ||
	    len != 1 + ll + zone->names.origin_len ||
	    !zl_wire_below(w, len, zone->names.origin,
		zone->names.origin_len)) {
		return -1;
	}
	for (i = 0; i < ZL_CLIENT_HOSTS_COUNT; i++) {
		/* (The first letter first: most names are none of these.) */
		if (zl_client_hosts[i][0] == (w[1] | 0x20) &&
		    strlen(zl_client_hosts[i]) == ll &&
		    strncasecmp(zl_client_hosts[i], (const char *)w + 1, ll) ==
			0) {
			return (int)i;
		}
	}
	return -1;
}

/* A record a few places ahead: its owner's slot into the cache. */
static void
on_ahead(void *ctx, const zl_record_t *rec)
{
	struct zone *zone = ctx;

	if (rec->owner_hashed) {
		zl_names_prefetch(&zone->names, rec->owner_hash);
	}
}

/* How far the read has come: the tables size for the rest. */
static void
on_progress(void *ctx, uint64_t done, uint64_t total)
{
	(void)ctx;
	zl_tables_forecast(done, total);
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

	/* (A record without a TTL reads, and records made outside the
	 * zone are left out as servers leave them: --fix may go on.) */
	zone->read_problems += rule != ZL_DEFAULT_TTL_MISSING &&
	    rule != ZL_OUT_OF_ZONE && rule != ZL_TTL_TOO_LARGE;
	zone->limited |= strcmp(rule_id, "limit-exceeded") == 0;
	zl_report_add(zone->report, rule >= 0 ? rule : ZL_SYNTAX_ERROR, file,
	    line, NULL, 0, "%s", message);
}

const char *
zl_view_owner(struct zl_view *v)
{
	if (v->text == NULL) {
		zl_name_text(v->owner, v->owner_len, v->text_buf);
		v->text = v->text_buf;
	}
	return v->text;
}

static void
say_type(uint16_t type, char *out, size_t len)
{
	char *tn = ldns_rr_type2str((ldns_rr_type)type);

	snprintf(out, len, "%s", tn != NULL ? tn : "?");
	free(tn);
}

/* RFC 2181 5.2: the records of one RRset have one TTL. */
static void
ttl_mismatch(struct zone *zone, struct zl_view *v, uint32_t first_ttl,
    unsigned first_line)
{
	char tn[32];

	say_type(v->type, tn, sizeof(tn));
	zl_report_add(zone->report, ZL_RRSET_TTL, v->file, v->line,
	    zl_view_owner(v), v->type, "%s %s record with TTL %u; the first one "
	    "(line %u) has %u", zl_view_owner(v), tn, (unsigned)v->ttl,
	    first_line, (unsigned)first_ttl);
}

/* An RRset other than the name's first: its own slot. */
static void
check_rrset(struct zone *zone, struct zl_view *v)
{
	bool added;
	struct zl_slot *s = zl_table_get(&zone->rrsets,
	    zl_exact_key((uint64_t)v->id << 16 | v->type), &added);

	if (s == NULL) {
		zone->nomem = true;
	} else if (added) {
		s->a = v->line;
		s->b = v->ttl;
	} else if (s->b != v->ttl && v->type != LDNS_RR_TYPE_RRSIG &&
	    v->type != LDNS_RR_TYPE_SIG) {
		/* Signatures take the TTL of the RRset each covers (RFC
		 * 4034 3), so RRSIGs at one name differ by design. */
		ttl_mismatch(zone, v, s->b, s->a);
	}
}

/* The dictionary indexes of a TTL and a type, ZL_TTL_IX_MAX and
 * ZL_TYPE_IX_MAX when full. */
static unsigned
ttl_ix(struct zone *zone, uint32_t ttl)
{
	bool added;
	struct zl_slot *s;

	if (zone->ttls_count > 0 && zone->ttls[zone->last_ttl_ix] == ttl) {
		return zone->last_ttl_ix;
	}
	s = zl_table_get(&zone->ttl_index, zl_exact_key((uint64_t)ttl + 1),
	    &added);
	if (s == NULL) {
		zone->nomem = true;
		return ZL_TTL_IX_MAX;
	}
	if (added) {
		uint32_t *p;

		if (zone->ttls_count >= ZL_TTL_IX_MAX || (p = realloc(zone->ttls,
		    (zone->ttls_count + 1) * sizeof(*p))) == NULL) {
			s->a = ZL_TTL_IX_MAX;
			return ZL_TTL_IX_MAX;
		}
		zone->ttls = p;
		p[zone->ttls_count] = ttl;
		s->a = (uint32_t)zone->ttls_count++;
	}
	if (s->a != ZL_TTL_IX_MAX) {
		zone->last_ttl_ix = s->a; /* TTLs come in runs */
	}
	return s->a;
}

static unsigned
type_ix(struct zone *zone, uint16_t type)
{
	unsigned i;

	if (type < 256 && zone->type_index[type] != 0) {
		return zone->type_index[type] - 1u;
	}
	for (i = 0; type >= 256 && i < zone->types_count; i++) {
		if (zone->types[i] == type) {
			return i;
		}
	}
	if (zone->types_count == ZL_TYPE_IX_MAX) {
		return ZL_TYPE_IX_MAX;
	}
	zone->types[zone->types_count] = type;
	if (type < 256) {
		zone->type_index[type] = (uint8_t)(zone->types_count + 1);
	}
	return zone->types_count++;
}

#define SLOT_FLAGS(s) ((s)->b & ZL_NAME_FLAGS)
#define SLOT_TYPE_IX(s) (((s)->b >> 12) & 0xffu)
#define SLOT_TTL_IX(s) ((s)->b >> 20)

/*
 * What a name's first run found of its RRsets other than the first, in
 * zone.extras: a word with the first line of its first RRset, then two
 * words for each other RRset: its type, the index of its TTL in the
 * zone's dictionary (EXTRA_TTL_SHIFT) and EXTRA_LAST on the last one; and
 * its first line.
 */
#define EXTRA_TTL_SHIFT 16
#define EXTRA_LAST 0x80000000u

/* The first line of a name's first RRset (its slot's ZL_NAME_FIRST). */
static uint32_t
first_line(const struct zone *zone, const struct zl_name_slot *n)
{
	return (n->b & ZL_NAME_EXTRAS)
	    ? *(const uint32_t *)zl_arena_at(zone->extras, n->a)
	    : n->a;
}

/* An RRset into the rrsets table. */
static void
rrset_put(struct zone *zone, uint32_t id, uint16_t type, uint32_t ttl,
    uint32_t line)
{
	bool added;
	struct zl_slot *s = zl_table_get(&zone->rrsets,
	    zl_exact_key((uint64_t)id << 16 | type), &added);

	if (s == NULL) {
		zone->nomem = true;
		return;
	}
	s->a = line;
	s->b = ttl;
}

/* The current run's RRsets into the rrsets table: the name's other
 * RRsets are there from now on (ZL_NAME_TABLED). */
static void
run_to_table(struct zone *zone, struct zl_name_slot *n)
{
	unsigned i;

	for (i = 0; i < zone->run_count; i++) {
		rrset_put(zone, zone->run_id, zone->run_sets[i].type,
		    zone->run_sets[i].ttl, zone->run_sets[i].line);
	}
	zone->run_fresh = false;
	zone->run_count = 0;
	n->b |= ZL_NAME_TABLED;
}

/* Into the rrsets table: a name's RRsets found in its first run. */
static void
rrsets_from_extras(struct zone *zone, uint32_t id, uint32_t off)
{
	const uint32_t *e = zl_arena_at(zone->extras, off);

	for (e++;; e += 2) {
		rrset_put(zone, id, (uint16_t)e[0],
		    zone->ttls[(e[0] & ~EXTRA_LAST) >> EXTRA_TTL_SHIFT], e[1]);
		if (e[0] & EXTRA_LAST) {
			break;
		}
	}
}

/* The run at the name being read ends: what it found of a new name's
 * RRsets (other than its first) goes to `extras`. */
static void
run_end(struct zone *zone)
{
	uint32_t e[1 + 2 * sizeof(zone->run_sets) / sizeof(zone->run_sets[0])];
	struct zl_name_slot *n;
	unsigned i;
	uint32_t off;

	if (zone->run_id == 0 || !zone->run_fresh || zone->run_count == 0) {
		return;
	}
	n = zone->run_moves == zl_names_moves(&zone->names, zone->run_shard)
	    ? zone->run_slot
	    : zl_names_slot(&zone->names, zone->run_id);
	if (n == NULL) {
		zone->nomem = true;
		return;
	}
	e[0] = n->a; /* the first line (ZL_NAME_FIRST is set: run_sets holds
		      * only what differs from the first) */
	for (i = 0; i < zone->run_count; i++) {
		unsigned ti = ttl_ix(zone, zone->run_sets[i].ttl);

		if (ti == ZL_TTL_IX_MAX) {
			break; /* the dictionary is full */
		}
		e[1 + 2 * i] = zone->run_sets[i].type |
		    (uint32_t)ti << EXTRA_TTL_SHIFT |
		    (i + 1 == zone->run_count ? EXTRA_LAST : 0);
		e[2 + 2 * i] = zone->run_sets[i].line;
	}
	if (i < zone->run_count) {
		run_to_table(zone, n); /* the dictionary is full */
		return;
	}
	if ((off = zl_arena_add(&zone->extras, e,
	    (1 + 2 * (size_t)zone->run_count) * sizeof(*e))) == UINT32_MAX) {
		zone->nomem = true;
		return;
	}
	n->a = off;
	n->b |= ZL_NAME_EXTRAS;
}

/*
 * A record at a name other than the last one's: a new run.  A name with
 * data already is back after others; from now on its RRsets other than
 * the first are in the rrsets table, those of its first run moved there.
 */
static void
run_start(struct zone *zone, struct zl_name_slot *n)
{
	run_end(zone);
	zone->run_id = n->id;
	zone->run_slot = n;
	zone->run_shard = zl_names_shard(n->hash);
	zone->run_moves = zl_names_moves(&zone->names, zone->run_shard);
	zone->run_count = 0;
	zone->run_fresh = !(n->b & (ZL_NAME_DATA | ZL_NAME_TABLED));
	if (!zone->run_fresh && !(n->b & ZL_NAME_TABLED)) {
		if (n->b & ZL_NAME_EXTRAS) {
			rrsets_from_extras(zone, n->id, n->a);
		}
		n->b |= ZL_NAME_TABLED;
	}
}

/* An RRset other than the name's first, in a fresh name's run. */
static void
check_run_rrset(struct zone *zone, struct zl_name_slot *n,
    struct zl_view *v)
{
	struct run_rrset *r = zone->run_sets;
	unsigned i;

	for (i = 0; i < zone->run_count; i++) {
		if (r[i].type == v->type) {
			if (r[i].ttl != v->ttl &&
			    v->type != LDNS_RR_TYPE_RRSIG &&
			    v->type != LDNS_RR_TYPE_SIG) {
				ttl_mismatch(zone, v, r[i].ttl, r[i].line);
			}
			return;
		}
	}
	if (i == sizeof(zone->run_sets) / sizeof(zone->run_sets[0])) {
		/* A name of many types: the table from here on. */
		run_to_table(zone, n);
		check_rrset(zone, v);
		return;
	}
	r[i].type = v->type;
	r[i].ttl = v->ttl;
	r[i].line = v->line;
	zone->run_count++;
}

/* An RRset other than the name's first. */
static void
check_other_rrset(struct zone *zone, struct zl_name_slot *n,
    struct zl_view *v)
{
	if (zone->run_fresh) {
		check_run_rrset(zone, n, v);
	} else {
		check_rrset(zone, v);
	}
}

/* The first RRset of a name, other than DNSSEC: in the name's slot. */
static void
check_first_rrset(struct zone *zone, struct zl_name_slot *n,
    struct zl_view *v)
{
	unsigned ti, yi;

	if (SLOT_FLAGS(n) & ZL_NAME_FIRST) {
		if (zone->types[SLOT_TYPE_IX(n)] != v->type) {
			check_other_rrset(zone, n, v);
		} else if (zone->ttls[SLOT_TTL_IX(n)] != v->ttl) {
			ttl_mismatch(zone, v, zone->ttls[SLOT_TTL_IX(n)],
			    first_line(zone, n));
		}
		return;
	}
	ti = ttl_ix(zone, v->ttl);
	yi = type_ix(zone, v->type);
	if (ti == ZL_TTL_IX_MAX || yi == ZL_TYPE_IX_MAX) {
		check_other_rrset(zone, n, v); /* a dictionary is full */
		return;
	}
	/* (Extras are written only after the first RRset, or moved to
	 * the table before a name's later runs: none are lost here.) */
	n->a = v->line;
	n->b = (uint32_t)ti << 20 | (uint32_t)yi << 12 |
	    (SLOT_FLAGS(n) & ~ZL_NAME_EXTRAS) | ZL_NAME_FIRST;
}

/* ---- the families of rules -------------------------------------------- */

static void
families_name_defined(struct zone *zone, uint32_t id, unsigned cname_line)
{
	unsigned f;

	for (f = 0; f < ZL_FAMILY__COUNT; f++) {
		if (zl_families[f]->name_defined != NULL) {
			zl_families[f]->name_defined(zone, zone->state[f], id,
			    cname_line);
		}
	}
}

static bool
family_wants(const struct zl_family *f, uint16_t type)
{
	size_t i;

	for (i = 0; i < sizeof(f->types) / sizeof(f->types[0]) &&
	     f->types[i] != 0; i++) {
		if (f->types[i] == type) {
			return true;
		}
	}
	return false;
}

/* Each family that reads the record's type sees it, in table order. */
static void
families_record(struct zone *zone, struct zl_view *v)
{
	unsigned f;

	unsigned bits = v->type < 256 ? zone->family_types[v->type] : 0xffu;

	for (f = 0; f < ZL_FAMILY__COUNT; f++) {
		if ((bits >> f & 1u) && zl_families[f]->record != NULL &&
		    family_wants(zl_families[f], v->type)) {
			zl_families[f]->record(zone, zone->state[f], v);
		}
	}
}

static bool
families_new(struct zone *zone)
{
	unsigned f;

	unsigned t;

	for (t = 0; t < 256; t++) {
		zone->family_types[t] = 0;
		for (f = 0; f < ZL_FAMILY__COUNT; f++) {
			if (family_wants(zl_families[f], (uint16_t)t)) {
				zone->family_types[t] |= (uint8_t)(1u << f);
			}
		}
	}
	for (f = 0; f < ZL_FAMILY__COUNT; f++) {
		if ((zone->state[f] = calloc(1,
		    zl_families[f]->state_size + 1)) == NULL) {
			return false;
		}
	}
	return true;
}

static void
families_free(struct zone *zone)
{
	unsigned f;

	for (f = 0; f < ZL_FAMILY__COUNT; f++) {
		if (zone->state[f] != NULL && zl_families[f]->release != NULL) {
			zl_families[f]->release(zone->state[f]);
		}
		free(zone->state[f]);
		zone->state[f] = NULL;
	}
}

/*
 * A CNAME owns its name: no other data (RFC 1034 3.6.2, RFC 2181 10.1),
 * exactly one CNAME (RFC 2181 10.1), and so none at the apex, which has
 * SOA and NS.  Each is said once per name, at the record that breaks it.
 */
static void
check_cname_rules(struct zone *zone, struct zl_name_slot *n,
    struct zl_view *v, uint32_t target)
{
	unsigned flags = SLOT_FLAGS(n);
	bool apex = zone->origin_id != 0 && v->id == zone->origin_id;
	char tn[32];

	if (!zl_dnssec_type(v->type) &&
	    !(flags & (ZL_NAME_CNAME | ZL_NAME_OTHER))) {
		/* Records may have waited for this name (MX, NS and SRV
		 * targets). */
		families_name_defined(zone, v->id,
		    v->type == LDNS_RR_TYPE_CNAME ? v->line : 0);
	}

	if (v->type == LDNS_RR_TYPE_CNAME) {
		struct zl_slot *c;
		bool added;

		/* The target by its interned name: exact, any case. */
		if ((c = zl_table_get(&zone->cnames, zl_exact_key(v->id),
		    &added)) == NULL) {
			zone->nomem = true;
			return;
		}
		if (added) {
			c->a = v->line;
			c->b = target;
		} else if (c->b != target && !(flags & ZL_NAME_TOLD_MULTI)) {
			/* A record written twice is one record: servers
			 * merge exact duplicates (RFC 2181 5). */
			zl_report_add(zone->report, ZL_CNAME_MULTIPLE,
			    v->file, v->line, zl_view_owner(v),
			    LDNS_RR_TYPE_CNAME, "%s has a second CNAME "
			    "record with another target (the first is at "
			    "line %u)", zl_view_owner(v), c->a);
			flags |= ZL_NAME_TOLD_MULTI;
		}
		if (apex && !(flags & ZL_NAME_TOLD_APEX)) {
			zl_report_add(zone->report, ZL_CNAME_AT_APEX, v->file,
			    v->line, zl_view_owner(v), LDNS_RR_TYPE_CNAME,
			    "CNAME at the zone apex %s", zl_view_owner(v));
			flags |= ZL_NAME_TOLD_APEX;
		} else if (!apex && (flags & ZL_NAME_OTHER) &&
		    !(flags & ZL_NAME_TOLD_AND) && (flags & ZL_NAME_FIRST)) {
			/* The first other RRset is in the slot. */
			say_type(zone->types[SLOT_TYPE_IX(n)], tn, sizeof(tn));
			zl_report_add(zone->report, ZL_CNAME_AND_OTHER,
			    v->file, v->line, zl_view_owner(v),
			    LDNS_RR_TYPE_CNAME, "%s has a CNAME (line %u) "
			    "and a record of type %s (line %u)",
			    zl_view_owner(v), v->line, tn,
			    first_line(zone, n));
			flags |= ZL_NAME_TOLD_AND;
		}
		flags |= ZL_NAME_CNAME;
	} else if (!zl_dnssec_type(v->type)) {
		if ((flags & ZL_NAME_CNAME) && !apex &&
		    !(flags & ZL_NAME_TOLD_AND)) {
			const struct zl_slot *c = zl_table_find(&zone->cnames,
			    zl_exact_key(v->id));

			say_type(v->type, tn, sizeof(tn));
			zl_report_add(zone->report, ZL_CNAME_AND_OTHER,
			    v->file, v->line, zl_view_owner(v),
			    LDNS_RR_TYPE_CNAME, "%s has a CNAME (line %u) "
			    "and a record of type %s (line %u)",
			    zl_view_owner(v), c != NULL ? c->a : 0, tn, v->line);
			flags |= ZL_NAME_TOLD_AND;
		}
		flags |= ZL_NAME_OTHER;
	}
	n->b = (n->b & ~ZL_NAME_FLAGS) | flags;
}

size_t
zl_txt_join(const uint8_t *d, size_t size, char *out)
{
	size_t i = 0, len = 0;

	while (i < size) {
		size_t n = d[i++];

		if (n > size - i) {
			n = size - i;
		}
		memcpy(out + len, d + i, n);
		len += n;
		i += n;
	}
	out[len] = '\0';
	return len;
}

/* TXT (and SPF type) data: the character-strings joined (RFC 7208 3.3),
 * into the zone's buffer (and a NUL); NULL when out of memory. */
static char *
join_strings(struct zone *zone, const uint8_t *d, size_t size, size_t *len)
{
	char *text;

	if (size + 1 > zone->strings_cap) {
		size_t cap = zone->strings_cap ? zone->strings_cap : 256;

		while (cap < size + 1) {
			cap *= 2;
		}
		if ((text = realloc(zone->strings, cap)) == NULL) {
			return NULL;
		}
		zone->strings = text;
		zone->strings_cap = cap;
	}
	text = zone->strings;
	*len = zl_txt_join(d, size, text);
	return text;
}

/*
 * What is kept after the record is read: every record at the apex and at
 * the names of the profile's records, which the mail checks and the fixes
 * look at.  The rest is checked as it is read and forgotten, so that
 * memory grows with the names of a zone, not its records.
 */
static bool
keep(const struct zone *zone, const struct zl_view *v, unsigned flags)
{
	return v->id == zone->origin_id || (flags & ZL_NAME_PLAN) != 0;
}

/* Bytes into the kept arena (and a NUL after them); NULL when out of
 * memory. */
static const void *
kept_bytes(struct zone *zone, const void *p, size_t n)
{
	uint32_t off = zl_arena_add(&zone->kept_arena, NULL, n + 1);
	char *q;

	if (off == UINT32_MAX) {
		return NULL;
	}
	q = (char *)zl_arena_at(zone->kept_arena, off);
	if (n > 0) {
		memcpy(q, p, n);
	}
	q[n] = '\0';
	return q;
}

/* Keep the record, in wire form (`text`: its joined strings, or NULL). */
static void
keep_record(struct zone *zone, struct zl_view *v, const char *text,
    size_t text_len)
{
	struct kept *k;
	struct zl_slot *o;
	bool added;
	const char *owner = zl_view_owner(v);

	if (!zl_grow((void **)&zone->kept, &zone->kept_capacity,
	    zone->kept_count + 1, sizeof(*zone->kept))) {
		zone->nomem = true;
		return;
	}
	k = &zone->kept[zone->kept_count];
	memset(k, 0, sizeof(*k));
	k->owner_id = v->id;
	k->type = v->type;
	k->ttl = v->ttl;
	k->file = v->file;
	k->line = v->line;
	k->rdlen = v->rdata_len;
	k->text_len = text_len;
	if ((k->owner = kept_bytes(zone, owner, strlen(owner))) == NULL ||
	    (k->rdata = kept_bytes(zone, v->rdata, v->rdata_len)) == NULL ||
	    (text != NULL &&
		(k->text = kept_bytes(zone, text, text_len)) == NULL) ||
	    (o = zl_table_get(&zone->kept_owners, zl_exact_key(v->id),
		&added)) == NULL) {
		zone->nomem = true;
		return;
	}
	/* Chain it to the records kept at its owner. */
	if (!added) {
		zone->kept[o->b - 1].next = zone->kept_count + 1;
	} else {
		o->a = (uint32_t)zone->kept_count + 1;
	}
	o->b = (uint32_t)++zone->kept_count;
}

/*
 * A record whose owner is not at or below the zone's origin (RFC 1034
 * 4.2.1: a zone is the names at and below its top node): BIND and Knot
 * load the zone and ignore the record ("ignoring out-of-zone data"), so
 * it is said and no other check sees it.  True for such a record.  Only
 * when the origin is the zone's apex (apex_sure): an origin guessed from
 * a $ORIGIN after the SOA, the file name or the owner names may be a
 * name below the apex, or another domain's.
 */
static bool
outside(struct zone *zone, const struct zl_view *v)
{
	char name[ZL_NAME_TEXT_MAX];
	char tn[32];

	if (!zone->apex_sure || zone->names.origin_len == 0 ||
	    zl_wire_below(v->owner, v->owner_len, zone->names.origin,
		zone->names.origin_len)) {
		return false;
	}
	if (v->file == NULL) {
		zone->nomem = true;
		return true;
	}
	zl_name_text(v->owner, v->owner_len, name);
	say_type(v->type, tn, sizeof(tn));
	zl_report_add(zone->report, ZL_OUT_OF_ZONE, v->file, v->line, name,
	    v->type, "%s is outside the zone %s: servers ignore its %s "
	    "record", name, zone->origin != NULL ? zone->origin : "?", tn);
	return true;
}

static void
on_record(void *ctx, const zl_record_t *rec)
{
	struct zone *zone = ctx;
	struct zl_view v;
	struct zl_name_slot *n;
	const char *text = NULL;
	size_t text_len = 0;
	uint32_t target = 0;
	unsigned flags;
	bool added, kept, same;

	if (zone->compare != NULL) {
		zl_compare_served(zone->compare, rec);
	}

	/* RFC 1035 5.2: the records of a zone have its class; BIND and
	 * Knot refuse the zone otherwise.  The record is no part of the IN
	 * zone, so no other check sees it. */
	if (rec->rr_class != LDNS_RR_CLASS_IN) {
		char *cn = ldns_rr_class2str((ldns_rr_class)rec->rr_class);

		zl_report_add(zone->report, ZL_CLASS_MISMATCH,
		    (v.file = intern_file(zone, rec->file)) != NULL ? v.file
								   : zone->path,
		    rec->line, NULL, rec->type, "record of class %s in a zone "
		    "of class IN", cn != NULL ? cn : "?");
		free(cn);
		return;
	}
	v.owner = rec->owner;
	v.owner_len = rec->owner_len;
	v.type = rec->type;
	v.ttl = rec->ttl;
	v.rdata = rec->rdata;
	v.rdata_len = rec->rdata_len;
	v.file = intern_file(zone, rec->file);
	v.line = rec->line;
	v.text = NULL;
	same = zone->last_slot != NULL &&
	    v.owner_len == zone->last_owner_len &&
	    memcmp(v.owner, zone->last_owner, v.owner_len) == 0;
	if (!same && outside(zone, &v)) {
		return;
	}
	/* A CNAME's target is interned first: interning may move the
	 * owner's slot. */
	if (v.type == LDNS_RR_TYPE_CNAME &&
	    (target = zl_name_intern(zone, v.rdata, v.rdata_len)) == 0 &&
	    zone->nomem) {
		return; /* (a name past 255 octets, which ldns may make of a
			 * relative one, is no name: target 0) */
	}
	if (v.owner_len > ZL_WIRE_MAX) {
		return; /* the reader refuses such owners (RFC 1035 3.1) */
	}
	if (v.file == NULL) {
		zone->nomem = true;
		return;
	}
	/* The same bytes are the same name; any growth of the table may
	 * have moved the slot. */
	if (same && zone->last_moves == zl_names_moves(&zone->names,
	    zone->last_shard)) {
		n = zone->last_slot;
	} else if ((n = rec->owner_hashed
			? zl_names_get_hashed(&zone->names, v.owner,
			      v.owner_len, rec->owner_hash, &added)
			: zl_names_get(&zone->names, v.owner, v.owner_len,
			      &added)) == NULL) {
		zone->nomem = true;
		return;
	} else {
		memcpy(zone->last_owner, v.owner, v.owner_len);
		zone->last_owner_len = v.owner_len;
		zone->last_slot = n;
		zone->last_shard = zl_names_shard(n->hash);
		zone->last_moves = zl_names_moves(&zone->names,
		    zone->last_shard);
	}
	v.id = n->id;
	if (v.id != zone->run_id) {
		run_start(zone, n);
	}
	if (!(n->b & ZL_NAME_DATA)) {
		int c = client_host(zone, v.owner, v.owner_len);

		if (c >= 0) {
			n->b |= ZL_NAME_PLAN;
			zone->client_ids[c] = n->id;
		}
	}
	n->b |= ZL_NAME_DATA;
	if (v.type == LDNS_RR_TYPE_NS && v.id != zone->origin_id) {
		n->b |= ZL_NAME_CUT;
	}
	if (v.type == LDNS_RR_TYPE_A || v.type == LDNS_RR_TYPE_AAAA) {
		n->b |= ZL_NAME_ADDRESS; /* (target-no-address, rule_dns.c) */
	}
	if (zl_dnssec_type(v.type)) {
		check_other_rrset(zone, n, &v);
	} else {
		check_first_rrset(zone, n, &v);
	}
	check_cname_rules(zone, n, &v, target);
	flags = SLOT_FLAGS(n); /* n is not used after this */
	/* The reader hands over every record in its type's wire form (RFC
	 * 3597 data of a known type is checked to be one), so the checks
	 * below may read its fields. */
	kept = keep(zone, &v, flags);
	v.kept = kept;
	v.strings = NULL;
	v.strings_len = 0;
	if (v.type == LDNS_RR_TYPE_TXT || v.type == LDNS_RR_TYPE_SPF) {
		text = join_strings(zone, v.rdata, v.rdata_len, &text_len);
		if (text == NULL) {
			zone->nomem = true;
			return;
		}
		v.strings = text;
		v.strings_len = text_len;
	}
	families_record(zone, &v);
	if (!kept) {
		return;
	}
	keep_record(zone, &v, text, text_len);
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

	while ((size_t)(end - p) >= sizeof(word) - 1 &&
	    memcmp(p, word, sizeof(word) - 1) != 0) {
		p++;
	}
	if ((size_t)(end - p) < sizeof(word) - 1) {
		return; /* the reader only passes comments that have it */
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
		if (!zl_grow((void **)&zone->suppressions,
		    &zone->suppressions_cap, zone->suppressions_count + 1,
		    sizeof(*zone->suppressions))) {
			zone->nomem = true;
			return;
		}
		sp = zone->suppressions;
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

/* Apply the suppressions of unused-suppression (`of_unused`) or of the
 * other rules; what each dropped goes to `dropped`. */
static void
suppress(struct zone *zone, size_t *dropped, bool of_unused)
{
	size_t i;

	for (i = 0; i < zone->suppressions_count; i++) {
		const struct suppression *sp = &zone->suppressions[i];
		int rule = zl_rule_find(sp->rule);

		if (rule >= 0 && (rule == ZL_UNUSED_SUPPRESSION) == of_unused) {
			dropped[i] = zl_report_suppress(zone->report,
			    sp->file, sp->target, rule);
		}
	}
}

/* The unused-suppression findings of the suppressions of one kind. */
static void
report_unused(struct zone *zone, const size_t *dropped, bool of_unused)
{
	const int *overrides = zl_report_overrides(zone->report);
	size_t i;

	for (i = 0; i < zone->suppressions_count; i++) {
		const struct suppression *sp = &zone->suppressions[i];
		int rule = zl_rule_find(sp->rule);

		if ((rule == ZL_UNUSED_SUPPRESSION) != of_unused) {
			continue;
		}
		if (rule < 0) {
			zl_report_add(zone->report, ZL_UNUSED_SUPPRESSION,
			    sp->file, sp->line, NULL, 0,
			    "'; zonelint: ignore %s': no such rule", sp->rule);
		} else if (dropped[i] == 0 &&
		    zl_rule_severity(overrides, rule, ZL_SEV_DEFAULT) !=
			ZL_SEV_OFF) {
			zl_report_add(zone->report, ZL_UNUSED_SUPPRESSION,
			    sp->file, sp->line, NULL, 0,
			    "'; zonelint: ignore %s' suppresses nothing: no "
			    "%s finding at line %u", sp->rule, sp->rule,
			    sp->target);
		}
	}
}

/*
 * Apply the suppressions to the findings of this file.  One that drops
 * nothing is itself a finding, so that stale ones do not pile up; one for
 * a rule that -W or the configuration turned off is not stale.
 */
static void
apply_suppressions(struct zone *zone)
{
	size_t *dropped;
	int pass;

	/* Every suppression first, then the findings of unused ones: the
	 * report's index of findings stays valid through each first loop,
	 * so that the whole is linear.  Suppressions of unused-suppression
	 * itself go last, once those findings exist. */
	if ((dropped = calloc(zone->suppressions_count + 1,
	    sizeof(*dropped))) == NULL) {
		zone->nomem = true;
		return;
	}
	for (pass = 0; pass < 2; pass++) {
		suppress(zone, dropped, pass == 1);
		report_unused(zone, dropped, pass == 1);
	}
	free(dropped);
}

static void
zone_free(struct zone *zone)
{
	free(zone->kept);
	zl_arena_free(zone->extras);
	zl_arena_free(zone->kept_arena);
	free(zone->strings);
	families_free(zone);
	zl_names_free(&zone->names);
	zl_table_free(&zone->rrsets);
	zl_table_free(&zone->cnames);
	zl_table_free(&zone->kept_owners);
	zl_table_free(&zone->ttl_index);
	zl_compare_free(zone->compare);
	free(zone->ttls);
	zl_strings_free(&zone->files);
	free(zone->origin);
	free(zone->suppressions);
	zg_plan_free(&zone->plan);
	free(zone->plan_ids);
}

/* Read on a thread of its own: asked for, or a regular file of 1 MiB or
 * more (below that, starting a thread costs more than it saves). */
static bool
read_thread(const char *path, const zl_options_t *options)
{
	struct stat st;

	if (options->read_thread != ZL_READ_THREAD_AUTO) {
		return options->read_thread == ZL_READ_THREAD_ON;
	}
	return strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_size >= 1024 * 1024;
}

/* Lint a file at path, or the zone `axfr` transfers (path: its name in
 * findings). */
static zg_status_t
lint_zone(const char *path, const zl_axfr_t *axfr,
    const struct zl_live *live, const zl_options_t *options,
    zl_report_t *report, char *errbuf, size_t errlen)
{
	static const zl_read_callbacks_t callbacks = {
		.begin = on_begin,
		.record = on_record,
		.problem = on_problem,
		.comment = on_comment,
		.end = on_end,
		.ahead = on_ahead,
		.progress = on_progress,
	};
	zl_read_options_t ropts = { 0 };
	const char *file = path; /* what is read */
	struct zone zone;
	zg_status_t st = ZG_OK;
	int live_rc = 0, read_rc;
	struct zl_live ext;
	char ext_domain[ZG_NAME_MAX + 2];
	unsigned f;

	zl_hash_init();
	/* Standard input goes by the name --stdin-filename gives it: in
	 * findings, for its file-name origin; it is never opened. */
	if (axfr == NULL && live == NULL && strcmp(path, "-") == 0 &&
	    options->stdin_name != NULL) {
		path = options->stdin_name;
		ropts.display = path;
	}
	memset(&zone, 0, sizeof(zone));
	zone.options = options;
	/* The file's findings stay its own until it is done: its
	 * suppressions see nothing of other files linted at the same time,
	 * and the report gets them in one step. */
	if ((zone.report = zl_report_new_file(report)) == NULL) {
		snprintf(errbuf, errlen, "%s: out of memory", path);
		return ZG_ERR_NOMEM;
	}
	zone.path = path;
	if (axfr != NULL && options->compare != NULL &&
	    (zone.compare = zl_compare_new()) == NULL) {
		zone.nomem = true;
	}
	if (zone.nomem || !families_new(&zone)) {
		zone_free(&zone);
		zl_report_merge(report, zone.report, path);
		snprintf(errbuf, errlen, "%s: out of memory", path);
		return ZG_ERR_NOMEM;
	}
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
	zone.live = live;
	if (live != NULL) {
		/* 1: a question had no answer (a dns-failure finding); the
		 * mail records are then not judged. */
		live_rc = zl_live_read(live, path, &zone.plan, &callbacks,
		    &zone, errbuf, errlen);
		read_rc = live_rc < 0 ? -1 : 0;
	} else if (axfr != NULL) {
		read_rc = zl_axfr_read(axfr, path, &ropts, &callbacks, &zone,
		    errbuf, errlen);
	} else if (read_thread(file, options)) {
		read_rc = zl_read_file_piped(file, &ropts, &callbacks, &zone,
		    errbuf, errlen);
	} else {
		read_rc = zl_read_file(file, &ropts, &callbacks, &zone, errbuf,
		    errlen);
	}
	zl_tables_forecast(0, 0); /* the read is over: no more forecast */
	if (read_rc != 0) {
		zone_free(&zone);
		zl_report_merge(report, zone.report, path);
		return ZG_ERR_IO;
	}
	zl_report_file_read(zone.report);
	if (zone.compare != NULL && zone.limited) {
		/* Records not read are not missing. */
		zl_report_add(zone.report, ZL_LIMIT_EXCEEDED, path, 0, NULL, 0,
		    "the transfer was not read to its end: not compared with "
		    "%s", options->compare);
	} else if (zone.compare != NULL &&
	    (st = zl_compare_finish(&zone, zone.compare, options->compare,
		axfr->domain, path, errbuf, errlen)) != ZG_OK) {
		zone_free(&zone);
		zl_report_merge(report, zone.report, path);
		return st;
	}
	/* --resolve-external: the apex's SPF record counted with the
	 * includes outside the zone asked of the DNS (lint/live.c). */
	if (live == NULL && options->resolve_external != NULL &&
	    zone.origin != NULL && strcmp(zone.origin, ".") != 0) {
		size_t n = strlen(zone.origin);

		memcpy(ext_domain, zone.origin, n - 1);
		ext_domain[n - 1] = '\0';
		ext.dns = options->resolve_external;
		ext.domain = ext_domain;
		ext.resolver_name = "file";
		ext.local = true;
		zone.live = &ext;
		zl_dns_budget(ext.dns, options->query_budget);
	}
	/* The families' checks at the end, in table order: SPF counts,
	 * then the one judgement of the mail records (reported, and printed
	 * as a fix below). */
	for (f = 0; f < ZL_FAMILY__COUNT && !zone.nomem && live_rc == 0;
	     f++) {
		if (zl_families[f]->end != NULL) {
			zl_families[f]->end(&zone, zone.state[f]);
		}
	}
	if (zone.live != NULL && live_rc == 0 && !zone.nomem) {
		zl_live_checks(&zone, zone.live);
	}
	if (!zone.nomem) {
		apply_suppressions(&zone);
	}
	if (!zone.nomem && options->fix != ZL_FIX_NONE) {
		if (zone.read_problems > 0) {
			snprintf(errbuf, errlen, "%s: %u problem%s reading "
			    "the zone (run zonelint without --fix): no fix",
			    path, zone.read_problems,
			    zone.read_problems == 1 ? "" : "s");
			zone_free(&zone);
			zl_report_merge(report, zone.report, path);
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
	zl_report_merge(report, zone.report, path);
	return st;
}

zg_status_t
zl_lint_file(const char *path, const zl_options_t *options,
    zl_report_t *report, char *errbuf, size_t errlen)
{
	return lint_zone(path, NULL, NULL, options, report, errbuf, errlen);
}

zg_status_t
zl_lint_axfr(const zl_axfr_t *req, const zl_options_t *options,
    zl_report_t *report, char *errbuf, size_t errlen)
{
	zl_options_t o = *options;
	char *display;
	size_t n = strlen(req->server) + strlen(req->domain) + 9;
	zg_status_t st;

	if ((display = malloc(n)) == NULL) {
		snprintf(errbuf, errlen, "out of memory");
		return ZG_ERR_NOMEM;
	}
	snprintf(display, n, "axfr://%s/%s", req->server, req->domain);
	/* The zone's own name is its origin. */
	o.origin = req->domain;
	st = lint_zone(display, req, NULL, &o, report, errbuf, errlen);
	free(display);
	return st;
}

zg_status_t
zl_lint_live(const char *domain, zl_dns_t *dns, unsigned budget,
    const char *resolver_name, const zl_options_t *options,
    zl_report_t *report, char *errbuf, size_t errlen)
{
	struct zl_live live = { dns, domain, resolver_name, false };
	zl_options_t o = *options;
	char *display;
	size_t n = strlen(resolver_name) + strlen(domain) + 8;
	zg_status_t st;

	if ((display = malloc(n)) == NULL) {
		snprintf(errbuf, errlen, "out of memory");
		return ZG_ERR_NOMEM;
	}
	snprintf(display, n, "dns://%s/%s", resolver_name, domain);
	o.origin = domain;
	zl_dns_budget(dns, budget);
	st = lint_zone(display, NULL, &live, &o, report, errbuf, errlen);
	free(display);
	return st;
}
