/* config.c: zonelint's repository configuration, .zonelint.yaml. */
/* SPDX-License-Identifier: BSD-3-Clause */

/* realpath() is XSI, beyond the POSIX level the Makefile asks for. */
#define _XOPEN_SOURCE 700

/*
 * A repository of zone files says once how to lint them: which provider
 * profile applies to which files, which rules are off or at which
 * severity, the DMARC RFC, how file names give origins, and whether
 * $INCLUDE may leave a file's directory.  Loading is as strict as for
 * profiles (the YAML layer in zonegen/yaml.c): an unknown key, a value of
 * the wrong type, an unknown rule id or a profile that does not load is
 * one "FILE:LINE: message" and nothing is linted.
 *
 * The repository is not trusted (zonelint runs in CI on strangers' pull
 * requests), so what it may say is bounded by whoever runs zonelint: the
 * search for the file stops at the repository's root; a file another
 * user could have written is refused; it cannot lift the $INCLUDE
 * confinement (only --include-any can), nor name a profile outside its
 * own folder tree (only --config-profile-any can); and a profile it names
 * that does not load is never quoted, since it may be any file, a .env
 * full of secrets.
 */

#include <errno.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint/internal.h"
#include "zonegen/yaml.h"

#define CONFIG_SIZE_MAX (1024 * 1024)
#define KEY_MAX 96

struct config_profile {
	char *files;   /* glob, relative to the configuration's folder */
	char *profile; /* "webmo", "none" or a path relative to the file */
};

struct config_rules {
	char **off;
	unsigned off_count;
	char **note;
	unsigned note_count;
	char **warning;
	unsigned warning_count;
	char **error;
	unsigned error_count;
};

enum config_includes { INCLUDES_CONFINED, INCLUDES_ANY };

struct config_yaml {
	struct config_profile *profiles;
	unsigned profiles_count;
	struct config_rules *rules;
	unsigned dmarc;
	int strict;                /* 0 or 1: libcyaml reads any text as a
				    * bool, so booleans are strict enums */
	int includes;
	unsigned include_depth;
	int origin_from_file_name; /* see zl_config.file_name_origin */
	char **origin_prefixes;
	unsigned origin_prefixes_count;
	char **origin_suffixes;
	unsigned origin_suffixes_count;
};

static const cyaml_strval_t bool_strings[] = {
	{ "false", 0 },
	{ "true", 1 },
};

static const cyaml_strval_t includes_strings[] = {
	{ "confined", INCLUDES_CONFINED },
	{ "any", INCLUDES_ANY },
};

static const cyaml_schema_value_t string_schema = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, 255),
};

static const cyaml_schema_field_t profile_fields[] = {
	CYAML_FIELD_STRING_PTR("files", CYAML_FLAG_POINTER,
	    struct config_profile, files, 1, 1024),
	CYAML_FIELD_STRING_PTR("profile", CYAML_FLAG_POINTER,
	    struct config_profile, profile, 1, 1024),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t profile_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct config_profile,
	    profile_fields),
};

#define RULE_LIST(name, member)                                              \
	CYAML_FIELD_SEQUENCE(name, CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, \
	    struct config_rules, member, &string_schema, 0, 256)

static const cyaml_schema_field_t rules_fields[] = {
	RULE_LIST("off", off),
	RULE_LIST("note", note),
	RULE_LIST("warning", warning),
	RULE_LIST("error", error),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t config_fields[] = {
	CYAML_FIELD_SEQUENCE("profiles",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct config_yaml,
	    profiles, &profile_schema, 0, 256),
	CYAML_FIELD_MAPPING_PTR("rules",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct config_yaml,
	    rules, rules_fields),
	CYAML_FIELD_UINT("dmarc", CYAML_FLAG_OPTIONAL, struct config_yaml,
	    dmarc),
	CYAML_FIELD_ENUM("strict", CYAML_FLAG_OPTIONAL | CYAML_FLAG_STRICT,
	    struct config_yaml, strict, bool_strings,
	    CYAML_ARRAY_LEN(bool_strings)),
	CYAML_FIELD_ENUM("includes", CYAML_FLAG_OPTIONAL | CYAML_FLAG_STRICT,
	    struct config_yaml, includes, includes_strings,
	    CYAML_ARRAY_LEN(includes_strings)),
	CYAML_FIELD_UINT("include-depth", CYAML_FLAG_OPTIONAL,
	    struct config_yaml, include_depth),
	CYAML_FIELD_ENUM("origin-from-file-name",
	    CYAML_FLAG_OPTIONAL | CYAML_FLAG_STRICT, struct config_yaml,
	    origin_from_file_name, bool_strings,
	    CYAML_ARRAY_LEN(bool_strings)),
	CYAML_FIELD_SEQUENCE("origin-prefixes",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct config_yaml,
	    origin_prefixes, &string_schema, 0, 16),
	CYAML_FIELD_SEQUENCE("origin-suffixes",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct config_yaml,
	    origin_suffixes, &string_schema, 0, 16),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t config_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct config_yaml,
	    config_fields),
};

