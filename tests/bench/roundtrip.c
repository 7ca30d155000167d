/* roundtrip.c: how long a cache line takes to go from one CPU to another
 * and back, for make bench. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Two threads, on the first two CPUs this process may use, hand a counter
 * back and forth 20,000 times in batches of 1,000; prints the median
 * batch's time a round trip, in ns, or "-" when there are not two CPUs
 * or the other thread does not answer within a second.
 *
 * zonelint's reader and linter hand their chunks over the same way, so
 * this says how far apart the two CPUs of the benchmark machine were
 * while it ran (on one shared cache, or on two chiplets or sockets); see
 * lint/pipe.c, probe_far, and tests/bench/RESULTS.md.
 */

#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BATCHES 20
#define ROUNDS 1000

static struct {
	char before[64];
	atomic_uint v;
	char after[64];
} line;

static int cpus[2];

static uint64_t
now_ns(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	(void)pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

/* Until the counter is v (1) or a second passes (0); UINT32_MAX from the
 * other side ends it too (0). */
static int
await(unsigned v)
{
	uint64_t until = now_ns() + 1000000000u;
	unsigned k, x;

	for (k = 1;; k++) {
		if ((x = atomic_load_explicit(&line.v, memory_order_acquire)) ==
		    v) {
			return 1;
		}
		if (x == UINT32_MAX || (k % 1024 == 0 && now_ns() > until)) {
			atomic_store(&line.v, UINT32_MAX);
			return 0;
		}
	}
}

static void *
answer(void *arg)
{
	unsigned v;

	(void)arg;
	pin(cpus[1]);
	for (v = 1; v < 2u * BATCHES * ROUNDS; v += 2) {
		if (!await(v)) {
			break;
		}
		atomic_store_explicit(&line.v, v + 1, memory_order_release);
	}
	return NULL;
}

static int
cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
main(void)
{
	cpu_set_t set;
	uint64_t t[BATCHES];
	pthread_t th;
	unsigned v = 1, b, r;
	int c, n = 0, ok = 1;

	if (sched_getaffinity(0, sizeof(set), &set) != 0) {
		puts("-");
		return 0;
	}
	for (c = 0; c < CPU_SETSIZE && n < 2; c++) {
		if (CPU_ISSET(c, &set)) {
			cpus[n++] = c;
		}
	}
	if (n < 2) {
		puts("-");
		return 0;
	}
	atomic_init(&line.v, 0);
	pin(cpus[0]);
	if (pthread_create(&th, NULL, answer, NULL) != 0) {
		puts("-");
		return 0;
	}
	for (b = 0; b < BATCHES && ok; b++) {
		uint64_t t0 = now_ns();

		for (r = 0; r < ROUNDS && ok; r++, v += 2) {
			atomic_store_explicit(&line.v, v, memory_order_release);
			ok = await(v + 1);
		}
		t[b] = now_ns() - t0;
	}
	(void)pthread_join(th, NULL);
	if (!ok) {
		puts("-");
		return 0;
	}
	qsort(t, BATCHES, sizeof(t[0]), cmp);
	printf("%llu\n", (unsigned long long)(t[BATCHES / 2] / ROUNDS));
	return 0;
}
