#!/bin/sh
# cli.sh: golden tests for the programs, run from the repository root.
# SPDX-License-Identifier: BSD-3-Clause
#
# fixtures/gen/NAME.args         zonegen's arguments (shell words; may use
#                                "$(printf ...)" for odd bytes)
# fixtures/gen/NAME.stdin        optional standard input
# fixtures/gen/NAME.expected     exit status, stdout and stderr
# fixtures/profiles/bad/P.yaml   an invalid profile; P.expected holds what
#                                `zonegen -p P.yaml example.com` must print
# A fixture without its .expected file fails (as BIND's checkzone tests do).
# UPDATE=1 rewrites the .expected files: review that diff like code.
set -u
. tests/lib.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# golden NAME EXPECTED STDIN PROGRAM ARGS...: run, compare, report.
golden() {
	name=$1
	expected=$2
	input=$3
	shift 3
	"$@" <"$input" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	{
		echo "exit: $rc"
		echo "--- stdout"
		cat "$tmp/out"
		echo "--- stderr"
		cat "$tmp/err"
	} >"$tmp/actual"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/actual" "$expected"
	fi
	if [ ! -f "$expected" ]; then
		fail "$name (no $expected)"
	elif diff -u "$expected" "$tmp/actual" >"$tmp/diff"; then
		pass "$name"
	else
		fail "$name"
		head -n 40 "$tmp/diff"
	fi
}

for args in fixtures/gen/*.args; do
	name=${args%.args}
	input=/dev/null
	[ -f "$name.stdin" ] && input=$name.stdin
	eval "set -- $(cat "$args")"
	golden "gen/${name##*/}" "$name.expected" "$input" $ZONEGEN "$@"
done

# zonelint's options: fixtures/lintcli/NAME.args run from that folder.
if [ -x "$BUILDDIR/zonelint" ]; then
	for args in fixtures/lintcli/*.args; do
		name=${args%.args}
		input=/dev/null
		[ -f "$name.stdin" ] && input=$PWD/$name.stdin
		eval "set -- $(cat "$args")"
		(cd fixtures/lintcli &&
		    golden "lintcli/${name##*/}" "../../$name.expected" \
			"$input" $ZONELINT "$@")
	done
fi

# .zonelint.yaml: fixtures/config/CASE/NAME.args run in CASE (or in its
# subfolder NAME.dir), where the configuration is found by the search up
# from the current folder, with NAME.stdin as standard input when there
# is one; fixtures/config/bad/*.yaml must be refused.
if [ -x "$BUILDDIR/zonelint" ]; then
	for args in fixtures/config/*/*.args; do
		name=${args%.args}
		dir=${name%/*}
		[ -f "$name.dir" ] && dir=$dir/$(cat "$name.dir")
		input=/dev/null
		[ -f "$name.stdin" ] && input=$PWD/$name.stdin
		eval "set -- $(cat "$args")"
		(cd "$dir" && golden "config/${name#fixtures/config/}" \
		    "$OLDPWD/$name.expected" "$input" $ZONELINT "$@")
	done
	for config in fixtures/config/bad/*.yaml; do
		name=${config%.yaml}
		golden "config-bad/${name##*/}" "$name.expected" /dev/null \
		    $ZONELINT --config "$config" fixtures/lintcli/zones/warnings.zone
	done
fi

for profile in fixtures/profiles/bad/*.yaml; do
	name=${profile%.yaml}
	golden "profile-bad/${name##*/}" "$name.expected" /dev/null \
	    $ZONEGEN -p "$profile" example.com
done

# A bad profile writes nothing to stdout (checked across all of them).
for profile in fixtures/profiles/bad/*.yaml; do
	$ZONEGEN -p "$profile" example.com >"$tmp/out" 2>/dev/null
	rc=$?
	if [ "$rc" -ne 1 ] || [ -s "$tmp/out" ]; then
		fail "profile-bad-silent ${profile##*/} (rc $rc)"
		continue
	fi
done
pass "profile-bad-silent (exit 1, empty stdout)"

