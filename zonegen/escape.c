/* escape.c: every byte of input that reaches an output, escaped for it. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * One set of functions for everything either program writes that holds
 * text it did not compose: file names, names, record texts, messages.
 *
 *   zg_text_quote       a piece of input quoted in a message
 *   zg_text_codepoints  the same in ASCII, every other character as \uXXXX
 *   zg_display          a whole string shown in a line of text (file
 *                       names, messages): one line, valid UTF-8
 *   zg_json_write_string  a JSON string (JSON, SARIF)
 *   zg_txt_write_quoted   TXT data in zone and nsupdate syntax
 *
 * What they share (zg_utf8_length): valid UTF-8 is shown as it is, except
 * what can move the cursor or change what a reader sees without a visible
 * byte: C0 and C1 controls, DEL, the Unicode line and paragraph separators
 * (U+2028, U+2029) and the bidirectional formatting characters (U+061C,
 * U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069, which can make text
 * read in another order).
 * Those, and bytes that are not UTF-8, become \xHH.  So no input can end a
 * line, a string or a comment, start a command, or make output invalid
 * UTF-8.  GitHub workflow commands and SARIF URIs add their own encodings
 * on top (lint/report.c).
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zonegen/internal.h"
#include "zonegen/zonegen.h"

/* The length of the well-formed UTF-8 sequence at s (at most len bytes)
 * and its code point, or 0. */
static size_t
utf8_decode(const unsigned char *s, size_t len, unsigned *code)
{
	size_t n, i;
	unsigned cp;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07u;
	} else {
		return 0;
	}
	if (n > len) {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		cp = (cp << 6) | (s[i] & 0x3fu);
	}
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
		return 0;
	}
	*code = cp;
	return n;
}

/* C1 controls (a terminal may act on them), the line and paragraph
 * separators, and the bidirectional formatting characters of Unicode's
 * UAX #9 2.4 to 2.6 (embeddings, overrides, isolates and the implicit
 * marks ALM, LRM and RLM): valid, never shown as they are. */
bool
zg_hidden(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x061c || cp == 0x200e || cp == 0x200f;
}

size_t
zg_utf8_length(const unsigned char *s, size_t len)
{
	unsigned cp = 0;
	size_t n = utf8_decode(s, len, &cp);

	return n > 0 && !zg_hidden(cp) ? n : 0;
}

void
zg_text_quote(char *out, size_t size, const char *text, size_t len,
    size_t max)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t o = 0;
	size_t i = 0;

	if (size == 0) {
		return;
	}
	while (i < len) {
		size_t n = s[i] >= 0x80 ? zg_utf8_length(s + i, len - i) : 0;
		bool plain = s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\' &&
		    s[i] != '"';
		size_t need = n > 0 ? n : plain ? 1 : 4;
		/* Keep room for "..." and the NUL unless this is the end. */
		size_t room = i + (n > 0 ? n : 1) == len ? size - 1
		    : size > 4				 ? size - 4
							 : 0;

		if (i >= max || o + need > room) {
			if (o + 3 < size) {
				memcpy(out + o, "...", 3);
				o += 3;
			}
			break;
		}
		if (n > 0) {
			memcpy(out + o, s + i, n);
			i += n;
		} else if (plain) {
			out[o] = (char)s[i++];
		} else {
			snprintf(out + o, size - o, "\\x%02x", s[i++]);
		}
		o += need;
	}
	out[o] = '\0';
}

void
zg_text_codepoints(char *out, size_t size, const char *text, size_t max)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), i = 0, o = 0, chars = 0;

	if (size == 0) {
		return;
	}
	while (i < len) {
		char piece[12];
		unsigned cp = 0;
		size_t n = s[i] >= 0x80 ? utf8_decode(s + i, len - i, &cp) : 0;
		size_t need;

		if (n > 0) {
			snprintf(piece, sizeof(piece),
			    cp > 0xffff ? "\\U%08x" : "\\u%04x", cp);
			i += n;
		} else if (s[i] > 0x20 && s[i] < 0x7f && s[i] != '\\') {
			piece[0] = (char)s[i++];
			piece[1] = '\0';
		} else {
			snprintf(piece, sizeof(piece), "\\x%02x", s[i++]);
		}
		need = strlen(piece);
		/* Keep room for "..." and the NUL unless this is the end. */
		if (chars++ == max ||
		    o + need + (i < len ? 3 : 0) >= size) {
			if (o + 3 < size) {
				memcpy(out + o, "...", 3);
				o += 3;
			}
			break;
		}
		memcpy(out + o, piece, need);
		o += need;
	}
	out[o] = '\0';
}

