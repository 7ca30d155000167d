#!/bin/sh
# run.sh: the benchmark (make bench): zonelint and zonegen against an ldns
# floor and against BIND, Knot, validns and simdzone, on generated inputs.
# SPDX-License-Identifier: BSD-3-Clause
#
# Usage (from anywhere): sh tests/bench/run.sh
#
# Installs the missing Debian packages (tests/deps.sh), builds the release
# variant (build/release/) and the bench programs (build/release/bench/),
# generates the inputs with tests/bench/gen (fixed seed) into a temporary
# directory, removed at the end, runs every command several times and
# prints one Markdown table, also written to tests/bench/RESULTS.md.
# Nothing here is a test: make check has no timing assertions.
#
# simdzone (NLnet Labs' zone parser, in NSD) is a peer when its source is
# beside the repository, in ../shared/peers/simdzone: built out of tree in
# release mode into build/release/simdzone (cmake), nothing of it copied
# into the repository; its `zone-bench parse FILE` is timed on the big
# zones.  Without it, or when it does not build, the tables say
# "simdzone: not available" and everything else runs.
#
# Environment:
#   BENCH_RUNS=5        runs of each command (the median time is reported)
#   BENCH_SLOW=60       a command whose first run takes longer (seconds)
#                       is not run again: the table says "1" under runs
#   BENCH_SAMPLE=200    small zones that the once-per-file peers are run
#                       on (every COUNT/SAMPLE-th file); the time is scaled
#   BENCH_SIZES="10000 100000 1000000"   records of the big zones
#   BENCH_DELEG=10000000 records of the TLD-like delegation zone (0: none)
#   BENCH_CAP_S=120     on the delegation zone, named-checkzone and
#   BENCH_CAP_MIB=8192  kzonecheck are stopped and reported as skipped
#                       when their first run passes CAP_S seconds or
#                       their processes hold CAP_MIB MiB together
#   BENCH_SIMDZONE=DIR  simdzone's source (default ../shared/peers/simdzone
#                       from the repository's top folder)
#   BENCH_SMALL=10000   small mail zones
#   BENCH_DOMAINS=100000                 domains for zonegen
#   BENCH_OUT=tests/bench/RESULTS.md     where the table is written
#   BENCH_ONLY=scaling  run only the scaling section (make bench-scaling):
#                       no peers, and only its part of BENCH_OUT, between
#                       the "scaling" markers, is rewritten
#   BENCH_SCALING="10000 40000 160000"   sizes of the scaling section
#   BENCH_SCALING_RUNS=3                 runs of each of its commands
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PATH=$PATH:/usr/sbin:/sbin
RUNS=${BENCH_RUNS:-5}
SLOW=${BENCH_SLOW:-60}
SAMPLE=${BENCH_SAMPLE:-200}
SIZES=${BENCH_SIZES:-"10000 100000 1000000"}
SMALL=${BENCH_SMALL:-10000}
DOMAINS=${BENCH_DOMAINS:-100000}
OUT=${BENCH_OUT:-tests/bench/RESULTS.md}
DELEG=${BENCH_DELEG:-10000000}
ONLY=${BENCH_ONLY:-}
SCALING=${BENCH_SCALING:-"10000 40000 160000"}
SCALING_RUNS=${BENCH_SCALING_RUNS:-3}
CAP_S=${BENCH_CAP_S:-120}
CAP_MIB=${BENCH_CAP_MIB:-8192}
SZSRC=${BENCH_SIMDZONE:-$ROOT/../shared/peers/simdzone}
SZSHOW=${BENCH_SIMDZONE:-../shared/peers/simdzone}
ORIGIN=bench.example
DORIGIN=example

say() { echo "bench: $*" >&2; }

# --- tools, builds --------------------------------------------------------
sh tests/deps.sh build pkg-config libldns-dev libcyaml-dev libyaml-dev \
    libidn2-dev
have_sz=no
SZWHY="simdzone: not available (no $SZSHOW)"
case $ONLY in
scaling)
	# zonelint alone: no peer to install or build.
	sh tests/deps.sh cmds time:time hyperfine:hyperfine || exit 1
	;;
'')
	# validns is a Debian package (bookworm: 0.8+git20160720); should
	# a release drop it, the table says "not available" and the rest
	# still runs.
	sh tests/deps.sh cmds time:time hyperfine:hyperfine ps:procps \
	    kzonecheck:knot-dnssecutils named-checkzone:bind9-utils ||
	    exit 1
	if [ -f "$SZSRC/CMakeLists.txt" ]; then
		if sh tests/deps.sh cmds cmake:cmake; then
			have_sz=build
		else
			SZWHY="simdzone: not available (cmake could not be installed)"
		fi
	fi
	sh tests/deps.sh cmds validns:validns 2>/dev/null ||
	    say "validns could not be installed: reported as not available"
	;;
*)
	say "BENCH_ONLY is empty or scaling, not $ONLY"
	exit 2
	;;
