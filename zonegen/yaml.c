/* yaml.c: strict YAML loading with libcyaml, and messages with lines. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Every libcyaml call lives in this file.  libcyaml 1.3 reports positions
 * only inside its log text and has no validation hooks, so two things are
 * added around it:
 *
 * - its log is collected by log_collect() and turned into one
 *   "PATH:LINE: message" line, never printed raw;
 * - a position index built with libyaml (libcyaml's own parser) maps each
 *   key path ("mx[1].host") to its line, so that the checks made after the
 *   load (host names, SPF and DMARC texts, rule ids) can name the line too.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "zonegen/yaml.h"

#define LOG_MAX 2048
#define PATH_MAX_LEN 96

/* ---- libcyaml's log, collected -------------------------------------- */

struct log_buffer {
	char text[LOG_MAX];
	size_t len;
};

static void
log_collect(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct log_buffer *log = ctx;
	int n;

	if (level < CYAML_LOG_ERROR || log->len + 1 >= sizeof(log->text)) {
		return;
	}
	n = vsnprintf(log->text + log->len, sizeof(log->text) - log->len,
	    fmt, args);
	if (n > 0) {
		log->len += (size_t)n;
		if (log->len >= sizeof(log->text)) {
			log->len = sizeof(log->text) - 1;
		}
	}
}

/* ---- position index (libyaml) ---------------------------------------- */

/*
 * The index is also where numbers are checked.  libcyaml 1.3 converts an
 * integer field with strtoull() and ignores what follows the digits, and
 * it takes C's prefixes: "1h" is 1, "010" is 8, "0x10" 16, "1e3" 1, "10x"
 * 10.  It has no validation hook, so the scalar text of every integer
 * field is checked here, while the events are walked: the schema itself
 * says which fields are integers (no second list of keys to keep in step
 * with it), and the walk sees the text libyaml read, before any
 * conversion.
 *
 * Aliases: an alias of a scalar is checked with the anchor's text at the
 * alias's place; an alias of a mapping or list gets the anchor's key paths
 * again under its own path, at the alias's line (so a key reached through
 * an alias has a line, never 0).  The numbers inside an anchored mapping
 * were checked where it was defined: libcyaml loads it there too, by a
 * schema in which every key named like an integer field is one.
 */

#define INDEX_ITEMS_MAX 262144 /* key paths, aliases expanded */
#define ANCHORS_MAX 256

struct position {
	char path[PATH_MAX_LEN];
	unsigned line;
};

struct anchor {
	char *name;
	char *text;          /* a scalar's text, or NULL */
	char path[PATH_MAX_LEN];
	size_t first, end;   /* a collection's index entries */
	bool open;           /* its end is not read yet */
};

struct index {
	struct position *items;
	size_t count;
	size_t capacity;
	char syntax[160];     /* libyaml's syntax error, if any */
	unsigned syntax_line; /* and its line */
	char limit[96];       /* a limit of the walk that was reached */
	unsigned limit_line;
	/* The first integer field whose text is not a plain number. */
	char number[PATH_MAX_LEN];
	char number_text[32];
	unsigned number_line;
	bool number_range;    /* digits, but past the field's range */
	struct anchor anchors[ANCHORS_MAX];
	size_t anchors_count;
};

struct frame {
	bool mapping;
	bool want_key;       /* mapping: next scalar is a key */
	unsigned item;       /* sequence: index of the next item */
	char path[PATH_MAX_LEN];
	char key[PATH_MAX_LEN]; /* mapping: path of the current key */
	const cyaml_schema_value_t *schema; /* of this node, or NULL */
	const cyaml_schema_value_t *child;  /* of the next value, or NULL */
	int anchor;          /* anchors[] entry of this node, or -1 */
};

