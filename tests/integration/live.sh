#!/bin/sh
# live.sh: zonelint --live against a small fake world that a real named
# serves on 127.0.0.1 (issue 13): the provider's zone webmo.fr, other
# senders (senders.test), a reverse zone, and customer zones whose SPF
# records cost exactly 10 and 11 lookups across domains, make 2 and 3 void
# lookups, loop, include a domain with two SPF records or none, and name
# a domain with 11 MX hosts.
#
#   - each verdict (permerror or not) is Mail::SPF's (libmail-spf-perl,
#     the reference implementation of RFC 7208, asked through the same
#     named for a client address that matches nothing);
#   - fixtures/axfr/cust.test.zone gives the same findings as a file and
#     live for every rule that applies to both;
#   - --cache: a second run with named stopped gives the same output, to
#     the byte; without the cache it gives dns-failure and no missing
#     record;
#   - no question leaves 127.0.0.1 (--resolver).
# SPDX-License-Identifier: BSD-3-Clause
# shellcheck disable=SC2086
set -u
. tests/lib.sh
. tests/named.sh

T=live
require "$T" named tsig-keygen perl

named_tmpdir "$T" zonelint-live
perl -MMail::SPF -MNet::DNS -e 1 2>/dev/null || {
	fail "$T/Mail::SPF (libmail-spf-perl not installed: run make deps)"
	exit 1
}

# --- the world ------------------------------------------------------------
soa() {
	printf '$ORIGIN %s.\n$TTL 300\n@ SOA ns.%s. h.%s. 1 3600 600 86400 300\n@ NS ns\nns A 127.0.0.1\n' \
	    "$1" "$1" "$1"
}
{
	soa webmo.fr
	cat <<'EOF'
_dmarc TXT "v=DMARC1; p=reject; psd=n"
@ MX 10 mx
mx A 192.0.2.25
mxsecondary A 192.0.2.26
spf TXT "v=spf1 ip4:192.0.2.0/24 -all"
autoconfig A 192.0.2.30
pop A 192.0.2.31
imap A 192.0.2.32
smtp A 192.0.2.33
EOF
} >"$tmp/webmo.fr.zone"
{
	soa senders.test
	for i in 1 2 3 4; do
		printf 's%s TXT "v=spf1 a -all"\ns%s A 198.51.100.%s\n' "$i" "$i" "$i"
	done
	cat <<'EOF'
l1 TXT "v=spf1 include:l2.senders.test -all"
l2 TXT "v=spf1 include:l1.senders.test -all"
two TXT "v=spf1 -all"
two TXT "v=spf1 ~all"
nospf TXT "not an spf record"
EOF
	for i in 1 2 3 4 5 6 7 8 9 10 11; do
		printf 'mx11 MX %s m%s\nm%s A 198.51.100.%s\n' "$i" "$i" "$i" $((i + 10))
	done
} >"$tmp/senders.test.zone"
# The parents the DMARC tree walk reaches: a public suffix with psd=y.
{
	soa fr
	echo '_dmarc TXT "v=DMARC1; p=quarantine; psd=y"'
} >"$tmp/fr.zone"
soa test >"$tmp/test.zone"
{
	soa reports.test
	echo 'rep-ok.test._report._dmarc TXT "v=DMARC1"'
	echo 'cname.dmarc TXT "v=DMARC1; p=reject"'
} >"$tmp/reports.test.zone"
{
	soa 100.51.198.in-addr.arpa
	echo '1 PTR s1.senders.test.'
} >"$tmp/reverse.zone"

