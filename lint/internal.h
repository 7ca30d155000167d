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

/* Rule indexes, in the order of the table in rules.c. */
enum zl_rule_index {
	ZL_SYNTAX_ERROR,
	ZL_ORIGIN_UNKNOWN,
	ZL_INCLUDE_FAILED,
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
	ZL_UNUSED_SUPPRESSION,
	ZL_LIMIT_EXCEEDED,
	ZL_RULE__COUNT
};

/* A record the checks need, kept after the reader let go of it. */
struct kept {
	ldns_rr *rr;       /* owned */
	char *owner;       /* canonical (lower case) presentation name, owned */
	const char *file;  /* interned in the zone's file list */
	unsigned line;
	char *text;        /* TXT/SPF: the strings joined; else NULL */
	size_t text_len;
	size_t next;       /* the next kept record at this owner, index + 1 */
};

/*
 * A table of 16-byte slots keyed by 64-bit hashes of names (never 0),
 * split into shards that grow one at a time, so that growing never holds
 * two copies of the whole table.  What a slot's two words mean is up to
 * the table's user.  lint/names.c.
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

/* The slot of `key`, or NULL. */
struct zl_slot *zl_table_find(const struct zl_table *t, uint64_t key);
/* The slot of `key`, added (a = b = 0, *added true) when new; NULL when
 * out of memory. */
struct zl_slot *zl_table_get(struct zl_table *t, uint64_t key, bool *added);
/* Remove a slot that zl_table_find or zl_table_get returned. */
void zl_table_remove(struct zl_table *t, struct zl_slot *slot);
size_t zl_table_bytes(const struct zl_table *t);
void zl_table_free(struct zl_table *t);

/* The key of a wire-format name, case folded (RFC 4343); never 0. */
uint64_t zl_name_key(const uint8_t *wire, size_t len);
/* The key of a canonical presentation name (a different space). */
uint64_t zl_text_key(const char *s);
/* A key for a (name, type) pair. */
uint64_t zl_rrset_key(uint64_t name_key, uint16_t type);
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
 * What the names table says of an owner name (slot.b's low byte; slot.a is
 * the first line of its first RRset other than DNSSEC, whose TTL and type
 * are slot.b's high 16 and middle 8 bits, as indexes into the zone's TTL
 * and type dictionaries).
 */
#define ZL_NAME_CNAME 0x01u     /* a CNAME here */
#define ZL_NAME_OTHER 0x02u     /* data other than CNAME and DNSSEC */
#define ZL_NAME_FIRST 0x04u     /* slot.a and slot.b's index bits are set */
#define ZL_NAME_TOLD_AND 0x08u  /* cname-and-other said */
#define ZL_NAME_TOLD_MULTI 0x10u /* cname-multiple said */
#define ZL_NAME_TOLD_APEX 0x20u /* cname-at-apex said */

/* An MX, NS or SRV target the file had not named yet when it was read:
 * settled when the name gets its first record (alias or not); those still
 * waiting at the end were never named.  Settled ones are reused. */
struct pending {
	uint64_t target_key;
	char *owner;        /* owned; the target follows its NUL */
	const char *file;
	unsigned line;
	uint16_t type;
	size_t next;        /* the next one for the same target (or the next
			     * free one), index + 1 */
};

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

/* An SPF record checked at the end: its include targets are ours. */
struct spf_later {
	char *owner;        /* owned */
	const char *file;
	unsigned line;
};

