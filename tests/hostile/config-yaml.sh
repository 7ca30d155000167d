#!/bin/sh
# config-yaml.sh: profiles and configurations that abuse YAML (issue 12):
# huge lists, aliases that expand without end.
# SPDX-License-Identifier: BSD-3-Clause
set -u
. tests/lib.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-hostile.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# lines N FORMAT: FORMAT (printf, given the line's number) N times.
lines() {
	awk -v n="$1" -v f="$2" 'BEGIN { for (i = 0; i < n; i++) printf f, i }'
}

# A list of 20,000 entries: the message gives the real limit and count
# (it said "allows at most 0").
{
	printf 'name: many\nttl: 3600\nmx:\n'
	lines 20000 '  - {priority: 10, host: mx%d.example.net.}\n'
} >"$tmp/many.yaml"
$ZONEGEN -p "$tmp/many.yaml" example.com >"$tmp/out" 2>"$tmp/err"
rc=$?
check "profile-list-20000-refused (exit $rc)" [ "$rc" -eq 1 ]
check "profile-list-20000-message" grep -q \
    ':68: mx: has 20000 entries; allows at most 64$' "$tmp/err"
check "profile-list-20000-one-line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
{
	printf 'rules:\n  off:\n'
	lines 20000 '    - spf-ptr\n'
} >"$tmp/many-config.yaml"
$ZONELINT -c "$tmp/many-config.yaml" fixtures/lintcli/zones/warnings.zone \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
check "config-list-20000-refused (exit $rc)" [ "$rc" -eq 2 ]
check "config-list-20000-message" grep -q \
    ':259: rules.off: has 20000 entries; allows at most 256$' "$tmp/err"

# Aliases of aliases ("billion laughs"): refused at a bounded size, fast,
# before libcyaml expands anything.
{
	echo "a: &a [x, x, x, x, x, x, x, x, x, x]"
	prev=a
	for n in b c d e f g h i j; do
		printf '%s: &%s [' "$n" "$n"
		k=0
		while [ $k -lt 10 ]; do
			printf '*%s, ' "$prev"
			k=$((k + 1))
		done
		printf '*%s]\n' "$prev"
		prev=$n
	done
} >"$tmp/laughs.yaml"
start=$(date +%s)
$ZONEGEN -p "$tmp/laughs.yaml" example.com >"$tmp/out" 2>"$tmp/err"
rc=$?
took=$(($(date +%s) - start))
check "alias-expansion-refused (exit $rc)" [ "$rc" -eq 1 ]
check "alias-expansion-message" grep -q 'more than 262144 keys' "$tmp/err"
check "alias-expansion-fast (${took}s)" [ "$took" -le 5 ]
