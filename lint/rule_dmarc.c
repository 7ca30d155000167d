/* rule_dmarc.c: DMARC records (RFC 7489, RFC 9989) as the zone holds them. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <string.h>

#include "lint/internal.h"

static bool
is_dmarc(const struct kept *k)
{
	return ldns_rr_get_type(k->rr) == LDNS_RR_TYPE_TXT &&
	    zg_dmarc_is_record(k->text, k->text_len);
}

static bool
at_dmarc(const char *owner)
{
	return strncmp(owner, "_dmarc.", 7) == 0;
}

static void
check_record(struct zone *zone, const struct kept *k)
{
	zg_problems_t problems = { 0 };
	zg_dmarc_t *dmarc = NULL;
	size_t i;

	if (zg_dmarc_parse(k->text, k->text_len, zone->options->dmarc_rfc,
		&dmarc, &problems) != ZG_OK) {
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
		    rule >= 0 ? rule : ZL_DMARC_SYNTAX, sev, k->file, k->line,
		    k->owner, LDNS_RR_TYPE_TXT, "DMARC record at %s: %s",
		    k->owner, problems.items[i].message);
	}
	zg_problems_free(&problems);
}

void
zl_check_dmarc(struct zone *zone)
{
	const struct kept *j;
	size_t i;

	for (i = 0; i < zone->kept_count; i++) {
		const struct kept *k = &zone->kept[i];

		if (!is_dmarc(k)) {
			continue;
		}
		if (!at_dmarc(k->owner)) {
			/* RFC 7489 6.1: receivers query _dmarc.DOMAIN only
			 * (the webmo guide puts it at the domain). */
			zl_report_add(zone->report, ZL_DMARC_MISPLACED,
			    k->file, k->line, k->owner, LDNS_RR_TYPE_TXT,
			    "DMARC record at %s, where receivers never look: "
			    "it belongs at _dmarc.%s", k->owner, k->owner);
			continue;
		}
		check_record(zone, k);
		/* An exact duplicate is merged by servers. */
		for (j = zl_kept_first(zone, k->owner); j != NULL && j != k;
		     j = zl_kept_next(zone, j)) {
			if (is_dmarc(j) && !zl_kept_same_text(j, k)) {
				zl_report_add(zone->report, ZL_DMARC_MULTIPLE,
				    k->file, k->line, k->owner,
				    LDNS_RR_TYPE_TXT,
				    "second DMARC record at %s (the first is "
				    "at line %u): receivers apply none",
				    k->owner, j->line);
				break;
			}
		}
	}
}
