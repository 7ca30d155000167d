#!/bin/sh
# scale.sh: inputs of issue 12 whose cost grew with the square of their
# size (one file $INCLUDEd under thousands of spellings, thousands of
# suppressions, SARIF over thousands of files), at a size where every
# finding can be checked; and standard input named twice.  The times are
# in make bench (tests/bench/run.sh, BENCH_ONLY=scaling): this checks
# that the findings are the right ones, not how fast they come.
# SPDX-License-Identifier: BSD-3-Clause
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

T=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-scale.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
N=2000

HEAD='$ORIGIN scale.example.
$TTL 3600
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ NS ns1.example.net.
ns1 A 192.0.2.1'

# spellings N FILE: FILE under N names, one a line: FILE, .//FILE,
# ././/FILE, ... (the bits of 0 .. N-1 as ./ and .//, all different).
spellings() {
	awk -v n="$1" -v f="$2" 'BEGIN {
		for (i = 0; i < n; i++) {
			s = ""
			for (b = i; b > 0; b = int(b / 2))
				s = s (b % 2 ? ".//" : "./")
			print s f
		}
	}'
}

# keys: the findings of text output as "FILE:LINE:RULE", sorted.
keys() {
	sed -n 's/^\(.*\):\([0-9]*\): [a-z]*: .* \[\([a-z-]*\)\]$/\1:\2:\3/p' |
	    sort
}

# --- one file $INCLUDEd under N spellings --------------------------------
# a.zone: a finding at line 1 that nothing suppresses; b.zone: at line 1 a
# suppression of that rule that matches nothing in b.zone; c.zone: a
# finding suppressed on its own line.  Each spelling is a file of its
# own: N findings of a, N unused suppressions of b, nothing of c.
mkdir "$T/inc"
printf 'a TXT "v=spf1 +all"\n' >"$T/inc/a.zone"
printf 'b A 192.0.2.1 ; zonelint: ignore spf-all-pass\n' >"$T/inc/b.zone"
printf 'c TXT "v=spf1 +all" ; zonelint: ignore spf-all-pass\n' \
    >"$T/inc/c.zone"
for f in a b c; do
	spellings "$N" "$f.zone" >"$T/$f.list"
done
{
	echo "$HEAD"
	# Interleaved, so that findings and suppressions of one line and
	# rule in different files meet in every order.
	paste -d '\n' "$T/a.list" "$T/b.list" "$T/c.list" |
	    sed 's/^/$INCLUDE /'
} >"$T/inc/main.zone"
{
	sed 's|^|inc/|; s|$|:1:spf-all-pass|' "$T/a.list"
	sed 's|^|inc/|; s|$|:1:unused-suppression|' "$T/b.list"
} | sort >"$T/inc.expected"
(cd "$T" && $ZONELINT --no-config --profile none inc/main.zone) \
    >"$T/inc.out" 2>"$T/inc.err"
st=$?
keys <"$T/inc.out" >"$T/inc.got"
if [ "$st" -eq 1 ] && [ ! -s "$T/inc.err" ] &&
    cmp -s "$T/inc.expected" "$T/inc.got" &&
    tail -n 1 "$T/inc.out" | grep -q "^zonelint: 1 file, $N errors, $N warnings, 0 notes$"
then
	pass "scale-include-spellings ($N spellings of 3 files)"
else
	fail "scale-include-spellings (exit $st; expected and got:)"
	diff "$T/inc.expected" "$T/inc.got" | head -n 5
fi

