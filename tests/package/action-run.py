#!/usr/bin/env python3
# action-run.py: run the steps of a composite GitHub Action (action.yml)
# outside GitHub, as the runner does, for tests/package/action.sh.
# SPDX-License-Identifier: BSD-3-Clause
#
#   python3 action-run.py ACTION_DIR RESULT_JSON [INPUT=VALUE]...
#
# The action is ACTION_DIR/action.yml.  Inputs not given take their
# defaults (a required one without default is an error).  Each step runs
# its `run:` text from a file, with the step's `shell` as the runner
# invokes it (bash: bash --noprofile --norc -eo pipefail FILE; sh: sh -e
# FILE), in GITHUB_WORKSPACE, with the environment plus GITHUB_ACTION_PATH
# and a fresh GITHUB_OUTPUT file, and the step's env: mapping, whose
# ${{ inputs.NAME }} and ${{ steps.ID.outputs.NAME }} are substituted.
# GITHUB_WORKSPACE, RUNNER_TEMP and GITHUB_STEP_SUMMARY come from the
# caller.  The first step that fails ends the run, as on GitHub.
#
# Refused (exit 3, a message on stderr), because the runner would do
# something this emulation does not, or because it is unsafe: an
# expression ${{ ... }} in a run: text (the script-injection hole), an
# expression other than the two above, a step with if:, uses:,
# continue-on-error or working-directory, a shell other than bash or sh.
#
# RESULT_JSON gets {"steps": [{"id", "rc", "outputs"}], "outputs": {the
# action's outputs}, "rc": the failing step's status or 0}; the exit status
# is that rc.
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
SHELLS = {
    "bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"],
    "sh": ["sh", "-e"],
}


def refuse(msg):
    print("action-run: " + msg, file=sys.stderr)
    sys.exit(3)


def substitute(text, inputs, steps):
    def one(m):
        expr = m.group(1)
        parts = expr.split(".")
        if len(parts) == 2 and parts[0] == "inputs":
            if parts[1] not in inputs:
                refuse("unknown input in " + m.group(0))
            return inputs[parts[1]]
        if len(parts) == 4 and parts[0] == "steps" and parts[2] == "outputs":
            return steps.get(parts[1], {}).get(parts[3], "")
        refuse("unsupported expression " + m.group(0))
        return ""

    return EXPR.sub(one, str(text))


def read_outputs(path):
    """The name=value and name<<DELIMITER lines of a GITHUB_OUTPUT file."""
    out = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line == "":
            continue
        if "<<" in line and ("=" not in line or
                             line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            value = []
            while i < len(lines) and lines[i] != delim:
                value.append(lines[i])
                i += 1
            i += 1
            out[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
        else:
            refuse("bad GITHUB_OUTPUT line " + repr(line))
    return out


def main():
    if len(sys.argv) < 3:
        refuse("usage: action-run.py ACTION_DIR RESULT_JSON [INPUT=VALUE]...")
    action_dir, result_path = sys.argv[1], sys.argv[2]
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    if action.get("runs", {}).get("using") != "composite":
        refuse("not a composite action")
    declared = action.get("inputs") or {}
    given = {}
    for arg in sys.argv[3:]:
        name, sep, value = arg.partition("=")
        if not sep or name not in declared:
            refuse("no such input: " + name)
        given[name] = value
    inputs = {}
    for name, spec in declared.items():
        if name in given:
            inputs[name] = given[name]
        elif "default" in spec:
            inputs[name] = str(spec["default"])
        elif spec.get("required"):
            refuse("required input missing: " + name)
        else:
            inputs[name] = ""
    workspace = os.environ["GITHUB_WORKSPACE"]
    temp = os.environ["RUNNER_TEMP"]
    # Every step is checked before any runs.
    for n, step in enumerate(action["runs"]["steps"]):
        for key in ("if", "uses", "continue-on-error", "working-directory"):
            if key in step:
                refuse("step %d: %s is not emulated" % (n, key))
        if step.get("run") is None or step.get("shell") not in SHELLS:
            refuse("step %d: needs run: and shell: bash or sh" % n)
        if "${{" in step["run"]:
            refuse("step %d: an expression in run: (script injection)" % n)
    steps, report, rc = {}, [], 0
    for n, step in enumerate(action["runs"]["steps"]):
        run = step["run"]
        env = dict(os.environ)
        env["GITHUB_ACTION_PATH"] = os.path.abspath(action_dir)
        for name, value in (step.get("env") or {}).items():
            env[name] = substitute(value, inputs, steps)
        fd, out_file = tempfile.mkstemp(prefix="output.", dir=temp)
        os.close(fd)
        fd, script = tempfile.mkstemp(prefix="step.", suffix=".sh", dir=temp)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(run)
        env["GITHUB_OUTPUT"] = out_file
        sys.stdout.flush()
        proc = subprocess.run(SHELLS[step["shell"]] + [script], env=env,
                              cwd=workspace, check=False)
        outputs = read_outputs(out_file)
        os.unlink(out_file)
        os.unlink(script)
        sid = step.get("id", "step%d" % n)
        steps[sid] = outputs
        report.append({"id": sid, "rc": proc.returncode, "outputs": outputs})
        if proc.returncode != 0:
            rc = proc.returncode
            break
    action_outputs = {}
    for name, spec in (action.get("outputs") or {}).items():
        action_outputs[name] = substitute(spec.get("value", ""), inputs, steps)
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump({"steps": report, "outputs": action_outputs, "rc": rc}, f)
    sys.exit(rc)


main()
