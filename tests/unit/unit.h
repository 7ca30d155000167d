/* unit.h: a tiny test harness for the C unit tests. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Each test file has a main() that calls UNIT_CHECK(cond, name-format, ...)
 * and ends with `return unit_summary();`.  Every check prints one line,
 * "ok NAME" or "FAIL NAME (file:line)", and unit_summary() prints
 * "unit: N passed, N failed" and returns the exit status (0 when none
 * failed).  tests/run.sh counts these lines.
 */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static unsigned unit_passed;
static unsigned unit_failed;

__attribute__((format(printf, 4, 5))) static void
unit_check(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fputs(ok ? "ok " : "FAIL ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (ok) {
		unit_passed++;
		putchar('\n');
	} else {
		unit_failed++;
		printf(" (%s:%d)\n", file, line);
	}
}

#define UNIT_CHECK(cond, ...) \
	unit_check((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)

/* Compare two strings; on mismatch print both. */
#define UNIT_STREQ(got, want, ...)                                        \
	do {                                                              \
		const char *unit_g_ = (got), *unit_w_ = (want);           \
		int unit_ok_ = unit_g_ != NULL && unit_w_ != NULL &&      \
		    strcmp(unit_g_, unit_w_) == 0;                        \
		unit_check(unit_ok_, __FILE__, __LINE__, __VA_ARGS__);    \
		if (!unit_ok_) {                                          \
			printf("  got:  %s\n  want: %s\n",                \
			    unit_g_ ? unit_g_ : "(null)",                 \
			    unit_w_ ? unit_w_ : "(null)");                \
		}                                                         \
	} while (0)

static int
unit_summary(void)
{
	printf("unit: %u passed, %u failed\n", unit_passed, unit_failed);
	return unit_failed == 0 && unit_passed > 0 ? 0 : 1;
}

#endif /* TESTS_UNIT_UNIT_H */
