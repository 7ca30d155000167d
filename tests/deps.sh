#!/bin/sh
# deps.sh: install the Debian packages this project needs, only those missing.
# SPDX-License-Identifier: BSD-3-Clause
#
#   sh tests/deps.sh build PKG...        packages checked with dpkg-query
#   sh tests/deps.sh cmds CMD:PKG...     packages of commands not on PATH
#
# Runs `apt-get update` once before installing anything; as a non-root user
# it uses sudo when there is one.  Prints what it installs, and nothing when
# everything is there.
set -eu
mode=$1
shift
PATH=$PATH:/usr/sbin:/sbin
missing=
for arg in "$@"; do
	case $mode in
	build)
		pkg=$arg
		st=$(dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null || true)
		case $st in
		*" installed") continue ;;
		esac
		;;
	cmds)
		cmd=${arg%%:*}
		pkg=${arg#*:}
		command -v "$cmd" >/dev/null 2>&1 && continue
		;;
	*)
		echo "deps.sh: unknown mode $mode" >&2
		exit 2
		;;
	esac
	case " $missing " in
	*" $pkg "*) ;;
	*) missing="$missing $pkg" ;;
	esac
done
[ -n "$missing" ] || exit 0
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "deps.sh: missing Debian packages:$missing (run as root to install)" >&2
	exit 1
fi
echo "deps: installing missing Debian packages:$missing"
echo "deps: apt-get update"
$sudo apt-get update -qq
echo "deps: apt-get install$missing"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
