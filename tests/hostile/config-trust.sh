#!/bin/sh
# config-trust.sh: a repository's .zonelint.yaml is hostile (issue 12).
# What it may do is bounded by whoever runs zonelint: the search stops at
# the repository's root, a file others could write is refused, profiles
# outside its folder need --config-profile-any, and a file named as a
# profile is never quoted.
# SPDX-License-Identifier: BSD-3-Clause
set -u
. tests/lib.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-hostile.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
chmod 755 "$tmp"
zone=$PWD/fixtures/lintcli/zones/warnings.zone

# lint DIR ARGS...: run zonelint in DIR; exit status in $rc, output in
# $tmp/out and $tmp/err.
lint() {
	(cd "$1" && shift && $ZONELINT "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# --- the search stops at the repository's root -------------------------
# A .zonelint.yaml above the repository (here one that would fail every
# run) is never read: not past a .git folder, nor a worktree's .git file.
mkdir -p "$tmp/above/repo/zones" "$tmp/above/work/zones"
printf 'colour: red\n' >"$tmp/above/.zonelint.yaml"
mkdir "$tmp/above/repo/.git"
printf 'gitdir: /elsewhere\n' >"$tmp/above/work/.git"
cp "$zone" "$tmp/above/repo/zones/"
lint "$tmp/above/repo/zones" --profile none warnings.zone
check "search-stops-at-git-folder (exit $rc)" [ "$rc" -eq 0 ]
check "search-stops-at-git-folder-silent" [ ! -s "$tmp/err" ]
lint "$tmp/above/work/zones" --profile none "$zone"
check "search-stops-at-git-file (exit $rc)" [ "$rc" -eq 0 ]
# Without .git, the same search does reach it (the test can fail).
mkdir -p "$tmp/above/plain/zones"
lint "$tmp/above/plain/zones" --profile none "$zone"
check "search-without-git-finds-parent (exit $rc)" [ "$rc" -eq 2 ]
check "search-without-git-finds-parent-message" \
    grep -q "unknown key 'colour'" "$tmp/err"
# The repository's own file, at its root, is still found from below.
printf 'strict: true\n' >"$tmp/above/repo/.zonelint.yaml"
lint "$tmp/above/repo/zones" --profile none warnings.zone
check "search-finds-repository-root (exit $rc)" [ "$rc" -eq 1 ]

# --- a file others could have written is refused ------------------------
mkdir "$tmp/perm"
printf 'strict: true\n' >"$tmp/perm/.zonelint.yaml"
chmod 644 "$tmp/perm/.zonelint.yaml"
lint "$tmp/perm" "$zone"
check "config-mode-644-used (exit $rc)" [ "$rc" -eq 1 ]
for mode in 664 646 666; do
	chmod "$mode" "$tmp/perm/.zonelint.yaml"
	lint "$tmp/perm" "$zone"
	check "config-mode-$mode-refused (exit $rc)" [ "$rc" -eq 2 ]
	check "config-mode-$mode-message" grep -q \
	    '/perm/\.zonelint\.yaml: refused: writable by .*(chmod go-w)$' \
	    "$tmp/err"
	check "config-mode-$mode-nothing-linted" [ ! -s "$tmp/out" ]
	# --config FILE is checked the same way.
	lint "$tmp" --config perm/.zonelint.yaml "$zone"
	check "config-mode-$mode-refused-with-config (exit $rc)" \
	    [ "$rc" -eq 2 ]
done
chmod 644 "$tmp/perm/.zonelint.yaml"
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	chown nobody "$tmp/perm/.zonelint.yaml"
	lint "$tmp/perm" "$zone"
	check "config-owner-other-refused (exit $rc)" [ "$rc" -eq 2 ]
	check "config-owner-other-message" grep -q \
	    "/perm/\.zonelint\.yaml: refused: owned by user $(id -u nobody), not by the user running zonelint" \
	    "$tmp/err"
	chown 0 "$tmp/perm/.zonelint.yaml"
else
	# The mode cases above run the same check on the same stat().
	pass "config-owner-other-refused (not run: chown needs root)"
fi
# A file owned by root is accepted (the mode check still applies); as
# root this is the user's own file.
lint "$tmp/perm" "$zone"
check "config-owner-root-used (exit $rc)" [ "$rc" -eq 1 ]

# --- profiles outside the configuration's folder ------------------------
mkdir -p "$tmp/cfg/repo/profiles" "$tmp/cfg/outside"
cp fixtures/profiles/example.yaml "$tmp/cfg/outside/p.yaml"
cp fixtures/profiles/example.yaml "$tmp/cfg/repo/profiles/in.yaml"
ln -s ../../outside/p.yaml "$tmp/cfg/repo/profiles/link.yaml"
for p in ../outside/p.yaml "$tmp/cfg/outside/p.yaml" profiles/link.yaml; do
	printf 'profiles:\n  - files: "*"\n    profile: %s\n' "$p" \
	    >"$tmp/cfg/repo/.zonelint.yaml"
	lint "$tmp/cfg/repo" "$zone"
	check "profile-outside-refused $p (exit $rc)" [ "$rc" -eq 2 ]
	check "profile-outside-message $p" grep -q \
	    ":3: profiles\[0\].profile: profile '.*' is outside the configuration's folder (only --config-profile-any allows it)$" \
	    "$tmp/err"
	lint "$tmp/cfg/repo" --config-profile-any "$zone"
	check "profile-outside-allowed-by-option $p (exit $rc)" \
	    [ "$rc" -eq 1 ]
done
printf 'profiles:\n  - files: "*"\n    profile: profiles/in.yaml\n' \
    >"$tmp/cfg/repo/.zonelint.yaml"
lint "$tmp/cfg/repo" "$zone"
check "profile-inside-used (exit $rc)" [ "$rc" -eq 1 ]

# --- a file that is not a profile is named, never quoted ---------------
printf 'API_TOKEN: s3cr3t-token\n' >"$tmp/cfg/repo/.env"
printf 'API_TOKEN=s3cr3t-token\n' >"$tmp/cfg/outside/.env"
for p in .env ../outside/.env /etc/passwd; do
	printf 'profiles:\n  - files: "*"\n    profile: %s\n' "$p" \
	    >"$tmp/cfg/repo/.zonelint.yaml"
	# The one inside the tree needs no option (nor did it ever).
	set -- --config-profile-any
	[ "$p" = .env ] && set --
	lint "$tmp/cfg/repo" "$@" "$zone"
	check "not-a-profile-refused $p (exit $rc)" [ "$rc" -eq 2 ]
	check "not-a-profile-message $p" grep -q \
	    "/cfg/repo/\.zonelint\.yaml:3: profiles\[0\]\.profile: '$p' is not a valid profile (zonegen -p FILE --print-profile says why)$" \
	    "$tmp/err"
	check "not-a-profile-not-quoted $p" sh -c \
	    "! grep -q -e 's3cr3t' -e 'API_TOKEN' -e 'root' '$tmp/err'"
done

# --- includes: any is the command line's --------------------------------
mkdir -p "$tmp/inc/zones"
printf '$ORIGIN example.com.\n$INCLUDE ../outside.inc\n' \
    >"$tmp/inc/zones/a.zone"
printf 'www A 192.0.2.1\n' >"$tmp/inc/outside.inc"
printf 'includes: any\n' >"$tmp/inc/zones/.zonelint.yaml"
lint "$tmp/inc/zones" --profile none a.zone
check "includes-any-in-config-refused (exit $rc)" [ "$rc" -eq 2 ]
lint "$tmp/inc/zones" --no-config --profile none --include-any a.zone
check "include-any-option-still-lifts (exit $rc)" [ "$rc" -eq 0 ]