esac
[ -x /usr/bin/time ] || { say "/usr/bin/time missing"; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/zonebench.XXXXXX")
# c_pid: a capped run under way (see capped_run), stopped on the way out.
c_pid=
trap '[ -z "$c_pid" ] || kill -TERM "$c_pid" 2>/dev/null; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
: >"$TMP/results"
: >"$TMP/szbad"
: >"$TMP/notes"

say "building the release variant"
make --no-print-directory VARIANT=release "build/release/zonegen" \
    "build/release/zonelint" >&2
BIN=$ROOT/build/release
mkdir -p "$BIN/bench"
CC=${CC:-cc}
BFLAGS="-std=c11 -O2 -g -Wall -Wextra -D_POSIX_C_SOURCE=200809L"
# shellcheck disable=SC2086
$CC $BFLAGS -o "$BIN/bench/gen" tests/bench/gen.c
# shellcheck disable=SC2046,SC2086
$CC $BFLAGS $(pkg-config --cflags ldns) -o "$BIN/bench/floor" \
    tests/bench/floor.c $(pkg-config --libs ldns)
# shellcheck disable=SC2086
$CC $BFLAGS -pthread -o "$BIN/bench/roundtrip" tests/bench/roundtrip.c
GEN=$BIN/bench/gen
FLOOR=$BIN/bench/floor
# rt VAR: a cache line's round trip between two CPUs now, in ns, appended
# to VAR (zonelint's two threads hand their chunks over the same way).
rt() {
	eval "$1=\"\${$1:+\$$1 }$("$BIN/bench/roundtrip" 2>/dev/null || echo -)\""
}
# A copy of the programs as built now: a rebuild of build/release/ while
# the benchmark runs must not change what it measures.
mkdir "$TMP/bin"
cp "$BIN/zonelint" "$BIN/zonegen" "$TMP/bin/"
ZL=$TMP/bin/zonelint
ZG=$TMP/bin/zonegen

# simdzone: out of tree, release mode, into build/release/simdzone; a
# cache left by a source elsewhere is dropped and the build tried again.
SZBUILD=$BIN/simdzone
sz_build() {
	cmake -S "$SZSRC" -B "$SZBUILD" -DCMAKE_BUILD_TYPE=Release \
	    >>"$TMP/simdzone.log" 2>&1 &&
	    cmake --build "$SZBUILD" -j2 >>"$TMP/simdzone.log" 2>&1 &&
	    [ -x "$SZBUILD/zone-bench" ]
}
SZVER=
if [ "$have_sz" = build ]; then
	say "building simdzone ($SZSHOW) into $SZBUILD"
	if sz_build || { rm -rf "$SZBUILD" && sz_build; }; then
		have_sz=yes
		cp "$SZBUILD/zone-bench" "$TMP/bin/"
		SZVER=$(sed -n 's/^ *VERSION \([0-9][0-9.]*\).*/\1/p' \
		    "$SZSRC/CMakeLists.txt" | head -n 1)
		r=$(git -C "$SZSRC" rev-parse --short HEAD 2>/dev/null) &&
		    SZVER="$SZVER, git $r"
	else
		have_sz=no
		SZWHY="simdzone: not available (its build failed)"
		tail -n 20 "$TMP/simdzone.log" >&2
		say "$SZWHY"
	fi
fi
SZ=$TMP/bin/zone-bench
GITREV="git $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
git diff --quiet HEAD -- lint cmd zonegen 2>/dev/null ||
    GITREV="$GITREV + uncommitted changes"
have_validns=no
command -v validns >/dev/null 2>&1 && have_validns=yes
have_j=no
"$ZL" --help 2>&1 | grep -q -- '-j' && have_j=yes

LOAD_START=$(cat /proc/loadavg)
START=$(date -u '+%Y-%m-%d %H:%M UTC')


# --- measuring ------------------------------------------------------------
# q ARG: ARG quoted for sh.
q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# measure ID COMMAND: COMMAND is a shell command line, run with sh -c, its
# stdout to $TMP/out.ID and stderr to $TMP/err.ID.  One run under
# /usr/bin/time gives the peak RSS (%M, KiB: the largest process) and the
# exit status, and warms the page cache; then hyperfine runs it RUNS times
# (its median; hyperfine subtracts the shell's start-up).  When that first
# run took SLOW seconds or more, it is the only one.  Appends
# "ID MEDIAN_S MAX_RSS_KIB RUNS STATUS" to results.  With a third argument
# "capped", the first run is a capped_run: stopped, and noted as skipped,
# past CAP_S seconds or CAP_MIB MiB; when it ended before the watcher saw
# it pass CAP_MIB but its peak RSS did, it is the only run.
measure() {
	m_id=$1
	m_cmd="$2 >$(q "$TMP/out.$1") 2>$(q "$TMP/err.$1")"
	m_st=0
	rm -f "$TMP/stopped" "$TMP/rss"
	m_t0=$(date +%s%N)
	if [ "${3:-}" = capped ]; then
		capped_run "$m_cmd" || m_st=$?
	else
		/usr/bin/time -f "%M" -o "$TMP/rss" sh -c "$m_cmd" || m_st=$?
	fi
	m_t1=$(date +%s%N)
	if [ -s "$TMP/stopped" ]; then
		note "$m_id" "$(cat "$TMP/stopped")"
		say "$m_id: $(cat "$TMP/stopped")"
		return 0
	fi
	m_rss=$(tail -n 1 "$TMP/rss")
	m_n=1
	m_med=$(awk -v t=$((m_t1 - m_t0)) 'BEGIN { printf "%.3f", t / 1e9 }')
	m_more=yes
	if [ "${3:-}" = capped ] && [ "${m_rss:-0}" -gt $((CAP_MIB * 1024)) ]; then
		m_more=no
		echo "$m_id over the $CAP_MIB MiB cap: not run again" >>"$TMP/notes"
	fi
	if [ $(((m_t1 - m_t0) / 1000000000)) -lt "$SLOW" ] && [ "$RUNS" -gt 1 ] &&
	    [ "$m_more" = yes ]
	then
		rm -f "$TMP/h.json"
		hyperfine --shell=sh --ignore-failure --runs "$RUNS" \
		    --style none --export-json "$TMP/h.json" -- "$m_cmd" \
		    >/dev/null 2>&1 || :
		m_h=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' \
		    "$TMP/h.json" 2>/dev/null | head -n 1)
		if [ -n "$m_h" ]; then
			m_n=$RUNS
			m_med=$(awk -v t="$m_h" 'BEGIN { printf "%.3f", t + 0 }')
		fi
	fi
	echo "$m_id $m_med $m_rss $m_n $m_st" >>"$TMP/results"
	say "$m_id: ${m_med}s, ${m_rss} KiB, $m_n runs, exit $m_st"
}

# capped_run CMD: sh -c CMD under /usr/bin/time (peak RSS to $TMP/rss)
# and timeout CAP_S; a watcher sums the RSS of its processes every second
# and stops them past CAP_MIB MiB.  When stopped, $TMP/stopped says why.
# Returns CMD's exit status.
capped_run() {
	timeout "$CAP_S" /usr/bin/time -f "%M" -o "$TMP/rss" sh -c "$1" &
	c_pid=$!
	c_t0=$(date +%s)
	(
		while sleep 1; do
			c_kib=$(ps -e -o pid= -o ppid= -o rss= | awk -v root="$c_pid" '
			    { up[$1] = $2; rss[$1] = $3 }
			    END {
				for (p in up) {
					q = p
					for (n = 0; q != root && (q in up) && n < 64; n++)
						q = up[q]
					if (q == root) s += rss[p]
				}
				printf "%d\n", s
			    }')
			[ "$c_kib" -gt 0 ] || exit 0
			if [ "$c_kib" -gt $((CAP_MIB * 1024)) ]; then
				echo "skipped: its first run passed $CAP_MIB MiB RSS" \
				    "(stopped after $(($(date +%s) - c_t0)) s)" \
				    >"$TMP/stopped"
				kill -TERM "$c_pid" 2>/dev/null
				exit 0
			fi
		done
	) &
	c_watch=$!
	c_st=0
	wait "$c_pid" || c_st=$?
	c_pid=
	kill "$c_watch" 2>/dev/null || :
	wait "$c_watch" 2>/dev/null || :
	if [ "$c_st" -eq 124 ] && [ ! -s "$TMP/stopped" ]; then
		echo "skipped: its first run passed $CAP_S s (stopped)" \
		    >"$TMP/stopped"
	fi
	return "$c_st"
}

# sz_check ID N: simdzone's run ID must exit 0 and report "Parsed N
# records"; when not, $TMP/szbad says what it did.
sz_check() {
	s_n=$(sed -n 's/^Parsed \([0-9]*\) records$/\1/p' "$TMP/out.$1" \
	    2>/dev/null | tail -n 1)
	if [ "$(get "$1" 5)" != 0 ] || [ "$s_n" != "$2" ]; then
		echo "$1 parsed ${s_n:-no} records of $2" >>"$TMP/szbad"
		say "$1: simdzone parsed ${s_n:-no} records of $2, exit $(get "$1" 5)"
	fi
}

# measure_sz ID FILE N: simdzone's parse of FILE (N records) as row ID, or
# the row says why simdzone is not available.
measure_sz() {
	if [ "$have_sz" = yes ]; then
		measure "$1" "$QSZ parse $2"
		sz_check "$1" "$3"
	else
		note "$1" "$SZWHY"
	fi
}

# sz_bad ID: why simdzone's run ID does not count ("" when it does).
sz_bad() {
	idtext "$1" "$TMP/szbad"
}

# idtext ID FILE: the text after ID on its line of FILE.
idtext() {
	awk -v id="$1" '$1 == id { $1 = ""; sub(/^ /, ""); print; exit }' "$2"
}

# zl_sz ZL_ID SZ_ID: zonelint's time over simdzone's, "n/a" when
# simdzone was not run or did not parse the whole zone.
zl_sz() {
	if [ -n "$(sz_bad "$2")" ]; then
		echo n/a
	else
		ratio "$(get "$1" 2)" "$(get "$2" 2)"
	fi
}

# note ID TEXT: a row that was not measured (TEXT says why).
note() {
	id=$1
	shift
	echo "$id - - 0 - $*" >>"$TMP/results"
}

# get ID FIELD: 2 median s, 3 RSS KiB, 4 runs, 5 exit status, 6- note.
get() {
	awk -v id="$1" -v f="$2" '$1 == id {
		if (f == 6) { s = ""; for (i = 6; i <= NF; i++) s = s (i > 6 ? " " : "") $i; print s }
		else print $f
		exit }' "$TMP/results"
}

# ratio A B: A / B with two decimals, "n/a" when either is missing.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || a == "-" || b == "" || b == "-" || b + 0 == 0) print "n/a"
		else printf "%.2f", a / b }'
}

