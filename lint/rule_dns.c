/* rule_dns.c: CNAME, MX, NS and SRV rules of the DNS itself. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "lint/internal.h"

/*
 * A CNAME owns its name: no other data (RFC 1034 3.6.2, RFC 2181 10.1),
 * exactly one CNAME (RFC 2181 10.1), and so none at the apex, which has
 * SOA and NS.  DNSSEC records were left out of `other` when read.
 */
static void
check_cnames(struct zone *zone)
{
	size_t i;

	for (i = 0; i < zone->names_capacity; i++) {
		const struct name_info *n = &zone->names[i];

		if (n->name == NULL || n->cnames == 0) {
			continue;
		}
		/* A record written twice is one record: servers merge
		 * exact duplicates (RFC 2181 5). */
		if (n->cname_targets > 1) {
			zl_report_add(zone->report, ZL_CNAME_MULTIPLE,
			    n->cname_file, n->cname_line, n->name,
			    LDNS_RR_TYPE_CNAME, "%s has %u CNAME records",
			    n->name, n->cname_targets);
		}
		if (zone->origin != NULL &&
		    strcmp(n->name, zone->origin) == 0) {
			zl_report_add(zone->report, ZL_CNAME_AT_APEX,
			    n->cname_file, n->cname_line, n->name,
			    LDNS_RR_TYPE_CNAME, "CNAME at the zone apex %s",
			    n->name);
		} else if (n->other_line != 0) {
			char *tn = ldns_rr_type2str((ldns_rr_type)n->other_type);
			const char *file = n->other_line > n->cname_line
					       ? n->other_file
					       : n->cname_file;
			unsigned line = n->other_line > n->cname_line
					    ? n->other_line
					    : n->cname_line;

			zl_report_add(zone->report, ZL_CNAME_AND_OTHER, file,
			    line, n->name, LDNS_RR_TYPE_CNAME,
			    "%s has a CNAME (line %u) and a record of type "
			    "%s (line %u)", n->name, n->cname_line,
			    tn ? tn : "?", n->other_line);
			free(tn);
		}
	}
}

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

/* `name` is `origin` or below it (both canonical). */
static bool
in_zone(const char *name, const char *origin)
{
	size_t n, o;

	if (origin == NULL) {
		return true;
	}
	n = strlen(name);
	o = strlen(origin);
	return strcmp(origin, ".") == 0 ||
	    (n >= o && strcmp(name + n - o, origin) == 0 &&
		(n == o || name[n - o - 1] == '.'));
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
 * Checked as the record is read; a target whose CNAME comes later in the
 * file waits in the zone's pending list (the target name only).
 */
static void
check_target(struct zone *zone, const struct kept *k, const ldns_rdf *rdf,
    int address_rule, const char *what)
{
	char *target = zl_dname_str(rdf);
	const struct name_info *n;
	bool relative = false;
	uint16_t type = (uint16_t)ldns_rr_get_type(k->rr);

	if (target == NULL) {
		zone->nomem = true;
		return;
	}
	if (strcmp(target, ".") == 0) {
		free(target); /* null MX or "no service": not a host */
		return;
	}
	if (address_rule >= 0 &&
	    looks_like_address(target, zone->origin, &relative)) {
		zl_report_add(zone->report, address_rule, k->file, k->line,
		    k->owner, type, "%s target %s is an IP address%s", what,
		    target, relative ? " with the origin appended" : "");
	}
	n = zl_zone_name(zone, target);
	if (n != NULL && n->cnames > 0) {
		report_alias(zone, alias_rule(type), k->file, k->line,
		    k->owner, type, target, n->cname_line);
		free(target);
		return;
	}
	if (!in_zone(target, zone->origin)) {
		free(target); /* only this zone's names can be its CNAMEs */
		return;
	}
	if (zone->pending_count == zone->pending_capacity) {
		size_t cap = zone->pending_capacity ? zone->pending_capacity * 2
						    : 64;
		struct pending *p = realloc(zone->pending, cap * sizeof(*p));

		if (p == NULL) {
			free(target);
			zone->nomem = true;
			return;
		}
		zone->pending = p;
		zone->pending_capacity = cap;
	}
	zone->pending[zone->pending_count].owner = k->owner;
	zone->pending[zone->pending_count].target = target;
	zone->pending[zone->pending_count].file = k->file;
	zone->pending[zone->pending_count].line = k->line;
	zone->pending[zone->pending_count].type = type;
	zone->pending_count++;
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
check_srv(struct zone *zone, const struct kept *k)
{
	const char *owner = k->owner;
	size_t l1 = strcspn(owner, ".");
	const char *proto = owner[l1] == '.' ? owner + l1 + 1 : "";
	size_t l2 = strcspn(proto, ".");
	unsigned port;
	size_t i;

	if (ldns_rr_rd_count(k->rr) != 4) {
		return;
	}
	if (owner[0] != '_' || l1 < 2 || proto[0] != '_' || l2 < 2 ||
	    proto[l2] != '.') {
		zl_report_add(zone->report, ZL_SRV_OWNER, k->file, k->line,
		    owner, LDNS_RR_TYPE_SRV,
		    "SRV owner %s is not _service._proto.name", owner);
	}
	port = ldns_rdf2native_int16(ldns_rr_rdf(k->rr, 2));
	if (strncmp(proto, "_tcp.", 5) == 0) {
		for (i = 0; i < sizeof(srv_ports) / sizeof(srv_ports[0]);
		     i++) {
			if (strlen(srv_ports[i].service) == l1 &&
			    strncmp(owner, srv_ports[i].service, l1) == 0 &&
			    srv_ports[i].wrong_port == port) {
				zl_report_add(zone->report, ZL_SRV_PORT,
				    k->file, k->line, owner, LDNS_RR_TYPE_SRV,
				    "%s on port %u: that port belongs under "
				    "%s", owner, port, srv_ports[i].instead);
			}
		}
	}
	check_target(zone, k, ldns_rr_rdf(k->rr, 3), -1, "SRV");
}

void
zl_dns_record(struct zone *zone, const struct kept *k)
{
	switch (ldns_rr_get_type(k->rr)) {
	case LDNS_RR_TYPE_MX:
		if (ldns_rr_rd_count(k->rr) == 2) {
			check_target(zone, k, ldns_rr_rdf(k->rr, 1),
			    ZL_MX_TARGET_ADDRESS, "MX");
		}
		break;
	case LDNS_RR_TYPE_NS:
		if (ldns_rr_rd_count(k->rr) == 1) {
			check_target(zone, k, ldns_rr_rdf(k->rr, 0),
			    ZL_NS_TARGET_ADDRESS, "NS");
		}
		break;
	case LDNS_RR_TYPE_SRV:
		check_srv(zone, k);
		break;
	default:
		break;
	}
}

void
zl_check_dns(struct zone *zone)
{
	size_t i;

	check_cnames(zone);
	/* Targets whose CNAME came after them. */
	for (i = 0; i < zone->pending_count; i++) {
		const struct pending *p = &zone->pending[i];
		const struct name_info *n = zl_zone_name(zone, p->target);

		if (n != NULL && n->cnames > 0) {
			report_alias(zone, alias_rule(p->type), p->file,
			    p->line, p->owner, p->type, p->target,
			    n->cname_line);
		}
	}
}
