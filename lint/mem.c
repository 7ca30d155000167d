/* mem.c: memory faulted in from the kernel in bulk (see mem.h). */
/* SPDX-License-Identifier: BSD-3-Clause */

#ifdef __linux__
#define _DEFAULT_SOURCE /* madvise */
#include <sys/mman.h>
#endif
#include <stdint.h>
#include <unistd.h>

#include "lint/mem.h"

#define PAGE_FALLBACK ((uintptr_t)4096)

void
zl_prefault(void *p, size_t n)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
	long ps = sysconf(_SC_PAGESIZE); /* (glibc: a value it holds) */
	uintptr_t page = ps > 0 && ((uintptr_t)ps & ((uintptr_t)ps - 1)) == 0
	    ? (uintptr_t)ps : PAGE_FALLBACK;
	uintptr_t from, to;

	if (p == NULL || n < ZL_PREFAULT_MIN) {
		return;
	}
	from = (uintptr_t)p & ~(page - 1);
	to = ((uintptr_t)p + n + page - 1) & ~(page - 1);
	if (to > from) {
		(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
	}
#else
	(void)p;
	(void)n;
#endif
}