# cust NAME SPF-TERMS: a customer zone with the provider's records.
P='ptr include:spf.webmo.fr'
cust() {
	{
		soa "$1"
		cat <<EOF
@ A 192.0.2.80
@ MX 10 mx.webmo.fr.
@ MX 20 mxsecondary.webmo.fr.
@ TXT "v=spf1 $2 ~all"
_dmarc TXT "v=DMARC1; p=none"
autoconfig CNAME autoconfig.webmo.fr.
pop CNAME pop.webmo.fr.
imap CNAME imap.webmo.fr.
smtp CNAME smtp.webmo.fr.
EOF
	} >"$tmp/$1.zone"
	zones="$zones $1@$tmp/$1.zone"
}
S='include:s1.senders.test include:s2.senders.test include:s3.senders.test'
zones=
# 10 lookups: ptr 1, include 1, three includes of 2, a 1, mx 1.
cust ten.test "$P $S a mx:webmo.fr"
cust eleven.test "$P $S a mx:webmo.fr a:s4.senders.test"
# Void: ptr is one for this client (no PTR record), a:nN one each.
cust void2.test "$P a:n1.senders.test"
cust void3.test "$P a:n1.senders.test a:n2.senders.test"
cust loop.test "$P include:l1.senders.test"
cust two.test "$P include:two.senders.test"
cust none.test "$P include:nospf.senders.test"
cust gone.test "$P include:gone.senders.test"
cust mxhosts.test "$P mx:mx11.senders.test"
cust redirect.test "$P -all redirect=s1.senders.test"
# DMARC report addresses: authorised, not, and of the domain itself.
for r in rep-ok rep-no rep-own rep-gen; do
	cust $r.test "$P"
	to=reports.test
	[ $r = rep-own ] && to=$r.test
	sed -i "s/^_dmarc TXT .*/_dmarc TXT \"v=DMARC1; p=none; rua=mailto:d@$to\"/" \
	    "$tmp/$r.test.zone"
done
# DMARC by a CNAME to a reporting service.
cust dmarc-cname.test "$P"
sed -i 's/^_dmarc TXT .*/_dmarc CNAME cname.dmarc.reports.test./' \
    "$tmp/dmarc-cname.test.zone"
# Hosts: an MX host that does not exist, one that is an alias, an SRV
# target without an address, a client host CNAME to a name without one.
cust hosts.test "$P"
cat >>"$tmp/hosts.test.zone" <<'EOF'
@ MX 30 mx.gone.test.
@ MX 40 alias
alias CNAME mx.webmo.fr.
_imaps._tcp SRV 0 1 993 noaddr
noaddr TXT "no address here"
webmail CNAME nowhere.senders.test.
EOF
DOMAINS="ten.test eleven.test void2.test void3.test loop.test two.test none.test gone.test mxhosts.test redirect.test"
cp fixtures/axfr/cust.test.zone "$tmp/cust.test.zone"
mkdir "$tmp/named"
start_named "$tmp/named" webmo.fr@"$tmp/webmo.fr.zone" fr@"$tmp/fr.zone" \
    test@"$tmp/test.zone" reports.test@"$tmp/reports.test.zone" \
    senders.test@"$tmp/senders.test.zone" \
    100.51.198.in-addr.arpa@"$tmp/reverse.zone" \
    cust.test@"$tmp/cust.test.zone" $zones || {
	fail "$T/named (named did not start)"
	exit 1
}
R=127.0.0.1:$NAMED_PORT
ZL="$ZONELINT --no-config"

# --- SPF verdicts against Mail::SPF ------------------------------------------
cat >"$tmp/spf.pl" <<'EOF'
use strict;
use Mail::SPF;
use Net::DNS::Resolver;
my $port = shift;
my $res = Net::DNS::Resolver->new(nameservers => ['127.0.0.1'],
    port => $port, recurse => 0, udp_timeout => 5, tcp_timeout => 5,
    retry => 1);