static bool
index_add(struct index *idx, const char *path, unsigned line)
{
	if (idx->count == INDEX_ITEMS_MAX) {
		snprintf(idx->limit, sizeof(idx->limit), "more than %u keys "
		    "and entries (aliases counted as expanded)",
		    INDEX_ITEMS_MAX);
		idx->limit_line = line;
		return false;
	}
	if (idx->count == idx->capacity) {
		size_t cap = idx->capacity ? idx->capacity * 2 : 32;
		struct position *p = realloc(idx->items, cap * sizeof(*p));

		if (p == NULL) {
			return false;
		}
		idx->items = p;
		idx->capacity = cap;
	}
	snprintf(idx->items[idx->count].path, PATH_MAX_LEN, "%s", path);
	idx->items[idx->count].line = line;
	idx->count++;
	return true;
}

/* The path a new node gets in its parent frame (and index it there). */
static bool
node_path(struct index *idx, struct frame *parent, unsigned line, char *out)
{
	if (parent == NULL) {
		out[0] = '\0';
		return true;
	}
	if (parent->mapping) {
		snprintf(out, PATH_MAX_LEN, "%s", parent->key);
		parent->want_key = true;
		return true;
	}
	if (snprintf(out, PATH_MAX_LEN, "%s[%u]", parent->path,
		parent->item++) >= PATH_MAX_LEN) {
		out[PATH_MAX_LEN - 1] = '\0';
	}
	return index_add(idx, out, line);
}

/* The schema of the next value in `parent` (NULL: none known). */
static const cyaml_schema_value_t *
child_schema(const struct frame *parent)
{
	if (parent == NULL || parent->schema == NULL) {
		return NULL;
	}
	if (parent->mapping) {
		return parent->child;
	}
	if (parent->schema->type == CYAML_SEQUENCE ||
	    parent->schema->type == CYAML_SEQUENCE_FIXED) {
		return parent->schema->sequence.entry;
	}
	return NULL;
}

/* The schema of mapping field `key`, or NULL. */
static const cyaml_schema_value_t *
field_schema(const cyaml_schema_value_t *schema, const char *key)
{
	const cyaml_schema_field_t *f;

	if (schema == NULL || schema->type != CYAML_MAPPING) {
		return NULL;
	}
	for (f = schema->mapping.fields; f->key != NULL; f++) {
		if (strcmp(f->key, key) == 0) {
			return &f->value;
		}
	}
	return NULL;
}

/*
 * Record the first integer field whose text is not plain decimal digits
 * (no sign, no leading zero but in "0", no blank, prefix or unit), or is
 * past what the field holds.
 */
static void
check_number(struct index *idx, const cyaml_schema_value_t *schema,
    const char *path, const char *text, unsigned line)
{
	uint64_t max, v = 0;
	bool range = false;
	size_t n = strlen(text), i;

	if (schema == NULL || idx->number_line != 0 ||
	    (schema->type != CYAML_UINT && schema->type != CYAML_INT)) {
		return;
	}
	max = schema->data_size >= 8 ? UINT64_MAX
				     : (UINT64_C(1) << (8 * schema->data_size)) - 1;
	if (schema->type == CYAML_INT) {
		max >>= 1;
	}
	for (i = 0; i < n && text[i] >= '0' && text[i] <= '9'; i++) {
		unsigned d = (unsigned)(text[i] - '0');

		if (v > (max - d) / 10) {
			range = true;
		} else {
			v = v * 10 + d;
		}
	}
	if (n > 0 && i == n && (text[0] != '0' || n == 1) && !range) {
		return;
	}
	idx->number_range = n > 0 && i == n && text[0] != '0';
	snprintf(idx->number, sizeof(idx->number), "%s", path);
	/* Raw, cut: the whole message is escaped when it is written. */
	snprintf(idx->number_text, sizeof(idx->number_text), "%.20s%s", text,
	    n > 20 ? "..." : "");
	idx->number_line = line;
}

/* The anchors[] entry named `name`, or -1. */
static int
anchor_find(const struct index *idx, const char *name)
{
	size_t i;

	for (i = 0; i < idx->anchors_count; i++) {
		if (strcmp(idx->anchors[i].name, name) == 0) {
			return (int)i;
		}
	}
	return -1;
}

