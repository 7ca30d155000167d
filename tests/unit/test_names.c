/* test_names.c: unit tests for the name tables of the linter (lint/names.c). */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The tables are checked against a plain array that says which keys are
 * in: random inserts, finds and removals, with keys crowded into a few
 * shards and home slots so that probe runs wrap and removals shift them.
 */

#ifdef __linux__
#define _DEFAULT_SOURCE /* mincore */
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/internal.h"
#include "lint/mem.h"
#include "tests/unit/unit.h"

#define KEYS 20000u

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t
next(void)
{
	/* xorshift64 */
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Key i: crowded into 2 shards and few home slots when `crowd`. */
static uint64_t
key_of(unsigned i, int crowd)
{
	uint64_t k = (uint64_t)(i + 1) * 0x9e3779b97f4a7c15u;

	if (crowd) {
		/* top bits: shard 0 or 1; low 32 bits: 16 values */
		k = ((uint64_t)(i & 1) << 58) | ((uint64_t)(i + 1) << 32) |
		    (uint64_t)(i % 16) * 0x10000000u;
	}
	return k != 0 ? k : 1;
}

/* `fore`: tables grow under a read's forecast of 20 times more (the
 * most zl_tables_forecast gives is 32), rising and falling as it goes. */
static void
random_ops(int crowd, unsigned ops, bool fore)
{
	struct zl_table t;
	static unsigned char in[KEYS];
	unsigned i, wrong = 0, count = 0, n;
	bool added;
	const char *what = crowd ? (fore ? "-crowded-forecast" : "-crowded")
				 : (fore ? "-forecast" : "");

	memset(&t, 0, sizeof(t));
	memset(in, 0, sizeof(in));
	for (n = 0; n < ops; n++) {
		if (fore && n % 4096 == 0) {
			zl_tables_forecast(1 + n % 20, 20);
		}
		unsigned k = (unsigned)(next() % KEYS);
		uint64_t key = key_of(k, crowd);
		struct zl_slot *s;

		switch (next() % 4) {
		case 0:
		case 1:
			s = zl_table_get(&t, key, &added);
			if (s == NULL || added != !in[k] ||
			    (!added && s->a != k)) {
				wrong++;
			}
			if (s != NULL) {
				s->a = k;
				count += added;
				in[k] = 1;
			}
			break;
		case 2:
			s = zl_table_find(&t, key);
			if ((s != NULL) != in[k] || (s != NULL && s->a != k)) {
				wrong++;
			}
			break;
		default:
			s = zl_table_find(&t, key);
			if ((s != NULL) != in[k]) {
				wrong++;
			}
			if (s != NULL) {
				zl_table_remove(&t, s);
				in[k] = 0;
				count--;
			}
			break;
		}
	}
	zl_tables_forecast(0, 0);
	UNIT_CHECK(wrong == 0, "names/table-random%s (%u ops, %u wrong)",
	    what, ops, wrong);
	for (i = 0, n = 0; i < KEYS; i++) {
		const struct zl_slot *s = zl_table_find(&t, key_of(i, crowd));

		n += (s != NULL) != in[i] || (s != NULL && s->a != i);
	}
	UNIT_CHECK(n == 0, "names/table-final%s (%u keys in, %u wrong)",
	    what, count, n);
	zl_table_free(&t);
	UNIT_CHECK(zl_table_find(&t, key_of(0, crowd)) == NULL &&
	    zl_table_bytes(&t) == 0, "names/table-freed%s", what);
}

static void
name_keys(void)
{
	static const uint8_t upper[] = "\3WWW\7EXAMPLE\3com";
	static const uint8_t lower[] = "\3www\7example\3com";
	static const uint8_t other[] = "\3www\7example\3net";
	char text[ZL_NAME_TEXT_MAX];
	static const uint8_t odd[] = "\3a.b\2\001;";
	unsigned i, same = 0;

	zl_hash_init();
	/* A bijection: distinct values never share a key, none is 0. */
	for (i = 0; i < 100000; i++) {
		same += zl_exact_key(i) == zl_exact_key(i + 1) ||
		    zl_exact_key(i) == 0;
	}
	UNIT_CHECK(same == 0, "names/exact-key-distinct");
	UNIT_CHECK(zl_exact_key(((uint64_t)1 << 16 | 1)) !=
	    zl_exact_key(((uint64_t)1 << 16 | 28)), "names/rrset-key-has-type");
	zl_name_text(upper, sizeof(upper), text);
	UNIT_STREQ(text, "www.example.com.", "names/text-lower-case");
	zl_name_text(odd, sizeof(odd), text);
	UNIT_STREQ(text, "a\\.b.\\001\\;.", "names/text-escapes");
	zl_name_text((const uint8_t *)"", 1, text);
	UNIT_STREQ(text, ".", "names/text-root");
	{
		struct zl_names t;
		struct zl_name_slot *a, *b2, *c;
		bool added;
		uint32_t ia;

		memset(&t, 0, sizeof(t));
		zl_names_set_origin(&t, (const uint8_t *)"\7example\3com", 13);
		a = zl_names_get(&t, upper, sizeof(upper), &added);
		ia = a != NULL ? a->id : 0;
		UNIT_CHECK(a != NULL && added, "names/intern-new");
		b2 = zl_names_get(&t, lower, sizeof(lower), &added);
		UNIT_CHECK(b2 != NULL && !added && b2->id == ia,
		    "names/intern-folds-case (RFC 4343)");
		c = zl_names_get(&t, other, sizeof(other), &added);
		UNIT_CHECK(c != NULL && added && c->id != ia,
		    "names/intern-differs");
		UNIT_CHECK(zl_names_below(&t, ia) &&
		    !zl_names_below(&t, c->id), "names/below-origin");
		zl_names_text(&t, ia, text);
		UNIT_STREQ(text, "www.example.com.", "names/intern-text");
		zl_names_free(&t);
	}
}

/*
 * Interned names against a plain list: many names, in mixed case, below
 * the origin and outside it, each found again by its bytes, each id
 * giving its bytes back.
 */
static void
interning(void)
{
	enum { N = 30000 };
	static uint8_t wire[N][40];
	static size_t len[N];
	static uint32_t id[N];
	struct zl_names t;
	unsigned i, wrong = 0, fresh = 0;
	bool added;

	memset(&t, 0, sizeof(t));
	zl_hash_init();
	zl_names_set_origin(&t, (const uint8_t *)"\7example\3com", 13);
	for (i = 0; i < N; i++) {
		/* Name i % (N/2): each twice, the second time upper-cased. */
		unsigned k = i % (N / 2);
		int n = snprintf((char *)wire[i] + 1, 20, "h%u", k);
		size_t j;

		wire[i][0] = (uint8_t)n;
		if (k % 3 == 0) {
			memcpy(wire[i] + 1 + n, "\7example\3net", 13);
		} else {
			memcpy(wire[i] + 1 + n, "\7example\3com", 13);
		}
		len[i] = (size_t)(1 + n + 13);
		for (j = 0; i >= N / 2 && j < len[i]; j++) {
			if (wire[i][j] >= 'a' && wire[i][j] <= 'z') {
				wire[i][j] = (uint8_t)(wire[i][j] - 32);
			}
		}
	}
	for (i = 0; i < N; i++) {
		struct zl_name_slot *s = zl_names_get(&t, wire[i], len[i],
		    &added);

		if (s == NULL) {
			wrong++;
			continue;
		}
		fresh += added;
		id[i] = s->id;
		if (added) {
			/* The slot's data moves with it (inserts shift the
			 * slots after them, growing moves them all). */
			s->a = i + 1;
			s->b = ~i;
		}
		if (i >= N / 2 && (added || id[i] != id[i - N / 2])) {
			wrong++;
		}
	}
	for (i = 0; i < N / 2; i++) {
		uint8_t back[ZL_WIRE_MAX];
		size_t n = zl_names_wire(&t, id[i], back);
		const struct zl_name_slot *s = zl_names_find(&t, wire[i + N / 2],
		    len[i]);

		wrong += n != len[i] || memcmp(back, wire[i], n) != 0;
		wrong += s == NULL || s->id != id[i];
		wrong += zl_names_slot(&t, id[i]) != s;
		wrong += s == NULL || s->a != i + 1 || s->b != ~i;
	}
	UNIT_CHECK(wrong == 0 && fresh == N / 2,
	    "names/intern-against-list (%u names, %u wrong)", fresh, wrong);
	/* Names never added are not found: h<k>.example.org, and h<k>
	 * with one letter more. */
	for (i = 0; i < N / 2; i++) {
		uint8_t w[40];
		size_t n = len[i];

		memcpy(w, wire[i], n);
		w[n - 2] = 'g'; /* .com. or .net. -> .cog. or .neg. */
		wrong += zl_names_find(&t, w, n) != NULL;
		w[1] = 'x';
		wrong += zl_names_find(&t, w, n) != NULL;
	}
	UNIT_CHECK(wrong == 0, "names/absent-not-found (%u names, %u wrong)",
	    N, wrong);
	zl_names_free(&t);
}

static void
arena(void)
{
	struct zl_arena *a = NULL;
	uint32_t off[3000];
	char buf[300];
	unsigned i, wrong = 0;

	for (i = 0; i < 3000; i++) {
		memset(buf, 'a' + (int)(i % 26), sizeof(buf));
		off[i] = zl_arena_add(&a, buf, 1 + i % 300);
		wrong += off[i] == UINT32_MAX;
	}
	/* Everything still where it was put, after many new blocks. */
	for (i = 0; i < 3000; i++) {
		const char *p = zl_arena_at(a, off[i]);
		size_t k;

		for (k = 0; k < 1 + i % 300; k++) {
			wrong += p[k] != 'a' + (int)(i % 26);
		}
		wrong += off[i] % 4 != 0;
	}
	UNIT_CHECK(wrong == 0, "names/arena-pieces-stay (%u wrong)", wrong);
	UNIT_CHECK(zl_arena_add(&a, NULL, (size_t)300 * 1024) == UINT32_MAX,
	    "names/arena-refuses-huge-piece");
	zl_arena_free(a);
}

/*
 * zl_name_from_text reads names with the zone reader's name reader
 * (lint/rdata.c): it gives what ldns gives, lower-cased, except for a lone
 * "@", which is the origin in a zone file and no name here.
 */
static void
from_text(void)
{
	static const char *const cases[] = { "mx.webmo.fr.", "MX.Webmo.FR",
		"_dmarc.example.com", ".", "a", "a.", "x_y-z.example.",
		"a..b", ".a", "@", "a\\.b.example.", "a\\065.example.",
		"with space.example", "\"q\".example", "0.1.2.3",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.x",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.x",
		"*.example.", "a%b.example", "a+b=c.example" };
	unsigned i, wrong = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t w[ZL_WIRE_MAX];
		size_t n = zl_name_from_text(cases[i], w);
		ldns_rdf *d = NULL;
		bool ok = strcmp(cases[i], "@") != 0 &&
		    ldns_str2rdf_dname(&d, cases[i]) == LDNS_STATUS_OK &&
		    d != NULL && ldns_rdf_size(d) <= ZL_WIRE_MAX;

		if (ok) {
			uint8_t want[ZL_WIRE_MAX];
			size_t k = ldns_rdf_size(d);

			memcpy(want, ldns_rdf_data(d), k);
			zl_wire_lower(want, k);
			ok = n == k && memcmp(w, want, k) == 0;
		} else {
			ok = n == 0;
		}
		if (!ok) {
			printf("  name-from-text differs from ldns: %s\n",
			    cases[i]);
			wrong++;
		}
		ldns_rdf_deep_free(d);
	}
	UNIT_CHECK(wrong == 0, "names/from-text-as-ldns (%u wrong)", wrong);
}