my $server = Mail::SPF::Server->new(dns_resolver => $res);
for my $d (@ARGV) {
	my $req = Mail::SPF::Request->new(scope => 'mfrom',
	    identity => "postmaster\@$d", ip_address => '198.51.100.77');
	my $r = $server->process($req);
	my $text = $r->can('local_explanation') ? $r->local_explanation : '';
	print "$d ", $r->code, " $text\n";
}
EOF
perl "$tmp/spf.pl" "$NAMED_PORT" $DOMAINS >"$tmp/mailspf.out" 2>&1
PERMERROR='spf-lookups|spf-void-lookups|spf-include-none|spf-include-loop|spf-multiple|spf-syntax|spf-mx-hosts'
for d in $DOMAINS; do
	$ZL --profile none --live --resolver "$R" "$d" >"$tmp/$d.out" 2>&1
	ours=pass
	grep -Eq "\[($PERMERROR)\]$" "$tmp/$d.out" && ours=permerror
	theirs=$(sed -n "s/^$d \([a-z]*\).*/\1/p" "$tmp/mailspf.out")
	[ "$theirs" = permerror ] || theirs="${theirs:+pass}"
	why=$(sed -n "s/^$d //p" "$tmp/mailspf.out" | cut -c1-60)
	if [ "$d" = mxhosts.test ]; then
		# Decided: RFC 7208 4.6.4 makes an mx mechanism with more
		# than 10 hosts a permerror; Mail::SPF looks at the first
		# 10 and goes on (README, "Live checks").
		check "$T/spf/$d (zonelint $ours by RFC 7208 4.6.4, Mail::SPF $why)" \
		    [ "$ours" = permerror -a "$theirs" = pass ]
		continue
	fi
	check "$T/spf/$d (zonelint $ours, Mail::SPF $why)" \
	    [ "$ours" = "$theirs" ]
done
# The counts and the breakdown say what each term costs.
check "$T/spf/eleven-count" grep -q '11 DNS-querying terms .*include:s1.senders.test 2, .*a:s4.senders.test 1)' "$tmp/eleven.test.out"
check "$T/spf/ten-no-finding" sh -c "! grep -q 'spf-lookups' '$tmp/ten.test.out'"
check "$T/spf/void3-count" grep -q '3 lookups with no answer' "$tmp/void3.test.out"
check "$T/spf/loop-named" grep -q 'include:l1.senders.test comes back to l1.senders.test\|comes back to l1.senders.test' "$tmp/loop.test.out"

# --- --resolve-external: a file's SPF with the includes outside it asked --
$ZL --profile none "$tmp/eleven.test.zone" >"$tmp/x11.off" 2>&1
$ZL --profile none --resolve-external --resolver "$R" \
    "$tmp/eleven.test.zone" >"$tmp/x11.on" 2>&1
check "$T/resolve-external/eleven" sh -c "! grep -q 'spf-lookups' '$tmp/x11.off' &&
    grep -q 'eleven.test.zone:9: error: SPF record at eleven.test.: 11 DNS-querying terms' '$tmp/x11.on'"
$ZL --profile none --resolve-external --resolver "$R" "$tmp/ten.test.zone" \
    >"$tmp/x10.on" 2>&1
check "$T/resolve-external/ten" sh -c "! grep -Eq 'spf-lookups|spf-void|dns-failure' '$tmp/x10.on'"
# A zone named nowhere but in its file: its own include is the file's.
cat >"$tmp/mix.test.zone" <<'EOF'
$ORIGIN mix.test.
@ 300 SOA ns h 1 3600 600 86400 300
@ 300 NS ns
ns 300 A 127.0.0.1
@ 300 A 192.0.2.80
@ 300 TXT "v=spf1 ptr include:spf.webmo.fr include:_spf.mix.test a mx:webmo.fr ~all"
_spf 300 TXT "v=spf1 include:s1.senders.test include:s2.senders.test include:s3.senders.test a:s4.senders.test -all"
EOF
$ZL --profile none --resolve-external --resolver "$R" "$tmp/mix.test.zone" \
    >"$tmp/mix.on" 2>&1
check "$T/resolve-external/own-include" sh -c "
    grep -q 'mix.test.zone:6: error: SPF record at mix.test.: 11 or more DNS-querying terms' '$tmp/mix.on' &&
    ! grep -q 'dns-failure' '$tmp/mix.on'"