/* Remember anchor `name` of the node at `path`; -1 when there is none. */
static int
anchor_add(struct index *idx, const unsigned char *name, const char *path,
    const unsigned char *text, unsigned line)
{
	struct anchor *a;

	if (name == NULL) {
		return -1;
	}
	if (idx->anchors_count == ANCHORS_MAX) {
		snprintf(idx->limit, sizeof(idx->limit), "more than %u anchors",
		    ANCHORS_MAX);
		idx->limit_line = line;
		return -2;
	}
	a = &idx->anchors[idx->anchors_count];
	memset(a, 0, sizeof(*a));
	a->name = strdup((const char *)name);
	a->text = text != NULL ? strdup((const char *)text) : NULL;
	if (a->name == NULL || (text != NULL && a->text == NULL)) {
		free(a->name);
		free(a->text);
		return -2;
	}
	snprintf(a->path, sizeof(a->path), "%s", path);
	a->first = idx->count;
	a->end = idx->count;
	a->open = text == NULL;
	return (int)idx->anchors_count++;
}

/*
 * An alias at `path`: check a scalar anchor's text as a number where one
 * is wanted; give a collection anchor's key paths again under `path`.
 */
static bool
alias_expand(struct index *idx, const char *name,
    const cyaml_schema_value_t *schema, const char *path, unsigned line)
{
	int i = anchor_find(idx, name);
	const struct anchor *a;
	size_t plen, k, end;

	if (i < 0) {
		return true; /* libcyaml reports it */
	}
	a = &idx->anchors[i];
	if (a->text != NULL) {
		check_number(idx, schema, path, a->text, line);
		return true;
	}
	if (a->open) {
		return true; /* an alias inside its own anchor: libcyaml's */
	}
	plen = strlen(a->path);
	end = a->end;
	for (k = a->first; k < end; k++) {
		char p[2 * PATH_MAX_LEN];

		snprintf(p, sizeof(p), "%s%s", path, idx->items[k].path + plen);
		if (!index_add(idx, p, line)) {
			return false;
		}
	}
	return true;
}

/*
 * Build the index of key paths and lines, and check the numbers.  A
 * document libyaml cannot parse leaves the index partial; the syntax
 * error is kept and reported.
 */
