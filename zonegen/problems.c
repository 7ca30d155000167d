/* problems.c: the growable list of problems found in SPF and DMARC texts. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zonegen/zonegen.h"

/*
 * Internal to zonegen/: spf.c and dmarc.c declare it themselves because
 * zonegen.h is the public header and there is no private one yet.
 */

zg_status_t
zg_problems_add(zg_problems_t *problems, const char *id, bool invalid,
    const char *fmt, ...)
{
	zg_problem_t *item;
	va_list ap;
	int n;

	if (problems == NULL || id == NULL || fmt == NULL) {
		return ZG_ERR_ARGUMENT;
	}
	if (problems->count == problems->capacity) {
		size_t capacity = problems->capacity * 2;
		zg_problem_t *items;

		if (capacity == 0) {
			capacity = 8;
		}
		if (capacity < problems->capacity ||
		    capacity > SIZE_MAX / sizeof(*items)) {
			return ZG_ERR_NOMEM;
		}
		items = realloc(problems->items, capacity * sizeof(*items));
		if (items == NULL) {
			return ZG_ERR_NOMEM;
		}
		problems->items = items;
		problems->capacity = capacity;
	}
	item = &problems->items[problems->count];
	item->id = id;
	item->invalid = invalid;
	va_start(ap, fmt);
	n = vsnprintf(item->message, sizeof(item->message), fmt, ap);
	va_end(ap);
	if (n < 0) {
		item->message[0] = '\0';
	} else if ((size_t)n >= sizeof(item->message)) {
		/* Cut: say so rather than end mid-word without a mark. */
		memcpy(item->message + sizeof(item->message) - 4, "...", 4);
	}
	problems->count++;
	return ZG_OK;
}

bool
zg_problems_invalid(const zg_problems_t *problems)
{
	size_t i;

	if (problems == NULL) {
		return false;
	}
	for (i = 0; i < problems->count; i++) {
		if (problems->items[i].invalid) {
			return true;
		}
	}
	return false;
}

void
zg_problems_free(zg_problems_t *problems)
{
	if (problems == NULL) {
		return;
	}
	free(problems->items);
	problems->items = NULL;
	problems->count = 0;
	problems->capacity = 0;
}

