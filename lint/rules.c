/* rules.c: the rule table: id, default severity, RFC, summary, fix hint. */
/* SPDX-License-Identifier: BSD-3-Clause */

#include <string.h>

#include "lint/internal.h"

/*
 * One row per rule, in the order of enum zl_rule_index (internal.h).  Ids
 * appear in output, in -W options and in suppressions: never rename one.
 */
static const zl_rule_t rules[ZL_RULE__COUNT] = {
	/* Reading the zone. */
	[ZL_SYNTAX_ERROR] = { "syntax-error", ZG_SEV_ERROR, "RFC 1035 5.1",
	    "a record or directive that cannot be read",
	    "fix the record's syntax; the message names what is wrong" },
	[ZL_ORIGIN_UNKNOWN] = { "origin-unknown", ZG_SEV_ERROR,
	    "RFC 1035 5.1", "no origin from --origin, SOA, $ORIGIN, the "
	    "file name or absolute owner names of one domain",
	    "give --origin DOMAIN, or add $ORIGIN or an SOA record" },
	[ZL_INCLUDE_FAILED] = { "include-failed", ZG_SEV_ERROR,
	    "RFC 1035 5.1", "an $INCLUDE that cannot be followed",
	    "include a readable file inside the zone's directory tree, "
	    "without loops (--include-any lifts the confinement)" },
	[ZL_CLASS_MISMATCH] = { "class-mismatch", ZG_SEV_ERROR,
	    "RFC 1035 5.2", "a record of a class other than the zone's (IN)",
	    "write the record with class IN, or remove it: servers refuse a "
	    "zone with records of another class" },
	/* Against the provider's profile. */
	[ZL_MAIL_CNAME_MISSING] = { "mail-cname-missing", ZG_SEV_ERROR,
	    "provider profile", "a client host CNAME of the profile is missing",
	    "add the CNAME that zonegen writes for this domain" },
	[ZL_MAIL_CNAME_TARGET] = { "mail-cname-target", ZG_SEV_ERROR,
	    "provider profile", "a client host CNAME points elsewhere",
	    "point the CNAME at the provider's host" },
	[ZL_MAIL_CNAME_RELATIVE] = { "mail-cname-relative", ZG_SEV_ERROR,
	    "RFC 1035 5.1", "a CNAME target lost its trailing dot and got "
	    "the origin appended",
	    "end the target with a dot: relative names get the origin "
	    "appended" },
	[ZL_MAIL_CNAME_NOT_CNAME] = { "mail-cname-not-cname", ZG_SEV_ERROR,
	    "provider profile", "other records where the profile wants a "
	    "CNAME",
	    "replace the other records with the CNAME (a CNAME has no other "
	    "data beside it, RFC 1034 3.6.2)" },
	[ZL_MAIL_MX_MISSING] = { "mail-mx-missing", ZG_SEV_ERROR,
	    "provider profile", "an MX host of the profile is missing",
	    "add the provider's MX records" },
	[ZL_MAIL_MX_PRIORITY] = { "mail-mx-priority", ZG_SEV_WARNING,
	    "provider profile", "an MX host of the profile has another "
	    "priority",
	    "use the provider's MX priorities" },
	[ZL_MAIL_MX_EXTRA] = { "mail-mx-extra", ZG_SEV_WARNING,
	    "provider profile", "an MX host that is not the provider's",
	    "remove MX records of a former provider, or lint with that "
	    "provider's profile" },
	[ZL_MAIL_MX_RELATIVE] = { "mail-mx-relative", ZG_SEV_ERROR,
	    "RFC 1035 5.1", "an MX host lost its trailing dot and got the "
	    "origin appended",
	    "end the MX host with a dot: relative names get the origin "
	    "appended" },
	[ZL_MAIL_SPF_MISSING] = { "mail-spf-missing", ZG_SEV_ERROR,
	    "provider profile, RFC 7208 3", "no SPF record at the domain",
	    "publish the provider's SPF record as a TXT record at the "
	    "domain" },
	[ZL_MAIL_SPF_UNAUTHORISED] = { "mail-spf-unauthorised", ZG_SEV_ERROR,
	    "provider profile, RFC 7208 5",
	    "the SPF record does not authorise the provider",
	    "add the provider's mechanisms (such as its include:) to the SPF "
	    "record, keeping the others" },
	[ZL_MAIL_DMARC_MISSING] = { "mail-dmarc-missing", ZG_SEV_ERROR,
	    "RFC 7489 6.1, RFC 9989", "no DMARC record at _dmarc.DOMAIN",
	    "publish the profile's DMARC record as a TXT record at "
	    "_dmarc.DOMAIN" },
	[ZL_MAIL_DMARC_WEAKER] = { "mail-dmarc-weaker", ZG_SEV_WARNING,
	    "provider profile, RFC 7489 6.3",
	    "a DMARC policy weaker than the profile's",
	    "raise p= to the profile's policy (none < quarantine < reject)" },
	[ZL_MAIL_SPF_ALL_WEAKER] = { "mail-spf-all-weaker", ZG_SEV_WARNING,
	    "provider profile, RFC 7208 5.1",
	    "an SPF record ending in an 'all' weaker than the profile's",
	    "end the record with the profile's qualifier (+all < ?all < "
	    "~all < -all)" },
	[ZL_MAIL_FORMER_PROVIDER] = { "mail-former-provider", ZG_SEV_WARNING,
	    "provider profile",
	    "a client host CNAME or SPF term of a provider the profile is not",
	    "remove what a former provider left: --fix deletes its client "
	    "host CNAMEs and its SPF terms" },
	[ZL_NULL_MX_NOT_ALONE] = { "null-mx-not-alone", ZG_SEV_ERROR,
	    "RFC 7505 3", "a null MX beside other MX records",
	    "a domain that takes no mail has only 'MX 0 .'; remove the other "
	    "MX records or the null MX" },
	[ZL_NULL_MX_NO_SPF] = { "null-mx-spf", ZG_SEV_WARNING,
	    "RFC 7505 4, RFC 7208 10.1.2",
	    "a null-MX domain without 'v=spf1 -all'",
	    "a domain that sends no mail publishes 'v=spf1 -all'" },
	/* DNS rules. */
	[ZL_CNAME_AND_OTHER] = { "cname-and-other-data", ZG_SEV_ERROR,
	    "RFC 1034 3.6.2, RFC 2181 10.1", "a CNAME beside other data",
	    "a name with a CNAME has no other records (DNSSEC ones aside): "
	    "keep one or the other" },
	[ZL_CNAME_AT_APEX] = { "cname-at-apex", ZG_SEV_ERROR,
	    "RFC 1034 3.6.2, RFC 2181 10.1", "a CNAME at the zone's apex",
	    "the apex has SOA and NS records, so it cannot be an alias; use "
	    "address records" },
	[ZL_CNAME_MULTIPLE] = { "cname-multiple", ZG_SEV_ERROR,
	    "RFC 2181 10.1", "more than one CNAME at a name",
	    "keep exactly one CNAME at a name" },
	[ZL_MX_TARGET_CNAME] = { "mx-target-cname", ZG_SEV_ERROR,
	    "RFC 2181 10.3, RFC 5321 5.1", "an MX host that is an alias",
	    "point the MX at the host's canonical name, not a CNAME" },
	[ZL_NS_TARGET_CNAME] = { "ns-target-cname", ZG_SEV_ERROR,
	    "RFC 2181 10.3", "an NS host that is an alias",
	    "point the NS at the server's canonical name, not a CNAME" },
	[ZL_MX_TARGET_ADDRESS] = { "mx-target-address", ZG_SEV_ERROR,
	    "RFC 1035 3.3.9, RFC 7505", "an MX host written as an IP address",
	    "MX data is a host name; give the host a name with an address "
	    "record" },
	[ZL_NS_TARGET_ADDRESS] = { "ns-target-address", ZG_SEV_ERROR,
	    "RFC 1035 3.3.11", "an NS host written as an IP address",
	    "NS data is a host name; give the server a name with an address "
	    "record" },
	[ZL_RRSET_TTL] = { "rrset-ttl-mismatch", ZG_SEV_WARNING,
	    "RFC 2181 5.2", "records of one RRset with different TTLs",
	    "give every record of the RRset the same TTL" },
	[ZL_TXT_STRING_LONG] = { "txt-string-too-long", ZG_SEV_ERROR,
	    "RFC 1035 3.3, RFC 7208 3.3",
	    "a TXT character-string over 255 octets",
	    "split the text into several quoted strings of at most 255 "
	    "octets; they are joined without spaces" },
	[ZL_SRV_OWNER] = { "srv-owner", ZG_SEV_WARNING, "RFC 2782",
	    "an SRV owner not of the form _service._proto.name",
	    "name SRV records _service._tcp.DOMAIN (RFC 6186: _imap, _imaps, "
	    "_pop3, _pop3s, _submission, _submissions)" },
	[ZL_SRV_PORT] = { "srv-port", ZG_SEV_ERROR, "RFC 6186 3, RFC 8314 5.1",
	    "a mail SRV record on the port of the other TLS mode",
	    "implicit TLS (993, 995, 465) goes under _imaps, _pop3s, "
	    "_submissions; STARTTLS (143, 110, 587) under _imap, _pop3, "
	    "_submission" },
	[ZL_SRV_TARGET_CNAME] = { "srv-target-cname", ZG_SEV_ERROR,
	    "RFC 2782", "an SRV target that is an alias",
	    "point the SRV record at the host's canonical name" },
	/* SPF. */
	[ZL_SPF_MULTIPLE] = { "spf-multiple", ZG_SEV_ERROR, "RFC 7208 3.2",
	    "more than one SPF record at a name",
	    "merge them into one record: two make every check a permerror" },
	[ZL_SPF_RR_TYPE] = { "spf-rr-type", ZG_SEV_WARNING,
	    "RFC 7208 3.1, 14.1", "an SPF record of the obsolete type SPF (99)",
	    "publish SPF as a TXT record only" },
	[ZL_SPF_SYNTAX] = { "spf-syntax", ZG_SEV_ERROR, "RFC 7208 4.6, 12",
	    "an SPF record that does not follow the grammar",
	    "fix the term; receivers return permerror for the whole record" },
	[ZL_SPF_SPLIT] = { "spf-split", ZG_SEV_ERROR, "RFC 7208 3.3",
	    "SPF strings joined without the space the record needs",
	    "strings are joined without spaces: end a string with a space or "
	    "begin the next with one" },
	[ZL_SPF_MODIFIER_TWICE] = { "spf-modifier-twice", ZG_SEV_ERROR,
	    "RFC 7208 6", "redirect= or exp= more than once",
	    "keep one redirect= and one exp=" },
	[ZL_SPF_LOOKUPS] = { "spf-lookups", ZG_SEV_ERROR, "RFC 7208 4.6.4",
	    "more than 10 DNS-querying terms",
	    "flatten includes or remove mechanisms: past 10 lookups the "
	    "result is permerror" },
	[ZL_SPF_VOID] = { "spf-void-lookups", ZG_SEV_ERROR, "RFC 7208 4.6.4",
	    "more than 2 lookups of names that do not exist",
	    "remove the terms that name names this zone does not have: past "
	    "two void lookups the result is permerror" },
	[ZL_SPF_INCLUDE_NONE] = { "spf-include-none", ZG_SEV_ERROR,
	    "RFC 7208 5.2, 6.1",
	    "an include: or redirect= of a name of this zone without an SPF "
	    "record",
	    "publish an SPF record at the included name, or remove the "
	    "term: receivers return permerror" },
	[ZL_SPF_INCLUDE_LOOP] = { "spf-include-loop", ZG_SEV_ERROR,
	    "RFC 7208 4.6.4, 5.2", "an include: or redirect= that comes back "
	    "to a domain being evaluated (--live)",
	    "remove the include that closes the loop: receivers return "
	    "permerror" },
	[ZL_SPF_MX_HOSTS] = { "spf-mx-hosts", ZG_SEV_ERROR, "RFC 7208 4.6.4",
	    "an mx mechanism whose domain has more than 10 MX hosts (--live)",
	    "use ip4:/ip6: for the senders, or a domain with at most 10 MX "
	    "hosts: receivers return permerror" },
	[ZL_SPF_ALL_PASS] = { "spf-all-pass", ZG_SEV_ERROR, "RFC 7208 5.1",
	    "'+all' or a bare 'all': every host may send",
	    "end the record with '~all' or '-all'" },
	[ZL_SPF_AFTER_ALL] = { "spf-after-all", ZG_SEV_WARNING,
	    "RFC 7208 5.1, 6.1", "terms after 'all', never evaluated",
	    "move the terms before 'all' or remove them" },
	[ZL_SPF_PTR] = { "spf-ptr", ZG_SEV_NOTE, "RFC 7208 5.5",
	    "the ptr mechanism, which SHOULD NOT be used",
	    "ptr is slow and unreliable; use ip4:, ip6:, a or include: "
	    "instead when the provider allows" },
	/* DMARC. */
	[ZL_DMARC_MISPLACED] = { "dmarc-misplaced", ZG_SEV_ERROR,
	    "RFC 7489 6.1, RFC 9989", "a DMARC record outside _dmarc",
	    "move the record to _dmarc.DOMAIN, the only name receivers "
	    "query" },
	[ZL_DMARC_MULTIPLE] = { "dmarc-multiple", ZG_SEV_ERROR,
	    "RFC 7489 6.6.3, RFC 9989", "more than one DMARC record at _dmarc",
	    "keep exactly one: with two, receivers apply no policy" },
	[ZL_DMARC_SYNTAX] = { "dmarc-syntax", ZG_SEV_ERROR,
	    "RFC 7489 6.4, RFC 9989", "a DMARC record that does not follow "
	    "the grammar",
	    "write 'v=DMARC1; p=POLICY' followed by 'tag=value' pairs "
	    "separated by ';'" },
	[ZL_DMARC_POLICY_MISSING] = { "dmarc-policy-missing", ZG_SEV_ERROR,
	    "RFC 7489 6.3, RFC 9989",
	    "no p= tag (a warning under RFC 9989, which reads it as none)",
	    "add p=none, p=quarantine or p=reject" },
	[ZL_DMARC_POLICY_ORDER] = { "dmarc-policy-order", ZG_SEV_ERROR,
	    "RFC 7489 6.4", "p= is not right after v=DMARC1 (RFC 7489)",
	    "write p= as the second tag" },
	[ZL_DMARC_POLICY_INVALID] = { "dmarc-policy-invalid", ZG_SEV_ERROR,
	    "RFC 7489 6.3, RFC 9989", "a p= value other than none, "
	    "quarantine, reject",
	    "use p=none, p=quarantine or p=reject" },
	[ZL_DMARC_TAG_INVALID] = { "dmarc-tag-invalid", ZG_SEV_ERROR,
	    "RFC 7489 6.3, RFC 9989", "a tag with an invalid value",
	    "correct the value; the message says what the tag takes" },
	[ZL_DMARC_TAG_REMOVED] = { "dmarc-tag-removed", ZG_SEV_WARNING,
	    "RFC 9989", "a tag RFC 9989 removed (pct, rf, ri)",
	    "remove the tag (or lint with --dmarc 7489)" },
	[ZL_DMARC_TAG_UNKNOWN] = { "dmarc-tag-unknown", ZG_SEV_WARNING,
	    "RFC 7489 6.3, RFC 9989", "a tag the chosen RFC does not define",
	    "receivers ignore unknown tags: check the spelling or remove it" },
	[ZL_DMARC_INHERITED] = { "dmarc-inherited", ZG_SEV_NOTE,
	    "RFC 9989 4.10", "no DMARC record of the domain's own: the one "
	    "the tree walk finds above applies (--live)",
	    "publish a record at _dmarc.DOMAIN if the inherited policy is "
	    "not the one wanted" },
	[ZL_DMARC_REPORT_AUTH] = { "dmarc-report-unauthorised",
	    ZG_SEV_WARNING, "RFC 7489 7.1, RFC 9990",
	    "a rua/ruf address outside the Organizational Domain whose host "
	    "does not authorise it (--live)",
	    "have the receiving domain publish DOMAIN._report._dmarc.HOST "
	    "TXT \"v=DMARC1\", or send the reports to an address of the "
	    "domain" },
	/* --axfr --compare: the file against what the server serves. */
	[ZL_SERVED_MISSING] = { "served-missing", ZG_SEV_ERROR, "RFC 5936",
	    "a record of the file that the server does not serve",
	    "push the change to the server (nsupdate, a reload), or check "
	    "that the serial was raised" },
	[ZL_SERVED_EXTRA] = { "served-extra", ZG_SEV_WARNING, "RFC 5936",
	    "a record served that the file does not have",
	    "the server was changed by hand or the file is behind: bring "
	    "the record into the file, or remove it from the server" },
	[ZL_SERVED_TTL] = { "served-ttl", ZG_SEV_WARNING, "RFC 5936",
	    "a record served with another TTL than the file's",
	    "push the file's TTL to the server, or bring the served one into "
	    "the file" },
	[ZL_DNS_FAILURE] = { "dns-failure", ZG_SEV_ERROR, "RFC 1035 7",
	    "a question the DNS did not answer (--live): the checks that "
	    "needed it were not made",
	    "check the resolver (--resolver) and the domain's servers, then "
	    "run again; --cache keeps the answers that came" },
	[ZL_TARGET_NO_ADDRESS] = { "target-no-address", ZG_SEV_ERROR,
	    "RFC 5321 5.1, RFC 2782", "an MX host or SRV target of the zone "
	    "without an A or AAAA record there (with --live: any MX host, SRV "
	    "target or client host CNAME target)",
	    "point the record at a host that has an address, or give the "
	    "host one: mail and clients cannot reach a name without one" },
	/* zonelint itself. */
	[ZL_UNUSED_SUPPRESSION] = { "unused-suppression", ZG_SEV_WARNING,
	    "zonelint", "a '; zonelint: ignore RULE' comment that suppresses "
	    "nothing",
	    "remove the comment, or correct its rule id (a comment alone on "
	    "its line speaks of the next line)" },
	[ZL_LIMIT_EXCEEDED] = { "limit-exceeded", ZG_SEV_ERROR, "zonelint",
	    "a file, record or record count past zonelint's limits",
	    "split the file, or raise --max-file-size or --max-records; a "
	    "record is at most 512 KiB" },
	/* Added since (the table's end keeps the others' indexes). */
	[ZL_DEFAULT_TTL_MISSING] = { "default-ttl-missing", ZG_SEV_WARNING,
	    "RFC 2308 4", "a record without a TTL and no $TTL before it",
	    "put $TTL at the top of the zone: without it BIND takes the SOA "
	    "minimum or the last TTL written, or refuses the zone" },
	[ZL_OUT_OF_ZONE] = { "out-of-zone", ZG_SEV_WARNING, "RFC 1034 4.2.1",
	    "a record whose owner is outside the zone, which servers ignore",
	    "write the owner below the zone's origin (a name without its "
	    "final dot takes the origin), or move the record to its own "
	    "zone's file" },
	[ZL_TTL_TOO_LARGE] = { "ttl-too-large", ZG_SEV_WARNING, "RFC 2181 8",
	    "a TTL above 2147483647, which BIND loads as 0",
	    "write a TTL of at most 2147483647 seconds; a day (86400) or a "
	    "week (604800) is usual" },
};