# --print-profile output loads again and prints the same (a fixed point).
for profile in "" fixtures/profiles/*.yaml; do
	set -- ${profile:+-p "$profile"}
	$ZONEGEN "$@" --print-profile >"$tmp/p1.yaml" &&
	    $ZONEGEN -p "$tmp/p1.yaml" --print-profile >"$tmp/p2.yaml" &&
	    $ZONEGEN "$@" --srv example.com >"$tmp/g1" &&
	    $ZONEGEN -p "$tmp/p1.yaml" --srv example.com >"$tmp/g2"
	check "print-profile-roundtrip ${profile:-built-in}" \
	    cmp -s "$tmp/p1.yaml" "$tmp/p2.yaml"
	check "print-profile-same-records ${profile:-built-in}" \
	    cmp -s "$tmp/g1" "$tmp/g2"
done

# The built-in profile is the YAML file in the tree, byte for byte loaded.
$ZONEGEN --print-profile >"$tmp/b1" &&
    $ZONEGEN -p zonegen/profiles/webmo.yaml --print-profile >"$tmp/b2"
check "builtin-profile-is-webmo.yaml" cmp -s "$tmp/b1" "$tmp/b2"

# Deterministic: the same input gives the same bytes.
for fmt in bind nsupdate json; do
	$ZONEGEN -f "$fmt" --srv example.com example.org >"$tmp/d1"
	$ZONEGEN -f "$fmt" --srv example.com example.org >"$tmp/d2"
	check "deterministic-$fmt" cmp -s "$tmp/d1" "$tmp/d2"
done

# --output-dir: one file per domain, the same bytes as stdout, no
# temporary file left behind, readable permissions.
mkdir "$tmp/out-dir"
for fmt in bind nsupdate json; do
	case $fmt in bind) ext=zone ;; *) ext=$fmt ;; esac
	$ZONEGEN -f "$fmt" -o "$tmp/out-dir" example.com café.fr
	rc=$?
	$ZONEGEN -f "$fmt" example.com >"$tmp/s1"
	$ZONEGEN -f "$fmt" café.fr >"$tmp/s2"
	check "output-dir-$fmt-status" [ "$rc" -eq 0 ]
	check "output-dir-$fmt-example.com" \
	    cmp -s "$tmp/s1" "$tmp/out-dir/example.com.$ext"
	check "output-dir-$fmt-idna-name" \
	    cmp -s "$tmp/s2" "$tmp/out-dir/xn--caf-dma.fr.$ext"
done
# --report-records writes DOMAIN.report.EXT beside the domain's own file,
# never over it.
$ZONEGEN -p fixtures/profiles/reports.yaml --report-records -o "$tmp/out-dir" \
    example.com
$ZONEGEN -p fixtures/profiles/reports.yaml --report-records example.com \
    >"$tmp/s3"
$ZONEGEN example.com >"$tmp/s1"
check "output-dir-report-records-beside" sh -c "
    cmp -s '$tmp/s3' '$tmp/out-dir/example.com.report.zone' &&
    cmp -s '$tmp/s1' '$tmp/out-dir/example.com.zone'"
check "output-dir-no-temporary-files" \
    [ -z "$(find "$tmp/out-dir" -name '.*' -type f)" ]
check "output-dir-mode-0644" \
    [ "$(stat -c %a "$tmp/out-dir/example.com.zone")" = 644 ]

# A domain listed again is written once into the folder too.
mkdir "$tmp/dup-dir"
$ZONEGEN -f json -o "$tmp/dup-dir" --domains fixtures/gen/duplicates.txt \
    2>"$tmp/err"
rc=$?
check "output-dir-duplicates-status" [ "$rc" -eq 0 ]
check "output-dir-duplicates-files" \
    [ "$(ls "$tmp/dup-dir" | tr '\n' ' ')" = \
    "example.com.json example.org.json xn--caf-dma.fr.json " ]
check "output-dir-duplicates-warnings" \
    [ "$(grep -c ': warning: .*; written once$' "$tmp/err")" -eq 4 ]

# An output folder that cannot be used fails the run once, before anything
# is written: one message, not one a domain (issue 14 saw 9,980 lines for
# a 10,000-line list).
i=0
while [ $i -lt 1000 ]; do
	echo "d$i.example"
	i=$((i + 1))
done >"$tmp/1000.txt"
# dir_fails NAME DIR MESSAGE [RUNNER...]: a run over the 1,000 domains
# into DIR exits 1 with MESSAGE as its one line on stderr, and writes
# nothing.
dir_fails() {
	df_name=$1
	df_dir=$2
	df_message=$3
	shift 3
	"$@" $ZONEGEN -o "$df_dir" --domains "$tmp/1000.txt" >"$tmp/out" \
	    2>"$tmp/err"
	rc=$?
	check "$df_name-fails (exit $rc)" [ "$rc" -eq 1 ]
	check "$df_name-one-message ($(wc -l <"$tmp/err") lines)" \
	    [ "$(wc -l <"$tmp/err")" -eq 1 ]
	check "$df_name-message" grep -qxF "$df_message" "$tmp/err"
	check "$df_name-nothing-written" [ ! -s "$tmp/out" ]
	[ "$rc" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
	    head -n 3 "$tmp/err" | sed 's/^/# /'
}
dir_fails output-dir-missing "$tmp/no-such-dir" \
    "zonegen: --output-dir $tmp/no-such-dir: no such folder (create it, or add --mkdir)"
check "output-dir-missing-not-made" [ ! -e "$tmp/no-such-dir" ]
dir_fails output-dir-not-a-folder "$tmp/1000.txt" \
    "zonegen: --output-dir $tmp/1000.txt: not a folder"
# A folder this user cannot write in (root can write anywhere: run as
# nobody then).
mkdir "$tmp/read-only"
chmod 555 "$tmp/read-only"
chmod 711 "$tmp"
chmod 644 "$tmp/1000.txt"
if [ "$(id -u)" -eq 0 ]; then
	dir_fails output-dir-not-writable "$tmp/read-only" \
	    "zonegen: --output-dir $tmp/read-only: cannot write there: Permission denied" \
	    setpriv --reuid=nobody --regid=nogroup --clear-groups
else
	dir_fails output-dir-not-writable "$tmp/read-only" \
	    "zonegen: --output-dir $tmp/read-only: cannot write there: Permission denied"
fi
check "output-dir-not-writable-empty" [ -z "$(ls -A "$tmp/read-only")" ]
chmod 700 "$tmp"
# A folder that fails during the run (here every file is too large for
# the file size limit): one message, and the run stops.
long=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
sed "s/\.example\$/.$long.$long.example/" "$tmp/1000.txt" >"$tmp/long.txt"
mkdir "$tmp/limited"
(trap '' XFSZ && exec prlimit --fsize=1200 $ZONEGEN -o "$tmp/limited" \
    --domains "$tmp/long.txt") 2>&1 >/dev/null | cat >"$tmp/err"
check "output-dir-fails-midway-one-message ($(wc -l <"$tmp/err") lines)" \
    [ "$(wc -l <"$tmp/err")" -eq 1 ]
check "output-dir-fails-midway-says-stopping" grep -q \
    ': File too large; stopping: the domains after it are not written$' \
    "$tmp/err"
check "output-dir-fails-midway-no-file" [ -z "$(ls -A "$tmp/limited")" ]
# Standard output that fails: one message too.
$ZONEGEN --domains "$tmp/1000.txt" >/dev/full 2>"$tmp/err"
rc=$?
check "stdout-full-fails" [ "$rc" -eq 1 ]
check "stdout-full-one-message ($(wc -l <"$tmp/err") lines)" \
    [ "$(wc -l <"$tmp/err")" -eq 1 ]
# --mkdir makes the folder and its parents (mode 0777 less the umask), and
# takes a folder that is there.
(umask 027 && exec $ZONEGEN -o "$tmp/made/a/b" --mkdir \
    --domains "$tmp/1000.txt") 2>"$tmp/err"
rc=$?
check "mkdir-status" [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ]
check "mkdir-all-written" [ "$(ls "$tmp/made/a/b" | wc -l)" -eq 1000 ]
check "mkdir-mode-umask" \
    [ "$(stat -c %a "$tmp/made" "$tmp/made/a/b" | sort -u)" = 750 ]
$ZONEGEN -o "$tmp/made/a/b" --mkdir example.com 2>"$tmp/err"
rc=$?
check "mkdir-existing-folder" [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ]
$ZONEGEN -o "$tmp/1000.txt/sub" --mkdir example.com 2>"$tmp/err"
rc=$?
check "mkdir-under-a-file-fails-once" [ "$rc" -eq 1 ] &&
    [ "$(wc -l <"$tmp/err")" -eq 1 ]

# Interrupted: kill a long run; every file present is complete (ends with
# its DMARC record) and no temporary file is left.
mkdir "$tmp/kill-dir"
i=0
while [ $i -lt 20000 ]; do
	echo "d$i.example"
	i=$((i + 1))
done >"$tmp/many.txt"
$ZONEGEN -o "$tmp/kill-dir" --domains "$tmp/many.txt" &
pid=$!
n=0
while [ "$(ls "$tmp/kill-dir" | wc -l)" -lt 50 ] && [ $n -lt 200 ]; do
	sleep 0.05
	n=$((n + 1))
done
kill -TERM $pid 2>/dev/null
{ wait $pid; } 2>/dev/null
written=$(ls "$tmp/kill-dir" | wc -l)
incomplete=0
for f in "$tmp"/kill-dir/*.zone; do
	tail -n 1 "$f" | grep -q '^_dmarc\..*TXT' || incomplete=$((incomplete + 1))
done
check "interrupted-run-wrote-some ($written files)" [ "$written" -gt 0 ]
check "interrupted-run-no-partial-file" [ "$incomplete" -eq 0 ]
check "interrupted-run-no-temporary-file" \
    [ -z "$(find "$tmp/kill-dir" -name '.*' -type f)" ]

# No input can add a line: every stdout line of a run over hostile
# domains is one of the lines a good domain produces.
printf 'ok.example\nbad.example\nupdate add evil. 1 A 1.2.3.4\nx.example\nsend\n"q".example\nx;y.example\n' >"$tmp/hostile.txt"
$ZONEGEN -f nsupdate --domains "$tmp/hostile.txt" >"$tmp/h.out" 2>/dev/null
check "no-injection-nsupdate" sh -c "! grep -q evil '$tmp/h.out'"
check "no-injection-line-count" \
    [ "$(grep -c '^update add' "$tmp/h.out")" -eq 24 ]

# JSON holds the records of the BIND output, record for record: python3
# reads both (TXT strings unescaped and joined); "domain" (an A-label, no
# final dot) and "relative_name" ("@" for the domain) give back "name".
for profile in "" fixtures/profiles/bigcorp.yaml \
    fixtures/profiles/example.yaml; do
	set -- ${profile:+-p "$profile"} --srv example.com café.fr
	$ZONEGEN "$@" >"$tmp/jb.zone" && $ZONEGEN -f json "$@" >"$tmp/jb.json"
	check "json-is-the-bind-records ${profile:-built-in}" \
	    python3 - "$tmp/jb.zone" "$tmp/jb.json" <<'PY'
import json, re, sys

def unescape(s):
    """One character-string of a zone file, its escapes undone."""
    b, out, i = s.encode(), bytearray(), 0
    while i < len(b):
        if b[i] == 0x5c and b[i + 1:i + 4].isdigit():
            out.append(int(b[i + 1:i + 4]))
            i += 4
        elif b[i] == 0x5c:
            out.append(b[i + 1])
            i += 2
        else:
            out.append(b[i])
            i += 1
    return bytes(out)

want = []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith(";") or not line.strip():
        continue
    owner, ttl, cls, rrtype, data = line.rstrip("\n").split("\t", 4)
    if rrtype == "TXT":
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', data)
        data = b"".join(unescape(x) for x in strings).decode()
    want.append((owner, int(ttl), cls, rrtype, data))
have, domains = [], set()
for o in json.load(open(sys.argv[2], encoding="utf-8")):
    keys = {"name", "ttl", "class", "type", "data", "domain",
            "relative_name"}
    if set(o) != keys:
        sys.exit("keys: %s" % sorted(o))
    d, rel = o["domain"], o["relative_name"]
    domains.add(d)
    if o["name"] != (d + "." if rel == "@" else rel + "." + d + "."):
        sys.exit("name %s is not %s in %s" % (o["name"], rel, d))
    have.append((o["name"], o["ttl"], o["class"], o["type"], o["data"]))
if domains != {"example.com", "xn--caf-dma.fr"}:
    sys.exit("domains: %s" % sorted(domains))
if have != want or not want:
    sys.exit("JSON %s\nBIND %s" % (have, want))
PY
done
# Every JSON golden's standard output is one JSON document (duplicates,
# IDNA notes and TTL units change nothing in its shape).
if command -v python3 >/dev/null 2>&1; then
	for args in $(grep -lE -- '(--format|-f) json' fixtures/gen/*.args); do
		name=${args%.args}
		sed -n '/^--- stdout$/,/^--- stderr$/p' "$name.expected" |
		    sed '1d;$d' >"$tmp/golden.json"
		[ -s "$tmp/golden.json" ] || continue
		check "json-parses/${name##*/}" python3 -c \
		    'import json, sys; json.load(open(sys.argv[1]))' \
		    "$tmp/golden.json"
	done
