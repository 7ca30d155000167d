#!/bin/sh
# axfr.sh: zonelint --axfr against a real named on 127.0.0.1 (issue 13).
#
#   - fixtures/axfr/cust.test.zone gives the same findings through the file
#     and through --axfr (file, line and "(line N)" set aside), rule by
#     rule, in every format's count;
#   - a zone that only transfers to a TSIG key: refused without the key,
#     refused with another secret, read with it; the secret is never
#     printed; a bad key file is named with its line, never quoted;
#   - --compare after an nsupdate that made half of a change and one made
#     by hand: served-missing for what was not pushed, served-extra for
#     what only the server has, served-ttl for a TTL changed, nothing when
#     file and server agree;
#   - a server that is not there, a zone it does not serve: exit 2.
# SPDX-License-Identifier: BSD-3-Clause
# shellcheck disable=SC2086
set -u
. tests/lib.sh
. tests/named.sh

T=axfr
require "$T" named tsig-keygen nsupdate dig

named_tmpdir "$T" zonelint-axfr

FX=fixtures/axfr/cust.test.zone
cp "$FX" "$tmp/cust.zone"
sed 's/cust\.test/push.test/g' "$FX" >"$tmp/push.zone"
sed 's/cust\.test/sec.test/g' "$FX" >"$tmp/sec.zone"
mkdir "$tmp/named"
NAMED_TSIG_ZONES="sec.test" start_named "$tmp/named" \
    cust.test@"$tmp/cust.zone" push.test@"$tmp/push.zone" \
    sec.test@"$tmp/sec.zone" || {
	fail "$T/named (named did not start)"
	exit 1
}
S=127.0.0.1:$NAMED_PORT
ZL="$ZONELINT --no-config"

# norm: the findings of text output without file, line and "(line N)",
# sorted: what a rule says of the zone, wherever it was read from.
norm() {
	sed -n 's/^[^ ]*:[0-9]*: \(error\|warning\|note\): \(.*\[[a-z-]*\]\)$/\1: \2/p' |
	    sed 's/(line [0-9]*)/(line N)/g; s/line [0-9]*/line N/g' | sort
}

# --- the same findings through the file and through the transfer --------
$ZL "$FX" >"$tmp/file.out" 2>&1
st_file=$?
$ZL --axfr "$S" cust.test >"$tmp/axfr.out" 2>&1
st_axfr=$?
norm <"$tmp/file.out" >"$tmp/file.norm"
norm <"$tmp/axfr.out" >"$tmp/axfr.norm"
rules=$(sed -n 's/.*\[\([a-z-]*\)\]$/\1/p' "$tmp/file.norm" | sort -u)
n=$(echo "$rules" | grep -c .)
if [ "$st_file" -eq 1 ] && [ "$st_axfr" -eq 1 ] && [ "$n" -ge 10 ] &&
    cmp -s "$tmp/file.norm" "$tmp/axfr.norm" &&
    grep -q "^axfr://$S/cust.test:[1-9][0-9]*: error: " "$tmp/axfr.out"
then
	pass "$T/same-findings ($n rules, file and transfer)"
else
	fail "$T/same-findings (exit $st_file and $st_axfr)"
	diff "$tmp/file.norm" "$tmp/axfr.norm" | head -n 10
fi
for r in $rules; do
	a=$(grep -c "\[$r\]$" "$tmp/file.norm")
	b=$(grep -c "\[$r\]$" "$tmp/axfr.norm")
	check "$T/rule/$r (file $a, axfr $b)" [ "$a" -eq "$b" ]
done
# Every format says as much.
for fmt in json sarif github; do
	$ZL -f "$fmt" "$FX" >"$tmp/f.$fmt" 2>/dev/null
	$ZL -f "$fmt" --axfr "$S" cust.test >"$tmp/a.$fmt" 2>/dev/null
	grep -o '"rule[A-Za-z]*": "[a-z-]*"\|title=[a-z-]*' "$tmp/f.$fmt" |
	    sort >"$tmp/f.$fmt.rules"
	grep -o '"rule[A-Za-z]*": "[a-z-]*"\|title=[a-z-]*' "$tmp/a.$fmt" |
	    sort >"$tmp/a.$fmt.rules"
	n=$(grep -c . "$tmp/f.$fmt.rules")
	check "$T/format/$fmt (the same $n rule names)" sh -c \
	    "[ $n -ge 12 ] && cmp -s '$tmp/f.$fmt.rules' '$tmp/a.$fmt.rules'"
done
# Two zones, two jobs: each its own name in the findings.
$ZL -j 2 --profile none --axfr "$S" cust.test push.test >"$tmp/two.out" 2>&1
check "$T/two-zones" grep -q "^axfr://$S/push.test:" "$tmp/two.out"

# --- TSIG ----------------------------------------------------------------
secret=$(sed -n 's/.*secret "\([^"]*\)".*/\1/p' "$NAMED_KEY")
$ZL --axfr "$S" sec.test >"$tmp/nokey.out" 2>"$tmp/nokey.err"
st=$?
check "$T/tsig/refused-without-key (exit $st)" sh -c \
    "[ $st -eq 2 ] && grep -q 'sec.test: the server answered REFUSED' '$tmp/nokey.err'"
