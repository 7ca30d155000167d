/* axfr.c: a zone transferred from a server (AXFR, RFC 5936), read as a file is. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * zl_axfr_read asks SERVER for DOMAIN's zone over TCP and hands each
 * record to the reader's callbacks (lint/read.h), as zl_read_file hands
 * those of a file: begin with the domain as origin, one record call per
 * record in the order served (the "line" of a record is its place in the
 * transfer, the first SOA being 1), the limits of the options, and end.
 * The closing SOA is not handed over.  Each record's data is checked as
 * the reader checks RFC 3597 data of its type (zl_rdata_wire_ok): a
 * server that sends what a zone file could not hold gets a syntax-error
 * at that record.
 *
 * With a TSIG key (RFC 8945) the query is signed and every message of the
 * answer must carry a TSIG that verifies, each against the MAC of the
 * message before it (RFC 8945 5.3.1); a message without one, or one that
 * does not verify, ends the transfer with an error.  The key's secret is
 * never printed.
 *
 * Only the records are trusted to be a zone: message ids, the question,
 * the opening and closing SOA and the sizes are checked, and a transfer
 * that stops early is an error (the records read until then have been
 * handed over, as for a file that fails part way).
 */

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "lint/internal.h"
#include "lint/rdata.h"
#include "lint/read.h"

#define AXFR_PORT "53"

/* ---- TSIG key files ----------------------------------------------------- */

void
zl_wipe(void *p, size_t n)
{
	volatile unsigned char *v = p; /* stores the compiler must keep */

	while (n-- > 0) {
		*v++ = 0;
	}
}

/* The algorithms ldns signs with, as a key file names them and as ldns
 * wants them. */
static const struct {
	const char *file;
	const char *ldns;
} algorithms[] = {
	{ "hmac-md5", "hmac-md5.sig-alg.reg.int." },
	{ "hmac-md5.sig-alg.reg.int", "hmac-md5.sig-alg.reg.int." },
	{ "hmac-sha1", "hmac-sha1." },
	{ "hmac-sha224", "hmac-sha224." },
	{ "hmac-sha256", "hmac-sha256." },
	{ "hmac-sha384", "hmac-sha384." },
	{ "hmac-sha512", "hmac-sha512." },
};

/* The next word of a key file: a quoted string, one of "{};", or a run
 * of other non-blank bytes; comments (#, //, and C style) skipped.  Its
 * length, 0 at the end, -1 when it does not fit or a quote is open. */
