# tests/package/lib.sh: helpers for the packaging tests (sourced after
# tests/lib.sh, from the repository root).
# SPDX-License-Identifier: BSD-3-Clause

# copy_source DEST: copy the working tree's source into DEST: the files git
# tracks and the untracked ones it would add (not build/ or anything else
# ignored), as they are on disk, uncommitted changes included; a tracked
# file deleted from the tree is left out.  DEST must exist.
copy_source() {
	git ls-files -z -c -o --exclude-standard |
	    xargs -0 sh -c 'for f; do
		if [ -e "$f" ] || [ -L "$f" ]; then printf "%s\0" "$f"; fi
	    done' sh |
	    tar --null -T - -cf - | tar -xf - -C "$1"
}

# deb_version: the package's version, from debian/changelog.
deb_version() {
	dpkg-parsechangelog -l debian/changelog -S Version
}

# information_uri: the tool's informationUri in the SARIF log on stdin.
information_uri() {
	sed -n 's/^ *"informationUri": "\(.*\)",$/\1/p'
}

# package_tmp NAME: a new temporary folder in $tmp, removed on exit (kept
# when KEEP is set, to look into); when none can be made, NAME/mktemp
# fails and the script exits.
package_tmp() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-$1.XXXXXX") || {
		fail "$1/mktemp"
		exit 1
	}
	trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
	trap 'exit 1' HUP INT TERM
}
