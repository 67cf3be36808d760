#!/usr/bin/env bash
# bench/run.sh: the load harness of issue 15. It measures the mock side by
# side with Prism (mocking our own two specs from their static examples) and
# with a bare net/http server writing the very bytes the mock answered, and
# prints one markdown report on stdout (progress goes to stderr).
#
#   bash bench/run.sh            # full: 3 runs of 10 s per endpoint and server (~13 min)
#   bash bench/run.sh --short    # 3 runs of 1 s: proves the script works (~2 min)
#   bash bench/run.sh --no-prism # without Prism (no npm)
#
# Method: the server under test is pinned to one core and wrk to the other
# (taskset), 32 connections, one wrk thread; each configuration gets a
# warm-up run, then the runs are interleaved (mock, Prism, bare, mock, ...) so
# that a drifting machine load hits all three alike; the table shows medians.
# The mock runs as users run it (request and response validation on), with
# the bench scenario (Konnector's rate limit off) and request logging at
# warn on both the mock and Prism. Not run by CI: it needs quiet cores.
#
# Needs: go, curl, taskset, wrk (installed with apt-get when missing), and
# node/npm for Prism (installed pinned into bench/.prism/node_modules).
set -euo pipefail

# ---------------------------------------------------------------------------
# What is measured: edit here.
# label | vendor | method | path on the mock | JSON body (empty: none)
ENDPOINTS=(
	'SkyLight GET /linkedin/overview|skylight|GET|/api/v1/linkedin/overview|'
	'SkyLight POST /linkedin/sourcing/search|skylight|POST|/api/v1/linkedin/sourcing/search|{"title":"Marketing Manager","limit":10}'
	'SkyLight GET /account/subscription|skylight|GET|/api/v1/account/subscription|'
	'SkyLight POST /messages/send|skylight|POST|/api/v1/messages/send|{"contact_id":418,"message":"Hello from bench/run.sh"}'
	'Konnector GET /user-campaign-filters|konnector|GET|/social_app/api/v1/third_party/user-campaign-filters|'
	'Konnector POST /campaign-info, limit 10|konnector|POST|/social_app/api/v1/third_party/campaign-info|{"limit":10}'
)
# The endpoints (by label) measured with 64 keys in turn against one key.
KEY_ENDPOINTS=('SkyLight GET /linkedin/overview' 'Konnector GET /user-campaign-filters')
MANY_KEYS=64
# Each vendor: its key header, its base path on the mock (Prism serves the
# spec's paths without the server's base path) and its spec.
declare -A KEY_HEADER=([skylight]='X-Api-Key' [konnector]='Authorization')
declare -A BASE_PATH=([skylight]='/api/v1' [konnector]='/social_app/api/v1/third_party')
declare -A SPEC=([skylight]='openapi/skylight.yaml' [konnector]='openapi/konnector.yaml')
# ---------------------------------------------------------------------------

DURATION=${BENCH_DURATION:-10}   # seconds per run
WARMUP=${BENCH_WARMUP:-2}        # seconds of the uncounted first run
RUNS=${BENCH_RUNS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
FRESH_KEYS=${BENCH_FRESH_KEYS:-200} # first requests timed, per vendor
STARTS=${BENCH_STARTS:-5}           # startups timed
SERVER_CPU=${BENCH_SERVER_CPU:-0}
LOAD_CPU=${BENCH_LOAD_CPU:-1}
MOCK_PORT=${BENCH_PORT:-18080}     # Prism: +1 (SkyLight), +2 (Konnector); bare: +3
CLOCK_START=2025-05-11T09:00:00Z   # pinned: the same worlds on every run
PRISM=1

for arg in "$@"; do
	case $arg in
	--short) DURATION=1 WARMUP=1 STARTS=3 FRESH_KEYS=100 ;;
	--no-prism) PRISM=0 ;;
	-h | --help) sed -n '2,20p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
OUT=bench/out
mkdir -p "$OUT"
log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

