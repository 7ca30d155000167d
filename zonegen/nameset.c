/* nameset.c: the names a run has seen, to find the ones that repeat. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * An open-addressing hash table of copied names.  The hash only chooses
 * the slot to start from; two names are the same when their bytes are
 * (as NSD compares names after hashing them), so no input can make two
 * different domains one.  The table doubles at half full: adding n names
 * costs O(n) on average.  The hash is SipHash-1-3 under a key drawn for
 * each set, so that no list can be made to crowd one place.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "zonegen/siphash.h"
#include "zonegen/zonegen.h"

struct entry {
	uint64_t hash;
	char *name; /* NULL: the slot is free */
	zg_name_seen_t seen;
};

struct zg_name_set {
	uint64_t key[2];
	struct entry *slots;
	size_t capacity; /* 2^bits */
	unsigned bits;
	size_t count;
};

/* Its top bits pick the slot. */
static uint64_t
hash_name(const zg_name_set_t *set, const char *name)
{
	return zg_siphash13(set->key, (const uint8_t *)name, strlen(name));
}

/* The slot that holds `name`, or the free slot where it would go. */
static struct entry *
find(struct entry *slots, unsigned bits, uint64_t hash, const char *name)
{
	size_t capacity = (size_t)1 << bits;
	size_t i = (size_t)(hash >> (64 - bits));

	while (slots[i].name != NULL &&
	    (slots[i].hash != hash || strcmp(slots[i].name, name) != 0)) {
		i = (i + 1) & (capacity - 1);
	}
	return &slots[i];
}

static bool
grow(zg_name_set_t *set)
{
	size_t capacity = set->capacity * 2;
	struct entry *slots;
	size_t i;

	if (set->bits + 1 >= 64 || capacity / 2 != set->capacity ||
	    (slots = calloc(capacity, sizeof(*slots))) == NULL) {
		return false;
	}
	for (i = 0; i < set->capacity; i++) {
		if (set->slots[i].name != NULL) {
			*find(slots, set->bits + 1, set->slots[i].hash,
			    set->slots[i].name) = set->slots[i];
		}
	}
	free(set->slots);
	set->slots = slots;
	set->capacity = capacity;
	set->bits++;
	return true;
}

zg_name_set_t *
zg_name_set_new(void)
{
	zg_name_set_t *set = calloc(1, sizeof(*set));

	if (set == NULL) {
		return NULL;
	}
	/* Random, else the time and where the set lies. */
	if (getentropy(set->key, sizeof(set->key)) != 0) {
		set->key[0] = ((uint64_t)time(NULL) << 20) ^ (uintptr_t)set;
		set->key[1] = (uint64_t)clock() * 0x9e3779b97f4a7c15u;
	}
	set->bits = 6;
	set->capacity = (size_t)1 << set->bits;
	set->slots = calloc(set->capacity, sizeof(*set->slots));
	if (set->slots == NULL) {
		free(set);
		return NULL;
	}
	return set;
}

zg_status_t
zg_name_set_add(zg_name_set_t *set, const char *name,
    const zg_name_seen_t *where, const zg_name_seen_t **first)
{
	uint64_t hash = hash_name(set, name);
	struct entry *e = find(set->slots, set->bits, hash, name);
	char *copy;

	if (e->name != NULL) {
		*first = &e->seen;
		return ZG_OK;
	}
	if ((set->count + 1) * 2 > set->capacity) {
		if (!grow(set)) {
			return ZG_ERR_NOMEM;
		}
		e = find(set->slots, set->bits, hash, name);
	}
	copy = strdup(name);
	if (copy == NULL) {
		return ZG_ERR_NOMEM;
	}
	e->hash = hash;
	e->name = copy;
	e->seen = *where;
	set->count++;
	*first = NULL;
	return ZG_OK;
}

void
zg_name_set_free(zg_name_set_t *set)
{
	size_t i;

	if (set == NULL) {
		return;
	}
	for (i = 0; i < set->capacity; i++) {
		free(set->slots[i].name);
	}
	free(set->slots);
	free(set);
}
