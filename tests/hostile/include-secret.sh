#!/bin/sh
# include-secret.sh: a zone that $INCLUDEs a file that is no zone file (a
# .env beside it, or with --include-any a file elsewhere) gets one
# include-failed finding at the directive, and no byte of the file reaches
# any output: text, JSON, SARIF, GitHub, --fix=zone, --fix=nsupdate,
# standard error.
# SPDX-License-Identifier: BSD-3-Clause
set -u
. tests/lib.sh

T=hostile-include-secret
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonelint-secret.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

mkdir "$tmp/repo" "$tmp/elsewhere"
# Secrets in the shapes a .env file gives them: NAME=VALUE, a value after
# a word, a value that looks like a record type, a quoted value.
cat >"$tmp/repo/.env" <<'EOF'
# database
DB_PASSWORD=S3cretOne
API_TOKEN S3cretTwo
export S3cretThree
AWS IN TXT "S3cretFour"
EOF
cp "$tmp/repo/.env" "$tmp/elsewhere/credentials"
# The first line reads as a word and no type: the usual .env.
printf 'S3cretFive\nS3cretSix A 192.0.2.1\n' >"$tmp/repo/one-word.txt"
zone() {
	cat <<EOF
\$TTL 3600
@	SOA	ns1 hostmaster 1 7200 3600 1209600 3600
@	NS	ns1
ns1	A	192.0.2.53
\$INCLUDE $1
www	A	192.0.2.80
EOF
}
zone .env >"$tmp/repo/example.com.zone"
zone one-word.txt >"$tmp/repo/one.example.zone"
zone "$tmp/elsewhere/credentials" >"$tmp/repo/any.example.zone"

outputs() { # FILE ARGS...: every output of zonelint on FILE, to $tmp/out
	f=$1
	shift
	: >"$tmp/out"
	for fmt in text json sarif github; do
		(cd "$tmp/repo" && $ZONELINT --no-config "$@" --format "$fmt" \
		    "$f") >>"$tmp/out" 2>&1
	done
	for fix in zone nsupdate; do
		(cd "$tmp/repo" && $ZONELINT --no-config "$@" --fix=$fix \
		    "$f") >>"$tmp/out" 2>&1
	done
}

no_secret() { # NAME
	if grep -q -i -e s3cret -e password -e token "$tmp/out"; then
		fail "$1"
		grep -i -e s3cret -e password -e token "$tmp/out" | head -n 3
	else
		pass "$1"
	fi
}

one_include_failed() { # NAME FILE: one finding, at the $INCLUDE (line 5)
	n=$(cd "$tmp/repo" && $ZONELINT --no-config --profile none "$2" |
	    grep -c ':[0-9]*: error: ')
	if (cd "$tmp/repo" && $ZONELINT --no-config --profile none "$2") |
	    grep -q "^$2:5: error: .*\[include-failed\]$" && [ "$n" -eq 1 ]; then
		pass "$1"
	else
		fail "$1"
		(cd "$tmp/repo" && $ZONELINT --no-config --profile none "$2")
	fi
}

outputs example.com.zone
no_secret "$T/dotenv-in-tree-nothing-shown"
one_include_failed "$T/dotenv-in-tree-one-finding" example.com.zone
outputs one.example.zone
no_secret "$T/one-word-first-line-nothing-shown"
one_include_failed "$T/one-word-first-line-one-finding" one.example.zone
outputs any.example.zone --include-any
no_secret "$T/include-any-elsewhere-nothing-shown"
# (The record after the directive is read: reading goes on after it.)
if (cd "$tmp/repo" && $ZONELINT --no-config --include-any --profile none \
    --format json any.example.zone) | grep -q '"rule": "include-failed"'
then
	pass "$T/include-any-elsewhere-include-failed"
else
	fail "$T/include-any-elsewhere-include-failed"
fi

# A real included zone file still reads, its later mistakes reported with
# the token at fault only.
printf 'mail A 192.0.2.25\nbad IN BOGUSTYPE x\n' >"$tmp/repo/part.inc"
zone part.inc >"$tmp/repo/part.example.zone"
out=$(cd "$tmp/repo" && $ZONELINT --no-config --profile none \
    part.example.zone)
case $out in
*"part.inc:2: error: unknown record type BOGUSTYPE [syntax-error]"*)
	pass "$T/zone-file-included-read" ;;
*)
	fail "$T/zone-file-included-read"
	echo "$out" ;;
esac
