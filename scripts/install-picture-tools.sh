#!/usr/bin/env bash
# Debian's Graphviz and Chromium, which tests/graph-picture.test.ts uses to render `strata graph`'s DOT and load
# its HTML (without them those tests skip, saying so). Idempotent: nothing happens when both are on PATH.
# Never fails: a machine without apt-get, without root or without the Debian mirror gets a printed reason.
set -uo pipefail
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  echo "picture tools: graphviz and chromium are installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "picture tools: not installing ${missing[*]}: no apt-get here; the graph tests that need them will skip"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "picture tools: not installing ${missing[*]}: apt-get needs root (sudo apt-get install -y ${missing[*]}); the graph tests that need them will skip"
  exit 0
fi
echo "picture tools: installing ${missing[*]} from Debian's packages"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/tmp/strata-picture-tools.log 2>&1; then
  echo "picture tools: apt-get failed (see /tmp/strata-picture-tools.log; last lines below); the graph tests that need ${missing[*]} will skip"
  tail -5 /tmp/strata-picture-tools.log
fi
exit 0
