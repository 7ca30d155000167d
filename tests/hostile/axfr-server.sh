#!/bin/sh
# axfr-server.sh: zonelint --axfr against a server that lies (issue 13).
# A small server on 127.0.0.1, written here in Python, answers each
# transfer request with one misbehaviour; zonelint must say which, exit 2
# (or, for bad data in a record, report it as a finding), never crash or
# hang, and never take an unsigned or forged answer for a signed one.
# SPDX-License-Identifier: BSD-3-Clause
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

T=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-axfr-server.XXXXXX") || exit 2
SERVER_PID=
cleanup() {
	[ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

cat >"$T/server.py" <<'EOF'
# One connection per scenario, in the order given on the command line.
import socket, struct, sys

def name(n):
    out = b""
    for label in n.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"

def rr(owner, rtype, rdata, ttl=300, cls=1):
    return name(owner) + struct.pack("!HHIH", rtype, cls, ttl, len(rdata)) + rdata

SOA = rr("evil.test", 6, name("ns.evil.test") + name("h.evil.test") +
         struct.pack("!IIIII", 1, 3600, 600, 86400, 300))
A = rr("www.evil.test", 1, bytes([192, 0, 2, 1]))
MX = rr("evil.test", 15, struct.pack("!H", 10) + name("mx.evil.test"))
# the MX host's address: the clean zone is clean (target-no-address)
MXA = rr("mx.evil.test", 1, bytes([192, 0, 2, 25]))
BAD_DS = rr("sub.evil.test", 43, struct.pack("!HBB", 1, 8, 2) + b"short")

def tsig(mac):
    data = (name("hmac-sha256") + struct.pack("!HI", 0, 1700000000) +
            struct.pack("!HH", 300, len(mac)) + mac + struct.pack("!HHH", 0, 0, 0))
    return rr("k", 250, data, ttl=0, cls=255)

def message(qid, question, records, extra=b"", arcount=0, flags=0x8400):
    return (struct.pack("!HHHHHH", qid, flags, 1, len(records), 0, arcount) +
            question + b"".join(records) + extra)

def send(conn, msg):
    conn.sendall(struct.pack("!H", len(msg)) + msg)

def serve(conn, scenario):
    head = conn.recv(2)
    size = struct.unpack("!H", head)[0]
    query = b""
    while len(query) < size:
        query += conn.recv(size - len(query))
    qid = struct.unpack("!H", query[:2])[0]
    question = name("evil.test") + struct.pack("!HH", 252, 1)
    if scenario == "unsigned":
        send(conn, message(qid, question, [SOA, A, SOA]))
    elif scenario == "forged":
        send(conn, message(qid, question, [SOA, A, SOA],
                           tsig(b"\x01" * 32), arcount=1))
    elif scenario == "after":
        send(conn, message(qid, question, [SOA, A, SOA, MX]))
    elif scenario == "nosoa":
        send(conn, message(qid, question, [A, SOA]))
    elif scenario == "wrongid":
        send(conn, message(qid ^ 1, question, [SOA, A, SOA]))
    elif scenario == "cut":
        send(conn, message(qid, question, [SOA, A]))
    elif scenario == "garbage":
        send(conn, b"\xff" * 40)
    elif scenario == "silent":
        conn.recv(1)   # until zonelint gives up and closes
    elif scenario == "baddata":
        send(conn, message(qid, question, [SOA, BAD_DS, A, SOA]))
    elif scenario == "many":
        send(conn, message(qid, question, [SOA] + [A] * 50 + [SOA]))
    elif scenario == "ok":
        send(conn, message(qid, question, [SOA, A, MXA]))
        send(conn, message(qid, question, [MX, SOA]))

s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
for scenario in sys.argv[1:]:
    conn, _ = s.accept()
    try:
        serve(conn, scenario)
    except OSError:
        pass
    conn.close()
EOF

cat >"$T/k.key" <<'EOF'
key "k" {
	algorithm hmac-sha256;
	secret "dGhlIGZha2Ugc2VydmVyIGRvZXMgbm90IGtub3cgdGhpcw==";
};
EOF

SCENARIOS="ok unsigned forged after nosoa wrongid cut garbage silent baddata many"
python3 "$T/server.py" $SCENARIOS >"$T/port" 2>"$T/server.err" &
SERVER_PID=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
S=127.0.0.1:$(cat "$T/port")

# run NAME EXIT PATTERN [OPTIONS...]: one transfer; its exit status and a
# line of its standard error (or output) that matches PATTERN.
run() {
	name=$1
	want=$2
	pattern=$3
	shift 3
	timeout 30 $ZONELINT --no-config --profile none "$@" --axfr "$S" \
	    evil.test >"$T/$name.out" 2>"$T/$name.err"
	st=$?
	if [ "$st" -eq "$want" ] &&
	    cat "$T/$name.out" "$T/$name.err" | grep -q -- "$pattern"; then
		pass "axfr-server/$name"
	else
		fail "axfr-server/$name (exit $st)"
		cat "$T/$name.err" "$T/$name.out" | head -n 3
	fi
}

run ok 0 "^zonelint: 1 file, 0 errors"
run unsigned 2 "message 1 of the transfer is not signed with the TSIG key" \
    --tsig "$T/k.key"
run forged 2 "message 1 of the transfer has a TSIG that does not verify" \
    --tsig "$T/k.key"
run after 2 "records after the closing SOA"
run nosoa 2 "does not start with the zone's SOA"
run wrongid 2 "message 1 of the transfer is not an answer to the request"
run cut 2 "the transfer stopped after 2 records"
run garbage 2 "is not an answer to the request"
run silent 2 "the transfer got no answer after 0 records" --timeout 1
run baddata 1 "axfr://$S/evil.test:2: error: bad DS record from the server"
run many 1 "more than 10 records: the rest of the transfer was not read" \
    --max-records 10
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=
check "axfr-server/secret-never-printed" sh -c \
    "! cat '$T'/*.out '$T'/*.err | grep -q 'dGhlIGZha2Ug'"
