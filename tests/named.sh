# named.sh: run a throw-away BIND named on 127.0.0.1 for the integration
# tests (sourced after tests/lib.sh, not run; it lives outside
# tests/integration/ so that run.sh does not take it for a test).
# SPDX-License-Identifier: BSD-3-Clause
#
#   start_named DIR ZONE[=FILE]... (or ZONE@FILE)
#	Writes DIR/key.conf (TSIG key "zonegen-test", hmac-sha256),
#	DIR/named.conf and one primary zone DIR/ZONE.db per ZONE, holding an
#	SOA, "NS ns.ZONE." and "ns.ZONE. A 127.0.0.1", then the lines of
#	$NAMED_EXTRA (every zone) and of FILE (that zone only).  Both are
#	read with "$ORIGIN ZONE." in effect.  ZONE@FILE: FILE is the whole
#	zone, SOA and NS included, copied as it is.  Each zone takes updates signed
#	with the key and transfers to 127.0.0.1.  Starts named in the
#	background on a free port of 127.0.0.1 (IPv4 only, no rndc, no
#	recursion, no NOTIFY), waits at most $NAMED_WAIT (20) seconds until
#	every zone answers its SOA, and exports NAMED_PORT, NAMED_KEY (the
#	key file, for nsupdate -k), NAMED_KEYNAME, NAMED_PID and NAMED_DIR.
#	On failure it prints the tail of DIR/named.log to stderr, stops
#	named and returns 1.
#   stop_named
#	Stops the named that start_named started (TERM, then KILL after
#	5 seconds) and waits for it.  Safe to call twice or without a start;
#	call it from the test's trap.
#
# The caller owns DIR (a mktemp -d directory) and removes it.

#   named_tmpdir TEST PREFIX
#	Makes the test's temporary directory $tmp (fails TEST/mktemp and
#	exits when it cannot) and, on exit, stops named and removes it
#	(KEEP=1 keeps it and says where).

# ('$ORIGIN' and the like are zone file text, not shell expansions.)
# shellcheck disable=SC2016
NAMED_PID=
NAMED_KEYNAME=zonegen-test

# named_soa ZONE: succeed when the server answers ZONE's SOA.  (dig
# prints its errors on stdout too, as lines starting with ';'.)
named_soa() {
	dig @127.0.0.1 -p "$NAMED_PORT" +norec +time=1 +tries=1 +short \
		"$1" SOA 2>/dev/null | grep -q '^[^;]'
}

# named_log_tail: the end of the log, to stderr.
named_log_tail() {
	echo "named.sh: named did not come up; end of $NAMED_DIR/named.log:" >&2
	tail -n 25 "$NAMED_DIR/named.log" 2>/dev/null | sed 's/^/  /' >&2
}

# named_conf_zone ZONE: the primary zone DIR/ZONE.db in named.conf, with
# updates signed by the key and transfers to 127.0.0.1 (only to the key
# for the zones listed in $NAMED_TSIG_ZONES).
named_conf_zone() {
	transfer='127.0.0.1;'
	case " ${NAMED_TSIG_ZONES:-} " in
	*" $1 "*) transfer="key \"$NAMED_KEYNAME\";" ;;
	esac
	cat >>"$NAMED_DIR/named.conf" <<EOF
zone "$1" {
	type primary;
	file "$NAMED_DIR/$1.db";
	allow-update { key "$NAMED_KEYNAME"; };
	allow-transfer { $transfer };
};
EOF
}

