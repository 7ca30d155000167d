/* dns.c: questions to the DNS for the live checks, with a budget and a cache. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Each question (a name and a type) is asked once per run: its answer is
 * kept and given again.  The answer is what the resolver (--resolver, or
 * the system's /etc/resolv.conf) says, through ldns: a timeout and two
 * retries, TCP when the answer is truncated.  It is one of
 *
 *   ZL_DNS_ANSWER   records of the type at the name (after the CNAMEs the
 *                   resolver followed), in the answer section
 *   ZL_DNS_NODATA   the name exists, without records of the type
 *   ZL_DNS_NXDOMAIN the name does not exist
 *   ZL_DNS_FAIL     no answer: a timeout, SERVFAIL, REFUSED, garbage
 *   ZL_DNS_BUDGET   not asked: the budget of questions is spent
 *
 * With a cache file, every answer is written to it with its records and
 * their TTLs (zl_dns_save), and a later run that reads the file gives the
 * same answers without asking, whatever their TTLs say: a CI run can be
 * repeated offline, to the byte.  Questions the file does not hold are
 * asked and added.  The file is text:
 *
 *   ;; zonelint DNS cache
 *   ? NAME TYPE STATUS COUNT
 *   OWNER TTL TYPECODE HEX   (COUNT records: the data in hexadecimal,
 *                             so that any record reads back)
 *
 * A question that fails is never an empty answer: callers say that it
 * failed, never that the record is missing.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "lint/internal.h"

struct entry {
	char *name;          /* canonical text, trailing dot */
	uint16_t type;
	zl_dns_status_t status;
	ldns_rr_list *answer; /* NULL unless ZL_DNS_ANSWER */
	bool asked;          /* asked in this run (not from the file) */
};

struct zl_dns {
	ldns_resolver *res;  /* NULL until the first question asked */
	char *resolver;      /* --resolver, or NULL for the system's */
	unsigned timeout;
	struct entry *e;
	size_t count;
	size_t cap;
	struct zl_set set;   /* entries by name and type */
	unsigned asked;      /* questions sent since zl_dns_budget */
	unsigned budget;     /* 0: none */
	char *cache;         /* the cache file, or NULL */
	bool dirty;          /* answers the file does not hold yet */
	time_t deadline;     /* no question sent after it (0: none) */
	char err[256];       /* why there is no resolver */
};

static const char *const status_names[] = {
	[ZL_DNS_ANSWER] = "ANSWER", [ZL_DNS_NODATA] = "NODATA",
	[ZL_DNS_NXDOMAIN] = "NXDOMAIN", [ZL_DNS_FAIL] = "FAIL",
	[ZL_DNS_BUDGET] = "BUDGET",
};

const char *
zl_dns_status_name(zl_dns_status_t s)
{
	return (unsigned)s < sizeof(status_names) / sizeof(status_names[0])
	    ? status_names[s]
	    : "?";
}

static uint64_t
entry_hash(const char *name, uint16_t type)
{
	return zl_hash_bytes(name, strlen(name)) ^ zl_exact_key(type);
}

static bool
entry_eq(const void *ctx, uint32_t a, uint32_t b)
{
	const struct zl_dns *d = ctx;

	return d->e[a].type == d->e[b].type &&
	    strcmp(d->e[a].name, d->e[b].name) == 0;
}

/* The entry of name and type, or -1. */
static long
entry_find(struct zl_dns *d, const char *name, uint16_t type)
{
	uint32_t found;

	/* The probe is the next free entry, filled in for the compare. */
	if (!zl_grow((void **)&d->e, &d->cap, d->count + 1, sizeof(*d->e))) {
		return -1;
	}
	d->e[d->count].name = (char *)name;
	d->e[d->count].type = type;
	if (zl_set_find(&d->set, entry_hash(name, type), (uint32_t)d->count,
	    entry_eq, d, &found)) {
		return (long)found;
	}
	return -1;
}

/* A new entry (name copied); its index, or -1 when out of memory. */
static long
entry_add(struct zl_dns *d, const char *name, uint16_t type,
    zl_dns_status_t st, ldns_rr_list *answer, bool asked)
{
	uint32_t found;
	struct entry *e;

	if (!zl_grow((void **)&d->e, &d->cap, d->count + 1, sizeof(*d->e))) {
		return -1;
	}
	e = &d->e[d->count];
	if ((e->name = strdup(name)) == NULL) {
		return -1;
	}
	e->type = type;
	e->status = st;
	e->answer = answer;
	e->asked = asked;
	if (zl_set_add(&d->set, entry_hash(name, type), (uint32_t)d->count,
	    entry_eq, d, &found) != 0) {
		free(e->name);
		return -1; /* (a second answer to one question: the first) */
	}
	return (long)d->count++;
}

