#!/usr/bin/env bash
# Sustain's standard benchmark. Builds the server and bench jars, starts PostgreSQL (scripts/pg-up.sh) on a fresh
# database, measures the ceiling (a minimal Vert.x server doing only the group-committed promise insert on that
# PostgreSQL), then starts the server on each store and runs the standard scenarios against it. Prints every figure
# with its ratio to the ceiling and writes bench/results/<UTC time>-<host>.{json,md}; the per-run results and the
# server logs stay in bench/results/tmp/<UTC time>/ (not committed).
#
#   scripts/bench.sh [--duration S] [--warmup S] [--stores "embedded postgres"] [--skip-build] [--smoke]
#
# --smoke (what scripts/bench-smoke.sh runs in CI): only the embedded store on a temporary database, one HTTP and
# one WebSocket scenario of 1 s warm-up + 4 s each, results in a temporary directory; it fails only if the tool
# fails or every request of a scenario errored, and asserts no speed. It builds the jars only if they are missing.
#
# Environment (flags win): BENCH_DURATION (measured seconds per scenario, default 15), BENCH_WARMUP (default 5),
# BENCH_STORES (default "embedded postgres"), SUSTAIN_PG_DB (database, default sustain_bench; it is dropped and
# recreated), SUSTAIN_PG_PORT (default 5432), SUSTAIN_SERVER_JAR / SUSTAIN_BENCH_JAR (prebuilt jars, with --skip-build).
#
# Everything runs on this machine: generator, servers and PostgreSQL share its cores, so run it on an otherwise
# idle machine; each result records the load average before and after it.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${BENCH_DURATION:-15}"
warmup="${BENCH_WARMUP:-5}"
stores="${BENCH_STORES:-embedded postgres}"
build=1
smoke=0
command_line="scripts/bench.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --stores) stores="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    --smoke) smoke=1; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
command_line="BENCH_DURATION=$duration BENCH_WARMUP=$warmup BENCH_STORES=\"$stores\" $command_line"

server_jar="${SUSTAIN_SERVER_JAR:-server/target/sustain-server.jar}"
bench_jar="${SUSTAIN_BENCH_JAR:-bench/target/sustain-bench.jar}"
stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
work="bench/results/tmp/$stamp"
report_dir=bench/results
if [[ "$smoke" == 1 ]]; then
  duration=4
  warmup=1
  stores=embedded
  work="$(mktemp -d -t sustain-bench-smoke.XXXXXX)"
  report_dir="$work"
  if [[ -f "$server_jar" && -f "$bench_jar" ]]; then build=0; fi
fi
mkdir -p "$work"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

free_port() {
  # A port nothing answers on: connecting to it is refused.
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "bench: no free port found" >&2
  return 1
}

wait_healthy() {
  # GET /health until 200, with bash's /dev/tcp so the script needs no HTTP client.
  local port="$1" pid="$2" log="$3" line status
  for _ in $(seq 1 150); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: the process on port $port exited; its log ($log):" >&2
      tail -20 "$log" >&2
      return 1
    fi
    line="$( (exec 3<>"/dev/tcp/127.0.0.1/$port" &&
      printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 &&
      read -r -t 2 status <&3 && echo "$status") 2>/dev/null || true)"
    if [[ "$line" == *" 200"* ]]; then return 0; fi
    sleep 0.2
  done
  echo "bench: nothing healthy on port $port after 30 s; log ($log):" >&2
  tail -20 "$log" >&2
  return 1
}

