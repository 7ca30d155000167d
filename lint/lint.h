/* lint.h: check zone files for mail records and the RFC rules around them. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The one header cmd/ includes from lint/.
 *
 * zl_lint_file() reads a zone file with the reader in read.h, keeps what
 * the checks need, runs every rule of the rule table and adds findings to a
 * report.  The checks against a provider ask zonegen for the records the
 * domain needs (zg_plan_build), so the generator and the linter agree on
 * what "correct" is.  Nothing here prints or exits; the report is printed
 * by cmd/ with zl_report_print().
 */
#ifndef LINT_LINT_H
#define LINT_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "zonegen/zonegen.h"

/* Severity of a rule after -W: a zonegen severity, or off. */
#define ZL_SEV_OFF (-1)
/* No -W given for a rule. */
#define ZL_SEV_DEFAULT (-2)

/* One row of the rule table. */
typedef struct zl_rule {
	const char *id;         /* stable kebab-case id, never renamed */
	zg_severity_t severity; /* default severity */
	const char *rfc;        /* "RFC 7208 4.6.4" */
	const char *summary;    /* what the rule checks, one line */
	const char *hint;       /* how to fix it, one line */
} zl_rule_t;

/* The rule table, in a stable order; `*count` gets its length. */
const zl_rule_t *zl_rules(size_t *count);

/* Index of a rule id in the table, or -1. */
int zl_rule_find(const char *id);

/* What zl_lint_file writes besides findings. */
typedef enum zl_fix {
	ZL_FIX_NONE,
	ZL_FIX_NSUPDATE, /* an nsupdate message bringing the zone to the
			    profile */
	ZL_FIX_ZONE      /* lines to remove and records to add */
} zl_fix_t;

typedef struct zl_options {
	const zg_profile_t *profile; /* NULL: --profile none (RFC rules) */
	zg_dmarc_rfc_t dmarc_rfc;    /* 7489 or 9989 */
	const char *origin;          /* --origin, or NULL */
	const char *stdin_name;      /* --stdin-filename: what standard input
					("-") is called in findings and what
					its file-name origin comes from; never
					opened.  NULL: "-" */
	bool include_any;            /* $INCLUDE outside the tree allowed */
	unsigned include_depth;      /* 0: the reader's default (8) */
	size_t max_file_size;        /* bytes; 0: the default (256 MiB) */
	size_t max_records;          /* 0: the default (10 million) */
	int *severity;               /* per rule: ZL_SEV_DEFAULT, ZL_SEV_OFF
					or a zg_severity_t; NULL = defaults */
	/* How file names give origins: off, or the prefixes and suffixes
	 * stripped (NULL: "db." and ".zone", ".db"). */
	bool no_file_name_origin;
	const char *const *origin_prefixes;
	size_t origin_prefixes_count;
	const char *const *origin_suffixes;
	size_t origin_suffixes_count;
	zl_fix_t fix;                /* write a fix to fix_out */
	FILE *fix_out;
	/* Read each file on a second thread while linting on this one
	 * (same findings either way): AUTO for files of 1 MiB or more. */
	enum { ZL_READ_THREAD_AUTO, ZL_READ_THREAD_ON,
	       ZL_READ_THREAD_OFF } read_thread;
	/* zl_lint_axfr: compare the zone served with this file. */
	const char *compare;
	/* --resolve-external: count the apex's SPF record with the names
	 * outside the zone asked of the DNS, at most query_budget questions
	 * per file (0: no limit). */
	struct zl_dns *resolve_external;
	unsigned query_budget;
} zl_options_t;

/* ---- profiles --------------------------------------------------------- */

/*
 * Check that the records profile `p` plans pass the linter: the plan for a
 * sample domain (example.com, with SRV records) is linted against `p`.
 * Returns ZG_OK, or ZG_ERR_PROFILE with the first finding at error level
 * in `msg` ("MESSAGE [rule-id]", no file or line), or ZG_ERR_IO or
 * ZG_ERR_NOMEM with the reason in `msg`.  Call it wherever a user's
 * profile is loaded: a profile zonelint would refuse must not be used.
 */