/*
 * zl_wire_lower works eight bytes at a time: every byte value, at every
 * position of buffers of 1 to 24 bytes, among random neighbours, must come
 * out as a byte-wise ASCII lower-casing gives it (and nothing else moves);
 * so must a copy lower-cased (zl_name_hash hashes one).
 */
static void
lowering(void)
{
	unsigned len, pos, c, wrong = 0;
	uint64_t x = 0x9e3779b97f4a7c15u;

	zl_hash_init();
	for (len = 1; len <= 24; len++) {
		for (pos = 0; pos < len; pos++) {
			for (c = 0; c < 256; c++) {
				uint8_t b[32], want[32];
				unsigned i;

				for (i = 0; i < sizeof(b); i++) {
					x = x * 6364136223846793005u +
					    1442695040888963407u;
					b[i] = (uint8_t)(x >> 56);
				}
				b[pos] = (uint8_t)c;
				memcpy(want, b, sizeof(b));
				for (i = 0; i < len; i++) {
					if (want[i] >= 'A' && want[i] <= 'Z') {
						want[i] += 'a' - 'A';
					}
				}
				/* Copied and lower-cased (the hash of a name
				 * not yet lower-cased), then in place. */
				wrong += zl_name_hash(b, len) !=
				    zl_name_hash_lower(want, len);
				zl_wire_lower(b, len);
				wrong += memcmp(b, want, sizeof(b)) != 0;
			}
		}
	}
	UNIT_CHECK(wrong == 0, "names/lower-every-byte (%u wrong)", wrong);
}

