/* fix.c: the fewest changes that bring a zone to the provider's profile. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Prints the changes of the discrepancies that mail_diff.c found between
 * what the linter kept of one zone and zonegen's plan for its origin (the
 * same ones the checks report): the records to delete and the records to
 * add, written as one nsupdate message (all deletions first, so that a CNAME can
 * replace the records it must stand alone from, RFC 2136 3.4.2.2) or as a
 * list of lines to remove and a snippet of records to add.
 *
 * Nothing that is not wrong is lost: records are deleted one by one by
 * their current data, never as whole RRsets (a TXT RRset at the apex holds
 * verification records beside SPF); an SPF record that lacks the
 * provider's mechanisms is rewritten keeping every other sender's terms
 * and its own "all"; a DMARC record at the apex is moved to _dmarc with
 * its own policy.  Records added to an RRset that keeps other records take
 * that RRset's TTL (an RRset has one TTL, RFC 2181 5.2), so that the kept
 * records come out unchanged.
 */

#include <stdlib.h>
#include <string.h>

#include "lint/internal.h"
#include "lint/rdata.h"
#include "lint/read.h"

/*
 * ldns's text of a record's data with every byte outside printable ASCII
 * made \DDD (the same data in zone and nsupdate syntax, in a quoted string
 * or a name alike), in a new string; NULL when ldns does not print it, or
 * when the text does not read back, by zonelint's own reader, as the very
 * same octets (ldns 1.8.3 prints some data it cannot print, such as an APL
 * item of an unknown address family, as prose).
 */
static char *
checked_text(uint16_t type, const ldns_rr *rr, const uint8_t *rdata,
    size_t rdlen)
{
	static const uint8_t root[1] = { 0 };
	char *text = NULL, why[256];
	size_t len = 0, i, n = 0;
	zl_token_t tok[512];
	uint8_t *wire;
	size_t wlen = 0;
	bool ok = false;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL) {
		return NULL;
	}
	for (i = 0; rr != NULL && i < ldns_rr_rd_count(rr); i++) {
		char *f = ldns_rdf2str(ldns_rr_rdf(rr, i));
		const unsigned char *c;

		if (f == NULL) {
			rr = NULL;
			break;
		}
		if (i > 0) {
			fputc(' ', fp);
		}
		for (c = (const unsigned char *)f; *c != '\0'; c++) {
			if (*c < 0x20 || *c >= 0x7f) {
				fprintf(fp, "\\%03u", *c);
			} else {
				fputc(*c, fp);
			}
		}
		free(f);
	}
	if (fclose(fp) != 0 || rr == NULL || ldns_rr_rd_count(rr) == 0 ||
	    (wire = malloc(ZL_RDATA_MAX)) == NULL) {
		free(text);
		return NULL;
	}
	/* Its words and quoted strings, as the lexer splits them. */
	for (i = 0; i < len && n < sizeof(tok) / sizeof(tok[0]);) {
		size_t start = i;

		if (text[i] == ' ') {
			i++;
			continue;
		}
		if (text[i] == '"') {
			for (i++; i < len && text[i] != '"'; i++) {
				i += text[i] == '\\';
			}
			i++;
		} else {
			while (i < len && text[i] != ' ') {
				i++;
			}
		}
		tok[n].off = start;
		tok[n].len = (i < len ? i : len) - start;
		tok[n].line = 1;
		tok[n++].quoted = text[start] == '"';
	}
	if (i >= len && zl_rdata_read(type, text, tok, n, root, sizeof(root),
	    wire, &wlen, why, sizeof(why))) {
		ok = wlen == rdlen && memcmp(wire, rdata, rdlen) == 0;
	}
	free(wire);
	if (!ok) {
		free(text);
		return NULL;
	}
	return text;
}

/*
 * A kept record's data as the zone file would show it, from its wire form
 * (ldns prints each field, checked by checked_text); in RFC 3597 form
 * ("\\# LENGTH HEX") when that text does not hold, which nsupdate and BIND
 * read the same.
 */
static void
write_rdata(FILE *fp, const struct zone *zone, const struct kept *k)
{
	uint8_t owner[ZL_WIRE_MAX];
	size_t olen = zl_names_wire(&zone->names, k->owner_id, owner), i;
	ldns_rr *rr = zl_rr_from_wire(owner, olen, k->type, LDNS_RR_CLASS_IN,
	    k->ttl, k->rdata, k->rdlen);
	char *text = checked_text(k->type, rr, k->rdata, k->rdlen);

	ldns_rr_free(rr);
	if (text != NULL) {
		fputs(text, fp);
		free(text);
		return;
	}
	fprintf(fp, "\\# %zu", k->rdlen);
	if (k->rdlen > 0) {
		fputc(' ', fp);
	}
	for (i = 0; i < k->rdlen; i++) {
		fprintf(fp, "%02X", (unsigned)k->rdata[i]);
	}
}

static void
write_type(FILE *fp, uint16_t type)
{
	char *t = ldns_rr_type2str((ldns_rr_type)type);

	fputs(t ? t : "TYPE0", fp);
	free(t);
}

