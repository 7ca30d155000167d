/* rule_mail.c: the zone against the provider's record plan, and null MX. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The findings of the discrepancies mail_diff.c found: this file decides
 * nothing of its own, so that the checks and --fix cannot disagree.
 */

#include "lint/internal.h"

void
zl_check_mail(struct zone *zone)
{
	size_t i;

	if (!zone->has_diff) {
		return;
	}
	for (i = 0; i < zone->diff.count; i++) {
		const struct zl_disc *x = &zone->diff.items[i];

		if (x->rule < 0) {
			continue; /* said by the rule that saw it read */
		}
		zl_report_add(zone->report, x->rule,
		    x->at != NULL ? x->at->file : zone->path,
		    x->at != NULL ? x->at->line : 0, x->owner, x->type, "%s",
		    x->message);
	}
}
