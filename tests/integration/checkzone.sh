#!/bin/sh
# checkzone.sh: zonegen's BIND output, pasted into a minimal zone, must
# load in named-checkzone with its strict checks (integrity, check-names
# and NS checks set to fail), without warnings, and must load to exactly
# the records zonegen lists, for the built-in profile and every profile in
# fixtures/profiles/*.yaml (not bad/), for several domains (an IDN one and
# names at the 253-octet limit among them), with and without --srv and
# --relative.  Negative controls prove that the harness can fail.
# SPDX-License-Identifier: BSD-3-Clause
#
# Needs named-checkzone (bind9-utils), which `make check` installs; a
# missing one is a failure, never a skip.
# $ZONEGEN and the option lists are split on purpose (a valgrind wrapper).
# shellcheck disable=SC2086,SC2016
set -u
. tests/lib.sh

T=checkzone
require "$T" named-checkzone

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonegen-checkzone.XXXXXX") || {
	fail "$T/mktemp"
	exit 1
}
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# long_domain LEN: a valid domain of LEN characters (no final dot), of
# 63-octet labels of letters and digits, ending in ".example".
long_domain() {
	awk -v n="$1" 'BEGIN {
		s = "example"
		while (length(s) < n) {
			room = n - length(s) - 1
			if (room > 63)
				room = 63
			if (room < 1) {
				s = "x" s	# n - length(s) == 1: lengthen a label
				continue
			}
			l = ""
			for (i = 0; i < room; i++)
				l = l substr("abcdefghijklmnopqrstuvwxyz0123456789",
				    i % 36 + 1, 1)
			s = l "." s
		}
		print s
	}'
}

