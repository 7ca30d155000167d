/* rule_dns.c: CNAME, MX, NS and SRV rules of the DNS itself. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/internal.h"

/* An MX, NS or SRV target the file had not named yet when it was read:
 * settled when the name gets its first record (alias or not); those still
 * waiting at the end were never named.  Settled ones are reused.  Also an
 * MX or SRV record whose in-zone target had no address when it was read,
 * judged when the zone is read (target-no-address; `next` unused). */
struct pending {
	uint32_t owner;     /* name ids */
	uint32_t target;
	const char *file;
	unsigned line;
	uint16_t type;
	size_t next;        /* the next one for the same target (or the next
			     * free one), index + 1 */
};

/* The family's own state. */
struct dns_state {
	struct pending *pending;
	size_t count;
	size_t capacity;
	size_t free;             /* first reusable one, index + 1 */
	struct zl_table index;   /* target id; a: first, index + 1 */
	struct pending *wants;   /* target-no-address */
	size_t nwants;
	size_t wants_cap;
	struct zl_table dnames;  /* DNAME owners, by name id */
	bool have_dnames;
	/* The empty non-terminals (names with no records of their own and
	 * some below), made at the end when a wildcard may answer. */
	struct zl_names ents;
	bool ents_made;
};

/*
 * A host name whose first four labels are decimal octets is an IPv4
 * address written where a name belongs: on its own ("192.0.2.1.") or, when
 * its trailing dot was left out, with the origin appended.
 */
static bool
looks_like_address(const char *name, const char *origin, bool *relative)
{
	char label[64];
	const char *p = name;
	int i;

	for (i = 0; i < 4; i++) {
		char *end;
		unsigned long v;
		size_t n = strcspn(p, ".");

		if (n == 0 || n > 3 || p[n] != '.' ||
		    strspn(p, "0123456789") != n) {
			break;
		}
		v = strtoul(p, &end, 10);
		if (v > 255) {
			break;
		}
		p += n + 1;
	}
	if (i == 4) {
		*relative = *p != '\0';
		return !*relative ||
		    (origin != NULL && strcmp(p, origin) == 0);
	}
	/* An IPv6 address ends up as one label with colons. */
	i = (int)strcspn(name, ".");
	if (i > 0 && i < (int)sizeof(label) && memchr(name, ':', (size_t)i)) {
		unsigned char buf[16];

		memcpy(label, name, (size_t)i);
		label[i] = '\0';
		if (inet_pton(AF_INET6, label, buf) == 1) {
			*relative = name[i + 1] != '\0';
			return true;
		}
	}
	return false;
}

/* The alias finding for a target known to be a CNAME owner. */
static void
report_alias(struct zone *zone, int rule, const char *file, unsigned line,
    const char *owner, uint16_t type, const char *target, unsigned at)
{
	const char *what = type == LDNS_RR_TYPE_MX   ? "MX"
			   : type == LDNS_RR_TYPE_NS ? "NS"
						     : "SRV";

	zl_report_add(zone->report, rule, file, line, owner, type,
	    "%s target %s is an alias (CNAME at line %u)", what, target, at);
}

static int
alias_rule(uint16_t type)
{
	return type == LDNS_RR_TYPE_MX	 ? ZL_MX_TARGET_CNAME
	       : type == LDNS_RR_TYPE_NS ? ZL_NS_TARGET_CNAME
					 : ZL_SRV_TARGET_CNAME;
}

/* A free pending entry; its index, or SIZE_MAX when out of memory. */
static size_t
pending_new(struct dns_state *st)
{
	size_t i;

	if (st->free != 0) {
		i = st->free - 1;
		st->free = st->pending[i].next;
		return i;
	}
	if (!zl_grow((void **)&st->pending, &st->capacity, st->count + 1,
	    sizeof(*st->pending))) {
		return SIZE_MAX;
	}
	return st->count++;
}

/*
 * MX, NS and SRV targets: no alias (RFC 2181 10.3, RFC 2782), no address.
 * Checked as the record is read; a target the file has not named yet
 * waits in the zone's pending list until it is.  A target already named
 * with other data that gets a CNAME later is not waited for: that CNAME is
 * a cname-and-other finding of its own.  Names are compared as interned
 * names: exactly, whatever their case.  True when the target is an
 * address (its finding says so; it needs no other).
 */
