/* zone/export.h for tests/peer/simdshim.c (cmake generates simdzone's). */
/* SPDX-License-Identifier: BSD-3-Clause */
#define ZONE_EXPORT
