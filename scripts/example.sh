#!/usr/bin/env bash
# Runs the README's TypeScript SDK example (examples/typescript) against a freshly started server jar on a
# temporary embedded store, and checks the printed result. Needs server/target/sustain-server.jar.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="${SUSTAIN_JAR:-$root/server/target/sustain-server.jar}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
url="http://127.0.0.1:$port"
java -jar "$jar" serve --port "$port" --bind 127.0.0.1 --db "$work/example.db" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fs "$url/health" >/dev/null 2>&1 && break
  sleep 0.2
done

cd "$root/examples/typescript"
npm ci --no-audit --no-fund --loglevel=error
RESONATE_URL="$url" node worker.js >"$work/worker.log" 2>&1 &
pids+=($!)
expected='{"greeting":"Hello, Sustain!","length":15}'
actual="$(RESONATE_URL="$url" timeout 60 node invoke.js)"
echo "example printed: $actual"
if [[ "$actual" != "$expected" ]]; then
  echo "example: expected $expected" >&2
  cat "$work/server.log" "$work/worker.log" >&2
  exit 1
fi
