/* rule_spf.c: SPF records (RFC 7208) as the zone holds them. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/internal.h"

/* RFC 7208 4.6.4: at most 10 terms that cause DNS queries, and at most
 * two of them void. */
#define SPF_LOOKUP_MAX 10
#define SPF_VOID_MAX 2
/* Counts stop here: past the limit, the exact figure says nothing more. */
#define SPF_COUNT_CAP 31u

/*
 * One SPF record kept in the arena: its line, the length of its text and
 * its number of strings, then the text and a NUL, then each string's
 * length.  The text and the lengths are the rdata exactly, in less room
 * than both text and rdata.
 */
struct spf_head {
	uint32_t line;
	uint32_t len;
	uint32_t strings;
};

/* The record's data is `rd`, byte for byte. */
static bool
same_rdata(const struct spf_head *h, const uint8_t *rd, size_t n)
{
	const char *text = (const char *)(h + 1);
	const uint8_t *lens = (const uint8_t *)text + h->len + 1;
	size_t i = 0, k = 0, off = 0;

	while (i < n) {
		size_t l = rd[i];

		if (k == h->strings || lens[k] != l || l > n - i - 1 ||
		    l > h->len - off || memcmp(rd + i + 1, text + off, l) != 0) {
			return false;
		}
		off += l;
		i += 1 + l;
		k++;
	}
	return k == h->strings && off == h->len;
}

/* An SPF record checked at the end: its include targets are ours. */
struct spf_later {
	uint32_t owner;     /* name id */
	const char *file;
	unsigned line;
};

/*
 * The family's own state: the first SPF record at each name (key: name
 * id; a: offset in `arena` of its line, lengths, text and rdata; b: what
 * counting found), and the records whose counts wait for the end.
 */
struct spf_state {
	struct zl_table names;
	struct zl_arena *arena;
	struct spf_later *later;
	size_t later_count;
	size_t later_cap;
	const char *apex_file; /* the apex's first SPF record's file */
};

static struct spf_state *
spf_st(const struct zone *zone)
{
	return zone->state[ZL_FAMILY_SPF];
}

/* What the end of the file learnt of the record at a name (spf_names slot.b). */
#define MEMO_DONE 0x1u
#define MEMO_BUSY 0x2u
#define MEMO_LOOP 0x4u
#define MEMO_LOOKUPS(b) (((b) >> 4) & 0x3fu)
#define MEMO_VOIDS(b) (((b) >> 10) & 0x3fu)
#define MEMO(l, v) ((uint32_t)(l) << 4 | (uint32_t)(v) << 10)

static const struct spf_head *
spf_head(const struct zone *zone, const struct zl_slot *s)
{
	return zl_arena_at(spf_st(zone)->arena, s->a);
}

const char *
zl_spf_text(const struct zone *zone, uint32_t id, size_t *len)
{
	const struct zl_slot *s = id != 0 ? zl_table_find(&spf_st(zone)->names,
	    zl_exact_key(id)) : NULL;
	const struct spf_head *h;

	if (s == NULL) {
		return NULL;
	}
	h = spf_head(zone, s);
	*len = h->len;
	return (const char *)(h + 1);
}

/*
 * The target of a term as a wire name of this zone, or 0: not a name
 * (macros), or outside the zone, or at or below a delegation (its records
 * are the child zone's).
 */
static size_t
zone_target(const struct zone *zone, const char *value, uint8_t *w)
{
	size_t len, i;

	/* Without an origin, no name is known to be this zone's. */
	if (zone->origin_id == 0 || value == NULL || strchr(value, '%') != NULL ||
	    (len = zl_name_from_text(value, w)) == 0 ||
	    !zl_in_zone_wire(zone, w, len)) {
		return 0;
	}
	for (i = 0; len - i > zone->names.origin_len && w[i] != 0;
	     i += 1u + w[i]) {
		const struct zl_name_slot *n = zl_names_find(&zone->names,
		    w + i, len - i);

		if (n != NULL && (n->b & ZL_NAME_CUT)) {
			return 0;
		}
	}
	return len;
}

/*
 * What a query for a name of this zone finds (RFC 1034 4.3.2, RFC 4592):
 * the name itself when it has records; else, at the closest encloser
 * (the nearest ancestor with records or with a wildcard below it, or the
 * origin), its wildcard *.A when there is one; and where either is a CNAME, the name it leads to in
 * the zone (at most 8 steps), or UNKNOWN when it leads outside.  NONE: no
 * such name.  Empty non-terminals are not known, so a wildcard above one
 * may be taken to answer: that can only make a name exist that does not.
 */