stop() {
  local pid="$1"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

failures=0
run_index=0
load() {
  # load LABEL STORE URL [load flags...]: one scenario, its JSON result numbered so the report keeps the order.
  local label="$1" store="$2" url="$3"
  shift 3
  run_index=$((run_index + 1))
  local out
  out="$work/$(printf '%02d' "$run_index")-$label.json"
  echo
  echo "=== $label"
  if ! java -jar "$bench_jar" load --url "$url" --store "$store" --label "$label" --duration "$duration" \
      --warmup "$warmup" --out "$out" "$@"; then
    echo "bench: $label failed" >&2
    failures=$((failures + 1))
  fi
}

warm() {
  # warm STORE URL: untimed load on a freshly started JVM, so that the first measured scenario does not pay alone
  # for the JIT compilation that every later one is spared.
  local store="$1" url="$2" seconds=8
  if [[ "$smoke" == 1 ]]; then return 0; fi
  echo
  echo "=== warming up $url (not measured)"
  java -jar "$bench_jar" load --url "$url" --store "$store" --label warm-up --scenario create --transport http \
    --connections 64 --duration "$seconds" --warmup 0 >/dev/null || true
  if [[ "$store" != ceiling ]]; then
    java -jar "$bench_jar" load --url "$url" --store "$store" --label warm-up --scenario create-settle \
      --transport ws --connections 2 --in-flight 32 --duration "$seconds" --warmup 0 >/dev/null || true
    # The task paths (acquire, fulfill, SSE and WebSocket delivery) compile later than create: measured, the JIT
    # still used 0.4 cores 20 s into a first task run, which then ran at half the speed of a warm one.
    for workers in sse ws; do
      java -jar "$bench_jar" load --url "$url" --store "$store" --label warm-up --scenario task --transport http \
        --connections 64 --worker-transport "$workers" --duration "$seconds" --warmup 0 >/dev/null || true
    done
  fi
}

if [[ "$build" == 1 ]]; then
  echo "building the server and bench jars"
  mvn -q -B -DskipTests package -pl server,bench -am
fi

# Run private copies: a rebuild of the shared target directories while the bench runs (another checkout user, an
# IDE) would otherwise swap the jar under a running JVM, which then fails to load its remaining classes.
cp "$server_jar" "$work/sustain-server.jar"
cp "$bench_jar" "$work/sustain-bench.jar"
server_jar="$work/sustain-server.jar"
bench_jar="$work/sustain-bench.jar"

pg_url=""
pg_version=""
if [[ " $stores " == *" postgres "* ]]; then
  db="${SUSTAIN_PG_DB:-sustain_bench}"
  pg_port="${SUSTAIN_PG_PORT:-5432}"
  SUSTAIN_PG_DB=postgres scripts/pg-up.sh >/dev/null
  # A fresh database each run, so every run starts from the same empty tables.
  psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null
  pg_url="$(SUSTAIN_PG_DB="$db" scripts/pg-up.sh | tail -1)"
  pg_version="$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -tAc 'SHOW server_version')"
  pg_settings="$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -tAc \
    "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN
     ('synchronous_commit', 'fsync', 'wal_sync_method', 'shared_buffers', 'max_connections', 'commit_delay')")"
  echo "PostgreSQL $pg_version at $pg_url ($pg_settings)"

  # Three ceiling variants, which differ only in pool size and batch limit: one connection per event loop, the
  # ceiling's defaults (4 connections, batches of up to 256) and many small transactions (16 connections, batches
  # of up to 64). The report takes the fastest as the ceiling; the set also shows what the pool settings alone are
  # worth on this machine's disk.
  for variant in "ceiling-1-per-loop" "ceiling" "ceiling-16x64"; do
    port="$(free_port)"
    flags=()
    if [[ "$variant" == ceiling-1-per-loop ]]; then flags=(--connections "$(nproc)"); fi
    if [[ "$variant" == ceiling-16x64 ]]; then flags=(--connections 16 --max-batch 64); fi
    echo
    echo "=== starting $variant on port $port"
    java -jar "$bench_jar" ceiling --port "$port" --pg-url "$pg_url" "${flags[@]}" >"$work/$variant.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    wait_healthy "$port" "$pid" "$work/$variant.log"
    cat "$work/$variant.log"
    warm ceiling "http://127.0.0.1:$port"
    load "$variant" ceiling "http://127.0.0.1:$port" --scenario create --transport http --connections 64
    stop "$pid"
  done
fi

for store in $stores; do
  port="$(free_port)"
  log="$work/server-$store.log"
  args=(serve --port "$port" --store "$store" --level warn)
  case "$store" in
    embedded) args+=(--db "$work/embedded.db") ;;
    postgres) args+=(--pg-url "$pg_url") ;;
    memory) ;;
    *) echo "bench: unknown store '$store'" >&2; exit 2 ;;
  esac
  echo
  echo "=== starting the server on the $store store, port $port"
  java -jar "$server_jar" "${args[@]}" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_healthy "$port" "$pid" "$log"
  url="http://127.0.0.1:$port"
  warm "$store" "$url"
  if [[ "$store" == postgres ]]; then
    # The database is new, so its tables have no statistics until autovacuum's first ANALYZE, and the server's
    # prepared statements are planned for empty tables: until then promise.create runs several times slower
    # (bench/results/NOTES.md). Analyze after the warm-up filled them, as autovacuum does on any live database.
    psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -c 'ANALYZE'
  fi

  if [[ "$smoke" == 1 ]]; then
    load "$store-http-create" "$store" "$url" --scenario create --transport http --connections 8
    load "$store-ws-create" "$store" "$url" --scenario create --transport ws --connections 1 --in-flight 16
    stop "$pid"
    continue
  fi
  load "$store-http-create" "$store" "$url" --scenario create --transport http --connections 64
  load "$store-ws-create" "$store" "$url" --scenario create --transport ws --connections 2 --in-flight 32
  load "$store-ws64-create" "$store" "$url" --scenario create --transport ws --connections 64 --in-flight 32
  load "$store-http-create-settle" "$store" "$url" --scenario create-settle --transport http --connections 64
  load "$store-ws-create-settle" "$store" "$url" --scenario create-settle --transport ws --connections 2 --in-flight 32
  load "$store-task-sse" "$store" "$url" --scenario task --transport http --connections 64 --workers 4 \
    --worker-transport sse
  max="$work/$(printf '%02d' "$run_index")-$store-task-sse.json"
  if [[ -f "$max" ]]; then
    load "$store-task-sse-half" "$store" "$url" --scenario task --transport http --connections 64 --workers 4 \
      --worker-transport sse --rate-of "$max" --rate-fraction 0.5
  fi
  load "$store-task-ws" "$store" "$url" --scenario task --transport ws --connections 2 --in-flight 32 --workers 4 \
    --worker-transport ws
  max="$work/$(printf '%02d' "$run_index")-$store-task-ws.json"
  if [[ -f "$max" ]]; then
    load "$store-task-ws-half" "$store" "$url" --scenario task --transport ws --connections 2 --in-flight 32 \
      --workers 4 --worker-transport ws --rate-of "$max" --rate-fraction 0.5
  fi
  load "$store-invoke-ws" "$store" "$url" --scenario invoke --transport ws --connections 4 --in-flight 16 \
    --workers 4 --worker-transport ws
  stop "$pid"
