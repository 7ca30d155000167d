/* zonelint.c: report missing or wrong mail records in zone files. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <strings.h>

#include "lint/lint.h"

static const char usage_text[] =
    "usage: zonelint [options] FILE...\n"
    "       zonelint [options] --axfr SERVER[:PORT] [--tsig KEYFILE] DOMAIN...\n"
    "       zonelint [options] --live [--resolver ADDR[:PORT]] DOMAIN...\n"
    "       zonelint --list-rules\n"
    "\n"
    "Check zone files ('-': stdin) for the mail records a provider needs\n"
    "and the RFC rules around them.\n"
    "\n"
    "  -p, --profile FILE    provider profile (YAML), 'webmo' (built-in,\n"
    "                        the default) or 'none' (RFC rules only)\n"
    "  -o, --origin DOMAIN   the zone's origin (default: the SOA owner,\n"
    "                        the first $ORIGIN, the file name or the\n"
    "                        domain of absolute owner names)\n"
    "      --dmarc RFC       7489 or 9989 (default) for DMARC records\n"
    "      --include-any     let $INCLUDE read outside the file's directory\n"
    "      --stdin-filename NAME  call standard input ('-') NAME: in\n"
    "                        findings, for the configuration's profiles\n"
    "                        and the origin from the file name (NAME is\n"
    "                        never opened)\n"
    "  -c, --config FILE     configuration (default: .zonelint.yaml in the\n"
    "                        current folder or a parent)\n"
    "      --no-config       do not look for .zonelint.yaml\n"
    "      --config-profile-any  let the configuration name profiles\n"
    "                        outside its folder\n"
    "      --axfr SERVER     lint the zones DOMAIN... as SERVER[:PORT]\n"
    "                        transfers them (AXFR), with the same rules\n"
    "      --tsig KEYFILE    sign the transfers with the first key of a\n"
    "                        BIND key file (tsig-keygen) and verify them\n"
    "      --live            lint the mail records of DOMAIN... as the DNS\n"
    "                        serves them, and follow SPF across domains\n"
    "      --resolve-external  with files: count each zone's SPF record,\n"
    "                        walk to its DMARC policy and check its mail\n"
    "                        hosts with the names outside it asked of the DNS\n"
    "      --resolver ADDR   with --live: the resolver to ask, ADDR[:PORT]\n"
    "                        (default: the system's)\n"
    "      --cache FILE      with --live: keep every answer in FILE and\n"
    "                        replay the answers FILE holds\n"
    "      --query-budget N  with --live: at most N questions per domain\n"
    "                        (default 300)\n"
    "      --timeout SECONDS with --axfr or --live: how long to wait for\n"
    "                        the server at each step (default 10, 5)\n"
    "      --compare FILE    with --axfr and one DOMAIN: also report what\n"
    "                        FILE has that the server does not serve, and\n"
    "                        the reverse\n"
    "  -W RULE=SEVERITY      error, warning, note or off for one rule\n"
    "      --strict          warnings count as errors for the exit status\n"
    "      --no-strict       they do not (undoes strict: true of the\n"
    "                        configuration; the last of the two wins)\n"
    "  -j, --jobs N          lint N files at once (default 1)\n"
    "      --max-file-size N read at most N bytes of a file (default\n"
    "                        268435456; suffixes K, M, G)\n"
    "      --max-records N   read at most N records of a file, its\n"
    "                        $INCLUDEs counted (default 10000000)\n"
    "      --read-thread WHEN  read each file on a second thread while\n"
    "                        linting: auto (default: files of 1 MiB or\n"
    "                        more), always or never\n"
    "  -f, --format FORMAT   text (default), json, sarif (SARIF 2.1.0)\n"
    "                        or github (GitHub Actions annotations)\n"
    "  -q, --quiet           print no finding and no summary: the exit\n"
    "                        status and the errors on stderr only\n"
    "      --list-rules      print the rule table and exit\n"
    "      --fix=KIND        print, instead of findings, the changes that\n"
    "                        bring each zone to the profile: nsupdate (an\n"
    "                        nsupdate script) or zone (lines to remove and\n"
    "                        records to add)\n"
    "  -h, --help            print this help and exit\n"
    "  -V, --version         print the version and exit\n";

/* In two: C11 compilers need take no string longer than 4095 bytes. */
static const char usage_status[] =
    "\n"
    "Exit status: 0 no finding at error level; 1 at least one (a syntax\n"
    "error is one); 2 usage error or a file that could not be read.\n"
    "With --fix: 0 the fix was written; 1 a zone with syntax errors got\n"
    "none; 2 as above.\n";