enum answer { ANSWER_NONE, ANSWER_NAME, ANSWER_UNKNOWN };

/* The CNAME at `n` leads to a name of this zone: its wire into `w`. */
static bool
cname_step(const struct zone *zone, const struct zl_name_slot *n,
    uint8_t *w, size_t *len)
{
	const struct zl_slot *c = zl_table_find(&zone->cnames,
	    zl_exact_key(n->id));

	if (c == NULL || c->b == 0 || !zl_names_below(&zone->names, c->b)) {
		return false;
	}
	*len = zl_names_wire(&zone->names, c->b, w);
	return true;
}

static enum answer
resolve(const struct zone *zone, const uint8_t *name, size_t name_len,
    const struct zl_name_slot **out)
{
	uint8_t w[ZL_WIRE_MAX], wild[ZL_WIRE_MAX];
	size_t len = name_len, i, hops;

	memcpy(w, name, len);
	for (hops = 0; hops <= 8; hops++) {
		const struct zl_name_slot *n = zl_names_find(&zone->names, w,
		    len);
		const struct zl_name_slot *a, *wn = NULL;

		if (n != NULL && (n->b & ZL_NAME_CNAME)) {
			if (!cname_step(zone, n, w, &len)) {
				return ANSWER_UNKNOWN;
			}
			continue;
		}
		if (n != NULL && (n->b & ZL_NAME_DATA)) {
			*out = n;
			return ANSWER_NAME;
		}
		/* Up to the closest encloser: the first ancestor that has
		 * records, or a wildcard below it (then it is one, if only an
		 * empty non-terminal), or the origin. */
		for (i = 1u + w[0]; i < len && len - i >= zone->names.origin_len;
		     i += 1u + w[i]) {
			wild[0] = 1;
			wild[1] = '*';
			memcpy(wild + 2, w + i, len - i);
			wn = zl_names_find(&zone->names, wild, len - i + 2);
			if (wn != NULL && (wn->b & ZL_NAME_CNAME)) {
				break;
			}
			if (wn != NULL && (wn->b & ZL_NAME_DATA)) {
				*out = wn;
				return ANSWER_NAME;
			}
			a = zl_names_find(&zone->names, w + i, len - i);
			if ((a != NULL && (a->b & ZL_NAME_DATA)) ||
			    len - i == zone->names.origin_len || w[i] == 0) {
				return ANSWER_NONE;
			}
			wn = NULL;
		}
		if (wn == NULL || !cname_step(zone, wn, w, &len)) {
			return wn == NULL ? ANSWER_NONE : ANSWER_UNKNOWN;
		}
	}
	return ANSWER_UNKNOWN;
}

int
zl_local_name(const struct zone *zone, const char *name, uint32_t *id,
    bool *direct)
{
	uint8_t w[ZL_WIRE_MAX];
	const struct zl_name_slot *n = NULL;
	size_t len;
	enum answer a;

	*id = 0;
	*direct = false;
	if ((len = zone_target(zone, name, w)) == 0 ||
	    (a = resolve(zone, w, len, &n)) == ANSWER_UNKNOWN) {
		return -1;
	}
	if (a == ANSWER_NONE) {
		return 0;
	}
	*id = n->id;
	*direct = n == zl_names_find(&zone->names, w, len);
	return 1;
}

int
zl_spf_local(const struct zone *zone, const char *name, char **text,
    unsigned *line, const char **file)
{
	const struct zl_slot *sl;
	uint32_t id;
	bool direct;
	int r = zl_local_name(zone, name, &id, &direct);

	*text = NULL;
	*line = 0;
	*file = NULL;
	if (r != 1) {
		return r;
	}
	if ((sl = zl_table_find(&spf_st(zone)->names, zl_exact_key(id))) !=
	    NULL) {
		const struct spf_head *h = spf_head(zone, sl);

		if ((*text = malloc(h->len + 1)) == NULL) {
			return -1; /* asked instead, never taken for none */
		}
		memcpy(*text, (const char *)(h + 1), h->len);
		(*text)[h->len] = '\0';
		*line = h->line;
		if (id == zone->origin_id) {
			*file = spf_st(zone)->apex_file;
		}
	}
	return 1;
}