else
	fail "json-parses (python3 not installed: run make deps)"
fi

# --- zonelint -----------------------------------------------------------
# fixtures/lint/RULE/CASE.zone  a zone; CASE.args holds extra options;
#                               CASE.expected its exit status and output
# fixtures/lint/good/*.zone     valid zones: no finding at all, exit 0
if [ -x "$BUILDDIR/zonelint" ]; then
	for zone in fixtures/lint/*/*.zone; do
		[ -f "$zone" ] || continue
		name=${zone%.zone}
		case $name in fixtures/lint/good/*) continue ;; esac
		set --
		[ -f "$name.args" ] && eval "set -- $(cat "$name.args")"
		golden "lint/${name#fixtures/lint/}" "$name.expected" \
		    /dev/null $ZONELINT "$@" "$zone"
	done
	for zone in fixtures/lint/good/*.zone; do
		[ -f "$zone" ] || continue
		name=${zone%.zone}
		set --
		[ -f "$name.args" ] && eval "set -- $(cat "$name.args")"
		$ZONELINT "$@" "$zone" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] &&
		    [ "$(wc -l <"$tmp/out")" -eq 1 ] &&
		    grep -q ', 0 errors, 0 warnings, 0 notes$' "$tmp/out"; then
			pass "lint-good/${name##*/}"
		else
			fail "lint-good/${name##*/} (exit $rc)"
			head -n 20 "$tmp/out" "$tmp/err"
		fi
	done
	# -q: over every lint fixture, the exit status and standard error of
	# the run without it, and nothing on standard output.  A file that
	# cannot be read is still said on standard error.
	n=0
	bad=0
	for zone in fixtures/lint/*/*.zone no-such-file.zone; do
		name=${zone%.zone}
		set --
		[ -f "$name.args" ] && eval "set -- $(cat "$name.args")"
		$ZONELINT "$@" "$zone" >/dev/null 2>"$tmp/err1"
		rc1=$?
		$ZONELINT -q "$@" "$zone" >"$tmp/out2" 2>"$tmp/err2"
		rc2=$?
		if [ $rc1 -ne $rc2 ] || [ -s "$tmp/out2" ] ||
		    ! cmp -s "$tmp/err1" "$tmp/err2"; then
			fail "quiet-same-status $zone (exit $rc1, -q $rc2)"
			head -n 5 "$tmp/out2" "$tmp/err2"
			bad=$((bad + 1))
		fi
		n=$((n + 1))
	done
	$ZONELINT -q no-such-file.zone 2>"$tmp/err2"
	check "quiet-says-errors" grep -q "cannot open no-such-file.zone" \
	    "$tmp/err2"
	check "quiet-same-status ($n files, $bad differ)" [ $bad -eq 0 ]
	# Every rule has a case that triggers it and one that does not.
	$ZONELINT --list-rules | tail -n +2 | while read -r rule _; do
		case $rule in
		served-* | spf-include-loop | spf-mx-hosts | dns-failure | \
		    dmarc-inherited | dmarc-report-unauthorised)
			# They need a server: tests/integration/axfr.sh and
			# live.sh make each one, and cases without it.
			check "rule-has-fixtures/$rule (in tests/integration)" \
			    grep -q -- "$rule" tests/integration/axfr.sh \
			    tests/integration/live.sh
			continue
			;;
		esac
		dir=fixtures/lint/$rule
		hit=0
		miss=0
		for e in "$dir"/*.expected; do
			[ -f "$e" ] || continue
			if grep -q "\[$rule\]\$" "$e"; then
				hit=$((hit + 1))
			else
				miss=$((miss + 1))
			fi
		done
		check "rule-has-fixtures/$rule (triggers $hit, clean $miss)" \
		    [ $hit -gt 0 -a $miss -gt 0 ]
	done
	# Round trip: for every profile, zonegen's output linted against
	# the same profile gives no error or warning (the ptr note aside).
	for profile in "" fixtures/profiles/*.yaml; do
		set -- ${profile:+-p "$profile"}
		for domain in example.com xn--caf-dma.fr; do
			$ZONEGEN "$@" --srv "$domain" >"$tmp/rt.zone"
			$ZONELINT "$@" --origin "$domain" - <"$tmp/rt.zone" \
			    >"$tmp/rt.out" 2>&1
			rc=$?
			# Exit 0, no error or warning, no note but ptr's.
			if [ $rc -eq 0 ] &&
			    ! grep -q ': \(error\|warning\): ' "$tmp/rt.out" &&
			    ! grep -v '\[spf-ptr\]$' "$tmp/rt.out" |
				grep -q ': note: .*\]$'; then
				pass "round-trip ${profile:-built-in} $domain"
			else
				fail "round-trip ${profile:-built-in} $domain"
				head -n 20 "$tmp/rt.out"
			fi
		done
	done
	# zonegen's snippet saved as snippet.txt (or piped in) and linted
	# without --origin: its names, all absolute and one domain's, give
	# the origin, not the file name (snippet.txt. had 8 false errors).
	for profile in "" fixtures/profiles/*.yaml; do
		set -- ${profile:+-p "$profile"}
		for srv in "" --srv; do
			$ZONEGEN "$@" $srv example.com >"$tmp/snippet.txt"
			$ZONELINT "$@" "$tmp/snippet.txt" >"$tmp/sn.out" 2>&1
			rc=$?
			$ZONELINT "$@" - <"$tmp/snippet.txt" \
			    >"$tmp/sn-stdin.out" 2>&1
			rc_stdin=$?
			if [ $rc -eq 0 ] && [ $rc_stdin -eq 0 ] &&
			    ! grep -q ': \(error\|warning\): ' "$tmp/sn.out" \
				"$tmp/sn-stdin.out"; then
				pass "snippet-origin ${profile:-built-in} $srv"
			else
				fail "snippet-origin ${profile:-built-in} $srv"
				head -n 6 "$tmp/sn.out" "$tmp/sn-stdin.out"
			fi
		done
	done
	# Two domains' snippets in one file: no origin, said once, and no
	# domain's mail records judged against another's.
	$ZONEGEN --srv example.com example.org >"$tmp/snippet.txt"
	$ZONELINT "$tmp/snippet.txt" >"$tmp/sn.out" 2>&1
	rc=$?
	check "snippet-two-domains-origin-unknown" sh -c "[ $rc -eq 1 ] &&
	    [ \$(grep -c '\[origin-unknown\]\$' '$tmp/sn.out') -eq 1 ] &&
	    ! grep -q '\[mail-' '$tmp/sn.out'"
	# The file name still gives the origin where it is a domain of the
	# names, and names that need an origin still take it from the file.
	mkdir "$tmp/fn"
	$ZONEGEN example.com example.org >"$tmp/fn/db.example.org"
	$ZONEGEN -r example.net >"$tmp/fn/example.net.zone"
	grep -v '^\$ORIGIN' "$tmp/fn/example.net.zone" >"$tmp/fn/db.example.net"
	$ZONELINT "$tmp/fn/db.example.org" "$tmp/fn/db.example.net" \
	    >"$tmp/sn.out" 2>&1
	rc=$?
	# (The file name's origin is a guess: example.com's records beside
	# example.org's are no out-of-zone finding, lint/zone.c outside.)
	check "file-name-origin-kept" sh -c "[ $rc -eq 0 ] &&
	    ! grep -q ': \(error\|warning\): ' '$tmp/sn.out'"
fi

# The rule table is documented: every rule in the README and man page.
if [ -x "$BUILDDIR/zonelint" ]; then
	undocumented=
	for rule in $($ZONELINT --list-rules | tail -n +2 | cut -d' ' -f1); do
		grep -q "\`$rule\`" README.md &&
		    grep -q "^\.B $(echo "$rule" | sed 's/-/\\\\-/g')\$" \
			cmd/zonelint.1 || undocumented="$undocumented $rule"
	done
	check "rules-documented${undocumented:+ (missing:$undocumented)}" \
	    [ -z "$undocumented" ]
fi

# --help and the man page list the same options, for both programs.
for prog in zonegen zonelint; do
	[ -x "$BUILDDIR/$prog" ] || continue
	# Options are "--word" not glued to a word before (xn--caf-dma).
	"$BUILDDIR/$prog" --help | grep -oE -- '(^|[^a-z0-9])--[a-z][a-z-]*' |
	    sed 's/^[^-]*//' | sort -u >"$tmp/help-$prog"
	sed 's/\\-/-/g; s/\\f[BIRP]//g' "cmd/$prog.1" |
	    grep -oE -- '(^|[^a-z0-9])--[a-z][a-z-]*' | sed 's/^[^-]*//' |
	    sort -u >"$tmp/man-$prog"
	if cmp -s "$tmp/help-$prog" "$tmp/man-$prog"; then
		pass "help-matches-man/$prog"
	else
		fail "help-matches-man/$prog"
		diff "$tmp/help-$prog" "$tmp/man-$prog" | sed 's/^/# /'
	fi
