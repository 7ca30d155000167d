/* rdata.c: every record type's rdata, presentation text to wire, checked. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * One table row per type names its fields; each field kind has a text
 * reader (tokens to wire) and a wire checker, so a record written as text
 * and one written as "\# LEN HEX" pass the same checks (zl_rdata_wire_ok
 * runs on both).  The formats and the checks follow the RFC of each type
 * and what BIND 9.18 and Knot 3.2 accept; where the two differ,
 * tests/peer/TYPEDIFF.md says which is followed and why.
 */

#include <arpa/inet.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/rdata.h"
#include "lint/scan.h"
#include "zonegen/zonegen.h"

#define LABEL_MAX 63u  /* RFC 1035 2.3.4 */
#define STRING_MAX 255u /* a character-string, RFC 1035 3.3 */
#define QUOTE_MAX 60u  /* bytes of input quoted in a message */

/* Field kinds.  The comment gives the text form. */
enum field {
	F_END = 0,
	F_U8,      /* 0-255 */
	F_U16,     /* 0-65535 */
	F_U32,     /* 0-4294967295 */
	F_PERIOD,  /* 32 bits, or a TTL with units: SOA timers */
	F_NAME,    /* a domain name */
	F_IP4,     /* dotted quad */
	F_IP6,     /* RFC 4291 2.2 */
	F_STR,     /* one character-string */
	F_STRS,    /* one or more character-strings, to the end */
	F_STR1OPT, /* an optional last character-string (ISDN) */
	F_HEX,     /* hex, one or more octets, tokens joined, to the end */
	F_HEX0,    /* the same, possibly none */
	F_DIGEST,  /* hex, one or more octets; length set by the digest
		    * type in the previous field */
	F_SALT,    /* "-" or hex, 8-bit length first (NSEC3) */
	F_B32,     /* base32hex, 8-bit length first (NSEC3 next owner) */
	F_B64,     /* base64, one or more octets, tokens joined, to the end */
	F_B64_0,   /* the same, possibly none */
	F_TYPE,    /* a type mnemonic or TYPEnnn, 16 bits */
	F_ALG,     /* a DNSSEC algorithm, mnemonic or 0-255 */
	F_TIME,    /* YYYYMMDDHHmmSS or seconds, 32 bits (RFC 4034 3.2) */
	F_DTIME,   /* YYYYMMDDHHmmSS only (SIG, KEYDATA: BIND reads no
		    * seconds there) */
	F_KEY,     /* base64, or nothing when the flags before say "no key"
		    * (KEY, RFC 2535 3.1.2) */
	F_BITMAP,  /* type list, NSEC window blocks (RFC 4034 4.1.2) */
	F_NXTMAP,  /* type list, NXT's bitmap (RFC 2535 5.2) */
	F_EUI48,   /* xx-xx-xx-xx-xx-xx (RFC 7043) */
	F_EUI64,   /* xx-xx-xx-xx-xx-xx-xx-xx */
	F_ILNP64,  /* xxxx:xxxx:xxxx:xxxx (RFC 6742) */
	F_LOC,     /* RFC 1876 */
	F_APL,     /* RFC 3123 */
	F_WKS,     /* address protocol services (RFC 1035 3.4.2) */
	F_SVC,     /* SVCB parameters (RFC 9460) */
	F_IPSECGW, /* gateway and key (RFC 4025); type in field 2 */
	F_HIP,     /* RFC 8005 */
	F_AMT,     /* discovery, type, relay (RFC 8777) */
	F_FLOAT,   /* a character-string holding a number (GPOS) */
	F_URI,     /* the rest as one string, no length octet (RFC 7553) */
	F_CAA,     /* tag value (RFC 8659) */
	F_NSAP,    /* 0x and hex, dots allowed (RFC 1706) */
	F_ATMA,    /* +E.164 or hex (ATM Forum) */
	F_CERTTYPE,/* PKIX ... or 0-65535 (RFC 4398) */
	F_A6,      /* prefix length, suffix, prefix name (RFC 2874) */
	F_DOA,     /* media type and data, "-" for none */
	F_X25,     /* a character-string of digits (RFC 1183) */
	F_DSYNCSCHEME, /* NOTIFY or 0-255 */
	F_DIGESTTYPE, /* SHA-256 ... or 0-255 (DS) */
};

static const uint8_t f_name[] = { F_NAME, F_END };
static const uint8_t f_soa[] = { F_NAME, F_NAME, F_U32, F_PERIOD,
	F_PERIOD, F_PERIOD, F_PERIOD, F_END };
static const uint8_t f_wks[] = { F_WKS, F_END };
static const uint8_t f_hinfo[] = { F_STR, F_STR, F_END };
static const uint8_t f_name2[] = { F_NAME, F_NAME, F_END };
static const uint8_t f_pref_name[] = { F_U16, F_NAME, F_END };
static const uint8_t f_strs[] = { F_STRS, F_END };
static const uint8_t f_x25[] = { F_X25, F_END };
static const uint8_t f_isdn[] = { F_STR, F_STR1OPT, F_END };
static const uint8_t f_nsap[] = { F_NSAP, F_END };
static const uint8_t f_sig[] = { F_TYPE, F_ALG, F_U8, F_U32, F_DTIME,
	F_DTIME, F_U16, F_NAME, F_B64, F_END };
static const uint8_t f_rrsig[] = { F_TYPE, F_ALG, F_U8, F_U32, F_TIME,
	F_TIME, F_U16, F_NAME, F_B64, F_END };
static const uint8_t f_key[] = { F_U16, F_U8, F_ALG, F_KEY, F_END };
static const uint8_t f_dnskey[] = { F_U16, F_U8, F_ALG, F_B64, F_END };
static const uint8_t f_px[] = { F_U16, F_NAME, F_NAME, F_END };
static const uint8_t f_gpos[] = { F_FLOAT, F_FLOAT, F_FLOAT, F_END };
static const uint8_t f_ip4[] = { F_IP4, F_END };
static const uint8_t f_ip6[] = { F_IP6, F_END };
static const uint8_t f_loc[] = { F_LOC, F_END };
static const uint8_t f_nxt[] = { F_NAME, F_NXTMAP, F_END };
static const uint8_t f_hex[] = { F_HEX, F_END };
static const uint8_t f_srv[] = { F_U16, F_U16, F_U16, F_NAME, F_END };
static const uint8_t f_atma[] = { F_ATMA, F_END };
static const uint8_t f_naptr[] = { F_U16, F_U16, F_STR, F_STR, F_STR,
	F_NAME, F_END };
static const uint8_t f_cert[] = { F_CERTTYPE, F_U16, F_ALG, F_B64, F_END };
static const uint8_t f_a6[] = { F_A6, F_END };
static const uint8_t f_sink[] = { F_U8, F_U8, F_U8, F_B64_0, F_END };
static const uint8_t f_apl[] = { F_APL, F_END };
static const uint8_t f_ds[] = { F_U16, F_ALG, F_DIGESTTYPE, F_DIGEST,
	F_END };
static const uint8_t f_sshfp[] = { F_U8, F_U8, F_DIGEST, F_END };
static const uint8_t f_ipseckey[] = { F_U8, F_U8, F_U8, F_IPSECGW, F_END };
static const uint8_t f_nsec[] = { F_NAME, F_BITMAP, F_END };
static const uint8_t f_b64[] = { F_B64, F_END };
static const uint8_t f_nsec3[] = { F_U8, F_U8, F_U16, F_SALT, F_B32,
	F_BITMAP, F_END };
static const uint8_t f_nsec3param[] = { F_U8, F_U8, F_U16, F_SALT,
	F_END };
static const uint8_t f_tlsa[] = { F_U8, F_U8, F_U8, F_DIGEST, F_END };
static const uint8_t f_hip[] = { F_HIP, F_END };
static const uint8_t f_csync[] = { F_U32, F_U16, F_BITMAP, F_END };
static const uint8_t f_zonemd[] = { F_U32, F_U8, F_U8, F_DIGEST, F_END };
static const uint8_t f_svcb[] = { F_U16, F_NAME, F_SVC, F_END };
static const uint8_t f_dsync[] = { F_TYPE, F_DSYNCSCHEME, F_U16, F_NAME,
	F_END };
static const uint8_t f_ilnp[] = { F_U16, F_ILNP64, F_END };
static const uint8_t f_l32[] = { F_U16, F_IP4, F_END };
static const uint8_t f_eui48[] = { F_EUI48, F_END };
static const uint8_t f_eui64[] = { F_EUI64, F_END };
static const uint8_t f_uri[] = { F_U16, F_U16, F_URI, F_END };
static const uint8_t f_caa[] = { F_U8, F_CAA, F_END };
static const uint8_t f_doa[] = { F_U32, F_U32, F_U8, F_DOA, F_END };
static const uint8_t f_amtrelay[] = { F_U8, F_AMT, F_END };
static const uint8_t f_keydata[] = { F_DTIME, F_DTIME, F_DTIME, F_U16,
	F_U8, F_ALG, F_B64, F_END };
static const uint8_t f_none[] = { F_END };

/* Sorted by code (zl_rtype_get searches it). */
static const zl_rtype_t types[] = {
	{ 1, 0, "A", f_ip4 },
	{ 2, 0, "NS", f_name },
	{ 3, ZL_TYPE_OBSOLETE, "MD", f_name },
	{ 4, ZL_TYPE_OBSOLETE, "MF", f_name },
	{ 5, 0, "CNAME", f_name },
	{ 6, 0, "SOA", f_soa },
	{ 7, 0, "MB", f_name },
	{ 8, 0, "MG", f_name },
	{ 9, 0, "MR", f_name },
	{ 10, ZL_TYPE_GENERIC, "NULL", f_none },
	{ 11, 0, "WKS", f_wks },
	{ 12, 0, "PTR", f_name },
	{ 13, 0, "HINFO", f_hinfo },
	{ 14, 0, "MINFO", f_name2 },
	{ 15, 0, "MX", f_pref_name },
	{ 16, 0, "TXT", f_strs },
	{ 17, 0, "RP", f_name2 },
	{ 18, 0, "AFSDB", f_pref_name },
	{ 19, 0, "X25", f_x25 },
	{ 20, 0, "ISDN", f_isdn },
	{ 21, 0, "RT", f_pref_name },
	{ 22, 0, "NSAP", f_nsap },
	{ 23, 0, "NSAP-PTR", f_name },
	{ 24, 0, "SIG", f_sig },
	{ 25, ZL_TYPE_CHECK, "KEY", f_key },
	{ 26, 0, "PX", f_px },
	{ 27, 0, "GPOS", f_gpos },
	{ 28, 0, "AAAA", f_ip6 },
	{ 29, 0, "LOC", f_loc },
	{ 30, 0, "NXT", f_nxt },
	{ 31, 0, "EID", f_hex },
	{ 32, 0, "NIMLOC", f_hex },
	{ 33, 0, "SRV", f_srv },
	{ 34, 0, "ATMA", f_atma },
	{ 35, ZL_TYPE_CHECK, "NAPTR", f_naptr },
	{ 36, 0, "KX", f_pref_name },
	{ 37, 0, "CERT", f_cert },
	{ 38, 0, "A6", f_a6 },
	{ 39, 0, "DNAME", f_name },
	{ 40, 0, "SINK", f_sink },
	{ 41, ZL_TYPE_META, "OPT", f_none },
	{ 42, 0, "APL", f_apl },
	{ 43, ZL_TYPE_CHECK, "DS", f_ds },
	{ 44, ZL_TYPE_CHECK, "SSHFP", f_sshfp },
	{ 45, 0, "IPSECKEY", f_ipseckey },
	{ 46, 0, "RRSIG", f_rrsig },
	{ 47, ZL_TYPE_CHECK, "NSEC", f_nsec },
	{ 48, 0, "DNSKEY", f_dnskey },
	{ 49, 0, "DHCID", f_b64 },
	{ 50, ZL_TYPE_CHECK, "NSEC3", f_nsec3 },
	{ 51, 0, "NSEC3PARAM", f_nsec3param },
	{ 52, 0, "TLSA", f_tlsa },
	{ 53, 0, "SMIMEA", f_tlsa },
	{ 55, 0, "HIP", f_hip },
	{ 56, 0, "NINFO", f_strs },
	{ 57, ZL_TYPE_CHECK, "RKEY", f_dnskey },
	{ 58, 0, "TALINK", f_name2 },
	{ 59, ZL_TYPE_CHECK, "CDS", f_ds },
	{ 60, 0, "CDNSKEY", f_dnskey },
	{ 61, 0, "OPENPGPKEY", f_b64 },
	{ 62, 0, "CSYNC", f_csync },
	{ 63, ZL_TYPE_CHECK, "ZONEMD", f_zonemd },
	{ 64, ZL_TYPE_CHECK, "SVCB", f_svcb },
	{ 65, ZL_TYPE_CHECK, "HTTPS", f_svcb },
	{ 66, 0, "DSYNC", f_dsync },
	{ 99, 0, "SPF", f_strs },
	{ 100, ZL_TYPE_GENERIC, "UINFO", f_none },
	{ 101, ZL_TYPE_GENERIC, "UID", f_none },
	{ 102, ZL_TYPE_GENERIC, "GID", f_none },
	{ 103, ZL_TYPE_GENERIC, "UNSPEC", f_none },
	{ 104, 0, "NID", f_ilnp },
	{ 105, 0, "L32", f_l32 },
	{ 106, 0, "L64", f_ilnp },
	{ 107, 0, "LP", f_pref_name },
	{ 108, 0, "EUI48", f_eui48 },
	{ 109, 0, "EUI64", f_eui64 },
	{ 249, ZL_TYPE_META, "TKEY", f_none },
	{ 250, ZL_TYPE_META, "TSIG", f_none },
	{ 251, ZL_TYPE_META, "IXFR", f_none },
	{ 252, ZL_TYPE_META, "AXFR", f_none },
	{ 253, ZL_TYPE_META, "MAILB", f_none },
	{ 254, ZL_TYPE_META, "MAILA", f_none },
	{ 255, ZL_TYPE_META, "ANY", f_none },
	{ 256, 0, "URI", f_uri },
	{ 257, 0, "CAA", f_caa },
	{ 258, 0, "AVC", f_strs },
	{ 259, 0, "DOA", f_doa },
	{ 260, 0, "AMTRELAY", f_amtrelay },
	{ 261, 0, "RESINFO", f_strs },
	{ 262, 0, "WALLET", f_strs },
	{ 32768, ZL_TYPE_CHECK, "TA", f_ds },
	{ 32769, ZL_TYPE_CHECK, "DLV", f_ds },
	{ 65533, 0, "KEYDATA", f_keydata },
};
#define NTYPES (sizeof(types) / sizeof(types[0]))
_Static_assert(NTYPES <= 256, "name_len has 256 entries");

