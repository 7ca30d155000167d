/* rdata.h: every record type's rdata, presentation text to wire, checked. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The record types BIND 9.18 and Knot 3.2 read, in one table, and one
 * reader that turns a record's rdata tokens (as the zone reader's lexer
 * found them: offsets into its buffer, quotes and escapes still written)
 * straight into wire form, with the checks BIND and Knot make: numbers in
 * range for their field (8, 16, 32 bits), hex, base64 and base32hex
 * strictly decoded, digests of the length their algorithm gives, names of
 * at most 255 octets with labels of at most 63, character-strings of at
 * most 255 octets, rdata of at most 65535 octets.  RFC 3597's "\# LEN HEX"
 * is read for every type, and for a type in the table its wire data must
 * then be what that type's text form could have given (as BIND checks).
 *
 * Meta types (OPT, TKEY, TSIG, the query types, TYPE128 to TYPE255) and
 * the obsolete MD and MF are refused as data, as BIND refuses them.  A type
 * not in the table is read only as "TYPEnnn \# ...".
 *
 * ldns is not used here; ldns 1.8.3 lacks several types (AMTRELAY, DSYNC,
 * RESINFO, WALLET, ...), reads SVCB values in quotes wrongly and wraps
 * numbers that do not fit their field.  tests/unit/test_typediff.c holds
 * this reader to BIND's and Knot's verdicts and to BIND's wire data.
 *
 * Nothing here allocates or keeps state: every function may be called from
 * several threads at once.
 */
#ifndef LINT_RDATA_H
#define LINT_RDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* <ldns/ldns.h> makes bool a signed char when <stdbool.h> was not included
 * before it (ldns/common.h), which truncates (bool)256 to 0 and gives one
 * function two types across files: every file includes <stdbool.h> first. */
_Static_assert((bool)2 == 1, "include <stdbool.h> before <ldns/ldns.h>");

/* The most rdata a record can hold (RFC 1035 3.2.1, RDLENGTH). */
#define ZL_RDATA_MAX 65535u
/* A domain name in wire form, at most (RFC 1035 3.1). */
#define ZL_NAME_MAX 255u

/* One token of a record as the lexer found it, in the lexer's buffer. */
typedef struct zl_token {
	size_t off;    /* first byte; a quoted token starts at its '"' */
	size_t len;    /* bytes, quotes included */
	unsigned line; /* physical line it is on */
	bool quoted;
} zl_token_t;

/* zl_rtype_t.flags */
#define ZL_TYPE_META 0x01     /* not data: refused (RFC 6895 3.1) */
#define ZL_TYPE_OBSOLETE 0x02 /* MD, MF: refused, as BIND does */
#define ZL_TYPE_GENERIC 0x04  /* no text form: only "\# LEN HEX" */
#define ZL_TYPE_CHECK 0x08    /* checks across fields (digest lengths,
			       * SVCB mandatory keys, KEY flags): the wire
			       * form is checked after the text is read */

/* One row of the type table. */
typedef struct zl_rtype {
	uint16_t code;
	uint8_t flags;
	const char *name;    /* mnemonic, upper case */
	const uint8_t *fields; /* private: the field kinds */
} zl_rtype_t;

/*
 * The type a token names, by mnemonic (any case) or as TYPEnnn (RFC 3597
 * 5): true with the code in *code and the table row in *row (NULL for a
 * TYPEnnn the table does not have); false when it names no type.
 */
bool zl_rtype_lookup(const char *s, size_t n, uint16_t *code,
    const zl_rtype_t **row);

/*
 * Input quoted for a message: s[0..n), at most 60 bytes of it ("..." when
 * cut), bytes outside printable ASCII, '"' and '\\' written as \xHH, into out
 * (outlen bytes, 248 are always enough).  Returns out.
 */
const char *zl_quote(const char *s, size_t n, char *out, size_t outlen);

/* The table row of a type code, or NULL. */
const zl_rtype_t *zl_rtype_get(uint16_t code);

/* The table itself, for tests and documentation: *count rows. */
const zl_rtype_t *zl_rtype_table(size_t *count);

/*
 * A domain name as written, s[0..len) (escapes as written, no quotes),
 * into wire form in out (ZL_NAME_MAX bytes): "@" alone is the origin, a
 * name without a final unescaped dot gets the origin appended (origin:
 * wire form, absolute).  false with a reason in why (whylen bytes, one
 * line: the name quoted, at most 60 bytes of it, then what is wrong) when
 * it is not a name.
 */
bool zl_name_read(const char *s, size_t len, const uint8_t *origin,
    size_t origin_len, uint8_t *out, size_t *out_len, char *why,
    size_t whylen);

/*
 * Wire name (len octets) equal to origin (olen octets) or below it, on
 * label boundaries, letters compared in any case (RFC 4343).
 */
bool zl_wire_below(const uint8_t *name, size_t len, const uint8_t *origin,
    size_t olen);

/*
 * The rdata of a record of the given type: tok[0..ntok) are its tokens in
 * buf.  On success returns true with the wire rdata in out (ZL_RDATA_MAX
 * bytes; names uncompressed, case as written) and its length in *out_len.
 * Otherwise false, with a reason in why ("bad number \"70000\": at most
 * 65535 for the preference", one line, no trailing period).  Meta and
 * obsolete types are refused here too.
 */
bool zl_rdata_read(uint16_t type, const char *buf, const zl_token_t *tok,
    size_t ntok, const uint8_t *origin, size_t origin_len, uint8_t *out,
    size_t *out_len, char *why, size_t whylen);

/*
 * Wire rdata of a type in the table checked as BIND checks "\#" data:
 * every field present and well formed, nothing left over, digest lengths
 * as their algorithm gives.  true for a type not in the table.
 */
bool zl_rdata_wire_ok(uint16_t type, const uint8_t *rdata, size_t len,
    char *why, size_t whylen);

#endif /* LINT_RDATA_H */
