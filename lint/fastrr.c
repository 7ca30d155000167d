/* fastrr.c: rdata of the common record types, text to wire, without ldns. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Every rule below copies what ldns 1.8.3 does (rr.c,
 * ldns_rr_new_frm_str_internal; str2host.c; dname.c; parse.c,
 * ldns_bget_token) for the texts it accepts, and gives up on the rest:
 *
 * - ldns's tokenizer drops '(' and ')', starts a comment at ';' and lets
 *   '"' switch both off, even inside a name or a number; a backslash
 *   escapes; "\#" starts RFC 3597 data.  None of these bytes, nor control
 *   bytes (it turns CR into a space), ever reach a field here.
 * - A name field whose first label is "@" becomes the whole origin in
 *   ldns ("@.example.net." too), but not for the reader's owner names;
 *   only a lone "@" is taken.
 * - ldns_str2rdf_int16 is strtol() cast to 16 bits: "65536" is 0, "-1"
 *   is 65535, "+1" and " 1" are 1.  Only plain digits up to 65535 are
 *   taken (leading zeros read as decimal, as strtol does).
 * - ldns_dname_cat() does not check the 255-byte limit (RFC 1035 3.1);
 *   here a longer name gives up.
 * - ldns reads at most 65535 bytes of rdata text and cuts the rest off
 *   silently; far longer texts than any record needs give up.
 */

#include <arpa/inet.h>
#include <string.h>

#include <ldns/ldns.h>

#include "lint/fastrr.h"

#define NAME_WIRE_MAX 255 /* RFC 1035 3.1 */
#define LABEL_MAX 63      /* RFC 1035 2.3.4 */
#define STRING_MAX 255    /* a character-string, RFC 1035 3.3 */
#define TEXT_MAX 65000    /* below ldns's LDNS_MAX_PACKETLEN cut */
#define IP4_TEXT_MAX 15   /* "255.255.255.255" */
#define IP6_TEXT_MAX 45   /* "ffff:...:ffff:255.255.255.255" */

/* Byte classes: where a byte may stand unescaped and mean only itself. */
#define NB 1 /* in a name label: printable, not " ( ) . ; \ */
#define QB 2 /* inside a quoted string: printable or space, not " \ */
#define WB 4 /* in an unquoted TXT word: as in a label, and '.' */

static const uint8_t byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 10 */
	2, 7, 0, 7, 7, 7, 7, 7, 2, 2, 7, 7, 7, 7, 6, 7, /* 20 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 2, 7, 7, 7, 7, /* 30 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* 40 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 7, 7, 7, /* 50 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* 60 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, /* 70 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* 80 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* 90 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* a0 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* b0 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* c0 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* d0 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* e0 */
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, /* f0 */
};

/* The origin must look like a wire name for the length checks to hold. */
static bool
origin_ok(const uint8_t *origin, size_t origin_len)
{
	return origin != NULL && origin_len >= 1 &&
	    origin_len <= NAME_WIRE_MAX && origin[origin_len - 1] == 0;
}

/*
 * One name field, s[0..len), into out: labels as written, the origin
 * appended to a relative name, "@" alone the origin, "." the root.
 * Writes at most min(cap, 255) bytes; the length goes to *n.
 */
static bool
name_wire(const uint8_t *s, size_t len, const uint8_t *origin,
    size_t origin_len, uint8_t *out, size_t cap, size_t *n)
{
	size_t max = cap < NAME_WIRE_MAX ? cap : NAME_WIRE_MAX;
	size_t lab = 0; /* where the current label's length byte goes */
	size_t w = 1;   /* next byte of the current label */
	size_t i, ll;

	if (len == 0 || max == 0) {
		return false;
	}
	if (s[0] == '@') {
		if (len != 1) {
			/* "@.x" is the origin to ldns, a label to the reader */
			if (s[1] == '.') {
				return false;
			}
		} else {
			if (origin_len > max) {
				return false;
			}
			memcpy(out, origin, origin_len);
			*n = origin_len;
			return true;
		}
	}
	if (len == 1 && s[0] == '.') {
		out[0] = 0;
		*n = 1;
		return true;
	}
	for (i = 0; i < len; i++) {
		uint8_t c = s[i];

		if (w >= max) {
			return false;
		}
		if (c == '.') {
			ll = w - lab - 1;
			if (ll == 0 || ll > LABEL_MAX) {
				return false;
			}
			out[lab] = (uint8_t)ll;
			lab = w++;
		} else if (byte_class[c] & NB) {
			out[w++] = c;
		} else {
			return false;
		}
	}
	if (s[len - 1] == '.') {
		/* absolute: lab is the root label's place */
		out[lab] = 0;
		*n = lab + 1;
		return true;
	}
	ll = w - lab - 1;
	if (ll > LABEL_MAX || origin_len > max - w) {
		return false;
	}
	out[lab] = (uint8_t)ll;
	memcpy(out + w, origin, origin_len);
	*n = w + origin_len;
	return true;
}

/* A 16-bit field: plain decimal digits, at most 65535, network order. */
static bool
int16_wire(const uint8_t *s, size_t len, uint8_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (len == 0) {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (uint32_t)(s[i] - '0');
		if (v > 65535) {
			return false;
		}
	}
	out[0] = (uint8_t)(v >> 8);
	out[1] = (uint8_t)v;
	return true;
}