enum {
	OPT_DMARC = 256,
	OPT_NO_CONFIG,
	OPT_CONFIG_PROFILE_ANY,
	OPT_FIX,
	OPT_MAX_FILE_SIZE,
	OPT_MAX_RECORDS,
	OPT_READ_THREAD,
	OPT_AXFR,
	OPT_TSIG,
	OPT_COMPARE,
	OPT_TIMEOUT,
	OPT_LIVE,
	OPT_RESOLVER,
	OPT_CACHE,
	OPT_QUERY_BUDGET,
	OPT_RESOLVE_EXTERNAL,
	OPT_INCLUDE_ANY,
	OPT_STRICT,
	OPT_STDIN_FILENAME,
	OPT_NO_STRICT,
	OPT_LIST_RULES
};

static const struct option long_options[] = {
	{ "profile", required_argument, NULL, 'p' },
	{ "origin", required_argument, NULL, 'o' },
	{ "dmarc", required_argument, NULL, OPT_DMARC },
	{ "include-any", no_argument, NULL, OPT_INCLUDE_ANY },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
	{ "config", required_argument, NULL, 'c' },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "config-profile-any", no_argument, NULL, OPT_CONFIG_PROFILE_ANY },
	{ "fix", required_argument, NULL, OPT_FIX },
	{ "jobs", required_argument, NULL, 'j' },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE },
	{ "max-records", required_argument, NULL, OPT_MAX_RECORDS },
	{ "read-thread", required_argument, NULL, OPT_READ_THREAD },
	{ "axfr", required_argument, NULL, OPT_AXFR },
	{ "tsig", required_argument, NULL, OPT_TSIG },
	{ "compare", required_argument, NULL, OPT_COMPARE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "live", no_argument, NULL, OPT_LIVE },
	{ "resolver", required_argument, NULL, OPT_RESOLVER },
	{ "cache", required_argument, NULL, OPT_CACHE },
	{ "query-budget", required_argument, NULL, OPT_QUERY_BUDGET },
	{ "resolve-external", no_argument, NULL, OPT_RESOLVE_EXTERNAL },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "no-strict", no_argument, NULL, OPT_NO_STRICT },
	{ "format", required_argument, NULL, 'f' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static noreturn void
usage(const char *complaint)
{
	zg_say(stderr, "zonelint: %s", complaint);
	fputs("usage: zonelint [options] FILE...\n"
	      "Try 'zonelint --help' for more information.\n",
	    stderr);
	exit(2);
}

/* The files to lint, shared by the workers of -j. */
struct work {
	char **files;
	size_t count;
	atomic_size_t next;          /* the next file to take */
	const zl_options_t *options; /* shared; profile set per file */
	const zg_profile_t *profile; /* --profile or the built-in one */
	bool profile_given;
	const zl_config_t *config;
	zl_report_t *report;
	zg_status_t *status;         /* per file */
	char **messages;             /* per file: its error, or NULL */
	const char *axfr;            /* --axfr: files are domains */
	const zl_tsig_t *tsig;
	unsigned timeout;
	zl_dns_t *dns;               /* --live: files are domains */
	unsigned budget;
	const char *resolver;
};

static void *
worker(void *arg)
{
	struct work *w = arg;
	zl_options_t options = *w->options;
	char message[512];

	for (;;) {
		size_t i;

		i = atomic_fetch_add(&w->next, 1);
		if (i >= w->count) {
			return NULL;
		}
		/* --profile wins; else the configuration's match; else the
		 * built-in profile. */
		options.profile = w->profile;
		if (!w->profile_given && w->axfr == NULL && w->dns == NULL) {
			zl_config_profile(w->config,
			    strcmp(w->files[i], "-") == 0 &&
				options.stdin_name != NULL
			    ? options.stdin_name : w->files[i],
			    &options.profile);
		}
		if (w->dns != NULL) {
			w->status[i] = zl_lint_live(w->files[i], w->dns,
			    w->budget, w->resolver, &options, w->report,
			    message, sizeof(message));
		} else if (w->axfr != NULL) {
			zl_axfr_t req = { .server = w->axfr,
				.domain = w->files[i], .tsig = w->tsig,
				.timeout = w->timeout };

			w->status[i] = zl_lint_axfr(&req, &options, w->report,
			    message, sizeof(message));
		} else {
			w->status[i] = zl_lint_file(w->files[i], &options,
			    w->report, message, sizeof(message));
		}
		if (w->status[i] != ZG_OK) {
			w->messages[i] = strdup(message);
		}
	}
}

/* Lint every file with `jobs` threads (the caller's own when 1). */
static zg_status_t
run_jobs(struct work *w, long jobs)
{
	pthread_t threads[64];
	long started = 0, t;

	w->status = calloc(w->count, sizeof(*w->status));
	w->messages = calloc(w->count, sizeof(*w->messages));
	if (w->status == NULL || w->messages == NULL) {
		free(w->status);
		free(w->messages);
		w->status = NULL;
		w->messages = NULL;
		return ZG_ERR_NOMEM;
	}
	if ((size_t)jobs > w->count) {
		jobs = (long)w->count;
	}
	for (t = 1; t < jobs; t++) {
		if (pthread_create(&threads[started], NULL, worker, w) == 0) {
			started++;
		}
	}
	worker(w);
	for (t = 0; t < started; t++) {
		pthread_join(threads[t], NULL);
	}
	return ZG_OK;
}

static const char *
severity_name(zg_severity_t s)
{
	return s == ZG_SEV_ERROR ? "error" : s == ZG_SEV_WARNING ? "warning"
								 : "note";
}

static void
list_rules(void)
{
	const zl_rule_t *rules;
	size_t count, i;

	rules = zl_rules(&count);
	printf("%-24s %-8s %-32s %s\n", "RULE", "SEVERITY", "REFERENCE",
	    "CHECKS FOR");
	for (i = 0; i < count; i++) {
		printf("%-24s %-8s %-32s %s\n", rules[i].id,
		    severity_name(rules[i].severity), rules[i].rfc,
		    rules[i].summary);
	}
}

/* A positive number, with a K, M or G (binary) suffix when `units`. */
static bool
parse_size(const char *s, bool units, size_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9') {
		return false;
	}
	errno = 0;
	v = strtoull(s, &end, 10);
	if (units && *end != '\0' && end[1] == '\0') {
		int shift = *end == 'K' ? 10 : *end == 'M' ? 20
			    : *end == 'G'	       ? 30
						       : -1;

		if (shift < 0 || v > (SIZE_MAX >> shift)) {
			return false;
		}
		v <<= shift;
		end++;
	}
	if (errno != 0 || *end != '\0' || v == 0 || v > SIZE_MAX) {
		return false;
	}
	*out = (size_t)v;
	return true;
}