# ---- tools ----------------------------------------------------------------
for t in go curl taskset; do command -v $t >/dev/null || die "$t is needed"; done
if ! command -v wrk >/dev/null; then
	log "installing wrk (Debian package)"
	{ apt-get update -qq && apt-get install -y -qq wrk; } >"$OUT/apt.log" 2>&1 || die "apt-get install wrk failed: see $OUT/apt.log"
fi
[ "$(nproc)" -ge 2 ] || die "needs two cores (server and load generator on separate ones)"
PRISM_BIN=bench/.prism/node_modules/.bin/prism
if [ $PRISM = 1 ] && [ ! -x $PRISM_BIN ]; then
	command -v npm >/dev/null || die "npm is needed for Prism (or pass --no-prism)"
	log "installing Prism (bench/.prism/package-lock.json)"
	(cd bench/.prism && npm ci --no-audit --no-fund --loglevel=error) >"$OUT/npm.log" 2>&1 || die "npm ci failed: see $OUT/npm.log"
fi
log "building the mock and the bare server"
go build -o "$OUT/linkedin-mock" ./cmd/linkedin-mock
go build -o "$OUT/bare" ./bench/bare
# From here on this shell and what it starts (curl, wrk) run on the load
# generator's core; each server is started on the server's core.
taskset -cp "$LOAD_CPU" $$ >/dev/null

# ---- processes --------------------------------------------------------------
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

now_ns() { date +%s%N; }
# wait_http URL PID: polls until URL answers any HTTP status (30 s at most).
wait_http() {
	local deadline=$(($(now_ns) + 30000000000))
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null)" != 000 ]; do
		kill -0 "$2" 2>/dev/null || die "the server for $1 exited; see $OUT/*.log"
		[ "$(now_ns)" -lt $deadline ] || die "$1 did not answer within 30 s"
	done
}
start_mock() { # start_mock LOG: starts the mock pinned, sets MOCK_PID
	taskset -c "$SERVER_CPU" "$OUT/linkedin-mock" serve --addr "127.0.0.1:$MOCK_PORT" --scenario bench/bench.yaml \
		--clock-start $CLOCK_START --log-level warn >"$1" 2>&1 &
	MOCK_PID=$!
}
start_prism() { # start_prism VENDOR PORT: starts Prism pinned, sets PRISM_PID
	taskset -c "$SERVER_CPU" $PRISM_BIN mock -h 127.0.0.1 -p "$2" -v warn "${SPEC[$1]}" >"$OUT/prism-$1.log" 2>&1 &
	PRISM_PID=$!
}
rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# median of the numbers on stdin (the lower middle for an even count).
median() { sort -g | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]}'; }

# ---- startup to healthy ------------------------------------------------------
# health_ok: one GET /__admin/health in plain bash (/dev/tcp): no process is
# started per poll, so the poll does not slow the start it times.
health_ok() {
	local line=
	exec 3<>"/dev/tcp/127.0.0.1/$MOCK_PORT" || return 1
	printf 'GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
	IFS= read -r line <&3 || true
	exec 3<&- 3>&-
	[[ $line == "HTTP/1.1 200"* ]]
}
log "timing $STARTS startups of the mock"
starts=()
for _ in $(seq "$STARTS"); do
	t0=$(now_ns)
	start_mock "$OUT/mock-start.log"
	until health_ok 2>/dev/null; do
		kill -0 $MOCK_PID 2>/dev/null || die "the mock exited: $(cat "$OUT/mock-start.log")"
	done
	starts+=($((($(now_ns) - t0) / 1000000)))
	kill $MOCK_PID; wait $MOCK_PID 2>/dev/null || true
done
MOCK_START_MS=$(printf '%s\n' "${starts[@]}" | median)
PRISM_START_MS=-
if [ $PRISM = 1 ]; then
	log "timing a Prism startup"
	t0=$(now_ns)
	start_prism skylight $((MOCK_PORT + 1)); PIDS+=($PRISM_PID)
	wait_http "http://127.0.0.1:$((MOCK_PORT + 1))/" $PRISM_PID
	PRISM_START_MS=$((($(now_ns) - t0) / 1000000))
	start_prism konnector $((MOCK_PORT + 2)); PIDS+=($PRISM_PID)
	wait_http "http://127.0.0.1:$((MOCK_PORT + 2))/" $PRISM_PID
