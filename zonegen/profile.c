/* profile.c: load, validate, print and free provider profiles (libcyaml). */
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
 *   load (host names, SPF and DMARC texts, TTL range) can name the line too.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cyaml/cyaml.h>
#include <yaml.h>

#include "zonegen/internal.h"
#include "zonegen/zonegen.h"

/* Profiles are a few hundred bytes; refuse anything absurd. */
#define PROFILE_SIZE_MAX (1024 * 1024)
#define LOG_MAX 2048
#define PATH_MAX_LEN 96

const char zg_profile_builtin_name[] = "webmo";

/* The built-in profile, compiled in from zonegen/profiles/webmo.yaml. */
extern const char zg_builtin_profile[];
extern const size_t zg_builtin_profile_len;

/* ---- schema --------------------------------------------------------- */

static const cyaml_strval_t protocol_strings[] = {
	{ "imap", ZG_PROTO_IMAP },
	{ "pop3", ZG_PROTO_POP3 },
	{ "submission", ZG_PROTO_SUBMISSION },
	{ "smtp", ZG_PROTO_SMTP },
};

static const cyaml_strval_t security_strings[] = {
	{ "none", ZG_SEC_NONE },
	{ "starttls", ZG_SEC_STARTTLS },
	{ "tls", ZG_SEC_TLS },
};

static const cyaml_schema_field_t cname_fields[] = {
	CYAML_FIELD_STRING_PTR("label", CYAML_FLAG_POINTER, zg_cname_t,
	    label, 1, ZG_NAME_MAX),
	CYAML_FIELD_STRING_PTR("target", CYAML_FLAG_POINTER, zg_cname_t,
	    target, 1, ZG_NAME_MAX + 1),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t cname_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, zg_cname_t, cname_fields),
};

static const cyaml_schema_field_t mx_fields[] = {
	CYAML_FIELD_UINT("priority", CYAML_FLAG_DEFAULT, zg_mx_t, priority),
	CYAML_FIELD_STRING_PTR("host", CYAML_FLAG_POINTER, zg_mx_t, host, 1,
	    ZG_NAME_MAX + 1),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t mx_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, zg_mx_t, mx_fields),
};

static const cyaml_schema_field_t service_fields[] = {
	CYAML_FIELD_ENUM("protocol", CYAML_FLAG_STRICT, zg_service_t,
	    protocol, protocol_strings, CYAML_ARRAY_LEN(protocol_strings)),
	CYAML_FIELD_ENUM("security", CYAML_FLAG_STRICT, zg_service_t,
	    security, security_strings, CYAML_ARRAY_LEN(security_strings)),
	CYAML_FIELD_STRING_PTR("host", CYAML_FLAG_POINTER, zg_service_t, host,
	    1, ZG_NAME_MAX + 1),
	CYAML_FIELD_UINT("port", CYAML_FLAG_DEFAULT, zg_service_t, port),
	CYAML_FIELD_UINT("priority", CYAML_FLAG_OPTIONAL, zg_service_t,
	    priority),
	CYAML_FIELD_UINT("weight", CYAML_FLAG_OPTIONAL, zg_service_t, weight),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t service_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, zg_service_t, service_fields),
};

static const cyaml_schema_field_t profile_fields[] = {
	CYAML_FIELD_STRING_PTR("name", CYAML_FLAG_POINTER, zg_profile_t, name,
	    1, 63),
	CYAML_FIELD_STRING_PTR("description",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, zg_profile_t,
	    description, 0, 200),
	CYAML_FIELD_UINT("ttl", CYAML_FLAG_DEFAULT, zg_profile_t, ttl),
	CYAML_FIELD_SEQUENCE("cnames", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    zg_profile_t, cnames, &cname_schema, 0, 64),
	CYAML_FIELD_SEQUENCE("mx", CYAML_FLAG_POINTER, zg_profile_t, mx,
	    &mx_schema, 1, 64),
	CYAML_FIELD_STRING_PTR("spf", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    zg_profile_t, spf, 1, 2048),
	CYAML_FIELD_STRING_PTR("dmarc",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, zg_profile_t, dmarc, 1,
	    2048),
	CYAML_FIELD_SEQUENCE("services",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, zg_profile_t, services,
	    &service_schema, 0, 64),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t profile_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, zg_profile_t, profile_fields),
};

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

struct position {
	char path[PATH_MAX_LEN];
	unsigned line;
};

struct index {
	struct position *items;
	size_t count;
	size_t capacity;
	char syntax[160];     /* libyaml's syntax error, if any */
	unsigned syntax_line; /* and its line */
};

