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

static bool
is_spf(const struct kept *k)
{
	return ldns_rr_get_type(k->rr) == LDNS_RR_TYPE_TXT &&
	    zg_spf_is_record(k->text, k->text_len);
}

/* The first SPF TXT record at `owner`, or NULL. */
static const struct kept *
spf_at(const struct zone *zone, const char *owner)
{
	const struct kept *k;

	for (k = zl_kept_first(zone, owner); k != NULL;
	     k = zl_kept_next(zone, k)) {
		if (is_spf(k)) {
			return k;
		}
	}
	return NULL;
}

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

/*
 * DNS-querying terms of the SPF record at `owner`, following include: and
 * redirect= into records the zone holds (RFC 7208 4.6.4: the limit covers
 * the whole evaluation).  Targets outside the zone count as one each.
 */
static unsigned
count_lookups(struct zone *zone, const char *owner, unsigned depth)
{
	const struct kept *k = spf_at(zone, owner);
	zg_problems_t problems = { 0 };
	zg_spf_t *spf = NULL;
	unsigned count;
	size_t i;

	if (k == NULL) {
		return 0;
	}
	if (zg_spf_parse(k->text, k->text_len, &spf, &problems) != ZG_OK) {
		zg_problems_free(&problems);
		zone->nomem = true;
		return 0;
	}
	count = spf->dns_terms;
	for (i = 0; i < spf->count && depth < SPF_DEPTH_MAX; i++) {
		char name[ZG_NAME_MAX + 3];
		const zg_spf_term_t *t = &spf->terms[i];

		if ((t->kind == ZG_SPF_INCLUDE || t->kind == ZG_SPF_REDIRECT) &&
		    t->value != NULL &&
		    target_name(t->value, name, sizeof(name)) &&
		    strcmp(name, owner) != 0) {
			count += count_lookups(zone, name, depth + 1);
		}
	}
	zg_spf_free(spf);
	zg_problems_free(&problems);
	return count;
}

/* Text with the strings joined by spaces instead (for spf-split). */
static char *
join_with_spaces(const ldns_rr *rr, size_t *len)
{
	size_t total = 0, i;
	char *text;

	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		total += ldns_rdf_size(ldns_rr_rdf(rr, i)) + 1;
	}
	if ((text = malloc(total + 1)) == NULL) {
		return NULL;
	}
	*len = 0;
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const uint8_t *d = ldns_rdf_data(ldns_rr_rdf(rr, i));

		if (i > 0) {
			text[(*len)++] = ' ';
		}
		memcpy(text + *len, d + 1, d[0]);
		*len += d[0];
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
glued_join(const ldns_rr *rr)
{
	size_t i;

	for (i = 0; i + 1 < ldns_rr_rd_count(rr); i++) {
		const uint8_t *a = ldns_rdf_data(ldns_rr_rdf(rr, i));
		const uint8_t *b = ldns_rdf_data(ldns_rr_rdf(rr, i + 1));

		if (a[0] > 0 && a[0] < ZG_TXT_CHUNK_MAX && a[a[0]] != ' ' &&
		    starts_with_term(b + 1, b[0])) {
			return i + 1;
		}
	}
	return 0;
}

/* A TXT record that becomes SPF only when its strings get spaces. */
static void
check_split_version(struct zone *zone, const struct kept *k)
{
	size_t len;
	char *spaced;

	if (ldns_rr_rd_count(k->rr) < 2) {
		return;
	}
	spaced = join_with_spaces(k->rr, &len);
	if (spaced == NULL) {
		zone->nomem = true;
		return;
	}
	if (zg_spf_is_record(spaced, len)) {
		zl_report_add(zone->report, ZL_SPF_SPLIT, k->file, k->line,
		    k->owner, LDNS_RR_TYPE_TXT,
		    "TXT record at %s: its strings join to a text that is not "
		    "an SPF record (no space after v=spf1)", k->owner);
	}
	free(spaced);
}

