/* generate.h: BIND's $GENERATE directive, expanded as BIND 9.18 does. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * $GENERATE range owner [ttl] [class] type rdata
 *
 * BIND's extension to the master file (ARM, "The $GENERATE Directive")
 * makes one record for each value of range, "start-stop" or
 * "start-stop/step", from two templates in which "$" stands for the value.
 * This module takes the range and the two templates, each exactly as
 * written in the file (one token each), checks them once, and then makes
 * the owner text and the rdata text of any one record on demand, without
 * ever holding the list of records: the reader asks for the count first,
 * so that a record limit applies before anything is made, and then for
 * each record in turn.  The TTL, class and type are the reader's, as is
 * reading the texts this module makes: an owner as a domain name relative
 * to the current $ORIGIN ("@" alone is the origin; an owner may start with
 * "$", made from "$$", and is still a name, never a directive), and the
 * rdata as the rest of a record line, where quotes, escapes, parentheses
 * and ';' keep their meaning (BIND reads it again with its master-file
 * lexer).  Escapes are passed through as written: "\$" stays "\$" for
 * the name or rdata reader to turn into "$".
 *
 * Every rule follows what BIND 9.18 does, including what it does by
 * accident (generate.c lists them with where they come from): the range
 * and the modifiers are read by glibc's sscanf(), so "1-5x" is the range
 * 1-5 and "4294967297" is 1; and within one template a "$" or a partial
 * modifier takes the offset, width and base an earlier modifier left
 * behind.  zl_generate_quirk() names the first such accident in a
 * directive, for a warning.
 *
 * Cost: zl_generate_new() reads each template once and keeps it, parsed,
 * in at most about 15 bytes per byte of template (a "$" every other
 * byte); an expansion writes only into the caller's buffers, in time
 * linear in what it writes (and stops at BIND's length limits).  No
 * recursion.  Nothing here prints, exits or keeps global state.  A zl_generate_t is not changed
 * after zl_generate_new(), so several threads may expand one at once,
 * each into its own buffers.
 */
#ifndef LINT_GENERATE_H
#define LINT_GENERATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest owner text BIND makes (its buffer, 2048 bytes, less the
 * NUL), the longest rdata text (65512 less the NUL), and the longest text
 * one "$" modifier makes (a 128-byte buffer less the NUL). */
#define ZL_GENERATE_OWNER_MAX 2047u
#define ZL_GENERATE_RDATA_MAX 65511u
#define ZL_GENERATE_FIELD_MAX 127u
/* Templates longer than this are refused (BIND has no such limit; no
 * useful template comes near it). */
#define ZL_GENERATE_TEMPLATE_MAX ((size_t)1 << 20)

/* One $GENERATE directive, checked and parsed. */
typedef struct zl_generate zl_generate_t;

/*
 * A text an expansion writes: s holds len bytes and a NUL after them (so
 * that it can be handed to a C-string parser; no NUL occurs before it),
 * in cap bytes allocated with malloc.  Start from all zeros; the buffer
 * grows as needed and is kept between calls, so reusing one costs no
 * allocation once it is large enough; free(s) when done (or
 * zl_generate_text_free).
 */
typedef struct zl_generate_text {
	char *s;
	size_t len;
	size_t cap;
} zl_generate_text_t;

/*
 * Check and parse one directive.  range, owner and rdata are the tokens
 * as written (not NUL-terminated; the lengths count every byte): owner
 * unquoted, rdata either unquoted or a quoted string with its double
 * quotes, which are taken off (and \" inside it made ", BIND's lexer does
 * both) before "$" is looked for.
 *
 * Returns NULL and a one-line message in err (errlen bytes, may be 0;
 * quoting at most about 60 bytes of input, non-printable bytes as \xHH)
 * when BIND refuses the directive whatever the value: a range BIND calls
 * invalid, a modifier it calls a syntax error, a template that BIND's
 * lexer would not hand over as one token (an unescaped blank, '"', '(',
 * ')' or ';' in it, an unbalanced quote, a NUL byte; the reader's lexer
 * never makes one), an empty or over-long template, or out of memory.
 * BIND meets such an error at the first record (after any error of that
 * record's value further left, so its message may differ).  Errors that
 * depend on the value (an offset past 2^31-1, a text too long) come from
 * zl_generate_expand().  On success err is "".
 */
zl_generate_t *
zl_generate_new(const char *range, size_t range_len, const char *owner,
    size_t owner_len, const char *rdata, size_t rdata_len, char *err,
    size_t errlen);

/* How many records the directive makes: 1 to 2^31. */
uint64_t
zl_generate_count(const zl_generate_t *g);

/* The iterator's value for record i (0 <= i < count): start + i * step. */
uint32_t
zl_generate_value(const zl_generate_t *g, uint64_t i);

/*
 * The texts of record i (0 <= i < count) into owner and rdata (see
 * zl_generate_text_t).  Returns false with a one-line message in err when
 * BIND refuses the directive at this value: an offset that takes the
 * value past 2^31-1, one modifier's text over ZL_GENERATE_FIELD_MAX, the
 * owner over ZL_GENERATE_OWNER_MAX or the rdata over
 * ZL_GENERATE_RDATA_MAX, i out of range, or out of memory; the buffers
 * then hold no record (their allocations are kept).  BIND stops at the
 * first value it refuses, and refuses the zone.
 */
bool
zl_generate_expand(const zl_generate_t *g, uint64_t i,
    zl_generate_text_t *owner, zl_generate_text_t *rdata, char *err,
    size_t errlen);

/*
 * NULL, or one line (as err above) saying what BIND accepts here without
 * complaint but the writer probably did not mean: text after the range, a
 * number past 32 bits, a modifier left incomplete or a "$" that reuses an
 * earlier modifier's offset, width or base.  Only the first is told.
 * Valid as long as g.
 */
const char *
zl_generate_quirk(const zl_generate_t *g);

void
zl_generate_free(zl_generate_t *g);

/* free(t->s) and zero *t. */
void
zl_generate_text_free(zl_generate_text_t *t);

#endif /* LINT_GENERATE_H */