const zl_rtype_t *
zl_rtype_table(size_t *count)
{
	*count = NTYPES;
	return types;
}

const zl_rtype_t *
zl_rtype_get(uint16_t code)
{
	size_t lo = 0, hi = NTYPES;

	/* Codes 1 to 53 have no gap: the common ones, without a search
	 * (tests/unit/test_rdata.c checks every code against the table). */
	if (code >= 1 && code <= 53) {
		return &types[code - 1];
	}

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (types[mid].code == code) {
			return &types[mid];
		}
		if (types[mid].code < code) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

/* Plain decimal digits, at most max: true with the value. */
static bool
decimal(const char *s, size_t n, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (n == 0) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		x = x * 10 + (uint64_t)(s[i] - '0');
		if (x > max) {
			return false;
		}
	}
	*v = x;
	return true;
}

/* Rows by the first letter of their name, for zl_rtype_lookup: row
 * indexes, each list ending in -1.  Built at first use. */
static int16_t by_letter[26][16];
static uint8_t name_len[256];
static pthread_once_t by_letter_once = PTHREAD_ONCE_INIT;

static void
by_letter_init(void)
{
	size_t i, fill[26] = { 0 };

	for (i = 0; i < 26; i++) {
		memset(by_letter[i], 0xff, sizeof(by_letter[i]));
	}
	for (i = 0; i < NTYPES; i++) {
		size_t l = (size_t)(types[i].name[0] - 'A');

		name_len[i] = (uint8_t)strlen(types[i].name);
		/* At most 15 names share a letter (16 with the end mark). */
		if (fill[l] < 15) {
			by_letter[l][fill[l]++] = (int16_t)i;
		}
	}
}

/* Upper-case name equal to s[0..n) in any case (ASCII only). */
static bool
same_upper(const char *name, const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		char c = s[k];

		if (c >= 'a' && c <= 'z') {
			c = (char)(c - 32);
		}
		if (c != name[k]) {
			return false;
		}
	}
	return true;
}

bool
zl_rtype_lookup(const char *s, size_t n, uint16_t *code,
    const zl_rtype_t **row)
{
	size_t k;
	unsigned letter;
	uint64_t v;

	/* The names most records use, before the search (x | 0x20 is the
	 * lower case of a letter, and a letter only for a letter). */
	if (n == 1 && (s[0] == 'A' || s[0] == 'a')) {
		*code = 1;
		*row = &types[0];
		return true;
	}
	if (n >= 2 && n <= 5) {
		unsigned w = (unsigned)(s[0] | 0x20) << 8 |
		    (unsigned)(s[1] | 0x20);
		unsigned c = 0;

		if (n == 2) {
			c = w == ('n' << 8 | 's') ? 2 : w == ('d' << 8 | 's') ?
			    43 : w == ('m' << 8 | 'x') ? 15 : 0;
		} else if (n == 3) {
			w = w << 8 | (unsigned)(s[2] | 0x20);
			c = w == ('t' << 16 | 'x' << 8 | 't') ? 16 :
			    w == ('s' << 16 | 'o' << 8 | 'a') ? 6 :
			    w == ('s' << 16 | 'r' << 8 | 'v') ? 33 :
			    w == ('p' << 16 | 't' << 8 | 'r') ? 12 : 0;
		} else if (n == 4 && w == ('a' << 8 | 'a') &&
		    (s[2] | 0x20) == 'a' && (s[3] | 0x20) == 'a') {
			c = 28;
		} else if (n == 5 && w == ('c' << 8 | 'n') &&
		    (s[2] | 0x20) == 'a' && (s[3] | 0x20) == 'm' &&
		    (s[4] | 0x20) == 'e') {
			c = 5;
		}
		if (c != 0) {
			*code = (uint16_t)c;
			*row = zl_rtype_get(*code);
			return true;
		}
	}
	if (n == 0 || n > 10) {
		return false;
	}
	if (n > 4 && n <= 9 && strncasecmp(s, "TYPE", 4) == 0 &&
	    decimal(s + 4, n - 4, 65535, &v)) {
		*code = (uint16_t)v;
		*row = zl_rtype_get(*code);
		return true;
	}
	letter = (unsigned)(s[0] | 0x20) - 'a';
	if (letter >= 26) {
		return false;
	}
	(void)pthread_once(&by_letter_once, by_letter_init);
	for (k = 0; by_letter[letter][k] >= 0; k++) {
		const zl_rtype_t *t = &types[by_letter[letter][k]];

		if (name_len[by_letter[letter][k]] == n &&
		    same_upper(t->name, s, n)) {
			*code = t->code;
			*row = t;
			return true;
		}
	}
	return false;
}

/* --- the reader's state and messages ------------------------------------ */

typedef struct rp {
	const char *buf;
	const zl_token_t *tok;
	size_t ntok;
	size_t i;              /* the next token */
	const uint8_t *origin;
	size_t origin_len;
	uint8_t *out;          /* ZL_RDATA_MAX bytes */
	size_t len;
	char *why;
	size_t whylen;
	bool failed;           /* why holds the first reason */
	uint16_t type;
	unsigned last16;       /* the last 16-bit field read (KEY flags) */
	uint8_t before[3];     /* the first three octet fields, in order */
	size_t nbefore;
} rp_t;

static void fail(rp_t *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
fail(rp_t *p, const char *fmt, ...)
{
	va_list ap;

	if (p->failed) {
		return;
	}
	p->failed = true;
	if (p->whylen == 0) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(p->why, p->whylen, fmt, ap);
	va_end(ap);
}

const char *
zl_quote(const char *s, size_t n, char *out, size_t outlen)
{
	size_t i, o = 0;

	if (outlen == 0) {
		return out;
	}
	for (i = 0; i < n && i < QUOTE_MAX && o + 5 < outlen; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
			o += (size_t)snprintf(out + o, outlen - o, "\\x%02X",
			    c);
		} else {
			out[o++] = (char)c;
		}
	}
	if (i < n && o + 4 < outlen) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o < outlen ? o : outlen - 1] = '\0';
	return out;
}

#define q zl_quote
#define QBUF (QUOTE_MAX * 4 + 8)

static const zl_token_t *
next(rp_t *p, const char *what)
{
	if (p->i >= p->ntok) {
		fail(p, "missing %s", what);
		return NULL;
	}
	return &p->tok[p->i++];
}

/* A token that must not be quoted (a number, a name, an address). */
static const zl_token_t *
next_word(rp_t *p, const char *what)
{
	const zl_token_t *t = next(p, what);
	char b[QBUF];

	if (t != NULL && t->quoted) {
		fail(p, "%s expected, not the quoted string %s", what,
		    q(p->buf + t->off, t->len, b, sizeof(b)));
		return NULL;
	}
	return t;
}

static bool
put(rp_t *p, const void *data, size_t n)
{
	if (p->failed) {
		return false;
	}
	if (n > ZL_RDATA_MAX - p->len) {
		fail(p, "rdata longer than %u octets", ZL_RDATA_MAX);
		return false;
	}
	memcpy(p->out + p->len, data, n);
	p->len += n;
	return true;
}

static bool
put8(rp_t *p, unsigned v)
{
	uint8_t b = (uint8_t)v;

	return put(p, &b, 1);
}

static bool
put16(rp_t *p, unsigned v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	return put(p, b, 2);
}

static bool
put32(rp_t *p, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
		(uint8_t)(v >> 8), (uint8_t)v };

	return put(p, b, 4);
}

/* The text of a token without its quotes. */
static void
body(const rp_t *p, const zl_token_t *t, const char **s, size_t *n)
{
	*s = p->buf + t->off;
	*n = t->len;
	if (t->quoted) {
		*s += 1;
		*n = *n >= 2 ? *n - 2 : 0;
	}
}

/*
 * One octet of a string at s[*i], escapes decoded (RFC 1035 5.1: \DDD is
 * the octet DDD, \X is X).  -1 for a bad escape.
 */
static int
octet(const char *s, size_t n, size_t *i)
{
	unsigned v;

	if (s[*i] != '\\') {
		return (unsigned char)s[(*i)++];
	}
	if (*i + 1 >= n) {
		return -1;
	}
	if (s[*i + 1] >= '0' && s[*i + 1] <= '9') {
		if (*i + 3 >= n || s[*i + 2] < '0' || s[*i + 2] > '9' ||
		    s[*i + 3] < '0' || s[*i + 3] > '9') {
			return -1;
		}
		v = (unsigned)(s[*i + 1] - '0') * 100 +
		    (unsigned)(s[*i + 2] - '0') * 10 +
		    (unsigned)(s[*i + 3] - '0');
		if (v > 255) {
			return -1;
		}
		*i += 4;
		return (int)v;
	}
	*i += 2;
	return (unsigned char)s[*i - 1];
}

/* --- names ------------------------------------------------------------- */

static bool
name_fail(char *why, size_t whylen, const char *msg, const char *s,
    size_t len)
{
	char b[QBUF];

	if (whylen > 0) {
		snprintf(why, whylen, "\"%s\": %s", q(s, len, b, sizeof(b)),
		    msg);
	}
	return false;
}

#ifdef ZL_SCAN_SIMD
/*
 * The 16 bytes of text at s + at, those of `keep` (a bit each): false on
 * a backslash; each dot becomes, in out (the text's copy, one octet
 * further on), the length of the label before it, which starts after
 * *lab (false for an empty or long one), and *lab the dot's place in out.
 *
 * The bytes are read from the text, not from the copy in out: a load
 * over bytes just stored (by memcpy, and by the label lengths of the
 * block before) cannot be forwarded from those stores and waits for
 * them to reach the cache, which cost this function half its time.
 */
static bool
block_labels(const char *s, size_t at, unsigned keep, uint8_t *out,
    size_t *lab)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
	unsigned dots = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x,
	    _mm_set1_epi8('.'))) & keep;

	if (((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x,
	    _mm_set1_epi8('\\'))) & keep) != 0) {
		return false;
	}
	for (; dots != 0; dots &= dots - 1) {
		size_t d = at + 1 + (size_t)__builtin_ctz(dots);
		size_t ll = d - *lab - 1;

		if (ll == 0 || ll > LABEL_MAX) {
			return false;
		}
		out[*lab] = (uint8_t)ll;
		*lab = d;
	}
	return true;
}
#endif

/*
 * The common name, without escapes and well formed: copied whole behind
 * one octet, each dot then becomes the length of the label before it.
 * false for anything else (an escape, an empty or long label, too long),
 * which the general reader below reads, or refuses with its reason.
 */
static bool
name_plain(const char *s, size_t len, const uint8_t *origin,
    size_t origin_len, uint8_t *out, size_t *out_len)
{
	size_t k = 0, lab = 0;

	if (len + 1 > ZL_NAME_MAX) {
		return false;
	}
	memcpy(out + 1, s, len);
#ifdef ZL_SCAN_SIMD
	/* Whole blocks of 16 bytes of the text first; then the rest, under
	 * 16 bytes, in one more block: the text's last 16 bytes, those
	 * before k masked off.  A name under 16 bytes goes to the byte loop
	 * below, which is the definition, and reads all of it without SSE2:
	 * a block would read past the text. */
	if (len >= 16) {
		for (; k + 16 <= len; k += 16) {
			if (!block_labels(s, k, 0xffffu, out, &lab)) {
				return false;
			}
		}
		if (k < len && !block_labels(s, len - 16,
		    0xffffu << (k - (len - 16)), out, &lab)) {
			return false;
		}
		k = len;
	}
#endif
	for (; k < len; k++) {
		if (s[k] == '.') {
			size_t ll = k - lab;

			if (ll == 0 || ll > LABEL_MAX) {
				return false;
			}
			out[lab] = (uint8_t)ll;
			lab = k + 1;
		} else if (s[k] == '\\') {
			return false;
		}
	}
	if (s[len - 1] == '.') {
		out[lab] = 0; /* the last dot: the root label */
		*out_len = len + 1;
		return true;
	}
	if (len - lab > LABEL_MAX || len + 1 + origin_len > ZL_NAME_MAX) {
		return false;
	}
	out[lab] = (uint8_t)(len - lab);
	memcpy(out + len + 1, origin, origin_len);
	*out_len = len + 1 + origin_len;
	return true;
}