/* Everything one file's checks use. */
struct zone {
	const zl_options_t *options;
	zl_report_t *report;
	const char *path;    /* the file as given */
	char *origin;        /* canonical, with the trailing dot, or NULL */
	uint64_t origin_key;  /* zl_name_key of the origin, 0 without */
	/* Owner names (ZL_NAME_*), RRsets other than a name's first
	 * (a: first line, b: TTL), CNAME owners (a: line of the first, b:
	 * low half of its target's key), owners of kept records (by
	 * zl_text_key; a, b: first and last kept index + 1). */
	struct zl_table names;
	struct zl_table rrsets;
	struct zl_table cnames;
	struct zl_table kept_owners;
	/* The TTLs and types named in slot.b of the names table. */
	uint32_t *ttls;
	size_t ttls_count;
	struct zl_table ttl_index; /* key TTL + 1, a: index */
	uint16_t types[255];
	unsigned types_count;
	uint8_t type_index[256];   /* type < 256: index + 1, or 0 */
	/* The names of the profile's records (zl_name_key): every record
	 * there is kept. */
	uint64_t plan_keys[32];
	size_t plan_keys_count;
	/* SPF and DMARC records, checked as they are read: the first at
	 * each name (SPF by zl_text_key of the owner; a: offset in spf_arena
	 * of its line, length and text; DMARC by zl_name_key; a: line, b:
	 * text hash), and the SPF records whose lookups need records that
	 * come later (checked at the end). */
	struct zl_table spf_names;
	struct zl_table dmarc_names;
	struct zl_arena *spf_arena;
	struct spf_later *spf_later;
	size_t spf_later_count;
	size_t spf_later_cap;
	uint8_t *wire;             /* rdata of the record being read */
	size_t wire_cap;
	/* Kept records, in file order. */
	struct kept *kept;
	size_t kept_count;
	size_t kept_capacity;
	/* File names of records (the top file and its includes). */
	char **files;
	size_t files_count;
	struct suppression *suppressions;
	size_t suppressions_count;
	struct pending *pending;
	size_t pending_count;
	size_t pending_capacity;
	size_t pending_free;       /* first reusable one, index + 1 */
	struct zl_table pending_index; /* target key; a: first, index + 1 */
	/* The records the profile wants for the origin (zonegen's plan);
	 * has_plan is false without a profile, an origin or a null MX. */
	zg_plan_t plan;
	bool has_plan;
	unsigned read_problems; /* syntax, include and origin findings */
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


/* Where the findings of the file being linted begin. */
size_t zl_report_mark(zl_report_t *report);

/*
 * Drop the findings added since `mark` with this file, line and rule;
 * returns how many were dropped.
 */
size_t zl_report_suppress(zl_report_t *report, size_t mark,
    const char *file, unsigned line, int rule);

/* Note how many lines a file has (for whole-file SARIF regions). */
void zl_report_file_lines(zl_report_t *report, const char *file,
    unsigned lines);

/* Count a file that was read. */
void zl_report_file_read(zl_report_t *report);

/*
 * The kept records at a name (canonical), in file order: the first, or
 * NULL; then the next, or NULL.  Linear in the records at that name only.
 */
const struct kept *zl_kept_first(const struct zone *zone, const char *owner);
const struct kept *zl_kept_next(const struct zone *zone,
    const struct kept *k);

/* Canonical presentation of a dname (lower case, trailing dot); malloc'd. */
char *zl_dname_str(const ldns_rdf *dname);

/* Two kept TXT records hold the same text. */
static inline bool
zl_kept_same_text(const struct kept *a, const struct kept *b)
{
	return a->text_len == b->text_len &&
	    memcmp(a->text, b->text, a->text_len) == 0;
}

/* One record as the checks see it while it is read: no ldns. */
struct zl_view {
	const uint8_t *owner;  /* wire */
	size_t owner_len;
	uint64_t key;          /* zl_name_key of owner */
	uint16_t type;
	uint32_t ttl;
	const uint8_t *rdata;  /* wire, or NULL unless the checks read it */
	size_t rdata_len;
	bool shaped;           /* rdata has its type's fields */
	const char *file;
	unsigned line;
	char *text;            /* canonical owner, made on first need */
	char text_buf[ZL_NAME_TEXT_MAX];
};

/* The canonical presentation of the view's owner. */
const char *zl_view_owner(struct zl_view *v);

/* A 64-bit hash of bytes (never 0). */
uint64_t zl_bytes_key(const void *p, size_t n);

/* `name` is `origin` or below it (both canonical; NULL origin: yes). */
bool zl_in_zone(const char *name, const char *origin);

/*
 * SPF and DMARC checks of one TXT or SPF record as it is read: `text` its
 * strings joined; `kept` whether the zone keeps it (the apex and the
 * names of the profile's records).
 */
void zl_spf_record(struct zone *zone, struct zl_view *v, const char *text,
    size_t len, bool kept);
void zl_dmarc_record(struct zone *zone, struct zl_view *v, const char *text,
    size_t len);

/*
 * The checks, one family per file.  The MX, NS and SRV checks of one
 * record, as it is read: its owner as canonical text, its wire rdata
 * (fields as its type has them).  A target still waiting at the end was
 * never named in the zone: it is no alias.
 */
void zl_dns_record(struct zone *zone, const char *owner, const char *file,
    unsigned line, uint16_t type, const uint8_t *rdata, size_t len);
/* A name got its first record other than DNSSEC: settle the targets that
 * waited for it (`cname_line`: that record is a CNAME, else 0). */
void zl_dns_name_defined(struct zone *zone, uint64_t key,
    unsigned cname_line);
void zl_check_spf(struct zone *zone);
void zl_check_mail(struct zone *zone);

/* Write the changes that bring the zone to the profile (lint/fix.c). */
zg_status_t zl_fix_write(struct zone *zone, FILE *fp);

#endif /* LINT_INTERNAL_H */
