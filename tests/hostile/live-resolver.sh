#!/bin/sh
# live-resolver.sh: zonelint --live against a resolver that lies or
# stalls (issue 13; the review of the live checks).  A resolver written
# here in Python answers on 127.0.0.1 (UDP and TCP) by scenario:
#
#   diamond      SPF includes that fan out two ways, 22 levels deep: the
#                count must stop at the limit, as receivers stop (it once
#                ran for hours on answers it had already kept)
#   wrongid      answers with another message id and question: no answer
#   badrdata     an MX without a host, empty TXT, a cut SRV, CNAMEs
#                without a target: syntax errors, no crash, no loss
#   cnamebudget  a bare CNAME reached when the budget is spent by one
#                domain must not spoil the next domain's answers
#   slow         every answer 0.9 s late: the questions of a domain stop
#                after twelve --timeouts
#   bigtxt       a TXT of 100 strings of control bytes: --cache writes it
#                so that it reads back (the replay prints the same bytes)
# SPDX-License-Identifier: BSD-3-Clause
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

T=$(mktemp -d "${TMPDIR:-/tmp}/zonetools-live-resolver.XXXXXX") || exit 2
PID=
cleanup() {
	[ -z "$PID" ] || kill "$PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

cat >"$T/resolver.py" <<'EOF'
import socket, struct, sys, threading, time

SC = sys.argv[1]

def name(n):
    out = b""
    for label in n.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"

def rr(owner, rtype, rdata, ttl=300):
    return name(owner) + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata

def txt(*strings):
    return b"".join(bytes([len(s)]) + (s if isinstance(s, bytes) else s.encode())
                    for s in strings)

def answer(qn, qt):
    if SC == "diamond" and qt == 16:
        if qn == "victim.test":
            level = 0
        elif qn.endswith(".victim.test") and qn[0] == "l":
            level = int(qn.split(".")[0][1:-1])
        else:
            return 3, []
        if level >= 22:
            return 0, [rr(qn, 16, txt("v=spf1 ip4:192.0.2.1 -all"))]
        return 0, [rr(qn, 16, txt("v=spf1 include:l%da.victim.test "
                                  "include:l%db.victim.test -all" % (level + 1, level + 1)))]
    if SC == "badrdata":
        if qn == "victim.test" and qt == 15:
            return 0, [rr(qn, 15, struct.pack("!H", 10))]
        if qn == "victim.test" and qt == 16:
            return 0, [rr(qn, 16, b"")]
        if qn.startswith("_imap._tcp") and qt == 33:
            return 0, [rr(qn, 33, struct.pack("!HH", 1, 2))]
        if qt == 5:
            return 0, [rr(qn, 5, b"")]
    if SC == "cnamebudget":
        if qn == "one.test" and qt == 16:
            return 0, [rr(qn, 16, txt("v=spf1 a:x1.test a:x2.test a:x3.test include:shared.test -all"))]
        if qn == "two.test" and qt == 16:
            return 0, [rr(qn, 16, txt("v=spf1 include:shared.test -all"))]
        if qn == "shared.test":
            return 0, [rr(qn, 5, name("target.other.test"))]
        if qn == "target.other.test" and qt == 16:
            return 0, [rr(qn, 16, txt("v=spf1 -all"))]
    if SC == "wrongid" and qn == "victim.test" and qt == 16:
        return 0, [rr(qn, 16, txt("v=spf1 a:a1.x a:a2.x a:a3.x -all"))]
    if SC == "bigtxt" and qn == "victim.test" and qt == 16:
        return 0, [rr(qn, 16, txt(*([b"\x01" * 255] * 100)))]
    if SC == "slow":
        time.sleep(0.9)
    return 3, []

def parse(msg):
    qid = struct.unpack("!H", msg[:2])[0]
    pos, labels = 12, []
    while msg[pos]:
        labels.append(msg[pos + 1:pos + 1 + msg[pos]].decode("latin1"))
        pos += 1 + msg[pos]
    qt = struct.unpack("!H", msg[pos + 1:pos + 3])[0]
    return qid, ".".join(labels).lower(), qt, msg[12:pos + 5]

def build(msg, tcp):
    qid, qn, qt, question = parse(msg)
    rcode, rrs = answer(qn, qt)
    if SC == "wrongid":
        qid ^= 0x5a5a
        question = name("elsewhere.example") + struct.pack("!HH", 16, 1)
    out = struct.pack("!HHHHHH", qid, 0x8180 | rcode, 1, len(rrs), 0, 0) + question + b"".join(rrs)
    if not tcp and len(out) > 512:   # truncated: ask again over TCP
        out = struct.pack("!HHHHHH", qid, 0x8380, 1, 0, 0, 0) + question
    return out

def tcp_conn(c):
    try:
        while True:
            head = c.recv(2)
            if len(head) < 2:
                return
            n, data = struct.unpack("!H", head)[0], b""
            while len(data) < n:
                more = c.recv(n - len(data))
                if not more:
                    return
                data += more
            out = build(data, True)
            c.sendall(struct.pack("!H", len(out)) + out)
    except OSError:
        pass
    finally:
        c.close()

def tcp(s):
    while True:
        c, _ = s.accept()
        threading.Thread(target=tcp_conn, args=(c,), daemon=True).start()

u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.1", 0))
port = u.getsockname()[1]
t = socket.socket()
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("127.0.0.1", port))
t.listen(16)
print(port, flush=True)
threading.Thread(target=tcp, args=(t,), daemon=True).start()
while True:
    data, addr = u.recvfrom(4096)
    try:
        u.sendto(build(data, False), addr)
    except Exception:
        pass
