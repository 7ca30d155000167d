/* names.c: compact tables keyed by hashes of domain names. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Names are identified exactly.  Each distinct name is interned once, in
 * canonical wire form (ASCII letters lower-cased, RFC 4343), in blocks
 * that never move; its id is where it lies.  A lookup hashes the name with
 * SipHash-1-3 under a key drawn at random for each run, and compares the
 * bytes of every slot whose hash matches, as NSD (dnamecmp) and Knot (a
 * tree keyed by the bytes) do: no input can make two names one, whatever
 * it knows of the hash.  Names below the zone's origin are stored without
 * it, so a name costs its own labels, two bytes, and its slot.
 *
 * Everything else is keyed by exact integers (a name id, a name id and a
 * type) scrambled by a keyed bijection (zl_exact_key), so that the tables
 * below need no comparison beyond their 64-bit keys.  Each table is split
 * into shards by the key's top bits, and a shard grows by a quarter on its
 * own: growing copies 1/64 of the table at a time instead of holding the
 * old and the new table whole, and a table is 64% to 80% full rather than
 * 37% to 75% as with doubling.
 */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lint/internal.h"
#include "lint/mem.h"
#include "zonegen/siphash.h"

#define SHARDS (1u << ZL_TABLE_SHARD_BITS)
#define SHARD_FIRST_CAP 8u

/* ---- the run's secret ------------------------------------------------ */

static uint64_t secret[2];
static pthread_once_t secret_once = PTHREAD_ONCE_INIT;

static void
secret_init(void)
{
	FILE *fp = fopen("/dev/urandom", "rb");

	if (fp == NULL || fread(secret, sizeof(secret), 1, fp) != 1) {
		/* No randomness: the tables stay correct, only less robust
		 * against inputs made to crowd them. */
		secret[0] = (uint64_t)time(NULL) * 0x9e3779b97f4a7c15u;
		secret[1] = (uint64_t)getpid() * 0xc2b2ae3d27d4eb4fu;
	}
	if (fp != NULL) {
		fclose(fp);
	}
	/* The top bit set: exact keys below 2^63 never map to 0. */
	secret[0] |= (uint64_t)1 << 63;
}

void
zl_hash_init(void)
{
	pthread_once(&secret_once, secret_init);
}

uint64_t
zl_exact_key(uint64_t x)
{
	/* x ^ secret, then the MurmurHash3 finaliser: both bijections, so
	 * distinct values stay distinct; fmix(0) = 0 and x != secret[0]. */
	uint64_t h = x ^ secret[0];

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return h;
}

