#!/bin/sh
# precommit.sh: the pre-commit hooks of .pre-commit-hooks.yaml, as a user
# gets them: pre-commit clones a snapshot of this working tree (a git repo
# in the temporary directory, `repo:` its path, `rev:` its commit), builds
# zonelint there on first use, and refuses a commit with a bad zone.
# SPDX-License-Identifier: BSD-3-Clause
#
# Needs pre-commit and git (Debian's pre-commit, 3.0.4 on bookworm), which
# `make check` installs; a missing one is a failure, never a skip.  Runs
# offline: the hook repository is a local path.  HOME, PRE_COMMIT_HOME and
# XDG_CACHE_HOME point into the temporary directory, so the user's git
# configuration and pre-commit cache are never read or written.
# KEEP=1 keeps the temporary directory.
# shellcheck disable=SC2317
set -u
. tests/lib.sh

T=precommit
require "$T" pre-commit git timeout

ROOT=$PWD
# The zonelint-system hook runs the zonelint built here ($ZONELINT may
# carry a valgrind wrapper, so the path comes from BUILDDIR).
SYSBIN=$ROOT/$BUILDDIR
if [ ! -x "$SYSBIN/zonelint" ]; then
	fail "$T ($BUILDDIR/zonelint not built: run make)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-precommit.XXXXXX") || {
	fail "$T/mktemp"
	exit 1
}
cleanup() {
	if [ -n "${KEEP:-}" ]; then
		echo "# kept $tmp"
	else
		chmod -R u+w "$tmp" 2>/dev/null
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# Nothing from a surrounding git or pre-commit run (make check started
# from a hook, SKIP=zonelint in the environment) may leak in.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_PREFIX GIT_CEILING_DIRECTORIES \
	SKIP PRE_COMMIT PRE_COMMIT_ALLOW_NO_CONFIG PRE_COMMIT_NO_CONCURRENCY \
	TRAVIS

# --- (a) the hook repository: a snapshot of the working tree ---------------
# The files git tracks or would track (before HOME changes: the user's
# core.excludesFile counts), added to a new repository whose work tree is
# this one: nothing is copied and nothing here is written.
git ls-files -z -co --exclude-standard >"$tmp/files" 2>"$tmp/ls.err" || {
	sed 's/^/# git ls-files: /' "$tmp/ls.err"
	fail "$T/a/list-working-tree"
	exit 1
}

export HOME="$tmp/home"
export XDG_CACHE_HOME="$tmp/cache"
export PRE_COMMIT_HOME="$tmp/cache/pre-commit"
export GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME" "$XDG_CACHE_HOME"

HOOKS=$tmp/zonetools.git
hgit() { git --git-dir="$HOOKS" --work-tree="$ROOT" "$@"; }
# ident DIR: a local git identity (no global one under this HOME).
ident() {
	git -C "$1" config user.name "zonetools test" &&
		git -C "$1" config user.email "test@example.invalid" &&
		git -C "$1" config commit.gpgSign false
}
if git init -q --bare "$HOOKS" && ident "$HOOKS" &&
	hgit update-index --add --remove -z --stdin <"$tmp/files" &&
	hgit commit -q -m "working tree snapshot" >"$tmp/a.log" 2>&1; then
	REV=$(hgit rev-parse HEAD)
	pass "$T/a/hook-repo-snapshot"
else
	sed 's/^/# /' "$tmp/a.log" 2>/dev/null
	fail "$T/a/hook-repo-snapshot"
	exit 1
fi
check "$T/a/manifest-in-snapshot" hgit cat-file -e "$REV:.pre-commit-hooks.yaml"
check "$T/a/manifest-valid" pre-commit validate-manifest "$ROOT/.pre-commit-hooks.yaml"
check "$T/a/hook-script-executable" \
	sh -c "git --git-dir='$HOOKS' ls-tree '$REV' .pre-commit/zonelint | grep -q '^100755 '"

# --- (b) a user repository with the zonelint hook ---------------------------
U=$tmp/user
if ! { mkdir -p "$U/zones" && git -c init.defaultBranch=main init -q "$U" &&
	ident "$U"; }; then
	fail "$T/b/git-init"
	exit 1
fi
cat >"$U/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $HOOKS
    rev: $REV
    hooks:
      - id: zonelint
EOF
check "$T/b/config-valid" pre-commit validate-config "$U/.pre-commit-config.yaml"
(cd "$U" && pre-commit install) >"$tmp/b.log" 2>&1
rc=$?
[ "$rc" -eq 0 ] || sed 's/^/# /' "$tmp/b.log"
check "$T/b/pre-commit-install" [ "$rc" -eq 0 ]
git -C "$U" add .pre-commit-config.yaml
git -C "$U" commit -q -m config >/dev/null 2>&1 || fail "$T/b/commit-config"

# commit NAME MESSAGE: git commit in the user repository, its output in
# $tmp/NAME.out, at most 600 s (the first hook run clones and builds).
commit() {
	(cd "$U" && timeout 600 git commit -m "$2") >"$tmp/$1.out" 2>&1
}
head_is() { [ "$(git -C "$U" rev-parse HEAD)" = "$1" ]; }
committed() { [ -n "$(git -C "$U" ls-tree HEAD -- "$1")" ]; }
show() { sed 's/^/# | /' "$tmp/$1.out"; }

# --- (c) a good zone: the commit goes through (first run: clone, build) ----
cp fixtures/lint/good/example.com.zone "$U/zones/example.com.zone"
git -C "$U" add zones/example.com.zone
start=$(date +%s)
commit c "good zone"
rc=$?
secs=$(($(date +%s) - start))
echo "# first commit with the hook (clone + build + lint): ${secs} s"
[ "$rc" -eq 0 ] || show c
check "$T/c/good-zone-commit-succeeds" [ "$rc" -eq 0 ]
check "$T/c/good-zone-committed" committed zones/example.com.zone
check "$T/c/hook-passed" grep -q '^zonelint (DNS zone files)\.*Passed$' "$tmp/c.out"
built=$(find "$PRE_COMMIT_HOME" -path '*/build/zonelint' -type f 2>/dev/null | head -n 1)
check "$T/c/built-in-pre-commit-cache" [ -n "$built" ]
[ -z "$built" ] || echo "# built: ${built#"$tmp"/}"

# A second commit reuses the build.
printf '; reviewed\n' >>"$U/zones/example.com.zone"
git -C "$U" add zones/example.com.zone
start=$(date +%s)
commit c2 "good zone, again"
rc=$?
echo "# second commit with the hook: $(($(date +%s) - start)) s"
check "$T/c/second-commit-succeeds" [ "$rc" -eq 0 ]
check "$T/c/second-commit-no-rebuild" sh -c "! grep -q 'building zonelint' '$tmp/c2.out'"

# --- (d) a bad zone, named db.*: the commit is refused ---------------------
# The good zone moved to bad.example, with its DMARC record at the apex.
sed -e 's/example\.com\./bad.example./g' \
	-e 's/^_dmarc\.bad\.example\./bad.example./' \
	fixtures/lint/good/example.com.zone >"$U/zones/db.bad.example"
N=$(grep -n 'v=DMARC1' "$U/zones/db.bad.example" | cut -d: -f1)
git -C "$U" add zones/db.bad.example
before=$(git -C "$U" rev-parse HEAD)
commit d "bad zone"
rc=$?
echo "# refused commit, git commit exit status $rc; hook output:"
show d
check "$T/d/bad-zone-commit-refused" [ "$rc" -ne 0 ]
check "$T/d/head-unchanged" head_is "$before"
check "$T/d/bad-zone-not-committed" sh -c "! git -C '$U' ls-tree HEAD -- zones/db.bad.example | grep -q ."
check "$T/d/hook-failed" grep -q '^zonelint (DNS zone files)\.*Failed$' "$tmp/d.out"
check "$T/d/dmarc-misplaced-line" grep -Eq \
	"^zones/db\\.bad\\.example:$N: error: DMARC record at bad\\.example\\., .*\\[dmarc-misplaced\\]\$" \
	"$tmp/d.out"
check "$T/d/exit-status-shown" grep -q '^- exit code: 1$' "$tmp/d.out"

# --- (e) zonelint-system: the zonelint on PATH ------------------------------
cat >"$tmp/system.yaml" <<EOF
repos:
  - repo: $HOOKS
    rev: $REV
    hooks:
      - id: zonelint-system
EOF
# The bad zone is still staged, so --all-files sees it.
(cd "$U" && PATH="$SYSBIN:$PATH" timeout 600 pre-commit run \
	--config "$tmp/system.yaml" --all-files) >"$tmp/e.out" 2>&1
rc=$?
check "$T/e/system-hook-fails-on-bad-zone" [ "$rc" -eq 1 ]
check "$T/e/system-hook-finding" grep -Eq \
	"^zones/db\\.bad\\.example:$N: error: .*\\[dmarc-misplaced\\]\$" "$tmp/e.out"
check "$T/e/system-hook-name" \
	grep -q '^zonelint (DNS zone files, installed zonelint)\.*Failed$' "$tmp/e.out"
[ "$rc" -eq 1 ] || show e
(cd "$U" && PATH="$SYSBIN:$PATH" timeout 600 pre-commit run \
	--config "$tmp/system.yaml" --files zones/example.com.zone) >"$tmp/e2.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || show e2
check "$T/e/system-hook-passes-good-zone" [ "$rc" -eq 0 ]
# Without a zonelint on PATH the system hook fails (it builds nothing).
nozl=
oldifs=$IFS
IFS=:
for d in $PATH; do
	[ -x "$d/zonelint" ] || nozl=${nozl:+$nozl:}$d
done
IFS=$oldifs
(cd "$U" && PATH="$nozl" timeout 600 pre-commit run \
	--config "$tmp/system.yaml" --files zones/example.com.zone) >"$tmp/e3.out" 2>&1
rc=$?
check "$T/e/system-hook-without-zonelint-fails" [ "$rc" -ne 0 ]
check "$T/e/system-hook-says-not-found" grep -q 'zonelint.*not found' "$tmp/e3.out"

# Fix the bad zone (DMARC back under _dmarc): now the commit goes through.
sed -e 's/example\.com\./bad.example./g' fixtures/lint/good/example.com.zone \
	>"$U/zones/db.bad.example"
git -C "$U" add zones/db.bad.example
commit d2 "bad zone, fixed"
rc=$?
[ "$rc" -eq 0 ] || show d2
check "$T/d/fixed-zone-commit-succeeds" [ "$rc" -eq 0 ]

# --- (f) only files the pattern matches reach the hook ---------------------
# Bad zones under names the pattern does not match, one good one it does.
for f in notes.txt example.com.zone.orig zones/mydb.example zones/db \
	zones/zonefile; do
	mkdir -p "$U/$(dirname "$f")"
	cp fixtures/lint/dmarc-misplaced/bad-at-apex.zone "$U/$f"
done
mkdir -p "$U/sub"
cp fixtures/lint/good/example.com.zone "$U/sub/db.example.com"
git -C "$U" add notes.txt example.com.zone.orig zones/mydb.example zones/db \
	zones/zonefile sub/db.example.com
(cd "$U" && timeout 600 pre-commit run zonelint --verbose --files notes.txt \
	example.com.zone.orig zones/mydb.example zones/db zones/zonefile \
	sub/db.example.com) >"$tmp/f.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || show f
check "$T/f/unmatched-files-not-linted" [ "$rc" -eq 0 ]
check "$T/f/one-file-passed-to-hook" grep -q '^zonelint: 1 file, 0 errors' "$tmp/f.out"
commit f2 "notes and a db.* zone"
rc=$?
[ "$rc" -eq 0 ] || show f2
check "$T/f/commit-succeeds" [ "$rc" -eq 0 ]
check "$T/f/notes-committed" committed notes.txt
printf 'not a zone\n' >"$U/notes.txt"
git -C "$U" add notes.txt
commit f3 "only a text file"
rc=$?
[ "$rc" -eq 0 ] || show f3
check "$T/f/text-only-commit-succeeds" [ "$rc" -eq 0 ]
check "$T/f/text-only-commit-skips-hook" \
	grep -q '^zonelint (DNS zone files)\.*(no files to check)Skipped$' "$tmp/f3.out"

# --- (g) a .db zone with a NUL byte is linted, not skipped as binary -------
{
	cat fixtures/lint/good/example.com.zone
	printf 'www2.example.com.\t3600\tIN\tA\t192.0.2.1\000\n'
} >"$U/zones/example.com.db"
git -C "$U" add zones/example.com.db
commit g "zone with a NUL byte"
rc=$?
check "$T/g/nul-zone-commit-refused" [ "$rc" -ne 0 ]
check "$T/g/nul-zone-syntax-error" grep -q \
	'^zones/example\.com\.db:[0-9]*: error: control byte \\x00 .*\[syntax-error\]$' \
	"$tmp/g.out"
[ "$rc" -ne 0 ] || show g
git -C "$U" rm -q --cached zones/example.com.db

# --- (h) parallel first runs build once -----------------------------------
# A fresh cache and 16 zones: pre-commit splits them across parallel
# runs of the hook script (TRAVIS makes pre-commit 3.0.4 use 2 at least
# even on one CPU); the lock lets one build and the others wait.
i=0
while [ "$i" -lt 16 ]; do
	cp fixtures/lint/good/example.com.zone "$U/zones/p$i.example.com.zone"
	i=$((i + 1))
done
(cd "$U" && TRAVIS=1 PRE_COMMIT_HOME="$tmp/cache2" timeout 600 pre-commit run \
	zonelint --verbose --files zones/p*.example.com.zone) >"$tmp/h.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || show h
check "$T/h/parallel-runs-pass" [ "$rc" -eq 0 ]
n=$(grep -c 'building zonelint' "$tmp/h.out")
check "$T/h/built-once" [ "$n" -eq 1 ]
n=$(grep -c '^zonelint: [0-9]* files*, 0 errors' "$tmp/h.out")
echo "# 16 files linted by $n runs of the hook"
check "$T/h/split-across-runs" [ "$n" -ge 2 ]

# --- (i) build packages missing: one message, nothing installed -----------
# An empty pkg-config search path stands for the missing -dev packages;
# apt-get and sudo on PATH record any call.
mkdir -p "$tmp/fakebin" "$tmp/nopc"
for c in apt-get apt sudo; do
	# shellcheck disable=SC2016
	printf '#!/bin/sh\necho "$0 $*" >>"%s/installer-called"\nexit 1\n' \
		"$tmp" >"$tmp/fakebin/$c"
	chmod +x "$tmp/fakebin/$c"
done
(cd "$U" && PATH="$tmp/fakebin:$PATH" PKG_CONFIG_LIBDIR="$tmp/nopc" \
	PKG_CONFIG_PATH='' PRE_COMMIT_HOME="$tmp/cache3" timeout 600 \
	pre-commit run zonelint --files zones/example.com.zone) >"$tmp/i.out" 2>&1
rc=$?
echo "# hook without the build packages, exit status $rc; hook output:"
show i
check "$T/i/missing-packages-fails" [ "$rc" -ne 0 ]
check "$T/i/names-the-packages" grep -q \
	'missing build packages: libldns-dev libcyaml-dev libyaml-dev libidn2-dev$' \
	"$tmp/i.out"
check "$T/i/says-apt-get-install" grep -q \
	'sudo apt-get install libldns-dev libcyaml-dev libyaml-dev libidn2-dev$' \
	"$tmp/i.out"
check "$T/i/installs-nothing" [ ! -e "$tmp/installer-called" ]
check "$T/i/no-build-attempted" sh -c "! grep -q 'building zonelint' '$tmp/i.out'"
exit 0