char *
zg_display(const char *text, bool raw)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), i = 0, o = 0;
	char *out;

	/* At most four output bytes for each input byte. */
	if (len > (SIZE_MAX - 1) / 4 || (out = malloc(4 * len + 1)) == NULL) {
		return NULL;
	}
	while (i < len) {
		size_t n = s[i] >= 0x80 ? zg_utf8_length(s + i, len - i) : 0;

		if (n > 0) {
			memcpy(out + o, s + i, n);
			i += n;
			o += n;
		} else if (s[i] >= 0x20 && s[i] < 0x7f &&
		    (s[i] != '\\' || !raw)) {
			out[o++] = (char)s[i++];
		} else {
			snprintf(out + o, 5, "\\x%02x", s[i++]);
			o += 4;
		}
	}
	out[o] = '\0';
	return out;
}

/* Escape one byte of TXT data for a quoted string (RFC 1035 5.1). */
static void
txt_byte(FILE *fp, unsigned char c)
{
	if (c == '"' || c == '\\') {
		fputc('\\', fp);
		fputc(c, fp);
	} else if (c < 0x20 || c >= 0x7f) {
		fprintf(fp, "\\%03u", (unsigned)c);
	} else {
		fputc(c, fp);
	}
}

zg_status_t
zg_txt_write_quoted_n(FILE *fp, const char *text, size_t len)
{
	size_t at = 0;

	/* Split on octets, not on escaped text: each character-string
	 * holds at most 255 octets of data (RFC 1035 3.3). */
	do {
		size_t n = len - at > ZG_TXT_CHUNK_MAX ? ZG_TXT_CHUNK_MAX
						       : len - at;
		size_t i;

		if (at > 0) {
			fputc(' ', fp);
		}
		fputc('"', fp);
		for (i = 0; i < n; i++) {
			txt_byte(fp, (unsigned char)text[at + i]);
		}
		fputc('"', fp);
		at += n;
	} while (at < len);
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}

zg_status_t
zg_txt_write_quoted(FILE *fp, const char *text)
{
	return zg_txt_write_quoted_n(fp, text, strlen(text));
}

zg_status_t
zg_json_write_string(FILE *fp, const char *prefix, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;

	fprintf(fp, "\"%s", prefix);
	while (i < len) {
		unsigned char c = p[i];
		unsigned cp = 0;
		size_t n = c >= 0x80 ? utf8_decode(p + i, len - i, &cp) : 0;

		if (n > 0) {
			/* The hidden ones are all in the BMP. */
			if (zg_hidden(cp)) {
				fprintf(fp, "\\u%04x", cp);
			} else {
				fwrite(p + i, 1, n, fp);
			}
			i += n;
			continue;
		}
		if (c == '"' || c == '\\') {
			fputc('\\', fp);
			fputc(c, fp);
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(fp, "\\u%04x", (unsigned)c);
		} else if (c >= 0x80) {
			/* Not UTF-8: one escaped replacement character for
			 * the byte, so that the output stays strict UTF-8.
			 * Callers pass untrusted text through zg_display
			 * first, which leaves none. */
			fputs("\\ufffd", fp);
		} else {
			fputc(c, fp);
		}
		i++;
	}
	fputc('"', fp);
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}

void
zg_say(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	char buf[1024], *line = buf, *shown;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	if ((size_t)n >= sizeof(buf) && (line = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(line, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	if (line == NULL) {
		line = buf; /* cut, but shown */
	}
	shown = zg_display(line, false);
	/* Never the raw text: it may hold a line break. */
	fprintf(fp, "%s\n", shown != NULL ? shown : "(out of memory)");
	free(shown);
	if (line != buf) {
		free(line);
	}
}
