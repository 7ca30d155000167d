#!/bin/sh
# tools.sh: install the test tools that are not Debian packages, only when
# missing: Microsoft's SARIF validator (SARIF Multitool, from npm) into
# build/tools/ for tests/integration/sarif.sh.
# SPDX-License-Identifier: BSD-3-Clause
#
#   sh tests/tools.sh          install what is missing, say what it does
#   sh tests/tools.sh --path   print the validator's path (installs nothing)
#
# The npm package @microsoft/sarif-multitool only picks the platform
# package @microsoft/sarif-multitool-linux, which holds a self-contained
# .NET program (linux-x64 only), Sarif.Multitool.  Both are pinned to one
# version (the first one's dependency on the second is a range): the
# validator's rules change between releases.  npm comes from Debian
# (tests/deps.sh) when it is not on PATH.
set -eu
cd "$(dirname "$0")/.."
SARIF_MULTITOOL_VERSION=5.7.0
TOOLS=build/tools
MULTITOOL=$TOOLS/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [ "${1:-}" = --path ]; then
	echo "$MULTITOOL"
	exit 0
fi
installed=$(cat "$TOOLS/.sarif-multitool-version" 2>/dev/null || true)
if [ -x "$MULTITOOL" ] && [ "$installed" = "$SARIF_MULTITOOL_VERSION" ]; then
	exit 0
fi
case $(uname -s)/$(uname -m) in
Linux/x86_64) ;;
*)
	echo "tools.sh: the SARIF Multitool's npm package is for" \
	    "linux-x64 only" >&2
	exit 1
	;;
esac
sh tests/deps.sh cmds npm:npm
echo "tools: installing the SARIF validator with npm into $TOOLS:" \
    "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" \
    "@microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION"
mkdir -p "$TOOLS"
npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
    --save-exact "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" \
    "@microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION"
if [ ! -f "$MULTITOOL" ]; then
	echo "tools.sh: npm did not install $MULTITOOL" >&2
	exit 1
fi
chmod u+x "$MULTITOOL"
echo "$SARIF_MULTITOOL_VERSION" >"$TOOLS/.sarif-multitool-version"