/* A term that makes a DNS query for a name given in its value. */
static bool
queries_value(const zg_spf_term_t *t)
{
	return t->value != NULL &&
	    (t->kind == ZG_SPF_INCLUDE || t->kind == ZG_SPF_A ||
		t->kind == ZG_SPF_MX || t->kind == ZG_SPF_PTR ||
		t->kind == ZG_SPF_EXISTS || t->kind == ZG_SPF_REDIRECT);
}

/* The record names a name of this zone (its count waits for the end). */
static bool
names_zone(const struct zone *zone, const zg_spf_t *spf)
{
	uint8_t w[ZL_WIRE_MAX];
	size_t i;

	for (i = 0; i < spf->count; i++) {
		if (queries_value(&spf->terms[i]) &&
		    zone_target(zone, spf->terms[i].value, w) != 0) {
			return true;
		}
	}
	return false;
}

static unsigned
cap(unsigned n)
{
	return n > SPF_COUNT_CAP ? SPF_COUNT_CAP : n;
}

/* A record being counted: its terms and what they came to so far. */
struct frame {
	struct zl_slot *slot;
	zg_spf_t *spf;
	bool borrowed;     /* spf is the caller's: not freed here */
	size_t i;          /* the next term */
	unsigned lookups;
	unsigned voids;
	bool loop;
};

/* Start counting the record at `s` (`parsed`: its record parsed, or NULL
 * to parse it here); false when out of memory. */
static bool
frame_open(struct zone *zone, struct frame *f, struct zl_slot *s,
    zg_spf_t *parsed)
{
	const struct spf_head *h = spf_head(zone, s);
	zg_problems_t problems = { 0 };
	zg_status_t st = ZG_OK;

	memset(f, 0, sizeof(*f));
	f->slot = s;
	if (parsed != NULL) {
		f->spf = parsed;
		f->borrowed = true;
	} else {
		st = zg_spf_parse((const char *)(h + 1), h->len, &f->spf,
		    &problems);
	}
	zg_problems_free(&problems);
	if (st != ZG_OK) {
		zone->nomem = true;
		s->b = MEMO_DONE;
		return false;
	}
	f->lookups = f->spf->dns_terms;
	s->b = MEMO_BUSY;
	return true;
}

/*
 * The next record this frame's terms lead to that is not counted yet (its
 * slot), after adding up the ones that are; NULL when the frame is done.
 */
static struct zl_slot *
frame_step(struct zone *zone, struct frame *f)
{
	while (f->i < f->spf->count) {
		const zg_spf_term_t *t = &f->spf->terms[f->i];
		uint8_t w[ZL_WIRE_MAX];
		size_t len;
		const struct zl_name_slot *n = NULL;
		struct zl_slot *next;
		enum answer a;

		if (!queries_value(t) ||
		    (len = zone_target(zone, t->value, w)) == 0 ||
		    (a = resolve(zone, w, len, &n)) == ANSWER_UNKNOWN) {
			f->i++;
			continue;
		}
		if (a == ANSWER_NONE) {
			f->voids++; /* no such name (RFC 7208 4.6.4) */
			f->i++;
			continue;
		}
		if ((t->kind != ZG_SPF_INCLUDE && t->kind != ZG_SPF_REDIRECT) ||
		    (next = zl_table_find(&spf_st(zone)->names,
			 zl_exact_key(n->id))) == NULL) {
			f->i++; /* no record: spf-include-none, said as read */
			continue;
		}
		if (next->b & MEMO_BUSY) {
			f->loop = true;
			f->i++;
			continue;
		}
		if (!(next->b & MEMO_DONE)) {
			return next; /* counted first, then this term again */
		}
		f->loop |= (next->b & MEMO_LOOP) != 0;
		f->lookups = cap(f->lookups + MEMO_LOOKUPS(next->b));
		f->voids = cap(f->voids + MEMO_VOIDS(next->b));
		f->i++;
	}
	return NULL;
}

