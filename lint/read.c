/* read.c: zone reader: logical records with first/last line, directives. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Why not ldns's own file readers: ldns_zone_new_frm_fp_l() stops at the
 * first error and leaks on its error path, and ldns_rr_new_frm_fp_l()
 * reports only the last line of a record, closes an unterminated quote at
 * the end of the line, swallows the rest of the file after an unbalanced
 * '(', reads the TTL "3x00" as 3, makes a relative $ORIGIN absolute and
 * rejects "[class] [TTL]" order (ldns issue #279).  So the text is split
 * into logical records here, and the owner, TTL, class and type are read
 * here too; the rdata goes from the lexer's tokens straight to wire form
 * (lint/rdata.c), with no ldns and no text copy.  ldns only decodes a
 * record's wire form when the caller asks for an ldns_rr (zl_record_rr),
 * to print it.
 *
 * Each file is read through a window (256 KiB to start with, less for a
 * smaller file) and scanned in place: tokens are offsets into the window,
 * so the cost per record is one pass over its bytes and one line of text,
 * and memory does not grow with the file.  A record that runs past the end of
 * the window is lexed again from its start once the window has been moved
 * up to it and filled; the window grows only when one record does not fit
 * in it (never past the file-size cap).  The origin is looked for in a
 * first pass (it must be known before the first record), which usually
 * stops at the SOA near the top; the second pass then reads the file from
 * its start again.  Standard input, pipes and devices cannot be rewound:
 * they are read whole, as before.
 */

/* realpath() is XSI. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "lint/read.h"
#include "lint/origin.h"
#include "lint/generate.h"
#include "lint/rdata.h"
#include "lint/scan.h"
#include "zonegen/zonegen.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Longest logical record handed to ldns: 64 KiB of rdata written as \DDD
 * escapes is about 256 KiB, so 512 KiB leaves room for any valid record. */
#define RECORD_TEXT_MAX ZL_READ_RECORD_MAX
/* A '(' not closed within this many lines is taken as unbalanced. */
#define PAREN_LINES_MAX 1000u
/* Bytes of input quoted in a message. */
#define QUOTE_MAX 60
/* RFC 2181 8: a TTL is at most 2^31 - 1. */
#define TTL_MAX 2147483647u
/* ldns's TTL when nothing in the file gives one. */
#define TTL_FALLBACK 3600u
/* The window a file is read through, to start with. */
#define WINDOW_DEFAULT ((size_t)256 * 1024)

size_t zl_read_window_initial;
bool zl_read_no_fast_lines;

typedef zl_token_t token_t;

/* One logical record as the lexer found it. */
typedef struct lexrec {
	token_t *tok;
	size_t ntok;
	size_t captok;
	size_t bytes;
	unsigned first_line;
	unsigned last_line;
	bool blank_owner; /* the record's first line starts with blank */
	bool bad;         /* err holds the first lexical problem */
	bool too_long;
	char err[256];
} lexrec_t;

/* What lex_record() found. */
typedef enum lex_result {
	LEX_END,    /* no record is left */
	LEX_RECORD, /* one record */
	LEX_MORE    /* the window ended first: fill it and call again */
} lex_result_t;

typedef struct lexer {
	const char *buf;    /* the window */
	size_t len;
	size_t pos;
	size_t base;        /* file offset of buf[0] */
	bool more;          /* the file goes on after buf[len - 1] */
	unsigned line;
	bool skip_indented; /* after an unbalanced '(': skip its body */
	/* Comments that mention "zonelint:" (suppressions), or NULL. */
	void (*comment)(void *ctx, unsigned line, const char *text,
	    size_t len, bool alone);
	void *comment_ctx;
	/* File offset of the last comment reported (just past its ';'): a
	 * record lexed again after LEX_MORE does not report it twice. */
	size_t comment_done;
} lexer_t;

/*
 * Part of a file in memory: bytes base to base + len of it.  Regular files
 * are read piece by piece; data that cannot be rewound (whole) is read at
 * once, as far as the cap.  Once eof is set, buf ends where the data does.
 */
typedef struct window {
	char *buf;       /* cap + 1 bytes, NUL after the data */
	size_t cap;
	size_t len;
	size_t base;
	size_t size_max; /* bytes read from the file at most */
	uint64_t size;   /* of a regular file (at open), else 0 */
	int fd;
	bool close_fd;   /* not standard input */
	bool whole;      /* cannot be rewound: read whole */
	bool trim;       /* on cut, end at the last complete line */
	bool eof;        /* nothing follows buf[len - 1] */
	bool cut;        /* size_max reached and more data followed */
	char last;       /* the last byte read ('\n' before any) */
	int error;       /* errno of a failed read, 0 for none */
} window_t;

/* Growing string. */
typedef struct sbuf {
	char *p;
	size_t len;
	size_t cap;
	bool failed;
} sbuf_t;

#define OWNER_TEXT_MAX 128 /* longer owner text is read each time */

/* One file being read; the chain of parents detects include loops. */
typedef struct zfile {
	const char *display; /* path shown in messages */
	char *dir;           /* directory part of display, "" for none */
	char *real;          /* realpath, found at the first $INCLUDE;
				NULL before, and for stdin */
	bool is_stdin;
	ldns_rdf *origin;    /* current origin (owned) */
	uint8_t prev[256];   /* previous owner, wire format */
	size_t prev_len;     /* 0 for none */
	/* The last owner read from text and its wire form, under the
	 * current origin: a run of records at one owner reads its name
	 * once.  0 for none, and after $ORIGIN. */
	char owner_text[OWNER_TEXT_MAX];
	size_t owner_text_len;
	uint8_t owner_wire[256];
	size_t owner_wire_len;
	unsigned depth;
	const struct zfile *parent;
	unsigned include_line; /* the parent's $INCLUDE line */
	bool vetted;         /* an included file: its first record read */
	struct reader *rd;   /* for forward_comment */
} zfile_t;

#define HELD_MAX 8

struct reader;
typedef struct reader {
	const zl_read_callbacks_t *cb;
	void *ctx;
	bool include_any;
	unsigned depth_max;
	size_t size_max;
	size_t records_max;
	size_t records;      /* records read so far, includes too */
	bool have_default_ttl; /* $TTL seen */
	uint32_t default_ttl;
	bool have_last_ttl; /* an explicit TTL seen (RFC 1035 5.1) */
	uint32_t last_ttl;
	bool generating;    /* in a $GENERATE's records */
	bool gen_ttl_said;  /* its ttl-too-large said (once a directive) */
	bool ttl_noted;     /* default-ttl-missing found, */
	char *ttl_note_file; /* where (malloc'd), */
	unsigned ttl_note_line;
	char ttl_note[320]; /* and what: said at the end if the zone has */
	bool soa_seen;      /* an SOA record (a snippet takes the TTLs
			     * of the zone it goes into) */
	lexrec_t rec;
	lexrec_t gen_rec;    /* a record $GENERATE made, lexed */
	unsigned long problems; /* reported so far */
	size_t made;         /* bytes of text $GENERATE made, this file */
	bool stop;           /* a limit was reached: read no more */
	bool quiet;          /* count problems, show none (the first
				record of an included file) */
	/* Notices (not problems: their records read) made while quiet,
	 * said once the included file's first record passed; at most
	 * HELD_MAX (a file read whole as that first record, behind an
	 * $INCLUDE, may make more: the rest go unsaid). */
	struct held {
		unsigned line;
		const char *file;
		const char *rule;
		char msg[512];
	} held[HELD_MAX];
	unsigned nheld;
	uint8_t apex[256];   /* the zone's origin, wire form */
	size_t apex_len;
	bool apex_sure;      /* it is the zone's apex: from --origin or the
			      * SOA's owner, not guessed from a later
			      * $ORIGIN, the file name or the owner names */
	sbuf_t gen_line;     /* its text */
	sbuf_t text;
	sbuf_t scratch;
	/* The record being handed over: its wire rdata when read here, and
	 * the ldns_rr that zl_record_rr() made of it (freed after the
	 * callback). */
	uint8_t *rdata;
	uint32_t ttl;
	uint8_t owner[256];
	size_t owner_len;
	const ldns_rdf *origin;
	ldns_rr *lazy;
	bool lazy_failed;
	/* The names of the included files, kept until the read ends. */
	char **displays;
	size_t displays_count;
	size_t displays_cap;
} reader_t;

/* --- small helpers ----------------------------------------------------- */

static void
sbuf_reserve(sbuf_t *s, size_t more)
{
	size_t cap;
	char *p;

	if (s->failed || s->len + more + 1 <= s->cap) {
		return;
	}
	cap = s->cap ? s->cap : 256;
	while (cap < s->len + more + 1) {
		cap *= 2;
	}
	p = realloc(s->p, cap);
	if (p == NULL) {
		s->failed = true;
		return;
	}
	s->p = p;
	s->cap = cap;
}

static void
sbuf_add(sbuf_t *s, const char *src, size_t n)
{
	sbuf_reserve(s, n);
	if (s->failed) {
		return;
	}
	memcpy(s->p + s->len, src, n);
	s->len += n;
	s->p[s->len] = '\0';
}

static void
sbuf_set(sbuf_t *s, const char *src, size_t n)
{
	s->len = 0;
	sbuf_add(s, src, n);
}

static bool
is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

__attribute__((format(printf, 5, 6))) static void
problem(reader_t *rd, const char *file, unsigned line, const char *rule,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	rd->problems++;
	if (rd->quiet || rd->cb == NULL || rd->cb->problem == NULL) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rd->cb->problem(rd->ctx, file, line, rule, msg);
}

/*
 * A finding about a record that read (it is not a problem: it does not
 * stop a $GENERATE or fail an included file's first record).  Made while
 * quiet, it is held until that record is known to read, then said.
 */
__attribute__((format(printf, 5, 6))) static void
notice(reader_t *rd, const char *file, unsigned line, const char *rule,
    const char *fmt, ...)
{
	va_list ap;
	struct held h;

	if (rd->cb == NULL || rd->cb->problem == NULL ||
	    (rd->quiet && rd->nheld == HELD_MAX)) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(h.msg, sizeof(h.msg), fmt, ap);
	va_end(ap);
	h.file = file;
	h.line = line;
	h.rule = rule;
	if (rd->quiet) {
		rd->held[rd->nheld++] = h;
		return;
	}
	rd->cb->problem(rd->ctx, file, line, rule, h.msg);
}

/* --- reading a file through a window ------------------------------------ */

static bool
is_line_end(char c)
{
	return c == '\n' || c == '\r';
}

/* Past the cap: the data ends after its last complete line. */
static void
window_trim(window_t *w)
{
	while (w->len > 0 && !is_line_end(w->buf[w->len - 1])) {
		w->len--;
	}
	w->buf[w->len] = '\0';
}