# The DMARC and host checks of a file: its own names are the file's, the
# others are asked (the hosts in the zone are the file's rules' business;
# the client host names are the profile's, so not with --profile none).
$ZL --resolve-external --resolver "$R" "$tmp/hosts.test.zone" \
    >"$tmp/xhosts.on" 2>&1
check "$T/resolve-external/hosts" sh -c "
    grep -q 'hosts.test.zone:15: .*MX host mx.gone.test. at hosts.test. has no A or AAAA record \[target-no-address\]' '$tmp/xhosts.on' &&
    grep -q 'hosts.test.zone:20: .*client host nowhere.senders.test. at webmail.hosts.test. has no A or AAAA record \[target-no-address\]' '$tmp/xhosts.on' &&
    ! grep -q 'mx.webmo.fr.* \[target-no-address\]' '$tmp/xhosts.on' &&
    ! grep -q 'dns-failure' '$tmp/xhosts.on'"
for r in rep-no rep-ok; do
	$ZL --profile none --resolve-external --resolver "$R" \
	    "$tmp/$r.test.zone" >"$tmp/x$r.on" 2>&1
done
check "$T/resolve-external/report-unauthorised" grep -q "rep-no.test.zone:10: warning: DMARC record at _dmarc.rep-no.test.: rua=mailto:d@reports.test is outside .*\[dmarc-report-unauthorised\]" "$tmp/xrep-no.on"
check "$T/resolve-external/report-authorised" sh -c "! grep -q 'dmarc-report\|dns-failure' '$tmp/xrep-ok.on'"
{
	soa sub.webmo.fr
	echo '@ MX 10 mx.webmo.fr.'
} >"$tmp/sub.webmo.fr.zone"
$ZL --profile none --resolve-external --resolver "$R" \
    "$tmp/sub.webmo.fr.zone" >"$tmp/xsub.on" 2>&1
check "$T/resolve-external/dmarc-inherited" grep -q "no DMARC record at _dmarc.sub.webmo.fr.; receivers apply the one at _dmarc.webmo.fr. .*\[dmarc-inherited\]" "$tmp/xsub.on"

# A _dmarc CNAME in the file is followed (here to webmo.fr's record, for a
# zone no server has: asking for its own _dmarc would find nothing); an
# $INCLUDE'd file's findings name that file; a report host that is no
# host name (a backslash, which ldns would read as an escape) is not asked.
mkdir "$tmp/inc"
{
	soa cn.webmo.fr
	echo '@ MX 10 mx.webmo.fr.'
	echo '_dmarc CNAME _dmarc.webmo.fr.'
} >"$tmp/inc/cn.zone"
$ZL --profile none --resolve-external --resolver "$R" "$tmp/inc/cn.zone" \
    >"$tmp/xcn.on" 2>&1
check "$T/resolve-external/dmarc-cname" sh -c "
    ! grep -q 'dmarc-inherited\|dns-failure' '$tmp/xcn.on'"
{
	soa inc.test
	echo '$INCLUDE mail.inc'
} >"$tmp/inc/inc.zone"
cat >"$tmp/inc/mail.inc" <<'EOF'
; the mail records
@ MX 10 mx.gone.test.
_dmarc TXT "v=DMARC1; p=none; rua=mailto:d@reports.test,mailto:e@x\\046reports.test"
EOF
(cd "$tmp/inc" && $ZL --profile none --resolve-external --resolver "$R" \
    inc.zone) >"$tmp/xinc.on" 2>&1
check "$T/resolve-external/include-file-names" sh -c "
    grep -q '^mail.inc:2: error: MX host mx.gone.test. at inc.test. .*\[target-no-address\]' '$tmp/xinc.on' &&
    grep -q '^mail.inc:3: warning: .*rua=mailto:d@reports.test is outside .*\[dmarc-report-unauthorised\]' '$tmp/xinc.on'"
