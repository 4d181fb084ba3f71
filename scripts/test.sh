#!/usr/bin/env bash
# The one test command: builds every module and runs every test suite (unit, integration, interop).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B verify