static const zg_yaml_hint_t hints[] = {
	{ "dmarc", "7489 or 9989" },
	{ "include-depth", "a whole number from 1 to 32" },
	{ "includes", "confined or any" },
	{ "strict", "true or false" },
	{ "origin-from-file-name", "true or false" },
	{ NULL, NULL },
};

struct zl_config {
	struct config_yaml *yaml;
	char *dir;                  /* the configuration's folder */
	zg_profile_t **profiles;    /* per profiles[] entry; NULL = none */
	bool *profile_none;
	int *severity;              /* per rule */
	bool file_name_origin;      /* origin-from-file-name, default true */
};

void
zl_config_free(zl_config_t *config)
{
	unsigned i;

	if (config == NULL) {
		return;
	}
	if (config->yaml != NULL && config->profiles != NULL) {
		for (i = 0; i < config->yaml->profiles_count; i++) {
			zg_profile_free(config->profiles[i]);
		}
	}
	free(config->profiles);
	free(config->profile_none);
	free(config->severity);
	free(config->dir);
	zg_yaml_free(&config_schema, config->yaml);
	free(config);
}

static bool
has_control(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f) {
			return true;
		}
	}
	return false;
}

/*
 * True when `path` resolves (symbolic links followed) inside the folder
 * tree of `dir`; a path that does not resolve is left to the load, which
 * says it cannot be opened.
 */
static bool
inside(const char *dir, const char *path)
{
	char top[PATH_MAX], real[PATH_MAX];
	size_t n;

	if (realpath(path, real) == NULL) {
		return errno == ENOENT || errno == ENOTDIR;
	}
	if (realpath(dir, top) == NULL) {
		return false;
	}
	n = strlen(top);
	return strncmp(real, top, n) == 0 && (real[n] == '/' || n == 1);
}

static zg_status_t
load_profiles(zl_config_t *c, const zg_yaml_doc_t *doc, unsigned flags,
    char *message, size_t size)
{
	struct config_yaml *y = c->yaml;
	char key[KEY_MAX];
	unsigned i;

	c->profiles = calloc(y->profiles_count + 1, sizeof(*c->profiles));
	c->profile_none = calloc(y->profiles_count + 1, sizeof(bool));
	if (c->profiles == NULL || c->profile_none == NULL) {
		return ZG_ERR_NOMEM;
	}
	for (i = 0; i < y->profiles_count; i++) {
		const char *name = y->profiles[i].profile;
		char path[PATH_MAX];
		char inner[512];
		zg_status_t st;

		snprintf(key, sizeof(key), "profiles[%u].profile", i);
		if (has_control(name)) {
			/* It would be quoted raw in the messages below. */
			char q[80];

			zg_text_quote(q, sizeof(q), name, strlen(name), 60);
			return zg_yaml_error(doc, message, size, key,
			    "profile path '%s' holds a control character", q);
		}
		if (strcmp(name, "none") == 0) {
			c->profile_none[i] = true;
			continue;
		}
		if (strcmp(name, zg_profile_builtin_name) == 0) {
			st = zg_profile_load_builtin(&c->profiles[i], inner,
			    sizeof(inner));
		} else {
			/* Relative to the configuration, like a .gitignore. */
			if ((size_t)snprintf(path, sizeof(path), "%s/%s",
				name[0] == '/' ? "" : c->dir,
				name) >= sizeof(path)) {
				return zg_yaml_error(doc, message, size, key,
				    "path too long");
			}
			if (!(flags & ZL_CONFIG_PROFILE_ANY) &&
			    !inside(c->dir, name[0] == '/' ? name : path)) {
				return zg_yaml_error(doc, message, size, key,
				    "profile '%s' is outside the "
				    "configuration's folder (only "
				    "--config-profile-any allows it)", name);
			}
			st = zg_profile_load(name[0] == '/' ? name : path,
			    NULL, 0, &c->profiles[i], inner, sizeof(inner));
		}
		/* The file may be anything (/etc/passwd, a .env file): its
		 * content is never quoted; zonegen -p FILE says why. */
		if (st == ZG_ERR_PROFILE) {
			return zg_yaml_error(doc, message, size, key,
			    "'%s' is not a valid profile (zonegen -p FILE "
			    "--print-profile says why)", name);
		}
		if (st != ZG_OK) {
			return zg_yaml_error(doc, message, size, key,
			    "profile '%s' does not load: %s", name, inner);
		}
		st = zl_profile_check(c->profiles[i], inner, sizeof(inner));
		if (st == ZG_ERR_PROFILE) {
			return zg_yaml_error(doc, message, size, key,
			    "profile '%s' is refused: the records it plans "
			    "would be a zonelint error: %s", name, inner);
		}
		if (st != ZG_OK) {
			return zg_yaml_error(doc, message, size, key, "%s",
			    inner);
		}
	}
	return ZG_OK;
}