static void
check_record(struct zone *zone, const struct kept *k)
{
	zg_problems_t problems = { 0 };
	zg_spf_t *spf = NULL;
	bool split = false;
	size_t i;
	unsigned lookups;

	if (zg_spf_parse(k->text, k->text_len, &spf, &problems) != ZG_OK) {
		zg_problems_free(&problems);
		zone->nomem = true;
		return;
	}
	zg_spf_free(spf);
	if (zg_problems_invalid(&problems) && ldns_rr_rd_count(k->rr) > 1) {
		/* RFC 7208 3.3: strings are joined without spaces.  When a
		 * space at the joins makes the record valid, say that. */
		zg_problems_t again = { 0 };
		size_t len;
		char *spaced = join_with_spaces(k->rr, &len);

		if (spaced != NULL &&
		    zg_spf_parse(spaced, len, &spf, &again) == ZG_OK) {
			zg_spf_free(spf);
			if (!zg_problems_invalid(&again)) {
				zl_report_add(zone->report, ZL_SPF_SPLIT,
				    k->file, k->line, k->owner,
				    LDNS_RR_TYPE_TXT,
				    "SPF record at %s: its %zu strings are "
				    "joined without spaces, which breaks "
				    "a term", k->owner,
				    ldns_rr_rd_count(k->rr));
				zg_problems_free(&problems);
				split = true;
			}
		}
		zg_problems_free(&again);
		free(spaced);
	}
	if (!split && !zg_problems_invalid(&problems) &&
	    glued_join(k->rr) > 0) {
		zl_report_add(zone->report, ZL_SPF_SPLIT, k->file, k->line,
		    k->owner, LDNS_RR_TYPE_TXT,
		    "SPF record at %s: string %zu ends without a space and "
		    "string %zu starts a new term, so they join into one term",
		    k->owner, glued_join(k->rr), glued_join(k->rr) + 1);
	}
	for (i = 0; i < problems.count; i++) {
		int rule = zl_rule_find(problems.items[i].id);

		zl_report_add(zone->report, rule >= 0 ? rule : ZL_SPF_SYNTAX,
		    k->file, k->line, k->owner, LDNS_RR_TYPE_TXT,
		    "SPF record at %s: %s", k->owner,
		    problems.items[i].message);
	}
	zg_problems_free(&problems);
	lookups = count_lookups(zone, k->owner, 0);
	if (lookups > SPF_LOOKUP_MAX) {
		zl_report_add(zone->report, ZL_SPF_LOOKUPS, k->file, k->line,
		    k->owner, LDNS_RR_TYPE_TXT,
		    "SPF record at %s needs at least %u DNS lookups "
		    "(counting the includes this zone holds); the limit is "
		    "%d", k->owner, lookups, SPF_LOOKUP_MAX);
	}
}

void
zl_check_spf(struct zone *zone)
{
	const struct kept *j;
	size_t i;

	for (i = 0; i < zone->kept_count; i++) {
		const struct kept *k = &zone->kept[i];

		if (ldns_rr_get_type(k->rr) == LDNS_RR_TYPE_SPF) {
			zl_report_add(zone->report, ZL_SPF_RR_TYPE, k->file,
			    k->line, k->owner, LDNS_RR_TYPE_SPF,
			    "%s has a record of type SPF (99), which "
			    "receivers no longer query", k->owner);
			continue;
		}
		if (!is_spf(k)) {
			if (ldns_rr_get_type(k->rr) == LDNS_RR_TYPE_TXT) {
				check_split_version(zone, k);
			}
			continue;
		}
		check_record(zone, k);
		/* RFC 7208 3.2: one SPF record per name; report the later
		 * ones, each naming the first.  An exact duplicate is merged
		 * by servers. */
		for (j = zl_kept_first(zone, k->owner); j != NULL && j != k;
		     j = zl_kept_next(zone, j)) {
			if (is_spf(j) && !zl_kept_same_text(j, k)) {
				zl_report_add(zone->report, ZL_SPF_MULTIPLE,
				    k->file, k->line, k->owner,
				    LDNS_RR_TYPE_TXT,
				    "second SPF record at %s (the first is "
				    "at line %u): receivers return permerror",
				    k->owner, j->line);
				break;
			}
		}
	}
}