/* ---- the cache file --------------------------------------------------- */

/* A line of the cache file, at most 1 MiB (a record of 64 KiB of TXT
 * written with \DDD escapes takes up to 256 KiB); NULL at the end or
 * past that. */
static char *
next_line(FILE *fp, char **buf, size_t *cap, bool *toolong)
{
	ssize_t n = getline(buf, cap, fp);

	*toolong = n > 1024 * 1024;
	return n < 0 || *toolong ? NULL : *buf;
}

/* A record as a line of the cache: OWNER TTL TYPECODE HEX. */
static void
record_to_line(FILE *fp, const ldns_rr *rr)
{
	uint8_t *data = NULL;
	size_t cap = 0, len = 0, i;
	char *owner = ldns_rdf2str(ldns_rr_owner(rr));

	if (owner == NULL || !zl_rr_rdata_wire(rr, &data, &cap, &len)) {
		free(owner);
		free(data);
		return;
	}
	fprintf(fp, "%s %u %u ", owner, (unsigned)ldns_rr_ttl(rr),
	    (unsigned)ldns_rr_get_type(rr));
	for (i = 0; i < len; i++) {
		fprintf(fp, "%02x", data[i]);
	}
	fputs(len == 0 ? "-\n" : "\n", fp);
	free(owner);
	free(data);
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0'
	    : c >= 'a' && c <= 'f' ? c - 'a' + 10
	    : c >= 'A' && c <= 'F' ? c - 'A' + 10
				   : -1;
}

/* The record of a cache line, or NULL. */
static ldns_rr *
record_from_line(const char *line)
{
	char owner[1100];
	unsigned ttl, type;
	int at = 0;
	const char *hex;
	uint8_t *data;
	size_t n, i;
	ldns_rdf *o;
	ldns_rr *rr;

	if (sscanf(line, "%1099s %u %u %n", owner, &ttl, &type, &at) != 3 ||
	    at == 0 || type == 0 || type > 65535) {
		return NULL;
	}
	hex = line + at;
	n = strcspn(hex, "\n");
	if (n == 1 && hex[0] == '-') {
		n = 0;
	}
	if (n % 2 != 0 || n / 2 > 65535 ||
	    (o = ldns_dname_new_frm_str(owner)) == NULL) {
		return NULL;
	}
	if ((data = malloc(n / 2 + 1)) == NULL) {
		ldns_rdf_deep_free(o);
		return NULL;
	}
	for (i = 0; i < n / 2; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			free(data);
			ldns_rdf_deep_free(o);
			return NULL;
		}
		data[i] = (uint8_t)(hi << 4 | lo);
	}
	rr = zl_rr_from_wire(ldns_rdf_data(o), ldns_rdf_size(o),
	    (uint16_t)type, LDNS_RR_CLASS_IN, ttl, data, n / 2);
	free(data);
	ldns_rdf_deep_free(o);
	return rr;
}

static int
load(struct zl_dns *d, FILE *fp, char *err, size_t errlen)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	bool toolong = false;

	while (next_line(fp, &line, &cap, &toolong) != NULL) {
		char name[1100], type[32], status[16];
		unsigned count, i;
		ldns_rr_list *list = NULL;
		ldns_rr_type t;
		zl_dns_status_t st;

		lineno++;
		if (line[0] == ';' || line[0] == '\n') {
			continue;
		}
		if (sscanf(line, "? %1099s %31s %15s %u", name, type, status,
		    &count) != 4 || (t = ldns_get_rr_type_by_name(type)) == 0 ||
		    count > 65535) {
			goto bad;
		}
		for (st = ZL_DNS_ANSWER; st <= ZL_DNS_BUDGET; st++) {
			if (strcmp(status, status_names[st]) == 0) {
				break;
			}
		}
		if (st > ZL_DNS_BUDGET || st == ZL_DNS_BUDGET ||
		    (st == ZL_DNS_ANSWER) != (count > 0) ||
		    (count > 0 && (list = ldns_rr_list_new()) == NULL)) {
			goto bad;
		}
		for (i = 0; i < count; i++) {
			ldns_rr *rr = NULL;

			lineno++;
			if (next_line(fp, &line, &cap, &toolong) == NULL ||
			    (rr = record_from_line(line)) == NULL ||
			    (ldns_rr_get_type(rr) != t &&
				ldns_rr_get_type(rr) != LDNS_RR_TYPE_CNAME) ||
			    !ldns_rr_list_push_rr(list, rr)) {
				ldns_rr_free(rr);
				ldns_rr_list_deep_free(list);
				goto bad;
			}
		}
		if (entry_find(d, name, (uint16_t)t) >= 0 ||
		    entry_add(d, name, (uint16_t)t, st, list, false) < 0) {
			ldns_rr_list_deep_free(list);
			goto bad;
		}
	}
	if (toolong) {
		lineno++;
		goto bad;
	}
	free(line);
	return 0;
