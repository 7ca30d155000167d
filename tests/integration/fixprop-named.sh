#!/bin/sh
# fixprop-named.sh: zonelint --fix=nsupdate on 200 generated zones, applied
# by the real nsupdate to ONE real named, read back by AXFR and linted
# again.  The in-process property test (tests/unit/test_fixprop.c) applies
# the same scripts with its own emulation of BIND; here named decides.
# SPDX-License-Identifier: BSD-3-Clause
#
# For each zone of `test_fixprop --emit`: named loads what zonelint reads;
# the fix is written (exit 0) and nsupdate applies it (exit 0); named's
# result is the one test_fixprop's emulation computes (--apply); the zone
# read back has no mail-* finding and a second fix is empty; the records
# at owners that no finding of the first lint named are unchanged, TTL
# included.  One ok/FAIL line a property, and one FAIL line for each of the
# first 20 failing zones.
#
# ZL_FIXPROP_NAMED_COUNT zones (200), seeds ZL_FIXPROP_SEED onwards.
# Needs named, tsig-keygen, nsupdate and dig, which `make check` installs;
# a missing one is a failure, never a skip.  KEEP=1 keeps the temporary
# directory (each zone's files are in work/zNNNN.*).
# ('$ORIGIN' and the like below are zone file text.)
# shellcheck disable=SC2016,SC2086
set -u
. tests/lib.sh
. tests/named.sh

