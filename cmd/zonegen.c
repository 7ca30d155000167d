/* zonegen.c: write the DNS records a domain needs for a mail provider. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/lint.h"

#define DOMAIN_LINE_MAX 1024

static const char usage_text[] =
    "usage: zonegen [options] DOMAIN...\n"
    "       zonegen [options] --domains FILE\n"
    "       zonegen [--profile FILE] --print-profile\n"
    "\n"
    "Write the DNS records DOMAIN needs to use a mail provider.\n"
    "\n"
    "  -p, --profile FILE    provider profile (YAML); default: built-in webmo\n"
    "      --print-profile   print the active profile as YAML and exit\n"
    "  -f, --format FORMAT   bind (default), nsupdate or json\n"
    "  -r, --relative        bind: $ORIGIN and relative owner names\n"
    "      --server HOST     nsupdate: add a 'server HOST' line\n"
    "      --port PORT       nsupdate: with --server, the server's port\n"
    "      --replace         nsupdate: switch provider: replace the CNAME,\n"
    "                        MX, DMARC (and SRV) records at the names written\n"
    "      --idempotent      nsupdate: a script that may be applied again\n"
    "      --srv             add RFC 6186/8314 SRV records for the services\n"
    "      --report-records  write instead the records the profile's\n"
    "                        dmarc_report_zone needs to receive DOMAIN's\n"
    "                        DMARC reports (DOMAIN._report._dmarc.HOST)\n"
    "      --ttl TTL         override the profile's TTL: seconds, or with\n"
    "                        units w d h m s as in zone files (1h30m)\n"
    "      --idna-map        accept names the IDNA mapping rewrites (a\n"
    "                        note names each rewrite); default: refuse them\n"
    "  -d, --domains FILE    read domains from FILE ('-': stdin), one a line\n"
    "  -o, --output-dir DIR  write DIR/DOMAIN.{zone,nsupdate,json} atomically\n"
    "      --mkdir           with --output-dir: create DIR (and its parents)\n"
    "  -h, --help            print this help and exit\n"
    "  -V, --version         print the version and exit\n"
    "\n"
    "A DOMAIN argument '-' also reads domains from stdin.  A domain given\n"
    "again is written once, with a warning.\n"
    "Exit status: 0 success; 1 a profile, domain or output error (the\n"
    "other domains are still written, unless the output folder fails);\n"
    "2 usage error.\n";

enum {
	OPT_PRINT_PROFILE = 256,
	OPT_SERVER,
	OPT_PORT,
	OPT_REPLACE,
	OPT_IDEMPOTENT,
	OPT_SRV,
	OPT_TTL,
	OPT_REPORT_RECORDS,
	OPT_IDNA_MAP,
	OPT_MKDIR
};

static const struct option long_options[] = {
	{ "profile", required_argument, NULL, 'p' },
	{ "print-profile", no_argument, NULL, OPT_PRINT_PROFILE },
	{ "format", required_argument, NULL, 'f' },
	{ "relative", no_argument, NULL, 'r' },
	{ "server", required_argument, NULL, OPT_SERVER },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "replace", no_argument, NULL, OPT_REPLACE },
	{ "idempotent", no_argument, NULL, OPT_IDEMPOTENT },
	{ "srv", no_argument, NULL, OPT_SRV },
	{ "report-records", no_argument, NULL, OPT_REPORT_RECORDS },
	{ "ttl", required_argument, NULL, OPT_TTL },
	{ "idna-map", no_argument, NULL, OPT_IDNA_MAP },
	{ "domains", required_argument, NULL, 'd' },
	{ "output-dir", required_argument, NULL, 'o' },
	{ "mkdir", no_argument, NULL, OPT_MKDIR },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

struct run {
	const zg_profile_t *profile;
	zg_plan_options_t plan_options;
	zg_emit_options_t emit;
	const char *output_dir;
	bool idna_map;     /* accept what the IDNA mapping rewrites */
	zg_name_set_t *seen; /* the domains written so far */
	zg_plan_t plan;
	int json_state;
	int failures;
	bool report;       /* --report-records */
	bool stop;         /* the output failed for good: write no more */
	sigset_t signals; /* those that remove the temporary file */
};

/* The temporary file being written, removed if a signal stops us. */
static char temp_path[PATH_MAX];
static volatile sig_atomic_t temp_live;

