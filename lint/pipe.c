/* pipe.c: the reader on a thread of its own, its events handed over in order. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * zl_read_file_piped reads a file exactly as zl_read_file does, but on a
 * second thread: the reader's callbacks there write each event (begin,
 * record, problem, comment, end) into chunks of 64 KiB, and the calling
 * thread replays them, in the same order and with the same values (but
 * each record's owner in lower case, see below), to the caller's
 * callbacks.  Reading (lexing, every rdata to wire) and
 * linting then run side by side on two cores.
 *
 * The chunks go round a fixed pool (CHUNKS of them), so memory stays
 * bounded whatever the file: when the linter falls behind the reader
 * waits, for half the pool to come back rather than one chunk, so that
 * each wait and each call to wake it serve four chunks (a wake-up is a
 * system call, which in a virtual machine costs more than a chunk's
 * records: 5% of the 1,000,000-record zone's time, waking once a
 * chunk).  An event larger than a chunk (a record of 64 KiB, a long
 * comment) gets a chunk of its own size, freed once replayed.
 *
 * Two things are done on the reader's thread for the linter: each record
 * carries its owner lower-cased and, while the linter is the slower of the
 * two, that owner's hash (zl_name_hash; the linter hashes the others), and
 * the `ahead` callback is told of records a few places before they are
 * replayed, so that the linter can have the hashed ones' table slots
 * fetched from memory while it works on the ones before.  Which thread
 * hashes depends on timing; what the linter finds does not.
 *
 * Where the two threads share no cache (two chiplets, two sockets), a
 * chunk's lines go from one to the other and back at each use: every line
 * the reader writes was last read by the linter, and the writer must
 * fetch it from the other cache first.  On a machine whose two vCPUs
 * moved between such places, that doubled the time of both threads (a
 * cache line's round trip between them was 80 to 130 ns on one shared
 * cache, 400 to 450 ns apart).  So the threads time that round trip
 * once, early in the file (probe_far); when it is long, the reader
 * writes its events
 * into a chunk of its own (`stage`) and copies each into a pooled chunk
 * with streaming stores, which go to memory without fetching the lines,
 * and the linter reads them from there, fetched ahead.  On a shared
 * cache the reader writes into the pooled chunks: the lines come and go
 * faster through that cache than through memory (streaming was 5% slower
 * there).
 *
 * Each chunk starts with the file of its first event, so every pointer
 * a replayed event holds lies in the chunk being replayed, but for the
 * file's name: the linter's side keeps one copy of each until the read
 * ends, so that a file is one pointer throughout, as lint/read.h says.
 */

#ifdef __linux__
#define _GNU_SOURCE /* sched_getaffinity and CPU_COUNT (two_cpus) */
#endif
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lint/internal.h"
#include "lint/mem.h"
#include "lint/read.h"
#include "lint/scan.h"

#define CHUNK_SIZE ((size_t)64 * 1024)
#define CHUNKS 8
/* How many records ahead the linter is told of. */
#define AHEAD 8

int zl_pipe_hash_owners = -1;
int zl_pipe_stream = -1;
_Atomic unsigned long zl_pipe_streamed;
_Atomic unsigned long zl_pipe_waits;
_Atomic unsigned long zl_pipe_taken;
_Atomic unsigned zl_pipe_waiting;
_Atomic unsigned long zl_pipe_tends;

/* The round trip of a cache line between the two threads, in ns, past
 * which the reader streams its chunks to memory (see above); timed over
 * PROBE_BATCHES batches of PROBE_ROUNDS, the fastest batch counting. */
#define FAR_NS 250
#define PROBE_ROUNDS 8
#define PROBE_BATCHES 16
/* A first batch slower than this a round trip: the threads took turns
 * on one CPU (the scheduler may have them so for a while); the reader
 * asks again at twice the chunks, up to PROBE_CHUNK_LAST. */
#define SHARED_NS 5000
/* The reader asks for the probe as it hands over this chunk (by then
 * the scheduler has the threads on two CPUs, most often). */
#define PROBE_CHUNK 16
#define PROBE_CHUNK_LAST 256
/* The probe's values past the round trips' (which count up from 3,
 * after the reader's 1 and the linter's 2). */
#define PROBE_AGAIN (UINT_MAX - 1) /* the reader asks again later */
#define PROBE_OFF UINT_MAX         /* a side gave up */

enum {
	EV_FILE = 1, EV_BEGIN, EV_RECORD, EV_PROBLEM, EV_COMMENT, EV_END,
	EV_PROGRESS
};

struct chunk {
	struct chunk *next;
	size_t size; /* bytes of data[] */
	size_t used;
	bool pooled; /* one of the CHUNKS; else freed once replayed */
	unsigned char data[];
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t filled; /* a chunk was queued, or the reader ended */
	pthread_cond_t freed;  /* a pooled chunk came back */
	struct chunk *head, *tail; /* queued for the linter */
	struct chunk *pool;        /* free pooled chunks */
	unsigned pooled;           /* chunks in pool */
	unsigned want;             /* the reader waits for this many
				    * (0: it does not wait) */
	bool done;                 /* the reader returned */
	bool stop;                 /* the linter gave up: drop events */