/*
 * Drop the first keep bytes of the window, move the rest to its front and
 * read more after it: as much as fits, growing the window first when the
 * rest fills it (one record longer than the window).  Sets eof at the end
 * of the file or at size_max.  Returns 0, or -1 with w->error set when a
 * read fails: the data then ends at the start of the window.  Either adds
 * bytes or sets eof.
 */
static int
window_fill(window_t *w, size_t keep)
{
	if (w->eof) {
		return 0;
	}
	if (keep > 0) {
		memmove(w->buf, w->buf + keep, w->len - keep);
		w->len -= keep;
		w->base += keep;
	}
	if (w->len == w->cap) {
		/* Not at size_max (eof would be set): there is room. */
		size_t room = w->size_max - w->base;
		size_t cap = w->cap > room / 2 ? room : w->cap * 2;
		char *p = realloc(w->buf, cap + 1);

		if (p == NULL) {
			errno = ENOMEM;
			goto fail;
		}
		w->buf = p;
		w->cap = cap;
	}
	while (w->len < w->cap && w->base + w->len < w->size_max) {
		size_t want = w->cap - w->len;
		ssize_t got;

		if (want > w->size_max - w->base - w->len) {
			want = w->size_max - w->base - w->len;
		}
		got = read(w->fd, w->buf + w->len, want);
		if (got < 0) {
			if (errno == EINTR) {
				continue;
			}
			goto fail;
		}
		if (got == 0) {
			w->eof = true;
			break;
		}
		w->len += (size_t)got;
		w->last = w->buf[w->len - 1];
	}
	if (!w->eof && w->base + w->len >= w->size_max) {
		char probe;
		ssize_t got;

		do {
			got = read(w->fd, &probe, 1);
		} while (got < 0 && errno == EINTR);
		w->cut = got > 0;
		w->eof = true;
	}
	if (w->eof && w->cut && w->trim) {
		window_trim(w);
	}
	w->buf[w->len] = '\0';
	return 0;
fail:
	w->error = errno;
	w->eof = true;
	w->len = 0;
	w->buf[0] = '\0';
	return -1;
}

static void
window_close(window_t *w)
{
	if (w->close_fd) {
		close(w->fd);
	}
	free(w->buf);
	w->buf = NULL;
	w->close_fd = false;
}

/*
 * Open path ("-" = stdin) for reading up to size_max bytes and fill the
 * window once, so that a file that cannot be read fails here.  trim: see
 * window_t.  Returns 0, or -1 with errno set and nothing to close.
 */
static int
window_open(window_t *w, const char *path, size_t size_max, bool trim)
{
	struct stat st;
	int saved;

	memset(w, 0, sizeof(*w));
	w->size_max = size_max;
	w->trim = trim;
	w->last = '\n';
	if (strcmp(path, "-") == 0) {
		w->fd = STDIN_FILENO;
		/* Standard input need not start at offset 0 and may be a
		 * pipe: it is read whole, as it always was. */
		w->whole = true;
	} else {
		w->fd = open(path, O_RDONLY);
		if (w->fd < 0) {
			return -1;
		}
		w->close_fd = true;
		w->whole = fstat(w->fd, &st) != 0 || !S_ISREG(st.st_mode);
		if (!w->whole && st.st_size > 0) {
			w->size = (uint64_t)st.st_size < size_max
			    ? (uint64_t)st.st_size : size_max;
		}
	}
	w->cap = zl_read_window_initial != 0 ? zl_read_window_initial :
	    WINDOW_DEFAULT;
	/* A small file gets a small window: a hook or CI job reads
	 * thousands of them. */
	if (!w->whole && zl_read_window_initial == 0 && st.st_size >= 0 &&
	    (uint64_t)st.st_size + 4096 < w->cap) {
		w->cap = (size_t)st.st_size + 4096;
	}
	if (w->cap > size_max) {
		w->cap = size_max;
	}
	w->buf = malloc(w->cap + 1);
	if (w->buf == NULL) {
		errno = ENOMEM;
		goto fail;
	}
	do {
		if (window_fill(w, 0) != 0) {
			errno = w->error;
			goto fail;
		}
	} while (w->whole && !w->eof);
	return 0;
fail:
	saved = errno;
	window_close(w);
	errno = saved;
	return -1;
}

/*
 * Back to the start of the file for the pass that reads the records, with
 * trimming on.  When the window still begins at the file's start (always so
 * for data read whole) nothing is read again.  Returns 0, or -1 with errno
 * set when an earlier read failed or this one does.
 */
static int
window_rewind(window_t *w)
{
	if (w->error != 0) {
		errno = w->error;
		return -1;
	}
	w->trim = true;
	if (w->base == 0) {
		if (w->eof && w->cut) {
			window_trim(w);
		}
		return 0;
	}
	if (lseek(w->fd, 0, SEEK_SET) == (off_t)-1) {
		return -1;
	}
	w->base = 0;
	w->len = 0;
	w->eof = false;
	w->cut = false;
	w->last = '\n';
	if (window_fill(w, 0) != 0) {
		errno = w->error;
		return -1;
	}
	return 0;
}

/* --- the lexer ----------------------------------------------------------- */

__attribute__((format(printf, 3, 4))) static void
rec_error(lexrec_t *r, unsigned line, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (r->bad) {
		return;
	}
	r->bad = true;
	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	n = strlen(r->err);
	if (line != r->first_line && n < sizeof(r->err)) {
		snprintf(r->err + n, sizeof(r->err) - n, " (line %u)", line);
	}
}

/* Twice the room for tokens; false when out of memory. */
static bool
tok_grow(lexrec_t *r)
{
	size_t cap = r->captok ? r->captok * 2 : 32;
	token_t *t = realloc(r->tok, cap * sizeof(*t));

	if (t == NULL) {
		return false;
	}
	r->tok = t;
	r->captok = cap;
	return true;
}

/* rec_token's rare cases, out of line: false when the token is not
 * kept (the record is too long, or memory ran out). */
static __attribute__((noinline)) bool
rec_token_room(lexrec_t *r)
{
	if (r->too_long) {
		return false;
	}
	if (r->bytes > RECORD_TEXT_MAX) {
		r->too_long = true;
		rec_error(r, r->first_line, "record longer than %zu bytes",
		    RECORD_TEXT_MAX);
		return false;
	}
	if (r->ntok == r->captok && !tok_grow(r)) {
		r->too_long = true;
		rec_error(r, r->first_line, "out of memory");
		return false;
	}
	return true;
}

static inline void
rec_token(lexrec_t *r, size_t off, size_t len, unsigned line, bool quoted)
{
	if (!r->too_long) {
		r->bytes += len + 1;
	}
	if ((r->too_long || r->bytes > RECORD_TEXT_MAX ||
	    r->ntok == r->captok) && !rec_token_room(r)) {
		return;
	}
	r->tok[r->ntok].off = off;
	r->tok[r->ntok].len = len;
	r->tok[r->ntok].line = line;
	r->tok[r->ntok].quoted = quoted;
	r->ntok++;
}

static void
control_error(lexrec_t *r, unsigned line, unsigned char c)
{
	rec_error(r, line, "control byte \\x%02X in the record", c);
}

/*
 * What each byte is to the lexer, where it is not in a word or a quoted
 * string (lint/scan.h finds where those end).  The window keeps a NUL
 * after its data, a control byte here, so scanning loops need no length
 * check: they stop at it.
 */
#define B_BLANK 1 /* space, tab */
#define B_EOL 2   /* LF, CR */
#define B_DELIM 4 /* ; ( ) */
#define B_QUOTE 8 /* " */
#define B_ESC 16  /* backslash */
#define B_CTRL 32 /* other control bytes, DEL, NUL */

static const uint8_t lexclass[256] = {
	32, 32, 32, 32, 32, 32, 32, 32, 32,  1,  2, 32, 32,  2, 32, 32, /* 00 */
	32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, /* 10 */
	 1,  0,  8,  0,  0,  0,  0,  0,  4,  4,  0,  0,  0,  0,  0,  0, /* 20 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  4,  0,  0,  0,  0, /* 30 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* 40 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 16,  0,  0,  0, /* 50 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* 60 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 32, /* 70 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* 80 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* 90 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* a0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* b0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* c0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* d0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* e0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* f0 */
};

/*
 * A backslash escape at lx->pos (RFC 1035 5.1).  Consumes it and returns
 * true; returns false, past the backslash, when the file or the line ends
 * right after it (inside quotes the unterminated string is the error).
 */
static bool
lex_escape(lexer_t *lx, lexrec_t *r, bool quoted)
{
	unsigned char c;

	if (lx->pos + 1 >= lx->len) {
		if (!quoted) {
			rec_error(r, lx->line,
			    "backslash at the end of the file");
		}
		lx->pos++;
		return false;
	}
	c = (unsigned char)lx->buf[lx->pos + 1];
	if (c == '\n' || c == '\r') {
		if (!quoted) {
			rec_error(r, lx->line,
			    "backslash at the end of the line");
		}
		lx->pos++;
		return false;
	}
	if (is_control(c)) {
		control_error(r, lx->line, c);
	}
	lx->pos += 2;
	return true;
}

/* A "quoted string": ends at the closing quote; a line end inside it is
 * an error (BIND: "unbalanced quotes"). */
static void
lex_quoted(lexer_t *lx, lexrec_t *r)
{
	const uint8_t *b = (const uint8_t *)lx->buf;
	size_t start = lx->pos++;
	bool closed = false;

	for (;;) {
		unsigned char c;

		lx->pos = zl_scan_quoted(b, lx->pos, lx->len);
		if (lx->pos >= lx->len) {
			break;
		}
		c = b[lx->pos];
		if (c == '"') {
			lx->pos++;
			closed = true;
			break;
		}
		if (c == '\n' || c == '\r') {
			break;
		}
		if (c == '\\') {
			if (!lex_escape(lx, r, true)) {
				break;
			}
			continue;
		}
		control_error(r, lx->line, c);
		lx->pos++;
	}
	if (!closed) {
		rec_error(r, lx->line, "unterminated quoted string");
	}
	rec_token(r, start, lx->pos - start, lx->line, true);
}

static void
lex_word(lexer_t *lx, lexrec_t *r)
{
	const uint8_t *b = (const uint8_t *)lx->buf;
	size_t start = lx->pos;

	for (;;) {
		unsigned char c;

		lx->pos = zl_scan_word(b, lx->pos, lx->len);
		if (lx->pos >= lx->len) {
			break;
		}
		c = b[lx->pos];
		if (c == '\\') {
			if (!lex_escape(lx, r, false)) {
				break;
			}
			continue;
		}
		if ((lexclass[c] & B_CTRL) == 0) {
			break; /* blank, line end, ; ( ) or " */
		}
		control_error(r, lx->line, c);
		lx->pos++;
	}
	rec_token(r, start, lx->pos - start, lx->line, false);
}