static zg_status_t
set_rules(zl_config_t *c, const zg_yaml_doc_t *doc, char *message,
    size_t size)
{
	const struct config_rules *r = c->yaml->rules;
	const struct {
		const char *name;
		char **ids;
		unsigned count;
		int severity;
	} lists[] = {
		{ "off", r ? r->off : NULL, r ? r->off_count : 0, ZL_SEV_OFF },
		{ "note", r ? r->note : NULL, r ? r->note_count : 0,
		    ZG_SEV_NOTE },
		{ "warning", r ? r->warning : NULL, r ? r->warning_count : 0,
		    ZG_SEV_WARNING },
		{ "error", r ? r->error : NULL, r ? r->error_count : 0,
		    ZG_SEV_ERROR },
	};
	char key[KEY_MAX];
	size_t l;
	unsigned i;
	int rule;

	if ((c->severity = malloc(ZL_RULE__COUNT * sizeof(int))) == NULL) {
		return ZG_ERR_NOMEM;
	}
	for (i = 0; i < ZL_RULE__COUNT; i++) {
		c->severity[i] = ZL_SEV_DEFAULT;
	}
	for (l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		for (i = 0; i < lists[l].count; i++) {
			snprintf(key, sizeof(key), "rules.%s[%u]",
			    lists[l].name, i);
			rule = zl_rule_find(lists[l].ids[i]);
			if (rule < 0) {
				char q[80];

				zg_text_quote(q, sizeof(q), lists[l].ids[i],
				    strlen(lists[l].ids[i]), 60);
				return zg_yaml_error(doc, message, size, key,
				    "unknown rule '%s' (see zonelint "
				    "--list-rules)", q);
			}
			if (c->severity[rule] != ZL_SEV_DEFAULT) {
				return zg_yaml_error(doc, message, size, key,
				    "rule '%s' is listed twice",
				    lists[l].ids[i]);
			}
			c->severity[rule] = lists[l].severity;
		}
	}
	return ZG_OK;
}

static zg_status_t
check_values(const zl_config_t *c, const zg_yaml_doc_t *doc, char *message,
    size_t size)
{
	const struct config_yaml *y = c->yaml;
	char key[KEY_MAX];
	unsigned i;

	if (zg_yaml_line(doc, "dmarc") != 0 && y->dmarc != 7489 &&
	    y->dmarc != 9989) {
		return zg_yaml_error(doc, message, size, "dmarc",
		    "%u is not 7489 or 9989", y->dmarc);
	}
	if (y->includes == INCLUDES_ANY) {
		return zg_yaml_error(doc, message, size, "includes",
		    "'any' is refused here: the repository cannot lift the "
		    "$INCLUDE confinement (only --include-any can)");
	}
	if (zg_yaml_line(doc, "include-depth") != 0 &&
	    (y->include_depth < 1 || y->include_depth > 32)) {
		return zg_yaml_error(doc, message, size, "include-depth",
		    "%u is not from 1 to 32", y->include_depth);
	}
	for (i = 0; i < y->origin_prefixes_count; i++) {
		snprintf(key, sizeof(key), "origin-prefixes[%u]", i);
		if (strchr(y->origin_prefixes[i], '/') != NULL) {
			return zg_yaml_error(doc, message, size, key,
			    "a prefix of a file name cannot hold '/'");
		}
	}
	for (i = 0; i < y->origin_suffixes_count; i++) {
		snprintf(key, sizeof(key), "origin-suffixes[%u]", i);
		if (strchr(y->origin_suffixes[i], '/') != NULL) {
			return zg_yaml_error(doc, message, size, key,
			    "a suffix of a file name cannot hold '/'");
		}
	}
	return ZG_OK;
}

