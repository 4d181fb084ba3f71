#!/usr/bin/env bash
# The bench's smoke run (about 10 s of load, called by the test script): starts the server jar on a temporary
# embedded database, runs one HTTP and one WebSocket promise.create scenario for ~5 s each, and prints their
# tables and the report. It checks that the tool works and asserts no speed: it fails only if the tool itself
# fails or every request of a scenario errored.
set -euo pipefail
exec "$(dirname "$0")/bench.sh" --smoke "$@"
