/* yaml.h: strict YAML loading on libcyaml, with FILE:LINE messages. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Shared by the provider profile loader (zonegen/profile.c) and zonelint's
 * configuration loader (lint/config.c): both declare a libcyaml schema and
 * let this layer load it, turn libcyaml's log into one "FILE:LINE:
 * message" line, and find the line of any key for the checks they make
 * after loading.  This header exposes libcyaml's schema types; zonegen.h
 * does not.
 */
#ifndef ZONEGEN_YAML_H
#define ZONEGEN_YAML_H

#include <stddef.h>

#include <cyaml/cyaml.h>

#include "zonegen/zonegen.h"

/* What a field takes, for messages about a value of the wrong kind. */
typedef struct zg_yaml_hint {
	const char *field; /* the mapping key, e.g. "priority" */
	const char *takes; /* e.g. "a whole number from 0 to 65535" */
} zg_yaml_hint_t;

/* The key paths and lines of a loaded document ("mx[1].host" -> 9). */
typedef struct zg_yaml_doc zg_yaml_doc_t;

/*
 * Load `text` (length `len`; or, when NULL, the file at `path`, at most
 * `size_max` bytes) with `schema`.  `hints` ends with a NULL field (or is
 * NULL).  On ZG_OK, `*out` holds the data (free with zg_yaml_free and the
 * same schema) and `*doc` the positions (zg_yaml_doc_free).  On failure
 * both are untouched and `message` holds one "PATH:LINE: text" line.
 */
zg_status_t zg_yaml_load(const char *path, const char *text, size_t len,
    size_t size_max, const cyaml_schema_value_t *schema,
    const zg_yaml_hint_t *hints, void **out, zg_yaml_doc_t **doc,
    char *message, size_t size);

/* The line of key path `key` ("rules.off[0]"), or 0 when it is absent. */
unsigned zg_yaml_line(const zg_yaml_doc_t *doc, const char *key);

/*
 * Write "PATH:LINE: KEY: text" into `message` for a value that the checks
 * after loading refuse; returns ZG_ERR_PROFILE.
 */
zg_status_t zg_yaml_error(const zg_yaml_doc_t *doc, char *message,
    size_t size, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Free positions; NULL does nothing. */
void zg_yaml_doc_free(zg_yaml_doc_t *doc);

/* Free loaded data with the schema it was loaded with; NULL does nothing. */
void zg_yaml_free(const cyaml_schema_value_t *schema, void *data);

#endif /* ZONEGEN_YAML_H */
