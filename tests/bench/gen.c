/* gen.c: deterministic inputs for the benchmark (make bench). */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * Usage:
 *   gen zone N ORIGIN > FILE       a zone of exactly N records
 *   gen delegations N ORIGIN > FILE  a TLD-like zone of exactly N records
 *   gen smallzones DIR COUNT       DIR/dNNNNN.example.zone and DIR/defects.tsv
 *   gen domains N > FILE           N domain names for zonegen --domains
 *
 * Everything comes from one xorshift64* generator with a fixed seed, so the
 * same arguments give the same bytes on every machine (no rand(), no time,
 * no locale).  The inputs are written by tests/bench/run.sh into a
 * temporary directory and never committed.
 *
 * The big zone is valid for BIND (named-checkzone -i local), Knot
 * (kzonecheck) and ldns, and clean for zonelint with the built-in webmo
 * profile: the apex carries the profile's records (SPF without ptr), every
 * RRset has one TTL, no CNAME has other data beside it, every in-zone MX,
 * SRV and NS target has an address record, delegations below the apex have
 * their glue.  The mix: A, AAAA, CNAME, MX, TXT (SPF, DMARC, DKIM split
 * into 255-octet strings, verification), SRV, CAA, NS delegations with
 * glue; $TTL and $ORIGIN changes, relative and absolute names, blank
 * owners, explicit TTLs, omitted classes, multi-line records in
 * parentheses, comment lines and trailing comments.
 *
 * The delegation zone is what a registry serves: SOA, apex NS and their
 * addresses, then delegations only.  Each child has 2 or 3 NS records,
 * most at hosters outside the zone (ns1.hoster123.net.), about one in
 * seven in-bailiwick (ns1.child.ORIGIN.) with glue A and/or AAAA records;
 * about half are signed with 1 or 2 DS records (algorithm 8 or 13, digest
 * type 2 with 32 octets, sometimes 4 with 48: a second digest of the same
 * key or a rollover's second key).  Child names are letters, digits and
 * hyphens, 4 to 20 characters, unique by construction (no table: memory
 * does not grow with N).  Relative and absolute owners, explicit and
 * default TTLs, blank owners, digests split in parentheses, comments; the
 * last line: "; end: N records, C delegations (S signed), G glue names, M
 * owner names".  Valid for
 * BIND, Knot, ldns and simdzone; clean for zonelint --profile none.
 *
 * Both big zones end with a comment line of their counts, which
 * tests/bench/run.sh reads: "; end: N records, M owner names" (empty
 * non-terminals not counted) for the zone.
 *
 * The small zones are complete mail zones for the webmo profile; about one
 * in ten carries exactly one planted defect, and defects.tsv (file, line or
 * 0 for "a missing record", rule id) is the answer key.
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 0x2545F4914F6CDD1DULL

static uint64_t rng_state = SEED;

static uint64_t
rnd(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 2685821657736338717ULL;
}

/* 0 <= result < n (n small: the modulo bias is negligible here). */
static unsigned
pick(unsigned n)
{
	return (unsigned)((rnd() >> 11) % n);
}

/* True with probability pct percent. */
static int
chance(unsigned pct)
{
	return pick(100) < pct;
}

static void
die(const char *msg)
{
	fprintf(stderr, "gen: %s\n", msg);
	exit(2);
}

/* --- a growable text buffer for one block of records -------------------- */

typedef struct {
	char *p;
	size_t len, cap;
} buf_t;

static void
bputf(buf_t *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = b->cap - b->len;

		va_start(ap, fmt);
		n = vsnprintf(b->p ? b->p + b->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			die("vsnprintf failed");
		}
		if ((size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		b->cap = (b->cap + (size_t)n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (b->p == NULL) {
			die("out of memory");
		}
	}
}

/* --- the big zone --------------------------------------------------------- */

static const char *const words[] = {
	"web", "app", "api", "db", "cache", "files", "vpn", "git", "ci",
	"wiki", "shop", "blog", "docs", "status", "intranet", "crm", "erp",
	"backup", "proxy", "lb", "edge", "node", "store", "media", "cdn",
	"auth", "sso", "chat", "voip", "print", "scan", "cam", "lab", "dev",
	"test", "stage", "prod", "mon", "log", "metrics",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static const char *const ext_hosts[] = {
	"www.example.net.", "cdn.example.org.", "lb1.example.net.",
	"edge.example.org.", "app.example.net.", "host.example.org.",
};
#define NEXT_HOSTS (sizeof(ext_hosts) / sizeof(ext_hosts[0]))

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

typedef struct {
	char origin[256];   /* the zone's origin, with the trailing dot */
	char cur[300];      /* the current $ORIGIN */
	unsigned section;   /* counts $ORIGIN changes */
	char host[400];     /* absolute name of the last plain address host */
	unsigned long id;   /* makes every generated name unique */
	unsigned long ip;   /* next address */
	unsigned long names; /* owner names written (empty non-terminals not) */
} zone_t;

static void
ip4(buf_t *b, zone_t *z)
{
	unsigned long a = z->ip++;

	if ((a & 255) == 0 || (a & 255) == 255) {
		a = z->ip++;
	}
	if ((a & 255) == 255) {
		a = z->ip++;
	}
	bputf(b, "10.%lu.%lu.%lu", (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

static void
ip6(buf_t *b, zone_t *z)
{
	unsigned long a = z->ip++;

	if ((a & 0xffff) == 0) {
		a = z->ip++;
	}
	bputf(b, "2001:db8:%lx:%lx::%lx", (a >> 32) & 0xffff,
	    (a >> 16) & 0xffff, a & 0xffff);
}

/* Owner field for a new name LABEL under the current origin: relative, or
 * (one time in five) written absolute. */
static void
owner(buf_t *b, zone_t *z, const char *label)
{
	z->names++;
	if (chance(20)) {
		bputf(b, "%s.%s", label, z->cur);
	} else {
		bputf(b, "%s", label);
	}
}

/* "TTL\tCLASS\t" part: TTL (explicit or not, the same for a whole name)
 * and IN (written or omitted). */
static void
ttlclass(buf_t *b, unsigned ttl)
{
	if (ttl != 0) {
		bputf(b, "\t%u", ttl);
	}
	bputf(b, chance(70) ? "\tIN\t" : "\t");
}

static unsigned
name_ttl(void)
{
	static const unsigned ttls[] = {300, 600, 3600, 86400};

	return chance(25) ? ttls[pick(4)] : 0;
}

static void
trailing_comment(buf_t *b)
{
	static const char *const notes[] = {
		"primary", "secondary", "managed by ops", "ticket 4711",
		"do not remove", "legacy", "see wiki",
	};

	if (chance(4)) {
		bputf(b, "\t; %s", notes[pick(7)]);
	}
}

/* A plain host: 1-2 A, maybe AAAA, maybe CAA; blank owners after the
 * first record.  Becomes the target of later MX/SRV/CNAME records. */
static unsigned
blk_host(buf_t *b, zone_t *z)
{
	char label[64];
	unsigned n = 0, i, na = 1 + (unsigned)chance(30), ttl = name_ttl();
	int v6 = chance(50), caa = chance(10);

	snprintf(label, sizeof(label), "%s%lu", words[pick(NWORDS)], z->id++);
	for (i = 0; i < na; i++) {
		if (i == 0) {
			owner(b, z, label);
		}
		ttlclass(b, ttl);
		bputf(b, "A\t");
		ip4(b, z);
		trailing_comment(b);
		bputf(b, "\n");
		n++;
	}
	if (v6) {
		ttlclass(b, ttl);
		bputf(b, "AAAA\t");
		ip6(b, z);
		bputf(b, "\n");
		n++;
	}
	if (caa) {
		ttlclass(b, ttl);
		bputf(b, "CAA\t0 issue \"letsencrypt.org\"\n");
		ttlclass(b, ttl);
		bputf(b, "CAA\t0 iodef \"mailto:security@%.*s\"\n",
		    (int)strlen(z->origin) - 1, z->origin);
		n += 2;
	}
	snprintf(z->host, sizeof(z->host), "%s.%s", label, z->cur);
	return n;
}

/* An alias: one CNAME to the last host or to an outside name. */
static unsigned
blk_cname(buf_t *b, zone_t *z)
{
	char label[64];

	snprintf(label, sizeof(label), "%s%lu", chance(50) ? "www" : "alias",
	    z->id++);
	owner(b, z, label);
	ttlclass(b, name_ttl());
	bputf(b, "CNAME\t%s", chance(70) ? z->host : ext_hosts[pick(NEXT_HOSTS)]);
	trailing_comment(b);
	bputf(b, "\n");
	return 1;
}

/* A DKIM key: "v=DKIM1; k=rsa; p=" and a 2048- or 4096-bit key in
 * base64, split into 255-octet strings; on one line or in parentheses. */
static void
dkim_txt(buf_t *b)
{
	char text[1024];
	size_t len, keylen = chance(75) ? 392 : 736, i, off;
	int multi = chance(60);

	len = (size_t)snprintf(text, sizeof(text), "v=DKIM1; k=rsa; p=MIIB");
	for (i = 0; i < keylen - 4; i++) {
		text[len++] = b64[pick(64)];
	}
	text[len++] = '=';
	text[len] = '\0';
	bputf(b, "TXT\t%s", multi ? "(" : "");
	for (off = 0; off < len; off += 255) {
		size_t n = len - off < 255 ? len - off : 255;

		bputf(b, "%s\"%.*s\"", multi ? "\n\t\t" : (off ? " " : ""),
		    (int)n, text + off);
	}
	bputf(b, "%s\n", multi ? " )" : "");
}

/* A mail-sending subdomain: its MTA host, MX, SPF, DMARC, DKIM. */
static unsigned
blk_mail(buf_t *b, zone_t *z)
{
	char mta[64], dom[64];
	unsigned long id = z->id++;
	unsigned ttl = name_ttl(), n = 0;

	snprintf(mta, sizeof(mta), "mta%lu", id);
	snprintf(dom, sizeof(dom), "%s%lu", chance(50) ? "news" : "lists", id);
	owner(b, z, mta);
	ttlclass(b, 0);
	bputf(b, "A\t");
	ip4(b, z);
	bputf(b, "\n");
	ttlclass(b, 0);
	bputf(b, "AAAA\t");
	ip6(b, z);
	bputf(b, "\n");
	n += 2;
	owner(b, z, dom);
	ttlclass(b, ttl);
	if (chance(30)) {
		bputf(b, "MX\t( 10\t%s.%s )\t; in parentheses\n", mta, z->cur);
	} else {
		bputf(b, "MX\t10 %s\n", mta);
	}
	ttlclass(b, ttl);
	bputf(b, "MX\t20 %s\n", chance(50) ? "mx2.example.net." : "mx.example.org.");
	ttlclass(b, ttl);
	if (chance(20)) {
		bputf(b, "TXT\t( \"v=spf1 a:%s.%.*s ip4:10.%u.0.0/16 \"\n"
		    "\t\t\"include:_spf.example.net -all\" )\n", mta,
		    (int)strlen(z->cur) - 1, z->cur, pick(256));
	} else {
		bputf(b, "TXT\t\"v=spf1 mx ip4:10.%u.0.0/16 include:_spf.example.net -all\"\n",
		    pick(256));
	}
	n += 3;
	bputf(b, "_dmarc.%s", dom);
	z->names++;
	ttlclass(b, name_ttl());
	bputf(b, "TXT\t\"v=DMARC1; p=%s; rua=mailto:dmarc@%.*s\"\n",
	    chance(50) ? "reject" : "quarantine", (int)strlen(z->origin) - 1,
	    z->origin);
	bputf(b, "s%u._domainkey.%s", 2020 + pick(6), dom);
	z->names++;
	ttlclass(b, name_ttl());
	dkim_txt(b);
	n += 2;
	return n;
}

/* A DKIM key on its own (a selector of a sending service). */
static unsigned
blk_dkim(buf_t *b, zone_t *z)
{
	char label[64];

	snprintf(label, sizeof(label), "sel%lu._domainkey", z->id++);
	owner(b, z, label);
	ttlclass(b, name_ttl());
	dkim_txt(b);
	return 1;
}

/* A verification TXT record (or two) at a name of its own. */
static unsigned
blk_txt(buf_t *b, zone_t *z)
{
	char label[64];
	unsigned i, n = 1 + (unsigned)chance(30), ttl = name_ttl();

	snprintf(label, sizeof(label), "%s%lu", words[pick(NWORDS)], z->id++);
	owner(b, z, label);
	for (i = 0; i < n; i++) {
		ttlclass(b, ttl);
		bputf(b, "TXT\t\"%s=%08lx%08lx\"\n",
		    i ? "ms-verification" : "site-verification",
		    (unsigned long)(rnd() & 0xffffffffUL),
		    (unsigned long)(rnd() & 0xffffffffUL));
	}
	return n;
}

/* SRV records of a non-mail service, at the last host or outside. */
static unsigned
blk_srv(buf_t *b, zone_t *z)
{
	static const char *const svc[][2] = {
		{"_sip._udp", "5060"}, {"_sip._tcp", "5060"},
		{"_sips._tcp", "5061"}, {"_xmpp-client._tcp", "5222"},
		{"_xmpp-server._tcp", "5269"}, {"_ldap._tcp", "389"},
		{"_caldavs._tcp", "443"}, {"_kerberos._udp", "88"},
	};
	char label[96];
	unsigned s = pick(8), i, n = 1 + (unsigned)chance(40), ttl = name_ttl();

	snprintf(label, sizeof(label), "%s.svc%lu", svc[s][0], z->id++);
	owner(b, z, label);
	for (i = 0; i < n; i++) {
		ttlclass(b, ttl);
		bputf(b, "SRV\t%u %u %s %s\n", 10 * (i + 1), 50, svc[s][1],
		    i == 0 ? z->host : ext_hosts[pick(NEXT_HOSTS)]);
	}
	return n;
}

/* A delegation: in-zone name servers with glue, or outside ones. */
static unsigned
blk_deleg(buf_t *b, zone_t *z)
{
	char sub[64];
	unsigned long id = z->id++;
	unsigned ttl = chance(50) ? 86400 : 0;

	snprintf(sub, sizeof(sub), "%s%lu", chance(50) ? "sub" : "branch", id);
	owner(b, z, sub);
	if (chance(60)) {
		ttlclass(b, ttl);
		bputf(b, "NS\tns1.%s\n", sub);
		ttlclass(b, ttl);
		bputf(b, "NS\tns2.%s.%s\n", sub, z->cur);
		bputf(b, "ns1.%s", sub);
		z->names += 2;
		ttlclass(b, 0);
		bputf(b, "A\t");
		ip4(b, z);
		bputf(b, "\t; glue\n");
		bputf(b, "ns2.%s", sub);
		ttlclass(b, 0);
		bputf(b, "AAAA\t");
		ip6(b, z);
		bputf(b, "\t; glue\n");
		return 4;
	}
	ttlclass(b, ttl);
	bputf(b, "NS\tns1.example.net.\n");
	ttlclass(b, ttl);
	bputf(b, "NS\tns2.example.org.\n");
	return 2;
}

static unsigned
blk_filler(buf_t *b, zone_t *z)
{
	char label[64];

	snprintf(label, sizeof(label), "h%lu", z->id++);
	owner(b, z, label);
	ttlclass(b, 0);
	bputf(b, "A\t");
	ip4(b, z);
	bputf(b, "\n");
	return 1;
}

static const char *const apex_spf =
    "v=spf1 ip4:192.0.2.0/24 include:spf.webmo.fr ~all";

static unsigned long
zone_header(FILE *out, zone_t *z, unsigned long n)
{
	const char *o = z->origin;

	fprintf(out,
	    "; %s: a zone of %lu records for the benchmark (make bench)\n"
	    "; written by tests/bench/gen with a fixed seed: the same arguments\n"
	    "; give the same bytes\n"
	    "$TTL 3600\n"
	    "$ORIGIN %s\n"
	    "@\tIN\tSOA\tns1 hostmaster.%s (\n"
	    "\t\t\t2024060101\t; serial\n"
	    "\t\t\t7200\t\t; refresh\n"
	    "\t\t\t3600\t\t; retry\n"
	    "\t\t\t1209600\t\t; expire\n"
	    "\t\t\t3600 )\t\t; negative caching\n"
	    "\tIN\tNS\tns1\n"
	    "\tIN\tNS\tns2.%s\n"
	    "\tIN\tMX\t10 mx.webmo.fr.\n"
	    "\tIN\tMX\t20 mxsecondary.webmo.fr.\n"
	    "\tIN\tTXT\t\"%s\"\n"
	    "\tIN\tTXT\t\"site-verification=4f1c2e9a7b\"\n"
	    "\tIN\tCAA\t0 issue \"letsencrypt.org\"\n"
	    "\tIN\tA\t192.0.2.1\n"
	    "\tIN\tAAAA\t2001:db8::1\n"
	    "ns1\tIN\tA\t192.0.2.53\n"
	    "ns2.%s\tIN\tAAAA\t2001:db8::53\n"
	    "; the mail provider's records (profile webmo)\n"
	    "autoconfig\tIN\tCNAME\tautoconfig.webmo.fr.\n"
	    "pop\tIN\tCNAME\tpop.webmo.fr.\n"
	    "imap\tIN\tCNAME\timap.webmo.fr.\n"
	    "smtp\tIN\tCNAME\tsmtp.webmo.fr.\n"
	    "_dmarc\tIN\tTXT\t\"v=DMARC1; p=none\"\n"
	    "_imaps._tcp\tIN\tSRV\t0 1 993 imap.webmo.fr.\n"
	    "_submissions._tcp\tIN\tSRV\t0 1 465 smtp.webmo.fr.\n"
	    "www\tIN\tCNAME\t%s\n",
	    o, n, o, o, o, apex_spf, o, o);
	snprintf(z->host, sizeof(z->host), "ns1.%s", o);
	z->names = 11;
	return 20;
}

static int
mode_zone(int argc, char **argv)
{
	static char obuf[1 << 20];
	zone_t z;
	buf_t b = {NULL, 0, 0};
	unsigned long n, done, next_origin, next_ttl, names;
	char *end;
	size_t ol;

	if (argc != 4) {
		die("usage: gen zone N ORIGIN");
	}
	n = strtoul(argv[2], &end, 10);
	ol = strlen(argv[3]);
	if (*end != '\0' || n < 100 || ol == 0 || ol > 200) {
		die("zone: N must be at least 100 and ORIGIN a name");
	}
	memset(&z, 0, sizeof(z));
	snprintf(z.origin, sizeof(z.origin), "%s%s", argv[3],
	    argv[3][ol - 1] == '.' ? "" : ".");
	snprintf(z.cur, sizeof(z.cur), "%s", z.origin);
	z.ip = 0x010000;
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	done = zone_header(stdout, &z, n);
	next_origin = done + 500 + pick(3000);
	next_ttl = done + 1000 + pick(5000);
	while (done < n) {
		unsigned got, k = pick(100);

		if (done >= next_origin) {
			/* Back to the apex, or into a new department. */
			if (z.section % 3 == 2) {
				snprintf(z.cur, sizeof(z.cur), "%s", z.origin);
				printf("\n$ORIGIN %s\n", z.cur);
			} else if (chance(50)) {
				/* A relative $ORIGIN is avoided: ldns makes it
				 * absolute (read.c); written absolute here. */
				snprintf(z.cur, sizeof(z.cur), "dept%u.%s",
				    z.section, z.origin);
				printf("\n$ORIGIN %s\t; department %u\n", z.cur,
				    z.section);
			} else {
				snprintf(z.cur, sizeof(z.cur), "site%u.%s",
				    z.section, z.origin);
				printf("\n; ---- site %u ----\n$ORIGIN %s\n",
				    z.section, z.cur);
			}
			z.section++;
			next_origin = done + 500 + pick(3000);
		}
		if (done >= next_ttl) {
			static const unsigned t[] = {300, 3600, 7200, 86400};

			printf("$TTL %u\n", t[pick(4)]);
			next_ttl = done + 1000 + pick(5000);
		}
		if (chance(2)) {
			printf("\n; %s servers\n", words[pick(NWORDS)]);
		}
		b.len = 0;
		names = z.names;
		if (k < 36) {
			got = blk_host(&b, &z);
		} else if (k < 52) {
			got = blk_cname(&b, &z);
		} else if (k < 60) {
			got = blk_mail(&b, &z);
		} else if (k < 67) {
			got = blk_dkim(&b, &z);
		} else if (k < 77) {
			got = blk_txt(&b, &z);
		} else if (k < 85) {
			got = blk_srv(&b, &z);
		} else if (k < 93) {
			got = blk_deleg(&b, &z);
		} else {
			got = blk_filler(&b, &z);
		}
		while (done + got > n) {
			/* Too many for the exact count: one record instead. */
			b.len = 0;
			z.names = names;
			got = blk_filler(&b, &z);
		}
		fwrite(b.p, 1, b.len, stdout);
		done += got;
	}
	free(b.p);
	printf("; end: %lu records, %lu owner names\n", done, z.names);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		die("write error");
	}
	return 0;
}

/* --- a TLD-like zone of delegations --------------------------------------- */

/*
 * Child names are unique without a table: a name's core is 2 to 5
 * consonant-vowel syllables and a closing letter (or none), all lower-case
 * letters, drawn as the image of a per-length counter under an affine
 * bijection of that length's name space; what follows the core (digits,
 * or a hyphen and a word) starts with a character that no core holds, so
 * two different cores never give the same name.  Memory stays flat in N.
 */

static const char cons[] = "bcdfgklmnprstvz";   /* 15 */
static const char vows[] = "aeiou";             /* 5 */
static const char *const closing[] = {"", "n", "r", "s", "l", "t", "x", "k"};
#define NSYL 75ULL
#define NCLOSE 8ULL
#define MAXSYL 5
#define NAME_MUL 2654435761ULL

/* a * b mod m, for a, b < m < 2^62. */
static unsigned long long
mulmod(unsigned long long a, unsigned long long b, unsigned long long m)
{
	unsigned long long r = 0;

	while (b != 0) {
		if (b & 1) {
			r = (r + a) % m;
		}
		a = (a * 2) % m;
		b >>= 1;
	}
	return r;
}

/* A 64-bit finaliser (splitmix64's). */
static unsigned long long
mix(unsigned long long x)
{
	x ^= x >> 30;
	x *= 0xBF58476D1CE4E5B9ULL;
	x ^= x >> 27;
	x *= 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

typedef struct {
	const char *origin;           /* with the trailing dot */
	unsigned long long used[MAXSYL + 1]; /* cores handed out, per length */
	unsigned long ip;             /* next glue address */
	unsigned long children, signed_children, glued, names;
} deleg_t;

/* The core of a new child name into out (at least 9 bytes + 2 per
 * syllable); its syllable count is drawn, the next longer used when that
 * length's space is spent. */
static void
deleg_core(deleg_t *d, char *out)
{
	static const unsigned pct[MAXSYL + 1] = {0, 0, 25, 45, 22, 8};
	unsigned k = 2, acc = 0, roll = pick(100), i, j, dg[MAXSYL + 1];
	unsigned long long space, v;
	size_t len = 0;

	for (k = 2; k < MAXSYL; k++) {
		acc += pct[k];
		if (roll < acc) {
			break;
		}
	}
	for (;;) {
		space = NCLOSE;
		for (i = 0; i < k; i++) {
			space *= NSYL;
		}
		if (d->used[k] < space) {
			break;
		}
		if (k == MAXSYL) {
			die("delegations: out of child names");
		}
		k++;
	}
	/* NAME_MUL is a prime above 5: prime to space (2^3 3^k 5^2k), so
	 * the map is a bijection of [0, space). */
	v = mulmod(d->used[k]++, NAME_MUL % space, space);
	v = (v + 0x5DEECE66DULL % space) % space;
	for (i = 0; i < k; i++) {
		dg[i] = (unsigned)(v % NSYL);
		v /= NSYL;
	}
	dg[k] = (unsigned)v;
	/* Two rounds that each shift a digit by a hash of the digits above
	 * it, then below it: each undone digit by digit, so still a
	 * bijection, and neighbouring counters no longer share syllables. */
	for (i = 0; i <= k; i++) {
		unsigned long long h = k, base = i < k ? NSYL : NCLOSE;

		for (j = i + 1; j <= k; j++) {
			h = mix(h * 131 + dg[j]);
		}
		dg[i] = (unsigned)((dg[i] + mix(h) % base) % base);
	}
	for (i = k + 1; i-- > 0;) {
		unsigned long long h = 7 * k, base = i < k ? NSYL : NCLOSE;

		for (j = 0; j < i; j++) {
			h = mix(h * 131 + dg[j]);
		}
		dg[i] = (unsigned)((dg[i] + mix(h) % base) % base);
	}
	for (i = 0; i < k; i++) {
		out[len++] = cons[dg[i] / 5];
		out[len++] = vows[dg[i] % 5];
	}
	strcpy(out + len, closing[dg[k]]);
}

/* The name of out-of-zone name server n (0-2) of hoster h. */
static void
hoster_ns(char *out, size_t size, unsigned h, unsigned n)
{
	static const char *const kind[] = {"host", "dns", "hosting", "web",
		"-hosting", "-dns", "net", "-cloud"};
	static const char *const tld[] = {"net", "com", "net", "eu", "de",
		"org", "fr", "io"};
	static const char *const fmt[] = {"ns%u", "dns%u", "ns%u", "ns%u"};
	static const char *const abc[] = {"a.ns", "b.ns", "c.ns"};
	char base[16];
	unsigned x = h, i;

	for (i = 0; i < 2 || x != 0; i++) {
		base[2 * i] = cons[x % 15];
		base[2 * i + 1] = vows[(x / 15) % 5];
		x /= 75;
	}
	base[2 * i] = '\0';
	if (h % 5 == 4) {
		snprintf(out, size, "%s.%s%s.%s.", abc[n], base, kind[h % 8],
		    tld[(h / 8) % 8]);
	} else if (h % 7 == 3) {
		/* The brief's example: ns1.hoster123.net. */
		snprintf(out, size, "ns%u.hoster%u.%s.", n + 1, h, tld[(h / 8) % 8]);
	} else {
		char first[8];

		snprintf(first, sizeof(first), fmt[h % 4], n + 1);
		snprintf(out, size, "%s.%s%s.%s.", first, base, kind[h % 8],
		    tld[(h / 8) % 8]);
	}
}

/* One hoster, most of them small: the low numbers are drawn far more
 * often (a few big hosters serve most of a TLD). */
static unsigned
pick_hoster(void)
{
	return chance(40) ? pick(20) : pick(1 + pick(5000));
}

/* Owner field: the child's name relative, or absolute. */
static void
d_owner(buf_t *b, const deleg_t *d, const char *name, int absolute)
{
	if (absolute) {
		bputf(b, "%s.%s", name, d->origin);
	} else {
		bputf(b, "%s", name);
	}
}

static void
d_ttlclass(buf_t *b, int absolute, unsigned ttl)
{
	if (absolute) {
		bputf(b, "\t%u\tIN\t", ttl);
	} else {
		bputf(b, "\t\t");
	}
}

static void
hex(buf_t *b, unsigned octets)
{
	static const char digits[] = "0123456789ABCDEF";
	char s[2 * 64 + 1];
	unsigned i;

	for (i = 0; i < 2 * octets; i++) {
		s[i] = digits[pick(16)];
	}
	s[2 * octets] = '\0';
	bputf(b, "%s", s);
}

/* One DS record's rdata: KEYTAG ALG DIGESTTYPE DIGEST. */
static void
ds_rdata(buf_t *b, unsigned tag, unsigned alg, unsigned dtype)
{
	unsigned octets = dtype == 4 ? 48 : 32;

	bputf(b, "DS\t%u %u %u ", tag, alg, dtype);
	if (chance(10)) {
		/* Split over two lines, the way BIND prints it. */
		bputf(b, "(\n\t\t\t\t");
		hex(b, octets / 2);
		bputf(b, "\n\t\t\t\t");
		hex(b, octets - octets / 2);
		bputf(b, " )");
	} else {
		hex(b, octets);
	}
	bputf(b, "\n");
}

/* A delegation: 2 or 3 NS (in-bailiwick with glue, or out of zone), about
 * half of them signed with 1 or 2 DS.  Returns the records written. */
static unsigned
blk_child(buf_t *b, deleg_t *d, unsigned max_ns, int tail)
{
	char name[64], ns[128];
	unsigned n = 0, i, nns = chance(70) ? 2 : 3, ninb = 0;
	int absolute = chance(40);
	unsigned h = pick_hoster(), h2 = chance(15) ? pick_hoster() : h;

	deleg_core(d, name);
	if (chance(12)) {
		snprintf(name + strlen(name), sizeof(name) - strlen(name), "%u",
		    chance(50) ? 1 + pick(9) : 10 + pick(990));
	} else if (chance(18)) {
		static const char *const w[] = {"shop", "group", "online",
			"design", "immo", "studio", "consulting", "sport",
			"info", "solutions", "digital", "bau", "travel", "media"};

		const char *word = w[pick(14)];

		/* Child names stay within 20 characters. */
		if (strlen(name) + 1 + strlen(word) <= 20) {
			snprintf(name + strlen(name), sizeof(name) - strlen(name),
			    "-%s", word);
		}
	}
	if (!tail && chance(14)) {
		ninb = chance(70) ? nns : 1;
	}
	if (nns > max_ns) {
		nns = max_ns;
	}
	if (ninb > nns) {
		ninb = nns;
	}
	d->children++;
	d->names++;
	if (chance(3)) {
		bputf(b, "; %s\n", ninb ? "in-bailiwick name servers" :
		    "registrar transfer pending");
	}
	for (i = 0; i < nns; i++) {
		if (i == 0) {
			d_owner(b, d, name, absolute);
		} else if (absolute) {
			d_owner(b, d, name, 1);
		}
		d_ttlclass(b, absolute, 172800);
		if (i < ninb) {
			if (chance(50)) {
				bputf(b, "NS\tns%u.%s.%s\n", i + 1, name, d->origin);
			} else {
				bputf(b, "NS\tns%u.%s\n", i + 1, name);
			}
		} else {
			hoster_ns(ns, sizeof(ns), i == 2 ? h2 : h, i);
			bputf(b, "NS\t%s\n", ns);
		}
		n++;
	}
	if (!tail && chance(50)) {
		unsigned tag = pick(65536), alg = chance(60) ? 13 : 8;
		unsigned nds = chance(75) ? 1 : 2;

		d->signed_children++;
		for (i = 0; i < nds; i++) {
			unsigned dtype = 2;

			if (nds == 1) {
				dtype = chance(10) ? 4 : 2;
			} else if (i == 1 && chance(40)) {
				dtype = 4;      /* the same key, SHA-384 too */
			} else if (i == 1) {
				tag = (tag + 1 + pick(65535)) % 65536; /* a rollover */
			}
			if (absolute) {
				d_owner(b, d, name, 1);
			}
			d_ttlclass(b, absolute, 86400);
			ds_rdata(b, tag, alg, dtype);
			n++;
		}
	}
	for (i = 0; i < ninb; i++) {
		unsigned r = pick(100);
		int a = r < 85, aaaa = r >= 55;

		d->names++;
		d->glued++;
		if (chance(50)) {
			bputf(b, "ns%u.%s.%s", i + 1, name, d->origin);
			absolute = 1;
		} else {
			bputf(b, "ns%u.%s", i + 1, name);
			absolute = 0;
		}
		if (a) {
			unsigned long x = d->ip++;

			d_ttlclass(b, absolute, 172800);
			bputf(b, "A\t10.%lu.%lu.%lu\n", (x / 253 / 256) % 256,
			    (x / 253) % 256, 1 + x % 253);
			n++;
		}
		if (aaaa) {
			unsigned long x = d->ip++;

			if (a && absolute) {
				bputf(b, "ns%u.%s.%s", i + 1, name, d->origin);
			}
			d_ttlclass(b, absolute, 172800);
			bputf(b, "AAAA\t2001:db8:%lx:%lx::53\n", (x >> 16) & 0xffff,
			    x & 0xffff);
			n++;
		}
	}
	return n;
}

static int
mode_delegations(int argc, char **argv)
{
	static char obuf[1 << 20];
	char origin[256];
	deleg_t d, saved;
	buf_t b = {NULL, 0, 0};
	unsigned long n, done;
	const char *o;
	char *end;
	size_t ol;

	if (argc != 4) {
		die("usage: gen delegations N ORIGIN");
	}
	n = strtoul(argv[2], &end, 10);
	ol = strlen(argv[3]);
	if (*end != '\0' || n < 100 || ol == 0 || ol > 200) {
		die("delegations: N must be at least 100 and ORIGIN a name");
	}
	memset(&d, 0, sizeof(d));
	snprintf(origin, sizeof(origin), "%s%s", argv[3],
	    argv[3][ol - 1] == '.' ? "" : ".");
	d.origin = o = origin;
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	printf("; %s: a TLD-like zone of %lu records, delegations only, for\n"
	    "; the benchmark (make bench); written by tests/bench/gen with a\n"
	    "; fixed seed: the same arguments give the same bytes\n"
	    "$ORIGIN %s\n"
	    "$TTL 86400\n"
	    "@\t\tIN\tSOA\ta.nic hostmaster.nic (\n"
	    "\t\t\t\t2024060101\t; serial\n"
	    "\t\t\t\t1800\t\t; refresh\n"
	    "\t\t\t\t900\t\t; retry\n"
	    "\t\t\t\t604800\t\t; expire\n"
	    "\t\t\t\t3600 )\t\t; negative caching\n"
	    "\t172800\tIN\tNS\ta.nic\n"
	    "\t172800\tIN\tNS\tb.nic\n"
	    "\t172800\tIN\tNS\tc.nic.%s\n"
	    "a.nic\t172800\tIN\tA\t192.0.2.53\n"
	    "\t172800\tIN\tAAAA\t2001:db8::53\n"
	    "b.nic\t172800\tIN\tA\t198.51.100.53\n"
	    "\t172800\tIN\tAAAA\t2001:db8:1::53\n"
	    "c.nic.%s\t172800\tIN\tA\t203.0.113.53\n"
	    "\n; delegations\n",
	    o, n, o, o, o);
	done = 9;
	d.names = 4;
	while (done < n) {
		unsigned long left = n - done;
		unsigned got;

		b.len = 0;
		saved = d;
		got = blk_child(&b, &d, 3, 0);
		if (done + got > n) {
			/* Too many for the exact count: a plain delegation of
			 * what is left, or, for one record, a host of the
			 * registry. */
			b.len = 0;
			d = saved;
			if (left >= 2) {
				got = blk_child(&b, &d, left > 3 ? 3 : (unsigned)left,
				    1);
			} else {
				bputf(&b, "whois.nic\t172800\tIN\tA\t192.0.2.43\n");
				d.names++;
				got = 1;
			}
		}
		fwrite(b.p, 1, b.len, stdout);
		done += got;
	}
	free(b.p);
	printf("; end: %lu records, %lu delegations (%lu signed), %lu glue "
	    "names, %lu owner names\n", done, d.children, d.signed_children,
	    d.glued, d.names);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		die("write error");
	}
	return 0;
}

/* --- small mail zones with planted defects ------------------------------- */

enum defect {
	D_MX_RELATIVE,
	D_DMARC_APEX,
	D_IMAP_A,
	D_SPF_TWICE,
	D_CNAME_TXT,
	D_SUBMISSION_465,
	D_SPF_PASS_ALL,
	D_DMARC_MISSING,
	D_AUTOCONFIG_MISSING,
	D_SPF_UNAUTHORISED,
	D_COUNT,
	D_NONE = D_COUNT
};

static const char *const defect_rule[D_COUNT] = {
	"mail-mx-relative", "dmarc-misplaced", "mail-cname-not-cname",
	"spf-multiple", "cname-and-other-data", "srv-port", "spf-all-pass",
	"mail-dmarc-missing", "mail-cname-missing", "mail-spf-unauthorised",
};

typedef struct {
	FILE *f;
	unsigned line;
	unsigned mark;      /* line of the planted defect, 0 for none */
} sz_t;

static void
line_out(sz_t *s, int is_defect, const char *fmt, ...)
{
	va_list ap;

	s->line++;
	if (is_defect) {
		s->mark = s->line;
	}
	va_start(ap, fmt);
	vfprintf(s->f, fmt, ap);
	va_end(ap);
	fputc('\n', s->f);
}

static void
small_zone(FILE *f, unsigned i, enum defect d, unsigned *mark)
{
	sz_t s = {f, 0, 0};
	char o[64];
	unsigned h, hosts = pick(4), a = i % 250 + 1;

	snprintf(o, sizeof(o), "d%05u.example.", i);
	line_out(&s, 0, "; %s: a small mail zone (tests/bench/gen)", o);
	line_out(&s, 0, "$ORIGIN %s", o);
	line_out(&s, 0, "$TTL 3600");
	line_out(&s, 0, "@\tIN\tSOA\tns1 hostmaster ( %u 7200 3600 1209600 3600 )",
	    2024060100 + pick(100));
	line_out(&s, 0, "\tIN\tNS\tns1");
	line_out(&s, 0, "\tIN\tNS\tns2.dns-host.example.net.");
	if (d == D_MX_RELATIVE) {
		line_out(&s, 1, "\tIN\tMX\t10 mx.webmo.fr");
	} else {
		line_out(&s, 0, "\tIN\tMX\t10 mx.webmo.fr.");
	}
	line_out(&s, 0, "\tIN\tMX\t20 mxsecondary.webmo.fr.");
	if (d == D_SPF_PASS_ALL) {
		line_out(&s, 1, "\tIN\tTXT\t\"v=spf1 include:spf.webmo.fr +all\"");
	} else if (d == D_SPF_UNAUTHORISED) {
		line_out(&s, 1, "\tIN\tTXT\t\"v=spf1 ip4:198.51.100.0/24 ~all\"");
	} else if (chance(30)) {
		line_out(&s, 0, "\tIN\tTXT\t\"v=spf1 ip4:192.0.2.%u include:spf.webmo.fr ~all\"",
		    a);
	} else {
		line_out(&s, 0, "\tIN\tTXT\t\"v=spf1 include:spf.webmo.fr ~all\"");
	}
	if (d == D_SPF_TWICE) {
		line_out(&s, 1, "\tIN\tTXT\t\"v=spf1 a mx ~all\"\t; the former host's");
	}
	if (chance(20)) {
		line_out(&s, 0, "\tIN\tTXT\t\"site-verification=%08lx\"",
		    (unsigned long)(rnd() & 0xffffffffUL));
	}
	line_out(&s, 0, "\tIN\tA\t192.0.2.%u", a);
	line_out(&s, 0, "ns1\tIN\tA\t198.51.100.%u", a);
	line_out(&s, 0, "www\tIN\tCNAME\t%s", o);
	if (d == D_CNAME_TXT) {
		line_out(&s, 1, "www\tIN\tTXT\t\"site-verification=%08lx\"",
		    (unsigned long)(rnd() & 0xffffffffUL));
	}
	line_out(&s, 0, "; mail (webmo)");
	if (d != D_AUTOCONFIG_MISSING) {
		line_out(&s, 0, "autoconfig\tIN\tCNAME\tautoconfig.webmo.fr.");
	}
	line_out(&s, 0, "pop\tIN\tCNAME\tpop.webmo.fr.");
	if (d == D_IMAP_A) {
		line_out(&s, 1, "imap\tIN\tA\t203.0.113.%u", a);
	} else {
		line_out(&s, 0, "imap\tIN\tCNAME\timap.webmo.fr.");
	}
	line_out(&s, 0, "smtp\tIN\tCNAME\tsmtp.webmo.fr.");
	if (d == D_DMARC_APEX) {
		line_out(&s, 1, "@\tIN\tTXT\t\"v=DMARC1; p=none\"");
	} else if (d != D_DMARC_MISSING) {
		line_out(&s, 0, "_dmarc\tIN\tTXT\t\"v=DMARC1; p=%s\"",
		    chance(50) ? "none" : "quarantine");
	}
	if (d == D_SUBMISSION_465) {
		line_out(&s, 1, "_submission._tcp\tIN\tSRV\t0 1 465 smtp.webmo.fr.");
	} else if (chance(30)) {
		line_out(&s, 0, "_submission._tcp\tIN\tSRV\t0 1 587 smtp.webmo.fr.");
		line_out(&s, 0, "_imaps._tcp\tIN\tSRV\t0 1 993 imap.webmo.fr.");
	}
	for (h = 0; h < hosts; h++) {
		line_out(&s, 0, "%s\tIN\tA\t192.0.2.%u", words[(i + h) % NWORDS],
		    (a + h) % 250 + 1);
	}
	*mark = s.mark;
}

static int
mode_smallzones(int argc, char **argv)
{
	unsigned long count, i;
	char *end, path[4096];
	FILE *key;

	if (argc != 4) {
		die("usage: gen smallzones DIR COUNT");
	}
	count = strtoul(argv[3], &end, 10);
	if (*end != '\0' || count == 0 || count > 100000) {
		die("smallzones: COUNT must be 1..100000");
	}
	snprintf(path, sizeof(path), "%s/defects.tsv", argv[2]);
	key = fopen(path, "w");
	if (key == NULL) {
		die("cannot write defects.tsv");
	}
	fprintf(key, "# file\tline (0: a missing record)\trule\n");
	for (i = 0; i < count; i++) {
		enum defect d = D_NONE;
		unsigned mark = 0;
		FILE *f;

		/* One zone in ten, drawn; the kind drawn too. */
		if (pick(10) == 0) {
			d = (enum defect)pick(D_COUNT);
		}
		snprintf(path, sizeof(path), "%s/d%05lu.example.zone", argv[2],
		    i);
		f = fopen(path, "w");
		if (f == NULL) {
			die("cannot write a zone file");
		}
		small_zone(f, (unsigned)i, d, &mark);
		if (fclose(f) != 0) {
			die("write error");
		}
		if (d != D_NONE) {
			fprintf(key, "d%05lu.example.zone\t%u\t%s\n", i, mark,
			    defect_rule[d]);
		}
	}
	if (fclose(key) != 0) {
		die("write error");
	}
	return 0;
}

/* --- domains for zonegen ------------------------------------------------- */

static int
mode_domains(int argc, char **argv)
{
	static const char *const syl[] = {
		"bis", "trot", "port", "mar", "che", "lune", "sol", "ver",
		"bois", "pierre", "atelier", "cafe", "garage", "ferme", "studio",
		"boutique", "cabinet", "maison", "jardin", "plage",
	};
	static const char *const tld[] = {"fr", "com", "net", "org", "de",
		"eu", "be", "ch"};
	static char obuf[1 << 16];
	unsigned long n, i;
	char *end;

	if (argc != 3) {
		die("usage: gen domains N");
	}
	n = strtoul(argv[2], &end, 10);
	if (*end != '\0' || n == 0) {
		die("domains: N must be a positive number");
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	for (i = 0; i < n; i++) {
		const char *a = syl[pick(20)], *b = syl[pick(20)];

		printf("%s%s%s%lu.%s\n", a, chance(30) ? "-" : "", b, i,
		    tld[pick(8)]);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		die("write error");
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "zone") == 0) {
		return mode_zone(argc, argv);
	}
	if (argc >= 2 && strcmp(argv[1], "delegations") == 0) {
		return mode_delegations(argc, argv);
	}
	if (argc >= 2 && strcmp(argv[1], "smallzones") == 0) {
		return mode_smallzones(argc, argv);
	}
	if (argc >= 2 && strcmp(argv[1], "domains") == 0) {
		return mode_domains(argc, argv);
	}
	fprintf(stderr, "usage: gen zone N ORIGIN > FILE\n"
			"       gen delegations N ORIGIN > FILE\n"
			"       gen smallzones DIR COUNT\n"
			"       gen domains N > FILE\n");
	return 2;
}
