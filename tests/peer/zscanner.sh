#!/bin/sh
# zscanner.sh: compare the zone reader with BIND's and Knot's test suites.
# SPDX-License-Identifier: BSD-3-Clause
#
# Usage (from the repository root): sh tests/peer/zscanner.sh [-v]
# Reads ../shared/peer-suites (never copied into the project), builds
# tests/peer/readzone.c with the reader (build/liblint.a and
# build/libzonegen.a: `make peer` builds them first) in a temporary
# folder, and counts agreement:
#   bind9-checkzone  manifest.tsv: accept/warn rows must read with no
#                    problem, reject rows with at least one
#   knot-zscanner    each case: the same records (wire form, in order) as
#                    the .out file, and a problem exactly when the .out
#                    has a WARNG or ERROR
# Disagreements are listed; tests/peer/READER.md explains each one.
# Exit 0 always when the suites are absent (CI has no copy).
set -u
PEER=${PEER:-../shared/peer-suites}
if [ ! -d "$PEER" ]; then
	echo "peer: skipped, ../shared/peer-suites not found"
	exit 0
fi
PEER=$(cd "$PEER" && pwd)
ROOT=$(pwd)
VERBOSE=${1:-}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
sh tests/peer/readzone.sh "$TMP/readzone" || exit 1
RZ=$TMP/readzone

# --- BIND ------------------------------------------------------------
b_agree=0
b_total=0
cd "$PEER/bind9-checkzone" || exit 1
while IFS='	' read -r file origin expected _rest; do
	case $expected in
	accept|warn) want=accept ;;
	reject) want=reject ;;
	*) continue ;;
	esac
	b_total=$((b_total + 1))
	out=$("$RZ" -o "$origin" "zones/$file" 2>&1)
	if printf '%s\n' "$out" | grep -q '^PROBLEM\|^readzone:'; then
		got=reject
	else
		got=accept
	fi
	if [ "$got" = "$want" ]; then
		b_agree=$((b_agree + 1))
	else
		first=$(printf '%s\n' "$out" | grep '^PROBLEM' | head -n 1)
		echo "bind9 disagree: $file ($origin) want $want got $got" \
			"${first:+: $first}"
	fi
done < manifest.tsv
cd "$ROOT" || exit 1
echo "peer: bind9-checkzone $b_agree/$b_total agree"

# --- Knot ------------------------------------------------------------
k_agree=0
k_total=0
cp -R "$PEER/knot-zscanner/data" "$TMP/knot"
for name in $(cat "$PEER/knot-zscanner/TESTS"); do
	in=$TMP/knot/$name.in
	sed "s|@TMPDIR@|$TMP/knot|" "$in" > "$in.tmp" && mv "$in.tmp" "$in"
	k_total=$((k_total + 1))
	"$RZ" -w -a -o . "$in" > "$TMP/out" 2>&1
	grep -v '^WARNG=\|^ERROR=' "$PEER/knot-zscanner/data/$name.out" |
		grep -v '^------$' > "$TMP/want.rr"
	grep -v '^WARNG=\|^------$' "$TMP/out" > "$TMP/got.rr"
	want_err=no
	got_err=no
	grep -q '^WARNG=\|^ERROR=' "$PEER/knot-zscanner/data/$name.out" &&
		want_err=yes
	grep -q '^WARNG=' "$TMP/out" && got_err=yes
	wr=$(grep -c '^OWNER=' "$TMP/want.rr")
	gr=$(grep -c '^OWNER=' "$TMP/got.rr")
	if cmp -s "$TMP/want.rr" "$TMP/got.rr" &&
		[ "$want_err" = "$got_err" ]; then
		k_agree=$((k_agree + 1))
	else
		nw=$(grep -c '^WARNG=\|^ERROR=' \
			"$PEER/knot-zscanner/data/$name.out")
		ng=$(grep -c '^WARNG=' "$TMP/out")
		same=$(cmp -s "$TMP/want.rr" "$TMP/got.rr" && echo same ||
			echo differ)
		echo "knot disagree: $name records $wr/$gr ($same)," \
			"errors $nw/$ng"
		if [ "$VERBOSE" = "-v" ]; then
			diff "$TMP/want.rr" "$TMP/got.rr" | head -n 20
			grep '^WARNG=' "$TMP/out" | head -n 20
		fi
	fi
done
echo "peer: knot-zscanner $k_agree/$k_total agree"
exit 0
