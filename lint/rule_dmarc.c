/* rule_dmarc.c: DMARC records (RFC 7489, RFC 9989) as the zone holds them. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <string.h>
#include <strings.h>

#include "lint/internal.h"

/* The owner's first label is _dmarc. */
static bool
at_dmarc(const struct zl_view *v)
{
	return v->owner_len > 7 && v->owner[0] == 6 &&
	    strncasecmp((const char *)v->owner + 1, "_dmarc", 6) == 0;
}

static void
check_record(struct zone *zone, struct zl_view *v, const char *text,
    size_t len)
{
	zg_problems_t problems = { 0 };
	zg_dmarc_t *dmarc = NULL;
	size_t i;

	if (zg_dmarc_parse(text, len, zone->options->dmarc_rfc, &dmarc,
		&problems) != ZG_OK) {
		zg_problems_free(&problems);
		zone->nomem = true;
		return;
	}
	zg_dmarc_free(dmarc);
	for (i = 0; i < problems.count; i++) {
		int rule = zl_rule_find(problems.items[i].id);
		int sev = ZL_SEV_DEFAULT;

		/* RFC 9989 reads a missing p as none: advice, not an error
		 * as under RFC 7489, where p is required. */
		if (rule == ZL_DMARC_POLICY_MISSING &&
		    !problems.items[i].invalid) {
			sev = ZG_SEV_WARNING;
		}
		zl_report_add_severity(zone->report,
		    rule >= 0 ? rule : ZL_DMARC_SYNTAX, sev, v->file, v->line,
		    zl_view_owner(v), LDNS_RR_TYPE_TXT, "DMARC record at %s: %s",
		    zl_view_owner(v), problems.items[i].message);
	}
	zg_problems_free(&problems);
}

void
zl_dmarc_record(struct zone *zone, struct zl_view *v, const char *text,
    size_t len)
{
	struct zl_slot *first;
	uint32_t hash = (uint32_t)zl_bytes_key(text, len);
	bool added;

	if (v->type != LDNS_RR_TYPE_TXT || !zg_dmarc_is_record(text, len)) {
		return;
	}
	if (!at_dmarc(v)) {
		/* RFC 7489 6.1: receivers query _dmarc.DOMAIN only (the
		 * webmo guide puts it at the domain). */
		zl_report_add(zone->report, ZL_DMARC_MISPLACED, v->file,
		    v->line, zl_view_owner(v), LDNS_RR_TYPE_TXT,
		    "DMARC record at %s, where receivers never look: it "
		    "belongs at _dmarc.%s", zl_view_owner(v), zl_view_owner(v));
		return;
	}
	check_record(zone, v, text, len);
	if ((first = zl_table_get(&zone->dmarc_names, v->key, &added)) ==
	    NULL) {
		zone->nomem = true;
	} else if (added) {
		first->a = v->line;
		first->b = hash;
	} else if (first->b != hash) {
		/* An exact duplicate is merged by servers. */
		zl_report_add(zone->report, ZL_DMARC_MULTIPLE, v->file, v->line,
		    zl_view_owner(v), LDNS_RR_TYPE_TXT, "second DMARC record "
		    "at %s (the first is at line %u): receivers apply none",
		    zl_view_owner(v), first->a);
	}
}