# mib KIB: KiB as MiB, one decimal.
mib() { awk -v k="$1" 'BEGIN { if (k == "" || k == "-") print "-"; else printf "%.1f", k / 1024 }'; }
# num N: N with thousands separated by commas.
num() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); r = ""
	while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
	print s r }'; }

# scale ID NEWID FACTOR: a sampled measurement extrapolated to all files.
scale() {
	awk -v id="$1" -v nid="$2" -v f="$3" '$1 == id {
		printf "%s %.3f %s %s %s\n", nid, $2 * f, $3, $4, $5 }' \
	    "$TMP/results" >"$TMP/scaled"
	cat "$TMP/scaled" >>"$TMP/results"
}

# --- scaling ----------------------------------------------------------------
# Inputs of issue 12 that once cost the square of their size, made by
# tests/scale-inputs.sh (tests/hostile/scale.sh checks their findings) at
# the SCALING sizes, 4 times apart: N inline suppressions in one zone
# (half unused); N $INCLUDEs of three small files, each spelt differently
# (a.zone, .//a.zone, ././/a.zone, ...), with findings and suppressions of
# one line and rule in every one of them; and N small zones in one call,
# in SARIF and in text, each with a finding about the whole file (line 0),
# whose SARIF region needs the file's line count.  Linear means each step
# costs about 4 times the one before; the issue asks at most about 4.5.
# Writes $TMP/scaling.md, between markers that BENCH_ONLY=scaling finds.
SCALING_BEGIN='<!-- scaling: begin (BENCH_ONLY=scaling sh tests/bench/run.sh rewrites this section alone) -->'
SCALING_END='<!-- scaling: end -->'

