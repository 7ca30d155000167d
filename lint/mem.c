/* mem.c: memory faulted in from the kernel in bulk (see mem.h). */
/* SPDX-License-Identifier: BSD-3-Clause */

#ifdef __linux__
#define _DEFAULT_SOURCE /* madvise, sbrk */
#include <sys/mman.h>
#endif
#include <stdint.h>
#include <unistd.h>

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
    !defined(ZL_SANITIZED)
#define ZL_HEAP_HUGE 1
#define HUGE ((uintptr_t)2 << 20) /* x86-64's and arm64's (4 KiB pages) */

/*
 * glibc's malloc takes this thread's memory (the first thread's: the
 * linter's, unless -j) from the heap that brk grows, and the kernel gives
 * each part brk adds as a new mapping, in pages of 4 KiB.  Here, as a
 * table allocates an array in that heap, the heap from that array to its
 * top is marked MADV_HUGEPAGE, so that a 2 MiB range of it not yet
 * touched is mapped whole, as one transparent huge page, at its first
 * write: one fault and one TLB entry where there were 512.  (What glibc's
 * malloc does itself under GLIBC_TUNABLES=glibc.malloc.hugetlb=1, which
 * a program cannot set for itself.)  Nothing else changes: the bytes,
 * what is freed; a huge page is resident whole (2.3 MiB more at
 * 1,000,000 records).  Not for memory that is not in that heap (an array
 * of malloc's own mapping, another thread's arena, valgrind's or a
 * sanitizer's allocator): the heap lies between the end of the
 * program's data (the linker's `end`) and the heap's top, and nothing
 * else does, whichever way the system lays out its mappings (from the
 * top down, most often: all above the heap; from the bottom up: at a
 * third of the address space, below a PIE program and its heap, or
 * above a program linked at a fixed address and its heap).  Each call
 * marks the range again, a part the heap may have given back and taken
 * again included; the array is near the top, and the range short.
 *
 * The mark comes too late for some of the heap: malloc writes the header
 * of what is left of the heap past each allocation, and a part that brk
 * has just added is not marked yet, so the 2 MiB range under that header
 * has a 4 KiB page before any array there is marked, and stays in 4 KiB
 * pages (half the heap, on the 1,000,000-record zone).  So each call also
 * collapses the range into huge pages (MADV_COLLAPSE, Linux 6.1 and
 * later), from where the last call's ended when that is lower: the
 * kernel copies the small pages there into huge ones, and fills the rest
 * with zeros, as a write would.  What is new to the range is where the
 * heap grew since the last call; the rest is in huge pages already.
 */
extern char end; /* the end of the program's data (end(3)) */

#ifndef MADV_COLLAPSE
/* Linux's value (uapi asm-generic/mman-common.h, every architecture),
 * which glibc 2.36's <sys/mman.h> does not define yet; a kernel before
 * 6.1 refuses it (EINVAL), and nothing changes. */
#define MADV_COLLAPSE 25
#endif

/* Where the last call's collapse ended (a hint: threads may race on it,
 * and a range collapsed twice or not at all changes no byte). */
static uintptr_t collapsed;

static void
heap_huge(uintptr_t p)
{
	uintptr_t top = (uintptr_t)sbrk(0);
	uintptr_t from = (p + HUGE - 1) & ~(HUGE - 1);
	uintptr_t c = __atomic_load_n(&collapsed, __ATOMIC_RELAXED);

	if (top == (uintptr_t)-1 || p < (uintptr_t)&end || p >= top) {
		return;
	}
	top &= ~(HUGE - 1);
	/* From the last collapse when it ended below the array: heap all
	 * the way (it began above a table's array), grown since.  (Past
	 * the top: the heap has shrunk since.)  A range in huge pages
	 * already costs the collapse a look at its page table entry. */
	if (c != 0 && c < from) {
		from = c;
	}
	if (from < top) {
		(void)madvise((void *)from, top - from, MADV_HUGEPAGE);
		(void)madvise((void *)from, top - from, MADV_COLLAPSE);
		__atomic_store_n(&collapsed, top, __ATOMIC_RELAXED);
	}
}
#endif

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
		heap_huge((uintptr_t)p);
	}
#endif
	(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}