done

notes="- Server: \`server/target/sustain-server.jar\` (run from a copy), default settings (\`serve --store STORE --level warn\`); ceiling: \`ceiling\` defaults (4 PostgreSQL connections, batches of up to 256); ceiling-1-per-loop: \`--connections $(nproc)\` (one per event loop); ceiling-16x64: \`--connections 16 --max-batch 64\`
- Each server gets 32 s (the ceilings 8 s) of unmeasured load (create over HTTP, create-settle over WebSocket, task round trips with SSE and with WebSocket workers) after it starts, before its first scenario; the PostgreSQL database is then analyzed (\`ANALYZE\`), as autovacuum would have done on a live database
- Per scenario: $warmup s warm-up (discarded) + $duration s measured; generator threads = cores
- Results of each run and the server logs: \`$work/\`"
if [[ -n "$pg_version" ]]; then
  notes="$notes
- PostgreSQL settings: $pg_settings"
fi
java -jar "$bench_jar" report --in "$work" --out-dir "$report_dir" --name "$stamp-$(hostname -s)" \
  --command "$command_line" --pg-version "$pg_version" --notes "$notes"

if [[ "$smoke" == 1 ]]; then
  rm -rf "$work"
fi
if [[ "$failures" -gt 0 ]]; then
  echo "bench: $failures run(s) failed; see above" >&2
  exit 1
fi