/* A domain name (letters, digits, '-', '_'; one trailing dot), or ".". */
static bool
origin_ok(const char *origin)
{
	char name[ZG_NAME_MAX + 2];
	size_t n = strlen(origin);

	if (strcmp(origin, ".") == 0) {
		return true;
	}
	if (n > 0 && origin[n - 1] == '.') {
		n--;
	}
	if (n == 0 || n > ZG_NAME_MAX) {
		return false;
	}
	memcpy(name, origin, n);
	name[n] = '\0';
	return zg_name_check(name, false, true) == NULL;
}

/* -W RULE=SEVERITY */
static void
set_severity(int *severity, const char *arg)
{
	char id[64];
	const char *eq = strchr(arg, '=');
	size_t n = eq != NULL ? (size_t)(eq - arg) : 0;
	int rule;

	if (eq == NULL || n == 0 || n >= sizeof(id)) {
		usage("-W takes RULE=error|warning|note|off");
	}
	memcpy(id, arg, n);
	id[n] = '\0';
	if ((rule = zl_rule_find(id)) < 0) {
		zg_say(stderr, "zonelint: unknown rule '%.60s' (see "
			       "--list-rules)", id);
		exit(2);
	}
	if (strcmp(eq + 1, "error") == 0) {
		severity[rule] = ZG_SEV_ERROR;
	} else if (strcmp(eq + 1, "warning") == 0) {
		severity[rule] = ZG_SEV_WARNING;
	} else if (strcmp(eq + 1, "note") == 0) {
		severity[rule] = ZG_SEV_NOTE;
	} else if (strcmp(eq + 1, "off") == 0) {
		severity[rule] = ZL_SEV_OFF;
	} else {
		usage("-W takes RULE=error|warning|note|off");
	}
}

