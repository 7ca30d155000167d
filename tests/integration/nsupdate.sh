#!/bin/sh
# nsupdate.sh: apply zonegen's nsupdate scripts to a real named and check,
# by zone transfer, that the zone then holds exactly the records that
# zonegen's BIND output lists, that existing names and TXT records survive,
# that --replace swaps the MX (and SRV) RRsets, and that applying a script
# twice adds nothing; that --replace switches a zone from a former provider
# (its CNAMEs, MX and DMARC; its SPF record stays, as documented) in one
# message, keeping unrelated records, and that a second run changes nothing;
# that an --idempotent script applied again succeeds where the records are
# right and fails, changing nothing, where a name holds another CNAME.
# SPDX-License-Identifier: BSD-3-Clause
#
# Needs named, tsig-keygen, nsupdate and dig (bind9, bind9-utils,
# bind9-dnsutils), which `make check` installs; a missing one is a failure,
# never a skip: this is the test of the real components.
# KEEP=1 keeps the temporary directory (zone files, scripts, named.log).
# $ZONEGEN and the option lists are split on purpose (a valgrind wrapper).
# shellcheck disable=SC2086,SC2317
set -u
. tests/lib.sh
. tests/named.sh

T=nsupdate
require "$T" named tsig-keygen nsupdate dig timeout

named_tmpdir "$T" zonegen-nsupdate

V=google-site-verification=abc123

# Zone contents before any update (beside SOA, NS and ns A).
cat >"$tmp/conflict.extra" <<EOF
imap.conflict.example.	300	IN	A	192.0.2.10
@	300	IN	TXT	"$V"
EOF
cat >"$tmp/replace.extra" <<EOF
@	300	IN	MX	5 mx.oldmail.example.
@	300	IN	TXT	"$V"
EOF
cat >"$tmp/replsrv.extra" <<EOF
@	300	IN	MX	5 mx.oldmail.example.
_imaps._tcp	300	IN	SRV	0 1 993 imap.oldmail.example.
_submission._tcp	300	IN	SRV	0 1 587 smtp.oldmail.example.
_submissions._tcp	300	IN	CNAME	submissions.oldmail.example.
_dmarc	300	IN	CNAME	policy.oldmail.example.
EOF

# A former provider's records, and records of the domain's own.
cat >"$tmp/switch.extra" <<EOF
autoconfig	300	IN	CNAME	autoconfig.oldmail.example.
pop	300	IN	CNAME	pop.oldmail.example.
imap	300	IN	CNAME	imap.oldmail.example.
smtp	300	IN	CNAME	smtp.oldmail.example.
@	300	IN	MX	10 mx.oldmail.example.
@	300	IN	MX	20 mx2.oldmail.example.
@	300	IN	TXT	"v=spf1 include:spf.oldmail.example -all"
@	300	IN	TXT	"$V"
_dmarc	300	IN	TXT	"v=DMARC1; p=reject; rua=mailto:d@oldmail.example"
www	300	IN	A	192.0.2.1
www	300	IN	TXT	"the domain's own"
EOF
cat >"$tmp/blocked.extra" <<EOF
imap	300	IN	A	192.0.2.10
@	300	IN	MX	10 mx.oldmail.example.
EOF

