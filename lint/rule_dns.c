/* rule_dns.c: CNAME, MX, NS and SRV rules of the DNS itself. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "lint/internal.h"

/* An MX, NS or SRV target the file had not named yet when it was read:
 * settled when the name gets its first record (alias or not); those still
 * waiting at the end were never named.  Settled ones are reused. */
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
 * names: exactly, whatever their case.
 */
static void
check_target(struct zone *zone, struct dns_state *st, struct zl_view *v,
    const uint8_t *wire, size_t len, int address_rule, const char *what)
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
		return; /* ".": null MX or "no service", not a host */
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
	}
	/* Only this zone's names can be its CNAMEs. */
	if (!zl_in_zone_wire(zone, wire, len)) {
		return;
	}
	if ((id = zl_name_intern_flags(zone, wire, len, &flags)) == 0) {
		return;
	}
	/* (A name in the cnames table has ZL_NAME_CNAME.) */
	if ((flags & ZL_NAME_CNAME) &&
	    (c = zl_table_find(&zone->cnames, zl_exact_key(id))) != NULL) {
		zl_name_text(wire, len, target);
		report_alias(zone, alias_rule(v->type), v->file, v->line,
		    zl_view_owner(v), v->type, target, c->a);
		return;
	}
	/* A name with data other than DNSSEC is settled. */
	if ((flags & (ZL_NAME_CNAME | ZL_NAME_OTHER)) != 0) {
		return;
	}
	if ((head = zl_table_get(&st->index, zl_exact_key(id), &added)) ==
	    NULL || (i = pending_new(st)) == SIZE_MAX) {
		zone->nomem = true;
		return;
	}
	p = &st->pending[i];
	p->owner = v->id;
	p->target = id;
	p->file = v->file;
	p->line = v->line;
	p->type = v->type;
	p->next = head->a;
	head->a = (uint32_t)(i + 1);
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

static void
check_srv(struct zone *zone, struct dns_state *st, struct zl_view *v)
{
	const char *owner = zl_view_owner(v);
	const char *file = v->file;
	unsigned line = v->line;
	const uint8_t *rdata = v->rdata;
	size_t len = v->rdata_len;
	size_t l1 = strcspn(owner, ".");
	const char *proto = owner[l1] == '.' ? owner + l1 + 1 : "";
	size_t l2 = strcspn(proto, ".");
	unsigned port;
	size_t i;

	if (len < 7) {
		return;
	}
	if (owner[0] != '_' || l1 < 2 || proto[0] != '_' || l2 < 2 ||
	    proto[l2] != '.') {
		zl_report_add(zone->report, ZL_SRV_OWNER, file, line, owner,
		    LDNS_RR_TYPE_SRV, "SRV owner %s is not _service._proto.name",
		    owner);
	}
	port = (unsigned)rdata[4] << 8 | rdata[5];
	if (strncmp(proto, "_tcp.", 5) == 0) {
		for (i = 0; i < sizeof(srv_ports) / sizeof(srv_ports[0]);
		     i++) {
			if (strlen(srv_ports[i].service) == l1 &&
			    strncmp(owner, srv_ports[i].service, l1) == 0 &&
			    srv_ports[i].wrong_port == port) {
				zl_report_add(zone->report, ZL_SRV_PORT, file,
				    line, owner, LDNS_RR_TYPE_SRV,
				    "%s on port %u: that port belongs under "
				    "%s", owner, port, srv_ports[i].instead);
			}
		}
	}
	check_target(zone, st, v, rdata + 6, len - 6, -1, "SRV");
}

static void
record(struct zone *zone, void *state, struct zl_view *v)
{
	struct dns_state *st = state;

	switch (v->type) {
	case LDNS_RR_TYPE_MX:
		if (v->rdata_len >= 3) {
			check_target(zone, st, v, v->rdata + 2,
			    v->rdata_len - 2, ZL_MX_TARGET_ADDRESS, "MX");
		}
		break;
	case LDNS_RR_TYPE_NS:
		if (v->rdata_len >= 1) {
			check_target(zone, st, v, v->rdata, v->rdata_len,
			    ZL_NS_TARGET_ADDRESS, "NS");
		}
		break;
	case LDNS_RR_TYPE_SRV:
		check_srv(zone, st, v);
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
}

/* A target still waiting at the end was never named in the zone: it is
 * no alias, and there is nothing to say at the end. */
const struct zl_family zl_family_dns = {
	.name = "dns",
	.types = { LDNS_RR_TYPE_MX, LDNS_RR_TYPE_NS, LDNS_RR_TYPE_SRV },
	.state_size = sizeof(struct dns_state),
	.record = record,
	.name_defined = name_defined,
	.release = release,
};
