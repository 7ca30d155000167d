/* rule_dns.c: CNAME, MX, NS and SRV rules of the DNS itself. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "lint/internal.h"

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

/*
 * MX, NS and SRV targets: no alias (RFC 2181 10.3, RFC 2782), no address.
 * Checked as the record is read; a target the file has not named yet
 * waits in the zone's pending list until it is.  A target already named
 * with other data that gets a CNAME later is not waited for: that CNAME is
 * a cname-and-other finding of its own.
 */
static void
check_target(struct zone *zone, const char *owner, const char *file,
    unsigned line, uint16_t type, const uint8_t *wire, size_t len,
    int address_rule, const char *what)
{
	char target[ZL_NAME_TEXT_MAX];
	const struct zl_slot *c, *n;
	struct zl_slot *head;
	struct pending *p;
	bool relative = false, added;
	uint64_t key = zl_name_key(wire, len);
	size_t ol, tl, i;

	zl_name_text(wire, len, target);
	if (strcmp(target, ".") == 0) {
		return; /* null MX or "no service": not a host */
	}
	if (address_rule >= 0 &&
	    looks_like_address(target, zone->origin, &relative)) {
		zl_report_add(zone->report, address_rule, file, line, owner,
		    type, "%s target %s is an IP address%s", what, target,
		    relative ? " with the origin appended" : "");
	}
	if ((c = zl_table_find(&zone->cnames, key)) != NULL) {
		report_alias(zone, alias_rule(type), file, line, owner, type,
		    target, c->a);
		return;
	}
	/* Only this zone's names can be its CNAMEs; a name with data
	 * other than DNSSEC was settled above. */
	if (!zl_in_zone(target, zone->origin) ||
	    ((n = zl_table_find(&zone->names, key)) != NULL &&
		(n->b & (ZL_NAME_CNAME | ZL_NAME_OTHER)) != 0)) {
		return;
	}
	if ((head = zl_table_get(&zone->pending_index, key, &added)) == NULL) {
		zone->nomem = true;
		return;
	}
	if (zone->pending_free != 0) {
		i = zone->pending_free - 1;
		zone->pending_free = zone->pending[i].next;
	} else {
		if (zone->pending_count == zone->pending_capacity) {
			size_t cap = zone->pending_capacity
					 ? zone->pending_capacity * 2
					 : 64;

			p = realloc(zone->pending, cap * sizeof(*p));
			if (p == NULL) {
				zone->nomem = true;
				return;
			}
			zone->pending = p;
			zone->pending_capacity = cap;
		}
		i = zone->pending_count++;
		zone->pending[i].owner = NULL;
	}
	p = &zone->pending[i];
	ol = strlen(owner) + 1;
	tl = strlen(target) + 1;
	if ((p->owner = malloc(ol + tl)) == NULL) {
		p->next = zone->pending_free;
		zone->pending_free = i + 1;
		zone->nomem = true;
		return;
	}
	memcpy(p->owner, owner, ol);
	memcpy(p->owner + ol, target, tl);
	p->target_key = key;
	p->file = file;
	p->line = line;
	p->type = type;
	p->next = head->a;
	head->a = (uint32_t)(i + 1);
}

void
zl_dns_name_defined(struct zone *zone, uint64_t key, unsigned cname_line)
{
	struct zl_slot *head = zl_table_find(&zone->pending_index, key);
	size_t i, next;

	if (head == NULL) {
		return;
	}
	for (i = head->a; i != 0; i = next) {
		struct pending *p = &zone->pending[i - 1];

		if (cname_line != 0) {
			report_alias(zone, alias_rule(p->type), p->file,
			    p->line, p->owner, p->type,
			    p->owner + strlen(p->owner) + 1, cname_line);
		}
		free(p->owner);
		p->owner = NULL;
		next = p->next;
		p->next = zone->pending_free;
		zone->pending_free = i;
	}
	zl_table_remove(&zone->pending_index, head);
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
check_srv(struct zone *zone, const char *owner, const char *file,
    unsigned line, const uint8_t *rdata, size_t len)
{
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
	check_target(zone, owner, file, line, LDNS_RR_TYPE_SRV, rdata + 6,
	    len - 6, -1, "SRV");
}

void
zl_dns_record(struct zone *zone, const char *owner, const char *file,
    unsigned line, uint16_t type, const uint8_t *rdata, size_t len)
{
	switch (type) {
	case LDNS_RR_TYPE_MX:
		if (len >= 3) {
			check_target(zone, owner, file, line, type, rdata + 2,
			    len - 2, ZL_MX_TARGET_ADDRESS, "MX");
		}
		break;
	case LDNS_RR_TYPE_NS:
		if (len >= 1) {
			check_target(zone, owner, file, line, type, rdata, len,
			    ZL_NS_TARGET_ADDRESS, "NS");
		}
		break;
	case LDNS_RR_TYPE_SRV:
		check_srv(zone, owner, file, line, rdata, len);
		break;
	default:
		break;
	}
}