/* What check_target found of a target in the zone: its name id (0 when
 * it did not intern it) and the name's flags then. */
struct target {
	uint32_t id;
	unsigned flags;
};

static bool
check_target(struct zone *zone, struct dns_state *st, struct zl_view *v,
    const uint8_t *wire, size_t len, int address_rule, const char *what,
    struct target *seen)
{
	char target[ZL_NAME_TEXT_MAX];
	const struct zl_slot *c;
	struct zl_slot *head;
	struct pending *p;
	bool relative = false, added;
	unsigned flags;
	uint32_t id;
	size_t i;

	if (len == 1) {
		return false; /* ".": null MX or "no service", not a host */
	}
	/* Only a first label that starts with a digit or holds a colon can
	 * be an address: the text is made for those (and messages) only. */
	target[0] = '\0';
	if (address_rule >= 0 && ((wire[1] >= '0' && wire[1] <= '9') ||
	    memchr(wire + 1, ':', wire[0]) != NULL)) {
		zl_name_text(wire, len, target);
	}
	if (target[0] != '\0' &&
	    looks_like_address(target, zone->origin, &relative)) {
		zl_report_add(zone->report, address_rule, v->file, v->line,
		    zl_view_owner(v), v->type, "%s target %s is an IP "
		    "address%s", what, target,
		    relative ? " with the origin appended" : "");
		return true;
	}
	/* Only this zone's names can be its CNAMEs. */
	if (!zl_in_zone_wire(zone, wire, len)) {
		return false;
	}
	if ((id = zl_name_intern_flags(zone, wire, len, &flags)) == 0) {
		return false;
	}
	if (seen != NULL) {
		seen->id = id;
		seen->flags = flags;
	}
	/* (A name in the cnames table has ZL_NAME_CNAME.) */
	if ((flags & ZL_NAME_CNAME) &&
	    (c = zl_table_find(&zone->cnames, zl_exact_key(id))) != NULL) {
		zl_name_text(wire, len, target);
		report_alias(zone, alias_rule(v->type), v->file, v->line,
		    zl_view_owner(v), v->type, target, c->a);
		return false;
	}
	/* A name with data other than DNSSEC is settled. */
	if ((flags & (ZL_NAME_CNAME | ZL_NAME_OTHER)) != 0) {
		return false;
	}
	if ((head = zl_table_get(&st->index, zl_exact_key(id), &added)) ==
	    NULL || (i = pending_new(st)) == SIZE_MAX) {
		zone->nomem = true;
		return false;
	}
	p = &st->pending[i];
	p->owner = v->id;
	p->target = id;
	p->file = v->file;
	p->line = v->line;
	p->type = v->type;
	p->next = head->a;
	head->a = (uint32_t)(i + 1);
	return false;
}

static void
name_defined(struct zone *zone, void *state, uint32_t id,
    unsigned cname_line)
{
	struct dns_state *st = state;
	struct zl_slot *head = zl_table_find(&st->index, zl_exact_key(id));
	char owner[ZL_NAME_TEXT_MAX], target[ZL_NAME_TEXT_MAX];
	size_t i, next;

	if (head == NULL) {
		return;
	}
	for (i = head->a; i != 0; i = next) {
		struct pending *p = &st->pending[i - 1];

		if (cname_line != 0) {
			zl_names_text(&zone->names, p->owner, owner);
			zl_names_text(&zone->names, p->target, target);
			report_alias(zone, alias_rule(p->type), p->file,
			    p->line, owner, p->type, target, cname_line);
		}
		next = p->next;
		p->next = st->free;
		st->free = i;
	}
	zl_table_remove(&st->index, head);
}

/*
 * RFC 6186 3 and RFC 8314 5.1: which port goes with which mail service.
 * A record on the port of the other TLS mode sends clients to speak the
 * wrong protocol (the classic: _submission._tcp on 465).
 */
