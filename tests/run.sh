#!/bin/sh
# run.sh: run every test and print one summary line "check: N passed, N failed".
# SPDX-License-Identifier: BSD-3-Clause
#
# Environment: BUILDDIR (build), VARIANT (default|debug|san|release), ONLY
# (space-separated groups out of "unit fuzz cli hostile integration
# package"; default all but package, which make package-check runs),
# VALGRIND=1
# (run the programs under valgrind memcheck), UPDATE=1 (rewrite golden
# files; review that diff like code).
#
# Each test prints lines "ok NAME" or "FAIL NAME"; this script counts them.
# A test program that exits non-zero without printing a FAIL line counts as
# one failure, so a crash cannot pass unnoticed.
set -u
cd "$(dirname "$0")/.." || exit 2
BUILDDIR=${BUILDDIR:-build}
ONLY=${ONLY:-unit fuzz cli hostile integration}
export LC_ALL=C
export BUILDDIR

if [ "${VARIANT:-}" = san ]; then
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=98
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
fi
if [ "${VALGRIND:-0}" = 1 ]; then
	vg="valgrind -q --error-exitcode=97 --leak-check=full"
	vg="$vg --errors-for-leak-kinds=definite --track-origins=yes"
	export WRAP="$vg"
else
	export WRAP=
fi
export ZONEGEN="${WRAP:+$WRAP }$PWD/$BUILDDIR/zonegen"
export ZONELINT="${WRAP:+$WRAP }$PWD/$BUILDDIR/zonelint"

log=$(mktemp "${TMPDIR:-/tmp}/zonetools-check.XXXXXX") || exit 2
trap 'rm -f "$log"' EXIT INT TERM

# run_one NAME COMMAND...: run a test, show its output, count its lines.
run_one() {
	name=$1
	shift
	out=$(mktemp "${TMPDIR:-/tmp}/zonetools-out.XXXXXX") || exit 2
	"$@" >"$out" 2>&1
	rc=$?
	cat "$out"
	grep -E '^(ok|FAIL) ' "$out" >>"$log"
	if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$out"; then
		echo "FAIL $name (exited with status $rc)" | tee -a "$log"
	fi
	rm -f "$out"
}

# replay_fuzz TARGET PROGRAM: run fixtures/fuzz/TARGET's files through it;
# on a failure, name the files that fail one by one.
replay_fuzz() {
	set -- "$1" "$2" "fixtures/fuzz/$1"
	n=$(find "$3" -type f | wc -l)
	if [ "$n" -eq 0 ]; then
		echo "FAIL fuzz-replay/$1 (no inputs in $3)"
		return
	fi
	if find "$3" -type f -exec ${WRAP:+$WRAP} "$2" {} + >/dev/null; then
		echo "ok fuzz-replay/$1 ($n inputs)"
		return
	fi
	find "$3" -type f | sort | while read -r f; do
		${WRAP:+$WRAP} "$2" "$f" >/dev/null 2>&1 ||
		    echo "FAIL fuzz-replay/$1 $f"
	done
	echo "FAIL fuzz-replay/$1"
}

for group in $ONLY; do
	case $group in
	unit)
		for t in "$BUILDDIR"/tests/test_*; do
			[ -x "$t" ] || continue
			run_one "$t" ${WRAP:+$WRAP} "$t"
		done
		;;
	fuzz)
		# Replay each fuzz target's seeds and regressions (no engine).
		for t in "$BUILDDIR"/tests/fuzz/fuzz_*; do
			[ -x "$t" ] || continue
			run_one "$t" replay_fuzz "${t##*/}" "$t"
		done
		;;
	cli)
		run_one tests/cli.sh sh tests/cli.sh
		run_one tests/threads.sh sh tests/threads.sh
		;;
	hostile)
		# Attacks from untrusted repositories (issue 12), one file
		# each; the ones that need named or nsupdate say so.
		for t in tests/hostile/*.sh; do
			[ -f "$t" ] || continue
			run_one "$t" sh "$t"
		done
		;;
	integration)
		for t in tests/integration/*.sh; do
			[ -f "$t" ] || continue
			run_one "$t" sh "$t"
		done
		;;
	package)
		# make package-check: builds and installs (not in the
		# default groups: the .deb test fetches Debian packages).
		for t in tests/package/*.sh; do
			case $t in */lib.sh) continue ;; esac
			[ -f "$t" ] || continue
			run_one "$t" sh "$t"
		done
		;;
	*)
		echo "run.sh: unknown group $group" >&2
		exit 2
		;;
	esac
done

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL ' "$log")
if [ "$failed" -gt 0 ]; then
	echo "failed tests:"
	grep '^FAIL ' "$log" | sed 's/^/  /'
fi
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