$ZL --axfr "$S" --tsig "$NAMED_KEY" sec.test >"$tmp/key.out" 2>"$tmp/key.err"
st=$?
norm <"$tmp/key.out" | sed 's/sec\.test/cust.test/g' >"$tmp/key.norm"
check "$T/tsig/read-with-key (exit $st)" sh -c \
    "[ $st -eq 1 ] && cmp -s '$tmp/key.norm' '$tmp/file.norm'"
sed 's|secret "[^"]*"|secret "c2VjcmV0IHRoYXQgaXMgbm90IHRoZSBzZXJ2ZXJzIGtleQ=="|' \
    "$NAMED_KEY" >"$tmp/wrong.key"
$ZL --axfr "$S" --tsig "$tmp/wrong.key" sec.test >"$tmp/wrong.out" \
    2>"$tmp/wrong.err"
st=$?
check "$T/tsig/refused-other-secret (exit $st)" sh -c \
    "[ $st -eq 2 ] && grep -q 'answered NOTAUTH' '$tmp/wrong.err'"
printf 'key "k" {\n\talgorithm hmac-sha256;\n\tsecret "%s"\n};\n' \
    "$secret" >"$tmp/bad.key"
$ZL --axfr "$S" --tsig "$tmp/bad.key" sec.test >"$tmp/bad.out" \
    2>"$tmp/bad.err"
st=$?
check "$T/tsig/bad-key-file (exit $st)" sh -c \
    "[ $st -eq 2 ] && grep -q 'bad.key:4: bad TSIG key file' '$tmp/bad.err'"
leak=0
for f in "$tmp"/nokey.* "$tmp"/key.out "$tmp"/key.err "$tmp"/wrong.* \
    "$tmp"/bad.out "$tmp"/bad.err; do
	grep -qF "$secret" "$f" && leak=1
done
check "$T/tsig/secret-never-printed" [ "$leak" -eq 0 ]

# --- --compare -----------------------------------------------------------
$ZL --profile none --axfr "$S" --compare "$FX" cust.test >"$tmp/cmp0.out" 2>&1
check "$T/compare/agree" sh -c \
    "! grep -q 'served-' '$tmp/cmp0.out'"
# The intended change: a new host, the old MX gone, ns's TTL raised; only
# the new host is pushed, and a TXT record is added by hand.
sed 's/cust\.test/push.test/g' "$FX" |
    sed '/mx.oldmail.example/d; s/^ns\tIN\tA/ns\t600\tIN\tA/' >"$tmp/want.zone"
echo 'new	IN	A	192.0.2.44' >>"$tmp/want.zone"
cat >"$tmp/partial.nsupdate" <<EOF
server 127.0.0.1 $NAMED_PORT
zone push.test
update add new.push.test. 300 IN A 192.0.2.44
update add hand.push.test. 300 IN TXT "made on the server"
send
EOF
nsupdate -k "$NAMED_KEY" "$tmp/partial.nsupdate" >"$tmp/nsupdate.out" 2>&1 ||
    fail "$T/compare/nsupdate"
$ZL --profile none --axfr "$S" --compare "$tmp/want.zone" push.test \
    >"$tmp/cmp.out" 2>&1
st=$?
missing=$(grep -c '\[served-missing\]$' "$tmp/cmp.out")
extra=$(grep -c '\[served-extra\]$' "$tmp/cmp.out")
ttl=$(grep -c '\[served-ttl\]$' "$tmp/cmp.out")
# The SOA serial moved with the update: the file's SOA is not served,
# the server's is not in the file.
check "$T/compare/partial-push (exit $st: $missing missing, $extra extra, $ttl TTL)" sh -c "
    [ $st -eq 1 ] && [ $missing -eq 1 ] && [ $extra -eq 3 ] && [ $ttl -eq 1 ] &&
    grep -q 'want.zone:[0-9]*: error: push.test. SOA .* is in the file but not served' '$tmp/cmp.out' &&
    grep -q 'push.test:[0-9]*: warning: push.test. MX 30 mx.oldmail.example. is served but not in' '$tmp/cmp.out' &&
    grep -q 'hand.push.test. TXT \"made on the server\" is served but not in' '$tmp/cmp.out' &&
    grep -q 'ns.push.test. A 127.0.0.1 is served with TTL 300; .*want.zone:[0-9]* has TTL 600' '$tmp/cmp.out' &&
    ! grep -q 'new.push.test' '$tmp/cmp.out'"

# --- failures ------------------------------------------------------------
$ZL --axfr "$S" nothere.test >"$tmp/nz.out" 2>"$tmp/nz.err"
st=$?
check "$T/zone-not-served (exit $st)" sh -c \
    "[ $st -eq 2 ] && grep -q 'nothere.test: the server answered' '$tmp/nz.err'"
port=$(free_port)
$ZL --axfr "127.0.0.1:$port" cust.test >"$tmp/ns.out" 2>"$tmp/ns.err"
st=$?
check "$T/no-server (exit $st)" sh -c \
    "[ $st -eq 2 ] && grep -q 'cannot connect to 127.0.0.1:$port' '$tmp/ns.err'"
$ZL --axfr "$S" ./cust.zone >/dev/null 2>"$tmp/usage.err"
st=$?
check "$T/usage/file-not-domain (exit $st)" [ "$st" -eq 2 ]
$ZL --compare "$FX" "$FX" >/dev/null 2>&1
st=$?
check "$T/usage/compare-without-axfr (exit $st)" [ "$st" -eq 2 ]
