#!/bin/sh
# fix.sh: zonelint --fix=nsupdate on a realistic broken zone, applied by the
# real nsupdate to a real named, then read back by AXFR: the zone lints
# clean and every record that was not wrong is still there, byte for byte.
# SPDX-License-Identifier: BSD-3-Clause
#
# Needs named, tsig-keygen, nsupdate and dig, which `make check` installs;
# a missing one is a failure, never a skip.  KEEP=1 keeps the temporary
# directory.
# shellcheck disable=SC2086
set -u
. tests/lib.sh
. tests/named.sh

T=fix
require "$T" named tsig-keygen nsupdate dig timeout
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonelint-fix.XXXXXX") || exit 1
cleanup() {
	stop_named
	if [ -n "${KEEP:-}" ]; then
		echo "# kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# The broken zone: a former provider's MX, an SPF record with its include
# and another sender's, a site-verification TXT, DMARC at the apex, an imap A record, a
# CNAME that lost its trailing dot, and records that have nothing to do
# with mail.
Z=example.com
cat >"$tmp/extra" <<'ZONE'
@	300	IN	MX	5 mx.oldmail.example.
@	300	IN	TXT	"v=spf1 include:_spf.oldmail.example include:_spf.newsletter.example ~all"
@	300	IN	TXT	"google-site-verification=abc123"
@	300	IN	TXT	"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"
imap	300	IN	A	192.0.2.10
pop	300	IN	CNAME	pop.webmo.fr
www	300	IN	A	192.0.2.80
www	300	IN	AAAA	2001:db8::80
shop	600	IN	CNAME	shops.example.net.
_sip._tcp	300	IN	SRV	0 1 5060 sip.example.net.
ZONE
mkdir "$tmp/named"
start_named "$tmp/named" "$Z=$tmp/extra" || {
	fail "$T/named-started"
	exit 1
}
pass "$T/named-started"

axfr() {
	timeout 20 dig @127.0.0.1 -p "$NAMED_PORT" +onesoa +nocmd \
	    +nocomments +nostats "$Z" AXFR |
	    grep -v '^;' | grep . | grep -v '[[:space:]]SOA[[:space:]]' |
	    sed 's/[[:space:]][[:space:]]*/ /g' | sort
}
axfr >"$tmp/before" 2>&1
check "$T/zone-loaded" grep -q 'google-site-verification' "$tmp/before"

# The zone file as named loaded it is what zonelint reads.
cp "$NAMED_DIR/$Z.db" "$tmp/$Z.zone"
$ZONELINT "$tmp/$Z.zone" >"$tmp/lint-before" 2>&1
check "$T/zone-has-errors-before" [ $? -eq 1 ]

$ZONELINT --fix=nsupdate "$tmp/$Z.zone" >"$tmp/fix.nsupdate" 2>"$tmp/fix.err"
rc=$?
[ $rc -eq 0 ] || sed 's/^/# zonelint: /' "$tmp/fix.err"
check "$T/fix-exit-0" [ $rc -eq 0 ]
check "$T/fix-is-one-message" [ "$(grep -c '^send$' "$tmp/fix.nsupdate")" -eq 1 ]
check "$T/fix-never-deletes-an-rrset" sh -c \
    "! grep '^update delete' '$tmp/fix.nsupdate' |
	awk 'NF < 6 { bad = 1 } END { exit !bad }'"
{ echo "server 127.0.0.1 $NAMED_PORT"; cat "$tmp/fix.nsupdate"; } \
    >"$tmp/apply.nsupdate"
timeout 60 nsupdate -t 5 -k "$NAMED_KEY" <"$tmp/apply.nsupdate" \
    >"$tmp/nsupdate.out" 2>&1
rc=$?
[ $rc -eq 0 ] || sed 's/^/# nsupdate: /' "$tmp/nsupdate.out"
check "$T/nsupdate-exit-0" [ $rc -eq 0 ]

# Read back: the transferred zone lints clean against the profile.
timeout 20 dig @127.0.0.1 -p "$NAMED_PORT" +onesoa +nocmd +nocomments \
    +nostats "$Z" AXFR >"$tmp/after.zone"
$ZONELINT --origin "$Z" "$tmp/after.zone" >"$tmp/lint-after" 2>&1
rc=$?
[ $rc -eq 0 ] || sed 's/^/# zonelint: /' "$tmp/lint-after"
check "$T/after-lints-clean" [ $rc -eq 0 ]
check "$T/after-no-finding" grep -q ', 0 errors, 0 warnings, 0 notes$' \
    "$tmp/lint-after"
axfr >"$tmp/after"

# Every record that was not wrong is still there, byte for byte (TTL
# included): all of "before" but the records the fix deleted.
sed -n 's/^update delete \([^ ]*\) IN \([^ ]*\) \(.*\)$/\1 \2 \3/p' \
    "$tmp/fix.nsupdate" >"$tmp/deleted"
kept=0
lost=0
while IFS= read -r line; do
	# "name ttl IN type data" -> "name type data"
	key=$(echo "$line" | awk '{ $2 = ""; $3 = ""; print }' |
	    sed 's/  */ /g')
	if grep -Fqix -e "$key" "$tmp/deleted"; then
		continue
	fi
	if grep -Fqx -e "$line" "$tmp/after"; then
		kept=$((kept + 1))
	else
		lost=$((lost + 1))
		echo "# lost or changed: $line"
	fi
done <"$tmp/before"
# NS, the NS host's A, the verification TXT, www A and AAAA, shop, _sip.
check "$T/nothing-else-lost ($kept kept)" [ $lost -eq 0 -a $kept -eq 7 ]
check "$T/verification-txt-kept" grep -Fq \
    '"google-site-verification=abc123"' "$tmp/after"
# The newsletter sender stays; the former provider's include goes with
# its MX (mail-former-provider).
check "$T/other-sender-kept-in-spf" grep -Fq \
    '"v=spf1 include:_spf.newsletter.example include:spf.webmo.fr ~all"' \
    "$tmp/after"
check "$T/one-spf-record" [ "$(grep -c 'v=spf1' "$tmp/after")" -eq 1 ]
check "$T/dmarc-moved-with-its-policy" grep -Fq \
    "_dmarc.$Z. 300 IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com\"" \
    "$tmp/after"
check "$T/no-dmarc-at-apex" sh -c "! grep -q '^$Z\\. .*DMARC1' '$tmp/after'"
check "$T/old-mx-gone" sh -c "! grep -q 'mx.oldmail.example' '$tmp/after'"
check "$T/old-spf-include-gone" sh -c "! grep -q '_spf.oldmail' '$tmp/after'"
check "$T/imap-is-a-cname" grep -Fq \
    "imap.$Z. 3600 IN CNAME imap.webmo.fr." "$tmp/after"

# A second fix on the fixed zone changes nothing.
$ZONELINT --origin "$Z" --fix=nsupdate "$tmp/after.zone" >"$tmp/fix2" 2>&1
check "$T/second-fix-is-empty" grep -q '^; nothing to change$' "$tmp/fix2"