/* The comment text holds "zonelint:" (memmem is not POSIX). */
static bool
mentions_zonelint(const char *s, size_t n)
{
	const char *p = s;
	const char *end = s + n;

	while (end - p >= 9 && (p = memchr(p, 'z', (size_t)(end - p - 8)))) {
		if (memcmp(p, "zonelint:", 9) == 0) {
			return true;
		}
		p++;
	}
	return false;
}

/* Lines longer than this take the general way (which counts a record's
 * bytes against RECORD_TEXT_MAX): the fast way cannot pass it. */
#define FAST_LINE_MAX 4096u
_Static_assert(2 * (FAST_LINE_MAX + 64) < RECORD_TEXT_MAX,
    "a fast line's tokens fit in a record");

/* Room for 33 more tokens (at most 32 start in 64 bytes, and one goes on
 * from before); false when out of memory. */
static __attribute__((noinline)) bool
rec_token_reserve(lexrec_t *r)
{
	while (r->captok - r->ntok < 33) {
		if (!tok_grow(r)) {
			return false;
		}
	}
	return true;
}

/* A token of a plain line: room was made for it (rec_token_reserve). */
static inline void
fast_token(lexrec_t *r, size_t off, size_t len, unsigned line)
{
	token_t *t = &r->tok[r->ntok++];

	t->off = off;
	t->len = len;
	t->line = line;
	t->quoted = false;
	r->bytes += len + 1;
}

/*
 * The fast way through the common line: plain words and blanks ended by
 * LF within the window, no quote, parenthesis, semicolon, backslash, DEL
 * or control byte but tab (so no CR either); with SSE2, a line that goes
 * on past FAST_LINE_MAX bytes (give or take a group) goes the general way,
 * which counts its bytes against RECORD_TEXT_MAX (as rec_token does in the
 * byte loop).  Its words are the record's tokens, as the loop of
 * lex_record would find them, which stays the definition: anything else,
 * a line of blanks included, goes there (false, nothing changed).
 *
 * With SSE2 (as lint/scan.h), 64 bytes at a time: four 16-byte blocks
 * give a 64-bit mask of the bytes that stop the fast way and one of the
 * blanks; a word starts where a word byte follows a blank (or the line's
 * start) and ends where a blank or the LF follows a word byte, so the k-th
 * start pairs with the k-th end, and a word still open at the 64th byte
 * ends in a later group.  The bytes left before the window's end, and all
 * of them elsewhere, go through the byte loop.  Tests read random zones
 * both ways (zl_read_no_fast_lines).
 */
static bool
lex_plain_line(lexer_t *lx, lexrec_t *r)
{
	const uint8_t *b = (const uint8_t *)lx->buf;
	size_t p0 = lx->pos, end = SIZE_MAX, i, start = 0, first = SIZE_MAX;
	unsigned in_word = 0;

	if (zl_read_no_fast_lines) {
		return false;
	}
	i = p0;
#ifdef ZL_SCAN_SIMD
	for (; i + 64 <= lx->len; i += 64) {
		uint64_t stop = 0, blank = 0, live = ~(uint64_t)0;
		uint64_t live_end = live, word, prev, starts, ends;
		unsigned g;

		for (g = 0; g < 4; g++) {
			__m128i x = _mm_loadu_si128((const __m128i *)(
			    const void *)(b + i + 16 * g));
			/* What stops a quoted string (lint/scan.h: control
			 * but tab, DEL, '"', '\\') and ( ) ;: what stops a
			 * word but blanks. */
			__m128i m = _mm_or_si128(zl_quoted_stops16(x),
			    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x,
			    _mm_set1_epi8('(')), _mm_cmpeq_epi8(x,
			    _mm_set1_epi8(')'))), _mm_cmpeq_epi8(x,
			    _mm_set1_epi8(';'))));

			stop |= (uint64_t)(unsigned)_mm_movemask_epi8(m) <<
			    (16 * g);
			blank |= (uint64_t)(unsigned)_mm_movemask_epi8(
			    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('\t')))) <<
			    (16 * g);
		}
		if (stop != 0) {
			unsigned k = (unsigned)__builtin_ctzll(stop);

			if (b[i + k] != '\n') {
				goto general;
			}
			end = i + k;
			live = ((uint64_t)1 << k) - 1;
			live_end = live | (uint64_t)1 << k;
		}
		if (i - p0 >= FAST_LINE_MAX || (r->captok - r->ntok < 33 &&
		    !rec_token_reserve(r))) {
			goto general;
		}
		word = ~blank & live;
		prev = word << 1 | in_word;
		starts = word & ~prev;
		ends = ~word & prev & live_end;
		if (in_word && ends != 0) {
			/* The word open since an earlier group. */
			fast_token(r, start, i + (size_t)__builtin_ctzll(ends) -
			    start, lx->line);
			ends &= ends - 1;
			in_word = 0;
		}
		if (first == SIZE_MAX && starts != 0) {
			first = i + (size_t)__builtin_ctzll(starts);
		}
		for (; starts != 0; starts &= starts - 1) {
			size_t at = i + (size_t)__builtin_ctzll(starts);

			if (ends == 0) {
				/* The last word here goes on past byte 63. */
				start = at;
				in_word = 1;
				break;
			}
			fast_token(r, at, i + (size_t)__builtin_ctzll(ends) - at,
			    lx->line);
			ends &= ends - 1;
		}
		if (end != SIZE_MAX) {
			break;
		}
	}
#endif
	for (; end == SIZE_MAX && i < lx->len; i++) {
		unsigned c = lexclass[b[i]];

		if (b[i] == '\n') {
			end = i;
		} else if ((c & ~B_BLANK) != 0) {
			goto general;
		} else if (c == 0 && !in_word) {
			start = i;
			first = first == SIZE_MAX ? i : first;
			in_word = 1;
		} else if (c != 0 && in_word) {
			rec_token(r, start, i - start, lx->line, false);
			in_word = 0;
		}
	}
	if (end == SIZE_MAX || first == SIZE_MAX) {
		goto general; /* no LF in the window, or blanks only */
	}
	if (in_word) {
		rec_token(r, start, end - start, lx->line, false);
	}
	r->first_line = lx->line;
	r->last_line = lx->line;
	r->blank_owner = !(first == 0 || b[first - 1] == '\n' ||
	    b[first - 1] == '\r');
	lx->pos = end + 1;
	lx->line++;
	return true;
general:
	/* Not plain after all: the tokens recorded so far go, as if this
	 * had not run (lex_record's start). */
	r->ntok = 0;
	r->bytes = 0;
	r->bad = false;
	r->too_long = false;
	r->err[0] = '\0';
	return false;
}

/*
 * Read the next logical record into r.  Returns LEX_END at the end of the
 * input when no record is left.  After an unbalanced '(' the record is
 * returned as bad and reading resumes on the line after the one that
 * opened the parenthesis, so the rest of the file is not swallowed.
 *
 * When the record (or a line end, a word, a comment) runs into the end of
 * the window and the file goes on, returns LEX_MORE with lx back at the
 * last line start from which lexing again gives the same result (the
 * record's first line, or a later one while only blank lines, comments and
 * the skipped body of an unbalanced '(' were seen): the caller moves the
 * window up to lx->pos, fills it and calls again.  Checks happen only where
 * a loop stops at the end of the window, not per byte.
 */
static lex_result_t
lex_record(lexer_t *lx, lexrec_t *r)
{
	const char *b = lx->buf;
	unsigned depth = 0, paren_line = 0, paren_lines = 0;
	unsigned restart_line = 0;
	size_t restart_pos = 0;
	bool started = false, mark = false, have_restart = false;
	/* Where to start again after LEX_MORE. */
	size_t keep = lx->pos;
	unsigned keep_line = lx->line;
	bool keep_skip = lx->skip_indented;

	r->ntok = 0;
	r->bytes = 0;
	r->bad = false;
	r->too_long = false;
	r->err[0] = '\0';
	r->blank_owner = false;
	if (lx->skip_indented) {
		/* The lines after an unclosed '(' that start with blank
		 * space were its continuation: one error was enough.  Resume
		 * at the next line that starts a record. */
		lx->skip_indented = false;
		while (lx->pos < lx->len && (b[lx->pos] == ' ' ||
		    b[lx->pos] == '\t' || b[lx->pos] == ';' ||
		    b[lx->pos] == '\n' || b[lx->pos] == '\r')) {
			while (lx->pos < lx->len && b[lx->pos] != '\n' &&
			    b[lx->pos] != '\r') {
				lx->pos++;
			}
			if (lx->pos < lx->len) {
				if (b[lx->pos] == '\r') {
					if (lx->pos + 1 < lx->len) {
						if (b[lx->pos + 1] == '\n') {
							lx->pos++;
						}
					} else if (lx->more) {
						goto more;
					}
				}
				lx->pos++;
				lx->line++;
				keep = lx->pos;
				keep_line = lx->line;
			}
		}
		if (lx->pos == lx->len && lx->more) {
			goto more;
		}
		keep = lx->pos;
		keep_line = lx->line;
		keep_skip = false;
	}
	if (lex_plain_line(lx, r)) {
		return LEX_RECORD;
	}
	while (lx->pos < lx->len) {
		unsigned char c = (unsigned char)b[lx->pos];

		if (c == '\n' || c == '\r') {
			lx->pos++;
			if (c == '\r') {
				if (lx->pos < lx->len) {
					if (b[lx->pos] == '\n') {
						lx->pos++;
					}
				} else if (lx->more) {
					goto more; /* an LF may follow */
				}
			}
			lx->line++;
			if (!started) {
				keep = lx->pos;
				keep_line = lx->line;
				continue;
			}
			if (depth == 0) {
				return LEX_RECORD;
			}
			if (mark) {
				restart_pos = lx->pos;
				restart_line = lx->line;
				have_restart = true;
				mark = false;
			}
			if (++paren_lines >= PAREN_LINES_MAX) {
				rec_error(r, r->first_line,
				    "unbalanced '(' on line %u: no ')' "
				    "within %u lines", paren_line,
				    PAREN_LINES_MAX);
				goto recover;
			}
			continue;
		}
		if (c == ' ' || c == '\t') {
			do {
				lx->pos++;
			} while (lexclass[(unsigned char)b[lx->pos]] == B_BLANK);
			continue;
		}
		if (c == ';') {
			size_t start = lx->pos + 1;

			while (lx->pos < lx->len && b[lx->pos] != '\n' &&
			    b[lx->pos] != '\r') {
				lx->pos++;
			}
			if (lx->pos == lx->len && lx->more) {
				goto more; /* the comment may go on */
			}
			/* A comment alone on its line speaks of the next. */
			if (lx->comment != NULL &&
			    lx->base + start > lx->comment_done &&
			    mentions_zonelint(b + start, lx->pos - start)) {
				lx->comment_done = lx->base + start;
				lx->comment(lx->comment_ctx, lx->line, b + start,
				    lx->pos - start, !started);
			}
			continue;
		}
		if (!started) {
			started = true;
			r->first_line = lx->line;
			/* The window starts at a line start (or the file's). */
			r->blank_owner = !(lx->pos == 0 ||
			    b[lx->pos - 1] == '\n' || b[lx->pos - 1] == '\r');
		}
		r->last_line = lx->line;
		if (c == '(') {
			if (depth == 0) {
				paren_line = lx->line;
				paren_lines = 0;
				mark = true;
			}
			depth++;
			lx->pos++;
		} else if (c == ')') {
			if (depth == 0) {
				rec_error(r, lx->line, "')' without '('");
			} else {
				depth--;
			}
			lx->pos++;
		} else if (c == '"') {
			lex_quoted(lx, r);
		} else {
			lex_word(lx, r);
		}
	}
	if (lx->more) {
		goto more; /* a word, a string or the record may go on */
	}
	if (!started) {
		return LEX_END;
	}
	if (depth > 0) {
		rec_error(r, r->first_line, "unbalanced '(' on line %u: no ')' "
		    "before the end of the file", paren_line);
		goto recover;
	}
	return LEX_RECORD;
recover:
	if (have_restart) {
		lx->pos = restart_pos;
		lx->line = restart_line;
		lx->skip_indented = true;
		/* The lines from here on are read again, and their comments
		 * reported again, as they always were. */
		if (lx->comment_done > lx->base + restart_pos) {
			lx->comment_done = lx->base + restart_pos;
		}
	} else {
		lx->pos = lx->len;
	}
	return LEX_RECORD;
more:
	lx->pos = keep;
	lx->line = keep_line;
	lx->skip_indented = keep_skip;
	return LEX_MORE;
}

