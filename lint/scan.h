/* scan.h: where a word or a quoted string of zone text stops. */
/* SPDX-License-Identifier: BSD-3-Clause */

#ifndef LINT_SCAN_H
#define LINT_SCAN_H

/*
 * The lexer (lint/read.c) spends its time finding the end of words and
 * quoted strings: the next byte that is not plain text.  A byte stops
 *
 *   a word:            blank, control (NUL included), DEL, ; ( ) " \
 *   a quoted string:   control other than tab (NUL included), DEL, " \
 *
 * Each scanner returns the index of the first such byte at or after `i`.
 * The buffer must hold a stopping byte at or before buf[len] (the reader's
 * window keeps a NUL there).  Whole 16-byte blocks below `len` are
 * classified at once with SSE2 where the compiler offers it (every x86-64
 * compiler does), as simdzone classifies its input; the rest, and every
 * byte on other machines, goes through the byte loop, which is the
 * definition: tests/unit/test_read.c checks that both give the same index
 * for every start in random buffers.
 */

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__) && !defined(ZL_NO_SIMD)
#include <emmintrin.h>
#define ZL_SCAN_SIMD 1
#endif

static inline int
zl_stops_word(uint8_t c)
{
	return c <= 0x20 || c == 0x7f || c == ';' || c == '(' || c == ')' ||
	    c == '"' || c == '\\';
}

static inline int
zl_stops_quoted(uint8_t c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f || c == '"' || c == '\\';
}

static inline size_t
zl_scan_word_bytes(const uint8_t *b, size_t i)
{
	while (!zl_stops_word(b[i])) {
		i++;
	}
	return i;
}

static inline size_t
zl_scan_quoted_bytes(const uint8_t *b, size_t i)
{
	while (!zl_stops_quoted(b[i])) {
		i++;
	}
	return i;
}

#ifdef ZL_SCAN_SIMD
/* The bytes of x that stop a word, as 0xff. */
static inline __m128i
zl_word_stops16(__m128i x)
{
	/* x <= 0x20, unsigned: min(x, 0x20) == x */
	__m128i m = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x20)), x);

	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8(';')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('(')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8(')')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
	return _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
}

/* The bytes of x that stop a quoted string, as 0xff. */
static inline __m128i
zl_quoted_stops16(__m128i x)
{
	/* x < 0x20 and not a tab */
	__m128i m = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')),
	    _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x));

	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
	return _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
}
#endif

/* Whole blocks below len, then the byte loop; `quoted` is a constant at
 * each call, so the choice is made at compile time. */
static inline size_t
zl_scan(const uint8_t *b, size_t i, size_t len, int quoted)
{
#ifdef ZL_SCAN_SIMD
	while (i + 16 <= len) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
		unsigned mask = (unsigned)_mm_movemask_epi8(quoted
			? zl_quoted_stops16(x) : zl_word_stops16(x));

		if (mask != 0) {
			return i + (size_t)__builtin_ctz(mask);
		}
		i += 16;
	}
#else
	(void)len;
#endif
	return quoted ? zl_scan_quoted_bytes(b, i) : zl_scan_word_bytes(b, i);
}

static inline size_t
zl_scan_word(const uint8_t *b, size_t i, size_t len)
{
	return zl_scan(b, i, len, 0);
}

static inline size_t
zl_scan_quoted(const uint8_t *b, size_t i, size_t len)
{
	return zl_scan(b, i, len, 1);
}

#endif /* LINT_SCAN_H */