	unsigned big;              /* chunks not pooled, queued */

	/* The probe (probe_far), a cache line of its own: 0 before, odd
	 * from the reader, even from the linter, or PROBE_AGAIN or
	 * PROBE_OFF. */
	char probe_before[64];
	atomic_uint probe;
	char probe_after[64];
	unsigned long probe_at; /* the reader asks for the probe as it
				 * hands over this chunk (0: never, or done) */
	bool probe_asked;       /* and has asked (1), for an answer */

	/* The reader's side. */
	struct chunk *cur;
	struct chunk *stage; /* streaming: where the events are written
			      * before they are copied into pooled chunks
			      * (NULL: straight into them) */
	unsigned long streamed; /* chunks so copied */
	bool stop_seen;       /* `stop`, as take_big last read it */
	unsigned long taken;  /* chunks taken so far */
	uint8_t owner[256];   /* the last record's owner, as written */
	uint8_t lower[256];   /* in lower case */
	size_t owner_len;     /* (0: none yet) */
	uint64_t owner_hash;  /* and its zl_name_hash, */
	bool owner_hashed;    /* when this is true */
	/* Hash owners here (the linter is behind: most chunks wait for
	 * it) or leave it to the linter (it waits for this thread),
	 * decided as each pooled chunk is taken (take_pooled). */
	bool hash_owners;
	const char *file_ptr; /* the file of the last event written */
	char *file;           /* and its text */
	size_t file_len;
	bool nomem;

	/* The linter's side: the names of the files the events came
	 * from, one copy each, kept until the read ends, so that every
	 * event of a file carries the same pointer (as the reader's own
	 * do: lint/read.h), whichever chunk it came in. */
	struct zl_strings files;
	const char *file_last; /* the copy of the last EV_FILE */

	/* zl_read_file's arguments and result. */
	const char *path;
	const zl_read_options_t *opts;
	int rc;
	char err[512];
};

/* ---- the reader's side ------------------------------------------------ */

static void
queue(struct pipe *p, struct chunk *c)
{
	pthread_mutex_lock(&p->mu);
	c->next = NULL;
	if (p->tail != NULL) {
		p->tail->next = c;
	} else {
		p->head = c;
	}
	p->tail = c;
	pthread_cond_signal(&p->filled);
	pthread_mutex_unlock(&p->mu);
}

/* A pooled chunk, waiting for one to come back; NULL once the linter
 * stopped. */
static struct chunk *
take_pooled(struct pipe *p)
{
	struct chunk *c;

	pthread_mutex_lock(&p->mu);
	if (p->pool == NULL && !p->stop) {
		/* Time to spare: the memory the linter takes next, into
		 * huge pages on this thread (lint/mem.h). */
		pthread_mutex_unlock(&p->mu);
		zl_heap_tend();
		atomic_fetch_add_explicit(&zl_pipe_tends, 1,
		    memory_order_relaxed);
		pthread_mutex_lock(&p->mu);
	}
	if (p->pool == NULL && !p->stop) {
		/* None free: the linter is the slower.  Wait for half of
		 * them (see above); for one while the probe is asked for
		 * (the linter answers it between two chunks, and waits for
		 * this thread to come to its chunk's end). */
		p->want = p->probe_asked ? 1 : CHUNKS / 2;
		atomic_fetch_add_explicit(&zl_pipe_waits, 1,
		    memory_order_relaxed);
		atomic_fetch_add_explicit(&zl_pipe_waiting, 1,
		    memory_order_relaxed);
		while (p->pooled < p->want && !p->stop) {
			pthread_cond_wait(&p->freed, &p->mu);
		}
		atomic_fetch_sub_explicit(&zl_pipe_waiting, 1,
		    memory_order_relaxed);
		p->want = 0;
	}
	if ((c = p->pool) != NULL) {
		p->pool = c->next;
		p->pooled--;
		c->used = 0;
		atomic_fetch_add_explicit(&zl_pipe_taken, 1,
		    memory_order_relaxed);
	}
	/* Fewer than half the chunks free: the linter has the others, so
	 * it is the slower of the two and this thread hashes the owners
	 * for it; else the linter waits for records and hashes them
	 * itself (records come in runs at one owner: one hash a run). */
	p->hash_owners = zl_pipe_hash_owners == 1 ||
	    (zl_pipe_hash_owners == 2 && p->taken % 2 == 0) ||
	    (zl_pipe_hash_owners < 0 && p->pooled < CHUNKS / 2);
	pthread_mutex_unlock(&p->mu);
	return c;
}

/* Leave to allocate a chunk of its own size: at most BIG of them wait
 * at a time, so that a file of large records is not held whole. */
