#!/bin/sh
# checkdmarc.sh: compare our SPF and DMARC parsers with checkdmarc's cases.
# SPDX-License-Identifier: BSD-3-Clause
#
#   sh tests/peer/checkdmarc.sh      from anywhere inside the checkout
#
# The cases live outside the project, in ../shared/peer-suites (override
# with PEER_SUITES=DIR).  Without them the comparison is skipped and the
# script exits 0, since CI runs without them.  Disagreements and why they
# stay are listed in tests/peer/CHECKDMARC.md.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
suites=${PEER_SUITES:-$root/../shared/peer-suites}
tsv=$suites/checkdmarc-cases.tsv
if [ ! -r "$tsv" ]; then
	echo "peer: skipped, ../shared/peer-suites not found"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -I"$root" -Wall -Wextra \
	-o "$tmp/checkdmarc" "$root/tests/peer/checkdmarc.c" \
	"$root/${BUILDDIR:-build}/libzonegen.a" \
	$(pkg-config --libs ldns libcyaml libidn2)
"$tmp/checkdmarc" "$tsv"