int
main(int argc, char **argv)
{
	zl_options_t options = { .dmarc_rfc = 0 };
	zl_format_t format = ZL_FORMAT_TEXT;
	zg_profile_t *profile = NULL;
	const char *profile_arg = NULL;
	const char *config_arg = NULL;
	zl_config_t *config = NULL;
	bool no_config = false;
	unsigned config_flags = 0;
	char config_path[4096];
	zl_report_t *report;
	zl_counts_t counts;
	const char *axfr = NULL, *tsig_path = NULL;
	const char *resolver = NULL, *cache = NULL;
	bool live = false, resolve_external = false;
	long timeout = 0, budget = 300;
	zl_dns_t *dns = NULL;
	zl_tsig_t tsig = { .name = "" };
	bool strict = false;
	bool quiet = false;
	int strict_arg = -1; /* --strict 1, --no-strict 0, neither -1 */
	bool unreadable = false;
	bool unfixable = false;
	long jobs = 1;
	char *end;
	size_t rule_count, i;
	int *severity;
	char message[512];
	zg_status_t st;
	int c, status;

#ifdef __GLIBC__
	/*
	 * ldns allocates and frees a line-sized buffer for every record it
	 * parses.  With glibc's fast bins each such request consolidates
	 * the heap first (a fifth of a large zone's run time), and once
	 * the top of the heap is free glibc gives it back to the system and
	 * asks for it again at the next record (a third of the time over
	 * many small zones).  Keep the memory instead.  Setting these stops
	 * glibc from raising its mmap threshold as it goes, so that every
	 * array of 128 KiB or more (the names table's shards, as each grows
	 * by a quarter) would be mapped, faulted in page by page and
	 * unmapped, with the other core's TLB flushed each time: take
	 * arrays below 32 MiB from the heap, where freed ones are reused.
	 */
	mallopt(M_MXFAST, 0);
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_TOP_PAD, 4 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
#endif
	zl_rules(&rule_count);
	if ((severity = malloc(rule_count * sizeof(*severity))) == NULL) {
		fputs("zonelint: out of memory\n", stderr);
		return 2;
	}
	for (i = 0; i < rule_count; i++) {
		severity[i] = ZL_SEV_DEFAULT;
	}
	options.severity = severity;
	while ((c = getopt_long(argc, argv, "p:o:W:f:c:j:qhV", long_options,
		    NULL)) != -1) {
		switch (c) {
		case 'p':
			profile_arg = optarg;
			break;
		case 'o':
			if (!origin_ok(optarg)) {
				usage("--origin takes a domain name");
			}
			options.origin = optarg;
			break;
		case OPT_DMARC:
			if (strcmp(optarg, "7489") == 0) {
				options.dmarc_rfc = ZG_DMARC_RFC7489;
			} else if (strcmp(optarg, "9989") == 0) {
				options.dmarc_rfc = ZG_DMARC_RFC9989;
			} else {
				usage("--dmarc is 7489 or 9989");
			}
			break;
		case OPT_INCLUDE_ANY:
			options.include_any = true;
			break;
		case OPT_STDIN_FILENAME:
			if (*optarg == '\0') {
				usage("--stdin-filename takes a file name");
			}
			options.stdin_name = optarg;
			break;
		case 'c':
			config_arg = optarg;
			break;
		case OPT_NO_CONFIG:
			no_config = true;
			break;
		case OPT_CONFIG_PROFILE_ANY:
			config_flags |= ZL_CONFIG_PROFILE_ANY;
			break;
		case 'j':
			jobs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || jobs < 1 ||
			    jobs > 64) {
				usage("-j takes a number from 1 to 64");
			}
			break;
		case OPT_MAX_FILE_SIZE:
			if (!parse_size(optarg, true, &options.max_file_size)) {
				usage("--max-file-size takes a size in bytes "
				      "(suffixes K, M, G)");
			}
			break;
		case OPT_MAX_RECORDS:
			if (!parse_size(optarg, false, &options.max_records)) {
				usage("--max-records takes a positive number");
			}
			break;
		case OPT_AXFR:
			axfr = optarg;
			break;
		case OPT_TSIG:
			tsig_path = optarg;
			break;
		case OPT_COMPARE:
			options.compare = optarg;
			break;
		case OPT_LIVE:
			live = true;
			break;
		case OPT_RESOLVE_EXTERNAL:
			resolve_external = true;
			break;
		case OPT_RESOLVER:
			resolver = optarg;
			break;
		case OPT_CACHE:
			cache = optarg;
			break;
		case OPT_QUERY_BUDGET:
			budget = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' ||
			    budget < 1 || budget > 100000) {
				usage("--query-budget takes a number from 1 to "
				      "100000");
			}
			break;
		case OPT_TIMEOUT:
			timeout = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' ||
			    timeout < 1 || timeout > 3600) {
				usage("--timeout takes seconds, 1 to 3600");
			}
			break;
		case OPT_READ_THREAD:
			if (strcmp(optarg, "auto") == 0) {
				options.read_thread = ZL_READ_THREAD_AUTO;
			} else if (strcmp(optarg, "always") == 0) {
				options.read_thread = ZL_READ_THREAD_ON;
			} else if (strcmp(optarg, "never") == 0) {
				options.read_thread = ZL_READ_THREAD_OFF;
			} else {
				usage("--read-thread is auto, always or never");
			}
			break;
		case OPT_FIX:
			if (strcmp(optarg, "nsupdate") == 0) {
				options.fix = ZL_FIX_NSUPDATE;
			} else if (strcmp(optarg, "zone") == 0) {
				options.fix = ZL_FIX_ZONE;
			} else {
				usage("--fix is nsupdate or zone");
			}
			options.fix_out = stdout;
			break;
		case 'W':
			set_severity(severity, optarg);
			break;
		case OPT_STRICT:
		case OPT_NO_STRICT:
			strict_arg = c == OPT_STRICT;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0) {
				format = ZL_FORMAT_TEXT;
			} else if (strcmp(optarg, "json") == 0) {
				format = ZL_FORMAT_JSON;
			} else if (strcmp(optarg, "sarif") == 0) {
				format = ZL_FORMAT_SARIF;
			} else if (strcmp(optarg, "github") == 0) {
				format = ZL_FORMAT_GITHUB;
			} else {
				usage("--format is text, json, sarif or github");
			}
			break;
		case 'q':
			quiet = true;
			break;
		case OPT_LIST_RULES:
			list_rules();
			free(severity);
			return 0;
		case 'h':
			fputs(usage_text, stdout);
			fputs(usage_status, stdout);
			free(severity);
			return 0;
		case 'V':
			printf("zonelint %s\n", ZG_VERSION);
			free(severity);
			return 0;
		default:
			usage("unknown option or missing argument");
		}
	}
	if (optind == argc) {
		usage(axfr != NULL || live ? "no domain given"
					    : "no zone file given");
	}
	if (live && axfr != NULL) {
		usage("--live and --axfr do not go together");
	}
	if (resolve_external && (live || axfr != NULL)) {
		usage("--resolve-external goes with files");
	}
	if ((resolver != NULL || cache != NULL || budget != 300) && !live &&
	    !resolve_external) {
		usage("--resolver, --cache and --query-budget go with --live "
		      "or --resolve-external");
	}
	if (tsig_path != NULL && axfr == NULL) {
		usage("--tsig goes with --axfr");
	}
	if (timeout != 0 && axfr == NULL && !live && !resolve_external) {
		usage("--timeout goes with --axfr, --live or "
		      "--resolve-external");
	}
	if (live) {
		for (c = optind; c < argc; c++) {
			if (!origin_ok(argv[c]) || strcmp(argv[c], ".") == 0) {
				usage("--live takes domain names, not files");
			}
		}
		if (options.origin != NULL || options.fix != ZL_FIX_NONE) {
			usage("--origin and --fix do not go with --live");
		}
	}
	if ((live || resolve_external) && (dns = zl_dns_new(resolver,
	    (unsigned)timeout, cache, message, sizeof(message))) == NULL) {
		zg_say(stderr, "zonelint: %s", message);
		free(severity);
		return 2;
	}
	if (resolve_external) {
		options.resolve_external = dns;
		options.query_budget = (unsigned)budget;
	}
	if (quiet && options.fix != ZL_FIX_NONE) {
		usage("--quiet does not go with --fix: the fix is the output");
	}
	if (options.compare != NULL && (axfr == NULL || argc - optind != 1)) {
		usage("--compare goes with --axfr and one domain");
	}
	if (axfr != NULL) {
		for (c = optind; c < argc; c++) {
			if (!origin_ok(argv[c]) || strcmp(argv[c], ".") == 0) {
				usage("--axfr takes domain names, not files");
			}
		}
		if (options.origin != NULL) {
			usage("--origin does not go with --axfr: each domain is "
			      "its zone's origin");
		}
	}

	/* Standard input can be read once: a second '-' would lint nothing
	 * under the name of what the first read. */
	for (c = optind, i = 0; c < argc; c++) {
		if (strcmp(argv[c], "-") == 0 && i++ > 0) {
			usage("standard input ('-') given more than once");
		}
	}
	if (options.stdin_name != NULL && (i == 0 || axfr != NULL || live)) {
		usage("--stdin-filename goes with the file '-'");
	}
	/* The configuration fills what the command line left unset. */
	if (config_arg == NULL && !no_config &&
	    zl_config_find(config_path, sizeof(config_path)) == ZG_OK) {
		config_arg = config_path;
	}
	if (config_arg != NULL) {
		st = zl_config_load(config_arg, config_flags, &config,
		    message, sizeof(message));
		if (st != ZG_OK) {
			zg_say(stderr, "%s", message);
			free(severity);
			return 2;
		}
		zl_config_apply(config, &options, &strict);
	}
	if (strict_arg >= 0) {
		strict = strict_arg == 1; /* the command line wins */
	}
	if (options.dmarc_rfc == 0) {
		options.dmarc_rfc = ZG_DMARC_RFC9989;
	}
	if (profile_arg != NULL && strcmp(profile_arg, "none") == 0) {
		st = ZG_OK;
	} else {
		st = zl_profile_load(profile_arg == NULL ||
			strcmp(profile_arg, zg_profile_builtin_name) == 0
			? NULL
			: profile_arg,
		    &profile, message, sizeof(message));
	}
	if (st != ZG_OK) {
		zg_say(stderr, "%s", message);
		zl_config_free(config);
		free(severity);
		return 2;
	}
	options.profile = profile;
	if ((report = zl_report_new()) == NULL) {
		fputs("zonelint: out of memory\n", stderr);
		zl_config_free(config);
		zg_profile_free(profile);
		free(severity);
		return 2;
	}
	zl_report_set_options(report, severity);
	if (tsig_path != NULL) {
		/* No core file can hold the secret. */
		struct rlimit no_core = { 0, 0 };

		setrlimit(RLIMIT_CORE, &no_core);
		if (zl_tsig_load(tsig_path, &tsig, message,
		    sizeof(message)) != 0) {
			zg_say(stderr, "zonelint: %s", message);
			status = 2;
			goto out;
		}
	}
	{
		struct work w = { .files = argv + optind,
			.count = (size_t)(argc - optind), .options = &options,
			.profile = profile, .profile_given = profile_arg != NULL,
			.config = config, .report = report, .axfr = axfr,
			.tsig = tsig_path != NULL ? &tsig : NULL,
			.timeout = (unsigned)timeout,
			.dns = live ? dns : NULL,
			.budget = (unsigned)budget,
			.resolver = resolver != NULL ? resolver : "system" };

		/* A fix is printed as it is made: one file at a time; the
		 * DNS questions of --live share one cache. */
		st = run_jobs(&w, options.fix != ZL_FIX_NONE || dns != NULL
			? 1 : jobs);
		if (st != ZG_OK) {
			fputs("zonelint: out of memory\n", stderr);
			unreadable = true;
		}
		for (i = 0; i < w.count && w.status != NULL; i++) {
			if (w.status[i] == ZG_ERR_ARGUMENT) {
				/* --fix on a zone that does not read. */
				unfixable = true;
			} else if (w.status[i] != ZG_OK) {
				unreadable = true;
			}
			if (w.messages[i] != NULL) {
				zg_say(stderr, "zonelint: %s",
				    w.messages[i]);
				free(w.messages[i]);
			}
		}
		free(w.status);
		free(w.messages);
	}
	if (dns != NULL && zl_dns_save(dns, message, sizeof(message)) != 0) {
		zg_say(stderr, "zonelint: %s", message);
		unreadable = true;
	}
	if (options.fix != ZL_FIX_NONE) {
		/* The fix is the output; the findings are zonelint's. */
		status = unreadable ? 2 : unfixable ? 1 : 0;
		if (fflush(stdout) != 0) {
			fputs("zonelint: cannot write the fix\n", stderr);
			status = 2;
		}
		goto out;
	}
	/* -q: the exit status says it all (named-checkzone -q), and it is
	 * the same as without: findings lost for want of memory are 2. */
	if (quiet) {
		st = zl_report_first_error(report, message, sizeof(message)) < 0
		    ? ZG_ERR_NOMEM : ZG_OK;
	} else {
		st = zl_report_print(report, format, stdout);
	}
	counts = zl_report_counts(report);
	if (st != ZG_OK || fflush(stdout) != 0) {
		fputs("zonelint: cannot write the report\n", stderr);
		unreadable = true;
	}
	status = unreadable ? 2
	    : counts.errors > 0 || (strict && counts.warnings > 0) ? 1
								   : 0;
out:
	zl_wipe(&tsig, sizeof(tsig)); /* the secret */
	zl_dns_free(dns);
	zl_report_free(report);
	zg_profile_free(profile);
	zl_config_free(config);
	free(severity);
	return status;
}
