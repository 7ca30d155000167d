#!/bin/sh
# sarif.sh: zonelint's SARIF output must pass Microsoft's SARIF validator
# (SARIF Multitool `validate`: the SARIF 2.1.0 JSON schema plus its SARIF
# rules) without an error or a warning, for a zone without findings, a
# generated zone, broken zones (findings at line 0 and at real lines,
# syntax errors), file names that need percent-encoding, two files, standard
# input and an absolute path.  Each log is also checked against zonelint's
# JSON output of the same run (same findings, lines, levels, rule indexes,
# file names).  Negative controls prove that the check can fail.
# SPDX-License-Identifier: BSD-3-Clause
#
# The validator comes from npm (tests/tools.sh, run by `make deps`); a
# missing one is a failure, never a skip.  It runs with
# DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 (no libicu needed).  Its rule
# SARIF2006 (UrisShouldBeReachable) fetches every URI of the log over the
# network, which a test must not do: the policy (tests/sarif-policy.xml)
# makes it a note, so that an offline run does not turn into a warning
# about the network.  Every other rule keeps its level, and any error or
# warning fails the test.
# $ZONELINT is split on purpose (a valgrind wrapper).
# shellcheck disable=SC2086
set -u
. tests/lib.sh

T=sarif
MULTITOOL=$(sh tests/tools.sh --path)
if [ ! -x "$MULTITOOL" ]; then
	fail "$T (SARIF Multitool not installed: run make deps)"
	exit 1
fi
require "$T" node
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonelint-sarif.XXXXXX") || {
	fail "$T/mktemp"
	exit 1
}
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
root=$PWD
rules=$($ZONELINT --list-rules | tail -n +2 | wc -l)

# check.js RC CONSOLE LOG INPUT JSON RULES: the validator's verdict on
# INPUT (exit status RC, console output, SARIF log), and INPUT against
# zonelint's JSON output JSON ("" for none).  Prints one line; exit 0 when
# there is no error and no warning.
cat >"$tmp/check.js" <<'EOF'
"use strict";
const fs = require("fs");
const [rc, consolePath, logPath, inputPath, jsonPath, ruleCount] =
    process.argv.slice(2);
const problems = [];
const read = (path) => JSON.parse(fs.readFileSync(path, "utf8"));
let log = null, input = null, json = null;
try {
	log = read(logPath);
} catch (e) {
	problems.push("no log: " + e.message);
}
try {
	input = read(inputPath);
} catch (e) {
	problems.push("input: " + e.message);
}
if (jsonPath !== "") {
	json = read(jsonPath);
}
if (rc !== "0") {
	problems.push("validator exit status " + rc);
}

let logged = 0;
if (log !== null) {
	for (const run of log.runs) {
		const descriptors = run.tool.driver.rules || [];
		for (const res of run.results || []) {
			const rule = descriptors[res.ruleIndex] || {};
			const config = rule.defaultConfiguration || {};
			const level = res.level || config.level || "warning";
			if (level !== "error" && level !== "warning") {
				continue;
			}
			logged++;
			problems.push(`${level} ${res.ruleId}: ` +
			    (res.message.text || res.message.id) + " " +
			    JSON.stringify(res.message.arguments || []));
		}
		for (const inv of run.invocations || []) {
			if (inv.executionSuccessful !== true) {
				problems.push("execution not successful");
			}
			const notes = (inv.toolExecutionNotifications || [])
			    .concat(inv.toolConfigurationNotifications || []);
			for (const n of notes) {
				const level = n.level || "warning";
				const id = (n.descriptor || {}).id;
				if (level !== "error" && level !== "warning") {
					continue;
				}
				logged++;
				problems.push(`${level} ${id}: ` +
				    n.message.text);
			}
		}
	}
}
/* The console and the log must tell the same story. */
const printed = fs.readFileSync(consolePath, "utf8").split("\n")
    .filter((l) => /:\s(error|warning)\s[A-Z]+[0-9]+[\w.]*\s?:/.test(l))
    .length;
if (printed !== logged) {
	problems.push(`${printed} error/warning lines printed, ` +
	    `${logged} logged`);
}

/* The log against zonelint's JSON output of the same run. */
function uriOf(file) {
	const enc = Buffer.from(file, "utf8").reduce((s, c) =>
	    s + (/[A-Za-z0-9\-._~\/]/.test(String.fromCharCode(c)) ?
	    String.fromCharCode(c) :
	    "%" + c.toString(16).toUpperCase().padStart(2, "0")), "");
	return file === "-" ? ["stdin", undefined] :
	    file.startsWith("/") ? ["file://" + enc, undefined] :
	    [enc, "%SRCROOT%"];
}
if (json !== null && input !== null) {
	const run = input.runs[0];
	const driver = run.tool.driver;
	if (input.runs.length !== 1 || driver.name !== "zonelint" ||
	    driver.rules.length !== Number(ruleCount)) {
		problems.push("not one run of zonelint with every rule");
	}
	if (run.results.length !== json.findings.length) {
		problems.push(`${run.results.length} results, ` +
		    `${json.findings.length} findings`);
	}
	json.findings.forEach((f, i) => {
		const r = run.results[i] || { locations: [{}] };
		const loc = r.locations[0].physicalLocation || {};
		const art = loc.artifactLocation || {};
		const [uri, base] = uriOf(f.file);
		/* A finding at line 0 (a missing record) covers the whole
		 * file: lines 1 to its last. */
		const reg = loc.region || {};
		const line = reg.startLine === 1 && reg.endLine !== undefined
		    ? 0 : reg.startLine;
		if (r.ruleId !== f.rule ||
		    driver.rules[r.ruleIndex].id !== f.rule ||
		    r.level !== f.severity || r.message.text !== f.message ||
		    line !== f.line || art.uri !== uri ||
		    art.uriBaseId !== base) {
			problems.push(`result ${i} is not finding ${i}: ` +
			    JSON.stringify(r));
		}
	});
}

