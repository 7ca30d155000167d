/* internal.h: what the files of lint/ share: rule indexes, zone state. */
/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef LINT_INTERNAL_H
#define LINT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <ldns/ldns.h>

#include "lint/lint.h"
#include "lint/rdata.h"
#include "lint/read.h"

/* Rule indexes, in the order of the table in rules.c. */
enum zl_rule_index {
	ZL_SYNTAX_ERROR,
	ZL_ORIGIN_UNKNOWN,
	ZL_INCLUDE_FAILED,
	ZL_CLASS_MISMATCH,
	ZL_MAIL_CNAME_MISSING,
	ZL_MAIL_CNAME_TARGET,
	ZL_MAIL_CNAME_RELATIVE,
	ZL_MAIL_CNAME_NOT_CNAME,
	ZL_MAIL_MX_MISSING,
	ZL_MAIL_MX_PRIORITY,
	ZL_MAIL_MX_EXTRA,
	ZL_MAIL_MX_RELATIVE,
	ZL_MAIL_SPF_MISSING,
	ZL_MAIL_SPF_UNAUTHORISED,
	ZL_MAIL_DMARC_MISSING,
	ZL_MAIL_DMARC_WEAKER,
	ZL_MAIL_SPF_ALL_WEAKER,
	ZL_MAIL_FORMER_PROVIDER,
	ZL_NULL_MX_NOT_ALONE,
	ZL_NULL_MX_NO_SPF,
	ZL_CNAME_AND_OTHER,
	ZL_CNAME_AT_APEX,
	ZL_CNAME_MULTIPLE,
	ZL_MX_TARGET_CNAME,
	ZL_NS_TARGET_CNAME,
	ZL_MX_TARGET_ADDRESS,
	ZL_NS_TARGET_ADDRESS,
	ZL_RRSET_TTL,
	ZL_TXT_STRING_LONG,
	ZL_SRV_OWNER,
	ZL_SRV_PORT,
	ZL_SRV_TARGET_CNAME,
	ZL_SPF_MULTIPLE,
	ZL_SPF_RR_TYPE,
	ZL_SPF_SYNTAX,
	ZL_SPF_SPLIT,
	ZL_SPF_MODIFIER_TWICE,
	ZL_SPF_LOOKUPS,
	ZL_SPF_VOID,
	ZL_SPF_INCLUDE_NONE,
	ZL_SPF_INCLUDE_LOOP,
	ZL_SPF_MX_HOSTS,
	ZL_SPF_ALL_PASS,
	ZL_SPF_AFTER_ALL,
	ZL_SPF_PTR,
	ZL_DMARC_MISPLACED,
	ZL_DMARC_MULTIPLE,
	ZL_DMARC_SYNTAX,
	ZL_DMARC_POLICY_MISSING,
	ZL_DMARC_POLICY_ORDER,
	ZL_DMARC_POLICY_INVALID,
	ZL_DMARC_TAG_INVALID,
	ZL_DMARC_TAG_REMOVED,
	ZL_DMARC_TAG_UNKNOWN,
	ZL_DMARC_INHERITED,
	ZL_DMARC_REPORT_AUTH,
	ZL_SERVED_MISSING,
	ZL_SERVED_EXTRA,
	ZL_SERVED_TTL,
	ZL_DNS_FAILURE,
	ZL_TARGET_NO_ADDRESS,
	ZL_UNUSED_SUPPRESSION,
	ZL_LIMIT_EXCEEDED,
	/* Rules added since: at the end, so that the others keep their
	 * index (SARIF's ruleIndex). */
	ZL_DEFAULT_TTL_MISSING,
	ZL_OUT_OF_ZONE,
	ZL_TTL_TOO_LARGE,
	ZL_RULE__COUNT
};

/* A record the checks need, kept after the reader let go of it: in wire
 * form, its bytes in the zone's kept_arena. */