struct frame {
	bool mapping;
	bool want_key;       /* mapping: next scalar is a key */
	unsigned item;       /* sequence: index of the next item */
	char path[PATH_MAX_LEN];
	char key[PATH_MAX_LEN]; /* mapping: path of the current key */
};

static bool
index_add(struct index *idx, const char *path, unsigned line)
{
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

/*
 * Build the index of key paths and lines.  A document libyaml cannot parse
 * leaves the index partial; libcyaml then reports the error itself.
 */
static void
index_build(struct index *idx, const unsigned char *text, size_t len)
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
		char path[PATH_MAX_LEN];

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
				done = !index_add(idx, top->key, line);
			} else {
				done = !node_path(idx, top, line, path);
			}
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (depth == (int)(sizeof(stack) / sizeof(stack[0]))) {
				done = true;
				break;
			}
			if (!node_path(idx, top, line, path)) {
				done = true;
				break;
			}
			stack[depth].mapping =
			    event.type == YAML_MAPPING_START_EVENT;
			stack[depth].want_key = true;
			stack[depth].item = 0;
			memcpy(stack[depth].path, path, PATH_MAX_LEN);
			stack[depth].key[0] = '\0';
			depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth > 0) {
				depth--;
			}
			break;
		case YAML_ALIAS_EVENT:
			done = !node_path(idx, top, line, path);
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

static void
log_to_message(const struct log_buffer *log, const struct index *idx,
    const char *file, char *message, size_t size)
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
		snprintf(message, size, "%s:%u: unknown key '%s'%s%s (the "
		    "keys are listed in the README)", file, lp.line, arg,
		    lp.path[0] ? " in " : "", lp.path);
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
		if (strcmp(lp.field, "protocol") == 0) {
			range = "one of imap, pop3, submission, smtp";
		} else if (strcmp(lp.field, "security") == 0) {
			range = "one of none, starttls, tls";
		} else if (strcmp(lp.field, "ttl") == 0) {
			range = "a whole number from 0 to 2147483647";
		} else if (strstr(lp.what, "UINT") != NULL ||
			   strstr(lp.what, "uint") != NULL) {
			range = "a whole number from 0 to 65535";
		} else {
			range = NULL;
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

/* ---- checks made after the load -------------------------------------- */

struct check {
	const char *path;
	const struct index *idx;
	char *message;
	size_t size;
};

static zg_status_t
fail(struct check *c, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static zg_status_t
fail(struct check *c, const char *key, const char *fmt, ...)
{
	char text[384];
	va_list ap;
	unsigned line = index_nth_line(c->idx, key, 1);

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	snprintf(c->message, c->size, "%s:%u: %s: %s", c->path, line, key,
	    text);
	return ZG_ERR_PROFILE;
}

static zg_status_t
check_host(struct check *c, const char *key, const char *host)
{
	char quoted[80];
	const char *why = zg_name_check(host, true, false);

	if (why == NULL) {
		return ZG_OK;
	}
	zg_text_quote(quoted, sizeof(quoted), host, strlen(host), 60);
	return fail(c, key, "host name '%s' %s", quoted, why);
}

static bool
printable(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f) {
			return false;
		}
	}
	return true;
}

static zg_status_t
check_record_text(struct check *c, const char *key, const char *text,
    bool spf)
{
	zg_problems_t problems = { 0 };
	zg_status_t st;
	size_t len = strlen(text);
	size_t i;

	if (spf ? !zg_spf_is_record(text, len)
		: !zg_dmarc_is_record(text, len)) {
		return fail(c, key, spf ? "an SPF record starts with 'v=spf1' "
					  "(RFC 7208 4.5)"
					: "a DMARC record starts with "
					  "'v=DMARC1' (RFC 7489 6.4)");
	}
	if (spf) {
		zg_spf_t *parsed = NULL;

		st = zg_spf_parse(text, len, &parsed, &problems);
		zg_spf_free(parsed);
	} else {
		zg_dmarc_t *parsed = NULL;

		st = zg_dmarc_parse(text, len, ZG_DMARC_RFC9989, &parsed,
		    &problems);
		zg_dmarc_free(parsed);
	}
	if (st != ZG_OK) {
		zg_problems_free(&problems);
		return st;
	}
	for (i = 0; i < problems.count; i++) {
		if (problems.items[i].invalid) {
			st = fail(c, key, "not a valid %s record: %s [%s]",
			    spf ? "SPF" : "DMARC", problems.items[i].message,
			    problems.items[i].id);
			break;
		}
	}
	zg_problems_free(&problems);
	return st;
}