/*
 * DNS-querying terms and void lookups of the SPF record at `s`, following
 * include: and redirect= into the records the zone holds (RFC 7208 4.6.4:
 * the limits cover the whole evaluation).  Each name's record is counted
 * once, depth first with a stack of its own (an include chain may be as
 * long as the zone), and its totals are kept in slot.b; a name met again
 * while it is being counted is a loop.  Totals saturate at
 * SPF_COUNT_CAP, so they do not depend on where counting started.  Linear
 * in the zone's SPF records and their terms.  Targets outside the zone
 * count as one lookup each and are never void.
 */
static void
count_record(struct zone *zone, struct zl_slot *s, zg_spf_t *parsed)
{
	struct frame *stack = NULL;
	size_t depth = 0, cap_frames = 0;

	for (;;) {
		struct zl_slot *next;
		struct frame *f;

		if (s != NULL) {
			if (depth == cap_frames) {
				size_t n = cap_frames ? cap_frames * 2 : 8;
				struct frame *p = realloc(stack,
				    n * sizeof(*p));

				if (p == NULL) {
					zone->nomem = true;
					break;
				}
				stack = p;
				cap_frames = n;
			}
			if (!frame_open(zone, &stack[depth], s,
			    depth == 0 ? parsed : NULL)) {
				break;
			}
			depth++;
			s = NULL;
		}
		f = &stack[depth - 1];
		if ((next = frame_step(zone, f)) != NULL) {
			s = next;
			continue;
		}
		f->slot->b = MEMO_DONE | (f->loop ? MEMO_LOOP : 0) |
		    MEMO(f->lookups, f->voids);
		if (!f->borrowed) {
			zg_spf_free(f->spf);
		}
		if (--depth == 0) {
			break;
		}
	}
	/* Out of memory: close what is open (nomem is set). */
	while (depth > 0) {
		depth--;
		stack[depth].slot->b = MEMO_DONE;
		if (!stack[depth].borrowed) {
			zg_spf_free(stack[depth].spf);
		}
	}
	free(stack);
}

/* The limits of RFC 7208 4.6.4 against a record's counts (its memo). */
static void
report_lookups(struct zone *zone, const char *owner, const char *file,
    unsigned line, uint32_t memo)
{
	unsigned lookups = MEMO_LOOKUPS(memo), voids = MEMO_VOIDS(memo);

	if (memo & MEMO_LOOP) {
		zl_report_add(zone->report, ZL_SPF_LOOKUPS, file, line, owner,
		    LDNS_RR_TYPE_TXT, "SPF record at %s includes itself "
		    "through the records of this zone: receivers stop at the "
		    "limit of %d DNS lookups (permerror)", owner,
		    SPF_LOOKUP_MAX);
	} else if (lookups > SPF_LOOKUP_MAX) {
		zl_report_add(zone->report, ZL_SPF_LOOKUPS, file, line, owner,
		    LDNS_RR_TYPE_TXT, "SPF record at %s needs %s%u DNS "
		    "lookups (counting the includes this zone holds); the "
		    "limit is %d", owner, lookups >= SPF_COUNT_CAP ? "over " :
		    "at least ", lookups >= SPF_COUNT_CAP ? SPF_COUNT_CAP - 1 :
		    lookups, SPF_LOOKUP_MAX);
	}
	if (voids > SPF_VOID_MAX) {
		zl_report_add(zone->report, ZL_SPF_VOID, file, line, owner,
		    LDNS_RR_TYPE_TXT, "SPF record at %s: %s%u of its lookups "
		    "name names this zone does not have; the limit is %d "
		    "(RFC 7208 4.6.4, permerror)", owner,
		    voids >= SPF_COUNT_CAP ? "over " : "",
		    voids >= SPF_COUNT_CAP ? SPF_COUNT_CAP - 1 : voids,
		    SPF_VOID_MAX);
	}
}

/* The character-strings of TXT wire data. */
static size_t
string_count(const uint8_t *d, size_t n)
{
	size_t i = 0, count = 0;

	while (i < n) {
		i += 1u + d[i];
		count++;
	}
	return count;
}

/* Text with the strings joined by spaces instead (for spf-split). */
static char *
join_with_spaces(const uint8_t *d, size_t n, size_t *len)
{
	char *text = malloc(n + string_count(d, n) + 1);
	size_t i = 0;

	if (text == NULL) {
		return NULL;
	}
	*len = 0;
	while (i < n) {
		size_t k = d[i++];

		if (k > n - i) {
			k = n - i;
		}
		if (*len > 0 || i > 1) {
			text[(*len)++] = ' ';
		}
		memcpy(text + *len, d + i, k);
		*len += k;
		i += k;
	}
	text[*len] = '\0';
	return text;
}

