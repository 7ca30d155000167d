/* domain.c: validate and normalise domain names given by users. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <idn2.h>

#include "zonegen/internal.h"
#include "zonegen/zonegen.h"

static bool
is_ldh(unsigned char c, bool underscore)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || (underscore && c == '_');
}

/*
 * An empty label, said where it is (a name "may not have empty labels",
 * RFC 1035 3.1, but for the one dot at the end that stands for the root);
 * the root alone is not a host.  NULL when there is none.
 */
static const char *
empty_label(const char *name, size_t len)
{
	size_t i;

	if (len == 0) {
		return "is empty";
	}
	if (len == 1 && name[0] == '.') {
		return "is the root, not a host name";
	}
	if (name[0] == '.') {
		return "has an empty label (it starts with a dot)";
	}
	for (i = 1; i < len; i++) {
		if (name[i] == '.' && name[i - 1] == '.') {
			return "has an empty label (two dots in a row)";
		}
	}
	return NULL;
}

const char *
zg_name_check(const char *name, bool absolute, bool underscore)
{
	size_t len = strlen(name);
	size_t label = 0;
	size_t i;
	const char *reason = empty_label(name, len);

	if (reason != NULL) {
		return reason;
	}
	if (name[len - 1] == '.') {
		if (!absolute) {
			return "must be relative (no trailing dot)";
		}
		len--;
	} else if (absolute) {
		return "is not fully qualified (add the trailing dot)";
	}
	if (len > ZG_NAME_MAX) {
		return "is longer than 253 octets (RFC 1035 2.3.4)";
	}
	for (i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)name[i] : '.';

		if (c == '.') {
			if (name[i - 1] == '-' || name[i - label] == '-') {
				return "has a label that starts or ends with "
				       "a hyphen";
			}
			label = 0;
			continue;
		}
		if (!is_ldh(c, underscore)) {
			return underscore ? "may hold only letters, digits, "
					    "'-', '_' and '.'"
					  : "may hold only letters, digits, "
					    "'-' and '.'";
		}
		if (++label > ZG_LABEL_MAX) {
			return "has a label longer than 63 octets "
			       "(RFC 1035 2.3.4)";
		}
	}
	return NULL;
}

/* What libidn2 refuses, in words that say what to change. */
static const char *
idna_reason(int rc)
{
	switch (rc) {
	case IDN2_PUNYCODE_BAD_INPUT:
	case IDN2_PUNYCODE_BIG_OUTPUT:
	case IDN2_PUNYCODE_OVERFLOW:
		return "has an xn-- label that is not valid Punycode "
		       "(RFC 3492)";
	case IDN2_DISALLOWED:
		return "holds a character that IDNA2008 does not allow in "
		       "names (RFC 5892)";
	case IDN2_UNASSIGNED:
		return "holds a code point that Unicode has not assigned "
		       "(RFC 5892)";
	case IDN2_BIDI:
		return "mixes right-to-left and left-to-right text in a way "
		       "IDNA2008 forbids (RFC 5893)";
	case IDN2_CONTEXTJ:
	case IDN2_CONTEXTJ_NO_RULE:
	case IDN2_CONTEXTO:
	case IDN2_CONTEXTO_NO_RULE:
		return "holds a joiner or other character outside the "
		       "context IDNA2008 allows (RFC 5892 A)";
	case IDN2_LEADING_COMBINING:
		return "has a label that starts with a combining mark "
		       "(RFC 5891 4.2.3.2)";
	case IDN2_2HYPHEN:
		return "has a label with '--' in its third and fourth places "
		       "(RFC 5891 4.2.3.1)";
	}
	return "is not a valid internationalized domain name (IDNA2008)";
}

/*
 * A label that starts with xn-- (any case) must be an A-label: valid
 * Punycode (RFC 3492) that decodes to a U-label whose A-label is the label
 * itself (RFC 5891 5.4 and 4.4: decode, convert back, compare).  Returns
 * false with note->why set when it is not.
 */
