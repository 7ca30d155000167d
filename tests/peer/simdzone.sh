#!/bin/sh
# simdzone.sh: run simdzone's own type, SVCB and parser tests through the
# reader.
# SPDX-License-Identifier: BSD-3-Clause
#
# Usage (from the repository root, after make): sh tests/peer/simdzone.sh
#
# simdzone's tests/types.c ("happy path": every record simdzone reads)
# and tests/svcb.c (RFC 9460 appendix D and NSD's SVCB cases, each with
# the result simdzone expects: 0, or a syntax or semantic error) hold
# their cases in a table `tests[]` of record text and expected rdata, the
# rdata built by macros.  Nothing of them is copied into the project: the
# script cuts each file where it lies from its start to the end of that
# table, and compiles it into a small harness (written below, into a
# temporary folder) that writes each text to a file and prints the
# expected result and rdata in hex.  Only simdzone's test data and its
# public header zone.h (for the type numbers and result codes) go in; no
# simdzone code is built or linked.  The harness's output goes through
# tests/peer/readzone.c, which reads each file with the reader and prints
# the wire data it delivers.
#
# Per case, one of:
#   same     read with no problem, one record, rdata equal to simdzone's
#   wire     read, but the rdata differs from simdzone's (listed)
#   refused  both refuse (a case simdzone expects to fail)
#   problem  the reader reports a problem simdzone does not (listed)
#   accepts  the reader takes what simdzone refuses (listed)
# svcb.c's five cases run in simdzone's "secondary" mode, which accepts
# what a primary refuses; the reader has no such mode, so those are listed
# with the reader's verdict and not counted.  Then tests/syntax.c and the
# other files whose tests are C functions that parse: they run unchanged
# over the reader through tests/peer/simdshim.c (see the end).  tests/peer/READER.md says why each
# listed case stays.  Exit 0 always when simdzone is absent (CI
# has no copy); exit 1 when the harness cannot be built.
set -u
SZ=${SIMDZONE:-../shared/peers/simdzone}
if [ ! -r "$SZ/tests/types.c" ] || [ ! -r "$SZ/tests/svcb.c" ] ||
    [ ! -r "$SZ/tests/syntax.c" ] ||
    [ ! -r "$SZ/include/zone.h" ]; then
	echo "peer: skipped, ../shared/peers/simdzone not found"
	exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
sh tests/peer/readzone.sh "$TMP/readzone" || exit 1

# zone.h includes a header cmake generates; the harness needs no export.
mkdir -p "$TMP/inc/zone"
printf '#define ZONE_EXPORT\n' >"$TMP/inc/zone/export.h"
cat >"$TMP/harness.c" <<'EOF'
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include DATA