/* A lexer over the window w, which starts at the file's start. */
static void
lexer_init(lexer_t *lx, const window_t *w)
{
	memset(lx, 0, sizeof(*lx));
	lx->buf = w->buf;
	lx->len = w->len;
	lx->base = w->base;
	lx->more = !w->eof;
	lx->line = 1;
}

/* lex_record(), moving the window and reading more as the record needs. */
static lex_result_t
next_record(lexer_t *lx, lexrec_t *r, window_t *w)
{
	lex_result_t got;

	while ((got = lex_record(lx, r)) == LEX_MORE) {
		/* A failed read ends the data (w->error tells). */
		(void)window_fill(w, lx->pos);
		lx->buf = w->buf;
		lx->len = w->len;
		lx->pos = 0;
		lx->base = w->base;
		lx->more = !w->eof;
	}
	return got;
}

/* --- fields ------------------------------------------------------------- */

/* Copy a token into the scratch buffer as a C string (quotes removed). */
static const char *
tok_str(reader_t *rd, const char *buf, const token_t *t)
{
	size_t off = t->off, len = t->len;

	if (t->quoted) {
		off++;
		len = len >= 2 ? len - 2 : 0;
	}
	sbuf_set(&rd->scratch, buf + off, len);
	return rd->scratch.failed ? "" : rd->scratch.p;
}

static bool
tok_is(const char *buf, const token_t *t, const char *word)
{
	size_t n = strlen(word);

	return !t->quoted && t->len == n && strncasecmp(buf + t->off, word,
	    n) == 0;
}

/*
 * Parse a TTL: seconds, or numbers with units s, m, h, d, w in any case
 * ("1h30m", "1W"); a bare number ends a unit list only after zeros ("0h30",
 * as BIND: "1h30" is refused).  Returns 0; -1 for bad syntax; -2 when
 * above TTL_MAX but within 32 bits, with *out 0: BIND 9.18 loads such a
 * TTL as 0 with a warning ("> MAXTTL, setting $TTL to 0"), as RFC 2181 8
 * says a TTL with the top bit set is read, and Knot loads it too; -3 past
 * 32 bits, which both refuse.
 */
static int
parse_ttl(const char *s, size_t n, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	/* Up to nine digits, the common case, cannot pass TTL_MAX; anything
	 * else is zg_period_parse's to read. */
	for (i = 0; i < n && n <= 9 && s[i] >= '0' && s[i] <= '9'; i++) {
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (i == n && n > 0) {
		*out = (uint32_t)v;
		return 0;
	}
	if (zg_period_parse(s, n, &v) != NULL) {
		return -1;
	}
	if (v > UINT32_MAX) {
		return -3;
	}
	if (v > TTL_MAX) {
		*out = 0;
		return -2;
	}
	*out = (uint32_t)v;
	return 0;
}

/* The ttl-too-large warning for a TTL parse_ttl read as 0. */
static void
ttl_too_large(reader_t *rd, const char *file, unsigned line, const char *s,
    size_t n, bool directive)
{
	char q[QUOTE_MAX * 4 + 8];

	if (rd->generating) {
		/* The TTL is the directive's, the same for each record. */
		if (rd->gen_ttl_said) {
			return;
		}
		rd->gen_ttl_said = true;
	}
	zl_quote(s, n, q, sizeof(q));
	notice(rd, file, line, "ttl-too-large", "%s %s is above 2147483647: "
	    "BIND loads it as 0, and zonelint reads it so (RFC 2181 8: a "
	    "TTL with the top bit set counts as 0)",
	    directive ? "$TTL" : "TTL", q);
}

/* A name token as written, made absolute against origin (RFC 1035 5.1:
 * "@" is the origin, a relative name gets it appended); NULL if it is no
 * name. */
static ldns_rdf *
name_from_token(const char *buf, const token_t *t, const ldns_rdf *origin)
{
	uint8_t w[ZL_NAME_MAX];
	size_t n;

	if (t->quoted || !zl_name_read(buf + t->off, t->len,
	    ldns_rdf_data(origin), ldns_rdf_size(origin), w, &n, NULL, 0)) {
		return NULL;
	}
	return ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, n, w);
}

/*
 * The longest character-string of a TXT or SPF record's rdata, counted in
 * octets after unescaping (\DDD and \X are one octet each).  Checked here
 * because ldns 1.8.3 rejects a long string with a generic status.
 */
static size_t
longest_string(const char *buf, const lexrec_t *r, size_t first)
{
	size_t longest = 0, i, k;

	for (i = first; i < r->ntok; i++) {
		const char *p = buf + r->tok[i].off;
		size_t n = r->tok[i].len, octets = 0;

		if (r->tok[i].quoted && n >= 2) {
			p++; /* the token keeps its quotes */
			n -= 2;
		}
		for (k = 0; k < n; octets++) {
			if (p[k] == '\\' && k + 3 < n &&
			    p[k + 1] >= '0' && p[k + 1] <= '9' &&
			    p[k + 2] >= '0' && p[k + 2] <= '9' &&
			    p[k + 3] >= '0' && p[k + 3] <= '9') {
				k += 4;
			} else if (p[k] == '\\' && k + 1 < n) {
				k += 2;
			} else {
				k++;
			}
		}
		longest = octets > longest ? octets : longest;
	}
	return longest;
}

/* --- records and directives ------------------------------------------- */

static unsigned read_zfile(reader_t *rd, zfile_t *z, window_t *w);
static void read_one(reader_t *rd, zfile_t *z, const char *buf,
    const lexrec_t *r);
static void do_record(reader_t *rd, zfile_t *z, const char *buf,
    const lexrec_t *r);
static ldns_rr_class class_of(reader_t *rd, const char *buf,
    const token_t *t);

/* Keep an included file's name until the read ends (reader_free): the
 * names handed to the callbacks stay valid and distinct for the whole
 * read (zl_read_callbacks_t).  False when out of memory. */
static bool
keep_display(reader_t *rd, char *display)
{
	if (rd->displays_count == rd->displays_cap) {
		size_t cap = rd->displays_cap ? rd->displays_cap * 2 : 4;
		char **p = realloc(rd->displays, cap * sizeof(*p));

		if (p == NULL) {
			return false;
		}
		rd->displays = p;
		rd->displays_cap = cap;
	}
	rd->displays[rd->displays_count++] = display;
	return true;
}