/*
 * A names table filled as a read goes, told how far it has come
 * (zl_tables_forecast): names that come evenly are copied fewer times
 * than when the table grows by quarters, the table ends about 3/4 full
 * (room for what was forecast, no more), and every name is found.
 */
static void
forecast(void)
{
	enum { N = 200000 };
	unsigned pass, i, wrong = 0, grows[2] = { 0, 0 };
	double load[2] = { 0, 0 };

	zl_hash_init();
	for (pass = 0; pass < 2; pass++) {
		struct zl_names t;
		uint64_t slots = 0, count = 0;
		unsigned s;
		bool added;

		memset(&t, 0, sizeof(t));
		zl_names_set_origin(&t, (const uint8_t *)"\7example\3com", 13);
		for (i = 0; i < 2 * N; i++) {
			uint8_t w[32];
			unsigned k = i < N ? i : i - N;
			int n = snprintf((char *)w + 1, 20, "n%u", k);
			struct zl_name_slot *sl;

			if (pass == 1 && i < N && i % 1000 == 0) {
				zl_tables_forecast(i, N);
			}
			if (i == N / 16) {
				grows[pass] = t.grows; /* counted from here */
			}
			w[0] = (uint8_t)n;
			memcpy(w + 1 + n, "\7example\3com", 13);
			if (i < N) {
				sl = zl_names_get(&t, w, (size_t)n + 14,
				    &added);
				wrong += sl == NULL || !added;
			} else {
				sl = zl_names_find(&t, w, (size_t)n + 14);
				wrong += sl == NULL;
			}
		}
		zl_tables_forecast(0, 0);
		for (s = 0; s < sizeof(t.cap) / sizeof(t.cap[0]); s++) {
			slots += t.cap[s];
			count += t.count[s];
		}
		grows[pass] = t.grows - grows[pass];
		load[pass] = (double)count / (double)slots;
		wrong += count != N;
		zl_names_free(&t);
	}
	UNIT_CHECK(wrong == 0 && grows[1] * 2 < grows[0] &&
	    load[1] >= 0.7 && load[1] <= 0.8,
	    "names/forecast (%u wrong; %u growths past the 16th, %.2f full; "
	    "without the forecast %u, %.2f full)", wrong, grows[1], load[1], grows[0],
	    load[0]);
}