/* Writes case I's text to DIR/I.zone; prints "I CODE SECONDARY HEX". */
int
main(int argc, char **argv)
{
	size_t i, k;

	if (argc != 2) {
		return 2;
	}
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		char path[4096];
		const rdata_t *r = tests[i].rdata;
		FILE *f;

		if (snprintf(path, sizeof(path), "%s/%zu.zone", argv[1], i) >=
		    (int)sizeof(path) || (f = fopen(path, "w")) == NULL) {
			return 1;
		}
		fprintf(f, "%s\n", tests[i].text);
		if (fclose(f) != 0) {
			return 1;
		}
#ifdef SVCB
		printf("%zu %d %d ", i, (int)tests[i].code,
		    (int)tests[i].secondary);
#else
		printf("%zu 0 0 ", i);
#endif
		if (r == NULL) {
			putchar('-');
		}
		for (k = 0; r != NULL && k < r->length; k++) {
			printf("%02X", r->octets[k]);
		}
		putchar('\n');
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
EOF

# run FILE FIELD ORIGIN DEFINE: the cases of simdzone's tests/FILE, the
# name of a case's text being field FIELD of its line in tests[].
run() {
	f=$1
	d="$TMP/$f"
	mkdir "$d" "$d/z" || exit 1
	awk '/#include <cmocka.h>/ { next }
	{ print }
	/^static const test_t tests\[\]/ { t = 1 }
	t && /^};/ { exit }' "$SZ/tests/$f.c" >"$d/data.c" || exit 1
	awk -v k="$2" '/^static const test_t tests\[\]/ { t = 1; next }
	t && /^};/ { exit }
	t && /{/ {
		s = $0
		sub(/^[^{]*{/, "", s)
		split(s, a, ",")
		x = a[k]
		gsub(/[ \t]/, "", x)
		print x
	}' "$SZ/tests/$f.c" >"$d/names" || exit 1
	# shellcheck disable=SC2086
	if ! ${CC:-cc} -std=c11 -w -I"$TMP/inc" -I"$SZ/include" $4 \
	    -DDATA="\"$d/data.c\"" -o "$d/harness" "$TMP/harness.c" ||
	    ! "$d/harness" "$d/z" >"$d/expect"; then
		echo "peer: simdzone $f.c: the harness did not build or run"
		exit 1
	fi
	same=0 wire=0 refused=0 problem=0 accepts=0 total=0
	while read -r i code sec hex; do
		name=$(sed -n "$((i + 1))p" "$d/names")
		out=$("$TMP/readzone" -w -o "$3" "$d/z/$i.zone" 2>&1)
		n=$(printf '%s\n' "$out" | grep -c '^RDATA=')
		got=$(printf '%s\n' "$out" | grep '^RDATA=' | head -n 1 |
		    cut -d= -f2)
		warn=$(printf '%s\n' "$out" | grep '^WARNG=\|^readzone:' |
		    head -n 1 | sed 's/^WARNG=//; s/ [^ ]*:[0-9]* / /')
		if [ "$sec" = 1 ]; then
			echo "simdzone $f.c: $name (secondary mode, expects" \
			    "$code): reader: ${warn:-read, rdata $got}"
			continue
		fi
		total=$((total + 1))
		if [ "$code" != 0 ]; then
			if [ "$n" = 0 ] && [ -n "$warn" ]; then
				refused=$((refused + 1))
			else
				accepts=$((accepts + 1))
				echo "simdzone $f.c: $name: simdzone expects" \
				    "$code, the reader reads it${warn:+ ($warn)}"
			fi
		elif [ -n "$warn" ] || [ "$n" != 1 ]; then
			problem=$((problem + 1))
			echo "simdzone $f.c: $name: ${warn:-$n records}"
		elif [ "$got" != "$hex" ]; then
			wire=$((wire + 1))
			echo "simdzone $f.c: $name: rdata $got, simdzone $hex"
		else
			same=$((same + 1))
		fi
	done <"$d/expect"
	echo "peer: simdzone $f.c $total cases: $same read with simdzone's" \
	    "rdata, $refused refused as simdzone refuses them; $problem" \
	    "with a problem, $wire with other rdata, $accepts accepted" \
	    "that simdzone refuses"
}
run types 2 example.com. ""
run svcb 4 example.com. -DSVCB

# The test files whose tests are C functions that parse through simdzone's
# public API (zone_parse_string, zone_parse) and assert on the result code
# and, in their accept callbacks, on the record's line, owner, TTL or
# rdata.  They run unchanged over the reader through tests/peer/simdshim.c
# (see there); each assert is a counted check.  Not run: bits.c (tests of
# simdzone's internal bit helpers, no parsing) and include.c (its checks
# are of simdzone's include limit, log and include callbacks and
# no_includes option, which the shim does not model).
# shellcheck disable=SC2046
if ! ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -I. \
    -Itests/peer/simdshim -I"$SZ/include" $(pkg-config --cflags ldns) \
    -c -o "$TMP/shim.o" tests/peer/simdshim.c; then
	echo "peer: simdzone: the shim did not build"
	exit 1
fi
run_c() {
	f=$1
	d="$TMP/c-$f"
	mkdir -p "$d/files"
	fns=$(grep -A1 '^/\*!cmocka \*/' "$SZ/tests/$f.c" |
	    sed -n 's/^void \([A-Za-z_0-9]*\)(void *\*\* *state).*/\1/p')
	{
		echo '#include <setjmp.h>'
		echo '#include <stdio.h>'
		echo 'extern jmp_buf shim_jmp;'
		echo 'extern unsigned long shim_checks, shim_failed;'
		echo 'extern const char *shim_test;'
		for fn in $fns; do
			echo "void $fn(void **);"
		done
		echo 'static const struct {'
		echo '	const char *name;'
		echo '	void (*fn)(void **);'
		echo '} fns[] = {'
		for fn in $fns; do
			echo "	{ \"$fn\", $fn },"
		done
		cat <<'EOF'
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		unsigned long c = shim_checks, f = shim_failed;

		shim_test = fns[i].name;
		if (setjmp(shim_jmp) == 0) {
			fns[i].fn(NULL);
		} else {
			printf("STOPPED %s\n", fns[i].name);
		}
		printf("TEST %s %lu %lu\n", fns[i].name, shim_checks - c,
		    shim_failed - f);
	}
	return 0;
}
EOF
	} >"$d/main.c"
	# The zone files a test reads as C arrays (simdzone's build makes
	# them with xxd -i: bounds.c's xbounds_zone).
	for z in "$SZ"/tests/zones/*.zone; do
		[ -r "$z" ] || continue
		v=$(basename "$z" | tr -c 'A-Za-z0-9\n' '_')
		od -An -v -tu1 "$z" | awk -v v="$v" '
		BEGIN { printf "unsigned char %s[] = {", v }
		{ for (i = 1; i <= NF; i++) { printf "%s%s", n++ ? "," : "", $i } }
		END { printf "};\nunsigned int %s_len = %d;\n", v, n }'
	done >"$d/zones.c"
	# shellcheck disable=SC2046
	if ! ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	    -w -Itests/peer/simdshim -I"$SZ/include" -I"$SZ/src" \
	    -c -o "$d/test.o" "$SZ/tests/$f.c" ||
	    ! ${CC:-cc} -std=c11 -w -c -o "$d/main.o" "$d/main.c" ||
	    ! ${CC:-cc} -std=c11 -w -c -o "$d/zones.o" -x c "$d/zones.c" ||
	    ! ${CC:-cc} -o "$d/run" "$d/main.o" "$d/test.o" "$d/zones.o" \
	    "$TMP/shim.o" \
	    "${BUILDDIR:-build}/liblint.a" "${BUILDDIR:-build}/libzonegen.a" \
	    $(pkg-config --libs ldns libcyaml libidn2) -lpthread; then
		echo "peer: simdzone $f.c: it did not build with the shim"
		exit 1
	fi
	if ! SHIM_DIR="$d/files" "$d/run" >"$d/out" 2>"$d/err"; then
		echo "peer: simdzone $f.c: the tests did not run to their end:"
		tail -n 3 "$d/err"
		exit 1
	fi
	# A failed check, with the text and what the reader said of it; a
	# code check where both sides refuse, with another kind of error
	# (-256 syntax, -512 semantic), is counted apart.
	awk -v file="$f.c" '
	/^INPUT / { ctx = $0; next }
	/^  / { ctx = ctx "\n" $0; next }
	/^CHECK-FAILED / {
		n = split($0, a, /[(), ]+/)
		x = a[n - 2]; y = a[n - 1]
		if ((x == -256 || x == -512) && (y == -256 || y == -512)) {
			kind++
			print "simdzone " file ": both refuse, another kind: " \
			    $2 " (" x " for " y ")"
		} else {
			diff++
			print "simdzone " file ": " substr($0, 14)
			print ctx
		}
	}
	/^TEST / { tests++; checks += $3 }
	/^STOPPED / { stopped++; print "simdzone " file ": stopped: " $2 }
	END {
		printf "peer: simdzone %s %d checks in %d tests: %d agree, " \
		    "%d where both refuse with another kind of error, %d " \
		    "differ%s\n", file, checks, tests, checks - kind - diff,
		    kind, diff, stopped ? " (" stopped " tests stopped)" : ""
	}' "$d/out"
}
for f in syntax eui ip4 ttl time base32 semantics bounds; do
	if [ -r "$SZ/tests/$f.c" ]; then
		run_c "$f"
	fi
done
