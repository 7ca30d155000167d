/* emit.c: write plans as a BIND snippet, an nsupdate script or JSON. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdio.h>
#include <string.h>

#include "zonegen/zonegen.h"

/* `*state` bit: a plan has been written (separators, JSON commas). */
#define STATE_WROTE 1

static const char *
type_name(zg_rr_type_t type)
{
	switch (type) {
	case ZG_RR_CNAME:
		return "CNAME";
	case ZG_RR_MX:
		return "MX";
	case ZG_RR_TXT:
		return "TXT";
	case ZG_RR_SRV:
		return "SRV";
	}
	return "TYPE0";
}

/* The record data in presentation form, TXT quoted and split. */
static void
write_rdata(FILE *fp, const zg_record_t *r)
{
	switch (r->type) {
	case ZG_RR_CNAME:
		fputs(r->target, fp);
		break;
	case ZG_RR_MX:
		fprintf(fp, "%u %s", (unsigned)r->priority, r->target);
		break;
	case ZG_RR_TXT:
		zg_txt_write_quoted(fp, r->text);
		break;
	case ZG_RR_SRV:
		fprintf(fp, "%u %u %u %s", (unsigned)r->priority,
		    (unsigned)r->weight, (unsigned)r->port, r->target);
		break;
	}
}

static void
write_header(FILE *fp, const zg_plan_t *plan)
{
	if (plan->subject[0] != '\0') {
		fprintf(fp, "; DMARC report authorisation for %s in %s "
			    "(profile %s)\n", plan->subject, plan->domain,
		    plan->profile->name);
		return;
	}
	fprintf(fp, "; mail records for %s (profile %s)\n", plan->domain,
	    plan->profile->name);
}

/*
 * The owner relative to the domain, as a zone file with $ORIGIN DOMAIN.
 * writes it: "@" for the domain, else the owner less ".DOMAIN.".  `out`
 * holds ZG_NAME_MAX + 2 bytes.
 */
static const char *
relative_owner(const zg_plan_t *plan, const zg_record_t *r, char *out)
{
	size_t dlen = strlen(plan->domain);
	size_t olen = strlen(r->owner);

	if (olen <= dlen) {
		return "@";
	}
	memcpy(out, r->owner, olen - dlen - 1);
	out[olen - dlen - 1] = '\0';
	return out;
}

static void
emit_bind(FILE *fp, const zg_plan_t *plan, const zg_emit_options_t *o)
{
	char relative[ZG_NAME_MAX + 2];
	size_t i;

	write_header(fp, plan);
	if (o->relative) {
		fprintf(fp, "$ORIGIN %s\n", plan->domain);
	}
	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];

		if (o->relative) {
			fputs(relative_owner(plan, r, relative), fp);
		} else {
			fputs(r->owner, fp);
		}
		fprintf(fp, "\t%u\tIN\t%s\t", (unsigned)r->ttl,
		    type_name(r->type));
		write_rdata(fp, r);
		fputc('\n', fp);
	}
}

static void
nsupdate_add(FILE *fp, const zg_record_t *r)
{
	fprintf(fp, "update add %s %u IN %s ", r->owner, (unsigned)r->ttl,
	    type_name(r->type));
	write_rdata(fp, r);
	fputc('\n', fp);
}

/*
 * "VERB OWNER IN TYPE", and the data of `r` when it is given: an RRset or
 * one record to delete (RFC 2136 2.5.2, 2.5.4), a prerequisite.
 */
static void
nsupdate_rrset(FILE *fp, const char *verb, const char *owner,
    zg_rr_type_t type, const zg_record_t *r)
{
	fprintf(fp, "%s %s IN %s", verb, owner, type_name(type));
	if (r != NULL) {
		fputc(' ', fp);
		write_rdata(fp, r);
	}
	fputc('\n', fp);
}

/* A record before the `i`th has its owner (and its type, with `type`). */
static bool
seen_before(const zg_plan_t *plan, size_t i, bool type)
{
	const zg_record_t *r = &plan->records[i];
	size_t j;

	for (j = 0; j < i; j++) {
		if (strcmp(plan->records[j].owner, r->owner) == 0 &&
		    (!type || plan->records[j].type == r->type)) {
			return true;
		}
	}
	return false;
}