static const struct {
	const char *service;
	unsigned wrong_port;
	const char *instead;
} srv_ports[] = {
	{ "_submission", 465, "_submissions._tcp (implicit TLS)" },
	{ "_submissions", 587, "_submission._tcp (STARTTLS)" },
	{ "_imap", 993, "_imaps._tcp (implicit TLS)" },
	{ "_imaps", 143, "_imap._tcp (STARTTLS)" },
	{ "_pop3", 995, "_pop3s._tcp (implicit TLS)" },
	{ "_pop3s", 110, "_pop3._tcp (STARTTLS)" },
};

/* Whether wire label `l` (its length byte first) is `name`, any case. */
static bool
label_is(const uint8_t *l, const char *name)
{
	size_t n = strlen(name);

	return l[0] == n && strncasecmp((const char *)l + 1, name, n) == 0;
}

static void
check_srv(struct zone *zone, struct dns_state *st, struct zl_view *v,
    struct target *seen)
{
	const char *file = v->file;
	unsigned line = v->line;
	const uint8_t *rdata = v->rdata;
	size_t len = v->rdata_len;
	/* The owner's first two labels, read from its wire form: the text
	 * is made only for a message. */
	const uint8_t *w = v->owner, *l2 = NULL;
	unsigned port;
	size_t i;

	if (len < 7) {
		return;
	}
	if (v->owner_len > 1 && w[0] > 0 && (size_t)w[0] + 1 < v->owner_len) {
		l2 = w + 1 + w[0];
	}
	if (w[0] < 2 || w[1] != '_' || l2 == NULL || l2[0] < 2 ||
	    l2[1] != '_') {
		zl_report_add(zone->report, ZL_SRV_OWNER, file, line,
		    zl_view_owner(v), LDNS_RR_TYPE_SRV,
		    "SRV owner %s is not _service._proto.name",
		    zl_view_owner(v));
	}
	port = (unsigned)rdata[4] << 8 | rdata[5];
	if (l2 != NULL && label_is(l2, "_tcp")) {
		for (i = 0; i < sizeof(srv_ports) / sizeof(srv_ports[0]);
		     i++) {
			if (label_is(w, srv_ports[i].service) &&
			    srv_ports[i].wrong_port == port) {
				zl_report_add(zone->report, ZL_SRV_PORT, file,
				    line, zl_view_owner(v), LDNS_RR_TYPE_SRV,
				    "%s on port %u: that port belongs under "
				    "%s", zl_view_owner(v), port,
				    srv_ports[i].instead);
			}
		}
	}
	(void)check_target(zone, st, v, rdata + 6, len - 6, -1, "SRV", seen);
}

/* ---- target-no-address ----------------------------------------------- */

/*
 * An MX host or SRV target in the zone must have an address (RFC 5321
 * 5.1, RFC 2782), as named-checkzone checks it (BIND 9.18 zone.c,
 * zone_check_mx and zone_check_srv): a record is judged when it is the
 * zone's own data (its owner not at or below a delegation nor below a
 * DNAME) and its target is in the zone, not ".", not at or below a
 * delegation nor below a DNAME, not a CNAME (mx-target-cname's and
 * srv-target-cname's), and has no A or AAAA record, nor a wildcard's
 * (RFC 4592) when it does not exist.  Decided when the zone is read:
 * each name by look-ups in the names table, linear in the records.
 */
static void
want_address(struct zone *zone, struct dns_state *st, struct zl_view *v,
    const struct target *seen)
{
	/* --live asks the DNS for addresses (lint/live.c); a zone without
	 * an origin has no names of its own.  check_target interned the
	 * target when it is in the zone and not "." (seen->id). */
	if (zone->origin_id == 0 ||
	    (zone->live != NULL && !zone->live->local) ||
	    !zl_in_zone_wire(zone, v->owner, v->owner_len) ||
	    seen->id == 0 || (seen->flags & ZL_NAME_ADDRESS)) {
		return;
	}
	if (!zl_grow((void **)&st->wants, &st->wants_cap, st->nwants + 1,
	    sizeof(*st->wants))) {
		zone->nomem = true;
		return;
	}
	st->wants[st->nwants++] = (struct pending){ v->id, seen->id, v->file,
		v->line, v->type, 0 };
}

static bool
is_dname(const struct dns_state *st, uint32_t id)
{
	return st->have_dnames &&
	    zl_table_find(&st->dnames, zl_exact_key(id)) != NULL;
}

