/* cmocka.h for tests/peer/simdshim.c: each assert is a counted check. */
/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef SIMDSHIM_CMOCKA_H
#define SIMDSHIM_CMOCKA_H

#include <setjmp.h>
#include <stddef.h>
#include <string.h>

void shim_check(int ok, const char *expr, long long a, long long b,
    const char *file, int line, int fatal);

#define SHIM_CHECK(ok, expr, a, b, fatal) \
	shim_check((ok), (expr), (long long)(a), (long long)(b), __FILE__, \
	    __LINE__, (fatal))
#define assert_int_equal(a, b) \
	SHIM_CHECK((long long)(a) == (long long)(b), #a " == " #b, (a), (b), 0)
#define assert_true(x) SHIM_CHECK(!!(x), #x, 0, 0, 0)
#define assert_false(x) SHIM_CHECK(!(x), "!(" #x ")", 0, 0, 0)
#define assert_non_null(x) SHIM_CHECK((x) != NULL, #x " != NULL", 0, 0, 1)
#define assert_null(x) SHIM_CHECK((x) == NULL, #x " == NULL", 0, 0, 0)
#define assert_int_not_equal(a, b) \
	SHIM_CHECK((long long)(a) != (long long)(b), #a " != " #b, (a), (b), 0)
#define assert_memory_equal(a, b, n) \
	SHIM_CHECK(memcmp((a), (b), (n)) == 0, "memcmp(" #a ", " #b ") == 0", \
	    0, 0, 0)

#endif