static void
index_build(struct index *idx, const unsigned char *text, size_t len,
    const cyaml_schema_value_t *schema)
{
	struct frame stack[16];
	int depth = 0;
	yaml_parser_t parser;
	yaml_event_t event;
	bool done = false;

	if (!yaml_parser_initialize(&parser)) {
		return;
	}
	yaml_parser_set_input_string(&parser, text, len);
	while (!done && yaml_parser_parse(&parser, &event)) {
		struct frame *top = depth > 0 ? &stack[depth - 1] : NULL;
		unsigned line = (unsigned)event.start_mark.line + 1;
		const cyaml_schema_value_t *s = child_schema(top);
		char path[PATH_MAX_LEN];
		int a;

		switch (event.type) {
		case YAML_SCALAR_EVENT:
			if (top != NULL && top->mapping && top->want_key) {
				const char *key =
				    (const char *)event.data.scalar.value;
				size_t plen = strlen(top->path);
				size_t klen = strlen(key);

				/* PATH.KEY, cut to fit: a long key only
				 * makes a path that nobody looks up. */
				memcpy(top->key, top->path, plen);
				if (plen > 0 && plen + 1 < PATH_MAX_LEN) {
					top->key[plen++] = '.';
				}
				if (klen > PATH_MAX_LEN - 1 - plen) {
					klen = PATH_MAX_LEN - 1 - plen;
				}
				memcpy(top->key + plen, key, klen);
				top->key[plen + klen] = '\0';
				top->want_key = false;
				top->child = field_schema(top->schema, key);
				done = !index_add(idx, top->key, line);
				break;
			}
			done = !node_path(idx, top, line, path);
			if (done) {
				break;
			}
			check_number(idx, s, path,
			    (const char *)event.data.scalar.value, line);
			done = anchor_add(idx, event.data.scalar.anchor, path,
			    event.data.scalar.value, line) == -2;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (depth == (int)(sizeof(stack) / sizeof(stack[0]))) {
				snprintf(idx->limit, sizeof(idx->limit),
				    "nested deeper than %d levels", depth);
				idx->limit_line = line;
				done = true;
				break;
			}
			if (!node_path(idx, top, line, path)) {
				done = true;
				break;
			}
			a = anchor_add(idx, event.type ==
				YAML_MAPPING_START_EVENT
				? event.data.mapping_start.anchor
				: event.data.sequence_start.anchor,
			    path, NULL, line);
			if (a == -2) {
				done = true;
				break;
			}
			stack[depth].mapping =
			    event.type == YAML_MAPPING_START_EVENT;
			stack[depth].want_key = true;
			stack[depth].item = 0;
			memcpy(stack[depth].path, path, PATH_MAX_LEN);
			stack[depth].key[0] = '\0';
			stack[depth].schema = depth == 0 ? schema : s;
			stack[depth].child = NULL;
			stack[depth].anchor = a;
			depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth > 0) {
				depth--;
				a = stack[depth].anchor;
				if (a >= 0) {
					idx->anchors[a].end = idx->count;
					idx->anchors[a].open = false;
				}
			}
			break;
		case YAML_ALIAS_EVENT:
			done = !node_path(idx, top, line, path) ||
			    !alias_expand(idx,
				(const char *)event.data.alias.anchor, s, path,
				line);
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&event);
	}
	if (parser.error != YAML_NO_ERROR && parser.problem != NULL) {
		snprintf(idx->syntax, sizeof(idx->syntax), "%s%s%s",
		    parser.problem, parser.context ? " " : "",
		    parser.context ? parser.context : "");
		idx->syntax_line = (unsigned)parser.problem_mark.line + 1;
	}
	yaml_parser_delete(&parser);
}

static void
index_free(struct index *idx)
{
	size_t i;

	for (i = 0; i < idx->anchors_count; i++) {
		free(idx->anchors[i].name);
		free(idx->anchors[i].text);
	}
	free(idx->items);
}

/* ---- turning libcyaml's log into one message ------------------------- */

/*
 * libcyaml logs "Load: <what>", then a backtrace, innermost first:
 *   in mapping field 'priority' (line: 4, column: 15)
 *   in sequence entry '1' (line: 4, column: 5)
 *   in mapping field 'mx' (line: 4, column: 3)
 * Sequence entries are counted from 1 there.  The path ("mx[0].priority")
 * is rebuilt from it; for an unknown or repeated key, whose backtrace
 * names only the enclosing mapping, the key's own line comes from the
 * index.
 */
struct log_parse {
	char what[256];
	char path[PATH_MAX_LEN];  /* the innermost node's path */
	char field[PATH_MAX_LEN]; /* the innermost field name, if any */
	unsigned line;
};

