/* rule_mail.c: the zone against the provider's record plan, and null MX. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The findings of the discrepancies mail_diff.c finds: this file decides
 * nothing of its own, so that the checks and --fix cannot disagree.  The
 * family's state is the discrepancy list, which the fixer only reads.
 */

#include "lint/internal.h"

struct mail_state {
	struct zl_diff diff;
	bool built;
};

const struct zl_diff *
zl_mail_diff(const struct zone *zone)
{
	const struct mail_state *st = zone->state[ZL_FAMILY_MAIL];

	return st != NULL && st->built ? &st->diff : NULL;
}

static void
end(struct zone *zone, void *state)
{
	struct mail_state *st = state;
	size_t i;

	/* A file read only in part has no missing records. */
	if (!zone->has_plan || zone->limited || zone->nomem) {
		return;
	}
	if (zl_diff_build(zone, &st->diff) != ZG_OK) {
		zone->nomem = true;
		return;
	}
	st->built = true;
	for (i = 0; i < st->diff.count; i++) {
		const struct zl_disc *x = &st->diff.items[i];

		if (x->rule < 0) {
			continue; /* said by the rule that saw it read */
		}
		zl_report_add(zone->report, x->rule,
		    x->at != NULL ? x->at->file : zone->path,
		    x->at != NULL ? x->at->line : 0, x->owner, x->type, "%s",
		    x->message);
	}
}

static void
release(void *state)
{
	struct mail_state *st = state;

	zl_diff_free(&st->diff);
}

/* No record of its own: it judges the records the zone kept. */
const struct zl_family zl_family_mail = {
	.name = "mail",
	.state_size = sizeof(struct mail_state),
	.end = end,
	.release = release,
};
