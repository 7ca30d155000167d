# lib.sh: helpers for the shell tests (sourced, not run).
# SPDX-License-Identifier: BSD-3-Clause
#
# pass NAME / fail NAME print the lines tests/run.sh counts.  The programs
# are $ZONEGEN and $ZONELINT (set by run.sh; they may carry a valgrind
# wrapper), run from the repository root with LC_ALL=C.

: "${BUILDDIR:=build}"
: "${ZONEGEN:=$PWD/$BUILDDIR/zonegen}"
: "${ZONELINT:=$PWD/$BUILDDIR/zonelint}"
export LC_ALL=C
PATH=$PATH:/usr/sbin:/sbin

pass() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

# check NAME COMMAND...: pass when COMMAND succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}

# require TEST COMMAND...: every COMMAND is installed, or TEST fails and the
# script exits.  `make check` installs them: a real-component test that
# cannot run is a failure, never a skip.
require() {
	req_test=$1
	shift
	for req_cmd in "$@"; do
		if ! command -v "$req_cmd" >/dev/null 2>&1; then
			fail "$req_test ($req_cmd not installed: run make deps)"
			exit 1
		fi
	done
}

# free_port: print a TCP and UDP port on 127.0.0.1 that nothing listens on.
free_port() {
	python3 - <<'PY' 2>/dev/null || echo $((20000 + $$ % 20000))
import socket
for _ in range(50):
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.bind(("127.0.0.1", 0))
    port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port))
    except OSError:
        t.close()
        continue
    print(port)
    break
PY
}

# norm: records in one canonical form: no comments, blank lines or
# $ORIGIN; outside quoted strings lower case and runs of blanks made one
# space (TXT text is compared exactly: named keeps it byte for byte).
norm() {
	grep -v -e '^;' -e '^\$' -e '^[[:space:]]*$' | awk '{
		out = ""; q = 0; sp = 0; n = length($0)
		for (i = 1; i <= n; i++) {
			c = substr($0, i, 1)
			if (q) {
				out = out c
				if (c == "\\") {
					i++
					out = out substr($0, i, 1)
				} else if (c == "\"")
					q = 0
				continue
			}
			if (c == " " || c == "\t") {
				sp = 1
				continue
			}
			if (sp && out != "")
				out = out " "
			sp = 0
			out = out tolower(c)
			if (c == "\"")
				q = 1
		}
		print out
	}'
}
