/* fastrr.h: rdata of the common record types, text to wire, without ldns. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * A fast path for the zone reader.  ldns_rr_new_frm_str() spends most of
 * its time on token buffers and mallocs; the records of a typical zone are
 * A, AAAA, NS, CNAME, PTR, MX, TXT and SRV written plainly, and those can be
 * read here in one pass straight into wire format, with no allocation.
 *
 * The one promise: when a function here returns true, ldns 1.8.3 reads the
 * same text without error into byte-identical wire data.  Anything the fast
 * path is not certain to read exactly as ldns does (escapes, quotes where a
 * name or number belongs, empty or long labels, long names, numbers out of
 * range or not plain digits, the wrong number of fields, control bytes,
 * parentheses, ';') returns false, and the caller asks ldns, which then
 * reports any error as before.  tests/unit/test_fastrr.c and
 * tests/fuzz/fuzz_fastrr.c hold ldns to that promise.
 *
 * Nothing here allocates, prints or keeps state; every function is safe to
 * call from several threads at once.
 */
#ifndef LINT_FASTRR_H
#define LINT_FASTRR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Read `rdata` (len bytes, not NUL-terminated) of a record of `type` as
 * ldns_rr_new_frm_str(". 3600 IN TYPE RDATA") would.  The text is as the
 * reader writes it: the fields separated by single spaces, a quoted field
 * keeping its double quotes, no comments, parentheses or newlines.
 *
 * origin/origin_len: the zone origin in wire format (absolute, as
 * ldns_rdf_data() of a dname, 1 to 255 bytes); appended to relative names,
 * and the whole name for "@".
 *
 * Handled: A, AAAA, NS, CNAME, PTR, DNAME, MX, SRV, TXT and SPF.  On
 * success returns true, writes the wire rdata into out (cap bytes: names
 * uncompressed with their case kept, integers in network order, TXT as
 * length-prefixed strings) and its length into *out_len.  Returns false
 * when the type is not handled, the text is anything the fast path does not
 * certainly read the way ldns does, or the data does not fit in cap; then
 * *out_len is untouched and out's bytes are unspecified.  The caller owns
 * every buffer; nothing is kept.
 */
bool
zl_fast_rdata(uint16_t type, const char *rdata, size_t len,
    const uint8_t *origin, size_t origin_len, uint8_t *out, size_t cap,
    size_t *out_len);

/*
 * A domain name as written (owner or rdata field), s of len bytes, not
 * NUL-terminated: "@" is the origin, a name without a trailing dot gets
 * the origin appended, "." is the root, as the reader's name_from_text()
 * and ldns do.  Same contract as zl_fast_rdata(): true with the wire form
 * in out (at most 255 bytes) and its length in *out_len, or false (not
 * certain, or longer than cap): ask ldns.
 */
bool
zl_fast_dname(const char *s, size_t len, const uint8_t *origin,
    size_t origin_len, uint8_t *out, size_t cap, size_t *out_len);

#endif /* LINT_FASTRR_H */