struct kept {
	uint32_t owner_id;   /* the owner's interned name */
	uint16_t type;
	uint32_t ttl;
	const uint8_t *rdata; /* uncompressed wire */
	size_t rdlen;
	const char *owner;   /* canonical (lower case) presentation name */
	const char *file;    /* interned in the zone's file list */
	unsigned line;
	const char *text;    /* TXT/SPF: the strings joined, and a NUL;
			      * else NULL */
	size_t text_len;
	size_t next;         /* the next kept record at this owner, index + 1 */
};

/* The longest wire-format name (RFC 1035 3.1). */
#define ZL_WIRE_MAX 255

/*
 * A table of 16-byte slots keyed by exact 64-bit keys (never 0): values
 * passed through zl_exact_key, which is a bijection, so that two keys are
 * equal only when what they stand for is.  Split into shards that grow one
 * at a time, so that growing never holds two copies of the whole table.
 * What a slot's two words mean is up to the table's user.  lint/names.c.
 */
#define ZL_TABLE_SHARD_BITS 6
struct zl_slot {
	uint64_t key;
	uint32_t a;
	uint32_t b;
};
struct zl_table {
	struct zl_slot *shard[1u << ZL_TABLE_SHARD_BITS];
	uint32_t count[1u << ZL_TABLE_SHARD_BITS];
	uint32_t cap[1u << ZL_TABLE_SHARD_BITS];
};

/*
 * The read that feeds the tables grown on this thread has read `done`
 * bytes of `total` (0: not known): while it runs, a table that grows makes
 * room for what the rest of the file forecasts (names.c, grown_cap), so
 * that a large zone's tables are copied fewer times.  A hint only: no
 * table holds anything else for it.  zl_tables_forecast(0, 0) when the
 * read ends.
 */
void zl_tables_forecast(uint64_t done, uint64_t total);

/* The slot of `key`, or NULL. */
struct zl_slot *zl_table_find(const struct zl_table *t, uint64_t key);
/* The slot of `key`, added (a = b = 0, *added true) when new; NULL when
 * out of memory. */
struct zl_slot *zl_table_get(struct zl_table *t, uint64_t key, bool *added);
/* Remove a slot that zl_table_find or zl_table_get returned. */
void zl_table_remove(struct zl_table *t, struct zl_slot *slot);
size_t zl_table_bytes(const struct zl_table *t);
void zl_table_free(struct zl_table *t);

/*
 * Grow an array of `size`-byte items (*items, *cap of them) to hold at
 * least `need`, doubling; false when out of memory, the array untouched.
 */
bool zl_grow(void **items, size_t *cap, size_t need, size_t size);

/* The run's keyed hash (SipHash-1-3) of bytes. */
uint64_t zl_hash_bytes(const void *p, size_t n);

/*
 * An exact set of items the caller numbers 0, 1, ... (any order, each
 * once): found by a hash the caller gives (equal items, equal hashes) and
 * told apart by the caller's equality, so no hash decides alone.  Linear
 * in the items.  Zero-initialise; free with zl_set_free.
 */
#define ZL_SET_SMALL 16
struct zl_set {
	/* Up to ZL_SET_SMALL items: a plain list, no table to make. */
	uint64_t small_hash[ZL_SET_SMALL];
	uint32_t small[ZL_SET_SMALL];
	size_t nsmall;
	bool big;
	struct zl_table t;
	uint32_t *next;
	size_t cap;
};
/* Strings kept once each, until zl_strings_free: a string is found by
 * the run's keyed hash and compared byte for byte (file names read under
 * many spellings cost one look-up each). */
struct zl_strings {
	char **items;
	size_t count;
	size_t cap;
	struct zl_set set;
};
/* The kept copy of `text`, made when it is new; NULL when out of memory. */
const char *zl_strings_intern(struct zl_strings *s, const char *text);
void zl_strings_free(struct zl_strings *s);

/* 1 and *found when an item equal to `item` is in; 0 when `item` was
 * added; -1 when out of memory. */
int zl_set_add(struct zl_set *set, uint64_t hash, uint32_t item,
    bool (*eq)(const void *ctx, uint32_t a, uint32_t b), const void *ctx,
    uint32_t *found);
/* True and *found when an item equal to `probe` (an item number the
 * caller's equality understands, not added) is in. */
