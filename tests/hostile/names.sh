#!/bin/sh
# names.sh: file names chosen by an attacker (line breaks that spell
# nsupdate commands, CR, ';', quotes, ESC, bytes that are not UTF-8, the
# Unicode line separator) never change what zonelint's outputs say.
# SPDX-License-Identifier: BSD-3-Clause
#
# One zone, which needs the provider's records, is linted under each
# hostile name and under a plain one.  The oracle is the plain run:
#   - every format has the plain run's lines and structure: text, GitHub
#     (one line a finding and the summary), --fix=zone and --fix=nsupdate
#     (the same lines once comments are set aside; every comment is one
#     line starting with ';');
#   - every output is strict UTF-8 without a control character (but tab
#     and line feed), a C1 control, a line separator or bidirectional
#     formatting; JSON and SARIF parse, and SARIF's URI gives back the
#     name byte for byte;
#   - the real nsupdate applies each script to its own copy of the zone in
#     a real named, and the zone read back by AXFR is the plain copy's,
#     with the attacker's commands (delete the MX, add an MX or an A
#     record) nowhere.
# Needs named, tsig-keygen, nsupdate and dig, which `make check` installs.
# shellcheck disable=SC2086
set -u
. tests/lib.sh
. tests/named.sh

T=hostile-names
require "$T" named tsig-keygen nsupdate dig timeout python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonelint-names.XXXXXX") || exit 1
cleanup() {
	stop_named
	[ -n "${KEEP:-}" ] && echo "# kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# The names, as printf formats; the last one is the plain name.
set -- \
	'evil\nupdate delete %%s MX\nupdate add %%s 60 MX 1 attacker.example.\nsend\n;x.zone' \
	'cr\rupdate add www.%%s 60 A 6.6.6.6\r.zone' \
	'semi;colon "quote" '"'"'single'"'"' \\back.zone' \
	'esc\033[2J\033]0;title\007.zone' \
	'latin\377\376\300.zone' \
	'sep\342\200\250update add x 1 A 1.2.3.4\342\200\251.zone' \
	'bidi\342\200\256\342\200\217\330\234\342\201\246.zone' \
	'plain.zone'
count=$#

# The zone: the provider's records are missing, an old MX and an SPF
# record without the provider are there, and records no rule names.
cat >"$tmp/extra" <<'EOF'
www	300	IN	A	192.0.2.80
@	300	IN	MX	5 mx.oldmail.example.
@	300	IN	TXT	"v=spf1 mx -all"
@	300	IN	TXT	"site-verification=abc"
EOF
mkdir "$tmp/named" "$tmp/work"
zones=
i=1
while [ "$i" -le "$count" ]; do
	zones="$zones h$i.example=$tmp/extra"
	i=$((i + 1))
done
if ! start_named "$tmp/named" $zones; then
	fail "$T/named-started"
	exit 1
fi

axfr() {
	timeout 20 dig @127.0.0.1 -p "$NAMED_PORT" +onesoa +nocmd \
	    +nocomments +nostats "$1" AXFR
}

# run I NAME: lint zone hI.example saved under NAME in every format.
run() {
	d=$tmp/work/$1
	mkdir "$d"
	axfr "h$1.example" | grep -v '^;' >"$d/zone"
	# shellcheck disable=SC2059
	f=$d/$(printf "$2" "h$1.example." "h$1.example.")
	cp "$d/zone" "$f"
	printf '%s' "$f" >"$d/name"
	a="--no-config --origin h$1.example"
	for fmt in text json sarif github; do
		$ZONELINT $a --format $fmt "$f" >"$d/$fmt" 2>"$d/$fmt.err"
	done
	$ZONELINT $a --fix=zone "$f" >"$d/fixzone" 2>&1
	$ZONELINT $a --fix=nsupdate "$f" >"$d/fix" 2>&1
	{
		echo "server 127.0.0.1 $NAMED_PORT"
		cat "$d/fix"
	} >"$d/apply"
	timeout 60 nsupdate -t 5 -k "$NAMED_KEY" <"$d/apply" \
	    >"$d/nsupdate.out" 2>&1
	echo $? >"$d/nsupdate.rc"
	axfr "h$1.example" | norm | sed "s/h$1\.example\./ZONE./g" |
	    sort >"$d/after"
}

i=1
for n in "$@"; do
	run "$i" "$n"
	i=$((i + 1))
done
P=$tmp/work/$count

# Each output of run I, the origin and the file name set aside.
strip() {
	sed "s/h$1\.example\./ZONE./g" "$tmp/work/$1/$2"
}

check_same() { # NAME I FILE FILTER: the filtered output equals plain's
	strip "$2" "$3" | $4 >"$tmp/a"
	strip "$count" "$3" | $4 >"$tmp/b"
	if cmp -s "$tmp/a" "$tmp/b"; then
		pass "$1"
	else
		fail "$1"
		diff "$tmp/b" "$tmp/a" | head -n 8
	fi
}
# The text and GitHub lines with the file name cut: the rest is the same,
# line for line (so no line was added or split).
cut_text() { sed 's/^.*\(:[0-9]*: \)/\1/'; }
cut_github() { sed -e 's/file=[^,]*,//'; }
no_comments() { grep -v '^;'; }
comments() {
	grep '^;' | sed -e 's/^\(; zonelint --fix=[a-z]*: \).* (origin/\1FILE (origin/' \
	    -e 's/^\(;   \)\{0,1\}.*:\([0-9][0-9]*\)\(:\{0,1\}\)/\1FILE:\2\3/'
}

# python3: strict UTF-8, JSON, and (SARIF) the URI back to the name.
cat >"$tmp/check.py" <<'EOF'
import json, os, sys, urllib.parse
kind, path, name_file = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(path, "rb").read()
if kind == "shown":
    # Strict UTF-8, and no character that moves the cursor or reorders
    # text: C0 (but tab and line feed), DEL, C1, U+2028, U+2029, bidi.
    text = data.decode("utf-8")
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or
           0x7f <= ord(c) <= 0x9f or c in "\u2028\u2029" or
           0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069 or
           c in "\u061c\u200e\u200f"]
    sys.exit(1 if bad else 0)
