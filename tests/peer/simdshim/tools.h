/* tools.h for tests/peer/simdshim.c: get_tempnam is the shim's. */
/* SPDX-License-Identifier: BSD-3-Clause */
char *get_tempnam(const char *dir, const char *prefix);