check "$T/resolve-external/odd-report-host-not-asked" sh -c "
    [ \$(grep -c 'dmarc-report-unauthorised\]' '$tmp/xinc.on') -eq 1 ] &&
    ! grep -q 'dns-failure' '$tmp/xinc.on'"

# --- DMARC: the tree walk and the report addresses ---------------------------
lint_live() {
	$ZL --profile none --live --resolver "$R" "$1" >"$tmp/$1.out" 2>&1
}
lint_live sub.webmo.fr
check "$T/dmarc/inherited" grep -q "no DMARC record at _dmarc.sub.webmo.fr.; receivers apply the one at _dmarc.webmo.fr. .*Organizational Domain webmo.fr.) \[dmarc-inherited\]" "$tmp/sub.webmo.fr.out"
lint_live a.b.c.d.e.f.g.h.webmo.fr
check "$T/dmarc/deep-name" grep -q "receivers apply the one at _dmarc.webmo.fr. .*Organizational Domain webmo.fr.)" "$tmp/a.b.c.d.e.f.g.h.webmo.fr.out"
lint_live x.y.fr
check "$T/dmarc/psd" grep -q "receivers apply the one at _dmarc.fr. .*Organizational Domain y.fr.)" "$tmp/x.y.fr.out"
lint_live rep-no.test
check "$T/dmarc/report-unauthorised" grep -q "rua=mailto:d@reports.test is outside the Organizational Domain rep-no.test. and reports.test. does not authorise it .*\[dmarc-report-unauthorised\]" "$tmp/rep-no.test.out"
lint_live rep-ok.test
check "$T/dmarc/report-authorised" sh -c "! grep -q 'dmarc-report\|dmarc-inherited\|dns-failure' '$tmp/rep-ok.test.out'"
lint_live hosts.test
check "$T/hosts/mx-gone" grep -q "MX host mx.gone.test. at hosts.test has no A or AAAA record \[target-no-address\]" "$tmp/hosts.test.out"
check "$T/hosts/mx-alias" grep -q "MX host alias.hosts.test. at hosts.test is an alias .*\[mx-target-cname\]" "$tmp/hosts.test.out"
check "$T/hosts/srv-no-address" grep -q "SRV host noaddr.hosts.test. at _imaps._tcp.hosts.test has no A or AAAA record \[target-no-address\]" "$tmp/hosts.test.out"
check "$T/hosts/client-no-address" grep -q "client host nowhere.senders.test. at webmail.hosts.test has no A or AAAA record \[target-no-address\]" "$tmp/hosts.test.out"
check "$T/hosts/count" [ "$(grep -c '\[target-no-address\]' "$tmp/hosts.test.out")" -eq 3 ]
lint_live ten.test
check "$T/hosts/none" sh -c "! grep -q 'target-no-address\|target-cname\|dns-failure' '$tmp/ten.test.out'"
$ZL --live --resolver "$R" dmarc-cname.test >"$tmp/dmarc-cname.test.out" 2>&1
st=$?
$ZL "$tmp/dmarc-cname.test.zone" >"$tmp/dmarc-cname.file" 2>&1
check "$T/dmarc/cname-to-reporting-service (exit $st)" sh -c "[ $st -eq 0 ] &&
    ! grep -Eq '\\[(dmarc-|mail-dmarc|dns-failure)' '$tmp/dmarc-cname.test.out' &&
    [ \"\$(grep -c ': error: ' '$tmp/dmarc-cname.file')\" -eq 0 ]"
lint_live rep-own.test
check "$T/dmarc/report-own-domain" sh -c "! grep -q 'dmarc-report\|dns-failure' '$tmp/rep-own.test.out'"

# zonegen --report-records: the records reports.test needs for rep-gen.test,
# sent to named with nsupdate (twice: a second send changes nothing), read
# back by AXFR; then the customer's addresses are authorised.
cat >"$tmp/reports.yaml" <<'EOF'
name: reporting
ttl: 300
mx:
  - priority: 10
    host: mx.webmo.fr.
dmarc: "v=DMARC1; p=none; rua=mailto:d@reports.test; ruf=mailto:f@reports.test"
dmarc_report_zone: reports.test.
EOF
lint_live rep-gen.test
check "$T/report-records/before" grep -q "rua=mailto:d@reports.test is outside .*\[dmarc-report-unauthorised\]" "$tmp/rep-gen.test.out"
$ZONEGEN -p "$tmp/reports.yaml" --report-records rep-gen.test \
    >"$tmp/rep-gen.snippet" 2>&1
cat "$tmp/reports.test.zone" "$tmp/rep-gen.snippet" >"$tmp/reports.new"
check "$T/report-records/bind-checkzone" sh -c "
    named-checkzone -q reports.test '$tmp/reports.new' &&
    grep -q '^rep-gen.test._report._dmarc.reports.test.' '$tmp/reports.new'"
$ZONEGEN -p "$tmp/reports.yaml" --report-records -f nsupdate \
    --server 127.0.0.1 --port "$NAMED_PORT" rep-gen.test \
    >"$tmp/rep-gen.nsupdate" 2>&1
sent=0
for i in 1 2; do
	nsupdate -k "$NAMED_KEY" "$tmp/rep-gen.nsupdate" \
	    >>"$tmp/nsupdate.out" 2>&1 && sent=$((sent + 1))
done
dig @127.0.0.1 -p "$NAMED_PORT" +noall +answer reports.test AXFR \
    >"$tmp/reports.axfr" 2>&1
n=$(grep -c '^rep-gen\.test\._report\._dmarc\.reports\.test\.[[:space:]].*TXT[[:space:]]*"v=DMARC1"$' "$tmp/reports.axfr")
all=$(grep -c '_report\._dmarc' "$tmp/reports.axfr")
check "$T/report-records/nsupdate-twice (sent $sent of 2, record $n, all $all)" \
    [ "$sent" -eq 2 -a "$n" -eq 1 -a "$all" -eq 2 ]
lint_live rep-gen.test
check "$T/report-records/after" sh -c "! grep -q 'dmarc-report\|dns-failure' '$tmp/rep-gen.test.out'"

# --- the same findings as the file, for the rules that apply to both --------
$ZL "$tmp/cust.test.zone" >"$tmp/cust.file" 2>&1
$ZL --live --resolver "$R" cust.test >"$tmp/cust.live" 2>&1
for r in mail-cname-missing mail-cname-not-cname mail-mx-missing \
    mail-mx-extra mail-spf-all-weaker spf-all-pass dmarc-tag-removed \
    srv-port; do
	a=$(grep -c "\[$r\]$" "$tmp/cust.file")
	b=$(grep -c "\[$r\]$" "$tmp/cust.live")
	check "$T/same/$r (file $a, live $b)" [ "$a" -gt 0 -a "$a" -eq "$b" ]
done
check "$T/same/dns-name" grep -q "^dns://$R/cust.test:[0-9]*: error: " "$tmp/cust.live"

# --- --cache: the same output with the server stopped ------------------------
$ZL --live --resolver "$R" --cache "$tmp/dns.cache" cust.test $DOMAINS \
    >"$tmp/c1.out" 2>&1
st1=$?
stop_named
$ZL --live --resolver "$R" --cache "$tmp/dns.cache" cust.test $DOMAINS \
    >"$tmp/c2.out" 2>&1
st2=$?
check "$T/cache/replay (exit $st1 and $st2)" sh -c \
    "[ $st1 -eq $st2 ] && cmp -s '$tmp/c1.out' '$tmp/c2.out' && [ -s '$tmp/c1.out' ]"
$ZL --live --resolver "$R" --timeout 1 cust.test >"$tmp/down.out" 2>&1
st=$?
check "$T/server-down (exit $st)" sh -c "[ $st -eq 1 ] &&
    grep -q '\[dns-failure\]$' '$tmp/down.out' &&
    ! grep -q 'missing\]$' '$tmp/down.out'"