static void
log_parse(const struct log_buffer *log, struct log_parse *out)
{
	char parts[8][PATH_MAX_LEN];
	int count = 0;
	const char *p = strstr(log->text, "Load: ");
	const char *at;
	size_t n;

	memset(out, 0, sizeof(*out));
	snprintf(out->what, sizeof(out->what), "invalid profile");
	if (p != NULL) {
		p += strlen("Load: ");
		n = strcspn(p, "\n");
		if (n >= sizeof(out->what)) {
			n = sizeof(out->what) - 1;
		}
		memcpy(out->what, p, n);
		out->what[n] = '\0';
	}
	at = strstr(log->text, "(line: ");
	if (at != NULL) {
		out->line = (unsigned)strtoul(at + 7, NULL, 10);
	}
	for (p = strstr(log->text, "\n  in "); p != NULL && count < 8;
	     p = strstr(p + 1, "\n  in ")) {
		const char *q = strchr(p, '\'');
		const char *e = q != NULL ? strchr(q + 1, '\'') : NULL;
		const char *eol = strchr(p + 1, '\n');
		char name[PATH_MAX_LEN];

		if (q == NULL || e == NULL || (eol != NULL && q > eol)) {
			continue; /* "in mapping (line: ...)": no name */
		}
		n = (size_t)(e - q - 1) < sizeof(name) - 2
			? (size_t)(e - q - 1)
			: sizeof(name) - 2;
		memcpy(name, q + 1, n);
		name[n] = '\0';
		if (strncmp(p, "\n  in sequence entry", 20) == 0) {
			unsigned long entry = strtoul(name, NULL, 10);

			/* Entry 0: the sequence itself (it is empty). */
			if (entry > 0) {
				snprintf(parts[count++], PATH_MAX_LEN, "[%lu]",
				    entry - 1);
			}
		} else {
			if (count == 0) {
				snprintf(out->field, PATH_MAX_LEN, "%s", name);
			}
			parts[count][0] = '.';
			memcpy(parts[count] + 1, name, n + 1);
			count++;
		}
	}
	while (count-- > 0) {
		size_t len = strlen(out->path);
		const char *part = parts[count];

		if (len == 0 && part[0] == '.') {
			part++;
		}
		snprintf(out->path + len, PATH_MAX_LEN - len, "%s", part);
	}
}

/* Line of the `nth` (1-based) index entry with this exact path, or 0. */
static unsigned
index_nth_line(const struct index *idx, const char *path, unsigned nth)
{
	size_t i;

	for (i = 0; i < idx->count; i++) {
		if (strcmp(idx->items[i].path, path) == 0 && --nth == 0) {
			return idx->items[i].line;
		}
	}
	return 0;
}

/* The number of entries of the list at `path` ("mx[0]", "mx[1]"...). */
static size_t
index_entries(const struct index *idx, const char *path)
{
	size_t n = strlen(path), count = 0, i;

	for (i = 0; i < idx->count; i++) {
		const char *p = idx->items[i].path;

		if (strncmp(p, path, n) == 0 && p[n] == '[' &&
		    strspn(p + n + 1, "0123456789") > 0 &&
		    strcmp(p + n + 1 + strspn(p + n + 1, "0123456789"),
			"]") == 0) {
			count++;
		}
	}
	return count;
}

