/* origin.h: the origin a zone file's owner names give it. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * A file that --origin, an SOA with an absolute owner and an absolute
 * $ORIGIN leave without an origin may still say which domain it is:
 * zonegen's snippet writes every name absolute, all of them one domain's.
 * The reader's pre-scan hands each owner name of the top file to
 * zl_owners_add (and says when a directive may bring names that need an
 * origin); zl_owners_origin then decides, in constant time:
 *
 * - an owner name that needs an origin (relative, "@"), $INCLUDE,
 *   $GENERATE or a relative $ORIGIN, or no owner at all: the names say
 *   nothing; the file name's origin, when there is one, as before;
 * - every owner name absolute: the file name's origin when it is at or
 *   above one of them (db.example.com holding example.com's names, as
 *   before); else the domain the names share: the deepest name at or
 *   above every owner, once each owner's leading underscore labels are removed
 *   (_dmarc.D and _imap._tcp.D are names of D, RFC 8552), taken when some
 *   owner is that name (a domain's apex has records: its MX, its SPF) and
 *   it is not the root.  Else the names are several domains' (or no
 *   domain has records of its own there): no origin, and a reason.
 *
 * Names are compared as wire names, byte for byte after lower-casing
 * ASCII letters (RFC 4343); the whole is linear in the owner names' text.
 */
#ifndef LINT_ORIGIN_H
#define LINT_ORIGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

#include "lint/rdata.h"

/* What the owner names seen so far say.  Zero-initialise. */
struct zl_owners {
	uint8_t common[ZL_NAME_MAX]; /* the deepest name at or above every
				      * owner (underscore labels removed),
				      * wire, lower case; 0 octets: none yet */
	size_t common_len;
	bool common_is_owner;        /* some owner is that name */
	bool relative;               /* some name needs an origin */
	uint8_t file_name[ZL_NAME_MAX]; /* the file name's origin, wire */
	size_t file_name_len;        /* 0: none */
	bool file_name_above;        /* it is at or above some owner */
};

/* Before the first owner: the origin the file name gives, or NULL
 * (borrowed: copied). */
void zl_owners_start(struct zl_owners *o, const ldns_rdf *file_name);

/* One owner name as written (s[0..len), no quotes): "@" and a name
 * without its final dot need an origin; a name that does not read is
 * left to the reader's syntax check. */
void zl_owners_add(struct zl_owners *o, const char *s, size_t len);

/* A directive that may bring names that need an origin ($INCLUDE,
 * $GENERATE, a relative $ORIGIN). */
void zl_owners_relative(struct zl_owners *o);

/*
 * The origin, as described above.  `file_name` is the one given to
 * zl_owners_start; it is taken over (returned, or freed).  Returns
 * the origin (the caller frees it) and its source in *source ("file
 * name" or "owner names"), or NULL with *source NULL; then `why`
 * (whylen bytes) holds the reason when the names are all absolute but
 * not one domain's, else "".
 */
ldns_rdf *zl_owners_origin(const struct zl_owners *o, ldns_rdf *file_name,
    const char **source, char *why, size_t whylen);

#endif /* LINT_ORIGIN_H */