#define BIG 2
static bool
take_big(struct pipe *p)
{
	bool ok;

	pthread_mutex_lock(&p->mu);
	while (p->big >= BIG && !p->stop) {
		pthread_cond_wait(&p->freed, &p->mu);
	}
	if ((ok = !p->stop)) {
		p->big++;
	}
	p->stop_seen = p->stop;
	pthread_mutex_unlock(&p->mu);
	return ok;
}

static void put(struct chunk *c, const void *v, size_t n);
static void probe_next(struct pipe *p);

/* From the next chunk on, events are staged and streamed (send_stage);
 * without memory for the stage, they go on straight into pooled
 * chunks. */
static void
stage_start(struct pipe *p)
{
	if ((p->stage = malloc(sizeof(*p->stage) + CHUNK_SIZE)) != NULL) {
		p->stage->size = CHUNK_SIZE;
		p->stage->used = 0;
		p->stage->pooled = false;
	}
}

/* n bytes to `to` with streaming stores (16-byte ones from its first
 * 16-byte boundary), which write to memory without reading the lines
 * first; the stores are fenced, so that the linter sees them once the
 * chunk is queued. */
static void
stream_copy(unsigned char *to, const unsigned char *from, size_t n)
{
	size_t i = 0;

#ifdef ZL_SCAN_SIMD
	i = (size_t)(-(uintptr_t)to & 15);
	i = i < n ? i : n;
	memcpy(to, from, i);
	for (; i + 64 <= n; i += 64) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(
		    from + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(
		    from + i + 16));
		__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(
		    from + i + 32));
		__m128i d = _mm_loadu_si128((const __m128i *)(const void *)(
		    from + i + 48));

		_mm_stream_si128((__m128i *)(void *)(to + i), a);
		_mm_stream_si128((__m128i *)(void *)(to + i + 16), b);
		_mm_stream_si128((__m128i *)(void *)(to + i + 32), c);
		_mm_stream_si128((__m128i *)(void *)(to + i + 48), d);
	}
	memcpy(to + i, from + i, n - i);
	_mm_sfence();
#else
	memcpy(to + i, from + i, n - i);
#endif
}

/* The staged events into a pooled chunk, queued; false once the linter
 * stopped. */
static bool
send_stage(struct pipe *p)
{
	struct chunk *c = take_pooled(p);

	if (c == NULL) {
		return false;
	}
	stream_copy(c->data, p->stage->data, p->stage->used);
	c->used = p->stage->used;
	p->stage->used = 0;
	queue(p, c);
	p->streamed++;
	return true;
}

/* room_for when the current chunk has no room (or there is none). */
static struct chunk *
room_new(struct pipe *p, size_t need)
{
	size_t file_event = 1 + 4 + p->file_len + 1;
	struct chunk *c = p->cur;

	if (c != NULL) {
		p->cur = NULL;
		if (p->probe_at != 0 && p->taken >= p->probe_at) {
			probe_next(p);
		}
		if (c != p->stage) {
			queue(p, c);
		} else if (!send_stage(p)) {
			return NULL; /* the linter stopped */
		}
	}
	if (need + file_event <= CHUNK_SIZE && p->stage != NULL) {
		/* (Emptied here too: after a send_stage that failed, the
		 * linter having stopped, it still holds those events.) */
		c = p->stage;
		c->used = 0;
	} else if (need + file_event <= CHUNK_SIZE) {
		c = take_pooled(p);
	} else if (take_big(p) &&
	    (c = malloc(sizeof(*c) + need + file_event)) != NULL) {
		c->size = need + file_event;
		c->used = 0;
		c->pooled = false;
	} else {
		p->nomem = !p->stop_seen;
	}
	if (c == NULL) {
		return NULL;
	}
	p->cur = c;
	p->taken++;
	if (p->file != NULL) {
		uint32_t len = (uint32_t)p->file_len;
		unsigned char k = EV_FILE;

		put(c, &k, 1);
		put(c, &len, 4);
		put(c, p->file, p->file_len + 1);
	}
	return c;
}

/* Room for an event of `need` bytes (the file event that starts each
 * chunk counted in), with the chunk's file event written; NULL when the
 * event is to be dropped.  Inline: most events fit in the chunk. */
static inline struct chunk *
room_for(struct pipe *p, size_t need)
{
	struct chunk *c = p->cur;

	if (p->nomem) {
		return NULL;
	}
	return c != NULL && c->used + need <= c->size ? c : room_new(p, need);
}

static void
put(struct chunk *c, const void *v, size_t n)
{
	memcpy(c->data + c->used, v, n);
	c->used += n;
}

