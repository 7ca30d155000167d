/* test_collide.c: names and texts that the linter's unkeyed hashes merge. */
/* SPDX-License-Identifier: BSD-3-Clause */

/*
 * The linter once told names and texts apart by an unkeyed hash only
 * (lint/names.c): a CNAME's target by the low 32 bits of zl_name_key, a
 * DMARC record by the low 32 bits of zl_bytes_key, an owner name by the
 * whole 64-bit zl_name_key.  Anyone can find such collisions, so a zone
 * could hide a second CNAME or a second DMARC record, or be told of a
 * CNAME beside other data that is not there.
 *
 * The old hash functions are copied here (old_*) so that the collisions
 * stay collisions whatever lint/names.c becomes.  The 32-bit ones are
 * found at run time by a birthday search over a fixed list of candidates
 * (some 10^5 hashes); the 64-bit one takes some 2^32 hashes, so it was
 * found once with `test_collide --find64` (Pollard's rho with
 * distinguished points) and is kept in fixtures/collide/pairs64.txt, whose
 * pair this test proves to collide before using it.  Each collision is
 * then linted in a zone and compared with the same zone with unrelated
 * names: the findings must be the same.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lint/lint.h"
#include "tests/unit/unit.h"

#define PAIRS64 "fixtures/collide/pairs64.txt"

#define FNV_OFFSET 1469598103934665603u
#define FNV_PRIME 1099511628211u

/* ---- the old hash functions of lint/names.c ------------------------- */

static uint64_t
old_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

/* FNV-1a 64 over a name's wire form, A-Z folded, then old_mix. */
static uint64_t
old_name_key(const uint8_t *wire, size_t len)
{
	uint64_t h = FNV_OFFSET;
	size_t i;

	for (i = 0; i < len; i++) {
		uint8_t c = wire[i];

		if (c >= 'A' && c <= 'Z') {
			c = (uint8_t)(c - 'A' + 'a');
		}
		h = (h ^ c) * FNV_PRIME;
	}
	return old_mix(h);
}

/* FNV-1a 64 over bytes, the length folded in, then old_mix. */
static uint64_t
old_bytes_key(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = FNV_OFFSET;
	size_t i;

	for (i = 0; i < n; i++) {
		h = (h ^ s[i]) * FNV_PRIME;
	}
	return old_mix(h ^ n);
}

/* ---- helpers -------------------------------------------------------- */

/*
 * The wire form of an absolute name in plain dotted text (no escapes, no
 * empty labels); its length, or 0 when it does not fit.
 */
static size_t
wire_of(const char *name, uint8_t *wire, size_t size)
{
	size_t o = 0;

	while (*name != '\0') {
		size_t n = strcspn(name, ".");

		if (n == 0 || n > 63 || o + 1 + n + 1 > size) {
			return 0;
		}
		wire[o++] = (uint8_t)n;
		memcpy(wire + o, name, n);
		o += n;
		name += n;
		if (*name == '.') {
			name++;
		}
	}
	if (o + 1 > size) {
		return 0;
	}
	wire[o++] = 0;
	return o;
}

static uint64_t
old_name_key_text(const char *name)
{
	uint8_t wire[256];
	size_t len = wire_of(name, wire, sizeof(wire));

	return len != 0 ? old_name_key(wire, len) : 0;
}

static uint32_t
old_text_key32(const char *text)
{
	return (uint32_t)old_bytes_key(text, strlen(text));
}

/* ---- the 32-bit birthday searches ----------------------------------- */

#define BIRTHDAY_MAX (1u << 19)  /* candidates; the pairs come far sooner */
#define BIRTHDAY_SLOTS (1u << 20) /* at most half full */

/* Candidate `i` into `buf`, and its 32-bit key. */
typedef uint32_t (*candidate_fn)(unsigned i, char *buf, size_t size);

static uint32_t
cname_candidate(unsigned i, char *buf, size_t size)
{
	snprintf(buf, size, "t%06u.example.net.", i);
	return (uint32_t)old_name_key_text(buf);
}