/*
 * A name of every wire length from 3 to 255 (labels of 1 to 63 letters,
 * the root last), in a table whose origin ends some of them and not
 * others: each stored and given back byte for byte.
 */
static void
every_length(void)
{
	struct zl_names t;
	unsigned total, pass, wrong = 0, n = 0;

	memset(&t, 0, sizeof(t));
	zl_hash_init();
	zl_names_set_origin(&t, (const uint8_t *)"\1o\0", 3);
	for (total = 3; total <= 255; total++) {
		for (pass = 0; pass < 2; pass++) {
			uint8_t w[256], back[ZL_WIRE_MAX];
			/* the labels' bytes: all but the root (and "\1o") */
			size_t left = total - 1 - (pass == 1 ? 2 : 0), at = 0, got;
			const struct zl_name_slot *sl;
			unsigned k = 0;
			bool added;

			if (left < 2) {
				continue;
			}
			while (left > 0) {
				size_t lab = left - 1 < 63 ? left - 1 : 63;

				if (left - (lab + 1) == 1) {
					lab--; /* leave two bytes, not one */
				}
				w[at++] = (uint8_t)lab;
				left -= lab + 1;
				while (lab-- > 0) {
					w[at++] = (uint8_t)('a' + k++ % 26);
				}
			}
			if (pass == 1) {
				w[at++] = 1;
				w[at++] = 'o';
			}
			w[at++] = 0;
			sl = zl_names_get(&t, w, at, &added);
			got = sl != NULL ? zl_names_wire(&t, sl->id, back) : 0;
			wrong += at != total || sl == NULL || !added ||
			    got != at || memcmp(back, w, at) != 0;
			n++;
		}
	}
	UNIT_CHECK(wrong == 0 && n == 253 + 251, "names/store-every-length "
	    "(%u names, %u wrong)", n, wrong);
	zl_names_free(&t);
}