bad:
	free(line);
	snprintf(err, errlen, "%s:%u: not a zonelint DNS cache entry",
	    d->cache, lineno);
	return -1;
}

int
zl_dns_save(zl_dns_t *d, char *err, size_t errlen)
{
	char *tmp;
	size_t i, n;
	FILE *fp;
	int fd;

	if (d->cache == NULL || !d->dirty) {
		return 0;
	}
	n = strlen(d->cache) + 16;
	if ((tmp = malloc(n)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(tmp, n, "%s.XXXXXX", d->cache);
	if ((fd = mkstemp(tmp)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "cannot write the DNS cache %s: %s",
		    d->cache, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	fputs(";; zonelint DNS cache: answers replayed by --cache\n", fp);
	for (i = 0; i < d->count; i++) {
		const struct entry *e = &d->e[i];
		char *t = ldns_rr_type2str((ldns_rr_type)e->type);
		size_t k, c = e->answer != NULL ? ldns_rr_list_rr_count(e->answer)
						: 0;

		if (e->status == ZL_DNS_BUDGET || e->status == ZL_DNS_FAIL) {
			free(t);
			continue; /* not answers: ask again next time */
		}
		fprintf(fp, "? %s %s %s %zu\n", e->name, t != NULL ? t : "?",
		    status_names[e->status], c);
		free(t);
		for (k = 0; k < c; k++) {
			record_to_line(fp, ldns_rr_list_rr(e->answer, k));
		}
	}
	if (fclose(fp) != 0 || rename(tmp, d->cache) != 0) {
		snprintf(err, errlen, "cannot write the DNS cache %s: %s",
		    d->cache, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	d->dirty = false;
	return 0;
}

/* ---- questions -------------------------------------------------------- */

static ldns_resolver *make_resolver(zl_dns_t *d, char *err, size_t errlen);

zl_dns_t *
zl_dns_new(const char *resolver, unsigned timeout, const char *cache,
    char *err, size_t errlen)
{
	zl_dns_t *d = calloc(1, sizeof(*d));
	FILE *fp;

	if (d == NULL || (resolver != NULL &&
	    (d->resolver = strdup(resolver)) == NULL) ||
	    (cache != NULL && (d->cache = strdup(cache)) == NULL)) {
		zl_dns_free(d);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	d->timeout = timeout > 0 ? timeout : 5;
	zl_hash_init();
	/* A resolver given is checked now (it asks nothing yet); the
	 * system's is read at the first question. */
	if (resolver != NULL && make_resolver(d, err, errlen) == NULL) {
		zl_dns_free(d);
		return NULL;
	}
	if (cache != NULL) {
		if ((fp = fopen(cache, "r")) != NULL) {
			int rc = load(d, fp, err, errlen);

			fclose(fp);
			if (rc != 0) {
				zl_dns_free(d);
				return NULL;
			}
		} else if (errno != ENOENT) {
			snprintf(err, errlen, "cannot read the DNS cache %s: %s",
			    cache, strerror(errno));
			zl_dns_free(d);
			return NULL;
		}
	}
	return d;
}

void
zl_dns_budget(zl_dns_t *d, unsigned budget)
{
	d->budget = budget;
	d->asked = 0;
	/* And a deadline: twelve timeouts for the questions of a domain,
	 * however slowly a resolver answers each. */
	d->deadline = time(NULL) + 12 * (time_t)d->timeout;
}

const char *
zl_dns_error(const zl_dns_t *d)
{
	return d->err[0] != '\0' ? d->err : NULL;
}

/* The resolver, made at the first question; NULL with a message. */
static ldns_resolver *
make_resolver(zl_dns_t *d, char *err, size_t errlen)
{
	ldns_resolver *r = NULL;
	struct timeval tv = { .tv_sec = d->timeout };

	if (d->res != NULL) {
		return d->res;
	}
	if (d->resolver == NULL) {
		if (ldns_resolver_new_frm_file(&r, NULL) != LDNS_STATUS_OK) {
			snprintf(err, errlen, "no resolver in /etc/resolv.conf "
			    "(give --resolver ADDRESS)");
			return NULL;
		}
	} else {
		char host[256];
		const char *port;
		ldns_rdf *a;

		if (zl_server_split(d->resolver, host, sizeof(host), &port) !=
		    0) {
			goto bad;
		}
		if ((a = ldns_rdf_new_frm_str(strchr(host, ':') != NULL
			    ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, host)) ==
		    NULL) {
			goto bad;
		}
		if ((r = ldns_resolver_new()) == NULL ||
		    ldns_resolver_push_nameserver(r, a) != LDNS_STATUS_OK) {
			ldns_rdf_deep_free(a);
			ldns_resolver_deep_free(r);
			snprintf(err, errlen, "out of memory");
			return NULL;
		}
		ldns_rdf_deep_free(a);
		ldns_resolver_set_port(r, port != NULL ? (uint16_t)atoi(port)
						       : 53);
	}
	ldns_resolver_set_timeout(r, tv);
	ldns_resolver_set_retry(r, 2);
	ldns_resolver_set_fallback(r, true); /* TCP when truncated */
	ldns_resolver_set_recursive(r, true);
	ldns_resolver_set_dnssec(r, false);
	ldns_resolver_set_random(r, false);
	d->res = r;
	return r;
bad:
	snprintf(err, errlen, "resolver %s: not ADDRESS, ADDRESS:PORT or "
	    "[ADDRESS]:PORT", d->resolver);
	return NULL;
}

/*
 * One question to the resolver: the answer, or NULL when there is none
 * or it is not the answer to this question (another id, not a response,
 * another question: RFC 5452 9.1), which a forger off the path would
 * have to get right.
 */
static ldns_pkt *
ask(ldns_resolver *r, const ldns_rdf *qname, uint16_t type)
{
	ldns_pkt *q = NULL, *pkt = NULL;
	const ldns_rr_list *qs;
	const ldns_rr *qr;

	if (ldns_resolver_prepare_query_pkt(&q, r, qname, (ldns_rr_type)type,
	    LDNS_RR_CLASS_IN, LDNS_RD) != LDNS_STATUS_OK || q == NULL) {
		ldns_pkt_free(q);
		return NULL;
	}
	ldns_pkt_set_random_id(q);
	if (ldns_resolver_send_pkt(&pkt, r, q) != LDNS_STATUS_OK ||
	    pkt == NULL || ldns_pkt_id(pkt) != ldns_pkt_id(q) ||
	    !ldns_pkt_qr(pkt) || (qs = ldns_pkt_question(pkt)) == NULL ||
	    ldns_rr_list_rr_count(qs) != 1 ||
	    (qr = ldns_rr_list_rr(qs, 0)) == NULL ||
	    ldns_dname_compare(ldns_rr_owner(qr), qname) != 0 ||
	    ldns_rr_get_type(qr) != (ldns_rr_type)type ||
	    ldns_rr_get_class(qr) != LDNS_RR_CLASS_IN) {
		ldns_pkt_free(pkt);
		pkt = NULL;
	}
	ldns_pkt_free(q);
	return pkt;
}

/* The end of the CNAME chain at qname in an answer section, or NULL (a
 * new string). */
static char *
chain_end(const ldns_pkt *pkt, const ldns_rdf *qname)
{
	const ldns_rr_list *an = ldns_pkt_answer(pkt);
	const ldns_rdf *at = qname;
	unsigned hops;
	size_t i;

	for (hops = 0; hops < 8; hops++) {
		for (i = 0; i < ldns_rr_list_rr_count(an); i++) {
			const ldns_rr *rr = ldns_rr_list_rr(an, i);

			if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME &&
			    ldns_rr_rd_count(rr) == 1 &&
			    ldns_dname_compare(ldns_rr_owner(rr), at) == 0) {
				at = ldns_rr_rdf(rr, 0);
				break;
			}
		}
		if (i == ldns_rr_list_rr_count(an)) {
			break;
		}
	}
	return at != qname ? ldns_rdf2str(at) : NULL;
}

static zl_dns_status_t query(zl_dns_t *d, const char *name, uint16_t type,
    const ldns_rr_list **answer, unsigned depth);

zl_dns_status_t
zl_dns_query(zl_dns_t *d, const char *name, uint16_t type,
    const ldns_rr_list **answer)
{
	return query(d, name, type, answer, 0);
}

/*
 * A resolver follows CNAMEs; an authoritative server answers with the
 * CNAME alone when the target is in another zone.  Such an answer is
 * followed here, at most 8 CNAMEs deep, and kept under the name asked.
 */
static zl_dns_status_t
query(zl_dns_t *d, const char *name, uint16_t type,
    const ldns_rr_list **answer, unsigned depth)
{
	char canon[1100];
	ldns_rdf *qname;
	ldns_pkt *pkt = NULL;
	ldns_resolver *r;
	ldns_rr_list *list = NULL;
	zl_dns_status_t st;
	long i;
	size_t n = strlen(name), k;

	*answer = NULL;
	/* The canonical text: lower case, one trailing dot. */
	if (n == 0 || n + 2 > sizeof(canon)) {
		return ZL_DNS_NXDOMAIN;
	}
	for (k = 0; k < n; k++) {
		canon[k] = name[k] >= 'A' && name[k] <= 'Z'
		    ? (char)(name[k] + 32)
		    : name[k];
	}
	if (canon[n - 1] != '.') {
		canon[n++] = '.';
	}
	canon[n] = '\0';
	if ((i = entry_find(d, canon, type)) >= 0) {
		*answer = d->e[i].answer;
		return d->e[i].status;
	}
	if (d->budget != 0 && d->asked >= d->budget) {
		return ZL_DNS_BUDGET; /* (not kept: another domain may ask) */
	}
	if (d->deadline != 0 && time(NULL) >= d->deadline) {
		return ZL_DNS_BUDGET; /* the domain's time is spent */
	}
	if ((qname = ldns_dname_new_frm_str(canon)) == NULL) {
		return ZL_DNS_NXDOMAIN; /* no name: nothing there */
	}
	if ((r = make_resolver(d, d->err, sizeof(d->err))) == NULL) {
		ldns_rdf_deep_free(qname);
		return ZL_DNS_FAIL;
	}
	d->asked++;
	if ((pkt = ask(r, qname, type)) == NULL) {
		st = ZL_DNS_FAIL;
	} else if (ldns_pkt_get_rcode(pkt) == LDNS_RCODE_NXDOMAIN) {
		st = ZL_DNS_NXDOMAIN;
	} else if (ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NOERROR) {
		st = ZL_DNS_FAIL;
	} else {
		list = ldns_pkt_rr_list_by_type(pkt, (ldns_rr_type)type,
		    LDNS_SECTION_ANSWER);
		st = list != NULL && ldns_rr_list_rr_count(list) > 0
		    ? ZL_DNS_ANSWER
		    : ZL_DNS_NODATA;
		if (st == ZL_DNS_NODATA) {
			char *target = type != LDNS_RR_TYPE_CNAME
			    ? chain_end(pkt, qname)
			    : NULL;
			const ldns_rr_list *followed = NULL;

			ldns_rr_list_deep_free(list);
			list = NULL;
			if (target != NULL && depth >= 8) {
				st = ZL_DNS_FAIL; /* a chain too long, or a
						   * loop: no answer */
			} else if (target != NULL) {
				st = query(d, target, type, &followed,
				    depth + 1);
				if (followed != NULL &&
				    (list = ldns_rr_list_clone(followed)) ==
					NULL) {
					st = ZL_DNS_FAIL;
				}
			}
			free(target);
		}
	}
	ldns_pkt_free(pkt);
	ldns_rdf_deep_free(qname);
	/* Not kept: a budget spent, or no answer.  And the name may have
	 * been kept while its CNAME loop was followed. */
	if (st == ZL_DNS_BUDGET || st == ZL_DNS_FAIL ||
	    (i = entry_find(d, canon, type)) >= 0) {
		ldns_rr_list_deep_free(list);
		if (i >= 0 && st != ZL_DNS_BUDGET && st != ZL_DNS_FAIL) {
			*answer = d->e[i].answer;
			return d->e[i].status;
		}
		return st;
	}
	if ((i = entry_add(d, canon, type, st, list, true)) < 0) {
		ldns_rr_list_deep_free(list);
		return ZL_DNS_FAIL;
	}
	d->dirty = true;
	*answer = d->e[i].answer;
	return st;
}

void
zl_dns_free(zl_dns_t *d)
{
	size_t i;

	if (d == NULL) {
		return;
	}
	for (i = 0; i < d->count; i++) {
		free(d->e[i].name);
		ldns_rr_list_deep_free(d->e[i].answer);
	}
	free(d->e);
	zl_set_free(&d->set);
	ldns_resolver_deep_free(d->res);
	free(d->resolver);
	free(d->cache);
	free(d);
}