bool
zl_name_read(const char *s, size_t len, const uint8_t *origin,
    size_t origin_len, uint8_t *out, size_t *out_len, char *why,
    size_t whylen)
{
	size_t i = 0, w = 0, lab = 0;
	bool absolute = false;

	if (len == 0) {
		return name_fail(why, whylen, "no text", s, len);
	}
	if (len == 1 && s[0] == '@') {
		memcpy(out, origin, origin_len);
		*out_len = origin_len;
		return true;
	}
	if (len == 1 && s[0] == '.') {
		out[0] = 0;
		*out_len = 1;
		return true;
	}
	if (name_plain(s, len, origin, origin_len, out, out_len)) {
		return true;
	}
	/* out[lab] is the current label's length octet.  Runs of plain
	 * bytes are copied whole. */
	w = 1;
	while (i < len) {
		size_t j = i, run;
		int c;

		while (j < len && s[j] != '.' && s[j] != '\\') {
			j++;
		}
		run = j - i;
		if (run > 0) {
			if (w - lab - 1 + run > LABEL_MAX) {
				return name_fail(why, whylen,
				    "a label longer than 63 octets", s, len);
			}
			if (w + run >= ZL_NAME_MAX) {
				return name_fail(why, whylen,
				    "more than 255 octets", s, len);
			}
			memcpy(out + w, s + i, run);
			w += run;
			i = j;
			if (i == len) {
				break;
			}
		}
		if (s[i] == '.') {
			size_t ll = w - lab - 1;

			if (ll == 0) {
				return name_fail(why, whylen, "an empty label",
				    s, len);
			}
			out[lab] = (uint8_t)ll;
			lab = w++;
			i++;
			if (i == len) {
				absolute = true;
			}
			if (w > ZL_NAME_MAX) {
				return name_fail(why, whylen,
				    "more than 255 octets", s, len);
			}
			continue;
		}
		if ((c = octet(s, len, &i)) < 0) {
			return name_fail(why, whylen, "a bad escape", s,
			    len);
		}
		if (w - lab - 1 >= LABEL_MAX) {
			return name_fail(why, whylen,
			    "a label longer than 63 octets", s, len);
		}
		if (w >= ZL_NAME_MAX) {
			return name_fail(why, whylen, "more than 255 octets",
			    s, len);
		}
		out[w++] = (uint8_t)c;
	}
	if (absolute) {
		/* The last '.' left room for the root label. */
		out[lab] = 0;
		*out_len = w;
		return true;
	}
	out[lab] = (uint8_t)(w - lab - 1);
	if (w + origin_len > ZL_NAME_MAX) {
		return name_fail(why, whylen, "more than 255 octets with the "
		    "origin", s, len);
	}
	memcpy(out + w, origin, origin_len);
	*out_len = w + origin_len;
	return true;
}

bool
zl_wire_below(const uint8_t *name, size_t len, const uint8_t *origin,
    size_t olen)
{
	size_t i = 0;

	if (olen > len) {
		return false;
	}
	while (i < len - olen && name[i] != 0) {
		i += 1u + name[i];
	}
	if (i != len - olen) {
		return false;
	}
	if (memcmp(name + i, origin, olen) == 0) {
		return true; /* the same bytes: the common case */
	}
	for (; i < len; i++) {
		uint8_t a = name[i], b = origin[i - (len - olen)];

		a = a >= 'A' && a <= 'Z' ? (uint8_t)(a - 'A' + 'a') : a;
		b = b >= 'A' && b <= 'Z' ? (uint8_t)(b - 'A' + 'a') : b;
		if (a != b) {
			return false;
		}
	}
	return true;
}


static bool
read_name(rp_t *p)
{
	const zl_token_t *t = next_word(p, "domain name");
	uint8_t name[ZL_NAME_MAX];
	size_t n;
	char why[QBUF + 64];

	if (t == NULL) {
		return false;
	}
	if (!zl_name_read(p->buf + t->off, t->len, p->origin, p->origin_len,
	    name, &n, why, sizeof(why))) {
		fail(p, "bad domain name %s", why);
		return false;
	}
	return put(p, name, n);
}

/* --- numbers, addresses, strings ------------------------------------- */

static bool
read_uint(rp_t *p, uint64_t max, const char *what, uint64_t *v)
{
	const zl_token_t *t = next_word(p, what);
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	if (!decimal(p->buf + t->off, t->len, max, v)) {
		uint64_t big;

		if (decimal(p->buf + t->off, t->len, UINT64_MAX / 10, &big) ||
		    t->len > 19) {
			size_t k;

			for (k = 0; k < t->len && p->buf[t->off + k] >= '0' &&
			    p->buf[t->off + k] <= '9'; k++) {
			}
			if (k == t->len) {
				fail(p, "number \"%s\" larger than %llu",
				    q(p->buf + t->off, t->len, b, sizeof(b)),
				    (unsigned long long)max);
				return false;
			}
		}
		fail(p, "bad %s \"%s\": a number from 0 to %llu expected",
		    what, q(p->buf + t->off, t->len, b, sizeof(b)),
		    (unsigned long long)max);
		return false;
	}
	return true;
}

/* A dotted quad as inet_pton() reads it (and BIND): four decimal parts,
 * each at most 255, no leading zeros. */
static bool
ip4(const char *s, size_t n, uint8_t out[4])
{
	size_t i = 0, part;

	for (part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;

		if (part > 0) {
			if (i >= n || s[i] != '.') {
				return false;
			}
			i++;
		}
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (digits > 0 && v == 0) {
				return false;
			}
			v = v * 10 + (unsigned)(s[i] - '0');
			if (v > 255) {
				return false;
			}
			digits++;
			i++;
		}
		if (digits == 0) {
			return false;
		}
		out[part] = (uint8_t)v;
	}
	return i == n;
}

static bool
ip6(const char *s, size_t n, uint8_t out[16])
{
	char tmp[48];

	if (n == 0 || n >= sizeof(tmp)) {
		return false;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return inet_pton(AF_INET6, tmp, out) == 1;
}

static bool
read_ip(rp_t *p, bool v6)
{
	const zl_token_t *t = next_word(p, v6 ? "IPv6 address" :
	    "IPv4 address");
	uint8_t a[16];
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	if (!(v6 ? ip6(p->buf + t->off, t->len, a) :
	    ip4(p->buf + t->off, t->len, a))) {
		fail(p, "bad %s address \"%s\"", v6 ? "IPv6" : "IPv4",
		    q(p->buf + t->off, t->len, b, sizeof(b)));
		return false;
	}
	return put(p, a, v6 ? 16 : 4);
}

/*
 * A token's bytes, escapes decoded, into out (cap bytes): the number in
 * *n, false for a bad escape or more than cap bytes.
 */
static bool
unescape(const char *s, size_t len, uint8_t *out, size_t cap, size_t *n,
    bool *too_long)
{
	size_t i = 0, w = 0;

	*too_long = false;
	while (i < len) {
		int c = octet(s, len, &i);

		if (c < 0) {
			return false;
		}
		if (w == cap) {
			*too_long = true;
			return false;
		}
		out[w++] = (uint8_t)c;
	}
	*n = w;
	return true;
}

/* One character-string from token t: length octet and bytes. */
static bool
put_string(rp_t *p, const zl_token_t *t)
{
	const char *s;
	size_t n, w;
	uint8_t data[STRING_MAX];
	bool too_long;
	char b[QBUF];

	body(p, t, &s, &n);
	if (n <= STRING_MAX && memchr(s, '\\', n) == NULL) {
		/* No escapes: the bytes as they are. */
		return put8(p, (unsigned)n) && put(p, s, n);
	}
	if (!unescape(s, n, data, sizeof(data), &w, &too_long)) {
		fail(p, too_long ? "character-string longer than 255 octets: "
		    "\"%s\"" : "bad escape in \"%s\"", q(s, n, b, sizeof(b)));
		return false;
	}
	return put8(p, (unsigned)w) && put(p, data, w);
}

static bool
read_string(rp_t *p, const char *what)
{
	const zl_token_t *t = next(p, what);

	return t != NULL && put_string(p, t);
}

/* --- hex, base64, base32hex -------------------------------------------- */

/* Each byte's value as a digit, plus one: 0 for no digit.  One load and
 * no branch per byte; hex digits of mixed kinds defeat branch prediction. */
#define DIGITS10(b, v) \
	[(b) + 0] = (v) + 1, [(b) + 1] = (v) + 2, [(b) + 2] = (v) + 3, \
	[(b) + 3] = (v) + 4, [(b) + 4] = (v) + 5, [(b) + 5] = (v) + 6, \
	[(b) + 6] = (v) + 7, [(b) + 7] = (v) + 8, [(b) + 8] = (v) + 9, \
	[(b) + 9] = (v) + 10
#define DIGITS6(b, v) \
	[(b) + 0] = (v) + 1, [(b) + 1] = (v) + 2, [(b) + 2] = (v) + 3, \
	[(b) + 3] = (v) + 4, [(b) + 4] = (v) + 5, [(b) + 5] = (v) + 6

static const uint8_t hex_digit[256] = {
	DIGITS10('0', 0), DIGITS6('a', 10), DIGITS6('A', 10),
};

static const uint8_t b64_digit[256] = {
	DIGITS10('A', 0), DIGITS10('K', 10), DIGITS6('U', 20),
	DIGITS10('a', 26), DIGITS10('k', 36), DIGITS6('u', 46),
	DIGITS10('0', 52), ['+'] = 63, ['/'] = 64,
};

static int
hexval(unsigned char c)
{
	return hex_digit[c] - 1;
}

/*
 * Hex from the remaining tokens, joined (BIND and Knot let white space
 * split it anywhere); at least min octets.
 */
static bool
read_hex_rest(rp_t *p, size_t min, const char *what)
{
	size_t start = p->len, k;
	uint8_t *o;
	int hi = -1;
	char b[QBUF];

	for (; p->i < p->ntok; p->i++) {
		const zl_token_t *t = &p->tok[p->i];
		const char *s = p->buf + t->off;

		if (t->quoted) {
			fail(p, "%s: hex expected, not a quoted string", what);
			return false;
		}
		/* Room for the token's octets first (with the digit left
		 * over from the token before), then no check per digit but
		 * its value. */
		if ((t->len + (hi >= 0)) / 2 > ZL_RDATA_MAX - p->len) {
			fail(p, "rdata longer than %u octets", ZL_RDATA_MAX);
			return false;
		}
		k = 0;
		if (hi >= 0 && t->len > 0) {
			/* The second digit of an octet the token before began. */
			int v = hexval((unsigned char)s[0]);

			if (v < 0) {
				goto bad;
			}
			p->out[p->len++] = (uint8_t)(hi << 4 | v);
			hi = -1;
			k = 1;
		}
		/* Two digits at a time: hex_digit holds each digit's value
		 * plus one, 0 for any other byte.  (A local pointer: stores
		 * through p->out could change p->len, as far as the compiler
		 * knows.) */
		o = p->out + p->len;
#ifdef ZL_SCAN_SIMD
		/* Sixteen digits at a time where all sixteen are digits (a
		 * block with any other byte is left to the loop below, which
		 * names it): each byte's value, then each pair's two values
		 * joined in its 16-bit lane and packed to octets. */
		for (; k + 16 <= t->len; k += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(
			    const void *)(s + k));
			__m128i lc = _mm_or_si128(x, _mm_set1_epi8(0x20));
			__m128i dig = _mm_and_si128(_mm_cmpgt_epi8(x,
			    _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x,
			    _mm_set1_epi8('9' + 1)));
			__m128i let = _mm_and_si128(_mm_cmpgt_epi8(lc,
			    _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lc,
			    _mm_set1_epi8('f' + 1)));
			__m128i v;

			if (_mm_movemask_epi8(_mm_or_si128(dig, let)) !=
			    0xffff) {
				break;
			}
			v = _mm_or_si128(_mm_and_si128(dig, _mm_sub_epi8(x,
			    _mm_set1_epi8('0'))), _mm_andnot_si128(dig,
			    _mm_sub_epi8(lc, _mm_set1_epi8('a' - 10))));
			v = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(v,
			    _mm_set1_epi16(0x00ff)), 4), _mm_srli_epi16(v, 8));
			_mm_storel_epi64((__m128i *)(void *)o,
			    _mm_packus_epi16(v, v));
			o += 8;
		}
#endif
		for (; k + 1 < t->len; k += 2) {
			unsigned d1 = hex_digit[(unsigned char)s[k]];
			unsigned d2 = hex_digit[(unsigned char)s[k + 1]];

			if (d1 == 0 || d2 == 0) {
				goto bad;
			}
			*o++ = (uint8_t)((d1 - 1) << 4 | (d2 - 1));
		}
		p->len = (size_t)(o - p->out);
		if (k < t->len) {
			if ((hi = hexval((unsigned char)s[k])) < 0) {
				goto bad;
			}
		}
		continue;
bad:
		fail(p, "bad hex in the %s \"%s\"", what,
		    q(s, t->len, b, sizeof(b)));
		return false;
	}
	if (hi >= 0) {
		fail(p, "%s: an odd number of hex digits", what);
		return false;
	}
	if (p->len - start < min) {
		fail(p, "missing %s", what);
		return false;
	}
	return true;
}

static int
b64val(unsigned char c)
{
	return b64_digit[c] - 1;
}

/* Base64 (RFC 4648 4) decoder, fed a byte at a time. */
typedef struct b64 {
	uint32_t acc;
	unsigned n;   /* characters in acc (0-3) */
	unsigned pad; /* '=' seen */
} b64_t;

/* 0 ok, -1 bad. */
static int
b64_feed(rp_t *p, b64_t *d, unsigned char c)
{
	int v;

	if (c == '=') {
		/* "xx==" or "xxx=": padding ends a quantum. */
		if (d->n < 2 || d->pad + d->n >= 4) {
			return -1;
		}
		d->pad++;
		if (d->n + d->pad == 4) {
			if (d->n == 2) {
				if ((d->acc & 0xf) != 0) {
					return -1;
				}
				if (!put8(p, d->acc >> 4)) {
					return -1;
				}
			} else {
				if ((d->acc & 0x3) != 0) {
					return -1;
				}
				if (!put16(p, (d->acc >> 2) & 0xffff)) {
					return -1;
				}
			}
			d->n = 0;
			d->acc = 0;
			d->pad = 4; /* nothing may follow */
		}
		return 0;
	}
	if (d->pad > 0 || (v = b64val(c)) < 0) {
		return -1;
	}
	d->acc = d->acc << 6 | (uint32_t)v;
	if (++d->n == 4) {
		uint8_t o[3] = { (uint8_t)(d->acc >> 16), (uint8_t)(d->acc >> 8),
			(uint8_t)d->acc };

		if (!put(p, o, 3)) {
			return -1;
		}
		d->n = 0;
		d->acc = 0;
	}
	return 0;
}

