#!/usr/bin/env bash
# Runs the test suite under the thread sanitizer (a separate build folder, so the normal
# build is untouched). Any data race fails the run.
#   scripts/sanitize.sh            # every test
#   scripts/sanitize.sh Concurrency  # only tests matching a filter
set -euo pipefail
cd "$(dirname "$0")/.."
filter=${1:-}
args=(--sanitize=thread --scratch-path .build-tsan)
if [[ -n "$filter" ]]; then args+=(--filter "$filter"); fi
TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}" swift test "${args[@]}"
