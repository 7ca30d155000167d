/* profile.c: load, validate, print and free provider profiles (libcyaml). */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The schema of a provider profile and the checks libcyaml cannot make
 * (host names, SPF and DMARC texts, duplicates); loading itself, and the
 * FILE:LINE messages, are the YAML layer's (yaml.c).
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zonegen/internal.h"
#include "zonegen/yaml.h"

/* Profiles are a few hundred bytes; refuse anything absurd. */
#define PROFILE_SIZE_MAX (1024 * 1024)
#define KEY_MAX 96

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
	CYAML_FIELD_STRING_PTR("dmarc_report_zone",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, zg_profile_t,
	    dmarc_report_zone, 1, ZG_NAME_MAX + 1),
	CYAML_FIELD_SEQUENCE("services",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, zg_profile_t, services,
	    &service_schema, 0, 64),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t profile_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, zg_profile_t, profile_fields),
};

/* ---- checks made after the load -------------------------------------- */

struct check {
	const zg_yaml_doc_t *doc;
	char *message;
	size_t size;
};

#define fail(c, key, ...) zg_yaml_error((c)->doc, (c)->message, (c)->size, \
    (key), __VA_ARGS__)

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

/* check_report_zone's state: the zone, and the first host outside it. */
struct report_zone {
	const char *zone;
	unsigned hosts;
	char outside[ZG_NAME_MAX + 2];
	char bad[ZG_NAME_MAX + 2];
};

static bool
report_host(const char *tag, const char *uri, size_t len, const char *host,
    void *arg)
{
	struct report_zone *rz = arg;

	(void)tag;
	(void)uri;
	(void)len;
	rz->hosts++;
	if (zg_name_check(host, false, false) != NULL) {
		snprintf(rz->bad, sizeof(rz->bad), "%s", host);
		return false;
	}
	if (!zg_name_within(host, rz->zone)) {
		snprintf(rz->outside, sizeof(rz->outside), "%s", host);
		return false;
	}
	return true;
}

/*
 * dmarc_report_zone: the zone that holds the authorisation records of the
 * rua= and ruf= hosts (RFC 7489 7.1), so every such host must lie in it,
 * and there must be one.
 */
static zg_status_t
check_report_zone(struct check *c, const zg_profile_t *p)
{
	static const char key[] = "dmarc_report_zone";
	struct report_zone rz = { p->dmarc_report_zone, 0, "", "" };
	zg_problems_t problems = { 0 };
	zg_dmarc_t *d = NULL;
	zg_status_t st;
	char quoted[80];

	if ((st = check_host(c, key, p->dmarc_report_zone)) != ZG_OK) {
		return st;
	}
	if (p->dmarc == NULL) {
		return fail(c, key, "needs a dmarc record whose rua= or ruf= "
		    "addresses it authorises");
	}
	st = zg_dmarc_parse(p->dmarc, strlen(p->dmarc), ZG_DMARC_RFC9989, &d,
	    &problems);
	zg_problems_free(&problems);
	if (st != ZG_OK) {
		return st;
	}
	zg_dmarc_report_hosts(d, report_host, &rz);
	zg_dmarc_free(d);
	if (rz.bad[0] != '\0') {
		zg_text_quote(quoted, sizeof(quoted), rz.bad, strlen(rz.bad),
		    60);
		return fail(c, "dmarc", "report address host '%s' is not a "
		    "host name", quoted);
	}
	if (rz.outside[0] != '\0') {
		return fail(c, key, "the dmarc report address host %s is not "
		    "in %s: its authorisation record (RFC 7489 7.1) belongs "
		    "to another zone", rz.outside, p->dmarc_report_zone);
	}
	if (rz.hosts == 0) {
		return fail(c, key, "the dmarc record has no mailto: address "
		    "in rua= or ruf= to authorise");
	}
	return ZG_OK;
}

static zg_status_t
profile_check(struct check *c, zg_profile_t *p)
{
	char key[KEY_MAX];
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
	if (p->dmarc_report_zone != NULL &&
	    (st = check_report_zone(c, p)) != ZG_OK) {
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
		if (zg_yaml_line(c->doc, key) == 0) {
			svc->weight = 1;
		}
	}
	return ZG_OK;
}

static const zg_yaml_hint_t hints[] = {
	{ "ttl", "a whole number from 0 to 2147483647" },
	{ "priority", "a whole number from 0 to 65535" },
	{ "weight", "a whole number from 0 to 65535" },
	{ "port", "a whole number from 1 to 65535" },
	{ "protocol", "one of imap, pop3, submission, smtp" },
	{ "security", "one of none, starttls, tls" },
	{ NULL, NULL },
};

zg_status_t
zg_profile_load(const char *path, const char *text, size_t len,
    zg_profile_t **out, char *message, size_t message_size)
{
	zg_profile_t *profile = NULL;
	zg_yaml_doc_t *doc = NULL;
	struct check c;
	zg_status_t st;

	st = zg_yaml_load(path, text, len, PROFILE_SIZE_MAX, &profile_schema,
	    hints, (void **)&profile, &doc, message, message_size);
	if (st != ZG_OK) {
		return st;
	}
	c.doc = doc;
	c.message = message;
	c.size = message_size;
	st = profile_check(&c, profile);
	zg_yaml_doc_free(doc);
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
	zg_yaml_free(&profile_schema, profile);
}

/* ---- print ------------------------------------------------------------ */

/*
 * A code point written as \uXXXX inside a double-quoted scalar: those YAML
 * does not read back as they are (the C1 controls and U+FFFE, U+FFFF are
 * not printable, YAML 1.1 5.1; NEL, LS and PS are line breaks, folded into
 * a space), and those no output of the project shows (zg_hidden: the
 * bidirectional formatting characters too).
 */
static bool
yaml_escape(unsigned cp)
{
	return zg_hidden(cp) || cp == 0xfffe || cp == 0xffff;
}

/*
 * A YAML double-quoted scalar that loads as `s` again: control characters
 * and the code points above escaped, other UTF-8 as it is.
 */
static void
print_quoted(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', fp);
	while (*p != '\0') {
		unsigned char c = *p;
		size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		unsigned cp = n == 1 ? c : c & (0x7fu >> n);
		size_t i;

		for (i = 1; i < n && (p[i] & 0xc0) == 0x80; i++) {
			cp = (cp << 6) | (p[i] & 0x3fu);
		}
		if (c == '"' || c == '\\') {
			fprintf(fp, "\\%c", c);
		} else if (c < 0x20 || c == 0x7f || i < n || c >= 0xf8 ||
		    (c >= 0x80 && c < 0xc0)) {
			/* YAML reads \xHH as U+00HH; bytes that are not
			 * UTF-8 never come from libyaml anyway. */
			fprintf(fp, "\\x%02x", c);
			n = 1;
		} else if (yaml_escape(cp)) {
			fprintf(fp, "\\u%04x", cp);
		} else {
			fwrite(p, 1, n, fp);
		}
		p += n;
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
	if (p->dmarc_report_zone != NULL) {
		fputs("dmarc_report_zone: ", fp);
		print_quoted(fp, p->dmarc_report_zone);
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