/* Base64 from the remaining tokens, joined; at least min octets. */
static bool
read_b64_rest(rp_t *p, size_t min, const char *what)
{
	size_t start = p->len, k;
	b64_t d = { 0, 0, 0 };
	char b[QBUF];

	for (; p->i < p->ntok; p->i++) {
		const zl_token_t *t = &p->tok[p->i];
		const char *s = p->buf + t->off;

		if (t->quoted) {
			fail(p, "%s: base64 expected, not a quoted string",
			    what);
			return false;
		}
		for (k = 0; k < t->len; k++) {
			if (b64_feed(p, &d, (unsigned char)s[k]) != 0) {
				if (!p->failed) {
					fail(p, "bad base64 in the %s \"%s\"",
					    what, q(s, t->len, b, sizeof(b)));
				}
				return false;
			}
		}
	}
	if (d.n != 0 || (d.pad != 0 && d.pad != 4)) {
		fail(p, "%s: base64 that does not end on a whole quantum",
		    what);
		return false;
	}
	if (p->len - start < min) {
		fail(p, "missing %s", what);
		return false;
	}
	return true;
}

/* Base64 of one token into its own octets (ECH, HIP keys). */
static bool
b64_token(rp_t *p, const char *s, size_t n, const char *what)
{
	b64_t d = { 0, 0, 0 };
	size_t k;
	char b[QBUF];

	for (k = 0; k < n; k++) {
		if (b64_feed(p, &d, (unsigned char)s[k]) != 0) {
			if (!p->failed) {
				fail(p, "bad base64 in the %s \"%s\"", what,
				    q(s, n, b, sizeof(b)));
			}
			return false;
		}
	}
	if (d.n != 0 || (d.pad != 0 && d.pad != 4)) {
		fail(p, "%s: base64 that does not end on a whole quantum",
		    what);
		return false;
	}
	return true;
}

/* base32hex (RFC 4648 7), no padding, as NSEC3 writes it (RFC 5155 3.3):
 * an 8-bit length, then the octets. */
static bool
read_b32(rp_t *p)
{
	const zl_token_t *t = next_word(p, "next hashed owner name");
	size_t at, k;
	uint64_t acc = 0;
	unsigned bits = 0;
	char b[QBUF];

	if (t == NULL || !put8(p, 0)) {
		return false;
	}
	at = p->len - 1;
	for (k = 0; k < t->len; k++) {
		unsigned char c = (unsigned char)p->buf[t->off + k];
		int v;

		if (c >= '0' && c <= '9') {
			v = c - '0';
		} else if (c >= 'a' && c <= 'v') {
			v = c - 'a' + 10;
		} else if (c >= 'A' && c <= 'V') {
			v = c - 'A' + 10;
		} else {
			fail(p, "bad base32hex in the next hashed owner name "
			    "\"%s\"", q(p->buf + t->off, t->len, b,
			    sizeof(b)));
			return false;
		}
		acc = acc << 5 | (uint64_t)v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			if (!put8(p, (unsigned)(acc >> bits) & 0xff)) {
				return false;
			}
		}
	}
	/* The leftover bits are padding: fewer than 5, all zero. */
	if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0) {
		fail(p, "bad base32hex length in the next hashed owner name "
		    "\"%s\"", q(p->buf + t->off, t->len, b, sizeof(b)));
		return false;
	}
	if (p->len - at - 1 == 0 || p->len - at - 1 > 255) {
		fail(p, "next hashed owner name of %zu octets (1 to 255)",
		    p->len - at - 1);
		return false;
	}
	p->out[at] = (uint8_t)(p->len - at - 1);
	return true;
}

/* NSEC3 salt: "-" for none, else hex, after an 8-bit length. */
static bool
read_salt(rp_t *p)
{
	const zl_token_t *t = next_word(p, "salt");
	size_t at, k;
	char b[QBUF];

	if (t == NULL || !put8(p, 0)) {
		return false;
	}
	at = p->len - 1;
	if (t->len == 1 && p->buf[t->off] == '-') {
		return true;
	}
	if (t->len % 2 != 0 || t->len > 2 * 255) {
		fail(p, "bad salt \"%s\": an even number of hex digits, at "
		    "most 510", q(p->buf + t->off, t->len, b, sizeof(b)));
		return false;
	}
	for (k = 0; k < t->len; k += 2) {
		int hi = hexval((unsigned char)p->buf[t->off + k]);
		int lo = hexval((unsigned char)p->buf[t->off + k + 1]);

		if (hi < 0 || lo < 0) {
			fail(p, "bad hex in the salt \"%s\"",
			    q(p->buf + t->off, t->len, b, sizeof(b)));
			return false;
		}
		if (!put8(p, (unsigned)(hi << 4 | lo))) {
			return false;
		}
	}
	p->out[at] = (uint8_t)(t->len / 2);
	return true;
}

/* --- mnemonics, times, bitmaps ----------------------------------------- */

static bool
read_type(rp_t *p, uint16_t *code)
{
	const zl_token_t *t = next_word(p, "record type");
	const zl_rtype_t *row;
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	if (!zl_rtype_lookup(p->buf + t->off, t->len, code, &row)) {
		fail(p, "unknown record type \"%s\"", q(p->buf + t->off,
		    t->len, b, sizeof(b)));
		return false;
	}
	return true;
}

/* DNSSEC algorithm numbers by name (RFC 4034 A.1, RFC 8624). */
static const struct mnemonic {
	const char *name;
	unsigned value;
} algorithms[] = {
	/* BIND 9.18's names (dns_secalg_fromtext), not all IANA's. */
	{ "RSAMD5", 1 }, { "DH", 2 }, { "DSA", 3 }, { "RSASHA1", 5 },
	{ "NSEC3DSA", 6 }, { "NSEC3RSASHA1", 7 }, { "RSASHA256", 8 },
	{ "RSASHA512", 10 }, { "ECCGOST", 12 }, { "ECDSAP256SHA256", 13 },
	{ "ECDSA256", 13 }, { "ECDSAP384SHA384", 14 }, { "ECDSA384", 14 },
	{ "ED25519", 15 }, { "ED448", 16 }, { "INDIRECT", 252 },
	{ "PRIVATEDNS", 253 }, { "PRIVATEOID", 254 },
}, digest_types[] = {
	/* dns_dsdigest_fromtext */
	{ "SHA-1", 1 }, { "SHA1", 1 }, { "SHA-256", 2 }, { "SHA256", 2 },
	{ "GOST", 3 }, { "SHA-384", 4 }, { "SHA384", 4 },
}, cert_types[] = {
	/* RFC 4398 2.1 */
	{ "PKIX", 1 }, { "SPKI", 2 }, { "PGP", 3 }, { "IPKIX", 4 },
	{ "ISPKI", 5 }, { "IPGP", 6 }, { "ACPKIX", 7 }, { "IACPKIX", 8 },
	{ "URI", 253 }, { "OID", 254 },
}, dsync_schemes[] = {
	{ "NOTIFY", 1 }, /* RFC 9859 */
};

static bool
read_mnemonic(rp_t *p, const struct mnemonic *m, size_t nm, uint64_t max,
    const char *what, uint64_t *v)
{
	const zl_token_t *t = next_word(p, what);
	size_t k;
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	if (decimal(p->buf + t->off, t->len, max, v)) {
		return true;
	}
	for (k = 0; k < nm; k++) {
		if (strlen(m[k].name) == t->len &&
		    strncasecmp(m[k].name, p->buf + t->off, t->len) == 0) {
			*v = m[k].value;
			return true;
		}
	}
	fail(p, "bad %s \"%s\"", what, q(p->buf + t->off, t->len, b,
	    sizeof(b)));
	return false;
}

static bool
leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * An RRSIG time (RFC 4034 3.2): YYYYMMDDHHmmSS in UTC, kept modulo 2^32
 * (serial number arithmetic, RFC 1982), or a number of seconds of at most
 * ten digits.
 */
static bool
read_time(rp_t *p, const char *what, bool seconds_ok)
{
	static const unsigned mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
		30, 31, 30, 31 };
	const zl_token_t *t = next_word(p, what);
	const char *s;
	uint64_t v, f[6];
	int64_t days = 0;
	unsigned y, m;
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	s = p->buf + t->off;
	if (seconds_ok && t->len <= 10 && t->len != 0 && decimal(s, t->len,
	    UINT32_MAX, &v)) {
		return put32(p, (uint32_t)v);
	}
	if (t->len != 14 || !decimal(s, 4, 9999, &f[0]) ||
	    !decimal(s + 4, 2, 99, &f[1]) || !decimal(s + 6, 2, 99, &f[2]) ||
	    !decimal(s + 8, 2, 99, &f[3]) || !decimal(s + 10, 2, 99, &f[4]) ||
	    !decimal(s + 12, 2, 99, &f[5]) || f[1] < 1 ||
	    f[1] > 12 || f[2] < 1 || f[3] > 23 || f[4] > 59 || f[5] > 60 ||
	    f[2] > mdays[f[1] - 1] + (f[1] == 2 && leap((unsigned)f[0]))) {
		fail(p, "bad %s \"%s\": YYYYMMDDHHmmSS expected", what,
		    q(s, t->len, b, sizeof(b)));
		return false;
	}
	/* Years before 1970 count back (BIND reads them; Knot does not). */
	for (y = 1970; y < f[0]; y++) {
		days += leap(y) ? 366 : 365;
	}
	for (y = (unsigned)f[0]; y < 1970; y++) {
		days -= leap(y) ? 366 : 365;
	}
	for (m = 1; m < f[1]; m++) {
		days += mdays[m - 1] + (m == 2 && leap((unsigned)f[0]));
	}
	days += (int64_t)f[2] - 1;
	v = (uint64_t)(days * 86400 + (int64_t)(f[3] * 3600 + f[4] * 60 +
	    f[5]));
	return put32(p, (uint32_t)(v & 0xffffffffu));
}

/* Type bitmaps: which types were named, then the wire form. */
typedef struct typeset {
	uint8_t bits[8192];
	unsigned max;
	bool any;
} typeset_t;

static bool
read_typeset(rp_t *p, typeset_t *ts, unsigned limit)
{
	memset(ts->bits, 0, sizeof(ts->bits));
	ts->any = false;
	ts->max = 0;
	while (p->i < p->ntok) {
		uint16_t code;
		char b[QBUF];
		const zl_token_t *t = &p->tok[p->i];

		if (!read_type(p, &code)) {
			return false;
		}
		if (code > limit) {
			fail(p, "type \"%s\" does not fit in this bitmap",
			    q(p->buf + t->off, t->len, b, sizeof(b)));
			return false;
		}
		ts->bits[code / 8] |= (uint8_t)(0x80 >> (code % 8));
		if (!ts->any || code > ts->max) {
			ts->max = code;
		}
		ts->any = true;
	}
	return true;
}

/* RFC 4034 4.1.2: window, length, bitmap, for each window in use. */
static bool
read_bitmap(rp_t *p)
{
	typeset_t ts;
	unsigned w;

	if (!read_typeset(p, &ts, 65535)) {
		return false;
	}
	for (w = 0; ts.any && w <= ts.max / 256; w++) {
		const uint8_t *win = ts.bits + w * 32;
		unsigned n = 32;

		while (n > 0 && win[n - 1] == 0) {
			n--;
		}
		if (n == 0) {
			continue;
		}
		if (!put8(p, w) || !put8(p, n) || !put(p, win, n)) {
			return false;
		}
	}
	return true;
}

/* RFC 2535 5.2: one bitmap of types 1 to 127. */
static bool
read_nxtmap(rp_t *p)
{
	typeset_t ts;
	size_t n;

	if (!read_typeset(p, &ts, 127)) {
		return false;
	}
	n = ts.any ? ts.max / 8 + 1 : 0;
	return put(p, ts.bits, n);
}

/* EUI-48 or EUI-64 (RFC 7043 3.2, 4.2): pairs of hex digits and '-'. */
static bool
read_eui(rp_t *p, size_t octets)
{
	const zl_token_t *t = next_word(p, "address");
	const char *s;
	uint8_t a[8];
	size_t k;
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	s = p->buf + t->off;
	if (t->len != octets * 3 - 1) {
		goto bad;
	}
	for (k = 0; k < octets; k++) {
		int hi = hexval((unsigned char)s[3 * k]);
		int lo = hexval((unsigned char)s[3 * k + 1]);

		if (hi < 0 || lo < 0 || (k + 1 < octets && s[3 * k + 2] !=
		    '-')) {
			goto bad;
		}
		a[k] = (uint8_t)(hi << 4 | lo);
	}
	return put(p, a, octets);
bad:
	fail(p, "bad EUI-%zu address \"%s\"", octets * 8, q(s, t->len, b,
	    sizeof(b)));
	return false;
}

/* RFC 6742 2.1: four groups of one to four hex digits, ':' between. */
static bool
read_ilnp(rp_t *p)
{
	const zl_token_t *t = next_word(p, "locator");
	const char *s;
	size_t k = 0, g;
	uint8_t a[8];
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	s = p->buf + t->off;
	for (g = 0; g < 4; g++) {
		unsigned v = 0, digits = 0;

		while (k < t->len && hexval((unsigned char)s[k]) >= 0) {
			v = v << 4 | (unsigned)hexval((unsigned char)s[k]);
			k++;
			if (++digits > 4) {
				goto bad;
			}
		}
		if (digits == 0) {
			goto bad;
		}
		if (g < 3) {
			if (k >= t->len || s[k] != ':') {
				goto bad;
			}
			k++;
		}
		a[2 * g] = (uint8_t)(v >> 8);
		a[2 * g + 1] = (uint8_t)v;
	}
	if (k != t->len) {
		goto bad;
	}
	return put(p, a, 8);
bad:
	fail(p, "bad locator \"%s\": xxxx:xxxx:xxxx:xxxx expected",
	    q(s, t->len, b, sizeof(b)));
	return false;
}

/* --- LOC, APL, WKS ----------------------------------------------------- */

/*
 * "[-]D[.F]" with at most frac fraction digits, scaled by 10^frac into *v;
 * a trailing 'm' is allowed when unit is set (LOC's metres).
 */