scaling() {
	say "scaling: $SCALING"
	s_runs=$RUNS
	RUNS=$SCALING_RUNS
	s_zl=$(q "$ZL")
	for n in $SCALING; do
		d=$TMP/scale/$n
		for k in supp inc files; do
			sh "$ROOT/tests/scale-inputs.sh" "$k" "$n" "$d/$k"
		done
		measure "sc.supp.$n" "$s_zl --no-config --profile none $(q "$d/supp/supp.zone")"
		measure "sc.inc.$n" "$s_zl --no-config --profile none $(q "$d/inc/main.zone")"
		# 160,000 names pass the 2 MiB that an 8 MiB stack gives
		# arguments: a larger stack, for this shell only.
		for f in sarif text; do
			measure "sc.$f.$n" "ulimit -s 65536 2>/dev/null; cd $(q "$d/files") && $s_zl --no-config --profile none --format $f ./*.zone"
		done
		rm -rf "$d"
	done
	RUNS=$s_runs
	s_last=
	for n in $SCALING; do s_last=$n; done
	{
		echo "$SCALING_BEGIN"
		echo
		echo "## Scaling: inputs of issue 12 at $(for n in $SCALING; do printf '%s ' "$(num "$n")"; done | sed 's/ $//; s/ / and /g')"
		echo
		echo "Inputs that once cost the square of their size (issue 12), generated"
		echo "in the run by tests/scale-inputs.sh: N inline suppressions in one"
		echo "zone (half of them unused); N \`\$INCLUDE\`s of three small files, each"
		echo "spelt differently (\`a.zone\`, \`.//a.zone\`, \`././/a.zone\`, ...), with"
		echo "findings and suppressions of one line in each; N small zones in one"
		echo "call, each with a finding about the whole file (line 0), in SARIF"
		echo "(whose region needs the file's line count) and in text.  Median wall time"
		echo "in seconds of $SCALING_RUNS hyperfine runs after one under /usr/bin/time"
		echo "(the method above); \"A ÷ B\" is the time at A over the time at B."
		echo "Linear costs about 4 times per step; the issue's criterion is at most"
		echo "about 4.5.  The spellings grow by a \`./\` or \`.//\` each time N doubles,"
		echo "so the \`\$INCLUDE\` input grows about 4.4 times in bytes per step, and"
		echo "every spelling is resolved (realpath) once.  Written $START, $GITREV, $(nproc) CPUs (load at start"
		echo "$(echo "$LOAD_START" | cut -d ' ' -f 1-3))."
		echo
		printf '| input (N)'
		for n in $SCALING; do printf ' | %s s' "$(num "$n")"; done
		s_prev=
		for n in $SCALING; do
			[ -z "$s_prev" ] || printf ' | %s ÷ %s' "$(num "$n")" "$(num "$s_prev")"
			s_prev=$n
		done
		printf ' | peak RSS MiB at %s | each step ≤ 4.5× |\n|---' "$(num "$s_last")"
		for n in $SCALING; do printf '|---:'; done
		s_prev=
		for n in $SCALING; do
			[ -z "$s_prev" ] || printf '|---:'
			s_prev=$n
		done
		printf '|---:|---|\n'
		for r in "supp:inline suppressions in one zone" \
		    "inc:\`\$INCLUDE\`s of three files, each spelt differently" \
		    "sarif:small zones in one call, \`--format sarif\`" \
		    "text:small zones in one call, \`--format text\`"; do
			s_id=${r%%:*}
			printf '| %s' "${r#*:}"
			s_st=
			for n in $SCALING; do
				printf ' | %s' "$(get "sc.$s_id.$n" 2)"
				s_x=$(get "sc.$s_id.$n" 5)
				case $s_x in
				0 | 1) ;;
				*) s_st="$s_st exit $s_x at $(num "$n");" ;;
				esac
			done
			s_prev=
			s_met=MET
			for n in $SCALING; do
				if [ -n "$s_prev" ]; then
					s_r=$(ratio "$(get "sc.$s_id.$n" 2)" "$(get "sc.$s_id.$s_prev" 2)")
					printf ' | %s' "$s_r"
					if [ "$s_r" = n/a ] || ! awk -v v="$s_r" 'BEGIN { exit !(v <= 4.5) }'; then
						s_met="NOT MET"
					fi
				fi
				s_prev=$n
			done
			[ -z "$s_st" ] || s_met="NOT MET (${s_st% })"
			printf ' | %s | %s |\n' "$(mib "$(get "sc.$s_id.$s_last" 3)")" "$s_met"
		done
		echo
		echo "$SCALING_END"
	} >"$TMP/scaling.md"
}

# BENCH_ONLY=scaling: that section alone, spliced into BENCH_OUT between
# its markers (or added at its end); the rest of the file stays as the
# last full run wrote it.
if [ "$ONLY" = scaling ]; then
	scaling
	if [ -f "$OUT" ] && grep -qF -e "$SCALING_BEGIN" "$OUT"; then
		awk -v b="$SCALING_BEGIN" -v e="$SCALING_END" -v f="$TMP/scaling.md" '
		    $0 == b { while ((getline l <f) > 0) print l; skip = 1; next }
		    $0 == e && skip { skip = 0; next }
		    !skip' "$OUT" >"$TMP/spliced.md"
	else
		{ [ ! -f "$OUT" ] || { cat "$OUT"; echo; }; cat "$TMP/scaling.md"; } \
		    >"$TMP/spliced.md"
	fi
	cp "$TMP/spliced.md" "$OUT"
	cat "$TMP/scaling.md"
	say "scaling section written to $OUT"
	exit 0
fi

# --- inputs ---------------------------------------------------------------
say "generating inputs in $TMP"
for n in $SIZES; do
	"$GEN" zone "$n" "$ORIGIN" >"$TMP/z$n.zone"
	# validns 0.8 has no CAA: the same zone without its CAA lines.
	grep -v '	CAA	' "$TMP/z$n.zone" >"$TMP/z$n.nocaa.zone"
done
if [ "$DELEG" -gt 0 ]; then
	"$GEN" delegations "$DELEG" "$DORIGIN" >"$TMP/deleg.zone"
	# Its last line: "; end: R records, C delegations (S signed), G glue
	# names, O owner names".
	read -r DREC DCHILD DSIGNED DGLUE DNAMES <<EOF_DELEG || :
$(tail -n 1 "$TMP/deleg.zone" | sed -n 's/^; end: \([0-9]*\) records, \([0-9]*\) delegations (\([0-9]*\) signed), \([0-9]*\) glue names, \([0-9]*\) owner names$/\1 \2 \3 \4 \5/p')
EOF_DELEG
	[ "${DREC:-}" = "$DELEG" ] ||
	    { say "gen delegations wrote ${DREC:-?} records, not $DELEG"; exit 1; }
fi
mkdir "$TMP/small"
"$GEN" smallzones "$TMP/small" "$SMALL"
"$GEN" domains "$DOMAINS" >"$TMP/domains.txt"
"$GEN" domains $((DOMAINS / 10)) >"$TMP/domains10.txt"
STEP=$((SMALL / SAMPLE))
[ "$STEP" -ge 1 ] || STEP=1
NSAMPLE=$(((SMALL + STEP - 1) / STEP))
SAMPLEFILES=$(awk -v n="$SMALL" -v s="$STEP" 'BEGIN {
	for (i = 0; i < n; i += s) printf "d%05d.example.zone ", i }')
FACTOR=$(awk -v a="$SMALL" -v b="$NSAMPLE" 'BEGIN { printf "%.4f", a / b }')

# --- big zones --------------------------------------------------------------
QFLOOR=$(q "$FLOOR")
QZL=$(q "$ZL")
QZG=$(q "$ZG")
QSZ=$(q "$SZ")
BIG= # the largest zone (the round trips are timed around its zonelint runs)
for n in $SIZES; do BIG=$n; done
for n in $SIZES; do
	z=$(q "$TMP/z$n.zone")
	measure "z$n.floor" "$QFLOOR --origin $ORIGIN. $z"
	[ "$n" != "$BIG" ] || rt RT_Z
	measure "z$n.zl" "$QZL --no-config $z"
	[ "$n" != "$BIG" ] || rt RT_Z
	if [ "$have_j" = yes ]; then
		measure "z$n.zl2" "$QZL --no-config -j 2 $z"
	else
		note "z$n.zl2" "not implemented"
	fi
	measure_sz "z$n.sz" "$z" "$n"
	measure "z$n.named" "named-checkzone -i local $ORIGIN $z"
	measure "z$n.knot" "kzonecheck -o $ORIGIN $z"
	if [ "$have_validns" = yes ]; then
		if validns -z "$ORIGIN" "$TMP/z$n.zone" >"$TMP/validns.$n" 2>&1
		then
			measure "z$n.validns" "validns -z $ORIGIN $z"
		else
			why=$(grep -m 1 -o 'unsupported rdtype [a-z0-9]*' \
			    "$TMP/validns.$n" || head -n 1 "$TMP/validns.$n")
			note "z$n.validns" "rejects the input ($why)"
		fi
		measure "z$n.validns-nocaa" \
		    "validns -z $ORIGIN $(q "$TMP/z$n.nocaa.zone")"
		measure "z$n.floor-nocaa" \
		    "$QFLOOR --origin $ORIGIN. $(q "$TMP/z$n.nocaa.zone")"
	else
		note "z$n.validns" "not available"
	fi