# With the built-in profile the longest owner names are
# "autoconfig.DOMAIN" and, with --srv, "_submissions._tcp.DOMAIN": a
# name is at most 253 characters, so these lengths are the largest that
# zonegen must accept.
LONG_SRV=$(long_domain 235)
LONG=$(long_domain 242)
if [ ${#LONG_SRV} -ne 235 ] || [ ${#LONG} -ne 242 ]; then
	fail "$T/long-domain"
fi

# zone_head ZONE: SOA, NS and the NS host's address.
zone_head() {
	printf '$TTL 300\n'
	printf '%s.\tIN\tSOA\tns.%s. hostmaster.%s. 1 3600 600 86400 300\n' \
		"$1" "$1" "$1"
	printf '%s.\tIN\tNS\tns.%s.\n' "$1" "$1"
	printf 'ns.%s.\tIN\tA\t192.0.2.53\n' "$1"
}

# checkzone ZONE FILE: the test's command; its output to $tmp/cz.out.
checkzone() {
	named-checkzone -i local -k fail -n fail "$1" "$2" >"$tmp/cz.out" 2>&1
}

# loads_clean ZONE FILE: exit 0 and exactly "loaded serial 1" and "OK".
loads_clean() {
	checkzone "$1" "$2"
	rc=$?
	printf 'zone %s/IN: loaded serial 1\nOK\n' "$1" >"$tmp/cz.want"
	if [ "$rc" -eq 0 ] && cmp -s "$tmp/cz.want" "$tmp/cz.out"; then
		return 0
	fi
	echo "# named-checkzone exit $rc:"
	sed 's/^/#   /' "$tmp/cz.out"
	return 1
}

# loads_as ZONE FILE WANT: the zone, dumped by named-checkzone, holds the
# records of WANT (normalised) beside the three of zone_head, no others.
loads_as() {
	named-checkzone -i local -k fail -n fail -D -o "$tmp/dump" "$1" "$2" \
		>/dev/null 2>&1 || return 1
	norm <"$tmp/dump" | grep -v -e "^$1\. 300 in soa " \
		-e "^$1\. 300 in ns ns\.$1\.\$" \
		-e "^ns\.$1\. 300 in a 192\.0\.2\.53\$" | sort >"$tmp/dump.rr"
	sort "$3" >"$tmp/dump.want"
	[ -s "$tmp/dump.want" ] || return 1
	diff "$tmp/dump.want" "$tmp/dump.rr" >"$tmp/dump.diff" && return 0
	sed 's/^/# /' "$tmp/dump.diff"
	return 1
}

# run_case NAME BUILTIN ZONE PROFILEARGS... -- ZONEGENARGS...
#   One zonegen run checked in named-checkzone.  PROFILEARGS are empty or
#   "--profile FILE"; ZONEGENARGS end with the domain as given.  With
#   BUILTIN=0 a long domain that zonegen refuses as too long for the
#   profile's names is skipped, not failed.
run_case() {
	cn=$1 builtin=$2 zone=$3
	shift 3
	pargs=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		pargs="$pargs $1"
		shift
	done
	shift
	if ! $ZONEGEN $pargs "$@" >"$tmp/snippet" 2>"$tmp/zg.err"; then
		if [ "$builtin" -eq 0 ] && grep -q 'too long' "$tmp/zg.err"; then
			pass "$cn refused: too long for this profile's labels"
			return
		fi
		sed 's/^/# zonegen: /' "$tmp/zg.err"
		fail "$cn/zonegen"
		return
	fi
	# The same records with absolute names (the --relative cases must
	# load to exactly these).
	absargs=
	for a in "$@"; do
		[ "$a" = --relative ] || absargs="$absargs $a"
	done
	# shellcheck disable=SC2086
	$ZONEGEN $pargs $absargs 2>/dev/null | norm >"$tmp/want"
	# Another $ORIGIN in effect where the snippet is pasted: a --relative
	# snippet must set its own.
	{
		zone_head "$zone"
		printf '$ORIGIN elsewhere.%s.\n' "$zone"
		cat "$tmp/snippet"
	} >"$tmp/zone"
	check "$cn/loads" loads_clean "$zone" "$tmp/zone"
	check "$cn/records" loads_as "$zone" "$tmp/zone" "$tmp/want"
}

# Profiles: the built-in one, then each valid fixture.
set -- builtin
for f in fixtures/profiles/*.yaml; do
	[ -f "$f" ] && set -- "$@" "$f"
done

for prof in "$@"; do
	if [ "$prof" = builtin ]; then
		ptag=builtin pargs='' builtin=1
	else
		ptag=$(basename "$prof" .yaml) pargs="--profile $prof" builtin=0
		if ! $ZONEGEN $pargs --print-profile >/dev/null 2>"$tmp/zg.err"; then
			sed 's/^/# zonegen: /' "$tmp/zg.err"
			fail "$T/$ptag/profile-loads"
			continue
		fi
	fi
	for d in example.com example.org long235 long242 idn; do
		case $d in
		long235) dom=$LONG_SRV zone=$LONG_SRV ;;
		long242) dom=$LONG zone=$LONG ;;
		idn) dom="café.fr" zone=xn--caf-dma.fr ;;
		*) dom=$d zone=$d ;;
		esac
		for v in plain srv relative relative-srv; do
			case $v in
			plain) opts= ;;
			srv) opts=--srv ;;
			relative) opts=--relative ;;
			relative-srv) opts="--relative --srv" ;;
			esac
			# 242 characters leave no room for the SRV owners.
			case $d/$v in
			long242/*srv) continue ;;
			esac
			# shellcheck disable=SC2086
			run_case "$T/$ptag/$d/$v" $builtin "$zone" $pargs -- \
				$opts "$dom"
		done
	done
done

# The built-in profile's limits: one character more is refused (exit 1),
# not written as names that no zone could load.
LONG_SRV1=$(long_domain 236)
LONG1=$(long_domain 243)
$ZONEGEN --srv "$LONG_SRV1" >"$tmp/out" 2>/dev/null
rc=$?
check "$T/builtin/long236-srv-refused" [ "$rc" -eq 1 -a ! -s "$tmp/out" ]
$ZONEGEN "$LONG1" >"$tmp/out" 2>/dev/null
rc=$?
check "$T/builtin/long243-refused" [ "$rc" -eq 1 -a ! -s "$tmp/out" ]

# --- negative controls: the harness must be able to fail -----------------
Z=example.com
$ZONEGEN $Z >"$tmp/snippet" || fail "$T/control/zonegen"
# An A record beside the snippet's imap CNAME: "CNAME and other data".
{
	zone_head $Z
	cat "$tmp/snippet"
	printf 'imap.%s.\tA\t192.0.2.1\n' $Z
} >"$tmp/zone"
checkzone $Z "$tmp/zone"
rc=$?
check "$T/control/cname-and-other-data-refused" [ "$rc" -ne 0 ]
check "$T/control/cname-and-other-data-message" \
	grep -q 'CNAME and other data' "$tmp/cz.out"
# check-names is on: an owner with '_' on an A record is refused.
{
	zone_head $Z
	printf 'bad_host.%s.\tA\t192.0.2.1\n' $Z
} >"$tmp/zone"
checkzone $Z "$tmp/zone"
check "$T/control/check-names-refused" [ "$?" -ne 0 ]
# Out-of-zone data loads with "OK" but a warning: loads_clean refuses it.
{
	zone_head $Z
	cat "$tmp/snippet"
	printf 'www.example.net.\tA\t192.0.2.1\n'
} >"$tmp/zone"
if loads_clean $Z "$tmp/zone" >/dev/null; then
	fail "$T/control/out-of-zone-warning-caught"
else
	pass "$T/control/out-of-zone-warning-caught"
fi
# A record missing from the zone: loads_as notices.
$ZONEGEN $Z | norm >"$tmp/want"
{
	zone_head $Z
	grep -v 'IN[[:space:]]*MX[[:space:]]' "$tmp/snippet"
} >"$tmp/zone"
if loads_as $Z "$tmp/zone" "$tmp/want" >/dev/null; then
	fail "$T/control/missing-record-caught"
else
	pass "$T/control/missing-record-caught"
fi
exit 0