static uint32_t
dmarc_candidate(unsigned i, char *buf, size_t size)
{
	snprintf(buf, size, "v=DMARC1; p=none; rua=mailto:d%06u@example.com",
	    i);
	return old_text_key32(buf);
}

/*
 * The first candidate (in the order 0, 1, 2, ...) whose key an earlier one
 * has: a hash table of (key, index + 1), 0 for an empty slot.  Writes both
 * candidates; false when there is none among BIRTHDAY_MAX or no memory.
 */
static bool
birthday32(candidate_fn candidate, char *first, char *second, size_t size)
{
	struct seen {
		uint32_t key;
		uint32_t index; /* + 1 */
	} *table = calloc(BIRTHDAY_SLOTS, sizeof(*table));
	unsigned i;
	bool found = false;

	if (table == NULL) {
		return false;
	}
	for (i = 0; i < BIRTHDAY_MAX && !found; i++) {
		uint32_t key = candidate(i, second, size);
		uint32_t s = key >> 12; /* 20 bits: BIRTHDAY_SLOTS */

		while (table[s].index != 0 && table[s].key != key) {
			s = (s + 1) & (BIRTHDAY_SLOTS - 1);
		}
		if (table[s].index != 0) {
			candidate(table[s].index - 1, first, size);
			found = true;
		} else {
			table[s].key = key;
			table[s].index = i + 1;
		}
	}
	free(table);
	return found;
}

/* ---- the 64-bit search (--find64) ----------------------------------- */

/*
 * Owner names LABEL.example.com. with 13-character labels.  The key's
 * final mix is a bijection, and so is FNV-1a over the fixed suffix
 * ".example.com." as a function of its starting state: two labels of one
 * length collide under old_name_key when the FNV state after the label is
 * the same.  A 64-bit value x spells a label: a letter a-p from its top 4
 * bits, then 12 characters of the base32 alphabet from the rest, so
 * distinct values spell distinct labels and f(x) = the state after
 * label(x) maps 64 bits to 64 bits.  Pollard's rho with distinguished
 * points finds x != y with f(x) == f(y) in about 1.25 * 2^32 steps: chains
 * x, f(x), f(f(x)), ... run until a value whose low DP_BITS bits are zero;
 * two chains that end at the same such value from different starts
 * merged, and walking both again from their starts finds where.
 */

#define LABEL_LEN 13
#define DP_BITS 18
#define DP_SLOTS (1u << 20)
#define CHAIN_MAX (20ull << DP_BITS) /* longer: a cycle, start again */
#define LANES 16                      /* chains stepped together */

static const char base32[] = "abcdefghijklmnopqrstuvwxyz234567";

static char
label_char(uint64_t x, unsigned i)
{
	if (i == 0) {
		return (char)('a' + (x >> 60));
	}
	return base32[(x >> (60 - 5 * i)) & 31];
}

static void
label_of(uint64_t x, char *s)
{
	unsigned i;

	for (i = 0; i < LABEL_LEN; i++) {
		s[i] = label_char(x, i);
	}
	s[LABEL_LEN] = '\0';
}

/* The FNV state after the length octet: the same for every label. */
static const uint64_t fnv_label_start =
    (FNV_OFFSET ^ LABEL_LEN) * FNV_PRIME;

static uint64_t
step(uint64_t x)
{
	uint64_t h = fnv_label_start;
	unsigned i;

	for (i = 0; i < LABEL_LEN; i++) {
		h = (h ^ (uint8_t)label_char(x, i)) * FNV_PRIME;
	}
	return h;
}

struct dp {
	uint64_t value; /* the distinguished point; 0: an empty slot */
	uint64_t start;
	uint64_t length;
};

/*
 * Two chains from `a` (length la) and `b` (lb) end at one point: walk
 * them in step from where they are as far from it, and write the two
 * values whose images are equal.  False when one start lies on the other
 * chain (they never differ).
 */