/* set_file for a file other than the last one's. */
static bool
file_new(struct pipe *p, const char *file)
{
	unsigned long taken = p->taken;
	struct chunk *c;
	size_t len;
	uint32_t n;
	char *copy;

	len = strlen(file);
	if (len > 65536 || (copy = strdup(file)) == NULL) {
		p->nomem = true;
		return false;
	}
	free(p->file);
	p->file = copy;
	p->file_len = len;
	p->file_ptr = file;
	if (p->cur == NULL) {
		return true; /* the next chunk starts with it */
	}
	if ((c = room_for(p, 1 + 4 + len + 1)) == NULL) {
		return false;
	}
	if (p->taken != taken) {
		return true; /* a new chunk: it starts with it */
	}
	n = (uint32_t)len;
	c->data[c->used++] = EV_FILE;
	put(c, &n, 4);
	put(c, file, len + 1);
	return true;
}

/* Say which file the next events are from, when it changed.  The reader
 * keeps the name it hands over until it returns, never at the address of
 * another (lint/read.h; a file included twice may have two), so the
 * pointer decides.  Inline: most events come from the last one's file. */
static inline bool
set_file(struct pipe *p, const char *file)
{
	if (file == NULL) {
		file = ""; /* cannot happen: the reader names every file */
	}
	return (file == p->file_ptr && p->file != NULL) || file_new(p, file);
}

static void
pipe_begin(void *ctx, const ldns_rdf *origin, const char *source)
{
	struct pipe *p = ctx;
	size_t olen = origin != NULL ? ldns_rdf_size(origin) : 0;
	size_t slen = source != NULL ? strlen(source) : 0;
	struct chunk *c;

	if (olen > 255 || slen > 255) {
		p->nomem = true; /* cannot happen: a name, a word */
		return;
	}
	if ((c = room_for(p, 1 + 3 + olen + 1 + slen + 1)) == NULL) {
		return;
	}
	c->data[c->used++] = EV_BEGIN;
	c->data[c->used++] = origin != NULL;
	c->data[c->used++] = source != NULL;
	c->data[c->used++] = (unsigned char)olen;
	if (olen > 0) {
		put(c, ldns_rdf_data(origin), olen);
	}
	c->data[c->used++] = (unsigned char)slen;
	if (source != NULL) {
		put(c, source, slen);
	}
	c->data[c->used++] = '\0';
}

/* A record's fixed part, first in its event: one copy each way. */
struct rec_head {
	unsigned char kind; /* EV_RECORD */
	unsigned char owner_len;
	unsigned char ttl_explicit;
	unsigned char owner_hashed;
	uint16_t type;
	uint16_t rr_class;
	uint32_t ttl;
	uint32_t rdata_len;
	uint32_t line;
	uint32_t last_line;
	uint64_t owner_hash;
};

static void
pipe_record(void *ctx, const zl_record_t *rec)
{
	struct pipe *p = ctx;
	struct chunk *c;
	struct rec_head h;
	size_t need = sizeof(h) + rec->owner_len + rec->rdata_len;

	if (rec->owner_len > 255 || rec->rdata_len > UINT32_MAX - 64 ||
	    !set_file(p, rec->file) || (c = room_for(p, need)) == NULL) {
		return;
	}
	/* The owner in lower case: the linter's names table keeps it so,
	 * and need not fold it again (zl_names_get_hashed).  Records come
	 * in runs at one owner: fold and hash each run once (the hash when
	 * hash_owners asks for it). */
	if (rec->owner_len != p->owner_len ||
	    memcmp(rec->owner, p->owner, rec->owner_len) != 0) {
		memcpy(p->owner, rec->owner, rec->owner_len);
		memcpy(p->lower, rec->owner, rec->owner_len);
		zl_wire_lower(p->lower, rec->owner_len);
		p->owner_len = rec->owner_len;
		p->owner_hashed = false;
	}
	if (p->hash_owners && !p->owner_hashed) {
		p->owner_hash = zl_name_hash_lower(p->lower, rec->owner_len);
		p->owner_hashed = true;
	}
	h.kind = EV_RECORD;
	h.owner_len = (unsigned char)rec->owner_len;
	h.ttl_explicit = rec->ttl_explicit;
	h.owner_hashed = p->owner_hashed;
	h.type = rec->type;
	h.rr_class = rec->rr_class;
	h.ttl = rec->ttl;
	h.rdata_len = (uint32_t)rec->rdata_len;
	h.line = rec->line;
	h.last_line = rec->last_line;
	h.owner_hash = p->owner_hashed ? p->owner_hash : 0;
	memcpy(c->data + c->used, &h, sizeof(h));
	memcpy(c->data + c->used + sizeof(h), p->lower, rec->owner_len);
	memcpy(c->data + c->used + sizeof(h) + rec->owner_len, rec->rdata,
	    rec->rdata_len);
	c->used += need;
}

static void
pipe_problem(void *ctx, const char *file, unsigned line, const char *rule_id,
    const char *message)
{
	struct pipe *p = ctx;
	size_t rl = strlen(rule_id), ml = strlen(message);
	struct chunk *c;
	unsigned char k = EV_PROBLEM;
	uint32_t u;

	if (!set_file(p, file) || rl > 255 || ml > UINT32_MAX - 64 ||
	    (c = room_for(p, 1 + 4 + 1 + rl + 1 + 4 + ml + 1)) == NULL) {
		return;
	}
	put(c, &k, 1);
	u = line;
	put(c, &u, 4);
	c->data[c->used++] = (unsigned char)rl;
	put(c, rule_id, rl + 1);
	u = (uint32_t)ml;
	put(c, &u, 4);
	put(c, message, ml + 1);
}