bool zl_set_find(const struct zl_set *set, uint64_t hash, uint32_t probe,
    bool (*eq)(const void *ctx, uint32_t a, uint32_t b), const void *ctx,
    uint32_t *found);
void zl_set_free(struct zl_set *set);

/* Draw the run's hash key (once; every zl_lint_file calls it). */
void zl_hash_init(void);
/* A table key for an exact value below 2^63: a keyed bijection, never 0. */
uint64_t zl_exact_key(uint64_t x);

/*
 * Interned names: every distinct name once, in canonical wire form (lower
 * case), found by a keyed hash and compared byte for byte.  A name's id
 * (never 0) stays valid for the table's life; slot pointers do only until
 * the next zl_names_get.  Names below the origin set first are stored
 * without it.
 */
struct zl_name_slot {
	uint32_t hash;  /* 32 bits of the name's SipHash */
	uint32_t id;    /* 0: empty */
	uint32_t a;     /* the user's */
	uint32_t b;
};
struct zl_names {
	struct zl_name_slot *shard[1u << ZL_TABLE_SHARD_BITS];
	uint32_t count[1u << ZL_TABLE_SHARD_BITS];
	uint32_t cap[1u << ZL_TABLE_SHARD_BITS];
	uint8_t **block;
	unsigned count_blocks;
	unsigned cap_blocks;
	size_t size;   /* of the last block */
	size_t used;   /* in the last block */
	size_t faulted; /* of the last block, faulted in (lint/mem.h) */
	uint8_t origin[ZL_WIRE_MAX];
	size_t origin_len;
	/* Counts the changes that moved slots, by shard. */
	unsigned shard_moves[1u << ZL_TABLE_SHARD_BITS];
	unsigned grows; /* counts the growths (each a new array) */
};

/* The shard of a name by its 32-bit hash (a slot's `hash`): the top bits,
 * which the place within the shard (names.c, name_home) does not use. */
static inline unsigned
zl_names_shard(uint32_t hash)
{
	return hash >> (32 - ZL_TABLE_SHARD_BITS);
}

/* Counts the changes that moved the slots of a shard: a slot pointer
 * holds while its shard's count does not change. */
static inline unsigned
zl_names_moves(const struct zl_names *t, unsigned shard)
{
	return t->shard_moves[shard];
}

/* Set the origin (before the first name). */
void zl_names_set_origin(struct zl_names *t, const uint8_t *wire,
    size_t len);
/* The slot of a wire name (any case), added when new (*added); NULL when
 * out of memory or the name is longer than 255 octets. */
struct zl_name_slot *zl_names_get(struct zl_names *t, const uint8_t *wire,
    size_t len, bool *added);
/* zl_names_get of a name whose ASCII letters are lower case already,
 * with its zl_name_hash, computed before. */
struct zl_name_slot *zl_names_get_hashed(struct zl_names *t,
    const uint8_t *lower, size_t len, uint64_t hash, bool *added);
/* The keyed hash of a wire name (any case) under the run's key, as the
 * table computes it; 0 for no name (empty, or past 255 octets). */
uint64_t zl_name_hash(const uint8_t *wire, size_t len);
/* zl_name_hash of a name whose ASCII letters are lower case already. */
uint64_t zl_name_hash_lower(const uint8_t *lower, size_t len);
/* Have the slot a name of this hash is looked for at first fetched into
 * the cache (a hint: nothing changes). */
void zl_names_prefetch(const struct zl_names *t, uint64_t hash);
/* The slot of a wire name, or NULL. */
struct zl_name_slot *zl_names_find(const struct zl_names *t,
    const uint8_t *wire, size_t len);
/* The slot of a name by its id. */
struct zl_name_slot *zl_names_slot(const struct zl_names *t, uint32_t id);
/* Call fn with every name's slot, in no order; the table must not change
 * meanwhile. */
void zl_names_each(const struct zl_names *t,
    void (*fn)(void *ctx, const struct zl_name_slot *slot), void *ctx);