const char *const zl_client_hosts[ZL_CLIENT_HOSTS_COUNT] = {
	"autoconfig", "autodiscover", "imap", "pop", "pop3", "smtp",
	"submission", "mail", "webmail",
};

const struct zl_family *const zl_families[ZL_FAMILY__COUNT] = {
	[ZL_FAMILY_DNS] = &zl_family_dns,
	[ZL_FAMILY_SPF] = &zl_family_spf,
	[ZL_FAMILY_DMARC] = &zl_family_dmarc,
	[ZL_FAMILY_MAIL] = &zl_family_mail,
};

int
zl_rule_family(int rule)
{
	switch (rule) {
	case ZL_MX_TARGET_CNAME:
	case ZL_NS_TARGET_CNAME:
	case ZL_MX_TARGET_ADDRESS:
	case ZL_NS_TARGET_ADDRESS:
	case ZL_SRV_OWNER:
	case ZL_SRV_PORT:
	case ZL_SRV_TARGET_CNAME:
	case ZL_TARGET_NO_ADDRESS:
		return ZL_FAMILY_DNS;
	case ZL_SPF_MULTIPLE:
	case ZL_SPF_RR_TYPE:
	case ZL_SPF_SYNTAX:
	case ZL_SPF_SPLIT:
	case ZL_SPF_MODIFIER_TWICE:
	case ZL_SPF_LOOKUPS:
	case ZL_SPF_VOID:
	case ZL_SPF_INCLUDE_NONE:
	case ZL_SPF_ALL_PASS:
	case ZL_SPF_AFTER_ALL:
	case ZL_SPF_PTR:
		return ZL_FAMILY_SPF;
	case ZL_DMARC_MISPLACED:
	case ZL_DMARC_MULTIPLE:
	case ZL_DMARC_SYNTAX:
	case ZL_DMARC_POLICY_MISSING:
	case ZL_DMARC_POLICY_ORDER:
	case ZL_DMARC_POLICY_INVALID:
	case ZL_DMARC_TAG_INVALID:
	case ZL_DMARC_TAG_REMOVED:
	case ZL_DMARC_TAG_UNKNOWN:
		return ZL_FAMILY_DMARC;
	case ZL_MAIL_CNAME_MISSING:
	case ZL_MAIL_CNAME_TARGET:
	case ZL_MAIL_CNAME_RELATIVE:
	case ZL_MAIL_CNAME_NOT_CNAME:
	case ZL_MAIL_MX_MISSING:
	case ZL_MAIL_MX_PRIORITY:
	case ZL_MAIL_MX_EXTRA:
	case ZL_MAIL_MX_RELATIVE:
	case ZL_MAIL_SPF_MISSING:
	case ZL_MAIL_SPF_UNAUTHORISED:
	case ZL_MAIL_DMARC_MISSING:
	case ZL_MAIL_DMARC_WEAKER:
	case ZL_MAIL_SPF_ALL_WEAKER:
	case ZL_MAIL_FORMER_PROVIDER:
	case ZL_NULL_MX_NOT_ALONE:
	case ZL_NULL_MX_NO_SPF:
		return ZL_FAMILY_MAIL;
	default:
		return -1; /* the reader's, and the zone's own */
	}
}

const zl_rule_t *
zl_rules(size_t *count)
{
	*count = ZL_RULE__COUNT;
	return rules;
}

int
zl_rule_find(const char *id)
{
	int i;

	for (i = 0; i < ZL_RULE__COUNT; i++) {
		if (strcmp(rules[i].id, id) == 0) {
			return i;
		}
	}
	return -1;
}

int
zl_rule_severity(const int *overrides, int rule, int severity)
{
	int sev = overrides != NULL ? overrides[rule] : ZL_SEV_DEFAULT;

	if (sev != ZL_SEV_DEFAULT) {
		return sev; /* -W or the configuration: ZL_SEV_OFF too */
	}
	return severity != ZL_SEV_DEFAULT ? severity
					  : (int)rules[rule].severity;
}