static void
pipe_comment(void *ctx, const char *file, unsigned line, const char *text,
    size_t len, bool alone)
{
	struct pipe *p = ctx;
	struct chunk *c;
	unsigned char k = EV_COMMENT, b = alone;
	uint32_t u;

	if (!set_file(p, file) || len > UINT32_MAX - 64 ||
	    (c = room_for(p, 1 + 4 + 1 + 4 + len)) == NULL) {
		return;
	}
	put(c, &k, 1);
	u = line;
	put(c, &u, 4);
	put(c, &b, 1);
	u = (uint32_t)len;
	put(c, &u, 4);
	put(c, text, len);
}

static void
pipe_end(void *ctx, unsigned lines)
{
	struct pipe *p = ctx;
	struct chunk *c;
	unsigned char k = EV_END;
	uint32_t u = lines;

	if ((c = room_for(p, 1 + 4)) == NULL) {
		return;
	}
	put(c, &k, 1);
	put(c, &u, 4);
}

static void
pipe_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct pipe *p = ctx;
	struct chunk *c;
	unsigned char k = EV_PROGRESS;

	if ((c = room_for(p, 1 + 8 + 8)) == NULL) {
		return;
	}
	put(c, &k, 1);
	put(c, &done, 8);
	put(c, &total, 8);
}

/* ---- the probe -------------------------------------------------------- */

#ifdef ZL_SCAN_SIMD
/* Whether this thread may run on two CPUs or more (else nothing is
 * timed: the reader runs on the linter's CPU); Linux only.  (Without
 * SSE2 there is no probe: see zl_read_file_piped.) */
static bool
two_cpus(void)
{
#if defined(__linux__) && defined(CPU_COUNT)
	cpu_set_t set;

	return sched_getaffinity(0, sizeof(set), &set) == 0 &&
	    CPU_COUNT(&set) >= 2;
#else
	return false;
#endif
}
#endif