static bool
alabel_ok(const char *label, size_t n, zg_domain_note_t *note)
{
	char a[ZG_LABEL_MAX + 1];
	char shown[96];
	char *u = NULL;
	uint8_t *back = NULL;
	bool ok = false;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		a[i] = zg_ascii_lower(label[i]);
	}
	a[n] = '\0';
	rc = idn2_to_unicode_8z8z(a, &u, 0);
	if (rc != IDN2_OK) {
		snprintf(note->why, sizeof(note->why), rc == IDN2_MALLOC
			? "cannot be processed: out of memory"
			: "has label %s, which is not valid Punycode "
			  "(RFC 3492)", a);
		goto done;
	}
	zg_text_codepoints(shown, sizeof(shown), u, 12);
	rc = idn2_lookup_u8((const uint8_t *)u, &back, IDN2_NONTRANSITIONAL);
	if (rc != IDN2_OK) {
		snprintf(note->why, sizeof(note->why), "has label %s, which "
		    "decodes to %s, not a valid U-label: %s (RFC 5891 5.4)",
		    a, shown, idn2_strerror(rc));
	} else if (!zg_ascii_equal((const char *)back, strlen((char *)back),
		       a)) {
		snprintf(note->why, sizeof(note->why), "has label %s, which "
		    "decodes to %s, whose A-label is %s: not the same "
		    "(RFC 5891 5.4)", a, shown, (const char *)back);
	} else {
		ok = true;
	}
done:
	free(u);
	free(back);
	return ok;
}

/* Every xn-- label of `name` (ASCII, labels at most 63 octets) is an
 * A-label; the other labels are left to the other checks. */
static bool
alabels_ok(const char *name, zg_domain_note_t *note)
{
	const char *p = name;

	for (;;) {
		size_t n = strcspn(p, ".");
		size_t ldh = strspn(p, "abcdefghijklmnopqrstuvwxyz"
				       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

		if (n >= 4 && n <= ZG_LABEL_MAX && ldh == n &&
		    zg_ascii_equal(p, 4, "xn--") && !alabel_ok(p, n, note)) {
			return false;
		}
		if (p[n] == '\0') {
			return true;
		}
		p += n + 1;
	}
}

/*
 * Whether the IDNA mapping rewrote `input` into `name` (normalised, no
 * trailing dot): label by label, the input label with its ASCII letters in
 * lower case must be the name's label, or the U-label that A-label stands
 * for, byte for byte.  Anything else is a rewrite: a removed or folded
 * character, a letter outside ASCII lower-cased, a composed character,
 * another dot.
 */
static zg_status_t
rewritten(const char *input, const char *name, bool *out)
{
	const char *p = input, *q = name;
	char label[4 * (ZG_NAME_MAX + 1) + 1];

	for (;;) {
		size_t n = strcspn(p, "."), m = strcspn(q, "."), i;
		bool same;

		for (i = 0; i < n; i++) {
			label[i] = zg_ascii_lower(p[i]);
		}
		label[n] = '\0';
		same = n == m && memcmp(label, q, n) == 0;
		if (!same && m >= 4 && zg_ascii_equal(q, 4, "xn--")) {
			char a[ZG_LABEL_MAX + 1];
			char *u = NULL;
			int rc;

			memcpy(a, q, m);
			a[m] = '\0';
			rc = idn2_to_unicode_8z8z(a, &u, 0);
			if (rc == IDN2_MALLOC) {
				return ZG_ERR_NOMEM;
			}
			same = rc == IDN2_OK && strcmp(u, label) == 0;
			free(u);
		}
		if (!same) {
			*out = true;
			return ZG_OK;
		}
		/* The input's one trailing dot is not a label. */
		if (q[m] == '\0') {
			*out = !(p[n] == '\0' || (p[n] == '.' &&
						     p[n + 1] == '\0'));
			return ZG_OK;
		}
		if (p[n] == '\0') {
			*out = true;
			return ZG_OK;
		}
		p += n + 1;
		q += m + 1;
	}
}

/* The name in U-labels for a message, as zg_text_codepoints shows it. */
static void
show_unicode(char *out, size_t size, const char *name)
{
	char *u = NULL;

	if (idn2_to_unicode_8z8z(name, &u, 0) == IDN2_OK) {
		zg_text_codepoints(out, size, u, 80);
	} else {
		zg_text_codepoints(out, size, name, 80);
	}
	free(u);
}

/* A reason for the input before any conversion, or NULL. */
static const char *
input_reason(const char *input, size_t len, bool *high)
{
	size_t i;

	*high = false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)input[i];

		if (c >= 0x80) {
			*high = true;
		} else if (c <= 0x20 || c == 0x7f) {
			return c == ' ' ? "contains a space"
					: "contains a control character";
		}
	}
	if (len > 4 * (ZG_NAME_MAX + 1)) {
		return "is longer than 253 octets (RFC 1035 2.3.4)";
	}
	/* libidn2 would call an empty label an IDNA error. */
	return empty_label(input, len);
}