static void
on_signal(int sig)
{
	if (temp_live) {
		unlink(temp_path);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A one-line complaint and the synopsis (the first three lines). */
static noreturn void
usage(const char *complaint)
{
	const char *p = usage_text;
	int lines = 0;

	zg_say(stderr, "zonegen: %s", complaint);
	while (lines < 3 && *p != '\0') {
		size_t n = strcspn(p, "\n") + 1;

		fwrite(p, 1, n, stderr);
		p += n;
		lines++;
	}
	fputs("Try 'zonegen --help' for more information.\n", stderr);
	exit(2);
}

static bool
parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9') {
		return false;
	}
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max) {
		return false;
	}
	*out = v;
	return true;
}

/* A server is a host name or an address: nothing that could end a line. */
static bool
server_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > ZG_NAME_MAX + 1) {
		return false;
	}
	return strspn(s, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:") == n;
}

static const char *
format_ext(zg_format_t format)
{
	switch (format) {
	case ZG_FORMAT_NSUPDATE:
		return "nsupdate";
	case ZG_FORMAT_JSON:
		return "json";
	case ZG_FORMAT_BIND:
		break;
	}
	return "zone";
}

/*
 * After a failed write: a folder or file system that fails one domain
 * (no space, read-only, removed) fails them all, so say it once and stop;
 * only a name too long or a folder in the way is about the domain.
 */
static const char *
stop_after(struct run *run, int err)
{
	if (err == ENAMETOOLONG || err == EISDIR) {
		return "";
	}
	run->stop = true;
	return "; stopping: the domains after it are not written";
}

/* Write one plan to DIR/DOMAIN.EXT through a temporary file and rename. */
static bool
write_file(struct run *run, const char *domain)
{
	char final[PATH_MAX];
	sigset_t saved;
	int state = 0;
	FILE *fp;
	int fd;
	bool ok;

	/* The reporting zone's records never replace the domain's own. */
	if (snprintf(final, sizeof(final), "%s/%s%s.%s", run->output_dir,
		domain, run->report ? ".report" : "",
		format_ext(run->emit.format)) >= (int)sizeof(final) ||
	    snprintf(temp_path, sizeof(temp_path), "%s/.%s.XXXXXX",
		run->output_dir, domain) >= (int)sizeof(temp_path)) {
		zg_say(stderr, "zonegen: %s: output path too long", domain);
		return false;
	}
	/* Signals wait while the temporary file is made and marked, and
	 * while it is renamed and unmarked, so the handler never misses a
	 * temporary file nor removes a finished one. */
	sigprocmask(SIG_BLOCK, &run->signals, &saved);
	fd = mkstemp(temp_path);
	temp_live = fd >= 0;
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (fd < 0) {
		int err = errno;

		zg_say(stderr, "zonegen: %s: cannot create a file in %s: %s%s",
		    domain, run->output_dir, strerror(err),
		    stop_after(run, err));
		return false;
	}
	fp = fdopen(fd, "w");
	if (fp == NULL) {
		close(fd);
		ok = false;
	} else {
		ok = zg_emit_begin(fp, &run->emit, &state) == ZG_OK &&
		    zg_emit_plan(fp, &run->plan, &run->emit, &state) == ZG_OK &&
		    zg_emit_end(fp, &run->emit, &state) == ZG_OK &&
		    fflush(fp) == 0 && fsync(fileno(fp)) == 0;
		ok = fclose(fp) == 0 && ok;
	}
	/* Files are readable like any zone file (mkstemp makes them 0600). */
	ok = ok && chmod(temp_path, 0644) == 0;
	sigprocmask(SIG_BLOCK, &run->signals, &saved);
	ok = ok && rename(temp_path, final) == 0;
	if (!ok) {
		int err = errno;

		zg_say(stderr, "zonegen: cannot write %s: %s%s", final,
		    strerror(err), stop_after(run, err));
		unlink(temp_path);
	}
	temp_live = 0;
	sigprocmask(SIG_SETMASK, &saved, NULL);
	return ok;
}

/* Where a domain was given: "FILE:LINE" or "argument N". */
static void
seen_text(char *out, size_t size, const zg_name_seen_t *seen)
{
	if (seen->file != NULL) {
		snprintf(out, size, "%s:%lu", seen->file, seen->line);
	} else {
		snprintf(out, size, "argument %lu", seen->line);
	}
}

/*
 * A domain given again (the same name once normalised, byte for byte):
 * warned about, not written twice.  `where` is the message's "FILE:LINE: "
 * or "".  True when it is a repeat.
 */