static bool
fixed(const char *s, size_t n, unsigned frac, bool neg_ok, bool unit,
    int64_t *v)
{
	size_t i = 0;
	int64_t x = 0;
	unsigned digits = 0, fd = 0;
	bool neg = false;

	if (unit && n > 0 && s[n - 1] == 'm') {
		n--;
	}
	bool plus = false;

	if (neg_ok && i < n && (s[i] == '-' || s[i] == '+')) {
		neg = s[i] == '-';
		plus = !neg;
		i++;
	}
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		x = x * 10 + (s[i] - '0');
		if (++digits > 12) {
			return false;
		}
	}
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (++fd > frac) {
				return false;
			}
			x = x * 10 + (s[i] - '0');
		}
	}
	/* BIND reads ".5" and "-.5", but "+" only before digits. */
	if (i != n || (digits == 0 && (fd == 0 || plus))) {
		return false;
	}
	for (; fd < frac; fd++) {
		x *= 10;
	}
	*v = neg ? -x : x;
	return true;
}

/* RFC 1876 appendix A: centimetres as mantissa and power of ten. */
static uint8_t
precsize(int64_t cm)
{
	int64_t pow = 1;
	unsigned e = 0, m;

	while (e < 9 && cm >= pow * 10) {
		pow *= 10;
		e++;
	}
	m = (unsigned)(cm / pow);
	return (uint8_t)((m > 9 ? 9 : m) << 4 | e);
}

static bool
loc_word(rp_t *p, const zl_token_t **t)
{
	if (p->i >= p->ntok || p->tok[p->i].quoted) {
		*t = NULL;
		return false;
	}
	*t = &p->tok[p->i];
	return true;
}

/* One coordinate: degrees [minutes [seconds]] and a hemisphere. */
static bool
loc_coord(rp_t *p, unsigned maxdeg, char pos, char neg, uint32_t *out)
{
	const zl_token_t *t;
	int64_t part[3] = { 0, 0, 0 };
	int64_t ms;
	size_t k;
	char h;

	for (k = 0; k < 3; k++) {
		if (!loc_word(p, &t)) {
			return false;
		}
		h = p->buf[t->off];
		if (k > 0 && t->len == 1 && (h == pos || h == neg)) {
			break;
		}
		if (!fixed(p->buf + t->off, t->len, k == 2 ? 3 : 0, false,
		    false, &part[k])) {
			return false;
		}
		p->i++;
	}
	if (!loc_word(p, &t) || t->len != 1) {
		return false;
	}
	h = p->buf[t->off]; /* upper case only, as BIND */
	if (h != pos && h != neg) {
		return false;
	}
	p->i++;
	if (part[0] > maxdeg || part[1] > 59 || part[2] > 59999) {
		return false;
	}
	ms = part[0] * 3600000 + part[1] * 60000 + part[2];
	if (ms > (int64_t)maxdeg * 3600000) {
		return false;
	}
	*out = (uint32_t)((int64_t)0x80000000 + (h == pos ? ms : -ms));
	return true;
}

static bool
read_loc(rp_t *p)
{
	uint32_t lat, lon;
	int64_t alt, v[3] = { 100, 1000000, 1000 }; /* RFC 1876 defaults */
	const zl_token_t *t;
	size_t k;

	if (!loc_coord(p, 90, 'N', 'S', &lat) ||
	    !loc_coord(p, 180, 'E', 'W', &lon)) {
		fail(p, "bad LOC coordinates: d [m [s]] N|S d [m [s]] E|W "
		    "expected");
		return false;
	}
	if (!loc_word(p, &t) || !fixed(p->buf + t->off, t->len, 2, true,
	    true, &alt) || alt < -10000000 || alt > 4284967295LL) {
		fail(p, "bad LOC altitude: -100000.00 to 42849672.95 metres");
		return false;
	}
	p->i++;
	for (k = 0; k < 3 && p->i < p->ntok; k++) {
		/* BIND bounds the metres, not the centimetres. */
		if (!loc_word(p, &t) || !fixed(p->buf + t->off, t->len, 2,
		    false, true, &v[k]) || v[k] > 9000000099LL) {
			fail(p, "bad LOC size or precision: 0 to 90000000.00 "
			    "metres");
			return false;
		}
		p->i++;
	}
	return put8(p, 0) && put8(p, precsize(v[0])) &&
	    put8(p, precsize(v[1])) && put8(p, precsize(v[2])) &&
	    put32(p, lat) && put32(p, lon) &&
	    put32(p, (uint32_t)(alt + 10000000));
}

/* RFC 3123 4: [!]afi:address/prefix, as many as written. */
static bool
read_apl(rp_t *p)
{
	char b[QBUF];

	while (p->i < p->ntok) {
		const zl_token_t *t = next_word(p, "APL item");
		const char *s, *colon, *slash;
		uint8_t a[16];
		uint64_t afi, plen;
		size_t n, alen;
		bool neg;

		if (t == NULL) {
			return false;
		}
		s = p->buf + t->off;
		n = t->len;
		neg = n > 0 && s[0] == '!';
		if (neg) {
			s++;
			n--;
		}
		colon = memchr(s, ':', n);
		slash = colon ? memchr(colon, '/', n - (size_t)(colon - s)) :
		    NULL;
		if (colon == NULL || slash == NULL ||
		    !decimal(s, (size_t)(colon - s), 65535, &afi) ||
		    (afi != 1 && afi != 2) ||
		    !decimal(slash + 1, n - (size_t)(slash + 1 - s),
		    afi == 1 ? 32 : 128, &plen) ||
		    !(afi == 1 ? ip4(colon + 1, (size_t)(slash - colon - 1), a)
		    : ip6(colon + 1, (size_t)(slash - colon - 1), a))) {
			fail(p, "bad APL item \"%s\": [!]afi:address/prefix "
			    "expected", q(p->buf + t->off, t->len, b,
			    sizeof(b)));
			return false;
		}
		alen = afi == 1 ? 4 : 16;
		while (alen > 0 && a[alen - 1] == 0) {
			alen--;
		}
		if (!put16(p, (unsigned)afi) || !put8(p, (unsigned)plen) ||
		    !put8(p, (unsigned)alen | (neg ? 0x80u : 0)) ||
		    !put(p, a, alen)) {
			return false;
		}
	}
	return true;
}

/* RFC 1035 3.4.2: address, protocol, then the services as a bitmap. */
static bool
read_wks(rp_t *p)
{
	uint8_t map[8192];
	uint64_t proto, port;
	size_t n = 0;
	const zl_token_t *t;
	char b[QBUF];

	if (!read_ip(p, false)) {
		return false;
	}
	t = next_word(p, "protocol");
	if (t == NULL) {
		return false;
	}
	if (t->len == 3 && strncasecmp(p->buf + t->off, "tcp", 3) == 0) {
		proto = 6;
	} else if (t->len == 3 && strncasecmp(p->buf + t->off, "udp",
	    3) == 0) {
		proto = 17;
	} else if (!decimal(p->buf + t->off, t->len, 255, &proto)) {
		fail(p, "bad WKS protocol \"%s\": tcp, udp or 0-255",
		    q(p->buf + t->off, t->len, b, sizeof(b)));
		return false;
	}
	if (!put8(p, (unsigned)proto)) {
		return false;
	}
	memset(map, 0, sizeof(map));
	while (p->i < p->ntok) {
		t = next_word(p, "port");
		if (t == NULL) {
			return false;
		}
		if (!decimal(p->buf + t->off, t->len, 65535, &port)) {
			fail(p, "bad WKS service \"%s\": a port number "
			    "expected (service names depend on the system and "
			    "are not read)", q(p->buf + t->off, t->len, b,
			    sizeof(b)));
			return false;
		}
		map[port / 8] |= (uint8_t)(0x80 >> (port % 8));
		if (port / 8 + 1 > n) {
			n = (size_t)(port / 8 + 1);
		}
	}
	return put(p, map, n);
}

/* --- SVCB and HTTPS (RFC 9460) ----------------------------------------- */

static const char *const svc_keys[] = {
	/* BIND 9.18 knows no name for key 8 (ohttp, RFC 9540): key8. */
	"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech",
	"ipv6hint", "dohpath",
};
#define SVC_NKEYS (sizeof(svc_keys) / sizeof(svc_keys[0]))

/*
 * A key by name or as keyNNNNN: -1 when it is neither.  *generic tells
 * the keyNNNNN form, whose value is the wire form as written (RFC 9460
 * 2.1).  Names are compared in any case when anycase is set (BIND, in
 * mandatory lists), exactly otherwise.
 */
static long
svc_key(const char *s, size_t n, bool anycase, bool *generic)
{
	size_t k;
	uint64_t v;

	*generic = false;
	for (k = 0; k < SVC_NKEYS; k++) {
		if (strlen(svc_keys[k]) == n && (anycase ?
		    strncasecmp(svc_keys[k], s, n) : memcmp(svc_keys[k], s,
		    n)) == 0) {
			return (long)k;
		}
	}
	if (n > 3 && (anycase ? strncasecmp(s, "key", 3) : memcmp(s, "key",
	    3)) == 0 && (n == 4 || s[3] != '0') &&
	    decimal(s + 3, n - 3, 65535, &v)) {
		*generic = true;
		return (long)v;
	}
	return -1;
}

/*
 * Split a value-list (RFC 9460 A.1) at commas that are not escaped; each
 * item, with "\," and "\\" undone, goes to item().  The value has had its
 * zone-file escapes decoded already.
 */
static bool
svc_list(rp_t *p, const uint8_t *v, size_t n,
    bool (*item)(rp_t *, const uint8_t *, size_t, void *), void *ctx)
{
	uint8_t one[256];
	size_t k = 0, w = 0;

	for (;;) {
		if (k == n || v[k] == ',') {
			if (w == 0 || !item(p, one, w, ctx)) {
				if (!p->failed) {
					fail(p, "empty item in a value list");
				}
				return false;
			}
			if (k == n) {
				return true;
			}
			w = 0;
			k++;
			continue;
		}
		if (v[k] == '\\') {
			if (k + 1 == n) {
				fail(p, "a backslash at the end of a value list");
				return false;
			}
			k++;
		}
		if (w == sizeof(one)) {
			fail(p, "value list item longer than 255 octets");
			return false;
		}
		one[w++] = v[k++];
	}
}

static bool
svc_alpn(rp_t *p, const uint8_t *s, size_t n, void *ctx)
{
	(void)ctx;
	if (n > 255) {
		fail(p, "alpn id longer than 255 octets");
		return false;
	}
	return put8(p, (unsigned)n) && put(p, s, n);
}

static bool
svc_addr(rp_t *p, const uint8_t *s, size_t n, void *ctx)
{
	bool v6 = *(bool *)ctx;
	uint8_t a[16];

	if (!(v6 ? ip6((const char *)s, n, a) : ip4((const char *)s, n, a))) {
		fail(p, "bad %s address in a hint", v6 ? "IPv6" : "IPv4");
		return false;
	}
	return put(p, a, v6 ? 16 : 4);
}

static bool
svc_mkey(rp_t *p, const uint8_t *s, size_t n, void *ctx)
{
	bool generic;
	long k = svc_key((const char *)s, n, true, &generic);

	(void)ctx;
	if (k < 0 || k == 0) {
		fail(p, "bad key in mandatory");
		return false;
	}
	return put16(p, (unsigned)k);
}

static int
cmp_key(const void *a, const void *b)
{
	const uint8_t *x = a, *y = b;

	return memcmp(x, y, 2);
}

/* Sort the 16-bit keys written at out[from..len) (in network order, so
 * memcmp orders them); a key named twice fails. */
static bool
sort_keys(rp_t *p, size_t from)
{
	size_t n = (p->len - from) / 2, a;
	uint8_t *k = p->out + from;

	qsort(k, n, 2, cmp_key);
	for (a = 1; a < n; a++) {
		if (memcmp(k + 2 * a - 2, k + 2 * a, 2) == 0) {
			fail(p, "a key named twice in mandatory");
			return false;
		}
	}
	return true;
}

/* One parameter's value, decoded, in wire form after its key and length. */
static bool
svc_value(rp_t *p, long key, const uint8_t *v, size_t n, bool has)
{
	bool v6;
	uint64_t port;
	size_t from;

	switch (key) {
	case 0: /* mandatory */
		from = p->len;
		return has && svc_list(p, v, n, svc_mkey, NULL) &&
		    sort_keys(p, from);
	case 1: /* alpn */
		return has && svc_list(p, v, n, svc_alpn, NULL);
	case 2: /* no-default-alpn */
		if (has) {
			fail(p, "%s takes no value", svc_keys[key]);
			return false;
		}
		return true;
	case 3:
		if (!has || !decimal((const char *)v, n, 65535, &port)) {
			fail(p, "bad port: 0 to 65535");
			return false;
		}
		return put16(p, (unsigned)port);
	case 4:
	case 6:
		v6 = key == 6;
		return has && svc_list(p, v, n, svc_addr, &v6);
	case 5: /* ech: BIND takes it empty too */
		return !has || n == 0 || b64_token(p, (const char *)v, n,
		    "ech value");
	case 7:
		return has && put(p, v, n);
	default:
		return put(p, v, n);
	}
}

/* A parameter's place in the rdata, to sort them by key. */
typedef struct svc_at {
	unsigned key;
	size_t off;
	size_t len;
} svc_at_t;

static int
cmp_at(const void *a, const void *b)
{
	const svc_at_t *x = a, *y = b;

	if (x->key != y->key) {
		return x->key < y->key ? -1 : 1;
	}
	return x->off < y->off ? -1 : x->off > y->off;
}

/* RFC 9460 2.2: in wire form the keys are in increasing order, each once;
 * the text may give them in any order. */
static bool
sort_params(rp_t *p, size_t start, size_t count)
{
	size_t total = p->len - start, at = 0, k;
	uint8_t *copy = malloc(total ? total : 1);
	svc_at_t *ats = malloc(count * sizeof(*ats));

	if (copy == NULL || ats == NULL) {
		free(copy);
		free(ats);
		fail(p, "out of memory");
		return false;
	}
	memcpy(copy, p->out + start, total);
	for (k = 0; k < count; k++) {
		ats[k].key = (unsigned)copy[at] << 8 | copy[at + 1];
		ats[k].off = at;
		ats[k].len = 4 + ((size_t)copy[at + 2] << 8 | copy[at + 3]);
		at += ats[k].len;
	}
	qsort(ats, count, sizeof(*ats), cmp_at);
	p->len = start;
	for (k = 0; k < count; k++) {
		if (k > 0 && ats[k].key == ats[k - 1].key) {
			fail(p, "an SVCB key given twice");
			break;
		}
		(void)put(p, copy + ats[k].off, ats[k].len);
	}
	free(copy);
	free(ats);
	return !p->failed;
}