/* A name's canonical wire form into out (ZL_WIRE_MAX bytes); its length. */
size_t zl_names_wire(const struct zl_names *t, uint32_t id, uint8_t *out);
/* A name's canonical presentation (ZL_NAME_TEXT_MAX bytes). */
void zl_names_text(const struct zl_names *t, uint32_t id, char *out);
/* The name is the origin or below it. */
bool zl_names_below(const struct zl_names *t, uint32_t id);
size_t zl_names_bytes(const struct zl_names *t);
void zl_names_free(struct zl_names *t);

/* Lower-case the ASCII letters of a wire name, in place. */
void zl_wire_lower(uint8_t *wire, size_t len);

/*
 * The canonical presentation of a wire-format name (lower case, trailing
 * dot, ldns's escapes) into out, which holds ZL_NAME_TEXT_MAX bytes.
 */
#define ZL_NAME_TEXT_MAX 1032
void zl_name_text(const uint8_t *wire, size_t len, char *out);

/* DNSSEC records may sit beside a CNAME (RFC 2181 10.1, RFC 4035 2.5):
 * RRSIG and NSEC, and their RFC 2535 forerunners SIG and NXT. */
static inline bool
zl_dnssec_type(uint16_t t)
{
	return t == LDNS_RR_TYPE_RRSIG || t == LDNS_RR_TYPE_NSEC ||
	    t == LDNS_RR_TYPE_SIG || t == LDNS_RR_TYPE_NXT;
}

/*
 * What the names table says of a name: slot.b's low 12 bits are flags;
 * slot.a is the first line of its first RRset other than DNSSEC, whose
 * TTL and type are slot.b's high 12 and middle 8 bits, as indexes into
 * the zone's TTL and type dictionaries.  When ZL_NAME_EXTRAS is set,
 * slot.a is instead where the name's RRsets of its first run lie in
 * zone.extras, that first line first (zone.c, first_line).
 */
#define ZL_NAME_CNAME 0x01u     /* a CNAME here */
#define ZL_NAME_OTHER 0x02u     /* data other than CNAME and DNSSEC */
#define ZL_NAME_FIRST 0x04u     /* slot.a and slot.b's index bits are set */
#define ZL_NAME_TOLD_AND 0x08u  /* cname-and-other said */
#define ZL_NAME_TOLD_MULTI 0x10u /* cname-multiple said */
#define ZL_NAME_TOLD_APEX 0x20u /* cname-at-apex said */
#define ZL_NAME_PLAN 0x40u      /* a name of the profile's records, or a
				 * client host name: its records are kept */
#define ZL_NAME_DATA 0x80u      /* any record here (DNSSEC too) */
#define ZL_NAME_CUT 0x100u      /* NS records here, below the apex */
#define ZL_NAME_EXTRAS 0x200u   /* slot.a is an offset in zone.extras */
#define ZL_NAME_TABLED 0x400u   /* its other RRsets are in zone.rrsets */
#define ZL_NAME_ADDRESS 0x800u  /* an A or AAAA record here */
#define ZL_NAME_FLAGS 0xfffu
#define ZL_TTL_IX_MAX 0xfffu
#define ZL_TYPE_IX_MAX 0xffu

/* A "; zonelint: ignore RULE" comment. */
struct suppression {
	const char *file;   /* interned */
	unsigned line;      /* the comment's line */
	unsigned target;    /* the record line it speaks of */
	char rule[64];      /* as written (cut) */
};

/* Bytes that live as long as the zone: blocks, never moved. */
struct zl_arena;
/* Copy n bytes in; the copy's offset (for zl_arena_at), or UINT32_MAX. */
uint32_t zl_arena_add(struct zl_arena **a, const void *p, size_t n);
const void *zl_arena_at(const struct zl_arena *a, uint32_t off);
void zl_arena_free(struct zl_arena *a);

/*
 * The rule families, one file each.  A family names the record types it
 * reads and its functions, and keeps its own state, which the zone holds
 * for it (zone->state) and no other family changes: the table in rules.c
 * drives the checks, in this order.
 */
