/* diagnostic.h for tests/peer/simdshim.c: no compiler pragmas needed. */
/* SPDX-License-Identifier: BSD-3-Clause */
#define diagnostic_push()
#define diagnostic_pop()
#define msvc_diagnostic_ignored(x)
#define gcc_diagnostic_ignored(x)
#define clang_diagnostic_ignored(x)