static bool
resolve(uint64_t a, uint64_t la, uint64_t b, uint64_t lb, uint64_t *x,
    uint64_t *y)
{
	for (; la > lb; la--) {
		a = step(a);
	}
	for (; lb > la; lb--) {
		b = step(b);
	}
	while (a != b) {
		uint64_t na = step(a), nb = step(b);

		if (na == nb) {
			*x = a;
			*y = b;
			return true;
		}
		a = na;
		b = nb;
	}
	return false;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
find64(void)
{
	struct dp *dps = calloc(DP_SLOTS, sizeof(*dps));
	uint64_t x[LANES], start[LANES], length[LANES];
	uint64_t next_start = 0, steps = 0, report = 1ull << 30;
	uint64_t cx = 0, cy = 0;
	size_t used = 0;
	unsigned l;
	double t0 = seconds();
	bool found = false;

	if (dps == NULL) {
		fprintf(stderr, "find64: out of memory\n");
		return 1;
	}
	for (l = 0; l < LANES; l++) {
		start[l] = x[l] = old_mix(++next_start);
		length[l] = 0;
	}
	while (!found) {
		uint64_t h[LANES];
		unsigned i;

		/* One step of every lane, character by character, so that
		 * the lanes' multiplications overlap. */
		for (l = 0; l < LANES; l++) {
			h[l] = fnv_label_start;
		}
		for (i = 0; i < LABEL_LEN; i++) {
			for (l = 0; l < LANES; l++) {
				h[l] = (h[l] ^ (uint8_t)label_char(x[l], i)) *
				    FNV_PRIME;
			}
		}
		steps += LANES;
		for (l = 0; l < LANES && !found; l++) {
			uint32_t s;

			x[l] = h[l];
			length[l]++;
			if ((x[l] & ((1u << DP_BITS) - 1)) != 0) {
				if (length[l] > CHAIN_MAX) {
					start[l] = x[l] = old_mix(++next_start);
					length[l] = 0;
				}
				continue;
			}
			s = (uint32_t)(x[l] >> 44); /* 20 bits: DP_SLOTS */
			while (dps[s].value != 0 && dps[s].value != x[l]) {
				s = (s + 1) & (DP_SLOTS - 1);
			}
			if (dps[s].value == 0) {
				if (++used > DP_SLOTS / 2) {
					fprintf(stderr, "find64: table full\n");
					free(dps);
					return 1;
				}
				dps[s].value = x[l];
				dps[s].start = start[l];
				dps[s].length = length[l];
			} else if (dps[s].start != start[l]) {
				found = resolve(dps[s].start, dps[s].length,
				    start[l], length[l], &cx, &cy);
				steps += dps[s].length + length[l];
			}
			start[l] = x[l] = old_mix(++next_start);
			length[l] = 0;
		}
		if (steps >= report) {
			fprintf(stderr, "find64: %llu steps, %zu points, "
			    "%.0f s\n", (unsigned long long)steps, used,
			    seconds() - t0);
			report += 1ull << 30;
		}
	}
	free(dps);

	{
		char a[LABEL_LEN + 1], b[LABEL_LEN + 1];
		char na[64], nb[64];

		label_of(cx, a);
		label_of(cy, b);
		snprintf(na, sizeof(na), "%s.example.com.", a);
		snprintf(nb, sizeof(nb), "%s.example.com.", b);
		printf("# found by test_collide --find64: Pollard rho with "
		    "distinguished points\n# (%d low bits zero), %llu FNV "
		    "steps over %llu chains, %.0f s; old_name_key %016llx\n",
		    DP_BITS, (unsigned long long)steps,
		    (unsigned long long)next_start, seconds() - t0,
		    (unsigned long long)old_name_key_text(na));
		printf("%s\n%s\n", a, b);
		if (strcmp(a, b) == 0 ||
		    old_name_key_text(na) != old_name_key_text(nb)) {
			fprintf(stderr, "find64: the pair does not collide\n");
			return 1;
		}
	}
	return 0;
}

/* ---- linting ---------------------------------------------------------- */

static char tmpdir[4096];

/* A new string: `s` with every `from` replaced by `to`; NULL: no memory. */
static char *
replace(const char *s, const char *from, const char *to)
{
	size_t nf = strlen(from), nt = strlen(to), count = 0;
	const char *p;
	char *out, *o;

	for (p = s; nf > 0 && (p = strstr(p, from)) != NULL; p += nf) {
		count++;
	}
	out = malloc(strlen(s) + count * nt + 1);
	if (out == NULL) {
		return NULL;
	}
	o = out;
	for (p = s; count > 0; count--) {
		const char *hit = strstr(p, from);

		memcpy(o, p, (size_t)(hit - p));
		o += hit - p;
		memcpy(o, to, nt);
		o += nt;
		p = hit + nf;
	}
	strcpy(o, p);
	return out;
}

/*
 * Write `text` to FILE in the temporary folder, lint it as example.com
 * under RFC 7489 with no profile and return the JSON report (free it), or
 * NULL.  The file is removed again.
 */
static char *
lint_zone(const char *file, const char *text, char *path, size_t size)
{
	zl_options_t options = {
		.profile = NULL,
		.dmarc_rfc = ZG_DMARC_RFC7489,
		.origin = "example.com",
	};
	zl_report_t *report;
	char errbuf[256];
	char *json = NULL;
	size_t len = 0;
	FILE *fp;
	bool ok;

	snprintf(path, size, "%s/%s", tmpdir, file);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		return NULL;
	}
	ok = fputs(text, fp) >= 0;
	ok = fclose(fp) == 0 && ok;
	if (!ok || (report = zl_report_new()) == NULL) {
		unlink(path);
		return NULL;
	}
	zl_report_set_options(report, NULL);
	if (zl_lint_file(path, &options, report, errbuf, sizeof(errbuf)) !=
	    ZG_OK) {
		printf("  %s: %s\n", path, errbuf);
	} else if ((fp = open_memstream(&json, &len)) != NULL) {
		if (zl_report_print(report, ZL_FORMAT_JSON, fp) != ZG_OK) {
			fclose(fp);
			free(json);
			json = NULL;
		} else if (fclose(fp) != 0) {
			free(json);
			json = NULL;
		}
	}
	zl_report_free(report);
	unlink(path);
	return json;
}