/* `s` (n octets) begins with an SPF term: [qualifier] name and a stop. */
static bool
starts_with_term(const uint8_t *s, size_t n)
{
	static const char *const names[] = { "all", "include:", "a", "mx",
		"ptr", "ip4:", "ip6:", "exists:", "redirect=", "exp=" };
	size_t i, len;

	if (n > 0 && strchr("+-~?", s[0]) != NULL) {
		s++;
		n--;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		len = strlen(names[i]);
		if (n < len || strncasecmp((const char *)s, names[i], len) != 0) {
			continue;
		}
		/* "a" and "mx" stand alone or take ':' or '/'. */
		if (names[i][len - 1] == ':' || names[i][len - 1] == '=' ||
		    n == len || strchr(" :/", s[len]) != NULL) {
			return true;
		}
	}
	return false;
}

/*
 * RFC 7208 3.3: the strings of a TXT record are joined without spaces.  A
 * string that is not full (255 octets: a mechanical split) and ends
 * without a space, followed by one that starts a new term, was meant to be
 * two terms but is read as one ("...example.net" "include:...").  Returns
 * the index of the first such join, or 0.
 */
static size_t
glued_join(const uint8_t *d, size_t n)
{
	size_t i = 0, index = 0;

	while (i < n) {
		const uint8_t *a = d + i;
		const uint8_t *b;

		i += 1u + a[0];
		index++;
		if (i >= n) {
			break;
		}
		b = d + i;
		if (a[0] > 0 && a[0] < ZG_TXT_CHUNK_MAX && a[a[0]] != ' ' &&
		    (size_t)b[0] < n - i && starts_with_term(b + 1, b[0])) {
			return index;
		}
	}
	return 0;
}

/* A TXT record that becomes SPF only when its strings get spaces. */
static void
check_split_version(struct zone *zone, struct zl_view *v)
{
	size_t len;
	char *spaced;

	if (string_count(v->rdata, v->rdata_len) < 2) {
		return;
	}
	spaced = join_with_spaces(v->rdata, v->rdata_len, &len);
	if (spaced == NULL) {
		zone->nomem = true;
		return;
	}
	if (zg_spf_is_record(spaced, len)) {
		zl_report_add(zone->report, ZL_SPF_SPLIT, v->file, v->line,
		    zl_view_owner(v), LDNS_RR_TYPE_TXT,
		    "TXT record at %s: its strings join to a text that is not "
		    "an SPF record (no space after v=spf1)", zl_view_owner(v));
	}
	free(spaced);
}