start_named() {
	NAMED_DIR=$1
	shift
	if [ ! -d "$NAMED_DIR" ] || [ $# -eq 0 ]; then
		echo "named.sh: usage: start_named DIR ZONE[=FILE]..." >&2
		return 1
	fi
	command -v named >/dev/null 2>&1 || {
		echo "named.sh: named not found" >&2
		return 1
	}
	NAMED_PORT=$(free_port)
	NAMED_KEY=$NAMED_DIR/key.conf
	export NAMED_PORT NAMED_KEY NAMED_KEYNAME NAMED_DIR
	tsig-keygen -a hmac-sha256 "$NAMED_KEYNAME" >"$NAMED_KEY" || return 1

	cat >"$NAMED_DIR/named.conf" <<EOF || return 1
include "$NAMED_KEY";
controls { };
options {
	directory "$NAMED_DIR";
	pid-file "$NAMED_DIR/named.pid";
	session-keyfile "$NAMED_DIR/session.key";
	managed-keys-directory "$NAMED_DIR";
	dump-file "$NAMED_DIR/named_dump.db";
	statistics-file "$NAMED_DIR/named.stats";
	listen-on port $NAMED_PORT { 127.0.0.1; };
	listen-on-v6 { none; };
	recursion no;
	notify no;
	dnssec-validation no;
	allow-query { 127.0.0.1; };
	automatic-interface-scan no;
};
EOF
	for spec in "$@"; do
		zone=${spec%%[=@]*}
		zone=${zone%.}
		extra=
		case $spec in
		*@*)
			cp "${spec#*@}" "$NAMED_DIR/$zone.db" || return 1
			named_conf_zone "$zone" || return 1
			continue
			;;
		*=*) extra=${spec#*=} ;;
		esac
		{
			printf '$ORIGIN %s.\n$TTL 300\n' "$zone"
			printf '@\tIN\tSOA\tns.%s. hostmaster.%s. 1 3600 600 86400 300\n' \
				"$zone" "$zone"
			printf '@\tIN\tNS\tns.%s.\n' "$zone"
			printf 'ns\tIN\tA\t127.0.0.1\n'
			[ -z "${NAMED_EXTRA:-}" ] || printf '%s\n' "$NAMED_EXTRA"
			[ -z "$extra" ] || cat "$extra"
		} >"$NAMED_DIR/$zone.db" || return 1
		named_conf_zone "$zone" || return 1
	done

	# As root, drop to "bind" only when that user can write DIR (the
	# journals go there); a mktemp -d directory is root's alone.
	user=
	if [ "$(id -u)" -eq 0 ] && id bind >/dev/null 2>&1 &&
		command -v runuser >/dev/null 2>&1 &&
		runuser -u bind -- sh -c 'test -w "$1" && test -x "$1"' \
			sh "$NAMED_DIR" 2>/dev/null; then
		user="-u bind"
	fi
	# -4: no IPv6 sockets at all.
	# shellcheck disable=SC2086
	named -g -4 -n 1 $user -c "$NAMED_DIR/named.conf" \
		>"$NAMED_DIR/named.log" 2>&1 &
	NAMED_PID=$!
	export NAMED_PID

	deadline=$(($(date +%s) + ${NAMED_WAIT:-20}))
	while :; do
		if ! kill -0 "$NAMED_PID" 2>/dev/null; then
			wait "$NAMED_PID" 2>/dev/null
			NAMED_PID=
			named_log_tail
			return 1
		fi
		# A zone that does not load never answers: no need to wait.
		if grep -q 'not loaded due to errors' "$NAMED_DIR/named.log"; then
			named_log_tail
			stop_named
			return 1
		fi
		up=1
		for spec in "$@"; do
			zone=${spec%%[=@]*}
			named_soa "${zone%.}" || {
				up=0
				break
			}
		done
		[ "$up" -eq 0 ] || return 0
		if [ "$(date +%s)" -ge "$deadline" ]; then
			named_log_tail
			stop_named
			return 1
		fi
		sleep 0.2
	done
}

stop_named() {
	[ -n "${NAMED_PID:-}" ] || return 0
	kill "$NAMED_PID" 2>/dev/null
	n=0
	while kill -0 "$NAMED_PID" 2>/dev/null && [ "$n" -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	kill -KILL "$NAMED_PID" 2>/dev/null
	wait "$NAMED_PID" 2>/dev/null
	NAMED_PID=
	return 0
}

named_cleanup() {
	[ -z "${KEEP:-}" ] || { echo "# kept $tmp"; stop_named; return; }
	stop_named
	rm -rf "$tmp"
}

named_tmpdir() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX") || {
		fail "$1/mktemp"
		exit 1
	}
	trap named_cleanup EXIT
	trap 'exit 1' HUP INT TERM
}