static bool
repeated(struct run *run, const char *domain, const char *quoted,
    const zg_name_seen_t *seen, const char *where)
{
	const zg_name_seen_t *first = NULL;
	char there[PATH_MAX + 32];

	if (zg_name_set_add(run->seen, domain, seen, &first) != ZG_OK) {
		zg_say(stderr, "zonegen: %scannot process '%s': out of "
		    "memory", where, quoted);
		run->failures++;
		return true;
	}
	if (first == NULL) {
		return false;
	}
	if (first->file != NULL && seen->file == first->file) {
		snprintf(there, sizeof(there), "line %lu", first->line);
	} else {
		seen_text(there, sizeof(there), first);
	}
	zg_say(stderr, "zonegen: %swarning: '%s' repeats %s of %s; "
	    "written once", where, quoted, domain, there);
	return true;
}

/* Validate one domain and write its records.  `seen` says where it was
 * given; messages about a list's domains start with FILE:LINE. */
static void
do_domain(struct run *run, const char *input, const zg_name_seen_t *seen)
{
	char domain[ZG_NAME_MAX + 1];
	char quoted[128];
	char where[PATH_MAX + 40] = "";
	zg_domain_note_t note;
	char to[sizeof(note.to) + ZG_NAME_MAX + 4] = "";
	const char *why = NULL;
	zg_status_t st;

	zg_text_quote(quoted, sizeof(quoted), input, strlen(input), 120);
	if (seen->file != NULL) {
		seen_text(where, sizeof(where) - 2, seen);
		strcat(where, ": ");
	}
	st = zg_domain_normalize(input, domain, &note);
	why = note.why;
	if (st == ZG_OK && note.mapped) {
		/* What the mapping made of it, and the A-labels written. */
		snprintf(to, sizeof(to), strcmp(note.to, domain) != 0
			? "%s (%s)" : "%s", note.to, domain);
	}
	if (st == ZG_OK && note.mapped && !run->idna_map) {
		zg_say(stderr, "zonegen: %sinvalid domain '%s': the IDNA "
		    "mapping rewrites %s as %s; write the name so, or accept "
		    "rewrites with --idna-map", where, quoted, note.from, to);
		run->failures++;
		return;
	}
	if (st == ZG_OK) {
		st = run->report
			 ? zg_plan_report_build(&run->plan, run->profile,
			       domain, &run->plan_options)
			 : zg_plan_build(&run->plan, run->profile, domain,
			       &run->plan_options);
		if (st == ZG_ERR_DOMAIN) {
			why = "is too long for the records it needs (a name "
			      "is at most 253 octets)";
		}
	}
	if (st != ZG_OK) {
		if (st == ZG_ERR_NOMEM) {
			why = "cannot be processed: out of memory";
		}
		zg_say(stderr, "zonegen: %sinvalid domain '%s': %s", where,
		    quoted, why[0] != '\0' ? why : zg_status_str(st));
		run->failures++;
		return;
	}
	if (note.mapped) {
		zg_say(stderr, "zonegen: %snote: the IDNA mapping rewrites %s "
		    "as %s", where, note.from, to);
	}
	if (repeated(run, domain, quoted, seen, where)) {
		return;
	}
	if (run->report && run->plan.count == 0) {
		zg_say(stderr, "zonegen: %s%s: no record written: it and the "
		    "report zone %s are one domain's (RFC 7489 7.1 asks for "
		    "authorisation across domains only)", where, domain,
		    run->plan.domain);
		return;
	}
	if (run->output_dir != NULL) {
		if (!write_file(run, domain)) {
			run->failures++;
		}
		return;
	}
	if (zg_emit_plan(stdout, &run->plan, &run->emit, &run->json_state) !=
	    ZG_OK) {
		zg_say(stderr, "zonegen: cannot write output: %s; stopping",
		    strerror(errno));
		run->failures++;
		run->stop = true;
	}
}

/* Read domains from a list, one a line; '#' comments and blanks skipped. */
static bool
do_list(struct run *run, const char *path)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	const char *name = fp == stdin ? "<stdin>" : path;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;

	if (fp == NULL) {
		zg_say(stderr, "zonegen: cannot open %s: %s", path,
		    strerror(errno));
		run->failures++;
		return false;
	}
	while (!run->stop && (n = getline(&line, &cap, fp)) >= 0) {
		zg_name_seen_t seen = { name, 0 };
		char *s = line;
		size_t len = (size_t)n;

		lineno++;
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' ||
				      s[len - 1] == ' ' || s[len - 1] == '\t')) {
			s[--len] = '\0';
		}
		while (*s == ' ' || *s == '\t') {
			s++;
			len--;
		}
		if (len == 0 || *s == '#') {
			continue;
		}
		seen.line = lineno;
		if (len > DOMAIN_LINE_MAX || strlen(s) != len) {
			zg_say(stderr, "zonegen: %s:%lu: invalid domain: %s",
			    name, lineno, len > DOMAIN_LINE_MAX
				       ? "line too long"
				       : "contains a NUL byte");
			run->failures++;
			continue;
		}
		do_domain(run, s, &seen);
	}
	if (ferror(fp)) {
		zg_say(stderr, "zonegen: cannot read %s: %s", name,
		    strerror(errno));
		run->failures++;
	}
	free(line);
	if (fp != stdin) {
		fclose(fp);
	}
	return true;
}

