/* read.h: the zone reader: a zone file in, one wire record per record out. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The reader turns a master file (RFC 1035 section 5) into a stream of
 * records, each with the file and the first and last physical line it was
 * written on.  It splits the text into logical records itself (quotes,
 * escapes, comments, parentheses over several lines), follows $ORIGIN,
 * $TTL and $INCLUDE, and reads each record's rdata from its tokens straight
 * to wire form (lint/rdata.h: every type BIND 9.18 and Knot 3.2 read).  Records are streamed: nothing is kept after the
 * callback returns, and each file is read through a window of 256 KiB that
 * grows only for a record that does not fit in it (up to the file-size
 * cap), so memory stays bounded by the window, one record and the include
 * depth.  Standard input and other inputs that cannot be rewound (pipes,
 * devices) are read whole, up to the cap.
 *
 * Problems with the input never stop the reader: each one goes to the
 * problem callback with a rule id and the reader carries on with the next
 * record.  The reader never prints and never exits.
 *
 * Rule ids reported:
 *   syntax-error    anything that does not read as a record or directive
 *   origin-unknown  no origin from the option, the SOA, $ORIGIN, the file
 *                   name or the owner names (line 0, lint/origin.h);
 *                   relative names are then read against the root
 *   include-failed  an $INCLUDE that is missing, unreadable, outside the
 *                   including file's directory tree, a loop or too deep
 *   txt-string-too-long
 *                   a TXT or SPF character-string over 255 octets
 *   default-ttl-missing
 *                   once a file: a record without a TTL and no $TTL
 *                   before it, which BIND warns of; the record is read
 *                   (RFC 2308 4: BIND gives an SOA the SOA minimum, and
 *                   the records after it without a TTL too; else the
 *                   last TTL written, RFC 1035 5.1; else 3600)
 *   ttl-too-large   a TTL or $TTL above 2147483647 and within 32 bits,
 *                   read as 0 as BIND reads it (RFC 2181 8); the record
 *                   is read
 *   limit-exceeded  a file, a record or a record count past its limit
 *   out-of-zone     once for a $GENERATE that makes records whose owner
 *                   is not at or below the zone's apex, which are not
 *                   handed over (BIND ignores them before it reads their
 *                   rdata); only when the origin is the apex: given by
 *                   opts->origin or the SOA's owner ("option", "SOA"),
 *                   not guessed.  Not a problem: it does not stop the
 *                   directive or fail an included file's first record.
 *                   (Such records written out are handed over; the
 *                   linter says them, lint/zone.c.)
 */
#ifndef LINT_READ_H
#define LINT_READ_H

#include <stdbool.h>
#include <stddef.h>

#include <ldns/ldns.h>

/* <ldns/ldns.h> makes bool a signed char when <stdbool.h> was not included
 * before it (ldns/common.h), which truncates (bool)256 to 0 and gives one
 * function two types across files: every file includes <stdbool.h> first. */
_Static_assert((bool)2 == 1, "include <stdbool.h> before <ldns/ldns.h>");

/* Default for zl_read_options_t.include_depth_max. */
#define ZL_READ_INCLUDE_DEPTH_DEFAULT 8
/* Default for zl_read_options_t.size_max: 256 MiB. */
#define ZL_READ_SIZE_DEFAULT ((size_t)256 * 1024 * 1024)
/* Default for zl_read_options_t.records_max. */
#define ZL_READ_RECORDS_DEFAULT ((size_t)10 * 1000 * 1000)
/* The longest record, all its lines together (not configurable). */
#define ZL_READ_RECORD_MAX ((size_t)512 * 1024)

/*
 * One record as the reader hands it over.  Everything is borrowed: valid
 * only during the record callback.  Copy what you want to keep.
 *
 * The rdata comes in wire form (lint/rdata.h), for every type;
 * zl_record_rr() has ldns decode the record on demand, for printing.
 */