static void
compose_message(const struct log_buffer *log, const struct index *idx,
    const zg_yaml_hint_t *hints, const char *file, char *message,
    size_t size)
{
	struct log_parse lp;
	char key[2 * PATH_MAX_LEN];
	const char *arg;
	const char *range;

	log_parse(log, &lp);
	if (idx->syntax[0] != '\0') {
		/* libyaml's own position is the right one for syntax. */
		snprintf(message, size, "%s:%u: YAML syntax error: %s", file,
		    idx->syntax_line, idx->syntax);
		return;
	}
	if ((arg = strstr(lp.what, "Unexpected key: ")) != NULL) {
		arg += strlen("Unexpected key: ");
		/* The backtrace names the mapping; the key is in it. */
		snprintf(key, sizeof(key), "%s%s%s", lp.path,
		    lp.path[0] ? "." : "", arg);
		if (index_nth_line(idx, key, 1) != 0) {
			lp.line = index_nth_line(idx, key, 1);
		}
		snprintf(message, size, "%s:%u: unknown key '%s'%s%s", file,
		    lp.line, arg, lp.path[0] ? " in " : "", lp.path);
		return;
	}
	if ((arg = strstr(lp.what, "Mapping field already seen: ")) != NULL) {
		arg += strlen("Mapping field already seen: ");
		/* The backtrace names the first one; report the second. */
		snprintf(key, sizeof(key), "%s", lp.path);
		if (index_nth_line(idx, key, 2) != 0) {
			lp.line = index_nth_line(idx, key, 2);
		}
		snprintf(message, size, "%s:%u: %s: key given twice", file,
		    lp.line, lp.path);
		return;
	}
	if ((arg = strstr(lp.what, "Missing required mapping field: ")) !=
	    NULL) {
		char *dot;

		arg += strlen("Missing required mapping field: ");
		/* The backtrace ends at the mapping's last field: the key is
		 * missing from that field's parent mapping. */
		if (lp.field[0] != '\0') {
			dot = strrchr(lp.path, '.');
			*(dot != NULL ? dot : lp.path) = '\0';
		}
		lp.line = lp.path[0] ? index_nth_line(idx, lp.path, 1) : 1;
		snprintf(message, size, "%s:%u: %s%smissing required key "
		    "'%s'", file, lp.line, lp.path, lp.path[0] ? ": " : "",
		    arg);
		return;
	}
	if (strncmp(lp.what, "Expecting ", 10) == 0 &&
	    (arg = strstr(lp.what, "got event: ")) != NULL) {
		const char *want = lp.what + 10;

		arg += strlen("got event: ");
		snprintf(message, size, "%s:%u: %s%sexpected %s, found %s",
		    file, lp.line ? lp.line : 1, lp.path,
		    lp.path[0] ? ": " : "",
		    strncmp(want, "MAPPING", 7) == 0	? "a mapping of keys"
		    : strncmp(want, "SEQUENCE", 8) == 0 ? "a list"
							: "a single value",
		    strncmp(arg, "MAPPING", 7) == 0	 ? "a mapping"
		    : strncmp(arg, "SEQUENCE", 8) == 0 ? "a list"
						       : "a single value");
		return;
	}
	if (strncmp(lp.what, "Invalid ", 8) == 0 &&
	    (arg = strstr(lp.what, " value: ")) != NULL) {
		arg += strlen(" value: ");
		range = NULL;
		for (; hints != NULL && hints->field != NULL; hints++) {
			if (strcmp(hints->field, lp.field) == 0) {
				range = hints->takes;
				break;
			}
		}
		if (range != NULL) {
			snprintf(message, size, "%s:%u: %s: %s is not %s",
			    file, lp.line, lp.path, arg, range);
			return;
		}
	}
	if (strncmp(lp.what, "STRING length < ", 16) == 0) {
		snprintf(message, size, "%s:%u: %s: must not be empty", file,
		    lp.line, lp.path);
		return;
	}
	if (strncmp(lp.what, "STRING length > ", 16) == 0) {
		snprintf(message, size, "%s:%u: %s: longer than %lu "
		    "characters", file, lp.line, lp.path,
		    strtoul(lp.what + 16, NULL, 10));
		return;
	}
	if (strncmp(lp.what, "Excessive entries (", 19) == 0) {
		unsigned long limit = strtoul(lp.what + 19, NULL, 10);
		char *bracket = strrchr(lp.path, '[');
		char first[2 * PATH_MAX_LEN];

		/* libcyaml stops at the first entry too many and names only
		 * the limit: count the entries in the index. */
		if (bracket != NULL) {
			*bracket = '\0';
		}
		snprintf(first, sizeof(first), "%s[%lu]", lp.path, limit);
		if (index_nth_line(idx, first, 1) != 0) {
			lp.line = index_nth_line(idx, first, 1);
		}
		snprintf(message, size, "%s:%u: %s: has %zu entries; allows at "
		    "most %lu", file, lp.line, lp.path,
		    index_entries(idx, lp.path), limit);
		return;
	}
	if ((arg = strstr(lp.what, "entries (")) != NULL) {
		unsigned long have = strtoul(arg + 9, NULL, 10);
		const char *of = strstr(arg, " of ");
		unsigned long limit = of ? strtoul(of + 4, NULL, 10) : 0;

		snprintf(message, size, "%s:%u: %s: has %lu entries; %s %lu",
		    file, lp.line, lp.path, have,
		    strncmp(lp.what, "Insufficient", 12) == 0 ? "needs at least"
							      : "allows at most",
		    limit);
		return;
	}
	snprintf(message, size, "%s:%u: %s%s%s", file, lp.line ? lp.line : 1,
	    lp.path, lp.path[0] ? ": " : "", lp.what);
}

