#!/bin/sh
# deb.sh: the Debian package (issue 14), built and installed for real:
# - debian/control's Build-Depends are the Makefile's DEB_BUILD, and the
#   package's version is the programs' (ZG_VERSION);
# - `dpkg-buildpackage -us -uc -b` (tests/package/build-deb, on a copy of
#   the tree) builds zonetools_VERSION_ARCH.deb holding both programs and
#   both gzipped man pages; run in a tree with a build/ of its own, it
#   keeps what build/ held (its clean step removes build/debian/ only);
# - lintian reports no error and no warning (and does report one for a
#   copy of the .deb without its copyright file: the check can fail);
# - on a fresh Debian 12 root (debootstrap --variant=minbase bookworm, the
#   tarball cached in build/package/), `apt-get install ./zonetools_*.deb`
#   brings its libraries from the Debian mirror, and there
#   `zonegen example.com | zonelint --origin example.com -` works,
#   `zonelint --version` is the package's version, the manual pages are
#   installed, the SARIF informationUri names the installed page, and
#   `apt-get purge` leaves none of the package's files;
# - there, the GitHub Action's steps with its deb input install it again
#   and lint a zone (annotations, exit status 1);
# - on another fresh root with only `make` added, the README's first
#   command, `make demo`, installs what it needs and prints example.com's
#   records.
# Needs root (chroot, mount) and the Debian mirror; runs in make
# package-check, which .ci/run calls.  Mounts are undone on every exit.
# SPDX-License-Identifier: BSD-3-Clause
set -u
. tests/lib.sh
. tests/package/lib.sh

T=deb
require "$T" dpkg-buildpackage dh lintian debootstrap chroot mount dpkg-deb \
    setsid
if [ "$(id -u)" -ne 0 ]; then
	fail "$T (needs root for chroot and mount)"
	exit 1
fi
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
CACHE=$PWD/build/package/bookworm-minbase.tar