enum zl_family_index {
	ZL_FAMILY_DNS,   /* rule_dns.c: MX, NS and SRV targets, SRV ports */
	ZL_FAMILY_SPF,   /* rule_spf.c: SPF records and their lookups */
	ZL_FAMILY_DMARC, /* rule_dmarc.c: DMARC records */
	ZL_FAMILY_MAIL,  /* rule_mail.c, mail_diff.c: the profile's records */
	ZL_FAMILY__COUNT
};
_Static_assert(ZL_FAMILY__COUNT <= 8, "zone.family_types has a bit for each");

struct zl_view;
struct zone;

struct zl_family {
	const char *name;
	uint16_t types[4];   /* the types `record` reads (0 ends the list) */
	size_t state_size;   /* zeroed before the first record */
	/* One record of the types above, as it is read, with its fields. */
	void (*record)(struct zone *zone, void *state, struct zl_view *v);
	/* A name got its first record other than DNSSEC (`cname_line`: it
	 * is a CNAME, at that line; else 0). */
	void (*name_defined)(struct zone *zone, void *state, uint32_t id,
	    unsigned cname_line);
	/* The file is read. */
	void (*end)(struct zone *zone, void *state);
	/* Free what the state holds (not the state itself). */
	void (*release)(void *state);
};

extern const struct zl_family zl_family_dns;
extern const struct zl_family zl_family_spf;
extern const struct zl_family zl_family_dmarc;
extern const struct zl_family zl_family_mail;

/* The families, in the order of enum zl_family_index. */
extern const struct zl_family *const zl_families[ZL_FAMILY__COUNT];

/* The family whose checks report `rule`, or -1 (the reader and the zone's
 * own name, TTL and CNAME rules). */
int zl_rule_family(int rule);

/*
 * The labels under which mail clients look for a provider's hosts
 * (RFC 6186 aside): a CNAME there that the profile does not have is a
 * former provider's.  Their records are kept.
 */
extern const char *const zl_client_hosts[];
#define ZL_CLIENT_HOSTS_COUNT 9

/*
 * The discrepancies between a zone and its profile's plan (mail_diff.c):
 * one judgement for the checks and the fix.
 */
struct zl_change {
	const struct kept *del;  /* a record to delete, or NULL: an add */
	char owner[ZG_NAME_MAX + 2]; /* add: absolute */
	uint32_t owner_id;
	uint32_t ttl;
	uint16_t type;
	char *data;              /* add: presentation (TXT: the text) */
	const struct kept *copy_of; /* add: the data of this record */
};
struct zl_disc {
	int rule;                /* the finding, or -1: another rule says it */
	const struct kept *at;   /* the record it is about; NULL: line 0 */
	char *owner;
	uint16_t type;
	char *message;
	size_t first;            /* its changes in zl_diff.changes */
	size_t count;
};
struct zl_diff {
	struct zl_disc *items;
	size_t count;
	size_t cap;
	struct zl_change *changes;
	size_t nchanges;
	size_t cap_changes;
	bool null_mx;            /* the domain takes no mail */
	bool nomem;
};

/* Build the discrepancies of a zone read whole (nothing when it has no
 * plan); free with zl_diff_free. */
zg_status_t zl_diff_build(const struct zone *zone, struct zl_diff *diff);
void zl_diff_free(struct zl_diff *diff);