static void
check_record(struct zone *zone, struct zl_view *v, const char *text,
    size_t text_len)
{
	zg_problems_t problems = { 0 };
	zg_spf_t *spf = NULL, *parsed = NULL;
	bool split = false, later;
	size_t i, strings = string_count(v->rdata, v->rdata_len);

	if (zg_spf_parse(text, text_len, &parsed, &problems) != ZG_OK) {
		zg_problems_free(&problems);
		zone->nomem = true;
		return;
	}
	if (zg_problems_invalid(&problems) && strings > 1) {
		/* RFC 7208 3.3: strings are joined without spaces.  When a
		 * space at the joins makes the record valid, say that. */
		zg_problems_t again = { 0 };
		size_t len;
		char *spaced = join_with_spaces(v->rdata, v->rdata_len, &len);

		if (spaced != NULL &&
		    zg_spf_parse(spaced, len, &spf, &again) == ZG_OK) {
			zg_spf_free(spf);
			if (!zg_problems_invalid(&again)) {
				zl_report_add(zone->report, ZL_SPF_SPLIT,
				    v->file, v->line, zl_view_owner(v),
				    LDNS_RR_TYPE_TXT,
				    "SPF record at %s: its %zu strings are "
				    "joined without spaces, which breaks "
				    "a term", zl_view_owner(v), strings);
				zg_problems_free(&problems);
				split = true;
			}
		}
		zg_problems_free(&again);
		free(spaced);
	}
	if (!split && !zg_problems_invalid(&problems) &&
	    glued_join(v->rdata, v->rdata_len) > 0) {
		zl_report_add(zone->report, ZL_SPF_SPLIT, v->file, v->line,
		    zl_view_owner(v), LDNS_RR_TYPE_TXT,
		    "SPF record at %s: string %zu ends without a space and "
		    "string %zu starts a new term, so they join into one term",
		    zl_view_owner(v), glued_join(v->rdata, v->rdata_len),
		    glued_join(v->rdata, v->rdata_len) + 1);
	}
	for (i = 0; i < problems.count; i++) {
		int rule = zl_rule_find(problems.items[i].id);

		zl_report_add(zone->report, rule >= 0 ? rule : ZL_SPF_SYNTAX,
		    v->file, v->line, zl_view_owner(v), LDNS_RR_TYPE_TXT,
		    "SPF record at %s: %s", zl_view_owner(v),
		    problems.items[i].message);
	}
	zg_problems_free(&problems);
	/* A record that names a name of this zone is counted at the end,
	 * when every name and SPF record of the zone is known; the others
	 * now (each term outside the zone costs one lookup). */
	later = names_zone(zone, parsed);
	if (!later && parsed->dns_terms > SPF_LOOKUP_MAX) {
		report_lookups(zone, zl_view_owner(v), v->file, v->line,
		    MEMO_DONE | MEMO(cap(parsed->dns_terms), 0));
	}
	zg_spf_free(parsed);
	/* The first record at a name is the one counted (a second one is
	 * spf-multiple already). */
	if (!later || zl_table_find(&spf_st(zone)->names, zl_exact_key(v->id)) !=
	    NULL) {
		return;
	}
	if (!zl_grow((void **)&spf_st(zone)->later, &spf_st(zone)->later_cap,
	    spf_st(zone)->later_count + 1, sizeof(*spf_st(zone)->later))) {
		zone->nomem = true;
		return;
	}
	spf_st(zone)->later[spf_st(zone)->later_count].owner = v->id;
	spf_st(zone)->later[spf_st(zone)->later_count].file = v->file;
	spf_st(zone)->later[spf_st(zone)->later_count++].line = v->line;
}

/*
 * Remember the first SPF record at each name; say a second one.  Records
 * are compared by their data (the strings as they are split): two records
 * with the same text split differently are two records to a receiver,
 * which returns permerror (RFC 7208 3.2).  Only exact duplicates are one
 * record, which servers merge.
 */
static void
note_spf(struct zone *zone, struct zl_view *v, const char *text, size_t len)
{
	struct zl_slot *s;
	bool added;
	struct spf_head head, *h;
	uint32_t off;

	s = zl_table_get(&spf_st(zone)->names, zl_exact_key(v->id), &added);
	if (s == NULL) {
		zone->nomem = true;
		return;
	}
	if (!added) {
		const struct spf_head *first = spf_head(zone, s);

		if (!same_rdata(first, v->rdata, v->rdata_len)) {
			zl_report_add(zone->report, ZL_SPF_MULTIPLE, v->file,
			    v->line, zl_view_owner(v), LDNS_RR_TYPE_TXT,
			    "second SPF record at %s (the first is at line "
			    "%u%s): receivers return permerror",
			    zl_view_owner(v), (unsigned)first->line,
			    first->len == len && memcmp(first + 1, text,
				len) == 0 ? ", with the same text split "
				"into other strings" : "");
		}
		return;
	}
	if (v->id == zone->origin_id) {
		spf_st(zone)->apex_file = v->file;
	}
	head.line = v->line;
	head.len = (uint32_t)len;
	head.strings = (uint32_t)(v->rdata_len - len); /* a length octet each */
	off = zl_arena_add(&spf_st(zone)->arena, NULL,
	    sizeof(head) + len + 1 + head.strings);
	if (off == UINT32_MAX) {
		zone->nomem = true;
		zl_table_remove(&spf_st(zone)->names, s);
		return;
	}
	h = (struct spf_head *)zl_arena_at(spf_st(zone)->arena, off);
	*h = head;
	memcpy(h + 1, text, len);
	((char *)(h + 1))[len] = '\0';
	{
		uint8_t *lens = (uint8_t *)(h + 1) + len + 1;
		size_t i = 0, k = 0;

		while (i < v->rdata_len && k < head.strings) {
			lens[k++] = v->rdata[i];
			i += 1u + v->rdata[i];
		}
	}
	s->a = off;
}