/* SipHash-1-3 of a name under the run's key (zonegen/siphash.h). */
static inline uint64_t
siphash13(const uint8_t *p, size_t n)
{
	return zg_siphash13(secret, p, n);
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

/* ---- growth ----------------------------------------------------------- */

/*
 * How far the read that feeds this thread's tables has come: the file's
 * size over the bytes read so far, in 16.16 fixed point; 0 when not known
 * (zl_tables_forecast).  Per thread: with -j each file is linted on a
 * thread of its own.
 */
static _Thread_local uint32_t forecast;

void
zl_tables_forecast(uint64_t done, uint64_t total)
{
	/* Not before the first 32nd: a file starts with its apex, which
	 * says little of the rest. */
	if (total == 0 || done == 0 || done >= total || done < total / 32) {
		forecast = 0;
		return;
	}
	while (total >> 47 != 0) {
		total >>= 1;
		done >>= 1;
	}
	forecast = (uint32_t)((total << 16) / done); /* below 64 << 16 */
}

/*
 * The capacity a shard of `cap` slots holding `count` grows to: a quarter
 * more, so that the table stays at least 64% full; or, while a read is
 * under way, room for the count it forecasts at the end at 3/4 full, at
 * most twice as much, so that a large zone is not copied four times over
 * as it grows by quarters.  A zone whose names do not come evenly through
 * the file has a table at least 40% full.  0 when past 2^31 slots.
 */
static uint32_t
grown_cap(uint32_t cap, uint32_t count)
{
	uint64_t next = cap != 0 ? (uint64_t)cap + cap / 4 : SHARD_FIRST_CAP;

	if (forecast != 0 && cap != 0) {
		uint64_t want = ((uint64_t)count * forecast >> 16) * 4 / 3;

		if (want > (uint64_t)cap * 2) {
			want = (uint64_t)cap * 2;
		}
		if (want > next) {
			next = want;
		}
	}
	return next <= UINT32_MAX / 2 ? (uint32_t)next : 0;
}

static bool
grow(struct zl_table *t, unsigned s)
{
	uint32_t old = t->cap[s];
	uint32_t cap = grown_cap(old, t->count[s]);
	struct zl_slot *n = calloc(cap, sizeof(*n));
	uint32_t i, j;

	if (n == NULL || cap < old) {
		free(n);
		return false;
	}
	zl_prefault(n, (size_t)cap * sizeof(*n)); /* (the most, soon written) */
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
zl_hash_bytes(const void *p, size_t n)
{
	return siphash13(p, n);
}

/* ---- growable arrays ------------------------------------------------------ */

bool
zl_grow(void **items, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 8;
	void *p;

	if (need <= *cap) {
		return true;
	}
	while (n < need) {
		if (n > SIZE_MAX / 2) {
			return false;
		}
		n *= 2;
	}
	if (n > SIZE_MAX / size || (p = realloc(*items, n * size)) == NULL) {
		return false;
	}
	*items = p;
	*cap = n;
	return true;
}

/* ---- exact sets ---------------------------------------------------------- */

/* Put an item in the table form; false when out of memory. */
static bool
set_put(struct zl_set *set, uint64_t hash, uint32_t item)
{
	struct zl_slot *s;
	bool added;

	if (item >= set->cap) {
		size_t cap = set->cap ? set->cap : 16;
		uint32_t *p;

		while (cap <= item) {
			cap *= 2;
		}
		if ((p = realloc(set->next, cap * sizeof(*p))) == NULL) {
			return false;
		}
		set->next = p;
		set->cap = cap;
	}
	/* Items with equal hashes share a slot and a chain; the caller's
	 * equality tells them apart. */
	if ((s = zl_table_get(&set->t, zl_exact_key(hash >> 1), &added)) ==
	    NULL) {
		return false;
	}
	set->next[item] = added ? 0 : s->a;
	s->a = item + 1;
	return true;
}

bool
zl_set_find(const struct zl_set *set, uint64_t hash, uint32_t probe,
    bool (*eq)(const void *ctx, uint32_t a, uint32_t b), const void *ctx,
    uint32_t *found)
{
	const struct zl_slot *s;
	uint32_t i;

	if (!set->big) {
		for (i = 0; i < set->nsmall; i++) {
			if (set->small_hash[i] == hash &&
			    eq(ctx, set->small[i], probe)) {
				*found = set->small[i];
				return true;
			}
		}
		return false;
	}
	s = zl_table_find(&set->t, zl_exact_key(hash >> 1));
	for (i = s != NULL ? s->a : 0; i != 0; i = set->next[i - 1]) {
		if (eq(ctx, i - 1, probe)) {
			*found = i - 1;
			return true;
		}
	}
	return false;
}

int
zl_set_add(struct zl_set *set, uint64_t hash, uint32_t item,
    bool (*eq)(const void *ctx, uint32_t a, uint32_t b), const void *ctx,
    uint32_t *found)
{
	size_t i;

	if (zl_set_find(set, hash, item, eq, ctx, found)) {
		return 1;
	}
	if (!set->big && set->nsmall < ZL_SET_SMALL) {
		set->small_hash[set->nsmall] = hash;
		set->small[set->nsmall++] = item;
		return 0;
	}
	if (!set->big) {
		/* Past the list's size: the table, linear from here on. */
		for (i = 0; i < set->nsmall; i++) {
			if (!set_put(set, set->small_hash[i], set->small[i])) {
				return -1;
			}
		}
		set->big = true;
	}
	return set_put(set, hash, item) ? 0 : -1;
}

void
zl_set_free(struct zl_set *set)
{
	if (set->big) {
		zl_table_free(&set->t);
	}
	free(set->next);
	set->next = NULL;
	set->cap = 0;
	set->nsmall = 0;
	set->big = false;
}

/* ---- kept strings ----------------------------------------------------- */

static bool
string_eq(const void *ctx, uint32_t a, uint32_t b)
{
	char *const *items = ctx;

	return strcmp(items[a], items[b]) == 0;
}

const char *
zl_strings_intern(struct zl_strings *s, const char *text)
{
	uint32_t found;
	char *copy;
	int r;

	if (s->count >= UINT32_MAX || !zl_grow((void **)&s->items, &s->cap,
	    s->count + 1, sizeof(*s->items)) || (copy = strdup(text)) == NULL) {
		return NULL;
	}
	s->items[s->count] = copy;
	r = zl_set_add(&s->set, zl_hash_bytes(copy, strlen(copy)),
	    (uint32_t)s->count, string_eq, s->items, &found);
	if (r != 0) {
		free(copy);
		return r > 0 ? s->items[found] : NULL;
	}
	return s->items[s->count++];
}

void
zl_strings_free(struct zl_strings *s)
{
	while (s->count > 0) {
		free(s->items[--s->count]);
	}
	free(s->items);
	zl_set_free(&s->set);
	memset(s, 0, sizeof(*s));
}

/* ---- interned names --------------------------------------------------- */

/* Ids are block << NAME_SHIFT | position, plus 1: 1 MiB blocks. */
#define NAME_SHIFT 20
#define NAME_BLOCK ((size_t)1 << NAME_SHIFT)
#define NAME_BLOCKS_MAX ((1u << (32 - NAME_SHIFT)) - 1)

/*
 * A stored name: below the origin, the length of its labels above it (at
 * most 254) and those bytes; otherwise NAME_WHOLE, its length and its
 * bytes.  Most names are below the origin: one byte of head each.
 */
#define NAME_WHOLE 255u

/* A stored name's head: its bytes, their length, whether the origin
 * follows. */
static const uint8_t *
stored_bytes(const uint8_t *p, size_t *len, bool *below)
{
	if (p[0] != NAME_WHOLE) {
		*len = p[0];
		*below = true;
		return p + 1;
	}
	*len = p[1];
	*below = false;
	return p + 2;
}

static const uint8_t *
stored(const struct zl_names *t, uint32_t id)
{
	uint32_t at = id - 1;

	return t->block[at >> NAME_SHIFT] + (at & (NAME_BLOCK - 1));
}

void
zl_names_set_origin(struct zl_names *t, const uint8_t *wire, size_t len)
{
	if (len > 0 && len <= ZL_WIRE_MAX && t->used == 0) {
		memcpy(t->origin, wire, len);
		zl_wire_lower(t->origin, len);
		t->origin_len = len;
	}
}

/* The length of the part of canonical `w` above the origin, or `len`
 * when the origin does not end it at a label boundary. */
static size_t
origin_cut(const struct zl_names *t, const uint8_t *w, size_t len)
{
	size_t i = 0;

	if (t->origin_len == 0 || t->origin_len > len) {
		return len;
	}
	while (i < len - t->origin_len && w[i] != 0) {
		i += 1u + w[i];
	}
	if (i == len - t->origin_len &&
	    memcmp(w + i, t->origin, t->origin_len) == 0) {
		return i;
	}
	return len;
}

static bool
same_name(const struct zl_names *t, uint32_t id, const uint8_t *w,
    size_t len, size_t cut)
{
	const uint8_t *p = stored(t, id);

	if (cut != len) {
		return p[0] == cut && memcmp(p + 1, w, cut) == 0;
	}
	return p[0] == NAME_WHOLE && p[1] == len && memcmp(p + 2, w, len) == 0;
}

static uint32_t
name_home(uint32_t h, uint32_t cap)
{
	return (uint32_t)(((uint64_t)(h << ZL_TABLE_SHARD_BITS) * cap) >> 32);
}

/*
 * The names table is a linear-probing table whose slots stay sorted by
 * name_key (the bits of the hash that name_home reads, so by home too):
 * an insert shifts the larger keys of its run one slot on (Robin Hood
 * order).  A search for a name that is not there stops at the first
 * larger key instead of at an empty slot, and growing is one streaming
 * merge: each slot goes to the first free slot at or after its new home,
 * in order, with no probing.  Slots never wrap round: each shard has
 * names_over(cap) slots past its last home.
 */
static uint32_t
name_key(uint32_t h)
{
	return h << ZL_TABLE_SHARD_BITS;
}

static uint32_t
names_over(uint32_t cap)
{
	return cap / 64 + 16;
}

static bool
names_grow(struct zl_names *t, unsigned s)
{
	uint32_t old = t->cap[s];
	uint32_t old_end = old ? old + names_over(old) : 0;
	uint32_t cap = grown_cap(old, t->count[s]);

	for (;;) {
		uint32_t end = cap + names_over(cap), i, next = 0;
		struct zl_name_slot *n;

		/* Each slot of the new array is written once, by the merge
		 * or as empty: no calloc to clear it first. */
		if (cap < old ||
		    (n = malloc((size_t)end * sizeof(*n))) == NULL) {
			return false;
		}
		zl_prefault(n, (size_t)end * sizeof(*n)); /* (all written) */
		for (i = 0; i < old_end; i++) {
			const struct zl_name_slot *o = &t->shard[s][i];
			uint32_t j;

			if (o->id == 0) {
				continue;
			}
			j = name_home(o->hash, cap);
			if (j < next) {
				j = next;
			}
			if (j >= end) {
				break;
			}
			for (; next < j; next++) {
				n[next] = (struct zl_name_slot){ 0, 0, 0, 0 };
			}
			n[j] = *o;
			next = j + 1;
		}
		if (i == old_end) {
			for (; next < end; next++) {
				n[next] = (struct zl_name_slot){ 0, 0, 0, 0 };
			}
			free(t->shard[s]);
			t->shard[s] = n;
			t->cap[s] = cap;
			t->shard_moves[s]++;
			t->grows++;
			return true;
		}
		/* A run past the end (keys crowded near the top): room. */
		free(n);
		cap += cap / 2;
	}
}

/* Room for `need` more bytes in the last block; false when out of memory.
 * The first block starts small (most zones are) and grows in place until
 * it is a whole block; ids are offsets, so moving it changes none. */
static bool
room(struct zl_names *t, size_t need)
{
	uint8_t *p;

	if (t->count_blocks > 0 && t->used + need <= t->size) {
		return true;
	}
	if (t->count_blocks == 1 && t->size < NAME_BLOCK) {
		size_t size = t->size;

		while (size < t->used + need && size < NAME_BLOCK) {
			size *= 2;
		}
		if (t->used + need <= size) {
			/* Not realloc: the copy would fault in the new
			 * block's pages one by one. */
			if ((p = malloc(size)) == NULL) {
				return false;
			}
			t->faulted = 0;
			zl_prefault_ahead(p, size, &t->faulted, t->used + need);
			memcpy(p, t->block[0], t->used);
			free(t->block[0]);
			t->block[0] = p;
			t->size = size;
			return true;
		}
	}
	if (t->count_blocks == NAME_BLOCKS_MAX) {
		return false;
	}
	if (t->count_blocks == t->cap_blocks) {
		unsigned cap = t->cap_blocks ? t->cap_blocks * 2 : 8;
		uint8_t **b = realloc(t->block, cap * sizeof(*b));

		if (b == NULL) {
			return false;
		}
		t->block = b;
		t->cap_blocks = cap;
	}
	t->size = t->count_blocks == 0 ? 4096 : NAME_BLOCK;
	if ((t->block[t->count_blocks] = malloc(t->size)) == NULL) {
		return false;
	}
	t->count_blocks++;
	t->used = 0;
	t->faulted = 0;
	return true;
}

/*
 * n bytes (at most a name's 255) from s to d, which do not overlap: in
 * words, the last one overlapping the one before, none read or written
 * outside the n bytes.  For a length it cannot know, gcc writes memcpy
 * here as `rep movsq`, whose start-up costs more than a name's copy.
 */
static inline void
copy_short(uint8_t *d, const uint8_t *s, size_t n)
{
	uint64_t x;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&x, s + i, 8);
			memcpy(d + i, &x, 8);
		}
		memcpy(&x, s + n - 8, 8);
		memcpy(d + n - 8, &x, 8);
	} else {
		for (i = 0; i < n; i++) {
			d[i] = s[i];
		}
	}
}

