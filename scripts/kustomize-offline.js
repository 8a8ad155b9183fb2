#!/usr/bin/env node
// `kubectl kustomize` on a rendered tree without the network: the tree is copied with every
// kustomization's helmCharts entries set aside (inflating a chart downloads it), the real kubectl from
// .tools/kube builds the copy, and the built YAML goes to stdout; the charts set aside are named on stderr.
// With the network, `kubectl kustomize --enable-helm --helm-command .tools/kube/helm3 <tree>` builds the whole
// tree, charts included (kustomize 5.7 drives Helm 3 only).
// Usage: node scripts/kustomize-offline.js <rendered tree>   (after the build: it uses dist/)
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { withoutHelmCharts } = require("../dist/render/without-helm-charts");

const tree = process.argv[2];
if (!tree || !fs.existsSync(path.join(tree, "kustomization.yaml"))) {
  process.stderr.write("usage: node scripts/kustomize-offline.js <rendered tree with a kustomization.yaml>\n");
  process.exit(1);
}
const kube = execFileSync(process.execPath, [path.join(__dirname, "install-kube-tools.js")], { encoding: "utf8" }).trim();
const { dir, charts } = withoutHelmCharts(tree);
try {
  for (const [file, entries] of charts) {
    process.stderr.write(`set aside in ${file}: ${entries.map((e) => `${e.name}@${e.version}`).join(", ")}\n`);
  }
  const r = spawnSync(path.join(kube, "kubectl"), ["kustomize", dir], { stdio: ["ignore", "inherit", "inherit"] });
  process.exitCode = r.status ?? 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