#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
/* Which of the n pages from p are in memory, as a string of 0 and 1. */
static void
resident(void *p, size_t n, char *s)
{
	unsigned char v[512];
	size_t i;

	if (mincore(p, n * 4096, v) != 0) {
		memset(s, '?', n);
	} else {
		for (i = 0; i < n; i++) {
			s[i] = (char)('0' + (v[i] & 1));
		}
	}
	s[n] = 0;
}

/* What it holds is other bytes: whether mincore says so. */
static bool
pages_are(const char *got, size_t from, size_t to, char c)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (got[i] != c) {
			return false;
		}
	}
	return true;
}

/* Whether the kernel maps anonymous memory with huge pages unasked. */
static bool
thp_always(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char line[128] = "";

	if (f != NULL) {
		if (fgets(line, sizeof(line), f) == NULL) {
			line[0] = 0;
		}
		fclose(f);
	}
	return strstr(line, "[always]") != NULL;
}

/*
 * zl_prefault faults in the pages a range is on, and no others, with
 * their bytes unchanged; zl_prefault_ahead a step past where the block
 * is filled to, and nothing while that is below what it faulted in.
 * (On a kernel without MADV_POPULATE_WRITE, before Linux 5.14, nothing
 * is faulted in: said, and not counted.)
 */
