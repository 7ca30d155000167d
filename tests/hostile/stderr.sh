#!/bin/sh
# stderr.sh: what the adversarial review of issue 12 found beside the
# reports: standard error of both programs, zonegen --print-profile, and
# record data in --fix output.  Every byte either program writes must be
# what may be shown: strict UTF-8 without a control character other than
# line feed and tab (none at all in fix data), C1 controls, line
# separators or bidirectional formatting; and every message line must
# start with the program's name.
# SPDX-License-Identifier: BSD-3-Clause
set -u
. tests/lib.sh

T=hostile-stderr
require "$T" python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonelint-stderr.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

cat >"$tmp/shown.py" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
text = data.decode("utf-8")
allowed = "\n" if len(sys.argv) > 2 else "\n\t"
bad = [c for c in text if (ord(c) < 0x20 and c not in allowed) or
       0x7f <= ord(c) <= 0x9f or c in "\u2028\u2029\u061c\u200e\u200f" or
       0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
sys.exit(1 if bad else 0)
EOF

# shown NAME FILE [notab]: FILE may be shown; with PREFIX set, every line
# starts with it.
shown() {
	if python3 "$tmp/shown.py" "$2" ${3:+"$3"} &&
	    { [ -z "${PREFIX:-}" ] || ! grep -v -q "^$PREFIX" "$2"; }; then
		pass "$1"
	else
		fail "$1"
		od -c "$2" | head -n 6
	fi
}

NL='
'
mkdir "$tmp/z"
cd "$tmp/z" || exit 1
ln -s nowhere "bad${NL}zonelint: FORGED.zone"
mkdir "dir${NL}::error file=x::pwned"
printf '$TTL 3600\n@ SOA ns1 h 1 2 3 4 5\nbad IN A 999.1.1.1\n' \
    >"example.com${NL}::warning::x.zone"
printf '$TTL 3600\n@ SOA ns1 h 1 2 3 4 5\n' \
    >"$(printf 'a\377\342\200\256\033[31m\177.zone')"
cd - >/dev/null || exit 1

(cd "$tmp/z" && $ZONELINT --no-config ./*) >/dev/null 2>"$tmp/e1"
PREFIX=zonelint: shown "$T/zonelint-file-names" "$tmp/e1"
(cd "$tmp/z" && $ZONELINT --no-config --fix=zone ./example*) \
    >/dev/null 2>"$tmp/e2"
PREFIX=zonelint: shown "$T/zonelint-fix-read-problem" "$tmp/e2"

# A configuration in a folder whose name holds a line break, and a
# profile path with hidden characters.
d="$tmp/zones${NL}::error file=x::forged"
mkdir "$d"
printf 'rules:\n  off: [nope]\n' >"$d/.zonelint.yaml"
printf '$TTL 3600\n@ SOA ns1 h 1 2 3 4 5\n' >"$d/example.com.zone"
(cd "$d" && $ZONELINT example.com.zone) >/dev/null 2>"$tmp/e3"
PREFIX=/ shown "$T/config-error-path" "$tmp/e3"
printf 'profiles:\n  - files: "*"\n    profile: "p\\u2028q\\u202e\\x85.yaml"\n' \
    >"$d/.zonelint.yaml"
(cd "$d" && $ZONELINT example.com.zone) >/dev/null 2>"$tmp/e4"
PREFIX=/ shown "$T/config-profile-hidden" "$tmp/e4"
$ZONELINT -c "nope${NL}::error::x" example.com.zone >/dev/null 2>"$tmp/e5"
PREFIX=nope shown "$T/zonelint-config-arg" "$tmp/e5"
$ZONELINT -W "x${NL}::error::y=off" x.zone >/dev/null 2>"$tmp/e6"
PREFIX='zonelint: \|usage: \|Try ' shown "$T/zonelint-rule-arg" "$tmp/e6"

# zonegen: a domain list and an output folder with line breaks.
printf 'example.com\nbad..com\n' >"$tmp/list${NL}::error::injected"
$ZONEGEN -d "$tmp/list${NL}::error::injected" >/dev/null 2>"$tmp/g1"
PREFIX=zonegen: shown "$T/zonegen-list-path" "$tmp/g1"
$ZONEGEN -d "$tmp/nolist${NL}::error::x" x.com >/dev/null 2>"$tmp/g2"
PREFIX=zonegen: shown "$T/zonegen-missing-list" "$tmp/g2"
$ZONEGEN -o "/nonexistent${NL}::error::x" example.com >/dev/null 2>"$tmp/g3"
PREFIX=zonegen: shown "$T/zonegen-output-dir" "$tmp/g3"
$ZONEGEN -p "nope${NL}::error::x.yaml" example.com >/dev/null 2>"$tmp/g4"
PREFIX=nope shown "$T/zonegen-profile-arg" "$tmp/g4"

# zonegen --print-profile: bidirectional formatting in a description.
printf 'name: evil\ndescription: "x\\u202ey\\u2066z\\u200f"\nttl: 300\nmx:\n  - priority: 10\n    host: mx.example.net.\n' \
    >"$tmp/p.yaml"
$ZONEGEN -p "$tmp/p.yaml" --print-profile >"$tmp/p.out" 2>&1
shown "$T/print-profile-bidi" "$tmp/p.out"
if $ZONEGEN -p "$tmp/p.out" --print-profile >"$tmp/p2.out" 2>&1 &&
    cmp -s "$tmp/p.out" "$tmp/p2.out"; then
	pass "$T/print-profile-reads-back"
else
	fail "$T/print-profile-reads-back"
fi

# --fix: record data with tabs and UTF-8 is written as \DDD; data ldns
# prints as prose (APL of an unknown family) in RFC 3597 form.
cat >"$tmp/example.com.zone" <<'EOF'
$TTL 3600
@	SOA	ns1 h 1 2 3 4 5
@	NS	ns1
ns1	A	192.0.2.1
@	TXT	"v=DMARC1;\009p=none;\009rua=mailto:d@example.com"
imap	IN	APL	\# 8 0909228026ff0300
imap	IN	TXT	"caf\195\169 \226\128\174 x"
imap	IN	CAA	0 issue "a\009b"
EOF
# (--fix=zone separates the fields of the records it adds with tabs of
# its own; nsupdate lines have none.)
for fix in zone nsupdate; do
	$ZONELINT --no-config --fix=$fix "$tmp/example.com.zone" \
	    >"$tmp/f.$fix" 2>&1
done
grep -v '^[^;]' "$tmp/f.zone" >"$tmp/f.zone.comments"
shown "$T/fix-zone-comments" "$tmp/f.zone.comments" notab
shown "$T/fix-zone-data" "$tmp/f.zone"
shown "$T/fix-nsupdate-data" "$tmp/f.nsupdate" notab
if grep -q 'APL \\# 8 0909228026FF0300' "$tmp/f.nsupdate" &&
    grep -q 'TXT "v=DMARC1;\\009p=none;\\009rua' "$tmp/f.nsupdate"; then
	pass "$T/fix-data-exact"
else
	fail "$T/fix-data-exact"
	cat "$tmp/f.nsupdate"
fi
