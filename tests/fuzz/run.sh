#!/bin/sh
# run.sh: run libFuzzer targets for a while each (make fuzz).
# SPDX-License-Identifier: BSD-3-Clause
#
# usage: sh tests/fuzz/run.sh TARGET...   (built into build/fuzz/ by make fuzz)
#
# Each target runs for FUZZ_SECONDS (default 180) on a working copy of its
# corpus, build/fuzz/corpus/TARGET, seeded from fixtures/fuzz/TARGET and its
# regressions; new inputs stay there, fixtures/fuzz/ is never written.  A
# crash, leak, timeout (10 s an input) or memory blow-up (2 GiB) is saved
# under build/fuzz/artifacts/TARGET/ and fails the run; the line printed
# says how to reproduce it.  Prints "ok fuzz/TARGET ..." or "FAIL ...".
set -u
cd "$(dirname "$0")/../.." || exit 2
seconds=${FUZZ_SECONDS:-180}
dir=build/fuzz
failed=0

for target in "$@"; do
	bin=$dir/$target
	corpus=$dir/corpus/$target
	artifacts=$dir/artifacts/$target
	log=$dir/$target.log
	name=${target#fuzz_}
	case $name in
	profile | config | generator) dict=tests/fuzz/yaml.dict ;;
	*) dict=tests/fuzz/$name.dict ;;
	esac
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz/$target (no $bin: run make fuzz)"
		failed=1
		continue
	fi
	mkdir -p "$corpus" "$artifacts" || exit 2
	find "fixtures/fuzz/$target" -type f -exec cp {} "$corpus/" \;
	stamp=$dir/.$target.start
	: >"$stamp"
	"$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$artifacts/" -dict="$dict" "$corpus" \
	    </dev/null >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	files=$(find "$corpus" -type f | wc -l)
	found=$(find "$artifacts" -type f -newer "$stamp" | head -n 1)
	if [ "$rc" -eq 0 ] && [ -z "$found" ]; then
		echo "ok fuzz/$target (${runs:-?} runs in ${seconds} s," \
		    "corpus $files files)"
	else
		echo "FAIL fuzz/$target (exit $rc; log $log)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" |
		    head -n 5 | sed 's/^/  /'
		[ -n "$found" ] && echo "  reproduce: $bin $found"
		failed=1
	fi
done
exit "$failed"
