#!/usr/bin/env bash
# Builds the server fat jar and starts it on the embedded SQLite store (./sustain.db), port 8001.
# Extra arguments are passed to `serve` (e.g. --port 9000 --db /tmp/s.db --debug).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B -DskipTests package -pl server -am
exec java -jar server/target/sustain-server.jar serve "$@"
