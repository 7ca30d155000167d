/* rule_dmarc.c: DMARC records (RFC 7489, RFC 9989) as the zone holds them. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <string.h>
#include <strings.h>

#include "lint/internal.h"

/* The owner's first label is _dmarc. */
static bool
at_dmarc(const struct zl_view *v)
{
	return v->owner_len > 7 && v->owner[0] == 6 &&
	    strncasecmp((const char *)v->owner + 1, "_dmarc", 6) == 0;
}

/*
 * The owner is D._report._dmarc.R: the record by which R agrees to take
 * D's aggregate and failure reports (RFC 7489 7.1, RFC 9990).  Its text
 * is "v=DMARC1" and it is no policy.
 */
static bool
report_authorisation(const struct zl_view *v)
{
	const uint8_t *w = v->owner;
	size_t i = 0, n = v->owner_len;

	if (n == 0 || w[0] == 0) {
		return false;
	}
	i = 1u + w[0];  /* past D's first label: D may have several */
	while (i < n && w[i] != 0) {
		if (w[i] == 7 && i + 8 < n && w[i + 8] == 6 && i + 15 <= n &&
		    strncasecmp((const char *)w + i + 1, "_report", 7) == 0 &&
		    strncasecmp((const char *)w + i + 9, "_dmarc", 6) == 0) {
			return true;
		}
		i += 1u + w[i];
	}
	return false;
}

/* How many parsed DMARC texts are remembered. */
#define DMARC_MEMO 4

/* The family's own state: the first DMARC record at each _dmarc name
 * (key: name id; a: offset in `arena` of its line and data). */
struct dmarc_state {
	struct zl_table names;
	struct zl_arena *arena;
	/* The targets of CNAMEs at _dmarc names (key: name id), and the
	 * DMARC records outside _dmarc, judged at the end: a _dmarc CNAME
	 * may point to one, which is then where receivers find it. */
	struct zl_table aliased;
	uint32_t *aliases;       /* the same ids, in order */
	size_t aliases_count;
	size_t aliases_cap;
	struct misplaced {
		uint32_t owner;
		const char *file;
		unsigned line;
		uint32_t text;   /* offset in `arena`: length, then text */
	} *misplaced;
	size_t misplaced_count;
	size_t misplaced_cap;
	/* _dmarc.ORIGIN's first record: its name id and its file. */
	uint32_t top_id;
	const char *top_file;
	/* The problems of the last DMARC texts parsed: what the parser
	 * says depends on the text alone (and the RFC, one for the run),
	 * and a zone often has one record at many names.  Texts are
	 * compared byte for byte; the oldest entry goes first. */
	struct dmarc_memo {
		char *text;
		size_t len;
		zg_problems_t problems;
	} memo[DMARC_MEMO];
	unsigned memo_next;
};

/* What the parser says of a DMARC text, parsed or remembered; NULL when
 * out of memory. */
static const zg_problems_t *
dmarc_problems(struct zone *zone, struct dmarc_state *st, const char *text,
    size_t len)
{
	zg_problems_t problems = { 0 };
	zg_dmarc_t *dmarc = NULL;
	struct dmarc_memo *m;
	char *copy;
	unsigned i;

	for (i = 0; i < DMARC_MEMO; i++) {
		m = &st->memo[i];
		if (m->text != NULL && m->len == len &&
		    (len == 0 || memcmp(m->text, text, len) == 0)) {
			return &m->problems;
		}
	}
	if (zg_dmarc_parse(text, len, zone->options->dmarc_rfc, &dmarc,
		&problems) != ZG_OK || (copy = malloc(len + 1)) == NULL) {
		zg_dmarc_free(dmarc);
		zg_problems_free(&problems);
		zone->nomem = true;
		return NULL;
	}
	zg_dmarc_free(dmarc);
	if (len > 0) {
		memcpy(copy, text, len);
	}
	m = &st->memo[st->memo_next];
	st->memo_next = (st->memo_next + 1) % DMARC_MEMO;
	free(m->text);
	zg_problems_free(&m->problems);
	m->text = copy;
	m->len = len;
	m->problems = problems;
	return &m->problems;
}

/* `owner` is the record's owner as text, or NULL to have it made from
 * `v` only when a problem is said. */
static void
check_record(struct zone *zone, struct dmarc_state *st, struct zl_view *v,
    const char *owner, const char *file, unsigned line, const char *text,
    size_t len)
{
	const zg_problems_t *found = dmarc_problems(zone, st, text, len);
	zg_problems_t problems;
	size_t i;

	if (found == NULL) {
		return;
	}
	problems = *found;
	if (problems.count > 0 && owner == NULL) {
		owner = zl_view_owner(v);
	}
	for (i = 0; i < problems.count; i++) {
		int rule = zl_rule_find(problems.items[i].id);
		int sev = ZL_SEV_DEFAULT;

		/* RFC 9989 reads a missing p as none: advice, not an error
		 * as under RFC 7489, where p is required. */
		if (rule == ZL_DMARC_POLICY_MISSING &&
		    !problems.items[i].invalid) {
			sev = ZG_SEV_WARNING;
		}
		zl_report_add_severity(zone->report,
		    rule >= 0 ? rule : ZL_DMARC_SYNTAX, sev, file, line, owner,
		    LDNS_RR_TYPE_TXT, "DMARC record at %s: %s", owner,
		    problems.items[i].message);
	}
}

