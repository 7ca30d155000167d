/* period.c: TTLs and other time values as zone files write them. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * One reader for "3600", "1h", "1h30m", "2W": the zone reader's $TTL and
 * record TTLs, the SOA timers, and zonegen's --ttl all take the same text,
 * as BIND reads it (lib/dns/ttl.c bind_ttl): numbers each followed by a
 * unit s, m, h, d or w in either case, in any order, the total the sum.
 * A number without a unit is the whole value, or ends a list that adds up
 * to zero so far ("0h30"; BIND refuses "1h30").  RFC 2308 4 describes the
 * units as BIND's own extension of RFC 1035's seconds.
 */

#include <stdint.h>

#include "zonegen/zonegen.h"

/* BIND copies a TTL into a 64-byte buffer: longer text is an error. */
#define PERIOD_TEXT_MAX 63

static uint64_t
unit_seconds(char c)
{
	switch (c) {
	case 's':
	case 'S':
		return 1;
	case 'm':
	case 'M':
		return 60;
	case 'h':
	case 'H':
		return 3600;
	case 'd':
	case 'D':
		return 86400;
	case 'w':
	case 'W':
		return 604800;
	}
	return 0;
}

const char *
zg_period_parse(const char *s, size_t n, uint64_t *out)
{
	const uint64_t over = (uint64_t)UINT32_MAX + 1;
	uint64_t total = 0;
	size_t i = 0;
	bool units = false;

	if (n == 0) {
		return "is empty";
	}
	if (n > PERIOD_TEXT_MAX) {
		return "is longer than 63 characters";
	}
	while (i < n) {
		uint64_t cur = 0, mult;

		if (s[i] < '0' || s[i] > '9') {
			return unit_seconds(s[i]) != 0
			    ? "has a unit without a number before it"
			    : "is not a number of seconds or of units "
			      "(such as 3600 or 1h30m)";
		}
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			cur = cur * 10 + (uint64_t)(s[i] - '0');
			if (cur > UINT32_MAX) {
				cur = over;
			}
			i++;
		}
		if (i == n) {
			if (units && total != 0) {
				return "has a number without a unit after a "
				       "unit (write 1h30m, not 1h30)";
			}
			total += cur;
			break;
		}
		mult = unit_seconds(s[i]);
		if (mult == 0) {
			return "has an unknown unit (the units are w, d, h, "
			       "m and s)";
		}
		i++;
		units = true;
		total += cur * mult;
		if (total > UINT32_MAX) {
			total = over;
		}
	}
	*out = total > UINT32_MAX ? over : total;
	return NULL;
}
