#!/usr/bin/env bash
# Quick start, step 1: set up, then run the main job on the embedded default stack: the offline check of
# `dev` (the real program under Pulumi's mocks: no cloud, no cluster, no Pulumi CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/node-env.sh
node dist/cli/main.js check --stack dev