/* Where the first DMARC record at a _dmarc name keeps its data. */
struct dmarc_first {
	uint32_t line;
	uint32_t rdlen;
};

/* A name that a _dmarc CNAME leads to (once). */
static void
alias(struct zone *zone, struct dmarc_state *st, uint32_t id)
{
	struct zl_slot *s;
	bool added;

	if ((s = zl_table_get(&st->aliased, zl_exact_key(id), &added)) ==
	    NULL) {
		zone->nomem = true;
		return;
	}
	if (!added) {
		return;
	}
	if (!zl_grow((void **)&st->aliases, &st->aliases_cap,
	    st->aliases_count + 1, sizeof(*st->aliases))) {
		zone->nomem = true;
		return;
	}
	st->aliases[st->aliases_count++] = id;
}

bool
zl_dmarc_aliased(const struct zone *zone, uint32_t id)
{
	const struct dmarc_state *st = zone->state[ZL_FAMILY_DMARC];

	return st != NULL && zl_table_find(&st->aliased, zl_exact_key(id)) !=
	    NULL;
}

static void
record(struct zone *zone, void *state, struct zl_view *v)
{
	struct dmarc_state *st = state;
	const char *text = v->strings;
	size_t len = v->strings_len;
	struct zl_slot *first;
	bool added;

	if (v->type == LDNS_RR_TYPE_CNAME) {
		const struct zl_name_slot *t;

		/* RFC 1034 3.6.2: a _dmarc CNAME sends receivers to its
		 * target, where a DMARC record is then in its place. */
		if (at_dmarc(v) && v->rdata != NULL &&
		    (t = zl_names_find(&zone->names, v->rdata,
			v->rdata_len)) != NULL) {
			alias(zone, st, t->id);
		}
		return;
	}
	if (v->type != LDNS_RR_TYPE_TXT || !zg_dmarc_is_record(text, len) ||
	    report_authorisation(v)) {
		return;
	}
	if (!at_dmarc(v)) {
		struct misplaced *m;

		/* Judged at the end, when every _dmarc CNAME is known. */
		if (!zl_grow((void **)&st->misplaced, &st->misplaced_cap,
		    st->misplaced_count + 1, sizeof(*st->misplaced))) {
			zone->nomem = true;
			return;
		}
		m = &st->misplaced[st->misplaced_count];
		m->owner = v->id;
		m->file = v->file;
		m->line = v->line;
		/* Its text, checked at the end if a CNAME leads to it. */
		m->text = zl_arena_add(&st->arena, NULL, sizeof(uint32_t) +
		    len);
		if (m->text == UINT32_MAX) {
			zone->nomem = true;
			return;
		}
		{
			uint32_t *p = (uint32_t *)zl_arena_at(st->arena,
			    m->text);

			*p = (uint32_t)len;
			memcpy(p + 1, text, len);
		}
		st->misplaced_count++;
		return;
	}
	check_record(zone, st, v, NULL, v->file, v->line, text, len);
	if ((first = zl_table_get(&st->names, zl_exact_key(v->id),
	    &added)) == NULL) {
		zone->nomem = true;
	} else if (added) {
		/* The record's data, compared whole with any later one. */
		struct dmarc_first head = { v->line, (uint32_t)v->rdata_len };
		uint32_t off = zl_arena_add(&st->arena, NULL,
		    sizeof(head) + v->rdata_len);
		struct dmarc_first *h;

		if (off == UINT32_MAX) {
			zone->nomem = true;
			zl_table_remove(&st->names, first);
			return;
		}
		h = (struct dmarc_first *)zl_arena_at(st->arena, off);
		*h = head;
		memcpy(h + 1, v->rdata, v->rdata_len);
		first->a = off;
		if (zone->origin_id != 0 &&
		    v->owner_len == 7 + zone->names.origin_len) {
			st->top_id = v->id;
			st->top_file = v->file;
		}
	} else {
		const struct dmarc_first *h = zl_arena_at(st->arena,
		    first->a);

		/* An exact duplicate is merged by servers; the same text
		 * split into other strings is a second record. */
		if (h->rdlen != v->rdata_len ||
		    memcmp(h + 1, v->rdata, v->rdata_len) != 0) {
			zl_report_add(zone->report, ZL_DMARC_MULTIPLE, v->file,
			    v->line, zl_view_owner(v), LDNS_RR_TYPE_TXT,
			    "second DMARC record at %s (the first is at line "
			    "%u): receivers apply none", zl_view_owner(v),
			    (unsigned)h->line);
		}
	}
}

