/* mem.h: memory faulted in from the kernel in bulk. */
/* SPDX-License-Identifier: BSD-3-Clause */

#ifndef LINT_MEM_H
#define LINT_MEM_H

#include <stddef.h>

/*
 * A page of memory new to the process costs a page fault at its first
 * write: a trap into the kernel, which on the benchmark's virtual machine
 * took 10 to 13 microseconds a page (a page table change is the
 * hypervisor's to make), against about 1 for each page of a range faulted
 * in by one call (Linux's MADV_POPULATE_WRITE, 5.14 and later).  The 1M
 * record zone's tables are 10,000 pages: 0.1 s of faults, a third of the
 * lint.  So the tables that grow to megabytes (lint/names.c) fault in
 * their arrays whole as they allocate them, every slot of which they
 * write at once or soon, and their blocks that fill from the front a
 * step ahead of the filling (zl_prefault_ahead), so that no more is
 * resident than is about to be written.
 *
 * Only a hint: where the call does not exist or fails (another system,
 * an older kernel, no memory for it now), the pages fault one by one at
 * their first write, as before, and nothing else changes.  Ranges under
 * ZL_PREFAULT_MIN (two pages) are left to fault one by one.
 */
#define ZL_PREFAULT_MIN ((size_t)8 * 1024)
#define ZL_PREFAULT_STEP ((size_t)64 * 1024)

/* The pages that [p, p + n) is on, faulted in for writing (their bytes
 * unchanged, whoever's they are); p may be NULL. */
void zl_prefault(void *p, size_t n);

/*
 * For a thread with time to spare (lint/pipe.c's reader, while it waits
 * for the linter): the part of the first thread's heap above the tables'
 * arrays, up to its top, into huge pages (lint/mem.c, heap_huge), so
 * that the linter does not fault it in itself.  Nothing before a table
 * has faulted in an array there, or where that is not done.
 */
void zl_heap_tend(void);

/*
 * A block of `size` bytes that fills from the front, its first *faulted
 * faulted in: once `upto` passes *faulted, the next ZL_PREFAULT_STEP
 * bytes past `upto` (within the block) are faulted in, and *faulted moves
 * there.
 */
static inline void
zl_prefault_ahead(unsigned char *block, size_t size, size_t *faulted,
    size_t upto)
{
	if (upto > *faulted) {
		size_t to = upto + ZL_PREFAULT_STEP;

		to = to < size ? to : size;
		zl_prefault(block + *faulted, to - *faulted);
		*faulted = to;
	}
}

#endif
