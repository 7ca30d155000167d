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
