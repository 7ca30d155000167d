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

const char *
zg_name_check(const char *name, bool absolute, bool underscore)
{
	size_t len = strlen(name);
	size_t label = 0;
	size_t i;

	if (len == 0) {
		return "is empty";
	}
	if (name[len - 1] == '.') {
		if (!absolute) {
			return "must be relative (no trailing dot)";
		}
		len--;
		if (len == 0) {
			return "is the root, not a host name";
		}
	} else if (absolute) {
		return "is not fully qualified (add the trailing dot)";
	}
	if (len > ZG_NAME_MAX) {
		return "is longer than 253 octets (RFC 1035 2.3.4)";
	}
	for (i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)name[i] : '.';

		if (c == '.') {
			if (label == 0) {
				return "has an empty label";
			}
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

zg_status_t
zg_domain_normalize(const char *input, char *out, const char **why)
{
	char buf[ZG_NAME_MAX + 2];
	const char *ascii = input;
	char *idna = NULL;
	const char *reason;
	const char *last;
	size_t len = strlen(input);
	size_t i;
	bool high = false;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)input[i];

		if (c >= 0x80) {
			high = true;
		} else if (c <= 0x20 || c == 0x7f) {
			*why = c == ' ' ? "contains a space"
					: "contains a control character";
			return ZG_ERR_DOMAIN;
		}
	}
	if (len > 4 * (ZG_NAME_MAX + 1)) {
		*why = "is longer than 253 octets (RFC 1035 2.3.4)";
		return ZG_ERR_DOMAIN;
	}
	if (high) {
		/* IDNA2008 with UTS 46 mapping (lower-cases and NFC). */
		int rc = idn2_to_ascii_8z(input, &idna,
		    IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);

		if (rc != IDN2_OK) {
			*why = "is not a valid internationalized domain name "
			       "(IDNA2008)";
			return ZG_ERR_DOMAIN;
		}
		ascii = idna;
	}
	len = strlen(ascii);
	if (len > 0 && ascii[len - 1] == '.') {
		len--;
	}
	if (len == 0) {
		*why = "is empty";
		free(idna);
		return ZG_ERR_DOMAIN;
	}
	if (len > ZG_NAME_MAX) {
		*why = "is longer than 253 octets (RFC 1035 2.3.4)";
		free(idna);
		return ZG_ERR_DOMAIN;
	}
	for (i = 0; i < len; i++) {
		buf[i] = (char)tolower((unsigned char)ascii[i]);
	}
	buf[len] = '\0';
	free(idna);
	reason = zg_name_check(buf, false, false);
	if (reason != NULL) {
		*why = reason;
		return ZG_ERR_DOMAIN;
	}
	last = strrchr(buf, '.');
	if (last == NULL) {
		*why = "has only one label (a mail domain has at least two)";
		return ZG_ERR_DOMAIN;
	}
	/* A top-level label is never all digits (RFC 3696 2): this also
	 * refuses IPv4 addresses. */
	for (last++; *last != '\0' && isdigit((unsigned char)*last); last++) {
	}
	if (*last == '\0') {
		*why = "has an all-numeric top-level label (an IP address?)";
		return ZG_ERR_DOMAIN;
	}
	memcpy(out, buf, len + 1);
	return ZG_OK;
}