/* Copy a name into the blocks; its id, or 0. */
static uint32_t
store(struct zl_names *t, const uint8_t *w, size_t len, size_t cut)
{
	size_t need = (cut != len ? 1 : 2) + cut;
	uint8_t *p;
	uint32_t id;

	if (!room(t, need)) {
		return 0;
	}
	p = t->block[t->count_blocks - 1];
	zl_prefault_ahead(p, t->size, &t->faulted, t->used + need);
	p += t->used;
	if (cut != len) {
		p[0] = (uint8_t)cut; /* below the origin: at most 254 */
		copy_short(p + 1, w, cut);
	} else {
		p[0] = NAME_WHOLE;
		p[1] = (uint8_t)len;
		copy_short(p + 2, w, len);
	}
	id = (uint32_t)((t->count_blocks - 1) << NAME_SHIFT | t->used) + 1;
	t->used += need;
	return id;
}

static void lower_copy(uint8_t *to, const uint8_t *from, size_t len);

/* `hash`, when not NULL, is the name's zl_name_hash and its letters are
 * lower case already. */
static struct zl_name_slot *
names_lookup(struct zl_names *t, const uint8_t *wire, size_t len,
    const uint64_t *hash, bool add, bool *added)
{
	uint8_t lowered[ZL_WIRE_MAX];
	const uint8_t *w = wire;
	uint64_t h64;
	uint32_t h, k, cap, end, i, e;
	unsigned s;
	size_t cut;
	struct zl_name_slot *sl;

	if (len == 0 || len > ZL_WIRE_MAX) {
		return NULL;
	}
	if (hash == NULL) {
		lower_copy(lowered, wire, len);
		w = lowered;
	}
	cut = origin_cut(t, w, len);
	h64 = hash != NULL ? *hash : siphash13(w, len);
	s = zl_names_shard((uint32_t)h64);
	h = (uint32_t)h64;
	k = name_key(h);
	if (add && (uint64_t)t->count[s] * 5 >= (uint64_t)t->cap[s] * 4 &&
	    !names_grow(t, s)) {
		return NULL;
	}
	for (;;) {
		if ((cap = t->cap[s]) == 0) {
			return NULL;
		}
		end = cap + names_over(cap);
		sl = t->shard[s];
		for (i = name_home(h, cap); i < end && sl[i].id != 0; i++) {
			uint32_t ki = name_key(sl[i].hash);

			if (ki > k) {
				break; /* the run is sorted: not here */
			}
			if (sl[i].hash == h &&
			    same_name(t, sl[i].id, w, len, cut)) {
				return &sl[i];
			}
		}
		if (!add) {
			return NULL;
		}
		for (e = i; e < end && sl[e].id != 0; e++) {
		}
		if (e < end) {
			break;
		}
		if (!names_grow(t, s)) { /* no free slot before the end */
			return NULL;
		}
	}
	if (e > i) {
		memmove(&sl[i + 1], &sl[i], (e - i) * sizeof(*sl));
		t->shard_moves[s]++;
	}
	if ((sl[i].id = store(t, w, len, cut)) == 0) {
		/* Out of memory: put the run back as it was. */
		memmove(&sl[i], &sl[i + 1], (e - i) * sizeof(*sl));
		sl[e].id = 0;
		return NULL;
	}
	sl[i].hash = h;
	sl[i].a = sl[i].b = 0;
	t->count[s]++;
	*added = true;
	return &sl[i];
}