static uint64_t
now_ns(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Spin until the probe holds v (true) or PROBE_AGAIN or PROBE_OFF, or
 * until `until` (ns) passes: then `late` (PROBE_AGAIN or PROBE_OFF), for
 * both, unless the other side moved meanwhile (false).  The clock is
 * read every 64 spins only, and the CPU given up every 256 (a few
 * microseconds): the other side may be waiting for it. */
static bool
probe_wait(struct pipe *p, unsigned v, uint64_t until, unsigned late)
{
	unsigned k;

	for (k = 1;; k++) {
		unsigned x = atomic_load_explicit(&p->probe,
		    memory_order_acquire);

		if (x == v) {
			return true;
		}
		if (x >= PROBE_AGAIN) {
			return false;
		}
		if (k % 64 == 0 && now_ns() > until) {
			(void)atomic_compare_exchange_strong_explicit(
			    &p->probe, &x, late, memory_order_acq_rel,
			    memory_order_acquire);
			return false;
		}
		if (k % 256 == 0) {
			(void)sched_yield();
		}
#ifdef ZL_SCAN_SIMD
		_mm_pause();
#endif
	}
}

/*
 * The linter's side of the probe, once it holds 1 (seen as a chunk is
 * given back): say so (2, unless the reader has ended meanwhile), wait
 * for the reader to come to its next chunk's end (at most 2 ms: it may
 * be waiting for a chunk this thread has yet to take, and asks again
 * later, PROBE_AGAIN), then answer each odd value with the next, until
 * the reader's last or either side gives up.  Both threads are meant to
 * run at once then, on two CPUs; probe_far tells when they took turns
 * on one.
 */
static void
probe_answer(struct pipe *p)
{
	unsigned v, one = 1;

	if (!atomic_compare_exchange_strong_explicit(&p->probe, &one, 2,
	    memory_order_acq_rel, memory_order_acquire)) {
		return;
	}
	for (v = 3; v < 3 + 2 * PROBE_ROUNDS * PROBE_BATCHES; v += 2) {
		if (!probe_wait(p, v, now_ns() + (v == 3 ? 2000000u :
		    1000000u), v == 3 ? PROBE_AGAIN : PROBE_OFF)) {
			return;
		}
		atomic_store_explicit(&p->probe, v + 1, memory_order_release);
	}
}

enum probe_result { PROBE_NEAR, PROBE_FAR, PROBE_SHARED };

/* Whether the two threads are far apart, the linter waiting (2): bounce
 * the probe's line to it and back, PROBE_ROUNDS times a batch, and see
 * whether the fastest batch took more than FAR_NS a round trip.  A first
 * batch slower than SHARED_NS a round trip: the threads took turns on
 * one CPU (ask again later); a later one: one of them was interrupted
 * (not counted).  Should the other side not answer within a
 * millisecond, neither waits on (near). */
static enum probe_result
probe_far(struct pipe *p)
{
	uint64_t best = UINT64_MAX;
	unsigned v = 3, b, r;

	for (b = 0; b < PROBE_BATCHES; b++) {
		uint64_t t0 = now_ns(), t;

		for (r = 0; r < PROBE_ROUNDS; r++, v += 2) {
			atomic_store_explicit(&p->probe, v,
			    memory_order_release);
			if (!probe_wait(p, v + 1, t0 + 1000000u, PROBE_OFF)) {
				return PROBE_NEAR;
			}
		}
		t = now_ns() - t0;
		if (t > (uint64_t)SHARED_NS * PROBE_ROUNDS && b == 0) {
			/* (The linter's loop ends at this value.) */
			atomic_store_explicit(&p->probe, PROBE_AGAIN,
			    memory_order_release);
			return PROBE_SHARED;
		}
		best = t < best ? t : best;
	}
	return best > (uint64_t)FAR_NS * PROBE_ROUNDS ? PROBE_FAR : PROBE_NEAR;
}

/* The reader's side, at each chunk's end from probe_at on until it is
 * done: ask for the probe (1; the linter looks each time it gives a
 * chunk back), and once the linter waits (2), time the round trip; far
 * apart, the events are streamed from the next chunk on; taking turns
 * on one CPU, or the linter's wait for this thread over (PROBE_AGAIN),
 * ask again at twice the chunks (up to PROBE_CHUNK_LAST: at most four
 * times more, each costing the linter 2 ms at most). */
static void
probe_next(struct pipe *p)
{
	unsigned x = atomic_load_explicit(&p->probe, memory_order_acquire);
	enum probe_result r;

	if (zl_pipe_stream == 2) {
		stage_start(p); /* (a test: as if the probe found it far) */
		p->probe_at = 0;
		return;
	}
	if (!p->probe_asked) {
		atomic_store_explicit(&p->probe, 1, memory_order_release);
		p->probe_asked = true;
		return;
	}
	if (x == 1) {
		return; /* the linter has given no chunk back since */
	}
	p->probe_asked = false;
	r = x == 2 ? probe_far(p) : x == PROBE_AGAIN ? PROBE_SHARED :
	    PROBE_NEAR;
	if (r == PROBE_FAR) {
		stage_start(p);
	} else if (r == PROBE_SHARED && p->taken < PROBE_CHUNK_LAST) {
		p->probe_at = p->taken * 2;
		return;
	}
	p->probe_at = 0;
}

static void *
reader_main(void *arg)
{
	static const zl_read_callbacks_t cb = {
		.begin = pipe_begin,
		.record = pipe_record,
		.problem = pipe_problem,
		.comment = pipe_comment,
		.end = pipe_end,
		.progress = pipe_progress,
	};
	struct pipe *p = arg;

	if (zl_pipe_stream == 1) {
		stage_start(p);
	}
	p->rc = zl_read_file(p->path, p->opts, &cb, p, p->err,
	    sizeof(p->err));
	/* No chunk's end is to come: a probe asked for is off. */
	atomic_store_explicit(&p->probe, PROBE_OFF, memory_order_release);
	if (p->cur == p->stage && p->cur != NULL) {
		(void)send_stage(p);
	} else if (p->cur != NULL) {
		queue(p, p->cur);
	}
	p->cur = NULL;
	pthread_mutex_lock(&p->mu);
	p->done = true;
	pthread_cond_signal(&p->filled);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- the linter's side ------------------------------------------------ */

/* One event of a chunk, its pointers into the chunk. */
struct event {
	unsigned char kind;
	zl_record_t rec; /* EV_RECORD; file, line also for the others */
	const char *rule, *text;
	size_t len;
	bool alone;
	bool has_origin; /* EV_BEGIN: the origin's wire in text, len */
	const char *source;
	uint64_t done, total; /* EV_PROGRESS */
};

static uint64_t
get64(const unsigned char *q)
{
	uint64_t u;

	memcpy(&u, q, 8);
	return u;
}

static uint32_t
get32(const unsigned char *q)
{
	uint32_t u;

	memcpy(&u, q, 4);
	return u;
}

/* The linter's own copy of a file's name; NULL when out of memory.
 * Each chunk names its file again: most are the last one. */
static const char *
stable_file(struct pipe *p, const char *name)
{
	if (p->file_last != NULL && strcmp(p->file_last, name) == 0) {
		return p->file_last;
	}
	return p->file_last = zl_strings_intern(&p->files, name);
}

/* The chunk's events into *evs (grown as needed); their count, or
 * SIZE_MAX when out of memory. */
static size_t
decode(struct pipe *p, const struct chunk *c, struct event **evs,
    size_t *cap)
{
	const unsigned char *q = c->data, *end = c->data + c->used;
	const char *file = "";
	size_t n = 0, i;

	/* A chunk's lines come from the reader's cache or, streamed, from
	 * memory: they are asked for 4 KiB ahead of the events read. */
	for (i = 0; i < 4096 && i < c->used; i += 64) {
		__builtin_prefetch(q + i);
	}
	while (q < end) {
		struct event *e;
		unsigned char kind;

		if ((size_t)(end - q) > 4096) {
			__builtin_prefetch(q + 4096);
		}
		kind = *q++;

		if (kind == EV_FILE) {
			if ((file = stable_file(p, (const char *)q + 4)) ==
			    NULL) {
				return SIZE_MAX;
			}
			q += 4 + get32(q) + 1;
			continue;
		}
		if (n == *cap &&
		    !zl_grow((void **)evs, cap, n + 1, sizeof(**evs))) {
			return SIZE_MAX;
		}
		e = &(*evs)[n++];
		e->kind = kind;
		e->rec.file = file;
		switch (kind) {
		case EV_BEGIN: {
			bool has_source = q[1];

			e->has_origin = q[0] != 0;
			e->len = q[2];
			e->text = (const char *)q + 3;
			q += 3 + e->len;
			e->source = has_source ? (const char *)q + 1 : NULL;
			q += 1 + q[0] + 1;
			break;
		}
		case EV_RECORD: {
			struct rec_head h;

			memcpy(&h, q - 1, sizeof(h));
			q += sizeof(h) - 1;
			e->rec.owner_len = h.owner_len;
			e->rec.owner = q;
			q += h.owner_len;
			e->rec.type = h.type;
			e->rec.rr_class = h.rr_class;
			e->rec.ttl = h.ttl;
			e->rec.rdata_len = h.rdata_len;
			e->rec.rdata = q;
			q += h.rdata_len;
			e->rec.line = h.line;
			e->rec.last_line = h.last_line;
			e->rec.ttl_explicit = h.ttl_explicit != 0;
			e->rec.owner_hash = h.owner_hash;
			e->rec.owner_hashed = h.owner_hashed != 0;
			e->rec.reader_ = NULL;
			break;
		}
		case EV_PROBLEM:
			e->rec.line = get32(q);
			e->rule = (const char *)q + 5;
			q += 5 + q[4] + 1;
			e->len = get32(q);
			e->text = (const char *)q + 4;
			q += 4 + e->len + 1;
			break;
		case EV_COMMENT:
			e->rec.line = get32(q);
			e->alone = q[4] != 0;
			e->len = get32(q + 5);
			e->text = (const char *)q + 9;
			q += 9 + e->len;
			break;
		case EV_END:
			e->rec.line = get32(q);
			q += 4;
			break;
		case EV_PROGRESS:
			e->done = get64(q);
			e->total = get64(q + 8);
			q += 16;
			break;
		default:
			return SIZE_MAX; /* cannot happen: we wrote it */
		}
	}
	return n;
}

/* The last owner hashed on the linter's side (a record's owner lies in
 * its chunk: the bytes decide). */
struct ahead_memo {
	uint8_t owner[256];
	size_t len; /* 0: none */
	uint64_t hash;
};

/* A record told of ahead that the reader left unhashed (hash_owners) is
 * hashed here, before it is replayed, so that the linter can still have
 * its slot fetched ahead; once a run of records at one owner. */
static void
hash_ahead(struct ahead_memo *m, zl_record_t *rec)
{
	if (rec->owner_len == 0 || rec->owner_len > sizeof(m->owner)) {
		return;
	}
	if (rec->owner_len != m->len ||
	    memcmp(rec->owner, m->owner, rec->owner_len) != 0) {
		memcpy(m->owner, rec->owner, rec->owner_len);
		m->len = rec->owner_len;
		m->hash = zl_name_hash_lower(rec->owner, rec->owner_len);
	}
	rec->owner_hash = m->hash;
	rec->owner_hashed = true;
}

/* false when out of memory */
static bool
replay(const zl_read_callbacks_t *cb, void *ctx, struct event *evs, size_t n,
    struct ahead_memo *memo)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct event *e = &evs[i];

		if (cb->ahead != NULL && i + AHEAD < n &&
		    evs[i + AHEAD].kind == EV_RECORD) {
			if (!evs[i + AHEAD].rec.owner_hashed) {
				hash_ahead(memo, &evs[i + AHEAD].rec);
			}
			cb->ahead(ctx, &evs[i + AHEAD].rec);
		}
		switch (e->kind) {
		case EV_BEGIN: {
			ldns_rdf *origin = e->has_origin ?
			    ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, e->len,
				e->text) : NULL;

			if (e->has_origin && origin == NULL) {
				return false;
			}
			if (cb->begin != NULL) {
				cb->begin(ctx, origin, e->source);
			}
			ldns_rdf_deep_free(origin);
			break;
		}
		case EV_RECORD:
			if (cb->record != NULL) {
				cb->record(ctx, &e->rec);
			}
			break;
		case EV_PROBLEM:
			if (cb->problem != NULL) {
				cb->problem(ctx, e->rec.file, e->rec.line,
				    e->rule, e->text);
			}
			break;
		case EV_COMMENT:
			if (cb->comment != NULL) {
				cb->comment(ctx, e->rec.file, e->rec.line,
				    e->text, e->len, e->alone);
			}
			break;
		case EV_END:
			if (cb->end != NULL) {
				cb->end(ctx, e->rec.line);
			}
			break;
		case EV_PROGRESS:
			if (cb->progress != NULL) {
				cb->progress(ctx, e->done, e->total);
			}
			break;
		}
	}
	return true;
}

