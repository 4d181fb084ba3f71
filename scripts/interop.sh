#!/usr/bin/env bash
# Interop suite: the unmodified official TypeScript SDK (@resonatehq/sdk, pinned in
# interop/ts/package-lock.json) against a freshly started Sustain server jar.
#
#   scripts/interop.sh [harness options, e.g. --only 1,5 --keep --verbose]
#
# Needs node >= 20 and npm, and server/target/sustain-server.jar (build it first with
#   mvn -q -DskipTests package -pl server -am
# or set SUSTAIN_JAR). Set INTEROP_BUILD=1 to have this script run that build.
# Exits non-zero if any scenario fails (1) or the setup fails (2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/interop/ts"

if [[ "${INTEROP_BUILD:-0}" == "1" ]]; then
  (cd "$root" && mvn -q -DskipTests package -pl server -am)
fi

jar="${SUSTAIN_JAR:-$root/server/target/sustain-server.jar}"
if [[ ! -f "$jar" ]]; then
  echo "interop: server jar not found: $jar (build: mvn -q -DskipTests package -pl server -am)" >&2
  exit 2
fi

cd "$dir"
npm ci --no-audit --no-fund --loglevel=error
exec node harness.js --jar "$jar" "$@"