/*
 * --replace: one message that makes each name zonegen writes hold its
 * records, so that a change of provider is applied whole or not at all
 * (RFC 2136 3.7).  Before the first record of an owner and type its RRset
 * is deleted, and below the domain a CNAME too, which would hide the new
 * records (RFC 1034 3.6.2).  Never a whole name ("delete NAME ANY"): that
 * would take unrelated records with it.  Nor the TXT RRset of the SPF
 * record: site-verification records share it, and an update can delete
 * one record only by its exact data (RFC 2136 2.5.4), which the script
 * does not know; a former SPF record stays, which the script says and
 * zonelint reports (spf-multiple).  A second message then requires each
 * CNAME: a server ignores a CNAME added where other data remains (RFC 2136
 * 3.4.2.2), and that prerequisite makes it say NXRRSET instead.
 */
static void
emit_replace(FILE *fp, const zg_plan_t *plan)
{
	bool cnames = false;
	size_t i;

	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];

		if (r->type != ZG_RR_CNAME &&
		    strcmp(r->owner, plan->domain) != 0 &&
		    !seen_before(plan, i, false)) {
			nsupdate_rrset(fp, "update delete", r->owner,
			    ZG_RR_CNAME, NULL);
		}
		if (r->role == ZG_ROLE_SPF) {
			fprintf(fp, "; a former SPF record at %s stays beside "
				    "this one (zonelint: spf-multiple)\n",
			    r->owner);
		} else if (!seen_before(plan, i, true)) {
			nsupdate_rrset(fp, "update delete", r->owner, r->type,
			    NULL);
		}
		cnames = cnames || r->type == ZG_RR_CNAME;
		nsupdate_add(fp, r);
	}
	fputs("send\n", fp);
	if (!cnames) {
		return;
	}
	fputs("; require each CNAME: a server ignores one beside other data\n",
	    fp);
	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];

		if (r->type == ZG_RR_CNAME) {
			nsupdate_rrset(fp, "prereq yxrrset", r->owner,
			    ZG_RR_CNAME, r);
		}
	}
	fputs("send\n", fp);
}

/*
 * Without --replace: one UPDATE message per CNAME, guarded by "prereq
 * nxdomain" (RFC 2136 2.4.4): a name that already exists refuses that
 * change only.  A server would otherwise ignore the CNAME silently (RFC
 * 2136 3.4.2.2).  The other records are added in one message; adding a
 * record that is there already changes nothing (RFC 2136 3.4.2.2).
 *
 * --idempotent: a script applied again must succeed where the CNAME is
 * already right and still fail where its name holds anything else.  No
 * message can do both: its prerequisites would have to hold when the name
 * is free and when it has this CNAME, but not when it has another one,
 * and only a value-dependent "yxrrset" tells those apart, which fails on a
 * free name; and nsupdate exits non-zero when any message fails.  So a
 * message first deletes this very CNAME (nothing, unless it is there:
 * RFC 2136 2.5.4), and the guarded add follows.  The price: for the time
 * between the two messages a name that was right does not exist.
 */
static void
emit_nsupdate(FILE *fp, const zg_plan_t *plan, const zg_emit_options_t *o)
{
	bool cnames = false;
	size_t i;

	write_header(fp, plan);
	if (o->server != NULL) {
		fprintf(fp, "server %s%s%s\n", o->server, o->port ? " " : "",
		    o->port ? o->port : "");
	}
	fprintf(fp, "zone %s\n", plan->domain);
	if (o->replace) {
		emit_replace(fp, plan);
		return;
	}
	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];

		if (r->type != ZG_RR_CNAME) {
			continue;
		}
		if (o->idempotent) {
			if (!cnames) {
				fputs("; a CNAME that is right already is "
				      "deleted, then added where the name is "
				      "free\n",
				    fp);
			}
			nsupdate_rrset(fp, "update delete", r->owner,
			    ZG_RR_CNAME, r);
			fputs("send\n", fp);
		}
		cnames = true;
		fprintf(fp, "prereq nxdomain %s\n", r->owner);
		nsupdate_add(fp, r);
		fputs("send\n", fp);
	}
	for (i = 0; i < plan->count; i++) {
		if (plan->records[i].type != ZG_RR_CNAME) {
			nsupdate_add(fp, &plan->records[i]);
		}
	}
	fputs("send\n", fp);
}