static void
pipe_free(struct pipe *p)
{
	struct chunk *c;

	while ((c = p->pool) != NULL) {
		p->pool = c->next;
		free(c);
	}
	while ((c = p->head) != NULL) {
		p->head = c->next;
		free(c);
	}
	if (p->cur != p->stage) {
		free(p->cur);
	}
	free(p->stage);
	free(p->file);
	zl_strings_free(&p->files);
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->freed);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

int
zl_read_file_piped(const char *path, const zl_read_options_t *opts,
    const zl_read_callbacks_t *cb, void *ctx, char *errbuf, size_t errlen)
{
	struct pipe *p = calloc(1, sizeof(*p));
	struct ahead_memo memo = { .len = 0 };
	struct event *evs = NULL;
	size_t cap = 0;
	pthread_t thread;
	bool nomem = false;
	int i;

	if (p == NULL) {
		return zl_read_file(path, opts, cb, ctx, errbuf, errlen);
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->freed, NULL);
	for (i = 0; i < CHUNKS; i++) {
		struct chunk *c = malloc(sizeof(*c) + CHUNK_SIZE);

		if (c == NULL) {
			break;
		}
		c->size = CHUNK_SIZE;
		c->pooled = true;
		c->next = p->pool;
		p->pool = c;
		p->pooled++;
	}
	p->path = path;
	p->opts = opts;
	zl_hash_init();
	atomic_init(&p->probe, 0);
#ifdef ZL_SCAN_SIMD
	p->probe_at = zl_pipe_stream == 2 ||
	    (zl_pipe_stream < 0 && two_cpus()) ? PROBE_CHUNK : 0;
#else
	/* No streaming stores here: stream_copy would be one more copy. */
	p->probe_at = zl_pipe_stream == 2 ? PROBE_CHUNK : 0;
#endif
	if (i < CHUNKS || pthread_create(&thread, NULL, reader_main, p) != 0) {
		/* No second thread: read on this one. */
		pipe_free(p);
		return zl_read_file(path, opts, cb, ctx, errbuf, errlen);
	}
	for (;;) {
		struct chunk *c;
		size_t n;

		pthread_mutex_lock(&p->mu);
		while (p->head == NULL && !p->done) {
			pthread_cond_wait(&p->filled, &p->mu);
		}
		if ((c = p->head) == NULL) {
			pthread_mutex_unlock(&p->mu);
			break; /* done, and nothing left */
		}
		if ((p->head = c->next) == NULL) {
			p->tail = NULL;
		}
		pthread_mutex_unlock(&p->mu);
		n = nomem ? 0 : decode(p, c, &evs, &cap);
		if (n == SIZE_MAX || (n > 0 && !replay(cb, ctx, evs, n,
		    &memo))) {
			nomem = true;
			/* Let the reader run to its end, unheard. */
			pthread_mutex_lock(&p->mu);
			p->stop = true;
			pthread_cond_broadcast(&p->freed);
			pthread_mutex_unlock(&p->mu);
		}
		if (c->pooled) {
			pthread_mutex_lock(&p->mu);
			c->next = p->pool;
			p->pool = c;
			if (++p->pooled == p->want) {
				pthread_cond_signal(&p->freed);
			}
			pthread_mutex_unlock(&p->mu);
		} else {
			pthread_mutex_lock(&p->mu);
			p->big--;
			pthread_cond_signal(&p->freed);
			pthread_mutex_unlock(&p->mu);
			free(c);
		}
		/* (With the chunk back: the reader may have waited for one
		 * to come to its chunk's end.) */
		if (atomic_load_explicit(&p->probe, memory_order_acquire) ==
		    1) {
			probe_answer(p);
		}
	}
	pthread_join(thread, NULL);
	atomic_fetch_add_explicit(&zl_pipe_streamed, p->streamed,
	    memory_order_relaxed); /* (-j: files on several threads) */
	free(evs);
	if (nomem || p->nomem) {
		if (errbuf != NULL && errlen > 0) {
			snprintf(errbuf, errlen, "%s: out of memory", path);
		}
		pipe_free(p);
		return -1;
	}
	if (p->rc != 0 && errbuf != NULL && errlen > 0) {
		snprintf(errbuf, errlen, "%s", p->err);
	}
	i = p->rc;
	pipe_free(p);
	return i;
}
