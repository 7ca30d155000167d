#!/bin/sh
# threads.sh: reading on a second thread changes nothing but the time.
# Every zone of the lint fixtures is linted with --read-thread=always and
# with --read-thread=never, as JSON and as an nsupdate fix: standard
# output, standard error and the exit status must be the same.  So must a
# generated zone of about 4 MiB (read on a thread by default) through
# every format, and its fixes.
# SPDX-License-Identifier: BSD-3-Clause
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh

T=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-threads.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM

# run MODE OUT ARGS...: zonelint's stdout, stderr and status into OUT.
run() {
	run_mode=$1
	run_out=$2
	shift 2
	$ZONELINT --no-config --read-thread="$run_mode" "$@" \
	    <"${STDIN:-/dev/null}" >"$run_out" 2>"$run_out.err"
	echo "status $?" >>"$run_out.err"
}

# same NAME DIR ARGS...: the same with and without the thread (in DIR).
same() {
	same_name=$1
	same_dir=$2
	shift 2
	(cd "$same_dir" && run always "$T/a" "$@")
	(cd "$same_dir" && run never "$T/b" "$@")
	# (97: valgrind's exit status for an error, make valgrind)
	if cmp -s "$T/a" "$T/b" && cmp -s "$T/a.err" "$T/b.err" &&
	    ! grep -q '^status 97$' "$T/a.err"; then
		return 0
	fi
	echo "threads: $same_name differs:" >&2
	diff "$T/a" "$T/b" | head -n 5 >&2
	diff "$T/a.err" "$T/b.err" | head -n 5 >&2
	return 1
}

# Under valgrind (make valgrind sets WRAP) every eighth fixture and a
# smaller big zone, still past the 1 MiB of --read-thread=auto.
step=1
records=50000
if [ -n "${WRAP:-}" ]; then
	step=8
	records=15000
fi
n=0
k=0
bad=0
for f in $(find fixtures/lint fixtures/lintcli -type f \
    \( -name '*.zone' -o -name 'db.*' \) | sort); do
	k=$((k + 1))
	[ $((k % step)) -eq 0 ] || continue
	d=$(dirname "$f")
	b=$(basename "$f")
	n=$((n + 1))
	same "$f json" "$d" -f json "$b" || bad=$((bad + 1))
	same "$f fix" "$d" --fix=nsupdate "$b" || bad=$((bad + 1))
done
if [ "$bad" -eq 0 ] && [ "$n" -gt $((200 / step)) ]; then
	pass "threads/fixtures ($n zones, JSON and nsupdate fix)"
else
	fail "threads/fixtures ($bad of $((n * 2)) runs differ)"
fi

# A zone past the 1 MiB at which a thread is used by default: mail
# records at the apex and everywhere, some broken so that every format
# has findings to say.
GEN=$T/gen
${CC:-cc} -O1 -o "$GEN" tests/bench/gen.c 2>"$T/gen.err" ||
    { fail "threads/big (cannot build tests/bench/gen.c)"; exit 0; }
"$GEN" zone "$records" big.example. >"$T/big.zone"
cat >>"$T/big.zone" <<'EOF'
broken1	TXT	"v=spf1 include:a include:b +all"
broken1	TXT	"v=spf1 -all"
_dmarc.broken2	TXT	"v=DMARC1; p=maybe"
cname1	CNAME	www
cname1	A	192.0.2.9
EOF
size=$(wc -c <"$T/big.zone")
ok=1
for fmt in text json sarif github; do
	same "big $fmt" "$T" -f "$fmt" big.zone || ok=0
	(cd "$T" && run auto "$T/c" -f "$fmt" big.zone)
	cmp -s "$T/a" "$T/c" && cmp -s "$T/a.err" "$T/c.err" || ok=0
done
for fix in nsupdate zone; do
	same "big fix $fix" "$T" --fix="$fix" big.zone || ok=0
done
(cd "$T" && run never "$T/b" -f text big.zone)
if [ "$ok" -eq 1 ] && [ "$size" -gt 1048576 ] &&
    [ "$(grep -c ': error: ' "$T/b")" -ge 3 ]; then
	pass "threads/big ($size bytes: every format and both fixes)"
else
	fail "threads/big ($size bytes)"
fi

# Standard input and several files at once, -j 2.
STDIN=$T/big.zone same "stdin" "$T" -f json - && pass "threads/stdin" ||
    fail "threads/stdin"
cp "$T/big.zone" "$T/big2.zone"
same "two files -j 2" "$T" -j 2 -f json big.zone big2.zone &&
    pass "threads/jobs" || fail "threads/jobs"