T=fixprop-named
N=${ZL_FIXPROP_NAMED_COUNT:-200}
SHOW=20
require "$T" named tsig-keygen nsupdate dig timeout
FP=$PWD/$BUILDDIR/tests/test_fixprop
if [ ! -x "$FP" ]; then
	fail "$T ($FP is not built: run make)"
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonelint-fixprop.XXXXXX") || exit 1
cleanup() {
	stop_named
	if [ -n "${KEEP:-}" ]; then
		echo "# kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

Z=$tmp/zones
mkdir "$tmp/named" "$tmp/work"
if ! "$FP" --emit "$N" "$Z" ${ZL_FIXPROP_SEED:+"$ZL_FIXPROP_SEED"}; then
	fail "$T/emit"
	exit 1
fi

# One named for every zone as it is (the zones hold their SOA and NS).
set --
for f in "$Z"/z*.zone; do
	b=${f##*/}
	set -- "$@" "$(cat "$Z/${b%.zone}.origin")@$f"
done
if ! NAMED_WAIT=${NAMED_WAIT:-60} start_named "$tmp/named" "$@"; then
	fail "$T/named-started ($N zones)"
	exit 1
fi
pass "$T/named-started ($N zones)"

axfr() {
	timeout 20 dig @127.0.0.1 -p "$NAMED_PORT" +onesoa +nocmd \
	    +nocomments +nostats "$1" AXFR
}

# The properties: name, then the failing zones' count.
PROPS="loaded fix-written nsupdate emulation no-mail-after second-fix-empty
others-unchanged"
for p in $PROPS; do
	eval "bad_$(echo "$p" | tr - _)=0"
done
failing=0
shown=0
# A mail-* finding of zonelint's JSON (one finding a line): rule, owner.
MAIL_RE='.*"rule": "\(mail-[^"]*\)".*"owner": "\([^"]*\)".*'

# zone_fail ZONE PROPERTY DETAIL: count it; the zone's line comes later.
zone_fail() {
	v=bad_$(echo "$2" | tr - _)
	eval "$v=\$((\$$v + 1))"
	zfails="$zfails${zfails:+; }$2 ($3)"
}

started=$(date +%s)
for f in "$Z"/z*.zone; do
	b=${f##*/}
	b=${b%.zone}
	w=$tmp/work/$b
	origin=$(cat "$Z/$b.origin")
	prof=webmo
	[ -f "$Z/$b.yaml" ] && prof=$Z/$b.yaml
	args="--no-config --profile $prof --origin $origin"
	zfails=

	# named holds what zonelint's reader reads (the SOA aside).
	axfr "$origin" >"$w.before.axfr" 2>&1
	"$FP" --canon "$f" "$origin" >"$w.file.canon" 2>&1
	if ! "$FP" --canon "$w.before.axfr" "$origin" >"$w.before.canon" \
	    2>&1 || ! cmp -s "$w.file.canon" "$w.before.canon"; then
		zone_fail "$b" loaded "$(diff "$w.file.canon" \
		    "$w.before.canon" | grep '^[<>]' | head -n 1)"
	else
		$ZONELINT $args --format json "$f" >"$w.lint1.json" 2>&1
		$ZONELINT $args --fix=nsupdate "$f" >"$w.fix" 2>"$w.fix.err"
		rc=$?
		if [ $rc -ne 0 ]; then
			zone_fail "$b" fix-written "exit $rc: $(head -n 1 \
			    "$w.fix.err")"
		else
			{
				echo "server 127.0.0.1 $NAMED_PORT"
				cat "$w.fix"
			} >"$w.apply"
			timeout 60 nsupdate -t 5 -k "$NAMED_KEY" <"$w.apply" \
			    >"$w.nsupdate.out" 2>&1 ||
			    zone_fail "$b" nsupdate "$(head -n 1 \
				"$w.nsupdate.out")"
			axfr "$origin" >"$w.after.axfr" 2>&1
			"$FP" --canon "$w.after.axfr" "$origin" \
			    >"$w.after.canon" 2>&1
			# The emulation of test_fixprop gives named's result.
			"$FP" --apply "$f" "$w.fix" "$origin" \
			    >"$w.emulated.canon" 2>&1
			cmp -s "$w.emulated.canon" "$w.after.canon" ||
			    zone_fail "$b" emulation "$(diff \
				"$w.emulated.canon" "$w.after.canon" |
				grep '^[<>]' | head -n 1)"
			# The zone read back lints without mail-* finding,
			# and a second fix is empty.
			$ZONELINT $args --format json "$w.after.axfr" \
			    >"$w.lint2.json" 2>&1
			m=$(sed -n "s/$MAIL_RE/\\1 at \\2/p" \
			    "$w.lint2.json" | head -n 3 | tr '\n' ' ')
			[ -z "$m" ] || zone_fail "$b" no-mail-after "$m"
			$ZONELINT $args --fix=nsupdate "$w.after.axfr" \
			    >"$w.fix2" 2>&1
			if grep -q '^update' "$w.fix2"; then
				zone_fail "$b" second-fix-empty "$(grep \
				    '^update' "$w.fix2" | head -n 1)"
			fi
			# Owners no finding of the first lint named: the
			# same records before and after, TTL included.
			# dmarc-misplaced names the apex and says the record
			# belongs at _dmarc, where the fix moves it: that
			# name too.
			{
				sed -n 's/.*"owner": "\([^"]*\)".*/\1/p' \
				    "$w.lint1.json"
				sed -n 's/.*"rule": "dmarc-misplaced".*"owner": "\([^"]*\)".*/_dmarc.\1/p' \
				    "$w.lint1.json"
			} | sort -u >"$w.owners"
			for s in before after; do
				awk -F '\t' 'FILENAME == ARGV[1] {
					n[tolower($0)] = 1
					next
				    }
				    !(tolower($1) in n)' "$w.owners" \
				    "$w.$s.canon" >"$w.$s.rest"
			done
			cmp -s "$w.before.rest" "$w.after.rest" ||
			    zone_fail "$b" others-unchanged "$(diff \
				"$w.before.rest" "$w.after.rest" |
				grep '^[<>]' | head -n 1)"
		fi
	fi
	if [ -n "$zfails" ]; then
		failing=$((failing + 1))
		if [ "$shown" -lt "$SHOW" ]; then
			shown=$((shown + 1))
			fail "$T $b $origin $(sed 's/^seed //' "$Z/$b.info" |
			    tr -d '\n'): $zfails"
		fi
	fi
done

n=0
for p in $PROPS; do
	v=bad_$(echo "$p" | tr - _)
	eval "n=\$$v"
	if [ "$n" -eq 0 ]; then
		pass "$T/$p ($N zones)"
	else
		fail "$T/$p ($n of $N zones fail)"
	fi
done
[ "$failing" -le "$shown" ] ||
    echo "# $T: $failing failing zones, $((failing - shown)) not shown"
echo "# $T: $N zones in $(($(date +%s) - started)) s"
