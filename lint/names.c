/* names.c: compact tables keyed by hashes of domain names. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * A million-record zone has some 650,000 owner names.  Keeping each as a
 * string with its facts cost over 300 MiB; a 16-byte slot keyed by a
 * 64-bit hash of the name costs 16.  Two names share a key with a chance
 * of about n^2 / 2^65 (1 in 37 million for a million names); the messages
 * that name a name take it from the record being read, never from the
 * table.  Each table is split into shards by the key's top bits, and a
 * shard grows by a quarter on its own: growing copies 1/64 of the table
 * at a time instead of holding the old and the new table whole, and a
 * table is 64% to 80% full rather than 37% to 75% as with doubling.
 */

#include <stdlib.h>
#include <string.h>

#include "lint/internal.h"

#define SHARDS (1u << ZL_TABLE_SHARD_BITS)
#define SHARD_FIRST_CAP 8u

static uint64_t
mix(uint64_t h)
{
	/* The finaliser of MurmurHash3: every input bit moves the output. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

uint64_t
zl_name_key(const uint8_t *wire, size_t len)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		uint8_t c = wire[i];

		/* Length octets are below 64, never letters. */
		if (c >= 'A' && c <= 'Z') {
			c = (uint8_t)(c - 'A' + 'a');
		}
		h = (h ^ c) * 1099511628211u;
	}
	return mix(h);
}

uint64_t
zl_text_key(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u ^ 0x5bd1e995u;

	for (; *s != '\0'; s++) {
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	}
	return mix(h);
}

uint64_t
zl_rrset_key(uint64_t name_key, uint16_t type)
{
	return mix(name_key ^ ((uint64_t)type + 1) * 0x9e3779b97f4a7c15u);
}

void
zl_name_text(const uint8_t *d, size_t size, char *s)
{
	size_t i = 0, o = 0;

	/* At most 255 octets: 4 output bytes each, a dot, a NUL. */
	if (size > 255) {
		size = 255;
	}
	while (i < size && d[i] != 0) {
		size_t len = d[i++];

		for (; len > 0 && i < size; len--, i++) {
			unsigned char c = d[i];

			if (c == '.' || c == ';' || c == '(' || c == ')' ||
			    c == '\\') {
				s[o++] = '\\';
				s[o++] = (char)c;
			} else if (c <= 0x20 || c >= 0x7f) {
				s[o++] = '\\';
				s[o++] = (char)('0' + c / 100);
				s[o++] = (char)('0' + c / 10 % 10);
				s[o++] = (char)('0' + c % 10);
			} else {
				s[o++] = c >= 'A' && c <= 'Z'
					     ? (char)(c - 'A' + 'a')
					     : (char)c;
			}
		}
		s[o++] = '.';
	}
	if (o == 0) {
		s[o++] = '.';
	}
	s[o] = '\0';
}

static unsigned
shard_of(uint64_t key)
{
	return (unsigned)(key >> (64 - ZL_TABLE_SHARD_BITS));
}

/*
 * A shard's home slot for a key: the key's low 32 bits scaled to the
 * capacity (Lemire's multiply-shift), so capacities need not be powers of
 * two and can grow by a quarter instead of doubling.
 */
static uint32_t
home(uint64_t key, uint32_t cap)
{
	return (uint32_t)(((uint64_t)(uint32_t)key * cap) >> 32);
}

struct zl_slot *
zl_table_find(const struct zl_table *t, uint64_t key)
{
	unsigned s = shard_of(key);
	uint32_t cap = t->cap[s], i;
	const struct zl_slot *sl = t->shard[s];

	if (cap == 0) {
		return NULL;
	}
	for (i = home(key, cap); sl[i].key != 0; i = i + 1 == cap ? 0 : i + 1) {
		if (sl[i].key == key) {
			return (struct zl_slot *)&sl[i];
		}
	}
	return NULL;
}

static bool
grow(struct zl_table *t, unsigned s)
{
	uint32_t old = t->cap[s];
	uint32_t cap = old ? old + old / 4 : SHARD_FIRST_CAP;
	struct zl_slot *n = calloc(cap, sizeof(*n));
	uint32_t i, j;

	if (n == NULL || cap < old) {
		free(n);
		return false;
	}
	for (i = 0; i < old; i++) {
		const struct zl_slot *o = &t->shard[s][i];

		if (o->key == 0) {
			continue;
		}
		for (j = home(o->key, cap); n[j].key != 0;
		     j = j + 1 == cap ? 0 : j + 1) {
		}
		n[j] = *o;
	}
	free(t->shard[s]);
	t->shard[s] = n;
	t->cap[s] = cap;
	return true;
}

struct zl_slot *
zl_table_get(struct zl_table *t, uint64_t key, bool *added)
{
	unsigned s = shard_of(key);
	struct zl_slot *sl;
	uint32_t cap, i;

	*added = false;
	/* At most 4/5 full: linear probing stays short enough. */
	if ((uint64_t)t->count[s] * 5 >= (uint64_t)t->cap[s] * 4 &&
	    !grow(t, s)) {
		return NULL;
	}
	sl = t->shard[s];
	cap = t->cap[s];
	for (i = home(key, cap); sl[i].key != 0; i = i + 1 == cap ? 0 : i + 1) {
		if (sl[i].key == key) {
			return &sl[i];
		}
	}
	sl[i].key = key;
	t->count[s]++;
	*added = true;
	return &sl[i];
}