/* --ttl: seconds, or a TTL with units as zone files write it. */
static uint32_t
parse_ttl(const char *text)
{
	char message[256], quoted[64];
	uint64_t v = 0;
	const char *why = zg_period_parse(text, strlen(text), &v);

	if (why == NULL && v > ZG_TTL_MAX) {
		why = "is larger than 2147483647 seconds (RFC 2181 8)";
	}
	if (why != NULL) {
		zg_text_quote(quoted, sizeof(quoted), text, strlen(text), 40);
		snprintf(message, sizeof(message), "--ttl '%s' %s", quoted,
		    why);
		usage(message);
	}
	return (uint32_t)v;
}

/*
 * Check the output folder once, before anything is written: it must be a
 * folder this process can write in (or, with `create`, be made like
 * mkdir -p, mode 0777 less the umask).  False, after one message, when it
 * cannot be used.
 */
static bool
output_dir_ok(const char *dir, bool create)
{
	struct stat st;
	char path[PATH_MAX];
	size_t i, len = strlen(dir);

	if (create && stat(dir, &st) != 0 && errno == ENOENT) {
		if (len >= sizeof(path)) {
			zg_say(stderr, "zonegen: --output-dir %s: path too "
			    "long", dir);
			return false;
		}
		memcpy(path, dir, len + 1);
		/* Each parent, then the folder itself. */
		for (i = 1; i <= len; i++) {
			if (path[i] != '/' && path[i] != '\0') {
				continue;
			}
			path[i] = '\0';
			if (mkdir(path, 0777) != 0 && errno != EEXIST) {
				zg_say(stderr, "zonegen: --output-dir %s: "
				    "cannot create %s: %s", dir, path,
				    strerror(errno));
				return false;
			}
			path[i] = dir[i];
		}
	}
	if (stat(dir, &st) != 0) {
		zg_say(stderr, "zonegen: --output-dir %s: %s%s", dir,
		    errno == ENOENT ? "no such folder" : strerror(errno),
		    errno == ENOENT ? " (create it, or add --mkdir)" : "");
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		zg_say(stderr, "zonegen: --output-dir %s: not a folder", dir);
		return false;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		zg_say(stderr, "zonegen: --output-dir %s: cannot write there: "
		    "%s", dir, strerror(errno));
		return false;
	}
	return true;
}

