#!/bin/sh
# action.sh: the GitHub Action (action.yml) run outside GitHub: its run:
# steps, read from action.yml by tests/package/action-run.py, run as the
# runner runs a composite action's steps (shell, GITHUB_ACTION_PATH,
# GITHUB_WORKSPACE, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the
# env: mappings with their inputs and step outputs).  The action is a copy
# of this tree, which its install step builds; the workspace holds zone
# files the default patterns must find (db.example, zones/x.db, a folder
# with a space, names with a newline, `$(...)` and a leading -) and files
# they must not (notes.txt, a folder db.d, a hidden folder).
# - format github: one annotation a file, exit status 1 on errors, 0 on a
#   clean zone (default args: the built-in profile), the summary line in
#   the step summary;
# - format sarif: exit status 0 with findings, the exit-code output 1,
#   the log written where sarif-file says, one result a file (URIs decode
#   to the file names), and Microsoft's SARIF validator finds no error or
#   warning; zonelint's exit status 2 leaves no log and fails the step;
# - a bad format, a files input that matches nothing: exit status 2;
# - inputs are data: `$(touch ...)` in a file name, a pattern or the
#   format runs nothing;
# - action-run.py refuses an expression in a run: text (negative control
#   with a copy of action.yml that pastes an input into its script).
# The .deb input is run in tests/package/deb.sh, on a fresh Debian 12.
# SPDX-License-Identifier: BSD-3-Clause
set -u
. tests/lib.sh
. tests/package/lib.sh

T=action
require "$T" python3 bash make node
if ! python3 -c 'import yaml' 2>/dev/null; then
	fail "$T (python3-yaml not installed: run make deps-package)"
	exit 1
fi
MULTITOOL=$PWD/$(sh tests/tools.sh --path)
if [ ! -x "$MULTITOOL" ]; then
	fail "$T (SARIF Multitool not installed: run make deps)"
	exit 1
fi
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
package_tmp "$T"
HARNESS=$PWD/tests/package/action-run.py
action=$tmp/action
ws=$tmp/ws
mkdir "$action" "$ws" "$tmp/temp"
copy_source "$action" || {
	fail "$T/copy-source"
	exit 1
}
unset MAKEFLAGS MFLAGS MAKELEVEL VARIANT BUILDDIR

# The workspace: six files the default patterns take, each with one
# syntax error at line 2, and four things they must leave alone.
bad='$ORIGIN example.com.
@ 3600 IN A 999.1.1.1'
nl='
'
mkdir -p "$ws/zones/with space" "$ws/zones/db.d" "$ws/.hidden"
for f in db.example zones/x.db "zones/with space/a.zone" zones/-dash.zone \
    'zones/odd$(touch pwned).zone' "zones/new${nl}line.zone" notes.txt \
    zones/db.d/inner.txt .hidden/h.zone; do
	printf '%s\n' "$bad" >"$ws/$f"
done
# The file= values zonelint's annotations must name, sorted.
cat >"$tmp/expected-files" <<'EOF'
db.example
zones/-dash.zone
zones/new\x0aline.zone
zones/odd$(touch pwned).zone
zones/with space/a.zone
zones/x.db
EOF

# run NAME WORKSPACE INPUT=VALUE...: the action's steps; output in
# $tmp/NAME.out, result in $tmp/NAME.json, exit status in $rc.
run() {
	r_name=$1
	r_ws=$2
	shift 2
	: >"$tmp/$r_name.summary"
	GITHUB_WORKSPACE=$r_ws RUNNER_TEMP=$tmp/temp \
	    GITHUB_STEP_SUMMARY=$tmp/$r_name.summary \
	    python3 "$HARNESS" "$action" "$tmp/$r_name.json" "$@" \
	    >"$tmp/$r_name.out" 2>&1
	rc=$?
}

# result NAME EXPR: a value of NAME's result (Python expression on r).
result() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$tmp/$1.json" "$2" 2>/dev/null
}

# expect NAME TEST: pass TEST, or fail it and show NAME's output.
expect() {
	if eval "$2"; then
		pass "$T/$1"
	else
		fail "$T/$1 (exit $rc)"
		sed 's/^/# /' "$tmp/$1.out"
	fi
}

no_pwned() { [ -z "$(find "$tmp" -name 'pwned*' -print)" ]; }

# --- github: annotations, exit 1 on errors ----------------------------------
run github "$ws" args="--profile${nl}none"
sed -n 's/^::error file=\(.*\),line=2,title=syntax-error::.*/\1/p' \
    "$tmp/github.out" | LC_ALL=C sort >"$tmp/github.files"