/* A mail domain has at least two labels, and a top-level label is never
 * all digits (RFC 3696 2): this also refuses IPv4 addresses. */
static const char *
shape_reason(const char *name)
{
	const char *last = strrchr(name, '.');

	if (last == NULL) {
		return "has only one label (a mail domain has at least two)";
	}
	for (last++; *last != '\0' && isdigit((unsigned char)*last); last++) {
	}
	if (*last == '\0') {
		return "has an all-numeric top-level label (an IP address?)";
	}
	return NULL;
}

zg_status_t
zg_domain_normalize(const char *input, char *out, zg_domain_note_t *note)
{
	char buf[ZG_NAME_MAX + 2];
	const char *ascii = input;
	char *idna = NULL;
	const char *reason;
	size_t len = strlen(input);
	size_t i;
	bool high, mapped = false;
	zg_status_t st = ZG_ERR_DOMAIN;

	note->why[0] = '\0';
	note->mapped = false;
	reason = input_reason(input, len, &high);
	if (reason != NULL) {
		goto refuse;
	}
	/* Before libidn2, which would only say "invalid Punycode". */
	if (!alabels_ok(input, note)) {
		return ZG_ERR_DOMAIN;
	}
	if (high) {
		/* IDNA2008 with the UTS 46 mapping (lower-cases, NFC, folds
		 * compatibility forms, removes ignored characters). */
		int rc = idn2_to_ascii_8z(input, &idna,
		    IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);

		if (rc != IDN2_OK) {
			if (rc == IDN2_MALLOC) {
				reason = "cannot be processed: out of memory";
				st = ZG_ERR_NOMEM;
			} else {
				reason = idna_reason(rc);
			}
			goto refuse;
		}
		ascii = idna;
	}
	len = strlen(ascii);
	/* The mapping may have made dots ("a.\u3002b"). */
	reason = empty_label(ascii, len);
	if (reason != NULL) {
		goto refuse;
	}
	if (ascii[len - 1] == '.') {
		len--;
	}
	if (len > ZG_NAME_MAX) {
		reason = "is longer than 253 octets (RFC 1035 2.3.4)";
		goto refuse;
	}
	for (i = 0; i < len; i++) {
		buf[i] = zg_ascii_lower(ascii[i]);
	}
	buf[len] = '\0';
	reason = zg_name_check(buf, false, false);
	if (reason == NULL) {
		reason = shape_reason(buf);
	}
	if (reason != NULL) {
		goto refuse;
	}
	if (high) {
		st = rewritten(input, buf, &mapped);
		if (st != ZG_OK) {
			reason = "cannot be processed: out of memory";
			goto refuse;
		}
	}
	free(idna);
	if (mapped) {
		note->mapped = true;
		zg_text_codepoints(note->from, sizeof(note->from), input, 80);
		show_unicode(note->to, sizeof(note->to), buf);
	}
	memcpy(out, buf, len + 1);
	return ZG_OK;
refuse:
	free(idna);
	snprintf(note->why, sizeof(note->why), "%s", reason);
	return st;
}