EOF

# serve SCENARIO: start the resolver; R is its address.
serve() {
	[ -z "$PID" ] || kill "$PID" 2>/dev/null
	rm -f "$T/port"
	python3 "$T/resolver.py" "$1" >"$T/port" 2>"$T/resolver.err" &
	PID=$!
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	R=127.0.0.1:$(cat "$T/port")
}

# run NAME ARGS...: zonelint --live within 60 s; output in $T/NAME.out.
run() {
	run_name=$1
	shift
	timeout 60 $ZONELINT --no-config --profile none --live --resolver "$R" \
	    "$@" >"$T/$run_name.out" 2>&1
	echo $? >"$T/$run_name.status"
}
status() { cat "$T/$1.status"; }

serve diamond
start=$(date +%s)
run diamond victim.test
took=$(($(date +%s) - start))
check "live-resolver/diamond (exit $(status diamond), ${took} s)" sh -c \
    "[ $(status diamond) -eq 1 ] && [ $took -lt 20 ] &&
    grep -q '11 or more DNS-querying terms' '$T/diamond.out'"

serve wrongid
run wrongid --timeout 2 victim.test
check "live-resolver/wrongid (exit $(status wrongid))" sh -c \
    "grep -q '\[dns-failure\]' '$T/wrongid.out' &&
    ! grep -q 'spf-void-lookups' '$T/wrongid.out'"

serve badrdata
run badrdata victim.test
check "live-resolver/badrdata (exit $(status badrdata))" sh -c \
    "[ $(status badrdata) -eq 1 ] &&
    grep -q 'bad MX record at victim.test. from the DNS' '$T/badrdata.out' &&
    grep -q 'bad SRV record at _imap._tcp.victim.test. from the DNS' '$T/badrdata.out' &&
    ! grep -q 'out of memory' '$T/badrdata.out'"

serve cnamebudget
run alone two.test
run both --query-budget 43 one.test two.test
check "live-resolver/cnamebudget" sh -c \
    "grep -q ', 0 errors' '$T/alone.out' &&
    ! grep -q 'two.test.*dns-failure' '$T/both.out'"

serve slow
start=$(date +%s)
run slow --timeout 1 victim.test
took=$(($(date +%s) - start))
check "live-resolver/slow (${took} s)" sh -c \
    "[ $took -lt 25 ] && grep -q '\[dns-failure\]' '$T/slow.out'"

serve bigtxt
run big1 --cache "$T/big.cache" victim.test
kill "$PID" 2>/dev/null
PID=
R=127.0.0.1:9
run big2 --cache "$T/big.cache" victim.test
check "live-resolver/bigtxt-cache-replay" sh -c \
    "[ $(status big1) -eq $(status big2) ] && cmp -s '$T/big1.out' '$T/big2.out'"