int
zl_dmarc_local(const struct zone *zone, const char *name, char **text,
    unsigned *line, const char **file, char *target)
{
	const struct dmarc_state *st = zone->state[ZL_FAMILY_DMARC];
	const struct zl_name_slot *n;
	const struct zl_slot *sl;
	uint8_t w[ZL_WIRE_MAX];
	size_t len, i;
	uint32_t id;
	bool direct;
	int r;

	*text = NULL;
	*line = 0;
	*file = NULL;
	/* A CNAME here: its target is asked next (RFC 1034 3.6.2). */
	if (zone->origin_id != 0 && (len = zl_name_from_text(name, w)) != 0 &&
	    zl_in_zone_wire(zone, w, len) &&
	    (n = zl_names_find(&zone->names, w, len)) != NULL &&
	    (n->b & ZL_NAME_CNAME) &&
	    (sl = zl_table_find(&zone->cnames, zl_exact_key(n->id))) != NULL) {
		zl_names_text(&zone->names, (uint32_t)sl->b, target);
		return -2;
	}
	r = zl_local_name(zone, name, &id, &direct);
	if (r == 1 && !direct) {
		return -1; /* a wildcard: not kept here */
	}
	if (r != 1 || st == NULL) {
		return r;
	}
	if ((sl = zl_table_find(&st->names, zl_exact_key(id))) != NULL) {
		const struct dmarc_first *h = zl_arena_at(st->arena, sl->a);

		if ((*text = malloc(h->rdlen + 1)) == NULL) {
			return -1; /* asked instead, never taken for none */
		}
		zl_txt_join((const uint8_t *)(h + 1), h->rdlen, *text);
		*line = h->line;
		*file = id == st->top_id ? st->top_file : NULL;
		return 1;
	}
	/* A record outside _dmarc, which a _dmarc CNAME leads to. */
	for (i = 0; i < st->misplaced_count; i++) {
		const struct misplaced *m = &st->misplaced[i];
		const uint32_t *p;

		if (m->owner != id) {
			continue;
		}
		p = zl_arena_at(st->arena, m->text);
		if ((*text = malloc(*p + 1)) == NULL) {
			return -1;
		}
		memcpy(*text, p + 1, *p);
		(*text)[*p] = '\0';
		break;
	}
	return 1;
}

/*
 * RFC 7489 6.1: receivers query _dmarc.DOMAIN only (the webmo guide puts
 * the record at the domain).  A record that a _dmarc CNAME points to is
 * where receivers find it: not misplaced.
 */
static void
end(struct zone *zone, void *state)
{
	struct dmarc_state *st = state;
	char owner[ZL_NAME_TEXT_MAX];
	size_t i;

	/* A CNAME chain from _dmarc: every name on it is reached (the
	 * list grows as the loop runs; each name once; at most 8 steps a
	 * chain, as resolvers stop too). */
	for (i = 0; i < st->aliases_count && !zone->nomem; i++) {
		const struct zl_name_slot *n = zl_names_slot(&zone->names,
		    st->aliases[i]);
		const struct zl_slot *c;

		if (n != NULL && (n->b & ZL_NAME_CNAME) &&
		    (c = zl_table_find(&zone->cnames, zl_exact_key(n->id))) !=
			NULL && c->b != 0) {
			alias(zone, st, c->b);
		}
	}
	for (i = 0; i < st->misplaced_count; i++) {
		const struct misplaced *m = &st->misplaced[i];

		zl_names_text(&zone->names, m->owner, owner);
		if (zl_table_find(&st->aliased, zl_exact_key(m->owner)) !=
		    NULL) {
			/* Where receivers find it: a policy to check. */
			const uint32_t *p = zl_arena_at(st->arena, m->text);

			check_record(zone, st, NULL, owner, m->file, m->line,
			    (const char *)(p + 1), *p);
			continue;
		}
		zl_report_add(zone->report, ZL_DMARC_MISPLACED, m->file,
		    m->line, owner, LDNS_RR_TYPE_TXT, "DMARC record at %s, "
		    "where receivers never look: it belongs at _dmarc.%s",
		    owner, owner);
	}
}

static void
release(void *state)
{
	struct dmarc_state *st = state;
	unsigned i;

	zl_table_free(&st->names);
	zl_table_free(&st->aliased);
	zl_arena_free(st->arena);
	free(st->aliases);
	free(st->misplaced);
	for (i = 0; i < DMARC_MEMO; i++) {
		free(st->memo[i].text);
		zg_problems_free(&st->memo[i].problems);
	}
}

const struct zl_family zl_family_dmarc = {
	.name = "dmarc",
	.types = { LDNS_RR_TYPE_TXT, LDNS_RR_TYPE_CNAME },
	.state_size = sizeof(struct dmarc_state),
	.record = record,
	.end = end,
	.release = release,
};