fi

# ---- the servers under test ---------------------------------------------------
start_mock "$OUT/mock.log"; PIDS+=($MOCK_PID)
wait_http "http://127.0.0.1:$MOCK_PORT/__admin/health" $MOCK_PID
: >"$OUT/endpoints.tsv"
for e in "${ENDPOINTS[@]}"; do
	IFS='|' read -r label vendor method path body <<<"$e"
	printf '%s\t%s\t%s\t%s\n' "$method" "$path" "${KEY_HEADER[$vendor]}" "$body" >>"$OUT/endpoints.tsv"
done
taskset -c "$SERVER_CPU" "$OUT/bare" -addr "127.0.0.1:$((MOCK_PORT + 3))" -mock "http://127.0.0.1:$MOCK_PORT" \
	-endpoints "$OUT/endpoints.tsv" >"$OUT/bare.log" 2>&1 &
BARE_PID=$!; PIDS+=($BARE_PID)
wait_http "http://127.0.0.1:$((MOCK_PORT + 3))/" $BARE_PID

# url SERVER VENDOR PATH: where SERVER (mock, prism or bare) serves PATH.
url() {
	case $1 in
	mock) echo "http://127.0.0.1:$MOCK_PORT$3" ;;
	bare) echo "http://127.0.0.1:$((MOCK_PORT + 3))$3" ;;
	prism)
		local port=$((MOCK_PORT + 1))
		[ "$2" = konnector ] && port=$((MOCK_PORT + 2))
		echo "http://127.0.0.1:$port${3#"${BASE_PATH[$2]}"}" ;;
	esac
}

# wrk_run SECONDS URL METHOD BODY KEYHEADER KEYS: one pinned wrk run; prints
# "req/s p99_ms non2xx errors".
wrk_run() {
	local out
	out=$(BENCH_METHOD=$3 BENCH_BODY=$4 BENCH_KEY_HEADER=$5 BENCH_KEYS=$6 \
		taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$1"s --latency -s bench/request.lua "$2" 2>&1) || {
		echo "$out" >&2; die "wrk failed on $2"
	}
	echo "$out" >>"$OUT/wrk.log"
	awk '
		/Requests\/sec:/ {rps = $2}
		/^ +99%/ {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
			p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v}
		/Non-2xx or 3xx responses:/ {bad = $NF}
		/Socket errors:/ {gsub(/,/, ""); err = $4 + $6 + $8 + $10}
		END {printf "%s %s %d %d\n", rps, p99, bad, err}' <<<"$out"
}

# check SERVER VENDOR METHOD PATH BODY: one request must answer 2xx; prints its size.
check() {
	local h=() code size
	[ -n "$5" ] && h=(-H 'Content-Type: application/json' --data-raw "$5")
	read -r code size < <(curl -s -o /dev/null -w '%{http_code} %{size_download}\n' -X "$3" \
		-H "${KEY_HEADER[$2]}: bench-key" "${h[@]}" "$(url "$1" "$2" "$4")")
	if [ "${code:0:1}" != 2 ]; then
		log "$1 answered $code to $3 $4"
		return 1
	fi
	echo "$size"
}