struct zl_name_slot *
zl_names_get(struct zl_names *t, const uint8_t *wire, size_t len,
    bool *added)
{
	*added = false;
	return names_lookup(t, wire, len, NULL, true, added);
}

struct zl_name_slot *
zl_names_get_hashed(struct zl_names *t, const uint8_t *wire, size_t len,
    uint64_t hash, bool *added)
{
	*added = false;
	return names_lookup(t, wire, len, &hash, true, added);
}

uint64_t
zl_name_hash(const uint8_t *wire, size_t len)
{
	uint8_t w[ZL_WIRE_MAX];

	if (len == 0 || len > ZL_WIRE_MAX) {
		return 0; /* no such name is looked up */
	}
	lower_copy(w, wire, len);
	return siphash13(w, len);
}

uint64_t
zl_name_hash_lower(const uint8_t *lower, size_t len)
{
	if (len == 0 || len > ZL_WIRE_MAX) {
		return 0;
	}
	return siphash13(lower, len);
}

void
zl_names_prefetch(const struct zl_names *t, uint64_t hash)
{
	unsigned s = zl_names_shard((uint32_t)hash);
	uint32_t cap = t->cap[s];

	if (cap != 0) {
		/* Three lines: a search for a new name walks on until an
		 * empty slot, 4 to 13 slots of 16 bytes when 64 to 80% full. */
		const char *at = (const char *)&t->shard[s][name_home(
		    (uint32_t)hash, cap)];

		__builtin_prefetch(at);
		__builtin_prefetch(at + 64);
		__builtin_prefetch(at + 128);
	}
}