/* Everything one file's checks use. */
struct zone {
	const zl_options_t *options;
	zl_report_t *report; /* this file's own findings */
	struct zl_compare *compare; /* --compare: the records served */
	const struct zl_live *live; /* --live: records from the DNS */
	const char *path;    /* the file as given */
	char *origin;        /* canonical, with the trailing dot, or NULL */
	uint32_t origin_id;  /* the origin's name id, 0 without */
	bool apex_sure;      /* the origin is the zone's apex (from the
			      * option, the SOA, a transfer or the DNS) */
	/* Every name seen (ZL_NAME_*), as owner or as a target. */
	struct zl_names names;
	/* The last record's owner as written and its slot, valid while the
	 * moves of its shard are last_moves: a run of records at one owner
	 * looks the name up once. */
	uint8_t last_owner[ZL_WIRE_MAX];
	size_t last_owner_len;
	struct zl_name_slot *last_slot;
	unsigned last_shard;
	unsigned last_moves;
	/*
	 * The RRsets of the run of records at one name being read, when
	 * that name had none before (run_fresh): records come grouped by
	 * name, so a name's RRsets are told apart here, in a few entries,
	 * and written to `extras` when the run ends (zone.c, run_end: 4
	 * bytes and 8 per RRset).  Only a name that comes back later has
	 * them moved into `rrsets` (ZL_NAME_TABLED).
	 */
	uint32_t run_id;
	struct zl_name_slot *run_slot; /* its slot, while the moves of */
	unsigned run_shard;            /* its shard are run_moves */
	unsigned run_moves;
	bool run_fresh;
	struct run_rrset {
		uint16_t type;
		uint32_t ttl;
		uint32_t line;
	} run_sets[16];
	unsigned run_count;
	struct zl_arena *extras;
	/* RRsets other than a name's first (key: name id << 16 | type; a:
	 * first line, b: TTL) of names marked ZL_NAME_TABLED, CNAME owners (key: name id; a: line of the
	 * first, b: its target's name id), owners of kept records (a, b:
	 * first and last kept index + 1). */
	struct zl_table rrsets;
	struct zl_table cnames;
	struct zl_table kept_owners;
	/* The TTLs and types named in slot.b of the names table. */
	uint32_t *ttls;
	size_t ttls_count;
	struct zl_table ttl_index; /* key TTL + 1, a: index */
	unsigned last_ttl_ix;      /* the index ttl_ix gave last */
	uint16_t types[255];
	unsigned types_count;
	uint8_t type_index[256];   /* type < 256: index + 1, or 0 */
	/* Kept records, in file order, and their bytes. */
	struct kept *kept;
	struct zl_arena *kept_arena;
	char *strings;             /* the TXT strings being read, joined */
	size_t strings_cap;
	size_t kept_count;
	size_t kept_capacity;
	/* File names of records (the top file and its includes). */
	struct zl_strings files; /* the files by name (intern_file) */
	const char *last_file;   /* the one intern_file gave last, */
	const char *last_file_in; /* for this string of the reader's */
	struct suppression *suppressions;
	size_t suppressions_count;
	size_t suppressions_cap;
	/* The records the profile wants for the origin (zonegen's plan);
	 * has_plan is false without a profile or an origin. */
	zg_plan_t plan;
	uint32_t *plan_ids;     /* the name id of each plan record's owner */
	uint32_t client_ids[ZL_CLIENT_HOSTS_COUNT]; /* client host names with
				 * records, by zl_client_hosts; 0: none */
	bool has_plan;
	/* Each rule family's own state (ZL_FAMILY_*): only its own
	 * functions change it. */
	void *state[ZL_FAMILY__COUNT];
	/* For each type below 256, bit f set when family f reads it (its
	 * `types`): one load a record instead of a search per family. */
	uint8_t family_types[256];
	unsigned read_problems; /* syntax, include and origin findings (not
				 * default-ttl-missing: the record reads) */
	bool limited;           /* a limit stopped the reading */
	bool nomem;
};

/*
 * Add a finding.  `rule` is a zl_rule_index; `owner` and `type` say what it
 * is about (either may be NULL/0).  The message is formatted like printf;
 * names in it come from ldns (escaped) and input text must be quoted with
 * zg_text_quote.  Findings of rules turned off are dropped here.
 */
