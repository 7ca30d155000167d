#!/bin/sh
# readzone.sh OUT: build tests/peer/readzone.c, with the reader from the
# built libraries (make builds build/liblint.a and build/libzonegen.a),
# into OUT.  Run from the repository root; used by zscanner.sh and
# simdzone.sh.
# SPDX-License-Identifier: BSD-3-Clause
set -u
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -I. -O2 \
	$(pkg-config --cflags ldns) -o "$1" tests/peer/readzone.c \
	"${BUILDDIR:-build}/liblint.a" "${BUILDDIR:-build}/libzonegen.a" \
	$(pkg-config --libs ldns libcyaml libidn2) -lpthread
