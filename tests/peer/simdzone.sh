#!/bin/sh
# simdzone.sh: run simdzone's own type tests through the zone reader.
# SPDX-License-Identifier: BSD-3-Clause
#
# Usage (from the repository root, after make): sh tests/peer/simdzone.sh
# Reads the record texts of ../shared/peers/simdzone/tests/types.c (its
# "happy path" tests: every one is a record simdzone reads) where they
# lie, never copied into the project: each `NAME_text[] = "..."`, its C
# string literals joined, is one file that tests/peer/readzone.c reads
# with the origin ".".  Counts the texts the reader takes with no problem
# and lists the others; tests/peer/READER.md says why each one stays.
# The verdict only: the wire data is not compared (the expected rdata
# are C byte lists built from macros).  Exit 0 always when simdzone is
# absent (CI has no copy).
set -u
SZ=${SIMDZONE:-../shared/peers/simdzone}
if [ ! -r "$SZ/tests/types.c" ]; then
	echo "peer: skipped, ../shared/peers/simdzone not found"
	exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
sh tests/peer/readzone.sh "$TMP/readzone" || exit 1
mkdir "$TMP/z"
# One file a text: the literals from `NAME_text[] =` to the `;` joined,
# with \\ \" \n \t undone.
awk -v dir="$TMP/z" '
/_text\[\] *=/ {
	name = $0
	sub(/^.*char +/, "", name)
	sub(/_text\[\].*$/, "", name)
	buf = ""
	on = 1
}
on {
	line = $0
	while (match(line, /"([^"\\]|\\.)*"/)) {
		buf = buf substr(line, RSTART + 1, RLENGTH - 2)
		line = substr(line, RSTART + RLENGTH)
	}
	if ($0 ~ /; *$/) {
		gsub(/\\\\/, "\001", buf)
		gsub(/\\"/, "\"", buf)
		gsub(/\\n/, "\n", buf)
		gsub(/\\t/, "\t", buf)
		gsub(/\001/, "\\", buf)
		f = dir "/" name ".zone"
		printf "%s\n", buf > f
		close(f)
		print name
		on = 0
	}
}' "$SZ/tests/types.c" >"$TMP/names" || exit 1
ok=0
total=0
while read -r n; do
	total=$((total + 1))
	out=$("$TMP/readzone" -o . "$TMP/z/$n.zone" 2>&1)
	if printf '%s\n' "$out" | grep -q '^PROBLEM\|^readzone:' ||
	    ! printf '%s\n' "$out" | grep -q '^RR'; then
		first=$(printf '%s\n' "$out" | grep '^PROBLEM' | head -n 1 |
		    sed 's/^PROBLEM [^ ]* //')
		echo "simdzone types.c: $n: $first"
	else
		ok=$((ok + 1))
	fi
done <"$TMP/names"
echo "peer: simdzone types.c $ok/$total read with no problem"