/*
 * libcyaml's log quotes the input (an unknown key, a bad value) and input
 * can even imitate its backtrace lines, so the message is escaped as a
 * whole: no byte of the input may end the line or start a terminal escape
 * sequence.
 */
static void
log_to_message(const struct log_buffer *log, const struct index *idx,
    const zg_yaml_hint_t *hints, const char *file, char *message,
    size_t size)
{
	char raw[1024];

	compose_message(log, idx, hints, file, raw, sizeof(raw));
	zg_text_quote(message, size, raw, strlen(raw), SIZE_MAX);
}

/* The hint for the field at the end of `path` ("mx[0].priority"). */
static const char *
hint_for(const zg_yaml_hint_t *hints, const char *path)
{
	const char *field = strrchr(path, '.');

	field = field != NULL ? field + 1 : path;
	for (; hints != NULL && hints->field != NULL; hints++) {
		if (strcmp(hints->field, field) == 0) {
			return hints->takes;
		}
	}
	return "a whole number";
}

/*
 * What the walk of the events refuses before libcyaml loads anything: a
 * syntax error, a document past the walk's limits (so that no alias can
 * make libcyaml expand a document without end), a number that is not
 * plain decimal digits.  True, with `message` set, when refused.
 */
static bool
walk_refused(const struct index *idx, const zg_yaml_hint_t *hints,
    const char *file, char *message, size_t size)
{
	char raw[1024];

	if (idx->syntax[0] != '\0') {
		snprintf(raw, sizeof(raw), "%s:%u: YAML syntax error: %s",
		    file, idx->syntax_line, idx->syntax);
	} else if (idx->limit[0] != '\0') {
		snprintf(raw, sizeof(raw), "%s:%u: %s", file, idx->limit_line,
		    idx->limit);
	} else if (idx->number_line != 0) {
		/* "010" or "1h" looks like a number: say what is wrong. */
		snprintf(raw, sizeof(raw), "%s:%u: %s: '%s' is not %s%s", file,
		    idx->number_line, idx->number, idx->number_text,
		    hint_for(hints, idx->number),
		    !idx->number_range && idx->number_text[0] >= '0' &&
			idx->number_text[0] <= '9'
			? " (plain decimal digits, no leading zero)"
			: "");
	} else {
		return false;
	}
	zg_text_quote(message, size, raw, strlen(raw), SIZE_MAX);
	return true;
}

static const cyaml_config_t base_config = {
	.log_fn = log_collect,
	.mem_fn = cyaml_mem,
	.log_level = CYAML_LOG_ERROR,
	.flags = CYAML_CFG_DEFAULT,
};

static zg_status_t
read_all(const char *path, size_t size_max, char **out, size_t *out_len,
    char *message, size_t size)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;
	size_t cap = 0;

	if (fp == NULL) {
		snprintf(message, size, "%s: cannot open: %s", path,
		    strerror(errno));
		return ZG_ERR_IO;
	}
	for (;;) {
		size_t n;

		if (len == cap) {
			char *p;

			cap = cap ? cap * 2 : 4096;
			p = realloc(buf, cap + 1);
			if (p == NULL) {
				free(buf);
				fclose(fp);
				snprintf(message, size, "%s: out of memory",
				    path);
				return ZG_ERR_NOMEM;
			}
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (len > size_max) {
			free(buf);
			fclose(fp);
			snprintf(message, size, "%s:0: larger than %zu bytes",
			    path, size_max);
			return ZG_ERR_PROFILE;
		}
		if (n == 0) {
			break;
		}
	}
	if (ferror(fp)) {
		snprintf(message, size, "%s: cannot read: %s", path,
		    strerror(errno));
		free(buf);
		fclose(fp);
		return ZG_ERR_IO;
	}
	fclose(fp);
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return ZG_OK;
}