zg_status_t zl_profile_check(const zg_profile_t *p, char *msg, size_t size);

/*
 * Load a user's profile (`path`, or NULL for the built-in one) as
 * zg_profile_load does, then zl_profile_check it.  On failure `*out` is
 * untouched and `msg` holds one line: zg_profile_load's, or "PATH:
 * refused: ...".
 */
zg_status_t zl_profile_load(const char *path, zg_profile_t **out, char *msg,
    size_t size);

/* ---- repository configuration (.zonelint.yaml) ---------------------- */

typedef struct zl_config zl_config_t;

/*
 * Find .zonelint.yaml in the current folder or its parents, up to the
 * repository's root (the first folder holding .git) or "/"; writes its
 * path into `path` and returns ZG_OK, or ZG_ERR_IO when there is none.
 */
zg_status_t zl_config_find(char *path, size_t size);

/* zl_config_load flags: what only the command line may allow. */
#define ZL_CONFIG_PROFILE_ANY 0x1 /* profiles outside the file's folder */

/*
 * Load a configuration and the profiles it names (paths relative to its
 * folder).  The file must be a regular file owned by the effective user
 * or root and writable by neither group nor others; "includes: any" is
 * refused; a profile must resolve inside the file's folder tree unless
 * `flags` has ZL_CONFIG_PROFILE_ANY; a profile that does not load is
 * named, never quoted.  On failure `*out` is untouched and `message`
 * holds one "FILE:LINE: text" (or "FILE: text") line.  Free with
 * zl_config_free.
 */
zg_status_t zl_config_load(const char *path, unsigned flags,
    zl_config_t **out, char *message, size_t size);

/* Free a configuration; NULL does nothing. */
void zl_config_free(zl_config_t *config);

/*
 * The profile the configuration gives `file` (the first matching
 * "files" glob): true and `*profile` set (NULL for "none"), or false when
 * no entry matches.  The profile belongs to the configuration.
 */
bool zl_config_profile(const zl_config_t *config, const char *file,
    const zg_profile_t **profile);

/*
 * Fill what the command line left unset from the configuration: rule
 * severities (ZL_SEV_DEFAULT entries), the DMARC RFC (0), strict,
 * includes and the file-name origin rule.  `options->severity` must hold
 * one entry per rule.
 */
void zl_config_apply(const zl_config_t *config, zl_options_t *options,
    bool *strict);

typedef struct zl_report zl_report_t;

/* A new, empty report; NULL when out of memory.  Free with zl_report_free. */
zl_report_t *zl_report_new(void);

/* Free a report; NULL does nothing. */
void zl_report_free(zl_report_t *report);

/*
 * The per-rule severities (-W and the configuration) every finding added
 * from now on is subject to; `severity` (one entry per rule, or NULL)
 * must outlive the report's use.  Call before linting.
 */
void zl_report_set_options(zl_report_t *report, const int *severity);

/*
 * Lint one file ("-" is standard input) and add its findings to `report`.
 * Several files may be linted at once, from several threads, into one
 * report; `options` is only read.  A file's findings and its inline
 * suppressions are settled apart from every other file's and handed to
 * `report` in one step, so the printed report does not depend on how the
 * files were spread over threads.
 * Returns ZG_OK when the file was read (whatever it held), ZG_ERR_IO when
 * it could not be read at all, with `errbuf` set, ZG_ERR_NOMEM when memory
 * ran out.  With options->fix, also writes the fix to options->fix_out;
 * a file with syntax errors gets no fix: ZG_ERR_ARGUMENT and `errbuf`.
 */
zg_status_t zl_lint_file(const char *path, const zl_options_t *options,
    zl_report_t *report, char *errbuf, size_t errlen);

/* A TSIG key (RFC 8945), as a BIND key file gives it. */
typedef struct zl_tsig {
	char name[1032];     /* absolute */
	char algorithm[64];  /* as ldns names it: "hmac-sha256." */
	char secret[512];    /* base64; never printed */
} zl_tsig_t;