package_tmp "$T"
mounts=
child=
# cleanup: stop what runs in a root, undo the mounts (lazily when busy);
# the folder goes only when nothing is mounted below it any more.
cleanup() {
	if [ -n "$child" ]; then
		kill -TERM -- "-$child" 2>/dev/null
		wait "$child" 2>/dev/null
		child=
	fi
	for mp in $mounts; do
		umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null ||
		    echo "# $T: could not unmount $mp" >&2
	done
	mounts=
	if grep -q " $tmp/" /proc/mounts; then
		echo "# $T: left $tmp (still mounted)" >&2
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# in_root ROOT COMMAND...: run COMMAND in ROOT with a clean environment,
# in a session of its own that is waited for, so that a signal to this
# script is handled at once and cleanup can stop all of it.
in_root() {
	ir_root=$1
	shift
	setsid chroot "$ir_root" /usr/bin/env -i HOME=/root LC_ALL=C \
	    PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
	    "$@" &
	child=$!
	wait "$child"
	ir_rc=$?
	child=
	return "$ir_rc"
}

# new_root DIR: a fresh Debian 12 root in DIR, from the cached debootstrap
# tarball (made on first use), with bookworm's updates and security
# suites as a Debian 12 machine has them, the host's resolv.conf and /proc.
new_root() {
	if [ ! -s "$CACHE" ]; then
		echo "# $T: debootstrap --variant=minbase bookworm (cached in $CACHE)"
		rm -rf "$tmp/bootstrap"
		debootstrap --variant=minbase bookworm "$tmp/bootstrap" \
		    "$MIRROR" >"$tmp/debootstrap.log" 2>&1 || {
			tail -n 20 "$tmp/debootstrap.log" | sed 's/^/# /'
			return 1
		}
		mkdir -p "${CACHE%/*}"
		tar -C "$tmp/bootstrap" -cf "$CACHE.tmp" . &&
		    mv "$CACHE.tmp" "$CACHE" || return 1
		rm -rf "$tmp/bootstrap"
	fi
	mkdir "$1" && tar -C "$1" -xf "$CACHE" || return 1
	cat >"$1/etc/apt/sources.list" <<-EOF
	deb $MIRROR bookworm main
	deb $MIRROR bookworm-updates main
	deb $SECURITY bookworm-security main
	EOF
	cp /etc/resolv.conf "$1/etc/resolv.conf" &&
	    mount -t proc proc "$1/proc" || return 1
	mounts="$1/proc $mounts"
	in_root "$1" apt-get -qq update >"$tmp/update.log" 2>&1 || {
		sed 's/^/# /' "$tmp/update.log"
		return 1
	}
}

# show FILE: a failure's output, as comments.
show() { sed 's/^/# /' "$1"; }

# --- the source package agrees with the Makefile and the programs -------
version=$(deb_version)
zg_version=$(sed -n 's/^#define ZG_VERSION "\(.*\)"$/\1/p' zonegen/zonegen.h)
if [ -n "$version" ] && [ "$version" = "$zg_version" ]; then
	pass "$T/version ($version)"
else
	fail "$T/version (debian/changelog '$version', ZG_VERSION '$zg_version')"
fi
# Build-Depends without debhelper-compat, one a line, sorted.
perl -MDpkg::Control::Info -e \
    'print Dpkg::Control::Info->new("debian/control")->get_source->{"Build-Depends"}' |
    tr ',' '\n' |
    sed 's/[[:space:]]//g; s/(.*//; /^$/d; /^debhelper-compat$/d' |
    sort >"$tmp/bd"
sed -n 's/^DEB_BUILD := //p' Makefile | tr ' ' '\n' | sed '/^$/d' |
    sort >"$tmp/mk"
if [ -s "$tmp/mk" ] && cmp -s "$tmp/bd" "$tmp/mk"; then
	pass "$T/build-depends"
else
	fail "$T/build-depends (debian/control against the Makefile's DEB_BUILD)"
	diff "$tmp/bd" "$tmp/mk" | sed 's/^/# /'
fi

# --- dpkg-buildpackage ---------------------------------------------------
arch=$(dpkg --print-architecture)
deb=$tmp/out/zonetools_${version}_$arch.deb
if sh tests/package/build-deb "$tmp/out" >"$tmp/build.out" 2>&1 &&
	[ -f "$deb" ]; then
	pass "$T/dpkg-buildpackage (${deb##*/})"
else
	fail "$T/dpkg-buildpackage"
	show "$tmp/build.out"
	exit 1
fi
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./||' >"$tmp/contents"
for f in usr/bin/zonegen usr/bin/zonelint usr/share/man/man1/zonegen.1.gz \
    usr/share/man/man1/zonelint.1.gz usr/share/doc/zonetools/copyright; do
	if grep -qx "$f" "$tmp/contents"; then
		pass "$T/contents/$f"
	else
		fail "$T/contents/$f"
	fi
done

# The issue's own command in a tree (a copy) that has a build/ of its
# own: the results land in the folder above, build/ keeps what it held.
mkdir -p "$tmp/intree/zonetools/build/tools"
copy_source "$tmp/intree/zonetools"
echo keep >"$tmp/intree/zonetools/build/tools/marker"
(cd "$tmp/intree/zonetools" && unset MAKEFLAGS MFLAGS MAKELEVEL &&
    dpkg-buildpackage -us -uc -b) >"$tmp/intree.log" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && [ -f "$tmp/intree/${deb##*/}" ] &&
	[ -f "$tmp/intree/zonetools/build/tools/marker" ]; then
	pass "$T/dpkg-buildpackage-in-tree"
else
	fail "$T/dpkg-buildpackage-in-tree (exit $rc)"
	tail -n 30 "$tmp/intree.log" | sed 's/^/# /'
fi

# --- lintian at its default level -----------------------------------------
# lintian LOG FILE...: lintian's tags for FILE in LOG; true when none is an
# error or a warning and lintian succeeded.
lintian_clean() {
	lc_log=$1
	shift
	lintian "$@" >"$lc_log" 2>&1
	lc_rc=$?
	grep -v '^running with root privileges is not recommended!$' \
	    "$lc_log" >"$lc_log.tags"
	[ "$lc_rc" -eq 0 ] && ! grep -q '^[EW]: ' "$lc_log.tags"
}
if lintian_clean "$tmp/lintian" "$tmp/out/zonetools_${version}_$arch.changes"; then
	pass "$T/lintian"
else
	fail "$T/lintian"
	show "$tmp/lintian"
fi
# Negative control: the same .deb without its copyright file.
mkdir "$tmp/broken"
dpkg-deb -R "$deb" "$tmp/broken/tree" &&
    rm "$tmp/broken/tree/usr/share/doc/zonetools/copyright" &&
    sed -i '/copyright$/d' "$tmp/broken/tree/DEBIAN/md5sums" &&
    dpkg-deb -b "$tmp/broken/tree" "$tmp/broken/zonetools.deb" >/dev/null
if ! lintian_clean "$tmp/lintian-broken" "$tmp/broken/zonetools.deb" &&
	grep -q '^E: zonetools: no-copyright-file' "$tmp/lintian-broken.tags"; then
	pass "$T/lintian-control"
else
	fail "$T/lintian-control (lintian passed a .deb without copyright)"
	show "$tmp/lintian-broken"
fi

# --- installed on a fresh Debian 12 ---------------------------------------
root=$tmp/root
if new_root "$root"; then
	pass "$T/fresh-root"
else
	fail "$T/fresh-root"
	exit 1
fi
cp "$deb" "$root/tmp/"
if in_root "$root" apt-get install -y -q --no-install-recommends \
	"/tmp/${deb##*/}" >"$tmp/install.log" 2>&1 &&
	in_root "$root" dpkg-query -W -f '${Status} ${Version}\n' zonetools \
	>"$tmp/status" && grep -qx "install ok installed $version" "$tmp/status"; then
	pass "$T/apt-get-install"
else
	fail "$T/apt-get-install"
	show "$tmp/install.log"
	exit 1
fi
# The README's pipe, exactly as written there.
in_root "$root" sh -c 'zonegen example.com | zonelint --origin example.com -' \
    >"$tmp/pipe.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] &&
	grep -q '^zonelint: 1 file, 0 errors, 0 warnings' "$tmp/pipe.out"; then
	pass "$T/zonegen-zonelint"
else
	fail "$T/zonegen-zonelint (exit $rc)"
	show "$tmp/pipe.out"
fi
in_root "$root" zonegen example.com >"$tmp/gen.out" 2>&1
if grep -q "^example.com.	3600	IN	MX	10 mx.webmo.fr.$" "$tmp/gen.out"; then
	pass "$T/zonegen-records"
else
	fail "$T/zonegen-records"
	show "$tmp/gen.out"
fi
for p in zonegen zonelint; do
	v=$(in_root "$root" "$p" --version 2>&1)
	if [ "$v" = "$p $version" ]; then
		pass "$T/version/$p"
	else
		fail "$T/version/$p ('$v')"
	fi
	page=$root/usr/share/man/man1/$p.1.gz
	if [ -f "$page" ] && gzip -dc "$page" | grep -q '^\.TH '; then
		pass "$T/man-page/$p"
	else
		fail "$T/man-page/$p"
	fi
done
printf 'example.com. 3600 IN A 192.0.2.1\n' >"$root/tmp/a.zone"
uri=$(in_root "$root" zonelint --format sarif --origin example.com \
    /tmp/a.zone | information_uri)
if [ "$uri" = file:///usr/share/man/man1/zonelint.1.gz ] &&
	[ -f "$root${uri#file://}" ]; then
	pass "$T/sarif-information-uri"
else
	fail "$T/sarif-information-uri ('$uri')"
fi
in_root "$root" dpkg -L zonetools >"$tmp/files"
in_root "$root" apt-get purge -y -q zonetools >"$tmp/purge.log" 2>&1
left=
while IFS= read -r f; do
	# Its files; folders such as /usr/share/man/man1 are shared.
	if [ -e "$root$f" ] && [ ! -d "$root$f" ]; then
		left="$left $f"
	fi
done <"$tmp/files"
if [ -z "$left" ] && grep -q '^/usr/bin/zonelint$' "$tmp/files" &&
	! in_root "$root" sh -c 'command -v zonelint' \
	>/dev/null; then
	pass "$T/purge"
else
	fail "$T/purge (left:$left)"
	show "$tmp/purge.log"
fi

# --- the GitHub Action's deb input, on the same root ---------------------
# Its steps (tests/package/action-run.py, as in action.sh) install the
# .deb again with apt-get and lint a zone with a syntax error at line 2.
mkdir "$root/action" "$root/ws" "$root/tmp/runner"
copy_source "$root/action"
cp "$deb" "$root/ws/"
printf '$ORIGIN example.com.\n@ 3600 IN A 999.1.1.1\n' >"$root/ws/db.example"
if in_root "$root" apt-get install -y -q --no-install-recommends \
	python3-yaml >"$tmp/py.log" 2>&1; then
	in_root "$root" env GITHUB_WORKSPACE=/ws RUNNER_TEMP=/tmp/runner \
	    GITHUB_STEP_SUMMARY=/tmp/runner/summary \
	    python3 /action/tests/package/action-run.py /action \
	    /tmp/runner/result.json "deb=${deb##*/}" "args=--profile
none" >"$tmp/action.out" 2>&1
	rc=$?
else
	rc=x
	cp "$tmp/py.log" "$tmp/action.out"
fi
if [ "$rc" = 1 ] &&
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(r["steps"][0]["outputs"].get("zonelint") != "/usr/bin/zonelint")' \
	    "$root/tmp/runner/result.json" 2>/dev/null &&
	grep -q '^::error file=db.example,line=2,title=syntax-error::' \
	    "$tmp/action.out"; then
	pass "$T/action-deb-input"
else
	fail "$T/action-deb-input (exit $rc)"
	show "$tmp/action.out"
fi

# --- the README's first command on another fresh Debian 12 ----------------
root2=$tmp/root2
if new_root "$root2" && mkdir "$root2/src" && copy_source "$root2/src" &&
	in_root "$root2" apt-get install -y -q --no-install-recommends make \
	>"$tmp/make-install.log" 2>&1; then
	pass "$T/demo-root"
else
	fail "$T/demo-root"
	show "$tmp/make-install.log" 2>/dev/null
	exit 1
fi
in_root "$root2" sh -c 'cd /src && make demo' >"$tmp/demo.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] &&
	grep -q '^deps: installing missing Debian packages:' "$tmp/demo.out" &&
	grep -q "^example.com.	3600	IN	MX	10 mx.webmo.fr.$" "$tmp/demo.out"; then
	pass "$T/readme-make-demo"
else
	fail "$T/readme-make-demo (exit $rc)"
	tail -n 30 "$tmp/demo.out" | sed 's/^/# /'
fi