/*
 * One object per record.  "name" is the absolute owner; "data" is the RDATA
 * in presentation form, except for TXT, whose data is the text itself
 * (unquoted and unsplit), which is what registrar APIs take.  "domain"
 * (the domain, no final dot) and "relative_name" ("@" for the domain) come
 * last, after the first version's keys: registrar APIs take records per
 * domain, mostly with names relative to it (Gandi LiveDNS and DigitalOcean
 * write "@" for the domain itself).
 */
static void
emit_json(FILE *fp, const zg_plan_t *plan, int *state)
{
	char domain[ZG_NAME_MAX + 2];
	char relative[ZG_NAME_MAX + 2];
	char prefix[32];
	size_t i;

	/* plan->domain is absolute: the same less its final dot. */
	memcpy(domain, plan->domain, strlen(plan->domain) - 1);
	domain[strlen(plan->domain) - 1] = '\0';
	for (i = 0; i < plan->count; i++) {
		const zg_record_t *r = &plan->records[i];

		fputs(*state & STATE_WROTE ? ",\n  " : "\n  ", fp);
		*state |= STATE_WROTE;
		fputs("{\"name\": ", fp);
		zg_json_write_string(fp, "", r->owner);
		fprintf(fp, ", \"ttl\": %u, \"class\": \"IN\", \"type\": "
			    "\"%s\", \"data\": ",
		    (unsigned)r->ttl, type_name(r->type));
		switch (r->type) {
		case ZG_RR_CNAME:
			zg_json_write_string(fp, "", r->target);
			break;
		case ZG_RR_MX:
			snprintf(prefix, sizeof(prefix), "%u ",
			    (unsigned)r->priority);
			zg_json_write_string(fp, prefix, r->target);
			break;
		case ZG_RR_TXT:
			zg_json_write_string(fp, "", r->text);
			break;
		case ZG_RR_SRV:
			snprintf(prefix, sizeof(prefix), "%u %u %u ",
			    (unsigned)r->priority, (unsigned)r->weight,
			    (unsigned)r->port);
			zg_json_write_string(fp, prefix, r->target);
			break;
		}
		fputs(", \"domain\": ", fp);
		zg_json_write_string(fp, "", domain);
		fputs(", \"relative_name\": ", fp);
		zg_json_write_string(fp, "", relative_owner(plan, r, relative));
		fputc('}', fp);
	}
}

zg_status_t
zg_emit_begin(FILE *fp, const zg_emit_options_t *options, int *state)
{
	*state = 0;
	if (options->format == ZG_FORMAT_JSON) {
		fputc('[', fp);
	}
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}

zg_status_t
zg_emit_plan(FILE *fp, const zg_plan_t *plan,
    const zg_emit_options_t *options, int *state)
{
	switch (options->format) {
	case ZG_FORMAT_BIND:
		if (*state & STATE_WROTE) {
			fputc('\n', fp);
		}
		emit_bind(fp, plan, options);
		*state |= STATE_WROTE;
		break;
	case ZG_FORMAT_NSUPDATE:
		/* No blank line: to nsupdate a blank line means "send". */
		emit_nsupdate(fp, plan, options);
		*state |= STATE_WROTE;
		break;
	case ZG_FORMAT_JSON:
		emit_json(fp, plan, state);
		break;
	}
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}

zg_status_t
zg_emit_end(FILE *fp, const zg_emit_options_t *options, int *state)
{
	if (options->format == ZG_FORMAT_JSON) {
		fputs(*state & STATE_WROTE ? "\n]\n" : "]\n", fp);
	}
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}