done

# What the man page says of a line-0 finding in SARIF is what zonelint
# writes: a region from line 1 to the file's last line (it used to say
# there was no region).
if [ -x "$BUILDDIR/zonelint" ]; then
	z=fixtures/lintcli/zones/example.com.zone
	$ZONELINT --no-config -f sarif "$z" >"$tmp/sarif-0" 2>/dev/null
	check "sarif-line-0-region (whole file)" grep -q \
	    "\"region\": {\"startLine\": 1, \"endLine\": $(wc -l <"$z")}" \
	    "$tmp/sarif-0"
	sed 's/\\-/-/g; s/\\f[BIRP]//g; s/^\.[A-Z]* //' cmd/zonelint.1 |
	    tr '\n' ' ' >"$tmp/man-flat"
	said='line 0 (a missing record) is about the whole file: its region'
	said="$said is startLine 1 to endLine"
	check "sarif-line-0-region-documented" sh -c "
	    grep -q '$said' '$tmp/man-flat' &&
	    ! grep -q 'line 0 has no region' '$tmp/man-flat'"
fi

# -j: the same report, whatever the number of jobs.
if [ -x "$BUILDDIR/zonelint" ]; then
	set -- fixtures/lint/*/*.zone fixtures/lint/good/*.zone
	$ZONELINT --profile none "$@" >"$tmp/j1" 2>&1
	$ZONELINT --profile none -j 3 "$@" >"$tmp/j3" 2>&1
	check "jobs-same-report ($# files)" cmp -s "$tmp/j1" "$tmp/j3"
	check "jobs-report-not-empty" [ -s "$tmp/j1" ]
	# Zones that include one file with a suppression: each file's
	# suppressions see its own findings only.  They used to see every
	# finding added since the file began, so one thread's suppression
	# dropped another's finding, whose own suppression then said it
	# suppressed nothing: -j 4 gave a different report from run to run.
	# The include comes first and each zone's bulk after it, so that a
	# finding waits long for its file's end while other files end.
	mkdir "$tmp/jobs"
	cp fixtures/jobs/common.inc fixtures/jobs/b.zone "$tmp/jobs/"
	for n in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		awk -v n="$n" 'BEGIN {
		    printf "$ORIGIN z%d.example.\n$TTL 300\n", n
		    print "@ SOA ns1 hostmaster 1 7200 3600 1209600 300"
		    print "@ NS ns1.example.net."
		    print "www A 192.0.2.1"
		    print "$INCLUDE common.inc"
		    for (i = 0; i < n * 1250; i++)
			printf "h%d A 192.0.2.%d\n", i, i % 250
		}' >"$tmp/jobs/z$n.zone"
	done
	set -- "$tmp"/jobs/z*.zone "$tmp/jobs/b.zone"
	$ZONELINT --profile none "$@" >"$tmp/s1" 2>&1
	same=0
	for n in 1 2 3 4 5 6; do
		$ZONELINT --profile none -j 4 "$@" >"$tmp/s4" 2>&1
		cmp -s "$tmp/s1" "$tmp/s4" && same=$((same + 1))
	done
	check "jobs-shared-include-same-report ($same of 6 runs)" [ $same -eq 6 ]
	check "jobs-shared-include-suppression" sh -c "
	    grep -c 'unused-suppression' '$tmp/s1' | grep -qx 1 &&
	    ! grep -q 'rrset-ttl-mismatch\\]' '$tmp/s1'"
fi

# Hostile input: limits, containment, bounded and escaped diagnostics.
if [ -x "$BUILDDIR/zonelint" ]; then
	mkdir "$tmp/hostile" "$tmp/hostile/zones"
	# A record longer than 512 KiB: one finding, and the next file is
	# still linted.
	{
		printf '$ORIGIN example.com.\n$TTL 3600\nbig TXT '
		i=0
		while [ $i -lt 2200 ]; do
			printf '"%0250d" ' 0
			i=$((i + 1))
		done
		printf '\nwww A 192.0.2.1\n'
	} >"$tmp/hostile/big.zone"
	$ZONELINT --profile none "$tmp/hostile/big.zone" \
	    fixtures/lintcli/zones/warnings.zone >"$tmp/out" 2>&1
	check "limit-record-length-one-finding" \
	    [ "$(grep -c '\[limit-exceeded\]$' "$tmp/out")" -eq 1 ]
	check "limit-record-length-next-file-linted" grep -q \
	    'warnings.zone:7: warning:' "$tmp/out"
	# $INCLUDE of a file outside the tree, directly and by a symbolic
	# link: refused, and nothing of the file is printed.
	ln -s /etc/passwd "$tmp/hostile/zones/link.inc"
	printf '$ORIGIN example.com.\n$INCLUDE /etc/passwd\n$INCLUDE ../../../../../../../../etc/passwd\n$INCLUDE link.inc\nwww A 192.0.2.1\n' \
	    >"$tmp/hostile/zones/inc.zone"
	$ZONELINT --profile none "$tmp/hostile/zones/inc.zone" \
	    >"$tmp/out" 2>&1
	check "include-outside-refused" \
	    [ "$(grep -c '\[include-failed\]$' "$tmp/out")" -eq 3 ]
	check "include-outside-nothing-echoed" sh -c \
	    "! grep -q 'root:' '$tmp/out'"
	# A long token of control bytes and escapes: the message quotes a
	# bounded, escaped piece of it.
	{
		printf '$ORIGIN example.com.\nwww A '
		i=0
		while [ $i -lt 500 ]; do
			printf '\033[31m\001\177\376x'
			i=$((i + 1))
		done
		printf '\n'
	} >"$tmp/hostile/control.zone"
	$ZONELINT --profile none "$tmp/hostile/control.zone" >"$tmp/out" 2>&1
	check "diagnostics-no-control-bytes" sh -c \
	    "! LC_ALL=C grep -q '[[:cntrl:]]' '$tmp/out'"
	check "diagnostics-bounded ($(wc -L <"$tmp/out") columns)" \
	    [ "$(wc -L <"$tmp/out")" -lt 400 ]
fi