SERVERS=(mock bare)
[ $PRISM = 1 ] && SERVERS=(mock prism bare)
declare -A RPS P99 BAD SIZE
NOTES=()
for e in "${ENDPOINTS[@]}"; do
	IFS='|' read -r label vendor method path body <<<"$e"
	serving=()
	for s in "${SERVERS[@]}"; do
		if ! size=$(check "$s" "$vendor" "$method" "$path" "$body"); then
			[ "$s" = prism ] || die "$label: the $s server does not answer it"
			NOTES+=("$label: Prism answers it with a non-2xx status (in the progress output): not measured on Prism")
			continue
		fi
		serving+=("$s")
		[ "$s" = mock ] && SIZE[$label]=$size
		log "$label: warm-up on $s"
		wrk_run "$WARMUP" "$(url "$s" "$vendor" "$path")" "$method" "$body" "${KEY_HEADER[$vendor]}" 0 >/dev/null
	done
	declare -A runs_rps=() runs_p99=()
	for i in $(seq "$RUNS"); do
		for s in "${serving[@]}"; do
			res=$(wrk_run "$DURATION" "$(url "$s" "$vendor" "$path")" "$method" "$body" "${KEY_HEADER[$vendor]}" 0)
			read -r rps p99 bad err <<<"$res"
			log "$label: $s run $i: $rps req/s, p99 $p99 ms"
			runs_rps[$s]+="$rps "; runs_p99[$s]+="$p99 "
			if [ "$bad" -gt 0 ] || [ "$err" -gt 0 ]; then
				NOTES+=("$label on $s, run $i: $bad non-2xx answers, $err socket errors")
			fi
		done
	done
	for s in "${serving[@]}"; do
		RPS[$label,$s]=$(tr ' ' '\n' <<<"${runs_rps[$s]}" | grep . | median)
		P99[$label,$s]=$(tr ' ' '\n' <<<"${runs_p99[$s]}" | grep . | median)
	done
	unset runs_rps runs_p99
done

# ---- many keys against one ------------------------------------------------------
declare -A KEYS_RPS
for label in "${KEY_ENDPOINTS[@]}"; do
	found=
	for e in "${ENDPOINTS[@]}"; do [ "${e%%|*}" = "$label" ] && found=$e; done
	[ -n "$found" ] || die "KEY_ENDPOINTS names $label, which ENDPOINTS does not list"
	IFS='|' read -r label vendor method path body <<<"$found"
	u=$(url mock "$vendor" "$path")
	for k in 1 $MANY_KEYS; do # the warm-up makes the keys' worlds
		wrk_run "$WARMUP" "$u" "$method" "$body" "${KEY_HEADER[$vendor]}" $k >/dev/null
	done
	declare -A kr=()
	for i in $(seq "$RUNS"); do
		for k in 1 $MANY_KEYS; do
			res=$(wrk_run "$DURATION" "$u" "$method" "$body" "${KEY_HEADER[$vendor]}" $k)
			read -r rps p99 bad err <<<"$res"
			log "$label: $k key(s) run $i: $rps req/s"
			kr[$k]+="$rps "
			if [ "$bad" -gt 0 ] || [ "$err" -gt 0 ]; then
				NOTES+=("$label with $k keys, run $i: $bad non-2xx answers, $err socket errors")
			fi
		done
	done
	for k in 1 $MANY_KEYS; do KEYS_RPS[$label,$k]=$(tr ' ' '\n' <<<"${kr[$k]}" | grep . | median); done
	unset kr
done

# ---- first request of a new key ---------------------------------------------------
declare -A FIRST FIRST_LABEL
for vendor in skylight konnector; do
	found=
	for e in "${ENDPOINTS[@]}"; do IFS='|' read -r l v m p b <<<"$e"; [ "$v" = $vendor ] && [ -z "$found" ] && found=$e; done
	[ -n "$found" ] || continue
	IFS='|' read -r label v method path body <<<"$found"
	h=()
	[ -n "$body" ] && h=(-H 'Content-Type: application/json' --data-raw "$body")
	log "$label: first request of $FRESH_KEYS new keys"
	for i in $(seq "$FRESH_KEYS"); do
		taskset -c "$LOAD_CPU" curl -s -o /dev/null -w '%{time_total}\n' -X "$method" \
			-H "${KEY_HEADER[$vendor]}: fresh-$vendor-$i-$$" "${h[@]}" "$(url mock "$vendor" "$path")"
	done | sort -g >"$OUT/first-$vendor.txt"
	FIRST[$vendor]=$(awk '{v[NR] = $1 * 1000} END {
		p = int(NR * 0.99 + 0.999); if (p > NR) p = NR
		printf "%.1f ms (p50 %.1f ms, max %.1f ms)", v[p], v[int((NR + 1) / 2)], v[NR]}' "$OUT/first-$vendor.txt")
	FIRST_LABEL[$vendor]=$label
