/* origin.c: the origin a zone file's owner names give it (origin.h). */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdio.h>
#include <string.h>

#include "lint/internal.h"
#include "lint/origin.h"

/* At most 127 labels in a name of 255 octets (RFC 1035 3.1). */
#define LABELS_MAX 128

/* RFC 1035 5.1: a name is absolute when it ends in a dot that no
 * backslash escapes; "@" is the origin itself. */
static bool
absolute(const char *s, size_t len)
{
	size_t slashes = 0;

	if (len == 0 || s[len - 1] != '.') {
		return false;
	}
	while (slashes + 1 < len && s[len - 2 - slashes] == '\\') {
		slashes++;
	}
	return slashes % 2 == 0;
}

/* The offset of each label of a wire name, the root's left out. */
static size_t
labels(const uint8_t *w, size_t len, size_t *off)
{
	size_t n = 0, i = 0;

	while (i < len && w[i] != 0 && n < LABELS_MAX) {
		off[n++] = i;
		i += 1u + w[i];
	}
	return n;
}

void
zl_owners_start(struct zl_owners *o, const ldns_rdf *file_name)
{
	memset(o, 0, sizeof(*o));
	if (file_name != NULL && ldns_rdf_size(file_name) <= ZL_NAME_MAX) {
		memcpy(o->file_name, ldns_rdf_data(file_name),
		    ldns_rdf_size(file_name));
		o->file_name_len = ldns_rdf_size(file_name);
	}
}

void
zl_owners_relative(struct zl_owners *o)
{
	o->relative = true;
}

void
zl_owners_add(struct zl_owners *o, const char *s, size_t len)
{
	static const uint8_t root[1] = { 0 };
	uint8_t wire[ZL_NAME_MAX];
	size_t offc[LABELS_MAX], offw[LABELS_MAX];
	const uint8_t *w = wire;
	size_t n, nc, nw, k, cut;

	if (o->relative) {
		return; /* the names say nothing any more */
	}
	if (!absolute(s, len)) {
		o->relative = true;
		return;
	}
	if (!zl_name_read(s, len, root, 1, wire, &n, NULL, 0)) {
		return; /* the reader reports it */
	}
	zl_wire_lower(wire, n);
	o->file_name_above |= o->file_name_len > 0 && zl_wire_below(wire, n,
	    o->file_name, o->file_name_len);
	/* _dmarc.D, _imap._tcp.D: attributes of D (RFC 8552 2). */
	while (w[0] != 0 && w[1] == '_') {
		n -= 1u + w[0];
		w += 1u + w[0];
	}
	if (o->common_len == 0) {
		memcpy(o->common, w, n);
		o->common_len = n;
		o->common_is_owner = true;
		return;
	}
	/* The labels both end with, compared from the root down. */
	nc = labels(o->common, o->common_len, offc);
	nw = labels(w, n, offw);
	for (k = 0; k < nc && k < nw; k++) {
		const uint8_t *a = o->common + offc[nc - 1 - k];
		const uint8_t *b = w + offw[nw - 1 - k];

		if (a[0] != b[0] || memcmp(a + 1, b + 1, a[0]) != 0) {
			break;
		}
	}
	if (k == nc) {
		/* At or below the common name: it stays. */
		o->common_is_owner |= nw == nc;
		return;
	}
	/* It becomes an ancestor that no earlier owner is (each was at or
	 * below the longer name): this owner may be it. */
	cut = k == 0 ? o->common_len - 1 : offc[nc - k];
	memmove(o->common, o->common + cut, o->common_len - cut);
	o->common_len -= cut;
	o->common_is_owner = nw == k;
}

ldns_rdf *
zl_owners_origin(const struct zl_owners *o, ldns_rdf *file_name,
    const char **source, char *why, size_t whylen)
{
	char common[ZL_NAME_TEXT_MAX], named[ZL_NAME_TEXT_MAX];
	ldns_rdf *origin;

	if (whylen > 0) {
		why[0] = '\0';
	}
	*source = NULL;
	if (o->relative || o->common_len == 0 ||
	    (file_name != NULL && o->file_name_above)) {
		*source = file_name != NULL ? "file name" : NULL;
		return file_name;
	}
	named[0] = '\0';
	if (file_name != NULL) {
		zl_name_text(ldns_rdf_data(file_name), ldns_rdf_size(file_name),
		    named);
		ldns_rdf_deep_free(file_name);
	}
	if (o->common_len > 1 && o->common_is_owner) {
		origin = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME,
		    o->common_len, o->common);
		*source = origin != NULL ? "owner names" : NULL;
		return origin;
	}
	zl_name_text(o->common, o->common_len, common);
	snprintf(why, whylen, "no origin: none was given, no SOA has an "
	    "absolute owner, there is no $ORIGIN, and the owner names, all "
	    "absolute, are not one domain's (%s%s%s)%s%s%s",
	    o->common_len > 1 ? "the name above them all, " : "they share "
	    "no name but the root",
	    o->common_len > 1 ? common : "",
	    o->common_len > 1 ? ", has no records" : "",
	    named[0] != '\0' ? "; the file name's " : "", named,
	    named[0] != '\0' ? " is above none of them" : "");
	return NULL;
}
