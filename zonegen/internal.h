/* internal.h: helpers shared by the files of zonegen/, not exported. */
/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef ZONEGEN_INTERNAL_H
#define ZONEGEN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * ASCII classes for the SPF and DMARC grammars, which are ASCII: the
 * locale must not change what they accept.
 */
static inline bool
zg_ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool
zg_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline char
zg_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The length of the UTF-8 sequence at s (at most len bytes) when it is
 * well formed and shown as it is (zonegen/escape.c says which are not),
 * or 0. */
size_t zg_utf8_length(const unsigned char *s, size_t len);

/* A code point no output shows as it is: C1 controls, U+2028, U+2029 and
 * the bidirectional formatting characters (zonegen/escape.c). */
bool zg_hidden(unsigned cp);

/* True when s[0..n) and the string `b` are equal, ignoring ASCII case. */
static inline bool
zg_ascii_equal(const char *s, size_t n, const char *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i] == '\0' ||
		    zg_ascii_lower(s[i]) != zg_ascii_lower(b[i])) {
			return false;
		}
	}
	return b[n] == '\0';
}

/*
 * True when `name` is `zone` or a name below it, both in presentation
 * form without escapes, a trailing dot on either ignored, ASCII case
 * ignored: "a.Example.com" is within "example.com.".
 */
static inline bool
zg_name_within(const char *name, const char *zone)
{
	size_t n = 0, z = 0, i;

	while (name[n] != '\0') {
		n++;
	}
	while (zone[z] != '\0') {
		z++;
	}
	n -= n > 0 && name[n - 1] == '.';
	z -= z > 0 && zone[z - 1] == '.';
	if (z == 0) {
		return true; /* the root holds every name */
	}
	if (z > n || (z < n && name[n - z - 1] != '.')) {
		return false;
	}
	for (i = 0; i < z; i++) {
		if (zg_ascii_lower(name[n - z + i]) !=
		    zg_ascii_lower(zone[i])) {
			return false;
		}
	}
	return true;
}

#endif /* ZONEGEN_INTERNAL_H */