/*
 * Refuse a configuration another user could have written, as ssh's
 * StrictModes and git's safe.directory do: it must be a regular file
 * owned by the user running zonelint or by root, and writable by no one
 * else.
 */
static zg_status_t
check_owner(const char *path, char *message, size_t size)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		snprintf(message, size, "%s: cannot open: %s", path,
		    strerror(errno));
		return ZG_ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(message, size, "%s: refused: not a regular file",
		    path);
		return ZG_ERR_PROFILE;
	}
	if (st.st_uid != geteuid() && st.st_uid != 0) {
		snprintf(message, size, "%s: refused: owned by user %lu, not "
		    "by the user running zonelint (%lu) or root", path,
		    (unsigned long)st.st_uid, (unsigned long)geteuid());
		return ZG_ERR_PROFILE;
	}
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		snprintf(message, size, "%s: refused: writable by %s (chmod "
		    "go-w)", path, (st.st_mode & S_IWOTH) ? "others" : "its "
		    "group");
		return ZG_ERR_PROFILE;
	}
	return ZG_OK;
}

zg_status_t
zl_config_load(const char *path, unsigned flags, zl_config_t **out,
    char *message, size_t size)
{
	zl_config_t *c;
	zg_yaml_doc_t *doc = NULL;
	const char *slash;
	zg_status_t st;

	if ((st = check_owner(path, message, size)) != ZG_OK) {
		return st;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		return ZG_ERR_NOMEM;
	}
	st = zg_yaml_load(path, NULL, 0, CONFIG_SIZE_MAX, &config_schema,
	    hints, (void **)&c->yaml, &doc, message, size);
	if (st != ZG_OK) {
		free(c);
		return st;
	}
	slash = strrchr(path, '/');
	c->dir = slash != NULL ? strndup(path, (size_t)(slash - path))
			       : strdup(".");
	if (c->dir != NULL && c->dir[0] == '\0') {
		free(c->dir);
		c->dir = strdup("/");
	}
	if (c->dir == NULL) {
		st = ZG_ERR_NOMEM;
	}
	if (st == ZG_OK) {
		st = check_values(c, doc, message, size);
		c->file_name_origin =
		    zg_yaml_line(doc, "origin-from-file-name") == 0 ||
		    c->yaml->origin_from_file_name != 0;
	}
	if (st == ZG_OK) {
		st = set_rules(c, doc, message, size);
	}
	if (st == ZG_OK) {
		st = load_profiles(c, doc, flags, message, size);
	}
	zg_yaml_doc_free(doc);
	if (st != ZG_OK) {
		if (st == ZG_ERR_NOMEM) {
			snprintf(message, size, "%s: out of memory", path);
		}
		zl_config_free(c);
		return st;
	}
	*out = c;
	return ZG_OK;
}

zg_status_t
zl_config_find(char *path, size_t size)
{
	char dir[PATH_MAX];
	char *slash;

	if (getcwd(dir, sizeof(dir)) == NULL) {
		return ZG_ERR_IO;
	}
	for (;;) {
		const char *top = strcmp(dir, "/") == 0 ? "" : dir;
		char git[PATH_MAX + 8];
		struct stat st;

		if ((size_t)snprintf(path, size, "%s/.zonelint.yaml", top) <
			size &&
		    access(path, F_OK) == 0) {
			return ZG_OK;
		}
		/* The repository's root (.git, a folder or a worktree's
		 * file) ends the search: a file above it is someone
		 * else's. */
		snprintf(git, sizeof(git), "%s/.git", top);
		slash = strrchr(dir, '/');
		if (lstat(git, &st) == 0 || slash == NULL ||
		    strcmp(dir, "/") == 0) {
			return ZG_ERR_IO;
		}
		*(slash == dir ? slash + 1 : slash) = '\0';
	}
}