/* The parameters: key[=value] tokens; a quoted value is its own token
 * right after "key=", with nothing between. */
static bool
read_svc(rp_t *p)
{
	size_t start = p->len, count = 0;
	bool sorted = true;
	long prev = -1;
	char b[QBUF];

	while (p->i < p->ntok) {
		const zl_token_t *t = next_word(p, "parameter");
		const char *s, *eq, *vs;
		size_t vn, kn, w = 0, pos, n;
		uint8_t *val;
		long key;
		bool has, too_long = false, ok, generic;

		if (t == NULL) {
			return false;
		}
		s = p->buf + t->off;
		eq = memchr(s, '=', t->len);
		kn = eq ? (size_t)(eq - s) : t->len;
		key = svc_key(s, kn, false, &generic);
		if (key < 0) {
			fail(p, "bad SVCB key \"%s\"", q(s, kn, b, sizeof(b)));
			return false;
		}
		has = eq != NULL;
		vs = eq ? eq + 1 : s + t->len;
		vn = eq ? t->len - kn - 1 : 0;
		if (has && vn == 0 && p->i < p->ntok &&
		    p->tok[p->i].quoted &&
		    p->tok[p->i].off == t->off + t->len) {
			body(p, &p->tok[p->i], &vs, &vn);
			p->i++;
		}
		if (!put16(p, (unsigned)key) || !put16(p, 0)) {
			return false;
		}
		pos = p->len;
		val = malloc(vn ? vn : 1);
		if (val == NULL) {
			fail(p, "out of memory");
			return false;
		}
		/* BIND reads address and key lists without escapes. */
		if (!generic && (key == 0 || key == 4 || key == 6) &&
		    memchr(vs, '\\', vn) != NULL) {
			free(val);
			fail(p, "escapes in the value of %s", svc_keys[key]);
			return false;
		}
		ok = unescape(vs, vn, val, vn, &w, &too_long) &&
		    (generic ? put(p, val, w) : svc_value(p, key, val, w,
		    has));
		free(val);
		if (!ok) {
			if (!p->failed) {
				fail(p, "bad value of the SVCB key \"%s\"",
				    q(s, kn, b, sizeof(b)));
			}
			return false;
		}
		n = p->len - pos;
		if (n > 65535) {
			fail(p, "rdata longer than 65535 octets");
			return false;
		}
		p->out[pos - 2] = (uint8_t)(n >> 8);
		p->out[pos - 1] = (uint8_t)n;
		if (key <= prev) {
			sorted = false;
		}
		prev = key;
		count++;
	}
	return sorted || sort_params(p, start, count);
}

/* --- the other composite fields --------------------------------------- */

/* RFC 4025 2: gateway by the type in the second field, then the key. */
static bool
read_ipsecgw(rp_t *p)
{
	const zl_token_t *t;

	switch (p->before[1]) {
	case 0:
		t = next_word(p, "gateway");
		if (t == NULL) {
			return false;
		}
		if (t->len != 1 || p->buf[t->off] != '.') {
			fail(p, "gateway type 0 takes \".\" as its gateway");
			return false;
		}
		break;
	case 1:
		if (!read_ip(p, false)) {
			return false;
		}
		break;
	case 2:
		if (!read_ip(p, true)) {
			return false;
		}
		break;
	case 3:
		if (!read_name(p)) {
			return false;
		}
		break;
	default:
		fail(p, "gateway type %u: 0 to 3 expected", p->before[1]);
		return false;
	}
	return read_b64_rest(p, 0, "public key");
}

/* RFC 8005 5: algorithm, HIT in hex, key in base64, servers. */
static bool
read_hip(rp_t *p)
{
	uint64_t alg;
	const zl_token_t *hit, *key;
	size_t at, hl, kl, save;

	if (!read_uint(p, 255, "PK algorithm", &alg)) {
		return false;
	}
	at = p->len;
	if (!put8(p, 0) || !put8(p, (unsigned)alg) || !put16(p, 0)) {
		return false;
	}
	hit = next_word(p, "HIT");
	if (hit == NULL) {
		return false;
	}
	/* One token each: read them as if they were the last. */
	save = p->ntok;
	p->ntok = p->i;
	p->i--;
	if (!read_hex_rest(p, 1, "HIT")) {
		return false;
	}
	hl = p->len - at - 4;
	p->ntok = save;
	key = next_word(p, "public key");
	if (key == NULL) {
		return false;
	}
	p->ntok = p->i;
	p->i--;
	if (!read_b64_rest(p, 1, "public key")) {
		return false;
	}
	p->ntok = save;
	kl = p->len - at - 4 - hl;
	if (hl > 255) {
		fail(p, "HIT longer than 255 octets");
		return false;
	}
	p->out[at] = (uint8_t)hl;
	p->out[at + 2] = (uint8_t)(kl >> 8);
	p->out[at + 3] = (uint8_t)kl;
	while (p->i < p->ntok) {
		if (!read_name(p)) {
			return false;
		}
	}
	return true;
}

/* RFC 8777 4.2: D bit, type, relay. */
static bool
read_amt(rp_t *p)
{
	uint64_t d, type;
	const zl_token_t *t;

	if (!read_uint(p, 1, "discovery optional bit", &d) ||
	    !read_uint(p, 127, "relay type", &type)) {
		return false;
	}
	if (!put8(p, (unsigned)(d << 7 | type))) {
		return false;
	}
	switch (type) {
	case 0:
		t = next_word(p, "relay");
		if (t == NULL) {
			return false;
		}
		if (t->len != 1 || p->buf[t->off] != '.') {
			fail(p, "relay type 0 takes \".\" as its relay");
			return false;
		}
		return true;
	case 1:
		return read_ip(p, false);
	case 2:
		return read_ip(p, true);
	case 3:
		return read_name(p);
	default:
		fail(p, "relay type %u: 0 to 3 expected", (unsigned)type);
		return false;
	}
}

/* GPOS (RFC 1712 3): a number as a character-string. */
static bool
read_float(rp_t *p)
{
	const zl_token_t *t = next(p, "coordinate");
	const char *s;
	size_t n, k = 0;
	unsigned digits = 0;
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	body(p, t, &s, &n);
	if (k < n && (s[k] == '-' || s[k] == '+')) {
		k++;
	}
	for (; k < n && s[k] >= '0' && s[k] <= '9'; k++) {
		digits++;
	}
	if (k < n && s[k] == '.') {
		for (k++; k < n && s[k] >= '0' && s[k] <= '9'; k++) {
			digits++;
		}
	}
	/* RFC 1712 3 says a real number; BIND takes any string, and so
	 * does this reader (tests/peer/TYPEDIFF.md). */
	(void)digits;
	(void)b;
	return put_string(p, t);
}

/* The bytes of a token, escapes decoded, with no length octet. */
static bool
put_raw(rp_t *p, const zl_token_t *t, size_t min, const char *what)
{
	const char *s;
	size_t n, w;
	bool too_long;
	char b[QBUF];

	body(p, t, &s, &n);
	if (!unescape(s, n, p->out + p->len, ZL_RDATA_MAX - p->len, &w,
	    &too_long)) {
		if (too_long) {
			fail(p, "rdata longer than %u octets", ZL_RDATA_MAX);
		} else {
			fail(p, "bad escape in the %s \"%s\"", what,
			    q(s, n, b, sizeof(b)));
		}
		return false;
	}
	if (w < min) {
		fail(p, "empty %s", what);
		return false;
	}
	p->len += w;
	return true;
}

static bool
read_uri(rp_t *p)
{
	const zl_token_t *t = next(p, "target");

	/* RFC 7553 4.4 writes the target quoted; BIND refuses it bare. */
	if (t != NULL && !t->quoted) {
		fail(p, "the URI target is written in double quotes");
		return false;
	}
	return t != NULL && put_raw(p, t, 0, "target");
}

/* RFC 8659 4.1: a tag of letters and digits, then the value. */
static bool
read_caa(rp_t *p)
{
	const zl_token_t *t = next_word(p, "tag");
	size_t k;
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	for (k = 0; k < t->len; k++) {
		char c = p->buf[t->off + k];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))) {
			break;
		}
	}
	if (t->len == 0 || k != t->len || t->len > 255) {
		fail(p, "bad CAA tag \"%s\": letters and digits expected",
		    q(p->buf + t->off, t->len, b, sizeof(b)));
		return false;
	}
	if (!put8(p, (unsigned)t->len) || !put(p, p->buf + t->off, t->len)) {
		return false;
	}
	t = next(p, "value");
	return t != NULL && put_raw(p, t, 0, "value");
}

/* RFC 1706 5: "0x" and an even number of hex digits, dots anywhere. */
static bool
read_nsap(rp_t *p)
{
	const zl_token_t *t = next_word(p, "NSAP address");
	const char *s;
	size_t k, start = p->len;
	int hi = -1;
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	s = p->buf + t->off;
	if (t->len < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) {
		goto bad;
	}
	for (k = 2; k < t->len; k++) {
		int v;

		if (s[k] == '.') {
			continue;
		}
		if ((v = hexval((unsigned char)s[k])) < 0) {
			goto bad;
		}
		if (hi < 0) {
			hi = v;
		} else {
			if (!put8(p, (unsigned)(hi << 4 | v))) {
				return false;
			}
			hi = -1;
		}
	}
	if (hi >= 0 || p->len == start) {
		goto bad;
	}
	return true;
bad:
	fail(p, "bad NSAP address \"%s\": 0x and an even number of hex "
	    "digits expected", q(s, t->len, b, sizeof(b)));
	return false;
}

/*
 * A dot in an ATM address is a separator BIND drops: it must stand
 * between two digits, so "+.1", "39." and "39..24" are refused, as
 * named-checkzone 9.18 refuses them.
 */
static bool
atma_dot_ok(const char *s, size_t first, size_t k, size_t len)
{
	return k > first && k + 1 < len && s[k - 1] != '.' && s[k + 1] != '.';
}

/*
 * ATM address: "+" and E.164 digits (format 1), or hex (format 0); in
 * both, dots may separate digits and are not part of the wire form.
 */
static bool
read_atma(rp_t *p)
{
	const zl_token_t *t = next_word(p, "ATM address");
	const char *s;
	size_t k;
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	s = p->buf + t->off;
	if (t->len > 1 && s[0] == '+') {
		if (!put8(p, 1)) {
			return false;
		}
		for (k = 1; k < t->len; k++) {
			if (s[k] == '.' && atma_dot_ok(s, 1, k, t->len)) {
				continue;
			}
			if (s[k] < '0' || s[k] > '9') {
				goto bad;
			}
			if (!put8(p, (unsigned char)s[k])) {
				return false;
			}
		}
		return true;
	}
	/* AESA format: hex digits. */
	{
		size_t k2, start;
		int hi = -1;

		if (!put8(p, 0)) {
			return false;
		}
		start = p->len;
		for (k2 = 0; k2 < t->len; k2++) {
			int v;

			if (s[k2] == '.' && atma_dot_ok(s, 0, k2, t->len)) {
				continue;
			}
			if ((v = hexval((unsigned char)s[k2])) < 0) {
				goto bad;
			}
			if (hi < 0) {
				hi = v;
			} else if (!put8(p, (unsigned)(hi << 4 | v))) {
				return false;
			} else {
				hi = -1;
			}
		}
		if (hi >= 0 || p->len == start) {
			goto bad;
		}
		return true;
	}
bad:
	fail(p, "bad ATM address \"%s\"", q(s, t->len, b, sizeof(b)));
	return false;
}

/* RFC 2874 3.1: prefix length, address suffix, prefix name. */
static bool
read_a6(rp_t *p)
{
	uint64_t plen;
	uint8_t a[16];
	const zl_token_t *t;
	size_t skip;
	char b[QBUF];

	if (!read_uint(p, 128, "prefix length", &plen) ||
	    !put8(p, (unsigned)plen)) {
		return false;
	}
	if (plen < 128) {
		t = next_word(p, "address suffix");
		if (t == NULL) {
			return false;
		}
		if (!ip6(p->buf + t->off, t->len, a)) {
			fail(p, "bad IPv6 address \"%s\"", q(p->buf + t->off,
			    t->len, b, sizeof(b)));
			return false;
		}
		skip = (size_t)plen / 8;
		/* The prefix's bits in the first octet are pad, zero. */
		a[skip] &= (uint8_t)(0xff >> (plen % 8));
		if (!put(p, a + skip, 16 - skip)) {
			return false;
		}
	}
	return plen == 0 || read_name(p);
}

/* RFC draft-durand-doa-over-dns 3: media type, then base64 or "-". */
static bool
read_doa(rp_t *p)
{
	if (!read_string(p, "media type")) {
		return false;
	}
	if (p->i + 1 == p->ntok && p->tok[p->i].len == 1 &&
	    !p->tok[p->i].quoted && p->buf[p->tok[p->i].off] == '-') {
		p->i++;
		return true;
	}
	return read_b64_rest(p, 0, "data");
}

/* RFC 1183 3.1: a PSDN address, digits. */
static bool
read_x25(rp_t *p)
{
	const zl_token_t *t = next(p, "PSDN address");
	const char *s;
	size_t n, k;
	char b[QBUF];

	if (t == NULL) {
		return false;
	}
	body(p, t, &s, &n);
	for (k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9') {
			break;
		}
	}
	if (n < 4 || k != n) {
		fail(p, "bad PSDN address \"%s\": at least four digits",
		    q(s, n, b, sizeof(b)));
		return false;
	}
	return put_string(p, t);
}

/* --- one record's rdata ------------------------------------------------ */

