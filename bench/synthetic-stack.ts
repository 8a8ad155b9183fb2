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
  const config = { config: { "aws:region": "eu-west-1", "strata:profile": "prod", "strata:layers": layers } };
  fs.writeFileSync(path.join(into, `Pulumi.${stack}.yaml`), stringify(config));
}
