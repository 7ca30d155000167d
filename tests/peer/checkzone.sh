#!/bin/sh
# checkzone.sh: zonelint (RFC rules only) against BIND's checkzone suite.
# SPDX-License-Identifier: BSD-3-Clause
#
# Usage (from the repository root, after make): sh tests/peer/checkzone.sh [-v]
# For each row of ../shared/peer-suites/bind9-checkzone/manifest.tsv runs
# `zonelint --profile none --origin ORIGIN FILE` and compares: a reject row
# must give exit status 1 (a finding at error level), an accept or warn row
# exit status 0.  Prints each disagreement and a summary line;
# tests/peer/CHECKZONE.md explains every disagreement.  Prints one line and
# exits 0 when the suite is absent (CI has no copy).
set -u
PEER=${PEER:-../shared/peer-suites}/bind9-checkzone
ZONELINT=${ZONELINT:-build/zonelint}
if [ ! -d "$PEER" ]; then
	echo "peer: skipped, ../shared/peer-suites not found"
	exit 0
fi
ZONELINT=$(cd "$(dirname "$ZONELINT")" && pwd)/$(basename "$ZONELINT")
agree=0
disagree=0
# The suite's $INCLUDE paths are relative to its folder (BIND's working
# directory), so run from there.
cd "$PEER" || exit 2
while IFS='	' read -r file origin expected _; do
	case $expected in
	accept | warn) want=0 ;;
	reject) want=1 ;;
	*) continue ;;
	esac
	out=$("$ZONELINT" --profile none --include-any --origin "$origin" \
	    "zones/$file" 2>&1)
	got=$?
	if [ "$got" -eq "$want" ]; then
		agree=$((agree + 1))
		continue
	fi
	disagree=$((disagree + 1))
	echo "disagree: $file ($expected, zonelint exit $got)"
	[ "${1:-}" = -v ] && echo "$out" | grep -v ': note: ' | head -n 5 |
	    sed 's/^/    /'
done <manifest.tsv
echo "peer bind9-checkzone (zonelint): $agree agree, $disagree disagree"