expect github '[ "$rc" -eq 1 ] &&
    cmp -s "$tmp/github.files" "$tmp/expected-files" &&
    [ "$(grep -c "^::" "$tmp/github.out")" -eq 6 ] &&
    [ "$(result github "r[\"outputs\"][\"exit-code\"]")" = 1 ] &&
    [ -x "$(result github "r[\"steps\"][0][\"outputs\"][\"zonelint\"]")" ] &&
    grep -qx "zonelint: 6 files, 6 errors, 0 warnings, 0 notes" \
	"$tmp/github.summary"'
check "$T/no-command-from-file-names" no_pwned

# A clean zone with the default args (the built-in profile): exit 0.
mkdir "$tmp/ws-clean"
"$action/build/zonegen" example.com >"$tmp/ws-clean/example.com.zone"
run github-clean "$tmp/ws-clean"
expect github-clean '[ "$rc" -eq 0 ] &&
    [ "$(result github-clean "r[\"outputs\"][\"exit-code\"]")" = 0 ] &&
    grep -q "^zonelint: 1 file, 0 errors" "$tmp/github-clean.out"'

# A pattern of its own, with a space in it: that file only.
run github-pattern "$ws" files='zones/with space/*.zone' \
    args="--profile${nl}none"
expect github-pattern '[ "$rc" -eq 1 ] &&
    [ "$(grep -c "^::error file=" "$tmp/github-pattern.out")" -eq 1 ] &&
    grep -q "^::error file=zones/with space/a.zone,line=2," \
	"$tmp/github-pattern.out"'

# --- sarif: the log for code scanning, exit 0 with findings ---------------
run sarif "$ws" format=sarif sarif-file='out dir/zonelint.sarif' \
    args="--profile${nl}none"
log="$ws/out dir/zonelint.sarif"
expect sarif '[ "$rc" -eq 0 ] &&
    [ "$(result sarif "r[\"outputs\"][\"exit-code\"]")" = 1 ] &&
    [ "$(result sarif "r[\"outputs\"][\"sarif-file\"]")" = "out dir/zonelint.sarif" ] &&
    [ -f "$log" ] && [ "$(ls "$ws/out dir")" = zonelint.sarif ]'
# One result a file, at line 2, its URI decoding to the file's name.
python3 - "$log" "$ws" >"$tmp/sarif-files.out" 2>&1 <<'EOF'
import json, os, sys, urllib.parse
log = json.load(open(sys.argv[1], encoding="utf-8"))
names = []
for res in log["runs"][0]["results"]:
    loc = res["locations"][0]["physicalLocation"]
    assert res["ruleId"] == "syntax-error", res["ruleId"]
    assert loc["region"]["startLine"] == 2, loc["region"]
    names.append(urllib.parse.unquote(loc["artifactLocation"]["uri"]))
want = sorted(["db.example", "zones/x.db", "zones/with space/a.zone",
               "zones/-dash.zone", "zones/odd$(touch pwned).zone",
               "zones/new\nline.zone"])
assert sorted(names) == want, names
assert all(os.path.isfile(os.path.join(sys.argv[2], n)) for n in names)
EOF
if [ $? -eq 0 ]; then
	pass "$T/sarif-results"
else
	fail "$T/sarif-results"
	sed 's/^/# /' "$tmp/sarif-files.out"
fi
# Microsoft's validator, as tests/integration/sarif.sh runs it, with the
# same policy (SARIF2006, which fetches every URI, only a note).
"$MULTITOOL" validate "$log" --config "$PWD/tests/sarif-policy.xml" \
    --level "Error;Warning" --output "$tmp/validation.sarif" \
    --log ForceOverwrite >"$tmp/validator.out" 2>&1
vrc=$?
n=$(python3 -c 'import json, sys
print(sum(len(r.get("results") or []) for r in
    json.load(open(sys.argv[1], encoding="utf-8-sig"))["runs"]))' \
    "$tmp/validation.sarif" 2>/dev/null)
if [ "$vrc" -eq 0 ] && [ "$n" = 0 ]; then
	pass "$T/sarif-validator"
else
	fail "$T/sarif-validator (exit $vrc, $n results)"
	sed 's/^/# /' "$tmp/validator.out"
fi

# zonelint cannot run (an unknown option): step fails, no log is left.
run sarif-fails "$ws" format=sarif sarif-file=bad.sarif args=--no-such-option
expect sarif-fails '[ "$rc" -eq 2 ] &&
    [ "$(result sarif-fails "r[\"outputs\"][\"exit-code\"]")" = 2 ] &&
    [ -z "$(find "$ws" -maxdepth 1 -name "bad.sarif*" -print)" ] &&
    grep -q "^::error::zonelint-action: zonelint exited with status 2" \
	"$tmp/sarif-fails.out"'

# --- inputs that are wrong, or try to run something -----------------------
run bad-format "$ws" format='$(touch pwned-format)'
expect bad-format '[ "$rc" -eq 2 ] &&
    grep -q "^::error::zonelint-action: format must be github or sarif" \
	"$tmp/bad-format.out"'
run no-files "$ws" files='nothing/*.zone
$(touch pwned-files)'
expect no-files '[ "$rc" -eq 2 ] &&
    grep -q "^::error::zonelint-action: no file matches the files input" \
	"$tmp/no-files.out"'
check "$T/no-command-from-inputs" no_pwned

# Negative control: a run: text with an input pasted in is refused.
mkdir "$tmp/injected"
sed 's/^      run: bash .* lint$/      run: echo ${{ inputs.format }}/' \
    action.yml >"$tmp/injected/action.yml"
GITHUB_WORKSPACE=$ws RUNNER_TEMP=$tmp/temp GITHUB_STEP_SUMMARY=/dev/null \
    python3 "$HARNESS" "$tmp/injected" "$tmp/injected.json" \
    >"$tmp/injected.out" 2>&1
rc=$?
expect injected '[ "$rc" -eq 3 ] &&
    grep -q "an expression in run: (script injection)" "$tmp/injected.out"'
