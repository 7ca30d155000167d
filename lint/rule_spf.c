/* rule_spf.c: SPF records (RFC 7208) as the zone holds them. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/internal.h"

/* RFC 7208 4.6.4: at most 10 terms that cause DNS queries. */
#define SPF_LOOKUP_MAX 10
/* How deep in-zone include: chains are followed. */
#define SPF_DEPTH_MAX 10

/* A domain-spec without macros, as an absolute lower-case name. */
static bool
target_name(const char *value, char *out, size_t size)
{
	size_t n = strlen(value);
	size_t i;

	if (n == 0 || strchr(value, '%') != NULL || n + 2 > size) {
		return false;
	}
	for (i = 0; i < n; i++) {
		char c = value[i];

		out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	if (out[n - 1] != '.') {
		out[n++] = '.';
	}
	out[n] = '\0';
	return true;
}

/* The record's first SPF text at `owner` (canonical), or NULL. */
static const char *
spf_at(const struct zone *zone, const char *owner, size_t *len)
{
	const struct zl_slot *s = zl_table_find(&zone->spf_names,
	    zl_text_key(owner));
	const uint32_t *p;

	if (s == NULL) {
		return NULL;
	}
	/* line, length, text, a NUL */
	p = zl_arena_at(zone->spf_arena, s->a);
	*len = p[1];
	return (const char *)(p + 2);
}

/*
 * DNS-querying terms of an SPF record, following include: and redirect=
 * into records the zone holds (RFC 7208 4.6.4: the limit covers the whole
 * evaluation).  Targets outside the zone count as one each.  With `later`
 * set, a target inside the zone only sets *later (its record may come
 * further on).
 */
static unsigned
count_lookups(struct zone *zone, const char *owner, const char *text,
    size_t len, unsigned depth, bool *later)
{
	zg_problems_t problems = { 0 };
	zg_spf_t *spf = NULL;
	unsigned count;
	size_t i;

	if (zg_spf_parse(text, len, &spf, &problems) != ZG_OK) {
		zg_problems_free(&problems);
		zone->nomem = true;
		return 0;
	}
	count = spf->dns_terms;
	for (i = 0; i < spf->count && depth < SPF_DEPTH_MAX; i++) {
		char name[ZG_NAME_MAX + 3];
		const zg_spf_term_t *t = &spf->terms[i];
		const char *next;
		size_t nlen;

		if ((t->kind != ZG_SPF_INCLUDE && t->kind != ZG_SPF_REDIRECT) ||
		    t->value == NULL ||
		    !target_name(t->value, name, sizeof(name)) ||
		    strcmp(name, owner) == 0 || !zl_in_zone(name,
		    zone->origin)) {
			continue;
		}
		if (later != NULL) {
			*later = true;
		} else if ((next = spf_at(zone, name, &nlen)) != NULL) {
			count += count_lookups(zone, name, next, nlen,
			    depth + 1, NULL);
		}
	}
	zg_spf_free(spf);
	zg_problems_free(&problems);
	return count;
}

static void
report_lookups(struct zone *zone, const char *owner, const char *file,
    unsigned line, unsigned lookups)
{
	if (lookups > SPF_LOOKUP_MAX) {
		zl_report_add(zone->report, ZL_SPF_LOOKUPS, file, line, owner,
		    LDNS_RR_TYPE_TXT, "SPF record at %s needs at least %u DNS "
		    "lookups (counting the includes this zone holds); the "
		    "limit is %d", owner, lookups, SPF_LOOKUP_MAX);
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
	zg_spf_t *spf = NULL;
	bool split = false, later = false;
	size_t i, strings = string_count(v->rdata, v->rdata_len);
	const char *owner = zl_view_owner(v);
	unsigned lookups;

	if (zg_spf_parse(text, text_len, &spf, &problems) != ZG_OK) {
		zg_problems_free(&problems);
		zone->nomem = true;
		return;
	}
	zg_spf_free(spf);
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
				    v->file, v->line, owner, LDNS_RR_TYPE_TXT,
				    "SPF record at %s: its %zu strings are "
				    "joined without spaces, which breaks "
				    "a term", owner, strings);
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
		    owner, LDNS_RR_TYPE_TXT,
		    "SPF record at %s: string %zu ends without a space and "
		    "string %zu starts a new term, so they join into one term",
		    owner, glued_join(v->rdata, v->rdata_len),
		    glued_join(v->rdata, v->rdata_len) + 1);
	}
	for (i = 0; i < problems.count; i++) {
		int rule = zl_rule_find(problems.items[i].id);

		zl_report_add(zone->report, rule >= 0 ? rule : ZL_SPF_SYNTAX,
		    v->file, v->line, owner, LDNS_RR_TYPE_TXT,
		    "SPF record at %s: %s", owner, problems.items[i].message);
	}
	zg_problems_free(&problems);
	lookups = count_lookups(zone, owner, text, text_len, 0, &later);
	if (!later) {
		report_lookups(zone, owner, v->file, v->line, lookups);
		return;
	}
	/* An include of a name of this zone: its record may come later. */
	if (zone->spf_later_count == zone->spf_later_cap) {
		size_t cap = zone->spf_later_cap ? zone->spf_later_cap * 2 : 8;
		struct spf_later *p = realloc(zone->spf_later,
		    cap * sizeof(*p));

		if (p == NULL) {
			zone->nomem = true;
			return;
		}
		zone->spf_later = p;
		zone->spf_later_cap = cap;
	}
	zone->spf_later[zone->spf_later_count].owner = strdup(owner);
	zone->spf_later[zone->spf_later_count].file = v->file;
	zone->spf_later[zone->spf_later_count].line = v->line;
	if (zone->spf_later[zone->spf_later_count].owner == NULL) {
		zone->nomem = true;
		return;
	}
	zone->spf_later_count++;
}