static void
do_include(reader_t *rd, zfile_t *z, const char *buf, const lexrec_t *r)
{
	char *path = NULL, *display = NULL, *real = NULL;
	char *slash;
	bool display_kept = false;
	const zfile_t *p;
	zfile_t child;
	window_t win;
	size_t dlen;
	unsigned line = r->first_line;
	ldns_rdf *origin;

	if (r->ntok < 2 || r->ntok > 3) {
		problem(rd, z->display, line, "syntax-error",
		    "$INCLUDE needs a file name and an optional origin");
		return;
	}
	path = strdup(tok_str(rd, buf, &r->tok[1]));
	if (path == NULL || path[0] == '\0') {
		problem(rd, z->display, line, "syntax-error",
		    "$INCLUDE needs a file name");
		goto out;
	}
	if (r->ntok == 3) {
		origin = name_from_token(buf, &r->tok[2], z->origin);
		if (origin == NULL) {
			char q[QUOTE_MAX * 4 + 8];

			zl_quote(buf + r->tok[2].off, r->tok[2].len, q,
			    sizeof(q));
			problem(rd, z->display, line, "syntax-error",
			    "bad $INCLUDE origin \"%s\"", q);
			goto out;
		}
	} else {
		origin = ldns_rdf_clone(z->origin);
	}
	/* Relative to the including file's directory as the user gave it. */
	dlen = strlen(z->dir);
	if (path[0] == '/' || dlen == 0) {
		display = strdup(path);
	} else {
		display = malloc(dlen + strlen(path) + 2);
		if (display != NULL) {
			snprintf(display, dlen + strlen(path) + 2, "%s/%s",
			    z->dir, path);
		}
	}
	if (display == NULL || origin == NULL) {
		ldns_rdf_deep_free(origin);
		problem(rd, z->display, line, "include-failed",
		    "out of memory");
		goto out;
	}
	/* The including file's own real path, found at its first $INCLUDE
	 * (a file that includes nothing never needs it); its ancestors'
	 * were found when they included it. */
	if (z->real == NULL && !z->is_stdin) {
		z->real = realpath(z->display, NULL);
	}
	real = realpath(display, NULL);
	if (real == NULL) {
		problem(rd, z->display, line, "include-failed",
		    "cannot open included file %s: %s", display,
		    strerror(errno));
		ldns_rdf_deep_free(origin);
		goto out;
	}
	if (!rd->include_any) {
		/* The including file's directory tree, symlinks resolved. */
		char *base = realpath(z->real ? z->real : ".", NULL);
		bool inside = false;

		if (base != NULL && z->real != NULL) {
			slash = strrchr(base, '/');
			if (slash != NULL) {
				slash[slash == base ? 1 : 0] = '\0';
			}
		}
		if (base != NULL) {
			size_t blen = strlen(base);

			inside = strncmp(real, base, blen) == 0 &&
			    (real[blen] == '/' || (blen == 1 &&
			    base[0] == '/'));
		}
		free(base);
		if (!inside) {
			problem(rd, z->display, line, "include-failed",
			    "included file %s is outside the directory of "
			    "%s", display, z->display);
			ldns_rdf_deep_free(origin);
			goto out;
		}
	}
	for (p = z; p != NULL; p = p->parent) {
		if (p->real != NULL && strcmp(p->real, real) == 0) {
			problem(rd, z->display, line, "include-failed",
			    "include loop: %s is already being read",
			    display);
			ldns_rdf_deep_free(origin);
			goto out;
		}
	}
	if (z->depth + 1 > rd->depth_max) {
		problem(rd, z->display, line, "include-failed",
		    "includes nested more than %u deep at %s",
		    rd->depth_max, display);
		ldns_rdf_deep_free(origin);
		goto out;
	}
	/* Its own window, from its start: no origin pass. */
	if (window_open(&win, display, rd->size_max, true) != 0) {
		problem(rd, z->display, line, "include-failed",
		    "cannot read included file %s: %s", display,
		    strerror(errno));
		ldns_rdf_deep_free(origin);
		goto out;
	}
	memset(&child, 0, sizeof(child));
	child.display = display;
	child.dir = strdup(display);
	/* Only a file that opened names events: its name is kept (an
	 * include that fails keeps nothing). */
	if (child.dir == NULL || !keep_display(rd, display)) {
		free(child.dir);
		window_close(&win);
		ldns_rdf_deep_free(origin);
		problem(rd, z->display, line, "include-failed",
		    "out of memory");
		goto out;
	}
	display_kept = true;
	slash = strrchr(child.dir, '/');
	if (slash == NULL) {
		child.dir[0] = '\0';
	} else {
		slash[slash == child.dir ? 1 : 0] = '\0';
	}
	child.real = real;
	/* RFC 1035 5.1: the included file's $ORIGIN changes stay there;
	 * a blank owner at its start inherits the parent's (as BIND). */
	child.origin = origin;
	memcpy(child.prev, z->prev, z->prev_len);
	child.prev_len = z->prev_len;
	child.depth = z->depth + 1;
	child.parent = z;
	child.include_line = line;
	read_zfile(rd, &child, &win);
	if (win.error != 0) {
		/* A read failed part way: what came before it was read. */
		problem(rd, z->display, line, "include-failed",
		    "cannot read included file %s: %s", display,
		    strerror(win.error));
	}
	window_close(&win);
	ldns_rdf_deep_free(child.origin);
	free(child.dir);
out:
	free(real);
	if (!display_kept) {
		free(display);
	}
	free(path);
}

/* A made owner that reads as a name at or below the zone's apex (one that
 * does not read goes on, to be reported as a bad owner). */
/* A wire name's presentation form (ldns's: \DDD for the bytes that need
 * it), malloc'd; NULL when out of memory. */
static char *
wire_text(const uint8_t *w, size_t len)
{
	ldns_rdf *rdf = ldns_dname_new_frm_data((uint16_t)len, w);
	char *s = rdf != NULL ? ldns_rdf2str(rdf) : NULL;

	ldns_rdf_deep_free(rdf);
	return s;
}

static bool
owner_in_zone(const reader_t *rd, const zfile_t *z, const char *s, size_t n)
{
	uint8_t w[ZL_NAME_MAX];
	size_t len;

	if (!rd->apex_sure || rd->apex_len == 0 ||
	    !zl_name_read(s, n, ldns_rdf_data(z->origin),
	    ldns_rdf_size(z->origin), w, &len, NULL, 0)) {
		return true;
	}
	return zl_wire_below(w, len, rd->apex, rd->apex_len);
}

/*
 * $GENERATE range owner [ttl] [class] type rdata, as BIND 9.18 reads it
 * (lint/generate.c): each record's text is made, lexed and read as if it
 * stood on the directive's line, one at a time, each counted against the
 * record limit before it is made.
 */
static void
do_generate(reader_t *rd, zfile_t *z, const char *buf, const lexrec_t *r)
{
	const token_t *t = r->tok;
	unsigned line = r->first_line;
	zl_generate_t *g;
	zl_generate_text_t owner = { NULL, 0, 0 }, rdata = { NULL, 0, 0 };
	uint64_t i, count, outside = 0;
	unsigned long before;
	size_t k, prev_len;
	uint8_t prev[256];
	char err[QUOTE_MAX * 4 + 160];
	char first_out[QUOTE_MAX * 4 + 8];

	if (r->ntok < 5) {
		problem(rd, z->display, line, "syntax-error",
		    "$GENERATE needs a range, an owner, a type and rdata");
		return;
	}
	if (t[1].quoted || t[2].quoted) {
		problem(rd, z->display, line, "syntax-error",
		    "$GENERATE: the range and the owner are not quoted");
		return;
	}
	/* Between the owner and the rdata: [TTL] [class] type, as BIND
	 * reads it; the rdata is one token (quote it). */
	for (k = 3; k + 1 < r->ntok; k++) {
		const zl_rtype_t *row;
		uint16_t code;
		bool last = k + 2 == r->ntok;

		if (r->ntok > 7 || t[k].quoted || (last ?
		    !zl_rtype_lookup(buf + t[k].off, t[k].len, &code, &row) :
		    !(buf[t[k].off] >= '0' && buf[t[k].off] <= '9') &&
		    class_of(rd, buf, &t[k]) == 0)) {
			problem(rd, z->display, line, "syntax-error",
			    "bad $GENERATE: only [TTL] [class] type go between "
			    "the owner and the rdata, which is one token (quote "
			    "it)");
			return;
		}
	}
	g = zl_generate_new(buf + t[1].off, t[1].len, buf + t[2].off,
	    t[2].len, buf + t[r->ntok - 1].off, t[r->ntok - 1].len, err,
	    sizeof(err));
	if (g == NULL) {
		problem(rd, z->display, line, "syntax-error", "bad $GENERATE: "
		    "%s", err);
		return;
	}
	count = zl_generate_count(g);
	/* The owner the next blank-owner line takes stays the one before
	 * the directive, as in BIND. */
	memcpy(prev, z->prev, z->prev_len);
	prev_len = z->prev_len;
	/* Its TTL, the same for each record, is said of once here, even
	 * when every record falls outside the zone, as BIND says it. */
	rd->gen_ttl_said = false;
	for (k = 3; k + 2 < r->ntok; k++) {
		uint32_t ttl;

		if (buf[t[k].off] >= '0' && buf[t[k].off] <= '9' &&
		    parse_ttl(buf + t[k].off, t[k].len, &ttl) == -2) {
			ttl_too_large(rd, z->display, line, buf + t[k].off,
			    t[k].len, false);
			rd->gen_ttl_said = true;
		}
	}
	for (i = 0; i < count; i++) {
		window_t w;
		lexer_t lx;

		if (++rd->records > rd->records_max) {
			problem(rd, z->display, line, "limit-exceeded",
			    "more than %zu records ($GENERATE makes %llu): the "
			    "rest of the file was not read", rd->records_max,
			    (unsigned long long)count);
			break;
		}
		if (!zl_generate_expand(g, i, &owner, &rdata, err,
		    sizeof(err))) {
			problem(rd, z->display, line, "syntax-error",
			    "bad $GENERATE: %s", err);
			break;
		}
		/* The text made counts against the file-size cap: a few
		 * bytes of template must not make gigabytes. */
		rd->made += owner.len + rdata.len + 2;
		if (rd->made > rd->size_max) {
			problem(rd, z->display, line, "limit-exceeded",
			    "$GENERATE made more than %zu bytes of records "
			    "(--max-file-size): the rest of the file was not "
			    "read", rd->size_max);
			rd->stop = true;
			break;
		}
		/* BIND ignores a record made outside the zone before it
		 * reads its rdata ("ignoring out-of-zone data"). */
		if (!owner_in_zone(rd, z, owner.s, owner.len)) {
			if (outside++ == 0) {
				zl_quote(owner.s, owner.len, first_out,
				    sizeof(first_out));
			}
			continue;
		}
		/* owner [ttl] [class] type rdata, on the directive's line */
		sbuf_set(&rd->gen_line, owner.s, owner.len);
		for (k = 3; k + 1 < r->ntok; k++) {
			sbuf_add(&rd->gen_line, " ", 1);
			sbuf_add(&rd->gen_line, buf + t[k].off, t[k].len);
		}
		sbuf_add(&rd->gen_line, " ", 1);
		sbuf_add(&rd->gen_line, rdata.s, rdata.len);
		if (rd->gen_line.failed) {
			problem(rd, z->display, line, "syntax-error",
			    "out of memory");
			break;
		}
		memset(&w, 0, sizeof(w));
		w.buf = rd->gen_line.p;
		w.len = rd->gen_line.len;
		w.eof = true;
		lexer_init(&lx, &w);
		lx.line = line;
		if (lex_record(&lx, &rd->gen_rec) != LEX_RECORD) {
			continue;
		}
		rd->gen_rec.first_line = rd->gen_rec.last_line = line;
		if (rd->gen_rec.bad) {
			problem(rd, z->display, line, "syntax-error",
			    "$GENERATE record %llu: %s",
			    (unsigned long long)zl_generate_value(g, i),
			    rd->gen_rec.err);
			break;
		}
		before = rd->problems;
		rd->generating = true;
		do_record(rd, z, rd->gen_line.p, &rd->gen_rec);
		rd->generating = false;
		if (rd->problems != before) {
			/* As BIND: the directive stops at the first record
			 * it refuses (one message, not one per value). */
			break;
		}
	}
	memcpy(z->prev, prev, prev_len);
	z->prev_len = prev_len;
	if (outside > 0) {
		/* One finding for the directive, not one a value. */
		char *apex = wire_text(rd->apex, rd->apex_len);

		notice(rd, z->display, line, "out-of-zone",
		    "$GENERATE made %llu record%s outside the zone %s (the "
		    "first at %s): servers ignore them",
		    (unsigned long long)outside, outside == 1 ? "" : "s",
		    apex != NULL ? apex : "?", first_out);
		free(apex);
	}
	zl_generate_text_free(&owner);
	zl_generate_text_free(&rdata);
	zl_generate_free(g);
}