static zg_status_t
profile_check(struct check *c, zg_profile_t *p)
{
	char key[PATH_MAX_LEN];
	zg_status_t st;
	unsigned i, j;
	const char *s;

	for (s = p->name; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			(*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
			*s == '.')) {
			return fail(c, "name", "a profile name may hold only "
			    "letters, digits, '-', '_' and '.'");
		}
	}
	if (p->description != NULL && !printable(p->description)) {
		return fail(c, "description", "control characters are not "
		    "allowed");
	}
	if (p->ttl > ZG_TTL_MAX) {
		return fail(c, "ttl", "%u is larger than 2147483647 "
		    "(RFC 2181 8)", (unsigned)p->ttl);
	}
	for (i = 0; i < p->cnames_count; i++) {
		const char *why = zg_name_check(p->cnames[i].label, false,
		    true);

		snprintf(key, sizeof(key), "cnames[%u].label", i);
		if (why != NULL) {
			char quoted[80];

			zg_text_quote(quoted, sizeof(quoted),
			    p->cnames[i].label, strlen(p->cnames[i].label),
			    60);
			return fail(c, key, "label '%s' %s", quoted, why);
		}
		for (j = 0; j < i; j++) {
			if (strcasecmp(p->cnames[j].label,
				p->cnames[i].label) == 0) {
				return fail(c, key, "label '%s' is listed "
				    "twice (a name has one CNAME, RFC 2181 "
				    "10.1)", p->cnames[i].label);
			}
		}
		snprintf(key, sizeof(key), "cnames[%u].target", i);
		if ((st = check_host(c, key, p->cnames[i].target)) != ZG_OK) {
			return st;
		}
	}
	for (i = 0; i < p->mx_count; i++) {
		snprintf(key, sizeof(key), "mx[%u].host", i);
		if ((st = check_host(c, key, p->mx[i].host)) != ZG_OK) {
			return st;
		}
		for (j = 0; j < i; j++) {
			if (strcasecmp(p->mx[j].host, p->mx[i].host) == 0) {
				return fail(c, key, "host '%s' is listed "
				    "twice", p->mx[i].host);
			}
		}
	}
	if (p->spf != NULL &&
	    (st = check_record_text(c, "spf", p->spf, true)) != ZG_OK) {
		return st;
	}
	if (p->dmarc != NULL &&
	    (st = check_record_text(c, "dmarc", p->dmarc, false)) != ZG_OK) {
		return st;
	}
	for (i = 0; i < p->services_count; i++) {
		zg_service_t *svc = &p->services[i];

		snprintf(key, sizeof(key), "services[%u].host", i);
		if ((st = check_host(c, key, svc->host)) != ZG_OK) {
			return st;
		}
		snprintf(key, sizeof(key), "services[%u].port", i);
		if (svc->port == 0) {
			return fail(c, key, "port 0 is not a service port "
			    "(1-65535)");
		}
		/* An absent weight means 1: equal sharing (RFC 2782). */
		snprintf(key, sizeof(key), "services[%u].weight", i);
		if (index_nth_line(c->idx, key, 1) == 0) {
			svc->weight = 1;
		}
	}
	return ZG_OK;
}

/* ---- load ------------------------------------------------------------- */

static const cyaml_config_t base_config = {
	.log_fn = log_collect,
	.mem_fn = cyaml_mem,
	.log_level = CYAML_LOG_ERROR,
	.flags = CYAML_CFG_DEFAULT,
};