/*
 * realpath() of a file that need not exist (--stdin-filename names one
 * that is never opened): its folder's real path and its own name.
 */
static bool
real_file_path(const char *file, char *real)
{
	char folder[PATH_MAX];
	const char *slash = strrchr(file, '/');
	size_t n = slash != NULL ? (size_t)(slash - file) : 0;

	if (realpath(file, real) != NULL) {
		return true;
	}
	if (slash == NULL) {
		snprintf(folder, sizeof(folder), ".");
	} else if (n >= sizeof(folder)) {
		return false;
	} else {
		memcpy(folder, file, n == 0 ? 1 : n); /* "/name": "/" */
		folder[n == 0 ? 1 : n] = '\0';
	}
	slash = slash != NULL ? slash + 1 : file;
	if (*slash == '\0' || strcmp(slash, ".") == 0 ||
	    strcmp(slash, "..") == 0 || realpath(folder, real) == NULL) {
		return false;
	}
	n = strlen(real);
	return (size_t)snprintf(real + n, PATH_MAX - n, "%s%s",
	    real[n - 1] == '/' ? "" : "/", slash) < PATH_MAX - n;
}

/*
 * The path of `file` relative to the configuration's folder, when it is
 * inside it; else the path as given.  Symbolic links are resolved on
 * both sides, so "zones/../zones/a.zone" and "./zones/a.zone" both
 * become "zones/a.zone".
 */
static const char *
relative_path(const zl_config_t *c, const char *file, char *buf,
    size_t size)
{
	char dir[PATH_MAX], real[PATH_MAX];
	size_t n;

	if (realpath(c->dir, dir) == NULL || !real_file_path(file, real)) {
		return file;
	}
	n = strlen(dir);
	if (strncmp(real, dir, n) != 0 || (real[n] != '/' && n != 1)) {
		return file;
	}
	snprintf(buf, size, "%s", real + (n == 1 ? 1 : n + 1));
	return buf;
}

bool
zl_config_profile(const zl_config_t *c, const char *file,
    const zg_profile_t **profile)
{
	char buf[PATH_MAX];
	const char *rel;
	const char *base;
	unsigned i;

	if (c == NULL || strcmp(file, "-") == 0) {
		return false;
	}
	rel = relative_path(c, file, buf, sizeof(buf));
	base = strrchr(rel, '/');
	base = base != NULL ? base + 1 : rel;
	for (i = 0; i < c->yaml->profiles_count; i++) {
		const char *glob = c->yaml->profiles[i].files;

		/* A pattern without '/' matches the base name, as in a
		 * .gitignore; '*' matches across '/'. */
		if (fnmatch(glob, strchr(glob, '/') ? rel : base, 0) == 0) {
			*profile = c->profile_none[i] ? NULL : c->profiles[i];
			return true;
		}
	}
	return false;
}

void
zl_config_apply(const zl_config_t *c, zl_options_t *options, bool *strict)
{
	const struct config_yaml *y = c->yaml;
	size_t i;

	for (i = 0; i < ZL_RULE__COUNT; i++) {
		if (c->severity[i] != ZL_SEV_DEFAULT &&
		    options->severity[i] == ZL_SEV_DEFAULT) {
			options->severity[i] = c->severity[i];
		}
	}
	if (y->dmarc != 0 && options->dmarc_rfc == 0) {
		options->dmarc_rfc = (zg_dmarc_rfc_t)y->dmarc;
	}
	*strict = *strict || y->strict;
	if (options->include_depth == 0) {
		options->include_depth = y->include_depth;
	}
	if (!c->file_name_origin) {
		options->no_file_name_origin = true;
	}
	if (y->origin_prefixes != NULL) {
		options->origin_prefixes =
		    (const char *const *)y->origin_prefixes;
		options->origin_prefixes_count = y->origin_prefixes_count;
	}
	if (y->origin_suffixes != NULL) {
		options->origin_suffixes =
		    (const char *const *)y->origin_suffixes;
		options->origin_suffixes_count = y->origin_suffixes_count;
	}
}