static void
prefault(void)
{
	size_t pages = 256, faulted = 0;
	unsigned char *p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char got[513];
	bool kernel;

	if (sysconf(_SC_PAGESIZE) != 4096) {
		printf("  (mem/prefault: pages of %ld bytes here, not 4 KiB)\n",
		    sysconf(_SC_PAGESIZE));
		if (p != MAP_FAILED) {
			munmap(p, pages * 4096);
		}
		return;
	}
	if (p == MAP_FAILED) {
		UNIT_CHECK(false, "mem/prefault: a mapping");
		return;
	}
	/* (Pages of 4 KiB, not the larger ones a kernel may give an
	 * anonymous mapping at its first write.) */
	(void)madvise(p, pages * 4096, MADV_NOHUGEPAGE);
	kernel = madvise(p + 255 * 4096, 4096, MADV_POPULATE_WRITE) == 0;
	p[0] = 7;
	resident(p, pages, got);
	if (!kernel) {
		printf("  (mem/prefault: MADV_POPULATE_WRITE not here: %s)\n",
		    got);
		munmap(p, pages * 4096);
		return;
	}
	UNIT_CHECK(got[0] == '1' && pages_are(got, 1, 255, '0') &&
	    got[255] == '1', "mem/prefault: a fresh mapping is not in memory "
	    "but for its first and last page");
	/* Pages 0 (its last 100 bytes) to 128 (100 bytes of it). */
	zl_prefault(p + 4096 - 100, 127 * 4096 + 200);
	resident(p, pages, got);
	UNIT_CHECK(pages_are(got, 0, 129, '1') && pages_are(got, 129, 255, '0')
	    && p[0] == 7 && p[4096 - 100] == 0, "mem/prefault: pages 0 to 128 "
	    "in memory, not 129 to 254, bytes unchanged");
	zl_prefault(p + 200 * 4096, ZL_PREFAULT_MIN - 1);
	resident(p, pages, got);
	UNIT_CHECK(got[200] == '0', "mem/prefault: under ZL_PREFAULT_MIN: "
	    "nothing");
	munmap(p, pages * 4096);

	p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		UNIT_CHECK(false, "mem/prefault: a second mapping");
		return;
	}
	(void)madvise(p, pages * 4096, MADV_NOHUGEPAGE);
	zl_prefault_ahead(p, 100 * 4096, &faulted, 1000);
	resident(p, pages, got);
	UNIT_CHECK(faulted == 1000 + ZL_PREFAULT_STEP &&
	    pages_are(got, 0, (1000 + ZL_PREFAULT_STEP + 4095) / 4096, '1') &&
	    pages_are(got, (1000 + ZL_PREFAULT_STEP + 4095) / 4096, pages,
		'0'), "mem/prefault-ahead: a step past the first write");
	zl_prefault_ahead(p, 100 * 4096, &faulted, 5000);
	zl_prefault_ahead(p, 100 * 4096, &faulted, 1000 + ZL_PREFAULT_STEP);
	resident(p, pages, got);
	UNIT_CHECK(faulted == 1000 + ZL_PREFAULT_STEP &&
	    pages_are(got, (1000 + ZL_PREFAULT_STEP + 4095) / 4096, pages,
		'0'), "mem/prefault-ahead: nothing more up to there");
	zl_prefault_ahead(p, 100 * 4096, &faulted, 90 * 4096);
	resident(p, pages, got);
	UNIT_CHECK(faulted == 100 * 4096 && pages_are(got, 0, 100, '1') &&
	    pages_are(got, 100, pages, '0'), "mem/prefault-ahead: the rest "
	    "of the block, not past it, with no page between the steps "
	    "left out");
	munmap(p, pages * 4096);

	/* The names table's second block (1 MiB, malloc's own mapping:
	 * the threshold set back, which the tests before raised by freeing
	 * such blocks): in memory a step past what the names fill, not
	 * further.  Not where the kernel gives such a mapping huge pages
	 * unasked. */
	if (thp_always()) {
		printf("  (mem/prefault: transparent huge pages always)\n");
		return;
	}
	(void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	{
		struct zl_names tb;
		uint8_t w[40];
		unsigned i = 0, bad = 0;
		size_t at, len, inside, after;

		memset(&tb, 0, sizeof(tb));
		zl_hash_init();
		while (tb.count_blocks < 2 || tb.used < 100000) {
			len = (size_t)snprintf((char *)w + 1, sizeof(w) - 2,
			    "name-%08u-padding", i++);
			w[0] = (uint8_t)len;
			w[len + 1] = 0;
			if (zl_names_get(&tb, w, len + 2, &(bool){ false }) ==
			    NULL) {
				bad++;
				break;
			}
		}
		/* (Pages from the one the block starts on; the 257th
		 * holds its last bytes and what follows it.) */
		/* (glibc's own mapping: a page boundary and its 16-byte
		 * head before the block; not valgrind's allocator.) */
		if ((uintptr_t)tb.block[1] < (uintptr_t)sbrk(0) ||
		    ((uintptr_t)tb.block[1] & 4095) != 16 ||
		    getenv("VALGRIND") != NULL) {
			printf("  (mem/prefault: the block is not a mapping "
			    "of its own)\n");
			zl_names_free(&tb);
			return;
		}
		at = (size_t)(uintptr_t)tb.block[1] & 4095;
		p = tb.block[1] - at;
		resident(p, 257, got);
		inside = (at + tb.used) / 4096;
		after = (at + tb.faulted + 4095) / 4096;
		UNIT_CHECK(bad == 0 && tb.faulted > tb.used &&
		    tb.faulted <= tb.used + ZL_PREFAULT_STEP + 64 &&
		    pages_are(got, 0, after, '1') &&
		    pages_are(got, after + 1, 256, '0') && inside < after,
		    "mem/prefault: the names' blocks, a step ahead "
		    "(%zu used, %zu faulted in)", tb.used, tb.faulted);
		zl_names_free(&tb);
	}
}

#ifdef __GLIBC__
/* Whether every mapping of this process that overlaps [from, to) has
 * the flag MADV_HUGEPAGE sets ("hg" in /proc/self/smaps), and at least
 * one does. */