static void
write_add_data(FILE *fp, const struct zone *zone, const struct zl_change *c)
{
	if (c->copy_of != NULL) {
		write_rdata(fp, zone, c->copy_of);
	} else if (c->type == LDNS_RR_TYPE_TXT) {
		zg_txt_write_quoted(fp, c->data);
	} else {
		fputs(c->data, fp);
	}
}

/*
 * A file name in a comment: its display form (zg_display), one line that
 * no byte of the name can end, so that nothing of it is read as a command
 * or a record.
 */
static void
write_path(FILE *fp, const char *path)
{
	char *d = zg_display(path, true);

	fputs(d != NULL ? d : "(out of memory)", fp);
	free(d);
}

/*
 * The discrepancies no change mends (a record that does not parse, which
 * a rewrite would lose a part of): said in comments, each one line, so
 * that whoever applies the fix knows what is left to do by hand.
 */
static void
write_unfixed(FILE *fp, const struct zl_diff *d)
{
	const zl_rule_t *table;
	size_t count, i;

	table = zl_rules(&count);
	for (i = 0; i < d->count; i++) {
		const struct zl_disc *x = &d->items[i];
		char *m;

		if (x->rule < 0 || x->count > 0) {
			continue;
		}
		m = zg_display(x->message, false);
		fputs("; not changed (", fp);
		fputs(table[x->rule].id, fp);
		if (x->at != NULL) {
			fputs(", ", fp);
			write_path(fp, x->at->file);
			fprintf(fp, ":%u", x->at->line);
		}
		fprintf(fp, "): %s\n", m != NULL ? m : "(out of memory)");
		free(m);
	}
}

/* Kept records in file order: the order of the kept array. */
static int
kept_order(const void *a, const void *b)
{
	const struct kept *x = *(const struct kept *const *)a;
	const struct kept *y = *(const struct kept *const *)b;

	return x < y ? -1 : x > y;
}

zg_status_t
zl_fix_write(struct zone *zone, FILE *fp)
{
	const zl_options_t *o = zone->options;
	const struct zl_diff *d = zl_mail_diff(zone);
	const struct kept **del;
	size_t i, ndel = 0;

	fprintf(fp, "; zonelint --fix=%s: ",
	    o->fix == ZL_FIX_ZONE ? "zone" : "nsupdate");
	write_path(fp, zone->path);
	fprintf(fp, " (origin %s, profile %s)\n",
	    zone->origin ? zone->origin : "unknown",
	    o->profile ? o->profile->name : "none");
	if (d == NULL || d->null_mx) {
		fputs("; nothing to change: no profile, no origin, or a null MX "
		      "(the domain takes no mail)\n", fp);
		return ferror(fp) ? ZG_ERR_IO : ZG_OK;
	}
	/* Deletions in file order, whichever discrepancy asked. */
	if ((del = calloc(d->nchanges + 1, sizeof(*del))) == NULL) {
		return ZG_ERR_NOMEM;
	}
	for (i = 0; i < d->nchanges; i++) {
		if (d->changes[i].del != NULL) {
			del[ndel++] = d->changes[i].del;
		}
	}
	qsort(del, ndel, sizeof(*del), kept_order);
	write_unfixed(fp, d);
	if (d->nchanges == 0) {
		fputs("; nothing to change\n", fp);
	} else if (o->fix == ZL_FIX_NSUPDATE) {
		fprintf(fp, "zone %s\n", zone->origin);
		for (i = 0; i < ndel; i++) {
			const struct kept *k = del[i];

			fputs("; ", fp);
			write_path(fp, k->file);
			fprintf(fp, ":%u\nupdate delete %s IN ", k->line,
			    k->owner);
			write_type(fp, k->type);
			fputc(' ', fp);
			write_rdata(fp, zone, k);
			fputc('\n', fp);
		}
		for (i = 0; i < d->nchanges; i++) {
			const struct zl_change *c = &d->changes[i];

			if (c->del != NULL) {
				continue;
			}
			fprintf(fp, "update add %s %u IN ", c->owner,
			    (unsigned)c->ttl);
			write_type(fp, c->type);
			fputc(' ', fp);
			write_add_data(fp, zone, c);
			fputc('\n', fp);
		}
		fputs("send\n", fp);
	} else {
		fputs("; remove these records:\n", fp);
		for (i = 0; i < ndel; i++) {
			const struct kept *k = del[i];

			fputs(";   ", fp);
			write_path(fp, k->file);
			fprintf(fp, ":%u: %s %u IN ", k->line, k->owner,
			    (unsigned)k->ttl);
			write_type(fp, k->type);
			fputc(' ', fp);
			write_rdata(fp, zone, k);
			fputc('\n', fp);
		}
		fputs("; and add these records:\n", fp);
		for (i = 0; i < d->nchanges; i++) {
			const struct zl_change *c = &d->changes[i];

			if (c->del != NULL) {
				continue;
			}
			fprintf(fp, "%s\t%u\tIN\t", c->owner, (unsigned)c->ttl);
			write_type(fp, c->type);
			fputc('\t', fp);
			write_add_data(fp, zone, c);
			fputc('\n', fp);
		}
	}
	free(del);
	return ferror(fp) ? ZG_ERR_IO : ZG_OK;
}