# --- N suppressions in one file --------------------------------------------
# Even lines: a finding suppressed at the end of its line; odd lines: a
# suppression alone on its line, of a rule that does not fire on the
# next, which is unused.
{
	echo "$HEAD"
	awk -v n="$N" 'BEGIN {
		for (i = 0; i < n; i++)
			if (i % 2 == 0)
				printf "h%d TXT \"v=spf1 +all\" ; zonelint: ignore spf-all-pass\n", i
			else
				printf "; zonelint: ignore cname-multiple\nh%d A 192.0.2.1\n", i
	}'
} >"$T/supp.zone"
awk -v n="$N" 'BEGIN {
	line = 6
	for (i = 0; i < n; i++)
		if (i % 2 == 0)
			line++
		else {
			printf "supp.zone:%d:unused-suppression\n", line
			line += 2
		}
}' | sort >"$T/supp.expected"
(cd "$T" && $ZONELINT --no-config --profile none supp.zone) \
    >"$T/supp.out" 2>"$T/supp.err"
st=$?
keys <"$T/supp.out" >"$T/supp.got"
if [ "$st" -eq 0 ] && [ ! -s "$T/supp.err" ] &&
    cmp -s "$T/supp.expected" "$T/supp.got"; then
	pass "scale-suppressions ($N suppressions, half unused)"
else
	fail "scale-suppressions (exit $st; expected and got:)"
	diff "$T/supp.expected" "$T/supp.got" | head -n 5
fi

# --- SARIF over many files -------------------------------------------------
# Each file has findings at line 0 (the profile's missing records), whose
# SARIF region is the whole file: endLine must be that file's own line
# count, which differs from file to file.
mkdir "$T/files"
awk -v n="$N" -v d="$T/files" 'BEGIN {
	for (i = 0; i < n; i++) {
		f = d "/" i ".zone"
		printf "$ORIGIN d%d.example.\n@ 3600 SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ 3600 NS ns1.example.net.\n", i >f
		for (k = 0; k < i % 7; k++)
			printf "; line %d\n", k + 4 >f
		close(f)
		printf "%d.zone %d\n", i, 3 + i % 7 >(d "/../files.expected")
	}
}'
(cd "$T/files" && $ZONELINT --no-config --format sarif ./*.zone) \
    >"$T/files.out" 2>"$T/files.err"
st=$?
sed -n 's/.*"uri": "\.\/\([0-9]*\.zone\)".*"endLine": \([0-9]*\).*/\1 \2/p' \
    "$T/files.out" | sort -u >"$T/files.got"
sort "$T/files.expected" >"$T/files.want"
nwhole=$(grep -c '"endLine"' "$T/files.out")
if [ "$st" -eq 1 ] && [ ! -s "$T/files.err" ] &&
    cmp -s "$T/files.want" "$T/files.got" && [ "$nwhole" -ge "$N" ]; then
	pass "scale-sarif-files ($N files, $nwhole whole-file regions)"
else
	fail "scale-sarif-files (exit $st; expected and got:)"
	diff "$T/files.want" "$T/files.got" | head -n 5
fi

# --- standard input named twice --------------------------------------------
# It can be read once: a usage error, as the other usage errors.
cp "$T/supp.zone" "$T/one.zone"
for args in "- -" "one.zone - one.zone -"; do
	# shellcheck disable=SC2086
	(cd "$T" && $ZONELINT --no-config $args <one.zone) \
	    >"$T/stdin.out" 2>"$T/stdin.err"
	st=$?
	if [ "$st" -eq 2 ] && [ ! -s "$T/stdin.out" ] &&
	    head -n 1 "$T/stdin.err" | grep -q "^zonelint: standard input ('-') given more than once$" &&
	    grep -q '^usage: zonelint' "$T/stdin.err"; then
		pass "scale-stdin-twice ($args)"
	else
		fail "scale-stdin-twice ($args: exit $st)"
		head -n 3 "$T/stdin.err"
	fi
done
(cd "$T" && $ZONELINT --no-config --profile none - one.zone <one.zone) \
    >"$T/stdin.out" 2>"$T/stdin.err"
st=$?
if [ "$st" -eq 0 ] && [ ! -s "$T/stdin.err" ] &&
    tail -n 1 "$T/stdin.out" | grep -q '^zonelint: 2 files, 0 errors'; then
	pass "scale-stdin-once"
else
	fail "scale-stdin-once (exit $st)"
fi