doc = json.loads(data.decode("utf-8"))  # strict: raises on bad UTF-8
name = open(name_file, "rb").read()
if kind == "sarif":
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in doc["runs"][0]["results"]}
    got = {urllib.parse.unquote_to_bytes(u[len("file://"):]) for u in uris}
    sys.exit(0 if got == {name} else 1)
files = {f["file"] for f in doc["findings"]}
sys.exit(0 if len(files) == 1 and all("\n" not in f and "\r" not in f
                                      for f in files) else 1)
EOF

i=1
while [ "$i" -lt "$count" ]; do
	w=$tmp/work/$i
	check_same "$T/$i/text-lines" "$i" text cut_text
	check_same "$T/$i/github-lines" "$i" github cut_github
	check_same "$T/$i/fix-zone-data" "$i" fixzone no_comments
	check_same "$T/$i/fix-zone-comments" "$i" fixzone comments
	check_same "$T/$i/nsupdate-commands" "$i" fix no_comments
	check_same "$T/$i/nsupdate-comments" "$i" fix comments
	for o in text github fixzone fix json sarif; do
		check "$T/$i/$o-shown-bytes" python3 "$tmp/check.py" shown \
		    "$w/$o" "$w/name"
	done
	check "$T/$i/json-strict" python3 "$tmp/check.py" json "$w/json" \
	    "$w/name"
	check "$T/$i/sarif-strict-uri-exact" python3 "$tmp/check.py" sarif \
	    "$w/sarif" "$w/name"
	check "$T/$i/nsupdate-applied" test "$(cat "$w/nsupdate.rc")" = 0
	if cmp -s "$w/after" "$P/after" &&
	    ! grep -q -e attacker -e 6.6.6.6 -e 1.2.3.4 "$w/after" &&
	    grep -q 'mx.webmo.fr' "$w/after" &&
	    grep -q '^www.ZONE. 300 in a 192.0.2.80$' "$w/after"; then
		pass "$T/$i/zone-after-nsupdate-as-plain"
	else
		fail "$T/$i/zone-after-nsupdate-as-plain"
		diff "$P/after" "$w/after" | head -n 8
	fi
	i=$((i + 1))
done
# The plain run is itself a fix: the provider's MX is there, the old one
# gone, the other records kept.
if grep -q 'ZONE. 3600 in mx 10 mx.webmo.fr.' "$P/after" &&
    ! grep -q oldmail "$P/after" && grep -q site-verification "$P/after"; then
	pass "$T/plain-fix-applied"
else
	fail "$T/plain-fix-applied"
	cat "$P/after"
fi
