/* mem.c: memory faulted in from the kernel in bulk (see mem.h). */
/* SPDX-License-Identifier: BSD-3-Clause */

#ifdef __linux__
#define _DEFAULT_SOURCE /* madvise, sbrk */
#include <sys/mman.h>
#endif
#include <stdbool.h>
#include <stdint.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#include "lint/mem.h"

#define PAGE_FALLBACK ((uintptr_t)4096)

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define ZL_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ZL_SANITIZED 1
#endif

#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE) && \
    defined(MADV_POPULATE_WRITE) && !defined(ZL_SANITIZED)
#define ZL_HEAP_HUGE 1
#define HUGE ((uintptr_t)2 << 20) /* x86-64's and arm64's (4 KiB pages) */

/*
 * glibc's malloc takes this thread's memory (the first thread's: the
 * linter's, unless -j) from the heap that brk grows, and the kernel gives
 * each part brk adds as a new mapping, in pages of 4 KiB.  Here the heap
 * is put in transparent huge pages of 2 MiB from the first array a table
 * faults in up to its top: one fault and one TLB entry where there were
 * 512.  (What glibc's malloc does itself under
 * GLIBC_TUNABLES=glibc.malloc.hugetlb=1, which a program cannot set for
 * itself.)  Nothing else changes: the bytes, what is freed; a huge page
 * is resident whole (2.3 MiB more at 1,000,000 records).  Not for memory
 * that is not in that heap (an array of malloc's own mapping, another
 * thread's arena, valgrind's or a sanitizer's allocator): the heap lies
 * between the end of the program's data (the linker's `end`) and the
 * heap's top, and nothing else does, whichever way the system lays out
 * its mappings (from the top down, most often: all above the heap; from
 * the bottom up: at a third of the address space, below a PIE program
 * and its heap, or above a program linked at a fixed address and its
 * heap).
 *
 * Marking the heap MADV_HUGEPAGE as arrays are allocated leaves half of
 * it in 4 KiB pages (18 of 35 MiB on the 1,000,000-record zone): malloc
 * writes the header of what is left of the heap past each allocation,
 * in a part brk has just added and no one has marked yet, and a 2 MiB
 * range with a 4 KiB page in it stays in 4 KiB pages.  So, as a table
 * faults in an array, the heap from where this was last done up to the
 * array's end is collapsed into huge pages (MADV_COLLAPSE, Linux 6.1 and
 * later: the kernel copies the small pages of each range into a huge one
 * and zeroes the rest, as a write would; a range in huge pages already
 * costs it a look); `collapsed` is that frontier.  Where the collapse
 * fails, the range is marked instead.  And the part of the heap above
 * the frontier that malloc has not given out is faulted in, in huge
 * pages, by zl_heap_tend, which the pipe's reader calls while it waits
 * for the linter: the zeroing of the memory the linter takes next is
 * then done on the thread with time to spare.
 */
extern char end; /* the end of the program's data (end(3)) */

#ifndef MADV_COLLAPSE
/* Linux's value (uapi asm-generic/mman-common.h, every architecture),
 * which glibc 2.36's <sys/mman.h> does not define yet; a kernel before
 * 6.1 refuses it (EINVAL), and nothing changes. */
#define MADV_COLLAPSE 25
#endif

/* Where the heap's collapse has come to, 0 before the first array: the
 * first thread's frontier (below it, every range is in huge pages, or
 * the system would not make it so).  Written by the thread whose
 * arrays are in the heap (with -j and more threads than malloc makes
 * arenas, two may share it and race: a hint, whose worst is a range
 * collapsed twice or left in small pages). */
static uintptr_t collapsed;
/* Where zl_heap_tend has come to, on another thread.  (Two readers,
 * with -j, may race on it: a hint, whose worst is a range faulted in
 * twice, which changes nothing.) */
static uintptr_t tended;

/* Collapse [from, to) (2 MiB aligned), from `collapsed` when that is
 * lower, and move `collapsed` up to `to`; `top` is the heap's top,
 * rounded down to 2 MiB.  On the first thread only. */
static void
collapse(uintptr_t from, uintptr_t to, uintptr_t top)
{
	uintptr_t c = __atomic_load_n(&collapsed, __ATOMIC_RELAXED);

	/* Past the top: the heap has shrunk since (and may have grown
	 * again, in small pages): from this array again, and tended again
	 * from there. */
	if (c > top) {
		c = 0;
		__atomic_store_n(&tended, 0, __ATOMIC_RELAXED);
	}
	/* Below `from`: heap all the way (it began at an array). */
	if (c != 0 && c < from) {
		from = c;
	}
	if (from < to) {
		/* Marked only where the collapse fails (before Linux 6.1,
		 * or no huge page free now): a mark takes the lock of the
		 * process's mappings for writing, and a range collapsed
		 * is whole.  A range in huge pages already (tended) costs
		 * a look at its page table entry. */
		if (madvise((void *)from, to - from, MADV_COLLAPSE) != 0) {
			(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
		}
		c = c > to ? c : to;
	}
	__atomic_store_n(&collapsed, c, __ATOMIC_RELAXED);
}

/* A table's array [p, e), on the first thread's heap or not. */
static void
heap_huge(uintptr_t p, uintptr_t e)
{
	uintptr_t top = (uintptr_t)sbrk(0);

	if (top == (uintptr_t)-1 || p < (uintptr_t)&end || p >= top) {
		return;
	}
	top &= ~(HUGE - 1);
	e = (e + HUGE - 1) & ~(HUGE - 1);
	collapse((p + HUGE - 1) & ~(HUGE - 1), e < top ? e : top, top);
}
#endif

void
zl_heap_tend(void)
{
#ifdef ZL_HEAP_HUGE
	/* (Not sbrk(0): that reads what the other thread's malloc
	 * writes.) */
	long brk = syscall(SYS_brk, 0L);
	uintptr_t top = (uintptr_t)brk & ~(HUGE - 1);
	uintptr_t c = __atomic_load_n(&collapsed, __ATOMIC_RELAXED);
	uintptr_t t = __atomic_load_n(&tended, __ATOMIC_RELAXED);

	/* (c is 0 until heap_huge has run, which zl_prefault calls only
	 * with pages of 4 KiB.) */
	if (brk == -1 || c == 0) {
		return;
	}
	/* Above the first thread's frontier, and above what was tended
	 * before unless the heap has shrunk since: mostly what malloc has
	 * not given out yet, and what it gave out since the last array.
	 * Faulted in, not collapsed: a collapse refuses a range with no
	 * page table yet (EINVAL).  (Should the heap shrink between the
	 * break read here and these calls, the range is not mapped, and
	 * they fail: ENOMEM.  A mapping the system placed there meanwhile,
	 * which it does not do with a heap below the mappings, would only
	 * be faulted in.) */
	if (t <= c || t > top) {
		t = c;
	}
	if (t < top) {
		(void)madvise((void *)t, top - t, MADV_HUGEPAGE);
		(void)madvise((void *)t, top - t, MADV_POPULATE_WRITE);
		t = top;
	}
	__atomic_store_n(&tended, t, __ATOMIC_RELAXED);
#endif
}

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
#ifdef ZL_HEAP_HUGE
	if (page == 4096) {
		heap_huge((uintptr_t)p, (uintptr_t)p + n);
	}
#endif
	(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}
