#!/bin/sh
# install.sh: what `make` builds and what `make install` installs (issue
# 14), on a copy of the source, so that the checkout's build/ is not
# touched:
# - `make` builds the optimised variant into build/ (the compiler's
#   DW_AT_producer of every object says -O3, none -O0), `make
#   VARIANT=debug` the -O0 one into build/debug/, `make VARIANT=release`
#   the optimised one into build/release/ (make bench's copy);
# - `make install PREFIX=/opt/zt DESTDIR=D` after `make` rebuilds what
#   embeds the paths: the installed zonelint's SARIF informationUri is
#   file:///opt/zt/share/man/man1/zonelint.1, the installed programs are
#   the optimised ones and run, both man pages are installed and read;
#   after it, build/zonelint is up to date for PREFIX=/opt/zt (make -q);
# - `make VARIANT=debug install` installs the debug programs;
# - a PREFIX or ZONELINT_MAN that cannot go into a C string and a URI (a
#   space, a quote) or a relative one is refused before anything is built
#   or installed;
# - ZONELINT_MAN (the Debian package's zonelint.1.gz) is the
#   informationUri.
# SPDX-License-Identifier: BSD-3-Clause
set -u
. tests/lib.sh
. tests/package/lib.sh

T=install
require "$T" make cc readelf man git
package_tmp "$T"
src=$tmp/src
dest=$tmp/dest
mkdir "$src" "$dest"
copy_source "$src" || {
	fail "$T/copy-source"
	exit 1
}
# Nothing of the caller's make reaches these builds.
unset MAKEFLAGS MFLAGS MAKELEVEL VARIANT BUILDDIR PREFIX MANDIR BINDIR \
    ZONELINT_MAN DESTDIR CFLAGS CPPFLAGS LDFLAGS
m() { make -C "$src" --no-print-directory -s "$@"; }

# make_ok TEST ARGS...: make ARGS in the copy succeeds, else TEST fails
# and shows make's output.
make_ok() {
	mk_test=$T/$1
	shift
	if m "$@" >"$tmp/make.out" 2>&1; then
		pass "$mk_test"
		return 0
	fi
	fail "$mk_test"
	sed 's/^/# /' "$tmp/make.out"
	return 1
}

# optimisation PROGRAM: the -O options of the project's compilation units
# in PROGRAM (the ones compiled with -std=c11), one a line, counted.
optimisation() {
	readelf --debug-dump=info "$1" 2>/dev/null |
	    sed -n 's/.*DW_AT_producer.*: \(GNU C.*-std=c11.*\)/\1/p' |
	    grep -o ' -O[0-9sg]*' | sort | uniq -c | sed 's/^ *//'
}

# only_level PROGRAM LEVEL: every unit of PROGRAM was built with -OLEVEL.
only_level() {
	o=$(optimisation "$1")
	case $o in
	*"
"*) ;;
	[0-9]*" -O$2") return 0 ;;
	esac
	echo "# $1: $o"
	return 1
}

# --- make: the optimised build in build/ -----------------------------------
make_ok make || exit 1
check "$T/default-is-optimised" only_level "$src/build/zonelint" 3
check "$T/default-zonegen-optimised" only_level "$src/build/zonegen" 3
check "$T/default-unit-tests-optimised" only_level \
    "$src/build/tests/test_spf" 3

# --- make install PREFIX=/opt/zt after make ------------------------------
make_ok install-prefix install PREFIX=/opt/zt DESTDIR="$dest"
zl=$dest/opt/zt/bin/zonelint
zg=$dest/opt/zt/bin/zonegen
printf 'example.com. 3600 IN A 192.0.2.1\n' >"$tmp/a.zone"
uri=$("$zl" --no-config --format sarif --origin example.com "$tmp/a.zone" |
    information_uri)
if [ "$uri" = file:///opt/zt/share/man/man1/zonelint.1 ]; then
	pass "$T/sarif-information-uri"
else
	fail "$T/sarif-information-uri (installed zonelint says '$uri')"
fi
check "$T/installed-optimised" only_level "$zl" 3
for p in zonegen zonelint; do
	page=$dest/opt/zt/share/man/man1/$p.1
	if [ -f "$page" ] && [ "$(stat -c %a "$page")" = 644 ] &&
		MANWIDTH=80 man -l "$page" 2>"$tmp/man.err" |
		grep -q "^NAME" && [ ! -s "$tmp/man.err" ]; then
		pass "$T/man-page/$p"
	else
		fail "$T/man-page/$p"
		sed 's/^/# /' "$tmp/man.err" 2>/dev/null
	fi
done
if "$zg" example.com | "$zl" --no-config --origin example.com - \
	>"$tmp/run.out" 2>&1 &&
	grep -q '^zonelint: 1 file, 0 errors' "$tmp/run.out"; then
	pass "$T/installed-programs-run"
else
	fail "$T/installed-programs-run"
	sed 's/^/# /' "$tmp/run.out"
fi
if [ "$(stat -c %a "$zl")" = 755 ]; then
	pass "$T/installed-mode"
else
	fail "$T/installed-mode"
fi
# The build now stands for PREFIX=/opt/zt: nothing left to rebuild.
check "$T/up-to-date-after-install" m -q PREFIX=/opt/zt build/zonelint

# --- the debug variant ----------------------------------------------------
make_ok debug-build VARIANT=debug build/debug/zonelint
check "$T/debug-is-O0" only_level "$src/build/debug/zonelint" 0
rm -rf "$dest/debug"
make_ok debug-install VARIANT=debug install PREFIX=/opt/zt \
    DESTDIR="$dest/debug"
check "$T/debug-installed-is-O0" only_level "$dest/debug/opt/zt/bin/zonelint" 0

# VARIANT=release: the default's flags in build/release/, for make bench.
make_ok release-build VARIANT=release build/release/zonelint
check "$T/release-is-O3" only_level "$src/build/release/zonelint" 3

# --- prefixes that cannot be compiled in ----------------------------------
# refused TEST VAR=VALUE...: make install with these refuses them before
# anything is built or installed: exit 2, a message naming ZONELINT_MAN.
refused() {
	rf_test=$T/$1
	shift
	rm -rf "$dest/bad"
	m install "$@" DESTDIR="$dest/bad" >"$tmp/bad.out" 2>&1
	rf_rc=$?
	if [ "$rf_rc" -eq 2 ] && [ ! -e "$dest/bad" ] &&
		grep -q 'ZONELINT_MAN' "$tmp/bad.out"; then
		pass "$rf_test"
	else
		fail "$rf_test (exit $rf_rc)"
		sed 's/^/# /' "$tmp/bad.out"
	fi
}
for bad in '/opt/z t' '/opt/z"t' 'opt/zt' "/opt/z't" '/opt/z%20t' '/opt/z;t'; do
	refused "refused-prefix/$bad" PREFIX="$bad"
done
# The manual page's path alone (the Debian package sets it) is checked too.
refused refused-zonelint-man PREFIX=/opt/zt ZONELINT_MAN='/opt/zt/man "x".1'
# ZONELINT_MAN is what the informationUri names.
make_ok zonelint-man install PREFIX=/opt/zt \
    ZONELINT_MAN=/opt/zt/share/man/man1/zonelint.1.gz DESTDIR="$dest/gz"
uri=$("$dest/gz/opt/zt/bin/zonelint" --no-config --format sarif \
    --origin example.com "$tmp/a.zone" |
    information_uri)
if [ "$uri" = file:///opt/zt/share/man/man1/zonelint.1.gz ]; then
	pass "$T/sarif-information-uri-gz"
else
	fail "$T/sarif-information-uri-gz ('$uri')"
fi