done

# --- the delegation zone ----------------------------------------------------
# One file: no -j.  zonelint with --profile none (a registry's zone has
# no mail records) and limits raised past the file (the defaults, 256 MiB
# and 10,000,000 records, are what 10,000,000 delegation records reach).
# BIND and Knot may need minutes and many GiB here: capped.
if [ "$DELEG" -gt 0 ]; then
	say "delegation zone, $DELEG records"
	d=$(q "$TMP/deleg.zone")
	DBYTES=$(wc -c <"$TMP/deleg.zone")
	DMAXSIZE=$(((DBYTES * 2 + 1048575) / 1048576))
	[ "$DMAXSIZE" -ge 256 ] || DMAXSIZE=256
	DMAXREC=$((DELEG * 2))
	[ "$DMAXREC" -ge 10000000 ] || DMAXREC=10000000
	DLIMITS="--max-file-size ${DMAXSIZE}M --max-records $DMAXREC"
	measure dz.floor "$QFLOOR --origin $DORIGIN. $d"
	rt RT_D
	measure dz.zl "$QZL --no-config --profile none $DLIMITS $d"
	rt RT_D
	measure_sz dz.sz "$d" "$DELEG"
	measure dz.named "named-checkzone -i local $DORIGIN $d" capped
	measure dz.knot "kzonecheck -o $DORIGIN $d" capped
fi

# --- small zones ------------------------------------------------------------
# Run in their folder: the shell expands d*.zone (10,000 names are more
# than one argument string may hold).
say "small zones"
cd "$TMP/small"
measure sz.floor "$QFLOOR d*.zone"
measure sz.zl "$QZL --no-config d*.zone"
if [ "$have_j" = yes ]; then
	measure sz.zl1 "$QZL --no-config -j 1 d*.zone"
	measure sz.zl2 "$QZL --no-config -j 2 d*.zone"
else
	note sz.zl1 "not implemented"
	note sz.zl2 "not implemented"
fi
# shellcheck disable=SC2016
measure sz.named.s "for f in $SAMPLEFILES; do
	named-checkzone -q -i local \"\${f%.zone}\" \"\$f\" || :; done"
scale sz.named.s sz.named "$FACTOR"
# shellcheck disable=SC2016
measure sz.knot.s "for f in $SAMPLEFILES; do
	kzonecheck -o \"\${f%.zone}\" \"\$f\" || :; done"
scale sz.knot.s sz.knot "$FACTOR"
if [ "$have_validns" = yes ]; then
	# shellcheck disable=SC2016
	measure sz.validns.s "for f in $SAMPLEFILES; do
		validns -z \"\${f%.zone}\" \"\$f\" || :; done"
	scale sz.validns.s sz.validns "$FACTOR"
else
	note sz.validns "not available"
fi
# shellcheck disable=SC2016
measure sz.floor1.s "for f in $SAMPLEFILES; do $QFLOOR \"\$f\" || :; done"
scale sz.floor1.s sz.floor1 "$FACTOR"

# Correctness: zonelint's findings against the answer key.
"$ZL" --no-config --format json d*.zone >"$TMP/small.json" 2>"$TMP/small.err" ||
    :
sed -n 's/^ *{"file": "\([^"]*\)", "line": \([0-9]*\), "rule": "\([^"]*\)".*/\1	\2	\3/p' \
    "$TMP/small.json" >"$TMP/found.tsv"
awk -F '\t' '
	FNR == NR { if ($0 !~ /^#/) { key[NR] = $0; nkey++; bad[$1] = 1 }
		    next }
	{ nfound++; f[$1 "\t" $3] = f[$1 "\t" $3] " " $2 " "
	  if (!($1 in bad)) clean_findings++
	  else other[$1 "\t" $3] = 1 }
	END {
		for (i in key) {
			split(key[i], k, "\t")
			s = f[k[1] "\t" k[3]]
			if (s != "" && (k[2] == 0 || index(s, " " k[2] " ")))
				hit++
			else { miss++; if (miss <= 5) missed = missed " " k[1] ":" k[2] ":" k[3] }
		}
		printf "%d %d %d %d %d%s\n", nkey, hit + 0, miss + 0,
		    clean_findings + 0, nfound + 0, missed
	}' "$TMP/small/defects.tsv" "$TMP/found.tsv" >"$TMP/correct"
read -r KEYS HITS MISSES FALSEPOS NFOUND MISSED <"$TMP/correct" || :
DEFECTIVE=$(grep -vc '^#' "$TMP/small/defects.tsv" || :)
CLEAN=$((SMALL - DEFECTIVE))
cd "$ROOT"

# --- zonegen ----------------------------------------------------------------
say "zonegen"
for f in bind nsupdate json; do
	measure "zg.$f" "$QZG --domains $(q "$TMP/domains.txt") --format $f"
	measure "zg10.$f" "$QZG --domains $(q "$TMP/domains10.txt") --format $f"
done
cp "$TMP/out.zg.bind" "$TMP/zonegen.bind.zone"
measure zg.floor "$QFLOOR $(q "$TMP/zonegen.bind.zone")"

# --- the SPF lookup counter on the sanitizer build --------------------------
# 1,000 names whose SPF records include ten others each (loops
# everywhere): counted once per name, so linear in the zone's SPF graph.
say "SPF graph of 1,000 names x 10 includes (ASan+UBSan build)"
make --no-print-directory VARIANT=san build/san/zonelint >&2
cp "$ROOT/build/san/zonelint" "$TMP/bin/zonelint-san"
awk -v o="$ORIGIN" 'BEGIN {
	printf "$ORIGIN %s.\n$TTL 3600\n", o
	printf "@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1.example.net.\n"
	for (i = 0; i < 1000; i++) {
		printf "n%d TXT ( \"v=spf1", i
		for (k = 1; k <= 10; k++) {
			printf " include:n%d.%s", (i + k * 97) % 1000, o
			if (k == 5) printf "\"\n\t\""
		}
		printf " -all\" )\n"
	}
}' >"$TMP/spf-graph.zone"
measure spf.san "ASAN_OPTIONS=detect_leaks=0 $(q "$TMP/bin/zonelint-san") --no-config --profile none $(q "$TMP/spf-graph.zone") || :"
ZGREC=$(sed -n 's/^floor: \([0-9]*\) records.*/\1/p' "$TMP/out.zg.floor")

