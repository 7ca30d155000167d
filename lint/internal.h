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
	char *owner;       /* canonical (lower case) presentation name */
	const char *file;  /* interned in the zone's file list */
	unsigned line;
	char *text;        /* TXT/SPF: the strings joined; else NULL */
	size_t text_len;
	size_t next;       /* the next kept record at this owner, index + 1 */
};

/* The first TTL of one RRset at a name (for rrset-ttl-mismatch). */
struct rrset_ttl {
	uint16_t type;
	uint32_t ttl;
	unsigned line;
};

/* What is known about one owner name (for the CNAME rules). */
struct name_info {
	char *name;          /* canonical presentation name, the key */
	uint64_t hash;       /* of name, compared before the name */
	unsigned cnames;     /* CNAME records at the name */
	unsigned cname_targets;  /* different targets among them */
	uint64_t cname_target;   /* hash of the first target */
	const char *cname_file;
	unsigned cname_line;     /* first CNAME */
	const char *other_file;
	unsigned other_line;     /* first non-CNAME, non-DNSSEC record */
	uint16_t other_type;
	struct rrset_ttl ttl;    /* the first RRset's first TTL (most names
				    have one type) */
	struct rrset_ttl *ttls;  /* the first TTL of each other type */
	unsigned ttls_count;
	size_t kept_first;       /* kept records here, index + 1, or 0 */
	size_t kept_last;
};

/* An MX, NS or SRV target to check once every CNAME is known. */
struct pending {
	const char *owner;  /* the names table's string */
	char *target;       /* owned */
	const char *file;
	unsigned line;
	uint16_t type;
};

/* A "; zonelint: ignore RULE" comment. */
struct suppression {
	const char *file;   /* interned */
	unsigned line;      /* the comment's line */
	unsigned target;    /* the record line it speaks of */
	char rule[64];      /* as written (cut) */
};

/* Everything one file's checks use. */
struct zone {
	const zl_options_t *options;
	zl_report_t *report;
	const char *path;    /* the file as given */
	char *origin;        /* canonical, with the trailing dot, or NULL */
	/* Names: an open-addressing hash table. */
	struct name_info *names;
	size_t names_count;
	size_t names_capacity;
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

/* The name info for `name` (canonical), or NULL. */
const struct name_info *zl_zone_name(const struct zone *zone,
    const char *name);

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

/* The checks, one family per file. */
void zl_check_dns(struct zone *zone);
/* The MX, NS and SRV checks of one record, as it is read (borrowed). */
void zl_dns_record(struct zone *zone, const struct kept *k);
void zl_check_spf(struct zone *zone);
void zl_check_dmarc(struct zone *zone);
void zl_check_mail(struct zone *zone);

/* Write the changes that bring the zone to the profile (lint/fix.c). */
zg_status_t zl_fix_write(struct zone *zone, FILE *fp);

#endif /* LINT_INTERNAL_H */