/* A zone, the names in it that are to be replaced, and its report. */
struct zone {
	const char *file;
	const char *names[2]; /* for NAME1 and NAME2 */
	const char *suffix;   /* makes them absolute, as messages say them */
	char *json;           /* as printed */
	char *normalized;     /* the path and the names replaced */
};

/*
 * Lint `template` with NAME1 and NAME2 replaced by z->names and keep the
 * report with the path replaced by FILE and the absolute names by NAME1
 * and NAME2 again.
 */
static void
lint_normalized(struct zone *z, const char *template)
{
	char path[4200], fqdn[2][300];
	char *text, *a;
	unsigned i;

	z->json = z->normalized = NULL;
	if ((a = replace(template, "NAME1", z->names[0])) == NULL) {
		return;
	}
	text = replace(a, "NAME2", z->names[1]);
	free(a);
	if (text == NULL) {
		return;
	}
	z->json = lint_zone(z->file, text, path, sizeof(path));
	free(text);
	if (z->json == NULL || (a = replace(z->json, path, "FILE")) == NULL) {
		return;
	}
	for (i = 0; i < 2 && a != NULL; i++) {
		char *b;

		snprintf(fqdn[i], sizeof(fqdn[i]), "%s%s", z->names[i],
		    z->suffix);
		b = replace(a, fqdn[i], i == 0 ? "NAME1" : "NAME2");
		free(a);
		a = b;
	}
	z->normalized = a;
}

static void
zone_free(struct zone *z)
{
	free(z->json);
	free(z->normalized);
}

/*
 * How many findings of `rule` a JSON report holds; with `line` non-zero,
 * only those at that line.
 */
static unsigned
count_findings(const char *json, const char *rule, unsigned line)
{
	char needle[128];
	const char *p = json;
	unsigned count = 0;

	snprintf(needle, sizeof(needle), "\"rule\": \"%s\"", rule);
	while ((p = strstr(p, needle)) != NULL) {
		const char *open = p, *close = strchr(p, '}'), *at;

		while (open > json && *open != '{') {
			open--;
		}
		/* The finding's "line" is in the same object. */
		at = strstr(open, "\"line\": ");
		if (line == 0 || (at != NULL && close != NULL && at < close &&
		    strtoul(at + 8, NULL, 10) == line)) {
			count++;
		}
		p += strlen(needle);
	}
	return count;
}