void
zl_table_remove(struct zl_table *t, struct zl_slot *slot)
{
	unsigned s = shard_of(slot->key);
	struct zl_slot *sl = t->shard[s];
	uint32_t cap = t->cap[s];
	uint32_t hole = (uint32_t)(slot - sl), i = hole;

	/* Backward shift: move up the later slots of the run whose home
	 * is not between the hole and them, so that no search stops early. */
	for (;;) {
		uint32_t h;

		i = i + 1 == cap ? 0 : i + 1;
		if (sl[i].key == 0) {
			break;
		}
		h = home(sl[i].key, cap);
		if (hole <= i ? (h <= hole || h > i) : (h <= hole && h > i)) {
			sl[hole] = sl[i];
			hole = i;
		}
	}
	sl[hole].key = 0;
	sl[hole].a = sl[hole].b = 0;
	t->count[s]--;
}

size_t
zl_table_bytes(const struct zl_table *t)
{
	size_t n = 0;
	unsigned s;

	for (s = 0; s < SHARDS; s++) {
		n += (size_t)t->cap[s] * sizeof(struct zl_slot);
	}
	return n;
}

void
zl_table_free(struct zl_table *t)
{
	unsigned s;

	for (s = 0; s < SHARDS; s++) {
		free(t->shard[s]);
	}
	memset(t, 0, sizeof(*t));
}

uint64_t
zl_bytes_key(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603u;
	size_t i;

	for (i = 0; i < n; i++) {
		h = (h ^ s[i]) * 1099511628211u;
	}
	return mix(h ^ n);
}

bool
zl_in_zone(const char *name, const char *origin)
{
	size_t n, o;

	if (origin == NULL) {
		return true;
	}
	n = strlen(name);
	o = strlen(origin);
	return strcmp(origin, ".") == 0 ||
	    (n >= o && strcmp(name + n - o, origin) == 0 &&
		(n == o || name[n - o - 1] == '.'));
}

/* ---- an arena: blocks that never move --------------------------------- */

/* Offsets are block << 18 | position: a block holds at most 256 KiB, and
 * blocks double from 1 KiB, so a zone with one SPF record costs 1 KiB. */
#define ARENA_SHIFT 18
#define ARENA_BLOCK_MAX ((size_t)1 << ARENA_SHIFT)
#define ARENA_BLOCK_FIRST ((size_t)1024)
#define ARENA_BLOCKS_MAX ((1u << (32 - ARENA_SHIFT)) - 1)

struct zl_arena {
	unsigned char **block;
	unsigned count;   /* blocks in use */
	unsigned cap;     /* entries of block[] */
	size_t size;      /* bytes of the last block */
	size_t used;      /* bytes used in the last block */
};

/* A piece never crosses a block; one over 256 KiB is refused (a TXT
 * record's text is at most 64 KiB). */
uint32_t
zl_arena_add(struct zl_arena **ap, const void *p, size_t n)
{
	struct zl_arena *a = *ap;
	size_t at;

	if (n > ARENA_BLOCK_MAX) {
		return UINT32_MAX;
	}
	if (a == NULL && (a = *ap = calloc(1, sizeof(*a))) == NULL) {
		return UINT32_MAX;
	}
	if (a->count == 0 || a->used + n > a->size || a->used == a->size) {
		size_t size = a->count == 0 ? ARENA_BLOCK_FIRST : a->size * 2;

		while (size < n) {
			size *= 2;
		}
		if (size > ARENA_BLOCK_MAX) {
			size = ARENA_BLOCK_MAX;
		}
		if (a->count == ARENA_BLOCKS_MAX) {
			return UINT32_MAX;
		}
		if (a->count == a->cap) {
			unsigned cap = a->cap ? a->cap * 2 : 8;
			unsigned char **b = realloc(a->block,
			    cap * sizeof(*b));

			if (b == NULL) {
				return UINT32_MAX;
			}
			a->block = b;
			a->cap = cap;
		}
		if ((a->block[a->count] = malloc(size)) == NULL) {
			return UINT32_MAX;
		}
		a->count++;
		a->size = size;
		a->used = 0;
	}
	at = a->used;
	if (p != NULL) {
		memcpy(a->block[a->count - 1] + at, p, n);
	}
	/* The next piece starts 4-aligned. */
	a->used = at + n + (4 - n % 4) % 4;
	if (a->used > a->size) {
		a->used = a->size;
	}
	return (uint32_t)((a->count - 1) << ARENA_SHIFT | at);
}

const void *
zl_arena_at(const struct zl_arena *a, uint32_t off)
{
	return a->block[off >> ARENA_SHIFT] + (off & (ARENA_BLOCK_MAX - 1));
}

void
zl_arena_free(struct zl_arena *a)
{
	unsigned i;

	if (a == NULL) {
		return;
	}
	for (i = 0; i < a->count; i++) {
		free(a->block[i]);
	}
	free(a->block);
	free(a);
}
