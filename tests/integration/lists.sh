#!/bin/sh
# lists.sh: a registrar's list of domains through zonegen's nsupdate
# script into a real named.  A domain listed twice (by case, with the
# final dot, as U-label and A-label) is written once, so the script applies
# whole: written twice, its guarded CNAMEs failed the second time (YXDOMAIN)
# and nsupdate exited 2.  A --ttl with units arrives in seconds.
# SPDX-License-Identifier: BSD-3-Clause
#
# Needs named, tsig-keygen, nsupdate and dig, which `make check` installs;
# a missing one is a failure, never a skip.
# shellcheck disable=SC2086
set -u
. tests/lib.sh
. tests/named.sh

T=lists
require "$T" named tsig-keygen nsupdate dig timeout

named_tmpdir "$T" zonegen-lists
if ! start_named "$tmp" example.com xn--caf-dma.fr; then
	fail "$T/start-named"
	exit 1
fi

printf '%s\n' example.com 'EXAMPLE.com.' café.fr xn--caf-dma.fr \
    example.com >"$tmp/list.txt"
$ZONEGEN -f nsupdate --server 127.0.0.1 --port "$NAMED_PORT" \
    --ttl 1h30m --domains "$tmp/list.txt" >"$tmp/script" 2>"$tmp/zg.err"
rc=$?
check "$T/zonegen-status (exit $rc)" [ "$rc" -eq 0 ]
check "$T/zonegen-one-warning-a-repeat" \
    [ "$(grep -c ': warning: .* repeats .*; written once$' \
	"$tmp/zg.err")" -eq 3 ]
timeout 60 nsupdate -t 5 -k "$NAMED_KEY" <"$tmp/script" >"$tmp/ns.out" 2>&1
rc=$?
check "$T/nsupdate-applies (exit $rc)" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || sed 's/^/# /' "$tmp/ns.out"

# Each zone then holds the eight records once, each with TTL 5400.
for zone in example.com xn--caf-dma.fr; do
	timeout 20 dig @127.0.0.1 -p "$NAMED_PORT" +time=3 +tries=1 +onesoa \
	    +noall +answer "$zone" AXFR >"$tmp/axfr" 2>&1
	awk '$4 == "CNAME" || $4 == "MX" || $4 == "TXT"' "$tmp/axfr" \
	    >"$tmp/mail"
	check "$T/$zone-eight-records ($(wc -l <"$tmp/mail"))" \
	    [ "$(wc -l <"$tmp/mail")" -eq 8 ]
	check "$T/$zone-ttl-in-seconds" \
	    [ "$(awk '{print $2}' "$tmp/mail" | sort -u)" = 5400 ]
done