static int
key_word(const char **pp, unsigned *line, char *out, size_t outlen)
{
	const char *p = *pp;
	size_t n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			*line += *p == '\n';
			p++;
		}
		if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
			while (*p != '\0' && *p != '\n') {
				p++;
			}
		} else if (p[0] == '/' && p[1] == '*') {
			for (p += 2; *p != '\0' && !(p[0] == '*' && p[1] == '/');
			     p++) {
				*line += *p == '\n';
			}
			p += *p != '\0' ? 2 : 0;
		} else {
			break;
		}
	}
	if (*p == '\0') {
		*pp = p;
		return 0;
	}
	if (*p == '"') {
		for (p++; *p != '"'; p++) {
			if (*p == '\0' || *p == '\n' || n + 1 >= outlen) {
				return -1;
			}
			out[n++] = *p;
		}
		p++;
	} else if (*p == '{' || *p == '}' || *p == ';') {
		out[n++] = *p++;
	} else {
		while (*p != '\0' && !isspace((unsigned char)*p) && *p != '{' &&
		    *p != '}' && *p != ';' && *p != '"') {
			if (n + 1 >= outlen) {
				return -1;
			}
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	*pp = p;
	return (int)n;
}

/*
 * A BIND key file (what tsig-keygen writes): key "NAME" { algorithm ALG;
 * secret "BASE64"; };  The first key in it is taken.  Errors name the
 * file and the line, never what the file holds.
 */
int
zl_tsig_load(const char *path, zl_tsig_t *key, char *err, size_t errlen)
{
	static const size_t max = 64 * 1024;
	char *text, word[600], name[ZL_NAME_TEXT_MAX] = "";
	const char *p, *what = NULL;
	unsigned line = 1, i;
	size_t len = 0;
	ssize_t got;
	int n, fd = open(path, O_RDONLY | O_CLOEXEC);

	memset(key, 0, sizeof(*key));
	if (fd < 0) {
		snprintf(err, errlen, "cannot open the TSIG key file %s: %s",
		    path, strerror(errno));
		return -1;
	}
	/* Read into a buffer of our own (no stdio buffer left holding the
	 * secret), wiped before it is freed. */
	if ((text = malloc(max + 1)) == NULL) {
		close(fd);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (len <= max && (got = read(fd, text + len, max + 1 - len)) != 0) {
		if (got < 0) {
			if (errno == EINTR) {
				continue;
			}
			snprintf(err, errlen, "cannot read the TSIG key file "
			    "%s: %s", path, strerror(errno));
			close(fd);
			zl_wipe(text, len);
			free(text);
			return -1;
		}
		len += (size_t)got;
	}
	close(fd);
	if (len > max) {
		zl_wipe(text, len);
		free(text);
		snprintf(err, errlen, "the TSIG key file %s is larger than "
		    "64 KiB", path);
		return -1;
	}
	text[len] = '\0';
	p = text;
	if (memchr(text, '\0', len) != NULL) {
		what = "a NUL byte";
		goto bad;
	}
	if (key_word(&p, &line, word, sizeof(word)) <= 0 ||
	    strcmp(word, "key") != 0) {
		what = "no 'key' statement";
		goto bad;
	}
	if (key_word(&p, &line, name, sizeof(name)) <= 0 ||
	    key_word(&p, &line, word, sizeof(word)) != 1 || word[0] != '{') {
		what = "a key name and '{' after 'key'";
		goto bad;
	}
	for (;;) {
		char *slot;
		size_t size;

		if ((n = key_word(&p, &line, word, sizeof(word))) <= 0) {
			what = "no '};' at the end of the key";
			goto bad;
		}
		if (strcmp(word, "}") == 0) {
			break;
		}
		if (strcmp(word, "algorithm") == 0) {
			slot = key->algorithm;
			size = sizeof(key->algorithm);
		} else if (strcmp(word, "secret") == 0) {
			slot = key->secret;
			size = sizeof(key->secret);
		} else {
			what = "a clause other than 'algorithm' and 'secret'";
			goto bad;
		}
		if ((n = key_word(&p, &line, slot, size)) <= 0 ||
		    key_word(&p, &line, word, sizeof(word)) != 1 ||
		    word[0] != ';') {
			what = "a value and ';' after 'algorithm' or 'secret'";
			goto bad;
		}
	}
	if (key_word(&p, &line, word, sizeof(word)) != 1 || word[0] != ';') {
		what = "no ';' after the key's '}'";
		goto bad;
	}
	if (key->secret[0] == '\0') {
		what = "no secret";
		goto bad;
	}
	for (i = 0; i < sizeof(algorithms) / sizeof(algorithms[0]); i++) {
		if (strcasecmp(key->algorithm, algorithms[i].file) == 0) {
			snprintf(key->algorithm, sizeof(key->algorithm), "%s",
			    algorithms[i].ldns);
			break;
		}
	}
	if (i == sizeof(algorithms) / sizeof(algorithms[0])) {
		what = "an algorithm other than hmac-md5, hmac-sha1, "
		       "hmac-sha224, hmac-sha256, hmac-sha384 and hmac-sha512";
		goto bad;
	}
	{
		/* The name as ldns wants it: absolute. */
		size_t nl = strlen(name);

		if (nl == 0 || nl + 2 > sizeof(key->name)) {
			what = "a key name that is not a domain name";
			goto bad;
		}
		memcpy(key->name, name, nl);
		if (name[nl - 1] != '.') {
			key->name[nl++] = '.';
		}
		key->name[nl] = '\0';
	}
	{
		ldns_rdf *r = ldns_dname_new_frm_str(key->name);

		if (r == NULL) {
			what = "a key name that is not a domain name";
			goto bad;
		}
		ldns_rdf_deep_free(r);
		r = NULL;
		if (ldns_str2rdf_b64(&r, key->secret) != LDNS_STATUS_OK ||
		    r == NULL || ldns_rdf_size(r) == 0) {
			ldns_rdf_deep_free(r);
			what = "a secret that is not base64";
			goto bad;
		}
		ldns_rdf_deep_free(r);
	}
	zl_wipe(text, len);
	free(text);
	return 0;
bad:
	zl_wipe(text, len);
	free(text);
	zl_wipe(key, sizeof(*key));
	snprintf(err, errlen, "%s:%u: bad TSIG key file: %s",
	    path, line, what);
	return -1;
}

/* ---- the transfer ------------------------------------------------------ */

int
zl_server_split(const char *server, char *host, size_t hostlen,
    const char **port)
{
	const char *colon = strrchr(server, ':');
	size_t n;

	*port = NULL;
	if (server[0] == '[') {
		const char *close = strchr(server, ']');

		if (close == NULL || (close[1] != '\0' && close[1] != ':')) {
			return -1;
		}
		n = (size_t)(close - server - 1);
		*port = close[1] == ':' ? close + 2 : NULL;
		server++;
	} else if (colon != NULL && strchr(server, ':') == colon) {
		n = (size_t)(colon - server); /* one colon: ADDRESS:PORT */
		*port = colon + 1;
	} else {
		n = strlen(server); /* no colon, or an IPv6 address */
	}
	if (n == 0 || n >= hostlen) {
		return -1;
	}
	memcpy(host, server, n);
	host[n] = '\0';
	if (*port != NULL && ((*port)[0] == '\0' ||
	    strspn(*port, "0123456789") != strlen(*port) ||
	    strlen(*port) > 5 || atoi(*port) < 1 || atoi(*port) > 65535)) {
		return -1;
	}
	return 0;
}

/* SERVER as ADDR, ADDR:PORT, [ADDR]:PORT or [ADDR] into ss; -1 with a
 * message when it names nothing. */
static int
server_address(const char *server, struct sockaddr_storage *ss,
    socklen_t *sslen, char *err, size_t errlen)
{
	char host[256];
	const char *port;
	struct addrinfo hints, *res = NULL;
	int rc;

	if (zl_server_split(server, host, sizeof(host), &port) != 0) {
		snprintf(err, errlen, "server %s: not ADDRESS, ADDRESS:PORT "
		    "or [ADDRESS]:PORT", server);
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, port != NULL ? port : AXFR_PORT, &hints,
	    &res)) != 0 || res == NULL || res->ai_addrlen > sizeof(*ss)) {
		snprintf(err, errlen, "server %s: %s", server,
		    rc != 0 ? gai_strerror(rc) : "no address");
		if (res != NULL) {
			freeaddrinfo(res);
		}
		return -1;
	}
	memset(ss, 0, sizeof(*ss));
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sslen = (socklen_t)res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

struct xfr {
	const zl_axfr_t *req;
	const zl_read_callbacks_t *cb;
	void *ctx;
	const char *display;
	ldns_rdf *origin;
	uint8_t *rdata;      /* a record's wire data */
	size_t rdata_cap;
	size_t records;      /* handed over */
	size_t records_max;
	bool done;           /* the closing SOA came */
	uint8_t soa[600];    /* the opening SOA's data */
	size_t soa_len;
	bool stop;           /* a limit: the rest is not read */
};

static void
xfr_problem(struct xfr *x, unsigned line, const char *rule, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
xfr_problem(struct xfr *x, unsigned line, const char *rule, const char *fmt,
    ...)
{
	char msg[512];
	va_list ap;

	if (x->cb->problem == NULL) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	x->cb->problem(x->ctx, x->display, line, rule, msg);
}

/* The answer records of one message; false with a message in err when
 * the transfer is not a zone. */
static bool
xfr_records(struct xfr *x, const ldns_pkt *pkt, char *err, size_t errlen)
{
	const ldns_rr_list *an = ldns_pkt_answer(pkt);
	size_t i;

	for (i = 0; an != NULL && i < ldns_rr_list_rr_count(an); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(an, i);
		bool soa = ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA &&
		    ldns_dname_compare(ldns_rr_owner(rr), x->origin) == 0;
		const ldns_rdf *owner = ldns_rr_owner(rr);
		char why[256];
		size_t len = 0;
		zl_record_t rec;

		if (x->done) {
			snprintf(err, errlen, "%s: records after the closing "
			    "SOA", x->display);
			return false;
		}
		if (x->records == 0 && !soa) {
			snprintf(err, errlen, "%s: the transfer does not start "
			    "with the zone's SOA", x->display);
			return false;
		}
		if (x->records > 0 && soa) {
			/* The closing SOA is the opening one (RFC 5936
			 * 2.2): else the zone changed on the way. */
			if (!zl_rr_rdata_wire(rr, &x->rdata, &x->rdata_cap,
			    &len) || len != x->soa_len ||
			    memcmp(x->rdata, x->soa, len) != 0) {
				snprintf(err, errlen, "%s: the transfer ends with "
				    "another SOA than it began with",
				    x->display);
				return false;
			}
			x->done = true;
			continue;
		}
		if (x->records >= x->records_max) {
			xfr_problem(x, (unsigned)x->records + 1,
			    "limit-exceeded", "more than %zu records: the rest "
			    "of the transfer was not read", x->records_max);
			x->stop = true;
			return true;
		}
		x->records++;
		if (!zl_rr_rdata_wire(rr, &x->rdata, &x->rdata_cap, &len)) {
			snprintf(err, errlen, "%s: out of memory", x->display);
			return false;
		}
		if (soa && len <= sizeof(x->soa)) {
			memcpy(x->soa, x->rdata, len); /* the opening SOA */
			x->soa_len = len;
		}
		if (!zl_rdata_wire_ok(ldns_rr_get_type(rr), x->rdata, len, why,
		    sizeof(why))) {
			char *tn = ldns_rr_type2str(ldns_rr_get_type(rr));

			xfr_problem(x, (unsigned)x->records, "syntax-error",
			    "bad %s record from the server: %s",
			    tn != NULL ? tn : "?", why);
			free(tn);
			continue;
		}
		if (x->cb->record == NULL) {
			continue;
		}
		memset(&rec, 0, sizeof(rec));
		rec.owner = ldns_rdf_data(owner);
		rec.owner_len = ldns_rdf_size(owner);
		rec.type = (uint16_t)ldns_rr_get_type(rr);
		rec.rr_class = (uint16_t)ldns_rr_get_class(rr);
		rec.ttl = ldns_rr_ttl(rr);
		rec.rdata = x->rdata;
		rec.rdata_len = len;
		rec.file = x->display;
		rec.line = rec.last_line = (unsigned)x->records;
		rec.ttl_explicit = true;
		x->cb->record(x->ctx, &rec);
	}
	return true;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* n bytes from fd before `deadline` (now_ms); false on a timeout, an
 * error or the end of the stream. */
static bool
read_full(int fd, uint8_t *buf, size_t n, long long deadline)
{
	size_t got = 0;

	while (got < n) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = deadline - now_ms();
		ssize_t r;

		if (left <= 0 || poll(&p, 1, left > 60000 ? 60000 : (int)left) <=
		    0) {
			if (left <= 0 || errno != EINTR) {
				return false;
			}
			continue;
		}
		if ((r = read(fd, buf + got, n - got)) <= 0) {
			if (r < 0 && errno == EINTR) {
				continue;
			}
			return false;
		}
		got += (size_t)r;
	}
	return true;
}

/* One message of the transfer (malloc'd, *size), whole within `timeout`
 * ms and before the transfer's deadline: a server that trickles bytes
 * cannot hold zonelint longer.  NULL on a timeout or error. */
static uint8_t *
read_message(int fd, size_t *size, long long timeout, long long deadline)
{
	long long until = now_ms() + timeout;
	uint8_t len[2], *buf;

	if (until > deadline) {
		until = deadline;
	}
	if (!read_full(fd, len, 2, until)) {
		return NULL;
	}
	*size = (size_t)len[0] << 8 | len[1];
	if ((buf = malloc(*size > 0 ? *size : 1)) == NULL ||
	    !read_full(fd, buf, *size, until)) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* A TCP connection to ss within ms milliseconds; -1 with errno. */
static int
tcp_connect(const struct sockaddr_storage *ss, socklen_t len, int ms)
{
	int fd = socket(ss->ss_family, SOCK_STREAM, 0), flags, e = 0;
	socklen_t elen = sizeof(e);
	struct pollfd p;

	if (fd < 0) {
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
		goto fail;
	}
	if (connect(fd, (const struct sockaddr *)ss, len) != 0) {
		if (errno != EINPROGRESS) {
			goto fail;
		}
		p.fd = fd;
		p.events = POLLOUT;
		if ((e = poll(&p, 1, ms)) <= 0) {
			errno = e == 0 ? ETIMEDOUT : errno;
			goto fail;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &elen) != 0) {
			goto fail;
		}
		if (e != 0) {
			errno = e;
			goto fail;
		}
	}
	if (fcntl(fd, F_SETFL, flags) < 0) {
		goto fail;
	}
	return fd;
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

static const char *
rcode_name(ldns_pkt_rcode rc, char *buf, size_t len)
{
	ldns_lookup_table *t = ldns_lookup_by_id(ldns_rcodes, (int)rc);

	if (t != NULL && t->name != NULL) {
		return t->name;
	}
	snprintf(buf, len, "RCODE%d", (int)rc);
	return buf;
}

int
zl_axfr_read(const zl_axfr_t *req, const char *display,
    const zl_read_options_t *opts, const zl_read_callbacks_t *cb, void *ctx,
    char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct timeval tv = { .tv_sec = req->timeout > 0 ? req->timeout : 10 };
	struct xfr x;
	ldns_pkt *query = NULL, *pkt = NULL;
	ldns_buffer *qbin = NULL;
	ldns_rdf *qname = NULL, *mac = NULL;
	size_t total = 0, size_max, messages = 0;
	long long deadline;
	int fd = -1, rc = -1;
	char rcb[32];

	memset(&x, 0, sizeof(x));
	x.req = req;
	x.cb = cb;
	x.ctx = ctx;
	x.display = display;
	x.records_max = opts != NULL && opts->records_max != 0
			    ? opts->records_max
			    : ZL_READ_RECORDS_DEFAULT;
	size_max = opts != NULL && opts->size_max != 0 ? opts->size_max
						       : ZL_READ_SIZE_DEFAULT;
	if (server_address(req->server, &ss, &sslen, err, errlen) != 0) {
		return -1;
	}
	if ((qname = ldns_dname_new_frm_str(req->domain)) == NULL ||
	    ldns_dname_label_count(qname) == 0 ||
	    (x.origin = ldns_rdf_clone(qname)) == NULL) {
		snprintf(err, errlen, "%s is not a domain name",
		    req->domain);
		ldns_rdf_deep_free(qname);
		return -1;
	}
	ldns_dname2canonical(x.origin);
	query = ldns_pkt_query_new(qname, LDNS_RR_TYPE_AXFR, LDNS_RR_CLASS_IN,
	    0);
	if (query == NULL || (qbin = ldns_buffer_new(LDNS_MAX_PACKETLEN)) ==
	    NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	ldns_pkt_set_random_id(query);
	if (req->tsig != NULL &&
	    (ldns_pkt_tsig_sign(query, req->tsig->name, req->tsig->secret, 300,
		req->tsig->algorithm, NULL) != LDNS_STATUS_OK ||
		(mac = ldns_rdf_clone(ldns_rr_rdf(ldns_pkt_tsig(query), 3))) ==
		    NULL)) {
		snprintf(err, errlen, "cannot sign the transfer request with "
		    "the TSIG key");
		goto out;
	}
	if (ldns_pkt2buffer_wire(qbin, query) != LDNS_STATUS_OK) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if ((fd = tcp_connect(&ss, sslen, (int)tv.tv_sec * 1000)) < 0) {
		snprintf(err, errlen, "cannot connect to %s: %s",
		    req->server, strerror(errno));
		goto out;
	}
	if (ldns_tcp_send_query(qbin, fd, &ss, sslen) <= 0) {
		snprintf(err, errlen, "cannot send to %s: %s",
		    req->server, strerror(errno));
		goto out;
	}
	if (cb->begin != NULL) {
		cb->begin(ctx, x.origin, "AXFR");
	}
	/* The whole transfer within sixty timeouts (ten minutes by
	 * default), each message within one. */
	deadline = now_ms() + 60LL * 1000 * tv.tv_sec;
	while (!x.done && !x.stop) {
		size_t size = 0;
		uint8_t *wire = read_message(fd, &size, 1000LL * tv.tv_sec,
		    deadline);
		ldns_pkt_rcode rcode;

		if (wire == NULL) {
			snprintf(err, errlen, "%s: the transfer %s after %zu "
			    "records%s", display, messages == 0
				? "got no answer" : "stopped", x.records,
			    now_ms() >= deadline ? " (it took longer than "
						   "sixty --timeout)" : "");
			goto out;
		}
		total += size;
		if (total > size_max) {
			free(wire);
			xfr_problem(&x, (unsigned)x.records + 1,
			    "limit-exceeded", "transfer larger than %zu bytes: "
			    "the rest was not read", size_max);
			break;
		}
		ldns_pkt_free(pkt);
		pkt = NULL;
		if (ldns_wire2pkt(&pkt, wire, size) != LDNS_STATUS_OK ||
		    ldns_pkt_id(pkt) != ldns_pkt_id(query) || !ldns_pkt_qr(pkt)) {
			free(wire);
			snprintf(err, errlen, "%s: message %zu of the transfer "
			    "is not an answer to the request", display,
			    messages + 1);
			goto out;
		}
		if ((rcode = ldns_pkt_get_rcode(pkt)) != LDNS_RCODE_NOERROR) {
			free(wire);
			snprintf(err, errlen, "%s: the server answered %s%s",
			    display, rcode_name(rcode, rcb, sizeof(rcb)),
			    rcode == LDNS_RCODE_NOTAUTH && req->tsig != NULL
				? " (is the TSIG key the server's?)" : "");
			goto out;
		}
		if (ldns_pkt_qdcount(pkt) > 0) {
			const ldns_rr *q = ldns_rr_list_rr(
			    ldns_pkt_question(pkt), 0);

			if (q == NULL || ldns_rr_get_type(q) !=
			    LDNS_RR_TYPE_AXFR || ldns_dname_compare(
				ldns_rr_owner(q), x.origin) != 0) {
				free(wire);
				snprintf(err, errlen, "%s: message %zu of the "
				    "transfer answers another question",
				    display, messages + 1);
				goto out;
			}
		} else if (messages == 0) {
			free(wire);
			snprintf(err, errlen, "%s: message 1 of the transfer "
			    "has no question", display);
			goto out;
		}
		if (req->tsig != NULL) {
			const ldns_rr *t = ldns_pkt_tsig(pkt);
			bool ok = t != NULL &&
			    (messages == 0
				    ? ldns_pkt_tsig_verify(pkt, wire, size,
					  req->tsig->name, req->tsig->secret,
					  mac)
				    : ldns_pkt_tsig_verify_next(pkt, wire, size,
					  req->tsig->name, req->tsig->secret,
					  mac, 1));

			if (!ok) {
				free(wire);
				snprintf(err, errlen, "%s: message %zu of the "
				    "transfer %s", display, messages + 1,
				    t == NULL ? "is not signed with the TSIG key"
					      : "has a TSIG that does not "
						"verify with the key");
				goto out;
			}
			ldns_rdf_deep_free(mac);
			if ((mac = ldns_rdf_clone(ldns_rr_rdf(t, 3))) == NULL) {
				free(wire);
				snprintf(err, errlen, "out of memory");
				goto out;
			}
		}
		free(wire);
		messages++;
		if (!xfr_records(&x, pkt, err, errlen)) {
			goto out;
		}
	}
	if (cb->end != NULL) {
		cb->end(ctx, (unsigned)x.records);
	}
	rc = 0;
out:
	if (fd >= 0) {
		close(fd);
	}
	ldns_pkt_free(pkt);
	ldns_pkt_free(query); /* frees qname */
	ldns_buffer_free(qbin);
	ldns_rdf_deep_free(mac);
	ldns_rdf_deep_free(x.origin);
	free(x.rdata);
	return rc;
}