/* Print a report indented, for a failing comparison. */
static void
show(const char *what, const char *json)
{
	const char *p = json != NULL ? json : "(none)\n";

	printf("  %s:\n", what);
	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		printf("    %.*s\n", (int)n, p);
		p += n + (p[n] == '\n');
	}
}

/* What to lint for one kind of collision. */
struct kind {
	const char *name;     /* "cname-32" */
	const char *template; /* a zone with NAME1 and NAME2 */
	const char *suffix;   /* NAMEn + suffix: the absolute name */
	const char *rule;     /* the finding zone B must have */
	unsigned line;        /* where */
};

/*
 * Lint the template with the colliding names a1, a2 (zone A) and with
 * unrelated ones b1, b2 (zone B), check that B has k->rule once, at
 * k->line, and that A's findings are B's.
 */
static void
compare(const struct kind *k, const char *a1, const char *a2,
    const char *b1, const char *b2)
{
	struct zone a = { .file = "a.zone", .names = { a1, a2 } };
	struct zone b = { .file = "b.zone", .names = { b1, b2 } };
	bool same;

	a.suffix = b.suffix = k->suffix;
	lint_normalized(&a, k->template);
	lint_normalized(&b, k->template);
	UNIT_CHECK(a.normalized != NULL && b.normalized != NULL,
	    "collide/%s: both zones linted", k->name);
	UNIT_CHECK(b.json != NULL &&
	    count_findings(b.json, k->rule, k->line) == 1 &&
	    count_findings(b.json, k->rule, 0) == 1,
	    "collide/%s: unrelated names give one %s, at line %u", k->name,
	    k->rule, k->line);
	same = a.normalized != NULL && b.normalized != NULL &&
	    strcmp(a.normalized, b.normalized) == 0;
	UNIT_CHECK(same, "collide/%s: same findings as unrelated names",
	    k->name);
	if (!same) {
		show("colliding names", a.normalized);
		show("unrelated names", b.normalized);
	}
	zone_free(&a);
	zone_free(&b);
}

#define ZONE_HEAD                                                         \
	"$ORIGIN example.com.\n"                                          \
	"$TTL 300\n"                                                      \
	"@ SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 "    \
	"1209600 300\n"                                                   \
	"@ NS ns1.example.net.\n"

/* ---- the three collisions ------------------------------------------- */

/* Two CNAME targets whose old name keys share the low 32 bits. */
static void
test_cname32(void)
{
	static const struct kind kind = {
		"cname-32",
		ZONE_HEAD "www CNAME NAME1\nwww CNAME NAME2\n",
		"", "cname-multiple", 6
	};
	char t1[64], t2[64];
	uint64_t k1 = 0, k2 = 0;
	bool found = birthday32(cname_candidate, t1, t2, sizeof(t1));

	if (found) {
		k1 = old_name_key_text(t1);
		k2 = old_name_key_text(t2);
		printf("  cname-32: %s and %s (old keys %016llx, %016llx)\n",
		    t1, t2, (unsigned long long)k1, (unsigned long long)k2);
	}
	UNIT_CHECK(found && strcmp(t1, t2) != 0 && k1 != 0 &&
	    (uint32_t)k1 == (uint32_t)k2,
	    "collide/cname-32: two targets share the old key's low 32 bits");
	UNIT_CHECK((uint32_t)old_name_key_text("u1.example.net.") !=
	    (uint32_t)old_name_key_text("u2.example.net."),
	    "collide/cname-32: the unrelated targets do not");
	if (!found) {
		return;
	}
	compare(&kind, t1, t2, "u1.example.net.", "u2.example.net.");
}

