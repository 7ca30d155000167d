/* test_origin.c: unit tests for the origin owner names give (lint/origin.c). */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Each case is a list of owner names as written, and what zl_owners_origin
 * must make of them: an origin and its source, or none (with a reason
 * when the names are all absolute).  Every case is run in both orders of
 * its names, since the common name shrinks as names come.
 */

#include <stdlib.h>
#include <string.h>

#include "lint/internal.h"
#include "lint/origin.h"
#include "tests/unit/unit.h"

struct origin_case {
	const char *what;
	const char *file_name;   /* the file name's origin, or NULL */
	const char *names[8];    /* owners; "$" a directive that needs an
				  * origin; NULL ends */
	const char *want;        /* origin text, or NULL */
	const char *source;      /* "file name", "owner names" or NULL */
	bool why;                /* a reason is given */
};

static const struct origin_case cases[] = {
	{ "zonegen's snippet", NULL,
	    { "autoconfig.example.com.", "pop.example.com.",
		"imap.example.com.", "smtp.example.com.", "example.com.",
		"_dmarc.example.com.", NULL },
	    "example.com.", "owner names", false },
	{ "with SRV records", NULL,
	    { "_imaps._tcp.example.com.", "_submission._tcp.example.com.",
		"example.com.", NULL },
	    "example.com.", "owner names", false },
	{ "the apex written last, other case", NULL,
	    { "a.b.Example.COM.", "c.example.com.", "EXAMPLE.com.", NULL },
	    "example.com.", "owner names", false },
	{ "underscore names only", NULL,
	    { "_dmarc.example.com.", "_mta-sts.example.com.", NULL },
	    "example.com.", "owner names", false },
	{ "two domains", NULL,
	    { "example.com.", "_dmarc.example.com.", "example.org.",
		"_dmarc.example.org.", NULL },
	    NULL, NULL, true },
	{ "two domains under one public suffix", NULL,
	    { "a.example.co.uk.", "b.other.co.uk.", NULL },
	    NULL, NULL, true },
	{ "the common name has no records", NULL,
	    { "imap.example.com.", "smtp.example.com.", NULL },
	    NULL, NULL, true },
	{ "a subdomain's names", NULL,
	    { "mail.sub.example.com.", "sub.example.com.", NULL },
	    "sub.example.com.", "owner names", false },
	{ "the root alone", NULL, { ".", NULL }, NULL, NULL, true },
	{ "a relative name", NULL,
	    { "example.com.", "www", NULL }, NULL, NULL, false },
	{ "@", NULL, { "@", "example.com.", NULL }, NULL, NULL, false },
	{ "an escaped final dot is relative", NULL,
	    { "example.com.", "www\\.", NULL }, NULL, NULL, false },
	{ "an escaped backslash before the dot", NULL,
	    { "example.com.", "w\\\\.example.com.", NULL },
	    "example.com.", "owner names", false },
	{ "$INCLUDE or $GENERATE", NULL,
	    { "example.com.", "$", NULL }, NULL, NULL, false },
	{ "no owner", NULL, { NULL }, NULL, NULL, false },
	{ "no owner: the file name", "example.net.", { NULL },
	    "example.net.", "file name", false },
	{ "relative names: the file name", "example.net.",
	    { "www", "@", NULL }, "example.net.", "file name", false },
	{ "the file name above the names", "example.com.",
	    { "www.example.com.", "mail.example.com.", NULL },
	    "example.com.", "file name", false },
	{ "the file name above one domain of two", "example.com.",
	    { "example.com.", "example.org.", NULL },
	    "example.com.", "file name", false },
	{ "a file name above none: the names' domain", "snippet.txt.",
	    { "example.com.", "_dmarc.example.com.", NULL },
	    "example.com.", "owner names", false },
	{ "a file name above none, two domains", "snippet.txt.",
	    { "example.com.", "example.org.", NULL }, NULL, NULL, true },
};

static void
run(const struct origin_case *c, bool reversed)
{
	struct zl_owners o;
	ldns_rdf *named = c->file_name != NULL
	    ? ldns_dname_new_frm_str(c->file_name)
	    : NULL;
	ldns_rdf *got;
	const char *source = "unset";
	char why[512];
	char *text;
	size_t n = 0, i;

	while (c->names[n] != NULL) {
		n++;
	}
	zl_owners_start(&o, named);
	for (i = 0; i < n; i++) {
		const char *s = c->names[reversed ? n - 1 - i : i];

		if (strcmp(s, "$") == 0) {
			zl_owners_relative(&o);
		} else {
			zl_owners_add(&o, s, strlen(s));
		}
	}
	got = zl_owners_origin(&o, named, &source, why, sizeof(why));
	text = got != NULL ? ldns_rdf2str(got) : NULL;
	if (c->want != NULL) {
		UNIT_STREQ(text, c->want, "origin %s%s", c->what,
		    reversed ? " (reversed)" : "");
	} else {
		UNIT_CHECK(got == NULL, "no origin %s%s (got %s)", c->what,
		    reversed ? " (reversed)" : "", text ? text : "none");
	}
	UNIT_CHECK((source == NULL && c->source == NULL) ||
		(source != NULL && c->source != NULL &&
		    strcmp(source, c->source) == 0),
	    "source %s%s (%s)", c->what, reversed ? " (reversed)" : "",
	    source != NULL ? source : "none");
	UNIT_CHECK((why[0] != '\0') == c->why, "reason %s%s: \"%s\"", c->what,
	    reversed ? " (reversed)" : "", why);
	free(text);
	ldns_rdf_deep_free(got);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run(&cases[i], false);
		run(&cases[i], true);
	}
	return unit_summary();
}
