#!/bin/sh
# config-profile-plan.sh: a profile whose records zonelint would call an
# error is refused wherever a user loads it (issue 12): zonegen writes
# nothing, zonelint --profile exits 2.  The linter's rules decide.
# SPDX-License-Identifier: BSD-3-Clause
set -u
. tests/lib.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-hostile.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

for profile in fixtures/profiles/bad/plan-*.yaml; do
	name=${profile##*/}
	rule=${name#plan-}
	rule=${rule%.yaml}
	$ZONELINT -p "$profile" fixtures/lintcli/zones/warnings.zone \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "zonelint-profile-refused $name (exit $rc)" [ "$rc" -eq 2 ]
	check "zonelint-profile-message $name" grep -q \
	    "^$profile: refused: the records it plans would be a zonelint error: .*\[$rule\]\$" \
	    "$tmp/err"
	check "zonelint-profile-one-line $name" [ "$(wc -l <"$tmp/err")" -eq 1 ]
	check "zonelint-profile-no-report $name" [ ! -s "$tmp/out" ]
	mkdir "$tmp/dir"
	$ZONEGEN -p "$profile" -o "$tmp/dir" example.com >"$tmp/out" 2>&1
	rc=$?
	check "zonegen-output-dir-nothing-written $name (exit $rc)" \
	    [ "$rc" -eq 1 ] && [ -z "$(ls -A "$tmp/dir")" ]
	$ZONEGEN -p "$profile" --print-profile >"$tmp/out" 2>/dev/null
	check "zonegen-print-profile-refused $name" [ ! -s "$tmp/out" ]
	rm -rf "$tmp/dir"
done

# The built-in profile and every good profile pass the same check.
for profile in webmo fixtures/profiles/*.yaml; do
	$ZONELINT -p "$profile" --origin example.com - </dev/null \
	    >"$tmp/out" 2>"$tmp/err"
	check "profile-accepted ${profile##*/}" [ ! -s "$tmp/err" ]
done