/* Remember the first SPF record at each name; say a second one. */
static void
note_spf(struct zone *zone, struct zl_view *v, const char *text, size_t len)
{
	struct zl_slot *s;
	bool added;
	const uint32_t *p;
	uint32_t head[2];
	uint32_t off;

	s = zl_table_get(&zone->spf_names, zl_text_key(zl_view_owner(v)),
	    &added);
	if (s == NULL) {
		zone->nomem = true;
		return;
	}
	if (!added) {
		p = zl_arena_at(zone->spf_arena, s->a);
		/* RFC 7208 3.2: one SPF record per name; report the later
		 * ones, each naming the first.  An exact duplicate is
		 * merged by servers. */
		if (p[1] != len || memcmp(p + 2, text, len) != 0) {
			zl_report_add(zone->report, ZL_SPF_MULTIPLE, v->file,
			    v->line, zl_view_owner(v), LDNS_RR_TYPE_TXT,
			    "second SPF record at %s (the first is at line "
			    "%u): receivers return permerror",
			    zl_view_owner(v), p[0]);
		}
		return;
	}
	head[0] = v->line;
	head[1] = (uint32_t)len;
	/* One piece: the line and length, then the text and a NUL. */
	off = zl_arena_add(&zone->spf_arena, NULL, sizeof(head) + len + 1);
	if (off == UINT32_MAX) {
		zone->nomem = true;
		return;
	}
	p = zl_arena_at(zone->spf_arena, off);
	memcpy((void *)p, head, sizeof(head));
	memcpy((char *)(p + 2), text, len);
	((char *)(p + 2))[len] = '\0';
	s->a = off;
}

void
zl_spf_record(struct zone *zone, struct zl_view *v, const char *text,
    size_t len, bool kept)
{
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

void
zl_check_spf(struct zone *zone)
{
	size_t i;

	for (i = 0; i < zone->spf_later_count; i++) {
		const struct spf_later *l = &zone->spf_later[i];
		const char *text;
		size_t len;

		if ((text = spf_at(zone, l->owner, &len)) != NULL) {
			report_lookups(zone, l->owner, l->file, l->line,
			    count_lookups(zone, l->owner, text, len, 0, NULL));
		}
	}
}