static void
do_directive(reader_t *rd, zfile_t *z, const char *buf, const lexrec_t *r)
{
	const token_t *t = &r->tok[0];
	unsigned line = r->first_line;
	char q[QUOTE_MAX * 4 + 8];

	if (tok_is(buf, t, "$ORIGIN")) {
		ldns_rdf *o;

		if (r->ntok != 2 || r->tok[1].quoted) {
			problem(rd, z->display, line, "syntax-error",
			    "$ORIGIN needs one domain name");
			return;
		}
		/* A relative $ORIGIN is appended to the current one, as
		 * BIND does (ldns would make it absolute). */
		o = name_from_token(buf, &r->tok[1], z->origin);
		if (o == NULL) {
			zl_quote(buf + r->tok[1].off, r->tok[1].len, q,
			    sizeof(q));
			problem(rd, z->display, line, "syntax-error",
			    "bad $ORIGIN \"%s\"", q);
			return;
		}
		ldns_rdf_deep_free(z->origin);
		z->origin = o;
		z->owner_text_len = 0;
	} else if (tok_is(buf, t, "$TTL")) {
		uint32_t ttl;
		int e;

		if (r->ntok != 2) {
			problem(rd, z->display, line, "syntax-error",
			    "$TTL needs one TTL");
			return;
		}
		e = r->tok[1].quoted ? -1 : parse_ttl(buf + r->tok[1].off,
		    r->tok[1].len, &ttl);
		if (e == -2) {
			ttl_too_large(rd, z->display, line,
			    buf + r->tok[1].off, r->tok[1].len, true);
		} else if (e != 0) {
			zl_quote(buf + r->tok[1].off, r->tok[1].len, q,
			    sizeof(q));
			problem(rd, z->display, line, "syntax-error",
			    e == -3 ? "bad $TTL \"%s\": larger than "
			    "4294967295" : "bad $TTL \"%s\"", q);
			return;
		}
		rd->have_default_ttl = true;
		rd->default_ttl = ttl;
	} else if (tok_is(buf, t, "$INCLUDE")) {
		do_include(rd, z, buf, r);
	} else if (tok_is(buf, t, "$GENERATE")) {
		do_generate(rd, z, buf, r);
	} else {
		zl_quote(buf + t->off, t->len, q, sizeof(q));
		problem(rd, z->display, line, "syntax-error",
		    "unknown directive %s", q);
	}
}

/* The class a token names, or 0 (RFC 1035 3.2.4, RFC 3597 5: IN, CS,
 * CH, HS or CLASSnnn; NONE and ANY are no class of zone data). */
static ldns_rr_class
class_of(reader_t *rd, const char *buf, const token_t *t)
{
	const char *w = buf + t->off;
	unsigned v = 0;
	size_t k;

	(void)rd;
	if (t->quoted) {
		return 0;
	}
	if (t->len == 2) {
		char a = (char)(w[0] | 0x20), b = (char)(w[1] | 0x20);

		if (a == 'i' && b == 'n') {
			return LDNS_RR_CLASS_IN;
		}
		if (a == 'c' && b == 's') {
			return (ldns_rr_class)2; /* CS, RFC 1035 3.2.4 */
		}
		if (a == 'c' && b == 'h') {
			return LDNS_RR_CLASS_CH;
		}
		if (a == 'h' && b == 's') {
			return LDNS_RR_CLASS_HS;
		}
		return 0;
	}
	if (t->len < 6 || t->len > 10 || strncasecmp(w, "CLASS", 5) != 0) {
		return 0;
	}
	for (k = 5; k < t->len; k++) {
		if (w[k] < '0' || w[k] > '9') {
			return 0;
		}
		v = v * 10 + (unsigned)(w[k] - '0');
		if (v > 65535) {
			return 0;
		}
	}
	return (ldns_rr_class)v;
}

bool
zl_rr_rdata_wire(const ldns_rr *rr, uint8_t **buf, size_t *cap,
    size_t *len)
{
	size_t i, total = 0;

	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		total += ldns_rdf_size(ldns_rr_rdf(rr, i));
	}
	if (total > *cap) {
		uint8_t *p = realloc(*buf, total);

		if (p == NULL) {
			return false;
		}
		*buf = p;
		*cap = total;
	}
	*len = 0;
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *f = ldns_rr_rdf(rr, i);

		if (ldns_rdf_size(f) == 0) {
			continue; /* its data may be NULL */
		}
		memcpy(*buf + *len, ldns_rdf_data(f), ldns_rdf_size(f));
		*len += ldns_rdf_size(f);
	}
	return true;
}

/*
 * default-ttl-missing, once a file: a record without a TTL that no $TTL
 * gives one (RFC 2308 4), as BIND warns of it; said at the end when the
 * file has an SOA record (zl_read_file).  A finding about a record that
 * reads, not a problem reading it: not counted, so that it does not fail
 * an included file's first record.
 */
static void
note_default_ttl(reader_t *rd, zfile_t *z, unsigned line, const char *tname,
    uint32_t ttl, bool soa_minimum)
{
	char *msg = rd->ttl_note;
	size_t size = sizeof(rd->ttl_note);

	rd->ttl_noted = true;
	rd->ttl_note_line = line;
	rd->ttl_note_file = strdup(z->display);
	if (soa_minimum) {
		snprintf(msg, size, "SOA record without a TTL and no $TTL "
		    "before it: BIND gives it the SOA minimum, %u, and the "
		    "records after it without a TTL too", (unsigned)ttl);
	} else if (rd->have_last_ttl) {
		snprintf(msg, size, "%s record without a TTL and no $TTL "
		    "before it: it takes the last TTL written, %u (RFC 1035 "
		    "5.1), as do the records after it without one", tname,
		    (unsigned)ttl);
	} else {
		snprintf(msg, size, "%s record without a TTL, and no "
		    "$TTL or TTL before it: BIND refuses the zone (zonelint "
		    "reads %u)", tname, (unsigned)ttl);
	}
}

static void
do_record(reader_t *rd, zfile_t *z, const char *buf, const lexrec_t *r)
{
	const token_t *t = r->tok;
	const token_t *class_tok = NULL;
	ldns_rr_class rclass = LDNS_RR_CLASS_IN;
	size_t i = 0, k, first;
	unsigned line = r->first_line;
	bool have_ttl = false;
	uint32_t ttl = 0;
	uint16_t type;
	const zl_rtype_t *row;
	char q[QUOTE_MAX * 4 + 8];
	const char *tname;
	char tbuf[16];
	char why[QUOTE_MAX * 4 + 160];
	zl_record_t rec;

	if (r->blank_owner) {
		if (z->prev_len == 0) {
			problem(rd, z->display, line, "syntax-error",
			    "no owner name: the line starts with blank space "
			    "and no record before it gave one");
			return;
		}
		memcpy(rd->owner, z->prev, z->prev_len);
		rd->owner_len = z->prev_len;
	} else {
		if (t[0].quoted) {
			zl_quote(buf + t[0].off, t[0].len, q, sizeof(q));
			problem(rd, z->display, line, "syntax-error",
			    "bad owner name %s", q);
			return;
		}
		if (t[0].len == z->owner_text_len && t[0].len != 0 &&
		    memcmp(buf + t[0].off, z->owner_text, t[0].len) == 0) {
			memcpy(rd->owner, z->owner_wire, z->owner_wire_len);
			rd->owner_len = z->owner_wire_len;
		} else if (!zl_name_read(buf + t[0].off, t[0].len,
		    ldns_rdf_data(z->origin), ldns_rdf_size(z->origin),
		    rd->owner, &rd->owner_len, why, sizeof(why))) {
			problem(rd, z->display, line, "syntax-error",
			    "bad owner name %s", why);
			return;
		} else if (t[0].len <= sizeof(z->owner_text)) {
			memcpy(z->owner_text, buf + t[0].off, t[0].len);
			z->owner_text_len = t[0].len;
			memcpy(z->owner_wire, rd->owner, rd->owner_len);
			z->owner_wire_len = rd->owner_len;
		}
		i = 1;
		/* BIND takes the owner even when the rest is bad. */
		memcpy(z->prev, rd->owner, rd->owner_len);
		z->prev_len = rd->owner_len;
	}
	/* [TTL] [class] or [class] [TTL] (RFC 1035 5.1). */
	for (k = 0; k < 2 && i < r->ntok && !t[i].quoted; k++) {
		const char *w = buf + t[i].off;
		ldns_rr_class c;

		if (w[0] >= '0' && w[0] <= '9' && !have_ttl) {
			int e = parse_ttl(w, t[i].len, &ttl);

			if (e == -2) {
				ttl_too_large(rd, z->display, line, w,
				    t[i].len, false);
			} else if (e != 0) {
				zl_quote(w, t[i].len, q, sizeof(q));
				problem(rd, z->display, line, "syntax-error",
				    e == -3 ? "bad TTL \"%s\": larger than "
				    "4294967295" : "bad TTL \"%s\"", q);
				return;
			}
			have_ttl = true;
		} else if (class_tok == NULL &&
		    (c = class_of(rd, buf, &t[i])) != 0) {
			class_tok = &t[i];
			rclass = c;
		} else {
			break;
		}
		i++;
	}
	if (i >= r->ntok) {
		problem(rd, z->display, line, "syntax-error",
		    "missing record type");
		return;
	}
	if (t[i].quoted || !zl_rtype_lookup(buf + t[i].off, t[i].len, &type,
	    &row)) {
		zl_quote(buf + t[i].off, t[i].len, q, sizeof(q));
		problem(rd, z->display, line, "syntax-error",
		    "unknown record type %s", q);
		return;
	}
	if (row != NULL) {
		tname = row->name;
	} else {
		snprintf(tbuf, sizeof(tbuf), "TYPE%u", (unsigned)type);
		tname = tbuf;
	}
	first = i + 1;
	if (first >= r->ntok && type != LDNS_RR_TYPE_APL &&
	    !(row != NULL && (row->flags & (ZL_TYPE_META |
	    ZL_TYPE_OBSOLETE))) && !(type >= 128 && type <= 255)) {
		problem(rd, z->display, line, "syntax-error",
		    "%s record without rdata", tname);
		return;
	}
	/* RFC 2308 4: $TTL; else RFC 1035 5.1: the last explicit TTL. */
	if (have_ttl) {
		rd->have_last_ttl = true;
		rd->last_ttl = ttl;
	} else if (rd->have_default_ttl) {
		ttl = rd->default_ttl;
	} else if (rd->have_last_ttl) {
		ttl = rd->last_ttl;
	} else {
		ttl = TTL_FALLBACK;
	}
	if (!zl_rdata_read(type, buf, t + first, r->ntok - first,
	    ldns_rdf_data(z->origin), ldns_rdf_size(z->origin), rd->rdata,
	    &rec.rdata_len, why, sizeof(why))) {
		if ((type == LDNS_RR_TYPE_TXT || type == LDNS_RR_TYPE_SPF) &&
		    longest_string(buf, r, first) > 255) {
			/* RFC 1035 3.3: a character-string is at most 255
			 * octets; a rule of its own, as it is a common
			 * mistake. */
			problem(rd, z->display, line, "txt-string-too-long",
			    "%s character-string of %zu octets; at most 255 "
			    "fit in one string", tname,
			    longest_string(buf, r, first));
			return;
		}
		problem(rd, z->display, line, "syntax-error",
		    "bad %s record: %s", tname, why);
		return;
	}
	/* (A record of another class is no part of the zone, class-mismatch
	 * in lint/zone.c: BIND refuses it before it looks for a TTL.) */
	if (rclass == LDNS_RR_CLASS_IN && !have_ttl &&
	    !rd->have_default_ttl && !rd->have_last_ttl &&
	    type == LDNS_RR_TYPE_SOA && rec.rdata_len >= 20) {
		/* No TTL known at all: BIND uses the SOA MINIMUM, for the
		 * SOA and as the default of the records after it without a
		 * TTL (not the last TTL written: BIND's master.c). */
		const uint8_t *m = rd->rdata + rec.rdata_len - 4;

		rd->have_default_ttl = true;
		rd->default_ttl = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 |
		    (uint32_t)m[2] << 8 | m[3];
		ttl = rd->default_ttl;
		if (!rd->ttl_noted) {
			note_default_ttl(rd, z, line, tname, ttl, true);
		}
		if (ttl > TTL_MAX) {
			/* BIND caps it as it caps $TTL. */
			notice(rd, z->display, line, "ttl-too-large", "the SOA "
			    "minimum %lu, the TTL of the records without one "
			    "here (no $TTL), is above 2147483647: BIND loads "
			    "them with TTL 0, and zonelint reads them so (RFC "
			    "2181 8)", (unsigned long)ttl);
			rd->default_ttl = ttl = 0;
		}
	} else if (rclass == LDNS_RR_CLASS_IN && !have_ttl &&
	    !rd->have_default_ttl && !rd->ttl_noted) {
		note_default_ttl(rd, z, line, tname, ttl, false);
	}
	rd->soa_seen |= rclass == LDNS_RR_CLASS_IN && type == LDNS_RR_TYPE_SOA;
	if (rd->cb != NULL && rd->cb->record != NULL) {
		rec.rdata = rd->rdata;
		rec.owner = rd->owner;
		rec.owner_len = rd->owner_len;
		rec.type = type;
		rec.rr_class = (uint16_t)rclass;
		rec.ttl = ttl;
		rec.file = z->display;
		rec.line = r->first_line;
		rec.last_line = r->last_line;
		rec.ttl_explicit = have_ttl;
		rec.owner_hashed = false;
		rec.owner_hash = 0;
		rec.reader_ = rd;
		rd->cb->record(rd->ctx, &rec);
	}
	ldns_rr_free(rd->lazy);
	rd->lazy = NULL;
	rd->lazy_failed = false;
}