if (problems.length > 0) {
	console.log(problems.join("; "));
	process.exit(1);
}
console.log("no error, no warning");
EOF

# validate NAME SARIF [JSON]: run the validator on SARIF; the verdict is
# in $tmp/NAME.verdict.
validate() {
	"$MULTITOOL" validate "$2" --config "$root/tests/sarif-policy.xml" \
	    --level "Error;Warning" --output "$tmp/$1.log.sarif" \
	    --log ForceOverwrite >"$tmp/$1.console" 2>&1
	node "$tmp/check.js" "$?" "$tmp/$1.console" "$tmp/$1.log.sarif" \
	    "$2" "${3:-}" "$rules" >"$tmp/$1.verdict" 2>&1
}

# lint NAME DIR ZONELINT-ARGS...: run zonelint in DIR with -f sarif and
# -f json, then validate.
lint() {
	name=$1
	dir=$2
	shift 2
	(cd "$dir" && $ZONELINT -f sarif "$@" <"$tmp/stdin" \
	    >"$tmp/$name.sarif" 2>"$tmp/$name.err")
	rc=$?
	(cd "$dir" && $ZONELINT -f json "$@" <"$tmp/stdin" \
	    >"$tmp/$name.json" 2>/dev/null)
	if [ $rc -gt 1 ] || [ -s "$tmp/$name.err" ]; then
		fail "$T/$name (zonelint exit $rc)"
		cat "$tmp/$name.err"
		return
	fi
	if validate "$name" "$tmp/$name.sarif" "$tmp/$name.json"; then
		pass "$T/$name ($(cat "$tmp/$name.verdict"))"
	else
		fail "$T/$name: $(cat "$tmp/$name.verdict")"
		head -n 20 "$tmp/$name.console"
	fi
}

# Inputs.
cp fixtures/lintcli/stdin.stdin "$tmp/stdin"
mkdir "$tmp/gen" "$tmp/dir with space"
$ZONEGEN --srv example.com >"$tmp/gen/example.com.zone"
cp "fixtures/lintcli/zones/odd name,#1 100%.zone" \
    "$tmp/dir with space/odd name,#1 é%?:[x] 100%.zone"
printf '%s\n' '$ORIGIN example.com.' '@ IN SOA ns1 h 1 2 3 4 5' \
    '@ IN NS ns1' 'ns1 IN A 192.0.2.1' 'www IN A 192.0.2.300' \
    'bad IN MX ten mx.example.net.' '@ IN TXT "v=spf1 +all"' \
    >"$tmp/gen/syntax.zone"

lint no-findings "$root" --profile none fixtures/lint/good/comments.zone
lint generated "$tmp/gen" example.com.zone
lint broken "$root" fixtures/lintcli/zones/example.com.zone
lint syntax-errors "$tmp/gen" syntax.zone
lint escaped-file-name "$tmp" "dir with space/odd name,#1 é%?:[x] 100%.zone"
lint two-files "$root" -W rrset-ttl-mismatch=note \
    fixtures/lintcli/zones/warnings.zone \
    fixtures/lintcli/zones/example.com.zone
lint stdin "$root" -
lint absolute-path "$root" "$root/fixtures/lintcli/zones/example.com.zone"

# Negative controls: each broken log must be rejected, by the validator
# itself (the rule named is in the verdict).
# control NAME RULE FILE [JSON]
control() {
	if validate "$1" "$3" "${4:-}"; then
		fail "$T/control-$1 (accepted)"
	elif grep -q "$2" "$tmp/$1.verdict"; then
		pass "$T/control-$1 (rejected: $2)"
	else
		fail "$T/control-$1 (rejected, but not for $2:" \
		    "$(cat "$tmp/$1.verdict"))"
	fi
}
head -c 3000 "$tmp/broken.sarif" >"$tmp/truncated.sarif"
control truncated JSON0001 "$tmp/truncated.sarif"
sed 's/"startLine": 4}/"startLine": 0}/' "$tmp/broken.sarif" \
    >"$tmp/line-zero.sarif"
control line-zero JSON1008 "$tmp/line-zero.sarif"
# A result without its region: the validator's SARIF2017 warning.
node -e '
const fs = require("fs");
const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const r = log.runs[0].results.find((x) =>
    x.locations[0].physicalLocation.region);
delete r.locations[0].physicalLocation.region;
fs.writeFileSync(process.argv[2], JSON.stringify(log));
' "$tmp/broken.sarif" "$tmp/region-dropped.sarif"
control region-dropped SARIF2017 "$tmp/region-dropped.sarif" \
    "$tmp/broken.json"