static bool
read_field(rp_t *p, uint8_t kind)
{
	uint64_t v;
	const zl_token_t *t;
	char b[QBUF];

	switch (kind) {
	case F_U8:
	case F_ALG:
	case F_DSYNCSCHEME:
	case F_DIGESTTYPE:
		if (kind == F_U8 ? !read_uint(p, 255, "number", &v) :
		    kind == F_ALG ? !read_mnemonic(p, algorithms,
		    sizeof(algorithms) / sizeof(algorithms[0]), 255,
		    "algorithm", &v) : kind == F_DIGESTTYPE ?
		    !read_mnemonic(p, digest_types, sizeof(digest_types) /
		    sizeof(digest_types[0]), 255, "digest type", &v) :
		    !read_mnemonic(p, dsync_schemes, 1, 255, "scheme", &v)) {
			return false;
		}
		if (p->nbefore < sizeof(p->before)) {
			p->before[p->nbefore++] = (uint8_t)v;
		}
		return put8(p, (unsigned)v);
	case F_U16:
		if (!read_uint(p, 65535, "number", &v)) {
			return false;
		}
		p->last16 = (unsigned)v;
		return put16(p, (unsigned)v);
	case F_U32:
		return read_uint(p, UINT32_MAX, "number", &v) &&
		    put32(p, (uint32_t)v);
	case F_PERIOD:
		t = next_word(p, "time value");
		if (t == NULL) {
			return false;
		}
		if (zg_period_parse(p->buf + t->off, t->len, &v) != NULL ||
		    v > UINT32_MAX) {
			fail(p, "bad time value \"%s\": seconds (at most "
			    "4294967295) or a TTL such as 1h30m",
			    q(p->buf + t->off, t->len, b, sizeof(b)));
			return false;
		}
		return put32(p, (uint32_t)v);
	case F_CERTTYPE:
		return read_mnemonic(p, cert_types, sizeof(cert_types) /
		    sizeof(cert_types[0]), 65535, "certificate type", &v) &&
		    put16(p, (unsigned)v);
	case F_NAME:
		return read_name(p);
	case F_IP4:
		return read_ip(p, false);
	case F_IP6:
		return read_ip(p, true);
	case F_STR:
		return read_string(p, "character-string");
	case F_STRS:
		if (p->i >= p->ntok) {
			fail(p, "missing character-string");
			return false;
		}
		while (p->i < p->ntok) {
			if (!read_string(p, "character-string")) {
				return false;
			}
		}
		return true;
	case F_STR1OPT:
		return p->i >= p->ntok || read_string(p, "character-string");
	case F_HEX:
	case F_DIGEST:
		return read_hex_rest(p, 1, kind == F_HEX ? "data" :
		    "digest");
	case F_HEX0:
		return read_hex_rest(p, 0, "data");
	case F_SALT:
		return read_salt(p);
	case F_B32:
		return read_b32(p);
	case F_B64:
		return read_b64_rest(p, 1, "base64 data");
	case F_B64_0:
		return read_b64_rest(p, 0, "base64 data");
	case F_TYPE: {
		uint16_t code;

		return read_type(p, &code) && put16(p, code);
	}
	case F_TIME:
	case F_DTIME:
		return read_time(p, "time", kind == F_TIME);
	case F_KEY:
		/* RFC 2535 3.1.2: flags 11 in the top bits say "no key". */
		return (p->last16 & 0xc000) == 0xc000 ||
		    read_b64_rest(p, 1, "public key");
	case F_BITMAP:
		return read_bitmap(p);
	case F_NXTMAP:
		return read_nxtmap(p);
	case F_EUI48:
		return read_eui(p, 6);
	case F_EUI64:
		return read_eui(p, 8);
	case F_ILNP64:
		return read_ilnp(p);
	case F_LOC:
		return read_loc(p);
	case F_APL:
		return read_apl(p);
	case F_WKS:
		return read_wks(p);
	case F_SVC:
		return read_svc(p);
	case F_IPSECGW:
		return read_ipsecgw(p);
	case F_HIP:
		return read_hip(p);
	case F_AMT:
		return read_amt(p);
	case F_FLOAT:
		return read_float(p);
	case F_URI:
		return read_uri(p);
	case F_CAA:
		return read_caa(p);
	case F_NSAP:
		return read_nsap(p);
	case F_ATMA:
		return read_atma(p);
	case F_A6:
		return read_a6(p);
	case F_DOA:
		return read_doa(p);
	case F_X25:
		return read_x25(p);
	default:
		fail(p, "internal error: field kind %u", kind);
		return false;
	}
}

/* RFC 3597 5: "\# LEN HEX", exactly LEN octets. */
static bool
read_generic(rp_t *p)
{
	uint64_t n;
	const zl_token_t *t;
	char b[QBUF];

	p->i = 1;
	t = next_word(p, "rdata length after \\#");
	if (t == NULL) {
		return false;
	}
	if (!decimal(p->buf + t->off, t->len, 65535, &n)) {
		fail(p, "bad rdata length \"%s\" after \\#: 0 to 65535",
		    q(p->buf + t->off, t->len, b, sizeof(b)));
		return false;
	}
	if (!read_hex_rest(p, 0, "\\# data")) {
		return false;
	}
	if (p->len != n) {
		fail(p, "\\# data of %zu octets where the length says %llu",
		    p->len, (unsigned long long)n);
		return false;
	}
	return true;
}

bool
zl_rdata_read(uint16_t type, const char *buf, const zl_token_t *tok,
    size_t ntok, const uint8_t *origin, size_t origin_len, uint8_t *out,
    size_t *out_len, char *why, size_t whylen)
{
	const zl_rtype_t *row = zl_rtype_get(type);
	rp_t p;
	size_t k;
	char b[QBUF];

	if (whylen > 0) {
		why[0] = '\0';
	}
	/* The commonest rdata, one name or one address, without the
	 * field loop; anything else, and anything wrong, goes the general
	 * way, which says what. */
	if (row != NULL && row->flags == 0 && ntok == 1 && !tok[0].quoted) {
		const char *s = buf + tok[0].off;

		if (row->fields == f_name && !(tok[0].len == 2 &&
		    s[0] == '\\' && s[1] == '#') && zl_name_read(s,
		    tok[0].len, origin, origin_len, out, out_len, NULL, 0)) {
			return true;
		}
		if (row->fields == f_ip4 && ip4(s, tok[0].len, out)) {
			*out_len = 4;
			return true;
		}
		if (row->fields == f_ip6 && ip6(s, tok[0].len, out)) {
			*out_len = 16;
			return true;
		}
	}
	memset(&p, 0, sizeof(p));
	p.buf = buf;
	p.tok = tok;
	p.ntok = ntok;
	p.origin = origin;
	p.origin_len = origin_len;
	p.out = out;
	p.why = why;
	p.whylen = whylen;
	p.type = type;
	if (type == 0) {
		fail(&p, "type 0 is reserved (RFC 6895 3.1)");
		return false;
	}
	if ((row != NULL && (row->flags & ZL_TYPE_META)) ||
	    (type >= 128 && type <= 255)) {
		/* RFC 6895 3.1: only in queries or as meta records. */
		fail(&p, "a meta type cannot be zone data");
		return false;
	}
	if (row != NULL && (row->flags & ZL_TYPE_OBSOLETE)) {
		fail(&p, "%s is obsolete (RFC 973): use MX", row->name);
		return false;
	}
	if (ntok > 0 && !tok[0].quoted && tok[0].len == 2 &&
	    memcmp(buf + tok[0].off, "\\#", 2) == 0) {
		if (!read_generic(&p)) {
			return false;
		}
	} else if (row == NULL) {
		fail(&p, "TYPE%u is not a type known here: write its rdata "
		    "as \\# LENGTH HEX (RFC 3597)", type);
		return false;
	} else if (row->flags & ZL_TYPE_GENERIC) {
		fail(&p, "%s has no text form: write its rdata as \\# LENGTH "
		    "HEX (RFC 3597)", row->name);
		return false;
	} else {
		for (k = 0; row->fields[k] != F_END; k++) {
			if (!read_field(&p, row->fields[k])) {
				return false;
			}
		}
		if (p.i < p.ntok) {
			fail(&p, "extra text \"%s\" after the rdata",
			    q(buf + tok[p.i].off, tok[p.i].len, b,
			    sizeof(b)));
			return false;
		}
		if (!(row->flags & ZL_TYPE_CHECK)) {
			/* Text read field by field is well formed by
			 * construction; only checks across fields remain. */
			*out_len = p.len;
			return true;
		}
	}
	if (!zl_rdata_wire_ok(type, out, p.len, why, whylen)) {
		return false;
	}
	*out_len = p.len;
	return true;
}

/* --- wire data checked as its type requires ---------------------------- */

typedef struct wc {
	const uint8_t *d;
	size_t n;
	size_t at;
	uint8_t before[3];
	size_t nbefore;
	const char *bad; /* what was wrong */
} wc_t;

static bool
wbad(wc_t *w, const char *what)
{
	if (w->bad == NULL) {
		w->bad = what;
	}
	return false;
}

static bool
wtake(wc_t *w, size_t k, const char *what)
{
	if (w->n - w->at < k) {
		return wbad(w, what);
	}
	w->at += k;
	return true;
}

static bool
wname(wc_t *w)
{
	size_t total = 0;

	for (;;) {
		uint8_t l;

		if (w->at >= w->n) {
			return wbad(w, "a domain name cut short");
		}
		l = w->d[w->at];
		if (l > LABEL_MAX) {
			return wbad(w, "a compressed or bad domain name");
		}
		total += (size_t)l + 1;
		if (total > ZL_NAME_MAX) {
			return wbad(w, "a domain name longer than 255 octets");
		}
		if (!wtake(w, (size_t)l + 1, "a domain name cut short")) {
			return false;
		}
		if (l == 0) {
			return true;
		}
	}
}

static bool
wstring(wc_t *w)
{
	return w->at < w->n ? wtake(w, (size_t)w->d[w->at] + 1,
	    "a character-string cut short") : wbad(w,
	    "a missing character-string");
}

static unsigned
w16(const wc_t *w, size_t at)
{
	return (unsigned)w->d[at] << 8 | w->d[at + 1];
}

static bool
wbitmap(wc_t *w)
{
	int prev = -1;

	while (w->at < w->n) {
		unsigned win, len;

		if (w->n - w->at < 2) {
			return wbad(w, "a type bitmap cut short");
		}
		win = w->d[w->at];
		len = w->d[w->at + 1];
		if ((int)win <= prev || len == 0 || len > 32 ||
		    w->n - w->at - 2 < len || w->d[w->at + 1 + len] == 0) {
			return wbad(w, "a bad type bitmap");
		}
		prev = (int)win;
		w->at += 2 + len;
	}
	return true;
}

static bool
wprecsize(uint8_t v)
{
	/* A mantissa of 0 with a power of ten is no size (BIND). */
	return (v >> 4) <= 9 && (v & 0xf) <= 9 &&
	    ((v >> 4) != 0 || (v & 0xf) == 0);
}

/* A LOC latitude or longitude: 2^31 plus or minus at most max degrees
 * in thousandths of a second of arc. */