done

MOCK_RSS=$(rss_mib $MOCK_PID)
PRISM_RSS=-
if [ $PRISM = 1 ]; then
	PRISM_RSS=0
	for p in "${PIDS[@]}"; do
		[ "$p" = $MOCK_PID ] || [ "$p" = $BARE_PID ] || PRISM_RSS=$((PRISM_RSS + $(rss_mib "$p")))
	done
fi

# ---- report ------------------------------------------------------------------------
k() { awk -v v="$1" 'BEGIN {if (v == "" || v == "-") print "-"; else if (v >= 1000) printf "%.1fk", v / 1000; else printf "%.0f", v}'; }
kb() { awk -v v="$1" 'BEGIN {if (v >= 1000) printf "%.1f KB", v / 1000; else printf "%d B", v}'; }
ratio() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN {if (a == "" || b == "" || b == 0) print "-"; else if (f == "x") printf "%.1fx", a / b; else printf "%.0f%%", 100 * a / b}'; }
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mode="$RUNS runs of ${DURATION} s"
[ "$DURATION" -lt 10 ] && mode="$mode (SHORT: proves the script, not the speed)"
cat <<EOF
## bench/run.sh, $(date -u '+%Y-%m-%d %H:%M UTC')

Machine: $(getconf _NPROCESSORS_ONLN) cores ($cpu), $(uname -sr), $(go version | awk '{print $3}'), load average at the end $(cut -d' ' -f1-3 /proc/loadavg).
Method: server on core $SERVER_CPU, wrk on core $LOAD_CPU, $CONNECTIONS connections, $mode, medians; mock with request and
response validation on, scenario bench/bench.yaml; Prism $( [ $PRISM = 1 ] && node -e 'console.log(require("./bench/.prism/node_modules/@stoplight/prism-cli/package.json").version)' || echo "not run") on the same specs (static examples).

| endpoint | mock req/s | Prism req/s | bare req/s | mock / Prism | mock / bare | mock p99 |
|---|---:|---:|---:|---:|---:|---:|
EOF
for e in "${ENDPOINTS[@]}"; do
	label=${e%%|*}
	m=${RPS[$label,mock]}; b=${RPS[$label,bare]}; p=${RPS[$label,prism]:-}
	printf '| %s (%s) | %s | %s | %s | %s | %s | %s ms |\n' "$label" "$(kb "${SIZE[$label]}")" "$(k "$m")" "$(k "$p")" "$(k "$b")" \
		"$(ratio "$m" "$p" x)" "$(ratio "$m" "$b" %)" "${P99[$label,mock]}"
done
echo
echo "| many keys (mock) | 1 key req/s | $MANY_KEYS keys req/s | $MANY_KEYS keys / 1 key |"
echo "|---|---:|---:|---:|"
for label in "${KEY_ENDPOINTS[@]}"; do
	one=${KEYS_RPS[$label,1]}; many=${KEYS_RPS[$label,$MANY_KEYS]}
	printf '| %s | %s | %s | %s |\n' "$label" "$(k "$one")" "$(k "$many")" "$(ratio "$many" "$one" %)"
done
echo
echo "First request of a new key (its world made), p99 over $FRESH_KEYS keys, timed by curl:"
for vendor in skylight konnector; do
	[ -n "${FIRST[$vendor]:-}" ] && echo "- ${FIRST_LABEL[$vendor]}: ${FIRST[$vendor]}"
done
echo
echo "Startup to healthy: mock $MOCK_START_MS ms (median of $STARTS, polling /__admin/health from bash); Prism $PRISM_START_MS ms (one spec, first HTTP answer)."
echo "RSS at the end: mock $MOCK_RSS MiB; Prism $PRISM_RSS MiB (both processes)."
if [ ${#NOTES[@]} -gt 0 ]; then
	echo; echo "Failures during the runs (the figures above include them):"
	printf -- '- %s\n' "${NOTES[@]}"
fi