/*
 * An address through inet_pton(), as ldns_str2rdf_a and _aaaa do; only
 * bytes that can appear in one are let through to it.
 */
static bool
addr_wire(int af, const uint8_t *s, size_t len, uint8_t *out)
{
	char buf[IP6_TEXT_MAX + 1];
	size_t i;

	if (len == 0 || len > (af == AF_INET ? IP4_TEXT_MAX : IP6_TEXT_MAX)) {
		return false;
	}
	for (i = 0; i < len; i++) {
		uint8_t c = s[i];

		if (!((c >= '0' && c <= '9') || c == '.' ||
		    (af == AF_INET6 && (c == ':' || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F'))))) {
			return false;
		}
		buf[i] = (char)c;
	}
	buf[len] = '\0';
	return inet_pton(af, buf, out) == 1;
}

/*
 * TXT and SPF: one or more character-strings, each quoted ("" is an empty
 * string) or a bare word, separated by single spaces; at most 255 bytes
 * each.  A bare word is copied as it is, as ldns does.
 */
static bool
txt_wire(const uint8_t *s, size_t len, uint8_t *out, size_t cap, size_t *n)
{
	size_t i = 0, w = 0, lenpos, start;
	uint8_t want;

	for (;;) {
		if (w >= cap) {
			return false;
		}
		lenpos = w++;
		if (s[i] == '"') {
			i++;
			start = i;
			while (i < len && s[i] != '"') {
				if (!(byte_class[s[i]] & QB) || w >= cap) {
					return false;
				}
				out[w++] = s[i++];
			}
			if (i == len) {
				return false; /* no closing quote */
			}
			want = 1; /* the closing quote */
		} else {
			start = i;
			while (i < len && s[i] != ' ') {
				if (!(byte_class[s[i]] & WB) || w >= cap) {
					return false;
				}
				out[w++] = s[i++];
			}
			if (i == start) {
				return false; /* an empty field: two spaces */
			}
			want = 0;
		}
		if (i - start > STRING_MAX) {
			return false;
		}
		out[lenpos] = (uint8_t)(i - start);
		i += want;
		if (i == len) {
			break;
		}
		/* one space, then another field (not a trailing space) */
		if (s[i] != ' ' || i + 1 == len) {
			return false;
		}
		i++;
	}
	*n = w;
	return true;
}

/* The next space-separated field from *p; false when it is empty. */
static bool
field(const uint8_t **p, const uint8_t *end, const uint8_t **f, size_t *flen)
{
	const uint8_t *s = *p, *e;

	e = memchr(s, ' ', (size_t)(end - s));
	if (e == NULL || e == s || e + 1 == end) {
		return false;
	}
	*f = s;
	*flen = (size_t)(e - s);
	*p = e + 1;
	return true;
}

bool
zl_fast_rdata(uint16_t type, const char *rdata, size_t len,
    const uint8_t *origin, size_t origin_len, uint8_t *out, size_t cap,
    size_t *out_len)
{
	const uint8_t *s = (const uint8_t *)rdata, *end = s + len, *f;
	size_t flen, n, w;
	int k;

	if (rdata == NULL || len == 0 || len > TEXT_MAX || out == NULL ||
	    !origin_ok(origin, origin_len)) {
		return false;
	}
	switch (type) {
	case LDNS_RR_TYPE_A:
		if (cap < 4 || !addr_wire(AF_INET, s, len, out)) {
			return false;
		}
		*out_len = 4;
		return true;
	case LDNS_RR_TYPE_AAAA:
		if (cap < 16 || !addr_wire(AF_INET6, s, len, out)) {
			return false;
		}
		*out_len = 16;
		return true;
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_DNAME:
		if (!name_wire(s, len, origin, origin_len, out, cap, &n)) {
			return false;
		}
		*out_len = n;
		return true;
	case LDNS_RR_TYPE_MX:
	case LDNS_RR_TYPE_SRV:
		/* MX: preference; SRV: priority, weight, port (RFC 2782) */
		w = 0;
		for (k = type == LDNS_RR_TYPE_MX ? 1 : 3; k > 0; k--) {
			if (cap - w < 2 || !field(&s, end, &f, &flen) ||
			    !int16_wire(f, flen, out + w)) {
				return false;
			}
			w += 2;
		}
		if (!name_wire(s, (size_t)(end - s), origin, origin_len,
		    out + w, cap - w, &n)) {
			return false;
		}
		*out_len = w + n;
		return true;
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_SPF:
		if (!txt_wire(s, len, out, cap, &n)) {
			return false;
		}
		*out_len = n;
		return true;
	default:
		return false;
	}
}

bool
zl_fast_dname(const char *s, size_t len, const uint8_t *origin,
    size_t origin_len, uint8_t *out, size_t cap, size_t *out_len)
{
	size_t n;

	if (s == NULL || out == NULL || !origin_ok(origin, origin_len) ||
	    !name_wire((const uint8_t *)s, len, origin, origin_len, out, cap,
	    &n)) {
		return false;
	}
	*out_len = n;
	return true;
}