struct zg_yaml_doc {
	struct index idx;
	char *path;
};

zg_status_t
zg_yaml_load(const char *path, const char *text, size_t len, size_t size_max,
    const cyaml_schema_value_t *schema, const zg_yaml_hint_t *hints,
    void **out, zg_yaml_doc_t **doc_out, char *message, size_t size)
{
	struct log_buffer log = { .len = 0 };
	cyaml_config_t config = base_config;
	zg_yaml_doc_t *doc;
	void *data = NULL;
	char *owned = NULL;
	cyaml_err_t err;
	zg_status_t st;

	if (text == NULL) {
		st = read_all(path, size_max, &owned, &len, message, size);
		if (st != ZG_OK) {
			return st;
		}
		text = owned;
	}
	if (len == 0 || memchr(text, '\0', len) != NULL) {
		snprintf(message, size, "%s:%u: %s", path, len ? 1u : 0u,
		    len ? "YAML text cannot hold a NUL byte" : "the file is empty");
		free(owned);
		return ZG_ERR_PROFILE;
	}
	doc = calloc(1, sizeof(*doc));
	if (doc == NULL || (doc->path = strdup(path)) == NULL) {
		free(doc);
		free(owned);
		snprintf(message, size, "%s: out of memory", path);
		return ZG_ERR_NOMEM;
	}
	log.text[0] = '\0';
	config.log_ctx = &log;
	index_build(&doc->idx, (const unsigned char *)text, len, schema);
	if (walk_refused(&doc->idx, hints, path, message, size)) {
		free(owned);
		zg_yaml_doc_free(doc);
		return ZG_ERR_PROFILE;
	}
	err = cyaml_load_data((const uint8_t *)text, len, &config, schema,
	    (cyaml_data_t **)&data, NULL);
	free(owned);
	if (err != CYAML_OK || data == NULL) {
		if (err == CYAML_ERR_OOM) {
			snprintf(message, size, "%s: out of memory", path);
			st = ZG_ERR_NOMEM;
		} else if (err != CYAML_OK) {
			log_to_message(&log, &doc->idx, hints, path, message,
			    size);
			st = ZG_ERR_PROFILE;
		} else {
			snprintf(message, size, "%s:1: expected a mapping of "
			    "keys", path);
			st = ZG_ERR_PROFILE;
		}
		zg_yaml_doc_free(doc);
		return st;
	}
	*out = data;
	*doc_out = doc;
	return ZG_OK;
}

unsigned
zg_yaml_line(const zg_yaml_doc_t *doc, const char *key)
{
	return index_nth_line(&doc->idx, key, 1);
}

/* The line of `key`, else of the nearest key above it: never 0. */
static unsigned
line_of(const zg_yaml_doc_t *doc, const char *key)
{
	char path[PATH_MAX_LEN];
	unsigned line;
	char *cut;

	snprintf(path, sizeof(path), "%s", key);
	while ((line = zg_yaml_line(doc, path)) == 0) {
		cut = strrchr(path, '.');
		if (strrchr(path, '[') > cut) {
			cut = strrchr(path, '[');
		}
		if (cut == NULL) {
			return 1;
		}
		*cut = '\0';
	}
	return line;
}

zg_status_t
zg_yaml_error(const zg_yaml_doc_t *doc, char *message, size_t size,
    const char *key, const char *fmt, ...)
{
	char text[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	snprintf(message, size, "%s:%u: %s: %s", doc->path,
	    line_of(doc, key), key, text);
	return ZG_ERR_PROFILE;
}

void
zg_yaml_doc_free(zg_yaml_doc_t *doc)
{
	if (doc == NULL) {
		return;
	}
	index_free(&doc->idx);
	free(doc->path);
	free(doc);
}

void
zg_yaml_free(const cyaml_schema_value_t *schema, void *data)
{
	cyaml_config_t config = base_config;

	if (data != NULL) {
		cyaml_free(&config, schema, data, 0);
	}
}