# One more zone per fixture profile (fixtures/profiles/*.yaml, not bad/).
profiles=
for f in fixtures/profiles/*.yaml; do
	[ -f "$f" ] && profiles="$profiles $(basename "$f" .yaml)"
done
pzones=
for p in $profiles; do
	pzones="$pzones profile-$p.example"
done

# shellcheck disable=SC2086
if ! start_named "$tmp" example.com srv.example \
	conflict.example="$tmp/conflict.extra" \
	replace.example="$tmp/replace.extra" \
	replsrv.example="$tmp/replsrv.extra" \
	switch.example="$tmp/switch.extra" \
	blocked.example="$tmp/blocked.extra" \
	idem.example again1.example again2.example xn--caf-dma.fr \
	$pzones; then
	fail "$T/start-named"
	exit 1
fi

# axfr ZONE: the zone's records, normalised, SOA once.  Fails (and prints
# nothing) when the transfer does not end with the SOA.
axfr() {
	timeout 20 dig @127.0.0.1 -p "$NAMED_PORT" +time=3 +tries=1 +onesoa \
		+nocmd +nocomments +nostats "$1" AXFR >"$tmp/axfr.raw" 2>&1 ||
		return 1
	norm <"$tmp/axfr.raw" >"$tmp/axfr.norm"
	grep -q "^$1\. [0-9]* in soa " "$tmp/axfr.norm" || return 1
	cat "$tmp/axfr.norm"
}

# lint_axfr NAME ZONE: the zone as transferred (still in axfr.raw) must
# give zonelint no error and no warning, and no note but the ptr advice.
lint_axfr() {
	cp "$tmp/axfr.raw" "$tmp/$1.raw"
	$ZONELINT --origin "$2" "$tmp/$1.raw" >"$tmp/$1.lint" 2>&1
	rc=$?
	[ "$rc" -eq 0 ] || sed 's/^/# zonelint: /' "$tmp/$1.lint"
	check "$T/$1/axfr-lints-clean" [ "$rc" -eq 0 ]
	check "$T/$1/axfr-no-finding-but-ptr-note" sh -c \
	    "! grep ': \(error\|warning\|note\): ' '$tmp/$1.lint' |
		grep -v '\[spf-ptr\]\$' | grep -v ': note: [^[]*\$' |
		grep -q ."
}

# apply SCRIPT OUT: run nsupdate on SCRIPT, its output to OUT; its status.
apply() {
	timeout 60 nsupdate -t 5 -k "$NAMED_KEY" <"$1" >"$2" 2>&1
}

# apply_ok CHECK SCRIPT OUT: apply SCRIPT; the check CHECK passes when
# nsupdate exits 0 (else its output is shown).
apply_ok() {
	apply "$2" "$3"
	rc=$?
	[ "$rc" -eq 0 ] || sed 's/^/# nsupdate: /' "$3"
	check "$1" [ "$rc" -eq 0 ]
}

# zg FILE ARGS...: run zonegen, its output to FILE; fail on a non-zero exit.
zg() {
	out=$1
	shift
	$ZONEGEN "$@" >"$out" 2>"$tmp/zg.err" || {
		echo "# zonegen $* failed:" && sed 's/^/#   /' "$tmp/zg.err"
		return 1
	}
}

# present WANT HAVE: every line of WANT is a line of HAVE (a set check;
# the missing lines are shown as comments).
present() {
	rc=0
	while IFS= read -r line; do
		if ! grep -Fxq -e "$line" "$2"; then
			echo "# missing: $line"
			rc=1
		fi
	done <"$1"
	return "$rc"
}

# absent LINE HAVE: LINE is not a record of HAVE.
absent() {
	if grep -Fxq -e "$1" "$2"; then
		echo "# unexpected: $1"
		return 1
	fi
}

# once WANT HAVE: every line of WANT is in HAVE exactly once.
once() {
	rc=0
	while IFS= read -r line; do
		n=$(grep -Fxc -e "$line" "$2")
		if [ "$n" -ne 1 ]; then
			echo "# $n copies: $line"
			rc=1
		fi
	done <"$1"
	return "$rc"
}

# same_set A B: A and B hold the same lines (sorted, duplicates kept).
same_set() {
	sort "$1" >"$tmp/ss.a"
	sort "$2" >"$tmp/ss.b"
	diff "$tmp/ss.a" "$tmp/ss.b" >"$tmp/ss.diff" && return 0
	sed 's/^/# /' "$tmp/ss.diff"
	return 1
}

# base ZONE: the records start_named writes, normalised (as AXFR shows).
base() {
	grep -v -e " in soa " -e " in ns ns\.$1\.\$" \
		-e "^ns\.$1\. [0-9]* in a 127\.0\.0\.1\$"
}

P="--format nsupdate --server 127.0.0.1 --port $NAMED_PORT"

# --- (a) a fresh zone takes every record ---------------------------------
Z=example.com
zg "$tmp/a.nsupdate" $P $Z || fail "$T/a/zonegen-nsupdate"
zg "$tmp/a.bind" --format bind $Z || fail "$T/a/zonegen-bind"
norm <"$tmp/a.bind" >"$tmp/a.want"
n=$(grep -c . "$tmp/a.want")
check "$T/a/bind-lists-8-records" [ "$n" -eq 8 ]
# The script starts with zonegen's "; mail records" comment: nsupdate must
# take it (lines starting with ';' are comments for nsupdate).
check "$T/a/script-has-comment-line" grep -q '^;' "$tmp/a.nsupdate"
apply_ok "$T/a/nsupdate-exit-0" "$tmp/a.nsupdate" "$tmp/a.out"
check "$T/a/nsupdate-silent" [ ! -s "$tmp/a.out" ]
axfr $Z >"$tmp/a.axfr" || fail "$T/a/axfr"
check "$T/a/all-records-in-axfr" present "$tmp/a.want" "$tmp/a.axfr"
n=0
while IFS= read -r line; do
	grep -Fxq -e "$line" "$tmp/a.axfr" && n=$((n + 1))
done <"$tmp/a.want"
check "$T/a/8-records-found" [ "$n" -eq 8 ]
base $Z <"$tmp/a.axfr" >"$tmp/a.added"
check "$T/a/nothing-else-added" same_set "$tmp/a.want" "$tmp/a.added"
# Spot checks independent of zonegen's BIND output.
check "$T/a/mx-10" grep -Fxq "$Z. 3600 in mx 10 mx.webmo.fr." "$tmp/a.axfr"
check "$T/a/dmarc" grep -Fxq "_dmarc.$Z. 3600 in txt \"v=DMARC1; p=none\"" \
	"$tmp/a.axfr"
axfr $Z >/dev/null && lint_axfr a $Z

# --- (a) with --srv ------------------------------------------------------
Z=srv.example
zg "$tmp/s.nsupdate" $P --srv $Z || fail "$T/srv/zonegen-nsupdate"
zg "$tmp/s.bind" --srv $Z || fail "$T/srv/zonegen-bind"
norm <"$tmp/s.bind" >"$tmp/s.want"
apply_ok "$T/srv/nsupdate-exit-0" "$tmp/s.nsupdate" "$tmp/s.out"
axfr $Z >"$tmp/s.axfr" || fail "$T/srv/axfr"
check "$T/srv/all-records-in-axfr" present "$tmp/s.want" "$tmp/s.axfr"
base $Z <"$tmp/s.axfr" >"$tmp/s.added"
check "$T/srv/nothing-else-added" same_set "$tmp/s.want" "$tmp/s.added"
grep ' in srv ' "$tmp/s.want" >"$tmp/s.srv"
grep ' in srv ' "$tmp/s.axfr" >"$tmp/s.axfr.srv"
check "$T/srv/6-srv-records" [ "$(grep -c . "$tmp/s.axfr.srv")" -eq 6 ]
check "$T/srv/srv-records-match" same_set "$tmp/s.srv" "$tmp/s.axfr.srv"
cat >"$tmp/s.spot" <<EOF
_imap._tcp.$Z. 3600 in srv 0 1 143 imap.webmo.fr.
_imaps._tcp.$Z. 3600 in srv 0 1 993 imap.webmo.fr.
_pop3._tcp.$Z. 3600 in srv 0 1 110 pop.webmo.fr.
_pop3s._tcp.$Z. 3600 in srv 0 1 995 pop.webmo.fr.
_submission._tcp.$Z. 3600 in srv 0 1 587 smtp.webmo.fr.
_submissions._tcp.$Z. 3600 in srv 0 1 465 smtp.webmo.fr.
EOF
check "$T/srv/rfc6186-8314-names-and-ports" present "$tmp/s.spot" \
	"$tmp/s.axfr"
axfr $Z >/dev/null && lint_axfr srv $Z

# --- (a) an IDN domain given as UTF-8 -------------------------------------
Z=xn--caf-dma.fr
zg "$tmp/i.nsupdate" $P "café.fr" || fail "$T/idn/zonegen-nsupdate"
zg "$tmp/i.bind" "café.fr" || fail "$T/idn/zonegen-bind"
norm <"$tmp/i.bind" >"$tmp/i.want"
apply_ok "$T/idn/nsupdate-exit-0" "$tmp/i.nsupdate" "$tmp/i.out"
axfr $Z >"$tmp/i.axfr" || fail "$T/idn/axfr"
base $Z <"$tmp/i.axfr" >"$tmp/i.added"
check "$T/idn/exactly-the-records" same_set "$tmp/i.want" "$tmp/i.added"
check "$T/idn/count-8" [ "$(grep -c . "$tmp/i.added")" -eq 8 ]

# --- (a) each fixture profile, with --srv ---------------------------------
for p in $profiles; do
	Z=profile-$p.example
	zg "$tmp/p.nsupdate" $P --srv --profile "fixtures/profiles/$p.yaml" $Z ||
		fail "$T/profile-$p/zonegen-nsupdate"
	zg "$tmp/p.bind" --srv --profile "fixtures/profiles/$p.yaml" $Z ||
		fail "$T/profile-$p/zonegen-bind"
	norm <"$tmp/p.bind" >"$tmp/p.want"
	apply "$tmp/p.nsupdate" "$tmp/p.out"
	rc=$?
	[ "$rc" -eq 0 ] || sed 's/^/# nsupdate: /' "$tmp/p.out"
	check "$T/profile-$p/nsupdate-exit-0" [ "$rc" -eq 0 ]
	axfr $Z >"$tmp/p.axfr" || fail "$T/profile-$p/axfr"
	base $Z <"$tmp/p.axfr" >"$tmp/p.added"
	check "$T/profile-$p/exactly-the-records" \
		same_set "$tmp/p.want" "$tmp/p.added"
done

# --- (b) existing imap A record and verification TXT ----------------------
Z=conflict.example
zg "$tmp/b.nsupdate" $P $Z || fail "$T/b/zonegen-nsupdate"
zg "$tmp/b.bind" $Z || fail "$T/b/zonegen-bind"
norm <"$tmp/b.bind" >"$tmp/b.all"
apply "$tmp/b.nsupdate" "$tmp/b.out"
rc=$?
sed 's/^/# nsupdate: /' "$tmp/b.out"
check "$T/b/nsupdate-exit-nonzero" [ "$rc" -ne 0 ]
# One refused message (the imap CNAME's prerequisite), nothing else.
check "$T/b/one-failed-prerequisite" \
	[ "$(grep -Eic 'yxdomain|prereq' "$tmp/b.out")" -eq 1 ]
check "$T/b/no-other-errors" [ "$(grep -c . "$tmp/b.out")" -eq 1 ]
axfr $Z >"$tmp/b.axfr" || fail "$T/b/axfr"
check "$T/b/imap-a-kept" grep -Fxq "imap.$Z. 300 in a 192.0.2.10" \
	"$tmp/b.axfr"
check "$T/b/no-imap-cname" [ -z "$(grep "^imap\.$Z\. [0-9]* in cname " \
	"$tmp/b.axfr")" ]
grep -v "^imap\.$Z\. " "$tmp/b.all" >"$tmp/b.want"
check "$T/b/other-7-records-applied" [ "$(grep -c . "$tmp/b.want")" -eq 7 ]
check "$T/b/other-records-in-axfr" present "$tmp/b.want" "$tmp/b.axfr"
# Any TTL: an RRset has one TTL, and named gives the apex TXT RRset the
# TTL of the SPF record the update adds (3600, not the zone file's 300).
check "$T/b/verification-txt-kept" \
	grep -Eq "^$Z\\. [0-9]+ in txt \"$V\"\$" "$tmp/b.axfr"
check "$T/b/apex-txt-is-spf-and-verification" \
	[ "$(grep -c "^$Z\. [0-9]* in txt " "$tmp/b.axfr")" -eq 2 ]

# --- (c) --replace: an old provider's MX ----------------------------------
Z=replace.example
zg "$tmp/c.nsupdate" $P --replace $Z || fail "$T/c/zonegen-nsupdate"
zg "$tmp/c.bind" $Z || fail "$T/c/zonegen-bind"
norm <"$tmp/c.bind" >"$tmp/c.want"
apply_ok "$T/c/nsupdate-exit-0" "$tmp/c.nsupdate" "$tmp/c.out"
axfr $Z >"$tmp/c.axfr" || fail "$T/c/axfr"
check "$T/c/old-mx-gone" absent "$Z. 300 in mx 5 mx.oldmail.example." \
	"$tmp/c.axfr"
grep ' in mx ' "$tmp/c.want" >"$tmp/c.mx"
grep "^$Z\. [0-9]* in mx " "$tmp/c.axfr" >"$tmp/c.axfr.mx"
check "$T/c/mx-rrset-is-the-2-new" same_set "$tmp/c.mx" "$tmp/c.axfr.mx"
check "$T/c/2-mx" [ "$(grep -c . "$tmp/c.axfr.mx")" -eq 2 ]
check "$T/c/all-records-in-axfr" present "$tmp/c.want" "$tmp/c.axfr"
check "$T/c/verification-txt-kept" \
	grep -Eq "^$Z\\. [0-9]+ in txt \"$V\"\$" "$tmp/c.axfr"

# --- (c) --replace --srv: an old provider's MX and SRV records ------------
# and CNAMEs at an SRV name and at _dmarc, which would hide the new records.
Z=replsrv.example
zg "$tmp/r.nsupdate" $P --replace --srv $Z || fail "$T/c-srv/zonegen-nsupdate"
zg "$tmp/r.bind" --srv $Z || fail "$T/c-srv/zonegen-bind"
norm <"$tmp/r.bind" >"$tmp/r.want"
apply_ok "$T/c-srv/nsupdate-exit-0" "$tmp/r.nsupdate" "$tmp/r.out"
axfr $Z >"$tmp/r.axfr" || fail "$T/c-srv/axfr"
check "$T/c-srv/old-records-gone" [ -z "$(grep oldmail "$tmp/r.axfr")" ]
base $Z <"$tmp/r.axfr" >"$tmp/r.added"
check "$T/c-srv/exactly-the-records" same_set "$tmp/r.want" "$tmp/r.added"

# --- (c) --replace switches from a former provider ------------------------
# Its CNAMEs, MX records and DMARC record make way for the profile's; its
# SPF record stays beside the new one (the script says so and zonelint
# reports it); the verification TXT, www's records and the rest stay.
Z=switch.example
zg "$tmp/w.nsupdate" $P --replace $Z || fail "$T/switch/zonegen-nsupdate"
zg "$tmp/w.bind" $Z || fail "$T/switch/zonegen-bind"
norm <"$tmp/w.bind" >"$tmp/w.want"
check "$T/switch/script-says-spf-stays" \
	grep -q '^; a former SPF record at switch\.example\. stays' \
	"$tmp/w.nsupdate"
apply_ok "$T/switch/nsupdate-exit-0" "$tmp/w.nsupdate" "$tmp/w.out"
check "$T/switch/nsupdate-silent" [ ! -s "$tmp/w.out" ]
axfr $Z >"$tmp/w.axfr" || fail "$T/switch/axfr"
check "$T/switch/new-records-in-axfr" present "$tmp/w.want" "$tmp/w.axfr"
check "$T/switch/no-oldmail-but-its-spf" \
	[ "$(grep -c oldmail "$tmp/w.axfr")" -eq 1 ]
# Exactly the profile's records and the kept ones, TTLs aside (the apex
# TXT RRset takes the TTL of the SPF record added: one TTL an RRset).
{
	cat "$tmp/w.want"
	echo "$Z. 0 in txt \"v=spf1 include:spf.oldmail.example -all\""
	echo "$Z. 0 in txt \"$V\""
	echo "www.$Z. 0 in a 192.0.2.1"
	echo "www.$Z. 0 in txt \"the domain's own\""
} | awk '{ $2 = ""; print }' >"$tmp/w.expect"
base $Z <"$tmp/w.axfr" | awk '{ $2 = ""; print }' >"$tmp/w.have"
check "$T/switch/exactly-new-and-kept-records" \
	same_set "$tmp/w.expect" "$tmp/w.have"
cp "$tmp/axfr.raw" "$tmp/w.raw"
$ZONELINT --origin $Z "$tmp/w.raw" >"$tmp/w.lint" 2>&1
check "$T/switch/zonelint-reports-two-spf" \
	grep -q '\[spf-multiple\]$' "$tmp/w.lint"
# A second run: the message deletes and adds the same records, which the
# server applies as no change at all (the serial stays).
apply_ok "$T/switch/second-run-exit-0" "$tmp/w.nsupdate" "$tmp/w.out2"
axfr $Z >"$tmp/w.axfr2" || fail "$T/switch/axfr-2"
check "$T/switch/second-run-changes-nothing" \
	same_set "$tmp/w.axfr" "$tmp/w.axfr2"

# An imap A record: --replace deletes only a CNAME there, so the server
# ignores the imap CNAME; the second message, which requires each CNAME,
# fails (NXRRSET) and nsupdate exits non-zero.  The A record stays; the
# first message changed the rest (it is one message).
Z=blocked.example
zg "$tmp/y.nsupdate" $P --replace $Z || fail "$T/blocked/zonegen"
apply "$tmp/y.nsupdate" "$tmp/y.out"
rc=$?
sed 's/^/# nsupdate: /' "$tmp/y.out"
check "$T/blocked/nsupdate-exit-nonzero" [ "$rc" -ne 0 ]
check "$T/blocked/one-nxrrset" [ "$(grep -c . "$tmp/y.out")" -eq 1 -a \
	"$(grep -c 'update failed: NXRRSET' "$tmp/y.out")" -eq 1 ]
axfr $Z >"$tmp/y.axfr" || fail "$T/blocked/axfr"
check "$T/blocked/imap-a-kept" grep -Fxq "imap.$Z. 300 in a 192.0.2.10" \
	"$tmp/y.axfr"
check "$T/blocked/no-imap-cname" \
	[ -z "$(grep "^imap\.$Z\. [0-9]* in cname " "$tmp/y.axfr")" ]
check "$T/blocked/old-mx-gone" \
	absent "$Z. 300 in mx 10 mx.oldmail.example." "$tmp/y.axfr"

# --- (d) applying a script twice ------------------------------------------
Z=idem.example
zg "$tmp/d.nsupdate" $P $Z || fail "$T/d/zonegen-nsupdate"
zg "$tmp/d.bind" $Z || fail "$T/d/zonegen-bind"
norm <"$tmp/d.bind" >"$tmp/d.want"
apply "$tmp/d.nsupdate" "$tmp/d.out1"
check "$T/d/first-run-exit-0" [ "$?" -eq 0 ]
axfr $Z | grep -v ' in soa ' >"$tmp/d.axfr1" || fail "$T/d/axfr-1"
apply "$tmp/d.nsupdate" "$tmp/d.out2"
rc=$?
# The CNAMEs' "prereq nxdomain" now fails, so nsupdate exits non-zero and
# says YXDOMAIN once per CNAME; the other records are already there.
ncname=$(grep -c ' in cname ' "$tmp/d.want")
echo "# second run: nsupdate exit $rc, $(grep -c . "$tmp/d.out2") lines"
check "$T/d/second-run-fails-only-cname-prereqs" \
	[ "$(grep -c 'YXDOMAIN' "$tmp/d.out2")" -eq "$ncname" \
	-a "$(grep -c . "$tmp/d.out2")" -eq "$ncname" -a "$rc" -ne 0 ]
axfr $Z | grep -v ' in soa ' >"$tmp/d.axfr2" || fail "$T/d/axfr-2"
check "$T/d/one-copy-each" once "$tmp/d.want" "$tmp/d.axfr2"
check "$T/d/zone-unchanged" same_set "$tmp/d.axfr1" "$tmp/d.axfr2"

# --replace twice: still one copy each, and the second run succeeds and
# changes nothing, not even the serial (one message that deletes and adds
# the same records).
Z=replace.example
apply_ok "$T/d/replace-second-run-exit-0" "$tmp/c.nsupdate" "$tmp/c.out2"
axfr $Z >"$tmp/c.axfr2" || fail "$T/d/axfr-replace"
check "$T/d/replace-one-copy-each" once "$tmp/c.want" "$tmp/c.axfr2"
check "$T/d/replace-zone-unchanged" same_set "$tmp/c.axfr" "$tmp/c.axfr2"

# --- (e) --idempotent: a script applied again ------------------------------
# A script for two domains, applied twice: the second run succeeds and
# leaves every record as it was.  Then one domain's imap CNAME points
# elsewhere: a third run fails once (YXDOMAIN) and changes no record, and
# the scripts of --output-dir, applied one by one, tell which domain.
A1=again1.example
A2=again2.example
zg "$tmp/e.nsupdate" $P --idempotent $A1 $A2 || fail "$T/idempotent/zonegen"
mkdir "$tmp/e.dir"
zg /dev/null $P --idempotent -o "$tmp/e.dir" $A1 $A2 ||
	fail "$T/idempotent/zonegen-output-dir"
apply_ok "$T/idempotent/first-run-exit-0" "$tmp/e.nsupdate" "$tmp/e.out1"
for z in $A1 $A2; do
	zg "$tmp/e.bind" $z || fail "$T/idempotent/$z/zonegen-bind"
	norm <"$tmp/e.bind" >"$tmp/e.$z.want"
	axfr $z | base $z >"$tmp/e.$z.1" || fail "$T/idempotent/$z/axfr-1"
	check "$T/idempotent/$z/exactly-the-records" \
		same_set "$tmp/e.$z.want" "$tmp/e.$z.1"
done
apply_ok "$T/idempotent/second-run-exit-0" "$tmp/e.nsupdate" "$tmp/e.out2"
check "$T/idempotent/second-run-silent" [ ! -s "$tmp/e.out2" ]
for z in $A1 $A2; do
	axfr $z | base $z >"$tmp/e.$z.2" || fail "$T/idempotent/$z/axfr-2"
	check "$T/idempotent/$z/second-run-records-unchanged" \
		same_set "$tmp/e.$z.1" "$tmp/e.$z.2"
done
# A2's imap now points elsewhere (its own host, or another provider's).
cat >"$tmp/e.move" <<EOF
server 127.0.0.1 $NAMED_PORT
zone $A2.
update delete imap.$A2. IN CNAME
update add imap.$A2. 300 IN CNAME imap.elsewhere.example.
send
EOF
apply_ok "$T/idempotent/move-imap" "$tmp/e.move" "$tmp/e.outm"
for z in $A1 $A2; do
	axfr $z | base $z >"$tmp/e.$z.3" || fail "$T/idempotent/$z/axfr-3"
done
apply "$tmp/e.nsupdate" "$tmp/e.out3"
rc=$?
sed 's/^/# nsupdate: /' "$tmp/e.out3"
check "$T/idempotent/third-run-fails" [ "$rc" -ne 0 ]
check "$T/idempotent/third-run-one-yxdomain" \
	[ "$(grep -c . "$tmp/e.out3")" -eq 1 -a \
	"$(grep -c '^update failed: YXDOMAIN$' "$tmp/e.out3")" -eq 1 ]
for z in $A1 $A2; do
	axfr $z | base $z >"$tmp/e.$z.4" || fail "$T/idempotent/$z/axfr-4"
	check "$T/idempotent/$z/third-run-records-unchanged" \
		same_set "$tmp/e.$z.3" "$tmp/e.$z.4"
done
check "$T/idempotent/imap-still-elsewhere" grep -Fxq \
	"imap.$A2. 300 in cname imap.elsewhere.example." "$tmp/e.$A2.4"
# One domain at a time, as README and zonegen(1) say: only A2's fails.
failed=
for f in "$tmp"/e.dir/*.nsupdate; do
	apply "$f" "$tmp/e.outf" || failed="$failed ${f##*/}"
done
check "$T/idempotent/one-by-one-names-$A2 (failed:${failed:- none})" \
	[ "$failed" = " $A2.nsupdate" ]
$ZONELINT --axfr "127.0.0.1:$NAMED_PORT" $A2 >"$tmp/e.lint" 2>&1
check "$T/idempotent/zonelint-names-imap" \
	grep -q "imap\.$A2\. .*\[mail-cname-target\]\$" "$tmp/e.lint"
exit 0
