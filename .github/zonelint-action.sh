#!/bin/bash
# .github/zonelint-action.sh: the steps of the GitHub Action (action.yml).
# SPDX-License-Identifier: BSD-3-Clause
#
#   zonelint-action.sh install   install or build zonelint; writes the
#                                step output `zonelint` (its path)
#   zonelint-action.sh lint      lint the files; writes the step outputs
#                                `exit-code` and `sarif-file`
#
# The inputs come only from the environment (action.yml maps them there),
# never pasted into shell text, and are used as data: file patterns are
# globbed, never split on blanks or evaluated.
#
# install: ZONELINT_DEB, a .deb (relative to GITHUB_WORKSPACE), is
# installed with apt-get; empty, zonelint is built from the action's own
# source in GITHUB_ACTION_PATH (make, a C compiler and the Debian build
# packages are installed first when missing, through sudo when not root).
# Exit status 0, or 3 when zonelint cannot be installed or built.
#
# lint: ZONELINT_BIN (the install step's output), ZONELINT_FILES (one bash
# glob a line, `**` crossing folders; hidden folders are not searched),
# ZONELINT_FORMAT (github or sarif), ZONELINT_SARIF_FILE, ZONELINT_ARGS
# (more zonelint options, one argument a line).  Each regular file that a
# pattern matches is linted once, in byte order.  Exit status:
#   github  zonelint's: 0 no finding at error level, 1 at least one, 2 it
#           could not run or read a file;
#   sarif   0 when the log is written (zonelint's 0 or 1: findings go to
#           code scanning), 2 when it is not (zonelint's 2; nothing is
#           left at the SARIF path);
#   both    2 for a bad input or when no file matches.
# The `exit-code` output is zonelint's own status in both formats.
set -u

me=zonelint-action

# annotate LEVEL TEXT: a workflow command the runner shows; TEXT is escaped
# (% CR LF) so that it cannot end the command early.
annotate() {
	local text=$2
	text=${text//'%'/%25}
	text=${text//$'\r'/%0D}
	text=${text//$'\n'/%0A}
	printf '::%s::%s\n' "$1" "$text"
}

# output NAME VALUE: a step output (one line; values here have no LF).
output() {
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
	fi
}

# as_root COMMAND...: run COMMAND as root (sudo when not root).
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		annotate error "$me: not root and no sudo: cannot run $1"
		return 1
	fi
}

install() {
	local deb=${ZONELINT_DEB:-} src=${GITHUB_ACTION_PATH:?}
	if [ -n "$deb" ]; then
		case $deb in
		/*) ;;
		*) deb=${GITHUB_WORKSPACE:?}/$deb ;;
		esac
		if [ ! -f "$deb" ]; then
			annotate error "$me: no .deb at the path in the deb input: $deb"
			return 3
		fi
		echo "$me: apt-get install $deb"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		    as_root env DEBIAN_FRONTEND=noninteractive apt-get install \
		    -y -qq --no-install-recommends "$deb" || {
			annotate error "$me: apt-get could not install $deb"
			return 3
		}
		output zonelint "$(command -v zonelint)"
		return 0
	fi
	if ! command -v make >/dev/null 2>&1; then
		echo "$me: apt-get install make"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		    as_root env DEBIAN_FRONTEND=noninteractive apt-get install \
		    -y -qq --no-install-recommends make || {
			annotate error "$me: could not install make"
			return 3
		}
	fi
	echo "$me: building zonelint in $src"
	# Nothing of a surrounding make reaches this one.
	if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u VARIANT -u BUILDDIR \
		make -s -C "$src" deps-build programs; then
		annotate error "$me: building zonelint failed (output above)"
		return 3
	fi
	output zonelint "$src/build/zonelint"
}

lint() {
	local bin=${ZONELINT_BIN:-} format=${ZONELINT_FORMAT:-github}
	local sarif=${ZONELINT_SARIF_FILE:-zonelint.sarif}
	local -a patterns=() args=() files=() found=()
	local pattern f rc tmp out

	cd "${GITHUB_WORKSPACE:?}" || return 2
	if [ -z "$bin" ] || [ ! -x "$bin" ]; then
		annotate error "$me: no zonelint (did the install step run?)"
		return 2
	fi
	case $format in
	github | sarif) ;;
	*)
		annotate error "$me: format must be github or sarif, not '$format'"
		return 2
		;;
	esac
	mapfile -t patterns <<<"${ZONELINT_FILES:-}"
	if [ -n "${ZONELINT_ARGS:-}" ]; then
		mapfile -t args <<<"$ZONELINT_ARGS"
	fi
	# Each pattern is globbed as one word: with IFS empty, nothing splits
	# it (an unquoted expansion is never evaluated, only globbed).
	shopt -s globstar nullglob
	local IFS=
	for pattern in "${patterns[@]}"; do
		pattern=${pattern%$'\r'}
		[ -n "$pattern" ] || continue
		for f in $pattern; do
			if [ -f "$f" ]; then
				found+=("$f")
			fi
		done
	done
	unset IFS
	shopt -u globstar nullglob
	if [ "${#found[@]}" -gt 0 ]; then
		mapfile -d '' -t files < <(printf '%s\0' "${found[@]}" |
		    LC_ALL=C sort -zu)
	fi
	if [ "${#files[@]}" -eq 0 ]; then
		annotate error "$me: no file matches the files input"
		return 2
	fi
	echo "$me: ${#files[@]} file(s)"
	if [ "$format" = github ]; then
		out=$(mktemp "${RUNNER_TEMP:-/tmp}/zonelint.XXXXXX") || return 2
		"$bin" --format github "${args[@]}" -- "${files[@]}" | tee "$out"
		rc=${PIPESTATUS[0]}
		output exit-code "$rc"
		# The summary line, for the job's summary page.
		if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
			grep '^zonelint: ' "$out" >>"$GITHUB_STEP_SUMMARY"
		fi
		rm -f "$out"
		return "$rc"
	fi
	tmp="$sarif.tmp.$$"
	if ! mkdir -p -- "$(dirname -- "$sarif")" || ! : >"$tmp"; then
		annotate error "$me: cannot write the SARIF log $sarif"
		return 2
	fi
	"$bin" --format sarif "${args[@]}" -- "${files[@]}" >"$tmp"
	rc=$?
	output exit-code "$rc"
	if [ "$rc" -gt 1 ]; then
		rm -f "$tmp"
		annotate error "$me: zonelint exited with status $rc; no SARIF log written"
		return 2
	fi
	mv -f "$tmp" "$sarif" || return 2
	output sarif-file "$sarif"
	echo "$me: SARIF log in $sarif (zonelint's exit status $rc)"
	if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
		printf 'zonelint: %d file(s), SARIF log `%s`, exit status %d\n' \
		    "${#files[@]}" "$sarif" "$rc" >>"$GITHUB_STEP_SUMMARY"
	fi
	return 0
}

case ${1:-} in
install) install ;;
lint) lint ;;
*)
	echo "usage: $0 install|lint" >&2
	exit 2
	;;
esac
