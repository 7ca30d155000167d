/* config.h for tests/peer/simdshim.c (cmake generates simdzone's). */
/* SPDX-License-Identifier: BSD-3-Clause */
#define HAVE_ENDIAN_H 1