struct reader;
typedef struct zl_record {
	const uint8_t *owner; /* the owner in wire format, case as written */
	size_t owner_len;
	uint16_t type;
	uint16_t rr_class;
	uint32_t ttl;
	const uint8_t *rdata; /* wire rdata (names uncompressed, case as
			       * written) */
	size_t rdata_len;
	const char *file;   /* the path as given ("-" for stdin); for an
			     * included file, the including file's directory
			     * as given joined with the $INCLUDE path; never
			     * an absolute path the user did not write.  The
			     * strings the reader hands over (here and to
			     * `problem` and `comment`) stay valid, and are
			     * not reused for another, until zl_read_file
			     * returns */
	unsigned line;      /* first physical line of the record */
	unsigned last_line; /* last physical line of the record */
	bool ttl_explicit;  /* the record's own text gave a TTL; when false
			     * the TTL came from $TTL, the last explicit TTL
			     * (RFC 1035 5.1), the SOA MINIMUM or 3600 */
	bool owner_hashed;   /* owner_hash holds zl_name_hash(owner), and the
			      * owner's ASCII letters are lower case (set by
			      * zl_read_file_piped only, and not on every
			      * record: its reader leaves the hashing to the
			      * linter when the linter waits for it) */
	uint64_t owner_hash;
	struct reader *reader_; /* for zl_record_rr(); NULL when piped */
} zl_record_t;

/*
 * The record as an ldns_rr: its wire form decoded by ldns on the first
 * call.
 * Borrowed like the rest; NULL only when out of memory.
 */
const ldns_rr *zl_record_rr(const zl_record_t *rec);

/*
 * An ldns_rr's rdata in wire form (its fields' data joined, names
 * uncompressed, as the reader's own rdata) into *buf, grown as needed
 * (*cap bytes); the length in *len.  false only when out of memory.
 */
bool zl_rr_rdata_wire(const ldns_rr *rr, uint8_t **buf, size_t *cap,
    size_t *len);

/*
 * An ldns_rr made from wire form: owner (uncompressed), type, class, TTL
 * and rdata (uncompressed names), decoded by ldns; NULL when ldns does
 * not take it.  The caller frees it with ldns_rr_free.
 */
ldns_rr *zl_rr_from_wire(const uint8_t *owner, size_t owner_len,
    uint16_t type, uint16_t rr_class, uint32_t ttl, const uint8_t *rdata,
    size_t rdata_len);

/*
 * The same record, handed over to the caller to keep (ldns_rr_free it):
 * cheaper than cloning.  At most once per record, and zl_record_rr() is
 * not to be used after it.  NULL only when out of memory.
 */
ldns_rr *zl_record_take_rr(const zl_record_t *rec);

/* Options; a NULL pointer means all defaults. */
typedef struct zl_read_options {
	const char *origin;         /* --origin text, or NULL */
	const char *display;        /* the name records and problems give
				     * the file, and the file name origin
				     * is taken from (standard input:
				     * --stdin-filename); NULL: path */
	bool include_any;           /* allow $INCLUDE outside the including
				     * file's directory tree */
	unsigned include_depth_max; /* nesting limit; 0 = default (8) */
	size_t size_max;            /* bytes read per file; 0 = default
				     * (256 MiB); past it one limit-exceeded
				     * and the rest of that file is skipped */
	size_t records_max;         /* records per file, includes counted;
				     * 0 = default (10 million); past it
				     * one limit-exceeded, the rest
				     * skipped */
	bool no_file_name_origin;   /* never take the origin from the name */
	const char *const *origin_prefixes; /* stripped from the file name;
					     * NULL: "db." */
	size_t origin_prefixes_count;
	const char *const *origin_suffixes; /* NULL: ".zone", ".db" */
	size_t origin_suffixes_count;
} zl_read_options_t;

/*
 * Callbacks; any of them may be NULL.  Every pointer passed to them is
 * borrowed and valid only during the call.
 *
 * begin   called once, before the first record or problem of the file
 *         (even for an empty file): the zone origin, or NULL when unknown,
 *         and where it came from: "option", "SOA" (the SOA's owner,
 *         written absolute or "@" after an absolute $ORIGIN: the
 *         zone's apex), "$ORIGIN" (the first absolute one, when the SOA
 *         does not say), "file name", "owner names", or NULL when
 *         unknown.
 * record  called once per record that parsed.
 * problem called once per problem; file is as in zl_record_t, line is the
 *         first line of the record or directive concerned (0 for the
 *         whole file), rule_id one of the ids above, message one line of
 *         text without a trailing period, quoting at most about 60 bytes of
 *         input with non-printable bytes written as \xHH.
 */
/*
 * Whether an origin from `source` (begin's) is the zone's apex: given
 * ("option"), the SOA's owner ("SOA"), or a transfer's or the DNS's
 * zone ("AXFR", "DNS"); not one guessed from a later $ORIGIN, the file
 * name or the owner names.  out-of-zone is said only then.
 */
bool zl_origin_is_apex(const char *source);