void zl_report_add(zl_report_t *report, int rule, const char *file,
    unsigned line, const char *owner, uint16_t type, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/*
 * The same with a severity other than the rule's default, for a rule whose
 * weight depends on the RFC chosen (-W still wins).
 */
void zl_report_add_severity(zl_report_t *report, int rule, int severity,
    const char *file, unsigned line, const char *owner, uint16_t type,
    const char *fmt, ...) __attribute__((format(printf, 8, 9)));


/*
 * A report for the findings of one file, with the severities of `parent`:
 * the file's checks and suppressions work on it alone, and
 * zl_report_merge hands it to `parent` in one step.  NULL when out of
 * memory.
 */
zl_report_t *zl_report_new_file(const zl_report_t *parent);

/*
 * Move every finding, file count and line count of `from` into `into`,
 * under `into`'s lock, and free `from`.  Findings of one line of one file
 * print in the order of the top-level file (`top`) and then as added, so
 * the output does not depend on which thread merged first.
 */
void zl_report_merge(zl_report_t *into, zl_report_t *from, const char *top);

/*
 * Drop the findings of a file report with this file, line and rule;
 * returns how many were dropped.
 */
size_t zl_report_suppress(zl_report_t *report, const char *file,
    unsigned line, int rule);

/*
 * The severity a finding of `rule` gets: the override (-W or the
 * configuration) when there is one, else `severity` unless it is
 * ZL_SEV_DEFAULT, else the rule's own.  ZL_SEV_OFF: dropped.  The one
 * place severities are decided.
 */
int zl_rule_severity(const int *overrides, int rule, int severity);

/* The severity overrides a report applies (NULL: none). */
const int *zl_report_overrides(const zl_report_t *report);

/* Note how many lines a file has (for whole-file SARIF regions). */
void zl_report_file_lines(zl_report_t *report, const char *file,
    unsigned lines);

/* Count a file that was read. */
void zl_report_file_read(zl_report_t *report);

/*
 * The kept records at a name (by id), in file order: the first, or NULL;
 * then the next, or NULL.  Linear in the records at that name only.
 */
const struct kept *zl_kept_first(const struct zone *zone, uint32_t owner);
const struct kept *zl_kept_next(const struct zone *zone,
    const struct kept *k);


/* One record as the checks see it while it is read: no ldns. */
struct zl_view {
	const uint8_t *owner;  /* wire */
	size_t owner_len;
	uint32_t id;           /* the owner's name id */
	uint16_t type;
	uint32_t ttl;
	const uint8_t *rdata;  /* wire, or NULL unless the checks read it */
	size_t rdata_len;
	bool kept;             /* the zone keeps the record (its name is the
				* apex, a plan name or a client host) */
	const char *strings;   /* TXT and SPF: the strings joined, or NULL */
	size_t strings_len;
	const char *file;
	unsigned line;
	char *text;            /* canonical owner, made on first need */
	char text_buf[ZL_NAME_TEXT_MAX];
};

/* The canonical presentation of the view's owner. */
const char *zl_view_owner(struct zl_view *v);

/* A name's flags (ZL_NAME_*) by id. */
unsigned zl_name_flags(const struct zone *zone, uint32_t id);

/* ---- the DNS, for the live checks (lint/dns.c) ----------------------- */

/* SERVER as ADDRESS, ADDRESS:PORT, [ADDRESS]:PORT or [ADDRESS]: the
 * address into host (hostlen bytes), *port the port's digits or NULL; -1
 * when it is none of those (lint/axfr.c). */
int zl_server_split(const char *server, char *host, size_t hostlen,
    const char **port);

typedef enum zl_dns_status {
	ZL_DNS_ANSWER,   /* records of the type */
	ZL_DNS_NODATA,   /* the name, without records of the type */
	ZL_DNS_NXDOMAIN, /* no such name */
	ZL_DNS_FAIL,     /* no answer (timeout, SERVFAIL, REFUSED, ...) */
	ZL_DNS_BUDGET    /* not asked: the budget is spent */
} zl_dns_status_t;

/* From now on at most `budget` questions sent (0: no limit). */
void zl_dns_budget(zl_dns_t *d, unsigned budget);
/* The answer to NAME (text, any case, with or without the final dot)
 * and TYPE; *answer holds its records for ZL_DNS_ANSWER (owned by d). */
zl_dns_status_t zl_dns_query(zl_dns_t *d, const char *name, uint16_t type,
    const ldns_rr_list **answer);
const char *zl_dns_status_name(zl_dns_status_t s);
/* Why questions cannot be asked (no resolver), or NULL. */
const char *zl_dns_error(const zl_dns_t *d);

/* zonelint --live (lint/live.c): the records a domain's mail needs, asked
 * of the DNS and handed to the reader's callbacks; then the checks only
 * the DNS can answer, into the zone's findings. */
struct zl_live {
	zl_dns_t *dns;
	const char *domain;
	const char *resolver_name; /* for messages */
	bool local;                /* --resolve-external: a file's zone, its
				    * own names answered by the file */
};
/* --resolve-external: what the file says of a name of its zone: -1 when
 * it is not the zone's to say (outside it, below a delegation, a CNAME
 * out); 0 no such name; 1 the name exists, with *text (malloc'd) its SPF
 * record or NULL, *line that record's line, and *file its file when the
 * name is the apex (else NULL) (lint/rule_spf.c). */
int zl_spf_local(const struct zone *zone, const char *name, char **text,
    unsigned *line, const char **file);
/* The same question, of any name: -1, 0, or 1 with *id the name that
 * answers (the name's own, *direct, or one a CNAME or wildcard gives). */
int zl_local_name(const struct zone *zone, const char *name, uint32_t *id,
    bool *direct);
/* --resolve-external: the DMARC record the file has at a _dmarc name, as
 * zl_spf_local says (-1, 0, or 1 with *text malloc'd or NULL, *line and,
 * for _dmarc.ORIGIN, *file); -1 too for a wildcard; -2 when the name is a
 * CNAME, with its target in `target` (ZL_NAME_TEXT_MAX bytes), to be
 * asked next (lint/rule_dmarc.c). */
int zl_dmarc_local(const struct zone *zone, const char *name, char **text,
    unsigned *line, const char **file, char *target);
/* TXT data's character-strings joined (RFC 7208 3.3) into out, which
 * has room for size + 1 bytes, and a NUL; the text's length. */
size_t zl_txt_join(const uint8_t *d, size_t size, char *out);
int zl_live_read(const struct zl_live *live, const char *display,
    const zg_plan_t *plan, const zl_read_callbacks_t *cb, void *ctx,
    char *err, size_t errlen);
void zl_live_checks(struct zone *zone, const struct zl_live *live);

/* zonelint --axfr --compare (lint/compare.c): the records served, then
 * the file's, compared into the zone's findings. */
struct zl_compare;
struct zl_compare *zl_compare_new(void);
void zl_compare_served(struct zl_compare *c, const zl_record_t *rec);
zg_status_t zl_compare_finish(struct zone *zone, struct zl_compare *c,
    const char *path, const char *domain, const char *served_name,
    char *errbuf, size_t errlen);
void zl_compare_free(struct zl_compare *c);

/* Intern a wire name (for a target): its id, or 0 when out of memory. */
uint32_t zl_name_intern(struct zone *zone, const uint8_t *wire, size_t len);
/* The same, and the name's flags (ZL_NAME_*) in *flags. */
uint32_t zl_name_intern_flags(struct zone *zone, const uint8_t *wire,
    size_t len, unsigned *flags);

/* Wire `name` is the zone's origin or below it (true without an origin). */
bool zl_in_zone_wire(const struct zone *zone, const uint8_t *wire,
    size_t len);

/* A domain name in presentation form (no macros) to canonical wire;
 * relative names are taken as absolute.  Its length, or 0. */
size_t zl_name_from_text(const char *text, uint8_t *out);

/* What the SPF family read: the text of the first SPF record at a name
 * (by id), or NULL.  For mail_diff.c, which only reads it. */
const char *zl_spf_text(const struct zone *zone, uint32_t id, size_t *len);

/* What the DMARC family read: a _dmarc CNAME (or a chain of them) leads
 * to the name with this id.  For mail_diff.c. */
bool zl_dmarc_aliased(const struct zone *zone, uint32_t id);

/* What the mail family judged, for the fixer: NULL when the zone has no
 * plan (no profile or no origin) or was read only in part. */
const struct zl_diff *zl_mail_diff(const struct zone *zone);

/* Write the changes that bring the zone to the profile (lint/fix.c). */
zg_status_t zl_fix_write(struct zone *zone, FILE *fp);

#endif /* LINT_INTERNAL_H */