scaling

# --- the report -------------------------------------------------------------
LOAD_END=$(cat /proc/loadavg)
size() { awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
pkgv() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "not installed"; }

# row ID LABEL FLOOR_ID ZONELINT_ID [SIMDZONE_ID]: one table row.  With
# SIMDZONE_ID, one more column: on zonelint's rows (IDs *.zl, *.zl2) the
# row's time over simdzone's, "–" on the others.
row() {
	r_t=$(get "$1" 2)
	r_n=$(get "$1" 4)
	r_why=$(get "$1" 6)
	r_sz=
	if [ -n "${5:-}" ]; then
		case $1 in
		*.zl | *.zl2) r_sz=" $(zl_sz "$1" "$5") |" ;;
		*) r_sz=" – |" ;;
		esac
	fi
	if [ -z "$r_t" ] || [ "$r_t" = - ]; then
		[ -z "$r_sz" ] || r_sz=" – |"
		printf '| %s | – | %s | – | – | – |%s\n' "$2" "${r_why:-not run}" \
		    "$r_sz"
		return
	fi
	r_st=$(get "$1" 5)
	r_ex=
	[ "$r_st" = 0 ] || r_ex=" (exit $r_st)"
	r_bad=$(sz_bad "$1")
	[ -z "$r_bad" ] || r_ex="$r_ex ($r_bad: not counted)"
	r_note=$(idtext "$1" "$TMP/notes")
	[ -z "$r_note" ] || r_ex="$r_ex ($r_note)"
	printf '| %s%s | %s | %s | %s | %s | %s |%s\n' "$2" "$r_ex" "$r_n" "$r_t" \
	    "$(mib "$(get "$1" 3)")" "$(ratio "$r_t" "$(get "$3" 2)")" \
	    "$(ratio "$(get "$4" 2)" "$r_t")" "$r_sz"
}

HEAD='| command | runs | median s | peak RSS MiB | time ÷ floor | zonelint ÷ this |
|---|---:|---:|---:|---:|---:|'
HEADSZ='| command | runs | median s | peak RSS MiB | time ÷ floor | zonelint ÷ this | zonelint ÷ simdzone |
|---|---:|---:|---:|---:|---:|---:|'

# target TEXT VALUE CONDITION(awk, on v): one row of the targets table.
target() {
	if [ "$2" = n/a ] || [ "$2" = - ] || [ -z "$2" ]; then
		printf '| %s | %s | NOT MET (not measured) |\n' "$1" "${4:-n/a}"
	elif awk -v v="$2" "BEGIN { exit !($3) }"; then
		printf '| %s | %s | MET |\n' "$1" "$2"
	else
		printf '| %s | %s | NOT MET |\n' "$1" "$2"
	fi
}

MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)