static zg_status_t
read_all(const char *path, char **out, size_t *out_len, char *message,
    size_t size)
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
		if (len > PROFILE_SIZE_MAX) {
			free(buf);
			fclose(fp);
			snprintf(message, size, "%s:0: a profile is at most "
			    "1 MiB", path);
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

zg_status_t
zg_profile_load(const char *path, const char *text, size_t len,
    zg_profile_t **out, char *message, size_t message_size)
{
	struct log_buffer log = { .len = 0 };
	struct index idx = { 0 };
	cyaml_config_t config = base_config;
	zg_profile_t *profile = NULL;
	char *owned = NULL;
	cyaml_err_t err;
	zg_status_t st;

	if (text == NULL) {
		st = read_all(path, &owned, &len, message, message_size);
		if (st != ZG_OK) {
			return st;
		}
		text = owned;
	}
	if (len == 0 || memchr(text, '\0', len) != NULL) {
		snprintf(message, message_size, "%s:%u: %s", path, len ? 1u : 0u,
		    len ? "a profile is YAML text; it holds a NUL byte"
			: "the profile is empty");
		free(owned);
		return ZG_ERR_PROFILE;
	}
	log.text[0] = '\0';
	config.log_ctx = &log;
	index_build(&idx, (const unsigned char *)text, len);
	err = cyaml_load_data((const uint8_t *)text, len, &config,
	    &profile_schema, (cyaml_data_t **)&profile, NULL);
	if (err != CYAML_OK) {
		if (err == CYAML_ERR_OOM) {
			snprintf(message, message_size, "%s: out of memory",
			    path);
			st = ZG_ERR_NOMEM;
		} else {
			log_to_message(&log, &idx, path, message,
			    message_size);
			st = ZG_ERR_PROFILE;
		}
		free(idx.items);
		free(owned);
		return st;
	}
	if (profile == NULL) {
		snprintf(message, message_size, "%s:1: the profile is not a "
		    "mapping of keys", path);
		free(idx.items);
		free(owned);
		return ZG_ERR_PROFILE;
	}
	{
		struct check c = { path, &idx, message, message_size };

		st = profile_check(&c, profile);
	}
	free(idx.items);
	free(owned);
	if (st != ZG_OK) {
		zg_profile_free(profile);
		return st;
	}
	*out = profile;
	return ZG_OK;
}

const char *
zg_profile_builtin_text(size_t *len)
{
	if (len != NULL) {
		*len = zg_builtin_profile_len;
	}
	return zg_builtin_profile;
}

zg_status_t
zg_profile_load_builtin(zg_profile_t **out, char *message,
    size_t message_size)
{
	return zg_profile_load("<built-in webmo>", zg_builtin_profile,
	    zg_builtin_profile_len, out, message, message_size);
}

void
zg_profile_free(zg_profile_t *profile)
{
	cyaml_config_t config = base_config;

	if (profile == NULL) {
		return;
	}
	cyaml_free(&config, &profile_schema, profile, 0);
}

/* ---- print ------------------------------------------------------------ */

/* A YAML double-quoted scalar; every byte outside printable ASCII escaped. */
static void
print_quoted(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			fprintf(fp, "\\%c", c);
		} else if (c < 0x20 || c == 0x7f) {
			/* UTF-8 passes through: YAML reads \xHH as a code point. */
			fprintf(fp, "\\x%02x", c);
		} else {
			fputc(c, fp);
		}
	}
	fputc('"', fp);
}

zg_status_t
zg_profile_print(const zg_profile_t *p, FILE *fp)
{
	unsigned i;

	fprintf(fp, "# zonegen provider profile; keys are documented in the "
		    "README.\nname: ");
	print_quoted(fp, p->name);
	if (p->description != NULL) {
		fputs("\ndescription: ", fp);
		print_quoted(fp, p->description);
	}
	fprintf(fp, "\nttl: %u\n", (unsigned)p->ttl);
	if (p->cnames_count > 0) {
		fputs("cnames:\n", fp);
	}
	for (i = 0; i < p->cnames_count; i++) {
		fputs("  - label: ", fp);
		print_quoted(fp, p->cnames[i].label);
		fputs("\n    target: ", fp);
		print_quoted(fp, p->cnames[i].target);
		fputc('\n', fp);
	}
	fputs("mx:\n", fp);
	for (i = 0; i < p->mx_count; i++) {
		fprintf(fp, "  - priority: %u\n    host: ",
		    (unsigned)p->mx[i].priority);
		print_quoted(fp, p->mx[i].host);
		fputc('\n', fp);
	}
	if (p->spf != NULL) {
		fputs("spf: ", fp);
		print_quoted(fp, p->spf);
		fputc('\n', fp);
	}
	if (p->dmarc != NULL) {
		fputs("dmarc: ", fp);
		print_quoted(fp, p->dmarc);
		fputc('\n', fp);
	}
	if (p->services_count > 0) {
		fputs("services:\n", fp);
	}
	for (i = 0; i < p->services_count; i++) {
		const zg_service_t *s = &p->services[i];

		fprintf(fp, "  - protocol: %s\n    security: %s\n    host: ",
		    protocol_strings[s->protocol].str,
		    security_strings[s->security].str);
		print_quoted(fp, s->host);
		fprintf(fp, "\n    port: %u\n    priority: %u\n"
			    "    weight: %u\n",
		    (unsigned)s->port, (unsigned)s->priority,
		    (unsigned)s->weight);
	}
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}
