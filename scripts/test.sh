#!/usr/bin/env bash
# The one test command: builds every module and runs every suite — unit and integration tests (embedded store
# and a real local PostgreSQL), the official TypeScript SDK interop suite against the server jar on both stores,
# and a 10-second smoke run of the benchmark tool.
#
# It installs and starts what it needs: PostgreSQL (scripts/pg-up.sh) and the interop suite's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==== %s (%s)\n' "$*" "$(date +%T)"; }

step "PostgreSQL"
SUSTAIN_TEST_PG_URL="$(./scripts/pg-up.sh | tail -n 1)"
export SUSTAIN_TEST_PG_URL
# The PostgreSQL suites fail instead of skipping when the database is unreachable.
export SUSTAIN_PG_REQUIRED=1
interop_pg_url="$(SUSTAIN_PG_DB=sustain_interop ./scripts/pg-up.sh | tail -n 1)"

step "Maven: build, unit and integration tests"
mvn -B verify

step "Interop: official TypeScript SDK against the embedded store"
./scripts/interop.sh

step "Interop: official TypeScript SDK against PostgreSQL"
SUSTAIN_SERVER_ARGS="--store postgres --pg-url $interop_pg_url" ./scripts/interop.sh

step "README example: the TypeScript SDK on Sustain"
./scripts/example.sh

step "Benchmark smoke run"
./scripts/bench-smoke.sh

step "All suites passed"