/* Two DMARC texts whose old byte keys share the low 32 bits. */
static void
test_dmarc32(void)
{
	static const struct kind kind = {
		"dmarc-32",
		ZONE_HEAD "_dmarc TXT \"NAME1\"\n_dmarc TXT \"NAME2\"\n",
		"", "dmarc-multiple", 6
	};
	char d1[128], d2[128];
	const char *u1 = "v=DMARC1; p=none; rua=mailto:u1@example.com";
	const char *u2 = "v=DMARC1; p=none; rua=mailto:u2@example.com";
	bool found = birthday32(dmarc_candidate, d1, d2, sizeof(d1));

	if (found) {
		printf("  dmarc-32: \"%s\" and \"%s\" (old key %08lx)\n", d1,
		    d2, (unsigned long)old_text_key32(d1));
	}
	UNIT_CHECK(found && strcmp(d1, d2) != 0 &&
	    old_text_key32(d1) == old_text_key32(d2),
	    "collide/dmarc-32: two texts share the old key's low 32 bits");
	UNIT_CHECK(old_text_key32(u1) != old_text_key32(u2),
	    "collide/dmarc-32: the unrelated texts do not");
	if (!found) {
		return;
	}
	compare(&kind, d1, d2, u1, u2);
}

static bool
plain_label(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789");

	return s[n] == '\0' && n >= 8 && n <= 16;
}

/* Read the two labels of PAIRS64 (comment lines begin with '#'). */
static bool
read_pairs64(char *l1, char *l2, size_t size)
{
	char line[256];
	unsigned n = 0;
	FILE *fp = fopen(PAIRS64, "r");

	if (fp == NULL) {
		perror(PAIRS64);
		return false;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0') {
			continue;
		}
		if (n < 2 && strlen(line) < size) {
			strcpy(n == 0 ? l1 : l2, line);
		}
		n++;
	}
	fclose(fp);
	return n == 2;
}

/*
 * Two owner names with one old 64-bit key: a CNAME at one and an A
 * record at the other are no CNAME beside other data.  A real one at
 * "ctl" (line 8) is there in both zones, so that the comparison is not
 * of two empty reports.
 */
static void
test_owner64(void)
{
	static const struct kind kind = {
		"owner-64",
		ZONE_HEAD "NAME1 CNAME host.example.net.\n"
		"NAME2 A 192.0.2.1\n"
		"ctl CNAME host.example.net.\n"
		"ctl A 192.0.2.2\n",
		".example.com.", "cname-and-other-data", 8
	};
	char l1[64] = "", l2[64] = "", n1[128], n2[128];
	bool got = read_pairs64(l1, l2, sizeof(l1));
	uint64_t k1 = 0, k2 = 0;

	UNIT_CHECK(got && plain_label(l1) && plain_label(l2) &&
	    strcmp(l1, l2) != 0, "collide/owner-64: " PAIRS64 " holds two "
	    "labels of 8-16 letters and digits");
	if (!got) {
		return;
	}
	snprintf(n1, sizeof(n1), "%s.example.com.", l1);
	snprintf(n2, sizeof(n2), "%s.example.com.", l2);
	k1 = old_name_key_text(n1);
	k2 = old_name_key_text(n2);
	printf("  owner-64: %s and %s (old keys %016llx, %016llx)\n", n1, n2,
	    (unsigned long long)k1, (unsigned long long)k2);
	UNIT_CHECK(k1 != 0 && k1 == k2,
	    "collide/owner-64: the fixture's names share the old 64-bit key");
	UNIT_CHECK(old_name_key_text("u1.example.com.") !=
	    old_name_key_text("u2.example.com.") &&
	    old_name_key_text("ctl.example.com.") != k1,
	    "collide/owner-64: the unrelated names do not");
	compare(&kind, l1, l2, "u1", "u2");
}

int
main(int argc, char **argv)
{
	const char *t = getenv("TMPDIR");

	if (argc == 2 && strcmp(argv[1], "--find64") == 0) {
		return find64();
	}
	if (argc != 1) {
		fprintf(stderr, "usage: test_collide [--find64]\n");
		return 2;
	}
	snprintf(tmpdir, sizeof(tmpdir), "%s/test_collide.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_cname32();
	test_dmarc32();
	test_owner64();
	rmdir(tmpdir);
	return unit_summary();
}