/*
 * Read the first key of a BIND key file (key "NAME" { algorithm ALG;
 * secret "BASE64"; };, as tsig-keygen writes it).  0, or -1 with a
 * message naming the file and line (never its content) in err.
 */
int zl_tsig_load(const char *path, zl_tsig_t *key, char *err, size_t errlen);

/* Zero n bytes at p (a secret), stores the compiler keeps. */
void zl_wipe(void *p, size_t n);

/* A zone to transfer (zonelint --axfr). */
typedef struct zl_axfr {
	const char *server;     /* ADDRESS, ADDRESS:PORT or [ADDRESS]:PORT */
	const char *domain;     /* the zone */
	const zl_tsig_t *tsig;  /* or NULL */
	unsigned timeout;       /* seconds for each read; 0: 10 */
} zl_axfr_t;

/*
 * Lint the zone `req` transfers from its server, as zl_lint_file lints a
 * file: the same rules, the same returns.  Findings name the zone as
 * axfr://SERVER/DOMAIN and, as its line, a record's place in the
 * transfer (the first SOA is 1).  A transfer that cannot be made or
 * stops early is ZG_ERR_IO with `errbuf` set.
 */
zg_status_t zl_lint_axfr(const zl_axfr_t *req, const zl_options_t *options,
    zl_report_t *report, char *errbuf, size_t errlen);

/* Questions to the DNS (lint/dns.c), for zl_lint_live. */
typedef struct zl_dns zl_dns_t;

/* A resolver (NULL: the system's; ADDRESS[:PORT] or [ADDRESS]:PORT),
 * each question's timeout in seconds (0: 5), a cache file or NULL (read
 * now when it exists: its answers are given without asking); NULL with a
 * message in err. */
zl_dns_t *zl_dns_new(const char *resolver, unsigned timeout,
    const char *cache, char *err, size_t errlen);
/* Write the cache file (when there is one and it lacks answers). */
int zl_dns_save(zl_dns_t *d, char *err, size_t errlen);
void zl_dns_free(zl_dns_t *d);

/*
 * Lint the records `domain`'s mail needs as the DNS serves them (asked
 * through `dns`), with the rules of a zone file, then the checks only the
 * DNS can answer: SPF with every include and redirect followed (RFC 7208
 * 4.6.4).  At most `budget` questions (0: no limit).  A question that
 * fails is a dns-failure finding, never a missing record.
 */
zg_status_t zl_lint_live(const char *domain, zl_dns_t *dns, unsigned budget,
    const char *resolver_name, const zl_options_t *options,
    zl_report_t *report, char *errbuf, size_t errlen);

typedef enum zl_format {
	ZL_FORMAT_TEXT,
	ZL_FORMAT_JSON,
	ZL_FORMAT_SARIF, /* SARIF 2.1.0 (OASIS), for code scanning */
	ZL_FORMAT_GITHUB /* GitHub Actions workflow commands */
} zl_format_t;

/* Counts of findings by severity, after -W. */
typedef struct zl_counts {
	size_t errors;
	size_t warnings;
	size_t notes;
	size_t files;
} zl_counts_t;

/*
 * Sort the findings by file and line and print them (text: one finding and
 * one hint line each, then a summary line; json: one document; sarif: one
 * SARIF 2.1.0 log with one run, whose rules are the whole rule table;
 * github: one ::error, ::warning or ::notice workflow command a finding,
 * then the text summary line).
 */
zg_status_t zl_report_print(zl_report_t *report, zl_format_t format,
    FILE *fp);

/* Counts of the findings in a report. */
zl_counts_t zl_report_counts(const zl_report_t *report);

/*
 * The first finding at error level, in the order the report prints them
 * (suppressed ones left out), as "MESSAGE [rule-id]" into msg (size
 * bytes): 1; 0 when there is none; -1 when the report lost findings for
 * want of memory.
 */
int zl_report_first_error(const zl_report_t *report, char *msg,
    size_t size);

#endif /* LINT_LINT_H */