static bool
wcoord(const uint8_t *d, uint32_t max)
{
	uint32_t v = (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
	    (uint32_t)d[2] << 8 | d[3];
	uint32_t lim = max * 3600000u;

	return v >= 0x80000000u - lim && v - (0x80000000u - lim) <= 2 * lim;
}

/* "{?dns}" somewhere in s[0..n). */
static bool
has_dns_variable(const uint8_t *s, size_t n)
{
	size_t k;

	for (k = 0; k + 6 <= n; k++) {
		if (memcmp(s + k, "{?dns}", 6) == 0) {
			return true;
		}
	}
	return false;
}

/* Well-formed UTF-8 (RFC 3629 4): no overlong forms, no surrogates. */
static bool
utf8_ok(const uint8_t *s, size_t n)
{
	size_t k = 0;

	while (k < n) {
		uint8_t c = s[k];
		size_t more, j;
		uint32_t cp, min;

		if (c < 0x80) {
			k++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			more = 1, cp = c & 0x1f, min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			more = 2, cp = c & 0x0f, min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			more = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if (n - k - 1 < more) {
			return false;
		}
		for (j = 1; j <= more; j++) {
			if ((s[k + j] & 0xc0) != 0x80) {
				return false;
			}
			cp = cp << 6 | (s[k + j] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 &&
		    cp <= 0xdfff)) {
			return false;
		}
		k += more + 1;
	}
	return true;
}

static bool
wsvc(wc_t *w)
{
	long prev = -1;

	while (w->at < w->n) {
		unsigned key, len;
		size_t v, k;

		if (w->n - w->at < 4) {
			return wbad(w, "an SVCB parameter cut short");
		}
		key = w16(w, w->at);
		len = w16(w, w->at + 2);
		w->at += 4;
		v = w->at;
		if ((long)key <= prev) {
			return wbad(w, "SVCB keys out of order or repeated");
		}
		prev = (long)key;
		if (!wtake(w, len, "an SVCB value cut short")) {
			return false;
		}
		switch (key) {
		case 0:
			if (len == 0 || len % 2 != 0) {
				return wbad(w, "a bad mandatory list");
			}
			for (k = 2; k < len; k += 2) {
				if (w16(w, v + k) <= w16(w, v + k - 2)) {
					return wbad(w, "a bad mandatory list");
				}
			}
			break;
		case 1:
			if (len == 0) {
				return wbad(w, "an empty alpn list");
			}
			for (k = 0; k < len; k += (size_t)w->d[v + k] + 1) {
				if (w->d[v + k] == 0 ||
				    len - k < (size_t)w->d[v + k] + 1) {
					return wbad(w, "a bad alpn list");
				}
			}
			break;
		case 2:
			if (len != 0) {
				return wbad(w, "a value where none belongs");
			}
			break;
		case 3:
			if (len != 2) {
				return wbad(w, "a port that is not 16 bits");
			}
			break;
		case 7: /* dohpath, RFC 9461 5: a relative URI template with
			 * {?dns}, in UTF-8 */
			if (len < 7 || w->d[v] != '/' ||
			    !has_dns_variable(w->d + v, len) ||
			    !utf8_ok(w->d + v, len)) {
				return wbad(w, "a dohpath that is not a "
				    "relative URI template with {?dns}");
			}
			break;
		case 4:
		case 6:
			if (len == 0 || len % (key == 4 ? 4 : 16) != 0) {
				return wbad(w, "a bad address hint");
			}
			break;
		default:
			break;
		}
	}
	return true;
}

static bool
wapl(wc_t *w)
{
	while (w->at < w->n) {
		unsigned afi, prefix, len;

		if (w->n - w->at < 4) {
			return wbad(w, "an APL item cut short");
		}
		afi = w16(w, w->at);
		prefix = w->d[w->at + 2];
		len = w->d[w->at + 3] & 0x7f;
		w->at += 4;
		if ((afi == 1 && (prefix > 32 || len > 4)) ||
		    (afi == 2 && (prefix > 128 || len > 16))) {
			return wbad(w, "a bad APL item");
		}
		if (!wtake(w, len, "an APL item cut short")) {
			return false;
		}
		if (len > 0 && w->d[w->at - 1] == 0) {
			return wbad(w, "an APL address with trailing zeros");
		}
	}
	return true;
}

static bool
wfield(wc_t *w, uint8_t kind)
{
	size_t start = w->at;

	switch (kind) {
	case F_U8:
	case F_ALG:
	case F_DSYNCSCHEME:
	case F_DIGESTTYPE:
		if (!wtake(w, 1, "a field cut short")) {
			return false;
		}
		if (w->nbefore < sizeof(w->before)) {
			w->before[w->nbefore++] = w->d[start];
		}
		return true;
	case F_U16:
	case F_TYPE:
	case F_CERTTYPE:
		return wtake(w, 2, "a field cut short");
	case F_U32:
	case F_PERIOD:
	case F_TIME:
	case F_DTIME:
	case F_IP4:
		return wtake(w, 4, "a field cut short");
	case F_IP6:
		return wtake(w, 16, "an IPv6 address cut short");
	case F_EUI48:
		return wtake(w, 6, "an address cut short");
	case F_EUI64:
	case F_ILNP64:
		return wtake(w, 8, "an address cut short");
	case F_NAME:
		return wname(w);
	case F_STR:
	case F_FLOAT:
	case F_X25:
		return wstring(w);
	case F_STRS:
		do {
			if (!wstring(w)) {
				return false;
			}
		} while (w->at < w->n);
		return true;
	case F_STR1OPT:
		return w->at == w->n || wstring(w);
	case F_HEX:
	case F_DIGEST:
	case F_B64:
	case F_NSAP:
		if (w->at == w->n) {
			return wbad(w, "missing data");
		}
		w->at = w->n;
		return true;
	case F_HEX0:
	case F_B64_0:
	case F_NXTMAP:
	case F_URI:
	case F_KEY: /* checked with the flags in type_check() */
		w->at = w->n;
		return true;
	case F_SALT:
		return w->at < w->n && wtake(w, (size_t)w->d[w->at] + 1,
		    "a salt cut short");
	case F_B32:
		if (w->at >= w->n || w->d[w->at] == 0 ||
		    !wtake(w, (size_t)w->d[w->at] + 1, "a hash cut short")) {
			return wbad(w, "a bad next hashed owner name");
		}
		/* RFC 5155 5: SHA-1 (algorithm 1) hashes are 20 octets. */
		if (w->before[0] == 1 && w->d[start] != 20) {
			return wbad(w, "a next hashed owner name that is not "
			    "the 20 octets of a SHA-1 hash");
		}
		return true;
	case F_BITMAP:
		return wbitmap(w);
	case F_LOC:
		/* RFC 1876 2: version 0 is 16 octets with sizes as mantissa
		 * and exponent and coordinates in range; BIND keeps other
		 * versions as they are. */
		if (w->at < w->n && w->d[w->at] != 0) {
			w->at = w->n;
			return true;
		}
		if (w->n - w->at != 16 || !wprecsize(w->d[w->at + 1]) ||
		    !wprecsize(w->d[w->at + 2]) ||
		    !wprecsize(w->d[w->at + 3]) ||
		    !wcoord(w->d + w->at + 4, 90) ||
		    !wcoord(w->d + w->at + 8, 180)) {
			return wbad(w, "bad LOC data (version 0, 16 octets)");
		}
		w->at = w->n;
		return true;
	case F_APL:
		return wapl(w);
	case F_WKS:
		return wtake(w, 5, "WKS data cut short") &&
		    (w->n - w->at <= 8192 || wbad(w, "a WKS bitmap too long")) &&
		    (w->at = w->n, true);
	case F_SVC:
		return wsvc(w);
	case F_IPSECGW:
		switch (w->before[1]) {
		case 0: break;
		case 1: if (!wtake(w, 4, "a gateway cut short")) return false;
			break;
		case 2: if (!wtake(w, 16, "a gateway cut short")) return false;
			break;
		case 3: if (!wname(w)) return false;
			break;
		default: return wbad(w, "a bad gateway type");
		}
		w->at = w->n;
		return true;
	case F_HIP: {
		size_t hl, kl;

		if (w->n - w->at < 4) {
			return wbad(w, "HIP data cut short");
		}
		hl = w->d[w->at];
		kl = w16(w, w->at + 2);
		if (hl == 0 || kl == 0 || !wtake(w, 4 + hl + kl,
		    "HIP data cut short")) {
			return wbad(w, "bad HIP data");
		}
		while (w->at < w->n) {
			if (!wname(w)) {
				return false;
			}
		}
		return true;
	}
	case F_AMT: {
		unsigned type;

		if (w->at >= w->n) {
			return wbad(w, "AMTRELAY data cut short");
		}
		type = w->d[w->at++] & 0x7f;
		switch (type) {
		case 0: return true;
		case 1: return wtake(w, 4, "a relay cut short");
		case 2: return wtake(w, 16, "a relay cut short");
		case 3: return wname(w);
		default: return wbad(w, "a bad relay type");
		}
	}
	case F_CAA: {
		size_t k, tl;

		if (w->at >= w->n || (tl = w->d[w->at]) == 0 ||
		    w->n - w->at - 1 < tl) {
			return wbad(w, "a bad CAA tag");
		}
		for (k = 1; k <= tl; k++) {
			uint8_t c = w->d[w->at + k];

			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9'))) {
				return wbad(w, "a bad CAA tag");
			}
		}
		w->at = w->n;
		return true;
	}
	case F_ATMA:
		if (w->n - w->at < 2) {
			return wbad(w, "ATMA data cut short");
		}
		w->at = w->n;
		return true;
	case F_A6: {
		unsigned plen;

		if (w->at >= w->n || (plen = w->d[w->at]) > 128) {
			return wbad(w, "a bad A6 prefix length");
		}
		w->at++;
		if (!wtake(w, 16 - plen / 8, "an A6 suffix cut short")) {
			return false;
		}
		return plen == 0 || wname(w);
	}
	case F_DOA:
		if (!wstring(w)) {
			return false;
		}
		w->at = w->n;
		return true;
	default:
		return wbad(w, "an unknown field");
	}
}

/* Digest lengths fixed by an algorithm number (0: any). */
static size_t
digest_len(uint16_t type, const uint8_t *b)
{
	switch (type) {
	case 43: case 59: case 32768: case 32769: /* DS, CDS, TA, DLV */
		switch (b[1]) {
		case 1: return 20;  /* SHA-1, RFC 4034 5.1.4 */
		case 2: return 32;  /* SHA-256, RFC 4509 */
		/* 3, GOST (RFC 5933): BIND takes any length */
		case 4: return 48;  /* SHA-384, RFC 6605 */
		default: return 0;
		}
	case 44: /* SSHFP, RFC 4255 3.1.2, RFC 6594 */
		return b[1] == 1 ? 20 : b[1] == 2 ? 32 : 0;
	case 63: /* ZONEMD, RFC 8976 2.2.3 */
		return b[1] == 1 ? 48 : b[1] == 2 ? 64 : 0;
	default:
		return 0;
	}
}

/* SVCB (RFC 9460 8): every key that mandatory lists is present, and
 * no-default-alpn comes with alpn. */
static const char *
svc_mandatory(const uint8_t *d, size_t n)
{
	size_t at = 2, k; /* after the priority: the target name */

	while (at < n && d[at] != 0) {
		at += (size_t)d[at] + 1;
	}
	at++;
	/* RFC 9460 7.1.1: no-default-alpn goes with alpn (BIND). */
	{
		size_t q = at;
		bool alpn = false, nodef = false;

		while (q + 4 <= n) {
			unsigned key = (unsigned)d[q] << 8 | d[q + 1];

			alpn |= key == 1;
			nodef |= key == 2;
			q += 4 + ((size_t)d[q + 2] << 8 | d[q + 3]);
		}
		if (nodef && !alpn) {
			return "no-default-alpn without alpn";
		}
	}
	if (at > n || n - at < 4 || d[at] != 0 || d[at + 1] != 0) {
		return NULL; /* no mandatory key (keys are in order) */
	}
	{
		/* Both lists are in increasing order (checked before): one
		 * walk through the two, linear in the rdata. */
		size_t mlen = (size_t)d[at + 2] << 8 | d[at + 3];
		const uint8_t *m = d + at + 4;
		size_t q = at + 4 + mlen;

		for (k = 0; k + 1 < mlen; k += 2) {
			unsigned want = (unsigned)m[k] << 8 | m[k + 1];

			while (q + 4 <= n &&
			    ((unsigned)d[q] << 8 | d[q + 1]) < want) {
				q += 4 + ((size_t)d[q + 2] << 8 | d[q + 3]);
			}
			if (q + 4 > n || ((unsigned)d[q] << 8 | d[q + 1]) !=
			    want) {
				return "a key in mandatory that the record "
				    "does not have";
			}
		}
	}
	return NULL;
}

/*
 * NAPTR (RFC 3403 4.1): the regexp is empty or "delim ere delim repl
 * delim flags" with one delimiter byte (not a digit, not a backslash) and
 * "i" as the only flag, as BIND checks.  d is well-formed NAPTR rdata.
 */
static const char *
naptr_regexp(const uint8_t *d, size_t n)
{
	size_t at = 4, k, len, count = 0;
	uint8_t delim;

	(void)n;
	at += (size_t)d[at] + 1; /* flags */
	at += (size_t)d[at] + 1; /* services */
	len = d[at++];
	if (len == 0) {
		return NULL;
	}
	delim = d[at];
	if (delim == '\\' || (delim >= '0' && delim <= '9') || delim == 0) {
		return "a regexp whose delimiter is a digit or a backslash";
	}
	for (k = 0; k < len; k++) {
		uint8_t c = d[at + k];

		if (count == 3) {
			if (c != 'i') {
				return "a regexp with a flag other than i";
			}
			continue;
		}
		if (c == '\\') {
			k++;
			continue;
		}
		count += c == delim;
	}
	return count == 3 ? NULL : "a regexp that is not delim ERE delim "
	    "replacement delim (RFC 3403 4.1)";
}

/* Checks across fields, on well-formed wire data. */
static const char *
type_check(uint16_t type, const uint8_t *d, size_t n)
{
	unsigned flags = n >= 2 ? (unsigned)d[0] << 8 | d[1] : 0;

	switch (type) {
	case 25: /* KEY, RFC 2535 3.1.2: "no key" flags, no key */
		if ((flags & 0xc000) == 0xc000 && n > 4) {
			return "a key where the flags say there is none";
		}
		if ((flags & 0xc000) != 0xc000 && n <= 4) {
			return "no key, and the flags do not say so";
		}
		return NULL;
	case 35: /* NAPTR */
		return naptr_regexp(d, n);
	case 47: { /* NSEC: at least one type (BIND; the NSEC itself) */
		size_t at = 0;

		while (at < n && d[at] != 0) {
			at += (size_t)d[at] + 1;
		}
		return at + 1 >= n ? "an NSEC record without types" : NULL;
	}
	case 57: /* RKEY: BIND refuses flags other than 0 */
		return flags != 0 ? "RKEY flags other than 0" : NULL;
	case 64:
	case 65:
		return svc_mandatory(d, n);
	default:
		return NULL;
	}
}

bool
zl_rdata_wire_ok(uint16_t type, const uint8_t *rdata, size_t len,
    char *why, size_t whylen)
{
	const zl_rtype_t *row = zl_rtype_get(type);
	wc_t w;
	size_t k, want;

	if (row == NULL || (row->flags & ZL_TYPE_GENERIC)) {
		return true;
	}
	/* DS and its kin, a quarter of a TLD's records: key tag, algorithm,
	 * digest type and a digest of the length its type takes, as the
	 * walk below finds (it has no check of the type for them); anything
	 * else goes the walk, which says what is wrong. */
	if (row->fields == f_ds && len >= 5) {
		want = digest_len(type, rdata + 2);
		if (want == 0 || len - 4 == want) {
			return true;
		}
	}
	memset(&w, 0, sizeof(w));
	w.d = rdata;
	w.n = len;
	for (k = 0; row->fields[k] != F_END; k++) {
		size_t before = w.at;

		if (!wfield(&w, row->fields[k])) {
			goto bad;
		}
		if (row->fields[k] == F_DIGEST) {
			want = digest_len(type, w.before);
			if (type == 63 && w.at - before < 12) {
				/* RFC 8976 2.2.4 */
				w.bad = "a digest shorter than 12 octets";
				goto bad;
			}
			if (want != 0 && w.at - before != want) {
				if (whylen > 0) {
					snprintf(why, whylen, "a digest of %zu "
					    "octets where its type takes %zu",
					    w.at - before, want);
				}
				return false;
			}
		}
	}
	if (w.at != w.n) {
		w.bad = "octets left over after the last field";
		goto bad;
	}
	if ((w.bad = type_check(type, rdata, len)) != NULL) {
		goto bad;
	}
	return true;
bad:
	if (whylen > 0) {
		snprintf(why, whylen, "%s", w.bad ? w.bad : "bad rdata");
	}
	return false;
}