/* Wire name w (in the zone) is at or below a delegation, or below a
 * DNAME: not the zone's own data. */
static bool
occluded(const struct zone *zone, const struct dns_state *st,
    const uint8_t *w, size_t len)
{
	size_t olen = zone->names.origin_len, i;

	for (i = 0; len - i > olen; i += 1u + w[i]) {
		const struct zl_name_slot *n = zl_names_find(&zone->names,
		    w + i, len - i);

		if (n != NULL && ((n->b & ZL_NAME_CUT) ||
		    (i > 0 && is_dname(st, n->id)))) {
			return true;
		}
	}
	return len > olen && is_dname(st, zone->origin_id);
}

/* The ancestors of every name with records, strictly below the origin,
 * into st->ents (zl_names_each's callback). */
struct ents_ctx {
	struct zone *zone;
	struct dns_state *st;
};

static void
ents_add(void *ctx, const struct zl_name_slot *n)
{
	struct ents_ctx *c = ctx;
	uint8_t w[ZL_WIRE_MAX];
	size_t len, olen = c->zone->names.origin_len, i;
	bool added;

	if (!(n->b & ZL_NAME_DATA)) {
		return;
	}
	len = zl_names_wire(&c->zone->names, n->id, w);
	if (!zl_wire_below(w, len, c->zone->names.origin, olen)) {
		return;
	}
	/* An ancestor there already has its own ancestors there too. */
	for (i = 1u + w[0]; i < len && len - i > olen; i += 1u + w[i]) {
		if (zl_names_get(&c->st->ents, w + i, len - i, &added) ==
		    NULL) {
			c->zone->nomem = true;
			return;
		}
		if (!added) {
			break;
		}
	}
}

/* The name exists (RFC 4592 2.2.2): records, or names below it. */
static bool
exists(struct zone *zone, struct dns_state *st, const uint8_t *w,
    size_t len)
{
	const struct zl_name_slot *n = zl_names_find(&zone->names, w, len);

	if (n != NULL && (n->b & ZL_NAME_DATA)) {
		return true;
	}
	if (!st->ents_made) {
		struct ents_ctx c = { zone, st };

		st->ents_made = true;
		zl_names_each(&zone->names, ents_add, &c);
	}
	return zl_names_find(&st->ents, w, len) != NULL;
}

/*
 * A target without records that a wildcard answers with an address, or
 * with a CNAME (mx-target-cname's): the wildcard "*.E" of its closest
 * encloser E (RFC 4592 3.3.1).  The nearest ancestor with such a
 * wildcard is E only when neither the target nor a name between them
 * exists.
 */
static bool
wildcard_answers(struct zone *zone, struct dns_state *st, const uint8_t *w,
    size_t len)
{
	uint8_t star[ZL_WIRE_MAX];
	const struct zl_name_slot *n = NULL;
	size_t olen = zone->names.origin_len, i, j;

	for (i = 1u + w[0]; i < len && len - i >= olen; i += 1u + w[i]) {
		if (len - i + 2 <= ZL_WIRE_MAX) {
			star[0] = 1;
			star[1] = '*';
			memcpy(star + 2, w + i, len - i);
			n = zl_names_find(&zone->names, star, len - i + 2);
			if (n != NULL && (n->b & ZL_NAME_DATA)) {
				break;
			}
		}
		n = NULL;
	}
	if (n == NULL) {
		return false;
	}
	for (j = 0; j < i; j += 1u + w[j]) {
		if (exists(zone, st, w + j, len - j)) {
			return false;
		}
	}
	/* (n is still the wildcard's slot: only ents grew.) */
	return (n->b & (ZL_NAME_ADDRESS | ZL_NAME_CNAME)) != 0;
}

/*
 * An MX host of the profile written without its final dot, at the name
 * the profile has it: mail-mx-relative says that, and how to mend it.
 */