struct zl_name_slot *
zl_names_find(const struct zl_names *t, const uint8_t *wire, size_t len)
{
	bool added = false;

	return names_lookup((struct zl_names *)t, wire, len, NULL, false,
	    &added);
}

struct zl_name_slot *
zl_names_slot(const struct zl_names *t, uint32_t id)
{
	uint8_t w[ZL_WIRE_MAX];
	size_t len = zl_names_wire(t, id, w);

	return zl_names_find(t, w, len);
}

size_t
zl_names_wire(const struct zl_names *t, uint32_t id, uint8_t *out)
{
	size_t len;
	bool below;
	const uint8_t *b = stored_bytes(stored(t, id), &len, &below);

	memcpy(out, b, len);
	if (below) {
		memcpy(out + len, t->origin, t->origin_len);
		len += t->origin_len;
	}
	return len;
}

void
zl_names_text(const struct zl_names *t, uint32_t id, char *out)
{
	uint8_t w[ZL_WIRE_MAX];
	size_t len = zl_names_wire(t, id, w);

	zl_name_text(w, len, out);
}

bool
zl_names_below(const struct zl_names *t, uint32_t id)
{
	return stored(t, id)[0] != NAME_WHOLE;
}

size_t
zl_names_bytes(const struct zl_names *t)
{
	size_t n = (size_t)t->cap_blocks * sizeof(*t->block);
	unsigned s;

	n += t->count_blocks > 1 ? (size_t)(t->count_blocks - 1) * NAME_BLOCK
				 : 0;
	n += t->count_blocks > 0 ? t->size : 0;
	for (s = 0; s < SHARDS; s++) {
		n += t->cap[s] == 0 ? 0 :
		    (size_t)(t->cap[s] + names_over(t->cap[s])) *
			sizeof(struct zl_name_slot);
	}
	return n;
}