typedef struct zl_read_callbacks {
	void (*begin)(void *ctx, const ldns_rdf *origin,
	    const char *origin_source);
	void (*record)(void *ctx, const zl_record_t *rec);
	void (*problem)(void *ctx, const char *file, unsigned line,
	    const char *rule_id, const char *message);
	/* A comment holding "zonelint:" (text after the ';', not NUL-
	 * terminated), and whether it stands alone on its line. */
	void (*comment)(void *ctx, const char *file, unsigned line,
	    const char *text, size_t len, bool alone);
	/* Called once after the last record: the file's number of lines. */
	void (*end)(void *ctx, unsigned lines);
	/* zl_read_file_piped only: a record that will be handed over a few
	 * calls later (a hint, for prefetching; it may never come if the
	 * read stops).  Borrowed like the others. */
	void (*ahead)(void *ctx, const zl_record_t *rec);
	/* Now and then, between records: how many bytes of the file named
	 * to zl_read_file are behind the records handed over (an estimate:
	 * a window's worth at a time) and the file's size (0 when not
	 * known, as for standard input); included files are not counted.
	 * A hint, for sizing tables. */
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
} zl_read_callbacks_t;

/*
 * Read the zone file at path ("-" reads standard input, shown as "-") and
 * report its records and problems through cb, passing ctx along.
 *
 * opts may be NULL.  Returns 0 when the file was read, even when it had
 * problems (they went to cb->problem); -1 when it could not be opened or
 * read at all, or opts->origin is not a domain name, with a message in
 * errbuf ("cannot open PATH: reason") when errbuf is not NULL.  A read
 * that fails part way through the file (an I/O error) also returns -1
 * ("cannot read PATH: reason"), after the callbacks for what was read and
 * without end.  Nothing is kept after the call returns; the caller owns
 * path, opts, cb and ctx.
 */
int
zl_read_file(const char *path, const zl_read_options_t *opts,
    const zl_read_callbacks_t *cb, void *ctx, char *errbuf, size_t errlen);

/*
 * zl_read_file on a thread of its own: the same calls of cb, in the same
 * order with the same values, made on the calling thread while the next
 * records are read on the other (lint/pipe.c).  Records come with their
 * owner in lower case, most with its hash (owner_hashed; not all: see
 * zl_record_t), the `ahead` callback is called, and zl_record_rr() and
 * zl_record_take_rr() are not to be used.  Reads on the calling thread
 * when no thread can be started.  Memory: 8 chunks of 64 KiB, and at most
 * two records or comments larger than that in flight.
 */
int
zl_read_file_piped(const char *path, const zl_read_options_t *opts,
    const zl_read_callbacks_t *cb, void *ctx, char *errbuf, size_t errlen);

/*
 * The records of a zone transferred from a server (lint/axfr.c), handed
 * to cb as zl_read_file hands a file's: begin (the domain, "AXFR"), one
 * record per record served but the closing SOA, with `display` as their
 * file and their place in the transfer as their line, problems
 * (syntax-error for data that does not read, limit-exceeded for opts'
 * limits) and end.  Returns as zl_read_file does: -1 with a message in
 * err when the transfer cannot be made, is refused or stops early.
 */
struct zl_axfr;
int zl_axfr_read(const struct zl_axfr *req, const char *display,
    const zl_read_options_t *opts, const zl_read_callbacks_t *cb, void *ctx,
    char *err, size_t errlen);

/* For tests: the window size a file starts with; 0 = default 256 KiB. */
extern size_t zl_read_window_initial;
/* For tests: every line through the lexer's general loop, none through
 * its fast way for lines of plain words. */
extern bool zl_read_no_fast_lines;
/* For tests: zl_read_file_piped's reader hashes the owners always (1),
 * never (0), in every other chunk (2), or as the linter's pace asks (-1,
 * the default). */
extern int zl_pipe_hash_owners;
/* For tests: zl_read_file_piped's reader streams its chunks to memory
 * always (1), never (0), after the chunk where it asks for the probe
 * (2, without one), or when the probe finds the threads far apart (-1,
 * the default); and how many chunks were streamed, all reads together. */
extern int zl_pipe_stream;
extern _Atomic unsigned long zl_pipe_streamed;
/* For tests: how many times zl_read_file_piped's reader found no chunk
 * free and began to wait, and how many pooled chunks it took, all reads
 * together; how many readers wait now. */
extern _Atomic unsigned long zl_pipe_waits;
extern _Atomic unsigned long zl_pipe_taken;
extern _Atomic unsigned zl_pipe_waiting;
/* For tests: how many times the reader, about to wait, tended the
 * linter's heap (lint/mem.h, zl_heap_tend), all reads together. */
extern _Atomic unsigned long zl_pipe_tends;

#endif /* LINT_READ_H */
