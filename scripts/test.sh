#!/usr/bin/env bash
# Quick start, step 2: the test suite (type check, build, mocha) on Node 22+.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm test