static void
record(struct zone *zone, void *state, struct zl_view *v)
{
	const char *text = v->strings;
	size_t len = v->strings_len;
	bool kept = v->kept;

	(void)state;
	if (v->type == LDNS_RR_TYPE_SPF) {
		zl_report_add(zone->report, ZL_SPF_RR_TYPE, v->file, v->line,
		    zl_view_owner(v), LDNS_RR_TYPE_SPF, "%s has a record of "
		    "type SPF (99), which receivers no longer query",
		    zl_view_owner(v));
		return;
	}
	if (!zg_spf_is_record(text, len)) {
		/* "v=spf1" glued to a term, or a record at a kept name. */
		if (kept || (len >= 6 && strncasecmp(text, "v=spf1", 6) == 0)) {
			check_split_version(zone, v);
		}
		return;
	}
	check_record(zone, v, text, len);
	note_spf(zone, v, text, len);
}

/* RFC 7208 5.2, 6.1: an include: or redirect= of a name that has no SPF
 * record makes the evaluation a permerror. */
static void
check_targets(struct zone *zone, const struct spf_later *l,
    const char *owner, const zg_spf_t *spf)
{
	size_t i;

	for (i = 0; i < spf->count; i++) {
		const zg_spf_term_t *t = &spf->terms[i];
		uint8_t w[ZL_WIRE_MAX];
		char name[ZL_NAME_TEXT_MAX];
		const struct zl_name_slot *n = NULL;
		size_t wl;
		enum answer a;

		if ((t->kind != ZG_SPF_INCLUDE && t->kind != ZG_SPF_REDIRECT) ||
		    (wl = zone_target(zone, t->value, w)) == 0 ||
		    (a = resolve(zone, w, wl, &n)) == ANSWER_UNKNOWN) {
			continue;
		}
		if (a == ANSWER_NAME && zl_table_find(&spf_st(zone)->names,
		    zl_exact_key(n->id)) != NULL) {
			continue;
		}
		zl_name_text(w, wl, name);
		zl_report_add(zone->report, ZL_SPF_INCLUDE_NONE, l->file,
		    l->line, owner, LDNS_RR_TYPE_TXT, "SPF record at %s: "
		    "%s%s names %s, which %s: receivers return permerror",
		    owner, t->kind == ZG_SPF_INCLUDE ? "include:" : "redirect=",
		    t->value, name, a == ANSWER_NAME
			? "has no SPF record in this zone"
			: "does not exist in this zone");
	}
}

static void
end(struct zone *zone, void *state)
{
	size_t i;

	(void)state;
	if (zone->live != NULL && !zone->live->local) {
		return; /* lint/live.c counts across domains instead */
	}
	for (i = 0; i < spf_st(zone)->later_count && !zone->nomem; i++) {
		const struct spf_later *l = &spf_st(zone)->later[i];
		struct zl_slot *s = zl_table_find(&spf_st(zone)->names,
		    zl_exact_key(l->owner));
		char owner[ZL_NAME_TEXT_MAX];
		const struct spf_head *h;
		zg_problems_t problems = { 0 };
		zg_spf_t *spf = NULL;

		if (s == NULL) {
			continue;
		}
		/* The record, parsed once for its count and its targets. */
		h = spf_head(zone, s);
		if (zg_spf_parse((const char *)(h + 1), h->len, &spf,
		    &problems) != ZG_OK) {
			zg_problems_free(&problems);
			zone->nomem = true;
			break;
		}
		zg_problems_free(&problems);
		if (!(s->b & MEMO_DONE)) {
			count_record(zone, s, spf);
		}
		zl_names_text(&zone->names, l->owner, owner);
		/* --resolve-external: lint/live.c counts the apex's record
		 * with the includes outside the zone followed. */
		if (zone->live == NULL || l->owner != zone->origin_id) {
			report_lookups(zone, owner, l->file, l->line, s->b);
		}
		check_targets(zone, l, owner, spf);
		zg_spf_free(spf);
	}
}

static void
release(void *state)
{
	struct spf_state *st = state;

	zl_table_free(&st->names);
	zl_arena_free(st->arena);
	free(st->later);
}

const struct zl_family zl_family_spf = {
	.name = "spf",
	.types = { LDNS_RR_TYPE_TXT, LDNS_RR_TYPE_SPF },
	.state_size = sizeof(struct spf_state),
	.record = record,
	.end = end,
	.release = release,
};