ldns_rr *
zl_record_take_rr(const zl_record_t *rec)
{
	reader_t *rd = rec->reader_;
	ldns_rr *rr;

	if (rd == NULL) {
		return NULL;
	}
	zl_record_rr(rec);
	rr = rd->lazy;
	rd->lazy = NULL;
	rd->lazy_failed = true; /* not again */
	return rr;
}

/*
 * The ldns_rr of a record whose rdata was read here: decoded by ldns from
 * the wire form (owner, type, class, TTL, rdata), which costs a few
 * allocations where parsing the text again costs dozens.
 */
ldns_rr *
zl_rr_from_wire(const uint8_t *owner, size_t owner_len, uint16_t type,
    uint16_t rr_class, uint32_t ttl, const uint8_t *rdata, size_t rdata_len)
{
	size_t len = owner_len + 10 + rdata_len, pos = 0;
	uint8_t *w, *p;
	ldns_rr *rr = NULL;

	if (rdata_len > 65535 || (w = malloc(len)) == NULL) {
		return NULL;
	}
	p = w;
	memcpy(p, owner, owner_len);
	p += owner_len;
	*p++ = (uint8_t)(type >> 8);
	*p++ = (uint8_t)type;
	*p++ = (uint8_t)(rr_class >> 8);
	*p++ = (uint8_t)rr_class;
	*p++ = (uint8_t)(ttl >> 24);
	*p++ = (uint8_t)(ttl >> 16);
	*p++ = (uint8_t)(ttl >> 8);
	*p++ = (uint8_t)ttl;
	*p++ = (uint8_t)(rdata_len >> 8);
	*p++ = (uint8_t)rdata_len;
	memcpy(p, rdata, rdata_len);
	if (ldns_wire2rr(&rr, w, len, &pos, LDNS_SECTION_ANSWER) !=
	    LDNS_STATUS_OK || pos != len) {
		ldns_rr_free(rr);
		rr = NULL;
	}
	free(w);
	return rr;
}

const ldns_rr *
zl_record_rr(const zl_record_t *rec)
{
	reader_t *rd = rec->reader_;

	if (rd == NULL) {
		return NULL;
	}
	if (rd->lazy == NULL && !rd->lazy_failed) {
		rd->lazy = zl_rr_from_wire(rec->owner, rec->owner_len,
		    rec->type, rec->rr_class, rec->ttl, rec->rdata,
		    rec->rdata_len);
		rd->lazy_failed = rd->lazy == NULL;
	}
	return rd->lazy;
}

/* Hand a "zonelint:" comment to the caller with its file. */
static void
forward_comment(void *ctx, unsigned line, const char *text, size_t len,
    bool alone)
{
	const zfile_t *z = ctx;

	z->rd->cb->comment(z->rd->ctx, z->display, line, text, len, alone);
}

/*
 * Read the records of the file in w, from its start.  Returns the number
 * of lines read; a failed read leaves w->error set.
 */
static unsigned
read_zfile(reader_t *rd, zfile_t *z, window_t *w)
{
	lexer_t lx;
	lexrec_t *r = &rd->rec;
	/* The window's start last told to cb->progress (the named file
	 * only). */
	size_t told = z->depth == 0 && rd->cb != NULL &&
	    rd->cb->progress != NULL ? 0 : SIZE_MAX;

	lexer_init(&lx, w);
	if (rd->cb != NULL && rd->cb->comment != NULL) {
		z->rd = rd;
		lx.comment = forward_comment;
		lx.comment_ctx = z;
	}

	/* Past size_max the window stops at the last complete line. */
	while (rd->records <= rd->records_max && !rd->stop &&
	    next_record(&lx, r, w) == LEX_RECORD) {
		const char *buf = lx.buf;
		unsigned long before = rd->problems;
		bool quiet = rd->quiet;
		unsigned k;

		if (told != SIZE_MAX && w->base != told) {
			told = w->base;
			rd->cb->progress(rd->ctx, told, w->size);
		}

		/*
		 * An included file is a zone file or nothing: its first
		 * record or directive is read without a word, and when it
		 * does not read, the $INCLUDE gets one include-failed and no
		 * byte of the file is shown (it may be a .env file or any
		 * other file the repository holds).
		 */
		if (z->parent != NULL && !z->vetted && (r->ntok > 0 || r->bad)) {
			rd->quiet = true;
			if (!quiet) {
				rd->nheld = 0;
			}
			read_one(rd, z, buf, r);
			rd->quiet = quiet;
			z->vetted = true;
			if (!quiet) {
				/* (Inside another file's first record, the
				 * outermost one decides.) */
				for (k = 0; rd->problems == before &&
				    k < rd->nheld; k++) {
					rd->cb->problem(rd->ctx,
					    rd->held[k].file, rd->held[k].line,
					    rd->held[k].rule, rd->held[k].msg);
				}
				rd->nheld = 0;
			}
			if (rd->problems != before) {
				problem(rd, z->parent->display,
				    z->include_line, "include-failed",
				    "included file %s does not read as a zone "
				    "file: its first record is not one (none "
				    "of it is shown)", z->display);
				break;
			}
			continue;
		}
		read_one(rd, z, buf, r);
	}
	/* Stopped at the record limit: the line count below and the cap
	 * need the file's end, as when files were read whole. */
	while (!w->eof) {
		(void)window_fill(w, w->len);
	}
	if (w->cut) {
		problem(rd, z->display, lx.line, "limit-exceeded",
		    "file larger than %zu bytes: the rest was not read",
		    rd->size_max);
	}
	/* lx.line is the line after the last line end; data cut at the cap
	 * ends with one (or is empty). */
	return w->cut || is_line_end(w->last) ? lx.line - 1 : lx.line;
}

/* One lexed record or directive of file z. */
static void
read_one(reader_t *rd, zfile_t *z, const char *buf, const lexrec_t *r)
{
	if (r->bad) {
		/* A record past the length limit is a limit, not a mistake
		 * in its syntax. */
		problem(rd, z->display, r->first_line,
		    r->too_long ? "limit-exceeded" : "syntax-error", "%s",
		    r->err);
	} else if (r->ntok == 0) {
		return;
	} else if (!r->blank_owner && !r->tok[0].quoted &&
	    buf[r->tok[0].off] == '$') {
		do_directive(rd, z, buf, r);
	} else if (++rd->records > rd->records_max) {
		problem(rd, z->display, r->first_line, "limit-exceeded",
		    "more than %zu records: the rest of the file was not read",
		    rd->records_max);
	} else {
		do_record(rd, z, buf, r);
	}
}

/* --- the zone origin ---------------------------------------------------- */

/* The origin a file name suggests: example.com.zone, db.example.com,
 * example.com; NULL when the name does not look like a domain name.  The
 * first matching prefix and suffix are stripped (RFC 1035 leaves file
 * names to the operator, so the configuration may name others). */