int
main(int argc, char **argv)
{
	struct run run = { 0 };
	zg_profile_t *profile = NULL;
	const char *profile_path = NULL;
	const char *domains_file = NULL;
	const char *port = NULL;
	bool print_profile = false;
	bool mkdir_p = false;
	char message[512];
	unsigned long v;
	zg_status_t st;
	int c, i;

	run.emit.format = ZG_FORMAT_BIND;
	while ((c = getopt_long(argc, argv, "p:f:rd:o:hV", long_options,
		    NULL)) != -1) {
		switch (c) {
		case 'p':
			profile_path = optarg;
			break;
		case OPT_PRINT_PROFILE:
			print_profile = true;
			break;
		case 'f':
			if (strcmp(optarg, "bind") == 0) {
				run.emit.format = ZG_FORMAT_BIND;
			} else if (strcmp(optarg, "nsupdate") == 0) {
				run.emit.format = ZG_FORMAT_NSUPDATE;
			} else if (strcmp(optarg, "json") == 0) {
				run.emit.format = ZG_FORMAT_JSON;
			} else {
				usage("--format is bind, nsupdate or json");
			}
			break;
		case 'r':
			run.emit.relative = true;
			break;
		case OPT_SERVER:
			if (!server_ok(optarg)) {
				usage("--server takes a host name or an IP "
				      "address");
			}
			run.emit.server = optarg;
			break;
		case OPT_PORT:
			if (!parse_uint(optarg, 65535, &v) || v == 0) {
				usage("--port takes a number from 1 to 65535");
			}
			port = optarg;
			break;
		case OPT_REPLACE:
			run.emit.replace = true;
			break;
		case OPT_IDEMPOTENT:
			run.emit.idempotent = true;
			break;
		case OPT_SRV:
			run.plan_options.srv = true;
			break;
		case OPT_REPORT_RECORDS:
			run.report = true;
			break;
		case OPT_TTL:
			run.plan_options.ttl = parse_ttl(optarg);
			run.plan_options.ttl_set = true;
			break;
		case OPT_IDNA_MAP:
			run.idna_map = true;
			break;
		case OPT_MKDIR:
			mkdir_p = true;
			break;
		case 'd':
			domains_file = optarg;
			break;
		case 'o':
			run.output_dir = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			printf("zonegen %s\n", ZG_VERSION);
			return 0;
		default:
			usage("unknown option or missing argument");
		}
	}
	if (port != NULL) {
		/* Canonical decimal, so "0080" cannot slip through oddly. */
		static char port_buf[8];

		if (run.emit.server == NULL) {
			usage("--port needs --server");
		}
		parse_uint(port, 65535, &v);
		snprintf(port_buf, sizeof(port_buf), "%lu", v);
		run.emit.port = port_buf;
	}
	if (run.emit.relative && run.emit.format != ZG_FORMAT_BIND) {
		usage("--relative is for --format bind");
	}
	if ((run.emit.server != NULL || run.emit.replace) &&
	    run.emit.format != ZG_FORMAT_NSUPDATE) {
		usage("--server, --port and --replace are for --format "
		      "nsupdate");
	}
	if (run.emit.idempotent && run.emit.format != ZG_FORMAT_NSUPDATE) {
		usage("--idempotent is for --format nsupdate");
	}
	if (run.emit.idempotent && run.emit.replace) {
		usage("--idempotent is for scripts without --replace, which "
		      "may be applied again as they are");
	}
	if (mkdir_p && run.output_dir == NULL) {
		usage("--mkdir is for --output-dir");
	}
	if (!print_profile && optind == argc && domains_file == NULL) {
		usage("no domain given");
	}
	if (run.report && (run.plan_options.srv || run.emit.replace ||
	    run.emit.idempotent)) {
		usage("--report-records writes TXT records that may be added "
		      "again; --srv, --replace and --idempotent do not apply");
	}

	/* The linter's rules judge the records the profile plans: zonegen
	 * writes nothing that zonelint would call an error. */
	st = zl_profile_load(profile_path, &profile, message,
	    sizeof(message));
	if (st != ZG_OK) {
		zg_say(stderr, "%s", message);
		return 1;
	}
	if (print_profile) {
		st = zg_profile_print(profile, stdout);
		zg_profile_free(profile);
		return st == ZG_OK && fflush(stdout) == 0 ? 0 : 1;
	}
	run.profile = profile;
	if (run.report && profile->dmarc_report_zone == NULL) {
		zg_say(stderr, "zonegen: profile %s has no dmarc_report_zone: "
		    "--report-records writes the records that zone holds",
		    profile->name);
		zg_profile_free(profile);
		return 1;
	}
	run.seen = zg_name_set_new();
	if (run.seen == NULL) {
		zg_say(stderr, "zonegen: out of memory");
		zg_profile_free(profile);
		return 1;
	}
	if (run.output_dir != NULL && !output_dir_ok(run.output_dir, mkdir_p)) {
		zg_name_set_free(run.seen);
		zg_profile_free(profile);
		return 1;
	}

	if (run.output_dir != NULL) {
		static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
		size_t k;

		sigemptyset(&run.signals);
		for (k = 0; k < sizeof(sigs) / sizeof(sigs[0]); k++) {
			sigaddset(&run.signals, sigs[k]);
			signal(sigs[k], on_signal);
		}
	} else {
		zg_emit_begin(stdout, &run.emit, &run.json_state);
	}
	for (i = optind; i < argc && !run.stop; i++) {
		zg_name_seen_t seen = { NULL, (unsigned long)(i - optind + 1) };

		if (strcmp(argv[i], "-") == 0) {
			do_list(&run, "-");
		} else {
			do_domain(&run, argv[i], &seen);
		}
	}
	if (domains_file != NULL && !run.stop) {
		do_list(&run, domains_file);
	}
	if (run.output_dir == NULL) {
		zg_emit_end(stdout, &run.emit, &run.json_state);
	}
	if ((fflush(stdout) != 0 || ferror(stdout)) && !run.stop) {
		zg_say(stderr, "zonegen: cannot write output: %s",
		    strerror(errno));
		run.failures++;
	}
	zg_name_set_free(run.seen);
	zg_plan_free(&run.plan);
	zg_profile_free(profile);
	return run.failures > 0 ? 1 : 0;
}