{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` (tests/bench/run.sh); rerun it to reproduce."
	echo "Inputs are generated with a fixed seed by tests/bench/gen.c into a"
	echo "temporary directory; the ldns floor is tests/bench/floor.c (reads"
	echo "every record with \`ldns_rr_new_frm_fp_l\` in a loop, keeps none)."
	echo
	echo "- date: $START"
	echo "- machine: $(nproc) CPUs, $MODEL, $MEM RAM, Linux $(uname -r)," \
	    "Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"
	echo "- load average (1, 5, 15 min) at start: $(echo "$LOAD_START" | cut -d ' ' -f 1-3)," \
	    "at end: $(echo "$LOAD_END" | cut -d ' ' -f 1-3) (other jobs share the machine)"
	echo "- versions: zonelint $("$ZL" --version 2>&1 | head -n 1 | sed 's/^zonelint //')" \
	    "(release build copied at the start, $GITREV," \
	    "-j $([ "$have_j" = yes ] && echo supported || echo 'not implemented')), libldns $(pkgv libldns3)," \
	    "BIND $(pkgv bind9-utils), Knot $(pkgv knot-dnssecutils)," \
	    "validns $(pkgv validns), simdzone $(if [ "$have_sz" = yes ]; then
		echo "$SZVER (built from $SZSHOW, release; kernel $(sed -n 's/^Selected target //p' "$TMP/out.z$BIG.sz" 2>/dev/null | head -n 1))"
	    else echo "${SZWHY#simdzone: }"; fi)," \
	    "GNU time $(pkgv time), gcc $($CC -dumpfullversion 2>/dev/null || echo '?')"
	echo "- method: each command runs once under /usr/bin/time (peak RSS, %M," \
	    "of its largest process; exit status; warms the page cache), then" \
	    "$RUNS times under hyperfine (median wall time); a command whose" \
	    "first run took ${SLOW} s or more is not run again (runs = 1, its" \
	    "time from that run). \"time ÷ floor\" is the row's" \
	    "time over the ldns floor's on the same input; \"zonelint ÷ this\" is" \
	    "zonelint's (one process, no -j) over the row's: below 1 zonelint is faster;" \
	    "\"zonelint ÷ simdzone\", on zonelint's rows, is that row's time over" \
	    "simdzone's \`zone-bench parse\` (every record to wire form, no checks)" \
	    "on the same file in the same run, counted only when simdzone exits 0" \
	    "having parsed every record."
	echo "- the two CPUs: a cache line's round trip between them" \
	    "(tests/bench/roundtrip.c, ns) just before and after zonelint's" \
	    "runs: $(echo "${RT_Z:--}" | sed 's/ / and /') on the $(num "$BIG")-record" \
	    "zone, $(echo "${RT_D:--}" | sed 's/ / and /') on the delegation zone." \
	    "On this machine it is 45 to 130 ns while its two vCPUs share a" \
	    "cache and 380 to 450 ns while they do not; zonelint times the same" \
	    "and, in the second case, streams its chunks through memory" \
	    "(lint/pipe.c, probe_far)."
	echo "- command to reproduce: \`make bench\` (BENCH_RUNS=N to change the runs)"
	echo
	for n in $SIZES; do
		z=$TMP/z$n.zone
		echo "## Zone of $(num "$n") records ($(size "$z"))"
		echo
		echo "$HEADSZ"
		row "z$n.floor" "ldns floor \`floor --origin $ORIGIN. ZONE\`" "z$n.floor" "z$n.zl" "z$n.sz"
		row "z$n.zl" "\`zonelint ZONE\`" "z$n.floor" "z$n.zl" "z$n.sz"
		row "z$n.zl2" "\`zonelint -j 2 ZONE\`" "z$n.floor" "z$n.zl" "z$n.sz"
		row "z$n.sz" "simdzone \`zone-bench parse ZONE\`" "z$n.floor" "z$n.zl" "z$n.sz"
		row "z$n.named" "\`named-checkzone -i local $ORIGIN ZONE\`" "z$n.floor" "z$n.zl" "z$n.sz"
		row "z$n.knot" "\`kzonecheck -o $ORIGIN ZONE\`" "z$n.floor" "z$n.zl" "z$n.sz"
		row "z$n.validns" "\`validns -z $ORIGIN ZONE\`" "z$n.floor" "z$n.zl" "z$n.sz"
		if [ "$(get "z$n.validns-nocaa" 2)" != "" ]; then
			nr=$(sed -n 's/^floor: \([0-9]*\) records.*/\1/p' "$TMP/out.z$n.floor-nocaa")
			row "z$n.validns-nocaa" "\`validns\` on the zone without its CAA records ($(num "$nr") records; time ÷ floor on that file)" "z$n.floor-nocaa" "z$n.zl" "z$n.sz"
		fi
		echo
	done
	if [ "$DELEG" -gt 0 ]; then
		echo "## Delegation zone of $(num "$DELEG") records ($(size "$TMP/deleg.zone")), TLD-like"
		echo
		echo "\`gen delegations $DELEG $DORIGIN\`: SOA, apex NS and their addresses,"
		echo "then $(num "${DCHILD:-0}") delegations only (2 or 3 NS each, most at hosters out of"
		echo "the zone; $(num "${DSIGNED:-0}") signed with 1 or 2 DS), $(num "${DGLUE:-0}") in-bailiwick name"
		echo "servers with glue: $(num "${DNAMES:-0}") owner names in all.  zonelint runs with"
		echo "\`--profile none\` (a registry's zone has no mail records) and its limits"
		echo "set explicitly to twice the file's size and records, never below the"
		echo "defaults (256 MiB and 10,000,000 records, which a 10,000,000-record"
		echo "delegation zone passes).  No -j row: one file.  named-checkzone and"
		echo "kzonecheck are stopped, and the row says skipped, when their first run"
		echo "passes $CAP_S s or $CAP_MIB MiB RSS (their processes together)."
		echo
		echo "$HEADSZ"
		row dz.floor "ldns floor \`floor --origin $DORIGIN. ZONE\`" dz.floor dz.zl dz.sz
		row dz.zl "\`zonelint --profile none $DLIMITS ZONE\`" dz.floor dz.zl dz.sz
		row dz.sz "simdzone \`zone-bench parse ZONE\`" dz.floor dz.zl dz.sz
		row dz.named "\`named-checkzone -i local $DORIGIN ZONE\`" dz.floor dz.zl dz.sz
		row dz.knot "\`kzonecheck -o $DORIGIN ZONE\`" dz.floor dz.zl dz.sz
		echo
		# zonelint's RSS against names, records and bytes, on both big
		# zones (the counts: the generator's last line).
		per() {
			awk -v k="$1" -v n="$2" -v u="$3" 'BEGIN {
				if (k == "" || k == "-" || n + 0 == 0) print "n/a"
				else printf "%.1f", k / (n / u) }'
		}
		rss_row() {
			r_kib=$(get "$2" 3)
			r_b=$(wc -c <"$4")
			printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" \
			    "$(num "$3")" "$(num "$5")" "$(size "$4")" \
			    "$(mib "$r_kib")" "$(per "$r_kib" "$3" 1000)" \
			    "$(per "$r_kib" "$5" 1000)" \
			    "$(per "$r_kib" "$r_b" 1048576 | awk '{ if ($1 == "n/a") print; else printf "%.2f", $1 / 1024 }')"
		}
		bnames=$(tail -n 1 "$TMP/z$BIG.zone" | sed -n 's/^; end: [0-9]* records, \([0-9]*\) owner names$/\1/p')
		echo "zonelint's peak RSS set against the owner names, the records and the"
		echo "bytes of its input (one process; the names counted by the generator,"
		echo "empty non-terminals not):"
		echo
		echo '| zone | owner names | records | size | zonelint peak RSS MiB | KiB per 1,000 names | KiB per 1,000 records | MiB per MiB of text |'
		echo '|---|---:|---:|---:|---:|---:|---:|---:|'
		rss_row "delegations, $(num "$DELEG") records" dz.zl "${DNAMES:-0}" "$TMP/deleg.zone" "$DELEG"
		rss_row "$(num "$BIG")-record zone (above)" "z$BIG.zl" "${bnames:-0}" "$TMP/z$BIG.zone" "$BIG"
		echo
	fi
	echo "## $(num "$SMALL") small mail zones ($(num "$DEFECTIVE") with a planted defect)"
	echo
	echo "The once-per-file rows ran on every ${STEP}th file ($NSAMPLE files);"
	echo "their time is scaled by $FACTOR to all $(num "$SMALL") files, their RSS"
	echo "is that of the largest single process."
	echo
	echo "$HEAD"
	row sz.floor "ldns floor, one process over all files" sz.floor sz.zl
	row sz.zl "\`zonelint FILES\`, one process" sz.floor sz.zl
	row sz.zl1 "\`zonelint -j 1 FILES\`" sz.floor sz.zl
	row sz.zl2 "\`zonelint -j 2 FILES\`" sz.floor sz.zl
	row sz.named "\`named-checkzone -q -i local\` once per file (scaled)" sz.floor sz.zl
	row sz.knot "\`kzonecheck\` once per file (scaled)" sz.floor sz.zl
	row sz.validns "\`validns\` once per file (scaled)" sz.floor sz.zl
	row sz.floor1 "ldns floor once per file (scaled)" sz.floor sz.zl
	echo
	echo "zonelint exits 1 here: the planted defects are errors."
	echo
	echo "## zonegen, $(num "$DOMAINS") domains"
	echo
	echo '| command | runs | median s | peak RSS MiB | time ÷ ldns parsing the bind output | RSS at '"$(num $((DOMAINS / 10)))"' domains MiB |'
	echo '|---|---:|---:|---:|---:|---:|'
	for f in bind nsupdate json; do
		# shellcheck disable=SC2016
		printf '| `zonegen --domains FILE --format %s` | %s | %s | %s | %s | %s |\n' \
		    "$f" "$(get "zg.$f" 4)" "$(get "zg.$f" 2)" \
		    "$(mib "$(get "zg.$f" 3)")" \
		    "$(ratio "$(get "zg.$f" 2)" "$(get zg.floor 2)")" \
		    "$(mib "$(get "zg10.$f" 3)")"
	done
	printf '| ldns floor over the bind output (%s records, %s) | %s | %s | %s | 1.00 | |\n' \
	    "$(num "${ZGREC:-0}")" "$(size "$TMP/zonegen.bind.zone")" \
	    "$(get zg.floor 4)" "$(get zg.floor 2)" "$(mib "$(get zg.floor 3)")"
	echo
	echo "## Correctness"
	echo
	echo "zonelint (\`--format json\`, one process) over the $(num "$SMALL") small zones"
	echo "against the generator's answer key (defects.tsv: file, line or 0, rule):"
	echo "$(num "${HITS:-0}") of $(num "${KEYS:-0}") planted defects found (same file and rule, and line"
	echo "where the key gives one), ${FALSEPOS:-?} findings in the $(num "$CLEAN") clean zones,"
	echo "$(num "${NFOUND:-0}") findings in all.${MISSED:+ First missed:$MISSED.}"
	echo
	echo "## Targets"
	echo
	echo "Ratios from this run. MET or NOT MET against the targets of the issue."
	echo
	echo '| target | measured | result |'
	echo '|---|---:|---|'
	b=z$BIG
	target "$(num "$BIG")-record zone: zonelint time ÷ floor ≤ 1.0" \
	    "$(ratio "$(get "$b".zl 2)" "$(get "$b".floor 2)")" 'v <= 1.0'
	target "$(num "$BIG")-record zone: zonelint ≤ 1/3 of named-checkzone (zonelint ÷ named-checkzone)" \
	    "$(ratio "$(get "$b".zl 2)" "$(get "$b".named 2)")" 'v <= 1/3'
	target "$(num "$BIG")-record zone: zonelint faster than kzonecheck (zonelint ÷ kzonecheck < 1)" \
	    "$(ratio "$(get "$b".zl 2)" "$(get "$b".knot 2)")" 'v < 1.0'
	if [ "$(get "$b".validns 2)" != - ] && [ -n "$(get "$b".validns 2)" ]; then
		target "$(num "$BIG")-record zone: zonelint faster than validns (zonelint ÷ validns < 1)" \
		    "$(ratio "$(get "$b".zl 2)" "$(get "$b".validns 2)")" 'v < 1.0'
	else
		# validns refuses CAA: compare per record with its run on the
		# zone without CAA (time ÷ records, each).
		target "$(num "$BIG")-record zone: zonelint faster than validns (validns rejects CAA: zonelint ÷ validns per record, validns on the zone without CAA)" \
		    "$(awk -v a="$(get "$b".zl 2)" -v b="$(get "$b".validns-nocaa 2)" \
			-v ra="$BIG" -v rb="$(sed -n 's/^floor: \([0-9]*\) records.*/\1/p' "$TMP/out.$b.floor-nocaa" 2>/dev/null)" \
			'BEGIN { if (a == "" || b == "" || b + 0 == 0 || rb + 0 == 0) print "n/a"; else printf "%.2f", (a / ra) / (b / rb) }')" 'v < 1.0'
	fi
	target "$(num "$BIG")-record zone: zonelint -j 2 ≤ 0.6 of floor" \
	    "$(ratio "$(get "$b".zl2 2)" "$(get "$b".floor 2)")" 'v <= 0.6' \
	    "$(get "$b".zl2 6)"
	target "$(num "$BIG")-record zone: zonelint peak RSS ≤ 48 MiB (names kept and compared by their bytes)" \
	    "$(mib "$(get "$b".zl 3)")" 'v <= 48'
	target "$(num "$BIG")-record zone: full lint within 2.0× simdzone's parse (zonelint ÷ simdzone \`zone-bench parse\`)" \
	    "$(zl_sz "$b".zl "$b".sz)" 'v <= 2.0' \
	    "$(sz_bad "$b".sz)$(get "$b".sz 6)"
	if [ "$DELEG" -gt 0 ]; then
		target "$(num "$DELEG")-record delegation zone: full lint (--profile none) within 2.0× simdzone's parse (zonelint ÷ simdzone)" \
		    "$(zl_sz dz.zl dz.sz)" 'v <= 2.0' "$(sz_bad dz.sz)$(get dz.sz 6)"
	fi
	target "$(num "$BIG")-record zone: zonelint finds no error (exit status, summary)" \
	    "$(get "$b".zl 5)" 'v == 0'
	target "$(num "$SMALL") small zones: one zonelint call ≤ 2× the one-process floor (zonelint ÷ floor)" \
	    "$(ratio "$(get sz.zl 2)" "$(get sz.floor 2)")" 'v <= 2.0'
	target "$(num "$SMALL") small zones: ≥ 150× faster than named-checkzone once per file (named-checkzone ÷ zonelint)" \
	    "$(ratio "$(get sz.named 2)" "$(get sz.zl 2)")" 'v >= 150'
	target "$(num "$SMALL") small zones: -j 2 at least 1.7× faster than -j 1 (-j 1 ÷ -j 2)" \
	    "$(ratio "$(get sz.zl1 2)" "$(get sz.zl2 2)")" 'v >= 1.7' \
	    "$(get sz.zl2 6)"
	target "zonegen, $(num "$DOMAINS") domains (bind) faster than ldns parses its output (zonegen ÷ floor < 1)" \
	    "$(ratio "$(get zg.bind 2)" "$(get zg.floor 2)")" 'v < 1.0'
	for f in bind nsupdate json; do
		target "zonegen --format $f: memory flat (RSS at $(num "$DOMAINS") ÷ RSS at $(num $((DOMAINS / 10))) domains ≤ 1.10)" \
		    "$(ratio "$(get "zg.$f" 3)" "$(get "zg10.$f" 3)")" 'v <= 1.10'
	done
	target "SPF lookups of 1,000 names including 10 others each, sanitizer build: under 1 s (seconds)" \
	    "$(get spf.san 2)" 'v < 1.0'
	target "correctness: every planted defect found (found ÷ planted)" \
	    "${HITS:-0}/${KEYS:-0}" "${MISSES:-1} == 0 && ${KEYS:-0} > 0"
	target "correctness: no finding in the clean zones" \
	    "${FALSEPOS:-n/a}" 'v == 0'
	echo
	cat "$TMP/scaling.md"
} >"$TMP/report.md"

cp "$TMP/report.md" "$OUT"
cat "$TMP/report.md"
say "written to $OUT"
