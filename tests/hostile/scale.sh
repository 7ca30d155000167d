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

# keys: the findings of text output as "FILE:LINE:RULE", sorted.
keys() {
	sed -n 's/^\(.*\):\([0-9]*\): [a-z]*: .* \[\([a-z-]*\)\]$/\1:\2:\3/p' |
	    sort
}

# --- one file $INCLUDEd under N spellings --------------------------------
# Each spelling is a file of its own: the finding of every spelling of
# a.zone, the unused suppression of every spelling of b.zone, nothing of
# c.zone; findings and suppressions of one line and rule in many files
# meet in every order.
sh tests/scale-inputs.sh inc "$N" "$T/inc"
sed -n 's|^\$INCLUDE \(.*a\.zone\)$|inc/\1:1:spf-all-pass|p
    s|^\$INCLUDE \(.*b\.zone\)$|inc/\1:1:unused-suppression|p' \
    "$T/inc/main.zone" | sort >"$T/inc.expected"
(cd "$T" && $ZONELINT --no-config --profile none inc/main.zone) \
    >"$T/inc.out" 2>"$T/inc.err"
st=$?
keys <"$T/inc.out" >"$T/inc.got"
na=$(grep -c 'spf-all-pass$' "$T/inc.expected")
nb=$(grep -c 'unused-suppression$' "$T/inc.expected")
if [ "$st" -eq 1 ] && [ ! -s "$T/inc.err" ] && [ "$na" -gt 600 ] &&
    cmp -s "$T/inc.expected" "$T/inc.got" &&
    tail -n 1 "$T/inc.out" | grep -q "^zonelint: 1 file, $na errors, $nb warnings, 0 notes$"
then
	pass "scale-include-spellings ($N includes of 3 files, each spelt differently)"
else
	fail "scale-include-spellings (exit $st; expected and got:)"
	diff "$T/inc.expected" "$T/inc.got" | head -n 5
fi

# --- N suppressions in one file --------------------------------------------
# Only the odd ones, alone on their lines, are findings (unused).
sh tests/scale-inputs.sh supp "$N" "$T"
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
# Each file has a finding at line 0 (no origin), whose SARIF region is the
# whole file: endLine must be that file's own line count, which differs
# from file to file.
sh tests/scale-inputs.sh files "$N" "$T/files"
(cd "$T/files" && awk '{ n[FILENAME]++ } END { for (f in n) print f, n[f] }' \
    ./*.zone | sed 's|^\./||' | sort) >"$T/files.want"
(cd "$T/files" && $ZONELINT --no-config --profile none --format sarif \
    ./*.zone) >"$T/files.out" 2>"$T/files.err"
st=$?
sed -n 's/.*"uri": "\.\/\([0-9]*\.zone\)".*"endLine": \([0-9]*\).*/\1 \2/p' \
    "$T/files.out" | sort -u >"$T/files.got"
nwhole=$(grep -c '"endLine"' "$T/files.out")
if [ "$st" -eq 1 ] && [ ! -s "$T/files.err" ] &&
    [ "$(wc -l <"$T/files.want")" -eq "$N" ] &&
    cmp -s "$T/files.want" "$T/files.got" && [ "$nwhole" -eq "$N" ]; then
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