static bool
all_huge(uintptr_t from, uintptr_t to)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false, ok = true;
	unsigned seen = 0;

	if (f == NULL) {
		return false;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long a, b;

		if (sscanf(line, "%lx-%lx ", &a, &b) == 2) {
			in = a < to && b > from;
			seen += in;
		} else if (in && strncmp(line, "VmFlags:", 8) == 0 &&
		    strstr(line, " hg") == NULL) {
			ok = false;
		}
	}
	fclose(f);
	return ok && seen > 0;
}

/* The AnonHugePages of the mappings of this process that overlap
 * [from, to), in bytes. */
static size_t
huge_bytes(uintptr_t from, uintptr_t to)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false;
	size_t sum = 0;

	if (f == NULL) {
		return 0;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long a, b, kib;

		if (sscanf(line, "%lx-%lx ", &a, &b) == 2) {
			in = a < to && b > from;
		} else if (in &&
		    sscanf(line, "AnonHugePages: %lu kB", &kib) == 1) {
			sum += (size_t)kib * 1024;
		}
	}
	fclose(f);
	return sum;
}

/*
 * Whether a 2 MiB range of a fresh mapping is one huge page here after
 * `ready` (in small pages all over first when `touch`): MADV_COLLAPSE
 * (Linux 6.1), or a mark and MADV_POPULATE_WRITE (not with transparent
 * huge pages "never", nor without a huge page free).
 */
static bool
range_huge(bool touch, bool (*ready)(void *range, size_t len))
{
	size_t n = (size_t)4 << 20, len = (size_t)2 << 20, i;
	uintptr_t from;
	unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	bool ok;

	if (p == MAP_FAILED) {
		return false;
	}
	from = ((uintptr_t)p + len - 1) & ~((uintptr_t)len - 1);
	for (i = 0; touch && i < n; i += 4096) {
		p[i] = 1;
	}
	ok = ready((void *)from, len) && huge_bytes(from, from + len) >= len;
	munmap(p, n);
	return ok;
}

static bool
collapse_ready(void *range, size_t len)
{
	return madvise(range, len, 25 /* MADV_COLLAPSE */) == 0;
}

static bool
populate_ready(void *range, size_t len)
{
	return madvise(range, len, MADV_HUGEPAGE) == 0 &&
	    madvise(range, len, MADV_POPULATE_WRITE) == 0;
}

/* Whether MADV_HUGEPAGE is there, and shows in /proc/self/smaps. */
static bool
huge_here(void)
{
	size_t n = (size_t)4 << 20;
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	bool ok;

	if (p == MAP_FAILED) {
		return false;
	}
	ok = madvise(p, n, MADV_HUGEPAGE) == 0 &&
	    all_huge((uintptr_t)p, (uintptr_t)p + n);
	munmap(p, n);
	return ok;
}
#endif

/*
 * Arrays in the heap that brk grows, every page written before: from the
 * first one a table faults in to the end of the last, the heap is in
 * huge pages, the ranges that had small pages included (lint/mem.c,
 * heap_huge), and not beyond.  Once another thread has tended the heap
 * (zl_heap_tend, as the pipe's reader does while it waits), the part of
 * it not given out yet is in huge pages too.  Where the allocator takes
 * no memory from that heap (valgrind's, a sanitizer's), nothing: said,
 * not counted.  (Last of the tests: it sets malloc's mmap threshold.)
 */
static void *
tend(void *arg)
{
	(void)arg;
	zl_heap_tend();
	return NULL;
}

#define MIB2 ((uintptr_t)2 << 20)
#define UP2(x) (((uintptr_t)(x) + MIB2 - 1) & ~(MIB2 - 1))
#define DOWN2(x) ((uintptr_t)(x) & ~(MIB2 - 1))

