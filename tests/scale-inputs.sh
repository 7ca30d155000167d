#!/bin/sh
# scale-inputs.sh: the inputs of issue 12 that once cost the square of
# their size, at any size N: tests/hostile/scale.sh checks their findings
# at 2,000, make bench (tests/bench/run.sh) times them at 10,000 to
# 160,000.
# SPDX-License-Identifier: BSD-3-Clause
#
#   sh tests/scale-inputs.sh supp N DIR   DIR/supp.zone: N suppressions;
#       the even ones drop the finding of their own line, the odd ones,
#       alone on the line before a record, drop nothing (unused)
#   sh tests/scale-inputs.sh inc N DIR    DIR/main.zone: N $INCLUDEs, in
#       turn of a.zone (a finding at line 1, not suppressed), b.zone (a
#       suppression at line 1 of that rule, matching nothing in b.zone)
#       and c.zone (a finding suppressed on its line), each under
#       spellings of its own: a.zone, .//a.zone, ././/a.zone, ... (the
#       bits of 0, 1, 2, ... as ./ and .//)
#   sh tests/scale-inputs.sh files N DIR  DIR/0.zone ... : N small zones
#       with no origin (a finding at line 0, about the whole file) of 2
#       to 8 lines
set -eu
[ $# -eq 3 ] || { echo "usage: scale-inputs.sh supp|inc|files N DIR" >&2; exit 2; }
n=$2
d=$3
mkdir -p "$d"
head='$ORIGIN scale.example.
$TTL 3600
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ NS ns1.example.net.
ns1 A 192.0.2.1'
case $1 in
supp)
	{
		echo "$head"
		awk -v n="$n" 'BEGIN {
			for (i = 0; i < n; i++)
				if (i % 2 == 0)
					printf "h%d TXT \"v=spf1 +all\" ; zonelint: ignore spf-all-pass\n", i
				else
					printf "; zonelint: ignore cname-multiple\nh%d A 192.0.2.1\n", i
		}'
	} >"$d/supp.zone"
	;;
inc)
	printf 'a TXT "v=spf1 +all"\n' >"$d/a.zone"
	printf 'b A 192.0.2.1 ; zonelint: ignore spf-all-pass\n' >"$d/b.zone"
	printf 'c TXT "v=spf1 +all" ; zonelint: ignore spf-all-pass\n' \
	    >"$d/c.zone"
	{
		echo "$head"
		awk -v n="$n" 'BEGIN {
			split("a b c", f, " ")
			for (i = 0; i < n; i++) {
				s = ""
				for (b = int(i / 3); b > 0; b = int(b / 2))
					s = s (b % 2 ? ".//" : "./")
				printf "$INCLUDE %s%s.zone\n", s, f[i % 3 + 1]
			}
		}'
	} >"$d/main.zone"
	;;
files)
	awk -v n="$n" -v d="$d" 'BEGIN {
		for (i = 0; i < n; i++) {
			f = d "/" i ".zone"
			printf "; zone %d\nhost 3600 A 192.0.2.1\n", i >f
			for (k = 0; k < i % 7; k++)
				printf "; line %d\n", k + 3 >f
			close(f)
		}
	}'
	;;
*)
	echo "scale-inputs.sh: supp, inc or files, not $1" >&2
	exit 2
	;;
esac