void
zl_names_free(struct zl_names *t)
{
	unsigned s;

	for (s = 0; s < SHARDS; s++) {
		free(t->shard[s]);
	}
	for (s = 0; s < t->count_blocks; s++) {
		free(t->block[s]);
	}
	free(t->block);
	memset(t, 0, sizeof(*t));
}

/* ASCII letters to lower case (RFC 4343), other bytes as they are. */
static const uint8_t lower[256] = {
	  0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,  14,  15,
	 16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,  28,  29,  30,  31,
	 32,  33,  34,  35,  36,  37,  38,  39,  40,  41,  42,  43,  44,  45,  46,  47,
	 48,  49,  50,  51,  52,  53,  54,  55,  56,  57,  58,  59,  60,  61,  62,  63,
	 64,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122,  91,  92,  93,  94,  95,
	 96,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
	128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143,
	144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159,
	160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175,
	176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191,
	192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207,
	208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,
	224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
	240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255,
};

/*
 * `len` bytes of a name into `to`, ASCII letters lower-cased, eight at a
 * time: in each byte below 0x80, set 0x20 when it is 'A' to 'Z' (the sums
 * below carry no byte into the next, each being at most 0x7f + 0x3f).
 * Length octets are below 64, never letters; bytes from 0x80 stay.
 */
static void
lower_copy(uint8_t *to, const uint8_t *from, size_t len)
{
	const uint64_t ones = 0x0101010101010101u;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t x, low, upper;

		memcpy(&x, from + i, 8);
		low = x & 0x7f * ones;
		/* high bit: >= 'A', and > 'Z' */
		upper = (low + (0x80 - 'A') * ones) ^ (low + (0x7f - 'Z') * ones);
		upper &= ~x & 0x80 * ones;
		x |= upper >> 2;
		memcpy(to + i, &x, 8);
	}
	for (; i < len; i++) {
		to[i] = lower[from[i]];
	}
}

void
zl_wire_lower(uint8_t *w, size_t len)
{
	lower_copy(w, w, len); /* each 8 bytes are read before written */
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
	size_t faulted;   /* of the last block, faulted in (lint/mem.h) */
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
		a->faulted = 0;
	}
	at = a->used;
	zl_prefault_ahead(a->block[a->count - 1], a->size, &a->faulted,
	    at + n);
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

void
zl_names_each(const struct zl_names *t,
    void (*fn)(void *ctx, const struct zl_name_slot *slot), void *ctx)
{
	unsigned s;
	uint32_t i;

	for (s = 0; s < (1u << ZL_TABLE_SHARD_BITS); s++) {
		uint32_t end = t->cap[s] != 0
		    ? t->cap[s] + names_over(t->cap[s]) : 0;

		for (i = 0; i < end; i++) {
			if (t->shard[s][i].id != 0) {
				fn(ctx, &t->shard[s][i]);
			}
		}
	}
}
