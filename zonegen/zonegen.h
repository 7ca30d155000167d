/* zonegen.h: provider profiles, mail record plans and their writers. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The one header other folders include from zonegen/.
 *
 * A profile (zg_profile_t) describes one mail provider: the CNAMEs its
 * clients use, its MX hosts, its SPF and DMARC texts and its client service
 * ports.  A plan (zg_plan_t) is the list of records one customer domain needs
 * to use that provider; the generator writes plans in several formats and the
 * linter compares zones against them, so "correct" is defined once, here.
 *
 * The SPF (RFC 7208) and DMARC (RFC 7489, RFC 9989) parsers live here too,
 * because the profile loader must refuse an invalid SPF or DMARC text and the
 * linter must judge the records it finds by the same grammar.
 *
 * Libraries never print and never exit: they return a zg_status_t and hand
 * messages back in caller-visible structures.
 */
#ifndef ZONEGEN_ZONEGEN_H
#define ZONEGEN_ZONEGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* <ldns/ldns.h> makes bool a signed char when <stdbool.h> was not included
 * before it (ldns/common.h), which truncates (bool)256 to 0 and gives one
 * function two types across files: every file includes <stdbool.h> first. */
_Static_assert((bool)2 == 1, "include <stdbool.h> before <ldns/ldns.h>");

#define ZG_VERSION "0.1.0"

/* Longest presentation name without the trailing dot (RFC 1035 2.3.4). */
#define ZG_NAME_MAX 253
/* Longest label (RFC 1035 2.3.4). */
#define ZG_LABEL_MAX 63
/* Longest TXT character-string (RFC 1035 3.3). */
#define ZG_TXT_CHUNK_MAX 255
/* Largest TTL (RFC 2181 8). */
#define ZG_TTL_MAX 2147483647u

/* Operational status of every zonegen call. */
typedef enum zg_status {
	ZG_OK = 0,
	ZG_ERR_NOMEM,     /* out of memory */
	ZG_ERR_IO,        /* read or write failed (see errno) */
	ZG_ERR_PROFILE,   /* profile invalid: see the message */
	ZG_ERR_DOMAIN,    /* domain name invalid: see the message */
	ZG_ERR_ARGUMENT,  /* a caller passed a value out of range */
	ZG_STATUS__COUNT
} zg_status_t;

/* Stable English text of a status; never NULL. */
const char *zg_status_str(zg_status_t status);

/* Severity of a finding, shared with the linter. */
typedef enum zg_severity {
	ZG_SEV_NOTE = 0,
	ZG_SEV_WARNING,
	ZG_SEV_ERROR
} zg_severity_t;

/*
 * Copy `len` bytes of untrusted `text` into `out` (`size` bytes, always
 * NUL-terminated) for quoting in a message: printable ASCII and valid UTF-8
 * as they are, every other byte (and '"' and '\\') as \xHH; cut, with
 * "..." appended, after `max` input bytes or when `out` is full.  No input
 * can end a line or a quotation, or start a terminal escape sequence.
 */
void zg_text_quote(char *out, size_t size, const char *text,
    size_t len, size_t max);

/*
 * Copy `text` into `out` (`size` bytes, always NUL-terminated) in plain
 * ASCII, to show what a name holds when two look alike: visible ASCII
 * but '\\' as it is, every other character as \uXXXX (\UXXXXXXXX past
 * U+FFFF), a byte that is not UTF-8 or an ASCII space or control as
 * \xHH; cut, with "..." appended, after `max` characters or when `out`
 * is full.  "exa\u200bmple.com" shows the zero-width space that
 * zg_text_quote would print as it is.
 */
void zg_text_codepoints(char *out, size_t size, const char *text,
    size_t max);

/*
 * The display form of a whole string of untrusted text for a line of
 * output (a file name, a message): valid UTF-8 as it is, every other byte
 * (controls, DEL, bytes that are not UTF-8, and the characters
 * zonegen/escape.c lists) as \xHH, so that the result is one line of valid
 * UTF-8.  With `raw`, a backslash is \x5c too, which makes the form
 * unambiguous; text the program composed, whose input parts zg_text_quote
 * already escaped, is shown with `raw` false.  A new string, NULL when out
 * of memory.
 */
