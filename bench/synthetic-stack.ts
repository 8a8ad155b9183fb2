import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";

/**
 * A project directory holding the project's Pulumi.yaml and a stack with `count` application layers, each
 * calling its neighbours and using a data service: the shape of the default layers, at scale.
 */
export function writeSyntheticProject(projectDir: string, into: string, stack: string, count: number): void {
  fs.mkdirSync(into, { recursive: true });
  fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(into, "Pulumi.yaml"));
  const name = (i: number) => `layer-${String(i).padStart(3, "0")}`;
  const layers = Array.from({ length: count }, (_, i) => ({
    name: name(i),
    image: "ghcr.io/stefanprodan/podinfo:6.9.1",
    capacityClass: i % 2 ? "spot" : "on-demand",
    peers: [i > 0 ? name(i - 1) : undefined, i < count - 1 ? name(i + 1) : undefined].filter(Boolean),
    dataServices: i % 3 === 0 ? { kafka: { read: [], write: [] } } : { redis: {} },
    autoscaling: { maxReplicas: 6 },
  }));
  // Karpenter's pools bounded with room for every layer's peak (the check refuses a peak past a pool's limit).
  const limits = { cpu: Math.max(48, count * 4), memory: `${Math.max(192, count * 16)}Gi` };
  const karpenter = { pools: { spot: { limits }, "on-demand": { limits } } };
  const config = { config: { "aws:region": "eu-west-1", "strata:profile": "prod", "strata:replaceDefaults": ["layers"], "strata:layers": layers, "strata:karpenter": karpenter } };
  fs.writeFileSync(path.join(into, `Pulumi.${stack}.yaml`), stringify(config));
}