static void
heap_huge(void)
{
#ifdef __GLIBC__
	enum { N = 64, SIZE = 100 * 1024, BIG = 8 << 20 };
	unsigned char *b[N], *big;
	uintptr_t from, e, bf, bt;
	size_t i, j, bad = 0;
	bool split = false;
	pthread_t t;

	/* The large block in the heap too, not a mapping of its own. */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	for (i = 0; i < N; i++) {
		b[i] = malloc(SIZE);
	}
	big = malloc(BIG);
	from = UP2(b[0]);
	/* An array of 2 MiB and more, from b[1] on: to the end of its
	 * last range; and the large block's whole ranges, not written. */
	e = UP2((uintptr_t)b[1] + (size_t)21 * SIZE);
	bf = UP2(big);
	bt = DOWN2((uintptr_t)big + BIG);
	if (b[0] == NULL || big == NULL || (uintptr_t)b[0] >= (uintptr_t)sbrk(0)
	    || (uintptr_t)big + BIG > (uintptr_t)sbrk(0) || e > bf ||
	    bf >= bt) {
		printf("  (mem/heap-huge: malloc's memory is not in the "
		    "heap brk grows here)\n");
	} else if (!huge_here()) {
		printf("  (mem/heap-huge: no MADV_HUGEPAGE here)\n");
	} else {
		bool collapse = range_huge(true, collapse_ready);
		bool populate = range_huge(false, populate_ready);
		bool fresh;

		/* Each range a mapping of its own (a flag that changes
		 * nothing here), so that smaps counts its huge pages. */
		(void)madvise((void *)from, e - from, MADV_DONTFORK);
		(void)madvise((void *)bf, bt - bf, MADV_DONTFORK);
		split = true;
		/* Small pages all over the arrays, unless the system gave
		 * huge ones already. */
		for (i = 0; i < N; i++) {
			for (j = 0; j < SIZE; j++) {
				b[i][j] = (unsigned char)(i * 31 + j * 7);
			}
		}
		/* (Memory freed by an earlier test may be in huge pages
		 * already: then nothing here could fail.) */
		if (!(fresh = huge_bytes(bf, bt) == 0)) {
			printf("  (mem/heap-huge: the heap is in huge pages "
			    "already)\n");
		}
		zl_prefault(b[0], SIZE);
		zl_prefault(b[1], (size_t)21 * SIZE);
		if (fresh && collapse) {
			UNIT_CHECK(huge_bytes(from, e) >= e - from &&
			    huge_bytes(bf, bt) == 0,
			    "mem/heap-huge: the heap from a table's array to the "
			    "end of the last in huge pages, not beyond (%zu of "
			    "%zu KiB; %zu KiB beyond)", huge_bytes(from, e) / 1024,
			    (size_t)(e - from) / 1024, huge_bytes(bf, bt) / 1024);
		} else if (fresh) {
			printf("  (mem/heap-huge: no MADV_COLLAPSE here)\n");
			UNIT_CHECK(all_huge(from, e), "mem/heap-huge: the heap "
			    "from a table's array to the end of the last marked "
			    "for huge pages");
		}
		UNIT_CHECK(pthread_create(&t, NULL, tend, NULL) == 0 &&
		    pthread_join(t, NULL) == 0, "mem/heap-huge: a thread");
		for (i = 0; i < N; i++) {
			for (j = 0; j < SIZE; j++) {
				bad += b[i][j] != (unsigned char)(i * 31 + j * 7);
			}
		}
		UNIT_CHECK(bad == 0, "mem/heap-huge: the arrays' bytes "
		    "unchanged");
		if (fresh && populate) {
			UNIT_CHECK(huge_bytes(bf, bt) >= bt - bf,
			    "mem/heap-huge: the heap not given out yet in huge "
			    "pages once tended on another thread (%zu of %zu "
			    "KiB)", huge_bytes(bf, bt) / 1024,
			    (size_t)(bt - bf) / 1024);
		} else if (fresh) {
			printf("  (mem/heap-huge: no huge pages faulted in "
			    "here)\n");
		}
	}
	if (split) {
		(void)madvise((void *)from, e - from, MADV_DOFORK);
		(void)madvise((void *)bf, bt - bf, MADV_DOFORK);
	}
	for (i = 0; i < N; i++) {
		free(b[i]);
	}
	free(big);
#endif
}
#else
static void
heap_huge(void)
{
}

static void
prefault(void)
{
	printf("  (mem/prefault: not on this system)\n");
}
#endif

int
main(void)
{
	every_length();
	lowering();
	random_ops(0, 400000, false);
	random_ops(1, 100000, false);
	random_ops(0, 400000, true);
	random_ops(1, 100000, true);
	forecast();
	name_keys();
	interning();
	from_text();
	arena();
	prefault();
	heap_huge();
	return unit_summary();
}