char *zg_display(const char *text, bool raw);

/*
 * One line of a message on `fp` (standard error): printf's `fmt` and its
 * arguments, the result in its display form (zg_display, not raw) and a
 * line feed, so that no path or text inside can start another line.
 */
void zg_say(FILE *fp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------------------ */
/* Problems found in SPF and DMARC texts.                              */
/* ------------------------------------------------------------------ */

/*
 * One problem in a record text.  `id` is a static rule id (for example
 * "spf-syntax"); the linter's rule table gives it a severity.  `invalid` is
 * true when the problem makes the record invalid under its RFC (a receiver
 * returns permerror or ignores the record); it is false for advice such as
 * "ptr SHOULD NOT be used".
 */
typedef struct zg_problem {
	const char *id;
	bool invalid;
	char message[256];
} zg_problem_t;

/* A growable list of problems; zero-initialise, free with zg_problems_free. */
typedef struct zg_problems {
	zg_problem_t *items;
	size_t count;
	size_t capacity;
} zg_problems_t;

/*
 * Append a problem; the message is formatted like printf and cut to fit.
 * Returns ZG_OK or ZG_ERR_NOMEM.
 */
zg_status_t zg_problems_add(zg_problems_t *problems, const char *id,
    bool invalid, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* True when any problem in the list is `invalid`. */
bool zg_problems_invalid(const zg_problems_t *problems);

/* Free the items (not the struct itself); leaves an empty list. */
void zg_problems_free(zg_problems_t *problems);

/* ------------------------------------------------------------------ */
/* SPF (RFC 7208).                                                     */
/* ------------------------------------------------------------------ */

typedef enum zg_spf_kind {
	ZG_SPF_ALL,
	ZG_SPF_INCLUDE,
	ZG_SPF_A,
	ZG_SPF_MX,
	ZG_SPF_PTR,
	ZG_SPF_IP4,
	ZG_SPF_IP6,
	ZG_SPF_EXISTS,
	ZG_SPF_REDIRECT,   /* modifier redirect= */
	ZG_SPF_EXP,        /* modifier exp= */
	ZG_SPF_UNKNOWN_MOD /* any other name=value modifier (RFC 7208 6) */
} zg_spf_kind_t;

/* One term of an SPF record, in record order. */
typedef struct zg_spf_term {
	zg_spf_kind_t kind;
	char qualifier;       /* '+', '-', '~' or '?'; '+' when omitted */
	bool qualifier_given; /* the qualifier was written */
	char *name;           /* mechanism/modifier name as written */
	char *value;          /* domain-spec, address or modifier value, or NULL */
	int cidr4;            /* ip4 or a/mx ip4-cidr-length, -1 if absent */
	int cidr6;            /* ip6 or a/mx ip6-cidr-length, -1 if absent */
} zg_spf_term_t;

typedef struct zg_spf {
	zg_spf_term_t *terms;
	size_t count;
	/* Terms that cost a DNS query (RFC 7208 4.6.4): include, a, mx,
	 * ptr, exists, redirect. */
	unsigned dns_terms;
} zg_spf_t;

/*
 * True when `text` (length `len`, not NUL-terminated) is an SPF record by
 * RFC 7208 4.5: "v=spf1" (case-insensitive) followed by a space or the end.
 */
bool zg_spf_is_record(const char *text, size_t len);

/*
 * Parse an SPF record text (the TXT strings already joined) against the
 * RFC 7208 12 grammar.  Problems are appended to `problems`.  On ZG_OK,
 * `*out` holds whatever terms could be parsed (caller frees with
 * zg_spf_free) even when problems were found; on error `*out` is untouched.
 */
zg_status_t zg_spf_parse(const char *text, size_t len, zg_spf_t **out,
    zg_problems_t *problems);

/* Free a parsed record; NULL does nothing. */
void zg_spf_free(zg_spf_t *spf);

/*
 * Write a term as a record holds it: the qualifier unless it is '+', the
 * name in lower case, ':' or '=' and the value, the prefix lengths
 * ("/24", "//64"): the inverse of the parser, so that parsing the output
 * gives an equal term.  Returns the length the term needs (like
 * snprintf); `out` is cut to `size` and always NUL-terminated.
 */
size_t zg_spf_term_format(const zg_spf_term_t *t, char *out, size_t size);

/*
 * Two terms are the same: kind, name (of an unknown modifier), value
 * (domain-specs without regard to case or a final dot, addresses as
 * addresses) and both prefix lengths; the qualifier too when `qualifier`.
 */
bool zg_spf_term_equal(const zg_spf_term_t *a, const zg_spf_term_t *b,
    bool qualifier);

/* ------------------------------------------------------------------ */
/* DMARC (RFC 7489 and RFC 9989).                                      */
/* ------------------------------------------------------------------ */

typedef enum zg_dmarc_rfc {
	ZG_DMARC_RFC7489 = 7489,
	ZG_DMARC_RFC9989 = 9989
} zg_dmarc_rfc_t;

/* One tag=value pair, in record order, whitespace trimmed. */
typedef struct zg_dmarc_tag {
	char *name;
	char *value;
} zg_dmarc_tag_t;

typedef struct zg_dmarc {
	zg_dmarc_tag_t *tags;
	size_t count;
} zg_dmarc_t;

/*
 * True when `text` looks like a DMARC record: it starts with "v" optional
 * spaces "=" optional spaces "DMARC1" (RFC 7489 6.4), used to find DMARC
 * records among the TXT records at a name.
 */
bool zg_dmarc_is_record(const char *text, size_t len);

/*
 * Parse a DMARC record under the chosen RFC, appending problems.  On ZG_OK
 * `*out` holds the tags (caller frees with zg_dmarc_free); on error `*out`
 * is untouched.
 */
zg_status_t zg_dmarc_parse(const char *text, size_t len, zg_dmarc_rfc_t rfc,
    zg_dmarc_t **out, zg_problems_t *problems);

/* Value of a tag (the first with that name, case-insensitive), or NULL. */
const char *zg_dmarc_get(const zg_dmarc_t *dmarc, const char *name);

/* Free a parsed record; NULL does nothing. */
void zg_dmarc_free(zg_dmarc_t *dmarc);

/*
 * The host of a mailto: URI, one entry of a rua= or ruf= list (`len`
 * octets, the list's comma excluded), without a trailing dot, into `host`
 * (`hostlen` octets with the NUL).  False for another scheme, an address
 * without '@' or an empty or too long host.
 */
bool zg_dmarc_uri_host(const char *uri, size_t len, char *host,
    size_t hostlen);

/*
 * Call `fn` for each mailto: address of the rua= and then the ruf= list of
 * a parsed record, with the tag ("rua" or "ruf"), the list entry
 * (`uri`, `len` octets) and its host (zg_dmarc_uri_host).  Stops early
 * when `fn` returns false; returns the number of calls.
 */
typedef bool zg_dmarc_host_fn(const char *tag, const char *uri, size_t len,
    const char *host, void *arg);
size_t zg_dmarc_report_hosts(const zg_dmarc_t *dmarc, zg_dmarc_host_fn *fn,
    void *arg);

/* ------------------------------------------------------------------ */
/* Profiles.                                                           */
/* ------------------------------------------------------------------ */

/* A client host: `label`.DOMAIN is a CNAME to `target`. */
typedef struct zg_cname {
	char *label;
	char *target;
} zg_cname_t;

typedef struct zg_mx {
	uint16_t priority;
	char *host;
} zg_mx_t;

typedef enum zg_protocol {
	ZG_PROTO_IMAP,
	ZG_PROTO_POP3,
	ZG_PROTO_SUBMISSION,
	ZG_PROTO_SMTP
} zg_protocol_t;

typedef enum zg_security {
	ZG_SEC_NONE,
	ZG_SEC_STARTTLS,
	ZG_SEC_TLS
} zg_security_t;

/* One client service port (REFERENCE: client settings). */
typedef struct zg_service {
	zg_protocol_t protocol;
	zg_security_t security;
	char *host;
	uint16_t port;
	uint16_t priority; /* SRV priority, default 0 */
	uint16_t weight;   /* SRV weight, default 1 */
} zg_service_t;

typedef struct zg_profile {
	char *name;
	char *description;
	uint32_t ttl;
	zg_cname_t *cnames;
	unsigned cnames_count;
	zg_mx_t *mx;
	unsigned mx_count;
	char *spf;
	char *dmarc;
	/* The provider's zone that authorises reports (RFC 7489 7.1) to
	 * the rua= and ruf= hosts of `dmarc`, absolute; or NULL. */
	char *dmarc_report_zone;
	zg_service_t *services;
	unsigned services_count;
} zg_profile_t;

/* The built-in profile's name ("webmo"). */
extern const char zg_profile_builtin_name[];

/*
 * Load and validate a profile.  `path` names it in messages; with `text`
 * NULL the file at `path` is read, else `text` (length `len`) is parsed.
 * On success `*out` owns the profile (zg_profile_free).  On failure `*out`
 * is untouched, ZG_ERR_PROFILE (or ZG_ERR_IO, ZG_ERR_NOMEM) is returned and
 * `message` (of `message_size` bytes) holds one "PATH:LINE: text" line.
 */
zg_status_t zg_profile_load(const char *path, const char *text, size_t len,
    zg_profile_t **out, char *message, size_t message_size);

/* Load the built-in profile (same contract as zg_profile_load). */
zg_status_t zg_profile_load_builtin(zg_profile_t **out, char *message,
    size_t message_size);

/* The built-in profile's YAML source, as compiled in. */
const char *zg_profile_builtin_text(size_t *len);

/* Write a profile as YAML that zg_profile_load accepts. */
zg_status_t zg_profile_print(const zg_profile_t *profile, FILE *fp);

/* Free a profile; NULL does nothing. */
void zg_profile_free(zg_profile_t *profile);

/* ------------------------------------------------------------------ */
/* Domains.                                                            */
/* ------------------------------------------------------------------ */

/* What zg_domain_normalize says about its input besides the name. */
typedef struct zg_domain_note {
	/* ZG_ERR_DOMAIN: what is wrong, one line of ASCII that does not
	 * repeat the input ("has an empty label (two dots in a row)",
	 * "has label xn--zz, which is not valid Punycode (RFC 3492)"). */
	char why[256];
	/* ZG_OK: true when the IDNA mapping (UTS #46 4.1) changed the
	 * input in more than the case of ASCII letters and the writing of
	 * U-labels as A-labels: it removed a character (U+200B ZERO WIDTH
	 * SPACE), folded a compatibility form (full-width letters, U+3002
	 * IDEOGRAPHIC FULL STOP as a dot), lower-cased a letter outside
	 * ASCII or composed characters (NFC).  `from` is then the input and
	 * `to` the name in U-labels, both as zg_text_codepoints shows them
	 * (cut after 80 characters). */
	bool mapped;
	char from[256];
	char to[256];
} zg_domain_note_t;

/*
 * Turn user input into a domain name the generator may use: IDNA A-labels
 * (libidn2, IDNA2008 with the UTS #46 mapping), lower case, LDH labels of
 * at most 63 octets, at most 253 octets, at least two labels, no trailing
 * dot (one is accepted).  Each xn-- label must be an A-label: valid
 * Punycode whose U-label gives back the same A-label (RFC 5891 5.4).
 * `out` must hold ZG_NAME_MAX + 1 bytes.  On failure returns
 * ZG_ERR_DOMAIN (or ZG_ERR_NOMEM) with `note->why` set and `out`
 * untouched; on success `note->mapped` says whether the mapping rewrote
 * the input, which the caller may refuse.
 */
zg_status_t zg_domain_normalize(const char *input, char *out,
    zg_domain_note_t *note);

/*
 * Check a domain name in presentation form (ASCII, no escapes): labels of
 * letters, digits and inner hyphens (and '_' when `underscore`), 1 to 63
 * octets each, at most 253 octets without the final dot.  `absolute`
 * requires the trailing dot, else it is refused.  Returns NULL when the
 * name is fine, else a static reason.
 */
const char *zg_name_check(const char *name, bool absolute,
    bool underscore);

/*
 * A set of domain names, to find the repeats in a list of thousands:
 * names are compared byte for byte (normalise them first with
 * zg_domain_normalize, so that case, a trailing dot and U-labels do not
 * hide a repeat); a hash only picks where to look.  Each name keeps where
 * it was first seen: `file` (borrowed: it must outlive the set; NULL for a
 * command-line argument) and `line` (the argument's number for one).
 */
typedef struct zg_name_set zg_name_set_t;

typedef struct zg_name_seen {
	const char *file;
	unsigned long line;
} zg_name_seen_t;

/* A new empty set, or NULL when out of memory; free with
 * zg_name_set_free. */
zg_name_set_t *zg_name_set_new(void);

/*
 * Add `name` (copied), first seen at `where` (copied).  Returns ZG_OK with
 * `*first` NULL when the name is new, or pointing at where it was first
 * seen (valid until the next call) when it is a repeat; ZG_ERR_NOMEM
 * leaves the set as it was.
 */
zg_status_t zg_name_set_add(zg_name_set_t *set, const char *name,
    const zg_name_seen_t *where, const zg_name_seen_t **first);

/* Free the set and its names; NULL does nothing. */
void zg_name_set_free(zg_name_set_t *set);

/* ------------------------------------------------------------------ */
/* Time values.                                                        */
/* ------------------------------------------------------------------ */

/*
 * Read a TTL or other time value as zone files write it (RFC 1035 5.1
 * seconds, and BIND's units that RFC 2308 4 describes): seconds ("3600"),
 * or numbers each followed by a unit s, m, h, d or w in either case, in
 * any order, summed ("1h30m", "2W", "1d12h"); a number without a unit
 * ends such a list only when it adds up to zero so far ("0h30", as BIND;
 * "1h30" is refused); at most 63 characters.  `s` holds `n` bytes, not
 * NUL-terminated.  Returns NULL with the value in `*out`, saturated at
 * 2^32 (the caller checks its own limit: 2147483647 for a TTL, RFC 2181
 * 8), or a static reason such as "has an unknown unit (...)", `*out`
 * untouched.
 */
const char *zg_period_parse(const char *s, size_t n, uint64_t *out);

/* ------------------------------------------------------------------ */
/* Plans: the records one domain needs.                                */
/* ------------------------------------------------------------------ */

/* The record types a plan holds; values are the RR type codes. */
typedef enum zg_rr_type {
	ZG_RR_CNAME = 5,
	ZG_RR_MX = 15,
	ZG_RR_TXT = 16,
	ZG_RR_SRV = 33
} zg_rr_type_t;

/* What a plan record is for, so that the linter can name it. */
typedef enum zg_role {
	ZG_ROLE_CNAME,
	ZG_ROLE_MX,
	ZG_ROLE_SPF,
	ZG_ROLE_DMARC,
	ZG_ROLE_SRV,
	ZG_ROLE_REPORT /* DOMAIN._report._dmarc.HOST "v=DMARC1" */
} zg_role_t;

typedef struct zg_record {
	zg_role_t role;
	zg_rr_type_t type;
	char owner[ZG_NAME_MAX + 2]; /* absolute, with the trailing dot */
	uint32_t ttl;
	/* CNAME target, MX host or SRV target (absolute); NULL for TXT.
	 * Borrowed from the profile. */
	const char *target;
	uint16_t priority; /* MX preference, SRV priority */
	uint16_t weight;   /* SRV */
	uint16_t port;     /* SRV */
	const char *text;  /* TXT text, unsplit; borrowed from the profile */
	const zg_service_t *service; /* SRV: the profile entry */
} zg_record_t;

typedef struct zg_plan_options {
	bool srv;      /* add the RFC 6186 / 8314 SRV records */
	bool ttl_set;  /* override the profile's TTL with `ttl` */
	uint32_t ttl;
} zg_plan_options_t;

typedef struct zg_plan {
	char domain[ZG_NAME_MAX + 2]; /* absolute, with the trailing dot */
	/* Report plans: the customer domain the records authorise reports
	 * for (absolute), while `domain` is the provider's zone; else "". */
	char subject[ZG_NAME_MAX + 2];
	const zg_profile_t *profile;  /* borrowed */
	zg_record_t *records;
	size_t count;
	size_t capacity;
} zg_plan_t;

/*
 * Fill `plan` with the records `domain` (normalised, no trailing dot) needs
 * under `profile`.  The plan borrows the profile, which must outlive it.  A
 * plan may be rebuilt many times; its memory is reused.  Free with
 * zg_plan_free.
 */
zg_status_t zg_plan_build(zg_plan_t *plan, const zg_profile_t *profile,
    const char *domain, const zg_plan_options_t *options);

/*
 * Fill `plan` with the records the profile's dmarc_report_zone must hold
 * so that receivers send `domain`'s reports to the rua= and ruf= hosts of
 * the profile's DMARC record (RFC 7489 7.1): DOMAIN._report._dmarc.HOST
 * TXT "v=DMARC1", one per host.  No records when `domain` and the zone are
 * one within the other (the reports stay in one organisation).
 * ZG_ERR_PROFILE when the profile names no such zone, ZG_ERR_DOMAIN when
 * an owner would be longer than a name may be.
 */
zg_status_t zg_plan_report_build(zg_plan_t *plan,
    const zg_profile_t *profile, const char *domain,
    const zg_plan_options_t *options);

/* Free a plan's records (not the struct itself). */
void zg_plan_free(zg_plan_t *plan);

/* The SRV owner prefix ("_imaps._tcp") for a service, or NULL (SMTP relay). */
const char *zg_service_srv_prefix(const zg_service_t *service);

/* ------------------------------------------------------------------ */
/* Writers.                                                            */
/* ------------------------------------------------------------------ */

typedef enum zg_format {
	ZG_FORMAT_BIND,
	ZG_FORMAT_NSUPDATE,
	ZG_FORMAT_JSON
} zg_format_t;

typedef struct zg_emit_options {
	zg_format_t format;
	bool relative;       /* bind: $ORIGIN and relative owners */
	bool replace;        /* nsupdate: replace the records at the names */
	bool idempotent;     /* nsupdate, no replace: may be applied again */
	const char *server;  /* nsupdate: server line, or NULL */
	const char *port;    /* nsupdate: server port (decimal), or NULL */
} zg_emit_options_t;

/*
 * Writers.  A JSON document spans many plans: call zg_emit_begin once, then
 * zg_emit_plan for each plan, then zg_emit_end; the bind and nsupdate
 * formats print nothing in begin and end.  `*state` is zero before begin.
 * Returns ZG_ERR_IO when writing fails.
 */
zg_status_t zg_emit_begin(FILE *fp, const zg_emit_options_t *options,
    int *state);
zg_status_t zg_emit_plan(FILE *fp, const zg_plan_t *plan,
    const zg_emit_options_t *options, int *state);
zg_status_t zg_emit_end(FILE *fp, const zg_emit_options_t *options,
    int *state);

/*
 * Write `text` as one or more quoted character-strings of at most
 * ZG_TXT_CHUNK_MAX octets each, separated by one space, escaping '"', '\\'
 * and every byte outside printable ASCII as \DDD (RFC 1035 5.1), so that no
 * input can end the string or the line.
 */
zg_status_t zg_txt_write_quoted(FILE *fp, const char *text);
/* The same for `len` bytes of text, which may hold NUL bytes. */
zg_status_t zg_txt_write_quoted_n(FILE *fp, const char *text, size_t len);

/*
 * Write `prefix` (trusted text that needs no escaping) followed by `s` as
 * one JSON string of strict UTF-8: '"' and '\\' escaped, control
 * characters and the hidden characters of zonegen/escape.c as \uXXXX,
 * other UTF-8 as it is, and a byte that is not UTF-8 as \ufffd (pass
 * untrusted text through zg_display first to keep it).
 */
zg_status_t zg_json_write_string(FILE *fp, const char *prefix,
    const char *s);

#endif /* ZONEGEN_ZONEGEN_H */