static ldns_rdf *
origin_from_file_name(const char *path, const zl_read_options_t *opts)
{
	static const char *const prefixes[] = { "db." };
	static const char *const suffixes[] = { ".zone", ".db" };
	const char *const *pre = prefixes;
	const char *const *suf = suffixes;
	size_t npre = 1, nsuf = 2;
	const char *base = strrchr(path, '/');
	char name[256];
	size_t n, i;
	bool dot = false;

	if (opts != NULL && opts->origin_prefixes != NULL) {
		pre = opts->origin_prefixes;
		npre = opts->origin_prefixes_count;
	}
	if (opts != NULL && opts->origin_suffixes != NULL) {
		suf = opts->origin_suffixes;
		nsuf = opts->origin_suffixes_count;
	}
	base = base ? base + 1 : path;
	for (i = 0; i < npre; i++) {
		size_t k = strlen(pre[i]);

		if (strncasecmp(base, pre[i], k) == 0) {
			base += k;
			break;
		}
	}
	n = strlen(base);
	for (i = 0; i < nsuf; i++) {
		size_t k = strlen(suf[i]);

		if (n > k && strcasecmp(base + n - k, suf[i]) == 0) {
			n -= k;
			break;
		}
	}
	if (n == 0 || n + 2 > sizeof(name)) {
		return NULL;
	}
	for (i = 0; i < n; i++) {
		char c = base[i];

		if (c == '.') {
			if (i == 0 || base[i - 1] == '.') {
				return NULL;
			}
			dot = dot || i + 1 < n;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_')) {
			return NULL;
		}
	}
	if (!dot) {
		return NULL;
	}
	memcpy(name, base, n);
	name[n] = '\0';
	if (name[n - 1] != '.') {
		name[n] = '.';
		name[n + 1] = '\0';
	}
	return ldns_dname_new_frm_str(name);
}

/*
 * Pre-scan for the origin: the owner of the first SOA when written
 * absolute, else the first absolute $ORIGIN.  Stops at the first SOA once
 * it has the answer; a file without either is scanned once more, which
 * costs a lexing pass and no ldns work, and hands its owner names to
 * `owners` (lint/origin.h).
 */
static ldns_rdf *
scan_origin(reader_t *rd, window_t *win, const char **source,
    struct zl_owners *owners)
{
	lexer_t lx;
	lexrec_t *r = &rd->rec;
	ldns_rdf *dollar = NULL;
	bool soa_seen = false;

	/* Reads the whole of the capped data (no trimming), as before. */
	lexer_init(&lx, win);
	while (next_record(&lx, r, win) == LEX_RECORD) {
		const char *buf = lx.buf;
		const token_t *t = r->tok;
		size_t i, k;

		if (r->bad || r->ntok < 2 || r->blank_owner || t[0].quoted) {
			continue;
		}
		if (tok_is(buf, &t[0], "$ORIGIN")) {
			const char *s = tok_str(rd, buf, &t[1]);

			if (dollar == NULL && r->ntok == 2 &&
			    ldns_dname_str_absolute(s)) {
				dollar = ldns_dname_new_frm_str(s);
				if (dollar != NULL && soa_seen) {
					break;
				}
			} else {
				zl_owners_relative(owners);
			}
			continue;
		}
		if (tok_is(buf, &t[0], "$INCLUDE") ||
		    tok_is(buf, &t[0], "$GENERATE")) {
			zl_owners_relative(owners);
		} else if (buf[t[0].off] != '$') {
			zl_owners_add(owners, buf + t[0].off, t[0].len);
		}
		if (soa_seen || buf[t[0].off] == '$') {
			continue;
		}
		for (i = 1, k = 0; k < 2 && i < r->ntok; k++, i++) {
			const char *w = buf + t[i].off;

			if (!(w[0] >= '0' && w[0] <= '9') && (t[i].len >= 16 ||
			    ldns_get_rr_class_by_name(tok_str(rd, buf,
			    &t[i])) == 0)) {
				break;
			}
		}
		if (i < r->ntok && tok_is(buf, &t[i], "SOA")) {
			const char *s = tok_str(rd, buf, &t[0]);

			soa_seen = true;
			if (strcmp(s, "@") != 0 && ldns_dname_str_absolute(s)) {
				ldns_rdf *o = ldns_dname_new_frm_str(s);

				if (o != NULL) {
					ldns_rdf_deep_free(dollar);
					*source = "SOA";
					return o;
				}
			}
			if (dollar != NULL && strcmp(s, "@") == 0) {
				/* "@" after an absolute $ORIGIN: the SOA's
				 * owner is that origin, the zone's apex. */
				*source = "SOA";
				return dollar;
			}
			if (dollar != NULL) {
				break;
			}
		}
	}
	if (dollar != NULL) {
		*source = "$ORIGIN";
	}
	return dollar;
}

bool
zl_origin_is_apex(const char *source)
{
	return source != NULL && (strcmp(source, "option") == 0 ||
	    strcmp(source, "SOA") == 0 || strcmp(source, "AXFR") == 0 ||
	    strcmp(source, "DNS") == 0);
}

/* What the reader allocated for its records. */
static void
reader_free(reader_t *rd)
{
	free(rd->rec.tok);
	free(rd->gen_rec.tok);
	free(rd->gen_line.p);
	free(rd->text.p);
	free(rd->scratch.p);
	free(rd->rdata);
	free(rd->ttl_note_file);
	while (rd->displays_count > 0) {
		free(rd->displays[--rd->displays_count]);
	}
	free(rd->displays);
}

/* --- the entry point ---------------------------------------------------- */

int
zl_read_file(const char *path, const zl_read_options_t *opts,
    const zl_read_callbacks_t *cb, void *ctx, char *errbuf, size_t errlen)
{
	reader_t rd;
	zfile_t z;
	window_t w;
	unsigned lines;
	int rc = 0;
	char *slash;
	bool is_stdin = strcmp(path, "-") == 0;
	const char *shown = opts != NULL && opts->display != NULL
	    ? opts->display : path;
	const char *source = NULL;
	ldns_rdf *origin = NULL;
	struct zl_owners owners = { .relative = false };
	char why[512];

	memset(&rd, 0, sizeof(rd));
	memset(&z, 0, sizeof(z));
	rd.cb = cb;
	rd.ctx = ctx;
	rd.include_any = opts != NULL && opts->include_any;
	rd.depth_max = opts != NULL && opts->include_depth_max != 0 ?
	    opts->include_depth_max : ZL_READ_INCLUDE_DEPTH_DEFAULT;
	rd.records_max = opts != NULL && opts->records_max != 0
			     ? opts->records_max
			     : ZL_READ_RECORDS_DEFAULT;
	rd.size_max = opts != NULL && opts->size_max != 0 ? opts->size_max :
	    ZL_READ_SIZE_DEFAULT;
	if (opts != NULL && opts->origin != NULL) {
		ldns_rdf *o = ldns_dname_new_frm_str(opts->origin);

		if (o == NULL || opts->origin[0] == '\0') {
			ldns_rdf_deep_free(o);
			if (errbuf != NULL && errlen > 0) {
				snprintf(errbuf, errlen, "bad origin %s",
				    opts->origin);
			}
			return -1;
		}
		if (!ldns_dname_str_absolute(opts->origin)) {
			/* --origin example.com means example.com. */
			ldns_rdf *root = ldns_dname_new_frm_str(".");

			if (root == NULL || ldns_dname_cat(o, root) !=
			    LDNS_STATUS_OK) {
				ldns_rdf_deep_free(root);
				ldns_rdf_deep_free(o);
				if (errbuf != NULL && errlen > 0) {
					snprintf(errbuf, errlen,
					    "bad origin %s", opts->origin);
				}
				return -1;
			}
			ldns_rdf_deep_free(root);
		}
		origin = o;
		source = "option";
	}
	if (window_open(&w, path, rd.size_max, false) != 0) {
		if (errbuf != NULL && errlen > 0) {
			snprintf(errbuf, errlen, "cannot open %s: %s", path,
			    strerror(errno));
		}
		ldns_rdf_deep_free(origin);
		return -1;
	}
	why[0] = '\0';
	if (origin == NULL) {
		/* The SOA or $ORIGIN; else the file name or the owner names
		 * (lint/origin.h). */
		ldns_rdf *named = (!is_stdin || shown != path) &&
		    (opts == NULL || !opts->no_file_name_origin)
		    ? origin_from_file_name(shown, opts) : NULL;

		zl_owners_start(&owners, named);
		origin = scan_origin(&rd, &w, &source, &owners);
		if (origin == NULL) {
			origin = zl_owners_origin(&owners, named, &source, why,
			    sizeof(why));
		} else {
			ldns_rdf_deep_free(named);
		}
	}
	if (window_rewind(&w) != 0) {
		if (errbuf != NULL && errlen > 0) {
			snprintf(errbuf, errlen, "cannot open %s: %s", path,
			    strerror(errno));
		}
		ldns_rdf_deep_free(origin);
		window_close(&w);
		reader_free(&rd);
		return -1;
	}
	if (cb != NULL && cb->begin != NULL) {
		cb->begin(ctx, origin, source);
	}
	if (origin == NULL && why[0] != '\0') {
		problem(&rd, shown, 0, "origin-unknown", "%s", why);
	} else if (origin == NULL) {
		problem(&rd, shown, 0, "origin-unknown",
		    "no origin: none was given, no SOA has an absolute "
		    "owner, there is no $ORIGIN and %s; relative names are "
		    "read against the root",
		    opts != NULL && opts->no_file_name_origin
			? "origins from file names are turned off"
			: "the file name is not a domain");
	}
	if (origin == NULL) {
		origin = ldns_dname_new_frm_str(".");
	}

	z.display = shown;
	rd.rdata = malloc(ZL_RDATA_MAX);
	z.dir = rd.rdata != NULL ? strdup(is_stdin ? "" : path) : NULL;
	z.real = NULL;
	z.is_stdin = is_stdin;
	z.origin = origin;
	rd.apex_len = ldns_rdf_size(origin) <= sizeof(rd.apex) ?
	    ldns_rdf_size(origin) : 0;
	rd.apex_sure = zl_origin_is_apex(source);
	memcpy(rd.apex, ldns_rdf_data(origin), rd.apex_len);
	if (z.dir != NULL) {
		slash = strrchr(z.dir, '/');
		if (slash == NULL) {
			z.dir[0] = '\0';
		} else {
			slash[slash == z.dir ? 1 : 0] = '\0';
		}
		lines = read_zfile(&rd, &z, &w);
		if (w.error != 0) {
			/* Part of the file was read: no end, but -1. */
			if (errbuf != NULL && errlen > 0) {
				snprintf(errbuf, errlen, "cannot read %s: %s",
				    path, strerror(w.error));
			}
			rc = -1;
		} else if (cb != NULL) {
			if (rd.soa_seen && rd.ttl_note_file != NULL &&
			    cb->problem != NULL) {
				cb->problem(ctx, rd.ttl_note_file,
				    rd.ttl_note_line, "default-ttl-missing",
				    rd.ttl_note);
			}
			if (cb->end != NULL) {
				cb->end(ctx, lines);
			}
		}
	} else {
		problem(&rd, shown, 0, "syntax-error", "out of memory");
	}

	ldns_rdf_deep_free(z.origin);
	free(z.dir);
	free(z.real);
	window_close(&w);
	reader_free(&rd);
	return rc;
}