static bool
plan_host_lost_dot(const struct zone *zone, uint32_t owner,
    const uint8_t *w, size_t len)
{
	uint8_t want[ZL_WIRE_MAX];
	size_t olen = zone->names.origin_len, wlen, i;

	for (i = 0; zone->has_plan && i < zone->plan.count; i++) {
		const zg_record_t *r = &zone->plan.records[i];

		if (r->type != ZG_RR_MX || r->target == NULL ||
		    zone->plan_ids[i] != owner ||
		    (wlen = zl_name_from_text(r->target, want)) <= 1) {
			continue;
		}
		if (len == wlen - 1 + olen && memcmp(w, want, wlen - 1) == 0 &&
		    zl_wire_below(w, len, zone->names.origin, olen)) {
			return true;
		}
	}
	return false;
}

static void
end(struct zone *zone, void *state)
{
	struct dns_state *st = state;
	uint8_t ow[ZL_WIRE_MAX], tw[ZL_WIRE_MAX];
	char owner[ZL_NAME_TEXT_MAX], target[ZL_NAME_TEXT_MAX];
	size_t i, olen, tlen;

	/* --resolve-external set zone->live after the records were read. */
	for (i = 0; i < st->nwants && (zone->live == NULL ||
	     zone->live->local); i++) {
		const struct pending *w = &st->wants[i];
		unsigned flags = zl_name_flags(zone, w->target);

		if (flags & (ZL_NAME_ADDRESS | ZL_NAME_CNAME)) {
			continue;
		}
		olen = zl_names_wire(&zone->names, w->owner, ow);
		tlen = zl_names_wire(&zone->names, w->target, tw);
		if (occluded(zone, st, ow, olen) ||
		    occluded(zone, st, tw, tlen) ||
		    (!(flags & ZL_NAME_DATA) &&
			wildcard_answers(zone, st, tw, tlen)) ||
		    (w->type == LDNS_RR_TYPE_MX &&
			plan_host_lost_dot(zone, w->owner, tw, tlen))) {
			continue;
		}
		zl_name_text(ow, olen, owner);
		zl_name_text(tw, tlen, target);
		/* The words of lint/live.c: one finding for one problem,
		 * from a file or from the DNS. */
		zl_report_add(zone->report, ZL_TARGET_NO_ADDRESS, w->file,
		    w->line, owner, w->type, "%s host %s at %s has no A or "
		    "AAAA record", w->type == LDNS_RR_TYPE_MX ? "MX" : "SRV",
		    target, owner);
	}
}

static void
record(struct zone *zone, void *state, struct zl_view *v)
{
	struct dns_state *st = state;
	struct target seen = { 0, 0 };
	struct zl_slot *d;
	bool added;

	switch (v->type) {
	case LDNS_RR_TYPE_MX:
		if (v->rdata_len >= 3) {
			if (!check_target(zone, st, v, v->rdata + 2,
			    v->rdata_len - 2, ZL_MX_TARGET_ADDRESS, "MX",
			    &seen)) {
				want_address(zone, st, v, &seen);
			}
		}
		break;
	case LDNS_RR_TYPE_NS:
		if (v->rdata_len >= 1) {
			(void)check_target(zone, st, v, v->rdata, v->rdata_len,
			    ZL_NS_TARGET_ADDRESS, "NS", NULL);
		}
		break;
	case LDNS_RR_TYPE_SRV:
		check_srv(zone, st, v, &seen);
		if (v->rdata_len >= 7) {
			want_address(zone, st, v, &seen);
		}
		break;
	case LDNS_RR_TYPE_DNAME:
		if ((d = zl_table_get(&st->dnames, zl_exact_key(v->id),
		    &added)) == NULL) {
			zone->nomem = true;
		}
		st->have_dnames = true;
		break;
	default:
		break;
	}
}

static void
release(void *state)
{
	struct dns_state *st = state;

	free(st->pending);
	zl_table_free(&st->index);
	free(st->wants);
	zl_table_free(&st->dnames);
	zl_names_free(&st->ents);
}

/* A target still waiting at the end was never named in the zone: it is
 * no alias.  At the end, the targets without an address. */
const struct zl_family zl_family_dns = {
	.name = "dns",
	.types = { LDNS_RR_TYPE_MX, LDNS_RR_TYPE_NS, LDNS_RR_TYPE_SRV,
	    LDNS_RR_TYPE_DNAME },
	.state_size = sizeof(struct dns_state),
	.record = record,
	.name_defined = name_defined,
	.end = end,
	.release = release,
};
